//! Events through the outbox, the relay and JetStream, against raw async-nats publishing of the
//! same payloads; and the latency a call gains by writing its events to the outbox (SQLite and
//! PostgreSQL). Real servers, started as the tests start them.
//!
//! `cargo bench -p contracts-events --bench throughput` (`EVENTS=20000 ROUNDS=5 CALLS=600`;
//! `ROUNDS=0` measures only the latencies; PostgreSQL with commits not waiting for the WAL
//! flush makes `5 * CALLS` calls).
//! Cases are interleaved round by round; medians are reported.

#[path = "../tests/events/support/servers.rs"]
mod servers;

use contracts_core::{command, event, registry, Model};
use contracts_events::cloudevents::CloudEvents;
use contracts_events::jetstream::JetStream;
use contracts_events::outbox::{OutboxStore, PostgresOutbox, Relay, RelayOptions, SqliteOutbox};
use contracts_events::{EventRecord, Subjects};
use contracts_runtime::{CallContext, Ctx, Failure, FailureCode, InMemoryPublisher, Runtime};
use futures_util::future::join_all;
use servers::{NatsServer, Postgres};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// An order was placed.
#[event(key = "orders.order.placed", version = "1.0.0", pii = ["email"])]
#[derive(Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct OrderPlaced {
    /// The order.
    pub order_id: String,
    /// Who placed it.
    pub email: String,
    /// Its amount.
    pub amount_cents: u64,
}

/// Place an order; `emit` says whether the call emits its event.
#[command(key = "orders.order.place", version = "1.0.0", output = String,
    emits(OrderPlaced(when = "The order is stored.")), policy(auth = "anonymous"))]
#[derive(Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct PlaceOrder {
    /// The order.
    pub order_id: String,
    /// Emit `OrderPlaced`.
    pub emit: bool,
}

registry! {
    pub static ORDERS;
    defaults(owners = ["team.orders"], stability = "beta");
    contracts(OrderPlaced, PlaceOrder);
}

fn env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// `/proc/loadavg`'s three load averages.
fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".to_owned())
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn subjects() -> Subjects {
    Subjects::new().with::<OrderPlaced>("order_id").unwrap()
}

/// `n` event records, as a handler would emit them.
fn records(round: usize, n: usize) -> Vec<EventRecord> {
    let ctx = Ctx::<PlaceOrder>::detached(CallContext::anonymous());
    for i in 0..n {
        ctx.emit(OrderPlaced {
            order_id: format!("r{round}-o{i}"),
            email: format!("buyer{i}@example.com"),
            amount_cents: i as u64,
        });
    }
    let subjects = subjects();
    ctx.pending_events()
        .iter()
        .map(|e| EventRecord::from_envelope(e, &subjects))
        .collect()
}

/// Raw async-nats: the same subjects, headers and payloads, `batch` publishes in flight, each
/// acknowledgement awaited. Events per second.
async fn raw(jetstream: &JetStream, records: &[EventRecord], batch: usize) -> f64 {
    let context = jetstream.context();
    let messages: Vec<_> = records
        .iter()
        .map(|r| {
            (
                jetstream.subject_of(&r.key, &r.version),
                jetstream.headers(r),
                bytes::Bytes::from(contracts_events::cloudevents::body(r)),
            )
        })
        .collect();
    let start = Instant::now();
    for chunk in messages.chunks(batch) {
        let acks = join_all(chunk.iter().map(|(subject, headers, body)| async move {
            context
                .publish_with_headers(subject.clone(), headers.clone(), body.clone())
                .await
                .unwrap()
                .await
                .unwrap()
        }))
        .await;
        assert_eq!(acks.len(), chunk.len());
    }
    records.len() as f64 / start.elapsed().as_secs_f64()
}

/// The relay draining `records`, committed to a fresh SQLite outbox beforehand. Events per
/// second.
async fn relayed(jetstream: &JetStream, records: Vec<EventRecord>, batch: usize) -> f64 {
    let outbox = SqliteOutbox::in_memory().unwrap();
    let n = records.len();
    outbox.append(records).await.unwrap();
    let relay = Relay::new(outbox.clone(), jetstream.clone()).with_options(RelayOptions {
        batch,
        ..RelayOptions::default()
    });
    let start = Instant::now();
    let mut published = 0;
    while published < n {
        let pass = relay.run_once().await.unwrap();
        assert!(pass.failure.is_none(), "{:?}", pass.failure);
        published += pass.published;
    }
    n as f64 / start.elapsed().as_secs_f64()
}

/// End to end: 8 producers calling the runtime (a row and the event in one SQLite
/// transaction) while the relay runs, until every event is acknowledged. Events per second.
async fn end_to_end(jetstream: &JetStream, round: usize, n: usize) -> f64 {
    let dir = tempfile::tempdir().unwrap();
    let outbox = SqliteOutbox::open(dir.path().join("bench.db"))
        .unwrap()
        .with_subjects(subjects());
    let runtime = Arc::new(sqlite_runtime(&outbox));
    let sink = jetstream.clone();
    let relay_outbox = outbox.clone();
    let start = Instant::now();
    let relay = tokio::spawn(Relay::new(relay_outbox, sink).run(std::future::pending()));
    let producers: Vec<_> = (0..8)
        .map(|p| {
            let runtime = Arc::clone(&runtime);
            tokio::spawn(async move {
                for i in (p..n).step_by(8) {
                    let order = PlaceOrder {
                        order_id: format!("e{round}-o{i}"),
                        emit: true,
                    };
                    runtime
                        .call::<PlaceOrder>(order, CallContext::anonymous())
                        .await
                        .unwrap();
                }
            })
        })
        .collect();
    for producer in producers {
        producer.await.unwrap();
    }
    while outbox.unpublished().unwrap() > 0 {
        tokio::time::sleep(Duration::from_micros(200)).await;
    }
    let rate = n as f64 / start.elapsed().as_secs_f64();
    relay.abort();
    rate
}

fn sqlite_runtime(
    outbox: &SqliteOutbox,
) -> Runtime<contracts_events::outbox::OutboxPublisher<SqliteOutbox>> {
    outbox
        .with_connection(|db| {
            db.execute_batch("CREATE TABLE IF NOT EXISTS orders (id TEXT PRIMARY KEY)")
        })
        .unwrap();
    let mut runtime = Runtime::new(&ORDERS).with_publisher(outbox.publisher());
    let store = outbox.clone();
    runtime
        .bind::<PlaceOrder>(move |input: PlaceOrder, ctx: Ctx<PlaceOrder>| {
            let store = store.clone();
            async move {
                store.transaction(&ctx, |tx| {
                    tx.execute("INSERT INTO orders (id) VALUES (?1)", [&input.order_id])
                        .map_err(|e| {
                            Failure::standard(FailureCode::Conflict).with_detail(e.to_string())
                        })?;
                    if input.emit {
                        ctx.emit(placed(&input.order_id));
                    }
                    Ok::<_, Failure>(())
                })?;
                Ok::<_, Failure>(input.order_id)
            }
        })
        .unwrap();
    runtime
}

fn placed(order_id: &str) -> OrderPlaced {
    OrderPlaced {
        order_id: order_id.to_owned(),
        email: "buyer@example.com".to_owned(),
        amount_cents: 1999,
    }
}

fn postgres_runtime(
    outbox: &PostgresOutbox,
    db: Arc<tokio::sync::Mutex<tokio_postgres::Client>>,
) -> Runtime<contracts_events::outbox::OutboxPublisher<PostgresOutbox>> {
    let mut runtime = Runtime::new(&ORDERS).with_publisher(outbox.publisher());
    let outbox = outbox.clone();
    runtime
        .bind::<PlaceOrder>(move |input: PlaceOrder, ctx: Ctx<PlaceOrder>| {
            let (outbox, db) = (outbox.clone(), Arc::clone(&db));
            async move {
                let mut db = db.lock().await;
                let tx = outbox.begin(&mut db, &ctx).await?;
                tx.execute("INSERT INTO orders (id) VALUES ($1)", &[&input.order_id])
                    .await
                    .map_err(|e| {
                        Failure::standard(FailureCode::Conflict).with_detail(e.to_string())
                    })?;
                if input.emit {
                    ctx.emit(placed(&input.order_id));
                }
                tx.commit().await?;
                Ok::<_, Failure>(input.order_id)
            }
        })
        .unwrap();
    runtime
}

/// Microseconds per call of 50 sequential calls of `runtime`, emitting the event or not.
async fn batch<P: contracts_runtime::Publisher>(
    runtime: &Runtime<P>,
    label: &str,
    batch: usize,
    emit: bool,
) -> f64 {
    let start = Instant::now();
    for i in 0..50 {
        let order = PlaceOrder {
            order_id: format!("{label}-{batch}-{emit}-{i}"),
            emit,
        };
        runtime
            .call::<PlaceOrder>(order, CallContext::anonymous())
            .await
            .unwrap();
    }
    start.elapsed().as_secs_f64() * 1e6 / 50.0
}

/// The latencies of one database, median microseconds per call: without the event, with the
/// event in the outbox (`durable`), and with the event handed to an in-memory publisher after
/// the same transaction (`plain`: what the outbox is compared with).
struct Latency {
    without: f64,
    durable: f64,
    plain: f64,
}

impl Latency {
    fn print(&self, name: &str) {
        println!(
            "  {name}: {:.1} without event, {:.1} with event in memory, {:.1} with event in the \
             outbox: outbox +{:.1} µs over no event ({:.2}x), +{:.1} µs over in memory ({:.2}x)",
            self.without,
            self.plain,
            self.durable,
            self.durable - self.without,
            self.durable / self.without,
            self.durable - self.plain,
            self.durable / self.plain,
        );
    }
}

/// `calls` sequential calls of each case in batches of 50, the three cases interleaved batch
/// by batch (their order rotating), so they see the same load.
async fn latency<P: contracts_runtime::Publisher, Q: contracts_runtime::Publisher>(
    durable: &Runtime<P>,
    plain: &Runtime<Q>,
    label: &str,
    calls: usize,
) -> Latency {
    let (mut without, mut with, mut memory) = (Vec::new(), Vec::new(), Vec::new());
    for n in 0..(calls / 50) {
        for case in 0..3 {
            match (n + case) % 3 {
                0 => without.push(batch(durable, label, n, false).await),
                1 => with.push(batch(durable, label, n, true).await),
                _ => memory.push(batch(plain, &format!("{label}m"), n, true).await),
            }
        }
    }
    Latency {
        without: median(without),
        durable: median(with),
        plain: median(memory),
    }
}

/// The same handler as [`sqlite_runtime`] in a plain transaction, its event handed to an
/// in-memory publisher after the commit.
fn sqlite_plain_runtime(outbox: &SqliteOutbox) -> Runtime<InMemoryPublisher> {
    let mut runtime = Runtime::new(&ORDERS).with_publisher(InMemoryPublisher::new());
    let store = outbox.clone();
    runtime
        .bind::<PlaceOrder>(move |input: PlaceOrder, ctx: Ctx<PlaceOrder>| {
            let store = store.clone();
            async move {
                store
                    .with_connection(|db| {
                        let tx = db.unchecked_transaction()?;
                        tx.execute("INSERT INTO orders (id) VALUES (?1)", [&input.order_id])?;
                        tx.commit()
                    })
                    .map_err(|e| {
                        Failure::standard(FailureCode::Conflict).with_detail(e.to_string())
                    })?;
                if input.emit {
                    ctx.emit(placed(&input.order_id));
                }
                Ok::<_, Failure>(input.order_id)
            }
        })
        .unwrap();
    runtime
}

/// The same handler as [`postgres_runtime`] in a plain transaction, its event handed to an
/// in-memory publisher after the commit.
fn postgres_plain_runtime(
    db: Arc<tokio::sync::Mutex<tokio_postgres::Client>>,
) -> Runtime<InMemoryPublisher> {
    let mut runtime = Runtime::new(&ORDERS).with_publisher(InMemoryPublisher::new());
    runtime
        .bind::<PlaceOrder>(move |input: PlaceOrder, ctx: Ctx<PlaceOrder>| {
            let db = Arc::clone(&db);
            async move {
                let mut db = db.lock().await;
                let conflict = |e: tokio_postgres::Error| {
                    Failure::standard(FailureCode::Conflict).with_detail(e.to_string())
                };
                let tx = db.transaction().await.map_err(conflict)?;
                tx.execute("INSERT INTO orders (id) VALUES ($1)", &[&input.order_id])
                    .await
                    .map_err(conflict)?;
                if input.emit {
                    ctx.emit(placed(&input.order_id));
                }
                tx.commit().await.map_err(conflict)?;
                Ok::<_, Failure>(input.order_id)
            }
        })
        .unwrap();
    runtime
}

/// Raw publishing, the relay and the end-to-end case, interleaved round by round.
async fn throughput(jetstream: &JetStream, events: usize, rounds: usize) {
    println!(
        "throughput: {events} events, {rounds} rounds, interleaved (events/s); load {}",
        loadavg()
    );
    let (mut raws, mut relays, mut ends) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..rounds {
        let batch = records(round, events);
        raws.push(raw(jetstream, &batch, 512).await);
        let batch = records(round + 1000, events);
        relays.push(relayed(jetstream, batch, 512).await);
        ends.push(end_to_end(jetstream, round, events).await);
        println!(
            "  round {round}: raw {:.0}, relay {:.0}, calls+outbox+relay {:.0}",
            raws[round], relays[round], ends[round]
        );
    }
    let ratios = |cases: &[f64]| median(cases.iter().zip(&raws).map(|(c, r)| c / r).collect());
    let (relay_ratio, end_ratio) = (ratios(&relays), ratios(&ends));
    println!(
        "  median: raw async-nats {:.0}/s; outbox relay {:.0}/s, {relay_ratio:.2}x raw; \
         8 producers through runtime + SQLite outbox + relay {:.0}/s, {end_ratio:.2}x raw \
         (ratios: median of the rounds' ratios)",
        median(raws.clone()),
        median(relays.clone()),
        median(ends.clone())
    );
}

fn main() {
    let events = env("EVENTS", 20_000);
    let rounds = env("ROUNDS", 5);
    let calls = env("CALLS", 600);
    let tokio = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let nats = NatsServer::start();
    // PostgreSQL as installed: fsync and synchronous_commit on.
    let postgres = Postgres::start(&[]);
    tokio.block_on(async {
        let client = async_nats::ConnectOptions::new()
            .retry_on_initial_connect()
            .connect(nats.url())
            .await
            .unwrap();
        let jetstream = JetStream::new(client, CloudEvents::new(&ORDERS, "/bench"));
        while jetstream.ensure_streams().await.is_err() {
            tokio::time::sleep(Duration::from_millis(50)).await;
        }

        if rounds > 0 {
            throughput(&jetstream, events, rounds).await;
        }

        println!(
            "latency per call ({calls} calls of each case, interleaved batches of 50; µs, median); \
             load {}",
            loadavg()
        );
        let dir = tempfile::tempdir().unwrap();
        let sqlite = SqliteOutbox::open(dir.path().join("latency.db")).unwrap();
        let (durable, plain) = (sqlite_runtime(&sqlite), sqlite_plain_runtime(&sqlite));
        latency(&durable, &plain, "s", calls)
            .await
            .print("SQLite (file, WAL, synchronous=NORMAL)");

        let outbox = PostgresOutbox::connect(&postgres.config()).await.unwrap();
        let connect = || async {
            let client = contracts_events::outbox::postgres_connect(&postgres.config())
                .await
                .unwrap();
            Arc::new(tokio::sync::Mutex::new(client))
        };
        let (db, other) = (connect().await, connect().await);
        let create = "CREATE TABLE orders (id TEXT PRIMARY KEY)";
        db.lock().await.batch_execute(create).await.unwrap();
        let durable = postgres_runtime(&outbox, Arc::clone(&db));
        let plain = postgres_plain_runtime(Arc::clone(&other));
        latency(&durable, &plain, "p", calls)
            .await
            .print("PostgreSQL 15 (fsync on, loopback)");
        // The WAL flush of every commit varies with the disk far more than the outbox's own
        // work costs: with commits not waiting for it, what is left is that work.
        for client in [&db, &other] {
            let off = "SET synchronous_commit = off";
            client.lock().await.batch_execute(off).await.unwrap();
        }
        latency(&durable, &plain, "q", calls * 5)
            .await
            .print("PostgreSQL 15 (commits not waiting for the WAL flush)");
        println!("load {}", loadavg());
    });
}
