//! A structural check of the term dictionary's fst before the `fst` crate
//! walks it.
//!
//! `fst` trusts its bytes: its `verify` compares a checksum that anyone
//! forging a file can compute, and a node whose sizes or transition
//! addresses point outside the file makes its decoder subtract past zero or
//! index out of bounds — a panic, or with overflow checks off a read of
//! garbage (found by the `index_reader` fuzz target, docs/RELIABILITY.md).
//! This module decodes every reachable node's layout with checked
//! arithmetic, using the layout of `fst` 0.4's format version 3 (what
//! `fst::MapBuilder` writes), and refuses a dictionary unless:
//!
//! - every node lies between the 16-byte header and the 20-byte footer;
//! - its pack sizes are what `fst` can unpack (transition addresses 1–8
//!   bytes, outputs 0–8 bytes);
//! - every transition leads to an earlier node (nodes are written children
//!   first), so the graph has no cycles and every walk ends;
//! - no path adds up outputs beyond `u64::MAX` (`fst` adds them unchecked).

use crate::index::order::permute;

/// `fst`'s address of the empty final node.
const EMPTY_ADDRESS: usize = 0;
/// Format version, type.
const HEADER_LEN: usize = 16;
/// Number of keys, root address, checksum (version 3).
const FOOTER_LEN: usize = 20;
/// `fst` stores a 256-byte input index in nodes with more transitions.
const TRANS_INDEX_THRESHOLD: usize = 32;

/// Checks the fst in `bytes` as the module docs describe; the message says
/// what is wrong.
pub(crate) fn check_fst(bytes: &[u8]) -> Result<(), String> {
    let le_u64 = |at: usize| -> Option<u64> {
        Some(u64::from_le_bytes(bytes.get(at..at + 8)?.try_into().ok()?))
    };
    if bytes.len() < HEADER_LEN + FOOTER_LEN {
        return Err(format!("{} bytes are too few for an fst", bytes.len()));
    }
    let version = le_u64(0).unwrap_or_default();
    if version != 3 {
        return Err(format!("fst format version {version}, expected 3"));
    }
    let footer = bytes.len() - FOOTER_LEN;
    let root = le_u64(footer + 8)
        .and_then(|a| usize::try_from(a).ok())
        .unwrap_or(usize::MAX);
    if root != EMPTY_ADDRESS && root != footer - 1 {
        return Err(format!("root address {root} is not the last node"));
    }
    let mut pending = vec![root];
    // A bit per byte address, not a hash set: the same check in a fraction
    // of the wasm code (docs/PERFORMANCE.md, the wasm's size).
    let mut seen = vec![0_u64; bytes.len().div_ceil(64)];
    // Each node's address, final output and transitions, for the sums below.
    let mut nodes: Vec<(usize, u64, Vec<Transition>)> = Vec::new();
    while let Some(addr) = pending.pop() {
        if addr == EMPTY_ADDRESS {
            continue;
        }
        // Addresses beyond the bytes are refused by `Node::decode` below.
        if let Some(word) = seen.get_mut(addr / 64) {
            let bit = 1 << (addr % 64);
            if *word & bit != 0 {
                continue;
            }
            *word |= bit;
        }
        let node = Node::decode(bytes, addr, footer)?;
        let transitions = node.transitions(bytes)?;
        pending.extend(transitions.iter().map(|&(_, target)| target));
        nodes.push((addr, node.final_output(bytes), transitions));
    }
    // Targets lie below their nodes: in address order, a node's targets come first.
    // A node's place in address order is the number of seen addresses below
    // it, counted in the bit set (every node's bit is set, once): no sort,
    // whose copy for this type would be 4 KB of wasm.
    let mut seen_before = Vec::with_capacity(seen.len());
    let mut count = 0;
    for word in &seen {
        seen_before.push(count);
        count += word.count_ones() as usize;
    }
    debug_assert_eq!(count, nodes.len());
    let mut order = vec![0; nodes.len()];
    for (i, &(addr, _, _)) in nodes.iter().enumerate() {
        let below = seen[addr / 64] & ((1 << (addr % 64)) - 1);
        order[seen_before[addr / 64] + below.count_ones() as usize] = i;
    }
    permute(&mut nodes, order);
    // Filled in address order, so sorted for the lookups.
    let mut largest_sum: Vec<(usize, u64)> = Vec::with_capacity(nodes.len());
    for (addr, final_output, transitions) in nodes {
        let mut largest = final_output;
        for (output, target) in transitions {
            let below = largest_sum
                .binary_search_by_key(&target, |&(at, _)| at)
                .map_or(0, |i| largest_sum[i].1);
            let sum = output
                .checked_add(below)
                .ok_or_else(|| format!("fst outputs from node {addr} add up past 2^64"))?;
            largest = largest.max(sum);
        }
        largest_sum.push((addr, largest));
    }
    Ok(())
}

/// A transition's output and the address of the node it leads to.
type Transition = (u64, usize);

/// Where a node's parts are: it occupies `end..=start`.
struct Node {
    start: usize,
    end: usize,
    /// Bytes per output value (0: every output is 0).
    osize: usize,
    /// Where the final output is, if the node has one.
    final_output_at: Option<usize>,
    kind: Kind,
}

enum Kind {
    /// One transition to the node written just before, output 0.
    OneTransNext,
    /// One transition with an address of `tsize` bytes at `at`, its output
    /// just below.
    OneTrans { at: usize, tsize: usize },
    /// `ntrans` transition addresses of `tsize` bytes each, transition `i`'s
    /// at `first_at - i * tsize`; output `i` at `outputs_at - i * osize`.
    AnyTrans {
        ntrans: usize,
        tsize: usize,
        first_at: usize,
        outputs_at: usize,
    },
}

fn out_of_range(addr: usize) -> String {
    format!("fst node at {addr} reaches outside the dictionary")
}

impl Node {
    fn decode(bytes: &[u8], addr: usize, footer: usize) -> Result<Node, String> {
        if addr < HEADER_LEN || addr >= footer {
            return Err(out_of_range(addr));
        }
        let state = bytes[addr];
        // An input byte is stored unless the state byte holds it.
        let input_len = usize::from(state & 0b0011_1111 == 0);
        let below = |n: usize| addr.checked_sub(n).filter(|&at| at >= HEADER_LEN);
        let pack_sizes = |at: usize| -> Result<(usize, usize), String> {
            let sizes = bytes[at];
            let (tsize, osize) = (usize::from(sizes >> 4), usize::from(sizes & 0x0f));
            if osize > 8 {
                return Err(format!("fst node at {addr} has outputs of {osize} bytes"));
            }
            Ok((tsize, osize))
        };
        let check_tsize = |tsize: usize| {
            if (1..=8).contains(&tsize) {
                Ok(())
            } else {
                Err(format!(
                    "fst node at {addr} has transition addresses of {tsize} bytes"
                ))
            }
        };
        match state >> 6 {
            0b11 => {
                let end = below(input_len).ok_or_else(|| out_of_range(addr))?;
                Ok(Node {
                    start: addr,
                    end,
                    osize: 0,
                    final_output_at: None,
                    kind: Kind::OneTransNext,
                })
            }
            0b10 => {
                let sizes_at = below(input_len + 1).ok_or_else(|| out_of_range(addr))?;
                let (tsize, osize) = pack_sizes(sizes_at)?;
                check_tsize(tsize)?;
                let end = below(input_len + 1 + tsize + osize).ok_or_else(|| out_of_range(addr))?;
                Ok(Node {
                    start: addr,
                    end,
                    osize,
                    final_output_at: None,
                    kind: Kind::OneTrans {
                        at: sizes_at - tsize,
                        tsize,
                    },
                })
            }
            _ => {
                let is_final = state & 0b0100_0000 != 0;
                let ntrans_len = usize::from(state & 0b0011_1111 == 0);
                let ntrans = match state & 0b0011_1111 {
                    0 => {
                        let at = below(1).ok_or_else(|| out_of_range(addr))?;
                        // "1" stands for 256: one transition is stored in the state byte.
                        match bytes[at] {
                            1 => 256,
                            n => usize::from(n),
                        }
                    }
                    n => usize::from(n),
                };
                let sizes_at = below(ntrans_len + 1).ok_or_else(|| out_of_range(addr))?;
                let (tsize, osize) = pack_sizes(sizes_at)?;
                if ntrans > 0 {
                    check_tsize(tsize)?;
                }
                let index_size = if ntrans > TRANS_INDEX_THRESHOLD {
                    256
                } else {
                    0
                };
                let final_osize = if is_final { osize } else { 0 };
                let span = ntrans_len + 1 + index_size + ntrans * (1 + tsize + osize) + final_osize;
                let end = below(span).ok_or_else(|| out_of_range(addr))?;
                let transitions_end = sizes_at - index_size - ntrans * (1 + tsize);
                Ok(Node {
                    start: addr,
                    end,
                    osize,
                    final_output_at: (is_final && osize > 0)
                        .then(|| transitions_end - ntrans * osize - osize),
                    kind: Kind::AnyTrans {
                        ntrans,
                        tsize,
                        first_at: sizes_at - index_size - ntrans - tsize,
                        outputs_at: transitions_end - osize,
                    },
                })
            }
        }
    }

    /// Reads `size` bytes at `at` as `fst` does (little endian).
    fn number(bytes: &[u8], at: usize, size: usize) -> u64 {
        bytes[at..at + size]
            .iter()
            .rev()
            .fold(0u64, |n, &b| (n << 8) | u64::from(b))
    }

    fn final_output(&self, bytes: &[u8]) -> u64 {
        self.final_output_at
            .map_or(0, |at| Node::number(bytes, at, self.osize))
    }

    /// The output and target of each transition, each target checked to be
    /// an earlier node (or the empty final node).
    fn transitions(&self, bytes: &[u8]) -> Result<Vec<Transition>, String> {
        let delta_target = |at: usize, tsize: usize| -> Result<usize, String> {
            let delta = Node::number(bytes, at, tsize);
            if delta == 0 {
                return Ok(EMPTY_ADDRESS);
            }
            usize::try_from(delta)
                .ok()
                .and_then(|delta| self.end.checked_sub(delta))
                .filter(|&target| target >= HEADER_LEN)
                .ok_or_else(|| {
                    format!(
                        "fst node at {} has a transition outside the dictionary",
                        self.start
                    )
                })
        };
        let output = |at: usize| {
            if self.osize == 0 {
                0
            } else {
                Node::number(bytes, at, self.osize)
            }
        };
        match self.kind {
            Kind::OneTransNext => Ok(vec![(0, self.end - 1)]),
            Kind::OneTrans { at, tsize } => {
                let out = if self.osize == 0 {
                    0
                } else {
                    output(at - self.osize)
                };
                Ok(vec![(out, delta_target(at, tsize)?)])
            }
            Kind::AnyTrans {
                ntrans,
                tsize,
                first_at,
                outputs_at,
            } => (0..ntrans)
                .map(|i| {
                    let out = if self.osize == 0 {
                        0
                    } else {
                        output(outputs_at - i * self.osize)
                    };
                    Ok((out, delta_target(first_at - i * tsize, tsize)?))
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fst_of(words: &[&str]) -> Vec<u8> {
        let mut builder = fst::MapBuilder::memory();
        for (i, word) in words.iter().enumerate() {
            builder.insert(word, i as u64 * 300).expect("sorted words");
        }
        builder.into_inner().expect("builds")
    }

    #[test]
    fn dictionaries_fst_writes_pass() {
        let many: Vec<String> = (0..2000).map(|i| format!("wort{i:05}")).collect();
        let mut many: Vec<&str> = many.iter().map(String::as_str).collect();
        many.sort_unstable();
        // Every letter after "a": a node with more than 32 transitions.
        let wide: Vec<String> = (b'!'..=b'~').map(|b| format!("a{}", b as char)).collect();
        let wide: Vec<&str> = wide.iter().map(String::as_str).collect();
        for words in [
            vec![],
            vec!["a"],
            vec![
                "ausweis",
                "auswies",
                "hund",
                "hundesteuer",
                "personalausweis",
            ],
            many,
            wide,
        ] {
            assert_eq!(check_fst(&fst_of(&words)), Ok(()), "{words:?}");
        }
    }

    #[test]
    fn every_single_byte_change_is_refused_or_harmless() {
        let good = fst_of(&[
            "ausweis",
            "auswies",
            "hund",
            "hundesteuer",
            "personalausweis",
        ]);
        for at in 0..good.len() {
            for flip in [0x01, 0x10, 0x80, 0xff] {
                let mut bad = good.clone();
                bad[at] ^= flip;
                if check_fst(&bad).is_ok() {
                    // What the check lets through, fst can walk without a panic.
                    let map = fst::Map::new(bad).expect("the footer was checked");
                    let mut stream = fst::IntoStreamer::into_stream(map.stream());
                    let mut keys = 0;
                    while fst::Streamer::next(&mut stream).is_some() && keys < 100 {
                        keys += 1;
                    }
                }
            }
        }
    }
}
