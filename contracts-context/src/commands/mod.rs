//! The context domain's commands (state-changing operations), one module per command.
//!
//! | module | command | input type |
//! |---|---|---|
//! | [`pack_snapshot`] | `context.pack.snapshot@1.0.0` | [`ContextPackSnapshotInput`] |

pub mod pack_snapshot;

pub use pack_snapshot::{ContextPackSnapshotInput, ContextPackSnapshotOutput};
