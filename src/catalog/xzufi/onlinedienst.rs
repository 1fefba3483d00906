//! `onlinedienst` → an [`OnlineService`].
//!
//! The service's URL is its start link (link type `01`, else the first
//! link). The trust level is recognised by a word (basis, substantiell,
//! hoch) in the name or the code of `vertrauensniveau`; an unknown level is
//! left out with a warning rather than failing the import.

use crate::catalog::xzufi::fields::{one_line, pick_language, required_id};
use crate::catalog::xzufi::tree::{Element, Source};
use crate::error::Result;
use crate::model::records::OnlineService;

pub(super) fn onlinedienst(
    element: &Element,
    source: &Source,
    warnings: &mut Vec<String>,
) -> Result<OnlineService> {
    let id = required_id("onlinedienst", element, source)?;
    let label = format!("onlinedienst {id:?}");
    let name = pick_language(element.children_named("bezeichnung"))
        .and_then(Element::value)
        .map(|n| one_line(&n))
        .ok_or_else(|| source.record(&label, "bezeichnung", "the onlinedienst has no name"))?;

    // Link type 01 is the start address of the procedure.
    let links: Vec<(Option<String>, String)> = element
        .children_named("link")
        .filter_map(|link| {
            let url = link.child("link").and_then(Element::value)?;
            Some((link.child("typ").and_then(Element::code), url))
        })
        .collect();
    let url = links
        .iter()
        .find(|(typ, _)| typ.as_deref() == Some("01"))
        .or_else(|| links.first())
        .map(|(_, url)| url.clone())
        .ok_or_else(|| source.record(&label, "link/link", "the onlinedienst has no link"))?;

    let trust_level = match element.child("vertrauensniveau") {
        Some(niveau) => {
            let words = [niveau.child("name").and_then(Element::value), niveau.code()];
            let level = words.iter().flatten().find_map(|word| {
                let word = word.to_lowercase();
                [
                    ("basis", "basisregistrierung"),
                    ("substantiell", "substantiell"),
                    ("hoch", "hoch"),
                ]
                .into_iter()
                .find(|(needle, _)| word.contains(needle))
                .map(|(_, level)| level)
            });
            if level.is_none() {
                warnings.push(format!(
                    "{label}: vertrauensniveau {:?} is unknown; left out",
                    niveau.text()
                ));
            }
            level.map(str::to_string)
        }
        None => None,
    };
    let lang = element
        .children_named("sprachversion")
        .filter_map(|s| s.child("languageCode").and_then(Element::value))
        .collect();
    Ok(OnlineService {
        id,
        name,
        url,
        trust_level,
        lang,
    })
}

#[cfg(test)]
mod tests {
    use crate::catalog::xzufi::test_support::message;

    #[test]
    fn vertrauensniveau_words_map_to_levels() {
        let cases: &[(&str, Option<&str>)] = &[
            ("<code>substantiell</code>", Some("substantiell")),
            ("<code>HOCH</code>", Some("hoch")),
            (
                "<code>x</code><name>Basisregistrierung</name>",
                Some("basisregistrierung"),
            ),
            ("<code>niedrig</code>", None),
        ];
        for (niveau, expected) in cases {
            let m = message(&format!(
                "<xzufi:schreibe><xzufi:onlinedienst><xzufi:id>D</xzufi:id><xzufi:bezeichnung>D</xzufi:bezeichnung>
                 <xzufi:link><xzufi:link>https://d.example</xzufi:link></xzufi:link>
                 <xzufi:vertrauensniveau>{niveau}</xzufi:vertrauensniveau></xzufi:onlinedienst></xzufi:schreibe>"
            ))
            .expect("parses");
            let online = &m.catalog.online_services[0];
            assert_eq!(online.trust_level.as_deref(), *expected, "for {niveau}");
            assert_eq!(
                m.warnings.len(),
                usize::from(expected.is_none()),
                "for {niveau}"
            );
        }
    }
}
