//! The committed demo catalogs load through the real loader and hold what
//! `index/README.md` promises.

use std::collections::HashSet;
use std::path::Path;

use zufi::catalog::{load, LoadedCatalog};
use zufi::RegionLevel;

fn catalog(name: &str) -> LoadedCatalog {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("index")
        .join(name);
    load(&path).unwrap_or_else(|e| panic!("index/{name} does not load: {e}"))
}

/// The catalog passes validation without errors: every reference resolves,
/// no id repeats, every key and postcode is well-formed.
fn assert_valid(loaded: &LoadedCatalog) {
    let errors: Vec<String> = zufi::validate::validate(loaded)
        .iter()
        .filter(|p| p.is_error())
        .map(ToString::to_string)
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[test]
fn berlin_dldb_catalog() {
    let loaded = catalog("berlin");
    let c = &loaded.catalog;
    assert!(c
        .meta
        .as_ref()
        .is_some_and(|m| m.demo && !m.attribution.is_empty()));
    assert_eq!(c.services.len(), 560);
    let named = |id: &str| {
        c.services
            .iter()
            .find(|s| s.id == id)
            .map(|s| s.name.as_str())
    };
    assert_eq!(named("120703"), Some("Personalausweis beantragen"));
    assert_eq!(named("325333"), Some("Gewerbesteuer - Festsetzung"));
    assert_eq!(named("325625"), Some("Gebäudevermessung"));

    let to_locations = c
        .responsibilities
        .iter()
        .filter(|r| !r.target.id.starts_with("behoerde-"))
        .count();
    assert_eq!(
        to_locations, 5_337,
        "one responsibility per service–location link"
    );
    assert!(c
        .responsibilities
        .iter()
        .all(|r| r.region == "110000000000"));

    assert_eq!(c.regions.len(), 1);
    assert_eq!(c.regions[0].level, RegionLevel::Land);
    assert!(c.regions[0].plz.len() > 150, "Berlin has its postcodes");
    assert_valid(&loaded);
}

#[test]
fn thueringen_demo_catalog() {
    let loaded = catalog("thueringen");
    let c = &loaded.catalog;
    assert!(c.meta.as_ref().is_some_and(|m| m.demo));
    assert!(c.services.len() >= 60, "{} services", c.services.len());

    // Municipalities are the regions no other region names as its parent.
    let parents: HashSet<&str> = c
        .regions
        .iter()
        .filter_map(|r| r.parent.as_deref())
        .collect();
    let municipalities = c
        .regions
        .iter()
        .filter(|r| !parents.contains(r.ars.as_str()))
        .count();
    assert_eq!(municipalities, 631);
    let count = |level| c.regions.iter().filter(|r| r.level == level).count();
    assert_eq!(count(RegionLevel::Land), 1);
    assert_eq!(
        count(RegionLevel::Kreis),
        22,
        "17 Landkreise and 5 kreisfreie Städte"
    );
    assert!(count(RegionLevel::Verband) > 0);
    assert!(c
        .regions
        .iter()
        .all(|r| !r.name.starts_with("Gemeindeverband ")));

    // The demo exercises every level of the most-specific-region rule.
    let regions_of_level = |level: RegionLevel| -> HashSet<&str> {
        c.regions
            .iter()
            .filter(|r| r.level == level)
            .map(|r| r.ars.as_str())
            .collect()
    };
    for level in [
        RegionLevel::Gemeinde,
        RegionLevel::Verband,
        RegionLevel::Kreis,
        RegionLevel::Land,
    ] {
        let keys = regions_of_level(level);
        assert!(
            c.responsibilities
                .iter()
                .any(|r| keys.contains(r.region.as_str())),
            "no responsibility on a {level:?} region"
        );
    }
    // Eisenach overrides the Wartburgkreis for vehicle registration.
    let zulassung = |region: &str| {
        c.responsibilities
            .iter()
            .any(|r| r.service == "th-kfz-zulassung" && r.region == region)
    };
    assert!(zulassung("160630105105") && zulassung("160630000000"));
    assert_valid(&loaded);
}
