//! The synonym thesaurus: what citizens say ↔ what catalogs call it.
//!
//! A thesaurus file is tab-separated, one entry per line:
//!
//! ```text
//! term  relation  targets  source  note
//! lohnsteuerkarte  >  lohnsteuerabzugsmerkmale, elstam  BMF …
//! kita  =  kindertagesstätte  …
//! ```
//!
//! - `=`: the term and the targets mean the same; each finds the other.
//! - `>`: the term (colloquial, outdated, narrower) finds the targets, not
//!   the other way round.
//! - `!` (only in a catalog's own `thesaurus*.tsv`): disables the default
//!   entry for the term, or with targets removes just those
//!   ([`Thesaurus::with_overrides`]).
//!
//! Lines starting with `#` are comments; a header row starting with `term`
//! is skipped. zufi's default vocabularies ship in `index/thesaurus/`
//! ([`Thesaurus::defaults`]): German synonyms (`de.tsv`), life events
//! (`de-lebenslagen.tsv`) and one file per further query language (`en.tsv`,
//! `tr.tsv`); the verb lexicon (`de-verben.tsv`, [`VerbLexicon`]) adds verb
//! forms for the nouns. `index/thesaurus/README.md` documents them.

use crate::error::{Error, Result};
use crate::model::verbs::VerbLexicon;
use crate::text::normalize::fold;

/// How a term relates to its targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    /// Same meaning, both directions (`=`).
    Equivalent,
    /// The term finds the targets only (`>`).
    Finds,
    /// Disable the default entries for the term (`!`).
    Disable,
}

/// Which vocabulary an entry belongs to: what `zufi search --explain` says
/// about a match through it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Vocabulary {
    /// German synonyms: everyday, outdated and abbreviated words (`de.tsv`,
    /// a catalog's `thesaurus.tsv`).
    #[default]
    Synonyms,
    /// Life events (Lebenslagen): a situation → the services it starts with.
    LifeEvents,
    /// A verb form → the noun service names use (the verb lexicon).
    VerbForms,
    /// Another query language, by its ISO 639-1 code (`en`, `tr`).
    Language(String),
}

impl Vocabulary {
    /// The vocabulary of a thesaurus file, from its name: `de-lebenslagen.tsv`
    /// holds life events, `xx.tsv` and `thesaurus-xx.tsv` the query language
    /// `xx` (German ones synonyms), anything else synonyms.
    pub fn of_file(file: &str) -> Vocabulary {
        let name = file.rsplit(['/', '\\']).next().unwrap_or(file);
        let stem = name.strip_suffix(".tsv").unwrap_or(name);
        let stem = stem.strip_prefix("thesaurus-").unwrap_or(stem);
        if stem.ends_with("lebenslagen") {
            return Vocabulary::LifeEvents;
        }
        match stem {
            "de" => Vocabulary::Synonyms,
            code if is_language_code(code) => Vocabulary::Language(code.to_string()),
            _ => Vocabulary::Synonyms,
        }
    }
}

/// Whether `code` has the form of an ISO 639-1 language code: two
/// lowercase letters.
pub(crate) fn is_language_code(code: &str) -> bool {
    code.len() == 2 && code.bytes().all(|b| b.is_ascii_lowercase())
}

/// One thesaurus entry, with term and targets folded (lowercase, umlauts
/// transliterated).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The colloquial or alternative term, folded.
    pub term: String,
    /// How it relates to the targets.
    pub relation: Relation,
    /// The official terms, folded.
    pub targets: Vec<String>,
    /// The vocabulary the entry comes from.
    pub vocabulary: Vocabulary,
}

/// A set of thesaurus entries.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Thesaurus {
    entries: Vec<Entry>,
}

impl Thesaurus {
    /// Parses a thesaurus file; errors name the file, line and field. The
    /// entries belong to the file's [`Vocabulary::of_file`].
    pub fn parse(text: &str, file: &str) -> Result<Thesaurus> {
        let vocabulary = Vocabulary::of_file(file);
        let mut entries = Vec::new();
        for (index, line) in text.lines().enumerate() {
            let number = index + 1;
            let trimmed = line.trim();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            let cells: Vec<&str> = line.split('\t').map(str::trim).collect();
            if entries.is_empty() && cells[0].eq_ignore_ascii_case("term") {
                continue; // the header row
            }
            let bad = |field: &str, message: String| Error::Record {
                file: file.to_string(),
                record: format!("entry at line {number}"),
                field: field.to_string(),
                message,
            };
            let term = fold(cells[0]);
            if term.is_empty() {
                return Err(bad(
                    "term",
                    "empty term (columns are separated by tabs)".into(),
                ));
            }
            let relation = match cells.get(1).copied().unwrap_or_default() {
                "=" => Relation::Equivalent,
                ">" => Relation::Finds,
                "!" => Relation::Disable,
                other => {
                    return Err(bad(
                        "relation",
                        format!("{other:?} is not a relation; use = (same meaning), > (term finds targets) or ! (disable)"),
                    ))
                }
            };
            let targets: Vec<String> = cells
                .get(2)
                .copied()
                .unwrap_or_default()
                .split(',')
                .map(fold)
                .filter(|t| !t.is_empty())
                .collect();
            if targets.is_empty() && relation != Relation::Disable {
                return Err(bad("targets", "no targets".into()));
            }
            entries.push(Entry {
                term,
                relation,
                targets,
                vocabulary: vocabulary.clone(),
            });
        }
        Ok(Thesaurus { entries })
    }

    /// zufi's default vocabularies: German synonyms, life events and
    /// English. Verb forms come on top with [`Thesaurus::with_verb_forms`],
    /// once a catalog's own entries are in; further languages on request
    /// ([`Thesaurus::language`]).
    pub fn defaults() -> Thesaurus {
        let files = [
            ("de.tsv", include_str!("../../index/thesaurus/de.tsv")),
            (
                "de-lebenslagen.tsv",
                include_str!("../../index/thesaurus/de-lebenslagen.tsv"),
            ),
            ("en.tsv", include_str!("../../index/thesaurus/en.tsv")),
        ];
        // The files are part of the repository and tested to parse.
        let entries = files
            .iter()
            .flat_map(|(name, text)| {
                Thesaurus::parse(text, &format!("index/thesaurus/{name}"))
                    .unwrap_or_default()
                    .entries
            })
            .collect();
        Thesaurus { entries }
    }

    /// The query languages zufi ships a vocabulary for beyond German and
    /// English, which a catalog adds by naming them in its meta
    /// (`query_languages`).
    pub const LANGUAGES: [&'static str; 1] = ["tr"];

    /// The vocabulary of the further query language `code` (one of
    /// [`Thesaurus::LANGUAGES`]), `None` for a language zufi has none for.
    pub fn language(code: &str) -> Option<Thesaurus> {
        let text = match code {
            "tr" => include_str!("../../index/thesaurus/tr.tsv"),
            _ => return None,
        };
        // The files are part of the repository and tested to parse.
        Thesaurus::parse(text, &format!("index/thesaurus/{code}.tsv")).ok()
    }

    /// This thesaurus with `other`'s entries added after its own.
    pub fn with(mut self, other: Thesaurus) -> Thesaurus {
        self.entries.extend(other.entries);
        self
    }

    /// This thesaurus with the forms of the lexicon's verbs added: each form
    /// finds the verb's nouns and, one step on, what this thesaurus makes of
    /// them ("geheiratet" → "heirat" → "eheschließung"). A form that is a
    /// term here already keeps its entry: written entries are more specific
    /// than derived ones.
    pub fn with_verb_forms(mut self, lexicon: &VerbLexicon) -> Thesaurus {
        let mut added = Vec::new();
        for verb in &lexicon.verbs {
            let mut targets = verb.nouns.clone();
            for entry in self.entries.iter().filter(|e| verb.nouns.contains(&e.term)) {
                targets.extend(entry.targets.iter().cloned());
            }
            let mut seen = std::collections::HashSet::new();
            targets.retain(|t| seen.insert(t.clone()));
            for form in verb.forms() {
                let taken = self
                    .entries
                    .iter()
                    .chain(&added)
                    .any(|e: &Entry| e.term == form);
                if !taken && !targets.contains(&form) {
                    added.push(Entry {
                        term: form,
                        relation: Relation::Finds,
                        targets: targets.clone(),
                        vocabulary: Vocabulary::VerbForms,
                    });
                }
            }
        }
        self.entries.extend(added);
        self
    }

    /// The entry that explains a match of the indexed thesaurus word `word`:
    /// the first whose term is the word, its two words joined ("dogtax", as
    /// the index holds a two-word phrase) or holds it ("id" in "id card").
    pub fn entry_for(&self, word: &str) -> Option<&Entry> {
        let folded = fold(word);
        let joined = |e: &&Entry| e.term == folded || e.term.replace(' ', "") == folded;
        self.entries.iter().find(joined).or_else(|| {
            self.entries
                .iter()
                .find(|e| e.term.split(' ').any(|w| w == folded))
        })
    }

    /// This thesaurus with a catalog's own entries applied on top, as
    /// `index/thesaurus/README.md` describes: an entry for a known term
    /// replaces the default line, a new term is added, `term ! ` disables the
    /// default line and `term ! a, b` removes only those targets. A `!` for a
    /// term this thesaurus does not have is an error (it would do nothing).
    pub fn with_overrides(mut self, overrides: &Thesaurus, file: &str) -> Result<Thesaurus> {
        for entry in &overrides.entries {
            let known = self.entries.iter().any(|e| e.term == entry.term);
            match entry.relation {
                Relation::Disable if !known => {
                    return Err(Error::Record {
                        file: file.to_string(),
                        record: format!("entry {:?}", entry.term),
                        field: "relation".into(),
                        message: "`!` disables a default entry, but the default thesaurus has no entry for this term".into(),
                    });
                }
                Relation::Disable if entry.targets.is_empty() => {
                    self.entries.retain(|e| e.term != entry.term)
                }
                Relation::Disable => {
                    for default in self.entries.iter_mut().filter(|e| e.term == entry.term) {
                        default.targets.retain(|t| !entry.targets.contains(t));
                    }
                    self.entries.retain(|e| !e.targets.is_empty());
                }
                Relation::Equivalent | Relation::Finds => {
                    self.entries.retain(|e| e.term != entry.term);
                    self.entries.push(entry.clone());
                }
            }
        }
        Ok(self)
    }

    /// All entries.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when there are no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Pairs (phrase that a service contains, phrase to add to it as a
    /// synonym), in both directions for `=` entries.
    pub(crate) fn expansions(&self) -> impl Iterator<Item = (&str, &str)> {
        self.entries.iter().flat_map(|entry| {
            entry.targets.iter().flat_map(move |target| {
                let forward = (target.as_str(), entry.term.as_str());
                let backward = (entry.relation == Relation::Equivalent)
                    .then_some((entry.term.as_str(), target.as_str()));
                std::iter::once(forward).chain(backward)
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_relations_and_folds_terms() {
        let text = "term\trelation\ttargets\tsource\tnote\n# Fahrzeuge\nKnöllchen\t>\tVerwarnungsgeld, Bußgeld\tStVO\n\
                    Kita\t=\tKindertagesstätte\t\t\n";
        let thesaurus = Thesaurus::parse(text, "t.tsv").unwrap();
        assert_eq!(thesaurus.len(), 2);
        assert_eq!(thesaurus.entries()[0].term, "knoellchen");
        assert_eq!(
            thesaurus.entries()[0].targets,
            ["verwarnungsgeld", "bussgeld"]
        );
        let pairs: Vec<(&str, &str)> = thesaurus.expansions().collect();
        assert_eq!(
            pairs,
            [
                ("verwarnungsgeld", "knoellchen"),
                ("bussgeld", "knoellchen"),
                ("kindertagesstaette", "kita"),
                ("kita", "kindertagesstaette")
            ]
        );
    }

    #[test]
    fn errors_name_line_and_field() {
        let err = Thesaurus::parse("kita\t~\tkindergarten\n", "t.tsv").unwrap_err();
        assert!(
            err.to_string().contains("line 1") && err.to_string().contains("relation"),
            "{err}"
        );
        let err = Thesaurus::parse("# x\nkita\t=\t\n", "t.tsv").unwrap_err();
        assert!(
            err.to_string().contains("line 2") && err.to_string().contains("targets"),
            "{err}"
        );
    }

    #[test]
    fn overrides_replace_disable_narrow_and_add() {
        let defaults = Thesaurus::parse(
            "kita\t=\tkindertagesstätte\nperso\t>\tpersonalausweis\nausweis\t>\tpersonalausweis, reisepass\nauto\t>\tfahrzeug\n",
            "d.tsv",
        )
        .unwrap();
        let own = Thesaurus::parse(
            "kita\t!\t\nhort\t>\tkindertagesstätte\nausweis\t!\treisepass\nauto\t>\tkraftfahrzeug, pkw\n",
            "own.tsv",
        )
        .unwrap();
        let merged = defaults.with_overrides(&own, "own.tsv").unwrap();
        let entries: Vec<(&str, Vec<&str>)> = merged
            .entries()
            .iter()
            .map(|e| {
                (
                    e.term.as_str(),
                    e.targets.iter().map(String::as_str).collect(),
                )
            })
            .collect();
        assert_eq!(
            entries,
            [
                ("perso", vec!["personalausweis"]),
                ("ausweis", vec!["personalausweis"]),
                ("hort", vec!["kindertagesstaette"]),
                ("auto", vec!["kraftfahrzeug", "pkw"]),
            ]
        );
        let unknown = Thesaurus::parse("gibtsnicht\t!\t\n", "own.tsv").unwrap();
        let err = Thesaurus::default()
            .with_overrides(&unknown, "own.tsv")
            .unwrap_err();
        assert!(err.to_string().contains("gibtsnicht"), "{err}");
    }

    #[test]
    fn the_default_vocabularies_parse_and_know_their_kind() {
        let mut expected = Vec::new();
        for (name, text) in [
            ("de.tsv", include_str!("../../index/thesaurus/de.tsv")),
            (
                "de-lebenslagen.tsv",
                include_str!("../../index/thesaurus/de-lebenslagen.tsv"),
            ),
            ("en.tsv", include_str!("../../index/thesaurus/en.tsv")),
        ] {
            let thesaurus = Thesaurus::parse(text, name).unwrap();
            assert!(!thesaurus.is_empty(), "{name}");
            expected.extend(thesaurus.entries);
        }
        let defaults = Thesaurus::defaults();
        assert_eq!(defaults.entries, expected);
        for code in Thesaurus::LANGUAGES {
            let language = Thesaurus::language(code).unwrap();
            assert!(!language.is_empty(), "{code}");
            assert!(language
                .entries
                .iter()
                .all(|e| e.vocabulary == Vocabulary::Language(code.into())));
        }
        assert_eq!(Thesaurus::language("xx"), None);
        let defaults = defaults.with(Thesaurus::language("tr").unwrap());
        let kind = |term: &str| defaults.entry_for(term).map(|e| e.vocabulary.clone());
        assert_eq!(kind("perso"), Some(Vocabulary::Synonyms));
        assert_eq!(kind("schwanger"), Some(Vocabulary::LifeEvents));
        assert_eq!(kind("dog"), Some(Vocabulary::Language("en".into())));
        assert_eq!(kind("Köpek"), Some(Vocabulary::Language("tr".into())));
    }

    #[test]
    fn a_file_name_says_its_vocabulary() {
        assert_eq!(
            Vocabulary::of_file("index/thesaurus/de.tsv"),
            Vocabulary::Synonyms
        );
        assert_eq!(Vocabulary::of_file("thesaurus.tsv"), Vocabulary::Synonyms);
        assert_eq!(
            Vocabulary::of_file("berlin/thesaurus-en.tsv"),
            Vocabulary::Language("en".into())
        );
        assert_eq!(
            Vocabulary::of_file("de-lebenslagen.tsv"),
            Vocabulary::LifeEvents
        );
    }
}
