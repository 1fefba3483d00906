//! Responsibilities no search can ever show.
//!
//! A search resolves a service for a place by walking the place's chain of
//! region keys (Gemeinde → Verband → Kreis → Bezirk → Land → Bund) and
//! taking, separately for each target type and each role, the assignments
//! at the first key that has any (`crate::index::responsible`). So an
//! assignment at region R is shown at a place only if R is on the place's
//! chain and no key between the place and R has an assignment of the same
//! service, target type and role.
//!
//! The places are the regions of the catalog's region table that contain no
//! other region of it: the Gemeinden, and a kreisfreie Stadt listed only as
//! a Kreis. An assignment is never shown when every place inside its region
//! reaches a more specific assignment first — for example a Kreis-level
//! zuständige Stelle in a Kreis whose every Gemeinde has its own zuständige
//! Stelle. Different roles never hide each other: a Land-level zuständige
//! Stelle stays visible beside Kreis-level Ansprechpunkte.
//!
//! Without a region table there are no known places, and nothing is checked.

use std::collections::{HashMap, HashSet};

use crate::model::records::{Role, TargetKind};
use crate::model::region::Ars;
use crate::validate::validator::Validator;

/// The places of a region table, and which of them lie inside each key.
struct Places {
    /// Each place's chain of keys, most specific first.
    chains: Vec<Vec<u64>>,
    /// The places inside each key that is on some place's chain.
    inside: HashMap<u64, Vec<usize>>,
}

impl Places {
    fn of(regions: impl Iterator<Item = Ars>) -> Places {
        let keys: HashSet<Ars> = regions.collect();
        let enclosing: HashSet<Ars> = keys.iter().flat_map(|key| key.chain().skip(1)).collect();
        let mut leaves: Vec<Ars> = keys.difference(&enclosing).copied().collect();
        // Deterministic examples in the warnings.
        leaves.sort();
        let chains: Vec<Vec<u64>> = leaves
            .iter()
            .map(|place| place.chain().map(|key| key.as_number()).collect())
            .collect();
        let mut inside: HashMap<u64, Vec<usize>> = HashMap::new();
        for (place, chain) in chains.iter().enumerate() {
            for &key in chain {
                inside.entry(key).or_default().push(place);
            }
        }
        Places { chains, inside }
    }
}

impl Validator<'_> {
    /// The responsibilities that no place can ever see, each with the
    /// warning that explains why, by responsibility index.
    pub(super) fn hidden_responsibilities(&self) -> HashMap<usize, String> {
        let catalog = self.catalog;
        let mut hidden = HashMap::new();
        if catalog.regions.is_empty() {
            return hidden;
        }
        let places = Places::of(catalog.regions.iter().filter_map(|r| r.ars.parse().ok()));
        // Sorted by service, target type, role and region key, so that each
        // group is a run and its keys a sorted list (no map per group: this
        // runs over every responsibility of a Land catalog).
        let mut assignments: Vec<(&str, TargetKind, Role, u64, usize)> = catalog
            .responsibilities
            .iter()
            .enumerate()
            // Keys that are no ARS are errors already.
            .filter_map(|(i, r)| {
                let key = r.region.parse::<Ars>().ok()?.as_number();
                Some((r.service.as_str(), r.target.kind, r.role, key, i))
            })
            .collect();
        assignments.sort_unstable();
        for group in assignments.chunk_by(|a, b| (a.0, a.1, a.2) == (b.0, b.1, b.2)) {
            let mut keys: Vec<u64> = group.iter().map(|a| a.3).collect();
            keys.dedup();
            // The first key on the place's chain that has an assignment of this group.
            let reached = |place: usize| {
                places.chains[place]
                    .iter()
                    .copied()
                    .find(|k| keys.binary_search(k).is_ok())
            };
            for at_key in group.chunk_by(|a, b| a.3 == b.3) {
                let key = at_key[0].3;
                let Some(inside) = places.inside.get(&key) else {
                    // No place lies inside: the key is not in the region table, an error already.
                    continue;
                };
                if inside.iter().any(|&place| reached(place) == Some(key)) {
                    continue;
                }
                let example = inside.first().map(|&place| {
                    let covering = reached(place).unwrap_or(key);
                    (places.chains[place][0], covering)
                });
                let (_, kind, role, _, _) = at_key[0];
                let message = hidden_message(key, kind, role, inside.len(), example);
                for assignment in at_key {
                    hidden.insert(assignment.4, message.clone());
                }
            }
        }
        hidden
    }
}

fn hidden_message(
    key: u64,
    kind: TargetKind,
    role: Role,
    places: usize,
    example: Option<(u64, u64)>,
) -> String {
    let ars = |number: u64| {
        Ars::from_number(number)
            .map(|a| a.to_string())
            .unwrap_or_default()
    };
    let kind = match kind {
        TargetKind::Authority => "authority",
        TargetKind::OnlineService => "online_service",
        TargetKind::Form => "form",
    };
    let example = example
        .map(|(place, covering)| {
            format!(
                " (e.g. place {} reaches the one at {} first)",
                ars(place),
                ars(covering)
            )
        })
        .unwrap_or_default();
    format!(
        "never shown: each of the {places} place(s) of the region table inside {} has a more specific responsibility for this service with target.type {kind:?} and role {:?}{example}, \
         and a search shows, per target type and role, only those of the most specific region on the place's chain (Gemeinde, Verband, Kreis, Bezirk, Land, Bund); \
         remove this responsibility, or give it another role if it means a different one",
        ars(key),
        role.name()
    )
}

#[cfg(test)]
mod tests {
    use crate::model::records::{Catalog, Responsibility, Role, Target, TargetKind};
    use crate::validate::problem::Severity;
    use crate::validate::tests::{clean, problems_of};

    fn assign(region: &str, authority: &str, role: Role) -> Responsibility {
        Responsibility {
            id: None,
            service: "s1".into(),
            region: region.into(),
            target: Target {
                kind: TargetKind::Authority,
                id: authority.into(),
            },
            role,
        }
    }

    /// `clean()` with s1's authority responsibilities replaced by these.
    fn with_authorities(responsibilities: Vec<Responsibility>) -> Catalog {
        let mut c = clean();
        c.responsibilities
            .retain(|r| !(r.service == "s1" && r.target.kind == TargetKind::Authority));
        c.responsibilities.extend(responsibilities);
        c
    }

    fn hidden_warnings(c: Catalog) -> Vec<(String, String)> {
        problems_of(c)
            .into_iter()
            .filter(|p| p.severity == Severity::Warning && p.message.starts_with("never shown"))
            .map(|p| (p.record, p.field))
            .collect()
    }

    #[test]
    fn a_region_whose_every_place_has_a_more_specific_assignment_of_the_role_is_hidden() {
        // The Ilm-Kreis's only place, Alkersleben, has its VG; Erfurt lies outside it.
        let c = with_authorities(vec![
            assign("160700000000", "a0", Role::ZustaendigeStelle),
            assign("160705009000", "a1", Role::ZustaendigeStelle),
        ]);
        assert_eq!(
            hidden_warnings(c.clone()),
            [(
                "responsibility #4 (service \"s1\", region \"160700000000\")".to_string(),
                "region".to_string()
            )]
        );
        let message = problems_of(c)
            .into_iter()
            .find(|p| p.message.starts_with("never shown"))
            .map(|p| p.message)
            .unwrap_or_default();
        assert!(
            message.contains("place 160705009001 reaches the one at 160705009000 first"),
            "{message}"
        );
    }

    #[test]
    fn roles_do_not_hide_each_other() {
        // The Einbürgerung shape: the Land decides, the Kreis and the VG take applications.
        let c = with_authorities(vec![
            assign("160000000000", "a0", Role::ZustaendigeStelle),
            assign("160700000000", "a0", Role::Ansprechpunkt),
            assign("160705009000", "a1", Role::Ansprechpunkt),
        ]);
        // The Kreis's Ansprechpunkt is hidden by the VG's; the Land's zuständige Stelle is not.
        assert_eq!(
            hidden_warnings(c),
            [(
                "responsibility #5 (service \"s1\", region \"160700000000\")".to_string(),
                "region".to_string()
            )]
        );
    }

    #[test]
    fn a_region_with_one_uncovered_place_is_shown() {
        // Erfurt has no assignment of its own, so it sees the Land's.
        let c = with_authorities(vec![
            assign("160000000000", "a0", Role::ZustaendigeStelle),
            assign("160705009000", "a1", Role::ZustaendigeStelle),
        ]);
        assert_eq!(hidden_warnings(c), []);
    }

    #[test]
    fn other_target_types_do_not_hide() {
        // s1 has an online service at the Land (clean()); an authority at the VG does not hide it.
        assert_eq!(hidden_warnings(clean()), []);
    }

    #[test]
    fn without_a_region_table_nothing_is_checked() {
        let mut c = with_authorities(vec![
            assign("160700000000", "a0", Role::ZustaendigeStelle),
            assign("160705009000", "a1", Role::ZustaendigeStelle),
        ]);
        c.regions.clear();
        assert_eq!(hidden_warnings(c), []);
    }
}
