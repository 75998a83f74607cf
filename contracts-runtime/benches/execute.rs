//! The runtime's overhead on a small command, against hand-written code doing the same work.
//!
//! - `dynamic`: [`Runtime::execute`] (JSON text in, serialized output out; case `execute`) and
//!   [`OperationHandle::execute`] (the same call of an operation resolved once, as the REST and
//!   MCP servers make it; case `handle`), against `hand_written`: a function that deserializes
//!   with serde, calls the same handler and serializes. `hand_written_strict` decodes strictly,
//!   as the runtime does; `erased` is the floor of any dynamic call: strict decoding, the
//!   handler behind a `dyn` call with its future boxed (a caller that finds it at run time
//!   cannot name its type), one span and panics caught.
//! - `typed`: a [`BoundHandler`] (`bound`) against `guarded`, the hand-written floor of any
//!   call that keeps the runtime's guarantees (one span, a second handle on the call's state,
//!   panics caught) around a direct call of the handler (`direct`); and [`Runtime::call`]
//!   (`call`), which finds the handler in the registry and boxes its future.
//!
//! Both sides build the handler's context the same way (a `CallContext` clone, and a `Ctx`),
//! and poll the future with a no-op waker, so the difference is the runtime's own work.
//!
//! Three ways to run it:
//!
//! - `BENCH_INTERLEAVED=1`: each case of [`PAIRS`] against its baseline in alternating batches
//!   of one process; prints the fastest batch of each and the median of the per-round ratios
//!   (steadier than separate criterion runs on a shared machine). The targets are read this way.
//! - `BENCH_CASE=<group>/<case>`: runs that case `BENCH_ITERATIONS` times (default 10,000), for
//!   `valgrind --tool=callgrind`: two runs with different counts, the difference of the totals
//!   divided by the difference of the counts, cancel the set-up.
//! - otherwise criterion: `cargo bench -p contracts-runtime -- --warm-up-time 1
//!   --measurement-time 3`.

use contracts_core::decode::Strict;
use contracts_core::{command, registry, Model, NonEmptyString};
use contracts_runtime::{
    Actor, BoundHandler, CallContext, Ctx, Failure, FailureCode, Handler, InMemoryPublisher,
    OperationHandle, Runtime,
};
use criterion::Criterion;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::future::Future;
use std::hint::black_box;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::pin::Pin;
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

/// A handler as a dynamic caller must hold it, its type unknown where it is called: JSON in,
/// the handler started on the decoded input, its future boxed.
type Erased = Box<
    dyn Fn(&[u8], CallContext) -> Pin<Box<dyn Future<Output = Result<Created, Failure>> + Send>>
        + Send
        + Sync,
>;

/// [`create`], erased, decoding strictly as the runtime does.
fn erase_create() -> Erased {
    Box::new(|bytes, context| {
        let mut deserializer = serde_json::Deserializer::from_slice(bytes);
        let input = CreateItem::deserialize(Strict::new(&mut deserializer)).expect("valid input");
        deserializer.end().expect("no trailing data");
        Box::pin(create(input, Ctx::detached(context)))
    })
}

/// The least that any dynamic call keeping the runtime's guarantees does, written by hand: the
/// handler reached through [`Erased`] (one `dyn` call, one boxed future), started and polled
/// in one span with panics caught, its output encoded. The floor under `execute` and `handle`,
/// as `guarded` is under `bound`.
fn erased(handler: &Erased, bytes: &[u8], context: CallContext) -> Vec<u8> {
    let span = tracing::info_span!(
        "contract.execute",
        key = "bench.item.create",
        trace_id = %context.trace_id(),
        code = tracing::field::Empty,
    );
    let future = {
        let _entered = span.enter();
        catch_unwind(AssertUnwindSafe(|| handler(bytes, context))).expect("no panic")
    };
    let output = now(Guarded {
        span,
        state: (),
        handler: Some(future),
    })
    .expect("handled");
    serde_json::to_vec(&output).expect("serializes")
}

/// The least that any call keeping the runtime's guarantees does, written by hand for this
/// handler: one span, a second handle on the call's state (to take its events after the
/// handler ends), and panics caught when the handler starts and each time it is polled.
///
/// No policy, no runtime check, no events closed, no outcome recorded: the gap between
/// `direct` and this case is the cost of the guarantees themselves, the floor under `bound`.
fn guarded(
    input: CreateItem,
    context: CallContext,
) -> Guarded<impl Future<Output = Result<Created, Failure>>, Ctx<CreateItem>> {
    let span = tracing::info_span!(
        "contract.call",
        key = "bench.item.create",
        trace_id = %context.trace_id(),
        code = tracing::field::Empty,
    );
    let ctx = Ctx::detached(context);
    let state = ctx.clone();
    let handler = {
        let _entered = span.enter();
        catch_unwind(AssertUnwindSafe(|| create(input, ctx))).ok()
    };
    Guarded {
        span,
        state,
        handler,
    }
}

pin_project_lite::pin_project! {
    /// The future of [`guarded`].
    struct Guarded<F, T> {
        span: tracing::Span,
        state: T,
        #[pin]
        handler: Option<F>,
    }
}

impl<F: Future<Output = Result<Created, Failure>>, T> Future for Guarded<F, T> {
    type Output = Result<Created, Failure>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let _entered = this.span.enter();
        let panicked = || Poll::Ready(Err(Failure::standard(FailureCode::InternalError)));
        let Some(handler) = this.handler.as_pin_mut() else {
            return panicked();
        };
        match catch_unwind(AssertUnwindSafe(|| handler.poll(cx))) {
            Ok(Poll::Ready(output)) => {
                black_box(&this.state);
                Poll::Ready(output)
            }
            Ok(Poll::Pending) => Poll::Pending,
            Err(_) => panicked(),
        }
    }
}

/// What every case runs on; `H` is the type of [`create`], which has no name.
struct Fixture<H> {
    runtime: Runtime<InMemoryPublisher>,
    create: BoundHandler<CreateItem, H>,
    handle: OperationHandle,
    erased: Erased,
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
        let handle = runtime
            .operation("bench.item.create", Some("1.0.0"))
            .expect("in the registry");
        Fixture {
            runtime,
            create,
            handle,
            erased: erase_create(),
            context,
            input,
        }
    }
}

/// One benchmarked call.
type Case<H> = fn(&Fixture<H>);

/// Every case, by group and name.
fn cases<H: Handler<CreateItem>>(_: &Fixture<H>) -> [(&'static str, &'static str, Case<H>); 10] {
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
        ("dynamic", "erased", |f| {
            black_box(erased(&f.erased, black_box(INPUT), f.context.clone()));
        }),
        ("dynamic", "handle", |f| {
            let _ = black_box(now(f.handle.execute(
                &f.runtime,
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
        ("typed", "guarded", |f| {
            let _ = black_box(now(guarded(black_box(f.input.clone()), f.context.clone())));
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
    if std::env::var("BENCH_INTERLEAVED").is_ok() {
        interleaved(&fixture, &cases);
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

/// The comparisons of an interleaved run: a case, and its baseline. The first two carry the
/// targets (`dynamic/execute` at most 1.15x `dynamic/hand_written`, `typed/bound` at most
/// 1.05x `typed/guarded`); the others say where the time goes.
const PAIRS: [(&str, &str); 9] = [
    ("dynamic/execute", "dynamic/hand_written"),
    ("typed/bound", "typed/guarded"),
    ("dynamic/handle", "dynamic/hand_written"),
    ("dynamic/erased", "dynamic/hand_written"),
    ("dynamic/handle", "dynamic/erased"),
    ("dynamic/hand_written_strict", "dynamic/hand_written"),
    ("typed/guarded", "typed/direct"),
    ("typed/bound", "typed/direct"),
    ("typed/call", "typed/guarded"),
];

/// Times each case of [`PAIRS`] against its baseline in alternating batches of the same
/// process, and prints the fastest batch of each (noise only ever adds time) and the median of
/// the per-round ratios: steadier than separate criterion runs on a shared machine.
fn interleaved<H: Handler<CreateItem>>(
    fixture: &Fixture<H>,
    cases: &[(&'static str, &'static str, Case<H>)],
) {
    const ROUNDS: usize = 200;
    const BATCH: u32 = 2_000;
    let time = |case: Case<H>| {
        let start = std::time::Instant::now();
        for _ in 0..BATCH {
            case(fixture);
        }
        start.elapsed().as_secs_f64() * 1e9 / f64::from(BATCH)
    };
    let find = |name: &str| {
        cases
            .iter()
            .find(|(group, case, _)| format!("{group}/{case}") == name)
            .map(|(_, _, case)| *case)
            .expect("a pair names cases")
    };
    for (name, baseline) in PAIRS {
        let (case, base) = (find(name), find(baseline));
        let mut base_ns = Vec::with_capacity(ROUNDS);
        let mut case_ns = Vec::with_capacity(ROUNDS);
        let mut ratios = Vec::with_capacity(ROUNDS);
        for _ in 0..ROUNDS {
            let b = time(base);
            let c = time(case);
            base_ns.push(b);
            case_ns.push(c);
            ratios.push(c / b);
        }
        let min = |v: &[f64]| v.iter().copied().fold(f64::INFINITY, f64::min);
        ratios.sort_by(f64::total_cmp);
        println!(
            "{name} vs {baseline}: fastest {:.1} ns vs {:.1} ns = {:.3}x, median of round ratios {:.3}x",
            min(&case_ns),
            min(&base_ns),
            min(&case_ns) / min(&base_ns),
            ratios[ROUNDS / 2],
        );
    }
}
