// An event payload and a type nested in a command's input forgot the `Model` derive: each
// is reported once, at the type.
use contracts_core::{command, event, registry, Model};

/// A run started.
#[event(key = "runs.run.started", version = "1.0.0", pii = ["owner"])]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct RunStarted {
    pub owner: String,
}

/// Start a run.
#[command(key = "runs.run.start", version = "1.0.0", output = Started,
    emits(RunStarted(when = "The run begins.")), policy(auth = "user"))]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct StartRun {
    pub settings: Settings,
}

#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct Settings {
    pub retries: u32,
}

#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct Started {}

registry! {
    pub static REGISTRY;
    defaults(owners = ["team.runs"], stability = "beta");
    contracts(RunStarted, StartRun);
}

fn main() {}
