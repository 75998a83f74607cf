use contracts_core::{command, event, registry, Model};
use contracts_runtime::{Ctx, Failure};

/// A run started.
#[event(key = "runs.run.started", version = "1.0.0")]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct RunStarted {
    pub run_id: String,
}

/// A run stopped.
#[event(key = "runs.run.stopped", version = "1.0.0")]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct RunStopped {
    pub run_id: String,
}

/// Start a run.
#[command(key = "runs.run.start", version = "1.0.0", output = String,
    emits(RunStarted(when = "The run begins.")), policy(auth = "user"))]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct StartRun {
    pub run_id: String,
}

registry! {
    pub static REGISTRY;
    defaults(owners = ["team.runs"], stability = "beta");
    contracts(RunStarted, RunStopped, StartRun);
}

async fn start(input: StartRun, ctx: Ctx<StartRun>) -> Result<String, Failure> {
    ctx.emit(RunStarted { run_id: input.run_id.clone() });
    ctx.emit(RunStopped { run_id: input.run_id.clone() });
    Ok(input.run_id)
}

fn main() {
    let _ = start;
}
