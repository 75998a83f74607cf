//! Parsing: attribute arguments into typed models that keep the spans of their literals.
//! Problems found here are reported to the [`Ctxt`](crate::ctxt::Ctxt) and replaced by defaults,
//! so that one pass reports every problem and the expansion can still emit a skeleton.

pub mod capability;
pub mod consumer;
pub mod data_view;
pub mod doc_block;
pub mod event;
pub mod example;
pub mod feature;
pub mod form;
pub mod http;
pub mod item;
pub mod meta;
pub mod operation;
pub mod policy;
pub mod presentation;
pub mod registry;
