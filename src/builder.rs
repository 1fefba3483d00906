//! Index builder. Being written.
use crate::{Catalog, Result};

/// Compiles a catalog into index bytes.
#[derive(Debug)]
pub struct IndexBuilder<'a> {
    catalog: &'a Catalog,
}

/// The result of a build.
#[derive(Debug)]
pub struct BuildOutput {
    /// The index file contents.
    pub bytes: Vec<u8>,
}

impl<'a> IndexBuilder<'a> {
    /// A builder for `catalog`.
    pub fn new(catalog: &'a Catalog) -> Self {
        IndexBuilder { catalog }
    }

    /// Builds the index.
    pub fn build(&self) -> Result<BuildOutput> {
        let _ = self.catalog;
        Ok(BuildOutput { bytes: Vec::new() })
    }
}
