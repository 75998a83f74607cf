//! The path parameters of an operation's route, both ways: what a server merges into the input
//! ([`PathPlan::merge`]) and what a client takes out of it ([`PathPlan::write`]), typed by the
//! input's schema as the document lists them.

use super::parameters::{path_types, JsonTypes};
use super::query_string::{push_encoded, write_string, write_typed};
use super::QueryError;
use crate::json_schema::Schemas;
use contracts_core::descriptors::OperationDescriptor;
use serde_json::{Map, Value};

/// How an operation's path parameters fill its input: each `{name}` segment of its route is the
/// input field `name`, typed by its schema (`/loans/42` fills `{"loanId": 42}` when `loanId` is
/// an integer).
///
/// ```
/// use contracts_core::{command, registry, Model, Operation};
/// use contracts_export::json_schema::Schemas;
/// use contracts_export::openapi::PathPlan;
/// use serde_json::json;
///
/// /// Renew a loan.
/// #[command(key = "lib.loan.renew", version = "1.0.0", output = String,
///     http(method = "PUT", path = "/loans/{loanId}/renewal"), policy(auth = "anonymous"))]
/// #[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
/// #[serde(rename_all = "camelCase")]
/// pub struct RenewLoan { pub loan_id: u64, pub weeks: u8 }
///
/// registry! { pub static LIB; defaults(owners = ["o"], stability = "beta"); contracts(RenewLoan); }
///
/// # fn main() {
/// let schemas = Schemas::new(&LIB);
/// let plan = PathPlan::new(&schemas, RenewLoan::DESCRIPTOR);
/// let merged = plan.merge(br#"{"weeks":2}"#, &[("loanId", "42")]).unwrap();
/// assert_eq!(serde_json::from_slice::<serde_json::Value>(&merged).unwrap(), json!({"weeks": 2, "loanId": 42}));
/// let (path, rest) = plan.write("/loans/{loanId}/renewal", json!({"loanId": 42, "weeks": 2})).unwrap();
/// assert_eq!((path.as_str(), rest), ("/loans/42/renewal", json!({"weeks": 2})));
/// # }
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PathPlan {
    parameters: Vec<(String, JsonTypes)>,
}

impl PathPlan {
    /// The plan of `operation`'s route, its fields' types read from `schemas`.
    pub fn new(schemas: &Schemas, operation: &OperationDescriptor) -> PathPlan {
        PathPlan {
            parameters: path_types(schemas, operation),
        }
    }

    /// Whether the route has no path parameter.
    pub fn is_empty(&self) -> bool {
        self.parameters.is_empty()
    }

    /// Merges the path's parameters (`name`, decoded text) into `input` (a JSON object, as
    /// the body or query string gave it): each becomes its field, typed by its schema. A field
    /// that the input also gives with another value is refused.
    pub fn merge(&self, input: &[u8], parameters: &[(&str, &str)]) -> Result<Vec<u8>, QueryError> {
        let text = input.trim_ascii();
        // Most inputs do not repeat the path's fields: the fields are written in front of the
        // input's own, without parsing it (a malformed input stays malformed, for the runtime
        // to refuse). A name that appears anywhere in the text takes the careful way.
        if text.first() == Some(&b'{')
            && parameters
                .iter()
                .all(|(name, _)| !mentions(text, name.as_bytes()))
        {
            let mut merged = Vec::with_capacity(text.len() + 32 * parameters.len());
            merged.push(b'{');
            for (i, (name, value)) in parameters.iter().enumerate() {
                if i > 0 {
                    merged.push(b',');
                }
                write_string(&mut merged, name);
                merged.push(b':');
                write_typed(self.types(name), &mut merged, value);
            }
            let rest = &text[1..];
            if rest.trim_ascii_start().first() != Some(&b'}') {
                merged.push(b',');
            }
            merged.extend_from_slice(rest);
            return Ok(merged);
        }
        let mut object: Map<String, Value> = match serde_json::from_slice(input) {
            Ok(Value::Object(object)) => object,
            Ok(_) => {
                return Err(QueryError(
                    "the input must be a JSON object: the path fills some of its fields".to_owned(),
                ))
            }
            Err(error) => return Err(QueryError(format!("the input is not valid JSON: {error}"))),
        };
        for (name, text) in parameters {
            let mut json = Vec::with_capacity(text.len() + 2);
            write_typed(self.types(name), &mut json, text);
            let value: Value = serde_json::from_slice(&json).expect("a typed parameter is JSON");
            match object.get(*name) {
                Some(given) if *given != value => {
                    return Err(QueryError(format!(
                        "field `{name}` is `{value}` in the path but `{given}` in the input: give it once, in the path"
                    )))
                }
                _ => {
                    object.insert((*name).to_owned(), value);
                }
            }
        }
        Ok(serde_json::to_vec(&object).expect("a JSON object serializes"))
    }

    /// The JSON types of parameter `name` (any text as a string when unknown).
    fn types(&self, name: &str) -> JsonTypes {
        self.parameters
            .iter()
            .find(|(known, _)| known == name)
            .map_or(
                JsonTypes {
                    string: true,
                    ..JsonTypes::default()
                },
                |(_, types)| *types,
            )
    }

    /// Fills `template`'s parameters from `input` (the input as JSON), percent-encoded, and
    /// gives the path and the input without those fields. Fails when a parameter's field is
    /// absent or is not one string, number or boolean.
    pub fn write(&self, template: &str, input: Value) -> Result<(String, Value), QueryError> {
        let mut object = match input {
            Value::Object(object) => object,
            other if self.parameters.is_empty() => return Ok((template.to_owned(), other)),
            _ => {
                return Err(QueryError(
                    "the input must be a JSON object: the path takes some of its fields".to_owned(),
                ))
            }
        };
        let mut path = String::with_capacity(template.len() + 16);
        for (i, segment) in template.split('/').enumerate() {
            if i > 0 {
                path.push('/');
            }
            let Some(name) = segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) else {
                path.push_str(segment);
                continue;
            };
            let text = match object.remove(name) {
                Some(Value::String(text)) => text,
                Some(value @ (Value::Number(_) | Value::Bool(_))) => value.to_string(),
                Some(other) => {
                    return Err(QueryError(format!(
                        "field `{name}` fills a path segment but is `{other}`: give one string, number or boolean"
                    )))
                }
                None => {
                    return Err(QueryError(format!(
                        "field `{name}` fills a path segment but the input does not give it"
                    )))
                }
            };
            push_encoded(&mut path, &text);
        }
        Ok((path, Value::Object(object)))
    }
}

/// Whether `text` holds `name` as a JSON string (`"name"`), anywhere.
fn mentions(text: &[u8], name: &[u8]) -> bool {
    text.windows(name.len() + 2)
        .any(|w| w[0] == b'"' && w[w.len() - 1] == b'"' && &w[1..w.len() - 1] == name)
}

#[cfg(test)]
mod tests {
    use super::mentions;

    #[test]
    fn mentions_finds_quoted_names_only() {
        assert!(mentions(br#"{"loanId":1}"#, b"loanId"));
        assert!(!mentions(br#"{"loanIds":1}"#, b"loanId"));
        assert!(!mentions(br#"{}"#, b"loanId"));
    }
}
