use contracts_core::{consumer, registry};

/// Mails invoices.
#[consumer(key = "mail.invoice.send", version = "1.0.0")]
pub struct MailInvoice;

registry! {
    pub static REGISTRY;
    defaults(owners = ["team.mail"], stability = "beta");
    contracts(MailInvoice);
}

fn main() {}
