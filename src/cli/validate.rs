//! `zufi validate <catalog>`: list every problem; exit 1 on errors.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use zufi::validate::{validate, Problem};

use super::output::{eprint_line, stdout};

/// Arguments of `zufi validate`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Catalog file or directory, or the http(s) address of an XZuFi export
    /// index (see index/README.md, "Catalogs on the web").
    catalog: PathBuf,
}

/// How many warnings to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Warnings {
    /// Every warning (`zufi validate`).
    All,
    /// The first few, then a count (`zufi build`: errors matter there, and
    /// `zufi validate` lists everything).
    First(usize),
    /// None (`--quiet`).
    None,
}

/// Prints problems and a one-line summary to stderr; returns the error count.
/// Errors are always printed in full.
pub fn report(problems: &[Problem], warnings_shown: Warnings) -> usize {
    let errors = problems.iter().filter(|p| p.is_error()).count();
    let warnings = problems.len() - errors;
    let limit = match warnings_shown {
        Warnings::All => usize::MAX,
        Warnings::First(n) => n,
        Warnings::None => 0,
    };
    for problem in problems.iter().filter(|p| p.is_error()) {
        eprint_line!("{problem}");
    }
    for problem in problems.iter().filter(|p| !p.is_error()).take(limit) {
        eprint_line!("{problem}");
    }
    if warnings > limit && warnings_shown != Warnings::None {
        eprint_line!(
            "… and {} more warning(s); `zufi validate` lists them all",
            warnings - limit
        );
    }
    if errors > 0 || (warnings > 0 && warnings_shown != Warnings::None) {
        eprint_line!("{errors} error(s), {warnings} warning(s)");
    }
    errors
}

/// Runs `zufi validate`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let loaded = zufi::catalog::remote::load_source(&args.catalog)?;
    for warning in &loaded.warnings {
        eprint_line!("warning: {warning}");
    }
    let problems = validate(&loaded);
    let errors = report(&problems, Warnings::All);
    if errors > 0 {
        return Ok(ExitCode::FAILURE);
    }
    let c = &loaded.catalog;
    let mut out = stdout();
    writeln!(
        out,
        "{}: ok — {} services, {} authorities, {} online services, {} forms, {} regions, {} responsibilities",
        args.catalog.display(),
        c.services.len(),
        c.authorities.len(),
        c.online_services.len(),
        c.forms.len(),
        c.regions.len(),
        c.responsibilities.len()
    )?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
