//! Content addressing: a canonical JSON text and its SHA-256.
//!
//! The canonical text of a JSON value is its compact serialization with the members of every
//! object sorted by key (by UTF-8 bytes): two values that are equal as JSON have the same text,
//! whatever the order their members were built or parsed in. Strings and numbers are written as
//! `serde_json` writes them.

use serde_json::Value;
use sha2::{Digest, Sha256};

/// The canonical JSON text of `value`.
///
/// ```
/// use contracts_reference::canonical::canonical_json;
/// use serde_json::json;
///
/// let a = json!({"b": [1, {"y": true, "x": null}], "a": "é"});
/// assert_eq!(canonical_json(&a), r#"{"a":"é","b":[1,{"x":null,"y":true}]}"#);
/// ```
pub fn canonical_json(value: &Value) -> String {
    let mut out = String::new();
    write(value, &mut out);
    out
}

/// The SHA-256 of the canonical JSON text of `value`, as 64 lowercase hex digits.
///
/// ```
/// use contracts_reference::canonical::content_hash;
/// use serde_json::json;
///
/// let one = content_hash(&json!({"a": 1, "b": 2}));
/// assert_eq!(one, content_hash(&json!({"b": 2, "a": 1})));
/// assert_ne!(one, content_hash(&json!({"a": 1, "b": 3})));
/// assert_eq!(one.len(), 64);
/// ```
pub fn content_hash(value: &Value) -> String {
    let digest = Sha256::digest(canonical_json(value).as_bytes());
    let mut hex = String::with_capacity(64);
    for byte in digest.iter() {
        hex.push(char::from(HEX[usize::from(byte >> 4)]));
        hex.push(char::from(HEX[usize::from(byte & 0x0f)]));
    }
    hex
}

const HEX: &[u8; 16] = b"0123456789abcdef";

fn write(value: &Value, out: &mut String) {
    match value {
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            let mut members: Vec<(&String, &Value)> = map.iter().collect();
            members.sort_unstable_by(|(a, _), (b, _)| a.as_bytes().cmp(b.as_bytes()));
            out.push('{');
            for (i, (key, member)) in members.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_scalar(&Value::String(key.clone()), out);
                out.push(':');
                write(member, out);
            }
            out.push('}');
        }
        scalar => write_scalar(scalar, out),
    }
}

fn write_scalar(value: &Value, out: &mut String) {
    // Serializing a scalar `Value` cannot fail.
    out.push_str(&serde_json::to_string(value).unwrap_or_default());
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn known_digest() {
        // printf '{"a":1}' | sha256sum
        assert_eq!(
            content_hash(&json!({"a": 1})),
            "015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862"
        );
    }

    #[test]
    fn escapes_and_nesting() {
        let value = json!({"z": {"q\"": "line\nbreak", "a": [[], {}]}, "m": 1.5});
        assert_eq!(
            canonical_json(&value),
            r#"{"m":1.5,"z":{"a":[[],{}],"q\"":"line\nbreak"}}"#
        );
    }
}
