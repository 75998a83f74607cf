//! `controlPlane.execution.retry@1.0.0` (command): retry the current lane execution phase.

// Fields are left undocumented: the reference gives message fields no descriptions, and a field's
// doc comment would become its description in the contract.
#![allow(missing_docs)]

use contracts_core::{command, DateTime, Id, Model};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Retry the current lane execution phase.
#[command(
    key = "controlPlane.execution.retry",
    version = "1.0.0",
    title = "Retry Execution Lane",
    goal = "Allow operators to restart remediation without re-creating the run.",
    context = "Used when evidence, verification, or worker failure requires a retry.",
    tags = ["execution", "lane"],
    capability = "control-plane.core@1.0.0",
    output = ControlPlaneExecutionRetryOutput,
    policy(auth = "admin"),
)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControlPlaneExecutionRetryInput {
    pub run_id: Id,
    pub retried_by: Id,
}

/// What `controlPlane.execution.retry` returns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControlPlaneExecutionRetryOutput {
    pub run_id: Id,
    pub status: String,
    pub phase: String,
    pub retried_at: DateTime,
}
