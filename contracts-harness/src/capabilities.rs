//! Every capability of the harness domain.

use contracts_core::capability;

/// Run, inspect, and cancel harness sessions.
#[capability(
    key = "harness.execution",
    version = "1.0.0",
    kind = "integration",
    title = "Harness Execution",
    tags = ["execution"],
    provides(
        operation("harness.run.start@1.0.0", description = "Start a harness run."),
        operation("harness.run.cancel@1.0.0", description = "Cancel an active harness run."),
        operation("harness.run.get@1.0.0", description = "Read one harness run."),
        event("harness.run.started@1.0.0", description = "Harness run started."),
        event("harness.run.completed@1.0.0", description = "Harness run completed."),
        event("harness.run.failed@1.0.0", description = "Harness run failed."),
        event("harness.step.blocked@1.0.0", description = "Harness step blocked."),
    ),
    requires(
        capability("control-plane.core@1.0.0", optional, reason = "Execution links to control-plane plans and trace IDs when present."),
    ),
)]
pub struct HarnessExecutionCapability;

/// Capture and retrieve normalized evidence artifacts.
#[capability(
    key = "harness.evidence",
    version = "1.0.0",
    kind = "data",
    title = "Harness Evidence",
    tags = ["evidence"],
    provides(
        operation("harness.evidence.list@1.0.0", description = "List evidence for a run."),
        operation("harness.evidence.get@1.0.0", description = "Read one evidence artifact."),
        event("harness.evidence.captured@1.0.0", description = "Evidence captured during execution."),
        presentation("harness.run.audit@1.0.0", description = "Audit presentation for harness runs and evidence."),
    ),
)]
pub struct HarnessEvidenceCapability;

/// Run scenario evaluations and inspect assertion outcomes.
#[capability(
    key = "harness.evaluation",
    version = "1.0.0",
    kind = "data",
    title = "Harness Evaluation",
    tags = ["evaluation"],
    provides(
        operation("harness.evaluation.run@1.0.0", description = "Run a harness scenario or suite."),
        operation("harness.evaluation.get@1.0.0", description = "Read one evaluation result."),
        event("harness.evaluation.completed@1.0.0", description = "Evaluation completed with assertion results."),
    ),
)]
pub struct HarnessEvaluationCapability;

/// Resolve preview, task, shared, and sandbox harness targets.
#[capability(
    key = "harness.targeting",
    version = "1.0.0",
    kind = "integration",
    title = "Harness Targeting",
    tags = ["targeting"],
    provides(
        operation("harness.target.resolve@1.0.0", description = "Resolve the execution target for a harness run."),
    ),
)]
pub struct HarnessTargetingCapability;
