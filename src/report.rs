//! The reports editors read before publishing: what changed between two
//! indexes ([`diff`]) and where no authority is responsible ([`coverage`]).
//!
//! Both work on opened indexes, so an index file, a sharded index (with
//! every shard added) and a catalog built in memory are compared alike, and
//! a report shows what citizens will see: records as the builder stores
//! them, responsibilities resolved by the same most-specific-region rule as
//! [`Index::responsible`](crate::Index::responsible).
//!
//! ```
//! use zufi::{Catalog, Index, IndexBuilder, Role};
//!
//! let build = |json: &str| {
//!     let catalog: Catalog = serde_json::from_str(json).unwrap();
//!     Index::from_bytes(&IndexBuilder::new(&catalog).build().unwrap().bytes).unwrap()
//! };
//! let regions = r#""regions": [
//!     {"ars": "160700000000", "name": "Ilm-Kreis", "level": "kreis"},
//!     {"ars": "160700004004", "name": "Arnstadt, Stadt", "level": "gemeinde", "parent": "160700000000"}]"#;
//! let old = build(&format!(r#"{{ {regions},
//!     "services": [{{"id": "hund", "name": "Hundesteuer"}}],
//!     "authorities": [{{"id": "stadt", "name": "Stadtverwaltung Arnstadt"}}],
//!     "responsibilities": [{{"service": "hund", "region": "160700004004",
//!                            "target": {{"type": "authority", "id": "stadt"}}}}] }}"#));
//! let new = build(&format!(r#"{{ {regions},
//!     "services": [{{"id": "hund", "name": "Hundesteuer anmelden"}}] }}"#));
//!
//! let changes = zufi::report::diff(&old, &new);
//! assert_eq!(changes.services.changed[0].fields, ["name"]);
//! assert_eq!(changes.authorities.removed, ["stadt"]);
//! assert_eq!(changes.responsibilities.removed[0].target, "stadt");
//! assert_eq!(changes.lost[0].region.name, "Arnstadt, Stadt");
//!
//! let holes = zufi::report::coverage(&new);
//! assert_eq!(holes.services[0].role, Role::ZustaendigeStelle);
//! assert_eq!(holes.services[0].uncovered[0].ars.to_string(), "160700004004");
//! ```

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use serde::Serialize;

use crate::index::Index;
use crate::model::records::{Role, Service, TargetKind};
use crate::model::region::{Ars, RegionEntry, RegionLevel};

/// Everything that differs between an old and a new index.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Diff {
    /// Services by id.
    pub services: RecordChanges,
    /// Authorities by id.
    pub authorities: RecordChanges,
    /// Online services by id.
    pub online_services: RecordChanges,
    /// Forms by id.
    pub forms: RecordChanges,
    /// Responsibilities added and removed.
    pub responsibilities: ResponsibilityChanges,
    /// Municipalities that had a responsible authority of a role for a
    /// service (kept in both indexes) and have none now.
    pub lost: Vec<LostAuthority>,
}

impl Diff {
    /// True when the two indexes hold the same records and responsibilities.
    pub fn is_empty(&self) -> bool {
        self == &Diff::default()
    }
}

/// Records of one kind added, removed and changed, by id, sorted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RecordChanges {
    /// Ids only the new index has.
    pub added: Vec<String>,
    /// Ids only the old index has.
    pub removed: Vec<String>,
    /// Ids both have, with different contents.
    pub changed: Vec<ChangedRecord>,
}

impl RecordChanges {
    /// True when nothing was added, removed or changed.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

/// A record whose contents changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChangedRecord {
    /// The record's id.
    pub id: String,
    /// The fields that differ, by their catalog names; nested fields with a
    /// dot (`address.street`, `text.full`).
    pub fields: Vec<String>,
}

/// Responsibilities added and removed, sorted. A responsibility has no
/// contents besides its key, so it is never "changed": pointing it at
/// another authority removes one and adds another.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ResponsibilityChanges {
    /// Only in the new index.
    pub added: Vec<ResponsibilityKey>,
    /// Only in the old index.
    pub removed: Vec<ResponsibilityKey>,
}

/// One stored responsibility: in `region`, `target` (of `kind`) has `role`
/// for `service`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct ResponsibilityKey {
    /// Service id.
    pub service: String,
    /// The region key it is assigned at.
    pub region: Ars,
    /// Authority, online service or form.
    pub kind: TargetKind,
    /// The target's role.
    pub role: Role,
    /// The target's id.
    pub target: String,
}

/// A municipality where a service lost its responsible authority of a role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LostAuthority {
    /// Service id.
    pub service: String,
    /// The role nobody holds there any more.
    pub role: Role,
    /// The municipality.
    pub region: Place,
}

/// A municipality by key and name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Place {
    /// Its ARS.
    pub ars: Ars,
    /// Its official name.
    pub name: String,
}

impl From<&RegionEntry> for Place {
    fn from(region: &RegionEntry) -> Self {
        Place {
            ars: region.ars,
            name: region.name.clone(),
        }
    }
}

/// Compares two indexes: records by id with the fields that differ,
/// responsibilities by (service, region, kind, role, target), and the
/// municipalities of the old index that lost their responsible authority
/// of a role for a service both indexes have (a removed service is listed
/// as removed, not once per municipality).
pub fn diff(old: &Index, new: &Index) -> Diff {
    Diff {
        services: compare(old.services().iter(), new.services().iter(), |s| &s.id),
        authorities: compare(old.authorities(), new.authorities(), |a| &a.id),
        online_services: compare(old.online_services(), new.online_services(), |o| &o.id),
        forms: compare(old.forms(), new.forms(), |f| &f.id),
        responsibilities: compare_responsibilities(old, new),
        lost: lost_authorities(old, new),
    }
}

/// Records of one kind compared by id; of duplicate ids the first counts,
/// as in the index.
fn compare<'a, T: Serialize + PartialEq + 'a>(
    old: impl Iterator<Item = &'a T>,
    new: impl Iterator<Item = &'a T>,
    id: impl Fn(&T) -> &String,
) -> RecordChanges {
    let by_id = |records: &mut dyn Iterator<Item = &'a T>| {
        let mut map: BTreeMap<&'a String, &'a T> = BTreeMap::new();
        for record in records {
            map.entry(id(record)).or_insert(record);
        }
        map
    };
    let (old, new) = (by_id(&mut { old }), by_id(&mut { new }));
    let mut changes = RecordChanges::default();
    for (&key, &record) in &new {
        match old.get(key) {
            None => changes.added.push(key.clone()),
            Some(&before) if before != record => changes.changed.push(ChangedRecord {
                id: key.clone(),
                fields: changed_fields(before, record),
            }),
            Some(_) => {}
        }
    }
    changes.removed = old
        .keys()
        .filter(|key| !new.contains_key(*key))
        .map(|key| (*key).clone())
        .collect();
    changes
}

/// The names of the fields in which two records differ, as the JSON
/// catalog spells them (nested objects with a dot).
fn changed_fields<T: Serialize>(old: &T, new: &T) -> Vec<String> {
    let (Ok(old), Ok(new)) = (serde_json::to_value(old), serde_json::to_value(new)) else {
        return Vec::new();
    };
    let mut fields = Vec::new();
    collect_changed("", &old, &new, &mut fields);
    fields
}

fn collect_changed(
    path: &str,
    old: &serde_json::Value,
    new: &serde_json::Value,
    out: &mut Vec<String>,
) {
    use serde_json::Value;
    if old == new {
        return;
    }
    match (old, new) {
        (Value::Object(old), Value::Object(new)) => {
            // Catalog order reads better than A–Z: the old record's keys first.
            let mut ordered: Vec<&String> = old.keys().collect();
            ordered.extend(new.keys().filter(|k| !old.contains_key(*k)));
            for key in ordered {
                let nested = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                let missing = Value::Null;
                collect_changed(
                    &nested,
                    old.get(key).unwrap_or(&missing),
                    new.get(key).unwrap_or(&missing),
                    out,
                );
            }
        }
        // An address set or removed is one change, not one per line.
        _ => out.push(path.to_string()),
    }
}

/// Every stored responsibility of `index` by its key.
fn responsibility_keys(index: &Index) -> BTreeSet<ResponsibilityKey> {
    let mut keys = BTreeSet::new();
    for (number, service) in index.services().iter().enumerate() {
        for assignment in index.assignments_of(number) {
            let Some(region) = Ars::from_number(assignment.region) else {
                continue;
            };
            for target in assignment.targets() {
                if let Some(target) = index.target_id(assignment.kind, target) {
                    keys.insert(ResponsibilityKey {
                        service: service.id.clone(),
                        region,
                        kind: assignment.kind,
                        role: assignment.role,
                        target: target.to_string(),
                    });
                }
            }
        }
    }
    keys
}

fn compare_responsibilities(old: &Index, new: &Index) -> ResponsibilityChanges {
    let (old, new) = (responsibility_keys(old), responsibility_keys(new));
    ResponsibilityChanges {
        added: new.difference(&old).cloned().collect(),
        removed: old.difference(&new).cloned().collect(),
    }
}

/// The places a citizen lives in: every Gemeinde, and every Kreis no other
/// region of the index lies in (a kreisfreie Stadt the catalog keeps at
/// Kreis level), sorted by ARS.
pub fn municipalities(index: &Index) -> Vec<&RegionEntry> {
    let enclosing: HashSet<Ars> = index
        .regions()
        .iter()
        .flat_map(|region| region.ars.chain().skip(1))
        .collect();
    index
        .regions()
        .iter()
        .filter(|region| match region.level {
            RegionLevel::Gemeinde => true,
            RegionLevel::Kreis => !enclosing.contains(&region.ars),
            _ => false,
        })
        .collect()
}

/// For one service: the region keys (as numbers) with an authority of each
/// role, in [`Role::ALL`] order.
fn authority_keys(index: &Index, service: usize) -> [HashSet<u64>; Role::ALL.len()] {
    let mut keys: [HashSet<u64>; Role::ALL.len()] = Default::default();
    for assignment in index.assignments_of(service) {
        // As `responsible` resolves: an assignment counts when a target it
        // names is in the index.
        let resolves = assignment.kind == TargetKind::Authority
            && assignment
                .targets()
                .any(|t| index.target_id(TargetKind::Authority, t).is_some());
        if resolves {
            if let Some(slot) = Role::ALL.iter().position(|&r| r == assignment.role) {
                keys[slot].insert(assignment.region);
            }
        }
    }
    keys
}

/// True when some key on `place`'s chain is in `keys`: then the
/// most-specific-region rule finds an authority there.
fn covered(keys: &HashSet<u64>, place: Ars) -> bool {
    !keys.is_empty() && place.chain().any(|key| keys.contains(&key.as_number()))
}

fn lost_authorities(old: &Index, new: &Index) -> Vec<LostAuthority> {
    let places = municipalities(old);
    let new_numbers: HashMap<&str, usize> = new
        .services()
        .iter()
        .enumerate()
        .rev() // the first of duplicate ids wins, as in the index
        .map(|(n, s)| (s.id.as_str(), n))
        .collect();
    let mut seen = HashSet::new();
    let mut lost = Vec::new();
    for (old_number, service) in old.services().iter().enumerate() {
        let Some(&new_number) = new_numbers.get(service.id.as_str()) else {
            continue;
        };
        if !seen.insert(service.id.as_str()) {
            continue;
        }
        let before = authority_keys(old, old_number);
        let after = authority_keys(new, new_number);
        for (slot, role) in Role::ALL.iter().enumerate() {
            if before[slot] == after[slot] {
                continue;
            }
            for place in &places {
                if covered(&before[slot], place.ars) && !covered(&after[slot], place.ars) {
                    lost.push(LostAuthority {
                        service: service.id.clone(),
                        role: *role,
                        region: Place::from(*place),
                    });
                }
            }
        }
    }
    lost
}

/// Where no authority is responsible, for every service of an index.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Coverage {
    /// How many municipalities the index has (see [`municipalities`]).
    pub municipalities: usize,
    /// One entry per service and counted role, in catalog order, zuständige
    /// Stelle first; also those without holes, so that a table can show
    /// every service.
    pub services: Vec<ServiceCoverage>,
}

impl Coverage {
    /// How many (service, role, municipality) holes there are.
    pub fn holes(&self) -> usize {
        self.services.iter().map(|s| s.uncovered.len()).sum()
    }
}

/// The municipalities where no authority of `role` is responsible for a service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ServiceCoverage {
    /// Service id.
    pub service: String,
    /// Service name.
    pub name: String,
    /// The role looked for.
    pub role: Role,
    /// The municipalities without one, by ARS.
    pub uncovered: Vec<Place>,
}

/// For each service, the municipalities where no authority of a role is
/// responsible.
///
/// Which roles count: the zuständige Stelle always — every service needs
/// one everywhere; the Ansprechpunkt only for services that have one
/// somewhere, since most services have none and need none, while one that
/// exists for some places but not others is a likely hole.
pub fn coverage(index: &Index) -> Coverage {
    let places = municipalities(index);
    let mut seen = HashSet::new();
    let mut services = Vec::new();
    for (number, service) in index.services().iter().enumerate() {
        if !seen.insert(service.id.as_str()) {
            continue;
        }
        let keys = authority_keys(index, number);
        for (slot, role) in Role::ALL.iter().enumerate() {
            if *role != Role::ZustaendigeStelle && keys[slot].is_empty() {
                continue;
            }
            services.push(service_coverage(service, *role, &keys[slot], &places));
        }
    }
    Coverage {
        municipalities: places.len(),
        services,
    }
}

fn service_coverage(
    service: &Service,
    role: Role,
    keys: &HashSet<u64>,
    places: &[&RegionEntry],
) -> ServiceCoverage {
    ServiceCoverage {
        service: service.id.clone(),
        name: service.name.clone(),
        role,
        uncovered: places
            .iter()
            .filter(|place| !covered(keys, place.ars))
            .map(|place| Place::from(*place))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::build::IndexBuilder;
    use crate::model::records::Catalog;

    const REGIONS: &str = r#""regions": [
        {"ars": "160000000000", "name": "Thüringen", "level": "land"},
        {"ars": "160510000000", "name": "Erfurt, Stadt", "level": "kreis", "parent": "160000000000"},
        {"ars": "160700000000", "name": "Ilm-Kreis", "level": "kreis", "parent": "160000000000"},
        {"ars": "160705009000", "name": "VG Riechheimer Berg", "level": "verband", "parent": "160700000000"},
        {"ars": "160705009001", "name": "Alkersleben", "level": "gemeinde", "parent": "160705009000"},
        {"ars": "160700004004", "name": "Arnstadt, Stadt", "level": "gemeinde", "parent": "160700000000"}]"#;

    fn index(rest: &str) -> Index {
        let json = format!("{{ {REGIONS}, {rest} }}");
        let catalog: Catalog = serde_json::from_str(&json).unwrap();
        Index::from_bytes(&IndexBuilder::new(&catalog).build().unwrap().bytes).unwrap()
    }

    const BASE: &str = r#"
        "services": [{"id": "hund", "name": "Hundesteuer"}, {"id": "pass", "name": "Reisepass"}],
        "authorities": [
            {"id": "vg", "name": "VG", "address": {"street": "Markt", "city": "Alkersleben"}},
            {"id": "erfurt", "name": "Stadt Erfurt"},
            {"id": "lra", "name": "Landratsamt"}],
        "responsibilities": [
            {"service": "hund", "region": "160705009000", "target": {"type": "authority", "id": "vg"}},
            {"service": "hund", "region": "160510000000", "target": {"type": "authority", "id": "erfurt"}},
            {"service": "pass", "region": "160700000000", "target": {"type": "authority", "id": "lra"}},
            {"service": "pass", "region": "160510000000", "target": {"type": "authority", "id": "erfurt"}},
            {"service": "pass", "region": "160700000000", "target": {"type": "authority", "id": "lra"}, "role": "ansprechpunkt"}]"#;

    #[test]
    fn municipalities_are_gemeinden_and_kreise_without_regions_inside() {
        let index = index(BASE);
        let names: Vec<&str> = municipalities(&index)
            .iter()
            .map(|r| r.name.as_str())
            .collect();
        assert_eq!(names, ["Erfurt, Stadt", "Arnstadt, Stadt", "Alkersleben"]);
    }

    #[test]
    fn an_index_compared_with_itself_has_no_changes() {
        let index = index(BASE);
        assert!(diff(&index, &index).is_empty());
    }

    #[test]
    fn changes_are_listed_by_id_with_the_fields() {
        let old = index(BASE);
        let new = index(
            &BASE
                .replace(r#""street": "Markt""#, r#""street": "Markt 1""#)
                .replace(r#""name": "Reisepass"}"#, r#""name": "Reisepass", "popularity": 90}, {"id": "neu", "name": "Neu"}"#)
                .replace(
                    r#"{"service": "hund", "region": "160705009000", "target": {"type": "authority", "id": "vg"}},"#,
                    r#"{"service": "hund", "region": "160705009000", "target": {"type": "authority", "id": "vg"}, "role": "ansprechpunkt"},"#,
                ),
        );
        let changes = diff(&old, &new);
        assert_eq!(changes.services.added, ["neu"]);
        assert!(changes.services.removed.is_empty());
        assert_eq!(changes.services.changed.len(), 1);
        assert_eq!(changes.services.changed[0].id, "pass");
        assert_eq!(changes.services.changed[0].fields, ["popularity"]);
        assert_eq!(changes.authorities.changed[0].id, "vg");
        assert_eq!(changes.authorities.changed[0].fields, ["address.street"]);
        let key = |role| ResponsibilityKey {
            service: "hund".into(),
            region: "160705009000".parse().unwrap(),
            kind: TargetKind::Authority,
            role,
            target: "vg".into(),
        };
        assert_eq!(changes.responsibilities.added, [key(Role::Ansprechpunkt)]);
        assert_eq!(
            changes.responsibilities.removed,
            [key(Role::ZustaendigeStelle)]
        );
        // Alkersleben keeps its VG, but only as Ansprechpunkt now.
        assert_eq!(
            changes.lost,
            [LostAuthority {
                service: "hund".into(),
                role: Role::ZustaendigeStelle,
                region: Place {
                    ars: "160705009001".parse().unwrap(),
                    name: "Alkersleben".into()
                }
            }]
        );
    }

    #[test]
    fn changed_fields_name_nested_fields_and_whole_values_set_or_cleared() {
        use crate::model::records::{Address, Authority};
        let old = Authority {
            id: "a".into(),
            name: "Amt".into(),
            address: Some(Address {
                street: Some("Markt".into()),
                ..Default::default()
            }),
            ..Default::default()
        };
        let mut moved = old.clone();
        moved.address = Some(Address {
            street: Some("Markt".into()),
            plz: Some("99310".into()),
            ..Default::default()
        });
        moved.contact.phone = vec!["03628 1".into()];
        assert_eq!(
            changed_fields(&old, &moved),
            ["address.plz", "contact.phone"]
        );
        let cleared = Authority {
            address: None,
            ..old.clone()
        };
        assert_eq!(changed_fields(&old, &cleared), ["address"]);
        assert!(changed_fields(&old, &old).is_empty());
    }

    #[test]
    fn a_more_general_responsibility_keeps_municipalities_covered() {
        let old = index(BASE);
        let new = index(&BASE.replace(
            r#"{"service": "hund", "region": "160705009000", "target": {"type": "authority", "id": "vg"}},"#,
            r#"{"service": "hund", "region": "160000000000", "target": {"type": "authority", "id": "erfurt"}},"#,
        ));
        let changes = diff(&old, &new);
        assert_eq!(changes.responsibilities.added.len(), 1);
        assert_eq!(changes.responsibilities.removed.len(), 1);
        assert!(changes.lost.is_empty(), "{:?}", changes.lost);
    }

    #[test]
    fn coverage_lists_holes_per_service_and_counted_role() {
        let report = coverage(&index(BASE));
        assert_eq!(report.municipalities, 3);
        let rows: Vec<(&str, Role, Vec<&str>)> = report
            .services
            .iter()
            .map(|s| {
                let names = s.uncovered.iter().map(|p| p.name.as_str()).collect();
                (s.service.as_str(), s.role, names)
            })
            .collect();
        assert_eq!(
            rows,
            [
                // Arnstadt has no VG and the Kreis has no Hundesteuer office.
                ("hund", Role::ZustaendigeStelle, vec!["Arnstadt, Stadt"]),
                ("pass", Role::ZustaendigeStelle, vec![]),
                // Erfurt has a zuständige Stelle but no Ansprechpunkt.
                ("pass", Role::Ansprechpunkt, vec!["Erfurt, Stadt"]),
            ]
        );
        assert_eq!(report.holes(), 2);
    }

    #[test]
    fn a_service_without_responsibilities_is_uncovered_everywhere() {
        let report = coverage(&index(r#""services": [{"id": "s", "name": "S"}]"#));
        assert_eq!(report.services.len(), 1);
        assert_eq!(report.services[0].uncovered.len(), 3);
    }
}
