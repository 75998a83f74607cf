use contracts_core::{capability, command, registry, Model};

/// Runs.
#[capability(key = "runs.execution", version = "1.0.0", kind = "service", stability = "stabel",
    provides(operations("runs.run.start@1.0.0")))]
pub struct RunsExecution;

/// Start a run.
#[command(key = "runs.run.start", version = "1.0.0", output = Started, policy(auth = "root"))]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct StartRun {}

#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct Started {}

registry! {
    pub static REGISTRY;
    defaults(owners = ["team.runs"], stability = "beta");
    contracts(RunsExecution, StartRun);
}

fn main() {}
