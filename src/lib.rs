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
#![deny(missing_docs)]

mod builder;
pub mod catalog;
mod error;
pub mod eval;
pub mod format;
mod index;
pub mod normalize;
mod query;
pub mod region;
pub mod thesaurus;
mod typo;
pub mod validate;

pub use builder::{BuildOutput, BuildStage, IndexBuilder};
pub use catalog::model::*;
pub use error::{Error, Result};
pub use index::Index;
pub use index::{Assigned, Responsible};
pub use query::{Hit, SearchOptions, WordMatch};
pub use region::Ars;
