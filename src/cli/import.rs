//! `zufi import …`: convert official lists into catalog files.
use super::output::{eprint_line, refuse_input_as_output, write_atomically};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context};
use zufi::catalog::official::OfficialRegions;
use zufi::{Catalog, CATALOG_SCHEMA_VERSION};

/// What to import.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Regions from the ARS code list (plus GV100 names and PLZ↔AGS postcodes).
    Regions(RegionsArgs),
}

/// GV100 NDJSON files read from `--gv100 DIR`, whichever are present.
const GV100_FILES: [&str; 4] = [
    "laender.ndjson",
    "regierungsbezirke.ndjson",
    "kreise.ndjson",
    "gemeindeverbaende.ndjson",
];

/// Arguments of `zufi import regions`.
#[derive(Debug, clap::Args)]
pub struct RegionsArgs {
    /// ARS code list as downloaded from XRepository (JSON with `metadaten`, `spalten`, `daten`).
    #[arg(long, value_name = "FILE")]
    pub ars_list: PathBuf,
    /// Directory with GV100 NDJSON files (laender, regierungsbezirke, kreise,
    /// gemeindeverbaende) naming the regions above the Gemeinden.
    #[arg(long, value_name = "DIR")]
    pub gv100: Option<PathBuf>,
    /// PLZ↔AGS table (CSV with columns `ags` and `plz`) for the postcodes of each Gemeinde.
    #[arg(long, value_name = "FILE")]
    pub plz: Option<PathBuf>,
    /// Keep only regions whose ARS starts with these digits, e.g. `16` for Thüringen.
    #[arg(long, value_name = "PREFIX", default_value = "")]
    pub within: String,
    /// Expected date of the code list (`YYYY-MM-DD`); the import fails if the
    /// list states another. Needed for the summary when the list states none.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// Catalog file to write (JSON); replaced atomically.
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
}

/// Runs the subcommand.
pub fn run(command: Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::Regions(args) => import_regions(&args),
    }
}

fn read(path: &Path) -> anyhow::Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))
}

fn import_regions(args: &RegionsArgs) -> anyhow::Result<ExitCode> {
    let mut inputs: Vec<(&str, PathBuf)> = vec![("the ARS list", args.ars_list.clone())];
    if let Some(plz) = &args.plz {
        inputs.push(("the postcode table", plz.clone()));
    }
    if let Some(dir) = &args.gv100 {
        inputs.extend(GV100_FILES.map(|file| ("the GV100 file", dir.join(file))));
    }
    let inputs: Vec<(&str, &Path)> = inputs
        .iter()
        .map(|(what, p)| (*what, p.as_path()))
        .collect();
    refuse_input_as_output(&args.output, &inputs)?;
    if let Some(date) = &args.date {
        let shape_ok = date.len() == 10
            && date.bytes().enumerate().all(|(i, b)| {
                if i == 4 || i == 7 {
                    b == b'-'
                } else {
                    b.is_ascii_digit()
                }
            });
        if !shape_ok {
            bail!("--date {date:?} is not a date of the form YYYY-MM-DD");
        }
    }
    let list_name = args.ars_list.display().to_string();
    let mut official = OfficialRegions::from_ars_list(&read(&args.ars_list)?, &list_name)?;
    let date = match (official.version(), args.date.as_deref()) {
        (Some(stated), Some(expected)) if stated != expected => bail!(
            "{list_name}: the code list is the version of {stated}, but --date expects {expected}"
        ),
        (stated, expected) => stated.or(expected).unwrap_or("unknown date").to_string(),
    };

    if let Some(dir) = &args.gv100 {
        let mut found = 0;
        for file in GV100_FILES {
            let path = dir.join(file);
            if !path.is_file() {
                continue;
            }
            found += 1;
            official.add_gv100_names(&read(&path)?, &path.display().to_string())?;
        }
        if found == 0 {
            bail!(
                "{}: no GV100 files found (expected any of {})",
                dir.display(),
                GV100_FILES.join(", ")
            );
        }
    }

    if let Some(path) = &args.plz {
        let report = official.add_postcodes(&read(path)?, &path.display().to_string())?;
        eprint_line!(
            "{}: {} postcode rows used",
            path.display(),
            report.rows_used
        );
        if !report.unknown_ags.is_empty() {
            let shown = report.unknown_ags.iter().take(10).cloned();
            eprint_line!(
                "warning: {} AGS of {} are not in the ARS list of {date} and were skipped: {}{}",
                report.unknown_ags.len(),
                path.display(),
                shown.collect::<Vec<_>>().join(", "),
                if report.unknown_ags.len() > 10 {
                    ", …"
                } else {
                    ""
                }
            );
        }
    }

    let regions = official.regions(&args.within)?;
    if regions.is_empty() {
        bail!(
            "no region of {list_name} has a key starting with {:?}",
            args.within
        );
    }
    let count = regions.len();
    let catalog = Catalog {
        schema_version: Some(CATALOG_SCHEMA_VERSION.to_string()),
        regions,
        ..Catalog::default()
    };
    let json = zufi::catalog::json::to_pretty_string(&catalog);
    write_atomically(&args.output, json.as_bytes())?;
    eprint_line!(
        "wrote {count} regions (ARS list of {date}) to {}",
        args.output.display()
    );
    Ok(ExitCode::SUCCESS)
}
