//! Bind typed handlers to the operations of a contract registry and execute them safely.
//!
//! What the contract says is checked at compile time where the types allow it, and at run time
//! otherwise, without panics:
//!
//! | | compile time | run time |
//! |---|---|---|
//! | handler types | [`Runtime::bind`] takes only `async fn(Op::Input, Ctx<Op>) -> Result<Op::Output, Failure<Op::Errors>>` (with a [`State`] first: [`Runtime::with_state`]) | binding twice is an error value; [`Runtime::check`] lists the operations without handler, and servers check it when they are built |
//! | errors | a handler returns its operation's declared errors or standard codes | an error code the operation does not declare becomes `INTERNAL_ERROR` |
//! | events | [`Ctx::emit`] takes only events the operation declares in `emits` | events are published with an [`EventEnvelope`], only if the call succeeds |
//! | input | [`Runtime::call`] and [`BoundHandler::call`] take `Op::Input` | [`Runtime::execute`] decodes JSON: `BAD_REQUEST`, or `VALIDATION_FAILED` with the field path |
//! | policy | | `auth`, `flags`, a [`PolicyDecider`] (roles, rate limits), `escalate` |
//! | panics | | caught: `INTERNAL_ERROR` |
//!
//! Results carry the standard [`SuccessCode`]s and [`FailureCode`]s (or the declared error's
//! code and status), failures an RFC 9457 [`Problem`]. Each call is one `tracing` span
//! (`contract.execute` or `contract.call`) with the key, version, trace id, code and status;
//! no input, output, detail or payload is ever logged, except the input with its pii paths
//! [`redact`]ed, at TRACE level.
//!
//! Typed callers that call an operation often bind its handler with [`Runtime::bind_typed`]:
//! the [`BoundHandler`] it returns calls the handler with no lookup and no boxed future.
//!
//! See [`Runtime`] for an example.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod auth;
mod context;
mod decode;
mod events;
mod failure;
mod handler;
mod policy;
mod redact;
mod result;
mod runtime;
mod state;
pub mod testing;
mod trace_context;

pub use auth::AuthError;
pub use context::{Actor, CallContext, Ctx, EmitError, EmittedBy, ADMIN_ROLE};
pub use contracts_core::wire::{
    FailureCode, Issue, OperationRef, Problem, ProblemCategory, Severity, SuccessCode, TraceId,
    DEFAULT_PROBLEM_BASE, PROBLEM_CONTENT_TYPE,
};
pub use contracts_core::NoErrors;
pub use decode::JsonInput;
pub use events::{EventEnvelope, InMemoryPublisher, NoPublisher, PublishError, Publisher};
pub use failure::{Failure, IntoReply, Reason, Reply};
pub use handler::Handler;
pub use policy::{DefaultDecider, PolicyDecider, PolicyDecision, PolicyRequest};
pub use redact::{redact, REDACTED};
pub use result::{ContractResult, Success};
pub use runtime::{BindError, BoundHandler, OperationHandle, Runtime, StartupError};
pub use state::{State, StatefulHandler, WithState};
pub use trace_context::{is_plain_trace_id, traceparent_trace_id, MAX_TRACE_ID_LEN};
