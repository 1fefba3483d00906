//! Open time and query latency on one index file, for the generated scale
//! catalogs of `scripts/generate-catalog` (docs/GENERATED-CATALOGS.md):
//!
//! ```sh
//! ZUFI_BENCH_INDEX=build/generated/national.zufi cargo bench --bench scale
//! ```
//!
//! prints two Markdown tables (`scripts/measure-scale` runs it). Without
//! `ZUFI_BENCH_INDEX` it measures the two demo indexes, built in-process.
//!
//! Open: `Index::from_bytes` (every section checked) on bytes in memory,
//! once, then repeated for about three seconds, and the process's peak
//! memory after it. Queries: `benches/scale-queries.json`,
//! each without a place and with the first of its places the index holds,
//! ten hits, repeated up to 5,000 times or about two seconds, timed one by
//! one. A benchmark, not a test: it asserts nothing about the times.

#[allow(dead_code)] // The queries and options are the other benchmarks'.
mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::percentile;
use zufi::{Ars, Index, SearchOptions};

/// Runs `f` until `budget` is spent (at least `min`, at most `max` times) and
/// returns the sorted durations in `unit`s per second (1e3: ms, 1e6: µs).
fn sample(min: usize, max: usize, budget: Duration, unit: f64, mut f: impl FnMut()) -> Vec<f64> {
    let started = Instant::now();
    let mut times = Vec::new();
    while times.len() < min || (times.len() < max && started.elapsed() < budget) {
        let one = Instant::now();
        f();
        times.push(one.elapsed().as_secs_f64() * unit);
    }
    times.sort_by(f64::total_cmp);
    times
}

/// The process's peak resident memory in MiB (Linux: `VmHWM` of
/// /proc/self/status), or a dash where that is not available.
fn peak_rss() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
            let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
            Some(format!("{:.0}", kib / 1024.0))
        })
        .unwrap_or_else(|| "—".to_string())
}

fn main() {
    // `cargo bench -- --test` (the CI smoke run) only checks that it runs.
    let smoke = std::env::args().any(|a| a == "--test");
    let (min, max, scale) = if smoke { (2, 3, 0.0) } else { (5, 5_000, 1.0) };
    let indexes: Vec<(String, Vec<u8>)> = match std::env::var_os("ZUFI_BENCH_INDEX") {
        Some(path) => {
            let bytes = std::fs::read(&path)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.to_string_lossy()));
            let name = Path::new(&path)
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            vec![(name, bytes)]
        }
        None => ["berlin", "thueringen"]
            .map(|name| (name.to_string(), common::index_bytes(name)))
            .into(),
    };
    let queries = common::scale_queries();

    // The peak memory is the process's so far: the file's bytes, one open
    // index (each is dropped before the next opens), and for the demo
    // indexes their build.
    println!("| index | bytes | first open ms | then opens | median ms | min ms | max ms | peak RSS MiB |");
    println!("|---|---:|---:|---:|---:|---:|---:|---:|");
    let budget = Duration::from_secs_f64(3.0 * scale);
    for (name, bytes) in &indexes {
        let started = Instant::now();
        std::hint::black_box(Index::from_bytes(bytes).expect("index opens"));
        let first = started.elapsed().as_secs_f64() * 1e3;
        let times = sample(min.min(3), 200, budget, 1e3, || {
            std::hint::black_box(Index::from_bytes(bytes).expect("index opens"));
        });
        println!(
            "| {name} | {} | {first:.2} | {} | {:.2} | {:.2} | {:.2} | {} |",
            bytes.len(),
            times.len(),
            percentile(&times, 0.5),
            times[0],
            times[times.len() - 1],
            peak_rss()
        );
    }

    println!();
    println!("| index | query | place | runs | hits | median µs | p99 µs |");
    println!("|---|---|---|---:|---:|---:|---:|");
    let budget = Duration::from_secs_f64(2.0 * scale);
    for (name, bytes) in &indexes {
        let index = Index::from_bytes(bytes).expect("index opens");
        let mut all: [Vec<f64>; 2] = [Vec::new(), Vec::new()];
        for query in &queries {
            let place = query
                .places
                .iter()
                .filter_map(|place| place.ars.parse::<Ars>().ok())
                .find(|ars| index.region(ars).is_some());
            for (with_place, region) in [(false, None), (true, place)] {
                if with_place && region.is_none() {
                    continue;
                }
                let options = SearchOptions {
                    region,
                    limit: 10,
                    ..Default::default()
                };
                let hits = index.search(&query.query, &options).len();
                let times = sample(min.min(3), max, budget, 1e6, || {
                    std::hint::black_box(index.search(&query.query, &options));
                });
                let place_name = region
                    .and_then(|ars| index.region(&ars))
                    .map_or_else(|| "—".to_string(), |r| r.name.clone());
                println!(
                    "| {name} | {} | {place_name} | {} | {hits} | {:.1} | {:.1} |",
                    query.query,
                    times.len(),
                    percentile(&times, 0.5),
                    percentile(&times, 0.99)
                );
                all[usize::from(with_place)].extend(times);
            }
        }
        for (with_place, times) in all.iter_mut().enumerate() {
            times.sort_by(f64::total_cmp);
            if times.is_empty() {
                continue;
            }
            let label = if with_place == 1 {
                "with a place"
            } else {
                "without a place"
            };
            println!(
                "| {name} | **all** | {label} | {} | | **{:.1}** | **{:.1}** |",
                times.len(),
                percentile(times, 0.5),
                percentile(times, 0.99)
            );
        }
    }
}
