use contracts_core::{event, registry, Model};

/// A run started.
#[event(key = "runs.run.started", version = "1.0.0")]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct RunStarted {}

/// A run stopped; forgotten in the registry.
#[event(key = "runs.run.stopped", version = "1.0.0")]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct RunStopped {}

registry! {
    pub static REGISTRY;
    defaults(owners = ["team.runs"], stability = "beta");
    contracts(RunStarted);
}

fn main() {}
