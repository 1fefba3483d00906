//! `zufi diff <old> <new>` and `zufi coverage <catalog-or-index>`: the
//! reports editors read before publishing. The work is in the library
//! (`zufi::report`); this module opens what it is given and prints.
//!
//! Either command takes an index file, a sharded index (its manifest.json
//! or folder) or a catalog (file or folder). A catalog is built in memory as
//! `zufi build` builds it, thesaurus included, so that a report shows what
//! the published index would hold: e.g. an authority no responsibility
//! leads to is left out of the index, and so reads as removed.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context};
use zufi::report::{Coverage, Diff, LostAuthority, RecordChanges, ResponsibilityKey};
use zufi::{Index, Role};

use super::output::{eprint_line, is_stdout_closed, stdout};

/// How many municipalities a text report names per service and role before
/// it only counts: the full list is in `--json` and `--csv`.
const NAMED_PLACES: usize = 10;

/// Exit status of `zufi diff` when the two sides differ (as diff(1)).
const EXIT_CHANGED: u8 = 1;
/// Exit status of `zufi diff` when it could not compare (as diff(1)): not
/// 1, which says "changed".
const EXIT_TROUBLE: u8 = 2;

/// Arguments of `zufi diff`.
#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// The old side: index file, sharded index (manifest.json or its folder) or catalog (file or folder).
    old: PathBuf,
    /// The new side, of any of the same kinds.
    new: PathBuf,
    /// Print the changes as JSON.
    #[arg(long)]
    json: bool,
}

/// Arguments of `zufi coverage`.
#[derive(Debug, clap::Args)]
pub struct CoverageArgs {
    /// Index file, sharded index (manifest.json or its folder) or catalog (file or folder).
    source: PathBuf,
    /// Print every service and role with its uncovered municipalities as JSON.
    #[arg(long, conflicts_with = "csv")]
    json: bool,
    /// Print one CSV row per service, role and uncovered municipality.
    #[arg(long)]
    csv: bool,
    /// In the table, list also the services without holes.
    #[arg(long, conflicts_with_all = ["json", "csv"])]
    all: bool,
}

/// Opens `path` as an index, a sharded index or a catalog built in memory.
pub fn open_any(path: &Path) -> anyhow::Result<Index> {
    if is_index(path)? {
        return Ok(super::open::open(path)?.index);
    }
    let loaded = zufi::catalog::load(path)?;
    let problems = zufi::validate::validate(&loaded);
    let errors = problems.iter().filter(|p| p.is_error()).count();
    if errors > 0 {
        bail!(
            "{}: the catalog has {errors} error(s) and cannot be built; `zufi validate {}` lists them",
            path.display(),
            path.display()
        );
    }
    let output = loaded
        .index_builder()?
        .build()
        .with_context(|| format!("building {}", path.display()))?;
    Index::from_bytes(&output.bytes).with_context(|| format!("opening {}", path.display()))
}

/// True when `path` is an index file or a sharded index, false for a catalog.
fn is_index(path: &Path) -> anyhow::Result<bool> {
    if path.is_dir() {
        return Ok(path.join(super::shards::MANIFEST).is_file());
    }
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    if bytes.starts_with(&zufi::format::MAGIC) {
        return Ok(true);
    }
    if bytes.starts_with(&zufi::format::SHARD_MAGIC) {
        bail!(
            "{} is one shard of a sharded index; name its manifest.json or folder",
            path.display()
        );
    }
    // A catalog file is JSON too: only a manifest parses as one.
    Ok(path.extension().is_some_and(|e| e == "json")
        && serde_json::from_slice::<zufi::Manifest>(&bytes).is_ok())
}

/// The role as editors read it.
fn role_label(role: Role) -> &'static str {
    match role {
        Role::ZustaendigeStelle => "zuständige Stelle",
        Role::Ansprechpunkt => "Ansprechpunkt",
    }
}

/// Runs `zufi diff`: exit 0 without changes, 1 with changes, 2 on errors.
pub fn run_diff(args: DiffArgs) -> anyhow::Result<ExitCode> {
    match diff(&args) {
        Ok(changed) => Ok(if changed {
            ExitCode::from(EXIT_CHANGED)
        } else {
            ExitCode::SUCCESS
        }),
        // `zufi diff … | head`: the reader has what it wanted.
        Err(err) if is_stdout_closed(&err) => Err(err),
        Err(err) => {
            eprint_line!("error: {err:#}");
            Ok(ExitCode::from(EXIT_TROUBLE))
        }
    }
}

/// Prints the changes; true when there are any.
fn diff(args: &DiffArgs) -> anyhow::Result<bool> {
    let old = open_any(&args.old)?;
    let new = open_any(&args.new)?;
    let changes = zufi::report::diff(&old, &new);
    let mut out = stdout();
    if args.json {
        let mut value = serde_json::to_value(&changes)?;
        if let Some(object) = value.as_object_mut() {
            object.insert("changed".into(), (!changes.is_empty()).into());
        }
        writeln!(out, "{}", serde_json::to_string_pretty(&value)?)?;
    } else {
        print_diff(&mut out, args, &changes)?;
    }
    out.flush()?;
    Ok(!changes.is_empty())
}

fn print_diff(out: &mut impl Write, args: &DiffArgs, changes: &Diff) -> anyhow::Result<()> {
    let (old, new) = (args.old.display(), args.new.display());
    if changes.is_empty() {
        writeln!(out, "no changes from {old} to {new}")?;
        return Ok(());
    }
    writeln!(out, "changes from {old} to {new}:")?;
    let kinds: [(&str, &RecordChanges); 4] = [
        ("services", &changes.services),
        ("authorities", &changes.authorities),
        ("online services", &changes.online_services),
        ("forms", &changes.forms),
    ];
    for (what, records) in kinds {
        if records.is_empty() {
            continue;
        }
        writeln!(
            out,
            "\n{what}: {} added, {} removed, {} changed",
            records.added.len(),
            records.removed.len(),
            records.changed.len()
        )?;
        for id in &records.added {
            writeln!(out, "  + {id}")?;
        }
        for id in &records.removed {
            writeln!(out, "  - {id}")?;
        }
        for record in &records.changed {
            writeln!(out, "  ~ {}: {}", record.id, record.fields.join(", "))?;
        }
    }
    let responsibilities = &changes.responsibilities;
    if !responsibilities.added.is_empty() || !responsibilities.removed.is_empty() {
        writeln!(
            out,
            "\nresponsibilities: {} added, {} removed",
            responsibilities.added.len(),
            responsibilities.removed.len()
        )?;
        let line = |sign: char, key: &ResponsibilityKey| {
            format!(
                "  {sign} {} in {}: {} {} as {}",
                key.service,
                key.region,
                key.kind,
                key.target,
                role_label(key.role)
            )
        };
        for key in &responsibilities.added {
            writeln!(out, "{}", line('+', key))?;
        }
        for key in &responsibilities.removed {
            writeln!(out, "{}", line('-', key))?;
        }
    }
    if !changes.lost.is_empty() {
        writeln!(
            out,
            "\nmunicipalities that lost their responsible authority: {}",
            changes.lost.len()
        )?;
        for group in changes
            .lost
            .chunk_by(|a, b| a.service == b.service && a.role == b.role)
        {
            print_lost(out, group)?;
        }
    }
    Ok(())
}

/// One service and role's lost municipalities, the first few by name.
fn print_lost(out: &mut impl Write, group: &[LostAuthority]) -> anyhow::Result<()> {
    let first = &group[0];
    writeln!(
        out,
        "  {} ({}): {} municipalit{}",
        first.service,
        role_label(first.role),
        group.len(),
        if group.len() == 1 { "y" } else { "ies" }
    )?;
    for lost in group.iter().take(NAMED_PLACES) {
        writeln!(out, "    {} {}", lost.region.ars, lost.region.name)?;
    }
    if group.len() > NAMED_PLACES {
        writeln!(
            out,
            "    … and {} more (--json lists them all)",
            group.len() - NAMED_PLACES
        )?;
    }
    Ok(())
}

/// Runs `zufi coverage`.
pub fn run_coverage(args: CoverageArgs) -> anyhow::Result<ExitCode> {
    let index = open_any(&args.source)?;
    let report = zufi::report::coverage(&index);
    let mut out = stdout();
    if args.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&report)?)?;
    } else if args.csv {
        // Written to memory first: the csv crate's errors hide a closed
        // standard output (`| head`) from `main`, which should end quietly.
        let mut csv = csv::Writer::from_writer(Vec::new());
        csv.write_record(["service", "service_name", "role", "ars", "municipality"])?;
        for service in &report.services {
            for place in &service.uncovered {
                csv.write_record([
                    service.service.as_str(),
                    service.name.as_str(),
                    service.role.name(),
                    place.ars.as_str(),
                    place.name.as_str(),
                ])?;
            }
        }
        out.write_all(&csv.into_inner().map_err(|e| e.into_error())?)?;
    } else {
        print_coverage(&mut out, &args, &report)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// The summary table: one row per service, a column per role with the
/// number of municipalities without an authority of that role ("–" where
/// the role is not counted for the service).
fn print_coverage(
    out: &mut impl Write,
    args: &CoverageArgs,
    report: &Coverage,
) -> anyhow::Result<()> {
    let mut rows: Vec<(&str, &str, [Option<usize>; Role::ALL.len()])> = Vec::new();
    for service in &report.services {
        if rows.last().is_none_or(|row| row.0 != service.service) {
            rows.push((&service.service, &service.name, [None; Role::ALL.len()]));
        }
        if let (Some(row), Some(slot)) = (
            rows.last_mut(),
            Role::ALL.iter().position(|&r| r == service.role),
        ) {
            row.2[slot] = Some(service.uncovered.len());
        }
    }
    let services = rows.len();
    let with_holes = rows
        .iter()
        .filter(|row| row.2.iter().flatten().any(|&n| n > 0))
        .count();
    if !args.all {
        rows.retain(|row| row.2.iter().flatten().any(|&n| n > 0));
    }
    writeln!(
        out,
        "{}: {with_holes} of {services} services lack a responsible authority in some of the {} municipalities",
        args.source.display(),
        report.municipalities
    )?;
    if rows.is_empty() {
        return Ok(());
    }
    let id_width = rows
        .iter()
        .map(|r| r.0.chars().count())
        .chain(["service".len()])
        .max()
        .unwrap_or(0);
    let role_widths = Role::ALL.map(|role| role_label(role).chars().count());
    write!(out, "\n{:id_width$}", "service")?;
    for (role, width) in Role::ALL.iter().zip(role_widths) {
        write!(out, "  {:>width$}", role_label(*role))?;
    }
    writeln!(out, "  name")?;
    for (id, name, counts) in &rows {
        write!(out, "{id:id_width$}")?;
        for (count, width) in counts.iter().zip(role_widths) {
            match count {
                Some(n) => write!(out, "  {n:>width$}")?,
                None => write!(out, "  {:>width$}", "–")?,
            }
        }
        writeln!(out, "  {name}")?;
    }
    if !args.all && with_holes < services {
        writeln!(
            out,
            "\n{} services without holes not shown (--all shows them); --csv or --json list the municipalities",
            services - with_holes
        )?;
    } else {
        writeln!(out, "\n--csv or --json list the municipalities")?;
    }
    Ok(())
}
