//! The `harness.execution` capability: `harness.run.start`, `harness.run.get` and
//! `harness.run.cancel`.
//!
//! Of the four events the capability provides, only `harness.run.started` is declared by one of
//! its operations (`harness.run.start`); `harness.run.completed`, `harness.run.failed` and
//! `harness.step.blocked` are declared by none, so no handler here can emit them (the emitter is
//! typed: emitting them does not compile). See the crate's README.

use super::{caller, conflict, not_found, precondition_failed};
use crate::records::HarnessScenario;
use crate::store::Store;
use contracts_core::JsonObject;
use contracts_harness::commands::{
    HarnessRunCancelInput, HarnessRunCancelOutput, HarnessRunStartError, HarnessRunStartInput,
    HarnessRunStartOutput,
};
use contracts_harness::events::HarnessRunStartedPayload;
use contracts_harness::models::{HarnessRun, HarnessStep};
use contracts_harness::queries::{HarnessRunGetInput, HarnessRunGetOutput};
use contracts_runtime::{Ctx, Failure, Reply};

/// The mode of a run started without one.
pub const DEFAULT_MODE: &str = "deterministic";

/// Run statuses after which a run does not change.
const TERMINAL: [&str; 3] = ["completed", "failed", "cancelled"];

/// `harness.run.start`: starts a run of a scenario, of a suite, or of one scenario of a suite.
///
/// - Neither `scenarioKey` nor `suiteKey`: the declared `SCENARIO_OR_SUITE_REQUIRED` (400).
/// - The scenario, the suite, the target (`targetId`, or the store's default target) and the
///   control-plane execution (`controlPlaneExecutionId`, if given) must exist: `NOT_FOUND`
///   otherwise; with both keys, the scenario must be one of the suite's. No target at all is
///   `PRECONDITION_FAILED`.
///
/// The run gets a new id, status `running`, mode `input.mode` or [`DEFAULT_MODE`], and one
/// `pending` step per scenario step (verdict `assist` if it requires an approval, else
/// `autonomous`), and emits `harness.run.started`. Replies `CREATED` with the run.
///
/// [`DEFAULT_MODE`]: crate::handlers::DEFAULT_MODE
pub fn start_harness_run(
    store: &Store,
    input: HarnessRunStartInput,
    ctx: &Ctx<HarnessRunStartInput>,
) -> Result<Reply<HarnessRunStartOutput>, Failure<HarnessRunStartError>> {
    let now = chrono::Utc::now();
    let mut guard = store.lock();
    let state = &mut *guard;

    let scenarios: Vec<&HarnessScenario> = match (&input.suite_key, &input.scenario_key) {
        (Some(suite_key), scenario_key) => {
            let Some(suite) = state.suites.get(suite_key.as_str()) else {
                return Err(not_found(format!(
                    "there is no harness suite `{suite_key}`"
                )));
            };
            let keys: Vec<&String> = match scenario_key {
                Some(key) if !suite.scenario_keys.iter().any(|k| k == key.as_str()) => {
                    return Err(not_found(format!(
                        "harness suite `{suite_key}` has no scenario `{key}`"
                    )));
                }
                Some(key) => suite
                    .scenario_keys
                    .iter()
                    .filter(|k| *k == key.as_str())
                    .collect(),
                None => suite.scenario_keys.iter().collect(),
            };
            let mut scenarios = Vec::with_capacity(keys.len());
            for key in keys {
                match state.scenarios.get(key) {
                    Some(scenario) => scenarios.push(scenario),
                    None => {
                        let detail = format!(
                            "harness suite `{suite_key}` names scenario `{key}`, which does not exist"
                        );
                        return Err(not_found(detail));
                    }
                }
            }
            scenarios
        }
        (None, Some(key)) => match state.scenarios.get(key.as_str()) {
            Some(scenario) => vec![scenario],
            None => return Err(not_found(format!("there is no harness scenario `{key}`"))),
        },
        (None, None) => {
            return Err(
                Failure::declared(HarnessRunStartError::ScenarioOrSuiteRequired)
                    .with_detail("give `scenarioKey`, `suiteKey`, or both"),
            )
        }
    };

    let target = match (&input.target_id, &state.default_target) {
        (Some(id), _) => state
            .targets
            .get(id.as_str())
            .ok_or_else(|| not_found(format!("there is no harness target `{id}`")))?,
        (None, Some(id)) => state.targets.get(id.as_str()).ok_or_else(|| {
            precondition_failed(format!(
                "the default harness target `{id}` does not exist: give a `targetId`"
            ))
        })?,
        (None, None) => {
            return Err(precondition_failed(
                "no harness target is configured: give a `targetId`".to_owned(),
            ))
        }
    }
    .clone();

    if let Some(execution_id) = &input.control_plane_execution_id {
        if !state.knows_execution(execution_id) {
            return Err(not_found(format!(
                "there is no control-plane execution `{execution_id}`"
            )));
        }
    }

    let mode = input.mode.unwrap_or_else(|| DEFAULT_MODE.to_owned());
    let step_templates: Vec<(String, crate::records::ScenarioStep)> = scenarios
        .iter()
        .flat_map(|scenario| {
            scenario
                .steps
                .iter()
                .map(move |step| (scenario.key.clone(), step.clone()))
        })
        .collect();
    let run_id = state.fresh_id("hrun", |state, id| state.harness_runs.contains_key(id));
    let steps = step_templates
        .into_iter()
        .enumerate()
        .map(|(i, (scenario_key, step))| {
            let mut metadata = JsonObject::new();
            metadata.insert("scenarioKey".to_owned(), scenario_key.into());
            if let Some(actor) = caller(ctx) {
                metadata.insert("startedBy".to_owned(), actor.into());
            }
            HarnessStep {
                step_id: format!("{run_id}-s{}", i + 1).into(),
                step_key: step.step_key,
                run_id: run_id.clone(),
                mode: mode.clone(),
                action_class: step.action_class,
                verdict: if step.requires_approval {
                    "assist"
                } else {
                    "autonomous"
                }
                .to_owned(),
                requires_approval: step.requires_approval,
                status: "pending".to_owned(),
                summary: None,
                started_at: None,
                completed_at: None,
                metadata: Some(metadata),
            }
        })
        .collect();
    let scenario_key = input.scenario_key.map(|key| key.into_inner());
    let suite_key = input.suite_key.map(|key| key.into_inner());
    let run = HarnessRun {
        run_id: run_id.clone(),
        status: "running".to_owned(),
        mode: mode.clone(),
        scenario_key: scenario_key.clone(),
        suite_key: suite_key.clone(),
        control_plane_execution_id: input.control_plane_execution_id,
        target,
        steps,
        evidence_count: Some(0),
        created_at: now,
        updated_at: now,
    };
    state.harness_runs.insert(run_id.to_string(), run.clone());
    ctx.emit(HarnessRunStartedPayload {
        run_id,
        scenario_key,
        suite_key,
        mode,
        started_at: now,
    });
    Ok(Reply::created(HarnessRunStartOutput { run }))
}

/// `harness.run.get`: the run with its steps, or `NOT_FOUND`. Replies `OK`.
pub fn get_harness_run(
    store: &Store,
    input: HarnessRunGetInput,
    _ctx: &Ctx<HarnessRunGetInput>,
) -> Result<HarnessRunGetOutput, Failure> {
    match store.lock().harness_runs.get(input.run_id.as_str()) {
        Some(run) => Ok(HarnessRunGetOutput { run: run.clone() }),
        None => Err(not_found(format!(
            "there is no harness run `{}`",
            input.run_id
        ))),
    }
}

/// `harness.run.cancel`: cancels a run that has not finished.
///
/// The run must exist (`NOT_FOUND`) and not be `completed`, `failed` or `cancelled` already
/// (`CONFLICT`: the contract declares no error for it). The run and its unfinished steps become
/// `cancelled` (the steps' summary carries the reason, the run model having no field for it).
/// Replies `OK` with the status and the time. Emits nothing: the operation declares no event.
pub fn cancel_harness_run(
    store: &Store,
    input: HarnessRunCancelInput,
    _ctx: &Ctx<HarnessRunCancelInput>,
) -> Result<HarnessRunCancelOutput, Failure> {
    let now = chrono::Utc::now();
    let mut state = store.lock();
    let Some(run) = state.harness_runs.get_mut(input.run_id.as_str()) else {
        return Err(not_found(format!(
            "there is no harness run `{}`",
            input.run_id
        )));
    };
    if TERMINAL.contains(&run.status.as_str()) {
        return Err(conflict(format!(
            "harness run `{}` cannot be cancelled: it is already `{}`",
            input.run_id, run.status
        )));
    }
    run.status = "cancelled".to_owned();
    run.updated_at = now;
    let summary = match &input.reason {
        Some(reason) => format!("cancelled: {reason}"),
        None => "cancelled".to_owned(),
    };
    for step in &mut run.steps {
        if !TERMINAL.contains(&step.status.as_str()) {
            step.status = "cancelled".to_owned();
            step.completed_at = Some(now);
            step.summary = Some(summary.clone());
        }
    }
    Ok(HarnessRunCancelOutput {
        run_id: input.run_id,
        status: "cancelled".to_owned(),
        cancelled_at: now,
    })
}
