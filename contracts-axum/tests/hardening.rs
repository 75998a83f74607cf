//! Regression tests of defects found by probing the server on loopback: auth before handler
//! lookup, media types, start-up checks, and the header-read timeout (slowloris).

include!("support/shop.rs");

use std::time::Instant;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const EXPORT: &str = "/shop/admin/export/v1.0.0";
const PLACE: &str = "/shop/order/place/v1.0.0";

async fn status_and_code(request: reqwest::RequestBuilder) -> (u16, serde_json::Value) {
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let body: serde_json::Value = response.json().await.unwrap();
    (status, body)
}

#[tokio::test]
async fn an_unbound_admin_operation_refuses_callers_before_saying_it_is_unimplemented() {
    let (base, _) = shop().await;
    let (status, body) = status_and_code(client().post(format!("{base}{EXPORT}"))).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (401, Some("UNAUTHENTICATED"))
    );
    assert!(!body.to_string().contains("handler"), "{body}");
    let user = client()
        .post(format!("{base}{EXPORT}"))
        .bearer_auth(USER_TOKEN);
    let (status, body) = status_and_code(user).await;
    assert_eq!((status, body["code"].as_str()), (403, Some("FORBIDDEN")));
    let admin = client()
        .post(format!("{base}{EXPORT}"))
        .bearer_auth(ADMIN_TOKEN);
    let (status, body) = status_and_code(admin).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (501, Some("NOT_IMPLEMENTED"))
    );
}

#[tokio::test]
async fn a_body_of_another_media_type_is_415() {
    let (base, events) = shop().await;
    let body = r#"{"sku": "tea", "quantity": 1}"#;
    let post = |content_type: &'static str| {
        client()
            .post(format!("{base}{PLACE}"))
            .header("content-type", content_type)
            .body(body)
    };
    for refused in [
        "text/plain",
        "application/x-www-form-urlencoded",
        "application/xml",
    ] {
        let (status, problem) = status_and_code(post(refused)).await;
        assert_eq!(status, 415, "{refused}: {problem}");
        assert_eq!(problem["code"], "UNSUPPORTED_MEDIA_TYPE");
        assert_eq!(problem["operation"]["key"], "shop.order.place");
    }
    assert!(
        events.take().is_empty(),
        "no refused body reached the handler"
    );
    for accepted in [
        "application/json",
        "application/json; charset=utf-8",
        "Application/JSON",
        "application/vnd.shop+json",
    ] {
        let (status, envelope) = status_and_code(post(accepted)).await;
        assert_eq!(status, 201, "{accepted}: {envelope}");
    }
    // No media type is read as JSON, as `curl --data-binary` without a header sends it.
    let response = client()
        .post(format!("{base}{PLACE}"))
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 201);
}

#[test]
fn building_the_router_fails_with_the_operations_that_have_no_handler() {
    let mut runtime = Runtime::new(&SHOP).with_publisher(InMemoryPublisher::new());
    runtime.bind::<PlaceOrder>(place).unwrap();
    let error = RestApi::new(runtime).into_router().unwrap_err();
    assert!(error
        .unbound
        .contains(&"shop.admin.export@1.0.0".to_owned()));
    assert_eq!(error.unbound.len(), 8, "{error}");

    // Operations that emit events, and no publisher.
    let mut runtime = Runtime::new(&SHOP).serve_subset();
    runtime.bind::<PlaceOrder>(place).unwrap();
    let error = RestApi::new(runtime).into_router().unwrap_err();
    assert_eq!(error.unpublished, ["shop.order.place@1.0.0"]);
    assert!(error.to_string().contains("no publisher"), "{error}");
}

/// Serves the shop with [`contracts_axum::serve`] and a header timeout of `timeout`.
async fn shop_with_header_timeout(timeout: Duration) -> SocketAddr {
    let router = RestApi::new(runtime(&InMemoryPublisher::new()))
        .into_router()
        .unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let options = contracts_axum::ServeOptions::default().with_header_timeout(timeout);
    tokio::spawn(contracts_axum::serve(
        listener,
        router,
        options,
        std::future::pending(),
    ));
    address
}

#[tokio::test]
async fn a_client_that_trickles_its_headers_is_cut_off() {
    let address = shop_with_header_timeout(Duration::from_millis(500)).await;
    let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
    let started = Instant::now();
    stream
        .write_all(b"GET /openapi.json HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        .await
        .unwrap();
    // One more header line every 100 ms, never the blank line that ends them.
    let mut closed = false;
    for i in 0..50 {
        tokio::time::sleep(Duration::from_millis(100)).await;
        let line = format!("x-slow-{i}: {i}\r\n");
        if stream.write_all(line.as_bytes()).await.is_err() {
            closed = true;
            break;
        }
        let mut buffer = [0u8; 512];
        match tokio::time::timeout(Duration::from_millis(1), stream.read(&mut buffer)).await {
            Ok(Ok(0)) | Ok(Err(_)) => {
                closed = true;
                break;
            }
            Ok(Ok(_)) => {
                // A `408` or similar, then the close.
                closed = true;
                break;
            }
            Err(_) => {}
        }
    }
    let elapsed = started.elapsed();
    assert!(closed, "the connection is still open after {elapsed:?}");
    assert!(
        elapsed < Duration::from_secs(3),
        "closed only after {elapsed:?}"
    );

    // A client that sends its headers at once is served on the same server.
    let response = client()
        .get(format!("http://{address}/openapi.json"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
}

#[tokio::test]
async fn serve_stops_when_told_and_lets_requests_finish() {
    let router = RestApi::new(runtime(&InMemoryPublisher::new()))
        .into_router()
        .unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(contracts_axum::serve(
        listener,
        router,
        contracts_axum::ServeOptions::default(),
        async {
            let _ = stopped.await;
        },
    ));
    let slow = tokio::spawn(
        client()
            .post(format!("http://{address}/shop/chaos/slow/v1.0.0"))
            .json(&serde_json::json!({ "millis": 200 }))
            .send(),
    );
    tokio::time::sleep(Duration::from_millis(50)).await;
    stop.send(()).unwrap();
    let response = slow.await.unwrap().unwrap();
    assert_eq!(response.status().as_u16(), 200);
    tokio::time::timeout(Duration::from_secs(5), server)
        .await
        .expect("serve returns once its connections are done")
        .unwrap()
        .unwrap();
}
