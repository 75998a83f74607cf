//! The demo `contracts` command: [`contracts_cli::run_with`] over the three domain crates of this
//! workspace (control plane, harness, context), `contracts serve` running the in-memory
//! reference handlers of this crate. The other operations of the domains have no reference
//! handler: the demo serves a subset, and they answer `501 NOT_IMPLEMENTED`.
//!
//! To document, validate, export and serve your own registry, call [`contracts_cli::run`] (or
//! [`contracts_cli::run_with`], with your handlers) from your own binary.

use contracts_reference::{bind_all, fixtures, Store, DOMAINS};

fn main() -> std::process::ExitCode {
    let store = Store::demo();
    let serving = contracts_cli::Serving::new()
        .with_handlers(move |runtime| bind_all(runtime, &store))
        .serve_subset()
        .with_example(
            "controlPlane.execution.start",
            serde_json::json!({
                "executionId": fixtures::APPROVED_EXECUTION,
                "planId": fixtures::APPROVED_PLAN,
            }),
        );
    contracts_cli::run_with(&DOMAINS, serving)
}
