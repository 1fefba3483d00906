//! `organisationseinheit` → an [`Authority`] and the responsibilities of its
//! nested `zustaendigkeit` elements, which point at that authority.
//!
//! Of several addresses the visitor address (one with a street) wins;
//! contacts are placed by their XÖV Erreichbarkeit code, else guessed from
//! the address, else skipped with a warning.

use crate::catalog::xzufi::fields::{ars, one_line, pick_language, required_id};
use crate::catalog::xzufi::opening_hours::opening_hours;
use crate::catalog::xzufi::tree::{Element, Source};
use crate::catalog::xzufi::zustaendigkeit::zustaendigkeit_records;
use crate::error::Result;
use crate::model::records::{Address, Authority, Contact, Responsibility, Target, TargetKind};

pub(super) fn organisationseinheit(
    element: &Element,
    source: &Source,
    warnings: &mut Vec<String>,
) -> Result<(Authority, Vec<Responsibility>)> {
    let id = required_id("organisationseinheit", element, source)?;
    let label = format!("organisationseinheit {id:?}");
    let name = element
        .child("name")
        .and_then(|name| {
            if name.child("name").is_some() {
                pick_language(name.children_named("name")).and_then(Element::value)
            } else {
                name.value()
            }
        })
        .map(|n| one_line(&n))
        .ok_or_else(|| source.record(&label, "name", "the organisationseinheit has no name"))?;
    let parent = element
        .child("uebergeordneteOrganisationseinheitID")
        .and_then(Element::value);

    // Prefer a visitor address (one with a street) over a post-box address.
    let anschriften: Vec<&Element> = element.children_named("anschrift").collect();
    let anschrift = anschriften
        .iter()
        .find(|a| a.child("strasse").is_some())
        .or_else(|| anschriften.first());
    let address = match anschrift {
        Some(anschrift) => {
            let ars_value = anschrift
                .path(&["verwaltungspolitischeKodierung", "regionalschluessel"])
                .and_then(Element::code);
            let ars = match ars_value {
                Some(value) => Some(ars(&value).ok_or_else(|| {
                    source.record(
                        &label,
                        "anschrift/verwaltungspolitischeKodierung/regionalschluessel",
                        format!("{value:?} is not a 12-digit Regionalschlüssel"),
                    )
                })?),
                None => None,
            };
            let field = |name: &str| anschrift.child(name).and_then(Element::value);
            Some(Address {
                street: field("strasse"),
                house_no: field("hausnummer"),
                plz: field("postleitzahl"),
                city: field("ort"),
                ars,
            })
        }
        None => None,
    };

    let mut contact = Contact::default();
    for kommunikation in element.children_named("kommunikation") {
        let Some(kennung) = kommunikation.child("kennung").and_then(Element::value) else {
            continue;
        };
        let kanal = kommunikation.child("kanal");
        let code = kanal.and_then(Element::code).unwrap_or_default();
        // A web address is stored as a link (`zufi::web_href`); exports often leave out the
        // scheme of a "www." address, which on a public authority's site means https.
        let web = |kennung: String| match kennung.get(..4) {
            Some(prefix) if prefix.eq_ignore_ascii_case("www.") => format!("https://{kennung}"),
            _ => kennung,
        };
        let (list, kennung) = match code.as_str() {
            "01" | "08" => (Some(&mut contact.email), kennung),
            "02" | "03" => (Some(&mut contact.phone), kennung),
            "04" => (Some(&mut contact.fax), kennung),
            "09" => (Some(&mut contact.web), web(kennung)),
            _ if kennung.contains('@') => (Some(&mut contact.email), kennung),
            _ if kennung.starts_with("http") || kennung.starts_with("www.") => {
                (Some(&mut contact.web), web(kennung))
            }
            _ => (None, kennung),
        };
        match list {
            Some(list) => list.push(kennung),
            None => warnings.push(format!(
                "{label}: kommunikation {kennung:?} has kanal code {code:?}, which zufi cannot place; skipped"
            )),
        }
    }

    let opening_hours = element
        .children_named("oeffnungszeiten")
        .filter_map(Element::plain_text)
        .flat_map(|text| opening_hours(&text))
        .collect();

    let mut responsibilities = Vec::new();
    for zustaendigkeit in element.children_named("zustaendigkeit") {
        responsibilities.extend(zustaendigkeit_records(
            zustaendigkeit,
            &label,
            "zustaendigkeit",
            Target {
                kind: TargetKind::Authority,
                id: id.clone(),
            },
            source,
            warnings,
        )?);
    }

    let authority = Authority {
        id,
        name,
        parent,
        address,
        contact,
        opening_hours,
    };
    Ok((authority, responsibilities))
}

#[cfg(test)]
mod tests {
    use crate::catalog::xzufi::test_support::{hours, message};
    use crate::model::records::{Role, Target, TargetKind};

    #[test]
    fn organisationseinheit_maps_address_contact_hours_and_zustaendigkeit() {
        let m = message(r#"<xzufi:schreibe><xzufi:organisationseinheit>
            <xzufi:id>L100016.OE.1</xzufi:id>
            <xzufi:name><xzufi:name languageCode="de">VG Riechheimer Berg</xzufi:name></xzufi:name>
            <xzufi:anschrift><xzufi:postfach>12</xzufi:postfach><xzufi:ort>Elleben</xzufi:ort></xzufi:anschrift>
            <xzufi:anschrift><xzufi:strasse>Hauptstraße</xzufi:strasse><xzufi:hausnummer>48</xzufi:hausnummer>
              <xzufi:postleitzahl>99334</xzufi:postleitzahl><xzufi:ort>Elleben</xzufi:ort>
              <xzufi:verwaltungspolitischeKodierung><xzufi:regionalschluessel><code>160705009000</code></xzufi:regionalschluessel></xzufi:verwaltungspolitischeKodierung>
            </xzufi:anschrift>
            <xzufi:kommunikation><xzufi:kanal><code>02</code></xzufi:kanal><xzufi:kennung>036202 2100</xzufi:kennung></xzufi:kommunikation>
            <xzufi:kommunikation><xzufi:kanal><code>04</code></xzufi:kanal><xzufi:kennung>036202 21020</xzufi:kennung></xzufi:kommunikation>
            <xzufi:kommunikation><xzufi:kanal><code>01</code></xzufi:kanal><xzufi:kennung>info@vg.example</xzufi:kennung></xzufi:kommunikation>
            <xzufi:kommunikation><xzufi:kanal><code>07</code></xzufi:kanal><xzufi:kennung>https://vg.example</xzufi:kennung></xzufi:kommunikation>
            <xzufi:kommunikation><xzufi:kanal><code>09</code></xzufi:kanal><xzufi:kennung>www.vg.example/buergerbuero</xzufi:kennung></xzufi:kommunikation>
            <xzufi:kommunikation><xzufi:kanal><code>06</code></xzufi:kanal><xzufi:kennung>4711</xzufi:kennung></xzufi:kommunikation>
            <xzufi:oeffnungszeiten>&lt;p&gt;Di 09:00-12:00 und 13:00-18:00 Uhr&lt;br/&gt;Do 9 - 12&lt;/p&gt;&lt;p&gt;Termine nach Vereinbarung&lt;/p&gt;</xzufi:oeffnungszeiten>
            <xzufi:zustaendigkeit><xzufi:leistungID>L100016.LB.1</xzufi:leistungID>
              <xzufi:gebietID>160705009000</xzufi:gebietID><xzufi:gebietID>160705009001</xzufi:gebietID>
              <xzufi:rolle><code>02</code></xzufi:rolle></xzufi:zustaendigkeit>
            </xzufi:organisationseinheit></xzufi:schreibe>"#).expect("parses");
        let a = &m.catalog.authorities[0];
        assert_eq!(a.name, "VG Riechheimer Berg");
        let address = a.address.as_ref().expect("address");
        assert_eq!(address.street.as_deref(), Some("Hauptstraße"));
        assert_eq!(address.house_no.as_deref(), Some("48"));
        assert_eq!(address.plz.as_deref(), Some("99334"));
        assert_eq!(address.ars.as_deref(), Some("160705009000"));
        assert_eq!(a.contact.phone, ["036202 2100"]);
        assert_eq!(a.contact.fax, ["036202 21020"]);
        assert_eq!(a.contact.email, ["info@vg.example"]);
        assert_eq!(
            a.contact.web,
            ["https://vg.example", "https://www.vg.example/buergerbuero"]
        );
        assert_eq!(m.warnings.len(), 1, "{:?}", m.warnings);
        assert!(m.warnings[0].contains("4711"));
        let hours = hours(&a.opening_hours);
        assert_eq!(
            hours,
            [
                ("Di", Some("09:00"), Some("12:00"), None),
                ("Di", Some("13:00"), Some("18:00"), None),
                ("Do", Some("09:00"), Some("12:00"), None),
                ("", None, None, Some("Termine nach Vereinbarung")),
            ]
        );
        let regions: Vec<&str> = m
            .catalog
            .responsibilities
            .iter()
            .map(|r| r.region.as_str())
            .collect();
        assert_eq!(regions, ["160705009000", "160705009001"]);
        for r in &m.catalog.responsibilities {
            assert_eq!(
                r.target,
                Target {
                    kind: TargetKind::Authority,
                    id: "L100016.OE.1".into()
                }
            );
            assert_eq!(r.role, Role::Ansprechpunkt);
            assert_eq!(r.service, "L100016.LB.1");
        }
    }
}
