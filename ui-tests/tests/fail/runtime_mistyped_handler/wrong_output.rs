use contracts_runtime::{Ctx, Failure, Runtime};
use ui_runs::{StartError, StartRun, REGISTRY};

/// Returns a string instead of `Started`.
async fn start(input: StartRun, _ctx: Ctx<StartRun>) -> Result<String, Failure<StartError>> {
    Ok(input.plan_id)
}

fn main() {
    let mut runtime = Runtime::new(&REGISTRY);
    runtime.bind::<StartRun>(start).unwrap();
}
