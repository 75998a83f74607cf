//! The reference server (every reference handler over a fresh demo store) on a loopback port,
//! REST at `/` and MCP at `/mcp`, with an admin and a user bearer token; and one interface to
//! call it through either client.

#![allow(dead_code)]

use axum::Router;
use contracts_axum::{bearer_token, RestApi, StaticTokens};
use contracts_client::{CallOptions, CallResult, McpClient, RestClient};
use contracts_core::Operation;
use contracts_mcp::rmcp::transport::StreamableHttpServerConfig;
use contracts_mcp::{AuthError, McpServer};
use contracts_reference::{in_memory_runtime, Store, DOMAINS};
use contracts_runtime::Actor;
use serde_json::Value;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

pub const ADMIN_TOKEN: &str = "admin-token";
pub const USER_TOKEN: &str = "user-token";

/// A running server; stopped when dropped.
pub struct Server {
    pub address: SocketAddr,
    task: tokio::task::JoinHandle<()>,
}

impl Server {
    pub fn base_url(&self) -> String {
        format!("http://{}", self.address)
    }

    pub fn mcp_url(&self) -> String {
        format!("http://{}/mcp", self.address)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.task.abort();
    }
}

fn tokens() -> StaticTokens {
    StaticTokens::new()
        .with_token(ADMIN_TOKEN, Actor::admin("admin-1"))
        .with_token(USER_TOKEN, Actor::user("user-1"))
}

/// The REST and MCP routers of the reference handlers over a fresh demo store.
pub fn reference_router() -> Router {
    let runtime = Arc::new(in_memory_runtime(&Store::demo()));
    let rest = RestApi::new(Arc::clone(&runtime))
        .with_authenticator(tokens())
        .into_router()
        .expect("the reference runtime serves its handlers as a subset");
    let tokens = tokens();
    let mcp = McpServer::new(runtime)
        .expect("the reference runtime serves its handlers as a subset")
        .with_actor(move |request: Option<&http::request::Parts>| {
            let header = request.and_then(|r| r.headers.get(http::header::AUTHORIZATION));
            let Some(header) = header else {
                return Ok(Actor::Anonymous);
            };
            header
                .to_str()
                .ok()
                .and_then(bearer_token)
                .and_then(|token| tokens.actor(token).cloned())
                .ok_or_else(|| AuthError::new("the bearer token is not valid"))
        })
        .streamable_http_service(StreamableHttpServerConfig::default());
    rest.nest_service("/mcp", mcp)
}

/// Serves `router` on a loopback port.
pub async fn serve(router: Router) -> Server {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let task = tokio::spawn(async move {
        axum::serve(listener, router).await.unwrap();
    });
    Server { address, task }
}

/// A typed client, over REST or MCP.
pub trait Caller {
    fn call<Op: Operation>(&self, input: Op::Input) -> impl Future<Output = CallResult<Op>>;
    fn call_with<Op: Operation>(
        &self,
        input: Op::Input,
        options: &CallOptions,
    ) -> impl Future<Output = CallResult<Op>>;
    fn call_json<Op: Operation>(&self, input: Value) -> impl Future<Output = CallResult<Op>>;
}

impl Caller for RestClient {
    fn call<Op: Operation>(&self, input: Op::Input) -> impl Future<Output = CallResult<Op>> {
        RestClient::call::<Op>(self, input)
    }
    fn call_with<Op: Operation>(
        &self,
        input: Op::Input,
        options: &CallOptions,
    ) -> impl Future<Output = CallResult<Op>> {
        RestClient::call_with::<Op>(self, input, options)
    }
    async fn call_json<Op: Operation>(&self, input: Value) -> CallResult<Op> {
        RestClient::call_json::<Op>(self, &input, &CallOptions::new()).await
    }
}

impl Caller for McpClient {
    fn call<Op: Operation>(&self, input: Op::Input) -> impl Future<Output = CallResult<Op>> {
        McpClient::call::<Op>(self, input)
    }
    fn call_with<Op: Operation>(
        &self,
        input: Op::Input,
        options: &CallOptions,
    ) -> impl Future<Output = CallResult<Op>> {
        McpClient::call_with::<Op>(self, input, options)
    }
    async fn call_json<Op: Operation>(&self, input: Value) -> CallResult<Op> {
        McpClient::call_json::<Op>(self, input, &CallOptions::new()).await
    }
}

/// REST clients of `server`: admin, user, anonymous.
pub fn rest_clients(server: &Server) -> [RestClient; 3] {
    let anonymous = RestClient::new(&server.base_url(), &DOMAINS);
    [
        anonymous.clone().with_bearer(ADMIN_TOKEN),
        anonymous.clone().with_bearer(USER_TOKEN),
        anonymous,
    ]
}

/// MCP clients of `server`, each its own session: admin, user, anonymous.
pub async fn mcp_clients(server: &Server) -> [McpClient; 3] {
    let url = server.mcp_url();
    [
        McpClient::connect_http(&url, Some(ADMIN_TOKEN), &DOMAINS)
            .await
            .unwrap(),
        McpClient::connect_http(&url, Some(USER_TOKEN), &DOMAINS)
            .await
            .unwrap(),
        McpClient::connect_http(&url, None, &DOMAINS).await.unwrap(),
    ]
}
