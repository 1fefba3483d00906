//! "Meinten Sie …?": alternative queries for a query that finds nothing.

use crate::index::format::Field;
use crate::index::order::sort_by;
use crate::index::query::search::{bounded, search, ContentWords, Corpus, LastWord};
use crate::index::query::words::{typo_budget, word_matches};
use crate::model::records::Service;
use crate::text::normalize::word_spans;
use crate::text::typo::{TypoAutomaton, MAX_TYPOS};

/// The most content words a query may have to get alternatives. "Meinten
/// Sie …?" helps with a misspelt word in a request; a longer text that finds
/// nothing (a pasted paragraph) gets none, since every word would cost a
/// dictionary walk with one typo more than the search's, and every
/// alternative a search.
const MAX_SUGGESTED_WORDS: usize = 8;

/// Alternative queries for "Meinten Sie …?": each query word that matches
/// nothing is replaced by the indexed words closest to it (one typo more
/// than the search allows, up to two), or dropped; only alternatives that
/// find something are returned, best first, in the spelling of a service name.
/// Like the search, it reads no more of `query` than [`MAX_QUERY_CHARS`]
/// characters: a pasted paragraph costs no more than that.
///
/// [`MAX_QUERY_CHARS`]: crate::index::query::search::MAX_QUERY_CHARS
pub(crate) fn suggestions(corpus: Corpus<'_>, query: &str, limit: usize) -> Vec<String> {
    let content = ContentWords::of(bounded(query), LastWord::FromText);
    let words = &content.words;
    if words.len() > MAX_SUGGESTED_WORDS {
        return Vec::new();
    }
    let mut choices: Vec<Vec<String>> = Vec::with_capacity(words.len());
    for (position, word) in words.iter().enumerate() {
        let (matches, compound) = word_matches(corpus.lexicon, word, content.as_prefix(position));
        if !matches.is_empty() || compound.is_some() {
            choices.push(vec![word.clone()]);
            continue;
        }
        let wider = (typo_budget(word) + 1).min(MAX_TYPOS);
        let mut near: Vec<(u8, std::cmp::Reverse<usize>, String)> = Vec::new();
        if word.chars().count() >= 3 {
            let automaton = TypoAutomaton::new(word, wider, false);
            corpus
                .lexicon
                .for_each_match_with_state(&automaton, |term, postings, state| {
                    if let Some(typos) = state.whole_word_typos(&automaton) {
                        near.push((
                            typos,
                            std::cmp::Reverse(postings.len()),
                            String::from_utf8_lossy(term).into_owned(),
                        ));
                    }
                });
        }
        sort_by(&mut near, Ord::cmp);
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
        if search(corpus, &text, 1, LastWord::Complete).is_empty() {
            continue;
        }
        let display = words
            .iter()
            .map(|w| display_form(corpus, w))
            .collect::<Vec<_>>()
            .join(" ");
        if !found.contains(&display) {
            found.push(display);
        }
    }
    found
}

/// How `term` is written in the first service name containing it, or the term itself.
fn display_form(corpus: Corpus<'_>, term: &str) -> String {
    let spelt_in = |service: &Service| {
        word_spans(&service.name)
            .into_iter()
            .find(|(_, folded)| folded == term)
            .map(|(range, _)| service.name[range].to_string())
    };
    // Only services whose name has the word can spell it: its postings in
    // the name field say which, in service order. Reading every name
    // instead cost milliseconds on a Land's catalog for a word no name has.
    // (Postings not loaded yet, of a sharded index: every name after all.)
    match corpus
        .lexicon
        .get(term)
        .filter(|postings| postings.len() > 0)
    {
        Some(postings) => postings
            .filter(|posting| posting.field == Field::Name)
            .find_map(|posting| {
                corpus
                    .services
                    .get(posting.service as usize)
                    .and_then(spelt_in)
            }),
        None => corpus.services.iter().find_map(spelt_in),
    }
    .unwrap_or_else(|| term.to_string())
}
