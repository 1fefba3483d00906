//! `leistung` → a [`Service`] and the topics of its `kategorie` entries.
//!
//! Text modules are keyed by their LeiKa code (`leikaTextmodul`): `02`/`03`
//! give the name, the others fill the service texts; several modules of
//! one code are joined, and links of a module follow its text.

use crate::catalog::xzufi::fields::{one_line, pick_language, required_id};
use crate::catalog::xzufi::tree::{Element, Source};
use crate::error::Result;
use crate::model::date::is_date;
use crate::model::records::{Service, ServiceText, Topic, Validity};

pub(super) fn leistung(element: &Element, source: &Source) -> Result<(Service, Vec<Topic>)> {
    let id = required_id("leistung", element, source)?;
    let label = format!("leistung {id:?}");

    // Text modules by LeiKa code; several entries of one code are joined.
    let mut modules: Vec<(String, String)> = Vec::new();
    let mut name_modules: Vec<(String, String)> = Vec::new();
    for module in element.children_named("modulText") {
        let Some(code) = module.child("leikaTextmodul").and_then(Element::code) else {
            continue;
        };
        let inhalt = pick_language(module.children_named("inhalt"));
        let mut text = inhalt.and_then(Element::plain_text).unwrap_or_default();
        if code == "02" || code == "03" {
            if !text.is_empty() {
                name_modules.push((code, one_line(&text)));
            }
            continue;
        }
        let links: Vec<String> = module
            .children_named("weiterfuehrenderLink")
            .filter_map(|link| {
                let uri = link.child("uri").and_then(Element::value)?;
                Some(match link.child("titel").and_then(Element::value) {
                    Some(title) => format!("{title}: {uri}"),
                    None => uri,
                })
            })
            .collect();
        if !links.is_empty() {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            text.push_str(&links.join("\n"));
        }
        if text.is_empty() {
            continue;
        }
        match modules.iter_mut().find(|(c, _)| *c == code) {
            Some((_, existing)) => {
                existing.push_str("\n\n");
                existing.push_str(&text);
            }
            None => modules.push((code, text)),
        }
    }
    let module = |code: &str| {
        modules
            .iter()
            .find(|(c, _)| c == code)
            .map(|(_, text)| text.clone())
    };
    let name = ["03", "02"]
        .iter()
        .find_map(|code| name_modules.iter().find(|(c, _)| c == code))
        .map(|(_, name)| name.clone())
        .ok_or_else(|| {
            source.record(
                &label,
                "modulText",
                "the leistung has no name: no modulText with leikaTextmodul 03 or 02",
            )
        })?;

    let leika = element
        .children_named("referenzLeiKa")
        .filter_map(Element::code)
        .map(|code| {
            code.strip_prefix("urn:de:fim:leika:leistung:")
                .map(str::to_string)
                .unwrap_or(code)
        })
        .collect();
    let typisierung = element
        .children_named("typisierung")
        .filter_map(Element::code)
        .collect();

    let mut synonyms: Vec<String> = Vec::new();
    for term in element
        .children_named("modulBegriffImKontext")
        .flat_map(|m| m.children_named("begriffImKontext"))
    {
        let Some(begriff) = pick_language(term.children_named("begriff")) else {
            continue;
        };
        let begriff = one_line(&begriff.text());
        if !begriff.is_empty()
            && !synonyms
                .iter()
                .any(|s| s.to_lowercase() == begriff.to_lowercase())
        {
            synonyms.push(begriff);
        }
    }

    let mut topics = Vec::new();
    for kategorie in element.children_named("kategorie") {
        let Some(topic_id) = kategorie.child("id").and_then(Element::value) else {
            continue;
        };
        let name = pick_language(kategorie.children_named("bezeichnung"))
            .and_then(Element::value)
            .map(|n| one_line(&n))
            .unwrap_or_else(|| topic_id.clone());
        let parent = kategorie
            .child("uebergeordneteKategorieID")
            .and_then(Element::value);
        topics.push(Topic {
            id: topic_id,
            name,
            parent,
        });
    }

    let valid = validity(element, source, &label)?;
    let updated = element
        .path(&["versionsinformation", "geaendertDatumZeit"])
        .and_then(Element::value);

    let service = Service {
        id,
        name,
        leika,
        typisierung,
        teaser: module("24"),
        text: ServiceText {
            short: module("05"),
            full: module("06"),
            legal_basis: module("07"),
            required_documents: module("08"),
            prerequisites: module("09"),
            procedure: module("11"),
            forms: module("14"),
            further_information: module("15"),
            notes: module("16"),
            appeal: module("25"),
        },
        costs: element.child("modulKosten").and_then(module_description),
        deadline: element.child("modulFrist").and_then(module_description),
        processing_time: element
            .child("modulBearbeitungsdauer")
            .and_then(module_description),
        synonyms,
        topics: topics.iter().map(|t| t.id.clone()).collect(),
        valid,
        updated,
        // XZuFi has no popularity; editors set it in the JSON catalog.
        popularity: None,
    };
    Ok((service, topics))
}

/// The text of `modulKosten`, `modulFrist` or `modulBearbeitungsdauer`: its
/// own `beschreibung`, else the `beschreibung` of each item it lists.
fn module_description(module: &Element) -> Option<String> {
    if let Some(text) =
        pick_language(module.children_named("beschreibung")).and_then(Element::plain_text)
    {
        return Some(text);
    }
    let items: Vec<String> = module
        .elements()
        .filter_map(|item| pick_language(item.children_named("beschreibung")))
        .filter_map(Element::plain_text)
        .collect();
    Some(items.join("\n\n")).filter(|t| !t.is_empty())
}

/// `gueltigkeit` (or `versionsinformation`) `beginn`/`ende` as dates.
fn validity(element: &Element, source: &Source, label: &str) -> Result<Option<Validity>> {
    for container in ["gueltigkeit", "versionsinformation"] {
        let Some(period) = element.child(container) else {
            continue;
        };
        let date = |field: &str| -> Result<Option<String>> {
            let Some(value) = period.child(field).and_then(Element::value) else {
                return Ok(None);
            };
            let day = value.get(..10).filter(|d| is_date(d)).ok_or_else(|| {
                source.record(
                    label,
                    &format!("{container}/{field}"),
                    format!("{value:?} is not a date (YYYY-MM-DD)"),
                )
            })?;
            Ok(Some(day.to_string()))
        };
        let validity = Validity {
            from: date("beginn")?,
            to: date("ende")?,
        };
        if validity.from.is_some() || validity.to.is_some() {
            return Ok(Some(validity));
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use crate::catalog::xzufi::test_support::{leistung_xml, message, text_module};
    use crate::model::records::{Service, Topic, Validity};

    type ServiceField = fn(&Service) -> Option<&str>;

    fn service(inner: &str) -> Service {
        let name = text_module("02", "<xzufi:inhalt>Name</xzufi:inhalt>");
        let message = message(&leistung_xml(&format!("{name}{inner}"))).expect("parses");
        message
            .catalog
            .services
            .into_iter()
            .next()
            .expect("one service")
    }

    #[test]
    fn leistung_text_modules_map_to_fields() {
        let modules: &[(&str, ServiceField)] = &[
            ("05", |s| s.text.short.as_deref()),
            ("06", |s| s.text.full.as_deref()),
            ("07", |s| s.text.legal_basis.as_deref()),
            ("08", |s| s.text.required_documents.as_deref()),
            ("09", |s| s.text.prerequisites.as_deref()),
            ("11", |s| s.text.procedure.as_deref()),
            ("14", |s| s.text.forms.as_deref()),
            ("15", |s| s.text.further_information.as_deref()),
            ("16", |s| s.text.notes.as_deref()),
            ("24", |s| s.teaser.as_deref()),
            ("25", |s| s.text.appeal.as_deref()),
        ];
        for (code, field) in modules {
            let text = format!("Text {code}");
            let s = service(&text_module(
                code,
                &format!(
                    "<xzufi:inhalt languageCode=\"de\">&lt;p&gt;{text}&lt;/p&gt;</xzufi:inhalt>"
                ),
            ));
            assert_eq!(field(&s), Some(text.as_str()), "module {code}");
            let others = s.text.modules().filter(|(_, t)| t.is_some()).count()
                + usize::from(s.teaser.is_some());
            assert_eq!(others, 1, "module {code} fills exactly one field");
        }
    }

    #[test]
    fn name_prefers_module_03_and_german() {
        let cases: &[(&str, &str)] = &[
            (
                "<xzufi:inhalt>Amtlich</xzufi:inhalt>",
                "Amtlich",
            ),
            (
                "<xzufi:inhalt languageCode=\"en\">Dog tax</xzufi:inhalt><xzufi:inhalt languageCode=\"de\">Hund anmelden</xzufi:inhalt>",
                "Hund anmelden",
            ),
            (
                "<xzufi:inhalt languageCode=\"en\">Dog tax</xzufi:inhalt><xzufi:inhalt>Ohne Sprache</xzufi:inhalt>",
                "Ohne Sprache",
            ),
        ];
        for (inhalt, expected) in cases {
            let xml = leistung_xml(&format!(
                "{}{}",
                text_module("02", "<xzufi:inhalt>Amtlich</xzufi:inhalt>"),
                if *expected == "Amtlich" {
                    String::new()
                } else {
                    text_module("03", inhalt)
                }
            ));
            let m = message(&xml).expect("parses");
            assert_eq!(m.catalog.services[0].name, *expected);
        }
    }

    #[test]
    fn leistung_scalar_fields() {
        let s = service(
            r#"<xzufi:referenzLeiKa><code>99108001001000</code></xzufi:referenzLeiKa>
            <xzufi:typisierung><code>5</code></xzufi:typisierung>
            <xzufi:modulKosten><xzufi:beschreibung languageCode="de">&lt;p&gt;75 Euro je Hund&lt;/p&gt;</xzufi:beschreibung></xzufi:modulKosten>
            <xzufi:modulFrist><xzufi:frist><xzufi:beschreibung>binnen 14 Tagen</xzufi:beschreibung></xzufi:frist></xzufi:modulFrist>
            <xzufi:modulBearbeitungsdauer><xzufi:beschreibung>2 Wochen</xzufi:beschreibung></xzufi:modulBearbeitungsdauer>
            <xzufi:modulBegriffImKontext>
              <xzufi:begriffImKontext><xzufi:begriff languageCode="de">Hundemarke</xzufi:begriff></xzufi:begriffImKontext>
              <xzufi:begriffImKontext><xzufi:begriff>hundemarke</xzufi:begriff></xzufi:begriffImKontext>
              <xzufi:begriffImKontext><xzufi:begriff>Hund anmelden</xzufi:begriff></xzufi:begriffImKontext>
            </xzufi:modulBegriffImKontext>
            <xzufi:kategorie><xzufi:id>2100400</xzufi:id><xzufi:bezeichnung languageCode="de">Haustiere</xzufi:bezeichnung></xzufi:kategorie>
            <xzufi:gueltigkeit><xzufi:beginn>2024-01-01</xzufi:beginn></xzufi:gueltigkeit>
            <xzufi:versionsinformation><xzufi:geaendertDatumZeit>2024-03-05T10:00:00</xzufi:geaendertDatumZeit></xzufi:versionsinformation>"#,
        );
        assert_eq!(s.leika, ["99108001001000"]);
        assert_eq!(s.typisierung, ["5"]);
        assert_eq!(s.costs.as_deref(), Some("75 Euro je Hund"));
        assert_eq!(s.deadline.as_deref(), Some("binnen 14 Tagen"));
        assert_eq!(s.processing_time.as_deref(), Some("2 Wochen"));
        assert_eq!(s.synonyms, ["Hundemarke", "Hund anmelden"]);
        assert_eq!(s.topics, ["2100400"]);
        assert_eq!(
            s.valid,
            Some(Validity {
                from: Some("2024-01-01".into()),
                to: None
            })
        );
        assert_eq!(s.updated.as_deref(), Some("2024-03-05T10:00:00"));
    }

    #[test]
    fn kategorien_become_topics_once() {
        let kategorie = "<xzufi:kategorie><xzufi:id>2100400</xzufi:id><xzufi:bezeichnung>Haustiere</xzufi:bezeichnung></xzufi:kategorie>";
        let name = text_module("02", "<xzufi:inhalt>N</xzufi:inhalt>");
        let body = format!(
            "{}<xzufi:schreibe><xzufi:leistung><xzufi:id>L2</xzufi:id>{name}{kategorie}</xzufi:leistung></xzufi:schreibe>",
            leistung_xml(&format!("{name}{kategorie}"))
        );
        let m = message(&body).expect("parses");
        assert_eq!(
            m.catalog.topics,
            [Topic {
                id: "2100400".into(),
                name: "Haustiere".into(),
                parent: None
            }]
        );
    }
}
