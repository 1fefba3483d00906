//! The verb lexicon: verb forms citizens write → the nouns service names use.
//!
//! Citizens describe what happened ("ich bin umgezogen", "wir haben
//! geheiratet"); service names use nouns (Umzug, Eheschließung). The lexicon
//! (`index/thesaurus/de-verben.tsv`, documented in `index/thesaurus/README.md`)
//! lists each verb with its irregular or frequent forms and the nouns derived
//! from it; [`crate::Thesaurus::with_verb_forms`] turns it into thesaurus
//! entries, so that every form finds the nouns' services.
//!
//! ```text
//! verb      forms                nouns   source
//! umziehen  umgezogen, zog um    umzug   DWDS; Duden
//! ```

use crate::error::{Error, Result};
use crate::text::normalize::fold;

/// Separable verb prefixes: their zu-infinitive puts "zu" after the prefix
/// ("umzuziehen"), their participle "ge" ("umgezogen").
const SEPARABLE_PREFIXES: [&str; 17] = [
    "ab", "an", "auf", "aus", "bei", "ein", "fest", "her", "hin", "los", "mit", "nach", "still",
    "um", "vor", "weg", "zu",
];

/// One verb of the lexicon, folded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verb {
    /// The infinitive ("umziehen").
    pub infinitive: String,
    /// Further forms as written in the lexicon: participle, past, present.
    pub forms: Vec<String>,
    /// The nouns the verb's services are named with ("umzug").
    pub nouns: Vec<String>,
}

impl Verb {
    /// Every single-word form a query may hold: the infinitive, the listed
    /// forms and, for a separable verb, its zu-infinitive.
    pub fn forms(&self) -> Vec<String> {
        let mut forms = vec![self.infinitive.clone()];
        forms.extend(self.forms.iter().filter(|f| !f.contains(' ')).cloned());
        let separable = SEPARABLE_PREFIXES.iter().find(|prefix| {
            self.infinitive.starts_with(*prefix)
                && self
                    .forms
                    .iter()
                    .any(|f| f.starts_with(&format!("{prefix}ge")))
        });
        if let Some(prefix) = separable {
            forms.push(format!("{prefix}zu{}", &self.infinitive[prefix.len()..]));
        }
        let mut seen = std::collections::HashSet::new();
        forms.retain(|f| seen.insert(f.clone()));
        forms
    }
}

/// A verb lexicon.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VerbLexicon {
    pub(crate) verbs: Vec<Verb>,
}

impl VerbLexicon {
    /// Parses a verb lexicon file; errors name the file, line and field.
    pub fn parse(text: &str, file: &str) -> Result<VerbLexicon> {
        let mut verbs = Vec::new();
        for (index, line) in text.lines().enumerate() {
            let number = index + 1;
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let cells: Vec<&str> = line.split('\t').map(str::trim).collect();
            if verbs.is_empty() && cells[0] == "verb" {
                continue; // the header row
            }
            let bad = |field: &str, message: &str| Error::Record {
                file: file.to_string(),
                record: format!("verb at line {number}"),
                field: field.to_string(),
                message: message.to_string(),
            };
            let list = |column: usize| -> Vec<String> {
                cells
                    .get(column)
                    .copied()
                    .unwrap_or_default()
                    .split(',')
                    .map(fold)
                    .filter(|w| !w.is_empty())
                    .collect()
            };
            let infinitive = fold(cells[0]);
            if infinitive.is_empty() || infinitive.contains(' ') {
                return Err(bad(
                    "verb",
                    "one word, the infinitive (columns are separated by tabs)",
                ));
            }
            let nouns = list(2);
            if nouns.is_empty() {
                return Err(bad("nouns", "no nouns"));
            }
            if cells.get(3).is_none_or(|source| source.is_empty()) {
                return Err(bad("source", "every verb names its source"));
            }
            verbs.push(Verb {
                infinitive,
                forms: list(1),
                nouns,
            });
        }
        Ok(VerbLexicon { verbs })
    }

    /// zufi's German verb lexicon (`index/thesaurus/de-verben.tsv`).
    pub fn default_german() -> VerbLexicon {
        // The file is part of the repository and tested to parse.
        VerbLexicon::parse(
            include_str!("../../index/thesaurus/de-verben.tsv"),
            "index/thesaurus/de-verben.tsv",
        )
        .unwrap_or_default()
    }

    /// The verbs.
    pub fn verbs(&self) -> &[Verb] {
        &self.verbs
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::thesaurus::{Thesaurus, Vocabulary};

    #[test]
    fn forms_include_the_zu_infinitive_of_separable_verbs() {
        let lexicon = VerbLexicon::parse(
            "verb\tforms\tnouns\tsource\numziehen\tumgezogen, zog\tumzug\tDuden\nbegegnen\tbegegnet\tbegegnung\tDuden\n",
            "v.tsv",
        )
        .unwrap();
        assert_eq!(
            lexicon.verbs()[0].forms(),
            ["umziehen", "umgezogen", "zog", "umzuziehen"]
        );
        assert_eq!(
            lexicon.verbs()[1].forms(),
            ["begegnen", "begegnet"],
            "be- is not separable"
        );
    }

    #[test]
    fn verb_forms_find_the_nouns_and_one_step_on() {
        let lexicon = VerbLexicon::parse("heiraten\tgeheiratet\theirat\tDuden\n", "v.tsv").unwrap();
        let thesaurus = Thesaurus::parse(
            "heirat\t=\teheschließung\tBGB\nheiraten\t>\ttrauung\tBGB\n",
            "de.tsv",
        )
        .unwrap()
        .with_verb_forms(&lexicon);
        let entry = |term: &str| thesaurus.entries().iter().find(|e| e.term == term).unwrap();
        assert_eq!(entry("geheiratet").targets, ["heirat", "eheschliessung"]);
        assert_eq!(entry("geheiratet").vocabulary, Vocabulary::VerbForms);
        assert_eq!(
            entry("heiraten").targets,
            ["trauung"],
            "a written entry stands"
        );
    }

    #[test]
    fn errors_name_line_and_field() {
        let err = VerbLexicon::parse("# x\numziehen\tumgezogen\t\tDuden\n", "v.tsv").unwrap_err();
        assert!(
            err.to_string().contains("line 2") && err.to_string().contains("nouns"),
            "{err}"
        );
        let err = VerbLexicon::parse("umziehen\tumgezogen\tumzug\n", "v.tsv").unwrap_err();
        assert!(err.to_string().contains("source"), "{err}");
    }

    #[test]
    fn the_default_lexicon_parses() {
        let text = include_str!("../../index/thesaurus/de-verben.tsv");
        let lexicon = VerbLexicon::parse(text, "de-verben.tsv").unwrap();
        assert_eq!(lexicon, VerbLexicon::default_german());
        assert!(lexicon.verbs().len() > 80);
    }
}
