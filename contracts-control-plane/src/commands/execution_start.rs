//! `controlPlane.execution.start@1.0.0` (command): start executing an approved compiled plan.

// Fields are left undocumented: the reference gives message fields no descriptions, and a field's
// doc comment would become its description in the contract.
#![allow(missing_docs)]

use contracts_core::{command, DateTime, Id, Model};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Start executing an approved compiled plan.
#[command(
    key = "controlPlane.execution.start",
    version = "1.0.0",
    title = "Start Execution",
    goal = "Run deterministic plan steps through the governed runtime loop.",
    context = "Triggered after successful verification and optional approval decisions.",
    tags = ["execution"],
    capability = "control-plane.core@1.0.0",
    output = ControlPlaneExecutionStartOutput,
    policy(auth = "admin"),
    examples(
        example(
            name = "start",
            summary = "Start the run of an approved plan.",
            input = r#"{"executionId": "exec-approved", "planId": "plan-approved"}"#,
            output = r#"{"runId": "run-0001", "status": "running", "startedAt": "2026-11-20T08:00:00Z"}"#,
            ignore = ["runId", "startedAt"],
        ),
        example(
            name = "not-approved",
            summary = "A plan still waiting for approval cannot start.",
            input = r#"{"executionId": "exec-pending", "planId": "plan-pending"}"#,
            error = "PRECONDITION_FAILED",
        ),
        example(
            name = "not-admin",
            summary = "Only an admin may start a run.",
            input = r#"{"executionId": "exec-approved", "planId": "plan-approved"}"#,
            error = "FORBIDDEN",
            actor = "user",
        ),
    ),
)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControlPlaneExecutionStartInput {
    pub execution_id: Id,
    pub plan_id: Id,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<String>,
}

/// What `controlPlane.execution.start` returns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControlPlaneExecutionStartOutput {
    pub run_id: Id,
    pub status: String,
    pub started_at: DateTime,
}
