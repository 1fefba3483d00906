//! Opening hours from editorial text, one entry per line.
//!
//! XZuFi carries opening hours as free text. Lines in the common forms
//! (`Mo-Fr 09:00-12:00`, `Di 9 - 12 und 13.30 - 18 Uhr`) become structured
//! entries; every other line is kept verbatim as a note with empty `days`,
//! so nothing an editor wrote is lost.

use crate::model::records::OpeningHours;

/// Splits opening-hours text into entries, one or more per line.
pub(super) fn opening_hours(text: &str) -> Vec<OpeningHours> {
    let mut entries = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let line = line.trim_start_matches("- ");
        match structured_hours(line) {
            Some(mut structured) => entries.append(&mut structured),
            None => entries.push(OpeningHours {
                days: String::new(),
                from: None,
                to: None,
                note: Some(line.to_string()),
            }),
        }
    }
    entries
}

/// `Mo-Fr 09:00-12:00`, `Di: 9 - 12 und 13.30 - 18 Uhr (nur mit Termin)`.
fn structured_hours(line: &str) -> Option<Vec<OpeningHours>> {
    let first_digit = line.find(|c: char| c.is_ascii_digit())?;
    let days = line[..first_digit].trim().trim_end_matches(':').trim();
    if !is_day_expression(days) {
        return None;
    }
    let mut rest = &line[first_digit..];
    let mut spans = Vec::new();
    while let Some((from, after)) = time(rest) {
        let after = after.trim_start();
        let after = ["-", "–", "bis"]
            .iter()
            .find_map(|sep| after.strip_prefix(sep))?;
        let (to, after) = time(after.trim_start())?;
        spans.push((from, to));
        let after = after.trim_start();
        let after = after.strip_prefix("Uhr").unwrap_or(after).trim_start();
        rest = ["und", ",", ";", "/"]
            .iter()
            .find_map(|sep| after.strip_prefix(sep))
            .map(str::trim_start)
            .unwrap_or(after);
        if !rest.starts_with(|c: char| c.is_ascii_digit()) {
            break;
        }
    }
    if spans.is_empty() {
        return None;
    }
    let note = Some(rest.trim().to_string()).filter(|n| !n.is_empty());
    Some(
        spans
            .into_iter()
            .map(|(from, to)| OpeningHours {
                days: days.to_string(),
                from: Some(from),
                to: Some(to),
                note: note.clone(),
            })
            .collect(),
    )
}

fn is_day_expression(text: &str) -> bool {
    const DAYS: [&str; 7] = ["mo", "di", "mi", "do", "fr", "sa", "so"];
    const NAMES: [&str; 8] = [
        "montag",
        "dienstag",
        "mittwoch",
        "donnerstag",
        "freitag",
        "samstag",
        "sonntag",
        "sonnabend",
    ];
    let words: Vec<String> = text
        .split(|c: char| c.is_whitespace() || matches!(c, '-' | '–' | ',' | '/' | '+' | '&'))
        .map(|w| w.trim_end_matches('.').to_lowercase())
        .filter(|w| !w.is_empty() && w != "bis" && w != "und")
        .collect();
    !words.is_empty()
        && words
            .iter()
            .all(|w| DAYS.contains(&w.as_str()) || NAMES.contains(&w.as_str()))
}

/// Reads `9`, `09`, `9:30`, `9.30` at the start of `text` as `HH:MM`.
fn time(text: &str) -> Option<(String, &str)> {
    let hour_len = text.bytes().take_while(u8::is_ascii_digit).count();
    if hour_len == 0 || hour_len > 2 {
        return None;
    }
    let hour: u32 = text[..hour_len].parse().ok()?;
    let mut rest = &text[hour_len..];
    let mut minute = 0;
    if let Some(after) = rest.strip_prefix(':').or_else(|| rest.strip_prefix('.')) {
        if after.len() >= 2 && after.as_bytes()[..2].iter().all(u8::is_ascii_digit) {
            minute = after[..2].parse().ok()?;
            rest = &after[2..];
        }
    }
    (hour <= 24 && minute < 60).then(|| (format!("{hour:02}:{minute:02}"), rest))
}

#[cfg(test)]
mod tests {
    use crate::catalog::xzufi::opening_hours::opening_hours;
    use crate::catalog::xzufi::test_support::{hours, Hours};

    #[test]
    fn opening_hours_lines() {
        let cases: &[(&str, &[Hours])] = &[
            (
                "Mo-Fr 08:00-12:00",
                &[("Mo-Fr", Some("08:00"), Some("12:00"), None)],
            ),
            (
                "Montag: 7.30 bis 15 Uhr",
                &[("Montag", Some("07:30"), Some("15:00"), None)],
            ),
            (
                "Di 9-12 (nur mit Termin)",
                &[("Di", Some("09:00"), Some("12:00"), Some("(nur mit Termin)"))],
            ),
            (
                "Am 24.12. geschlossen",
                &[("", None, None, Some("Am 24.12. geschlossen"))],
            ),
            ("Mo 25-26", &[("", None, None, Some("Mo 25-26"))]),
        ];
        for (line, expected) in cases {
            let got = opening_hours(line);
            let got = hours(&got);
            assert_eq!(got, *expected, "for {line:?}");
        }
    }
}
