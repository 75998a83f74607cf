// The form of the binding is checked on its literals: a path template that is not a `/`-led
// list of literal segments and whole `{name}` parameters, a status that is not a success, a
// method that does not fit the kind of operation, and an unknown method.
use contracts_core::{command, query, registry, Model};

/// Return a loan.
#[command(key = "lib.loan.return", version = "1.0.0", output = Done,
    http(path = "/loans/:loanId/return"), policy(auth = "anonymous"))]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct ReturnLoan { pub loan_id: String }

/// Extend a loan.
#[command(key = "lib.loan.extend", version = "1.0.0", output = Done,
    http(path = "loans/{loanId}/"), policy(auth = "anonymous"))]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct ExtendLoan { pub loan_id: String }

/// Place a loan.
#[command(key = "lib.loan.place", version = "1.0.0", output = Done,
    http(path = "/loans/{id}/{id}", status = 409), policy(auth = "anonymous"))]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct PlaceLoan { pub id: String }

/// Cancel a loan.
#[command(key = "lib.loan.cancel", version = "1.0.0", output = Done,
    http(method = "GET"), policy(auth = "anonymous"))]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct CancelLoan { pub id: String }

/// Get a loan.
#[query(key = "lib.loan.get", version = "1.0.0", output = Done,
    http(method = "DELETE"), policy(auth = "anonymous"))]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct GetLoan { pub id: String }

/// List loans.
#[query(key = "lib.loan.list", version = "1.0.0", output = Done,
    http(method = "FETCH"), policy(auth = "anonymous"))]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct ListLoans {}

#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct Done { pub ok: bool }

registry! {
    pub static REGISTRY;
    defaults(owners = ["team.library"], stability = "beta");
    contracts(ReturnLoan, ExtendLoan, PlaceLoan, CancelLoan, GetLoan, ListLoans);
}

fn main() {}
