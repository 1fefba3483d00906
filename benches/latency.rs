//! Per-query latency distribution (median, p99) on the demo catalogs:
//! `cargo bench --bench latency` prints a table. Criterion (`benches/query.rs`)
//! gives stable means; this gives the tail.

#[allow(dead_code)] // The scale queries are the scale benchmarks'.
mod common;

use std::time::Instant;

use common::{index, options, percentile, QUERIES, SENTENCES};

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
    let measure = |catalog: &str, ars: &str, query: &str| {
        let index = if catalog == "berlin" {
            &berlin
        } else {
            &thueringen
        };
        let options = options(ars);
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
        micros
    };
    for (catalog, ars, query) in QUERIES {
        all.extend(measure(catalog, ars, query));
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
    println!("\ntwelve-word sentences:");
    for (catalog, ars, sentence) in SENTENCES {
        measure(catalog, ars, sentence);
    }
}
