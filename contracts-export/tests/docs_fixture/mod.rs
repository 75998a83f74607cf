//! A small registry using every kind of contract and every argument the docs show, shared by
//! the docs tests. Each test crate declares `SHOP` with `shop_registry!()` at its root.

use contracts_core::{
    capability, command, consumer, data_view, doc_block, event, feature_module, form, policy,
    presentation, query, ErrorCatalog, Model,
};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Orders placed by customers.
#[capability(
    key = "shop.orders",
    version = "1.0.0",
    kind = "api",
    title = "Shop orders",
    tags = ["orders"],
    doc_ids = ["docs.shop.orders"],
    provides(
        operation("shop.order.place@1.0.0", description = "Place an order."),
        operation("shop.order.get@1.0.0", description = "Read an order (v1)."),
        operation("shop.order.get@2.0.0", description = "Read an order."),
        event("shop.order.placed@1.0.0", description = "An order was placed."),
        presentation("shop.order.receipt@1.0.0"),
        workflow("shop.fulfilment", description = "Ships placed orders."),
    ),
    requires(
        capability("shop.payments@1.0.0", kind = "integration", reason = "Orders are paid | settled."),
        capability("shop.loyalty@1.0.0", optional, reason = "Points are earned when deployed."),
    ),
)]
pub struct ShopOrders;

/// Takes payments for orders.
#[capability(
    key = "shop.payments",
    version = "1.0.0",
    kind = "integration",
    extends = "shop.orders@1.0.0"
)]
pub struct ShopPayments;

/// Emitted when an order is placed.
#[event(
    key = "shop.order.placed",
    version = "1.0.0",
    capability = "shop.orders",
    pii = ["email"],
)]
#[derive(Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase")]
pub struct OrderPlaced {
    pub order_id: String,
    pub email: String,
}

/// Sends the payment request of each placed order.
#[consumer(key = "shop.payment.request", version = "1.0.0", capability = "shop.payments",
    event = OrderPlaced)]
pub struct RequestPayment;

/// Emitted when an order is cancelled; nothing emits or provides it yet.
#[event(key = "shop.order.cancelled", version = "1.0.0", stability = "idea")]
#[derive(Serialize, Deserialize, JsonSchema, Model)]
pub struct OrderCancelled {
    pub order_id: String,
}

/// Why an order cannot be placed.
#[derive(Debug, ErrorCatalog)]
#[allow(dead_code)]
pub enum PlaceOrderError {
    /// The basket holds no item.
    #[contract_error(http = 400, when = "The `items` list is empty.")]
    EmptyBasket,
    /// An item is sold out.
    #[contract_error(code = "SOLD_OUT", http = 409, when = "Stock < quantity | reserved.")]
    SoldOut,
}

/// Place an order.
///
/// The basket becomes an order; see **Order lifecycle** below.
#[command(
    key = "shop.order.place",
    version = "1.0.0",
    title = "Place order",
    goal = "Turn a basket into an order.",
    context = "Called by the checkout <form> & the mobile app.",
    owners = ["team.shop", "team.checkout"],
    tags = ["checkout"],
    stability = "stable",
    capability = "shop.orders",
    output = PlaceOrderOutput,
    emits(OrderPlaced(when = "The order is stored.")),
    errors = PlaceOrderError,
    doc_ids = ["docs.shop.orders"],
    policy(
        auth = "user",
        pii = ["email", "address.postcode"],
        rate_limit(rpm = 30, key = "user"),
        escalate = "human_review",
        flags = ["shop.checkout"],
        policies = ["shop.order-policy@1.0.0"],
    ),
)]
#[derive(Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PlaceOrder {
    /// Where receipts go.
    pub email: String,
    pub address: Address,
    /// The lines, in order; a `|` never breaks the table.
    pub items: Vec<LineItem>,
    pub coupon: Option<String>,
}

/// A postal address.
#[derive(Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase")]
pub struct Address {
    pub street_line: String,
    pub postcode: String,
}

/// One line of a basket.
#[derive(Serialize, Deserialize, JsonSchema, Model)]
pub struct LineItem {
    pub sku: String,
    pub quantity: u32,
    pub size: Size,
}

/// A garment size.
#[derive(Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "lowercase")]
pub enum Size {
    Small,
    Large,
}

/// The placed order.
#[derive(Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase")]
pub struct PlaceOrderOutput {
    pub order_id: String,
}

/// Read an order (first version).
#[query(key = "shop.order.get", version = "1.0.0", capability = "shop.orders",
    stability = "deprecated", output = PlaceOrderOutput, policy(auth = "anonymous"))]
#[derive(Serialize, Deserialize, JsonSchema, Model)]
pub struct GetOrderV1 {
    pub order_id: String,
}

/// Read an order.
#[query(key = "shop.order.get", version = "2.0.0", capability = "shop.orders",
    output = PlaceOrderOutput, policy(auth = "user"))]
#[derive(Serialize, Deserialize, JsonSchema, Model)]
pub struct GetOrder {
    pub order_id: String,
    pub include_lines: Option<bool>,
}

/// A printable receipt.
#[presentation(
    key = "shop.order.receipt",
    version = "1.0.0",
    goal = "Prove a purchase.",
    capability = "shop.orders",
    source(component(framework = "react", key = "orderReceipt")),
    targets = ["react", "markdown"],
    policy(flags = ["shop.receipts"], pii = ["email"]),
)]
pub struct OrderReceipt;

/// Orders, newest first.
#[data_view(
    key = "shop.order.index",
    version = "1.0.0",
    entity = "order",
    source(primary = "shop.order.get@2.0.0", refresh_events = ["shop.order.placed"]),
    view(
        kind = "table",
        fields(field(key = "id", label = "Order", data_path = "orderId")),
        primary_field = "id",
        secondary_fields = ["id"],
        filters(filter(key = "q", label = "Search", field = "query", type = "search")),
    ),
    policy(flags = [], pii = []),
)]
pub struct OrderIndex;

/// Find an order.
#[form(
    key = "shop.order.search",
    version = "1.0.0",
    fields(field(kind = "text", name = "query", label = "Search", placeholder = "Order id")),
    actions(action(key = "open", label = "Open", op = "shop.order.get@2.0.0")),
    policy(pii = []),
)]
#[derive(Serialize, Deserialize, JsonSchema, Model)]
pub struct OrderSearch {
    pub query: Option<String>,
}

/// Who may place orders.
#[policy(
    key = "shop.order-policy",
    version = "1.0.0",
    scope = "operation",
    rules(
        rule(effect = "deny", actions = ["order.place"], conditions = ["context.frozen === true"], reason = "account_frozen"),
        rule(effect = "allow", actions = ["order.place"], roles = ["customer"], resource = "order", flags = ["shop.checkout"], escalate = "human_review", reason = "customer"),
    ),
)]
pub struct OrderPolicy;

/// The checkout feature.
#[feature_module(
    key = "shop.checkout",
    version = "1.0.0",
    operations = ["shop.order.place@1.0.0", "shop.order.get@2.0.0"],
    events = ["shop.order.placed"],
    presentations = ["shop.order.receipt"],
    provides = ["shop.orders@1.0.0"],
    requires(capability("shop.payments")),
    data_views = ["shop.order.index"],
    forms = ["shop.order.search"],
    policies = ["shop.order-policy"],
    docs = ["docs.shop.orders"],
)]
pub struct Checkout;

/// # Order lifecycle
///
/// An order is *placed*, then paid. Raw <b>HTML</b> is shown as text, &amp; entities work.
///
/// ```text
/// placed -> paid
/// ```
///
/// See [payments](/docs/shop/payments) and [nowhere](/docs/nowhere).
#[doc_block(id = "docs.shop.orders", title = "Order lifecycle", summary = "How orders move.",
    route = "/docs/shop/orders", tags = ["orders"])]
pub struct OrdersDoc;

/// # Payments
///
/// Orders are paid through [the order docs](/docs/shop/orders#order-lifecycle).
#[doc_block(
    id = "docs.shop.payments",
    title = "Payments",
    route = "/docs/shop/payments"
)]
pub struct PaymentsDoc;

/// Declares `SHOP`, the registry of every contract of this fixture, at the crate root (where a
/// `registry!` belongs).
macro_rules! shop_registry {
    () => {
        contracts_core::registry! {
            /// The fixture shop.
            pub static SHOP;
            defaults(domain = "shop", owners = ["team.shop"], tags = ["commerce"], stability = "beta");
            contracts(
                docs_fixture::ShopOrders,
                docs_fixture::ShopPayments,
                docs_fixture::OrderPlaced,
                docs_fixture::OrderCancelled,
                docs_fixture::PlaceOrder,
                docs_fixture::GetOrderV1,
                docs_fixture::GetOrder,
                docs_fixture::OrderReceipt,
                docs_fixture::OrderIndex,
                docs_fixture::OrderSearch,
                docs_fixture::OrderPolicy,
                docs_fixture::Checkout,
                docs_fixture::OrdersDoc,
                docs_fixture::PaymentsDoc,
                docs_fixture::RequestPayment,
            );
        }
    };
}
