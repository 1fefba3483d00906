//! The binary index format: the one definition shared by the writer
//! ([`crate::IndexBuilder`]) and the reader ([`crate::Index`]).
//!
//! ```text
//! header (24 bytes, little endian)
//!   magic            8 bytes   "ZUFIIDX\0"
//!   format version   u16       VERSION
//!   reserved         u16       0
//!   checksum         u32       CRC-32 (IEEE) of the payload
//!   payload length   u64       bytes following the header
//! payload
//!   section count    u16
//!   section table    count × (kind u16, length u32)
//!   section bodies   concatenated in table order
//! ```
//!
//! Section bodies:
//!
//! | kind | section | encoding |
//! |---|---|---|
//! | 1 | `meta` | postcard [`IndexMeta`] |
//! | 2 | `terms` | `fst::Map`: normalised word → byte offset of its posting list |
//! | 3 | `postings` | per word: LEB128 count, then per service LEB128 `(service delta << 5) \| (umlaut << 4) \| (derivation << 2) \| field` |
//! | 4 | `services` | postcard `Vec<Service>` (catalog order; a service's index is its number) |
//! | 5 | `authorities` | postcard `Vec<Authority>` |
//! | 6 | `online_services` | postcard `Vec<OnlineService>` |
//! | 7 | `forms` | postcard `Vec<Form>` |
//! | 8 | `topics` | postcard `Vec<Topic>` |
//! | 9 | `regions` | postcard `Vec<Region>`, sorted by ARS |
//! | 10 | `responsibilities` | postcard `Vec<Vec<Assignment>>`, one list per service |
//!
//! Every section is required and appears once, in this order. The stored
//! records are the postcard encoding of the catalog model, so any change to
//! `catalog::model` changes the format and needs a new [`VERSION`].
//! Reading checks, in this order: magic, version, length, checksum, section
//! table, then every section's contents — a damaged file is rejected with a
//! specific [`Error`], never a panic.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::model::records::{CatalogMeta, Role, TargetKind};

/// The first eight bytes of every zufi index.
pub const MAGIC: [u8; 8] = *b"ZUFIIDX\0";

/// The first eight bytes of every shard of a sharded index (see
/// `index::shard`): the same container as a single index, with the
/// sections [`Section::ShardHeader`] and [`Section::ShardBody`].
pub const SHARD_MAGIC: [u8; 8] = *b"ZUFIPRT\0";

/// The format version this build writes and reads. Version 2 added
/// [`IndexMeta::date`].
pub const VERSION: u16 = 2;

/// Length of the fixed header in bytes.
pub const HEADER_LEN: usize = 24;

/// The sections of an index, in file order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Section {
    /// Catalog metadata and record counts.
    Meta = 1,
    /// The term dictionary (fst).
    Terms = 2,
    /// Posting lists.
    Postings = 3,
    /// Service records.
    Services = 4,
    /// Authority records.
    Authorities = 5,
    /// Online service records.
    OnlineServices = 6,
    /// Form records.
    Forms = 7,
    /// Topic records.
    Topics = 8,
    /// The region table.
    Regions = 9,
    /// Responsibilities, grouped by service.
    Responsibilities = 10,
    /// A shard's kind, key and build (shards only).
    ShardHeader = 11,
    /// A shard's contents, encoded by kind (shards only).
    ShardBody = 12,
}

impl Section {
    /// Every section, in file order.
    pub const ALL: [Section; 10] = [
        Section::Meta,
        Section::Terms,
        Section::Postings,
        Section::Services,
        Section::Authorities,
        Section::OnlineServices,
        Section::Forms,
        Section::Topics,
        Section::Regions,
        Section::Responsibilities,
    ];

    /// The section's name as `zufi inspect` prints it.
    pub fn name(self) -> &'static str {
        match self {
            Section::Meta => "meta",
            Section::Terms => "terms",
            Section::Postings => "postings",
            Section::Services => "services",
            Section::Authorities => "authorities",
            Section::OnlineServices => "online_services",
            Section::Forms => "forms",
            Section::Topics => "topics",
            Section::Regions => "regions",
            Section::Responsibilities => "responsibilities",
            Section::ShardHeader => "shard header",
            Section::ShardBody => "shard body",
        }
    }
}

/// Catalog metadata and counts stored in the `meta` section.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexMeta {
    /// The catalog's own metadata, if it had any (without its
    /// `query_languages`, which shape the build only).
    #[serde(with = "stored_catalog_meta")]
    pub catalog: Option<CatalogMeta>,
    /// Number of distinct normalised words in the term dictionary.
    pub terms: u64,
    /// Number of responsibilities compiled in.
    pub responsibilities: u64,
    /// The catalog's date ("Datenstand", `YYYY-MM-DD`): the newest editorial
    /// change of its services (their `updated`), never the build's clock.
    /// `None` when no service carries a date.
    pub date: Option<String>,
}

/// The catalog metadata as the `meta` section stores it: the fields of index
/// format 2, so that adding build-only fields to [`CatalogMeta`] changes no
/// index.
mod stored_catalog_meta {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use crate::model::records::CatalogMeta;

    #[derive(Serialize, Deserialize)]
    struct Stored {
        name: String,
        description: Option<String>,
        demo: bool,
        ars_list: Option<String>,
        attribution: Vec<String>,
    }

    pub(super) fn serialize<S: Serializer>(
        meta: &Option<CatalogMeta>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        meta.as_ref()
            .map(|m| Stored {
                name: m.name.clone(),
                description: m.description.clone(),
                demo: m.demo,
                ars_list: m.ars_list.clone(),
                attribution: m.attribution.clone(),
            })
            .serialize(serializer)
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<CatalogMeta>, D::Error> {
        Ok(
            Option::<Stored>::deserialize(deserializer)?.map(|s| CatalogMeta {
                name: s.name,
                description: s.description,
                demo: s.demo,
                ars_list: s.ars_list,
                attribution: s.attribution,
                query_languages: Vec::new(),
            }),
        )
    }
}

/// Where a posting's word occurs; lower is a stronger signal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Field {
    /// The service name.
    Name = 0,
    /// A synonym or search term.
    Synonym = 1,
    /// Teaser, text modules, costs, topics and other descriptive text.
    Text = 2,
}

impl Field {
    fn from_bits(bits: u64) -> Option<Field> {
        match bits {
            0 => Some(Field::Name),
            1 => Some(Field::Synonym),
            2 => Some(Field::Text),
            _ => None,
        }
    }
}

/// How an indexed word relates to a service's text; lower is a stronger signal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Derivation {
    /// The word itself occurs in the text.
    Literal = 0,
    /// The stem of a word of the text ("fahrzeug" for "Fahrzeuge").
    Stem = 1,
    /// A part of a compound of the text ("auskunft" in "Melderegisterauskunft").
    CompoundPart = 2,
    /// Added by the thesaurus ("lohnsteuerkarte" for "Lohnsteuerabzugsmerkmale").
    Thesaurus = 3,
}

impl Derivation {
    fn from_bits(bits: u64) -> Derivation {
        match bits {
            0 => Derivation::Literal,
            1 => Derivation::Stem,
            2 => Derivation::CompoundPart,
            _ => Derivation::Thesaurus,
        }
    }
}

/// One occurrence of a word: in which service, in which (best) field, and how.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Posting {
    /// Index of the service in the `services` section.
    pub service: u32,
    /// The strongest field the word occurs in.
    pub field: Field,
    /// How the word got there, for that field.
    pub derivation: Derivation,
    /// Whether the text spells the word with an umlaut (ä) rather than
    /// transliterated (ae); both fold to the same term.
    pub umlaut: bool,
}

/// The responsible targets of one kind and role for one service in one region.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Assignment {
    /// The region's ARS as a number (12 decimal digits fit in a u64).
    pub region: u64,
    /// Whether `targets` index authorities, online services or forms.
    pub kind: TargetKind,
    /// The role of the targets.
    pub role: Role,
    /// Target indexes, ascending, delta-encoded (each value is the
    /// difference to the previous one) so that they stay one byte each.
    pub target_deltas: Vec<u32>,
}

impl Assignment {
    /// The target indexes, decoded from their deltas.
    pub fn targets(&self) -> impl Iterator<Item = u32> + '_ {
        self.target_deltas.iter().scan(0u32, |previous, delta| {
            *previous = previous.saturating_add(*delta);
            Some(*previous)
        })
    }
}

/// Writes a complete index file from section bodies given in [`Section::ALL`] order.
pub fn write(sections: &[(Section, Vec<u8>)]) -> Result<Vec<u8>> {
    write_container(MAGIC, sections)
}

/// Writes the container both index files and shards use: `magic`, header,
/// section table and bodies.
pub(crate) fn write_container(magic: [u8; 8], sections: &[(Section, Vec<u8>)]) -> Result<Vec<u8>> {
    let mut payload = Vec::new();
    let count =
        u16::try_from(sections.len()).map_err(|_| Error::Corrupt("too many sections".into()))?;
    payload.extend_from_slice(&count.to_le_bytes());
    for (kind, body) in sections {
        let len = u32::try_from(body.len()).map_err(|_| {
            Error::InvalidArgument(format!("section {} exceeds 4 GiB", kind.name()))
        })?;
        payload.extend_from_slice(&(*kind as u16).to_le_bytes());
        payload.extend_from_slice(&len.to_le_bytes());
    }
    for (_, body) in sections {
        payload.extend_from_slice(body);
    }
    let mut file = Vec::with_capacity(HEADER_LEN + payload.len());
    file.extend_from_slice(&magic);
    file.extend_from_slice(&VERSION.to_le_bytes());
    file.extend_from_slice(&0u16.to_le_bytes());
    file.extend_from_slice(&crc32fast::hash(&payload).to_le_bytes());
    file.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    file.extend_from_slice(&payload);
    Ok(file)
}

/// The verified sections of an index file, borrowed from its bytes.
#[derive(Debug, Clone)]
pub struct RawIndex<'a> {
    /// The format version read from the header.
    pub version: u16,
    /// The checksum read from the header (and verified).
    pub checksum: u32,
    /// Section bodies in [`Section::ALL`] order.
    pub sections: Vec<(Section, &'a [u8])>,
}

impl<'a> RawIndex<'a> {
    /// The body of `section`.
    pub fn section(&self, section: Section) -> &'a [u8] {
        self.sections
            .iter()
            .find(|(kind, _)| *kind == section)
            .map(|(_, body)| *body)
            .unwrap_or_default()
    }
}

fn le_u16(bytes: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(bytes.get(at..at + 2)?.try_into().ok()?))
}

fn le_u32(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

fn le_u64(bytes: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(bytes.get(at..at + 8)?.try_into().ok()?))
}

/// Checks header, checksum and section table and returns the section bodies.
pub fn read(bytes: &[u8]) -> Result<RawIndex<'_>> {
    read_container(bytes, MAGIC, &Section::ALL)
}

/// Reads the container of [`write_container`]: `magic`, then exactly the
/// sections `expected`, in that order.
pub(crate) fn read_container<'a>(
    bytes: &'a [u8],
    magic: [u8; 8],
    expected: &[Section],
) -> Result<RawIndex<'a>> {
    if bytes.len() < magic.len() || bytes[..magic.len()] != magic {
        // A file cut inside the magic number is still recognisably ours.
        if bytes.len() < magic.len() && !bytes.is_empty() && magic.starts_with(bytes) {
            return Err(Error::Truncated {
                expected: HEADER_LEN as u64,
                got: bytes.len() as u64,
            });
        }
        return Err(Error::NotAnIndex);
    }
    let truncated_header = || Error::Truncated {
        expected: HEADER_LEN as u64,
        got: bytes.len() as u64,
    };
    let version = le_u16(bytes, 8).ok_or_else(truncated_header)?;
    if version != VERSION {
        return Err(Error::Version {
            expected: VERSION,
            got: version,
        });
    }
    let reserved = le_u16(bytes, 10).ok_or_else(truncated_header)?;
    let checksum = le_u32(bytes, 12).ok_or_else(truncated_header)?;
    let payload_len = le_u64(bytes, 16).ok_or_else(truncated_header)?;
    let payload = &bytes[HEADER_LEN..];
    let expected_total = payload_len.saturating_add(HEADER_LEN as u64);
    if (payload.len() as u64) < payload_len {
        return Err(Error::Truncated {
            expected: expected_total,
            got: bytes.len() as u64,
        });
    }
    if (payload.len() as u64) > payload_len {
        return Err(Error::Corrupt(format!(
            "{} unexpected bytes after the declared end of the index",
            payload.len() as u64 - payload_len
        )));
    }
    let actual = crc32fast::hash(payload);
    if actual != checksum {
        return Err(Error::Checksum {
            expected: checksum,
            actual,
        });
    }
    if reserved != 0 {
        return Err(Error::Corrupt(format!(
            "reserved header field is {reserved}, expected 0"
        )));
    }
    let sections = read_section_table(payload, expected)?;
    Ok(RawIndex {
        version,
        checksum,
        sections,
    })
}

/// The length of the whole file the header at the start of `bytes`
/// declares (header included), after checking magic and version: what a
/// reader of a file or stream reads before the body, so that it reads no
/// more than that. `bytes` needs only the first [`HEADER_LEN`] bytes.
pub fn declared_file_len(bytes: &[u8]) -> Result<u64> {
    let header = bytes.get(..HEADER_LEN).unwrap_or(bytes);
    match read(header) {
        // A header alone is "truncated" exactly when it is whole: the error
        // carries the declared length.
        Err(Error::Truncated { expected, got }) if got == HEADER_LEN as u64 => Ok(expected),
        Err(error) => Err(error),
        // Only an empty payload declared: the header is the whole file.
        Ok(_) => Ok(HEADER_LEN as u64),
    }
}

fn read_section_table<'a>(
    payload: &'a [u8],
    expected_sections: &[Section],
) -> Result<Vec<(Section, &'a [u8])>> {
    let count = le_u16(payload, 0).ok_or_else(|| Error::Corrupt("missing section table".into()))?;
    if usize::from(count) != expected_sections.len() {
        return Err(Error::Corrupt(format!(
            "{count} sections, expected {}",
            expected_sections.len()
        )));
    }
    let mut body_start = 2 + usize::from(count) * 6;
    let mut sections = Vec::with_capacity(expected_sections.len());
    for (position, &expected) in expected_sections.iter().enumerate() {
        let entry = 2 + position * 6;
        let kind = le_u16(payload, entry)
            .ok_or_else(|| Error::Corrupt("section table cut short".into()))?;
        let len = le_u32(payload, entry + 2)
            .ok_or_else(|| Error::Corrupt("section table cut short".into()))?;
        if kind != expected as u16 {
            return Err(Error::Corrupt(format!(
                "section {position} has kind {kind}, expected {} ({})",
                expected as u16,
                expected.name()
            )));
        }
        let body = body_start
            .checked_add(len as usize)
            .and_then(|end| payload.get(body_start..end))
            .ok_or_else(|| {
                Error::Corrupt(format!(
                    "section {} extends past the end of the file",
                    expected.name()
                ))
            })?;
        sections.push((expected, body));
        body_start += len as usize;
    }
    if body_start != payload.len() {
        return Err(Error::Corrupt(
            "section lengths do not add up to the payload length".into(),
        ));
    }
    Ok(sections)
}

/// Appends `value` as an unsigned LEB128 varint.
pub(crate) fn push_varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push((value as u8 & 0x7f) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// Reads an unsigned LEB128 varint at `*at`, advancing it; `None` when the
/// bytes end early or the value overflows.
pub(crate) fn read_varint(bytes: &[u8], at: &mut usize) -> Option<u64> {
    let mut value = 0u64;
    for shift in (0..64).step_by(7) {
        let byte = *bytes.get(*at)?;
        *at += 1;
        value |= u64::from(byte & 0x7f).checked_shl(shift)?;
        if byte & 0x80 == 0 {
            return Some(value);
        }
    }
    None
}

/// Appends one posting list (postings sorted by service, one per service).
pub(crate) fn push_postings(out: &mut Vec<u8>, postings: &[Posting]) {
    push_varint(out, postings.len() as u64);
    let mut previous = 0u32;
    for posting in postings {
        let delta = u64::from(posting.service - previous);
        let flags = (u64::from(posting.umlaut) << 4)
            | ((posting.derivation as u64) << 2)
            | posting.field as u64;
        push_varint(out, (delta << 5) | flags);
        previous = posting.service;
    }
}

/// Reads the posting list at byte `offset` of the postings section.
///
/// Fails when the list is malformed or names a service at or above
/// `service_count`: the lexicon (`index::lexicon`) checks every list
/// once this way when an index is opened, and reads them afterwards with
/// [`PostingDecoder`].
pub(crate) fn read_postings(
    postings: &[u8],
    offset: u64,
    service_count: usize,
) -> Result<Vec<Posting>> {
    let corrupt = || Error::Corrupt(format!("posting list at offset {offset} is malformed"));
    let mut decoder = PostingDecoder::at(postings, offset).ok_or_else(corrupt)?;
    if decoder.remaining > postings.len() as u64 {
        return Err(corrupt());
    }
    let mut list = Vec::with_capacity(decoder.remaining as usize);
    while decoder.remaining > 0 {
        let posting = decoder.next_posting().ok_or_else(corrupt)?;
        if posting.service as usize >= service_count {
            return Err(corrupt());
        }
        list.push(posting);
    }
    Ok(list)
}

/// Decodes one posting list step by step: the single definition of the
/// list layout on the reading side.
#[derive(Debug, Clone)]
pub(crate) struct PostingDecoder<'a> {
    bytes: &'a [u8],
    at: usize,
    /// Postings not yet decoded.
    pub(crate) remaining: u64,
    service: u64,
}

impl<'a> PostingDecoder<'a> {
    /// The list starting at byte `offset`; `None` when its count cannot be read.
    pub(crate) fn at(bytes: &'a [u8], offset: u64) -> Option<Self> {
        let mut at = usize::try_from(offset).ok()?;
        let remaining = read_varint(bytes, &mut at)?;
        Some(PostingDecoder {
            bytes,
            at,
            remaining,
            service: 0,
        })
    }

    /// The next posting; `None` at the end of the list or on malformed bytes.
    pub(crate) fn next_posting(&mut self) -> Option<Posting> {
        if self.remaining == 0 {
            return None;
        }
        let value = read_varint(self.bytes, &mut self.at)?;
        let service = self.service.checked_add(value >> 5)?;
        let field = Field::from_bits(value & 3)?;
        let service_number = u32::try_from(service).ok()?;
        self.service = service;
        self.remaining -= 1;
        Some(Posting {
            service: service_number,
            field,
            derivation: Derivation::from_bits((value >> 2) & 3),
            umlaut: value & 0x10 != 0,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<u8> {
        let sections: Vec<(Section, Vec<u8>)> = Section::ALL
            .into_iter()
            .map(|s| (s, vec![s as u8; s as usize]))
            .collect();
        write(&sections).unwrap()
    }

    #[test]
    fn written_sections_read_back() {
        let bytes = sample();
        let raw = read(&bytes).unwrap();
        assert_eq!(raw.version, VERSION);
        for section in Section::ALL {
            assert_eq!(
                raw.section(section),
                vec![section as u8; section as usize].as_slice()
            );
        }
    }

    #[test]
    fn damaged_headers_give_specific_errors() {
        let bytes = sample();
        assert!(matches!(
            read(b"PK\x03\x04 a zip file"),
            Err(Error::NotAnIndex)
        ));
        assert!(matches!(read(b""), Err(Error::NotAnIndex)));
        assert!(matches!(read(&bytes[..5]), Err(Error::Truncated { .. })));
        assert!(matches!(read(&bytes[..20]), Err(Error::Truncated { .. })));
        assert!(matches!(
            read(&bytes[..bytes.len() - 1]),
            Err(Error::Truncated { .. })
        ));
        let mut newer = bytes.clone();
        newer[8] = VERSION as u8 + 1;
        assert!(matches!(
            read(&newer),
            Err(Error::Version { expected: VERSION, got }) if got == VERSION + 1
        ));
        let mut flipped = bytes.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 1;
        assert!(matches!(read(&flipped), Err(Error::Checksum { .. })));
        let mut longer = bytes;
        longer.push(0);
        assert!(matches!(read(&longer), Err(Error::Corrupt(_))));
    }

    #[test]
    fn the_header_alone_tells_the_file_length() {
        let bytes = sample();
        let whole = bytes.len() as u64;
        assert_eq!(declared_file_len(&bytes).unwrap(), whole);
        assert_eq!(declared_file_len(&bytes[..HEADER_LEN]).unwrap(), whole);
        assert!(matches!(
            declared_file_len(&[0; HEADER_LEN]),
            Err(Error::NotAnIndex)
        ));
        assert!(matches!(
            declared_file_len(&bytes[..HEADER_LEN - 1]),
            Err(Error::Truncated { .. })
        ));
        let mut newer = bytes.clone();
        newer[8] = VERSION as u8 + 1;
        assert!(matches!(
            declared_file_len(&newer[..HEADER_LEN]),
            Err(Error::Version { .. })
        ));
        let mut huge = bytes[..HEADER_LEN].to_vec();
        huge[16..24].copy_from_slice(&u64::MAX.to_le_bytes());
        assert_eq!(declared_file_len(&huge).unwrap(), u64::MAX);
    }

    #[test]
    fn postings_round_trip() {
        let postings = [
            Posting {
                service: 0,
                field: Field::Text,
                derivation: Derivation::Literal,
                umlaut: false,
            },
            Posting {
                service: 7,
                field: Field::Name,
                derivation: Derivation::Stem,
                umlaut: true,
            },
            Posting {
                service: 300,
                field: Field::Synonym,
                derivation: Derivation::Thesaurus,
                umlaut: false,
            },
        ];
        let mut bytes = vec![0xff];
        push_postings(&mut bytes, &postings);
        assert_eq!(read_postings(&bytes, 1, 301).unwrap(), postings);
        assert!(
            read_postings(&bytes, 1, 300).is_err(),
            "service out of range is rejected"
        );
        assert!(read_postings(&bytes[..bytes.len() - 1], 1, 301).is_err());
    }

    #[test]
    fn varints_round_trip_at_the_edges() {
        for value in [0, 1, 127, 128, 300, u32::MAX as u64, u64::MAX] {
            let mut bytes = Vec::new();
            push_varint(&mut bytes, value);
            let mut at = 0;
            assert_eq!(read_varint(&bytes, &mut at), Some(value));
            assert_eq!(at, bytes.len());
        }
        assert_eq!(read_varint(&[0x80], &mut 0), None);
    }
}
