//! `controlPlane.execution.resume@1.0.0` (command): resume a paused execution-lane run.

// Fields are left undocumented: the reference gives message fields no descriptions, and a field's
// doc comment would become its description in the contract.
#![allow(missing_docs)]

use contracts_core::{command, DateTime, Id, Model};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Resume a paused execution-lane run.
#[command(
    key = "controlPlane.execution.resume",
    version = "1.0.0",
    title = "Resume Execution Lane",
    goal = "Return a lane to active execution after operator intervention.",
    context = "Used when paused work is allowed to continue.",
    tags = ["execution", "lane"],
    capability = "control-plane.core@1.0.0",
    output = ControlPlaneExecutionResumeOutput,
    policy(auth = "admin"),
)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControlPlaneExecutionResumeInput {
    pub run_id: Id,
    pub resumed_by: Id,
}

/// What `controlPlane.execution.resume` returns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControlPlaneExecutionResumeOutput {
    pub run_id: Id,
    pub status: String,
    pub resumed_at: DateTime,
}
