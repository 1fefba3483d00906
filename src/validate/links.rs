//! Online services and forms: the records that are addresses on the web.

use crate::model::records::TargetKind;
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
