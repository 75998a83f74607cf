use contracts_core::{command, registry, Model};

/// Start a run.
#[command(key = "runs.run.start", version = "1.0.0", capability = "runs.executon",
    output = Started, policy(auth = "user"))]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct StartRun {}

#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct Started {}

/// Runs.
#[contracts_core::capability(key = "runs.execution", version = "1.0.0", kind = "api")]
pub struct RunsExecution;

registry! {
    pub static REGISTRY;
    defaults(owners = ["team.runs"], stability = "beta");
    contracts(StartRun, RunsExecution);
}

fn main() {}
