//! Scalar types for contract messages, matching ContractSpec's scalars.
//!
//! | ContractSpec | Rust | accepts |
//! |---|---|---|
//! | `ID` | [`Id`] | any string |
//! | `String_unsecure` | `String` | any string |
//! | `NonEmptyString` | [`NonEmptyString`] | a string other than `""` |
//! | `Int_unsecure` | `i64` | an integer |
//! | `Float_unsecure` | `f64` | a number |
//! | `Boolean` | `bool` | `true` or `false` |
//! | `JSONObject` | [`JsonObject`] | a JSON object (not an array, string or number) |
//! | `DateTime` | [`DateTime`] | an RFC 3339 timestamp, schema `format: date-time` (feature `chrono`, on by default) |

use crate::model::{FieldShape, Model, ModelInfo, ModelKind};
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Cow;

/// An RFC 3339 timestamp in UTC (`2026-11-21T10:00:00Z`); other offsets are accepted and
/// converted. Its JSON Schema is `{"type": "string", "format": "date-time"}`. Needs the
/// `chrono` feature (on by default).
#[cfg(feature = "chrono")]
pub type DateTime = chrono::DateTime<chrono::Utc>;

macro_rules! scalar_model {
    ($ty:ty, $name:literal) => {
        impl Model for $ty {
            const SHAPE: FieldShape = FieldShape::of(&ModelInfo {
                name: $name,
                description: None,
                kind: ModelKind::Scalar,
            });
        }
    };
}

/// An identifier: any string, kept distinct from free text in types and docs.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Id(pub String);

impl Id {
    /// The identifier as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Id {
    fn from(value: &str) -> Self {
        Id(value.to_owned())
    }
}

impl From<String> for Id {
    fn from(value: String) -> Self {
        Id(value)
    }
}

impl core::fmt::Display for Id {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.0)
    }
}

impl core::ops::Deref for Id {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl JsonSchema for Id {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("Id")
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string" })
    }
}

scalar_model!(Id, "Id");

/// A string that is not empty. Deserializing `""` fails with "expected a non-empty string".
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct NonEmptyString(String);

/// The error of building a [`NonEmptyString`] from `""`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EmptyStringError;

impl core::fmt::Display for EmptyStringError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("expected a non-empty string")
    }
}

impl std::error::Error for EmptyStringError {}

impl NonEmptyString {
    /// Wraps `value`, refusing the empty string.
    pub fn new(value: impl Into<String>) -> Result<Self, EmptyStringError> {
        let value = value.into();
        if value.is_empty() {
            Err(EmptyStringError)
        } else {
            Ok(NonEmptyString(value))
        }
    }

    /// The string.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The owned string.
    pub fn into_inner(self) -> String {
        self.0
    }
}

impl TryFrom<String> for NonEmptyString {
    type Error = EmptyStringError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        NonEmptyString::new(value)
    }
}

impl TryFrom<&str> for NonEmptyString {
    type Error = EmptyStringError;
    fn try_from(value: &str) -> Result<Self, Self::Error> {
        NonEmptyString::new(value)
    }
}

impl core::ops::Deref for NonEmptyString {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl core::fmt::Display for NonEmptyString {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for NonEmptyString {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = String::deserialize(deserializer)?;
        NonEmptyString::new(value).map_err(serde::de::Error::custom)
    }
}

impl JsonSchema for NonEmptyString {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("NonEmptyString")
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string", "minLength": 1 })
    }
}

scalar_model!(NonEmptyString, "NonEmptyString");

/// A JSON object with arbitrary members. Arrays, strings, numbers, booleans and `null` are
/// rejected with "expected a JSON object".
#[derive(Clone, Debug, Default, PartialEq)]
pub struct JsonObject(pub serde_json::Map<String, serde_json::Value>);

impl JsonObject {
    /// An empty object.
    pub fn new() -> Self {
        JsonObject::default()
    }
}

impl From<serde_json::Map<String, serde_json::Value>> for JsonObject {
    fn from(map: serde_json::Map<String, serde_json::Value>) -> Self {
        JsonObject(map)
    }
}

impl core::ops::Deref for JsonObject {
    type Target = serde_json::Map<String, serde_json::Value>;
    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl core::ops::DerefMut for JsonObject {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.0
    }
}

impl Serialize for JsonObject {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for JsonObject {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ObjectVisitor;
        impl<'de> serde::de::Visitor<'de> for ObjectVisitor {
            type Value = JsonObject;
            fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut access: A,
            ) -> Result<JsonObject, A::Error> {
                let mut map = serde_json::Map::new();
                while let Some((key, value)) = access.next_entry::<String, serde_json::Value>()? {
                    map.insert(key, value);
                }
                Ok(JsonObject(map))
            }
        }
        deserializer.deserialize_map(ObjectVisitor)
    }
}

impl JsonSchema for JsonObject {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("JsonObject")
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "object" })
    }
}

impl Model for JsonObject {
    const SHAPE: FieldShape = FieldShape::of(&ModelInfo {
        name: "JsonObject",
        description: None,
        kind: ModelKind::Opaque,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_empty_string_rejects_empty() {
        assert!(serde_json::from_str::<NonEmptyString>("\"\"")
            .unwrap_err()
            .to_string()
            .contains("non-empty"));
        assert_eq!(
            serde_json::from_str::<NonEmptyString>("\"a\"")
                .unwrap()
                .as_str(),
            "a"
        );
    }

    #[test]
    fn json_object_rejects_other_values() {
        for bad in ["[]", "1", "\"x\"", "null", "true"] {
            let err = serde_json::from_str::<JsonObject>(bad)
                .unwrap_err()
                .to_string();
            assert!(err.contains("expected a JSON object"), "{bad}: {err}");
        }
        let object: JsonObject = serde_json::from_str(r#"{"a":[1,{"b":null}]}"#).unwrap();
        assert_eq!(
            serde_json::to_string(&object).unwrap(),
            r#"{"a":[1,{"b":null}]}"#
        );
    }

    #[cfg(feature = "chrono")]
    #[test]
    fn date_time_round_trips_and_rejects_garbage() {
        let t: DateTime = serde_json::from_str("\"2026-11-21T10:00:00.123Z\"").unwrap();
        let back: DateTime = serde_json::from_str(&serde_json::to_string(&t).unwrap()).unwrap();
        assert_eq!(t, back);
        assert!(serde_json::from_str::<DateTime>("\"yesterday\"").is_err());
        assert!(serde_json::from_str::<DateTime>("\"2026-13-01T00:00:00Z\"").is_err());
    }
}
