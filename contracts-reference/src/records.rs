//! What the [`Store`](crate::Store) keeps: the state the reference handlers read and write.
//!
//! Where a contract's own model describes the state (a harness run, a harness target), the
//! store keeps that model ([`HarnessRun`](contracts_harness::models::HarnessRun),
//! [`HarnessTarget`](contracts_harness::models::HarnessTarget)). The rest is described here:
//! the contracts name these things (plans, steps, evidence bundles, context packs) but the
//! operations this crate implements only carry their ids.
//!
//! Every record serializes in camelCase, like the contracts' messages, and deserializes too, so
//! fixtures can be loaded from JSON.

use contracts_core::{DateTime, Id, JsonObject, NonEmptyString};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Where a compiled plan stands in its approval workflow.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanStatus {
    /// Compiled, not yet verified.
    Draft,
    /// Verified, waiting for a human approval.
    PendingApproval,
    /// Approved: it can be started.
    Approved,
    /// Refused by verification or by a reviewer.
    Rejected,
}

impl PlanStatus {
    /// The status as it appears on the wire (`pending_approval`, ...).
    pub const fn as_str(self) -> &'static str {
        match self {
            PlanStatus::Draft => "draft",
            PlanStatus::PendingApproval => "pending_approval",
            PlanStatus::Approved => "approved",
            PlanStatus::Rejected => "rejected",
        }
    }
}

/// A compiled plan (`controlPlane.plan.compile` would create it): the execution it belongs to,
/// its approval status and its steps.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Plan {
    /// The plan's id.
    pub plan_id: Id,
    /// The execution the plan was compiled for.
    pub execution_id: Id,
    /// Where the plan stands.
    pub status: PlanStatus,
    /// The steps, in order.
    pub steps: Vec<PlannedStep>,
}

/// One step of a compiled plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PlannedStep {
    /// The step's id, unique within its plan.
    pub step_id: Id,
    /// What the step does (a tool call, in a real control plane).
    pub action: String,
    /// Whether an operator must approve the step before it runs.
    pub requires_approval: bool,
}

/// Where a control-plane run stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RunStatus {
    /// Steps are being dispatched.
    Running,
    /// An operator rejected a step: the run does not go on.
    Blocked,
    /// Every step completed.
    Completed,
    /// A step failed.
    Failed,
    /// The run was cancelled.
    Cancelled,
}

impl RunStatus {
    /// The status as it appears on the wire (`running`, ...).
    pub const fn as_str(self) -> &'static str {
        match self {
            RunStatus::Running => "running",
            RunStatus::Blocked => "blocked",
            RunStatus::Completed => "completed",
            RunStatus::Failed => "failed",
            RunStatus::Cancelled => "cancelled",
        }
    }
}

/// Where one step of a control-plane run stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepStatus {
    /// Waiting for its turn.
    Queued,
    /// Waiting for an operator's approval or rejection: the only status
    /// `controlPlane.execution.reject` accepts.
    PendingApproval,
    /// Approved by an operator, waiting for its turn.
    Approved,
    /// Running.
    Running,
    /// Done.
    Completed,
    /// Rejected by an operator.
    Rejected,
    /// Failed.
    Failed,
}

impl StepStatus {
    /// The status as it appears on the wire (`pending_approval`, ...).
    pub const fn as_str(self) -> &'static str {
        match self {
            StepStatus::Queued => "queued",
            StepStatus::PendingApproval => "pending_approval",
            StepStatus::Approved => "approved",
            StepStatus::Running => "running",
            StepStatus::Completed => "completed",
            StepStatus::Rejected => "rejected",
            StepStatus::Failed => "failed",
        }
    }
}

/// A run of a compiled plan, created by `controlPlane.execution.start`: its steps and the
/// evidence they captured.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ExecutionRun {
    /// The run's id.
    pub run_id: Id,
    /// The execution it runs.
    pub execution_id: Id,
    /// The plan it runs.
    pub plan_id: Id,
    /// `autonomous` or `assist` (the start input's `mode`, or `assist` when a step needs an
    /// approval).
    pub mode: String,
    /// Where the run stands.
    pub status: RunStatus,
    /// When it started.
    pub started_at: DateTime,
    /// Who started it (the caller's id), if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started_by: Option<String>,
    /// The steps, in plan order.
    pub steps: Vec<RunStep>,
    /// The evidence the steps captured.
    #[serde(default)]
    pub evidence: Vec<EvidenceBundle>,
}

/// One step of a control-plane run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RunStep {
    /// The step's id (the plan step's).
    pub step_id: Id,
    /// What the step does.
    pub action: String,
    /// Where it stands.
    pub status: StepStatus,
    /// The operator's decision, once one was made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<StepDecision>,
}

/// An operator's decision on a step.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StepDecision {
    /// `approved` or `rejected`.
    pub outcome: StepStatus,
    /// The operator, as the input names them.
    pub decided_by: Id,
    /// Why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// When.
    pub decided_at: DateTime,
}

/// One piece of evidence a run captured: a message some contract describes (an operation's
/// input, an event's payload), or free-form data.
///
/// `source` is what makes redaction possible: see [`crate::evidence`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EvidenceBundle {
    /// The bundle's id.
    pub bundle_id: Id,
    /// The step that captured it, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step_id: Option<Id>,
    /// What it is (`intent`, `event`, `note`, `screenshot`, ...).
    pub kind: String,
    /// The contract whose message `payload` is, as `key@version`: an operation (the payload is
    /// its input) or an event (the payload is its payload). `None` for free-form data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Who or what captured it (personal data: an operator's e-mail address, for instance).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub captured_by: Option<String>,
    /// When it was captured.
    pub captured_at: DateTime,
    /// The evidence itself.
    pub payload: serde_json::Value,
}

/// The result of `controlPlane.execution.evidence.export`: the run's evidence bundles, redacted,
/// as handed off. The operation's output only carries their count; the bundles are kept here,
/// readable with [`Store::exports`](crate::Store::exports).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EvidenceExport {
    /// The export's id.
    pub export_id: Id,
    /// The run whose evidence it is.
    pub run_id: Id,
    /// Who exported it, as the input names them.
    pub exported_by: Id,
    /// When.
    pub exported_at: DateTime,
    /// The bundles, as JSON, with their personal data replaced by
    /// [`REDACTED`](contracts_runtime::REDACTED).
    pub bundles: Vec<serde_json::Value>,
}

/// A harness scenario (the catalogue `harness.run.start` draws steps from).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HarnessScenario {
    /// The scenario's key.
    pub key: String,
    /// Its steps, in order.
    pub steps: Vec<ScenarioStep>,
}

/// One step of a harness scenario.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ScenarioStep {
    /// The step's key.
    pub step_key: NonEmptyString,
    /// What kind of action it is (`navigate`, `fill`, `submit`, `assert`, ...).
    pub action_class: String,
    /// Whether an operator must approve it (its verdict is then `assist`, else `autonomous`).
    pub requires_approval: bool,
}

/// A harness suite: scenarios run together.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HarnessSuite {
    /// The suite's key.
    pub key: String,
    /// Its scenarios' keys, in order.
    pub scenario_keys: Vec<String>,
}

/// A context pack at one version: what `context.pack.snapshot` freezes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ContextPack {
    /// The pack's key.
    pub pack_key: String,
    /// The pack's version.
    pub version: String,
    /// A title.
    pub title: String,
    /// What the pack holds.
    pub items: Vec<ContextItem>,
}

/// One item of a context pack: a doc block, a contract, a knowledge entry, ... with its content.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ContextItem {
    /// What the item is (`doc_block`, `contract`, `knowledge`, `data_view`).
    pub kind: String,
    /// The item's key.
    pub key: String,
    /// The item's version, if it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// The item's content.
    pub content: serde_json::Value,
}

/// An immutable snapshot of a context pack, created by `context.pack.snapshot`.
///
/// Its id and hash are functions of the frozen content alone (see [`crate::canonical`]); the
/// store never changes a snapshot after creating it, and hands out copies.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ContextSnapshot {
    /// `snap-` followed by the hash.
    pub snapshot_id: Id,
    /// The SHA-256 of the canonical JSON of the content, in lowercase hex.
    pub hash: String,
    /// The pack's key.
    pub pack_key: String,
    /// The pack's version.
    pub pack_version: String,
    /// The frozen items (shared, never mutated).
    #[serde(serialize_with = "serialize_items")]
    pub items: Arc<[ContextItem]>,
    /// When the snapshot was created (by the first call with this content).
    pub created_at: DateTime,
    /// The reason the first call gave.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Who asked first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub requested_by: Option<Id>,
    /// The metadata the first call gave.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metadata: Option<JsonObject>,
}

fn serialize_items<S: serde::Serializer>(
    items: &Arc<[ContextItem]>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(items.iter())
}
