//! `zufi validate <catalog>`: list every problem; exit 1 on errors.

use std::path::PathBuf;
use std::process::ExitCode;

use zufi::validate::{validate, Problem};

/// Arguments of `zufi validate`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Catalog file or directory.
    catalog: PathBuf,
}

/// Prints problems and a one-line summary to stderr; returns the error count.
pub fn report(problems: &[Problem], quiet: bool) -> usize {
    let errors = problems.iter().filter(|p| p.is_error()).count();
    let warnings = problems.len() - errors;
    for problem in problems {
        if problem.is_error() || !quiet {
            eprintln!("{problem}");
        }
    }
    if errors > 0 || (warnings > 0 && !quiet) {
        eprintln!("{errors} error(s), {warnings} warning(s)");
    }
    errors
}

/// Runs `zufi validate`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let loaded = zufi::catalog::load(&args.catalog)?;
    for warning in &loaded.warnings {
        eprintln!("warning: {warning}");
    }
    let problems = validate(&loaded);
    let errors = report(&problems, false);
    if errors > 0 {
        return Ok(ExitCode::FAILURE);
    }
    let c = &loaded.catalog;
    println!(
        "{}: ok — {} services, {} authorities, {} online services, {} forms, {} regions, {} responsibilities",
        args.catalog.display(),
        c.services.len(),
        c.authorities.len(),
        c.online_services.len(),
        c.forms.len(),
        c.regions.len(),
        c.responsibilities.len()
    );
    Ok(ExitCode::SUCCESS)
}
