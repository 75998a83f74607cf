//! Operation handles: resolved once, called without a lookup.

use super::*;

#[tokio::test]
async fn handles_resolve_exact_and_latest_versions_from_the_registry() {
    let (runtime, _) = runtime();
    let latest = runtime.operation("todo.item.create", None).unwrap();
    assert_eq!(latest.descriptor().meta.version.as_str(), "2.0.0");
    let pinned = runtime
        .operation("todo.item.create", Some("1.0.0"))
        .unwrap();
    assert_eq!(pinned.descriptor().meta.version.as_str(), "1.0.0");
    assert_ne!(latest, pinned);
    let entry = &TODO.entries()[pinned.index()];
    assert_eq!(
        (entry.key(), entry.version()),
        ("todo.item.create", "1.0.0")
    );

    // Not operations, or not there.
    assert!(runtime.operation("todo.item.created", None).is_none());
    assert!(runtime
        .operation("todo.item.created", Some("1.0.0"))
        .is_none());
    assert!(runtime
        .operation("todo.item.create", Some("9.9.9"))
        .is_none());
    assert!(runtime.operation("todo.item", None).is_none());

    // Every operation, once, in registry order, as `operation` resolves it.
    let all: Vec<OperationHandle> = runtime.operations().collect();
    assert_eq!(all.len(), TODO.operations().count());
    assert!(all.windows(2).all(|w| w[0].index() < w[1].index()));
    for handle in &all {
        let meta = &handle.descriptor().meta;
        let found = runtime.operation(meta.key, Some(meta.version.as_str()));
        assert_eq!(found, Some(*handle));
    }
}

#[tokio::test]
async fn handles_execute_as_execute_does() {
    let (runtime, events) = runtime();
    let handle = runtime
        .operation("todo.item.create", Some("1.0.0"))
        .unwrap();
    let by_handle = handle.execute(&runtime, CREATE, user()).await;
    let by_key = runtime
        .execute("todo.item.create", Some("1.0.0"), CREATE, user())
        .await;
    assert_eq!(envelope(&by_handle), envelope(&by_key));
    assert!(by_handle.is_ok(), "{}", envelope(&by_handle));
    assert_eq!(events.take().len(), 2);

    let failure = handle
        .execute(&runtime, "{}", CallContext::anonymous())
        .await;
    assert_failure(&failure, "UNAUTHENTICATED", 401);

    // Another runtime of the same registry: the handle is an index into the registry, so it
    // runs there, with that runtime's handlers.
    let empty = Runtime::new(&TODO);
    let unbound = handle.execute(&empty, CREATE, user()).await;
    let problem = assert_failure(&unbound, "NOT_IMPLEMENTED", 501);
    assert_eq!(
        problem["detail"],
        "no handler is bound to `todo.item.create@1.0.0`"
    );

    // A runtime of another registry: never run.
    let billing = Runtime::new(&ui_upstream::BILLING);
    let elsewhere = handle.execute(&billing, CREATE, user()).await;
    let problem = assert_failure(&elsewhere, "NOT_IMPLEMENTED", 501);
    assert_eq!(
        problem["detail"],
        "`todo.item.create@1.0.0` was resolved in another registry than the runtime's"
    );
}

#[test]
fn problems_of_refusals_take_the_runtime_base() {
    let (runtime, _) = runtime();
    let runtime = runtime.with_problem_base("urn:problems:");
    let operation = runtime.operation("todo.item.get", None).unwrap();
    let failure: Failure = Failure::standard(FailureCode::PayloadTooLarge).with_detail("big");
    let problem = runtime.problem(failure, Some(operation.descriptor()), "t 1".into());
    let json = serde_json::to_value(&problem).unwrap();
    assert_eq!(
        json,
        json!({
            "type": "urn:problems:payload-too-large",
            "title": "Payload too large",
            "status": 413,
            "detail": "big",
            "instance": "urn:trace:t%201",
            "code": "PAYLOAD_TOO_LARGE",
            "category": "validation",
            "severity": "warning",
            "retryable": false,
            "traceId": "t 1",
            "operation": { "key": "todo.item.get", "version": "1.0.0", "kind": "query" },
        })
    );
}
