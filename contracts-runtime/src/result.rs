//! The result envelope of a dynamic call and its RFC 9457 problem details.

use crate::codes::{ProblemCategory, Severity, SuccessCode};
use crate::context::TraceId;
use crate::failure::{Failure, Issue, Reason};
use contracts_core::descriptors::{ErrorSpec, OperationDescriptor};
use contracts_core::{ErrorCatalog, Escalation, OperationKind};
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};
use serde_json::value::RawValue;
use std::borrow::Cow;

/// The media type of a problem body.
pub const PROBLEM_CONTENT_TYPE: &str = "application/problem+json";

/// The default base of problem type URIs: a code `VALIDATION_FAILED` has the type
/// `https://contractspec.io/problems/validation-failed`, as in ContractSpec.
pub const DEFAULT_PROBLEM_BASE: &str = "https://contractspec.io/problems/";

/// The outcome of [`Runtime::execute`](crate::Runtime::execute): success data or a problem,
/// with the trace id.
///
/// Serializes as ContractSpec's envelope: `{"ok": true, "code", "status", "data", "traceId"}` or
/// `{"ok": false, "code", "status", "problem", "traceId"}`.
#[derive(Clone, Debug)]
pub enum ContractResult {
    /// The call succeeded.
    Success(Success),
    /// The call failed.
    Failure(Box<Problem>),
}

/// A successful call: its code and its output, serialized.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Success {
    /// The success code.
    pub code: SuccessCode,
    /// The output as JSON text (as `serde_json` writes it); `None` for `NO_CONTENT`.
    pub data: Option<String>,
    /// The call's trace id.
    pub trace_id: TraceId,
}

/// An RFC 9457 problem: the standard members (`type`, `title`, `status`, `detail`,
/// `instance`) and the extension members ContractSpec defines.
#[derive(Clone, Debug, Serialize)]
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
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub issues: Vec<Issue>,
    /// The escalation the call needs before it can run.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub escalation: Option<Escalation>,
    /// Diagnosis data, such as `originalCode` for an undeclared error.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metadata: Option<serde_json::Value>,
}

/// The operation a problem is about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
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
    pub(crate) fn of(operation: &'static OperationDescriptor) -> OperationRef {
        OperationRef {
            key: operation.meta.key.to_owned(),
            version: Some(operation.meta.version.as_str().to_owned()),
            kind: Some(operation.kind),
        }
    }

    pub(crate) fn requested(key: &str, version: Option<&str>) -> OperationRef {
        OperationRef {
            key: key.to_owned(),
            version: version.map(str::to_owned),
            kind: None,
        }
    }
}

impl ContractResult {
    /// Whether the call succeeded.
    pub fn is_ok(&self) -> bool {
        matches!(self, ContractResult::Success(_))
    }

    /// The code: a success code, a standard failure code or a declared error code.
    pub fn code(&self) -> &str {
        match self {
            ContractResult::Success(s) => s.code.as_str(),
            ContractResult::Failure(p) => &p.code,
        }
    }

    /// The HTTP status.
    pub fn status(&self) -> u16 {
        match self {
            ContractResult::Success(s) => s.code.status(),
            ContractResult::Failure(p) => p.status,
        }
    }

    /// The call's trace id.
    pub fn trace_id(&self) -> &TraceId {
        match self {
            ContractResult::Success(s) => &s.trace_id,
            ContractResult::Failure(p) => &p.trace_id,
        }
    }

    /// The output as JSON text, if the call succeeded with data.
    pub fn data(&self) -> Option<&str> {
        match self {
            ContractResult::Success(s) => s.data.as_deref(),
            ContractResult::Failure(_) => None,
        }
    }

    /// The output parsed as a JSON value, if the call succeeded with data.
    pub fn data_value(&self) -> Option<serde_json::Value> {
        self.data().and_then(|text| serde_json::from_str(text).ok())
    }

    /// The problem, if the call failed.
    pub fn problem(&self) -> Option<&Problem> {
        match self {
            ContractResult::Success(_) => None,
            ContractResult::Failure(p) => Some(p),
        }
    }

    /// The escalation the call needs, if it was refused for want of one.
    pub fn escalation(&self) -> Option<Escalation> {
        self.problem().and_then(|p| p.escalation)
    }

    /// The success, or the problem.
    pub fn into_result(self) -> Result<Success, Box<Problem>> {
        match self {
            ContractResult::Success(s) => Ok(s),
            ContractResult::Failure(p) => Err(p),
        }
    }
}

impl Serialize for ContractResult {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("ContractResult", 5)?;
        s.serialize_field("ok", &self.is_ok())?;
        s.serialize_field("code", self.code())?;
        s.serialize_field("status", &self.status())?;
        match self {
            ContractResult::Success(success) => {
                if let Some(data) = &success.data {
                    // Embedded as is: it is JSON that serde_json wrote.
                    let raw: &RawValue =
                        serde_json::from_str(data).map_err(serde::ser::Error::custom)?;
                    s.serialize_field("data", raw)?;
                }
            }
            ContractResult::Failure(problem) => s.serialize_field("problem", problem)?,
        }
        s.serialize_field("traceId", self.trace_id())?;
        s.end()
    }
}

/// A declared error once its operation is no longer known by type.
#[derive(Clone, Copy, Debug)]
pub(crate) struct AnyError(pub(crate) &'static ErrorSpec);

impl ErrorCatalog for AnyError {
    const ERRORS: &'static [ErrorSpec] = &[];

    fn spec(&self) -> &'static ErrorSpec {
        self.0
    }
}

/// Builds the problem of `failure`.
pub(crate) fn problem_of<E: ErrorCatalog>(
    failure: Failure<E>,
    operation: OperationRef,
    trace_id: TraceId,
    base: &str,
) -> Problem {
    let code = failure.code();
    let status = failure.status();
    let title: Cow<'static, str> = match failure.reason() {
        Reason::Declared(e) => Cow::Borrowed(e.spec().description),
        Reason::Standard(code) => Cow::Borrowed(code.title()),
    };
    let detail = failure.detail().map(str::to_owned);
    let issues = failure.issues().to_vec();
    let retry_after = failure.retry_after();
    let escalation = failure.escalation();
    let metadata = failure.metadata().cloned();
    Problem {
        type_uri: problem_type(base, code),
        title,
        status,
        detail,
        instance: Some(format!("urn:trace:{}", PercentEncoded(trace_id.as_str()))),
        code: Cow::Borrowed(code),
        category: ProblemCategory::of_status(status),
        severity: Severity::of_status(status),
        retryable: crate::codes::retryable(status),
        retry_after,
        trace_id,
        operation: Some(operation),
        issues,
        escalation,
        metadata,
    }
}

/// `base` followed by `code` in kebab case.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problem_types_and_instances() {
        assert_eq!(
            problem_type(DEFAULT_PROBLEM_BASE, "VALIDATION_FAILED"),
            "https://contractspec.io/problems/validation-failed"
        );
        assert_eq!(PercentEncoded("a b/é").to_string(), "a%20b%2F%C3%A9");
    }
}
