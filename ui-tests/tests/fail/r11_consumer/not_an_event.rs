use contracts_core::{consumer, registry, Model};

#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct Invoice {}

/// Mails invoices.
#[consumer(key = "mail.invoice.send", version = "1.0.0", event = Invoice)]
pub struct MailInvoice;

registry! {
    pub static REGISTRY;
    defaults(owners = ["team.mail"], stability = "beta");
    contracts(MailInvoice);
}

fn main() {}
