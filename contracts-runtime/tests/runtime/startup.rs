use super::*;
use contracts_runtime::State;

#[tokio::test]
async fn the_policy_is_checked_before_the_handler_is_looked_up() {
    // `todo.item.purge` is admin-only and has no handler here.
    let mut runtime = Runtime::new(&TODO).with_publisher(InMemoryPublisher::new());
    runtime.leave_unbound::<PurgeItems>().unwrap();
    let anonymous = runtime
        .execute("todo.item.purge", None, "{}", CallContext::anonymous())
        .await;
    let problem = assert_failure(&anonymous, "UNAUTHENTICATED", 401);
    assert!(
        !problem.to_string().contains("handler"),
        "a refused caller learns nothing of the handler: {problem}"
    );
    let result = runtime.execute("todo.item.purge", None, "{}", user()).await;
    assert_failure(&result, "FORBIDDEN", 403);
    let typed = runtime
        .call::<PurgeItems>(PurgeItems {}, CallContext::anonymous())
        .await
        .unwrap_err();
    assert_eq!(typed.standard_code(), Some(FailureCode::Unauthenticated));

    // An admin, whom the policy admits, learns that it is not implemented.
    let admin = CallContext::new(Actor::admin("root"));
    let result = runtime.execute("todo.item.purge", None, "{}", admin).await;
    assert_failure(&result, "NOT_IMPLEMENTED", 501);

    // With a decider, the decider too runs before the lookup.
    let runtime = Runtime::new(&TODO).with_decider(Strict {
        decisions: AtomicUsize::new(0),
    });
    let mallory = CallContext::new(Actor::admin("mallory"));
    let result = runtime
        .execute("todo.item.purge", None, "{}", mallory)
        .await;
    assert_failure(&result, "FORBIDDEN", 403);
}

#[test]
fn a_runtime_with_unbound_operations_or_no_publisher_is_not_ready() {
    let mut runtime = Runtime::new(&TODO);
    bind_all(&mut runtime);
    let error = runtime.check().unwrap_err();
    assert_eq!(error.unbound, ["todo.item.archive@1.0.0"]);
    // Bound operations that emit, with no publisher.
    assert_eq!(
        error.unpublished,
        ["todo.item.create@1.0.0", "todo.item.noisy@1.0.0"]
    );
    let message = error.to_string();
    assert!(message.contains("todo.item.archive@1.0.0"), "{message}");
    assert!(message.contains("Runtime::with_publisher"), "{message}");

    let mut runtime = runtime.with_publisher(InMemoryPublisher::new());
    assert_eq!(
        runtime.check().unwrap_err().unbound,
        ["todo.item.archive@1.0.0"]
    );
    runtime.leave_unbound::<ArchiveItem>().unwrap();
    assert_eq!(runtime.check(), Ok(()));
    // Leaving a bound operation unbound is refused.
    assert!(matches!(
        runtime.leave_unbound::<GetItem>(),
        Err(BindError::AlreadyBound { .. })
    ));

    // Serving a subset is explicit.
    let subset = Runtime::new(&TODO).serve_subset();
    assert_eq!(subset.check(), Ok(()));
}

/// The items counted, shared by the handlers.
#[derive(Default)]
struct Counter(AtomicUsize);

async fn counted_get(
    State(counter): State<Counter>,
    input: GetItem,
    _ctx: Ctx<GetItem>,
) -> Result<CreatedItem, Failure> {
    let n = counter.0.fetch_add(1, Ordering::SeqCst) + 1;
    Ok(CreatedItem {
        id: format!("{}-{n}", input.id),
        title: "counted".into(),
    })
}

#[tokio::test]
async fn handlers_with_state_share_one_state() {
    let mut runtime = Runtime::new(&TODO).serve_subset();
    let mut binder = runtime.with_state(Counter::default());
    let bound = binder.bind_typed::<GetItem, _>(counted_get).unwrap();
    let state = binder.state().clone();
    let result = runtime
        .execute("todo.item.get", None, r#"{"id": "a"}"#, user())
        .await;
    assert_eq!(result.data_value().unwrap()["id"], "a-1");
    let reply = bound
        .call(&runtime, GetItem { id: "b".into() }, user())
        .await
        .unwrap();
    assert_eq!(reply.into_value().id, "b-2");
    assert_eq!(state.0 .0.load(Ordering::SeqCst), 2);
}
