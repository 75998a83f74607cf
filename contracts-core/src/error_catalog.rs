//! The named errors an operation declares.

use crate::descriptors::ErrorSpec;

/// An enum whose variants are an operation's declared errors.
///
/// Derive it with [`ErrorCatalog`](macro@crate::ErrorCatalog) and name it in the operation's
/// attribute (`errors = MyErrors`). A typed handler can only return these variants (or the
/// standard failure codes), so returning an undeclared error does not compile.
pub trait ErrorCatalog: Send + Sync + 'static {
    /// Every declared error, in declaration order.
    const ERRORS: &'static [ErrorSpec];

    /// The spec of this error.
    fn spec(&self) -> &'static ErrorSpec;

    /// The error code.
    fn code(&self) -> &'static str {
        self.spec().code
    }
}

/// The error catalog of an operation that declares no errors. It has no values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoErrors {}

impl ErrorCatalog for NoErrors {
    const ERRORS: &'static [ErrorSpec] = &[];

    fn spec(&self) -> &'static ErrorSpec {
        match *self {}
    }
}
