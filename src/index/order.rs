//! Sorting through one shared stable sort. Every `sort_by`, `sort_by_key`
//! or `sort_unstable_by` on a new element or closure type is a new copy of
//! the standard library's whole sort, about 4 KB of wasm each; these
//! helpers sort positions with a comparator behind a `dyn`, so the sort is
//! compiled once and each caller adds only its comparator and the moving
//! of its elements. The sort is a plain merge sort, a tenth of the standard
//! one's code: the lists sorted here are short (results, regions, services).
//! Measured (docs/PERFORMANCE.md): one shared sort instead of some 240
//! instances cut the finder's wasm by 11.5 KB gzip and the headless one's by
//! 22.8 KB; the merge sort instead of the standard one a further 1.7 and
//! 2.9 KB, for 0.5 % more search instructions.

use std::cmp::Ordering;

/// The positions `0..len` ordered by `compare`, equal ones in position
/// order: the order a stable sort of the elements would give.
#[inline(never)]
pub(crate) fn stable_order(
    len: usize,
    compare: &mut dyn FnMut(usize, usize) -> Ordering,
) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    let mut merged = vec![0; len];
    // Bottom-up: runs of `width` merged pairwise into runs of twice that.
    let mut width = 1;
    while width < len {
        let mut start = 0;
        while start < len {
            let middle = (start + width).min(len);
            let end = (start + 2 * width).min(len);
            let (mut left, mut right) = (start, middle);
            if middle == end || compare(order[middle], order[middle - 1]) != Ordering::Less {
                // The two runs are in order already.
                merged[start..end].copy_from_slice(&order[start..end]);
                start = end;
                continue;
            }
            for slot in &mut merged[start..end] {
                // The right run's next goes first only when it is less: ties
                // keep their order.
                let take_right = right < end
                    && (left == middle || compare(order[right], order[left]) == Ordering::Less);
                if take_right {
                    *slot = order[right];
                    right += 1;
                } else {
                    *slot = order[left];
                    left += 1;
                }
            }
            start = end;
        }
        std::mem::swap(&mut order, &mut merged);
        width *= 2;
    }
    order
}

/// Sorts `items` as `items.sort_by(compare)` does: stable, so equal ones
/// keep their order.
pub(crate) fn sort_by<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    // Most lists sorted here are short and often in order already (a
    // service's responsibilities, a name's highlights): no allocation then.
    if items
        .windows(2)
        .all(|pair| compare(&pair[0], &pair[1]) != Ordering::Greater)
    {
        return;
    }
    let order = stable_order(items.len(), &mut |a, b| compare(&items[a], &items[b]));
    permute(items, order);
}

/// Sorts `items` as `items.sort_by_key(key)` does (stable).
pub(crate) fn sort_by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Puts the element at `order[k]` at `k`, for every `k`, cycle by cycle.
pub(crate) fn permute<T>(items: &mut [T], mut order: Vec<usize>) {
    for start in 0..order.len() {
        let mut at = start;
        // A position whose element is in place already (or was put there
        // earlier in this loop) points to itself.
        while order[at] != at {
            let from = order[at];
            order[at] = at;
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Sorts as the standard library's stable sort does, ties in
        /// position order, ascending and descending.
        #[test]
        fn sorts_as_the_standard_stable_sort_does(keys in proptest::collection::vec(0_u8..12, 0..300)) {
            // Pairs of key and position: ties must keep position order.
            let items: Vec<(u8, usize)> = keys.into_iter().zip(0..).collect();
            let mut expected = items.clone();
            expected.sort_by_key(|&(key, _)| key);
            let mut sorted = items.clone();
            sort_by_key(&mut sorted, |&(key, _)| key);
            prop_assert_eq!(&sorted, &expected);
            expected.sort_by_key(|&(key, _)| std::cmp::Reverse(key));
            let mut reversed = items;
            sort_by(&mut reversed, |a, b| b.0.cmp(&a.0));
            prop_assert_eq!(reversed, expected);
        }
    }

    #[test]
    fn moves_elements_without_copies() {
        let mut names: Vec<String> = ["c", "a", "d", "b", "a"].map(String::from).to_vec();
        sort_by(&mut names, |a, b| a.cmp(b));
        assert_eq!(names, ["a", "a", "b", "c", "d"]);
    }
}
