//! How the REST client reads answers, the contract's and others, from a server that answers
//! what each test gives it: the output decoded with its envelope (present, `null` or absent),
//! `204` with the `x-trace-id` header, and every answer that is not the contract refused with
//! a message saying why.

mod support;

use axum::http::StatusCode;
use axum::routing::post;
use axum::Router;
use contracts_client::{CallError, CallResult, RestClient, TransportKind};
use contracts_core::wire::SuccessCode;
use contracts_core::{command, registry, Model};
use std::sync::{Arc, Mutex};
use support::{serve, Server};

/// Echoes a text, maybe.
#[command(key = "test.echo", version = "1.0.0", output = Option<String>, policy(auth = "anonymous"))]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct Echo {
    pub text: String,
}

registry! { pub static ECHO; defaults(owners = ["team.test"], stability = "beta"); contracts(Echo); }

/// The answer the server gives next: status and body.
type Answer = Arc<Mutex<(u16, String)>>;

async fn canned() -> (Server, Answer) {
    let answer: Answer = Arc::new(Mutex::new((200, String::new())));
    let shared = Arc::clone(&answer);
    let router = Router::new().route(
        "/test/echo/v1.0.0",
        post(move || {
            let (status, body) = shared.lock().unwrap().clone();
            async move {
                (
                    StatusCode::from_u16(status).unwrap(),
                    [
                        ("content-type", "application/json"),
                        ("x-trace-id", "header-trace"),
                    ],
                    body,
                )
            }
        }),
    );
    (serve(router).await, answer)
}

async fn read(client: &RestClient, answer: &Answer, status: u16, body: &str) -> CallResult<Echo> {
    *answer.lock().unwrap() = (status, body.to_owned());
    client.call::<Echo>(Echo { text: "hi".into() }).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn envelopes_are_read_with_their_output() {
    let (server, answer) = canned().await;
    let client = RestClient::new(&server.base_url(), &ECHO);
    let body = r#"{"ok":true,"code":"CREATED","status":201,"data":"hi","traceId":"t-1"}"#;
    let reply = read(&client, &answer, 201, body).await.unwrap();
    assert_eq!(reply.output().as_deref(), Some("hi"));
    assert_eq!(
        (reply.code(), reply.trace_id().as_str()),
        (SuccessCode::Created, "t-1")
    );
    for data in [r#","data":null"#, ""] {
        let body = format!(r#"{{"ok":true,"code":"OK","status":200{data},"traceId":"t-2"}}"#);
        let reply = read(&client, &answer, 200, &body).await.unwrap();
        assert_eq!(reply.trace_id().as_str(), "t-2");
        assert_eq!(reply.into_output(), None);
    }
    let reply = read(&client, &answer, 204, "").await.unwrap();
    assert_eq!(
        (reply.code(), reply.trace_id().as_str()),
        (SuccessCode::NoContent, "header-trace")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answers_that_are_not_the_contract_say_why() {
    let (server, answer) = canned().await;
    let client = RestClient::new(&server.base_url(), &ECHO);
    let cases = [
        (
            200,
            r#"{"ok":true,"code":"OK","status":200,"data":5,"traceId":"t"}"#,
            "the output is not a `core::option::Option<alloc::string::String>`",
        ),
        (
            200,
            r#"{"ok":true,"code":"CREATED","status":201,"traceId":"t"}"#,
            "the envelope's code `CREATED` is not the answer's status",
        ),
        (
            200,
            r#"{"ok":true,"code":"OK","status":201,"traceId":"t"}"#,
            "not a result envelope: status 201 is not the status of `OK`",
        ),
        (
            200,
            r#"{"ok":false,"code":"OK","status":200,"traceId":"t"}"#,
            "a success envelope has `ok: true`",
        ),
        (
            502,
            "<html>bad gateway</html>",
            "the answer is not a problem",
        ),
    ];
    for (status, body, expected) in cases {
        match read(&client, &answer, status, body).await {
            Err(CallError::Transport(error)) => {
                assert_eq!(error.kind, TransportKind::Response);
                assert_eq!(error.status, Some(status));
                assert_eq!(
                    error.trace_id.as_ref().map(|t| t.as_str()),
                    Some("header-trace")
                );
                assert!(error.message.contains(expected), "{}", error.message);
            }
            other => panic!("expected an unreadable answer to {body}, got {other:?}"),
        }
    }
}
