// `billing.core` (upstream) provides `billing.invoice.void` downstream; a registry that includes
// it must include the crate declaring that operation.
use contracts_core::registry;

registry! {
    pub static REGISTRY;
    includes(ui_upstream::BILLING);
}

fn main() {}
