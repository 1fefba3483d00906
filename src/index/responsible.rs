//! Who is responsible for a service at a place: the most-specific-region
//! rule applied to a service's stored assignments, separately for each
//! target kind and each role — as XZuFi means a Zuständigkeit: the Land
//! office that decides (zuständige Stelle) is not hidden by the Landratsamt
//! that takes the application (Ansprechpunkt).

use crate::index::format::Assignment;
use crate::index::order::sort_by_key;
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
/// chosen separately for each target kind and role.
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

/// The record tables assignments point into, by number; `None` for a
/// record of a sharded index whose area is not loaded.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Targets<'a> {
    pub(crate) authorities: &'a [Option<Authority>],
    pub(crate) online_services: &'a [Option<OnlineService>],
    pub(crate) forms: &'a [Option<Form>],
}

/// For each target kind and each role, the assignments of the most specific
/// region key on `place`'s chain (Gemeinde → Verband → Kreis → Bezirk →
/// Land → Bund).
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

/// For each role, the targets of `kind` assigned at the first key on
/// `place`'s chain that has any of that role: zuständige Stellen first,
/// then Ansprechpunkte, each in record order. Two passes over the service's
/// assignments: one finds each role's most specific key, one collects.
fn most_specific<'a, T>(
    assignments: &[Assignment],
    kind: TargetKind,
    place: Ars,
    records: &'a [Option<T>],
) -> Vec<Assigned<'a, T>> {
    let chain: Vec<Ars> = place.chain().collect();
    let role_slot = |role: Role| Role::ALL.iter().position(|&r| r == role).unwrap_or(0);
    // Where on the chain each assignment of this kind with targets lies.
    let placed = || {
        assignments
            .iter()
            .filter(|a| a.kind == kind && !a.target_deltas.is_empty())
            .filter_map(|a| {
                let at = chain.iter().position(|key| key.as_number() == a.region)?;
                Some((a, at))
            })
    };
    let mut most_specific = [usize::MAX; Role::ALL.len()];
    for (assignment, at) in placed() {
        let slot = &mut most_specific[role_slot(assignment.role)];
        *slot = (*slot).min(at);
    }
    let mut found: Vec<(Role, u32, Ars)> = placed()
        .filter(|(a, at)| most_specific[role_slot(a.role)] == *at)
        .flat_map(|(a, at)| {
            let region = chain[at];
            a.targets().map(move |t| (a.role, t, region))
        })
        .collect();
    sort_by_key(&mut found, |&(role, target, _)| (role, target));
    found
        .into_iter()
        .filter_map(|(role, target, region)| {
            records
                .get(target as usize)?
                .as_ref()
                .map(|item| Assigned { item, role, region })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::build::IndexBuilder;
    use crate::index::Index;
    use crate::model::records::{Catalog, Role};

    #[test]
    fn the_most_specific_region_is_chosen_per_role() {
        let catalog: Catalog = serde_json::from_str(
            r#"{
              "services": [{"id": "s", "name": "Einbürgerung"}],
              "authorities": [{"id": "land", "name": "Landesamt"}, {"id": "kreis", "name": "Landratsamt"},
                              {"id": "vg", "name": "VG"}, {"id": "stadt", "name": "Stadt"}],
              "responsibilities": [
                {"service": "s", "region": "160000000000", "target": {"type": "authority", "id": "land"}},
                {"service": "s", "region": "160700000000", "target": {"type": "authority", "id": "kreis"}, "role": "ansprechpunkt"},
                {"service": "s", "region": "160705009000", "target": {"type": "authority", "id": "vg"}, "role": "ansprechpunkt"},
                {"service": "s", "region": "160700004004", "target": {"type": "authority", "id": "stadt"}}]
            }"#,
        )
        .unwrap();
        let index = Index::from_bytes(&IndexBuilder::new(&catalog).build().unwrap().bytes).unwrap();
        let who = |ars: &str| {
            let responsible = index.responsible("s", ars.parse().unwrap()).unwrap();
            responsible
                .authorities
                .iter()
                .map(|a| (a.item.id.clone(), a.role))
                .collect::<Vec<_>>()
        };
        // Alkersleben: the Land decides, its VG (more specific than the Kreis) takes it in.
        assert_eq!(
            who("160705009001"),
            [
                ("land".into(), Role::ZustaendigeStelle),
                ("vg".into(), Role::Ansprechpunkt)
            ]
        );
        // Arnstadt: the town decides itself; the Kreis takes applications.
        assert_eq!(
            who("160700004004"),
            [
                ("stadt".into(), Role::ZustaendigeStelle),
                ("kreis".into(), Role::Ansprechpunkt)
            ]
        );
        // Elsewhere in Thüringen: the Land alone.
        assert_eq!(
            who("160510000000"),
            [("land".into(), Role::ZustaendigeStelle)]
        );
    }
}
