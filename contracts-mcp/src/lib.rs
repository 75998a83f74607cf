//! Serve a contract registry with bound handlers as an MCP server, with the [`rmcp`] crate:
//! every command and query is a tool, called through the runtime's
//! [`execute`](contracts_runtime::OperationHandle::execute) pipeline, over stdio or streamable
//! HTTP.
//!
//! ```no_run
//! use contracts_core::{query, registry, Model};
//! use contracts_mcp::McpServer;
//! use contracts_runtime::{Ctx, Failure, Runtime};
//!
//! /// Say hello.
//! #[query(key = "demo.hello", version = "1.0.0", output = Greeting, policy(auth = "anonymous"))]
//! #[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
//! pub struct Hello { pub name: String }
//!
//! /// A greeting.
//! #[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
//! pub struct Greeting { pub text: String }
//!
//! registry! { pub static DEMO; defaults(owners = ["team.demo"], stability = "beta"); contracts(Hello); }
//!
//! async fn hello(input: Hello, _ctx: Ctx<Hello>) -> Result<Greeting, Failure> {
//!     Ok(Greeting { text: format!("hello {}", input.name) })
//! }
//!
//! #[tokio::main]
//! async fn main() -> Result<(), Box<dyn std::error::Error>> {
//!     let mut runtime = Runtime::new(&DEMO);
//!     runtime.bind::<Hello>(hello)?;
//!     // The tool `demo_hello-v1_0_0`, over stdin and stdout. Building the server fails if an
//!     // operation has no handler.
//!     McpServer::new(runtime)?.serve_stdio().await?;
//!     Ok(())
//! }
//! ```
//!
//! # Tools
//!
//! [`McpServer::tools`] are [`contracts_export::mcp::tool`]'s, one per command and query of
//! the registry, in registry order: named by
//! [`mcp_tool_name`](contracts_export::naming::mcp_tool_name)
//! (`controlPlane_execution_start-v1_0_0`), with the contract's title and description,
//! `inputSchema` and `outputSchema` (objects, every `$ref` inlined), annotations
//! (`readOnlyHint` for queries, `idempotentHint`, `destructiveHint`) and `_meta.contract`.
//!
//! # Calls
//!
//! A `tools/call` runs the tool's operation, resolved when the server was built
//! ([`OperationHandle::execute`](contracts_runtime::OperationHandle::execute)), with the
//! arguments as the input: the contract's policy,
//! validation, declared errors, events and telemetry apply as on any other surface.
//!
//! - **Success**: `structuredContent` is the operation's output, which matches the tool's
//!   `outputSchema` (an output that is not a JSON object, wrapped as `{"value": ...}` as the
//!   schema says; arguments of a wrapped input are unwrapped likewise); `content` holds the same
//!   JSON as text, for clients that read only text.
//! - **Failure** (bad arguments, policy, declared errors, panics): a result with `isError: true`
//!   whose one text content is the RFC 9457 problem as JSON (`code`, `status`, `detail`,
//!   `issues` with field paths, `traceId`, ...), never a JSON-RPC error, so that the model sees
//!   what to fix. Only an unknown tool name is a protocol error (`-32602`), as MCP says.
//! - `_meta.traceId` of every result is the call's trace id: the `traceparent` of the request's
//!   `_meta` (or, over HTTP, of its headers, or its `x-trace-id` header) when valid, else a new
//!   one; `_meta.code` is the result's code (`CREATED`, `VALIDATION_FAILED`, ...).
//!
//! # Who calls
//!
//! MCP has no identity of its own: an [`ActorSource`] says who the caller is. The default is
//! **anonymous**, so operations whose auth level is `user` or `admin` answer
//! `UNAUTHENTICATED` until configured: [`McpServer::with_actor`] takes a fixed
//! [`Actor`] (the operator of a local stdio server, say) or a closure reading the HTTP request
//! of a streamable HTTP call (its `Authorization` header, say). A source refuses invalid
//! credentials with an [`AuthError`]: over HTTP the request is answered `401`, never run as
//! someone else. The policy is checked before the handler is looked up.
//!
//! # Start-up
//!
//! [`McpServer::new`] fails, listing them, if an operation of the registry has no handler
//! (unless left unbound on purpose) or if bound operations emit events and the runtime has no
//! publisher ([`Runtime::check`]).
//!
//! # Transports
//!
//! - stdio: [`McpServer::serve_stdio`] (or [`McpServer::serve_lines`] on any pipe): a line
//!   that is not UTF-8 or not JSON is answered `-32700`, a `tools/call` whose `arguments` are
//!   not an object, or nest deeper than [`MAX_ARGUMENT_DEPTH`], `-32602`;
//!   [`rmcp::ServiceExt::serve`] takes any other transport;
//! - streamable HTTP: [`McpServer::streamable_http_service`], a tower service to mount in an
//!   axum router (`Router::new().nest_service("/mcp", service)`), with [`http_config`]:
//!   loopback hosts and origins only (DNS rebinding), malformed JSON answered `400` with
//!   `-32700`, refused credentials `401`.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

/// The rmcp this crate builds on, for transports, clients and configuration of the same version.
pub use rmcp;

mod jsonrpc;
mod stdio;
mod streamable;

pub use jsonrpc::{INVALID_PARAMS, MAX_ARGUMENT_DEPTH, PARSE_ERROR};
pub use stdio::MAX_LINE;
pub use streamable::{http_config, McpHttpService, McpResponse, LOOPBACK_ORIGINS};

use contracts_export::mcp::{is_wrapped, tool};
use contracts_export::naming::Role;
pub use contracts_runtime::AuthError;
use contracts_runtime::{
    is_plain_trace_id, traceparent_trace_id, Actor, CallContext, ContractResult, DefaultDecider,
    Failure, FailureCode, NoPublisher, OperationHandle, PolicyDecider, Publisher, Runtime,
    StartupError, TraceId,
};
use rmcp::model::{
    CallToolRequestParams, CallToolResponse, CallToolResult, ContentBlock, Implementation,
    ListToolsResult, MetaObject, PaginatedRequestParams, ServerCapabilities, ServerConfig, Tool,
};
use rmcp::service::{RequestContext, RoleServer};
use rmcp::{ErrorData, ServerHandler};
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::sync::Arc;

/// Who calls a tool: the [`Actor`] whose policy checks apply, or why the credentials are
/// refused.
///
/// `request` is the HTTP request of a call over streamable HTTP, `None` over stdio and other
/// transports. Return `Ok(Actor::Anonymous)` for a request without credentials, the verified
/// actor for valid ones, and `Err(AuthError)` for credentials that are present but invalid:
/// the HTTP request is then answered `401`. Never fall back to a default actor for a bad
/// token, or a typo would run as someone else.
///
/// Implemented by [`Actor`] (always that actor) and by closures
/// `Fn(Option<&http::request::Parts>) -> Result<Actor, AuthError>`.
///
/// ```
/// use contracts_mcp::{ActorSource, AuthError};
/// use contracts_runtime::Actor;
///
/// // Trusts the user a gateway in front of the server verified; anonymous otherwise.
/// let from_gateway = |request: Option<&http::request::Parts>| {
///     match request.and_then(|r| r.headers.get("x-verified-user")) {
///         None => Ok(Actor::Anonymous),
///         Some(user) => user.to_str().map(Actor::user).map_err(|_| AuthError::new("not text")),
///     }
/// };
/// assert_eq!(from_gateway.actor(None), Ok(Actor::Anonymous));
/// assert_eq!(Actor::admin("ops").actor(None), Ok(Actor::admin("ops")));
/// ```
pub trait ActorSource: Send + Sync + 'static {
    /// The actor of a call, or why its credentials are refused.
    fn actor(&self, request: Option<&http::request::Parts>) -> Result<Actor, AuthError>;
}

impl ActorSource for Actor {
    fn actor(&self, _request: Option<&http::request::Parts>) -> Result<Actor, AuthError> {
        Ok(self.clone())
    }
}

impl<F> ActorSource for F
where
    F: Fn(Option<&http::request::Parts>) -> Result<Actor, AuthError> + Send + Sync + 'static,
{
    fn actor(&self, request: Option<&http::request::Parts>) -> Result<Actor, AuthError> {
        self(request)
    }
}

/// A tool's operation, resolved, and whether its messages are wrapped as `value`.
#[derive(Clone, Copy, Debug)]
struct Route {
    /// The tool's index in the tools.
    index: usize,
    handle: OperationHandle,
    wrapped_input: bool,
    wrapped_output: bool,
}

struct Inner<P, D> {
    runtime: Arc<Runtime<P, D>>,
    tools: Vec<Tool>,
    routes: HashMap<String, Route>,
    actor: Box<dyn ActorSource>,
    implementation: Implementation,
    instructions: Option<String>,
}

/// The name and version a server gives in its `initialize` result; see
/// [`server_info!`](crate::server_info).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServerInfo {
    /// The server's name.
    pub name: String,
    /// The server's version.
    pub version: String,
}

impl ServerInfo {
    /// The info of a package: its name and version, as Cargo sets them in `CARGO_PKG_*`.
    pub fn for_package(name: &str, version: &str) -> ServerInfo {
        ServerInfo {
            name: name.to_owned(),
            version: version.to_owned(),
        }
    }
}

/// The [`ServerInfo`] of the package that calls it: its `CARGO_PKG_NAME` and
/// `CARGO_PKG_VERSION`, read when the calling crate is compiled (as `openapi_options!` reads
/// the OpenAPI `info`).
///
/// ```
/// let info = contracts_mcp::server_info!();
/// assert_eq!((info.name.as_str(), info.version.as_str()), (env!("CARGO_PKG_NAME"), env!("CARGO_PKG_VERSION")));
/// ```
#[macro_export]
macro_rules! server_info {
    () => {
        $crate::ServerInfo::for_package(
            ::core::env!("CARGO_PKG_NAME"),
            ::core::env!("CARGO_PKG_VERSION"),
        )
    };
}

/// An MCP server of a [`Runtime`]'s registry: an [`rmcp::ServerHandler`] whose tools are the
/// registry's commands and queries (see the [crate docs](crate)). Cheap to clone: clones share
/// the runtime and the tools.
///
/// ```
/// use contracts_core::{command, registry, Model};
/// use contracts_mcp::McpServer;
/// use contracts_runtime::{Actor, Runtime};
///
/// /// Close a ticket.
/// #[command(key = "desk.ticket.close", version = "2.1.0", output = String, policy(auth = "user"))]
/// #[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
/// pub struct CloseTicket { pub id: String }
///
/// registry! { pub static DESK; defaults(owners = ["team.desk"], stability = "beta"); contracts(CloseTicket); }
///
/// # fn main() {
/// let server = McpServer::new(Runtime::new(&DESK).serve_subset())
///     .unwrap()
///     .with_actor(Actor::user("operator"))
///     .with_server_info("desk", "2.1.0");
/// let tool = &server.tools()[0];
/// assert_eq!(tool.name, "desk_ticket_close-v2_1_0");
/// assert_eq!(tool.input_schema["required"], serde_json::json!(["id"]));
/// // The output, a string, is wrapped as `value`.
/// assert_eq!(tool.output_schema.as_ref().unwrap()["required"], serde_json::json!(["value"]));
/// # }
/// ```
pub struct McpServer<P = NoPublisher, D = DefaultDecider> {
    inner: Arc<Inner<P, D>>,
}

impl<P, D> Clone for McpServer<P, D> {
    fn clone(&self) -> Self {
        McpServer {
            inner: Arc::clone(&self.inner),
        }
    }
}

impl<P, D> core::fmt::Debug for McpServer<P, D> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("McpServer")
            .field("runtime", &self.inner.runtime)
            .field("tools", &self.inner.tools.len())
            .field("implementation", &self.inner.implementation)
            .finish_non_exhaustive()
    }
}

impl<P: Publisher, D: PolicyDecider> McpServer<P, D> {
    /// The server of `runtime` (by value, or an `Arc` shared with other surfaces): one tool per
    /// command and query, every caller anonymous, named after the registry's crate. Name it
    /// after your package with `.with_info(contracts_mcp::server_info!())`.
    ///
    /// Fails if the runtime is not ready to serve ([`Runtime::check`]): operations without a
    /// handler (unless left unbound on purpose), or that emit events with no publisher.
    pub fn new(runtime: impl Into<Arc<Runtime<P, D>>>) -> Result<McpServer<P, D>, StartupError> {
        let runtime = runtime.into();
        runtime.check()?;
        let mut tools = Vec::new();
        let mut routes = HashMap::new();
        for handle in runtime.operations() {
            let operation = handle.descriptor();
            let definition = tool(operation);
            let tool: Tool = serde_json::from_value(definition)
                .expect("the MCP export of an operation is an MCP tool");
            routes.insert(
                tool.name.to_string(),
                Route {
                    index: tools.len(),
                    handle,
                    wrapped_input: is_wrapped(operation, Role::Input),
                    wrapped_output: is_wrapped(operation, Role::Output),
                },
            );
            tools.push(tool);
        }
        let implementation = Implementation::new(
            runtime.registry().set().crate_name,
            env!("CARGO_PKG_VERSION"),
        );
        Ok(McpServer {
            inner: Arc::new(Inner {
                runtime,
                tools,
                routes,
                actor: Box::new(Actor::Anonymous),
                implementation,
                instructions: None,
            }),
        })
    }

    /// Calls tools as the actor `source` gives (see [`ActorSource`]; default: anonymous).
    ///
    /// # Panics
    ///
    /// If the server was cloned already: configure it first.
    pub fn with_actor(self, source: impl ActorSource) -> Self {
        self.configure(|inner| inner.actor = Box::new(source))
    }

    /// Names the server in the `initialize` result (default: the registry's crate and this
    /// crate's version).
    ///
    /// # Panics
    ///
    /// If the server was cloned already: configure it first.
    pub fn with_server_info(self, name: impl Into<String>, version: impl Into<String>) -> Self {
        let implementation = Implementation::new(name, version);
        self.configure(|inner| inner.implementation = implementation)
    }

    /// Names the server in the `initialize` result after `info`:
    /// [`server_info!`](crate::server_info) gives your package's name and version.
    ///
    /// ```
    /// use contracts_core::{query, registry, Model};
    /// use contracts_mcp::McpServer;
    /// use contracts_runtime::Runtime;
    ///
    /// /// Read a note.
    /// #[query(key = "notes.note.get", version = "1.0.0", output = String, policy(auth = "anonymous"))]
    /// #[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
    /// pub struct GetNote { pub id: String }
    ///
    /// registry! { pub static NOTES; defaults(owners = ["team.notes"], stability = "beta"); contracts(GetNote); }
    ///
    /// # fn main() {
    /// let server = McpServer::new(Runtime::new(&NOTES).serve_subset())
    ///     .unwrap()
    ///     .with_info(contracts_mcp::server_info!());
    /// assert_eq!(server.implementation().name, env!("CARGO_PKG_NAME"));
    /// assert_eq!(server.implementation().version, env!("CARGO_PKG_VERSION"));
    /// # }
    /// ```
    ///
    /// # Panics
    ///
    /// If the server was cloned already: configure it first.
    pub fn with_info(self, info: ServerInfo) -> Self {
        self.with_server_info(info.name, info.version)
    }

    /// The name and version the server gives in its `initialize` result.
    pub fn implementation(&self) -> &Implementation {
        &self.inner.implementation
    }

    /// Instructions for the client, in the `initialize` result.
    ///
    /// # Panics
    ///
    /// If the server was cloned already: configure it first.
    pub fn with_instructions(self, instructions: impl Into<String>) -> Self {
        let instructions = instructions.into();
        self.configure(|inner| inner.instructions = Some(instructions))
    }

    fn configure(mut self, change: impl FnOnce(&mut Inner<P, D>)) -> Self {
        let inner = Arc::get_mut(&mut self.inner)
            .expect("configure an McpServer before cloning it or serving it");
        change(inner);
        self
    }

    /// The runtime.
    pub fn runtime(&self) -> &Arc<Runtime<P, D>> {
        &self.inner.runtime
    }

    /// The tools, in registry order.
    pub fn tools(&self) -> &[Tool] {
        &self.inner.tools
    }

    /// Calls the tool `name` with `arguments`, as a `tools/call` does: the result, or `None`
    /// if there is no such tool. `http` is the HTTP request of the call, if any, for the
    /// [`ActorSource`].
    ///
    /// ```
    /// use contracts_core::{query, registry, Model};
    /// use contracts_mcp::McpServer;
    /// use contracts_runtime::{Ctx, Failure, Runtime};
    /// use serde_json::json;
    ///
    /// /// Add two numbers.
    /// #[query(key = "calc.add", version = "1.0.0", output = u64, policy(auth = "anonymous"))]
    /// #[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
    /// #[serde(deny_unknown_fields)]
    /// pub struct Add { pub a: u64, pub b: u64 }
    ///
    /// registry! { pub static CALC; defaults(owners = ["team.calc"], stability = "beta"); contracts(Add); }
    ///
    /// async fn add(input: Add, _ctx: Ctx<Add>) -> Result<u64, Failure> { Ok(input.a + input.b) }
    ///
    /// # fn main() {
    /// let mut runtime = Runtime::new(&CALC);
    /// runtime.bind::<Add>(add).unwrap();
    /// let server = McpServer::new(runtime).unwrap();
    /// # block_on(async {
    /// let arguments = json!({ "a": 2, "b": 3 }).as_object().cloned();
    /// let result = server.call("calc_add-v1_0_0", arguments, None, None).await.unwrap();
    /// assert_eq!(result.structured_content, Some(json!({ "value": 5 })));
    ///
    /// let arguments = json!({ "a": "two", "b": 3 }).as_object().cloned();
    /// let result = server.call("calc_add-v1_0_0", arguments, None, None).await.unwrap();
    /// assert_eq!(result.is_error, Some(true));
    /// # });
    /// # }
    /// # fn block_on<F: std::future::Future>(f: F) -> F::Output {
    /// #     let mut f = std::pin::pin!(f);
    /// #     let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    /// #     loop { if let std::task::Poll::Ready(v) = f.as_mut().poll(&mut cx) { return v; } }
    /// # }
    /// ```
    pub async fn call(
        &self,
        name: &str,
        arguments: Option<Map<String, Value>>,
        meta: Option<&MetaObject>,
        http: Option<&http::request::Parts>,
    ) -> Option<CallToolResult> {
        let route = *self.inner.routes.get(name)?;
        let mut input = Value::Object(arguments.unwrap_or_default());
        if route.wrapped_input {
            input = match input {
                Value::Object(mut object) => object.remove("value").unwrap_or(Value::Null),
                other => other,
            };
        }
        let trace_id = trace_id(meta, http).unwrap_or_else(TraceId::generate);
        let actor = match self.inner.actor.actor(http) {
            Ok(actor) => actor,
            Err(error) => {
                let failure: Failure = Failure::standard(FailureCode::Unauthenticated)
                    .with_detail(error.detail().to_owned());
                let problem =
                    self.inner
                        .runtime
                        .problem(failure, Some(route.handle.descriptor()), trace_id);
                return Some(tool_result(
                    ContractResult::Failure(Box::new(problem)),
                    route.wrapped_output,
                ));
            }
        };
        let context = CallContext::traced(actor, trace_id);
        let result = route
            .handle
            .execute(&self.inner.runtime, &input, context)
            .await;
        Some(tool_result(result, route.wrapped_output))
    }
}

/// The tool result of a call's result.
fn tool_result(result: ContractResult, wrapped_output: bool) -> CallToolResult {
    let trace_id = result.trace_id().as_str().to_owned();
    let code = result.code().to_owned();
    let mut tool_result = match result {
        ContractResult::Success(success) => {
            let data = success
                .data
                .as_deref()
                .map(|text| serde_json::from_str(text).expect("the runtime writes valid JSON"))
                .unwrap_or(Value::Null);
            let structured = if wrapped_output {
                let mut object = Map::new();
                object.insert("value".to_owned(), data);
                Value::Object(object)
            } else {
                data
            };
            CallToolResult::structured(structured)
        }
        ContractResult::Failure(problem) => {
            let text = serde_json::to_string(&problem).expect("a problem serializes");
            CallToolResult::error(vec![ContentBlock::text(text)])
        }
    };
    let mut meta = MetaObject::new();
    meta.0.insert("traceId".to_owned(), Value::String(trace_id));
    meta.0.insert("code".to_owned(), Value::String(code));
    tool_result.meta = Some(meta);
    tool_result
}

/// The trace id the caller sent: the trace-id of a valid `traceparent` in the request's
/// `_meta`, else in its HTTP headers, else a valid `x-trace-id` header.
fn trace_id(meta: Option<&MetaObject>, http: Option<&http::request::Parts>) -> Option<TraceId> {
    let header = |name: &str| {
        http.and_then(|parts| parts.headers.get(name))
            .and_then(|value| value.to_str().ok())
    };
    meta.and_then(MetaObject::get_traceparent)
        .and_then(traceparent_trace_id)
        .or_else(|| header("traceparent").and_then(traceparent_trace_id))
        .or_else(|| header("x-trace-id").filter(|id| is_plain_trace_id(id)))
        .map(TraceId::from)
}

/// Why a server stopped serving.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServeError(pub(crate) String);

impl core::fmt::Display for ServeError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "the MCP server failed: {}", self.0)
    }
}

impl std::error::Error for ServeError {}

impl<P: Publisher, D: PolicyDecider> ServerHandler for McpServer<P, D> {
    fn get_info(&self) -> ServerConfig {
        let mut config = ServerConfig::new(ServerCapabilities::builder().enable_tools().build())
            .with_server_info(self.inner.implementation.clone());
        if let Some(instructions) = &self.inner.instructions {
            config = config.with_instructions(instructions.clone());
        }
        config
    }

    async fn list_tools(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListToolsResult, ErrorData> {
        Ok(ListToolsResult::with_all_items(self.inner.tools.clone()))
    }

    fn get_tool(&self, name: &str) -> Option<Tool> {
        let route = self.inner.routes.get(name)?;
        Some(self.inner.tools[route.index].clone())
    }

    async fn call_tool(
        &self,
        request: CallToolRequestParams,
        context: RequestContext<RoleServer>,
    ) -> Result<CallToolResponse, ErrorData> {
        let http = context.extensions.get::<http::request::Parts>();
        // rmcp moves the request's `_meta` to the context.
        let meta = match &request.meta {
            Some(meta) => &meta.0,
            None => &context.meta.0,
        };
        let meta = Some(meta);
        match self
            .call(&request.name, request.arguments, meta, http)
            .await
        {
            Some(result) => Ok(result.into()),
            None => Err(ErrorData::invalid_params(
                format!("unknown tool `{}`", request.name),
                None,
            )),
        }
    }
}
