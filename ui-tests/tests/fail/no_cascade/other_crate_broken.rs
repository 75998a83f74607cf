// A broken contract in this crate does not silence mistakes about contracts of an included
// crate: the claim below names a capability `ui_upstream` does not declare.
use contracts_core::{event, registry, Model};

/// Broken: no version.
#[event(key = "billing.invoice.sent", capability = "billing.core")]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct InvoiceSent {}

/// Claims a capability no crate declares.
#[event(key = "billing.invoice.paid", version = "1.0.0", capability = "billing.payments")]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct InvoicePaid {}

registry! {
    pub static REGISTRY;
    defaults(owners = ["team.billing"], stability = "beta");
    includes(ui_upstream::BILLING);
    contracts(InvoiceSent, InvoicePaid);
}

fn main() {}
