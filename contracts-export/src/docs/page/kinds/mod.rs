//! The sections of each kind of contract, one file per family.

mod capability;
mod examples;
mod feature;
mod operation;

pub(crate) use operation::OperationSurfaces;
mod ui;
