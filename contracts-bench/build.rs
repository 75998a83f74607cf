//! Generates the 1,000 contracts of the lookup benchmark.

// The build script generates only the contracts variant; the baseline is the binary's.
#[allow(dead_code)]
#[path = "src/generate.rs"]
mod generate;

fn main() {
    let sizes = generate::Sizes {
        capabilities: 50,
        operations: 600,
        events: 350,
    };
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(
        out.join("lookup_contracts.rs"),
        generate::source(sizes, generate::Variant::Contracts),
    )
    .expect("OUT_DIR is writable");
    println!("cargo::rerun-if-changed=src/generate.rs");
}
