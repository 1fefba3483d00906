//! The options of `mount`, checked up front so that a host page's mistake is
//! a thrown error with a clear message, not a widget that quietly misbehaves.

use std::rc::Rc;

#[cfg(test)]
use serde::Deserialize;
use zufi::{Ars, Plz};

use crate::i18n::Lang;

/// Where the index comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IndexSource {
    /// A URL to fetch, relative to the page.
    Url(String),
    /// The index itself.
    Bytes(Rc<Vec<u8>>),
}

/// The colour scheme.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
    /// Follows `prefers-color-scheme`.
    #[default]
    Auto,
}

impl Theme {
    /// The value of the root's `data-theme` attribute.
    pub fn name(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
            Theme::Auto => "auto",
        }
    }
}

/// The checked options of one widget.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub source: IndexSource,
    /// The preset place.
    pub ars: Option<Ars>,
    /// The preset postcode (used when `ars` is not given).
    pub plz: Option<Plz>,
    pub lang: Lang,
    pub max_results: usize,
    /// Kiosk mode for terminals in public offices (`crate::components::kiosk`):
    /// full screen, on-screen keyboard, reset after idle time, QR codes for
    /// links. It implies `remember_place` and `hash_routing` off.
    pub kiosk: bool,
    /// Kiosk mode: seconds without a touch before the reset countdown starts.
    pub kiosk_idle_seconds: u32,
    /// Kiosk mode: seconds the countdown runs before the finder resets.
    pub kiosk_countdown_seconds: u32,
    /// The date of the catalog's data (`YYYY-MM-DD`), shown as "Datenstand"
    /// in kiosk mode; without it, the newest `updated` date of the services.
    pub catalog_date: Option<String>,
    pub theme: Theme,
    /// Keep the chosen place in `localStorage["zufi.place"]`.
    pub remember_place: bool,
    /// Write the finder's state into the address (`#zufi:…`) and follow
    /// Back/Forward. Off unless the host turns it on: the address and the
    /// history are seen by whatever records URLs on the host page.
    pub hash_routing: bool,
    /// Open a `#zufi:` link the page is opened with or that an in-page
    /// link moves to (reading it shows nothing to anyone). Off in kiosk mode.
    pub read_links: bool,
    /// How long loading the index (each request of it) may take before the
    /// finder gives up and offers to retry.
    pub load_timeout_ms: u32,
    /// The host's contact, shown with every error and when a search finds
    /// nothing.
    pub contact: Option<Contact>,
    /// When a search finds nothing and there is no `contact`: name the
    /// Behördennummer 115 as the human fallback. Hosts outside the 115
    /// network turn it off.
    pub fallback_115: bool,
    /// The glossary that glosses German service names in the finder's
    /// language, used only while the finder is not in German.
    pub glossary: Option<GlossarySource>,
}

/// Where a finder's glossary comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GlossarySource {
    /// A URL to fetch (`glossary-en.tsv` beside the loader unless the host
    /// names another).
    Url(String),
    /// The glossary itself (option `glossaryText`: a kiosk page, which
    /// fetches nothing).
    Given(Rc<zufi::Glossary>),
}

/// The host's contact for citizens whom the finder cannot help (option
/// `contact`): at least one of a name or text, a phone number, an e-mail
/// address and a web address, each checked as catalog links are.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Contact {
    /// Who to ask, as plain text ("Bürgerbüro Musterstadt").
    pub text: Option<String>,
    /// The number as written for people; the link is `tel_href`'s.
    pub phone: Option<String>,
    /// A bare `name@domain`.
    pub email: Option<String>,
    /// An `https:` or `http:` address.
    pub url: Option<String>,
}

/// The `contact` option as the host passed it.
#[derive(Debug, Default)]
#[cfg_attr(test, derive(Deserialize), serde(deny_unknown_fields))]
pub struct RawContact {
    pub text: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub url: Option<String>,
}

/// Longest text of `contact.text`, in characters.
pub const CONTACT_TEXT_MAX: usize = 200;

impl Contact {
    /// Checks `raw`: empty fields are left out, links must be what the
    /// catalog's links must be (`zufi::web_href`, `mailto_href`, `tel_href`).
    pub fn new(raw: RawContact) -> Result<Option<Contact>, String> {
        let field = |value: Option<String>| {
            value
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        let contact = Contact {
            text: field(raw.text),
            phone: field(raw.phone),
            email: field(raw.email),
            url: field(raw.url),
        };
        let wrong = |key: &str, value: &str, error: zufi::LinkError| {
            format!("zufi: option `contact.{key}` is not usable as a link, got {value:?}: {error}")
        };
        if let Some(text) = &contact.text {
            if text.chars().count() > CONTACT_TEXT_MAX || text.chars().any(char::is_control) {
                return Err(format!(
                    "zufi: option `contact.text` must be one line of at most {CONTACT_TEXT_MAX} characters"
                ));
            }
        }
        if let Some(phone) = &contact.phone {
            zufi::tel_href(phone).map_err(|e| wrong("phone", phone, e))?;
        }
        if let Some(email) = &contact.email {
            zufi::mailto_href(email).map_err(|e| wrong("email", email, e))?;
        }
        if let Some(url) = &contact.url {
            zufi::web_href(url).map_err(|e| wrong("url", url, e))?;
        }
        Ok((contact != Contact::default()).then_some(contact))
    }
}

/// A number, or a number written as a string (as HTML attributes are).
#[derive(Debug)]
#[cfg_attr(test, derive(Deserialize), serde(untagged))]
pub enum Count {
    Number(f64),
    Text(String),
}

/// The options as the host passed them (`indexBytes` is read apart, as a
/// `Uint8Array`). `mount.rs` reads them from the JS object field by field
/// (serde's deserializer would bring float formatting into the wasm); the
/// tests write them as JSON.
#[derive(Debug, Default)]
#[cfg_attr(test, derive(Deserialize), serde(rename_all = "camelCase"))]
pub struct RawOptions {
    pub index: Option<String>,
    pub ars: Option<String>,
    pub plz: Option<String>,
    pub lang: Option<String>,
    pub max_results: Option<Count>,
    pub kiosk: Option<bool>,
    pub kiosk_idle: Option<Count>,
    pub kiosk_countdown: Option<Count>,
    pub catalog_date: Option<String>,
    pub theme: Option<String>,
    pub remember_place: Option<bool>,
    pub hash_routing: Option<bool>,
    pub load_timeout: Option<Count>,
    pub contact: Option<RawContact>,
    #[cfg_attr(test, serde(rename = "fallback115"))]
    pub fallback_115: Option<bool>,
    pub glossary: Option<String>,
    pub glossary_text: Option<String>,
}

/// A count for an error message, without pulling float formatting into the wasm.
fn describe(count: &Count) -> String {
    match count {
        Count::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => (*n as i64).to_string(),
        Count::Number(_) => "a fractional number".to_string(),
        Count::Text(text) => format!("{text:?}"),
    }
}

/// The most results a list shows.
pub const MAX_RESULTS_LIMIT: usize = 100;

/// Default seconds without a touch before a kiosk starts its reset countdown
/// (terminals commonly reset after 30 to 60 seconds).
pub const KIOSK_IDLE_DEFAULT: u32 = 60;
/// Default seconds of the reset countdown.
pub const KIOSK_COUNTDOWN_DEFAULT: u32 = 10;
/// Default seconds a request of the index may take: a demo index takes
/// well under a second, a Land's search shard a few on a slow mobile line;
/// a citizen should not wait much longer before being offered a retry.
pub const LOAD_TIMEOUT_DEFAULT: u32 = 20;

/// A whole number of `option` in `min..=max`, or an error naming the option.
fn whole_number(
    count: Option<Count>,
    option: &str,
    min: u32,
    max: u32,
    default: u32,
) -> Result<u32, String> {
    let Some(count) = count else {
        return Ok(default);
    };
    let number = match &count {
        Count::Number(n) => Some(*n),
        Count::Text(t) => t.trim().parse::<u32>().ok().map(f64::from),
    };
    match number {
        Some(n) if n.fract() == 0.0 && n >= f64::from(min) && n <= f64::from(max) => Ok(n as u32),
        _ => Err(format!(
            "zufi: option `{option}` must be a whole number from {min} to {max}, got {}",
            describe(&count)
        )),
    }
}

/// True for a plausible calendar date written `YYYY-MM-DD`.
pub fn is_iso_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| bytes[range].iter().all(u8::is_ascii_digit);
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return false;
    }
    if !(digits(0..4) && digits(5..7) && digits(8..10)) {
        return false;
    }
    let month: u32 = text[5..7].parse().unwrap_or(0);
    let day: u32 = text[8..10].parse().unwrap_or(0);
    (1..=12).contains(&month) && (1..=31).contains(&day)
}

impl Config {
    /// The date shown as "Datenstand": the host's `catalogDate`, else the
    /// catalog's own date as the index records it (the newest `updated` of
    /// its services), if any.
    pub fn data_date(&self, index: &zufi::Index) -> Option<String> {
        self.catalog_date
            .clone()
            .or_else(|| index.meta().date.clone())
    }
}

impl Config {
    /// Checks `raw`; `bytes` is the `indexBytes` option.
    pub fn new(raw: RawOptions, bytes: Option<Vec<u8>>) -> Result<Config, String> {
        let source = match (raw.index.filter(|u| !u.trim().is_empty()), bytes) {
            (_, Some(bytes)) => IndexSource::Bytes(Rc::new(bytes)),
            (Some(url), None) => IndexSource::Url(url),
            (None, None) => return Err(
                "zufi: option `index` (URL of the index) or `indexBytes` (Uint8Array) is required"
                    .into(),
            ),
        };
        let ars = raw
            .ars
            .filter(|a| !a.trim().is_empty())
            .map(|a| {
                a.trim().parse::<Ars>().map_err(|e| {
                    format!(
                        "zufi: option `ars` must be a 12-digit Regionalschlüssel, got {a:?}: {e}"
                    )
                })
            })
            .transpose()?;
        let plz = raw
            .plz
            .filter(|p| !p.trim().is_empty())
            .map(|p| {
                let p = p.trim();
                p.parse::<Plz>().map_err(|_| {
                    format!("zufi: option `plz` must be a 5-digit postcode, got {p:?}")
                })
            })
            .transpose()?;
        let lang = match raw.lang.as_deref().map(str::trim) {
            None | Some("") => Lang::De,
            Some(code) => Lang::parse(code).ok_or_else(|| {
                format!("zufi: option `lang` must be \"de\" or \"en\", got {code:?}")
            })?,
        };
        let max_results = match raw.max_results {
            None => 10,
            Some(count) => {
                let number = match &count {
                    Count::Number(n) => Some(*n),
                    Count::Text(t) => t.trim().parse::<u32>().ok().map(f64::from),
                };
                match number {
                    Some(n) if n.fract() == 0.0 && n >= 1.0 && n <= MAX_RESULTS_LIMIT as f64 => {
                        n as usize
                    }
                    _ => {
                        return Err(format!(
                            "zufi: option `maxResults` must be a whole number from 1 to {MAX_RESULTS_LIMIT}, got {}",
                            describe(&count)
                        ))
                    }
                }
            }
        };
        let theme = match raw.theme.as_deref().map(str::trim) {
            None | Some("") | Some("auto") => Theme::Auto,
            Some("light") => Theme::Light,
            Some("dark") => Theme::Dark,
            Some(other) => {
                return Err(format!(
                    "zufi: option `theme` must be \"light\", \"dark\" or \"auto\", got {other:?}"
                ))
            }
        };
        let kiosk_idle_seconds =
            whole_number(raw.kiosk_idle, "kioskIdle", 5, 3600, KIOSK_IDLE_DEFAULT)?;
        let kiosk_countdown_seconds = whole_number(
            raw.kiosk_countdown,
            "kioskCountdown",
            1,
            120,
            KIOSK_COUNTDOWN_DEFAULT,
        )?;
        let catalog_date = match raw.catalog_date.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(date) if is_iso_date(date) => Some(date.to_string()),
            Some(other) => {
                return Err(format!(
                    "zufi: option `catalogDate` must be a date written YYYY-MM-DD, got {other:?}"
                ))
            }
        };
        let load_timeout = whole_number(
            raw.load_timeout,
            "loadTimeout",
            1,
            600,
            LOAD_TIMEOUT_DEFAULT,
        )?;
        let contact = match raw.contact {
            None => None,
            Some(contact) => Contact::new(contact)?,
        };
        // "" and "off" turn glosses off; the loader fills in its own file.
        let glossary = match (raw.glossary.as_deref().map(str::trim), raw.glossary_text) {
            (Some(_), Some(_)) => {
                return Err(
                    "zufi: options `glossary` and `glossaryText` exclude each other: \
                     pass the glossary's address or its text"
                        .into(),
                )
            }
            (None, Some(text)) => {
                let glossary = zufi::Glossary::parse(&text)
                    .map_err(|error| format!("zufi: option `glossaryText`: {error}"))?;
                // Kept in German too: a kiosk switches to English on a touch.
                Some(GlossarySource::Given(Rc::new(glossary)))
            }
            (None | Some("") | Some("off"), None) => None,
            (Some(_), None) if lang == Lang::De => None,
            (Some(url), None) => Some(GlossarySource::Url(url.to_string())),
        };
        let kiosk = raw.kiosk.unwrap_or(false);
        if kiosk && !cfg!(feature = "kiosk") {
            return Err(
                "zufi: option `kiosk`: this build of the finder has no kiosk mode \
                 (the website build leaves it out; scripts/build-kiosk builds the kiosk page)"
                    .into(),
            );
        }
        Ok(Config {
            source,
            ars,
            plz,
            lang,
            max_results,
            kiosk,
            kiosk_idle_seconds,
            kiosk_countdown_seconds,
            catalog_date,
            theme,
            // A terminal serves one citizen after another: it keeps nothing
            // for the next one, neither in storage nor in the address.
            remember_place: !kiosk && raw.remember_place.unwrap_or(false),
            hash_routing: !kiosk && raw.hash_routing.unwrap_or(false),
            read_links: !kiosk,
            load_timeout_ms: load_timeout * 1000,
            contact,
            fallback_115: raw.fallback_115.unwrap_or(true),
            glossary,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(json: &str) -> RawOptions {
        serde_json::from_str(json).expect("test options parse")
    }

    #[test]
    fn defaults_follow_the_contract() {
        let config = Config::new(raw(r#"{"index": "i.zufi"}"#), None).expect("valid");
        assert_eq!(config.source, IndexSource::Url("i.zufi".into()));
        assert_eq!(
            (config.lang, config.max_results, config.theme),
            (Lang::De, 10, Theme::Auto)
        );
        // Nothing goes into the address unless the host asks (README, Privacy).
        assert!(!config.hash_routing && config.read_links);
        assert!(!config.remember_place && !config.kiosk);
        assert_eq!(config.load_timeout_ms, LOAD_TIMEOUT_DEFAULT * 1000);
        assert_eq!(config.contact, None);
        // A search that finds nothing names the Behördennummer 115.
        assert!(config.fallback_115);
        assert_eq!(config.glossary, None);
        assert_eq!(
            (config.kiosk_idle_seconds, config.kiosk_countdown_seconds),
            (KIOSK_IDLE_DEFAULT, KIOSK_COUNTDOWN_DEFAULT)
        );
        assert_eq!(config.catalog_date, None);
    }

    #[cfg(feature = "kiosk")]
    #[test]
    fn kiosk_mode_keeps_nothing_for_the_next_citizen() {
        let config = Config::new(
            raw(
                r#"{"index": "i.zufi", "kiosk": true, "rememberPlace": true, "hashRouting": true,
                    "kioskIdle": "30", "kioskCountdown": 5, "catalogDate": "2026-11-30"}"#,
            ),
            None,
        )
        .expect("valid");
        assert!(config.kiosk && !config.remember_place && !config.hash_routing);
        assert!(!config.read_links);
        assert_eq!(
            (config.kiosk_idle_seconds, config.kiosk_countdown_seconds),
            (30, 5)
        );
        assert_eq!(config.catalog_date.as_deref(), Some("2026-11-30"));
    }

    #[test]
    fn valid_options_are_taken() {
        let config = Config::new(
            raw(
                r#"{"ars": "160510000000", "plz": "99084", "lang": "en", "maxResults": "5",
                    "theme": "dark", "rememberPlace": true, "hashRouting": true, "loadTimeout": "5",
                    "fallback115": false, "glossary": "https://example.org/glossary-en.tsv",
                    "contact": {"text": " Bürgerbüro ", "phone": "0361 655-0", "email": "info@erfurt.de",
                                "url": "https://www.erfurt.de/"}}"#,
            ),
            Some(vec![1, 2]),
        )
        .expect("valid");
        assert_eq!(config.source, IndexSource::Bytes(Rc::new(vec![1, 2])));
        assert_eq!(
            config.ars.map(|a| a.to_string()),
            Some("160510000000".into())
        );
        assert_eq!(config.plz.map(|p| p.to_string()), Some("99084".into()));
        assert_eq!((config.lang, config.max_results), (Lang::En, 5));
        assert_eq!(config.theme, Theme::Dark);
        assert!(config.remember_place && config.hash_routing && !config.kiosk);
        assert!(!config.fallback_115);
        assert_eq!(
            config.glossary,
            Some(GlossarySource::Url(
                "https://example.org/glossary-en.tsv".into()
            ))
        );
        assert_eq!(config.load_timeout_ms, 5000);
        assert_eq!(
            config.contact,
            Some(Contact {
                text: Some("Bürgerbüro".into()),
                phone: Some("0361 655-0".into()),
                email: Some("info@erfurt.de".into()),
                url: Some("https://www.erfurt.de/".into()),
            })
        );
    }

    #[cfg(not(feature = "kiosk"))]
    #[test]
    fn a_build_without_kiosk_mode_refuses_the_option() {
        let error = Config::new(raw(r#"{"index": "i.zufi", "kiosk": true}"#), None)
            .expect_err("no kiosk mode");
        assert!(
            error.contains("`kiosk`") && error.contains("build-kiosk"),
            "{error}"
        );
        assert!(Config::new(raw(r#"{"index": "i.zufi", "kiosk": false}"#), None).is_ok());
    }

    #[test]
    fn glosses_are_for_a_finder_not_in_german_unless_turned_off() {
        let glossary = |json: &str| Config::new(raw(json), None).expect("valid").glossary;
        let url = r#""glossary": "/dist/glossary-en.tsv""#;
        assert_eq!(
            glossary(&format!(r#"{{"index": "i.zufi", "lang": "en", {url}}}"#)),
            Some(GlossarySource::Url("/dist/glossary-en.tsv".into()))
        );
        assert_eq!(
            glossary(&format!(r#"{{"index": "i.zufi", "lang": "de", {url}}}"#)),
            None
        );
        for off in ["", "off", " off "] {
            let json = format!(r#"{{"index": "i.zufi", "lang": "en", "glossary": "{off}"}}"#);
            assert_eq!(glossary(&json), None, "{off:?}");
        }
    }

    #[test]
    fn a_glossary_may_come_as_text_and_is_read_at_once() {
        let text = r##""glossaryText": "# zufi glossary en\nhund\tdog\n""##;
        let config = |lang: &str, extra: &str| {
            Config::new(
                raw(&format!(
                    r#"{{"index": "i.zufi", "lang": "{lang}", {text}{extra}}}"#
                )),
                None,
            )
        };
        let Some(GlossarySource::Given(given)) = config("en", "").expect("valid").glossary else {
            panic!("the text is the glossary");
        };
        assert_eq!(given.gloss("Hund anmelden").as_deref(), Some("dog"));
        assert!(
            config("de", "").expect("valid").glossary.is_some(),
            "kept for a kiosk that switches to English"
        );
        let both = config("en", r#", "glossary": "g.tsv""#).expect_err("one or the other");
        assert!(both.contains("`glossary` and `glossaryText`"), "{both}");
        let broken = Config::new(
            raw(r#"{"index": "i.zufi", "lang": "en", "glossaryText": "hund\tdog"}"#),
            None,
        )
        .expect_err("no header");
        assert!(
            broken.starts_with("zufi: option `glossaryText`: ") && broken.contains("first line"),
            "{broken}"
        );
    }

    #[test]
    fn an_empty_contact_is_none() {
        let config = Config::new(
            raw(r#"{"index": "i", "contact": {"text": " ", "phone": ""}}"#),
            None,
        )
        .expect("valid");
        assert_eq!(config.contact, None);
    }

    #[test]
    fn bad_options_name_the_option() {
        let cases = [
            (r#"{}"#, "`index`"),
            (r#"{"index": " "}"#, "`index`"),
            (r#"{"index": "i", "ars": "1605"}"#, "`ars`"),
            (r#"{"index": "i", "plz": "9908"}"#, "`plz`"),
            (r#"{"index": "i", "lang": "fr"}"#, "`lang`"),
            (r#"{"index": "i", "maxResults": 0}"#, "`maxResults`"),
            (r#"{"index": "i", "maxResults": 2.5}"#, "`maxResults`"),
            (r#"{"index": "i", "maxResults": "viele"}"#, "`maxResults`"),
            (r#"{"index": "i", "theme": "blue"}"#, "`theme`"),
            (r#"{"index": "i", "kioskIdle": 2}"#, "`kioskIdle`"),
            (
                r#"{"index": "i", "kioskIdle": "eine Minute"}"#,
                "`kioskIdle`",
            ),
            (r#"{"index": "i", "kioskCountdown": 0}"#, "`kioskCountdown`"),
            (
                r#"{"index": "i", "catalogDate": "30.11.2026"}"#,
                "`catalogDate`",
            ),
            (
                r#"{"index": "i", "catalogDate": "2026-13-01"}"#,
                "`catalogDate`",
            ),
            (r#"{"index": "i", "loadTimeout": 0}"#, "`loadTimeout`"),
            (
                r#"{"index": "i", "contact": {"url": "javascript:alert(1)"}}"#,
                "`contact.url`",
            ),
            (
                r#"{"index": "i", "contact": {"url": "www.erfurt.de"}}"#,
                "`contact.url`",
            ),
            (
                r#"{"index": "i", "contact": {"email": "a@b.de?bcc=c@d.de"}}"#,
                "`contact.email`",
            ),
            (
                r#"{"index": "i", "contact": {"phone": "siehe Aushang"}}"#,
                "`contact.phone`",
            ),
            (
                r#"{"index": "i", "contact": {"text": "a\u0000b"}}"#,
                "`contact.text`",
            ),
        ];
        for (json, option) in cases {
            let error = Config::new(raw(json), None).expect_err(json);
            assert!(error.contains(option), "{json}: {error}");
        }
    }
}
