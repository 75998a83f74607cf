//! Helpers shared by the export tests: sample values generated from a schema, schema-vs-serde
//! agreement checks, and `$ref` resolution.
#![allow(dead_code)]

use contracts_core::Registry;
use contracts_export::json_schema::{message_schema, messages, MessageRef};
use serde_json::{json, Map, Value};

/// Every `$ref` in `value`, with the JSON pointer of where it is.
pub fn refs(value: &Value) -> Vec<(String, String)> {
    fn walk(value: &Value, at: &str, out: &mut Vec<(String, String)>) {
        match value {
            Value::Object(object) => {
                for (key, child) in object {
                    let here = format!("{at}/{}", key.replace('~', "~0").replace('/', "~1"));
                    if key == "$ref" {
                        if let Some(reference) = child.as_str() {
                            out.push((here.clone(), reference.to_owned()));
                        }
                    }
                    walk(child, &here, out);
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter().enumerate() {
                    walk(child, &format!("{at}/{i}"), out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(value, "", &mut out);
    out
}

/// Asserts that every `$ref` in `document` is a local JSON pointer that resolves in it; returns
/// how many there are.
pub fn assert_refs_resolve(document: &Value) -> usize {
    let all = refs(document);
    for (at, reference) in &all {
        let pointer = reference
            .strip_prefix('#')
            .unwrap_or_else(|| panic!("{at}: `{reference}` is not a local reference"));
        assert!(
            document.pointer(pointer).is_some(),
            "{at}: `{reference}` does not resolve"
        );
    }
    all.len()
}

/// Follows `$ref` (local to `root`) until a schema without one.
fn deref<'a>(schema: &'a Value, root: &'a Value) -> &'a Value {
    let mut current = schema;
    for _ in 0..32 {
        match current.get("$ref").and_then(Value::as_str) {
            Some(reference) => {
                let pointer = reference.strip_prefix('#').expect("local reference");
                current = root.pointer(pointer).expect("reference resolves");
            }
            None => return current,
        }
    }
    panic!("reference chain too long");
}

/// How much of a schema a sample fills in.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Fill {
    /// Only required properties.
    Required,
    /// Every property, with a non-null value where one is allowed.
    All,
}

/// A value valid against `schema` (whose references are local to `root`), as small or as full
/// as `fill` says. Recursion stops at a depth limit with empty lists and required fields only.
pub fn sample(schema: &Value, root: &Value, fill: Fill) -> Value {
    sample_at(schema, root, fill, 0)
}

fn sample_at(schema: &Value, root: &Value, fill: Fill, depth: usize) -> Value {
    let schema = deref(schema, root);
    let deep = depth > 6;
    let fill = if deep { Fill::Required } else { fill };
    let Value::Object(object) = schema else {
        return json!("any");
    };
    for key in ["anyOf", "oneOf"] {
        if let Some(branches) = object.get(key).and_then(Value::as_array) {
            let branch = branches
                .iter()
                .find(|b| deref(b, root).get("type") != Some(&json!("null")))
                .unwrap_or(&branches[0]);
            let mut value = sample_at(branch, root, fill, depth + 1);
            // Sibling properties of a tagged union apply too.
            if let (Some(props), Value::Object(map)) = (object.get("properties"), &mut value) {
                for (name, prop) in props.as_object().unwrap() {
                    map.entry(name.clone())
                        .or_insert_with(|| sample_at(prop, root, fill, depth + 1));
                }
            }
            return value;
        }
    }
    if let Some(all) = object.get("allOf").and_then(Value::as_array) {
        let mut merged = Map::new();
        for part in all {
            if let Value::Object(map) = sample_at(part, root, fill, depth + 1) {
                merged.extend(map);
            }
        }
        return Value::Object(merged);
    }
    if let Some(value) = object.get("const") {
        return value.clone();
    }
    if let Some(values) = object.get("enum").and_then(Value::as_array) {
        return values[0].clone();
    }
    let kind = match object.get("type") {
        Some(Value::String(kind)) => kind.clone(),
        Some(Value::Array(kinds)) => kinds
            .iter()
            .filter_map(Value::as_str)
            .find(|k| *k != "null")
            .unwrap_or("null")
            .to_owned(),
        _ if object.contains_key("properties") => "object".to_owned(),
        _ => return json!({ "any": "value" }),
    };
    match kind.as_str() {
        "string" => match object.get("format").and_then(Value::as_str) {
            Some("date-time") => json!("2026-11-21T10:00:00Z"),
            Some("date") => json!("2026-11-21"),
            _ => {
                let min = object.get("minLength").and_then(Value::as_u64).unwrap_or(0) as usize;
                json!("x".repeat(min.max(4)))
            }
        },
        "integer" => {
            let min = object
                .get("minimum")
                .and_then(Value::as_i64)
                .unwrap_or(i64::MIN);
            let max = object
                .get("maximum")
                .and_then(Value::as_i64)
                .unwrap_or(i64::MAX);
            json!(7_i64.clamp(min, max))
        }
        "number" => json!(1.5),
        "boolean" => json!(true),
        "null" => Value::Null,
        "array" => {
            if let Some(prefix) = object.get("prefixItems").and_then(Value::as_array) {
                return prefix
                    .iter()
                    .map(|item| sample_at(item, root, fill, depth + 1))
                    .collect();
            }
            let min = object.get("minItems").and_then(Value::as_u64).unwrap_or(0);
            match object.get("items") {
                Some(items) if !deep || min > 0 => {
                    json!([sample_at(items, root, fill, depth + 1)])
                }
                _ => json!([]),
            }
        }
        "object" => {
            let required: Vec<&str> = object
                .get("required")
                .and_then(Value::as_array)
                .map(|r| r.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            let mut map = Map::new();
            if let Some(props) = object.get("properties").and_then(Value::as_object) {
                for (name, prop) in props {
                    if fill == Fill::All || required.contains(&name.as_str()) {
                        map.insert(name.clone(), sample_at(prop, root, fill, depth + 1));
                    }
                }
            }
            if map.is_empty() && fill == Fill::All && !object.contains_key("properties") {
                if let Some(extra @ Value::Object(_)) = object.get("additionalProperties") {
                    map.insert("key".to_owned(), sample_at(extra, root, fill, depth + 1));
                }
            }
            Value::Object(map)
        }
        _ => json!("any"),
    }
}

/// A value of another JSON type than `value`, to make a field invalid.
pub fn wrong_type(value: &Value) -> Value {
    match value {
        Value::String(_) => json!(12345),
        Value::Number(_) => json!("not a number"),
        Value::Bool(_) => json!("not a boolean"),
        Value::Array(_) => json!({ "not": "a list" }),
        // Not an array: serde's derived structs also accept a JSON array of their fields in
        // order, which the schemas (rightly) do not.
        Value::Object(_) => json!("not an object"),
        Value::Null => json!(42),
    }
}

/// What the agreement check covered.
#[derive(Default, Debug)]
pub struct Coverage {
    /// Messages checked.
    pub messages: usize,
    /// Valid samples both the schema and serde accepted.
    pub valid: usize,
    /// Invalid samples both rejected.
    pub invalid: usize,
}

/// For every message of `registry`: samples generated from its JSON Schema ([`message_schema`])
/// must be accepted by the schema and by the Rust type (serde), and broken samples (a required
/// field missing, an unknown field where the schema forbids them, a field of the wrong type)
/// must be rejected by both.
pub fn check_schema_and_serde_agree(registry: &Registry) -> Coverage {
    let mut coverage = Coverage::default();
    for message in messages(registry) {
        check_message(&message, &mut coverage);
    }
    coverage
}

pub fn check_message(message: &MessageRef, coverage: &mut Coverage) {
    let schema = message_schema(message);
    jsonschema::meta::validate(&schema)
        .unwrap_or_else(|e| panic!("{}: not a valid 2020-12 schema: {e}", message.name()));
    let validator =
        jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("{}: {e}", message.name()));
    let name = message.name();
    coverage.messages += 1;
    let root = deref(&schema, &schema).clone();
    for fill in [Fill::Required, Fill::All] {
        let value = sample(&schema, &schema, fill);
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| e.to_string())
            .collect();
        assert!(
            errors.is_empty(),
            "{name}: schema rejects its own sample {value}: {errors:?}"
        );
        message
            .model
            .check_json(&value)
            .unwrap_or_else(|e| panic!("{name}: serde rejects the sample {value}: {e}"));
        coverage.valid += 1;

        let Value::Object(fields) = &value else {
            continue;
        };
        let mut broken = Vec::new();
        for required in root
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            let mut without = fields.clone();
            without.remove(required);
            broken.push((format!("without `{required}`"), Value::Object(without)));
        }
        if root.get("additionalProperties") == Some(&Value::Bool(false)) {
            let mut extra = fields.clone();
            extra.insert("notAField".to_owned(), json!(1));
            broken.push(("with an unknown field".to_owned(), Value::Object(extra)));
        }
        for (field, field_value) in fields {
            // A field's other JSON type may still be valid where the schema allows several.
            let field_schema = deref(&root["properties"][field], &schema);
            if field_schema.get("type").is_some_and(Value::is_string) && !field_value.is_null() {
                let mut wrong = fields.clone();
                wrong.insert(field.clone(), wrong_type(field_value));
                broken.push((
                    format!("with `{field}` of the wrong type"),
                    Value::Object(wrong),
                ));
            }
        }
        for (what, value) in broken {
            assert!(
                !validator.is_valid(&value),
                "{name}: schema accepts the sample {what}: {value}"
            );
            assert!(
                message.model.check_json(&value).is_err(),
                "{name}: serde accepts the sample {what}: {value}"
            );
            coverage.invalid += 1;
        }
    }
}

/// The official OpenAPI 3.1 schema (`https://spec.openapis.org/oas/3.1/schema/2022-10-07`).
pub fn openapi_schema() -> Value {
    serde_json::from_str(include_str!("../data/openapi-3.1-schema.json")).unwrap()
}

/// The errors the official OpenAPI 3.1 schema finds in `document` (formats checked).
pub fn openapi_errors(document: &Value) -> Vec<String> {
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&openapi_schema())
        .expect("the OpenAPI 3.1 schema compiles");
    validator
        .iter_errors(document)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

/// Asserts that `document` passes the official OpenAPI 3.1 schema, that its `$ref`s resolve,
/// and that each component schema is a valid draft 2020-12 schema.
pub fn assert_valid_openapi(document: &Value) {
    let errors = openapi_errors(document);
    assert!(errors.is_empty(), "invalid OpenAPI 3.1: {errors:#?}");
    assert!(assert_refs_resolve(document) > 0);
    for (name, schema) in document["components"]["schemas"].as_object().unwrap() {
        let mut with_dialect = schema.clone();
        with_dialect["$schema"] = json!("https://json-schema.org/draft/2020-12/schema");
        jsonschema::meta::validate(&with_dialect)
            .unwrap_or_else(|e| panic!("components/schemas/{name}: {e}"));
    }
}
