//! The embedded outbox: SQLite, in a file or in memory, nothing to start.

use super::{
    OutboxError, OutboxPublisher, OutboxStore, Processed, Shared, StoredEvent, TransactionError,
};
use crate::record::{EventRecord, Subjects};
use contracts_core::Operation;
use contracts_runtime::Ctx;
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use std::future::Future;
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use tokio::sync::Notify;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS contracts_outbox (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    id           TEXT NOT NULL UNIQUE,
    key          TEXT NOT NULL,
    version      TEXT NOT NULL,
    subject      TEXT,
    trace_id     TEXT NOT NULL,
    occurred_at  TEXT NOT NULL,
    payload      TEXT NOT NULL,
    published_at TEXT
);
CREATE INDEX IF NOT EXISTS contracts_outbox_unpublished
    ON contracts_outbox (seq) WHERE published_at IS NULL;
CREATE TABLE IF NOT EXISTS contracts_processed (
    consumer     TEXT NOT NULL,
    event_id     TEXT NOT NULL,
    processed_at TEXT NOT NULL,
    PRIMARY KEY (consumer, event_id)
);
";

/// The embedded outbox: a SQLite database (a file, or in memory) holding the application's
/// tables and the outbox table, behind one connection. Cheap to clone (clones share the
/// connection).
///
/// Writes are serialized (one connection, `BEGIN IMMEDIATE`), so sequence order is commit
/// order. A file database uses WAL with `synchronous = NORMAL`: a commit survives a crash of
/// the process, and the last commits may be lost on a power failure (set `synchronous = FULL`
/// through [`SqliteOutbox::with_connection`] if that matters).
///
/// Its methods run the database work on the calling thread: SQLite transactions of a handler
/// take microseconds. Run long work in `tokio::task::spawn_blocking`.
///
/// ```
/// use contracts_events::outbox::{InMemorySink, Relay, SqliteOutbox};
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
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// let outbox = SqliteOutbox::in_memory().unwrap();
/// outbox.with_connection(|db| db.execute_batch("CREATE TABLE plans (id TEXT PRIMARY KEY)")).unwrap();
///
/// // In a handler: the row and the event commit together.
/// let ctx = Ctx::<StartPlan>::detached(CallContext::anonymous());
/// outbox.transaction(&ctx, |tx| {
///     tx.execute("INSERT INTO plans (id) VALUES (?1)", ["p-1"])?;
///     ctx.emit(PlanStarted { plan_id: "p-1".into() });
///     Ok::<_, rusqlite::Error>(())
/// }).unwrap();
/// assert_eq!(outbox.unpublished().unwrap(), 1);
///
/// // A transaction that fails takes its events with it.
/// let ctx = Ctx::<StartPlan>::detached(CallContext::anonymous());
/// let failed = outbox.transaction(&ctx, |tx| {
///     ctx.emit(PlanStarted { plan_id: "p-1".into() });
///     tx.execute("INSERT INTO plans (id) VALUES (?1)", ["p-1"]) // the key is taken
/// });
/// assert!(failed.is_err());
/// assert_eq!(outbox.unpublished().unwrap(), 1);
///
/// // The relay publishes what committed.
/// let sink = InMemorySink::new();
/// let relay = Relay::new(outbox.clone(), sink.clone());
/// assert_eq!(relay.run_once().await.unwrap().published, 1);
/// assert_eq!(sink.events()[0].key, "plans.plan.started");
/// assert_eq!(outbox.unpublished().unwrap(), 0);
/// # }
/// ```
#[derive(Clone)]
pub struct SqliteOutbox {
    connection: Arc<Mutex<Connection>>,
    shared: Arc<Shared>,
}

impl core::fmt::Debug for SqliteOutbox {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("SqliteOutbox").finish_non_exhaustive()
    }
}

fn storage(error: rusqlite::Error) -> OutboxError {
    OutboxError::new(format!("SQLite: {error}"))
}

impl SqliteOutbox {
    /// Opens (or creates) the database file at `path` and its outbox tables.
    pub fn open(path: impl AsRef<Path>) -> Result<SqliteOutbox, OutboxError> {
        let connection = Connection::open(path).map_err(storage)?;
        connection
            .execute_batch(
                "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;",
            )
            .map_err(storage)?;
        SqliteOutbox::from_connection(connection)
    }

    /// A database in memory, gone when the last clone is dropped: for tests and the zero-setup
    /// default.
    pub fn in_memory() -> Result<SqliteOutbox, OutboxError> {
        SqliteOutbox::from_connection(Connection::open_in_memory().map_err(storage)?)
    }

    /// Uses an open connection, creating the outbox tables in it if they are missing.
    pub fn from_connection(connection: Connection) -> Result<SqliteOutbox, OutboxError> {
        connection.execute_batch(SCHEMA).map_err(storage)?;
        Ok(SqliteOutbox {
            connection: Arc::new(Mutex::new(connection)),
            shared: Shared::new(Subjects::new()),
        })
    }

    /// Takes the subjects of events from their payloads with `subjects`. Call it before
    /// cloning the outbox.
    pub fn with_subjects(mut self, subjects: Subjects) -> SqliteOutbox {
        self.shared = Shared::new(subjects);
        self
    }

    fn lock(&self) -> MutexGuard<'_, Connection> {
        // A panic while the connection was held left no transaction open: rusqlite rolls
        // back a transaction when it is dropped.
        self.connection
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// Runs `work` with the connection, outside any outbox transaction (migrations, reads).
    pub fn with_connection<T>(
        &self,
        work: impl FnOnce(&Connection) -> rusqlite::Result<T>,
    ) -> Result<T, OutboxError> {
        work(&self.lock()).map_err(storage)
    }

    /// Runs `work` in a transaction that also commits the events the call emitted (before or
    /// during `work`) and no earlier transaction took, taking them from the runtime
    /// ([`Ctx::take_events`]); if `work` fails, or the commit does, everything rolls back and
    /// those events are dropped.
    pub fn transaction<Op: Operation, T, E>(
        &self,
        ctx: &Ctx<Op>,
        work: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<T, E>,
    ) -> Result<T, TransactionError<E>> {
        let mut connection = self.lock();
        let tx = connection
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| TransactionError::Outbox(storage(e)))?;
        let outcome = work(&tx);
        // Taken whatever the outcome: a rolled-back transaction's events go with it.
        let records = self.shared.take(ctx).map_err(TransactionError::Outbox)?;
        let value = outcome.map_err(TransactionError::Work)?;
        insert(&tx, &records)
            .and_then(|()| tx.commit())
            .map_err(|e| TransactionError::Outbox(storage(e)))?;
        self.shared.committed(&records);
        Ok(value)
    }

    /// Runs `work` for event `event_id` unless `consumer` already processed it: the event is
    /// recorded as processed in the same transaction as `work`'s writes, so a redelivered
    /// event has no second effect.
    pub fn process_once<T, E>(
        &self,
        consumer: &str,
        event_id: &str,
        work: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<T, E>,
    ) -> Result<Processed<T>, TransactionError<E>> {
        let mut connection = self.lock();
        let tx = connection
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| TransactionError::Outbox(storage(e)))?;
        let fresh = tx
            .execute(
                "INSERT INTO contracts_processed (consumer, event_id, processed_at) \
                 VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
                params![consumer, event_id, chrono::Utc::now().to_rfc3339()],
            )
            .map_err(|e| TransactionError::Outbox(storage(e)))?;
        if fresh == 0 {
            return Ok(Processed::Duplicate);
        }
        let value = work(&tx).map_err(TransactionError::Work)?;
        tx.commit()
            .map_err(|e| TransactionError::Outbox(storage(e)))?;
        Ok(Processed::Done(value))
    }

    /// The runtime's publisher for this outbox (see [`OutboxPublisher`]).
    pub fn publisher(&self) -> OutboxPublisher<SqliteOutbox> {
        OutboxPublisher::new(self.clone(), Arc::clone(&self.shared))
    }

    /// How many committed events are not published yet.
    pub fn unpublished(&self) -> Result<i64, OutboxError> {
        self.with_connection(|db| {
            db.query_row(
                "SELECT count(*) FROM contracts_outbox WHERE published_at IS NULL",
                [],
                |row| row.get(0),
            )
        })
    }

    /// Deletes published events older than `age`; returns how many.
    pub fn prune(&self, age: std::time::Duration) -> Result<usize, OutboxError> {
        let before = chrono::Utc::now() - chrono::Duration::from_std(age).unwrap_or_default();
        self.with_connection(|db| {
            db.execute(
                "DELETE FROM contracts_outbox WHERE published_at IS NOT NULL AND published_at < ?1",
                [before.to_rfc3339()],
            )
        })
    }

    /// Whether `consumer` processed event `event_id`.
    pub fn was_processed(&self, consumer: &str, event_id: &str) -> Result<bool, OutboxError> {
        self.with_connection(|db| {
            db.query_row(
                "SELECT 1 FROM contracts_processed WHERE consumer = ?1 AND event_id = ?2",
                [consumer, event_id],
                |_| Ok(()),
            )
            .optional()
            .map(|found| found.is_some())
        })
    }
}

/// Inserts events in the outbox table, in order.
fn insert(tx: &Connection, records: &[EventRecord]) -> rusqlite::Result<()> {
    if records.is_empty() {
        return Ok(());
    }
    let mut insert = tx.prepare_cached(
        "INSERT INTO contracts_outbox (id, key, version, subject, trace_id, occurred_at, payload) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for record in records {
        insert.execute(params![
            record.id.to_string(),
            record.key,
            record.version,
            record.subject,
            record.trace_id,
            record.occurred_at.to_rfc3339(),
            record.payload.to_string(),
        ])?;
    }
    Ok(())
}

fn read_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<StoredEvent> {
    let invalid = |index: usize, error: Box<dyn std::error::Error + Send + Sync>| {
        rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, error)
    };
    let id: String = row.get(1)?;
    let occurred_at: String = row.get(6)?;
    let payload: String = row.get(7)?;
    Ok(StoredEvent {
        seq: row.get(0)?,
        record: EventRecord {
            id: id.parse().map_err(|e| invalid(1, Box::new(e)))?,
            key: row.get(2)?,
            version: row.get(3)?,
            subject: row.get(4)?,
            trace_id: row.get(5)?,
            occurred_at: chrono::DateTime::parse_from_rfc3339(&occurred_at)
                .map_err(|e| invalid(6, Box::new(e)))?
                .to_utc(),
            payload: serde_json::from_str(&payload).map_err(|e| invalid(7, Box::new(e)))?,
        },
    })
}

impl OutboxStore for SqliteOutbox {
    fn fetch(
        &self,
        limit: usize,
    ) -> impl Future<Output = Result<Vec<StoredEvent>, OutboxError>> + Send {
        let fetched = self.with_connection(|db| {
            let mut select = db.prepare_cached(
                "SELECT seq, id, key, version, subject, trace_id, occurred_at, payload \
                 FROM contracts_outbox WHERE published_at IS NULL ORDER BY seq LIMIT ?1",
            )?;
            let rows = select.query_map([limit as i64], read_row)?;
            rows.collect()
        });
        std::future::ready(fetched)
    }

    fn mark_published(&self, seqs: &[i64]) -> impl Future<Output = Result<(), OutboxError>> + Send {
        let marked = self.with_connection(|db| {
            let tx = db.unchecked_transaction()?;
            {
                let mut mark = tx.prepare_cached(
                    "UPDATE contracts_outbox SET published_at = ?1 WHERE seq = ?2",
                )?;
                let now = chrono::Utc::now().to_rfc3339();
                for seq in seqs {
                    mark.execute(params![now, seq])?;
                }
            }
            tx.commit()
        });
        std::future::ready(marked)
    }

    fn append(
        &self,
        records: Vec<EventRecord>,
    ) -> impl Future<Output = Result<(), OutboxError>> + Send {
        let appended = self.with_connection(|db| {
            let tx = db.unchecked_transaction()?;
            insert(&tx, &records)?;
            tx.commit()
        });
        if appended.is_ok() {
            self.shared.committed.notify_one();
        }
        std::future::ready(appended)
    }

    fn committed(&self) -> &Notify {
        &self.shared.committed
    }
}
