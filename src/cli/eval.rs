//! `zufi eval <queries> --index <file>`: Recall@1, Recall@5 and MRR@10 per
//! category and overall.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context};
use zufi::eval::{evaluate, parse_queries, Metrics};

use super::output::{stdout, Stdout};

/// Arguments of `zufi eval`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Judged query set (tab-separated: catalog, category, query, acceptable).
    queries: PathBuf,
    /// Index file.
    #[arg(long)]
    index: PathBuf,
    /// Which rows of the query set to use (their `catalog` column); by
    /// default the index file name without extension, e.g. `berlin`.
    #[arg(long)]
    catalog: Option<String>,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
    /// Also list the queries without an acceptable answer in the top five.
    #[arg(long)]
    misses: bool,
}

/// Runs `zufi eval`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let text = std::fs::read_to_string(&args.queries)
        .with_context(|| format!("cannot read {}", args.queries.display()))?;
    let all = parse_queries(&text, &args.queries.display().to_string())?;
    let index = super::read_index::open_index_file(&args.index)?;
    let catalog = match args.catalog {
        Some(name) => name,
        None => args
            .index
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .context("name the query set's catalog with --catalog")?,
    };
    let queries: Vec<_> = all.into_iter().filter(|q| q.catalog == catalog).collect();
    if queries.is_empty() {
        bail!(
            "{} has no queries for catalog {catalog:?} (choose one with --catalog)",
            args.queries.display()
        );
    }
    let report = evaluate(&index, &queries);
    let mut out = stdout();
    if args.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&report)?)?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(
        out,
        "{:<14} {:>7} {:>9} {:>9} {:>8}",
        "category", "queries", "Recall@1", "Recall@5", "MRR@10"
    )?;
    let row = |out: &mut Stdout, name: &str, m: &Metrics| {
        writeln!(
            out,
            "{name:<14} {:>7} {:>9.3} {:>9.3} {:>8.3}",
            m.queries, m.recall_at_1, m.recall_at_5, m.mrr_at_10
        )
    };
    for (name, metrics) in &report.categories {
        row(&mut out, name, metrics)?;
    }
    row(&mut out, "overall", &report.overall)?;
    if args.misses {
        writeln!(out)?;
        for miss in &report.misses {
            let rank = miss.rank.map_or("-".to_string(), |r| r.to_string());
            writeln!(
                out,
                "line {:>4} {:<10} {:?}: rank {rank}, wanted {}, got {}",
                miss.query.line,
                miss.query.category,
                miss.query.query,
                miss.query.acceptable.join(","),
                miss.top.join(",")
            )?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
