//! The MCP server with a real rmcp client: over an in-process duplex pipe and over streamable
//! HTTP on a loopback port. Tools and schemas, a command and a query end to end, policy, bad
//! arguments as error results, trace ids.

use contracts_core::{command, event, query, registry, ErrorCatalog, Model, NonEmptyString};
use contracts_mcp::McpServer;
use contracts_runtime::{Actor, Ctx, Failure, InMemoryPublisher, Reply, Runtime};
use rmcp::model::{CallToolRequestParams, CallToolResult};
use rmcp::service::RunningService;
use rmcp::transport::StreamableHttpClientTransport;
use rmcp::{RoleClient, ServiceExt};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// A note was added.
#[event(key = "notes.note.added", version = "1.0.0")]
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, Model)]
pub struct NoteAdded {
    pub id: String,
}

/// Why a note is not added.
#[derive(Debug, PartialEq, ErrorCatalog)]
pub enum AddError {
    /// The notebook is full.
    #[contract_error(http = 409)]
    NotebookFull,
}

/// Add a note.
#[command(key = "notes.note.add", version = "1.0.0", output = Added, errors = AddError,
    emits(NoteAdded(when = "The note is stored.")), policy(auth = "anonymous"))]
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, Model)]
#[serde(deny_unknown_fields)]
pub struct AddNote {
    pub text: NonEmptyString,
    #[serde(default)]
    pub tags: Vec<String>,
}

/// An added note.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase")]
pub struct Added {
    pub id: String,
    pub trace_id: String,
}

/// Count the notes with a tag.
#[query(key = "notes.note.count", version = "1.0.0", output = u32, policy(auth = "anonymous"))]
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, Model)]
#[serde(deny_unknown_fields)]
pub struct CountNotes {
    pub tag: String,
}

/// Delete every note.
#[command(key = "notes.admin.wipe", version = "1.0.0", output = (), policy(auth = "admin"))]
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, Model)]
pub struct Wipe {}

registry! {
    pub static NOTES;
    defaults(owners = ["team.notes"], stability = "beta");
    contracts(NoteAdded, AddNote, CountNotes, Wipe);
}

async fn add(input: AddNote, ctx: Ctx<AddNote>) -> Result<Reply<Added>, Failure<AddError>> {
    if input.text.as_str() == "overflow" {
        return Err(AddError::NotebookFull.into());
    }
    let id = format!("note-{}", input.tags.len());
    ctx.emit(NoteAdded { id: id.clone() });
    Ok(Reply::created(Added {
        id,
        trace_id: ctx.trace_id().to_string(),
    }))
}

async fn count(input: CountNotes, _ctx: Ctx<CountNotes>) -> Result<u32, Failure> {
    Ok(input.tag.len() as u32)
}

async fn wipe(_input: Wipe, _ctx: Ctx<Wipe>) -> Result<Reply<()>, Failure> {
    Ok(Reply::no_content())
}

fn server(events: &InMemoryPublisher) -> McpServer<InMemoryPublisher> {
    let mut runtime = Runtime::new(&NOTES).with_publisher(events.clone());
    runtime
        .bind::<AddNote>(add)
        .unwrap()
        .bind::<CountNotes>(count)
        .unwrap()
        .bind::<Wipe>(wipe)
        .unwrap();
    McpServer::new(runtime).unwrap()
}

/// A client connected to `server` through an in-process pipe, served as over stdio.
async fn connect(server: McpServer<InMemoryPublisher>) -> RunningService<RoleClient, ()> {
    let (server_side, client_side) = tokio::io::duplex(64 * 1024);
    let (input, output) = tokio::io::split(server_side);
    tokio::spawn(async move {
        let _ = server.serve_lines(input, output).await;
    });
    ().serve(client_side).await.unwrap()
}

fn call(name: &str, arguments: Value) -> CallToolRequestParams {
    CallToolRequestParams::new(name.to_owned())
        .with_arguments(arguments.as_object().unwrap().clone())
}

/// The problem an error result carries.
fn problem(result: &CallToolResult) -> Value {
    assert_eq!(result.is_error, Some(true), "{result:?}");
    let text = result.content[0]
        .as_text()
        .expect("a text content")
        .text
        .clone();
    serde_json::from_str(&text).unwrap()
}

#[tokio::test]
async fn a_client_lists_every_tool_with_its_schemas() {
    let events = InMemoryPublisher::new();
    let client = connect(server(&events)).await;
    let tools = client.list_all_tools().await.unwrap();
    let names: Vec<&str> = tools.iter().map(|t| t.name.as_ref()).collect();
    assert_eq!(
        names,
        [
            "notes_admin_wipe-v1_0_0",
            "notes_note_add-v1_0_0",
            "notes_note_count-v1_0_0"
        ]
    );
    // Exactly the MCP export's tools.
    let exported = contracts_export::mcp::export(&NOTES);
    assert_eq!(serde_json::to_value(&tools).unwrap(), exported["tools"]);
    let add = &tools[1];
    assert_eq!(add.input_schema["type"], "object");
    assert_eq!(add.input_schema["required"], json!(["text"]));
    assert_eq!(
        add.output_schema.as_ref().unwrap()["properties"]["traceId"]["type"],
        "string"
    );
    assert_eq!(
        add.annotations.as_ref().unwrap().read_only_hint,
        Some(false)
    );
    let count = &tools[2];
    assert_eq!(
        count.annotations.as_ref().unwrap().read_only_hint,
        Some(true)
    );
    assert_eq!(
        count.output_schema.as_ref().unwrap()["required"],
        json!(["value"])
    );
    client.cancel().await.unwrap();
}

#[tokio::test]
async fn a_command_and_a_query_end_to_end() {
    let events = InMemoryPublisher::new();
    let client = connect(server(&events)).await;

    let result = client
        .call_tool(call(
            "notes_note_add-v1_0_0",
            json!({ "text": "hello", "tags": ["a", "b"] }),
        ))
        .await
        .unwrap();
    assert_eq!(result.is_error, Some(false));
    let structured = result.structured_content.clone().unwrap();
    assert_eq!(structured["id"], "note-2");
    let trace_id = result.meta.as_ref().unwrap().0["traceId"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(structured["traceId"], trace_id.as_str());
    // The text content is the same JSON, for clients that read text only.
    let text = &result.content[0].as_text().unwrap().text;
    assert_eq!(serde_json::from_str::<Value>(text).unwrap(), structured);
    // The structured content matches the output schema.
    let tools = client.list_all_tools().await.unwrap();
    let schema = Value::Object((*tools[1].output_schema.clone().unwrap()).clone());
    assert!(jsonschema::validator_for(&schema)
        .unwrap()
        .is_valid(&structured));
    let published = events.take();
    assert_eq!(published.len(), 1);
    assert_eq!(published[0].trace_id().as_str(), trace_id);

    let result = client
        .call_tool(call("notes_note_count-v1_0_0", json!({ "tag": "work" })))
        .await
        .unwrap();
    assert_eq!(result.is_error, Some(false));
    assert_eq!(result.structured_content, Some(json!({ "value": 4 })));
    let schema = Value::Object((*tools[2].output_schema.clone().unwrap()).clone());
    assert!(jsonschema::validator_for(&schema)
        .unwrap()
        .is_valid(result.structured_content.as_ref().unwrap()));
    client.cancel().await.unwrap();
}

#[tokio::test]
async fn bad_arguments_policy_and_declared_errors_are_error_results() {
    let events = InMemoryPublisher::new();
    let client = connect(server(&events)).await;
    let add = "notes_note_add-v1_0_0";

    for (arguments, path, code) in [
        (json!({ "text": 3 }), "text", "invalid_type"),
        (json!({ "text": "" }), "text", "invalid"),
        (
            json!({ "text": "a", "color": "red" }),
            "color",
            "unknown_field",
        ),
        (json!({}), "text", "missing_field"),
    ] {
        let result = client
            .call_tool(call(add, arguments.clone()))
            .await
            .unwrap();
        let problem = problem(&result);
        assert_eq!(
            problem["code"], "VALIDATION_FAILED",
            "{arguments}: {problem}"
        );
        assert_eq!(problem["status"], 422);
        assert_eq!(problem["issues"][0]["path"], path, "{arguments}: {problem}");
        assert_eq!(problem["issues"][0]["code"], code, "{arguments}: {problem}");
        assert!(result.structured_content.is_none());
    }
    // No arguments at all is an empty object.
    let result = client
        .call_tool(CallToolRequestParams::new("notes_note_count-v1_0_0"))
        .await
        .unwrap();
    assert_eq!(problem(&result)["issues"][0]["code"], "missing_field");

    let result = client
        .call_tool(call(add, json!({ "text": "overflow" })))
        .await
        .unwrap();
    assert_eq!(problem(&result)["code"], "NOTEBOOK_FULL");
    assert_eq!(problem(&result)["status"], 409);

    // The default actor is anonymous: admin-only tools are refused.
    let result = client
        .call_tool(call("notes_admin_wipe-v1_0_0", json!({})))
        .await
        .unwrap();
    assert_eq!(problem(&result)["code"], "UNAUTHENTICATED");
    assert!(events.take().is_empty());

    // An unknown tool is a protocol error, as MCP says.
    let error = client
        .call_tool(call("notes_note_nope-v1_0_0", json!({})))
        .await
        .unwrap_err();
    assert!(error.to_string().contains("unknown tool"), "{error}");
    client.cancel().await.unwrap();
}

#[tokio::test]
async fn a_configured_actor_reaches_admin_tools() {
    let events = InMemoryPublisher::new();
    let client = connect(server(&events).with_actor(Actor::admin("operator"))).await;
    let result = client
        .call_tool(call("notes_admin_wipe-v1_0_0", json!({})))
        .await
        .unwrap();
    assert_eq!(result.is_error, Some(false), "{result:?}");
    // NO_CONTENT of a unit output: `null`, wrapped.
    assert_eq!(result.structured_content, Some(json!({ "value": null })));
    client.cancel().await.unwrap();
}

#[tokio::test]
async fn streamable_http_with_a_trace_id_from_the_request_meta() {
    let events = InMemoryPublisher::new();
    let service = server(&events).streamable_http_service(contracts_mcp::http_config());
    let router = axum::Router::new().nest_service("/mcp", service);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });

    let transport = StreamableHttpClientTransport::from_uri(format!("http://{address}/mcp"));
    let client = ().serve(transport).await.unwrap();
    assert_eq!(client.list_all_tools().await.unwrap().len(), 3);

    let trace = "4bf92f3577b34da6a3ce929d0e0e4736";
    let mut request = call("notes_note_add-v1_0_0", json!({ "text": "over http" }));
    let mut meta = rmcp::model::RequestMetaObject::default();
    meta.0
        .set_traceparent(format!("00-{trace}-00f067aa0ba902b7-01"));
    request.meta = Some(meta);
    let result = client.call_tool(request).await.unwrap();
    assert_eq!(result.is_error, Some(false), "{result:?}");
    assert_eq!(
        result.structured_content.as_ref().unwrap()["traceId"],
        trace
    );
    assert_eq!(events.take()[0].trace_id().as_str(), trace);

    let result = client
        .call_tool(call("notes_note_count-v1_0_0", json!({ "tag": 7 })))
        .await
        .unwrap();
    assert_eq!(problem(&result)["code"], "VALIDATION_FAILED");
    client.cancel().await.unwrap();
}
