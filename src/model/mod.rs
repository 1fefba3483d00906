//! The model layer: what a catalog is made of (records, region keys,
//! postcodes, dates) and the synonym thesaurus. Catalog records hold text as
//! editors wrote it, so that the validator can point at a bad value; the
//! typed keys ([`region::Ars`]) are what the index layer works with.

#[cfg(feature = "import")]
pub(crate) mod date;
pub(crate) mod gloss;
pub(crate) mod link;
pub(crate) mod records;
pub(crate) mod region;
pub(crate) mod texts;
pub(crate) mod thesaurus;
pub(crate) mod verbs;
