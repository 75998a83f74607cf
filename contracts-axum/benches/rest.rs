//! The REST path on loopback with keep-alive, for a small query, against a hand-written axum
//! handler doing the same work (deserialize the query string, the same handler logic,
//! serialize the output).
//!
//! Two parts, in one run:
//!
//! - criterion: the latency of one request on a warm keep-alive connection, for both servers;
//! - a load loop: `BENCH_CLIENTS` (default 32) concurrent keep-alive connections sending
//!   requests back to back for `BENCH_ROUND_MS` (default 1000) per server and round, over
//!   `BENCH_ROUNDS` (default 10) paired rounds whose order alternates (so that both servers of
//!   a pair see the same machine load), then requests per second, latency percentiles, and the
//!   throughput ratio (the median of the rounds' ratios).
//!
//! - with `BENCH_IN_PROCESS=1`: the server side alone, both routers called in process (no
//!   network), to see the adapter's own cost per request.
//!
//! `cargo bench -p contracts-axum --bench rest` (criterion options after `--`);
//! `BENCH_CRITERION=0` skips criterion, `BENCH_LOAD=0` the load loop.

use axum::extract::Query;
use axum::routing::get;
use axum::{Json, Router};
use contracts_axum::RestApi;
use contracts_core::{query, registry, Model};
use contracts_runtime::{Ctx, Failure, FailureCode, Runtime};
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
    contracts(GetItem);
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

fn adapter() -> Router {
    let mut runtime = Runtime::new(&BENCH);
    runtime.bind::<GetItem>(get_item).unwrap();
    RestApi::new(runtime).into_router()
}

fn hand_written() -> Router {
    Router::new().route(
        "/bench/item/get/v1.0.0",
        get(|Query(input): Query<GetItem>| async move {
            match lookup(input) {
                Some(item) => Ok(Json(item)),
                None => Err(axum::http::StatusCode::NOT_FOUND),
            }
        }),
    )
}

const REQUEST: &[u8] =
    b"GET /bench/item/get/v1.0.0?id=item-42&currency=USD HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

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
            axum::serve(listener, router).await.unwrap();
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

/// The server side alone, without network: each router called in process, sequentially on one
/// thread, then from 32 tasks on two worker threads; prints the time per request.
fn in_process() {
    use tower::ServiceExt;
    async fn hammer(router: Router, requests: usize) {
        for _ in 0..requests {
            let request =
                axum::http::Request::get("/bench/item/get/v1.0.0?id=item-42&currency=USD")
                    .body(axum::body::Body::empty())
                    .unwrap();
            let response = router.clone().oneshot(request).await.unwrap();
            let body = axum::body::to_bytes(response.into_body(), 1 << 16)
                .await
                .unwrap();
            std::hint::black_box(body);
            tokio::task::yield_now().await;
        }
    }
    println!("\nin process (no network), time per request:");
    let one = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let two = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    for round in 0..2 {
        for (name, router) in [("adapter", adapter()), ("hand-written", hand_written())] {
            let requests = 100_000;
            let start = Instant::now();
            one.block_on(hammer(router.clone(), requests));
            let sequential = start.elapsed().as_secs_f64() * 1e6 / requests as f64;
            let (tasks, each) = (32, 5_000);
            let start = Instant::now();
            two.block_on(async {
                let handles: Vec<_> = (0..tasks)
                    .map(|_| tokio::spawn(hammer(router.clone(), each)))
                    .collect();
                for handle in handles {
                    handle.await.unwrap();
                }
            });
            let concurrent = start.elapsed().as_secs_f64() * 1e6 / (tasks * each) as f64;
            println!(
                "  round {}: {name:<12} {sequential:>5.2} µs sequential, {concurrent:>5.2} µs with 32 tasks on 2 threads",
                round + 1
            );
        }
    }
}

fn main() {
    let adapter = serve(adapter());
    let hand_written = serve(hand_written());
    // The two servers answer the same data (the adapter in its envelope).
    let probe = |address| {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async {
            let mut connection = Connection::open(address).await;
            assert_eq!(connection.call().await, 200);
            let body = String::from_utf8_lossy(&connection.buffer).into_owned();
            body.split_once("\r\n\r\n").unwrap().1.to_owned()
        })
    };
    let (ours, theirs) = (probe(adapter), probe(hand_written));
    assert!(ours.contains(&theirs), "{ours} / {theirs}");

    let args: Vec<String> = std::env::args().collect();
    if args.iter().any(|a| a == "--list" || a == "--test") {
        return;
    }
    let enabled = |name: &str, default: bool| {
        std::env::var(name).map_or(default, |v| !matches!(v.as_str(), "0" | "false" | "no"))
    };
    if enabled("BENCH_CRITERION", true) {
        let mut criterion = Criterion::default()
            .configure_from_args()
            .measurement_time(Duration::from_secs(3))
            .warm_up_time(Duration::from_secs(1));
        latency(&mut criterion, adapter, hand_written);
        criterion.final_summary();
    }
    if enabled("BENCH_LOAD", true) {
        load_loop(adapter, hand_written);
    }
    if enabled("BENCH_IN_PROCESS", false) {
        in_process();
    }
}
