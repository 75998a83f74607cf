//! TypeScript types from the message schemas: one declaration per schema, a type expression per
//! JSON Schema keyword that narrows the JSON a message may hold.
//!
//! The schemas are schemars' rendering of the Rust types' serde attributes (renames, tags,
//! flattening, optional fields), after contracts-core made optional fields non-nullable; this
//! module reads the schema, never the Rust type, so the types say what the schema says.

use super::syntax::{doc_comment, literal_type, property_key};
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::collections::BTreeSet;
use std::fmt::Write as _;

/// The name of the type of any JSON value, declared by the client's runtime.
pub(crate) const JSON_VALUE: &str = "JsonValue";

/// How tightly a type expression binds, to know where it needs parentheses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Precedence {
    /// `A | B`.
    Union,
    /// `A & B`.
    Intersection,
    /// A name, a literal, an object type, a tuple, `T[]`.
    Atom,
}

/// A type expression.
#[derive(Clone, Debug)]
struct Ty {
    text: String,
    precedence: Precedence,
}

impl Ty {
    fn atom(text: impl Into<String>) -> Ty {
        Ty {
            text: text.into(),
            precedence: Precedence::Atom,
        }
    }

    /// The text, in parentheses when it binds less tightly than `at_least`.
    fn at(&self, at_least: Precedence) -> Cow<'_, str> {
        if self.precedence < at_least {
            Cow::Owned(format!("({})", self.text))
        } else {
            Cow::Borrowed(&self.text)
        }
    }

    fn is(&self, text: &str) -> bool {
        self.text == text
    }
}

/// The union of `members`, without repeats and without `never`.
fn union(members: impl IntoIterator<Item = Ty>) -> Ty {
    let mut seen = BTreeSet::new();
    let members: Vec<Ty> = members
        .into_iter()
        .filter(|m| !m.is("never") && seen.insert(m.text.clone()))
        .collect();
    // Any JSON value but `undefined`, which is not one.
    if members.iter().any(|m| m.is(JSON_VALUE)) {
        return match members.iter().any(|m| m.is("undefined")) {
            true => Ty {
                text: format!("{JSON_VALUE} | undefined"),
                precedence: Precedence::Union,
            },
            false => Ty::atom(JSON_VALUE),
        };
    }
    match members.len() {
        0 => Ty::atom("never"),
        1 => members.into_iter().next().expect("one member"),
        _ => Ty {
            text: members
                .iter()
                .map(|m| m.text.as_str())
                .collect::<Vec<_>>()
                .join(" | "),
            precedence: Precedence::Union,
        },
    }
}

/// The intersection of `parts`, without repeats; [`JSON_VALUE`] narrows nothing, so it is
/// left out beside anything else.
fn intersection(parts: Vec<Ty>) -> Ty {
    let mut seen = BTreeSet::new();
    let parts: Vec<Ty> = parts
        .into_iter()
        .filter(|p| !p.is(JSON_VALUE) && seen.insert(p.text.clone()))
        .collect();
    match parts.len() {
        0 => Ty::atom(JSON_VALUE),
        1 => parts.into_iter().next().expect("one part"),
        _ => Ty {
            text: parts
                .iter()
                .map(|p| p.at(Precedence::Intersection).into_owned())
                .collect::<Vec<_>>()
                .join(" & "),
            precedence: Precedence::Intersection,
        },
    }
}

/// Keywords that combine a schema with others: beside them, `"type": "object"` alone adds
/// nothing.
const COMPOSITION: [&str; 4] = ["$ref", "allOf", "anyOf", "oneOf"];

/// Keywords that make a schema without `type` an object schema.
const OBJECT_KEYWORDS: [&str; 3] = ["properties", "additionalProperties", "patternProperties"];

/// Constraints TypeScript cannot check, shown in a property's doc comment as JSDoc tags.
const CONSTRAINTS: [&str; 10] = [
    "format",
    "pattern",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "minLength",
    "maxLength",
    "minItems",
    "maxItems",
];

/// Writes TypeScript types for the schemas of one document, whose references are
/// `prefix` followed by a name of `schemas`.
pub(crate) struct TypeWriter<'a> {
    schemas: &'a Map<String, Value>,
    prefix: &'a str,
}

impl<'a> TypeWriter<'a> {
    /// A writer for the schemas `schemas`, referred to as `prefix` + name.
    pub(crate) fn new(schemas: &'a Map<String, Value>, prefix: &'a str) -> TypeWriter<'a> {
        TypeWriter { schemas, prefix }
    }

    /// Writes one declaration per schema, in name order: an `interface` for an object schema
    /// with properties and nothing else, a `type` otherwise.
    pub(crate) fn declarations(&self, out: &mut String) {
        for (name, schema) in self.schemas {
            self.declaration(out, name, schema);
            out.push('\n');
        }
    }

    /// Writes the declaration of `name`.
    pub(crate) fn declaration(&self, out: &mut String, name: &str, schema: &Value) {
        doc_comment(out, 0, &declaration_doc(schema));
        match schema.as_object().filter(|o| is_plain_object(o)) {
            Some(object) => {
                let _ = writeln!(
                    out,
                    "export interface {name} {}",
                    self.object_body(object, 0)
                );
            }
            None => {
                let _ = writeln!(out, "export type {name} = {};", self.ty(schema, 0).text);
            }
        }
    }

    fn ty(&self, schema: &Value, indent: usize) -> Ty {
        let object = match schema {
            Value::Object(object) => object,
            Value::Bool(false) => return Ty::atom("never"),
            _ => return Ty::atom(JSON_VALUE),
        };
        if let Some(value) = object.get("const") {
            return Ty::atom(literal_type(value));
        }
        let mut parts = Vec::new();
        if let Some(values) = object.get("enum").and_then(Value::as_array) {
            parts.push(union(values.iter().map(|v| Ty::atom(literal_type(v)))));
        } else if let Some(typed) = self.typed(object, indent) {
            parts.push(typed);
        }
        if let Some(reference) = object.get("$ref").and_then(Value::as_str) {
            parts.push(self.reference(reference));
        }
        for part in object
            .get("allOf")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            parts.push(self.ty(part, indent));
        }
        for key in ["anyOf", "oneOf"] {
            if let Some(branches) = object.get(key).and_then(Value::as_array) {
                parts.push(union(branches.iter().map(|b| self.ty(b, indent))));
            }
        }
        intersection(parts)
    }

    /// The type `type` (or, without it, the object keywords) gives, if any.
    fn typed(&self, object: &Map<String, Value>, indent: usize) -> Option<Ty> {
        let types: Vec<&str> = match object.get("type") {
            Some(Value::String(t)) => vec![t.as_str()],
            Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
            _ if OBJECT_KEYWORDS.iter().any(|k| object.contains_key(*k)) => vec!["object"],
            _ => return None,
        };
        let composed = COMPOSITION.iter().any(|k| object.contains_key(*k));
        let members: Vec<Ty> = types
            .into_iter()
            .filter_map(|t| match t {
                "string" => Some(Ty::atom("string")),
                "integer" | "number" => Some(Ty::atom("number")),
                "boolean" => Some(Ty::atom("boolean")),
                "null" => Some(Ty::atom("null")),
                "array" => Some(self.array(object, indent)),
                "object" => self.object(object, indent, composed),
                _ => Some(Ty::atom(JSON_VALUE)),
            })
            .collect();
        (!members.is_empty()).then(|| union(members))
    }

    fn reference(&self, reference: &str) -> Ty {
        match reference.strip_prefix(self.prefix) {
            Some(name) if self.schemas.contains_key(name) => Ty::atom(name),
            // Not a schema of this document: nothing is known of it.
            _ => Ty::atom(JSON_VALUE),
        }
    }

    fn array(&self, object: &Map<String, Value>, indent: usize) -> Ty {
        let items = object.get("items");
        if let Some(prefix) = object.get("prefixItems").and_then(Value::as_array) {
            let mut elements: Vec<String> = prefix
                .iter()
                .map(|item| self.ty(item, indent).text)
                .collect();
            if let Some(rest) = items.filter(|i| **i != Value::Bool(false)) {
                let rest = self.ty(rest, indent);
                elements.push(format!("...{}[]", rest.at(Precedence::Atom)));
            }
            return Ty::atom(format!("[{}]", elements.join(", ")));
        }
        match items {
            Some(items) => Ty::atom(format!("{}[]", self.ty(items, indent).at(Precedence::Atom))),
            None => Ty::atom(format!("{JSON_VALUE}[]")),
        }
    }

    /// The object type of an object schema; `None` when it says nothing beside `composed`
    /// keywords (they give the members).
    fn object(&self, object: &Map<String, Value>, indent: usize, composed: bool) -> Option<Ty> {
        let has_members = OBJECT_KEYWORDS
            .iter()
            .any(|k| object.get(*k).is_some_and(|v| *v != Value::Bool(false)))
            || object.get("properties").is_some();
        if !has_members {
            if composed {
                return None;
            }
            // An object with no member at all, or any members: a JSON object.
            return Some(Ty::atom(
                if object.get("additionalProperties") == Some(&Value::Bool(false)) {
                    "Record<string, never>".to_owned()
                } else {
                    format!("{{ [key: string]: {JSON_VALUE} }}")
                },
            ));
        }
        Some(Ty::atom(self.object_body(object, indent)))
    }

    /// `{ ... }`: a member per property (optional unless required, with its doc comment), and an
    /// index signature for the properties `additionalProperties` and `patternProperties` allow.
    fn object_body(&self, object: &Map<String, Value>, indent: usize) -> String {
        let empty = Map::new();
        let properties = object
            .get("properties")
            .and_then(Value::as_object)
            .unwrap_or(&empty);
        let required: BTreeSet<&str> = object
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        let pad = "  ".repeat(indent + 1);
        let mut body = String::from("{\n");
        let mut property_types = Vec::with_capacity(properties.len());
        let mut any_optional = false;
        for (name, schema) in properties {
            doc_comment(&mut body, indent + 1, &property_doc(schema));
            let optional = !required.contains(name.as_str());
            any_optional |= optional;
            let ty = self.ty(schema, indent + 1);
            let _ = writeln!(
                body,
                "{pad}{}{}: {};",
                property_key(name),
                if optional { "?" } else { "" },
                ty.text
            );
            property_types.push(ty);
        }
        let mut extra = Vec::new();
        match object.get("additionalProperties") {
            None | Some(Value::Bool(false)) => {}
            Some(schema) => extra.push(self.ty(schema, indent + 1)),
        }
        if let Some(patterns) = object.get("patternProperties").and_then(Value::as_object) {
            extra.extend(patterns.values().map(|s| self.ty(s, indent + 1)));
        }
        if !extra.is_empty() {
            // Every property must fit the index signature too.
            extra.extend(property_types);
            if any_optional {
                extra.push(Ty::atom("undefined"));
            }
            let _ = writeln!(body, "{pad}[key: string]: {};", union(extra).text);
        }
        body.push_str(&"  ".repeat(indent));
        body.push('}');
        body
    }
}

/// Whether a schema is an object with properties and nothing that combines it with others:
/// declared as an `interface`.
fn is_plain_object(object: &Map<String, Value>) -> bool {
    object.get("type").and_then(Value::as_str) == Some("object")
        && object.get("properties").is_some_and(Value::is_object)
        && !COMPOSITION
            .iter()
            .chain(&["const", "enum"])
            .any(|k| object.contains_key(*k))
}

/// The doc comment of a declaration: its description, what message it is (from `x-contract`),
/// the description of each documented alternative, and `@deprecated`.
fn declaration_doc(schema: &Value) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(description) = schema.get("description").and_then(Value::as_str) {
        parts.push(description.trim().to_owned());
    }
    if let Some(contract) = schema.get("x-contract") {
        let field = |k: &str| contract.get(k).and_then(Value::as_str).unwrap_or_default();
        parts.push(format!(
            "The {} of {} `{}@{}`.",
            field("role"),
            field("kind"),
            field("key"),
            field("version")
        ));
    }
    let alternatives: Vec<String> = ["oneOf", "anyOf"]
        .iter()
        .filter_map(|k| schema.get(*k).and_then(Value::as_array))
        .flatten()
        .filter_map(|branch| {
            let description = branch.get("description")?.as_str()?.trim();
            let value = branch
                .get("const")
                .or_else(|| branch.get("enum").and_then(|e| e.get(0)))
                .map(literal_type)
                .or_else(|| tag_of(branch))?;
            Some(format!("- `{value}`: {description}"))
        })
        .collect();
    if !alternatives.is_empty() {
        parts.push(alternatives.join("\n"));
    }
    if schema.get("deprecated") == Some(&Value::Bool(true)) {
        parts.push("@deprecated".to_owned());
    }
    parts.join("\n\n")
}

/// The tag of a tagged enum's variant: the one required property with a `const` value, or the
/// one property of an externally tagged variant.
fn tag_of(branch: &Value) -> Option<String> {
    let properties = branch.get("properties")?.as_object()?;
    let tagged = properties
        .iter()
        .find_map(|(name, p)| Some(format!("{name}: {}", literal_type(p.get("const")?))));
    tagged.or_else(|| match properties.keys().collect::<Vec<_>>().as_slice() {
        [only] => Some((*only).clone()),
        _ => None,
    })
}

/// The doc comment of a property: its description, the constraints TypeScript cannot check
/// as JSDoc tags, and `@deprecated`.
fn property_doc(schema: &Value) -> String {
    let mut lines: Vec<String> = Vec::new();
    if let Some(description) = schema.get("description").and_then(Value::as_str) {
        lines.push(description.trim().to_owned());
    }
    for key in CONSTRAINTS {
        if let Some(value) = schema.get(key) {
            let value = match value {
                Value::String(text) => text.clone(),
                other => other.to_string(),
            };
            lines.push(format!("@{key} {value}"));
        }
    }
    if schema.get("deprecated") == Some(&Value::Bool(true)) {
        lines.push("@deprecated".to_owned());
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const PREFIX: &str = "#/$defs/";

    fn ty(schema: Value) -> String {
        let schemas = json!({ "Inner": { "type": "string" }, "Other": { "type": "integer" } });
        TypeWriter::new(schemas.as_object().unwrap(), PREFIX)
            .ty(&schema, 0)
            .text
    }

    fn declaration(name: &str, schema: Value) -> String {
        let schemas = Map::new();
        let mut out = String::new();
        TypeWriter::new(&schemas, PREFIX).declaration(&mut out, name, &schema);
        out
    }

    #[test]
    fn scalars_lists_and_literals() {
        assert_eq!(
            ty(json!({ "type": "string", "format": "date-time" })),
            "string"
        );
        assert_eq!(
            ty(json!({ "type": "integer", "format": "int64" })),
            "number"
        );
        assert_eq!(
            ty(json!({ "type": ["string", "integer"] })),
            "string | number"
        );
        assert_eq!(ty(json!({ "type": "null" })), "null");
        assert_eq!(ty(json!({ "enum": ["a", "b"] })), "\"a\" | \"b\"");
        assert_eq!(ty(json!({ "const": 3 })), "3");
        assert_eq!(
            ty(json!({ "type": "array", "items": { "enum": ["a", "b"] } })),
            "(\"a\" | \"b\")[]"
        );
        assert_eq!(ty(json!({ "type": "array" })), "JsonValue[]");
        assert_eq!(
            ty(
                json!({ "type": "array", "prefixItems": [{ "type": "string" }, { "$ref": "#/$defs/Other" }],
                       "minItems": 2, "maxItems": 2 })
            ),
            "[string, Other]"
        );
        assert_eq!(ty(json!(true)), "JsonValue");
        assert_eq!(ty(json!({})), "JsonValue");
        assert_eq!(ty(json!({ "description": "anything" })), "JsonValue");
        assert_eq!(ty(json!(false)), "never");
    }

    #[test]
    fn references_and_composition() {
        assert_eq!(ty(json!({ "$ref": "#/$defs/Inner" })), "Inner");
        assert_eq!(ty(json!({ "$ref": "#/$defs/Missing" })), "JsonValue");
        assert_eq!(ty(json!({ "$ref": "other.json#/A" })), "JsonValue");
        assert_eq!(
            ty(json!({ "anyOf": [{ "$ref": "#/$defs/Inner" }, { "$ref": "#/$defs/Other" }] })),
            "Inner | Other"
        );
        assert_eq!(
            ty(json!({ "allOf": [{ "$ref": "#/$defs/Inner" },
                                 { "oneOf": [{ "const": "a" }, { "const": "b" }] }] })),
            "Inner & (\"a\" | \"b\")"
        );
        // `type: object` beside composition adds nothing.
        assert_eq!(
            ty(json!({ "type": "object", "oneOf": [{ "$ref": "#/$defs/Inner" }] })),
            "Inner"
        );
        // A union with "anything" is anything.
        assert_eq!(
            ty(json!({ "anyOf": [{ "type": "string" }, true] })),
            "JsonValue"
        );
    }

    #[test]
    fn objects_and_maps() {
        assert_eq!(
            ty(json!({ "type": "object" })),
            "{ [key: string]: JsonValue }"
        );
        assert_eq!(
            ty(json!({ "type": "object", "additionalProperties": false })),
            "Record<string, never>"
        );
        assert_eq!(
            ty(json!({ "type": "object", "additionalProperties": { "type": "integer" } })),
            "{\n  [key: string]: number;\n}"
        );
        assert_eq!(
            ty(json!({ "type": "object", "properties": {
                "a-b": { "type": "string", "description": "Dashed." },
                "n": { "type": "integer", "minimum": 0 }
            }, "required": ["a-b"], "additionalProperties": { "type": "boolean" } })),
            "{\n  /** Dashed. */\n  \"a-b\": string;\n  /** @minimum 0 */\n  n?: number;\n  \
             [key: string]: boolean | string | number | undefined;\n}"
        );
        // A flattened map of any values: optional members fit the index signature too.
        assert_eq!(
            ty(
                json!({ "type": "object", "properties": { "n": { "type": "integer" } },
                       "additionalProperties": true })
            ),
            "{\n  n?: number;\n  [key: string]: JsonValue | undefined;\n}"
        );
        // Nested objects are indented.
        assert_eq!(
            ty(json!({ "type": "object", "properties": {
                "inner": { "type": "object", "properties": { "x": { "type": "string" } }, "required": ["x"] }
            } })),
            "{\n  inner?: {\n    x: string;\n  };\n}"
        );
    }

    #[test]
    fn declarations() {
        assert_eq!(
            declaration(
                "Point",
                json!({ "type": "object", "description": "A point.",
                        "properties": { "x": { "type": "number" } }, "required": ["x"],
                        "additionalProperties": false,
                        "x-contract": { "key": "geo.point", "version": "1.0.0", "kind": "event", "role": "payload" } })
            ),
            "/**\n * A point.\n *\n * The payload of event `geo.point@1.0.0`.\n */\n\
             export interface Point {\n  x: number;\n}\n"
        );
        assert_eq!(
            declaration(
                "Status",
                json!({ "oneOf": [
                    { "type": "string", "const": "open", "description": "Open." },
                    { "type": "string", "const": "done", "description": "Done." }
                ], "deprecated": true })
            ),
            "/**\n * - `\"open\"`: Open.\n * - `\"done\"`: Done.\n *\n * @deprecated\n */\n\
             export type Status = \"open\" | \"done\";\n"
        );
    }
}
