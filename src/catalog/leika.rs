//! LeiKa CSV importer. Being written.

use crate::{Catalog, Result};

/// One row of a LeiKa export.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LeikaEntry {
    /// 14-digit key.
    pub key: String,
}

/// What enrichment changed.
#[derive(Debug, Clone, Default)]
pub struct EnrichReport {
    /// Non-fatal remarks.
    pub warnings: Vec<String>,
}

/// Parses a LeiKa CSV export.
pub fn parse(_bytes: &[u8], _file: &str) -> Result<Vec<LeikaEntry>> {
    Ok(Vec::new())
}

/// Enriches services by LeiKa key.
pub fn enrich(_catalog: &mut Catalog, _entries: &[LeikaEntry]) -> EnrichReport {
    EnrichReport::default()
}
