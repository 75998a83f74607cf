//! Binding the handlers, and the store under concurrent calls.

mod common;

use common::{admin, data, setup, user};
use contracts_reference::fixtures::{
    APPROVED_EXECUTION, APPROVED_PLAN, AUDITED_EXECUTION, REFUND_STEP,
};
use contracts_reference::{bind_all, Store, BOUND_OPERATIONS, DOMAINS};
use contracts_runtime::{BindError, InMemoryPublisher, Runtime};
use serde_json::json;
use std::collections::BTreeSet;
use std::sync::Arc;

#[test]
fn the_registry_holds_the_three_domains() {
    let crates: Vec<&str> = DOMAINS.crates().collect();
    for name in [
        "contracts_control_plane",
        "contracts_harness",
        "contracts_context",
    ] {
        assert!(crates.contains(&name), "{name} in {crates:?}");
    }
    assert_eq!(
        DOMAINS.len(),
        contracts_control_plane::CONTROL_PLANE.len()
            + contracts_harness::HARNESS.len()
            + contracts_context::CONTEXT.len()
    );
}

#[test]
fn bind_all_binds_the_reference_operations_and_nothing_else() {
    let (_, runtime) = setup();
    for (key, version) in BOUND_OPERATIONS {
        assert!(runtime.is_bound(key, version), "{key}@{version}");
    }
    let unbound = runtime.unbound().count();
    assert_eq!(
        unbound + BOUND_OPERATIONS.len(),
        DOMAINS.operations().count()
    );
}

#[test]
fn bind_all_reports_binding_errors() {
    let store = Store::demo();
    let mut runtime = Runtime::new(&DOMAINS).with_publisher(InMemoryPublisher::new());
    bind_all(&mut runtime, &store).unwrap();
    assert_eq!(
        bind_all(&mut runtime, &store),
        Err(BindError::AlreadyBound {
            key: "controlPlane.execution.start",
            version: "1.0.0"
        })
    );
    // A runtime over the harness alone lacks the control-plane operations.
    let mut harness_only = Runtime::new(&contracts_harness::HARNESS);
    assert_eq!(
        bind_all(&mut harness_only, &store),
        Err(BindError::NotRegistered {
            key: "controlPlane.execution.start",
            version: "1.0.0"
        })
    );
}

#[test]
fn the_store_is_shareable() {
    fn shareable<T: Clone + Send + Sync + 'static>() {}
    shareable::<Store>();
    let store = Store::demo();
    assert!(format!("{store:?}").starts_with("Store { plans: 4"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_harness_runs_get_distinct_ids_and_one_event_each() {
    let (store, runtime) = setup();
    let runtime = Arc::new(runtime);
    let tasks: Vec<_> = (0..32)
        .map(|i| {
            let runtime = Arc::clone(&runtime);
            tokio::spawn(async move {
                let scenario = if i % 2 == 0 {
                    "login.smoke"
                } else {
                    "checkout.happy-path"
                };
                let input = json!({ "scenarioKey": scenario }).to_string();
                runtime
                    .execute("harness.run.start", None, &input, user())
                    .await
            })
        })
        .collect();
    let mut ids = BTreeSet::new();
    for task in tasks {
        let result = task.await.unwrap();
        assert_eq!(result.code(), "CREATED");
        ids.insert(data(&result)["run"]["runId"].as_str().unwrap().to_owned());
    }
    assert_eq!(ids.len(), 32);
    let events = runtime.publisher().take();
    assert_eq!(events.len(), 32);
    let event_ids: BTreeSet<String> = events
        .iter()
        .map(|e| e.payload()["runId"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(event_ids, ids);
    assert_eq!(store.harness_runs().len(), 33);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_rejections_of_one_step_let_exactly_one_through() {
    let (store, runtime) = setup();
    let runtime = Arc::new(runtime);
    let tasks: Vec<_> = (0..16)
        .map(|i| {
            let runtime = Arc::clone(&runtime);
            tokio::spawn(async move {
                let input = json!({
                    "executionId": AUDITED_EXECUTION,
                    "stepId": REFUND_STEP,
                    "rejectedBy": format!("admin-{i}"),
                    "reason": "no",
                })
                .to_string();
                runtime
                    .execute("controlPlane.execution.reject", None, &input, admin())
                    .await
            })
        })
        .collect();
    let mut codes = Vec::new();
    for task in tasks {
        codes.push(task.await.unwrap().code().to_owned());
    }
    assert_eq!(codes.iter().filter(|c| *c == "OK").count(), 1, "{codes:?}");
    assert_eq!(codes.iter().filter(|c| *c == "CONFLICT").count(), 15);
    let run = store.run_of_execution(AUDITED_EXECUTION).unwrap();
    let step = run
        .steps
        .iter()
        .find(|s| s.step_id.as_str() == REFUND_STEP)
        .unwrap();
    assert!(step.decision.is_some());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_starts_of_one_execution_create_one_run() {
    let (store, runtime) = setup();
    let runtime = Arc::new(runtime);
    let input = json!({"executionId": APPROVED_EXECUTION, "planId": APPROVED_PLAN}).to_string();
    let tasks: Vec<_> = (0..16)
        .map(|_| {
            let runtime = Arc::clone(&runtime);
            let input = input.clone();
            tokio::spawn(async move {
                runtime
                    .execute("controlPlane.execution.start", None, &input, admin())
                    .await
                    .code()
                    .to_owned()
            })
        })
        .collect();
    let mut codes = Vec::new();
    for task in tasks {
        codes.push(task.await.unwrap());
    }
    assert_eq!(
        codes.iter().filter(|c| *c == "CREATED").count(),
        1,
        "{codes:?}"
    );
    assert_eq!(codes.iter().filter(|c| *c == "CONFLICT").count(), 15);
    assert!(store.run_of_execution(APPROVED_EXECUTION).is_some());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_snapshots_of_one_content_create_it_once() {
    let (store, runtime) = setup();
    let runtime = Arc::new(runtime);
    let tasks: Vec<_> = (0..16)
        .map(|i| {
            let runtime = Arc::clone(&runtime);
            tokio::spawn(async move {
                let input =
                    json!({"packKey": "support.refunds", "reason": format!("r{i}")}).to_string();
                runtime
                    .execute("context.pack.snapshot", None, &input, admin())
                    .await
            })
        })
        .collect();
    let mut created = 0;
    let mut ids = BTreeSet::new();
    for task in tasks {
        let result = task.await.unwrap();
        match result.code() {
            "CREATED" => created += 1,
            code => assert_eq!(code, "OK"),
        }
        ids.insert(data(&result)["snapshotId"].as_str().unwrap().to_owned());
    }
    assert_eq!(created, 1);
    assert_eq!(ids.len(), 1);
    assert_eq!(runtime.publisher().take().len(), 1);
    assert_eq!(store.snapshots().len(), 1);
}

#[test]
fn store_clones_share_state_across_threads() {
    let store = Store::demo();
    let threads: Vec<_> = (0..8)
        .map(|i| {
            let store = store.clone();
            std::thread::spawn(move || {
                let mut pack = store.context_pack("onboarding.basics", "1.0.0").unwrap();
                pack.version = format!("2.{i}.0");
                store.put_context_pack(pack);
            })
        })
        .collect();
    for thread in threads {
        thread.join().unwrap();
    }
    for i in 0..8 {
        assert!(store
            .context_pack("onboarding.basics", &format!("2.{i}.0"))
            .is_some());
    }
}

#[test]
fn fixtures_load_from_json() {
    use contracts_reference::fixtures::Fixtures;
    let demo = Fixtures::demo();
    let text = serde_json::to_string(&demo).unwrap();
    let loaded: Fixtures = serde_json::from_str(&text).unwrap();
    assert_eq!(loaded, demo);
    // Every list is optional.
    let partial: Fixtures =
        serde_json::from_str(r#"{"defaultHarnessTarget": "target-sandbox"}"#).unwrap();
    assert!(partial.plans.is_empty());
    // Unknown members and empty step keys are refused.
    assert!(serde_json::from_str::<Fixtures>(r#"{"plan": []}"#).is_err());
    let empty_step = r#"{"harnessScenarios": [{"key": "s", "steps": [{"stepKey": "", "actionClass": "a", "requiresApproval": false}]}]}"#;
    assert!(serde_json::from_str::<Fixtures>(empty_step).is_err());
}
