//! Per-query latency distribution (median, p99) on the demo catalogs:
//! `cargo bench --bench latency` prints a table. Criterion (`benches/query.rs`)
//! gives stable means; this gives the tail.

use std::path::Path;
use std::time::Instant;

use zufi::{Index, SearchOptions};

/// As in `benches/query.rs`: realistic queries with region resolution on.
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

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn main() {
    // `cargo bench -- --test` (the CI smoke run) only checks that it runs.
    let rounds = if std::env::args().any(|a| a == "--test") {
        5
    } else {
        5_000
    };
    let berlin = index("berlin");
    let thueringen = index("thueringen");
    let mut all = Vec::new();
    println!(
        "{:<12} {:<28} {:>10} {:>10} {:>10}",
        "catalog", "query", "median µs", "p99 µs", "max µs"
    );
    for (catalog, ars, query) in QUERIES {
        let index = if catalog == "berlin" {
            &berlin
        } else {
            &thueringen
        };
        let options = SearchOptions {
            region: Some(ars.parse().expect("valid ARS")),
            limit: 10,
        };
        let mut micros: Vec<f64> = (0..rounds)
            .map(|_| {
                let started = Instant::now();
                std::hint::black_box(index.search(query, &options));
                started.elapsed().as_secs_f64() * 1e6
            })
            .collect();
        micros.sort_by(f64::total_cmp);
        println!(
            "{catalog:<12} {query:<28} {:>10.1} {:>10.1} {:>10.1}",
            percentile(&micros, 0.5),
            percentile(&micros, 0.99),
            micros[micros.len() - 1]
        );
        all.extend(micros);
    }
    all.sort_by(f64::total_cmp);
    println!(
        "{:<12} {:<28} {:>10.1} {:>10.1} {:>10.1}",
        "all",
        "",
        percentile(&all, 0.5),
        percentile(&all, 0.99),
        all[all.len() - 1]
    );
}
