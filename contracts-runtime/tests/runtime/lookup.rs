//! Lookup and binding.

use super::*;

#[tokio::test]
async fn unknown_keys_and_versions_are_not_found() {
    let (runtime, _) = runtime();
    let result = runtime.execute("todo.item.nope", None, "{}", user()).await;
    let problem = assert_failure(&result, "NOT_FOUND", 404);
    assert_eq!(problem["detail"], "there is no operation `todo.item.nope`");
    assert_eq!(problem["operation"], json!({"key": "todo.item.nope"}));

    let result = runtime
        .execute("todo.item.create", Some("9.9.9"), CREATE, user())
        .await;
    let problem = assert_failure(&result, "NOT_FOUND", 404);
    assert_eq!(
        problem["detail"],
        "operation `todo.item.create` has no version `9.9.9` (known versions: 1.0.0, 2.0.0)"
    );
    assert_eq!(
        problem["operation"],
        json!({"key": "todo.item.create", "version": "9.9.9"})
    );

    let result = runtime
        .execute("todo.item.created", None, "{}", user())
        .await;
    let problem = assert_failure(&result, "NOT_FOUND", 404);
    assert_eq!(
        problem["detail"],
        "`todo.item.created@1.0.0` is not an operation but an event"
    );

    let result = runtime.execute("", Some(""), "{}", user()).await;
    assert_failure(&result, "NOT_FOUND", 404);

    // Keys and versions match exactly: no prefix, no longer text, no other byte.
    for (key, version) in [
        ("todo.item", None),
        ("todo.item.creat", None),
        ("todo.item.createx", None),
        ("todo.item.crea_e", None),
        ("todo.item.create", Some("1.0")),
        ("todo.item.create", Some("1.0.0.0")),
        ("todo.item.create", Some("")),
    ] {
        let result = runtime.execute(key, version, CREATE, user()).await;
        assert_failure(&result, "NOT_FOUND", 404);
    }
}

#[tokio::test]
async fn binding_twice_or_outside_the_registry_and_calling_unbound_operations_are_errors() {
    let (mut runtime, _) = runtime();
    assert_eq!(
        runtime.bind::<CreateItem>(create).unwrap_err(),
        BindError::AlreadyBound {
            key: "todo.item.create",
            version: "1.0.0"
        }
    );
    assert_eq!(
        runtime.bind::<GetItem>(get).unwrap_err().to_string(),
        "a handler is already bound to `todo.item.get@1.0.0`"
    );
    assert!(runtime.is_bound("todo.item.create", "1.0.0"));
    assert!(!runtime.is_bound("todo.item.archive", "1.0.0"));
    let unbound: Vec<&str> = runtime.unbound().map(|op| op.meta.key).collect();
    assert!(format!("{runtime:?}").contains("todo.item.create@1.0.0"));
    assert_eq!(unbound, ["todo.item.archive"]);

    let result = runtime
        .execute("todo.item.archive", None, "{}", user())
        .await;
    let problem = assert_failure(&result, "NOT_IMPLEMENTED", 501);
    assert_eq!(
        problem["detail"],
        "no handler is bound to `todo.item.archive@1.0.0`"
    );
    let failure = runtime
        .call::<ArchiveItem>(ArchiveItem {}, user())
        .await
        .unwrap_err();
    assert_eq!(failure.standard_code(), Some(FailureCode::NotImplemented));

    let mut billing = Runtime::new(&ui_upstream::BILLING);
    assert_eq!(
        billing.bind::<GetItem>(get).unwrap_err(),
        BindError::NotRegistered {
            key: "todo.item.get",
            version: "1.0.0"
        }
    );
    let failure = billing
        .call::<GetItem>(
            GetItem {
                id: "item-1".into(),
            },
            user(),
        )
        .await
        .unwrap_err();
    assert_eq!(failure.standard_code(), Some(FailureCode::NotImplemented));
}
