use contracts_core::{capability, event, registry, Model};

/// Runs, first version.
#[capability(key = "runs.execution", version = "1.0.0", kind = "api", provides(event("runs.run.started")))]
pub struct RunsExecutionV1;

/// Runs, second version.
#[capability(key = "runs.execution", version = "2.0.0", kind = "api", provides(event("runs.run.started")))]
pub struct RunsExecutionV2;

/// A run started.
#[event(key = "runs.run.started", version = "1.0.0", capability = "runs.execution")]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct RunStarted {}

registry! {
    pub static REGISTRY;
    defaults(owners = ["team.runs"], stability = "beta");
    contracts(RunsExecutionV1, RunsExecutionV2, RunStarted);
}

fn main() {}
