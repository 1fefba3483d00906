//! The state every check shares — the catalog, the problems found so far,
//! the id tables — and how problems name the file, record and field.

use std::collections::{HashMap, HashSet};

use crate::catalog::LoadedCatalog;
use crate::model::records::{Catalog, TargetKind};
use crate::model::texts::{dirty_texts, DirtyText};
use crate::validate::cycles::{find_cycles, Cycles};
use crate::validate::id_table::{Fuzzy, IdTable};
use crate::validate::problem::{Kind, Problem, Severity};

/// The state all checks share. The checks themselves are `impl Validator`
/// blocks in the file of their concern; the lookups here are built once, up
/// front, so that each check is a pass over one list.
pub(super) struct Validator<'a> {
    pub(super) loaded: &'a LoadedCatalog,
    pub(super) catalog: &'a Catalog,
    pub(super) problems: Vec<Problem>,
    /// Position of each record within its file, counting from 1, per kind.
    ordinals: HashMap<Kind, Vec<usize>>,
    pub(super) regions: IdTable<'a>,
    pub(super) topics: IdTable<'a>,
    pub(super) services: IdTable<'a>,
    pub(super) authorities: IdTable<'a>,
    pub(super) online_services: IdTable<'a>,
    pub(super) forms: IdTable<'a>,
    pub(super) responsibility_ids: HashMap<&'a str, usize>,
    pub(super) fuzzy: Fuzzy,
    pub(super) suggestions: HashMap<(Kind, &'a str), Option<String>>,
    pub(super) services_with_responsibility: HashSet<&'a str>,
    pub(super) targeted: HashSet<(TargetKind, &'a str)>,
    pub(super) parent_authorities: HashSet<&'a str>,
    pub(super) topic_cycles: Cycles,
    pub(super) authority_cycles: Cycles,
    /// Texts with characters the build removes (usually none).
    pub(super) dirty_texts: Vec<DirtyText<'a>>,
}

impl<'a> Validator<'a> {
    pub(super) fn new(loaded: &'a LoadedCatalog) -> Self {
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
            dirty_texts: dirty_texts(catalog),
        }
    }

    // ----- naming records and reporting -----

    pub(super) fn file_of(&self, kind: Kind, i: usize) -> String {
        kind.sources(self.loaded)
            .get(i)
            .and_then(|&source| self.loaded.files.get(source))
            .cloned()
            .unwrap_or_else(|| "(unknown file)".to_string())
    }

    pub(super) fn ordinal(&self, kind: Kind, i: usize) -> usize {
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

    pub(super) fn label(&self, kind: Kind, i: usize) -> String {
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

    pub(super) fn error(
        &mut self,
        kind: Kind,
        i: usize,
        field: impl Into<String>,
        message: String,
    ) {
        self.report(Severity::Error, kind, i, field, message);
    }

    pub(super) fn warning(
        &mut self,
        kind: Kind,
        i: usize,
        field: impl Into<String>,
        message: String,
    ) {
        self.report(Severity::Warning, kind, i, field, message);
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
