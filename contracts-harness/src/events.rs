//! Every event of the harness domain, declared on its payload struct.
//!
//! No event claims a capability (as in ContractSpec). `harness.step.started` and
//! `harness.step.completed` are provided by no capability either.

// Fields are left undocumented: the reference gives message fields no descriptions, and a
// field's doc comment would become its description in the contract.
#![allow(missing_docs)]

use contracts_core::{event, DateTime, Id, JsonObject, Model, NonEmptyString};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Emitted when a harness run starts.
#[event(
    key = "harness.run.started",
    version = "1.0.0",
    tags = ["run", "started"],
    examples(example(
        name = "scenario",
        summary = "The checkout scenario started.",
        payload = r#"{"runId": "hrun-0001", "scenarioKey": "checkout.happy-path",
            "mode": "deterministic", "startedAt": "2026-11-20T08:00:00Z"}"#,
    )),
)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HarnessRunStartedPayload {
    pub run_id: Id,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scenario_key: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suite_key: Option<String>,
    pub mode: String,
    pub started_at: DateTime,
}

/// Emitted when a harness run completes.
#[event(key = "harness.run.completed", version = "1.0.0", tags = ["run", "completed"])]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HarnessRunCompletedPayload {
    pub run_id: Id,
    pub completed_at: DateTime,
    pub evidence_count: i64,
    pub status: String,
}

/// Emitted when a harness run fails.
#[event(key = "harness.run.failed", version = "1.0.0", tags = ["run", "failed"])]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HarnessRunFailedPayload {
    pub run_id: Id,
    pub failed_at: DateTime,
    pub reason: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub problem: Option<JsonObject>,
}

/// Emitted when a harness step starts.
#[event(key = "harness.step.started", version = "1.0.0", tags = ["step", "started"])]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HarnessStepStartedPayload {
    pub run_id: Id,
    pub step_id: Id,
    pub step_key: NonEmptyString,
    pub mode: String,
    pub started_at: DateTime,
}

/// Emitted when a harness step completes.
#[event(key = "harness.step.completed", version = "1.0.0", tags = ["step", "completed"])]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HarnessStepCompletedPayload {
    pub run_id: Id,
    pub step_id: Id,
    pub completed_at: DateTime,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
}

/// Emitted when a harness step is blocked by policy.
#[event(key = "harness.step.blocked", version = "1.0.0", tags = ["step", "blocked"])]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HarnessStepBlockedPayload {
    pub run_id: Id,
    pub step_id: Id,
    pub blocked_at: DateTime,
    pub reason: String,
}

/// Emitted when a harness artifact is captured.
#[event(key = "harness.evidence.captured", version = "1.0.0", tags = ["evidence"])]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HarnessEvidenceCapturedPayload {
    pub run_id: Id,
    pub artifact_id: Id,
    pub kind: String,
    pub captured_at: DateTime,
}

/// Emitted when a harness evaluation completes.
#[event(key = "harness.evaluation.completed", version = "1.0.0", tags = ["evaluation", "completed"])]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HarnessEvaluationCompletedPayload {
    pub evaluation_id: Id,
    pub run_id: Id,
    pub scenario_key: NonEmptyString,
    pub status: String,
    pub completed_at: DateTime,
}
