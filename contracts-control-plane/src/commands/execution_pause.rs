//! `controlPlane.execution.pause@1.0.0` (command): pause an active execution-lane run.

// Fields are left undocumented: the reference gives message fields no descriptions, and a field's
// doc comment would become its description in the contract.
#![allow(missing_docs)]

use contracts_core::{command, DateTime, Id, Model};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Pause an active execution-lane run.
#[command(
    key = "controlPlane.execution.pause",
    version = "1.0.0",
    title = "Pause Execution Lane",
    goal = "Let operators halt lane progress without losing runtime state.",
    context = "Used for operator intervention when a lane should stop in-place.",
    tags = ["execution", "lane"],
    capability = "control-plane.core@1.0.0",
    output = ControlPlaneExecutionPauseOutput,
    policy(auth = "admin"),
)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControlPlaneExecutionPauseInput {
    pub run_id: Id,
    pub paused_by: Id,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// What `controlPlane.execution.pause` returns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControlPlaneExecutionPauseOutput {
    pub run_id: Id,
    pub status: String,
    pub paused_at: DateTime,
}
