//! The problem a failed call answers with: RFC 9457 Problem Details with the contracts
//! extension members, its JSON Schema, and the trace id every answer carries.

use super::codes::{retryable, FailureCode, ProblemCategory, Severity};
use crate::descriptors::OperationDescriptor;
use crate::{Escalation, OperationKind};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{json, Value};
use std::borrow::Cow;
use std::sync::Arc;

/// The media type of a problem body.
pub const PROBLEM_CONTENT_TYPE: &str = "application/problem+json";

/// The default base of problem type URIs: a code `VALIDATION_FAILED` has the type
/// `/problems/validation-failed`.
///
/// A relative reference (RFC 9457 allows one, resolved against the request's URI): by default
/// a problem type names a page of the API's own origin, never another project's domain. Set
/// an absolute base of your own (`https://errors.example.com/`) where types are documented.
pub const DEFAULT_PROBLEM_BASE: &str = "/problems/";

/// The name of the [`problem_schema`] among a document's schemas.
pub const PROBLEM_SCHEMA: &str = "ProblemDetails";

/// The name of the [`issue_schema`] among a document's schemas.
pub const ISSUE_SCHEMA: &str = "ProblemIssue";

/// The id of a call, shared by its response, its problem, its telemetry and the events it emits.
///
/// ```
/// use contracts_core::wire::TraceId;
///
/// let id = TraceId::from("req-42");
/// assert_eq!(id.as_str(), "req-42");
/// let generated = TraceId::generate();
/// assert_eq!(generated.as_str().len(), 32);
/// assert_ne!(generated, TraceId::generate());
/// ```
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TraceId(Arc<str>);

impl TraceId {
    /// A new random trace id: 32 lowercase hex digits, never all zero (a valid W3C
    /// `trace-id`).
    ///
    /// The digits are SipHash outputs under the standard library's randomly seeded keys
    /// ([`RandomState`](std::collections::hash_map::RandomState), seeded from the operating
    /// system once per thread and different for each id): unpredictable enough for correlating
    /// telemetry, not a secret.
    pub fn generate() -> TraceId {
        use std::hash::BuildHasher;
        let state = std::collections::hash_map::RandomState::new();
        let high = state.hash_one(0x5eed_u64);
        let low = state.hash_one(!0x5eed_u64) | u64::from(high == 0);
        TraceId(Arc::from(format!("{high:016x}{low:016x}")))
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<&str> for TraceId {
    fn from(value: &str) -> Self {
        TraceId(Arc::from(value))
    }
}

impl From<String> for TraceId {
    fn from(value: String) -> Self {
        TraceId(Arc::from(value))
    }
}

impl AsRef<str> for TraceId {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl core::fmt::Display for TraceId {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.0)
    }
}

impl core::fmt::Debug for TraceId {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        core::fmt::Debug::fmt(&*self.0, f)
    }
}

impl Serialize for TraceId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for TraceId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <Cow<'de, str>>::deserialize(deserializer)?;
        Ok(TraceId(Arc::from(text.as_ref())))
    }
}

/// An RFC 9457 problem: the standard members (`type`, `title`, `status`, `detail`,
/// `instance`) and the extension members ContractSpec defines. [`problem_schema`] is its JSON
/// Schema.
///
/// ```
/// use contracts_core::wire::{FailureCode, Problem, TraceId, DEFAULT_PROBLEM_BASE};
///
/// let problem = Problem::standard(DEFAULT_PROBLEM_BASE, FailureCode::RateLimited, TraceId::from("t 1"));
/// assert_eq!(problem.type_uri, "/problems/rate-limited");
/// assert_eq!((problem.status, problem.retryable), (429, true));
/// assert_eq!(problem.instance.as_deref(), Some("urn:trace:t%201"));
/// ```
///
/// It deserializes too, for clients reading a server's problems (unknown members are ignored,
/// absent optional ones are empty):
///
/// ```
/// use contracts_core::wire::{Problem, ProblemCategory};
///
/// let body = r#"{"type":"https://contractspec.io/problems/not-found","title":"Not found",
///     "status":404,"code":"NOT_FOUND","category":"not_found","severity":"warning",
///     "retryable":false,"traceId":"t-1"}"#;
/// let problem: Problem = serde_json::from_str(body).unwrap();
/// assert_eq!((problem.code.as_ref(), problem.category), ("NOT_FOUND", ProblemCategory::NotFound));
/// assert_eq!(problem.trace_id.as_str(), "t-1");
/// ```
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Problem {
    /// A URI identifying the problem type: the base followed by the kebab-case code.
    #[serde(rename = "type")]
    pub type_uri: String,
    /// A short summary of the problem type (a declared error's description).
    pub title: Cow<'static, str>,
    /// The HTTP status.
    pub status: u16,
    /// What happened in this occurrence.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// A URI identifying this occurrence: `urn:trace:<traceId>`. Adapters may replace it with
    /// the request's URI.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instance: Option<String>,
    /// The failure code: a standard one or one of the operation's declared errors.
    pub code: Cow<'static, str>,
    /// What kind of problem it is.
    pub category: ProblemCategory,
    /// `error` for 5xx, `warning` otherwise.
    pub severity: Severity,
    /// Whether retrying the same call may succeed.
    pub retryable: bool,
    /// Seconds to wait before retrying, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<u64>,
    /// The call's trace id.
    pub trace_id: TraceId,
    /// The operation called, as far as it was resolved.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operation: Option<OperationRef>,
    /// The problems found in the input, with their paths.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub issues: Vec<Issue>,
    /// The escalation the call needs before it can run.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub escalation: Option<Escalation>,
    /// Diagnosis data, such as `originalCode` for an undeclared error.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metadata: Option<serde_json::Value>,
}

impl Problem {
    /// A problem with `code` at `status`, titled `title`, for the call `trace_id`: its type is
    /// `base` followed by the kebab-case code, its instance `urn:trace:<traceId>`, and its
    /// category, severity and retryability follow from the status. The other members are empty.
    pub fn new(
        base: &str,
        code: impl Into<Cow<'static, str>>,
        status: u16,
        title: impl Into<Cow<'static, str>>,
        trace_id: TraceId,
    ) -> Problem {
        let code = code.into();
        Problem {
            type_uri: problem_type(base, &code),
            title: title.into(),
            status,
            detail: None,
            instance: Some(format!("urn:trace:{}", PercentEncoded(trace_id.as_str()))),
            code,
            category: ProblemCategory::of_status(status),
            severity: Severity::of_status(status),
            retryable: retryable(status),
            retry_after: None,
            trace_id,
            operation: None,
            issues: Vec::new(),
            escalation: None,
            metadata: None,
        }
    }

    /// The problem of a standard failure code: [`Problem::new`] with the code's status and
    /// title.
    pub fn standard(base: &str, code: FailureCode, trace_id: TraceId) -> Problem {
        Problem::new(base, code.as_str(), code.status(), code.title(), trace_id)
    }
}

/// The operation a problem is about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OperationRef {
    /// The key.
    pub key: String,
    /// The version, if one was requested or resolved.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Command or query, if the operation exists.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<OperationKind>,
}

impl OperationRef {
    /// A resolved operation: its key, version and kind.
    pub fn of(operation: &OperationDescriptor) -> OperationRef {
        OperationRef {
            key: operation.meta.key.to_owned(),
            version: Some(operation.meta.version.as_str().to_owned()),
            kind: Some(operation.kind),
        }
    }

    /// An operation as it was requested, which may not exist.
    pub fn requested(key: &str, version: Option<&str>) -> OperationRef {
        OperationRef {
            key: key.to_owned(),
            version: version.map(str::to_owned),
            kind: None,
        }
    }
}

/// One problem with the input: where (a dotted path such as `items[2].email`, or `.` for the
/// whole input), a machine-readable code and a message. [`issue_schema`] is its JSON Schema.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Issue {
    /// The path of the offending field.
    pub path: String,
    /// One of [`Issue::CODES`].
    pub code: &'static str,
    /// What is wrong.
    pub message: String,
}

impl Issue {
    /// Every issue code: `missing_field`, `unknown_field`, `invalid_type`, `invalid_value`,
    /// `invalid_length`, `unknown_variant` and `invalid`, the catch-all.
    pub const CODES: [&'static str; 7] = [
        "missing_field",
        "unknown_field",
        "invalid_type",
        "invalid_value",
        "invalid_length",
        "unknown_variant",
        "invalid",
    ];
}

/// Reads an issue as it serializes; a code that is not one of [`Issue::CODES`] (from a server
/// of another version) reads as the catch-all `invalid`.
///
/// ```
/// use contracts_core::wire::Issue;
///
/// let issue: Issue = serde_json::from_str(r#"{"path":"runId","code":"missing_field","message":"m"}"#).unwrap();
/// assert_eq!((issue.path.as_str(), issue.code), ("runId", "missing_field"));
/// let newer: Issue = serde_json::from_str(r#"{"path":".","code":"too_clever","message":"m"}"#).unwrap();
/// assert_eq!(newer.code, "invalid");
/// ```
impl<'de> Deserialize<'de> for Issue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Wire<'a> {
            path: String,
            #[serde(borrow)]
            code: Cow<'a, str>,
            message: String,
        }
        let wire = Wire::deserialize(deserializer)?;
        let code = Issue::CODES
            .into_iter()
            .find(|code| *code == wire.code)
            .unwrap_or("invalid");
        Ok(Issue {
            path: wire.path,
            code,
            message: wire.message,
        })
    }
}

/// `base` followed by `code` in kebab case: the `type` of a problem.
///
/// ```
/// use contracts_core::wire::{problem_type, DEFAULT_PROBLEM_BASE};
///
/// assert_eq!(
///     problem_type(DEFAULT_PROBLEM_BASE, "VALIDATION_FAILED"),
///     "/problems/validation-failed",
/// );
/// ```
pub fn problem_type(base: &str, code: &str) -> String {
    let mut uri = String::with_capacity(base.len() + code.len());
    uri.push_str(base);
    uri.extend(code.chars().map(|c| match c {
        '_' => '-',
        c => c.to_ascii_lowercase(),
    }));
    uri
}

/// Percent-encodes everything but RFC 3986 unreserved characters.
struct PercentEncoded<'a>(&'a str);

impl core::fmt::Display for PercentEncoded<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        use core::fmt::Write;
        for byte in self.0.bytes() {
            if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
                f.write_char(byte as char)?;
            } else {
                write!(f, "%{byte:02X}")?;
            }
        }
        Ok(())
    }
}

/// The JSON Schema of a [`Problem`] as it serializes, its issues referred to as `ref_prefix`
/// followed by [`ISSUE_SCHEMA`] (`#/components/schemas/` in OpenAPI).
///
/// The members a problem always has are `required`; the rest are omitted when empty.
pub fn problem_schema(ref_prefix: &str) -> Value {
    let categories: Vec<&str> = ProblemCategory::ALL.map(ProblemCategory::as_str).into();
    let severities: Vec<&str> = Severity::ALL.map(Severity::as_str).into();
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
            "category": {
                "type": "string",
                "enum": categories,
                "description": "What kind of problem it is.",
            },
            "severity": {
                "type": "string",
                "enum": severities,
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
                    "kind": {
                        "type": "string",
                        "enum": [OperationKind::Command.as_str(), OperationKind::Query.as_str()],
                    },
                },
                "required": ["key"],
            },
            "issues": {
                "type": "array",
                "items": { "$ref": format!("{ref_prefix}{ISSUE_SCHEMA}") },
                "description": "The problems found in the input (VALIDATION_FAILED).",
            },
            "escalation": {
                "type": "string",
                "enum": [Escalation::HumanReview.as_str()],
                "description": "The escalation the call needs before it can run (PRECONDITION_FAILED).",
            },
            "metadata": { "description": "Diagnosis data, such as the original code of an undeclared error." },
        },
        "required": ["type", "title", "status", "code", "category", "severity", "retryable", "traceId"],
    })
}

/// The JSON Schema of an [`Issue`] as it serializes.
pub fn issue_schema() -> Value {
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn keys(value: &Value) -> BTreeSet<String> {
        value.as_object().unwrap().keys().cloned().collect()
    }

    fn listed(schema: &Value, member: &str) -> BTreeSet<String> {
        match &schema[member] {
            Value::Object(object) => object.keys().cloned().collect(),
            Value::Array(names) => names
                .iter()
                .map(|n| n.as_str().unwrap().to_owned())
                .collect(),
            _ => BTreeSet::new(),
        }
    }

    /// The schema lists exactly the members a problem serializes, and requires exactly those it
    /// always has: the document cannot drift from what a server sends.
    #[test]
    fn the_schemas_describe_what_serializes() {
        let bare = Problem::new("b/", "NOPE", 409, "Nope", TraceId::from("t"));
        let mut full = Problem::standard("b/", FailureCode::PreconditionFailed, "t".into());
        full.detail = Some("d".into());
        full.retry_after = Some(1);
        full.operation = Some(OperationRef::requested("a.b", Some("1.0.0")));
        full.issues.push(Issue {
            path: ".".into(),
            code: "invalid",
            message: "m".into(),
        });
        full.escalation = Some(Escalation::HumanReview);
        full.metadata = Some(json!({ "originalCode": "X" }));
        let schema = problem_schema("#/");
        let mut always = keys(&serde_json::to_value(&bare).unwrap());
        always.remove("instance");
        assert_eq!(listed(&schema, "required"), always);
        let full = serde_json::to_value(&full).unwrap();
        assert_eq!(keys(&schema["properties"]), keys(&full));
        assert_eq!(
            keys(&issue_schema()["properties"]),
            keys(&full["issues"][0])
        );
        assert_eq!(
            listed(&issue_schema(), "required"),
            keys(&full["issues"][0])
        );
        assert_eq!(
            keys(&schema["properties"]["operation"]["properties"]),
            keys(&serde_json::to_value(OperationRef::of_parts()).unwrap())
        );
        let categories = &schema["properties"]["category"]["enum"];
        for code in FailureCode::ALL {
            assert!(categories
                .as_array()
                .unwrap()
                .contains(&serde_json::to_value(code.category()).unwrap()));
        }
    }

    #[test]
    fn problem_types_and_instances() {
        assert_eq!(PercentEncoded("a b/é").to_string(), "a%20b%2F%C3%A9");
        let generated = TraceId::generate();
        assert!(generated.as_str().bytes().all(|b| b.is_ascii_hexdigit()));
        assert!(!generated.as_str().bytes().any(|b| b.is_ascii_uppercase()));
    }

    impl OperationRef {
        fn of_parts() -> OperationRef {
            OperationRef {
                key: "a.b".into(),
                version: Some("1.0.0".into()),
                kind: Some(OperationKind::Command),
            }
        }
    }
}
