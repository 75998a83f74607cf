use contracts_runtime::{Ctx, Failure, Runtime};
use ui_runs::{GetError, REGISTRY, StartError, StartRun, Started};

/// Returns an error code `StartRun` does not declare.
async fn start(_input: StartRun, _ctx: Ctx<StartRun>) -> Result<Started, Failure<StartError>> {
    Err(GetError::Archived.into())
}

fn main() {
    let mut runtime = Runtime::new(&REGISTRY);
    runtime.bind::<StartRun>(start).unwrap();
}
