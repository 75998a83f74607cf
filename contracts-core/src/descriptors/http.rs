//! How an operation is served over HTTP: its method, path template, success status and whether
//! its success body is the result envelope.
//!
//! An operation that states nothing follows ContractSpec's REST rule: `POST` for a command,
//! `GET` for a query, at `/` + its key with dots as slashes + `/v` + its version, answering the
//! status of the success code its handler chose, with the result envelope as the body. A
//! contract overrides any part with `http(...)` on `#[command]` or `#[query]`, and a crate can
//! drop the envelope for all its operations with `defaults(http(envelope = false))` in its
//! `registry!`:
//!
//! ```
//! use contracts_core::{command, registry, HttpMethod, Model, Operation};
//!
//! /// Start an execution.
//! #[command(key = "demo.execution.start", version = "1.0.0", output = Started,
//!     http(method = "PUT", path = "/executions/{executionId}", status = 201, envelope = false),
//!     policy(auth = "anonymous"))]
//! #[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
//! #[serde(rename_all = "camelCase")]
//! pub struct StartExecution { pub execution_id: String, pub scenario: String }
//!
//! #[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
//! pub struct Started { pub started: bool }
//!
//! registry! { pub static DEMO; defaults(owners = ["team.demo"], stability = "beta"); contracts(StartExecution); }
//!
//! # fn main() {
//! let route = StartExecution::DESCRIPTOR.route();
//! assert_eq!(route.method, HttpMethod::Put);
//! assert_eq!(route.path, "/executions/{executionId}");
//! assert_eq!(route.status, Some(201));
//! assert!(!route.envelope);
//! assert_eq!(route.parameters().collect::<Vec<_>>(), ["executionId"]);
//! # }
//! ```

use super::meta::Meta;
use super::operation::{OperationDescriptor, OperationKind};
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};
use std::borrow::Cow;

/// An HTTP method an operation can be bound to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum HttpMethod {
    /// `GET`: the input in the query string.
    Get,
    /// `POST`: the input as the JSON body.
    Post,
    /// `PUT`: the input as the JSON body.
    Put,
    /// `PATCH`: the input as the JSON body.
    Patch,
    /// `DELETE`: the input in the query string.
    Delete,
}

impl HttpMethod {
    /// Every method.
    pub const ALL: [HttpMethod; 5] = [
        HttpMethod::Get,
        HttpMethod::Post,
        HttpMethod::Put,
        HttpMethod::Patch,
        HttpMethod::Delete,
    ];

    /// The method as HTTP writes it: `GET`, `POST`, `PUT`, `PATCH`, `DELETE`.
    pub const fn as_str(&self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Post => "POST",
            HttpMethod::Put => "PUT",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Delete => "DELETE",
        }
    }

    /// The method as an OpenAPI path item names it: `get`, `post`, `put`, `patch`, `delete`.
    pub const fn as_lowercase(&self) -> &'static str {
        match self {
            HttpMethod::Get => "get",
            HttpMethod::Post => "post",
            HttpMethod::Put => "put",
            HttpMethod::Patch => "patch",
            HttpMethod::Delete => "delete",
        }
    }

    /// Whether the input travels in the query string (`GET`, `DELETE`) rather than as the body.
    pub const fn input_in_query(&self) -> bool {
        matches!(self, HttpMethod::Get | HttpMethod::Delete)
    }

    /// The method of an operation under ContractSpec's REST rule: `POST` for commands, `GET`
    /// for queries.
    pub const fn rule(kind: OperationKind) -> HttpMethod {
        match kind {
            OperationKind::Command => HttpMethod::Post,
            OperationKind::Query => HttpMethod::Get,
        }
    }

    const fn index(&self) -> u8 {
        *self as u8
    }
}

impl core::fmt::Display for HttpMethod {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for HttpMethod {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// What an operation's `http(...)` states; every part it leaves out follows ContractSpec's REST
/// rule: `POST` for a command and `GET` for a query, at [`rule_path`], answering the status of
/// the handler's success code, with the result envelope.
///
/// ```
/// use contracts_core::descriptors::HttpBinding;
///
/// assert!(!HttpBinding::RULE.overrides_route());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HttpBinding {
    /// The method, or `None` for the rule's.
    pub method: Option<HttpMethod>,
    /// The path template (`/executions/{executionId}`: each `{name}` segment is a top-level
    /// input field), or `None` for the rule's path.
    pub path: Option<&'static str>,
    /// The status of every success (2xx), or `None` for the status of the success code the
    /// handler chose.
    pub status: Option<u16>,
    /// Whether a success answers the result envelope (`true`) or the bare output, with the
    /// trace id in the `x-trace-id` header only.
    pub envelope: bool,
}

impl HttpBinding {
    /// ContractSpec's REST rule: nothing overridden.
    pub const RULE: HttpBinding = HttpBinding {
        method: None,
        path: None,
        status: None,
        envelope: true,
    };

    /// Whether the binding states its own method or path: such an operation's route is checked
    /// against every other route of the registry.
    pub const fn overrides_route(&self) -> bool {
        self.method.is_some() || self.path.is_some()
    }
}

/// An operation's resolved HTTP route: the binding with the rule's parts filled in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpRoute {
    /// The method.
    pub method: HttpMethod,
    /// The path template; path parameters are whole `{name}` segments.
    pub path: Cow<'static, str>,
    /// The status of every success, or `None` for the success code's.
    pub status: Option<u16>,
    /// Whether the success body is the result envelope.
    pub envelope: bool,
}

impl HttpRoute {
    /// The names of the path parameters, in path order: input fields by their JSON names.
    pub fn parameters(&self) -> impl Iterator<Item = &str> + '_ {
        path_parameters(&self.path)
    }

    /// Whether the path has parameters.
    pub fn has_parameters(&self) -> bool {
        self.parameters().next().is_some()
    }
}

/// The parameter names of a path template: the `{name}` segments, without their braces.
///
/// ```
/// use contracts_core::descriptors::path_parameters;
///
/// let names: Vec<&str> = path_parameters("/loans/{loanId}/items/{item}").collect();
/// assert_eq!(names, ["loanId", "item"]);
/// ```
pub fn path_parameters(path: &str) -> impl Iterator<Item = &str> + '_ {
    path.split('/').filter_map(|segment| {
        segment
            .strip_prefix('{')
            .and_then(|rest| rest.strip_suffix('}'))
    })
}

/// The path of an operation under ContractSpec's REST rule: `/`, the key with its dots as
/// slashes, `/v`, and the version as written.
///
/// ```
/// # use contracts_core::{descriptors::rule_path, query, registry, Model, Operation};
/// # /// Gets a forecast.
/// # #[query(key = "weather.forecast.get", version = "1.0.0", output = String, policy(auth = "anonymous"))]
/// # #[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
/// # pub struct GetForecast { pub city: String }
/// # registry! { pub static R; defaults(owners = ["o"], stability = "beta"); contracts(GetForecast); }
/// # fn main() {
/// assert_eq!(rule_path(&GetForecast::DESCRIPTOR.meta), "/weather/forecast/get/v1.0.0");
/// # }
/// ```
pub fn rule_path(meta: &Meta) -> String {
    let version = meta.version.as_str();
    let mut path = String::with_capacity(meta.key.len() + version.len() + 3);
    path.push('/');
    path.extend(meta.key.chars().map(|c| if c == '.' { '/' } else { c }));
    path.push_str("/v");
    path.push_str(version);
    path
}

impl OperationDescriptor {
    /// The operation's HTTP route: its [`http`](OperationDescriptor::http) binding, the rule
    /// filling in what it leaves out.
    pub fn route(&self) -> HttpRoute {
        HttpRoute {
            method: self.route_method(),
            path: match self.http.path {
                Some(path) => Cow::Borrowed(path),
                None => Cow::Owned(rule_path(&self.meta)),
            },
            status: self.http.status,
            envelope: self.http.envelope,
        }
    }

    /// The operation's HTTP method: its binding's, or the rule's.
    pub const fn route_method(&self) -> HttpMethod {
        match self.http.method {
            Some(method) => method,
            None => HttpMethod::rule(self.kind),
        }
    }
}

impl Serialize for HttpBinding {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("HttpBinding", 4)?;
        if let Some(method) = &self.method {
            s.serialize_field("method", method)?;
        }
        if let Some(path) = self.path {
            s.serialize_field("path", path)?;
        }
        if let Some(status) = self.status {
            s.serialize_field("status", &status)?;
        }
        s.serialize_field("envelope", &self.envelope)?;
        s.end()
    }
}

/// One path of the route comparison: a template, or the rule's path of a key and version,
/// read byte by byte without building it (the comparison runs in `const` evaluation).
#[derive(Clone, Copy)]
enum RoutePath<'a> {
    Template(&'a [u8]),
    Rule { key: &'a [u8], version: &'a [u8] },
}

impl RoutePath<'_> {
    const fn len(&self) -> usize {
        match self {
            RoutePath::Template(bytes) => bytes.len(),
            RoutePath::Rule { key, version } => key.len() + version.len() + 3,
        }
    }

    const fn at(&self, i: usize) -> u8 {
        match self {
            RoutePath::Template(bytes) => bytes[i],
            RoutePath::Rule { key, version } => {
                if i == 0 {
                    b'/'
                } else if i <= key.len() {
                    match key[i - 1] {
                        b'.' => b'/',
                        c => c,
                    }
                } else if i == key.len() + 1 {
                    b'/'
                } else if i == key.len() + 2 {
                    b'v'
                } else {
                    version[i - key.len() - 3]
                }
            }
        }
    }

    /// The end of the segment starting at `i`.
    const fn segment_end(&self, mut i: usize) -> usize {
        while i < self.len() && self.at(i) != b'/' {
            i += 1;
        }
        i
    }
}

const fn route_path(operation: &OperationDescriptor) -> RoutePath<'static> {
    match operation.http.path {
        Some(path) => RoutePath::Template(path.as_bytes()),
        None => RoutePath::Rule {
            key: operation.meta.key.as_bytes(),
            version: operation.meta.version.as_str().as_bytes(),
        },
    }
}

/// Whether two operations answer the same requests: the same method, and paths with the same
/// segments, where a parameter matches only a parameter (whatever its name: `{a}` and `{b}` in
/// the same place collide), and a literal segment only the same literal (a router prefers a
/// literal to a parameter, so `/loans/{id}` and `/loans/overdue` do not collide).
///
/// ```
/// # use contracts_core::{command, query, registry, Model, Operation};
/// # use contracts_core::descriptors::same_route;
/// /// Get a loan.
/// #[query(key = "lib.loan.get", version = "1.0.0", output = String,
///     http(path = "/loans/{id}"), policy(auth = "anonymous"))]
/// #[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
/// pub struct GetLoan { pub id: String }
///
/// /// List overdue loans.
/// #[query(key = "lib.loan.overdue", version = "1.0.0", output = String,
///     http(path = "/loans/overdue"), policy(auth = "anonymous"))]
/// #[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
/// pub struct Overdue {}
///
/// registry! { pub static LIB; defaults(owners = ["o"], stability = "beta"); contracts(GetLoan, Overdue); }
///
/// # fn main() {
/// assert!(same_route(GetLoan::DESCRIPTOR, GetLoan::DESCRIPTOR));
/// assert!(!same_route(GetLoan::DESCRIPTOR, Overdue::DESCRIPTOR));
/// # }
/// ```
pub const fn same_route(a: &OperationDescriptor, b: &OperationDescriptor) -> bool {
    if a.route_method().index() != b.route_method().index() {
        return false;
    }
    let (a, b) = (route_path(a), route_path(b));
    let (mut i, mut j) = (0, 0);
    loop {
        if i >= a.len() || j >= b.len() {
            return i >= a.len() && j >= b.len();
        }
        // Both at the start of a segment, past its `/`.
        let (a_end, b_end) = (a.segment_end(i + 1), b.segment_end(j + 1));
        let a_param = a_end > i + 1 && a.at(i + 1) == b'{';
        let b_param = b_end > j + 1 && b.at(j + 1) == b'{';
        if a_param != b_param {
            return false;
        }
        if !a_param {
            if a_end - i != b_end - j {
                return false;
            }
            let mut k = 1;
            while i + k < a_end {
                if a.at(i + k) != b.at(j + k) {
                    return false;
                }
                k += 1;
            }
        }
        i = a_end;
        j = b_end;
    }
}
