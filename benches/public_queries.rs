//! The native counterpart of the peer benchmark's zufi rows: every query of
//! the public set (`tests/relevance/queries.tsv`) searched as
//! `scripts/bench-peers` searches through the headless API in Node — limit
//! 10, no place, the whole set round after round — with the median and p99
//! over all searches. `cargo bench --bench public_queries` prints a table;
//! docs/PERFORMANCE.md keeps it beside the Node figures.

#[allow(dead_code)] // The queries and options are the other benchmarks'.
mod common;

use std::time::Instant;

use common::{index, percentile};
use zufi::SearchOptions;

/// The public queries of `catalog`, in the file's order.
fn public_queries<'q>(set: &'q str, catalog: &str) -> Vec<&'q str> {
    set.lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| {
            // catalog, category, query, acceptable …
            let mut columns = line.split('\t');
            let of_catalog = columns.next() == Some(catalog);
            columns.nth(1).filter(|_| of_catalog)
        })
        .collect()
}

fn main() {
    // `cargo bench -- --test` (the CI smoke run) only checks that it runs.
    let rounds = if std::env::args().any(|a| a == "--test") {
        1
    } else {
        20
    };
    let set = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/relevance/queries.tsv"
    ))
    .expect("the public query set");
    let options = SearchOptions {
        limit: 10,
        ..Default::default()
    };
    println!(
        "{:<12} {:>8} {:>7} {:>10} {:>10} {:>10}",
        "catalog", "queries", "rounds", "median µs", "p99 µs", "max µs"
    );
    let mut both = Vec::new();
    for catalog in ["berlin", "thueringen"] {
        let index = index(catalog);
        let queries = public_queries(&set, catalog);
        // One warm-up round, as the peer benchmark has.
        for query in &queries {
            std::hint::black_box(index.search(query, &options));
        }
        let mut micros = Vec::with_capacity(queries.len() * rounds);
        for _ in 0..rounds {
            for query in &queries {
                let started = Instant::now();
                std::hint::black_box(index.search(query, &options));
                micros.push(started.elapsed().as_secs_f64() * 1e6);
            }
        }
        micros.sort_by(f64::total_cmp);
        println!(
            "{catalog:<12} {:>8} {rounds:>7} {:>10.1} {:>10.1} {:>10.1}",
            queries.len(),
            percentile(&micros, 0.5),
            percentile(&micros, 0.99),
            micros[micros.len() - 1]
        );
        both.extend(micros);
    }
    both.sort_by(f64::total_cmp);
    println!(
        "{:<12} {:>8} {:>7} {:>10.1} {:>10.1} {:>10.1}",
        "both",
        "",
        "",
        percentile(&both, 0.5),
        percentile(&both, 0.99),
        both[both.len() - 1]
    );
}
