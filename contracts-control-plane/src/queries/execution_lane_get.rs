//! `controlPlane.execution.lane.get@1.0.0` (query): fetch the current state of one execution-lane run.

// Fields are left undocumented: the reference gives message fields no descriptions, and a field's
// doc comment would become its description in the contract.
#![allow(missing_docs)]

use contracts_core::{query, DateTime, Id, Model};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Fetch the current state of one execution-lane run.
#[query(
    key = "controlPlane.execution.lane.get",
    version = "1.0.0",
    title = "Get Execution Lane",
    goal = "Provide contract-backed lane detail for operator surfaces.",
    context = "Used by dashboards, APIs, and CLI surfaces to inspect one lane run.",
    tags = ["execution", "lane"],
    capability = "control-plane.audit@1.0.0",
    output = ControlPlaneExecutionLaneGetOutput,
    policy(auth = "admin"),
)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControlPlaneExecutionLaneGetInput {
    pub run_id: Id,
}

/// What `controlPlane.execution.lane.get` returns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControlPlaneExecutionLaneGetOutput {
    pub run: ControlPlaneExecutionLaneDetail,
}

/// The full state of one execution-lane run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControlPlaneExecutionLaneDetail {
    pub run_id: Id,
    pub lane_key: String,
    pub lane_status: String,
    pub lane_phase: String,
    pub owner_role: String,
    pub objective: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team_status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completion_phase: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub terminal_readiness: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub missing_evidence: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub missing_approvals: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blocking_risks: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recommended_next_lane: Option<String>,
    pub evidence_bundle_count: i64,
    pub approval_count: i64,
    pub transition_count: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queue_skew: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cleanup_status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_count: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snapshot_ref: Option<String>,
    pub updated_at: DateTime,
}
