//! Typed path.

use super::*;

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
