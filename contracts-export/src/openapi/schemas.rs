//! The document's `components`: the shared headers, responses and schemas, and the security
//! scheme.

use super::responses::{failure_description, response_name, ProblemResponse};
use super::{BEARER_SCHEME, SCHEMAS};
use crate::json_schema::{Definitions, Obj, Schemas};
use contracts_core::wire::{
    envelope_schema, issue_schema, problem_schema, FailureCode, ENVELOPE_SCHEMA, ISSUE_SCHEMA,
    PROBLEM_SCHEMA,
};
use serde::{Serialize, Serializer};
use serde_json::json;
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
        // Only the standard responses some operation refers to: one whose own declared error
        // shares the status documents both in place.
        let shared = |code: &FailureCode| {
            self.0.operations().any(|(operation, _, _)| {
                FailureCode::documented_for(operation).any(|c| c == *code)
                    && !operation.errors.iter().any(|e| e.http == code.status())
            })
        };
        let responses: BTreeMap<String, ProblemResponse<'_>> = FailureCode::DOCUMENTED
            .iter()
            .filter(|code| shared(code))
            .map(|code| {
                let response = ProblemResponse {
                    status: code.status(),
                    codes: Cow::Owned(vec![code.as_str()]),
                    description: failure_description(*code).into(),
                    examples: serde_json::Map::new(),
                };
                (response_name(*code), response)
            })
            .collect();
        let (problem, issue, envelope) =
            (problem_schema(SCHEMAS), issue_schema(), envelope_schema());
        let extra = [
            (PROBLEM_SCHEMA, &problem),
            (ISSUE_SCHEMA, &issue),
            (ENVELOPE_SCHEMA, &envelope),
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
