//! The opened index as the finder's components share it.

use std::cell::Ref;
use std::rc::Rc;

use crate::live::LiveIndex;

/// A shared, opened index, possibly still receiving shards. Props compare
/// it by identity and by how many times shards arrived, so that components
/// render again when more of the index is there.
#[derive(Debug, Clone)]
pub struct SharedIndex {
    live: Rc<LiveIndex>,
    generation: u64,
}

impl PartialEq for SharedIndex {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.live, &other.live) && self.generation == other.generation
    }
}

impl SharedIndex {
    /// A complete or freshly opened index.
    pub fn new(live: LiveIndex) -> SharedIndex {
        SharedIndex {
            live: Rc::new(live),
            generation: 0,
        }
    }

    /// The same index as of the `generation`th arrival of shards.
    pub fn at(&self, generation: u64) -> SharedIndex {
        SharedIndex {
            live: self.live.clone(),
            generation,
        }
    }

    /// The index to read; do not hold it across an `await`.
    pub fn get(&self) -> Ref<'_, zufi::Index> {
        self.live.get()
    }

    /// The index with its shard loading.
    pub fn live(&self) -> &Rc<LiveIndex> {
        &self.live
    }
}
