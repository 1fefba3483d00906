//! The editorial catalog: what editors maintain and every importer produces.
//!
//! The shape follows XZuFi 2.2 (Leistung, Organisationseinheit, Onlinedienst,
//! Zuständigkeit) closely enough that nothing of an XZuFi import is lost, but
//! uses plain English field names so that hand-written JSON stays readable.
//! `index/README.md` documents every field; `index/catalog.schema.json` is
//! the matching JSON Schema.
//!
//! The same serde derives serve the JSON catalog and the index's stored
//! records (postcard, which is not self-describing): so fields are never
//! skipped when serialising, and every change to these types is an index
//! format change that needs a new [`crate::index::format::VERSION`]. Empty fields are
//! left out of JSON output by [`crate::catalog::json::to_pretty_string`].

use serde::{Deserialize, Serialize};

use crate::model::region::RegionLevel;

/// The version of the JSON catalog format this crate reads and writes.
pub const CATALOG_SCHEMA_VERSION: &str = "1";

/// A complete catalog: regions, services, authorities and who is responsible
/// for what, where.
///
/// Catalog files may hold any subset of the lists; a catalog directory is the
/// concatenation of its files (see [`crate::catalog::load`]).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    /// Catalog format version, `"1"` when present.
    #[serde(default)]
    pub schema_version: Option<String>,
    /// Name, provenance and licences of the catalog.
    #[serde(default)]
    pub meta: Option<CatalogMeta>,
    /// Regions by 12-digit ARS, with their hierarchy and postcodes.
    #[serde(default)]
    pub regions: Vec<Region>,
    /// Topics (Lebenslagen) for browsing.
    #[serde(default)]
    pub topics: Vec<Topic>,
    /// Administrative services (Leistungen).
    #[serde(default)]
    pub services: Vec<Service>,
    /// Authorities and offices (Organisationseinheiten).
    #[serde(default)]
    pub authorities: Vec<Authority>,
    /// Online procedures (Onlinedienste).
    #[serde(default)]
    pub online_services: Vec<OnlineService>,
    /// Downloadable or online forms.
    #[serde(default)]
    pub forms: Vec<Form>,
    /// Zuständigkeiten: service × region × target.
    #[serde(default)]
    pub responsibilities: Vec<Responsibility>,
}

/// Who made a catalog, from what, and under which licences.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogMeta {
    /// Human-readable catalog name, e.g. "Berlin (DLDB 2016)".
    pub name: String,
    /// Free text describing the catalog.
    #[serde(default)]
    pub description: Option<String>,
    /// True for demonstration data that must not be taken as current truth.
    #[serde(default)]
    pub demo: bool,
    /// Date of the ARS code list the region keys refer to (`YYYY-MM-DD`).
    #[serde(default)]
    pub ars_list: Option<String>,
    /// Attribution lines that must ship with anything built from the catalog.
    #[serde(default)]
    pub attribution: Vec<String>,
    /// Further query languages whose vocabulary zufi adds, beyond German and
    /// English (ISO 639-1 codes, e.g. `["tr"]`; see
    /// [`crate::Thesaurus::language`]). Each costs index bytes, so a catalog
    /// names the languages its residents write.
    /// They shape the build only and are not stored in an index.
    #[serde(default)]
    pub query_languages: Vec<String>,
}

/// A region identified by its 12-digit Amtlicher Regionalschlüssel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Region {
    /// 12-digit ARS.
    pub ars: String,
    /// Official name, e.g. "Erfurt, Stadt".
    pub name: String,
    /// Administrative level.
    pub level: RegionLevel,
    /// ARS of the enclosing region, if it is in the catalog.
    #[serde(default)]
    pub parent: Option<String>,
    /// Five-digit postcodes (wholly or partly) in this region.
    #[serde(default)]
    pub plz: Vec<String>,
}

/// A topic (Lebenslage) in a browsable tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    /// Identifier, kept verbatim from the source.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Parent topic id for nested topics.
    #[serde(default)]
    pub parent: Option<String>,
}

/// An administrative service (Leistung).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Service {
    /// Identifier, kept verbatim from the source (XZuFi `leistung/id`, DLDB id, …).
    pub id: String,
    /// Citizen-facing name (text module 03, else 02).
    pub name: String,
    /// 14-digit LeiKa keys (`referenzLeiKa`).
    #[serde(default)]
    pub leika: Vec<String>,
    /// Typisierung codes such as `"2"` or `"4a"`, kept as strings.
    #[serde(default)]
    pub typisierung: Vec<String>,
    /// Teaser (text module 24).
    #[serde(default)]
    pub teaser: Option<String>,
    /// The descriptive text modules.
    #[serde(default)]
    pub text: ServiceText,
    /// Fees (`modulKosten`).
    #[serde(default)]
    pub costs: Option<String>,
    /// Deadlines (`modulFrist`).
    #[serde(default)]
    pub deadline: Option<String>,
    /// Processing time (`modulBearbeitungsdauer`).
    #[serde(default)]
    pub processing_time: Option<String>,
    /// Search terms and synonyms (`modulBegriffImKontext`, LeiKa `Synonyme`).
    #[serde(default)]
    pub synonyms: Vec<String>,
    /// Topic ids this service belongs to.
    #[serde(default)]
    pub topics: Vec<String>,
    /// Period in which the description is valid.
    #[serde(default)]
    pub valid: Option<Validity>,
    /// Last editorial change (ISO 8601), informational.
    #[serde(default)]
    pub updated: Option<String>,
    /// Editor-set popularity, 0–100: among hits that match a query equally
    /// well, more popular services come first (e.g. the office's top
    /// queries: Grundbuch, Baugenehmigung, Hundesteuer, Wohngeld).
    #[serde(default)]
    pub popularity: Option<u8>,
}

/// The coded text modules of a Leistungsbeschreibung (LeiKa text module codes
/// in brackets). Plain text; paragraphs separated by blank lines.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceText {
    /// Kurztext (05).
    #[serde(default)]
    pub short: Option<String>,
    /// Volltext (06).
    #[serde(default)]
    pub full: Option<String>,
    /// Rechtsgrundlagen (07).
    #[serde(default)]
    pub legal_basis: Option<String>,
    /// Erforderliche Unterlagen (08).
    #[serde(default)]
    pub required_documents: Option<String>,
    /// Voraussetzungen (09).
    #[serde(default)]
    pub prerequisites: Option<String>,
    /// Verfahrensablauf (11).
    #[serde(default)]
    pub procedure: Option<String>,
    /// Formulare (14).
    #[serde(default)]
    pub forms: Option<String>,
    /// Weiterführende Informationen (15).
    #[serde(default)]
    pub further_information: Option<String>,
    /// Hinweise (16).
    #[serde(default)]
    pub notes: Option<String>,
    /// Rechtsbehelf (25).
    #[serde(default)]
    pub appeal: Option<String>,
}

impl ServiceText {
    /// True when no module is set.
    pub fn is_empty(&self) -> bool {
        self.modules().all(|(_, text)| text.is_none())
    }

    /// Every module with its field name, in catalog order.
    pub fn modules(&self) -> impl Iterator<Item = (&'static str, Option<&str>)> {
        [
            ("short", self.short.as_deref()),
            ("full", self.full.as_deref()),
            ("legal_basis", self.legal_basis.as_deref()),
            ("required_documents", self.required_documents.as_deref()),
            ("prerequisites", self.prerequisites.as_deref()),
            ("procedure", self.procedure.as_deref()),
            ("forms", self.forms.as_deref()),
            ("further_information", self.further_information.as_deref()),
            ("notes", self.notes.as_deref()),
            ("appeal", self.appeal.as_deref()),
        ]
        .into_iter()
    }
}

/// A validity period; dates are `YYYY-MM-DD`, open ends are `None`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Validity {
    /// First day of validity.
    #[serde(default)]
    pub from: Option<String>,
    /// Last day of validity.
    #[serde(default)]
    pub to: Option<String>,
}

/// An authority or office (Organisationseinheit).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Authority {
    /// Identifier, kept verbatim from the source.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Id of the parent authority (e.g. the Bezirksamt of a Bürgeramt).
    #[serde(default)]
    pub parent: Option<String>,
    /// Visitor address.
    #[serde(default)]
    pub address: Option<Address>,
    /// Phone, fax, e-mail and web contacts.
    #[serde(default)]
    pub contact: Contact,
    /// Opening hours, one entry per time span.
    #[serde(default)]
    pub opening_hours: Vec<OpeningHours>,
}

/// A postal address, with the region key of the place it is in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Address {
    /// Street name.
    #[serde(default)]
    pub street: Option<String>,
    /// House number, possibly a range such as `4-11`.
    #[serde(default)]
    pub house_no: Option<String>,
    /// Five-digit postcode.
    #[serde(default)]
    pub plz: Option<String>,
    /// Town.
    #[serde(default)]
    pub city: Option<String>,
    /// 12-digit ARS of the municipality (`verwaltungspolitischeKodierung`).
    #[serde(default)]
    pub ars: Option<String>,
}

impl Address {
    /// The address on one line: "Ritterstraße 14, 99310 Arnstadt"; `None`
    /// when it holds neither street nor town.
    ///
    /// ```
    /// let address = zufi::Address {
    ///     street: Some("Ritterstraße".into()),
    ///     house_no: Some("14".into()),
    ///     city: Some("Arnstadt".into()),
    ///     ..Default::default()
    /// };
    /// assert_eq!(address.one_line().as_deref(), Some("Ritterstraße 14, Arnstadt"));
    /// assert_eq!(zufi::Address::default().one_line(), None);
    /// ```
    pub fn one_line(&self) -> Option<String> {
        let joined = |parts: [Option<&str>; 2], separator: &str| {
            parts
                .into_iter()
                .flatten()
                .filter(|part| !part.is_empty())
                .collect::<Vec<_>>()
                .join(separator)
        };
        let street = joined([self.street.as_deref(), self.house_no.as_deref()], " ");
        let town = joined([self.plz.as_deref(), self.city.as_deref()], " ");
        let line = joined([Some(&street), Some(&town)], ", ");
        (!line.is_empty()).then_some(line)
    }
}

/// Ways to reach an authority.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// Phone numbers as written.
    #[serde(default)]
    pub phone: Vec<String>,
    /// Fax numbers as written.
    #[serde(default)]
    pub fax: Vec<String>,
    /// E-mail addresses.
    #[serde(default)]
    pub email: Vec<String>,
    /// Web addresses.
    #[serde(default)]
    pub web: Vec<String>,
}

impl Contact {
    /// True when no contact is given.
    pub fn is_empty(&self) -> bool {
        self.phone.is_empty() && self.fax.is_empty() && self.email.is_empty() && self.web.is_empty()
    }
}

/// One opening-hours span, e.g. `Mo-Fr 09:00-12:00`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OpeningHours {
    /// Days, e.g. `"Mo-Fr"` or `"Di"`.
    pub days: String,
    /// Opening time `HH:MM`.
    #[serde(default)]
    pub from: Option<String>,
    /// Closing time `HH:MM`.
    #[serde(default)]
    pub to: Option<String>,
    /// Free-text remark, e.g. "nur mit Termin".
    #[serde(default)]
    pub note: Option<String>,
}

/// An online procedure (Onlinedienst).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OnlineService {
    /// Identifier, kept verbatim from the source.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Start address of the procedure.
    pub url: String,
    /// Vertrauensniveau: `basisregistrierung`, `substantiell` or `hoch`.
    #[serde(default)]
    pub trust_level: Option<String>,
    /// Languages offered (ISO 639-1).
    #[serde(default)]
    pub lang: Vec<String>,
}

/// A form (Formular).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Form {
    /// Identifier.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Download or online address.
    pub url: String,
    /// File format such as `pdf`, if it is a document.
    #[serde(default)]
    pub format: Option<String>,
}

/// A Zuständigkeit: in `region`, `service` is handled by `target`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Responsibility {
    /// Identifier, if the source has one.
    #[serde(default)]
    pub id: Option<String>,
    /// Service id.
    pub service: String,
    /// 12-digit ARS of the region the assignment applies to.
    pub region: String,
    /// The authority, online service or form that handles it.
    pub target: Target,
    /// Role of the target.
    #[serde(default)]
    pub role: Role,
}

/// What a responsibility points at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Target {
    /// Kind of target.
    #[serde(rename = "type")]
    pub kind: TargetKind,
    /// Id of the authority, online service or form.
    pub id: String,
}

/// The kinds of things a responsibility can point at. The most-specific-region
/// rule is applied per kind, so a Land-wide online service is not hidden by a
/// municipal office.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetKind {
    /// An [`Authority`].
    Authority,
    /// An [`OnlineService`].
    OnlineService,
    /// A [`Form`].
    Form,
}

impl std::fmt::Display for TargetKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            TargetKind::Authority => "authority",
            TargetKind::OnlineService => "online service",
            TargetKind::Form => "form",
        })
    }
}

/// The role of a responsible target (XZuFi `rolle`).
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Zuständige Stelle: decides the case.
    #[default]
    ZustaendigeStelle,
    /// Ansprechpunkt: point of contact that accepts and forwards applications.
    Ansprechpunkt,
}

impl Role {
    /// Every role, the deciding one first.
    pub const ALL: [Role; 2] = [Role::ZustaendigeStelle, Role::Ansprechpunkt];

    /// The role's name in catalogs and JSON output: `zustaendige_stelle`, `ansprechpunkt`.
    pub fn name(self) -> &'static str {
        match self {
            Role::ZustaendigeStelle => "zustaendige_stelle",
            Role::Ansprechpunkt => "ansprechpunkt",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_names_are_the_serialised_names() {
        for role in [Role::ZustaendigeStelle, Role::Ansprechpunkt] {
            assert_eq!(
                serde_json::to_value(role).unwrap(),
                serde_json::Value::from(role.name())
            );
        }
    }

    #[test]
    fn one_line_addresses_leave_out_what_is_missing() {
        let address = |street: Option<&str>, plz: Option<&str>| Address {
            street: street.map(Into::into),
            plz: plz.map(Into::into),
            ..Default::default()
        };
        assert_eq!(
            address(Some("Markt"), Some("99310")).one_line().as_deref(),
            Some("Markt, 99310")
        );
        assert_eq!(
            address(None, Some("99310")).one_line().as_deref(),
            Some("99310")
        );
        assert_eq!(address(Some(""), None).one_line(), None);
    }
}
