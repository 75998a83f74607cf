//! The `harness.execution` capability: `harness.run.start`, `.get` and `.cancel`, through
//! `execute` with JSON and through the typed `call`, with the events they publish.

mod common;

use common::{admin, data, detail, events, execute, setup, user};
use contracts_core::{NonEmptyString, Operation};
use contracts_harness::commands::{
    HarnessRunCancelInput, HarnessRunStartError, HarnessRunStartInput,
};
use contracts_harness::queries::HarnessRunGetInput;
use contracts_reference::fixtures::{
    Fixtures, APPROVED_EXECUTION, CHECKOUT_SCENARIO, COMPLETED_HARNESS_RUN, LOGIN_SCENARIO,
    PREVIEW_TARGET, SANDBOX_TARGET, STOREFRONT_SUITE,
};
use contracts_reference::{in_memory_runtime, Store, DOMAINS};
use contracts_runtime::{Actor, CallContext, FailureCode, Reason, SuccessCode};
use serde_json::json;

const START: &str = "harness.run.start";
const GET: &str = "harness.run.get";
const CANCEL: &str = "harness.run.cancel";

fn start_input() -> HarnessRunStartInput {
    HarnessRunStartInput {
        scenario_key: None,
        suite_key: None,
        mode: None,
        target_id: None,
        actor_id: None,
        workspace_id: None,
        control_plane_execution_id: None,
        metadata: None,
    }
}

// -------------------------------------------------------------------------------------------
// harness.run.start

#[tokio::test]
async fn start_runs_a_scenario_and_emits_run_started() {
    let (store, runtime) = setup();
    let input = json!({
        "scenarioKey": CHECKOUT_SCENARIO,
        "targetId": PREVIEW_TARGET,
        "controlPlaneExecutionId": APPROVED_EXECUTION,
        "actorId": "qa-1",
        "metadata": {"build": 481},
    })
    .to_string();
    let context = CallContext::traced(Actor::user("qa-1"), "trace-start");
    let result = execute(&runtime, START, &input, context).await;
    assert_eq!((result.code(), result.status()), ("CREATED", 201));
    let run = data(&result)["run"].clone();
    let run_id = run["runId"].as_str().unwrap().to_owned();
    assert_eq!(run["status"], "running");
    assert_eq!(run["mode"], "deterministic");
    assert_eq!(run["scenarioKey"], CHECKOUT_SCENARIO);
    assert!(run.get("suiteKey").is_none());
    assert_eq!(run["controlPlaneExecutionId"], APPROVED_EXECUTION);
    assert_eq!(run["target"]["targetId"], PREVIEW_TARGET);
    assert_eq!(run["evidenceCount"], 0);
    let steps = run["steps"].as_array().unwrap();
    let keys: Vec<&str> = steps
        .iter()
        .map(|s| s["stepKey"].as_str().unwrap())
        .collect();
    assert_eq!(
        keys,
        [
            "open-cart",
            "fill-payment",
            "place-order",
            "assert-confirmation"
        ]
    );
    for step in steps {
        assert_eq!(step["runId"], run_id.as_str());
        assert_eq!(step["status"], "pending");
        let approval = step["requiresApproval"].as_bool().unwrap();
        assert_eq!(
            step["verdict"],
            if approval { "assist" } else { "autonomous" }
        );
    }
    assert_eq!(steps[2]["requiresApproval"], true);

    // The run is stored as returned.
    let stored = serde_json::to_value(store.harness_run(&run_id).unwrap()).unwrap();
    assert_eq!(stored, run);

    // One event, in its envelope.
    let published = events(&runtime);
    assert_eq!(published.len(), 1);
    let event = &published[0];
    assert_eq!(
        (event.key(), event.version()),
        ("harness.run.started", "1.0.0")
    );
    assert_eq!(event.trace_id().as_str(), "trace-start");
    assert_eq!(
        event.payload(),
        &json!({
            "runId": run_id,
            "scenarioKey": CHECKOUT_SCENARIO,
            "mode": "deterministic",
            "startedAt": run["createdAt"],
        })
    );
    let envelope = serde_json::to_value(event).unwrap();
    for member in ["id", "occurredAt", "traceId", "key", "version", "payload"] {
        assert!(envelope.get(member).is_some(), "{member}");
    }
}

#[tokio::test]
async fn start_runs_a_suite_or_one_scenario_of_it() {
    let (_store, runtime) = setup();
    let input = json!({"suiteKey": STOREFRONT_SUITE, "mode": "exploratory"}).to_string();
    let result = execute(&runtime, START, &input, user()).await;
    let run = data(&result)["run"].clone();
    assert_eq!(run["suiteKey"], STOREFRONT_SUITE);
    assert_eq!(run["mode"], "exploratory");
    // The default target.
    assert_eq!(run["target"]["targetId"], SANDBOX_TARGET);
    // Every scenario of the suite, in order.
    assert_eq!(run["steps"].as_array().unwrap().len(), 3 + 4);
    assert_eq!(run["steps"][0]["metadata"]["scenarioKey"], LOGIN_SCENARIO);
    assert_eq!(
        run["steps"][6]["metadata"]["scenarioKey"],
        CHECKOUT_SCENARIO
    );
    let published = events(&runtime);
    assert_eq!(published[0].payload()["suiteKey"], STOREFRONT_SUITE);
    assert!(published[0].payload().get("scenarioKey").is_none());

    // Typed: one scenario of the suite.
    let mut input = start_input();
    input.suite_key = Some(NonEmptyString::new(STOREFRONT_SUITE).unwrap());
    input.scenario_key = Some(NonEmptyString::new(LOGIN_SCENARIO).unwrap());
    let reply = runtime
        .call::<HarnessRunStartInput>(input, user())
        .await
        .unwrap();
    assert_eq!(reply.code(), SuccessCode::Created);
    let run = reply.into_value().run;
    assert_eq!(run.steps.len(), 3);
    assert_eq!(run.scenario_key.as_deref(), Some(LOGIN_SCENARIO));
    assert_eq!(run.suite_key.as_deref(), Some(STOREFRONT_SUITE));
    let published = events(&runtime);
    assert_eq!(published.len(), 1);
    assert_eq!(published[0].payload()["runId"], run.run_id.as_str());
}

#[tokio::test]
async fn start_requires_a_scenario_or_a_suite() {
    let (store, runtime) = setup();
    for input in [
        "{}",
        r#"{"mode": "deterministic", "targetId": "target-sandbox"}"#,
    ] {
        let result = execute(&runtime, START, input, user()).await;
        assert_eq!(
            (result.code(), result.status()),
            ("SCENARIO_OR_SUITE_REQUIRED", 400)
        );
        let problem = result.problem().unwrap();
        assert_eq!(problem.title, "A scenario or suite key is required.");
        assert_eq!(problem.type_uri, "/problems/scenario-or-suite-required");
        assert_eq!(
            problem.detail.as_deref(),
            Some("give `scenarioKey`, `suiteKey`, or both")
        );
    }
    let failure = runtime
        .call::<HarnessRunStartInput>(start_input(), user())
        .await
        .unwrap_err();
    assert_eq!(
        failure.reason(),
        &Reason::Declared(HarnessRunStartError::ScenarioOrSuiteRequired)
    );
    assert_eq!(
        (failure.code(), failure.status()),
        ("SCENARIO_OR_SUITE_REQUIRED", 400)
    );
    assert!(events(&runtime).is_empty());
    assert_eq!(store.harness_runs().len(), 1, "only the seeded run");
}

#[tokio::test]
async fn start_reports_what_does_not_exist() {
    let (store, runtime) = setup();
    let cases = [
        (
            json!({"scenarioKey": "nope"}),
            "there is no harness scenario `nope`",
        ),
        (
            json!({"suiteKey": "nope"}),
            "there is no harness suite `nope`",
        ),
        (
            json!({"suiteKey": STOREFRONT_SUITE, "scenarioKey": "nope"}),
            "harness suite `storefront.regression` has no scenario `nope`",
        ),
        (
            json!({"scenarioKey": LOGIN_SCENARIO, "targetId": "target-nope"}),
            "there is no harness target `target-nope`",
        ),
        (
            json!({"scenarioKey": LOGIN_SCENARIO, "controlPlaneExecutionId": "exec-nope"}),
            "there is no control-plane execution `exec-nope`",
        ),
    ];
    for (input, expected) in cases {
        let result = execute(&runtime, START, &input.to_string(), user()).await;
        assert_eq!(
            (result.code(), result.status()),
            ("NOT_FOUND", 404),
            "{input}"
        );
        assert_eq!(detail(&result), expected);
    }
    assert!(events(&runtime).is_empty());
    assert_eq!(store.harness_runs().len(), 1);
}

#[tokio::test]
async fn start_without_any_target_is_a_failed_precondition() {
    let demo = Fixtures::demo();
    let store = Store::with_fixtures(Fixtures {
        harness_scenarios: demo.harness_scenarios,
        ..Fixtures::default()
    });
    let runtime = in_memory_runtime(&store);
    let input = json!({"scenarioKey": LOGIN_SCENARIO}).to_string();
    let result = execute(&runtime, START, &input, user()).await;
    assert_eq!(
        (result.code(), result.status()),
        ("PRECONDITION_FAILED", 412)
    );
    assert_eq!(
        detail(&result),
        "no harness target is configured: give a `targetId`"
    );
    assert!(events(&runtime).is_empty());
}

#[tokio::test]
async fn start_input_and_policy_are_checked_by_the_runtime() {
    let (store, runtime) = setup();
    let result = execute(&runtime, START, r#"{"scenarioKey": ""}"#, user()).await;
    assert_eq!(result.code(), "VALIDATION_FAILED");
    assert_eq!(result.problem().unwrap().issues[0].path, "scenarioKey");
    let result = execute(
        &runtime,
        START,
        r#"{"scenarioKey": "login.smoke", "extra": 1}"#,
        user(),
    )
    .await;
    assert_eq!(result.code(), "VALIDATION_FAILED");
    assert_eq!(result.problem().unwrap().issues[0].path, "extra");
    let result = execute(&runtime, START, r#"{"metadata": []}"#, user()).await;
    assert_eq!(result.code(), "VALIDATION_FAILED");
    assert_eq!(result.problem().unwrap().issues[0].path, "metadata");
    let result = execute(&runtime, START, r#"{"scenarioKey": "login.smoke""#, user()).await;
    assert_eq!((result.code(), result.status()), ("BAD_REQUEST", 400));
    let result = execute(
        &runtime,
        START,
        r#"{"scenarioKey": "login.smoke"}"#,
        CallContext::anonymous(),
    )
    .await;
    assert_eq!((result.code(), result.status()), ("UNAUTHENTICATED", 401));
    assert!(events(&runtime).is_empty());
    assert_eq!(store.harness_runs().len(), 1);
}

// -------------------------------------------------------------------------------------------
// harness.run.get

#[tokio::test]
async fn get_reads_a_run() {
    let (store, runtime) = setup();
    let result = execute(
        &runtime,
        GET,
        &json!({"runId": COMPLETED_HARNESS_RUN}).to_string(),
        user(),
    )
    .await;
    assert_eq!((result.code(), result.status()), ("OK", 200));
    assert_eq!(
        data(&result)["run"],
        serde_json::to_value(store.harness_run(COMPLETED_HARNESS_RUN).unwrap()).unwrap()
    );
    let output = runtime
        .call::<HarnessRunGetInput>(
            HarnessRunGetInput {
                run_id: COMPLETED_HARNESS_RUN.into(),
            },
            user(),
        )
        .await
        .unwrap()
        .into_value();
    assert_eq!(output.run.status, "completed");
    assert_eq!(output.run.steps.len(), 3);

    let result = execute(&runtime, GET, r#"{"runId": "hrun-nope"}"#, user()).await;
    assert_eq!((result.code(), result.status()), ("NOT_FOUND", 404));
    assert_eq!(detail(&result), "there is no harness run `hrun-nope`");
    let result = execute(
        &runtime,
        GET,
        r#"{"runId": "hrun-nope"}"#,
        CallContext::anonymous(),
    )
    .await;
    assert_eq!(result.code(), "UNAUTHENTICATED");
    assert!(events(&runtime).is_empty());
}

// -------------------------------------------------------------------------------------------
// harness.run.cancel

#[tokio::test]
async fn cancel_cancels_a_running_run_once() {
    let (store, runtime) = setup();
    let started = execute(
        &runtime,
        START,
        r#"{"scenarioKey": "checkout.happy-path"}"#,
        user(),
    )
    .await;
    let run_id = data(&started)["run"]["runId"].as_str().unwrap().to_owned();
    events(&runtime);

    let input = json!({"runId": run_id, "reason": "superseded"}).to_string();
    let result = execute(&runtime, CANCEL, &input, user()).await;
    assert_eq!((result.code(), result.status()), ("OK", 200));
    let output = data(&result);
    assert_eq!(output["runId"], run_id.as_str());
    assert_eq!(output["status"], "cancelled");
    // The operation declares no event.
    assert!(events(&runtime).is_empty());

    let run = store.harness_run(&run_id).unwrap();
    assert_eq!(run.status, "cancelled");
    assert_eq!(
        run.updated_at
            .to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
        output["cancelledAt"]
    );
    for step in &run.steps {
        assert_eq!(step.status, "cancelled");
        assert_eq!(step.summary.as_deref(), Some("cancelled: superseded"));
    }

    let again = execute(&runtime, CANCEL, &input, user()).await;
    assert_eq!((again.code(), again.status()), ("CONFLICT", 409));
    assert_eq!(
        detail(&again),
        format!("harness run `{run_id}` cannot be cancelled: it is already `cancelled`")
    );
}

#[tokio::test]
async fn cancel_refuses_finished_and_unknown_runs() {
    let (store, runtime) = setup();
    let failure = runtime
        .call::<HarnessRunCancelInput>(
            HarnessRunCancelInput {
                run_id: COMPLETED_HARNESS_RUN.into(),
                reason: None,
            },
            user(),
        )
        .await
        .unwrap_err();
    assert_eq!(failure.standard_code(), Some(FailureCode::Conflict));
    assert_eq!(
        failure.detail(),
        Some("harness run `hrun-completed` cannot be cancelled: it is already `completed`")
    );
    assert_eq!(
        store.harness_run(COMPLETED_HARNESS_RUN).unwrap().status,
        "completed"
    );

    let result = execute(&runtime, CANCEL, r#"{"runId": "hrun-nope"}"#, user()).await;
    assert_eq!((result.code(), result.status()), ("NOT_FOUND", 404));
    let reply = runtime
        .call::<HarnessRunStartInput>(
            HarnessRunStartInput {
                scenario_key: Some(NonEmptyString::new(LOGIN_SCENARIO).unwrap()),
                ..start_input()
            },
            admin(),
        )
        .await
        .unwrap();
    let run_id = reply.into_value().run.run_id;
    let output = runtime
        .call::<HarnessRunCancelInput>(
            HarnessRunCancelInput {
                run_id,
                reason: None,
            },
            user(),
        )
        .await
        .unwrap()
        .into_value();
    assert_eq!(output.status, "cancelled");
}

// -------------------------------------------------------------------------------------------
// Which events the capability's operations can emit

#[test]
fn only_run_started_is_declared_by_the_capability_operations() {
    let declared = |descriptor: &contracts_core::descriptors::OperationDescriptor| -> Vec<&str> {
        descriptor.emits.iter().map(|e| e.event.meta.key).collect()
    };
    assert_eq!(
        declared(<HarnessRunStartInput as Operation>::DESCRIPTOR),
        ["harness.run.started"]
    );
    assert!(declared(<HarnessRunGetInput as Operation>::DESCRIPTOR).is_empty());
    assert!(declared(<HarnessRunCancelInput as Operation>::DESCRIPTOR).is_empty());
    // The capability provides four events; three have no emitter in any domain.
    for key in [
        "harness.run.completed",
        "harness.run.failed",
        "harness.step.blocked",
    ] {
        let event = DOMAINS.latest(key).unwrap().as_event().unwrap();
        assert_eq!(DOMAINS.emitters_of(event).count(), 0, "{key}");
    }
}
