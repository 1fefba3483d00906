//! Regions from official lists: the XRepository ARS code list (JSON), GV100
//! names (NDJSON) and a PLZ↔AGS table (CSV).
//!
//! The ARS code list names every Gemeinde but none of the levels above it, so
//! [`OfficialRegions::regions`] derives the Land, Regierungsbezirk, Kreis and
//! Verband regions from the keys and names them from GV100 where given.
//!
//! Rules, so that the output matches [`crate::model::region::Ars::chain`]:
//!
//! - A key with trailing zeros is one region at the level the zeros give:
//!   Erfurt `160510000000` is a single `kreis` region, Berlin `110000000000`
//!   a single `land` region. Nothing is duplicated.
//! - A Verband region is made only for Verband parts starting with `5`
//!   (Verwaltungsgemeinschaften, erfüllende Gemeinden and their peers in other
//!   Länder); verbandsfreie Gemeinden (`0…`) and gemeindefreie Gebiete (`9…`)
//!   are children of their Kreis.
//! - District entries of the Stadtstaaten (those with a `Hinweis`) are
//!   skipped: the city itself is the region.
//! - Postcodes are attached to the regions of the ARS list only, never to the
//!   derived Verband/Kreis/Land regions, so a postcode leads to the
//!   municipalities it covers.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::model::records::Region;
use crate::model::region::Plz;
use crate::model::region::{Ars, RegionLevel};

/// Names of the Länder, used when no GV100 `laender` file is given; the
/// sixteen Länder and their keys have been stable since 1990.
const LAENDER: [(&str, &str); 16] = [
    ("01", "Schleswig-Holstein"),
    ("02", "Hamburg"),
    ("03", "Niedersachsen"),
    ("04", "Bremen"),
    ("05", "Nordrhein-Westfalen"),
    ("06", "Hessen"),
    ("07", "Rheinland-Pfalz"),
    ("08", "Baden-Württemberg"),
    ("09", "Bayern"),
    ("10", "Saarland"),
    ("11", "Berlin"),
    ("12", "Brandenburg"),
    ("13", "Mecklenburg-Vorpommern"),
    ("14", "Sachsen"),
    ("15", "Sachsen-Anhalt"),
    ("16", "Thüringen"),
];

/// One municipality of the ARS code list with the postcodes attached to it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Municipality {
    name: String,
    plz: BTreeSet<String>,
}

/// The regions of an ARS code list, with optional GV100 names for the levels
/// above the Gemeinden and postcodes from a PLZ↔AGS table.
#[derive(Debug, Clone, Default)]
pub struct OfficialRegions {
    version: Option<String>,
    municipalities: BTreeMap<Ars, Municipality>,
    /// Names of Land, Bezirk, Kreis and Verband keys from GV100.
    names: BTreeMap<Ars, String>,
}

/// What [`OfficialRegions::add_postcodes`] did with a PLZ↔AGS table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PostcodeReport {
    /// Rows whose AGS is a municipality of the ARS list.
    pub rows_used: usize,
    /// AGS of rows that match no municipality of the ARS list (retired keys,
    /// or a table of another date), sorted and without duplicates.
    pub unknown_ags: Vec<String>,
}

#[derive(Deserialize)]
struct CodeList {
    #[serde(default)]
    metadaten: Option<CodeListMeta>,
    spalten: Vec<CodeListColumn>,
    daten: Vec<Vec<Option<String>>>,
}

#[derive(Deserialize)]
struct CodeListMeta {
    #[serde(default)]
    version: Option<String>,
}

#[derive(Deserialize)]
struct CodeListColumn {
    #[serde(rename = "spaltennameTechnisch")]
    technical_name: String,
}

#[derive(Deserialize)]
struct Gv100Line {
    name: String,
    #[serde(rename = "schlüssel")]
    key: Gv100Key,
}

#[derive(Deserialize)]
struct Gv100Key {
    nummer: String,
}

impl OfficialRegions {
    /// Reads an ARS code list in the XRepository JSON form (`metadaten`,
    /// `spalten`, `daten` with the columns `SCHLUESSEL`, `Bezeichnung` and
    /// optionally `Hinweis`). `file` names the input in errors.
    pub fn from_ars_list(json: &str, file: &str) -> Result<Self> {
        let list: CodeList = serde_json::from_str(json).map_err(|e| Error::Syntax {
            file: file.to_string(),
            line: e.line(),
            column: e.column(),
            message: format!("not an XRepository code list: {e}"),
        })?;
        let column = |name: &str| {
            list.spalten
                .iter()
                .position(|c| c.technical_name == name)
                .ok_or_else(|| Error::Record {
                    file: file.to_string(),
                    record: "spalten".into(),
                    field: "spaltennameTechnisch".into(),
                    message: format!("the code list has no column {name:?}"),
                })
        };
        let key_column = column("SCHLUESSEL")?;
        let name_column = column("Bezeichnung")?;
        let note_column = column("Hinweis").ok();

        let mut municipalities = BTreeMap::new();
        for (row, values) in list.daten.iter().enumerate() {
            let record = || format!("daten[{row}]");
            let cell = |index: usize, field: &str| -> Result<&str> {
                values
                    .get(index)
                    .and_then(|value| value.as_deref())
                    .map(str::trim)
                    .filter(|value| !value.is_empty())
                    .ok_or_else(|| Error::Record {
                        file: file.to_string(),
                        record: record(),
                        field: field.to_string(),
                        message: "missing or empty".into(),
                    })
            };
            let is_district = note_column
                .and_then(|index| values.get(index))
                .and_then(|value| value.as_deref())
                .is_some_and(|note| !note.trim().is_empty());
            if is_district {
                continue;
            }
            let key = cell(key_column, "SCHLUESSEL")?;
            let ars: Ars = key.parse().map_err(|_| Error::Record {
                file: file.to_string(),
                record: record(),
                field: "SCHLUESSEL".into(),
                message: format!("{key:?} is not a 12-digit regional key (ARS)"),
            })?;
            let name = cell(name_column, "Bezeichnung")?.to_string();
            let municipality = Municipality {
                name,
                plz: BTreeSet::new(),
            };
            if municipalities.insert(ars, municipality).is_some() {
                return Err(Error::Record {
                    file: file.to_string(),
                    record: record(),
                    field: "SCHLUESSEL".into(),
                    message: format!("the key {key} occurs twice"),
                });
            }
        }
        if municipalities.is_empty() {
            return Err(Error::Record {
                file: file.to_string(),
                record: "daten".into(),
                field: "daten".into(),
                message: "the code list holds no regions".into(),
            });
        }
        Ok(OfficialRegions {
            version: list.metadaten.and_then(|meta| meta.version),
            municipalities,
            names: BTreeMap::new(),
        })
    }

    /// The code list version (`metadaten.version`, e.g. `2021-07-31`), if stated.
    pub fn version(&self) -> Option<&str> {
        self.version.as_deref()
    }

    /// Number of municipalities (entries of the ARS list).
    pub fn municipality_count(&self) -> usize {
        self.municipalities.len()
    }

    /// Takes names for Länder, Regierungsbezirke, Kreise and Gemeindeverbände
    /// from one GV100 NDJSON file (one object per line with `name` and
    /// `schlüssel.nummer`). Gemeindeverband lines for verbandsfreie Gemeinden
    /// are ignored, as they are no region of their own. Returns the number of
    /// names taken.
    pub fn add_gv100_names(&mut self, ndjson: &str, file: &str) -> Result<usize> {
        let mut taken = 0;
        for (index, line) in ndjson.lines().enumerate() {
            let line_no = index + 1;
            if line.trim().is_empty() {
                continue;
            }
            let entry: Gv100Line = serde_json::from_str(line).map_err(|e| Error::Syntax {
                file: file.to_string(),
                line: line_no,
                column: e.column(),
                message: format!("not a GV100 record: {e}"),
            })?;
            let number = entry.key.nummer.trim();
            let valid =
                matches!(number.len(), 2 | 3 | 5 | 9) && number.bytes().all(|b| b.is_ascii_digit());
            if !valid {
                return Err(Error::Record {
                    file: file.to_string(),
                    record: format!("line {line_no}"),
                    field: "schlüssel.nummer".into(),
                    message: format!(
                        "{number:?} is not a Land, Regierungsbezirk, Kreis or Gemeindeverband key (2, 3, 5 or 9 digits)"
                    ),
                });
            }
            if number.len() == 9 && !number[5..].starts_with('5') {
                continue;
            }
            let name = entry.name.trim();
            if name.is_empty() {
                return Err(Error::Record {
                    file: file.to_string(),
                    record: format!("line {line_no}"),
                    field: "name".into(),
                    message: "empty name".into(),
                });
            }
            let ars: Ars = format!("{number:0<12}")
                .parse()
                .expect("a key of 2 to 9 digits padded with zeros is 12 digits");
            self.names.insert(ars, name.to_string());
            taken += 1;
        }
        Ok(taken)
    }

    /// Attaches the postcodes of a PLZ↔AGS CSV (header with at least `ags` and
    /// `plz`) to the municipalities of the ARS list, matching the AGS against
    /// each key without its Verband part.
    ///
    /// Spreadsheet exports drop leading zeros, so a 7-digit AGS and a 4-digit
    /// postcode are padded with one leading zero.
    pub fn add_postcodes(&mut self, csv_text: &str, file: &str) -> Result<PostcodeReport> {
        let by_ags: BTreeMap<String, Ars> = self
            .municipalities
            .keys()
            .map(|ars| (ars.ags(), *ars))
            .collect();
        let mut reader = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .from_reader(csv_text.as_bytes());
        let syntax = |e: csv::Error| {
            let (line, message) = match e.position() {
                Some(position) => (position.line() as usize, e.to_string()),
                None => (1, e.to_string()),
            };
            Error::Syntax {
                file: file.to_string(),
                line,
                column: 1,
                message,
            }
        };
        let headers = reader.headers().map_err(syntax)?.clone();
        let column = |name: &str| {
            headers
                .iter()
                .position(|h| h.eq_ignore_ascii_case(name))
                .ok_or_else(|| Error::Record {
                    file: file.to_string(),
                    record: "header".into(),
                    field: name.to_string(),
                    message: format!(
                        "the table has no column {name:?} (columns: {})",
                        headers.iter().collect::<Vec<_>>().join(",")
                    ),
                })
        };
        let ags_column = column("ags")?;
        let plz_column = column("plz")?;

        let mut report = PostcodeReport::default();
        let mut unknown = BTreeSet::new();
        for row in reader.records() {
            let row = row.map_err(syntax)?;
            let line = row.position().map_or(0, |p| p.line());
            let field = |index: usize, name: &str, width: usize| -> Result<String> {
                let value = row.get(index).unwrap_or("");
                let digits = !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit());
                if digits && value.len() == width {
                    Ok(value.to_string())
                } else if digits && value.len() == width - 1 {
                    Ok(format!("0{value}"))
                } else {
                    Err(Error::Record {
                        file: file.to_string(),
                        record: format!("line {line}"),
                        field: name.to_string(),
                        message: format!("{value:?} is not a {width}-digit number"),
                    })
                }
            };
            let ags = field(ags_column, "ags", 8)?;
            let plz = field(plz_column, "plz", 5)?;
            debug_assert!(Plz::is_plz(&plz));
            match by_ags.get(&ags) {
                Some(ars) => {
                    let municipality = self
                        .municipalities
                        .get_mut(ars)
                        .expect("by_ags holds keys of municipalities only");
                    municipality.plz.insert(plz);
                    report.rows_used += 1;
                }
                None => {
                    unknown.insert(ags);
                }
            }
        }
        report.unknown_ags = unknown.into_iter().collect();
        Ok(report)
    }

    /// Every region whose key starts with `within` (all for `""`), sorted by
    /// ARS, each with its level, name, parent (if that is in the output too)
    /// and sorted postcodes.
    pub fn regions(&self, within: &str) -> Result<Vec<Region>> {
        if within.len() > 12 || !within.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Error::InvalidArgument(format!(
                "{within:?} is not an ARS prefix: expected up to 12 digits, e.g. \"16\" for Thüringen"
            )));
        }
        let mut regions: BTreeMap<Ars, Region> = BTreeMap::new();
        for (ars, municipality) in &self.municipalities {
            let ancestors = ancestors(ars);
            regions.insert(
                *ars,
                Region {
                    ars: ars.to_string(),
                    name: municipality.name.clone(),
                    level: ars.level(),
                    parent: ancestors.first().map(Ars::to_string),
                    plz: municipality.plz.iter().cloned().collect(),
                },
            );
            for (position, ancestor) in ancestors.iter().enumerate() {
                if regions.contains_key(ancestor) || self.municipalities.contains_key(ancestor) {
                    continue;
                }
                regions.insert(
                    *ancestor,
                    Region {
                        ars: ancestor.to_string(),
                        name: self.name_of(ancestor),
                        level: ancestor.level(),
                        parent: ancestors.get(position + 1).map(Ars::to_string),
                        plz: Vec::new(),
                    },
                );
            }
        }
        let mut selected: Vec<Region> = regions
            .into_values()
            .filter(|region| region.ars.starts_with(within))
            .collect();
        let present: BTreeSet<String> = selected.iter().map(|r| r.ars.clone()).collect();
        for region in &mut selected {
            if region.parent.as_ref().is_some_and(|p| !present.contains(p)) {
                region.parent = None;
            }
        }
        Ok(selected)
    }

    fn name_of(&self, ars: &Ars) -> String {
        if let Some(name) = self.names.get(ars) {
            return name.clone();
        }
        let key = ars.as_str();
        match ars.level() {
            RegionLevel::Land => LAENDER
                .iter()
                .find(|(code, _)| *code == &key[..2])
                .map_or_else(
                    || format!("Land {}", &key[..2]),
                    |(_, name)| name.to_string(),
                ),
            RegionLevel::Bezirk => format!("Regierungsbezirk {}", &key[..3]),
            RegionLevel::Kreis => format!("Kreis {}", &key[..5]),
            RegionLevel::Verband => format!("Gemeindeverband {}", &key[..9]),
            RegionLevel::Bund | RegionLevel::Gemeinde => key.to_string(),
        }
    }
}

/// The enclosing regions of a municipality key, nearest first, without the
/// Bund: the lookup chain minus the key itself and minus a Verband key that
/// stands for no real Gemeindeverband.
fn ancestors(ars: &Ars) -> Vec<Ars> {
    let real_verband = ars.as_str().as_bytes()[5] == b'5';
    ars.chain()
        .skip(1)
        .filter(|key| *key != Ars::BUND)
        .filter(|key| real_verband || key.level() != RegionLevel::Verband)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/official");

    fn fixture(name: &str) -> String {
        std::fs::read_to_string(format!("{FIXTURES}/{name}")).expect("fixture file")
    }

    /// The fixtures cut from the real lists: parts of Thüringen and Berlin.
    fn fixture_regions() -> OfficialRegions {
        let mut regions =
            OfficialRegions::from_ars_list(&fixture("ars.json"), "ars.json").expect("ars list");
        for name in [
            "laender.ndjson",
            "kreise.ndjson",
            "gemeindeverbaende.ndjson",
        ] {
            regions
                .add_gv100_names(&fixture(name), name)
                .expect("gv100 names");
        }
        regions
            .add_postcodes(&fixture("plz.csv"), "plz.csv")
            .expect("postcodes");
        regions
    }

    fn find<'a>(regions: &'a [Region], ars: &str) -> &'a Region {
        regions
            .iter()
            .find(|r| r.ars == ars)
            .unwrap_or_else(|| panic!("region {ars} missing"))
    }

    #[test]
    fn hierarchy_levels_parents_and_names() {
        let regions = fixture_regions().regions("").expect("regions");
        let cases: &[(&str, RegionLevel, Option<&str>, &str)] = &[
            ("110000000000", RegionLevel::Land, None, "Berlin, Stadt"),
            ("160000000000", RegionLevel::Land, None, "Thüringen"),
            (
                "160510000000",
                RegionLevel::Kreis,
                Some("160000000000"),
                "Erfurt, Stadt",
            ),
            (
                "160700000000",
                RegionLevel::Kreis,
                Some("160000000000"),
                "Ilm-Kreis",
            ),
            (
                "160705009000",
                RegionLevel::Verband,
                Some("160700000000"),
                "Riechheimer Berg",
            ),
            (
                "160705009001",
                RegionLevel::Gemeinde,
                Some("160705009000"),
                "Alkersleben",
            ),
            (
                "160700004004",
                RegionLevel::Gemeinde,
                Some("160700000000"),
                "Arnstadt, Stadt",
            ),
        ];
        for (ars, level, parent, name) in cases {
            let region = find(&regions, ars);
            assert_eq!(region.level, *level, "{ars}");
            assert_eq!(region.parent.as_deref(), *parent, "{ars}");
            assert_eq!(region.name, *name, "{ars}");
        }
    }

    #[test]
    fn no_region_for_verbandsfreie_gemeinden_or_duplicate_keys() {
        let regions = fixture_regions().regions("").expect("regions");
        assert!(regions.iter().all(|r| r.ars != "160700004000"));
        let keys: BTreeSet<&str> = regions.iter().map(|r| r.ars.as_str()).collect();
        assert_eq!(keys.len(), regions.len(), "a key occurs twice");
        let sorted = regions.windows(2).all(|w| w[0].ars < w[1].ars);
        assert!(sorted, "regions are not in ARS order");
    }

    #[test]
    fn districts_of_stadtstaaten_are_skipped() {
        let regions = fixture_regions().regions("11").expect("regions");
        let keys: Vec<&str> = regions.iter().map(|r| r.ars.as_str()).collect();
        assert_eq!(keys, ["110000000000"]);
    }

    #[test]
    fn postcodes_go_to_municipalities_sorted_and_padded() {
        let regions = fixture_regions().regions("").expect("regions");
        let alkersleben = find(&regions, "160705009001");
        assert_eq!(alkersleben.plz, ["99310"]);
        let erfurt = find(&regions, "160510000000");
        assert!(erfurt.plz.len() > 1);
        assert!(erfurt.plz.windows(2).all(|w| w[0] < w[1]));
        assert!(find(&regions, "160700000000").plz.is_empty());
        assert!(find(&regions, "160705009000").plz.is_empty());
    }

    #[test]
    fn leading_zeros_lost_in_spreadsheets_are_restored() {
        let list = r#"{"spalten":[{"spaltennameTechnisch":"SCHLUESSEL"},{"spaltennameTechnisch":"Bezeichnung"}],
            "daten":[["010010000000","Flensburg, Stadt"],["146120000000","Dresden, Stadt"]]}"#;
        let mut official =
            OfficialRegions::from_ars_list(list, "list.json").expect("fixture input is valid");
        let report = official
            .add_postcodes("ags,plz\n1001000,24937\n14612000,1067\n", "plz.csv")
            .expect("fixture input is valid");
        assert_eq!(report.rows_used, 2);
        let regions = official.regions("").expect("regions");
        assert_eq!(find(&regions, "010010000000").plz, ["24937"]);
        assert_eq!(find(&regions, "146120000000").plz, ["01067"]);
        assert_eq!(find(&regions, "140000000000").name, "Sachsen");
    }

    #[test]
    fn unknown_ags_are_reported_not_fatal() {
        let mut official = fixture_regions();
        let report = official
            .add_postcodes(
                "ags,plz\n16070001,99310\n99999999,12345\n99999999,12346\n",
                "x.csv",
            )
            .expect("fixture input is valid");
        assert_eq!(report.rows_used, 1);
        assert_eq!(report.unknown_ags, ["99999999"]);
    }

    #[test]
    fn within_restricts_and_drops_parents_outside() {
        let regions = fixture_regions().regions("16070").expect("regions");
        assert!(regions.iter().all(|r| r.ars.starts_with("16070")));
        assert_eq!(find(&regions, "160700000000").parent, None);
        assert!(fixture_regions().regions("16x").is_err());
        assert!(fixture_regions().regions("1234567890123").is_err());
    }

    #[test]
    fn fallback_names_without_gv100() {
        let official = OfficialRegions::from_ars_list(&fixture("ars.json"), "ars.json")
            .expect("fixture input is valid");
        let regions = official.regions("16").expect("regions");
        assert_eq!(find(&regions, "160000000000").name, "Thüringen");
        assert_eq!(find(&regions, "160700000000").name, "Kreis 16070");
        assert_eq!(
            find(&regions, "160705009000").name,
            "Gemeindeverband 160705009"
        );
        assert_eq!(official.version(), Some("2021-07-31"));
    }

    fn record_field(err: Error) -> (String, String, String) {
        match err {
            Error::Record {
                file,
                record,
                field,
                ..
            } => (file, record, field),
            other => panic!("expected a record error, got {other:?}"),
        }
    }

    #[test]
    fn malformed_ars_lists_name_row_and_field() {
        let spalten = r#""spalten":[{"spaltennameTechnisch":"SCHLUESSEL"},{"spaltennameTechnisch":"Bezeichnung"},{"spaltennameTechnisch":"Hinweis"}]"#;
        let cases = [
            (
                format!(
                    r#"{{{spalten},"daten":[["160510000000","Erfurt",null],["1605","Gera",null]]}}"#
                ),
                ("daten[1]", "SCHLUESSEL"),
            ),
            (
                format!(r#"{{{spalten},"daten":[["160510000000",null,null]]}}"#),
                ("daten[0]", "Bezeichnung"),
            ),
            (
                format!(
                    r#"{{{spalten},"daten":[["160510000000","A",null],["160510000000","B",null]]}}"#
                ),
                ("daten[1]", "SCHLUESSEL"),
            ),
            (
                r#"{"spalten":[{"spaltennameTechnisch":"CODE"}],"daten":[]}"#.to_string(),
                ("spalten", "spaltennameTechnisch"),
            ),
        ];
        for (json, (record, field)) in cases {
            let err = OfficialRegions::from_ars_list(&json, "list.json").expect_err("must fail");
            assert_eq!(
                record_field(err),
                ("list.json".into(), record.into(), field.into()),
                "{json}"
            );
        }
    }

    #[test]
    fn syntax_errors_carry_positions() {
        let err = OfficialRegions::from_ars_list("{\n \"spalten\": [,]}", "list.json")
            .expect_err("must fail");
        assert!(
            matches!(err, Error::Syntax { line: 2, ref file, .. } if file == "list.json"),
            "{err:?}"
        );
        let mut official = fixture_regions();
        let err = official
            .add_gv100_names(
                "{\"name\":\"A\",\"schlüssel\":{\"nummer\":\"16\"}}\n{oops\n",
                "k.ndjson",
            )
            .expect_err("must fail");
        assert!(matches!(err, Error::Syntax { line: 2, .. }), "{err:?}");
    }

    #[test]
    fn malformed_gv100_and_plz_rows_name_the_field() {
        let mut official = fixture_regions();
        let err = official
            .add_gv100_names(r#"{"name":"X","schlüssel":{"nummer":"1607"}}"#, "k.ndjson")
            .expect_err("must fail");
        assert_eq!(
            record_field(err),
            (
                "k.ndjson".into(),
                "line 1".into(),
                "schlüssel.nummer".into()
            )
        );
        let cases = [
            ("ags,plz\n16070001,99310\n1607,99310\n", "line 3", "ags"),
            ("ags,plz\n16070001,9931x\n", "line 2", "plz"),
            ("ort,plz\nErfurt,99084\n", "header", "ags"),
        ];
        for (csv, record, field) in cases {
            let err = official.add_postcodes(csv, "p.csv").expect_err("must fail");
            assert_eq!(
                record_field(err),
                ("p.csv".into(), record.into(), field.into()),
                "{csv}"
            );
        }
    }
}
