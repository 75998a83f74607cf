use contracts_runtime::{Ctx, Failure, Runtime};
use ui_runs::{GetError, REGISTRY, StartRun, Started};

/// Returns the errors of another operation.
async fn start(_input: StartRun, _ctx: Ctx<StartRun>) -> Result<Started, Failure<GetError>> {
    Err(GetError::Archived.into())
}

fn main() {
    let mut runtime = Runtime::new(&REGISTRY);
    runtime.bind::<StartRun>(start).unwrap();
}
