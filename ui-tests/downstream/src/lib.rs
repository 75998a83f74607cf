//! Declares `billing.invoice.void`, which `billing.core` (in `ui_upstream`) lists as provided
//! downstream, and includes the upstream registry.

use contracts_core::{command, registry, Model};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Void an invoice.
#[command(
    key = "billing.invoice.void",
    version = "1.0.0",
    capability = "billing.core@1.0.0",
    output = VoidInvoiceOutput,
    policy(auth = "admin", escalate = "human_review"),
)]
#[derive(Serialize, Deserialize, JsonSchema, Model)]
pub struct VoidInvoice {
    pub invoice_id: String,
}

/// The voided invoice.
#[derive(Serialize, Deserialize, JsonSchema, Model)]
pub struct VoidInvoiceOutput {
    pub voided: bool,
}

registry! {
    /// Invoicing contracts, with the billing contracts they build on.
    pub static INVOICING;
    defaults(domain = "billing", owners = ["team.invoicing"], stability = "beta");
    includes(ui_upstream::BILLING);
    contracts(VoidInvoice);
}
