// One capability is broken (`kind`). References to it stay quiet, but every unrelated mistake
// in the crate is still reported in the same build: an undeclared capability, an event left out
// of the registry, and an unknown doc id.
use contracts_core::{capability, command, event, registry, Model};

/// Runs.
#[capability(key = "runs.execution", version = "1.0.0", kind = "apii",
    provides(operation("runs.run.start@1.0.0")))]
pub struct RunsExecution;

/// Start a run: claims the broken capability, so nothing is reported here.
#[command(key = "runs.run.start", version = "1.0.0", capability = "runs.execution",
    output = Started, policy(auth = "user"))]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct StartRun {}

/// Stop a run: claims a capability nobody declares.
#[command(key = "runs.run.stop", version = "1.0.0", capability = "runs.scheduling",
    output = Started, policy(auth = "user"), doc_ids = ["docs.runs.missing"])]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct StopRun {}

/// A run stopped; forgotten in the registry.
#[event(key = "runs.run.stopped", version = "1.0.0")]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct RunStopped {}

#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct Started {}

registry! {
    pub static REGISTRY;
    defaults(owners = ["team.runs"], stability = "beta");
    contracts(RunsExecution, StartRun, StopRun);
}

fn main() {}
