//! Responsibilities: service, region and target references, duplicate
//! assignments; and the catalog-wide checks: the date of `meta.ars_list`,
//! and the warning when there are no responsibilities.

use std::collections::HashMap;

use crate::model::date::is_date;
use crate::model::records::{Role, TargetKind};
use crate::validate::problem::{Kind, Problem, Severity};
use crate::validate::validator::Validator;

/// Federal key, valid as a responsibility region even when absent from the region list.
const BUND: &str = "000000000000";

impl Validator<'_> {
    /// Without any responsibilities, one catalog-wide warning says more than
    /// one per unreferenced record.
    pub(super) fn check_catalog(&mut self) {
        let c = self.catalog;
        if let Some(date) = c
            .meta
            .as_ref()
            .and_then(|meta| meta.ars_list.as_deref())
            .filter(|date| !is_date(date))
        {
            let file = self
                .loaded
                .meta_source
                .and_then(|source| self.loaded.files.get(source))
                .cloned()
                .unwrap_or_else(|| "(catalog)".to_string());
            self.problems.push(Problem {
                severity: Severity::Error,
                file,
                record: "meta".into(),
                field: "ars_list".into(),
                message: format!("{date:?} is not a date: expected YYYY-MM-DD, the date of the ARS code list, e.g. \"2021-07-31\""),
            });
        }
        if c.responsibilities.is_empty() && !c.services.is_empty() {
            let file = match self.loaded.files.as_slice() {
                [only] => only.clone(),
                _ => "(catalog)".to_string(),
            };
            self.problems.push(Problem {
                severity: Severity::Warning,
                file,
                record: "catalog".into(),
                field: "responsibilities".into(),
                message: format!(
                    "the catalog has {} service(s) but no responsibilities, so a search cannot say who handles any service; add responsibilities",
                    c.services.len()
                ),
            });
        }
    }

    pub(super) fn check_responsibilities(&mut self) {
        let catalog = self.catalog;
        let has_regions = !catalog.regions.is_empty();
        let mut seen: HashMap<(&str, &str, TargetKind, &str, Role), usize> = HashMap::new();
        let mut hidden = self.hidden_responsibilities();
        for (i, r) in catalog.responsibilities.iter().enumerate() {
            if let Some(id) = r.id.as_deref() {
                self.check_id(Kind::Responsibility, i, "id", id);
                if let Some(&first) = self.responsibility_ids.get(id) {
                    self.check_duplicate(Kind::Responsibility, i, "id", id, first);
                }
            }
            self.check_reference(
                Kind::Responsibility,
                i,
                "service",
                Kind::Service,
                &r.service,
                None,
            );
            if self.check_ars(Kind::Responsibility, i, "region", &r.region)
                && has_regions
                && r.region != BUND
                && !self.regions.contains(&r.region)
            {
                let message = self.unknown_region_message(&r.region);
                self.error(Kind::Responsibility, i, "region", message);
            }
            let target_kind = Kind::of_target(r.target.kind);
            let hint = self
                .other_target_kind(r.target.kind, &r.target.id)
                .map(|other| {
                    let noun = Kind::of_target(other).noun();
                    format!(
                        "{} {noun} has this id, so set target.type to {:?}",
                        article(noun),
                        target_type_name(other)
                    )
                });
            self.check_reference(
                Kind::Responsibility,
                i,
                "target.id",
                target_kind,
                &r.target.id,
                hint,
            );
            let key = (
                r.service.as_str(),
                r.region.as_str(),
                r.target.kind,
                r.target.id.as_str(),
                r.role,
            );
            match seen.get(&key) {
                Some(&first) => {
                    let other = format!(
                        "{} in {}",
                        self.label(Kind::Responsibility, first),
                        self.file_of(Kind::Responsibility, first)
                    );
                    self.warning(
                        Kind::Responsibility,
                        i,
                        "target.id",
                        format!("duplicate responsibility: {other} already assigns this service in this region to the same target with the same role; remove one of them"),
                    );
                }
                None => {
                    seen.insert(key, i);
                }
            }
            if let Some(message) = hidden.remove(&i) {
                self.warning(Kind::Responsibility, i, "region", message);
            }
        }
    }

    /// The kind other than `kind` that has a target with this id, if any:
    /// the likeliest cause of a dangling target is a wrong `target.type`.
    fn other_target_kind(&self, kind: TargetKind, id: &str) -> Option<TargetKind> {
        [
            (TargetKind::Authority, &self.authorities),
            (TargetKind::OnlineService, &self.online_services),
            (TargetKind::Form, &self.forms),
        ]
        .into_iter()
        .find(|(other, table)| *other != kind && table.contains(id))
        .map(|(other, _)| other)
    }
}

fn target_type_name(kind: TargetKind) -> &'static str {
    match kind {
        TargetKind::Authority => "authority",
        TargetKind::OnlineService => "online_service",
        TargetKind::Form => "form",
    }
}

fn article(noun: &str) -> &'static str {
    if noun.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}
