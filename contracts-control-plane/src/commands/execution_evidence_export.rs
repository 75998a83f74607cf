//! `controlPlane.execution.evidence.export@1.0.0` (command): export the evidence set attached to an execution-lane run.

// Fields are left undocumented: the reference gives message fields no descriptions, and a field's
// doc comment would become its description in the contract.
#![allow(missing_docs)]

use contracts_core::{command, DateTime, Id, Model};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Export the evidence set attached to an execution-lane run.
#[command(
    key = "controlPlane.execution.evidence.export",
    version = "1.0.0",
    title = "Export Execution Lane Evidence",
    goal = "Make evidence handoff explicit and auditable for operators.",
    context = "Used when exporting lane evidence for review, replay, or packaging.",
    tags = ["execution", "evidence"],
    capability = "control-plane.audit@1.0.0",
    output = ControlPlaneExecutionEvidenceExportOutput,
    policy(auth = "admin"),
    examples(
        example(
            name = "export",
            summary = "Export the evidence of a run, its personal data redacted.",
            input = r#"{"runId": "run-audited", "exportedBy": "admin-1"}"#,
            output = r#"{"runId": "run-audited", "evidenceBundleCount": 3,
                "exportedAt": "2026-11-20T08:00:00Z"}"#,
            ignore = ["exportedAt"],
        ),
        example(
            name = "unknown-run",
            input = r#"{"runId": "run-nope", "exportedBy": "admin-1"}"#,
            error = "NOT_FOUND",
        ),
    ),
)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControlPlaneExecutionEvidenceExportInput {
    pub run_id: Id,
    pub exported_by: Id,
}

/// What `controlPlane.execution.evidence.export` returns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControlPlaneExecutionEvidenceExportOutput {
    pub run_id: Id,
    pub evidence_bundle_count: i64,
    pub exported_at: DateTime,
}
