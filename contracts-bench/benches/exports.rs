//! Every export of a generated registry of 1,000 contracts (50 capabilities, 600 operations, 350
//! events): JSON Schema, OpenAPI 3.1, MCP tools, GraphQL SDL, and the docs site in Markdown and
//! in HTML, rendered in memory. The target is all of them in under 100 ms.
//!
//! "all of them" measures what [`Surfaces`] returns: the JSON Schema and OpenAPI documents as
//! the pretty-printed JSON text `contracts export` writes (serialization included), the MCP
//! tools as a `serde_json::Value`, the SDL and the docs sites as text. The single-surface
//! benchmarks and "one by one" measure the modules' own functions, which return `Value`s.
//!
//! `cargo bench -p contracts-bench --bench exports`

use contracts_export::docs::Format;
use contracts_export::{docs, graphql, json_schema, mcp, openapi, Surfaces};
use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;

include!(concat!(env!("OUT_DIR"), "/lookup_contracts.rs"));

fn exports(c: &mut Criterion) {
    assert_eq!(REGISTRY.len(), 1000);
    let mut group = c.benchmark_group("export 1000 contracts");
    group.sample_size(10);
    group.bench_function("json schema", |b| {
        b.iter(|| black_box(json_schema::export(&REGISTRY)))
    });
    group.bench_function("openapi", |b| {
        b.iter(|| black_box(openapi::export(&REGISTRY)))
    });
    group.bench_function("mcp", |b| b.iter(|| black_box(mcp::export(&REGISTRY))));
    group.bench_function("graphql", |b| {
        b.iter(|| black_box(graphql::export(&REGISTRY)))
    });
    group.bench_function("docs markdown", |b| {
        b.iter(|| black_box(docs::markdown(&REGISTRY)))
    });
    group.bench_function("docs html", |b| b.iter(|| black_box(docs::html(&REGISTRY))));
    group.bench_function("all of them", |b| {
        b.iter(|| {
            let surfaces = Surfaces::new(&REGISTRY);
            black_box(surfaces.json_schema());
            black_box(surfaces.openapi());
            black_box(surfaces.mcp());
            black_box(surfaces.graphql());
            black_box(surfaces.docs(Format::Markdown));
            black_box(surfaces.docs(Format::Html));
        })
    });
    group.bench_function("all of them, one by one", |b| {
        b.iter(|| {
            black_box(json_schema::export(&REGISTRY));
            black_box(openapi::export(&REGISTRY));
            black_box(mcp::export(&REGISTRY));
            black_box(graphql::export(&REGISTRY));
            black_box(docs::markdown(&REGISTRY));
            black_box(docs::html(&REGISTRY));
        })
    });
    group.finish();
}

criterion_group!(benches, exports);
criterion_main!(benches);
