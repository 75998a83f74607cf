//! `controlPlane.execution.cancel@1.0.0` (command): cancel an execution run and transition to terminal state.

// Fields are left undocumented: the reference gives message fields no descriptions, and a field's
// doc comment would become its description in the contract.
#![allow(missing_docs)]

use contracts_core::{command, DateTime, Id, Model};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Cancel an execution run and transition to terminal state.
#[command(
    key = "controlPlane.execution.cancel",
    version = "1.0.0",
    title = "Cancel Execution",
    goal = "Provide safe operator control to stop active runs.",
    context = "Used when execution must be halted due to policy, operator decision, or runtime error handling.",
    tags = ["execution", "approval"],
    capability = "control-plane.core@1.0.0",
    output = ControlPlaneExecutionCancelOutput,
    policy(auth = "admin"),
)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControlPlaneExecutionCancelInput {
    pub execution_id: Id,
    pub cancelled_by: Id,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// What `controlPlane.execution.cancel` returns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControlPlaneExecutionCancelOutput {
    pub execution_id: Id,
    pub status: String,
    pub cancelled_at: DateTime,
}
