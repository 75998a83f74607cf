//! The declared examples in the document: on request bodies, success responses and problem
//! responses.

use crate::examples::{
    error_status, of_message, openapi_examples, problem_body, success_envelope, MessageExample,
};
use crate::naming::Role;
use contracts_core::descriptors::OperationDescriptor;
use contracts_core::wire::FailureCode;
use contracts_core::Contract;
use serde::Serialize;
use serde_json::{Map, Value};

/// A media type object: `schema`, and `examples` when there are some.
pub(super) fn media(schema: impl Serialize, examples: Map<String, Value>) -> Value {
    let mut object = Map::new();
    object.insert(
        "schema".to_owned(),
        serde_json::to_value(schema).unwrap_or(Value::Null),
    );
    if !examples.is_empty() {
        object.insert("examples".to_owned(), Value::Object(examples));
    }
    Value::Object(object)
}

/// The request examples of `operation`: its examples' inputs.
pub(super) fn requests(operation: &'static OperationDescriptor) -> Map<String, Value> {
    openapi_examples(of_message(Contract::Operation(operation), Role::Input))
}

/// The success examples of `operation`: its examples' outputs, in the result envelope.
pub(super) fn successes(operation: &'static OperationDescriptor) -> Map<String, Value> {
    openapi_examples(operation.examples.iter().filter_map(|example| {
        let output = example.output_json()?.ok()?;
        Some(MessageExample {
            name: example.name,
            summary: example.summary,
            value: success_envelope(example, &output),
        })
    }))
}

/// The problem examples of `operation` answered with `status`.
pub(super) fn problems(operation: &'static OperationDescriptor, status: u16) -> Map<String, Value> {
    openapi_examples(operation.examples.iter().filter_map(|example| {
        let code = example.error_code()?;
        (error_status(operation, code)? == status).then_some(())?;
        Some(MessageExample {
            name: example.name,
            summary: example.summary,
            value: problem_body(operation, example)?,
        })
    }))
}

/// The standard failure codes the examples of `operation` expect.
pub(super) fn expected_failures(
    operation: &'static OperationDescriptor,
) -> impl Iterator<Item = FailureCode> {
    operation
        .examples
        .iter()
        .filter_map(|example| example.error_code())
        .filter(|code| !operation.errors.iter().any(|e| e.code == *code))
        .filter_map(FailureCode::parse)
}
