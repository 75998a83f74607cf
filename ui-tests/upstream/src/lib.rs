//! Contracts declared upstream of the ui-tests cases: a capability, an event and a command
//! that downstream crates reference.

use contracts_core::{capability, command, event, registry, Model};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Billing, declared upstream.
#[capability(
    key = "billing.core",
    version = "1.0.0",
    kind = "api",
    provides(
        operation("billing.invoice.issue@1.0.0", description = "Issue an invoice."),
        event("billing.invoice.issued@1.0.0"),
        operation(
            "billing.invoice.void@1.0.0",
            description = "Declared downstream.",
            downstream
        ),
    )
)]
pub struct BillingCore;

/// Emitted when an invoice is issued.
#[event(key = "billing.invoice.issued", version = "1.0.0", capability = "billing.core", pii = ["customer.email"])]
#[derive(Serialize, Deserialize, JsonSchema, Model)]
pub struct InvoiceIssued {
    pub invoice_id: String,
    pub customer: Customer,
}

/// A customer.
#[derive(Serialize, Deserialize, JsonSchema, Model)]
pub struct Customer {
    pub email: String,
}

/// Issue an invoice.
#[command(
    key = "billing.invoice.issue",
    version = "1.0.0",
    capability = "billing.core@1.0.0",
    output = IssueInvoiceOutput,
    emits(InvoiceIssued(when = "The invoice is stored.")),
    policy(auth = "user"),
)]
#[derive(Serialize, Deserialize, JsonSchema, Model)]
pub struct IssueInvoice {
    pub amount_cents: i64,
}

/// The issued invoice.
#[derive(Serialize, Deserialize, JsonSchema, Model)]
pub struct IssueInvoiceOutput {
    pub invoice_id: String,
}

registry! {
    /// Billing contracts.
    pub static BILLING;
    defaults(domain = "billing", owners = ["team.billing"], tags = ["billing"], stability = "stable");
    contracts(BillingCore, InvoiceIssued, IssueInvoice);
}
