//! The models shared by several contracts (ContractSpec's `harness/models.ts`).

// Fields are left undocumented: the reference gives message fields no descriptions, and a
// field's doc comment would become its description in the contract.
#![allow(missing_docs)]

use contracts_core::{DateTime, Id, JsonObject, Model, NonEmptyString};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A captured evidence artifact (where it is stored, for which run and step).
///
/// Used by `HarnessEvidenceGetOutput.artifact` and `HarnessEvidenceListOutput.artifacts`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EvidenceArtifact {
    pub artifact_id: Id,
    pub kind: String,
    pub run_id: Id,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step_id: Option<Id>,
    pub uri: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hash: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    pub created_at: DateTime,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<JsonObject>,
}

/// The result of one assertion of an evaluation, with the evidence backing it.
///
/// Used by `HarnessEvaluation.assertions`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HarnessAssertionResult {
    pub assertion_key: NonEmptyString,
    pub status: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence_artifact_ids: Option<Vec<Id>>,
}

/// An evaluation of a scenario or suite run: its status and assertion results.
///
/// Used by `HarnessEvaluationGetOutput.evaluation` and `HarnessEvaluationRunOutput.evaluation`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HarnessEvaluation {
    pub evaluation_id: Id,
    pub run_id: Id,
    pub scenario_key: NonEmptyString,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suite_key: Option<String>,
    pub status: String,
    pub assertions: Vec<HarnessAssertionResult>,
    pub evidence_count: i64,
    pub started_at: DateTime,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed_at: Option<DateTime>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replay_bundle_uri: Option<String>,
}

/// A harness run: its mode, target and steps.
///
/// Used by `HarnessRunGetOutput.run` and `HarnessRunStartOutput.run`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HarnessRun {
    pub run_id: Id,
    pub status: String,
    pub mode: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scenario_key: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suite_key: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub control_plane_execution_id: Option<Id>,
    pub target: HarnessTarget,
    pub steps: Vec<HarnessStep>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence_count: Option<i64>,
    pub created_at: DateTime,
    pub updated_at: DateTime,
}

/// One step of a harness run, with its action class, verdict and status.
///
/// Used by `HarnessRun.steps`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HarnessStep {
    pub step_id: Id,
    pub step_key: NonEmptyString,
    pub run_id: Id,
    pub mode: String,
    pub action_class: String,
    pub verdict: String,
    pub requires_approval: bool,
    pub status: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started_at: Option<DateTime>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed_at: Option<DateTime>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<JsonObject>,
}

/// The isolated target a harness run executes against.
///
/// Used by `HarnessRun.target` and `HarnessTargetResolveOutput.target`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HarnessTarget {
    pub target_id: Id,
    pub kind: String,
    pub isolation: String,
    pub environment: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowlisted_domains: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<JsonObject>,
}
