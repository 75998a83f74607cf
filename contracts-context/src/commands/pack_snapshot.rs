//! `context.pack.snapshot@1.0.0`: create an immutable snapshot from a context pack.

use crate::events::ContextSnapshotCreatedPayload;
use contracts_core::{command, DateTime, Id, JsonObject, Model, NonEmptyString};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Create an immutable snapshot from a context pack.
#[command(
    key = "context.pack.snapshot",
    version = "1.0.0",
    title = "Create Context Snapshot",
    goal = "Persist a versioned, auditable context snapshot for agents.",
    context = "Used when launching background agents or when operators want to lock context state.",
    tags = ["snapshot", "create"],
    doc_ids = ["docs.tech.context.pack.snapshot"],
    capability = "context.system@1.0.0",
    output = ContextPackSnapshotOutput,
    emits(ContextSnapshotCreatedPayload(when = "A new snapshot has been created and persisted.", version = "1.0.0")),
    policy(auth = "admin", pii = [], idempotent = false),
    examples(
        example(
            name = "snapshot",
            summary = "Snapshot the latest version of a pack: the id is its content hash.",
            input = r#"{"packKey": "support.refunds"}"#,
            output = r#"{"snapshotId": "snap-9c83f0fe92bcbd20e0a1e4d643ecdb5c9615c33984abe2804a3c6eb3057dbf47",
                "packKey": "support.refunds", "packVersion": "1.1.0",
                "hash": "9c83f0fe92bcbd20e0a1e4d643ecdb5c9615c33984abe2804a3c6eb3057dbf47",
                "itemCount": 3, "createdAt": "2026-11-20T08:00:00Z"}"#,
            ignore = ["createdAt"],
            events = ["context.snapshot.created"],
        ),
        example(
            name = "unknown-pack",
            summary = "A pack that does not exist.",
            input = r#"{"packKey": "nope.pack"}"#,
            error = "NOT_FOUND",
        ),
    ),
)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[allow(missing_docs)]
pub struct ContextPackSnapshotInput {
    pub pack_key: NonEmptyString,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pack_version: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requested_by: Option<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<JsonObject>,
}

/// The snapshot that was created.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[allow(missing_docs)]
pub struct ContextPackSnapshotOutput {
    pub snapshot_id: Id,
    pub pack_key: String,
    pub pack_version: String,
    pub hash: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item_count: Option<i64>,
    pub created_at: DateTime,
}
