//! Who is responsible for a service at a place: the most-specific-region
//! rule applied to a service's stored assignments.

use crate::index::format::Assignment;
use crate::model::records::{Authority, Form, OnlineService, Role, TargetKind};
use crate::model::region::Ars;

/// A target responsible for a service in a region.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Assigned<'a, T> {
    /// The authority, online service or form.
    pub item: &'a T,
    /// Its role.
    pub role: Role,
    /// The region key the assignment was found at (the most specific one on
    /// the citizen's chain that has an assignment of this kind).
    pub region: Ars,
}

/// Who handles a service for one place: the most specific assignments,
/// chosen separately for each target kind.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Responsible<'a> {
    /// Responsible authorities (zuständige Stellen first).
    pub authorities: Vec<Assigned<'a, Authority>>,
    /// Online services for the place.
    pub online_services: Vec<Assigned<'a, OnlineService>>,
    /// Forms for the place.
    pub forms: Vec<Assigned<'a, Form>>,
}

impl Responsible<'_> {
    /// True when nothing is responsible.
    pub fn is_empty(&self) -> bool {
        self.authorities.is_empty() && self.online_services.is_empty() && self.forms.is_empty()
    }
}

/// The record tables assignments point into.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Targets<'a> {
    pub(crate) authorities: &'a [Authority],
    pub(crate) online_services: &'a [OnlineService],
    pub(crate) forms: &'a [Form],
}

impl Targets<'_> {
    /// Number of records of `kind`, the bound for its target numbers.
    pub(crate) fn count(&self, kind: TargetKind) -> usize {
        match kind {
            TargetKind::Authority => self.authorities.len(),
            TargetKind::OnlineService => self.online_services.len(),
            TargetKind::Form => self.forms.len(),
        }
    }
}

/// For each target kind, the assignments of the most specific region key on
/// `place`'s chain (Gemeinde → Verband → Kreis → Bezirk → Land → Bund).
pub(crate) fn resolve<'a>(
    assignments: &[Assignment],
    targets: Targets<'a>,
    place: Ars,
) -> Responsible<'a> {
    Responsible {
        authorities: most_specific(
            assignments,
            TargetKind::Authority,
            place,
            targets.authorities,
        ),
        online_services: most_specific(
            assignments,
            TargetKind::OnlineService,
            place,
            targets.online_services,
        ),
        forms: most_specific(assignments, TargetKind::Form, place, targets.forms),
    }
}

/// The targets of `kind` assigned at the first key on `place`'s chain that
/// has any, sorted by role, then record order.
fn most_specific<'a, T>(
    assignments: &[Assignment],
    kind: TargetKind,
    place: Ars,
    records: &'a [T],
) -> Vec<Assigned<'a, T>> {
    for key in place.chain() {
        let number = key.as_number();
        let mut found: Vec<(Role, u32)> = assignments
            .iter()
            .filter(|a| a.kind == kind && a.region == number)
            .flat_map(|a| a.targets().map(move |t| (a.role, t)))
            .collect();
        if found.is_empty() {
            continue;
        }
        found.sort();
        return found
            .into_iter()
            .filter_map(|(role, target)| {
                records.get(target as usize).map(|item| Assigned {
                    item,
                    role,
                    region: key,
                })
            })
            .collect();
    }
    Vec::new()
}
