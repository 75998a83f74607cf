use contracts_core::{capability, command, registry, Model};

/// Runs.
#[capability(key = "runs.execution", version = "1.0.0", kind = "api",
    provides(operation("runs.run.start@1.0.0")))]
pub struct RunsExecution;

/// Stop a run.
#[command(key = "runs.run.stop", version = "1.0.0", capability = "runs.execution",
    output = Done, policy(auth = "user"))]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct StopRun {}

/// Start a run.
#[command(key = "runs.run.start", version = "1.0.0", capability = "runs.execution",
    output = Done, policy(auth = "user"))]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct StartRun {}

#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct Done {}

registry! {
    pub static REGISTRY;
    defaults(owners = ["team.runs"], stability = "beta");
    contracts(RunsExecution, StopRun, StartRun);
}

fn main() {}
