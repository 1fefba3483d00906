//! Checks on ids and names that every record kind shares: the shape of an
//! id, duplicates, names, and references to records that do not exist.

use crate::model::records::TargetKind;
use crate::text::clean::clean;
use crate::validate::problem::Kind;
use crate::validate::validator::Validator;

impl<'a> Validator<'a> {
    /// Checks the shape of an id; duplicates are checked by the caller, which
    /// knows the table.
    pub(super) fn check_id(&mut self, kind: Kind, i: usize, field: &str, id: &str) {
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

    pub(super) fn check_duplicate(
        &mut self,
        kind: Kind,
        i: usize,
        field: &str,
        id: &str,
        first: usize,
    ) {
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

    /// What every record with an id and a name is checked for: the id's
    /// shape, an earlier record with the same id, and a display name.
    pub(super) fn check_identity(&mut self, kind: Kind, i: usize, id: &str, name: &str) {
        self.check_id(kind, i, "id", id);
        let table = match kind {
            Kind::Topic => &self.topics,
            Kind::Service => &self.services,
            Kind::Authority => &self.authorities,
            Kind::OnlineService => &self.online_services,
            Kind::Form => &self.forms,
            // Region keys and responsibility ids have checks of their own.
            Kind::Region | Kind::Responsibility => return,
        };
        if let Some(&first) = table.first.get(id) {
            self.check_duplicate(kind, i, "id", id, first);
        }
        self.check_name(kind, i, name);
    }

    /// A record's parent of the same kind: it must exist and must not lead
    /// back to the record (`cycle` describes the circle, if there is one).
    pub(super) fn check_parent(
        &mut self,
        kind: Kind,
        i: usize,
        parent: Option<&'a str>,
        cycle: Option<String>,
    ) {
        if let Some(parent) = parent {
            self.check_reference(kind, i, "parent", kind, parent, None);
        }
        if let Some(cycle) = cycle {
            self.error(kind, i, "parent", cycle);
        }
    }

    /// Warns about an online service or form that no responsibility
    /// targets: no citizen can reach it.
    pub(super) fn check_targeted(&mut self, target: TargetKind, i: usize, id: &'a str) {
        if self.catalog.responsibilities.is_empty() || self.targeted.contains(&(target, id)) {
            return;
        }
        let kind = Kind::of_target(target);
        self.warning(
            kind,
            i,
            "id",
            format!(
                "no responsibility targets this {}; add a responsibility or remove it",
                kind.noun()
            ),
        );
    }

    pub(super) fn check_name(&mut self, kind: Kind, i: usize, name: &str) {
        // What the index will store: the build removes control characters.
        if clean(name).trim().is_empty() {
            let what = if name.is_empty() {
                "empty"
            } else if name.trim().is_empty() {
                "only whitespace"
            } else {
                "only control characters, which the build removes"
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

    /// Names a close id of `kind` for an unknown reference, if there is one.
    pub(super) fn suggest(&mut self, kind: Kind, missing: &'a str) -> Option<String> {
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
        let suggestion = table.closest(missing, &mut self.fuzzy);
        self.suggestions.insert((kind, missing), suggestion.clone());
        suggestion
    }

    /// Reports a reference to a missing record of `kind`, with `hint` or
    /// else a close id as the suggested fix.
    pub(super) fn check_reference(
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
}
