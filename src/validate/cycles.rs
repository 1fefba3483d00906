//! Parent chains that loop back on themselves (topics, authorities).

use std::collections::HashMap;

use crate::validate::id_table::IdTable;

/// A parent link that closes a cycle, reported once on the cycle's first
/// record in catalog order.
pub(super) type Cycles = HashMap<usize, String>;

/// Finds parent cycles among the first occurrences of ids; each cycle is
/// described once, keyed by its member that comes first in catalog order.
pub(super) fn find_cycles<'a>(
    table: &IdTable<'a>,
    parent_of: impl Fn(usize) -> Option<&'a str>,
    id_of: impl Fn(usize) -> &'a str,
) -> Cycles {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        Unvisited,
        OnPath,
        Done,
    }
    let mut starts: Vec<usize> = table.first.values().copied().collect();
    starts.sort_unstable();
    let len = starts.last().map_or(0, |&last| last + 1);
    let mut state = vec![State::Unvisited; len];
    let parent_index = |i: usize| parent_of(i).and_then(|p| table.first.get(p).copied());
    let mut cycles = Cycles::new();
    for start in starts {
        let mut path = Vec::new();
        let mut node = Some(start);
        while let Some(i) = node {
            match state[i] {
                State::Done => break,
                State::OnPath => {
                    let at = path.iter().position(|&p| p == i).unwrap_or(0);
                    let members = &path[at..];
                    let &head = members.iter().min().unwrap_or(&i);
                    let description = if members.len() == 1 {
                        format!(
                            "{:?} names itself as parent; remove `parent` or name a different record",
                            id_of(head)
                        )
                    } else {
                        // Walk from the first member so the text is the same
                        // whichever record the search started at.
                        let mut chain = vec![format!("{:?}", id_of(head))];
                        let mut next = parent_index(head);
                        while let Some(n) = next {
                            chain.push(format!("{:?}", id_of(n)));
                            if n == head {
                                break;
                            }
                            next = parent_index(n);
                        }
                        format!(
                            "the parent chain forms a cycle: {}; remove one of these parent links",
                            chain.join(" → ")
                        )
                    };
                    cycles.insert(head, description);
                    break;
                }
                State::Unvisited => {
                    state[i] = State::OnPath;
                    path.push(i);
                    node = parent_index(i);
                }
            }
        }
        for i in path {
            state[i] = State::Done;
        }
    }
    cycles
}
