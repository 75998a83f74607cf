//! Faults survived with nothing lost, against real servers: the relay killed mid-batch,
//! nats-server restarted while calls run, rolled-back transactions, and 10,000 events from 8
//! concurrent producers delivered exactly once to an idempotent consumer.

use crate::jetstream::connect;
use crate::outbox_postgres::{internal, runtime as postgres_runtime, Pool};
use crate::outbox_sqlite::runtime as sqlite_runtime;
use crate::support::eventually;
use crate::support::servers::{NatsServer, Postgres};
use crate::{subjects, OrderPlaced, PlaceOrder};
use contracts_events::jetstream::{Consumer, EventCtx, JetStream, Subscription, EVENTS_STREAM};
use contracts_events::outbox::{PostgresOutbox, Relay, RelayOptions, Sink, SqliteOutbox};
use contracts_events::EventRecord;
use contracts_runtime::{CallContext, PublishError};
use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// Counts what passes through a JetStream sink; past `hang_after` publishes, hangs (a relay
/// stuck mid-batch, to be killed).
#[derive(Clone)]
struct Probe {
    jetstream: JetStream,
    started: Arc<AtomicUsize>,
    published: Arc<AtomicUsize>,
    duplicates: Arc<AtomicUsize>,
    hang_after: usize,
}

impl Sink for Probe {
    fn publish(
        &self,
        event: &EventRecord,
    ) -> impl Future<Output = Result<(), PublishError>> + Send {
        let this = self.clone();
        let event = event.clone();
        async move {
            // Counted as they start: exactly `hang_after` publishes ever start.
            if this.started.fetch_add(1, Ordering::SeqCst) >= this.hang_after {
                std::future::pending::<()>().await;
            }
            let ack = this.jetstream.publish_record(&event).await?;
            this.published.fetch_add(1, Ordering::SeqCst);
            if ack.duplicate {
                this.duplicates.fetch_add(1, Ordering::SeqCst);
            }
            Ok(())
        }
    }
}

fn probe(jetstream: &JetStream, hang_after: usize) -> Probe {
    Probe {
        jetstream: jetstream.clone(),
        started: Arc::default(),
        published: Arc::default(),
        duplicates: Arc::default(),
        hang_after,
    }
}

fn spawn_relay<S: contracts_events::outbox::OutboxStore, K: Sink>(
    relay: Relay<S, K>,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(relay.run(std::future::pending()))
}

/// An idempotent consumer of `OrderPlaced` recording one effect per event in SQLite; returns
/// its subscription, its database and how many deliveries it handled.
async fn sqlite_consumer(jetstream: &JetStream) -> (Subscription, SqliteOutbox, Arc<AtomicUsize>) {
    let db = SqliteOutbox::in_memory().unwrap();
    db.with_connection(|db| db.execute_batch("CREATE TABLE effects (order_id TEXT PRIMARY KEY)"))
        .unwrap();
    let deliveries = Arc::new(AtomicUsize::new(0));
    let (store, count) = (db.clone(), Arc::clone(&deliveries));
    let subscription = jetstream
        .subscribe(
            Consumer::<OrderPlaced>::new("ledger"),
            move |event: OrderPlaced, ctx: EventCtx| {
                count.fetch_add(1, Ordering::SeqCst);
                let done = store.process_once("ledger", ctx.id(), |tx| {
                    tx.execute(
                        "INSERT INTO effects (order_id) VALUES (?1)",
                        [&event.order_id],
                    )
                });
                async move { done.map(drop).map_err(internal) }
            },
        )
        .await
        .unwrap();
    (subscription, db, deliveries)
}

fn effects(db: &SqliteOutbox) -> i64 {
    db.with_connection(|db| db.query_row("SELECT count(*) FROM effects", [], |r| r.get(0)))
        .unwrap()
}

async fn stream_messages(jetstream: &JetStream) -> u64 {
    let mut stream = jetstream.context().get_stream(EVENTS_STREAM).await.unwrap();
    stream.info().await.unwrap().state.messages
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_relay_killed_mid_batch_and_restarted_delivers_every_event_once() {
    const EVENTS: usize = 2000;
    let nats = NatsServer::start();
    let jetstream = connect(&nats).await;
    let dir = tempfile::tempdir().unwrap();
    let outbox = SqliteOutbox::open(dir.path().join("orders.db"))
        .unwrap()
        .with_subjects(subjects());
    let runtime = sqlite_runtime(&outbox);
    for n in 0..EVENTS {
        runtime
            .call::<PlaceOrder>(PlaceOrder::numbered(n), CallContext::anonymous())
            .await
            .unwrap();
    }
    let (_subscription, db, deliveries) = sqlite_consumer(&jetstream).await;

    // The relay publishes 700 events and hangs inside a batch of 256: killed there.
    let options = RelayOptions {
        batch: 256,
        ..RelayOptions::default()
    };
    let first = probe(&jetstream, 700);
    let relay = spawn_relay(Relay::new(outbox.clone(), first.clone()).with_options(options));
    eventually(Duration::from_secs(30), "700 publishes", || {
        first.published.load(Ordering::SeqCst) >= 700
    })
    .await;
    relay.abort();
    let _ = relay.await;
    // Two batches were marked; the third had 188 events acknowledged, none marked.
    assert_eq!(first.published.load(Ordering::SeqCst), 700);
    assert_eq!(outbox.unpublished().unwrap() as usize, EVENTS - 2 * 256);

    let second = probe(&jetstream, usize::MAX);
    let _relay = spawn_relay(Relay::new(outbox.clone(), second.clone()).with_options(options));
    eventually(Duration::from_secs(60), "every effect", || {
        effects(&db) == EVENTS as i64
    })
    .await;
    assert_eq!(outbox.unpublished().unwrap(), 0);
    assert!(
        second.duplicates.load(Ordering::SeqCst) > 0,
        "the restarted relay published again what the killed one had"
    );
    assert_eq!(
        stream_messages(&jetstream).await,
        EVENTS as u64,
        "the stream dropped the copies"
    );
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(effects(&db), EVENTS as i64);
    assert!(deliveries.load(Ordering::SeqCst) >= EVENTS);
}

/// Connections and an `effects` table for a consumer that processes each event once in
/// PostgreSQL; two subscriptions share the durable consumer.
async fn postgres_consumer(
    jetstream: &JetStream,
    outbox: &PostgresOutbox,
    pool: &Arc<Pool>,
) -> Vec<Subscription> {
    let db = pool.take().await;
    db.batch_execute("CREATE TABLE effects (order_id TEXT PRIMARY KEY)")
        .await
        .unwrap();
    pool.give_back(db);
    let mut subscriptions = Vec::new();
    for _ in 0..2 {
        let (outbox, pool) = (outbox.clone(), Arc::clone(pool));
        let consumer =
            Consumer::<OrderPlaced>::new("ledger").retry_delay(Duration::from_millis(50));
        let subscription = jetstream
            .subscribe(consumer, move |event: OrderPlaced, ctx: EventCtx| {
                let (outbox, pool) = (outbox.clone(), Arc::clone(&pool));
                async move {
                    let mut db = pool.take().await;
                    let done = async {
                        if let Some(tx) = outbox.begin_once(&mut db, "ledger", ctx.id()).await? {
                            tx.execute(
                                "INSERT INTO effects (order_id) VALUES ($1)",
                                &[&event.order_id],
                            )
                            .await
                            .map_err(internal)?;
                            tx.commit().await.map_err(internal)?;
                        }
                        Ok(())
                    }
                    .await;
                    pool.give_back(db);
                    done
                }
            })
            .await
            .unwrap();
        subscriptions.push(subscription);
    }
    subscriptions
}

async fn postgres_count(pool: &Pool, sql: &str) -> i64 {
    let db = pool.take().await;
    let n = db.query_one(sql, &[]).await.unwrap().get(0);
    pool.give_back(db);
    n
}

async fn wait_for_effects(pool: &Pool, expected: i64, limit: Duration) {
    let deadline = std::time::Instant::now() + limit;
    loop {
        let effects = postgres_count(pool, "SELECT count(*) FROM effects").await;
        if effects == expected {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "{effects} effects of {expected} after {limit:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Calls placing orders in PostgreSQL through the outbox, a relay to JetStream, and an
/// idempotent consumer of the orders' events.
struct Pipeline {
    nats: NatsServer,
    jetstream: JetStream,
    outbox: PostgresOutbox,
    pool: Arc<Pool>,
    runtime:
        Arc<contracts_runtime::Runtime<contracts_events::outbox::OutboxPublisher<PostgresOutbox>>>,
    _consumers: Vec<Subscription>,
    _relay: tokio::task::JoinHandle<()>,
    _postgres: Postgres,
}

impl Pipeline {
    async fn start(settings: &[&str], options: RelayOptions) -> Pipeline {
        let postgres = Postgres::start(settings);
        let nats = NatsServer::start();
        let jetstream = connect(&nats).await;
        let outbox = PostgresOutbox::connect(&postgres.config())
            .await
            .unwrap()
            .with_subjects(subjects());
        let pool = Pool::new(postgres.config());
        let runtime = Arc::new(postgres_runtime(&outbox, &pool).await);
        let consumers = postgres_consumer(&jetstream, &outbox, &pool).await;
        let relay_store = outbox.dedicated().await.unwrap();
        let relay = spawn_relay(Relay::new(relay_store, jetstream.clone()).with_options(options));
        Pipeline {
            nats,
            jetstream,
            outbox,
            pool,
            runtime,
            _consumers: consumers,
            _relay: relay,
            _postgres: postgres,
        }
    }

    /// Waits until the consumer recorded `total` effects, then checks that each committed
    /// order had exactly one, and that the stream holds exactly the committed events.
    async fn assert_delivered_once(&self, total: usize, limit: Duration) {
        let total = total as i64;
        wait_for_effects(&self.pool, total, limit).await;
        let count = |sql| postgres_count(&self.pool, sql);
        assert_eq!(
            count("SELECT count(DISTINCT order_id) FROM effects").await,
            total
        );
        assert_eq!(count("SELECT count(*) FROM orders").await, total);
        assert_eq!(self.outbox.unpublished().await.unwrap(), 0);
        assert_eq!(stream_messages(&self.jetstream).await, total as u64);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_thousand_events_from_eight_producers_are_delivered_exactly_once() {
    const PRODUCERS: usize = 8;
    const PER_PRODUCER: usize = 1250;
    let pipeline = Pipeline::start(
        &["fsync=off", "max_connections=50"],
        RelayOptions::default(),
    )
    .await;
    // Every producer also rolls back one call in ten: none of those events may be published.
    let producers: Vec<_> = (0..PRODUCERS)
        .map(|p| {
            let runtime = Arc::clone(&pipeline.runtime);
            tokio::spawn(async move {
                for i in 0..PER_PRODUCER {
                    let n = p * PER_PRODUCER + i;
                    runtime
                        .call::<PlaceOrder>(PlaceOrder::numbered(n), CallContext::anonymous())
                        .await
                        .unwrap();
                    if i % 10 == 0 {
                        let failing = PlaceOrder {
                            fail: true,
                            ..PlaceOrder::numbered(1_000_000 + n)
                        };
                        assert!(runtime
                            .call::<PlaceOrder>(failing, CallContext::anonymous())
                            .await
                            .is_err());
                    }
                }
            })
        })
        .collect();
    for producer in producers {
        producer.await.unwrap();
    }
    // Exactly the committed events are in the stream: none of the rolled-back ones.
    pipeline
        .assert_delivered_once(PRODUCERS * PER_PRODUCER, Duration::from_secs(120))
        .await;
    let rolled_back = "SELECT count(*) FROM effects WHERE length(order_id) > 8";
    assert_eq!(postgres_count(&pipeline.pool, rolled_back).await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_nats_restart_while_calls_run_loses_nothing_and_fails_no_call() {
    const PRODUCERS: usize = 4;
    const PER_PRODUCER: usize = 250;
    let options = RelayOptions {
        max_backoff: Duration::from_millis(200),
        ..RelayOptions::default()
    };
    let mut pipeline = Pipeline::start(&["fsync=off"], options).await;
    let calls = Arc::new(AtomicUsize::new(0));
    let producers: Vec<_> = (0..PRODUCERS)
        .map(|p| {
            let (runtime, calls) = (Arc::clone(&pipeline.runtime), Arc::clone(&calls));
            tokio::spawn(async move {
                for i in 0..PER_PRODUCER {
                    let order = PlaceOrder::numbered(p * PER_PRODUCER + i);
                    runtime
                        .call::<PlaceOrder>(order, CallContext::anonymous())
                        .await
                        .unwrap();
                    calls.fetch_add(1, Ordering::SeqCst);
                    tokio::time::sleep(Duration::from_millis(4)).await;
                }
            })
        })
        .collect();
    let total = PRODUCERS * PER_PRODUCER;
    eventually(Duration::from_secs(30), "a quarter of the calls", || {
        calls.load(Ordering::SeqCst) >= total / 4
    })
    .await;
    pipeline.nats.stop();
    let during_outage = calls.load(Ordering::SeqCst);
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert!(
        calls.load(Ordering::SeqCst) > during_outage,
        "calls go on while the broker is down"
    );
    assert!(
        pipeline.outbox.unpublished().await.unwrap() > 0,
        "the outbox holds what the broker cannot take"
    );
    pipeline.nats.restart();
    for producer in producers {
        producer.await.expect("no call failed");
    }
    pipeline
        .assert_delivered_once(total, Duration::from_secs(60))
        .await;
}
