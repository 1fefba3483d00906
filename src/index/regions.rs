//! The index's region table and finding a citizen's place in it, by key,
//! postcode or name.

use crate::index::order::sort_by;
use crate::model::region::{Ars, Plz, RegionEntry};
use crate::text::normalize::fold;

/// Regions sorted by key.
#[derive(Debug, Clone, Default)]
pub(crate) struct RegionTable {
    regions: Vec<RegionEntry>,
}

impl RegionTable {
    /// The table of `regions`, which must be sorted by key (the builder
    /// writes them so; [`RegionTable::sorted`] checks).
    pub(crate) fn sorted(regions: Vec<RegionEntry>) -> Option<RegionTable> {
        regions
            .windows(2)
            .all(|pair| pair[0].ars <= pair[1].ars)
            .then_some(RegionTable { regions })
    }

    pub(crate) fn all(&self) -> &[RegionEntry] {
        &self.regions
    }

    /// The regions, sorted by key.
    pub(crate) fn into_entries(self) -> Vec<RegionEntry> {
        self.regions
    }

    /// The region with key `ars`.
    pub(crate) fn get(&self, ars: &Ars) -> Option<&RegionEntry> {
        self.regions
            .binary_search_by(|r| r.ars.cmp(ars))
            .ok()
            .map(|i| &self.regions[i])
    }

    /// The most specific regions whose postcodes include `plz`.
    pub(crate) fn for_plz(&self, plz: Plz) -> Vec<&RegionEntry> {
        let mut found: Vec<&RegionEntry> = self
            .regions
            .iter()
            .filter(|r| r.plz.contains(&plz))
            .collect();
        // Keep only regions none of whose descendants also carry the postcode:
        // drop every region on the key chain of another found region.
        let enclosing: Vec<Ars> = found.iter().flat_map(|r| r.ars.chain().skip(1)).collect();
        found.retain(|r| !enclosing.contains(&r.ars));
        found
    }

    /// Regions whose folded name starts with the folded `name`, most
    /// specific level first, then by name.
    pub(crate) fn named(&self, name: &str) -> Vec<&RegionEntry> {
        let wanted = fold(name);
        if wanted.is_empty() {
            return Vec::new();
        }
        let mut found: Vec<&RegionEntry> = self
            .regions
            .iter()
            .filter(|r| fold(&r.name).starts_with(&wanted))
            .collect();
        sort_by(&mut found, |a, b| {
            b.level.cmp(&a.level).then_with(|| a.name.cmp(&b.name))
        });
        found
    }
}
