//! JSON Schema (draft 2020-12) of every input, output and event payload of a registry.
//!
//! [`export`] returns one document whose `$defs` hold a schema per contract message, named by
//! [`type_name`] (`controlPlane_execution_start_v1_0_0_Input`), and a schema per model nested in
//! a message, named by [`nested_type_name`] within its message
//! (`controlPlane_execution_get_v1_0_0_Output__ControlPlaneExecutionRecord`). Naming by
//! contract means two models that share a Rust type name in different modules never collide,
//! within one message (schemars numbers them: `Item`, `Item2`) or across messages.
//!
//! Each message schema carries an `x-contract` annotation (`key`, `version`, `kind`, `role`);
//! validators ignore it.
//!
//! ```
//! use contracts_control_plane::CONTROL_PLANE;
//! use contracts_export::json_schema;
//!
//! let document = json_schema::export(&CONTROL_PLANE);
//! assert_eq!(document["$schema"], json_schema::DIALECT);
//! let input = &document["$defs"]["controlPlane_execution_start_v1_0_0_Input"];
//! assert_eq!(input["type"], "object");
//! assert_eq!(input["x-contract"]["key"], "controlPlane.execution.start");
//! assert_eq!(input["required"], serde_json::json!(["executionId", "planId"]));
//! ```
//!
//! [`message_schema`] gives one message alone, as a root schema with its nested models in its
//! own `$defs`; [`definitions`] gives every schema with references under any prefix (the
//! OpenAPI export uses `#/components/schemas/`).

use crate::naming::{nested_type_name, type_name, Role};
use contracts_core::descriptors::ModelRef;
use contracts_core::{Contract, Registry};
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet};

/// The dialect of every schema: JSON Schema draft 2020-12.
pub const DIALECT: &str = "https://json-schema.org/draft/2020-12/schema";

/// One message of a contract, by reference: an operation's input or output, or an event's
/// payload, with the model that describes it. What a schema is generated from; not the
/// message type itself.
#[derive(Clone, Copy, Debug)]
pub struct MessageRef {
    /// The contract (an operation or an event).
    pub contract: Contract,
    /// The part the message plays.
    pub role: Role,
    /// The message's model.
    pub model: ModelRef,
}

impl MessageRef {
    /// The name of the message's schema: [`type_name`] of the contract and role.
    pub fn name(&self) -> String {
        type_name(self.contract.meta(), self.role)
    }

    /// The message's schema as schemars generates it, for the Rust type.
    pub fn raw_schema(&self) -> Value {
        self.model.json_schema().to_value()
    }
}

/// Every message of a registry, in registry order (key, then version): an operation's input
/// then output, an event's payload.
///
/// ```
/// use contracts_control_plane::CONTROL_PLANE;
/// use contracts_export::json_schema::messages;
/// use contracts_export::naming::Role;
///
/// let roles: Vec<Role> = messages(&CONTROL_PLANE).map(|m| m.role).collect();
/// assert_eq!(roles.iter().filter(|r| **r == Role::Payload).count(), 10);
/// assert_eq!(roles.iter().filter(|r| **r == Role::Input).count(), 23);
/// ```
pub fn messages(registry: &Registry) -> impl Iterator<Item = MessageRef> + '_ {
    registry.iter().flat_map(|contract| {
        let mut found = Vec::with_capacity(2);
        match contract {
            Contract::Operation(op) => {
                found.push(MessageRef {
                    contract,
                    role: Role::Input,
                    model: op.input,
                });
                found.push(MessageRef {
                    contract,
                    role: Role::Output,
                    model: op.output,
                });
            }
            Contract::Event(event) => found.push(MessageRef {
                contract,
                role: Role::Payload,
                model: event.payload,
            }),
            _ => {}
        }
        found
    })
}

/// The reference prefix of [`Schemas`]' own form: `#/$defs/`.
pub(crate) const DEFS: &str = "#/$defs/";

/// Keywords that annotate a schema without changing what it accepts (and the `x-contract`
/// extension): beside a reference they refine it, and a schema of nothing else is as permissive
/// as `true`.
#[cfg(any(feature = "mcp", feature = "graphql"))]
pub(crate) const ANNOTATIONS: [&str; 9] = [
    "description",
    "title",
    "default",
    "examples",
    "deprecated",
    "readOnly",
    "writeOnly",
    "$comment",
    "x-contract",
];

/// Every message schema of a registry, generated once.
///
/// Generating a schema (schemars, then its post-processing) is the costly part of every export
/// built on JSON Schema: [`export`], the OpenAPI document, the MCP tools and the GraphQL SDL.
/// `Schemas` generates each message's schema once, renames its nested models within the message
/// (see the [module docs](self)), and lets every surface built from it share the result; see
/// [`crate::Surfaces`].
///
/// ```
/// use contracts_control_plane::CONTROL_PLANE;
/// use contracts_export::json_schema::{definitions, Schemas};
///
/// let schemas = Schemas::new(&CONTROL_PLANE);
/// assert_eq!(schemas.len(), 56);
/// assert_eq!(schemas.definitions("#/$defs/"), definitions(&CONTROL_PLANE, "#/$defs/"));
/// ```
pub struct Schemas {
    entries: Vec<Entry>,
}

/// One message's generated schema, with its nested models renamed within the message and every
/// reference written as `#/$defs/<name>` ([`DEFS`]).
pub(crate) struct Entry {
    /// The message.
    pub message: MessageRef,
    /// [`MessageRef::name`].
    pub name: String,
    /// The message's schema (without `$schema` and `$defs`).
    pub root: Value,
    /// The nested models, by [`nested_type_name`].
    pub nested: Map<String, Value>,
}

impl Schemas {
    /// Generates the schema of every message of `registry` ([`messages`]), in registry order.
    pub fn new(registry: &Registry) -> Schemas {
        Schemas {
            entries: messages(registry).map(Entry::generate).collect(),
        }
    }

    /// How many messages there are.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the registry has no message.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Every message, in registry order.
    pub fn messages(&self) -> impl Iterator<Item = &MessageRef> + '_ {
        self.entries.iter().map(|e| &e.message)
    }

    #[cfg(feature = "graphql")]
    pub(crate) fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Each operation with its input's and its output's entries, in registry order.
    #[cfg(any(feature = "openapi", feature = "mcp", feature = "graphql"))]
    pub(crate) fn operations(
        &self,
    ) -> impl Iterator<
        Item = (
            &'static contracts_core::descriptors::OperationDescriptor,
            &Entry,
            &Entry,
        ),
    > + '_ {
        self.entries.windows(2).filter_map(|pair| match pair {
            [input, output] if input.message.role == Role::Input => match input.message.contract {
                Contract::Operation(op) => Some((op, input, output)),
                _ => None,
            },
            _ => None,
        })
    }

    /// Every message schema and nested model schema, by name, with references written as
    /// `ref_prefix` followed by a name: what [`definitions`] returns, from the schemas generated
    /// once.
    pub fn definitions(&self, ref_prefix: &str) -> Map<String, Value> {
        let mut all = Map::new();
        for entry in &self.entries {
            let mut rewrite = entry.reprefix(ref_prefix);
            let mut copy = |schema: &Value| match &mut rewrite {
                Some(rewrite) => clone_with_refs(schema, rewrite),
                None => schema.clone(),
            };
            let root = annotated(copy(&entry.root), &entry.message);
            all.insert(entry.name.clone(), root);
            for (name, schema) in &entry.nested {
                all.insert(name.clone(), copy(schema));
            }
        }
        all
    }

    /// Like [`Schemas::definitions`], moving the schemas instead of copying them.
    pub fn into_definitions(self, ref_prefix: &str) -> Map<String, Value> {
        let mut all = Map::new();
        for entry in self.entries {
            let Entry {
                message,
                name,
                mut root,
                nested,
            } = entry;
            let names = (ref_prefix != DEFS).then(|| {
                let mut names: BTreeSet<String> = nested.keys().cloned().collect();
                names.insert(name.clone());
                names
            });
            let rewrite = |schema: &mut Value| {
                if let Some(names) = &names {
                    rewrite_refs(schema, &mut |reference| {
                        reprefixed(reference, ref_prefix, |segment| names.contains(segment))
                    });
                }
            };
            rewrite(&mut root);
            all.insert(name, annotated(root, &message));
            for (name, mut schema) in nested {
                rewrite(&mut schema);
                all.insert(name, schema);
            }
        }
        all
    }
}

impl Entry {
    /// Generates one message's schema and converts it (see [`convert`]) with [`DEFS`].
    pub(crate) fn generate(message: MessageRef) -> Entry {
        let name = message.name();
        let Converted { mut root, nested } = convert(&message, &name, DEFS);
        let examples = crate::examples::values(message.contract, message.role);
        if let (Value::Object(object), false) = (&mut root, examples.is_empty()) {
            object.insert("examples".to_owned(), Value::from(examples));
        }
        Entry {
            message,
            name,
            root,
            nested,
        }
    }

    /// The rewriting of this entry's references from [`DEFS`] to `ref_prefix`, or `None` when
    /// `ref_prefix` is [`DEFS`].
    fn reprefix<'a>(
        &'a self,
        ref_prefix: &'a str,
    ) -> Option<impl FnMut(&str) -> Option<String> + 'a> {
        (ref_prefix != DEFS).then_some(move |reference: &str| {
            reprefixed(reference, ref_prefix, |segment| {
                segment == self.name || self.nested.contains_key(segment)
            })
        })
    }
}

/// `reference` with [`DEFS`] replaced by `ref_prefix`, if it points to a name `known` accepts
/// (a name [`convert`] gave: references it did not rewrite stay as they are).
fn reprefixed(reference: &str, ref_prefix: &str, known: impl Fn(&str) -> bool) -> Option<String> {
    let rest = reference.strip_prefix(DEFS)?;
    let segment = rest.split('/').next().unwrap_or(rest);
    if !known(segment) {
        return None;
    }
    let mut new = String::with_capacity(ref_prefix.len() + rest.len());
    new.push_str(ref_prefix);
    new.push_str(rest);
    Some(new)
}

/// A message's root schema with its `x-contract` annotation (an object schema only).
fn annotated(root: Value, message: &MessageRef) -> Value {
    match root {
        Value::Object(mut object) => {
            object.insert("x-contract".to_owned(), contract_annotation(message));
            Value::Object(object)
        }
        other => other,
    }
}

/// A copy of `schema` with `map` applied to every `$ref` string, as [`rewrite_refs`] does in
/// place, in one pass.
pub(crate) fn clone_with_refs(
    schema: &Value,
    map: &mut impl FnMut(&str) -> Option<String>,
) -> Value {
    match schema {
        Value::Object(object) => {
            let mut out = Map::new();
            for (key, value) in object {
                let copy = match value {
                    Value::String(reference) if key == "$ref" => match map(reference) {
                        Some(new) => Value::String(new),
                        None => value.clone(),
                    },
                    _ if key == "$ref" => value.clone(),
                    _ => clone_with_refs(value, map),
                };
                out.insert(key.clone(), copy);
            }
            Value::Object(out)
        }
        Value::Array(items) => {
            Value::Array(items.iter().map(|i| clone_with_refs(i, map)).collect())
        }
        other => other.clone(),
    }
}

/// One message's schema with its nested models renamed: the message's own schema, and each
/// nested model's schema by its new name. References point to `ref_prefix` followed by a name.
pub(crate) struct Converted {
    /// The message's schema (without `$schema` and `$defs`).
    pub root: Value,
    /// The nested models, by [`nested_type_name`].
    pub nested: Map<String, Value>,
}

/// Converts one message's generated schema: nested models renamed within the message (named
/// `owner`), and every `$ref` (including `#`, a recursive root) rewritten to `ref_prefix` + name.
fn convert(message: &MessageRef, owner: &str, ref_prefix: &str) -> Converted {
    let mut root = message.raw_schema();
    let mut defs = match root.as_object_mut() {
        Some(object) => {
            object.remove("$schema");
            match object.remove("$defs") {
                Some(Value::Object(defs)) => defs,
                _ => Map::new(),
            }
        }
        None => Map::new(),
    };
    // New names, unique even if sanitizing maps two generated names to one.
    let mut renames = BTreeMap::new();
    let mut taken = BTreeSet::new();
    for old in defs.keys() {
        let base = nested_type_name(owner, old);
        let mut name = base.clone();
        let mut n = 2;
        while !taken.insert(name.clone()) {
            name = format!("{base}_{n}");
            n += 1;
        }
        renames.insert(old.clone(), name);
    }
    let rewrite = |schema: &mut Value| {
        rewrite_refs(schema, &mut |reference| {
            if reference == "#" {
                return Some(format!("{ref_prefix}{owner}"));
            }
            let rest = reference.strip_prefix("#/$defs/")?;
            let (segment, tail) = match rest.find('/') {
                Some(i) => (&rest[..i], &rest[i..]),
                None => (rest, ""),
            };
            let new = if segment.contains('~') {
                renames.get(&segment.replace("~1", "/").replace("~0", "~"))?
            } else {
                renames.get(segment)?
            };
            Some(format!("{ref_prefix}{new}{tail}"))
        })
    };
    rewrite(&mut root);
    let mut nested = Map::new();
    for (old, mut schema) in std::mem::take(&mut defs) {
        rewrite(&mut schema);
        nested.insert(renames[&old].clone(), schema);
    }
    Converted { root, nested }
}

/// Applies `map` to every `$ref` string in `schema`, replacing it when `map` returns a value.
pub(crate) fn rewrite_refs(schema: &mut Value, map: &mut impl FnMut(&str) -> Option<String>) {
    match schema {
        Value::Object(object) => {
            for (key, value) in object.iter_mut() {
                if key == "$ref" {
                    if let Value::String(reference) = value {
                        if let Some(new) = map(reference) {
                            *reference = new;
                        }
                    }
                } else {
                    rewrite_refs(value, map);
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                rewrite_refs(item, map);
            }
        }
        _ => {}
    }
}

/// The `x-contract` annotation of a message schema: the contract's key, version and kind, and
/// the message's role.
pub(crate) fn contract_annotation(message: &MessageRef) -> Value {
    to_value(&Annotation(message))
}

/// The `x-contract` annotation of a message, written as it is (members sorted, as in a
/// [`Map`]).
struct Annotation<'a>(&'a MessageRef);

impl Serialize for Annotation<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let message = self.0;
        let meta = message.contract.meta();
        Obj((
            ("key", meta.key),
            ("kind", message.contract.kind().as_str()),
            ("role", message.role.as_lowercase()),
            ("version", meta.version.as_str()),
        ))
        .serialize(serializer)
    }
}

/// One message's schema alone: a root schema (with `$schema`) whose `$defs` hold its nested
/// models, named by [`nested_type_name`] within the message.
///
/// ```
/// use contracts_control_plane::CONTROL_PLANE;
/// use contracts_export::json_schema::{message_schema, messages};
///
/// let get_output = messages(&CONTROL_PLANE)
///     .find(|m| m.name() == "controlPlane_execution_get_v1_0_0_Output")
///     .unwrap();
/// let schema = message_schema(&get_output);
/// assert_eq!(
///     schema["properties"]["execution"]["$ref"],
///     "#/$defs/controlPlane_execution_get_v1_0_0_Output__ControlPlaneExecutionRecord",
/// );
/// ```
pub fn message_schema(message: &MessageRef) -> Value {
    Entry::generate(*message).into_message_schema()
}

impl Entry {
    /// The message's schema alone, as [`message_schema`] returns it.
    pub(crate) fn into_message_schema(self) -> Value {
        let Entry {
            name,
            mut root,
            mut nested,
            ..
        } = self;
        // A recursive root refers to itself as `#`; `convert` named it, so name it `#` again.
        let own = format!("{DEFS}{name}");
        let mut back_to_root = |reference: &str| (reference == own).then(|| "#".to_owned());
        rewrite_refs(&mut root, &mut back_to_root);
        for schema in nested.values_mut() {
            rewrite_refs(schema, &mut back_to_root);
        }
        let mut schema = Map::new();
        schema.insert("$schema".to_owned(), Value::from(DIALECT));
        match root {
            Value::Object(object) => schema.extend(object),
            // A boolean schema: `true` accepts anything, `false` nothing.
            Value::Bool(false) => {
                schema.insert("not".to_owned(), json!({}));
            }
            _ => {}
        }
        if !nested.is_empty() {
            schema.insert("$defs".to_owned(), Value::Object(nested));
        }
        Value::Object(schema)
    }
}

/// Every message schema of a registry and every nested model schema, by name, with references
/// written as `ref_prefix` followed by a name (`#/$defs/` for a JSON Schema document,
/// `#/components/schemas/` for OpenAPI).
///
/// Message schemas carry an `x-contract` annotation; schemars' `$schema` is dropped.
pub fn definitions(registry: &Registry, ref_prefix: &str) -> Map<String, Value> {
    Schemas::new(registry).into_definitions(ref_prefix)
}

/// The JSON Schema document of a registry: every message schema and nested model schema in
/// `$defs`, by name (see the [module docs](self)).
///
/// The document is a bundle of definitions: its root constrains nothing, and each message is
/// referenced by name, as in `messages.json#/$defs/controlPlane_execution_start_v1_0_0_Input`.
/// [`Document`] writes the same document as text without building the [`Value`].
pub fn export(registry: &Registry) -> Value {
    Document::new(&Schemas::new(registry)).to_value()
}

/// The JSON Schema document of a registry's generated [`Schemas`], borrowing them: it builds
/// nothing until it is serialized, and serializes as [`export`] returns it (members in the
/// same order, so its text is the text of that [`Value`]).
///
/// ```
/// use contracts_control_plane::CONTROL_PLANE;
/// use contracts_export::json_schema::{export, Document, Schemas};
///
/// let schemas = Schemas::new(&CONTROL_PLANE);
/// let document = Document::new(&schemas);
/// assert_eq!(document.to_value(), export(&CONTROL_PLANE));
/// assert_eq!(
///     document.to_string_pretty(),
///     serde_json::to_string_pretty(&export(&CONTROL_PLANE)).unwrap(),
/// );
/// ```
#[derive(Clone, Copy)]
pub struct Document<'a> {
    schemas: &'a Schemas,
}

impl<'a> Document<'a> {
    /// The document of `schemas`.
    pub fn new(schemas: &'a Schemas) -> Document<'a> {
        Document { schemas }
    }

    /// The document as a [`Value`], as [`export`] returns it.
    pub fn to_value(&self) -> Value {
        to_value(self)
    }

    /// The document as pretty-printed JSON, as `contracts export jsonschema` writes it.
    pub fn to_string_pretty(&self) -> String {
        to_string_pretty(self)
    }
}

impl Serialize for Document<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        Obj((
            ("$defs", Definitions::new(self.schemas, DEFS, &[])),
            ("$schema", DIALECT),
            (
                "description",
                "The input and output of every operation and the payload of every event, \
                one schema per message in $defs, named <key>_v<version>_<Input|Output|Payload>; \
                the models nested in a message are named <message>__<model>.",
            ),
            ("title", "Contract messages"),
        ))
        .serialize(serializer)
    }
}

/// `value` as a [`Value`]. The exports' serializable types have string keys only, which is all
/// that could make the conversion fail.
pub(crate) fn to_value(value: &impl Serialize) -> Value {
    serde_json::to_value(value).expect("an export serializes with string keys only")
}

/// `value` as pretty-printed JSON, as [`serde_json::to_string_pretty`] writes it.
pub(crate) fn to_string_pretty(value: &impl Serialize) -> String {
    serde_json::to_string_pretty(value).expect("an export serializes with string keys only")
}

/// Every message schema and nested model schema of [`Schemas`] (and `extra` schemas), by name,
/// with references written as `ref_prefix` followed by a name: what [`Schemas::definitions`]
/// returns with the `extra` schemas inserted, serialized from the shared schemas without
/// copying them.
pub(crate) struct Definitions<'a> {
    schemas: &'a Schemas,
    ref_prefix: &'a str,
    extra: &'a [(&'a str, &'a Value)],
}

impl<'a> Definitions<'a> {
    pub(crate) fn new(
        schemas: &'a Schemas,
        ref_prefix: &'a str,
        extra: &'a [(&'a str, &'a Value)],
    ) -> Definitions<'a> {
        Definitions {
            schemas,
            ref_prefix,
            extra,
        }
    }
}

impl Serialize for Definitions<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let nested: usize = self.schemas.entries.iter().map(|e| e.nested.len()).sum();
        let mut all: Vec<(&str, SchemaView<'_>)> =
            Vec::with_capacity(self.schemas.entries.len() + nested + self.extra.len());
        for entry in &self.schemas.entries {
            let refs = (self.ref_prefix != DEFS).then_some(Refs {
                entry,
                ref_prefix: self.ref_prefix,
            });
            all.push((
                &entry.name,
                SchemaView {
                    value: &entry.root,
                    refs,
                    contract: Some(&entry.message),
                },
            ));
            for (name, schema) in &entry.nested {
                all.push((
                    name,
                    SchemaView {
                        value: schema,
                        refs,
                        contract: None,
                    },
                ));
            }
        }
        for (name, schema) in self.extra {
            all.push((name, SchemaView::plain(schema)));
        }
        // A map keeps the last of equal names, in name order: a stable sort, then the last of
        // each run.
        all.sort_by(|a, b| a.0.cmp(b.0));
        let last = |i: usize| all.get(i + 1).is_none_or(|next| next.0 != all[i].0);
        let mut map =
            serializer.serialize_map(Some((0..all.len()).filter(|&i| last(i)).count()))?;
        for (i, (name, schema)) in all.iter().enumerate() {
            if last(i) {
                map.serialize_entry(name, schema)?;
            }
        }
        map.end()
    }
}

/// The rewriting of one entry's references from [`DEFS`] to another prefix, as
/// [`Schemas::definitions`] does it.
#[derive(Clone, Copy)]
pub(crate) struct Refs<'a> {
    entry: &'a Entry,
    ref_prefix: &'a str,
}

impl Refs<'_> {
    fn rewrite(&self, reference: &str) -> Option<String> {
        reprefixed(reference, self.ref_prefix, |segment| {
            segment == self.entry.name || self.entry.nested.contains_key(segment)
        })
    }
}

/// A schema of [`Schemas`] as [`Schemas::definitions`] writes it, serialized in place: its
/// references rewritten by `refs`, and a message's root with its `x-contract` annotation.
#[derive(Clone, Copy)]
pub(crate) struct SchemaView<'a> {
    value: &'a Value,
    refs: Option<Refs<'a>>,
    contract: Option<&'a MessageRef>,
}

impl<'a> SchemaView<'a> {
    /// `value` as it is.
    pub(crate) fn plain(value: &'a Value) -> SchemaView<'a> {
        SchemaView {
            value,
            refs: None,
            contract: None,
        }
    }

    /// A schema within `entry`, with its references written as `ref_prefix` followed by a name.
    #[cfg(feature = "openapi")]
    pub(crate) fn within(
        value: &'a Value,
        entry: &'a Entry,
        ref_prefix: &'a str,
    ) -> SchemaView<'a> {
        SchemaView {
            value,
            refs: (ref_prefix != DEFS).then_some(Refs { entry, ref_prefix }),
            contract: None,
        }
    }

    fn child(&self, value: &'a Value) -> SchemaView<'a> {
        SchemaView {
            value,
            refs: self.refs,
            contract: None,
        }
    }
}

impl Serialize for SchemaView<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.value {
            _ if self.refs.is_none() && self.contract.is_none() => self.value.serialize(serializer),
            Value::Object(object) => {
                let annotation = self.contract.map(Annotation);
                let added = annotation.is_some() && !object.contains_key("x-contract");
                let mut map = serializer.serialize_map(Some(object.len() + usize::from(added)))?;
                let mut pending = annotation.as_ref();
                for (key, value) in object {
                    if let Some(annotation) = pending.filter(|_| key.as_str() >= "x-contract") {
                        map.serialize_entry("x-contract", annotation)?;
                        pending = None;
                        if key == "x-contract" {
                            continue;
                        }
                    }
                    if key == "$ref" {
                        let new = match (&self.refs, value) {
                            (Some(refs), Value::String(reference)) => refs.rewrite(reference),
                            _ => None,
                        };
                        match new {
                            Some(new) => map.serialize_entry(key, &new)?,
                            None => map.serialize_entry(key, value)?,
                        }
                    } else {
                        map.serialize_entry(key, &self.child(value))?;
                    }
                }
                if let Some(annotation) = pending {
                    map.serialize_entry("x-contract", annotation)?;
                }
                map.end()
            }
            Value::Array(items) => {
                serializer.collect_seq(items.iter().map(|item| self.child(item)))
            }
            other => other.serialize(serializer),
        }
    }
}

/// A JSON object of fixed members, written in the order given. Callers list them sorted by key,
/// the order of a [`Map`], so that the text of a serialized export is the text of its [`Value`].
pub(crate) struct Obj<T>(pub T);

macro_rules! fixed_object {
    ($($value:ident $n:tt),+) => {
        impl<'k, $($value: Serialize),+> Serialize for Obj<($((&'k str, $value),)+)> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let keys = [$((self.0).$n.0),+];
                debug_assert!(keys.windows(2).all(|w| w[0] < w[1]), "unsorted members {keys:?}");
                let mut map = serializer.serialize_map(Some(keys.len()))?;
                $(map.serialize_entry((self.0).$n.0, &(self.0).$n.1)?;)+
                map.end()
            }
        }
    };
}

fixed_object!(A 0);
fixed_object!(A 0, B 1);
fixed_object!(A 0, B 1, C 2);
fixed_object!(A 0, B 1, C 2, D 3);
fixed_object!(A 0, B 1, C 2, D 3, E 4);
