//! CloudEvents 1.0: our envelope as CloudEvents attributes, in structured mode (the JSON event
//! format) and binary mode (headers), for HTTP and NATS; and back.
//!
//! | envelope | CloudEvents attribute | |
//! |---|---|---|
//! | `id` | `id` | the deduplication key |
//! | | `source` | the producer, set once ([`CloudEvents::new`]) |
//! | | `specversion` | `1.0` |
//! | `key` | `type` | `plans.plan.started` |
//! | `version` | `contractversion` (extension) | `1.0.0` |
//! | `occurredAt` | `time` | RFC 3339 |
//! | | `datacontenttype` | `application/json` |
//! | `key`, `version` | `dataschema` | the payload's schema in the JSON Schema export: `<base>#/$defs/<type name>` |
//! | the payload's subject field ([`Subjects`](crate::Subjects)) | `subject` | only when the payload has one |
//! | `traceId` | `traceparent` (Distributed Tracing extension) | when the trace id is a W3C trace id (32 hex digits); the parent id is taken from the event id |
//! | `traceId` | `traceid` (extension) | always, verbatim, so that plain trace ids (`req-42`) survive |
//! | `payload` | `data` | JSON |
//!
//! In binary mode every attribute but `datacontenttype` is a `ce-<name>` header (the HTTP and
//! NATS protocol bindings spell them the same), `datacontenttype` is `content-type`, and the
//! body is the payload; values outside printable ASCII, spaces, `"` and `%` are
//! percent-encoded (UTF-8), as the HTTP binding requires. A `traceparent` header (W3C Trace
//! Context) is added too, so tracing middleware continues the trace. NATS messages also carry
//! `Nats-Msg-Id` = the event id ([`jetstream`](crate::jetstream)).

use crate::record::EventRecord;
use contracts_core::Registry;
use contracts_export::naming::{type_name, Role};
use serde_json::{Map, Value};
use std::borrow::Cow;

/// The CloudEvents version produced and accepted.
pub const SPEC_VERSION: &str = "1.0";

/// The content type of a structured-mode message (the JSON event format).
pub const STRUCTURED_CONTENT_TYPE: &str = "application/cloudevents+json";

/// The content type of every event's data.
pub const DATA_CONTENT_TYPE: &str = "application/json";

/// The default base of `dataschema`: a URN naming the JSON Schema export; set a URL where the
/// export is served with [`CloudEvents::with_schema_base`].
pub const DEFAULT_SCHEMA_BASE: &str = "urn:contracts:jsonschema";

/// The extension attribute carrying the event's contract version.
pub const VERSION_EXTENSION: &str = "contractversion";

/// The extension attribute carrying the emitting call's trace id, verbatim.
pub const TRACE_ID_EXTENSION: &str = "traceid";

/// The Distributed Tracing extension attribute.
pub const TRACEPARENT: &str = "traceparent";

/// How this service's events look as CloudEvents: its `source`, and where `dataschema` points.
/// Cheap to clone.
///
/// ```
/// use contracts_events::cloudevents::CloudEvents;
/// use contracts_events::{EventRecord, Subjects};
/// use contracts_runtime::{CallContext, Ctx};
/// # use contracts_core::{command, event, registry, Model};
/// # /// A plan was started.
/// # #[event(key = "plans.plan.started", version = "1.0.0")]
/// # #[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
/// # pub struct PlanStarted { pub plan_id: String }
/// # /// Start a plan.
/// # #[command(key = "plans.plan.start", version = "1.0.0", output = String,
/// #     emits(PlanStarted(when = "Always.")), policy(auth = "anonymous"))]
/// # #[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
/// # pub struct StartPlan { pub plan_id: String }
/// # registry! { pub static PLANS; defaults(owners = ["team.plans"], stability = "beta"); contracts(PlanStarted, StartPlan); }
///
/// # fn main() {
/// let ctx = Ctx::<StartPlan>::detached(CallContext::anonymous());
/// ctx.emit(PlanStarted { plan_id: "p 1".into() });
/// let subjects = Subjects::new().with::<PlanStarted>("plan_id").unwrap();
/// let record = EventRecord::from_envelope(&ctx.pending_events()[0], &subjects);
///
/// let cloud = CloudEvents::new(&PLANS, "/services/plans");
/// let event = cloud.structured(&record);
/// assert_eq!(event["specversion"], "1.0");
/// assert_eq!(event["type"], "plans.plan.started");
/// assert_eq!(event["source"], "/services/plans");
/// assert_eq!(event["subject"], "p 1");
/// assert_eq!(event["dataschema"], "urn:contracts:jsonschema#/$defs/plans_plan_started_v1_0_0_Payload");
/// assert_eq!(event["data"]["plan_id"], "p 1");
///
/// let headers = cloud.binary_headers(&record);
/// let header = |name: &str| headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str());
/// assert_eq!(header("ce-subject"), Some("p%201"));
/// assert_eq!(header("content-type"), Some("application/json"));
/// # }
/// ```
#[derive(Clone, Debug)]
pub struct CloudEvents {
    registry: &'static Registry,
    source: Cow<'static, str>,
    schema_base: Cow<'static, str>,
}

impl CloudEvents {
    /// The events of `registry`, produced by `source` (a URI-reference naming this service,
    /// such as `/services/plans` or `urn:example:plans`).
    pub fn new(registry: &'static Registry, source: impl Into<Cow<'static, str>>) -> CloudEvents {
        CloudEvents {
            registry,
            source: source.into(),
            schema_base: Cow::Borrowed(DEFAULT_SCHEMA_BASE),
        }
    }

    /// Points `dataschema` at `base` (the URL of the JSON Schema export), followed by
    /// `#/$defs/<type name>`.
    pub fn with_schema_base(mut self, base: impl Into<Cow<'static, str>>) -> CloudEvents {
        self.schema_base = base.into();
        self
    }

    /// The registry.
    pub fn registry(&self) -> &'static Registry {
        self.registry
    }

    /// The `source` attribute.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The context attributes of an event, in the order the specification lists them
    /// (required, optional, extensions), with their values as text.
    pub fn attributes<'a>(&'a self, record: &'a EventRecord) -> Vec<(&'static str, Cow<'a, str>)> {
        let mut attributes = Vec::with_capacity(11);
        attributes.push(("id", Cow::Owned(record.id.to_string())));
        attributes.push(("source", Cow::Borrowed(&*self.source)));
        attributes.push(("specversion", Cow::Borrowed(SPEC_VERSION)));
        attributes.push(("type", Cow::Borrowed(record.key.as_str())));
        attributes.push(("datacontenttype", Cow::Borrowed(DATA_CONTENT_TYPE)));
        if let Some(schema) = self.data_schema(record) {
            attributes.push(("dataschema", Cow::Owned(schema)));
        }
        if let Some(subject) = &record.subject {
            attributes.push(("subject", Cow::Borrowed(subject.as_str())));
        }
        attributes.push(("time", Cow::Owned(rfc3339(record))));
        if let Some(traceparent) = traceparent(record) {
            attributes.push((TRACEPARENT, Cow::Owned(traceparent)));
        }
        attributes.push((TRACE_ID_EXTENSION, Cow::Borrowed(record.trace_id.as_str())));
        attributes.push((VERSION_EXTENSION, Cow::Borrowed(record.version.as_str())));
        attributes
    }

    /// The `dataschema` of an event declared in the registry.
    pub fn data_schema(&self, record: &EventRecord) -> Option<String> {
        let contract = self.registry.get(&record.key, &record.version)?;
        let event = contract.as_event()?;
        Some(format!(
            "{}#/$defs/{}",
            self.schema_base,
            type_name(&event.meta, Role::Payload)
        ))
    }

    /// The event in structured mode: a JSON object of the JSON event format, to send with
    /// content type [`STRUCTURED_CONTENT_TYPE`].
    pub fn structured(&self, record: &EventRecord) -> Value {
        let mut object = Map::new();
        for (name, value) in self.attributes(record) {
            object.insert(name.to_owned(), Value::String(value.into_owned()));
        }
        object.insert("data".to_owned(), record.payload.clone());
        Value::Object(object)
    }

    /// The headers of the event in binary mode, for HTTP and NATS alike: `ce-<attribute>` for
    /// each attribute, `content-type` for `datacontenttype`, and a W3C `traceparent` when the
    /// event has one. The body is the payload's JSON ([`body`]).
    pub fn binary_headers(&self, record: &EventRecord) -> Vec<(String, String)> {
        let mut headers = Vec::with_capacity(12);
        for (name, value) in self.attributes(record) {
            if name == "datacontenttype" {
                headers.push(("content-type".to_owned(), value.into_owned()));
                continue;
            }
            if name == TRACEPARENT {
                headers.push((TRACEPARENT.to_owned(), value.to_string()));
            }
            headers.push((format!("ce-{name}"), percent_encode(&value).into_owned()));
        }
        headers
    }
}

/// The body of a binary-mode message: the payload's JSON.
pub fn body(record: &EventRecord) -> Vec<u8> {
    serde_json::to_vec(&record.payload).unwrap_or_default()
}

/// The `time` attribute: RFC 3339 with microseconds, in UTC.
fn rfc3339(record: &EventRecord) -> String {
    record
        .occurred_at
        .to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

/// The `traceparent` of an event whose trace id is a W3C trace id: version `00`, the trace id,
/// a parent id made of the event id's first 8 bytes (never all zero), sampled.
pub fn traceparent(record: &EventRecord) -> Option<String> {
    let trace = record.trace_id.as_str();
    let w3c = trace.len() == 32
        && trace
            .bytes()
            .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
        && trace.bytes().any(|b| b != b'0');
    if !w3c {
        return None;
    }
    let mut parent = u64::from_be_bytes(record.id.as_bytes()[..8].try_into().ok()?);
    if parent == 0 {
        parent = 1;
    }
    Some(format!("00-{trace}-{parent:016x}-01"))
}

/// Percent-encodes what a header value may not hold as it is (the HTTP binding's rule, used
/// for NATS too): space, `"`, `%`, and anything outside printable ASCII, as UTF-8 bytes.
pub fn percent_encode(value: &str) -> Cow<'_, str> {
    let keep = |b: u8| (0x21..=0x7e).contains(&b) && b != b'"' && b != b'%';
    if value.bytes().all(keep) {
        return Cow::Borrowed(value);
    }
    let mut out = String::with_capacity(value.len() + 8);
    for b in value.bytes() {
        if keep(b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    Cow::Owned(out)
}

/// Decodes [`percent_encode`]; `None` if an escape is malformed or the bytes are not UTF-8.
pub fn percent_decode(value: &str) -> Option<String> {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = value.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// A CloudEvent received, with the attributes a consumer needs, decoded from binary headers
/// ([`Received::from_headers`]) or a structured event ([`Received::from_structured`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Received {
    /// `id`.
    pub id: String,
    /// `source`.
    pub source: String,
    /// `type`: the event's key.
    pub event_type: String,
    /// The `contractversion` extension, if present.
    pub version: Option<String>,
    /// `subject`, if present.
    pub subject: Option<String>,
    /// `time`, if present.
    pub time: Option<chrono::DateTime<chrono::Utc>>,
    /// The emitting call's trace id: the `traceid` extension, else the trace id of
    /// `traceparent`.
    pub trace_id: Option<String>,
}

/// Why a message is not a CloudEvent we can read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotACloudEvent(pub String);

impl core::fmt::Display for NotACloudEvent {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "not a CloudEvents {SPEC_VERSION} event: {}", self.0)
    }
}

impl std::error::Error for NotACloudEvent {}

impl Received {
    /// Reads the attributes of a binary-mode message from its headers; `get` returns the value
    /// of a header by its name as this crate writes it (`ce-id`, `ce-type`, ...).
    pub fn from_headers<'h>(
        get: impl Fn(&str) -> Option<&'h str>,
    ) -> Result<Received, NotACloudEvent> {
        let attribute = |name: &str| -> Result<Option<String>, NotACloudEvent> {
            match get(&format!("ce-{name}")) {
                None => Ok(None),
                Some(raw) => percent_decode(raw).map(Some).ok_or_else(|| {
                    NotACloudEvent(format!(
                        "the header `ce-{name}` is not percent-encoded UTF-8"
                    ))
                }),
            }
        };
        Received::from_attributes(attribute)
    }

    /// Reads the attributes of a structured-mode event (a JSON object of the JSON event
    /// format).
    pub fn from_structured(event: &Value) -> Result<Received, NotACloudEvent> {
        let object = event
            .as_object()
            .ok_or_else(|| NotACloudEvent("the event is not a JSON object".to_owned()))?;
        Received::from_attributes(|name| match object.get(name) {
            None => Ok(None),
            Some(Value::String(text)) => Ok(Some(text.clone())),
            Some(_) => Err(NotACloudEvent(format!("`{name}` is not a string"))),
        })
    }

    fn from_attributes(
        attribute: impl Fn(&str) -> Result<Option<String>, NotACloudEvent>,
    ) -> Result<Received, NotACloudEvent> {
        let required = |name: &str| {
            attribute(name)?
                .filter(|value| !value.is_empty())
                .ok_or_else(|| NotACloudEvent(format!("the attribute `{name}` is missing")))
        };
        let specversion = required("specversion")?;
        if specversion != SPEC_VERSION {
            return Err(NotACloudEvent(format!(
                "its `specversion` is `{specversion}`"
            )));
        }
        let time = match attribute("time")? {
            None => None,
            Some(text) => Some(
                chrono::DateTime::parse_from_rfc3339(&text)
                    .map_err(|e| NotACloudEvent(format!("its `time` `{text}`: {e}")))?
                    .to_utc(),
            ),
        };
        let traced = attribute(TRACEPARENT)?
            .and_then(|value| contracts_runtime::traceparent_trace_id(&value).map(str::to_owned));
        Ok(Received {
            id: required("id")?,
            source: required("source")?,
            event_type: required("type")?,
            version: attribute(VERSION_EXTENSION)?,
            subject: attribute("subject")?,
            time,
            trace_id: attribute(TRACE_ID_EXTENSION)?.or(traced),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_encoding_round_trips() {
        for text in [
            "plain",
            "a b",
            "50%",
            "\"q\"",
            "é\u{1F600}",
            "line\r\nbreak",
        ] {
            let encoded = percent_encode(text);
            assert!(encoded.bytes().all(|b| (0x21..=0x7e).contains(&b)));
            assert_eq!(percent_decode(&encoded).as_deref(), Some(text));
        }
        assert_eq!(percent_encode("a b"), "a%20b");
        assert_eq!(percent_decode("%zz"), None);
        assert_eq!(percent_decode("%4"), None);
    }
}
