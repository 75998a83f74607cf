//! The lock file's text: writing and reading it.

use super::{Entry, Field, Message, Origin, Ty};
use contracts_core::checks::PARTS;
use contracts_core::{Auth, ContractKind, Stability};
use contracts_export::naming::Role;
use std::fmt::Write;

/// The first line of every lock file; the number is the format's version.
pub(crate) const HEADER: &str = "contracts-lock 1";

const PREAMBLE: &str = "# The wire surface of every contract of this crate, as released.\n\
# Written by `contracts lock`; checked by the build. One block per key@version.\n";

pub(super) fn write(entries: &[Entry]) -> String {
    let mut out = String::new();
    out.push_str(HEADER);
    out.push('\n');
    out.push_str(PREAMBLE);
    for entry in entries {
        out.push('\n');
        write_entry(&mut out, entry);
    }
    out
}

fn write_entry(out: &mut String, e: &Entry) {
    let _ = writeln!(out, "contract {}@{}", e.key, e.version);
    let _ = writeln!(out, "  kind {}", e.kind.as_str());
    let _ = writeln!(out, "  stability {}", e.stability.as_str());
    if let Some(kind) = &e.capability_kind {
        let _ = writeln!(out, "  capability-kind {kind}");
    }
    if let Some(auth) = e.auth {
        let _ = writeln!(out, "  auth {}", auth.as_str());
    }
    if let Some(idempotent) = e.idempotent {
        let _ = writeln!(out, "  idempotent {idempotent}");
    }
    if let Some((method, path)) = &e.http {
        let _ = writeln!(out, "  http {method} {path}");
    }
    if let Some(tool) = &e.mcp_tool {
        let _ = writeln!(out, "  mcp {tool}");
    }
    if let Some(field) = &e.graphql_field {
        let _ = writeln!(out, "  graphql {field}");
    }
    if let Some(capability) = &e.capability {
        let _ = writeln!(out, "  capability {capability}");
    }
    for event in &e.emits {
        let _ = writeln!(out, "  emits {event}");
    }
    for (code, status) in &e.errors {
        let _ = writeln!(out, "  error {code} {status}");
    }
    for (surface, target) in &e.provides {
        let _ = writeln!(out, "  provides {surface} {target}");
    }
    for (target, optional) in &e.requires {
        let suffix = if *optional { " optional" } else { "" };
        let _ = writeln!(out, "  requires {target}{suffix}");
    }
    for message in &e.messages {
        for field in &message.fields {
            let _ = writeln!(out, "  {}", field_line(message.role, field));
        }
    }
    if let Some(parts) = &e.fingerprints {
        out.push_str("  fingerprint");
        for (name, value) in PARTS.iter().zip(parts) {
            if *value != 0 {
                let _ = write!(out, " {name}={value:016x}");
            }
        }
        out.push('\n');
    }
}

/// `input.options?: String[]`: the field's line without its indent.
pub(crate) fn field_line(role: Role, field: &Field) -> String {
    let mut line = format!("{}{}", role.as_lowercase(), path_text(&field.path));
    if field.optional {
        line.push('?');
    }
    let _ = write!(line, ": {}", field.ty);
    if field.list {
        line.push_str("[]");
    }
    if field.closed {
        line.push_str(" closed");
    }
    line
}

/// `.a.b`, each segment bare when it is a plain name and JSON-quoted otherwise.
pub(crate) fn path_text(path: &[String]) -> String {
    let mut out = String::new();
    for segment in path {
        out.push('.');
        let bare = !segment.is_empty()
            && segment
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '$' | '-'));
        if bare {
            out.push_str(segment);
        } else {
            out.push_str(&serde_json::Value::from(segment.as_str()).to_string());
        }
    }
    out
}

/// Why a lock file could not be read: the 1-based line and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// The 1-based line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl core::fmt::Display for ParseError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for ParseError {}

pub(super) fn parse(text: &str) -> Result<Vec<Entry>, ParseError> {
    let mut entries: Vec<Entry> = Vec::new();
    let mut seen_header = false;
    for (index, raw) in text.lines().enumerate() {
        let line_no = index + 1;
        let fail = |message: String| ParseError {
            line: line_no,
            message,
        };
        let line = raw.trim_end();
        if line.trim_start().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        if !seen_header {
            if line != HEADER {
                return Err(fail(format!(
                    "expected `{HEADER}` as the first line, found `{line}`"
                )));
            }
            seen_header = true;
            continue;
        }
        if let Some(id) = line.strip_prefix("contract ") {
            let (key, version) = id
                .rsplit_once('@')
                .ok_or_else(|| fail(format!("`{id}` is not `key@version`")))?;
            entries.push(new_entry(key, version, line_no));
            continue;
        }
        let Some(fact) = line.strip_prefix("  ") else {
            return Err(fail(format!("unexpected line `{line}`")));
        };
        let entry = entries
            .last_mut()
            .ok_or_else(|| fail("a fact before the first `contract` line".to_owned()))?;
        read_fact(entry, fact).map_err(fail)?;
    }
    if !seen_header {
        return Err(ParseError {
            line: 1,
            message: format!("expected `{HEADER}` as the first line"),
        });
    }
    Ok(entries)
}

fn new_entry(key: &str, version: &str, line: usize) -> Entry {
    Entry {
        key: key.to_owned(),
        version: version.to_owned(),
        kind: ContractKind::Command,
        stability: Stability::Stable,
        capability_kind: None,
        auth: None,
        idempotent: None,
        http: None,
        mcp_tool: None,
        graphql_field: None,
        capability: None,
        emits: Vec::new(),
        errors: Vec::new(),
        provides: Vec::new(),
        requires: Vec::new(),
        messages: Vec::new(),
        fingerprints: None,
        origin: Origin::Lock {
            line: u32::try_from(line).unwrap_or(u32::MAX),
        },
    }
}

fn read_fact(entry: &mut Entry, fact: &str) -> Result<(), String> {
    for role in Role::ALL {
        if let Some(rest) = fact.strip_prefix(role.as_lowercase()) {
            if rest.starts_with(['.', '?', ':']) {
                let field = parse_field(rest)?;
                match entry.messages.iter_mut().find(|m| m.role == role) {
                    Some(message) => message.fields.push(field),
                    None => entry.messages.push(Message {
                        role,
                        fields: vec![field],
                    }),
                }
                return Ok(());
            }
        }
    }
    let (word, value) = fact.split_once(' ').unwrap_or((fact, ""));
    let value = value.to_owned();
    match word {
        "kind" => {
            entry.kind = ContractKind::parse(&value).ok_or(format!("unknown kind `{value}`"))?
        }
        "stability" => {
            entry.stability =
                Stability::parse(&value).ok_or(format!("unknown stability `{value}`"))?
        }
        "capability-kind" => entry.capability_kind = Some(value),
        "auth" => {
            entry.auth = Some(
                [Auth::Anonymous, Auth::User, Auth::Admin]
                    .into_iter()
                    .find(|a| a.as_str() == value)
                    .ok_or(format!("unknown auth `{value}`"))?,
            )
        }
        "idempotent" => {
            entry.idempotent = Some(
                value
                    .parse()
                    .map_err(|_| format!("`{value}` is not a boolean"))?,
            )
        }
        "http" => {
            let (method, path) = value
                .split_once(' ')
                .ok_or(format!("`{value}` is not `METHOD /path`"))?;
            entry.http = Some((method.to_owned(), path.to_owned()));
        }
        "fingerprint" => {
            entry.fingerprints =
                Some(contracts_syntax::parse_fingerprints(&value).map_err(|e| e.to_string())?)
        }
        "mcp" => entry.mcp_tool = Some(value),
        "graphql" => entry.graphql_field = Some(value),
        "capability" => entry.capability = Some(value),
        "emits" => entry.emits.push(value),
        "error" => {
            let (code, status) = value
                .split_once(' ')
                .ok_or(format!("`{value}` is not `CODE STATUS`"))?;
            let status = status
                .parse()
                .map_err(|_| format!("`{status}` is not an HTTP status"))?;
            entry.errors.push((code.to_owned(), status));
        }
        "provides" => {
            let (surface, target) = value
                .split_once(' ')
                .ok_or(format!("`{value}` is not `SURFACE key@version`"))?;
            entry.provides.push((surface.to_owned(), target.to_owned()));
        }
        "requires" => match value.strip_suffix(" optional") {
            Some(target) => entry.requires.push((target.to_owned(), true)),
            None => entry.requires.push((value, false)),
        },
        _ => return Err(format!("unknown fact `{word}`")),
    }
    Ok(())
}

/// Reads `.a."b c"?: String[] closed` (the part of a field line after the role).
fn parse_field(mut rest: &str) -> Result<Field, String> {
    let mut path = Vec::new();
    while let Some(after_dot) = rest.strip_prefix('.') {
        if after_dot.starts_with('"') {
            let end = quoted_end(after_dot).ok_or("an unterminated quoted name")?;
            let name: String = serde_json::from_str(&after_dot[..end])
                .map_err(|e| format!("a malformed quoted name: {e}"))?;
            path.push(name);
            rest = &after_dot[end..];
        } else {
            let end = after_dot
                .find(['.', '?', ':'])
                .ok_or("a field path without `:`")?;
            path.push(after_dot[..end].to_owned());
            rest = &after_dot[end..];
        }
    }
    let optional = rest.starts_with('?');
    if optional {
        rest = &rest[1..];
    }
    let mut ty_text = rest
        .strip_prefix(": ")
        .ok_or(format!("expected `: TYPE`, found `{rest}`"))?;
    let closed = match ty_text.strip_suffix(" closed") {
        Some(stripped) => {
            ty_text = stripped;
            true
        }
        None => false,
    };
    let list = match ty_text.strip_suffix("[]") {
        Some(stripped) => {
            ty_text = stripped;
            true
        }
        None => false,
    };
    let ty = if ty_text == "object" {
        Ty::Object
    } else if let Some(name) = ty_text.strip_prefix("recursive ") {
        Ty::Recursive(name.to_owned())
    } else if let Some(values) = ty_text
        .strip_prefix("enum(")
        .and_then(|v| v.strip_suffix(')'))
    {
        Ty::Enum(
            serde_json::from_str(&format!("[{values}]"))
                .map_err(|e| format!("malformed enum values `{values}`: {e}"))?,
        )
    } else if !ty_text.is_empty() && !ty_text.contains(' ') {
        Ty::Named(ty_text.to_owned())
    } else {
        return Err(format!("unknown type `{ty_text}`"));
    };
    Ok(Field {
        path,
        optional,
        list,
        ty,
        closed,
    })
}

/// The byte index just past the closing quote of the JSON string `text` starts with.
fn quoted_end(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_lines_read_back() {
        let lines = [
            ": object closed",
            ".a?: String[]",
            ".\"odd name.x\".b: enum(\"x\", \"y z\")",
            ".node: recursive Node[]",
            ".m?: Map",
        ];
        for line in lines {
            let field = parse_field(line).unwrap();
            assert_eq!(field_line(Role::Input, &field), format!("input{line}"));
        }
        assert!(parse_field(".a: two words").is_err());
        assert!(parse_field(".a String").is_err());
    }

    #[test]
    fn malformed_files_name_the_line() {
        let error = parse("contracts-lock 1\n\ncontract a.b@1.0.0\n  kind nonsense\n").unwrap_err();
        assert_eq!(error.line, 4);
        assert_eq!(error.message, "unknown kind `nonsense`");
        let error = parse("contracts-lock 2\n").unwrap_err();
        assert_eq!(error.line, 1);
        let error = parse("contracts-lock 1\n  kind command\n").unwrap_err();
        assert_eq!(error.message, "a fact before the first `contract` line");
    }
}
