// The same type listed twice, once by a longer path: one error at the repeated entry.
use contracts_core::{event, registry, Model};

pub mod runs {
    use super::Model;

    /// A run started.
    #[contracts_core::event(key = "runs.run.started", version = "1.0.0")]
    #[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
    pub struct RunStarted {}
}

/// A run stopped.
#[event(key = "runs.run.stopped", version = "1.0.0")]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct RunStopped {}

registry! {
    pub static REGISTRY;
    defaults(owners = ["team.runs"], stability = "beta");
    contracts(runs::RunStarted, RunStopped, runs::RunStarted);
}

fn main() {}
