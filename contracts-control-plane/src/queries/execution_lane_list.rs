//! `controlPlane.execution.lane.list@1.0.0` (query): list execution-lane runs with lane-focused filters.

// Fields are left undocumented: the reference gives message fields no descriptions, and a field's
// doc comment would become its description in the contract.
#![allow(missing_docs)]

use contracts_core::{query, DateTime, Id, Model};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// List execution-lane runs with lane-focused filters.
#[query(
    key = "controlPlane.execution.lane.list",
    version = "1.0.0",
    title = "List Execution Lanes",
    goal = "Provide contract-backed lane inventory for operators.",
    context = "Used by dashboards, APIs, and CLI surfaces to inspect lane queues and status.",
    tags = ["execution", "lane"],
    capability = "control-plane.audit@1.0.0",
    output = ControlPlaneExecutionLaneListOutput,
    policy(auth = "admin"),
)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControlPlaneExecutionLaneListInput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lane_key: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lane_status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset: Option<i64>,
}

/// What `controlPlane.execution.lane.list` returns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControlPlaneExecutionLaneListOutput {
    pub items: Vec<ControlPlaneExecutionLaneSummary>,
    pub total: i64,
}

/// One execution-lane run in a lane listing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControlPlaneExecutionLaneSummary {
    pub run_id: Id,
    pub lane_key: String,
    pub lane_status: String,
    pub lane_phase: String,
    pub owner_role: String,
    pub objective: String,
    pub evidence_completeness: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub terminal_readiness: Option<String>,
    pub pending_approval_count: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub missing_evidence_count: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub missing_approval_count: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recommended_next_lane: Option<String>,
    pub updated_at: DateTime,
}
