//! The document's `webhooks`: every event, as the HTTP request a subscriber receives.
//!
//! OpenAPI 3.1 describes requests the API *sends* under `webhooks`; listing the events there
//! gives their payload schemas (already in `components/schemas`) a user, so OpenAPI tools stop
//! reporting them as unused, and tells a subscriber what arrives. Each event is one entry,
//! named `key@version`, whose `post` request is a binary-mode CloudEvent over HTTP (the
//! attributes in `ce-*` headers, the payload as the JSON body, as `contracts-events` writes it),
//! or a structured-mode one (`application/cloudevents+json`, the payload under `data`).

use crate::json_schema::Schemas;
use crate::naming::Role;
use contracts_core::descriptors::EventDescriptor;
use serde_json::{json, Map, Value};

use super::SCHEMAS;

/// The `webhooks` object: one entry per event of the registry, in registry order.
pub(crate) fn webhooks(schemas: &Schemas) -> Map<String, Value> {
    schemas
        .messages()
        .filter(|message| message.role == Role::Payload)
        .filter_map(|message| {
            let event = message.contract.as_event()?;
            Some((event.meta.id(), webhook(event, &message.name())))
        })
        .collect()
}

fn webhook(event: &'static EventDescriptor, payload: &str) -> Value {
    let meta = &event.meta;
    let payload = json!({ "$ref": format!("{SCHEMAS}{payload}") });
    let header = |name: &str, required: bool, description: &str, schema: Value| json!({ "name": name, "in": "header", "required": required, "description": description, "schema": schema });
    let text = json!({ "type": "string" });
    let mut operation = json!({
        "summary": meta.title.unwrap_or(meta.key),
        "tags": meta.tags,
        "parameters": [
            header("ce-id", true, "CloudEvents `id`: the event id, unique per event (the deduplication key).", text.clone()),
            header("ce-source", true, "CloudEvents `source`: the producing service.", text.clone()),
            header("ce-specversion", true, "CloudEvents `specversion`.", json!({ "type": "string", "const": "1.0" })),
            header("ce-type", true, "CloudEvents `type`: the event's key.", json!({ "type": "string", "const": meta.key })),
            header("ce-time", true, "CloudEvents `time`: when it was emitted.", json!({ "type": "string", "format": "date-time" })),
            header("ce-contractversion", false, "The event's contract version (extension).", json!({ "type": "string", "const": meta.version.as_str() })),
            header("ce-subject", false, "CloudEvents `subject`: the aggregate the event is about, when the payload names one.", text.clone()),
            header("ce-traceparent", false, "W3C `traceparent` of the emitting call (Distributed Tracing extension).", text.clone()),
        ],
        "requestBody": {
            "required": true,
            "content": {
                "application/json": { "schema": payload },
                "application/cloudevents+json": {
                    "schema": {
                        "type": "object",
                        "required": ["id", "source", "specversion", "type", "data"],
                        "properties": {
                            "id": text,
                            "source": text,
                            "specversion": { "type": "string", "const": "1.0" },
                            "type": { "type": "string", "const": meta.key },
                            "time": { "type": "string", "format": "date-time" },
                            "datacontenttype": { "type": "string", "const": "application/json" },
                            "data": payload,
                        },
                    },
                },
            },
        },
        "responses": {
            "2XX": { "description": "The subscriber accepted the event." },
            "default": { "description": "The subscriber did not accept the event: it is delivered again." },
        },
        "x-contract": {
            "key": meta.key,
            "version": meta.version.as_str(),
            "kind": "event",
            "pii": event.pii,
        },
    });
    if !meta.description.is_empty() {
        operation["description"] = Value::from(meta.description);
    }
    if meta.stability == contracts_core::Stability::Deprecated {
        operation["deprecated"] = Value::Bool(true);
        if let Some(sunset) = meta.sunset {
            operation["x-sunset"] = Value::from(sunset);
        }
    }
    json!({ "post": operation })
}
