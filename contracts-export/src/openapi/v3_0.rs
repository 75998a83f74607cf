//! The OpenAPI 3.0.3 form of a document, for generators that read only 3.0 (progenitor, many
//! openapi-generator targets): the same paths, operations and components, with every schema
//! written in the OpenAPI 3.0 Schema Object dialect instead of JSON Schema 2020-12.
//!
//! | 3.1 (JSON Schema 2020-12) | 3.0.3 |
//! |---|---|
//! | `"type": ["string", "null"]` | `"type": "string", "nullable": true` |
//! | `"type": ["string", "integer"]` | `anyOf` of one schema per type |
//! | `anyOf`/`oneOf` with a `{"type": "null"}` branch | the other branches, `nullable: true` (one `$ref` branch as `allOf`) |
//! | `"type": "null"` | `"nullable": true, "enum": [null]` |
//! | `"const": v` | `"enum": [v]` |
//! | `"examples": [a, ...]` | `"example": a` |
//! | `"exclusiveMinimum": n` (and maximum) | `"minimum": n, "exclusiveMinimum": true` |
//! | `$ref` with other keywords | `allOf: [{"$ref"}]` with the other keywords |
//! | `true` / `false` schemas | `{}` / `{"not": {}}` |
//! | `$schema`, `$id`, `$comment`, `$defs`, `propertyNames`, `contentEncoding`, `contentMediaType`, `unevaluatedProperties`, `dependentSchemas`, `dependentRequired` | dropped (3.0 has no such keyword; none of them narrows what the server accepts in a way a client needs) |
//! | `prefixItems` | `items` of any of the tuple's schemas |
//! | a bearer requirement listing roles (`["admin"]`) | no scopes (`[]`): 3.0 lists scopes for OAuth 2 only |
//! | `webhooks`, `jsonSchemaDialect`, `info.summary`, `info.license.identifier`, `components.pathItems` | dropped |
//! | a query parameter holding JSON text (`content: {"application/json": {"schema": s}}`) | `schema: {"type": "string"}`, its description saying it holds JSON text, `s` kept as [`JSON_TEXT_SCHEMA`] |
//!
//! The last row is not a 3.0 limit (3.0 has `content` parameters) but one of its generators':
//! progenitor, and others, refuse or drop query parameters described by `content`. The server
//! reads such a parameter's value as JSON text either way (see
//! [`QueryPlan`](super::QueryPlan)), so a client that sends the JSON text as a string sends
//! what the server reads.
//!
//! ```
//! use contracts_context::CONTEXT;
//! use contracts_export::openapi::{export, v3_0};
//!
//! let document = v3_0::down_convert(&export(&CONTEXT));
//! assert_eq!(document["openapi"], "3.0.3");
//! let text = document.to_string();
//! assert!(!text.contains("\"const\"") && !text.contains("\"type\":[\""));
//! ```

use serde_json::{json, Map, Value};

/// The OpenAPI version of the converted document.
pub const OPENAPI_3_0_VERSION: &str = "3.0.3";

/// The extension member of a query parameter holding JSON text that keeps the schema of the
/// value the text writes (the parameter's own `schema` is a string).
pub const JSON_TEXT_SCHEMA: &str = "x-json-schema";

/// What the description of a query parameter holding JSON text says of it.
const JSON_TEXT_NOTE: &str =
    "Written as JSON text (the value's schema is the parameter's `x-json-schema`).";

/// The OpenAPI 3.0.3 form of an OpenAPI 3.1 `document` (see the [module docs](self)).
pub fn down_convert(document: &Value) -> Value {
    let mut document = document.clone();
    let Value::Object(root) = &mut document else {
        return document;
    };
    root.insert("openapi".to_owned(), Value::from(OPENAPI_3_0_VERSION));
    root.remove("webhooks");
    root.remove("jsonSchemaDialect");
    if let Some(Value::Object(info)) = root.get_mut("info") {
        info.remove("summary");
        if let Some(Value::Object(license)) = info.get_mut("license") {
            license.remove("identifier");
        }
    }
    if let Some(Value::Object(paths)) = root.get_mut("paths") {
        for item in paths.values_mut() {
            path_item(item);
        }
    }
    if let Some(security) = root.get_mut("security") {
        requirements(security);
    }
    if let Some(Value::Object(components)) = root.get_mut("components") {
        components.remove("pathItems");
        if let Some(Value::Object(schemas)) = components.get_mut("schemas") {
            for schema in schemas.values_mut() {
                convert_schema(schema);
            }
        }
        for kind in ["responses", "requestBodies", "headers", "parameters"] {
            if let Some(Value::Object(items)) = components.get_mut(kind) {
                for item in items.values_mut() {
                    with_schemas(item);
                    if kind == "parameters" {
                        json_text_parameter(item);
                    }
                }
            }
        }
    }
    document
}

/// A path item: its parameters and each operation's parameters, body and responses.
fn path_item(item: &mut Value) {
    let Value::Object(item) = item else { return };
    for (key, value) in item.iter_mut() {
        match key.as_str() {
            "parameters" => parameters(value),
            "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace" => {
                if let Value::Object(operation) = value {
                    if let Some(value) = operation.get_mut("parameters") {
                        parameters(value);
                    }
                    for member in ["requestBody", "responses"] {
                        if let Some(value) = operation.get_mut(member) {
                            with_schemas(value);
                        }
                    }
                    if let Some(security) = operation.get_mut("security") {
                        requirements(security);
                    }
                }
            }
            _ => {}
        }
    }
}

/// A list of parameters: their schemas converted, and those holding JSON text as strings.
fn parameters(list: &mut Value) {
    with_schemas(list);
    if let Value::Array(list) = list {
        list.iter_mut().for_each(json_text_parameter);
    }
}

/// A query parameter described by `content: {"application/json": {"schema": s}}` becomes a
/// string parameter whose description says it holds JSON text, `s` kept as
/// [`JSON_TEXT_SCHEMA`] (the schema already converted).
fn json_text_parameter(parameter: &mut Value) {
    let Value::Object(parameter) = parameter else {
        return;
    };
    if parameter.get("in").and_then(Value::as_str) != Some("query") {
        return;
    }
    let Some(Value::Object(content)) = parameter.get("content") else {
        return;
    };
    let [(media_type, media)] = content.iter().collect::<Vec<_>>()[..] else {
        return;
    };
    if media_type != "application/json" {
        return;
    }
    let schema = media.get("schema").cloned().unwrap_or_else(|| json!({}));
    parameter.remove("content");
    let description = match parameter.get("description").and_then(Value::as_str) {
        Some(own) => format!("{own}\n\n{JSON_TEXT_NOTE}"),
        None => JSON_TEXT_NOTE.to_owned(),
    };
    parameter.insert("description".to_owned(), Value::from(description));
    parameter.insert("schema".to_owned(), json!({ "type": "string" }));
    parameter.insert(JSON_TEXT_SCHEMA.to_owned(), schema);
}

/// Bearer requirements list no scopes in 3.0.
fn requirements(security: &mut Value) {
    let Value::Array(requirements) = security else {
        return;
    };
    for requirement in requirements {
        if let Value::Object(schemes) = requirement {
            for scopes in schemes.values_mut() {
                *scopes = json!([]);
            }
        }
    }
}

/// Converts every `schema` member found in parameters, bodies, responses and headers (not in
/// examples, which are data).
fn with_schemas(value: &mut Value) {
    match value {
        Value::Object(object) => {
            for (key, member) in object.iter_mut() {
                match key.as_str() {
                    "schema" => convert_schema(member),
                    "example" | "examples" => {}
                    _ => with_schemas(member),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(with_schemas),
        _ => {}
    }
}

/// Keywords whose value is a schema.
const SCHEMA_MEMBERS: [&str; 5] = ["items", "additionalProperties", "not", "contains", "if"];

/// Keywords whose value is a list of schemas.
const SCHEMA_LISTS: [&str; 3] = ["allOf", "anyOf", "oneOf"];

/// Keywords whose value maps names to schemas.
const SCHEMA_MAPS: [&str; 2] = ["properties", "patternProperties"];

/// Keywords OpenAPI 3.0 does not have, dropped.
const DROPPED: [&str; 13] = [
    "$schema",
    "$id",
    "$comment",
    "$defs",
    "$anchor",
    "propertyNames",
    "contentEncoding",
    "contentMediaType",
    "unevaluatedProperties",
    "unevaluatedItems",
    "dependentSchemas",
    "dependentRequired",
    "patternProperties",
];

/// Rewrites a JSON Schema 2020-12 schema as an OpenAPI 3.0 Schema Object, in place.
pub fn convert_schema(schema: &mut Value) {
    let object = match schema {
        Value::Bool(true) => {
            *schema = json!({});
            return;
        }
        Value::Bool(false) => {
            *schema = json!({ "not": {} });
            return;
        }
        Value::Object(object) => object,
        _ => return,
    };
    // A tuple's items (`items: false` closes it): any of its schemas.
    if let Some(Value::Array(tuple)) = object.remove("prefixItems") {
        if matches!(object.get("items"), None | Some(Value::Bool(false))) {
            object.insert("items".to_owned(), any_of(tuple));
        }
    }
    // Children first: the rewrites below move schemas around.
    for key in SCHEMA_MEMBERS {
        if let Some(child) = object.get_mut(key) {
            if !(key == "additionalProperties" && child.is_boolean()) {
                convert_schema(child);
            }
        }
    }
    for key in SCHEMA_LISTS {
        if let Some(Value::Array(children)) = object.get_mut(key) {
            children.iter_mut().for_each(convert_schema);
        }
    }
    for key in SCHEMA_MAPS {
        if let Some(Value::Object(children)) = object.get_mut(key) {
            children.values_mut().for_each(convert_schema);
        }
    }
    for key in ["if", "then", "else"] {
        object.remove(key);
    }
    for key in DROPPED {
        object.remove(key);
    }
    if let Some(value) = object.remove("const") {
        object.insert("enum".to_owned(), Value::Array(vec![value]));
    }
    if let Some(Value::Array(mut examples)) = object.remove("examples") {
        if !examples.is_empty() {
            object.insert("example".to_owned(), examples.swap_remove(0));
        }
    }
    for (exclusive, bound) in [
        ("exclusiveMinimum", "minimum"),
        ("exclusiveMaximum", "maximum"),
    ] {
        if let Some(limit) = object.get(exclusive).filter(|v| v.is_number()).cloned() {
            object.insert(bound.to_owned(), limit);
            object.insert(exclusive.to_owned(), Value::Bool(true));
        }
    }
    types(object);
    nullable_branches(object, "anyOf");
    nullable_branches(object, "oneOf");
    if object.contains_key("$ref") && object.len() > 1 {
        let reference = object.remove("$ref").expect("present");
        let mut all_of = match object.remove("allOf") {
            Some(Value::Array(all_of)) => all_of,
            _ => Vec::new(),
        };
        all_of.insert(0, json!({ "$ref": reference }));
        object.insert("allOf".to_owned(), Value::Array(all_of));
    }
}

/// `type` as a list: one type with `nullable`, or `anyOf` of one schema per type.
fn types(object: &mut Map<String, Value>) {
    let types: Vec<String> = match object.get("type") {
        Some(Value::Array(types)) => types
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect(),
        Some(Value::String(t)) if t == "null" => vec![t.clone()],
        _ => return,
    };
    object.remove("type");
    let nullable = types.iter().any(|t| t == "null");
    let mut others: Vec<&String> = types.iter().filter(|t| *t != "null").collect();
    // `integer` is a `number`: keep the wider one.
    if others.iter().any(|t| *t == "number") {
        others.retain(|t| *t != "integer");
    }
    match others.as_slice() {
        [] => {
            object.insert("enum".to_owned(), json!([null]));
        }
        [one] => {
            object.insert("type".to_owned(), Value::from(one.as_str()));
        }
        many => {
            let branches = many.iter().map(|t| json!({ "type": t })).collect();
            object.insert("anyOf".to_owned(), Value::Array(branches));
        }
    }
    if nullable {
        object.insert("nullable".to_owned(), Value::Bool(true));
    }
}

/// Moves a `{"type": "null"}` branch of `keyword` to `nullable: true`; one remaining branch is
/// inlined (a `$ref` as `allOf`, as 3.0 ignores keywords beside a reference).
fn nullable_branches(object: &mut Map<String, Value>, keyword: &str) {
    let Some(Value::Array(branches)) = object.get_mut(keyword) else {
        return;
    };
    let is_null = |b: &Value| {
        b.get("enum") == Some(&json!([null])) && b.get("nullable") == Some(&Value::Bool(true))
            || b.get("type").and_then(Value::as_str) == Some("null")
    };
    let before = branches.len();
    branches.retain(|b| !is_null(b));
    if branches.len() == before {
        return;
    }
    object.insert("nullable".to_owned(), Value::Bool(true));
    let Some(Value::Array(branches)) = object.remove(keyword) else {
        return;
    };
    match <[Value; 1]>::try_from(branches) {
        Ok([Value::Object(only)]) if only.contains_key("$ref") => {
            object.insert("allOf".to_owned(), json!([only]));
        }
        Ok([Value::Object(only)]) => {
            for (key, value) in only {
                object.entry(key).or_insert(value);
            }
        }
        Ok([other]) => {
            object.insert(keyword.to_owned(), json!([other]));
        }
        Err(branches) => {
            object.insert(keyword.to_owned(), Value::Array(branches));
        }
    }
}

fn any_of(schemas: Vec<Value>) -> Value {
    match <[Value; 1]>::try_from(schemas) {
        Ok([one]) => one,
        Err(schemas) => json!({ "anyOf": schemas }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::openapi::export;
    use contracts_core::Registry;

    fn converted(schema: Value) -> Value {
        let mut schema = schema;
        convert_schema(&mut schema);
        schema
    }

    #[test]
    fn schemas_are_rewritten_in_the_3_0_dialect() {
        assert_eq!(
            converted(json!({ "type": ["string", "null"], "examples": ["a"] })),
            json!({ "type": "string", "nullable": true, "example": "a" })
        );
        assert_eq!(
            converted(
                json!({ "anyOf": [{ "$ref": "#/components/schemas/A" }, { "type": "null" }], "description": "d" })
            ),
            json!({ "allOf": [{ "$ref": "#/components/schemas/A" }], "nullable": true, "description": "d" })
        );
        assert_eq!(
            converted(json!({ "const": "x", "type": "string" })),
            json!({ "enum": ["x"], "type": "string" })
        );
        assert_eq!(
            converted(json!({ "type": "integer", "exclusiveMinimum": 0 })),
            json!({ "type": "integer", "minimum": 0, "exclusiveMinimum": true })
        );
        assert_eq!(
            converted(
                json!({ "type": "object", "properties": { "a": { "type": ["integer", "number", "null"] } }, "additionalProperties": false, "propertyNames": { "pattern": "x" } })
            ),
            json!({ "type": "object", "properties": { "a": { "type": "number", "nullable": true } }, "additionalProperties": false })
        );
        assert_eq!(
            converted(json!({ "type": ["string", "boolean"] })),
            json!({ "anyOf": [{ "type": "string" }, { "type": "boolean" }] })
        );
        assert_eq!(converted(json!(true)), json!({}));
        assert_eq!(
            converted(
                json!({ "type": "array", "prefixItems": [{ "type": "string" }, { "type": "integer" }], "items": false })
            ),
            json!({ "type": "array", "items": { "anyOf": [{ "type": "string" }, { "type": "integer" }] } })
        );
    }

    #[test]
    fn query_parameters_holding_json_text_are_strings() {
        let mut list = json!([
            {
                "content": { "application/json": { "schema": { "type": ["object", "null"] } } },
                "description": "Free-form labels.",
                "in": "query",
                "name": "metadata",
                "required": false
            },
            { "content": { "application/json": { "schema": { "$ref": "#/components/schemas/I" } } },
              "in": "query", "name": "input", "required": true },
            { "in": "query", "name": "limit", "schema": { "type": ["integer", "null"] } }
        ]);
        parameters(&mut list);
        assert_eq!(
            list,
            json!([
                {
                    "description": format!("Free-form labels.\n\n{JSON_TEXT_NOTE}"),
                    "in": "query",
                    "name": "metadata",
                    "required": false,
                    "schema": { "type": "string" },
                    "x-json-schema": { "type": "object", "nullable": true }
                },
                {
                    "description": JSON_TEXT_NOTE,
                    "in": "query",
                    "name": "input",
                    "required": true,
                    "schema": { "type": "string" },
                    "x-json-schema": { "$ref": "#/components/schemas/I" }
                },
                { "in": "query", "name": "limit", "schema": { "type": "integer", "nullable": true } }
            ])
        );
    }

    /// The server reads a parameter that the 3.0 document lists as a string holding JSON text
    /// as that JSON: the string a generated client sends is what the server reads.
    #[test]
    fn json_text_parameters_are_what_the_server_reads() {
        use crate::json_schema::Schemas;
        use crate::openapi::{query_input, QueryPlan};
        let registry = &contracts_control_plane::CONTROL_PLANE;
        let document = down_convert(&export(registry));
        let verify = &document["paths"]["/controlPlane/skill/verify/v1.0.0"]["get"];
        let manifest = verify["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == "manifest")
            .unwrap();
        assert_eq!(manifest["schema"], json!({ "type": "string" }));
        assert!(manifest[JSON_TEXT_SCHEMA]["$ref"].is_string(), "{manifest}");
        let operation = registry
            .get("controlPlane.skill.verify", "1.0.0")
            .unwrap()
            .as_operation()
            .unwrap();
        let plan = QueryPlan::new(query_input(&Schemas::new(registry), operation).unwrap());
        let text = r#"{"skillKey":"s"}"#;
        let query = format!("manifest={}&skillKey=s", text.replace('"', "%22"));
        let read: Value = serde_json::from_str(&plan.read(&query).unwrap()).unwrap();
        assert_eq!(read["manifest"], json!({ "skillKey": "s" }));
    }

    /// No keyword or form of JSON Schema 2020-12 that OpenAPI 3.0 lacks is left in the
    /// documents of the domains, and bearer requirements list no roles.
    #[test]
    fn the_domains_convert_completely() {
        let registries: [&Registry; 3] = [
            &contracts_control_plane::CONTROL_PLANE,
            &contracts_harness::HARNESS,
            &contracts_context::CONTEXT,
        ];
        for registry in registries {
            let document = down_convert(&export(registry));
            assert_eq!(document["openapi"], OPENAPI_3_0_VERSION);
            check(&document, "#", false);
            for item in document["paths"].as_object().unwrap().values() {
                for operation in item.as_object().unwrap().values() {
                    if let Some(parameters) = operation["parameters"].as_array() {
                        assert!(parameters.iter().all(|p| p.get("content").is_none()));
                    }
                    for requirement in operation["security"].as_array().unwrap() {
                        for scopes in requirement.as_object().unwrap().values() {
                            assert_eq!(scopes, &json!([]));
                        }
                    }
                }
            }
        }
    }

    fn check(value: &Value, at: &str, in_schema: bool) {
        match value {
            Value::Object(object) => {
                // The keys of `properties` are field names, not keywords.
                let keywords = in_schema && !at.ends_with("/properties");
                for (key, member) in object {
                    let path = format!("{at}/{key}");
                    if keywords {
                        assert!(
                            !["const", "examples", "$defs", "prefixItems", "$schema"]
                                .contains(&key.as_str()),
                            "{path}"
                        );
                        if key == "type" {
                            assert!(member.is_string() && member != "null", "{path}: {member}");
                        }
                        if key == "$ref" {
                            assert_eq!(object.len(), 1, "{path}: keywords beside $ref");
                        }
                    }
                    if matches!(key.as_str(), "example" | "x-contract") {
                        continue;
                    }
                    let schema = in_schema || key == "schema" || at == "#/components/schemas";
                    check(member, &path, schema);
                }
            }
            Value::Array(items) => items
                .iter()
                .enumerate()
                .for_each(|(i, item)| check(item, &format!("{at}/{i}"), in_schema)),
            Value::Bool(_) if in_schema && !at.ends_with("additionalProperties") => {
                // A boolean inside a schema is a keyword's value (`nullable`, `deprecated`,
                // `readOnly`, ...), never a schema: those are converted to objects.
                let keyword = at.rsplit('/').next().unwrap_or("");
                assert!(
                    !["items", "not"].contains(&keyword),
                    "{at}: a boolean schema"
                );
            }
            _ => {}
        }
    }
}
