//! `harness.evidence.list@1.0.0`: List Harness Evidence.
//!
//! Holds the input [`HarnessEvidenceListInput`] (annotated with `#[query]`) and the output
//! [`HarnessEvidenceListOutput`].

// Fields are left undocumented: the reference gives message fields no descriptions, and a
// field's doc comment would become its description in the contract.
#![allow(missing_docs)]

use crate::models::EvidenceArtifact;
use contracts_core::{query, Id, Model};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// List normalized evidence artifacts for one run.
#[query(
    key = "harness.evidence.list",
    version = "1.0.0",
    title = "List Harness Evidence",
    goal = "Expose proof of what happened during execution.",
    context = "Used in audit and evaluation surfaces.",
    tags = ["evidence", "list"],
    capability = "harness.evidence@1.0.0",
    output = HarnessEvidenceListOutput,
    policy(auth = "user"),
)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HarnessEvidenceListInput {
    pub run_id: Id,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step_id: Option<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
}

/// The output of `harness.evidence.list`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HarnessEvidenceListOutput {
    pub artifacts: Vec<EvidenceArtifact>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<i64>,
}
