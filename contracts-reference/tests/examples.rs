//! The examples the three domains declare, run as contract tests against the reference
//! handlers: every scenario's call, then its output (or error code) and emitted events.

use contracts_reference::{in_memory_runtime, Store};
use contracts_runtime::testing::{run_examples, Verdict};

#[tokio::test]
async fn every_declared_example_passes_against_the_reference_handlers() {
    let store = Store::demo();
    let runtime = in_memory_runtime(&store);
    let report = run_examples(&runtime).await;
    report.assert_ok();
    // Every example ran: the handlers of every operation with examples are bound.
    let (passed, failed, not_run) = report.counts();
    assert_eq!((failed, not_run), (0, 0), "{report}");
    assert_eq!(passed, 14, "{report}");
}

#[tokio::test]
async fn a_handler_that_breaks_an_example_fails_it_with_the_reason() {
    let store = Store::demo();
    let runtime = in_memory_runtime(&store);
    // The approved plan already started: the `start` example now meets a conflict.
    let input = r#"{"executionId": "exec-approved", "planId": "plan-approved"}"#;
    let admin = contracts_runtime::CallContext::new(contracts_runtime::Actor::admin("a-1"));
    let first = runtime
        .execute("controlPlane.execution.start", None, input, admin)
        .await;
    assert_eq!(first.code(), "CREATED");
    let report = run_examples(&runtime).await;
    assert!(!report.is_ok());
    let failed: Vec<_> = report
        .outcomes
        .iter()
        .filter(|o| matches!(o.verdict, Verdict::Failed(_)))
        .collect();
    assert_eq!(failed.len(), 1, "{report}");
    assert_eq!(
        (failed[0].contract.as_str(), failed[0].example),
        ("controlPlane.execution.start@1.0.0", "start")
    );
    let Verdict::Failed(why) = &failed[0].verdict else {
        unreachable!()
    };
    assert!(
        why.starts_with("expected success, got `CONFLICT` (409)"),
        "{why}"
    );
    assert!(
        report
            .to_string()
            .contains("  FAILED   start: expected success"),
        "{report}"
    );
}
