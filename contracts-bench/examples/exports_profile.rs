//! Runs one export of the 1,000 generated contracts of the exports benchmark `N` times, for a
//! profiler (`valgrind --tool=callgrind`), where criterion's sampling gets in the way.
//!
//! `cargo run -p contracts-bench --release --example exports_profile -- <surface> [N]`, with
//! `<surface>` one of `schemas`, `json-schema`, `openapi`, `mcp`, `graphql`, `pages`,
//! `markdown`, `html`, `all`.

use contracts_export::docs::Format;
use contracts_export::Surfaces;
use std::hint::black_box;

include!(concat!(env!("OUT_DIR"), "/lookup_contracts.rs"));

fn main() {
    let mut args = std::env::args().skip(1);
    let surface = args.next().unwrap_or_else(|| "all".to_owned());
    let runs: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(1);
    for _ in 0..runs {
        let surfaces = Surfaces::new(&REGISTRY);
        let prepared = !matches!(surface.as_str(), "schemas" | "pages" | "all");
        if prepared {
            black_box(surfaces.schemas());
            black_box(surfaces.pages());
        }
        match surface.as_str() {
            "schemas" => drop(black_box(surfaces.schemas())),
            "pages" => drop(black_box(surfaces.pages())),
            "json-schema" => drop(black_box(surfaces.json_schema())),
            "openapi" => drop(black_box(surfaces.openapi())),
            "mcp" => drop(black_box(surfaces.mcp())),
            "graphql" => drop(black_box(surfaces.graphql())),
            "markdown" => drop(black_box(surfaces.docs(Format::Markdown))),
            "html" => drop(black_box(surfaces.docs(Format::Html))),
            "all" => {
                black_box(surfaces.json_schema());
                black_box(surfaces.openapi());
                black_box(surfaces.mcp());
                black_box(surfaces.graphql());
                black_box(surfaces.docs(Format::Markdown));
                black_box(surfaces.docs(Format::Html));
            }
            other => panic!("unknown surface `{other}`"),
        }
    }
}
