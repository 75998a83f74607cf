//! The result envelope of a dynamic call and its RFC 9457 problem details.

use crate::failure::{Failure, Reason};
use contracts_core::descriptors::ErrorSpec;
use contracts_core::wire::{OperationRef, Problem, SuccessCode, SuccessEnvelope, TraceId};
use contracts_core::{ErrorCatalog, Escalation};
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};
use std::borrow::Cow;

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
        match self {
            ContractResult::Success(success) => SuccessEnvelope {
                code: success.code,
                data: success.data.as_deref(),
                trace_id: success.trace_id.as_str(),
            }
            .serialize(serializer),
            ContractResult::Failure(problem) => {
                let mut s = serializer.serialize_struct("ContractResult", 5)?;
                s.serialize_field("ok", &false)?;
                s.serialize_field("code", &problem.code)?;
                s.serialize_field("status", &problem.status)?;
                s.serialize_field("problem", problem)?;
                s.serialize_field("traceId", &problem.trace_id)?;
                s.end()
            }
        }
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
    operation: Option<OperationRef>,
    trace_id: TraceId,
    base: &str,
) -> Problem {
    let title: Cow<'static, str> = match failure.reason() {
        Reason::Declared(e) => Cow::Borrowed(e.spec().description),
        Reason::Standard(code) => Cow::Borrowed(code.title()),
    };
    let mut problem = Problem::new(base, failure.code(), failure.status(), title, trace_id);
    problem.detail = failure.detail().map(str::to_owned);
    problem.issues = failure.issues().to_vec();
    problem.retry_after = failure.retry_after();
    problem.escalation = failure.escalation();
    problem.metadata = failure.metadata().cloned();
    problem.operation = operation;
    problem
}
