//! The data behind the search-quality numbers stays sound: the judged query
//! sets (`tests/relevance/queries.tsv`, `heldout.tsv`) name services of their
//! demo catalogs in the seven categories, the default thesaurus
//! (`index/thesaurus/de.tsv`) is well-formed, without duplicate terms or
//! contradictory relations, and the counts the READMEs quote are the files'.
//!
//! The files are read with the library's own parsers (`eval::parse_queries`,
//! `Thesaurus::parse`, `catalog::load`). Only what those parsers deliberately
//! pass over — the exact header, the number of columns, padding, empty list
//! items, the `source` column and the section headings — is read from the
//! raw lines. Each test lists every problem it finds, with file and line.

#![allow(clippy::unwrap_used)] // Test helpers may panic: a panic is a failed test.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use zufi::eval::{parse_queries, JudgedQuery};
use zufi::{Relation, Thesaurus};

const CATALOGS: [&str; 2] = ["berlin", "thueringen"];
const CATEGORIES: [&str; 11] = [
    "exact",
    "typo",
    "umlaut",
    "prefix",
    "compound",
    "synonym",
    "natural",
    "lifeevent",
    "english",
    "messy",
    "precise",
];
const QUERY_HEADER: [&str; 5] = ["catalog", "category", "query", "acceptable", "note"];
const THESAURUS_HEADER: [&str; 5] = ["term", "relation", "targets", "source", "note"];
const PUBLIC_SET: &str = "tests/relevance/queries.tsv";
const HELDOUT_SET: &str = "tests/relevance/heldout.tsv";
const QUERIES_README: &str = "tests/relevance/README.md";
const THESAURUS: &str = "index/thesaurus/de.tsv";
/// Every vocabulary in the thesaurus format: the defaults, then the further
/// query languages. A term stands in one of them only.
const VOCABULARIES: [&str; 4] = [
    THESAURUS,
    "index/thesaurus/de-lebenslagen.tsv",
    "index/thesaurus/en.tsv",
    "index/thesaurus/tr.tsv",
];
const VERB_LEXICON: &str = "index/thesaurus/de-verben.tsv";
const VERB_HEADER: [&str; 5] = ["verb", "forms", "nouns", "source", "note"];
const THESAURUS_README: &str = "index/thesaurus/README.md";
/// The public set's minimum per category (over both catalogs, each present) and in all.
const MIN_PER_CATEGORY: usize = 20;
const MIN_QUERIES: usize = 200;
const MIN_THESAURUS: usize = 300;

fn path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

fn read(relative: &str) -> String {
    std::fs::read_to_string(path(relative)).unwrap_or_else(|e| panic!("{relative}: {e}"))
}

/// Fails listing every problem, one per line.
fn assert_no_problems(what: &str, problems: &[String]) {
    assert!(
        problems.is_empty(),
        "{what}: {} problem(s)\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// A data line as written: its 1-based number and its TAB-separated cells, untrimmed.
struct Row<'a> {
    line: usize,
    cells: Vec<&'a str>,
}

impl Row<'_> {
    /// Cell `column`, or "" where the line has fewer.
    fn cell(&self, column: usize) -> &str {
        self.cells.get(column).copied().unwrap_or_default()
    }
}

/// The raw layout both TSV formats share: no CRLF, the comment and empty
/// lines the parsers skip, then exactly `header`, then rows of 4 or 5 cells
/// (the last column, `note`, may be left out with its TAB). Returns the rows
/// after the header.
fn layout<'a>(
    file: &str,
    text: &'a str,
    header: &[&str],
    problems: &mut Vec<String>,
) -> Vec<Row<'a>> {
    let mut rows = Vec::new();
    let mut header_seen = false;
    // Split at '\n' only: `str::lines` (which the parsers use) would hide a CR.
    for (index, line) in text.split('\n').enumerate() {
        let number = index + 1;
        if line.ends_with('\r') {
            problems.push(format!("{file}:{number}: CRLF line ending"));
        }
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cells: Vec<&str> = line.split('\t').collect();
        if !header_seen {
            header_seen = true;
            if cells != header {
                problems.push(format!(
                    "{file}:{number}: the header must be {header:?}, got {cells:?}"
                ));
            }
            continue;
        }
        if !(4..=5).contains(&cells.len()) {
            problems.push(format!(
                "{file}:{number}: expected 4 or 5 TAB-separated columns, got {}",
                cells.len()
            ));
        }
        rows.push(Row {
            line: number,
            cells,
        });
    }
    if !header_seen {
        problems.push(format!("{file}: no header row"));
    }
    rows
}

/// True when a comma-separated list has an empty item (`a,,b`, `a,`), which
/// the parsers silently drop.
fn has_empty_item(list: &str) -> bool {
    list.split(',').any(|item| item.trim().is_empty())
}

/// The service ids of each demo catalog, loaded once by the catalog loader.
fn services() -> &'static HashMap<&'static str, HashSet<String>> {
    static SERVICES: OnceLock<HashMap<&'static str, HashSet<String>>> = OnceLock::new();
    SERVICES.get_or_init(|| {
        CATALOGS
            .iter()
            .map(|&name| {
                let loaded = zufi::catalog::load(&path(&format!("index/{name}")))
                    .unwrap_or_else(|e| panic!("index/{name}: {e}"));
                let ids = loaded.catalog.services.iter().map(|s| s.id.clone());
                (name, ids.collect())
            })
            .collect()
    })
}

/// A query set as the evaluator reads it, with everything wrong in it.
struct QuerySet {
    queries: Vec<JudgedQuery>,
    problems: Vec<String>,
}

impl QuerySet {
    fn read(file: &str) -> QuerySet {
        let text = read(file);
        let mut problems = Vec::new();
        let rows = layout(file, &text, &QUERY_HEADER, &mut problems);
        let queries = parse_queries(&text, file).unwrap_or_else(|e| panic!("{e}"));
        let row_lines: Vec<usize> = rows.iter().map(|r| r.line).collect();
        let query_lines: Vec<usize> = queries.iter().map(|q| q.line).collect();
        assert_eq!(
            row_lines, query_lines,
            "{file}: the parser and the layout check disagree on which lines are queries"
        );
        let services = services();
        let mut seen: HashMap<(&str, &str), usize> = HashMap::new();
        for (row, query) in rows.iter().zip(&queries) {
            let at = format!("{file}:{}", row.line);
            let Some(ids) = services.get(query.catalog.as_str()) else {
                problems.push(format!(
                    "{at}: unknown catalog {:?} (known: {CATALOGS:?})",
                    query.catalog
                ));
                continue;
            };
            if !CATEGORIES.contains(&query.category.as_str()) {
                problems.push(format!(
                    "{at}: unknown category {:?} (known: {CATEGORIES:?})",
                    query.category
                ));
            }
            // The parser trims cells; the query must be stored exactly as typed.
            if row.cell(2) != query.query || query.query.contains("  ") {
                problems.push(format!("{at}: query {:?} has stray spaces", row.cell(2)));
            }
            if let Some(first) = seen.insert((&query.catalog, &query.query), row.line) {
                problems.push(format!(
                    "{at}: query {:?} already on line {first}",
                    query.query
                ));
            }
            if has_empty_item(row.cell(3)) || query.acceptable.is_empty() {
                problems.push(format!("{at}: the acceptable list has an empty id"));
            }
            let distinct: HashSet<&String> = query.acceptable.iter().collect();
            if distinct.len() != query.acceptable.len() {
                problems.push(format!("{at}: the acceptable list repeats an id"));
            }
            for id in &query.acceptable {
                if !ids.contains(id) {
                    problems.push(format!(
                        "{at}: {id:?} is not a service of {}",
                        query.catalog
                    ));
                }
            }
        }
        QuerySet { queries, problems }
    }

    /// Queries per (category, catalog).
    fn counts(&self) -> BTreeMap<(&str, &str), usize> {
        let mut counts = BTreeMap::new();
        for query in &self.queries {
            *counts
                .entry((query.category.as_str(), query.catalog.as_str()))
                .or_default() += 1;
        }
        counts
    }

    fn count_in(&self, catalog: &str) -> usize {
        self.queries.iter().filter(|q| q.catalog == catalog).count()
    }
}

/// `text` with every run of whitespace made one space, so that quoted
/// sentences are found however the Markdown is wrapped.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The part of a Markdown file under `heading`, up to the next heading of the same level.
fn section<'a>(file: &str, text: &'a str, heading: &str) -> &'a str {
    let start = text
        .find(&format!("\n{heading}\n"))
        .unwrap_or_else(|| panic!("{file}: no section {heading:?}"));
    let level = heading.split(' ').next().unwrap_or_default();
    let body = &text[start + heading.len() + 2..];
    let end = body.find(&format!("\n{level} ")).unwrap_or(body.len());
    &body[..end]
}

/// The table rows of a Markdown text, as trimmed cells: `| a | 1 |` → `["a", "1"]`.
fn table_rows(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .filter_map(|line| line.trim().strip_prefix('|')?.strip_suffix('|'))
        .map(|inner| inner.split('|').map(|c| c.trim().to_string()).collect())
        .filter(|cells: &Vec<String>| !cells[0].starts_with("---"))
        .collect()
}

#[test]
fn public_queries_name_services_of_their_catalogs() {
    let set = QuerySet::read(PUBLIC_SET);
    assert_no_problems(PUBLIC_SET, &set.problems);
}

#[test]
fn public_queries_fill_every_category_in_both_catalogs() {
    let set = QuerySet::read(PUBLIC_SET);
    let counts = set.counts();
    let mut problems = Vec::new();
    for category in CATEGORIES {
        let [berlin, thueringen] =
            CATALOGS.map(|c| counts.get(&(category, c)).copied().unwrap_or(0));
        if berlin + thueringen < MIN_PER_CATEGORY || berlin == 0 || thueringen == 0 {
            problems.push(format!(
                "category {category}: {berlin} berlin + {thueringen} thueringen queries; \
                 needs >= {MIN_PER_CATEGORY} over both catalogs, each represented"
            ));
        }
    }
    if set.queries.len() < MIN_QUERIES {
        problems.push(format!(
            "only {} queries, need >= {MIN_QUERIES}",
            set.queries.len()
        ));
    }
    assert_no_problems(PUBLIC_SET, &problems);
}

#[test]
fn the_readme_quotes_the_public_counts() {
    let set = QuerySet::read(PUBLIC_SET);
    let counts = set.counts();
    let readme = read(QUERIES_README);
    let total = set.queries.len();
    let [berlin, thueringen] = CATALOGS.map(|c| set.count_in(c));
    let mut expected: Vec<Vec<String>> = vec![["category", "berlin", "thueringen", "total"]
        .map(String::from)
        .to_vec()];
    for category in CATEGORIES {
        let [b, t] = CATALOGS.map(|c| counts.get(&(category, c)).copied().unwrap_or(0));
        expected.push(vec![
            category.to_string(),
            b.to_string(),
            t.to_string(),
            (b + t).to_string(),
        ]);
    }
    expected.push(
        [
            "total",
            &berlin.to_string(),
            &thueringen.to_string(),
            &total.to_string(),
        ]
        .map(|cell| format!("**{cell}**"))
        .to_vec(),
    );
    let table = table_rows(section(QUERIES_README, &readme, "## Counts"));
    assert_eq!(
        table, expected,
        "{QUERIES_README}, \"## Counts\": the table does not match {PUBLIC_SET}"
    );
    let sentence = format!("`queries.tsv` holds {total} search queries");
    assert!(
        one_line(&readme).contains(&sentence),
        "{QUERIES_README} should say: {sentence}"
    );
}

#[test]
fn heldout_queries_name_services_and_are_unseen() {
    let heldout = QuerySet::read(HELDOUT_SET);
    let public = QuerySet::read(PUBLIC_SET);
    // Unseen for the catalog it is evaluated on: the same text may stand in
    // the public set for the other catalog.
    let public_lines: HashMap<(&str, &str), usize> = public
        .queries
        .iter()
        .map(|q| ((q.catalog.as_str(), q.query.as_str()), q.line))
        .collect();
    let mut problems = heldout.problems.clone();
    for query in &heldout.queries {
        if let Some(line) = public_lines.get(&(query.catalog.as_str(), query.query.as_str())) {
            problems.push(format!(
                "{HELDOUT_SET}:{}: {} query {:?} is also in {PUBLIC_SET}:{line}; held-out queries must be unseen",
                query.line, query.catalog, query.query
            ));
        }
    }
    let counts = heldout.counts();
    for category in CATEGORIES {
        for catalog in CATALOGS {
            if !counts.contains_key(&(category, catalog)) {
                problems.push(format!("no {catalog} query of category {category}"));
            }
        }
    }
    assert_no_problems(HELDOUT_SET, &problems);
}

#[test]
fn the_readme_quotes_the_heldout_counts() {
    let heldout = QuerySet::read(HELDOUT_SET);
    let [berlin, thueringen] = CATALOGS.map(|c| heldout.count_in(c));
    let sentence = format!(
        "`heldout.tsv` holds {} further queries ({berlin} Berlin, {thueringen} Thüringen)",
        heldout.queries.len()
    );
    assert!(
        one_line(&read(QUERIES_README)).contains(&sentence),
        "{QUERIES_README} should say: {sentence}"
    );
}

/// The default thesaurus as the engine reads it, its raw rows and the
/// section each row stands in (`# == Heading ==` comments).
struct ThesaurusFile<'a> {
    thesaurus: Thesaurus,
    rows: Vec<Row<'a>>,
    sections: Vec<(&'a str, usize)>,
    problems: Vec<String>,
}

impl<'a> ThesaurusFile<'a> {
    fn read(file: &str, text: &'a str) -> ThesaurusFile<'a> {
        let mut problems = Vec::new();
        let rows = layout(file, text, &THESAURUS_HEADER, &mut problems);
        let thesaurus = Thesaurus::parse(text, file).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            rows.len(),
            thesaurus.len(),
            "{file}: the parser and the layout check disagree on which lines are entries"
        );
        let headings: Vec<(usize, &str)> = text
            .lines()
            .enumerate()
            .filter_map(|(index, line)| {
                let name = line.strip_prefix("# == ")?.strip_suffix(" ==")?;
                Some((index + 1, name))
            })
            .collect();
        let mut sections: Vec<(&str, usize)> = Vec::new();
        for row in &rows {
            let name = headings
                .iter()
                .rev()
                .find(|(line, _)| *line < row.line)
                .map_or("(before the first section heading)", |(_, name)| *name);
            match sections.last_mut() {
                Some((last, count)) if *last == name => *count += 1,
                _ => sections.push((name, 1)),
            }
        }
        ThesaurusFile {
            thesaurus,
            rows,
            sections,
            problems,
        }
    }
}

#[test]
fn the_vocabularies_are_well_formed_without_duplicates_or_contradictions() {
    let texts: Vec<String> = VOCABULARIES.iter().map(|file| read(file)).collect();
    let files: Vec<ThesaurusFile> = VOCABULARIES
        .iter()
        .zip(&texts)
        .map(|(name, text)| ThesaurusFile::read(name, text))
        .collect();
    let mut problems: Vec<String> = files.iter().flat_map(|f| f.problems.clone()).collect();
    // Terms and targets as the engine folds them (case, umlauts, ß, hyphens).
    let mut terms: HashMap<&str, String> = HashMap::new();
    let mut pairs: BTreeMap<(&str, &str), Vec<(Relation, String)>> = BTreeMap::new();
    for (name, file) in VOCABULARIES.iter().zip(&files) {
        for (row, entry) in file.rows.iter().zip(file.thesaurus.entries()) {
            let at = format!("{name}:{}", row.line);
            if *name != THESAURUS && entry.relation != Relation::Finds {
                problems.push(format!(
                "{at}: life events and other languages only find (`>`): a German word must not find them"
            ));
            }
            if entry.relation == Relation::Disable {
                problems.push(format!(
                    "{at}: relation `!` belongs in a catalog's own thesaurus, not in the default"
                ));
            }
            if row.cell(0).contains(',') {
                problems.push(format!("{at}: term {:?} contains a comma", row.cell(0)));
            }
            if row.cell(3).trim().is_empty() {
                problems.push(format!("{at}: the source is empty"));
            }
            if let Some(first) = terms.insert(&entry.term, at.clone()) {
                problems.push(format!("{at}: term {:?} already at {first}", entry.term));
            }
            if has_empty_item(row.cell(2)) {
                problems.push(format!("{at}: the targets have an empty item"));
            }
            let distinct: HashSet<&String> = entry.targets.iter().collect();
            if distinct.len() != entry.targets.len() {
                problems.push(format!("{at}: a target is listed twice"));
            }
            for target in &entry.targets {
                if *target == entry.term {
                    problems.push(format!(
                        "{at}: term {:?} lists itself as a target",
                        entry.term
                    ));
                }
                pairs
                    .entry((&entry.term, target))
                    .or_default()
                    .push((entry.relation, at.clone()));
                if entry.relation == Relation::Equivalent {
                    pairs
                        .entry((target, &entry.term))
                        .or_default()
                        .push((Relation::Equivalent, at.clone()));
                }
            }
        }
    }
    let only =
        |relations: &[(Relation, String)], relation| relations.iter().all(|(r, _)| *r == relation);
    for (&(left, right), relations) in &pairs {
        let mut lines: Vec<&str> = relations.iter().map(|(_, at)| at.as_str()).collect();
        lines.sort_unstable();
        lines.dedup();
        let at = lines[0];
        let has = |relation| relations.iter().any(|(r, _)| *r == relation);
        if has(Relation::Equivalent) && has(Relation::Finds) {
            problems.push(format!(
                "{at}: {left:?} / {right:?} is both `=` and `>` (lines {lines:?})"
            ));
        }
        let equal_lines: HashSet<&str> = relations
            .iter()
            .filter(|(r, _)| *r == Relation::Equivalent)
            .map(|(_, at)| at.as_str())
            .collect();
        if equal_lines.len() > 1 && left < right {
            problems.push(format!(
                "{at}: {left:?} = {right:?} stated twice (lines {lines:?})"
            ));
        }
        if left < right && only(relations, Relation::Finds) {
            if let Some(back) = pairs.get(&(right, left)) {
                if only(back, Relation::Finds) {
                    problems.push(format!(
                        "{at}: {left:?} > {right:?} and back: write it as `=`"
                    ));
                }
            }
        }
    }
    if files[0].thesaurus.len() < MIN_THESAURUS {
        problems.push(format!(
            "{THESAURUS}: only {} entries, need >= {MIN_THESAURUS}",
            files[0].thesaurus.len()
        ));
    }
    assert_no_problems("index/thesaurus", &problems);
}

#[test]
fn the_verb_lexicon_is_well_formed_and_its_forms_are_unique() {
    let text = read(VERB_LEXICON);
    let mut problems = Vec::new();
    let rows = layout(VERB_LEXICON, &text, &VERB_HEADER, &mut problems);
    let lexicon = zufi::VerbLexicon::parse(&text, VERB_LEXICON).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        rows.len(),
        lexicon.verbs().len(),
        "{VERB_LEXICON}: parser and layout disagree"
    );
    let mut forms: HashMap<String, usize> = HashMap::new();
    for (row, verb) in rows.iter().zip(lexicon.verbs()) {
        let at = format!("{VERB_LEXICON}:{}", row.line);
        if row.cell(3).trim().is_empty() {
            problems.push(format!("{at}: the source is empty"));
        }
        if has_empty_item(row.cell(1)) || has_empty_item(row.cell(2)) {
            problems.push(format!("{at}: a list has an empty item"));
        }
        for form in verb.forms() {
            if let Some(first) = forms.insert(form.clone(), row.line) {
                problems.push(format!("{at}: form {form:?} already on line {first}"));
            }
        }
    }
    assert!(
        lexicon.verbs().len() >= 80,
        "{} verbs",
        lexicon.verbs().len()
    );
    assert_no_problems(VERB_LEXICON, &problems);
}

#[test]
fn the_readme_quotes_the_thesaurus_counts() {
    let text = read(THESAURUS);
    let file = ThesaurusFile::read(THESAURUS, &text);
    let readme = read(THESAURUS_README);
    let entries = file.thesaurus.entries();
    let count = |relation| entries.iter().filter(|e| e.relation == relation).count();
    let sentence = format!(
        "It has **{} entries** ({} `=`, {} `>`) in {} sections",
        entries.len(),
        count(Relation::Equivalent),
        count(Relation::Finds),
        file.sections.len()
    );
    assert!(
        one_line(&readme).contains(&sentence),
        "{THESAURUS_README} should say: {sentence}"
    );
    let mut expected = vec![vec!["section".to_string(), "entries".to_string()]];
    expected.extend(
        file.sections
            .iter()
            .map(|(name, count)| vec![name.to_string(), count.to_string()]),
    );
    // The sections table is the first table of the README.
    let before_format = &readme[..readme.find("\n## Format").unwrap()];
    assert_eq!(
        table_rows(before_format),
        expected,
        "{THESAURUS_README}: the sections table does not match {THESAURUS}"
    );
}
