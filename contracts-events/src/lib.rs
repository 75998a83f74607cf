//! Events beyond one process: the events a handler emits with
//! [`Ctx::emit`](contracts_runtime::Ctx::emit), made durable with the handler's writes, published
//! to NATS JetStream as CloudEvents, and consumed by typed handlers.
//!
//! | concern | module | |
//! |---|---|---|
//! | the wire format | [`cloudevents`] | CloudEvents 1.0, structured and binary mode, HTTP and NATS |
//! | durability | [`outbox`] | a transactional outbox (SQLite embedded, PostgreSQL) and its relay |
//! | the broker | [`jetstream`] | a JetStream publisher and typed durable consumers |
//!
//! ```text
//! handler ── writes + Ctx::emit ──▶ outbox transaction ──commit──▶ outbox table
//!                                                                      │ relay (at least once,
//!                                                                      ▼  in order per subject)
//!            typed consumer ◀── durable consumer ◀── JetStream stream (dedup by event id)
//!                 │ failed N times
//!                 └──▶ dead-letter subject
//! ```
//!
//! Features: `sqlite`, `postgres` and `nats`, all on by default.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod cloudevents;
#[cfg(feature = "nats")]
pub mod jetstream;
pub mod outbox;
mod record;

pub use record::{EventRecord, SubjectPathError, Subjects};
