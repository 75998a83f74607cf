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

use crate::json_schema::{Message, Schemas};
use crate::naming::{operation_id, rest_method, rest_path, type_name, Role};
use contracts_core::descriptors::{ErrorSpec, OperationDescriptor};
use contracts_core::{Auth, Contract, OperationKind, Registry, Stability};
use serde_json::{json, Map, Value};
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
    let schemas = Schemas::new(registry);
    let operations: Vec<_> = schemas.operations().map(|(op, _, _)| op).collect();
    document(operations, schemas.into_definitions(SCHEMAS), options)
}

/// The OpenAPI 3.1 document from a registry's generated [`Schemas`], as [`export_with`]
/// returns it.
pub fn export_from(schemas: &Schemas, options: &Options) -> Value {
    let operations: Vec<_> = schemas.operations().map(|(op, _, _)| op).collect();
    document(operations, schemas.definitions(SCHEMAS), options)
}

fn document(
    operations: Vec<&'static OperationDescriptor>,
    schemas: Map<String, Value>,
    options: &Options,
) -> Value {
    let mut paths = Map::new();
    let mut tags = BTreeSet::new();
    for operation in operations {
        tags.extend(operation.meta.tags.iter().copied());
        let method = rest_method(operation.kind).as_lowercase();
        let mut item = Map::new();
        item.insert(method.to_owned(), operation_object(operation, &schemas));
        paths.insert(rest_path(&operation.meta), Value::Object(item));
    }

    let mut all_schemas = schemas;
    all_schemas.insert(PROBLEM_SCHEMA.to_owned(), problem_schema());
    all_schemas.insert("ProblemIssue".to_owned(), issue_schema());
    all_schemas.insert(SUCCESS_SCHEMA.to_owned(), success_schema());

    let mut responses = Map::new();
    for failure in STANDARD_FAILURES {
        responses.insert(
            failure.response_name.to_owned(),
            problem_response(
                failure.status,
                &[failure.code],
                failure.description.to_owned(),
            ),
        );
    }

    let mut info = json!({ "title": options.title, "version": options.version });
    if let Some(description) = &options.description {
        info["description"] = Value::from(description.as_str());
    }
    let mut document = Map::new();
    document.insert("openapi".to_owned(), Value::from(OPENAPI_VERSION));
    document.insert("info".to_owned(), info);
    if !options.servers.is_empty() {
        document.insert(
            "servers".to_owned(),
            options
                .servers
                .iter()
                .map(|url| json!({ "url": url }))
                .collect(),
        );
    }
    document.insert(
        "tags".to_owned(),
        tags.into_iter()
            .map(|name| json!({ "name": name }))
            .collect(),
    );
    document.insert("paths".to_owned(), Value::Object(paths));
    let mut components = json!({
        "headers": {
            "TraceId": {
                "description": "The call's trace id: the trace-id of the request's `traceparent` \
                    header or its `x-trace-id` header when valid, else generated. Events the \
                    call emits carry it too.",
                "schema": { "type": "string" },
            },
        },
        "securitySchemes": {
            BEARER_SCHEME: {
                "type": "http",
                "scheme": "bearer",
                "description": "A bearer token identifying the caller. Operations whose auth \
                    level is `user` accept any authenticated caller; operations whose auth level \
                    is `admin` also require the `admin` role, listed in their security \
                    requirement.",
            },
        },
    });
    if let Value::Object(components) = &mut components {
        components.insert("schemas".to_owned(), Value::Object(all_schemas));
        components.insert("responses".to_owned(), Value::Object(responses));
    }
    document.insert("components".to_owned(), components);
    Value::Object(document)
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

fn operation_object(
    operation: &'static OperationDescriptor,
    schemas: &Map<String, Value>,
) -> Value {
    let meta = &operation.meta;
    let mut object = Map::new();
    object.insert("operationId".to_owned(), Value::from(operation_id(meta)));
    object.insert("summary".to_owned(), Value::from(summary(operation)));
    object.insert(
        "description".to_owned(),
        Value::from(description(operation)),
    );
    if !meta.tags.is_empty() {
        object.insert("tags".to_owned(), json!(meta.tags));
    }
    if meta.stability == Stability::Deprecated {
        object.insert("deprecated".to_owned(), Value::Bool(true));
    }
    object.insert(
        "security".to_owned(),
        match operation.policy.auth {
            Auth::Anonymous => json!([]),
            Auth::User => json!([{ BEARER_SCHEME: [] }]),
            Auth::Admin => json!([{ BEARER_SCHEME: ["admin"] }]),
        },
    );
    let input_ref = json!({ "$ref": format!("{SCHEMAS}{}", type_name(meta, Role::Input)) });
    match operation.kind {
        OperationKind::Command => {
            object.insert(
                "requestBody".to_owned(),
                json!({
                    "description": format!("The input of `{}`.", meta.key),
                    "required": true,
                    "content": { "application/json": { "schema": input_ref } },
                }),
            );
        }
        OperationKind::Query => {
            let parameters = query_parameters(operation, schemas);
            if !parameters.is_empty() {
                object.insert("parameters".to_owned(), Value::Array(parameters));
            }
        }
    }
    object.insert("responses".to_owned(), responses(operation));
    object.insert("x-contract".to_owned(), contract_extension(operation));
    Value::Object(object)
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

/// The query parameters of a query: one per top-level input field.
fn query_parameters(
    operation: &'static OperationDescriptor,
    schemas: &Map<String, Value>,
) -> Vec<Value> {
    let name = type_name(&operation.meta, Role::Input);
    let input = &schemas[&name];
    let no_fields = serde_json::Map::new();
    let fields = match input.get("properties") {
        Some(Value::Object(fields)) => Some(fields),
        // An object without fields: no parameter.
        None if input.get("additionalProperties").is_none_or(|a| a == false) => Some(&no_fields),
        _ => None,
    }
    .filter(|_| is_plain_object(input));
    let Some(fields) = fields else {
        return vec![json!({
            "name": "input",
            "in": "query",
            "required": true,
            "description": "The whole input, as JSON text.",
            "content": { "application/json": { "schema": { "$ref": format!("{SCHEMAS}{name}") } } },
        })];
    };
    let required: BTreeSet<&str> = input
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    fields
        .iter()
        .map(|(field, schema)| {
            let mut parameter = json!({
                "name": field,
                "in": "query",
                "required": required.contains(field.as_str()),
            });
            if let Some(description) = field_description(schema, schemas) {
                parameter["description"] = Value::from(description);
            }
            if is_simple(schema, schemas) {
                parameter["schema"] = schema.clone();
            } else {
                parameter["content"] = json!({ "application/json": { "schema": schema } });
            }
            parameter
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
fn field_description(schema: &Value, schemas: &Map<String, Value>) -> Option<String> {
    let own = schema.get("description").and_then(Value::as_str);
    own.or_else(|| {
        target(schema, schemas)
            .and_then(|t| t.get("description"))
            .and_then(Value::as_str)
    })
    .map(str::to_owned)
}

/// The schema a `$ref` in `components/schemas` points to.
fn target<'a>(schema: &'a Value, schemas: &'a Map<String, Value>) -> Option<&'a Value> {
    let name = schema.get("$ref")?.as_str()?.strip_prefix(SCHEMAS)?;
    schemas.get(name)
}

/// Whether a parameter schema is a scalar or a list of scalars (possibly nullable), which the
/// `form` style serializes; references are followed.
fn is_simple(schema: &Value, schemas: &Map<String, Value>) -> bool {
    fn scalar(schema: &Value, schemas: &Map<String, Value>, depth: usize) -> bool {
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
fn responses(operation: &'static OperationDescriptor) -> Value {
    let meta = &operation.meta;
    let mut responses = Map::new();
    responses.insert(
        "2XX".to_owned(),
        json!({
            "description": format!(
                "`{}` succeeded: the result envelope, with the output as `data`, under the \
                status of its success code (`NO_CONTENT` is `204` without a body).",
                meta.key
            ),
            "headers": { "x-trace-id": { "$ref": "#/components/headers/TraceId" } },
            "content": { "application/json": { "schema": {
                "allOf": [
                    { "$ref": format!("{SCHEMAS}{SUCCESS_SCHEMA}") },
                    { "properties": { "data": {
                        "$ref": format!("{SCHEMAS}{}", type_name(meta, Role::Output)),
                    } } },
                ],
            } } },
        }),
    );
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
    for status in statuses {
        let errors = declared.get(&status).map(Vec::as_slice).unwrap_or(&[]);
        let failure = standard.get(&status);
        let response = if errors.is_empty() {
            let failure = failure.expect("a status comes from an error or a failure");
            json!({ "$ref": format!("#/components/responses/{}", failure.response_name) })
        } else {
            let mut codes: Vec<&str> = errors.iter().map(|e| e.code).collect();
            let mut lines: Vec<String> = errors
                .iter()
                .map(|e| match e.when {
                    Some(when) => {
                        format!("{}: {} When: {}", e.code, e.description.trim(), when.trim())
                    }
                    None => format!("{}: {}", e.code, e.description.trim()),
                })
                .collect();
            if let Some(failure) = failure {
                codes.push(failure.code);
                lines.push(failure.description.to_owned());
            }
            problem_response(status, &codes, lines.join("\n\n"))
        };
        responses.insert(status.to_string(), response);
    }
    Value::Object(responses)
}

/// A problem response at `status` whose `code` is one of `codes`.
fn problem_response(status: u16, codes: &[&str], description: String) -> Value {
    let code = match codes {
        [one] => json!({ "const": one }),
        many => json!({ "enum": many }),
    };
    json!({
        "description": description,
        "headers": { "x-trace-id": { "$ref": "#/components/headers/TraceId" } },
        "content": { PROBLEM_JSON: { "schema": {
            "allOf": [
                { "$ref": format!("{SCHEMAS}{PROBLEM_SCHEMA}") },
                { "properties": { "status": { "const": status }, "code": code } },
            ],
        } } },
    })
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
fn contract_extension(operation: &'static OperationDescriptor) -> Value {
    let meta = &operation.meta;
    let policy = &operation.policy;
    let mut policy_value = json!({
        "auth": policy.auth.as_str(),
        "idempotent": policy.idempotent,
        "pii": policy.pii,
        "escalate": policy.escalate.map(|e| e.as_str()),
    });
    if let Some(rate_limit) = &policy.rate_limit {
        policy_value["rateLimit"] =
            json!({ "rpm": rate_limit.rpm, "key": rate_limit.key.as_str() });
    }
    if !policy.flags.is_empty() {
        policy_value["flags"] = json!(policy.flags);
    }
    if !policy.policies.is_empty() {
        policy_value["policies"] = policy
            .policies
            .iter()
            .map(|p| Value::from(p.to_string()))
            .collect();
    }
    let emits: Vec<Value> = operation
        .emits
        .iter()
        .map(|emitted| {
            let event = emitted.event;
            let payload = Message {
                contract: Contract::Event(event),
                role: Role::Payload,
                model: event.payload,
            };
            json!({
                "key": event.meta.key,
                "version": event.meta.version.as_str(),
                "when": emitted.when,
                "payloadSchema": format!("{SCHEMAS}{}", payload.name()),
            })
        })
        .collect();
    json!({
        "key": meta.key,
        "version": meta.version.as_str(),
        "kind": operation.kind.as_str(),
        "capability": operation.capability.as_ref().map(|c| c.to_string()),
        "domain": meta.domain,
        "owners": meta.owners,
        "stability": meta.stability.as_str(),
        "policy": policy_value,
        "emits": emits,
        "errors": operation.errors,
    })
}
