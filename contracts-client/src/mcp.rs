//! The MCP client: each operation as its tool, over an rmcp client session.

use crate::options::CallOptions;
use crate::outcome::{CallError, CallResult, Reply, TransportError, TransportKind};
use crate::trace::traceparent;
use contracts_core::descriptors::OperationDescriptor;
use contracts_core::wire::{Problem, SuccessCode, TraceId};
use contracts_core::{Operation, Registry};
use contracts_export::mcp::is_wrapped;
use contracts_export::naming::{mcp_tool_name, Role};
use rmcp::model::{CallToolRequestParams, CallToolResult, RequestMetaObject};
use rmcp::service::{Peer, RunningService};
use rmcp::transport::streamable_http_client::StreamableHttpClientTransportConfig;
use rmcp::transport::StreamableHttpClientTransport;
use rmcp::{RoleClient, ServiceExt};
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::sync::Arc;

/// An operation's tool.
#[derive(Debug)]
struct Tool {
    name: Arc<str>,
    wrapped_input: bool,
    wrapped_output: bool,
}

/// A typed client of a registry served over MCP (by `contracts-mcp`'s `McpServer`): the same
/// [`call`](McpClient::call) as [`RestClient`](crate::RestClient)'s, through the operation's
/// tool, with the same typed result read from the tool result's structured content (or, on
/// failure, from the problem it holds).
///
/// Built on an rmcp client session over any transport ([`McpClient::new`]), or connected over
/// streamable HTTP ([`McpClient::connect_http`]). Clones share the session.
#[derive(Clone)]
pub struct McpClient {
    peer: Peer<RoleClient>,
    tools: Arc<HashMap<(&'static str, &'static str), Tool>>,
    /// The session this client connected, kept open while a clone lives.
    session: Option<Arc<RunningService<RoleClient, ()>>>,
}

impl core::fmt::Debug for McpClient {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("McpClient")
            .field("tools", &self.tools.len())
            .finish_non_exhaustive()
    }
}

impl McpClient {
    /// A client of the operations of `registry` over the session `peer` (of a
    /// `RunningService<RoleClient, _>`, which the caller keeps running).
    ///
    /// Reads the schemas of the registry's messages once, to wrap and unwrap them as the server
    /// does.
    pub fn new(peer: Peer<RoleClient>, registry: &'static Registry) -> McpClient {
        let tools = registry
            .operations()
            .map(|operation| {
                let tool = Tool {
                    name: Arc::from(mcp_tool_name(&operation.meta)),
                    wrapped_input: is_wrapped(operation, Role::Input),
                    wrapped_output: is_wrapped(operation, Role::Output),
                };
                (identity(operation), tool)
            })
            .collect();
        McpClient {
            peer,
            tools: Arc::new(tools),
            session: None,
        }
    }

    /// Connects to the MCP server at `url` (such as `http://127.0.0.1:8081/mcp`) over
    /// streamable HTTP, sending `Authorization: Bearer <token>` when `bearer` is given, and
    /// returns a client of the operations of `registry` over that session, open while the
    /// client or one of its clones lives.
    pub async fn connect_http(
        url: &str,
        bearer: Option<&str>,
        registry: &'static Registry,
    ) -> Result<McpClient, TransportError> {
        let mut config = StreamableHttpClientTransportConfig::with_uri(url.to_owned());
        if let Some(token) = bearer {
            config = config.auth_header(token.to_owned());
        }
        let transport = StreamableHttpClientTransport::from_config(config);
        let session = ().serve(transport).await.map_err(|error| {
            TransportError::new(
                TransportKind::Connect,
                format!("cannot open an MCP session at {url}: {error}"),
            )
        })?;
        let mut client = McpClient::new(session.peer().clone(), registry);
        client.session = Some(Arc::new(session));
        Ok(client)
    }

    /// Calls operation `Op` with `input` through its tool: its output, with the success code
    /// and trace id, or its failure, typed as [`RestClient::call`](crate::RestClient::call)'s.
    pub async fn call<Op: Operation>(&self, input: Op::Input) -> CallResult<Op> {
        self.call_with::<Op>(input, &CallOptions::new()).await
    }

    /// [`call`](McpClient::call) with options for this call: its `traceparent` goes in the
    /// request's `_meta`; its timeout bounds the wait for the result.
    pub async fn call_with<Op: Operation>(
        &self,
        input: Op::Input,
        options: &CallOptions,
    ) -> CallResult<Op> {
        let input = serde_json::to_value(&input).map_err(TransportError::input)?;
        self.call_json::<Op>(input, options).await
    }

    /// Calls operation `Op` with an input given as JSON, which the server validates: the same
    /// typed result as [`call`](McpClient::call).
    pub async fn call_json<Op: Operation>(
        &self,
        input: Value,
        options: &CallOptions,
    ) -> CallResult<Op> {
        let tool = self.tools.get(&identity(Op::DESCRIPTOR)).ok_or_else(|| {
            let meta = &Op::DESCRIPTOR.meta;
            TransportError::new(
                TransportKind::Request,
                format!(
                    "operation `{}@{}` is not in the client's registry: build the client from a registry that includes it",
                    meta.key, meta.version
                ),
            )
        })?;
        let arguments = match (tool.wrapped_input, input) {
            (false, Value::Object(arguments)) => arguments,
            (true, value) => {
                let mut arguments = Map::new();
                arguments.insert("value".to_owned(), value);
                arguments
            }
            (false, other) => {
                return Err(TransportError::new(
                    TransportKind::Request,
                    format!(
                        "the tool `{}` takes a JSON object, not `{other}`",
                        tool.name
                    ),
                )
                .into())
            }
        };
        let mut meta = RequestMetaObject::new();
        meta.0
            .set_traceparent(options.traceparent.clone().unwrap_or_else(traceparent));
        let mut request =
            CallToolRequestParams::new(tool.name.to_string()).with_arguments(arguments);
        request.meta = Some(meta);
        let call = self.peer.call_tool(request);
        let result = match options.timeout {
            None => call.await,
            Some(timeout) => tokio::time::timeout(timeout, call).await.map_err(|_| {
                TransportError::new(
                    TransportKind::Timeout,
                    format!("the tool `{}` did not answer within {timeout:?}", tool.name),
                )
            })?,
        }
        .map_err(|error| {
            TransportError::new(
                TransportKind::Connect,
                format!("the tool call `{}` failed: {error}", tool.name),
            )
        })?;
        decode::<Op>(tool, result)
    }
}

/// An operation's identity in the tools.
fn identity(operation: &OperationDescriptor) -> (&'static str, &'static str) {
    (operation.meta.key, operation.meta.version.as_str())
}

/// The typed result of a tool result.
fn decode<Op: Operation>(tool: &Tool, result: CallToolResult) -> CallResult<Op> {
    let meta = result.meta.as_ref().map(|meta| &meta.0);
    let trace_id = meta
        .and_then(|meta| meta.get("traceId"))
        .and_then(Value::as_str)
        .map(TraceId::from);
    let unreadable = |what: String| TransportError {
        kind: TransportKind::Response,
        status: None,
        trace_id: trace_id.clone(),
        message: format!("the tool `{}` answered {what}", tool.name),
    };
    if result.is_error == Some(true) {
        let text = result
            .content
            .iter()
            .find_map(|content| content.as_text().map(|text| text.text.as_str()))
            .ok_or_else(|| unreadable("an error without text".to_owned()))?;
        let problem: Problem = serde_json::from_str(text)
            .map_err(|error| unreadable(format!("an error that is not a problem: {error}")))?;
        return Err(CallError::from_problem(problem));
    }
    let code = match meta
        .and_then(|meta| meta.get("code"))
        .and_then(Value::as_str)
    {
        None => SuccessCode::Ok,
        Some(code) => SuccessCode::parse(code)
            .ok_or_else(|| unreadable(format!("the success code `{code}`, which is not one")))?,
    };
    let trace_id = trace_id
        .clone()
        .ok_or_else(|| unreadable("a result without `_meta.traceId`".to_owned()))?;
    let mut structured = result.structured_content.unwrap_or(Value::Null);
    if tool.wrapped_output {
        structured = match structured {
            Value::Object(mut object) => object.remove("value").unwrap_or(Value::Null),
            other => other,
        };
    }
    let output = serde_json::from_value(structured).map_err(|error| {
        unreadable(format!(
            "an output that is not a `{}`: {error}",
            std::any::type_name::<Op::Output>()
        ))
    })?;
    Ok(Reply::new(output, code, trace_id))
}
