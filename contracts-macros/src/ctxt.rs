//! One error collector per expansion, so every problem is reported in one build.

use std::cell::RefCell;
use std::fmt::Display;

/// Collects errors while parsing and validating; the expansion reports them all.
#[derive(Default)]
pub struct Ctxt {
    errors: RefCell<Vec<syn::Error>>,
}

impl Ctxt {
    pub fn new() -> Self {
        Ctxt::default()
    }

    /// Records an error at `span`.
    pub fn error_spanned(&self, span: proc_macro2::Span, message: impl Display) {
        self.errors
            .borrow_mut()
            .push(syn::Error::new(span, message));
    }

    /// Records a `syn` error.
    pub fn syn_error(&self, error: syn::Error) {
        self.errors.borrow_mut().push(error);
    }

    pub fn has_errors(&self) -> bool {
        !self.errors.borrow().is_empty()
    }

    /// All errors as `compile_error!` invocations.
    pub fn into_compile_errors(self) -> proc_macro2::TokenStream {
        self.errors
            .into_inner()
            .into_iter()
            .map(|e| e.to_compile_error())
            .collect()
    }

    /// The messages of all errors, in order: what unit tests assert on.
    #[cfg(test)]
    pub fn into_messages(self) -> Vec<String> {
        let file: syn::File =
            syn::parse2(self.into_compile_errors()).expect("compile_error! items");
        file.items
            .iter()
            .filter_map(|item| match item {
                syn::Item::Macro(m) => m.mac.parse_body::<syn::LitStr>().ok().map(|l| l.value()),
                _ => None,
            })
            .collect()
    }
}
