use contracts_core::{event, registry, Model};

/// Already declared by `ui_upstream`.
#[event(key = "billing.invoice.issued", version = "1.0.0")]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct InvoiceIssuedAgain {}

/// Declared downstream of `billing.core`.
#[contracts_core::command(key = "billing.invoice.void", version = "1.0.0", capability = "billing.core",
    output = Voided, policy(auth = "admin"))]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct VoidInvoice {}

#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct Voided {}

registry! {
    pub static REGISTRY;
    defaults(owners = ["team.billing"], stability = "beta");
    includes(ui_upstream::BILLING);
    contracts(InvoiceIssuedAgain, VoidInvoice);
}

fn main() {}
