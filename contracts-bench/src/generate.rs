//! Generates a crate's worth of contracts, and the same structs with only serde and schemars
//! derives, for the compile-time and lookup benchmarks and the mistake-injection test. Shared by
//! `build.rs`, the `compile-bench` binary and `tests/mistake_injection.rs`.

use std::fmt::Write;

/// How many contracts of each kind to generate.
#[derive(Clone, Copy, Debug)]
pub struct Sizes {
    /// Capabilities; each provides an equal share of the operations and events.
    pub capabilities: usize,
    /// Operations; even ones are commands (each emitting one event), odd ones queries.
    pub operations: usize,
    /// Events.
    pub events: usize,
}

/// What the generated structs carry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Variant {
    /// Contract attributes, `Model` derives and a `registry!`.
    Contracts,
    /// The same structs with serde and schemars derives only: the baseline.
    SerdeOnly,
}

const DERIVES: &str = "#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]\n#[serde(rename_all = \"camelCase\", deny_unknown_fields)]\n";
const MODEL_DERIVES: &str = "#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, schemars::JsonSchema, contracts_core::Model)]\n#[serde(rename_all = \"camelCase\", deny_unknown_fields)]\n";

/// One crate of a set of generated crates that build on each other: its keys start with its
/// `prefix` (`PREFIX.domainC.opO`), and its `registry!` includes the registries (`REGISTRY`) of
/// the crates named in `upstream`.
#[derive(Clone, Copy, Debug)]
pub struct Layer<'a> {
    /// The crate's name (a Rust identifier), also the first segment of its keys.
    pub prefix: &'a str,
    /// How many contracts of each kind it declares.
    pub sizes: Sizes,
    /// The crates it depends on; it includes their registries. With at least one, every fourth
    /// command also emits an event of the first, and the first capability requires that
    /// crate's first capability, so checks cross the crate boundary.
    pub upstream: &'a [&'a str],
}

/// The Rust source of the generated contracts.
pub fn source(sizes: Sizes, variant: Variant) -> String {
    let layer = Layer {
        prefix: "bench",
        sizes,
        upstream: &[],
    };
    layer_source(&layer, variant)
}

/// The Rust source of one crate of a layered set (see [`Layer`]); [`source`] is the single
/// crate `bench` with nothing upstream.
pub fn layer_source(layer: &Layer<'_>, variant: Variant) -> String {
    let Layer {
        prefix: p,
        sizes,
        upstream,
    } = *layer;
    let contracts = variant == Variant::Contracts;
    let derives = if contracts { MODEL_DERIVES } else { DERIVES };
    let mut out = String::new();
    let mut listed = Vec::new();
    for c in 0..sizes.capabilities {
        // Doc comments are part of the structs in both variants: schemars documents them too.
        writeln!(out, "/// Capability {c}.").unwrap();
        if contracts {
            let mut provides = Vec::new();
            for o in (0..sizes.operations).filter(|o| o % sizes.capabilities == c) {
                provides.push(format!(
                    "operation(\"{p}.domain{c}.op{o}@1.0.0\", description = \"Operation {o}.\")"
                ));
            }
            for e in (0..sizes.events).filter(|e| e % sizes.capabilities == c) {
                provides.push(format!("event(\"{p}.domain{c}.event{e}@1.0.0\")"));
            }
            let requires = match upstream.first() {
                Some(up) if c == 0 => format!(
                    ", requires(capability(\"{up}.capability0@1.0.0\", reason = \"Builds on {up}.\"))"
                ),
                _ => String::new(),
            };
            writeln!(
                out,
                "#[contracts_core::capability(key = \"{p}.capability{c}\", version = \"1.0.0\", kind = \"api\", provides({}){requires})]",
                provides.join(", ")
            )
            .unwrap();
            listed.push(format!("Capability{c}"));
        }
        writeln!(out, "pub struct Capability{c};\n").unwrap();
    }
    for e in 0..sizes.events {
        let c = e % sizes.capabilities;
        writeln!(out, "/// Event {e}.").unwrap();
        if contracts {
            writeln!(
                out,
                "#[contracts_core::event(key = \"{p}.domain{c}.event{e}\", version = \"1.0.0\", capability = \"{p}.capability{c}\", pii = [\"email\"])]"
            )
            .unwrap();
            listed.push(format!("Event{e}"));
        }
        writeln!(
            out,
            "{derives}pub struct Event{e} {{\n    pub record_id: String,\n    pub email: String,\n    pub attempts: i64,\n    #[serde(default, skip_serializing_if = \"Option::is_none\")]\n    pub note: Option<String>,\n    pub at: chrono::DateTime<chrono::Utc>,\n}}\n"
        )
        .unwrap();
    }
    for o in 0..sizes.operations {
        let c = o % sizes.capabilities;
        let command = o % 2 == 0;
        writeln!(out, "/// Operation {o}.").unwrap();
        if contracts {
            let (attr, emits) = if command {
                let event = match upstream.first() {
                    Some(up) if o % 4 == 0 => format!("{up}::Event{}", o % sizes.events),
                    _ => format!("Event{}", o % sizes.events),
                };
                (
                    "command",
                    format!(", emits({event}(when = \"It happens.\"))"),
                )
            } else {
                ("query", String::new())
            };
            writeln!(
                out,
                "#[contracts_core::{attr}(key = \"{p}.domain{c}.op{o}\", version = \"1.0.0\", capability = \"{p}.capability{c}\", output = Output{o}{emits}, policy(auth = \"user\", pii = [\"email\"]))]"
            )
            .unwrap();
            listed.push(format!("Input{o}"));
        }
        writeln!(
            out,
            "{derives}pub struct Input{o} {{\n    pub record_id: String,\n    pub email: String,\n    #[serde(default, skip_serializing_if = \"Option::is_none\")]\n    pub limit: Option<i64>,\n}}\n"
        )
        .unwrap();
        writeln!(
            out,
            "{derives}pub struct Output{o} {{\n    pub record_id: String,\n    pub accepted: bool,\n    pub items: Vec<String>,\n}}\n"
        )
        .unwrap();
    }
    if contracts {
        let includes = if upstream.is_empty() {
            String::new()
        } else {
            let registries: Vec<String> =
                upstream.iter().map(|u| format!("{u}::REGISTRY")).collect();
            format!("    includes({});\n", registries.join(", "))
        };
        writeln!(
            out,
            "contracts_core::registry! {{\n    /// Every generated contract.\n    pub static REGISTRY;\n    defaults(domain = \"{p}\", owners = [\"team.{p}\"], tags = [\"{p}\"], stability = \"beta\");\n{includes}    contracts({});\n}}",
            listed.join(", ")
        )
        .unwrap();
    }
    out
}
