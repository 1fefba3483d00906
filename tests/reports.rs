//! `zufi diff` and `zufi coverage` on the Thüringen demo: what an editor
//! changes in a catalog is exactly what `diff` reports, and a removed
//! responsibility shows up as a hole in `coverage` (issue 11's "done means").

#![allow(clippy::unwrap_used)] // Test helpers may panic: a panic is a failed test.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::{json, Value};

fn zufi(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zufi"))
        .args(args)
        .output()
        .expect("the zufi binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn demo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("index/thueringen")
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn build(catalog: &Path, index: &Path) {
    let output = zufi(&["build", "-q", path(catalog), "-o", path(index)]);
    assert!(output.status.success(), "{}", text(&output.stderr));
}

/// A copy of the demo catalog folder in `dir`.
fn copy_demo(dir: &Path) -> PathBuf {
    let copy = dir.join("catalog");
    std::fs::create_dir(&copy).unwrap();
    for entry in std::fs::read_dir(demo()).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), copy.join(entry.file_name())).unwrap();
    }
    copy
}

fn read_json(file: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap()
}

fn write_json(file: &Path, value: &Value) {
    std::fs::write(file, serde_json::to_string_pretty(value).unwrap()).unwrap();
}

fn json_output(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}{}",
            text(&output.stdout),
            text(&output.stderr)
        )
    })
}

/// The municipalities without an authority of `role` for `service`, by ARS.
fn holes(coverage: &Value, service: &str, role: &str) -> Vec<String> {
    let entry = coverage["services"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["service"] == service && s["role"] == role)
        .unwrap_or_else(|| panic!("no coverage entry for {service} ({role})"));
    entry["uncovered"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["ars"].as_str().unwrap().to_string())
        .collect()
}

/// A responsibility whose removal leaves exactly one municipality without
/// its zuständige Stelle: at Gemeinde level, with no other assignment of the
/// role on that Gemeinde's chain, for an authority that stays referenced
/// (else the build leaves the authority out and it reads as removed too).
fn removable_responsibility(responsibilities: &[Value], regions: &[Value]) -> usize {
    let gemeinde = |ars: &str| {
        regions
            .iter()
            .any(|r| r["ars"] == ars && r["level"] == "gemeinde")
    };
    let is_authority = |r: &Value| {
        r["target"]["type"] == "authority"
            && r.get("role")
                .is_none_or(|role| role == "zustaendige_stelle")
    };
    (0..responsibilities.len())
        .find(|&i| {
            let candidate = &responsibilities[i];
            let region = candidate["region"].as_str().unwrap();
            let chain: Vec<String> = region
                .parse::<zufi::Ars>()
                .unwrap()
                .chain()
                .map(|a| a.to_string())
                .collect();
            let target = &candidate["target"]["id"];
            is_authority(candidate)
                && gemeinde(region)
                && responsibilities
                    .iter()
                    .enumerate()
                    .any(|(j, r)| j != i && &r["target"]["id"] == target)
                && !responsibilities.iter().enumerate().any(|(j, r)| {
                    j != i
                        && r["service"] == candidate["service"]
                        && is_authority(r)
                        && chain.iter().any(|key| r["region"] == key.as_str())
                })
        })
        .expect("the demo has a Gemeinde-level responsibility")
}

#[test]
fn diff_reports_exactly_the_editors_changes_and_coverage_the_hole() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = copy_demo(dir.path());
    let old = dir.path().join("old.zufi");
    build(&catalog, &old);

    // A service added.
    let services_file = catalog.join("services.json");
    let mut services = read_json(&services_file);
    services["services"].as_array_mut().unwrap().push(json!({
        "id": "th-test-neu",
        "name": "Testleistung für den Diff"
    }));
    write_json(&services_file, &services);
    // An authority's address changed.
    let authorities_file = catalog.join("authorities.json");
    let mut authorities = read_json(&authorities_file);
    let authority = authorities["authorities"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|a| a["address"]["street"].is_string())
        .unwrap();
    authority["address"]["street"] = json!("Neue Straße");
    let moved = authority["id"].as_str().unwrap().to_string();
    write_json(&authorities_file, &authorities);
    // A responsibility removed.
    let regions = read_json(&catalog.join("regions.json"))["regions"]
        .as_array()
        .unwrap()
        .clone();
    let responsibilities_file = catalog.join("responsibilities.json");
    let mut responsibilities = read_json(&responsibilities_file);
    let list = responsibilities["responsibilities"].as_array_mut().unwrap();
    let removed = list.remove(removable_responsibility(list, &regions));
    write_json(&responsibilities_file, &responsibilities);
    let service = removed["service"].as_str().unwrap();
    let gemeinde = removed["region"].as_str().unwrap();
    let gemeinde_name = regions.iter().find(|r| r["ars"] == gemeinde).unwrap()["name"].clone();

    let new = dir.path().join("new.zufi");
    build(&catalog, &new);

    let output = zufi(&["diff", "--json", path(&old), path(&new)]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    let no_records = json!({"added": [], "removed": [], "changed": []});
    assert_eq!(
        json_output(&output),
        json!({
            "services": {"added": ["th-test-neu"], "removed": [], "changed": []},
            "authorities": {"added": [], "removed": [],
                            "changed": [{"id": moved, "fields": ["address.street"]}]},
            "online_services": no_records,
            "forms": no_records,
            "responsibilities": {"added": [], "removed": [{
                "service": service, "region": gemeinde, "kind": "authority",
                "role": "zustaendige_stelle", "target": removed["target"]["id"]}]},
            "lost": [{"service": service, "role": "zustaendige_stelle",
                      "region": {"ars": gemeinde, "name": gemeinde_name}}],
            "changed": true
        })
    );

    // The same, for editors: the catalog folder is built in memory.
    let output = zufi(&["diff", path(&old), path(&catalog)]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    let report = text(&output.stdout);
    for expected in [
        "services: 1 added, 0 removed, 0 changed\n  + th-test-neu\n".to_string(),
        format!("  ~ {moved}: address.street\n"),
        format!(
            "  - {service} in {gemeinde}: authority {} as zuständige Stelle\n",
            removed["target"]["id"].as_str().unwrap()
        ),
        format!(
            "  {service} (zuständige Stelle): 1 municipality\n    {gemeinde} {}\n",
            gemeinde_name.as_str().unwrap()
        ),
    ] {
        assert!(report.contains(&expected), "{expected:?} not in:\n{report}");
    }
    assert!(!report.contains("online services:"), "{report}");

    // Coverage: the hole that was made, and the new service everywhere.
    let before = json_output(&zufi(&["coverage", "--json", path(&old)]));
    let after = json_output(&zufi(&["coverage", "--json", path(&new)]));
    let mut expected = holes(&before, service, "zustaendige_stelle");
    assert!(!expected.contains(&gemeinde.to_string()));
    expected.push(gemeinde.to_string());
    expected.sort();
    assert_eq!(holes(&after, service, "zustaendige_stelle"), expected);
    assert_eq!(
        holes(&after, "th-test-neu", "zustaendige_stelle").len() as u64,
        after["municipalities"].as_u64().unwrap()
    );
    let csv = text(&zufi(&["coverage", "--csv", path(&new)]).stdout);
    assert!(
        csv.contains(&format!("{service},"))
            && csv.contains(&format!(",zustaendige_stelle,{gemeinde},")),
        "{csv}"
    );
}

#[test]
fn the_same_catalog_as_index_catalog_and_shards_has_no_changes() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("th.zufi");
    build(&demo(), &index);
    let shards = dir.path().join("shards");
    let output = zufi(&["build", "-q", path(&demo()), "--shards", path(&shards)]);
    assert!(output.status.success(), "{}", text(&output.stderr));

    for (old, new) in [
        (index.clone(), demo()),
        (index.clone(), shards.clone()),
        (shards.join("manifest.json"), index.clone()),
    ] {
        let output = zufi(&["diff", path(&old), path(&new)]);
        assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
        assert!(
            text(&output.stdout).starts_with("no changes from "),
            "{}",
            text(&output.stdout)
        );
    }
    let output = zufi(&["diff", "--json", path(&index), path(&demo())]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(json_output(&output)["changed"], false);
}

#[test]
fn diff_errors_exit_2_so_that_they_are_not_read_as_changes() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("th.zufi");
    build(&demo(), &index);
    let missing = dir.path().join("missing.zufi");
    let output = zufi(&["diff", path(&index), path(&missing)]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text(&output.stderr).contains("cannot read")
            && text(&output.stderr).contains("missing.zufi"),
        "{}",
        text(&output.stderr)
    );

    // A catalog with errors is not built behind the editor's back.
    let broken = dir.path().join("broken.json");
    std::fs::write(
        &broken,
        r#"{"services": [{"id": "s", "name": "S"}],
            "responsibilities": [{"service": "s", "region": "160510000000",
                                  "target": {"type": "authority", "id": "nobody"}}]}"#,
    )
    .unwrap();
    let output = zufi(&["diff", path(&index), path(&broken)]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text(&output.stderr).contains("zufi validate"),
        "{}",
        text(&output.stderr)
    );
}

#[test]
fn coverage_table_counts_holes_per_service_and_role() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = dir.path().join("catalog.json");
    std::fs::write(
        &catalog,
        r#"{
          "regions": [
            {"ars": "160700000000", "name": "Ilm-Kreis", "level": "kreis"},
            {"ars": "160700004004", "name": "Arnstadt, Stadt", "level": "gemeinde", "parent": "160700000000"},
            {"ars": "160705009001", "name": "Alkersleben", "level": "gemeinde", "parent": "160700000000"}],
          "services": [{"id": "hund", "name": "Hundesteuer"}, {"id": "pass", "name": "Reisepass"}],
          "authorities": [{"id": "stadt", "name": "Stadt Arnstadt"}, {"id": "lra", "name": "Landratsamt"}],
          "responsibilities": [
            {"service": "hund", "region": "160700004004", "target": {"type": "authority", "id": "stadt"}},
            {"service": "pass", "region": "160700000000", "target": {"type": "authority", "id": "lra"}}]
        }"#,
    )
    .unwrap();
    let output = zufi(&["coverage", path(&catalog)]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let table = text(&output.stdout);
    assert!(
        table.contains(
            "1 of 2 services lack a responsible authority in some of the 2 municipalities"
        ),
        "{table}"
    );
    let row = |table: &str, id: &str| -> Vec<String> {
        table
            .lines()
            .find(|line| line.starts_with(&format!("{id} ")))
            .map(|line| line.split_whitespace().map(String::from).collect())
            .unwrap_or_default()
    };
    assert_eq!(
        row(&table, "hund"),
        ["hund", "1", "–", "Hundesteuer"],
        "{table}"
    );
    // The counts end under the end of their heading, in characters.
    let end_of = |line: &str, what: &str| {
        let at = line.find(what).unwrap() + what.len();
        line[..at].chars().count()
    };
    let heading = table.lines().find(|l| l.starts_with("service")).unwrap();
    let line = table.lines().find(|l| l.starts_with("hund ")).unwrap();
    assert_eq!(end_of(heading, "Stelle"), end_of(line, "1"), "{table}");
    assert_eq!(
        end_of(heading, "Ansprechpunkt"),
        end_of(line, "–"),
        "{table}"
    );
    assert!(!table.contains("Reisepass"), "{table}");
    let all = text(&zufi(&["coverage", "--all", path(&catalog)]).stdout);
    assert_eq!(row(&all, "pass"), ["pass", "0", "–", "Reisepass"], "{all}");
    let csv = text(&zufi(&["coverage", "--csv", path(&catalog)]).stdout);
    assert_eq!(
        csv,
        "service,service_name,role,ars,municipality\nhund,Hundesteuer,zustaendige_stelle,160705009001,Alkersleben\n"
    );
}

#[test]
fn a_reader_that_stops_early_ends_diff_quietly() {
    use std::io::Read;
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("th.zufi");
    build(&demo(), &index);
    let empty = dir.path().join("empty.json");
    std::fs::write(&empty, r#"{"services": []}"#).unwrap();
    // Every service of the demo is removed: more lines than a pipe buffers.
    let mut child = Command::new(env!("CARGO_BIN_EXE_zufi"))
        .args(["diff", path(&index), path(&empty)])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 13];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // The pipe is closed here, with most of the report unread.
    let output = child.wait_with_output().unwrap();
    assert_eq!(text(&first), "changes from ");
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(text(&output.stderr), "");
}
