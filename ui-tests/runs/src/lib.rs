//! Two contracts with error catalogs (`runs.run.start`, `runs.run.get`) and their registry:
//! the fixture that the mistyped-handler cases of ui-tests bind handlers to.

use contracts_core::{command, query, registry, ErrorCatalog, Model};

/// Why a run does not start.
#[derive(Debug, ErrorCatalog)]
pub enum StartError {
    /// The plan is not approved.
    #[contract_error(http = 409)]
    NotApproved,
}

/// Why a run cannot be read.
#[derive(Debug, ErrorCatalog)]
pub enum GetError {
    /// The run is archived.
    #[contract_error(http = 410)]
    Archived,
}

/// Start a run.
#[command(key = "runs.run.start", version = "1.0.0", output = Started, errors = StartError,
    policy(auth = "user"))]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct StartRun {
    pub plan_id: String,
}

/// A started run.
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct Started {
    pub run_id: String,
}

/// Read a run.
#[query(key = "runs.run.get", version = "1.0.0", output = Started, errors = GetError,
    policy(auth = "user"))]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct GetRun {
    pub run_id: String,
}

registry! {
    pub static REGISTRY;
    defaults(owners = ["team.runs"], stability = "beta");
    contracts(StartRun, GetRun);
}
