//! The sharded index: one index cut into files that a browser fetches only
//! when it needs them, so that the first suggestions of a Land's or the
//! whole country's catalog cost about as much as a town's.
//!
//! | shard | holds | fetched |
//! |---|---|---|
//! | `search` | meta, the whole term dictionary, every service's list entry (id, name, teaser, topics, popularity), topics, the record counts and the directory of all other shards | first, as the entry point |
//! | `postings-N` | one byte range of the posting lists, cut at list boundaries | when a query looks up a word whose list lies in it |
//! | `services-N` | the full records of a range of services | when one of them is opened |
//! | `places` | the region table (names and postcodes) | when the citizen looks for their place |
//! | `areas-L` | the directory of the area shards of Land `L` (`0`: the Bund) | when the citizen's place lies in `L` |
//! | `area-K` | the responsibilities given for regions under the key prefix `K`, the authorities, online services and forms they name and the regions under `K`; a large area comes in parts `K-N`, one per services shard | when the citizen's place lies under `K` |
//!
//! Areas are Kreise (5-digit prefix; their Verbände and Gemeinden), Länder
//! (2 digits; the Land and its Regierungsbezirke) and the Bund (`0`): a place
//! needs at most three, those of its key chain ([`areas_of_place`]). Within an
//! area, services with the same assignments share one stored list, so the
//! municipality → administration map of a Kreis is stored once however many
//! services follow it.
//!
//! Every shard is a complete container of `index::format` with the magic
//! [`SHARD_MAGIC`] and two sections: [`ShardHeader`] (kind, key and the
//! build it belongs to) and the body. The search shard's directory records
//! every other shard's file name, size and checksum, and a shard is
//! accepted only when its header names the same build and its checksum is
//! the one the directory recorded: shards of two builds never mix. File
//! names carry a hash of the bytes, so a host can cache them forever.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::index::format::{self, Assignment, IndexMeta, Section, SHARD_MAGIC};
use crate::model::records::{Authority, CatalogMeta, Form, OnlineService, Service, Topic};
use crate::model::region::{Ars, RegionEntry};

/// The value of [`Manifest::format`].
pub const MANIFEST_FORMAT: &str = "zufi-shards";

/// The kinds of shard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ShardKind {
    /// The entry point: dictionary, service list entries, directory.
    Search,
    /// A byte range of the posting lists.
    Postings,
    /// The full records of a range of services.
    Services,
    /// The region table.
    Places,
    /// Responsibilities and their targets for the regions under a key prefix.
    Area,
    /// The directory of one Land's area shards (or the Bund's), so that the
    /// search shard need not list hundreds of them.
    Areas,
}

impl ShardKind {
    /// Every kind.
    pub const ALL: [ShardKind; 6] = [
        ShardKind::Search,
        ShardKind::Postings,
        ShardKind::Services,
        ShardKind::Places,
        ShardKind::Area,
        ShardKind::Areas,
    ];

    /// The kind's name, as in file names and the manifest.
    pub fn name(self) -> &'static str {
        match self {
            ShardKind::Search => "search",
            ShardKind::Postings => "postings",
            ShardKind::Services => "services",
            ShardKind::Places => "places",
            ShardKind::Area => "area",
            ShardKind::Areas => "areas",
        }
    }
}

/// One shard as the directory and the manifest list it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shard {
    /// What the shard holds.
    pub kind: ShardKind,
    /// Which one of its kind: the chunk number of postings and services
    /// shards, the key prefix of an area (`0` for the Bund); empty otherwise.
    pub key: String,
    /// File name, next to the manifest.
    pub file: String,
    /// File size in bytes.
    pub bytes: u64,
    /// CRC-32 of the shard's payload, as in its header.
    pub checksum: u32,
    /// Postings: the chunk's first byte offset; services: its first service number.
    pub start: u64,
    /// Postings: the offset after the chunk; services: the number after the range.
    pub end: u64,
}

impl Shard {
    /// A short name for messages: `area 16070`, `postings 3`, `places`.
    pub fn label(&self) -> String {
        if self.key.is_empty() {
            self.kind.name().to_string()
        } else {
            format!("{} {}", self.kind.name(), self.key)
        }
    }
}

/// The entry point of a sharded index, `manifest.json` next to its shards.
///
/// It lists the shards the search shard's directory lists (search,
/// postings, services, places and each Land's `areas` directory); the area
/// shards, hundreds for the whole country, are listed with their names,
/// sizes and checksums in their Land's `areas` shard. So every shard is
/// reachable from the manifest, and the manifest stays small.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// Always [`MANIFEST_FORMAT`].
    pub format: String,
    /// The index format version of the shards.
    pub version: u16,
    /// The build the shards belong to: the checksum of the index they were
    /// cut from, as eight hex digits.
    pub build: String,
    /// The catalog's own metadata.
    pub catalog: Option<CatalogMeta>,
    /// The file name of the search shard, which lists all others.
    pub entry: String,
    /// The search shard and the shards its directory lists, in that order.
    pub shards: Vec<ManifestEntry>,
}

/// A shard as the manifest lists it (its kind and key are in its name).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestEntry {
    /// File name, next to the manifest.
    pub file: String,
    /// File size in bytes.
    pub bytes: u64,
    /// CRC-32 of the shard's payload, as in its header.
    pub checksum: u32,
}

impl From<&Shard> for ManifestEntry {
    fn from(shard: &Shard) -> Self {
        ManifestEntry {
            file: shard.file.clone(),
            bytes: shard.bytes,
            checksum: shard.checksum,
        }
    }
}

/// Record counts of the whole index, known before any area is loaded.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordCounts {
    /// Services.
    pub services: u64,
    /// Authorities.
    pub authorities: u64,
    /// Online services.
    pub online_services: u64,
    /// Forms.
    pub forms: u64,
    /// Regions.
    pub regions: u64,
}

/// How finely [`crate::Index::to_shards`] cuts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShardOptions {
    /// A postings chunk ends at the first list boundary at or after this many bytes.
    pub postings_chunk_bytes: usize,
    /// Services per services shard.
    pub services_per_shard: usize,
    /// An area whose shard would be larger is cut into parts by the services
    /// shards' ranges (a Land's or the Bund's offices for hundreds of
    /// services), so that one service's detail fetches only its part —
    /// unless the parts together would be more than twice the area, as when
    /// its services share a few lists (a Kreis's municipalities).
    pub area_part_bytes: usize,
}

impl Default for ShardOptions {
    /// Chunks of about 4 KB of postings (2–3 KB gzip), 64 services per
    /// services shard and areas above 24 KB in parts: chosen by measuring
    /// the bytes of a first search and a detail on the generated `land` and
    /// `national` catalogs (`cargo bench --bench shard_fetches`, see
    /// docs/PERFORMANCE.md).
    fn default() -> Self {
        ShardOptions {
            postings_chunk_bytes: 4 * 1024,
            services_per_shard: 64,
            area_part_bytes: 24 * 1024,
        }
    }
}

/// A sharded index as files: the manifest and every shard.
#[derive(Debug, Clone)]
pub struct ShardSet {
    /// The manifest (write it last, as `manifest.json`).
    pub manifest: Manifest,
    /// Every shard's file name and bytes: those of the manifest in its
    /// order, then the area shards.
    pub files: Vec<(String, Vec<u8>)>,
}

/// A shard's own description, its first section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct ShardHeader {
    pub(crate) kind: ShardKind,
    pub(crate) key: String,
    /// [`Manifest::build`] as a number.
    pub(crate) build: u32,
}

/// The search shard's body.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct SearchBody {
    pub(crate) meta: IndexMeta,
    pub(crate) counts: RecordCounts,
    pub(crate) terms: Vec<u8>,
    /// Every service's list entry ([`list_entry`]), in service order.
    pub(crate) services: Vec<Service>,
    pub(crate) topics: Vec<Topic>,
    /// Every other shard.
    pub(crate) shards: Vec<DirectoryEntry>,
}

/// A shard as the search shard's directory stores it: a [`Shard`] whose
/// file name is made from kind, key and hash when read, which keeps a
/// directory of hundreds of areas small.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct DirectoryEntry {
    kind: ShardKind,
    key: String,
    /// The first 8 bytes of the file's SHA-256.
    hash: u64,
    bytes: u64,
    checksum: u32,
    start: u64,
    end: u64,
}

impl DirectoryEntry {
    /// The entry of `shard`, written with `hash`.
    pub(crate) fn new(shard: &Shard, hash: u64) -> DirectoryEntry {
        DirectoryEntry {
            kind: shard.kind,
            key: shard.key.clone(),
            hash,
            bytes: shard.bytes,
            checksum: shard.checksum,
            start: shard.start,
            end: shard.end,
        }
    }

    /// The shard it describes.
    pub(crate) fn shard(&self) -> Shard {
        Shard {
            kind: self.kind,
            key: self.key.clone(),
            file: file_name(self.kind, &self.key, self.hash),
            bytes: self.bytes,
            checksum: self.checksum,
            start: self.start,
            end: self.end,
        }
    }
}

/// `<kind>[-<key>].<hash as 16 hex digits>.zufi`.
fn file_name(kind: ShardKind, key: &str, hash: u64) -> String {
    if key.is_empty() {
        format!("{}.{hash:016x}.zufi", kind.name())
    } else {
        format!("{}-{key}.{hash:016x}.zufi", kind.name())
    }
}

/// An area shard's body.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct AreaBody {
    /// The regions under the area's prefix.
    pub(crate) regions: Vec<RegionEntry>,
    /// Distinct assignment lists.
    pub(crate) lists: Vec<Vec<Assignment>>,
    /// (service number, list number) for each service with assignments here.
    pub(crate) services: Vec<(u32, u32)>,
    /// The targets the lists name, with their numbers in the whole index.
    pub(crate) authorities: Vec<(u32, Authority)>,
    pub(crate) online_services: Vec<(u32, OnlineService)>,
    pub(crate) forms: Vec<(u32, Form)>,
}

/// The area that holds what is assigned at region key `ars`: the Bund's
/// (`0`), a Land's for the Land and its Regierungsbezirke (2 digits), else
/// the Kreis's (5 digits) for the Kreis, its Verbände and Gemeinden.
pub(crate) fn area_of(ars: &Ars) -> String {
    let digits = ars.to_string();
    if *ars == Ars::BUND {
        "0".into()
    } else if digits[3..].bytes().all(|d| d == b'0') {
        digits[..2].into()
    } else {
        digits[..5].into()
    }
}

/// The areas a place's responsibilities can come from: those of its key
/// chain, sorted, each once.
pub(crate) fn areas_of_place(place: Ars) -> Vec<String> {
    // Put in place one by one: a set, or collecting and sorting, would
    // compile a copy of its code for these few keys.
    let mut areas: Vec<String> = Vec::new();
    for key in place.chain() {
        let area = area_of(&key);
        if let Err(at) = areas.binary_search(&area) {
            areas.insert(at, area);
        }
    }
    areas
}

/// The `areas` directory shard that lists `area`: its Land's (two digits),
/// or the Bund's (`0`).
pub(crate) fn directory_of_area(area: &str) -> &str {
    let area = area_of_key(area);
    area.get(..2).unwrap_or(area)
}

/// What the result list shows of a service: id, name, topics and
/// popularity (the ranking reads name and popularity). The rest, teaser
/// included, comes with its services shard: teasers would double the
/// search shard (measured in docs/PERFORMANCE.md).
pub(crate) fn list_entry(service: &Service) -> Service {
    Service {
        id: service.id.clone(),
        name: service.name.clone(),
        topics: service.topics.clone(),
        popularity: service.popularity,
        ..Service::default()
    }
}

pub(crate) fn encode<T: Serialize>(value: &T) -> Result<Vec<u8>> {
    postcard::to_allocvec(value).map_err(|e| Error::Corrupt(format!("cannot encode a shard: {e}")))
}

/// Writes one shard file: its description, the hash in its name, its bytes.
pub(crate) fn write_shard<T: Serialize>(
    kind: ShardKind,
    key: String,
    build: u32,
    (start, end): (u64, u64),
    body: &T,
) -> Result<(Shard, u64, Vec<u8>)> {
    let header = ShardHeader {
        kind,
        key: key.clone(),
        build,
    };
    let bytes = format::write_container(
        SHARD_MAGIC,
        &[
            (Section::ShardHeader, encode(&header)?),
            (Section::ShardBody, encode(body)?),
        ],
    )?;
    let digest = Sha256::digest(&bytes);
    let hash = digest[..8]
        .iter()
        .fold(0u64, |hash, &byte| hash << 8 | u64::from(byte));
    let file = file_name(kind, &key, hash);
    let checksum = format::read_container(&bytes, SHARD_MAGIC, &SHARD_SECTIONS)?.checksum;
    Ok((
        Shard {
            kind,
            key,
            file,
            bytes: bytes.len() as u64,
            checksum,
            start,
            end,
        },
        hash,
        bytes,
    ))
}

/// The sections of every shard, in order.
pub(crate) const SHARD_SECTIONS: [Section; 2] = [Section::ShardHeader, Section::ShardBody];

/// A shard's verified header and its body's bytes.
#[derive(Debug)]
pub(crate) struct RawShard<'a> {
    pub(crate) header: ShardHeader,
    pub(crate) checksum: u32,
    pub(crate) body: &'a [u8],
}

/// Checks a shard's container and reads its header.
pub(crate) fn read_shard(bytes: &[u8]) -> Result<RawShard<'_>> {
    let raw = format::read_container(bytes, SHARD_MAGIC, &SHARD_SECTIONS)?;
    let header: ShardHeader = postcard::from_bytes(raw.section(Section::ShardHeader))
        .map_err(|e| Error::Corrupt(format!("shard header cannot be decoded: {e}")))?;
    Ok(RawShard {
        header,
        checksum: raw.checksum,
        body: raw.section(Section::ShardBody),
    })
}

/// Decodes a shard's body.
pub(crate) fn decode_body<'a, T: Deserialize<'a>>(shard: &RawShard<'a>) -> Result<T> {
    postcard::from_bytes(shard.body).map_err(|e| {
        Error::Corrupt(format!(
            "the {} shard {} cannot be decoded: {e}",
            shard.header.kind.name(),
            shard.header.key
        ))
    })
}

/// Groups a complete index's assignments into area bodies, with each
/// area's distinct lists stored once and the targets they name (with the
/// authorities' parent organisations).
pub(crate) fn areas(
    assignments: &[Vec<Assignment>],
    regions: &[RegionEntry],
    targets: &TargetTables<'_>,
) -> Result<BTreeMap<String, AreaBody>> {
    let mut per_area: BTreeMap<String, BTreeMap<u32, Vec<Assignment>>> = BTreeMap::new();
    for (service, list) in assignments.iter().enumerate() {
        for assignment in list {
            let region = Ars::from_number(assignment.region)
                .ok_or_else(|| Error::Corrupt("an assignment's region is not an ARS".into()))?;
            per_area
                .entry(area_of(&region))
                .or_default()
                .entry(service as u32)
                .or_default()
                .push(assignment.clone());
        }
    }
    let mut bodies: BTreeMap<String, AreaBody> = BTreeMap::new();
    for region in regions {
        bodies
            .entry(area_of(&region.ars))
            .or_default()
            .regions
            .push(region.clone());
    }
    for (area, services) in per_area {
        let body = bodies.entry(area).or_default();
        let mut distinct: HashMap<Vec<u8>, u32> = HashMap::new();
        for (service, list) in services {
            let key = encode(&list)?;
            let next = body.lists.len() as u32;
            let number = *distinct.entry(key).or_insert(next);
            if number == next {
                body.lists.push(list);
            }
            body.services.push((service, number));
        }
        targets.attach(body);
    }
    Ok(bodies)
}

/// The record tables area shards take their targets from, with the
/// authorities' numbers by id (for parent organisations) built once per cut.
pub(crate) struct TargetTables<'a> {
    authorities: &'a [Option<Authority>],
    online_services: &'a [Option<OnlineService>],
    forms: &'a [Option<Form>],
    authority_numbers: HashMap<&'a str, u32>,
}

impl<'a> TargetTables<'a> {
    pub(crate) fn new(
        authorities: &'a [Option<Authority>],
        online_services: &'a [Option<OnlineService>],
        forms: &'a [Option<Form>],
    ) -> Self {
        let authority_numbers = authorities
            .iter()
            .enumerate()
            .filter_map(|(n, a)| Some((a.as_ref()?.id.as_str(), n as u32)))
            .collect();
        TargetTables {
            authorities,
            online_services,
            forms,
            authority_numbers,
        }
    }

    /// Gives `body` the records its lists name, with the named authorities'
    /// parent organisations (transitively): a detail shows which
    /// organisation an office belongs to.
    fn attach(&self, body: &mut AreaBody) {
        let mut named = [BTreeSet::new(), BTreeSet::new(), BTreeSet::new()];
        for assignment in body.lists.iter().flatten() {
            named[assignment.kind as usize].extend(assignment.targets());
        }
        let mut pending: Vec<u32> = named[0].iter().copied().collect();
        while let Some(number) = pending.pop() {
            let parent = self
                .authorities
                .get(number as usize)
                .and_then(Option::as_ref)
                .and_then(|a| a.parent.as_deref())
                .and_then(|id| self.authority_numbers.get(id));
            if let Some(&parent) = parent {
                if named[0].insert(parent) {
                    pending.push(parent);
                }
            }
        }
        body.authorities = numbered(&named[0], self.authorities);
        body.online_services = numbered(&named[1], self.online_services);
        body.forms = numbered(&named[2], self.forms);
    }
}

/// Cuts an area into parts by service range (`per_shard` services each,
/// aligned with the services shards): each part holds its services' lists
/// and the targets they name. Returns each part's chunk number and body.
pub(crate) fn area_parts(
    body: &AreaBody,
    per_shard: usize,
    targets: &TargetTables<'_>,
) -> Result<Vec<(u64, AreaBody)>> {
    let mut by_chunk: BTreeMap<u64, Vec<(u32, u32)>> = BTreeMap::new();
    for &(service, list) in &body.services {
        by_chunk
            .entry(u64::from(service) / per_shard.max(1) as u64)
            .or_default()
            .push((service, list));
    }
    let mut parts = Vec::with_capacity(by_chunk.len());
    for (chunk, services) in by_chunk {
        let mut part = AreaBody {
            regions: body.regions.clone(),
            ..AreaBody::default()
        };
        let mut renumbered: HashMap<u32, u32> = HashMap::new();
        for (service, list) in services {
            let next = part.lists.len() as u32;
            let number = *renumbered.entry(list).or_insert(next);
            if number == next {
                let assignments = body
                    .lists
                    .get(list as usize)
                    .ok_or_else(|| Error::Corrupt("an area names a missing list".into()))?;
                part.lists.push(assignments.clone());
            }
            part.services.push((service, number));
        }
        targets.attach(&mut part);
        parts.push((chunk, part));
    }
    Ok(parts)
}

/// The area an area shard's key belongs to: `16` for the part `16-3`.
pub(crate) fn area_of_key(key: &str) -> &str {
    key.split('-').next().unwrap_or_default()
}

fn numbered<T: Clone>(numbers: &BTreeSet<u32>, records: &[Option<T>]) -> Vec<(u32, T)> {
    numbers
        .iter()
        .filter_map(|&n| Some((n, records.get(n as usize)?.clone()?)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn area(ars: &str) -> String {
        area_of(&ars.parse().unwrap())
    }

    #[test]
    fn assignments_fall_into_kreis_land_and_bund_areas() {
        assert_eq!(area("160705009001"), "16070"); // Gemeinde
        assert_eq!(area("160705009000"), "16070"); // Verband
        assert_eq!(area("160700000000"), "16070"); // Kreis
        assert_eq!(area("091000000000"), "09"); // Regierungsbezirk
        assert_eq!(area("160000000000"), "16"); // Land
        assert_eq!(area("110000000000"), "11"); // Berlin: Land and Gemeinde at once
        assert_eq!(area("000000000000"), "0");
    }

    #[test]
    fn a_place_needs_the_areas_of_its_chain() {
        let areas: Vec<String> = areas_of_place("160705009001".parse().unwrap())
            .into_iter()
            .collect();
        assert_eq!(areas, ["0", "16", "16070"]);
        let berlin: Vec<String> = areas_of_place("110000000000".parse().unwrap())
            .into_iter()
            .collect();
        assert_eq!(berlin, ["0", "11"]);
    }
}
