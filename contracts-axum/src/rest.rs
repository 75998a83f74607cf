//! The REST adapter: a [`RestApi`] over a runtime, turned into an axum [`Router`].

use crate::auth::{Anonymous, AuthError, Authenticator};
use crate::trace::{trace_id_from_headers, X_TRACE_ID_HEADER};
use axum::body::Body;
use axum::extract::{FromRequestParts, RawPathParams, Request};
use axum::http::header::{ALLOW, CONTENT_LENGTH, CONTENT_TYPE, RETRY_AFTER, WWW_AUTHENTICATE};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::Response;
use axum::routing::any;
use axum::Router;
use bytes::Bytes;
use contracts_core::descriptors::OperationDescriptor;
use contracts_core::wire::SuccessEnvelope;
use contracts_export::json_schema::Schemas;
use contracts_export::naming::{rest_key_path, HttpMethod};
use contracts_export::openapi::{self, PathPlan, QueryError, QueryPlan};
use contracts_runtime::{
    CallContext, ContractResult, DefaultDecider, Failure, FailureCode, NoPublisher,
    OperationHandle, PolicyDecider, Problem, Publisher, Runtime, StartupError, SuccessCode,
    TraceId, PROBLEM_CONTENT_TYPE,
};
use http_body_util::{BodyExt, LengthLimitError, Limited};
use std::collections::HashMap;
use std::future::Future;
use std::sync::Arc;
use std::task::Poll;
use std::time::Duration;
use tracing::field::Empty;
use tracing::Instrument;

/// The default limit of a request body: 1 MiB.
pub const DEFAULT_BODY_LIMIT: usize = 1 << 20;

/// The default time a request may take, from its headers to its response: 30 seconds.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// The path of the OpenAPI document.
pub const OPENAPI_PATH: &str = "/openapi.json";

/// The code of the problem answering a body over the limit (`413`):
/// [`FailureCode::PayloadTooLarge`].
pub const PAYLOAD_TOO_LARGE: &str = FailureCode::PayloadTooLarge.as_str();

const JSON: HeaderValue = HeaderValue::from_static("application/json");
const PROBLEM_JSON: HeaderValue = HeaderValue::from_static(PROBLEM_CONTENT_TYPE);

/// The REST surface of a [`Runtime`]: every operation of its registry at its REST path, the
/// OpenAPI document at [`OPENAPI_PATH`], problem details for every failure.
///
/// Build it, configure it, and turn it into an axum [`Router`] with
/// [`into_router`](RestApi::into_router). The [crate docs](crate) describe the HTTP contract.
///
/// | setting | default |
/// |---|---|
/// | [`with_authenticator`](RestApi::with_authenticator) | [`Anonymous`]: every caller is anonymous |
/// | [`with_body_limit`](RestApi::with_body_limit) | [`DEFAULT_BODY_LIMIT`] (1 MiB), else `413` |
/// | [`with_timeout`](RestApi::with_timeout) | [`DEFAULT_TIMEOUT`] (30 s), else `504 TIMEOUT` |
/// | [`with_openapi`](RestApi::with_openapi) | [`openapi::Options::for_registry`]; your package's `info` with [`openapi_options!`](crate::openapi_options) |
///
/// ```
/// use contracts_axum::{RestApi, StaticTokens};
/// use contracts_core::{query, registry, Model};
/// use contracts_runtime::{Actor, Ctx, Failure, Runtime};
/// use std::time::Duration;
///
/// /// Say hello.
/// #[query(key = "demo.hello", version = "1.0.0", output = String, policy(auth = "user"))]
/// #[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
/// pub struct Hello { pub name: String }
///
/// registry! { pub static DEMO; defaults(owners = ["team.demo"], stability = "beta"); contracts(Hello); }
///
/// async fn hello(input: Hello, _ctx: Ctx<Hello>) -> Result<String, Failure> {
///     Ok(format!("hello {}", input.name))
/// }
///
/// # fn main() {
/// let mut runtime = Runtime::new(&DEMO);
/// runtime.bind::<Hello>(hello).unwrap();
/// let router: axum::Router = RestApi::new(runtime)
///     .with_authenticator(StaticTokens::new().with_token("t-1", Actor::user("u-1")))
///     .with_body_limit(64 * 1024)
///     .with_timeout(Duration::from_secs(5))
///     .into_router()
///     .unwrap();
/// // GET /demo/hello/v1.0.0?name=Ada, with `Authorization: Bearer t-1`
/// # let _ = router;
/// # }
/// ```
pub struct RestApi<P = NoPublisher, D = DefaultDecider, A = Anonymous> {
    runtime: Arc<Runtime<P, D>>,
    authenticator: A,
    body_limit: usize,
    timeout: Option<Duration>,
    openapi: Option<openapi::Options>,
}

impl<P, D, A: core::fmt::Debug> core::fmt::Debug for RestApi<P, D, A> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("RestApi")
            .field("runtime", &self.runtime)
            .field("authenticator", &self.authenticator)
            .field("body_limit", &self.body_limit)
            .field("timeout", &self.timeout)
            .field("openapi", &self.openapi)
            .finish()
    }
}

impl<P: Publisher, D: PolicyDecider> RestApi<P, D> {
    /// The REST surface of `runtime` (by value, or an `Arc` shared with other surfaces), with
    /// the defaults above.
    pub fn new(runtime: impl Into<Arc<Runtime<P, D>>>) -> RestApi<P, D> {
        let runtime = runtime.into();
        let openapi = Some(openapi::Options::for_registry(runtime.registry()));
        RestApi {
            runtime,
            authenticator: Anonymous,
            body_limit: DEFAULT_BODY_LIMIT,
            timeout: Some(DEFAULT_TIMEOUT),
            openapi,
        }
    }
}

impl<P: Publisher, D: PolicyDecider, A: Authenticator> RestApi<P, D, A> {
    /// Tells callers apart with `authenticator` (see [`Authenticator`]).
    pub fn with_authenticator<B: Authenticator>(self, authenticator: B) -> RestApi<P, D, B> {
        RestApi {
            runtime: self.runtime,
            authenticator,
            body_limit: self.body_limit,
            timeout: self.timeout,
            openapi: self.openapi,
        }
    }

    /// Refuses request bodies over `bytes` with `413 PAYLOAD_TOO_LARGE`.
    pub fn with_body_limit(mut self, bytes: usize) -> Self {
        self.body_limit = bytes;
        self
    }

    /// Answers `504 TIMEOUT` to a request not answered within `timeout` (reading the body and
    /// running the operation); the operation's future is dropped, and its events with it.
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Lets requests take as long as they take.
    pub fn without_timeout(mut self) -> Self {
        self.timeout = None;
        self
    }

    /// Serves the OpenAPI document at [`OPENAPI_PATH`] with these `info` and `servers`:
    /// `contracts_axum::openapi_options!()` gives your package's name, version and
    /// description (`CARGO_PKG_*`), to override or complete with `with_servers`.
    pub fn with_openapi(mut self, options: openapi::Options) -> Self {
        self.openapi = Some(options);
        self
    }

    /// Serves no OpenAPI document.
    pub fn without_openapi(mut self) -> Self {
        self.openapi = None;
        self
    }

    /// The runtime.
    pub fn runtime(&self) -> &Arc<Runtime<P, D>> {
        &self.runtime
    }

    /// The router: one route per operation of the registry, the OpenAPI document, and
    /// problem details for unknown routes.
    ///
    /// Fails if the runtime is not ready to serve ([`Runtime::check`]): an operation with no
    /// handler (unless left unbound on purpose, when it answers `501 NOT_IMPLEMENTED` to the
    /// callers its policy admits), or operations that emit events with no publisher. The error
    /// lists them.
    ///
    /// Nest it under a prefix with [`Router::nest`], or serve it with [`serve`](crate::serve())
    /// (which bounds the time a client takes to send its headers).
    pub fn into_router(self) -> Result<Router, StartupError> {
        self.runtime.check()?;
        let registry = self.runtime.registry();
        // The document and the query plans read the same schemas, generated once.
        let schemas = Schemas::new(registry);
        let document = self.openapi.as_ref().map(|options| {
            let document = openapi::Document::new(&schemas, options);
            Bytes::from(serde_json::to_vec(&document).expect("an OpenAPI document serializes"))
        });
        let operations: Vec<OperationHandle> = self.runtime.operations().collect();
        let shared = Arc::new(Shared {
            runtime: self.runtime,
            authenticator: self.authenticator,
            body_limit: self.body_limit,
            timeout: self.timeout,
            keys: operations
                .iter()
                .map(|handle| {
                    let key = handle.descriptor().meta.key;
                    (rest_key_path(key), key)
                })
                .collect(),
        });
        // Operations bound to one path with different methods share one axum route, whose
        // parameters are named by position: axum refuses two routes that differ only by the
        // names of their parameters.
        let mut endpoints: Vec<(String, Endpoint<P, D, A>)> = Vec::new();
        for handle in operations {
            let operation = handle.descriptor();
            let route = operation.route();
            let plan = openapi::query_input(&schemas, operation).map(QueryPlan::new);
            let path_plan = PathPlan::new(&schemas, operation);
            let axum_path = positional_path(&route.path);
            let route = Route {
                shared: Arc::clone(&shared),
                handle,
                method: method_of(route.method),
                allow: HeaderValue::from_static(route.method.as_str()),
                plan,
                path_plan: (!path_plan.is_empty()).then(|| {
                    let names = route.parameters().map(str::to_owned).collect();
                    (path_plan, names)
                }),
                status: route.status.map(status_code),
                envelope: route.envelope,
                path: route.path.into_owned(),
            };
            match endpoints.iter_mut().find(|(path, _)| *path == axum_path) {
                Some((_, routes)) => routes.push(Arc::new(route)),
                None => endpoints.push((axum_path, vec![Arc::new(route)])),
            }
        }
        let mut router = Router::new();
        for (path, mut routes) in endpoints {
            if let [only] = routes.as_slice() {
                let route = Arc::clone(only);
                // axum clones the handler, hence the route, for each request: one count.
                router = router.route(&path, any(move |request: Request| call(route, request)));
                continue;
            }
            let allow: Vec<&str> = routes.iter().map(|r| r.method.as_str()).collect();
            let allow = HeaderValue::from_str(&allow.join(", ")).expect("methods are header text");
            for route in &mut routes {
                if let Some(route) = Arc::get_mut(route) {
                    route.allow = allow.clone();
                }
            }
            let routes: Arc<[Arc<Route<P, D, A>>]> = routes.into();
            router = router.route(
                &path,
                any(move |request: Request| {
                    let route = routes
                        .iter()
                        .find(|route| route.method == request.method())
                        .unwrap_or(&routes[0]);
                    call(Arc::clone(route), request)
                }),
            );
        }
        if let Some(body) = document {
            let shared = Arc::clone(&shared);
            router = router.route(
                OPENAPI_PATH,
                any(move |request: Request| {
                    serve_document(Arc::clone(&shared), body.clone(), request)
                }),
            );
        }
        Ok(router.fallback(move |request: Request| not_found(Arc::clone(&shared), request)))
    }
}

/// What every request handler shares.
struct Shared<P, D, A> {
    runtime: Arc<Runtime<P, D>>,
    authenticator: A,
    body_limit: usize,
    timeout: Option<Duration>,
    /// The key of each operation's path without its version segment (`/shop/order/place`):
    /// what an unknown version of a known operation is answered from.
    keys: HashMap<String, &'static str>,
}

/// The routes of the operations bound to one path, one per method.
type Endpoint<P, D, A> = Vec<Arc<Route<P, D, A>>>;

/// One operation's route.
struct Route<P, D, A> {
    shared: Arc<Shared<P, D, A>>,
    handle: OperationHandle,
    method: Method,
    allow: HeaderValue,
    plan: Option<QueryPlan>,
    /// How the path's parameters fill the input, and their names in path order (the route's
    /// parameters are named by position).
    path_plan: Option<(PathPlan, Vec<String>)>,
    /// The status of every success, when the binding sets one.
    status: Option<StatusCode>,
    /// Whether a success answers the result envelope, or the bare output.
    envelope: bool,
    path: String,
}

/// A failure the adapter detects before or around the runtime, about the route's operation.
struct Refusal {
    failure: Failure,
    operation: Option<&'static OperationDescriptor>,
}

impl Refusal {
    fn new(code: FailureCode, detail: String) -> Refusal {
        Refusal {
            failure: Failure::standard(code).with_detail(detail),
            operation: None,
        }
    }

    fn about(mut self, operation: &'static OperationDescriptor) -> Refusal {
        self.operation = Some(operation);
        self
    }
}

/// What answering an operation's request came to.
enum Outcome {
    /// The runtime ran (or refused) the call.
    Executed(ContractResult),
    /// The adapter refused the request.
    Refused(Refusal),
    /// The credentials were refused.
    BadCredentials(AuthError),
}

async fn call<P: Publisher, D: PolicyDecider, A: Authenticator>(
    route: Arc<Route<P, D, A>>,
    request: Request,
) -> Response {
    let shared = &route.shared;
    let (mut parts, body) = request.into_parts();
    let trace_id = trace_id_from_headers(&parts.headers).unwrap_or_else(TraceId::generate);
    let span = tracing::info_span!(
        "http.request",
        http.method = %parts.method,
        http.route = route.path.as_str(),
        trace_id = %trace_id,
        http.status = Empty,
    );
    let operation = route.handle.descriptor();
    let work = async {
        if parts.method != route.method {
            let detail = format!(
                "`{} {}` is not served: call it with {}",
                parts.method,
                route.path,
                route.allow.to_str().unwrap_or_default()
            );
            let refusal = Refusal::new(FailureCode::MethodNotAllowed, detail).about(operation);
            let mut response = shared.refuse(refusal, &trace_id);
            response.headers_mut().insert(ALLOW, route.allow.clone());
            return response;
        }
        let run = async {
            let actor = match shared.authenticator.authenticate(&parts.headers).await {
                Ok(actor) => actor,
                Err(error) => return Outcome::BadCredentials(error),
            };
            let context = CallContext::traced(actor, trace_id.clone());
            let runtime = &*shared.runtime;
            let path_values = match &route.path_plan {
                None => None,
                Some(_) => match RawPathParams::from_request_parts(&mut parts, &()).await {
                    Ok(values) => Some(values),
                    Err(rejection) => {
                        return Outcome::Refused(
                            Refusal::new(FailureCode::BadRequest, rejection.body_text())
                                .about(operation),
                        )
                    }
                },
            };
            let with_path = |input: &[u8]| -> Result<Option<Vec<u8>>, Refusal> {
                let (Some((plan, names)), Some(values)) = (&route.path_plan, &path_values) else {
                    return Ok(None);
                };
                let pairs: Vec<(&str, &str)> = names
                    .iter()
                    .map(String::as_str)
                    .zip(values.iter().map(|(_, value)| value))
                    .collect();
                plan.merge(input, &pairs)
                    .map(Some)
                    .map_err(|QueryError(detail)| {
                        Refusal::new(FailureCode::BadRequest, detail).about(operation)
                    })
            };
            match &route.plan {
                None => {
                    if let Err(refusal) = check_media_type(&parts.headers) {
                        return Outcome::Refused(refusal.about(operation));
                    }
                    let bytes = match read_body(&parts.headers, body, shared.body_limit).await {
                        Ok(bytes) => bytes,
                        Err(refusal) => return Outcome::Refused(refusal.about(operation)),
                    };
                    // An empty body is an empty object: `curl -X POST` calls a command without
                    // input fields.
                    let input: &[u8] = if bytes.iter().all(u8::is_ascii_whitespace) {
                        b"{}"
                    } else {
                        &bytes
                    };
                    match with_path(input) {
                        Ok(None) => {
                            Outcome::Executed(route.handle.execute(runtime, input, context).await)
                        }
                        Ok(Some(merged)) => {
                            Outcome::Executed(route.handle.execute(runtime, &merged, context).await)
                        }
                        Err(refusal) => Outcome::Refused(refusal),
                    }
                }
                Some(plan) => match plan.read(parts.uri.query().unwrap_or("")) {
                    Ok(input) => match with_path(input.as_bytes()) {
                        Ok(None) => {
                            Outcome::Executed(route.handle.execute(runtime, &input, context).await)
                        }
                        Ok(Some(merged)) => {
                            Outcome::Executed(route.handle.execute(runtime, &merged, context).await)
                        }
                        Err(refusal) => Outcome::Refused(refusal),
                    },
                    Err(QueryError(detail)) => Outcome::Refused(
                        Refusal::new(FailureCode::BadRequest, detail).about(operation),
                    ),
                },
            }
        };
        let outcome = match shared.timeout {
            None => run.await,
            Some(limit) => match within(limit, run).await {
                Some(outcome) => outcome,
                None => Outcome::Refused(
                    Refusal::new(
                        FailureCode::Timeout,
                        format!(
                            "`{}` did not answer within {} ms",
                            operation.meta.key,
                            limit.as_millis()
                        ),
                    )
                    .about(operation),
                ),
            },
        };
        match outcome {
            Outcome::Executed(result) => result_response(result, route.status, route.envelope),
            Outcome::Refused(refusal) => shared.refuse(refusal, &trace_id),
            Outcome::BadCredentials(error) => {
                let refusal = Refusal::new(FailureCode::Unauthenticated, error.detail().to_owned())
                    .about(operation);
                let mut response = shared.refuse(refusal, &trace_id);
                response.headers_mut().insert(
                    WWW_AUTHENTICATE,
                    HeaderValue::from_static(r#"Bearer error="invalid_token""#),
                );
                response
            }
        }
    };
    if span.is_disabled() {
        work.await
    } else {
        let response = work.instrument(span.clone()).await;
        span.record("http.status", response.status().as_u16());
        response
    }
}

/// Runs `future` for at most `limit`, or gives `None`. The timer starts only if the future
/// does not complete at once, as most calls do: they then cost no timer.
async fn within<F: Future>(limit: Duration, future: F) -> Option<F::Output> {
    let mut future = std::pin::pin!(future);
    let first = std::future::poll_fn(|cx| Poll::Ready(future.as_mut().poll(cx))).await;
    match first {
        Poll::Ready(output) => Some(output),
        Poll::Pending => tokio::time::timeout(limit, future).await.ok(),
    }
}

/// Refuses a body whose declared media type is not JSON (`application/json`, or any
/// `application/*+json`) with `415`. A body without `Content-Type` is read as JSON, and so is
/// an empty one whatever its type.
fn check_media_type(headers: &HeaderMap) -> Result<(), Refusal> {
    let Some(value) = headers.get(CONTENT_TYPE) else {
        return Ok(());
    };
    let empty = headers
        .get(CONTENT_LENGTH)
        .is_some_and(|length| length.as_bytes() == b"0");
    if empty || value.to_str().is_ok_and(is_json_media_type) {
        return Ok(());
    }
    Err(Refusal::new(
        FailureCode::UnsupportedMediaType,
        format!(
            "the request body is `{}`: send JSON, with `Content-Type: application/json`",
            String::from_utf8_lossy(value.as_bytes())
        ),
    ))
}

/// Whether a `Content-Type` value is a JSON media type.
fn is_json_media_type(value: &str) -> bool {
    let essence = value.split(';').next().unwrap_or_default().trim();
    let Some((kind, subtype)) = essence.split_once('/') else {
        return false;
    };
    let subtype = subtype.to_ascii_lowercase();
    kind.eq_ignore_ascii_case("application") && (subtype == "json" || subtype.ends_with("+json"))
}

/// Reads a request body of at most `limit` bytes.
async fn read_body(headers: &HeaderMap, body: Body, limit: usize) -> Result<Bytes, Refusal> {
    let too_large = || {
        Refusal::new(
            FailureCode::PayloadTooLarge,
            format!("the request body is larger than the limit of {limit} bytes"),
        )
    };
    let declared = headers
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|length| length > limit as u64) {
        return Err(too_large());
    }
    match Limited::new(body, limit).collect().await {
        Ok(collected) => Ok(collected.to_bytes()),
        Err(error) if error.is::<LengthLimitError>() => Err(too_large()),
        Err(error) => Err(Refusal::new(
            FailureCode::BadRequest,
            format!("the request body could not be read: {error}"),
        )),
    }
}

/// The response of a call the runtime answered: a success under the binding's status (if it
/// sets one) or its code's, its body the result envelope or (`envelope` false) the bare output;
/// `204` and `NO_CONTENT` have no body.
fn result_response(result: ContractResult, status: Option<StatusCode>, envelope: bool) -> Response {
    match result {
        ContractResult::Success(success) => {
            let status = status.unwrap_or_else(|| status_code(success.code.status()));
            let mut response =
                if success.code == SuccessCode::NoContent || status == StatusCode::NO_CONTENT {
                    Response::new(Body::empty())
                } else {
                    let body = if envelope {
                        let mut body = Vec::new();
                        SuccessEnvelope {
                            code: success.code,
                            data: Some(success.data.as_deref().unwrap_or("null")),
                            trace_id: success.trace_id.as_str(),
                        }
                        .write(&mut body);
                        body
                    } else {
                        success
                            .data
                            .as_deref()
                            .unwrap_or("null")
                            .as_bytes()
                            .to_vec()
                    };
                    let mut response = Response::new(Body::from(body));
                    response.headers_mut().insert(CONTENT_TYPE, JSON);
                    response
                };
            *response.status_mut() = status;
            insert_trace_id(response.headers_mut(), &success.trace_id);
            response
        }
        ContractResult::Failure(problem) => problem_response(&problem),
    }
}

/// The method axum compares a request's with.
fn method_of(method: HttpMethod) -> Method {
    match method {
        HttpMethod::Get => Method::GET,
        HttpMethod::Post => Method::POST,
        HttpMethod::Put => Method::PUT,
        HttpMethod::Patch => Method::PATCH,
        HttpMethod::Delete => Method::DELETE,
    }
}

/// A path template with its parameters named by position (`/loans/{loanId}` is
/// `/loans/{p0}`).
fn positional_path(template: &str) -> String {
    let mut index = 0;
    template
        .split('/')
        .map(|segment| {
            if segment.starts_with('{') && segment.ends_with('}') {
                index += 1;
                format!("{{p{}}}", index - 1)
            } else {
                segment.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// The response carrying `problem`, with the headers its status calls for.
fn problem_response(problem: &Problem) -> Response {
    let body = serde_json::to_vec(problem).expect("a problem serializes");
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status_code(problem.status);
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, PROBLEM_JSON);
    insert_trace_id(headers, &problem.trace_id);
    if let Some(seconds) = problem.retry_after {
        headers.insert(RETRY_AFTER, HeaderValue::from(seconds));
    }
    if problem.status == 401 {
        headers.insert(WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    }
    response
}

fn status_code(status: u16) -> StatusCode {
    StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

fn insert_trace_id(headers: &mut HeaderMap, trace_id: &TraceId) {
    if let Ok(value) = HeaderValue::from_str(trace_id.as_str()) {
        headers.insert(X_TRACE_ID_HEADER, value);
    }
}

impl<P: Publisher, D: PolicyDecider, A> Shared<P, D, A> {
    /// The problem response of a refusal, as the runtime writes problems.
    fn refuse(&self, refusal: Refusal, trace_id: &TraceId) -> Response {
        let problem = self
            .runtime
            .problem(refusal.failure, refusal.operation, trace_id.clone());
        problem_response(&problem)
    }
}

/// `GET /openapi.json`.
async fn serve_document<P: Publisher, D: PolicyDecider, A>(
    shared: Arc<Shared<P, D, A>>,
    document: Bytes,
    request: Request,
) -> Response {
    let trace_id = trace_id_from_headers(request.headers()).unwrap_or_else(TraceId::generate);
    if request.method() != Method::GET && request.method() != Method::HEAD {
        let detail = format!("{OPENAPI_PATH} is read with GET");
        let refusal = Refusal::new(FailureCode::MethodNotAllowed, detail);
        let mut response = shared.refuse(refusal, &trace_id);
        response
            .headers_mut()
            .insert(ALLOW, HeaderValue::from_static("GET, HEAD"));
        return response;
    }
    let mut response = Response::new(Body::from(document));
    response.headers_mut().insert(CONTENT_TYPE, JSON);
    insert_trace_id(response.headers_mut(), &trace_id);
    response
}

/// Any other route: `404 NOT_FOUND`, naming the known versions when the path is an
/// operation's at another version.
async fn not_found<P: Publisher, D: PolicyDecider, A>(
    shared: Arc<Shared<P, D, A>>,
    request: Request,
) -> Response {
    let trace_id = trace_id_from_headers(request.headers()).unwrap_or_else(TraceId::generate);
    let path = request.uri().path();
    let mut detail = format!("no operation at `{} {path}`", request.method());
    let known = path.rsplit_once('/').and_then(|(key_path, segment)| {
        let key = shared.keys.get(key_path)?;
        Some((*key, segment.strip_prefix('v')?))
    });
    if let Some((key, version)) = known {
        let versions: Vec<&str> = shared
            .runtime
            .registry()
            .versions(key)
            .iter()
            .filter(|entry| entry.contract().as_operation().is_some())
            .map(|entry| entry.version())
            .collect();
        detail = format!(
            "operation `{key}` has no version `{version}` (known versions: {})",
            versions.join(", ")
        );
    }
    shared.refuse(Refusal::new(FailureCode::NotFound, detail), &trace_id)
}
