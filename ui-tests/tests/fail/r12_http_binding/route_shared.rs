// Two operations answering the same requests: the same method and path, whatever the path
// parameters are named; and a binding that takes another operation's rule path. Each is an
// error on the path (or on the method when the path is the rule's) of both operations.
use contracts_core::{command, query, registry, Model};

/// Get a loan.
#[query(key = "lib.loan.get", version = "1.0.0", output = Loan,
    http(path = "/loans/{loanId}"), policy(auth = "anonymous"))]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
#[serde(rename_all = "camelCase")]
pub struct GetLoan {
    pub loan_id: String,
}

/// Find a loan by its barcode.
#[query(key = "lib.loan.by-barcode", version = "1.0.0", output = Loan,
    http(path = "/loans/{barcode}"), policy(auth = "anonymous"))]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct LoanByBarcode {
    pub barcode: String,
}

/// Place a loan.
#[command(key = "lib.loan.place", version = "1.0.0", output = Loan, policy(auth = "anonymous"))]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct PlaceLoan {
    pub barcode: String,
}

/// Renew a loan.
#[command(key = "lib.loan.renew", version = "1.0.0", output = Loan,
    http(path = "/lib/loan/place/v1.0.0"), policy(auth = "anonymous"))]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct RenewLoan {
    pub barcode: String,
}

#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct Loan {
    pub id: String,
}

registry! {
    pub static REGISTRY;
    defaults(owners = ["team.library"], stability = "beta");
    contracts(GetLoan, LoanByBarcode, PlaceLoan, RenewLoan);
}

fn main() {}
