//! `zufi inspect <file>`: version, counts and section sizes.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use zufi::Index;

use super::output::{gzip_size, stdout, thousands};

/// Arguments of `zufi inspect`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Index file.
    index: PathBuf,
}

/// Runs `zufi inspect`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let bytes = super::read_index::read_index_bytes(&args.index)?;
    let index = Index::from_bytes(&bytes)
        .with_context(|| format!("cannot open {}", args.index.display()))?;
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
    writeln!(
        out,
        "size            {} bytes ({} gzip)",
        thousands(index.file_size()),
        thousands(gzip_size(&bytes))
    )?;
    writeln!(out)?;
    for (label, count) in [
        ("services", index.services().len()),
        ("authorities", index.authorities().len()),
        ("online services", index.online_services().len()),
        ("forms", index.forms().len()),
        ("topics", index.topics().len()),
        ("regions", index.regions().len()),
        ("responsibilities", meta.responsibilities as usize),
        ("terms", index.term_count()),
    ] {
        writeln!(out, "{label:<16}{:>10}", thousands(count))?;
    }
    writeln!(out)?;
    writeln!(out, "{:<18}{:>10}", "section", "bytes")?;
    for (section, size) in index.section_sizes() {
        writeln!(out, "{:<18}{:>10}", section.name(), thousands(*size))?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
