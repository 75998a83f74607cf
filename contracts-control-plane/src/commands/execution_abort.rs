//! `controlPlane.execution.abort@1.0.0` (command): abort an execution-lane run immediately.

// Fields are left undocumented: the reference gives message fields no descriptions, and a field's
// doc comment would become its description in the contract.
#![allow(missing_docs)]

use contracts_core::{command, DateTime, Id, Model};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Abort an execution-lane run immediately.
#[command(
    key = "controlPlane.execution.abort",
    version = "1.0.0",
    title = "Abort Execution Lane",
    goal = "Provide a hard terminal stop distinct from graceful shutdown.",
    context = "Used when operators must terminate a lane instead of pausing or shutting it down gracefully.",
    tags = ["execution", "lane"],
    capability = "control-plane.core@1.0.0",
    output = ControlPlaneExecutionAbortOutput,
    policy(auth = "admin"),
)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControlPlaneExecutionAbortInput {
    pub run_id: Id,
    pub aborted_by: Id,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// What `controlPlane.execution.abort` returns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControlPlaneExecutionAbortOutput {
    pub run_id: Id,
    pub status: String,
    pub aborted_at: DateTime,
}
