//! The index as the browser holds it: a single file, opened at once, or a
//! sharded index (`zufi build --shards`) opened from its manifest and
//! completed shard by shard as searches, services and places need them.
//!
//! Shards are fetched in parallel, each file once: concurrent needs share
//! the same request (a JS promise awaited by each). A shard that fails is
//! remembered with its error, so that its part of the finder can say so
//! while everything else keeps working; it is not fetched again in the
//! same session.

use std::cell::{Ref, RefCell};
use std::collections::HashMap;

use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use zufi::{Ars, SearchOptions, Shard, ShardKind};

use crate::fetch::{self, LoadError};

/// What a part of the finder is about to read.
#[derive(Debug, Clone)]
pub enum Need {
    /// A search: the postings of its words, and the areas of its place.
    Search(String, SearchOptions),
    /// A service's full record.
    Service(String),
    /// The responsibilities every service shares at a place (prefetched as
    /// soon as the place is known).
    Place(Ars),
    /// Who is responsible for one service at a place.
    Responsible(String, Ars),
    /// Finding places by postcode or name.
    Places,
}

/// A shard that could not be added, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShardError {
    /// What the shard holds, for the citizen's message.
    pub kind: ShardKind,
    /// Its file name, for the console.
    pub file: String,
    /// Why it failed.
    pub error: LoadError,
}

impl ShardError {
    /// The message for developers.
    pub fn technical(&self) -> String {
        self.error.technical(&self.file)
    }
}

/// Where the shards of a sharded index come from.
#[derive(Debug)]
struct ShardSource {
    /// The manifest's URL up to its last `/`, which shard names are relative to.
    base: String,
    /// Requests under way or done, by file name; each resolves to a `Uint8Array`.
    requests: RefCell<HashMap<String, js_sys::Promise>>,
    /// Shards that failed, by file name.
    failed: RefCell<HashMap<String, ShardError>>,
    /// How long a shard's request may take (`None`: as long as it takes).
    timeout_ms: Option<u32>,
}

/// An opened index that may still be missing shards.
#[derive(Debug)]
pub struct LiveIndex {
    index: RefCell<zufi::Index>,
    source: Option<ShardSource>,
}

/// Most rounds of fetching one need takes: each round can only add shards,
/// and a search's second round covers words found through the first.
const MAX_ROUNDS: usize = 8;

impl LiveIndex {
    /// A complete index (a single file).
    pub fn complete(index: zufi::Index) -> LiveIndex {
        LiveIndex {
            index: RefCell::new(index),
            source: None,
        }
    }

    /// The index to read. Do not hold it across an `await`.
    pub fn get(&self) -> Ref<'_, zufi::Index> {
        self.index.borrow()
    }

    /// Whether the index came as shards.
    pub fn is_sharded(&self) -> bool {
        self.source.is_some()
    }

    /// The shards `need` reads that are not loaded yet.
    fn unloaded(&self, need: &Need) -> Vec<Shard> {
        let index = self.index.borrow();
        let shards = match need {
            Need::Search(query, options) => index.shards_for_search(query, options),
            Need::Service(id) => index.shards_for_service(id),
            Need::Place(place) => index.shards_for_place(*place),
            Need::Responsible(id, place) => index.shards_for_responsible(id, *place),
            Need::Places => index.shards_for_places(),
        };
        shards.into_iter().cloned().collect()
    }

    /// The failures among the shards `need` reads.
    pub fn failures(&self, need: &Need) -> Vec<ShardError> {
        let Some(source) = &self.source else {
            return Vec::new();
        };
        let failed = source.failed.borrow();
        // Naming a search's shards runs the search: not while nothing failed
        // (the finder asks on every render).
        if failed.is_empty() {
            return Vec::new();
        }
        self.unloaded(need)
            .iter()
            .filter_map(|s| failed.get(&s.file).cloned())
            .collect()
    }

    /// Forgets the shards that failed, so that the next [`LiveIndex::ensure`]
    /// fetches them again: the citizen pressed "Erneut versuchen".
    pub fn forget_failures(&self) {
        let Some(source) = &self.source else {
            return;
        };
        let mut requests = source.requests.borrow_mut();
        for (file, _) in source.failed.borrow_mut().drain() {
            requests.remove(&file);
        }
    }

    /// Whether shards `need` reads are still to come (not loaded, not failed).
    pub fn is_pending(&self, need: &Need) -> bool {
        let Some(source) = &self.source else {
            return false;
        };
        let failed = source.failed.borrow();
        self.unloaded(need)
            .iter()
            .any(|s| !failed.contains_key(&s.file))
    }

    /// Fetches and adds what `need` reads. Returns the shards that failed
    /// (now or before); an empty list means the index answers `need` fully.
    pub async fn ensure(&self, need: &Need) -> Vec<ShardError> {
        let Some(source) = &self.source else {
            return Vec::new();
        };
        for _ in 0..MAX_ROUNDS {
            let missing: Vec<Shard> = {
                let failed = source.failed.borrow();
                self.unloaded(need)
                    .into_iter()
                    .filter(|s| !failed.contains_key(&s.file))
                    .collect()
            };
            if missing.is_empty() {
                break;
            }
            let requests: Vec<(Shard, js_sys::Promise)> = missing
                .into_iter()
                .map(|shard| {
                    let promise = source.request(&shard.file);
                    (shard, promise)
                })
                .collect();
            for (shard, promise) in requests {
                let result = match JsFuture::from(promise).await {
                    Ok(bytes) => {
                        let bytes = js_sys::Uint8Array::new(&bytes).to_vec();
                        self.index
                            .borrow_mut()
                            .add_shard(&bytes)
                            .map_err(|e| LoadError::from_core(&e))
                    }
                    Err(error) => Err(fetch_error(&error)),
                };
                if let Err(error) = result {
                    let failure = ShardError {
                        kind: shard.kind,
                        file: shard.file.clone(),
                        error,
                    };
                    web_sys::console::error_1(&failure.technical().into());
                    source.failed.borrow_mut().insert(shard.file, failure);
                }
            }
        }
        self.failures(need)
    }
}

impl ShardSource {
    /// The request for `file`, started now or shared with an earlier need.
    fn request(&self, file: &str) -> js_sys::Promise {
        let mut requests = self.requests.borrow_mut();
        if let Some(promise) = requests.get(file) {
            return promise.clone();
        }
        let url = format!("{}{file}", self.base);
        let timeout_ms = self.timeout_ms;
        let promise = wasm_bindgen_futures::future_to_promise(async move {
            match fetch::fetch_bytes(&url, timeout_ms).await {
                Ok(bytes) => Ok(js_sys::Uint8Array::from(bytes.as_slice()).into()),
                Err(LoadError::Http(status)) => Err(JsValue::from_f64(f64::from(status))),
                Err(other) => Err(JsValue::from_str(&other.technical(&url))),
            }
        });
        requests.insert(file.to_string(), promise.clone());
        promise
    }
}

/// A failed request's reason, from the value [`ShardSource::request`] rejects with.
fn fetch_error(error: &JsValue) -> LoadError {
    match error.as_f64() {
        Some(status) => LoadError::Http(status as u16),
        None => LoadError::Network(error.as_string().unwrap_or_else(|| format!("{error:?}"))),
    }
}

/// The shortest beginning of a word whose postings a finder fetches as it
/// is typed.
pub const MIN_FETCHED_BEGINNING: usize = 3;

/// What a finder fetches postings for while `query` is being typed: the
/// query without a last word of one or two letters, whose beginnings reach a
/// good part of the dictionary (until its third letter, suggestions for it
/// come from what is loaded). `None` when nothing is left to fetch for.
pub fn fetched_query(query: &str) -> Option<&str> {
    let query = query.trim_start();
    if query.ends_with(char::is_whitespace) {
        return Some(query.trim_end()).filter(|q| !q.is_empty());
    }
    let last_word = query.rsplit(char::is_whitespace).next().unwrap_or_default();
    if last_word.chars().count() >= MIN_FETCHED_BEGINNING {
        return Some(query);
    }
    Some(query[..query.len() - last_word.len()].trim_end()).filter(|q| !q.is_empty())
}

/// Whether `url` names a sharded index's manifest rather than an index file.
pub fn is_manifest_url(url: &str) -> bool {
    let path = url.split(['?', '#']).next().unwrap_or_default();
    path.ends_with(".json")
}

/// The part of `url` shard names are relative to: everything up to the
/// last `/` of its path.
fn base_of(url: &str) -> String {
    let path = url.split(['?', '#']).next().unwrap_or_default();
    match path.rfind('/') {
        Some(slash) => path[..=slash].to_string(),
        None => String::new(),
    }
}

/// Fetches and opens the index at `url`: a single file, or the manifest of
/// a sharded index and its search shard. Each request (and each shard's
/// later) may take `timeout_ms` at most.
pub async fn load(url: &str, timeout_ms: Option<u32>) -> Result<LiveIndex, LoadError> {
    if !is_manifest_url(url) {
        return fetch::load(url, timeout_ms).await.map(LiveIndex::complete);
    }
    let text = String::from_utf8(fetch::fetch_bytes(url, timeout_ms).await?)
        .map_err(|_| LoadError::NotAnIndex)?;
    let manifest = js_sys::JSON::parse(&text).map_err(|_| LoadError::NotAnIndex)?;
    let field = |name: &str| js_sys::Reflect::get(&manifest, &JsValue::from_str(name)).ok();
    if field("format").and_then(|f| f.as_string()).as_deref() != Some(zufi::MANIFEST_FORMAT) {
        return Err(LoadError::NotAnIndex);
    }
    let version = field("version").and_then(|v| v.as_f64()).unwrap_or(0.0);
    if version != f64::from(zufi::format::VERSION) {
        // The version as the manifest writes it, by JSON.stringify: Rust's
        // float formatting would cost the wasm about 9 KB gzip.
        let written = field("version")
            .and_then(|v| js_sys::JSON::stringify(&v).ok())
            .map(String::from)
            .unwrap_or_default();
        let technical = format!(
            "manifest version {written}, this build reads {}",
            zufi::format::VERSION
        );
        return Err(if version > f64::from(zufi::format::VERSION) {
            LoadError::Newer(technical)
        } else {
            LoadError::Older(technical)
        });
    }
    let entry = field("entry")
        .and_then(|e| e.as_string())
        .filter(|e| !e.contains('/'))
        .ok_or_else(|| LoadError::Corrupt("the manifest names no entry".into()))?;
    let base = base_of(url);
    let index = fetch::open(&fetch::fetch_bytes(&format!("{base}{entry}"), timeout_ms).await?)?;
    let build = field("build")
        .and_then(|b| b.as_string())
        .unwrap_or_default();
    if format!("{:08x}", index.checksum()) != build {
        return Err(LoadError::Corrupt(format!(
            "the search shard is of build {:08x}, the manifest of {build}",
            index.checksum()
        )));
    }
    Ok(LiveIndex {
        index: RefCell::new(index),
        source: Some(ShardSource {
            base,
            requests: RefCell::new(HashMap::new()),
            failed: RefCell::new(HashMap::new()),
            timeout_ms,
        }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_last_words_are_not_fetched_for_while_typed() {
        assert_eq!(fetched_query("p"), None);
        assert_eq!(fetched_query("pe"), None);
        assert_eq!(fetched_query("per"), Some("per"));
        assert_eq!(fetched_query("personalausweis b"), Some("personalausweis"));
        assert_eq!(fetched_query("personalausweis be"), Some("personalausweis"));
        assert_eq!(
            fetched_query("personalausweis bea"),
            Some("personalausweis bea")
        );
        assert_eq!(fetched_query("  kita "), Some("kita"));
        assert_eq!(fetched_query("ab "), Some("ab"));
        assert_eq!(fetched_query("   "), None);
    }

    #[test]
    fn manifests_are_told_from_index_files_and_shards_found_next_to_them() {
        assert!(is_manifest_url("/zufi/th/manifest.json"));
        assert!(is_manifest_url("manifest.json?v=2"));
        assert!(!is_manifest_url("/zufi/th.zufi"));
        assert!(!is_manifest_url("/zufi/th.zufi?format=.json"));
        assert_eq!(base_of("/zufi/th/manifest.json"), "/zufi/th/");
        assert_eq!(
            base_of("https://x.example/a/manifest.json?v=2#x"),
            "https://x.example/a/"
        );
        assert_eq!(base_of("manifest.json"), "");
    }
}
