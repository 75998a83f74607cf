//! `controlPlane.execution.start`, `.reject` and `.evidence.export`, through `execute` with
//! JSON and through the typed `call`.

mod common;

use common::{admin, data, detail, events, execute, setup, user};
use contracts_control_plane::commands::{
    ControlPlaneExecutionEvidenceExportInput, ControlPlaneExecutionRejectInput,
    ControlPlaneExecutionStartInput,
};
use contracts_reference::fixtures::{
    APPROVED_EXECUTION, APPROVED_PLAN, AUDITED_EXECUTION, AUDITED_RUN, CUSTOMER_EMAIL,
    CUSTOMER_PHONE, DRAFT_EXECUTION, DRAFT_PLAN, LOOKUP_STEP, NOTIFY_STEP, OPERATOR_EMAIL,
    PENDING_EXECUTION, PENDING_PLAN, REFUND_STEP,
};
use contracts_reference::records::{PlanStatus, RunStatus, StepStatus};
use contracts_runtime::{CallContext, FailureCode, SuccessCode, REDACTED};
use serde_json::{json, Value};

const START: &str = "controlPlane.execution.start";
const REJECT: &str = "controlPlane.execution.reject";
const EXPORT: &str = "controlPlane.execution.evidence.export";

fn start_input(execution: &str, plan: &str) -> String {
    json!({"executionId": execution, "planId": plan}).to_string()
}

fn reject_input(execution: &str, step: &str) -> String {
    json!({
        "executionId": execution,
        "stepId": step,
        "rejectedBy": "admin-1",
        "reason": "too risky",
    })
    .to_string()
}

// -------------------------------------------------------------------------------------------
// controlPlane.execution.start

#[tokio::test]
async fn start_runs_an_approved_plan() {
    let (store, runtime) = setup();
    let result = execute(
        &runtime,
        START,
        &start_input(APPROVED_EXECUTION, APPROVED_PLAN),
        admin(),
    )
    .await;
    assert_eq!((result.code(), result.status()), ("CREATED", 201));
    let output = data(&result);
    let run_id = output["runId"].as_str().unwrap();
    assert_eq!(output["status"], "running");
    let started_at: chrono::DateTime<chrono::Utc> =
        output["startedAt"].as_str().unwrap().parse().unwrap();
    assert_eq!(output.as_object().unwrap().len(), 3);
    // The contract declares no event.
    assert!(events(&runtime).is_empty());

    let run = store.run(run_id).unwrap();
    assert_eq!(run.execution_id.as_str(), APPROVED_EXECUTION);
    assert_eq!(run.plan_id.as_str(), APPROVED_PLAN);
    assert_eq!(run.status, RunStatus::Running);
    assert_eq!(run.started_at, started_at);
    assert_eq!(run.started_by.as_deref(), Some("admin-1"));
    assert_eq!(run.mode, "assist", "a step requires an approval");
    let statuses: Vec<(&str, StepStatus)> = run
        .steps
        .iter()
        .map(|s| (s.step_id.as_str(), s.status))
        .collect();
    assert_eq!(
        statuses,
        [
            (LOOKUP_STEP, StepStatus::Queued),
            (REFUND_STEP, StepStatus::PendingApproval),
            (NOTIFY_STEP, StepStatus::Queued),
        ]
    );
    assert_eq!(
        store
            .run_of_execution(APPROVED_EXECUTION)
            .unwrap()
            .run_id
            .as_str(),
        run_id
    );
}

#[tokio::test]
async fn start_through_the_typed_path_keeps_the_requested_mode() {
    let (store, runtime) = setup();
    let input = ControlPlaneExecutionStartInput {
        execution_id: APPROVED_EXECUTION.into(),
        plan_id: APPROVED_PLAN.into(),
        mode: Some("autonomous".into()),
    };
    let reply = runtime
        .call::<ControlPlaneExecutionStartInput>(input, admin())
        .await
        .unwrap();
    assert_eq!(reply.code(), SuccessCode::Created);
    let output = reply.into_value();
    assert_eq!(output.status, "running");
    assert_eq!(store.run(&output.run_id).unwrap().mode, "autonomous");
    assert!(events(&runtime).is_empty());
}

#[tokio::test]
async fn start_refuses_an_unknown_plan() {
    let (store, runtime) = setup();
    let result = execute(
        &runtime,
        START,
        &start_input(APPROVED_EXECUTION, "plan-nope"),
        admin(),
    )
    .await;
    assert_eq!((result.code(), result.status()), ("NOT_FOUND", 404));
    assert_eq!(detail(&result), "there is no plan `plan-nope`");
    assert!(store.run_of_execution(APPROVED_EXECUTION).is_none());

    let failure = runtime
        .call::<ControlPlaneExecutionStartInput>(
            ControlPlaneExecutionStartInput {
                execution_id: APPROVED_EXECUTION.into(),
                plan_id: "plan-nope".into(),
                mode: None,
            },
            admin(),
        )
        .await
        .unwrap_err();
    assert_eq!(failure.standard_code(), Some(FailureCode::NotFound));
}

#[tokio::test]
async fn start_refuses_a_plan_of_another_execution() {
    let (store, runtime) = setup();
    let result = execute(
        &runtime,
        START,
        &start_input(PENDING_EXECUTION, APPROVED_PLAN),
        admin(),
    )
    .await;
    assert_eq!(result.code(), "NOT_FOUND");
    assert_eq!(
        detail(&result),
        "plan `plan-approved` is not a plan of execution `exec-pending`"
    );
    assert!(store.run_of_execution(PENDING_EXECUTION).is_none());
}

#[tokio::test]
async fn start_refuses_a_plan_that_is_not_approved() {
    let (store, runtime) = setup();
    for (execution, plan, status) in [
        (PENDING_EXECUTION, PENDING_PLAN, "pending_approval"),
        (DRAFT_EXECUTION, DRAFT_PLAN, "draft"),
    ] {
        let result = execute(&runtime, START, &start_input(execution, plan), admin()).await;
        assert_eq!(
            (result.code(), result.status()),
            ("PRECONDITION_FAILED", 412)
        );
        assert_eq!(
            detail(&result),
            format!("plan `{plan}` is not approved (its status is `{status}`): only an approved plan can be started")
        );
        // Not an escalation: the runtime's escalation member stays empty.
        assert_eq!(result.escalation(), None);
        assert!(store.run_of_execution(execution).is_none());
    }
    // Once approved, it starts.
    assert!(store.set_plan_status(PENDING_PLAN, PlanStatus::Approved));
    let result = execute(
        &runtime,
        START,
        &start_input(PENDING_EXECUTION, PENDING_PLAN),
        admin(),
    )
    .await;
    assert_eq!(result.code(), "CREATED");
    assert!(events(&runtime).is_empty());
}

#[tokio::test]
async fn start_refuses_an_execution_that_has_started() {
    let (store, runtime) = setup();
    let input = start_input(APPROVED_EXECUTION, APPROVED_PLAN);
    let first = execute(&runtime, START, &input, admin()).await;
    let run_id = data(&first)["runId"].as_str().unwrap().to_owned();
    let second = execute(&runtime, START, &input, admin()).await;
    assert_eq!((second.code(), second.status()), ("CONFLICT", 409));
    assert_eq!(
        detail(&second),
        format!("execution `exec-approved` has already started (run `{run_id}`, running)")
    );
    // The seeded run of the audited execution counts too.
    let third = execute(
        &runtime,
        START,
        &start_input(AUDITED_EXECUTION, "plan-audited"),
        admin(),
    )
    .await;
    assert_eq!(third.code(), "CONFLICT");
    assert_eq!(store.run(&run_id).unwrap().status, RunStatus::Running);
}

#[tokio::test]
async fn start_enforces_the_admin_policy_before_the_handler() {
    let (store, runtime) = setup();
    let input = start_input(APPROVED_EXECUTION, APPROVED_PLAN);
    let result = execute(&runtime, START, &input, user()).await;
    assert_eq!((result.code(), result.status()), ("FORBIDDEN", 403));
    let result = execute(&runtime, START, &input, CallContext::anonymous()).await;
    assert_eq!((result.code(), result.status()), ("UNAUTHENTICATED", 401));
    assert!(store.run_of_execution(APPROVED_EXECUTION).is_none());
}

#[tokio::test]
async fn start_validates_its_input() {
    let (store, runtime) = setup();
    let cases = [
        (
            r#"{"executionId": "exec-approved"}"#,
            "VALIDATION_FAILED",
            Some("planId"),
        ),
        (
            r#"{"executionId": "exec-approved", "planId": "plan-approved", "force": true}"#,
            "VALIDATION_FAILED",
            Some("force"),
        ),
        (
            r#"{"executionId": "exec-approved", "planId": 7}"#,
            "VALIDATION_FAILED",
            Some("planId"),
        ),
        (
            r#"["exec-approved", "plan-approved"]"#,
            "VALIDATION_FAILED",
            None,
        ),
        (
            r#"{"executionId": "exec-approved", "planId": "plan-"#,
            "BAD_REQUEST",
            None,
        ),
    ];
    for (input, code, path) in cases {
        let result = execute(&runtime, START, input, admin()).await;
        assert_eq!(result.code(), code, "{input}");
        if let Some(path) = path {
            assert_eq!(result.problem().unwrap().issues[0].path, path, "{input}");
        }
    }
    assert!(store.run_of_execution(APPROVED_EXECUTION).is_none());
}

// -------------------------------------------------------------------------------------------
// controlPlane.execution.reject

#[tokio::test]
async fn reject_rejects_a_pending_step() {
    let (store, runtime) = setup();
    let result = execute(
        &runtime,
        REJECT,
        &reject_input(AUDITED_EXECUTION, REFUND_STEP),
        admin(),
    )
    .await;
    assert_eq!((result.code(), result.status()), ("OK", 200));
    let output = data(&result);
    assert_eq!(output["executionId"], AUDITED_EXECUTION);
    assert_eq!(output["stepId"], REFUND_STEP);
    assert_eq!(output["status"], "rejected");
    let rejected_at: chrono::DateTime<chrono::Utc> =
        output["rejectedAt"].as_str().unwrap().parse().unwrap();
    assert!(events(&runtime).is_empty());

    let run = store.run(AUDITED_RUN).unwrap();
    assert_eq!(run.status, RunStatus::Blocked);
    let step = run
        .steps
        .iter()
        .find(|s| s.step_id.as_str() == REFUND_STEP)
        .unwrap();
    assert_eq!(step.status, StepStatus::Rejected);
    let decision = step.decision.as_ref().unwrap();
    assert_eq!(decision.outcome, StepStatus::Rejected);
    assert_eq!(decision.decided_by.as_str(), "admin-1");
    assert_eq!(decision.reason.as_deref(), Some("too risky"));
    assert_eq!(decision.decided_at, rejected_at);
}

#[tokio::test]
async fn reject_a_step_of_a_run_just_started_through_the_typed_path() {
    let (store, runtime) = setup();
    execute(
        &runtime,
        START,
        &start_input(APPROVED_EXECUTION, APPROVED_PLAN),
        admin(),
    )
    .await;
    let input = ControlPlaneExecutionRejectInput {
        execution_id: APPROVED_EXECUTION.into(),
        step_id: REFUND_STEP.into(),
        rejected_by: "admin-2".into(),
        reason: "no".into(),
    };
    let reply = runtime
        .call::<ControlPlaneExecutionRejectInput>(input.clone(), admin())
        .await
        .unwrap();
    assert_eq!(reply.code(), SuccessCode::Ok);
    assert_eq!(reply.value().status, "rejected");
    assert_eq!(
        store.run_of_execution(APPROVED_EXECUTION).unwrap().status,
        RunStatus::Blocked
    );
    let failure = runtime
        .call::<ControlPlaneExecutionRejectInput>(input, admin())
        .await
        .unwrap_err();
    assert_eq!(failure.standard_code(), Some(FailureCode::Conflict));
}

#[tokio::test]
async fn reject_refuses_a_step_that_is_not_pending() {
    let (store, runtime) = setup();
    for (step, status) in [(LOOKUP_STEP, "completed"), (NOTIFY_STEP, "queued")] {
        let result = execute(
            &runtime,
            REJECT,
            &reject_input(AUDITED_EXECUTION, step),
            admin(),
        )
        .await;
        assert_eq!((result.code(), result.status()), ("CONFLICT", 409));
        assert_eq!(
            detail(&result),
            format!("step `{step}` of execution `exec-audited` is not pending approval: it is `{status}`")
        );
    }
    let input = reject_input(AUDITED_EXECUTION, REFUND_STEP);
    assert_eq!(
        execute(&runtime, REJECT, &input, admin()).await.code(),
        "OK"
    );
    let again = execute(&runtime, REJECT, &input, admin()).await;
    assert_eq!(again.code(), "CONFLICT");
    assert!(detail(&again).ends_with("it is `rejected`"));
    // The first decision stands.
    let run = store.run(AUDITED_RUN).unwrap();
    let step = run
        .steps
        .iter()
        .find(|s| s.step_id.as_str() == REFUND_STEP)
        .unwrap();
    assert_eq!(
        step.decision.as_ref().unwrap().reason.as_deref(),
        Some("too risky")
    );
}

#[tokio::test]
async fn reject_reports_unknown_executions_and_steps() {
    let (_store, runtime) = setup();
    let cases = [
        (
            "exec-nope",
            REFUND_STEP,
            "there is no execution `exec-nope`",
        ),
        (
            PENDING_EXECUTION,
            REFUND_STEP,
            "execution `exec-pending` has not started: it has no step `step-refund` yet",
        ),
        (
            AUDITED_EXECUTION,
            "step-nope",
            "execution `exec-audited` has no step `step-nope`",
        ),
    ];
    for (execution, step, expected) in cases {
        let result = execute(&runtime, REJECT, &reject_input(execution, step), admin()).await;
        assert_eq!((result.code(), result.status()), ("NOT_FOUND", 404));
        assert_eq!(detail(&result), expected);
    }
    // `reason` is required.
    let result = execute(
        &runtime,
        REJECT,
        r#"{"executionId": "exec-audited", "stepId": "step-refund", "rejectedBy": "a"}"#,
        admin(),
    )
    .await;
    assert_eq!(result.code(), "VALIDATION_FAILED");
    assert_eq!(result.problem().unwrap().issues[0].path, "reason");
}

// -------------------------------------------------------------------------------------------
// controlPlane.execution.evidence.export

fn export_input(run: &str) -> String {
    json!({"runId": run, "exportedBy": "auditor-1"}).to_string()
}

#[tokio::test]
async fn export_redacts_personal_data() {
    let (store, runtime) = setup();
    let result = execute(&runtime, EXPORT, &export_input(AUDITED_RUN), admin()).await;
    assert_eq!((result.code(), result.status()), ("OK", 200));
    let output = data(&result);
    assert_eq!(output["runId"], AUDITED_RUN);
    assert_eq!(output["evidenceBundleCount"], 3);
    assert!(events(&runtime).is_empty());

    let exports = store.exports();
    assert_eq!(exports.len(), 1);
    let export = &exports[0];
    assert_eq!(export.run_id.as_str(), AUDITED_RUN);
    assert_eq!(export.exported_by.as_str(), "auditor-1");
    assert_eq!(
        export
            .exported_at
            .to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
        output["exportedAt"]
    );
    let text = serde_json::to_string(export).unwrap();
    for secret in [CUSTOMER_EMAIL, CUSTOMER_PHONE, OPERATOR_EMAIL, "Jane Roe"] {
        assert!(!text.contains(secret), "{secret} leaked: {text}");
    }

    let [intent, event, note] = &export.bundles[..] else {
        panic!("three bundles")
    };
    // The intent: `controlPlane.intent.submit` declares `text` personal; the rest stays.
    assert_eq!(
        intent["payload"],
        json!({
            "workspaceId": "ws-acme",
            "actorId": "user-jane",
            "channelKey": "support-email",
            "text": REDACTED,
        })
    );
    assert_eq!(intent["capturedBy"], REDACTED);
    assert_eq!(intent["source"], "controlPlane.intent.submit@1.0.0");
    // The event declares no pii: kept whole.
    assert_eq!(event["payload"]["stepId"], LOOKUP_STEP);
    assert_eq!(event["payload"]["executionId"], AUDITED_EXECUTION);
    // No contract describes the note: redacted whole.
    assert_eq!(note["payload"], Value::from(REDACTED));
    assert_eq!(note["kind"], "note");
    assert_eq!(note["bundleId"], "ev-operator-note");

    // The store keeps the original evidence.
    let run = store.run(AUDITED_RUN).unwrap();
    assert!(run.evidence[0].payload["text"]
        .as_str()
        .unwrap()
        .contains(CUSTOMER_EMAIL));
}

#[tokio::test]
async fn export_through_the_typed_path() {
    let (store, runtime) = setup();
    let output = runtime
        .call::<ControlPlaneExecutionEvidenceExportInput>(
            ControlPlaneExecutionEvidenceExportInput {
                run_id: AUDITED_RUN.into(),
                exported_by: "auditor-2".into(),
            },
            admin(),
        )
        .await
        .unwrap()
        .into_value();
    assert_eq!(output.evidence_bundle_count, 3);
    assert_eq!(store.exports()[0].exported_at, output.exported_at);
}

#[tokio::test]
async fn export_of_a_run_without_evidence_is_empty() {
    let (store, runtime) = setup();
    let started = execute(
        &runtime,
        START,
        &start_input(APPROVED_EXECUTION, APPROVED_PLAN),
        admin(),
    )
    .await;
    let run_id = data(&started)["runId"].as_str().unwrap().to_owned();
    let result = execute(&runtime, EXPORT, &export_input(&run_id), admin()).await;
    assert_eq!(data(&result)["evidenceBundleCount"], 0);
    assert!(store.exports()[0].bundles.is_empty());
}

#[tokio::test]
async fn export_refuses_an_unknown_run() {
    let (store, runtime) = setup();
    let result = execute(&runtime, EXPORT, &export_input("run-nope"), admin()).await;
    assert_eq!((result.code(), result.status()), ("NOT_FOUND", 404));
    assert_eq!(detail(&result), "there is no run `run-nope`");
    let result = execute(&runtime, EXPORT, &export_input(AUDITED_RUN), user()).await;
    assert_eq!(result.code(), "FORBIDDEN");
    assert!(store.exports().is_empty());
}

#[test]
fn the_export_contract_declares_no_pii_and_the_intent_does() {
    use contracts_core::Operation;
    // Why the paths come from the evidence's own contracts (see `contracts_reference::evidence`).
    assert!(
        <ControlPlaneExecutionEvidenceExportInput as Operation>::DESCRIPTOR
            .policy
            .pii
            .is_empty()
    );
    assert_eq!(
        contracts_reference::evidence::declared_pii(
            &contracts_reference::DOMAINS,
            "controlPlane.intent.submit@1.0.0"
        ),
        Some(&["text"][..])
    );
}
