//! One operation of the document: its operation object and `x-contract` extension.

use super::parameters::{path_parameters, query_parameters};
use super::responses::Responses;
use super::{BEARER_SCHEME, SCHEMAS};
use crate::json_schema::{Entry, MessageRef, Obj, SchemaView};
use crate::naming::{operation_id, type_name, Role};
use contracts_core::descriptors::{HttpRoute, OperationDescriptor, OperationPolicy};
use contracts_core::{Auth, Contract, Stability};
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};
use serde_json::Value;

/// The operation object of one operation, its input's schemas read from its [`Entry`].
pub(super) struct OperationObject<'a> {
    pub(super) operation: &'static OperationDescriptor,
    pub(super) input: &'a Entry,
    pub(super) route: HttpRoute,
}

impl Serialize for OperationObject<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let operation = self.operation;
        let meta = &operation.meta;
        let mut object = serializer.serialize_map(None)?;
        if meta.stability == Stability::Deprecated {
            object.serialize_entry("deprecated", &true)?;
        }
        object.serialize_entry("description", &description(operation))?;
        object.serialize_entry("operationId", &operation_id(meta))?;
        let path: Vec<&str> = self.route.parameters().collect();
        let mut parameters = path_parameters(self.input, &path);
        if self.route.method.input_in_query() {
            parameters.extend(query_parameters(self.input, &path));
        }
        if !parameters.is_empty() {
            object.serialize_entry("parameters", &parameters)?;
        }
        if !self.route.method.input_in_query() {
            let description = if path.is_empty() {
                format!("The input of `{}`.", meta.key)
            } else {
                format!(
                    "The input of `{}`; the fields the path gives ({}) may be left out.",
                    meta.key,
                    path.iter()
                        .map(|p| format!("`{p}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            let body = Obj((
                (
                    "content",
                    Obj(((
                        "application/json",
                        super::examples::media(
                            BodySchema(self, &path),
                            super::examples::requests(operation),
                        ),
                    ),)),
                ),
                ("description", description),
                ("required", true),
            ));
            object.serialize_entry("requestBody", &body)?;
        }
        object.serialize_entry("responses", &Responses(operation, &self.route))?;
        let no_roles: &[&str] = &[];
        match operation.policy.auth {
            Auth::Anonymous => object.serialize_entry("security", no_roles)?,
            Auth::User => {
                object.serialize_entry("security", &[Obj(((BEARER_SCHEME, no_roles),))])?
            }
            Auth::Admin => {
                object.serialize_entry("security", &[Obj(((BEARER_SCHEME, ["admin"]),))])?
            }
        }
        object.serialize_entry("summary", &summary(operation))?;
        if !meta.tags.is_empty() {
            object.serialize_entry("tags", meta.tags)?;
        }
        object.serialize_entry("x-contract", &ContractExtension(operation))?;
        // Keys in sorted order, as the document's `Value` form prints them.
        if let (Stability::Deprecated, Some(sunset)) = (meta.stability, meta.sunset) {
            object.serialize_entry("x-sunset", sunset)?;
        }
        object.end()
    }
}

/// The schema of a body: the input's, by reference; when the path gives some fields, the
/// input's schema without them (they are not required in the body, and if given must agree).
struct BodySchema<'a, 'b>(&'a OperationObject<'b>, &'a [&'a str]);

impl Serialize for BodySchema<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let BodySchema(object, path) = *self;
        let reference = schema_ref(&type_name(&object.operation.meta, Role::Input));
        if path.is_empty() {
            return Obj((("$ref", reference),)).serialize(serializer);
        }
        let view = SchemaView::within(&object.input.root, object.input, SCHEMAS);
        let mut schema = crate::json_schema::to_value(&view);
        if let Some(Value::Array(required)) = schema.get_mut("required") {
            required.retain(|name| !name.as_str().is_some_and(|name| path.contains(&name)));
        }
        schema.serialize(serializer)
    }
}

/// `#/components/schemas/<name>`.
pub(super) fn schema_ref(name: &str) -> String {
    let mut reference = String::with_capacity(SCHEMAS.len() + name.len());
    reference.push_str(SCHEMAS);
    reference.push_str(name);
    reference
}

/// The title, or the description's first line.
fn summary(operation: &OperationDescriptor) -> String {
    let meta = &operation.meta;
    match meta.title {
        Some(title) => title.to_owned(),
        None => meta
            .description
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or(meta.key)
            .to_owned(),
    }
}

/// The description, goal and context, as CommonMark.
fn description(operation: &OperationDescriptor) -> String {
    let meta = &operation.meta;
    let mut parts = vec![meta.description.trim().to_owned()];
    if let Some(goal) = meta.goal {
        parts.push(format!("**Goal:** {}", goal.trim()));
    }
    if let Some(context) = meta.context {
        parts.push(format!("**Context:** {}", context.trim()));
    }
    if operation.policy.escalate.is_some() {
        parts.push(
            "**Escalation:** a human must review and approve each call before it acts.".to_owned(),
        );
    }
    parts.retain(|p| !p.is_empty());
    parts.join("\n\n")
}

/// The `x-contract` extension of an operation.
struct ContractExtension(&'static OperationDescriptor);

impl Serialize for ContractExtension {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let operation = self.0;
        let meta = &operation.meta;
        let emits: Vec<_> = operation
            .emits
            .iter()
            .map(|emitted| {
                let event = emitted.event;
                let payload = MessageRef {
                    contract: Contract::Event(event),
                    role: Role::Payload,
                    model: event.payload,
                };
                Obj((
                    ("key", event.meta.key),
                    ("payloadSchema", schema_ref(&payload.name())),
                    ("version", event.meta.version.as_str()),
                    ("when", emitted.when),
                ))
            })
            .collect();
        let mut extension = serializer.serialize_map(None)?;
        extension.serialize_entry(
            "capability",
            &operation.capability.as_ref().map(|c| c.to_string()),
        )?;
        extension.serialize_entry("domain", &meta.domain)?;
        extension.serialize_entry("emits", &emits)?;
        extension.serialize_entry("errors", operation.errors)?;
        extension.serialize_entry("key", meta.key)?;
        extension.serialize_entry("kind", operation.kind.as_str())?;
        extension.serialize_entry("owners", meta.owners)?;
        extension.serialize_entry("policy", &PolicyObject(&operation.policy))?;
        extension.serialize_entry("stability", meta.stability.as_str())?;
        extension.serialize_entry("version", meta.version.as_str())?;
        extension.end()
    }
}

/// The `policy` of an operation's `x-contract` extension.
struct PolicyObject(&'static OperationPolicy);

impl Serialize for PolicyObject {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let policy = self.0;
        let mut object = serializer.serialize_map(None)?;
        object.serialize_entry("auth", policy.auth.as_str())?;
        object.serialize_entry("escalate", &policy.escalate.map(|e| e.as_str()))?;
        if !policy.flags.is_empty() {
            object.serialize_entry("flags", policy.flags)?;
        }
        object.serialize_entry("idempotent", &policy.idempotent)?;
        object.serialize_entry("pii", policy.pii)?;
        if !policy.policies.is_empty() {
            let policies: Vec<String> = policy.policies.iter().map(|p| p.to_string()).collect();
            object.serialize_entry("policies", &policies)?;
        }
        if let Some(rate_limit) = &policy.rate_limit {
            let rate_limit = Obj((("key", rate_limit.key.as_str()), ("rpm", rate_limit.rpm)));
            object.serialize_entry("rateLimit", &rate_limit)?;
        }
        object.end()
    }
}
