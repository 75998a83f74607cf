//! `controlPlane.execution.get@1.0.0` (query): fetch the latest state for one execution.

// Fields are left undocumented: the reference gives message fields no descriptions, and a field's
// doc comment would become its description in the contract.
#![allow(missing_docs)]

use crate::models::ControlPlaneExecutionLaneState;
use contracts_core::{query, DateTime, Id, Model};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Fetch the latest state for one execution.
#[query(
    key = "controlPlane.execution.get",
    version = "1.0.0",
    title = "Get Execution",
    goal = "Provide operators and channels a deterministic execution view.",
    context = "Used by dashboards, CLI, and channel adapters to inspect one execution.",
    tags = ["execution"],
    capability = "control-plane.core@1.0.0",
    output = ControlPlaneExecutionGetOutput,
    policy(auth = "admin"),
)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControlPlaneExecutionGetInput {
    pub execution_id: Id,
}

/// What `controlPlane.execution.get` returns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControlPlaneExecutionGetOutput {
    pub execution: ControlPlaneExecutionRecord,
}

/// The latest state of one execution.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControlPlaneExecutionRecord {
    pub execution_id: Id,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intent_id: Option<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_id: Option<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub run_id: Option<Id>,
    pub status: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub risk_tier: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requires_approval: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lane: Option<ControlPlaneExecutionLaneState>,
    pub created_at: DateTime,
    pub updated_at: DateTime,
}
