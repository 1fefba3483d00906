//! Topics and services: topic parents, LeiKa keys, topic references,
//! validity dates.

use crate::model::date::{is_date, is_date_or_date_time};
use crate::validate::keys::leika_problem;
use crate::validate::problem::Kind;
use crate::validate::validator::Validator;

impl Validator<'_> {
    pub(super) fn check_topics(&mut self) {
        for (i, topic) in self.catalog.topics.iter().enumerate() {
            self.check_identity(Kind::Topic, i, &topic.id, &topic.name);
            let cycle = self.topic_cycles.get(&i).cloned();
            self.check_parent(Kind::Topic, i, topic.parent.as_deref(), cycle);
        }
    }

    pub(super) fn check_services(&mut self) {
        let has_responsibilities = !self.catalog.responsibilities.is_empty();
        for (i, service) in self.catalog.services.iter().enumerate() {
            self.check_identity(Kind::Service, i, &service.id, &service.name);
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
            if let Some(popularity) = service.popularity.filter(|&p| p > 100) {
                self.error(
                    Kind::Service,
                    i,
                    "popularity",
                    format!("{popularity} is out of range: popularity is a whole number from 0 to 100 (most asked for)"),
                );
            }
            if let Some(updated) = service
                .updated
                .as_deref()
                .filter(|u| !is_date_or_date_time(u))
            {
                self.error(
                    Kind::Service,
                    i,
                    "updated",
                    format!("{updated:?} is not an ISO 8601 date or time: expected e.g. \"2024-01-31\" or \"2024-01-31T09:30:00+01:00\""),
                );
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
}
