//! The **context** domain of ContractSpec, declared with `contracts-core`.
//!
//! Context packs bundle doc blocks, contracts, knowledge spaces and data views; a snapshot
//! freezes a pack into an immutable, versioned, auditable context that agents run against.
//! This crate declares the contracts for describing and searching packs, snapshotting them,
//! and presenting, listing and searching the snapshots, all provided by the `context.system`
//! capability and shipped together by the `platform.context` feature. Every contract is
//! checked at compile time and collected in [`CONTEXT`].
//!
//! | module | contracts |
//! |---|---|
//! | [`capabilities`] | capability `context.system@1.0.0` |
//! | [`commands`] | command `context.pack.snapshot@1.0.0` |
//! | [`queries`] | queries `context.pack.describe@1.0.0`, `context.pack.search@1.0.0` |
//! | [`events`] | event `context.snapshot.created@1.0.0` |
//! | [`presentations`] | presentation `context.snapshot.summary@1.0.0` |
//! | [`data_views`] | data view `context.snapshot.index@1.0.0` |
//! | [`forms`] | form `context.pack.search.form@1.0.0` |
//! | [`feature`] | feature `platform.context@1.0.0` |
//! | [`docs`] | the 8 doc blocks `docs.tech.context.*` the contracts reference |
//!
//! Message structs (inputs, outputs, the event payload, the form model and their nested
//! models) carry the reference's model names and fields, in the reference's order. Their fields
//! have no doc comments: ContractSpec documents no field, and a field's doc comment would become
//! its description in the generated model, so each message struct allows `missing_docs`.
//!
//! ```
//! use contracts_context::CONTEXT;
//!
//! let system = CONTEXT.latest("context.system").unwrap().as_capability().unwrap();
//! assert_eq!(CONTEXT.provided_by(system).count(), 5);
//! assert!(CONTEXT.get("context.pack.snapshot", "1.0.0").is_some());
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod capabilities;
pub mod commands;
pub mod data_views;
pub mod docs;
pub mod events;
pub mod feature;
pub mod forms;
pub mod presentations;
pub mod queries;

pub use capabilities::ContextSystemCapability;
pub use commands::{ContextPackSnapshotInput, ContextPackSnapshotOutput};
pub use data_views::ContextSnapshotsDataView;
pub use events::ContextSnapshotCreatedPayload;
pub use feature::ContextFeature;
pub use forms::ContextPackSearchFormModel;
pub use presentations::ContextSnapshotSummaryPresentation;
pub use queries::{
    ContextPackDescribeInput, ContextPackDescribeOutput, ContextPackSearchInput,
    ContextPackSearchItem, ContextPackSearchOutput, ContextPackSource, ContextPackSummary,
};

contracts_core::registry! {
    /// Every contract and doc block of the context domain.
    pub static CONTEXT;
    defaults(
        domain = "context",
        owners = ["platform.context"],
        tags = ["automation", "context", "snapshot", "knowledge"],
        stability = "experimental",
    );
    contracts(
        capabilities::ContextSystemCapability,
        commands::pack_snapshot::ContextPackSnapshotInput,
        queries::pack_describe::ContextPackDescribeInput,
        queries::pack_search::ContextPackSearchInput,
        events::ContextSnapshotCreatedPayload,
        presentations::ContextSnapshotSummaryPresentation,
        data_views::ContextSnapshotsDataView,
        forms::ContextPackSearchFormModel,
        feature::ContextFeature,
        docs::ContextPackDescribeDocBlock,
        docs::ContextPackSearchDocBlock,
        docs::ContextPackSearchFormDocBlock,
        docs::ContextPackSnapshotDocBlock,
        docs::ContextSnapshotCreatedDocBlock,
        docs::ContextSnapshotsDataViewDocBlock,
        docs::ContextSnapshotSummaryDocBlock,
        docs::ContextSystemDocBlock,
    );
}
