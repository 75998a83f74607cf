//! MCP tool definitions: every command and query of a registry as a tool.
//!
//! [`export`] returns the result of an MCP `tools/list` call (`{"tools": [...]}`), in the shape
//! of the MCP revision [`PROTOCOL_VERSION`]. ContractSpec exposes only commands; here queries
//! are tools too, marked read-only. Each tool has:
//!
//! - `name`: [`mcp_tool_name`] (`controlPlane_execution_start-v1_0_0`), at most 64 characters of
//!   `[A-Za-z0-9_-]`;
//! - `title`: the contract's title, or its key;
//! - `description`: the contract's description, then its goal and context, then what its
//!   policy asks of the caller (human review, deprecation);
//! - `inputSchema` and `outputSchema`: JSON Schema with `type: "object"` at the top and no
//!   `$ref` anywhere (several MCP clients cannot resolve references), see [below](#schemas);
//! - `annotations`: hints derived from the contract, see [below](#annotations);
//! - `_meta.contract`: the contract's key, version, kind and capability, so a server can map a
//!   call back to its contract.
//!
//! # Schemas
//!
//! Every definition is inlined where it is referenced ([`inline_refs`]). A `$ref` beside
//! annotations only (a field's `description`) is replaced by the definition with those
//! annotations laid over it; beside other keywords it becomes an `allOf` member, which means the
//! same in draft 2020-12.
//!
//! **Recursive types** cannot be inlined completely. A reference to a model that is already
//! being inlined on the current path (a tree node's children, say) is replaced by a schema with
//! the model's `type` and a description saying it has the shape of the enclosing model: the
//! outer levels are exact, the recursive level accepts any value of the right JSON type.
//!
//! MCP requires both schemas to describe objects. A message whose schema is an object (or a
//! `oneOf`/`anyOf` of objects) is used as is, with `"type": "object"` added at the top when only
//! its branches said so. Any other message (a list, a string, a nullable object) is **wrapped**:
//! the tool's schema is an object with one required property, `value`, holding the message, and
//! a server must unwrap the arguments and wrap the result accordingly.
//!
//! # Annotations
//!
//! | hint | rule |
//! |---|---|
//! | `readOnlyHint` | `true` for queries, `false` for commands |
//! | `idempotentHint` | the policy's `idempotent` (always `true` for queries) |
//! | `destructiveHint` | `false` for queries; `true` for every command |
//! | `title` | as the tool's `title` |
//!
//! MCP clients use `destructiveHint` to decide whether to ask before calling, and MCP's own
//! default for a tool that is not read-only is `true`. A contract cannot state that a command
//! only adds, and neither idempotency nor the absence of an escalation implies it (deleting a
//! record is idempotent and may need no review), so every command keeps the safe `true`. Queries
//! are read-only by contract, hence `false`. `openWorldHint` is left out: a contract does not
//! say whether a handler reaches outside systems.
//!
//! ```
//! use contracts_control_plane::CONTROL_PLANE;
//! use contracts_export::mcp;
//!
//! let tools = mcp::export(&CONTROL_PLANE);
//! let start = tools["tools"]
//!     .as_array()
//!     .unwrap()
//!     .iter()
//!     .find(|t| t["name"] == "controlPlane_execution_start-v1_0_0")
//!     .unwrap();
//! assert_eq!(start["inputSchema"]["type"], "object");
//! assert_eq!(start["annotations"]["readOnlyHint"], false);
//! assert!(!serde_json::to_string(&tools).unwrap().contains("$ref"));
//! ```

use crate::json_schema::{Entry, MessageRef, Schemas, ANNOTATIONS, DEFS};
use crate::naming::{mcp_tool_name, Role};
use contracts_core::descriptors::OperationDescriptor;
use contracts_core::{Contract, OperationKind, Registry};
use serde_json::{json, Map, Value};

/// The MCP revision whose tool shape the export follows (`title`, `outputSchema`,
/// `annotations` and `_meta`).
pub const PROTOCOL_VERSION: &str = "2025-06-18";

/// The MCP `tools/list` result for a registry: `{"tools": [...]}`, one tool per command and
/// query, in registry order.
pub fn export(registry: &Registry) -> Value {
    export_from(&Schemas::new(registry))
}

/// The MCP `tools/list` result from a registry's generated [`Schemas`], as [`export`] returns
/// it.
pub fn export_from(schemas: &Schemas) -> Value {
    let tools: Vec<Value> = schemas
        .operations()
        .map(|(operation, input, output)| {
            tool_from(operation, entry_schema(input), entry_schema(output))
        })
        .collect();
    let mut result = Map::new();
    result.insert("tools".to_owned(), Value::Array(tools));
    Value::Object(result)
}

/// The MCP tool of one operation (see the [module docs](self)).
///
/// ```
/// use contracts_control_plane::CONTROL_PLANE;
/// use contracts_export::mcp::tool;
///
/// let get = CONTROL_PLANE.get("controlPlane.execution.get", "1.0.0").unwrap();
/// let tool = tool(get.as_operation().unwrap());
/// assert_eq!(tool["name"], "controlPlane_execution_get-v1_0_0");
/// assert_eq!(tool["annotations"]["readOnlyHint"], true);
/// assert_eq!(tool["outputSchema"]["properties"]["execution"]["type"], "object");
/// ```
pub fn tool(operation: &'static OperationDescriptor) -> Value {
    tool_from(
        operation,
        tool_schema(operation, Role::Input),
        tool_schema(operation, Role::Output),
    )
}

fn tool_from(
    operation: &'static OperationDescriptor,
    input_schema: Value,
    output_schema: Value,
) -> Value {
    let meta = &operation.meta;
    let title = meta.title.unwrap_or(meta.key);
    let query = operation.kind == OperationKind::Query;
    let mut contract = Map::new();
    contract.insert("key".to_owned(), Value::from(meta.key));
    contract.insert("version".to_owned(), Value::from(meta.version.as_str()));
    contract.insert("kind".to_owned(), Value::from(operation.kind.as_str()));
    if let Some(capability) = &operation.capability {
        contract.insert("capability".to_owned(), Value::from(capability.to_string()));
    }
    let mut annotations = Map::new();
    annotations.insert("title".to_owned(), Value::from(title));
    annotations.insert("readOnlyHint".to_owned(), Value::Bool(query));
    annotations.insert("destructiveHint".to_owned(), Value::Bool(!query));
    annotations.insert(
        "idempotentHint".to_owned(),
        Value::Bool(query || operation.policy.idempotent),
    );
    let mut meta_object = Map::new();
    meta_object.insert("contract".to_owned(), Value::Object(contract));
    let mut tool = Map::new();
    tool.insert("name".to_owned(), Value::from(mcp_tool_name(meta)));
    tool.insert("title".to_owned(), Value::from(title));
    tool.insert(
        "description".to_owned(),
        Value::from(description(operation)),
    );
    tool.insert("inputSchema".to_owned(), input_schema);
    tool.insert("outputSchema".to_owned(), output_schema);
    tool.insert("annotations".to_owned(), Value::Object(annotations));
    tool.insert("_meta".to_owned(), Value::Object(meta_object));
    Value::Object(tool)
}

/// The tool description: the contract's description, goal and context, and what its policy
/// asks of the caller.
fn description(operation: &OperationDescriptor) -> String {
    let meta = &operation.meta;
    let mut text = meta.description.trim().to_owned();
    let mut paragraph = |line: String| {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str(&line);
    };
    if let Some(goal) = meta.goal {
        paragraph(format!("Goal: {}", goal.trim()));
    }
    if let Some(context) = meta.context {
        paragraph(format!("Context: {}", context.trim()));
    }
    if operation.policy.escalate.is_some() {
        paragraph("A human must review and approve each call before it acts.".to_owned());
    }
    if let Some(deprecation) = meta.deprecation() {
        paragraph(format!("Deprecated. {deprecation}"));
    }
    text
}

/// The `inputSchema` or `outputSchema` of an operation: the message's schema with every
/// definition inlined and `type: "object"` at the top (see the [module docs](self#schemas)).
///
/// ```
/// use contracts_control_plane::CONTROL_PLANE;
/// use contracts_export::mcp::tool_schema;
/// use contracts_export::naming::Role;
///
/// let list = CONTROL_PLANE.get("controlPlane.execution.list", "1.0.0").unwrap();
/// let output = tool_schema(list.as_operation().unwrap(), Role::Output);
/// assert_eq!(output["properties"]["items"]["items"]["type"], "object");
/// ```
///
/// # Panics
///
/// If `role` is [`Role::Payload`]: operations have no payload.
pub fn tool_schema(operation: &'static OperationDescriptor, role: Role) -> Value {
    entry_schema(&Entry::generate(operation_message(operation, role)))
}

/// Whether the tool of `operation` wraps its `role` message as the `value` property (see the
/// [module docs](self)): a server unwraps such arguments and wraps such results, a client does
/// the reverse.
///
/// ```
/// use contracts_control_plane::CONTROL_PLANE;
/// use contracts_export::mcp::is_wrapped;
/// use contracts_export::naming::Role;
///
/// let get = CONTROL_PLANE.get("controlPlane.execution.get", "1.0.0").unwrap();
/// assert!(!is_wrapped(get.as_operation().unwrap(), Role::Input));
/// ```
///
/// # Panics
///
/// If `role` is [`Role::Payload`]: operations have no payload.
pub fn is_wrapped(operation: &'static OperationDescriptor, role: Role) -> bool {
    wraps(&inlined(&Entry::generate(operation_message(
        operation, role,
    ))))
}

/// The `role` message of `operation`: its input or its output.
fn operation_message(operation: &'static OperationDescriptor, role: Role) -> MessageRef {
    let model = match role {
        Role::Input => operation.input,
        Role::Output => operation.output,
        Role::Payload => panic!("an operation has an input and an output, not a payload"),
    };
    MessageRef {
        contract: Contract::Operation(operation),
        role,
        model,
    }
}

/// The tool schema of a generated message: its
/// [`message_schema`](crate::json_schema::message_schema) with every definition inlined, without
/// `$schema` and `title`, described as an object.
fn entry_schema(entry: &Entry) -> Value {
    as_object_schema(inlined(entry))
}

/// A generated message's schema with every definition inlined, without `$schema` and `title`.
fn inlined(entry: &Entry) -> Value {
    let inliner = Inliner {
        root: &entry.root,
        defs: &entry.nested,
        own: Some(&entry.name),
    };
    let mut stack = vec!["#"];
    // The message schema has `$schema` at the top, which is not an annotation: the top level is
    // inlined as an object with one more member (see `Inliner::object`).
    let mut schema = match &entry.root {
        Value::Object(object) => inliner.object(object, &mut stack, true),
        Value::Bool(false) => {
            let mut not = Map::new();
            not.insert("not".to_owned(), json!({}));
            inliner.object(&not, &mut stack, true)
        }
        _ => Value::Object(Map::new()),
    };
    if let Value::Object(object) = &mut schema {
        object.remove("$schema");
        object.remove("title");
    }
    schema
}

/// Whether a message's inlined schema is not an object (nor a `oneOf`/`anyOf` of objects), so
/// that its tool schema wraps it as `value`.
fn wraps(schema: &Value) -> bool {
    let is_object = |s: &Value| s.get("type").and_then(Value::as_str) == Some("object");
    if is_object(schema) {
        return false;
    }
    let branches = schema
        .get("oneOf")
        .or_else(|| schema.get("anyOf"))
        .and_then(Value::as_array);
    !(schema.get("type").is_none()
        && branches.is_some_and(|b| !b.is_empty() && b.iter().all(is_object)))
}

/// Makes `schema` describe an object at the top, wrapping it as the `value` property when it
/// does not.
fn as_object_schema(mut schema: Value) -> Value {
    if !wraps(&schema) {
        if let Value::Object(object) = &mut schema {
            object
                .entry("type")
                .or_insert_with(|| Value::from("object"));
        }
        return schema;
    }
    let description = schema
        .get("description")
        .and_then(Value::as_str)
        .map(str::to_owned);
    let mut properties = Map::new();
    properties.insert("value".to_owned(), schema);
    let mut wrapped = Map::new();
    wrapped.insert("type".to_owned(), Value::from("object"));
    wrapped.insert("properties".to_owned(), Value::Object(properties));
    wrapped.insert("required".to_owned(), json!(["value"]));
    wrapped.insert("additionalProperties".to_owned(), Value::Bool(false));
    let note = "The message, wrapped as `value` because it is not a JSON object.";
    wrapped.insert(
        "description".to_owned(),
        Value::from(match description {
            Some(d) => format!("{d}\n\n{note}"),
            None => note.to_owned(),
        }),
    );
    Value::Object(wrapped)
}

/// Inlines every `$ref` of a root schema whose definitions are in its `$defs` (as
/// [`message_schema`](crate::json_schema::message_schema) returns), dropping `$defs`. A
/// reference to the root (`#`) or to a definition already being inlined on the current path is
/// recursive and becomes a schema with the target's `type` and a description (see the
/// [module docs](self#schemas)); references outside the document are kept.
///
/// ```
/// use contracts_export::mcp::inline_refs;
/// use serde_json::json;
///
/// let schema = json!({
///     "type": "object",
///     "properties": { "a": { "$ref": "#/$defs/A" } },
///     "$defs": { "A": { "type": "string" } },
/// });
/// assert_eq!(
///     inline_refs(&schema),
///     json!({ "type": "object", "properties": { "a": { "type": "string" } } }),
/// );
/// ```
pub fn inline_refs(root: &Value) -> Value {
    let empty = Map::new();
    let defs = root
        .get("$defs")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let inliner = Inliner {
        root,
        defs,
        own: None,
    };
    let mut stack = vec!["#"];
    inliner.inline(root, &mut stack)
}

/// Inlines the references of one root schema.
struct Inliner<'a> {
    /// The root (`#`).
    root: &'a Value,
    /// The definitions (`#/$defs/NAME`).
    defs: &'a Map<String, Value>,
    /// The root's own name, when the root's references to itself are `#/$defs/<own>` (as a
    /// generated [`Entry`] writes them) rather than `#`.
    own: Option<&'a str>,
}

impl<'a> Inliner<'a> {
    fn inline(&self, schema: &'a Value, stack: &mut Vec<&'a str>) -> Value {
        match schema {
            Value::Object(object) => self.object(object, stack, false),
            Value::Array(items) => {
                Value::Array(items.iter().map(|item| self.inline(item, stack)).collect())
            }
            other => other.clone(),
        }
    }

    /// Inlines an object schema. `extra` says the object has one more member, not an annotation,
    /// that is left out here (the `$schema` of a message schema).
    fn object(
        &self,
        object: &'a Map<String, Value>,
        stack: &mut Vec<&'a str>,
        extra: bool,
    ) -> Value {
        let mut out = Map::new();
        let mut target = None;
        for (key, value) in object {
            match key.as_str() {
                "$defs" => {}
                "$ref" => match value.as_str().and_then(|r| self.resolve(r)) {
                    Some((name, def)) => target = Some(self.expand(name, def, stack)),
                    None => {
                        out.insert(key.clone(), value.clone());
                    }
                },
                _ => {
                    out.insert(key.clone(), self.inline(value, stack));
                }
            }
        }
        match target {
            None => Value::Object(out),
            Some(target) if out.is_empty() && !extra => target,
            // Annotations beside a reference (a field's description) refine the target.
            Some(Value::Object(mut target))
                if !extra && out.keys().all(|k| ANNOTATIONS.contains(&k.as_str())) =>
            {
                target.extend(out);
                Value::Object(target)
            }
            Some(target) => {
                match out.get_mut("allOf") {
                    Some(Value::Array(all)) => all.push(target),
                    _ => {
                        out.insert("allOf".to_owned(), Value::Array(vec![target]));
                    }
                }
                Value::Object(out)
            }
        }
    }

    /// The name and schema a local reference points to: `#` (the root) or `#/$defs/NAME`.
    fn resolve(&self, reference: &str) -> Option<(&'a str, &'a Value)> {
        if reference == "#" {
            return Some(("#", self.root));
        }
        let rest = reference.strip_prefix(DEFS)?;
        if self.own == Some(rest) {
            return Some(("#", self.root));
        }
        let (name, def) = if rest.contains('~') {
            self.defs
                .get_key_value(&rest.replace("~1", "/").replace("~0", "~"))?
        } else {
            self.defs.get_key_value(rest)?
        };
        Some((name.as_str(), def))
    }

    fn expand(&self, name: &'a str, def: &'a Value, stack: &mut Vec<&'a str>) -> Value {
        if stack.contains(&name) {
            let what = def
                .get("title")
                .and_then(Value::as_str)
                .map(str::to_owned)
                .or_else(|| {
                    (name != "#").then(|| name.rsplit("__").next().unwrap_or(name).to_owned())
                })
                .unwrap_or_else(|| "message".to_owned());
            let mut recursive = Map::new();
            if let Some(kind) = def.get("type") {
                recursive.insert("type".to_owned(), kind.clone());
            }
            recursive.insert(
                "description".to_owned(),
                Value::from(format!(
                    "A {what}, recursively: it has the shape of the enclosing {what} (not repeated here)."
                )),
            );
            return Value::Object(recursive);
        }
        stack.push(name);
        let expanded = self.inline(def, stack);
        stack.pop();
        expanded
    }
}
