//! `controlPlane.skill.list@1.0.0` (query): list installed and available skill artifacts.

// Fields are left undocumented: the reference gives message fields no descriptions, and a field's
// doc comment would become its description in the contract.
#![allow(missing_docs)]

use contracts_core::{query, DateTime, Model};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// List installed and available skill artifacts.
#[query(
    key = "controlPlane.skill.list",
    version = "1.0.0",
    title = "List Skills",
    goal = "Provide a governed inventory of skill availability and state.",
    context = "Used by operators and marketplace tooling to inspect active skill sets.",
    tags = ["skills"],
    capability = "control-plane.skill-registry@1.0.0",
    output = ControlPlaneSkillListOutput,
    policy(auth = "admin"),
)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControlPlaneSkillListInput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub include_disabled: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset: Option<i64>,
}

/// What `controlPlane.skill.list` returns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControlPlaneSkillListOutput {
    pub items: Vec<ControlPlaneSkillSummary>,
    pub total: i64,
}

/// One skill in a skill listing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControlPlaneSkillSummary {
    pub skill_key: String,
    pub version: String,
    pub status: String,
    pub verified: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provenance: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub installed_at: Option<DateTime>,
}
