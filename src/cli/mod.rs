//! One module per subcommand; each has `Args` (clap) and `run`.

pub mod build;
pub mod eval;
pub mod glossary;
pub mod import;
pub mod inspect;
pub mod interrupt;
pub mod open;
pub mod output;
pub mod publish;
pub mod read_index;
pub mod reports;
pub mod search;
pub mod shards;
pub mod validate;
