//! The embedded outbox with the runtime: a handler's rows and events commit together.

use crate::{subjects, OrderPlaced, PlaceOrder, ORDERS};
use contracts_events::outbox::{InMemorySink, Processed, Relay, SqliteOutbox};
use contracts_runtime::{CallContext, Ctx, Failure, FailureCode, Runtime};

/// The `orders` table and a runtime whose `PlaceOrder` writes through the outbox.
pub fn runtime(
    outbox: &SqliteOutbox,
) -> Runtime<contracts_events::outbox::OutboxPublisher<SqliteOutbox>> {
    outbox
        .with_connection(|db| {
            db.execute_batch(
                "CREATE TABLE IF NOT EXISTS orders (id TEXT PRIMARY KEY, amount INTEGER)",
            )
        })
        .unwrap();
    let mut runtime = Runtime::new(&ORDERS).with_publisher(outbox.publisher());
    let store = outbox.clone();
    runtime
        .bind::<PlaceOrder>(move |input: PlaceOrder, ctx: Ctx<PlaceOrder>| {
            let store = store.clone();
            async move {
                store.transaction(&ctx, |tx| {
                    tx.execute(
                        "INSERT INTO orders (id, amount) VALUES (?1, ?2)",
                        rusqlite::params![input.order_id, input.amount_cents as i64],
                    )
                    .map_err(|e| {
                        Failure::standard(FailureCode::Conflict).with_detail(e.to_string())
                    })?;
                    ctx.emit(input.placed());
                    if input.fail {
                        return Err(Failure::standard(FailureCode::PreconditionFailed));
                    }
                    Ok(())
                })?;
                Ok::<_, Failure>(input.order_id)
            }
        })
        .unwrap();
    runtime
}

/// A runtime whose `PlaceOrder` only emits, outside any transaction.
pub fn emitting<P: contracts_runtime::Publisher>(publisher: P) -> Runtime<P> {
    let mut runtime = Runtime::new(&ORDERS).with_publisher(publisher);
    runtime
        .bind::<PlaceOrder>(|input: PlaceOrder, ctx: Ctx<PlaceOrder>| async move {
            ctx.emit(input.placed());
            Ok::<_, Failure>(input.order_id)
        })
        .unwrap();
    runtime
}

/// Calls `PlaceOrder` for order `n`, which must succeed.
pub async fn place<P: contracts_runtime::Publisher>(runtime: &Runtime<P>, n: usize) -> String {
    runtime
        .call::<PlaceOrder>(PlaceOrder::numbered(n), CallContext::anonymous())
        .await
        .unwrap()
        .into_value()
}

/// Two calls whose transactions roll back: a handler failing after its write (order 2), and
/// a write the database refuses (order 1, taken).
pub async fn refused_calls<P: contracts_runtime::Publisher>(runtime: &Runtime<P>) {
    let failing = PlaceOrder {
        fail: true,
        ..PlaceOrder::numbered(2)
    };
    let failure = runtime
        .call::<PlaceOrder>(failing, CallContext::anonymous())
        .await
        .unwrap_err();
    assert_eq!(failure.code(), "PRECONDITION_FAILED");
    let taken = runtime
        .call::<PlaceOrder>(PlaceOrder::numbered(1), CallContext::anonymous())
        .await
        .unwrap_err();
    assert_eq!(taken.code(), "CONFLICT");
}

fn orders(outbox: &SqliteOutbox) -> i64 {
    outbox
        .with_connection(|db| db.query_row("SELECT count(*) FROM orders", [], |r| r.get(0)))
        .unwrap()
}

#[tokio::test]
async fn rows_and_events_commit_together_or_not_at_all() {
    let outbox = SqliteOutbox::in_memory().unwrap().with_subjects(subjects());
    let runtime = runtime(&outbox);
    let placed = runtime
        .call::<PlaceOrder>(
            PlaceOrder::numbered(1),
            CallContext::anonymous().with_trace_id("t-1"),
        )
        .await
        .unwrap();
    assert_eq!(placed.into_value(), "o-1");
    assert_eq!((orders(&outbox), outbox.unpublished().unwrap()), (1, 1));

    // Their rows and their events roll back.
    refused_calls(&runtime).await;
    assert_eq!((orders(&outbox), outbox.unpublished().unwrap()), (1, 1));

    let sink = InMemorySink::new();
    let relay = Relay::new(outbox.clone(), sink.clone());
    assert_eq!(relay.run_once().await.unwrap().published, 1);
    let events = sink.events();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].subject.as_deref(), Some("o-1"));
    assert_eq!(events[0].trace_id, "t-1");
    assert_eq!(
        serde_json::from_value::<OrderPlaced>(events[0].payload.clone()).unwrap(),
        PlaceOrder::numbered(1).placed()
    );
    assert_eq!(outbox.unpublished().unwrap(), 0);
}

#[tokio::test]
async fn events_emitted_outside_a_transaction_are_appended_on_their_own() {
    let outbox = SqliteOutbox::in_memory().unwrap();
    let runtime = emitting(outbox.publisher());
    place(&runtime, 1).await;
    assert_eq!(outbox.unpublished().unwrap(), 1);
}

#[tokio::test]
async fn a_call_whose_events_cannot_be_stored_fails() {
    let outbox = SqliteOutbox::in_memory().unwrap();
    let runtime = emitting(outbox.publisher());
    outbox
        .with_connection(|db| db.execute_batch("DROP TABLE contracts_outbox"))
        .unwrap();
    let result = runtime
        .execute(
            "orders.order.place",
            None,
            r#"{"order_id": "o-1", "email": "a@b.c", "amount_cents": 1}"#,
            CallContext::anonymous(),
        )
        .await;
    assert_eq!((result.code(), result.status()), ("INTERNAL_ERROR", 500));
}

#[tokio::test]
async fn events_of_a_rolled_back_transaction_are_never_published() {
    let outbox = SqliteOutbox::in_memory().unwrap();
    let mut runtime = Runtime::new(&ORDERS).with_publisher(outbox.publisher());
    let store = outbox.clone();
    // The handler swallows its transaction's failure and reports success anyway.
    runtime
        .bind::<PlaceOrder>(move |input: PlaceOrder, ctx: Ctx<PlaceOrder>| {
            let store = store.clone();
            async move {
                let rolled_back = store.transaction(&ctx, |_tx| {
                    ctx.emit(input.placed());
                    Err::<(), _>("changed my mind")
                });
                assert!(rolled_back.is_err());
                Ok::<_, Failure>(input.order_id)
            }
        })
        .unwrap();
    place(&runtime, 1).await;
    assert_eq!(outbox.unpublished().unwrap(), 0);
}

#[tokio::test]
async fn a_file_outbox_keeps_events_across_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("outbox.db");
    {
        let outbox = SqliteOutbox::open(&path).unwrap();
        let runtime = runtime(&outbox);
        for n in 0..3 {
            runtime
                .call::<PlaceOrder>(PlaceOrder::numbered(n), CallContext::anonymous())
                .await
                .unwrap();
        }
    }
    let reopened = SqliteOutbox::open(&path).unwrap();
    let sink = InMemorySink::new();
    Relay::new(reopened.clone(), sink.clone())
        .run_once()
        .await
        .unwrap();
    let ids: Vec<String> = sink
        .events()
        .iter()
        .map(|e| e.payload["order_id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(ids, ["o-0", "o-1", "o-2"]);
}

#[test]
fn process_once_runs_an_event_once() {
    let outbox = SqliteOutbox::in_memory().unwrap();
    outbox
        .with_connection(|db| db.execute_batch("CREATE TABLE effects (id TEXT)"))
        .unwrap();
    let effect =
        |tx: &rusqlite::Transaction<'_>| tx.execute("INSERT INTO effects VALUES ('x')", []);
    assert_eq!(
        outbox.process_once("billing", "e-1", effect).unwrap(),
        Processed::Done(1)
    );
    assert_eq!(
        outbox.process_once("billing", "e-1", effect).unwrap(),
        Processed::Duplicate
    );
    // Another consumer processes it on its own.
    assert_eq!(
        outbox.process_once("audit", "e-1", effect).unwrap(),
        Processed::Done(1)
    );
    // A failed attempt leaves no mark.
    assert!(outbox
        .process_once("mail", "e-1", |_| Err::<(), _>("down"))
        .is_err());
    assert!(!outbox.was_processed("mail", "e-1").unwrap());
    let effects: i64 = outbox
        .with_connection(|db| db.query_row("SELECT count(*) FROM effects", [], |r| r.get(0)))
        .unwrap();
    assert_eq!(effects, 2);
}

#[tokio::test]
async fn a_transaction_takes_the_calls_events_from_the_runtime() {
    let outbox = SqliteOutbox::in_memory().unwrap();
    let mut runtime = Runtime::new(&ORDERS).with_publisher(outbox.publisher());
    let store = outbox.clone();
    runtime
        .bind::<PlaceOrder>(move |input: PlaceOrder, ctx: Ctx<PlaceOrder>| {
            let store = store.clone();
            async move {
                store.transaction(&ctx, |_tx| {
                    ctx.emit(input.placed());
                    Ok::<_, Failure>(())
                })?;
                // The committed event is the outbox's now: the call holds none.
                assert!(ctx.pending_events().is_empty());
                // One emitted after the transaction stays with the call, and the runtime's
                // publisher appends it.
                let mut later = input.placed();
                later.order_id.push_str("-later");
                ctx.emit(later);
                assert_eq!(ctx.pending_events().len(), 1);
                Ok::<_, Failure>(input.order_id)
            }
        })
        .unwrap();
    place(&runtime, 1).await;
    let sink = InMemorySink::new();
    Relay::new(outbox.clone(), sink.clone())
        .run_once()
        .await
        .unwrap();
    let ids: Vec<String> = sink
        .events()
        .iter()
        .map(|e| e.payload["order_id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(ids, ["o-1", "o-1-later"]);
}
