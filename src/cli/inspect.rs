//! `zufi inspect <index>`: version, counts and section sizes; for a sharded
//! index, its shards by kind.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use zufi::{Manifest, Shard, ShardKind};

use super::output::{gzip_size, stdout, thousands};

/// Arguments of `zufi inspect`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Index file, or a sharded index's manifest.json or folder.
    index: PathBuf,
}

/// Runs `zufi inspect`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let opened = super::open::open(&args.index)?;
    let index = &opened.index;
    let meta = index.meta();
    let mut out = stdout();
    writeln!(out, "file            {}", args.index.display())?;
    if let Some(catalog) = &meta.catalog {
        writeln!(
            out,
            "catalog         {}{}",
            catalog.name,
            if catalog.demo { " (demo data)" } else { "" }
        )?;
        if let Some(date) = &catalog.ars_list {
            writeln!(out, "ARS list of     {date}")?;
        }
    }
    writeln!(out, "format version  {}", index.version())?;
    writeln!(out, "checksum        {:08x}", index.checksum())?;
    let total: usize = opened.files.iter().map(|(_, bytes)| bytes.len()).sum();
    let total_gzip: usize = opened.files.iter().map(|(_, bytes)| gzip_size(bytes)).sum();
    writeln!(
        out,
        "size            {} bytes ({} gzip){}",
        thousands(total),
        thousands(total_gzip),
        match opened.files.len() {
            1 => String::new(),
            n => format!(" in {n} files"),
        }
    )?;
    writeln!(out)?;
    let counts = index.counts();
    for (label, count) in [
        ("services", counts.services as usize),
        ("authorities", counts.authorities as usize),
        ("online services", counts.online_services as usize),
        ("forms", counts.forms as usize),
        ("topics", index.topics().len()),
        ("regions", counts.regions as usize),
        ("responsibilities", meta.responsibilities as usize),
        ("terms", index.term_count()),
    ] {
        writeln!(out, "{label:<16}{:>10}", thousands(count))?;
    }
    writeln!(out)?;
    match &opened.manifest {
        None => {
            writeln!(out, "{:<18}{:>10}", "section", "bytes")?;
            for (section, size) in index.section_sizes() {
                writeln!(out, "{:<18}{:>10}", section.name(), thousands(*size))?;
            }
        }
        Some(manifest) => shard_table(&mut out, manifest, &opened.files)?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Shards by kind: how many, their bytes and gzip bytes together, and the
/// largest one's gzip bytes (what one fetch costs at most).
fn shard_table(
    out: &mut impl Write,
    manifest: &Manifest,
    files: &[(PathBuf, Vec<u8>)],
) -> anyhow::Result<()> {
    writeln!(
        out,
        "{:<10}{:>8}{:>14}{:>12}{:>16}",
        "shards", "files", "bytes", "gzip", "largest gzip"
    )?;
    let gzip_of = |file: &str| {
        files
            .iter()
            .find(|(path, _)| path.file_name().is_some_and(|name| name == file))
            .map_or(0, |(_, bytes)| gzip_size(bytes))
    };
    let mut kinds: Vec<ShardKind> = manifest.shards.iter().map(|s| s.kind).collect();
    kinds.dedup();
    for kind in kinds {
        let of_kind: Vec<&Shard> = manifest.shards.iter().filter(|s| s.kind == kind).collect();
        let gzips: Vec<usize> = of_kind.iter().map(|s| gzip_of(&s.file)).collect();
        writeln!(
            out,
            "{:<10}{:>8}{:>14}{:>12}{:>16}",
            kind.name(),
            of_kind.len(),
            thousands(of_kind.iter().map(|s| s.bytes as usize).sum()),
            thousands(gzips.iter().sum()),
            thousands(gzips.iter().copied().max().unwrap_or(0))
        )?;
    }
    Ok(())
}
