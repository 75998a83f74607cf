//! The governance rules: the checks the attribute macros emit as `const` items, evaluated at
//! compile time on the crate's registry, and callable at run time on any registry (the
//! `contracts validate` command runs them on the aggregate a binary embeds), so both report
//! the same violations with the same messages.
//!
//! The checks return `Result<(), Message>` with a 2 KiB message buffer: they run in `const`
//! evaluation, where a `Box` is unavailable, and only ever at compile time, so the size of the
//! error is irrelevant.
#![allow(clippy::result_large_err)]

mod example;
mod frozen;
mod http;
#[doc(hidden)]
pub mod literal;
mod message;
mod rules;
mod suggest;
mod unlisted;

pub use example::{example_error, example_event};
pub use frozen::{fingerprints, frozen, PARTS};
pub use http::{http_route, path_parameter};
pub use message::Message;
pub use rules::*;
pub use suggest::closest_key;
