//! The REST client: each operation at its REST path, with the method and the query-string
//! encoding the server reads, over reqwest.

use crate::options::{CallOptions, Retries, DEFAULT_TIMEOUT};
use crate::outcome::{CallError, CallResult, Reply, TransportError, TransportKind};
use crate::trace::traceparent;
use contracts_core::descriptors::OperationDescriptor;
use contracts_core::wire::{Problem, SuccessCode, SuccessEnvelope, TraceId, PROBLEM_CONTENT_TYPE};
use contracts_core::{Operation, OperationKind, Registry};
use contracts_export::json_schema::Schemas;
use contracts_export::naming::HttpMethod;
use contracts_export::openapi::{query_input, PathPlan, QueryPlan};
use reqwest::header::{HeaderValue, ACCEPT, AUTHORIZATION, CONTENT_TYPE};
use serde_json::Value;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

/// The header carrying the call's trace id in every answer of the REST adapter.
const X_TRACE_ID: &str = "x-trace-id";

/// The W3C Trace Context request header.
const TRACEPARENT: &str = "traceparent";

const JSON: HeaderValue = HeaderValue::from_static("application/json");
const ACCEPTED: HeaderValue =
    HeaderValue::from_static("application/json, application/problem+json");

/// Where and how an operation is called: its route (its binding, or the REST rule).
#[derive(Debug)]
struct Route {
    /// The base URL followed by the operation's path, its parameters still `{name}`.
    url: String,
    /// The method.
    method: reqwest::Method,
    /// The query-string plan of an input in the query string (`GET`, `DELETE`); `None` for a
    /// JSON body.
    plan: Option<QueryPlan>,
    /// How the path's parameters are taken from the input, if it has any.
    path: Option<PathPlan>,
    /// The status of every success, when the binding sets one.
    status: Option<u16>,
    /// Whether a success is the result envelope, or the bare output.
    envelope: bool,
    /// Whether calling twice has the effect of calling once: may be retried.
    idempotent: bool,
}

/// A typed client of a registry served over REST (by `contracts-axum`'s `RestApi`): one
/// [`call`](RestClient::call) per operation, its input typed, its output and declared errors
/// typed.
///
/// Built from the same registry as the server, it calls each operation where and as the
/// server reads it: a command is `POST <path>` with its input as the JSON body, a query is
/// `GET <path>?<query string>` written by the same [`QueryPlan`] the server reads with.
///
/// | setting | default |
/// |---|---|
/// | [`with_bearer`](RestClient::with_bearer) | no credentials: the caller is anonymous |
/// | [`with_timeout`](RestClient::with_timeout) | [`DEFAULT_TIMEOUT`] (30 s) per attempt |
/// | [`with_retries`](RestClient::with_retries) | [`Retries::default`], for idempotent operations only |
/// | [`with_http_client`](RestClient::with_http_client) | a new `reqwest::Client` |
///
/// Every call sends a `traceparent` (a new trace, or the one given in [`CallOptions`]), and
/// its [`Reply`] or [`CallError`] carries the trace id the server answered. Clones share the
/// routes and the connection pool.
#[derive(Clone)]
pub struct RestClient {
    http: reqwest::Client,
    routes: Arc<HashMap<(&'static str, &'static str), Route>>,
    bearer: Option<HeaderValue>,
    timeout: Option<Duration>,
    retries: Retries,
}

impl core::fmt::Debug for RestClient {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        // Never print the credentials.
        f.debug_struct("RestClient")
            .field("operations", &self.routes.len())
            .field("bearer", &self.bearer.is_some())
            .field("timeout", &self.timeout)
            .field("retries", &self.retries)
            .finish()
    }
}

impl RestClient {
    /// A client of the operations of `registry` served at `base_url` (such as
    /// `http://127.0.0.1:8080`, or with the prefix a router is nested under), with the defaults
    /// above.
    ///
    /// Reads the schemas of the registry's queries once, to plan their query strings as the
    /// server does.
    pub fn new(base_url: &str, registry: &'static Registry) -> RestClient {
        let base = base_url.trim_end_matches('/');
        let schemas = Schemas::new(registry);
        let routes = registry
            .operations()
            .map(|operation| {
                let bound = operation.route();
                let path = PathPlan::new(&schemas, operation);
                let route = Route {
                    url: format!("{base}{}", bound.path),
                    method: match bound.method {
                        HttpMethod::Get => reqwest::Method::GET,
                        HttpMethod::Post => reqwest::Method::POST,
                        HttpMethod::Put => reqwest::Method::PUT,
                        HttpMethod::Patch => reqwest::Method::PATCH,
                        HttpMethod::Delete => reqwest::Method::DELETE,
                    },
                    plan: query_input(&schemas, operation).map(QueryPlan::new),
                    path: (!path.is_empty()).then_some(path),
                    status: bound.status,
                    envelope: bound.envelope,
                    idempotent: is_idempotent(operation),
                };
                (identity(operation), route)
            })
            .collect();
        RestClient {
            http: reqwest::Client::new(),
            routes: Arc::new(routes),
            bearer: None,
            timeout: Some(DEFAULT_TIMEOUT),
            retries: Retries::default(),
        }
    }

    /// Sends requests with `client` (its pool, proxies, TLS settings).
    pub fn with_http_client(mut self, client: reqwest::Client) -> RestClient {
        self.http = client;
        self
    }

    /// Authenticates every call with `Authorization: Bearer <token>`.
    ///
    /// # Panics
    ///
    /// If `token` cannot be a header value (a control character).
    pub fn with_bearer(mut self, token: &str) -> RestClient {
        let mut value = HeaderValue::try_from(format!("Bearer {token}"))
            .expect("a bearer token is header text");
        value.set_sensitive(true);
        self.bearer = Some(value);
        self
    }

    /// Sends no credentials.
    pub fn without_bearer(mut self) -> RestClient {
        self.bearer = None;
        self
    }

    /// Gives up on an attempt after `timeout` (a [`TransportKind::Timeout`] error).
    pub fn with_timeout(mut self, timeout: Duration) -> RestClient {
        self.timeout = Some(timeout);
        self
    }

    /// Waits as long as the server takes.
    pub fn without_timeout(mut self) -> RestClient {
        self.timeout = None;
        self
    }

    /// Retries idempotent operations as `retries` says (see [`Retries`]).
    pub fn with_retries(mut self, retries: Retries) -> RestClient {
        self.retries = retries;
        self
    }

    /// Calls operation `Op` with `input`: its output, with the success code and trace id, or
    /// its failure, typed.
    ///
    /// A type that is not an operation does not compile:
    ///
    /// ```compile_fail
    /// # async fn call(client: contracts_client::RestClient) {
    /// let _ = client.call::<String>(String::new()).await; // `String` is not an operation
    /// # }
    /// ```
    pub async fn call<Op: Operation>(&self, input: Op::Input) -> CallResult<Op> {
        self.call_with::<Op>(input, &CallOptions::new()).await
    }

    /// [`call`](RestClient::call) with options for this call.
    pub async fn call_with<Op: Operation>(
        &self,
        input: Op::Input,
        options: &CallOptions,
    ) -> CallResult<Op> {
        let route = self.route::<Op>()?;
        let request = if route.plan.is_none() && route.path.is_none() {
            Request {
                url: None,
                body: Some(serde_json::to_vec(&input).map_err(TransportError::input)?),
            }
        } else {
            let value = serde_json::to_value(&input).map_err(TransportError::input)?;
            request(route, value)?
        };
        self.send::<Op>(route, &request, options).await
    }

    /// Calls operation `Op` with an input given as JSON (forwarded from elsewhere, say), which
    /// the server validates: the same typed result as [`call`](RestClient::call), a
    /// `VALIDATION_FAILED` problem when the input does not match the contract.
    pub async fn call_json<Op: Operation>(
        &self,
        input: &Value,
        options: &CallOptions,
    ) -> CallResult<Op> {
        let route = self.route::<Op>()?;
        let request = request(route, input.clone())?;
        self.send::<Op>(route, &request, options).await
    }

    fn route<Op: Operation>(&self) -> Result<&Route, TransportError> {
        self.routes.get(&identity(Op::DESCRIPTOR)).ok_or_else(|| {
            let meta = &Op::DESCRIPTOR.meta;
            TransportError::new(
                TransportKind::Request,
                format!(
                    "operation `{}@{}` is not in the client's registry: build the client from a registry that includes it",
                    meta.key, meta.version
                ),
            )
        })
    }

    /// Sends the request, retrying an idempotent operation as the policy says.
    async fn send<Op: Operation>(
        &self,
        route: &Route,
        request: &Request,
        options: &CallOptions,
    ) -> CallResult<Op> {
        let traceparent = options.traceparent.clone().unwrap_or_else(traceparent);
        let retries = if route.idempotent {
            self.retries.max_retries
        } else {
            0
        };
        let mut attempt = 0;
        loop {
            let result = self
                .attempt::<Op>(route, request, &traceparent, options)
                .await;
            let retry_after = match &result {
                Err(CallError::Transport(error))
                    if matches!(error.kind, TransportKind::Connect | TransportKind::Timeout) =>
                {
                    None
                }
                Err(error) => match error.problem() {
                    Some(problem) if problem.retryable => problem.retry_after,
                    _ => return result,
                },
                Ok(_) => return result,
            };
            if attempt >= retries {
                return result;
            }
            attempt += 1;
            tokio::time::sleep(self.retries.wait(attempt, retry_after)).await;
        }
    }

    async fn attempt<Op: Operation>(
        &self,
        route: &Route,
        request: &Request,
        traceparent: &str,
        options: &CallOptions,
    ) -> CallResult<Op> {
        let url = request.url.as_deref().unwrap_or(&route.url);
        let mut builder = self.http.request(route.method.clone(), url);
        if let Some(body) = &request.body {
            builder = builder.header(CONTENT_TYPE, JSON).body(body.clone());
        }
        let mut builder = builder
            .header(ACCEPT, ACCEPTED)
            .header(TRACEPARENT, traceparent);
        if let Some(bearer) = &self.bearer {
            builder = builder.header(AUTHORIZATION, bearer.clone());
        }
        if let Some(timeout) = options.timeout.or(self.timeout) {
            builder = builder.timeout(timeout);
        }
        let response = builder.send().await.map_err(reqwest_error)?;
        let status = response.status().as_u16();
        let trace_id = response
            .headers()
            .get(X_TRACE_ID)
            .and_then(|value| value.to_str().ok())
            .map(TraceId::from);
        let body = response.bytes().await.map_err(|error| {
            let mut error = reqwest_error(error);
            error.status = Some(status);
            error.trace_id = trace_id.clone();
            error
        })?;
        decode::<Op>(route, status, trace_id, &body)
    }
}

/// A request's URL (when not the route's: with its path parameters or query string) and body
/// (for an input that is the body).
struct Request {
    url: Option<String>,
    body: Option<Vec<u8>>,
}

/// The request carrying `input` (as JSON) on `route`: its path parameters in the path, the rest
/// in the query string or the body.
fn request(route: &Route, input: Value) -> Result<Request, TransportError> {
    let unwritable = |error: contracts_export::openapi::QueryError| {
        TransportError::new(
            TransportKind::Request,
            format!("the input cannot be written in the request: {error}"),
        )
    };
    let (url, input) = match &route.path {
        Some(plan) => {
            let (url, rest) = plan.write(&route.url, input).map_err(unwritable)?;
            (Some(url), rest)
        }
        None => (None, input),
    };
    match &route.plan {
        Some(plan) => {
            let query = plan.write(&input).map_err(unwritable)?;
            let url = url.unwrap_or_else(|| route.url.clone());
            Ok(Request {
                url: Some(if query.is_empty() {
                    url
                } else {
                    format!("{url}?{query}")
                }),
                body: None,
            })
        }
        None => Ok(Request {
            url,
            body: Some(serde_json::to_vec(&input).map_err(TransportError::input)?),
        }),
    }
}

/// An operation's identity in the routes.
fn identity(operation: &OperationDescriptor) -> (&'static str, &'static str) {
    (operation.meta.key, operation.meta.version.as_str())
}

fn is_idempotent(operation: &OperationDescriptor) -> bool {
    operation.kind == OperationKind::Query || operation.policy.idempotent
}

fn reqwest_error(error: reqwest::Error) -> TransportError {
    let kind = if error.is_timeout() {
        TransportKind::Timeout
    } else if error.is_builder() {
        TransportKind::Request
    } else {
        TransportKind::Connect
    };
    TransportError::new(kind, format!("the call failed: {error}"))
}

/// The typed result of an answer: its status, its `x-trace-id` and its body.
fn decode<Op: Operation>(
    route: &Route,
    status: u16,
    trace_id: Option<TraceId>,
    body: &[u8],
) -> CallResult<Op> {
    let unreadable = |what: String| TransportError {
        kind: TransportKind::Response,
        status: Some(status),
        trace_id: trace_id.clone(),
        message: what,
    };
    if status == SuccessCode::NoContent.status() {
        let output = serde_json::from_slice(b"null").map_err(|error| {
            unreadable(format!(
                "`204 NO_CONTENT` answered an output that is not empty: {error}"
            ))
        })?;
        let trace_id = trace_id
            .clone()
            .ok_or_else(|| unreadable(format!("the answer has no `{X_TRACE_ID}` header")))?;
        return Ok(Reply::new(output, SuccessCode::NoContent, trace_id));
    }
    if (200..300).contains(&status) && !route.envelope {
        let output = serde_json::from_slice(body).map_err(|error| {
            unreadable(format!(
                "the output is not a `{}`: {error}",
                std::any::type_name::<Op::Output>()
            ))
        })?;
        let trace_id = trace_id
            .clone()
            .ok_or_else(|| unreadable(format!("the answer has no `{X_TRACE_ID}` header")))?;
        let code = SuccessCode::ALL
            .into_iter()
            .find(|code| code.status() == status)
            .unwrap_or(SuccessCode::Ok);
        return Ok(Reply::new(output, code, trace_id));
    }
    if (200..300).contains(&status) {
        let envelope: SuccessEnvelope<'_> = serde_json::from_slice(body)
            .map_err(|error| unreadable(format!("the answer is not a result envelope: {error}")))?;
        // A binding's status is every success's, whatever the code.
        if route.status.is_none() && envelope.code.status() != status {
            return Err(unreadable(format!(
                "the envelope's code `{}` is not the answer's status",
                envelope.code
            ))
            .into());
        }
        let output = serde_json::from_str(envelope.data.unwrap_or("null")).map_err(|error| {
            unreadable(format!(
                "the output is not a `{}`: {error}",
                std::any::type_name::<Op::Output>()
            ))
        })?;
        return Ok(Reply::new(
            output,
            envelope.code,
            TraceId::from(envelope.trace_id),
        ));
    }
    match serde_json::from_slice::<Problem>(body) {
        Ok(problem) => Err(CallError::from_problem(problem)),
        Err(error) => Err(unreadable(format!(
            "the answer is not a problem ({PROBLEM_CONTENT_TYPE}): {error}"
        ))
        .into()),
    }
}
