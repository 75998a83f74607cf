//! The query parameters of a query: one per top-level input field, or the whole input; what
//! the document lists and what a server reads ([`QueryInput`]) come from one reading of the
//! input's schema.

use super::operation::schema_ref;
use super::SCHEMAS;
use crate::json_schema::{Entry, Obj, SchemaView, Schemas, DEFS};
use contracts_core::descriptors::OperationDescriptor;
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};
use serde_json::Value;
use std::collections::BTreeSet;

/// How a query's input travels in a query string, as the OpenAPI document lists its
/// parameters: what a server reads the query string by (`contracts-axum` does).
///
/// ```
/// use contracts_control_plane::CONTROL_PLANE;
/// use contracts_export::json_schema::Schemas;
/// use contracts_export::openapi::{query_input, FieldStyle, QueryInput};
///
/// let schemas = Schemas::new(&CONTROL_PLANE);
/// let get = CONTROL_PLANE.get("controlPlane.execution.get", "1.0.0").unwrap();
/// let Some(QueryInput::Fields(fields)) = query_input(&schemas, get.as_operation().unwrap()) else {
///     panic!("a query with fields")
/// };
/// assert_eq!(fields[0].name, "executionId");
/// assert!(fields[0].required);
/// assert!(matches!(fields[0].style, FieldStyle::Scalar(types) if types.string));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QueryInput {
    /// One parameter per top-level field of the input, sorted by name (none for an object
    /// without fields).
    Fields(Vec<QueryField>),
    /// The input is not an object with fields (or is a map): one parameter, `input`, holding
    /// the whole input as JSON text.
    Whole,
}

/// One top-level field of a query's input, as a query parameter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueryField {
    /// The parameter's (and the field's) name.
    pub name: String,
    /// Whether the input requires the field.
    pub required: bool,
    /// How its value is written.
    pub style: FieldStyle,
}

/// How a query parameter's value is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldStyle {
    /// A scalar, in the form style: `?limit=10`; its text is a value of one of these types.
    Scalar(JsonTypes),
    /// A list of scalars, in the form style with explode: `?ids=a&ids=b`.
    List(JsonTypes),
    /// Anything else, as JSON text (`content: application/json`): `?filter={"a":1}`.
    Json,
}

/// The JSON types a scalar's schema allows (following references and the branches of
/// `anyOf`, `oneOf` and `allOf`; `enum` and `const` values count by their type).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct JsonTypes {
    /// `string`.
    pub string: bool,
    /// `integer`.
    pub integer: bool,
    /// `number`.
    pub number: bool,
    /// `boolean`.
    pub boolean: bool,
    /// `null`.
    pub null: bool,
}

/// How `operation`'s input travels in a query string, read from its input's schema in
/// `schemas`; `None` for an operation whose input is the body (its method is not `GET` or
/// `DELETE`), or an operation `schemas` does not hold.
pub fn query_input(schemas: &Schemas, operation: &OperationDescriptor) -> Option<QueryInput> {
    if !operation.route_method().input_in_query() {
        return None;
    }
    let (_, input, _) = schemas
        .operations()
        .find(|(candidate, _, _)| std::ptr::eq(*candidate, operation))?;
    Some(match input_shape(input) {
        InputShape::Whole => QueryInput::Whole,
        InputShape::Fields(fields) => QueryInput::Fields(
            fields
                .into_iter()
                .map(|field| QueryField {
                    name: field.name.to_owned(),
                    required: field.required,
                    style: field.style,
                })
                .collect(),
        ),
    })
}

/// A query's input, read from its schema: the whole input, or its top-level fields.
enum InputShape<'a> {
    Whole,
    Fields(Vec<FieldShape<'a>>),
}

/// One top-level field of a query's input, with its schema.
struct FieldShape<'a> {
    name: &'a str,
    schema: &'a Value,
    required: bool,
    style: FieldStyle,
}

/// The shape of a query's input, from its input's entry.
fn input_shape(input_entry: &Entry) -> InputShape<'_> {
    let input = &input_entry.root;
    let fields = match input.get("properties") {
        Some(Value::Object(fields)) => Some(Some(fields)),
        // An object without fields: no parameter.
        None if input.get("additionalProperties").is_none_or(|a| a == false) => Some(None),
        _ => None,
    }
    .filter(|_| is_plain_object(input));
    let Some(fields) = fields else {
        return InputShape::Whole;
    };
    let Some(fields) = fields else {
        return InputShape::Fields(Vec::new());
    };
    let required: BTreeSet<&str> = input
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    InputShape::Fields(
        fields
            .iter()
            .map(|(name, schema)| FieldShape {
                name,
                schema,
                required: required.contains(name.as_str()),
                style: style(schema, input_entry),
            })
            .collect(),
    )
}

/// A query parameter: a top-level input field, or the whole input as JSON text.
pub(super) enum Parameter<'a> {
    /// The whole input, as JSON text.
    Input(String),
    /// A field.
    Field {
        name: &'a str,
        required: bool,
        description: Option<&'a str>,
        schema: SchemaView<'a>,
        /// A scalar or list in the form style (with `schema`), not JSON text (`content`).
        simple: bool,
        /// `query` or `path`.
        location: &'static str,
    },
}

impl Serialize for Parameter<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Parameter::Input(name) => Obj((
                (
                    "content",
                    Obj(((
                        "application/json",
                        Obj((("schema", Obj((("$ref", schema_ref(name)),))),)),
                    ),)),
                ),
                ("description", "The whole input, as JSON text."),
                ("in", "query"),
                ("name", "input"),
                ("required", true),
            ))
            .serialize(serializer),
            Parameter::Field {
                name,
                required,
                description,
                schema,
                simple,
                location,
            } => {
                let mut parameter = serializer.serialize_map(None)?;
                if !simple {
                    let content = Obj((("application/json", Obj((("schema", schema),))),));
                    parameter.serialize_entry("content", &content)?;
                }
                if let Some(description) = description {
                    parameter.serialize_entry("description", description)?;
                }
                parameter.serialize_entry("in", location)?;
                parameter.serialize_entry("name", name)?;
                parameter.serialize_entry("required", required)?;
                if *simple {
                    parameter.serialize_entry("schema", schema)?;
                }
                parameter.end()
            }
        }
    }
}

/// The query parameters of a query, from its input's entry.
pub(super) fn query_parameters<'a>(input_entry: &'a Entry, path: &[&str]) -> Vec<Parameter<'a>> {
    match input_shape(input_entry) {
        InputShape::Whole => vec![Parameter::Input(input_entry.name.clone())],
        InputShape::Fields(fields) => fields
            .into_iter()
            .filter(|field| !path.contains(&field.name))
            .map(|field| Parameter::Field {
                name: field.name,
                required: field.required,
                description: field_description(field.schema, input_entry),
                schema: SchemaView::within(field.schema, input_entry, SCHEMAS),
                simple: field.style != FieldStyle::Json,
                location: "query",
            })
            .collect(),
    }
}

/// The path parameters of a route whose parameters are `path` (input fields, by the compile-time
/// checks), each required, with its field's schema.
pub(super) fn path_parameters<'a>(input_entry: &'a Entry, path: &[&str]) -> Vec<Parameter<'a>> {
    let InputShape::Fields(fields) = input_shape(input_entry) else {
        return Vec::new();
    };
    path.iter()
        .filter_map(|name| fields.iter().find(|field| field.name == *name))
        .map(|field| Parameter::Field {
            name: field.name,
            required: true,
            description: field_description(field.schema, input_entry),
            schema: SchemaView::within(field.schema, input_entry, SCHEMAS),
            simple: true,
            location: "path",
        })
        .collect()
}

/// The JSON types of each path parameter of `operation`'s route, read from its input's schema
/// in `schemas`, in path order; a parameter whose field the schema does not describe as a
/// scalar takes any text as a string.
pub(super) fn path_types(
    schemas: &Schemas,
    operation: &OperationDescriptor,
) -> Vec<(String, JsonTypes)> {
    let route = operation.route();
    let names: Vec<&str> = route.parameters().collect();
    if names.is_empty() {
        return Vec::new();
    }
    let shape = schemas
        .operations()
        .find(|(candidate, _, _)| std::ptr::eq(*candidate, operation))
        .map(|(_, input, _)| input_shape(input));
    let any_text = JsonTypes {
        string: true,
        ..JsonTypes::default()
    };
    names
        .into_iter()
        .map(|name| {
            let types = match &shape {
                Some(InputShape::Fields(fields)) => fields
                    .iter()
                    .find(|field| field.name == name)
                    .and_then(|field| match field.style {
                        FieldStyle::Scalar(types) => Some(types),
                        _ => None,
                    })
                    .unwrap_or(any_text),
                _ => any_text,
            };
            (name.to_owned(), types)
        })
        .collect()
}

/// Whether an input schema is an object with fields and nothing that changes its meaning
/// (composition, conditionals), so its properties can be flattened into parameters.
fn is_plain_object(schema: &Value) -> bool {
    const COMPLEX: [&str; 9] = [
        "allOf",
        "anyOf",
        "oneOf",
        "not",
        "if",
        "$ref",
        "patternProperties",
        "dependentSchemas",
        "unevaluatedProperties",
    ];
    schema.get("type").and_then(Value::as_str) == Some("object")
        && COMPLEX.iter().all(|k| schema.get(k).is_none())
}

/// The description of a field, or of the model it refers to.
fn field_description<'a>(schema: &'a Value, entry: &'a Entry) -> Option<&'a str> {
    let own = schema.get("description").and_then(Value::as_str);
    own.or_else(|| {
        target(schema, entry)
            .and_then(|t| t.get("description"))
            .and_then(Value::as_str)
    })
}

/// The schema of `entry` a `$ref` points to (its root or one of its nested models): the
/// references an entry's schemas can hold, which `components/schemas` resolves.
fn target<'a>(schema: &'a Value, entry: &'a Entry) -> Option<&'a Value> {
    let name = schema.get("$ref")?.as_str()?.strip_prefix(DEFS)?;
    if name == entry.name {
        return Some(&entry.root);
    }
    entry.nested.get(name)
}

/// How a field's value is written: a scalar or a list of scalars (possibly nullable) in the
/// `form` style, anything else as JSON; references are followed.
fn style(schema: &Value, entry: &Entry) -> FieldStyle {
    fn scalar(schema: &Value, entry: &Entry, depth: usize) -> bool {
        if depth > 8 {
            return false;
        }
        if let Some(t) = target(schema, entry) {
            return scalar(t, entry, depth + 1);
        }
        if let Some(branches) = schema.get("anyOf").and_then(Value::as_array) {
            return branches.iter().all(|b| {
                b.get("type").and_then(Value::as_str) == Some("null") || scalar(b, entry, depth + 1)
            });
        }
        let is_scalar_type =
            |t: &str| matches!(t, "string" | "integer" | "number" | "boolean" | "null");
        match schema.get("type") {
            Some(Value::String(t)) => is_scalar_type(t),
            Some(Value::Array(types)) => types.iter().filter_map(Value::as_str).all(is_scalar_type),
            _ => schema.get("enum").is_some() || schema.get("const").is_some(),
        }
    }
    let is_array = match schema.get("type") {
        Some(Value::String(t)) => t == "array",
        Some(Value::Array(types)) => types.iter().any(|t| t == "array"),
        _ => false,
    };
    if is_array {
        return match schema.get("items") {
            Some(items) if scalar(items, entry, 0) => FieldStyle::List(types_of(items, entry, 0)),
            _ => FieldStyle::Json,
        };
    }
    if scalar(schema, entry, 0) {
        FieldStyle::Scalar(types_of(schema, entry, 0))
    } else {
        FieldStyle::Json
    }
}

/// The JSON types a scalar schema allows.
fn types_of(schema: &Value, entry: &Entry, depth: usize) -> JsonTypes {
    let mut types = JsonTypes::default();
    if depth > 8 {
        types.string = true;
        return types;
    }
    let mut add = |t: &str| match t {
        "string" => types.string = true,
        "integer" => types.integer = true,
        "number" => types.number = true,
        "boolean" => types.boolean = true,
        "null" => types.null = true,
        _ => {}
    };
    match schema.get("type") {
        Some(Value::String(t)) => add(t),
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).for_each(&mut add),
        _ => {}
    }
    let values = match (schema.get("enum"), schema.get("const")) {
        (Some(Value::Array(values)), _) => values.iter().collect(),
        (_, Some(value)) => vec![value],
        _ => Vec::new(),
    };
    for value in values {
        add(match value {
            Value::String(_) => "string",
            Value::Number(n) if n.is_f64() => "number",
            Value::Number(_) => "integer",
            Value::Bool(_) => "boolean",
            Value::Null => "null",
            _ => "",
        });
    }
    let branches = target(schema, entry).into_iter().chain(
        ["anyOf", "oneOf", "allOf"]
            .into_iter()
            .filter_map(|key| schema.get(key).and_then(Value::as_array))
            .flatten(),
    );
    for branch in branches {
        let other = types_of(branch, entry, depth + 1);
        types.string |= other.string;
        types.integer |= other.integer;
        types.number |= other.number;
        types.boolean |= other.boolean;
        types.null |= other.null;
    }
    types
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::openapi::export;
    use contracts_core::Registry;

    /// What a server reads is what the document lists, for every query of the domains.
    #[test]
    fn query_inputs_are_the_documented_parameters() {
        let registries: [&Registry; 3] = [
            &contracts_control_plane::CONTROL_PLANE,
            &contracts_harness::HARNESS,
            &contracts_context::CONTEXT,
        ];
        let mut seen = [0; 3];
        for registry in registries {
            let schemas = Schemas::new(registry);
            let document = export(registry);
            for operation in registry.operations() {
                let path = crate::naming::rest_path(&operation.meta);
                let parameters = document["paths"][&path]["get"]["parameters"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default();
                match query_input(&schemas, operation) {
                    None => assert_eq!(operation.kind, contracts_core::OperationKind::Command),
                    Some(QueryInput::Whole) => {
                        seen[0] += 1;
                        assert_eq!(parameters.len(), 1, "{path}");
                        assert_eq!(parameters[0]["name"], "input");
                    }
                    Some(QueryInput::Fields(fields)) => {
                        assert_eq!(fields.len(), parameters.len(), "{path}");
                        for (field, parameter) in fields.iter().zip(&parameters) {
                            assert_eq!(parameter["name"], field.name.as_str());
                            assert_eq!(parameter["required"], field.required);
                            let json = parameter.get("content").is_some();
                            assert_eq!(json, field.style == FieldStyle::Json, "{path}");
                            seen[match field.style {
                                FieldStyle::Json => 0,
                                FieldStyle::Scalar(_) => 1,
                                FieldStyle::List(_) => 2,
                            }] += 1;
                        }
                    }
                }
            }
        }
        assert!(
            seen.iter().all(|&n| n > 0),
            "every style is exercised: {seen:?}"
        );
    }
}
