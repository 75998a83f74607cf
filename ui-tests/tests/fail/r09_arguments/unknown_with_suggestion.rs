use contracts_core::{command, registry, Model};

/// Start a run.
#[command(kye = "runs.run.start", version = "1.0.0", output = Started,
    policy(auth = "user", idempotnt = true), capabilty = "runs.execution")]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct StartRun {}

#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct Started {}

registry! {
    pub static REGISTRY;
    defaults(owners = ["team.runs"], stability = "beta");
    contracts(StartRun);
}

fn main() {}
