//! Serve a contract registry with bound handlers over HTTP: an axum [`Router`](axum::Router)
//! following ContractSpec's REST rule, with problem details, OpenAPI, pluggable
//! authentication and tracing.
//!
//! ```no_run
//! use contracts_axum::RestApi;
//! use contracts_core::{command, registry, Model};
//! use contracts_runtime::{Ctx, Failure, Runtime};
//!
//! /// Say hello.
//! #[command(key = "demo.hello", version = "1.0.0", output = String, policy(auth = "anonymous"))]
//! #[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
//! pub struct Hello { pub name: String }
//!
//! registry! { pub static DEMO; defaults(owners = ["team.demo"], stability = "beta"); contracts(Hello); }
//!
//! async fn hello(input: Hello, _ctx: Ctx<Hello>) -> Result<String, Failure> {
//!     Ok(format!("hello {}", input.name))
//! }
//!
//! #[tokio::main]
//! async fn main() -> std::io::Result<()> {
//!     let mut runtime = Runtime::new(&DEMO);
//!     runtime.bind::<Hello>(hello).unwrap();
//!     // Fails if an operation has no handler: nothing answers 501 by surprise.
//!     let router = RestApi::new(runtime).into_router().unwrap();
//!     let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
//!     // curl -H 'content-type: application/json' -d '{"name":"Ada"}' http://127.0.0.1:8080/demo/hello/v1.0.0
//!     contracts_axum::serve(listener, router, Default::default(), std::future::pending()).await
//! }
//! ```
//!
//! # The HTTP contract
//!
//! **Routes.** Each operation of the registry is at its REST path
//! ([`rest_path`](contracts_export::naming::rest_path): `/` + key with dots as slashes + `/v` +
//! version, e.g. `/controlPlane/execution/start/v1.0.0`), with its REST method:
//!
//! - a **command** is `POST` with its input as the JSON body (`Content-Type:
//!   application/json` or any `application/*+json`, or none; another media type is `415`; an
//!   empty body is `{}`);
//! - a **query** is `GET` with its input in the query string: one parameter per top-level
//!   field, typed by the input's schema as the OpenAPI document lists them (numbers, booleans
//!   and `null` read from their text, lists as repeated parameters `?ids=a&ids=b`, objects and
//!   anything more complex as JSON text), or the whole input as JSON text in `?input=<json>`
//!   (unless the input has a field named `input`). Other parameters are passed to the input
//!   as strings, for its type to refuse (unknown field) or ignore.
//!
//! An operation may choose its own route with `http(method, path, status, envelope)` on its
//! attribute (see [`contracts_core::descriptors::HttpBinding`]): its method, a path template
//! whose `{name}` segments are input fields (merged into the input, typed by their schema; a
//! body or query string that gives the same field with another value is `400`), the status of
//! every success, and whether the body is the envelope or the bare output (the trace id is then
//! in `x-trace-id` only). Operations bound to one path with different methods share it; another
//! method is `405` with `Allow` listing theirs.
//!
//! `GET /openapi.json` serves the OpenAPI 3.1 document of the same registry
//! ([`contracts_export::openapi`]), which describes exactly this contract.
//!
//! **Success.** The status is the success code's (`200` OK, `201` CREATED, `202` ACCEPTED or
//! QUEUED, `206` PARTIAL, `207` MULTI_STATUS) and the body, `application/json`, is the
//! runtime's result envelope:
//!
//! ```json
//! {"ok":true,"code":"CREATED","status":201,"data":{"runId":"..."},"traceId":"4bf92f35..."}
//! ```
//!
//! `NO_CONTENT` answers `204` without a body.
//!
//! **Failure.** The status is the problem's and the body, `application/problem+json`, is the
//! runtime's RFC 9457 [`Problem`](contracts_runtime::Problem) (`type`, `title`, `status`,
//! `detail`, `instance`, `code`, `category`, `severity`, `retryable`, `retryAfter`,
//! `traceId`, `operation`, `issues`, `escalation`, `metadata`):
//!
//! | status | code | when |
//! |---|---|---|
//! | 400 | `BAD_REQUEST` | malformed JSON body or `input`, a JSON parameter that does not parse |
//! | 401 | `UNAUTHENTICATED` | the operation needs a user and the caller is anonymous, or the credentials were refused (with `WWW-Authenticate: Bearer`) |
//! | 403 | `FORBIDDEN` | admin-only without the `admin` role, a feature flag, a decider's deny |
//! | 404 | `NOT_FOUND` | no operation at this path (the detail lists the known versions of the key) |
//! | 405 | `METHOD_NOT_ALLOWED` | the operation's other method (with `Allow`) |
//! | 412 | `PRECONDITION_FAILED` | a human review is required (`escalation`) |
//! | 413 | `PAYLOAD_TOO_LARGE` | the body is over the limit |
//! | 415 | `UNSUPPORTED_MEDIA_TYPE` | the body's `Content-Type` is not JSON |
//! | 422 | `VALIDATION_FAILED` | the input does not match the contract (`issues` with field paths) |
//! | 429 | `RATE_LIMITED` | a decider rate-limited the caller (with `Retry-After` when known) |
//! | 500 | `INTERNAL_ERROR` | the handler panicked or failed unexpectedly |
//! | 501 | `NOT_IMPLEMENTED` | the operation is left unbound on purpose ([`Runtime::leave_unbound`](contracts_runtime::Runtime::leave_unbound)); the policy is checked first |
//! | 504 | `TIMEOUT` | the request took longer than the timeout |
//! | any | declared | a declared error, at its declared status |
//!
//! **Headers.** Every response carries `x-trace-id`: the call's trace id, taken from the
//! request's `traceparent` (W3C Trace Context) or `x-trace-id` header when valid
//! ([`trace_id_from_headers`]), generated otherwise. It is the trace id of the
//! [`CallContext`](contracts_runtime::CallContext), hence of the handler's context, of the
//! envelope or problem, and of every event the call emits.
//!
//! **Who calls.** An [`Authenticator`] turns the request headers into an
//! [`Actor`](contracts_runtime::Actor). The default, [`Anonymous`], makes every caller
//! anonymous, so operations whose auth level is `user` or `admin` answer `401` until a real
//! authenticator is configured. [`StaticTokens`] maps fixed bearer tokens to actors, for tests
//! and demos only.
//!
//! **Connections.** [`serve`](serve()) closes a connection whose client does not send a
//! request's headers within [`ServeOptions::header_timeout`] (10 s by default), which
//! `axum::serve` does not bound.
//!
//! **Tracing.** Each request runs in a `tracing` span `http.request` with the method, route,
//! trace id and status; the runtime's `contract.execute` span is its child.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod auth;
mod rest;
mod server;
mod trace;

/// The axum this crate builds on, for routers and servers of the same version.
pub use axum;

pub use auth::{bearer_token, Anonymous, AuthError, Authenticator, StaticTokens};
pub use contracts_export::openapi_options;
pub use contracts_runtime::{traceparent_trace_id, MAX_TRACE_ID_LEN};
pub use rest::{RestApi, DEFAULT_BODY_LIMIT, DEFAULT_TIMEOUT, OPENAPI_PATH, PAYLOAD_TOO_LARGE};
pub use server::{serve, ServeOptions, DEFAULT_HEADER_TIMEOUT};
pub use trace::{trace_id_from_headers, TRACEPARENT, X_TRACE_ID};
