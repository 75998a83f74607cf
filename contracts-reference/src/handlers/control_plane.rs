//! `controlPlane.execution.start`, `controlPlane.execution.reject` and
//! `controlPlane.execution.evidence.export`.
//!
//! None of the three declares errors or events, so every refusal is a standard failure code
//! with a detail, and nothing is emitted.

use super::{caller, conflict, internal, not_found, precondition_failed};
use crate::evidence::redacted_bundle;
use crate::records::{
    EvidenceExport, ExecutionRun, PlanStatus, RunStatus, RunStep, StepDecision, StepStatus,
};
use crate::store::Store;
use crate::DOMAINS;
use contracts_control_plane::commands::{
    ControlPlaneExecutionEvidenceExportInput, ControlPlaneExecutionEvidenceExportOutput,
    ControlPlaneExecutionRejectInput, ControlPlaneExecutionRejectOutput,
    ControlPlaneExecutionStartInput, ControlPlaneExecutionStartOutput,
};
use contracts_runtime::{Ctx, Failure, Reply};

/// `controlPlane.execution.start`: starts the run of an approved compiled plan.
///
/// The plan must exist and belong to the execution (`NOT_FOUND` otherwise), be approved
/// (`PRECONDITION_FAILED` otherwise: the contract declares no error for an unapproved plan, and
/// 412 is the standard code for "the resource is not in the state this request requires"), and
/// the execution must not have started already (`CONFLICT`). The run gets a new id, status
/// `running`, the plan's steps (those requiring an approval `pending_approval`, the others
/// `queued`) and mode `input.mode`, or `assist` if a step requires an approval, else
/// `autonomous`. Replies `CREATED` with the run id, status and start time.
pub fn start_execution(
    store: &Store,
    input: ControlPlaneExecutionStartInput,
    ctx: &Ctx<ControlPlaneExecutionStartInput>,
) -> Result<Reply<ControlPlaneExecutionStartOutput>, Failure> {
    let now = chrono::Utc::now();
    let mut guard = store.lock();
    let state = &mut *guard;
    let Some(plan) = state.plans.get(input.plan_id.as_str()) else {
        return Err(not_found(format!("there is no plan `{}`", input.plan_id)));
    };
    if plan.execution_id != input.execution_id {
        return Err(not_found(format!(
            "plan `{}` is not a plan of execution `{}`",
            input.plan_id, input.execution_id
        )));
    }
    if plan.status != PlanStatus::Approved {
        return Err(precondition_failed(format!(
            "plan `{}` is not approved (its status is `{}`): only an approved plan can be started",
            input.plan_id,
            plan.status.as_str()
        )));
    }
    if let Some(run) = state
        .runs
        .values()
        .find(|run| run.execution_id == input.execution_id)
    {
        return Err(conflict(format!(
            "execution `{}` has already started (run `{}`, {})",
            input.execution_id,
            run.run_id,
            run.status.as_str()
        )));
    }
    let steps: Vec<RunStep> = plan
        .steps
        .iter()
        .map(|step| RunStep {
            step_id: step.step_id.clone(),
            action: step.action.clone(),
            status: if step.requires_approval {
                StepStatus::PendingApproval
            } else {
                StepStatus::Queued
            },
            decision: None,
        })
        .collect();
    let mode = input.mode.unwrap_or_else(|| {
        if plan.steps.iter().any(|step| step.requires_approval) {
            "assist".to_owned()
        } else {
            "autonomous".to_owned()
        }
    });
    let run_id = state.fresh_id("run", |state, id| state.runs.contains_key(id));
    let run = ExecutionRun {
        run_id: run_id.clone(),
        execution_id: input.execution_id,
        plan_id: input.plan_id,
        mode,
        status: RunStatus::Running,
        started_at: now,
        started_by: caller(ctx),
        steps,
        evidence: Vec::new(),
    };
    state.runs.insert(run_id.to_string(), run);
    Ok(Reply::created(ControlPlaneExecutionStartOutput {
        run_id,
        status: RunStatus::Running.as_str().to_owned(),
        started_at: now,
    }))
}

/// `controlPlane.execution.reject`: rejects a step of a run that is pending approval.
///
/// The execution must exist and have started, and its run must have the step (`NOT_FOUND`
/// otherwise); the step must be `pending_approval` (`CONFLICT` otherwise, with its status).
/// The step becomes `rejected`, with the decision (who, why, when) recorded, and the run
/// `blocked`. Replies `OK` with the step's new status and the time.
pub fn reject_step(
    store: &Store,
    input: ControlPlaneExecutionRejectInput,
    _ctx: &Ctx<ControlPlaneExecutionRejectInput>,
) -> Result<ControlPlaneExecutionRejectOutput, Failure> {
    let now = chrono::Utc::now();
    let mut guard = store.lock();
    let state = &mut *guard;
    let known = state.knows_execution(&input.execution_id);
    let Some(run) = state
        .runs
        .values_mut()
        .find(|run| run.execution_id == input.execution_id)
    else {
        return Err(not_found(if known {
            format!(
                "execution `{}` has not started: it has no step `{}` yet",
                input.execution_id, input.step_id
            )
        } else {
            format!("there is no execution `{}`", input.execution_id)
        }));
    };
    let Some(step) = run
        .steps
        .iter_mut()
        .find(|step| step.step_id == input.step_id)
    else {
        return Err(not_found(format!(
            "execution `{}` has no step `{}`",
            input.execution_id, input.step_id
        )));
    };
    if step.status != StepStatus::PendingApproval {
        return Err(conflict(format!(
            "step `{}` of execution `{}` is not pending approval: it is `{}`",
            input.step_id,
            input.execution_id,
            step.status.as_str()
        )));
    }
    step.status = StepStatus::Rejected;
    step.decision = Some(StepDecision {
        outcome: StepStatus::Rejected,
        decided_by: input.rejected_by,
        reason: Some(input.reason),
        decided_at: now,
    });
    run.status = RunStatus::Blocked;
    Ok(ControlPlaneExecutionRejectOutput {
        execution_id: input.execution_id,
        step_id: input.step_id,
        status: StepStatus::Rejected.as_str().to_owned(),
        rejected_at: now,
    })
}

/// `controlPlane.execution.evidence.export`: exports the evidence bundles of a run, with their
/// personal data redacted.
///
/// The run must exist (`NOT_FOUND`). Each bundle is redacted as [`crate::evidence`] explains
/// (the pii its source contract declares, the whole payload when no contract describes it, and
/// the envelope's [`ENVELOPE_PII`](crate::evidence::ENVELOPE_PII)); the redacted bundles are
/// stored as an [`EvidenceExport`] (the contract's output only has their count), readable with
/// [`Store::exports`]. Replies `OK` with the count and the time.
pub fn export_evidence(
    store: &Store,
    input: ControlPlaneExecutionEvidenceExportInput,
    _ctx: &Ctx<ControlPlaneExecutionEvidenceExportInput>,
) -> Result<ControlPlaneExecutionEvidenceExportOutput, Failure> {
    let now = chrono::Utc::now();
    let mut guard = store.lock();
    let state = &mut *guard;
    let Some(run) = state.runs.get(input.run_id.as_str()) else {
        return Err(not_found(format!("there is no run `{}`", input.run_id)));
    };
    let bundles = run
        .evidence
        .iter()
        .map(|bundle| redacted_bundle(&DOMAINS, bundle))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|_| {
            internal(format!(
                "the evidence of run `{}` does not serialize",
                input.run_id
            ))
        })?;
    let count = i64::try_from(bundles.len()).unwrap_or(i64::MAX);
    let export_id = state.fresh_id("export", |state, id| {
        state.exports.iter().any(|e| e.export_id.as_str() == id)
    });
    state.exports.push(EvidenceExport {
        export_id,
        run_id: input.run_id.clone(),
        exported_by: input.exported_by,
        exported_at: now,
        bundles,
    });
    Ok(ControlPlaneExecutionEvidenceExportOutput {
        run_id: input.run_id,
        evidence_bundle_count: count,
        exported_at: now,
    })
}
