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
//! typos, umlauts spelled as in the text (for "gebäude", "Gebäude" before
//! "Gebaeude"; a bare vowel, "gebaude", counts as a typo), matched words
//! closer together in the name, stronger fields (name
//! before synonym before text), fewer derived matches (stem, compound part,
//! thesaurus synonym), more words matched whole rather than as a prefix;
//! then rarer words matched (a hit for "Personalausweis" says more than one
//! for "beantragen"); then the editor-set popularity; remaining ties go to
//! the shorter name, then to catalog order.

use std::collections::HashMap;

use fst::automaton::{Automaton, Str};
use fst::{IntoStreamer, Streamer};

use crate::format::{self, Derivation, Field};
use crate::index::Responsible;
use crate::normalize::{
    compound_head, content_positions, may_hold_umlaut, query_words, split_compound, stem,
    MAX_COMPOUND_BYTES, STOP_WORDS,
};
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
    /// Whether the word itself matched, or its stem, a compound part or a
    /// thesaurus synonym.
    pub derivation: Derivation,
    /// True when typed with "ae" where the text has "ä", or the other way round.
    pub transliterated: bool,
}

/// A ranked search result.
#[derive(Debug, Clone)]
pub struct Hit<'a> {
    /// The service found.
    pub service: &'a Service,
    /// Ranking score: higher is better; see the module documentation.
    pub score: u64,
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
    /// Typed "ae" where the text has "ä", or the other way round.
    transliterated: bool,
    field: Field,
    derivation: Derivation,
    prefix: bool,
    term: u32,
}

/// Every indexed word matching `word` with up to `budget` typos, as (term,
/// posting offset, typos, prefix).
fn matching_terms(
    index: &Index,
    word: &str,
    as_prefix: bool,
    budget: u8,
) -> Vec<(String, u64, u8, bool)> {
    let mut found = Vec::new();
    let typo_automaton = match budget {
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

/// The query words that count: stop words dropped (unless nothing else is
/// left), and whether the last of them is still being typed.
fn content_words(query: &str) -> ContentWords {
    let typed = query_words(query);
    let kept = content_positions(&typed.words);
    // The last word is only unfinished if it survived the stop-word filter.
    let last_is_prefix = typed.last_is_prefix && kept.last() == Some(&(typed.words.len() - 1));
    ContentWords {
        words: kept.iter().map(|&i| typed.words[i].clone()).collect(),
        umlauts: kept.iter().map(|&i| typed.umlauts[i]).collect(),
        last_is_prefix,
    }
}

/// Whether the citizen typed the word with an umlaut where the text has the
/// transliteration, or the other way round ("gebaeude" for "Gebäude"): a
/// match one tier below the exact spelling. Thesaurus words carry no
/// spelling, so they are never transliterated.
fn transliterated(posting: &format::Posting, term: &str, typed_umlaut: bool) -> bool {
    posting.derivation != Derivation::Thesaurus
        && posting.umlaut != typed_umlaut
        && may_hold_umlaut(term)
}

/// The query words that count, see [`content_words`].
struct ContentWords {
    words: Vec<String>,
    /// Whether each word was typed with an umlaut.
    umlauts: Vec<bool>,
    last_is_prefix: bool,
}

/// The word with umlauts restored where a bare a, o or u may stand for one
/// (folded: "ae", "oe", "ue"), every combination for up to three such vowels.
fn umlaut_variants(word: &str) -> Vec<String> {
    let vowels: Vec<usize> = word
        .char_indices()
        .filter(|&(at, c)| matches!(c, 'a' | 'o' | 'u') && !word[at + 1..].starts_with('e'))
        .map(|(at, _)| at)
        .take(3)
        .collect();
    (1..1u32 << vowels.len())
        .map(|mask| {
            let mut variant = String::with_capacity(word.len() + vowels.len());
            let mut from = 0;
            for (bit, &at) in vowels.iter().enumerate() {
                if mask & (1 << bit) != 0 {
                    variant.push_str(&word[from..=at]);
                    variant.push('e');
                    from = at + 1;
                }
            }
            variant.push_str(&word[from..]);
            variant
        })
        .collect()
}

/// Shortest finished query word that may also match the beginning of longer
/// words when it matches nothing as a whole.
const MIN_FINISHED_PREFIX: usize = 5;

/// One way a query word reaches a posting list.
struct TermMatch {
    term: String,
    offset: u64,
    typos: u8,
    prefix: bool,
    /// At least this derivation, whatever the posting says (a match through
    /// the query word's stem counts as a stem match).
    derivation: Derivation,
}

/// The posting lists a query word reaches: by exact, typo-tolerant and prefix
/// matching, by its stem, and — when none of that finds anything — as a
/// compound of indexed words (then the parts must all occur in a service).
fn word_matches(
    index: &Index,
    word: &str,
    as_prefix: bool,
) -> (Vec<TermMatch>, Option<Vec<String>>) {
    let mut found: Vec<TermMatch> = matching_terms(index, word, as_prefix, typo_budget(word))
        .into_iter()
        .map(|(term, offset, typos, prefix)| TermMatch {
            term,
            offset,
            typos,
            prefix,
            derivation: Derivation::Literal,
        })
        .collect();
    // Even when typo matching reached the stem already, the exact stem match is better.
    let word_stem = stem(word);
    if word_stem != word && !found.iter().any(|m| m.term == word_stem && m.typos == 0) {
        if let Some(offset) = index.terms.get(word_stem.as_bytes()) {
            found.push(TermMatch {
                term: word_stem.into_owned(),
                offset,
                typos: 0,
                prefix: false,
                derivation: Derivation::Stem,
            });
        }
    }
    if found.is_empty() {
        // A bare vowel for an umlaut ("mull" for "Müll"): one typo, and
        // found even in words too short for the typo budget.
        for variant in umlaut_variants(word) {
            found.extend(
                matching_terms(index, &variant, as_prefix, 0)
                    .into_iter()
                    .map(|(term, offset, _, prefix)| TermMatch {
                        term,
                        offset,
                        typos: 1,
                        prefix,
                        derivation: Derivation::Literal,
                    }),
            );
        }
    }
    if found.is_empty() && !as_prefix && word.len() >= MIN_FINISHED_PREFIX {
        // A finished word that only begins indexed words is most likely the
        // first part of a compound ("nachbar" → "Nachbarschaftslärm").
        found.extend(matching_terms(index, word, true, 0).into_iter().map(
            |(term, offset, typos, prefix)| TermMatch {
                term,
                offset,
                typos,
                prefix,
                derivation: Derivation::CompoundPart,
            },
        ));
    }
    // Compound splitting costs a lookup per substring: a pasted paragraph
    // is no compound.
    if !found.is_empty() || word.len() > MAX_COMPOUND_BYTES {
        return (found, None);
    }
    // Stop words are no meaningful compound parts ("nach" in "nachbar").
    let known = |part: &str| {
        !STOP_WORDS.contains(&part)
            && (index.terms.contains_key(part) || index.terms.contains_key(stem(part).as_bytes()))
    };
    // A compound of known words; failing that, its known head ("…antrag")
    // or known beginning ("kita…"), whichever is longer.
    let parts = split_compound(word, 3, known).or_else(|| {
        let head = compound_head(word, 4, known);
        let modifier = (4..=word.len().saturating_sub(3))
            .rev()
            .filter(|&end| word.is_char_boundary(end))
            .map(|end| &word[..end])
            .find(|m| known(m));
        [head, modifier]
            .into_iter()
            .flatten()
            .max_by_key(|part| part.len())
            .map(|part| vec![part.to_string()])
    });
    (found, parts)
}

/// Services containing every part of a split query compound, with the
/// weakest field among the parts.
fn compound_postings(index: &Index, parts: &[String]) -> HashMap<u32, Field> {
    // Where each part, or its stem, occurs.
    let per_part: Vec<(usize, HashMap<u32, Field>)> = parts
        .iter()
        .map(|part| {
            let mut here: HashMap<u32, Field> = HashMap::new();
            for form in [part.as_str(), stem(part).as_ref()] {
                let postings = index
                    .terms
                    .get(form)
                    .and_then(|offset| {
                        format::read_postings(&index.postings, offset, index.services.len()).ok()
                    })
                    .unwrap_or_default();
                for posting in postings {
                    let field = here.entry(posting.service).or_insert(posting.field);
                    *field = (*field).min(posting.field);
                }
            }
            (part.len(), here)
        })
        .collect();
    let mut common: Option<HashMap<u32, Field>> = None;
    for (_, here) in &per_part {
        common = Some(match common {
            None => here.clone(),
            Some(so_far) => so_far
                .into_iter()
                .filter_map(|(service, field)| here.get(&service).map(|f| (service, field.max(*f))))
                .collect(),
        });
    }
    match common {
        Some(common) if !common.is_empty() => common,
        // No service has every part ("kindergeld" + "antrag"): the longest
        // part says most about what is meant.
        _ => per_part
            .into_iter()
            .max_by_key(|(len, _)| *len)
            .map(|(_, here)| here)
            .unwrap_or_default(),
    }
}

pub(crate) fn search<'a>(index: &'a Index, query: &str, options: &SearchOptions) -> Vec<Hit<'a>> {
    let ContentWords {
        words,
        umlauts,
        last_is_prefix,
    } = content_words(query);
    let word_count = words.len();
    if word_count == 0 || options.limit == 0 {
        return Vec::new();
    }
    let mut terms: Vec<String> = Vec::new();
    // Per service: the best match of each query word.
    let mut best: HashMap<u32, Vec<Option<Quality>>> = HashMap::new();
    let mut offer = |service: u32, position: usize, quality: Quality| {
        let slot = &mut best
            .entry(service)
            .or_insert_with(|| vec![None; word_count])[position];
        if slot.is_none_or(|current| quality < current) {
            *slot = Some(quality);
        }
    };
    for (position, word) in words.iter().enumerate() {
        let as_prefix = last_is_prefix && position + 1 == word_count;
        let (matches, compound) = word_matches(index, word, as_prefix);
        for found in matches {
            let term = terms.len() as u32;
            terms.push(found.term);
            let Ok(postings) =
                format::read_postings(&index.postings, found.offset, index.services.len())
            else {
                continue;
            };
            for posting in postings {
                let quality = Quality {
                    typos: found.typos,
                    transliterated: transliterated(
                        &posting,
                        &terms[term as usize],
                        umlauts[position],
                    ),
                    field: posting.field,
                    derivation: posting.derivation.max(found.derivation),
                    prefix: found.prefix,
                    term,
                };
                offer(posting.service, position, quality);
            }
        }
        if let Some(parts) = compound {
            let term = terms.len() as u32;
            terms.push(parts.join("+"));
            for (service, field) in compound_postings(index, &parts) {
                let quality = Quality {
                    typos: 0,
                    transliterated: false,
                    field,
                    derivation: Derivation::CompoundPart,
                    prefix: false,
                    term,
                };
                offer(service, position, quality);
            }
        }
    }

    // Two neighbouring words may be one compound written apart ("reisepass
    // verlust" for "Reisepassverlust"): the joined word counts for both.
    for position in 1..word_count {
        let joined = format!("{}{}", words[position - 1], words[position]);
        let as_prefix = last_is_prefix && position + 1 == word_count;
        // Exact only: the words' own typo budgets were spent above.
        for found in matching_terms(index, &joined, as_prefix, 0) {
            let (term, offset, typos, prefix) = found;
            let term_number = terms.len() as u32;
            terms.push(term);
            let Ok(postings) = format::read_postings(&index.postings, offset, index.services.len())
            else {
                continue;
            };
            for posting in postings {
                let quality = Quality {
                    typos,
                    transliterated: transliterated(
                        &posting,
                        &terms[term_number as usize],
                        umlauts[position - 1] || umlauts[position],
                    ),
                    field: posting.field,
                    derivation: posting.derivation.max(Derivation::CompoundPart),
                    prefix,
                    term: term_number,
                };
                offer(posting.service, position - 1, quality);
                offer(posting.service, position, quality);
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
    // (score, commonness, popularity, name length, service number, qualities)
    type Ranked = (
        u64,
        usize,
        std::cmp::Reverse<u8>,
        usize,
        u32,
        Vec<Option<Quality>>,
    );
    let mut ranked: Vec<Ranked> = best
        .into_iter()
        .map(|(service, qualities)| {
            let commonness = qualities
                .iter()
                .zip(&matched_services)
                .filter_map(|(quality, count)| quality.map(|_| *count))
                .sum();
            let record = &index.services[service as usize];
            let popularity = std::cmp::Reverse(record.popularity.unwrap_or(0));
            let gaps = name_gaps(&record.name, &qualities, &terms);
            (
                score(&qualities, gaps),
                commonness,
                popularity,
                record.name.chars().count(),
                service,
                qualities,
            )
        })
        .collect();
    ranked.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then(a.1.cmp(&b.1))
            .then(a.2.cmp(&b.2))
            .then(a.3.cmp(&b.3))
            .then(a.4.cmp(&b.4))
    });
    ranked.truncate(options.limit);

    ranked
        .into_iter()
        .map(|(score, _, _, _, service, qualities)| Hit {
            service: &index.services[service as usize],
            score,
            matches: qualities
                .iter()
                .zip(&words)
                .filter_map(|(quality, word)| {
                    quality.map(|q| WordMatch {
                        query_word: word.clone(),
                        term: terms[q.term as usize].clone(),
                        typos: q.typos,
                        prefix: q.prefix,
                        field: q.field,
                        derivation: q.derivation,
                        transliterated: q.transliterated,
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
    let ContentWords {
        words,
        last_is_prefix,
        ..
    } = content_words(query);
    let word_count = words.len();
    let mut choices: Vec<Vec<String>> = Vec::with_capacity(word_count);
    for (position, word) in words.iter().enumerate() {
        let as_prefix = last_is_prefix && position + 1 == word_count;
        let (matches, compound) = word_matches(index, word, as_prefix);
        if !matches.is_empty() || compound.is_some() {
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
    let original = words.join(" ");
    let mut found: Vec<String> = Vec::new();
    for words in alternatives {
        let text = words
            .iter()
            .map(|w| w.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        if words.is_empty() || text == original || found.len() >= limit {
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

/// How far apart the matched words stand in the service name, for
/// multi-word queries: the sum of the gaps between neighbouring matched
/// words (in name order), where a word matched elsewhere than in the name
/// counts as a gap of [`FAR_APART`]. "Personalausweis beantragen" has no
/// gap for "personalausweis beantragen"; "Beantragen eines Ersatzes für den
/// Personalausweis" has four.
fn name_gaps(name: &str, qualities: &[Option<Quality>], terms: &[String]) -> usize {
    let matched: Vec<&Quality> = qualities.iter().flatten().collect();
    if matched.len() < 2 {
        return 0;
    }
    let words: Vec<String> = crate::normalize::word_spans(name)
        .into_iter()
        .map(|(_, word)| word)
        .collect();
    let mut positions: Vec<usize> = Vec::new();
    let mut missing = 0;
    for quality in matched {
        let term = terms[quality.term as usize].as_str();
        let found = words.iter().position(|word| {
            word == term || word.starts_with(term) || stem(word) == term || word.ends_with(term)
        });
        match found {
            Some(position) if quality.field == Field::Name => positions.push(position),
            _ => missing += 1,
        }
    }
    positions.sort_unstable();
    let gaps: usize = positions
        .windows(2)
        .map(|pair| (pair[1] - pair[0]).saturating_sub(1))
        .sum();
    gaps + missing * FAR_APART
}

/// The gap counted for a matched word that is not in the name.
const FAR_APART: usize = 8;

/// Packs the ranking criteria into one number, a byte each, most
/// significant first: words matched, then fewer typos, fewer transliterated
/// umlauts, closer words in the name, stronger fields, fewer derived matches
/// (stem, compound part, thesaurus), fewer prefix matches.
fn score(qualities: &[Option<Quality>], gaps: usize) -> u64 {
    let matched = qualities.iter().flatten();
    let lane = |value: usize| value.min(255) as u64;
    // At most 31 words, so that the score stays below 2^53 and is exact as a
    // JavaScript number; a pasted paragraph gains nothing by its 32nd word.
    let count = lane(matched.clone().count().min(31));
    let typos = lane(matched.clone().map(|q| usize::from(q.typos)).sum());
    let transliterated = lane(matched.clone().filter(|q| q.transliterated).count());
    let gaps = lane(gaps);
    let fields = lane(matched.clone().map(|q| q.field as usize).sum());
    let derived = lane(matched.clone().map(|q| q.derivation as usize).sum());
    let prefixes = lane(matched.filter(|q| q.prefix).count());
    (count << 48)
        | ((255 - typos) << 40)
        | ((255 - transliterated) << 32)
        | ((255 - gaps) << 24)
        | ((255 - fields) << 16)
        | ((255 - derived) << 8)
        | (255 - prefixes)
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
        assert_eq!(derivations(&index, "personalaus")[0].1, Derivation::Literal);
        // A finished word that only begins a longer word is taken as the
        // first part of a compound: found, but as a derived match.
        assert_eq!(
            derivations(&index, "personalaus ")[0].1,
            Derivation::CompoundPart
        );
        assert!(
            top(&index, "pers ").is_empty(),
            "too short to be a compound part"
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

    fn derivations(index: &Index, query: &str) -> Vec<(String, Derivation)> {
        index.search(query, &SearchOptions::default())[0]
            .matches
            .iter()
            .map(|m| (m.term.clone(), m.derivation))
            .collect()
    }

    #[test]
    fn inflected_forms_meet_through_stems() {
        let index = index(&["Fahrzeug zulassen", "Bescheide anfordern"]);
        assert_eq!(top(&index, "fahrzeuge ")[0], "Fahrzeug zulassen");
        assert_eq!(top(&index, "fahrzeuges ")[0], "Fahrzeug zulassen");
        assert_eq!(top(&index, "bescheid ")[0], "Bescheide anfordern");
        assert_eq!(derivations(&index, "fahrzeuge ")[0].1, Derivation::Stem);
    }

    #[test]
    fn compounds_are_split_at_build_and_at_query_time() {
        let index = index(&[
            "Melderegisterauskunft",
            "Auskunft aus dem Grundbuch",
            "Grundsteuer - Bescheid",
        ]);
        let hits = top(&index, "auskunft ");
        assert_eq!(
            hits,
            ["Auskunft aus dem Grundbuch", "Melderegisterauskunft"],
            "literal before compound part"
        );
        assert_eq!(
            top(&index, "grundsteuerbescheid ")[0],
            "Grundsteuer - Bescheid"
        );
        assert_eq!(
            derivations(&index, "grundsteuerbescheid "),
            [("grundsteuer+bescheid".to_string(), Derivation::CompoundPart)]
        );
    }

    #[test]
    fn stop_words_do_not_count_but_never_empty_a_query() {
        let index = index(&["Pass verlängern", "Wohngeld beantragen", "Ich-AG gründen"]);
        let hits = index.search(
            "wo kann ich meinen pass verlängern",
            &SearchOptions::default(),
        );
        assert_eq!(hits[0].service.name, "Pass verlängern");
        assert_eq!(hits[0].matches.len(), 2, "only content words are matched");
        assert_eq!(
            top(&index, "ich")[0],
            "Ich-AG gründen",
            "a query of stop words alone still searches"
        );
    }

    #[test]
    fn thesaurus_synonyms_find_official_names_even_with_typos() {
        let catalog = Catalog {
            services: vec![Service {
                id: "elstam".into(),
                name: "Elektronische Lohnsteuerabzugsmerkmale ändern".into(),
                ..Default::default()
            }],
            ..Default::default()
        };
        let thesaurus = crate::thesaurus::Thesaurus::parse(
            "lohnsteuerkarte\t>\tlohnsteuerabzugsmerkmale\n",
            "t.tsv",
        )
        .unwrap();
        let bytes = IndexBuilder::new(&catalog)
            .thesaurus(thesaurus)
            .build()
            .unwrap()
            .bytes;
        let index = Index::from_bytes(&bytes).unwrap();
        for query in ["lohnsteuerkarte", "Lohnsteuerkarte ", "lohnsteurkarte "] {
            let hits = index.search(query, &SearchOptions::default());
            assert_eq!(
                hits.first().map(|h| h.service.id.as_str()),
                Some("elstam"),
                "{query}"
            );
            assert_eq!(hits[0].matches[0].derivation, Derivation::Thesaurus);
        }
    }

    #[test]
    fn elided_compounds_are_completed() {
        let index = index(&[
            "Haus- und Nachbarschaftslärm",
            "Lärmschutz",
            "Anwohner -/Bewohnerparkausweis",
            "Parkausweis",
        ]);
        assert_eq!(top(&index, "hauslärm ")[0], "Haus- und Nachbarschaftslärm");
        assert_eq!(
            top(&index, "anwohnerparkausweis ")[0],
            "Anwohner -/Bewohnerparkausweis"
        );
    }

    #[test]
    fn closer_words_in_the_name_rank_first() {
        // The shorter name would win the tie, were it not for proximity.
        let index = index(&[
            "Beantragen von Dokumenten wie Personalausweis",
            "Personalausweis beantragen für Auslandsdeutsche und Seeleute",
        ]);
        assert_eq!(
            top(&index, "personalausweis beantragen"),
            [
                "Personalausweis beantragen für Auslandsdeutsche und Seeleute",
                "Beantragen von Dokumenten wie Personalausweis"
            ]
        );
    }

    #[test]
    fn bare_vowels_find_umlauts_even_in_short_words() {
        assert_eq!(umlaut_variants("mull"), ["muell"]);
        assert_eq!(umlaut_variants("hof"), ["hoef"]);
        assert_eq!(umlaut_variants("baum"), ["baeum", "bauem", "baeuem"]);
        assert_eq!(
            umlaut_variants("gebaeude"),
            ["gebaeuede"],
            "a vowel already followed by e stays"
        );
        let index = index(&["Müll entsorgen", "Höfe", "Gebäude"]);
        assert_eq!(top(&index, "mull ")[0], "Müll entsorgen");
        assert_eq!(top(&index, "hofe ")[0], "Höfe");
        assert_eq!(top(&index, "gebaude ")[0], "Gebäude");
        let hits = index.search("mull ", &SearchOptions::default());
        assert_eq!(hits[0].matches[0].typos, 1, "a bare vowel counts as a typo");
    }

    #[test]
    fn umlaut_tiers_exact_then_transliterated_then_bare_vowel() {
        let index = index(&["Gebaeudeversicherung", "Gebäudeversicherung"]);
        assert_eq!(
            top(&index, "gebäudeversicherung ")[0],
            "Gebäudeversicherung"
        );
        assert_eq!(
            top(&index, "gebaeudeversicherung ")[0],
            "Gebaeudeversicherung"
        );
        let hits = index.search("gebäudeversicherung ", &SearchOptions::default());
        assert!(!hits[0].matches[0].transliterated && hits[1].matches[0].transliterated);
        // A bare vowel is a typo, below both spellings of the same word elsewhere.
        let index = self::index(&["Gebaude", "Gebäude"]);
        assert_eq!(top(&index, "gebaeude "), ["Gebäude", "Gebaude"]);
    }

    #[test]
    fn scores_stay_exact_as_javascript_numbers() {
        let index = index(&["eins zwei drei"]);
        let long_query = vec!["eins"; 40].join(" ");
        let hits = index.search(&long_query, &SearchOptions::default());
        assert!(hits[0].score < 1 << 53, "{:#x}", hits[0].score);
    }

    #[test]
    fn popularity_breaks_ties_but_never_beats_a_better_match() {
        let mut catalog = Catalog::default();
        for (id, name, popularity) in [
            ("a", "Grundbuch Auszug", None),
            ("b", "Grundbuch Einsicht", Some(90)),
            ("c", "Grundbuch", Some(10)),
        ] {
            catalog.services.push(Service {
                id: id.into(),
                name: name.into(),
                popularity,
                ..Default::default()
            });
        }
        let index = Index::from_bytes(&IndexBuilder::new(&catalog).build().unwrap().bytes).unwrap();
        let ids: Vec<&str> = index
            .search("grundbuch ", &SearchOptions::default())
            .iter()
            .map(|h| h.service.id.as_str())
            .collect();
        assert_eq!(ids, ["b", "c", "a"]);
        let ids: Vec<&str> = index
            .search("grundbuch auszug", &SearchOptions::default())
            .iter()
            .map(|h| h.service.id.as_str())
            .collect();
        assert_eq!(ids[0], "a", "two words matched beat popularity");
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
