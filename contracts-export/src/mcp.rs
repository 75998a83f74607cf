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

use crate::json_schema::{message_schema, Message};
use crate::naming::{mcp_tool_name, Role};
use contracts_core::descriptors::OperationDescriptor;
use contracts_core::{Contract, OperationKind, Registry, Stability};
use serde_json::{json, Map, Value};

/// The MCP revision whose tool shape the export follows (`title`, `outputSchema`,
/// `annotations` and `_meta`).
pub const PROTOCOL_VERSION: &str = "2025-06-18";

/// The MCP `tools/list` result for a registry: `{"tools": [...]}`, one tool per command and
/// query, in registry order.
pub fn export(registry: &Registry) -> Value {
    let tools: Vec<Value> = registry.operations().map(tool).collect();
    json!({ "tools": tools })
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
    let meta = &operation.meta;
    let title = meta.title.unwrap_or(meta.key);
    let query = operation.kind == OperationKind::Query;
    let mut contract = json!({
        "key": meta.key,
        "version": meta.version.as_str(),
        "kind": operation.kind.as_str(),
    });
    if let Some(capability) = &operation.capability {
        contract["capability"] = Value::from(capability.to_string());
    }
    json!({
        "name": mcp_tool_name(meta),
        "title": title,
        "description": description(operation),
        "inputSchema": tool_schema(operation, Role::Input),
        "outputSchema": tool_schema(operation, Role::Output),
        "annotations": {
            "title": title,
            "readOnlyHint": query,
            "destructiveHint": !query,
            "idempotentHint": query || operation.policy.idempotent,
        },
        "_meta": { "contract": contract },
    })
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
    if meta.stability == Stability::Deprecated {
        paragraph("Deprecated: kept for existing callers; do not build on it.".to_owned());
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
    let model = match role {
        Role::Input => operation.input,
        Role::Output => operation.output,
        Role::Payload => panic!("an operation has an input and an output, not a payload"),
    };
    let message = Message {
        contract: Contract::Operation(operation),
        role,
        model,
    };
    let mut schema = inline_refs(&message_schema(&message));
    if let Value::Object(object) = &mut schema {
        object.remove("$schema");
        object.remove("title");
    }
    as_object_schema(schema)
}

/// Makes `schema` describe an object at the top, wrapping it as the `value` property when it
/// does not.
fn as_object_schema(mut schema: Value) -> Value {
    let is_object = |s: &Value| s.get("type").and_then(Value::as_str) == Some("object");
    if is_object(&schema) {
        return schema;
    }
    if let Value::Object(object) = &mut schema {
        if !object.contains_key("type") {
            let branches = object
                .get("oneOf")
                .or_else(|| object.get("anyOf"))
                .and_then(Value::as_array);
            if branches.is_some_and(|b| !b.is_empty() && b.iter().all(is_object)) {
                object.insert("type".to_owned(), Value::from("object"));
                return schema;
            }
        }
    }
    let description = schema
        .get("description")
        .and_then(Value::as_str)
        .map(str::to_owned);
    let mut wrapped = json!({
        "type": "object",
        "properties": { "value": schema },
        "required": ["value"],
        "additionalProperties": false,
    });
    let note = "The message, wrapped as `value` because it is not a JSON object.";
    wrapped["description"] = Value::from(match description {
        Some(d) => format!("{d}\n\n{note}"),
        None => note.to_owned(),
    });
    wrapped
}

/// Inlines every `$ref` of a root schema whose definitions are in its `$defs` (as
/// [`message_schema`] returns), dropping `$defs`. A reference to the root (`#`) or to a
/// definition already being inlined on the current path is recursive and becomes a schema with
/// the target's `type` and a description (see the [module docs](self#schemas)); references
/// outside the document are kept.
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
    let mut stack = vec!["#".to_owned()];
    inline(root, root, defs, &mut stack)
}

/// Keywords that annotate a schema without changing what it accepts.
const ANNOTATIONS: [&str; 8] = [
    "description",
    "title",
    "default",
    "examples",
    "deprecated",
    "readOnly",
    "writeOnly",
    "$comment",
];

fn inline(
    schema: &Value,
    root: &Value,
    defs: &Map<String, Value>,
    stack: &mut Vec<String>,
) -> Value {
    match schema {
        Value::Object(object) => {
            let mut out = Map::new();
            let mut target = None;
            for (key, value) in object {
                match key.as_str() {
                    "$defs" => {}
                    "$ref" => match value.as_str().and_then(|r| resolve(r, root, defs)) {
                        Some((name, def)) => target = Some(expand(&name, def, root, defs, stack)),
                        None => {
                            out.insert(key.clone(), value.clone());
                        }
                    },
                    _ => {
                        out.insert(key.clone(), inline(value, root, defs, stack));
                    }
                }
            }
            match target {
                None => Value::Object(out),
                Some(target) if out.is_empty() => target,
                // Annotations beside a reference (a field's description) refine the target.
                Some(Value::Object(mut target))
                    if out.keys().all(|k| ANNOTATIONS.contains(&k.as_str())) =>
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
        Value::Array(items) => Value::Array(
            items
                .iter()
                .map(|item| inline(item, root, defs, stack))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// The name and schema a local reference points to: `#` (the root) or `#/$defs/NAME`.
fn resolve<'a>(
    reference: &str,
    root: &'a Value,
    defs: &'a Map<String, Value>,
) -> Option<(String, &'a Value)> {
    if reference == "#" {
        return Some(("#".to_owned(), root));
    }
    let name = reference
        .strip_prefix("#/$defs/")?
        .replace("~1", "/")
        .replace("~0", "~");
    defs.get(&name).map(|def| (name, def))
}

fn expand(
    name: &str,
    def: &Value,
    root: &Value,
    defs: &Map<String, Value>,
    stack: &mut Vec<String>,
) -> Value {
    if stack.iter().any(|n| n == name) {
        let what = def
            .get("title")
            .and_then(Value::as_str)
            .map(str::to_owned)
            .or_else(|| (name != "#").then(|| name.rsplit("__").next().unwrap_or(name).to_owned()))
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
    stack.push(name.to_owned());
    let expanded = inline(def, root, defs, stack);
    stack.pop();
    expanded
}
