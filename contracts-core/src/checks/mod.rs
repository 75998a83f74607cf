//! Compile-time governance: the checks the attribute macros emit as `const` items.
//!
//! The checks return `Result<(), Message>` with a 2 KiB message buffer: they run in `const`
//! evaluation, where a `Box` is unavailable, and only ever at compile time, so the size of the
//! error is irrelevant.
#![allow(clippy::result_large_err)]

mod message;
mod rules;
mod suggest;

pub use message::Message;
pub use rules::*;
pub use suggest::closest_key;
