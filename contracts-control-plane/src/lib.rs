//! The control-plane contracts of ContractSpec, declared with `contracts-core`.
//!
//! The control plane is the governed runtime agents act through: an *intent* (a natural-language
//! request) is submitted, compiled into a deterministic *plan*, verified against policy and risk,
//! and *executed* step by step, with human approval gates, lane controls (pause, resume, retry,
//! abort, shutdown), replayable traces and evidence export. Skills are installed only as signed,
//! verified artifacts. Every contract here is ported from ContractSpec's `control-plane` domain
//! (`packages/libs/contracts-spec/src/control-plane/`); the crate's tests check it field by
//! field against the reference data in `tests/fixtures/control-plane.json`.
//!
//! Every contract is in [`CONTROL_PLANE`], the crate's registry, with the domain's defaults:
//! domain `control-plane`, owner `platform.core`, base tags `automation`, `control-plane`,
//! `agent-runtime`, stability `experimental`.
//!
//! # Where each contract is
//!
//! | module | contracts |
//! |---|---|
//! | [`capabilities`] | the 5 capabilities: `control-plane.core`, `.approval`, `.audit`, `.skill-registry`, `.channel-runtime` |
//! | [`commands`] | the 15 commands, one module each (input, output, local models, errors) |
//! | [`queries`] | the 8 queries, one module each |
//! | [`events`] | the 10 events, one payload struct each |
//! | [`models`] | models shared by several contracts (skill manifest, verification issue, lane state) |
//! | [`policies`] | the `channel.messaging-policy@2.0.0` policy |
//! | [`feature`] | the `platform.control-plane` feature module |
//!
//! Commands (the input struct carries the contract):
//!
//! | module | key | input |
//! |---|---|---|
//! | [`commands::intent_submit`] | `controlPlane.intent.submit` | [`ControlPlaneIntentSubmitInput`](commands::ControlPlaneIntentSubmitInput) |
//! | [`commands::plan_compile`] | `controlPlane.plan.compile` | [`ControlPlanePlanCompileInput`](commands::ControlPlanePlanCompileInput) |
//! | [`commands::plan_verify`] | `controlPlane.plan.verify` | [`ControlPlanePlanVerifyInput`](commands::ControlPlanePlanVerifyInput) |
//! | [`commands::execution_start`] | `controlPlane.execution.start` | [`ControlPlaneExecutionStartInput`](commands::ControlPlaneExecutionStartInput) |
//! | [`commands::execution_abort`] | `controlPlane.execution.abort` | [`ControlPlaneExecutionAbortInput`](commands::ControlPlaneExecutionAbortInput) |
//! | [`commands::execution_approve`] | `controlPlane.execution.approve` | [`ControlPlaneExecutionApproveInput`](commands::ControlPlaneExecutionApproveInput) |
//! | [`commands::execution_reject`] | `controlPlane.execution.reject` | [`ControlPlaneExecutionRejectInput`](commands::ControlPlaneExecutionRejectInput) |
//! | [`commands::execution_cancel`] | `controlPlane.execution.cancel` | [`ControlPlaneExecutionCancelInput`](commands::ControlPlaneExecutionCancelInput) |
//! | [`commands::execution_pause`] | `controlPlane.execution.pause` | [`ControlPlaneExecutionPauseInput`](commands::ControlPlaneExecutionPauseInput) |
//! | [`commands::execution_resume`] | `controlPlane.execution.resume` | [`ControlPlaneExecutionResumeInput`](commands::ControlPlaneExecutionResumeInput) |
//! | [`commands::execution_retry`] | `controlPlane.execution.retry` | [`ControlPlaneExecutionRetryInput`](commands::ControlPlaneExecutionRetryInput) |
//! | [`commands::execution_shutdown`] | `controlPlane.execution.shutdown` | [`ControlPlaneExecutionShutdownInput`](commands::ControlPlaneExecutionShutdownInput) |
//! | [`commands::execution_evidence_export`] | `controlPlane.execution.evidence.export` | [`ControlPlaneExecutionEvidenceExportInput`](commands::ControlPlaneExecutionEvidenceExportInput) |
//! | [`commands::skill_install`] | `controlPlane.skill.install` | [`ControlPlaneSkillInstallInput`](commands::ControlPlaneSkillInstallInput) |
//! | [`commands::skill_disable`] | `controlPlane.skill.disable` | [`ControlPlaneSkillDisableInput`](commands::ControlPlaneSkillDisableInput) |
//!
//! Queries:
//!
//! | module | key | input |
//! |---|---|---|
//! | [`queries::execution_get`] | `controlPlane.execution.get` | [`ControlPlaneExecutionGetInput`](queries::ControlPlaneExecutionGetInput) |
//! | [`queries::execution_lane_get`] | `controlPlane.execution.lane.get` | [`ControlPlaneExecutionLaneGetInput`](queries::ControlPlaneExecutionLaneGetInput) |
//! | [`queries::execution_lane_list`] | `controlPlane.execution.lane.list` | [`ControlPlaneExecutionLaneListInput`](queries::ControlPlaneExecutionLaneListInput) |
//! | [`queries::execution_list`] | `controlPlane.execution.list` | [`ControlPlaneExecutionListInput`](queries::ControlPlaneExecutionListInput) |
//! | [`queries::trace_get`] | `controlPlane.trace.get` | [`ControlPlaneTraceGetInput`](queries::ControlPlaneTraceGetInput) |
//! | [`queries::policy_explain`] | `controlPlane.policy.explain` | [`ControlPlanePolicyExplainInput`](queries::ControlPlanePolicyExplainInput) |
//! | [`queries::skill_list`] | `controlPlane.skill.list` | [`ControlPlaneSkillListInput`](queries::ControlPlaneSkillListInput) |
//! | [`queries::skill_verify`] | `controlPlane.skill.verify` | [`ControlPlaneSkillVerifyInput`](queries::ControlPlaneSkillVerifyInput) |
//!
//! Events (the payload struct carries the contract):
//!
//! | key | payload |
//! |---|---|
//! | `controlPlane.intent.received` | [`ControlPlaneIntentReceivedPayload`](events::ControlPlaneIntentReceivedPayload) |
//! | `controlPlane.plan.compiled` | [`ControlPlanePlanCompiledPayload`](events::ControlPlanePlanCompiledPayload) |
//! | `controlPlane.plan.rejected` | [`ControlPlanePlanRejectedPayload`](events::ControlPlanePlanRejectedPayload) |
//! | `controlPlane.execution.step.started` | [`ControlPlaneExecutionStepStartedPayload`](events::ControlPlaneExecutionStepStartedPayload) |
//! | `controlPlane.execution.step.blocked` | [`ControlPlaneExecutionStepBlockedPayload`](events::ControlPlaneExecutionStepBlockedPayload) |
//! | `controlPlane.execution.step.completed` | [`ControlPlaneExecutionStepCompletedPayload`](events::ControlPlaneExecutionStepCompletedPayload) |
//! | `controlPlane.execution.completed` | [`ControlPlaneExecutionCompletedPayload`](events::ControlPlaneExecutionCompletedPayload) |
//! | `controlPlane.execution.failed` | [`ControlPlaneExecutionFailedPayload`](events::ControlPlaneExecutionFailedPayload) |
//! | `controlPlane.skill.installed` | [`ControlPlaneSkillInstalledPayload`](events::ControlPlaneSkillInstalledPayload) |
//! | `controlPlane.skill.rejected` | [`ControlPlaneSkillRejectedPayload`](events::ControlPlaneSkillRejectedPayload) |
//!
//! # Example
//!
//! ```
//! use contracts_control_plane::CONTROL_PLANE;
//!
//! let submit = CONTROL_PLANE.latest("controlPlane.intent.submit").unwrap();
//! let submit = submit.as_operation().unwrap();
//! assert_eq!(submit.policy.pii, ["text"]);
//! assert_eq!(submit.emits[0].event.meta.key, "controlPlane.intent.received");
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod capabilities;
pub mod commands;
pub mod events;
pub mod feature;
pub mod models;
pub mod policies;
pub mod queries;

use contracts_core::registry;

registry! {
    /// Every control-plane contract: 5 capabilities, 15 commands, 8 queries, 10 events, 1 policy
    /// and 1 feature.
    pub static CONTROL_PLANE;
    defaults(
        domain = "control-plane",
        owners = ["platform.core"],
        tags = ["automation", "control-plane", "agent-runtime"],
        stability = "experimental",
    );
    contracts(
        capabilities::ControlPlaneCoreCapability,
        capabilities::ControlPlaneApprovalCapability,
        capabilities::ControlPlaneAuditCapability,
        capabilities::ControlPlaneSkillRegistryCapability,
        capabilities::ControlPlaneChannelRuntimeCapability,
        commands::ControlPlaneIntentSubmitInput,
        commands::ControlPlanePlanCompileInput,
        commands::ControlPlanePlanVerifyInput,
        commands::ControlPlaneExecutionStartInput,
        commands::ControlPlaneExecutionAbortInput,
        commands::ControlPlaneExecutionApproveInput,
        commands::ControlPlaneExecutionRejectInput,
        commands::ControlPlaneExecutionCancelInput,
        commands::ControlPlaneExecutionPauseInput,
        commands::ControlPlaneExecutionResumeInput,
        commands::ControlPlaneExecutionRetryInput,
        commands::ControlPlaneExecutionShutdownInput,
        commands::ControlPlaneExecutionEvidenceExportInput,
        commands::ControlPlaneSkillInstallInput,
        commands::ControlPlaneSkillDisableInput,
        queries::ControlPlaneExecutionGetInput,
        queries::ControlPlaneExecutionLaneGetInput,
        queries::ControlPlaneExecutionLaneListInput,
        queries::ControlPlaneExecutionListInput,
        queries::ControlPlaneTraceGetInput,
        queries::ControlPlanePolicyExplainInput,
        queries::ControlPlaneSkillListInput,
        queries::ControlPlaneSkillVerifyInput,
        events::ControlPlaneIntentReceivedPayload,
        events::ControlPlanePlanCompiledPayload,
        events::ControlPlanePlanRejectedPayload,
        events::ControlPlaneExecutionStepStartedPayload,
        events::ControlPlaneExecutionStepBlockedPayload,
        events::ControlPlaneExecutionStepCompletedPayload,
        events::ControlPlaneExecutionCompletedPayload,
        events::ControlPlaneExecutionFailedPayload,
        events::ControlPlaneSkillInstalledPayload,
        events::ControlPlaneSkillRejectedPayload,
        policies::ControlPlaneMessagingPolicy,
        feature::ControlPlaneFeature,
    );
}
