//! Links from a descriptor to the Rust type of a message: its field tree and its JSON Schema.

use crate::model::ModelInfo;
use schemars::{JsonSchema, Schema};
use serde::{Serialize, Serializer};

/// The model of an input, output, event payload or form: its statically known field tree, a
/// function producing its JSON Schema (draft 2020-12), and a function checking JSON against the
/// Rust type. Both functions do their work only when called.
#[derive(Clone, Copy)]
pub struct ModelRef {
    /// The field tree.
    pub info: &'static ModelInfo,
    /// Produces the JSON Schema of the type.
    pub schema: fn() -> Schema,
    /// Deserializes JSON into the type and serializes it back.
    pub round_trip: fn(&serde_json::Value) -> Result<serde_json::Value, DecodeError>,
}

/// Why a JSON value is not a valid message: the path of the offending field and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError {
    /// The dotted path of the offending field (`items[2].email`), or `.` for the whole value.
    pub path: String,
    /// What is wrong, as serde reports it (`missing field \`packKey\``, `invalid type: ...`).
    pub message: String,
}

impl core::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

impl std::error::Error for DecodeError {}

impl DecodeError {
    /// Converts a `serde_path_to_error` failure.
    pub fn from_path_error(error: serde_path_to_error::Error<serde_json::Error>) -> DecodeError {
        let path = error.path().to_string();
        DecodeError {
            path,
            message: error.into_inner().to_string(),
        }
    }
}

impl ModelRef {
    /// The model of `T`.
    pub const fn of<T: crate::Message>() -> ModelRef {
        ModelRef {
            info: T::SHAPE.target,
            schema: json_schema_of::<T>,
            round_trip: round_trip_of::<T>,
        }
    }

    /// The input model of operation `O`.
    ///
    /// The bound is `O: Operation` rather than `O::Input: Message`: the message bounds are
    /// checked once, by the operation's impl, so a missing derive is reported once.
    pub const fn input_of<O: crate::Operation>() -> ModelRef {
        ModelRef::of::<O::Input>()
    }

    /// The output model of operation `O`.
    pub const fn output_of<O: crate::Operation>() -> ModelRef {
        ModelRef::of::<O::Output>()
    }

    /// The payload model of event `E`.
    pub const fn payload_of<E: crate::Event>() -> ModelRef {
        ModelRef::of::<E>()
    }

    /// The model's name (the Rust type name).
    pub const fn name(&self) -> &'static str {
        self.info.name
    }

    /// Generates the JSON Schema (draft 2020-12) of the model.
    pub fn json_schema(&self) -> Schema {
        (self.schema)()
    }

    /// Checks that `value` is a valid message of this model, returning it as the Rust type
    /// serializes it, or the path and reason of the first problem.
    pub fn check_json(&self, value: &serde_json::Value) -> Result<serde_json::Value, DecodeError> {
        (self.round_trip)(value)
    }
}

impl core::fmt::Debug for ModelRef {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_tuple("ModelRef").field(&self.info.name).finish()
    }
}

impl Serialize for ModelRef {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.info.serialize(serializer)
    }
}

/// Decodes `value` as `T` strictly (see [`crate::decode`]), reporting the offending field's
/// path, and serializes it back.
pub fn round_trip_of<T: crate::Message>(
    value: &serde_json::Value,
) -> Result<serde_json::Value, DecodeError> {
    let typed: T = crate::decode::from_value(value)?;
    serde_json::to_value(&typed).map_err(|e| DecodeError {
        path: ".".to_owned(),
        message: e.to_string(),
    })
}

/// The JSON Schema (draft 2020-12) of `T`, as a root schema with its definitions in `$defs`.
///
/// An `Option` field is optional, not nullable: messages are decoded strictly
/// ([`crate::decode`]), which rejects `null` as ContractSpec does, and the schema says the same.
pub fn json_schema_of<T: JsonSchema>() -> Schema {
    let schema = schemars::generate::SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<T>();
    let mut value = schema.to_value();
    remove_null(&mut value);
    Schema::try_from(value).expect("a schema stays a schema")
}

/// Undoes what schemars adds for `Option`: `null` among several `type`s, `anyOf: [X, {"type":
/// "null"}]`, and `null` in an `enum`. A schema that is only `null` (the unit type) is kept.
fn remove_null(value: &mut serde_json::Value) {
    use serde_json::Value;
    let is_null_schema = |v: &Value| v.get("type").and_then(Value::as_str) == Some("null");
    match value {
        Value::Object(object) => {
            if let Some(Value::Array(types)) = object.get_mut("type") {
                if types.len() > 1 {
                    types.retain(|t| t != "null");
                    if types.len() == 1 {
                        let only = types.remove(0);
                        object.insert("type".to_owned(), only);
                    }
                }
            }
            if let Some(Value::Array(values)) = object.get_mut("enum") {
                if values.len() > 1 {
                    values.retain(|v| !v.is_null());
                }
            }
            let nullable_any_of = matches!(object.get("anyOf"), Some(Value::Array(any)) if any.len() == 2 && any.iter().any(is_null_schema));
            if nullable_any_of {
                if let Some(Value::Array(mut any)) = object.remove("anyOf") {
                    any.retain(|v| !is_null_schema(v));
                    if let Some(Value::Object(inner)) = any.pop() {
                        for (key, v) in inner {
                            object.entry(key).or_insert(v);
                        }
                    }
                }
            }
            object.values_mut().for_each(remove_null);
        }
        Value::Array(items) => items.iter_mut().for_each(remove_null),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::remove_null;
    use serde_json::json;

    #[test]
    fn optional_fields_are_not_nullable() {
        let mut schema = json!({
            "type": "object",
            "properties": {
                "a": {"type": ["string", "null"]},
                "b": {"anyOf": [{"$ref": "#/$defs/B"}, {"type": "null"}], "description": "d"},
                "c": {"enum": ["x", "y", null]},
                "unit": {"type": "null"},
                "list": {"type": ["array", "null"], "items": {"type": ["integer", "null"]}}
            }
        });
        remove_null(&mut schema);
        assert_eq!(
            schema["properties"],
            json!({
                "a": {"type": "string"},
                "b": {"$ref": "#/$defs/B", "description": "d"},
                "c": {"enum": ["x", "y"]},
                "unit": {"type": "null"},
                "list": {"type": "array", "items": {"type": "integer"}}
            })
        );
    }
}
