//! The transactional outbox: a handler's writes and the events it emitted commit in one
//! transaction; a [`Relay`] publishes them afterwards.
//!
//! # How a handler's transaction meets `Ctx::emit`
//!
//! A handler emits with [`Ctx::emit`](contracts_runtime::Ctx::emit) as usual, and writes through
//! a transaction that the outbox opens for its call ([`SqliteOutbox::transaction`],
//! [`PostgresOutbox::begin`]). When that transaction ends, it takes the events the call emitted
//! so far from the runtime ([`Ctx::take_events`]): on commit they are inserted into the outbox
//! table first, in the same transaction; on rollback they are dropped with it. Either way the
//! runtime no longer holds them, so nothing is written twice and no record of the call's events
//! is kept anywhere else.
//!
//! The runtime still hands the events left with a successful call to its [`Publisher`]: give it
//! the outbox's [`OutboxPublisher`]. Those are the events emitted outside any transaction (a
//! handler with no writes of its own); it appends them to the outbox in a transaction of their
//! own, and if that fails the call fails with `INTERNAL_ERROR`. Either way a call reports
//! success only once its events are durable.
//!
//! # Delivery
//!
//! The relay publishes committed events **at least once**, **in commit order per ordering
//! key** ([`EventRecord::ordering_key`]: the event's subject, its aggregate, when it has one,
//! else its key), with the event id as the deduplication key (JetStream's `Nats-Msg-Id`):
//!
//! - it reads unpublished rows in sequence order, publishes the events of one ordering key one
//!   after the other (each acknowledged before the next is sent) and different keys
//!   concurrently, then marks the acknowledged rows published;
//! - when an event fails, the later events of its ordering key wait for the next pass, so a key
//!   never overtakes itself; other keys go on;
//! - a relay stopped between publishing and marking publishes those events again on restart:
//!   the broker drops them as duplicates within its window, and consumers deduplicate by
//!   event id ([`SqliteOutbox::process_once`], [`PostgresOutbox::begin_once`]).
//!
//! Commits of one ordering key are serialized (SQLite serializes every write; PostgreSQL takes
//! a transaction-scoped advisory lock per ordering key before inserting), so sequence order is
//! commit order for each key.

use crate::record::{EventRecord, Subjects};
use contracts_core::Operation;
use contracts_runtime::{Ctx, EventEnvelope, PublishError, Publisher};
use std::future::Future;
use std::sync::Arc;
use tokio::sync::Notify;

mod relay;
pub use relay::{InMemorySink, Relay, RelayOptions, RelayPass, Sink};

#[cfg(feature = "sqlite")]
mod sqlite;
#[cfg(feature = "sqlite")]
pub use sqlite::SqliteOutbox;

#[cfg(feature = "postgres")]
mod postgres;
#[cfg(feature = "postgres")]
pub use postgres::{connect as postgres_connect, OutboxTransaction, PostgresOutbox};

/// The name of the outbox table.
pub const OUTBOX_TABLE: &str = "contracts_outbox";

/// The name of the table of events processed by idempotent consumers.
pub const PROCESSED_TABLE: &str = "contracts_processed";

/// An event in the outbox: its sequence number (commit order per ordering key) and the event.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredEvent {
    /// The row's sequence number.
    pub seq: i64,
    /// The event.
    pub record: EventRecord,
}

/// Why the outbox could not do something (storage errors, with the database's message).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutboxError(String);

impl OutboxError {
    /// An error with this message.
    pub fn new(message: impl Into<String>) -> OutboxError {
        OutboxError(message.into())
    }
}

impl core::fmt::Display for OutboxError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "outbox: {}", self.0)
    }
}

impl std::error::Error for OutboxError {}

/// A failing outbox is `INTERNAL_ERROR` (its message is logged, not returned), so `?` works in
/// handlers.
impl<E> From<OutboxError> for contracts_runtime::Failure<E> {
    fn from(error: OutboxError) -> Self {
        tracing::error!(%error, "the outbox failed");
        contracts_runtime::Failure::standard(contracts_runtime::FailureCode::InternalError)
            .with_detail("the changes and their events could not be committed")
    }
}

/// Why a transaction opened by the outbox did not commit: the work failed (its error, the
/// transaction rolled back) or the outbox did (the transaction rolled back too).
#[derive(Debug)]
pub enum TransactionError<E> {
    /// The work returned this error.
    Work(E),
    /// The database failed.
    Outbox(OutboxError),
}

impl<E: core::fmt::Display> core::fmt::Display for TransactionError<E> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            TransactionError::Work(error) => error.fmt(f),
            TransactionError::Outbox(error) => error.fmt(f),
        }
    }
}

impl<E: core::fmt::Debug + core::fmt::Display> std::error::Error for TransactionError<E> {}

/// A handler's failure stays what it was; a failing outbox is `INTERNAL_ERROR`, so `?` works
/// in handlers.
impl<E> From<TransactionError<contracts_runtime::Failure<E>>> for contracts_runtime::Failure<E> {
    fn from(error: TransactionError<contracts_runtime::Failure<E>>) -> Self {
        match error {
            TransactionError::Work(failure) => failure,
            TransactionError::Outbox(error) => {
                tracing::error!(%error, "the outbox transaction failed");
                contracts_runtime::Failure::standard(contracts_runtime::FailureCode::InternalError)
                    .with_detail("the changes and their events could not be committed")
            }
        }
    }
}

/// Whether an idempotent consumer ran its work for an event, or had already processed it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Processed<T> {
    /// The work ran and committed, with the event recorded as processed.
    Done(T),
    /// The event had already been processed by this consumer: nothing ran.
    Duplicate,
}

/// What the outbox table offers the relay, and the runtime's publisher for events emitted
/// outside a transaction. Implemented by [`SqliteOutbox`] and [`PostgresOutbox`].
pub trait OutboxStore: Send + Sync + 'static {
    /// Up to `limit` unpublished events, in sequence order.
    fn fetch(
        &self,
        limit: usize,
    ) -> impl Future<Output = Result<Vec<StoredEvent>, OutboxError>> + Send;

    /// Marks these rows published.
    fn mark_published(&self, seqs: &[i64]) -> impl Future<Output = Result<(), OutboxError>> + Send;

    /// Appends events in a transaction of their own.
    fn append(
        &self,
        records: Vec<EventRecord>,
    ) -> impl Future<Output = Result<(), OutboxError>> + Send;

    /// Waits until this process commits events (or a while): the relay's wake-up.
    fn committed(&self) -> &Notify;

    /// Makes this relay the only active one (PostgreSQL: a session advisory lock, waited
    /// for); returns when it is.
    fn acquire(&self) -> impl Future<Output = Result<(), OutboxError>> + Send {
        std::future::ready(Ok(()))
    }
}

/// What the clones of an outbox share: the subject rules, and the relay's wake-up.
#[derive(Debug, Default)]
pub(crate) struct Shared {
    pub(crate) subjects: Subjects,
    pub(crate) committed: Notify,
}

impl Shared {
    pub(crate) fn new(subjects: Subjects) -> Arc<Shared> {
        Arc::new(Shared {
            subjects,
            committed: Notify::new(),
        })
    }

    /// Takes the events the call emitted so far from the runtime ([`Ctx::take_events`]), as
    /// records: the transaction that takes them owns them, and the runtime will not publish
    /// them.
    pub(crate) fn take<Op: Operation>(
        &self,
        ctx: &Ctx<Op>,
    ) -> Result<Vec<EventRecord>, OutboxError> {
        let events = ctx
            .take_events()
            .map_err(|error| OutboxError::new(error.to_string()))?;
        Ok(self.records(&events))
    }

    fn records(&self, events: &[EventEnvelope]) -> Vec<EventRecord> {
        events
            .iter()
            .map(|event| EventRecord::from_envelope(event, &self.subjects))
            .collect()
    }

    /// A transaction that took `records` committed: wakes the relay.
    pub(crate) fn committed(&self, records: &[EventRecord]) {
        if !records.is_empty() {
            self.committed.notify_one();
        }
    }
}

/// The runtime's [`Publisher`] for an outbox: events committed by the handler's transaction are
/// already durable; events emitted outside a transaction are appended in a transaction of their
/// own (the call fails with `INTERNAL_ERROR` if that fails); events whose transaction rolled
/// back are dropped. See the [module docs](self).
///
/// Built by [`SqliteOutbox::publisher`] and [`PostgresOutbox::publisher`].
#[derive(Clone, Debug)]
pub struct OutboxPublisher<S> {
    store: S,
    shared: Arc<Shared>,
}

impl<S> OutboxPublisher<S> {
    pub(crate) fn new(store: S, shared: Arc<Shared>) -> Self {
        OutboxPublisher { store, shared }
    }
}

impl<S: OutboxStore + Clone> Publisher for OutboxPublisher<S> {
    fn publish(
        &self,
        events: Vec<EventEnvelope>,
    ) -> impl Future<Output = Result<(), PublishError>> + Send {
        let records = self.shared.records(&events);
        let store = self.store.clone();
        async move {
            store
                .append(records)
                .await
                .map_err(|error| PublishError::new(error.to_string()))
        }
    }
}
