//! The ids of one record kind: where each first occurs, and which known id
//! an unknown reference most likely meant ("did you mean").

use std::collections::HashMap;

use fst::{IntoStreamer, Streamer};

use crate::text::typo::TypoAutomaton;

/// Fuzzy "did you mean" lookups are bounded so that a catalog with thousands
/// of distinct dangling ids still validates quickly; later ones go without.
const SUGGESTION_BUDGET: usize = 200;

/// Longest reference (in bytes) that gets a fuzzy suggestion.
const MAX_FUZZY_LEN: usize = 100;

/// First occurrence of each id of one kind, plus a lazily built fuzzy index.
#[derive(Default)]
pub(super) struct IdTable<'a> {
    pub(super) first: HashMap<&'a str, usize>,
    suggester: Option<Suggester>,
}

impl<'a> IdTable<'a> {
    pub(super) fn new(ids: impl Iterator<Item = &'a str>) -> Self {
        let mut first = HashMap::new();
        for (i, id) in ids.enumerate() {
            first.entry(id).or_insert(i);
        }
        IdTable {
            first,
            suggester: None,
        }
    }

    pub(super) fn contains(&self, id: &str) -> bool {
        self.first.contains_key(id)
    }

    /// The id `missing` most likely meant, if any. The fuzzy index is built
    /// on the first call only: most catalogs never need it.
    pub(super) fn closest(&mut self, missing: &str, fuzzy: &mut Fuzzy) -> Option<String> {
        let first = &self.first;
        let suggester = self
            .suggester
            .get_or_insert_with(|| Suggester::new(first.keys().copied()));
        match suggester
            .by_trimmed_lowercase
            .get(&trimmed_lowercase(missing))
        {
            Some(id) => Some(id.clone()),
            None => match &suggester.set {
                Some(set) => fuzzy.closest(set, missing),
                None => None,
            },
        }
    }
}

/// Finds close ids: first ids that differ only in case or surrounding
/// whitespace, then ids within a small edit distance.
struct Suggester {
    by_trimmed_lowercase: HashMap<String, String>,
    set: Option<fst::Set<Vec<u8>>>,
}

impl Suggester {
    fn new<'a>(ids: impl Iterator<Item = &'a str>) -> Self {
        let mut sorted: Vec<&str> = ids.collect();
        sorted.sort_unstable();
        sorted.dedup();
        let mut by_trimmed_lowercase = HashMap::new();
        for id in &sorted {
            by_trimmed_lowercase
                .entry(trimmed_lowercase(id))
                .or_insert_with(|| (*id).to_string());
        }
        // Sorted and deduplicated above, so building cannot fail; without a
        // set there are simply no fuzzy suggestions.
        let set = fst::Set::from_iter(sorted).ok();
        Suggester {
            by_trimmed_lowercase,
            set,
        }
    }
}

/// The form in which ids that differ only in case or surrounding whitespace
/// compare equal. Unlike `text::normalize::fold` (German folding for search)
/// it keeps every other character: ids are codes, not words.
fn trimmed_lowercase(id: &str) -> String {
    id.trim().to_lowercase()
}

/// Fuzzy lookups made so far, to stay within [`SUGGESTION_BUDGET`]; shared
/// by the tables of all kinds.
#[derive(Default)]
pub(super) struct Fuzzy {
    budget_used: usize,
}

impl Fuzzy {
    fn closest(&mut self, set: &fst::Set<Vec<u8>>, missing: &str) -> Option<String> {
        // Long strings are pasted text rather than mistyped ids.
        if self.budget_used >= SUGGESTION_BUDGET || missing.len() > MAX_FUZZY_LEN {
            return None;
        }
        self.budget_used += 1;
        // One edit on a short id says little (numeric ids are all one edit
        // apart); longer ids tolerate two.
        let max_typos = if missing.chars().count() <= 4 { 1 } else { 2 };
        let automaton = TypoAutomaton::new(missing, max_typos, false);
        let mut stream = set.search_with_state(&automaton).into_stream();
        let mut best: Option<(u8, Vec<u8>)> = None;
        while let Some((key, state)) = stream.next() {
            if let Some(distance) = state.whole_word_typos(&automaton) {
                // Keys stream in byte order, so ties keep the smallest id.
                if distance > 0 && best.as_ref().is_none_or(|(d, _)| distance < *d) {
                    best = Some((distance, key.to_vec()));
                }
            }
        }
        best.and_then(|(_, key)| String::from_utf8(key).ok())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::LoadedCatalog;
    use crate::model::records::{Authority, Responsibility, Role, Service, Target, TargetKind};
    use crate::validate::problem::Kind;
    use crate::validate::tests::{clean, problems_of};
    use crate::validate::validator::Validator;

    #[test]
    fn suggestions_prefer_the_closest_id() {
        let mut c = clean();
        c.authorities.push(Authority {
            id: "Buergeramt-Mitte".into(),
            name: "x".into(),
            ..Default::default()
        });
        c.authorities.push(Authority {
            id: "Buergeramt-Mitte-2".into(),
            name: "y".into(),
            ..Default::default()
        });
        let loaded = LoadedCatalog::from_catalog(c, "c.json");
        let mut validator = Validator::new(&loaded);
        assert_eq!(
            validator
                .suggest(Kind::Authority, "Buergeramt-Mite")
                .as_deref(),
            Some("Buergeramt-Mitte")
        );
        assert_eq!(
            validator
                .suggest(Kind::Authority, " buergeramt-mitte-2 ")
                .as_deref(),
            Some("Buergeramt-Mitte-2")
        );
        assert_eq!(validator.suggest(Kind::Authority, "Standesamt"), None);
        // Short ids tolerate one edit only.
        assert_eq!(validator.suggest(Kind::Authority, "b2"), None);
        let pasted = format!("Buergeramt-Mitte{}", " ".repeat(MAX_FUZZY_LEN));
        assert_eq!(
            validator.suggest(Kind::Authority, &pasted).as_deref(),
            Some("Buergeramt-Mitte"),
            "whitespace folding still applies"
        );
        let long = format!("Buergeramt-Mitte{}", "x".repeat(MAX_FUZZY_LEN));
        assert_eq!(validator.suggest(Kind::Authority, &long), None);
    }

    #[test]
    fn fuzzy_suggestions_are_budgeted_on_large_catalogs() {
        // 20k services and responsibilities, a thousand of them dangling with
        // distinct ids: only the first SUGGESTION_BUDGET get a suggestion.
        let mut c = clean();
        for n in 0..20_000 {
            c.services.push(Service {
                id: format!("L1000.LB.{n}"),
                name: format!("Leistung {n}"),
                ..Default::default()
            });
            let service = if n % 20 == 0 {
                format!("L1000.LX.{n}")
            } else {
                format!("L1000.LB.{n}")
            };
            c.responsibilities.push(Responsibility {
                id: Some(format!("ZS.{n}")),
                service,
                region: "160705009001".into(),
                target: Target {
                    kind: TargetKind::Authority,
                    id: "a1".into(),
                },
                role: Role::ZustaendigeStelle,
            });
        }
        let problems = problems_of(c);
        let dangling = problems.iter().filter(|p| p.field == "service").count();
        assert_eq!(dangling, 1_000);
        // Each dangling id is one edit from a real one, but only the first
        // SUGGESTION_BUDGET get the (comparatively costly) fuzzy lookup.
        let suggested = problems
            .iter()
            .filter(|p| p.message.contains("did you mean \"L1000.LB."))
            .count();
        assert_eq!(suggested, SUGGESTION_BUDGET);
    }
}
