//! `controlPlane.execution.reject@1.0.0` (command): reject a pending execution step.

// Fields are left undocumented: the reference gives message fields no descriptions, and a field's
// doc comment would become its description in the contract.
#![allow(missing_docs)]

use contracts_core::{command, DateTime, Id, Model};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Reject a pending execution step.
#[command(
    key = "controlPlane.execution.reject",
    version = "1.0.0",
    title = "Reject Execution Step",
    goal = "Allow operators to block unsafe or undesired actions.",
    context = "Used by approval workflows to stop execution when policy or operator criteria fail.",
    tags = ["approval"],
    capability = "control-plane.approval@1.0.0",
    output = ControlPlaneExecutionRejectOutput,
    policy(auth = "admin"),
    examples(
        example(
            name = "reject",
            summary = "Reject the refund step, pending approval.",
            input = r#"{"executionId": "exec-audited", "stepId": "step-refund",
                "rejectedBy": "admin-1", "reason": "too risky"}"#,
            output = r#"{"executionId": "exec-audited", "stepId": "step-refund",
                "status": "rejected", "rejectedAt": "2026-11-20T08:00:00Z"}"#,
            ignore = ["rejectedAt"],
        ),
        example(
            name = "not-pending",
            summary = "A completed step is not pending approval.",
            input = r#"{"executionId": "exec-audited", "stepId": "step-lookup",
                "rejectedBy": "admin-1", "reason": "too risky"}"#,
            error = "CONFLICT",
        ),
    ),
)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControlPlaneExecutionRejectInput {
    pub execution_id: Id,
    pub step_id: Id,
    pub rejected_by: Id,
    pub reason: String,
}

/// What `controlPlane.execution.reject` returns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControlPlaneExecutionRejectOutput {
    pub execution_id: Id,
    pub step_id: Id,
    pub status: String,
    pub rejected_at: DateTime,
}
