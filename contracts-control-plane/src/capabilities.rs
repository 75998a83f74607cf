//! The capabilities of the control plane: what each part of the runtime provides and requires.
//!
//! Upstream, eight operations claim a capability that does not list them; here each of those
//! capabilities lists them (marked "Added:" below). See the README, "Where the data disagrees
//! with the rules".

use contracts_core::capability;

/// Core intent, planning, and execution surfaces.
#[capability(
    key = "control-plane.core",
    version = "1.0.0",
    kind = "integration",
    title = "Control Plane Core",
    tags = ["core"],
    provides(
        operation("controlPlane.intent.submit@1.0.0", description = "Submit intent for controlled execution."),
        operation("controlPlane.plan.compile@1.0.0", description = "Compile deterministic plan DAG."),
        operation("controlPlane.execution.start@1.0.0", description = "Start approved plan execution."),
        operation("controlPlane.execution.cancel@1.0.0", description = "Cancel in-flight execution."),
        operation("controlPlane.execution.get@1.0.0", description = "Read one execution state."),
        operation("controlPlane.execution.list@1.0.0", description = "List execution states."),
        // Added: the operation claims this capability, but upstream omits it here.
        operation("controlPlane.execution.abort@1.0.0", description = "Abort an execution-lane run immediately."),
        // Added: the operation claims this capability, but upstream omits it here.
        operation("controlPlane.execution.pause@1.0.0", description = "Pause an active execution-lane run."),
        // Added: the operation claims this capability, but upstream omits it here.
        operation("controlPlane.execution.resume@1.0.0", description = "Resume a paused execution-lane run."),
        // Added: the operation claims this capability, but upstream omits it here.
        operation("controlPlane.execution.retry@1.0.0", description = "Retry the current lane execution phase."),
        // Added: the operation claims this capability, but upstream omits it here.
        operation("controlPlane.execution.shutdown@1.0.0", description = "Shut down an execution-lane run."),
        event("controlPlane.intent.received@1.0.0", description = "Intent accepted into runtime pipeline."),
        event("controlPlane.plan.compiled@1.0.0", description = "Plan compilation completed."),
    ),
)]
pub struct ControlPlaneCoreCapability;

/// Human approval and rejection gates for execution steps.
#[capability(
    key = "control-plane.approval",
    version = "1.0.0",
    kind = "integration",
    title = "Control Plane Approval",
    tags = ["approval"],
    provides(
        operation("controlPlane.execution.approve@1.0.0", description = "Approve a pending step."),
        operation("controlPlane.execution.reject@1.0.0", description = "Reject a pending step."),
        event("controlPlane.execution.step.blocked@1.0.0", description = "Step blocked by policy or operator decision."),
    ),
    requires(
        capability("control-plane.core@1.0.0", reason = "Approval decisions are applied on core execution records."),
    ),
)]
pub struct ControlPlaneApprovalCapability;

/// Trace, policy explanation, and replay-grade observability.
#[capability(
    key = "control-plane.audit",
    version = "1.0.0",
    kind = "data",
    title = "Control Plane Audit",
    tags = ["audit"],
    provides(
        operation("controlPlane.plan.verify@1.0.0", description = "Verify plan policy/risk before execution."),
        operation("controlPlane.trace.get@1.0.0", description = "Get trace entries for replay and investigations."),
        operation("controlPlane.policy.explain@1.0.0", description = "Explain policy verdict rationale."),
        // Added: the operation claims this capability, but upstream omits it here.
        operation("controlPlane.execution.evidence.export@1.0.0", description = "Export the evidence of an execution-lane run."),
        // Added: the operation claims this capability, but upstream omits it here.
        operation("controlPlane.execution.lane.get@1.0.0", description = "Read one execution-lane run."),
        // Added: the operation claims this capability, but upstream omits it here.
        operation("controlPlane.execution.lane.list@1.0.0", description = "List execution-lane runs."),
        event("controlPlane.execution.failed@1.0.0", description = "Execution failure event for incident tracking."),
        event("controlPlane.execution.completed@1.0.0", description = "Execution completion event for reporting."),
    ),
    requires(
        capability("control-plane.core@1.0.0", reason = "Audit surfaces depend on core execution lifecycle records."),
    ),
)]
pub struct ControlPlaneAuditCapability;

/// Signed skill lifecycle and compatibility governance.
#[capability(
    key = "control-plane.skill-registry",
    version = "1.0.0",
    kind = "integration",
    title = "Control Plane Skill Registry",
    tags = ["skills"],
    provides(
        operation("controlPlane.skill.install@1.0.0", description = "Install signed skill artifacts."),
        operation("controlPlane.skill.disable@1.0.0", description = "Disable installed skill artifacts."),
        operation("controlPlane.skill.list@1.0.0", description = "List installed skill artifacts."),
        operation("controlPlane.skill.verify@1.0.0", description = "Verify skill signatures and constraints."),
        event("controlPlane.skill.installed@1.0.0", description = "Skill install succeeded."),
        event("controlPlane.skill.rejected@1.0.0", description = "Skill install rejected."),
    ),
)]
pub struct ControlPlaneSkillRegistryCapability;

/// Channel-facing runtime surfaces for controlled execution.
#[capability(
    key = "control-plane.channel-runtime",
    version = "1.0.0",
    kind = "integration",
    title = "Control Plane Channel Runtime",
    tags = ["channels"],
    provides(
        event("controlPlane.execution.step.started@1.0.0", description = "Channel-linked step began."),
        event("controlPlane.execution.step.completed@1.0.0", description = "Channel-linked step completed."),
        event("controlPlane.execution.step.blocked@1.0.0", description = "Channel-linked step blocked."),
    ),
    requires(
        capability("control-plane.core@1.0.0", reason = "Channel runtime builds on core intent and execution contracts."),
        capability("control-plane.audit@1.0.0", reason = "Channel interactions must remain traceable and replayable."),
    ),
)]
pub struct ControlPlaneChannelRuntimeCapability;
