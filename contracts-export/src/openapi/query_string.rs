//! A query's input in a query string, both ways: what a server reads ([`QueryPlan::read`]) and
//! what a client writes ([`QueryPlan::write`]), from the parameters the document lists
//! ([`query_input`](super::query_input)). One plan, so that a client and a server built from
//! the same registry cannot disagree.

use super::parameters::{FieldStyle, JsonTypes, QueryInput};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC};
use serde::de::IgnoredAny;
use serde_json::Value;
use std::borrow::Cow;
use std::fmt::Write as _;

/// How a query's input travels in a query string: read by a server, written by a client.
///
/// ```
/// use contracts_control_plane::CONTROL_PLANE;
/// use contracts_export::json_schema::Schemas;
/// use contracts_export::openapi::{query_input, QueryPlan};
/// use serde_json::json;
///
/// let schemas = Schemas::new(&CONTROL_PLANE);
/// let get = CONTROL_PLANE.get("controlPlane.execution.get", "1.0.0").unwrap();
/// let plan = QueryPlan::new(query_input(&schemas, get.as_operation().unwrap()).unwrap());
/// let input = json!({ "executionId": "exec 1" });
/// let query = plan.write(&input).unwrap();
/// assert_eq!(query, "executionId=exec%201");
/// let read: serde_json::Value = serde_json::from_str(&plan.read(&query).unwrap()).unwrap();
/// assert_eq!(read, input);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QueryPlan {
    /// One parameter per top-level field (sorted by name); `?input=<json>` (when no field is
    /// named `input`) gives the whole input instead.
    Fields(Vec<(String, FieldStyle)>),
    /// The input is not an object with fields: only `?input=<json>`.
    WholeInput,
}

/// Why a query string is not an input (the detail of a server's `400 BAD_REQUEST`), or an input
/// cannot be written as a query string.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueryError(pub String);

impl core::fmt::Display for QueryError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for QueryError {}

impl QueryPlan {
    /// The plan of a query whose input travels as `input` says (as the OpenAPI document lists
    /// its parameters).
    pub fn new(input: QueryInput) -> QueryPlan {
        match input {
            QueryInput::Whole => QueryPlan::WholeInput,
            QueryInput::Fields(fields) => {
                // Sorted by name already; sorted again, as `field` searches by name.
                let mut fields: Vec<(String, FieldStyle)> =
                    fields.into_iter().map(|f| (f.name, f.style)).collect();
                fields.sort_by(|a, b| a.0.cmp(&b.0));
                QueryPlan::Fields(fields)
            }
        }
    }

    /// Reads a query string (still percent-encoded, without the `?`) into the input, as JSON
    /// text for the runtime to decode.
    pub fn read(&self, query: &str) -> Result<String, QueryError> {
        let mut pairs = parse(query);
        let fields = match self {
            QueryPlan::WholeInput => {
                return match pairs.as_slice() {
                    [(name, text)] if name == "input" => Ok(text.clone().into_owned()),
                    [] => Err(QueryError(
                        "the input is missing: pass it as `?input=<json>`".to_owned(),
                    )),
                    _ => match pairs.iter().find(|(name, _)| name != "input") {
                        Some((name, _)) => Err(QueryError(format!(
                            "unexpected query parameter `{name}`: pass the whole input as `?input=<json>`"
                        ))),
                        None => Err(QueryError("`input` is given more than once".to_owned())),
                    },
                };
            }
            QueryPlan::Fields(fields) => fields,
        };
        if field(fields, "input").is_none() && pairs.iter().any(|(name, _)| name == "input") {
            return match pairs.as_slice() {
                [(_, text)] => Ok(text.clone().into_owned()),
                _ => Err(QueryError(
                    match pairs.iter().find(|(name, _)| name != "input") {
                        Some((name, _)) => format!(
                            "`input` gives the whole input: it cannot be combined with `{name}`"
                        ),
                        None => "`input` is given more than once".to_owned(),
                    },
                )),
            };
        }
        // Values of the same name side by side (stable: in the order given).
        if pairs.windows(2).any(|w| w[0].0 >= w[1].0) {
            pairs.sort_by(|a, b| a.0.cmp(&b.0));
        }
        let mut json = Vec::with_capacity(query.len() + 2 + 4 * pairs.len());
        json.push(b'{');
        let mut rest = pairs.as_slice();
        while let Some((name, _)) = rest.first() {
            let count = rest.iter().take_while(|(n, _)| n == name).count();
            let (group, after) = rest.split_at(count);
            rest = after;
            if json.len() > 1 {
                json.push(b',');
            }
            write_string(&mut json, name);
            json.push(b':');
            let param = field(fields, name);
            let list = matches!(param, Some(FieldStyle::List(_))) || group.len() > 1;
            if list {
                // A list, or a scalar given more than once: a list, which the input's type
                // refuses with the field's path.
                json.push(b'[');
            }
            for (index, (_, value)) in group.iter().enumerate() {
                if index > 0 {
                    json.push(b',');
                }
                match param {
                    Some(FieldStyle::Scalar(types) | FieldStyle::List(types)) => {
                        write_typed(types, &mut json, value)
                    }
                    Some(FieldStyle::Json) => {
                        if let Err(error) = serde_json::from_str::<IgnoredAny>(value) {
                            return Err(QueryError(format!(
                                "query parameter `{name}` is not valid JSON: {error}"
                            )));
                        }
                        json.extend_from_slice(value.trim().as_bytes());
                    }
                    // Not a field: kept as text, for the input's own rules to refuse (an
                    // unknown field) or ignore.
                    None => write_string(&mut json, value),
                }
            }
            if list {
                json.push(b']');
            }
        }
        json.push(b'}');
        Ok(String::from_utf8(json).expect("JSON written from text is text"))
    }

    /// Writes `input` (the input as JSON) as a query string, without the `?`: one parameter per
    /// field, as [`read`](QueryPlan::read) reads them back to the same JSON, or, when a value
    /// would not read back as it is (a number in a field that also takes strings, an empty
    /// list, a `null`), the whole input as `input=<json>`.
    ///
    /// Fails only when the whole input is needed and a field is named `input`.
    pub fn write(&self, input: &Value) -> Result<String, QueryError> {
        let fields = match (self, input) {
            (QueryPlan::Fields(fields), Value::Object(object)) => {
                let mut query = String::with_capacity(16 * object.len());
                if write_fields(fields, object, &mut query) {
                    return Ok(query);
                }
                fields
            }
            (QueryPlan::Fields(fields), _) => fields,
            (QueryPlan::WholeInput, _) => return Ok(whole(input)),
        };
        if field(fields, "input").is_some() {
            return Err(QueryError(
                "the input cannot be written field by field, and its field `input` hides the whole-input parameter"
                    .to_owned(),
            ));
        }
        Ok(whole(input))
    }
}

/// The parameter of field `name`.
fn field(fields: &[(String, FieldStyle)], name: &str) -> Option<FieldStyle> {
    fields
        .binary_search_by(|(field, _)| field.as_str().cmp(name))
        .ok()
        .map(|index| fields[index].1)
}

/// The name-value pairs of a query string, as `application/x-www-form-urlencoded` reads them
/// (`+` is a space, `%XX` a byte, invalid UTF-8 replaced), borrowing what needs no decoding.
fn parse(query: &str) -> Vec<(Cow<'_, str>, Cow<'_, str>)> {
    let mut pairs = Vec::with_capacity(8);
    for part in query.split('&').filter(|part| !part.is_empty()) {
        let (name, value) = part.split_once('=').unwrap_or((part, ""));
        pairs.push((decode(name), decode(value)));
    }
    pairs
}

/// A form-urlencoded text, decoded.
fn decode(text: &str) -> Cow<'_, str> {
    if !text.bytes().any(|b| b == b'%' || b == b'+') {
        return Cow::Borrowed(text);
    }
    let bytes: Vec<u8> = text
        .bytes()
        .map(|b| if b == b'+' { b' ' } else { b })
        .collect();
    let decoded: Cow<'_, [u8]> = percent_encoding::percent_decode(&bytes).into();
    Cow::Owned(String::from_utf8_lossy(&decoded).into_owned())
}

/// Writes `text` as a JSON string.
pub(super) fn write_string(json: &mut Vec<u8>, text: &str) {
    serde_json::to_writer(json, text).expect("a string serializes");
}

/// Writes the JSON value of a parameter's text: the string if strings are allowed, else the
/// first of integer, number, boolean and null that the text spells, else the string (for the
/// input's type to refuse with the field's path).
pub(super) fn write_typed(types: JsonTypes, json: &mut Vec<u8>, text: &str) {
    use std::io::Write;
    if types.string {
        return write_string(json, text);
    }
    if types.integer || types.number {
        if let Ok(n) = text.parse::<i64>() {
            return write!(json, "{n}").expect("writing to a Vec");
        }
        if let Ok(n) = text.parse::<u64>() {
            return write!(json, "{n}").expect("writing to a Vec");
        }
        if types.number {
            if let Some(n) = text
                .parse::<f64>()
                .ok()
                .and_then(serde_json::Number::from_f64)
            {
                return write!(json, "{n}").expect("writing to a Vec");
            }
        }
    }
    if types.boolean && (text == "true" || text == "false") {
        return json.extend_from_slice(text.as_bytes());
    }
    if types.null && (text.is_empty() || text == "null") {
        return json.extend_from_slice(b"null");
    }
    write_string(json, text)
}

/// The characters a parameter's name or value keeps as they are: RFC 3986 unreserved.
const ENCODED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// `input=<json>`.
fn whole(input: &Value) -> String {
    let json = serde_json::to_string(input).expect("a JSON value serializes");
    let mut query = String::with_capacity(json.len() + 16);
    query.push_str("input=");
    push_encoded(&mut query, &json);
    query
}

pub(super) fn push_encoded(query: &mut String, text: &str) {
    write!(
        query,
        "{}",
        percent_encoding::utf8_percent_encode(text, ENCODED)
    )
    .expect("writing to a String");
}

/// Writes each field of `object` as its parameters; false if one would not read back as it is.
fn write_fields(
    fields: &[(String, FieldStyle)],
    object: &serde_json::Map<String, Value>,
    query: &mut String,
) -> bool {
    let mut pair = |name: &str, value: &str| {
        if !query.is_empty() {
            query.push('&');
        }
        push_encoded(query, name);
        query.push('=');
        push_encoded(query, value);
    };
    for (name, value) in object {
        // `input` is the whole input unless it is a field.
        if name == "input" && field(fields, name).is_none() {
            return false;
        }
        match (field(fields, name), value) {
            (Some(FieldStyle::Json), value) => pair(
                name,
                &serde_json::to_string(value).expect("a JSON value serializes"),
            ),
            (Some(FieldStyle::Scalar(types)), value) => match scalar_text(types, value) {
                Some(text) => pair(name, &text),
                None => return false,
            },
            // One item reads back as a list of one; none would read back as no field.
            (Some(FieldStyle::List(types)), Value::Array(items)) if !items.is_empty() => {
                for item in items {
                    match scalar_text(types, item) {
                        Some(text) => pair(name, &text),
                        None => return false,
                    }
                }
            }
            (None, Value::String(text)) => pair(name, text),
            _ => return false,
        }
    }
    true
}

/// The text of a scalar that [`write_typed`] reads back as `value`, if there is one.
fn scalar_text(types: JsonTypes, value: &Value) -> Option<Cow<'_, str>> {
    let text: Cow<'_, str> = match value {
        Value::String(text) => Cow::Borrowed(text.as_str()),
        Value::Number(n) => Cow::Owned(n.to_string()),
        Value::Bool(true) => Cow::Borrowed("true"),
        Value::Bool(false) => Cow::Borrowed("false"),
        Value::Null => Cow::Borrowed("null"),
        _ => return None,
    };
    let mut read = Vec::with_capacity(text.len() + 2);
    write_typed(types, &mut read, &text);
    let read: Value = serde_json::from_slice(&read).ok()?;
    (read == *value).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::openapi::QueryField;
    use serde_json::{json, Value};

    fn plan() -> QueryPlan {
        let types = |string, integer, number, boolean, null| JsonTypes {
            string,
            integer,
            number,
            boolean,
            null,
        };
        let field = |name: &str, style| QueryField {
            name: name.to_owned(),
            required: false,
            style,
        };
        QueryPlan::new(QueryInput::Fields(vec![
            field("filter", FieldStyle::Json),
            field(
                "ids",
                FieldStyle::List(types(false, true, false, false, false)),
            ),
            field(
                "limit",
                FieldStyle::Scalar(types(false, true, false, false, false)),
            ),
            field(
                "live",
                FieldStyle::Scalar(types(false, false, false, true, false)),
            ),
            field(
                "name",
                FieldStyle::Scalar(types(true, false, false, false, false)),
            ),
            field(
                "ratio",
                FieldStyle::Scalar(types(false, false, true, false, true)),
            ),
            field(
                "status",
                FieldStyle::Scalar(types(true, false, false, false, false)),
            ),
        ]))
    }

    fn read(query: &str) -> Value {
        serde_json::from_str(&plan().read(query).unwrap()).unwrap()
    }

    #[test]
    fn parameters_are_typed_by_the_schema() {
        assert_eq!(
            read("limit=10&ratio=0.5&live=true&name=42&status=done&ids=1&ids=2&filter=%7B%22a%22%3A1%7D"),
            json!({
                "limit": 10, "ratio": 0.5, "live": true, "name": "42", "status": "done",
                "ids": [1, 2], "filter": { "a": 1 },
            })
        );
        assert_eq!(
            read("ratio=null&limit=-3"),
            json!({ "ratio": null, "limit": -3 })
        );
        // Text that is not of the type stays text, for the input to refuse with its path.
        assert_eq!(
            read("limit=ten&live=yes"),
            json!({ "limit": "ten", "live": "yes" })
        );
        // A scalar given twice becomes a list; an unknown parameter stays text.
        assert_eq!(
            read("limit=1&limit=2&extra=1"),
            json!({ "limit": [1, 2], "extra": "1" })
        );
        assert_eq!(read("name=a+b%20c"), json!({ "name": "a b c" }));
        assert_eq!(
            read("na%6De=%E2%9C%93&&limit"),
            json!({ "name": "✓", "limit": "" })
        );
        assert_eq!(read("name=%FF"), json!({ "name": "\u{fffd}" }));
        assert_eq!(read(""), json!({}));
        // Interleaved repeats are grouped, in order.
        assert_eq!(
            read("ids=3&limit=1&ids=1"),
            json!({ "ids": [3, 1], "limit": 1 })
        );
        assert_eq!(read("name=%22q%22%5C"), json!({ "name": "\"q\"\\" }));
    }

    #[test]
    fn the_whole_input_as_json() {
        assert_eq!(
            plan().read("input=%7B%22limit%22%3A1%7D").unwrap(),
            r#"{"limit":1}"#
        );
        assert!(plan().read("input=%7B%7D&limit=1").is_err());
        let error = plan().read("filter=%7Bnope").unwrap_err();
        assert!(error.0.contains("`filter` is not valid JSON"), "{error:?}");
        let whole = QueryPlan::WholeInput;
        assert_eq!(whole.read("input=%5B1%5D").unwrap(), "[1]");
        assert!(whole.read("input=1&input=2").is_err());
        assert!(whole.read("").is_err());
        assert!(whole.read("other=1").is_err());
    }

    /// What a client writes, a server reads back as the same input; what cannot be written
    /// field by field goes whole.
    #[test]
    fn written_inputs_read_back() {
        let plan = plan();
        for input in [
            json!({}),
            json!({ "limit": 10, "ratio": 0.5, "live": true, "name": "42", "status": "a b+c&d=é" }),
            json!({ "ids": [1], "filter": { "a": [1, null] } }),
            json!({ "ids": [3, 1, 2], "extra": "text" }),
            json!({ "ratio": null }),
            // Would not read back field by field: go whole.
            json!({ "ids": [] }),
            json!({ "name": 42 }),
            json!({ "name": null }),
            json!({ "extra": 1 }),
            json!({ "input": "x" }),
            json!([1, 2]),
        ] {
            let query = plan.write(&input).unwrap();
            let read: Value = serde_json::from_str(&plan.read(&query).unwrap()).unwrap();
            assert_eq!(read, input, "{query}");
        }
        assert_eq!(
            plan.write(&json!({ "ids": [] })).unwrap(),
            "input=%7B%22ids%22%3A%5B%5D%7D"
        );
        assert_eq!(
            plan.write(&json!({ "ids": [1, 2] })).unwrap(),
            "ids=1&ids=2"
        );
        let whole = QueryPlan::WholeInput;
        assert_eq!(whole.write(&json!("x")).unwrap(), "input=%22x%22");
        let named_input = QueryPlan::new(QueryInput::Fields(vec![QueryField {
            name: "input".to_owned(),
            required: true,
            style: FieldStyle::Json,
        }]));
        assert!(named_input
            .write(&json!({ "input": 1, "other": 2 }))
            .is_err());
        assert_eq!(
            named_input.write(&json!({ "input": 1 })).unwrap(),
            "input=1"
        );
    }
}
