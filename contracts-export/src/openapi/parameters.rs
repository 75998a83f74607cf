//! The query parameters of a query: one per top-level input field, or the whole input.

use super::operation::schema_ref;
use super::SCHEMAS;
use crate::json_schema::{Entry, Obj, SchemaView, DEFS};
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};
use serde_json::Value;
use std::collections::BTreeSet;

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
        simple: bool,
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
            } => {
                let mut parameter = serializer.serialize_map(None)?;
                if !simple {
                    let content = Obj((("application/json", Obj((("schema", schema),))),));
                    parameter.serialize_entry("content", &content)?;
                }
                if let Some(description) = description {
                    parameter.serialize_entry("description", description)?;
                }
                parameter.serialize_entry("in", "query")?;
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

/// The query parameters of a query: one per top-level input field, from its input's entry.
pub(super) fn query_parameters(input_entry: &Entry) -> Vec<Parameter<'_>> {
    let input = &input_entry.root;
    let fields = match input.get("properties") {
        Some(Value::Object(fields)) => Some(Some(fields)),
        // An object without fields: no parameter.
        None if input.get("additionalProperties").is_none_or(|a| a == false) => Some(None),
        _ => None,
    }
    .filter(|_| is_plain_object(input));
    let Some(fields) = fields else {
        return vec![Parameter::Input(input_entry.name.clone())];
    };
    let Some(fields) = fields else {
        return Vec::new();
    };
    let required: BTreeSet<&str> = input
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    fields
        .iter()
        .map(|(field, schema)| Parameter::Field {
            name: field,
            required: required.contains(field.as_str()),
            description: field_description(schema, input_entry),
            schema: SchemaView::within(schema, input_entry, SCHEMAS),
            simple: is_simple(schema, input_entry),
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

/// Whether a parameter schema is a scalar or a list of scalars (possibly nullable), which the
/// `form` style serializes; references are followed.
fn is_simple(schema: &Value, schemas: &Entry) -> bool {
    fn scalar(schema: &Value, schemas: &Entry, depth: usize) -> bool {
        if depth > 8 {
            return false;
        }
        if let Some(t) = target(schema, schemas) {
            return scalar(t, schemas, depth + 1);
        }
        if let Some(branches) = schema.get("anyOf").and_then(Value::as_array) {
            return branches.iter().all(|b| {
                b.get("type").and_then(Value::as_str) == Some("null")
                    || scalar(b, schemas, depth + 1)
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
        return schema
            .get("items")
            .is_some_and(|items| scalar(items, schemas, 0));
    }
    scalar(schema, schemas, 0)
}
