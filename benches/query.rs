//! Query latency on the demo catalogs: `cargo bench --bench query`.
//!
//! Each benchmark runs one realistic citizen query (exact, typo, umlaut
//! transliteration, prefix while typing, several words) against an index
//! built from a committed demo catalog, with region resolution on.

use std::path::Path;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use zufi::{Index, SearchOptions};

const QUERIES: [(&str, &str, &str); 10] = [
    ("berlin", "110000000000", "personalausweis beantragen"),
    ("berlin", "110000000000", "gewerbestuer"),
    ("berlin", "110000000000", "gebaeudevermessung"),
    ("berlin", "110000000000", "anmel"),
    ("berlin", "110000000000", "wohnung anmelden"),
    ("thueringen", "160705009001", "hundesteuer"),
    ("thueringen", "160510000000", "personalausweis"),
    ("thueringen", "160700004004", "baugenehmigung beantragen"),
    ("thueringen", "160510000000", "fahrzeug zulassen"),
    ("thueringen", "160705009001", "gewerbe anm"),
];

fn index(name: &str) -> Index {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("index")
        .join(name);
    let loaded = zufi::catalog::load(&path).expect("demo catalogs are committed under index/");
    let bytes = loaded
        .index_builder()
        .expect("the thesaurus applies")
        .build()
        .expect("demo catalog builds")
        .bytes;
    Index::from_bytes(&bytes).expect("fresh index opens")
}

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
        let options = SearchOptions {
            region: Some(ars.parse().expect("valid ARS")),
            limit: 10,
        };
        group.bench_with_input(BenchmarkId::new(catalog, text), &text, |b, text| {
            b.iter(|| index.search(text, &options))
        });
    }
    group.finish();
    c.bench_function("open/berlin", |b| {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("index")
            .join("berlin");
        let loaded = zufi::catalog::load(&path).expect("demo catalog loads");
        let bytes = loaded
            .index_builder()
            .expect("the thesaurus applies")
            .build()
            .expect("demo catalog builds")
            .bytes;
        b.iter(|| Index::from_bytes(&bytes).expect("index opens"))
    });
}

criterion_group!(benches, query);
criterion_main!(benches);
