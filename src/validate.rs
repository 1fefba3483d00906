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
//! - online service and form URLs that are not absolute http(s) addresses;
//!   validity dates that are not `YYYY-MM-DD` or start after they end;
//!   opening hours that are not `HH:MM`.
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
//!   they open.
//!
//! Problems come errors first, then warnings; within each, in catalog order
//! (regions, topics, services, authorities, online services, forms,
//! responsibilities, each in list order), so the output is deterministic.
//! Unknown ids get a "did you mean" suggestion when a close id exists.

use std::collections::{HashMap, HashSet};
use std::fmt;

use fst::{IntoStreamer, Streamer};

use crate::catalog::LoadedCatalog;
use crate::model::date::{is_date, is_time};
use crate::model::records::{Catalog, Role, TargetKind};
use crate::model::region::Plz;
use crate::model::region::{Ars, RegionLevel};
use crate::text::typo::TypoAutomaton;

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The catalog cannot be built.
    Error,
    /// The catalog builds, but editors should look.
    Warning,
}

/// One finding of [`validate`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Error or warning.
    pub severity: Severity,
    /// Catalog file holding the record.
    pub file: String,
    /// The record, e.g. `service "120703"`.
    pub record: String,
    /// The field, e.g. `topics[0]`.
    pub field: String,
    /// What is wrong, and where possible how to fix it.
    pub message: String,
}

impl Problem {
    /// True for [`Severity::Error`].
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(
            f,
            "{severity}: {}: {}, field `{}`: {}",
            self.file, self.record, self.field, self.message
        )
    }
}

/// Checks a loaded catalog; returns every problem found, errors first, then
/// warnings, each group in catalog order (see the [module docs](self)).
///
/// Records are named by id (`service "120703"`, `region "160510000000"`); a
/// record without a usable id is named by its position in its file, counting
/// from 1, e.g. `responsibility #17 (service "s1", region "160510000000")`.
pub fn validate(loaded: &LoadedCatalog) -> Vec<Problem> {
    let mut validator = Validator::new(loaded);
    validator.check_catalog();
    validator.check_regions();
    validator.check_topics();
    validator.check_services();
    validator.check_authorities();
    validator.check_online_services();
    validator.check_forms();
    validator.check_responsibilities();
    let mut problems = validator.problems;
    // Stable: keeps catalog order within each severity.
    problems.sort_by_key(|p| p.severity);
    problems
}

/// Fuzzy "did you mean" lookups are bounded so that a catalog with thousands
/// of distinct dangling ids still validates quickly; later ones go without.
const SUGGESTION_BUDGET: usize = 200;

/// Longest reference (in bytes) that gets a fuzzy suggestion.
const MAX_FUZZY_LEN: usize = 100;

/// Federal key, valid as a responsibility region even when absent from the region list.
const BUND: &str = "000000000000";

const LEIKA_URN_PREFIX: &str = "urn:de:fim:leika:leistung:";

const TRUST_LEVELS: [&str; 3] = ["basisregistrierung", "substantiell", "hoch"];

/// The record kinds, in catalog order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Kind {
    Region,
    Topic,
    Service,
    Authority,
    OnlineService,
    Form,
    Responsibility,
}

impl Kind {
    fn noun(self) -> &'static str {
        match self {
            Kind::Region => "region",
            Kind::Topic => "topic",
            Kind::Service => "service",
            Kind::Authority => "authority",
            Kind::OnlineService => "online service",
            Kind::Form => "form",
            Kind::Responsibility => "responsibility",
        }
    }

    fn of_target(kind: TargetKind) -> Kind {
        match kind {
            TargetKind::Authority => Kind::Authority,
            TargetKind::OnlineService => Kind::OnlineService,
            TargetKind::Form => Kind::Form,
        }
    }

    fn sources(self, loaded: &LoadedCatalog) -> &[usize] {
        match self {
            Kind::Region => &loaded.region_sources,
            Kind::Topic => &loaded.topic_sources,
            Kind::Service => &loaded.service_sources,
            Kind::Authority => &loaded.authority_sources,
            Kind::OnlineService => &loaded.online_service_sources,
            Kind::Form => &loaded.form_sources,
            Kind::Responsibility => &loaded.responsibility_sources,
        }
    }
}

fn target_type_name(kind: TargetKind) -> &'static str {
    match kind {
        TargetKind::Authority => "authority",
        TargetKind::OnlineService => "online_service",
        TargetKind::Form => "form",
    }
}

fn level_name(level: RegionLevel) -> &'static str {
    match level {
        RegionLevel::Bund => "bund",
        RegionLevel::Land => "land",
        RegionLevel::Bezirk => "bezirk",
        RegionLevel::Kreis => "kreis",
        RegionLevel::Verband => "verband",
        RegionLevel::Gemeinde => "gemeinde",
    }
}

/// First occurrence of each id of one kind, plus a lazily built fuzzy index.
#[derive(Default)]
struct IdTable<'a> {
    first: HashMap<&'a str, usize>,
    suggester: Option<Suggester>,
}

impl<'a> IdTable<'a> {
    fn new(ids: impl Iterator<Item = &'a str>) -> Self {
        let mut first = HashMap::new();
        for (i, id) in ids.enumerate() {
            first.entry(id).or_insert(i);
        }
        IdTable {
            first,
            suggester: None,
        }
    }

    fn contains(&self, id: &str) -> bool {
        self.first.contains_key(id)
    }
}

/// Finds close ids: first ids that differ only in case or surrounding
/// whitespace, then ids within a small edit distance.
struct Suggester {
    folded: HashMap<String, String>,
    set: Option<fst::Set<Vec<u8>>>,
}

impl Suggester {
    fn new<'a>(ids: impl Iterator<Item = &'a str>) -> Self {
        let mut sorted: Vec<&str> = ids.collect();
        sorted.sort_unstable();
        sorted.dedup();
        let mut folded = HashMap::new();
        for id in &sorted {
            folded.entry(fold(id)).or_insert_with(|| (*id).to_string());
        }
        // Sorted and deduplicated above, so building cannot fail; without a
        // set there are simply no fuzzy suggestions.
        let set = fst::Set::from_iter(sorted).ok();
        Suggester { folded, set }
    }
}

fn fold(id: &str) -> String {
    id.trim().to_lowercase()
}

/// Fuzzy lookups made so far, to stay within [`SUGGESTION_BUDGET`].
#[derive(Default)]
struct Fuzzy {
    budget_used: usize,
}

impl Fuzzy {
    fn closest(&mut self, set: &fst::Set<Vec<u8>>, missing: &str) -> Option<String> {
        // Long strings are pasted text rather than mistyped ids.
        if self.budget_used >= SUGGESTION_BUDGET || missing.len() > MAX_FUZZY_LEN {
            return None;
        }
        self.budget_used += 1;
        // One edit on a short id says little (numeric ids are all one edit
        // apart); longer ids tolerate two.
        let max_typos = if missing.chars().count() <= 4 { 1 } else { 2 };
        let automaton = TypoAutomaton::new(missing, max_typos, false);
        let mut stream = set.search_with_state(&automaton).into_stream();
        let mut best: Option<(u8, Vec<u8>)> = None;
        while let Some((key, state)) = stream.next() {
            if let Some(distance) = state.whole_word_typos(&automaton) {
                // Keys stream in byte order, so ties keep the smallest id.
                if distance > 0 && best.as_ref().is_none_or(|(d, _)| distance < *d) {
                    best = Some((distance, key.to_vec()));
                }
            }
        }
        best.and_then(|(_, key)| String::from_utf8(key).ok())
    }
}

/// A parent link that closes a cycle, reported once on the cycle's first
/// record in catalog order.
type Cycles = HashMap<usize, String>;

struct Validator<'a> {
    loaded: &'a LoadedCatalog,
    catalog: &'a Catalog,
    problems: Vec<Problem>,
    /// Position of each record within its file, counting from 1, per kind.
    ordinals: HashMap<Kind, Vec<usize>>,
    regions: IdTable<'a>,
    topics: IdTable<'a>,
    services: IdTable<'a>,
    authorities: IdTable<'a>,
    online_services: IdTable<'a>,
    forms: IdTable<'a>,
    responsibility_ids: HashMap<&'a str, usize>,
    fuzzy: Fuzzy,
    suggestions: HashMap<(Kind, &'a str), Option<String>>,
    services_with_responsibility: HashSet<&'a str>,
    targeted: HashSet<(TargetKind, &'a str)>,
    parent_authorities: HashSet<&'a str>,
    topic_cycles: Cycles,
    authority_cycles: Cycles,
}

impl<'a> Validator<'a> {
    fn new(loaded: &'a LoadedCatalog) -> Self {
        let catalog = &loaded.catalog;
        let ordinals = [
            Kind::Region,
            Kind::Topic,
            Kind::Service,
            Kind::Authority,
            Kind::OnlineService,
            Kind::Form,
            Kind::Responsibility,
        ]
        .into_iter()
        .map(|kind| (kind, ordinals(kind.sources(loaded))))
        .collect();
        let topics = IdTable::new(catalog.topics.iter().map(|t| t.id.as_str()));
        let authorities = IdTable::new(catalog.authorities.iter().map(|a| a.id.as_str()));
        let mut responsibility_ids = HashMap::new();
        for (i, r) in catalog.responsibilities.iter().enumerate() {
            if let Some(id) = r.id.as_deref() {
                responsibility_ids.entry(id).or_insert(i);
            }
        }
        let topic_cycles = find_cycles(
            &topics,
            |i| catalog.topics[i].parent.as_deref(),
            |i| catalog.topics[i].id.as_str(),
        );
        let authority_cycles = find_cycles(
            &authorities,
            |i| catalog.authorities[i].parent.as_deref(),
            |i| catalog.authorities[i].id.as_str(),
        );
        Validator {
            loaded,
            catalog,
            problems: Vec::new(),
            ordinals,
            regions: IdTable::new(catalog.regions.iter().map(|r| r.ars.as_str())),
            topics,
            services: IdTable::new(catalog.services.iter().map(|s| s.id.as_str())),
            authorities,
            online_services: IdTable::new(catalog.online_services.iter().map(|o| o.id.as_str())),
            forms: IdTable::new(catalog.forms.iter().map(|f| f.id.as_str())),
            responsibility_ids,
            fuzzy: Fuzzy::default(),
            suggestions: HashMap::new(),
            services_with_responsibility: catalog
                .responsibilities
                .iter()
                .map(|r| r.service.as_str())
                .collect(),
            targeted: catalog
                .responsibilities
                .iter()
                .map(|r| (r.target.kind, r.target.id.as_str()))
                .collect(),
            parent_authorities: catalog
                .authorities
                .iter()
                .filter_map(|a| a.parent.as_deref())
                .collect(),
            topic_cycles,
            authority_cycles,
        }
    }

    // ----- naming records and reporting -----

    fn file_of(&self, kind: Kind, i: usize) -> String {
        kind.sources(self.loaded)
            .get(i)
            .and_then(|&source| self.loaded.files.get(source))
            .cloned()
            .unwrap_or_else(|| "(unknown file)".to_string())
    }

    fn ordinal(&self, kind: Kind, i: usize) -> usize {
        self.ordinals
            .get(&kind)
            .and_then(|o| o.get(i))
            .copied()
            .unwrap_or(i + 1)
    }

    /// The id (or ARS) and name of record `i` of `kind`.
    fn id_and_name(&self, kind: Kind, i: usize) -> (&'a str, &'a str) {
        let c = self.catalog;
        match kind {
            Kind::Region => (&c.regions[i].ars, &c.regions[i].name),
            Kind::Topic => (&c.topics[i].id, &c.topics[i].name),
            Kind::Service => (&c.services[i].id, &c.services[i].name),
            Kind::Authority => (&c.authorities[i].id, &c.authorities[i].name),
            Kind::OnlineService => (&c.online_services[i].id, &c.online_services[i].name),
            Kind::Form => (&c.forms[i].id, &c.forms[i].name),
            Kind::Responsibility => (c.responsibilities[i].id.as_deref().unwrap_or(""), ""),
        }
    }

    fn label(&self, kind: Kind, i: usize) -> String {
        let (id, name) = self.id_and_name(kind, i);
        if !id.trim().is_empty() {
            return format!("{} {id:?}", kind.noun());
        }
        let ordinal = self.ordinal(kind, i);
        if kind == Kind::Responsibility {
            let r = &self.catalog.responsibilities[i];
            format!(
                "responsibility #{ordinal} (service {:?}, region {:?})",
                r.service, r.region
            )
        } else if name.trim().is_empty() {
            format!("{} #{ordinal}", kind.noun())
        } else {
            format!("{} #{ordinal} (name {name:?})", kind.noun())
        }
    }

    fn report(
        &mut self,
        severity: Severity,
        kind: Kind,
        i: usize,
        field: impl Into<String>,
        message: String,
    ) {
        let problem = Problem {
            severity,
            file: self.file_of(kind, i),
            record: self.label(kind, i),
            field: field.into(),
            message,
        };
        self.problems.push(problem);
    }

    fn error(&mut self, kind: Kind, i: usize, field: impl Into<String>, message: String) {
        self.report(Severity::Error, kind, i, field, message);
    }

    fn warning(&mut self, kind: Kind, i: usize, field: impl Into<String>, message: String) {
        self.report(Severity::Warning, kind, i, field, message);
    }

    // ----- shared checks -----

    /// Checks the shape of an id; duplicates are checked by the caller, which
    /// knows the table.
    fn check_id(&mut self, kind: Kind, i: usize, field: &str, id: &str) {
        let noun = kind.noun();
        if id.is_empty() {
            self.error(
                kind,
                i,
                field,
                format!("the id is empty; give the {noun} a unique id"),
            );
        } else if id.trim().is_empty() {
            self.error(
                kind,
                i,
                field,
                format!("the id is only whitespace; give the {noun} a unique id"),
            );
        } else if id.trim() != id {
            self.error(
                kind,
                i,
                field,
                format!(
                    "the id {id:?} has leading or trailing whitespace; write it as {:?} (references must match ids exactly)",
                    id.trim()
                ),
            );
        }
    }

    fn check_duplicate(&mut self, kind: Kind, i: usize, field: &str, id: &str, first: usize) {
        if first == i || id.trim().is_empty() {
            return;
        }
        let noun = kind.noun();
        let other = format!(
            "{} (the {noun} #{} there)",
            self.file_of(kind, first),
            self.ordinal(kind, first)
        );
        let message = if kind == Kind::Region {
            format!("duplicate region key {id:?}: it is also defined in {other}; each ARS may appear once, so merge or remove one of them")
        } else {
            format!("duplicate {noun} id {id:?}: another {noun} with this id is defined in {other}; ids must be unique, so rename or remove one of them")
        };
        self.error(kind, i, field, message);
    }

    fn check_name(&mut self, kind: Kind, i: usize, name: &str) {
        if name.trim().is_empty() {
            let what = if name.is_empty() {
                "empty"
            } else {
                "only whitespace"
            };
            self.error(
                kind,
                i,
                "name",
                format!(
                    "the name is {what}; every {} needs a display name",
                    kind.noun()
                ),
            );
        }
    }

    /// Reports a malformed ARS; true when the key is well-formed.
    fn check_ars(&mut self, kind: Kind, i: usize, field: &str, key: &str) -> bool {
        match ars_problem(key) {
            Some(message) => {
                self.error(kind, i, field, message);
                false
            }
            None => true,
        }
    }

    fn check_plz(&mut self, kind: Kind, i: usize, field: &str, plz: &str) {
        if !Plz::is_plz(plz) {
            self.error(
                kind,
                i,
                field,
                format!(
                    "{plz:?} is not a postcode (PLZ): expected exactly 5 digits, e.g. \"99084\""
                ),
            );
        }
    }

    fn check_http_url(&mut self, kind: Kind, i: usize, url: &str) {
        let message = if url.trim().is_empty() {
            format!(
                "the URL is empty; every {} needs an address starting with https://",
                kind.noun()
            )
        } else if !is_http_url(url) {
            format!("{url:?} is not an absolute http(s) address; write it with its scheme and host, e.g. \"https://www.example.de/antrag\"")
        } else {
            return;
        };
        self.error(kind, i, "url", message);
    }

    /// Names a close id of `kind` for an unknown reference, if there is one.
    fn suggest(&mut self, kind: Kind, missing: &'a str) -> Option<String> {
        if let Some(cached) = self.suggestions.get(&(kind, missing)) {
            return cached.clone();
        }
        let table = match kind {
            Kind::Topic => &mut self.topics,
            Kind::Service => &mut self.services,
            Kind::Authority => &mut self.authorities,
            Kind::OnlineService => &mut self.online_services,
            Kind::Form => &mut self.forms,
            // Region references get the nearest enclosing region instead.
            Kind::Region | Kind::Responsibility => return None,
        };
        let suggester = table
            .suggester
            .get_or_insert_with(|| Suggester::new(table.first.keys().copied()));
        let suggestion = match suggester.folded.get(&fold(missing)) {
            Some(id) => Some(id.clone()),
            None => match &suggester.set {
                Some(set) => self.fuzzy.closest(set, missing),
                None => None,
            },
        };
        self.suggestions.insert((kind, missing), suggestion.clone());
        suggestion
    }

    /// Reports a reference to a missing record of `kind`, with `hint` or
    /// else a close id as the suggested fix.
    fn check_reference(
        &mut self,
        from: Kind,
        i: usize,
        field: &str,
        kind: Kind,
        reference: &'a str,
        hint: Option<String>,
    ) {
        let noun = kind.noun();
        if reference.trim().is_empty() {
            self.error(
                from,
                i,
                field,
                format!("the {noun} reference is empty; name the id of an existing {noun}"),
            );
            return;
        }
        let known = match kind {
            Kind::Topic => self.topics.contains(reference),
            Kind::Service => self.services.contains(reference),
            Kind::Authority => self.authorities.contains(reference),
            Kind::OnlineService => self.online_services.contains(reference),
            Kind::Form => self.forms.contains(reference),
            Kind::Region | Kind::Responsibility => true,
        };
        if known {
            return;
        }
        // A hint (an exact id of another kind) is surer than a close id.
        let fix = match hint {
            Some(hint) => hint,
            None => match self.suggest(kind, reference) {
                Some(close) => format!("did you mean {close:?}?"),
                None => format!("correct the id or add the {noun}"),
            },
        };
        self.error(
            from,
            i,
            field,
            format!("unknown {noun} {reference:?} (no {noun} with this id); {fix}"),
        );
    }

    /// The nearest region of the catalog enclosing `key`, for messages.
    fn nearest_enclosing(&self, key: &str) -> Option<String> {
        let ars: Ars = key.parse().ok()?;
        ars.chain().skip(1).find_map(|candidate| {
            let &i = self.regions.first.get(candidate.as_str())?;
            Some(format!(
                "{:?} ({})",
                candidate.as_str(),
                self.catalog.regions[i].name
            ))
        })
    }

    fn unknown_region_message(&self, key: &str) -> String {
        let fix = match self.nearest_enclosing(key) {
            Some(region) => format!(
                "the nearest enclosing region in the catalog is {region}; use that key or add the region"
            ),
            None => "add the region or correct the key".to_string(),
        };
        format!("unknown region {key:?} (not in the catalog's region list); {fix}")
    }

    // ----- the record kinds, in catalog order -----

    fn check_catalog(&mut self) {
        let c = self.catalog;
        if c.responsibilities.is_empty() && !c.services.is_empty() {
            let file = match self.loaded.files.as_slice() {
                [only] => only.clone(),
                _ => "(catalog)".to_string(),
            };
            self.problems.push(Problem {
                severity: Severity::Warning,
                file,
                record: "catalog".into(),
                field: "responsibilities".into(),
                message: format!(
                    "the catalog has {} service(s) but no responsibilities, so a search cannot say who handles any service; add responsibilities",
                    c.services.len()
                ),
            });
        }
    }

    fn check_regions(&mut self) {
        for (i, region) in self.catalog.regions.iter().enumerate() {
            let well_formed = self.check_ars(Kind::Region, i, "ars", &region.ars);
            if let Some(&first) = self.regions.first.get(region.ars.as_str()) {
                self.check_duplicate(Kind::Region, i, "ars", &region.ars, first);
            }
            self.check_name(Kind::Region, i, &region.name);
            if well_formed {
                self.check_region_level(i);
            }
            if let Some(parent) = region.parent.as_deref() {
                self.check_region_parent(i, parent, well_formed);
            }
            for (j, plz) in region.plz.iter().enumerate() {
                self.check_plz(Kind::Region, i, &format!("plz[{j}]"), plz);
            }
        }
    }

    fn check_region_level(&mut self, i: usize) {
        let region = &self.catalog.regions[i];
        let Ok(ars) = region.ars.parse::<Ars>() else {
            return;
        };
        let shape = ars.level();
        let declared = region.level;
        // A key with trailing zeros may stand for a more specific unit whose
        // own digits are zero (kreisfreie Stadt as Gemeinde, Berlin as Kreis);
        // a less specific level than the shape cannot fit, and only the
        // all-zero key is the Bund.
        let fits = if shape == RegionLevel::Bund || declared == RegionLevel::Bund {
            shape == declared
        } else {
            declared >= shape
        };
        if !fits {
            self.warning(
                Kind::Region,
                i,
                "level",
                format!(
                    "level {:?} contradicts the key {}, which has the shape of a {} key; set level to {:?} or correct the key",
                    level_name(declared),
                    region.ars,
                    level_name(shape),
                    level_name(shape)
                ),
            );
        }
    }

    fn check_region_parent(&mut self, i: usize, parent: &'a str, own_key_usable: bool) {
        let region = &self.catalog.regions[i];
        if parent.trim().is_empty() {
            self.error(
                Kind::Region,
                i,
                "parent",
                "the parent is empty; name the ARS of the enclosing region or remove `parent`"
                    .into(),
            );
            return;
        }
        if !self.check_ars(Kind::Region, i, "parent", parent) || !own_key_usable {
            return;
        }
        let Ok(ars) = region.ars.parse::<Ars>() else {
            return;
        };
        let enclosing: Vec<String> = ars.chain().skip(1).map(|a| a.to_string()).collect();
        if parent == region.ars {
            self.error(
                Kind::Region,
                i,
                "parent",
                format!(
                    "a region cannot be its own parent; name an enclosing key ({}) or remove `parent`",
                    enclosing.join(", ")
                ),
            );
        } else if !enclosing.iter().any(|e| e == parent) {
            let message = if enclosing.is_empty() {
                format!("{parent:?} cannot enclose the federal key; remove `parent`")
            } else {
                format!(
                    "{parent:?} does not enclose {}; its enclosing keys are {}",
                    region.ars,
                    enclosing.join(", ")
                )
            };
            self.error(Kind::Region, i, "parent", message);
        } else if !self.regions.contains(parent) {
            let message = self.unknown_region_message(parent);
            self.error(Kind::Region, i, "parent", message);
        }
    }

    fn check_topics(&mut self) {
        for (i, topic) in self.catalog.topics.iter().enumerate() {
            self.check_id(Kind::Topic, i, "id", &topic.id);
            if let Some(&first) = self.topics.first.get(topic.id.as_str()) {
                self.check_duplicate(Kind::Topic, i, "id", &topic.id, first);
            }
            self.check_name(Kind::Topic, i, &topic.name);
            if let Some(parent) = topic.parent.as_deref() {
                self.check_reference(Kind::Topic, i, "parent", Kind::Topic, parent, None);
            }
            if let Some(cycle) = self.topic_cycles.get(&i).cloned() {
                self.error(Kind::Topic, i, "parent", cycle);
            }
        }
    }

    fn check_services(&mut self) {
        let has_responsibilities = !self.catalog.responsibilities.is_empty();
        for (i, service) in self.catalog.services.iter().enumerate() {
            self.check_id(Kind::Service, i, "id", &service.id);
            if let Some(&first) = self.services.first.get(service.id.as_str()) {
                self.check_duplicate(Kind::Service, i, "id", &service.id, first);
            }
            self.check_name(Kind::Service, i, &service.name);
            for (j, key) in service.leika.iter().enumerate() {
                if let Some(message) = leika_problem(key) {
                    self.error(Kind::Service, i, format!("leika[{j}]"), message);
                }
            }
            for (j, topic) in service.topics.iter().enumerate() {
                self.check_reference(
                    Kind::Service,
                    i,
                    &format!("topics[{j}]"),
                    Kind::Topic,
                    topic,
                    None,
                );
            }
            if let Some(valid) = &service.valid {
                let from = valid.from.as_deref();
                let to = valid.to.as_deref();
                let from_ok = self.check_date(i, "valid.from", from);
                let to_ok = self.check_date(i, "valid.to", to);
                if let (Some(from), Some(to), true, true) = (from, to, from_ok, to_ok) {
                    // YYYY-MM-DD compares correctly as text.
                    if from > to {
                        self.error(
                            Kind::Service,
                            i,
                            "valid.from",
                            format!("the validity starts ({from}) after it ends ({to}); swap or correct the dates"),
                        );
                    }
                }
            }
            if has_responsibilities
                && !self
                    .services_with_responsibility
                    .contains(service.id.as_str())
            {
                self.warning(
                    Kind::Service,
                    i,
                    "id",
                    "no responsibility names this service, so a search finds it but cannot say who handles it; add a responsibility or remove the service".into(),
                );
            }
        }
    }

    /// Reports a malformed date; true when the date is absent or well-formed.
    fn check_date(&mut self, i: usize, field: &str, date: Option<&str>) -> bool {
        match date {
            Some(date) if !is_date(date) => {
                self.error(
                    Kind::Service,
                    i,
                    field,
                    format!("{date:?} is not a date: expected YYYY-MM-DD, e.g. \"2024-01-31\""),
                );
                false
            }
            _ => true,
        }
    }

    fn check_authorities(&mut self) {
        let has_responsibilities = !self.catalog.responsibilities.is_empty();
        for (i, authority) in self.catalog.authorities.iter().enumerate() {
            self.check_id(Kind::Authority, i, "id", &authority.id);
            if let Some(&first) = self.authorities.first.get(authority.id.as_str()) {
                self.check_duplicate(Kind::Authority, i, "id", &authority.id, first);
            }
            self.check_name(Kind::Authority, i, &authority.name);
            if let Some(parent) = authority.parent.as_deref() {
                self.check_reference(Kind::Authority, i, "parent", Kind::Authority, parent, None);
            }
            if let Some(cycle) = self.authority_cycles.get(&i).cloned() {
                self.error(Kind::Authority, i, "parent", cycle);
            }
            if let Some(address) = &authority.address {
                if let Some(plz) = address.plz.as_deref() {
                    self.check_plz(Kind::Authority, i, "address.plz", plz);
                }
                if let Some(ars) = address.ars.as_deref() {
                    self.check_ars(Kind::Authority, i, "address.ars", ars);
                }
            }
            for (j, hours) in authority.opening_hours.iter().enumerate() {
                let from = hours.from.as_deref();
                let to = hours.to.as_deref();
                let from_ok = self.check_time(i, &format!("opening_hours[{j}].from"), from);
                let to_ok = self.check_time(i, &format!("opening_hours[{j}].to"), to);
                if let (Some(from), Some(to), true, true) = (from, to, from_ok, to_ok) {
                    // HH:MM compares correctly as text.
                    if from >= to {
                        self.warning(
                            Kind::Authority,
                            i,
                            format!("opening_hours[{j}].to"),
                            format!("the office closes ({to}) before it opens ({from}); correct the times"),
                        );
                    }
                }
            }
            let targeted = self
                .targeted
                .contains(&(TargetKind::Authority, authority.id.as_str()));
            if targeted {
                self.check_routing_address(i);
            } else if has_responsibilities
                && !self.parent_authorities.contains(authority.id.as_str())
            {
                self.warning(
                    Kind::Authority,
                    i,
                    "id",
                    "no responsibility targets this authority and no authority names it as parent; add a responsibility or remove the authority".into(),
                );
            }
        }
    }

    /// The PVOG routing check: responsible authorities need street, PLZ and town.
    fn check_routing_address(&mut self, i: usize) {
        const WHY: &str =
            "PVOG routing needs street, PLZ and town for every authority a responsibility targets";
        let Some(address) = &self.catalog.authorities[i].address else {
            self.warning(
                Kind::Authority,
                i,
                "address",
                format!("no address; {WHY}, so add `address` with `street`, `plz` and `city`"),
            );
            return;
        };
        let blank = |field: &Option<String>| field.as_deref().is_none_or(|v| v.trim().is_empty());
        for (field, missing) in [
            ("address.street", blank(&address.street)),
            ("address.plz", blank(&address.plz)),
            ("address.city", blank(&address.city)),
        ] {
            if missing {
                self.warning(Kind::Authority, i, field, format!("missing; {WHY}"));
            }
        }
    }

    /// Reports a malformed time; true when the time is absent or well-formed.
    fn check_time(&mut self, i: usize, field: &str, time: Option<&str>) -> bool {
        match time {
            Some(time) if !is_time(time) => {
                self.error(
                    Kind::Authority,
                    i,
                    field,
                    format!("{time:?} is not a time: expected HH:MM on the 24-hour clock, e.g. \"09:00\""),
                );
                false
            }
            _ => true,
        }
    }

    fn check_online_services(&mut self) {
        let has_responsibilities = !self.catalog.responsibilities.is_empty();
        for (i, online) in self.catalog.online_services.iter().enumerate() {
            self.check_id(Kind::OnlineService, i, "id", &online.id);
            if let Some(&first) = self.online_services.first.get(online.id.as_str()) {
                self.check_duplicate(Kind::OnlineService, i, "id", &online.id, first);
            }
            self.check_name(Kind::OnlineService, i, &online.name);
            self.check_http_url(Kind::OnlineService, i, &online.url);
            if let Some(level) = online.trust_level.as_deref() {
                if !TRUST_LEVELS.contains(&level) {
                    self.warning(
                        Kind::OnlineService,
                        i,
                        "trust_level",
                        format!("unknown trust level {level:?}; expected \"basisregistrierung\", \"substantiell\" or \"hoch\""),
                    );
                }
            }
            if has_responsibilities
                && !self
                    .targeted
                    .contains(&(TargetKind::OnlineService, online.id.as_str()))
            {
                self.warning(
                    Kind::OnlineService,
                    i,
                    "id",
                    "no responsibility targets this online service; add a responsibility or remove it".into(),
                );
            }
        }
    }

    fn check_forms(&mut self) {
        let has_responsibilities = !self.catalog.responsibilities.is_empty();
        for (i, form) in self.catalog.forms.iter().enumerate() {
            self.check_id(Kind::Form, i, "id", &form.id);
            if let Some(&first) = self.forms.first.get(form.id.as_str()) {
                self.check_duplicate(Kind::Form, i, "id", &form.id, first);
            }
            self.check_name(Kind::Form, i, &form.name);
            self.check_http_url(Kind::Form, i, &form.url);
            if has_responsibilities
                && !self
                    .targeted
                    .contains(&(TargetKind::Form, form.id.as_str()))
            {
                self.warning(
                    Kind::Form,
                    i,
                    "id",
                    "no responsibility targets this form; add a responsibility or remove it".into(),
                );
            }
        }
    }

    fn check_responsibilities(&mut self) {
        let catalog = self.catalog;
        let has_regions = !catalog.regions.is_empty();
        let mut seen: HashMap<(&str, &str, TargetKind, &str, Role), usize> = HashMap::new();
        for (i, r) in catalog.responsibilities.iter().enumerate() {
            if let Some(id) = r.id.as_deref() {
                self.check_id(Kind::Responsibility, i, "id", id);
                if let Some(&first) = self.responsibility_ids.get(id) {
                    self.check_duplicate(Kind::Responsibility, i, "id", id, first);
                }
            }
            self.check_reference(
                Kind::Responsibility,
                i,
                "service",
                Kind::Service,
                &r.service,
                None,
            );
            if self.check_ars(Kind::Responsibility, i, "region", &r.region)
                && has_regions
                && r.region != BUND
                && !self.regions.contains(&r.region)
            {
                let message = self.unknown_region_message(&r.region);
                self.error(Kind::Responsibility, i, "region", message);
            }
            let target_kind = Kind::of_target(r.target.kind);
            let hint = self
                .other_target_kind(r.target.kind, &r.target.id)
                .map(|other| {
                    let noun = Kind::of_target(other).noun();
                    format!(
                        "{} {noun} has this id, so set target.type to {:?}",
                        article(noun),
                        target_type_name(other)
                    )
                });
            self.check_reference(
                Kind::Responsibility,
                i,
                "target.id",
                target_kind,
                &r.target.id,
                hint,
            );
            let key = (
                r.service.as_str(),
                r.region.as_str(),
                r.target.kind,
                r.target.id.as_str(),
                r.role,
            );
            match seen.get(&key) {
                Some(&first) => {
                    let other = format!(
                        "{} in {}",
                        self.label(Kind::Responsibility, first),
                        self.file_of(Kind::Responsibility, first)
                    );
                    self.warning(
                        Kind::Responsibility,
                        i,
                        "target.id",
                        format!("duplicate responsibility: {other} already assigns this service in this region to the same target with the same role; remove one of them"),
                    );
                }
                None => {
                    seen.insert(key, i);
                }
            }
        }
    }

    /// The kind other than `kind` that has a target with this id, if any:
    /// the likeliest cause of a dangling target is a wrong `target.type`.
    fn other_target_kind(&self, kind: TargetKind, id: &str) -> Option<TargetKind> {
        [
            (TargetKind::Authority, &self.authorities),
            (TargetKind::OnlineService, &self.online_services),
            (TargetKind::Form, &self.forms),
        ]
        .into_iter()
        .find(|(other, table)| *other != kind && table.contains(id))
        .map(|(other, _)| other)
    }
}

fn article(noun: &str) -> &'static str {
    if noun.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

/// Position of each record within its file, counting from 1.
fn ordinals(sources: &[usize]) -> Vec<usize> {
    let mut counts: HashMap<usize, usize> = HashMap::new();
    sources
        .iter()
        .map(|&source| {
            let count = counts.entry(source).or_insert(0);
            *count += 1;
            *count
        })
        .collect()
}

/// Finds parent cycles among the first occurrences of ids; each cycle is
/// described once, keyed by its member that comes first in catalog order.
fn find_cycles<'a>(
    table: &IdTable<'a>,
    parent_of: impl Fn(usize) -> Option<&'a str>,
    id_of: impl Fn(usize) -> &'a str,
) -> Cycles {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        Unvisited,
        OnPath,
        Done,
    }
    let mut starts: Vec<usize> = table.first.values().copied().collect();
    starts.sort_unstable();
    let len = starts.last().map_or(0, |&last| last + 1);
    let mut state = vec![State::Unvisited; len];
    let parent_index = |i: usize| parent_of(i).and_then(|p| table.first.get(p).copied());
    let mut cycles = Cycles::new();
    for start in starts {
        let mut path = Vec::new();
        let mut node = Some(start);
        while let Some(i) = node {
            match state[i] {
                State::Done => break,
                State::OnPath => {
                    let at = path.iter().position(|&p| p == i).unwrap_or(0);
                    let members = &path[at..];
                    let &head = members.iter().min().unwrap_or(&i);
                    let description = if members.len() == 1 {
                        format!(
                            "{:?} names itself as parent; remove `parent` or name a different record",
                            id_of(head)
                        )
                    } else {
                        // Walk from the first member so the text is the same
                        // whichever record the search started at.
                        let mut chain = vec![format!("{:?}", id_of(head))];
                        let mut next = parent_index(head);
                        while let Some(n) = next {
                            chain.push(format!("{:?}", id_of(n)));
                            if n == head {
                                break;
                            }
                            next = parent_index(n);
                        }
                        format!(
                            "the parent chain forms a cycle: {}; remove one of these parent links",
                            chain.join(" → ")
                        )
                    };
                    cycles.insert(head, description);
                    break;
                }
                State::Unvisited => {
                    state[i] = State::OnPath;
                    path.push(i);
                    node = parent_index(i);
                }
            }
        }
        for i in path {
            state[i] = State::Done;
        }
    }
    cycles
}

fn ars_problem(key: &str) -> Option<String> {
    if key.parse::<Ars>().is_ok() {
        return None;
    }
    let length = key.chars().count();
    let mut message = format!(
        "{key:?} is not a regional key (ARS): expected exactly 12 digits, found {length} character(s)"
    );
    if length == 8 && key.bytes().all(|b| b.is_ascii_digit()) {
        message.push_str("; this looks like an 8-digit AGS, which lacks the 4-digit Verband part (positions 6–9) of the ARS");
    } else if key.trim() != key && key.trim().parse::<Ars>().is_ok() {
        message.push_str(&format!(
            "; remove the surrounding whitespace: {:?}",
            key.trim()
        ));
    }
    Some(message)
}

fn leika_problem(key: &str) -> Option<String> {
    if key.len() == 14 && key.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut message = format!(
        "{key:?} is not a LeiKa key: expected exactly 14 digits, found {} character(s)",
        key.chars().count()
    );
    if let Some(bare) = key.strip_prefix(LEIKA_URN_PREFIX) {
        message.push_str(&format!(
            "; write the bare key {bare:?} without the URN prefix"
        ));
    }
    Some(message)
}

/// An absolute `http://` or `https://` address with a host and no whitespace.
fn is_http_url(url: &str) -> bool {
    let strip = |scheme: &str| {
        url.get(..scheme.len())
            .filter(|prefix| prefix.eq_ignore_ascii_case(scheme))
            .map(|_| &url[scheme.len()..])
    };
    let Some(rest) = strip("https://").or_else(|| strip("http://")) else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    !host.is_empty() && !url.chars().any(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::records::{
        Address, Authority, Form, OnlineService, Region, Responsibility, Service, Target, Topic,
    };

    /// A small catalog that passes every check: a Thüringen region tree, a
    /// topic tree, services routed to an authority, an online service and a
    /// form, and a parent authority.
    fn clean() -> Catalog {
        serde_json::from_value(serde_json::json!({
            "regions": [
                {"ars": "160000000000", "name": "Thüringen", "level": "land"},
                {"ars": "160510000000", "name": "Erfurt, Stadt", "level": "kreis", "parent": "160000000000", "plz": ["99084"]},
                {"ars": "160700000000", "name": "Ilm-Kreis", "level": "kreis", "parent": "160000000000"},
                {"ars": "160705009000", "name": "VG Riechheimer Berg", "level": "verband", "parent": "160700000000"},
                {"ars": "160705009001", "name": "Alkersleben", "level": "gemeinde", "parent": "160705009000", "plz": ["99310"]}
            ],
            "topics": [
                {"id": "t1", "name": "Familie"},
                {"id": "t2", "name": "Geburt", "parent": "t1"}
            ],
            "services": [
                {"id": "s1", "name": "Personalausweis beantragen", "leika": ["99008001011001"], "topics": ["t2"],
                 "valid": {"from": "2024-02-29", "to": "2030-12-31"}},
                {"id": "s2", "name": "Hund anmelden"}
            ],
            "authorities": [
                {"id": "a0", "name": "Landratsamt Ilm-Kreis"},
                {"id": "a1", "name": "VG Riechheimer Berg", "parent": "a0",
                 "address": {"street": "Hauptstraße", "house_no": "1", "plz": "99310", "city": "Alkersleben", "ars": "160705009001"},
                 "opening_hours": [{"days": "Mo-Fr", "from": "09:00", "to": "12:00"}, {"days": "Do", "from": "13:00", "to": "24:00"}]}
            ],
            "online_services": [
                {"id": "o1", "name": "Antrag online", "url": "HTTPS://service.example.de/antrag?x=1", "trust_level": "substantiell"}
            ],
            "forms": [
                {"id": "f1", "name": "Anmeldeformular", "url": "http://example.de/form.pdf", "format": "pdf"}
            ],
            "responsibilities": [
                {"id": "r1", "service": "s1", "region": "160705009000", "target": {"type": "authority", "id": "a1"}},
                {"id": "r2", "service": "s1", "region": "160000000000", "target": {"type": "online_service", "id": "o1"}},
                {"service": "s2", "region": "160510000000", "target": {"type": "form", "id": "f1"}},
                {"service": "s2", "region": "000000000000", "target": {"type": "authority", "id": "a1"}, "role": "ansprechpunkt"}
            ]
        }))
        .expect("the clean catalog matches the model")
    }

    type Expected = (Severity, &'static str, &'static str, &'static str);

    fn problems_of(catalog: Catalog) -> Vec<Problem> {
        validate(&LoadedCatalog::from_catalog(catalog, "catalog.json"))
    }

    fn assert_problems(case: &str, problems: &[Problem], expected: &[Expected]) {
        let shown = || {
            problems
                .iter()
                .map(|p| format!("  {p}"))
                .collect::<Vec<_>>()
                .join("\n")
        };
        assert_eq!(
            problems.len(),
            expected.len(),
            "{case}: expected {} problem(s), got:\n{}",
            expected.len(),
            shown()
        );
        for (problem, &(severity, record, field, fragment)) in problems.iter().zip(expected) {
            assert!(
                problem.severity == severity
                    && problem.record == record
                    && problem.field == field
                    && problem.message.contains(fragment)
                    && problem.file == "catalog.json",
                "{case}: expected {severity:?} {record} `{field}` containing {fragment:?}, got:\n{}",
                shown()
            );
        }
    }

    fn region(ars: &str, name: &str, level: RegionLevel, parent: Option<&str>) -> Region {
        Region {
            ars: ars.into(),
            name: name.into(),
            level,
            parent: parent.map(Into::into),
            plz: Vec::new(),
        }
    }

    fn topic(id: &str, name: &str) -> Topic {
        Topic {
            id: id.into(),
            name: name.into(),
            parent: None,
        }
    }

    fn address(c: &mut Catalog) -> &mut Address {
        c.authorities[1]
            .address
            .as_mut()
            .expect("a1 has an address in the clean catalog")
    }

    fn validity(c: &mut Catalog) -> &mut crate::model::records::Validity {
        c.services[0]
            .valid
            .as_mut()
            .expect("s1 has a validity in the clean catalog")
    }

    #[test]
    fn the_clean_catalog_has_no_problems() {
        assert_problems("clean", &problems_of(clean()), &[]);
    }

    #[test]
    fn each_rule_reports_the_record_field_and_fix() {
        use Severity::{Error as E, Warning as W};
        type Case = (&'static str, fn(&mut Catalog), &'static [Expected]);
        let cases: &[Case] = &[
            // ----- ids and names -----
            ("empty topic id", |c| c.topics.push(topic("", "Leer")),
             &[(E, "topic #3 (name \"Leer\")", "id", "the id is empty; give the topic a unique id")]),
            ("whitespace topic id", |c| c.topics.push(topic("   ", "")),
             &[(E, "topic #3", "id", "the id is only whitespace"),
               (E, "topic #3", "name", "the name is empty")]),
            ("padded topic id", |c| c.topics.push(topic(" t3", "Umzug")),
             &[(E, "topic \" t3\"", "id", "has leading or trailing whitespace; write it as \"t3\"")]),
            ("blank name", |c| c.topics[0].name = "  ".into(),
             &[(E, "topic \"t1\"", "name", "the name is only whitespace; every topic needs a display name")]),
            ("blank region name", |c| c.regions[0].name = String::new(),
             &[(E, "region \"160000000000\"", "name", "the name is empty")]),
            ("blank responsibility id", |c| c.responsibilities[0].id = Some(String::new()),
             &[(E, "responsibility #1 (service \"s1\", region \"160705009000\")", "id", "the id is empty")]),
            // ----- duplicates -----
            ("duplicate topic", |c| c.topics.push(topic("t1", "Nochmal")),
             &[(E, "topic \"t1\"", "id", "duplicate topic id \"t1\": another topic with this id is defined in catalog.json (the topic #1 there)")]),
            ("duplicate region", |c| c.regions.push(region("160510000000", "Erfurt", RegionLevel::Gemeinde, None)),
             &[(E, "region \"160510000000\"", "ars", "duplicate region key \"160510000000\": it is also defined in catalog.json (the region #2 there)")]),
            ("duplicate service", |c| {
                let copy = c.services[1].clone();
                c.services.push(copy);
             },
             &[(E, "service \"s2\"", "id", "(the service #2 there); ids must be unique")]),
            ("duplicate responsibility id", |c| {
                let mut copy = c.responsibilities[1].clone();
                copy.region = "160510000000".into();
                c.responsibilities.push(copy);
             },
             &[(E, "responsibility \"r2\"", "id", "duplicate responsibility id \"r2\"")]),
            ("duplicate responsibility", |c| {
                let mut copy = c.responsibilities[0].clone();
                copy.id = None;
                c.responsibilities.push(copy);
             },
             &[(W, "responsibility #5 (service \"s1\", region \"160705009000\")", "target.id",
                "duplicate responsibility: responsibility \"r1\" in catalog.json already assigns this service")]),
            ("same assignment with another role is no duplicate", |c| {
                let mut copy = c.responsibilities[0].clone();
                copy.id = Some("r9".into());
                copy.role = Role::Ansprechpunkt;
                c.responsibilities.push(copy);
             },
             &[]),
            // ----- keys -----
            ("short region key", |c| c.regions.push(region("16070500900", "Kurz", RegionLevel::Gemeinde, None)),
             &[(E, "region \"16070500900\"", "ars", "expected exactly 12 digits, found 11 character(s)")]),
            ("region plz", |c| c.regions[1].plz.push("9908".into()),
             &[(E, "region \"160510000000\"", "plz[1]", "\"9908\" is not a postcode (PLZ): expected exactly 5 digits")]),
            ("address plz", |c| address(c).plz = Some("99 310".into()),
             &[(E, "authority \"a1\"", "address.plz", "is not a postcode")]),
            ("address AGS instead of ARS", |c| address(c).ars = Some("16070001".into()),
             &[(E, "authority \"a1\"", "address.ars", "looks like an 8-digit AGS")]),
            ("padded responsibility region", |c| c.responsibilities[1].region = " 160000000000".into(),
             &[(E, "responsibility \"r2\"", "region", "remove the surrounding whitespace: \"160000000000\"")]),
            ("short LeiKa key", |c| c.services[0].leika.push("9900800101100".into()),
             &[(E, "service \"s1\"", "leika[1]", "\"9900800101100\" is not a LeiKa key: expected exactly 14 digits, found 13")]),
            ("LeiKa URN", |c| c.services[0].leika[0] = "urn:de:fim:leika:leistung:99008001011001".into(),
             &[(E, "service \"s1\"", "leika[0]", "write the bare key \"99008001011001\" without the URN prefix")]),
            // ----- region levels and parents -----
            ("gemeinde key labelled kreis", |c| c.regions[4].level = RegionLevel::Kreis,
             &[(W, "region \"160705009001\"", "level", "level \"kreis\" contradicts the key 160705009001, which has the shape of a gemeinde key; set level to \"gemeinde\"")]),
            ("kreisfreie Stadt as gemeinde fits", |c| c.regions[1].level = RegionLevel::Gemeinde, &[]),
            ("land key labelled bund", |c| c.regions[0].level = RegionLevel::Bund,
             &[(W, "region \"160000000000\"", "level", "has the shape of a land key")]),
            ("federal key labelled land", |c| c.regions.push(region("000000000000", "Deutschland", RegionLevel::Land, None)),
             &[(W, "region \"000000000000\"", "level", "has the shape of a bund key")]),
            ("parent that does not enclose", |c| c.regions[4].parent = Some("160510000000".into()),
             &[(E, "region \"160705009001\"", "parent", "\"160510000000\" does not enclose 160705009001; its enclosing keys are 160705009000, 160700000000, 160000000000, 000000000000")]),
            ("own parent", |c| c.regions[1].parent = Some("160510000000".into()),
             &[(E, "region \"160510000000\"", "parent", "a region cannot be its own parent")]),
            ("malformed parent", |c| c.regions[1].parent = Some("16".into()),
             &[(E, "region \"160510000000\"", "parent", "\"16\" is not a regional key (ARS)")]),
            ("parent missing from the catalog", |c| { c.regions.remove(2); },
             &[(E, "region \"160705009000\"", "parent",
                "unknown region \"160700000000\" (not in the catalog's region list); the nearest enclosing region in the catalog is \"160000000000\" (Thüringen)")]),
            // ----- references -----
            ("dangling authority", |c| c.responsibilities[0].target.id = "a11".into(),
             &[(E, "responsibility \"r1\"", "target.id", "unknown authority \"a11\" (no authority with this id); did you mean \"a1\"?")]),
            ("target of the wrong type", |c| c.responsibilities[0].target.id = "o1".into(),
             &[(E, "responsibility \"r1\"", "target.id", "unknown authority \"o1\" (no authority with this id); an online service has this id, so set target.type to \"online_service\"")]),
            ("dangling form without close id", |c| c.responsibilities[2].target.id = "formular-xyz".into(),
             &[(E, "responsibility #3 (service \"s2\", region \"160510000000\")", "target.id", "unknown form \"formular-xyz\" (no form with this id); correct the id or add the form"),
               (W, "form \"f1\"", "id", "no responsibility targets this form")],
            ),
            ("service differing in case", |c| c.responsibilities[1].service = "S1".into(),
             &[(E, "responsibility \"r2\"", "service", "unknown service \"S1\" (no service with this id); did you mean \"s1\"?")]),
            ("service with a typo", |c| {
                c.services[1].id = "L1000.LB.4711".into();
                c.responsibilities[2].service = "L1000.LB.4771".into();
                c.responsibilities[3].service = "L1000.LB.4711".into();
             },
             &[(E, "responsibility #3 (service \"L1000.LB.4771\", region \"160510000000\")", "service", "did you mean \"L1000.LB.4711\"?")]),
            ("empty service reference", |c| c.responsibilities[1].service = String::new(),
             &[(E, "responsibility \"r2\"", "service", "the service reference is empty")]),
            ("region outside the region list", |c| c.responsibilities[0].region = "160705009099".into(),
             &[(E, "responsibility \"r1\"", "region", "unknown region \"160705009099\" (not in the catalog's region list); the nearest enclosing region in the catalog is \"160705009000\" (VG Riechheimer Berg)")]),
            ("no region list: any well-formed key goes", |c| {
                c.regions.clear();
                c.responsibilities[0].region = "091620000000".into();
             },
             &[]),
            ("unknown topic", |c| c.services[0].topics.push("t9".into()),
             &[(E, "service \"s1\"", "topics[1]", "unknown topic \"t9\" (no topic with this id); did you mean \"t1\"?")]),
            ("unknown parent topic", |c| c.topics[1].parent = Some("Familie".into()),
             &[(E, "topic \"t2\"", "parent", "unknown topic \"Familie\"")]),
            ("unknown parent authority", |c| c.authorities[1].parent = Some("a9".into()),
             &[(E, "authority \"a1\"", "parent", "did you mean \"a0\"?"),
               (W, "authority \"a0\"", "id", "no responsibility targets this authority and no authority names it as parent")]),
            ("authority cycle", |c| c.authorities[0].parent = Some("a1".into()),
             &[(E, "authority \"a0\"", "parent", "the parent chain forms a cycle: \"a0\" → \"a1\" → \"a0\"; remove one of these parent links")]),
            ("topic names itself", |c| c.topics[0].parent = Some("t1".into()),
             &[(E, "topic \"t1\"", "parent", "\"t1\" names itself as parent")]),
            // ----- unreferenced records -----
            ("service without responsibility", |c| c.services.push(Service { id: "s3".into(), name: "Fischereischein".into(), ..Default::default() }),
             &[(W, "service \"s3\"", "id", "no responsibility names this service")]),
            ("unreferenced authority, online service, form", |c| {
                c.authorities.push(Authority { id: "a5".into(), name: "Bauamt".into(), ..Default::default() });
                c.online_services.push(OnlineService { id: "o2".into(), name: "x".into(), url: "https://x.de".into(), ..Default::default() });
                c.forms.push(Form { id: "f2".into(), name: "y".into(), url: "https://y.de".into(), ..Default::default() });
             },
             &[(W, "authority \"a5\"", "id", "no responsibility targets this authority"),
               (W, "online service \"o2\"", "id", "no responsibility targets this online service"),
               (W, "form \"f2\"", "id", "no responsibility targets this form")]),
            ("no responsibilities at all", |c| c.responsibilities.clear(),
             &[(W, "catalog", "responsibilities", "the catalog has 2 service(s) but no responsibilities")]),
            // ----- PVOG routing -----
            ("responsible authority without street", |c| address(c).street = None,
             &[(W, "authority \"a1\"", "address.street", "missing; PVOG routing needs street, PLZ and town")]),
            ("responsible authority with blank town", |c| address(c).city = Some(" ".into()),
             &[(W, "authority \"a1\"", "address.city", "missing; PVOG routing")]),
            ("responsible authority without address", |c| c.authorities[1].address = None,
             &[(W, "authority \"a1\"", "address", "no address; PVOG routing needs street, PLZ and town")]),
            ("parent authority needs no address", |c| c.authorities[0].address = None, &[]),
            // ----- URLs, dates, times -----
            ("online service without scheme", |c| c.online_services[0].url = "www.example.de".into(),
             &[(E, "online service \"o1\"", "url", "\"www.example.de\" is not an absolute http(s) address")]),
            ("form on ftp", |c| c.forms[0].url = "ftp://example.de/f.pdf".into(),
             &[(E, "form \"f1\"", "url", "is not an absolute http(s) address")]),
            ("form without URL", |c| c.forms[0].url = String::new(),
             &[(E, "form \"f1\"", "url", "the URL is empty")]),
            ("unknown trust level", |c| c.online_services[0].trust_level = Some("mittel".into()),
             &[(W, "online service \"o1\"", "trust_level", "unknown trust level \"mittel\"")]),
            ("impossible date", |c| validity(c).from = Some("2023-02-29".into()),
             &[(E, "service \"s1\"", "valid.from", "\"2023-02-29\" is not a date: expected YYYY-MM-DD")]),
            ("validity ends before it starts", |c| validity(c).to = Some("2020-01-01".into()),
             &[(E, "service \"s1\"", "valid.from", "the validity starts (2024-02-29) after it ends (2020-01-01)")]),
            ("time without leading zero", |c| c.authorities[1].opening_hours[0].from = Some("9:00".into()),
             &[(E, "authority \"a1\"", "opening_hours[0].from", "\"9:00\" is not a time: expected HH:MM")]),
            ("closing before opening", |c| c.authorities[1].opening_hours[1].to = Some("08:00".into()),
             &[(W, "authority \"a1\"", "opening_hours[1].to", "the office closes (08:00) before it opens (13:00)")]),
        ];
        for (case, mutate, expected) in cases {
            let mut catalog = clean();
            mutate(&mut catalog);
            assert_problems(case, &problems_of(catalog), expected);
        }
    }

    #[test]
    fn errors_come_first_then_warnings_each_in_catalog_order() {
        let mut c = clean();
        c.regions[4].level = RegionLevel::Kreis; // warning, first record kind
        c.services.push(Service {
            id: "s3".into(),
            name: "x".into(),
            ..Default::default()
        }); // warning
        c.responsibilities[0].target.id = "zz-nowhere".into(); // error, last kind
        c.topics[0].name = String::new(); // error
        let problems = problems_of(c);
        let order: Vec<(Severity, &str)> = problems
            .iter()
            .map(|p| (p.severity, p.record.as_str()))
            .collect();
        assert_eq!(
            order,
            [
                (Severity::Error, "topic \"t1\""),
                (Severity::Error, "responsibility \"r1\""),
                (Severity::Warning, "region \"160705009001\""),
                (Severity::Warning, "service \"s3\""),
            ]
        );
    }

    #[test]
    fn duplicates_across_files_name_both_files() {
        let mut first = clean();
        first.responsibilities.clear();
        let second = Catalog {
            services: vec![first.services[0].clone()],
            responsibilities: vec![Responsibility {
                id: None,
                service: "s1".into(),
                region: "160000000000".into(),
                target: Target {
                    kind: TargetKind::Authority,
                    id: "a1".into(),
                },
                role: Role::ZustaendigeStelle,
            }],
            ..Default::default()
        };
        let mut loaded = LoadedCatalog::from_catalog(first, "base.json");
        loaded.append(second, "extra/more.json");
        let problems = validate(&loaded);
        let errors: Vec<&Problem> = problems.iter().filter(|p| p.is_error()).collect();
        assert_eq!(errors.len(), 1, "{problems:#?}");
        assert_eq!(errors[0].file, "extra/more.json");
        assert_eq!(errors[0].record, "service \"s1\"");
        assert!(
            errors[0]
                .message
                .contains("defined in base.json (the service #1 there)"),
            "{}",
            errors[0]
        );
        // Records without ids are numbered within their own file.
        let unused_o1 = problems
            .iter()
            .find(|p| p.record.starts_with("online service"))
            .expect("o1 is no longer targeted");
        assert_eq!(unused_o1.file, "base.json");
    }

    #[test]
    fn records_without_ids_are_numbered_within_their_file() {
        let mut loaded = LoadedCatalog::from_catalog(clean(), "a.json");
        let mut extra = Catalog::default();
        extra.responsibilities.push(Responsibility {
            id: None,
            service: "nope".into(),
            region: "160000000000".into(),
            target: Target {
                kind: TargetKind::Form,
                id: "f1".into(),
            },
            role: Role::ZustaendigeStelle,
        });
        loaded.append(extra, "b.json");
        let problems = validate(&loaded);
        assert_eq!(problems.len(), 1, "{problems:#?}");
        assert_eq!(problems[0].file, "b.json");
        assert_eq!(
            problems[0].record,
            "responsibility #1 (service \"nope\", region \"160000000000\")"
        );
    }

    #[test]
    fn mismatched_source_lists_do_not_panic() {
        let mut loaded = LoadedCatalog::from_catalog(clean(), "a.json");
        loaded.service_sources.clear();
        loaded.catalog.services[0].name = String::new();
        let problems = validate(&loaded);
        assert_eq!(problems[0].file, "(unknown file)");
        assert_eq!(problems[0].record, "service \"s1\"");
    }

    #[test]
    fn display_names_file_record_and_field() {
        let mut c = clean();
        c.services[0].leika[0] = "123".into();
        let shown = problems_of(c)[0].to_string();
        assert_eq!(
            shown,
            "error: catalog.json: service \"s1\", field `leika[0]`: \"123\" is not a LeiKa key: expected exactly 14 digits, found 3 character(s)"
        );
    }

    #[test]
    fn http_urls() {
        for (url, ok) in [
            ("https://www.berlin.de/", true),
            ("http://example.de", true),
            ("HTTPS://EXAMPLE.DE/a?b#c", true),
            ("https://", false),
            ("https:///path", false),
            ("www.example.de", false),
            ("ftp://example.de", false),
            ("mailto:amt@example.de", false),
            ("https://example.de/a b", false),
            ("javascript:alert(1)", false),
            ("", false),
        ] {
            assert_eq!(is_http_url(url), ok, "{url:?}");
        }
    }

    #[test]
    fn suggestions_prefer_the_closest_id() {
        let mut c = clean();
        c.authorities.push(Authority {
            id: "Buergeramt-Mitte".into(),
            name: "x".into(),
            ..Default::default()
        });
        c.authorities.push(Authority {
            id: "Buergeramt-Mitte-2".into(),
            name: "y".into(),
            ..Default::default()
        });
        let loaded = LoadedCatalog::from_catalog(c, "c.json");
        let mut validator = Validator::new(&loaded);
        assert_eq!(
            validator
                .suggest(Kind::Authority, "Buergeramt-Mite")
                .as_deref(),
            Some("Buergeramt-Mitte")
        );
        assert_eq!(
            validator
                .suggest(Kind::Authority, " buergeramt-mitte-2 ")
                .as_deref(),
            Some("Buergeramt-Mitte-2")
        );
        assert_eq!(validator.suggest(Kind::Authority, "Standesamt"), None);
        // Short ids tolerate one edit only.
        assert_eq!(validator.suggest(Kind::Authority, "b2"), None);
        let pasted = format!("Buergeramt-Mitte{}", " ".repeat(MAX_FUZZY_LEN));
        assert_eq!(
            validator.suggest(Kind::Authority, &pasted).as_deref(),
            Some("Buergeramt-Mitte"),
            "whitespace folding still applies"
        );
        let long = format!("Buergeramt-Mitte{}", "x".repeat(MAX_FUZZY_LEN));
        assert_eq!(validator.suggest(Kind::Authority, &long), None);
    }

    #[test]
    fn fuzzy_suggestions_are_budgeted_on_large_catalogs() {
        // 20k services and responsibilities, a thousand of them dangling with
        // distinct ids: only the first SUGGESTION_BUDGET get a suggestion.
        let mut c = clean();
        for n in 0..20_000 {
            c.services.push(Service {
                id: format!("L1000.LB.{n}"),
                name: format!("Leistung {n}"),
                ..Default::default()
            });
            let service = if n % 20 == 0 {
                format!("L1000.LX.{n}")
            } else {
                format!("L1000.LB.{n}")
            };
            c.responsibilities.push(Responsibility {
                id: Some(format!("ZS.{n}")),
                service,
                region: "160705009001".into(),
                target: Target {
                    kind: TargetKind::Authority,
                    id: "a1".into(),
                },
                role: Role::ZustaendigeStelle,
            });
        }
        let problems = problems_of(c);
        let dangling = problems.iter().filter(|p| p.field == "service").count();
        assert_eq!(dangling, 1_000);
        // Each dangling id is one edit from a real one, but only the first
        // SUGGESTION_BUDGET get the (comparatively costly) fuzzy lookup.
        let suggested = problems
            .iter()
            .filter(|p| p.message.contains("did you mean \"L1000.LB."))
            .count();
        assert_eq!(suggested, SUGGESTION_BUDGET);
    }
}
