//! Bound handlers: the typed path without lookup.

use super::*;

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
