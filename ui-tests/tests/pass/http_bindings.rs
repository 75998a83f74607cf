// HTTP bindings a team chooses: methods, path templates whose parameters are input fields by
// their JSON names (renamed, flattened, enums), exact success statuses, a bare body, a crate
// default without the envelope, and routes that share a path but not a method, or differ by a
// literal segment where another has a parameter.
use contracts_core::{command, query, registry, HttpMethod, Model, Operation};

/// Get a loan.
#[query(key = "lib.loan.get", version = "1.0.0", output = Loan,
    http(path = "/loans/{loanId}"), policy(auth = "anonymous"))]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
#[serde(rename_all = "camelCase")]
pub struct GetLoan {
    pub loan_id: String,
}

/// List overdue loans.
#[query(key = "lib.loan.overdue", version = "1.0.0", output = Loan,
    http(path = "/loans/overdue"), policy(auth = "anonymous"))]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct Overdue {}

/// Place a loan.
#[command(key = "lib.loan.place", version = "1.0.0", output = Loan,
    http(method = "PUT", path = "/loans/{loanId}", status = 201, envelope = true),
    policy(auth = "anonymous"))]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
#[serde(rename_all = "camelCase")]
pub struct PlaceLoan {
    pub loan_id: String,
    pub barcode: String,
}

/// Close a loan.
#[command(key = "lib.loan.close", version = "1.0.0", output = Loan,
    http(method = "DELETE", path = "/loans/{loanId}/{reason}", status = 204),
    policy(auth = "anonymous"))]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct CloseLoan {
    #[serde(flatten)]
    pub target: LoanRef,
    pub reason: Reason,
}

#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
#[serde(rename_all = "camelCase")]
pub struct LoanRef {
    pub loan_id: String,
}

#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
#[serde(rename_all = "lowercase")]
pub enum Reason {
    Returned,
    Lost,
}

/// Renew a loan, at the rule's path.
#[command(key = "lib.loan.renew", version = "1.0.0", output = Loan, policy(auth = "anonymous"))]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct RenewLoan {
    pub id: String,
}

#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct Loan {
    pub id: String,
}

registry! {
    pub static REGISTRY;
    defaults(owners = ["team.library"], stability = "beta", http(envelope = false));
    contracts(GetLoan, Overdue, PlaceLoan, CloseLoan, RenewLoan);
}

fn main() {
    let get = GetLoan::DESCRIPTOR.route();
    assert_eq!((get.method, get.path.as_ref()), (HttpMethod::Get, "/loans/{loanId}"));
    assert!(!get.envelope, "the crate's default");
    let place = PlaceLoan::DESCRIPTOR.route();
    assert_eq!((place.method, place.status, place.envelope), (HttpMethod::Put, Some(201), true));
    let close = CloseLoan::DESCRIPTOR.route();
    assert_eq!(close.parameters().collect::<Vec<_>>(), ["loanId", "reason"]);
    let renew = RenewLoan::DESCRIPTOR.route();
    assert_eq!((renew.method, renew.path.as_ref()), (HttpMethod::Post, "/lib/loan/renew/v1.0.0"));
}
