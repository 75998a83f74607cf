//! The harness contracts of ContractSpec, declared with `contracts-core`.
//!
//! The harness domain is controlled application inspection, testing, validation and proof
//! generation: an operator or agent resolves an isolated **target** (preview, task, shared or
//! sandbox), starts a bounded **run** of a scenario or suite, the run's steps capture normalized
//! **evidence** artifacts, and **evaluations** turn a run into assertion results with evidence
//! pointers. Every contract here is checked at compile time against the others (capability
//! claims, emitted events, data view sources, feature references).
//!
//! | module | contracts |
//! |---|---|
//! | [`capabilities`] | `harness.execution`, `harness.evidence`, `harness.evaluation`,
//! `harness.targeting` |
//! | [`commands`] | `harness.run.start`, `harness.run.cancel`, `harness.evaluation.run` |
//! | [`queries`] | `harness.target.resolve`, `harness.run.get`, `harness.evidence.list`,
//! `harness.evidence.get`, `harness.evaluation.get` |
//! | [`events`] | `harness.run.started`, `harness.run.completed`, `harness.run.failed`,
//! `harness.step.started`, `harness.step.completed`, `harness.step.blocked`,
//! `harness.evidence.captured`, `harness.evaluation.completed` |
//! | [`models`] | the models shared by several contracts (`HarnessRun`, `HarnessTarget`,
//! `EvidenceArtifact`, ...) |
//! | [`presentations`] | `harness.run.audit` |
//! | [`data_views`] | `harness.run.index`, `harness.evidence.index`, `harness.evaluation.index` |
//! | [`feature`] | `platform.harness` |
//!
//! All contracts are at version `1.0.0`, owned by `platform.harness`, in domain `harness`, at
//! stability `experimental`, and carry the base tags `automation`, `harness`, `evidence`,
//! `evaluation` (the [`HARNESS`] defaults).
//!
//! `harness.execution` optionally requires `control-plane.core@1.0.0`; optional requirements
//! are not checked, so this crate does not depend on the control-plane crate.
//!
//! ```
//! use contracts_core::{ContractKind, Operation};
//! use contracts_harness::{commands::HarnessRunStartInput, HARNESS};
//!
//! let start = <HarnessRunStartInput as Operation>::DESCRIPTOR;
//! assert_eq!(start.meta.key, "harness.run.start");
//! assert_eq!(start.emits[0].event.meta.key, "harness.run.started");
//! assert_eq!(HARNESS.of_kind(ContractKind::Command).count(), 3);
//! // Keys match exactly: `harness.run` is not a contract, although `harness.run.start` is.
//! assert!(HARNESS.latest("harness.run").is_none());
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod capabilities;
pub mod commands;
pub mod data_views;
pub mod events;
pub mod feature;
pub mod models;
pub mod presentations;
pub mod queries;

use contracts_core::registry;

registry! {
    /// Every contract of the harness domain.
    pub static HARNESS;
    defaults(
        domain = "harness",
        owners = ["platform.harness"],
        tags = ["automation", "harness", "evidence", "evaluation"],
        stability = "experimental",
    );
    contracts(
        capabilities::HarnessExecutionCapability,
        capabilities::HarnessEvidenceCapability,
        capabilities::HarnessEvaluationCapability,
        capabilities::HarnessTargetingCapability,
        queries::HarnessTargetResolveInput,
        commands::HarnessRunStartInput,
        commands::HarnessRunCancelInput,
        queries::HarnessRunGetInput,
        queries::HarnessEvidenceListInput,
        queries::HarnessEvidenceGetInput,
        commands::HarnessEvaluationRunInput,
        queries::HarnessEvaluationGetInput,
        events::HarnessRunStartedPayload,
        events::HarnessRunCompletedPayload,
        events::HarnessRunFailedPayload,
        events::HarnessStepStartedPayload,
        events::HarnessStepCompletedPayload,
        events::HarnessStepBlockedPayload,
        events::HarnessEvidenceCapturedPayload,
        events::HarnessEvaluationCompletedPayload,
        presentations::HarnessRunAuditPresentation,
        data_views::HarnessRunsDataView,
        data_views::HarnessEvidenceDataView,
        data_views::HarnessEvaluationsDataView,
        feature::HarnessFeature,
    );
}
