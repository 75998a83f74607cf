//! Input.

use super::*;

#[tokio::test]
async fn arrays_for_objects_are_rejected_at_any_depth_like_the_schema_says() {
    let (runtime, _) = runtime();
    // serde alone would read these structs from arrays of their fields, in order.
    for (input, path) in [
        (r#"["milk", 1, {"email": "a@b.c"}]"#, "."),
        (
            r#"{"title": "milk", "quantity": 1, "owner": ["a@b.c"]}"#,
            "owner",
        ),
        (
            r#"{"title": "milk", "quantity": 1, "owner": {"email": "a@b.c"}, "tags": [["food"]]}"#,
            "tags[0]",
        ),
    ] {
        let result = runtime
            .execute("todo.item.create", Some("1.0.0"), input, user())
            .await;
        let problem = assert_failure(&result, "VALIDATION_FAILED", 422);
        assert_eq!(problem["issues"][0]["path"], path, "{problem}");
        assert_eq!(problem["issues"][0]["code"], "invalid_type", "{problem}");
    }
}

#[tokio::test]
async fn malformed_json_is_a_bad_request() {
    let (runtime, _) = runtime();
    for input in [
        "",
        "{",
        "{\"title\": \"milk\",}",
        "[1,",
        "nul",
        "{} {}",
        "\u{feff}{}",
    ] {
        let result = runtime
            .execute("todo.item.create", Some("1.0.0"), input, user())
            .await;
        let problem = assert_failure(&result, "BAD_REQUEST", 400);
        assert!(
            problem["detail"]
                .as_str()
                .unwrap()
                .starts_with("the input is not valid JSON"),
            "{input}: {problem}"
        );
    }
    let bytes: &[u8] = &[0xff, 0xfe, b'{'];
    let result = runtime
        .execute("todo.item.create", Some("1.0.0"), bytes, user())
        .await;
    assert_failure(&result, "BAD_REQUEST", 400);
}

#[tokio::test]
async fn invalid_input_fails_validation_with_the_field_path() {
    let (runtime, _) = runtime();
    let cases = [
        // wrong types
        (
            json!({"title": 3, "quantity": 1, "owner": {"email": "a"}}),
            "title",
            "invalid_type",
        ),
        (
            json!({"title": "a", "quantity": "1", "owner": {"email": "a"}}),
            "quantity",
            "invalid_type",
        ),
        (
            json!({"title": "a", "quantity": -1, "owner": {"email": "a"}}),
            "quantity",
            "invalid_value",
        ),
        (
            json!({"title": "a", "quantity": 1, "owner": {"email": "a"}, "tags": [{"name": 1}]}),
            "tags[0].name",
            "invalid_type",
        ),
        // unknown fields
        (
            json!({"title": "a", "quantity": 1, "owner": {"email": "a"}, "color": "red"}),
            "color",
            "unknown_field",
        ),
        (
            json!({"title": "a", "quantity": 1, "owner": {"email": "a", "phone": "1"}}),
            "owner.phone",
            "unknown_field",
        ),
        // missing fields
        (
            json!({"quantity": 1, "owner": {"email": "a"}}),
            "title",
            "missing_field",
        ),
        (
            json!({"title": "a", "quantity": 1, "owner": {}}),
            "owner.email",
            "missing_field",
        ),
        (
            json!({"title": "a", "quantity": 1, "owner": {"email": "a"}, "tags": [{"name": "x"}, {}]}),
            "tags[1].name",
            "missing_field",
        ),
        // empty NonEmptyString
        (
            json!({"title": "", "quantity": 1, "owner": {"email": "a"}}),
            "title",
            "invalid",
        ),
        (
            json!({"title": "a", "quantity": 1, "owner": {"email": "a"}, "tags": [{"name": ""}]}),
            "tags[0].name",
            "invalid",
        ),
        // not an object
        (json!(["a", 1, {"email": "a"}]), ".", "invalid_type"),
        (json!(null), ".", "invalid_type"),
    ];
    for (input, path, code) in cases {
        for result in [
            runtime
                .execute("todo.item.create", Some("1.0.0"), &input, user())
                .await,
            runtime
                .execute(
                    "todo.item.create",
                    Some("1.0.0"),
                    &input.to_string(),
                    user(),
                )
                .await,
        ] {
            let problem = assert_failure(&result, "VALIDATION_FAILED", 422);
            let issue = &problem["issues"][0];
            assert_eq!(
                (
                    issue["path"].as_str().unwrap(),
                    issue["code"].as_str().unwrap()
                ),
                (path, code),
                "{input}"
            );
            assert!(problem["detail"].as_str().unwrap().contains(path) || path == ".");
        }
    }
    let result = runtime
        .execute(
            "todo.item.create",
            Some("1.0.0"),
            r#"{"title": "", "quantity": 1, "owner": {"email": "a"}}"#,
            user(),
        )
        .await;
    let problem = assert_failure(&result, "VALIDATION_FAILED", 422);
    assert_eq!(
        problem["issues"][0]["message"],
        "expected a non-empty string"
    );
}

#[tokio::test]
async fn no_input_makes_the_runtime_panic() {
    let (runtime, _) = runtime();
    let keys = [
        "todo.item.create",
        "todo.item.get",
        "todo.item.purge",
        "todo.item.nope",
        "",
    ];
    let inputs = [
        "", " ", "{", "}", "[]", "{}", "null", "0", "-", "1e999999", "\"\\ud800\"", "{\"a\":",
        "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
        r#"{"title": "boom", "quantity": 4294967296, "owner": {"email": 1}}"#,
        r#"{"title": "boom", "quantity": 1, "owner": {"email": "a"}}"#,
    ];
    for key in keys {
        for input in inputs {
            for version in [None, Some("1.0.0"), Some("x")] {
                let result = runtime.execute(key, version, input, user()).await;
                assert!(result.status() >= 200, "{key} {input}");
            }
        }
    }
    let deep = "[".repeat(100_000);
    let result = runtime
        .execute("todo.item.create", None, &deep, user())
        .await;
    assert_failure(&result, "BAD_REQUEST", 400);
}
