//! `controlPlane.execution.shutdown@1.0.0` (command): shutdown an execution-lane run and move it to a terminal state.

// Fields are left undocumented: the reference gives message fields no descriptions, and a field's
// doc comment would become its description in the contract.
#![allow(missing_docs)]

use contracts_core::{command, DateTime, Id, Model};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Shutdown an execution-lane run and move it to a terminal state.
#[command(
    key = "controlPlane.execution.shutdown",
    version = "1.0.0",
    title = "Shutdown Execution Lane",
    goal = "Provide explicit operator shutdown with audit-friendly reason capture.",
    context = "Used when a lane must be terminated rather than paused or retried.",
    tags = ["execution", "lane"],
    capability = "control-plane.core@1.0.0",
    output = ControlPlaneExecutionShutdownOutput,
    policy(auth = "admin"),
)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControlPlaneExecutionShutdownInput {
    pub run_id: Id,
    pub shutdown_by: Id,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// What `controlPlane.execution.shutdown` returns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControlPlaneExecutionShutdownOutput {
    pub run_id: Id,
    pub status: String,
    pub shutdown_at: DateTime,
}
