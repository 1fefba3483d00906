//! The `zufi` binary on good and bad input: exit codes, messages, and that a
//! failed build leaves no output file behind.

#![allow(clippy::unwrap_used)] // Test helpers may panic: a panic is a failed test.

use std::path::Path;
use std::process::{Command, Output};

fn zufi(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zufi"))
        .args(args)
        .output()
        .expect("the zufi binary runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// `catalog` written to `catalog.json` in a new folder and built into
/// `out.zufi` there: the folder (deleted when dropped) and the index path.
fn built(catalog: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "catalog.json", catalog);
    let index = dir.path().join("out.zufi");
    build_quietly(dir.path(), &index);
    (dir, index)
}

/// `zufi build -q catalog -o index`, which must succeed.
fn build_quietly(catalog: &Path, index: &Path) {
    let output = zufi(&[
        "build",
        "-q",
        catalog.to_str().unwrap(),
        "-o",
        index.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
}

fn write(dir: &Path, file: &str, text: &str) {
    std::fs::write(dir.join(file), text).unwrap();
}

const GOOD: &str = r#"{
  "regions": [{"ars": "160510000000", "name": "Erfurt, Stadt", "level": "kreis", "plz": ["99084", "99085"]}],
  "services": [{"id": "s1", "name": "Hundesteuer - Anmeldung"}],
  "authorities": [{"id": "a1", "name": "Stadtverwaltung Erfurt",
                   "address": {"street": "Fischmarkt", "house_no": "1", "plz": "99084", "city": "Erfurt"}}],
  "responsibilities": [{"service": "s1", "region": "160510000000", "target": {"type": "authority", "id": "a1"}}]
}"#;

#[test]
fn a_good_catalog_builds_and_searches() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "catalog.json", GOOD);
    let index = dir.path().join("out.zufi");
    let build = zufi(&[
        "build",
        dir.path().to_str().unwrap(),
        "-o",
        index.to_str().unwrap(),
    ]);
    assert!(build.status.success(), "{}", stderr(&build));
    assert!(
        stderr(&build).contains("1 services"),
        "summary: {}",
        stderr(&build)
    );

    let search = zufi(&[
        "search",
        "--index",
        index.to_str().unwrap(),
        "--plz",
        "99084",
        "--json",
        "hundestuer",
    ]);
    assert!(search.status.success(), "{}", stderr(&search));
    let hits: serde_json::Value = serde_json::from_slice(&search.stdout).unwrap();
    assert_eq!(hits[0]["id"], "s1");
    assert_eq!(hits[0]["responsible"][0]["name"], "Stadtverwaltung Erfurt");
    assert_eq!(hits[0]["responsible"][0]["address"]["street"], "Fischmarkt");
    assert!(hits[0]["score"].as_u64().unwrap() > 0);

    let typo = zufi(&["search", "--index", index.to_str().unwrap(), "anmledng"]);
    let typo = String::from_utf8_lossy(&typo.stdout);
    assert!(
        typo.contains("no services found") && typo.contains("did you mean: Anmeldung"),
        "{typo}"
    );

    let explain = zufi(&[
        "search",
        "--index",
        index.to_str().unwrap(),
        "--explain",
        "hundesteuern",
        "anmeld",
    ]);
    let explain = String::from_utf8_lossy(&explain.stdout);
    for line in [
        "\"hundesteuern\" → \"hundesteuer\" (stem in name)",
        "\"anmeld\" → \"anmeldung\" (word in name, as prefix)",
        "meaning 2 · typos 0 · transliterated 0 · gaps 0 · field weight 0 · derived 1 · prefixes 1",
    ] {
        assert!(explain.contains(line), "{line:?} missing in:\n{explain}");
    }

    let inspect = zufi(&["inspect", index.to_str().unwrap()]);
    assert!(inspect.status.success());
    let report = String::from_utf8_lossy(&inspect.stdout);
    assert!(
        report.contains("format version  2") && report.contains("postings"),
        "{report}"
    );
}

fn assert_build_fails(files: &[(&str, &str)], expected: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let catalog = dir.path().join("catalog");
    std::fs::create_dir(&catalog).unwrap();
    for (name, text) in files {
        write(&catalog, name, text);
    }
    let index = dir.path().join("out.zufi");
    let build = zufi(&[
        "build",
        catalog.to_str().unwrap(),
        "-o",
        index.to_str().unwrap(),
    ]);
    assert_eq!(build.status.code(), Some(1), "{}", stderr(&build));
    for needle in expected {
        assert!(
            stderr(&build).contains(needle),
            "{needle:?} missing in: {}",
            stderr(&build)
        );
    }
    assert!(!stderr(&build).contains("panicked"));
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, ["catalog"], "a failed build leaves nothing behind");
}

#[test]
fn a_catalog_saved_with_a_byte_order_mark_builds() {
    let (_dir, index) = built(&format!("\u{feff}{GOOD}"));
    assert!(index.exists());
}

#[test]
fn a_dangling_reference_fails_the_build_naming_the_record() {
    let dangling = GOOD.replace(r#""id": "a1"}}]"#, r#""id": "a2"}}]"#);
    assert_build_fails(
        &[("catalog.json", &dangling)],
        &["catalog.json", "target.id", "a2"],
    );
}

#[test]
fn a_duplicate_id_fails_the_build_naming_both_files() {
    let second = r#"{"services": [{"id": "s1", "name": "Hundesteuer - Abmeldung"}]}"#;
    assert_build_fails(
        &[("a.json", GOOD), ("b.json", second)],
        &["s1", "a.json", "b.json"],
    );
}

#[test]
fn broken_json_fails_the_build_with_line_and_column() {
    let broken = GOOD.replace(
        r#""name": "Hundesteuer - Anmeldung""#,
        r#""name": "Hundesteuer - Anmeldung"#,
    );
    assert_build_fails(&[("catalog.json", &broken)], &["catalog.json:"]);
}

#[test]
fn damaged_or_foreign_index_files_are_rejected_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "catalog.json", GOOD);
    let index = dir.path().join("out.zufi");
    assert!(zufi(&[
        "build",
        "-q",
        dir.path().join("catalog.json").to_str().unwrap(),
        "-o",
        index.to_str().unwrap()
    ])
    .status
    .success());
    let bytes = std::fs::read(&index).unwrap();

    let cases: [(&str, Vec<u8>, &str); 3] = [
        (
            "truncated.zufi",
            bytes[..bytes.len() / 2].to_vec(),
            "truncated",
        ),
        (
            "foreign.zufi",
            b"<html>not an index</html>".to_vec(),
            "not a zufi index",
        ),
        (
            "newer.zufi",
            [&bytes[..8], &[9, 0], &bytes[10..]].concat(),
            "version 9",
        ),
    ];
    for (name, damaged, message) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, damaged).unwrap();
        for args in [
            vec!["search", "--index", path.to_str().unwrap(), "hund"],
            vec!["inspect", path.to_str().unwrap()],
        ] {
            let output = zufi(&args);
            assert_eq!(output.status.code(), Some(1), "{name}");
            assert!(
                stderr(&output).contains(message),
                "{name}: {}",
                stderr(&output)
            );
            assert!(!stderr(&output).contains("panicked"), "{name}");
        }
    }
}

/// Issue 13, finding 9: the CLI read a whole stream before looking at the
/// header (`--index /dev/zero` read 4.1 GB in 10 s). It reads the header,
/// then at most the length the header declares.
#[cfg(unix)]
#[test]
fn index_streams_are_read_no_further_than_their_header_declares() {
    use std::io::Write;
    use std::process::Stdio;

    for args in [
        vec!["search", "--index", "/dev/zero", "hund"],
        vec!["inspect", "/dev/zero"],
        vec![
            "eval",
            "tests/relevance/queries.tsv",
            "--index",
            "/dev/zero",
            "--catalog",
            "berlin",
        ],
    ] {
        let output = zufi(&args);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        assert!(
            stderr(&output).contains("cannot open /dev/zero: not a zufi index"),
            "{}",
            stderr(&output)
        );
    }

    // A stream with a real header that goes on past its declared length.
    let (_dir, index) = built(GOOD);
    let bytes = std::fs::read(&index).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_zufi"))
        .args(["search", "--index", "/dev/stdin", "hund"])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let feeder = std::thread::spawn(move || {
        // Fails with a broken pipe once zufi has stopped reading, well before the end.
        let _ = stdin.write_all(&bytes);
        for _ in 0..10_000 {
            if stdin.write_all(&[0; 64 * 1024]).is_err() {
                return false;
            }
        }
        true
    });
    let output = child.wait_with_output().unwrap();
    let wrote_everything = feeder.join().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("more bytes follow"),
        "{}",
        stderr(&output)
    );
    assert!(
        !wrote_everything,
        "zufi read 640 MB past the declared end of the index"
    );
}

#[test]
fn bad_place_arguments_are_explained() {
    let (_dir, index) = built(GOOD);
    let index = index.to_str().unwrap();
    for (args, message) in [
        (vec!["--ars", "1605"], "12 digits"),
        (vec!["--plz", "9908"], "5 digits"),
        (
            vec!["--plz", "10115"],
            "postcode 10115 is not in this index",
        ),
    ] {
        let mut all = vec!["search", "--index", index];
        all.extend(args);
        all.push("hund");
        let output = zufi(&all);
        assert_eq!(output.status.code(), Some(1));
        assert!(stderr(&output).contains(message), "{}", stderr(&output));
    }
}

#[test]
fn output_through_a_link_or_into_a_pipe_keeps_the_link_and_the_pipe() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "catalog.json", GOOD);
    let catalog = dir.path().join("catalog.json");

    // A symbolic link: the file it points to gets the index, the link stays a link.
    let target = dir.path().join("target.zufi");
    std::fs::write(&target, b"old").unwrap();
    let link = dir.path().join("link.zufi");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    build_quietly(&catalog, &link);
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(std::fs::read(&target).unwrap().starts_with(b"ZUFIIDX"));

    // A link to a file that does not exist yet: the file is created, the link stays.
    let dangling = dir.path().join("dangling.zufi");
    std::os::unix::fs::symlink("new.zufi", &dangling).unwrap();
    build_quietly(&catalog, &dangling);
    assert!(std::fs::symlink_metadata(&dangling)
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(std::fs::read(dir.path().join("new.zufi"))
        .unwrap()
        .starts_with(b"ZUFIIDX"));

    // A named pipe (as /dev/null or /dev/stdout are not files either): written to, not replaced.
    let fifo = dir.path().join("pipe");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read(fifo).unwrap())
    };
    build_quietly(&catalog, &fifo);
    assert!(reader.join().unwrap().starts_with(b"ZUFIIDX"));
    use std::os::unix::fs::FileTypeExt;
    assert!(std::fs::symlink_metadata(&fifo)
        .unwrap()
        .file_type()
        .is_fifo());
}

#[test]
fn a_catalog_thesaurus_adds_and_disables_entries_and_names_its_file_on_error() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "catalog.json", GOOD);
    let index = dir.path().join("out.zufi");
    let build = |dir: &Path| {
        zufi(&[
            "build",
            "-q",
            dir.to_str().unwrap(),
            "-o",
            index.to_str().unwrap(),
        ])
    };
    // (id, how the query's first word matched) of each hit.
    let search = |query: &str| {
        let output = zufi(&[
            "search",
            "--index",
            index.to_str().unwrap(),
            "--json",
            query,
        ]);
        let hits: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        hits.as_array()
            .unwrap()
            .iter()
            .map(|h| {
                let id = h["id"].as_str().unwrap().to_string();
                (
                    id,
                    h["matches"][0]["derivation"].as_str().unwrap().to_string(),
                )
            })
            .collect::<Vec<_>>()
    };
    let synonym = |id: &str| (id.to_string(), "thesaurus synonym".to_string());

    // The default thesaurus knows "hundemarke" for the dog tax.
    assert!(build(dir.path()).status.success());
    assert_eq!(search("hundemarke "), [synonym("s1")]);

    // The catalog's own file adds a local word and switches the default entry off.
    write(
        dir.path(),
        "thesaurus.tsv",
        "term\trelation\ttargets\tsource\tnote\nwauwausteuer\t>\thundesteuer\tRedaktion\t\nhundemarke\t!\t\tRedaktion\t\n",
    );
    assert!(build(dir.path()).status.success());
    assert_eq!(search("wauwausteuer "), [synonym("s1")]);
    assert!(
        !search("hundemarke ").contains(&synonym("s1")),
        "the disabled entry no longer makes it a synonym"
    );

    // Disabling a term the default thesaurus does not have is an error naming the file.
    write(
        dir.path(),
        "thesaurus.tsv",
        "gibtsnicht\t!\t\tRedaktion\t\n",
    );
    let failed = build(dir.path());
    assert_eq!(failed.status.code(), Some(1));
    assert!(
        stderr(&failed).contains("thesaurus.tsv") && stderr(&failed).contains("gibtsnicht"),
        "{}",
        stderr(&failed)
    );
}

#[test]
fn build_summarises_many_warnings_and_validate_lists_them_all() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "catalog.json", GOOD);
    // Fifteen services no responsibility names: a warning each.
    let services: Vec<String> = (0..15)
        .map(|i| format!(r#"{{"id": "w{i}", "name": "Warnung {i}"}}"#))
        .collect();
    write(
        dir.path(),
        "more.json",
        &format!(r#"{{"services": [{}]}}"#, services.join(",")),
    );
    let index = dir.path().join("out.zufi");
    let build = zufi(&[
        "build",
        dir.path().to_str().unwrap(),
        "-o",
        index.to_str().unwrap(),
    ]);
    assert!(build.status.success(), "{}", stderr(&build));
    assert!(
        stderr(&build).contains("… and 5 more warning(s)"),
        "{}",
        stderr(&build)
    );
    let validate = zufi(&["validate", dir.path().to_str().unwrap()]);
    assert!(validate.status.success());
    assert_eq!(
        stderr(&validate)
            .matches("no responsibility names this service")
            .count(),
        15
    );
    let quiet = zufi(&[
        "build",
        "-q",
        dir.path().to_str().unwrap(),
        "-o",
        index.to_str().unwrap(),
    ]);
    assert!(stderr(&quiet).is_empty(), "{}", stderr(&quiet));
}

#[test]
fn build_refuses_to_write_its_index_over_the_catalog() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "c.json", GOOD);
    let folder = dir.path().join("catalog");
    std::fs::create_dir(&folder).unwrap();
    write(&folder, "services.json", GOOD);
    std::os::unix::fs::symlink(dir.path().join("c.json"), dir.path().join("link.zufi")).unwrap();
    let in_dir = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_zufi"))
            .args(args)
            .current_dir(dir.path())
            .output()
            .unwrap()
    };
    for (args, message) in [
        // The same file under another spelling, and through a link.
        (
            ["build", "c.json", "-o", "./c.json"],
            "is the catalog file c.json itself",
        ),
        (
            ["build", "./c.json", "-o", "link.zufi"],
            "is the catalog file ./c.json itself",
        ),
        // A file of a catalog folder, and a new file the next build would read.
        (
            ["build", "catalog", "-o", "catalog/../catalog/services.json"],
            "is a file of the catalog folder catalog",
        ),
        (
            ["build", "catalog/", "-o", "catalog/index.json"],
            "the next build would read the binary index as part of the catalog",
        ),
    ] {
        let output = in_dir(&args);
        assert_eq!(
            output.status.code(),
            Some(1),
            "{args:?}: {}",
            stderr(&output)
        );
        assert!(
            stderr(&output).contains(message) && stderr(&output).contains("-o "),
            "{args:?}: {}",
            stderr(&output)
        );
    }
    assert_eq!(
        std::fs::read_to_string(dir.path().join("c.json")).unwrap(),
        GOOD
    );
    assert_eq!(
        std::fs::read_to_string(folder.join("services.json")).unwrap(),
        GOOD
    );
    assert!(!folder.join("index.json").exists());

    // An index file next to the catalog, or in its folder under a name zufi does not read, is fine.
    for args in [
        ["build", "-q", "c.json", "-o", "c.zufi"],
        ["build", "-q", "catalog", "-o", "catalog/index.zufi"],
    ] {
        let output = in_dir(&args);
        assert!(output.status.success(), "{args:?}: {}", stderr(&output));
    }
}

#[test]
fn import_refuses_to_write_over_its_input() {
    let dir = tempfile::tempdir().unwrap();
    let list = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/official/ars.json");
    let copy = dir.path().join("ars.json");
    std::fs::copy(&list, &copy).unwrap();
    let output = zufi(&[
        "import",
        "regions",
        "--ars-list",
        copy.to_str().unwrap(),
        "-o",
        copy.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("is the ARS list"),
        "{}",
        stderr(&output)
    );
    assert_eq!(std::fs::read(&copy).unwrap(), std::fs::read(&list).unwrap());
}

/// The write end of a pipe whose reader has already gone, like `| head -1`
/// after its line: the standard input of `true` once it has exited.
fn closed_pipe() -> std::process::Stdio {
    let mut reader = Command::new("true")
        .stdin(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let write_end = reader.stdin.take().unwrap();
    reader.wait().unwrap();
    std::process::Stdio::from(write_end)
}

#[test]
fn a_reader_that_stops_early_ends_the_output_quietly() {
    let (dir, index) = built(GOOD);
    let catalog = dir.path().join("catalog.json");
    let index = index.to_str().unwrap();
    for args in [
        vec!["search", "--index", index, "--plz", "99084", "hund"],
        vec!["search", "--index", index, "--json", "hund"],
        vec!["search", "--index", index, "gibtsnicht"],
        vec!["inspect", index],
        vec!["validate", catalog.to_str().unwrap()],
    ] {
        let output = Command::new(env!("CARGO_BIN_EXE_zufi"))
            .args(&args)
            .stdout(closed_pipe())
            .output()
            .unwrap();
        assert_eq!(
            output.status.code(),
            Some(0),
            "{args:?}: {}",
            stderr(&output)
        );
        assert!(
            !stderr(&output).contains("panicked") && !stderr(&output).contains("Broken pipe"),
            "{args:?}: {}",
            stderr(&output)
        );
    }
    // A real error is still one.
    let output = Command::new(env!("CARGO_BIN_EXE_zufi"))
        .args(["inspect", catalog.to_str().unwrap()])
        .stdout(closed_pipe())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("not a zufi index"),
        "{}",
        stderr(&output)
    );
}

/// Two municipalities sharing the postcode 99310, each with its own office.
const SHARED_POSTCODE: &str = r#"{
  "regions": [
    {"ars": "160000000000", "name": "Thüringen", "level": "land"},
    {"ars": "160700000000", "name": "Ilm-Kreis", "level": "kreis", "parent": "160000000000"},
    {"ars": "160700004004", "name": "Arnstadt, Stadt", "level": "gemeinde", "parent": "160700000000", "plz": ["99310", "99334"]},
    {"ars": "160705009000", "name": "Riechheimer Berg", "level": "verband", "parent": "160700000000"},
    {"ars": "160705009001", "name": "Alkersleben", "level": "gemeinde", "parent": "160705009000", "plz": ["99310"]}
  ],
  "services": [{"id": "s1", "name": "Hundesteuer - Anmeldung"}],
  "authorities": [
    {"id": "arnstadt", "name": "Stadtverwaltung Arnstadt"},
    {"id": "vg", "name": "VG Riechheimer Berg"}
  ],
  "responsibilities": [
    {"service": "s1", "region": "160700004004", "target": {"type": "authority", "id": "arnstadt"}},
    {"service": "s1", "region": "160705009000", "target": {"type": "authority", "id": "vg"}}
  ]
}"#;

#[test]
fn unknown_places_are_errors_naming_the_nearest_known_one() {
    let (_dir, index) = built(SHARED_POSTCODE);
    let search = |place: &[&str]| {
        let mut args = vec!["search", "--index", index.to_str().unwrap()];
        args.extend(place);
        args.push("hund");
        zufi(&args)
    };
    for (place, messages) in [
        (
            ["--ars", "160705009099"],
            &[
                "region 160705009099 is not in this index's region table",
                "the nearest enclosing region in it is Riechheimer Berg (160705009000)",
            ][..],
        ),
        (
            ["--ars", "170000000001"],
            &["no region in it encloses this key", "Thüringen (160000000000)"][..],
        ),
        (
            ["--plz", "99311"],
            &[
                "postcode 99311 is not in this index's region table",
                "the nearest postcodes in it are 99310 (Arnstadt, Stadt, Alkersleben) and 99334 (Arnstadt, Stadt)",
            ][..],
        ),
    ] {
        let output = search(&place);
        assert_eq!(output.status.code(), Some(1), "{place:?}: {}", stderr(&output));
        for message in messages {
            assert!(
                stderr(&output).contains(message),
                "{place:?}: {message:?} missing in {}",
                stderr(&output)
            );
        }
    }
    // A key in the table works as before.
    let known = search(&["--ars", "160705009001"]);
    assert!(known.status.success(), "{}", stderr(&known));
    // Each office with its role and the region it is responsible for.
    assert!(
        String::from_utf8_lossy(&known.stdout)
            .contains("→ VG Riechheimer Berg (zuständige Stelle for Riechheimer Berg)"),
        "{}",
        String::from_utf8_lossy(&known.stdout)
    );
}

#[test]
fn a_postcode_search_says_which_municipalities_each_office_serves() {
    let (_dir, index) = built(SHARED_POSTCODE);
    let output = zufi(&[
        "search",
        "--index",
        index.to_str().unwrap(),
        "--plz",
        "99310",
        "hund",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.contains(
            "→ Stadtverwaltung Arnstadt (zuständige Stelle for Arnstadt, Stadt)\n        for Arnstadt, Stadt\n"
        ) && text.contains(
            "→ VG Riechheimer Berg (zuständige Stelle for Riechheimer Berg)\n        for Alkersleben\n"
        ),
        "{text}"
    );
}

#[test]
fn hidden_files_and_lock_files_in_a_catalog_folder_are_skipped_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = dir.path().join("catalog");
    std::fs::create_dir_all(catalog.join(".vscode")).unwrap();
    write(&catalog, "catalog.json", GOOD);
    // macOS AppleDouble resource data and an Excel owner file: binary, not catalogs.
    std::fs::write(
        catalog.join("._catalog.json"),
        b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X",
    )
    .unwrap();
    std::fs::write(catalog.join("~$leika.csv"), b"\x0bRedaktion\x00\x00\x00").unwrap();
    write(
        &catalog.join(".vscode"),
        "settings.json",
        r#"{"editor.tabSize": 2}"#,
    );
    let index = dir.path().join("out.zufi");
    let build = zufi(&[
        "build",
        catalog.to_str().unwrap(),
        "-o",
        index.to_str().unwrap(),
    ]);
    assert!(build.status.success(), "{}", stderr(&build));
    let validate = zufi(&["validate", catalog.to_str().unwrap()]);
    assert!(validate.status.success(), "{}", stderr(&validate));
    for output in [&build, &validate] {
        let text = stderr(output);
        assert!(
            text.contains("warning: ._catalog.json: skipped, a hidden macOS metadata file")
                && text.contains("warning: ~$leika.csv: skipped, an Excel lock file (Excel keeps it while leika.csv is open)"),
            "{text}"
        );
        assert!(
            !text.contains(".vscode"),
            "hidden folders are left out silently: {text}"
        );
    }
}

/// A child process that a failed test does not leave running.
struct KillOnDrop(std::process::Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Temporary files (`.tmpXXXXXX`) in `dir`.
fn temporary_files(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".tmp"))
        .collect()
}

#[test]
fn an_interrupted_build_removes_its_temporary_file_and_keeps_the_old_index() {
    use std::os::unix::process::ExitStatusExt;

    let dir = tempfile::tempdir().unwrap();
    let small = dir.path().join("small");
    std::fs::create_dir(&small).unwrap();
    write(&small, "catalog.json", GOOD);
    // A catalog large enough that its build is still running when the signal comes.
    let large = dir.path().join("large");
    std::fs::create_dir(&large).unwrap();
    let services: Vec<String> = (0..20_000)
        .map(|i| {
            format!(
                r#"{{"id": "s{i}", "name": "Leistung {i} Hundesteuer Anmeldung Nummer{i}", "teaser": "Wer einen Hund hält, meldet ihn an. Fall {i}.", "synonyms": ["Hundemarke{i}", "Steuer{i}"]}}"#
            )
        })
        .collect();
    let responsibilities: Vec<String> = (0..20_000)
        .map(|i| format!(r#"{{"service": "s{i}", "region": "160510000000", "target": {{"type": "authority", "id": "a1"}}}}"#))
        .collect();
    write(
        &large,
        "catalog.json",
        &format!(
            r#"{{"regions": [{{"ars": "160510000000", "name": "Erfurt, Stadt", "level": "kreis", "plz": ["99084"]}}],
                "authorities": [{{"id": "a1", "name": "Stadtverwaltung Erfurt", "address": {{"street": "Fischmarkt", "plz": "99084", "city": "Erfurt"}}}}],
                "services": [{}], "responsibilities": [{}]}}"#,
            services.join(",\n"),
            responsibilities.join(",\n")
        ),
    );

    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let index = out.join("index.zufi");
    for (signal, name) in [(15, "TERM"), (2, "INT")] {
        build_quietly(&small, &index);
        let old = std::fs::read(&index).unwrap();

        let mut child = KillOnDrop(
            Command::new(env!("CARGO_BIN_EXE_zufi"))
                .args([
                    "build",
                    "-q",
                    large.to_str().unwrap(),
                    "-o",
                    index.to_str().unwrap(),
                ])
                .stderr(std::process::Stdio::null())
                .spawn()
                .unwrap(),
        );
        // Signal the build while its temporary output file exists.
        let started = std::time::Instant::now();
        while temporary_files(&out).is_empty() {
            assert!(
                child.0.try_wait().unwrap().is_none(),
                "SIG{name}: the build ended before its temporary file was seen"
            );
            assert!(
                started.elapsed().as_secs() < 30,
                "SIG{name}: no temporary file after 30 seconds"
            );
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
        let kill = Command::new("kill")
            .args([format!("-{name}"), child.0.id().to_string()])
            .status()
            .unwrap();
        assert!(kill.success());
        let status = child.0.wait().unwrap();
        assert_eq!(status.signal(), Some(signal), "SIG{name}: {status:?}");
        assert_eq!(temporary_files(&out), Vec::<String>::new(), "SIG{name}");
        assert_eq!(
            std::fs::read(&index).unwrap(),
            old,
            "SIG{name}: the old index is intact"
        );
    }

    // A signal the build was started ignoring (as under `nohup`) stays ignored.
    let mut child = KillOnDrop(
        Command::new("sh")
            .args([
                "-c",
                "trap '' HUP; exec \"$0\" build -q \"$1\" -o \"$2\"",
                env!("CARGO_BIN_EXE_zufi"),
                large.to_str().unwrap(),
                index.to_str().unwrap(),
            ])
            .spawn()
            .unwrap(),
    );
    let started = std::time::Instant::now();
    while temporary_files(&out).is_empty() {
        assert!(child.0.try_wait().unwrap().is_none() && started.elapsed().as_secs() < 30);
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    let pid = child.0.id().to_string();
    assert!(Command::new("kill")
        .args(["-HUP", &pid])
        .status()
        .unwrap()
        .success());
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert!(
        child.0.try_wait().unwrap().is_none(),
        "SIGHUP ended a build started under nohup"
    );
    assert!(Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap()
        .success());
    assert_eq!(child.0.wait().unwrap().signal(), Some(15));
    assert_eq!(temporary_files(&out), Vec::<String>::new());
}

/// The shard files (`*.zufi`) in `dir`, sorted.
fn shard_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".zufi"))
        .collect();
    names.sort();
    names
}

#[test]
fn a_sharded_build_searches_like_the_single_file_and_keeps_the_previous_publication() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = dir.path().join("catalog");
    std::fs::create_dir(&catalog).unwrap();
    write(&catalog, "catalog.json", GOOD);
    let single = dir.path().join("single.zufi");
    build_quietly(&catalog, &single);
    let shards = dir.path().join("shards");
    let sharded = |args: &[&str]| {
        let output = zufi(&[&["build", "-q", catalog.to_str().unwrap()], args].concat());
        assert!(output.status.success(), "{}", stderr(&output));
    };
    sharded(&["--shards", shards.to_str().unwrap()]);
    let first = shard_files(&shards);
    assert!(shards.join("manifest.json").is_file());

    // The same answers through the folder, the manifest and the single file.
    let search = |index: &Path| {
        let output = zufi(&[
            "search",
            "--index",
            index.to_str().unwrap(),
            "--plz",
            "99084",
            "hundesteur",
        ]);
        assert!(output.status.success(), "{}", stderr(&output));
        String::from_utf8(output.stdout).unwrap()
    };
    let expected = search(&single);
    assert!(expected.contains("Stadtverwaltung Erfurt"), "{expected}");
    assert_eq!(search(&shards), expected);
    assert_eq!(search(&shards.join("manifest.json")), expected);
    let inspect = zufi(&["inspect", shards.to_str().unwrap()]);
    let listing = String::from_utf8(inspect.stdout).unwrap();
    assert!(
        listing.contains("area") && listing.contains("postings"),
        "{listing}"
    );

    // Rebuilding the same catalog changes nothing.
    sharded(&["--shards", shards.to_str().unwrap()]);
    assert_eq!(shard_files(&shards), first);

    // A changed catalog: new shards beside the old ones, which a visitor
    // holding the old manifest still needs; the build after drops them.
    write(
        &catalog,
        "catalog.json",
        &GOOD.replace("Fischmarkt", "Fischmarkt 2"),
    );
    sharded(&["--shards", shards.to_str().unwrap()]);
    let second = shard_files(&shards);
    assert!(first.iter().all(|f| second.contains(f)), "{second:?}");
    assert!(second.len() > first.len());
    write(
        &catalog,
        "catalog.json",
        &GOOD.replace("Fischmarkt", "Fischmarkt 3"),
    );
    sharded(&["--shards", shards.to_str().unwrap()]);
    let third = shard_files(&shards);
    let unchanged: Vec<&String> = first
        .iter()
        .filter(|f| second.contains(f) && third.contains(f))
        .collect();
    assert!(
        third.len() < first.len() + second.len() && unchanged.len() < first.len(),
        "the first publication's changed shards are gone: {third:?}"
    );

    // A damaged shard is named. The folder also keeps the previous
    // publication's area shards, which no search reads: damage them all.
    let areas: Vec<&String> = third.iter().filter(|f| f.starts_with("area-")).collect();
    assert!(!areas.is_empty(), "{third:?}");
    for area in &areas {
        let mut bytes = std::fs::read(shards.join(area)).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        std::fs::write(shards.join(area), bytes).unwrap();
    }
    let output = zufi(&["search", "--index", shards.to_str().unwrap(), "hund"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        areas
            .iter()
            .any(|area| stderr(&output).contains(area.as_str())),
        "{}",
        stderr(&output)
    );
}

/// Every file under `dir` with its bytes, by relative path.
fn tree(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut files = std::collections::BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let name = path
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                files.insert(name, std::fs::read(&path).unwrap());
            }
        }
    }
    files
}

#[test]
fn publish_writes_a_stable_folder_that_keeps_the_previous_publication() {
    use base64::Engine;
    use sha2::Digest;

    let dir = tempfile::tempdir().unwrap();
    let widget = dir.path().join("widget");
    std::fs::create_dir(&widget).unwrap();
    write(&widget, "zufi.js", "export const version = 1;\n");
    write(&widget, "zufi.css", "zufi-finder { display: block }\n");
    let catalog = dir.path().join("erfurt");
    std::fs::create_dir(&catalog).unwrap();
    write(
        &catalog,
        "catalog.json",
        &GOOD.replace(
            r#""name": "Hundesteuer - Anmeldung"}"#,
            r#""name": "Hundesteuer - Anmeldung", "updated": "2026-03-01"}"#,
        ),
    );
    let out = dir.path().join("out");
    let publish = || {
        let output = zufi(&[
            "publish",
            "-q",
            catalog.to_str().unwrap(),
            "--widget",
            widget.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ]);
        assert!(output.status.success(), "{}", stderr(&output));
    };
    publish();
    let first = tree(&out);
    let manifest: serde_json::Value = serde_json::from_slice(&first["manifest.json"]).unwrap();
    assert_eq!(manifest["index_format"], 2);
    let published = &manifest["catalogs"][0];
    assert_eq!(published["manifest"], "erfurt/manifest.json");
    assert_eq!(
        published["date"], "2026-03-01",
        "the catalog's date, not the clock"
    );
    assert_eq!(published["counts"]["services"], 1);
    // Each integrity string is the file's SHA-384.
    let widget_path = manifest["widget"]["path"].as_str().unwrap();
    for file in manifest["widget"]["files"].as_array().unwrap() {
        let bytes = &first[&format!("{widget_path}{}", file["file"].as_str().unwrap())];
        let expected = format!(
            "sha384-{}",
            base64::engine::general_purpose::STANDARD.encode(sha2::Sha384::digest(bytes))
        );
        assert_eq!(file["integrity"], expected.as_str());
    }
    let loader = String::from_utf8(first["zufi.js"].clone()).unwrap();
    assert!(
        loader.contains(&format!("./{widget_path}zufi.js")),
        "{loader}"
    );
    let embed = String::from_utf8(first["embed.html"].clone()).unwrap();
    assert!(
        embed.contains(r#"<zufi-finder index="/zufi/erfurt/manifest.json">"#),
        "{embed}"
    );
    // The index opens through its manifest.
    let search = zufi(&[
        "search",
        "--index",
        out.join("erfurt").to_str().unwrap(),
        "hundesteuer",
    ]);
    assert!(String::from_utf8_lossy(&search.stdout).contains("Hundesteuer"));

    // Unchanged input: not a byte changes.
    publish();
    assert_eq!(tree(&out), first);

    // A new widget and catalog: new files beside the old, the stable names point at them.
    write(&widget, "zufi.js", "export const version = 2;\n");
    write(
        &catalog,
        "catalog.json",
        &GOOD.replace("Fischmarkt", "Fischmarkt 2"),
    );
    publish();
    let second = tree(&out);
    let entry_of = |files: &std::collections::BTreeMap<String, Vec<u8>>| {
        let manifest: serde_json::Value =
            serde_json::from_slice(&files["erfurt/manifest.json"]).unwrap();
        format!("erfurt/{}", manifest["entry"].as_str().unwrap())
    };
    let first_widget = format!("{widget_path}zufi.js");
    assert!(
        second.contains_key(&first_widget),
        "the previous widget stays"
    );
    assert!(
        second.contains_key(&entry_of(&first)),
        "the previous index stays"
    );
    assert_ne!(entry_of(&second), entry_of(&first));
    assert_ne!(second["zufi.js"], first["zufi.js"]);
    // The publication after drops the first one's files.
    write(&widget, "zufi.js", "export const version = 3;\n");
    write(
        &catalog,
        "catalog.json",
        &GOOD.replace("Fischmarkt", "Fischmarkt 3"),
    );
    publish();
    let third = tree(&out);
    assert!(!third.contains_key(&first_widget), "{:?}", third.keys());
    assert!(!third.contains_key(&entry_of(&first)), "{:?}", third.keys());
    assert!(
        third.contains_key(&entry_of(&second)),
        "the previous index stays"
    );
}

/// What `zufi search --explain` says about the new kinds of matches, and the
/// topic a search's first hits share, on the Thüringen demo (which turns on
/// Turkish).
#[test]
fn search_names_life_events_verb_forms_languages_and_the_shared_topic() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("thueringen.zufi");
    let catalog = Path::new(env!("CARGO_MANIFEST_DIR")).join("index/thueringen");
    build_quietly(&catalog, &index);
    let search = |query: &str| {
        let output = zufi(&[
            "search",
            "--index",
            index.to_str().unwrap(),
            "--explain",
            query,
        ]);
        assert!(output.status.success(), "{}", stderr(&output));
        String::from_utf8(output.stdout).unwrap()
    };
    for (query, said) in [
        ("schwanger", "life event «schwanger»"),
        ("wir haben geheiratet", "verb form «geheiratet»"),
        ("dog tax", "English «dog»"),
        ("köpek", "Turkish «koepek»"),
    ] {
        assert!(
            search(query).contains(said),
            "{query}: {said}\n{}",
            search(query)
        );
    }
    assert!(search("umzug").contains("topic: Umzug und Wohnen [th-wohnen]"));
    assert!(!search("hundesteuer").contains("topic:"));
    let nothing = search("ummldng");
    assert!(nothing.contains("did you mean: ummeldung"), "{nothing}");
    assert!(
        nothing.contains("closest topics: Umzug und Wohnen [th-wohnen]"),
        "{nothing}"
    );
}

/// `zufi glossary`: the file a finder in English fetches, which the core
/// reads back and which glosses the demo's service names; a language zufi
/// has no vocabulary for is refused by name.
#[test]
fn glossary_writes_the_english_glosses_and_refuses_unknown_languages() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("glossary-en.tsv");
    let output = zufi(&["glossary", "en", "-o", file.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let glossary = zufi::Glossary::parse(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(glossary.language(), "en");
    assert_eq!(
        glossary.gloss("Hund zur Hundesteuer anmelden").as_deref(),
        Some("dog tax · register")
    );
    let turkish = zufi(&["glossary", "tr"]);
    assert!(turkish.status.success(), "{}", stderr(&turkish));
    assert!(String::from_utf8_lossy(&turkish.stdout).starts_with("# zufi glossary tr\n"));
    let unknown = zufi(&["glossary", "xx", "-o", file.to_str().unwrap()]);
    assert!(!unknown.status.success());
    assert!(
        stderr(&unknown).contains("no vocabulary for the language `xx`"),
        "{}",
        stderr(&unknown)
    );
    // The file written before is left as it was.
    assert!(zufi::Glossary::parse(&std::fs::read_to_string(&file).unwrap()).is_ok());
}
