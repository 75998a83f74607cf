//! Event envelopes and where they are published.

use crate::redact::redact;
use contracts_core::descriptors::EventDescriptor;
use contracts_core::wire::TraceId;
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};
use std::future::Future;
use std::sync::{Arc, Mutex, PoisonError};

/// An emitted event: its id, when it occurred, the trace of the call that emitted it, its key,
/// version and payload.
///
/// Serializes as `{"id", "occurredAt", "traceId", "key", "version", "payload"}`.
#[derive(Clone, Debug)]
pub struct EventEnvelope {
    id: uuid::Uuid,
    occurred_at: chrono::DateTime<chrono::Utc>,
    trace_id: TraceId,
    event: &'static EventDescriptor,
    payload: serde_json::Value,
}

impl EventEnvelope {
    pub(crate) fn new(
        event: &'static EventDescriptor,
        trace_id: TraceId,
        payload: serde_json::Value,
    ) -> EventEnvelope {
        EventEnvelope {
            id: uuid::Uuid::new_v4(),
            occurred_at: chrono::Utc::now(),
            trace_id,
            event,
            payload,
        }
    }

    /// The event's unique id (a UUID v4).
    pub fn id(&self) -> uuid::Uuid {
        self.id
    }

    /// When the handler emitted it.
    pub fn occurred_at(&self) -> chrono::DateTime<chrono::Utc> {
        self.occurred_at
    }

    /// The trace id of the call that emitted it.
    pub fn trace_id(&self) -> &TraceId {
        &self.trace_id
    }

    /// The event's key.
    pub fn key(&self) -> &'static str {
        self.event.meta.key
    }

    /// The event's version.
    pub fn version(&self) -> &'static str {
        self.event.meta.version.as_str()
    }

    /// The event's descriptor (its pii paths, its owners, ...).
    pub fn descriptor(&self) -> &'static EventDescriptor {
        self.event
    }

    /// The payload, as JSON.
    pub fn payload(&self) -> &serde_json::Value {
        &self.payload
    }

    /// The payload with the event's pii paths redacted, for logs and evidence.
    pub fn redacted_payload(&self) -> serde_json::Value {
        let mut payload = self.payload.clone();
        redact(&mut payload, self.event.pii);
        payload
    }
}

impl Serialize for EventEnvelope {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("EventEnvelope", 6)?;
        s.serialize_field("id", &self.id)?;
        s.serialize_field("occurredAt", &self.occurred_at)?;
        s.serialize_field("traceId", &self.trace_id)?;
        s.serialize_field("key", self.key())?;
        s.serialize_field("version", self.version())?;
        s.serialize_field("payload", &self.payload)?;
        s.end()
    }
}

/// Why events could not be published.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublishError(String);

impl PublishError {
    /// An error with this message.
    pub fn new(message: impl Into<String>) -> PublishError {
        PublishError(message.into())
    }
}

impl core::fmt::Display for PublishError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for PublishError {}

/// Where the events of successful calls go (an event bus, an outbox table, ...).
///
/// The runtime calls [`publish`](Publisher::publish) once per successful call that emitted
/// events, with all of them in emission order, after the handler returned and its output
/// serialized. If it fails, the call's result is `INTERNAL_ERROR`, although the handler's own
/// effects happened: a publisher backed by the same transaction as the handler (an outbox)
/// avoids that window.
///
/// ```
/// use contracts_runtime::{EventEnvelope, Publisher, PublishError};
///
/// /// Prints events as JSON lines.
/// struct Stdout;
///
/// impl Publisher for Stdout {
///     async fn publish(&self, events: Vec<EventEnvelope>) -> Result<(), PublishError> {
///         for event in events {
///             println!("{}", serde_json::to_string(&event).map_err(|e| PublishError::new(e.to_string()))?);
///         }
///         Ok(())
///     }
/// }
/// ```
pub trait Publisher: Send + Sync + 'static {
    /// Whether events reach anything: `false` only for [`NoPublisher`]. A runtime without a
    /// publisher whose bound operations emit events fails its start-up
    /// [`check`](crate::Runtime::check), rather than each of their calls after the handler's
    /// writes.
    const PUBLISHES: bool = true;

    /// Publishes the events of one call.
    fn publish(
        &self,
        events: Vec<EventEnvelope>,
    ) -> impl Future<Output = Result<(), PublishError>> + Send;
}

/// The publisher of a runtime that has none: a runtime whose bound operations emit events
/// fails its start-up [`check`](crate::Runtime::check) until
/// [`Runtime::with_publisher`](crate::Runtime::with_publisher) is called (and, unchecked, such
/// a call fails with `INTERNAL_ERROR`). Calls that emit nothing are unaffected.
#[derive(Clone, Copy, Debug, Default)]
pub struct NoPublisher;

impl Publisher for NoPublisher {
    const PUBLISHES: bool = false;

    fn publish(
        &self,
        _events: Vec<EventEnvelope>,
    ) -> impl Future<Output = Result<(), PublishError>> + Send {
        std::future::ready(Err(PublishError::new(
            "no publisher is configured (Runtime::with_publisher)",
        )))
    }
}

/// A publisher keeping events in memory, for tests. Clones share the same events.
///
/// ```
/// use contracts_runtime::InMemoryPublisher;
///
/// let publisher = InMemoryPublisher::new();
/// let handle = publisher.clone(); // give one to the runtime, keep the other
/// assert!(handle.events().is_empty());
/// ```
#[derive(Clone, Debug, Default)]
pub struct InMemoryPublisher {
    events: Arc<Mutex<Vec<EventEnvelope>>>,
}

impl InMemoryPublisher {
    /// An empty publisher.
    pub fn new() -> InMemoryPublisher {
        InMemoryPublisher::default()
    }

    /// A copy of every event published so far, in order.
    pub fn events(&self) -> Vec<EventEnvelope> {
        self.lock().clone()
    }

    /// Takes every event published so far.
    pub fn take(&self) -> Vec<EventEnvelope> {
        std::mem::take(&mut *self.lock())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<EventEnvelope>> {
        self.events.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Publisher for InMemoryPublisher {
    fn publish(
        &self,
        events: Vec<EventEnvelope>,
    ) -> impl Future<Output = Result<(), PublishError>> + Send {
        self.lock().extend(events);
        std::future::ready(Ok(()))
    }
}
