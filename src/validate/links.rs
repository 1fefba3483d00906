//! Online services and forms: the records that are addresses on the web.

use crate::model::records::TargetKind;
use crate::validate::problem::Kind;
use crate::validate::validator::Validator;

const TRUST_LEVELS: [&str; 3] = ["basisregistrierung", "substantiell", "hoch"];

impl Validator<'_> {
    pub(super) fn check_online_services(&mut self) {
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

    pub(super) fn check_forms(&mut self) {
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
}
