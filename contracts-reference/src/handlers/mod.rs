//! The reference handlers, one function per operation.
//!
//! Each takes the [`Store`](crate::Store), the operation's input and its [`Ctx`] and returns
//! what a handler of the operation returns; [`bind_all`](crate::bind_all) binds them, each
//! wrapped in a closure that captures a clone of the store and returns a ready future (the
//! store is in memory: nothing awaits). A server that keeps its state elsewhere binds its own.
//!
//! | operation | function | success | failures |
//! |---|---|---|---|
//! | `controlPlane.execution.start` | [`start_execution`] | `CREATED` | `NOT_FOUND`, `PRECONDITION_FAILED`, `CONFLICT` |
//! | `controlPlane.execution.reject` | [`reject_step`] | `OK` | `NOT_FOUND`, `CONFLICT` |
//! | `controlPlane.execution.evidence.export` | [`export_evidence`] | `OK` | `NOT_FOUND` |
//! | `harness.run.start` | [`start_harness_run`] | `CREATED`, emits `harness.run.started` | `SCENARIO_OR_SUITE_REQUIRED`, `NOT_FOUND`, `PRECONDITION_FAILED` |
//! | `harness.run.get` | [`get_harness_run`] | `OK` | `NOT_FOUND` |
//! | `harness.run.cancel` | [`cancel_harness_run`] | `OK` | `NOT_FOUND`, `CONFLICT` |
//! | `context.pack.snapshot` | [`snapshot_context_pack`] | `CREATED`, emits `context.snapshot.created`; `OK` for an existing snapshot | `NOT_FOUND` |
//!
//! [`Ctx`]: contracts_runtime::Ctx

mod context;
mod control_plane;
mod harness;

pub use context::snapshot_context_pack;
pub use control_plane::{export_evidence, reject_step, start_execution};
pub use harness::{cancel_harness_run, get_harness_run, start_harness_run, DEFAULT_MODE};

use contracts_runtime::{Failure, FailureCode};

#[cold]
fn not_found<E>(detail: String) -> Failure<E> {
    Failure::standard(FailureCode::NotFound).with_detail(detail)
}

#[cold]
fn conflict<E>(detail: String) -> Failure<E> {
    Failure::standard(FailureCode::Conflict).with_detail(detail)
}

#[cold]
fn precondition_failed<E>(detail: String) -> Failure<E> {
    Failure::standard(FailureCode::PreconditionFailed).with_detail(detail)
}

#[cold]
fn internal<E>(detail: String) -> Failure<E> {
    Failure::standard(FailureCode::InternalError).with_detail(detail)
}

/// The caller's id, if authenticated.
fn caller<Op: contracts_core::Operation>(ctx: &contracts_runtime::Ctx<Op>) -> Option<String> {
    ctx.actor().id().map(str::to_owned)
}
