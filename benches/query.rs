//! Query latency on the demo catalogs: `cargo bench --bench query`.
//!
//! Each benchmark runs one of `common::QUERIES` against an index built from a
//! committed demo catalog, with region resolution on.

#[allow(dead_code)] // The scale queries are the scale benchmarks'.
mod common;

use common::{index, index_bytes, options, QUERIES};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use zufi::Index;

fn query(c: &mut Criterion) {
    let berlin = index("berlin");
    let thueringen = index("thueringen");
    let mut group = c.benchmark_group("query");
    for (catalog, ars, text) in QUERIES {
        let index = if catalog == "berlin" {
            &berlin
        } else {
            &thueringen
        };
        let options = options(ars);
        group.bench_with_input(BenchmarkId::new(catalog, text), &text, |b, text| {
            b.iter(|| index.search(text, &options))
        });
    }
    group.finish();
    c.bench_function("open/berlin", |b| {
        let bytes = index_bytes("berlin");
        b.iter(|| Index::from_bytes(&bytes).expect("index opens"))
    });
}

criterion_group!(benches, query);
criterion_main!(benches);
