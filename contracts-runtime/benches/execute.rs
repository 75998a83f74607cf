//! The runtime's overhead on a small command.
//!
//! - `dynamic`: [`Runtime::execute`] (JSON text in, serialized output out) against a
//!   hand-written function that deserializes with serde, calls the same handler and serializes.
//! - `typed`: [`Runtime::call`] against a direct call of the handler.
//!
//! Both sides build the handler's context the same way (a `CallContext` clone, and a `Ctx`),
//! and poll the future with a no-op waker, so the difference is the runtime's own work:
//! registry lookup, policy, the boxed handler future, panic guard, span, event bookkeeping,
//! result envelope.
//!
//! Run with `cargo bench -p contracts-runtime -- --warm-up-time 1 --measurement-time 3`.

use contracts_core::{command, registry, Model, NonEmptyString};
use contracts_runtime::{Actor, CallContext, Ctx, Failure, InMemoryPublisher, Runtime};
use criterion::{criterion_group, criterion_main, Criterion};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::future::Future;
use std::hint::black_box;
use std::task::{Context, Poll, Waker};

/// Create an item.
#[command(key = "bench.item.create", version = "1.0.0", output = Created, policy(auth = "user"))]
#[derive(Clone, Serialize, Deserialize, JsonSchema, Model)]
#[serde(deny_unknown_fields)]
pub struct CreateItem {
    pub title: NonEmptyString,
    pub quantity: u32,
    pub tags: Vec<String>,
}

/// The created item.
#[derive(Serialize, Deserialize, JsonSchema, Model)]
pub struct Created {
    pub id: String,
    pub title: String,
    pub quantity: u32,
}

registry! {
    /// The benchmark's contracts.
    pub static BENCH;
    defaults(owners = ["team.bench"], stability = "beta");
    contracts(CreateItem);
}

async fn create(input: CreateItem, _ctx: Ctx<CreateItem>) -> Result<Created, Failure> {
    Ok(Created {
        id: format!("item-{}", input.quantity),
        title: input.title.into_inner(),
        quantity: input.quantity,
    })
}

const INPUT: &[u8] = br#"{"title": "Buy milk", "quantity": 3, "tags": ["food", "today"]}"#;

/// Polls `future` to completion with a no-op waker (the handlers never wait).
fn now<F: Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return output;
        }
    }
}

/// What a caller would write without the runtime.
fn hand_written(bytes: &[u8], context: CallContext) -> Vec<u8> {
    let input: CreateItem = serde_json::from_slice(bytes).expect("valid input");
    let output = now(create(input, Ctx::detached(context))).expect("handled");
    serde_json::to_vec(&output).expect("serializes")
}

fn benches(c: &mut Criterion) {
    let mut runtime = Runtime::new(&BENCH).with_publisher(InMemoryPublisher::new());
    runtime.bind::<CreateItem>(create).expect("binds");
    let context = CallContext::traced(Actor::user("u-1"), "trace-1");

    let result = now(runtime.execute("bench.item.create", Some("1.0.0"), INPUT, context.clone()));
    assert_eq!(
        result.data().expect("ok"),
        String::from_utf8(hand_written(INPUT, context.clone())).unwrap()
    );

    let mut dynamic = c.benchmark_group("dynamic");
    dynamic.bench_function("hand_written", |b| {
        b.iter(|| hand_written(black_box(INPUT), context.clone()))
    });
    dynamic.bench_function("execute", |b| {
        b.iter(|| {
            now(runtime.execute(
                black_box("bench.item.create"),
                Some("1.0.0"),
                black_box(INPUT),
                context.clone(),
            ))
        })
    });
    dynamic.bench_function("execute_and_serialize_envelope", |b| {
        b.iter(|| {
            let result = now(runtime.execute(
                black_box("bench.item.create"),
                Some("1.0.0"),
                black_box(INPUT),
                context.clone(),
            ));
            serde_json::to_vec(&result).expect("serializes")
        })
    });
    dynamic.finish();

    let input: CreateItem = serde_json::from_slice(INPUT).unwrap();
    let mut typed = c.benchmark_group("typed");
    typed.bench_function("direct", |b| {
        b.iter(|| {
            now(create(
                black_box(input.clone()),
                Ctx::detached(context.clone()),
            ))
        })
    });
    typed.bench_function("call", |b| {
        b.iter(|| now(runtime.call::<CreateItem>(black_box(input.clone()), context.clone())))
    });
    typed.finish();
}

criterion_group!(execute, benches);
criterion_main!(execute);
