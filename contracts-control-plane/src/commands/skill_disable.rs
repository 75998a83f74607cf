//! `controlPlane.skill.disable@1.0.0` (command): disable an installed skill in the control plane registry.

// Fields are left undocumented: the reference gives message fields no descriptions, and a field's
// doc comment would become its description in the contract.
#![allow(missing_docs)]

use contracts_core::{command, DateTime, Id, Model};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Disable an installed skill in the control plane registry.
#[command(
    key = "controlPlane.skill.disable",
    version = "1.0.0",
    title = "Disable Skill Artifact",
    goal = "Allow operators to revoke risky or obsolete skills quickly.",
    context = "Used for incident response, governance enforcement, and lifecycle cleanup.",
    tags = ["skills", "governance"],
    capability = "control-plane.skill-registry@1.0.0",
    output = ControlPlaneSkillDisableOutput,
    policy(auth = "admin"),
)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControlPlaneSkillDisableInput {
    pub skill_key: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    pub disabled_by: Id,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// What `controlPlane.skill.disable` returns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControlPlaneSkillDisableOutput {
    pub skill_key: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    pub status: String,
    pub disabled_at: DateTime,
}
