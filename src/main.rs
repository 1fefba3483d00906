//! `zufi` — the editors' command-line tool: validate a catalog, build the
//! index, inspect it and try searches against it.

mod cli;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Build and query zufi service-finder indexes.
#[derive(Debug, Parser)]
#[command(name = "zufi", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Compile a catalog (file or directory) into one binary index file.
    Build(cli::build::Args),
    /// Check a catalog and list every problem with its record and field.
    Validate(cli::validate::Args),
    /// Show version, counts and section sizes of an index file.
    Inspect(cli::inspect::Args),
    /// Write a publishable folder: widget, indexes, manifest.json, embed snippet.
    Publish(cli::publish::Args),
    /// Search an index like a citizen would.
    Search(cli::search::Args),
    /// Measure search quality on a judged query set.
    Eval(cli::eval::Args),
    /// Write the glossary that glosses German service names in another language.
    Glossary(cli::glossary::Args),
    /// List what changed between two indexes or catalogs (exit 0: none, 1: changes, 2: error).
    Diff(cli::reports::DiffArgs),
    /// List, per service, the municipalities without a responsible authority.
    Coverage(cli::reports::CoverageArgs),
    /// Convert official lists into catalog files.
    #[command(subcommand)]
    Import(cli::import::Command),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build(args) => cli::build::run(args),
        Command::Validate(args) => cli::validate::run(args),
        Command::Inspect(args) => cli::inspect::run(args),
        Command::Publish(args) => cli::publish::run(args),
        Command::Search(args) => cli::search::run(args),
        Command::Eval(args) => cli::eval::run(args),
        Command::Glossary(args) => cli::glossary::run(args),
        Command::Diff(args) => cli::reports::run_diff(args),
        Command::Coverage(args) => cli::reports::run_coverage(args),
        Command::Import(command) => cli::import::run(command),
    };
    match result {
        Ok(code) => code,
        // `zufi search … | head -1`: the reader has what it wanted.
        Err(err) if cli::output::is_stdout_closed(&err) => ExitCode::SUCCESS,
        Err(err) => {
            cli::output::eprint_line!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}
