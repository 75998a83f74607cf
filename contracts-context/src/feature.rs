//! The context domain's feature module, `platform.context`: every context contract that ships
//! together.

use contracts_core::feature_module;

/// Snapshot, search, and describe context packs for AI-driven workflows
#[feature_module(
    key = "platform.context",
    version = "1.0.0",
    title = "Context System",
    operations = [
        "context.pack.snapshot@1.0.0",
        "context.pack.describe@1.0.0",
        "context.pack.search@1.0.0",
    ],
    events = ["context.snapshot.created@1.0.0"],
    presentations = ["context.snapshot.summary@1.0.0"],
    provides = ["context.system@1.0.0"],
    data_views = ["context.snapshot.index@1.0.0"],
    forms = ["context.pack.search.form@1.0.0"],
)]
pub struct ContextFeature;
