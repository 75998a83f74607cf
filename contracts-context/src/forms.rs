//! The context domain's form: `context.pack.search.form`, declared on its model
//! [`ContextPackSearchFormModel`]; its action calls `context.pack.search@1.0.0`.

use contracts_core::{form, Model};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Search form for context packs and snapshots.
#[form(
    key = "context.pack.search.form",
    version = "1.0.0",
    title = "Context Pack Search",
    tags = ["search"],
    doc_ids = ["docs.tech.context.pack.search.form"],
    fields(
        field(kind = "text", name = "query", label = "Search", placeholder = "Search context packs"),
        field(kind = "text", name = "tag", label = "Tag", placeholder = "context, database, agent"),
        field(kind = "text", name = "owner", label = "Owner", placeholder = "platform.context"),
        field(kind = "switch", name = "snapshotOnly", label = "Snapshots only"),
    ),
    actions(action(key = "search", label = "Search", op = "context.pack.search@1.0.0")),
    policy(flags = [], pii = []),
)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[allow(missing_docs)]
pub struct ContextPackSearchFormModel {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snapshot_only: Option<bool>,
}
