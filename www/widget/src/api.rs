//! Plain data for the headless JS API, built from the core's types.
//!
//! Field names are camelCase because these become JavaScript objects; empty
//! optional fields are `null` so that every object has the same keys.
//!
//! Catalog content is data: every address handed out is one a link can be
//! made of safely (`zufi::web_href`, `mailto_href`, `tel_href`) — web
//! addresses and the URLs of online services and forms only `https:`/
//! `http:` with a plain host, e-mail addresses without `mailto:` header
//! parameters, phone numbers of digits. `zufi build` refuses catalogs with
//! other values; an index built without that check (through the library)
//! may still hold them, and they are left out here: a contact that is not
//! one is dropped, an online service or form without a usable URL too.

use std::ops::Range;

use serde::Serialize;
use zufi::{
    mailto_href, tel_href, web_href, Address, Ars, Assigned, Authority, Form, Hit, Index,
    OnlineService, Responsible, Role, Service,
};

/// One search hit.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SearchHit {
    pub id: String,
    pub name: String,
    /// Below 2^53, so a plain JS number.
    pub score: u64,
    /// `[start, end)` offsets into `name` in UTF-16 code units, i.e. what
    /// `String.prototype.slice` takes (for German names the same as characters).
    pub highlights: Vec<[usize; 2]>,
    pub teaser: Option<String>,
    pub responsible: Vec<Office>,
    pub online_services: Vec<Link>,
    pub forms: Vec<Link>,
}

/// A responsible authority with its contact data as lines ready to show:
/// an element of a hit's or a record's `responsible`, and what the widget's
/// authority card renders.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Office {
    pub id: String,
    pub name: String,
    /// Serialised as `zustaendige_stelle` or `ansprechpunkt`.
    pub role: Role,
    /// Why this office: the region key (12-digit ARS) the responsibility
    /// is given for, the most specific one on the citizen's chain for this
    /// role (their municipality, Verband, Kreis, Land or the Bund).
    pub region: String,
    /// That region's name, if the index lists it (e.g. "Saale-Holzland-Kreis").
    pub region_name: Option<String>,
    /// One line, e.g. "Bürgermeister-Wagner-Straße 1, 99084 Erfurt".
    pub address: Option<String>,
    /// Numbers as written; each makes a `tel:` link with `zufi::tel_href`.
    pub phone: Vec<String>,
    /// Bare addresses; `mailto:` + the address is a link without headers.
    pub email: Vec<String>,
    /// Absolute `https:`/`http:` addresses.
    pub web: Vec<String>,
    /// One line per span, e.g. "Mo-Fr 09:00–12:00 (nur mit Termin)".
    pub opening_hours: Vec<String>,
}

/// An online service or form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Link {
    pub id: String,
    pub name: String,
    /// An absolute `https:`/`http:` address (`zufi::web_href`).
    pub url: String,
}

/// A service's full record plus who handles it at the place asked for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceRecord {
    pub id: String,
    pub name: String,
    pub leika: Vec<String>,
    pub teaser: Option<String>,
    pub short: Option<String>,
    pub full: Option<String>,
    pub required_documents: Option<String>,
    pub prerequisites: Option<String>,
    pub procedure: Option<String>,
    pub costs: Option<String>,
    pub deadline: Option<String>,
    pub processing_time: Option<String>,
    pub legal_basis: Option<String>,
    pub forms_text: Option<String>,
    pub further_information: Option<String>,
    pub notes: Option<String>,
    pub appeal: Option<String>,
    pub synonyms: Vec<String>,
    pub topics: Vec<TopicRef>,
    pub updated: Option<String>,
    pub responsible: Vec<Office>,
    pub online_services: Vec<Link>,
    pub forms: Vec<Link>,
}

/// A topic (Lebenslage).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TopicRef {
    pub id: String,
    pub name: String,
    pub parent: Option<String>,
}

/// A service in the A–Z list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ServiceRef {
    pub id: String,
    pub name: String,
}

/// What an index holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Info {
    /// Index format version.
    pub version: u16,
    /// The catalog's name, if it has one.
    pub catalog: Option<String>,
    /// True for demonstration data.
    pub demo: bool,
    /// Attribution lines that must be shown with the data.
    pub attribution: Vec<String>,
    /// The catalog's date ("Datenstand", `YYYY-MM-DD`), if it has one.
    pub date: Option<String>,
    pub counts: Counts,
}

/// Record counts of an index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Counts {
    pub services: usize,
    pub authorities: usize,
    pub online_services: usize,
    pub forms: usize,
    pub regions: usize,
    pub topics: usize,
    pub responsibilities: u64,
}

/// The byte ranges `ranges` of `text` as UTF-16 offsets.
pub fn utf16_ranges(text: &str, ranges: &[Range<usize>]) -> Vec<[usize; 2]> {
    let offset = |byte: usize| {
        text.get(..byte)
            .map_or(0, |prefix| prefix.encode_utf16().count())
    };
    ranges
        .iter()
        .map(|r| [offset(r.start), offset(r.end)])
        .collect()
}

/// One opening-hours span on one line.
pub fn opening_line(hours: &zufi::OpeningHours) -> String {
    let mut line = hours.days.clone();
    match (&hours.from, &hours.to) {
        (Some(from), Some(to)) => line.push_str(&format!(" {from}–{to}")),
        (Some(from), None) => line.push_str(&format!(" ab {from}")),
        (None, Some(to)) => line.push_str(&format!(" bis {to}")),
        (None, None) => {}
    }
    if let Some(note) = &hours.note {
        line.push_str(&format!(" ({note})"));
    }
    line
}

impl Office {
    /// The office of an assigned authority; `index` names its region.
    pub fn new(assigned: &Assigned<'_, Authority>, index: &Index) -> Office {
        let authority = assigned.item;
        Office {
            id: authority.id.clone(),
            name: authority.name.clone(),
            role: assigned.role,
            region: assigned.region.to_string(),
            region_name: index.region(&assigned.region).map(|r| r.name.clone()),
            address: authority.address.as_ref().and_then(Address::one_line),
            phone: only_safe(&authority.contact.phone, |p| tel_href(p).is_ok()),
            email: only_safe(&authority.contact.email, |e| mailto_href(e).is_ok()),
            web: only_safe(&authority.contact.web, |w| web_href(w).is_ok()),
            opening_hours: authority.opening_hours.iter().map(opening_line).collect(),
        }
    }
}

/// The values of `list` that `is_safe` accepts.
fn only_safe(list: &[String], is_safe: impl Fn(&str) -> bool) -> Vec<String> {
    list.iter().filter(|v| is_safe(v)).cloned().collect()
}

impl Link {
    /// The link of an online service or form; `None` when its URL is not a
    /// safe web address.
    fn new(id: &str, name: &str, url: &str) -> Option<Link> {
        let url = web_href(url).ok()?;
        Some(Link {
            id: id.to_string(),
            name: name.to_string(),
            url: url.to_string(),
        })
    }

    /// The link of an online service, if its URL is safe.
    pub fn online_service(online: &OnlineService) -> Option<Link> {
        Link::new(&online.id, &online.name, &online.url)
    }

    /// The link of a form, if its URL is safe.
    pub fn form(form: &Form) -> Option<Link> {
        Link::new(&form.id, &form.name, &form.url)
    }
}

/// Who handles a service at a place: the offices, online services and
/// forms, each list empty when no place was given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ResponsibleLists {
    pub offices: Vec<Office>,
    pub online_services: Vec<Link>,
    pub forms: Vec<Link>,
}

impl ResponsibleLists {
    /// The lists of `responsible`, if a place was given.
    pub fn new(responsible: Option<&Responsible<'_>>, index: &Index) -> ResponsibleLists {
        let Some(responsible) = responsible else {
            return ResponsibleLists::default();
        };
        ResponsibleLists {
            offices: responsible
                .authorities
                .iter()
                .map(|assigned| Office::new(assigned, index))
                .collect(),
            online_services: responsible
                .online_services
                .iter()
                .filter_map(|a| Link::online_service(a.item))
                .collect(),
            forms: responsible
                .forms
                .iter()
                .filter_map(|a| Link::form(a.item))
                .collect(),
        }
    }
}

impl SearchHit {
    /// The plain form of a hit of `index`.
    pub fn new(hit: &Hit<'_>, index: &Index) -> SearchHit {
        let ResponsibleLists {
            offices,
            online_services,
            forms,
        } = ResponsibleLists::new(hit.responsible.as_ref(), index);
        SearchHit {
            id: hit.service.id.clone(),
            name: hit.service.name.clone(),
            score: hit.score(),
            highlights: utf16_ranges(&hit.service.name, &hit.name_highlights()),
            teaser: hit.service.teaser.clone(),
            responsible: offices,
            online_services,
            forms,
        }
    }
}

impl ServiceRecord {
    /// The full record of `service`, with who handles it at `place`.
    pub fn new(index: &Index, service: &Service, place: Option<Ars>) -> ServiceRecord {
        let responsible = place.and_then(|ars| index.responsible(&service.id, ars));
        let ResponsibleLists {
            offices,
            online_services,
            forms,
        } = ResponsibleLists::new(responsible.as_ref(), index);
        let text = &service.text;
        ServiceRecord {
            id: service.id.clone(),
            name: service.name.clone(),
            leika: service.leika.clone(),
            teaser: service.teaser.clone(),
            short: text.short.clone(),
            full: text.full.clone(),
            required_documents: text.required_documents.clone(),
            prerequisites: text.prerequisites.clone(),
            procedure: text.procedure.clone(),
            costs: service.costs.clone(),
            deadline: service.deadline.clone(),
            processing_time: service.processing_time.clone(),
            legal_basis: text.legal_basis.clone(),
            forms_text: text.forms.clone(),
            further_information: text.further_information.clone(),
            notes: text.notes.clone(),
            appeal: text.appeal.clone(),
            synonyms: service.synonyms.clone(),
            topics: index.topics_of(service).map(TopicRef::from).collect(),
            updated: service.updated.clone(),
            responsible: offices,
            online_services,
            forms,
        }
    }
}

impl From<&zufi::Topic> for TopicRef {
    fn from(topic: &zufi::Topic) -> TopicRef {
        TopicRef {
            id: topic.id.clone(),
            name: topic.name.clone(),
            parent: topic.parent.clone(),
        }
    }
}

impl From<&Service> for ServiceRef {
    fn from(service: &Service) -> ServiceRef {
        ServiceRef {
            id: service.id.clone(),
            name: service.name.clone(),
        }
    }
}

impl Info {
    /// Summary of `index`.
    pub fn new(index: &Index) -> Info {
        let catalog = index.meta().catalog.as_ref();
        Info {
            version: index.version(),
            catalog: catalog.map(|c| c.name.clone()),
            demo: catalog.is_some_and(|c| c.demo),
            attribution: catalog.map(|c| c.attribution.clone()).unwrap_or_default(),
            date: index.meta().date.clone(),
            counts: Counts {
                services: index.counts().services as usize,
                authorities: index.counts().authorities as usize,
                online_services: index.counts().online_services as usize,
                forms: index.counts().forms as usize,
                regions: index.counts().regions as usize,
                topics: index.topics().len(),
                responsibilities: index.meta().responsibilities,
            },
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use zufi::SearchOptions;

    /// A small catalog: a postcode shared by two municipalities, an office
    /// responsible at Kreis level and a Gemeinde-level exception.
    pub(crate) const CATALOG: &str = r#"{
      "meta": {"name": "Testkreis", "demo": true, "attribution": ["Testdaten"]},
      "regions": [
        {"ars": "160700000000", "name": "Ilm-Kreis", "level": "kreis", "plz": ["99310", "99334"]},
        {"ars": "160700004004", "name": "Arnstadt", "level": "gemeinde", "parent": "160700000000", "plz": ["99310"]},
        {"ars": "160705009001", "name": "Alkersleben", "level": "gemeinde", "parent": "160700000000", "plz": ["99310"]},
        {"ars": "160510000000", "name": "Erfurt", "level": "kreis", "plz": ["99084"]}
      ],
      "topics": [{"id": "t1", "name": "Ausweise"}],
      "services": [
        {"id": "pa", "name": "Personalausweis beantragen", "teaser": "Den Ausweis beantragen.",
         "text": {"short": "Kurz.", "required_documents": "Foto"}, "costs": "37 Euro",
         "topics": ["t1"]},
        {"id": "hund", "name": "Hundesteuer anmelden"}
      ],
      "authorities": [
        {"id": "lra", "name": "Landratsamt Ilm-Kreis",
         "address": {"street": "Ritterstraße", "house_no": "14", "plz": "99310", "city": "Arnstadt"},
         "contact": {"phone": ["03628 738-0"], "email": ["info@ilm-kreis.de"], "web": ["https://ilm-kreis.de"]},
         "opening_hours": [{"days": "Mo-Fr", "from": "09:00", "to": "12:00", "note": "mit Termin"}]},
        {"id": "erf", "name": "Bürgeramt Erfurt"}
      ],
      "online_services": [{"id": "o1", "name": "Ausweis online", "url": "https://example.org/ausweis"}],
      "forms": [{"id": "f1", "name": "Antrag", "url": "https://example.org/antrag.pdf"}],
      "responsibilities": [
        {"service": "pa", "region": "160700000000", "target": {"type": "authority", "id": "lra"}},
        {"service": "pa", "region": "160700000000", "target": {"type": "online_service", "id": "o1"}},
        {"service": "pa", "region": "160700000000", "target": {"type": "form", "id": "f1"}},
        {"service": "pa", "region": "160510000000", "target": {"type": "authority", "id": "erf"},
         "role": "ansprechpunkt"}
      ]
    }"#;

    pub(crate) fn index() -> Index {
        let catalog: zufi::Catalog = serde_json::from_str(CATALOG).expect("test catalog parses");
        let bytes = zufi::IndexBuilder::new(&catalog)
            .build()
            .expect("test catalog builds")
            .bytes;
        Index::from_bytes(&bytes).expect("fresh index opens")
    }

    #[test]
    fn a_hit_carries_highlights_and_who_is_responsible() {
        let index = index();
        let options = SearchOptions {
            region: Some("160700004004".parse().expect("valid ARS")),
            limit: 5,
            ..Default::default()
        };
        let hits = index.search("personalauswies", &options);
        let hit = SearchHit::new(&hits[0], &index);
        assert_eq!(hit.id, "pa");
        assert_eq!(hit.highlights, vec![[0, 15]]);
        assert_eq!(hit.teaser.as_deref(), Some("Den Ausweis beantragen."));
        assert_eq!(hit.responsible.len(), 1);
        let card = &hit.responsible[0];
        assert_eq!(card.name, "Landratsamt Ilm-Kreis");
        assert_eq!(card.role, Role::ZustaendigeStelle);
        assert_eq!(
            card.address.as_deref(),
            Some("Ritterstraße 14, 99310 Arnstadt")
        );
        assert_eq!(card.opening_hours, ["Mo-Fr 09:00–12:00 (mit Termin)"]);
        assert_eq!(hit.online_services[0].url, "https://example.org/ausweis");
        assert_eq!(hit.forms[0].name, "Antrag");
    }

    #[test]
    fn json_shape_matches_the_contract() {
        let index = index();
        let hits = index.search("hundesteuer", &SearchOptions::default());
        let json = serde_json::to_value(SearchHit::new(&hits[0], &index)).expect("serialises");
        let keys: Vec<&str> = json
            .as_object()
            .expect("an object")
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            [
                "id",
                "name",
                "score",
                "highlights",
                "teaser",
                "responsible",
                "onlineServices",
                "forms"
            ]
        );
        assert_eq!(json["highlights"], serde_json::json!([[0, 11]]));
        assert!(json["responsible"].as_array().expect("array").is_empty());
    }

    #[test]
    fn an_office_serialises_as_the_contract_says() {
        let index = index();
        let erfurt = "160510000000".parse().expect("valid ARS");
        let service = index.service("pa").expect("in catalog");
        let record = ServiceRecord::new(&index, service, Some(erfurt));
        let json = serde_json::to_value(&record.responsible).expect("serialises");
        assert_eq!(
            json,
            serde_json::json!([{
                "id": "erf", "name": "Bürgeramt Erfurt", "role": "ansprechpunkt",
                "region": "160510000000", "regionName": "Erfurt", "address": null,
                "phone": [], "email": [], "web": [], "openingHours": []
            }])
        );
    }

    #[test]
    #[cfg(feature = "ui")]
    fn an_office_says_its_role_and_the_region_it_is_responsible_for() {
        use crate::components::authority_card::role_line;
        use crate::i18n::Lang;

        let index = index();
        let erfurt = "160510000000".parse().expect("valid ARS");
        let service = index.service("pa").expect("in catalog");
        let mut office = ServiceRecord::new(&index, service, Some(erfurt)).responsible[0].clone();
        assert_eq!(
            role_line(&office, Lang::De.text()),
            "Ansprechpunkt für Erfurt"
        );
        office.role = Role::ZustaendigeStelle;
        assert_eq!(
            role_line(&office, Lang::En.text()),
            "Responsible office for Erfurt"
        );
        office.region_name = None;
        assert_eq!(role_line(&office, Lang::De.text()), "Zuständige Stelle");
    }

    #[test]
    fn highlights_count_utf16_units_not_bytes() {
        type Case = (&'static str, Vec<(usize, usize)>, Vec<[usize; 2]>);
        let cases: [Case; 3] = [
            (
                "Gebäude beantragen",
                vec![(0, 8), (9, 14)],
                vec![[0, 7], [8, 13]],
            ),
            ("Führerschein", vec![(0, 13)], vec![[0, 12]]),
            ("Hund", vec![], vec![]),
        ];
        for (text, bytes, expected) in cases {
            let ranges: Vec<Range<usize>> = bytes.into_iter().map(|(a, b)| a..b).collect();
            assert_eq!(utf16_ranges(text, &ranges), expected, "{text}");
        }
    }

    #[test]
    fn the_record_resolves_the_place_by_the_most_specific_rule() {
        let index = index();
        let service = index.service("pa").expect("in catalog");
        let cases = [
            (Some("160705009001"), vec!["Landratsamt Ilm-Kreis"]),
            (Some("160510000000"), vec!["Bürgeramt Erfurt"]),
            (None, vec![]),
        ];
        for (ars, names) in cases {
            let place = ars.map(|a| a.parse().expect("valid ARS"));
            let record = ServiceRecord::new(&index, service, place);
            let found: Vec<&str> = record.responsible.iter().map(|c| c.name.as_str()).collect();
            assert_eq!(found, names, "{ars:?}");
        }
        let record = ServiceRecord::new(&index, service, None);
        assert_eq!(record.costs.as_deref(), Some("37 Euro"));
        assert_eq!(record.required_documents.as_deref(), Some("Foto"));
        assert_eq!(record.topics[0].name, "Ausweise");
    }

    /// The test catalog with hostile contacts and URLs, built without
    /// validation (as a library user could): the API must not hand them out.
    fn hostile_index() -> Index {
        let mut catalog: zufi::Catalog =
            serde_json::from_str(CATALOG).expect("test catalog parses");
        let lra = &mut catalog.authorities[0];
        lra.contact.phone = vec!["03628 738-0".into(), "siehe Aushang".into()];
        lra.contact.email = vec![
            "info@ilm-kreis.de".into(),
            "info@ilm-kreis.de?bcc=alle@example.org".into(),
            "mailto:info@ilm-kreis.de?body=x".into(),
        ];
        lra.contact.web = vec![
            "https://ilm-kreis.de".into(),
            "javascript:alert(1)".into(),
            "data:text/html,<script>alert(1)</script>".into(),
            "//evil.example".into(),
            "siehe Aushang".into(),
            " JaVaScRiPt:alert(1)".into(),
        ];
        catalog.online_services[0].url = "javascript:alert(document.cookie)".into();
        catalog.forms[0].url = "data:application/pdf;base64,JVBERi0=".into();
        let bytes = zufi::IndexBuilder::new(&catalog)
            .build()
            .expect("builds without validation")
            .bytes;
        Index::from_bytes(&bytes).expect("fresh index opens")
    }

    #[test]
    fn only_safe_addresses_leave_the_api() {
        let index = hostile_index();
        let place = Some("160700004004".parse().expect("valid ARS"));
        let service = index.service("pa").expect("in catalog");
        let record = ServiceRecord::new(&index, service, place);
        let office = &record.responsible[0];
        assert_eq!(office.phone, ["03628 738-0"]);
        assert_eq!(office.email, ["info@ilm-kreis.de"]);
        assert_eq!(office.web, ["https://ilm-kreis.de"]);
        assert!(
            record.online_services.is_empty(),
            "{:?}",
            record.online_services
        );
        assert!(record.forms.is_empty(), "{:?}", record.forms);
        let options = SearchOptions {
            region: place,
            ..Default::default()
        };
        let hit = SearchHit::new(&index.search("personalausweis", &options)[0], &index);
        assert_eq!(hit.responsible, record.responsible);
        assert!(hit.online_services.is_empty() && hit.forms.is_empty());
        let json = serde_json::to_string(&record).expect("serialises");
        for unsafe_text in ["javascript", "data:", "bcc", "//evil", "Aushang"] {
            assert!(
                !json.to_lowercase().contains(&unsafe_text.to_lowercase()),
                "{unsafe_text} in {json}"
            );
        }
    }

    #[test]
    fn info_counts_what_the_index_holds() {
        let info = Info::new(&index());
        assert_eq!(info.catalog.as_deref(), Some("Testkreis"));
        assert!(info.demo);
        assert_eq!((info.counts.services, info.counts.regions), (2, 4));
        assert_eq!(info.counts.responsibilities, 4);
    }
}
