//! Regions from official lists (ARS code list JSON, PLZ↔AGS CSV). Being written.

use crate::{Region, Result};

/// Reads every region of an ARS code list (XRepository JSON).
pub fn regions_from_ars_list(_json: &str, _file: &str) -> Result<Vec<Region>> {
    Ok(Vec::new())
}

/// Adds postcodes from a PLZ↔AGS CSV to the matching Gemeinden; returns how many pairs were used.
pub fn attach_postcodes(_regions: &mut [Region], _csv: &str, _file: &str) -> Result<usize> {
    Ok(0)
}
