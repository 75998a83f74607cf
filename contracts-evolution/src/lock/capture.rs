//! The lock entries of a registry's contracts, read from their descriptors, their `Model`
//! descriptions and (for whether an object rejects unknown fields) their JSON Schemas.

use super::{Entry, Field, Message, Origin, Ty};
use contracts_core::descriptors::ModelRef;
use contracts_core::{Contract, ContractSet, Declaration, ModelInfo, ModelKind};
use contracts_export::naming::{graphql_field_name, mcp_tool_name, rest_method, rest_path, Role};
use serde_json::Value;

/// Models nested deeper than this are cut, as a guard against a cycle the name check misses.
const MAX_DEPTH: usize = 64;

pub(super) fn entries(set: &ContractSet) -> Vec<Entry> {
    set.declarations
        .iter()
        .filter_map(|declaration| match declaration {
            Declaration::Contract(contract, _) => Some(entry(*contract)),
            _ => None,
        })
        .collect()
}

/// The set of crate `name`: `set` or one it includes, at any depth.
pub(super) fn find_set(set: &'static ContractSet, name: &str) -> Option<&'static ContractSet> {
    if set.crate_name == name {
        return Some(set);
    }
    set.includes.iter().find_map(|inner| find_set(inner, name))
}

/// The lock entry of one contract.
pub(crate) fn entry(contract: Contract) -> Entry {
    let meta = contract.meta();
    let mut entry = Entry {
        key: meta.key.to_owned(),
        version: meta.version.as_str().to_owned(),
        kind: contract.kind(),
        stability: meta.stability,
        capability_kind: None,
        auth: None,
        idempotent: None,
        http: None,
        mcp_tool: None,
        graphql_field: None,
        capability: contract.capability().map(|c| c.to_string()),
        emits: Vec::new(),
        errors: Vec::new(),
        provides: Vec::new(),
        requires: Vec::new(),
        messages: Vec::new(),
        fingerprints: Some(contracts_core::checks::fingerprints(&contract)),
        origin: Origin::Source {
            file: meta.source.file.to_owned(),
            line: meta.source.line,
        },
    };
    match contract {
        Contract::Operation(op) => {
            entry.auth = Some(op.policy.auth);
            entry.idempotent = Some(op.policy.idempotent);
            entry.http = Some((rest_method(op.kind).as_str().to_owned(), rest_path(meta)));
            entry.mcp_tool = Some(mcp_tool_name(meta));
            entry.graphql_field = Some(graphql_field_name(meta));
            entry.emits = op
                .emits
                .iter()
                .map(|e| format!("{}@{}", e.event.meta.key, e.event.meta.version))
                .collect();
            entry.errors = op
                .errors
                .iter()
                .map(|e| (e.code.to_owned(), e.http))
                .collect();
            entry.messages = vec![
                message(Role::Input, &op.input),
                message(Role::Output, &op.output),
            ];
        }
        Contract::Event(event) => {
            entry.messages = vec![message(Role::Payload, &event.payload)];
        }
        Contract::Capability(capability) => {
            entry.capability_kind = Some(capability.kind.as_str().to_owned());
            entry.provides = capability
                .provides
                .iter()
                .map(|p| (p.surface.as_str().to_owned(), p.target.to_string()))
                .collect();
            entry.requires = capability
                .requires
                .iter()
                .map(|r| (r.capability.to_string(), r.optional))
                .collect();
        }
        _ => {}
    }
    entry.emits.sort();
    entry.emits.dedup();
    entry.errors.sort();
    entry.provides.sort();
    entry.requires.sort();
    entry
}

/// The fields of a message, with closedness read from its JSON Schema.
fn message(role: Role, model: &ModelRef) -> Message {
    let schema = model.json_schema().to_value();
    let walker = Walker {
        defs: schema.get("$defs").cloned().unwrap_or(Value::Null),
    };
    let mut fields = Vec::new();
    let mut stack = Vec::new();
    walker.walk(
        &mut fields,
        Vec::new(),
        model.info,
        (false, false),
        Some(&schema),
        &mut stack,
    );
    Message { role, fields }
}

struct Walker {
    defs: Value,
}

impl Walker {
    fn walk(
        &self,
        out: &mut Vec<Field>,
        path: Vec<String>,
        info: &'static ModelInfo,
        (optional, list): (bool, bool),
        schema: Option<&Value>,
        stack: &mut Vec<&'static str>,
    ) {
        let recursive = stack.contains(&info.name) || stack.len() >= MAX_DEPTH;
        let ty = match info.kind {
            ModelKind::Scalar | ModelKind::Opaque => Ty::Named(info.name.to_owned()),
            ModelKind::Enum(values) => Ty::Enum(values.iter().map(|v| (*v).to_owned()).collect()),
            ModelKind::Struct(_) if recursive => Ty::Recursive(info.name.to_owned()),
            ModelKind::Struct(_) => Ty::Object,
        };
        let mut node = schema.map(|s| self.resolve(s));
        if list {
            node = node.and_then(|n| n.get("items")).map(|s| self.resolve(s));
        }
        let closed = ty.is_object()
            && node.is_some_and(|n| n.get("additionalProperties") == Some(&Value::Bool(false)));
        out.push(Field {
            path: path.clone(),
            optional,
            list,
            ty: ty.clone(),
            closed,
        });
        if ty != Ty::Object {
            return;
        }
        stack.push(info.name);
        for field in flattened(info) {
            let mut child = path.clone();
            child.push(field.name.to_owned());
            let child_schema = node.and_then(|n| self.property(n, field.name));
            self.walk(
                out,
                child,
                field.shape.target,
                (field.is_optional(), field.shape.list),
                child_schema,
                stack,
            );
        }
        stack.pop();
    }

    /// Follows `$ref`s into `$defs`.
    fn resolve<'a>(&'a self, mut schema: &'a Value) -> &'a Value {
        for _ in 0..8 {
            let Some(name) = schema
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|r| r.strip_prefix("#/$defs/"))
            else {
                break;
            };
            match self.defs.get(name) {
                Some(target) => schema = target,
                None => break,
            }
        }
        schema
    }

    /// The schema of property `name` of an object schema, looking into `allOf` parts (where
    /// flattened fields may land).
    fn property<'a>(&'a self, node: &'a Value, name: &str) -> Option<&'a Value> {
        if let Some(found) = node.get("properties").and_then(|p| p.get(name)) {
            return Some(found);
        }
        node.get("allOf")?
            .as_array()?
            .iter()
            .find_map(|part| self.property(self.resolve(part), name))
    }
}

/// The fields of a struct model as they appear on the wire: flattened fields replaced by their
/// model's fields.
fn flattened(info: &'static ModelInfo) -> Vec<&'static contracts_core::FieldInfo> {
    let mut out = Vec::new();
    for field in info.fields() {
        if field.flatten {
            out.extend(flattened(field.shape.target));
        } else {
            out.push(field);
        }
    }
    out
}
