//! `context.pack.snapshot`: content addressing, immutability, the event, and failures.

mod common;

use common::{admin, data, detail, events, execute, setup, user};
use contracts_context::ContextPackSnapshotInput;
use contracts_core::NonEmptyString;
use contracts_reference::fixtures::{ONBOARDING_PACK, SUPPORT_PACK};
use contracts_reference::records::ContextItem;
use contracts_runtime::{CallContext, FailureCode, SuccessCode};
use serde_json::json;

const SNAPSHOT: &str = "context.pack.snapshot";

/// The SHA-256 of the canonical content of the onboarding pack, computed outside this crate:
///
/// ```text
/// printf '%s' '{"items":[{"content":{"body":"Welcome aboard."},"key":"docs.onboarding.welcome","kind":"doc_block"}],"packKey":"onboarding.basics","packVersion":"1.0.0"}' | sha256sum
/// ```
const ONBOARDING_HASH: &str = "979306e822d8141edfcd44129b4f2eea77ef34f2e81ec4e58b80dd2d3ebccab5";

fn typed(pack: &str, version: Option<&str>) -> ContextPackSnapshotInput {
    ContextPackSnapshotInput {
        pack_key: NonEmptyString::new(pack).unwrap(),
        pack_version: version.map(str::to_owned),
        reason: None,
        requested_by: None,
        metadata: None,
    }
}

#[tokio::test]
async fn a_snapshot_is_addressed_by_its_content_and_emits_created() {
    let (store, runtime) = setup();
    let input = json!({"packKey": ONBOARDING_PACK, "reason": "pin", "requestedBy": "admin-1"});
    let context = CallContext::traced(contracts_runtime::Actor::admin("admin-1"), "trace-snap");
    let result = execute(&runtime, SNAPSHOT, &input.to_string(), context).await;
    assert_eq!((result.code(), result.status()), ("CREATED", 201));
    let output = data(&result);
    assert_eq!(output["hash"], ONBOARDING_HASH);
    assert_eq!(output["snapshotId"], format!("snap-{ONBOARDING_HASH}"));
    assert_eq!(output["packKey"], ONBOARDING_PACK);
    assert_eq!(output["packVersion"], "1.0.0");
    assert_eq!(output["itemCount"], 1);

    let published = events(&runtime);
    assert_eq!(published.len(), 1);
    let event = &published[0];
    assert_eq!(
        (event.key(), event.version()),
        ("context.snapshot.created", "1.0.0")
    );
    assert_eq!(event.trace_id().as_str(), "trace-snap");
    // The payload is the output.
    assert_eq!(event.payload(), &output);

    let snapshot = store.snapshot(&format!("snap-{ONBOARDING_HASH}")).unwrap();
    assert_eq!(snapshot.items.len(), 1);
    assert_eq!(snapshot.reason.as_deref(), Some("pin"));
    assert_eq!(
        snapshot.requested_by.as_ref().map(|id| id.as_str()),
        Some("admin-1")
    );
}

#[tokio::test]
async fn the_same_content_returns_the_existing_snapshot_unchanged_without_event() {
    let (store, runtime) = setup();
    let first = execute(
        &runtime,
        SNAPSHOT,
        r#"{"packKey": "support.refunds", "reason": "first"}"#,
        admin(),
    )
    .await;
    assert_eq!(first.code(), "CREATED");
    assert_eq!(events(&runtime).len(), 1);
    let id = data(&first)["snapshotId"].as_str().unwrap().to_owned();
    let before = store.snapshot(&id).unwrap();

    // Same content: the latest version named explicitly, another reason, other metadata.
    let second = execute(
        &runtime,
        SNAPSHOT,
        &json!({
            "packKey": SUPPORT_PACK,
            "packVersion": "1.1.0",
            "reason": "second",
            "requestedBy": "admin-2",
            "metadata": {"ticket": 7},
        })
        .to_string(),
        admin(),
    )
    .await;
    assert_eq!((second.code(), second.status()), ("OK", 200));
    assert_eq!(
        data(&second),
        data(&first),
        "the same output, creation time included"
    );
    assert!(events(&runtime).is_empty(), "no snapshot was created");
    assert_eq!(
        store.snapshot(&id).unwrap(),
        before,
        "the first request's reason stays"
    );
    assert_eq!(before.reason.as_deref(), Some("first"));
    assert_eq!(store.snapshots().len(), 1);

    // Typed: the same.
    let reply = runtime
        .call::<ContextPackSnapshotInput>(typed(SUPPORT_PACK, None), admin())
        .await
        .unwrap();
    assert_eq!(reply.code(), SuccessCode::Ok);
    assert_eq!(reply.value().snapshot_id.as_str(), id);
    assert!(events(&runtime).is_empty());
}

#[tokio::test]
async fn different_content_gives_a_different_snapshot_and_old_ones_never_change() {
    let (store, runtime) = setup();
    let v1 = runtime
        .call::<ContextPackSnapshotInput>(typed(SUPPORT_PACK, Some("1.0.0")), admin())
        .await
        .unwrap();
    assert_eq!(v1.code(), SuccessCode::Created);
    let v1 = v1.into_value();
    let v11 = runtime
        .call::<ContextPackSnapshotInput>(typed(SUPPORT_PACK, None), admin())
        .await
        .unwrap()
        .into_value();
    assert_eq!(
        (v1.pack_version.as_str(), v11.pack_version.as_str()),
        ("1.0.0", "1.1.0")
    );
    assert_ne!(v1.snapshot_id, v11.snapshot_id);
    assert_eq!((v1.item_count, v11.item_count), (Some(2), Some(3)));
    assert_eq!(events(&runtime).len(), 2);

    // The pack changes in place (same key and version, one more item).
    let frozen = store.snapshot(&v11.snapshot_id).unwrap();
    let mut pack = store.context_pack(SUPPORT_PACK, "1.1.0").unwrap();
    pack.items.push(ContextItem {
        kind: "knowledge".into(),
        key: "kb.faq".into(),
        version: None,
        content: json!({"entries": 3}),
    });
    store.put_context_pack(pack.clone());
    assert_eq!(store.snapshot(&v11.snapshot_id).unwrap(), frozen);

    let changed = runtime
        .call::<ContextPackSnapshotInput>(typed(SUPPORT_PACK, Some("1.1.0")), admin())
        .await
        .unwrap();
    assert_eq!(changed.code(), SuccessCode::Created);
    let changed = changed.into_value();
    assert_ne!(changed.snapshot_id, v11.snapshot_id);
    assert_eq!(changed.item_count, Some(4));
    assert_eq!(store.snapshot(&v11.snapshot_id).unwrap(), frozen);
    assert_eq!(frozen.items.len(), 3);
    assert_eq!(store.snapshots().len(), 3);

    // Back to the old content: back to the old snapshot, untouched.
    pack.items.pop();
    store.put_context_pack(pack);
    let back = runtime
        .call::<ContextPackSnapshotInput>(typed(SUPPORT_PACK, Some("1.1.0")), admin())
        .await
        .unwrap();
    assert_eq!(back.code(), SuccessCode::Ok);
    assert_eq!(back.value().snapshot_id, v11.snapshot_id);
    assert_eq!(back.value().created_at, frozen.created_at);
    assert_eq!(
        events(&runtime).len(),
        1,
        "only the changed pack's snapshot was created"
    );
}

#[tokio::test]
async fn the_id_does_not_depend_on_the_store() {
    // Two independent stores, same content: same id and hash.
    let (_, first) = setup();
    let (_, second) = setup();
    let input = r#"{"packKey": "onboarding.basics"}"#;
    let a = data(&execute(&first, SNAPSHOT, input, admin()).await);
    let b = data(&execute(&second, SNAPSHOT, input, admin()).await);
    assert_eq!(
        (&a["snapshotId"], &a["hash"]),
        (&b["snapshotId"], &b["hash"])
    );
}

#[tokio::test]
async fn unknown_packs_and_versions_are_not_found() {
    let (store, runtime) = setup();
    let result = execute(&runtime, SNAPSHOT, r#"{"packKey": "nope"}"#, admin()).await;
    assert_eq!((result.code(), result.status()), ("NOT_FOUND", 404));
    assert_eq!(detail(&result), "there is no context pack `nope`");
    let result = execute(
        &runtime,
        SNAPSHOT,
        r#"{"packKey": "support.refunds", "packVersion": "2.0.0"}"#,
        admin(),
    )
    .await;
    assert_eq!(result.code(), "NOT_FOUND");
    assert_eq!(
        detail(&result),
        "context pack `support.refunds` has no version `2.0.0` (known versions: 1.0.0, 1.1.0)"
    );
    let failure = runtime
        .call::<ContextPackSnapshotInput>(typed("nope", None), admin())
        .await
        .unwrap_err();
    assert_eq!(failure.standard_code(), Some(FailureCode::NotFound));
    assert!(events(&runtime).is_empty());
    assert!(store.snapshots().is_empty());
}

#[tokio::test]
async fn the_runtime_checks_policy_and_input_first() {
    let (store, runtime) = setup();
    let input = r#"{"packKey": "support.refunds"}"#;
    assert_eq!(
        execute(&runtime, SNAPSHOT, input, user()).await.code(),
        "FORBIDDEN"
    );
    assert_eq!(
        execute(&runtime, SNAPSHOT, input, CallContext::anonymous())
            .await
            .code(),
        "UNAUTHENTICATED"
    );
    let result = execute(&runtime, SNAPSHOT, r#"{"packKey": ""}"#, admin()).await;
    assert_eq!(result.code(), "VALIDATION_FAILED");
    assert_eq!(result.problem().unwrap().issues[0].path, "packKey");
    let result = execute(
        &runtime,
        SNAPSHOT,
        r#"{"packKey": "support.refunds", "metadata": "x"}"#,
        admin(),
    )
    .await;
    assert_eq!(result.code(), "VALIDATION_FAILED");
    assert_eq!(result.problem().unwrap().issues[0].path, "metadata");
    assert_eq!(
        execute(&runtime, SNAPSHOT, "{", admin()).await.code(),
        "BAD_REQUEST"
    );
    assert!(events(&runtime).is_empty());
    assert!(store.snapshots().is_empty());
}
