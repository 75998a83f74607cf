//! The changes from one locked surface to another, each classified by a [rule](crate::rules).

use crate::lock::{Entry, Field, Message, Ty};
use crate::rules::{self, Rule};
use contracts_core::Stability;
use contracts_export::naming::Role;
use std::collections::{BTreeMap, BTreeSet};

/// One change from an older surface to a newer one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// The rule that classifies it.
    pub rule: &'static Rule,
    /// What changed, naming the newer contract: ``field `planId` of `a.b@1.0.0` input was
    /// removed``.
    pub message: String,
}

/// The changes from `old` to `new`, two surfaces of one key: the same version (where every
/// name must stay) or an earlier and a later version (where names carry the version and only
/// the REST method is compared).
///
/// ```
/// use contracts_evolution::{compare, Lock};
///
/// let lock = Lock::of(&contracts_control_plane::CONTROL_PLANE);
/// let old = lock.get("controlPlane.execution.start", "1.0.0").unwrap();
/// let mut new = old.clone();
/// new.messages[0].fields.retain(|f| f.path != ["planId"]);
/// let changes = compare::changes(old, &new);
/// assert_eq!(changes[0].rule.id, "REQ_FIELD_REMOVED");
/// assert_eq!(
///     changes[0].message,
///     "field `planId` of `controlPlane.execution.start@1.0.0` input was removed"
/// );
/// ```
pub fn changes(old: &Entry, new: &Entry) -> Vec<Change> {
    let mut out = Changes {
        id: new.id(),
        list: Vec::new(),
    };
    let same_version = old.version == new.version;
    if old.kind != new.kind || old.capability_kind != new.capability_kind {
        let (from, to) = (kind_text(old), kind_text(new));
        out.push(
            &rules::KIND_CHANGED,
            format!("`{{id}}` changed from {from} to {to}"),
        );
    }
    stability(&mut out, old.stability, new.stability);
    operation(&mut out, old, new, same_version);
    capability(&mut out, old, new);
    for role in Role::ALL {
        if let (Some(a), Some(b)) = (old.message(role), new.message(role)) {
            message(&mut out, a, b);
        }
    }
    out.list
}

struct Changes {
    id: String,
    list: Vec<Change>,
}

impl Changes {
    /// Records a change; `{id}` in `message` becomes the contract's `key@version`.
    fn push(&mut self, rule: &'static Rule, message: String) {
        let message = message.replace("{id}", &self.id);
        self.list.push(Change { rule, message });
    }
}

fn kind_text(entry: &Entry) -> String {
    match &entry.capability_kind {
        Some(kind) => format!("{} ({kind})", entry.kind),
        None => entry.kind.to_string(),
    }
}

/// Idea < in creation < experimental < beta < stable; deprecated stands apart.
fn rank(stability: Stability) -> Option<u8> {
    match stability {
        Stability::Idea => Some(0),
        Stability::InCreation => Some(1),
        Stability::Experimental => Some(2),
        Stability::Beta => Some(3),
        Stability::Stable => Some(4),
        Stability::Deprecated => None,
    }
}

fn stability(out: &mut Changes, old: Stability, new: Stability) {
    if old == new {
        return;
    }
    let text = format!("`{{id}}` went from {old} to {new}");
    match (rank(old), rank(new)) {
        (_, None) => out.push(&rules::CONTRACT_DEPRECATED, text),
        (Some(a), Some(b)) if b < a => out.push(&rules::STABILITY_LOWERED, text),
        _ => out.push(&rules::STABILITY_RAISED, text),
    }
}

fn operation(out: &mut Changes, old: &Entry, new: &Entry, same_version: bool) {
    if let (Some(a), Some(b)) = (old.auth, new.auth) {
        let text = format!(
            "auth of `{{id}}` went from {} to {}",
            a.as_str(),
            b.as_str()
        );
        if b > a {
            out.push(&rules::OP_AUTH_RAISED, text);
        } else if b < a {
            out.push(&rules::OP_AUTH_LOWERED, text);
        }
    }
    match (old.idempotent, new.idempotent) {
        (Some(true), Some(false)) => out.push(
            &rules::OP_IDEMPOTENCY_REMOVED,
            "`{id}` is no longer idempotent".to_owned(),
        ),
        (Some(false), Some(true)) => out.push(
            &rules::OP_IDEMPOTENCY_ADDED,
            "`{id}` became idempotent".to_owned(),
        ),
        _ => {}
    }
    if let (Some((m1, p1)), Some((m2, p2))) = (&old.http, &new.http) {
        if m1 != m2 || (same_version && p1 != p2) {
            out.push(
                &rules::OP_HTTP_CHANGED,
                format!("REST binding of `{{id}}` went from `{m1} {p1}` to `{m2} {p2}`"),
            );
        }
    }
    if same_version {
        if let (Some(a), Some(b)) = (&old.mcp_tool, &new.mcp_tool) {
            if a != b {
                out.push(
                    &rules::OP_MCP_TOOL_CHANGED,
                    format!("MCP tool of `{{id}}` was renamed from `{a}` to `{b}`"),
                );
            }
        }
        if let (Some(a), Some(b)) = (&old.graphql_field, &new.graphql_field) {
            if a != b {
                out.push(
                    &rules::OP_GRAPHQL_FIELD_CHANGED,
                    format!("GraphQL field of `{{id}}` was renamed from `{a}` to `{b}`"),
                );
            }
        }
    }
    if old.capability != new.capability {
        let show =
            |c: &Option<String>| c.as_deref().map_or("none".to_owned(), |c| format!("`{c}`"));
        out.push(
            &rules::OP_CAPABILITY_CHANGED,
            format!(
                "capability of `{{id}}` went from {} to {}",
                show(&old.capability),
                show(&new.capability)
            ),
        );
    }
    let (a, b) = (set(&old.emits), set(&new.emits));
    for event in a.difference(&b) {
        out.push(
            &rules::OP_EMIT_REMOVED,
            format!("event `{event}` is no longer emitted by `{{id}}`"),
        );
    }
    for event in b.difference(&a) {
        out.push(
            &rules::OP_EMIT_ADDED,
            format!("`{{id}}` now emits event `{event}`"),
        );
    }
    let a: BTreeMap<_, _> = old.errors.iter().cloned().collect();
    let b: BTreeMap<_, _> = new.errors.iter().cloned().collect();
    for (code, status) in &a {
        match b.get(code) {
            None => out.push(
                &rules::OP_ERROR_REMOVED,
                format!("error `{code}` of `{{id}}` was removed"),
            ),
            Some(new_status) if new_status != status => out.push(
                &rules::OP_ERROR_STATUS_CHANGED,
                format!("error `{code}` of `{{id}}` went from status {status} to {new_status}"),
            ),
            Some(_) => {}
        }
    }
    for code in b.keys().filter(|code| !a.contains_key(*code)) {
        out.push(
            &rules::OP_ERROR_ADDED,
            format!("error `{code}` was added to `{{id}}`"),
        );
    }
}

fn capability(out: &mut Changes, old: &Entry, new: &Entry) {
    let (a, b) = (set(&old.provides), set(&new.provides));
    for (surface, target) in a.difference(&b) {
        out.push(
            &rules::CAP_PROVIDE_REMOVED,
            format!("{surface} `{target}` is no longer provided by `{{id}}`"),
        );
    }
    for (surface, target) in b.difference(&a) {
        out.push(
            &rules::CAP_PROVIDE_ADDED,
            format!("`{{id}}` now provides {surface} `{target}`"),
        );
    }
    let a: BTreeMap<_, _> = old.requires.iter().cloned().collect();
    let b: BTreeMap<_, _> = new.requires.iter().cloned().collect();
    for (target, optional) in &b {
        match (a.get(target), optional) {
            (None | Some(true), false) => out.push(
                &rules::CAP_REQUIREMENT_ADDED,
                format!("`{{id}}` now requires `{target}`"),
            ),
            (None, true) => out.push(
                &rules::CAP_REQUIREMENT_ADDED_OPTIONAL,
                format!("`{{id}}` now optionally requires `{target}`"),
            ),
            _ => {}
        }
    }
    for (target, optional) in &a {
        let relaxed = !optional && b.get(target) == Some(&true);
        if !b.contains_key(target) || relaxed {
            out.push(
                &rules::CAP_REQUIREMENT_REMOVED,
                format!("`{{id}}` no longer requires `{target}`"),
            );
        }
    }
}

fn set<T: Ord + Clone>(items: &[T]) -> BTreeSet<T> {
    items.iter().cloned().collect()
}

/// The rules of one direction: what clients send, or what they read.
struct Side {
    removed: &'static Rule,
    removed_open: &'static Rule,
    added_required: &'static Rule,
    added_optional: &'static Rule,
    made_required: &'static Rule,
    made_optional: &'static Rule,
    changed: &'static Rule,
    widened: &'static Rule,
    narrowed: &'static Rule,
    value_added: &'static Rule,
    value_removed: &'static Rule,
}

const REQUEST: Side = Side {
    removed: &rules::REQ_FIELD_REMOVED,
    removed_open: &rules::REQ_FIELD_REMOVED_OPEN,
    added_required: &rules::REQ_FIELD_ADDED_REQUIRED,
    added_optional: &rules::REQ_FIELD_ADDED_OPTIONAL,
    made_required: &rules::REQ_FIELD_MADE_REQUIRED,
    made_optional: &rules::REQ_FIELD_MADE_OPTIONAL,
    changed: &rules::REQ_TYPE_CHANGED,
    widened: &rules::REQ_TYPE_WIDENED,
    narrowed: &rules::REQ_TYPE_CHANGED,
    value_added: &rules::REQ_ENUM_VALUE_ADDED,
    value_removed: &rules::REQ_ENUM_VALUE_REMOVED,
};

const RESPONSE: Side = Side {
    removed: &rules::RES_FIELD_REMOVED,
    removed_open: &rules::RES_FIELD_REMOVED,
    added_required: &rules::RES_FIELD_ADDED,
    added_optional: &rules::RES_FIELD_ADDED,
    made_required: &rules::RES_FIELD_MADE_REQUIRED,
    made_optional: &rules::RES_FIELD_MADE_OPTIONAL,
    changed: &rules::RES_TYPE_CHANGED,
    widened: &rules::RES_TYPE_CHANGED,
    narrowed: &rules::RES_TYPE_NARROWED,
    value_added: &rules::RES_ENUM_VALUE_ADDED,
    value_removed: &rules::RES_ENUM_VALUE_REMOVED,
};

fn message(out: &mut Changes, old: &Message, new: &Message) {
    let side = match new.role {
        Role::Input => &REQUEST,
        Role::Output | Role::Payload => &RESPONSE,
    };
    let role = new.role.as_lowercase();
    let a: BTreeMap<&[String], &Field> = old.fields.iter().map(|f| (&f.path[..], f)).collect();
    let b: BTreeMap<&[String], &Field> = new.fields.iter().map(|f| (&f.path[..], f)).collect();
    // Paths below a field that is gone, new, or of another type are not reported again.
    let mut settled: Vec<&[String]> = Vec::new();
    let below = |settled: &[&[String]], path: &[String]| {
        settled
            .iter()
            .any(|s| path.len() > s.len() && path.starts_with(s))
    };
    for field in &old.fields {
        let path = &field.path[..];
        if below(&settled, path) {
            continue;
        }
        let subject = subject(path, role);
        let Some(now) = b.get(path) else {
            settled.push(path);
            let parent = b.get(&path[..path.len() - 1]);
            let rule = if parent.is_some_and(|p| p.closed) {
                side.removed
            } else {
                side.removed_open
            };
            out.push(rule, format!("{subject} was removed"));
            continue;
        };
        if field.optional != now.optional {
            if now.optional {
                out.push(side.made_optional, format!("{subject} was made optional"));
            } else {
                out.push(side.made_required, format!("{subject} was made required"));
            }
        }
        if field.list != now.list || !ty_compatible(&field.ty, &now.ty) {
            settled.push(path);
            match scalar_change(side, &field.ty, &now.ty).filter(|_| field.list == now.list) {
                Some((rule, verb)) => out.push(
                    rule,
                    format!("{subject} was {verb} from {} to {}", field.ty, now.ty),
                ),
                None => out.push(
                    side.changed,
                    format!(
                        "{subject} changed type from {} to {}",
                        type_text(field),
                        type_text(now)
                    ),
                ),
            }
            continue;
        }
        if let (Ty::Enum(x), Ty::Enum(y)) = (&field.ty, &now.ty) {
            for value in x.iter().filter(|v| !y.contains(v)) {
                out.push(
                    side.value_removed,
                    format!("value `{value}` of {subject} was removed"),
                );
            }
            for value in y.iter().filter(|v| !x.contains(v)) {
                out.push(
                    side.value_added,
                    format!("value `{value}` was added to {subject}"),
                );
            }
        }
        if new.role == Role::Input && field.closed != now.closed {
            if now.closed {
                out.push(
                    &rules::REQ_UNKNOWN_FIELDS_REJECTED,
                    format!("{subject} now rejects unknown fields"),
                );
            } else {
                out.push(
                    &rules::REQ_UNKNOWN_FIELDS_ACCEPTED,
                    format!("{subject} now accepts unknown fields"),
                );
            }
        }
    }
    for field in &new.fields {
        let path = &field.path[..];
        if a.contains_key(path) || below(&settled, path) {
            continue;
        }
        settled.push(path);
        let subject = subject(path, role);
        if field.optional {
            out.push(side.added_optional, format!("optional {subject} was added"));
        } else {
            out.push(side.added_required, format!("required {subject} was added"));
        }
    }
}

/// ``field `a.b` of `{id}` input``, or ``the input of `{id}` `` for the message itself.
fn subject(path: &[String], role: &str) -> String {
    if path.is_empty() {
        format!("the {role} of `{{id}}`")
    } else {
        format!("field `{}` of `{{id}}` {role}", path.join("."))
    }
}

fn type_text(field: &Field) -> String {
    if field.list {
        format!("{}[]", field.ty)
    } else {
        field.ty.to_string()
    }
}

/// Same kind of type: the same name, two objects, or two enums (whose values are compared
/// apart).
fn ty_compatible(a: &Ty, b: &Ty) -> bool {
    match (a, b) {
        (Ty::Named(x), Ty::Named(y)) => x == y,
        (Ty::Enum(_), Ty::Enum(_)) => true,
        (x, y) => x.is_object() && y.is_object(),
    }
}

/// The rule for a scalar replaced by another: widened, narrowed, or changed.
fn scalar_change(side: &Side, old: &Ty, new: &Ty) -> Option<(&'static Rule, &'static str)> {
    let (Ty::Named(a), Ty::Named(b)) = (old, new) else {
        return None;
    };
    Some(if widens(a, b) {
        (side.widened, "widened")
    } else if widens(b, a) {
        (side.narrowed, "narrowed")
    } else {
        (side.changed, "changed")
    })
}

/// Whether every value of scalar `from` is a value of scalar `to`.
fn widens(from: &str, to: &str) -> bool {
    const CHAINS: [&[&str]; 4] = [
        &["i8", "i16", "i32", "i64", "i128"],
        &["u8", "u16", "u32", "u64", "u128"],
        &["f32", "f64"],
        &["NonEmptyString", "String"],
    ];
    let position = |chain: &[&str], name: &str| chain.iter().position(|n| *n == name);
    if CHAINS.iter().any(
        |chain| matches!((position(chain, from), position(chain, to)), (Some(i), Some(j)) if i < j),
    ) {
        return true;
    }
    // An unsigned integer fits a signed one twice its width; 32-bit integers fit an f64.
    matches!(
        (from, to),
        ("u8", "i16" | "i32" | "i64" | "i128")
            | ("u16", "i32" | "i64" | "i128")
            | ("u32", "i64" | "i128")
            | ("u64", "i128")
            | ("i8" | "i16" | "i32" | "u8" | "u16" | "u32", "f64")
    )
}
