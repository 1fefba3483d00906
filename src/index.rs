//! Opening an index from bytes, and region resolution on it.

use std::collections::HashMap;

use fst::Streamer;

use crate::format::{self, Assignment, IndexMeta, Section};
use crate::normalize::fold;
use crate::query;
use crate::{
    Ars, Authority, Error, Form, Hit, OnlineService, Region, Result, Role, SearchOptions, Service,
    TargetKind, Topic,
};

/// An opened, verified index.
///
/// Opening checks the header, the checksum and every section, so that a
/// damaged file is rejected up front with a specific [`Error`] and later
/// lookups cannot fail.
pub struct Index {
    version: u16,
    checksum: u32,
    file_size: usize,
    section_sizes: Vec<(Section, usize)>,
    meta: IndexMeta,
    pub(crate) terms: fst::Map<Vec<u8>>,
    pub(crate) postings: Vec<u8>,
    pub(crate) services: Vec<Service>,
    authorities: Vec<Authority>,
    online_services: Vec<OnlineService>,
    forms: Vec<Form>,
    topics: Vec<Topic>,
    regions: Vec<Region>,
    assignments: Vec<Vec<Assignment>>,
    service_numbers: HashMap<String, u32>,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index")
            .field("version", &self.version)
            .field("file_size", &self.file_size)
            .field("services", &self.services.len())
            .field("terms", &self.terms.len())
            .finish_non_exhaustive()
    }
}

/// A target responsible for a service in a region.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Assigned<'a, T> {
    /// The authority, online service or form.
    pub item: &'a T,
    /// Its role.
    pub role: Role,
    /// The region key the assignment was found at (the most specific one on
    /// the citizen's chain that has an assignment of this kind).
    pub region: Ars,
}

/// Who handles a service for one place: the most specific assignments,
/// chosen separately for each target kind.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Responsible<'a> {
    /// Responsible authorities (zuständige Stellen first).
    pub authorities: Vec<Assigned<'a, Authority>>,
    /// Online services for the place.
    pub online_services: Vec<Assigned<'a, OnlineService>>,
    /// Forms for the place.
    pub forms: Vec<Assigned<'a, Form>>,
}

impl Responsible<'_> {
    /// True when nothing is responsible.
    pub fn is_empty(&self) -> bool {
        self.authorities.is_empty() && self.online_services.is_empty() && self.forms.is_empty()
    }
}

fn decode<'a, T: serde::Deserialize<'a>>(
    raw: &format::RawIndex<'a>,
    section: Section,
) -> Result<T> {
    postcard::from_bytes(raw.section(section))
        .map_err(|e| Error::Corrupt(format!("section {} cannot be decoded: {e}", section.name())))
}

impl Index {
    /// Opens an index from its bytes — a file read natively, or a `fetch`
    /// response in the browser.
    pub fn from_bytes(bytes: &[u8]) -> Result<Index> {
        let raw = format::read(bytes)?;
        let meta: IndexMeta = decode(&raw, Section::Meta)?;
        let terms = fst::Map::new(raw.section(Section::Terms).to_vec())
            .map_err(|e| Error::Corrupt(format!("term dictionary: {e}")))?;
        // fst trusts its bytes when walking them; its own checksum catches damage first.
        terms
            .as_fst()
            .verify()
            .map_err(|e| Error::Corrupt(format!("term dictionary: {e}")))?;
        let postings = raw.section(Section::Postings).to_vec();
        let services: Vec<Service> = decode(&raw, Section::Services)?;
        let authorities: Vec<Authority> = decode(&raw, Section::Authorities)?;
        let online_services: Vec<OnlineService> = decode(&raw, Section::OnlineServices)?;
        let forms: Vec<Form> = decode(&raw, Section::Forms)?;
        let topics: Vec<Topic> = decode(&raw, Section::Topics)?;
        let regions: Vec<Region> = decode(&raw, Section::Regions)?;
        let assignments: Vec<Vec<Assignment>> = decode(&raw, Section::Responsibilities)?;

        if terms.len() as u64 != meta.terms {
            return Err(Error::Corrupt(format!(
                "term dictionary holds {} words, meta says {}",
                terms.len(),
                meta.terms
            )));
        }
        let mut stream = terms.stream();
        while let Some((_, offset)) = stream.next() {
            format::read_postings(&postings, offset, services.len())?;
        }
        if assignments.len() != services.len() {
            return Err(Error::Corrupt(format!(
                "{} responsibility lists for {} services",
                assignments.len(),
                services.len()
            )));
        }
        for assignment in assignments.iter().flatten() {
            let count = match assignment.kind {
                TargetKind::Authority => authorities.len(),
                TargetKind::OnlineService => online_services.len(),
                TargetKind::Form => forms.len(),
            };
            if Ars::from_number(assignment.region).is_none()
                || assignment.targets().any(|t| t as usize >= count)
            {
                return Err(Error::Corrupt(
                    "a responsibility points outside the record tables".into(),
                ));
            }
        }
        if regions.iter().any(|r| r.ars.parse::<Ars>().is_err()) {
            return Err(Error::Corrupt(
                "the region table holds a malformed ARS".into(),
            ));
        }

        // The first of duplicate ids wins, as in the builder.
        let mut service_numbers = HashMap::new();
        for (number, service) in services.iter().enumerate() {
            service_numbers
                .entry(service.id.clone())
                .or_insert(number as u32);
        }
        Ok(Index {
            version: raw.version,
            checksum: raw.checksum,
            file_size: bytes.len(),
            section_sizes: raw
                .sections
                .iter()
                .map(|(s, body)| (*s, body.len()))
                .collect(),
            meta,
            terms,
            postings,
            services,
            authorities,
            online_services,
            forms,
            topics,
            regions,
            assignments,
            service_numbers,
        })
    }

    /// Searches services; see [`SearchOptions`] for the ranking rules.
    pub fn search(&self, query: &str, options: &SearchOptions) -> Vec<Hit<'_>> {
        query::search(self, query, options)
    }

    /// Up to `limit` alternative queries that find something, for "Meinten
    /// Sie …?" when `query` finds nothing: words that match nothing are
    /// replaced by the closest indexed words or dropped.
    pub fn suggestions(&self, query: &str, limit: usize) -> Vec<String> {
        query::suggestions(self, query, limit)
    }

    /// The format version of the file.
    pub fn version(&self) -> u16 {
        self.version
    }

    /// The CRC-32 of the payload, as recorded in the header.
    pub fn checksum(&self) -> u32 {
        self.checksum
    }

    /// Size of the index file in bytes.
    pub fn file_size(&self) -> usize {
        self.file_size
    }

    /// Encoded size of each section, in file order.
    pub fn section_sizes(&self) -> &[(Section, usize)] {
        &self.section_sizes
    }

    /// Catalog metadata and counts.
    pub fn meta(&self) -> &IndexMeta {
        &self.meta
    }

    /// Number of distinct words in the term dictionary.
    pub fn term_count(&self) -> usize {
        self.terms.len()
    }

    /// All services, in catalog order.
    pub fn services(&self) -> &[Service] {
        &self.services
    }

    /// The service with `id`.
    pub fn service(&self, id: &str) -> Option<&Service> {
        self.service_numbers
            .get(id)
            .map(|&n| &self.services[n as usize])
    }

    /// All authorities.
    pub fn authorities(&self) -> &[Authority] {
        &self.authorities
    }

    /// All online services.
    pub fn online_services(&self) -> &[OnlineService] {
        &self.online_services
    }

    /// All forms.
    pub fn forms(&self) -> &[Form] {
        &self.forms
    }

    /// All topics.
    pub fn topics(&self) -> &[Topic] {
        &self.topics
    }

    /// All regions, sorted by ARS.
    pub fn regions(&self) -> &[Region] {
        &self.regions
    }

    /// The region with key `ars`, if the catalog lists it.
    pub fn region(&self, ars: &Ars) -> Option<&Region> {
        self.regions
            .binary_search_by(|r| r.ars.as_str().cmp(ars.as_str()))
            .ok()
            .map(|i| &self.regions[i])
    }

    /// The most specific regions whose postcodes include `plz`: a postcode can
    /// span several municipalities, and then the citizen must choose.
    pub fn regions_for_plz(&self, plz: &str) -> Vec<&Region> {
        let mut found: Vec<&Region> = self
            .regions
            .iter()
            .filter(|r| r.plz.iter().any(|p| p == plz))
            .collect();
        // Keep only regions none of whose descendants also carry the postcode:
        // drop every region on the key chain of another found region.
        let enclosing: Vec<Ars> = found
            .iter()
            .filter_map(|r| r.ars.parse::<Ars>().ok())
            .flat_map(|ars| ars.chain().skip(1))
            .collect();
        found.retain(|r| {
            r.ars
                .parse::<Ars>()
                .is_ok_and(|ars| !enclosing.contains(&ars))
        });
        found
    }

    /// Regions whose name starts with the folded `name` (e.g. "erfurt",
    /// "bad lang"), most specific level first, then by name.
    pub fn regions_named(&self, name: &str) -> Vec<&Region> {
        let wanted = fold(name);
        if wanted.is_empty() {
            return Vec::new();
        }
        let mut found: Vec<&Region> = self
            .regions
            .iter()
            .filter(|r| fold(&r.name).starts_with(&wanted))
            .collect();
        found.sort_by(|a, b| b.level.cmp(&a.level).then_with(|| a.name.cmp(&b.name)));
        found
    }

    /// Who is responsible for service number `service` at `place`: for each
    /// target kind, the assignments of the most specific region key on the
    /// place's chain (Gemeinde → Verband → Kreis → Bezirk → Land → Bund).
    pub(crate) fn responsible_by_number(&self, service: usize, place: Ars) -> Responsible<'_> {
        let assignments = self
            .assignments
            .get(service)
            .map(Vec::as_slice)
            .unwrap_or_default();
        let mut responsible = Responsible::default();
        for kind in [
            TargetKind::Authority,
            TargetKind::OnlineService,
            TargetKind::Form,
        ] {
            for key in place.chain() {
                let number = key.as_number();
                let mut found: Vec<(Role, u32)> = assignments
                    .iter()
                    .filter(|a| a.kind == kind && a.region == number)
                    .flat_map(|a| a.targets().map(move |t| (a.role, t)))
                    .collect();
                if found.is_empty() {
                    continue;
                }
                found.sort();
                for (role, target) in found {
                    let target = target as usize;
                    match kind {
                        TargetKind::Authority => {
                            responsible
                                .authorities
                                .extend(self.authorities.get(target).map(|item| Assigned {
                                    item,
                                    role,
                                    region: key,
                                }))
                        }
                        TargetKind::OnlineService => responsible.online_services.extend(
                            self.online_services.get(target).map(|item| Assigned {
                                item,
                                role,
                                region: key,
                            }),
                        ),
                        TargetKind::Form => {
                            responsible
                                .forms
                                .extend(self.forms.get(target).map(|item| Assigned {
                                    item,
                                    role,
                                    region: key,
                                }))
                        }
                    }
                }
                break;
            }
        }
        responsible
    }

    /// Who is responsible for the service `service_id` at `place`; `None`
    /// for an unknown service.
    ///
    /// ```
    /// # let catalog: zufi::Catalog = serde_json::from_str(r#"{
    /// #   "services": [{"id": "hund", "name": "Hundesteuer"}],
    /// #   "authorities": [{"id": "vg", "name": "VG Riechheimer Berg"}, {"id": "lra", "name": "Landratsamt Ilm-Kreis"}],
    /// #   "responsibilities": [
    /// #     {"service": "hund", "region": "160705009000", "target": {"type": "authority", "id": "vg"}},
    /// #     {"service": "hund", "region": "160700000000", "target": {"type": "authority", "id": "lra"}}]
    /// # }"#).unwrap();
    /// # let bytes = zufi::IndexBuilder::new(&catalog).build().unwrap().bytes;
    /// let index = zufi::Index::from_bytes(&bytes).unwrap();
    /// let alkersleben = "160705009001".parse().unwrap();
    /// let arnstadt = "160700004004".parse().unwrap();
    /// assert_eq!(index.responsible("hund", alkersleben).unwrap().authorities[0].item.name, "VG Riechheimer Berg");
    /// assert_eq!(index.responsible("hund", arnstadt).unwrap().authorities[0].item.name, "Landratsamt Ilm-Kreis");
    /// ```
    pub fn responsible(&self, service_id: &str, place: Ars) -> Option<Responsible<'_>> {
        let number = *self.service_numbers.get(service_id)?;
        Some(self.responsible_by_number(number as usize, place))
    }
}
