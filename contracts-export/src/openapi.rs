//! An OpenAPI 3.1 document of every command and query of a registry.
//!
//! [`export`] builds one path per operation by ContractSpec's REST rule ([`rest_path`],
//! [`rest_method`]):
//!
//! - a **command** is `POST /<key with dots as slashes>/v<version>` with its input as the JSON
//!   request body;
//! - a **query** is `GET` on the same path with its input as **query parameters**: each
//!   top-level input field is a parameter, `required` as in the model, with the field's schema
//!   when it is a scalar or a list of scalars, or as JSON text (`content: application/json`)
//!   when it is an object or anything more complex. An input without fields has no parameter;
//!   an input that is not an object (or is a map) is one JSON parameter named `input`.
//!
//! # Responses
//!
//! - `2XX`: the **result envelope** as `application/json` (`components/schemas/`
//!   [`SUCCESS_SCHEMA`]): `{"ok": true, "code", "status", "data", "traceId"}` with `data` the
//!   operation's output, under the status of the success code the handler chose (`200` OK,
//!   `201` CREATED, `202` ACCEPTED or QUEUED, `206` PARTIAL, `207` MULTI_STATUS); `NO_CONTENT`
//!   is `204` without a body. Every response carries the call's trace id in the `x-trace-id`
//!   header;
//! - every **declared error** as `application/problem+json` under its HTTP status, errors
//!   sharing a status grouped in one response whose `code` is one of theirs;
//! - the **standard failures**: `400 BAD_REQUEST`, `401 UNAUTHENTICATED` (operations that
//!   require authentication), `403 FORBIDDEN`, `404 NOT_FOUND`, `412 PRECONDITION_FAILED`
//!   (operations that require human review), `413 PAYLOAD_TOO_LARGE` (commands: a body over
//!   the server's limit), `422 VALIDATION_FAILED`, `429 RATE_LIMITED`, `500 INTERNAL_ERROR`
//!   and `504 TIMEOUT`, as shared `components/responses`; a declared error with the same
//!   status joins the standard failure in one response.
//!
//! This is the HTTP contract the `contracts-axum` adapter implements.
//!
//! Every failure body is a [`PROBLEM_SCHEMA`] (`components/schemas/ProblemDetails`): RFC 9457
//! Problem Details (`type`, `title`, `status`, `detail`, `instance`) with the extension members
//! the runtime writes (`code`, `category`, `severity`, `retryable`, `retryAfter`, `traceId`,
//! `operation`, `issues`, `escalation`, `metadata`).
//!
//! # Everything else
//!
//! - `operationId`: [`operation_id`]; `summary`: the title (or the description's first line);
//!   `description`: description, goal and context; `tags`: the contract's tags;
//!   `deprecated`: stability `deprecated`.
//! - `security`: none (`[]`) for `anonymous`; the `bearerAuth` HTTP bearer scheme for `user`;
//!   `bearerAuth` with the role `admin` for `admin` (OpenAPI 3.1 lets a bearer requirement list
//!   roles).
//! - `x-contract`: key, version, kind, capability, domain, owners, stability, the policy
//!   (`auth`, `idempotent`, `pii` paths, `escalate`, `rateLimit`, `flags`, `policies`), the
//!   events the operation emits (key, version, `when`, and `payloadSchema`, the JSON pointer of
//!   the payload's schema in `components/schemas`) and its declared errors.
//! - `components/schemas`: every input, output and event payload schema, named as in the JSON
//!   Schema export ([`crate::json_schema::definitions`]), and `ProblemDetails`, `ProblemIssue`.
//!
//! ```
//! use contracts_control_plane::CONTROL_PLANE;
//! use contracts_export::openapi;
//!
//! let document = openapi::export(&CONTROL_PLANE);
//! let start = &document["paths"]["/controlPlane/execution/start/v1.0.0"]["post"];
//! assert_eq!(start["operationId"], "controlPlane_execution_start_v1_0_0");
//! assert_eq!(start["security"], serde_json::json!([{ "bearerAuth": ["admin"] }]));
//! assert_eq!(start["x-contract"]["capability"], "control-plane.core@1.0.0");
//! let get = &document["paths"]["/controlPlane/execution/get/v1.0.0"]["get"];
//! assert_eq!(get["parameters"][0]["name"], "executionId");
//! ```

use crate::json_schema::{
    to_string_pretty, to_value, Definitions, Entry, MessageRef, Obj, SchemaView, Schemas, DEFS,
};
use crate::naming::{operation_id, rest_method, rest_path, type_name, Role};
use contracts_core::descriptors::{ErrorSpec, OperationDescriptor, OperationPolicy};
use contracts_core::{Auth, Contract, OperationKind, Registry, Stability};
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};
use serde_json::{json, Value};
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

/// The OpenAPI version the document declares.
pub const OPENAPI_VERSION: &str = "3.1.0";

/// The media type of failure bodies (RFC 9457).
pub const PROBLEM_JSON: &str = "application/problem+json";

/// The name of the problem details schema in `components/schemas`.
pub const PROBLEM_SCHEMA: &str = "ProblemDetails";

/// The name of the success envelope schema in `components/schemas`.
pub const SUCCESS_SCHEMA: &str = "ResultEnvelope";

/// The name of the bearer security scheme in `components/securitySchemes`.
pub const BEARER_SCHEME: &str = "bearerAuth";

const SCHEMAS: &str = "#/components/schemas/";

/// The document's `info` and `servers`: what the registry cannot say about the API.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// `info.title`.
    pub title: String,
    /// `info.version`: the version of the document, not of any contract.
    pub version: String,
    /// `info.description`, if any.
    pub description: Option<String>,
    /// The base URLs of the servers (`servers[].url`); none means the document's own origin.
    pub servers: Vec<String>,
}

impl Options {
    /// The defaults for a registry: the title `<crate> contracts` (the crate declaring the
    /// registry), version `0.0.0`, no description and no servers.
    pub fn for_registry(registry: &Registry) -> Options {
        Options {
            title: format!("{} contracts", registry.set().crate_name),
            version: "0.0.0".to_owned(),
            description: None,
            servers: Vec::new(),
        }
    }
}

/// The OpenAPI 3.1 document of a registry, with [`Options::for_registry`].
pub fn export(registry: &Registry) -> Value {
    export_with(registry, &Options::for_registry(registry))
}

/// The OpenAPI 3.1 document of a registry (see the [module docs](self)).
///
/// ```
/// use contracts_context::CONTEXT;
/// use contracts_export::openapi::{export_with, Options};
///
/// let options = Options {
///     title: "Context API".to_owned(),
///     version: "2.3.0".to_owned(),
///     description: None,
///     servers: vec!["https://api.example.com".to_owned()],
/// };
/// let document = export_with(&CONTEXT, &options);
/// assert_eq!(document["openapi"], "3.1.0");
/// assert_eq!(document["info"]["version"], "2.3.0");
/// assert_eq!(document["servers"][0]["url"], "https://api.example.com");
/// ```
pub fn export_with(registry: &Registry, options: &Options) -> Value {
    export_from(&Schemas::new(registry), options)
}

/// The OpenAPI 3.1 document from a registry's generated [`Schemas`], as [`export_with`]
/// returns it.
pub fn export_from(schemas: &Schemas, options: &Options) -> Value {
    Document::new(schemas, options).to_value()
}

/// The OpenAPI 3.1 document of a registry's generated [`Schemas`], borrowing them: it builds
/// nothing until it is serialized, and serializes as [`export_from`] returns it (members in the
/// same order, so its text is the text of that [`Value`]).
///
/// ```
/// use contracts_control_plane::CONTROL_PLANE;
/// use contracts_export::json_schema::Schemas;
/// use contracts_export::openapi::{export, Document, Options};
///
/// let schemas = Schemas::new(&CONTROL_PLANE);
/// let options = Options::for_registry(&CONTROL_PLANE);
/// let document = Document::new(&schemas, &options);
/// assert_eq!(document.to_value(), export(&CONTROL_PLANE));
/// assert_eq!(
///     document.to_string_pretty(),
///     serde_json::to_string_pretty(&export(&CONTROL_PLANE)).unwrap(),
/// );
/// ```
#[derive(Clone, Copy)]
pub struct Document<'a> {
    schemas: &'a Schemas,
    options: &'a Options,
}

impl<'a> Document<'a> {
    /// The document of `schemas`, with `options`.
    pub fn new(schemas: &'a Schemas, options: &'a Options) -> Document<'a> {
        Document { schemas, options }
    }

    /// The document as a [`Value`], as [`export_from`] returns it.
    pub fn to_value(&self) -> Value {
        to_value(self)
    }

    /// The document as pretty-printed JSON, as `contracts export openapi` writes it.
    pub fn to_string_pretty(&self) -> String {
        to_string_pretty(self)
    }
}

impl Serialize for Document<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let options = self.options;
        let mut paths: Vec<(String, OperationObject<'_>)> = self
            .schemas
            .operations()
            .map(|(operation, input, _)| {
                (
                    rest_path(&operation.meta),
                    OperationObject { operation, input },
                )
            })
            .collect();
        paths.sort_by(|a, b| a.0.cmp(&b.0));
        let tags: BTreeSet<&str> = paths
            .iter()
            .flat_map(|(_, o)| o.operation.meta.tags.iter().copied())
            .collect();
        let mut document = serializer.serialize_map(None)?;
        document.serialize_entry("components", &Components(self.schemas))?;
        match &options.description {
            Some(description) => document.serialize_entry(
                "info",
                &Obj((
                    ("description", description),
                    ("title", &options.title),
                    ("version", &options.version),
                )),
            )?,
            None => document.serialize_entry(
                "info",
                &Obj((("title", &options.title), ("version", &options.version))),
            )?,
        }
        document.serialize_entry("openapi", OPENAPI_VERSION)?;
        document.serialize_entry("paths", &Paths(&paths))?;
        if !options.servers.is_empty() {
            let servers: Vec<_> = options
                .servers
                .iter()
                .map(|url| Obj((("url", url),)))
                .collect();
            document.serialize_entry("servers", &servers)?;
        }
        let tags: Vec<_> = tags
            .into_iter()
            .map(|name| Obj((("name", name),)))
            .collect();
        document.serialize_entry("tags", &tags)?;
        document.end()
    }
}

/// The `paths` of the document, sorted by path; of two operations at one path, the last.
struct Paths<'a>(&'a [(String, OperationObject<'a>)]);

impl Serialize for Paths<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let paths = self.0;
        let last = |i: usize| paths.get(i + 1).is_none_or(|next| next.0 != paths[i].0);
        let mut map = serializer.serialize_map(None)?;
        for (i, (path, operation)) in paths.iter().enumerate() {
            if last(i) {
                let method = rest_method(operation.operation.kind).as_lowercase();
                map.serialize_entry(path, &Obj(((method, operation),)))?;
            }
        }
        map.end()
    }
}

/// The document's `components`: headers, standard responses, schemas and security schemes.
struct Components<'a>(&'a Schemas);

impl Serialize for Components<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let headers = json!({
            "TraceId": {
                "description": "The call's trace id: the trace-id of the request's `traceparent` \
                    header or its `x-trace-id` header when valid, else generated. Events the \
                    call emits carry it too.",
                "schema": { "type": "string" },
            },
        });
        let security_schemes = json!({
            BEARER_SCHEME: {
                "type": "http",
                "scheme": "bearer",
                "description": "A bearer token identifying the caller. Operations whose auth \
                    level is `user` accept any authenticated caller; operations whose auth level \
                    is `admin` also require the `admin` role, listed in their security \
                    requirement.",
            },
        });
        let responses: BTreeMap<&str, ProblemResponse<'_>> = STANDARD_FAILURES
            .iter()
            .map(|failure| {
                let response = ProblemResponse {
                    status: failure.status,
                    codes: Cow::Borrowed(std::slice::from_ref(&failure.code)),
                    description: failure.description.into(),
                };
                (failure.response_name, response)
            })
            .collect();
        let (problem, issue, success) = (problem_schema(), issue_schema(), success_schema());
        let extra = [
            (PROBLEM_SCHEMA, &problem),
            ("ProblemIssue", &issue),
            (SUCCESS_SCHEMA, &success),
        ];
        Obj((
            ("headers", &headers),
            ("responses", &responses),
            ("schemas", Definitions::new(self.0, SCHEMAS, &extra)),
            ("securitySchemes", &security_schemes),
        ))
        .serialize(serializer)
    }
}

/// A standard failure every operation may answer with.
struct StandardFailure {
    code: &'static str,
    status: u16,
    response_name: &'static str,
    description: &'static str,
}

const STANDARD_FAILURES: [StandardFailure; 10] = [
    StandardFailure {
        code: "BAD_REQUEST",
        status: 400,
        response_name: "BadRequest",
        description: "BAD_REQUEST: the request is malformed (a body or parameter that is not valid JSON).",
    },
    StandardFailure {
        code: "UNAUTHENTICATED",
        status: 401,
        response_name: "Unauthenticated",
        description: "UNAUTHENTICATED: the operation requires an authenticated caller.",
    },
    StandardFailure {
        code: "FORBIDDEN",
        status: 403,
        response_name: "Forbidden",
        description: "FORBIDDEN: the caller may not call the operation (auth level, policy or feature flag).",
    },
    StandardFailure {
        code: "NOT_FOUND",
        status: 404,
        response_name: "NotFound",
        description: "NOT_FOUND: what the call refers to does not exist.",
    },
    StandardFailure {
        code: "PRECONDITION_FAILED",
        status: 412,
        response_name: "PreconditionFailed",
        description: "PRECONDITION_FAILED: the operation requires a human review that has not approved the call (see `escalation`).",
    },
    StandardFailure {
        code: "PAYLOAD_TOO_LARGE",
        status: 413,
        response_name: "PayloadTooLarge",
        description: "PAYLOAD_TOO_LARGE: the request body is larger than the server accepts.",
    },
    StandardFailure {
        code: "VALIDATION_FAILED",
        status: 422,
        response_name: "ValidationFailed",
        description: "VALIDATION_FAILED: the input does not match the contract (see `issues`).",
    },
    StandardFailure {
        code: "RATE_LIMITED",
        status: 429,
        response_name: "RateLimited",
        description: "RATE_LIMITED: too many calls; retry after `retryAfter` seconds when given.",
    },
    StandardFailure {
        code: "INTERNAL_ERROR",
        status: 500,
        response_name: "InternalError",
        description: "INTERNAL_ERROR: the handler failed unexpectedly.",
    },
    StandardFailure {
        code: "TIMEOUT",
        status: 504,
        response_name: "Timeout",
        description: "TIMEOUT: the call did not complete within the server's time limit; it may have taken effect.",
    },
];

/// Whether `operation` can answer with the standard failure at `status`.
fn applies(failure: &StandardFailure, operation: &OperationDescriptor) -> bool {
    match failure.status {
        401 => operation.policy.auth != Auth::Anonymous,
        412 => operation.policy.escalate.is_some(),
        413 => operation.kind == OperationKind::Command,
        _ => true,
    }
}

/// The operation object of one operation, its input's schemas read from its [`Entry`].
struct OperationObject<'a> {
    operation: &'static OperationDescriptor,
    input: &'a Entry,
}

impl Serialize for OperationObject<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let operation = self.operation;
        let meta = &operation.meta;
        let mut object = serializer.serialize_map(None)?;
        if meta.stability == Stability::Deprecated {
            object.serialize_entry("deprecated", &true)?;
        }
        object.serialize_entry("description", &description(operation))?;
        object.serialize_entry("operationId", &operation_id(meta))?;
        let input_ref = Obj((("$ref", schema_ref(&type_name(meta, Role::Input))),));
        match operation.kind {
            OperationKind::Command => {
                let body = Obj((
                    (
                        "content",
                        Obj((("application/json", Obj((("schema", input_ref),))),)),
                    ),
                    ("description", format!("The input of `{}`.", meta.key)),
                    ("required", true),
                ));
                object.serialize_entry("requestBody", &body)?;
            }
            OperationKind::Query => {
                let parameters = query_parameters(self.input);
                if !parameters.is_empty() {
                    object.serialize_entry("parameters", &parameters)?;
                }
            }
        }
        object.serialize_entry("responses", &Responses(operation))?;
        let no_roles: &[&str] = &[];
        match operation.policy.auth {
            Auth::Anonymous => object.serialize_entry("security", no_roles)?,
            Auth::User => {
                object.serialize_entry("security", &[Obj(((BEARER_SCHEME, no_roles),))])?
            }
            Auth::Admin => {
                object.serialize_entry("security", &[Obj(((BEARER_SCHEME, ["admin"]),))])?
            }
        }
        object.serialize_entry("summary", &summary(operation))?;
        if !meta.tags.is_empty() {
            object.serialize_entry("tags", meta.tags)?;
        }
        object.serialize_entry("x-contract", &ContractExtension(operation))?;
        object.end()
    }
}

/// `#/components/schemas/<name>`.
fn schema_ref(name: &str) -> String {
    let mut reference = String::with_capacity(SCHEMAS.len() + name.len());
    reference.push_str(SCHEMAS);
    reference.push_str(name);
    reference
}

/// The title, or the description's first line.
fn summary(operation: &OperationDescriptor) -> String {
    let meta = &operation.meta;
    match meta.title {
        Some(title) => title.to_owned(),
        None => meta
            .description
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or(meta.key)
            .to_owned(),
    }
}

/// The description, goal and context, as CommonMark.
fn description(operation: &OperationDescriptor) -> String {
    let meta = &operation.meta;
    let mut parts = vec![meta.description.trim().to_owned()];
    if let Some(goal) = meta.goal {
        parts.push(format!("**Goal:** {}", goal.trim()));
    }
    if let Some(context) = meta.context {
        parts.push(format!("**Context:** {}", context.trim()));
    }
    if operation.policy.escalate.is_some() {
        parts.push(
            "**Escalation:** a human must review and approve each call before it acts.".to_owned(),
        );
    }
    parts.retain(|p| !p.is_empty());
    parts.join("\n\n")
}

/// A query parameter: a top-level input field, or the whole input as JSON text.
enum Parameter<'a> {
    /// The whole input, as JSON text.
    Input(String),
    /// A field.
    Field {
        name: &'a str,
        required: bool,
        description: Option<&'a str>,
        schema: SchemaView<'a>,
        simple: bool,
    },
}

impl Serialize for Parameter<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Parameter::Input(name) => Obj((
                (
                    "content",
                    Obj(((
                        "application/json",
                        Obj((("schema", Obj((("$ref", schema_ref(name)),))),)),
                    ),)),
                ),
                ("description", "The whole input, as JSON text."),
                ("in", "query"),
                ("name", "input"),
                ("required", true),
            ))
            .serialize(serializer),
            Parameter::Field {
                name,
                required,
                description,
                schema,
                simple,
            } => {
                let mut parameter = serializer.serialize_map(None)?;
                if !simple {
                    let content = Obj((("application/json", Obj((("schema", schema),))),));
                    parameter.serialize_entry("content", &content)?;
                }
                if let Some(description) = description {
                    parameter.serialize_entry("description", description)?;
                }
                parameter.serialize_entry("in", "query")?;
                parameter.serialize_entry("name", name)?;
                parameter.serialize_entry("required", required)?;
                if *simple {
                    parameter.serialize_entry("schema", schema)?;
                }
                parameter.end()
            }
        }
    }
}

/// The query parameters of a query: one per top-level input field, from its input's entry.
fn query_parameters(input_entry: &Entry) -> Vec<Parameter<'_>> {
    let input = &input_entry.root;
    let fields = match input.get("properties") {
        Some(Value::Object(fields)) => Some(Some(fields)),
        // An object without fields: no parameter.
        None if input.get("additionalProperties").is_none_or(|a| a == false) => Some(None),
        _ => None,
    }
    .filter(|_| is_plain_object(input));
    let Some(fields) = fields else {
        return vec![Parameter::Input(input_entry.name.clone())];
    };
    let Some(fields) = fields else {
        return Vec::new();
    };
    let required: BTreeSet<&str> = input
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    fields
        .iter()
        .map(|(field, schema)| Parameter::Field {
            name: field,
            required: required.contains(field.as_str()),
            description: field_description(schema, input_entry),
            schema: SchemaView::within(schema, input_entry, SCHEMAS),
            simple: is_simple(schema, input_entry),
        })
        .collect()
}

/// Whether an input schema is an object with fields and nothing that changes its meaning
/// (composition, conditionals), so its properties can be flattened into parameters.
fn is_plain_object(schema: &Value) -> bool {
    const COMPLEX: [&str; 9] = [
        "allOf",
        "anyOf",
        "oneOf",
        "not",
        "if",
        "$ref",
        "patternProperties",
        "dependentSchemas",
        "unevaluatedProperties",
    ];
    schema.get("type").and_then(Value::as_str) == Some("object")
        && COMPLEX.iter().all(|k| schema.get(k).is_none())
}

/// The description of a field, or of the model it refers to.
fn field_description<'a>(schema: &'a Value, entry: &'a Entry) -> Option<&'a str> {
    let own = schema.get("description").and_then(Value::as_str);
    own.or_else(|| {
        target(schema, entry)
            .and_then(|t| t.get("description"))
            .and_then(Value::as_str)
    })
}

/// The schema of `entry` a `$ref` points to (its root or one of its nested models): the
/// references an entry's schemas can hold, which `components/schemas` resolves.
fn target<'a>(schema: &'a Value, entry: &'a Entry) -> Option<&'a Value> {
    let name = schema.get("$ref")?.as_str()?.strip_prefix(DEFS)?;
    if name == entry.name {
        return Some(&entry.root);
    }
    entry.nested.get(name)
}

/// Whether a parameter schema is a scalar or a list of scalars (possibly nullable), which the
/// `form` style serializes; references are followed.
fn is_simple(schema: &Value, schemas: &Entry) -> bool {
    fn scalar(schema: &Value, schemas: &Entry, depth: usize) -> bool {
        if depth > 8 {
            return false;
        }
        if let Some(t) = target(schema, schemas) {
            return scalar(t, schemas, depth + 1);
        }
        if let Some(branches) = schema.get("anyOf").and_then(Value::as_array) {
            return branches.iter().all(|b| {
                b.get("type").and_then(Value::as_str) == Some("null")
                    || scalar(b, schemas, depth + 1)
            });
        }
        let is_scalar_type =
            |t: &str| matches!(t, "string" | "integer" | "number" | "boolean" | "null");
        match schema.get("type") {
            Some(Value::String(t)) => is_scalar_type(t),
            Some(Value::Array(types)) => types.iter().filter_map(Value::as_str).all(is_scalar_type),
            _ => schema.get("enum").is_some() || schema.get("const").is_some(),
        }
    }
    let is_array = match schema.get("type") {
        Some(Value::String(t)) => t == "array",
        Some(Value::Array(types)) => types.iter().any(|t| t == "array"),
        _ => false,
    };
    if is_array {
        return schema
            .get("items")
            .is_some_and(|items| scalar(items, schemas, 0));
    }
    scalar(schema, schemas, 0)
}

/// The responses of an operation: 2XX, declared errors and standard failures.
struct Responses(&'static OperationDescriptor);

/// One response of an operation.
enum Response<'a> {
    /// The success envelope with the operation's output.
    Success,
    /// A shared standard failure, by its name in `components/responses`.
    Shared(&'static str),
    /// Declared errors, with the standard failure of their status if any.
    Problem(ProblemResponse<'a>),
}

impl Serialize for Responses {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let operation = self.0;
        let meta = &operation.meta;
        let mut declared: BTreeMap<u16, Vec<&ErrorSpec>> = BTreeMap::new();
        for error in operation.errors {
            declared.entry(error.http).or_default().push(error);
        }
        let standard: BTreeMap<u16, &StandardFailure> = STANDARD_FAILURES
            .iter()
            .filter(|f| applies(f, operation))
            .map(|f| (f.status, f))
            .collect();
        let statuses: BTreeSet<u16> = declared.keys().chain(standard.keys()).copied().collect();
        let mut responses = vec![("2XX".to_owned(), Response::Success)];
        for status in statuses {
            let errors = declared.get(&status).map(Vec::as_slice).unwrap_or(&[]);
            let failure = standard.get(&status);
            let response = match failure {
                Some(failure) if errors.is_empty() => Response::Shared(failure.response_name),
                _ => {
                    let mut codes: Vec<&str> = errors.iter().map(|e| e.code).collect();
                    let mut lines: Vec<String> = errors
                        .iter()
                        .map(|e| match e.when {
                            Some(when) => {
                                format!(
                                    "{}: {} When: {}",
                                    e.code,
                                    e.description.trim(),
                                    when.trim()
                                )
                            }
                            None => format!("{}: {}", e.code, e.description.trim()),
                        })
                        .collect();
                    if let Some(failure) = failure {
                        codes.push(failure.code);
                        lines.push(failure.description.to_owned());
                    }
                    Response::Problem(ProblemResponse {
                        status,
                        codes: codes.into(),
                        description: lines.join("\n\n").into(),
                    })
                }
            };
            responses.push((status.to_string(), response));
        }
        responses.sort_by(|a, b| a.0.cmp(&b.0));
        let mut map = serializer.serialize_map(Some(responses.len()))?;
        for (status, response) in &responses {
            match response {
                Response::Success => {
                    let data = Obj(((
                        "data",
                        Obj((("$ref", schema_ref(&type_name(meta, Role::Output))),)),
                    ),));
                    let schema = Obj(((
                        "allOf",
                        (
                            Obj((("$ref", schema_ref(SUCCESS_SCHEMA)),)),
                            Obj((("properties", data),)),
                        ),
                    ),));
                    let description = format!(
                        "`{}` succeeded: the result envelope, with the output as `data`, under the \
                        status of its success code (`NO_CONTENT` is `204` without a body).",
                        meta.key
                    );
                    let success = Obj((
                        (
                            "content",
                            Obj((("application/json", Obj((("schema", schema),))),)),
                        ),
                        ("description", description),
                        ("headers", TRACE_ID_HEADERS),
                    ));
                    map.serialize_entry(status, &success)?;
                }
                Response::Shared(name) => {
                    let reference = format!("#/components/responses/{name}");
                    map.serialize_entry(status, &Obj((("$ref", reference),)))?;
                }
                Response::Problem(problem) => map.serialize_entry(status, problem)?,
            }
        }
        map.end()
    }
}

/// A JSON object of one member.
type One<T> = Obj<((&'static str, T),)>;

/// The `headers` of every response: the trace id.
const TRACE_ID_HEADERS: One<One<&str>> = Obj(((
    "x-trace-id",
    Obj((("$ref", "#/components/headers/TraceId"),)),
),));

/// A problem response at `status` whose `code` is one of `codes`.
struct ProblemResponse<'a> {
    status: u16,
    codes: Cow<'a, [&'static str]>,
    description: Cow<'static, str>,
}

impl Serialize for ProblemResponse<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let code = match &*self.codes {
            [one] => Code::One(one),
            many => Code::Any(many),
        };
        let properties = Obj((("code", code), ("status", Obj((("const", self.status),)))));
        let problem = Obj((("$ref", schema_ref(PROBLEM_SCHEMA)),));
        let schema = Obj((("allOf", (problem, Obj((("properties", properties),)))),));
        Obj((
            (
                "content",
                Obj(((PROBLEM_JSON, Obj((("schema", schema),))),)),
            ),
            ("description", &*self.description),
            ("headers", TRACE_ID_HEADERS),
        ))
        .serialize(serializer)
    }
}

/// The `code` of a problem response: one code, or one of several.
enum Code<'a> {
    One(&'a str),
    Any(&'a [&'a str]),
}

impl Serialize for Code<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Code::One(code) => Obj((("const", code),)).serialize(serializer),
            Code::Any(codes) => Obj((("enum", codes),)).serialize(serializer),
        }
    }
}

/// The `ProblemDetails` schema: RFC 9457 members and the runtime's extension members.
fn problem_schema() -> Value {
    json!({
        "type": "object",
        "description": "A failure, as RFC 9457 Problem Details with the extension members of the contracts runtime.",
        "properties": {
            "type": {
                "type": "string",
                "format": "uri-reference",
                "description": "A URI identifying the problem type: a base followed by the kebab-case code.",
            },
            "title": { "type": "string", "description": "A short summary of the problem type." },
            "status": {
                "type": "integer",
                "minimum": 400,
                "maximum": 599,
                "description": "The HTTP status.",
            },
            "detail": { "type": "string", "description": "What happened in this occurrence." },
            "instance": {
                "type": "string",
                "format": "uri-reference",
                "description": "A URI identifying this occurrence.",
            },
            "code": {
                "type": "string",
                "description": "The failure code: a standard one or one of the operation's declared errors.",
            },
            "category": { "type": "string", "description": "What kind of problem it is." },
            "severity": {
                "type": "string",
                "enum": ["warning", "error"],
                "description": "`error` for 5xx, `warning` otherwise.",
            },
            "retryable": {
                "type": "boolean",
                "description": "Whether retrying the same call may succeed.",
            },
            "retryAfter": {
                "type": "integer",
                "minimum": 0,
                "description": "Seconds to wait before retrying, when known.",
            },
            "traceId": { "type": "string", "description": "The call's trace id." },
            "operation": {
                "type": "object",
                "description": "The operation called, as far as it was resolved.",
                "properties": {
                    "key": { "type": "string" },
                    "version": { "type": "string" },
                    "kind": { "type": "string", "enum": ["command", "query"] },
                },
                "required": ["key"],
            },
            "issues": {
                "type": "array",
                "items": { "$ref": format!("{SCHEMAS}ProblemIssue") },
                "description": "The problems found in the input (VALIDATION_FAILED).",
            },
            "escalation": {
                "type": "string",
                "enum": ["human_review"],
                "description": "The escalation the call needs before it can run (PRECONDITION_FAILED).",
            },
            "metadata": { "description": "Diagnosis data, such as the original code of an undeclared error." },
        },
        "required": ["type", "title", "status", "code"],
    })
}

/// The `ResultEnvelope` schema: a successful call's result, its `data` refined per operation.
fn success_schema() -> Value {
    json!({
        "type": "object",
        "description": "A successful call: the success code, its HTTP status, the operation's output as `data`, and the trace id.",
        "properties": {
            "ok": { "const": true },
            "code": {
                "type": "string",
                "enum": ["OK", "CREATED", "ACCEPTED", "QUEUED", "PARTIAL", "MULTI_STATUS"],
                "description": "The success code the handler chose.",
            },
            "status": {
                "type": "integer",
                "enum": [200, 201, 202, 206, 207],
                "description": "The HTTP status of the code.",
            },
            "data": { "description": "The operation's output." },
            "traceId": { "type": "string", "description": "The call's trace id." },
        },
        "required": ["ok", "code", "status", "data", "traceId"],
    })
}

/// The `ProblemIssue` schema: one problem with the input.
fn issue_schema() -> Value {
    json!({
        "type": "object",
        "description": "One problem with the input.",
        "properties": {
            "path": {
                "type": "string",
                "description": "The dotted path of the offending field (`items[2].email`), or `.` for the whole input.",
            },
            "code": {
                "type": "string",
                "description": "`missing_field`, `unknown_field`, `invalid_type`, `invalid_value`, `invalid_length`, `unknown_variant` or `invalid`.",
            },
            "message": { "type": "string", "description": "What is wrong." },
        },
        "required": ["path", "code", "message"],
    })
}

/// The `x-contract` extension of an operation.
struct ContractExtension(&'static OperationDescriptor);

impl Serialize for ContractExtension {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let operation = self.0;
        let meta = &operation.meta;
        let emits: Vec<_> = operation
            .emits
            .iter()
            .map(|emitted| {
                let event = emitted.event;
                let payload = MessageRef {
                    contract: Contract::Event(event),
                    role: Role::Payload,
                    model: event.payload,
                };
                Obj((
                    ("key", event.meta.key),
                    ("payloadSchema", schema_ref(&payload.name())),
                    ("version", event.meta.version.as_str()),
                    ("when", emitted.when),
                ))
            })
            .collect();
        let mut extension = serializer.serialize_map(None)?;
        extension.serialize_entry(
            "capability",
            &operation.capability.as_ref().map(|c| c.to_string()),
        )?;
        extension.serialize_entry("domain", &meta.domain)?;
        extension.serialize_entry("emits", &emits)?;
        extension.serialize_entry("errors", operation.errors)?;
        extension.serialize_entry("key", meta.key)?;
        extension.serialize_entry("kind", operation.kind.as_str())?;
        extension.serialize_entry("owners", meta.owners)?;
        extension.serialize_entry("policy", &PolicyObject(&operation.policy))?;
        extension.serialize_entry("stability", meta.stability.as_str())?;
        extension.serialize_entry("version", meta.version.as_str())?;
        extension.end()
    }
}

/// The `policy` of an operation's `x-contract` extension.
struct PolicyObject(&'static OperationPolicy);

impl Serialize for PolicyObject {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let policy = self.0;
        let mut object = serializer.serialize_map(None)?;
        object.serialize_entry("auth", policy.auth.as_str())?;
        object.serialize_entry("escalate", &policy.escalate.map(|e| e.as_str()))?;
        if !policy.flags.is_empty() {
            object.serialize_entry("flags", policy.flags)?;
        }
        object.serialize_entry("idempotent", &policy.idempotent)?;
        object.serialize_entry("pii", policy.pii)?;
        if !policy.policies.is_empty() {
            let policies: Vec<String> = policy.policies.iter().map(|p| p.to_string()).collect();
            object.serialize_entry("policies", &policies)?;
        }
        if let Some(rate_limit) = &policy.rate_limit {
            let rate_limit = Obj((("key", rate_limit.key.as_str()), ("rpm", rate_limit.rpm)));
            object.serialize_entry("rateLimit", &rate_limit)?;
        }
        object.end()
    }
}
