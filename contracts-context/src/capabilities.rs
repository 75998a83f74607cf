//! The context domain's capability: `context.system`, which provides every context operation,
//! the snapshot event and the snapshot summary presentation.

use contracts_core::capability;

/// Context packs, snapshots, and discovery surfaces.
#[capability(
    key = "context.system",
    version = "1.0.0",
    kind = "data",
    title = "Context System",
    tags = ["system"],
    doc_ids = ["docs.tech.context.system"],
    provides(
        operation("context.pack.describe@1.0.0", description = "Describe a context pack and its sources."),
        operation("context.pack.search@1.0.0", description = "Search and filter context packs and snapshots."),
        operation("context.pack.snapshot@1.0.0", description = "Create an immutable context snapshot."),
        event("context.snapshot.created@1.0.0", description = "Snapshot created event."),
        presentation("context.snapshot.summary@1.0.0", description = "Snapshot summary presentation."),
    ),
)]
pub struct ContextSystemCapability;
