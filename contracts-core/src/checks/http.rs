//! The rules of an operation's HTTP binding that need the input model or the whole registry:
//! its path parameters name input fields, and no other operation shares its route. (The
//! template's form and the status are checked on the literal when the attribute is read.)

use super::message::Message;
use super::rules::{json_field, Check};
use crate::descriptors::{same_route, OperationDescriptor};
use crate::model::{ModelInfo, ModelKind};
use crate::registry::Registry;
use contracts_syntax::str_eq;

/// A path parameter of an operation's `http(path = ...)` names a top-level field of its input
/// (`model`), by its JSON name, holding one scalar or enum value: a path segment cannot carry a
/// list or an object.
pub const fn path_parameter(model: &'static ModelInfo, name: &str) -> Check {
    let fields = model.fields();
    match json_field(fields, name) {
        Some(field) => {
            if field.shape.list
                || !matches!(
                    field.shape.target.kind,
                    ModelKind::Scalar | ModelKind::Enum(_)
                )
            {
                let m = Message::new()
                    .push("path parameter ")
                    .code(name)
                    .push(" names the input field ")
                    .code(name)
                    .push(" of ")
                    .code(model.name)
                    .push(", which holds ");
                let m = if field.shape.list {
                    m.push("a list (of ")
                        .code(field.shape.target.name)
                        .push(")")
                } else {
                    m.push("an object (")
                        .code(field.shape.target.name)
                        .push(")")
                };
                Err(m.push(": a path segment carries one string, number, boolean or enum value"))
            } else {
                Ok(())
            }
        }
        None => {
            let m = Message::new()
                .push("path parameter ")
                .code(name)
                .push(" names no input field: ")
                .code(model.name)
                .push(" has no top-level field ")
                .code(name);
            let m = push_fields(m, fields);
            Err(m.push(". Name an input field by its JSON name, as serde writes it"))
        }
    }
}

/// Appends `; its fields are `a`, `b`` (flattened members by their fields).
const fn push_fields(mut m: Message, fields: &'static [crate::model::FieldInfo]) -> Message {
    if fields.is_empty() {
        return m.push("; it has no fields");
    }
    m = m.push("; its fields are ");
    let (m, _) = super::rules::push_field_names(m, fields, true);
    m
}

/// No other operation of the registry answers the route of `operation` (an operation whose
/// `http(...)` sets its method or path): the same method and the same path, whatever its
/// parameters are named ([`same_route`]).
pub const fn http_route(registry: &Registry, operation: &OperationDescriptor) -> Check {
    let entries = registry.entries();
    let mut i = 0;
    while i < entries.len() {
        let entry = &entries[i];
        if let Some(other) = entry.contract().as_operation() {
            let itself = str_eq(other.meta.key, operation.meta.key)
                && str_eq(other.meta.version.as_str(), operation.meta.version.as_str());
            if !itself && same_route(operation, other) {
                let m = Message::new().push("route ");
                let m = push_route(m, operation);
                let m = m
                    .push(" is also the route of ")
                    .id(other.meta.key, other.meta.version.as_str())
                    .push(" (");
                let m = push_route(m, other);
                return Err(m.push("): give one of them another method or path (path parameters in the same place are the same route, whatever their names)"));
            }
        }
        i += 1;
    }
    Ok(())
}

/// Appends an operation's route between backticks: `METHOD /path`.
const fn push_route(m: Message, operation: &OperationDescriptor) -> Message {
    let m = m
        .push("`")
        .push(operation.route_method().as_str())
        .push(" ");
    let m = match operation.http.path {
        Some(path) => m.push(path),
        None => {
            let mut m = m.push("/");
            let mut rest = operation.meta.key;
            loop {
                let bytes = rest.as_bytes();
                let mut dot = 0;
                while dot < bytes.len() && bytes[dot] != b'.' {
                    dot += 1;
                }
                if dot == bytes.len() {
                    m = m.push(rest);
                    break;
                }
                let (segment, tail) = rest.split_at(dot);
                let (_, tail) = tail.split_at(1);
                m = m.push(segment).push("/");
                rest = tail;
            }
            m.push("/v").push(operation.meta.version.as_str())
        }
    };
    m.push("`")
}
