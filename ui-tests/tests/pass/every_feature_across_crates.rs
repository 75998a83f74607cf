//! Every declarable kind and every argument, referencing contracts of two upstream crates
//! (`ui_upstream` directly and through `ui_downstream`), checked at compile time and read back
//! at run time.

use contracts_core::{
    capability, command, consumer, data_view, doc_block, event, feature_module, form, policy, presentation, query, registry,
    Auth, Contract, ContractKind, ErrorCatalog, Model, Operation, Stability,
};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Collects payments for invoices.
#[capability(
    key = "payments.collect",
    version = "1.0.0",
    kind = "integration",
    title = "Payment collection",
    domain = "payments",
    tags = ["collect"],
    doc_ids = ["docs.payments.collect"],
    provides(
        operation("payments.payment.capture@1.0.0", description = "Capture a payment."),
        operation("payments.payment.get", description = "Read a payment."),
        event("payments.payment.captured@1.0.0"),
        presentation("payments.payment.receipt@1.0.0"),
        workflow("payments.dunning", description = "Chases unpaid invoices."),
        resource("payments.ledger"),
    ),
    requires(
        capability("billing.core@1.0.0", kind = "api", reason = "Payments settle invoices."),
        capability("fraud.screening@2.0.0", optional, reason = "Screened when the fraud service is deployed."),
    ),
    extends = "billing.core@1.0.0",
)]
pub struct PaymentsCollect;

/// Emitted when a payment is captured.
#[event(
    key = "payments.payment.captured",
    version = "1.0.0",
    capability = "payments.collect@1.0.0",
    pii = ["payer.email", "payer.cards.last4"],
)]
#[derive(Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase")]
pub struct PaymentCaptured {
    pub payment_id: String,
    pub payer: Payer,
}

/// Who paid.
#[derive(Serialize, Deserialize, JsonSchema, Model)]
pub struct Payer {
    pub email: String,
    pub cards: Vec<Card>,
}

/// A card on file.
#[derive(Serialize, Deserialize, JsonSchema, Model)]
pub struct Card {
    pub last4: String,
}

/// The capture failures.
#[derive(Debug, ErrorCatalog)]
pub enum CaptureError {
    /// The card was declined.
    #[contract_error(http = 402, when = "The issuer declines the charge.")]
    CardDeclined,
    /// The invoice is already paid.
    #[contract_error(code = "ALREADY_PAID", http = 409, when = "The invoice has a settled payment.")]
    Settled,
}

/// Capture a payment for an invoice.
#[command(
    key = "payments.payment.capture",
    version = "1.0.0",
    title = "Capture payment",
    goal = "Turn an issued invoice into collected money.",
    context = "Called by checkout and by the dunning workflow.",
    owners = ["team.payments", "team.finance"],
    stability = "stable",
    capability = "payments.collect",
    output = CaptureOutput,
    emits(
        PaymentCaptured(when = "The processor confirms the capture.", version = "1.0.0"),
        ui_upstream::InvoiceIssued(when = "A receipt invoice is issued."),
    ),
    errors = CaptureError,
    policy(
        auth = "user",
        pii = ["card.number", "card"],
        idempotent = true,
        rate_limit(rpm = 120, key = "org"),
        escalate = "human_review",
        flags = ["payments.live"],
        policies = ["payments.capture-policy@1.0.0"],
    ),
)]
#[derive(Serialize, Deserialize, JsonSchema, Model)]
#[serde(deny_unknown_fields)]
pub struct CapturePayment {
    pub invoice_id: String,
    pub card: CardNumber,
}

/// A full card number.
#[derive(Serialize, Deserialize, JsonSchema, Model)]
pub struct CardNumber {
    pub number: String,
}

/// The captured payment.
#[derive(Serialize, Deserialize, JsonSchema, Model)]
pub struct CaptureOutput {
    pub payment_id: String,
}

/// Read a payment.
#[query(key = "payments.payment.get", version = "1.0.0", capability = "payments.collect",
    output = CaptureOutput, policy(auth = "anonymous"))]
#[derive(Serialize, Deserialize, JsonSchema, Model)]
pub struct GetPayment {
    pub payment_id: String,
}

/// A printable receipt.
#[presentation(
    key = "payments.payment.receipt",
    version = "1.0.0",
    goal = "Prove a payment.",
    capability = "payments.collect",
    source(component(framework = "react", key = "paymentReceipt")),
    targets = ["react", "markdown", "application/json"],
    policy(flags = ["payments.receipts"], pii = ["payer.email"]),
)]
pub struct PaymentReceipt;

/// Payments, newest first.
#[data_view(
    key = "payments.payment.index",
    version = "1.0.0",
    entity = "payment",
    source(primary = "payments.payment.get@1.0.0", item = "payments.payment.get", refresh_events = ["payments.payment.captured"]),
    view(
        kind = "table",
        fields(field(key = "id", label = "Payment", data_path = "paymentId")),
        primary_field = "id",
        secondary_fields = ["id"],
        filters(filter(key = "q", label = "Search", field = "query", type = "search")),
    ),
    policy(flags = [], pii = []),
)]
pub struct PaymentIndex;

/// Find a payment.
#[form(
    key = "payments.search.form",
    version = "1.0.0",
    fields(
        field(kind = "text", name = "query", label = "Search", placeholder = "Payment id"),
        field(kind = "text", name = "payer.email", label = "Payer"),
    ),
    actions(action(key = "search", label = "Search", op = "payments.payment.get@1.0.0")),
    policy(pii = ["payer.email"]),
)]
#[derive(Serialize, Deserialize, JsonSchema, Model)]
pub struct PaymentSearch {
    pub query: Option<String>,
    pub payer: Payer,
}

/// Who may capture.
#[policy(
    key = "payments.capture-policy",
    version = "1.0.0",
    scope = "operation",
    rules(
        rule(effect = "deny", actions = ["payment.capture"], conditions = ["context.frozen === true"], reason = "account_frozen"),
        rule(effect = "allow", actions = ["payment.capture"], roles = ["cashier"], resource = "payment", flags = ["payments.live"], escalate = "human_review", reason = "cashier"),
    ),
)]
pub struct CapturePolicy;

/// The payments feature.
#[feature_module(
    key = "payments",
    version = "1.0.0",
    operations = ["payments.payment.capture@1.0.0", "payments.payment.get", "billing.invoice.void@1.0.0"],
    events = ["payments.payment.captured", "billing.invoice.issued@1.0.0"],
    presentations = ["payments.payment.receipt"],
    provides = ["payments.collect@1.0.0"],
    requires(capability("billing.core")),
    data_views = ["payments.payment.index"],
    forms = ["payments.search.form"],
    policies = ["payments.capture-policy"],
    docs = ["docs.payments.collect"],
)]
pub struct PaymentsFeature;

/// # Collecting payments
///
/// Payments settle invoices.
#[doc_block(id = "docs.payments.collect", title = "Collecting payments", summary = "How payments settle invoices.",
    route = "/docs/payments/collect", tags = ["payments"])]
pub struct CollectDoc;

/// Marks invoices paid when they are issued again (an event of an included crate).
#[consumer(key = "payments.invoice.watch", version = "1.0.0", capability = "payments.collect",
    event = ui_upstream::InvoiceIssued)]
pub struct WatchInvoices;

registry! {
    /// The application: payments plus the billing crates.
    pub static APP;
    defaults(domain = "payments", owners = ["team.payments"], tags = ["money"], stability = "beta");
    includes(ui_downstream::INVOICING, ui_upstream::BILLING);
    contracts(
        PaymentsCollect, PaymentCaptured, CapturePayment, GetPayment, PaymentReceipt,
        PaymentIndex, PaymentSearch, CapturePolicy, PaymentsFeature, CollectDoc, WatchInvoices,
    );
}

fn main() {
    // Both upstream crates are aggregated once each, after this crate.
    assert_eq!(APP.crates().skip(1).collect::<Vec<_>>(), ["ui_downstream", "ui_upstream"]);
    assert_eq!(APP.len(), 10 + 1 + 3);

    let capture = <CapturePayment as Operation>::DESCRIPTOR;
    assert_eq!(capture.meta.description, "Capture a payment for an invoice.");
    assert_eq!(capture.meta.owners, ["team.payments", "team.finance"]);
    assert_eq!(capture.meta.tags, ["money"]);
    assert_eq!(capture.meta.domain, Some("payments"));
    assert_eq!(capture.meta.stability, Stability::Stable);
    assert_eq!(capture.policy.auth, Auth::User);
    assert!(capture.policy.idempotent);
    assert_eq!(capture.policy.rate_limit.unwrap().rpm, 120);
    assert_eq!(capture.errors.len(), 2);
    assert_eq!(CaptureError::Settled.code(), "ALREADY_PAID");
    assert_eq!(capture.emits.len(), 2);
    assert_eq!(capture.emits[1].event.meta.key, "billing.invoice.issued");
    assert!(capture.meta.source.text.contains("pub struct CapturePayment"));
    assert!(capture.meta.source.line > 0);

    let get = APP.get("payments.payment.get", "1.0.0").unwrap();
    assert_eq!(get.kind(), ContractKind::Query);
    assert!(get.as_operation().unwrap().policy.idempotent);

    let collect = APP.latest("payments.collect").unwrap().as_capability().unwrap();
    assert_eq!(collect.meta.tags, ["money", "collect"]);
    let provided: Vec<&str> = APP.provided_by(collect).map(|c| c.key()).collect();
    assert_eq!(provided, ["payments.payment.capture", "payments.payment.get", "payments.payment.captured", "payments.payment.receipt"]);

    let void = APP.get("billing.invoice.void", "1.0.0").unwrap();
    let providers: Vec<&str> = APP.capabilities_providing(void).map(|c| c.meta.key).collect();
    assert_eq!(providers, ["billing.core"]);

    let captured = APP.latest("payments.payment.captured").unwrap().as_event().unwrap();
    assert_eq!(APP.emitters_of(captured).map(|o| o.meta.key).collect::<Vec<_>>(), ["payments.payment.capture"]);

    let issued = APP.latest("billing.invoice.issued").unwrap().as_event().unwrap();
    let consumers: Vec<&str> = APP.consumers_of(issued).map(|c| c.meta.key).collect();
    assert_eq!(consumers, ["payments.invoice.watch"]);
    assert_eq!(<WatchInvoices as contracts_core::Consumer>::DESCRIPTOR.event.meta.key, "billing.invoice.issued");

    assert_eq!(APP.of_kind(ContractKind::Command).count(), 3);
    assert_eq!(APP.doc_block("docs.payments.collect").unwrap().body, "# Collecting payments\n\nPayments settle invoices.");
    assert!(matches!(APP.find("payments.search.form"), Some(Contract::Form(_))));

    let schema = capture.input.json_schema();
    assert_eq!(schema.get("additionalProperties"), Some(&serde_json::Value::Bool(false)));
    let json = serde_json::to_value(APP.iter().collect::<Vec<_>>()).unwrap();
    assert_eq!(json.as_array().unwrap().len(), APP.len());
}
