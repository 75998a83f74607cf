// A small shop registry with handlers that exercise every path of the adapter, and a server on
// an ephemeral loopback port. Included at the root of test crates (the `registry!` macro lives
// at a crate's root).

use contracts_axum::{RestApi, StaticTokens};
use contracts_core::{command, event, query, registry, ErrorCatalog, Model, NonEmptyString};
use contracts_runtime::{
    Actor, Ctx, Failure, InMemoryPublisher, PolicyDecision, PolicyRequest, Reply, Runtime,
};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::net::SocketAddr;
use std::time::Duration;

/// An order was placed.
#[event(key = "shop.order.placed", version = "1.0.0")]
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase")]
pub struct OrderPlaced {
    pub order_id: String,
    pub sku: String,
}

/// Why an order is not placed.
#[derive(Debug, PartialEq, ErrorCatalog)]
pub enum PlaceError {
    /// The item is out of stock.
    #[contract_error(http = 409, when = "The SKU is `sold-out`.")]
    OutOfStock,
}

/// Place an order.
#[command(key = "shop.order.place", version = "1.0.0", output = Placed, errors = PlaceError,
    emits(OrderPlaced(when = "The order is stored.")), policy(auth = "anonymous"))]
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, Model)]
#[serde(deny_unknown_fields)]
pub struct PlaceOrder {
    pub sku: NonEmptyString,
    pub quantity: u32,
}

/// A placed order, with the trace id its handler saw.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase")]
pub struct Placed {
    pub order_id: String,
    pub trace_id: String,
}

/// An order status.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Open,
    Shipped,
}

/// A price range.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, Model)]
#[serde(deny_unknown_fields)]
pub struct Range {
    pub min: u32,
    pub max: u32,
}

/// Search orders (the output echoes what the handler received).
#[query(key = "shop.order.search", version = "1.0.0", output = SearchEcho,
    policy(auth = "anonymous"))]
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, Model)]
#[serde(deny_unknown_fields)]
pub struct SearchOrders {
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ratio: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipped: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    #[serde(default)]
    pub ids: Vec<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price: Option<Range>,
}

/// What a search received.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, Model)]
pub struct SearchEcho {
    pub received: SearchOrders,
}

/// Forget every order.
#[command(key = "shop.admin.purge", version = "1.0.0", output = (), policy(auth = "admin"))]
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, Model)]
pub struct Purge {}

/// The caller's profile.
#[query(key = "shop.profile.get", version = "1.0.0", output = Profile, policy(auth = "user"))]
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, Model)]
pub struct GetProfile {}

/// A profile.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, Model)]
pub struct Profile {
    pub id: String,
}

/// Always panics.
#[command(key = "shop.chaos.panic", version = "1.0.0", output = String, policy(auth = "anonymous"))]
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, Model)]
pub struct Panic {}

/// Sleeps.
#[command(key = "shop.chaos.slow", version = "1.0.0", output = String, policy(auth = "anonymous"))]
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, Model)]
pub struct Slow {
    pub millis: u64,
}

/// Rate-limited by the decider.
#[query(key = "shop.order.hot", version = "1.0.0", output = String, policy(auth = "anonymous"))]
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, Model)]
pub struct Hot {}

/// Bound to nothing.
#[query(key = "shop.order.unbound", version = "1.0.0", output = String, policy(auth = "anonymous"))]
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, Model)]
pub struct Unbound {}

/// Admin-only, bound to nothing.
#[command(key = "shop.admin.export", version = "1.0.0", output = String, policy(auth = "admin"))]
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, Model)]
pub struct Export {}

registry! {
    pub static SHOP;
    defaults(owners = ["team.shop"], stability = "beta");
    contracts(OrderPlaced, PlaceOrder, SearchOrders, Purge, GetProfile, Panic, Slow, Hot, Unbound, Export);
}

async fn place(input: PlaceOrder, ctx: Ctx<PlaceOrder>) -> Result<Reply<Placed>, Failure<PlaceError>> {
    if input.sku.as_str() == "sold-out" {
        return Err(PlaceError::OutOfStock.into());
    }
    let order_id = format!("order-{}-{}", input.sku.as_str(), input.quantity);
    ctx.emit(OrderPlaced {
        order_id: order_id.clone(),
        sku: input.sku.as_str().to_owned(),
    });
    Ok(Reply::created(Placed {
        order_id,
        trace_id: ctx.trace_id().to_string(),
    }))
}

async fn search(input: SearchOrders, _ctx: Ctx<SearchOrders>) -> Result<SearchEcho, Failure> {
    Ok(SearchEcho { received: input })
}

async fn purge(_input: Purge, _ctx: Ctx<Purge>) -> Result<Reply<()>, Failure> {
    Ok(Reply::no_content())
}

async fn profile(_input: GetProfile, ctx: Ctx<GetProfile>) -> Result<Profile, Failure> {
    Ok(Profile {
        id: ctx.actor().id().unwrap_or_default().to_owned(),
    })
}

async fn explode(_input: Panic, _ctx: Ctx<Panic>) -> Result<String, Failure> {
    panic!("boom")
}

async fn slow(input: Slow, _ctx: Ctx<Slow>) -> Result<String, Failure> {
    tokio::time::sleep(Duration::from_millis(input.millis)).await;
    Ok("done".to_owned())
}

async fn hot(_input: Hot, _ctx: Ctx<Hot>) -> Result<String, Failure> {
    Ok("hot".to_owned())
}

/// Rate-limits `shop.order.hot`.
fn decider(request: PolicyRequest<'_>) -> PolicyDecision {
    if request.operation.meta.key == "shop.order.hot" {
        PolicyDecision::RateLimited {
            retry_after: Some(Duration::from_secs(30)),
        }
    } else {
        PolicyDecision::Allow
    }
}

/// The tokens of the tests.
pub const ADMIN_TOKEN: &str = "admin-token";
pub const USER_TOKEN: &str = "user-token";

/// The shop's runtime with every handler but `Unbound`'s and `Export`'s (left unbound on
/// purpose), publishing into `events`.
pub fn runtime(events: &InMemoryPublisher) -> Runtime<InMemoryPublisher, impl contracts_runtime::PolicyDecider> {
    let mut runtime = Runtime::new(&SHOP)
        .with_publisher(events.clone())
        .with_decider(decider);
    runtime
        .bind::<PlaceOrder>(place)
        .unwrap()
        .bind::<SearchOrders>(search)
        .unwrap()
        .bind::<Purge>(purge)
        .unwrap()
        .bind::<GetProfile>(profile)
        .unwrap()
        .bind::<Panic>(explode)
        .unwrap()
        .bind::<Slow>(slow)
        .unwrap()
        .bind::<Hot>(hot)
        .unwrap()
        .leave_unbound::<Unbound>()
        .unwrap()
        .leave_unbound::<Export>()
        .unwrap();
    runtime
}

/// The tokens: an admin and a plain user.
pub fn tokens() -> StaticTokens {
    StaticTokens::new()
        .with_token(ADMIN_TOKEN, Actor::admin("ada"))
        .with_token(USER_TOKEN, Actor::user("bob"))
}

/// Serves `router` on an ephemeral loopback port.
pub async fn serve(router: axum::Router) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    address
}

/// The shop served with the test tokens, a 4 KiB body limit and a 300 ms timeout.
pub async fn shop() -> (String, InMemoryPublisher) {
    let events = InMemoryPublisher::new();
    let router = RestApi::new(runtime(&events))
        .with_authenticator(tokens())
        .with_body_limit(4096)
        .with_timeout(Duration::from_millis(300))
        .into_router()
        .unwrap();
    let address = serve(router).await;
    (format!("http://{address}"), events)
}

/// A client that never goes through a proxy.
pub fn client() -> reqwest::Client {
    reqwest::Client::builder().no_proxy().build().unwrap()
}
