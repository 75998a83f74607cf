// The event's key is malformed (`_`). A reference close enough to be its correction
// (`runs.run-started`) is a reference to the broken event and stays quiet; a reference to
// another key (`runs.run.paused`) is reported.
use contracts_core::{capability, event, registry, Model};

/// Runs.
#[capability(key = "runs.execution", version = "1.0.0", kind = "api",
    provides(event("runs.run-started@1.0.0"), event("runs.run.paused@1.0.0")))]
pub struct RunsExecution;

/// A run started.
#[event(key = "runs.run_started", version = "1.0.0", capability = "runs.execution")]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct RunStarted {}

registry! {
    pub static REGISTRY;
    defaults(owners = ["team.runs"], stability = "beta");
    contracts(RunsExecution, RunStarted);
}

fn main() {}
