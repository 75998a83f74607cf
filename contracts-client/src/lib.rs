//! Typed clients of a served contract registry: `client.call::<Op>(input).await` returns the
//! operation's output (with the success code and the trace id) or a typed failure whose declared
//! errors are the operation's own, over REST ([`RestClient`], reqwest) or MCP ([`McpClient`],
//! rmcp), both built from the same registry as the server.
//!
//! ```
//! use contracts_client::{CallError, RestClient};
//! use contracts_core::{command, registry, ErrorCatalog, Model};
//! use contracts_runtime::{Ctx, Failure, Runtime};
//!
//! /// Why a name is refused.
//! #[derive(Debug, ErrorCatalog)]
//! pub enum GreetError {
//!     /// The name is on the list of names not greeted.
//!     #[contract_error(http = 409)]
//!     NotGreeted,
//! }
//!
//! /// Greet someone.
//! #[command(key = "demo.greet", version = "1.0.0", output = String, errors = GreetError,
//!           policy(auth = "anonymous"))]
//! #[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
//! pub struct Greet { pub name: String }
//!
//! registry! { pub static DEMO; defaults(owners = ["team.demo"], stability = "beta"); contracts(Greet); }
//!
//! async fn greet(input: Greet, _ctx: Ctx<Greet>) -> Result<String, Failure<GreetError>> {
//!     match input.name.as_str() {
//!         "Voldemort" => Err(GreetError::NotGreeted.into()),
//!         name => Ok(format!("hello {name}")),
//!     }
//! }
//!
//! #[tokio::main]
//! async fn main() -> Result<(), Box<dyn std::error::Error>> {
//!     // The server, on a loopback port.
//!     let mut runtime = Runtime::new(&DEMO);
//!     runtime.bind::<Greet>(greet)?;
//!     let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
//!     let address = listener.local_addr()?;
//!     let router = contracts_axum::RestApi::new(runtime).into_router()?;
//!     tokio::spawn(async move { axum::serve(listener, router).await });
//!
//!     // The client, from the same registry.
//!     let client = RestClient::new(&format!("http://{address}"), &DEMO);
//!     let reply = client.call::<Greet>(Greet { name: "Ada".into() }).await?;
//!     assert_eq!(reply.output(), "hello Ada");
//!     assert_eq!(reply.status(), 200);
//!
//!     match client.call::<Greet>(Greet { name: "Voldemort".into() }).await {
//!         Err(CallError::Declared(GreetError::NotGreeted, problem)) => {
//!             assert_eq!((problem.status, problem.trace_id.as_str().len()), (409, 32));
//!         }
//!         other => panic!("expected the declared error, got {other:?}"),
//!     }
//!     Ok(())
//! }
//! ```
//!
//! # The typed result
//!
//! A call gives a [`CallResult<Op>`]: `Ok(`[`Reply`]`<Op::Output>)` with the output, the
//! [`SuccessCode`](contracts_core::wire::SuccessCode) the handler chose and the call's trace
//! id; or `Err(`[`CallError`]`<Op::Errors>)`:
//!
//! - [`CallError::Declared`]: one of the operation's declared errors, as the value of its
//!   error catalog (the `#[derive(ErrorCatalog)]` enum named by `errors = ...`, read back from
//!   the problem's code by [`ErrorCatalog::from_code`](contracts_core::ErrorCatalog::from_code)),
//!   with the problem;
//! - [`CallError::Standard`]: a standard failure code (`UNAUTHENTICATED`, `FORBIDDEN`,
//!   `VALIDATION_FAILED` with its `issues`, ...), with the problem;
//! - [`CallError::Undeclared`]: a code neither declared nor standard;
//! - [`CallError::Transport`]: no answer that reads as the contract (the server unreachable, a
//!   timeout, a body that is neither an envelope nor a problem).
//!
//! Only operations can be called: `call::<T>` for a type `T` that is not declared with
//! `#[command]` or `#[query]` does not compile (``the trait bound `T: Operation` is not
//! satisfied``, with a note saying how to declare one).
//!
//! # REST
//!
//! [`RestClient`] calls each operation at its REST path with its REST method: a command is a
//! `POST` of its input as JSON, a query a `GET` whose query string is written by the same
//! [`QueryPlan`](contracts_export::openapi::QueryPlan) the server reads it with. It sends
//! bearer credentials when given, a W3C `traceparent` on every call, gives up after a timeout,
//! and retries idempotent operations only ([`Retries`]).
//!
//! # MCP
//!
//! [`McpClient`] calls each operation through its tool (named by
//! [`mcp_tool_name`](contracts_export::naming::mcp_tool_name)), wrapping the arguments and
//! unwrapping the structured content as the server does, the `traceparent` in the request's
//! `_meta`; a failed call's problem is read from the error result.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod mcp;
mod options;
mod outcome;
mod rest;
mod trace;

/// The rmcp this crate builds on, for sessions and transports of the same version.
pub use rmcp;

pub use mcp::McpClient;
pub use options::{CallOptions, Retries, DEFAULT_TIMEOUT};
pub use outcome::{CallError, CallResult, Reply, TransportError, TransportKind};
pub use rest::RestClient;
