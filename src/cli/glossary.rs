//! `zufi glossary <language> -o <file>`: the glossary a finder running in
//! that language fetches to gloss German service names
//! (`scripts/build-widget` writes `dist/glossary-en.tsv`).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::bail;
use zufi::{Glossary, Thesaurus};

use super::output::AtomicOutput;

/// Arguments of `zufi glossary`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The language of the glosses, as an ISO 639-1 code: `en`, or one of
    /// the further query languages zufi has a vocabulary for (`tr`).
    language: String,
    /// Where to write it; standard output if not given.
    #[arg(short, long)]
    out: Option<PathBuf>,
}

/// Writes the glossary of `args.language`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let vocabulary = match args.language.as_str() {
        "en" => Thesaurus::defaults(),
        code => match Thesaurus::language(code) {
            Some(vocabulary) => vocabulary,
            None => bail!(
                "zufi has no vocabulary for the language `{code}`: glossaries exist for en, {}",
                Thesaurus::LANGUAGES.join(", ")
            ),
        },
    };
    let glossary = Glossary::from_vocabulary(&args.language, &vocabulary);
    let text = glossary.to_text();
    match &args.out {
        Some(path) => AtomicOutput::create(path)?.commit(text.as_bytes())?,
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())?;
            out.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
