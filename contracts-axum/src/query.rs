//! The input of a query, from the query string: the parameters the OpenAPI document lists.

use serde::de::IgnoredAny;
use serde_json::Value;
use std::borrow::Cow;

/// The JSON types a scalar parameter may take, to read its text as the right one.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Types {
    string: bool,
    integer: bool,
    number: bool,
    boolean: bool,
    null: bool,
}

/// How one query parameter becomes a field of the input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Param {
    /// A scalar, in the form style: `?limit=10`.
    Scalar(Types),
    /// A list of scalars, in the form style with explode: `?ids=a&ids=b`.
    List(Types),
    /// Anything else, as JSON text: `?filter={"status":"running"}`.
    Json,
}

/// How a query's input is read from the query string.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum QueryPlan {
    /// One parameter per top-level field (sorted by name); `?input=<json>` (when no field is
    /// named `input`) gives the whole input instead.
    Fields(Vec<(String, Param)>),
    /// The input is not an object with fields: only `?input=<json>`.
    WholeInput,
}

/// Why a query string is not an input: the detail of a `400 BAD_REQUEST`.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct QueryError(pub(crate) String);

impl QueryPlan {
    /// The plan of the operation at `path`, from the `parameters` of its `GET` in an OpenAPI
    /// document made by `contracts_export::openapi`.
    pub(crate) fn from_openapi(document: &Value, path: &str) -> QueryPlan {
        let schemas = &document["components"]["schemas"];
        let empty = Vec::new();
        let parameters = document["paths"][path]["get"]["parameters"]
            .as_array()
            .unwrap_or(&empty);
        let is_whole = |p: &Value| p["name"] == "input" && p.get("content").is_some();
        // The exporter's single `input` parameter whose schema is the whole input.
        if let [only] = parameters.as_slice() {
            if is_whole(only) && refers_to_whole_input(only) {
                return QueryPlan::WholeInput;
            }
        }
        let mut fields = Vec::with_capacity(parameters.len());
        for parameter in parameters {
            let Some(name) = parameter["name"].as_str() else {
                continue;
            };
            let param = match parameter.get("schema") {
                None => Param::Json,
                Some(schema) => {
                    if is_array(schema) {
                        Param::List(types_of(&schema["items"], schemas, 0))
                    } else {
                        Param::Scalar(types_of(schema, schemas, 0))
                    }
                }
            };
            fields.push((name.to_owned(), param));
        }
        fields.sort_by(|a, b| a.0.cmp(&b.0));
        fields.dedup_by(|a, b| a.0 == b.0);
        QueryPlan::Fields(fields)
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
            let list = matches!(param, Some(Param::List(_))) || group.len() > 1;
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
                    Some(Param::Scalar(types) | Param::List(types)) => {
                        types.write(&mut json, value)
                    }
                    Some(Param::Json) => {
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
fn field(fields: &[(String, Param)], name: &str) -> Option<Param> {
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

impl Types {
    /// Writes the JSON value of a parameter's text: the string if strings are allowed, else
    /// the first of integer, number, boolean and null that the text spells, else the string
    /// (for the input's type to refuse with the field's path).
    fn write(self, json: &mut Vec<u8>, text: &str) {
        use std::io::Write;
        if self.string {
            return write_string(json, text);
        }
        if self.integer || self.number {
            if let Ok(n) = text.parse::<i64>() {
                return write!(json, "{n}").expect("writing to a Vec");
            }
            if let Ok(n) = text.parse::<u64>() {
                return write!(json, "{n}").expect("writing to a Vec");
            }
            if self.number {
                if let Some(n) = text
                    .parse::<f64>()
                    .ok()
                    .and_then(serde_json::Number::from_f64)
                {
                    return write!(json, "{n}").expect("writing to a Vec");
                }
            }
        }
        if self.boolean && (text == "true" || text == "false") {
            return json.extend_from_slice(text.as_bytes());
        }
        if self.null && (text.is_empty() || text == "null") {
            return json.extend_from_slice(b"null");
        }
        write_string(json, text)
    }
}

/// Whether a parameter's JSON content is the whole input's schema (not one field's).
fn refers_to_whole_input(parameter: &Value) -> bool {
    parameter["content"]["application/json"]["schema"]["$ref"]
        .as_str()
        .is_some_and(|r| r.ends_with("_Input"))
}

fn is_array(schema: &Value) -> bool {
    match schema.get("type") {
        Some(Value::String(t)) => t == "array",
        Some(Value::Array(types)) => types.iter().any(|t| t == "array"),
        _ => false,
    }
}

/// The JSON types a scalar schema allows, following `$ref`s into `components/schemas` and the
/// branches of `anyOf`/`oneOf`; enum and const values count by their type.
fn types_of(schema: &Value, schemas: &Value, depth: usize) -> Types {
    let mut types = Types::default();
    if depth > 8 {
        types.string = true;
        return types;
    }
    let mut add = |t: &str| match t {
        "string" => types.string = true,
        "integer" => types.integer = true,
        "number" => types.number = true,
        "boolean" => types.boolean = true,
        "null" => types.null = true,
        _ => {}
    };
    match schema.get("type") {
        Some(Value::String(t)) => add(t),
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).for_each(&mut add),
        _ => {}
    }
    let values = schema
        .get("enum")
        .and_then(Value::as_array)
        .map(|v| v.iter().collect::<Vec<_>>())
        .or_else(|| schema.get("const").map(|c| vec![c]))
        .unwrap_or_default();
    for value in values {
        add(match value {
            Value::String(_) => "string",
            Value::Number(n) if n.is_f64() => "number",
            Value::Number(_) => "integer",
            Value::Bool(_) => "boolean",
            Value::Null => "null",
            _ => "",
        });
    }
    let mut merge = |other: Types| {
        types.string |= other.string;
        types.integer |= other.integer;
        types.number |= other.number;
        types.boolean |= other.boolean;
        types.null |= other.null;
    };
    if let Some(name) = schema
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix("#/components/schemas/"))
    {
        merge(types_of(&schemas[name], schemas, depth + 1));
    }
    for key in ["anyOf", "oneOf", "allOf"] {
        if let Some(branches) = schema.get(key).and_then(Value::as_array) {
            for branch in branches {
                merge(types_of(branch, schemas, depth + 1));
            }
        }
    }
    types
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn plan() -> QueryPlan {
        let document = json!({
            "paths": { "/q/v1": { "get": { "parameters": [
                { "name": "limit", "schema": { "type": "integer" } },
                { "name": "ratio", "schema": { "type": ["number", "null"] } },
                { "name": "live", "schema": { "type": "boolean" } },
                { "name": "name", "schema": { "type": "string" } },
                { "name": "status", "schema": { "$ref": "#/components/schemas/Status" } },
                { "name": "ids", "schema": { "type": "array", "items": { "type": "integer" } } },
                { "name": "filter", "content": { "application/json": { "schema": { "type": "object" } } } },
            ] } } },
            "components": { "schemas": { "Status": { "enum": ["running", "done"] } } },
        });
        QueryPlan::from_openapi(&document, "/q/v1")
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
