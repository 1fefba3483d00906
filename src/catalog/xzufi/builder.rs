//! Assembles a [`Message`] from the entries of a message, one at a time.
//!
//! `schreibe` objects go to their record mapper, `loesche` entries become
//! deletions, and everything zufi does not import is counted per kind, so
//! that a PVOG export with thousands of unsupported entries yields one
//! warning per kind. Transfer objects wait until the end: only then is it
//! known whether their target is an authority or an online service.

use std::collections::{HashMap, HashSet};

use quick_xml::events::BytesStart;

use crate::catalog::xzufi::leistung::leistung;
use crate::catalog::xzufi::message::{Deletion, EntityClass, Message, NAMESPACE};
use crate::catalog::xzufi::onlinedienst::onlinedienst;
use crate::catalog::xzufi::organisationseinheit::organisationseinheit;
use crate::catalog::xzufi::tree::{local_name, Element, Source};
use crate::catalog::xzufi::zustaendigkeit::{transfer, Transfer};
use crate::error::Result;
use crate::model::records::TargetKind;

#[derive(Default)]
pub(super) struct MessageBuilder {
    message: Message,
    topics: HashSet<String>,
    transfers: Vec<Transfer>,
    /// What was skipped, how often, and the line of the first one: a PVOG
    /// export can hold thousands of entries of one unsupported kind.
    skipped: Vec<(String, usize, usize)>,
}

impl MessageBuilder {
    pub(super) fn check_namespace(
        &mut self,
        root: &BytesStart,
        source: &Source,
        offset: usize,
    ) -> Result<()> {
        let mut namespaces = Vec::new();
        for attribute in root.attributes().flatten() {
            let key = attribute.key.as_ref();
            if key == b"xmlns" || key.starts_with(b"xmlns:") {
                if let Ok(value) = attribute.unescape_value() {
                    namespaces.push(value.into_owned());
                }
            }
        }
        if namespaces.iter().any(|ns| ns == NAMESPACE) {
            return Ok(());
        }
        match namespaces
            .iter()
            .find(|ns| ns.contains("xoev.de/schemata/xzufi/"))
        {
            Some(other) => {
                self.message.warnings.push(format!(
                    "{}: the message declares {other:?}, not XZuFi 2.2 ({NAMESPACE}); reading it as 2.2",
                    source.file
                ));
                Ok(())
            }
            None => Err(source.syntax(
                offset,
                format!(
                    "<{}> is not an XZuFi message: the root declares no XZuFi namespace ({NAMESPACE})",
                    local_name(root)
                ),
            )),
        }
    }

    fn warn(&mut self, source: &Source, element: &Element, message: String) {
        self.message.warnings.push(format!(
            "{}:{}: {message}",
            source.file,
            source.line(element)
        ));
    }

    fn skip(&mut self, source: &Source, element: &Element, what: String) {
        match self.skipped.iter_mut().find(|(w, _, _)| *w == what) {
            Some((_, count, _)) => *count += 1,
            None => self.skipped.push((what, 1, source.line(element))),
        }
    }

    pub(super) fn entry(&mut self, entry: Element, source: &Source) -> Result<()> {
        match entry.name.as_str() {
            "nachrichtenkopf" => {
                self.message.created = entry.child("erstellungszeitpunkt").and_then(Element::value);
                Ok(())
            }
            "schreibe" => {
                for object in entry.elements() {
                    self.write(object, source)?;
                }
                Ok(())
            }
            "loesche" => self.delete(&entry, source),
            other => {
                let what = format!("<{other}> (not a schreibe or loesche entry)");
                self.skip(source, &entry, what);
                Ok(())
            }
        }
    }

    fn write(&mut self, object: &Element, source: &Source) -> Result<()> {
        match object.name.as_str() {
            "leistung" => {
                let (service, topics) = leistung(object, source)?;
                for topic in topics {
                    if self.topics.insert(topic.id.clone()) {
                        self.message.catalog.topics.push(topic);
                    }
                }
                self.message.catalog.services.push(service);
            }
            "organisationseinheit" => {
                let mut warnings = Vec::new();
                let (authority, responsibilities) =
                    organisationseinheit(object, source, &mut warnings)?;
                for warning in warnings {
                    self.warn(source, object, warning);
                }
                self.message.catalog.authorities.push(authority);
                self.message
                    .catalog
                    .responsibilities
                    .extend(responsibilities);
            }
            "onlinedienst" => {
                let mut warnings = Vec::new();
                let online = onlinedienst(object, source, &mut warnings)?;
                for warning in warnings {
                    self.warn(source, object, warning);
                }
                self.message.catalog.online_services.push(online);
            }
            "zustaendigkeitTransferObjekt" => {
                let mut warnings = Vec::new();
                let transfer = transfer(object, source, &mut warnings)?;
                for warning in warnings {
                    self.warn(source, object, warning);
                }
                self.transfers.push(transfer);
            }
            "spezialisierung" => {
                let what = "schreibe <spezialisierung> (local texts and fees are not imported)";
                self.skip(source, object, what.to_string());
            }
            other => {
                let what = format!("schreibe <{other}> (not supported)");
                self.skip(source, object, what);
            }
        }
        Ok(())
    }

    fn delete(&mut self, entry: &Element, source: &Source) -> Result<()> {
        let label = format!("loesche at line {}", source.line(entry));
        let klasse = entry
            .attribute("klasse")
            .ok_or_else(|| source.record(&label, "@klasse", "the loesche entry names no class"))?;
        let id = entry
            .child("id")
            .and_then(Element::value)
            .ok_or_else(|| source.record(&label, "id", "the loesche entry names no id"))?;
        match EntityClass::from_klasse(klasse) {
            Some(class) => self.message.deletions.push(Deletion { class, id }),
            None => {
                let what = format!("loesche of class {klasse:?} (not imported)");
                self.skip(source, entry, what);
            }
        }
        Ok(())
    }

    pub(super) fn finish(mut self, source: &Source) -> Result<Message> {
        for (what, count, line) in std::mem::take(&mut self.skipped) {
            let first = if count > 1 {
                " (line of the first)"
            } else {
                ""
            };
            self.message.warnings.push(format!(
                "{}:{line}: {count} × {what} skipped{first}",
                source.file
            ));
        }
        let catalog = &mut self.message.catalog;
        let kinds: HashMap<&str, TargetKind> = catalog
            .authorities
            .iter()
            .map(|a| (a.id.as_str(), TargetKind::Authority))
            .chain(
                catalog
                    .online_services
                    .iter()
                    .map(|o| (o.id.as_str(), TargetKind::OnlineService)),
            )
            .collect();
        let mut resolved = Vec::new();
        for transfer in self.transfers {
            let kind = match kinds.get(transfer.parent.as_str()) {
                Some(kind) => *kind,
                None => kind_from_id(&transfer.parent).ok_or_else(|| {
                    source.record(
                        &transfer.label,
                        "uebergeordnetesObjektID",
                        format!(
                            "{:?} is neither an organisationseinheit nor an onlinedienst of this message, \
                             and its form is not <Redaktion>.OE.<n> or <Redaktion>.OD.<n>, \
                             so the kind of target is unknown",
                            transfer.parent
                        ),
                    )
                })?,
            };
            for mut responsibility in transfer.responsibilities {
                responsibility.target.kind = kind;
                resolved.push(responsibility);
            }
        }
        catalog.responsibilities.extend(resolved);
        Ok(self.message)
    }
}

/// The target kind encoded in a PVOG id such as `L100016.OE.4711`.
fn kind_from_id(id: &str) -> Option<TargetKind> {
    let mut parts = id.split('.');
    parts.next()?;
    match parts.next()? {
        "OE" => Some(TargetKind::Authority),
        "OD" => Some(TargetKind::OnlineService),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use crate::catalog::xzufi::message::{Deletion, EntityClass};
    use crate::catalog::xzufi::test_support::message;
    use crate::model::records::TargetKind;

    #[test]
    fn transfer_targets_are_resolved_in_the_message_then_by_id_form() {
        let transfer = |parent: &str, id: &str| {
            format!("<xzufi:schreibe><xzufi:zustaendigkeitTransferObjekt><xzufi:uebergeordnetesObjektID>{parent}</xzufi:uebergeordnetesObjektID>
              <xzufi:zustaendigkeit><xzufi:id>{id}</xzufi:id><xzufi:leistungID>L1</xzufi:leistungID><xzufi:gebietID>160000000000</xzufi:gebietID>
              <xzufi:rolle><code>01</code><name>Zuständige Stelle</name></xzufi:rolle></xzufi:zustaendigkeit></xzufi:zustaendigkeitTransferObjekt></xzufi:schreibe>")
        };
        // The transfer object precedes the onlinedienst it points at.
        let body = format!(
            "{}{}{}<xzufi:schreibe><xzufi:onlinedienst><xzufi:id>TH-17</xzufi:id><xzufi:bezeichnung>Dienst</xzufi:bezeichnung>
               <xzufi:link><xzufi:typ><code>02</code></xzufi:typ><xzufi:link>https://info.example</xzufi:link></xzufi:link>
               <xzufi:link><xzufi:typ><code>01</code></xzufi:typ><xzufi:link>https://start.example</xzufi:link></xzufi:link>
               <xzufi:vertrauensniveau><code>substantiell</code></xzufi:vertrauensniveau>
               <xzufi:sprachversion><xzufi:languageCode>de</xzufi:languageCode></xzufi:sprachversion></xzufi:onlinedienst></xzufi:schreibe>",
            transfer("TH-17", "Z1"),
            transfer("L100016.OE.9", "Z2"),
            transfer("L100016.OD.9", "Z3"),
        );
        let m = message(&body).expect("parses");
        let kinds: Vec<(&str, TargetKind)> = m
            .catalog
            .responsibilities
            .iter()
            .map(|r| (r.id.as_deref().unwrap_or_default(), r.target.kind))
            .collect();
        assert_eq!(
            kinds,
            [
                ("Z1", TargetKind::OnlineService),
                ("Z2", TargetKind::Authority),
                ("Z3", TargetKind::OnlineService)
            ]
        );
        let online = &m.catalog.online_services[0];
        assert_eq!(online.url, "https://start.example");
        assert_eq!(online.trust_level.as_deref(), Some("substantiell"));
        assert_eq!(online.lang, ["de"]);
    }

    #[test]
    fn skipped_entries_are_counted_in_one_warning() {
        let spezialisierung = "<xzufi:schreibe><xzufi:spezialisierung><xzufi:id>S</xzufi:id></xzufi:spezialisierung></xzufi:schreibe>";
        let m = message(&format!(
            "{spezialisierung}\n{spezialisierung}\n{spezialisierung}"
        ))
        .expect("parses");
        assert_eq!(m.warnings.len(), 1, "{:?}", m.warnings);
        assert!(
            m.warnings[0].starts_with("t.xml:4: 3 × schreibe <spezialisierung>"),
            "{}",
            m.warnings[0]
        );
    }

    #[test]
    fn deletions_keep_order_and_skip_unknown_classes() {
        let m = message(
            r#"<xzufi:loesche klasse="Zustaendigkeit"><xzufi:id>Z1</xzufi:id></xzufi:loesche>
               <xzufi:loesche klasse="LeistungSpezialisierung"><xzufi:id>S1</xzufi:id></xzufi:loesche>
               <xzufi:loesche klasse="Leistung"><xzufi:id>L1</xzufi:id></xzufi:loesche>"#,
        )
        .expect("parses");
        assert_eq!(
            m.deletions,
            [
                Deletion {
                    class: EntityClass::Zustaendigkeit,
                    id: "Z1".into()
                },
                Deletion {
                    class: EntityClass::Leistung,
                    id: "L1".into()
                },
            ]
        );
        assert!(
            m.warnings
                .iter()
                .any(|w| w.contains("LeistungSpezialisierung")),
            "{:?}",
            m.warnings
        );
    }
}
