use contracts_core::{capability, event, registry, Model};

/// Runs.
#[capability(key = "runs.execution", version = "1.0.0", kind = "api",
    provides(event("runs.run.started@1.0.0")))]
pub struct RunsExecution;

/// A run started.
#[event(key = "runs.run.started", version = "1.0.0", capability = "runs.execution@2.0.0")]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct RunStarted {}

registry! {
    pub static REGISTRY;
    defaults(owners = ["team.runs"], stability = "beta");
    contracts(RunsExecution, RunStarted);
}

fn main() {}
