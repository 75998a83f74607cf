//! Declare API contracts once, on Rust types, and let the compiler govern them.
//!
//! `contracts-core` turns attribute macros on your input, output and payload structs into typed,
//! `'static` descriptors of commands, queries, events, capabilities, presentations, data views,
//! forms, policies and features, collected in a [`Registry`] built at compile time. Mistakes that
//! a run-time contract system would only notice in production fail `cargo check` instead, with an
//! error on the offending literal that says how to fix it:
//!
//! - an unknown capability, or a capability that does not list the operation claiming it;
//! - an event in `emits` that is not declared (or not at that version);
//! - a capability that provides, or requires, something that does not exist;
//! - two contracts with the same key and version, in one crate or across crates;
//! - a malformed key or version; a pii path that names no field;
//! - an unknown, duplicated or invalid attribute argument; a non-idempotent query.
//!
//! # Example
//!
//! ```
//! use contracts_core::{capability, command, event, query, registry, Model};
//! use serde::{Deserialize, Serialize};
//! use schemars::JsonSchema;
//!
//! /// Orders placed by customers.
//! #[capability(
//!     key = "shop.orders",
//!     version = "1.0.0",
//!     kind = "api",
//!     provides(
//!         operation("shop.order.place@1.0.0", description = "Place an order."),
//!         operation("shop.order.get@1.0.0"),
//!         event("shop.order.placed@1.0.0"),
//!     ),
//! )]
//! pub struct ShopOrders;
//!
//! /// Emitted when an order is placed.
//! #[event(key = "shop.order.placed", version = "1.0.0", capability = "shop.orders", pii = ["email"])]
//! #[derive(Serialize, Deserialize, JsonSchema, Model)]
//! pub struct OrderPlaced {
//!     pub order_id: String,
//!     pub email: String,
//! }
//!
//! /// Place an order.
//! #[command(
//!     key = "shop.order.place",
//!     version = "1.0.0",
//!     capability = "shop.orders",
//!     output = PlaceOrderOutput,
//!     goal = "Turn a basket into an order.",
//!     emits(OrderPlaced(when = "The order is stored.")),
//!     policy(auth = "user", pii = ["email"]),
//! )]
//! #[derive(Serialize, Deserialize, JsonSchema, Model)]
//! #[serde(deny_unknown_fields)]
//! pub struct PlaceOrder {
//!     pub email: String,
//!     pub items: Vec<String>,
//! }
//!
//! #[derive(Serialize, Deserialize, JsonSchema, Model)]
//! pub struct PlaceOrderOutput {
//!     pub order_id: String,
//! }
//!
//! /// Read an order.
//! #[query(key = "shop.order.get", version = "1.0.0", capability = "shop.orders",
//!         output = PlaceOrderOutput, policy(auth = "user"))]
//! #[derive(Serialize, Deserialize, JsonSchema, Model)]
//! pub struct GetOrder {
//!     pub order_id: String,
//! }
//!
//! registry! {
//!     /// Every contract of the shop.
//!     pub static SHOP;
//!     defaults(domain = "shop", owners = ["team.shop"], tags = ["commerce"], stability = "beta");
//!     contracts(ShopOrders, OrderPlaced, PlaceOrder, GetOrder);
//! }
//!
//! # fn main() {
//! use contracts_core::Operation;
//! let place = <PlaceOrder as Operation>::DESCRIPTOR;
//! assert_eq!(place.meta.description, "Place an order.");
//! assert_eq!(place.meta.tags, ["commerce"]);
//! assert_eq!(place.emits[0].event.meta.key, "shop.order.placed");
//! assert!(SHOP.get("shop.order.get", "1.0.0").is_some());
//! # }
//! ```
//!
//! # How it fits together
//!
//! - [`descriptors`]: the typed, `Serialize` descriptors the macros generate.
//! - [`Operation`], [`Event`], [`Capability`], ...: traits tying Rust types to descriptors, so
//!   code can be generic over contracts (`Op::Input`, `Op::Output`, `Op::DESCRIPTOR`).
//! - [`Model`]: the statically known wire shape of messages (pii checks, docs field tables).
//! - [`Registry`]: lookup by `key@version`, latest version, listings and relations.
//! - [`scalars`]: `Id`, `NonEmptyString`, `JsonObject` and `DateTime` (feature `chrono`).
//! - [`wire`]: the HTTP contract of a served registry: codes and statuses, problem and envelope.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod checks;
mod contract;
pub mod decode;
pub mod descriptors;
mod error_catalog;
pub mod model;
mod registry;
pub mod relations;
pub mod scalars;
pub mod wire;

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;

pub use contract::{
    Capability, Command, Consumer, Contract, ContractKind, DataView, Declaration, Declared,
    DocBlock, Emits, Event, Feature, Form, Message, Operation, Policy, Presentation, Query,
};
pub use descriptors::{
    Auth, CapabilityKind, Escalation, HttpMethod, Meta, OperationKind, RateLimitKey, Stability,
    Surface,
};
pub use error_catalog::{ErrorCatalog, NoErrors};
pub use model::{resolve_path, FieldInfo, FieldShape, Model, ModelInfo, ModelKind, PathError};
pub use registry::{ContractSet, Defaults, Entry, HashedRef, KindSet, Registry};
#[cfg(feature = "chrono")]
pub use scalars::DateTime;
pub use scalars::{Id, JsonObject, NonEmptyString};

/// The grammar of keys, versions and references, with lifetimes for run-time text.
pub use contracts_syntax as syntax;

/// A semantic version known at compile time.
pub type Version = contracts_syntax::Version<'static>;

/// A reference to a contract (`key` or `key@version`) known at compile time.
pub type ContractRef = contracts_syntax::ContractRef<'static>;

pub use contracts_macros::{
    capability, command, consumer, data_view, doc_block, event, feature_module, form, policy,
    presentation, query, registry, ErrorCatalog, Model,
};
