// This crate declares `billing.invoice.issued@1.0.0` again, and emits the upstream event of
// that key. The duplicate is the one mistake: the emitted event is not reported as missing.
use contracts_core::{command, event, registry, Model};

/// Already declared by `ui_upstream`.
#[event(key = "billing.invoice.issued", version = "1.0.0")]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct InvoiceIssuedAgain {}

/// Reissue an invoice.
#[command(key = "billing.invoice.reissue", version = "1.0.0", output = Reissued,
    emits(ui_upstream::InvoiceIssued(when = "The invoice is stored again.")),
    policy(auth = "user"))]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct ReissueInvoice {}

#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct Reissued {}

registry! {
    pub static REGISTRY;
    defaults(owners = ["team.billing"], stability = "beta");
    includes(ui_upstream::BILLING);
    contracts(InvoiceIssuedAgain, ReissueInvoice);
}

fn main() {}
