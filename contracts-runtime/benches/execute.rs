//! The runtime's overhead on a small command.
//!
//! - `dynamic`: [`Runtime::execute`] (JSON text in, serialized output out) against a
//!   hand-written function that deserializes with serde, calls the same handler and serializes.
//! - `typed`: a [`BoundHandler`] (`bound`) against a direct call of the handler (`direct`), and
//!   [`Runtime::call`] (`call`), which looks the handler up by type and boxes its future.
//!
//! Both sides build the handler's context the same way (a `CallContext` clone, and a `Ctx`),
//! and poll the future with a no-op waker, so the difference is the runtime's own work:
//! registry lookup, policy, the boxed handler future, panic guard, span, event bookkeeping,
//! result envelope.
//!
//! Run with `cargo bench -p contracts-runtime -- --warm-up-time 1 --measurement-time 3`.
//!
//! Instruction counts, steadier than times on a loaded machine: with `BENCH_CASE` set to a
//! case's name (`dynamic/execute`, ...) the binary runs that case `BENCH_ITERATIONS` times
//! (default 10,000) instead of criterion; run it under `valgrind --tool=callgrind` twice with
//! different iteration counts and divide the difference of the totals by the difference of
//! the counts, which cancels the set-up.

use contracts_core::decode::Strict;
use contracts_core::{command, registry, Model, NonEmptyString};
use contracts_runtime::{
    Actor, BoundHandler, CallContext, Ctx, Failure, Handler, InMemoryPublisher, Runtime,
};
use criterion::Criterion;
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

/// The same, decoding strictly as the runtime does (no array for a struct, no `null` for an
/// optional field): the difference with [`hand_written`] is the cost of strictness.
fn hand_written_strict(bytes: &[u8], context: CallContext) -> Vec<u8> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let input = CreateItem::deserialize(Strict::new(&mut deserializer)).expect("valid input");
    deserializer.end().expect("no trailing data");
    let output = now(create(input, Ctx::detached(context))).expect("handled");
    serde_json::to_vec(&output).expect("serializes")
}

/// What every case runs on; `H` is the type of [`create`], which has no name.
struct Fixture<H> {
    runtime: Runtime<InMemoryPublisher>,
    create: BoundHandler<CreateItem, H>,
    context: CallContext,
    input: CreateItem,
}

impl Fixture<()> {
    fn new() -> Fixture<impl Handler<CreateItem>> {
        let mut runtime = Runtime::new(&BENCH).with_publisher(InMemoryPublisher::new());
        let create = runtime.bind_typed::<CreateItem, _>(create).expect("binds");
        let context = CallContext::traced(Actor::user("u-1"), "trace-1");
        let result =
            now(runtime.execute("bench.item.create", Some("1.0.0"), INPUT, context.clone()));
        assert_eq!(
            result.data().expect("ok"),
            String::from_utf8(hand_written(INPUT, context.clone())).unwrap()
        );
        let input = serde_json::from_slice(INPUT).unwrap();
        Fixture {
            runtime,
            create,
            context,
            input,
        }
    }
}

/// One benchmarked call.
type Case<H> = fn(&Fixture<H>);

/// Every case, by group and name.
fn cases<H: Handler<CreateItem>>(_: &Fixture<H>) -> [(&'static str, &'static str, Case<H>); 7] {
    [
        ("dynamic", "hand_written", |f| {
            black_box(hand_written(black_box(INPUT), f.context.clone()));
        }),
        ("dynamic", "hand_written_strict", |f| {
            black_box(hand_written_strict(black_box(INPUT), f.context.clone()));
        }),
        ("dynamic", "execute", |f| {
            let _ = black_box(now(f.runtime.execute(
                black_box("bench.item.create"),
                Some("1.0.0"),
                black_box(INPUT),
                f.context.clone(),
            )));
        }),
        ("dynamic", "execute_and_serialize_envelope", |f| {
            let result = now(f.runtime.execute(
                black_box("bench.item.create"),
                Some("1.0.0"),
                black_box(INPUT),
                f.context.clone(),
            ));
            black_box(serde_json::to_vec(&result).expect("serializes"));
        }),
        ("typed", "direct", |f| {
            let _ = black_box(now(create(
                black_box(f.input.clone()),
                Ctx::detached(f.context.clone()),
            )));
        }),
        ("typed", "bound", |f| {
            let _ = black_box(now(f.create.call(
                &f.runtime,
                black_box(f.input.clone()),
                f.context.clone(),
            )));
        }),
        ("typed", "call", |f| {
            let _ = black_box(now(f
                .runtime
                .call::<CreateItem>(black_box(f.input.clone()), f.context.clone())));
        }),
    ]
}

fn main() {
    let fixture = Fixture::new();
    let cases = cases(&fixture);
    if let Ok(name) = std::env::var("BENCH_CASE") {
        let iterations: u64 = std::env::var("BENCH_ITERATIONS")
            .ok()
            .map_or(10_000, |n| n.parse().expect("BENCH_ITERATIONS is a number"));
        let (_, _, case) = cases
            .iter()
            .find(|(group, case, _)| format!("{group}/{case}") == name)
            .expect("BENCH_CASE names a case");
        for _ in 0..iterations {
            case(&fixture);
        }
        return;
    }
    let mut criterion = Criterion::default().configure_from_args();
    for group in ["dynamic", "typed"] {
        let mut benchmarks = criterion.benchmark_group(group);
        for (_, name, case) in cases.iter().filter(|(g, _, _)| *g == group) {
            benchmarks.bench_function(*name, |b| b.iter(|| case(&fixture)));
        }
        benchmarks.finish();
    }
    criterion.final_summary();
}
