//! An OpenAPI 3.1 document of every command and query of a registry.
//!
//! [`export`] builds one path per operation at its
//! [`route`](contracts_core::descriptors::OperationDescriptor::route): its HTTP binding
//! (`http(method, path, status, envelope)`, where each `{name}` of the path template is an input
//! field listed `in: path`, the success is documented at exactly its status, and without the
//! envelope the body is the bare output), or, for what it does not bind, ContractSpec's REST
//! rule ([`rest_path`](crate::naming::rest_path), [`rest_method`](crate::naming::rest_method)):
//!
//! - a **command** is `POST /<key with dots as slashes>/v<version>` with its input as the JSON
//!   request body;
//! - a **query** is `GET` on the same path (and an operation bound to `GET` or `DELETE` takes
//!   its input the same way) with its input as **query parameters**: each top-level input field is a parameter, `required` as in the model, with the field's schema
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
//!   (operations that require human review), `413 PAYLOAD_TOO_LARGE` and `415
//!   UNSUPPORTED_MEDIA_TYPE` (commands: a body over the server's limit, or not JSON), `422
//!   VALIDATION_FAILED`, `429 RATE_LIMITED`, `500 INTERNAL_ERROR`
//!   and `504 TIMEOUT`, as shared `components/responses`; a declared error with the same
//!   status joins the standard failure in one response.
//!
//! This is the HTTP contract the `contracts-axum` adapter implements, read from the same
//! definitions the runtime and the adapter answer with ([`contracts_core::wire`]): the codes,
//! their statuses and explanations, the standard failures of each operation
//! ([`FailureCode::documented_for`](contracts_core::wire::FailureCode::documented_for)), and
//! the schemas of the problem and the envelope.
//!
//! Every failure body is a [`PROBLEM_SCHEMA`] (`components/schemas/ProblemDetails`,
//! [`wire::problem_schema`]): RFC 9457 Problem Details (`type`, `title`, `status`, `detail`,
//! `instance`) with the extension members the runtime writes (`code`, `category`, `severity`,
//! `retryable`, `retryAfter`, `traceId`, `operation`, `issues`, `escalation`, `metadata`).
//!
//! # Everything else
//!
//! - `operationId`: [`operation_id`](crate::naming::operation_id); `summary`: the title (or the description's first line);
//!   `description`: description, goal and context; `tags`: the contract's tags;
//!   `deprecated`: stability `deprecated`; `x-sunset`: its sunset date (`YYYY-MM-DD`), when set.
//! - `security`: none (`[]`) for `anonymous`; the `bearerAuth` HTTP bearer scheme for `user`;
//!   `bearerAuth` with the role `admin` for `admin` (OpenAPI 3.1 lets a bearer requirement list
//!   roles).
//! - `x-contract`: key, version, kind, capability, domain, owners, stability, the policy
//!   (`auth`, `idempotent`, `pii` paths, `escalate`, `rateLimit`, `flags`, `policies`), the
//!   events the operation emits (key, version, `when`, and `payloadSchema`, the JSON pointer of
//!   the payload's schema in `components/schemas`) and its declared errors.
//! - `components/schemas`: every input, output and event payload schema, named as in the JSON
//!   Schema export ([`crate::json_schema::definitions`]), and `ProblemDetails`, `ProblemIssue`.
//! - `webhooks`: every event, named `key@version`, as the `post` a subscriber receives: a
//!   CloudEvent over HTTP, binary mode (`ce-*` headers, the payload schema as the body) or
//!   structured mode (`application/cloudevents+json`); `x-contract` with its key, version and
//!   pii paths.
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

mod examples;
mod operation;
mod parameters;
mod path_plan;
mod query_string;
mod responses;
mod schemas;
pub mod v3_0;
mod webhooks;

use crate::json_schema::{to_string_pretty, to_value, Obj, Schemas};
use contracts_core::{wire, Registry};
use operation::OperationObject;
pub use parameters::{query_input, FieldStyle, JsonTypes, QueryField, QueryInput};
pub use path_plan::PathPlan;
pub use query_string::{QueryError, QueryPlan};
use schemas::Components;
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};
use serde_json::Value;
use std::collections::BTreeSet;

/// The OpenAPI version the document declares.
pub const OPENAPI_VERSION: &str = "3.1.0";

/// The media type of failure bodies (RFC 9457): [`wire::PROBLEM_CONTENT_TYPE`].
pub const PROBLEM_JSON: &str = wire::PROBLEM_CONTENT_TYPE;

/// The name of the problem details schema in `components/schemas`: [`wire::PROBLEM_SCHEMA`].
pub const PROBLEM_SCHEMA: &str = wire::PROBLEM_SCHEMA;

/// The name of the success envelope schema in `components/schemas`:
/// [`wire::ENVELOPE_SCHEMA`].
pub const SUCCESS_SCHEMA: &str = wire::ENVELOPE_SCHEMA;

/// The name of the bearer security scheme in `components/securitySchemes`.
pub const BEARER_SCHEME: &str = "bearerAuth";

pub(crate) const SCHEMAS: &str = "#/components/schemas/";

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

    /// The options of a package: `info.title` its name, `info.version` its version and
    /// `info.description` its description (none if empty), as Cargo sets them in
    /// `CARGO_PKG_*`. [`openapi_options!`](crate::openapi_options) reads them from the crate
    /// that calls it.
    ///
    /// ```
    /// use contracts_export::openapi::Options;
    ///
    /// let options = Options::for_package("library-api", "1.4.0", "")
    ///     .with_servers(["https://library.example.com"]);
    /// assert_eq!((options.title.as_str(), options.version.as_str()), ("library-api", "1.4.0"));
    /// assert_eq!(options.description, None);
    /// assert_eq!(options.servers, ["https://library.example.com"]);
    /// ```
    pub fn for_package(name: &str, version: &str, description: &str) -> Options {
        Options {
            title: name.to_owned(),
            version: version.to_owned(),
            description: Some(description.trim())
                .filter(|d| !d.is_empty())
                .map(str::to_owned),
            servers: Vec::new(),
        }
    }

    /// Lists the base URLs of the servers (`servers[].url`).
    pub fn with_servers(mut self, servers: impl IntoIterator<Item = impl Into<String>>) -> Self {
        self.servers = servers.into_iter().map(Into::into).collect();
        self
    }
}

/// The [`Options`] of the package that calls it: `info` from its `CARGO_PKG_NAME`,
/// `CARGO_PKG_VERSION` and `CARGO_PKG_DESCRIPTION` ([`Options::for_package`]), read when the
/// calling crate is compiled. Override any field, or add servers with
/// [`with_servers`](Options::with_servers).
///
/// ```
/// let options = contracts_export::openapi_options!().with_servers(["https://api.example.com"]);
/// assert_eq!(options.title, env!("CARGO_PKG_NAME"));
/// assert_eq!(options.version, env!("CARGO_PKG_VERSION"));
/// ```
#[macro_export]
macro_rules! openapi_options {
    () => {
        $crate::openapi::Options::for_package(
            ::core::env!("CARGO_PKG_NAME"),
            ::core::env!("CARGO_PKG_VERSION"),
            ::core::env!("CARGO_PKG_DESCRIPTION"),
        )
    };
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
                let route = operation.route();
                (
                    route.path.clone().into_owned(),
                    OperationObject {
                        operation,
                        input,
                        route,
                    },
                )
            })
            .collect();
        paths.sort_by(|a, b| (&a.0, a.1.route.method).cmp(&(&b.0, b.1.route.method)));
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
        let webhooks = webhooks::webhooks(self.schemas);
        if !webhooks.is_empty() {
            document.serialize_entry("webhooks", &webhooks)?;
        }
        document.end()
    }
}

/// The `paths` of the document, sorted by path, each with the methods of its operations
/// (sorted, so one path item holds every operation bound to it; the compile-time checks keep
/// two operations from sharing a method and path).
struct Paths<'a>(&'a [(String, OperationObject<'a>)]);

impl Serialize for Paths<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        let mut rest = self.0;
        while let Some((path, _)) = rest.first() {
            let count = rest.iter().take_while(|(p, _)| p == path).count();
            let (group, after) = rest.split_at(count);
            rest = after;
            map.serialize_entry(path, &PathItem(group))?;
        }
        map.end()
    }
}

/// The operations bound to one path, by method (of two at one method, the last).
struct PathItem<'a>(&'a [(String, OperationObject<'a>)]);

impl Serialize for PathItem<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let operations = self.0;
        let mut map = serializer.serialize_map(None)?;
        for (i, (_, operation)) in operations.iter().enumerate() {
            let method = operation.route.method;
            if operations
                .get(i + 1)
                .is_none_or(|(_, next)| next.route.method != method)
            {
                map.serialize_entry(method.as_lowercase(), operation)?;
            }
        }
        map.end()
    }
}
