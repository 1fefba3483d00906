//! Characters the build removes from every text (control characters, bidi
//! overrides; see `text::clean`): a warning for each text that has them, an
//! error for an id or a reference, whose meaning would change.

use crate::model::texts::{DirtyText, List};
use crate::text::clean::{describe_removed, is_removed};
use crate::validate::problem::{Kind, Problem, Severity};
use crate::validate::validator::Validator;

/// Fields that identify or point at a record: removing a character from
/// them changes which record they mean.
const KEYS: [&str; 5] = ["id", "parent", "service", "target.id", "topics"];

impl Validator<'_> {
    /// Reports the texts of one record list that hold characters the build
    /// removes.
    pub(super) fn check_texts(&mut self, list: List) {
        let dirty: Vec<DirtyText<'_>> = self
            .dirty_texts
            .iter()
            .filter(|d| d.list == list)
            .cloned()
            .collect();
        for DirtyText {
            record,
            field,
            text,
            ..
        } in dirty
        {
            let removed: Vec<char> = text.chars().filter(|&c| is_removed(c)).collect();
            let what = match removed.len() {
                1 => describe_removed(removed[0]),
                n => format!("{} and {} more", describe_removed(removed[0]), n - 1),
            };
            let key = KEYS.contains(&field.name());
            let (severity, message) = if key {
                (Severity::Error, format!("{text:?} contains {what}; ids and references must not contain control characters, so remove it"))
            } else {
                (Severity::Warning, format!("{text:?} contains {what}, which no reader can see; the build removes it, so remove it from the catalog"))
            };
            let kind = match list {
                List::Meta => {
                    let file = self
                        .loaded
                        .meta_source
                        .and_then(|source| self.loaded.files.get(source))
                        .cloned()
                        .unwrap_or_else(|| "(catalog)".to_string());
                    self.problems.push(Problem {
                        severity,
                        file,
                        record: "meta".into(),
                        field: field.to_string(),
                        message,
                    });
                    continue;
                }
                List::Regions => Kind::Region,
                List::Topics => Kind::Topic,
                List::Services => Kind::Service,
                List::Authorities => Kind::Authority,
                List::OnlineServices => Kind::OnlineService,
                List::Forms => Kind::Form,
                List::Responsibilities => Kind::Responsibility,
            };
            match severity {
                Severity::Error => self.error(kind, record, field.to_string(), message),
                Severity::Warning => self.warning(kind, record, field.to_string(), message),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::validate::problem::Severity;
    use crate::validate::tests::{clean, problems_of};

    #[test]
    fn control_characters_and_bidi_overrides_are_named_with_their_field() {
        let mut c = clean();
        c.services[0].name = "Personalausweis\u{0} beantragen\u{1b}[2J".into();
        c.services[1].text.short = Some("\u{202e}fdp.exe".into());
        c.authorities[1].opening_hours[0].note = Some("mit\u{2066} Termin".into());
        c.topics[0].id = "t\u{7}1".into();
        c.services[0].topics[0] = "t\u{85}2".into();
        let problems = problems_of(c);
        let shown: Vec<(Severity, String, String, String)> = problems
            .iter()
            .map(|p| {
                (
                    p.severity,
                    p.record.clone(),
                    p.field.clone(),
                    p.message.clone(),
                )
            })
            .collect();
        let find = |field: &str| {
            shown
                .iter()
                .find(|(_, _, f, _)| f == field)
                .unwrap_or_else(|| panic!("no problem for {field}: {shown:#?}"))
        };
        let (severity, record, _, message) = find("name");
        assert_eq!(
            (*severity, record.as_str()),
            (Severity::Warning, "service \"s1\"")
        );
        assert!(message.contains("U+0000 (NUL) and 1 more"), "{message}");
        let (severity, _, _, message) = find("text.short");
        assert_eq!(*severity, Severity::Warning);
        assert!(
            message.contains("U+202E (a bidi embedding or override"),
            "{message}"
        );
        assert_eq!(find("opening_hours[0].note").0, Severity::Warning);
        let (severity, _, _, message) = find("id");
        assert_eq!(*severity, Severity::Error);
        assert!(message.contains("ids and references"), "{message}");
        assert_eq!(find("topics[0]").0, Severity::Error);
    }

    #[test]
    fn a_name_of_nothing_but_control_characters_is_an_error() {
        let mut c = clean();
        c.services[1].name = "\u{0}\u{202e}\u{1b}".into();
        let problems = problems_of(c);
        let name_errors: Vec<_> = problems
            .iter()
            .filter(|p| p.is_error() && p.field == "name")
            .collect();
        assert_eq!(name_errors.len(), 1, "{problems:#?}");
        assert!(
            name_errors[0].message.contains("only control characters"),
            "{}",
            name_errors[0].message
        );
    }
}
