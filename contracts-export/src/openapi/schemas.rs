//! The document's `components`: the shared headers, responses and schemas, and the security
//! scheme.

use super::responses::{ProblemResponse, STANDARD_FAILURES};
use super::{BEARER_SCHEME, PROBLEM_SCHEMA, SCHEMAS, SUCCESS_SCHEMA};
use crate::json_schema::{Definitions, Obj, Schemas};
use serde::{Serialize, Serializer};
use serde_json::{json, Value};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// The document's `components`: headers, standard responses, schemas and security schemes.
pub(super) struct Components<'a>(pub(super) &'a Schemas);

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
