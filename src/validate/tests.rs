//! Whole-catalog tests of [`validate`]: every rule on a small clean
//! catalog, problem order, and naming records across files. Other test
//! modules of this folder share the clean catalog.

use crate::catalog::LoadedCatalog;
use crate::model::records::{
    Address, Authority, Catalog, CatalogMeta, Form, OnlineService, Region, Responsibility, Role,
    Service, Target, TargetKind, Topic,
};
use crate::model::region::RegionLevel;
use crate::validate::problem::{Problem, Severity};
use crate::validate::validate;

/// A small catalog that passes every check: a Thüringen region tree, a
/// topic tree, services routed to an authority, an online service and a
/// form, and a parent authority.
pub(super) fn clean() -> Catalog {
    serde_json::from_value(serde_json::json!({
        "regions": [
            {"ars": "160000000000", "name": "Thüringen", "level": "land"},
            {"ars": "160510000000", "name": "Erfurt, Stadt", "level": "kreis", "parent": "160000000000", "plz": ["99084"]},
            {"ars": "160700000000", "name": "Ilm-Kreis", "level": "kreis", "parent": "160000000000"},
            {"ars": "160705009000", "name": "VG Riechheimer Berg", "level": "verband", "parent": "160700000000"},
            {"ars": "160705009001", "name": "Alkersleben", "level": "gemeinde", "parent": "160705009000", "plz": ["99310"]}
        ],
        "topics": [
            {"id": "t1", "name": "Familie"},
            {"id": "t2", "name": "Geburt", "parent": "t1"}
        ],
        "services": [
            {"id": "s1", "name": "Personalausweis beantragen", "leika": ["99008001011001"], "topics": ["t2"],
             "valid": {"from": "2024-02-29", "to": "2030-12-31"}},
            {"id": "s2", "name": "Hund anmelden"}
        ],
        "authorities": [
            {"id": "a0", "name": "Landratsamt Ilm-Kreis"},
            {"id": "a1", "name": "VG Riechheimer Berg", "parent": "a0",
             "address": {"street": "Hauptstraße", "house_no": "1", "plz": "99310", "city": "Alkersleben", "ars": "160705009001"},
             "opening_hours": [{"days": "Mo-Fr", "from": "09:00", "to": "12:00"}, {"days": "Do", "from": "13:00", "to": "24:00"}]}
        ],
        "online_services": [
            {"id": "o1", "name": "Antrag online", "url": "HTTPS://service.example.de/antrag?x=1", "trust_level": "substantiell"}
        ],
        "forms": [
            {"id": "f1", "name": "Anmeldeformular", "url": "http://example.de/form.pdf", "format": "pdf"}
        ],
        "responsibilities": [
            {"id": "r1", "service": "s1", "region": "160705009000", "target": {"type": "authority", "id": "a1"}},
            {"id": "r2", "service": "s1", "region": "160000000000", "target": {"type": "online_service", "id": "o1"}},
            {"service": "s2", "region": "160510000000", "target": {"type": "form", "id": "f1"}},
            {"service": "s2", "region": "000000000000", "target": {"type": "authority", "id": "a1"}, "role": "ansprechpunkt"}
        ]
    }))
    .expect("the clean catalog matches the model")
}

type Expected = (Severity, &'static str, &'static str, &'static str);

pub(super) fn problems_of(catalog: Catalog) -> Vec<Problem> {
    validate(&LoadedCatalog::from_catalog(catalog, "catalog.json"))
}

fn assert_problems(case: &str, problems: &[Problem], expected: &[Expected]) {
    let shown = || {
        problems
            .iter()
            .map(|p| format!("  {p}"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(
        problems.len(),
        expected.len(),
        "{case}: expected {} problem(s), got:\n{}",
        expected.len(),
        shown()
    );
    for (problem, &(severity, record, field, fragment)) in problems.iter().zip(expected) {
        assert!(
            problem.severity == severity
                && problem.record == record
                && problem.field == field
                && problem.message.contains(fragment)
                && problem.file == "catalog.json",
            "{case}: expected {severity:?} {record} `{field}` containing {fragment:?}, got:\n{}",
            shown()
        );
    }
}

fn region(ars: &str, name: &str, level: RegionLevel, parent: Option<&str>) -> Region {
    Region {
        ars: ars.into(),
        name: name.into(),
        level,
        parent: parent.map(Into::into),
        plz: Vec::new(),
    }
}

fn topic(id: &str, name: &str) -> Topic {
    Topic {
        id: id.into(),
        name: name.into(),
        parent: None,
    }
}

fn address(c: &mut Catalog) -> &mut Address {
    c.authorities[1]
        .address
        .as_mut()
        .expect("a1 has an address in the clean catalog")
}

fn validity(c: &mut Catalog) -> &mut crate::model::records::Validity {
    c.services[0]
        .valid
        .as_mut()
        .expect("s1 has a validity in the clean catalog")
}

#[test]
fn the_clean_catalog_has_no_problems() {
    assert_problems("clean", &problems_of(clean()), &[]);
}

#[test]
fn each_rule_reports_the_record_field_and_fix() {
    use Severity::{Error as E, Warning as W};
    type Case = (&'static str, fn(&mut Catalog), &'static [Expected]);
    let cases: &[Case] = &[
        // ----- ids and names -----
        ("empty topic id", |c| c.topics.push(topic("", "Leer")),
         &[(E, "topic #3 (name \"Leer\")", "id", "the id is empty; give the topic a unique id")]),
        ("whitespace topic id", |c| c.topics.push(topic("   ", "")),
         &[(E, "topic #3", "id", "the id is only whitespace"),
           (E, "topic #3", "name", "the name is empty")]),
        ("padded topic id", |c| c.topics.push(topic(" t3", "Umzug")),
         &[(E, "topic \" t3\"", "id", "has leading or trailing whitespace; write it as \"t3\"")]),
        ("blank name", |c| c.topics[0].name = "  ".into(),
         &[(E, "topic \"t1\"", "name", "the name is only whitespace; every topic needs a display name")]),
        ("blank region name", |c| c.regions[0].name = String::new(),
         &[(E, "region \"160000000000\"", "name", "the name is empty")]),
        ("blank responsibility id", |c| c.responsibilities[0].id = Some(String::new()),
         &[(E, "responsibility #1 (service \"s1\", region \"160705009000\")", "id", "the id is empty")]),
        // ----- duplicates -----
        ("duplicate topic", |c| c.topics.push(topic("t1", "Nochmal")),
         &[(E, "topic \"t1\"", "id", "duplicate topic id \"t1\": another topic with this id is defined in catalog.json (the topic #1 there)")]),
        ("duplicate region", |c| c.regions.push(region("160510000000", "Erfurt", RegionLevel::Gemeinde, None)),
         &[(E, "region \"160510000000\"", "ars", "duplicate region key \"160510000000\": it is also defined in catalog.json (the region #2 there)")]),
        ("duplicate service", |c| {
            let copy = c.services[1].clone();
            c.services.push(copy);
         },
         &[(E, "service \"s2\"", "id", "(the service #2 there); ids must be unique")]),
        ("duplicate responsibility id", |c| {
            let mut copy = c.responsibilities[1].clone();
            copy.region = "160510000000".into();
            c.responsibilities.push(copy);
         },
         &[(E, "responsibility \"r2\"", "id", "duplicate responsibility id \"r2\"")]),
        ("duplicate responsibility", |c| {
            let mut copy = c.responsibilities[0].clone();
            copy.id = None;
            c.responsibilities.push(copy);
         },
         &[(W, "responsibility #5 (service \"s1\", region \"160705009000\")", "target.id",
            "duplicate responsibility: responsibility \"r1\" in catalog.json already assigns this service")]),
        ("same assignment with another role is no duplicate", |c| {
            let mut copy = c.responsibilities[0].clone();
            copy.id = Some("r9".into());
            copy.role = Role::Ansprechpunkt;
            c.responsibilities.push(copy);
         },
         &[]),
        // ----- keys -----
        ("short region key", |c| c.regions.push(region("16070500900", "Kurz", RegionLevel::Gemeinde, None)),
         &[(E, "region \"16070500900\"", "ars", "expected exactly 12 digits, found 11 character(s)")]),
        ("region plz", |c| c.regions[1].plz.push("9908".into()),
         &[(E, "region \"160510000000\"", "plz[1]", "\"9908\" is not a postcode (PLZ): expected exactly 5 digits")]),
        ("address plz", |c| address(c).plz = Some("99 310".into()),
         &[(E, "authority \"a1\"", "address.plz", "is not a postcode")]),
        ("address AGS instead of ARS", |c| address(c).ars = Some("16070001".into()),
         &[(E, "authority \"a1\"", "address.ars", "looks like an 8-digit AGS")]),
        ("padded responsibility region", |c| c.responsibilities[1].region = " 160000000000".into(),
         &[(E, "responsibility \"r2\"", "region", "remove the surrounding whitespace: \"160000000000\"")]),
        ("short LeiKa key", |c| c.services[0].leika.push("9900800101100".into()),
         &[(E, "service \"s1\"", "leika[1]", "\"9900800101100\" is not a LeiKa key: expected exactly 14 digits, found 13")]),
        ("LeiKa URN", |c| c.services[0].leika[0] = "urn:de:fim:leika:leistung:99008001011001".into(),
         &[(E, "service \"s1\"", "leika[0]", "write the bare key \"99008001011001\" without the URN prefix")]),
        // ----- region levels and parents -----
        ("gemeinde key labelled kreis", |c| c.regions[4].level = RegionLevel::Kreis,
         &[(W, "region \"160705009001\"", "level", "level \"kreis\" contradicts the key 160705009001, which has the shape of a gemeinde key; set level to \"gemeinde\"")]),
        ("kreisfreie Stadt as gemeinde fits", |c| c.regions[1].level = RegionLevel::Gemeinde, &[]),
        ("land key labelled bund", |c| c.regions[0].level = RegionLevel::Bund,
         &[(W, "region \"160000000000\"", "level", "has the shape of a land key")]),
        ("federal key labelled land", |c| c.regions.push(region("000000000000", "Deutschland", RegionLevel::Land, None)),
         &[(W, "region \"000000000000\"", "level", "has the shape of a bund key")]),
        ("parent that does not enclose", |c| c.regions[4].parent = Some("160510000000".into()),
         &[(E, "region \"160705009001\"", "parent", "\"160510000000\" does not enclose 160705009001; its enclosing keys are 160705009000, 160700000000, 160000000000, 000000000000")]),
        ("own parent", |c| c.regions[1].parent = Some("160510000000".into()),
         &[(E, "region \"160510000000\"", "parent", "a region cannot be its own parent")]),
        ("malformed parent", |c| c.regions[1].parent = Some("16".into()),
         &[(E, "region \"160510000000\"", "parent", "\"16\" is not a regional key (ARS)")]),
        ("parent missing from the catalog", |c| { c.regions.remove(2); },
         &[(E, "region \"160705009000\"", "parent",
            "unknown region \"160700000000\" (not in the catalog's region list); the nearest enclosing region in the catalog is \"160000000000\" (Thüringen)")]),
        // ----- references -----
        ("dangling authority", |c| c.responsibilities[0].target.id = "a11".into(),
         &[(E, "responsibility \"r1\"", "target.id", "unknown authority \"a11\" (no authority with this id); did you mean \"a1\"?")]),
        ("target of the wrong type", |c| c.responsibilities[0].target.id = "o1".into(),
         &[(E, "responsibility \"r1\"", "target.id", "unknown authority \"o1\" (no authority with this id); an online service has this id, so set target.type to \"online_service\"")]),
        ("dangling form without close id", |c| c.responsibilities[2].target.id = "formular-xyz".into(),
         &[(E, "responsibility #3 (service \"s2\", region \"160510000000\")", "target.id", "unknown form \"formular-xyz\" (no form with this id); correct the id or add the form"),
           (W, "form \"f1\"", "id", "no responsibility targets this form")],
        ),
        ("service differing in case", |c| c.responsibilities[1].service = "S1".into(),
         &[(E, "responsibility \"r2\"", "service", "unknown service \"S1\" (no service with this id); did you mean \"s1\"?")]),
        ("service with a typo", |c| {
            c.services[1].id = "L1000.LB.4711".into();
            c.responsibilities[2].service = "L1000.LB.4771".into();
            c.responsibilities[3].service = "L1000.LB.4711".into();
         },
         &[(E, "responsibility #3 (service \"L1000.LB.4771\", region \"160510000000\")", "service", "did you mean \"L1000.LB.4711\"?")]),
        ("empty service reference", |c| c.responsibilities[1].service = String::new(),
         &[(E, "responsibility \"r2\"", "service", "the service reference is empty")]),
        ("region outside the region list", |c| c.responsibilities[0].region = "160705009099".into(),
         &[(E, "responsibility \"r1\"", "region", "unknown region \"160705009099\" (not in the catalog's region list); the nearest enclosing region in the catalog is \"160705009000\" (VG Riechheimer Berg)")]),
        ("no region list: any well-formed key goes", |c| {
            c.regions.clear();
            c.responsibilities[0].region = "091620000000".into();
         },
         &[]),
        ("unknown topic", |c| c.services[0].topics.push("t9".into()),
         &[(E, "service \"s1\"", "topics[1]", "unknown topic \"t9\" (no topic with this id); did you mean \"t1\"?")]),
        ("unknown parent topic", |c| c.topics[1].parent = Some("Familie".into()),
         &[(E, "topic \"t2\"", "parent", "unknown topic \"Familie\"")]),
        ("unknown parent authority", |c| c.authorities[1].parent = Some("a9".into()),
         &[(E, "authority \"a1\"", "parent", "did you mean \"a0\"?"),
           (W, "authority \"a0\"", "id", "no responsibility targets this authority and no authority names it as parent")]),
        ("authority cycle", |c| c.authorities[0].parent = Some("a1".into()),
         &[(E, "authority \"a0\"", "parent", "the parent chain forms a cycle: \"a0\" → \"a1\" → \"a0\"; remove one of these parent links")]),
        ("topic names itself", |c| c.topics[0].parent = Some("t1".into()),
         &[(E, "topic \"t1\"", "parent", "\"t1\" names itself as parent")]),
        // ----- unreferenced records -----
        ("service without responsibility", |c| c.services.push(Service { id: "s3".into(), name: "Fischereischein".into(), ..Default::default() }),
         &[(W, "service \"s3\"", "id", "no responsibility names this service")]),
        ("unreferenced authority, online service, form", |c| {
            c.authorities.push(Authority { id: "a5".into(), name: "Bauamt".into(), ..Default::default() });
            c.online_services.push(OnlineService { id: "o2".into(), name: "x".into(), url: "https://x.de".into(), ..Default::default() });
            c.forms.push(Form { id: "f2".into(), name: "y".into(), url: "https://y.de".into(), ..Default::default() });
         },
         &[(W, "authority \"a5\"", "id", "no responsibility targets this authority"),
           (W, "online service \"o2\"", "id", "no responsibility targets this online service"),
           (W, "form \"f2\"", "id", "no responsibility targets this form")]),
        ("no responsibilities at all", |c| c.responsibilities.clear(),
         &[(W, "catalog", "responsibilities", "the catalog has 2 service(s) but no responsibilities")]),
        // ----- PVOG routing -----
        ("responsible authority without street", |c| address(c).street = None,
         &[(W, "authority \"a1\"", "address.street", "missing; PVOG routing needs street, PLZ and town")]),
        ("responsible authority with blank town", |c| address(c).city = Some(" ".into()),
         &[(W, "authority \"a1\"", "address.city", "missing; PVOG routing")]),
        ("responsible authority without address", |c| c.authorities[1].address = None,
         &[(W, "authority \"a1\"", "address", "no address; PVOG routing needs street, PLZ and town")]),
        ("parent authority needs no address", |c| c.authorities[0].address = None, &[]),
        // ----- URLs, dates, times -----
        ("online service without scheme", |c| c.online_services[0].url = "www.example.de".into(),
         &[(E, "online service \"o1\"", "url", "\"www.example.de\" is not a web address a link can point to: it does not start with https://")]),
        ("form on ftp", |c| c.forms[0].url = "ftp://example.de/f.pdf".into(),
         &[(E, "form \"f1\"", "url", "the scheme \"ftp\" is not allowed")]),
        ("form without URL", |c| c.forms[0].url = String::new(),
         &[(E, "form \"f1\"", "url", "the URL is empty")]),
        ("unknown trust level", |c| c.online_services[0].trust_level = Some("mittel".into()),
         &[(W, "online service \"o1\"", "trust_level", "unknown trust level \"mittel\"")]),
        ("impossible date", |c| validity(c).from = Some("2023-02-29".into()),
         &[(E, "service \"s1\"", "valid.from", "\"2023-02-29\" is not a date: expected YYYY-MM-DD")]),
        ("validity ends before it starts", |c| validity(c).to = Some("2020-01-01".into()),
         &[(E, "service \"s1\"", "valid.from", "the validity starts (2024-02-29) after it ends (2020-01-01)")]),
        ("time without leading zero", |c| c.authorities[1].opening_hours[0].from = Some("9:00".into()),
         &[(E, "authority \"a1\"", "opening_hours[0].from", "\"9:00\" is not a time: expected HH:MM")]),
        ("closing before opening", |c| c.authorities[1].opening_hours[1].to = Some("08:00".into()),
         &[(W, "authority \"a1\"", "opening_hours[1].to", "the office closes (08:00) before it opens (13:00)")]),
        // ----- the schema's limits -----
        ("popularity above 100", |c| c.services[0].popularity = Some(150),
         &[(E, "service \"s1\"", "popularity", "150 is out of range: popularity is a whole number from 0 to 100")]),
        ("popularity 0 and 100", |c| {
            c.services[0].popularity = Some(100);
            c.services[1].popularity = Some(0);
         },
         &[]),
        ("updated in words", |c| c.services[0].updated = Some("gestern".into()),
         &[(E, "service \"s1\"", "updated", "\"gestern\" is not an ISO 8601 date or time")]),
        ("updated as a date or a date and time", |c| {
            c.services[0].updated = Some("2024-01-31".into());
            c.services[1].updated = Some("2024-01-31T09:30:00+01:00".into());
         },
         &[]),
        ("repeated postcode", |c| c.regions[1].plz.push("99084".into()),
         &[(E, "region \"160510000000\"", "plz[1]", "\"99084\" repeats plz[0]; list each postcode once")]),
        ("unsorted postcodes", |c| c.regions[1].plz.insert(0, "99085".into()),
         &[(E, "region \"160510000000\"", "plz[1]", "\"99084\" comes after \"99085\": the postcodes must be sorted")]),
        ("e-mail address without domain", |c| c.authorities[1].contact.email = vec!["buergerbuero@alkersleben.de".into(), "info@".into()],
         &[(E, "authority \"a1\"", "contact.email[1]", "\"info@\" is not an e-mail address: expected name@domain")]),
        ("e-mail address without @", |c| c.authorities[0].contact.email = vec!["www.ilm-kreis.de".into()],
         &[(E, "authority \"a0\"", "contact.email[0]", "is not an e-mail address")]),
        ("ARS list date in German notation", |c| c.meta = Some(CatalogMeta { name: "Test".into(), ars_list: Some("31.07.2021".into()), ..Default::default() }),
         &[(E, "meta", "ars_list", "\"31.07.2021\" is not a date: expected YYYY-MM-DD")]),
    ];
    for (case, mutate, expected) in cases {
        let mut catalog = clean();
        mutate(&mut catalog);
        assert_problems(case, &problems_of(catalog), expected);
    }
}

#[test]
fn errors_come_first_then_warnings_each_in_catalog_order() {
    let mut c = clean();
    c.regions[4].level = RegionLevel::Kreis; // warning, first record kind
    c.services.push(Service {
        id: "s3".into(),
        name: "x".into(),
        ..Default::default()
    }); // warning
    c.responsibilities[0].target.id = "zz-nowhere".into(); // error, last kind
    c.topics[0].name = String::new(); // error
    let problems = problems_of(c);
    let order: Vec<(Severity, &str)> = problems
        .iter()
        .map(|p| (p.severity, p.record.as_str()))
        .collect();
    assert_eq!(
        order,
        [
            (Severity::Error, "topic \"t1\""),
            (Severity::Error, "responsibility \"r1\""),
            (Severity::Warning, "region \"160705009001\""),
            (Severity::Warning, "service \"s3\""),
        ]
    );
}

#[test]
fn duplicates_across_files_name_both_files() {
    let mut first = clean();
    first.responsibilities.clear();
    let second = Catalog {
        services: vec![first.services[0].clone()],
        responsibilities: vec![Responsibility {
            id: None,
            service: "s1".into(),
            region: "160000000000".into(),
            target: Target {
                kind: TargetKind::Authority,
                id: "a1".into(),
            },
            role: Role::ZustaendigeStelle,
        }],
        ..Default::default()
    };
    let mut loaded = LoadedCatalog::from_catalog(first, "base.json");
    loaded.append(second, "extra/more.json");
    let problems = validate(&loaded);
    let errors: Vec<&Problem> = problems.iter().filter(|p| p.is_error()).collect();
    assert_eq!(errors.len(), 1, "{problems:#?}");
    assert_eq!(errors[0].file, "extra/more.json");
    assert_eq!(errors[0].record, "service \"s1\"");
    assert!(
        errors[0]
            .message
            .contains("defined in base.json (the service #1 there)"),
        "{}",
        errors[0]
    );
    // Records without ids are numbered within their own file.
    let unused_o1 = problems
        .iter()
        .find(|p| p.record.starts_with("online service"))
        .expect("o1 is no longer targeted");
    assert_eq!(unused_o1.file, "base.json");
}

#[test]
fn records_without_ids_are_numbered_within_their_file() {
    let mut loaded = LoadedCatalog::from_catalog(clean(), "a.json");
    let mut extra = Catalog::default();
    extra.responsibilities.push(Responsibility {
        id: None,
        service: "nope".into(),
        region: "160000000000".into(),
        target: Target {
            kind: TargetKind::Form,
            id: "f1".into(),
        },
        role: Role::ZustaendigeStelle,
    });
    loaded.append(extra, "b.json");
    let problems = validate(&loaded);
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert_eq!(problems[0].file, "b.json");
    assert_eq!(
        problems[0].record,
        "responsibility #1 (service \"nope\", region \"160000000000\")"
    );
}

#[test]
fn mismatched_source_lists_do_not_panic() {
    let mut loaded = LoadedCatalog::from_catalog(clean(), "a.json");
    loaded.service_sources.clear();
    loaded.catalog.services[0].name = String::new();
    let problems = validate(&loaded);
    assert_eq!(problems[0].file, "(unknown file)");
    assert_eq!(problems[0].record, "service \"s1\"");
}
