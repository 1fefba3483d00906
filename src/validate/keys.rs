//! The syntax of keys: regional keys (ARS), postcodes (PLZ), LeiKa keys;
//! and the message for a refused web address, which several kinds have.

use crate::model::link::LinkError;
use crate::model::region::{Ars, Plz};
use crate::validate::problem::Kind;
use crate::validate::validator::Validator;

const LEIKA_URN_PREFIX: &str = "urn:de:fim:leika:leistung:";

impl Validator<'_> {
    /// Reports a malformed ARS; true when the key is well-formed.
    pub(super) fn check_ars(&mut self, kind: Kind, i: usize, field: &str, key: &str) -> bool {
        match ars_problem(key) {
            Some(message) => {
                self.error(kind, i, field, message);
                false
            }
            None => true,
        }
    }

    pub(super) fn check_plz(&mut self, kind: Kind, i: usize, field: &str, plz: &str) {
        if !Plz::is_plz(plz) {
            self.error(
                kind,
                i,
                field,
                format!(
                    "{plz:?} is not a postcode (PLZ): expected exactly 5 digits, e.g. \"99084\""
                ),
            );
        }
    }
}

fn ars_problem(key: &str) -> Option<String> {
    if key.parse::<Ars>().is_ok() {
        return None;
    }
    let length = key.chars().count();
    let mut message = format!(
        "{key:?} is not a regional key (ARS): expected exactly 12 digits, found {length} character(s)"
    );
    if length == 8 && key.bytes().all(|b| b.is_ascii_digit()) {
        message.push_str("; this looks like an 8-digit AGS, which lacks the 4-digit Verband part (positions 6–9) of the ARS");
    } else if key.trim() != key && key.trim().parse::<Ars>().is_ok() {
        message.push_str(&format!(
            "; remove the surrounding whitespace: {:?}",
            key.trim()
        ));
    }
    Some(message)
}

/// What is wrong with a LeiKa key, if anything.
pub(super) fn leika_problem(key: &str) -> Option<String> {
    if key.len() == 14 && key.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut message = format!(
        "{key:?} is not a LeiKa key: expected exactly 14 digits, found {} character(s)",
        key.chars().count()
    );
    if let Some(bare) = key.strip_prefix(LEIKA_URN_PREFIX) {
        message.push_str(&format!(
            "; write the bare key {bare:?} without the URN prefix"
        ));
    }
    Some(message)
}

/// Why `url` is refused as a web address, and how to write it.
pub(super) fn web_message(url: &str, problem: &LinkError) -> String {
    format!("{url:?} is not a web address a link can point to: {problem}; write the full address with https:// and the host, e.g. \"https://www.example.de/antrag\"")
}
