//! An index opened from its search shard, completed shard by shard: what
//! each query, service and place still needs, and adding a shard once its
//! bytes arrive. Cutting a complete index into shards is here too, so that
//! both directions share one reading of `shard`'s layout.

use std::collections::BTreeMap;

use crate::error::{Error, Result};
use crate::index::format::{self, Section};
use crate::index::lexicon::Lexicon;
use crate::index::order::sort_by_key;
use crate::index::query::search::SearchOptions;
use crate::index::regions::RegionTable;
use crate::index::responsible::order_by_region;
use crate::index::shard::{
    self, areas_of_place, decode_body, list_entry, read_shard, write_shard, AreaBody,
    DirectoryEntry, Manifest, ManifestEntry, SearchBody, Shard, ShardKind, ShardOptions, ShardSet,
    MANIFEST_FORMAT,
};
use crate::index::{check_assignments, service_numbers, Index};
use crate::model::records::{Service, TargetKind};
use crate::model::region::{Ars, RegionEntry};

/// The other shards of a sharded index and which of them are loaded.
#[derive(Debug, Clone)]
pub(crate) struct Directory {
    shards: Vec<Shard>,
    loaded: Vec<bool>,
    /// For each postings chunk (in offset order), its place in `shards`.
    postings: Vec<usize>,
}

impl Directory {
    fn find(&self, kind: ShardKind, key: &str) -> Option<usize> {
        self.shards
            .iter()
            .position(|s| s.kind == kind && s.key == key)
    }

    fn missing(&self, position: Option<usize>) -> Option<&Shard> {
        let position = position?;
        (!self.loaded[position]).then(|| &self.shards[position])
    }
}

/// Opens the search shard of a sharded index.
pub(crate) fn open_search_shard(bytes: &[u8]) -> Result<Index> {
    let raw = read_shard(bytes)?;
    if raw.header.kind != ShardKind::Search {
        return Err(Error::InvalidArgument(format!(
            "this is the {} shard of a sharded index, not its entry point: open the index through its manifest.json or its search shard",
            raw.header.kind.name()
        )));
    }
    let body: SearchBody = decode_body(&raw)?;
    let SearchBody {
        meta,
        counts,
        terms,
        services,
        topics,
        shards,
    } = body;
    let shards: Vec<Shard> = shards.iter().map(DirectoryEntry::shard).collect();
    if services.len() as u64 != counts.services {
        return Err(Error::Corrupt(format!(
            "{} service entries, the directory counts {}",
            services.len(),
            counts.services
        )));
    }
    let mut postings: Vec<usize> = (0..shards.len())
        .filter(|&i| shards[i].kind == ShardKind::Postings)
        .collect();
    sort_by_key(&mut postings, |&i| shards[i].start);
    let mut expected_start = 0;
    for &i in &postings {
        if shards[i].start != expected_start {
            return Err(Error::Corrupt(
                "the postings shards do not adjoin".to_string(),
            ));
        }
        expected_start = shards[i].end;
    }
    let chunk_ends: Vec<u64> = postings.iter().map(|&i| shards[i].end).collect();
    let lexicon = Lexicon::without_postings(terms, meta.terms, &chunk_ends)?;
    for record in shards.iter().filter(|s| s.kind == ShardKind::Services) {
        if record.start >= record.end || record.end > counts.services {
            return Err(Error::Corrupt(format!(
                "the {} shard covers services {}..{} of {}",
                record.label(),
                record.start,
                record.end,
                counts.services
            )));
        }
    }
    let table_len = |count: u64| {
        usize::try_from(count)
            .ok()
            .filter(|&n| n <= bytes.len().saturating_mul(64))
            .ok_or_else(|| Error::Corrupt(format!("implausible record count {count}")))
    };
    let service_numbers = service_numbers(&services);
    let service_count = services.len();
    Ok(Index {
        version: format::VERSION,
        checksum: raw.header.build,
        file_size: bytes.len(),
        section_sizes: vec![
            (Section::ShardHeader, bytes.len() - raw.body.len()),
            (Section::ShardBody, raw.body.len()),
        ],
        meta,
        lexicon,
        counts,
        services,
        authorities: vec![None; table_len(counts.authorities)?],
        online_services: vec![None; table_len(counts.online_services)?],
        forms: vec![None; table_len(counts.forms)?],
        topics,
        regions: RegionTable::default(),
        assignments: vec![Vec::new(); service_count],
        service_numbers,
        directory: Some(Directory {
            loaded: vec![false; shards.len()],
            shards,
            postings,
        }),
        telling_topics: std::sync::OnceLock::new(),
    })
}

impl Index {
    /// The shards of a sharded index other than its search shard (empty for
    /// a single file).
    pub fn shard_directory(&self) -> &[Shard] {
        self.directory.as_ref().map_or(&[], |d| &d.shards)
    }

    /// Whether everything is loaded: always for a single file.
    pub fn is_complete(&self) -> bool {
        self.directory
            .as_ref()
            .is_none_or(|d| d.loaded.iter().all(|&l| l))
    }

    /// The shards not loaded yet.
    pub fn missing_shards(&self) -> Vec<&Shard> {
        let Some(directory) = &self.directory else {
            return Vec::new();
        };
        (0..directory.shards.len())
            .filter_map(|i| directory.missing(Some(i)))
            .collect()
    }

    /// The shards [`Index::search`] still needs for `query` with `options`:
    /// the postings of the words it looks up, the areas of the place (for
    /// the hits found so far), and,
    /// when nothing is found, those [`Index::suggestions`] looks up. Run it
    /// again after adding them: new postings can lead to new words.
    pub fn shards_for_search(&self, query: &str, options: &SearchOptions) -> Vec<&Shard> {
        let Some(directory) = &self.directory else {
            return Vec::new();
        };
        self.lexicon.take_wanted_chunks();
        let found = self.search(query, options);
        if found.is_empty() {
            self.suggestions(query, 3);
        }
        let mut needed: Vec<&Shard> = self
            .lexicon
            .take_wanted_chunks()
            .into_iter()
            .filter_map(|chunk| directory.missing(directory.postings.get(chunk).copied()))
            .collect();
        if let Some(place) = options.region {
            let hits: Vec<u32> = found
                .iter()
                .filter_map(|hit| self.service_numbers.get(&hit.service.id).copied())
                .collect();
            needed.extend(self.shards_for_services_at(&hits, place));
        }
        needed
    }

    /// The shard holding the full record of the service `id`, if it is
    /// not loaded yet.
    pub fn shards_for_service(&self, id: &str) -> Vec<&Shard> {
        let (Some(directory), Some(&number)) = (&self.directory, self.service_numbers.get(id))
        else {
            return Vec::new();
        };
        let position = directory.shards.iter().position(|s| {
            s.kind == ShardKind::Services && (s.start..s.end).contains(&u64::from(number))
        });
        directory.missing(position).into_iter().collect()
    }

    /// The area shards at `place` that every service's responsibilities
    /// read (its Kreis's, and small Länder's), if not loaded yet: what to
    /// fetch as soon as the place is known. Large areas come in parts per
    /// service range, which [`Index::shards_for_responsible`] adds.
    pub fn shards_for_place(&self, place: Ars) -> Vec<&Shard> {
        let Some(directory) = &self.directory else {
            return Vec::new();
        };
        let areas = areas_of_place(place);
        // An area's directory comes first; its areas in the round after.
        let directories: Vec<&Shard> = areas
            .iter()
            .filter_map(|area| {
                directory.missing(directory.find(ShardKind::Areas, shard::directory_of_area(area)))
            })
            .collect::<Vec<_>>();
        let mut needed: Vec<&Shard> = directories;
        needed.dedup_by(|a, b| a.key == b.key);
        needed.extend(
            areas
                .iter()
                .filter_map(|area| directory.missing(directory.find(ShardKind::Area, area))),
        );
        needed
    }

    /// The shards [`Index::responsible`] needs for the service `id` at
    /// `place`, if not loaded yet: the place's areas and the parts of large
    /// areas that hold this service.
    pub fn shards_for_responsible(&self, id: &str, place: Ars) -> Vec<&Shard> {
        match self.service_numbers.get(id) {
            Some(&number) => self.shards_for_services_at(&[number], place),
            None => Vec::new(),
        }
    }

    fn shards_for_services_at(&self, services: &[u32], place: Ars) -> Vec<&Shard> {
        let Some(directory) = &self.directory else {
            return Vec::new();
        };
        let areas = areas_of_place(place);
        let mut needed = self.shards_for_place(place);
        for (position, shard) in directory.shards.iter().enumerate() {
            let is_needed_part = shard.kind == ShardKind::Area
                && shard.end > 0
                && areas
                    .iter()
                    .any(|area| area == shard::area_of_key(&shard.key))
                && services
                    .iter()
                    .any(|&s| (shard.start..shard.end).contains(&u64::from(s)));
            if is_needed_part {
                needed.extend(directory.missing(Some(position)));
            }
        }
        needed
    }

    /// The places shard, which [`Index::locate`] needs, if not loaded yet.
    pub fn shards_for_places(&self) -> Vec<&Shard> {
        let Some(directory) = &self.directory else {
            return Vec::new();
        };
        directory
            .missing(directory.find(ShardKind::Places, ""))
            .into_iter()
            .collect()
    }

    /// Adds a shard of this sharded index: checks its container, that it
    /// belongs to this build and is the one the directory lists, and its
    /// contents. Adding a loaded shard again changes nothing.
    pub fn add_shard(&mut self, bytes: &[u8]) -> Result<()> {
        let raw = read_shard(bytes)?;
        let build = self.checksum;
        let Some(directory) = &self.directory else {
            return Err(Error::InvalidArgument(
                "this index is a single file; it has no shards to add".into(),
            ));
        };
        if raw.header.build != build {
            return Err(Error::Corrupt(format!(
                "the {} shard {} belongs to another build ({:08x}, this index is {build:08x}): the manifest and its shards are from different publications",
                raw.header.kind.name(),
                raw.header.key,
                raw.header.build
            )));
        }
        let position = directory
            .find(raw.header.kind, &raw.header.key)
            .ok_or_else(|| {
                Error::Corrupt(format!(
                    "the directory lists no {} shard {}",
                    raw.header.kind.name(),
                    raw.header.key
                ))
            })?;
        let entry = directory.shards[position].clone();
        if raw.checksum != entry.checksum {
            return Err(Error::Corrupt(format!(
                "the {} shard's checksum {:08x} is not the {:08x} the directory lists",
                entry.label(),
                raw.checksum,
                entry.checksum
            )));
        }
        if directory.loaded[position] {
            return Ok(());
        }
        match entry.kind {
            ShardKind::Search => {}
            ShardKind::Postings => {
                let chunk = directory
                    .postings
                    .iter()
                    .position(|&p| p == position)
                    .unwrap_or(usize::MAX);
                let bytes: Vec<u8> = decode_body(&raw)?;
                self.lexicon
                    .load_chunk(chunk, &bytes, self.services.len())?;
            }
            ShardKind::Services => {
                let services: Vec<Service> = decode_body(&raw)?;
                if services.len() as u64 != entry.end - entry.start {
                    return Err(Error::Corrupt(format!(
                        "the {} shard holds {} services, the directory says {}",
                        entry.label(),
                        services.len(),
                        entry.end - entry.start
                    )));
                }
                let first = entry.start as usize;
                for (offset, service) in services.iter().enumerate() {
                    if service.id != self.services[first + offset].id {
                        return Err(Error::Corrupt(format!(
                            "the {} shard's service {} is not the one the directory lists",
                            entry.label(),
                            service.id
                        )));
                    }
                }
                for (offset, service) in services.into_iter().enumerate() {
                    self.services[first + offset] = service;
                }
            }
            ShardKind::Places => {
                let regions: Vec<RegionEntry> = decode_body(&raw)?;
                self.add_regions(regions)?;
            }
            ShardKind::Area => {
                let area: AreaBody = decode_body(&raw)?;
                self.add_area(&entry, area)?;
            }
            ShardKind::Areas => {
                let entries: Vec<DirectoryEntry> = decode_body(&raw)?;
                self.add_area_directory(&entry, &entries)?;
            }
        }
        if let Some(directory) = &mut self.directory {
            directory.loaded[position] = true;
        }
        Ok(())
    }

    fn add_area_directory(&mut self, entry: &Shard, entries: &[DirectoryEntry]) -> Result<()> {
        let Some(directory) = &mut self.directory else {
            return Ok(());
        };
        for listed in entries {
            let shard = listed.shard();
            if shard.kind != ShardKind::Area || shard::directory_of_area(&shard.key) != entry.key {
                return Err(Error::Corrupt(format!(
                    "the {} shard lists {}, which is not one of its areas",
                    entry.label(),
                    shard.label()
                )));
            }
            if directory.find(ShardKind::Area, &shard.key).is_none() {
                directory.shards.push(shard);
                directory.loaded.push(false);
            }
        }
        Ok(())
    }

    fn add_regions(&mut self, regions: Vec<RegionEntry>) -> Result<()> {
        // Shards hold their regions sorted by key, as the table does: a
        // merge keeps them so without a sort (a sort of whole entries is
        // some 16 KB of wasm code). A region both have takes the shard's.
        if !regions.windows(2).all(|pair| pair[0].ars < pair[1].ars) {
            return Err(Error::Corrupt(
                "a shard's regions are not in key order".into(),
            ));
        }
        let known = std::mem::take(&mut self.regions).into_entries();
        let mut merged: Vec<RegionEntry> = Vec::with_capacity(known.len() + regions.len());
        let mut known = known.into_iter().peekable();
        for region in regions {
            while let Some(before) = known.next_if(|k| k.ars < region.ars) {
                merged.push(before);
            }
            known.next_if(|k| k.ars == region.ars);
            merged.push(region);
        }
        merged.extend(known);
        if merged.len() as u64 > self.counts.regions {
            return Err(Error::Corrupt(format!(
                "{} regions, the directory counts {}",
                merged.len(),
                self.counts.regions
            )));
        }
        self.regions = RegionTable::sorted(merged).unwrap_or_default();
        Ok(())
    }

    fn add_area(&mut self, entry: &Shard, area: AreaBody) -> Result<()> {
        let outside = |what: &str| {
            Error::Corrupt(format!(
                "the {} shard holds {what} outside its area",
                entry.label()
            ))
        };
        let key = shard::area_of_key(&entry.key);
        if area.regions.iter().any(|r| shard::area_of(&r.ars) != key) {
            return Err(outside("a region"));
        }
        for assignment in area.lists.iter().flatten() {
            let in_area = Ars::from_number(assignment.region)
                .is_some_and(|region| shard::area_of(&region) == key);
            if !in_area {
                return Err(outside("a responsibility"));
            }
        }
        check_assignments(area.lists.iter().flatten(), &self.counts)?;
        let part_range = (entry.end > 0).then_some(entry.start..entry.end);
        for &(service, list) in &area.services {
            let outside_part = part_range
                .as_ref()
                .is_some_and(|range| !range.contains(&u64::from(service)));
            if service as usize >= self.services.len()
                || list as usize >= area.lists.len()
                || outside_part
            {
                return Err(Error::Corrupt(format!(
                    "the {} shard names a service or list that does not exist",
                    entry.label()
                )));
            }
        }
        // Every target the lists name must come with the shard.
        let named = |kind: TargetKind, numbers: Vec<u32>| -> Result<()> {
            let listed = area
                .lists
                .iter()
                .flatten()
                .filter(|a| a.kind == kind)
                .flat_map(|a| a.targets())
                .all(|t| numbers.binary_search(&t).is_ok());
            if listed {
                Ok(())
            } else {
                Err(Error::Corrupt(format!(
                    "the {} shard names {kind} records it does not hold",
                    entry.label()
                )))
            }
        };
        named(
            TargetKind::Authority,
            area.authorities.iter().map(|(n, _)| *n).collect(),
        )?;
        named(
            TargetKind::OnlineService,
            area.online_services.iter().map(|(n, _)| *n).collect(),
        )?;
        named(
            TargetKind::Form,
            area.forms.iter().map(|(n, _)| *n).collect(),
        )?;

        for (number, record) in area.authorities {
            self.authorities[number as usize] = Some(record);
        }
        for (number, record) in area.online_services {
            self.online_services[number as usize] = Some(record);
        }
        for (number, record) in area.forms {
            self.forms[number as usize] = Some(record);
        }
        for &(service, list) in &area.services {
            let assignments = &mut self.assignments[service as usize];
            assignments.extend(area.lists[list as usize].iter().cloned());
            order_by_region(assignments);
        }
        self.add_regions(area.regions)
    }

    /// Cuts this complete index into shards ([`ShardKind`] lists what each
    /// holds). The same index and options always give the same bytes.
    pub fn to_shards(&self, options: &ShardOptions) -> Result<ShardSet> {
        if !self.is_complete() {
            return Err(Error::InvalidArgument(
                "only a complete index can be cut into shards".into(),
            ));
        }
        let build = self.checksum;
        let mut written: Vec<(Shard, u64, Vec<u8>)> = Vec::new();

        // Postings, cut at list boundaries.
        let postings = self.lexicon.postings_bytes();
        let mut boundaries = self.lexicon.term_offsets();
        boundaries.push(postings.len() as u64);
        boundaries.sort_unstable();
        boundaries.dedup();
        let mut start = 0u64;
        for &boundary in &boundaries {
            let is_last = boundary == postings.len() as u64;
            if boundary > start
                && (boundary - start >= options.postings_chunk_bytes.max(1) as u64 || is_last)
            {
                let chunk = postings[start as usize..boundary as usize].to_vec();
                let key = written.len().to_string();
                written.push(write_shard(
                    ShardKind::Postings,
                    key,
                    build,
                    (start, boundary),
                    &chunk,
                )?);
                start = boundary;
            }
        }

        // Full service records.
        let per_shard = options.services_per_shard.max(1);
        for (number, chunk) in self.services.chunks(per_shard).enumerate() {
            let first = (number * per_shard) as u64;
            written.push(write_shard(
                ShardKind::Services,
                number.to_string(),
                build,
                (first, first + chunk.len() as u64),
                &chunk,
            )?);
        }

        written.push(write_shard(
            ShardKind::Places,
            String::new(),
            build,
            (0, 0),
            &self.regions.all(),
        )?);

        let targets =
            shard::TargetTables::new(&self.authorities, &self.online_services, &self.forms);
        let areas = shard::areas(&self.assignments, self.regions.all(), &targets)?;
        let mut area_shards: Vec<(Shard, u64, Vec<u8>)> = Vec::new();
        for (key, body) in &areas {
            let whole = shard::encode(body)?.len();
            let parts = if whole <= options.area_part_bytes {
                Vec::new()
            } else {
                shard::area_parts(body, per_shard, &targets)?
            };
            // Parts pay off where services have lists of their own (a Land's
            // offices); where they share a few (a Kreis's municipalities),
            // every part would repeat them: such an area stays whole.
            let parted = parts
                .iter()
                .map(|(_, part)| shard::encode(part).map(|b| b.len()))
                .sum::<Result<usize>>()?;
            if parts.is_empty() || parted > 2 * whole {
                area_shards.push(write_shard(
                    ShardKind::Area,
                    key.clone(),
                    build,
                    (0, 0),
                    body,
                )?);
                continue;
            }
            for (chunk, part) in parts {
                let first = chunk * per_shard as u64;
                let end = (first + per_shard as u64).min(self.services.len() as u64);
                area_shards.push(write_shard(
                    ShardKind::Area,
                    format!("{key}-{chunk}"),
                    build,
                    (first, end),
                    &part,
                )?);
            }
        }

        // The search shard lists each Land's directory of areas, not the areas.
        let mut by_directory: BTreeMap<String, Vec<DirectoryEntry>> = BTreeMap::new();
        for (shard, hash, _) in &area_shards {
            by_directory
                .entry(shard::directory_of_area(&shard.key).to_string())
                .or_default()
                .push(DirectoryEntry::new(shard, *hash));
        }
        for (key, entries) in &by_directory {
            written.push(write_shard(
                ShardKind::Areas,
                key.clone(),
                build,
                (0, 0),
                entries,
            )?);
        }
        let listed = written.len();

        let search = SearchBody {
            meta: self.meta.clone(),
            counts: self.counts,
            terms: self.lexicon.terms_bytes().to_vec(),
            services: self.services.iter().map(list_entry).collect(),
            topics: self.topics.clone(),
            shards: written
                .iter()
                .take(listed)
                .map(|(shard, hash, _)| DirectoryEntry::new(shard, *hash))
                .collect(),
        };
        written.extend(area_shards);
        written.insert(
            0,
            write_shard(ShardKind::Search, String::new(), build, (0, 0), &search)?,
        );

        let manifest = Manifest {
            format: MANIFEST_FORMAT.into(),
            version: format::VERSION,
            build: format!("{build:08x}"),
            catalog: self.meta.catalog.clone(),
            entry: written[0].0.file.clone(),
            shards: written
                .iter()
                .take(listed + 1)
                .map(|(shard, _, _)| ManifestEntry::from(shard))
                .collect(),
        };
        Ok(ShardSet {
            manifest,
            files: written
                .into_iter()
                .map(|(shard, _, bytes)| (shard.file, bytes))
                .collect(),
        })
    }
}
