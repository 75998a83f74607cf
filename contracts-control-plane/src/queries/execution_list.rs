//! `controlPlane.execution.list@1.0.0` (query): list execution runs with filtering and pagination.

// Fields are left undocumented: the reference gives message fields no descriptions, and a field's
// doc comment would become its description in the contract.
#![allow(missing_docs)]

use crate::models::ControlPlaneExecutionLaneState;
use contracts_core::{query, DateTime, Id, Model};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// List execution runs with filtering and pagination.
#[query(
    key = "controlPlane.execution.list",
    version = "1.0.0",
    title = "List Executions",
    goal = "Provide auditable execution inventory for operations teams.",
    context = "Used by dashboards and CLI status views to monitor runtime execution.",
    tags = ["execution"],
    capability = "control-plane.core@1.0.0",
    output = ControlPlaneExecutionListOutput,
    policy(auth = "admin"),
)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControlPlaneExecutionListInput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workspace_id: Option<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset: Option<i64>,
}

/// What `controlPlane.execution.list` returns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControlPlaneExecutionListOutput {
    pub items: Vec<ControlPlaneExecutionSummary>,
    pub total: i64,
}

/// One execution in an execution listing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControlPlaneExecutionSummary {
    pub execution_id: Id,
    pub status: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub risk_tier: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lane: Option<ControlPlaneExecutionLaneState>,
    pub updated_at: DateTime,
}
