//! The control-plane feature module: the contracts that ship together.
//!
//! As upstream, it lists 15 of the 23 operations: the lane operations (abort, pause, resume,
//! retry, shutdown, evidence export, lane get and list) are registered but not in the feature.

use contracts_core::feature_module;

/// Deterministic intent, planning, execution, approvals, audit, and skill governance surfaces.
#[feature_module(
    key = "platform.control-plane",
    version = "1.0.0",
    title = "Control Plane Runtime",
    operations = [
        "controlPlane.intent.submit@1.0.0",
        "controlPlane.plan.compile@1.0.0",
        "controlPlane.plan.verify@1.0.0",
        "controlPlane.execution.start@1.0.0",
        "controlPlane.execution.cancel@1.0.0",
        "controlPlane.execution.approve@1.0.0",
        "controlPlane.execution.reject@1.0.0",
        "controlPlane.execution.get@1.0.0",
        "controlPlane.execution.list@1.0.0",
        "controlPlane.trace.get@1.0.0",
        "controlPlane.policy.explain@1.0.0",
        "controlPlane.skill.install@1.0.0",
        "controlPlane.skill.disable@1.0.0",
        "controlPlane.skill.list@1.0.0",
        "controlPlane.skill.verify@1.0.0",
    ],
    events = [
        "controlPlane.intent.received@1.0.0",
        "controlPlane.plan.compiled@1.0.0",
        "controlPlane.plan.rejected@1.0.0",
        "controlPlane.execution.step.started@1.0.0",
        "controlPlane.execution.step.completed@1.0.0",
        "controlPlane.execution.step.blocked@1.0.0",
        "controlPlane.execution.completed@1.0.0",
        "controlPlane.execution.failed@1.0.0",
        "controlPlane.skill.installed@1.0.0",
        "controlPlane.skill.rejected@1.0.0",
    ],
    provides = [
        "control-plane.core@1.0.0",
        "control-plane.approval@1.0.0",
        "control-plane.audit@1.0.0",
        "control-plane.skill-registry@1.0.0",
        "control-plane.channel-runtime@1.0.0",
    ],
)]
pub struct ControlPlaneFeature;
