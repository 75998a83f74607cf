//! Strict decoding of contract messages from JSON.
//!
//! serde's derived implementations are more lenient than a contract: a struct also accepts a
//! JSON array (its fields read by position), and an `Option` field accepts `null`. ContractSpec
//! rejects both, and so does the JSON Schema of the message. The functions here decode with the
//! type's own `Deserialize`, through an adapter that rejects those two cases at every depth, and
//! report the path of the offending field.
//!
//! ```
//! use contracts_core::decode;
//!
//! #[derive(serde::Deserialize, Debug)]
//! struct Point { x: i64, label: Option<String> }
//!
//! let point: Point = decode::from_str(r#"{"x": 1}"#).unwrap();
//! assert_eq!((point.x, point.label), (1, None));
//!
//! let error = decode::from_str::<Point>("[1, null]").unwrap_err();
//! assert_eq!(error.message, "invalid type: sequence, expected a JSON object at line 1 column 1");
//!
//! let error = decode::from_str::<Point>(r#"{"x": 1, "label": null}"#).unwrap_err();
//! assert_eq!(error.path, "label");
//! assert!(error.message.starts_with("null is not allowed: omit an optional field instead"));
//! ```

use crate::descriptors::DecodeError;
use serde::de::DeserializeOwned;
use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor,
};
use std::fmt;

/// Decodes a message from JSON text.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, DecodeError> {
    from_slice(text.as_bytes())
}

/// Decodes a message from JSON bytes. Malformed JSON is reported with the position in `message`
/// and the path reached so far.
pub fn from_slice<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, DecodeError> {
    let mut json = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(Strict::new(&mut json))
        .map_err(DecodeError::from_path_error)?;
    json.end().map_err(|e| DecodeError {
        path: ".".to_owned(),
        message: e.to_string(),
    })?;
    Ok(value)
}

/// Decodes a message from a JSON value.
pub fn from_value<T: DeserializeOwned>(value: &serde_json::Value) -> Result<T, DecodeError> {
    serde_path_to_error::deserialize(Strict::new(value)).map_err(DecodeError::from_path_error)
}

const NULL_NOT_ALLOWED: &str = "null is not allowed: omit an optional field instead";

/// A deserializer that forwards to `D`, wrapping every nested deserializer the same way, and
/// rejects a sequence where a struct is expected and `null` where an `Option` is.
///
/// Use it to decode strictly with your own deserializer, or inside another adapter:
///
/// ```
/// use contracts_core::decode::Strict;
/// use serde::Deserialize;
///
/// #[derive(Deserialize)]
/// struct Point { x: i64 }
///
/// let mut json = serde_json::Deserializer::from_str("[1]");
/// assert!(Point::deserialize(Strict::new(&mut json)).is_err());
/// ```
pub struct Strict<D>(D);

impl<D> Strict<D> {
    /// Wraps `deserializer`.
    pub fn new(deserializer: D) -> Strict<D> {
        Strict(deserializer)
    }
}

/// A visitor that wraps the deserializers it is handed.
struct Wrap<V>(V);

/// The visitor of a struct: refuses a sequence.
struct StructOnly<V>(V);

/// The visitor of an `Option`: refuses `null`.
struct NoNull<V>(V);

struct Seed<S>(S);

macro_rules! forward {
    ($($method:ident),* $(,)?) => {
        $(#[inline]
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
            self.0.$method(Wrap(visitor))
        })*
    };
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Strict<D> {
    type Error = D::Error;

    forward!(
        deserialize_any,
        deserialize_bool,
        deserialize_i8,
        deserialize_i16,
        deserialize_i32,
        deserialize_i64,
        deserialize_i128,
        deserialize_u8,
        deserialize_u16,
        deserialize_u32,
        deserialize_u64,
        deserialize_u128,
        deserialize_f32,
        deserialize_f64,
        deserialize_char,
        deserialize_str,
        deserialize_string,
        deserialize_bytes,
        deserialize_byte_buf,
        deserialize_unit,
        deserialize_seq,
        deserialize_map,
        deserialize_identifier,
        deserialize_ignored_any,
    );

    #[inline]
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_option(NoNull(visitor))
    }

    #[inline]
    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_unit_struct(name, Wrap(visitor))
    }

    #[inline]
    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_newtype_struct(name, Wrap(visitor))
    }

    #[inline]
    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_tuple(len, Wrap(visitor))
    }

    #[inline]
    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_tuple_struct(name, len, Wrap(visitor))
    }

    #[inline]
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_struct(name, fields, StructOnly(visitor))
    }

    #[inline]
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_enum(name, variants, Wrap(visitor))
    }

    #[inline]
    fn is_human_readable(&self) -> bool {
        self.0.is_human_readable()
    }
}

macro_rules! forward_visits {
    ($($method:ident($ty:ty)),* $(,)?) => {
        $(#[inline]
        fn $method<E: de::Error>(self, v: $ty) -> Result<Self::Value, E> {
            self.inner().$method(v)
        })*
    };
}

macro_rules! wrapping_visitor {
    ($name:ident, $seq:expr, $none:expr) => {
        impl<V> $name<V> {
            #[inline]
            fn inner(self) -> V {
                self.0
            }
        }

        impl<'de, V: Visitor<'de>> Visitor<'de> for $name<V> {
            type Value = V::Value;

            #[inline]
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.expecting(f)
            }

            forward_visits!(
                visit_bool(bool),
                visit_i8(i8),
                visit_i16(i16),
                visit_i32(i32),
                visit_i64(i64),
                visit_i128(i128),
                visit_u8(u8),
                visit_u16(u16),
                visit_u32(u32),
                visit_u64(u64),
                visit_u128(u128),
                visit_f32(f32),
                visit_f64(f64),
                visit_char(char),
                visit_str(&str),
                visit_borrowed_str(&'de str),
                visit_string(String),
                visit_bytes(&[u8]),
                visit_borrowed_bytes(&'de [u8]),
                visit_byte_buf(Vec<u8>),
            );

            #[inline]
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                #[allow(clippy::redundant_closure_call)]
                ($none)(self.0)
            }

            #[inline]
            fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
                #[allow(clippy::redundant_closure_call)]
                ($none)(self.0)
            }

            #[inline]
            fn visit_some<D2: Deserializer<'de>>(
                self,
                deserializer: D2,
            ) -> Result<Self::Value, D2::Error> {
                self.0.visit_some(Strict(deserializer))
            }

            #[inline]
            fn visit_newtype_struct<D2: Deserializer<'de>>(
                self,
                deserializer: D2,
            ) -> Result<Self::Value, D2::Error> {
                self.0.visit_newtype_struct(Strict(deserializer))
            }

            #[inline]
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
                #[allow(clippy::redundant_closure_call)]
                ($seq)(self, seq)
            }

            #[inline]
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                self.0.visit_map(Map(map))
            }

            #[inline]
            fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Self::Value, A::Error> {
                self.0.visit_enum(Enum(data))
            }
        }
    };
}

wrapping_visitor!(
    Wrap,
    |this: Wrap<V>, seq| this.0.visit_seq(Seq(seq)),
    |inner: V| inner.visit_unit()
);
wrapping_visitor!(
    StructOnly,
    |_: StructOnly<V>, _seq| Err(de::Error::invalid_type(
        de::Unexpected::Seq,
        &ExpectingObject
    )),
    |inner: V| inner.visit_unit()
);
wrapping_visitor!(
    NoNull,
    |this: NoNull<V>, seq| this.0.visit_seq(Seq(seq)),
    |_inner: V| Err(de::Error::custom(NULL_NOT_ALLOWED))
);

struct ExpectingObject;

impl de::Expected for ExpectingObject {
    #[inline]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }
}

struct Seq<A>(A);

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for Seq<A> {
    type Error = A::Error;

    #[inline]
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, A::Error> {
        self.0.next_element_seed(Seed(seed))
    }

    #[inline]
    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

struct Map<A>(A);

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Map<A> {
    type Error = A::Error;

    #[inline]
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        self.0.next_key_seed(Seed(seed))
    }

    #[inline]
    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, A::Error> {
        self.0.next_value_seed(Seed(seed))
    }

    #[inline]
    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

struct Enum<A>(A);

impl<'de, A: EnumAccess<'de>> EnumAccess<'de> for Enum<A> {
    type Error = A::Error;
    type Variant = Variant<A::Variant>;

    #[inline]
    fn variant_seed<S: DeserializeSeed<'de>>(
        self,
        seed: S,
    ) -> Result<(S::Value, Self::Variant), A::Error> {
        let (value, variant) = self.0.variant_seed(Seed(seed))?;
        Ok((value, Variant(variant)))
    }
}

struct Variant<A>(A);

impl<'de, A: VariantAccess<'de>> VariantAccess<'de> for Variant<A> {
    type Error = A::Error;

    #[inline]
    fn unit_variant(self) -> Result<(), A::Error> {
        self.0.unit_variant()
    }

    #[inline]
    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, A::Error> {
        self.0.newtype_variant_seed(Seed(seed))
    }

    #[inline]
    fn tuple_variant<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, A::Error> {
        self.0.tuple_variant(len, Wrap(visitor))
    }

    #[inline]
    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        self.0.struct_variant(fields, StructOnly(visitor))
    }
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Seed<S> {
    type Value = S::Value;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<S::Value, D::Error> {
        self.0.deserialize(Strict(deserializer))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Outer {
        inner: Vec<Inner>,
        note: Option<String>,
        tag: Option<Tag>,
    }

    #[derive(Deserialize, Debug, PartialEq)]
    struct Inner {
        id: String,
        count: Option<i64>,
    }

    #[derive(Deserialize, Debug, PartialEq)]
    #[serde(rename_all = "snake_case")]
    enum Tag {
        Red,
        Shape { sides: i64 },
    }

    #[test]
    fn accepts_what_a_contract_accepts() {
        let outer: Outer = from_str(
            r#"{"inner": [{"id": "a", "count": 2}, {"id": "b"}], "tag": {"shape": {"sides": 3}}}"#,
        )
        .unwrap();
        assert_eq!(
            outer.inner[1],
            Inner {
                id: "b".into(),
                count: None
            }
        );
        assert_eq!(outer.tag, Some(Tag::Shape { sides: 3 }));
        let outer: Outer = from_value(&serde_json::json!({"inner": [], "tag": "red"})).unwrap();
        assert_eq!(outer.tag, Some(Tag::Red));
    }

    #[test]
    fn rejects_arrays_for_structs_at_any_depth() {
        let error = from_str::<Outer>(r#"{"inner": [["a", 1]]}"#).unwrap_err();
        assert_eq!(error.path, "inner[0]");
        assert!(error
            .message
            .starts_with("invalid type: sequence, expected a JSON object"));
        let error = from_value::<Outer>(&serde_json::json!([[], null, null])).unwrap_err();
        assert_eq!(error.path, ".");
    }

    #[test]
    fn rejects_null_for_optional_fields_at_any_depth() {
        let error = from_str::<Outer>(r#"{"inner": [{"id": "a", "count": null}]}"#).unwrap_err();
        assert_eq!(error.path, "inner[0].count");
        assert!(error.message.starts_with(NULL_NOT_ALLOWED));
        let error = from_str::<Outer>(r#"{"inner": [], "note": null}"#).unwrap_err();
        assert_eq!(error.path, "note");
    }

    #[test]
    fn reports_malformed_json_and_trailing_data() {
        assert!(from_str::<Outer>(r#"{"inner": [}"#)
            .unwrap_err()
            .message
            .contains("expected value"));
        assert!(from_str::<Outer>(r#"{"inner": []} x"#)
            .unwrap_err()
            .message
            .contains("trailing characters"));
    }
}
