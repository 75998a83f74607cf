//! The PostgreSQL outbox with the runtime, against a real server.

use crate::support::servers::Postgres;
use crate::{subjects, PlaceOrder, ORDERS};
use contracts_events::outbox::{InMemorySink, OutboxPublisher, PostgresOutbox, Relay};
use contracts_runtime::{CallContext, Ctx, Failure, FailureCode, Runtime};
use std::sync::Arc;

/// Connections for handlers, taken one per call (a pool in miniature).
pub struct Pool {
    config: String,
    idle: std::sync::Mutex<Vec<tokio_postgres::Client>>,
}

impl Pool {
    pub fn new(config: String) -> Arc<Pool> {
        Arc::new(Pool {
            config,
            idle: std::sync::Mutex::new(Vec::new()),
        })
    }

    pub async fn take(&self) -> tokio_postgres::Client {
        let idle = self.idle.lock().unwrap().pop();
        match idle {
            Some(client) => client,
            None => contracts_events::outbox::postgres_connect(&self.config)
                .await
                .unwrap(),
        }
    }

    pub fn give_back(&self, client: tokio_postgres::Client) {
        self.idle.lock().unwrap().push(client);
    }
}

pub fn internal(error: impl std::fmt::Display) -> Failure {
    Failure::standard(FailureCode::InternalError).with_detail(error.to_string())
}

/// The `orders` table and a runtime whose `PlaceOrder` writes through the outbox.
pub async fn runtime(
    outbox: &PostgresOutbox,
    pool: &Arc<Pool>,
) -> Runtime<OutboxPublisher<PostgresOutbox>> {
    let db = pool.take().await;
    db.batch_execute("CREATE TABLE IF NOT EXISTS orders (id TEXT PRIMARY KEY, amount BIGINT)")
        .await
        .unwrap();
    pool.give_back(db);
    let mut runtime = Runtime::new(&ORDERS).with_publisher(outbox.publisher());
    let (outbox, pool) = (outbox.clone(), Arc::clone(pool));
    runtime
        .bind::<PlaceOrder>(move |input: PlaceOrder, ctx: Ctx<PlaceOrder>| {
            let (outbox, pool) = (outbox.clone(), Arc::clone(&pool));
            async move {
                let mut db = pool.take().await;
                let placed = async {
                    let tx = outbox.begin(&mut db, &ctx).await?;
                    tx.execute(
                        "INSERT INTO orders (id, amount) VALUES ($1, $2)",
                        &[&input.order_id, &(input.amount_cents as i64)],
                    )
                    .await
                    .map_err(|e| {
                        Failure::standard(FailureCode::Conflict).with_detail(e.to_string())
                    })?;
                    ctx.emit(input.placed());
                    if input.fail {
                        tx.rollback().await?;
                        return Err(Failure::standard(FailureCode::PreconditionFailed));
                    }
                    tx.commit().await?;
                    Ok::<_, Failure>(input.order_id)
                }
                .await;
                pool.give_back(db);
                placed
            }
        })
        .unwrap();
    runtime
}

async fn count(outbox: &PostgresOutbox, pool: &Pool, table: &str) -> i64 {
    let _ = outbox;
    let db = pool.take().await;
    let n = db
        .query_one(&format!("SELECT count(*) FROM {table}"), &[])
        .await
        .unwrap()
        .get(0);
    pool.give_back(db);
    n
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rows_and_events_commit_together_or_not_at_all() {
    let server = Postgres::start(&["fsync=off"]);
    let outbox = PostgresOutbox::connect(&server.config())
        .await
        .unwrap()
        .with_subjects(subjects());
    let pool = Pool::new(server.config());
    let runtime = runtime(&outbox, &pool).await;

    runtime
        .call::<PlaceOrder>(
            PlaceOrder::numbered(1),
            CallContext::anonymous().with_trace_id("t-1"),
        )
        .await
        .unwrap();
    crate::outbox_sqlite::refused_calls(&runtime).await;
    assert_eq!(count(&outbox, &pool, "orders").await, 1);
    assert_eq!(outbox.unpublished().await.unwrap(), 1);

    let sink = InMemorySink::new();
    let relay = Relay::new(outbox.dedicated().await.unwrap(), sink.clone());
    assert_eq!(relay.run_once().await.unwrap().published, 1);
    let events = sink.events();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].trace_id, "t-1");
    assert_eq!(events[0].subject.as_deref(), Some("o-1"));
    assert_eq!(events[0].payload["email"], "buyer1@example.com");
    assert_eq!(outbox.unpublished().await.unwrap(), 0);

    // A handler without a transaction: its events are appended on their own.
    let plain = crate::outbox_sqlite::emitting(outbox.publisher());
    plain
        .call::<PlaceOrder>(PlaceOrder::numbered(3), CallContext::anonymous())
        .await
        .unwrap();
    assert_eq!(outbox.unpublished().await.unwrap(), 1);

    // Idempotent processing: once per consumer and event.
    let mut db = pool.take().await;
    db.batch_execute("CREATE TABLE effects (id TEXT)")
        .await
        .unwrap();
    for expected in [true, false] {
        let tx = outbox.begin_once(&mut db, "billing", "e-1").await.unwrap();
        assert_eq!(tx.is_some(), expected);
        if let Some(tx) = tx {
            tx.execute("INSERT INTO effects VALUES ('x')", &[])
                .await
                .unwrap();
            tx.commit().await.unwrap();
        }
    }
    // Rolled back, it leaves no mark.
    let tx = outbox
        .begin_once(&mut db, "mail", "e-1")
        .await
        .unwrap()
        .unwrap();
    tx.rollback().await.unwrap();
    assert!(outbox
        .begin_once(&mut db, "mail", "e-1")
        .await
        .unwrap()
        .is_some());
    pool.give_back(db);
    assert_eq!(count(&outbox, &pool, "effects").await, 1);
}
