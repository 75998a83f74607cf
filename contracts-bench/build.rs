//! Generates the contracts of the lookup and export benchmarks: the 1,000 contracts of
//! `generate::source`, and a registry of 250 keys in four versions each for the lookups.

// The build script generates only the contracts variant; the baseline is the binary's.
#[allow(dead_code)]
#[path = "src/generate.rs"]
mod generate;

use std::fmt::Write;

/// The versions of each key of the lookup registry, declared out of order: their text order
/// (`1.10.0` before `1.2.0`) is not their precedence, and a pre-release is the latest.
const VERSIONS: [&str; 4] = ["1.10.0", "2.0.0-rc.1", "1.0.0", "1.2.0"];

/// 250 events in four versions each: 1,000 contracts whose latest version must be found by
/// semver precedence.
fn versioned_source(keys: usize) -> String {
    let mut out = String::new();
    let mut listed = Vec::new();
    for k in 0..keys {
        for (v, version) in VERSIONS.iter().enumerate() {
            writeln!(
                out,
                "/// Event {k}, version {version}.\n#[contracts_core::event(key = \"lookup.domain{}.event{k}\", version = \"{version}\")]\n#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, contracts_core::Model)]\npub struct Event{k}V{v} {{\n    pub id: String,\n}}\n",
                k % 25
            )
            .unwrap();
            listed.push(format!("Event{k}V{v}"));
        }
    }
    writeln!(
        out,
        "contracts_core::registry! {{\n    /// Every generated contract.\n    pub static VERSIONED;\n    defaults(domain = \"lookup\", owners = [\"team.bench\"], stability = \"beta\");\n    contracts({});\n}}",
        listed.join(", ")
    )
    .unwrap();
    out
}

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
    std::fs::write(out.join("lookup_versions.rs"), versioned_source(250))
        .expect("OUT_DIR is writable");
    println!("cargo::rerun-if-changed=src/generate.rs");
}
