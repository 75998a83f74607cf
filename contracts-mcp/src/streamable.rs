//! MCP over streamable HTTP: rmcp's service behind the checks it lacks: credentials refused
//! with `401` (never downgraded to a default actor), malformed JSON answered `400` with a
//! JSON-RPC parse error, and browser origins limited to loopback by default (DNS rebinding).

use crate::jsonrpc;
use crate::McpServer;
use bytes::Bytes;
use contracts_runtime::{PolicyDecider, Publisher};
use http::{header, HeaderValue, Method, Request, Response, StatusCode};
use http_body::Body;
use http_body_util::combinators::BoxBody;
use http_body_util::{BodyExt, Full, Limited};
use rmcp::transport::streamable_http_server::session::local::LocalSessionManager;
use rmcp::transport::{StreamableHttpServerConfig, StreamableHttpService};
use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

/// The origins a browser page may call the server from by default: loopback, any port.
pub const LOOPBACK_ORIGINS: [&str; 3] =
    ["http://localhost:*", "http://127.0.0.1:*", "http://[::1]:*"];

/// The response type of [`McpHttpService`].
pub type McpResponse = Response<BoxBody<Bytes, Infallible>>;

/// rmcp's configuration with the defaults this crate serves with: loopback `Host` headers
/// only (rmcp's default) and, against DNS rebinding, an `Origin` header accepted only from
/// [`LOOPBACK_ORIGINS`] (requests without `Origin`, from non-browser clients, pass). List
/// your public hosts and origins with `with_allowed_hosts` and `with_allowed_origins`.
///
/// ```
/// let config = contracts_mcp::http_config();
/// assert_eq!(config.allowed_origins.len(), 3);
/// ```
pub fn http_config() -> StreamableHttpServerConfig {
    StreamableHttpServerConfig::default().with_allowed_origins(LOOPBACK_ORIGINS)
}

/// The streamable HTTP service of an [`McpServer`] (see
/// [`McpServer::streamable_http_service`]): a tower service to mount in any HTTP server.
pub struct McpHttpService<P, D> {
    server: McpServer<P, D>,
    inner: StreamableHttpService<McpServer<P, D>, LocalSessionManager>,
    body_limit: usize,
}

impl<P, D> Clone for McpHttpService<P, D> {
    fn clone(&self) -> Self {
        McpHttpService {
            server: self.server.clone(),
            inner: self.inner.clone(),
            body_limit: self.body_limit,
        }
    }
}

impl<P, D> core::fmt::Debug for McpHttpService<P, D> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("McpHttpService")
            .field("body_limit", &self.body_limit)
            .finish_non_exhaustive()
    }
}

impl<P: Publisher, D: PolicyDecider> McpServer<P, D> {
    /// A streamable HTTP service (a tower service for any HTTP server) with `config` (start
    /// from [`http_config`]), each session served by a clone of this server. Mount it in axum
    /// with `Router::new().nest_service("/mcp", service)`.
    ///
    /// In front of rmcp's service, each request is checked:
    ///
    /// - its credentials, by the [`ActorSource`](crate::ActorSource): refused ones are
    ///   answered `401` with `WWW-Authenticate: Bearer error="invalid_token"`, before any
    ///   message is read;
    /// - a `POST` body that is not JSON is answered `400` with a JSON-RPC `-32700` error (rmcp
    ///   answers `415`), a `tools/call` whose `arguments` are not an object `400` with
    ///   `-32602`;
    /// - `Host` and `Origin` as `config` says ([`http_config`]: loopback only).
    pub fn streamable_http_service(
        self,
        config: StreamableHttpServerConfig,
    ) -> McpHttpService<P, D> {
        let body_limit = config.max_request_body_bytes;
        let server = self.clone();
        let inner = StreamableHttpService::new(
            move || Ok(server.clone()),
            Arc::new(LocalSessionManager::default()),
            config,
        );
        McpHttpService {
            server: self,
            inner,
            body_limit,
        }
    }
}

impl<P, D, B> tower_service::Service<Request<B>> for McpHttpService<P, D>
where
    P: Publisher,
    D: PolicyDecider,
    B: Body + Send + 'static,
    B::Data: Send,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    type Response = McpResponse;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<McpResponse, Infallible>> + Send>>;

    fn poll_ready(&mut self, _cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: Request<B>) -> Self::Future {
        let this = self.clone();
        Box::pin(async move { Ok(this.handle(request).await) })
    }
}

impl<P: Publisher, D: PolicyDecider> McpHttpService<P, D> {
    async fn handle<B>(mut self, request: Request<B>) -> McpResponse
    where
        B: Body + Send + 'static,
        B::Data: Send,
        B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
    {
        let (parts, body) = request.into_parts();
        if let Err(error) = self.server.inner.actor.actor(Some(&parts)) {
            let mut response = plain(StatusCode::UNAUTHORIZED, error.detail().to_owned());
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static(r#"Bearer error="invalid_token""#),
            );
            return response;
        }
        let bytes = match Limited::new(body, self.body_limit).collect().await {
            Ok(collected) => collected.to_bytes(),
            Err(error) => {
                return plain(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    format!("the request body could not be read: {error}"),
                )
            }
        };
        let checked = match parts.method {
            Method::POST => jsonrpc::check(&bytes),
            _ => Ok(()),
        };
        if let Err(refusal) = checked {
            let mut response = Response::new(Full::new(Bytes::from(refusal.to_line())).boxed());
            *response.status_mut() = StatusCode::BAD_REQUEST;
            response.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            );
            return response;
        }
        let request = Request::from_parts(parts, Full::new(bytes));
        call_inner(&mut self.inner, request).await
    }
}

async fn call_inner<S, B>(inner: &mut S, request: Request<B>) -> McpResponse
where
    S: tower_service::Service<Request<B>, Response = McpResponse, Error = Infallible>,
{
    match inner.call(request).await {
        Ok(response) => response,
        Err(never) => match never {},
    }
}

/// A plain-text response.
fn plain(status: StatusCode, text: String) -> McpResponse {
    let mut response = Response::new(Full::new(Bytes::from(text)).boxed());
    *response.status_mut() = status;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}
