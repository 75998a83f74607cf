//! Policy.

use super::*;

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
