//! The JSON-RPC checks made before a message reaches rmcp, which drops what it cannot parse
//! without a word: a message that is not UTF-8 or not JSON is answered `-32700`, a
//! `tools/call` whose arguments are not an object, or are nested too deep, `-32602`.

use serde_json::{json, Value};

/// JSON-RPC's "Parse error".
pub const PARSE_ERROR: i64 = -32700;

/// JSON-RPC's "Invalid params".
pub const INVALID_PARAMS: i64 = -32602;

/// How deep the arguments of a tool call may nest (objects and arrays).
pub const MAX_ARGUMENT_DEPTH: usize = 64;

/// Why a message is refused: the JSON-RPC error response to send back.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Refusal {
    pub(crate) code: i64,
    pub(crate) response: Value,
}

impl Refusal {
    fn new(code: i64, id: Value, message: String) -> Refusal {
        Refusal {
            code,
            response: json!({
                "jsonrpc": "2.0",
                "id": id,
                "error": { "code": code, "message": message },
            }),
        }
    }

    /// The response, as one line of JSON (without the newline).
    pub(crate) fn to_line(&self) -> String {
        self.response.to_string()
    }
}

/// Checks one message; the refusal to answer if it is not one rmcp should see.
pub(crate) fn check(message: &[u8]) -> Result<(), Refusal> {
    let text = std::str::from_utf8(message).map_err(|error| {
        Refusal::new(
            PARSE_ERROR,
            Value::Null,
            format!("the message is not UTF-8: {error}"),
        )
    })?;
    let too_deep = depth(text.as_bytes()) > MAX_ARGUMENT_DEPTH + 2;
    let value: Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(_) if too_deep => return Err(deep(Value::Null)),
        Err(error) => {
            return Err(Refusal::new(
                PARSE_ERROR,
                Value::Null,
                format!("the message is not JSON: {error}"),
            ))
        }
    };
    let Some(object) = value.as_object() else {
        return Ok(());
    };
    let id = object.get("id").cloned().unwrap_or(Value::Null);
    if object.get("method").and_then(Value::as_str) != Some("tools/call") {
        return Ok(());
    }
    let params = match object.get("params") {
        Some(Value::Object(params)) => params,
        Some(_) => {
            return Err(Refusal::new(
                INVALID_PARAMS,
                id,
                "the params of tools/call must be an object".to_owned(),
            ))
        }
        None => return Ok(()),
    };
    match params.get("arguments") {
        None | Some(Value::Null) => Ok(()),
        Some(arguments @ Value::Object(_)) => {
            if value_depth(arguments) > MAX_ARGUMENT_DEPTH {
                Err(deep(id))
            } else {
                Ok(())
            }
        }
        Some(_) => Err(Refusal::new(
            INVALID_PARAMS,
            id,
            "the arguments of a tool call must be a JSON object".to_owned(),
        )),
    }
}

fn deep(id: Value) -> Refusal {
    Refusal::new(
        INVALID_PARAMS,
        id,
        format!("the arguments nest deeper than {MAX_ARGUMENT_DEPTH} levels"),
    )
}

/// The deepest nesting of objects and arrays in JSON text, strings skipped; read without
/// recursion, so any depth is measured.
fn depth(text: &[u8]) -> usize {
    let (mut depth, mut deepest, mut in_string, mut escaped) = (0usize, 0usize, false, false);
    for &byte in text {
        if in_string {
            match (escaped, byte) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'{' | b'[' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

/// The nesting of a parsed value: `1` for an empty object.
fn value_depth(value: &Value) -> usize {
    let mut deepest = 0;
    let mut stack = vec![(value, 1usize)];
    while let Some((value, level)) = stack.pop() {
        let children: Box<dyn Iterator<Item = &Value>> = match value {
            Value::Object(object) => Box::new(object.values()),
            Value::Array(array) => Box::new(array.iter()),
            _ => continue,
        };
        deepest = deepest.max(level);
        stack.extend(children.map(|child| (child, level + 1)));
    }
    deepest
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(message: &str) -> Option<(i64, Value)> {
        check(message.as_bytes())
            .err()
            .map(|r| (r.code, r.response["id"].clone()))
    }

    #[test]
    fn what_is_refused_and_with_which_code() {
        assert_eq!(code(r#"{"jsonrpc":"2.0","id":1,"method":"ping"}"#), None);
        assert_eq!(code("{not json"), Some((PARSE_ERROR, Value::Null)));
        assert_eq!(
            check(b"\xff\xfe").unwrap_err().code,
            PARSE_ERROR,
            "invalid UTF-8"
        );
        let call = |arguments: &str| {
            format!(
                r#"{{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{{"name":"t","arguments":{arguments}}}}}"#
            )
        };
        assert_eq!(code(&call(r#"{"a":[1,{"b":2}]}"#)), None);
        assert_eq!(code(&call("[1, 2]")), Some((INVALID_PARAMS, json!(7))));
        assert_eq!(code(&call("\"text\"")), Some((INVALID_PARAMS, json!(7))));
        let nested = |levels: usize| format!("{}{}", "[".repeat(levels), "]".repeat(levels));
        assert_eq!(
            code(&call(&format!(r#"{{"a":{}}}"#, nested(70)))),
            Some((INVALID_PARAMS, json!(7)))
        );
        // Deeper than serde_json parses: refused all the same, without an id to answer to.
        assert_eq!(
            code(&call(&format!(r#"{{"a":{}}}"#, nested(500)))),
            Some((INVALID_PARAMS, Value::Null))
        );
        // Brackets in strings are text.
        assert_eq!(
            code(&call(&format!(r#"{{"a":"{}"}}"#, "[".repeat(200)))),
            None
        );
    }
}
