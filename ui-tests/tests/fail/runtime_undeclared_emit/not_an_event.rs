use contracts_core::{command, registry, Model};
use contracts_runtime::{Ctx, Failure};

/// Start a run.
#[command(key = "runs.run.start", version = "1.0.0", output = String, policy(auth = "user"))]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct StartRun {
    pub run_id: String,
}

/// Not an event.
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct Progress {
    pub percent: u8,
}

registry! {
    pub static REGISTRY;
    defaults(owners = ["team.runs"], stability = "beta");
    contracts(StartRun);
}

async fn start(input: StartRun, ctx: Ctx<StartRun>) -> Result<String, Failure> {
    ctx.emit(Progress { percent: 50 });
    Ok(input.run_id)
}

fn main() {
    let _ = start;
}
