//! The events of the control plane, one payload struct per event.
//!
//! No event claims a capability (as upstream); the capabilities that provide them list them.

// Fields are left undocumented: the reference gives message fields no descriptions, and a field's
// doc comment would become its description in the contract.
#![allow(missing_docs)]

use crate::models::ControlPlaneSkillVerificationIssue;
use contracts_core::{event, DateTime, Id, JsonObject, Model};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Emitted when a new control plane intent is accepted.
#[event(key = "controlPlane.intent.received", version = "1.0.0", tags = ["intent"])]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControlPlaneIntentReceivedPayload {
    pub execution_id: Id,
    pub intent_id: Id,
    pub received_at: DateTime,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor_id: Option<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel_key: Option<String>,
}

/// Emitted when an intent is compiled into an executable plan.
#[event(key = "controlPlane.plan.compiled", version = "1.0.0", tags = ["plan"])]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControlPlanePlanCompiledPayload {
    pub execution_id: Id,
    pub plan_id: Id,
    pub compiled_at: DateTime,
    pub step_count: i64,
}

/// Emitted when a plan fails verification or governance checks.
#[event(key = "controlPlane.plan.rejected", version = "1.0.0", tags = ["plan", "governance"])]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControlPlanePlanRejectedPayload {
    pub execution_id: Id,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_id: Option<Id>,
    pub rejected_at: DateTime,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reasons: Option<Vec<String>>,
}

/// Emitted when an execution step starts.
#[event(key = "controlPlane.execution.step.started", version = "1.0.0", tags = ["execution"])]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControlPlaneExecutionStepStartedPayload {
    pub execution_id: Id,
    pub run_id: Id,
    pub step_id: Id,
    pub started_at: DateTime,
}

/// Emitted when policy blocks an execution step.
#[event(key = "controlPlane.execution.step.blocked", version = "1.0.0", tags = ["execution", "blocked"])]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControlPlaneExecutionStepBlockedPayload {
    pub execution_id: Id,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub run_id: Option<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step_id: Option<Id>,
    pub blocked_at: DateTime,
    pub reason: String,
}

/// Emitted when an execution step completes.
#[event(key = "controlPlane.execution.step.completed", version = "1.0.0", tags = ["execution"])]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControlPlaneExecutionStepCompletedPayload {
    pub execution_id: Id,
    pub run_id: Id,
    pub step_id: Id,
    pub completed_at: DateTime,
}

/// Emitted when an execution run finishes successfully.
#[event(key = "controlPlane.execution.completed", version = "1.0.0", tags = ["execution"])]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControlPlaneExecutionCompletedPayload {
    pub execution_id: Id,
    pub run_id: Id,
    pub completed_at: DateTime,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<String>,
}

/// Emitted when an execution run fails.
#[event(key = "controlPlane.execution.failed", version = "1.0.0", tags = ["execution", "failure"])]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControlPlaneExecutionFailedPayload {
    pub execution_id: Id,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub run_id: Option<Id>,
    pub failed_at: DateTime,
    pub error_code: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_message: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub problem: Option<JsonObject>,
}

/// Emitted when a skill artifact is verified and installed.
#[event(key = "controlPlane.skill.installed", version = "1.0.0", tags = ["skills"])]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControlPlaneSkillInstalledPayload {
    pub installation_id: Id,
    pub skill_key: String,
    pub version: String,
    pub installed_at: DateTime,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provenance: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manifest_digest: Option<String>,
}

/// Emitted when a skill install attempt is rejected.
#[event(key = "controlPlane.skill.rejected", version = "1.0.0", tags = ["skills", "governance"])]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControlPlaneSkillRejectedPayload {
    pub skill_key: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    pub rejected_at: DateTime,
    pub reason: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provenance: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manifest_digest: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issues: Option<Vec<ControlPlaneSkillVerificationIssue>>,
}
