//! The declared examples as the surfaces show them: the values of a message's examples (JSON
//! Schema `examples`), the success envelope and problem body a call answers with, and the
//! named examples of OpenAPI media types.
//!
//! ```
//! use contracts_export::examples::problem_body;
//!
//! let start = contracts_control_plane::CONTROL_PLANE
//!     .get("controlPlane.execution.start", "1.0.0").unwrap();
//! let start = start.as_operation().unwrap();
//! let example = start.examples.iter().find(|e| e.name == "not-approved").unwrap();
//! let body = problem_body(start, example).unwrap();
//! assert_eq!((body["code"].as_str(), body["status"].as_u64()), (Some("PRECONDITION_FAILED"), Some(412)));
//! ```

use crate::naming::Role;
use contracts_core::descriptors::{OperationDescriptor, OperationExample};
use contracts_core::wire::{
    FailureCode, OperationRef, Problem, SuccessCode, SuccessEnvelope, TraceId, DEFAULT_PROBLEM_BASE,
};
use contracts_core::Contract;
use serde_json::{Map, Value};

/// One example of a message: its name, summary and value.
#[derive(Clone, Debug, PartialEq)]
pub struct MessageExample {
    /// The example's name.
    pub name: &'static str,
    /// What it shows, if said.
    pub summary: Option<&'static str>,
    /// The message.
    pub value: Value,
}

/// The examples of the `role` message of `contract`: an operation's inputs, or its outputs
/// (of the examples expecting success), or an event's payloads. Text that is not JSON (only a
/// hand-built descriptor can hold it; `check_examples` reports it) is left out.
pub fn of_message(contract: Contract, role: Role) -> Vec<MessageExample> {
    match (contract, role) {
        (Contract::Operation(op), Role::Input) => op
            .examples
            .iter()
            .filter_map(|e| message(e.name, e.summary, e.input_json().ok()))
            .collect(),
        (Contract::Operation(op), Role::Output) => op
            .examples
            .iter()
            .filter_map(|e| message(e.name, e.summary, e.output_json().and_then(Result::ok)))
            .collect(),
        (Contract::Event(event), Role::Payload) => event
            .examples
            .iter()
            .filter_map(|e| message(e.name, e.summary, e.payload_json().ok()))
            .collect(),
        _ => Vec::new(),
    }
}

fn message(
    name: &'static str,
    summary: Option<&'static str>,
    value: Option<Value>,
) -> Option<MessageExample> {
    value.map(|value| MessageExample {
        name,
        summary,
        value,
    })
}

/// The values of [`of_message`], for a JSON Schema's `examples`.
pub fn values(contract: Contract, role: Role) -> Vec<Value> {
    of_message(contract, role)
        .into_iter()
        .map(|e| e.value)
        .collect()
}

/// An OpenAPI `examples` object: each example by name, with its summary and value.
pub fn openapi_examples(examples: impl IntoIterator<Item = MessageExample>) -> Map<String, Value> {
    examples
        .into_iter()
        .map(|example| {
            let mut object = Map::new();
            if let Some(summary) = example.summary {
                object.insert("summary".to_owned(), Value::from(summary));
            }
            object.insert("value".to_owned(), example.value);
            (example.name.to_owned(), Value::Object(object))
        })
        .collect()
}

/// The trace id the example bodies show.
fn trace_id(example: &OperationExample) -> String {
    format!("example-{}", example.name)
}

/// The success envelope answering `output` (an `OK`: the code a handler returning its output
/// alone answers with).
pub fn success_envelope(example: &OperationExample, output: &Value) -> Value {
    let data = output.to_string();
    let trace = trace_id(example);
    let envelope = SuccessEnvelope {
        code: SuccessCode::Ok,
        data: Some(&data),
        trace_id: &trace,
    };
    serde_json::to_value(envelope).unwrap_or(Value::Null)
}

/// The status of a failure `code` of `operation`: its declared error's, or the standard code's.
pub fn error_status(operation: &OperationDescriptor, code: &str) -> Option<u16> {
    operation
        .errors
        .iter()
        .find(|e| e.code == code)
        .map(|e| e.http)
        .or_else(|| FailureCode::parse(code).map(FailureCode::status))
}

/// The problem body (RFC 9457) answering an example that expects an error, as the runtime
/// writes it under its default problem base; `None` for an example expecting success or an
/// unknown code.
pub fn problem_body(operation: &OperationDescriptor, example: &OperationExample) -> Option<Value> {
    problem(
        operation,
        example.error_code()?,
        example.summary,
        &trace_id(example),
    )
}

/// The problem body (RFC 9457) of failure `code` (a declared error of `operation` or a standard
/// code) with `detail`, for the call `trace`, under the runtime's default problem base.
pub fn problem(
    operation: &OperationDescriptor,
    code: &str,
    detail: Option<&str>,
    trace: &str,
) -> Option<Value> {
    let trace = TraceId::from(trace);
    let mut problem = match operation.errors.iter().find(|e| e.code == code) {
        Some(spec) => Problem::new(
            DEFAULT_PROBLEM_BASE,
            spec.code,
            spec.http,
            spec.description,
            trace,
        ),
        None => Problem::standard(DEFAULT_PROBLEM_BASE, FailureCode::parse(code)?, trace),
    };
    problem.detail = detail.map(str::to_owned);
    problem.operation = Some(OperationRef::of(operation));
    serde_json::to_value(problem).ok()
}

/// The base URL the call examples address: where `contracts serve` listens by default.
pub const EXAMPLE_BASE_URL: &str = "http://127.0.0.1:8080";

/// The `curl` command calling `operation` over REST with `input`: a `POST` of the JSON for a
/// command, a `GET` with the input's top-level fields as query parameters for a query (a
/// field that is not a string, number or boolean is written as its JSON text).
pub fn curl(operation: &OperationDescriptor, input: &Value) -> String {
    let meta = &operation.meta;
    let path = crate::naming::rest_path(meta);
    let auth = match operation.policy.auth {
        contracts_core::Auth::Anonymous => "",
        _ => " \\\n  -H 'authorization: Bearer $TOKEN'",
    };
    match operation.kind {
        contracts_core::OperationKind::Command => format!(
            "curl -X POST '{EXAMPLE_BASE_URL}{path}'{auth} \\\n  -H 'content-type: application/json' \\\n  -d '{}'",
            shell_quoted(&input.to_string())
        ),
        contracts_core::OperationKind::Query => {
            let query: Vec<String> = input
                .as_object()
                .into_iter()
                .flatten()
                .map(|(key, value)| {
                    let text = match value {
                        Value::String(s) => s.clone(),
                        other => other.to_string(),
                    };
                    format!("{}={}", percent(key), percent(&text))
                })
                .collect();
            let query = if query.is_empty() {
                String::new()
            } else {
                format!("?{}", query.join("&"))
            };
            format!("curl '{EXAMPLE_BASE_URL}{path}{}'{auth}", shell_quoted(&query))
        }
    }
}

/// `text` inside single quotes in a POSIX shell.
fn shell_quoted(text: &str) -> String {
    text.replace('\'', r"'\''")
}

/// Percent-encodes everything but RFC 3986 unreserved characters.
fn percent(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// The MCP `tools/call` request calling `operation`'s tool with `input` (an input that is not
/// an object is wrapped as `value`, as the tool's schema wraps it).
pub fn mcp_call(operation: &OperationDescriptor, input: &Value) -> Value {
    let arguments = match input {
        Value::Object(_) => input.clone(),
        other => serde_json::json!({ "value": other }),
    };
    serde_json::json!({
        "jsonrpc": "2.0",
        "id": 1,
        "method": "tools/call",
        "params": {
            "name": crate::naming::mcp_tool_name(&operation.meta),
            "arguments": arguments,
        },
    })
}

/// The GraphQL document calling `operation`'s field with its input as the `$input` variable,
/// selecting every field of the output (nested models to 8 levels); send it with the input as
/// `{"input": ...}` in `variables`.
pub fn graphql_document(operation: &OperationDescriptor) -> String {
    let meta = &operation.meta;
    let root = match operation.kind {
        contracts_core::OperationKind::Command => "mutation",
        contracts_core::OperationKind::Query => "query",
    };
    let input = operation.input.info;
    let required = input.fields().iter().any(|f| !f.is_optional());
    let field = crate::naming::graphql_field_name(meta);
    let mut selection = String::new();
    select(operation.output.info, 2, &mut selection);
    let (variable, argument) = if input.fields().is_empty() {
        (String::new(), String::new())
    } else {
        let ty = crate::naming::type_name(meta, Role::Input);
        let bang = if required { "!" } else { "" };
        (
            format!("($input: {ty}{bang})"),
            "(input: $input)".to_owned(),
        )
    };
    if selection.is_empty() {
        format!("{root}{variable} {{\n  {field}{argument}\n}}")
    } else {
        format!("{root}{variable} {{\n  {field}{argument} {{\n{selection}  }}\n}}")
    }
}

/// The selection of every field of `model`, indented by `depth` levels.
fn select(model: &'static contracts_core::ModelInfo, depth: usize, out: &mut String) {
    for field in model.fields() {
        if field.flatten {
            select(field.shape.target, depth, out);
            continue;
        }
        let indent = "  ".repeat(depth);
        let nested = field.shape.target;
        if nested.fields().is_empty() || depth > 8 {
            out.push_str(&format!("{indent}{}\n", field.name));
        } else {
            out.push_str(&format!("{indent}{} {{\n", field.name));
            select(nested, depth + 1, out);
            out.push_str(&format!("{indent}}}\n"));
        }
    }
}
