//! Telemetry, in its own test binary: `tracing` caches each callsite's interest process-wide,
//! so a capturing subscriber installed by one test races with other tests hitting the same
//! callsites on other threads. Alone in this binary, nothing races.
// The shared contracts and helpers serve both test binaries; this one uses few of them.
#![allow(dead_code, unused_imports)]

include!("support/contracts.rs");

mod capture {
    use std::fmt::Write;
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::sync::{Arc, Mutex};
    use tracing::field::{Field, Visit};
    use tracing::span::{Attributes, Id, Record};
    use tracing::{Event, Metadata, Subscriber};

    /// Records every span and event, with all their fields, as text.
    #[derive(Clone, Default)]
    pub struct Capture {
        pub log: Arc<Mutex<String>>,
        next: Arc<AtomicU64>,
    }

    struct Fields<'a>(&'a mut String);

    impl Visit for Fields<'_> {
        fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
            let _ = write!(self.0, " {}={:?}", field.name(), value);
        }
    }

    impl Subscriber for Capture {
        fn enabled(&self, _: &Metadata<'_>) -> bool {
            true
        }

        fn max_level_hint(&self) -> Option<tracing::level_filters::LevelFilter> {
            Some(tracing::level_filters::LevelFilter::TRACE)
        }

        fn new_span(&self, span: &Attributes<'_>) -> Id {
            let mut log = self.log.lock().unwrap();
            let _ = write!(log, "\nspan {}", span.metadata().name());
            span.record(&mut Fields(&mut log));
            Id::from_u64(self.next.fetch_add(1, Ordering::SeqCst) + 1)
        }

        fn record(&self, _: &Id, values: &Record<'_>) {
            let mut log = self.log.lock().unwrap();
            log.push_str("\nrecord");
            values.record(&mut Fields(&mut log));
        }

        fn record_follows_from(&self, _: &Id, _: &Id) {}

        fn event(&self, event: &Event<'_>) {
            let mut log = self.log.lock().unwrap();
            let _ = write!(log, "\nevent {}", event.metadata().level());
            event.record(&mut Fields(&mut log));
        }

        fn enter(&self, _: &Id) {}

        fn exit(&self, _: &Id) {}
    }
}

#[tokio::test]
async fn one_span_per_call_with_outcome_and_no_pii() {
    let capture = capture::Capture::default();
    let _guard = tracing::subscriber::set_default(capture.clone());
    let (runtime, _) = runtime();
    let secret = r#"{"title": "milk", "quantity": 1, "owner": {"email": "ada@example.com"}, "tags": [{"name": "private-tag"}]}"#;
    runtime
        .execute("todo.item.create", Some("1.0.0"), secret, user())
        .await;
    let dup = secret.replace("milk", "dup");
    runtime
        .execute("todo.item.create", Some("1.0.0"), &dup, user())
        .await;
    let boom = secret.replace("milk", "boom");
    runtime
        .execute("todo.item.create", Some("1.0.0"), &boom, user())
        .await;
    let invalid = secret.replace("\"quantity\": 1", "\"quantity\": \"ada@example.com\"");
    runtime
        .execute("todo.item.create", Some("1.0.0"), &invalid, user())
        .await;
    let typed: CreateItem = serde_json::from_str(secret).unwrap();
    let _ = runtime.call::<CreateItem>(typed, user()).await;

    let log = capture.log.lock().unwrap().clone();
    assert!(!log.contains("ada@example.com"), "{log}");
    assert!(!log.contains("private-tag"), "{log}");
    assert!(!log.contains("secret"), "{log}");
    assert_eq!(log.matches("span contract.execute").count(), 4, "{log}");
    assert_eq!(log.matches("span contract.call").count(), 1, "{log}");
    assert!(
        log.contains(
            "span contract.execute key=\"todo.item.create\" version=\"1.0.0\" trace_id=trace-1"
        ),
        "{log}"
    );
    for outcome in [
        "code=\"OK\" status=200",
        "code=\"DUPLICATE\" status=409",
        "code=\"INTERNAL_ERROR\" status=500",
        "code=\"VALIDATION_FAILED\" status=422",
    ] {
        assert!(log.contains(outcome), "{outcome}: {log}");
    }
    // The input is traced with its pii paths redacted.
    assert!(log.contains(r#""owner":{"email":"[REDACTED]"}"#), "{log}");
    assert!(log.contains(r#""tags":[{"name":"[REDACTED]"}]"#), "{log}");
}

#[tokio::test]
async fn bound_handlers_trace_one_span_per_call_without_pii() {
    let capture = capture::Capture::default();
    let _guard = tracing::subscriber::set_default(capture.clone());
    let events = InMemoryPublisher::new();
    let mut runtime = Runtime::new(&TODO).with_publisher(events.clone());
    let create = runtime.bind_typed::<CreateItem, _>(create).unwrap();
    let secret = r#"{"title": "milk", "quantity": 1, "owner": {"email": "ada@example.com"}, "tags": [{"name": "private-tag"}]}"#;
    for title in ["milk", "dup", "boom"] {
        let input: CreateItem = serde_json::from_str(&secret.replace("milk", title)).unwrap();
        let _ = create.call(&runtime, input, user()).await;
    }

    let log = capture.log.lock().unwrap().clone();
    assert!(!log.contains("ada@example.com"), "{log}");
    assert!(!log.contains("private-tag"), "{log}");
    assert!(!log.contains("secret"), "{log}");
    assert_eq!(log.matches("span contract.call").count(), 3, "{log}");
    assert!(
        log.contains(
            "span contract.call key=\"todo.item.create\" version=\"1.0.0\" trace_id=trace-1"
        ),
        "{log}"
    );
    for outcome in [
        "code=\"OK\" status=200",
        "code=\"DUPLICATE\" status=409",
        "code=\"INTERNAL_ERROR\" status=500",
    ] {
        assert!(log.contains(outcome), "{outcome}: {log}");
    }
    assert!(log.contains(r#""owner":{"email":"[REDACTED]"}"#), "{log}");
    assert_eq!(events.take().len(), 1);
}
