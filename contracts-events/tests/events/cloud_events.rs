//! CloudEvents: produced events validate against the official schema, and read back.

use crate::{subjects, OrderPlaced, PlaceOrder, ORDERS};
use contracts_events::cloudevents::{CloudEvents, Received, STRUCTURED_CONTENT_TYPE};
use contracts_events::EventRecord;
use contracts_runtime::{CallContext, Ctx};
use serde_json::Value;

fn record(trace_id: &str, order_id: &str) -> EventRecord {
    let ctx = Ctx::<PlaceOrder>::detached(CallContext::anonymous().with_trace_id(trace_id));
    ctx.emit(OrderPlaced {
        order_id: order_id.into(),
        email: "ada@example.com".into(),
        amount_cents: 1999,
    });
    EventRecord::from_envelope(&ctx.pending_events()[0], &subjects())
}

fn official_schema() -> jsonschema::Validator {
    let text = include_str!("../data/cloudevents-1.0-schema.json");
    let schema: Value = serde_json::from_str(text).expect("the vendored schema is JSON");
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the official schema compiles")
}

#[test]
fn structured_events_validate_against_the_official_schema() {
    let validator = official_schema();
    let cloud = CloudEvents::new(&ORDERS, "/services/orders");
    for (trace, order) in [
        ("4bf92f3577b34da6a3ce929d0e0e4736", "o-1"),
        ("req-42", "o 2/é"),
    ] {
        let event = cloud.structured(&record(trace, order));
        let errors: Vec<String> = validator
            .iter_errors(&event)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{event:#}: {errors:?}");
        assert_eq!(event["subject"], order);
        assert_eq!(event["traceid"], trace);
        assert_eq!(event["contractversion"], "1.0.0");
        assert_eq!(event["datacontenttype"], "application/json");
        assert_eq!(event["data"]["email"], "ada@example.com");
    }
    // The validator is not vacuous: a broken event fails it.
    let mut broken = cloud.structured(&record("req-1", "o-1"));
    broken["source"] = Value::from("");
    broken.as_object_mut().unwrap().remove("id");
    broken["time"] = Value::from("yesterday");
    assert_eq!(validator.iter_errors(&broken).count(), 3, "{broken:#}");
    assert_eq!(STRUCTURED_CONTENT_TYPE, "application/cloudevents+json");
}

#[test]
fn traceparent_only_for_w3c_trace_ids() {
    let cloud = CloudEvents::new(&ORDERS, "/services/orders");
    let w3c = record("4bf92f3577b34da6a3ce929d0e0e4736", "o-1");
    let traceparent = cloud.structured(&w3c)["traceparent"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        contracts_runtime::traceparent_trace_id(&traceparent),
        Some("4bf92f3577b34da6a3ce929d0e0e4736")
    );
    let plain = cloud.structured(&record("req-42", "o-1"));
    assert!(plain.get("traceparent").is_none());
    assert_eq!(plain["traceid"], "req-42");
}

#[test]
fn binary_headers_read_back_as_the_structured_event() {
    let cloud = CloudEvents::new(&ORDERS, "/services/orders");
    let record = record("4bf92f3577b34da6a3ce929d0e0e4736", "o 1\r\n\"é\"");
    let headers = cloud.binary_headers(&record);
    for (name, value) in &headers {
        assert!(
            value.bytes().all(|b| (0x21..=0x7e).contains(&b)),
            "{name}: {value} is not a safe header value"
        );
    }
    let header = |name: &str| {
        headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    };
    assert_eq!(header("traceparent"), header("ce-traceparent"));
    let from_headers = Received::from_headers(header).unwrap();
    let from_structured = Received::from_structured(&cloud.structured(&record)).unwrap();
    assert_eq!(from_headers, from_structured);
    assert_eq!(from_headers.id, record.id.to_string());
    assert_eq!(from_headers.subject.as_deref(), Some("o 1\r\n\"é\""));
    assert_eq!(from_headers.event_type, "orders.order.placed");
    assert_eq!(from_headers.version.as_deref(), Some("1.0.0"));
    assert_eq!(
        from_headers.trace_id.as_deref(),
        Some("4bf92f3577b34da6a3ce929d0e0e4736")
    );
    assert_eq!(
        from_headers.time.unwrap().timestamp_micros(),
        record.occurred_at.timestamp_micros()
    );
    // The body is the payload.
    let body: Value =
        serde_json::from_slice(&contracts_events::cloudevents::body(&record)).unwrap();
    assert_eq!(body, record.payload);
}

#[test]
fn what_is_not_a_cloud_event_is_refused() {
    let missing = Received::from_headers(|name| (name == "ce-specversion").then_some("1.0"));
    assert_eq!(
        missing.unwrap_err().to_string(),
        "not a CloudEvents 1.0 event: the attribute `id` is missing"
    );
    let old = serde_json::json!({"specversion": "0.3", "id": "1", "source": "/", "type": "t"});
    assert_eq!(
        Received::from_structured(&old).unwrap_err().to_string(),
        "not a CloudEvents 1.0 event: its `specversion` is `0.3`"
    );
}

#[test]
fn dataschema_points_into_the_json_schema_export() {
    let cloud = CloudEvents::new(&ORDERS, "/services/orders")
        .with_schema_base("https://api.example.com/schemas.json");
    let event = cloud.structured(&record("req-1", "o-1"));
    let schema = event["dataschema"].as_str().unwrap();
    let (base, pointer) = schema.split_once('#').unwrap();
    assert_eq!(base, "https://api.example.com/schemas.json");
    let export = contracts_export::json_schema::export(&ORDERS);
    let payload_schema = export
        .pointer(pointer)
        .unwrap_or_else(|| panic!("{pointer} in the export"));
    assert_eq!(payload_schema["x-contract"]["key"], "orders.order.placed");
}
