//! The JetStream publisher and typed consumers against a real nats-server.

use crate::support::eventually;
use crate::support::servers::NatsServer;
use crate::{subjects, BillOrder, OrderPlaced, PlaceOrder, ORDERS};
use async_nats::jetstream::stream;
use contracts_events::cloudevents::CloudEvents;
use contracts_events::jetstream::consumer::{
    CONSUMER_HEADER, DELIVERIES_HEADER, FAILURE_CODE_HEADER, FAILURE_DETAIL_HEADER,
};
use contracts_events::jetstream::{
    Consumer, EventCtx, JetStream, Retry, DEAD_LETTERS_STREAM, EVENTS_STREAM,
};
use contracts_events::EventRecord;
use contracts_runtime::{CallContext, Ctx, Failure, FailureCode};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// A JetStream of the orders' events on `server`, its streams created.
pub async fn connect(server: &NatsServer) -> JetStream {
    let client = async_nats::ConnectOptions::new()
        .retry_on_initial_connect()
        .connect(server.url())
        .await
        .unwrap();
    let jetstream = JetStream::new(client, CloudEvents::new(&ORDERS, "/services/orders"))
        .with_subjects(subjects());
    // JetStream may need a moment after the server listens.
    let mut tries = 0;
    while let Err(error) = jetstream.ensure_streams().await {
        tries += 1;
        assert!(tries < 100, "{error}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    jetstream
}

pub fn record(order: &PlaceOrder, trace_id: &str) -> EventRecord {
    let ctx = Ctx::<PlaceOrder>::detached(CallContext::anonymous().with_trace_id(trace_id));
    ctx.emit(order.placed());
    EventRecord::from_envelope(&ctx.pending_events()[0], &subjects())
}

/// The messages of `stream`, in order.
pub async fn stored(
    jetstream: &JetStream,
    stream: &str,
) -> Vec<async_nats::jetstream::message::StreamMessage> {
    let stream = jetstream.context().get_stream(stream).await.unwrap();
    let last = stream.get_info().await.unwrap().state.last_sequence;
    let mut messages = Vec::new();
    for seq in 1..=last {
        if let Ok(message) = stream.get_raw_message(seq).await {
            messages.push(message);
        }
    }
    messages
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn events_are_binary_cloud_events_deduplicated_by_id() {
    let server = NatsServer::start();
    let jetstream = connect(&server).await;
    let record = record(&PlaceOrder::numbered(1), "4bf92f3577b34da6a3ce929d0e0e4736");
    let first = jetstream.publish_record(&record).await.unwrap();
    let again = jetstream.publish_record(&record).await.unwrap();
    assert!(!first.duplicate);
    assert!(again.duplicate, "the stream drops the copy");
    assert_eq!(again.sequence, first.sequence);

    let messages = stored(&jetstream, EVENTS_STREAM).await;
    assert_eq!(messages.len(), 1);
    let message = &messages[0];
    assert_eq!(
        message.subject.as_str(),
        "events.orders.order.placed.v1_0_0"
    );
    let header = |name: &str| message.headers.get(name).map(|v| v.as_str().to_owned());
    assert_eq!(header("Nats-Msg-Id"), Some(record.id.to_string()));
    assert_eq!(header("ce-id"), Some(record.id.to_string()));
    assert_eq!(header("ce-type").as_deref(), Some("orders.order.placed"));
    assert_eq!(header("ce-subject").as_deref(), Some("o-1"));
    assert_eq!(header("ce-source").as_deref(), Some("/services/orders"));
    assert_eq!(header("content-type").as_deref(), Some("application/json"));
    assert!(header("traceparent")
        .unwrap()
        .contains("4bf92f3577b34da6a3ce929d0e0e4736"));
    let payload: OrderPlaced = serde_json::from_slice(&message.payload).unwrap();
    assert_eq!(payload, PlaceOrder::numbered(1).placed());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refusing_broker_is_a_clear_error_and_fails_the_call() {
    let server = NatsServer::start();
    let client = async_nats::connect(server.url()).await.unwrap();
    let jetstream = JetStream::new(client, CloudEvents::new(&ORDERS, "/services/orders"))
        .with_retry(Retry {
            attempts: 2,
            ..Retry::default()
        })
        .with_ack_timeout(Duration::from_millis(300));
    // A stream that holds one message and refuses the next.
    jetstream
        .context()
        .create_stream(stream::Config {
            name: EVENTS_STREAM.to_owned(),
            subjects: vec!["events.>".to_owned()],
            max_messages: 1,
            discard: stream::DiscardPolicy::New,
            ..Default::default()
        })
        .await
        .unwrap();
    jetstream
        .publish_record(&record(&PlaceOrder::numbered(1), "t"))
        .await
        .unwrap();
    let refused = record(&PlaceOrder::numbered(2), "t");
    let error = jetstream
        .publish_record(&refused)
        .await
        .unwrap_err()
        .to_string();
    assert!(
        error.starts_with(&format!(
            "the broker refused event `orders.order.placed@1.0.0` ({})",
            refused.id
        )),
        "{error}"
    );
    assert!(error.contains("maximum messages exceeded"), "{error}");

    // Without an outbox, the call fails although the handler ran: documented.
    let runtime = crate::outbox_sqlite::emitting(jetstream.clone());
    let result = runtime
        .execute(
            "orders.order.place",
            None,
            r#"{"order_id": "o-3", "email": "a@b.c", "amount_cents": 1}"#,
            CallContext::anonymous(),
        )
        .await;
    assert_eq!((result.code(), result.status()), ("INTERNAL_ERROR", 500));

    // No server at all: the retries end in an error naming the event, not a hang.
    drop(server);
    let unreachable = record(&PlaceOrder::numbered(4), "t");
    let error = jetstream
        .publish_record(&unreachable)
        .await
        .unwrap_err()
        .to_string();
    assert!(error.contains(&unreachable.id.to_string()), "{error}");
    assert!(error.contains("after 2 attempts"), "{error}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn typed_consumers_get_decoded_events_with_their_trace() {
    let server = NatsServer::start();
    let jetstream = connect(&server).await;
    let seen: Arc<Mutex<Vec<(OrderPlaced, EventCtx)>>> = Arc::default();
    let sink = Arc::clone(&seen);
    let subscription = jetstream
        .subscribe(
            // The declared consumer, named by its key.
            Consumer::declared::<BillOrder>(),
            move |event: OrderPlaced, ctx: EventCtx| {
                let sink = Arc::clone(&sink);
                async move {
                    sink.lock().unwrap().push((event, ctx));
                    Ok(())
                }
            },
        )
        .await
        .unwrap();
    let record = record(&PlaceOrder::numbered(7), "req-7");
    jetstream.publish_record(&record).await.unwrap();
    eventually(Duration::from_secs(10), "the delivery", || {
        seen.lock().unwrap().len() == 1
    })
    .await;
    let (event, ctx) = seen.lock().unwrap()[0].clone();
    assert_eq!(event, PlaceOrder::numbered(7).placed());
    assert_eq!(ctx.id(), record.id.to_string());
    assert_eq!(ctx.trace_id().as_str(), "req-7");
    assert_eq!(ctx.subject(), Some("o-7"));
    assert_eq!(ctx.attempt(), 1);
    assert_eq!(ctx.consumer(), "billing_order_bill");
    assert_eq!(
        ctx.occurred_at().unwrap().timestamp_micros(),
        record.occurred_at.timestamp_micros()
    );
    subscription.stop().await;
    assert!(jetstream
        .subscribe(
            Consumer::<OrderPlaced>::new("bad.name"),
            |_: OrderPlaced, _: EventCtx| async { Ok(()) }
        )
        .await
        .unwrap_err()
        .to_string()
        .contains("A-Z a-z 0-9 _ -"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_consumer_failing_three_times_dead_letters_the_event_with_its_failure() {
    let server = NatsServer::start();
    let jetstream = connect(&server).await;
    let attempts = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::clone(&attempts);
    let _subscription = jetstream
        .subscribe(
            Consumer::<OrderPlaced>::new("mailer").retry_delay(Duration::from_millis(20)),
            move |_: OrderPlaced, ctx: EventCtx| {
                seen.lock().unwrap().push(ctx.attempt());
                async {
                    Err(Failure::standard(FailureCode::ServiceUnavailable)
                        .with_detail("smtp down: 421"))
                }
            },
        )
        .await
        .unwrap();
    let record = record(&PlaceOrder::numbered(1), "t-1");
    jetstream.publish_record(&record).await.unwrap();
    // A message that is not an `OrderPlaced` goes straight to the dead letters.
    let mut poison = jetstream.headers(&record);
    poison.insert("Nats-Msg-Id", "poison");
    poison.insert("ce-id", "poison");
    jetstream
        .context()
        .publish_with_headers(
            "events.orders.order.placed.v1_0_0",
            poison,
            r#"{"order_id": 1}"#.into(),
        )
        .await
        .unwrap()
        .await
        .unwrap();

    let dead = || async { stored(&jetstream, DEAD_LETTERS_STREAM).await };
    let mut letters = Vec::new();
    for _ in 0..250 {
        letters = dead().await;
        if letters.len() == 2 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(letters.len(), 2, "two dead letters");
    assert_eq!(*attempts.lock().unwrap(), [1, 2, 3]);
    let by_id = |id: &str| {
        letters
            .iter()
            .find(|m| m.headers.get("ce-id").map(|v| v.as_str()) == Some(id))
            .unwrap()
    };
    let letter = by_id(&record.id.to_string());
    let header = |name: &str| letter.headers.get(name).map(|v| v.as_str().to_owned());
    assert_eq!(
        letter.subject.as_str(),
        "deadletter.mailer.orders.order.placed.v1_0_0"
    );
    assert_eq!(
        header(FAILURE_CODE_HEADER).as_deref(),
        Some("SERVICE_UNAVAILABLE")
    );
    assert_eq!(
        header(FAILURE_DETAIL_HEADER).as_deref(),
        Some("smtp%20down:%20421")
    );
    assert_eq!(header(DELIVERIES_HEADER).as_deref(), Some("3"));
    assert_eq!(header(CONSUMER_HEADER).as_deref(), Some("mailer"));
    assert_eq!(letter.payload, contracts_events::cloudevents::body(&record));
    let poisoned = by_id("poison");
    assert_eq!(
        poisoned.headers.get(FAILURE_CODE_HEADER).unwrap().as_str(),
        "VALIDATION_FAILED"
    );
    assert_eq!(
        poisoned.headers.get(DELIVERIES_HEADER).unwrap().as_str(),
        "1"
    );
    // Once dead-lettered, an event is not delivered again.
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(attempts.lock().unwrap().len(), 3);
}
