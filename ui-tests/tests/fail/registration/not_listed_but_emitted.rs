use contracts_core::{capability, command, event, registry, Model};

/// Runs.
#[capability(key = "runs.core", version = "1.0.0", kind = "api",
    provides(operation("runs.run.start@1.0.0"), event("runs.run.started@1.0.0")))]
pub struct RunsCore;

/// Starts a run.
#[command(key = "runs.run.start", version = "1.0.0", capability = "runs.core",
    output = Started, emits(Started(when = "The run is stored.")), policy(auth = "user"))]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct Start {}

/// A run started; forgotten in the registry. `Start` emits it by type and `runs.core` provides
/// it by key: the provides entry reports it, once; the emission, by type, stays quiet.
#[event(key = "runs.run.started", version = "1.0.0", capability = "runs.core")]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct Started {}

/// Pauses a run.
#[command(key = "runs.run.pause", version = "1.0.0",
    output = Paused, emits(Paused(when = "The run is paused.")), policy(auth = "user"))]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct Pause {}

/// A run paused; forgotten in the registry and emitted by type only: reported at itself.
#[event(key = "runs.run.paused", version = "1.0.0")]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct Paused {}

registry! {
    pub static REGISTRY;
    defaults(owners = ["team.runs"], stability = "beta");
    contracts(RunsCore, Start, Pause);
}

fn main() {}
