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
//! is skipped. The default German thesaurus ships in `index/thesaurus/de.tsv`
//! ([`Thesaurus::default_german`]); `index/thesaurus/README.md` documents it.

use crate::error::{Error, Result};
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
}

/// A set of thesaurus entries.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Thesaurus {
    entries: Vec<Entry>,
}

impl Thesaurus {
    /// Parses a thesaurus file; errors name the file, line and field.
    pub fn parse(text: &str, file: &str) -> Result<Thesaurus> {
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
            });
        }
        Ok(Thesaurus { entries })
    }

    /// The default German administrative thesaurus shipped with zufi.
    pub fn default_german() -> Thesaurus {
        // The file is part of the repository and tested to parse.
        Thesaurus::parse(
            include_str!("../../index/thesaurus/de.tsv"),
            "index/thesaurus/de.tsv",
        )
        .unwrap_or_default()
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
    fn the_default_german_thesaurus_parses() {
        let text = include_str!("../../index/thesaurus/de.tsv");
        let thesaurus = Thesaurus::parse(text, "index/thesaurus/de.tsv").unwrap();
        assert_eq!(thesaurus, Thesaurus::default_german());
        assert!(!thesaurus.is_empty());
    }
}
