use contracts_core::{presentation, registry};

/// An invoice, rendered.
#[presentation(key = "billing.invoice.view", version = "1.0.0", capability = "billing.cor@1.0.0",
    source(component(framework = "react", key = "invoiceView")), targets = ["react"])]
pub struct InvoiceView;

registry! {
    pub static REGISTRY;
    defaults(owners = ["team.billing"], stability = "beta");
    includes(ui_downstream::INVOICING);
    contracts(InvoiceView);
}

fn main() {}
