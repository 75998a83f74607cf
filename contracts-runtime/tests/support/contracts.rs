// Contracts, handlers and helpers shared by the runtime test binaries, `include!`d at their
// crate root (a `registry!` must be at the crate root).

use contracts_core::descriptors::ErrorSpec;
use contracts_core::{
    command, event, query, registry, ErrorCatalog, Escalation, Model, NonEmptyString,
};
use contracts_runtime::{
    redact, Actor, BindError, CallContext, ContractResult, Ctx, EventEnvelope, Failure,
    FailureCode, InMemoryPublisher, PolicyDecider, PolicyDecision, PolicyRequest, PublishError,
    OperationHandle, Publisher, Reason, Reply, Runtime, SuccessCode,
};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize, Serializer};
use serde_json::{json, Value};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

// ---------------------------------------------------------------------------------------------
// Contracts

/// An item was created.
#[event(key = "todo.item.created", version = "1.0.0", pii = ["owner.email"])]
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, Model)]
pub struct ItemCreated {
    pub id: String,
    pub owner: Owner,
}

/// Who owns an item.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, Model)]
#[serde(deny_unknown_fields)]
pub struct Owner {
    pub email: String,
}

/// A label.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, Model)]
#[serde(deny_unknown_fields)]
pub struct Tag {
    pub name: NonEmptyString,
}

/// Why an item is not created.
#[derive(Debug, PartialEq, ErrorCatalog)]
pub enum CreateError {
    /// An item with this title exists.
    #[contract_error(http = 409, when = "The title is taken.")]
    Duplicate,
    /// The warehouse is out of stock.
    #[contract_error(code = "NO_STOCK", http = 503)]
    OutOfStock,
}

/// Create an item.
#[command(
    key = "todo.item.create",
    version = "1.0.0",
    output = CreatedItem,
    errors = CreateError,
    emits(ItemCreated(when = "The item is stored.")),
    policy(auth = "user", pii = ["owner.email", "tags.name"]),
)]
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, Model)]
#[serde(deny_unknown_fields)]
pub struct CreateItem {
    pub title: NonEmptyString,
    pub quantity: u32,
    pub owner: Owner,
    #[serde(default)]
    pub tags: Vec<Tag>,
}

/// A created item.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
pub struct CreatedItem {
    pub id: String,
    pub title: String,
}

/// Create an item, second version.
#[command(key = "todo.item.create", version = "2.0.0", output = CreatedItem, policy(auth = "user"))]
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, Model)]
#[serde(deny_unknown_fields)]
pub struct CreateItemV2 {
    pub title: NonEmptyString,
}

/// Read an item.
#[query(key = "todo.item.get", version = "1.0.0", output = CreatedItem, policy(auth = "anonymous"))]
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, Model)]
pub struct GetItem {
    pub id: String,
}

/// Delete every item.
#[command(key = "todo.item.purge", version = "1.0.0", output = (), policy(auth = "admin"))]
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, Model)]
pub struct PurgeItems {}

/// A beta feature.
#[command(key = "todo.item.beta", version = "1.0.0", output = String,
    policy(auth = "anonymous", flags = ["todo.beta", "todo.more"]))]
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, Model)]
pub struct Beta {}

/// Approve an item, after a human review.
#[command(key = "todo.item.approve", version = "1.0.0", output = String,
    policy(auth = "user", escalate = "human_review", rate_limit(rpm = 10, key = "user")))]
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, Model)]
pub struct ApproveItem {
    pub id: String,
}

/// Always panics.
#[command(key = "todo.item.explode", version = "1.0.0", output = String, policy(auth = "anonymous"))]
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, Model)]
pub struct Explode {}

/// Returns an error it does not declare (a hand-written catalog lies about it).
#[command(key = "todo.item.legacy", version = "1.0.0", output = String, errors = LegacyError,
    policy(auth = "anonymous"))]
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, Model)]
pub struct Legacy {
    pub rogue: bool,
}

/// A hand-written catalog whose `Rogue` variant has a spec outside `ERRORS`.
#[derive(Debug, PartialEq)]
pub enum LegacyError {
    Known,
    Rogue,
}

static ROGUE: ErrorSpec = ErrorSpec {
    code: "ROGUE",
    description: "Not declared.",
    http: 418,
    when: None,
};

impl ErrorCatalog for LegacyError {
    const ERRORS: &'static [ErrorSpec] = &[ErrorSpec {
        code: "KNOWN",
        description: "Declared.",
        http: 409,
        when: None,
    }];

    fn spec(&self) -> &'static ErrorSpec {
        match self {
            LegacyError::Known => &Self::ERRORS[0],
            LegacyError::Rogue => &ROGUE,
        }
    }
}

/// Never bound.
#[command(key = "todo.item.archive", version = "1.0.0", output = (), policy(auth = "anonymous"))]
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, Model)]
pub struct ArchiveItem {}

/// Returns an output that does not serialize.
#[command(key = "todo.item.weird", version = "1.0.0", output = WeirdOutput, policy(auth = "anonymous"))]
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, Model)]
pub struct Weird {}

/// Refuses to serialize.
#[derive(Debug, Deserialize, JsonSchema, Model)]
pub struct WeirdOutput {
    pub value: u32,
}

impl Serialize for WeirdOutput {
    fn serialize<S: Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
        Err(serde::ser::Error::custom("refuses to serialize"))
    }
}

/// An event whose payload refuses to serialize.
#[event(key = "todo.item.noise", version = "1.0.0")]
#[derive(Debug, Deserialize, JsonSchema, Model)]
pub struct Noise {
    pub level: u32,
}

impl Serialize for Noise {
    fn serialize<S: Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
        Err(serde::ser::Error::custom("refuses to serialize"))
    }
}

/// Emits an event that does not serialize.
#[command(key = "todo.item.noisy", version = "1.0.0", output = String,
    emits(Noise(when = "Always.")), policy(auth = "anonymous"))]
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, Model)]
pub struct Noisy {}

registry! {
    /// The contracts of these tests.
    pub static TODO;
    defaults(domain = "todo", owners = ["team.todo"], stability = "beta");
    contracts(
        ItemCreated, CreateItem, CreateItemV2, GetItem, PurgeItems, Beta, ApproveItem, Explode,
        Legacy, ArchiveItem, Weird, Noise, Noisy,
    );
}

// ---------------------------------------------------------------------------------------------
// Handlers

async fn create(
    input: CreateItem,
    ctx: Ctx<CreateItem>,
) -> Result<CreatedItem, Failure<CreateError>> {
    // Emits first, so that failures after it show the event is not published.
    ctx.emit(ItemCreated {
        id: format!("item-{}", input.quantity),
        owner: input.owner.clone(),
    });
    match input.title.as_str() {
        "dup" => Err(Failure::declared(CreateError::Duplicate).with_detail("`dup` exists")),
        "stock" => Err(CreateError::OutOfStock.into()),
        "conflict" => Err(Failure::standard(FailureCode::Conflict)),
        "boom" => panic!("secret@example.com broke it"),
        title => Ok(CreatedItem {
            id: format!("item-{}", input.quantity),
            title: title.to_owned(),
        }),
    }
}

async fn create_v2(
    input: CreateItemV2,
    _: Ctx<CreateItemV2>,
) -> Result<Reply<CreatedItem>, Failure> {
    Ok(Reply::created(CreatedItem {
        id: "item-v2".into(),
        title: input.title.into_inner(),
    }))
}

async fn get(input: GetItem, _: Ctx<GetItem>) -> Result<CreatedItem, Failure> {
    match input.id.as_str() {
        "item-1" => Ok(CreatedItem {
            id: input.id,
            title: "milk".into(),
        }),
        _ => Err(Failure::standard(FailureCode::NotFound).with_detail("no such item")),
    }
}

async fn purge(_: PurgeItems, _: Ctx<PurgeItems>) -> Result<Reply<()>, Failure> {
    Ok(Reply::no_content())
}

async fn beta(_: Beta, _: Ctx<Beta>) -> Result<String, Failure> {
    Ok("beta".into())
}

async fn approve(input: ApproveItem, _: Ctx<ApproveItem>) -> Result<String, Failure> {
    Ok(format!("approved {}", input.id))
}

async fn explode(_: Explode, _: Ctx<Explode>) -> Result<String, Failure> {
    panic!("kaboom")
}

async fn legacy(input: Legacy, _: Ctx<Legacy>) -> Result<String, Failure<LegacyError>> {
    Err(Failure::declared(if input.rogue {
        LegacyError::Rogue
    } else {
        LegacyError::Known
    }))
}

async fn weird(_: Weird, _: Ctx<Weird>) -> Result<WeirdOutput, Failure> {
    Ok(WeirdOutput { value: 1 })
}

async fn noisy(_: Noisy, ctx: Ctx<Noisy>) -> Result<String, Failure> {
    ctx.emit(Noise { level: 11 });
    Ok("done".into())
}

fn bind_all<P: Publisher, D: PolicyDecider>(runtime: &mut Runtime<P, D>) {
    runtime
        .bind::<CreateItem>(create)
        .and_then(|r| r.bind::<CreateItemV2>(create_v2))
        .and_then(|r| r.bind::<GetItem>(get))
        .and_then(|r| r.bind::<PurgeItems>(purge))
        .and_then(|r| r.bind::<Beta>(beta))
        .and_then(|r| r.bind::<ApproveItem>(approve))
        .and_then(|r| r.bind::<Explode>(explode))
        .and_then(|r| r.bind::<Legacy>(legacy))
        .and_then(|r| r.bind::<Weird>(weird))
        .and_then(|r| r.bind::<Noisy>(noisy))
        .expect("every handler binds once");
}

fn runtime() -> (Runtime<InMemoryPublisher>, InMemoryPublisher) {
    let events = InMemoryPublisher::new();
    let mut runtime = Runtime::new(&TODO).with_publisher(events.clone());
    bind_all(&mut runtime);
    (runtime, events)
}

fn user() -> CallContext {
    CallContext::traced(Actor::user("u-1"), "trace-1")
}

const CREATE: &str = r#"{"title": "milk", "quantity": 1, "owner": {"email": "ada@example.com"}, "tags": [{"name": "food"}]}"#;

fn envelope(result: &ContractResult) -> Value {
    serde_json::to_value(result).unwrap()
}

#[track_caller]
fn assert_failure(result: &ContractResult, code: &str, status: u16) -> Value {
    assert!(!result.is_ok(), "{}", envelope(result));
    assert_eq!(
        (result.code(), result.status()),
        (code, status),
        "{}",
        envelope(result)
    );
    let json = envelope(result);
    assert_eq!(json["ok"], false);
    assert_eq!(json["problem"]["code"], code);
    assert_eq!(json["problem"]["status"], status);
    json["problem"].clone()
}
