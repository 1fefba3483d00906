//! The citizen's place: a region of the index as the finder keeps it and the
//! headless API's `locate` hands it out, and what typing a postcode or a
//! name as one's place leads to.
//!
//! The lookup itself is the core's ([`zufi::Index::locate`]); this module
//! only decides how many places to offer and when a postcode chooses its
//! place outright.

use serde::Serialize;
use zufi::{Ars, Index, Plz, RegionEntry, RegionLevel};

/// A chosen (or offered) place. As JSON (`locate`): `{ars, name, level, plz}`
/// with the key, the level's name and the postcodes as strings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Place {
    pub ars: Ars,
    pub name: String,
    /// Serialised as `bund`, `land`, `bezirk`, `kreis`, `verband` or `gemeinde`.
    pub level: RegionLevel,
    pub plz: Vec<Plz>,
}

impl From<&RegionEntry> for Place {
    fn from(region: &RegionEntry) -> Place {
        Place {
            ars: region.ars,
            name: region.name.clone(),
            level: region.level,
            plz: region.plz.clone(),
        }
    }
}

impl Place {
    /// The place with key `ars`, if the index lists the region.
    pub fn of(index: &Index, ars: Ars) -> Option<Place> {
        index.region(&ars).map(Place::from)
    }

    /// A key the catalog has no region record for: it still resolves
    /// responsibilities, and the key itself stands in for the name.
    pub fn unlisted(ars: Ars) -> Place {
        Place {
            ars,
            name: ars.to_string(),
            level: ars.level(),
            plz: Vec::new(),
        }
    }
}

/// Most places offered for a name.
pub const MAX_CHOICES: usize = 12;

/// What typing `input` as one's place leads to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    /// A postcode of exactly one place: that place.
    Chosen(Place),
    /// Places to choose from: all of a postcode's, or the first
    /// [`MAX_CHOICES`] whose name begins so; none for input not worth
    /// looking up (see [`worth_looking_up`]).
    Choices(Vec<Place>),
}

/// True for a postcode or a name of at least two characters. Digits still
/// being typed, or a single letter, would list half the country.
pub fn worth_looking_up(input: &str) -> bool {
    let input = input.trim();
    Plz::is_plz(input) || (input.chars().count() >= 2 && !input.chars().all(|c| c.is_ascii_digit()))
}

/// The places for a postcode or the beginning of a name.
pub fn lookup(index: &Index, input: &str) -> Lookup {
    if !worth_looking_up(input) {
        return Lookup::Choices(Vec::new());
    }
    let postcode = Plz::is_plz(input.trim());
    let most = if postcode { usize::MAX } else { MAX_CHOICES };
    let mut places: Vec<Place> = index
        .locate(input)
        .into_iter()
        .take(most)
        .map(Place::from)
        .collect();
    if postcode && places.len() == 1 {
        return Lookup::Chosen(places.remove(0));
    }
    Lookup::Choices(places)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(lookup: Lookup) -> (bool, Vec<String>) {
        match lookup {
            Lookup::Chosen(place) => (true, vec![place.name]),
            Lookup::Choices(places) => (false, places.into_iter().map(|p| p.name).collect()),
        }
    }

    #[test]
    fn a_postcode_of_one_place_chooses_it() {
        let index = crate::api::tests::index();
        let cases: [(&str, bool, &[&str]); 8] = [
            ("99084", true, &["Erfurt"]),
            (" 99334 ", true, &["Ilm-Kreis"]),
            ("99310", false, &["Arnstadt", "Alkersleben"]),
            ("12345", false, &[]),
            ("993", false, &[]),
            ("e", false, &[]),
            ("erf", false, &["Erfurt"]),
            ("  ilm ", false, &["Ilm-Kreis"]),
        ];
        for (input, chosen, expected) in cases {
            assert_eq!(
                names(lookup(&index, input)),
                (chosen, expected.iter().map(|s| s.to_string()).collect()),
                "{input:?}"
            );
        }
    }

    #[test]
    fn places_keep_the_region_typed_and_serialise_as_the_contract_says() {
        let index = crate::api::tests::index();
        let ars: Ars = "160700004004".parse().expect("valid ARS");
        let arnstadt = Place::of(&index, ars).expect("listed");
        assert_eq!((arnstadt.ars, arnstadt.level), (ars, RegionLevel::Gemeinde));
        assert_eq!(
            serde_json::to_value(&arnstadt).expect("serialises"),
            serde_json::json!({
                "ars": "160700004004", "name": "Arnstadt", "level": "gemeinde", "plz": ["99310"]
            })
        );
        let unlisted: Ars = "160000000000".parse().expect("valid ARS");
        assert_eq!(Place::of(&index, unlisted), None);
        let place = Place::unlisted(unlisted);
        assert_eq!(
            (place.name.as_str(), place.level),
            ("160000000000", RegionLevel::Land)
        );
    }
}
