//! What an import yields: the records a message writes, the records it
//! deletes, and remarks for the editor.
//!
//! These are the public types of the importer, kept apart from the code that
//! fills them so that every other file of the importer can name them.

use crate::model::records::Catalog;

/// The XML namespace of XZuFi 2.2.
pub const NAMESPACE: &str = "http://xoev.de/schemata/xzufi/2_2_0";

/// The XZuFi classes a `loesche` entry can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntityClass {
    /// `Leistung` → a service.
    Leistung,
    /// `Organisationseinheit` → an authority.
    Organisationseinheit,
    /// `Onlinedienst` → an online service.
    Onlinedienst,
    /// `Zustaendigkeit` → a responsibility (by its id).
    Zustaendigkeit,
}

impl EntityClass {
    /// Reads a `loesche/@klasse` value (case-insensitive); `None` for classes
    /// zufi does not import, such as `LeistungSpezialisierung`.
    pub fn from_klasse(klasse: &str) -> Option<Self> {
        match klasse.trim().to_lowercase().as_str() {
            "leistung" => Some(EntityClass::Leistung),
            "organisationseinheit" => Some(EntityClass::Organisationseinheit),
            "onlinedienst" => Some(EntityClass::Onlinedienst),
            "zustaendigkeit" | "zuständigkeit" => Some(EntityClass::Zustaendigkeit),
            _ => None,
        }
    }
}

/// One `loesche` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deletion {
    /// Class of the record to delete.
    pub class: EntityClass,
    /// Its id.
    pub id: String,
}

/// An imported XZuFi message: the records of its `schreibe` entries and its deletions.
#[derive(Debug, Clone, Default)]
pub struct Message {
    /// When the message was created, as its `nachrichtenkopf` states it
    /// (`erstellungszeitpunkt`, an `xs:dateTime`), verbatim; the catalog
    /// loader applies the messages of a directory oldest first.
    pub created: Option<String>,
    /// Records written by `schreibe`.
    pub catalog: Catalog,
    /// `loesche` entries, to apply to records read before this message.
    pub deletions: Vec<Deletion>,
    /// Non-fatal remarks: skipped entries, guessed codes, another XZuFi version.
    pub warnings: Vec<String>,
}

impl Message {
    /// Class and id of every record this message writes, in catalog order.
    ///
    /// `schreibe` means "create or update": a loader that wants update
    /// semantics deletes records with these ids read from earlier files
    /// before appending this message. Responsibilities without an id are not
    /// listed; an id may repeat (one Zuständigkeit covering several regions).
    pub fn written(&self) -> impl Iterator<Item = (EntityClass, &str)> {
        let catalog = &self.catalog;
        let services = catalog
            .services
            .iter()
            .map(|s| (EntityClass::Leistung, s.id.as_str()));
        let authorities = catalog
            .authorities
            .iter()
            .map(|a| (EntityClass::Organisationseinheit, a.id.as_str()));
        let online = catalog
            .online_services
            .iter()
            .map(|o| (EntityClass::Onlinedienst, o.id.as_str()));
        let responsibilities = catalog
            .responsibilities
            .iter()
            .filter_map(|r| r.id.as_deref())
            .map(|id| (EntityClass::Zustaendigkeit, id));
        services
            .chain(authorities)
            .chain(online)
            .chain(responsibilities)
    }
}

#[cfg(test)]
mod tests {
    use crate::catalog::xzufi::message::EntityClass;
    use crate::catalog::xzufi::test_support::{leistung_xml, message, text_module};

    #[test]
    fn written_lists_every_record_with_an_id() {
        let m = message(&format!(
            "{}<xzufi:schreibe><xzufi:zustaendigkeitTransferObjekt><xzufi:uebergeordnetesObjektID>L.OE.1</xzufi:uebergeordnetesObjektID>
              <xzufi:zustaendigkeit><xzufi:id>Z9</xzufi:id><xzufi:leistungID>L100016.LB.1</xzufi:leistungID><xzufi:gebietID>160000000000</xzufi:gebietID></xzufi:zustaendigkeit>
              </xzufi:zustaendigkeitTransferObjekt></xzufi:schreibe>",
            leistung_xml(&text_module("02", "<xzufi:inhalt>N</xzufi:inhalt>"))
        ))
        .expect("parses");
        let written: Vec<_> = m.written().collect();
        assert_eq!(
            written,
            [
                (EntityClass::Leistung, "L100016.LB.1"),
                (EntityClass::Zustaendigkeit, "Z9")
            ]
        );
    }
}
