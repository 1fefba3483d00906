//! What a check reports: [`Problem`] and its [`Severity`], and the record
//! [`Kind`]s a problem can be about.

use std::fmt;

use crate::catalog::LoadedCatalog;
use crate::model::records::TargetKind;

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The catalog cannot be built.
    Error,
    /// The catalog builds, but editors should look.
    Warning,
}

/// One finding of `validate`.
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

/// The record kinds, in catalog order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Kind {
    Region,
    Topic,
    Service,
    Authority,
    OnlineService,
    Form,
    Responsibility,
}

impl Kind {
    pub(super) fn noun(self) -> &'static str {
        match self {
            Kind::Region => "region",
            Kind::Topic => "topic",
            Kind::Service => "service",
            Kind::Authority => "authority",
            Kind::OnlineService => "online service",
            Kind::Form => "form",
            Kind::Responsibility => "responsibility",
        }
    }

    pub(super) fn of_target(kind: TargetKind) -> Kind {
        match kind {
            TargetKind::Authority => Kind::Authority,
            TargetKind::OnlineService => Kind::OnlineService,
            TargetKind::Form => Kind::Form,
        }
    }

    pub(super) fn sources(self, loaded: &LoadedCatalog) -> &[usize] {
        match self {
            Kind::Region => &loaded.region_sources,
            Kind::Topic => &loaded.topic_sources,
            Kind::Service => &loaded.service_sources,
            Kind::Authority => &loaded.authority_sources,
            Kind::OnlineService => &loaded.online_service_sources,
            Kind::Form => &loaded.form_sources,
            Kind::Responsibility => &loaded.responsibility_sources,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::validate::tests::{clean, problems_of};

    #[test]
    fn display_names_file_record_and_field() {
        let mut c = clean();
        c.services[0].leika[0] = "123".into();
        let shown = problems_of(c)[0].to_string();
        assert_eq!(
            shown,
            "error: catalog.json: service \"s1\", field `leika[0]`: \"123\" is not a LeiKa key: expected exactly 14 digits, found 3 character(s)"
        );
    }
}
