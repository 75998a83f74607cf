//! How names, literals and doc comments are spelled in TypeScript.

use serde_json::Value;
use std::borrow::Cow;
use std::fmt::Write as _;

/// Whether `name` is a TypeScript identifier made of ASCII (`[A-Za-z_$][A-Za-z0-9_$]*`), which
/// a property can be named by without quotes.
pub(crate) fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}

/// A property name as written in an object type: bare when it is an identifier, else a string
/// literal (`"content-type"`).
pub(crate) fn property_key(name: &str) -> Cow<'_, str> {
    if is_identifier(name) {
        Cow::Borrowed(name)
    } else {
        Cow::Owned(string_literal(name))
    }
}

/// A string literal. JSON's escaping is valid TypeScript.
pub(crate) fn string_literal(text: &str) -> String {
    serde_json::to_string(text).expect("a string serializes")
}

/// A JSON value as a TypeScript literal type: JSON text is a valid type expression (a string,
/// number, `true`, `false` or `null` literal type, an object type of literal members, a tuple of
/// literals).
pub(crate) fn literal_type(value: &Value) -> String {
    serde_json::to_string(value).expect("a JSON value serializes")
}

/// Writes `text` as a JSDoc comment at `indent` levels of two spaces: one line when it fits on
/// one, else one ` * ` line per line. Nothing when `text` is blank.
pub(crate) fn doc_comment(out: &mut String, indent: usize, text: &str) {
    let text = text.trim();
    if text.is_empty() {
        return;
    }
    // `*/` would end the comment early.
    let text = text.replace("*/", "*\\/");
    let pad = "  ".repeat(indent);
    if !text.contains('\n') {
        let _ = writeln!(out, "{pad}/** {text} */");
        return;
    }
    let _ = writeln!(out, "{pad}/**");
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            let _ = writeln!(out, "{pad} *");
        } else {
            let _ = writeln!(out, "{pad} * {line}");
        }
    }
    let _ = writeln!(out, "{pad} */");
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn names_are_quoted_only_when_needed() {
        assert_eq!(property_key("runId"), "runId");
        assert_eq!(property_key("$ref"), "$ref");
        assert_eq!(property_key("content-type"), "\"content-type\"");
        assert_eq!(property_key("2fa"), "\"2fa\"");
        assert_eq!(property_key(""), "\"\"");
        assert_eq!(property_key("naïve"), "\"naïve\"");
        assert_eq!(string_literal("a\"b\\c\n"), r#""a\"b\\c\n""#);
    }

    #[test]
    fn literal_types_are_json() {
        assert_eq!(literal_type(&json!("on")), "\"on\"");
        assert_eq!(literal_type(&json!(3)), "3");
        assert_eq!(literal_type(&json!(null)), "null");
        assert_eq!(literal_type(&json!({"a": [1, true]})), "{\"a\":[1,true]}");
    }

    #[test]
    fn doc_comments_never_end_early() {
        let mut out = String::new();
        doc_comment(&mut out, 1, "One line with */ inside.");
        doc_comment(&mut out, 0, "First.\n\nThird.  ");
        doc_comment(&mut out, 0, "  \n ");
        assert_eq!(
            out,
            "  /** One line with *\\/ inside. */\n/**\n * First.\n *\n * Third.\n */\n"
        );
    }
}
