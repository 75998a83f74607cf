//! A typed client call against a hand-written reqwest call doing the same request and decoding,
//! over loopback, in the same run.
//!
//! Both call `harness.run.get` (a query: `GET` with the input in the query string, a bearer
//! token, a `traceparent`) on the reference server, through the same `reqwest::Client` (one
//! keep-alive pool), and decode the result envelope into `HarnessRunGetOutput`:
//!
//! - the typed client: `RestClient::call::<HarnessRunGetInput>(input)` (serializes the input,
//!   writes the query string by the query plan, checks the envelope, decodes the output);
//! - by hand: the URL written with `format!`, the same headers, the body decoded by serde into
//!   an envelope struct whose `data` is the output.
//!
//! `BENCH_ROUNDS` rounds (default 30) of `BENCH_BATCH` calls (default 200) of each side, in
//! alternating order; prints the best batch's time per call of each side and the median of the
//! per-round ratios (typed over hand-written): the figure, target at most 1.05x. The server
//! runs on its own thread and runtime; the calls on the main thread, one at a time, so the main
//! thread's CPU time (Linux: `/proc/thread-self/schedstat`) is the client side's alone: its
//! median ratio is printed too, a stricter figure than the wall-clock one, which the server's
//! time dilutes.
//!
//! `cargo bench -p contracts-client --bench client`.

use contracts_axum::{RestApi, StaticTokens};
use contracts_client::RestClient;
use contracts_core::Id;
use contracts_harness::queries::{HarnessRunGetInput, HarnessRunGetOutput};
use contracts_reference::fixtures::COMPLETED_HARNESS_RUN;
use contracts_reference::{in_memory_runtime, Store, DOMAINS};
use contracts_runtime::Actor;
use serde::Deserialize;
use std::time::{Duration, Instant};

const TOKEN: &str = "bench-token";

/// The success envelope, as a hand-written client would declare it.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
struct Envelope<T> {
    ok: bool,
    code: String,
    status: u16,
    data: T,
    trace_id: String,
}

/// The CPU time the calling thread has run, where the system says (Linux).
fn thread_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanos = stat.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(nanos))
}

fn median(ratios: &mut [f64]) -> f64 {
    ratios.sort_by(f64::total_cmp);
    ratios[ratios.len() / 2]
}

fn env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Serves the reference handlers on a loopback port, on a thread of its own.
fn start_server() -> std::net::SocketAddr {
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async move {
            let router = RestApi::new(in_memory_runtime(&Store::demo()))
                .with_authenticator(StaticTokens::new().with_token(TOKEN, Actor::user("bench")))
                .into_router()
                .expect("the reference runtime serves its handlers as a subset");
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            sender.send(listener.local_addr().unwrap()).unwrap();
            axum::serve(listener, router).await.unwrap();
        });
    });
    receiver.recv().unwrap()
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` runs one quick round.
    let quick = std::env::args().all(|arg| arg != "--bench");
    let rounds = if quick { 1 } else { env("BENCH_ROUNDS", 30) };
    let batch = if quick { 5 } else { env("BENCH_BATCH", 200) };
    let address = start_server();
    let base = format!("http://{address}");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let http = reqwest::Client::new();
    let client = RestClient::new(&base, &DOMAINS)
        .with_http_client(http.clone())
        .with_bearer(TOKEN);
    let url = format!("{base}/harness/run/get/v1.0.0");

    let typed = || async {
        let reply = client
            .call::<HarnessRunGetInput>(HarnessRunGetInput {
                run_id: Id(COMPLETED_HARNESS_RUN.to_owned()),
            })
            .await
            .unwrap();
        assert_eq!(reply.run.status, "completed");
    };
    let by_hand = || async {
        let trace_id = contracts_core::wire::TraceId::generate();
        let response = http
            .get(format!("{url}?runId={COMPLETED_HARNESS_RUN}"))
            .header("accept", "application/json, application/problem+json")
            .header("authorization", format!("Bearer {TOKEN}"))
            .header("traceparent", format!("00-{trace_id}-00f067aa0ba902b7-01"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        let body = response.bytes().await.unwrap();
        let envelope: Envelope<HarnessRunGetOutput> = serde_json::from_slice(&body).unwrap();
        assert_eq!(envelope.data.run.status, "completed");
    };

    runtime.block_on(async {
        // Warm up the connection and the server.
        for _ in 0..batch {
            typed().await;
            by_hand().await;
        }
        let mut best = [Duration::MAX; 2];
        let mut ratios = Vec::with_capacity(rounds);
        let mut cpu_ratios = Vec::with_capacity(rounds);
        for round in 0..rounds {
            let mut times = [Duration::ZERO; 2];
            let mut cpu = [None; 2];
            for side in [round % 2, 1 - round % 2] {
                let (start, cpu_start) = (Instant::now(), thread_cpu());
                for _ in 0..batch {
                    if side == 0 {
                        typed().await;
                    } else {
                        by_hand().await;
                    }
                }
                times[side] = start.elapsed() / batch as u32;
                cpu[side] = cpu_start.zip(thread_cpu()).map(|(start, end)| end - start);
                best[side] = best[side].min(times[side]);
            }
            ratios.push(times[0].as_secs_f64() / times[1].as_secs_f64());
            if let [Some(typed), Some(by_hand)] = cpu {
                cpu_ratios.push(typed.as_secs_f64() / by_hand.as_secs_f64());
            }
        }
        let wall = median(&mut ratios);
        println!(
            "client call over loopback ({rounds} rounds x {batch} calls): typed {:.1} us/call, hand-written reqwest {:.1} us/call (best batches); median ratio {wall:.3}x (min {:.3}x, max {:.3}x)",
            best[0].as_secs_f64() * 1e6,
            best[1].as_secs_f64() * 1e6,
            ratios[0],
            ratios[ratios.len() - 1],
        );
        if cpu_ratios.is_empty() {
            println!("client side's CPU time: not measured (no /proc/thread-self/schedstat)");
        } else {
            let cpu = median(&mut cpu_ratios);
            println!(
                "client side's CPU time: median ratio {cpu:.3}x (min {:.3}x, max {:.3}x)",
                cpu_ratios[0],
                cpu_ratios[cpu_ratios.len() - 1],
            );
        }
    });
}
