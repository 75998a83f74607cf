//! HTTP bindings a contract chooses, served on a real listener on 127.0.0.1: methods, path
//! parameters merged into the input (typed by the input's schema), exact success statuses, the
//! bare body with the trace id in a header, several operations on one path, and the OpenAPI
//! document describing exactly that.

use contracts_axum::RestApi;
use contracts_core::{command, query, registry, Model};
use contracts_runtime::{Ctx, Failure, Runtime};
use reqwest::StatusCode;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// Get a loan.
#[query(key = "lib.loan.get", version = "1.0.0", output = Loan,
    http(path = "/loans/{loanId}", envelope = false), policy(auth = "anonymous"))]
#[derive(Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GetLoan {
    pub loan_id: u64,
    pub verbose: Option<bool>,
}

/// Open a loan.
#[command(key = "lib.loan.open", version = "1.0.0", output = Loan,
    http(method = "PUT", path = "/loans/{loanId}", status = 201, envelope = false),
    policy(auth = "anonymous"))]
#[derive(Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OpenLoan {
    pub loan_id: u64,
    pub reader: String,
}

/// Close a loan.
#[command(key = "lib.loan.close", version = "1.0.0", output = Loan,
    http(method = "DELETE", path = "/loans/{id}", status = 204), policy(auth = "anonymous"))]
#[derive(Serialize, Deserialize, JsonSchema, Model)]
#[serde(deny_unknown_fields)]
pub struct CloseLoan {
    pub id: u64,
}

/// Renew a loan, at the rule's path, with the envelope.
#[command(key = "lib.loan.renew", version = "1.0.0", output = Loan, http(status = 200),
    policy(auth = "anonymous"))]
#[derive(Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RenewLoan {
    pub loan_id: u64,
}

/// A loan.
#[derive(Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase")]
pub struct Loan {
    pub loan_id: u64,
    pub reader: String,
}

registry! {
    pub static LIBRARY;
    defaults(owners = ["team.library"], stability = "beta");
    contracts(GetLoan, OpenLoan, CloseLoan, RenewLoan);
}

async fn get(input: GetLoan, _ctx: Ctx<GetLoan>) -> Result<Loan, Failure> {
    let reader = if input.verbose == Some(true) {
        "Ada Lovelace"
    } else {
        "ada"
    };
    Ok(Loan {
        loan_id: input.loan_id,
        reader: reader.to_owned(),
    })
}

async fn open(input: OpenLoan, _ctx: Ctx<OpenLoan>) -> Result<Loan, Failure> {
    Ok(Loan {
        loan_id: input.loan_id,
        reader: input.reader,
    })
}

async fn close(input: CloseLoan, _ctx: Ctx<CloseLoan>) -> Result<Loan, Failure> {
    Ok(Loan {
        loan_id: input.id,
        reader: String::new(),
    })
}

async fn renew(input: RenewLoan, _ctx: Ctx<RenewLoan>) -> Result<Loan, Failure> {
    Ok(Loan {
        loan_id: input.loan_id,
        reader: "ada".to_owned(),
    })
}

async fn library() -> String {
    let mut runtime = Runtime::new(&LIBRARY);
    runtime
        .bind::<GetLoan>(get)
        .unwrap()
        .bind::<OpenLoan>(open)
        .unwrap()
        .bind::<CloseLoan>(close)
        .unwrap()
        .bind::<RenewLoan>(renew)
        .unwrap();
    let router = RestApi::new(runtime).into_router().unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    format!("http://{address}")
}

async fn send(request: reqwest::RequestBuilder) -> (StatusCode, reqwest::header::HeaderMap, Value) {
    let response = request.send().await.unwrap();
    let (status, headers) = (response.status(), response.headers().clone());
    let bytes = response.bytes().await.unwrap();
    let body = if bytes.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&bytes).unwrap()
    };
    (status, headers, body)
}

fn client() -> reqwest::Client {
    reqwest::Client::builder().no_proxy().build().unwrap()
}

#[tokio::test]
async fn bound_routes_take_path_parameters_and_answer_their_status_and_body() {
    let base = library().await;
    let client = client();

    // PUT with the path parameter typed as the field's integer, the rest in the body; 201 and
    // the bare output, the trace id in the header.
    let (status, headers, body) = send(
        client
            .put(format!("{base}/loans/42"))
            .json(&json!({ "reader": "ada" })),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body, json!({ "loanId": 42, "reader": "ada" }));
    assert_eq!(headers["x-trace-id"].to_str().unwrap().len(), 32);

    // The same field in the body and the path must agree.
    let (status, _, body) = send(
        client
            .put(format!("{base}/loans/42"))
            .json(&json!({ "loanId": 42, "reader": "ada" })),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let (status, _, body) = send(
        client
            .put(format!("{base}/loans/42"))
            .json(&json!({ "loanId": 7, "reader": "ada" })),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(
        body["detail"].as_str().unwrap().contains("loanId"),
        "{body}"
    );

    // A path value that is not the field's type is the input's validation failure.
    let (status, _, body) = send(client.get(format!("{base}/loans/forty-two"))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");

    // GET on the same path: the path parameter and the query string together.
    let (status, _, body) = send(client.get(format!("{base}/loans/42?verbose=true"))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body, json!({ "loanId": 42, "reader": "Ada Lovelace" }));

    // DELETE with status 204: no body.
    let (status, headers, body) = send(client.delete(format!("{base}/loans/42"))).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(body, Value::Null);
    assert!(headers.contains_key("x-trace-id"));

    // Another method on a bound path: 405 with every method the path serves.
    let (status, headers, _) = send(client.patch(format!("{base}/loans/42"))).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(headers["allow"], "DELETE, GET, PUT");

    // The rule's path, with the envelope, at the bound status.
    let (status, _, body) = send(
        client
            .post(format!("{base}/lib/loan/renew/v1.0.0"))
            .json(&json!({ "loanId": 1 })),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["ok"], true);
    assert_eq!(body["data"], json!({ "loanId": 1, "reader": "ada" }));
}

#[tokio::test]
async fn the_openapi_document_describes_the_bindings() {
    let base = library().await;
    let (_, _, document) = send(client().get(format!("{base}/openapi.json"))).await;
    let item = &document["paths"]["/loans/{loanId}"];
    let (get, put) = (&item["get"], &item["put"]);

    let path_parameter = json!({ "in": "path", "name": "loanId", "required": true });
    for operation in [get, put] {
        let first = &operation["parameters"][0];
        for (member, value) in path_parameter.as_object().unwrap() {
            assert_eq!(&first[member], value, "{operation}");
        }
    }
    assert_eq!(get["parameters"][1]["in"], "query");
    assert_eq!(get["parameters"][1]["name"], "verbose");
    assert_eq!(get["parameters"].as_array().unwrap().len(), 2);

    // The exact status, the bare output schema.
    let responses = put["responses"].as_object().unwrap();
    assert!(!responses.contains_key("2XX"));
    assert_eq!(
        responses["201"]["content"]["application/json"]["schema"],
        json!({ "$ref": "#/components/schemas/lib_loan_open_v1_0_0_Output" })
    );
    // The body need not repeat the path's field.
    let body = &put["requestBody"]["content"]["application/json"]["schema"];
    assert_eq!(body["required"], json!(["reader"]));

    let delete = &document["paths"]["/loans/{id}"]["delete"];
    assert!(delete["responses"]["204"]["content"].is_null());
    assert_eq!(delete["parameters"][0]["in"], "path");

    let renew = &document["paths"]["/lib/loan/renew/v1.0.0"]["post"];
    assert!(renew["responses"]["200"]["content"]["application/json"]["schema"]["allOf"].is_array());
}
