//! Index reader. Being written.
use crate::{Hit, Result, SearchOptions};

/// An opened index.
#[derive(Debug)]
pub struct Index {}

impl Index {
    /// Opens an index from bytes.
    pub fn from_bytes(_bytes: &[u8]) -> Result<Index> {
        Ok(Index {})
    }

    /// Searches.
    pub fn search(&self, _query: &str, _options: &SearchOptions) -> Vec<Hit> {
        Vec::new()
    }
}
