use contracts_core::{command, registry, Model};
use ui_upstream::InvoiceIssued;

/// Re-issue an invoice.
#[command(key = "billing.invoice.reissue", version = "1.0.0", output = Reissued,
    emits(InvoiceIssued(version = "2.0.0", when = "The invoice is issued again.")), policy(auth = "admin"))]
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

fn main() {}
