//! Regions: keys, levels and parents; and the message for a region key the
//! catalog does not list.

use std::collections::HashMap;

use crate::model::region::{Ars, Plz, RegionLevel};
use crate::validate::problem::Kind;
use crate::validate::validator::Validator;

impl<'a> Validator<'a> {
    pub(super) fn check_regions(&mut self) {
        for (i, region) in self.catalog.regions.iter().enumerate() {
            let well_formed = self.check_ars(Kind::Region, i, "ars", &region.ars);
            if let Some(&first) = self.regions.first.get(region.ars.as_str()) {
                self.check_duplicate(Kind::Region, i, "ars", &region.ars, first);
            }
            self.check_name(Kind::Region, i, &region.name);
            if well_formed {
                self.check_region_level(i);
            }
            if let Some(parent) = region.parent.as_deref() {
                self.check_region_parent(i, parent, well_formed);
            }
            for (j, plz) in region.plz.iter().enumerate() {
                self.check_plz(Kind::Region, i, &format!("plz[{j}]"), plz);
            }
            self.check_postcode_list(i);
        }
    }

    /// The schema's limits on a region's `plz`: sorted, without repeats.
    fn check_postcode_list(&mut self, i: usize) {
        let plz = &self.catalog.regions[i].plz;
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (j, code) in plz.iter().enumerate() {
            if let Some(first) = seen.insert(code.as_str(), j) {
                seen.insert(code.as_str(), first);
                self.error(
                    Kind::Region,
                    i,
                    format!("plz[{j}]"),
                    format!("{code:?} repeats plz[{first}]; list each postcode once"),
                );
            }
        }
        // Malformed postcodes are reported on their own; order only well-formed lists.
        if !plz.iter().all(|code| Plz::is_plz(code)) {
            return;
        }
        if let Some(j) = (1..plz.len()).find(|&j| plz[j] < plz[j - 1]) {
            self.error(
                Kind::Region,
                i,
                format!("plz[{j}]"),
                format!(
                    "{:?} comes after {:?}: the postcodes must be sorted; sort the list",
                    plz[j],
                    plz[j - 1]
                ),
            );
        }
    }

    fn check_region_level(&mut self, i: usize) {
        let region = &self.catalog.regions[i];
        let Ok(ars) = region.ars.parse::<Ars>() else {
            return;
        };
        let shape = ars.level();
        let declared = region.level;
        // A key with trailing zeros may stand for a more specific unit whose
        // own digits are zero (kreisfreie Stadt as Gemeinde, Berlin as Kreis);
        // a less specific level than the shape cannot fit, and only the
        // all-zero key is the Bund.
        let fits = if shape == RegionLevel::Bund || declared == RegionLevel::Bund {
            shape == declared
        } else {
            declared >= shape
        };
        if !fits {
            self.warning(
                Kind::Region,
                i,
                "level",
                format!(
                    "level {:?} contradicts the key {}, which has the shape of a {} key; set level to {:?} or correct the key",
                    declared.name(),
                    region.ars,
                    shape.name(),
                    shape.name()
                ),
            );
        }
    }

    fn check_region_parent(&mut self, i: usize, parent: &'a str, own_key_usable: bool) {
        let region = &self.catalog.regions[i];
        if parent.trim().is_empty() {
            self.error(
                Kind::Region,
                i,
                "parent",
                "the parent is empty; name the ARS of the enclosing region or remove `parent`"
                    .into(),
            );
            return;
        }
        if !self.check_ars(Kind::Region, i, "parent", parent) || !own_key_usable {
            return;
        }
        let Ok(ars) = region.ars.parse::<Ars>() else {
            return;
        };
        let enclosing: Vec<String> = ars.chain().skip(1).map(|a| a.to_string()).collect();
        if parent == region.ars {
            self.error(
                Kind::Region,
                i,
                "parent",
                format!(
                    "a region cannot be its own parent; name an enclosing key ({}) or remove `parent`",
                    enclosing.join(", ")
                ),
            );
        } else if !enclosing.iter().any(|e| e == parent) {
            let message = if enclosing.is_empty() {
                format!("{parent:?} cannot enclose the federal key; remove `parent`")
            } else {
                format!(
                    "{parent:?} does not enclose {}; its enclosing keys are {}",
                    region.ars,
                    enclosing.join(", ")
                )
            };
            self.error(Kind::Region, i, "parent", message);
        } else if !self.regions.contains(parent) {
            let message = self.unknown_region_message(parent);
            self.error(Kind::Region, i, "parent", message);
        }
    }

    /// The nearest region of the catalog enclosing `key`, for messages.
    fn nearest_enclosing(&self, key: &str) -> Option<String> {
        let ars: Ars = key.parse().ok()?;
        ars.chain().skip(1).find_map(|candidate| {
            let &i = self.regions.first.get(candidate.as_str())?;
            Some(format!(
                "{:?} ({})",
                candidate.as_str(),
                self.catalog.regions[i].name
            ))
        })
    }

    pub(super) fn unknown_region_message(&self, key: &str) -> String {
        let fix = match self.nearest_enclosing(key) {
            Some(region) => format!(
                "the nearest enclosing region in the catalog is {region}; use that key or add the region"
            ),
            None => "add the region or correct the key".to_string(),
        };
        format!("unknown region {key:?} (not in the catalog's region list); {fix}")
    }
}
