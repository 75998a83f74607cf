use contracts_runtime::{Ctx, Failure, Runtime};
use ui_runs::{GetRun, REGISTRY, StartError, StartRun, Started};

/// Takes the input of another operation.
async fn start(input: GetRun, _ctx: Ctx<StartRun>) -> Result<Started, Failure<StartError>> {
    Ok(Started { run_id: input.run_id })
}

fn main() {
    let mut runtime = Runtime::new(&REGISTRY);
    runtime.bind::<StartRun>(start).unwrap();
}
