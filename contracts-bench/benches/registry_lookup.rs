//! Registry lookups at 1,000 contracts against a `HashMap<String, _>` built from the same
//! contracts, measured in the same run.
//!
//! `cargo bench -p contracts-bench --bench registry_lookup`

use contracts_core::Contract;
use criterion::{criterion_group, criterion_main, Criterion};
use std::collections::HashMap;
use std::hint::black_box;

include!(concat!(env!("OUT_DIR"), "/lookup_contracts.rs"));

fn lookups(c: &mut Criterion) {
    assert_eq!(REGISTRY.len(), 1000);
    let queries: Vec<(String, String)> = REGISTRY
        .iter()
        .map(|contract| (contract.key().to_owned(), contract.version().to_string()))
        .collect();
    let ids: Vec<String> = queries
        .iter()
        .map(|(key, version)| format!("{key}@{version}"))
        .collect();
    let by_id: HashMap<String, Contract> = REGISTRY
        .iter()
        .map(|contract| {
            (
                format!("{}@{}", contract.key(), contract.version()),
                contract,
            )
        })
        .collect();
    let by_key: HashMap<String, Contract> = REGISTRY
        .iter()
        .map(|contract| (contract.key().to_owned(), contract))
        .collect();

    let mut group = c.benchmark_group("lookup 1000 contracts by key and version");
    group.bench_function("Registry::get", |b| {
        b.iter(|| {
            for (key, version) in &queries {
                black_box(REGISTRY.get(black_box(key), black_box(version)));
            }
        })
    });
    group.bench_function("HashMap<String, _>::get (baseline)", |b| {
        b.iter(|| {
            for id in &ids {
                black_box(by_id.get(black_box(id.as_str())));
            }
        })
    });
    group.finish();

    let mut group = c.benchmark_group("latest version of 1000 keys");
    group.bench_function("Registry::latest", |b| {
        b.iter(|| {
            for (key, _) in &queries {
                black_box(REGISTRY.latest(black_box(key)));
            }
        })
    });
    group.bench_function("HashMap<String, _>::get (baseline)", |b| {
        b.iter(|| {
            for (key, _) in &queries {
                black_box(by_key.get(black_box(key.as_str())));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, lookups);
criterion_main!(benches);
