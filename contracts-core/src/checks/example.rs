//! The compile-time checks of declared examples: an expected error is one the operation can
//! return, and an expected event is one it emits. (That the JSON decodes into the Rust type is
//! checked by [`check_examples`](crate::descriptors::check_examples), in the test every
//! `registry!` generates.)

use super::message::Message;
use super::rules::Check;
use crate::descriptors::{ErrorSpec, EventDescriptor};
use crate::wire::FailureCode;
use crate::Declaration;
use contracts_syntax::str_eq;

/// `code` is a declared error of `errors` (the operation's catalog) or a standard failure code.
pub const fn example_error(errors: &[ErrorSpec], code: &str) -> Check {
    let mut i = 0;
    while i < errors.len() {
        if str_eq(errors[i].code, code) {
            return Ok(());
        }
        i += 1;
    }
    let mut j = 0;
    while j < FailureCode::ALL.len() {
        if str_eq(FailureCode::ALL[j].as_str(), code) {
            return Ok(());
        }
        j += 1;
    }
    let mut m = Message::new()
        .push("example error ")
        .code(code)
        .push(" is not an error of the operation: declare it in the operation's `errors = ...` catalog, or use a standard failure code such as `NOT_FOUND` or `FORBIDDEN`");
    if !errors.is_empty() {
        m = m.push("; the catalog declares");
        let mut k = 0;
        while k < errors.len() {
            m = m.push(if k == 0 { " " } else { ", " }).code(errors[k].code);
            k += 1;
        }
    }
    Err(m)
}

/// `key` is the key of one of `emitted`, the events of the operation's `emits(...)`.
pub const fn example_event(
    emitted: &[(&'static EventDescriptor, Declaration)],
    key: &str,
) -> Check {
    let mut i = 0;
    while i < emitted.len() {
        if str_eq(emitted[i].0.meta.key, key) {
            return Ok(());
        }
        i += 1;
    }
    let mut m = Message::new()
        .push("example event ")
        .code(key)
        .push(" is not emitted by the operation: list it in `emits(...)`");
    if !emitted.is_empty() {
        m = m.push("; the operation emits");
        let mut k = 0;
        while k < emitted.len() {
            m = m
                .push(if k == 0 { " " } else { ", " })
                .code(emitted[k].0.meta.key);
            k += 1;
        }
    }
    Err(m)
}
