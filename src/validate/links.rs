//! Online services and forms: the records that are addresses on the web.

use crate::model::link::web_href;
use crate::model::records::TargetKind;
use crate::validate::keys::web_message;
use crate::validate::problem::Kind;
use crate::validate::validator::Validator;

const TRUST_LEVELS: [&str; 3] = ["basisregistrierung", "substantiell", "hoch"];

impl Validator<'_> {
    pub(super) fn check_online_services(&mut self) {
        for (i, online) in self.catalog.online_services.iter().enumerate() {
            self.check_identity(Kind::OnlineService, i, &online.id, &online.name);
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
            self.check_targeted(TargetKind::OnlineService, i, &online.id);
        }
    }

    pub(super) fn check_forms(&mut self) {
        for (i, form) in self.catalog.forms.iter().enumerate() {
            self.check_identity(Kind::Form, i, &form.id, &form.name);
            self.check_http_url(Kind::Form, i, &form.url);
            self.check_targeted(TargetKind::Form, i, &form.id);
        }
    }

    fn check_http_url(&mut self, kind: Kind, i: usize, url: &str) {
        if let Err(problem) = web_href(url) {
            let message = if url.trim().is_empty() {
                format!(
                    "the URL is empty; every {} needs an address starting with https://",
                    kind.noun()
                )
            } else {
                web_message(url, &problem)
            };
            self.error(kind, i, "url", message);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::validate::tests::{clean, problems_of};

    #[test]
    fn hostile_and_free_text_urls_are_errors_naming_the_field() {
        for (url, says) in [
            (
                "javascript:alert(1)",
                "the scheme \"javascript\" is not allowed",
            ),
            ("data:text/html,<b>x</b>", "it contains the character '<'"),
            ("siehe Aushang", "it contains the character U+0020"),
            ("//evil.example", "does not start with https:// or http://"),
            ("www.example.de", "does not start with https:// or http://"),
            (
                "https://www.erfurt.de@evil.example",
                "user name before the host",
            ),
        ] {
            let mut c = clean();
            c.online_services[0].url = url.into();
            c.forms[0].url = url.into();
            let problems = problems_of(c);
            let errors: Vec<_> = problems.iter().filter(|p| p.is_error()).collect();
            assert_eq!(errors.len(), 2, "{url}: {problems:#?}");
            assert_eq!(errors[0].record, "online service \"o1\"");
            assert_eq!(errors[1].record, "form \"f1\"");
            for error in errors {
                assert_eq!(error.field, "url");
                assert!(error.message.contains(says), "{url}: {}", error.message);
            }
        }
    }
}
