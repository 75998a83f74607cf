//! Raw protocol probes of the MCP server, as a fuzzer or a hostile page would send them: over
//! stdio, malformed lines get JSON-RPC errors; over streamable HTTP on loopback, malformed JSON
//! is `400`, a wrong bearer token `401` (never the default actor), a foreign `Origin` `403`;
//! and a server whose operations lack handlers is not built.

use contracts_core::{command, registry, Model};
use contracts_mcp::{AuthError, McpServer, INVALID_PARAMS, PARSE_ERROR};
use contracts_runtime::{Actor, Ctx, Failure, Runtime};
use serde_json::{json, Value};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

/// Delete every record.
#[command(key = "vault.admin.wipe", version = "1.0.0", output = String, policy(auth = "admin"))]
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct Wipe {}

/// Export every record (not served here).
#[command(key = "vault.admin.export", version = "1.0.0", output = String, policy(auth = "admin"))]
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct Export {}

registry! {
    pub static VAULT;
    defaults(owners = ["team.vault"], stability = "beta");
    contracts(Wipe, Export);
}

async fn wipe(_input: Wipe, ctx: Ctx<Wipe>) -> Result<String, Failure> {
    Ok(format!("wiped by {}", ctx.actor().id().unwrap_or("?")))
}

const ADMIN_TOKEN: &str = "vault-admin";

/// The vault with `Export` left unbound on purpose; an admin with [`ADMIN_TOKEN`], anonymous
/// without a token, refused with any other token; and, as the default of a misconfigured
/// server would be, nothing that lets a wrong token through.
fn server() -> McpServer {
    let mut runtime = Runtime::new(&VAULT);
    runtime.bind::<Wipe>(wipe).unwrap();
    runtime.leave_unbound::<Export>().unwrap();
    McpServer::new(runtime)
        .unwrap()
        .with_actor(|request: Option<&http::request::Parts>| {
            let Some(header) = request.and_then(|r| r.headers.get("authorization")) else {
                return Ok(Actor::Anonymous);
            };
            match header.to_str() {
                Ok(value) if value == format!("Bearer {ADMIN_TOKEN}") => Ok(Actor::admin("ops")),
                _ => Err(AuthError::new("the bearer token is not valid")),
            }
        })
}

#[test]
fn a_server_with_operations_without_handlers_is_not_built() {
    let mut runtime = Runtime::new(&VAULT);
    runtime.bind::<Wipe>(wipe).unwrap();
    let error = McpServer::new(runtime).unwrap_err();
    assert_eq!(error.unbound, ["vault.admin.export@1.0.0"]);
}

/// Sends raw lines to a server served as over stdio; reads one answer per line.
struct Stdio {
    input: tokio::io::WriteHalf<tokio::io::DuplexStream>,
    output: tokio::io::Lines<BufReader<tokio::io::ReadHalf<tokio::io::DuplexStream>>>,
}

impl Stdio {
    fn start(server: McpServer) -> Stdio {
        let (server_side, client_side) = tokio::io::duplex(64 * 1024);
        let (server_input, server_output) = tokio::io::split(server_side);
        tokio::spawn(server.serve_lines(server_input, server_output));
        let (output, input) = tokio::io::split(client_side);
        Stdio {
            input,
            output: BufReader::new(output).lines(),
        }
    }

    async fn send(&mut self, line: &[u8]) -> Value {
        self.input.write_all(line).await.unwrap();
        self.input.write_all(b"\n").await.unwrap();
        let answer = tokio::time::timeout(Duration::from_secs(5), self.output.next_line())
            .await
            .expect("an answer within 5 s")
            .unwrap()
            .expect("an answer, not the end of the output");
        serde_json::from_str(&answer).unwrap()
    }
}

fn request(id: u64, method: &str, params: Value) -> Vec<u8> {
    json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params })
        .to_string()
        .into_bytes()
}

fn initialize(id: u64) -> Vec<u8> {
    request(
        id,
        "initialize",
        json!({
            "protocolVersion": "2025-06-18",
            "capabilities": {},
            "clientInfo": { "name": "probe", "version": "1.0.0" },
        }),
    )
}

#[tokio::test]
async fn stdio_answers_every_malformed_line_with_a_json_rpc_error() {
    let mut stdio = Stdio::start(server());
    let answer = stdio.send(&initialize(1)).await;
    assert_eq!(answer["id"], 1, "{answer}");
    assert_eq!(answer["result"]["serverInfo"]["name"], "protocol");
    stdio
        .input
        .write_all(b"{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n")
        .await
        .unwrap();

    let error = |answer: &Value| (answer["error"]["code"].as_i64(), answer["id"].clone());
    let answer = stdio.send(br#"{"jsonrpc": "2.0", "id": 2, "method""#).await;
    assert_eq!(error(&answer), (Some(PARSE_ERROR), Value::Null), "{answer}");
    let answer = stdio.send(b"\xff\xfe{}").await;
    assert_eq!(error(&answer), (Some(PARSE_ERROR), Value::Null), "{answer}");

    let call = |id, arguments: Value| {
        request(
            id,
            "tools/call",
            json!({ "name": "vault_admin_wipe-v1_0_0", "arguments": arguments }),
        )
    };
    let answer = stdio.send(&call(3, json!([1, 2]))).await;
    assert_eq!(error(&answer), (Some(INVALID_PARAMS), json!(3)), "{answer}");
    let mut deep = json!(1);
    for _ in 0..100 {
        deep = json!([deep]);
    }
    let answer = stdio.send(&call(4, json!({ "deep": deep }))).await;
    assert_eq!(error(&answer), (Some(INVALID_PARAMS), json!(4)), "{answer}");
    let deeper = format!(
        r#"{{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{{"name":"x","arguments":{{"a":{}1{}}}}}}}"#,
        "[".repeat(1000),
        "]".repeat(1000)
    );
    let answer = stdio.send(deeper.as_bytes()).await;
    assert_eq!(answer["error"]["code"], INVALID_PARAMS, "{answer}");

    // The server still answers well-formed requests.
    let answer = stdio.send(&request(6, "tools/list", json!({}))).await;
    assert_eq!(answer["id"], 6, "{answer}");
    assert_eq!(answer["result"]["tools"].as_array().unwrap().len(), 2);
    // An anonymous call of an unbound admin tool: refused by the policy, not "unimplemented".
    let answer = stdio
        .send(&request(
            7,
            "tools/call",
            json!({ "name": "vault_admin_export-v1_0_0", "arguments": {} }),
        ))
        .await;
    let problem: Value =
        serde_json::from_str(answer["result"]["content"][0]["text"].as_str().unwrap()).unwrap();
    assert_eq!(problem["code"], "UNAUTHENTICATED", "{answer}");
}

/// Serves the vault over streamable HTTP at `/mcp` on a loopback port.
async fn http_server() -> String {
    let service = server().streamable_http_service(contracts_mcp::http_config());
    let router = axum::Router::new().nest_service("/mcp", service);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    format!("http://{address}/mcp")
}

fn post(url: &str, body: impl Into<reqwest::Body>) -> reqwest::RequestBuilder {
    reqwest::Client::builder()
        .no_proxy()
        .build()
        .unwrap()
        .post(url)
        .header("content-type", "application/json")
        .header("accept", "application/json, text/event-stream")
        .body(body)
}

#[tokio::test]
async fn http_refuses_malformed_json_wrong_tokens_and_foreign_origins() {
    let url = http_server().await;

    let response = post(&url, "{not json").send().await.unwrap();
    assert_eq!(response.status().as_u16(), 400);
    let answer: Value = response.json().await.unwrap();
    assert_eq!(answer["error"]["code"], PARSE_ERROR, "{answer}");

    let call = request(
        1,
        "tools/call",
        json!({ "name": "vault_admin_wipe-v1_0_0", "arguments": "everything" }),
    );
    let response = post(&url, call).send().await.unwrap();
    assert_eq!(response.status().as_u16(), 400);
    let answer: Value = response.json().await.unwrap();
    assert_eq!(answer["error"]["code"], INVALID_PARAMS, "{answer}");

    // A wrong bearer token is refused before anything runs, whatever the default actor.
    let response = post(&url, initialize(1))
        .bearer_auth("nope")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 401);
    assert_eq!(
        response.headers()["www-authenticate"],
        r#"Bearer error="invalid_token""#
    );

    // A page of another origin (DNS rebinding) is refused; loopback pages are not.
    let response = post(&url, initialize(1))
        .header("origin", "http://attacker.example")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 403);
    let response = post(&url, initialize(1))
        .header("origin", "http://localhost:5173")
        .bearer_auth(ADMIN_TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
}
