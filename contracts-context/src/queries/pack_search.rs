//! `context.pack.search@1.0.0`: search and filter context packs and snapshots.

use contracts_core::{query, DateTime, Id, Model};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Search and filter context packs and snapshots.
#[query(
    key = "context.pack.search",
    version = "1.0.0",
    title = "Search Context Packs",
    goal = "Provide discovery of context packs and their latest snapshots.",
    context = "Used by Studio and agent surfaces to find relevant context packs and snapshot entries.",
    tags = ["pack", "search"],
    doc_ids = ["docs.tech.context.pack.search"],
    capability = "context.system@1.0.0",
    output = ContextPackSearchOutput,
    policy(auth = "user", pii = [], idempotent = true),
)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[allow(missing_docs)]
pub struct ContextPackSearchInput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snapshot_only: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset: Option<i64>,
}

/// A page of matching context packs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[allow(missing_docs)]
pub struct ContextPackSearchOutput {
    pub items: Vec<ContextPackSearchItem>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_offset: Option<i64>,
}

/// A matching context pack, with its latest snapshot if any.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[allow(missing_docs)]
pub struct ContextPackSearchItem {
    pub pack_key: String,
    pub pack_version: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snapshot_id: Option<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snapshot_created_at: Option<DateTime>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owners: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_count: Option<i64>,
}
