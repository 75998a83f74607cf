//! Links from a descriptor to the Rust type of a message: its field tree and its JSON Schema.

use crate::model::ModelInfo;
use schemars::{JsonSchema, Schema};
use serde::{Serialize, Serializer};

/// The model of an input, output, event payload or form: its statically known field tree and a
/// function producing its JSON Schema (draft 2020-12), generated only when called.
#[derive(Clone, Copy)]
pub struct ModelRef {
    /// The field tree.
    pub info: &'static ModelInfo,
    /// Produces the JSON Schema of the type.
    pub schema: fn() -> Schema,
}

impl ModelRef {
    /// The model of `T`.
    pub const fn of<T: crate::Message>() -> ModelRef {
        ModelRef {
            info: T::SHAPE.target,
            schema: json_schema_of::<T>,
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

/// The JSON Schema (draft 2020-12) of `T`, as a root schema with its definitions in `$defs`.
pub fn json_schema_of<T: JsonSchema>() -> Schema {
    schemars::generate::SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<T>()
}
