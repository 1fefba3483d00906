//! zufi — a Zuständigkeitsfinder for German public administration.
//!
//! Editors keep a [`Catalog`] of services (Leistungen), authorities
//! (Organisationseinheiten), online services, forms, regions and
//! responsibilities (Zuständigkeiten). [`IndexBuilder`] compiles it into one
//! compact, checksummed binary index; [`Index::from_bytes`] opens such an
//! index from plain bytes — a file natively, a `fetch` response in the
//! browser — and [`Index::search`] answers typo-tolerant German queries,
//! resolving the responsible authorities for a citizen's region by the
//! most-specific-region rule.
//!
//! ```
//! use zufi::{Catalog, IndexBuilder, Index, SearchOptions};
//!
//! let catalog: Catalog = serde_json::from_str(r#"{
//!   "regions": [{"ars": "160510000000", "name": "Erfurt", "level": "kreis", "plz": ["99084"]}],
//!   "services": [{"id": "s1", "name": "Personalausweis beantragen"}],
//!   "authorities": [{"id": "a1", "name": "Bürgeramt Erfurt"}],
//!   "responsibilities": [{"service": "s1", "region": "160510000000",
//!                         "target": {"type": "authority", "id": "a1"}}]
//! }"#).unwrap();
//!
//! let bytes = IndexBuilder::new(&catalog).build().unwrap().bytes;
//! let index = Index::from_bytes(&bytes).unwrap();
//! let ars = "160510000000".parse().unwrap();
//! // A typo, and the last word still being typed.
//! let hits = index.search("personalauswies beantr", &SearchOptions { region: Some(ars), ..Default::default() });
//! assert_eq!(hits[0].service.id, "s1");
//! let responsible = hits[0].responsible.as_ref().unwrap();
//! assert_eq!(responsible.authorities[0].item.name, "Bürgeramt Erfurt");
//! ```
//!
//! # Layers
//!
//! The modules form layers, each using only the ones before it:
//! `error` → `text` (folding, words, compounds, typo automaton) → `model`
//! (catalog records, [`Ars`], [`Plz`], thesaurus) → `index` (format,
//! reader, region resolution, query) → `build` → `catalog` (import),
//! `validate`, `eval`, `report`. Modules are private: this file's `pub use` list is
//! the public API, plus the editor-tooling namespaces [`catalog`],
//! [`validate`], [`eval`], [`report`] and the file-format description [`mod@format`].
//! `ARCHITECTURE.md` states the rule; `tests/architecture.rs` checks it.
#![deny(missing_docs)]

mod build;
#[cfg(feature = "import")]
pub mod catalog;
mod error;
pub mod eval;
mod index;
mod model;
#[cfg(feature = "import")]
pub mod report;
mod text;
#[cfg(feature = "import")]
pub mod validate;

pub use build::{BuildOutput, BuildStage, IndexBuilder};
pub use error::{Error, Result};
pub use index::format;
pub use index::format::{Derivation, Field, IndexMeta, Section};
pub use index::query::hit::{Hit, WordMatch};
pub use index::query::rank::RankKey;
pub use index::query::search::{LastWord, SearchOptions, MAX_QUERY_CHARS};
pub use index::responsible::{Assigned, Responsible};
pub use index::shard::{
    Manifest, ManifestEntry, RecordCounts, Shard, ShardKind, ShardOptions, ShardSet,
    MANIFEST_FORMAT,
};
pub use index::{Index, CLOSEST_TOPICS};
pub use model::gloss::{Glossary, MAX_GLOSSARY_BYTES};
pub use model::link::{mailto_href, tel_href, web_href, LinkError};
pub use model::records::*;
pub use model::region::{Ars, Plz, RegionEntry, RegionLevel};
pub use model::thesaurus::{Entry as ThesaurusEntry, Relation, Thesaurus, Vocabulary};
pub use model::verbs::{Verb, VerbLexicon};
