//! `zufi inspect <index>`: version, counts and section sizes; for a sharded
//! index, its shards by kind.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use zufi::ShardKind;

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
    if let Some(date) = &meta.date {
        writeln!(out, "catalog date    {date}")?;
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
        Some(_) => shard_table(&mut out, &opened.files)?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Shards by kind: how many, their bytes and gzip bytes together, and the
/// largest one's gzip bytes (what one fetch costs at most).
fn shard_table(out: &mut impl Write, files: &[(PathBuf, Vec<u8>)]) -> anyhow::Result<()> {
    writeln!(
        out,
        "{:<10}{:>8}{:>14}{:>12}{:>16}",
        "shards", "files", "bytes", "gzip", "largest gzip"
    )?;
    // A shard's kind is the start of its name: `area-16070.<hash>.zufi`.
    let kind_of = |path: &PathBuf| -> String {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        name.split(['-', '.'])
            .next()
            .unwrap_or_default()
            .to_string()
    };
    for kind in ShardKind::ALL {
        let of_kind: Vec<&Vec<u8>> = files
            .iter()
            .filter(|(path, _)| kind_of(path) == kind.name())
            .map(|(_, bytes)| bytes)
            .collect();
        if of_kind.is_empty() {
            continue;
        }
        let gzips: Vec<usize> = of_kind.iter().map(|bytes| gzip_size(bytes)).collect();
        writeln!(
            out,
            "{:<10}{:>8}{:>14}{:>12}{:>16}",
            kind.name(),
            of_kind.len(),
            thousands(of_kind.iter().map(|bytes| bytes.len()).sum()),
            thousands(gzips.iter().sum()),
            thousands(gzips.iter().copied().max().unwrap_or(0))
        )?;
    }
    Ok(())
}
