//! The context domain's data view: `context.snapshot.index`, a list over
//! `context.pack.search@1.0.0`.

use contracts_core::data_view;

/// List context packs and their latest snapshots.
#[data_view(
    key = "context.snapshot.index",
    version = "1.0.0",
    title = "Context Snapshots",
    tags = ["snapshot", "index"],
    doc_ids = ["docs.tech.context.snapshot.index"],
    entity = "context_snapshot",
    source(primary = "context.pack.search@1.0.0"),
    view(
        kind = "list",
        fields(
            field(key = "packKey", label = "Pack", data_path = "packKey"),
            field(key = "packVersion", label = "Version", data_path = "packVersion"),
            field(key = "snapshotId", label = "Snapshot", data_path = "snapshotId"),
            field(key = "snapshotCreatedAt", label = "Created", data_path = "snapshotCreatedAt"),
            field(key = "title", label = "Title", data_path = "title"),
            field(key = "summary", label = "Summary", data_path = "summary"),
            field(key = "sourceCount", label = "Sources", data_path = "sourceCount"),
        ),
        primary_field = "title",
        secondary_fields = ["summary", "packKey"],
        filters(
            filter(key = "query", label = "Search", field = "query", type = "search"),
            filter(key = "tag", label = "Tag", field = "tag", type = "search"),
            filter(key = "owner", label = "Owner", field = "owner", type = "search"),
            filter(key = "snapshotOnly", label = "Snapshots only", field = "snapshotOnly", type = "boolean"),
        ),
    ),
    policy(flags = [], pii = []),
)]
pub struct ContextSnapshotsDataView;
