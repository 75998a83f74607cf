//! The REST client's policy against the real adapter behind a fault-injecting layer: retries
//! for idempotent operations only, on retryable problems and timeouts; timeouts; credentials.

mod support;

use axum::extract::Request;
use axum::middleware::{from_fn, Next};
use axum::response::Response;
use contracts_client::{CallError, CallOptions, RestClient, Retries, TransportKind};
use contracts_context::ContextPackSnapshotInput;
use contracts_core::wire::{FailureCode, Problem, TraceId, DEFAULT_PROBLEM_BASE};
use contracts_core::{Id, NonEmptyString};
use contracts_harness::queries::HarnessRunGetInput;
use contracts_reference::fixtures::{COMPLETED_HARNESS_RUN, SUPPORT_PACK};
use contracts_reference::DOMAINS;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use support::{reference_router, serve, Server, ADMIN_TOKEN, USER_TOKEN};

/// What the layer in front of the server does to the first `faults` requests.
#[derive(Clone, Copy)]
enum Fault {
    /// Answers `503 SERVICE_UNAVAILABLE`, retryable.
    Unavailable,
    /// Waits this long before passing the request on.
    Slow(Duration),
}

/// The reference server behind a layer applying `fault` to the first `faults` requests;
/// counts every request.
async fn faulty(fault: Fault, faults: usize) -> (Server, Arc<AtomicUsize>) {
    let seen = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&seen);
    let router = reference_router().layer(from_fn(move |request: Request, next: Next| {
        let counter = Arc::clone(&counter);
        async move {
            let index = counter.fetch_add(1, Ordering::SeqCst);
            if index < faults {
                match fault {
                    Fault::Unavailable => return unavailable(),
                    Fault::Slow(wait) => tokio::time::sleep(wait).await,
                }
            }
            next.run(request).await
        }
    }));
    (serve(router).await, seen)
}

fn unavailable() -> Response {
    let problem = Problem::standard(
        DEFAULT_PROBLEM_BASE,
        FailureCode::ServiceUnavailable,
        TraceId::generate(),
    );
    Response::builder()
        .status(503)
        .header("content-type", "application/problem+json")
        .body(serde_json::to_vec(&problem).unwrap().into())
        .unwrap()
}

fn get() -> HarnessRunGetInput {
    HarnessRunGetInput {
        run_id: Id(COMPLETED_HARNESS_RUN.to_owned()),
    }
}

fn snapshot() -> ContextPackSnapshotInput {
    ContextPackSnapshotInput {
        pack_key: NonEmptyString::new(SUPPORT_PACK).unwrap(),
        pack_version: None,
        reason: None,
        requested_by: None,
        metadata: None,
    }
}

fn client(server: &Server, token: &str) -> RestClient {
    RestClient::new(&server.base_url(), &DOMAINS)
        .with_bearer(token)
        .with_retries(Retries::new(2, Duration::from_millis(5)))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idempotent_operations_are_retried_on_retryable_problems() {
    let (server, seen) = faulty(Fault::Unavailable, 2).await;
    let reply = client(&server, USER_TOKEN)
        .call::<HarnessRunGetInput>(get())
        .await
        .unwrap();
    assert_eq!(reply.run.status, "completed");
    assert_eq!(
        seen.load(Ordering::SeqCst),
        3,
        "two failures, then the answer"
    );

    // One failure more than the retries: the last problem is the answer.
    let (server, seen) = faulty(Fault::Unavailable, 3).await;
    let error = client(&server, USER_TOKEN)
        .call::<HarnessRunGetInput>(get())
        .await
        .unwrap_err();
    assert_eq!(error.standard(), Some(FailureCode::ServiceUnavailable));
    assert_eq!(seen.load(Ordering::SeqCst), 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn other_commands_are_never_retried() {
    // `context.pack.snapshot` declares `idempotent = false`.
    let (server, seen) = faulty(Fault::Unavailable, 1).await;
    let error = client(&server, ADMIN_TOKEN)
        .call::<ContextPackSnapshotInput>(snapshot())
        .await
        .unwrap_err();
    assert_eq!(error.standard(), Some(FailureCode::ServiceUnavailable));
    assert!(error.problem().unwrap().retryable);
    assert_eq!(seen.load(Ordering::SeqCst), 1);

    let (server, seen) = faulty(Fault::Slow(Duration::from_millis(400)), 1).await;
    let error = client(&server, ADMIN_TOKEN)
        .with_timeout(Duration::from_millis(100))
        .call::<ContextPackSnapshotInput>(snapshot())
        .await
        .unwrap_err();
    match error {
        CallError::Transport(error) => assert_eq!(error.kind, TransportKind::Timeout),
        other => panic!("expected a timeout, got {other:?}"),
    }
    assert_eq!(seen.load(Ordering::SeqCst), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn timeouts_end_a_call_and_retry_idempotent_ones() {
    let (server, seen) = faulty(Fault::Slow(Duration::from_millis(400)), 1).await;
    let client = client(&server, USER_TOKEN).with_timeout(Duration::from_millis(100));
    // The first attempt times out; the retry is answered.
    let reply = client.call::<HarnessRunGetInput>(get()).await.unwrap();
    assert_eq!(reply.run.status, "completed");
    assert_eq!(seen.load(Ordering::SeqCst), 2);

    let (server, _) = faulty(Fault::Slow(Duration::from_millis(400)), usize::MAX).await;
    let error = RestClient::new(&server.base_url(), &DOMAINS)
        .with_bearer(USER_TOKEN)
        .with_retries(Retries::none())
        .call_with::<HarnessRunGetInput>(
            get(),
            &CallOptions::new().timeout(Duration::from_millis(50)),
        )
        .await
        .unwrap_err();
    match error {
        CallError::Transport(error) => assert_eq!(error.kind, TransportKind::Timeout),
        other => panic!("expected a timeout, got {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refused_credentials_and_unreachable_servers() {
    let server = serve(reference_router()).await;
    let error = RestClient::new(&server.base_url(), &DOMAINS)
        .with_bearer("not-a-token")
        .call::<HarnessRunGetInput>(get())
        .await
        .unwrap_err();
    assert_eq!(error.standard(), Some(FailureCode::Unauthenticated));
    assert!(error.trace_id().is_some());

    let address = server.address;
    drop(server);
    tokio::time::sleep(Duration::from_millis(50)).await;
    let error = RestClient::new(&format!("http://{address}"), &DOMAINS)
        .with_retries(Retries::none())
        .call::<HarnessRunGetInput>(get())
        .await
        .unwrap_err();
    match error {
        CallError::Transport(error) => assert_eq!(error.kind, TransportKind::Connect),
        other => panic!("expected a connection failure, got {other:?}"),
    }
}
