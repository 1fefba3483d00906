//! The query engine: exact, prefix and typo-tolerant word matching over the
//! term dictionary, and ranking.
//!
//! Each query word is matched against the fst term dictionary:
//!
//! - exactly;
//! - with typos through a Levenshtein automaton (`typo.rs`) that counts a
//!   swap of two neighbouring letters as one typo: none below 5 letters, one
//!   from 5, two from 9 (counted after normalisation, so "ü" is two letters);
//! - the last word, while the citizen may still be typing it, also as a
//!   prefix of longer words, with the same typo budget.
//!
//! Services are ranked by, in this order: more query words matched, fewer
//! typos, stronger fields (name before synonym before text), more words
//! matched whole rather than as a prefix; then rarer words matched (a hit
//! for "Personalausweis" says more than one for "beantragen"); remaining
//! ties go to the shorter name, then to catalog order.

use std::collections::HashMap;

use fst::automaton::{Automaton, Str};
use fst::{IntoStreamer, Streamer};

use crate::format::{self, Field};
use crate::index::Responsible;
use crate::normalize::query_words;
use crate::typo::TypoAutomaton;
use crate::{Ars, Index, Service};

/// How to search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchOptions {
    /// The citizen's place; when set, every hit carries who is responsible there.
    pub region: Option<Ars>,
    /// Maximum number of hits.
    pub limit: usize,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            region: None,
            limit: 10,
        }
    }
}

/// How one query word matched a service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordMatch {
    /// The normalised query word.
    pub query_word: String,
    /// The indexed word it matched.
    pub term: String,
    /// Edit operations between them (for prefix matches: to the best prefix).
    pub typos: u8,
    /// True when only a prefix of `term` matched.
    pub prefix: bool,
    /// The strongest field the term occurs in.
    pub field: Field,
}

/// A ranked search result.
#[derive(Debug, Clone)]
pub struct Hit<'a> {
    /// The service found.
    pub service: &'a Service,
    /// Ranking score: higher is better; see the module documentation.
    pub score: u32,
    /// For each query word that matched, how it matched.
    pub matches: Vec<WordMatch>,
    /// Who is responsible at [`SearchOptions::region`], when one was given.
    pub responsible: Option<Responsible<'a>>,
}

impl Hit<'_> {
    /// Byte ranges of the service name that matched the query, for
    /// highlighting: whole words for whole-word matches, the typed beginning
    /// for prefix matches. Sorted, not overlapping.
    ///
    /// ```
    /// # let catalog: zufi::Catalog = serde_json::from_str(
    /// #     r#"{"services": [{"id": "1", "name": "Gebäude-Vermessung beantragen"}]}"#).unwrap();
    /// # let bytes = zufi::IndexBuilder::new(&catalog).build().unwrap().bytes;
    /// # let index = zufi::Index::from_bytes(&bytes).unwrap();
    /// let hits = index.search("gebaeude beant", &Default::default());
    /// let name = &hits[0].service.name;
    /// let marked: Vec<&str> = hits[0].name_highlights().into_iter().map(|r| &name[r]).collect();
    /// assert_eq!(marked, ["Gebäude", "beant"]);
    /// ```
    pub fn name_highlights(&self) -> Vec<std::ops::Range<usize>> {
        let name = &self.service.name;
        let spans = crate::normalize::word_spans(name);
        let mut ranges: Vec<std::ops::Range<usize>> = Vec::new();
        for word_match in self.matches.iter().filter(|m| m.field == Field::Name) {
            for (range, _) in spans
                .iter()
                .filter(|(_, folded)| *folded == word_match.term)
            {
                let end = if word_match.prefix {
                    let typed = word_match.query_word.len();
                    range.start
                        + crate::normalize::prefix_len_for_folded(&name[range.clone()], typed)
                } else {
                    range.end
                };
                ranges.push(range.start..end);
            }
        }
        ranges.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
        let mut merged: Vec<std::ops::Range<usize>> = Vec::new();
        for range in ranges {
            match merged.last_mut() {
                Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
                _ => merged.push(range),
            }
        }
        merged
    }
}

/// The typo budget of a normalised query word.
pub(crate) fn typo_budget(word: &str) -> u8 {
    match word.chars().count() {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

/// The best way one query word matched one service; smaller is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Quality {
    typos: u8,
    field: Field,
    prefix: bool,
    term: u32,
}

/// Every indexed word matching `word`, as (term, posting offset, typos, prefix).
fn matching_terms(index: &Index, word: &str, as_prefix: bool) -> Vec<(String, u64, u8, bool)> {
    let mut found = Vec::new();
    let typo_automaton = match typo_budget(word) {
        0 => None,
        budget => Some(TypoAutomaton::new(word, budget, as_prefix)),
    };
    if let Some(automaton) = typo_automaton {
        let mut stream = index.terms.search_with_state(&automaton).into_stream();
        while let Some((term, offset, state)) = stream.next() {
            let (typos, prefix) = match state.whole_word_typos(&automaton) {
                Some(typos) => (typos, false),
                None => match state.prefix_typos(&automaton) {
                    Some(typos) => (typos, true),
                    None => continue,
                },
            };
            found.push((
                String::from_utf8_lossy(term).into_owned(),
                offset,
                typos,
                prefix,
            ));
        }
    } else if as_prefix {
        let automaton = Str::new(word).starts_with();
        let mut stream = index.terms.search(automaton).into_stream();
        while let Some((term, offset)) = stream.next() {
            let prefix = term != word.as_bytes();
            found.push((
                String::from_utf8_lossy(term).into_owned(),
                offset,
                0,
                prefix,
            ));
        }
    } else if let Some(offset) = index.terms.get(word) {
        found.push((word.to_string(), offset, 0, false));
    }
    found
}

pub(crate) fn search<'a>(index: &'a Index, query: &str, options: &SearchOptions) -> Vec<Hit<'a>> {
    let query = query_words(query);
    let word_count = query.words.len();
    if word_count == 0 || options.limit == 0 {
        return Vec::new();
    }
    let mut terms: Vec<String> = Vec::new();
    // Per service: the best match of each query word.
    let mut best: HashMap<u32, Vec<Option<Quality>>> = HashMap::new();
    for (position, word) in query.words.iter().enumerate() {
        let as_prefix = query.last_is_prefix && position + 1 == word_count;
        for (term, offset, typos, prefix) in matching_terms(index, word, as_prefix) {
            let term_number = terms.len() as u32;
            terms.push(term);
            let Ok(postings) = format::read_postings(&index.postings, offset, index.services.len())
            else {
                continue;
            };
            for posting in postings {
                let quality = Quality {
                    typos,
                    field: posting.field,
                    prefix,
                    term: term_number,
                };
                let slot = &mut best
                    .entry(posting.service)
                    .or_insert_with(|| vec![None; word_count])[position];
                if slot.is_none_or(|current| quality < current) {
                    *slot = Some(quality);
                }
            }
        }
    }

    // How many services each query word matched: the rarer, the more telling.
    let mut matched_services = vec![0usize; word_count];
    for qualities in best.values() {
        for (count, quality) in matched_services.iter_mut().zip(qualities) {
            *count += usize::from(quality.is_some());
        }
    }
    // (score, commonness, name length, service number, qualities)
    type Ranked = (u32, usize, usize, u32, Vec<Option<Quality>>);
    let mut ranked: Vec<Ranked> = best
        .into_iter()
        .map(|(service, qualities)| {
            let commonness = qualities
                .iter()
                .zip(&matched_services)
                .filter_map(|(quality, count)| quality.map(|_| *count))
                .sum();
            let name_len = index.services[service as usize].name.chars().count();
            (score(&qualities), commonness, name_len, service, qualities)
        })
        .collect();
    ranked.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then(a.1.cmp(&b.1))
            .then(a.2.cmp(&b.2))
            .then(a.3.cmp(&b.3))
    });
    ranked.truncate(options.limit);

    ranked
        .into_iter()
        .map(|(score, _, _, service, qualities)| Hit {
            service: &index.services[service as usize],
            score,
            matches: qualities
                .iter()
                .zip(&query.words)
                .filter_map(|(quality, word)| {
                    quality.map(|q| WordMatch {
                        query_word: word.clone(),
                        term: terms[q.term as usize].clone(),
                        typos: q.typos,
                        prefix: q.prefix,
                        field: q.field,
                    })
                })
                .collect(),
            responsible: options
                .region
                .map(|place| index.responsible_by_number(service as usize, place)),
        })
        .collect()
}

/// Alternative queries for "Meinten Sie …?": each query word that matches
/// nothing is replaced by the indexed words closest to it (one typo more
/// than the search allows, up to two), or dropped; only alternatives that
/// find something are returned, best first, in the spelling of a service name.
pub(crate) fn suggestions(index: &Index, query: &str, limit: usize) -> Vec<String> {
    let query = query_words(query);
    let word_count = query.words.len();
    let mut choices: Vec<Vec<String>> = Vec::with_capacity(word_count);
    for (position, word) in query.words.iter().enumerate() {
        let as_prefix = query.last_is_prefix && position + 1 == word_count;
        if !matching_terms(index, word, as_prefix).is_empty() {
            choices.push(vec![word.clone()]);
            continue;
        }
        let wider = (typo_budget(word) + 1).min(crate::typo::MAX_TYPOS);
        let mut near: Vec<(u8, std::cmp::Reverse<usize>, String)> = Vec::new();
        if word.chars().count() >= 3 {
            let automaton = TypoAutomaton::new(word, wider, false);
            let mut stream = index.terms.search_with_state(&automaton).into_stream();
            while let Some((term, offset, state)) = stream.next() {
                let (Some(typos), Ok(postings)) = (
                    state.whole_word_typos(&automaton),
                    format::read_postings(&index.postings, offset, index.services.len()),
                ) else {
                    continue;
                };
                near.push((
                    typos,
                    std::cmp::Reverse(postings.len()),
                    String::from_utf8_lossy(term).into_owned(),
                ));
            }
        }
        near.sort();
        // An empty choice drops the word from the alternative.
        choices.push(near.into_iter().take(3).map(|(_, _, term)| term).collect());
    }
    let best: Vec<Option<&String>> = choices.iter().map(|c| c.first()).collect();
    let mut alternatives: Vec<Vec<&String>> = vec![best.iter().flatten().copied().collect()];
    for (position, candidates) in choices.iter().enumerate() {
        for candidate in candidates.iter().skip(1) {
            let mut alternative = best.clone();
            alternative[position] = Some(candidate);
            alternatives.push(alternative.into_iter().flatten().collect());
        }
    }
    let mut found: Vec<String> = Vec::new();
    for words in alternatives {
        let text = words
            .iter()
            .map(|w| w.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        if words.is_empty() || text == query.words.join(" ") || found.len() >= limit {
            continue;
        }
        let options = SearchOptions {
            region: None,
            limit: 1,
        };
        if search(index, &format!("{text} "), &options).is_empty() {
            continue;
        }
        let display = words
            .iter()
            .map(|w| display_form(index, w))
            .collect::<Vec<_>>()
            .join(" ");
        if !found.contains(&display) {
            found.push(display);
        }
    }
    found
}

/// How `term` is written in the first service name containing it, or the term itself.
fn display_form(index: &Index, term: &str) -> String {
    index
        .services
        .iter()
        .find_map(|service| {
            crate::normalize::word_spans(&service.name)
                .into_iter()
                .find(|(_, folded)| folded == term)
                .map(|(range, _)| service.name[range].to_string())
        })
        .unwrap_or_else(|| term.to_string())
}

/// Packs the ranking criteria into one number, most significant first:
/// words matched, then fewer typos, stronger fields, fewer prefix matches.
fn score(qualities: &[Option<Quality>]) -> u32 {
    let matched = qualities.iter().flatten();
    let count = matched.clone().count() as u32;
    let typos: u32 = matched.clone().map(|q| u32::from(q.typos)).sum();
    let fields: u32 = matched.clone().map(|q| q.field as u32).sum();
    let prefixes = matched.filter(|q| q.prefix).count() as u32;
    (count.min(255) << 24)
        | ((255 - typos.min(255)) << 16)
        | ((255 - fields.min(255)) << 8)
        | (255 - prefixes.min(255))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Catalog, IndexBuilder};

    fn index(names: &[&str]) -> Index {
        let catalog = Catalog {
            services: names
                .iter()
                .enumerate()
                .map(|(i, name)| Service {
                    id: format!("s{i}"),
                    name: name.to_string(),
                    ..Default::default()
                })
                .collect(),
            ..Default::default()
        };
        Index::from_bytes(&IndexBuilder::new(&catalog).build().unwrap().bytes).unwrap()
    }

    fn top(index: &Index, query: &str) -> Vec<String> {
        index
            .search(query, &SearchOptions::default())
            .into_iter()
            .map(|h| h.service.name.clone())
            .collect()
    }

    #[test]
    fn typo_budget_grows_with_word_length() {
        let cases = [
            ("pass", 0),
            ("steuer", 1),
            ("personal", 1),
            ("gewerbest", 2),
            ("gebaeudevermessung", 2),
        ];
        for (word, budget) in cases {
            assert_eq!(typo_budget(word), budget, "{word}");
        }
    }

    #[test]
    fn short_words_need_exact_letters() {
        let index = index(&["Pass beantragen", "Pack"]);
        assert_eq!(top(&index, "pass "), ["Pass beantragen"]);
        assert!(top(&index, "pask ").is_empty());
    }

    #[test]
    fn typos_and_transpositions_are_tolerated_within_budget() {
        let index = index(&["Gewerbesteuer - Festsetzung", "Hundesteuer"]);
        assert_eq!(
            top(&index, "gewerbestuer")[0],
            "Gewerbesteuer - Festsetzung"
        );
        assert_eq!(
            top(&index, "gewrebesteuer")[0],
            "Gewerbesteuer - Festsetzung"
        );
        assert_eq!(top(&index, "hundestuer")[0], "Hundesteuer");
        assert!(
            top(&index, "hxndxstxuer").is_empty(),
            "three typos are too many"
        );
    }

    #[test]
    fn the_last_word_matches_as_prefix() {
        let index = index(&["Personalausweis beantragen", "Reisepass beantragen"]);
        assert_eq!(top(&index, "personalaus"), ["Personalausweis beantragen"]);
        assert!(
            top(&index, "personalaus ").is_empty(),
            "a finished word is not a prefix"
        );
    }

    #[test]
    fn ranking_prefers_more_words_then_fewer_typos_then_names() {
        let index = index(&[
            "Wohngeld beantragen",
            "Personalausweis beantragen",
            "Elterngeld beantragen",
            "Personalausweis - Verlust melden",
        ]);
        assert_eq!(
            top(&index, "personalausweis beantragen"),
            [
                "Personalausweis beantragen",
                "Personalausweis - Verlust melden",
                "Wohngeld beantragen",
                "Elterngeld beantragen"
            ]
        );
        let index = self::index(&["Hundesteuer", "Hundesteuern"]);
        assert_eq!(
            top(&index, "hundesteuer ")[0],
            "Hundesteuer",
            "exact before one typo"
        );
    }

    #[test]
    fn suggestions_offer_close_words_that_find_something() {
        let index = index(&[
            "Gewerbesteuer - Festsetzung",
            "Hundesteuer",
            "Hund anmelden",
        ]);
        assert!(
            top(&index, "hnud ").is_empty(),
            "a swapped letter in a four-letter word is beyond budget"
        );
        assert_eq!(index.suggestions("hnud ", 3), ["Hund"]);
        assert_eq!(index.suggestions("hnud anmelden", 3), ["Hund anmelden"]);
        assert_eq!(
            index.suggestions("hundesteuer qqqqqq", 3),
            ["Hundesteuer"],
            "hopeless words are dropped"
        );
        assert!(
            index.suggestions("hundesteuer", 3).is_empty(),
            "nothing to suggest for a query that finds something"
        );
        assert!(index.suggestions("qqqqqq", 3).is_empty());
    }

    #[test]
    fn matches_explain_themselves() {
        let index = index(&["Gebäudevermessung"]);
        let hits = index.search("gebaeudevermesung", &SearchOptions::default());
        assert_eq!(hits[0].matches[0].term, "gebaeudevermessung");
        assert_eq!(hits[0].matches[0].typos, 1);
        assert_eq!(hits[0].matches[0].field, Field::Name);
    }
}
