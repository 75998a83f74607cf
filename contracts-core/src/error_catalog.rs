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

    /// The declared error whose code is `code`, as a value: how a client reads a failure's
    /// code back into the operation's own error. `None` for a code this catalog does not
    /// declare.
    ///
    /// The derive implements it for every variant. A catalog implemented by hand keeps this
    /// default, which decodes no code (a client then reads its errors as undeclared codes),
    /// unless it implements it too.
    ///
    /// ```
    /// use contracts_core::ErrorCatalog;
    ///
    /// #[derive(Debug, PartialEq, ErrorCatalog)]
    /// pub enum PlaceError {
    ///     /// No stock left.
    ///     #[contract_error(http = 409)]
    ///     OutOfStock,
    ///     /// The basket is empty.
    ///     #[contract_error(http = 422, code = "BASKET_EMPTY")]
    ///     EmptyBasket,
    /// }
    ///
    /// assert_eq!(PlaceError::from_code("BASKET_EMPTY"), Some(PlaceError::EmptyBasket));
    /// assert_eq!(PlaceError::from_code("OUT_OF_STOCK"), Some(PlaceError::OutOfStock));
    /// assert_eq!(PlaceError::from_code("EMPTY_BASKET"), None);
    /// assert_eq!(PlaceError::from_code("NOT_FOUND"), None);
    /// ```
    fn from_code(code: &str) -> Option<Self>
    where
        Self: Sized,
    {
        let _ = code;
        None
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

    fn from_code(_code: &str) -> Option<NoErrors> {
        None
    }
}
