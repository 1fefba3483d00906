//! What a browser fetches from a sharded index: the index bytes (gzip)
//! until the first suggestions of a typical query, and then for opening the
//! top hit with the responsible offices of a preset place.
//!
//! ```sh
//! ZUFI_BENCH_INDEX=build/generated/national.zufi cargo bench --bench shard_fetches
//! ```
//!
//! cuts the index into shards with the default options (as `zufi build
//! --shards`) and, for each query of `benches/scale-queries.json`, follows
//! the same `shards_for_*` calls the widget makes: the search shard, then
//! `shards_for_search` until it asks for nothing more (first suggestions),
//! then `shards_for_place`, `shards_for_service` and `shards_for_responsible`
//! for the top hit at the query's place (the detail). Each query starts from a fresh visitor with
//! nothing cached. Prints a Markdown table; without `ZUFI_BENCH_INDEX` it
//! uses the two demo indexes. A measurement, not a test: nothing is asserted.

#[allow(dead_code)] // The queries and options are the other benchmarks'.
mod common;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::time::Instant;

use zufi::{Ars, Index, SearchOptions, ShardOptions, ShardSet};

fn gzip(bytes: &[u8]) -> usize {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(6));
    encoder.write_all(bytes).expect("gzip into memory");
    encoder.finish().expect("gzip into memory").len()
}

/// One visitor: the shards fetched so far and their gzip bytes.
struct Visitor<'s> {
    set: &'s ShardSet,
    gzip: &'s BTreeMap<String, usize>,
    index: Index,
    fetched: Vec<String>,
}

impl<'s> Visitor<'s> {
    fn new(set: &'s ShardSet, gzip: &'s BTreeMap<String, usize>) -> Self {
        let entry = &set.manifest.entry;
        let bytes = &set.files.iter().find(|(n, _)| n == entry).expect("entry").1;
        Visitor {
            set,
            gzip,
            index: Index::from_bytes(bytes).expect("search shard opens"),
            fetched: vec![entry.clone()],
        }
    }

    fn fetch(&mut self, files: Vec<String>) -> bool {
        for file in &files {
            let bytes = &self
                .set
                .files
                .iter()
                .find(|(n, _)| n == file)
                .expect("shard")
                .1;
            self.index.add_shard(bytes).expect("shard adds");
            self.fetched.push(file.clone());
        }
        !files.is_empty()
    }

    fn gzip_bytes(&self) -> usize {
        self.fetched.iter().map(|f| self.gzip[f]).sum()
    }
}

fn names(shards: Vec<&zufi::Shard>) -> Vec<String> {
    shards.into_iter().map(|s| s.file.clone()).collect()
}

fn measure(name: &str, single: &Index, queries: &[common::ScaleQuery], smoke: bool) {
    let set = single
        .to_shards(&ShardOptions::default())
        .expect("index cuts into shards");
    let gzip: BTreeMap<String, usize> = set
        .files
        .iter()
        .map(|(name, bytes)| (name.clone(), gzip(bytes)))
        .collect();
    let total: usize = gzip.values().sum();
    println!(
        "\n{name}: {} shards, {:.1} KB gzip together; search shard {:.1} KB gzip\n",
        set.files.len(),
        total as f64 / 1000.0,
        gzip[&set.manifest.entry] as f64 / 1000.0
    );
    println!("| query | place | first suggestions: shards, KB gzip | + detail with place: shards, KB gzip | search with place, µs |");
    println!("|---|---|---:|---:|---:|");
    let mut firsts = Vec::new();
    let mut details = Vec::new();
    let mut latencies = Vec::new();
    for query in queries {
        let Some(place) = query
            .places
            .iter()
            .filter_map(|p| p.ars.parse::<Ars>().ok())
            .find(|ars| single.region(ars).is_some())
        else {
            continue;
        };
        let mut visitor = Visitor::new(&set, &gzip);
        let options = SearchOptions::default();
        while visitor.fetch(names(
            visitor.index.shards_for_search(&query.query, &options),
        )) {}
        let first = visitor.gzip_bytes();
        let first_count = visitor.fetched.len();
        let top = visitor
            .index
            .search(&query.query, &options)
            .first()
            .map(|hit| hit.service.id.clone());
        // Directories of areas come first, their areas in the next round.
        while visitor.fetch(names(visitor.index.shards_for_place(place))) {}
        if let Some(top) = top {
            visitor.fetch(names(visitor.index.shards_for_service(&top)));
            while visitor.fetch(names(visitor.index.shards_for_responsible(&top, place))) {}
        }
        let detail = visitor.gzip_bytes() - first;
        let with_place = SearchOptions {
            region: Some(place),
            ..SearchOptions::default()
        };
        while visitor.fetch(names(
            visitor.index.shards_for_search(&query.query, &with_place),
        )) {}
        let runs = if smoke { 3 } else { 300 };
        let mut times: Vec<f64> = (0..runs)
            .map(|_| {
                let started = Instant::now();
                std::hint::black_box(visitor.index.search(&query.query, &with_place));
                started.elapsed().as_secs_f64() * 1e6
            })
            .collect();
        times.sort_by(f64::total_cmp);
        latencies.push(times[times.len() / 2]);
        println!(
            "| {} | {place} | {first_count}, {:.1} | {}, {:.1} | {:.0} |",
            query.query,
            first as f64 / 1000.0,
            visitor.fetched.len() - first_count,
            detail as f64 / 1000.0,
            times[times.len() / 2]
        );
        firsts.push(first);
        details.push(detail);
    }
    let median = |values: &mut Vec<usize>| {
        values.sort_unstable();
        values.get(values.len() / 2).copied().unwrap_or(0) as f64 / 1000.0
    };
    let max = |values: &[usize]| values.iter().copied().max().unwrap_or(0) as f64 / 1000.0;
    latencies.sort_by(f64::total_cmp);
    println!(
        "\n{name}: first suggestions median {:.1} KB, max {:.1} KB; detail with place median {:.1} KB, max {:.1} KB (gzip); search with place: median of the queries' medians {:.0} µs",
        median(&mut firsts.clone()),
        max(&firsts),
        median(&mut details.clone()),
        max(&details),
        latencies.get(latencies.len() / 2).copied().unwrap_or(0.0)
    );
}

fn main() {
    let queries = common::scale_queries();
    // `cargo bench -- --test` (the CI smoke run) measures one demo index.
    let smoke = std::env::args().any(|a| a == "--test");
    match std::env::var_os("ZUFI_BENCH_INDEX") {
        Some(path) => {
            let bytes = std::fs::read(&path).expect("ZUFI_BENCH_INDEX names a readable file");
            let name = Path::new(&path).display().to_string();
            measure(
                &name,
                &Index::from_bytes(&bytes).expect("index opens"),
                &queries,
                smoke,
            );
        }
        None => {
            let names: &[&str] = if smoke {
                &["thueringen"]
            } else {
                &["berlin", "thueringen"]
            };
            for name in names {
                measure(name, &common::index(name), &queries, smoke);
            }
        }
    }
}
