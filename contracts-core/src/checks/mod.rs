//! Compile-time governance: the checks the attribute macros emit as `const` items.

mod message;
mod rules;
mod suggest;

pub use message::Message;
pub use rules::*;
pub use suggest::closest_key;
