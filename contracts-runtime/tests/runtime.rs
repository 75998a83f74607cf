//! The runtime end to end, on small contracts declared here: every failure code path with real
//! inputs, events, policy, the typed path and telemetry.

include!("support/contracts.rs");

// ---------------------------------------------------------------------------------------------
// Success and events

#[tokio::test]
async fn executes_json_text_and_values_and_publishes_events_with_envelopes() {
    let (runtime, events) = runtime();
    let result = runtime
        .execute("todo.item.create", Some("1.0.0"), CREATE, user())
        .await;
    assert_eq!(
        envelope(&result),
        json!({"ok": true, "code": "OK", "status": 200, "data": {"id": "item-1", "title": "milk"}, "traceId": "trace-1"})
    );

    let published = events.take();
    assert_eq!(published.len(), 1);
    let event = &published[0];
    assert_eq!(
        (event.key(), event.version()),
        ("todo.item.created", "1.0.0")
    );
    assert_eq!(event.trace_id().as_str(), "trace-1");
    let json = serde_json::to_value(event).unwrap();
    assert_eq!(json["id"], event.id().to_string());
    assert_eq!(json["traceId"], "trace-1");
    assert_eq!(json["key"], "todo.item.created");
    assert_eq!(json["version"], "1.0.0");
    assert_eq!(
        json["payload"],
        json!({"id": "item-1", "owner": {"email": "ada@example.com"}})
    );
    assert!(json["occurredAt"].as_str().unwrap().ends_with('Z'));
    assert_eq!(event.redacted_payload()["owner"]["email"], "[REDACTED]");

    let value: Value = serde_json::from_str(CREATE).unwrap();
    let result = runtime
        .execute("todo.item.create", Some("1.0.0"), &value, user())
        .await;
    assert_eq!(
        result.data_value(),
        Some(json!({"id": "item-1", "title": "milk"}))
    );
    assert_eq!(events.take().len(), 1);
}

#[tokio::test]
async fn resolves_the_latest_version_and_reports_success_codes() {
    let (runtime, _) = runtime();
    let result = runtime
        .execute("todo.item.create", None, r#"{"title": "tea"}"#, user())
        .await;
    assert_eq!((result.code(), result.status()), ("CREATED", 201));
    assert_eq!(result.data_value().unwrap()["id"], "item-v2");

    let admin = CallContext::new(Actor::admin("root"));
    let result = runtime.execute("todo.item.purge", None, "{}", admin).await;
    assert_eq!((result.code(), result.status()), ("NO_CONTENT", 204));
    assert!(result.data().is_none());
    assert!(envelope(&result).get("data").is_none());
}

#[tokio::test]
async fn events_of_failed_calls_are_never_published() {
    let (runtime, events) = runtime();
    for title in ["dup", "stock", "conflict", "boom"] {
        let input = CREATE.replace("milk", title);
        let result = runtime
            .execute("todo.item.create", Some("1.0.0"), &input, user())
            .await;
        assert!(!result.is_ok(), "{title}");
    }
    assert!(events.events().is_empty());
}

// ---------------------------------------------------------------------------------------------
// Lookup and binding

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

// ---------------------------------------------------------------------------------------------
// Input

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

// ---------------------------------------------------------------------------------------------
// Policy

#[tokio::test]
async fn auth_levels_are_enforced_before_the_input_is_read() {
    let (runtime, _) = runtime();
    let anonymous = CallContext::anonymous;
    // A user operation, anonymously, even with invalid input.
    let result = runtime
        .execute("todo.item.create", Some("1.0.0"), "{", anonymous())
        .await;
    let problem = assert_failure(&result, "UNAUTHENTICATED", 401);
    assert_eq!(
        problem["detail"],
        "`todo.item.create` requires an authenticated caller"
    );
    assert_eq!(problem["category"], "auth");
    // An admin operation.
    let result = runtime
        .execute("todo.item.purge", None, "{}", anonymous())
        .await;
    assert_failure(&result, "UNAUTHENTICATED", 401);
    let result = runtime.execute("todo.item.purge", None, "{}", user()).await;
    let problem = assert_failure(&result, "FORBIDDEN", 403);
    assert_eq!(
        problem["detail"],
        "`todo.item.purge` requires the `admin` role"
    );
    let result = runtime
        .execute(
            "todo.item.purge",
            None,
            "{}",
            CallContext::new(Actor::user("u-2").with_role("admin")),
        )
        .await;
    assert!(result.is_ok());
    // An anonymous operation.
    let result = runtime
        .execute("todo.item.get", None, r#"{"id": "item-1"}"#, anonymous())
        .await;
    assert!(result.is_ok());
    // The typed path enforces the same.
    let failure = runtime
        .call::<PurgeItems>(PurgeItems {}, user())
        .await
        .unwrap_err();
    assert_eq!((failure.code(), failure.status()), ("FORBIDDEN", 403));
}

#[tokio::test]
async fn feature_flags_must_be_enabled() {
    let (runtime, _) = runtime();
    let result = runtime
        .execute(
            "todo.item.beta",
            None,
            "{}",
            CallContext::anonymous().with_flag("todo.beta"),
        )
        .await;
    let problem = assert_failure(&result, "FORBIDDEN", 403);
    assert_eq!(
        problem["detail"],
        "`todo.item.beta` requires the feature flag `todo.more`, which is not enabled"
    );
    let context = CallContext::anonymous()
        .with_flag("todo.beta")
        .with_flag("todo.more");
    let result = runtime.execute("todo.item.beta", None, "{}", context).await;
    assert_eq!(result.data().unwrap(), "\"beta\"");
}

/// Denies a title, rate-limits another, and approves only `review-ok`.
struct Strict {
    decisions: AtomicUsize,
}

impl PolicyDecider for Strict {
    async fn decide(&self, request: PolicyRequest<'_>) -> PolicyDecision {
        self.decisions.fetch_add(1, Ordering::SeqCst);
        match request.context.actor().id() {
            Some("mallory") => PolicyDecision::deny("mallory is banned"),
            Some("spammer") => PolicyDecision::RateLimited {
                retry_after: Some(Duration::from_millis(1500)),
            },
            Some("risky") => PolicyDecision::Escalate(Escalation::HumanReview),
            _ => PolicyDecision::Allow,
        }
    }

    async fn is_approved(&self, request: PolicyRequest<'_>, escalation: Escalation) -> bool {
        assert_eq!(escalation, Escalation::HumanReview);
        request.context.approval() == Some("review-ok")
    }
}

#[tokio::test]
async fn a_decider_denies_rate_limits_and_escalates_before_the_handler_runs() {
    let calls = Arc::new(AtomicUsize::new(0));
    let counted = calls.clone();
    let events = InMemoryPublisher::new();
    let mut runtime = Runtime::new(&TODO)
        .with_publisher(events.clone())
        .with_decider(Strict {
            decisions: AtomicUsize::new(0),
        });
    runtime
        .bind::<GetItem>(move |input: GetItem, ctx: Ctx<GetItem>| {
            counted.fetch_add(1, Ordering::SeqCst);
            get(input, ctx)
        })
        .unwrap()
        .bind::<ApproveItem>(approve)
        .unwrap();
    let get_as = |who: &str| CallContext::new(Actor::user(who));
    let input = r#"{"id": "item-1"}"#;

    let result = runtime
        .execute("todo.item.get", None, input, get_as("mallory"))
        .await;
    let problem = assert_failure(&result, "FORBIDDEN", 403);
    assert_eq!(problem["detail"], "mallory is banned");

    let result = runtime
        .execute("todo.item.get", None, input, get_as("spammer"))
        .await;
    let problem = assert_failure(&result, "RATE_LIMITED", 429);
    assert_eq!(problem["retryable"], true);
    assert_eq!(problem["retryAfter"], 1);

    let result = runtime
        .execute("todo.item.get", None, input, get_as("risky"))
        .await;
    let problem = assert_failure(&result, "PRECONDITION_FAILED", 412);
    assert_eq!(problem["escalation"], "human_review");
    assert_eq!(result.escalation(), Some(Escalation::HumanReview));
    assert_eq!(calls.load(Ordering::SeqCst), 0, "the handler never ran");

    let result = runtime
        .execute("todo.item.get", None, input, get_as("ada"))
        .await;
    assert!(result.is_ok());
    assert_eq!(calls.load(Ordering::SeqCst), 1);
    assert_eq!(runtime.decider().decisions.load(Ordering::SeqCst), 4);

    // The contract declares `escalate = "human_review"`: the decider checks the approval.
    let input = r#"{"id": "item-1"}"#;
    let result = runtime
        .execute("todo.item.approve", None, input, get_as("ada"))
        .await;
    let problem = assert_failure(&result, "PRECONDITION_FAILED", 412);
    assert_eq!(problem["escalation"], "human_review");
    assert_eq!(
        problem["detail"],
        "`todo.item.approve` requires an approved `human_review` escalation before it runs"
    );
    let forged = get_as("ada").with_approval("forged");
    let result = runtime
        .execute("todo.item.approve", None, input, forged)
        .await;
    assert_failure(&result, "PRECONDITION_FAILED", 412);
    let approved = get_as("ada").with_approval("review-ok");
    let result = runtime
        .execute("todo.item.approve", None, input, approved)
        .await;
    assert_eq!(result.data().unwrap(), "\"approved item-1\"");
}

#[tokio::test]
async fn the_default_decider_accepts_attached_approvals_and_closures_decide() {
    let (runtime, _) = runtime();
    let input = r#"{"id": "item-1"}"#;
    let result = runtime
        .execute("todo.item.approve", None, input, user())
        .await;
    assert_failure(&result, "PRECONDITION_FAILED", 412);
    let result = runtime
        .execute(
            "todo.item.approve",
            None,
            input,
            user().with_approval("r-1"),
        )
        .await;
    assert!(result.is_ok());

    let mut closed = Runtime::new(&TODO).with_decider(|request: PolicyRequest<'_>| {
        if request.operation.kind == contracts_core::OperationKind::Command {
            PolicyDecision::deny("read-only mode")
        } else {
            PolicyDecision::Allow
        }
    });
    bind_all(&mut closed);
    let result = closed
        .execute("todo.item.create", Some("1.0.0"), CREATE, user())
        .await;
    let problem = assert_failure(&result, "FORBIDDEN", 403);
    assert_eq!(problem["detail"], "read-only mode");
    let result = closed.execute("todo.item.get", None, input, user()).await;
    assert!(result.is_ok());
}

// ---------------------------------------------------------------------------------------------
// Handler failures

#[tokio::test]
async fn declared_errors_take_their_declared_status_and_problem_details() {
    let (runtime, _) = runtime();
    let input = CREATE.replace("milk", "dup");
    let result = runtime
        .execute("todo.item.create", Some("1.0.0"), &input, user())
        .await;
    let problem = assert_failure(&result, "DUPLICATE", 409);
    assert_eq!(
        problem,
        json!({
            "type": "https://contractspec.io/problems/duplicate",
            "title": "An item with this title exists.",
            "status": 409,
            "detail": "`dup` exists",
            "instance": "urn:trace:trace-1",
            "code": "DUPLICATE",
            "category": "conflict",
            "severity": "warning",
            "retryable": false,
            "traceId": "trace-1",
            "operation": {"key": "todo.item.create", "version": "1.0.0", "kind": "command"},
        })
    );
    let input = CREATE.replace("milk", "stock");
    let result = runtime
        .execute("todo.item.create", Some("1.0.0"), &input, user())
        .await;
    let problem = assert_failure(&result, "NO_STOCK", 503);
    assert_eq!(problem["retryable"], true);
    assert_eq!(problem["severity"], "error");
    let input = CREATE.replace("milk", "conflict");
    let result = runtime
        .execute("todo.item.create", Some("1.0.0"), &input, user())
        .await;
    let problem = assert_failure(&result, "CONFLICT", 409);
    assert_eq!(problem["title"], "Conflict");
    assert_eq!(problem["type"], "https://contractspec.io/problems/conflict");
}

#[tokio::test]
async fn an_undeclared_error_is_an_internal_error() {
    let (runtime, _) = runtime();
    let result = runtime
        .execute("todo.item.legacy", None, r#"{"rogue": true}"#, user())
        .await;
    let problem = assert_failure(&result, "INTERNAL_ERROR", 500);
    assert_eq!(problem["detail"], "undeclared contract failure: ROGUE");
    assert_eq!(
        problem["metadata"],
        json!({"originalCode": "ROGUE", "originalStatus": 418})
    );
    let result = runtime
        .execute("todo.item.legacy", None, r#"{"rogue": false}"#, user())
        .await;
    assert_failure(&result, "KNOWN", 409);

    let failure = runtime
        .call::<Legacy>(Legacy { rogue: true }, user())
        .await
        .unwrap_err();
    assert_eq!(failure.standard_code(), Some(FailureCode::InternalError));
    let failure = runtime
        .call::<Legacy>(Legacy { rogue: false }, user())
        .await
        .unwrap_err();
    assert_eq!(failure.reason(), &Reason::Declared(LegacyError::Known));
}

#[tokio::test]
async fn a_panicking_handler_is_an_internal_error_and_the_runtime_keeps_running() {
    let (runtime, events) = runtime();
    let result = runtime
        .execute("todo.item.explode", None, "{}", user())
        .await;
    let problem = assert_failure(&result, "INTERNAL_ERROR", 500);
    assert_eq!(
        problem["detail"],
        "`todo.item.explode@1.0.0` failed unexpectedly (it panicked)"
    );
    assert!(!problem.to_string().contains("kaboom"));

    // Panics after emitting: nothing is published, the payload never leaks.
    let input = CREATE.replace("milk", "boom");
    let result = runtime
        .execute("todo.item.create", Some("1.0.0"), &input, user())
        .await;
    let problem = assert_failure(&result, "INTERNAL_ERROR", 500);
    assert!(!problem.to_string().contains("secret@example.com"));
    assert!(events.events().is_empty());

    let failure = runtime
        .call::<Explode>(Explode {}, user())
        .await
        .unwrap_err();
    assert_eq!(failure.standard_code(), Some(FailureCode::InternalError));

    // Still serving.
    let result = runtime
        .execute("todo.item.create", Some("1.0.0"), CREATE, user())
        .await;
    assert!(result.is_ok());
    assert_eq!(events.take().len(), 1);

    // A panicking decider too.
    let mut panicky = Runtime::new(&TODO)
        .with_decider(|_: PolicyRequest<'_>| -> PolicyDecision { panic!("decider") });
    bind_all(&mut panicky);
    let result = panicky
        .execute("todo.item.get", None, r#"{"id": "item-1"}"#, user())
        .await;
    assert_failure(&result, "INTERNAL_ERROR", 500);
}

#[tokio::test]
async fn an_output_that_does_not_serialize_is_an_internal_error() {
    let (runtime, _) = runtime();
    let result = runtime.execute("todo.item.weird", None, "{}", user()).await;
    let problem = assert_failure(&result, "INTERNAL_ERROR", 500);
    assert_eq!(
        problem["detail"],
        "the output of `todo.item.weird` does not serialize to JSON"
    );
    // The typed path does not serialize.
    let reply = runtime.call::<Weird>(Weird {}, user()).await.unwrap();
    assert_eq!(reply.into_value().value, 1);
}

/// Always fails.
struct Broken;

impl Publisher for Broken {
    async fn publish(&self, _: Vec<EventEnvelope>) -> Result<(), PublishError> {
        Err(PublishError::new("bus down"))
    }
}

#[tokio::test]
async fn publishing_failures_are_internal_errors() {
    let mut runtime = Runtime::new(&TODO).with_publisher(Broken);
    bind_all(&mut runtime);
    let result = runtime
        .execute("todo.item.create", Some("1.0.0"), CREATE, user())
        .await;
    let problem = assert_failure(&result, "INTERNAL_ERROR", 500);
    assert_eq!(
        problem["detail"],
        "`todo.item.create` succeeded but its events could not be published"
    );

    // An event that does not serialize fails the call, and nothing is published.
    let (runtime, events) = self::runtime();
    let result = runtime.execute("todo.item.noisy", None, "{}", user()).await;
    let problem = assert_failure(&result, "INTERNAL_ERROR", 500);
    assert_eq!(
        problem["detail"],
        "`todo.item.noisy` succeeded but emitted an event that does not serialize"
    );
    assert!(events.events().is_empty());

    // Without a publisher, calls that emit fail and the others succeed.
    let mut runtime = Runtime::new(&TODO);
    bind_all(&mut runtime);
    let result = runtime
        .execute("todo.item.create", Some("1.0.0"), CREATE, user())
        .await;
    assert_failure(&result, "INTERNAL_ERROR", 500);
    let result = runtime
        .execute("todo.item.get", None, r#"{"id": "item-1"}"#, user())
        .await;
    assert!(result.is_ok());
}

// ---------------------------------------------------------------------------------------------
// Typed path

#[tokio::test]
async fn the_typed_path_returns_typed_outputs_and_declared_errors() {
    let (runtime, events) = runtime();
    let input = CreateItem {
        title: NonEmptyString::new("milk").unwrap(),
        quantity: 2,
        owner: Owner {
            email: "ada@example.com".into(),
        },
        tags: vec![],
    };
    let reply = runtime
        .call::<CreateItem>(input.clone(), user())
        .await
        .unwrap();
    assert_eq!(reply.code(), SuccessCode::Ok);
    assert_eq!(
        reply.into_value(),
        CreatedItem {
            id: "item-2".into(),
            title: "milk".into()
        }
    );
    assert_eq!(events.take()[0].payload()["id"], "item-2");

    let dup = CreateItem {
        title: NonEmptyString::new("dup").unwrap(),
        ..input.clone()
    };
    let failure = runtime.call::<CreateItem>(dup, user()).await.unwrap_err();
    assert_eq!(failure.declared_error(), Some(&CreateError::Duplicate));
    assert_eq!(
        (failure.code(), failure.status(), failure.detail()),
        ("DUPLICATE", 409, Some("`dup` exists"))
    );
    assert!(events.events().is_empty());

    let failure = runtime
        .call::<CreateItem>(input, CallContext::anonymous())
        .await
        .unwrap_err();
    assert_eq!(
        failure.reason(),
        &Reason::Standard(FailureCode::Unauthenticated)
    );

    let reply = runtime
        .call::<CreateItemV2>(
            CreateItemV2 {
                title: NonEmptyString::new("x").unwrap(),
            },
            user(),
        )
        .await;
    assert_eq!(reply.unwrap().code(), SuccessCode::Created);
}

// ---------------------------------------------------------------------------------------------
// Bound handlers: the typed path without lookup

/// A runtime with `CreateItem`, `PurgeItems`, `Explode` and `Legacy` bound with `bind_typed`,
/// the others with `bind`, and what the typed ones returned.
macro_rules! bound_runtime {
    ($runtime:ident, $events:ident, $create:ident, $purge:ident, $explode:ident, $legacy:ident) => {
        let $events = InMemoryPublisher::new();
        let mut $runtime = Runtime::new(&TODO).with_publisher($events.clone());
        let $create = $runtime.bind_typed::<CreateItem, _>(create).unwrap();
        let $purge = $runtime.bind_typed::<PurgeItems, _>(purge).unwrap();
        let $explode = $runtime.bind_typed::<Explode, _>(explode).unwrap();
        let $legacy = $runtime.bind_typed::<Legacy, _>(legacy).unwrap();
        $runtime.bind::<GetItem>(get).unwrap();
    };
}

fn milk() -> CreateItem {
    CreateItem {
        title: NonEmptyString::new("milk").unwrap(),
        quantity: 2,
        owner: Owner {
            email: "ada@example.com".into(),
        },
        tags: vec![],
    }
}

#[tokio::test]
async fn bound_handlers_return_typed_outputs_and_publish_events_after_success() {
    bound_runtime!(runtime, events, create, _purge, _explode, _legacy);
    let reply = create.call(&runtime, milk(), user()).await.unwrap();
    assert_eq!(reply.code(), SuccessCode::Ok);
    assert_eq!(
        reply.into_value(),
        CreatedItem {
            id: "item-2".into(),
            title: "milk".into()
        }
    );
    let published = events.take();
    assert_eq!(published.len(), 1);
    assert_eq!(published[0].key(), "todo.item.created");
    assert_eq!(published[0].trace_id().as_str(), "trace-1");
    assert_eq!(published[0].payload()["owner"]["email"], "ada@example.com");

    // A declared error: its events are not published.
    for (title, code, status) in [
        ("dup", "DUPLICATE", 409),
        ("stock", "NO_STOCK", 503),
        ("conflict", "CONFLICT", 409),
    ] {
        let input = CreateItem {
            title: NonEmptyString::new(title).unwrap(),
            ..milk()
        };
        let failure = create.call(&runtime, input, user()).await.unwrap_err();
        assert_eq!((failure.code(), failure.status()), (code, status));
    }
    let dup = CreateItem {
        title: NonEmptyString::new("dup").unwrap(),
        ..milk()
    };
    let failure = create.call(&runtime, dup, user()).await.unwrap_err();
    assert_eq!(failure.declared_error(), Some(&CreateError::Duplicate));
    assert_eq!(failure.detail(), Some("`dup` exists"));
    assert!(events.events().is_empty());

    // The handler is bound to the runtime for the other callers too.
    let result = runtime
        .execute("todo.item.create", Some("1.0.0"), CREATE, user())
        .await;
    assert!(result.is_ok());
    let reply = runtime.call::<CreateItem>(milk(), user()).await.unwrap();
    assert_eq!(reply.value().id, "item-2");
    assert_eq!(events.take().len(), 2);

    // Clones call the same handler.
    let again = create.clone();
    assert!(again.call(&runtime, milk(), user()).await.is_ok());
    assert_eq!(
        format!("{again:?}"),
        "BoundHandler { operation: todo.item.create@1.0.0, .. }"
    );
}

#[tokio::test]
async fn bound_handlers_enforce_the_policy_before_running() {
    bound_runtime!(runtime, events, create, purge, _explode, _legacy);
    let failure = create
        .call(&runtime, milk(), CallContext::anonymous())
        .await
        .unwrap_err();
    assert_eq!(
        failure.reason(),
        &Reason::Standard(FailureCode::Unauthenticated)
    );
    assert_eq!(
        failure.detail(),
        Some("`todo.item.create` requires an authenticated caller")
    );
    assert!(events.events().is_empty(), "the handler never ran");

    let failure = purge
        .call(&runtime, PurgeItems {}, user())
        .await
        .unwrap_err();
    assert_eq!((failure.code(), failure.status()), ("FORBIDDEN", 403));
    let admin = CallContext::new(Actor::admin("root"));
    let reply = purge.call(&runtime, PurgeItems {}, admin).await.unwrap();
    assert_eq!(reply.code(), SuccessCode::NoContent);

    // A decider: denials, rate limits and escalations, before the handler runs.
    let calls = Arc::new(AtomicUsize::new(0));
    let counted = calls.clone();
    let mut runtime = Runtime::new(&TODO).with_decider(Strict {
        decisions: AtomicUsize::new(0),
    });
    let get = runtime
        .bind_typed::<GetItem, _>(move |input: GetItem, ctx: Ctx<GetItem>| {
            counted.fetch_add(1, Ordering::SeqCst);
            get(input, ctx)
        })
        .unwrap();
    let approve = runtime.bind_typed::<ApproveItem, _>(approve).unwrap();
    let as_user = |who: &str| CallContext::new(Actor::user(who));
    let item = || GetItem {
        id: "item-1".into(),
    };
    let failure = get
        .call(&runtime, item(), as_user("mallory"))
        .await
        .unwrap_err();
    assert_eq!(
        (failure.code(), failure.detail()),
        ("FORBIDDEN", Some("mallory is banned"))
    );
    let failure = get
        .call(&runtime, item(), as_user("spammer"))
        .await
        .unwrap_err();
    assert_eq!(
        (failure.code(), failure.retry_after()),
        ("RATE_LIMITED", Some(1))
    );
    let failure = get
        .call(&runtime, item(), as_user("risky"))
        .await
        .unwrap_err();
    assert_eq!(failure.code(), "PRECONDITION_FAILED");
    assert_eq!(failure.escalation(), Some(Escalation::HumanReview));
    assert_eq!(calls.load(Ordering::SeqCst), 0, "the handler never ran");
    let reply = get.call(&runtime, item(), as_user("ada")).await.unwrap();
    assert_eq!(reply.value().title, "milk");
    assert_eq!(calls.load(Ordering::SeqCst), 1);

    let approval = || ApproveItem {
        id: "item-1".into(),
    };
    let failure = approve
        .call(&runtime, approval(), as_user("ada"))
        .await
        .unwrap_err();
    assert_eq!(failure.code(), "PRECONDITION_FAILED");
    let approved = as_user("ada").with_approval("review-ok");
    let reply = approve.call(&runtime, approval(), approved).await.unwrap();
    assert_eq!(reply.into_value(), "approved item-1");
}

#[tokio::test]
async fn bound_handlers_that_panic_or_return_undeclared_errors_fail_internally() {
    bound_runtime!(runtime, events, create, _purge, explode, legacy);
    let failure = explode
        .call(&runtime, Explode {}, user())
        .await
        .unwrap_err();
    assert_eq!(failure.standard_code(), Some(FailureCode::InternalError));
    assert_eq!(
        failure.detail(),
        Some("`todo.item.explode@1.0.0` failed unexpectedly (it panicked)")
    );

    // Panics after emitting: nothing is published.
    let boom = CreateItem {
        title: NonEmptyString::new("boom").unwrap(),
        ..milk()
    };
    let failure = create.call(&runtime, boom, user()).await.unwrap_err();
    assert_eq!(failure.standard_code(), Some(FailureCode::InternalError));
    assert!(!format!("{failure:?}").contains("secret@example.com"));
    assert!(events.events().is_empty());

    let failure = legacy
        .call(&runtime, Legacy { rogue: true }, user())
        .await
        .unwrap_err();
    assert_eq!(failure.standard_code(), Some(FailureCode::InternalError));
    assert_eq!(failure.detail(), Some("undeclared contract failure: ROGUE"));
    assert_eq!(
        failure.metadata(),
        Some(&json!({"originalCode": "ROGUE", "originalStatus": 418}))
    );
    let failure = legacy
        .call(&runtime, Legacy { rogue: false }, user())
        .await
        .unwrap_err();
    assert_eq!(failure.reason(), &Reason::Declared(LegacyError::Known));

    // Still serving.
    assert!(create.call(&runtime, milk(), user()).await.is_ok());
    assert_eq!(events.take().len(), 1);

    // A closure that panics before it returns its future, on every path.
    let mut eager = Runtime::new(&TODO);
    let eager_get = eager
        .bind_typed::<GetItem, _>(|_: GetItem, _: Ctx<GetItem>| {
            panic!("before the future");
            #[allow(unreachable_code)]
            async {
                Ok::<CreatedItem, Failure>(unreachable!())
            }
        })
        .unwrap();
    let item = || GetItem {
        id: "item-1".into(),
    };
    let failure = eager_get.call(&eager, item(), user()).await.unwrap_err();
    assert_eq!(failure.standard_code(), Some(FailureCode::InternalError));
    let failure = eager.call::<GetItem>(item(), user()).await.unwrap_err();
    assert_eq!(failure.standard_code(), Some(FailureCode::InternalError));
    let result = eager
        .execute("todo.item.get", None, r#"{"id": "item-1"}"#, user())
        .await;
    assert_failure(&result, "INTERNAL_ERROR", 500);

    // A panicking decider too.
    let mut panicky = Runtime::new(&TODO)
        .with_decider(|_: PolicyRequest<'_>| -> PolicyDecision { panic!("decider") });
    let get = panicky.bind_typed::<GetItem, _>(get).unwrap();
    let item = GetItem {
        id: "item-1".into(),
    };
    let failure = get.call(&panicky, item, user()).await.unwrap_err();
    assert_eq!(failure.standard_code(), Some(FailureCode::InternalError));
}

#[tokio::test]
async fn bound_handlers_report_publishing_failures() {
    let mut runtime = Runtime::new(&TODO).with_publisher(Broken);
    let create = runtime.bind_typed::<CreateItem, _>(create).unwrap();
    let noisy = runtime.bind_typed::<Noisy, _>(noisy).unwrap();
    let failure = create.call(&runtime, milk(), user()).await.unwrap_err();
    assert_eq!(failure.standard_code(), Some(FailureCode::InternalError));
    assert_eq!(
        failure.detail(),
        Some("`todo.item.create` succeeded but its events could not be published")
    );
    let failure = noisy.call(&runtime, Noisy {}, user()).await.unwrap_err();
    assert_eq!(
        failure.detail(),
        Some("`todo.item.noisy` succeeded but emitted an event that does not serialize")
    );
}

#[tokio::test]
async fn bound_handlers_bind_once_and_run_only_in_their_runtime() {
    let mut runtime = Runtime::new(&TODO);
    let create = runtime.bind_typed::<CreateItem, _>(create).unwrap();
    assert_eq!(
        runtime
            .bind_typed::<CreateItem, _>(self::create)
            .unwrap_err(),
        BindError::AlreadyBound {
            key: "todo.item.create",
            version: "1.0.0"
        }
    );
    assert!(runtime.bind::<CreateItem>(self::create).is_err());
    assert!(runtime.is_bound("todo.item.create", "1.0.0"));

    // `with_publisher` keeps the runtime's handlers: the bound handler still runs in it.
    let events = InMemoryPublisher::new();
    let runtime = runtime.with_publisher(events.clone());
    assert!(create.call(&runtime, milk(), user()).await.is_ok());
    assert_eq!(events.take().len(), 1);

    // Another runtime, even with its own handler for the operation, does not run it.
    let (other, other_events) = self::runtime();
    let failure = create.call(&other, milk(), user()).await.unwrap_err();
    assert_eq!(failure.standard_code(), Some(FailureCode::NotImplemented));
    assert_eq!(
        failure.detail(),
        Some("the handler of `todo.item.create@1.0.0` is called with a runtime it is not bound to")
    );
    assert!(other_events.events().is_empty());
    assert!(events.events().is_empty());
}

#[tokio::test]
async fn closures_bind_with_captured_state() {
    let prefix = Arc::new(String::from("shelf"));
    let mut runtime = Runtime::new(&TODO);
    runtime
        .bind::<GetItem>(move |input: GetItem, _ctx| {
            let prefix = prefix.clone();
            async move {
                Ok::<_, Failure>(CreatedItem {
                    id: input.id,
                    title: format!("{prefix} item"),
                })
            }
        })
        .unwrap();
    let result = runtime
        .execute("todo.item.get", None, r#"{"id": "a"}"#, user())
        .await;
    assert_eq!(result.data_value().unwrap()["title"], "shelf item");
}

#[test]
fn calls_run_on_multi_threaded_executors() {
    let executor = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .build()
        .unwrap();
    let (runtime, events) = runtime();
    let runtime = Arc::new(runtime);
    let tasks: Vec<_> = (0..16)
        .map(|i| {
            let runtime = runtime.clone();
            executor.spawn(async move {
                let input = CREATE.replace("\"quantity\": 1", &format!("\"quantity\": {i}"));
                runtime
                    .execute("todo.item.create", Some("1.0.0"), &input, user())
                    .await
            })
        })
        .collect();
    for task in tasks {
        assert!(executor.block_on(task).unwrap().is_ok());
    }
    assert_eq!(events.events().len(), 16);
}

#[tokio::test]
async fn events_emitted_after_the_call_are_dropped() {
    let kept: Arc<std::sync::Mutex<Option<Ctx<CreateItem>>>> = Arc::default();
    let slot = kept.clone();
    let events = InMemoryPublisher::new();
    let mut runtime = Runtime::new(&TODO).with_publisher(events.clone());
    runtime
        .bind::<CreateItem>(move |input: CreateItem, ctx: Ctx<CreateItem>| {
            *slot.lock().unwrap() = Some(ctx.clone());
            create(input, ctx)
        })
        .unwrap();
    let result = runtime
        .execute("todo.item.create", Some("1.0.0"), CREATE, user())
        .await;
    assert!(result.is_ok());
    assert_eq!(events.take().len(), 1);
    let late = kept.lock().unwrap().take().unwrap();
    late.emit(ItemCreated {
        id: "late".into(),
        owner: Owner {
            email: "a@x".into(),
        },
    });
    assert!(late.pending_events().is_empty());
    assert!(events.events().is_empty());
}

#[tokio::test]
async fn detached_contexts_run_handlers_directly() {
    let ctx = Ctx::<CreateItem>::detached(user());
    let probe = ctx.clone();
    let input: CreateItem = serde_json::from_str(CREATE).unwrap();
    let output = create(input, ctx).await.unwrap();
    assert_eq!(output.id, "item-1");
    assert_eq!(probe.pending_events()[0].key(), "todo.item.created");
    assert_eq!(probe.operation().meta.key, "todo.item.create");
}

// ---------------------------------------------------------------------------------------------
// Telemetry and redaction

#[test]
fn redaction_follows_paths_through_nested_arrays() {
    let mut value = json!({
        "runs": [
            {"steps": [{"evidence": [{"email": "a@x", "kept": 1}, {"email": "b@x"}]}]},
            {"steps": []},
            {"steps": [{"evidence": [[{"email": "c@x"}]]}]},
        ],
        "owner": {"email": "d@x"},
    });
    redact(
        &mut value,
        &["runs.steps.evidence.email", "owner.email", "nothing.here"],
    );
    assert_eq!(
        value,
        json!({
            "runs": [
                {"steps": [{"evidence": [{"email": "[REDACTED]", "kept": 1}, {"email": "[REDACTED]"}]}]},
                {"steps": []},
                {"steps": [{"evidence": [[{"email": "[REDACTED]"}]]}]},
            ],
            "owner": {"email": "[REDACTED]"},
        })
    );
}
