//! [`Model`] for the standard library, `serde_json` and `chrono`.

use super::{FieldShape, Model, ModelInfo, ModelKind};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};

macro_rules! scalar {
    ($name:literal: $($ty:ty),+) => {
        $(impl Model for $ty {
            const SHAPE: FieldShape = FieldShape::of(&ModelInfo {
                name: $name,
                description: None,
                kind: ModelKind::Scalar,
            });
        })+
    };
}

scalar!("String": String, str, std::borrow::Cow<'static, str>);
scalar!("char": char);
scalar!("bool": bool);
scalar!("i8": i8);
scalar!("i16": i16);
scalar!("i32": i32);
scalar!("i64": i64);
scalar!("i128": i128);
scalar!("isize": isize);
scalar!("u8": u8);
scalar!("u16": u16);
scalar!("u32": u32);
scalar!("u64": u64);
scalar!("u128": u128);
scalar!("usize": usize);
scalar!("f32": f32);
scalar!("f64": f64);
scalar!("()": ());
#[cfg(feature = "chrono")]
scalar!("NaiveDate": chrono::NaiveDate);
#[cfg(feature = "chrono")]
scalar!("NaiveDateTime": chrono::NaiveDateTime);

#[cfg(feature = "chrono")]
impl<Tz: chrono::TimeZone> Model for chrono::DateTime<Tz> {
    const SHAPE: FieldShape = FieldShape::of(&ModelInfo {
        name: "DateTime",
        description: None,
        kind: ModelKind::Scalar,
    });
}

static JSON_VALUE: ModelInfo = ModelInfo {
    name: "JsonValue",
    description: None,
    kind: ModelKind::Opaque,
};

impl Model for serde_json::Value {
    const SHAPE: FieldShape = FieldShape::of(&JSON_VALUE);
}

impl Model for serde_json::Map<String, serde_json::Value> {
    const SHAPE: FieldShape = FieldShape::of(&ModelInfo {
        name: "JsonMap",
        description: None,
        kind: ModelKind::Opaque,
    });
}

impl<K, V, S> Model for HashMap<K, V, S> {
    const SHAPE: FieldShape = FieldShape::of(&ModelInfo {
        name: "Map",
        description: None,
        kind: ModelKind::Opaque,
    });
}

impl<K, V> Model for BTreeMap<K, V> {
    const SHAPE: FieldShape = FieldShape::of(&ModelInfo {
        name: "Map",
        description: None,
        kind: ModelKind::Opaque,
    });
}

impl<T: Model> Model for Option<T> {
    const SHAPE: FieldShape = FieldShape {
        optional: true,
        ..T::SHAPE
    };
}

macro_rules! list {
    ($($ty:ty),+) => {
        $(impl<T: Model> Model for $ty {
            const SHAPE: FieldShape = FieldShape {
                list: true,
                ..T::SHAPE
            };
        })+
    };
}

list!(Vec<T>, VecDeque<T>, [T], BTreeSet<T>);

impl<T: Model, S> Model for HashSet<T, S> {
    const SHAPE: FieldShape = FieldShape {
        list: true,
        ..T::SHAPE
    };
}

impl<T: Model, const N: usize> Model for [T; N] {
    const SHAPE: FieldShape = FieldShape {
        list: true,
        ..T::SHAPE
    };
}

macro_rules! transparent {
    ($($ty:ty),+) => {
        $(impl<T: Model + ?Sized> Model for $ty {
            const SHAPE: FieldShape = T::SHAPE;
        })+
    };
}

transparent!(Box<T>, std::sync::Arc<T>, std::rc::Rc<T>, &'static T);
