//! Dates and times as catalogs write them (ISO 8601 `YYYY-MM-DD`, `HH:MM`):
//! one definition for the importers and the validator.

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

#[cfg(test)]
mod tests {
    use super::*;

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
