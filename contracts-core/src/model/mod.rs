//! The wire shape of contract models, known at compile time.
//!
//! [`Model`] describes a type's JSON fields (names as they appear on the wire, optionality,
//! lists and nested models). It is what lets `#[command(policy(pii = ["user.email"]))]` fail to
//! compile when `user.email` names no field, and what the generated docs render as field tables.
//! Derive it with [`macro@crate::Model`] next to `serde` and `schemars`:
//!
//! ```
//! use contracts_core::{Model, ModelKind};
//!
//! /// A postal address.
//! #[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
//! #[serde(rename_all = "camelCase")]
//! pub struct Address {
//!     /// The street line.
//!     pub street_line: String,
//!     pub postcode: Option<String>,
//! }
//!
//! let info = <Address as Model>::SHAPE.target;
//! let ModelKind::Struct(fields) = info.kind else { unreachable!() };
//! assert_eq!(fields[0].name, "streetLine");
//! assert!(fields[1].shape.optional);
//! ```

mod impls;
mod path;

pub use path::{resolve_path, PathError};

use serde::ser::{SerializeMap, SerializeStruct};
use serde::{Serialize, Serializer};

/// A type whose JSON shape is known at compile time.
///
/// Implemented for the standard scalars, strings, collections, `serde_json` values and `chrono`
/// timestamps (feature `chrono`, on by default), and derived with [`macro@crate::Model`] for your own structs and unit enums.
#[diagnostic::on_unimplemented(
    message = "`{Self}` does not describe its fields to contracts_core",
    label = "`{Self}` does not implement `contracts_core::Model`",
    note = "add `#[derive(contracts_core::Model)]` to `{Self}` (beside its serde and schemars derives); for a foreign type, wrap it in a newtype that implements `Model`"
)]
pub trait Model {
    /// How a field of this type appears on the wire.
    const SHAPE: FieldShape;
}

/// How a field appears on the wire: whether it may be absent, whether it is a list, and the
/// model of its values.
#[derive(Clone, Copy, Debug)]
pub struct FieldShape {
    /// The field may be absent (an `Option`).
    pub optional: bool,
    /// The field is a list (a `Vec`, slice, array or set).
    pub list: bool,
    /// The model of the value, or of each element of a list.
    pub target: &'static ModelInfo,
}

impl FieldShape {
    /// A required, single value of `target`.
    pub const fn of(target: &'static ModelInfo) -> FieldShape {
        FieldShape {
            optional: false,
            list: false,
            target,
        }
    }
}

/// A named model: a scalar, an opaque value, an enumeration or a struct with fields.
#[derive(Debug)]
pub struct ModelInfo {
    /// The Rust name of the model (`String`, `DateTime`, `ContextPackSummary`).
    pub name: &'static str,
    /// The model's doc comment, if any.
    pub description: Option<&'static str>,
    /// What the model holds.
    pub kind: ModelKind,
}

/// What a model holds.
#[derive(Debug)]
pub enum ModelKind {
    /// A single value with no fields: a string, number, boolean or timestamp.
    Scalar,
    /// A value whose inner structure is not known statically (a map, `serde_json::Value`).
    /// Paths may continue into it but cannot be checked.
    Opaque,
    /// A string restricted to the listed values.
    Enum(&'static [&'static str]),
    /// An object with named fields.
    Struct(&'static [FieldInfo]),
}

/// One field of a struct model, as it appears on the wire.
#[derive(Debug)]
pub struct FieldInfo {
    /// The JSON name of the field, after serde renames.
    pub name: &'static str,
    /// The field's doc comment, if any.
    pub description: Option<&'static str>,
    /// The field's shape.
    pub shape: FieldShape,
    /// The field has a serde default, so it may be absent even if it is not an `Option`.
    pub has_default: bool,
    /// The field is `#[serde(flatten)]`: its model's fields appear at this level.
    pub flatten: bool,
}

impl FieldInfo {
    /// Whether the field may be absent from a message.
    pub const fn is_optional(&self) -> bool {
        self.shape.optional || self.has_default
    }
}

impl ModelInfo {
    /// The fields of a struct model; empty for every other kind.
    pub const fn fields(&self) -> &'static [FieldInfo] {
        match self.kind {
            ModelKind::Struct(fields) => fields,
            _ => &[],
        }
    }
}

impl Serialize for ModelInfo {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("ModelInfo", 4)?;
        s.serialize_field("name", self.name)?;
        if let Some(description) = self.description {
            s.serialize_field("description", description)?;
        }
        match self.kind {
            ModelKind::Scalar => s.serialize_field("kind", "scalar")?,
            ModelKind::Opaque => s.serialize_field("kind", "opaque")?,
            ModelKind::Enum(values) => {
                s.serialize_field("kind", "enum")?;
                s.serialize_field("values", values)?;
            }
            ModelKind::Struct(fields) => {
                s.serialize_field("kind", "struct")?;
                s.serialize_field("fields", fields)?;
            }
        }
        s.end()
    }
}

impl Serialize for FieldInfo {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("name", self.name)?;
        if let Some(description) = self.description {
            map.serialize_entry("description", description)?;
        }
        map.serialize_entry("type", self.shape.target.name)?;
        map.serialize_entry("isOptional", &self.is_optional())?;
        map.serialize_entry("isArray", &self.shape.list)?;
        if self.flatten {
            map.serialize_entry("flatten", &true)?;
        }
        if let ModelKind::Struct(_) | ModelKind::Enum(_) = self.shape.target.kind {
            map.serialize_entry("model", self.shape.target)?;
        }
        map.end()
    }
}
