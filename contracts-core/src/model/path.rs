//! Dotted field paths (`user.address.postcode`) resolved against a model.

use super::{FieldInfo, ModelInfo, ModelKind};

/// Why a dotted field path does not name a field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathError {
    /// The path is empty or has an empty segment (`a..b`, `.a`).
    EmptySegment,
    /// `segment` names no field of `model`.
    NoSuchField {
        /// The segment that names nothing.
        segment: &'static str,
        /// The model that has no such field.
        model: &'static str,
        /// The path up to and including `segment`.
        prefix: &'static str,
    },
    /// The path continues past `field`, whose value has no fields.
    NotAnObject {
        /// The field whose value is a scalar or enum.
        field: &'static str,
        /// The name of that value's model.
        model: &'static str,
    },
}

/// Checks that `path` names a field of `model`, following nested models, lists (a path into a
/// list names the field of every element) and flattened fields. Paths that reach an opaque
/// value (a map or `serde_json::Value`) are accepted from there on.
///
/// ```
/// # use contracts_core::{resolve_path, Model, PathError};
/// #[derive(contracts_core::Model)]
/// struct Outer { inner: Vec<Inner> }
/// #[derive(contracts_core::Model)]
/// struct Inner { email: String }
///
/// let outer = <Outer as Model>::SHAPE.target;
/// assert!(resolve_path(outer, "inner.email").is_ok());
/// assert!(matches!(resolve_path(outer, "inner.mail"), Err(PathError::NoSuchField { segment: "mail", .. })));
/// ```
pub const fn resolve_path(model: &'static ModelInfo, path: &'static str) -> Result<(), PathError> {
    let bytes = path.as_bytes();
    let mut current = model;
    let mut start = 0;
    loop {
        let mut end = start;
        while end < bytes.len() && bytes[end] != b'.' {
            end += 1;
        }
        if end == start {
            return Err(PathError::EmptySegment);
        }
        let fields = match current.kind {
            ModelKind::Opaque => return Ok(()),
            ModelKind::Struct(fields) => fields,
            ModelKind::Scalar | ModelKind::Enum(_) => {
                return Err(PathError::NotAnObject {
                    field: substr(path, 0, start - 1),
                    model: current.name,
                })
            }
        };
        let field = match find_field(fields, bytes, start, end) {
            Some(field) => field,
            None => {
                return Err(PathError::NoSuchField {
                    segment: substr(path, start, end),
                    model: current.name,
                    prefix: substr(path, 0, end),
                })
            }
        };
        if end == bytes.len() {
            return Ok(());
        }
        current = field.shape.target;
        start = end + 1;
    }
}

/// The field named `path[start..end]`, compared in place: in `const` evaluation, cutting the
/// segment out as a `&str` costs more than the comparison.
const fn find_field(
    fields: &'static [FieldInfo],
    path: &[u8],
    start: usize,
    end: usize,
) -> Option<&'static FieldInfo> {
    let mut i = 0;
    while i < fields.len() {
        let field = &fields[i];
        if field.flatten {
            if let Some(found) = find_field(field.shape.target.fields(), path, start, end) {
                return Some(found);
            }
        } else if names_segment(field.name.as_bytes(), path, start, end) {
            return Some(field);
        }
        i += 1;
    }
    None
}

const fn names_segment(name: &[u8], path: &[u8], start: usize, end: usize) -> bool {
    if name.len() != end - start {
        return false;
    }
    let mut i = name.len();
    while i > 0 {
        i -= 1;
        if name[i] != path[start + i] {
            return false;
        }
    }
    true
}

const fn substr(s: &'static str, start: usize, end: usize) -> &'static str {
    let (_, tail) = s.split_at(start);
    let (mid, _) = tail.split_at(end - start);
    mid
}
