//! The derives: `Model` and `ErrorCatalog`.

pub mod error_catalog;
pub mod model;
pub mod serde_attrs;
