use contracts_runtime::{Ctx, Failure, Runtime};
use ui_runs::{REGISTRY, StartError, StartRun, Started};

/// Holds an `Rc` across an await: its future is not `Send`.
async fn start(input: StartRun, _ctx: Ctx<StartRun>) -> Result<Started, Failure<StartError>> {
    let shared = std::rc::Rc::new(input.plan_id);
    std::future::ready(()).await;
    Ok(Started { run_id: shared.to_string() })
}

fn main() {
    let mut runtime = Runtime::new(&REGISTRY);
    runtime.bind::<StartRun>(start).unwrap();
}
