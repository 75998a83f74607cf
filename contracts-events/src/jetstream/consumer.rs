//! Typed durable consumers: a handler subscribed to one event type.
//!
//! A [`Consumer<E>`] is a JetStream durable pull consumer of the subject of event `E`. Each
//! delivery is read as a binary-mode CloudEvent, its payload decoded strictly as the runtime
//! decodes inputs (no unknown field, no `null` for an optional field), and handed to the
//! handler in a `contract.consume` span carrying the consumer, the event's key, version and id,
//! the delivery attempt and the trace id of the call that emitted it. The payload is traced
//! only at TRACE level, with the event's pii paths redacted.
//!
//! - the handler succeeds: the delivery is acknowledged;
//! - it fails (or panics): the delivery is negatively acknowledged with a delay, and JetStream
//!   delivers it again, up to [`Consumer::max_deliveries`] deliveries in all;
//! - the last delivery fails, or the message cannot be decoded (retrying would not help): the
//!   message goes to the consumer's dead-letter subject
//!   ([`JetStream::dead_letter_subject`]) with its CloudEvents headers, its payload and the
//!   failure (`Contracts-Failure-Code`, `Contracts-Failure-Detail`, `Contracts-Deliveries`,
//!   `Contracts-Consumer`), and is acknowledged only once the dead letter is stored.
//!
//! Deliveries are at least once: a handler with effects makes them idempotent with
//! [`SqliteOutbox::process_once`](crate::outbox::SqliteOutbox::process_once) or
//! [`PostgresOutbox::begin_once`](crate::outbox::PostgresOutbox::begin_once), keyed by
//! [`EventCtx::id`].

use super::{JetStream, JetStreamError};
use crate::cloudevents::{percent_encode, Received};
use async_nats::jetstream::consumer::{pull, AckPolicy, DeliverPolicy, PullConsumer};
use async_nats::jetstream::AckKind;
use contracts_core::Event;
use contracts_runtime::{Failure, FailureCode, TraceId};
use futures_util::{FutureExt, StreamExt};
use std::borrow::Cow;
use std::future::Future;
use std::marker::PhantomData;
use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::time::Duration;
use tracing::Instrument;

/// The header of a dead letter naming the failure's code.
pub const FAILURE_CODE_HEADER: &str = "Contracts-Failure-Code";
/// The header of a dead letter with the failure's detail (percent-encoded).
pub const FAILURE_DETAIL_HEADER: &str = "Contracts-Failure-Detail";
/// The header of a dead letter with the number of deliveries that failed.
pub const DELIVERIES_HEADER: &str = "Contracts-Deliveries";
/// The header of a dead letter naming the consumer.
pub const CONSUMER_HEADER: &str = "Contracts-Consumer";

/// What a consumer's handler knows of the delivery besides the event.
#[derive(Clone, Debug)]
pub struct EventCtx {
    id: Arc<str>,
    trace_id: TraceId,
    subject: Option<String>,
    source: String,
    occurred_at: Option<chrono::DateTime<chrono::Utc>>,
    attempt: u32,
    consumer: Arc<str>,
}

impl EventCtx {
    /// The event's id: the key to process it once.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The trace id of the call that emitted the event (a new one if the message had none).
    pub fn trace_id(&self) -> &TraceId {
        &self.trace_id
    }

    /// The event's subject, if it has one.
    pub fn subject(&self) -> Option<&str> {
        self.subject.as_deref()
    }

    /// The CloudEvents `source`: who emitted it.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// When it was emitted.
    pub fn occurred_at(&self) -> Option<chrono::DateTime<chrono::Utc>> {
        self.occurred_at
    }

    /// Which delivery this is, from 1.
    pub fn attempt(&self) -> u32 {
        self.attempt
    }

    /// The consumer's name.
    pub fn consumer(&self) -> &str {
        &self.consumer
    }
}

/// A handler of event `E`: an `async fn(E, EventCtx) -> Result<(), Failure>`, or a closure
/// returning such a future.
pub trait EventHandler<E>: Send + Sync + 'static {
    /// Handles one delivery.
    fn handle(&self, event: E, ctx: EventCtx) -> impl Future<Output = Result<(), Failure>> + Send;
}

impl<E, F, Fut> EventHandler<E> for F
where
    F: Fn(E, EventCtx) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<(), Failure>> + Send,
{
    fn handle(&self, event: E, ctx: EventCtx) -> impl Future<Output = Result<(), Failure>> + Send {
        self(event, ctx)
    }
}

/// A durable consumer of event `E`: its name, how often a delivery is tried, and the delay
/// before a failed one is tried again. `E` must be a declared event:
///
/// ```compile_fail,E0277
/// use contracts_events::jetstream::Consumer;
///
/// struct NotAnEvent;
/// let consumer = Consumer::<NotAnEvent>::new("billing"); // `NotAnEvent` is not an event
/// ```
///
/// The name is the JetStream durable name (`A-Z a-z 0-9 _ -`): consumers of one name share the
/// deliveries (several instances of a service), consumers of different names each get every
/// event. A consumer declared with [`#[consumer]`](contracts_core::consumer) gives its name
/// and its event: [`Consumer::declared`].
#[derive(Clone, Debug)]
pub struct Consumer<E: Event> {
    name: Cow<'static, str>,
    max_deliveries: u32,
    retry_delay: Duration,
    ack_wait: Duration,
    event: PhantomData<fn() -> E>,
}

impl<E: Event> Consumer<E> {
    /// A consumer named `name`, with 3 deliveries at most, 200 ms between them, and 30 s for
    /// a handler before JetStream delivers again.
    pub fn new(name: impl Into<Cow<'static, str>>) -> Consumer<E> {
        Consumer {
            name: name.into(),
            max_deliveries: 3,
            retry_delay: Duration::from_millis(200),
            ack_wait: Duration::from_secs(30),
            event: PhantomData,
        }
    }

    /// The consumer declared by `C` (with [`#[consumer]`](contracts_core::consumer)), of its
    /// event: named by its key ([`durable_name`](contracts_export::naming::durable_name)), with
    /// the defaults of [`Consumer::new`]. `C` must be a declared consumer:
    ///
    /// ```compile_fail,E0277
    /// use contracts_events::jetstream::Consumer;
    ///
    /// struct NotAConsumer;
    /// let consumer = Consumer::declared::<NotAConsumer>(); // `NotAConsumer` is not a consumer
    /// ```
    pub fn declared<C>() -> Consumer<E>
    where
        C: contracts_core::Consumer<Event = E>,
    {
        Consumer::new(contracts_export::naming::durable_name(
            C::DESCRIPTOR.meta.key,
        ))
    }

    /// Delivers each event at most `deliveries` times (at least 1) before its dead letter.
    pub fn max_deliveries(mut self, deliveries: u32) -> Self {
        self.max_deliveries = deliveries.max(1);
        self
    }

    /// Waits `delay` before delivering a failed event again.
    pub fn retry_delay(mut self, delay: Duration) -> Self {
        self.retry_delay = delay;
        self
    }

    /// Gives a handler `wait` to finish before JetStream delivers the event again.
    pub fn ack_wait(mut self, wait: Duration) -> Self {
        self.ack_wait = wait;
        self
    }

    /// The consumer's name.
    pub fn name(&self) -> &str {
        &self.name
    }
}

/// A running consumer; [`stop`](Subscription::stop) it, or drop it to stop it.
#[derive(Debug)]
pub struct Subscription {
    task: tokio::task::JoinHandle<()>,
}

impl Subscription {
    /// Stops consuming; a delivery being handled is abandoned (JetStream delivers it again
    /// after the consumer's ack wait).
    pub async fn stop(self) {
        self.task.abort();
        let _ = (&mut { self }.task).await;
    }
}

impl Drop for Subscription {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl JetStream {
    /// Creates (or updates) the durable consumer `consumer` of `E`'s subject on the events
    /// stream and runs `handler` on its deliveries in a task, one delivery at a time.
    pub async fn subscribe<E: Event, H: EventHandler<E>>(
        &self,
        consumer: Consumer<E>,
        handler: H,
    ) -> Result<Subscription, JetStreamError> {
        let name = consumer.name.as_ref();
        if name.is_empty()
            || !name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        {
            return Err(JetStreamError::new(format!(
                "the consumer name `{name}` must be made of A-Z a-z 0-9 _ -"
            )));
        }
        let meta = &E::DESCRIPTOR.meta;
        let stream = self
            .context
            .get_stream(super::EVENTS_STREAM)
            .await
            .map_err(|e| {
                JetStreamError::new(format!("the stream `{}`: {e}", super::EVENTS_STREAM))
            })?;
        let pull = stream
            .create_consumer(pull::Config {
                durable_name: Some(name.to_owned()),
                filter_subject: self.subject_of(meta.key, meta.version.as_str()),
                deliver_policy: DeliverPolicy::All,
                ack_policy: AckPolicy::Explicit,
                ack_wait: consumer.ack_wait,
                // Deliveries are counted here, so that the last one goes to the dead letters.
                max_deliver: -1,
                ..Default::default()
            })
            .await
            .map_err(|e| JetStreamError::new(format!("the consumer `{name}`: {e}")))?;
        let run = Run {
            jetstream: self.clone(),
            name: Arc::from(name),
            max_deliveries: consumer.max_deliveries,
            retry_delay: consumer.retry_delay,
            handler,
            event: PhantomData::<fn() -> E>,
        };
        Ok(Subscription {
            task: tokio::spawn(run.consume(pull)),
        })
    }
}

/// A consumer's loop.
struct Run<E, H> {
    jetstream: JetStream,
    name: Arc<str>,
    max_deliveries: u32,
    retry_delay: Duration,
    handler: H,
    event: PhantomData<fn() -> E>,
}

/// Why a delivery failed: the handler's failure, or a message it never saw.
struct Failed {
    code: Cow<'static, str>,
    detail: String,
    /// Retrying cannot help (the message does not decode).
    poison: bool,
}

impl<E: Event, H: EventHandler<E>> Run<E, H> {
    async fn consume(self, consumer: PullConsumer) {
        let mut backoff = Duration::from_millis(50);
        loop {
            let mut messages = match consumer.messages().await {
                Ok(messages) => messages,
                Err(error) => {
                    tracing::warn!(consumer = %self.name, %error, "cannot pull deliveries: retrying");
                    tokio::time::sleep(backoff).await;
                    backoff = (backoff * 2).min(Duration::from_secs(2));
                    continue;
                }
            };
            backoff = Duration::from_millis(50);
            while let Some(next) = messages.next().await {
                match next {
                    Ok(message) => self.deliver(message).await,
                    // Missed heartbeats and the like while the server is away: the stream
                    // recovers by itself, or ends and is opened again.
                    Err(error) => {
                        tracing::debug!(consumer = %self.name, %error, "pull interrupted");
                    }
                }
            }
        }
    }

    async fn deliver(&self, message: async_nats::jetstream::Message) {
        let attempt = message
            .info()
            .map(|info| u32::try_from(info.delivered).unwrap_or(u32::MAX))
            .unwrap_or(1);
        let outcome = self.handle(&message, attempt).await;
        let acked = match outcome {
            Ok(()) => message.ack().await,
            Err(failed) if failed.poison || attempt >= self.max_deliveries => {
                match self.dead_letter(&message, &failed, attempt).await {
                    Ok(()) => message.ack_with(AckKind::Term).await,
                    Err(error) => {
                        tracing::error!(consumer = %self.name, %error, "the dead letter could not be stored: delivering again");
                        message.ack_with(AckKind::Nak(Some(self.retry_delay))).await
                    }
                }
            }
            Err(_) => message.ack_with(AckKind::Nak(Some(self.retry_delay))).await,
        };
        if let Err(error) = acked {
            // JetStream delivers it again after the ack wait.
            tracing::warn!(consumer = %self.name, %error, "acknowledgement not sent");
        }
    }

    /// Reads, decodes and handles one delivery, in its span.
    async fn handle(
        &self,
        message: &async_nats::jetstream::Message,
        attempt: u32,
    ) -> Result<(), Failed> {
        let meta = &E::DESCRIPTOR.meta;
        let headers = message.headers.as_ref();
        let header = |name: &str| headers.and_then(|h| h.get(name)).map(|v| v.as_str());
        let received =
            Received::from_headers(header).map_err(|e| poison("BAD_REQUEST", e.to_string()))?;
        let trace_id = received
            .trace_id
            .clone()
            .map(TraceId::from)
            .unwrap_or_else(TraceId::generate);
        let span = tracing::info_span!(
            "contract.consume",
            consumer = %self.name,
            key = meta.key,
            version = meta.version.as_str(),
            event_id = %received.id,
            trace_id = %trace_id,
            attempt,
        );
        async {
            if received.event_type != meta.key
                || received
                    .version
                    .as_deref()
                    .is_some_and(|v| v != meta.version.as_str())
            {
                return Err(poison(
                    "BAD_REQUEST",
                    format!(
                        "a `{}@{}` event on the subject of `{}@{}`",
                        received.event_type,
                        received.version.as_deref().unwrap_or("?"),
                        meta.key,
                        meta.version
                    ),
                ));
            }
            let event: E = contracts_core::decode::from_slice(&message.payload)
                .map_err(|e| poison("VALIDATION_FAILED", e.to_string()))?;
            if tracing::enabled!(tracing::Level::TRACE) {
                if let Ok(mut payload) = serde_json::to_value(&event) {
                    contracts_runtime::redact(&mut payload, E::DESCRIPTOR.pii);
                    tracing::trace!(%payload, "event received");
                }
            }
            let ctx = EventCtx {
                id: Arc::from(received.id.as_str()),
                trace_id: trace_id.clone(),
                subject: received.subject.clone(),
                source: received.source.clone(),
                occurred_at: received.time,
                attempt,
                consumer: Arc::clone(&self.name),
            };
            let handled = AssertUnwindSafe(self.handler.handle(event, ctx))
                .catch_unwind()
                .await;
            match handled {
                Ok(Ok(())) => {
                    tracing::debug!("event handled");
                    Ok(())
                }
                Ok(Err(failure)) => {
                    // The detail may hold personal data: it goes to the dead letter, not the log.
                    tracing::warn!(code = failure.code(), "the consumer failed");
                    Err(Failed {
                        code: Cow::Borrowed(failure.code()),
                        detail: failure.detail().unwrap_or_default().to_owned(),
                        poison: false,
                    })
                }
                Err(_) => {
                    tracing::error!("the consumer panicked");
                    Err(Failed {
                        code: Cow::Borrowed(FailureCode::InternalError.as_str()),
                        detail: "the consumer panicked".to_owned(),
                        poison: false,
                    })
                }
            }
        }
        .instrument(span)
        .await
    }

    /// Stores the message and its failure on the consumer's dead-letter subject.
    async fn dead_letter(
        &self,
        message: &async_nats::jetstream::Message,
        failed: &Failed,
        attempt: u32,
    ) -> Result<(), String> {
        let meta = &E::DESCRIPTOR.meta;
        let subject =
            self.jetstream
                .dead_letter_subject(&self.name, meta.key, meta.version.as_str());
        let mut headers = message.headers.clone().unwrap_or_default();
        let id = headers
            .get(super::MSG_ID)
            .map(|v| v.as_str().to_owned())
            .unwrap_or_else(|| {
                format!(
                    "stream-{}",
                    message.info().map(|i| i.stream_sequence).unwrap_or(0)
                )
            });
        headers.insert(super::MSG_ID, format!("{id}.{}", self.name).as_str());
        headers.insert(FAILURE_CODE_HEADER, failed.code.as_ref());
        headers.insert(
            FAILURE_DETAIL_HEADER,
            percent_encode(&failed.detail).as_ref(),
        );
        headers.insert(DELIVERIES_HEADER, attempt.to_string().as_str());
        headers.insert(CONSUMER_HEADER, self.name.as_ref());
        tracing::warn!(consumer = %self.name, code = %failed.code, attempt, subject, "event sent to the dead letters");
        self.jetstream
            .context
            .publish_with_headers(subject, headers, message.payload.clone())
            .await
            .map_err(|e| e.to_string())?
            .await
            .map(drop)
            .map_err(|e| e.to_string())
    }
}

fn poison(code: &'static str, detail: String) -> Failed {
    Failed {
        code: Cow::Borrowed(code),
        detail,
        poison: true,
    }
}
