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
/// Land → Bund). `assignments` must be in region order ([`order_by_region`]).
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
/// then Ansprechpunkte, each in record order. `assignments` are in region
/// order ([`order_by_region`]), so each key's are found by binary search:
/// a Land-wide service has an assignment per municipality, and scanning
/// them all for every hit was a third of a search with a place
/// (docs/PERFORMANCE.md).
fn most_specific<'a, T>(
    assignments: &[Assignment],
    kind: TargetKind,
    place: Ars,
    records: &'a [Option<T>],
) -> Vec<Assigned<'a, T>> {
    let role_slot = |role: Role| Role::ALL.iter().position(|&r| r == role).unwrap_or(0);
    // The roles found at a more specific key already.
    let mut settled = [false; Role::ALL.len()];
    let mut found: Vec<(Role, u32, Ars)> = Vec::new();
    for key in place.chain() {
        let region = key.as_number();
        let from = assignments.partition_point(|a| a.region < region);
        let here = assignments[from..]
            .iter()
            .take_while(|a| a.region == region)
            .filter(|a| a.kind == kind && !a.target_deltas.is_empty());
        let mut settled_here = settled;
        for assignment in here {
            let slot = role_slot(assignment.role);
            if !settled[slot] {
                settled_here[slot] = true;
                found.extend(assignment.targets().map(|t| (assignment.role, t, key)));
            }
        }
        settled = settled_here;
    }
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

/// Puts a service's assignments in region order, as [`resolve`] expects;
/// those of a file from `zufi build` are in that order already, those of a
/// sharded index come area by area.
pub(crate) fn order_by_region(assignments: &mut [Assignment]) {
    sort_by_key(assignments, |a| a.region);
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::{most_specific, order_by_region};
    use crate::build::IndexBuilder;
    use crate::index::format::Assignment;
    use crate::index::Index;
    use crate::model::records::{Catalog, Role, TargetKind};
    use crate::model::region::Ars;

    /// The rule as stated, scanning every assignment: for each role the
    /// most specific key on the chain with any, and all targets there.
    fn by_scanning(
        assignments: &[Assignment],
        kind: TargetKind,
        place: Ars,
    ) -> Vec<(Role, u32, Ars)> {
        let chain: Vec<Ars> = place.chain().collect();
        let mut found = Vec::new();
        for role in Role::ALL {
            let of_role = || {
                assignments.iter().filter(move |a| {
                    a.kind == kind && a.role == role && !a.target_deltas.is_empty()
                })
            };
            let Some(at) = chain
                .iter()
                .position(|key| of_role().any(|a| a.region == key.as_number()))
            else {
                continue;
            };
            let mut targets: Vec<u32> = of_role()
                .filter(|a| a.region == chain[at].as_number())
                .flat_map(|a| a.targets())
                .collect();
            targets.sort_unstable();
            found.extend(targets.into_iter().map(|t| (role, t, chain[at])));
        }
        found
    }

    fn assignment() -> impl Strategy<Value = Assignment> {
        // The chain of 160705009001, and keys off it.
        let regions = prop::sample::select(vec![
            160705009001_u64,
            160705009000,
            160700000000,
            160000000000,
            0,
            160705009002,
            160710000000,
            150000000000,
        ]);
        let kinds = prop::sample::select(vec![TargetKind::Authority, TargetKind::Form]);
        let roles = prop::sample::select(Role::ALL.to_vec());
        (regions, kinds, roles, prop::collection::vec(0_u32..4, 0..3)).prop_map(
            |(region, kind, role, target_deltas)| Assignment {
                region,
                kind,
                role,
                target_deltas,
            },
        )
    }

    proptest! {
        /// Looking up each key of the chain in region order finds what
        /// scanning all assignments finds, whatever order they came in.
        #[test]
        fn lookups_by_region_agree_with_scanning(mut assignments in prop::collection::vec(assignment(), 0..24)) {
            let place: Ars = "160705009001".parse().expect("valid ARS");
            let records: Vec<Option<u32>> = (0..16).map(Some).collect();
            let expected = by_scanning(&assignments, TargetKind::Authority, place);
            order_by_region(&mut assignments);
            let found: Vec<(Role, u32, Ars)> = most_specific(&assignments, TargetKind::Authority, place, &records)
                .into_iter()
                .map(|a| (a.role, *a.item, a.region))
                .collect();
            prop_assert_eq!(found, expected);
        }
    }

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
