//! The term dictionary and its posting lists, verified once when an index
//! is opened so that the query engine can read them without error paths.
//!
//! A sharded index (`index::shard`) opens with the whole dictionary but
//! its postings in chunks that arrive later: until a chunk is loaded, its
//! words read as occurring nowhere, and the lexicon remembers that they
//! were asked for so that the caller can fetch exactly those chunks.

use std::sync::atomic::{AtomicBool, Ordering};

use fst::automaton::Automaton;
use fst::{IntoStreamer, Streamer};

use crate::error::{Error, Result};
use crate::index::format::{self, Posting, PostingDecoder};
use crate::index::fst_check::check_fst;
use crate::text::typo::{NextBytes, TypoAutomaton, TypoState};

/// Normalised words mapped to the services they occur in.
///
/// Only [`Lexicon::verified`] makes one, after decoding every posting list
/// and checking that it names existing services: a [`PostingList`] handed
/// out later cannot be malformed.
pub(crate) struct Lexicon {
    terms: fst::Map<Vec<u8>>,
    /// All posting lists, at their offsets; zeros where a chunk is not loaded.
    postings: Vec<u8>,
    /// The postings' chunks, ascending and adjoining; one loaded chunk for a
    /// single-file index.
    chunks: Vec<Chunk>,
    /// Whether every chunk is loaded (the common case, checked first).
    complete: bool,
}

/// A byte range of the postings that arrives as one shard.
#[derive(Debug)]
struct Chunk {
    start: u64,
    end: u64,
    loaded: bool,
    /// A word of this chunk was looked up while it was not loaded.
    wanted: AtomicBool,
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
        let terms = Self::verified_terms(terms, expected_terms, postings.len() as u64)?;
        let mut stream = terms.stream();
        while let Some((_, offset)) = stream.next() {
            format::read_postings(&postings, offset, service_count)?;
        }
        let chunks = vec![Chunk {
            start: 0,
            end: postings.len() as u64,
            loaded: true,
            wanted: AtomicBool::new(false),
        }];
        Ok(Lexicon {
            terms,
            postings,
            chunks,
            complete: true,
        })
    }

    /// The dictionary `terms` of a sharded index whose postings arrive later
    /// in the chunks `chunk_ends` (each chunk's end offset, ascending; the
    /// first starts at 0). Checks the dictionary and that every word's
    /// offset lies inside the postings; the lists themselves are checked by
    /// [`Lexicon::load_chunk`].
    pub(crate) fn without_postings(
        terms: Vec<u8>,
        expected_terms: u64,
        chunk_ends: &[u64],
    ) -> Result<Lexicon> {
        let total = chunk_ends.last().copied().unwrap_or(0);
        let terms = Self::verified_terms(terms, expected_terms, total)?;
        let mut chunks = Vec::with_capacity(chunk_ends.len());
        let mut start = 0;
        for &end in chunk_ends {
            if end <= start {
                return Err(Error::Corrupt("postings chunks are out of order".into()));
            }
            chunks.push(Chunk {
                start,
                end,
                loaded: false,
                wanted: AtomicBool::new(false),
            });
            start = end;
        }
        let total = usize::try_from(start)
            .map_err(|_| Error::Corrupt("postings larger than memory".into()))?;
        Ok(Lexicon {
            terms,
            postings: vec![0; total],
            complete: chunks.is_empty(),
            chunks,
        })
    }

    /// Checks the dictionary's structure and word count, and that its
    /// posting offsets grow from word to word and stay below `postings_len`.
    fn verified_terms(
        terms: Vec<u8>,
        expected_terms: u64,
        postings_len: u64,
    ) -> Result<fst::Map<Vec<u8>>> {
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
            if offset >= postings_len {
                return Err(Error::Corrupt(format!(
                    "a word's posting list at offset {offset} lies past the postings' end {postings_len}"
                )));
            }
            previous = Some(offset);
        }
        Ok(terms)
    }

    /// Adds chunk number `chunk`, checking every posting list that starts
    /// in it against `service_count` services; a list must end inside its
    /// chunk. Loading a chunk twice is a no-op.
    pub(crate) fn load_chunk(
        &mut self,
        chunk: usize,
        bytes: &[u8],
        service_count: usize,
    ) -> Result<()> {
        let Some(range) = self.chunks.get(chunk) else {
            return Err(Error::Corrupt(format!("no postings chunk {chunk}")));
        };
        if range.loaded {
            return Ok(());
        }
        let (start, end) = (range.start, range.end);
        if bytes.len() as u64 != end - start {
            return Err(Error::Corrupt(format!(
                "postings chunk {chunk} holds {} bytes, the directory says {}",
                bytes.len(),
                end - start
            )));
        }
        let mut stream = self.terms.stream();
        while let Some((_, offset)) = stream.next() {
            if (start..end).contains(&offset) {
                format::read_postings(bytes, offset - start, service_count)?;
            }
        }
        // Offsets and lengths were checked against the total on open.
        self.postings[start as usize..end as usize].copy_from_slice(bytes);
        self.chunks[chunk].loaded = true;
        self.complete = self.chunks.iter().all(|c| c.loaded);
        Ok(())
    }

    /// The chunks whose words were looked up while they were not loaded,
    /// since the last call; forgets them.
    pub(crate) fn take_wanted_chunks(&self) -> Vec<usize> {
        self.chunks
            .iter()
            .enumerate()
            .filter(|(_, c)| c.wanted.swap(false, Ordering::Relaxed) && !c.loaded)
            .map(|(number, _)| number)
            .collect()
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

    /// The words within `automaton`'s typos, with their postings and the
    /// automaton's state at their end, in word order.
    pub(crate) fn for_each_match_with_state<'l>(
        &'l self,
        automaton: &TypoAutomaton<'_>,
        mut visit: impl FnMut(&[u8], PostingList<'l>, TypoState),
    ) {
        each_match(
            self.terms.as_fst(),
            automaton,
            &mut |word, offset, state| {
                visit(word, self.list(offset), state);
            },
        );
    }

    fn list(&self, offset: u64) -> PostingList<'_> {
        if !self.complete {
            let chunk = &self.chunks[self
                .chunks
                .partition_point(|c| c.end <= offset)
                .min(self.chunks.len() - 1)];
            if !chunk.loaded {
                chunk.wanted.store(true, Ordering::Relaxed);
                return PostingList { decoder: None };
            }
        }
        PostingList {
            // Every offset in the dictionary was checked by `verified` or
            // `load_chunk`.
            decoder: PostingDecoder::at(&self.postings, offset),
        }
    }

    /// Every word's posting-list offset, in word order: where the postings
    /// may be cut into chunks.
    pub(crate) fn term_offsets(&self) -> Vec<u64> {
        let mut offsets = Vec::with_capacity(self.terms.len());
        let mut stream = self.terms.stream();
        while let Some((_, offset)) = stream.next() {
            offsets.push(offset);
        }
        offsets
    }

    /// The dictionary's bytes.
    pub(crate) fn terms_bytes(&self) -> &[u8] {
        self.terms.as_fst().as_bytes()
    }

    /// All postings (complete only when every chunk is loaded).
    pub(crate) fn postings_bytes(&self) -> &[u8] {
        &self.postings
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

/// Visits the words of `fst` that `automaton` matches, in word order, with
/// their outputs and the automaton's state at their end: what `fst`'s
/// `search_with_state` stream yields, by a depth-first walk of our own. The
/// stream keeps a generic stack and clones every state on it, which was most
/// of a typo-tolerant lookup, and steps the automaton for every transition,
/// where most nodes have spent their typos and can go on through a byte or
/// two only ([`TypoAutomaton::next_bytes`]; docs/PERFORMANCE.md).
/// `check_fst` made sure every walk ends.
fn each_match(
    fst: &fst::raw::Fst<Vec<u8>>,
    automaton: &TypoAutomaton<'_>,
    found: &mut impl FnMut(&[u8], u64, TypoState),
) {
    let start = automaton.start();
    if !automaton.can_match(&start) {
        return;
    }
    let root = fst.root();
    if root.is_final() && automaton.is_match(&start) {
        found(&[], root.final_output().value(), start.clone());
    }
    // The path from the root: each node with the transitions left to try,
    // the output so far and the automaton's state. On the heap, not the call
    // stack: a forged dictionary may hold a word as long as the file.
    let mut path = vec![Step::new(automaton, root, 0, start)];
    let mut word: Vec<u8> = Vec::new();
    while let Some(step) = path.last_mut() {
        let at = match &mut step.tries {
            Tries::All { next } if *next < step.node.len() => {
                *next += 1;
                Some(*next - 1)
            }
            Tries::All { .. } => None,
            Tries::Only(bytes) => match bytes.pop_first(automaton) {
                Some(byte) => match step.node.find_input(byte) {
                    Some(at) => Some(at),
                    None => continue,
                },
                None => None,
            },
        };
        let Some(at) = at else {
            path.pop();
            word.pop();
            continue;
        };
        let transition = step.node.transition(at);
        let next = automaton.accept(&step.state, transition.inp);
        if !automaton.can_match(&next) {
            continue;
        }
        let output = step.output.wrapping_add(transition.out.value());
        let below = fst.node(transition.addr);
        word.push(transition.inp);
        if below.is_final() && automaton.is_match(&next) {
            found(
                &word,
                output.wrapping_add(below.final_output().value()),
                next.clone(),
            );
        }
        if below.is_empty() {
            // A leaf: nothing below it to try.
            word.pop();
            continue;
        }
        path.push(Step::new(automaton, below, output, next));
    }
}

/// The transitions of a node a walk has yet to try.
enum Tries {
    /// All, from position `next` on.
    All { next: usize },
    /// Those on these bytes: the only ones that can lead on, looked up by
    /// byte instead of decoding every transition of the node.
    Only(NextBytes),
}

/// A node on the walk's path.
struct Step<'f> {
    node: fst::raw::Node<'f>,
    /// The transitions left to try.
    tries: Tries,
    /// The output of the path up to the node.
    output: u64,
    /// The automaton's state at the node.
    state: TypoState,
}

impl<'f> Step<'f> {
    fn new(
        automaton: &TypoAutomaton<'_>,
        node: fst::raw::Node<'f>,
        output: u64,
        state: TypoState,
    ) -> Step<'f> {
        Step {
            node,
            tries: automaton
                .next_bytes(&state)
                .map_or(Tries::All { next: 0 }, Tries::Only),
            output,
            state,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::format::{Derivation, Field};
    use crate::text::typo::TypoAutomaton;
    use proptest::prelude::*;

    proptest! {
        /// The walk finds what `fst`'s own stream finds, in the same order,
        /// with the same outputs and automaton states.
        #[test]
        fn the_walk_finds_what_the_stream_finds(
            words in proptest::collection::btree_set("[a-d]{0,7}", 0..40),
            query in "[a-d]{0,6}",
            typos in 0_u8..=2,
            prefix: bool,
        ) {
            let map = fst::Map::from_iter(words.iter().enumerate().map(|(i, w)| (w, i as u64 * 7)))
                .unwrap();
            let automaton = TypoAutomaton::new(&query, typos, prefix);
            let mut streamed = Vec::new();
            let mut stream = map.search_with_state(&automaton).into_stream();
            while let Some((word, output, state)) = stream.next() {
                streamed.push((word.to_vec(), output, state.whole_word_typos(&automaton)));
            }
            let mut walked = Vec::new();
            each_match(map.as_fst(), &automaton, &mut |word, output, state| {
                walked.push((word.to_vec(), output, state.whole_word_typos(&automaton)));
            });
            prop_assert_eq!(walked, streamed);
        }
    }

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
