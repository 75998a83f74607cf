// The operation emits an event declared by `ui_upstream`, but this crate's registry does not
// include `ui_upstream`'s: the registry (and every surface exported from it) would lack an
// event that is emitted.
use contracts_core::{command, registry, Model};
use ui_upstream::InvoiceIssued;

/// Reissue an invoice.
#[command(key = "billing.invoice.reissue", version = "1.0.0", output = Reissued,
    emits(InvoiceIssued(when = "The invoice is stored again.")), policy(auth = "user"))]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct ReissueInvoice {}

/// Resend an invoice; the pinned version is right, the registry still lacks the event.
#[command(key = "billing.invoice.resend", version = "1.0.0", output = Reissued,
    emits(ui_upstream::InvoiceIssued(when = "The invoice is sent.", version = "1.0.0")),
    policy(auth = "user"))]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct ResendInvoice {}

#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct Reissued {}

registry! {
    pub static REGISTRY;
    defaults(owners = ["team.billing"], stability = "beta");
    contracts(ReissueInvoice, ResendInvoice);
}

fn main() {}
