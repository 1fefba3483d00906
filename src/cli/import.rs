//! `zufi import …`: convert official lists into catalog files.
use std::process::ExitCode;

/// What to import.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Regions from the ARS code list (plus GV100 names and PLZ↔AGS postcodes).
    Regions(RegionsArgs),
}

/// Arguments of `zufi import regions`.
#[derive(Debug, clap::Args)]
pub struct RegionsArgs {}

/// Runs the subcommand.
pub fn run(command: Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::Regions(_args) => anyhow::bail!("not yet implemented"),
    }
}
