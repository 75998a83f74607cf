//! The context domain's presentation: `context.snapshot.summary`.

use contracts_core::presentation;

/// Summary layout for context snapshots.
#[presentation(
    key = "context.snapshot.summary",
    version = "1.0.0",
    title = "Context Snapshot Summary",
    goal = "Explain snapshot composition, provenance, and usage.",
    context = "Used by Studio and audit surfaces to present snapshot details.",
    tags = ["snapshot", "summary"],
    doc_ids = ["docs.tech.context.snapshot.presentation"],
    capability = "context.system@1.0.0",
    source(component(framework = "react", key = "contextSnapshotSummary")),
    targets = ["react", "markdown"],
)]
pub struct ContextSnapshotSummaryPresentation;
