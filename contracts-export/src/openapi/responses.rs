//! The responses of an operation: its success, its declared errors and the standard failures.

use super::operation::schema_ref;
use super::{PROBLEM_JSON, PROBLEM_SCHEMA, SUCCESS_SCHEMA};
use crate::json_schema::Obj;
use crate::naming::{type_name, Role};
use contracts_core::descriptors::{ErrorSpec, OperationDescriptor};
use contracts_core::{Auth, OperationKind};
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

/// A standard failure every operation may answer with.
pub(super) struct StandardFailure {
    pub(super) code: &'static str,
    pub(super) status: u16,
    pub(super) response_name: &'static str,
    pub(super) description: &'static str,
}

pub(super) const STANDARD_FAILURES: [StandardFailure; 10] = [
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

/// The responses of an operation: 2XX, declared errors and standard failures.
pub(super) struct Responses(pub(super) &'static OperationDescriptor);

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
pub(super) struct ProblemResponse<'a> {
    pub(super) status: u16,
    pub(super) codes: Cow<'a, [&'static str]>,
    pub(super) description: Cow<'static, str>,
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
