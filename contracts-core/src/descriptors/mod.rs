//! The typed descriptors the macros generate, one module per kind of contract.
//!
//! Every descriptor is plain `'static` data: const-constructible, `Serialize`, and free to
//! read at any time; nothing is computed at start-up.

mod capability;
mod consumer;
mod data_view;
mod doc_block;
mod event;
mod example;
mod feature;
mod form;
mod http;
mod meta;
mod model_ref;
mod operation;
mod policy;
mod presentation;
mod view_policy;

pub use capability::{CapabilityDescriptor, CapabilityKind, ProvidedSurface, Requirement, Surface};
pub use consumer::ConsumerDescriptor;
pub use data_view::{
    DataViewDescriptor, DataViewSource, ViewConfig, ViewField, ViewFilter, ViewKind,
};
pub use doc_block::DocBlockDescriptor;
pub use event::EventDescriptor;
pub use example::{
    check_examples, EventExample, ExampleProblem, ExampleProblems, ExpectedOutcome,
    OperationExample,
};
pub use feature::FeatureDescriptor;
pub use form::{FormAction, FormDescriptor, FormField};
pub use http::{path_parameters, rule_path, same_route, HttpBinding, HttpMethod, HttpRoute};
pub use meta::{Meta, Source, Stability};
pub use model_ref::{json_schema_of, round_trip_of, DecodeError, ModelRef};
pub use operation::{
    Auth, EmittedEvent, ErrorSpec, Escalation, OperationDescriptor, OperationKind, OperationPolicy,
    RateLimit, RateLimitKey,
};
pub use policy::{
    PolicyCondition, PolicyDescriptor, PolicyEffect, PolicyRule, PolicyScope, ResourceMatcher,
};
pub use presentation::{PresentationDescriptor, PresentationSource, PresentationTarget};
pub use view_policy::ViewPolicy;
