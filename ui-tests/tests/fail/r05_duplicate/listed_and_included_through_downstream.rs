// `IssueInvoice` is declared by `ui_upstream` and reachable through `ui_downstream`'s registry
// (which includes `ui_upstream`'s); listing it here again is a duplicate.
use contracts_core::registry;
use ui_upstream::IssueInvoice;

registry! {
    pub static REGISTRY;
    defaults(owners = ["team.billing"], stability = "beta");
    includes(ui_downstream::INVOICING);
    contracts(IssueInvoice);
}

fn main() {}
