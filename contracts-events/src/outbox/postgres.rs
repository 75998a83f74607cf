//! The production outbox: PostgreSQL, through tokio-postgres.

use super::{OutboxError, OutboxPublisher, OutboxStore, Shared, StoredEvent};
use crate::record::{EventRecord, Subjects};
use contracts_core::Operation;
use contracts_runtime::Ctx;
use std::future::Future;
use std::sync::Arc;
use tokio::sync::Notify;
use tokio_postgres::{Client, NoTls, Transaction};

/// The outbox's tables, and the function that inserts a transaction's events; created in one
/// transaction (after [`SCHEMA_LOCK`]), so a database has all of them or none.
const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS contracts_outbox (
    seq          BIGSERIAL PRIMARY KEY,
    id           UUID NOT NULL UNIQUE,
    key          TEXT NOT NULL,
    version      TEXT NOT NULL,
    subject      TEXT,
    trace_id     TEXT NOT NULL,
    occurred_at  TIMESTAMPTZ NOT NULL,
    payload      JSONB NOT NULL,
    published_at TIMESTAMPTZ
);
CREATE INDEX IF NOT EXISTS contracts_outbox_unpublished
    ON contracts_outbox (seq) WHERE published_at IS NULL;
CREATE TABLE IF NOT EXISTS contracts_processed (
    consumer     TEXT NOT NULL,
    event_id     TEXT NOT NULL,
    processed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
CREATE OR REPLACE FUNCTION contracts_outbox_insert(
    ids uuid[], keys text[], versions text[], subjects text[], trace_ids text[],
    occurred timestamptz[], payloads jsonb[], ordering text[]
) RETURNS void LANGUAGE plpgsql AS $body$
BEGIN
    PERFORM pg_advisory_xact_lock(hashtextextended(k, 0))
    FROM (SELECT DISTINCT unnest(ordering) AS k ORDER BY 1) AS sorted;
    INSERT INTO contracts_outbox (id, key, version, subject, trace_id, occurred_at, payload)
    SELECT e.id, e.key, e.version, e.subject, e.trace_id, e.occurred_at, e.payload
    FROM unnest(ids, keys, versions, subjects, trace_ids, occurred, payloads) WITH ORDINALITY
         AS e(id, key, version, subject, trace_id, occurred_at, payload, n)
    ORDER BY e.n;
END
$body$;
COMMIT;
";

/// The key of the transaction advisory lock that serializes creating the schema: two processes
/// starting together would otherwise race on `CREATE OR REPLACE FUNCTION` (`contracts_s` in
/// ASCII).
const SCHEMA_LOCK: i64 = 0x636f_6e74_7261_735f;

/// The key of the session advisory lock held by the active relay (`contracts` in ASCII).
const RELAY_LOCK: i64 = 0x636f_6e74_7261_6374;

fn storage(error: tokio_postgres::Error) -> OutboxError {
    match error.as_db_error() {
        // `db error` alone says nothing: the server's message and code do.
        Some(db) => OutboxError::new(format!(
            "PostgreSQL: {} ({}){}",
            db.message(),
            db.code().code(),
            db.detail().map(|d| format!(": {d}")).unwrap_or_default()
        )),
        None => OutboxError::new(format!("PostgreSQL: {error}")),
    }
}

/// The production outbox: the outbox table in the application's PostgreSQL database.
///
/// A handler writes through [`begin`](PostgresOutbox::begin), on a connection of its own (from
/// the application's pool): the transaction it returns inserts the call's events when it
/// commits. The outbox keeps one connection of its own, for events emitted outside a
/// transaction and for the relay ([`dedicated`](PostgresOutbox::dedicated) opens another, which
/// a relay should use). Cheap to clone.
///
/// Only one relay per database is active at a time: [`Relay::run`](super::Relay::run) waits for
/// a session advisory lock, released when its connection closes.
#[derive(Clone)]
pub struct PostgresOutbox {
    client: Arc<tokio::sync::Mutex<Client>>,
    config: Arc<str>,
    shared: Arc<Shared>,
}

impl core::fmt::Debug for PostgresOutbox {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("PostgresOutbox").finish_non_exhaustive()
    }
}

/// Connects to `config` (a tokio-postgres connection string or URL), driving the connection in
/// a task of the current tokio runtime; sessions are in UTC.
pub async fn connect(config: &str) -> Result<Client, OutboxError> {
    let (client, connection) = tokio_postgres::connect(config, NoTls)
        .await
        .map_err(storage)?;
    tokio::spawn(async move {
        if let Err(error) = connection.await {
            tracing::warn!(%error, "a PostgreSQL connection of the outbox closed");
        }
    });
    client
        .batch_execute("SET TIME ZONE 'UTC'")
        .await
        .map_err(storage)?;
    Ok(client)
}

impl PostgresOutbox {
    /// Connects to `config` (for instance `host=127.0.0.1 port=5432 user=app dbname=app`, or a
    /// `postgresql://` URL) and creates the outbox tables if they are missing.
    pub async fn connect(config: &str) -> Result<PostgresOutbox, OutboxError> {
        let client = connect(config).await?;
        client
            .batch_execute(&format!(
                "BEGIN; SELECT pg_advisory_xact_lock({SCHEMA_LOCK}); {SCHEMA}"
            ))
            .await
            .map_err(storage)?;
        Ok(PostgresOutbox {
            client: Arc::new(tokio::sync::Mutex::new(client)),
            config: Arc::from(config),
            shared: Shared::new(Subjects::new()),
        })
    }

    /// Takes the subjects of events from their payloads with `subjects`. Call it before
    /// cloning the outbox.
    pub fn with_subjects(mut self, subjects: Subjects) -> PostgresOutbox {
        self.shared = Shared::new(subjects);
        self
    }

    /// The same outbox on a new connection of its own (for a relay, whose advisory lock and
    /// long reads should not hold up the outbox's other work).
    pub async fn dedicated(&self) -> Result<PostgresOutbox, OutboxError> {
        Ok(PostgresOutbox {
            client: Arc::new(tokio::sync::Mutex::new(connect(&self.config).await?)),
            config: Arc::clone(&self.config),
            shared: Arc::clone(&self.shared),
        })
    }

    /// Begins a transaction on `client` for a handler of the call `ctx`: commit it with
    /// [`OutboxTransaction::commit`], which inserts the events the call emitted (before or
    /// during the transaction) and no earlier transaction took. Dropped or rolled back, it takes
    /// those events with it.
    ///
    /// ```no_run
    /// use contracts_events::outbox::PostgresOutbox;
    /// use contracts_runtime::{Ctx, Failure};
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
    /// async fn start(input: StartPlan, ctx: Ctx<StartPlan>, outbox: &PostgresOutbox, db: &mut tokio_postgres::Client) -> Result<String, Failure> {
    ///     let tx = outbox.begin(db, &ctx).await?;
    ///     tx.execute("UPDATE plans SET started = true WHERE id = $1", &[&input.plan_id]).await
    ///         .map_err(|_| Failure::standard(contracts_runtime::FailureCode::InternalError))?;
    ///     ctx.emit(PlanStarted { plan_id: input.plan_id.clone() });
    ///     tx.commit().await?;
    ///     Ok(input.plan_id)
    /// }
    /// # fn main() {}
    /// ```
    pub async fn begin<'c, Op: Operation>(
        &self,
        client: &'c mut Client,
        ctx: &Ctx<Op>,
    ) -> Result<OutboxTransaction<'c, Op>, OutboxError> {
        let transaction = client.transaction().await.map_err(storage)?;
        Ok(OutboxTransaction {
            transaction,
            ctx: ctx.clone(),
            shared: Arc::clone(&self.shared),
        })
    }

    /// Begins a transaction on `client` in which `consumer` processes event `event_id`, or
    /// `None` if it already did: the event is recorded as processed in the transaction, so
    /// its effects and the record commit together and a redelivery has no second effect.
    pub async fn begin_once<'c>(
        &self,
        client: &'c mut Client,
        consumer: &str,
        event_id: &str,
    ) -> Result<Option<Transaction<'c>>, OutboxError> {
        let transaction = client.transaction().await.map_err(storage)?;
        let fresh = transaction
            .execute(
                "INSERT INTO contracts_processed (consumer, event_id) VALUES ($1, $2) \
                 ON CONFLICT DO NOTHING",
                &[&consumer, &event_id],
            )
            .await
            .map_err(storage)?;
        Ok((fresh == 1).then_some(transaction))
    }

    /// The runtime's publisher for this outbox (see [`OutboxPublisher`]).
    pub fn publisher(&self) -> OutboxPublisher<PostgresOutbox> {
        OutboxPublisher::new(self.clone(), Arc::clone(&self.shared))
    }

    /// How many committed events are not published yet.
    pub async fn unpublished(&self) -> Result<i64, OutboxError> {
        let row = self
            .client
            .lock()
            .await
            .query_one(
                "SELECT count(*) FROM contracts_outbox WHERE published_at IS NULL",
                &[],
            )
            .await
            .map_err(storage)?;
        Ok(row.get(0))
    }
}

/// A handler's transaction whose commit also inserts the call's events: a
/// [`tokio_postgres::Transaction`] (it derefs to one) from [`PostgresOutbox::begin`].
pub struct OutboxTransaction<'c, Op> {
    transaction: Transaction<'c>,
    ctx: Ctx<Op>,
    shared: Arc<Shared>,
}

impl<'c, Op> core::ops::Deref for OutboxTransaction<'c, Op> {
    type Target = Transaction<'c>;

    fn deref(&self) -> &Transaction<'c> {
        &self.transaction
    }
}

impl<Op: Operation> OutboxTransaction<'_, Op> {
    /// Inserts the events of the call that no earlier transaction took, then commits; if
    /// either fails, everything rolls back.
    pub async fn commit(self) -> Result<(), OutboxError> {
        let records = self.shared.take(&self.ctx)?;
        insert(&self.transaction, &records).await.map_err(storage)?;
        self.transaction.commit().await.map_err(storage)?;
        self.shared.committed(&records);
        Ok(())
    }

    /// Rolls back, dropping the events of the call that no earlier transaction took.
    pub async fn rollback(self) -> Result<(), OutboxError> {
        // Taken only to be dropped: a payload that did not serialize fails the call anyway.
        let _dropped = self.shared.take(&self.ctx);
        self.transaction.rollback().await.map_err(storage)
    }
}

/// Inserts events in the outbox table, after taking the transaction-scoped advisory lock of
/// each ordering key (sorted, so two transactions never wait for each other in a cycle):
/// commits of one ordering key are serialized, and sequence order is their commit order.
///
/// One round trip, and no planning per call: the statements are in a PL/pgSQL function (see
/// [`SCHEMA`]), whose plans the server keeps for the session, whatever connection (from
/// whatever pool) the handler's transaction is on. The same statement sent as text was parsed
/// and planned on every call, which cost more than the insert itself (see BENCHMARKS.md).
const INSERT: &str = "SELECT contracts_outbox_insert($1, $2, $3, $4, $5, $6, $7, $8)";

async fn insert(
    tx: &Transaction<'_>,
    records: &[EventRecord],
) -> Result<(), tokio_postgres::Error> {
    use tokio_postgres::types::Type;
    if records.is_empty() {
        return Ok(());
    }
    let column = |f: fn(&EventRecord) -> Option<&str>| records.iter().map(f).collect::<Vec<_>>();
    let ids: Vec<uuid::Uuid> = records.iter().map(|r| r.id).collect();
    let keys = column(|r| Some(&r.key));
    let versions = column(|r| Some(&r.version));
    let subjects = column(|r| r.subject.as_deref());
    let traces = column(|r| Some(&r.trace_id));
    let times: Vec<_> = records.iter().map(|r| r.occurred_at).collect();
    let payloads: Vec<&serde_json::Value> = records.iter().map(|r| &r.payload).collect();
    let ordering = column(|r| Some(r.ordering_key()));
    tx.execute_typed(
        INSERT,
        &[
            (&ids, Type::UUID_ARRAY),
            (&keys, Type::TEXT_ARRAY),
            (&versions, Type::TEXT_ARRAY),
            (&subjects, Type::TEXT_ARRAY),
            (&traces, Type::TEXT_ARRAY),
            (&times, Type::TIMESTAMPTZ_ARRAY),
            (&payloads, Type::JSONB_ARRAY),
            (&ordering, Type::TEXT_ARRAY),
        ],
    )
    .await?;
    Ok(())
}

impl OutboxStore for PostgresOutbox {
    async fn fetch(&self, limit: usize) -> Result<Vec<StoredEvent>, OutboxError> {
        let rows = self
            .client
            .lock()
            .await
            .query(
                "SELECT seq, id, key, version, subject, trace_id, occurred_at, payload \
                 FROM contracts_outbox WHERE published_at IS NULL ORDER BY seq LIMIT $1",
                &[&(limit as i64)],
            )
            .await
            .map_err(storage)?;
        rows.iter()
            .map(|row| {
                Ok(StoredEvent {
                    seq: row.try_get(0).map_err(storage)?,
                    record: EventRecord {
                        id: row.try_get(1).map_err(storage)?,
                        key: row.try_get(2).map_err(storage)?,
                        version: row.try_get(3).map_err(storage)?,
                        subject: row.try_get(4).map_err(storage)?,
                        trace_id: row.try_get(5).map_err(storage)?,
                        occurred_at: row.try_get(6).map_err(storage)?,
                        payload: row.try_get(7).map_err(storage)?,
                    },
                })
            })
            .collect()
    }

    fn mark_published(&self, seqs: &[i64]) -> impl Future<Output = Result<(), OutboxError>> + Send {
        let seqs = seqs.to_vec();
        async move {
            if seqs.is_empty() {
                return Ok(());
            }
            self.client
                .lock()
                .await
                .execute(
                    "UPDATE contracts_outbox SET published_at = now() WHERE seq = ANY($1)",
                    &[&seqs],
                )
                .await
                .map_err(storage)?;
            Ok(())
        }
    }

    async fn append(&self, records: Vec<EventRecord>) -> Result<(), OutboxError> {
        let mut client = self.client.lock().await;
        let tx = client.transaction().await.map_err(storage)?;
        insert(&tx, &records).await.map_err(storage)?;
        tx.commit().await.map_err(storage)?;
        self.shared.committed.notify_one();
        Ok(())
    }

    fn committed(&self) -> &Notify {
        &self.shared.committed
    }

    async fn acquire(&self) -> Result<(), OutboxError> {
        self.client
            .lock()
            .await
            .execute("SELECT pg_advisory_lock($1)", &[&RELAY_LOCK])
            .await
            .map_err(storage)?;
        Ok(())
    }
}
