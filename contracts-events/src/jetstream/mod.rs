//! NATS JetStream: a publisher (the relay's [`Sink`], or the runtime's [`Publisher`] without an
//! outbox) and typed durable consumers ([`consumer`]).
//!
//! # Subjects
//!
//! An event `key@version` is published on `<prefix>.<key>.v<version>`, with the version's dots
//! (and any `+`) written `_` and any character of the key outside `A-Z a-z 0-9 _ -` and `.`
//! written `_`: `plans.plan.started@1.0.0` is `events.plans.plan.started.v1_0_0` under the
//! default prefix `events`. One subject per `key@version`, as the AsyncAPI export has one
//! channel per `key@version`. Every subject under the prefix is captured by one stream
//! ([`EVENTS_STREAM`] by default), and dead letters by another ([`DEAD_LETTERS_STREAM`], under
//! `deadletter`).
//!
//! # Publishing
//!
//! Each event is a binary-mode CloudEvent ([`crate::cloudevents`]) with `Nats-Msg-Id` = the
//! event id, so the stream drops a copy published again within its duplicate window (two
//! minutes by default). [`JetStream::publish_record`] awaits the stream's acknowledgement,
//! retries with exponential backoff while the broker is unreachable or has no stream ready
//! (timeouts, a broken connection, no responders), and returns a [`PublishError`] naming the
//! event and the broker's reason when it refuses the event (a limit, a payload too large) or
//! stays unreachable after the last attempt: an event is never dropped silently.

use crate::cloudevents::{self, CloudEvents};
use crate::outbox::Sink;
use crate::record::{EventRecord, Subjects};
use async_nats::jetstream::{self, context::PublishErrorKind, stream};
use contracts_runtime::{EventEnvelope, PublishError, Publisher};
use std::borrow::Cow;
use std::future::Future;
use std::time::Duration;

pub mod consumer;

/// The NATS client this module is built on, to connect with the same version.
pub use async_nats;
pub use consumer::{Consumer, EventCtx, EventHandler, Subscription};

/// The default subject prefix of events.
pub const DEFAULT_PREFIX: &str = "events";

/// The default subject prefix of dead letters.
pub const DEFAULT_DEAD_LETTER_PREFIX: &str = "deadletter";

/// The default name of the stream of events.
pub const EVENTS_STREAM: &str = "CONTRACTS_EVENTS";

/// The default name of the stream of dead letters.
pub const DEAD_LETTERS_STREAM: &str = "CONTRACTS_DEAD_LETTERS";

/// The header carrying the event id, which JetStream deduplicates on.
pub const MSG_ID: &str = "Nats-Msg-Id";

/// How a publish is retried while the broker is unreachable.
#[derive(Clone, Copy, Debug)]
pub struct Retry {
    /// Attempts in all (default 6).
    pub attempts: u32,
    /// The first backoff (default 50 ms), doubled after each attempt.
    pub backoff: Duration,
    /// The longest backoff (default 2 s).
    pub max_backoff: Duration,
}

impl Default for Retry {
    fn default() -> Self {
        Retry {
            attempts: 6,
            backoff: Duration::from_millis(50),
            max_backoff: Duration::from_secs(2),
        }
    }
}

/// Why a JetStream stream or consumer could not be set up.
#[derive(Debug)]
pub struct JetStreamError(String);

impl JetStreamError {
    pub(crate) fn new(message: impl Into<String>) -> JetStreamError {
        JetStreamError(message.into())
    }
}

impl core::fmt::Display for JetStreamError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "JetStream: {}", self.0)
    }
}

impl std::error::Error for JetStreamError {}

/// A service's events on NATS JetStream: publishes them (as the relay's [`Sink`], or as the
/// runtime's [`Publisher`]) and runs typed consumers of them. Cheap to clone.
///
/// ```no_run
/// use contracts_events::cloudevents::CloudEvents;
/// use contracts_events::jetstream::JetStream;
/// # use contracts_core::{event, registry, Model};
/// # /// A plan was started.
/// # #[event(key = "plans.plan.started", version = "1.0.0")]
/// # #[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
/// # pub struct PlanStarted { pub plan_id: String }
/// # registry! { pub static PLANS; defaults(owners = ["team.plans"], stability = "beta"); contracts(PlanStarted); }
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// let client = async_nats::connect("nats://127.0.0.1:4222").await.unwrap();
/// let jetstream = JetStream::new(client, CloudEvents::new(&PLANS, "/services/plans"));
/// jetstream.ensure_streams().await.unwrap();
/// assert_eq!(jetstream.subject_of("plans.plan.started", "1.0.0"), "events.plans.plan.started.v1_0_0");
/// # }
/// ```
#[derive(Clone)]
pub struct JetStream {
    context: jetstream::Context,
    cloud: CloudEvents,
    subjects: Subjects,
    prefix: Cow<'static, str>,
    dead_letter_prefix: Cow<'static, str>,
    retry: Retry,
}

impl core::fmt::Debug for JetStream {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("JetStream")
            .field("prefix", &self.prefix)
            .field("source", &self.cloud.source())
            .finish_non_exhaustive()
    }
}

impl JetStream {
    /// Events of `cloud`'s registry on the JetStream of `client`, with the default subjects and
    /// retries.
    pub fn new(client: async_nats::Client, cloud: CloudEvents) -> JetStream {
        JetStream {
            context: jetstream::new(client),
            cloud,
            subjects: Subjects::new(),
            prefix: Cow::Borrowed(DEFAULT_PREFIX),
            dead_letter_prefix: Cow::Borrowed(DEFAULT_DEAD_LETTER_PREFIX),
            retry: Retry::default(),
        }
    }

    /// Publishes under `prefix` instead of [`DEFAULT_PREFIX`].
    pub fn with_prefix(mut self, prefix: impl Into<Cow<'static, str>>) -> JetStream {
        self.prefix = prefix.into();
        self
    }

    /// Sends dead letters under `prefix` instead of [`DEFAULT_DEAD_LETTER_PREFIX`].
    pub fn with_dead_letter_prefix(mut self, prefix: impl Into<Cow<'static, str>>) -> JetStream {
        self.dead_letter_prefix = prefix.into();
        self
    }

    /// Waits `timeout` for each acknowledgement (default 5 s) before the attempt counts as
    /// failed.
    pub fn with_ack_timeout(mut self, timeout: Duration) -> JetStream {
        self.context.set_timeout(timeout);
        self
    }

    /// Retries publishes with `retry`.
    pub fn with_retry(mut self, retry: Retry) -> JetStream {
        self.retry = retry;
        self
    }

    /// Finds the subjects of events published as the runtime's [`Publisher`] with `subjects`
    /// (the outbox does so for the events it stores).
    pub fn with_subjects(mut self, subjects: Subjects) -> JetStream {
        self.subjects = subjects;
        self
    }

    /// The JetStream context.
    pub fn context(&self) -> &jetstream::Context {
        &self.context
    }

    /// The CloudEvents settings.
    pub fn cloud_events(&self) -> &CloudEvents {
        &self.cloud
    }

    /// The subject of event `key@version` (see the [module docs](self)).
    pub fn subject_of(&self, key: &str, version: &str) -> String {
        subject_of(&self.prefix, key, version)
    }

    /// The dead-letter subject of `consumer` for event `key@version`:
    /// `<dead-letter prefix>.<consumer>.<key>.v<version>`.
    pub fn dead_letter_subject(&self, consumer: &str, key: &str, version: &str) -> String {
        subject_of(
            &format!("{}.{consumer}", self.dead_letter_prefix),
            key,
            version,
        )
    }

    /// Creates the stream of events ([`EVENTS_STREAM`], every subject under the prefix) and
    /// the stream of dead letters ([`DEAD_LETTERS_STREAM`]) if they do not exist, on file
    /// storage with a two-minute duplicate window.
    pub async fn ensure_streams(&self) -> Result<(), JetStreamError> {
        for (name, prefix) in [
            (EVENTS_STREAM, &self.prefix),
            (DEAD_LETTERS_STREAM, &self.dead_letter_prefix),
        ] {
            self.context
                .get_or_create_stream(stream::Config {
                    name: name.to_owned(),
                    subjects: vec![format!("{prefix}.>")],
                    storage: stream::StorageType::File,
                    duplicate_window: Duration::from_secs(120),
                    ..Default::default()
                })
                .await
                .map_err(|e| JetStreamError::new(format!("the stream `{name}`: {e}")))?;
        }
        Ok(())
    }

    /// Publishes one event and waits for the stream's acknowledgement, retrying while the
    /// broker is unreachable (see the [module docs](self)). The acknowledgement says whether
    /// the stream already had the event (`duplicate`).
    pub async fn publish_record(
        &self,
        record: &EventRecord,
    ) -> Result<jetstream::publish::PublishAck, PublishError> {
        let subject = self.subject_of(&record.key, &record.version);
        let headers = self.headers(record);
        let body = bytes::Bytes::from(cloudevents::body(record));
        let mut backoff = self.retry.backoff;
        let mut attempt = 1;
        loop {
            let published = async {
                self.context
                    .publish_with_headers(subject.clone(), headers.clone(), body.clone())
                    .await?
                    .await
            }
            .await;
            let error = match published {
                Ok(ack) => return Ok(ack),
                Err(error) => error,
            };
            let transient = matches!(
                error.kind(),
                PublishErrorKind::TimedOut
                    | PublishErrorKind::BrokenPipe
                    | PublishErrorKind::StreamNotFound
                    | PublishErrorKind::MaxAckPending
            );
            if !transient {
                return Err(PublishError::new(format!(
                    "the broker refused event `{}` ({}) on `{subject}`: {error}",
                    record.identity(),
                    record.id
                )));
            }
            if attempt >= self.retry.attempts {
                return Err(PublishError::new(format!(
                    "event `{}` ({}) was not acknowledged on `{subject}` after {attempt} attempts: {error}",
                    record.identity(),
                    record.id
                )));
            }
            tracing::debug!(%error, attempt, subject, "publish not acknowledged: retrying");
            tokio::time::sleep(backoff).await;
            backoff = (backoff * 2).min(self.retry.max_backoff);
            attempt += 1;
        }
    }

    /// The NATS headers of an event: its binary-mode CloudEvents headers and `Nats-Msg-Id`.
    pub fn headers(&self, record: &EventRecord) -> async_nats::HeaderMap {
        let mut headers = async_nats::HeaderMap::new();
        for (name, value) in self.cloud.binary_headers(record) {
            headers.insert(name.as_str(), value.as_str());
        }
        headers.insert(MSG_ID, record.id.to_string().as_str());
        headers
    }
}

/// `<prefix>.<key>.v<version>`, as the [module docs](self) describe: the rule of the AsyncAPI
/// export, [`contracts_export::naming::nats_subject`].
pub fn subject_of(prefix: &str, key: &str, version: &str) -> String {
    contracts_export::naming::nats_subject(prefix, key, version)
}

impl Sink for JetStream {
    async fn publish(&self, event: &EventRecord) -> Result<(), PublishError> {
        self.publish_record(event).await.map(drop)
    }
}

/// Without an outbox: the runtime hands the events of a successful call to JetStream, one
/// after the other, after the handler's writes. If one cannot be published (after the
/// retries), the call fails with `INTERNAL_ERROR` although the handler's writes happened, and
/// the events after it are not published; if the process stops before, they are lost. Use
/// the outbox where that matters.
impl Publisher for JetStream {
    fn publish(
        &self,
        events: Vec<EventEnvelope>,
    ) -> impl Future<Output = Result<(), PublishError>> + Send {
        let jetstream = self.clone();
        async move {
            for event in &events {
                let record = EventRecord::from_envelope(event, &jetstream.subjects);
                jetstream.publish_record(&record).await?;
            }
            Ok(())
        }
    }
}
