use contracts_core::{command, registry, Model};

/// Start a run.
#[command(key = "runs.run.start", version = "1.0.0", output = Started,
    emits(Started(when = "The run begins.")), policy(auth = "user"))]
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
