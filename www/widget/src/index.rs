//! The opened index as the finder's components share it.

use std::ops::Deref;
use std::rc::Rc;

/// A shared, opened index; props compare it by identity.
#[derive(Debug, Clone)]
pub struct SharedIndex(pub Rc<zufi::Index>);

impl PartialEq for SharedIndex {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Deref for SharedIndex {
    type Target = zufi::Index;
    fn deref(&self) -> &zufi::Index {
        &self.0
    }
}
