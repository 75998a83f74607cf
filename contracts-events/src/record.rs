//! An event as it leaves the process: the runtime's envelope, owned, with its subject.

use chrono::{DateTime, Utc};
use contracts_core::descriptors::EventDescriptor;
use contracts_core::{resolve_path, Event, PathError};
use contracts_runtime::{EventEnvelope, TraceId};
use std::collections::HashMap;
use std::sync::Arc;

/// An emitted event, owned and independent of the runtime: what the outbox stores, the relay
/// publishes and the CloudEvents mapping reads.
///
/// Built from the runtime's [`EventEnvelope`] with [`EventRecord::from_envelope`], which also
/// finds its [subject](Subjects).
#[derive(Clone, Debug, PartialEq)]
pub struct EventRecord {
    /// The event's unique id: the CloudEvents `id` and the deduplication key everywhere.
    pub id: uuid::Uuid,
    /// When the handler emitted it.
    pub occurred_at: DateTime<Utc>,
    /// The trace id of the call that emitted it.
    pub trace_id: String,
    /// The event's key (`plans.plan.started`).
    pub key: String,
    /// The event's version (`1.0.0`).
    pub version: String,
    /// What the event is about (an aggregate's id), taken from the payload by [`Subjects`]:
    /// the CloudEvents `subject`, and the ordering key of the relay.
    pub subject: Option<String>,
    /// The payload, as JSON.
    pub payload: serde_json::Value,
}

impl EventRecord {
    /// The record of an envelope, with its subject found by `subjects`.
    pub fn from_envelope(envelope: &EventEnvelope, subjects: &Subjects) -> EventRecord {
        EventRecord {
            id: envelope.id(),
            occurred_at: envelope.occurred_at(),
            trace_id: envelope.trace_id().as_str().to_owned(),
            key: envelope.key().to_owned(),
            version: envelope.version().to_owned(),
            subject: subjects.subject_of(envelope.descriptor(), envelope.payload()),
            payload: envelope.payload().clone(),
        }
    }

    /// `key@version`.
    pub fn identity(&self) -> String {
        format!("{}@{}", self.key, self.version)
    }

    /// The trace id, as the runtime's type.
    pub fn trace(&self) -> TraceId {
        TraceId::from(self.trace_id.as_str())
    }

    /// The key that orders delivery: events with the same ordering key are published in the
    /// order they were committed. It is the subject (the aggregate) when the event has one, so
    /// that every event about one aggregate keeps its order whatever its type; otherwise the
    /// event's key.
    pub fn ordering_key(&self) -> &str {
        self.subject.as_deref().unwrap_or(&self.key)
    }
}

/// Where an event's subject is in its payload, per event: a dotted field path whose value (a
/// string or a number) becomes the CloudEvents `subject` and the relay's ordering key.
///
/// The path is checked against the payload's model when it is added, so a typo is an error at
/// start-up, not a missing subject later. Events without a rule have no subject. Cheap to
/// clone.
///
/// ```
/// use contracts_events::Subjects;
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
/// let subjects = Subjects::new().with::<PlanStarted>("plan_id").unwrap();
/// let error = Subjects::new().with::<PlanStarted>("plan").unwrap_err();
/// assert_eq!(
///     error.to_string(),
///     "the subject path `plan` of `plans.plan.started@1.0.0`: `plan` names no field of `PlanStarted`"
/// );
/// # let _ = subjects;
/// # }
/// ```
#[derive(Clone, Debug, Default)]
pub struct Subjects {
    paths: Arc<HashMap<(&'static str, &'static str), &'static str>>,
}

/// A subject path that names no field of the event's payload.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SubjectPathError {
    event: String,
    path: &'static str,
    reason: PathError,
}

impl core::fmt::Display for SubjectPathError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "the subject path `{}` of `{}`: ", self.path, self.event)?;
        match self.reason {
            PathError::EmptySegment => f.write_str("a segment is empty"),
            PathError::NoSuchField { segment, model, .. } => {
                write!(f, "`{segment}` names no field of `{model}`")
            }
            PathError::NotAnObject { field, model } => {
                write!(f, "`{field}` is a `{model}`, which has no fields")
            }
        }
    }
}

impl std::error::Error for SubjectPathError {}

impl Subjects {
    /// No rules: no event has a subject.
    pub fn new() -> Subjects {
        Subjects::default()
    }

    /// Takes the subject of event `E` from the field at `path` (dotted, as pii paths are).
    pub fn with<E: Event>(mut self, path: &'static str) -> Result<Subjects, SubjectPathError> {
        let event = E::DESCRIPTOR;
        resolve_path(event.payload.info, path).map_err(|reason| SubjectPathError {
            event: event.meta.id(),
            path,
            reason,
        })?;
        Arc::make_mut(&mut self.paths).insert((event.meta.key, event.meta.version.as_str()), path);
        Ok(self)
    }

    /// The subject of a payload of `event`, if it has a rule and the field holds a string or a
    /// number.
    pub fn subject_of(
        &self,
        event: &'static EventDescriptor,
        payload: &serde_json::Value,
    ) -> Option<String> {
        let path = self
            .paths
            .get(&(event.meta.key, event.meta.version.as_str()))?;
        let value = path
            .split('.')
            .try_fold(payload, |value, segment| value.get(segment))?;
        match value {
            serde_json::Value::String(text) => Some(text.clone()),
            serde_json::Value::Number(number) => Some(number.to_string()),
            _ => None,
        }
    }
}
