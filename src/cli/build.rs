//! `zufi build <catalog> -o <file>`: validate, compile, write atomically;
//! `--shards <dir>` writes a sharded index instead (see `shards`).

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{bail, Context};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use zufi::{BuildStage, IndexBuilder};

use super::output::{eprint_line, gzip_size, thousands, written_file, AtomicOutput};

/// Warnings `zufi build` prints before summarising the rest.
const WARNINGS_SHOWN: usize = 10;

/// Arguments of `zufi build`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Catalog file or directory, or the http(s) address of an XZuFi export
    /// index (see index/README.md, "Catalogs on the web").
    catalog: PathBuf,
    /// Index file to write.
    #[arg(
        short,
        long,
        required_unless_present = "shards",
        conflicts_with = "shards"
    )]
    output: Option<PathBuf>,
    /// Write a sharded index into this folder instead, with `manifest.json`
    /// as its entry point (for large catalogs on the web; see www/README.md).
    #[arg(long, value_name = "DIR")]
    shards: Option<PathBuf>,
    /// Print only errors (for scripts).
    #[arg(short, long)]
    quiet: bool,
    /// Leave out the thesaurus (zufi's default German one and the
    /// catalog's own `thesaurus*.tsv`); only the catalog's own synonyms count.
    #[arg(long)]
    no_thesaurus: bool,
}

/// Refuses an output path that the catalog's loader reads: the catalog file
/// itself, a file of the catalog directory, or a new file there that the
/// next build would read as part of the catalog.
fn check_output(catalog: &Path, output: &Path) -> anyhow::Result<()> {
    let target = written_file(output);
    if !zufi::catalog::reads(catalog, &target) {
        return Ok(());
    }
    let suggestion = match catalog.file_stem() {
        Some(stem) => catalog.with_file_name(format!("{}.zufi", stem.to_string_lossy())),
        None => PathBuf::from("index.zufi"),
    };
    let (output, catalog_shown, suggestion) =
        (output.display(), catalog.display(), suggestion.display());
    if !catalog.is_dir() {
        bail!(
            "-o {output} is the catalog file {catalog_shown} itself: writing the index there would replace your catalog with the binary index; write the index to another file, e.g. -o {suggestion}"
        );
    }
    if target.exists() {
        bail!(
            "-o {output} is a file of the catalog folder {catalog_shown}: writing the index there would replace it with the binary index; write the index outside the catalog folder, e.g. -o {suggestion}"
        );
    }
    bail!(
        "-o {output} lies in the catalog folder {catalog_shown} and has a name zufi reads as a catalog file, so the next build would read the binary index as part of the catalog; write the index outside the catalog folder, e.g. -o {suggestion}"
    )
}

/// Where the build goes.
enum Destination {
    File(AtomicOutput),
    Shards(PathBuf),
}

/// Runs `zufi build`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let shown_output = match (&args.output, &args.shards) {
        (Some(file), _) => file.clone(),
        (None, Some(folder)) => folder.join(super::shards::MANIFEST),
        (None, None) => bail!("name the index file with -o or the shard folder with --shards"),
    };
    check_output(&args.catalog, &shown_output)?;
    let started = Instant::now();
    // The temporary output file exists from here on: an unwritable folder
    // fails before the work, and an error or an interrupt removes the file.
    let destination = match (&args.output, &args.shards) {
        (Some(file), _) => Destination::File(AtomicOutput::create(file)?),
        (None, Some(folder)) => {
            super::shards::prepare(folder)?;
            Destination::Shards(folder.clone())
        }
        (None, None) => unreachable!("checked above"),
    };
    let progress = if args.quiet {
        ProgressBar::hidden()
    } else {
        ProgressBar::with_draw_target(
            Some(BuildStage::ALL.len() as u64 + 2),
            ProgressDrawTarget::stderr(),
        )
    };
    progress.set_style(
        ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );

    progress.set_message("reading catalog");
    let loaded = zufi::catalog::remote::load_source(&args.catalog)?;
    progress.inc(1);
    progress.set_message("validating");
    let problems = zufi::validate::validate(&loaded);
    progress.inc(1);
    let warnings =
        problems.len() - problems.iter().filter(|p| p.is_error()).count() + loaded.warnings.len();
    progress.suspend(|| {
        if !args.quiet {
            for warning in &loaded.warnings {
                eprint_line!("warning: {warning}");
            }
        }
        let shown = if args.quiet {
            super::validate::Warnings::None
        } else {
            super::validate::Warnings::First(WARNINGS_SHOWN)
        };
        super::validate::report(&problems, shown)
    });
    if problems.iter().any(|p| p.is_error()) {
        progress.finish_and_clear();
        eprint_line!("error: {} not written", shown_output.display());
        return Ok(ExitCode::FAILURE);
    }

    let builder = if args.no_thesaurus {
        IndexBuilder::new(&loaded.catalog)
    } else {
        loaded.index_builder()?
    };
    let output = builder
        .on_progress(|stage| {
            progress.inc(1);
            progress.set_message(format!("{stage:?}").to_lowercase());
        })
        .build()
        .context("building the index")?;
    let written = match destination {
        Destination::File(file) => {
            file.commit(&output.bytes)?;
            format!(
                "{} bytes ({} gzip)",
                thousands(output.bytes.len()),
                thousands(gzip_size(&output.bytes))
            )
        }
        Destination::Shards(folder) => {
            let index = zufi::Index::from_bytes(&output.bytes).context("opening the new index")?;
            let set = index
                .to_shards(&zufi::ShardOptions::default())
                .context("cutting the index into shards")?;
            super::shards::write(&folder, &set)?;
            let bytes: usize = set.files.iter().map(|(_, b)| b.len()).sum();
            format!(
                "{} shards, {} bytes together",
                set.files.len(),
                thousands(bytes)
            )
        }
    };
    progress.finish_and_clear();

    if !args.quiet {
        let c = &loaded.catalog;
        eprint_line!(
            "wrote {}: {written} in {:.0?}",
            shown_output.display(),
            started.elapsed()
        );
        eprint_line!(
            "  {} services, {} authorities, {} online services, {} forms, {} topics, {} regions, {} responsibilities, {} terms; {} warning(s)",
            thousands(c.services.len()),
            thousands(c.authorities.len()),
            thousands(c.online_services.len()),
            thousands(c.forms.len()),
            thousands(c.topics.len()),
            thousands(c.regions.len()),
            thousands(output.responsibilities),
            thousands(output.terms),
            warnings
        );
        if output.unreachable_targets_left_out > 0 {
            eprint_line!(
                "  {} authorities, online services and forms left out: no responsibility leads to them",
                thousands(output.unreachable_targets_left_out)
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
