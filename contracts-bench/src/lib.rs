//! Benchmarks of `contracts-core`.
//!
//! - `cargo bench -p contracts-bench --bench registry_lookup`: registry lookups at 1,000
//!   contracts against a `HashMap<String, _>` baseline.
//! - `cargo run -p contracts-bench --release --bin compile-bench`: the time `cargo check` takes on
//!   a generated crate of 500 operations, 300 events and 50 capabilities, against the same
//!   structs with only serde and schemars derives; `--mode cold` times a cold check of an empty
//!   crate depending on `contracts-core` against one depending on serde and schemars, and
//!   `--mode edit` the incremental check after editing one contract's doc comment.
//! - `cargo test -p contracts-bench --test mistake_injection`: generated crates with mistakes
//!   injected, which `cargo check` must report exactly.

pub mod generate;
