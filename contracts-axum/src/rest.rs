//! The REST adapter: a [`RestApi`] over a runtime, turned into an axum [`Router`].

use crate::auth::{Anonymous, AuthError, Authenticator};
use crate::query::{QueryError, QueryPlan};
use crate::trace::{trace_id_from_headers, X_TRACE_ID_HEADER};
use axum::body::Body;
use axum::extract::Request;
use axum::http::header::{ALLOW, CONTENT_LENGTH, CONTENT_TYPE, RETRY_AFTER, WWW_AUTHENTICATE};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::Response;
use axum::routing::any;
use axum::Router;
use bytes::Bytes;
use contracts_core::descriptors::OperationDescriptor;
use contracts_core::OperationKind;
use contracts_export::naming::{rest_method, rest_path, HttpMethod};
use contracts_export::openapi;
use contracts_runtime::{
    Actor, CallContext, ContractResult, DefaultDecider, FailureCode, NoPublisher, PolicyDecider,
    Problem, ProblemCategory, Publisher, Runtime, Severity, SuccessCode, TraceId,
    PROBLEM_CONTENT_TYPE,
};
use http_body_util::{BodyExt, LengthLimitError, Limited};
use std::borrow::Cow;
use std::future::Future;
use std::sync::{Arc, OnceLock};
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

/// The code of the problem answering a body over the limit (`413`); the runtime's standard
/// codes have none for it.
pub const PAYLOAD_TOO_LARGE: &str = "PAYLOAD_TOO_LARGE";

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
/// | [`with_openapi`](RestApi::with_openapi) | [`openapi::Options::for_registry`] |
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
///     .into_router();
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

    /// Serves the OpenAPI document at [`OPENAPI_PATH`] with these `info` and `servers`.
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

    /// The router: one route per operation of the registry (bound or not: an unbound one
    /// answers `501 NOT_IMPLEMENTED`), the OpenAPI document, and problem details for unknown
    /// routes.
    ///
    /// Nest it under a prefix with [`Router::nest`], or serve it as is with [`axum::serve()`].
    pub fn into_router(self) -> Router {
        let registry = self.runtime.registry();
        let document = self
            .openapi
            .as_ref()
            .map(|options| openapi::export_with(registry, options))
            .unwrap_or_else(|| openapi::export(registry));
        let shared = Arc::new(Shared {
            runtime: self.runtime,
            authenticator: self.authenticator,
            body_limit: self.body_limit,
            timeout: self.timeout,
            template: OnceLock::new(),
        });
        let mut router = Router::new();
        for operation in registry.operations() {
            let path = rest_path(&operation.meta);
            let plan = match operation.kind {
                OperationKind::Query => Some(QueryPlan::from_openapi(&document, &path)),
                OperationKind::Command => None,
            };
            let route = Arc::new(Route {
                shared: Arc::clone(&shared),
                operation,
                method: match rest_method(operation.kind) {
                    HttpMethod::Get => Method::GET,
                    HttpMethod::Post => Method::POST,
                },
                allow: HeaderValue::from_static(rest_method(operation.kind).as_str()),
                plan,
                path: path.clone(),
            });
            // axum clones the handler, hence the route, for each request: one count.
            router = router.route(&path, any(move |request: Request| call(route, request)));
        }
        if self.openapi.is_some() {
            let body = Bytes::from(serde_json::to_vec(&document).expect("a JSON value serializes"));
            let shared = Arc::clone(&shared);
            router = router.route(
                OPENAPI_PATH,
                any(move |request: Request| {
                    serve_document(Arc::clone(&shared), body.clone(), request)
                }),
            );
        }
        router.fallback(move |request: Request| not_found(Arc::clone(&shared), request))
    }
}

/// What every request handler shares.
struct Shared<P, D, A> {
    runtime: Arc<Runtime<P, D>>,
    authenticator: A,
    body_limit: usize,
    timeout: Option<Duration>,
    /// A problem made by the runtime, reshaped for the failures the adapter detects itself, so
    /// that every problem has the runtime's shape and problem type base.
    template: OnceLock<Problem>,
}

/// One operation's route.
struct Route<P, D, A> {
    shared: Arc<Shared<P, D, A>>,
    operation: &'static OperationDescriptor,
    method: Method,
    allow: HeaderValue,
    plan: Option<QueryPlan>,
    path: String,
}

/// A failure the adapter detects before or around the runtime.
struct Refusal {
    code: Cow<'static, str>,
    status: u16,
    title: &'static str,
    detail: String,
    operation: Option<&'static OperationDescriptor>,
}

impl Refusal {
    fn standard(code: FailureCode, detail: String) -> Refusal {
        Refusal {
            code: Cow::Borrowed(code.as_str()),
            status: code.status(),
            title: code.title(),
            detail,
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
    let (parts, body) = request.into_parts();
    let trace_id = trace_id_from_headers(&parts.headers).unwrap_or_else(TraceId::generate);
    let span = tracing::info_span!(
        "http.request",
        http.method = %parts.method,
        http.route = route.path.as_str(),
        trace_id = %trace_id,
        http.status = Empty,
    );
    let operation = route.operation;
    let work = async {
        if parts.method != route.method {
            let detail = format!(
                "`{}` is a {}: call it with {}",
                operation.meta.key,
                operation.kind.as_str(),
                route.method
            );
            let refusal = Refusal::standard(FailureCode::MethodNotAllowed, detail).about(operation);
            let mut response = shared.refuse(refusal, &trace_id).await;
            response.headers_mut().insert(ALLOW, route.allow.clone());
            return response;
        }
        let run = async {
            let actor = match shared.authenticator.authenticate(&parts.headers).await {
                Ok(actor) => actor,
                Err(error) => return Outcome::BadCredentials(error),
            };
            let context = CallContext::traced(actor, trace_id.clone());
            let (key, version) = (operation.meta.key, Some(operation.meta.version.as_str()));
            let runtime = &shared.runtime;
            match &route.plan {
                None => {
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
                    Outcome::Executed(runtime.execute(key, version, input, context).await)
                }
                Some(plan) => match plan.read(parts.uri.query().unwrap_or("")) {
                    Ok(input) => {
                        Outcome::Executed(runtime.execute(key, version, &input, context).await)
                    }
                    Err(QueryError(detail)) => Outcome::Refused(
                        Refusal::standard(FailureCode::BadRequest, detail).about(operation),
                    ),
                },
            }
        };
        let outcome = match shared.timeout {
            None => run.await,
            Some(limit) => match within(limit, run).await {
                Some(outcome) => outcome,
                None => Outcome::Refused(
                    Refusal::standard(
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
            Outcome::Executed(result) => result_response(result),
            Outcome::Refused(refusal) => shared.refuse(refusal, &trace_id).await,
            Outcome::BadCredentials(error) => {
                let refusal =
                    Refusal::standard(FailureCode::Unauthenticated, error.detail().to_owned())
                        .about(operation);
                let mut response = shared.refuse(refusal, &trace_id).await;
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

/// Reads a request body of at most `limit` bytes.
async fn read_body(headers: &HeaderMap, body: Body, limit: usize) -> Result<Bytes, Refusal> {
    let too_large = || Refusal {
        code: Cow::Borrowed(PAYLOAD_TOO_LARGE),
        status: 413,
        title: "Payload too large",
        detail: format!("the request body is larger than the limit of {limit} bytes"),
        operation: None,
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
        Err(error) => Err(Refusal::standard(
            FailureCode::BadRequest,
            format!("the request body could not be read: {error}"),
        )),
    }
}

/// The response of a call the runtime answered.
fn result_response(result: ContractResult) -> Response {
    match result {
        ContractResult::Success(success) => {
            let status = success.code.status();
            let mut response = if success.code == SuccessCode::NoContent {
                Response::new(Body::empty())
            } else {
                let data = success.data.as_deref().unwrap_or("null");
                let mut body = Vec::with_capacity(data.len() + 96);
                body.extend_from_slice(br#"{"ok":true,"code":""#);
                body.extend_from_slice(success.code.as_str().as_bytes());
                body.extend_from_slice(br#"","status":"#);
                body.extend_from_slice(status_text(status).as_bytes());
                body.extend_from_slice(br#","data":"#);
                // The output as serde_json wrote it: valid JSON, embedded as is.
                body.extend_from_slice(data.as_bytes());
                body.extend_from_slice(br#","traceId":"#);
                serde_json::to_writer(&mut body, success.trace_id.as_str())
                    .expect("a string serializes");
                body.push(b'}');
                let mut response = Response::new(Body::from(body));
                response.headers_mut().insert(CONTENT_TYPE, JSON);
                response
            };
            *response.status_mut() = status_code(status);
            insert_trace_id(response.headers_mut(), &success.trace_id);
            response
        }
        ContractResult::Failure(problem) => problem_response(&problem),
    }
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

/// The decimal text of a success status, without formatting.
fn status_text(status: u16) -> Cow<'static, str> {
    match status {
        200 => Cow::Borrowed("200"),
        201 => Cow::Borrowed("201"),
        202 => Cow::Borrowed("202"),
        206 => Cow::Borrowed("206"),
        207 => Cow::Borrowed("207"),
        other => Cow::Owned(other.to_string()),
    }
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
    /// The problem response of a refusal.
    async fn refuse(&self, refusal: Refusal, trace_id: &TraceId) -> Response {
        let mut problem = self.template().await.clone();
        let base = problem
            .type_uri
            .strip_suffix("not-found")
            .unwrap_or(&problem.type_uri)
            .to_owned();
        problem.type_uri = problem_type(&base, &refusal.code);
        problem.title = Cow::Borrowed(refusal.title);
        problem.status = refusal.status;
        problem.detail = Some(refusal.detail);
        problem.instance = Some(format!("urn:trace:{}", percent_encoded(trace_id.as_str())));
        problem.category = ProblemCategory::of_status(refusal.status);
        problem.severity = Severity::of_status(refusal.status);
        problem.retryable = matches!(refusal.status, 429 | 502 | 503 | 504);
        problem.retry_after = None;
        problem.trace_id = trace_id.clone();
        problem.code = refusal.code;
        problem.issues = Vec::new();
        problem.escalation = None;
        problem.metadata = None;
        match (refusal.operation, &mut problem.operation) {
            (Some(operation), Some(reference)) => {
                reference.key = operation.meta.key.to_owned();
                reference.version = Some(operation.meta.version.as_str().to_owned());
                reference.kind = Some(operation.kind);
            }
            _ => problem.operation = None,
        }
        problem_response(&problem)
    }

    /// A problem made by the runtime, to reshape: the `NOT_FOUND` of an operation that cannot
    /// exist (keys are never empty).
    async fn template(&self) -> &Problem {
        if let Some(template) = self.template.get() {
            return template;
        }
        let context = CallContext::traced(Actor::Anonymous, "template");
        let result = self.runtime.execute("", None, "{}", context).await;
        let problem = result
            .problem()
            .expect("an operation without a key is not found")
            .clone();
        self.template.get_or_init(|| problem)
    }
}

/// `base` followed by `code` in kebab case, as the runtime writes problem types.
fn problem_type(base: &str, code: &str) -> String {
    let mut uri = String::with_capacity(base.len() + code.len());
    uri.push_str(base);
    uri.extend(code.chars().map(|c| match c {
        '_' => '-',
        c => c.to_ascii_lowercase(),
    }));
    uri
}

/// Percent-encodes everything but RFC 3986 unreserved characters.
fn percent_encoded(text: &str) -> String {
    let mut encoded = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            encoded.push(byte as char);
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
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
        let refusal = Refusal::standard(FailureCode::MethodNotAllowed, detail);
        let mut response = shared.refuse(refusal, &trace_id).await;
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
    if let Some((key, version)) = path
        .strip_prefix('/')
        .and_then(|p| p.rsplit_once("/v"))
        .map(|(key, version)| (key.replace('/', "."), version))
    {
        let versions: Vec<&str> = shared
            .runtime
            .registry()
            .versions(&key)
            .iter()
            .filter(|entry| entry.contract().as_operation().is_some())
            .map(|entry| entry.version())
            .collect();
        if !versions.is_empty() {
            detail = format!(
                "operation `{key}` has no version `{version}` (known versions: {})",
                versions.join(", ")
            );
        }
    }
    let refusal = Refusal::standard(FailureCode::NotFound, detail);
    shared.refuse(refusal, &trace_id).await
}
