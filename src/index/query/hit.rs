//! What a search returns: the service, why it ranks where it does, how each
//! query word matched, and who is responsible at the citizen's place.

use std::ops::Range;

use crate::index::format::{Derivation, Field};
use crate::index::order::sort_by_key;
use crate::index::query::rank::RankKey;
use crate::index::responsible::Responsible;
use crate::model::records::Service;
use crate::text::normalize::{prefix_len_for_folded, word_spans};

/// How one query word matched a service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordMatch {
    /// The normalised query word.
    pub query_word: String,
    /// The indexed words it matched: one, or the parts of a compound the
    /// query word was split into ("grundsteuerbescheid" → "grundsteuer",
    /// "bescheid").
    pub terms: Vec<String>,
    /// Edit operations between them (for prefix matches: to the best prefix).
    pub typos: u8,
    /// True when only a prefix of the term matched.
    pub prefix: bool,
    /// The strongest field the term occurs in.
    pub field: Field,
    /// Whether the word itself matched, or its stem, a compound part or a
    /// thesaurus synonym.
    pub derivation: Derivation,
    /// True when typed with "ae" where the text has "ä", or the other way round.
    pub transliterated: bool,
}

impl WordMatch {
    /// The matched terms as one label, compound parts joined by "+".
    pub fn term_label(&self) -> String {
        self.terms.join("+")
    }
}

/// A ranked search result.
#[derive(Debug, Clone)]
pub struct Hit<'a> {
    /// The service found.
    pub service: &'a Service,
    /// Why it ranks where it does.
    pub rank: RankKey,
    /// For each query word that matched, how it matched.
    pub matches: Vec<WordMatch>,
    /// Who is responsible at [`crate::SearchOptions::region`], when one was given.
    pub responsible: Option<Responsible<'a>>,
}

impl Hit<'_> {
    /// The ranking score, higher is better: [`RankKey::score`].
    pub fn score(&self) -> u64 {
        self.rank.score()
    }

    /// Byte ranges of the service name that matched the query, for
    /// highlighting: whole words for whole-word matches and for the parts
    /// of a split compound, the typed beginning for prefix matches. Sorted,
    /// not overlapping.
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
    pub fn name_highlights(&self) -> Vec<Range<usize>> {
        let name = &self.service.name;
        let spans = word_spans(name);
        let mut ranges: Vec<Range<usize>> = Vec::new();
        for word_match in self.matches.iter().filter(|m| m.field == Field::Name) {
            for term in &word_match.terms {
                for (range, _) in spans.iter().filter(|(_, folded)| folded == term) {
                    let end = if word_match.prefix {
                        let typed = word_match.query_word.len();
                        range.start + prefix_len_for_folded(&name[range.clone()], typed)
                    } else {
                        range.end
                    };
                    ranges.push(range.start..end);
                }
            }
        }
        sort_by_key(&mut ranges, |r| (r.start, std::cmp::Reverse(r.end)));
        let mut merged: Vec<Range<usize>> = Vec::new();
        for range in ranges {
            match merged.last_mut() {
                Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
                _ => merged.push(range),
            }
        }
        merged
    }
}
