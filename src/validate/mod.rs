//! Catalog validation: every problem, each naming its file, record and field.
//!
//! [`validate`] checks a whole [`LoadedCatalog`] at once and never stops at
//! the first problem, so that editors can fix a catalog in one round.
//!
//! **Errors** (the catalog must not be built):
//! - ids: empty, whitespace-only or with leading/trailing whitespace; the same
//!   id twice within a kind (services, authorities, online services, forms,
//!   topics, responsibilities with ids, regions by ARS) — the problem names
//!   the other occurrence and its file;
//! - names: empty or whitespace-only;
//! - keys: an ARS that is not 12 digits (regions, region parents,
//!   responsibilities, addresses), a PLZ that is not 5 digits (regions,
//!   addresses), a LeiKa key that is not 14 digits;
//! - a region `parent` that is not an enclosing key of the region or not in
//!   the catalog;
//! - dangling references: responsibility → service, target (looked up by
//!   `target.type`), region (only when the catalog lists regions; the federal
//!   key `000000000000` is always allowed); service → topics; authority →
//!   parent authority; topic → parent topic; cycles in parent chains;
//! - links (`model::link`, documented in `index/README.md`): online service
//!   and form URLs and contact web addresses that are not absolute
//!   `https://`/`http://` addresses with a plain host (free text such as
//!   "siehe Aushang", `www.…` and `//…` without a scheme, `javascript:`,
//!   `data:` and every other scheme, a user name before the host); e-mail
//!   addresses that are not a bare `name@domain` (no `mailto:`, no `?`
//!   header parameters such as `bcc` or `body`); phone and fax numbers that
//!   hold anything but digits, blanks and `( ) / - – .` with a leading `+`,
//!   or fewer than three digits;
//! - a control character or bidi override in an id or a reference;
//!   validity dates that are not `YYYY-MM-DD` or start after they end;
//!   opening hours that are not `HH:MM`;
//! - the other limits `index/catalog.schema.json` states: a `popularity`
//!   above 100, an `updated` that is not an ISO 8601 date or date and time,
//!   a region's postcodes unsorted or repeated, a `meta.ars_list` that is
//!   not `YYYY-MM-DD`.
//!
//! **Warnings** (the catalog builds, but editors should look):
//! - a region `level` that contradicts the shape of its ARS;
//! - the same responsibility (service, region, target, role) twice;
//! - services no responsibility names; authorities, online services and forms
//!   nothing refers to (one catalog-wide warning instead when the catalog has
//!   no responsibilities at all);
//! - the PVOG routing checks (domain reference §3.3): an authority that a
//!   responsibility targets needs street, PLZ and town in its address;
//! - an unknown online-service trust level; opening hours that close before
//!   they open;
//! - a text holding control characters (NUL, ESC, …; tab and line feed are
//!   fine) or bidi embeddings, overrides or isolates (U+202A–U+202E,
//!   U+2066–U+2069), which the build removes from every text.
//! - a responsibility no search can show: every place of the region table
//!   inside its region reaches a more specific responsibility of the same
//!   service, target type and role first (the most-specific rule applies per
//!   target type and role, so roles never hide each other; see `hidden`).
//!
//! Problems come errors first, then warnings; within each, in catalog order
//! (regions, topics, services, authorities, online services, forms,
//! responsibilities, each in list order; the text checks of a kind after its
//! other checks), so the output is deterministic.
//! Unknown ids get a "did you mean" suggestion when a close id exists.

// `validate` below runs the checks; each file holds one concern and uses
// only the files listed before it:
// - `problem`: what a check reports, and the record kinds;
// - `id_table`, `cycles`: id lookups and parent cycles, computed up front;
// - `texts`: characters the build removes from every text (found up front);
// - `validator`: the state every check shares, naming records, reporting;
// - `ids`, `keys`: checks every record kind uses (ids, names, references;
//   ARS, PLZ, LeiKa keys);
// - `regions`, `services` (with topics), `authorities`, `links` (online
//   services and forms), `hidden` (responsibilities no place can see),
//   `responsibilities`: the checks of each record kind.
mod authorities;
mod cycles;
mod hidden;
mod id_table;
mod ids;
mod keys;
mod links;
mod problem;
mod regions;
mod responsibilities;
mod services;
mod texts;
mod validator;

use crate::catalog::LoadedCatalog;
use crate::model::texts::List;
use crate::validate::validator::Validator;

pub use crate::validate::problem::{Problem, Severity};

/// Checks a loaded catalog; returns every problem found, errors first, then
/// warnings, each group in catalog order (see the [module docs](self)).
///
/// Records are named by id (`service "120703"`, `region "160510000000"`); a
/// record without a usable id is named by its position in its file, counting
/// from 1, e.g. `responsibility #17 (service "s1", region "160510000000")`.
pub fn validate(loaded: &LoadedCatalog) -> Vec<Problem> {
    let mut validator = Validator::new(loaded);
    validator.check_catalog();
    validator.check_texts(List::Meta);
    validator.check_regions();
    validator.check_texts(List::Regions);
    validator.check_topics();
    validator.check_texts(List::Topics);
    validator.check_services();
    validator.check_texts(List::Services);
    validator.check_authorities();
    validator.check_texts(List::Authorities);
    validator.check_online_services();
    validator.check_texts(List::OnlineServices);
    validator.check_forms();
    validator.check_texts(List::Forms);
    validator.check_responsibilities();
    validator.check_texts(List::Responsibilities);
    let mut problems = validator.problems;
    // Stable: keeps catalog order within each severity.
    problems.sort_by_key(|p| p.severity);
    problems
}

#[cfg(test)]
mod tests;
