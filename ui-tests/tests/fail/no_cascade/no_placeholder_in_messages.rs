// The event's version is malformed. The operation that emits it pinned to `1.0.0` must not be
// told that the event "is declared at version 0.0.0" (a placeholder): only the version error
// is reported.
use contracts_core::{command, event, registry, Model};

/// A run started.
#[event(key = "runs.run.started", version = "1.0")]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct RunStarted {}

/// Start a run.
#[command(key = "runs.run.start", version = "1.0.0", output = Started,
    emits(RunStarted(when = "The run begins.", version = "1.0.0")), policy(auth = "user"))]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct StartRun {}

#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct Started {}

registry! {
    pub static REGISTRY;
    defaults(owners = ["team.runs"], stability = "beta");
    contracts(RunStarted, StartRun);
}

fn main() {}
