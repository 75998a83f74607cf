//! A GraphQL schema (SDL) of every command and query of a registry.
//!
//! [`export`] writes queries as fields of `Query` and commands as fields of `Mutation`, named
//! by [`graphql_field_name`] (`controlPlane_execution_start_v1_0_0`: ContractSpec's rule with
//! the version's dots as `_`, which GraphQL requires). Each field takes the operation's input as
//! one argument, `input`, and returns its output:
//!
//! ```graphql
//! type Mutation {
//!   """
//!   Start executing an approved compiled plan.
//!   ...
//!   """
//!   controlPlane_execution_start_v1_0_0(input: controlPlane_execution_start_v1_0_0_Input!): controlPlane_execution_start_v1_0_0_Output!
//! }
//! ```
//!
//! # Types
//!
//! The types come from the messages' JSON Schemas ([`crate::json_schema`]), so they follow
//! serde exactly (renames, optional fields, enums):
//!
//! - an input is an `input` type and an output an object `type`, named by [`type_name`]; models
//!   nested in them are types of their own, named by [`nested_type_name`] (so input and output
//!   models never mix, and two models sharing a Rust name never collide);
//! - a field is non-null (`!`) when the model requires it and it cannot be `null`; lists are
//!   `[T!]` or `[T]` as their elements may be `null`;
//! - enumerations of names are GraphQL enums; other enumerations are `String`;
//! - the `input` argument is non-null when the input has a required field, and absent when the
//!   input has no fields;
//! - descriptions (contract, models, fields) are SDL doc strings; a deprecated contract's field
//!   is `@deprecated`.
//!
//! Scalars: `String`, `Boolean`, `Float`; `ID` for [`Id`](contracts_core::Id) fields; `Int` for
//! integers of at most 32 bits and the custom scalar `BigInt` for wider ones (`i64`, `u32`,
//! `u64`, ...: GraphQL's `Int` is 32-bit); the custom scalars `DateTime` (RFC 3339), `Date`,
//! `JSON` (any JSON value: maps, tuples, unions and anything else without a GraphQL shape) and
//! `JSONObject`. Custom scalars are declared when used. A JSON field name that is not a GraphQL
//! name is made one (invalid characters as `_`) and its description gives the wire name.
//!
//! ```
//! use contracts_control_plane::CONTROL_PLANE;
//! use contracts_export::graphql;
//!
//! let sdl = graphql::export(&CONTROL_PLANE);
//! assert!(sdl.contains("type Query {"));
//! assert!(sdl.contains(
//!     "  controlPlane_execution_get_v1_0_0(input: controlPlane_execution_get_v1_0_0_Input!): \
//!      controlPlane_execution_get_v1_0_0_Output!"
//! ));
//! assert!(sdl.contains("input controlPlane_execution_get_v1_0_0_Input {\n  executionId: ID!\n}"));
//! assert!(sdl.contains("scalar DateTime"));
//! ```

use crate::json_schema::{Schemas, ANNOTATIONS};
#[cfg(doc)]
use crate::naming::nested_type_name;
use crate::naming::{graphql_field_name, type_name, Role};
use contracts_core::{Contract, ModelInfo, ModelKind, OperationKind, Registry};
use serde_json::Value;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write;

const REF_PREFIX: &str = "#/$defs/";

/// The GraphQL SDL of a registry's commands and queries (see the [module docs](self)).
pub fn export(registry: &Registry) -> String {
    export_from(&Schemas::new(registry))
}

/// The GraphQL SDL from a registry's generated [`Schemas`], as [`export`] returns it.
pub fn export_from(schemas: &Schemas) -> String {
    let mut defs: HashMap<&str, &Value> = HashMap::new();
    for entry in schemas.entries() {
        if entry.message.role == Role::Payload {
            continue;
        }
        defs.insert(&entry.name, &entry.root);
        defs.extend(
            entry
                .nested
                .iter()
                .map(|(name, schema)| (name.as_str(), schema)),
        );
    }
    let mut builder = Builder {
        defs: &defs,
        types: BTreeMap::new(),
        mapping: BTreeSet::new(),
        scalars: BTreeSet::new(),
    };

    let mut queries = String::new();
    let mut mutations = String::new();
    for (operation, _, _) in schemas.operations() {
        let meta = &operation.meta;
        let input = builder.root_argument(&type_name(meta, Role::Input), operation.input.info);
        let (output, nullable) = builder.named(
            &type_name(meta, Role::Output),
            Mode::Output,
            Some(operation.output.info),
        );
        let target = match operation.kind {
            OperationKind::Query => &mut queries,
            OperationKind::Command => &mut mutations,
        };
        if !target.is_empty() {
            target.push('\n');
        }
        push_doc(target, "  ", &field_doc(Contract::Operation(operation)));
        let _ = write!(target, "  {}", graphql_field_name(meta));
        if let Some(input) = input {
            let _ = write!(target, "(input: {input})");
        }
        let _ = write!(target, ": {}", render(&output, nullable));
        if let Some(deprecation) = meta.deprecation() {
            let reason = serde_json::Value::from(deprecation).to_string();
            let _ = write!(target, " @deprecated(reason: {reason})");
        }
        target.push('\n');
    }

    let mut sdl = String::new();
    if queries.is_empty() {
        queries = doc(
            "  ",
            "The registry declares no query; GraphQL requires Query to have a field.",
        ) + "  _noQueries: Boolean\n";
    }
    push_doc(
        &mut sdl,
        "",
        "The queries of the registry, one field per query contract.",
    );
    let _ = write!(sdl, "type Query {{\n{queries}}}\n");
    if !mutations.is_empty() {
        sdl.push('\n');
        push_doc(
            &mut sdl,
            "",
            "The commands of the registry, one field per command contract.",
        );
        let _ = write!(sdl, "type Mutation {{\n{mutations}}}\n");
    }
    for definition in builder.types.values() {
        sdl.push('\n');
        sdl.push_str(definition);
    }
    for scalar in &builder.scalars {
        sdl.push('\n');
        sdl.push_str(scalar_definition(scalar));
    }
    sdl
}

/// The doc string of an operation's field: description, goal and context.
fn field_doc(contract: Contract) -> String {
    let meta = contract.meta();
    let mut parts = vec![meta.description.trim().to_owned()];
    if let Some(goal) = meta.goal {
        parts.push(format!("Goal: {}", goal.trim()));
    }
    if let Some(context) = meta.context {
        parts.push(format!("Context: {}", context.trim()));
    }
    parts.push(format!("Contract: {}@{}", meta.key, meta.version));
    parts.retain(|p| !p.is_empty());
    parts.join("\n\n")
}

/// Whether types are built for an input or an output.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Input,
    Output,
}

struct Builder<'a> {
    /// Every message and nested model schema, by name (references are `#/$defs/<name>`).
    defs: &'a HashMap<&'a str, &'a Value>,
    /// Types emitted or being emitted: their GraphQL definitions by name.
    types: BTreeMap<String, String>,
    /// Names of definitions being mapped structurally (to stop alias cycles).
    mapping: BTreeSet<String>,
    /// Custom scalars used.
    scalars: BTreeSet<&'static str>,
}

impl<'a> Builder<'a> {
    /// The `input` argument's type for an operation, or `None` if the input has no fields.
    fn root_argument(&mut self, name: &str, info: &'static ModelInfo) -> Option<String> {
        let schema = self.defs.get(name).copied()?;
        if is_object_type(schema) {
            let required = schema
                .get("required")
                .and_then(Value::as_array)
                .is_some_and(|r| !r.is_empty());
            let (ty, _) = self.named(name, Mode::Input, Some(info));
            return Some(render(&ty, !required));
        }
        if is_empty_object(schema) {
            return None;
        }
        let (ty, nullable) = self.named(name, Mode::Input, Some(info));
        Some(render(&ty, nullable))
    }

    /// The GraphQL type of the definition `name`: a type or enum of its own when it has a
    /// GraphQL shape, else the mapping of its schema.
    fn named(
        &mut self,
        name: &str,
        mode: Mode,
        hint: Option<&'static ModelInfo>,
    ) -> (String, bool) {
        let Some(schema) = self.defs.get(name).copied() else {
            self.scalars.insert("JSON");
            return ("JSON".to_owned(), true);
        };
        if is_object_type(schema) {
            if !self.types.contains_key(name) {
                self.types.insert(name.to_owned(), String::new());
                let definition = self.object_type(name, schema, mode, hint);
                self.types.insert(name.to_owned(), definition);
            }
            return (name.to_owned(), false);
        }
        if let Some(values) = enum_names(schema) {
            if !self.types.contains_key(name) {
                let mut definition = doc("", description(schema).unwrap_or_default());
                let _ = writeln!(definition, "enum {name} {{");
                for (value, value_description) in values {
                    push_doc(&mut definition, "  ", value_description.unwrap_or_default());
                    let _ = writeln!(definition, "  {value}");
                }
                definition.push_str("}\n");
                self.types.insert(name.to_owned(), definition);
            }
            return (name.to_owned(), false);
        }
        if !self.mapping.insert(name.to_owned()) {
            self.scalars.insert("JSON");
            return ("JSON".to_owned(), true);
        }
        let mapped = self.map(schema, mode, hint);
        self.mapping.remove(name);
        mapped
    }

    /// The GraphQL definition of an object or input type.
    fn object_type(
        &mut self,
        name: &str,
        schema: &'a Value,
        mode: Mode,
        hint: Option<&'static ModelInfo>,
    ) -> String {
        let mut definition = doc("", description(schema).unwrap_or_default());
        let keyword = match mode {
            Mode::Input => "input",
            Mode::Output => "type",
        };
        let _ = writeln!(definition, "{keyword} {name} {{");
        let required: BTreeSet<&str> = schema
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let mut used = BTreeSet::new();
        let Some(properties) = schema["properties"].as_object() else {
            return String::new();
        };
        for (wire, field_schema) in properties {
            let field_hint = hint.and_then(|info| field_target(info, wire));
            let (ty, nullable) = self.map(field_schema, mode, field_hint);
            let non_null = required.contains(wire.as_str()) && !nullable;
            let base = field_name(wire);
            let mut field = base.clone();
            let mut n = 2;
            while !used.insert(field.clone()) {
                field = format!("{base}_{n}");
                n += 1;
            }
            let mut text = description(field_schema).unwrap_or_default().to_owned();
            if field != *wire {
                if !text.is_empty() {
                    text.push_str("\n\n");
                }
                let _ = write!(text, "Wire name: `{wire}`.");
            }
            push_doc(&mut definition, "  ", &text);
            let _ = writeln!(definition, "  {field}: {}", render(&ty, !non_null));
        }
        definition.push_str("}\n");
        definition
    }

    /// The GraphQL type of a schema, and whether it may be `null`.
    fn map(
        &mut self,
        schema: &'a Value,
        mode: Mode,
        hint: Option<&'static ModelInfo>,
    ) -> (String, bool) {
        let Value::Object(object) = schema else {
            return self.json();
        };
        if string_values(schema).is_some() {
            return ("String".to_owned(), false);
        }
        if let Some(reference) = object.get("$ref").and_then(Value::as_str) {
            if only_annotations(object, &["$ref"]) {
                if let Some(name) = reference.strip_prefix(REF_PREFIX) {
                    return self.named(name, mode, hint);
                }
            }
            return self.json();
        }
        for key in ["anyOf", "oneOf"] {
            if let Some(branches) = object.get(key).and_then(Value::as_array) {
                if !only_annotations(object, &[key]) {
                    return self.json();
                }
                let (nulls, others): (Vec<&Value>, Vec<&Value>) =
                    branches.iter().partition(|b| is_null_schema(b));
                if let ([other], false) = (others.as_slice(), nulls.is_empty()) {
                    let (ty, _) = self.map(other, mode, hint);
                    return (ty, true);
                }
                return self.json();
            }
        }
        if let Some(all) = object.get("allOf").and_then(Value::as_array) {
            if let ([single], true) = (all.as_slice(), only_annotations(object, &["allOf"])) {
                return self.map(single, mode, hint);
            }
            return self.json();
        }
        if ["not", "if", "prefixItems"]
            .iter()
            .any(|k| object.contains_key(*k))
        {
            return self.json();
        }
        let (kind, nullable) = match object.get("type") {
            Some(Value::String(kind)) => (Some(kind.as_str()), false),
            Some(Value::Array(kinds)) => {
                let non_null: Vec<&str> = kinds
                    .iter()
                    .filter_map(Value::as_str)
                    .filter(|k| *k != "null")
                    .collect();
                match non_null.as_slice() {
                    [one] => (Some(*one), non_null.len() < kinds.len()),
                    _ => return self.json(),
                }
            }
            _ => (None, false),
        };
        let ty = match kind {
            Some("string") => match object.get("format").and_then(Value::as_str) {
                Some("date-time") => self.scalar("DateTime"),
                Some("date") => self.scalar("Date"),
                _ if hint.is_some_and(|h| h.name == "Id") => "ID".to_owned(),
                _ => "String".to_owned(),
            },
            Some("integer") => match object.get("format").and_then(Value::as_str) {
                Some("int8" | "int16" | "int32" | "uint8" | "uint16") => "Int".to_owned(),
                _ => self.scalar("BigInt"),
            },
            Some("number") => "Float".to_owned(),
            Some("boolean") => "Boolean".to_owned(),
            Some("array") => {
                let (item, item_nullable) = match object.get("items") {
                    Some(items) => self.map(items, mode, hint),
                    None => self.json(),
                };
                format!("[{}]", render(&item, item_nullable))
            }
            Some("object") => self.scalar("JSONObject"),
            Some("null") => return self.json(),
            Some(_) => return self.json(),
            None => return self.json(),
        };
        (ty, nullable)
    }

    fn json(&mut self) -> (String, bool) {
        self.scalars.insert("JSON");
        ("JSON".to_owned(), true)
    }

    fn scalar(&mut self, name: &'static str) -> String {
        self.scalars.insert(name);
        name.to_owned()
    }
}

/// The model of the field named `wire` in a struct model, looking through flattened fields.
fn field_target(info: &'static ModelInfo, wire: &str) -> Option<&'static ModelInfo> {
    let ModelKind::Struct(fields) = info.kind else {
        return None;
    };
    fields.iter().find_map(|field| {
        if field.flatten {
            field_target(field.shape.target, wire)
        } else {
            (field.name == wire).then_some(field.shape.target)
        }
    })
}

/// Whether a schema is an object with fields and nothing else that GraphQL cannot express.
fn is_object_type(schema: &Value) -> bool {
    let Some(object) = schema.as_object() else {
        return false;
    };
    object.get("type").and_then(Value::as_str) == Some("object")
        && object
            .get("properties")
            .and_then(Value::as_object)
            .is_some_and(|p| !p.is_empty())
        && ![
            "allOf",
            "anyOf",
            "oneOf",
            "not",
            "if",
            "$ref",
            "patternProperties",
        ]
        .iter()
        .any(|k| object.contains_key(*k))
}

/// Whether a schema is an object without fields: no properties, no other members allowed or
/// described (`additionalProperties` absent or `false`), and nothing else GraphQL cannot say.
fn is_empty_object(schema: &Value) -> bool {
    let Some(object) = schema.as_object() else {
        return false;
    };
    object.get("type").and_then(Value::as_str) == Some("object")
        && object
            .get("properties")
            .and_then(Value::as_object)
            .is_none_or(|p| p.is_empty())
        && matches!(
            object.get("additionalProperties"),
            None | Some(Value::Bool(false))
        )
        && only_annotations(
            object,
            &["type", "properties", "additionalProperties", "required"],
        )
}

/// The values of a string enumeration, with their descriptions: `{"type": "string", "enum":
/// [...]}`, or a `oneOf`/`anyOf` of string constants (how schemars writes an enum whose
/// variants are documented).
fn string_values(schema: &Value) -> Option<Vec<(&str, Option<&str>)>> {
    fn strings(branch: &serde_json::Map<String, Value>) -> Option<Vec<&str>> {
        if branch.get("type").is_some_and(|t| t != "string") {
            return None;
        }
        match (branch.get("enum"), branch.get("const")) {
            (Some(Value::Array(values)), None) => values.iter().map(Value::as_str).collect(),
            (None, Some(Value::String(value))) => Some(vec![value.as_str()]),
            _ => None,
        }
    }
    let object = schema.as_object()?;
    for key in ["oneOf", "anyOf"] {
        if let Some(branches) = object.get(key).and_then(Value::as_array) {
            if !only_annotations(object, &[key]) {
                return None;
            }
            let mut values = Vec::new();
            for branch in branches {
                let branch = branch.as_object()?;
                if !only_annotations(branch, &["type", "enum", "const"]) {
                    return None;
                }
                let description = branch.get("description").and_then(Value::as_str);
                values.extend(strings(branch)?.into_iter().map(|v| (v, description)));
            }
            return (!values.is_empty()).then_some(values);
        }
    }
    if object.get("type").and_then(Value::as_str) != Some("string")
        || !only_annotations(object, &["type", "enum", "const"])
    {
        return None;
    }
    let values = strings(object)?;
    (!values.is_empty()).then(|| values.into_iter().map(|v| (v, None)).collect())
}

/// The values of a string enumeration whose values are all GraphQL enum value names.
fn enum_names(schema: &Value) -> Option<Vec<(&str, Option<&str>)>> {
    let values = string_values(schema)?;
    let valid = |v: &str| is_name(v) && !matches!(v, "true" | "false" | "null");
    values.iter().all(|(v, _)| valid(v)).then_some(values)
}

fn is_null_schema(schema: &Value) -> bool {
    schema.get("type").and_then(Value::as_str) == Some("null")
        || schema.get("const") == Some(&Value::Null)
}

/// Whether every key of `object` other than `allowed` is an annotation.
fn only_annotations(object: &serde_json::Map<String, Value>, allowed: &[&str]) -> bool {
    object
        .keys()
        .all(|k| allowed.contains(&k.as_str()) || ANNOTATIONS.contains(&k.as_str()))
}

fn description(schema: &Value) -> Option<&str> {
    schema.get("description").and_then(Value::as_str)
}

/// Whether `name` is a GraphQL name (`[_A-Za-z][_0-9A-Za-z]*`).
fn is_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c == '_' || c.is_ascii_alphabetic())
        && chars.all(|c| c == '_' || c.is_ascii_alphanumeric())
}

/// A JSON field name made a GraphQL name: invalid characters as `_`, a leading `_` before a
/// digit, and no leading `__` (reserved for introspection).
fn field_name(wire: &str) -> String {
    let mut name: String = wire
        .chars()
        .map(|c| {
            if c == '_' || c.is_ascii_alphanumeric() {
                c
            } else {
                '_'
            }
        })
        .collect();
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, '_');
    }
    while name.starts_with("__") {
        name.remove(0);
    }
    name
}

/// `T` or `T!`.
fn render(ty: &str, nullable: bool) -> String {
    if nullable {
        ty.to_owned()
    } else {
        format!("{ty}!")
    }
}

/// A block-string description at `indent`, or nothing for an empty text.
fn doc(indent: &str, text: &str) -> String {
    let mut out = String::new();
    push_doc(&mut out, indent, text);
    out
}

/// Appends [`doc`] of `text` to `out`.
fn push_doc(out: &mut String, indent: &str, text: &str) {
    let text = text.trim();
    if text.is_empty() {
        return;
    }
    let text = if text.contains("\"\"\"") {
        Cow::Owned(text.replace("\"\"\"", "\\\"\"\""))
    } else {
        Cow::Borrowed(text)
    };
    out.push_str(indent);
    out.push_str("\"\"\"\n");
    for line in text.lines() {
        if !line.trim().is_empty() {
            out.push_str(indent);
            out.push_str(line.trim_end());
        }
        out.push('\n');
    }
    out.push_str(indent);
    out.push_str("\"\"\"\n");
}

fn scalar_definition(name: &str) -> &'static str {
    match name {
        "DateTime" => {
            "\"\"\"\nAn RFC 3339 date and time, such as `2026-11-21T10:00:00Z`.\n\"\"\"\n\
             scalar DateTime @specifiedBy(url: \"https://www.rfc-editor.org/rfc/rfc3339\")\n"
        }
        "Date" => "\"\"\"\nAn RFC 3339 full date, such as `2026-11-21`.\n\"\"\"\nscalar Date\n",
        "BigInt" => {
            "\"\"\"\nAn integer that may not fit in 32 bits (such as a Rust `i64` or `u64`), \
             written as a JSON number.\n\"\"\"\nscalar BigInt\n"
        }
        "JSONObject" => "\"\"\"\nA JSON object with any members.\n\"\"\"\nscalar JSONObject\n",
        _ => "\"\"\"\nAny JSON value.\n\"\"\"\nscalar JSON\n",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_names_are_made_valid() {
        assert_eq!(field_name("runId"), "runId");
        assert_eq!(field_name("content-type"), "content_type");
        assert_eq!(field_name("3d"), "_3d");
        assert_eq!(field_name("__typename"), "_typename");
        assert_eq!(field_name("$"), "_");
        assert!(is_name(&field_name("")));
    }

    #[test]
    fn doc_strings_escape_triple_quotes() {
        assert_eq!(doc("", "a \"\"\" b"), "\"\"\"\na \\\"\"\" b\n\"\"\"\n");
        assert_eq!(doc("  ", "  "), "");
        assert_eq!(
            doc("  ", "one\n\ntwo"),
            "  \"\"\"\n  one\n\n  two\n  \"\"\"\n"
        );
    }

    #[test]
    fn enums_need_valid_names() {
        let ok = serde_json::json!({ "type": "string", "enum": ["queued", "in_progress"] });
        assert_eq!(
            enum_names(&ok),
            Some(vec![("queued", None), ("in_progress", None)])
        );
        let documented = serde_json::json!({ "description": "A state.", "oneOf": [
            { "type": "string", "const": "on", "description": "Running." },
            { "type": "string", "enum": ["off"] },
        ] });
        assert_eq!(
            enum_names(&documented),
            Some(vec![("on", Some("Running.")), ("off", None)])
        );
        let dashed = serde_json::json!({ "type": "string", "enum": ["in-progress"] });
        assert_eq!(enum_names(&dashed), None);
        let reserved = serde_json::json!({ "type": "string", "enum": ["true", "x"] });
        assert_eq!(enum_names(&reserved), None);
    }
}
