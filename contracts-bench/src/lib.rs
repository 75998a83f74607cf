//! Benchmarks of `contracts-core`.
//!
//! - `cargo bench -p contracts-bench --bench registry_lookup`: registry lookups at 1,000
//!   contracts against a `HashMap<String, _>` baseline.
//! - `cargo run -p contracts-bench --release --bin compile-bench`: the time `cargo check` takes on
//!   a generated crate of 500 operations, 300 events and 50 capabilities, against the same
//!   structs with only serde and schemars derives.

pub mod generate;
