//! Handler failures.

use super::*;

#[tokio::test]
async fn declared_errors_take_their_declared_status_and_problem_details() {
    let (runtime, _) = runtime();
    let input = CREATE.replace("milk", "dup");
    let result = runtime
        .execute("todo.item.create", Some("1.0.0"), &input, user())
        .await;
    let problem = assert_failure(&result, "DUPLICATE", 409);
    assert_eq!(
        problem,
        json!({
            "type": "/problems/duplicate",
            "title": "An item with this title exists.",
            "status": 409,
            "detail": "`dup` exists",
            "instance": "urn:trace:trace-1",
            "code": "DUPLICATE",
            "category": "conflict",
            "severity": "warning",
            "retryable": false,
            "traceId": "trace-1",
            "operation": {"key": "todo.item.create", "version": "1.0.0", "kind": "command"},
        })
    );
    let input = CREATE.replace("milk", "stock");
    let result = runtime
        .execute("todo.item.create", Some("1.0.0"), &input, user())
        .await;
    let problem = assert_failure(&result, "NO_STOCK", 503);
    assert_eq!(problem["retryable"], true);
    assert_eq!(problem["severity"], "error");
    let input = CREATE.replace("milk", "conflict");
    let result = runtime
        .execute("todo.item.create", Some("1.0.0"), &input, user())
        .await;
    let problem = assert_failure(&result, "CONFLICT", 409);
    assert_eq!(problem["title"], "Conflict");
    assert_eq!(problem["type"], "/problems/conflict");
}

#[tokio::test]
async fn an_undeclared_error_is_an_internal_error() {
    let (runtime, _) = runtime();
    let result = runtime
        .execute("todo.item.legacy", None, r#"{"rogue": true}"#, user())
        .await;
    let problem = assert_failure(&result, "INTERNAL_ERROR", 500);
    assert_eq!(problem["detail"], "undeclared contract failure: ROGUE");
    assert_eq!(
        problem["metadata"],
        json!({"originalCode": "ROGUE", "originalStatus": 418})
    );
    let result = runtime
        .execute("todo.item.legacy", None, r#"{"rogue": false}"#, user())
        .await;
    assert_failure(&result, "KNOWN", 409);

    let failure = runtime
        .call::<Legacy>(Legacy { rogue: true }, user())
        .await
        .unwrap_err();
    assert_eq!(failure.standard_code(), Some(FailureCode::InternalError));
    let failure = runtime
        .call::<Legacy>(Legacy { rogue: false }, user())
        .await
        .unwrap_err();
    assert_eq!(failure.reason(), &Reason::Declared(LegacyError::Known));
}

#[tokio::test]
async fn a_panicking_handler_is_an_internal_error_and_the_runtime_keeps_running() {
    let (runtime, events) = runtime();
    let result = runtime
        .execute("todo.item.explode", None, "{}", user())
        .await;
    let problem = assert_failure(&result, "INTERNAL_ERROR", 500);
    assert_eq!(
        problem["detail"],
        "`todo.item.explode@1.0.0` failed unexpectedly (it panicked)"
    );
    assert!(!problem.to_string().contains("kaboom"));

    // Panics after emitting: nothing is published, the payload never leaks.
    let input = CREATE.replace("milk", "boom");
    let result = runtime
        .execute("todo.item.create", Some("1.0.0"), &input, user())
        .await;
    let problem = assert_failure(&result, "INTERNAL_ERROR", 500);
    assert!(!problem.to_string().contains("secret@example.com"));
    assert!(events.events().is_empty());

    let failure = runtime
        .call::<Explode>(Explode {}, user())
        .await
        .unwrap_err();
    assert_eq!(failure.standard_code(), Some(FailureCode::InternalError));

    // Still serving.
    let result = runtime
        .execute("todo.item.create", Some("1.0.0"), CREATE, user())
        .await;
    assert!(result.is_ok());
    assert_eq!(events.take().len(), 1);

    // A panicking decider too.
    let mut panicky = Runtime::new(&TODO)
        .with_decider(|_: PolicyRequest<'_>| -> PolicyDecision { panic!("decider") });
    bind_all(&mut panicky);
    let result = panicky
        .execute("todo.item.get", None, r#"{"id": "item-1"}"#, user())
        .await;
    assert_failure(&result, "INTERNAL_ERROR", 500);
}

#[tokio::test]
async fn an_output_that_does_not_serialize_is_an_internal_error() {
    let (runtime, _) = runtime();
    let result = runtime.execute("todo.item.weird", None, "{}", user()).await;
    let problem = assert_failure(&result, "INTERNAL_ERROR", 500);
    assert_eq!(
        problem["detail"],
        "the output of `todo.item.weird` does not serialize to JSON"
    );
    // The typed path does not serialize.
    let reply = runtime.call::<Weird>(Weird {}, user()).await.unwrap();
    assert_eq!(reply.into_value().value, 1);
}

#[tokio::test]
async fn publishing_failures_are_internal_errors() {
    let mut runtime = Runtime::new(&TODO).with_publisher(Broken);
    bind_all(&mut runtime);
    let result = runtime
        .execute("todo.item.create", Some("1.0.0"), CREATE, user())
        .await;
    let problem = assert_failure(&result, "INTERNAL_ERROR", 500);
    assert_eq!(
        problem["detail"],
        "`todo.item.create` succeeded but its events could not be published"
    );

    // An event that does not serialize fails the call, and nothing is published.
    let (runtime, events) = self::runtime();
    let result = runtime.execute("todo.item.noisy", None, "{}", user()).await;
    let problem = assert_failure(&result, "INTERNAL_ERROR", 500);
    assert_eq!(
        problem["detail"],
        "`todo.item.noisy` succeeded but emitted an event that does not serialize"
    );
    assert!(events.events().is_empty());

    // Without a publisher, calls that emit fail and the others succeed.
    let mut runtime = Runtime::new(&TODO);
    bind_all(&mut runtime);
    let result = runtime
        .execute("todo.item.create", Some("1.0.0"), CREATE, user())
        .await;
    assert_failure(&result, "INTERNAL_ERROR", 500);
    let result = runtime
        .execute("todo.item.get", None, r#"{"id": "item-1"}"#, user())
        .await;
    assert!(result.is_ok());
}
