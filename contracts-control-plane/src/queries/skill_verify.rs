//! `controlPlane.skill.verify@1.0.0` (query): verify skill signature and compatibility constraints.

// Fields are left undocumented: the reference gives message fields no descriptions, and a field's
// doc comment would become its description in the contract.
#![allow(missing_docs)]

use crate::models::{ControlPlaneSkillManifest, ControlPlaneSkillVerificationIssue};
use contracts_core::{query, DateTime, Model};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Verify skill signature and compatibility constraints.
#[query(
    key = "controlPlane.skill.verify",
    version = "1.0.0",
    title = "Verify Skill Artifact",
    goal = "Make skill trust checks explicit and queryable.",
    context = "Used by install pipelines and operators before enabling skill artifacts.",
    tags = ["skills", "governance"],
    capability = "control-plane.skill-registry@1.0.0",
    output = ControlPlaneSkillVerifyOutput,
    policy(auth = "admin"),
)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControlPlaneSkillVerifyInput {
    pub skill_key: String,
    pub version: String,
    pub artifact_digest: String,
    pub manifest: ControlPlaneSkillManifest,
}

/// What `controlPlane.skill.verify` returns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControlPlaneSkillVerifyOutput {
    pub verified: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature_verified: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher_trusted: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compatibility_verified: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manifest_digest: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issues: Option<Vec<ControlPlaneSkillVerificationIssue>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    pub verified_at: DateTime,
}
