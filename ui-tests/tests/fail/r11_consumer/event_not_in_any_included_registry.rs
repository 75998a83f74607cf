use contracts_core::{consumer, registry};
use ui_upstream::InvoiceIssued;

/// Mails each issued invoice. Its event is declared upstream, but this registry does not
/// include the upstream registry: nothing here would ever publish it.
#[consumer(key = "mail.invoice.send", version = "1.0.0", event = InvoiceIssued)]
pub struct MailInvoice;

registry! {
    pub static REGISTRY;
    defaults(owners = ["team.mail"], stability = "beta");
    contracts(MailInvoice);
}

fn main() {}
