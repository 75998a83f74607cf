//! The reference handlers end to end, through `Runtime::execute` with JSON, as a server would
//! call them: each request, its result envelope, and the events published.
//!
//! ```text
//! cargo run -p contracts-reference --example walkthrough
//! ```

use contracts_reference::records::{ContextItem, ContextPack};
use contracts_reference::{fixtures, in_memory_runtime, Store};
use contracts_runtime::{Actor, CallContext, ContractResult, InMemoryPublisher, Runtime};
use serde_json::json;

/// Runs requests and prints them.
struct Walk {
    runtime: Runtime<InMemoryPublisher>,
    step: usize,
}

impl Walk {
    async fn call(&mut self, title: &str, key: &str, input: &str, actor: Actor) -> ContractResult {
        self.step += 1;
        let who = match &actor {
            Actor::Anonymous => "anonymous".to_owned(),
            Actor::User { id, roles } if roles.is_empty() => format!("user {id}"),
            Actor::User { id, roles } => format!("user {id} [{}]", roles.join(", ")),
        };
        let context = CallContext::traced(actor, format!("walk-{:02}", self.step));
        println!("\n── {}. {title}", self.step);
        println!("→ {key} as {who}");
        println!("  {input}");
        let result = self.runtime.execute(key, None, input, context).await;
        let envelope = serde_json::to_string_pretty(&result).unwrap_or_default();
        println!("← {} {}", result.status(), result.code());
        for line in envelope.lines() {
            println!("  {line}");
        }
        let events = self.runtime.publisher().take();
        if events.is_empty() {
            println!("  events published: none");
        } else {
            println!("  events published:");
            for event in &events {
                println!("  • {}", serde_json::to_string(event).unwrap_or_default());
            }
        }
        result
    }
}

fn section(title: &str) {
    println!("\n━━━━ {title} ━━━━");
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let store = Store::demo();
    let mut walk = Walk {
        runtime: in_memory_runtime(&store),
        step: 0,
    };
    let admin = || Actor::admin("admin-1");
    let qa = || Actor::user("qa-1");

    section("controlPlane.execution.start");
    let input = json!({
        "executionId": fixtures::APPROVED_EXECUTION,
        "planId": fixtures::APPROVED_PLAN,
    })
    .to_string();
    walk.call(
        "start an approved plan",
        "controlPlane.execution.start",
        &input,
        admin(),
    )
    .await;
    walk.call(
        "start it again: the execution has already started",
        "controlPlane.execution.start",
        &input,
        admin(),
    )
    .await;
    walk.call(
        "start an unknown plan",
        "controlPlane.execution.start",
        r#"{"executionId": "exec-approved", "planId": "plan-nope"}"#,
        admin(),
    )
    .await;
    let input = json!({
        "executionId": fixtures::PENDING_EXECUTION,
        "planId": fixtures::PENDING_PLAN,
    })
    .to_string();
    walk.call(
        "start a plan still waiting for approval (the contract declares no error for it)",
        "controlPlane.execution.start",
        &input,
        admin(),
    )
    .await;
    walk.call(
        "start a plan as a user without the admin role",
        "controlPlane.execution.start",
        &input,
        qa(),
    )
    .await;

    section("controlPlane.execution.reject");
    let reject = |step: &str| {
        json!({
            "executionId": fixtures::APPROVED_EXECUTION,
            "stepId": step,
            "rejectedBy": "admin-1",
            "reason": "Refund above the agent's limit",
        })
        .to_string()
    };
    walk.call(
        "reject the refund step of the run just started (pending approval)",
        "controlPlane.execution.reject",
        &reject(fixtures::REFUND_STEP),
        admin(),
    )
    .await;
    walk.call(
        "reject it again: the step is no longer pending",
        "controlPlane.execution.reject",
        &reject(fixtures::REFUND_STEP),
        admin(),
    )
    .await;
    walk.call(
        "reject a step of an unknown execution",
        "controlPlane.execution.reject",
        r#"{"executionId": "exec-nope", "stepId": "step-refund", "rejectedBy": "admin-1", "reason": "-"}"#,
        admin(),
    )
    .await;

    section("controlPlane.execution.evidence.export");
    let input = json!({"runId": fixtures::AUDITED_RUN, "exportedBy": "auditor-1"}).to_string();
    walk.call(
        "export the evidence of a run",
        "controlPlane.execution.evidence.export",
        &input,
        admin(),
    )
    .await;
    if let Some(export) = store.exports().last() {
        println!("  the exported bundles, as stored (pii redacted):");
        let text = serde_json::to_string_pretty(export).unwrap_or_default();
        for line in text.lines() {
            println!("  {line}");
        }
    }
    walk.call(
        "export the evidence of an unknown run",
        "controlPlane.execution.evidence.export",
        r#"{"runId": "run-nope", "exportedBy": "auditor-1"}"#,
        admin(),
    )
    .await;

    section("harness.execution: harness.run.start, harness.run.get, harness.run.cancel");
    let input = json!({
        "scenarioKey": fixtures::CHECKOUT_SCENARIO,
        "targetId": fixtures::PREVIEW_TARGET,
        "controlPlaneExecutionId": fixtures::APPROVED_EXECUTION,
    })
    .to_string();
    let started = walk
        .call(
            "start a run of a scenario",
            "harness.run.start",
            &input,
            qa(),
        )
        .await;
    let run_id = started
        .data_value()
        .and_then(|data| data["run"]["runId"].as_str().map(str::to_owned))
        .unwrap_or_default();
    let by_id = json!({ "runId": run_id }).to_string();
    walk.call("read it", "harness.run.get", &by_id, qa()).await;
    walk.call(
        "cancel it (the operation declares no event)",
        "harness.run.cancel",
        &json!({"runId": run_id, "reason": "superseded by a new build"}).to_string(),
        qa(),
    )
    .await;
    walk.call(
        "cancel it again: already cancelled",
        "harness.run.cancel",
        &by_id,
        qa(),
    )
    .await;
    walk.call(
        "start a run of a suite",
        "harness.run.start",
        &json!({"suiteKey": fixtures::STOREFRONT_SUITE, "mode": "exploratory"}).to_string(),
        qa(),
    )
    .await;
    walk.call(
        "start a run with neither scenario nor suite",
        "harness.run.start",
        r#"{"mode": "deterministic"}"#,
        qa(),
    )
    .await;
    walk.call(
        "start a run with an empty scenario key",
        "harness.run.start",
        r#"{"scenarioKey": ""}"#,
        qa(),
    )
    .await;
    walk.call(
        "start a run as an unauthenticated caller",
        "harness.run.start",
        r#"{"scenarioKey": "login.smoke"}"#,
        Actor::Anonymous,
    )
    .await;
    walk.call(
        "start a run with malformed JSON",
        "harness.run.start",
        r#"{"scenarioKey": "login.smoke""#,
        qa(),
    )
    .await;
    walk.call(
        "read an unknown run",
        "harness.run.get",
        r#"{"runId": "hrun-nope"}"#,
        qa(),
    )
    .await;

    section("context.pack.snapshot");
    let input = json!({
        "packKey": fixtures::SUPPORT_PACK,
        "reason": "pin the context of tonight's agents",
        "requestedBy": "admin-1",
    })
    .to_string();
    let first = walk
        .call(
            "snapshot the latest version of a pack",
            "context.pack.snapshot",
            &input,
            admin(),
        )
        .await;
    walk.call(
        "snapshot the same content again: the same snapshot, unchanged, no event",
        "context.pack.snapshot",
        &json!({"packKey": fixtures::SUPPORT_PACK, "packVersion": "1.1.0", "reason": "again"})
            .to_string(),
        admin(),
    )
    .await;
    let mut pack = store
        .context_pack(fixtures::SUPPORT_PACK, "1.1.0")
        .unwrap_or_else(|| unreachable!("the demo fixtures have it"));
    pack.items.push(ContextItem {
        kind: "knowledge".into(),
        key: "kb.refunds.faq".into(),
        version: None,
        content: json!({"entries": 12}),
    });
    store.put_context_pack(ContextPack { ..pack });
    println!("\n   (the pack's 1.1.0 content changes in the store: one more item)");
    let second = walk
        .call(
            "snapshot the changed pack: new content, new snapshot",
            "context.pack.snapshot",
            &input,
            admin(),
        )
        .await;
    let id = |result: &ContractResult| {
        result
            .data_value()
            .and_then(|data| data["snapshotId"].as_str().map(str::to_owned))
            .unwrap_or_default()
    };
    let (first, second) = (id(&first), id(&second));
    let kept = store.snapshot(&first).map(|s| s.items.len());
    println!("   first snapshot {first}: still {kept:?} items; second {second}");
    walk.call(
        "snapshot an unknown version",
        "context.pack.snapshot",
        &json!({"packKey": fixtures::SUPPORT_PACK, "packVersion": "9.9.9"}).to_string(),
        admin(),
    )
    .await;

    section("the runtime itself");
    walk.call(
        "call an operation that does not exist",
        "harness.run.pause",
        "{}",
        qa(),
    )
    .await;
    walk.call(
        "call a declared operation with no reference handler",
        "controlPlane.execution.approve",
        r#"{"executionId": "exec-approved", "stepId": "step-refund", "approvedBy": "admin-1"}"#,
        admin(),
    )
    .await;

    println!("\n{} requests.", walk.step);
}
