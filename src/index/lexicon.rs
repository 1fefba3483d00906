//! The term dictionary and its posting lists, verified once when an index
//! is opened so that the query engine can read them without error paths.

use fst::automaton::Automaton;
use fst::{IntoStreamer, Streamer};

use crate::error::{Error, Result};
use crate::index::format::{self, Posting, PostingDecoder};
use crate::index::fst_check::check_fst;

/// Normalised words mapped to the services they occur in.
///
/// Only [`Lexicon::verified`] makes one, after decoding every posting list
/// and checking that it names existing services: a [`PostingList`] handed
/// out later cannot be malformed.
pub(crate) struct Lexicon {
    terms: fst::Map<Vec<u8>>,
    postings: Vec<u8>,
}

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lexicon")
            .field("terms", &self.terms.len())
            .field("postings_bytes", &self.postings.len())
            .finish()
    }
}

impl Lexicon {
    /// Checks the term dictionary (`terms`, an `fst::Map` of word → posting
    /// offset, holding `expected_terms` words) and every posting list in
    /// `postings` against `service_count` services.
    pub(crate) fn verified(
        terms: Vec<u8>,
        postings: Vec<u8>,
        expected_terms: u64,
        service_count: usize,
    ) -> Result<Lexicon> {
        // fst trusts its bytes beyond its checksum, which a forged file carries too.
        check_fst(&terms).map_err(|e| Error::Corrupt(format!("term dictionary: {e}")))?;
        let terms =
            fst::Map::new(terms).map_err(|e| Error::Corrupt(format!("term dictionary: {e}")))?;
        // fst trusts its bytes when walking them; its own checksum catches damage first.
        terms
            .as_fst()
            .verify()
            .map_err(|e| Error::Corrupt(format!("term dictionary: {e}")))?;
        if terms.len() as u64 != expected_terms {
            return Err(Error::Corrupt(format!(
                "term dictionary holds {} words, meta says {}",
                terms.len(),
                expected_terms
            )));
        }
        // The builder writes one posting list per word, in word order: offsets
        // that grow bound the walk by the postings' size, whatever the fst says.
        let mut stream = terms.stream();
        let mut previous: Option<u64> = None;
        while let Some((_, offset)) = stream.next() {
            if previous.is_some_and(|p| offset <= p) {
                return Err(Error::Corrupt(format!(
                    "term dictionary: posting offset {offset} does not follow the previous word's"
                )));
            }
            previous = Some(offset);
            format::read_postings(&postings, offset, service_count)?;
        }
        Ok(Lexicon { terms, postings })
    }

    /// Number of distinct words.
    pub(crate) fn len(&self) -> usize {
        self.terms.len()
    }

    /// The lengths of the indexed words that begin `text`, ascending:
    /// "kindergeld" → 4 for "kind", 10 for "kindergeld". One walk down the
    /// dictionary instead of a lookup per length.
    pub(crate) fn prefix_term_lengths(&self, text: &str) -> Vec<usize> {
        let fst = self.terms.as_fst();
        let mut node = fst.root();
        let mut lengths = Vec::new();
        for (at, &byte) in text.as_bytes().iter().enumerate() {
            let Some(transition) = node.find_input(byte) else {
                break;
            };
            node = fst.node(node.transition(transition).addr);
            if node.is_final() {
                lengths.push(at + 1);
            }
        }
        lengths
    }

    /// The services `word` occurs in, if it is indexed.
    pub(crate) fn get(&self, word: &str) -> Option<PostingList<'_>> {
        self.terms.get(word).map(|offset| self.list(offset))
    }

    /// Calls `visit` with every indexed word the automaton accepts and its
    /// posting list, in word order.
    pub(crate) fn for_each_match<'l, A: Automaton>(
        &'l self,
        automaton: A,
        mut visit: impl FnMut(&[u8], PostingList<'l>),
    ) {
        let mut stream = self.terms.search(automaton).into_stream();
        while let Some((term, offset)) = stream.next() {
            visit(term, self.list(offset));
        }
    }

    /// As [`Lexicon::for_each_match`], with the automaton's state at the
    /// end of each word.
    pub(crate) fn for_each_match_with_state<'l, A>(
        &'l self,
        automaton: A,
        mut visit: impl FnMut(&[u8], PostingList<'l>, A::State),
    ) where
        A: Automaton,
        A::State: Clone,
    {
        let mut stream = self.terms.search_with_state(automaton).into_stream();
        while let Some((term, offset, state)) = stream.next() {
            visit(term, self.list(offset), state);
        }
    }

    fn list(&self, offset: u64) -> PostingList<'_> {
        PostingList {
            // Every offset in the dictionary was checked by `verified`.
            decoder: PostingDecoder::at(&self.postings, offset),
        }
    }
}

/// The postings of one word, ascending by service.
#[derive(Debug, Clone)]
pub(crate) struct PostingList<'a> {
    decoder: Option<PostingDecoder<'a>>,
}

impl PostingList<'_> {
    /// Number of services the word occurs in.
    pub(crate) fn len(&self) -> usize {
        self.decoder.as_ref().map_or(0, |d| d.remaining as usize)
    }
}

impl Iterator for PostingList<'_> {
    type Item = Posting;

    fn next(&mut self) -> Option<Posting> {
        let posting = self.decoder.as_mut()?.next_posting();
        debug_assert!(
            posting.is_some() || self.len() == 0,
            "posting list verified on open failed to decode"
        );
        posting
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::format::{Derivation, Field};

    fn postings(services: &[u32]) -> Vec<Posting> {
        services
            .iter()
            .map(|&service| Posting {
                service,
                field: Field::Name,
                derivation: Derivation::Literal,
                umlaut: false,
            })
            .collect()
    }

    fn lexicon(service_count: usize) -> Result<Lexicon> {
        let mut bytes = Vec::new();
        format::push_postings(&mut bytes, &postings(&[0, 2]));
        let second = bytes.len() as u64;
        format::push_postings(&mut bytes, &postings(&[1]));
        let terms = fst::Map::from_iter([("hund", 0u64), ("steuer", second)])
            .unwrap()
            .into_fst()
            .into_inner();
        Lexicon::verified(terms, bytes, 2, service_count)
    }

    #[test]
    fn verified_lists_read_back() {
        let lexicon = lexicon(3).unwrap();
        let services: Vec<u32> = lexicon.get("hund").unwrap().map(|p| p.service).collect();
        assert_eq!(services, [0, 2]);
        assert_eq!(lexicon.get("steuer").unwrap().len(), 1);
        assert!(lexicon.get("katze").is_none());
        let mut seen = Vec::new();
        lexicon.for_each_match(fst::automaton::AlwaysMatch, |term, list| {
            seen.push((String::from_utf8_lossy(term).into_owned(), list.count()))
        });
        assert_eq!(seen, [("hund".to_string(), 2), ("steuer".to_string(), 1)]);
    }

    #[test]
    fn prefix_term_lengths_name_the_indexed_beginnings() {
        let lexicon = lexicon(3).unwrap();
        assert_eq!(lexicon.prefix_term_lengths("hundesteuer"), [4]);
        assert_eq!(lexicon.prefix_term_lengths("steuerbescheid"), [6]);
        assert!(lexicon.prefix_term_lengths("hun").is_empty());
        assert!(lexicon.prefix_term_lengths("katze").is_empty());
    }

    #[test]
    fn a_list_naming_a_missing_service_is_rejected_on_open() {
        assert!(matches!(lexicon(2), Err(Error::Corrupt(_))));
    }
}
