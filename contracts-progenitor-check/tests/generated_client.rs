//! The client progenitor generated from the OpenAPI 3.0.3 document calls the reference REST
//! server (`contracts-axum`, every reference handler over a fresh demo store) on a loopback
//! port: commands with JSON bodies, queries with their query strings (a list, and a value
//! written as JSON text), success envelopes, a declared error and standard failures.

use contracts_axum::{RestApi, StaticTokens};
use contracts_core::wire::Problem;
use contracts_harness::models::HarnessTarget;
use contracts_harness::queries::{HarnessTargetResolveInput, HarnessTargetResolveOutput};
use contracts_progenitor_check::{types, Client, Error};
use contracts_reference::fixtures::{APPROVED_EXECUTION, APPROVED_PLAN, CHECKOUT_SCENARIO};
use contracts_reference::{in_memory_runtime, Store};
use contracts_runtime::{Actor, Failure};
use futures_util::TryStreamExt;
use progenitor_client::{ByteStream, ResponseValue};
use reqwest::header::{HeaderMap, HeaderValue, AUTHORIZATION};
use serde_json::json;
use std::net::SocketAddr;

const ADMIN_TOKEN: &str = "admin-token";
const USER_TOKEN: &str = "user-token";

/// The reference REST server on a loopback port, with `harness.target.resolve` bound to a
/// handler that answers the target it was asked for (the reference has no handler for it, and
/// its input has a list and a JSON-text parameter); stopped when the task is dropped.
async fn serve() -> (SocketAddr, tokio::task::JoinHandle<()>) {
    let mut runtime = in_memory_runtime(&Store::demo());
    runtime
        .bind::<HarnessTargetResolveInput>(|input: HarnessTargetResolveInput, _ctx| async move {
            Ok::<_, Failure>(HarnessTargetResolveOutput {
                target: HarnessTarget {
                    target_id: input
                        .target_id
                        .unwrap_or_else(|| contracts_core::Id("target-default".to_owned())),
                    kind: "preview".to_owned(),
                    isolation: input.isolation.unwrap_or_else(|| "shared".to_owned()),
                    environment: "test".to_owned(),
                    base_url: input.base_url,
                    allowlisted_domains: input.allowlisted_domains,
                    metadata: input.metadata,
                },
            })
        })
        .expect("harness.target.resolve has no reference handler");
    let tokens = StaticTokens::new()
        .with_token(ADMIN_TOKEN, Actor::admin("admin-1"))
        .with_token(USER_TOKEN, Actor::user("user-1"));
    let router = RestApi::new(runtime)
        .with_authenticator(tokens)
        .into_router()
        .expect("the reference runtime serves its handlers as a subset");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let task = tokio::spawn(async move {
        axum::serve(listener, router).await.unwrap();
    });
    (address, task)
}

/// A generated client of the server at `address`, sending `token` as its bearer credentials.
fn client(address: SocketAddr, token: Option<&str>) -> Client {
    let mut headers = HeaderMap::new();
    if let Some(token) = token {
        headers.insert(
            AUTHORIZATION,
            HeaderValue::try_from(format!("Bearer {token}")).unwrap(),
        );
    }
    let http = reqwest::Client::builder()
        .default_headers(headers)
        .build()
        .unwrap();
    Client::new_with_client(&format!("http://{address}"), http)
}

/// The problem+json a failed call answered: the generated client gives its body as bytes
/// (progenitor types `application/json` bodies only).
async fn problem<T: std::fmt::Debug>(result: Result<T, Error<ByteStream>>) -> Problem {
    let response: ResponseValue<ByteStream> = match result {
        Err(Error::ErrorResponse(response)) => response,
        other => panic!("expected an error response, got {other:?}"),
    };
    let status = response.status().as_u16();
    let content_type = response.headers()[reqwest::header::CONTENT_TYPE].clone();
    assert_eq!(content_type, "application/problem+json");
    let body: Vec<u8> = response
        .into_inner_stream()
        .try_fold(Vec::new(), |mut body, chunk| async move {
            body.extend_from_slice(&chunk);
            Ok(body)
        })
        .await
        .unwrap();
    let problem: Problem = serde_json::from_slice(&body).unwrap();
    assert_eq!(problem.status, status);
    problem
}

fn harness_start(scenario: Option<&str>) -> types::HarnessRunStartV100Input {
    types::HarnessRunStartV100Input {
        actor_id: None,
        control_plane_execution_id: None,
        metadata: Default::default(),
        mode: None,
        scenario_key: scenario.map(|s| s.parse().unwrap()),
        suite_key: None,
        target_id: None,
        workspace_id: None,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_generated_client_calls_the_reference_server() {
    let (address, _server) = serve().await;
    let [admin, user, anonymous] =
        [Some(ADMIN_TOKEN), Some(USER_TOKEN), None].map(|token| client(address, token));

    // A command: POST with the input as the JSON body, the envelope decoded.
    let started = admin
        .control_plane_execution_start_v1_0_0(&types::ControlPlaneExecutionStartV100Input {
            execution_id: APPROVED_EXECUTION.to_owned(),
            mode: None,
            plan_id: APPROVED_PLAN.to_owned(),
        })
        .await
        .unwrap();
    assert_eq!(started.status().as_u16(), 201);
    assert!(started.ok);
    assert_eq!(started.code.to_string(), "CREATED");
    assert_eq!(started.data.status, "running");
    assert_eq!(started.trace_id.len(), 32);

    // Its declared error, with the operation's own code.
    let declared = problem(user.harness_run_start_v1_0_0(&harness_start(None)).await).await;
    assert_eq!(
        (declared.status, declared.code.as_ref()),
        (400, "SCENARIO_OR_SUITE_REQUIRED")
    );
    let run = user
        .harness_run_start_v1_0_0(&harness_start(Some(CHECKOUT_SCENARIO)))
        .await
        .unwrap()
        .into_inner()
        .data
        .run;
    assert_eq!(run.scenario_key.as_deref(), Some(CHECKOUT_SCENARIO));

    // A query: GET with the query string the server reads.
    let got = user.harness_run_get_v1_0_0(&run.run_id).await.unwrap();
    assert_eq!(got.status().as_u16(), 200);
    assert_eq!(got.data.run.run_id, run.run_id);
    assert_eq!(got.data.run.status, run.status);
    let missing = problem(user.harness_run_get_v1_0_0("run with spaces & more").await).await;
    assert_eq!((missing.status, missing.code.as_ref()), (404, "NOT_FOUND"));

    // A list in the form style, and a value written as JSON text.
    let domains = vec!["example.com".to_owned(), "example.org".to_owned()];
    let metadata = json!({ "branch": "main", "attempt": 2, "labels": ["a", "b"] });
    let resolved = user
        .harness_target_resolve_v1_0_0(
            Some(&domains),
            Some("https://preview.example.com"),
            Some("task"),
            Some(&metadata.to_string()),
            Some("target-42"),
        )
        .await
        .unwrap()
        .into_inner()
        .data
        .target;
    assert_eq!(resolved.target_id, "target-42");
    assert_eq!(resolved.isolation, "task");
    assert_eq!(
        resolved.base_url.as_deref(),
        Some("https://preview.example.com")
    );
    assert_eq!(resolved.allowlisted_domains, domains);
    assert_eq!(serde_json::Value::Object(resolved.metadata), metadata);

    // Standard failures: the server refuses what the document says it refuses.
    let invalid = problem(
        user.harness_target_resolve_v1_0_0(None, None, None, Some("{not json"), None)
            .await,
    )
    .await;
    assert_eq!(
        (invalid.status, invalid.code.as_ref()),
        (400, "BAD_REQUEST")
    );
    let unauthenticated = problem(anonymous.harness_run_get_v1_0_0(&run.run_id).await).await;
    assert_eq!(
        (unauthenticated.status, unauthenticated.code.as_ref()),
        (401, "UNAUTHENTICATED")
    );
    let forbidden = problem(
        user.control_plane_execution_start_v1_0_0(&types::ControlPlaneExecutionStartV100Input {
            execution_id: APPROVED_EXECUTION.to_owned(),
            mode: None,
            plan_id: APPROVED_PLAN.to_owned(),
        })
        .await,
    )
    .await;
    assert_eq!(
        (forbidden.status, forbidden.code.as_ref()),
        (403, "FORBIDDEN")
    );
}
