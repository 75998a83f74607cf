// `billing.core` lives upstream (`ui_upstream`): the fix for an operation it does not list
// names `downstream`, the only way an upstream capability can list a contract it cannot see.
use contracts_core::{command, registry, Model};

/// Refund an invoice.
#[command(key = "billing.invoice.refund", version = "1.0.0", capability = "billing.core",
    output = Refunded, policy(auth = "admin"))]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct RefundInvoice {}

#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct Refunded {}

registry! {
    pub static REGISTRY;
    defaults(owners = ["team.billing"], stability = "beta");
    includes(ui_downstream::INVOICING);
    contracts(RefundInvoice);
}

fn main() {}
