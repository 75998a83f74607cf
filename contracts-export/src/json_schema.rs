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
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet};

/// The dialect of every schema: JSON Schema draft 2020-12.
pub const DIALECT: &str = "https://json-schema.org/draft/2020-12/schema";

/// A message of a contract: an operation's input or output, or an event's payload.
#[derive(Clone, Copy, Debug)]
pub struct Message {
    /// The contract (an operation or an event).
    pub contract: Contract,
    /// The part the message plays.
    pub role: Role,
    /// The message's model.
    pub model: ModelRef,
}

impl Message {
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
pub fn messages(registry: &Registry) -> impl Iterator<Item = Message> + '_ {
    registry.iter().flat_map(|contract| {
        let mut found = Vec::with_capacity(2);
        match contract {
            Contract::Operation(op) => {
                found.push(Message {
                    contract,
                    role: Role::Input,
                    model: op.input,
                });
                found.push(Message {
                    contract,
                    role: Role::Output,
                    model: op.output,
                });
            }
            Contract::Event(event) => found.push(Message {
                contract,
                role: Role::Payload,
                model: event.payload,
            }),
            _ => {}
        }
        found
    })
}

/// One message's schema with its nested models renamed: the message's own schema, and each
/// nested model's schema by its new name. References point to `ref_prefix` followed by a name.
pub(crate) struct Converted {
    /// The message's schema (without `$schema` and `$defs`).
    pub root: Value,
    /// The nested models, by [`nested_type_name`].
    pub nested: BTreeMap<String, Value>,
}

/// Converts one message's generated schema: nested models renamed within the message, and
/// every `$ref` (including `#`, a recursive root) rewritten to `ref_prefix` + name.
pub(crate) fn convert(message: &Message, ref_prefix: &str) -> Converted {
    let owner = message.name();
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
        let base = nested_type_name(&owner, old);
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
            let old = segment.replace("~1", "/").replace("~0", "~");
            let new = renames.get(&old)?;
            Some(format!("{ref_prefix}{new}{tail}"))
        })
    };
    rewrite(&mut root);
    let mut nested = BTreeMap::new();
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
pub(crate) fn contract_annotation(message: &Message) -> Value {
    let meta = message.contract.meta();
    json!({
        "key": meta.key,
        "version": meta.version.as_str(),
        "kind": message.contract.kind().as_str(),
        "role": message.role.as_lowercase(),
    })
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
pub fn message_schema(message: &Message) -> Value {
    let Converted {
        mut root,
        mut nested,
    } = convert(message, "#/$defs/");
    // A recursive root refers to itself as `#`; `convert` named it, so name it `#` again.
    let own = format!("#/$defs/{}", message.name());
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
        schema.insert(
            "$defs".to_owned(),
            Value::Object(nested.into_iter().collect()),
        );
    }
    Value::Object(schema)
}

/// Every message schema of a registry and every nested model schema, by name, with references
/// written as `ref_prefix` followed by a name (`#/$defs/` for a JSON Schema document,
/// `#/components/schemas/` for OpenAPI).
///
/// Message schemas carry an `x-contract` annotation; schemars' `$schema` is dropped.
pub fn definitions(registry: &Registry, ref_prefix: &str) -> Map<String, Value> {
    let mut all = Map::new();
    for message in messages(registry) {
        let Converted { root, nested } = convert(&message, ref_prefix);
        let root = match root {
            Value::Object(mut object) => {
                object.insert("x-contract".to_owned(), contract_annotation(&message));
                Value::Object(object)
            }
            other => other,
        };
        all.insert(message.name(), root);
        all.extend(nested);
    }
    all
}

/// The JSON Schema document of a registry: every message schema and nested model schema in
/// `$defs`, by name (see the [module docs](self)).
///
/// The document is a bundle of definitions: its root constrains nothing, and each message is
/// referenced by name, as in `messages.json#/$defs/controlPlane_execution_start_v1_0_0_Input`.
pub fn export(registry: &Registry) -> Value {
    json!({
        "$schema": DIALECT,
        "title": "Contract messages",
        "description": "The input and output of every operation and the payload of every event, \
            one schema per message in $defs, named <key>_v<version>_<Input|Output|Payload>; \
            the models nested in a message are named <message>__<model>.",
        "$defs": definitions(registry, "#/$defs/"),
    })
}
