//! The text layer: German folding, word splitting, stems, compounds, stop
//! words and the typo automaton. It knows nothing of catalogs or indexes;
//! the builder and the query engine both go through it, so that they always
//! agree on what a word is.

pub(crate) mod clean;
pub(crate) mod normalize;
pub(crate) mod typo;
