//! Compile-fail and compile-pass tests of the contract macros and the runtime's typed binding,
//! run with trybuild by `tests/ui.rs`.
//!
//! - `tests/fail/<rule>/`: one directory per governance rule (`r01_unknown_capability` …
//!   `r10_query_idempotent`), plus ambiguity, registration, cascades, message types, and the
//!   runtime's mistyped handlers and undeclared emits; each case has its reviewed `.stderr`.
//! - `tests/pass/`: every feature together, across crates.
//! - Fixture crates the cases depend on: `upstream/` (`ui-upstream`, contracts a downstream
//!   crate refers to), `downstream/` (`ui-downstream`, which includes the upstream registry) and
//!   `runs/` (`ui-runs`, two operations with error catalogs, to bind mistyped handlers to).
