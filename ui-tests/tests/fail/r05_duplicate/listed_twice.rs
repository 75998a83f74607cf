use contracts_core::{event, registry, Model};

/// A run started.
#[event(key = "runs.run.started", version = "1.0.0")]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct RunStarted {}

registry! {
    pub static REGISTRY;
    defaults(owners = ["team.runs"], stability = "beta");
    contracts(RunStarted, RunStarted);
}

fn main() {}
