//! Every export of a small fixture registry: snapshots (reviewed by hand), and the properties
//! the snapshots alone would not prove.
//!
//! The fixture covers a command with declared errors (one sharing its status with a standard
//! failure) and an emitted event, an admin command with escalation, a rate limit and a
//! pre-release version, an anonymous query with list and object inputs, a deprecated query, a
//! recursive model, a unit output, an enumeration that is not a GraphQL enum, and two models
//! named `Line` in different modules used by the same message and by different contracts.

mod support;

use contracts_core::{
    capability, command, event, query, registry, DateTime, ErrorCatalog, Id, Model,
};
use contracts_export::json_schema::{self, messages};
use contracts_export::naming::{type_name, Role};
use contracts_export::{graphql, mcp, openapi, Surfaces};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// Order lines as the warehouse sees them.
pub mod warehouse {
    use super::*;

    /// A line of an order: a stock-keeping unit and a quantity.
    #[derive(Serialize, Deserialize, JsonSchema, Model)]
    #[serde(deny_unknown_fields)]
    pub struct Line {
        /// The stock-keeping unit.
        pub sku: String,
        /// How many.
        pub quantity: u32,
    }
}

/// Order lines as the customer wrote them.
pub mod notes {
    use super::*;

    /// A free-text line a customer added to an order.
    #[derive(Serialize, Deserialize, JsonSchema, Model)]
    #[serde(deny_unknown_fields)]
    pub struct Line {
        /// The text.
        pub text: String,
    }
}

/// Orders placed by customers.
#[capability(
    key = "shop.orders",
    version = "1.0.0",
    kind = "api",
    provides(
        operation("shop.order.place@1.0.0"),
        operation("shop.order.cancel@2.0.0-beta.1"),
        operation("shop.order.get@1.0.0"),
        operation("shop.catalog.browse@1.0.0"),
        operation("shop.health.get@1.0.0"),
        event("shop.order.placed@1.0.0"),
    )
)]
pub struct ShopOrders;

/// Emitted when an order is placed.
#[event(key = "shop.order.placed", version = "1.0.0", capability = "shop.orders", pii = ["email"])]
#[derive(Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OrderPlaced {
    /// The new order.
    pub order_id: Id,
    /// Where the confirmation goes.
    pub email: String,
    /// When the order was placed.
    pub placed_at: DateTime,
    /// What was ordered.
    pub lines: Vec<warehouse::Line>,
}

/// The named errors of `shop.order.place`.
#[derive(Debug, Clone, Copy, ErrorCatalog)]
pub enum PlaceOrderError {
    /// An item is out of stock.
    #[contract_error(
        code = "OUT_OF_STOCK",
        http = 409,
        when = "A line asks for more than the stock."
    )]
    OutOfStock,
    /// The basket changed since it was priced.
    #[contract_error(code = "BASKET_CHANGED", http = 409)]
    BasketChanged,
    /// A line names an unknown product.
    #[contract_error(
        code = "UNKNOWN_PRODUCT",
        http = 404,
        when = "A sku is not in the catalog."
    )]
    UnknownProduct,
}

/// Place an order.
#[command(
    key = "shop.order.place",
    version = "1.0.0",
    title = "Place Order",
    goal = "Turn a basket into an order.",
    context = "Called by the checkout page.",
    tags = ["checkout"],
    capability = "shop.orders",
    output = PlaceOrderOutput,
    emits(OrderPlaced(when = "The order is stored.")),
    errors = PlaceOrderError,
    policy(auth = "user", pii = ["email"]),
)]
#[derive(Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PlaceOrder {
    /// Where the confirmation goes.
    pub email: String,
    /// What to order.
    pub lines: Vec<warehouse::Line>,
    /// Notes for the packer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<notes::Line>,
    /// A discount code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coupon: Option<String>,
}

/// Where an order is.
#[derive(Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "snake_case")]
pub enum OrderStatus {
    /// Stored, not yet shipped.
    Placed,
    /// Waiting for a human.
    OnHold,
    /// Gone.
    Cancelled,
}

/// The placed order.
#[derive(Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PlaceOrderOutput {
    /// The new order.
    pub order_id: Id,
    /// Its status.
    pub status: OrderStatus,
    /// The total, in cents.
    pub total_cents: i64,
}

/// Cancel an order, after a human agrees.
#[command(
    key = "shop.order.cancel",
    version = "2.0.0-beta.1",
    capability = "shop.orders",
    output = (),
    stability = "beta",
    policy(
        auth = "admin",
        idempotent = true,
        escalate = "human_review",
        rate_limit(rpm = 10, key = "org"),
    ),
)]
#[derive(Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CancelOrder {
    /// The order to cancel.
    pub order_id: Id,
    /// Why, for the audit log.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// A filter on order dates.
#[derive(Serialize, Deserialize, JsonSchema, Model)]
#[serde(deny_unknown_fields)]
pub struct DateRange {
    /// From this instant.
    pub from: DateTime,
    /// Until this instant.
    pub until: DateTime,
}

/// Get an order, with what the caller asks to include.
#[query(
    key = "shop.order.get",
    version = "1.0.0",
    capability = "shop.orders",
    output = Order,
    policy(auth = "anonymous"),
)]
#[derive(Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GetOrder {
    /// The order.
    pub order_id: Id,
    /// Related records to include.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub include: Vec<String>,
    /// Only if placed within this range.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub placed: Option<DateRange>,
}

/// An order.
#[derive(Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Order {
    /// The order.
    pub order_id: Id,
    /// Where it is.
    pub status: OrderStatus,
    /// What was ordered.
    pub lines: Vec<warehouse::Line>,
    /// What the customer wrote.
    pub notes: Vec<notes::Line>,
    /// When it was placed.
    pub placed_at: Option<DateTime>,
}

/// How to sort a catalog.
#[derive(Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "kebab-case")]
pub enum SortOrder {
    /// Cheapest first.
    PriceAscending,
    /// Newest first.
    NewestFirst,
}

/// Browse the catalog tree.
#[query(
    key = "shop.catalog.browse",
    version = "1.0.0",
    capability = "shop.orders",
    output = Category,
    stability = "deprecated",
    sunset = "2027-06-30",
    policy(auth = "user"),
)]
#[derive(Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BrowseCatalog {
    /// How to sort each level.
    pub sort: SortOrder,
    /// How deep to go.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub depth: Option<u8>,
}

/// A catalog category and its subcategories.
#[derive(Serialize, Deserialize, JsonSchema, Model)]
#[serde(deny_unknown_fields)]
pub struct Category {
    /// The category's name.
    pub name: String,
    /// Its subcategories.
    // `Model` cannot describe a recursive type: the field is opaque to it, while its JSON
    // Schema is recursive.
    #[model(opaque)]
    pub children: Vec<Category>,
}

/// Report the shop's health.
#[query(
    key = "shop.health.get",
    version = "1.0.0",
    capability = "shop.orders",
    output = Health,
    policy(auth = "anonymous"),
)]
#[derive(Serialize, Deserialize, JsonSchema, Model)]
#[serde(deny_unknown_fields)]
pub struct GetHealth {}

/// The shop's health.
#[derive(Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Health {
    /// Items in stock, by sku.
    pub stock: std::collections::BTreeMap<String, u32>,
    /// Whatever the probes reported.
    pub probes: Value,
    /// The worst probe status, if any probe failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub worst: Option<OrderStatus>,
}

registry! {
    /// The fixture: one capability, two commands, three queries, one event.
    pub static SHOP;
    defaults(domain = "shop", owners = ["team.shop"], tags = ["commerce"], stability = "stable");
    contracts(ShopOrders, OrderPlaced, PlaceOrder, CancelOrder, GetOrder, BrowseCatalog, GetHealth);
}

fn pretty(value: &Value) -> String {
    serde_json::to_string_pretty(value).unwrap()
}

#[test]
fn json_schema_snapshot() {
    let text = pretty(&json_schema::export(&SHOP));
    assert_eq!(Surfaces::new(&SHOP).json_schema(), text);
    insta::assert_snapshot!("json_schema", text);
}

#[test]
fn openapi_snapshot() {
    let text = pretty(&openapi::export(&SHOP));
    assert_eq!(Surfaces::new(&SHOP).openapi(), text);
    insta::assert_snapshot!("openapi", text);
}

#[test]
fn mcp_snapshot() {
    insta::assert_snapshot!("mcp", pretty(&mcp::export(&SHOP)));
}

#[test]
fn graphql_snapshot() {
    insta::assert_snapshot!("graphql", graphql::export(&SHOP));
}

#[test]
fn same_rust_name_in_two_modules_never_collides() {
    let document = json_schema::export(&SHOP);
    let defs = document["$defs"].as_object().unwrap();
    // Within one message, schemars tells the two `Line`s apart; across messages, the contract
    // prefix does.
    let place = "shop_order_place_v1_0_0_Input";
    let get = "shop_order_get_v1_0_0_Output";
    for owner in [place, get] {
        let first = &defs[&format!("{owner}__Line")];
        let second = &defs[&format!("{owner}__Line2")];
        let fields = |s: &Value| {
            s["properties"]
                .as_object()
                .unwrap()
                .keys()
                .cloned()
                .collect::<Vec<_>>()
        };
        let mut both = [fields(first), fields(second)];
        both.sort();
        assert_eq!(both, [vec!["quantity", "sku"], vec!["text"]], "{owner}");
    }
    let payload = &defs["shop_order_placed_v1_0_0_Payload__Line"];
    assert_eq!(payload["required"], json!(["sku", "quantity"]));
    // Every reference lands on the right model.
    let input = &defs[place];
    let lines = input["properties"]["lines"]["items"]["$ref"]
        .as_str()
        .unwrap();
    let notes = input["properties"]["notes"]["items"]["$ref"]
        .as_str()
        .unwrap();
    assert_ne!(lines, notes);
    assert!(document.pointer(&lines[1..]).unwrap()["properties"]["sku"].is_object());
    assert!(document.pointer(&notes[1..]).unwrap()["properties"]["text"].is_object());
    support::assert_refs_resolve(&document);

    // The GraphQL types stay apart too.
    let sdl = graphql::export(&SHOP);
    assert!(sdl.contains("input shop_order_place_v1_0_0_Input__Line {"));
    assert!(sdl.contains("input shop_order_place_v1_0_0_Input__Line2 {"));
    assert!(sdl.contains("type shop_order_get_v1_0_0_Output__Line {"));
}

#[test]
fn every_fixture_schema_accepts_valid_samples_and_rejects_invalid_ones() {
    let coverage = support::check_schema_and_serde_agree(&SHOP);
    assert_eq!(coverage.messages, 11, "{coverage:?}");
    assert!(coverage.invalid >= 40, "{coverage:?}");

    // And hand-written samples, beside the generated ones.
    let schema_of = |name: &str| {
        let message = messages(&SHOP).find(|m| m.name() == name).unwrap();
        (json_schema::message_schema(&message), message)
    };
    let (schema, message) = schema_of("shop_order_place_v1_0_0_Input");
    let validator = jsonschema::validator_for(&schema).unwrap();
    let good = [
        json!({ "email": "a@b.c", "lines": [] }),
        json!({ "email": "a@b.c", "lines": [{ "sku": "S1", "quantity": 2 }],
                "notes": [{ "text": "gift" }], "coupon": "XMAS" }),
    ];
    let bad = [
        // An optional field may be absent, not null: ContractSpec rejects null, and so do the
        // schema and the strict decoding.
        json!({ "email": "a@b.c", "lines": [], "coupon": null }),
        json!({ "lines": [] }),
        json!({ "email": "a@b.c", "lines": [{ "sku": "S1" }] }),
        json!({ "email": "a@b.c", "lines": [{ "sku": "S1", "quantity": -1 }] }),
        json!({ "email": "a@b.c", "lines": [{ "sku": "S1", "quantity": 1.5 }] }),
        json!({ "email": "a@b.c", "lines": [], "notes": [{ "sku": "S1", "quantity": 1 }] }),
        json!({ "email": "a@b.c", "lines": [], "extra": true }),
        json!([]),
    ];
    for value in &good {
        assert!(validator.is_valid(value), "{value}");
        assert!(message.model.check_json(value).is_ok(), "{value}");
    }
    for value in &bad {
        assert!(!validator.is_valid(value), "{value}");
        assert!(message.model.check_json(value).is_err(), "{value}");
    }

    let (schema, message) = schema_of("shop_catalog_browse_v1_0_0_Output");
    let validator = jsonschema::validator_for(&schema).unwrap();
    let tree = json!({ "name": "root", "children": [
        { "name": "a", "children": [{ "name": "a1", "children": [] }] },
    ] });
    assert!(validator.is_valid(&tree));
    assert!(message.model.check_json(&tree).is_ok());
    let broken = json!({ "name": "root", "children": [{ "name": "a", "children": [{ "name": 1, "children": [] }] }] });
    assert!(!validator.is_valid(&broken));
    assert!(message.model.check_json(&broken).is_err());

    let (schema, _) = schema_of("shop_order_place_v1_0_0_Output");
    let validator = jsonschema::validator_for(&schema).unwrap();
    assert!(
        validator.is_valid(&json!({ "orderId": "o1", "status": "on_hold", "totalCents": 1999 }))
    );
    assert!(
        !validator.is_valid(&json!({ "orderId": "o1", "status": "OnHold", "totalCents": 1999 }))
    );
}

#[test]
fn openapi_follows_the_contracts() {
    let document = openapi::export(&SHOP);
    support::assert_valid_openapi(&document);
    let paths = document["paths"].as_object().unwrap();
    assert_eq!(paths.len(), 5);

    let place = &paths["/shop/order/place/v1.0.0"]["post"];
    assert_eq!(place["security"], json!([{ "bearerAuth": [] }]));
    assert_eq!(
        place["requestBody"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/shop_order_place_v1_0_0_Input"
    );
    // Two declared errors share 409; the declared 404 joins the standard NOT_FOUND.
    let conflict = &place["responses"]["409"]["content"]["application/problem+json"]["schema"];
    assert_eq!(
        conflict["allOf"][1]["properties"]["code"]["enum"],
        json!(["OUT_OF_STOCK", "BASKET_CHANGED"])
    );
    let not_found = &place["responses"]["404"]["content"]["application/problem+json"]["schema"];
    assert_eq!(
        not_found["allOf"][1]["properties"]["code"]["enum"],
        json!(["UNKNOWN_PRODUCT", "NOT_FOUND"])
    );
    assert_eq!(
        place["responses"]["401"]["$ref"],
        "#/components/responses/Unauthenticated"
    );
    assert!(place["responses"].get("412").is_none());
    assert_eq!(place["x-contract"]["policy"]["pii"], json!(["email"]));
    assert_eq!(place["x-contract"]["emits"][0]["key"], "shop.order.placed");

    let cancel = &paths["/shop/order/cancel/v2.0.0-beta.1"]["post"];
    assert_eq!(cancel["security"], json!([{ "bearerAuth": ["admin"] }]));
    assert_eq!(
        cancel["responses"]["412"]["$ref"],
        "#/components/responses/PreconditionFailed"
    );
    assert_eq!(cancel["x-contract"]["policy"]["escalate"], "human_review");
    assert_eq!(cancel["x-contract"]["policy"]["idempotent"], true);
    assert_eq!(
        cancel["x-contract"]["policy"]["rateLimit"],
        json!({ "rpm": 10, "key": "org" })
    );

    let get = &paths["/shop/order/get/v1.0.0"]["get"];
    assert_eq!(get["security"], json!([]));
    assert!(get["responses"].get("401").is_none());
    let parameters = get["parameters"].as_array().unwrap();
    let by_name = |n: &str| parameters.iter().find(|p| p["name"] == n).unwrap();
    assert_eq!(by_name("orderId")["required"], true);
    assert_eq!(
        by_name("orderId")["schema"],
        json!({ "type": "string", "description": "The order." })
    );
    assert_eq!(by_name("include")["required"], false);
    assert_eq!(
        by_name("include")["schema"]["items"],
        json!({ "type": "string" })
    );
    // An object travels as JSON text.
    assert!(by_name("placed")["content"]["application/json"]["schema"].is_object());
    assert!(by_name("placed").get("schema").is_none());

    let browse = &paths["/shop/catalog/browse/v1.0.0"]["get"];
    assert_eq!(browse["deprecated"], true);
    assert_eq!(browse["x-sunset"], "2027-06-30");

    let health = &paths["/shop/health/get/v1.0.0"]["get"];
    assert!(health.get("parameters").is_none());
}

#[test]
fn mcp_tools_follow_the_contracts() {
    let tools = mcp::export(&SHOP);
    let tools = tools["tools"].as_array().unwrap();
    assert_eq!(tools.len(), 5);
    assert!(!pretty(&Value::Array(tools.clone())).contains("$ref"));
    let tool = |prefix: &str| {
        tools
            .iter()
            .find(|t| t["name"].as_str().unwrap().starts_with(prefix))
            .unwrap()
    };

    let browse = tool("shop_catalog_browse-v1_0_0")["description"]
        .as_str()
        .unwrap();
    assert!(
        browse.ends_with("Deprecated. Kept for existing callers; do not build on it. Sunset: 2027-06-30, after which it may be removed."),
        "{browse}"
    );

    let place = tool("shop_order_place-v1_0_0");
    assert_eq!(
        place["annotations"],
        json!({
            "title": "Place Order", "readOnlyHint": false, "destructiveHint": true, "idempotentHint": false,
        })
    );
    assert_eq!(
        place["description"],
        "Place an order.\n\nGoal: Turn a basket into an order.\n\nContext: Called by the checkout page."
    );

    let cancel = tool("shop_order_cancel-v2_0_0-beta_1");
    assert_eq!(cancel["annotations"]["idempotentHint"], true);
    assert_eq!(cancel["annotations"]["destructiveHint"], true);
    assert!(cancel["description"]
        .as_str()
        .unwrap()
        .contains("human must review"));
    // A unit output is wrapped as `value`.
    assert_eq!(cancel["outputSchema"]["type"], "object");
    assert_eq!(
        cancel["outputSchema"]["properties"]["value"]["type"],
        "null"
    );
    assert_eq!(cancel["outputSchema"]["required"], json!(["value"]));

    let browse = tool("shop_catalog_browse-v1_0_0");
    assert_eq!(browse["annotations"]["readOnlyHint"], true);
    assert_eq!(browse["annotations"]["destructiveHint"], false);
    // The recursive level is cut with a typed, described placeholder.
    let children = &browse["outputSchema"]["properties"]["children"]["items"];
    assert_eq!(children["type"], "object");
    assert!(children["description"]
        .as_str()
        .unwrap()
        .contains("recursively"));

    for tool in tools {
        for key in ["inputSchema", "outputSchema"] {
            let schema = &tool[key];
            assert_eq!(schema["type"], "object", "{} {key}", tool["name"]);
            let mut with_dialect = schema.clone();
            with_dialect["$schema"] = json!(json_schema::DIALECT);
            jsonschema::meta::validate(&with_dialect)
                .unwrap_or_else(|e| panic!("{} {key}: {e}", tool["name"]));
        }
    }
}

#[test]
fn mcp_input_schemas_accept_the_samples_of_the_json_schemas() {
    // The inlined schema accepts what the referencing schema accepts.
    for message in messages(&SHOP).filter(|m| m.role == Role::Input) {
        let schema = json_schema::message_schema(&message);
        let operation = message.contract.as_operation().unwrap();
        let inlined = mcp::tool_schema(operation, Role::Input);
        let validator = jsonschema::validator_for(&inlined).unwrap();
        for fill in [support::Fill::Required, support::Fill::All] {
            let value = support::sample(&schema, &schema, fill);
            assert!(validator.is_valid(&value), "{}: {value}", message.name());
        }
        assert_eq!(type_name(&operation.meta, Role::Input), message.name());
    }
}

#[test]
fn graphql_parses_and_validates() {
    let sdl = graphql::export(&SHOP);
    let schema = apollo_compiler::Schema::parse_and_validate(&sdl, "shop.graphql")
        .unwrap_or_else(|e| panic!("{}\n{sdl}", e.errors));
    let query = schema.get_object("Query").unwrap();
    assert!(query.fields.contains_key("shop_order_get_v1_0_0"));
    let browse = &query.fields["shop_catalog_browse_v1_0_0"];
    let reason = browse
        .directives
        .get("deprecated")
        .unwrap()
        .specified_argument_by_name("reason");
    assert!(
        reason.is_some_and(|r| r.to_string().contains("Sunset: 2027-06-30")),
        "{reason:?}"
    );
    let mutation = schema.get_object("Mutation").unwrap();
    let cancel = mutation
        .fields
        .keys()
        .find(|name| {
            name.as_str()
                .starts_with("shop_order_cancel_v2_0_0_beta_1_")
        })
        .expect("the pre-release command, with a hash");
    assert_eq!(mutation.fields[cancel].ty.to_string(), "JSON");
    // The kebab-case enumeration is not a GraphQL enum; the snake-case one is.
    let status = schema
        .get_enum("shop_order_get_v1_0_0_Output__OrderStatus")
        .expect("an enum of names is a GraphQL enum");
    let values: Vec<&str> = status.values.keys().map(|v| v.as_str()).collect();
    assert_eq!(values, ["placed", "on_hold", "cancelled"]);
    assert_eq!(
        status.values["on_hold"].description.as_deref(),
        Some("Waiting for a human.")
    );
    assert!(sdl.contains("  sort: String!\n"));
    // Recursion is a named type referring to itself.
    assert!(sdl.contains("  children: [shop_catalog_browse_v1_0_0_Output!]!\n"));
    // An input without fields takes no argument; maps and JSON values are custom scalars; an
    // optional enum is a nullable enum.
    assert!(sdl.contains("  shop_health_get_v1_0_0: shop_health_get_v1_0_0_Output!\n"));
    assert!(sdl.contains("  stock: JSONObject!\n"));
    assert!(sdl.contains("  probes: JSON\n"));
    assert!(sdl.contains("  worst: shop_health_get_v1_0_0_Output__OrderStatus\n"));
}
