//! Success and events.

use super::*;

#[tokio::test]
async fn executes_json_text_and_values_and_publishes_events_with_envelopes() {
    let (runtime, events) = runtime();
    let result = runtime
        .execute("todo.item.create", Some("1.0.0"), CREATE, user())
        .await;
    assert_eq!(
        envelope(&result),
        json!({"ok": true, "code": "OK", "status": 200, "data": {"id": "item-1", "title": "milk"}, "traceId": "trace-1"})
    );

    let published = events.take();
    assert_eq!(published.len(), 1);
    let event = &published[0];
    assert_eq!(
        (event.key(), event.version()),
        ("todo.item.created", "1.0.0")
    );
    assert_eq!(event.trace_id().as_str(), "trace-1");
    let json = serde_json::to_value(event).unwrap();
    assert_eq!(json["id"], event.id().to_string());
    assert_eq!(json["traceId"], "trace-1");
    assert_eq!(json["key"], "todo.item.created");
    assert_eq!(json["version"], "1.0.0");
    assert_eq!(
        json["payload"],
        json!({"id": "item-1", "owner": {"email": "ada@example.com"}})
    );
    assert!(json["occurredAt"].as_str().unwrap().ends_with('Z'));
    assert_eq!(event.redacted_payload()["owner"]["email"], "[REDACTED]");

    let value: Value = serde_json::from_str(CREATE).unwrap();
    let result = runtime
        .execute("todo.item.create", Some("1.0.0"), &value, user())
        .await;
    assert_eq!(
        result.data_value(),
        Some(json!({"id": "item-1", "title": "milk"}))
    );
    assert_eq!(events.take().len(), 1);
}

#[tokio::test]
async fn resolves_the_latest_version_and_reports_success_codes() {
    let (runtime, _) = runtime();
    let result = runtime
        .execute("todo.item.create", None, r#"{"title": "tea"}"#, user())
        .await;
    assert_eq!((result.code(), result.status()), ("CREATED", 201));
    assert_eq!(result.data_value().unwrap()["id"], "item-v2");

    let admin = CallContext::new(Actor::admin("root"));
    let result = runtime.execute("todo.item.purge", None, "{}", admin).await;
    assert_eq!((result.code(), result.status()), ("NO_CONTENT", 204));
    assert!(result.data().is_none());
    assert!(envelope(&result).get("data").is_none());
}

#[tokio::test]
async fn events_of_failed_calls_are_never_published() {
    let (runtime, events) = runtime();
    for title in ["dup", "stock", "conflict", "boom"] {
        let input = CREATE.replace("milk", title);
        let result = runtime
            .execute("todo.item.create", Some("1.0.0"), &input, user())
            .await;
        assert!(!result.is_ok(), "{title}");
    }
    assert!(events.events().is_empty());
}
