//! The harness feature module: every contract of the domain, shipped together.

use contracts_core::feature_module;

/// Controlled application inspection, testing, validation, and proof generation.
#[feature_module(
    key = "platform.harness",
    version = "1.0.0",
    title = "Harness System",
    operations = [
        "harness.target.resolve@1.0.0",
        "harness.run.start@1.0.0",
        "harness.run.cancel@1.0.0",
        "harness.run.get@1.0.0",
        "harness.evidence.list@1.0.0",
        "harness.evidence.get@1.0.0",
        "harness.evaluation.run@1.0.0",
        "harness.evaluation.get@1.0.0",
    ],
    events = [
        "harness.run.started@1.0.0",
        "harness.run.completed@1.0.0",
        "harness.run.failed@1.0.0",
        "harness.step.started@1.0.0",
        "harness.step.completed@1.0.0",
        "harness.step.blocked@1.0.0",
        "harness.evidence.captured@1.0.0",
        "harness.evaluation.completed@1.0.0",
    ],
    presentations = [
        "harness.run.audit@1.0.0",
    ],
    provides = [
        "harness.execution@1.0.0",
        "harness.evidence@1.0.0",
        "harness.evaluation@1.0.0",
        "harness.targeting@1.0.0",
    ],
    data_views = [
        "harness.run.index@1.0.0",
        "harness.evidence.index@1.0.0",
        "harness.evaluation.index@1.0.0",
    ],
)]
pub struct HarnessFeature;
