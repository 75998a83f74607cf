//! Models shared by several contracts: the skill manifest (install and verify), the verification
//! issue (install, verify and the skill-rejected event) and the lane state (execution get and list).

// Fields are left undocumented: the reference gives message fields no descriptions, and a field's
// doc comment would become its description in the contract.
#![allow(missing_docs)]

use contracts_core::{DateTime, JsonObject, Model};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A skill manifest: the skill, its publisher, artifact, compatibility and signature.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControlPlaneSkillManifest {
    pub schema_version: String,
    pub skill: ControlPlaneSkillManifestSkill,
    pub publisher: ControlPlaneSkillManifestPublisher,
    pub artifact: ControlPlaneSkillManifestArtifact,
    pub compatibility: ControlPlaneSkillManifestCompatibility,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<JsonObject>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature: Option<ControlPlaneSkillSignature>,
}

/// The skill a manifest describes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControlPlaneSkillManifestSkill {
    pub key: String,
    pub version: String,
    pub entry_point: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// Who publishes a skill, and where it comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControlPlaneSkillManifestPublisher {
    pub id: String,
    pub provenance: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repository_url: Option<String>,
}

/// The artifact a skill manifest describes: its digest and files.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControlPlaneSkillManifestArtifact {
    pub digest: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub files: Option<Vec<ControlPlaneSkillArtifactFile>>,
}

/// One file of a skill artifact, with its digest and size.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControlPlaneSkillArtifactFile {
    pub path: String,
    pub digest: String,
    pub size: i64,
}

/// The runtime versions and capabilities a skill is compatible with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControlPlaneSkillManifestCompatibility {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contracts_spec: Option<ControlPlaneSkillVersionRange>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub control_plane_feature: Option<ControlPlaneSkillVersionRange>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required_capabilities: Option<Vec<ControlPlaneSkillCapabilityRequirement>>,
}

/// A range of versions; either bound may be absent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControlPlaneSkillVersionRange {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_version: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_version: Option<String>,
}

/// A capability a skill requires of the runtime.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControlPlaneSkillCapabilityRequirement {
    pub key: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
}

/// The signature of a skill manifest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControlPlaneSkillSignature {
    pub algorithm: String,
    pub signature: String,
    pub public_key: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued_at: Option<DateTime>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<DateTime>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<JsonObject>,
}

/// A problem found while verifying a skill.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControlPlaneSkillVerificationIssue {
    pub code: String,
    pub message: String,
}

/// The lane an execution runs in, and how far it has progressed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControlPlaneExecutionLaneState {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lane_key: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lane_status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lane_phase: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner_role: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence_bundle_count: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending_approval_count: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recommended_next_lane: Option<String>,
}
