//! Every reference operation through the typed clients, against the real servers on loopback:
//! the REST adapter (`contracts-axum`) and the MCP server (`contracts-mcp`) over streamable
//! HTTP, the same assertions for both. Success, each declared error, the standard failures the
//! handlers answer, validation failure, 401 and 403, trace ids.

mod support;

use contracts_client::{CallError, CallOptions, Reply};
use contracts_context::ContextPackSnapshotInput;
use contracts_control_plane::commands::{
    ControlPlaneExecutionEvidenceExportInput, ControlPlaneExecutionRejectInput,
    ControlPlaneExecutionStartInput,
};
use contracts_core::wire::{FailureCode, SuccessCode};
use contracts_core::{ErrorCatalog, Id, NonEmptyString, Operation};
use contracts_harness::commands::{
    HarnessRunCancelInput, HarnessRunStartError, HarnessRunStartInput,
};
use contracts_harness::queries::HarnessRunGetInput;
use contracts_reference::fixtures::*;
use serde_json::json;
use support::{mcp_clients, reference_router, rest_clients, serve, Caller};

fn id(text: &str) -> Id {
    Id(text.to_owned())
}

fn ok<T, E: std::fmt::Debug>(
    result: Result<Reply<T>, CallError<E>>,
    code: SuccessCode,
) -> Reply<T> {
    let reply = result.unwrap_or_else(|error| panic!("expected {code}, got {error:?}"));
    assert_eq!(reply.code(), code);
    let trace_id = reply.trace_id().as_str();
    assert!(trace_id.len() == 32 && trace_id.bytes().all(|b| b.is_ascii_hexdigit()));
    reply
}

/// The failure is the standard `code`, and its problem says so.
fn standard<T: std::fmt::Debug, E>(
    result: Result<Reply<T>, CallError<E>>,
    code: FailureCode,
) -> CallError<E> {
    let error = result.expect_err("a failure");
    assert_eq!(error.standard(), Some(code), "{error}");
    assert_eq!(error.status(), Some(code.status()));
    let problem = error.problem().unwrap();
    assert!(problem.operation.is_some(), "{problem:?}");
    assert!(!problem.trace_id.as_str().is_empty());
    error
}

/// The input as JSON with `field` set to a number: refused with the field's path.
async fn invalid<Op: Operation, C: Caller>(caller: &C, input: Op::Input, field: &str)
where
    Op::Output: std::fmt::Debug,
{
    let mut json = serde_json::to_value(&input).unwrap();
    json[field] = json!(42);
    let error = standard(
        caller.call_json::<Op>(json).await,
        FailureCode::ValidationFailed,
    );
    let issues = &error.problem().unwrap().issues;
    assert_eq!(issues[0].path, field, "{issues:?}");
    assert_eq!(issues[0].code, "invalid_type");
}

fn start_input(execution: &str, plan: &str) -> ControlPlaneExecutionStartInput {
    ControlPlaneExecutionStartInput {
        execution_id: id(execution),
        plan_id: id(plan),
        mode: None,
    }
}

fn harness_start(scenario: Option<&str>) -> HarnessRunStartInput {
    HarnessRunStartInput {
        scenario_key: scenario.map(|s| NonEmptyString::new(s).unwrap()),
        suite_key: None,
        mode: None,
        target_id: None,
        actor_id: None,
        workspace_id: None,
        control_plane_execution_id: None,
        metadata: None,
    }
}

/// Every reference operation, through `admin`, `user` and `anonymous` callers of a fresh
/// reference server.
async fn every_reference_operation<C: Caller>([admin, user, anonymous]: &[C; 3]) {
    // controlPlane.execution.start (admin)
    type Start = ControlPlaneExecutionStartInput;
    let start = || start_input(APPROVED_EXECUTION, APPROVED_PLAN);
    standard(
        anonymous.call::<Start>(start()).await,
        FailureCode::Unauthenticated,
    );
    standard(user.call::<Start>(start()).await, FailureCode::Forbidden);
    invalid::<Start, _>(admin, start(), "planId").await;
    let traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    let reply = ok(
        admin
            .call_with::<Start>(start(), &CallOptions::new().traceparent(traceparent))
            .await,
        SuccessCode::Created,
    );
    assert_eq!(reply.status, "running");
    assert_eq!(reply.status(), 201);
    assert_eq!(
        reply.trace_id().as_str(),
        "4bf92f3577b34da6a3ce929d0e0e4736"
    );
    standard(admin.call::<Start>(start()).await, FailureCode::Conflict);
    standard(
        admin
            .call::<Start>(start_input(DRAFT_EXECUTION, DRAFT_PLAN))
            .await,
        FailureCode::PreconditionFailed,
    );
    standard(
        admin
            .call::<Start>(start_input(APPROVED_EXECUTION, "plan-none"))
            .await,
        FailureCode::NotFound,
    );

    // controlPlane.execution.reject (admin)
    type Reject = ControlPlaneExecutionRejectInput;
    let reject = |step: &str| Reject {
        execution_id: id(AUDITED_EXECUTION),
        step_id: id(step),
        rejected_by: id("admin-1"),
        reason: "Refund above the limit.".to_owned(),
    };
    standard(
        anonymous.call::<Reject>(reject(REFUND_STEP)).await,
        FailureCode::Unauthenticated,
    );
    standard(
        user.call::<Reject>(reject(REFUND_STEP)).await,
        FailureCode::Forbidden,
    );
    invalid::<Reject, _>(admin, reject(REFUND_STEP), "reason").await;
    let reply = ok(
        admin.call::<Reject>(reject(REFUND_STEP)).await,
        SuccessCode::Ok,
    );
    assert_eq!(
        (reply.step_id.as_str(), reply.status.as_str()),
        (REFUND_STEP, "rejected")
    );
    standard(
        admin.call::<Reject>(reject(REFUND_STEP)).await,
        FailureCode::Conflict,
    );
    standard(
        admin.call::<Reject>(reject("step-none")).await,
        FailureCode::NotFound,
    );

    // controlPlane.execution.evidence.export (admin)
    type Export = ControlPlaneExecutionEvidenceExportInput;
    let export = |run: &str| Export {
        run_id: id(run),
        exported_by: id("admin-1"),
    };
    standard(
        anonymous.call::<Export>(export(AUDITED_RUN)).await,
        FailureCode::Unauthenticated,
    );
    standard(
        user.call::<Export>(export(AUDITED_RUN)).await,
        FailureCode::Forbidden,
    );
    invalid::<Export, _>(admin, export(AUDITED_RUN), "runId").await;
    let reply = ok(
        admin.call::<Export>(export(AUDITED_RUN)).await,
        SuccessCode::Ok,
    );
    assert_eq!(reply.run_id.as_str(), AUDITED_RUN);
    assert!(reply.evidence_bundle_count > 0);
    standard(
        admin.call::<Export>(export("run-none")).await,
        FailureCode::NotFound,
    );

    // harness.run.start (user): its declared error
    type HarnessStart = HarnessRunStartInput;
    standard(
        anonymous
            .call::<HarnessStart>(harness_start(Some(CHECKOUT_SCENARIO)))
            .await,
        FailureCode::Unauthenticated,
    );
    invalid::<HarnessStart, _>(user, harness_start(Some(CHECKOUT_SCENARIO)), "scenarioKey").await;
    // The declared error comes back as the operation's own error enum.
    match user.call::<HarnessStart>(harness_start(None)).await {
        Err(CallError::Declared(HarnessRunStartError::ScenarioOrSuiteRequired, problem)) => {
            assert_eq!(
                (problem.status, problem.code.as_ref()),
                (400, "SCENARIO_OR_SUITE_REQUIRED")
            );
            assert!(problem.operation.is_some(), "{problem:?}");
        }
        other => panic!("expected SCENARIO_OR_SUITE_REQUIRED, got {other:?}"),
    }
    let error: HarnessRunStartError = user
        .call::<HarnessStart>(harness_start(None))
        .await
        .expect_err("a declared error")
        .into_declared()
        .expect("declared");
    assert_eq!(
        (error.code(), error.spec().http),
        ("SCENARIO_OR_SUITE_REQUIRED", 400)
    );
    standard(
        user.call::<HarnessStart>(harness_start(Some("scenario.none")))
            .await,
        FailureCode::NotFound,
    );
    let started = ok(
        user.call::<HarnessStart>(harness_start(Some(CHECKOUT_SCENARIO)))
            .await,
        SuccessCode::Created,
    )
    .into_output()
    .run;
    assert_eq!(started.scenario_key.as_deref(), Some(CHECKOUT_SCENARIO));

    // harness.run.get (user, a query: GET with the query string)
    type Get = HarnessRunGetInput;
    let get = |run: &str| Get { run_id: id(run) };
    standard(
        anonymous.call::<Get>(get(COMPLETED_HARNESS_RUN)).await,
        FailureCode::Unauthenticated,
    );
    invalid::<Get, _>(user, get(COMPLETED_HARNESS_RUN), "runId").await;
    let reply = ok(
        user.call::<Get>(get(started.run_id.as_str())).await,
        SuccessCode::Ok,
    );
    assert_eq!(reply.run, started);
    let reply = ok(
        user.call::<Get>(get(COMPLETED_HARNESS_RUN)).await,
        SuccessCode::Ok,
    );
    assert_eq!(reply.run.status, "completed");
    standard(
        user.call::<Get>(get("run with spaces & more")).await,
        FailureCode::NotFound,
    );

    // harness.run.cancel (user)
    type Cancel = HarnessRunCancelInput;
    let cancel = |run: &str| Cancel {
        run_id: id(run),
        reason: Some("Superseded.".to_owned()),
    };
    standard(
        anonymous
            .call::<Cancel>(cancel(started.run_id.as_str()))
            .await,
        FailureCode::Unauthenticated,
    );
    invalid::<Cancel, _>(user, cancel(started.run_id.as_str()), "reason").await;
    let reply = ok(
        user.call::<Cancel>(cancel(started.run_id.as_str())).await,
        SuccessCode::Ok,
    );
    assert_eq!(reply.status, "cancelled");
    standard(
        user.call::<Cancel>(cancel(COMPLETED_HARNESS_RUN)).await,
        FailureCode::Conflict,
    );
    standard(
        user.call::<Cancel>(cancel("run-none")).await,
        FailureCode::NotFound,
    );

    // context.pack.snapshot (admin)
    type Snapshot = ContextPackSnapshotInput;
    let snapshot = |pack: &str| Snapshot {
        pack_key: NonEmptyString::new(pack).unwrap(),
        pack_version: None,
        reason: None,
        requested_by: None,
        metadata: None,
    };
    standard(
        anonymous.call::<Snapshot>(snapshot(SUPPORT_PACK)).await,
        FailureCode::Unauthenticated,
    );
    standard(
        user.call::<Snapshot>(snapshot(SUPPORT_PACK)).await,
        FailureCode::Forbidden,
    );
    invalid::<Snapshot, _>(admin, snapshot(SUPPORT_PACK), "packKey").await;
    let reply = ok(
        admin.call::<Snapshot>(snapshot(SUPPORT_PACK)).await,
        SuccessCode::Created,
    );
    assert_eq!(reply.pack_key, SUPPORT_PACK);
    assert!(reply.hash.len() >= 32);
    standard(
        admin.call::<Snapshot>(snapshot("pack.none")).await,
        FailureCode::NotFound,
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_reference_operation_over_rest() {
    let server = serve(reference_router()).await;
    every_reference_operation(&rest_clients(&server)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_reference_operation_over_mcp() {
    let server = serve(reference_router()).await;
    every_reference_operation(&mcp_clients(&server).await).await;
}
