//! Region keys (ARS) and the most-specific-region rule.
//!
//! For a citizen's 12-digit ARS the candidate region keys are, most specific
//! first: the Gemeinde itself, its Gemeindeverband (`a[0..9] + "000"`), the
//! Kreis (`a[0..5] + "0000000"`), the Regierungsbezirk (`a[0..3] +
//! "000000000"`, which encloses the Kreis), the Land (`a[0..2] +
//! "0000000000"`) and the Bund (`000000000000`). Duplicate keys (kreisfreie
//! Städte, Stadtstaaten) collapse.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::Error;

/// The administrative level of a region, from the most general to the most
/// specific.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RegionLevel {
    /// Federal level (`000000000000`).
    Bund,
    /// A Land.
    Land,
    /// A Regierungsbezirk.
    Bezirk,
    /// A Kreis or kreisfreie Stadt.
    Kreis,
    /// A Gemeindeverband (in Thüringen: Verwaltungsgemeinschaft or erfüllende Gemeinde).
    Verband,
    /// A Gemeinde.
    Gemeinde,
}

impl RegionLevel {
    /// Every level, from the most general to the most specific.
    pub const ALL: [RegionLevel; 6] = [
        RegionLevel::Bund,
        RegionLevel::Land,
        RegionLevel::Bezirk,
        RegionLevel::Kreis,
        RegionLevel::Verband,
        RegionLevel::Gemeinde,
    ];

    /// The level's name in catalogs and JSON output: `bund`, `land`, `bezirk`,
    /// `kreis`, `verband`, `gemeinde`.
    pub fn name(self) -> &'static str {
        match self {
            RegionLevel::Bund => "bund",
            RegionLevel::Land => "land",
            RegionLevel::Bezirk => "bezirk",
            RegionLevel::Kreis => "kreis",
            RegionLevel::Verband => "verband",
            RegionLevel::Gemeinde => "gemeinde",
        }
    }
}

/// A region as the index holds it: the catalog's region record with its
/// keys and postcodes checked and typed. The builder makes these from the
/// catalog's regions; the index stores them in the same bytes as the
/// catalog records (keys and postcodes as their digits).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegionEntry {
    /// The region's key.
    pub ars: Ars,
    /// Official name, e.g. "Erfurt, Stadt".
    pub name: String,
    /// Administrative level.
    pub level: RegionLevel,
    /// Key of the enclosing region, if the catalog has it.
    pub parent: Option<Ars>,
    /// Postcodes (wholly or partly) in this region.
    pub plz: Vec<Plz>,
}

/// A 12-digit Amtlicher Regionalschlüssel.
///
/// ```
/// use zufi::Ars;
/// let alkersleben: Ars = "160705009001".parse().unwrap();
/// let chain: Vec<String> = alkersleben.chain().map(|a| a.to_string()).collect();
/// assert_eq!(chain, ["160705009001", "160705009000", "160700000000", "160000000000", "000000000000"]);
/// assert!("16070500900".parse::<Ars>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Ars([u8; 12]);

impl Ars {
    /// The federal key `000000000000`.
    pub const BUND: Ars = Ars(*b"000000000000");

    /// The level a key of this shape denotes when it stands for itself: trailing
    /// zeros make `160510000000` (Erfurt) a Kreis-level key.
    pub fn level(&self) -> RegionLevel {
        let s = &self.0;
        let zero = |range: std::ops::Range<usize>| s[range].iter().all(|&b| b == b'0');
        if zero(0..12) {
            RegionLevel::Bund
        } else if zero(2..12) {
            RegionLevel::Land
        } else if zero(3..12) {
            RegionLevel::Bezirk
        } else if zero(5..12) {
            RegionLevel::Kreis
        } else if zero(9..12) {
            RegionLevel::Verband
        } else {
            RegionLevel::Gemeinde
        }
    }

    fn with_zeros_from(&self, position: usize) -> Ars {
        let mut key = self.0;
        key[position..].fill(b'0');
        Ars(key)
    }

    /// The keys to look up, most specific first, without duplicates:
    /// Gemeinde, Gemeindeverband, Kreis, Regierungsbezirk, Land, Bund.
    pub fn chain(&self) -> impl Iterator<Item = Ars> {
        let candidates = [
            *self,
            self.with_zeros_from(9),
            self.with_zeros_from(5),
            self.with_zeros_from(3),
            self.with_zeros_from(2),
            Ars::BUND,
        ];
        candidates
            .into_iter()
            .enumerate()
            .filter(move |&(i, key)| !candidates[..i].contains(&key))
            .map(|(_, key)| key)
    }

    /// The key as a number, the compact form the index stores.
    pub fn as_number(&self) -> u64 {
        self.0
            .iter()
            .fold(0, |n, digit| n * 10 + u64::from(digit - b'0'))
    }

    /// The key of a number below 10¹², the inverse of [`Ars::as_number`].
    pub fn from_number(mut number: u64) -> Option<Ars> {
        if number >= 1_000_000_000_000 {
            return None;
        }
        let mut key = [b'0'; 12];
        for digit in key.iter_mut().rev() {
            *digit = b'0' + (number % 10) as u8;
            number /= 10;
        }
        Some(Ars(key))
    }

    /// The 8-digit Amtlicher Gemeindeschlüssel: the ARS without the Verband part.
    pub fn ags(&self) -> String {
        format!("{}{}", &self.as_str()[..5], &self.as_str()[9..])
    }
}

impl FromStr for Ars {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bytes = s.as_bytes();
        if bytes.len() != 12 || !bytes.iter().all(u8::is_ascii_digit) {
            return Err(Error::InvalidArgument(format!(
                "{s:?} is not a regional key (ARS): expected exactly 12 digits"
            )));
        }
        let mut key = [0u8; 12];
        key.copy_from_slice(bytes);
        Ok(Ars(key))
    }
}

/// A five-digit German postcode (Postleitzahl).
///
/// ```
/// use zufi::Plz;
/// let plz: Plz = "99310".parse().unwrap();
/// assert_eq!(plz.as_str(), "99310");
/// assert!("9931".parse::<Plz>().is_err());
/// assert!(Plz::is_plz("07743") && !Plz::is_plz("Jena"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Plz([u8; 5]);

impl Plz {
    /// True for text of exactly five ASCII digits.
    pub fn is_plz(text: &str) -> bool {
        text.len() == 5 && text.bytes().all(|b| b.is_ascii_digit())
    }
}

impl FromStr for Plz {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if !Plz::is_plz(s) {
            return Err(Error::InvalidArgument(format!(
                "{s:?} is not a postcode: expected exactly 5 digits"
            )));
        }
        let mut digits = [0u8; 5];
        digits.copy_from_slice(s.as_bytes());
        Ok(Plz(digits))
    }
}

/// Text, display and serde for a key of ASCII digits: both are written,
/// shown and stored as their digits.
macro_rules! digit_key {
    ($key:ident, $what:literal) => {
        impl $key {
            #[doc = concat!("The ", $what, " as a string slice of its ASCII digits.")]
            pub fn as_str(&self) -> &str {
                // Construction only admits ASCII digits.
                std::str::from_utf8(&self.0).unwrap_or_default()
            }
        }

        impl fmt::Display for $key {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Serialize for $key {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $key {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                text.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

digit_key!(Ars, "key");
digit_key!(Plz, "postcode");

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(ars: &str) -> Vec<String> {
        ars.parse::<Ars>()
            .unwrap()
            .chain()
            .map(|a| a.to_string())
            .collect()
    }

    #[test]
    fn chains_collapse_duplicate_keys() {
        assert_eq!(
            chain("160510000000"),
            ["160510000000", "160000000000", "000000000000"]
        );
        assert_eq!(chain("110000000000"), ["110000000000", "000000000000"]);
        assert_eq!(
            chain("160700004004"),
            [
                "160700004004",
                "160700004000",
                "160700000000",
                "160000000000",
                "000000000000"
            ]
        );
    }

    #[test]
    fn regierungsbezirk_sits_between_kreis_and_land() {
        assert_eq!(
            chain("091620000000"),
            [
                "091620000000",
                "091000000000",
                "090000000000",
                "000000000000"
            ]
        );
        assert_eq!(
            chain("091885117117"),
            [
                "091885117117",
                "091885117000",
                "091880000000",
                "091000000000",
                "090000000000",
                "000000000000"
            ]
        );
    }

    #[test]
    fn levels_follow_trailing_zeros() {
        let level = |s: &str| s.parse::<Ars>().unwrap().level();
        assert_eq!(level("000000000000"), RegionLevel::Bund);
        assert_eq!(level("160000000000"), RegionLevel::Land);
        assert_eq!(level("160700000000"), RegionLevel::Kreis);
        assert_eq!(level("160705009000"), RegionLevel::Verband);
        assert_eq!(level("160705009001"), RegionLevel::Gemeinde);
    }

    #[test]
    fn malformed_keys_are_rejected() {
        for bad in [
            "",
            "16051000000",
            "1605100000000",
            "16051000000x",
            "１６０５１００００００",
        ] {
            assert!(bad.parse::<Ars>().is_err(), "{bad}");
        }
    }

    #[test]
    fn numbers_round_trip() {
        for key in [
            "000000000000",
            "010010000000",
            "160705009001",
            "999999999999",
        ] {
            let ars: Ars = key.parse().unwrap();
            assert_eq!(Ars::from_number(ars.as_number()), Some(ars));
        }
        assert_eq!(Ars::from_number(1_000_000_000_000), None);
    }

    #[test]
    fn keys_and_postcodes_store_as_their_digits() {
        let ars: Ars = "160705009001".parse().unwrap();
        let plz: Plz = "99310".parse().unwrap();
        // The index stores them as the strings the catalog holds: same bytes.
        assert_eq!(
            postcard::to_allocvec(&(ars, plz)).unwrap(),
            postcard::to_allocvec(&("160705009001", "99310")).unwrap()
        );
        let back: (Ars, Plz) =
            postcard::from_bytes(&postcard::to_allocvec(&("160705009001", "99310")).unwrap())
                .unwrap();
        assert_eq!(back, (ars, plz));
        assert!(postcard::from_bytes::<Ars>(&postcard::to_allocvec("1607").unwrap()).is_err());
        assert!(postcard::from_bytes::<Plz>(&postcard::to_allocvec("9931x").unwrap()).is_err());
    }

    #[test]
    fn level_names_are_the_serialised_names() {
        for level in RegionLevel::ALL {
            assert_eq!(
                serde_json::to_value(level).unwrap(),
                serde_json::Value::from(level.name())
            );
        }
    }

    #[test]
    fn ags_drops_the_verband_part() {
        assert_eq!("160705009001".parse::<Ars>().unwrap().ags(), "16070001");
    }
}
