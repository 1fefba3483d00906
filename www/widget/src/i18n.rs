//! Every text the widget shows, in German and English.

/// The interface language.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Lang {
    /// German, the default.
    #[default]
    De,
    /// English.
    En,
}

impl Lang {
    /// Reads the `lang` option.
    pub fn parse(code: &str) -> Option<Lang> {
        match code {
            "de" => Some(Lang::De),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The BCP 47 code for the `lang` attribute.
    pub fn code(self) -> &'static str {
        match self {
            Lang::De => "de",
            Lang::En => "en",
        }
    }

    /// The `lang` attribute of the catalog's texts (service and office
    /// names, addresses, opening hours, descriptions) in a finder of this
    /// language: they are German, and in a finder that is not, they say so
    /// (WCAG 3.1.2) so that a screen reader speaks them as German.
    pub fn catalog_lang(self) -> Option<&'static str> {
        (self != Lang::De).then_some("de")
    }

    /// A date `YYYY-MM-DD` as this language writes it (German 31.07.2021;
    /// English keeps the unambiguous ISO form).
    pub fn date(self, iso: &str) -> String {
        match (self, iso.get(0..4), iso.get(5..7), iso.get(8..10)) {
            (Lang::De, Some(year), Some(month), Some(day)) => format!("{day}.{month}.{year}"),
            _ => iso.to_string(),
        }
    }

    /// The strings of this language.
    pub fn text(self) -> &'static Text {
        match self {
            Lang::De => &DE,
            Lang::En => &EN,
        }
    }
}

/// The widget's strings in one language.
#[derive(Debug)]
pub struct Text {
    pub search_label: &'static str,
    pub search_hint: &'static str,
    pub results_label: &'static str,
    pub loading: &'static str,
    pub load_failed: &'static str,
    pub found_one: &'static str,
    /// "{n} …" with `{n}` replaced by the count.
    pub found_many: &'static str,
    pub found_none: &'static str,
    pub did_you_mean: &'static str,
    /// Before a topic's name: the topic a search's first hits share.
    pub all_about_topic: &'static str,
    /// Introduces the topics closest to a search that found nothing.
    pub closest_topics: &'static str,
    /// Before the ways on, when the results cover little of a long query.
    pub weak_result: &'static str,
    /// The human fallback when a search finds nothing and the host gave no
    /// contact: what the Behördennummer 115 is, before the number.
    pub fallback_115: &'static str,
    pub place_heading: &'static str,
    pub place_none: &'static str,
    pub place_change: &'static str,
    pub place_input: &'static str,
    pub place_choose: &'static str,
    pub place_not_found: &'static str,
    pub back: &'static str,
    pub responsible: &'static str,
    pub responsible_needs_place: &'static str,
    pub responsible_none: &'static str,
    /// A part of a sharded index is on its way.
    pub part_loading: &'static str,
    /// The responsibilities' part of a sharded index failed.
    pub part_responsible_failed: &'static str,
    /// A service's description part failed.
    pub part_detail_failed: &'static str,
    /// Some postings failed: results may be incomplete.
    pub part_search_failed: &'static str,
    /// The place lookup failed.
    pub part_places_failed: &'static str,
    pub online: &'static str,
    pub forms: &'static str,
    pub contact_point: &'static str,
    /// The role that decides (zuständige Stelle), on an office's card.
    pub competent_office: &'static str,
    /// Joins a role and the region it is given for.
    pub role_for: &'static str,
    pub phone: &'static str,
    pub email: &'static str,
    pub website: &'static str,
    pub opening_hours: &'static str,
    pub browse_label: &'static str,
    pub browse_az: &'static str,
    pub browse_topics: &'static str,
    pub topics_of_service: &'static str,
    pub short: &'static str,
    pub full: &'static str,
    pub required_documents: &'static str,
    pub prerequisites: &'static str,
    pub procedure: &'static str,
    pub costs: &'static str,
    pub deadline: &'static str,
    pub processing_time: &'static str,
    pub legal_basis: &'static str,
    pub forms_text: &'static str,
    pub further_information: &'static str,
    pub notes: &'static str,
    pub appeal: &'static str,
    pub unknown_service: &'static str,
    pub error_network: &'static str,
    /// "… {n} …" with `{n}` replaced by the seconds waited.
    pub error_timeout: &'static str,
    pub retry: &'static str,
    /// Introduces the host's contact in an error state.
    pub contact_intro: &'static str,
    pub error_not_found: &'static str,
    /// "… (HTTP {n})" with `{n}` replaced by the status.
    pub error_http: &'static str,
    pub error_corrupt: &'static str,
    pub error_truncated: &'static str,
    pub error_newer: &'static str,
    pub error_older: &'static str,
    pub error_not_index: &'static str,
    /// Announcements of the live region (`crate::announce`); `{name}`,
    /// `{letter}` and `{n}` are replaced.
    pub announce: &'static AnnounceText,
    /// Kiosk mode (`components::kiosk`).
    pub kiosk: &'static KioskText,
}

/// What the live region says after a choice other than typing.
#[derive(Debug)]
pub struct AnnounceText {
    pub place_chosen: &'static str,
    pub place_changed: &'static str,
    pub place_kept: &'static str,
    pub place_choices_one: &'static str,
    pub place_choices_many: &'static str,
    pub letters_open: &'static str,
    pub topics_open: &'static str,
    pub browse_closed: &'static str,
    /// "… {letter}: …" with the count of services after it.
    pub letter: &'static str,
    /// "… {name}: …" with the count of services after it.
    pub topic: &'static str,
    pub services_one: &'static str,
    pub services_many: &'static str,
}

static ANNOUNCE_DE: AnnounceText = AnnounceText {
    place_chosen: "Ort gewählt: {name}",
    place_changed: "Ort geändert: {name}",
    place_kept: "Ort unverändert: {name}",
    place_choices_one: "1 Ort zur Auswahl",
    place_choices_many: "{n} Orte zur Auswahl",
    letters_open: "Leistungen von A bis Z: {n} Anfangsbuchstaben",
    topics_open: "Leistungen nach Themen: {n} Themen",
    browse_closed: "Stöbern geschlossen",
    letter: "Buchstabe {letter}",
    topic: "Thema {name}",
    services_one: "1 Leistung",
    services_many: "{n} Leistungen",
};

static ANNOUNCE_EN: AnnounceText = AnnounceText {
    place_chosen: "Place chosen: {name}",
    place_changed: "Place changed: {name}",
    place_kept: "Place unchanged: {name}",
    place_choices_one: "1 place to choose from",
    place_choices_many: "{n} places to choose from",
    letters_open: "Services A to Z: {n} initial letters",
    topics_open: "Services by topic: {n} topics",
    browse_closed: "Browsing closed",
    letter: "Letter {letter}",
    topic: "Topic {name}",
    services_one: "1 service",
    services_many: "{n} services",
};

/// The texts of kiosk mode.
#[derive(Debug)]
pub struct KioskText {
    pub new_search: &'static str,
    /// Label of the language switch.
    pub language: &'static str,
    pub data_date: &'static str,
    pub keyboard: &'static str,
    pub space: &'static str,
    pub backspace: &'static str,
    pub clear: &'static str,
    pub idle_title: &'static str,
    /// "… {n} …" with `{n}` replaced by the seconds left.
    pub idle_message: &'static str,
    pub idle_continue: &'static str,
    pub print: &'static str,
    /// "… {name}" with `{name}` replaced by the link's name.
    pub qr_label: &'static str,
    pub qr_hint: &'static str,
}

impl KioskText {
    /// The countdown's sentence for `seconds` left.
    pub fn idle_message(&self, seconds: u32) -> String {
        self.idle_message.replace("{n}", &seconds.to_string())
    }
}

static KIOSK_DE: KioskText = KioskText {
    new_search: "Neue Suche",
    language: "Sprache",
    data_date: "Datenstand",
    keyboard: "Bildschirmtastatur",
    space: "Leerzeichen",
    backspace: "Zeichen löschen",
    clear: "Alles löschen",
    idle_title: "Sind Sie noch da?",
    idle_message: "Die Suche wird in {n} Sekunden zurückgesetzt.",
    idle_continue: "Weiter",
    print: "Drucken",
    qr_label: "QR-Code für {name}",
    qr_hint: "Mit der Handykamera scannen, um die Seite mitzunehmen.",
};

static KIOSK_EN: KioskText = KioskText {
    new_search: "New search",
    language: "Language",
    data_date: "Data as of",
    keyboard: "On-screen keyboard",
    space: "Space",
    backspace: "Delete character",
    clear: "Clear all",
    idle_title: "Are you still there?",
    idle_message: "The search will be reset in {n} seconds.",
    idle_continue: "Continue",
    print: "Print",
    qr_label: "QR code for {name}",
    qr_hint: "Scan with your phone's camera to take the page with you.",
};

impl Text {
    /// The live-region announcement for `count` results.
    pub fn found(&self, count: usize) -> String {
        match count {
            0 => self.found_none.to_string(),
            1 => self.found_one.to_string(),
            n => self.found_many.replace("{n}", &n.to_string()),
        }
    }
}

static DE: Text = Text {
    search_label: "Was möchten Sie erledigen?",
    search_hint: "z. B. Personalausweis, Hund anmelden, Wohngeld",
    results_label: "Vorschläge",
    loading: "Verzeichnis wird geladen …",
    load_failed: "Das Verzeichnis der Leistungen konnte nicht geladen werden.",
    found_one: "1 Leistung gefunden",
    found_many: "{n} Leistungen gefunden",
    found_none: "Keine Leistung gefunden",
    did_you_mean: "Meinten Sie …?",
    all_about_topic: "Alles zum Thema",
    closest_topics: "Vielleicht hilft Ihnen eines dieser Themen weiter:",
    weak_result: "Nicht das Richtige dabei?",
    fallback_115: "Sie finden nicht, was Sie suchen? Die Behördennummer 115 beantwortet Ihre Fragen zu Leistungen der Verwaltung, montags bis freitags von 8 bis 18 Uhr:",
    place_heading: "Ihr Ort",
    place_none: "Noch kein Ort gewählt.",
    place_change: "Ort ändern",
    place_input: "Postleitzahl oder Ort",
    place_choose: "Bitte wählen Sie Ihren Ort",
    place_not_found: "Kein passender Ort gefunden.",
    back: "Zurück zur Suche",
    responsible: "Zuständige Stelle",
    responsible_needs_place: "Wählen Sie Ihren Ort, um die zuständige Stelle zu sehen.",
    responsible_none: "Für Ihren Ort ist keine zuständige Stelle hinterlegt.",
    part_loading: "Wird geladen …",
    part_responsible_failed: "Zuständigkeiten für Ihren Ort konnten nicht geladen werden.",
    part_detail_failed: "Die Beschreibung dieser Leistung konnte nicht geladen werden.",
    part_search_failed: "Einige Suchergebnisse konnten nicht geladen werden.",
    part_places_failed: "Die Ortssuche konnte nicht geladen werden.",
    online: "Online erledigen",
    forms: "Formulare",
    contact_point: "Ansprechpunkt",
    competent_office: "Zuständige Stelle",
    role_for: "für",
    phone: "Telefon",
    email: "E-Mail",
    website: "Website",
    opening_hours: "Öffnungszeiten",
    browse_label: "Leistungen durchsuchen",
    browse_az: "A–Z",
    browse_topics: "Themen",
    topics_of_service: "Themen",
    short: "Kurzbeschreibung",
    full: "Beschreibung",
    required_documents: "Erforderliche Unterlagen",
    prerequisites: "Voraussetzungen",
    procedure: "Verfahrensablauf",
    costs: "Kosten",
    deadline: "Fristen",
    processing_time: "Bearbeitungsdauer",
    legal_basis: "Rechtsgrundlagen",
    forms_text: "Hinweise zu Formularen",
    further_information: "Weiterführende Informationen",
    notes: "Hinweise",
    appeal: "Rechtsbehelf",
    unknown_service: "Diese Leistung ist im Verzeichnis nicht enthalten.",
    error_network: "Der Server ist nicht erreichbar oder die Verbindung wurde unterbrochen.",
    error_timeout: "Der Server hat nicht rechtzeitig geantwortet (in {n} Sekunden).",
    retry: "Erneut versuchen",
    contact_intro: "Wir helfen Ihnen gern weiter:",
    error_not_found: "Die Datei wurde nicht gefunden.",
    error_http: "Der Server hat mit einem Fehler geantwortet (HTTP {n}).",
    error_corrupt: "Die Datei ist beschädigt.",
    error_truncated: "Die Datei ist beschädigt: sie ist unvollständig.",
    error_newer: "Die Datei hat eine neuere Version.",
    error_older: "Die Datei hat eine ältere Version, die nicht mehr gelesen wird.",
    error_not_index: "Die Datei ist kein zufi-Verzeichnis.",
    announce: &ANNOUNCE_DE,
    kiosk: &KIOSK_DE,
};

static EN: Text = Text {
    search_label: "What do you need to do?",
    search_hint: "e.g. identity card, register a dog, housing benefit",
    results_label: "Suggestions",
    loading: "Loading the directory …",
    load_failed: "The directory of services could not be loaded.",
    found_one: "1 service found",
    found_many: "{n} services found",
    found_none: "No services found",
    did_you_mean: "Did you mean …?",
    all_about_topic: "Everything on",
    closest_topics: "One of these topics may help:",
    weak_result: "Not what you are looking for?",
    fallback_115: "Can't find what you need? The public service number 115 answers questions about administrative services, Monday to Friday from 8 am to 6 pm:",
    place_heading: "Your place",
    place_none: "No place chosen yet.",
    place_change: "Change place",
    place_input: "Postcode or town",
    place_choose: "Please choose your place",
    place_not_found: "No matching place found.",
    back: "Back to search",
    responsible: "Responsible office",
    responsible_needs_place: "Choose your place to see the responsible office.",
    responsible_none: "No responsible office is recorded for your place.",
    part_loading: "Loading …",
    part_responsible_failed: "The responsible offices for your place could not be loaded.",
    part_detail_failed: "The description of this service could not be loaded.",
    part_search_failed: "Some search results could not be loaded.",
    part_places_failed: "The place search could not be loaded.",
    online: "Do it online",
    forms: "Forms",
    contact_point: "Point of contact",
    competent_office: "Responsible office",
    role_for: "for",
    phone: "Phone",
    email: "E-mail",
    website: "Website",
    opening_hours: "Opening hours",
    browse_label: "Browse services",
    browse_az: "A–Z",
    browse_topics: "Topics",
    topics_of_service: "Topics",
    short: "Summary",
    full: "Description",
    required_documents: "Required documents",
    prerequisites: "Prerequisites",
    procedure: "Procedure",
    costs: "Costs",
    deadline: "Deadlines",
    processing_time: "Processing time",
    legal_basis: "Legal basis",
    forms_text: "About the forms",
    further_information: "Further information",
    notes: "Notes",
    appeal: "Legal remedies",
    unknown_service: "This service is not in the directory.",
    error_network: "The server cannot be reached or the connection was interrupted.",
    error_timeout: "The server did not answer in time (within {n} seconds).",
    retry: "Try again",
    contact_intro: "We are glad to help:",
    error_not_found: "The file was not found.",
    error_http: "The server answered with an error (HTTP {n}).",
    error_corrupt: "The file is damaged.",
    error_truncated: "The file is damaged: it is incomplete.",
    error_newer: "The file has a newer version.",
    error_older: "The file has an older version that is no longer read.",
    error_not_index: "The file is not a zufi directory.",
    announce: &ANNOUNCE_EN,
    kiosk: &KIOSK_EN,
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_naturally() {
        let cases = [
            (Lang::De, 0, "Keine Leistung gefunden"),
            (Lang::De, 1, "1 Leistung gefunden"),
            (Lang::De, 5, "5 Leistungen gefunden"),
            (Lang::En, 0, "No services found"),
            (Lang::En, 1, "1 service found"),
            (Lang::En, 12, "12 services found"),
        ];
        for (lang, n, expected) in cases {
            assert_eq!(lang.text().found(n), expected);
        }
    }

    #[test]
    fn kiosk_dates_and_countdown_read_naturally() {
        assert_eq!(Lang::De.date("2021-07-31"), "31.07.2021");
        assert_eq!(Lang::En.date("2021-07-31"), "2021-07-31");
        assert_eq!(
            Lang::De.text().kiosk.idle_message(7),
            "Die Suche wird in 7 Sekunden zurückgesetzt."
        );
    }
}
