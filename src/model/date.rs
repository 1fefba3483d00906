//! Dates and times as catalogs write them (ISO 8601 `YYYY-MM-DD`, `HH:MM`,
//! and points in time as XML Schema's `xs:dateTime`): one definition for the
//! importers, the loader and the validator.

fn digits(bytes: &[u8]) -> Option<u32> {
    bytes.iter().try_fold(0u32, |value, &b| {
        b.is_ascii_digit().then(|| value * 10 + u32::from(b - b'0'))
    })
}

/// A calendar date `YYYY-MM-DD`.
pub(crate) fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let (Some(year), Some(month), Some(day)) = (digits(&b[..4]), digits(&b[5..7]), digits(&b[8..]))
    else {
        return false;
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// A time `HH:MM` on the 24-hour clock; `24:00` closes a day.
pub(crate) fn is_time(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 5 || b[2] != b':' {
        return false;
    }
    match (digits(&b[..2]), digits(&b[3..])) {
        (Some(hours), Some(minutes)) => (hours < 24 && minutes < 60) || s == "24:00",
        _ => false,
    }
}

/// Days since 1970-01-01 of a valid calendar date (the civil-from-days
/// inverse of Howard Hinnant's algorithm).
fn days_since_epoch(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month = i64::from(month);
    let day_of_year =
        (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// An ISO 8601 date and time as XML Schema's `xs:dateTime` writes it —
/// `YYYY-MM-DDThh:mm[:ss[.fraction]][Z|±hh:mm]` — as a point in time that
/// compares correctly: (seconds since 1970 in UTC, nanoseconds). A time
/// without a zone is taken as UTC, so such times compare correctly with each
/// other. `None` for anything else.
pub(crate) fn date_time_instant(s: &str) -> Option<(i64, u32)> {
    let (date, time) = s.split_once('T')?;
    if !is_date(date) {
        return None;
    }
    let b = date.as_bytes();
    let (year, month, day) = (digits(&b[..4])?, digits(&b[5..7])?, digits(&b[8..])?);
    let (clock, offset_seconds) = match time.find(['Z', '+', '-']) {
        Some(at) => {
            let zone = &time[at..];
            let offset = if zone == "Z" {
                0
            } else {
                let z = zone.as_bytes();
                if z.len() != 6 || z[3] != b':' {
                    return None;
                }
                let (hours, minutes) = (digits(&z[1..3])?, digits(&z[4..])?);
                if hours > 14 || minutes > 59 {
                    return None;
                }
                let seconds = i64::from(hours * 3600 + minutes * 60);
                if z[0] == b'-' {
                    -seconds
                } else {
                    seconds
                }
            };
            (&time[..at], offset)
        }
        None => (time, 0),
    };
    let (clock, fraction) = match clock.split_once('.') {
        Some((clock, fraction)) => (clock, Some(fraction)),
        None => (clock, None),
    };
    let c = clock.as_bytes();
    let (hours, minutes, seconds) = match (c.len(), fraction) {
        (5, None) if c[2] == b':' => (digits(&c[..2])?, digits(&c[3..])?, 0),
        (8, _) if c[2] == b':' && c[5] == b':' => {
            (digits(&c[..2])?, digits(&c[3..5])?, digits(&c[6..])?)
        }
        _ => return None,
    };
    let end_of_day = hours == 24 && minutes == 0 && seconds == 0;
    if (hours > 23 && !end_of_day) || minutes > 59 || seconds > 59 {
        return None;
    }
    let nanos = match fraction {
        None => 0,
        Some(f) if !f.is_empty() && f.len() <= 9 => {
            digits(f.as_bytes())? * 10u32.pow(9 - f.len() as u32)
        }
        Some(_) => return None,
    };
    let days = days_since_epoch(i64::from(year), month, day);
    let seconds = days * 86_400 + i64::from(hours * 3600 + minutes * 60 + seconds) - offset_seconds;
    Some((seconds, nanos))
}

/// An ISO 8601 date (`YYYY-MM-DD`) or date and time (see
/// [`date_time_instant`]), as a service's `updated` holds it.
pub(crate) fn is_date_or_date_time(s: &str) -> bool {
    is_date(s) || date_time_instant(s).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_times() {
        let at = |s: &str| date_time_instant(s);
        assert_eq!(at("1970-01-01T00:00:00Z"), Some((0, 0)));
        assert_eq!(at("1970-01-02T00:00"), Some((86_400, 0)));
        assert_eq!(at("2024-05-02T08:15:00"), Some((1_714_637_700, 0)));
        assert_eq!(at("2024-05-02T10:15:00+02:00"), at("2024-05-02T08:15:00Z"));
        assert_eq!(at("2024-05-01T23:15:00-09:00"), at("2024-05-02T08:15:00Z"));
        assert_eq!(
            at("2024-05-02T08:15:00.25Z"),
            Some((1_714_637_700, 250_000_000))
        );
        assert_eq!(at("2000-03-01T00:00:00"), Some((951_868_800, 0)));
        assert!(at("2024-05-02T08:15:00.5") < at("2024-05-02T08:15:01"));
        assert!(is_date_or_date_time("2024-05-02"));
        assert!(is_date_or_date_time("2024-05-02T08:15:00+02:00"));
        assert!(!is_date_or_date_time("gestern"));
        for bad in [
            "2024-05-02",
            "2024-05-02T",
            "2024-05-02T8:15",
            "2024-05-02T08:60",
            "2024-05-02T25:00:00",
            "2024-05-02T08:15:00+2",
            "2024-05-02T08:15.5",
            "2024-05-02T08:15:00.",
            "2024-02-30T08:15:00",
            "02.05.2024 08:15",
            "gestern",
        ] {
            assert_eq!(at(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn dates() {
        for (date, ok) in [
            ("2024-01-31", true),
            ("2024-02-29", true),
            ("2000-02-29", true),
            ("1900-02-29", false),
            ("2023-02-29", false),
            ("2024-04-31", false),
            ("2024-00-10", false),
            ("2024-13-01", false),
            ("2024-01-00", false),
            ("2024-1-01", false),
            ("2024/01/01", false),
            ("01.01.2024", false),
            ("2024-01-01T00:00", false),
            ("", false),
        ] {
            assert_eq!(is_date(date), ok, "{date:?}");
        }
    }

    #[test]
    fn times() {
        for (time, ok) in [
            ("00:00", true),
            ("09:30", true),
            ("23:59", true),
            ("24:00", true),
            ("24:01", false),
            ("12:60", false),
            ("9:00", false),
            ("09.00", false),
            ("0900", false),
            ("", false),
        ] {
            assert_eq!(is_time(time), ok, "{time:?}");
        }
    }
}
