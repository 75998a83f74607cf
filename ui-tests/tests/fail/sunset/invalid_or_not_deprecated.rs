use contracts_core::{command, event, registry, Model};

/// A sunset that is not a date.
#[command(key = "runs.run.start", version = "1.0.0", output = Done, policy(auth = "user"),
    stability = "deprecated", sunset = "2027-02-30")]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct Start {}

/// A sunset written another way.
#[command(key = "runs.run.stop", version = "1.0.0", output = Done, policy(auth = "user"),
    stability = "deprecated", sunset = "30/06/2027")]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct Stop {}

/// A sunset on a contract that is still promised (stable).
#[event(key = "runs.run.started", version = "1.0.0", stability = "stable", sunset = "2027-06-30")]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct Started {}

/// A sunset on a contract whose stability comes from the crate's defaults.
#[event(key = "runs.run.stopped", version = "1.0.0", sunset = "2027-06-30")]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct Stopped {}

/// A deprecated contract with a valid sunset: no error.
#[event(key = "runs.run.paused", version = "1.0.0", stability = "deprecated", sunset = "2028-02-29")]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct Paused {}

#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct Done {}

registry! {
    pub static REGISTRY;
    defaults(owners = ["team.runs"], stability = "deprecated");
    contracts(Start, Stop, Started, Stopped, Paused);
}

fn main() {}
