//! A typo-tolerant automaton for searching the fst term dictionary.
//!
//! It simulates the edit-distance table of the query word against the term
//! being walked, one column per byte, counting insertions, deletions,
//! substitutions and swaps of neighbouring letters (optimal string
//! alignment) as one typo each, and tells the fst to stop descending as soon
//! as no continuation can come back within the typo budget.
//!
//! Words of up to [`BIT_PARALLEL_BYTES`] bytes (all real ones) keep each
//! column as bit sets, one per typo count: bit `i` of the set for `d` typos
//! says that the word's first `i` bytes are within `d` typos of the term so
//! far (Wu and Manber's bit-parallel matching, anchored at the start, with
//! Hyyrö's step for swaps). A step is then a dozen word-wide operations. It
//! runs for every node a typo-tolerant lookup visits: the band of table
//! cells it replaced was half of a long sentence's search time
//! (docs/PERFORMANCE.md). Longer words keep that band: only the few cells
//! near the diagonal that can stay within budget (Ukkonen).
//!
//! Why not `levenshtein_automata`: its DFAs carry a 256-wide transition table
//! per state, so building one for an 18-letter word with two typos allocates
//! and zeroes about half a megabyte — some 200 µs per query word, four times
//! the whole query budget (measured, see docs/PERFORMANCE.md). The fst walk
//! itself visits only about a thousand states. The tests check both forms
//! against `levenshtein_automata` as an oracle.

use fst::Automaton;

/// The most typos a word may have; the band below is sized for it.
pub(crate) const MAX_TYPOS: u8 = 2;

/// The longest word kept as bit sets: rows 0 ..= 63 fill a `u64`.
const BIT_PARALLEL_BYTES: usize = 63;

/// Cells of one table column that can hold a distance within budget: an
/// alignment with `t` typos never strays more than `t` cells off the
/// diagonal, so only rows `consumed - MAX_TYPOS ..= consumed + MAX_TYPOS`
/// matter (Ukkonen's band).
const BAND: usize = 2 * MAX_TYPOS as usize + 1;

/// Typo counts a state keeps a bit set for: 0 ..= MAX_TYPOS.
const LEVELS: usize = MAX_TYPOS as usize + 1;

/// Distances above the budget are all the same to us; saturating keeps them in a byte.
const FAR: u8 = u8::MAX;

/// Matches terms within `max_typos` of `word`, either as whole words or,
/// in prefix mode, as words that begin with something within budget.
#[derive(Debug, Clone)]
pub(crate) struct TypoAutomaton<'w> {
    word: &'w [u8],
    max_typos: u8,
    prefix: bool,
    /// Whether states are bit sets ([`TypoState::Bits`]) rather than bands:
    /// for words of up to [`BIT_PARALLEL_BYTES`].
    bit_parallel: bool,
    /// By byte value, the table rows `i` (as bit `i`) whose word byte
    /// `i - 1` it is; what bit-set states step with. All zero for a word
    /// too long for them.
    rows_of_byte: Box<[u64; 256]>,
}

/// The automaton's state after some bytes of a term.
#[derive(Debug, Clone)]
pub(crate) enum TypoState {
    /// A word of up to [`BIT_PARALLEL_BYTES`].
    Bits(BitState),
    /// A longer word.
    Band(BandState),
}

/// One table column as bit sets.
#[derive(Debug, Clone)]
pub(crate) struct BitState {
    /// `within[d]`, bit `i`: `word[..i]` is within `d` typos of the term so far.
    within: [u64; LEVELS],
    /// `within` of the column before, for swaps of neighbouring letters.
    previous: [u64; LEVELS],
    /// The rows whose word byte is the term byte consumed last.
    last_rows: u64,
    /// Fewest typos between the whole word and any prefix of the term so far.
    best_prefix: u8,
}

/// The band of one table column, plus what the next step needs.
#[derive(Debug, Clone)]
pub(crate) struct BandState {
    /// `band[k]`: typos between `word[..i]` and the term so far, for row
    /// `i = consumed + k - MAX_TYPOS`; rows outside the word are [`FAR`].
    band: [u8; BAND],
    /// The band of the column before, for swaps of neighbouring letters.
    previous: [u8; BAND],
    /// The term byte consumed last.
    last_byte: u8,
    /// Term bytes consumed.
    consumed: usize,
    /// Fewest typos between the whole word and any prefix of the term so far.
    best_prefix: u8,
}

impl BandState {
    /// The band cell of table row `row`, if the row is in the band.
    fn cell(band: &[u8; BAND], consumed: usize, row: usize) -> u8 {
        (row + MAX_TYPOS as usize)
            .checked_sub(consumed)
            .and_then(|k| band.get(k))
            .copied()
            .unwrap_or(FAR)
    }
}

impl BitState {
    /// Fewest typos between the whole word (row `word_len`) and the term so far.
    fn whole_word(within: &[u64; LEVELS], word_len: usize) -> u8 {
        // Bit d: the whole word is within d typos; the lowest set bit wins.
        let levels = within.iter().enumerate().fold(0_u32, |levels, (d, rows)| {
            levels | (((rows >> word_len) & 1) as u32) << d
        });
        if levels == 0 {
            FAR
        } else {
            levels.trailing_zeros() as u8
        }
    }
}

impl TypoState {
    /// Typos between the word and the whole term walked so far, if within budget.
    pub(crate) fn whole_word_typos(&self, automaton: &TypoAutomaton<'_>) -> Option<u8> {
        let typos = match self {
            TypoState::Bits(bits) => BitState::whole_word(&bits.within, automaton.word.len()),
            TypoState::Band(band) => {
                BandState::cell(&band.band, band.consumed, automaton.word.len())
            }
        };
        (typos <= automaton.max_typos).then_some(typos)
    }

    /// Fewest typos between the word and a prefix of the term, if within budget.
    pub(crate) fn prefix_typos(&self, automaton: &TypoAutomaton<'_>) -> Option<u8> {
        let best = match self {
            TypoState::Bits(bits) => bits.best_prefix,
            TypoState::Band(band) => band.best_prefix,
        };
        (best <= automaton.max_typos).then_some(best)
    }

    /// Whether some table cell of the column is within `max_typos`.
    fn any_within(&self, max_typos: u8) -> bool {
        match self {
            TypoState::Bits(bits) => bits.within[usize::from(max_typos)] != 0,
            TypoState::Band(band) => band.band.iter().any(|&typos| typos <= max_typos),
        }
    }
}

impl<'w> TypoAutomaton<'w> {
    /// An automaton for `word` with a budget of at most [`MAX_TYPOS`].
    pub(crate) fn new(word: &'w str, max_typos: u8, prefix: bool) -> Self {
        let word = word.as_bytes();
        let bit_parallel = word.len() <= BIT_PARALLEL_BYTES;
        let mut rows_of_byte = Box::new([0_u64; 256]);
        if bit_parallel {
            for (at, &byte) in word.iter().enumerate() {
                rows_of_byte[usize::from(byte)] |= 1 << (at + 1);
            }
        }
        TypoAutomaton {
            word,
            max_typos: max_typos.min(MAX_TYPOS),
            prefix,
            bit_parallel,
            rows_of_byte,
        }
    }

    /// The rows of the word: bits 0 ..= its length.
    fn rows(&self) -> u64 {
        u64::MAX >> (BIT_PARALLEL_BYTES - self.word.len())
    }

    fn start_bits(&self) -> BitState {
        // Column 0: row i costs i deletions.
        let mut within = [0; LEVELS];
        for (d, rows) in within.iter_mut().enumerate() {
            *rows = (u64::MAX >> (63 - d)) & self.rows();
        }
        BitState {
            best_prefix: BitState::whole_word(&within, self.word.len()),
            within,
            previous: [0; LEVELS],
            last_rows: 0,
        }
    }

    fn accept_bits(&self, state: &BitState, byte: u8) -> BitState {
        let equal = self.rows_of_byte[usize::from(byte)];
        // Rows i where the term's last two bytes are the word's bytes i - 1
        // and i - 2 swapped.
        let swapped = (equal << 1) & state.last_rows;
        let old = &state.within;
        let mut within = [0; LEVELS];
        // No typo: the word's next byte is the term's.
        within[0] = (old[0] << 1) & equal;
        for d in 1..LEVELS {
            within[d] = ((old[d] << 1) & equal)
                // An extra byte in the term, a wrong byte, a missing byte.
                | old[d - 1]
                | (old[d - 1] << 1)
                | (within[d - 1] << 1)
                | ((state.previous[d - 1] << 2) & swapped);
        }
        let rows = self.rows();
        for level in &mut within {
            *level &= rows;
        }
        BitState {
            best_prefix: state
                .best_prefix
                .min(BitState::whole_word(&within, self.word.len())),
            within,
            previous: state.within,
            last_rows: equal,
        }
    }

    fn start_band(&self) -> BandState {
        // Column 0: row i costs i deletions.
        let mut band = [FAR; BAND];
        for (k, cell) in band.iter_mut().enumerate() {
            let row = k.checked_sub(MAX_TYPOS as usize);
            if let Some(row) = row.filter(|&row| row <= self.word.len()) {
                *cell = row as u8;
            }
        }
        BandState {
            best_prefix: BandState::cell(&band, 0, self.word.len()),
            band,
            previous: [FAR; BAND],
            last_byte: 0,
            consumed: 0,
        }
    }

    fn accept_band(&self, state: &BandState, byte: u8) -> BandState {
        let word = self.word;
        let consumed = state.consumed + 1;
        let mut band = [FAR; BAND];
        for k in 0..BAND {
            // Row i of column `consumed`; the same k indexes row i-1 of the
            // column before and row i-2 of the one before that.
            let Some(row) = (consumed + k).checked_sub(MAX_TYPOS as usize) else {
                continue;
            };
            if row > word.len() {
                break;
            }
            if row == 0 {
                band[k] = consumed.min(usize::from(FAR)) as u8;
                continue;
            }
            let substitution = state.band[k].saturating_add(u8::from(word[row - 1] != byte));
            let insertion = state.band.get(k + 1).map_or(FAR, |c| c.saturating_add(1));
            let deletion = k.checked_sub(1).map_or(FAR, |j| band[j].saturating_add(1));
            let mut typos = substitution.min(insertion).min(deletion);
            if row > 1 && consumed > 1 && word[row - 1] == state.last_byte && word[row - 2] == byte
            {
                typos = typos.min(state.previous[k].saturating_add(1));
            }
            band[k] = typos;
        }
        BandState {
            best_prefix: state
                .best_prefix
                .min(BandState::cell(&band, consumed, word.len())),
            band,
            previous: state.band,
            last_byte: byte,
            consumed,
        }
    }
}

/// The only term bytes after which a state can still match: what a walk
/// looks up in a node instead of trying every transition.
#[derive(Debug, Clone, Copy)]
pub(crate) struct NextBytes {
    /// The table rows a byte can continue: row `i` takes the word's byte `i - 1`.
    rows: u64,
}

impl NextBytes {
    /// Whether `byte` is one of them.
    #[cfg(test)]
    fn contains(&self, automaton: &TypoAutomaton<'_>, byte: u8) -> bool {
        automaton.rows_of_byte[usize::from(byte)] & self.rows != 0
    }

    /// The smallest byte left, taken out. They are the bytes of a few rows
    /// (rarely more than two), so finding the smallest by looking at each
    /// is cheaper than keeping a set of bytes for every node of a walk.
    pub(crate) fn pop_first(&mut self, automaton: &TypoAutomaton<'_>) -> Option<u8> {
        let mut rows = self.rows;
        let mut first: Option<u8> = None;
        while rows != 0 {
            let byte = automaton.word[rows.trailing_zeros() as usize - 1];
            first = Some(first.map_or(byte, |first| first.min(byte)));
            rows &= rows - 1;
        }
        let first = first?;
        self.rows &= !automaton.rows_of_byte[usize::from(first)];
        Some(first)
    }
}

impl TypoAutomaton<'_> {
    /// The only bytes after which `state` can still match, when they are
    /// few; `None` when any byte may do (a typo is left to spend, or a
    /// prefix already matched).
    ///
    /// Most nodes of a typo-tolerant lookup are visited with all typos
    /// spent; there, only bytes that continue a row of the column without a
    /// new typo lead on, and the walk tries just those instead of
    /// stepping the automaton for every transition (docs/PERFORMANCE.md).
    pub(crate) fn next_bytes(&self, state: &TypoState) -> Option<NextBytes> {
        let TypoState::Bits(bits) = state else {
            return None;
        };
        let max = usize::from(self.max_typos);
        if max == 0
            || bits.within[max - 1] != 0
            || (self.prefix && bits.best_prefix <= self.max_typos)
        {
            return None;
        }
        // With fewer typos nowhere, the next column within budget comes
        // from `within[max]` by a matching byte, or from the column before
        // by a swap (see `accept_bits`); row 0 takes no byte.
        let rows = ((bits.within[max] << 1)
            | (((bits.previous[max - 1] << 2) & bits.last_rows) >> 1))
            & self.rows()
            & !1;
        Some(NextBytes { rows })
    }
}

impl Automaton for TypoAutomaton<'_> {
    type State = TypoState;

    fn start(&self) -> TypoState {
        if self.bit_parallel {
            TypoState::Bits(self.start_bits())
        } else {
            TypoState::Band(self.start_band())
        }
    }

    fn is_match(&self, state: &TypoState) -> bool {
        if self.prefix {
            state.prefix_typos(self).is_some()
        } else {
            state.whole_word_typos(self).is_some()
        }
    }

    fn can_match(&self, state: &TypoState) -> bool {
        (self.prefix && state.prefix_typos(self).is_some()) || state.any_within(self.max_typos)
    }

    fn will_always_match(&self, state: &TypoState) -> bool {
        self.prefix && state.prefix_typos(self).is_some()
    }

    #[inline]
    fn accept(&self, state: &TypoState, byte: u8) -> TypoState {
        match state {
            TypoState::Bits(bits) => TypoState::Bits(self.accept_bits(bits, byte)),
            TypoState::Band(band) => TypoState::Band(self.accept_band(band, byte)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use levenshtein_automata::{Distance, LevenshteinAutomatonBuilder};
    use proptest::prelude::*;

    fn walk(automaton: &TypoAutomaton<'_>, term: &str) -> TypoState {
        term.bytes().fold(automaton.start(), |state, byte| {
            automaton.accept(&state, byte)
        })
    }

    /// The automaton in the form longer words get.
    fn band_form<'w>(word: &'w str, max_typos: u8, prefix: bool) -> TypoAutomaton<'w> {
        TypoAutomaton {
            bit_parallel: false,
            ..TypoAutomaton::new(word, max_typos, prefix)
        }
    }

    #[test]
    fn words_beyond_the_bit_sets_use_the_band() {
        let long = "a".repeat(BIT_PARALLEL_BYTES + 1);
        let automaton = TypoAutomaton::new(&long, 2, false);
        assert!(matches!(automaton.start(), TypoState::Band(_)));
        let typo = format!("{}b", &long[1..]);
        assert_eq!(
            walk(&automaton, &typo).whole_word_typos(&automaton),
            Some(1)
        );
        let longest = "a".repeat(BIT_PARALLEL_BYTES);
        let automaton = TypoAutomaton::new(&longest, 2, false);
        assert!(matches!(automaton.start(), TypoState::Bits(_)));
        assert_eq!(
            walk(&automaton, &longest[2..]).whole_word_typos(&automaton),
            Some(2)
        );
    }

    fn typos(word: &str, term: &str) -> Option<u8> {
        let automaton = TypoAutomaton::new(word, 2, false);
        walk(&automaton, term).whole_word_typos(&automaton)
    }

    #[test]
    fn counts_each_kind_of_typo_once() {
        let cases = [
            ("gewerbesteuer", "gewerbesteuer", Some(0)),
            ("gewerbestuer", "gewerbesteuer", Some(1)), // missing letter
            ("gewerbesteuerr", "gewerbesteuer", Some(1)), // extra letter
            ("gewerbestauer", "gewerbesteuer", Some(1)), // wrong letter
            ("gewrebesteuer", "gewerbesteuer", Some(1)), // swapped neighbours
            ("gwerbestuer", "gewerbesteuer", Some(2)),
            ("gwrbstuer", "gewerbesteuer", None),
            // Long compounds cost no more state than short words.
            (
                "grundstueksverkehrsgenehmigungsverfarhen",
                "grundstuecksverkehrsgenehmigungsverfahren",
                Some(2),
            ),
        ];
        for (word, term, expected) in cases {
            assert_eq!(typos(word, term), expected, "{word} → {term}");
        }
    }

    #[test]
    fn prefix_mode_matches_beginnings_within_budget() {
        let automaton = TypoAutomaton::new("personalausw", 2, true);
        let state = walk(&automaton, "personalausweis");
        assert!(automaton.is_match(&state));
        assert_eq!(state.prefix_typos(&automaton), Some(0));
        assert_eq!(state.whole_word_typos(&automaton), None);
        let typo = TypoAutomaton::new("persnalausw", 2, true);
        assert_eq!(walk(&typo, "personalausweis").prefix_typos(&typo), Some(1));
        let far = TypoAutomaton::new("wohngeld", 1, true);
        assert!(!far.is_match(&walk(&far, "personalausweis")));
    }

    #[test]
    fn can_match_prunes_hopeless_branches() {
        let automaton = TypoAutomaton::new("hundesteuer", 1, false);
        assert!(automaton.can_match(&walk(&automaton, "hunde")));
        assert!(automaton.can_match(&walk(&automaton, "hx")));
        assert!(!automaton.can_match(&walk(&automaton, "xyz")));
    }

    #[test]
    fn next_bytes_come_out_in_byte_order() {
        let automaton = TypoAutomaton::new("ba", 1, false);
        // "x" spent the typo: "b" goes on (x inserted), or "a" (x for b).
        let mut next = automaton
            .next_bytes(&walk(&automaton, "x"))
            .expect("typo spent");
        assert!(next.contains(&automaton, b'a') && next.contains(&automaton, b'b'));
        assert!(!next.contains(&automaton, b'x'));
        let mut bytes = Vec::new();
        while let Some(byte) = next.pop_first(&automaton) {
            bytes.push(byte);
        }
        assert_eq!(bytes, b"ab");
    }

    proptest! {
        /// A byte outside a state's `next_bytes` never leads to a state
        /// that can match.
        #[test]
        fn next_bytes_name_every_way_on(word in "[abes]{0,12}", term in "[abes]{0,14}", last in any::<u8>(), max in 1u8..=2, prefix: bool) {
            let automaton = TypoAutomaton::new(&word, max, prefix);
            let state = walk(&automaton, &term);
            if let Some(next) = automaton.next_bytes(&state) {
                let mut left = next;
                let mut popped = Vec::new();
                while let Some(byte) = left.pop_first(&automaton) {
                    prop_assert!(next.contains(&automaton, byte));
                    popped.push(byte);
                }
                prop_assert!(popped.windows(2).all(|w| w[0] < w[1]), "{popped:?} not ascending");
                for byte in [last, b'a', b'b', b'e', b's'] {
                    prop_assert_eq!(next.contains(&automaton, byte), popped.contains(&byte));
                    let after = automaton.accept(&state, byte);
                    if !next.contains(&automaton, byte) {
                        prop_assert!(!automaton.can_match(&after), "{byte} leads on");
                    }
                }
            }
        }

        /// Both forms agree with `levenshtein_automata` (transpositions
        /// cost one) on every word pair over a small alphabet, where typos
        /// are frequent: whole words, prefixes, and whether a walk may go on.
        #[test]
        fn agrees_with_levenshtein_automata(word in "[abes]{0,14}", term in "[abes]{0,16}", max in 1u8..=2) {
            let oracle = LevenshteinAutomatonBuilder::new(max, true).build_dfa(&word);
            let expected = match oracle.eval(&term) {
                Distance::Exact(d) => Some(d),
                Distance::AtLeast(_) => None,
            };
            // Prefix mode: some prefix of the term is within budget. (The
            // crate's own prefix DFA forgets a match once more letters
            // follow — "ebe" against "bsb" — so prefixes are checked one by one.)
            let prefix_expected = (0..=term.len()).any(|end| matches!(oracle.eval(&term[..end]), Distance::Exact(_)));
            for form in [TypoAutomaton::new, band_form] {
                let automaton = form(&word, max, false);
                prop_assert_eq!(walk(&automaton, &term).whole_word_typos(&automaton), expected);
                let automaton = form(&word, max, true);
                prop_assert_eq!(automaton.is_match(&walk(&automaton, &term)), prefix_expected);
            }
        }

        /// The bit sets and the band say the same of every prefix of a
        /// term, for words up to the longest the bit sets hold.
        #[test]
        fn bit_sets_and_band_agree(word in "[abe]{0,63}", term in "[abe]{0,70}", max in 1u8..=2, prefix: bool) {
            let bits = TypoAutomaton::new(&word, max, prefix);
            let band = band_form(&word, max, prefix);
            let (mut a, mut b) = (bits.start(), band.start());
            prop_assert!(matches!(a, TypoState::Bits(_)));
            for byte in term.bytes() {
                prop_assert_eq!(bits.can_match(&a), band.can_match(&b));
                prop_assert_eq!(bits.is_match(&a), band.is_match(&b));
                prop_assert_eq!(a.whole_word_typos(&bits), b.whole_word_typos(&band));
                prop_assert_eq!(a.prefix_typos(&bits), b.prefix_typos(&band));
                a = bits.accept(&a, byte);
                b = band.accept(&b, byte);
            }
            prop_assert_eq!(a.whole_word_typos(&bits), b.whole_word_typos(&band));
        }
    }
}
