//! Ranking services for a query: every query word's matches offered to the
//! services they occur in, the best per word and service kept, then sorted
//! by [`RankKey`].

use crate::index::format::Derivation;
use crate::index::lexicon::Lexicon;
use crate::index::order::sort_by;
use crate::index::query::hit::WordMatch;
use crate::index::query::rank::{meaning_weight, name_gaps, Quality, RankKey};
use crate::index::query::words::{compound_postings, matching_terms, word_matches, TermMatch};
use crate::model::records::Service;
use crate::model::region::Ars;
use crate::text::normalize::{content_positions, may_hold_umlaut, query_words};

/// Whether the query's last word may be the beginning of a longer word.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum LastWord {
    /// As a search field's text says: still being typed, unless the text
    /// ends in a space or punctuation.
    #[default]
    FromText,
    /// Still being typed: also matched as a prefix of longer words.
    Typing,
    /// Finished: matched as a whole word only.
    Complete,
}

/// The most characters of a query that are searched; the rest is cut off
/// (at a character boundary). Longer than any request a citizen types, and
/// it bounds the work of a pasted paragraph: every word costs a walk of the
/// term dictionary.
pub const MAX_QUERY_CHARS: usize = 200;

/// `text` cut after [`MAX_QUERY_CHARS`] characters.
pub(crate) fn bounded(text: &str) -> &str {
    match text.char_indices().nth(MAX_QUERY_CHARS) {
        Some((cut, _)) => &text[..cut],
        None => text,
    }
}

/// How to search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchOptions {
    /// The citizen's place; when set, every hit carries who is responsible there.
    pub region: Option<Ars>,
    /// Maximum number of hits.
    pub limit: usize,
    /// Whether the last word is still being typed.
    pub last_word: LastWord,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            region: None,
            limit: 10,
            last_word: LastWord::FromText,
        }
    }
}

/// What the query engine searches: the verified term dictionary and the
/// services its postings number.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Corpus<'a> {
    pub(crate) lexicon: &'a Lexicon,
    pub(crate) services: &'a [Service],
}

/// A ranked service, by number.
#[derive(Debug, Clone)]
pub(crate) struct Ranked {
    pub(crate) service: u32,
    pub(crate) rank: RankKey,
    pub(crate) matches: Vec<WordMatch>,
}

/// The query words that count: stop words dropped (unless nothing else is
/// left), and whether the last of them is still being typed.
pub(crate) struct ContentWords {
    pub(crate) words: Vec<String>,
    /// Whether each word was typed with an umlaut.
    pub(crate) umlauts: Vec<bool>,
    pub(crate) last_is_prefix: bool,
}

impl ContentWords {
    pub(crate) fn of(query: &str, last_word: LastWord) -> ContentWords {
        let typed = query_words(bounded(query));
        let kept = content_positions(&typed.words);
        let typing = match last_word {
            LastWord::FromText => typed.last_is_prefix,
            LastWord::Typing => !typed.words.is_empty(),
            LastWord::Complete => false,
        };
        // The last word is only unfinished if it survived the stop-word filter.
        let last_is_prefix = typing && kept.last() == Some(&(typed.words.len() - 1));
        ContentWords {
            words: kept.iter().map(|&i| typed.words[i].clone()).collect(),
            umlauts: kept.iter().map(|&i| typed.umlauts[i]).collect(),
            last_is_prefix,
        }
    }

    /// Whether the word at `position` is matched as a prefix too.
    pub(crate) fn as_prefix(&self, position: usize) -> bool {
        self.last_is_prefix && position + 1 == self.words.len()
    }
}

/// The best match of each query word in each service, and the terms matched.
///
/// Dense rather than hashed: a row of qualities per matched service, found
/// through a table over all services, so that offering a posting costs two
/// array reads.
struct Offers {
    word_count: usize,
    /// The row of each service in `qualities`; [`Offers::NONE`] until it matches.
    row_of: Vec<u32>,
    /// The services that matched, in the order of their rows.
    matched: Vec<u32>,
    /// `word_count` qualities per matched service: the best match of each
    /// query word.
    qualities: Vec<Option<Quality>>,
    /// Matched indexed words; a quality's `term` numbers them. A compound's
    /// parts are one entry.
    terms: Vec<Vec<String>>,
}

impl Offers {
    const NONE: u32 = u32::MAX;

    fn new(word_count: usize, service_count: usize) -> Offers {
        Offers {
            word_count,
            row_of: vec![Offers::NONE; service_count],
            matched: Vec::new(),
            qualities: Vec::new(),
            terms: Vec::new(),
        }
    }

    /// The best qualities of the service in `row`.
    fn row(&self, row: usize) -> &[Option<Quality>] {
        &self.qualities[row * self.word_count..(row + 1) * self.word_count]
    }

    fn term(&mut self, parts: Vec<String>) -> u32 {
        self.terms.push(parts);
        (self.terms.len() - 1) as u32
    }

    fn offer(&mut self, service: u32, position: usize, quality: Quality) {
        let row = &mut self.row_of[service as usize];
        if *row == Offers::NONE {
            *row = self.matched.len() as u32;
            self.matched.push(service);
            self.qualities
                .resize(self.qualities.len() + self.word_count, None);
        }
        let slot = &mut self.qualities[*row as usize * self.word_count + position];
        if slot.is_none_or(|current| quality < current) {
            *slot = Some(quality);
        }
    }

    /// Offers every posting of `found` to the query words at `positions`.
    ///
    /// A posting counts as transliterated when the citizen typed the word
    /// with an umlaut where the text has the transliteration, or the other
    /// way round ("gebaeude" for "Gebäude"): a match one tier below the
    /// exact spelling. Thesaurus words carry no spelling, so they are never
    /// transliterated. Of a prefix match only the part typed so far
    /// (`typed_len` bytes) counts: "einkommenst" has not yet reached the "ä"
    /// of "Einkommensteuererklärung".
    fn offer_postings(
        &mut self,
        found: TermMatch<'_>,
        positions: &[usize],
        (typed_umlaut, typed_len): (bool, usize),
        at_least: Derivation,
    ) {
        let TermMatch {
            term,
            postings,
            typos,
            prefix,
            derivation,
        } = found;
        let number = self.terms.len() as u32;
        // Whether the term can hold an umlaut at all, asked only when a
        // posting's spelling differs from the typed one.
        let mut spelling_matters = None;
        for posting in postings {
            let quality = Quality {
                typos,
                transliterated: posting.derivation != Derivation::Thesaurus
                    && posting.umlaut != typed_umlaut
                    && *spelling_matters.get_or_insert_with(|| {
                        let typed = match prefix {
                            true => term.get(..typed_len).unwrap_or(&term),
                            false => &term,
                        };
                        may_hold_umlaut(typed)
                    }),
                field: posting.field,
                derivation: posting.derivation.max(derivation).max(at_least),
                prefix,
                term: number,
            };
            for &position in positions {
                self.offer(posting.service, position, quality);
            }
        }
        self.terms.push(vec![term]);
    }
}

/// The services matching `query`, best first, at most `limit`.
pub(crate) fn search(
    corpus: Corpus<'_>,
    query: &str,
    limit: usize,
    last_word: LastWord,
) -> Vec<Ranked> {
    let content = ContentWords::of(query, last_word);
    let words = &content.words;
    let word_count = words.len();
    if word_count == 0 || limit == 0 {
        return Vec::new();
    }
    let mut offers = Offers::new(word_count, corpus.services.len());
    for (position, word) in words.iter().enumerate() {
        let (matches, compound) = word_matches(corpus.lexicon, word, content.as_prefix(position));
        for found in matches {
            offers.offer_postings(
                found,
                &[position],
                (content.umlauts[position], word.len()),
                Derivation::Literal,
            );
        }
        if let Some(parts) = compound {
            let services = compound_postings(corpus.lexicon, &parts);
            let term = offers.term(parts);
            for (service, field) in services {
                let quality = Quality {
                    typos: 0,
                    transliterated: false,
                    field,
                    derivation: Derivation::CompoundPart,
                    prefix: false,
                    term,
                };
                offers.offer(service, position, quality);
            }
        }
    }

    // Two neighbouring words may be one compound written apart ("reisepass
    // verlust" for "Reisepassverlust"): the joined word counts for both.
    for position in 1..word_count {
        let joined = format!("{}{}", words[position - 1], words[position]);
        let typed_umlaut = content.umlauts[position - 1] || content.umlauts[position];
        // Exact only: the words' own typo budgets were spent above.
        for found in matching_terms(corpus.lexicon, &joined, content.as_prefix(position), 0) {
            offers.offer_postings(
                found,
                &[position - 1, position],
                (typed_umlaut, joined.len()),
                Derivation::CompoundPart,
            );
        }
    }

    // How many services each query word matched: the rarer, the more telling.
    let mut matched_services = vec![0usize; word_count];
    for row in 0..offers.matched.len() {
        for (count, quality) in matched_services.iter_mut().zip(offers.row(row)) {
            *count += usize::from(quality.is_some());
        }
    }
    let weights: Vec<u8> = matched_services
        .iter()
        .map(|&count| meaning_weight(count, corpus.services.len()))
        .collect();
    let mut ranked: Vec<(RankKey, u32, usize)> = offers
        .matched
        .iter()
        .enumerate()
        .map(|(row, &service)| {
            let qualities = offers.row(row);
            let commonness = qualities
                .iter()
                .zip(&matched_services)
                .filter_map(|(quality, count)| quality.map(|_| *count))
                .sum();
            let record = &corpus.services[service as usize];
            let rank = RankKey::new(
                qualities,
                &weights,
                0,
                commonness,
                record.popularity,
                &record.name,
            );
            (rank, service, row)
        })
        .collect();
    // The gaps between matched words cost a walk over the service name's
    // words. Only services that can still reach the first `limit` need them:
    // those whose criteria before the gaps are at least as good as the
    // `limit`-th service's. A sentence matches hundreds of names with its
    // common words; this keeps it from walking them all.
    if ranked.len() > limit {
        // The `limit`-th greatest lead, found by sorting plain numbers: the
        // same sort as other numbers', not a copy of a selection for this
        // tuple type.
        let mut leads: Vec<usize> = ranked.iter().map(|(key, _, _)| key.before_gaps()).collect();
        leads.sort_unstable();
        let cutoff = leads[leads.len() - limit];
        ranked.retain(|(key, _, _)| key.before_gaps() >= cutoff);
    }
    for (rank, service, row) in &mut ranked {
        let name = &corpus.services[*service as usize].name;
        *rank = rank.with_gaps(name_gaps(name, offers.row(*row), &offers.terms));
    }
    // Best first; service numbers are unique, so ties on the key still have one order.
    sort_by(&mut ranked, |a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    ranked.truncate(limit);

    ranked
        .into_iter()
        .map(|(rank, service, row)| Ranked {
            service,
            rank,
            matches: offers
                .row(row)
                .iter()
                .zip(words)
                .filter_map(|(quality, word)| {
                    quality.map(|q| WordMatch {
                        query_word: word.clone(),
                        terms: offers.terms[q.term as usize].clone(),
                        typos: q.typos,
                        prefix: q.prefix,
                        field: q.field,
                        derivation: q.derivation,
                        transliterated: q.transliterated,
                    })
                })
                .collect(),
        })
        .collect()
}
