// A path parameter is filled from an input field, named by its JSON name: a name that is no
// top-level field, a Rust name serde renames, and a field holding a list are errors on the path.
use contracts_core::{command, registry, Model};

/// Return a loan.
#[command(key = "lib.loan.return", version = "1.0.0", output = Returned,
    http(method = "PUT", path = "/loans/{loan}/items/{item_ids}/{itemIds}"),
    policy(auth = "anonymous"))]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
#[serde(rename_all = "camelCase")]
pub struct ReturnLoan {
    pub loan_id: String,
    pub item_ids: Vec<String>,
}

/// Extend a loan.
#[command(key = "lib.loan.extend", version = "1.0.0", output = Returned,
    http(path = "/loans/{loanId}/extension/{days}"),
    policy(auth = "anonymous"))]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
#[serde(rename_all = "camelCase")]
pub struct ExtendLoan {
    pub loan_id: String,
    pub extension: Extension,
}

#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct Extension {
    pub days: u32,
}

#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct Returned {
    pub ok: bool,
}

registry! {
    pub static REGISTRY;
    defaults(owners = ["team.library"], stability = "beta");
    contracts(ReturnLoan, ExtendLoan);
}

fn main() {}
