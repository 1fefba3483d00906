//! A sharded index answers exactly as the single file it was cut from:
//! search results, service details, responsibilities and place lookups on
//! the demo catalogs, both with every shard loaded and loaded lazily shard
//! by shard as the widget does; damaged, foreign and missing shards give
//! their own errors. `ZUFI_SHARD_CHECK_INDEX=<file.zufi>` runs the same
//! comparison on any index (scripts/test does so for the generated `land`).

#![allow(clippy::unwrap_used)] // Test helpers may panic: a panic is a failed test.

use std::path::Path;

use zufi::{Ars, Hit, Index, SearchOptions, ShardKind, ShardOptions, ShardSet};

fn build(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("index")
        .join(name);
    let loaded = zufi::catalog::load(&path).unwrap();
    loaded.index_builder().unwrap().build().unwrap().bytes
}

/// Small chunks, so that the demo catalogs have several postings and
/// services shards and lazy loading has something to choose.
const SMALL: ShardOptions = ShardOptions {
    postings_chunk_bytes: 1024,
    services_per_shard: 16,
    area_part_bytes: 2048,
};

fn shard(single: &Index, options: &ShardOptions) -> ShardSet {
    single.to_shards(options).unwrap()
}

fn file<'s>(set: &'s ShardSet, name: &str) -> &'s [u8] {
    &set.files.iter().find(|(n, _)| n == name).unwrap().1
}

fn open_lazily(set: &ShardSet) -> Index {
    Index::from_bytes(file(set, &set.manifest.entry)).unwrap()
}

fn open_completely(set: &ShardSet) -> Index {
    let mut index = open_lazily(set);
    // Directories of areas name more shards.
    loop {
        let missing: Vec<String> = index
            .missing_shards()
            .iter()
            .map(|s| s.file.clone())
            .collect();
        if missing.is_empty() {
            break;
        }
        for name in missing {
            index.add_shard(file(set, &name)).unwrap();
        }
    }
    assert!(index.is_complete());
    index
}

/// What a hit says, without the service record (a lazily opened index
/// holds list entries until a service is opened).
fn described(hits: &[Hit<'_>]) -> Vec<String> {
    hits.iter()
        .map(|hit| {
            format!(
                "{} {:?} {:?} {:?}",
                hit.service.id, hit.rank, hit.matches, hit.responsible
            )
        })
        .collect()
}

fn queries(single: &Index) -> Vec<String> {
    let set =
        include_str!("relevance/queries.tsv").to_owned() + include_str!("relevance/heldout.tsv");
    let mut queries: Vec<String> = set
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split('\t').nth(2).map(str::to_owned))
        .collect();
    queries.extend(single.services().iter().take(40).map(|s| s.name.clone()));
    queries.extend(["xyzzy", "persnalausweis", "hund", "a", ""].map(String::from));
    queries
}

/// A spread of places: twelve regions evenly apart, and the Bund.
fn places(single: &Index) -> Vec<Ars> {
    let step = single.regions().len().div_ceil(12).max(1);
    let mut places: Vec<Ars> = single
        .regions()
        .iter()
        .step_by(step)
        .map(|r| r.ars)
        .collect();
    places.push(Ars::BUND);
    places
}

fn assert_complete_set_answers_alike(single: &Index, options: &ShardOptions) {
    let set = shard(single, options);
    let sharded = open_completely(&set);
    assert_eq!(sharded.services(), single.services());
    assert_eq!(sharded.regions(), single.regions());
    assert_eq!(sharded.topics(), single.topics());
    assert_eq!(
        sharded.authorities().map(|a| &a.id).collect::<Vec<_>>(),
        single.authorities().map(|a| &a.id).collect::<Vec<_>>()
    );
    assert!(sharded.authorities().eq(single.authorities()));
    assert!(sharded.online_services().eq(single.online_services()));
    assert!(sharded.forms().eq(single.forms()));
    assert_eq!(sharded.counts(), single.counts());
    assert_eq!(sharded.meta(), single.meta());
    for query in queries(single) {
        for region in [None]
            .into_iter()
            .chain(places(single).into_iter().step_by(8).map(Some))
        {
            let options = SearchOptions {
                region,
                ..Default::default()
            };
            assert_eq!(
                described(&sharded.search(&query, &options)),
                described(&single.search(&query, &options)),
                "{query:?} at {region:?}"
            );
        }
        assert_eq!(
            sharded.suggestions(&query, 3),
            single.suggestions(&query, 3)
        );
    }
    for place in places(single) {
        for service in single.services() {
            assert_eq!(
                sharded.responsible(&service.id, place),
                single.responsible(&service.id, place),
                "{} at {place}",
                service.id
            );
        }
    }
    for text in ["99310", "10115", "erf", "berl", "arn", "07"] {
        assert_eq!(sharded.locate(text), single.locate(text), "{text}");
    }
}

/// As the widget loads: for each query and place, only what
/// `shards_for_search` asks for, then the top hit's service shard.
fn assert_lazy_loading_answers_alike(single: &Index, set: &ShardSet) {
    let all_queries = queries(single);
    for (number, place) in places(single).into_iter().enumerate() {
        let mut lazy = open_lazily(set);
        for query in all_queries.iter().skip(number % 7).step_by(7) {
            let options = SearchOptions {
                region: Some(place),
                ..Default::default()
            };
            let mut rounds = 0;
            loop {
                let needed: Vec<String> = lazy
                    .shards_for_search(query, &options)
                    .iter()
                    .map(|s| s.file.clone())
                    .collect();
                if needed.is_empty() {
                    break;
                }
                for name in needed {
                    lazy.add_shard(file(set, &name)).unwrap();
                }
                rounds += 1;
                assert!(rounds <= set.files.len(), "shards_for_search keeps asking");
            }
            let hits = described(&lazy.search(query, &options));
            assert_eq!(
                hits,
                described(&single.search(query, &options)),
                "{query:?} at {place}"
            );
            if lazy.search(query, &options).is_empty() {
                assert_eq!(lazy.suggestions(query, 3), single.suggestions(query, 3));
            }
            let Some(top) = single
                .search(query, &options)
                .first()
                .map(|h| h.service.id.clone())
            else {
                continue;
            };
            let detail: Vec<String> = lazy
                .shards_for_service(&top)
                .into_iter()
                .chain(lazy.shards_for_responsible(&top, place))
                .map(|s| s.file.clone())
                .collect();
            for shard in detail {
                lazy.add_shard(file(set, &shard)).unwrap();
            }
            assert_eq!(lazy.service(&top), single.service(&top));
            assert_eq!(
                lazy.responsible(&top, place),
                single.responsible(&top, place)
            );
        }
        assert!(
            !lazy.is_complete() || set.files.len() <= 3,
            "a session at one place should not need every shard"
        );
    }
}

#[test]
fn berlin_shards_answer_as_the_single_file() {
    let single = Index::from_bytes(&build("berlin")).unwrap();
    assert_complete_set_answers_alike(&single, &ShardOptions::default());
    assert_complete_set_answers_alike(&single, &SMALL);
    assert_lazy_loading_answers_alike(&single, &shard(&single, &SMALL));
}

#[test]
fn thueringen_shards_answer_as_the_single_file() {
    let single = Index::from_bytes(&build("thueringen")).unwrap();
    assert_complete_set_answers_alike(&single, &ShardOptions::default());
    assert_complete_set_answers_alike(&single, &SMALL);
    assert_lazy_loading_answers_alike(&single, &shard(&single, &SMALL));
}

/// The same comparison on an index named by `ZUFI_SHARD_CHECK_INDEX`.
#[test]
fn an_index_from_the_environment_shards_alike() {
    let Ok(path) = std::env::var("ZUFI_SHARD_CHECK_INDEX") else {
        return;
    };
    let single = Index::from_bytes(&std::fs::read(path).unwrap()).unwrap();
    let set = shard(&single, &ShardOptions::default());
    assert_complete_set_answers_alike(&single, &ShardOptions::default());
    assert_lazy_loading_answers_alike(&single, &set);
}

#[test]
fn sharding_is_deterministic_and_names_follow_the_bytes() {
    let single = Index::from_bytes(&build("thueringen")).unwrap();
    let first = shard(&single, &SMALL);
    let second = shard(&Index::from_bytes(&build("thueringen")).unwrap(), &SMALL);
    assert_eq!(first.manifest, second.manifest);
    assert_eq!(first.files, second.files);
    let complete = open_completely(&first);
    let kinds: Vec<ShardKind> = complete.shard_directory().iter().map(|s| s.kind).collect();
    for kind in ShardKind::ALL.into_iter().skip(1) {
        assert!(kinds.contains(&kind), "{kind:?}");
    }
    // Large areas (the Land's) come in parts, small ones (some Kreise) whole.
    let areas: Vec<&str> = complete
        .shard_directory()
        .iter()
        .filter(|s| s.kind == ShardKind::Area)
        .map(|s| s.key.as_str())
        .collect();
    assert!(areas.contains(&"16051"), "{areas:?}");
    assert!(areas.iter().any(|a| a.starts_with("16-")), "{areas:?}");
    // The manifest lists the search shard and the top of the directory,
    // not the areas; every file of the set is reachable from it.
    assert_eq!(first.manifest.shards[0].file, first.manifest.entry);
    assert!(!first
        .manifest
        .shards
        .iter()
        .any(|s| s.file.starts_with("area-")));
    for (shard, (name, bytes)) in first.manifest.shards.iter().zip(&first.files) {
        assert_eq!(&shard.file, name);
        assert_eq!(shard.bytes, bytes.len() as u64);
    }
    let reachable: Vec<&String> = std::iter::once(&first.manifest.entry)
        .chain(complete.shard_directory().iter().map(|s| &s.file))
        .collect();
    assert_eq!(reachable.len(), first.files.len());
    assert!(first
        .files
        .iter()
        .all(|(name, _)| reachable.contains(&name)));
}

#[test]
fn damaged_foreign_and_misplaced_shards_are_refused() {
    let single = Index::from_bytes(&build("thueringen")).unwrap();
    let set = shard(&single, &ShardOptions::default());
    let area = &set
        .files
        .iter()
        .find(|(name, _)| name.starts_with("area-16074."))
        .unwrap()
        .0;
    let bytes = file(&set, area).to_vec();

    let mut index = open_lazily(&set);
    let mut flipped = bytes.clone();
    let last = flipped.len() - 1;
    flipped[last] ^= 1;
    let error = index.add_shard(&flipped).unwrap_err().to_string();
    assert!(error.contains("checksum"), "{error}");
    let error = index
        .add_shard(&bytes[..bytes.len() / 2])
        .unwrap_err()
        .to_string();
    assert!(error.contains("truncated"), "{error}");

    // A shard of another build: the Berlin index's places shard.
    let berlin = shard(&Index::from_bytes(&build("berlin")).unwrap(), &SMALL);
    let places = &berlin
        .files
        .iter()
        .find(|(name, _)| name.starts_with("places."))
        .unwrap()
        .0;
    let error = index
        .add_shard(file(&berlin, places))
        .unwrap_err()
        .to_string();
    assert!(error.contains("another build"), "{error}");

    // A shard given as the entry point, and a single file given shards.
    let error = Index::from_bytes(&bytes).unwrap_err().to_string();
    assert!(error.contains("manifest.json"), "{error}");
    let error = Index::from_bytes(&build("thueringen"))
        .unwrap()
        .add_shard(&bytes)
        .unwrap_err()
        .to_string();
    assert!(error.contains("single file"), "{error}");

    // Nothing above was taken in: the area still reads as missing, and
    // search works without it.
    let place: Ars = "160740044044".parse().unwrap();
    let needed = |index: &Index| -> Vec<String> {
        index
            .shards_for_place(place)
            .iter()
            .map(|s| s.key.clone())
            .collect()
    };
    // The Land's directory of areas first (the Bund has none in this
    // catalog: nothing is assigned there), then its areas.
    assert_eq!(needed(&index), ["16"]);
    let directory = index.shards_for_place(place)[0].file.clone();
    index.add_shard(file(&set, &directory)).unwrap();
    assert_eq!(needed(&index), ["16", "16074"]);
    assert!(index
        .responsible("th-einbuergerung", place)
        .unwrap()
        .is_empty());
    index.add_shard(&bytes).unwrap();
    assert_eq!(needed(&index), ["16"]);
}
