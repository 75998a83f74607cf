//! The input of a query, from the query string: the parameters the OpenAPI document lists
//! ([`contracts_export::openapi::query_input`]).

use contracts_export::openapi::{FieldStyle, JsonTypes, QueryInput};
use serde::de::IgnoredAny;
use std::borrow::Cow;

/// How a query's input is read from the query string.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum QueryPlan {
    /// One parameter per top-level field (sorted by name); `?input=<json>` (when no field is
    /// named `input`) gives the whole input instead.
    Fields(Vec<(String, FieldStyle)>),
    /// The input is not an object with fields: only `?input=<json>`.
    WholeInput,
}

/// Why a query string is not an input: the detail of a `400 BAD_REQUEST`.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct QueryError(pub(crate) String);

impl QueryPlan {
    /// The plan of a query whose input travels as `input` says (as the OpenAPI document lists
    /// its parameters).
    pub(crate) fn new(input: QueryInput) -> QueryPlan {
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
    pub(crate) fn read(&self, query: &str) -> Result<String, QueryError> {
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
fn write_string(json: &mut Vec<u8>, text: &str) {
    serde_json::to_writer(json, text).expect("a string serializes");
}

/// Writes the JSON value of a parameter's text: the string if strings are allowed, else the
/// first of integer, number, boolean and null that the text spells, else the string (for the
/// input's type to refuse with the field's path).
fn write_typed(types: JsonTypes, json: &mut Vec<u8>, text: &str) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use contracts_export::openapi::QueryField;
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
}
