//! The REST adapter against a hand-written axum handler answering the same response: a small
//! query (`bench.item.get`, input in the query string) whose success body is the result
//! envelope with the same trace id, and the same `x-trace-id` header.
//!
//! Modes, chosen by environment variables (several may run in one process):
//!
//! - in process (default, `BENCH_IN_PROCESS=0` to skip): both routers called without network on
//!   one thread (`tower::ServiceExt::oneshot`, body collected), in alternating batches; each
//!   batch's CPU time is the thread's own (`CLOCK_THREAD_CPUTIME_ID`), so time other
//!   processes take from the shared cores is not counted. Prints the CPU time per request of
//!   the fastest batch of each side and the median of the per-round ratios: the primary
//!   figure, target at most 1.1x.
//! - `BENCH_CASE=adapter|hand_written`: `BENCH_ITERATIONS` requests (default 10,000) of one
//!   side, for `valgrind --tool=callgrind` (two counts, the difference of the totals over the
//!   difference of the counts).
//! - `BENCH_LOAD=1`: both servers on loopback, `BENCH_CLIENTS` (default 32) keep-alive
//!   connections sending requests back to back for `BENCH_ROUND_MS` (default 1000) per server
//!   and round over `BENCH_ROUNDS` (default 10) paired rounds in alternating order; requests
//!   per second, latency percentiles, throughput ratio. The load client shares the machine's
//!   cores with the servers, which dilutes the servers' difference.
//! - `BENCH_CRITERION=1`: criterion, one request on a warm keep-alive connection to each.
//!
//! - `BENCH_ROUTE=bound`: the in-process figures and instruction counts for a bound route
//!   instead (`bench.item.at`: `GET /items/{id}` with the path parameter merged into the
//!   input and the bare item as the body, against axum's `Path` and `Query` and a bare `Json`).
//!
//! `cargo bench -p contracts-axum --bench rest`.

use axum::extract::{Path, Query, Request};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use contracts_axum::{trace_id_from_headers, RestApi, X_TRACE_ID};
use contracts_core::{query, registry, Model};
use contracts_runtime::{Ctx, Failure, FailureCode, Runtime, TraceId};
use criterion::Criterion;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::net::SocketAddr;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Read a catalog item.
#[query(key = "bench.item.get", version = "1.0.0", output = Item, policy(auth = "anonymous"))]
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, Model)]
#[serde(deny_unknown_fields)]
pub struct GetItem {
    pub id: String,
    #[serde(default)]
    pub currency: Option<String>,
}

/// Read a catalog item at a bound route: `GET /items/{id}`, the bare item as the body.
#[query(key = "bench.item.at", version = "1.0.0", output = Item,
    http(path = "/items/{id}", envelope = false), policy(auth = "anonymous"))]
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, Model)]
#[serde(deny_unknown_fields)]
pub struct GetItemAt {
    pub id: String,
    #[serde(default)]
    pub currency: Option<String>,
}

/// A catalog item.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase")]
pub struct Item {
    pub id: String,
    pub name: String,
    pub price_cents: u64,
    pub currency: String,
    pub in_stock: bool,
}

registry! {
    pub static BENCH;
    defaults(owners = ["team.bench"], stability = "beta");
    contracts(GetItem, GetItemAt);
}

/// The handler logic both servers share.
fn lookup(input: GetItem) -> Option<Item> {
    let number: u64 = input.id.strip_prefix("item-")?.parse().ok()?;
    Some(Item {
        name: format!("Item number {number}"),
        price_cents: 100 + number * 7,
        currency: input.currency.unwrap_or_else(|| "EUR".to_owned()),
        in_stock: !number.is_multiple_of(3),
        id: input.id,
    })
}

async fn get_item(input: GetItem, _ctx: Ctx<GetItem>) -> Result<Item, Failure> {
    lookup(input).ok_or_else(|| Failure::standard(FailureCode::NotFound))
}

async fn get_item_at(input: GetItemAt, _ctx: Ctx<GetItemAt>) -> Result<Item, Failure> {
    let input = GetItem {
        id: input.id,
        currency: input.currency,
    };
    lookup(input).ok_or_else(|| Failure::standard(FailureCode::NotFound))
}

fn adapter() -> Router {
    let mut runtime = Runtime::new(&BENCH);
    runtime
        .bind::<GetItem>(get_item)
        .unwrap()
        .bind::<GetItemAt>(get_item_at)
        .unwrap();
    RestApi::new(runtime).into_router().unwrap()
}

/// The body of a success, as the adapter writes it: the result envelope.
#[derive(Serialize)]
struct Envelope<'a, T> {
    ok: bool,
    code: &'static str,
    status: u16,
    data: T,
    #[serde(rename = "traceId")]
    trace_id: &'a str,
}

/// What a team would write by hand: the query string read by axum's `Query`, the trace id
/// taken from the headers (borrowed, not extracted as a copied `HeaderMap`), the same envelope
/// serialized by axum's `Json`.
fn hand_written() -> Router {
    Router::new()
        .route(
            "/items/{id}",
            get(|Path(id): Path<String>, request: Request| async move {
                let trace_id =
                    trace_id_from_headers(request.headers()).unwrap_or_else(TraceId::generate);
                let Ok(Query(currency)) = Query::<Currency>::try_from_uri(request.uri()) else {
                    return StatusCode::BAD_REQUEST.into_response();
                };
                let input = GetItem {
                    id,
                    currency: currency.currency,
                };
                match lookup(input) {
                    Some(item) => ([(X_TRACE_ID, trace_id.as_str())], Json(item)).into_response(),
                    None => StatusCode::NOT_FOUND.into_response(),
                }
            }),
        )
        .route(
            "/bench/item/get/v1.0.0",
            get(|request: Request| async move {
                let trace_id =
                    trace_id_from_headers(request.headers()).unwrap_or_else(TraceId::generate);
                let Ok(Query(input)) = Query::<GetItem>::try_from_uri(request.uri()) else {
                    return StatusCode::BAD_REQUEST.into_response();
                };
                match lookup(input) {
                    Some(item) => {
                        let body = Json(Envelope {
                            ok: true,
                            code: "OK",
                            status: 200,
                            data: item,
                            trace_id: trace_id.as_str(),
                        });
                        ([(X_TRACE_ID, trace_id.as_str())], body).into_response()
                    }
                    None => StatusCode::NOT_FOUND.into_response(),
                }
            }),
        )
}

/// The query string of the bound route, besides its path parameter.
#[derive(Deserialize)]
struct Currency {
    currency: Option<String>,
}

/// The request path of the in-process and instruction counts: the rule's route, or with
/// `BENCH_ROUTE=bound` the bound route (`GET /items/{id}`, bare body, path parameter).
fn path() -> &'static str {
    static PATH: std::sync::OnceLock<&'static str> = std::sync::OnceLock::new();
    PATH.get_or_init(|| match std::env::var("BENCH_ROUTE").as_deref() {
        Ok("bound") => "/items/item-42?currency=USD",
        _ => "/bench/item/get/v1.0.0?id=item-42&currency=USD",
    })
}

const REQUEST: &[u8] = b"GET /bench/item/get/v1.0.0?id=item-42&currency=USD HTTP/1.1\r\nHost: 127.0.0.1\r\nx-trace-id: bench-1\r\n\r\n";

/// Serves `router` on an ephemeral loopback port, on its own two-thread runtime.
fn serve(router: Router) -> SocketAddr {
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            sender.send(listener.local_addr().unwrap()).unwrap();
            let options = contracts_axum::ServeOptions::default();
            contracts_axum::serve(listener, router, options, std::future::pending())
                .await
                .unwrap();
        });
    });
    receiver.recv().unwrap()
}

/// A keep-alive HTTP/1.1 connection sending [`REQUEST`] and reading whole responses.
struct Connection {
    stream: TcpStream,
    buffer: Vec<u8>,
}

impl Connection {
    async fn open(address: SocketAddr) -> Connection {
        let stream = TcpStream::connect(address).await.unwrap();
        stream.set_nodelay(true).unwrap();
        Connection {
            stream,
            buffer: Vec::with_capacity(4096),
        }
    }

    /// Sends one request and reads its response; returns the status.
    async fn call(&mut self) -> u16 {
        self.stream.write_all(REQUEST).await.unwrap();
        self.buffer.clear();
        let mut chunk = [0u8; 4096];
        loop {
            let read = self.stream.read(&mut chunk).await.unwrap();
            assert!(read > 0, "the server closed the connection");
            self.buffer.extend_from_slice(&chunk[..read]);
            if let Some(end) = find(&self.buffer, b"\r\n\r\n") {
                let head = std::str::from_utf8(&self.buffer[..end]).unwrap();
                let length: usize = head
                    .lines()
                    .find_map(|line| {
                        let (name, value) = line.split_once(':')?;
                        name.eq_ignore_ascii_case("content-length")
                            .then(|| value.trim().parse().unwrap())
                    })
                    .expect("a content-length");
                if self.buffer.len() >= end + 4 + length {
                    return head[9..12].parse().unwrap();
                }
            }
        }
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The CPU time of this process so far (user and system), from `/proc/self/stat`.
fn cpu_time() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which may hold spaces): utime and stime are 14 and 15.
    let fields: Vec<&str> = stat
        .rsplit(')')
        .next()
        .unwrap_or("")
        .split_whitespace()
        .collect();
    let ticks: u64 = fields
        .get(11..13)
        .map_or(0, |f| f.iter().filter_map(|t| t.parse::<u64>().ok()).sum());
    Duration::from_millis(ticks * 10)
}

/// One round of the load loop: requests per second and sorted latencies.
fn load(address: SocketAddr, clients: usize, duration: Duration) -> (f64, Vec<Duration>) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async move {
        let start = Instant::now();
        let tasks: Vec<_> = (0..clients)
            .map(|_| {
                tokio::spawn(async move {
                    let mut connection = Connection::open(address).await;
                    let mut latencies = Vec::with_capacity(1 << 16);
                    while start.elapsed() < duration {
                        let sent = Instant::now();
                        assert_eq!(connection.call().await, 200);
                        latencies.push(sent.elapsed());
                    }
                    latencies
                })
            })
            .collect();
        let mut latencies = Vec::new();
        for task in tasks {
            latencies.extend(task.await.unwrap());
        }
        let elapsed = start.elapsed();
        latencies.sort_unstable();
        (latencies.len() as f64 / elapsed.as_secs_f64(), latencies)
    })
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index]
}

fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn load_loop(adapter: SocketAddr, hand_written: SocketAddr) {
    let clients = env_or("BENCH_CLIENTS", 32) as usize;
    let millis = env_or("BENCH_ROUND_MS", 1000);
    let rounds = env_or("BENCH_ROUNDS", 10) as usize;
    let duration = Duration::from_millis(millis);
    println!(
        "\nload: {clients} keep-alive clients, {rounds} paired rounds of {millis} ms per server \
         (the order alternates)"
    );
    // Warm both up.
    load(adapter, clients, Duration::from_millis(300));
    load(hand_written, clients, Duration::from_millis(300));
    let mut totals = [(0.0f64, Vec::new()), (0.0f64, Vec::new())];
    let mut ratios = Vec::with_capacity(rounds);
    let mut cpu_per_request = [Vec::new(), Vec::new()];
    for round in 0..rounds {
        let mut rps = [0.0; 2];
        let order = if round % 2 == 0 { [0, 1] } else { [1, 0] };
        for slot in order {
            let address = [adapter, hand_written][slot];
            let cpu = cpu_time();
            let (round_rps, latencies) = load(address, clients, duration);
            let cpu = cpu_time() - cpu;
            cpu_per_request[slot].push(cpu.as_secs_f64() * 1e6 / latencies.len() as f64);
            rps[slot] = round_rps;
            totals[slot].0 += round_rps;
            totals[slot].1.extend(latencies);
        }
        println!(
            "  round {:>2}: adapter {:>9.0} req/s, hand-written {:>9.0} req/s, ratio {:.3}",
            round + 1,
            rps[0],
            rps[1],
            rps[0] / rps[1]
        );
        ratios.push(rps[0] / rps[1]);
    }
    ratios.sort_by(f64::total_cmp);
    let report = |name: &str, (rps, latencies): &mut (f64, Vec<Duration>)| {
        latencies.sort_unstable();
        let micros = |p| percentile(latencies, p).as_secs_f64() * 1e6;
        println!(
            "{name:<24} {:>9.0} req/s   p50 {:>7.1} µs   p99 {:>7.1} µs   p99.9 {:>7.1} µs",
            *rps / rounds as f64,
            micros(0.50),
            micros(0.99),
            micros(0.999)
        );
    };
    println!("mean over the rounds, latency percentiles over every request:");
    let [ours, theirs] = &mut totals;
    report("contracts-axum adapter", ours);
    report("hand-written axum", theirs);
    let median = |values: &mut Vec<f64>| {
        values.sort_by(f64::total_cmp);
        values[values.len() / 2]
    };
    let [ours_cpu, theirs_cpu] = &mut cpu_per_request;
    println!(
        "CPU per request (server and client, median of rounds): adapter {:.1} µs, hand-written {:.1} µs",
        median(ours_cpu),
        median(theirs_cpu)
    );
    println!(
        "throughput ratio (adapter / hand-written): median of rounds {:.3}x, of means {:.3}x",
        ratios[ratios.len() / 2],
        ours.0 / theirs.0
    );
}

fn latency(c: &mut Criterion, adapter: SocketAddr, hand_written: SocketAddr) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let mut group = c.benchmark_group("rest_small_query_keep_alive");
    for (name, address) in [("adapter", adapter), ("hand_written", hand_written)] {
        let mut connection = runtime.block_on(Connection::open(address));
        group.bench_function(name, |b| {
            b.iter(|| runtime.block_on(connection.call()));
        });
    }
    group.finish();
}

/// One request of the in-process benchmark, answered by `router`: its body.
async fn one_request(router: &Router) -> bytes::Bytes {
    use tower::ServiceExt;
    let request = axum::http::Request::get(path())
        .header(X_TRACE_ID, "bench-1")
        .body(axum::body::Body::empty())
        .unwrap();
    let response = router.clone().oneshot(request).await.unwrap();
    assert_eq!(response.status(), 200);
    axum::body::to_bytes(response.into_body(), 1 << 16)
        .await
        .unwrap()
}

/// The CPU time of the calling thread, in nanoseconds (`CLOCK_THREAD_CPUTIME_ID`).
fn thread_cpu_ns() -> u64 {
    let time = rustix::time::clock_gettime(rustix::time::ClockId::ThreadCPUTime);
    time.tv_sec as u64 * 1_000_000_000 + time.tv_nsec as u64
}

/// The server side alone, without network, on this thread: each router answers batches of
/// requests in alternation; prints the CPU time per request of the fastest batch of each and
/// the median of the per-round ratios.
fn in_process(adapter: &Router, hand_written: &Router) {
    const ROUNDS: usize = 100;
    const BATCH: u64 = 1_000;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let batch = |router: &Router| {
        runtime.block_on(async {
            let start = thread_cpu_ns();
            for _ in 0..BATCH {
                std::hint::black_box(one_request(router).await);
            }
            (thread_cpu_ns() - start) as f64 / BATCH as f64
        })
    };
    batch(adapter);
    batch(hand_written);
    let (mut ours, mut theirs, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..ROUNDS {
        let (a, h) = if round % 2 == 0 {
            let a = batch(adapter);
            (a, batch(hand_written))
        } else {
            let h = batch(hand_written);
            (batch(adapter), h)
        };
        ours.push(a);
        theirs.push(h);
        ratios.push(a / h);
    }
    let min = |v: &[f64]| v.iter().copied().fold(f64::INFINITY, f64::min);
    ratios.sort_by(f64::total_cmp);
    println!(
        "in process, CPU per request ({ROUNDS} rounds of {BATCH}): adapter {:.2} µs, hand-written {:.2} µs, fastest {:.3}x, median of round ratios {:.3}x",
        min(&ours) / 1e3,
        min(&theirs) / 1e3,
        min(&ours) / min(&theirs),
        ratios[ROUNDS / 2],
    );
}

fn main() {
    let routers = [("adapter", adapter()), ("hand_written", hand_written())];
    // The two answer the same body, byte for byte.
    let bodies: Vec<bytes::Bytes> = routers
        .iter()
        .map(|(_, router)| {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .build()
                .unwrap();
            runtime.block_on(one_request(router))
        })
        .collect();
    assert_eq!(bodies[0], bodies[1]);

    if let Ok(name) = std::env::var("BENCH_CASE") {
        let (_, router) = routers
            .iter()
            .find(|(case, _)| *case == name)
            .expect("BENCH_CASE is adapter or hand_written");
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        runtime.block_on(async {
            for _ in 0..env_or("BENCH_ITERATIONS", 10_000) {
                std::hint::black_box(one_request(router).await);
            }
        });
        return;
    }
    let args: Vec<String> = std::env::args().collect();
    if args.iter().any(|a| a == "--list" || a == "--test") {
        return;
    }
    let enabled = |name: &str, default: bool| {
        std::env::var(name).map_or(default, |v| !matches!(v.as_str(), "0" | "false" | "no"))
    };
    let [(_, adapter), (_, hand_written)] = routers;
    if enabled("BENCH_IN_PROCESS", true) {
        in_process(&adapter, &hand_written);
    }
    if enabled("BENCH_CRITERION", false) || enabled("BENCH_LOAD", false) {
        let adapter = serve(adapter);
        let hand_written = serve(hand_written);
        if enabled("BENCH_CRITERION", false) {
            let mut criterion = Criterion::default()
                .configure_from_args()
                .measurement_time(Duration::from_secs(3))
                .warm_up_time(Duration::from_secs(1));
            latency(&mut criterion, adapter, hand_written);
            criterion.final_summary();
        }
        if enabled("BENCH_LOAD", false) {
            load_loop(adapter, hand_written);
        }
    }
}
