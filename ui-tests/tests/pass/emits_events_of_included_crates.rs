// An operation may emit an event of another crate when its registry includes that crate's.
use contracts_core::{command, registry, Model};
use ui_upstream::InvoiceIssued;

/// Reissue an invoice.
#[command(key = "billing.invoice.reissue", version = "1.0.0", output = Reissued,
    emits(InvoiceIssued(when = "The invoice is stored again.", version = "1.0.0")),
    policy(auth = "user"))]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct ReissueInvoice {}

#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct Reissued {}

registry! {
    pub static REGISTRY;
    defaults(owners = ["team.billing"], stability = "beta");
    includes(ui_downstream::INVOICING);
    contracts(ReissueInvoice);
}

fn main() {
    let event = REGISTRY.get("billing.invoice.issued", "1.0.0").unwrap();
    assert_eq!(REGISTRY.emitters_of(event.as_event().unwrap()).count(), 2);
}
