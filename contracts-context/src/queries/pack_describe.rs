//! `context.pack.describe@1.0.0`: describe a context pack and its sources.

use contracts_core::{query, DateTime, Id, Model, NonEmptyString};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Describe a context pack and its sources.
#[query(
    key = "context.pack.describe",
    version = "1.0.0",
    title = "Describe Context Pack",
    goal = "Provide a canonical view of context pack composition.",
    context = "Used by Studio and agents to understand what a pack will include before snapshotting.",
    tags = ["pack", "describe"],
    doc_ids = ["docs.tech.context.pack.describe"],
    capability = "context.system@1.0.0",
    output = ContextPackDescribeOutput,
    policy(auth = "user", pii = [], idempotent = true),
)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[allow(missing_docs)]
pub struct ContextPackDescribeInput {
    pub pack_key: NonEmptyString,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
}

/// The described pack, with its latest snapshot if any.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[allow(missing_docs)]
pub struct ContextPackDescribeOutput {
    pub pack: ContextPackSummary,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snapshot_id: Option<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<DateTime>,
}

/// A context pack: its identity, ownership and sources.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[allow(missing_docs)]
pub struct ContextPackSummary {
    pub pack_key: String,
    pub version: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owners: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sources: Option<Vec<ContextPackSource>>,
}

/// A source a context pack draws from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[allow(missing_docs)]
pub struct ContextPackSource {
    pub kind: String,
    pub key: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}
