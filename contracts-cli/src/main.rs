//! The `contracts` binary, serving the three domain crates of this workspace (control plane,
//! harness, context); `contracts serve` runs the in-memory reference handlers of
//! `contracts-reference`. To serve your own registry, call [`contracts_cli::run`] (or
//! [`contracts_cli::run_with`], with your handlers) from your binary.

use contracts_reference::{bind_all, fixtures, Store, DOMAINS};

fn main() -> std::process::ExitCode {
    let store = Store::demo();
    let serving = contracts_cli::Serving::new()
        .with_handlers(move |runtime| bind_all(runtime, &store))
        .with_example(
            "controlPlane.execution.start",
            serde_json::json!({
                "executionId": fixtures::APPROVED_EXECUTION,
                "planId": fixtures::APPROVED_PLAN,
            }),
        );
    contracts_cli::run_with(&DOMAINS, serving)
}
