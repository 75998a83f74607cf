//! The registry questions on a small shop registry: a reference that matches it has no failure,
//! and each deliberate error in a reference gives the failure that names it.

use contracts_core::{
    capability, command, event, feature_module, query, registry, ErrorCatalog, Model,
};
use contracts_parity::{registry_answers, Reference, Resolution};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// Places and reads orders.
#[capability(
    key = "shop.order",
    version = "1.0.0",
    kind = "api",
    tags = ["orders"],
    provides(
        operation("shop.order.place@1.0.0", description = "Place an order."),
        operation("shop.order.get@1.0.0", description = "Read an order."),
        event("shop.order.placed@2.0.0", description = "An order was placed."),
    ),
    requires(capability("shop.billing@1.0.0", optional, reason = "Orders are billed when billing is present.")),
)]
pub struct Orders;

/// An order was placed.
#[event(key = "shop.order.placed", version = "1.0.0")]
#[derive(Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OrderPlacedV1 {
    pub order_id: String,
}

/// An order was placed, with its total.
#[event(key = "shop.order.placed", version = "2.0.0")]
#[derive(Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OrderPlaced {
    pub order_id: String,
    pub total: i64,
}

/// The errors of placing an order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ErrorCatalog)]
pub enum PlaceError {
    /// The cart is empty.
    #[contract_error(code = "CART_EMPTY", http = 400, when = "The cart has no item.")]
    CartEmpty,
}

/// Place an order.
#[command(
    key = "shop.order.place",
    version = "1.0.0",
    capability = "shop.order@1.0.0",
    output = OrderRef,
    emits(OrderPlaced(when = "The order is accepted.")),
    errors = PlaceError,
    policy(auth = "user", pii = ["address"]),
)]
#[derive(Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PlaceOrder {
    pub cart_id: String,
    pub address: String,
}

/// A reference to an order.
#[derive(Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OrderRef {
    pub order_id: String,
}

/// Read an order.
#[query(
    key = "shop.order.get",
    version = "1.0.0",
    capability = "shop.order@1.0.0",
    output = OrderRef,
    policy(auth = "user"),
)]
#[derive(Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GetOrder {
    pub order_id: String,
}

/// Everything about orders.
#[feature_module(
    key = "platform.shop",
    version = "1.0.0",
    operations = ["shop.order.place@1.0.0", "shop.order.get@1.0.0"],
    events = ["shop.order.placed@2.0.0"],
    provides = ["shop.order@1.0.0"],
)]
pub struct ShopFeature;

registry! {
    pub static SHOP;
    defaults(domain = "shop", owners = ["team.shop"], tags = ["shop"], stability = "beta");
    contracts(Orders, OrderPlacedV1, OrderPlaced, PlaceOrder, GetOrder, ShopFeature);
}

fn contract(key: &str, version: &str, description: &str, tags: &[&str]) -> Value {
    let mut all = vec!["shop"];
    all.extend(tags);
    json!({"key": key, "version": version, "description": description, "domain": "shop",
        "owners": ["team.shop"], "tags": all, "stability": "beta"})
}

fn with(mut value: Value, fields: Value) -> Value {
    for (k, v) in fields.as_object().expect("an object") {
        value[k] = v.clone();
    }
    value
}

/// The reference the shop registry matches, as a document to spoil.
fn document() -> Value {
    let orders = json!({"key": "shop.order", "version": "1.0.0"});
    json!({
        "counts": {"operations": 2, "commands": 1, "queries": 1, "events": 2, "capabilities": 1,
            "features": 1, "docBlocks": 0},
        "registries": {
            "registerShopOperations": ["shop.order.place@1.0.0", "shop.order.get@1.0.0"],
            "registerShopEvents": ["shop.order.placed@1.0.0", "shop.order.placed@2.0.0"]
        },
        "operations": [
            with(contract("shop.order.get", "1.0.0", "Read an order.", &[]), json!({
                "kind": "query", "capability": orders,
                "policy": {"auth": "user", "pii": [], "idempotent": true},
                "errors": [], "emits": [],
                "derived": {"providedByCapabilities": ["shop.order@1.0.0"]}})),
            with(contract("shop.order.place", "1.0.0", "Place an order.", &[]), json!({
                "kind": "command", "capability": orders,
                "policy": {"auth": "user", "pii": ["address"], "idempotent": false},
                "errors": [{"code": "CART_EMPTY", "description": "The cart is empty.", "http": 400,
                    "when": "The cart has no item."}],
                "emits": [{"key": "shop.order.placed", "version": "2.0.0",
                    "when": "The order is accepted."}],
                "derived": {"providedByCapabilities": ["shop.order@1.0.0"]}})),
        ],
        "events": [
            with(contract("shop.order.placed", "1.0.0", "An order was placed.", &[]), json!({
                "capability": null,
                "derived": {"emittedByOperations": [], "providedByCapabilities": []}})),
            with(contract("shop.order.placed", "2.0.0", "An order was placed, with its total.", &[]), json!({
                "capability": null,
                "derived": {"emittedByOperations": ["shop.order.place"],
                    "providedByCapabilities": ["shop.order@1.0.0"]}})),
        ],
        "capabilities": [
            with(contract("shop.order", "1.0.0", "Places and reads orders.", &["orders"]), json!({
                "kind": "api",
                "provides": [
                    {"surface": "operation", "key": "shop.order.place", "version": "1.0.0",
                        "description": "Place an order."},
                    {"surface": "operation", "key": "shop.order.get", "version": "1.0.0",
                        "description": "Read an order."},
                    {"surface": "event", "key": "shop.order.placed", "version": "2.0.0",
                        "description": "An order was placed."}
                ],
                "requires": [{"key": "shop.billing", "version": "1.0.0", "optional": true,
                    "reason": "Orders are billed when billing is present."}],
                "extends": null})),
        ],
        "features": [
            with(contract("platform.shop", "1.0.0", "Everything about orders.", &[]), json!({
                "operations": [{"key": "shop.order.place", "version": "1.0.0"},
                    {"key": "shop.order.get", "version": "1.0.0"}],
                "events": [{"key": "shop.order.placed", "version": "2.0.0"}],
                "capabilities": {"provides": [orders]}})),
        ],
        "presentations": [], "dataViews": [], "forms": [], "policies": [], "docBlocks": []
    })
}

fn failures(document: &Value, resolutions: &[Resolution]) -> Vec<String> {
    let reference = Reference::from_json(&document.to_string()).expect("a reference");
    registry_answers(&SHOP, &reference, resolutions)
        .iter()
        .map(ToString::to_string)
        .collect()
}

/// The failures after `spoil` changes the reference.
fn spoiled(spoil: impl FnOnce(&mut Value)) -> Vec<String> {
    let mut document = document();
    spoil(&mut document);
    failures(&document, &[])
}

#[test]
fn the_matching_reference_gets_every_answer_right() {
    assert_eq!(failures(&document(), &[]), Vec::<String>::new());
}

#[test]
fn a_missing_version_and_a_stray_one_are_both_named() {
    let failures = spoiled(|d| d["events"][0]["version"] = json!("1.5.0"));
    for expected in [
        "get(shop.order.placed@1.5.0): expected an event, found nothing",
        "find(shop.order.placed@1.5.0): expected shop.order.placed@1.5.0, found nothing",
        "get(shop.order.placed@1.0.0): expected nothing, found shop.order.placed@1.0.0",
        "iter(shop.order.placed@1.0.0): expected only the reference's contracts, found an event not in the reference",
        "versions(shop.order.placed): expected [shop.order.placed@1.5.0, shop.order.placed@2.0.0], found [shop.order.placed@1.0.0, shop.order.placed@2.0.0]",
    ] {
        assert!(failures.iter().any(|f| f == expected), "{expected} in {failures:#?}");
    }
    // The latest version is still right.
    assert!(!failures
        .iter()
        .any(|f| f.starts_with("latest(shop.order.placed)")));
}

#[test]
fn a_key_that_is_a_prefix_answers_only_if_the_reference_has_it() {
    // Without the capability, `shop.order` is only a prefix of `shop.order.place`: a registry
    // that answers it is wrong.
    let failures = spoiled(|d| d["capabilities"] = json!([]));
    for expected in [
        "latest(shop.order): expected nothing, found shop.order@1.0.0",
        "find(shop.order): expected nothing, found shop.order@1.0.0",
        "versions(shop.order): expected [], found [shop.order]",
        "of_kind(capability): expected nothing, found shop.order@1.0.0",
    ] {
        assert!(
            failures.iter().any(|f| f == expected),
            "{expected} in {failures:#?}"
        );
    }
}

#[test]
fn operation_answers_are_named_field_by_field() {
    let failures = spoiled(|d| {
        let place = &mut d["operations"][1];
        place["emits"][0]["when"] = json!("Later.");
        place["errors"][0]["http"] = json!(409);
        place["policy"]["pii"] = json!([]);
        place["policy"]["idempotent"] = json!(true);
        d["events"][1]["derived"]["emittedByOperations"] = json!(["shop.order.get"]);
    });
    assert_eq!(
        failures,
        [
            "emits(shop.order.place@1.0.0): expected [shop.order.placed@2.0.0 when Later.], found [shop.order.placed@2.0.0 when The order is accepted.]",
            "errors(shop.order.place@1.0.0): expected [CART_EMPTY (http 409, when The cart has no item.): The cart is empty.], found [CART_EMPTY (http 400, when The cart has no item.): The cart is empty.]",
            "policy.idempotent(shop.order.place@1.0.0): expected true, found false",
            "policy.pii(shop.order.place@1.0.0): expected [], found [address]",
            "emitters_of(shop.order.placed@2.0.0): expected [shop.order.get], found [shop.order.place]",
        ]
    );
}

#[test]
fn capability_answers_are_named_field_by_field() {
    let failures = spoiled(|d| {
        let orders = &mut d["capabilities"][0];
        orders["kind"] = json!("data");
        orders["provides"][2]["description"] = json!("Placed.");
        orders["requires"][0]["optional"] = json!(false);
        d["events"][1]["derived"]["providedByCapabilities"] = json!([]);
        d["operations"][0]["capability"] = Value::Null;
    });
    assert_eq!(
        failures,
        [
            "kind(shop.order@1.0.0): expected data, found api",
            "provides.description(shop.order@1.0.0 event shop.order.placed@2.0.0): expected Placed., found An order was placed.",
            "requires(shop.order@1.0.0): expected [shop.billing@1.0.0: Orders are billed when billing is present.], found [shop.billing@1.0.0 (optional): Orders are billed when billing is present.]",
            "capability(shop.order.get@1.0.0): expected nothing, found shop.order@1.0.0",
            "capabilities_providing(shop.order.placed@2.0.0): expected [], found [shop.order@1.0.0]",
        ]
    );
}

#[test]
fn an_added_provides_entry_is_expected_only_by_resolution() {
    let mut document = document();
    document["capabilities"][0]["provides"]
        .as_array_mut()
        .expect("provides")
        .remove(1);
    document["operations"][0]["derived"]["providedByCapabilities"] = json!([]);
    assert_eq!(
        failures(&document, &[]),
        [
            "provides(shop.order@1.0.0): expected [operation shop.order.place@1.0.0, event shop.order.placed@2.0.0], found [operation shop.order.place@1.0.0, operation shop.order.get@1.0.0, event shop.order.placed@2.0.0]",
            "capabilities_providing(shop.order.get@1.0.0): expected [], found [shop.order@1.0.0]",
        ]
    );
    let added = |target| {
        Resolution::added_provides(
            "shop.order@1.0.0",
            "operation",
            target,
            "the operation claims it",
        )
    };
    assert_eq!(
        failures(&document, &[added("shop.order.get@1.0.0")]),
        Vec::<String>::new()
    );
    // A resolution for an entry the capability does not list is itself a failure.
    assert_eq!(
        failures(
            &document,
            &[added("shop.order.get@1.0.0"), added("shop.order.cancel@1.0.0")]
        ),
        ["provides(shop.order@1.0.0): expected operation shop.order.cancel@1.0.0 (resolution: the operation claims it), found nothing"]
    );
}

#[test]
fn listings_registers_features_and_counts_are_checked() {
    let failures = spoiled(|d| {
        d["operations"][0]["tags"] = json!(["shop", "read"]);
        d["registries"]["registerShopOperations"] =
            json!(["shop.order.place@1.0.0", "shop.order.cancel@1.0.0"]);
        d["features"][0]["operations"] = json!([{"key": "shop.order.get", "version": "1.0.0"},
            {"key": "shop.order.place", "version": "1.0.0"}]);
        d["counts"]["queries"] = json!(2);
    });
    assert_eq!(
        failures,
        [
            "tags(shop.order.get@1.0.0): expected [shop, read], found [shop]",
            "count(queries): expected 2, found 1",
            "with_tag(read): expected shop.order.get@1.0.0, found nothing",
            "registerShopOperations(shop.order.cancel@1.0.0): expected a declared contract, found nothing",
            "registerShopOperations(command, query): expected shop.order.cancel@1.0.0, found nothing",
            "registerShopOperations(command, query): expected nothing, found shop.order.get@1.0.0",
            "feature.operations(platform.shop@1.0.0): expected [shop.order.get@1.0.0, shop.order.place@1.0.0], found [shop.order.place@1.0.0, shop.order.get@1.0.0]",
        ]
    );
}

#[test]
fn doc_blocks_are_looked_up_by_id() {
    let failures = spoiled(|d| {
        d["docBlocks"] = json!([{"id": "docs.shop", "title": "Shop", "kind": "goal",
            "visibility": "public", "tags": [], "body": "Orders."}]);
        d["operations"][0]["docId"] = json!(["docs.shop"]);
    });
    assert_eq!(
        failures,
        [
            "doc_ids(shop.order.get@1.0.0): expected [docs.shop], found []",
            "doc_block(docs.shop): expected a declared doc block, found nothing",
        ]
    );
}
