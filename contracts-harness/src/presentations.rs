//! The presentations of the harness domain.

use contracts_core::presentation;

/// Audit view for harness runs, steps, evidence, and assertions.
#[presentation(
    key = "harness.run.audit",
    version = "1.0.0",
    title = "Harness Run Audit",
    goal = "Explain what happened, why it happened, and what proves it.",
    context = "Used by review surfaces to inspect bounded harness execution.",
    tags = ["audit"],
    capability = "harness.evidence@1.0.0",
    source(component(framework = "react", key = "harnessRunAudit")),
    targets = ["react", "markdown"],
)]
pub struct HarnessRunAuditPresentation;
