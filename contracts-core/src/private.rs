//! Items used by the code the macros generate. Not a public API: no stability guarantees.

/// The compile-time governance checks.
pub mod checks {
    pub use crate::checks::*;
}
pub use crate::checks::Message;
pub use crate::contract::{
    Contract, ContractKind, Declaration, Declared, EventDeclared, Message as ContractMessage,
};
pub use crate::descriptors::*;
pub use crate::model::{FieldInfo, FieldShape, Model, ModelInfo, ModelKind};
pub use crate::registry::{
    collect_doc_blocks, collect_entries, index_by_id, index_by_key, table_capacity, ContractSet,
    Defaults, Entry, KindSet, Registry, Sets,
};
pub use crate::{ContractRef, ErrorCatalog, Version};
pub use core;
pub use schemars;

/// Concatenates the crate's base tags and a contract's own tags; `N` is the total length.
pub const fn concat_tags<const N: usize>(
    base: &[&'static str],
    own: &[&'static str],
) -> [&'static str; N] {
    let mut all = [""; N];
    let mut i = 0;
    while i < base.len() {
        all[i] = base[i];
        i += 1;
    }
    let mut j = 0;
    while j < own.len() {
        all[i + j] = own[j];
        j += 1;
    }
    all
}

/// Fails the build with a check's message. `#[track_caller]` makes the compiler report the
/// error at the call, which the macros span on the literal the check is about; a bare
/// `panic!` in each generated item would cost a formatting expansion per check.
#[track_caller]
pub const fn enforce(check: Result<(), Message>) {
    if let Err(message) = check {
        panic!("{}", message.as_str())
    }
}

/// The stability a contract inherits from its crate's defaults, or a build failure with
/// `message` (spanned on the contract's key) when the defaults have none.
#[track_caller]
pub const fn inherited_stability(defaults: Option<Stability>, message: &'static str) -> Stability {
    match defaults {
        Some(stability) => stability,
        None => panic!("{}", message),
    }
}

/// The field tree of a contract message.
pub const fn model_info<T: ContractMessage>() -> &'static ModelInfo {
    T::SHAPE.target
}

/// The field tree of an operation's input (bounded by `Operation` so a missing derive is
/// reported once, by the operation's impl).
pub const fn input_info<O: crate::Operation>() -> &'static ModelInfo {
    <O::Input as Model>::SHAPE.target
}

/// The field tree of an operation's output.
pub const fn output_info<O: crate::Operation>() -> &'static ModelInfo {
    <O::Output as Model>::SHAPE.target
}

/// The field tree of an event's payload.
pub const fn payload_info<E: crate::Event>() -> &'static ModelInfo {
    <E as Model>::SHAPE.target
}

/// The first segment of a module path: the crate name.
pub const fn crate_of(module_path: &'static str) -> &'static str {
    let bytes = module_path.as_bytes();
    let mut i = 0;
    while i < bytes.len() && bytes[i] != b':' {
        i += 1;
    }
    let (name, _) = module_path.split_at(i);
    name
}

/// The model of a field marked `#[model(opaque)]`: its inside is not described.
pub static OPAQUE_MODEL: ModelInfo = ModelInfo {
    name: "Opaque",
    description: None,
    kind: ModelKind::Opaque,
};

/// The shape of a field marked `#[model(opaque)]`. A constant, not a call, so that the
/// `&ModelInfo { .. }` a derived `Model` writes around it stays promotable to `'static`.
pub const OPAQUE_SHAPE: FieldShape = FieldShape::of(&OPAQUE_MODEL);
