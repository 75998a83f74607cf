//! The responses of an operation: its success, its declared errors and the standard failures.

use super::operation::schema_ref;
use crate::json_schema::{to_value, Obj};
use crate::naming::{type_name, Role};
use contracts_core::descriptors::{ErrorSpec, HttpRoute, OperationDescriptor};
use contracts_core::wire::{FailureCode, ENVELOPE_SCHEMA, PROBLEM_CONTENT_TYPE, PROBLEM_SCHEMA};
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

/// The name of a standard failure's shared response in `components/responses`: its code in
/// PascalCase (`BAD_REQUEST` is `BadRequest`).
pub(super) fn response_name(code: FailureCode) -> String {
    let mut name = String::with_capacity(code.as_str().len());
    for word in code.as_str().split('_') {
        let mut letters = word.chars();
        if let Some(first) = letters.next() {
            name.push(first);
            name.extend(letters.map(|c| c.to_ascii_lowercase()));
        }
    }
    name
}

/// The description of a standard failure's response: its code and when it is answered.
pub(super) fn failure_description(code: FailureCode) -> String {
    format!("{}: {}", code.as_str(), code.explanation())
}

/// The responses of an operation: its success (`2XX`, or the status its binding sets), declared
/// errors and standard failures.
pub(super) struct Responses<'a>(
    pub(super) &'static OperationDescriptor,
    pub(super) &'a HttpRoute,
);

/// One response of an operation.
enum Response<'a> {
    /// The success envelope with the operation's output.
    Success,
    /// A shared standard failure, by its name in `components/responses`.
    Shared(String),
    /// Declared errors, with the standard failure of their status if any.
    Problem(ProblemResponse<'a>),
}

impl Serialize for Responses<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (operation, route) = (self.0, self.1);
        let mut declared: BTreeMap<u16, Vec<&ErrorSpec>> = BTreeMap::new();
        for error in operation.errors {
            declared.entry(error.http).or_default().push(error);
        }
        let standard: BTreeMap<u16, FailureCode> = FailureCode::documented_for(operation)
            .map(|code| (code.status(), code))
            .collect();
        // Standard codes the examples expect, beyond those documented for every such operation.
        let expected: BTreeMap<u16, FailureCode> = super::examples::expected_failures(operation)
            .filter(|code| !standard.contains_key(&code.status()))
            .map(|code| (code.status(), code))
            .collect();
        let statuses: BTreeSet<u16> = declared
            .keys()
            .chain(standard.keys())
            .chain(expected.keys())
            .copied()
            .collect();
        let success = route
            .status
            .map_or_else(|| "2XX".to_owned(), |s| s.to_string());
        let mut responses = vec![(success, Response::Success)];
        for status in statuses {
            let errors = declared.get(&status).map(Vec::as_slice).unwrap_or(&[]);
            let failure = standard.get(&status).or_else(|| expected.get(&status));
            let examples = super::examples::problems(operation, status);
            let response = match failure {
                Some(&failure) if errors.is_empty() && examples.is_empty() => {
                    Response::Shared(response_name(failure))
                }
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
                    if let Some(&failure) = failure {
                        codes.push(failure.as_str());
                        lines.push(failure_description(failure));
                    }
                    Response::Problem(ProblemResponse {
                        status,
                        codes: codes.into(),
                        description: lines.join("\n\n").into(),
                        examples,
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
                    map.serialize_entry(status, &success_response(operation, route))?;
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

/// The success response: the result envelope with the output as `data`, or the bare output,
/// under the binding's status (without a body for `204`) or the success code's.
fn success_response(
    operation: &'static OperationDescriptor,
    route: &HttpRoute,
) -> serde_json::Value {
    let meta = &operation.meta;
    let output = Obj((("$ref", schema_ref(&type_name(meta, Role::Output))),));
    let schema = if route.envelope {
        to_value(&Obj(((
            "allOf",
            (
                Obj((("$ref", schema_ref(ENVELOPE_SCHEMA)),)),
                Obj((("properties", Obj((("data", output),))),)),
            ),
        ),)))
    } else {
        to_value(&output)
    };
    let body = if route.envelope {
        "the result envelope, with the output as `data`"
    } else {
        "the output (the trace id is in the `x-trace-id` header)"
    };
    let description = match route.status {
        Some(204) => format!("`{}` succeeded, without a body.", meta.key),
        Some(status) => format!("`{}` succeeded ({status}): {body}.", meta.key),
        None => format!(
            "`{}` succeeded: {body}, under the status of its success code (`NO_CONTENT` is `204` without a body).",
            meta.key
        ),
    };
    let headers = to_value(&TRACE_ID_HEADERS);
    if route.status == Some(204) {
        return serde_json::json!({ "description": description, "headers": headers });
    }
    // The examples are of the result envelope.
    let examples = if route.envelope {
        super::examples::successes(operation)
    } else {
        serde_json::Map::new()
    };
    let media = super::examples::media(schema, examples);
    serde_json::json!({
        "content": { "application/json": media },
        "description": description,
        "headers": headers,
    })
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
    /// Example problem bodies, by name.
    pub(super) examples: serde_json::Map<String, serde_json::Value>,
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
                Obj(((
                    PROBLEM_CONTENT_TYPE,
                    super::examples::media(schema, self.examples.clone()),
                ),)),
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
