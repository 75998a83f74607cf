// The capability's attribute has one mistake (`kind`). The operation that claims it, the
// registry that lists it, and the event it provides must not report follow-on errors.
use contracts_core::{capability, command, event, registry, Model};

/// Runs.
#[capability(key = "runs.execution", version = "1.0.0", kind = "apii",
    provides(operation("runs.run.start@1.0.0"), event("runs.run.started@1.0.0")))]
pub struct RunsExecution;

/// A run started.
#[event(key = "runs.run.started", version = "1.0.0", capability = "runs.execution")]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct RunStarted {}

/// Start a run.
#[command(key = "runs.run.start", version = "1.0.0", capability = "runs.execution",
    output = Started, emits(RunStarted(when = "The run begins.")), policy(auth = "user"))]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct StartRun {}

#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct Started {}

registry! {
    pub static REGISTRY;
    defaults(owners = ["team.runs"], stability = "beta");
    contracts(RunsExecution, RunStarted, StartRun);
}

fn main() {}
