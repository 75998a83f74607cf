//! The typed fetch client: per operation, its failure codes and a function calling it, written
//! from the operation's descriptor and its part of the OpenAPI document the server serves.
//!
//! - The route is the operation's
//!   [`route`](contracts_core::descriptors::OperationDescriptor::route) (its HTTP binding, or
//!   the REST rule), which the REST adapter (`contracts-axum`) routes by. Path parameters are
//!   not filled in yet: a bound path with parameters is written as its template.
//! - A query's input goes in the query string as the document's `parameters` say, which is what
//!   the adapter reads them from: the client and the server read the same parameters.
//! - The failure codes are the codes of the document's problem responses of the operation: its
//!   declared errors and the standard failures it can answer with.

use super::syntax::{doc_comment, property_key, string_literal};
use crate::naming::{operation_id, type_name, HttpMethod, Role};
use crate::openapi::PROBLEM_JSON;
use contracts_core::descriptors::OperationDescriptor;
use contracts_core::Auth;
use serde_json::Value;
use std::fmt::Write as _;

/// The prefix of references to `components/schemas` in the OpenAPI document.
pub(crate) const COMPONENTS: &str = "#/components/schemas/";

/// One operation as the client calls it.
pub(crate) struct Operation {
    descriptor: &'static OperationDescriptor,
    /// [`operation_id`]: the function's name and the prefix of its other names.
    name: String,
    method: HttpMethod,
    path: String,
    query: Query,
    /// Every failure code, in the document's order (by status).
    failures: Vec<FailureCode>,
}

/// A failure code of an operation, as its OpenAPI responses list it.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct FailureCode {
    code: String,
    status: u16,
    /// What the response's description says of the code (`CODE: what it means`).
    description: String,
}

/// How a query's input travels in the query string.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Query {
    /// Not a query, or an input without fields: nothing.
    None,
    /// The whole input as JSON text in `input`.
    Whole,
    /// One parameter per field, with its encoding (see `Encoding` in the runtime).
    Fields(Vec<(String, &'static str)>),
}

impl Operation {
    /// The operation as the client calls it, read from `document`, the OpenAPI document of
    /// its registry.
    pub(crate) fn new(descriptor: &'static OperationDescriptor, document: &Value) -> Operation {
        let route = descriptor.route();
        let (path, method) = (route.path.into_owned(), route.method);
        let object = &document["paths"][&path][method.as_lowercase()];
        let query = if method.input_in_query() {
            query(object, document)
        } else {
            Query::None
        };
        Operation {
            descriptor,
            name: operation_id(&descriptor.meta),
            method,
            path,
            query,
            failures: failures(object, document),
        }
    }

    /// The name of the type of the operation's failure codes.
    pub(crate) fn error_code_type(&self) -> String {
        format!("{}_ErrorCode", self.name)
    }

    fn failures_const(&self) -> String {
        format!("{}_failures", self.name)
    }

    /// Writes the failure table, the failure code types and the function.
    pub(crate) fn write(&self, out: &mut String) {
        let meta = &self.descriptor.meta;
        let key = format!("`{}@{}`", meta.key, meta.version.as_str());
        self.write_failures(out, &key);
        self.write_function(out);
    }

    /// Writes `<id>_failures`, `<id>_ErrorCode` and `<id>_DeclaredError`.
    fn write_failures(&self, out: &mut String, key: &str) {
        doc_comment(
            out,
            0,
            &format!(
                "The failure codes of {key}, each with its HTTP status: its declared errors and \
                 the standard failures it can answer with, by status."
            ),
        );
        let _ = writeln!(out, "export const {} = {{", self.failures_const());
        for failure in &self.failures {
            let declared = self
                .descriptor
                .errors
                .iter()
                .find(|e| e.code == failure.code);
            let doc = match declared {
                Some(error) => match error.when {
                    Some(when) => format!("{}\n\nWhen: {}", error.description.trim(), when.trim()),
                    None => error.description.trim().to_owned(),
                },
                None => failure.description.clone(),
            };
            doc_comment(out, 1, &doc);
            let _ = writeln!(
                out,
                "  {}: {},",
                property_key(&failure.code),
                failure.status
            );
        }
        out.push_str("} as const;\n\n");
        doc_comment(out, 0, &format!("A failure code of {key}."));
        let _ = writeln!(
            out,
            "export type {} = keyof typeof {};\n",
            self.error_code_type(),
            self.failures_const()
        );

        let declared: Vec<String> = self
            .descriptor
            .errors
            .iter()
            .map(|e| string_literal(e.code))
            .collect();
        let (doc, ty) = match declared.is_empty() {
            true => (format!("{key} declares no error."), "never".to_owned()),
            false => (
                format!("The problem details of a declared error of {key}."),
                format!("Problem<{}>", declared.join(" | ")),
            ),
        };
        doc_comment(out, 0, &doc);
        let _ = writeln!(out, "export type {}_DeclaredError = {ty};\n", self.name);
    }

    /// Writes the operation's function.
    fn write_function(&self, out: &mut String) {
        let meta = &self.descriptor.meta;
        doc_comment(out, 0, &self.function_doc());
        let input = type_name(meta, Role::Input);
        let output = type_name(meta, Role::Output);
        let _ = write!(
            out,
            "export function {name}(\n  client: Client,\n  input: {input},\n  options?: CallOptions,\n\
             ): Promise<Result<{output}, {codes}>> {{\n  return call<{output}, {codes}>(\n    client,\n    {route},\n    \
             input,\n    {failures},\n    options,\n  );\n}}\n",
            name = self.name,
            codes = self.error_code_type(),
            route = self.route(),
            failures = self.failures_const(),
        );
    }

    /// The `Route` literal.
    fn route(&self) -> String {
        let mut route = format!(
            "{{ method: {}, path: {}",
            string_literal(self.method.as_str()),
            string_literal(&self.path)
        );
        match &self.query {
            Query::None => {}
            Query::Whole => route.push_str(", query: \"input\""),
            Query::Fields(fields) => {
                let fields: Vec<String> = fields
                    .iter()
                    .map(|(name, encoding)| format!("{}: \"{encoding}\"", property_key(name)))
                    .collect();
                let _ = write!(route, ", query: {{ {} }}", fields.join(", "));
            }
        }
        route.push_str(" }");
        route
    }

    fn function_doc(&self) -> String {
        let meta = &self.descriptor.meta;
        let mut parts: Vec<String> = Vec::new();
        if let Some(title) = meta.title {
            parts.push(title.trim().to_owned());
        }
        if !meta.description.trim().is_empty() {
            parts.push(meta.description.trim().to_owned());
        }
        if let Some(goal) = meta.goal {
            parts.push(format!("Goal: {}", goal.trim()));
        }
        let auth = match self.descriptor.policy.auth {
            Auth::Anonymous => "anyone may call it",
            Auth::User => "it needs a bearer token",
            Auth::Admin => "it needs a bearer token with the `admin` role",
        };
        parts.push(format!(
            "{} `{}@{}`: `{} {}`; {auth}.",
            capitalized(self.descriptor.kind.as_str()),
            meta.key,
            meta.version.as_str(),
            self.method,
            self.path
        ));
        if let Some(deprecation) = meta.deprecation() {
            parts.push(format!("@deprecated {deprecation}"));
        }
        parts.join("\n\n")
    }
}

fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// How a query's input is read from the query string, from the `parameters` of its `GET` (as
/// the REST adapter reads them): the exporter's single `input` parameter holding the whole
/// input, else one parameter per field, with `content` (JSON text) or a `schema` (form style:
/// a scalar, or a list as repeated parameters).
fn query(object: &Value, document: &Value) -> Query {
    let Some(parameters) = object.get("parameters").and_then(Value::as_array) else {
        return Query::None;
    };
    let whole_input = |p: &Value| {
        p["name"] == "input"
            && p["content"]["application/json"]["schema"]["$ref"]
                .as_str()
                .is_some_and(|r| r.ends_with("_Input"))
    };
    if let [only] = parameters.as_slice() {
        if whole_input(only) {
            return Query::Whole;
        }
    }
    let schemas = &document["components"]["schemas"];
    let mut fields: Vec<(String, &'static str)> = parameters
        .iter()
        .filter_map(|parameter| {
            let name = parameter["name"].as_str()?.to_owned();
            let encoding = match parameter.get("schema") {
                None => "json",
                Some(schema) if is_array(schema) => {
                    if admits_string(&schema["items"], schemas, 0) {
                        "texts"
                    } else {
                        "values"
                    }
                }
                Some(schema) => {
                    if admits_string(schema, schemas, 0) {
                        "text"
                    } else {
                        "value"
                    }
                }
            };
            Some((name, encoding))
        })
        .collect();
    fields.sort();
    fields.dedup_by(|a, b| a.0 == b.0);
    Query::Fields(fields)
}

fn is_array(schema: &Value) -> bool {
    match schema.get("type") {
        Some(Value::String(t)) => t == "array",
        Some(Value::Array(types)) => types.iter().any(|t| t == "array"),
        _ => false,
    }
}

/// Whether a parameter's schema admits a string, so the server reads its text as the string
/// (following references into `components/schemas` and the branches of `anyOf`, `oneOf` and
/// `allOf`; enum and const values count by their type).
fn admits_string(schema: &Value, schemas: &Value, depth: usize) -> bool {
    if depth > 8 {
        return true;
    }
    let typed = match schema.get("type") {
        Some(Value::String(t)) => t == "string",
        Some(Value::Array(types)) => types.iter().any(|t| t == "string"),
        _ => false,
    };
    let values = schema
        .get("enum")
        .and_then(Value::as_array)
        .map(|values| values.iter().any(Value::is_string))
        .unwrap_or(false)
        || schema.get("const").is_some_and(Value::is_string);
    let referenced = schema
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix(COMPONENTS))
        .is_some_and(|name| admits_string(&schemas[name], schemas, depth + 1));
    let branches = ["anyOf", "oneOf", "allOf"].iter().any(|key| {
        schema
            .get(*key)
            .and_then(Value::as_array)
            .is_some_and(|bs| bs.iter().any(|b| admits_string(b, schemas, depth + 1)))
    });
    typed || values || referenced || branches
}

/// The failure codes of an operation object: every `code` its problem responses (inline, or
/// shared in `components/responses`) allow, with the status and what the response's
/// description says of it.
fn failures(object: &Value, document: &Value) -> Vec<FailureCode> {
    let mut codes = Vec::new();
    let Some(responses) = object.get("responses").and_then(Value::as_object) else {
        return codes;
    };
    for (status, response) in responses {
        let Ok(status) = status.parse::<u16>() else {
            continue;
        };
        let response = match response
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix("#/components/responses/"))
        {
            Some(name) => &document["components"]["responses"][name],
            None => response,
        };
        let schema = &response["content"][PROBLEM_JSON]["schema"];
        let mut found = Vec::new();
        problem_codes(schema, &mut found);
        let description = response["description"].as_str().unwrap_or_default();
        for code in found {
            if !codes.iter().any(|c: &FailureCode| c.code == code) {
                codes.push(FailureCode {
                    description: described(description, &code),
                    code,
                    status,
                });
            }
        }
    }
    codes
}

/// The paragraph of a response's description about `code` (`CODE: what it means`), without
/// the code.
fn described(description: &str, code: &str) -> String {
    description
        .split("\n\n")
        .find_map(|paragraph| paragraph.strip_prefix(code)?.strip_prefix(": "))
        .unwrap_or_default()
        .trim()
        .to_owned()
}

/// The values a problem schema allows for `code` (its `const` or `enum`), in order, looking
/// into `allOf`, `anyOf` and `oneOf`.
fn problem_codes(schema: &Value, found: &mut Vec<String>) {
    let code = &schema["properties"]["code"];
    if let Some(value) = code.get("const").and_then(Value::as_str) {
        found.push(value.to_owned());
    }
    for value in code
        .get("enum")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if let Some(value) = value.as_str() {
            found.push(value.to_owned());
        }
    }
    for key in ["allOf", "anyOf", "oneOf"] {
        for branch in schema
            .get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            problem_codes(branch, found);
        }
    }
}

/// Writes `Operations`: every operation by `key@version`, with its input, output and failure
/// code types.
pub(crate) fn write_operations_map(out: &mut String, operations: &[Operation]) {
    doc_comment(
        out,
        0,
        "Every operation by `key@version`: its input, output and failure code types.",
    );
    out.push_str("export interface Operations {\n");
    for operation in operations {
        let meta = &operation.descriptor.meta;
        let _ = writeln!(
            out,
            "  {}: {{\n    input: {};\n    output: {};\n    errorCode: {};\n  }};",
            string_literal(&format!("{}@{}", meta.key, meta.version.as_str())),
            type_name(meta, Role::Input),
            type_name(meta, Role::Output),
            operation.error_code_type()
        );
    }
    out.push_str("}\n");
}

/// Writes `EventPayloads`: every event's payload type by `key@version`.
pub(crate) fn write_event_map(out: &mut String, events: &[&'static contracts_core::Meta]) {
    doc_comment(out, 0, "Every event's payload type by `key@version`.");
    out.push_str("export interface EventPayloads {\n");
    for meta in events {
        let _ = writeln!(
            out,
            "  {}: {};",
            string_literal(&format!("{}@{}", meta.key, meta.version.as_str())),
            type_name(meta, Role::Payload)
        );
    }
    out.push_str("}\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn document() -> Value {
        json!({
            "paths": { "/q/v1": { "get": {
                "parameters": [
                    { "name": "limit", "in": "query", "schema": { "type": "integer" } },
                    { "name": "name", "in": "query", "schema": { "type": "string" } },
                    { "name": "status", "in": "query", "schema": { "$ref": "#/components/schemas/Status" } },
                    { "name": "ids", "in": "query", "schema": { "type": "array", "items": { "type": "integer" } } },
                    { "name": "tags", "in": "query", "schema": { "type": "array", "items": { "type": "string" } } },
                    { "name": "filter", "in": "query", "content": { "application/json": { "schema": { "type": "object" } } } },
                ],
                "responses": {
                    "2XX": { "description": "ok" },
                    "401": { "$ref": "#/components/responses/Unauthenticated" },
                    "409": { "description": "OUT_OF_STOCK: An item is out of stock. When: the stock is short.",
                             "content": { "application/problem+json": { "schema": { "allOf": [
                        { "$ref": "#/components/schemas/ProblemDetails" },
                        { "properties": { "code": { "enum": ["OUT_OF_STOCK", "BASKET_CHANGED"] } } },
                    ] } } } },
                },
            } } },
            "components": {
                "schemas": { "Status": { "enum": ["open", "done"] } },
                "responses": { "Unauthenticated": {
                    "description": "UNAUTHENTICATED: the operation requires an authenticated caller.",
                    "content": { "application/problem+json": { "schema": {
                    "allOf": [
                        { "$ref": "#/components/schemas/ProblemDetails" },
                        { "properties": { "code": { "const": "UNAUTHENTICATED" }, "status": { "const": 401 } } },
                    ],
                } } } } },
            },
        })
    }

    #[test]
    fn query_parameters_are_read_as_the_server_reads_them() {
        let document = document();
        let object = &document["paths"]["/q/v1"]["get"];
        assert_eq!(
            query(object, &document),
            Query::Fields(vec![
                ("filter".to_owned(), "json"),
                ("ids".to_owned(), "values"),
                ("limit".to_owned(), "value"),
                ("name".to_owned(), "text"),
                ("status".to_owned(), "text"),
                ("tags".to_owned(), "texts"),
            ])
        );
        let whole = json!({ "parameters": [{ "name": "input", "in": "query",
            "content": { "application/json": { "schema": { "$ref": "#/components/schemas/a_v1_0_0_Input" } } } }] });
        assert_eq!(query(&whole, &document), Query::Whole);
        assert_eq!(query(&json!({}), &document), Query::None);
    }

    #[test]
    fn failure_codes_come_from_the_problem_responses() {
        let document = document();
        let object = &document["paths"]["/q/v1"]["get"];
        let found: Vec<(String, u16, String)> = failures(object, &document)
            .into_iter()
            .map(|f| (f.code, f.status, f.description))
            .collect();
        let owned = |code: &str, status, description: &str| {
            (code.to_owned(), status, description.to_owned())
        };
        assert_eq!(
            found,
            vec![
                owned(
                    "UNAUTHENTICATED",
                    401,
                    "the operation requires an authenticated caller."
                ),
                owned(
                    "OUT_OF_STOCK",
                    409,
                    "An item is out of stock. When: the stock is short."
                ),
                owned("BASKET_CHANGED", 409, ""),
            ]
        );
        assert!(failures(&json!({}), &document).is_empty());
    }
}
