//! Turning JSON input into an operation's input type, with the path of the first problem.

use crate::failure::Failure;
use contracts_core::decode::Strict;
use contracts_core::wire::FailureCode;
use contracts_core::wire::Issue;
use serde::de::{DeserializeOwned, IgnoredAny};

/// The JSON input of a dynamic call: text (parsed here) or an already parsed value.
///
/// Built with `.into()` from `&[u8]`, `&str`, `&String`, `&Vec<u8>` or `&serde_json::Value`.
///
/// ```
/// use contracts_runtime::JsonInput;
///
/// let bytes: JsonInput<'_> = br#"{"name": "Ada"}"#.as_slice().into();
/// let value = serde_json::json!({"name": "Ada"});
/// let parsed: JsonInput<'_> = (&value).into();
/// # let _ = (bytes, parsed);
/// ```
#[derive(Clone, Copy, Debug)]
pub enum JsonInput<'a> {
    /// JSON text: malformed text is `BAD_REQUEST`.
    Bytes(&'a [u8]),
    /// A parsed JSON value.
    Value(&'a serde_json::Value),
}

impl<'a> From<&'a [u8]> for JsonInput<'a> {
    fn from(bytes: &'a [u8]) -> Self {
        JsonInput::Bytes(bytes)
    }
}

impl<'a, const N: usize> From<&'a [u8; N]> for JsonInput<'a> {
    fn from(bytes: &'a [u8; N]) -> Self {
        JsonInput::Bytes(bytes)
    }
}

impl<'a> From<&'a Vec<u8>> for JsonInput<'a> {
    fn from(bytes: &'a Vec<u8>) -> Self {
        JsonInput::Bytes(bytes)
    }
}

impl<'a> From<&'a str> for JsonInput<'a> {
    fn from(text: &'a str) -> Self {
        JsonInput::Bytes(text.as_bytes())
    }
}

impl<'a> From<&'a String> for JsonInput<'a> {
    fn from(text: &'a String) -> Self {
        JsonInput::Bytes(text.as_bytes())
    }
}

impl<'a> From<&'a serde_json::Value> for JsonInput<'a> {
    fn from(value: &'a serde_json::Value) -> Self {
        JsonInput::Value(value)
    }
}

/// Deserializes `input` as `T`; if `object` (the input is a struct), the JSON must be an
/// object, as its schema says (serde would also accept an array of the fields in order).
///
/// The fast path is plain serde; only when it fails is the input read again, tracking the
/// path, to report where. Malformed text is `BAD_REQUEST`; JSON that does not match `T`
/// (missing, unknown or mistyped fields, refused values) is `VALIDATION_FAILED` with an issue.
#[inline]
pub(crate) fn decode<T: DeserializeOwned, E>(
    input: JsonInput<'_>,
    object: bool,
) -> Result<T, Failure<E>> {
    match input {
        JsonInput::Bytes(bytes) => {
            // Returned as it is decoded: the value is not moved through the failures' cases.
            let found = if object { kind_of_text(bytes) } else { None };
            let refusal = match found {
                None => match strict_from_slice(bytes) {
                    Ok(value) => return Ok(value),
                    Err(error) => Refusal::Invalid(error),
                },
                Some(found) => Refusal::NotAnObject(found),
            };
            Err(refused_text::<T, E>(bytes, refusal))
        }
        JsonInput::Value(value) => {
            if object && !value.is_object() {
                return Err(invalid(not_an_object(kind_of_value(value))));
            }
            match T::deserialize(Strict::new(value)) {
                Ok(value) => Ok(value),
                Err(error) => Err(invalid(issue_in_value::<T>(value, error))),
            }
        }
    }
}

/// Why JSON text was refused, before its syntax is checked.
enum Refusal {
    /// It is not an object, but this.
    NotAnObject(&'static str),
    /// It does not decode.
    Invalid(serde_json::Error),
}

/// The failure of JSON text that was refused: `BAD_REQUEST` if it is malformed (a type error
/// can come before a syntax error further on: the syntax decides between the two), or
/// `VALIDATION_FAILED`.
#[cold]
fn refused_text<T: DeserializeOwned, E>(bytes: &[u8], refusal: Refusal) -> Failure<E> {
    if let Err(syntax) = serde_json::from_slice::<IgnoredAny>(bytes) {
        return malformed(syntax);
    }
    match refusal {
        Refusal::NotAnObject(found) => invalid(not_an_object(found)),
        Refusal::Invalid(error) => invalid(issue_in_bytes::<T>(bytes, error)),
    }
}

/// Deserializes strictly (see [`contracts_core::decode`]): no array for a struct, no `null`
/// for an optional field, no trailing data.
#[inline]
fn strict_from_slice<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, serde_json::Error> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let value = T::deserialize(Strict::new(&mut deserializer))?;
    deserializer.end()?;
    Ok(value)
}

/// What JSON text holds, if not an object.
#[inline]
fn kind_of_text(bytes: &[u8]) -> Option<&'static str> {
    match bytes.iter().find(|b| !b.is_ascii_whitespace())? {
        b'{' => None,
        b'[' => Some("sequence"),
        b'"' => Some("string"),
        b't' | b'f' => Some("boolean"),
        b'n' => Some("null"),
        _ => Some("number"),
    }
}

fn kind_of_value(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "boolean",
        serde_json::Value::Number(_) => "number",
        serde_json::Value::String(_) => "string",
        serde_json::Value::Array(_) => "sequence",
        serde_json::Value::Object(_) => "map",
    }
}

#[cold]
fn malformed<E>(error: serde_json::Error) -> Failure<E> {
    Failure::standard(FailureCode::BadRequest)
        .with_detail(format!("the input is not valid JSON: {error}"))
}

#[cold]
fn not_an_object(found: &'static str) -> Issue {
    Issue {
        path: ".".to_owned(),
        code: "invalid_type",
        message: format!("invalid type: {found}, expected an object"),
    }
}

#[cold]
fn invalid<E>(issue: Issue) -> Failure<E> {
    let detail = if issue.path == "." {
        format!("the input is invalid: {}", issue.message)
    } else {
        format!(
            "the input is invalid at `{}`: {}",
            issue.path, issue.message
        )
    };
    Failure::standard(FailureCode::ValidationFailed)
        .with_detail(detail)
        .with_issue(issue)
}

#[cold]
fn issue_in_bytes<T: DeserializeOwned>(bytes: &[u8], fallback: serde_json::Error) -> Issue {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    match serde_path_to_error::deserialize::<_, T>(Strict::new(&mut deserializer)) {
        Err(error) => issue_of(error),
        Ok(_) => issue(String::new(), &fallback),
    }
}

#[cold]
fn issue_in_value<T: DeserializeOwned>(
    value: &serde_json::Value,
    fallback: serde_json::Error,
) -> Issue {
    match serde_path_to_error::deserialize::<_, T>(Strict::new(value)) {
        Err(error) => issue_of(error),
        Ok(_) => issue(String::new(), &fallback),
    }
}

fn issue_of(error: serde_path_to_error::Error<serde_json::Error>) -> Issue {
    let path = error.path().to_string();
    let path = if path == "." { String::new() } else { path };
    issue(path, error.inner())
}

/// The issue at `path` (empty for the whole input), naming the missing or unknown field in
/// the path.
fn issue(mut path: String, error: &serde_json::Error) -> Issue {
    let message = without_position(error);
    let code = classify(&message);
    if let Some(field) = named_field(&message) {
        if code == "missing_field" || !path_ends_with(&path, field) {
            if !path.is_empty() {
                path.push('.');
            }
            path.push_str(field);
        }
    }
    if path.is_empty() {
        path.push('.');
    }
    Issue {
        path,
        code,
        message,
    }
}

/// The field a `missing field` or `unknown field` message names.
fn named_field(message: &str) -> Option<&str> {
    let rest = message
        .strip_prefix("missing field `")
        .or_else(|| message.strip_prefix("unknown field `"))?;
    rest.split_once('`').map(|(field, _)| field)
}

fn path_ends_with(path: &str, field: &str) -> bool {
    path == field || path.ends_with(&format!(".{field}"))
}

fn classify(message: &str) -> &'static str {
    const CODES: [(&str, &str); 7] = [
        ("null is not allowed", "null_not_allowed"),
        ("missing field", "missing_field"),
        ("unknown field", "unknown_field"),
        ("invalid type", "invalid_type"),
        ("invalid value", "invalid_value"),
        ("invalid length", "invalid_length"),
        ("unknown variant", "unknown_variant"),
    ];
    CODES
        .iter()
        .find(|(prefix, _)| message.starts_with(prefix))
        .map_or("invalid", |(_, code)| code)
}

/// The message of a serde_json error without its ` at line L column C` suffix.
fn without_position(error: &serde_json::Error) -> String {
    let message = error.to_string();
    if error.line() == 0 {
        return message;
    }
    let suffix = format!(" at line {} column {}", error.line(), error.column());
    match message.strip_suffix(&suffix) {
        Some(stripped) => stripped.to_owned(),
        None => message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use serde_json::json;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Outer {
        name: String,
        items: Vec<Inner>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Inner {
        count: u32,
    }

    fn issue_of_bytes(text: &str) -> Issue {
        let failure = decode::<Outer, crate::NoErrors>(JsonInput::Bytes(text.as_bytes()), true)
            .expect_err("invalid");
        assert_eq!(failure.standard_code(), Some(FailureCode::ValidationFailed));
        failure.issues()[0].clone()
    }

    fn issue_of_value(value: serde_json::Value) -> Issue {
        let failure =
            decode::<Outer, crate::NoErrors>(JsonInput::Value(&value), true).expect_err("invalid");
        failure.issues()[0].clone()
    }

    #[test]
    fn paths_name_the_offending_field() {
        for (text, path, code) in [
            (r#"{"items": []}"#, "name", "missing_field"),
            (
                r#"{"name": "a", "items": [{}]}"#,
                "items[0].count",
                "missing_field",
            ),
            (
                r#"{"name": "a", "items": [], "extra": 1}"#,
                "extra",
                "unknown_field",
            ),
            (
                r#"{"name": "a", "items": [{"count": 1}, {"count": 1, "x": 2}]}"#,
                "items[1].x",
                "unknown_field",
            ),
            (r#"{"name": 3, "items": []}"#, "name", "invalid_type"),
            (
                r#"{"name": "a", "items": [{"count": -1}]}"#,
                "items[0].count",
                "invalid_value",
            ),
            (r#"["a", []]"#, ".", "invalid_type"),
            (r#"null"#, ".", "invalid_type"),
        ] {
            let issue = issue_of_bytes(text);
            assert_eq!((issue.path.as_str(), issue.code), (path, code), "{text}");
            assert!(!issue.message.contains(" at line "), "{}", issue.message);
            let issue = issue_of_value(serde_json::from_str(text).unwrap());
            assert_eq!((issue.path.as_str(), issue.code), (path, code), "{text}");
        }
    }

    #[test]
    fn malformed_text_is_a_bad_request() {
        for text in [
            "",
            "{",
            "[1,",
            r#"{"name": "a",}"#,
            r#"{"name": "a", "items": []} x"#,
        ] {
            let failure = decode::<Outer, crate::NoErrors>(JsonInput::Bytes(text.as_bytes()), true)
                .expect_err("malformed");
            assert_eq!(
                failure.standard_code(),
                Some(FailureCode::BadRequest),
                "{text}"
            );
        }
        let ok: Outer = decode::<Outer, crate::NoErrors>(
            JsonInput::Value(&json!({"name": "a", "items": [{"count": 2}]})),
            true,
        )
        .unwrap();
        assert_eq!(ok.items[0].count, 2);
    }
}
