//! Registry lookups against a fast hash map of the same contracts, measured in the same run.
//!
//! The registry: 250 keys in four versions each (`1.0.0`, `1.2.0`, `1.10.0`, `2.0.0-rc.1`,
//! declared out of order), 1,000 contracts in a `registry!`. The baseline: two
//! `FxHashMap`s (rustc's hash, the fastest general-purpose hash for short keys) built from the
//! same contracts when the benchmark starts, one by `(key, version)` for exact lookups, one by
//! key to the latest version by semver precedence, which the map's construction computes as
//! the registry's does at compile time. Each sample looks up all 1,000 `(key, version)` pairs,
//! or the latest version of each key four times (1,000 lookups).
//!
//! `cargo bench -p contracts-bench --bench registry_lookup`

use contracts_core::Contract;
use criterion::{criterion_group, criterion_main, Criterion};
use rustc_hash::FxHashMap;
use std::hint::black_box;

include!(concat!(env!("OUT_DIR"), "/lookup_versions.rs"));

fn lookups(c: &mut Criterion) {
    assert_eq!(VERSIONED.len(), 1000);
    let queries: Vec<(&'static str, &'static str)> = VERSIONED
        .iter()
        .map(|contract| (contract.key(), contract.version().as_str()))
        .collect();
    let by_id: FxHashMap<(&'static str, &'static str), Contract> = VERSIONED
        .iter()
        .map(|contract| ((contract.key(), contract.version().as_str()), contract))
        .collect();
    let mut by_key: FxHashMap<&'static str, Contract> = FxHashMap::default();
    for contract in VERSIONED.iter() {
        let latest = by_key.entry(contract.key()).or_insert(contract);
        if contract.version().precedence_cmp(latest.version()).is_gt() {
            *latest = contract;
        }
    }
    // Both find the same contracts.
    for (key, version) in &queries {
        assert_eq!(
            VERSIONED.get(key, version).map(|c| c.meta() as *const _),
            by_id.get(&(*key, *version)).map(|c| c.meta() as *const _)
        );
        let latest = VERSIONED.latest(key).unwrap();
        assert_eq!(latest.version().as_str(), "2.0.0-rc.1");
        assert!(std::ptr::eq(latest.meta(), by_key[key].meta()));
    }

    let mut group = c.benchmark_group("lookup 1000 contracts by key and version");
    group.bench_function("Registry::get", |b| {
        b.iter(|| {
            for (key, version) in &queries {
                black_box(VERSIONED.get(black_box(key), black_box(version)));
            }
        })
    });
    group.bench_function("FxHashMap<(&str, &str), _>::get (baseline)", |b| {
        b.iter(|| {
            for query in &queries {
                black_box(by_id.get(black_box(query)));
            }
        })
    });
    group.finish();

    let mut group = c.benchmark_group("latest version of 250 keys, 4 times each");
    group.bench_function("Registry::latest", |b| {
        b.iter(|| {
            for (key, _) in &queries {
                black_box(VERSIONED.latest(black_box(key)));
            }
        })
    });
    group.bench_function("FxHashMap<&str, _>::get (baseline)", |b| {
        b.iter(|| {
            for (key, _) in &queries {
                black_box(by_key.get(black_box(key)));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, lookups);
criterion_main!(benches);
