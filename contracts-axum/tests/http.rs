//! The REST adapter against a real listener on 127.0.0.1: every failure class, auth, limits,
//! trace ids, query parameters, the OpenAPI document and a burst of concurrent calls.

include!("support/shop.rs");

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

const PLACE: &str = "/shop/order/place/v1.0.0";
const SEARCH: &str = "/shop/order/search/v1.0.0";

/// Sends a request, returning the status, the headers and the body as JSON (`null` if empty).
async fn send(request: reqwest::RequestBuilder) -> (StatusCode, reqwest::header::HeaderMap, Value) {
    let response = request.send().await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.bytes().await.unwrap();
    let body = if bytes.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{e}: {bytes:?}"))
    };
    (status, headers, body)
}

/// Checks a problem response: status, media type, code, and the trace id in body and header.
fn assert_problem(
    (status, headers, body): &(StatusCode, reqwest::header::HeaderMap, Value),
    expected_status: u16,
    code: &str,
) {
    assert_eq!(status.as_u16(), expected_status, "{body}");
    assert_eq!(
        headers["content-type"], "application/problem+json",
        "{body}"
    );
    assert_eq!(body["code"], code, "{body}");
    assert_eq!(body["status"], expected_status, "{body}");
    assert!(body["title"].is_string(), "{body}");
    assert_eq!(
        body["type"],
        format!("/problems/{}", code.to_lowercase().replace('_', "-"))
    );
    assert_eq!(
        headers["x-trace-id"].to_str().unwrap(),
        body["traceId"].as_str().unwrap(),
        "{body}"
    );
}

#[tokio::test]
async fn a_command_answers_the_envelope_with_its_status_and_publishes_its_event() {
    let (base, events) = shop().await;
    let (status, headers, body) = send(
        client()
            .post(format!("{base}{PLACE}"))
            .json(&json!({ "sku": "tea", "quantity": 2 })),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(headers["content-type"], "application/json");
    let trace_id = headers["x-trace-id"].to_str().unwrap();
    assert_eq!(trace_id.len(), 32);
    assert_eq!(
        body,
        json!({
            "ok": true, "code": "CREATED", "status": 201,
            "data": { "orderId": "order-tea-2", "traceId": trace_id },
            "traceId": trace_id,
        })
    );
    let published = events.take();
    assert_eq!(published.len(), 1);
    assert_eq!(published[0].key(), "shop.order.placed");
    assert_eq!(published[0].trace_id().as_str(), trace_id);

    // A declared error, at its declared status; its events are not published.
    let response = send(
        client()
            .post(format!("{base}{PLACE}"))
            .json(&json!({ "sku": "sold-out", "quantity": 1 })),
    )
    .await;
    assert_problem(&response, 409, "OUT_OF_STOCK");
    assert_eq!(
        response.2["operation"],
        json!({ "key": "shop.order.place", "version": "1.0.0", "kind": "command" })
    );
    assert!(events.take().is_empty());
}

#[tokio::test]
async fn malformed_json_is_400_and_invalid_input_422_with_the_field_path() {
    let (base, _) = shop().await;
    let post = |body: &'static str| client().post(format!("{base}{PLACE}")).body(body);
    let response = send(post(r#"{"sku": "tea","#)).await;
    assert_problem(&response, 400, "BAD_REQUEST");

    let response = send(post(r#"{"sku": "tea", "quantity": "two"}"#)).await;
    assert_problem(&response, 422, "VALIDATION_FAILED");
    assert_eq!(response.2["issues"][0]["path"], "quantity");
    assert_eq!(response.2["issues"][0]["code"], "invalid_type");

    let response = send(post(r#"{"sku": "", "quantity": 1}"#)).await;
    assert_problem(&response, 422, "VALIDATION_FAILED");
    assert_eq!(response.2["issues"][0]["path"], "sku");

    let response = send(post(r#"{"sku": "tea", "quantity": 1, "color": "red"}"#)).await;
    assert_problem(&response, 422, "VALIDATION_FAILED");
    assert_eq!(response.2["issues"][0]["path"], "color");

    // An empty body is `{}`: the missing fields are named.
    let response = send(post("")).await;
    assert_problem(&response, 422, "VALIDATION_FAILED");
    assert_eq!(response.2["issues"][0]["code"], "missing_field");
}

#[tokio::test]
async fn admin_only_operations_need_an_admin_token() {
    let (base, _) = shop().await;
    let purge = || client().post(format!("{base}/shop/admin/purge/v1.0.0"));

    let response = send(purge()).await;
    assert_problem(&response, 401, "UNAUTHENTICATED");
    assert_eq!(response.1["www-authenticate"], "Bearer");

    let response = send(purge().bearer_auth(USER_TOKEN)).await;
    assert_problem(&response, 403, "FORBIDDEN");

    // An unknown token is refused outright, never downgraded to anonymous.
    let response = send(purge().bearer_auth("guess")).await;
    assert_problem(&response, 401, "UNAUTHENTICATED");
    assert_eq!(
        response.1["www-authenticate"],
        r#"Bearer error="invalid_token""#
    );
    let response = send(purge().header("authorization", "Basic YTpi")).await;
    assert_problem(&response, 401, "UNAUTHENTICATED");

    // NO_CONTENT: 204 without a body.
    let (status, headers, body) = send(purge().bearer_auth(ADMIN_TOKEN)).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(body, Value::Null);
    assert!(headers.contains_key("x-trace-id"));

    // A user-level query: 401 anonymous, the actor's id with a token.
    let profile = || client().get(format!("{base}/shop/profile/get/v1.0.0"));
    assert_problem(&send(profile()).await, 401, "UNAUTHENTICATED");
    let (status, _, body) = send(profile().bearer_auth(USER_TOKEN)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["data"], json!({ "id": "bob" }));
}

#[tokio::test]
async fn the_default_authenticator_keeps_everyone_anonymous() {
    let events = contracts_runtime::InMemoryPublisher::new();
    let router = contracts_axum::RestApi::new(runtime(&events))
        .into_router()
        .unwrap();
    let base = format!("http://{}", serve(router).await);
    let response = send(
        client()
            .post(format!("{base}/shop/admin/purge/v1.0.0"))
            .bearer_auth(ADMIN_TOKEN),
    )
    .await;
    assert_problem(&response, 401, "UNAUTHENTICATED");
}

#[tokio::test]
async fn unknown_routes_and_keys_are_404_and_wrong_methods_405() {
    let (base, _) = shop().await;
    let response = send(client().get(format!("{base}/nowhere"))).await;
    assert_problem(&response, 404, "NOT_FOUND");
    assert_eq!(response.2["detail"], "no operation at `GET /nowhere`");
    assert!(response.2.get("operation").is_none());

    let response = send(client().post(format!("{base}/shop/order/cancel/v1.0.0"))).await;
    assert_problem(&response, 404, "NOT_FOUND");

    let response = send(client().post(format!("{base}/shop/order/place/v9.0.0"))).await;
    assert_problem(&response, 404, "NOT_FOUND");
    assert_eq!(
        response.2["detail"],
        "operation `shop.order.place` has no version `9.0.0` (known versions: 1.0.0)"
    );

    // The key with dots is not the path: never executed.
    let response = send(client().post(format!("{base}/shop.order.place/v1.0.0"))).await;
    assert_problem(&response, 404, "NOT_FOUND");

    let response = send(client().get(format!("{base}{PLACE}"))).await;
    assert_problem(&response, 405, "METHOD_NOT_ALLOWED");
    assert_eq!(response.1["allow"], "POST");
    assert_eq!(response.2["operation"]["key"], "shop.order.place");

    let response = send(client().request(Method::DELETE, format!("{base}{SEARCH}"))).await;
    assert_problem(&response, 405, "METHOD_NOT_ALLOWED");
    assert_eq!(response.1["allow"], "GET");

    let response = send(client().post(format!("{base}/openapi.json"))).await;
    assert_problem(&response, 405, "METHOD_NOT_ALLOWED");
}

/// Problems the adapter writes itself (unknown routes, bodies over the limit, bad query
/// strings) have the runtime's problem base, like those the runtime writes.
#[tokio::test]
async fn refusals_use_the_runtime_problem_base() {
    let events = InMemoryPublisher::new();
    let runtime = runtime(&events).with_problem_base("https://errors.example.com/p/");
    let router = RestApi::new(runtime)
        .with_body_limit(16)
        .into_router()
        .unwrap();
    let base = format!("http://{}", serve(router).await);
    let expect = |(status, _, body): &(StatusCode, _, Value), code: &str, kebab: &str| {
        assert_eq!(body["code"], code, "{body}");
        assert_eq!(body["status"], status.as_u16());
        assert_eq!(
            body["type"],
            format!("https://errors.example.com/p/{kebab}")
        );
        assert!(body["instance"].as_str().unwrap().starts_with("urn:trace:"));
    };
    let response = send(client().get(format!("{base}/nowhere"))).await;
    expect(&response, "NOT_FOUND", "not-found");
    let body = r#"{"sku": "a-long-sku", "quantity": 1}"#;
    let response = send(client().post(format!("{base}{PLACE}")).body(body)).await;
    expect(&response, "PAYLOAD_TOO_LARGE", "payload-too-large");
    assert_eq!(response.2["operation"]["version"], "1.0.0");
    let response = send(client().get(format!("{base}{SEARCH}?input=1&status=x"))).await;
    expect(&response, "BAD_REQUEST", "bad-request");
    // A path under a known key, but not a version segment: no operation there.
    let response = send(client().post(format!("{base}/shop/order/place/latest"))).await;
    expect(&response, "NOT_FOUND", "not-found");
    assert_eq!(
        response.2["detail"],
        "no operation at `POST /shop/order/place/latest`"
    );
}

#[tokio::test]
async fn oversized_bodies_are_413() {
    let (base, _) = shop().await;
    let big = format!(r#"{{"sku": "{}", "quantity": 1}}"#, "x".repeat(5000));
    let response = send(client().post(format!("{base}{PLACE}")).body(big.clone())).await;
    assert_problem(&response, 413, "PAYLOAD_TOO_LARGE");
    assert_eq!(response.2["operation"]["key"], "shop.order.place");

    // Without a Content-Length (chunked), the limit holds while reading.
    let stream = futures_stream(big.into_bytes());
    let response = send(
        client()
            .post(format!("{base}{PLACE}"))
            .body(reqwest::Body::wrap(stream)),
    )
    .await;
    assert_problem(&response, 413, "PAYLOAD_TOO_LARGE");
}

/// A body of unknown length, in 1 KiB frames.
fn futures_stream(bytes: Vec<u8>) -> http_body_util::StreamBody<ChunkStream> {
    http_body_util::StreamBody::new(ChunkStream(
        bytes.chunks(1024).map(|c| c.to_vec()).collect(),
    ))
}

struct ChunkStream(std::collections::VecDeque<Vec<u8>>);

impl futures_core::Stream for ChunkStream {
    type Item = Result<http_body::Frame<bytes::Bytes>, std::io::Error>;

    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        _cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        std::task::Poll::Ready(
            self.0
                .pop_front()
                .map(|chunk| Ok(http_body::Frame::data(bytes::Bytes::from(chunk)))),
        )
    }
}

#[tokio::test]
async fn panics_are_500_timeouts_504_rate_limits_429_and_unbound_501() {
    let (base, events) = shop().await;
    let response = send(client().post(format!("{base}/shop/chaos/panic/v1.0.0"))).await;
    assert_problem(&response, 500, "INTERNAL_ERROR");
    assert!(!response.2["detail"].as_str().unwrap().contains("boom"));

    let response = send(
        client()
            .post(format!("{base}/shop/chaos/slow/v1.0.0"))
            .json(&json!({ "millis": 5000 })),
    )
    .await;
    assert_problem(&response, 504, "TIMEOUT");
    assert_eq!(response.2["retryable"], true);
    assert_eq!(response.2["operation"]["key"], "shop.chaos.slow");
    let (status, _, _) = send(
        client()
            .post(format!("{base}/shop/chaos/slow/v1.0.0"))
            .json(&json!({ "millis": 1 })),
    )
    .await;
    assert_eq!(status, StatusCode::OK);

    let response = send(client().get(format!("{base}/shop/order/hot/v1.0.0"))).await;
    assert_problem(&response, 429, "RATE_LIMITED");
    assert_eq!(response.1["retry-after"], "30");
    assert_eq!(response.2["retryAfter"], 30);

    let response = send(client().get(format!("{base}/shop/order/unbound/v1.0.0"))).await;
    assert_problem(&response, 501, "NOT_IMPLEMENTED");
    assert!(events.take().is_empty());
}

#[tokio::test]
async fn query_parameters_are_typed_by_the_input_schema() {
    let (base, _) = shop().await;
    let (status, _, body) = send(client().get(format!(
        "{base}{SEARCH}?text=42&limit=10&ratio=0.5&shipped=true&status=open&ids=3&ids=4\
         &price=%7B%22min%22%3A1%2C%22max%22%3A9%7D"
    )))
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        body["data"]["received"],
        json!({
            "text": "42", "limit": 10, "ratio": 0.5, "shipped": true, "status": "open",
            "ids": [3, 4], "price": { "min": 1, "max": 9 },
        })
    );

    // The whole input as JSON text.
    let input = "%7B%22text%22%3A%22tea%22%2C%22ids%22%3A%5B1%5D%7D"; // {"text":"tea","ids":[1]}
    let (status, _, body) = send(client().get(format!("{base}{SEARCH}?input={input}"))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        body["data"]["received"],
        json!({ "text": "tea", "ids": [1] })
    );

    // Wrong types are 422 with the path; unknown parameters too (deny_unknown_fields);
    // malformed JSON parameters and input are 400.
    let get = |query: &str| client().get(format!("{base}{SEARCH}?{query}"));
    let response = send(get("text=a&limit=ten")).await;
    assert_problem(&response, 422, "VALIDATION_FAILED");
    assert_eq!(response.2["issues"][0]["path"], "limit");
    let response = send(get("text=a&ids=1&ids=x")).await;
    assert_problem(&response, 422, "VALIDATION_FAILED");
    assert_eq!(response.2["issues"][0]["path"], "ids[1]");
    let response = send(get("text=a&color=red")).await;
    assert_problem(&response, 422, "VALIDATION_FAILED");
    assert_eq!(response.2["issues"][0]["path"], "color");
    let response = send(get("limit=1")).await;
    assert_problem(&response, 422, "VALIDATION_FAILED");
    assert_eq!(response.2["issues"][0]["code"], "missing_field");
    let response = send(get("text=a&price=%7Bmin")).await;
    assert_problem(&response, 400, "BAD_REQUEST");
    assert!(response.2["detail"].as_str().unwrap().contains("`price`"));
    let response = send(get("input=%7B")).await;
    assert_problem(&response, 400, "BAD_REQUEST");
    let response = send(get("input=%7B%7D&text=a")).await;
    assert_problem(&response, 400, "BAD_REQUEST");
}

#[tokio::test]
async fn trace_ids_come_from_traceparent_or_x_trace_id_and_reach_handler_and_events() {
    let (base, events) = shop().await;
    let trace = "4bf92f3577b34da6a3ce929d0e0e4736";
    let place = || {
        client()
            .post(format!("{base}{PLACE}"))
            .json(&json!({ "sku": "tea", "quantity": 1 }))
    };
    let (_, headers, body) =
        send(place().header("traceparent", format!("00-{trace}-00f067aa0ba902b7-01"))).await;
    assert_eq!(headers["x-trace-id"], trace);
    assert_eq!(body["traceId"], trace);
    assert_eq!(body["data"]["traceId"], trace);
    assert_eq!(events.take()[0].trace_id().as_str(), trace);

    let (_, headers, body) = send(place().header("x-trace-id", "req-42")).await;
    assert_eq!(headers["x-trace-id"], "req-42");
    assert_eq!(body["data"]["traceId"], "req-42");
    assert_eq!(events.take()[0].trace_id().as_str(), "req-42");

    // traceparent wins; a malformed header is ignored.
    let (_, headers, _) = send(
        place()
            .header("x-trace-id", "req-43")
            .header("traceparent", format!("00-{trace}-00f067aa0ba902b7-01")),
    )
    .await;
    assert_eq!(headers["x-trace-id"], trace);
    let (_, headers, _) = send(place().header("x-trace-id", "bad id!")).await;
    assert_ne!(headers["x-trace-id"], "bad id!");
    assert_eq!(headers["x-trace-id"].len(), 32);

    // Problems carry it too, in the body, the header and the instance.
    let response = send(
        client()
            .get(format!("{base}/nowhere"))
            .header("x-trace-id", "req-44"),
    )
    .await;
    assert_eq!(response.1["x-trace-id"], "req-44");
    assert_eq!(response.2["traceId"], "req-44");
    assert_eq!(response.2["instance"], "urn:trace:req-44");
}

#[tokio::test]
async fn the_openapi_document_describes_the_same_registry() {
    let (base, _) = shop().await;
    let (status, headers, document) = send(client().get(format!("{base}/openapi.json"))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers["content-type"], "application/json");
    assert_eq!(document, contracts_export::openapi::export(&SHOP));
    assert!(document["paths"][PLACE]["post"]["responses"]["2XX"].is_object());
    assert!(document["paths"][SEARCH]["get"]["parameters"].is_array());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_of_1000_concurrent_requests_loses_nothing() {
    let (base, events) = shop().await;
    let client = client();
    let calls: Vec<_> = (0..1000)
        .map(|i| {
            let request = client
                .post(format!("{base}{PLACE}"))
                .json(&json!({ "sku": format!("sku-{i}"), "quantity": 1 }));
            tokio::spawn(async move {
                let response = request.send().await.unwrap();
                let status = response.status();
                let body: Value = response.json().await.unwrap();
                (status, body)
            })
        })
        .collect();
    let mut orders = std::collections::BTreeSet::new();
    for call in calls {
        let (status, body) = call.await.unwrap();
        assert_eq!(status, StatusCode::CREATED, "{body}");
        orders.insert(body["data"]["orderId"].as_str().unwrap().to_owned());
    }
    assert_eq!(orders.len(), 1000);
    let published = events.take();
    assert_eq!(published.len(), 1000);
    let published: std::collections::BTreeSet<String> = published
        .iter()
        .map(|event| event.payload()["orderId"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(published, orders);
}
