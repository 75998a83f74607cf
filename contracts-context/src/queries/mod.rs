//! The context domain's queries (read-only operations), one module per query.
//!
//! | module | query | input type |
//! |---|---|---|
//! | [`pack_describe`] | `context.pack.describe@1.0.0` | [`ContextPackDescribeInput`] |
//! | [`pack_search`] | `context.pack.search@1.0.0` | [`ContextPackSearchInput`] |

pub mod pack_describe;
pub mod pack_search;

pub use pack_describe::{
    ContextPackDescribeInput, ContextPackDescribeOutput, ContextPackSource, ContextPackSummary,
};
pub use pack_search::{ContextPackSearchInput, ContextPackSearchItem, ContextPackSearchOutput};
