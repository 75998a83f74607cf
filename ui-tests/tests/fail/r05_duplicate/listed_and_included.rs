// `InvoiceIssued` is declared by `ui_upstream`, whose registry this one includes; listing it
// here as well would make the registry hold it twice.
use contracts_core::registry;

registry! {
    pub static REGISTRY;
    defaults(owners = ["team.billing"], stability = "beta");
    includes(ui_upstream::BILLING);
    contracts(ui_upstream::InvoiceIssued);
}

fn main() {}
