//! `harness.evidence.get@1.0.0`: Get Harness Evidence.
//!
//! Holds the input [`HarnessEvidenceGetInput`] (annotated with `#[query]`) and the output
//! [`HarnessEvidenceGetOutput`].

// Fields are left undocumented: the reference gives message fields no descriptions, and a
// field's doc comment would become its description in the contract.
#![allow(missing_docs)]

use crate::models::EvidenceArtifact;
use contracts_core::{query, Id, Model};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Fetch one evidence artifact by id.
#[query(
    key = "harness.evidence.get",
    version = "1.0.0",
    title = "Get Harness Evidence",
    goal = "Support evidence drill-down and replay inputs.",
    context = "Used by audit UIs and replay tooling.",
    tags = ["evidence"],
    capability = "harness.evidence@1.0.0",
    output = HarnessEvidenceGetOutput,
    policy(auth = "user"),
)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HarnessEvidenceGetInput {
    pub artifact_id: Id,
}

/// The output of `harness.evidence.get`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HarnessEvidenceGetOutput {
    pub artifact: EvidenceArtifact,
}
