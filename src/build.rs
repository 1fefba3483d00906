//! Compiles a [`Catalog`] into the binary index described in [`crate::index::format`].
//!
//! The build is deterministic: records keep catalog order, words and
//! responsibilities are collected in ordered maps, and nothing depends on
//! time or hashing, so the same catalog always gives the same bytes.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use serde::Serialize;

use crate::error::{Error, Result};
use crate::index::format::{self, Assignment, Derivation, Field, IndexMeta, Posting, Section};
use crate::model::records::{Authority, Catalog, Form, OnlineService, Role, Service, TargetKind};
use crate::model::region::{Ars, RegionEntry};
use crate::model::texts::clean_catalog;
use crate::model::thesaurus::Thesaurus;
use crate::text::normalize::{
    compound_head, elided_compounds, index_words, index_words_spelled, is_stop_word,
    may_hold_umlaut, split_compound, stem,
};

/// A stage of the build, reported to the progress callback.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BuildStage {
    /// Collecting the words of every service.
    Words,
    /// Writing the term dictionary and postings.
    Terms,
    /// Resolving responsibilities to record numbers.
    Responsibilities,
    /// Encoding the stored records.
    Records,
    /// Assembling and checksumming the file.
    Finish,
}

impl BuildStage {
    /// Every stage, in order.
    pub const ALL: [BuildStage; 5] = [
        BuildStage::Words,
        BuildStage::Terms,
        BuildStage::Responsibilities,
        BuildStage::Records,
        BuildStage::Finish,
    ];
}

/// Compiles a catalog into index bytes.
///
/// The builder resolves every reference it needs (service, target, region
/// key) and fails with [`Error::Record`] on the first one it cannot; run
/// [`crate::validate::validate`] first for a complete report.
pub struct IndexBuilder<'a> {
    catalog: &'a Catalog,
    thesaurus: Thesaurus,
    progress: Option<Box<dyn FnMut(BuildStage) + 'a>>,
}

impl std::fmt::Debug for IndexBuilder<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IndexBuilder")
            .field("services", &self.catalog.services.len())
            .finish_non_exhaustive()
    }
}

/// The result of a build.
#[derive(Debug, Clone)]
pub struct BuildOutput {
    /// The complete index file.
    pub bytes: Vec<u8>,
    /// Encoded size of each section, in file order.
    pub section_sizes: Vec<(Section, usize)>,
    /// Distinct normalised words in the term dictionary.
    pub terms: usize,
    /// Responsibilities compiled in.
    pub responsibilities: usize,
    /// Authorities, online services and forms left out because no
    /// responsibility leads to them (see [`IndexBuilder::build`]).
    pub unreachable_targets_left_out: usize,
}

impl<'a> IndexBuilder<'a> {
    /// A builder for `catalog`.
    pub fn new(catalog: &'a Catalog) -> Self {
        IndexBuilder {
            catalog,
            thesaurus: Thesaurus::default(),
            progress: None,
        }
    }

    /// Adds synonyms from `thesaurus` to the services that contain its
    /// terms (see [`Thesaurus`]); without it only the catalog's own synonyms
    /// count.
    pub fn thesaurus(mut self, thesaurus: Thesaurus) -> Self {
        self.thesaurus = thesaurus;
        self
    }

    /// Calls `report` as each [`BuildStage`] begins.
    pub fn on_progress(mut self, report: impl FnMut(BuildStage) + 'a) -> Self {
        self.progress = Some(Box::new(report));
        self
    }

    fn stage(&mut self, stage: BuildStage) {
        if let Some(report) = self.progress.as_mut() {
            report(stage);
        }
    }

    /// Builds the index.
    ///
    /// Authorities, online services and forms that no responsibility points
    /// at (directly, or as the parent of an authority it points at) are left
    /// out: a finder reaches them only through responsibilities, so they would
    /// be dead weight in every download. Services, topics and regions are all
    /// kept.
    ///
    /// Every text is stored without control characters and bidi overrides
    /// (see [`crate::validate`], which warns about each): catalog content is
    /// data, and those characters only hide or reorder what a reader sees.
    pub fn build(mut self) -> Result<BuildOutput> {
        let cleaned = clean_catalog(self.catalog);
        let catalog: &Catalog = &cleaned;

        self.stage(BuildStage::Words);
        let words = collect_words(catalog, &self.thesaurus);

        self.stage(BuildStage::Terms);
        let mut terms = fst::MapBuilder::memory();
        let mut postings = Vec::new();
        for (word, by_service) in &words {
            let list: Vec<Posting> = by_service
                .iter()
                .map(|(&service, &(field, derivation, umlaut))| Posting {
                    service,
                    field,
                    derivation,
                    umlaut,
                })
                .collect();
            terms
                .insert(word, postings.len() as u64)
                .map_err(|e| Error::Corrupt(format!("term dictionary: {e}")))?;
            format::push_postings(&mut postings, &list);
        }
        let terms = terms
            .into_inner()
            .map_err(|e| Error::Corrupt(format!("term dictionary: {e}")))?;

        self.stage(BuildStage::Responsibilities);
        let targets = reachable_targets(catalog);
        let assignments = resolve_responsibilities(catalog, &targets)?;

        self.stage(BuildStage::Records);
        let regions = region_table(catalog)?;
        let meta = IndexMeta {
            catalog: catalog.meta.clone(),
            terms: words.len() as u64,
            responsibilities: catalog.responsibilities.len() as u64,
            date: catalog_date(&catalog.services),
        };
        let sections = vec![
            (Section::Meta, encode(&meta)?),
            (Section::Terms, terms),
            (Section::Postings, postings),
            (Section::Services, encode(&catalog.services)?),
            (Section::Authorities, encode(&targets.authorities)?),
            (Section::OnlineServices, encode(&targets.online_services)?),
            (Section::Forms, encode(&targets.forms)?),
            (Section::Topics, encode(&catalog.topics)?),
            (Section::Regions, encode(&regions)?),
            (Section::Responsibilities, encode(&assignments)?),
        ];

        self.stage(BuildStage::Finish);
        let section_sizes = sections.iter().map(|(s, body)| (*s, body.len())).collect();
        let left_out =
            catalog.authorities.len() + catalog.online_services.len() + catalog.forms.len()
                - targets.authorities.len()
                - targets.online_services.len()
                - targets.forms.len();
        Ok(BuildOutput {
            bytes: format::write(&sections)?,
            section_sizes,
            terms: words.len(),
            responsibilities: catalog.responsibilities.len(),
            unreachable_targets_left_out: left_out,
        })
    }
}

/// The catalog's regions with checked keys and postcodes, sorted by key.
fn region_table(catalog: &Catalog) -> Result<Vec<RegionEntry>> {
    let mut table = catalog
        .regions
        .iter()
        .map(|region| {
            let in_region = |e: Error| {
                Error::InvalidArgument(format!("region {:?} ({}): {e}", region.ars, region.name))
            };
            Ok(RegionEntry {
                ars: region.ars.parse().map_err(in_region)?,
                name: region.name.clone(),
                level: region.level,
                parent: region
                    .parent
                    .as_deref()
                    .map(str::parse)
                    .transpose()
                    .map_err(in_region)?,
                plz: region
                    .plz
                    .iter()
                    .map(|plz| plz.parse())
                    .collect::<Result<_>>()
                    .map_err(in_region)?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    table.sort_by_key(|region| region.ars);
    Ok(table)
}

fn encode<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>> {
    postcard::to_allocvec(value).map_err(|e| Error::Corrupt(format!("encoding records: {e}")))
}

/// Where and how a word occurs in one service: the strongest (field,
/// derivation), and whether that occurrence is spelled with an umlaut.
type Occurrence = (Field, Derivation, bool);

/// Shortest compound part the builder splits off: shorter parts ("amt",
/// "tag") split too many words wrongly.
const MIN_COMPOUND_PART: usize = 4;

/// Every normalised word → the services it occurs in, with the strongest
/// field and derivation: the words themselves, their stems, the parts of
/// compounds made of catalog words, and thesaurus synonyms.
fn collect_words(
    catalog: &Catalog,
    thesaurus: &Thesaurus,
) -> BTreeMap<String, BTreeMap<u32, Occurrence>> {
    let topic_names: HashMap<&str, &str> = catalog
        .topics
        .iter()
        .map(|t| (t.id.as_str(), t.name.as_str()))
        .collect();
    let texts: Vec<Vec<(Field, &str)>> = catalog
        .services
        .iter()
        .map(|service| searchable_texts(service, &topic_names))
        .collect();
    let literal: Vec<Vec<(Field, String, bool)>> = texts
        .iter()
        .map(|service_texts| {
            service_texts
                .iter()
                .flat_map(|&(field, text)| {
                    index_words_spelled(text)
                        .into_iter()
                        .map(move |(word, umlaut)| (field, word, umlaut))
                })
                .collect()
        })
        .collect();
    let vocabulary: HashSet<&str> = literal
        .iter()
        .flatten()
        .map(|(_, word, _)| word.as_str())
        .collect();

    let mut words: BTreeMap<String, BTreeMap<u32, Occurrence>> = BTreeMap::new();
    let mut add = |word: &str, service: u32, occurrence: Occurrence| {
        let best = words
            .entry(word.to_string())
            .or_default()
            .entry(service)
            .or_insert(occurrence);
        *best = (*best).min(occurrence);
    };
    for (number, service_words) in literal.iter().enumerate() {
        let number = number as u32;
        // Words of name and synonyms, for thesaurus lookups.
        let mut naming: Vec<&str> = Vec::new();
        let mut naming_completed: Vec<String> = Vec::new();
        for (field, word, umlaut) in service_words {
            add(word, number, (*field, Derivation::Literal, *umlaut));
            // Descriptions and topics stay literal: their stems and parts
            // would double the postings for little gain in precision.
            if *field == Field::Text {
                continue;
            }
            let stem = stem(word);
            if stem != word.as_str() {
                add(
                    &stem,
                    number,
                    (*field, Derivation::Stem, *umlaut && may_hold_umlaut(&stem)),
                );
            }
            let known = |part: &str| vocabulary.contains(part);
            let parts = split_compound(word, MIN_COMPOUND_PART, known)
                .or_else(|| {
                    compound_head(word, MIN_COMPOUND_PART, known).map(|head| vec![head.to_string()])
                })
                .unwrap_or_default();
            for part in &parts {
                // "gewerbe" in "Gaststättengewerbe" has no umlaut of its own.
                add(
                    part,
                    number,
                    (
                        *field,
                        Derivation::CompoundPart,
                        *umlaut && may_hold_umlaut(part),
                    ),
                );
            }
            naming.push(word);
        }
        // Complete elided compounds with the head of the compound they
        // borrow from: "Haus- und Nachbarschaftslärm" → "hauslaerm".
        for &(field, text) in &texts[number as usize] {
            for (modifier, compound) in elided_compounds(text) {
                let known = |part: &str| vocabulary.contains(part);
                let head = split_compound(&compound, MIN_COMPOUND_PART, known)
                    .and_then(|mut parts| parts.pop())
                    .or_else(|| {
                        compound_head(&compound, MIN_COMPOUND_PART, known).map(str::to_string)
                    });
                if let Some(head) = head {
                    let completed = format!("{modifier}{head}");
                    add(&completed, number, (field, Derivation::CompoundPart, false));
                    if field <= Field::Synonym {
                        naming_completed.push(completed);
                    }
                }
            }
        }
        let naming: Vec<&str> = naming
            .into_iter()
            .chain(naming_completed.iter().map(String::as_str))
            .collect();
        let naming_stems: Vec<String> = naming.iter().map(|w| stem(w).into_owned()).collect();
        for (contained, synonym) in thesaurus.expansions() {
            if contained
                .split(' ')
                .all(|w| names_word(&naming, &naming_stems, w))
            {
                for word in synonym_words(synonym) {
                    // Folded thesaurus terms carry no spelling; the query
                    // side does not compare it for thesaurus matches.
                    add(
                        &word,
                        number,
                        (Field::Synonym, Derivation::Thesaurus, false),
                    );
                }
            }
        }
    }
    words
}

/// The words a thesaurus phrase adds to a service. A phrase of two content
/// words ("neue wohnung", "dog tax") is added as one joined word, which the
/// query side meets when the two words stand side by side in a query
/// (stop words between them dropped): added one by one, "wohnung" would
/// reach every service "neue wohnung" leads to, whatever the query. Longer
/// phrases add their words.
fn synonym_words(synonym: &str) -> Vec<String> {
    let words = index_words(synonym);
    let content: Vec<&String> = words.iter().filter(|w| !is_stop_word(w)).collect();
    match content.as_slice() {
        [first, second] if synonym.contains(' ') => vec![format!("{first}{second}")],
        _ => words,
    }
}

/// Whether a service whose name and synonyms have the words `naming` (with
/// their stems) speaks of `word`: the word itself, an inflected form
/// ("Personalausweises" for "personalausweis"), a compound ending in it
/// ("Nachbarschaftslärm" for "lärm", "Neufahrzeuges" for "fahrzeug"), or one
/// beginning with it ("Erbschaftsteuer" for "erbschaft").
fn names_word(naming: &[&str], naming_stems: &[String], word: &str) -> bool {
    let word_stem = stem(word);
    let part_of = |compound: &str, part: &str, at_end: bool| {
        compound.len() > part.len() + 2
            && if at_end {
                part.len() >= MIN_COMPOUND_PART && compound.ends_with(part)
            } else {
                part.len() >= MIN_COMPOUND_MODIFIER && compound.starts_with(part)
            }
    };
    naming
        .iter()
        .zip(naming_stems)
        .any(|(name_word, name_stem)| {
            *name_word == word
                || *name_stem == word_stem
                || part_of(name_word, word, true)
                || part_of(name_stem, &word_stem, true)
                || part_of(name_word, word, false)
        })
}

/// Shortest word a thesaurus target may be as the first part of a compound
/// of the name: shorter ones ("bau", "kind") begin too many unrelated words.
const MIN_COMPOUND_MODIFIER: usize = 6;

/// The texts of a service that search looks at, each with its field.
fn searchable_texts<'s>(
    service: &'s Service,
    topic_names: &HashMap<&str, &'s str>,
) -> Vec<(Field, &'s str)> {
    let mut texts = vec![(Field::Name, service.name.as_str())];
    texts.extend(
        service
            .synonyms
            .iter()
            .map(|s| (Field::Synonym, s.as_str())),
    );
    texts.extend(service.teaser.as_deref().map(|t| (Field::Text, t)));
    texts.extend(
        service
            .text
            .modules()
            .filter_map(|(_, text)| text.map(|t| (Field::Text, t))),
    );
    for text in [&service.costs, &service.deadline, &service.processing_time]
        .into_iter()
        .flatten()
    {
        texts.push((Field::Text, text.as_str()));
    }
    texts.extend(service.topics.iter().filter_map(|id| {
        topic_names
            .get(id.as_str())
            .map(|name| (Field::Text, *name))
    }));
    texts.extend(service.leika.iter().map(|key| (Field::Text, key.as_str())));
    texts
}

/// Groups responsibilities by service, region, target kind and role, with
/// targets as record numbers.
/// The authorities, online services and forms the index keeps, in catalog order.
struct Targets<'c> {
    authorities: Vec<&'c Authority>,
    online_services: Vec<&'c OnlineService>,
    forms: Vec<&'c Form>,
}

/// The newest day among the services' `updated` stamps (ISO 8601, so the
/// text order is the time order): the catalog's Datenstand.
fn catalog_date(services: &[Service]) -> Option<String> {
    services
        .iter()
        .filter_map(|s| s.updated.as_deref()?.get(..10))
        .filter(|day| {
            let bytes = day.as_bytes();
            bytes.len() == 10
                && bytes[4] == b'-'
                && bytes[7] == b'-'
                && day
                    .bytes()
                    .enumerate()
                    .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit())
        })
        .max()
        .map(String::from)
}

fn reachable_targets(catalog: &Catalog) -> Targets<'_> {
    let targeted = |kind: TargetKind| -> HashSet<&str> {
        catalog
            .responsibilities
            .iter()
            .filter(|r| r.target.kind == kind)
            .map(|r| r.target.id.as_str())
            .collect()
    };
    let mut authorities = targeted(TargetKind::Authority);
    let parents: HashMap<&str, &str> = catalog
        .authorities
        .iter()
        .filter_map(|a| a.parent.as_deref().map(|parent| (a.id.as_str(), parent)))
        .collect();
    let mut pending: Vec<&str> = authorities.iter().copied().collect();
    while let Some(id) = pending.pop() {
        if let Some(parent) = parents.get(id) {
            if authorities.insert(parent) {
                pending.push(parent);
            }
        }
    }
    let online_services = targeted(TargetKind::OnlineService);
    let forms = targeted(TargetKind::Form);
    Targets {
        authorities: catalog
            .authorities
            .iter()
            .filter(|a| authorities.contains(a.id.as_str()))
            .collect(),
        online_services: catalog
            .online_services
            .iter()
            .filter(|o| online_services.contains(o.id.as_str()))
            .collect(),
        forms: catalog
            .forms
            .iter()
            .filter(|f| forms.contains(f.id.as_str()))
            .collect(),
    }
}

fn resolve_responsibilities(
    catalog: &Catalog,
    targets: &Targets<'_>,
) -> Result<Vec<Vec<Assignment>>> {
    fn numbers<'c>(ids: impl Iterator<Item = &'c str>) -> HashMap<&'c str, u32> {
        let mut map = HashMap::new();
        for (number, id) in ids.enumerate() {
            map.entry(id).or_insert(number as u32);
        }
        map
    }
    let services = numbers(catalog.services.iter().map(|s| s.id.as_str()));
    let authorities = numbers(targets.authorities.iter().map(|a| a.id.as_str()));
    let online_services = numbers(targets.online_services.iter().map(|o| o.id.as_str()));
    let forms = numbers(targets.forms.iter().map(|f| f.id.as_str()));

    let mut grouped: BTreeMap<(u32, u64, TargetKind, Role), BTreeSet<u32>> = BTreeMap::new();
    for (position, responsibility) in catalog.responsibilities.iter().enumerate() {
        let record = || match &responsibility.id {
            Some(id) => format!("responsibility {id:?}"),
            None => format!("responsibility #{}", position + 1),
        };
        let unresolved = |field: &str, message: String| Error::Record {
            file: "<catalog>".into(),
            record: record(),
            field: field.into(),
            message,
        };
        let service = *services
            .get(responsibility.service.as_str())
            .ok_or_else(|| {
                unresolved(
                    "service",
                    format!("unknown service {:?}", responsibility.service),
                )
            })?;
        let region: Ars = responsibility
            .region
            .parse()
            .map_err(|e: Error| unresolved("region", e.to_string()))?;
        let target_numbers = match responsibility.target.kind {
            TargetKind::Authority => &authorities,
            TargetKind::OnlineService => &online_services,
            TargetKind::Form => &forms,
        };
        let target = *target_numbers
            .get(responsibility.target.id.as_str())
            .ok_or_else(|| {
                unresolved(
                    "target.id",
                    format!(
                        "unknown {:?} {:?}",
                        responsibility.target.kind, responsibility.target.id
                    ),
                )
            })?;
        grouped
            .entry((
                service,
                region.as_number(),
                responsibility.target.kind,
                responsibility.role,
            ))
            .or_default()
            .insert(target);
    }

    let mut by_service: Vec<Vec<Assignment>> = vec![Vec::new(); catalog.services.len()];
    for ((service, region, kind, role), targets) in grouped {
        let mut previous = 0;
        let target_deltas = targets
            .into_iter()
            .map(|t| {
                let delta = t - previous;
                previous = t;
                delta
            })
            .collect();
        by_service[service as usize].push(Assignment {
            region,
            kind,
            role,
            target_deltas,
        });
    }
    Ok(by_service)
}

#[cfg(test)]
mod tests {
    use super::catalog_date;
    use crate::model::records::Service;

    fn updated(stamps: &[&str]) -> Vec<Service> {
        stamps
            .iter()
            .map(|stamp| Service {
                updated: Some(stamp.to_string()),
                ..Service::default()
            })
            .collect()
    }

    #[test]
    fn the_catalog_date_is_the_newest_service_update() {
        let services = updated(&["2025-11-03", "2026-02-14T09:30:00Z", "2024-01-01"]);
        assert_eq!(catalog_date(&services).as_deref(), Some("2026-02-14"));
        assert_eq!(catalog_date(&updated(&["gestern", "2026"])), None);
        assert_eq!(catalog_date(&[]), None);
    }
}
