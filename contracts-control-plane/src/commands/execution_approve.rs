//! `controlPlane.execution.approve@1.0.0` (command): approve a pending execution step for continuation.

// Fields are left undocumented: the reference gives message fields no descriptions, and a field's
// doc comment would become its description in the contract.
#![allow(missing_docs)]

use contracts_core::{command, DateTime, Id, Model};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Approve a pending execution step for continuation.
#[command(
    key = "controlPlane.execution.approve",
    version = "1.0.0",
    title = "Approve Execution Step",
    goal = "Enable human-in-the-loop control for risky actions.",
    context = "Used in assist mode when a step requires explicit approval before dispatch.",
    tags = ["approval"],
    capability = "control-plane.approval@1.0.0",
    output = ControlPlaneExecutionApproveOutput,
    policy(auth = "admin"),
)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControlPlaneExecutionApproveInput {
    pub execution_id: Id,
    pub step_id: Id,
    pub approved_by: Id,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// What `controlPlane.execution.approve` returns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControlPlaneExecutionApproveOutput {
    pub execution_id: Id,
    pub step_id: Id,
    pub status: String,
    pub approved_at: DateTime,
}
