//! The index layer: the file format, opening an index (verifying
//! everything), region resolution and the query engine.
//!
//! Within the layer, [`Index`] owns the opened tables and is the only way
//! in; the query engine (`query`) reads the term dictionary through the
//! verified `lexicon` and never sees `Index`; `responsible` applies the
//! most-specific-region rule to one service's assignments; `regions` finds a
//! citizen's place; `shard` cuts an index into shards and reads them back
//! (`sharded` adds them to an open index one by one).

pub mod format;
pub(crate) mod fst_check;
pub(crate) mod lexicon;
pub(crate) mod order;
pub(crate) mod query;
pub(crate) mod regions;
pub(crate) mod responsible;
pub(crate) mod shard;
mod sharded;
mod topics;
pub use topics::CLOSEST_TOPICS;

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::error::{Error, Result};
use crate::index::format::{Assignment, IndexMeta, Section};
use crate::index::lexicon::Lexicon;
use crate::index::query::hit::Hit;
use crate::index::query::search::{search, Corpus, SearchOptions};
use crate::index::query::suggest::suggestions;
use crate::index::regions::RegionTable;
use crate::index::responsible::{order_by_region, resolve, Responsible, Targets};
use crate::index::shard::RecordCounts;
use crate::model::records::{Authority, Form, OnlineService, Service, TargetKind, Topic};
use crate::model::region::{Ars, Plz, RegionEntry};
use crate::text::normalize::fold;

/// An opened, verified index.
///
/// Opening checks the header, the checksum and every section, so that a
/// damaged file is rejected up front with a specific [`Error`] and later
/// lookups cannot fail.
///
/// An index opened from the search shard of a sharded index
/// ([`Index::to_shards`]) starts with the dictionary and the services' list
/// entries only; the `shards_for_*` methods name the shards a search, a
/// service's detail or a place still needs, and [`Index::add_shard`] adds
/// each, checked the same way. Until then the missing parts read as empty.
pub struct Index {
    version: u16,
    checksum: u32,
    file_size: usize,
    section_sizes: Vec<(Section, usize)>,
    meta: IndexMeta,
    lexicon: Lexicon,
    counts: RecordCounts,
    services: Vec<Service>,
    /// Records by number; `None` until the area shard naming them is loaded.
    authorities: Vec<Option<Authority>>,
    online_services: Vec<Option<OnlineService>>,
    forms: Vec<Option<Form>>,
    topics: Vec<Topic>,
    regions: RegionTable,
    assignments: Vec<Vec<Assignment>>,
    service_numbers: HashMap<String, u32>,
    /// The other shards and which are loaded; `None` for a single file.
    directory: Option<sharded::Directory>,
    /// By topic position, whether the topic says something about a search
    /// (`topics.rs`): sized on first use, as that walks the whole catalog.
    telling_topics: OnceLock<Vec<bool>>,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index")
            .field("version", &self.version)
            .field("file_size", &self.file_size)
            .field("services", &self.services.len())
            .field("terms", &self.lexicon.len())
            .finish_non_exhaustive()
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
    /// response in the browser — or a sharded index from its search shard.
    pub fn from_bytes(bytes: &[u8]) -> Result<Index> {
        if bytes.starts_with(&format::SHARD_MAGIC) {
            return sharded::open_search_shard(bytes);
        }
        let raw = format::read(bytes)?;
        let meta: IndexMeta = decode(&raw, Section::Meta)?;
        let services: Vec<Service> = decode(&raw, Section::Services)?;
        let lexicon = Lexicon::verified(
            raw.section(Section::Terms).to_vec(),
            raw.section(Section::Postings).to_vec(),
            meta.terms,
            services.len(),
        )?;
        let authorities: Vec<Authority> = decode(&raw, Section::Authorities)?;
        let online_services: Vec<OnlineService> = decode(&raw, Section::OnlineServices)?;
        let forms: Vec<Form> = decode(&raw, Section::Forms)?;
        let topics: Vec<Topic> = decode(&raw, Section::Topics)?;
        let regions: Vec<RegionEntry> = decode(&raw, Section::Regions).map_err(|_| {
            Error::Corrupt("the region table holds a malformed ARS or postcode".into())
        })?;
        let regions = RegionTable::sorted(regions)
            .ok_or_else(|| Error::Corrupt("the region table is not sorted by ARS".into()))?;
        let mut assignments: Vec<Vec<Assignment>> = decode(&raw, Section::Responsibilities)?;
        for list in &mut assignments {
            order_by_region(list);
        }

        if assignments.len() != services.len() {
            return Err(Error::Corrupt(format!(
                "{} responsibility lists for {} services",
                assignments.len(),
                services.len()
            )));
        }
        let counts = RecordCounts {
            services: services.len() as u64,
            authorities: authorities.len() as u64,
            online_services: online_services.len() as u64,
            forms: forms.len() as u64,
            regions: regions.all().len() as u64,
        };
        check_assignments(assignments.iter().flatten(), &counts)?;
        let service_numbers = service_numbers(&services);
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
            lexicon,
            counts,
            services,
            authorities: authorities.into_iter().map(Some).collect(),
            online_services: online_services.into_iter().map(Some).collect(),
            forms: forms.into_iter().map(Some).collect(),
            topics,
            regions,
            assignments,
            service_numbers,
            directory: None,
            telling_topics: OnceLock::new(),
        })
    }

    fn corpus(&self) -> Corpus<'_> {
        Corpus {
            lexicon: &self.lexicon,
            services: &self.services,
        }
    }

    fn targets(&self) -> Targets<'_> {
        Targets {
            authorities: &self.authorities,
            online_services: &self.online_services,
            forms: &self.forms,
        }
    }

    /// Searches services, best first; see [`crate::RankKey`] for the ranking rules.
    pub fn search(&self, query: &str, options: &SearchOptions) -> Vec<Hit<'_>> {
        search(self.corpus(), query, options.limit, options.last_word)
            .into_iter()
            .map(|ranked| {
                let number = ranked.service as usize;
                Hit {
                    service: &self.services[number],
                    rank: ranked.rank,
                    matches: ranked.matches,
                    responsible: options
                        .region
                        .map(|place| self.responsible_for(number, place)),
                }
            })
            .collect()
    }

    /// Up to `limit` alternative queries that find something, for "Meinten
    /// Sie …?" when `query` finds nothing: words that match nothing are
    /// replaced by the closest indexed words or dropped.
    pub fn suggestions(&self, query: &str, limit: usize) -> Vec<String> {
        suggestions(self.corpus(), query, limit)
    }

    /// The format version of the file.
    pub fn version(&self) -> u16 {
        self.version
    }

    /// The CRC-32 of the payload, as recorded in the header.
    pub fn checksum(&self) -> u32 {
        self.checksum
    }

    /// Size of the index file in bytes (of a sharded index: its search shard).
    pub fn file_size(&self) -> usize {
        self.file_size
    }

    /// Encoded size of each section, in file order (of a sharded index:
    /// the search shard's).
    pub fn section_sizes(&self) -> &[(Section, usize)] {
        &self.section_sizes
    }

    /// How many records of each kind the whole index holds, loaded or not.
    pub fn counts(&self) -> RecordCounts {
        self.counts
    }

    /// Catalog metadata and counts.
    pub fn meta(&self) -> &IndexMeta {
        &self.meta
    }

    /// Number of distinct words in the term dictionary.
    pub fn term_count(&self) -> usize {
        self.lexicon.len()
    }

    /// All services, in catalog order.
    pub fn services(&self) -> &[Service] {
        &self.services
    }

    /// All services in A–Z order, by their names as a German reader sorts
    /// them ("Ä" with "A").
    pub fn services_by_name(&self) -> Vec<&Service> {
        by_name(self.services.iter().collect())
    }

    /// The service with `id`.
    pub fn service(&self, id: &str) -> Option<&Service> {
        self.service_numbers
            .get(id)
            .map(|&n| &self.services[n as usize])
    }

    /// All authorities (of a sharded index: those of the areas loaded).
    pub fn authorities(&self) -> impl Iterator<Item = &Authority> + '_ {
        self.authorities.iter().flatten()
    }

    /// All online services (of a sharded index: those of the areas loaded).
    pub fn online_services(&self) -> impl Iterator<Item = &OnlineService> + '_ {
        self.online_services.iter().flatten()
    }

    /// All forms (of a sharded index: those of the areas loaded).
    pub fn forms(&self) -> impl Iterator<Item = &Form> + '_ {
        self.forms.iter().flatten()
    }

    /// All topics.
    pub fn topics(&self) -> &[Topic] {
        &self.topics
    }

    /// The topics `service` is filed under, in the service's order; ids the
    /// index does not hold are skipped.
    pub fn topics_of<'a>(&'a self, service: &'a Service) -> impl Iterator<Item = &'a Topic> + 'a {
        service
            .topics
            .iter()
            .filter_map(|id| self.topics.iter().find(|t| &t.id == id))
    }

    /// All regions, sorted by ARS (of a sharded index: those loaded with
    /// the places shard or an area).
    pub fn regions(&self) -> &[RegionEntry] {
        self.regions.all()
    }

    /// The region with key `ars`, if the catalog lists it.
    pub fn region(&self, ars: &Ars) -> Option<&RegionEntry> {
        self.regions.get(ars)
    }

    /// The most specific regions whose postcodes include `plz`: a postcode can
    /// span several municipalities, and then the citizen must choose.
    pub fn regions_for_plz(&self, plz: Plz) -> Vec<&RegionEntry> {
        self.regions.for_plz(plz)
    }

    /// Regions whose name starts with the folded `name` (e.g. "erfurt",
    /// "bad lang"), most specific level first, then by name.
    pub fn regions_named(&self, name: &str) -> Vec<&RegionEntry> {
        self.regions.named(name)
    }

    /// The candidate places for what a citizen typed as their place: the
    /// regions of a postcode, or else the regions whose name begins so.
    ///
    /// ```
    /// # let catalog: zufi::Catalog = serde_json::from_str(r#"{"regions": [
    /// #   {"ars": "160705009001", "name": "Alkersleben", "level": "gemeinde", "plz": ["99310"]},
    /// #   {"ars": "160700004004", "name": "Arnstadt, Stadt", "level": "gemeinde", "plz": ["99310"]}]}"#).unwrap();
    /// # let index = zufi::Index::from_bytes(&zufi::IndexBuilder::new(&catalog).build().unwrap().bytes).unwrap();
    /// let names = |text| index.locate(text).iter().map(|r| r.name.as_str()).collect::<Vec<_>>();
    /// assert_eq!(names(" 99310 "), ["Arnstadt, Stadt", "Alkersleben"]);
    /// assert_eq!(names("arn"), ["Arnstadt, Stadt"]);
    /// ```
    pub fn locate(&self, text: &str) -> Vec<&RegionEntry> {
        let text = text.trim();
        match text.parse::<Plz>() {
            Ok(plz) => self.regions_for_plz(plz),
            Err(_) => self.regions_named(text),
        }
    }

    fn responsible_for(&self, service: usize, place: Ars) -> Responsible<'_> {
        let assignments = self
            .assignments
            .get(service)
            .map(Vec::as_slice)
            .unwrap_or_default();
        resolve(assignments, self.targets(), place)
    }

    /// The stored assignments of the service numbered `service` (its
    /// position in [`Index::services`]), for the editors' reports (which
    /// come with `import`, as the editor tooling does).
    #[cfg(feature = "import")]
    pub(crate) fn assignments_of(&self, service: usize) -> &[Assignment] {
        self.assignments
            .get(service)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    /// The id of target `number` of `kind`; `None` when the number is out of
    /// range or its area of a sharded index is not loaded.
    #[cfg(feature = "import")]
    pub(crate) fn target_id(&self, kind: TargetKind, number: u32) -> Option<&str> {
        let number = number as usize;
        match kind {
            TargetKind::Authority => self
                .authorities
                .get(number)?
                .as_ref()
                .map(|a| a.id.as_str()),
            TargetKind::OnlineService => self
                .online_services
                .get(number)?
                .as_ref()
                .map(|o| o.id.as_str()),
            TargetKind::Form => self.forms.get(number)?.as_ref().map(|f| f.id.as_str()),
        }
    }

    /// Who is responsible for the service `service_id` at `place`: for each
    /// target kind, the assignments of the most specific region key on the
    /// place's chain (Gemeinde → Verband → Kreis → Bezirk → Land → Bund);
    /// `None` for an unknown service.
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
        Some(self.responsible_for(number as usize, place))
    }
}

/// Checks that every assignment names a valid region and records that exist.
fn check_assignments<'a>(
    assignments: impl IntoIterator<Item = &'a Assignment>,
    counts: &RecordCounts,
) -> Result<()> {
    for assignment in assignments {
        let count = match assignment.kind {
            TargetKind::Authority => counts.authorities,
            TargetKind::OnlineService => counts.online_services,
            TargetKind::Form => counts.forms,
        };
        if Ars::from_number(assignment.region).is_none()
            || assignment.targets().any(|t| u64::from(t) >= count)
        {
            return Err(Error::Corrupt(
                "a responsibility points outside the record tables".into(),
            ));
        }
    }
    Ok(())
}

/// The number of each service id; the first of duplicate ids wins, as in
/// the builder.
fn service_numbers(services: &[Service]) -> HashMap<String, u32> {
    let mut numbers = HashMap::new();
    for (number, service) in services.iter().enumerate() {
        numbers.entry(service.id.clone()).or_insert(number as u32);
    }
    numbers
}

/// `services` in A–Z order by their folded names, equal names in the order given.
fn by_name(services: Vec<&Service>) -> Vec<&Service> {
    let names: Vec<String> = services.iter().map(|s| fold(&s.name)).collect();
    order::stable_order(names.len(), &mut |a, b| names[a].cmp(&names[b]))
        .into_iter()
        .map(|i| services[i])
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::build::IndexBuilder;
    use crate::index::Index;
    use crate::model::records::{Catalog, Service, Topic};

    fn topic(id: &str, parent: Option<&str>) -> Topic {
        Topic {
            id: id.into(),
            name: id.into(),
            parent: parent.map(str::to_string),
        }
    }

    /// Forty services: five under "umzug" (a subtopic of "wohnen"), two
    /// under "wohnen" itself, the rest under "sonstiges".
    fn index() -> Index {
        let topic_of = |i: usize| match i {
            0..5 => "umzug",
            5..7 => "wohnen",
            _ => "sonstiges",
        };
        let catalog = Catalog {
            topics: vec![
                topic("wohnen", None),
                topic("umzug", Some("wohnen")),
                topic("sonstiges", None),
                // A cycle in the catalog's parents ends the walk.
                topic("a", Some("b")),
                topic("b", Some("a")),
            ],
            services: (0..40)
                .map(|i| Service {
                    id: format!("s{i}"),
                    name: format!("Leistung {i}"),
                    topics: vec![topic_of(i).into(), "a".into()],
                    ..Default::default()
                })
                .collect(),
            ..Default::default()
        };
        Index::from_bytes(&IndexBuilder::new(&catalog).build().unwrap().bytes).unwrap()
    }

    fn common(index: &Index, numbers: &[usize]) -> Option<String> {
        let services: Vec<&Service> = numbers.iter().map(|&n| &index.services()[n]).collect();
        index.common_topic(&services).map(|t| t.id.clone())
    }

    #[test]
    fn the_most_specific_topic_most_hits_share() {
        let index = index();
        assert_eq!(common(&index, &[0, 1, 2, 8, 9]).as_deref(), Some("umzug"));
        assert_eq!(
            common(&index, &[0, 5, 6, 8, 9]).as_deref(),
            Some("wohnen"),
            "a parent holds its subtopics' services"
        );
        assert_eq!(common(&index, &[0, 1, 8, 9, 10]), None, "two of five");
        assert_eq!(common(&index, &[0, 1]), None, "too few hits");
        assert_eq!(
            common(&index, &[8, 9, 10, 11, 12]),
            None,
            "a topic holding most of the catalog says nothing"
        );
        // Only the first five hits count.
        assert_eq!(common(&index, &[8, 9, 10, 11, 12, 0, 1, 2]), None);
    }
}
