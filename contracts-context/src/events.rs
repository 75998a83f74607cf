//! The context domain's event: `context.snapshot.created`, on its payload struct.

use contracts_core::{event, DateTime, Id, Model};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Emitted when a context snapshot is created.
#[event(
    key = "context.snapshot.created",
    version = "1.0.0",
    tags = ["snapshot"],
    doc_ids = ["docs.tech.context.snapshot.created"],
    capability = "context.system@1.0.0",
    pii = [],
    examples(example(
        name = "created",
        summary = "The snapshot of `support.refunds` at 1.1.0.",
        payload = r#"{"snapshotId": "snap-9c83f0fe92bcbd20e0a1e4d643ecdb5c9615c33984abe2804a3c6eb3057dbf47",
            "packKey": "support.refunds", "packVersion": "1.1.0",
            "hash": "9c83f0fe92bcbd20e0a1e4d643ecdb5c9615c33984abe2804a3c6eb3057dbf47",
            "itemCount": 3, "createdAt": "2026-11-20T08:00:00Z"}"#,
    )),
)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[allow(missing_docs)]
pub struct ContextSnapshotCreatedPayload {
    pub snapshot_id: Id,
    pub pack_key: String,
    pub pack_version: String,
    pub hash: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item_count: Option<i64>,
    pub created_at: DateTime,
}
