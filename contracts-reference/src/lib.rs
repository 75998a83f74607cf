//! Reference handlers for the seed contracts of the three domains, over an in-memory store, run
//! through [`contracts_runtime`]: the `execute` pipeline doing real work.
//!
//! | operation | handler | what it does |
//! |---|---|---|
//! | `controlPlane.execution.start` | [`handlers::start_execution`] | starts the run of an approved compiled plan |
//! | `controlPlane.execution.reject` | [`handlers::reject_step`] | rejects a step pending approval |
//! | `controlPlane.execution.evidence.export` | [`handlers::export_evidence`] | exports a run's evidence, pii redacted |
//! | `harness.run.start` | [`handlers::start_harness_run`] | starts a harness run, emits `harness.run.started` |
//! | `harness.run.get` | [`handlers::get_harness_run`] | reads a harness run |
//! | `harness.run.cancel` | [`handlers::cancel_harness_run`] | cancels a harness run |
//! | `context.pack.snapshot` | [`handlers::snapshot_context_pack`] | content-addressed, immutable snapshot of a context pack, emits `context.snapshot.created` |
//!
//! - [`DOMAINS`]: one registry of the control-plane, harness and context contracts.
//! - [`Store`]: the state, in memory, thread-safe, cheap to clone; seeded with
//!   [`fixtures::Fixtures`] (what the operations not implemented here would have created).
//! - [`bind_all`] binds every handler onto a [`Runtime`] over [`DOMAINS`];
//!   [`in_memory_runtime`] builds one with an [`InMemoryPublisher`].
//! - [`records`]: what the store holds; [`evidence`]: where the pii paths of exported evidence
//!   come from; [`canonical`]: the content addressing of snapshots.
//!
//! ```
//! use contracts_reference::{fixtures, in_memory_runtime, Store};
//! use contracts_runtime::{Actor, CallContext};
//!
//! # tokio_test(async {
//! let store = Store::demo();
//! let runtime = in_memory_runtime(&store);
//! let admin = CallContext::new(Actor::admin("admin-1"));
//!
//! let input = format!(
//!     r#"{{"executionId": "{}", "planId": "{}"}}"#,
//!     fixtures::APPROVED_EXECUTION,
//!     fixtures::APPROVED_PLAN
//! );
//! let result = runtime.execute("controlPlane.execution.start", None, &input, admin).await;
//! assert_eq!((result.code(), result.status()), ("CREATED", 201));
//! assert_eq!(result.data_value().unwrap()["status"], "running");
//!
//! let user = CallContext::new(Actor::user("qa-1"));
//! let input = r#"{"scenarioKey": "checkout.happy-path"}"#;
//! let result = runtime.execute("harness.run.start", None, input, user).await;
//! assert_eq!(result.code(), "CREATED");
//! let events = runtime.publisher().take();
//! assert_eq!(events[0].key(), "harness.run.started");
//! # });
//! # fn tokio_test<F: std::future::Future>(f: F) -> F::Output {
//! #     let mut f = std::pin::pin!(f);
//! #     let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
//! #     loop { if let std::task::Poll::Ready(v) = f.as_mut().poll(&mut cx) { return v; } }
//! # }
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod canonical;
pub mod evidence;
pub mod fixtures;
pub mod handlers;
pub mod records;
mod store;

pub use store::Store;

use contracts_context::ContextPackSnapshotInput;
use contracts_control_plane::commands::{
    ControlPlaneExecutionEvidenceExportInput, ControlPlaneExecutionRejectInput,
    ControlPlaneExecutionStartInput,
};
use contracts_harness::commands::{HarnessRunCancelInput, HarnessRunStartInput};
use contracts_harness::queries::HarnessRunGetInput;
use contracts_runtime::{BindError, InMemoryPublisher, PolicyDecider, Publisher, Runtime};
use std::future::ready;

contracts_core::registry! {
    /// Every contract of the three domains: control plane, harness and context. Including the
    /// three registries checks, at compile time, what spans them (no key and version twice, the
    /// harness's optional requirement of `control-plane.core`).
    pub static DOMAINS;
    includes(
        contracts_control_plane::CONTROL_PLANE,
        contracts_harness::HARNESS,
        contracts_context::CONTEXT,
    );
}

/// The operations [`bind_all`] binds, as `(key, version)`.
pub const BOUND_OPERATIONS: [(&str, &str); 7] = [
    ("controlPlane.execution.start", "1.0.0"),
    ("controlPlane.execution.reject", "1.0.0"),
    ("controlPlane.execution.evidence.export", "1.0.0"),
    ("harness.run.start", "1.0.0"),
    ("harness.run.get", "1.0.0"),
    ("harness.run.cancel", "1.0.0"),
    ("context.pack.snapshot", "1.0.0"),
];

/// Binds every reference handler (see [`BOUND_OPERATIONS`]) onto `runtime`, each with a clone of
/// `store`.
///
/// Fails if `runtime`'s registry lacks one of the operations (a runtime over [`DOMAINS`], or
/// over any registry including the three domains, has them all) or if one already has a
/// handler. Other operations are left alone: a server can bind its own next to these.
pub fn bind_all<P: Publisher, D: PolicyDecider>(
    runtime: &mut Runtime<P, D>,
    store: &Store,
) -> Result<(), BindError> {
    let s = store.clone();
    runtime.bind::<ControlPlaneExecutionStartInput>(move |input, ctx| {
        ready(handlers::start_execution(&s, input, &ctx))
    })?;
    let s = store.clone();
    runtime.bind::<ControlPlaneExecutionRejectInput>(move |input, ctx| {
        ready(handlers::reject_step(&s, input, &ctx))
    })?;
    let s = store.clone();
    runtime.bind::<ControlPlaneExecutionEvidenceExportInput>(move |input, ctx| {
        ready(handlers::export_evidence(&s, input, &ctx))
    })?;
    let s = store.clone();
    runtime.bind::<HarnessRunStartInput>(move |input, ctx| {
        ready(handlers::start_harness_run(&s, input, &ctx))
    })?;
    let s = store.clone();
    runtime.bind::<HarnessRunGetInput>(move |input, ctx| {
        ready(handlers::get_harness_run(&s, input, &ctx))
    })?;
    let s = store.clone();
    runtime.bind::<HarnessRunCancelInput>(move |input, ctx| {
        ready(handlers::cancel_harness_run(&s, input, &ctx))
    })?;
    let s = store.clone();
    runtime.bind::<ContextPackSnapshotInput>(move |input, ctx| {
        ready(handlers::snapshot_context_pack(&s, input, &ctx))
    })?;
    Ok(())
}

/// A runtime over [`DOMAINS`] with every reference handler bound to `store`, publishing to an
/// [`InMemoryPublisher`] (read it with `runtime.publisher()`), with the default policy decider.
///
/// It serves a subset ([`Runtime::serve_subset`]): the operations of the domains that have no
/// reference handler answer `501 NOT_IMPLEMENTED`.
pub fn in_memory_runtime(store: &Store) -> Runtime<InMemoryPublisher> {
    let mut runtime = Runtime::new(&DOMAINS)
        .with_publisher(InMemoryPublisher::new())
        .serve_subset();
    if let Err(error) = bind_all(&mut runtime, store) {
        // A fresh runtime over DOMAINS has every operation and no handler: this cannot happen.
        unreachable!("binding the reference handlers onto a fresh runtime failed: {error}");
    }
    runtime
}
