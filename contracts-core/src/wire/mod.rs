//! The HTTP contract of a served registry, in one place: the standard success and failure
//! codes with their statuses, the problem a failure answers with, the envelope a success
//! answers with, and the trace id both carry.
//!
//! The runtime (`contracts-runtime`) and the servers built on it produce these values; the
//! exporters (`contracts-export`: OpenAPI, MCP) describe them from the same definitions, so a
//! document cannot promise what a server does not send:
//!
//! | fact | produced by | described by |
//! |---|---|---|
//! | a code's status, title, category | [`SuccessCode`], [`FailureCode`] | the OpenAPI responses |
//! | the failures documented for an operation | [`FailureCode::documented_for`] | the OpenAPI responses |
//! | a failure's body | [`Problem`] (`application/problem+json`) | [`problem_schema`], [`issue_schema`] |
//! | a success's body | [`SuccessEnvelope`] | [`envelope_schema`] |
//!
//! A declared error's code and status are the operation's own
//! ([`ErrorSpec`](crate::descriptors::ErrorSpec)).
//!
//! ```
//! use contracts_core::wire::{FailureCode, Problem, SuccessCode, TraceId, DEFAULT_PROBLEM_BASE};
//!
//! assert_eq!(SuccessCode::Created.status(), 201);
//! let problem = Problem::standard(DEFAULT_PROBLEM_BASE, FailureCode::NotFound, TraceId::generate());
//! let body = serde_json::to_value(&problem).unwrap();
//! assert_eq!((body["code"].as_str(), body["status"].as_u64()), (Some("NOT_FOUND"), Some(404)));
//! ```

mod codes;
mod envelope;
mod problem;

pub use codes::{FailureCode, ProblemCategory, Severity, SuccessCode};
pub use envelope::{envelope_schema, SuccessEnvelope, ENVELOPE_SCHEMA};
pub use problem::{
    issue_schema, problem_schema, problem_type, Issue, OperationRef, Problem, TraceId,
    DEFAULT_PROBLEM_BASE, ISSUE_SCHEMA, PROBLEM_CONTENT_TYPE, PROBLEM_SCHEMA,
};
