//! An AsyncAPI 3.0 document of a registry's events, as they travel on NATS JetStream.
//!
//! - **channels**: one per event `key@version`, named by
//!   [`graphql_field_name`] (`orders_order_placed_v1_0_0`),
//!   its address the NATS subject ([`nats_subject`]: `events.orders.order.placed.v1_0_0`),
//!   holding the event's message;
//! - **messages**: one per event, its payload the event's payload schema from the JSON Schema
//!   export (the same schemas, under `#/components/schemas/`), its headers the CloudEvents
//!   binary-mode headers ([`cloud_events_headers`]), its personal data marked: `x-pii` lists the
//!   event's pii paths (dotted, as declared), and the description names them;
//! - **operations**: `send` for each capability that provides the event and each operation that
//!   emits it (its `when` as the description); `receive` for each consumer of the event the
//!   registry declares ([`#[consumer]`](contracts_core::consumer)), and each one given in
//!   [`Options::consumers`] (consumers declared elsewhere).
//!
//! ```
//! use contracts_control_plane::CONTROL_PLANE;
//! use contracts_export::asyncapi;
//!
//! let document = asyncapi::export(&CONTROL_PLANE);
//! assert_eq!(document["asyncapi"], "3.0.0");
//! let channel = &document["channels"]["controlPlane_plan_compiled_v1_0_0"];
//! assert_eq!(channel["address"], "events.controlPlane.plan.compiled.v1_0_0");
//! let operation = &document["operations"]["control-plane_core_sends_controlPlane_plan_compiled_v1_0_0"];
//! assert_eq!(operation["action"], "send");
//! ```

use crate::json_schema::Schemas;
use crate::naming::{graphql_field_name, type_name, Role};
use contracts_core::descriptors::{ConsumerDescriptor, EventDescriptor};
use contracts_core::{Contract, Registry};
use serde_json::{json, Map, Value};

pub use crate::naming::{nats_subject, DEFAULT_SUBJECT_PREFIX};

/// A consumer of an event, for a `receive` operation: a declared one
/// ([`ConsumerRef::declared`]), or one the registry does not know.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConsumerRef {
    /// The consumer's name (its durable name).
    pub name: String,
    /// The consumed event's key.
    pub event_key: String,
    /// The consumed event's version.
    pub event_version: String,
    /// The capability the consumer belongs to, if any.
    pub capability: Option<String>,
    /// What the consumer does.
    pub description: Option<String>,
}

impl ConsumerRef {
    /// The reference of a declared consumer: its key as its name.
    pub fn declared(consumer: &ConsumerDescriptor) -> ConsumerRef {
        let description = consumer.meta.description;
        ConsumerRef {
            name: consumer.meta.key.to_owned(),
            event_key: consumer.event.meta.key.to_owned(),
            event_version: consumer.event.meta.version.as_str().to_owned(),
            capability: consumer.capability.as_ref().map(|c| c.key.to_owned()),
            description: (!description.is_empty()).then(|| description.to_owned()),
        }
    }
}

/// What the registry does not say: the document's title and version, the servers, the subject
/// prefix and the consumers.
#[derive(Clone, Debug)]
pub struct Options {
    /// `info.title`.
    pub title: String,
    /// `info.version`: the version of the document, not of any contract.
    pub version: String,
    /// NATS servers (`host:port`), as `servers` of protocol `nats`.
    pub servers: Vec<String>,
    /// The subject prefix ([`DEFAULT_SUBJECT_PREFIX`]).
    pub subject_prefix: String,
    /// Consumers of the registry's events that it does not declare: one `receive` operation
    /// each, after the declared ones.
    pub consumers: Vec<ConsumerRef>,
}

impl Options {
    /// The defaults for a registry: the title `<crate> events`, version `0.0.0`, no server,
    /// the default prefix and no consumers.
    pub fn for_registry(registry: &Registry) -> Options {
        Options {
            title: format!("{} events", registry.set().crate_name),
            version: "0.0.0".to_owned(),
            servers: Vec::new(),
            subject_prefix: DEFAULT_SUBJECT_PREFIX.to_owned(),
            consumers: Vec::new(),
        }
    }
}

/// The AsyncAPI 3.0 document of a registry, with [`Options::for_registry`].
pub fn export(registry: &Registry) -> Value {
    export_with(registry, &Options::for_registry(registry))
}

/// The AsyncAPI 3.0 document of a registry (see the [module docs](self)).
pub fn export_with(registry: &Registry, options: &Options) -> Value {
    export_from(registry, &Schemas::new(registry), options)
}

/// The AsyncAPI 3.0 document of a registry whose message schemas are already generated.
pub fn export_from(registry: &Registry, schemas: &Schemas, options: &Options) -> Value {
    let mut channels = Map::new();
    let mut messages = Map::new();
    let mut operations = Map::new();
    for event in registry.events() {
        let name = graphql_field_name(&event.meta);
        let channel_ref = json!({ "$ref": format!("#/channels/{name}") });
        let message_ref = json!({ "$ref": format!("#/channels/{name}/messages/{name}") });
        channels.insert(name.clone(), channel(event, &name, options));
        messages.insert(name.clone(), message(event));
        let send = |description: String, extension: (&str, &str)| {
            let mut operation = json!({
                "action": "send",
                "channel": channel_ref,
                "messages": [message_ref],
                "description": description,
            });
            operation[extension.0] = Value::from(extension.1);
            operation
        };
        for capability in registry.capabilities_providing(Contract::Event(event)) {
            let key = capability.meta.key;
            let id = format!("{}_sends_{name}", sanitize(key));
            let description = format!(
                "The capability `{}` provides this event.",
                capability.meta.id()
            );
            operations.insert(id, send(description, ("x-contract-capability", key)));
        }
        for operation in registry.emitters_of(event) {
            let when = operation
                .emits
                .iter()
                .find(|e| {
                    e.event.meta.key == event.meta.key && e.event.meta.version == event.meta.version
                })
                .map_or("", |e| e.when);
            let id = format!("{}_emits_{name}", graphql_field_name(&operation.meta));
            let description = format!("`{}` emits it. {when}", operation.meta.id());
            operations.insert(
                id,
                send(
                    description.trim_end().to_owned(),
                    ("x-contract-operation", operation.meta.key),
                ),
            );
        }
        let declared: Vec<ConsumerRef> = registry
            .consumers_of(event)
            .map(ConsumerRef::declared)
            .collect();
        for consumer in declared.iter().chain(options.consumers.iter().filter(|c| {
            c.event_key == event.meta.key && c.event_version == event.meta.version.as_str()
        })) {
            let id = format!("{}_receives_{name}", sanitize(&consumer.name));
            let mut operation = json!({
                "action": "receive",
                "channel": channel_ref,
                "messages": [message_ref],
                "x-contract-consumer": consumer.name,
            });
            if let Some(description) = &consumer.description {
                operation["description"] = Value::from(description.as_str());
            }
            if let Some(capability) = &consumer.capability {
                operation["x-contract-capability"] = Value::from(capability.as_str());
            }
            operations.insert(id, operation);
        }
    }
    let mut document = json!({
        "asyncapi": "3.0.0",
        "info": { "title": options.title, "version": options.version },
        "defaultContentType": "application/json",
    });
    if !options.servers.is_empty() {
        let servers: Map<String, Value> = options
            .servers
            .iter()
            .enumerate()
            .map(|(i, host)| {
                (
                    format!("nats{i}"),
                    json!({ "host": host, "protocol": "nats" }),
                )
            })
            .collect();
        document["servers"] = Value::Object(servers);
    }
    document["channels"] = Value::Object(channels);
    document["operations"] = Value::Object(operations);
    document["components"] = json!({
        "schemas": payload_schemas(schemas),
        "messages": messages,
    });
    document
}

/// A name made of what AsyncAPI allows in component and operation names.
fn sanitize(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

fn channel(event: &EventDescriptor, name: &str, options: &Options) -> Value {
    let meta = &event.meta;
    let mut channel = json!({
        "address": nats_subject(&options.subject_prefix, meta.key, meta.version.as_str()),
        "title": meta.title.unwrap_or(meta.key),
        "messages": { name: { "$ref": format!("#/components/messages/{name}") } },
        "x-contract": { "key": meta.key, "version": meta.version.as_str() },
    });
    if !meta.description.is_empty() {
        channel["description"] = Value::from(meta.description);
    }
    channel
}

fn message(event: &EventDescriptor) -> Value {
    let meta = &event.meta;
    let payload_name = type_name(meta, Role::Payload);
    let mut message = json!({
        "name": meta.key,
        "title": meta.title.unwrap_or(meta.key),
        "contentType": "application/json",
        "headers": cloud_events_headers(event),
        "payload": { "$ref": format!("#/components/schemas/{payload_name}") },
        "x-pii": event.pii,
        "x-contract": { "key": meta.key, "version": meta.version.as_str(), "kind": "event" },
    });
    if !meta.description.is_empty() {
        message["summary"] = Value::from(meta.description);
    }
    let examples: Vec<Value> = event
        .examples
        .iter()
        .filter_map(|example| {
            let mut object =
                json!({ "name": example.name, "payload": example.payload_json().ok()? });
            if let Some(summary) = example.summary {
                object["summary"] = Value::from(summary);
            }
            Some(object)
        })
        .collect();
    if !examples.is_empty() {
        message["examples"] = Value::from(examples);
    }
    if !event.pii.is_empty() {
        message["description"] = Value::from(format!(
            "Personal data at: {}.",
            event
                .pii
                .iter()
                .map(|p| format!("`{p}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    message
}

/// The headers of an event's NATS message: its CloudEvents attributes in binary mode and
/// `Nats-Msg-Id`; `ce-type` and `ce-contractversion` are fixed by the channel.
pub fn cloud_events_headers(event: &EventDescriptor) -> Value {
    let meta = &event.meta;
    let text = |description: &str| json!({ "type": "string", "description": description });
    json!({
        "type": "object",
        "required": ["ce-id", "ce-source", "ce-specversion", "ce-type", "ce-time", "content-type", "Nats-Msg-Id"],
        "properties": {
            "ce-id": text("CloudEvents `id`: the event id, unique per event."),
            "ce-source": text("CloudEvents `source`: the producing service."),
            "ce-specversion": { "type": "string", "const": "1.0" },
            "ce-type": { "type": "string", "const": meta.key, "description": "CloudEvents `type`: the event's key." },
            "ce-contractversion": { "type": "string", "const": meta.version.as_str(), "description": "The event's contract version (extension)." },
            "ce-time": { "type": "string", "format": "date-time", "description": "CloudEvents `time`: when it was emitted." },
            "ce-subject": text("CloudEvents `subject`: the aggregate the event is about, when the payload names one (percent-encoded)."),
            "ce-dataschema": { "type": "string", "format": "uri", "description": "CloudEvents `dataschema`: the payload's schema in the JSON Schema export." },
            "ce-traceparent": text("W3C `traceparent` of the emitting call (Distributed Tracing extension), when its trace id is a W3C trace id."),
            "ce-traceid": text("The emitting call's trace id (extension)."),
            "traceparent": text("The same `traceparent`, for tracing middleware."),
            "content-type": { "type": "string", "const": "application/json" },
            "Nats-Msg-Id": text("The event id: JetStream drops a copy published again within its duplicate window."),
        },
    })
}

/// The payload schemas and the models nested in them, referenced under
/// `#/components/schemas/`.
fn payload_schemas(schemas: &Schemas) -> Map<String, Value> {
    let payloads: Vec<String> = schemas
        .messages()
        .filter(|m| m.role == Role::Payload)
        .map(|m| m.name())
        .collect();
    schemas
        .definitions("#/components/schemas/")
        .into_iter()
        .filter(|(name, _)| {
            payloads.iter().any(|payload| {
                name == payload
                    || name
                        .strip_prefix(payload.as_str())
                        .is_some_and(|rest| rest.starts_with("__"))
            })
        })
        .collect()
}
