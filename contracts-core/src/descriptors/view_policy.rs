//! The policy block shared by presentations, data views and forms.

use serde::Serialize;

/// Feature flags and personal-data fields of a presentation, data view or form.
#[derive(Debug, Default, Serialize)]
pub struct ViewPolicy {
    /// Feature flags that must be on.
    pub flags: &'static [&'static str],
    /// Dotted paths of fields holding personal data.
    pub pii: &'static [&'static str],
}

impl ViewPolicy {
    /// No flags and no personal data.
    pub const EMPTY: ViewPolicy = ViewPolicy {
        flags: &[],
        pii: &[],
    };
}
