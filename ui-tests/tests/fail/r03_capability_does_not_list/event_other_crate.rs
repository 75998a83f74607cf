use contracts_core::{event, registry, Model};

/// An invoice was paid.
#[event(key = "billing.invoice.paid", version = "1.0.0", capability = "billing.core@1.0.0")]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct InvoicePaid {}

registry! {
    pub static REGISTRY;
    defaults(owners = ["team.billing"], stability = "beta");
    includes(ui_downstream::INVOICING);
    contracts(InvoicePaid);
}

fn main() {}
