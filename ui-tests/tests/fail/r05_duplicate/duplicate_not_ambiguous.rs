// Two events declare `runs.run.started@1.0.0`. The capability that provides it, pinned at that
// version, must not add "is ambiguous: versions `1.0.0` and `1.0.0`": the duplicate is reported
// at both declarations and nowhere else.
use contracts_core::{capability, event, registry, Model};

/// Runs.
#[capability(key = "runs.execution", version = "1.0.0", kind = "api",
    provides(event("runs.run.started@1.0.0")))]
pub struct RunsExecution;

/// A run started.
#[event(key = "runs.run.started", version = "1.0.0", capability = "runs.execution")]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct RunStarted {}

/// A run started, declared again by mistake.
#[event(key = "runs.run.started", version = "1.0.0", capability = "runs.execution")]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct RunBegan {}

registry! {
    pub static REGISTRY;
    defaults(owners = ["team.runs"], stability = "beta");
    contracts(RunsExecution, RunStarted, RunBegan);
}

fn main() {}
