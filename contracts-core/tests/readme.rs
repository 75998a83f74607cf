//! The README's example, compiled and run: the two Rust blocks of `README.md` appear below
//! verbatim up to spacing (between the `README` markers), and `the_readme_shows_this_code` fails
//! if the README and this file drift apart.
#![deny(warnings)]

// README block 1 start
use contracts_core::{capability, command, event, query, registry, ErrorCatalog, Model};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Orders placed by customers.
#[capability(
    key = "shop.orders",
    version = "1.0.0",
    kind = "api",
    provides(
        operation("shop.order.place@1.0.0", description = "Place an order."),
        operation("shop.order.get@1.0.0"),
        event("shop.order.placed@1.0.0"),
    )
)]
pub struct ShopOrders;

/// Emitted when an order is placed.
#[event(key = "shop.order.placed", version = "1.0.0", capability = "shop.orders", pii = ["email"])]
#[derive(Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase")]
pub struct OrderPlaced {
    pub order_id: String,
    pub email: String,
}

/// Why an order is refused.
#[derive(Debug, ErrorCatalog)]
pub enum PlaceOrderError {
    /// An item is out of stock.
    #[contract_error(http = 409, when = "A requested item has no stock left.")]
    OutOfStock,
}

/// Place an order.
#[command(
    key = "shop.order.place",
    version = "1.0.0",
    capability = "shop.orders",
    output = PlaceOrderOutput,
    goal = "Turn a basket into an order.",
    emits(OrderPlaced(when = "The order is stored.")),
    errors = PlaceOrderError,
    policy(auth = "user", pii = ["email"], rate_limit(rpm = 60, key = "user")),
)]
#[derive(Serialize, Deserialize, JsonSchema, Model)]
#[serde(deny_unknown_fields)]
pub struct PlaceOrder {
    pub email: String,
    pub items: Vec<String>,
}

/// The placed order.
#[derive(Serialize, Deserialize, JsonSchema, Model)]
pub struct PlaceOrderOutput {
    pub order_id: String,
}

/// Read an order.
#[query(key = "shop.order.get", version = "1.0.0", capability = "shop.orders",
        output = PlaceOrderOutput, policy(auth = "user"))]
#[derive(Serialize, Deserialize, JsonSchema, Model)]
pub struct GetOrder {
    pub order_id: String,
}

registry! {
    /// Every contract of the shop.
    pub static SHOP;
    defaults(domain = "shop", owners = ["team.shop"], tags = ["commerce"], stability = "beta");
    contracts(ShopOrders, OrderPlaced, PlaceOrder, GetOrder);
}
// README block 1 end

#[test]
fn the_readme_example_runs() {
    // README block 2 start
    use contracts_core::{ContractKind, Operation};

    let place = <PlaceOrder as Operation>::DESCRIPTOR; // &'static OperationDescriptor
    assert_eq!(place.meta.tags, ["commerce"]);
    assert_eq!(place.emits[0].event.meta.key, "shop.order.placed");
    let schema = place.input.json_schema(); // JSON Schema, draft 2020-12
    let line = place.meta.source.line; // where it is declared, and its source text

    let get = SHOP.get("shop.order.get", "1.0.0").unwrap(); // exact lookup, no allocation
    let latest = SHOP.latest("shop.order.get").unwrap(); // by semver precedence, exact key
    let queries = SHOP.of_kind(ContractKind::Query).count();
    let capability = SHOP.latest("shop.orders").unwrap().as_capability().unwrap();
    let provided: Vec<_> = SHOP.provided_by(capability).collect();
    // README block 2 end
    assert_eq!(get.key(), "shop.order.get");
    assert_eq!(latest.version().as_str(), "1.0.0");
    assert_eq!(queries, 1);
    assert_eq!(provided.len(), 3);
    assert!(schema
        .as_object()
        .is_some_and(|o| o.contains_key("properties")));
    assert!(line > 0);
}

/// The lines between `// <name> start` and `// <name> end` in `text`, normalized.
fn between(text: &str, name: &str) -> Vec<String> {
    let start = format!("// {name} start");
    let end = format!("// {name} end");
    text.lines()
        .skip_while(|line| line.trim() != start)
        .skip(1)
        .take_while(|line| line.trim() != end)
        .map(normalized)
        .collect()
}

/// `line` with its runs of spaces made one (rustfmt does not align trailing comments; the
/// README does).
fn normalized(line: &str) -> String {
    line.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_readme_shows_this_code() {
    let readme = include_str!("../../README.md");
    let blocks: Vec<Vec<String>> = readme
        .split("```rust\n")
        .skip(1)
        .map(|block| {
            let code = block.split("```").next().unwrap_or_default();
            code.lines().map(normalized).collect()
        })
        .collect();
    let this = include_str!("readme.rs");
    assert_eq!(blocks.len(), 2, "the README has two Rust blocks");
    assert_eq!(blocks[0], between(this, "README block 1"));
    assert_eq!(blocks[1], between(this, "README block 2"));
}
