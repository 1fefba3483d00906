//! The dependency rule of `ARCHITECTURE.md`, checked on the source.
//!
//! The core's modules form layers — `error` → `text` → `model` → `index` →
//! `build` → `catalog` / `validate` / `eval` — and a module may use only its
//! own layer and the ones before it. Modules import by path
//! (`crate::model::records::Service`), never through the crate root's
//! re-exports, so that every `use` line shows where it reaches. No file
//! imports a file that imports it back, directly or around a circle: in the
//! core, in the CLI and in the widget. The core names no browser crate.
//!
//! A file's `#[cfg(test)] mod tests` is left out: tests may build an index
//! from a catalog whatever layer they test. Comments are left out too.
//!
//! Why a test over `use` lines rather than one crate per layer: the layers
//! share one error type and compile to one wasm module, and splitting them
//! into crates would turn the public API inside out (every layer public to
//! the next) just to let the compiler check what these few lines check.
#![allow(clippy::unwrap_used)] // Test helpers may panic: a panic is a failed test.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The core's layers, lowest first.
const LAYERS: [&[&str]; 6] = [
    &["error"],
    &["text"],
    &["model"],
    &["index"],
    &["build"],
    &["catalog", "validate", "eval", "report"],
];

/// The modules `lib.rs` may declare `pub`: the editor-tooling namespaces.
/// Everything else is private and reached through the `pub use` list.
const PUBLIC_MODULES: [&str; 4] = ["catalog", "eval", "report", "validate"];

/// Crates the core must not use: it knows nothing of the browser.
const BROWSER_CRATES: [&str; 6] = [
    "wasm_bindgen",
    "web_sys",
    "js_sys",
    "yew",
    "gloo",
    "serde_wasm_bindgen",
];

/// A crate's source: module path (`["index", "query", "rank"]`) → code
/// without comments and test modules.
type Sources = BTreeMap<Vec<String>, String>;

/// Module → the modules it uses.
type Graph = BTreeMap<Vec<String>, BTreeSet<Vec<String>>>;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

/// Reads every `.rs` file under `dir` as a module of the crate whose root is `root_file`.
fn read_crate(dir: &Path, root_file: &str, skip: &[&str]) -> Sources {
    let mut sources = Sources::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            let relative = path
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            if skip
                .iter()
                .any(|s| relative == *s || relative.starts_with(&format!("{s}/")))
            {
                continue;
            }
            if path.is_dir() {
                pending.push(path);
            } else if relative.ends_with(".rs") {
                let module = module_path(&relative, root_file);
                let text = std::fs::read_to_string(&path).unwrap();
                sources.insert(module, code_only(&text));
            }
        }
    }
    sources
}

/// `index/query/rank.rs` → `["index", "query", "rank"]`; `index/mod.rs` →
/// `["index"]`; the crate root → `[]`.
fn module_path(relative: &str, root_file: &str) -> Vec<String> {
    if relative == root_file {
        return Vec::new();
    }
    let without = relative.trim_end_matches(".rs");
    let mut parts: Vec<String> = without.split('/').map(str::to_string).collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// The code of a file without line comments and without its test modules
/// (`#[cfg(test)]` on a `mod`, up to the brace that closes it).
fn code_only(text: &str) -> String {
    let mut code = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("#[cfg(test)]") {
        code.push_str(&rest[..at]);
        let after = rest[at + "#[cfg(test)]".len()..].trim_start();
        let declares_module = after
            .split_once("mod ")
            .is_some_and(|(visibility, _)| visibility.is_empty() || visibility.starts_with("pub"));
        let Some(open) = after.find('{').filter(|_| declares_module) else {
            code.push_str("#[cfg(test)]");
            rest = &rest[at + "#[cfg(test)]".len()..];
            continue;
        };
        let mut depth = 0usize;
        let mut end = after.len();
        for (i, c) in after[open..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = open + i + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        rest = &after[end..];
    }
    code.push_str(rest);
    code.lines()
        .map(|line| match line.find("//") {
            // A `//` inside a string literal (a URL) is rare in `use` lines;
            // cutting there only ever drops text, never adds a dependency.
            Some(at) => &line[..at],
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every path a module names through `crate::` or `super::`, resolved to
/// absolute segments, with `use` trees expanded.
fn referenced_paths(module: &[String], code: &str) -> Vec<Vec<String>> {
    let mut paths = Vec::new();
    let bytes = code.as_bytes();
    let mut at = 0;
    while at < code.len() {
        let rest = &code[at..];
        let starts_word = at == 0
            || !(bytes[at - 1].is_ascii_alphanumeric()
                || bytes[at - 1] == b'_'
                || bytes[at - 1] == b':');
        let anchor = if !starts_word {
            None
        } else if rest.starts_with("crate::") {
            Some((Vec::new(), "crate::".len()))
        } else if rest.starts_with("super::") {
            let mut base = module.to_vec();
            let mut skip = 0;
            while code[at + skip..].starts_with("super::") {
                base.pop();
                skip += "super::".len();
            }
            Some((base, skip))
        } else {
            None
        };
        let Some((base, skip)) = anchor else {
            at += rest.chars().next().map_or(1, char::len_utf8);
            continue;
        };
        let tree_end = path_tree_end(&code[at + skip..]);
        let tree = &code[at + skip..at + skip + tree_end];
        for tail in expand_tree(tree) {
            let mut path = base.clone();
            path.extend(tail);
            paths.push(path);
        }
        at += skip + tree_end.max(1);
    }
    paths
}

/// Length of the path or `use` tree at the start of `text`: identifiers,
/// `::`, and balanced braces.
fn path_tree_end(text: &str) -> usize {
    let mut depth = 0usize;
    for (i, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth > 0 => depth -= 1,
            c if depth > 0 => {
                let _ = c;
            }
            c if c.is_alphanumeric() || c == '_' || c == ':' => {}
            _ => return i,
        }
        if depth == 0 && c == '}' {
            return i + 1;
        }
    }
    text.len()
}

/// `a::{b, c::{d, e}}` → `[a, b]`, `[a, c, d]`, `[a, c, e]`; `self` names the prefix.
fn expand_tree(tree: &str) -> Vec<Vec<String>> {
    let tree: String = tree.chars().filter(|c| !c.is_whitespace()).collect();
    let Some(open) = tree.find('{') else {
        let parts: Vec<String> = tree
            .split("::")
            .filter(|p| !p.is_empty() && *p != "self")
            .map(|p| p.split(" as ").next().unwrap_or(p).to_string())
            .collect();
        return vec![parts];
    };
    let prefix: Vec<String> = tree[..open]
        .split("::")
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect();
    let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let mut items = Vec::new();
    let mut depth = 0;
    let mut start = 0;
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(&inner[start..]);
    let mut paths = Vec::new();
    for item in items.into_iter().filter(|i| !i.is_empty()) {
        let item = item.split("as").next().unwrap_or(item);
        for tail in expand_tree(item) {
            let mut path = prefix.clone();
            path.extend(tail);
            paths.push(path);
        }
    }
    paths
}

/// The module a path reaches into: its longest prefix that is a module of
/// the crate; `None` for a path through the crate root's re-exports.
fn target_module<'a>(sources: &'a Sources, path: &[String]) -> Option<&'a Vec<String>> {
    (1..=path.len())
        .rev()
        .find_map(|n| sources.get_key_value(&path[..n]).map(|(k, _)| k))
}

/// Module → modules it uses (other than itself), from its `crate::` and `super::` paths.
/// Paths that name no module of the crate are returned as violations.
fn dependencies(sources: &Sources) -> (Graph, Vec<String>) {
    let mut graph = BTreeMap::new();
    let mut through_root = Vec::new();
    for (module, code) in sources {
        let mut uses = BTreeSet::new();
        for path in referenced_paths(module, code) {
            match target_module(sources, &path) {
                Some(target) if target != module => {
                    uses.insert(target.clone());
                }
                Some(_) => {}
                None if module.is_empty() => {}
                None => through_root.push(format!(
                    "{} uses crate::{} through the crate root instead of its module path",
                    name(module),
                    path.join("::")
                )),
            }
        }
        graph.insert(module.clone(), uses);
    }
    (graph, through_root)
}

fn name(module: &[String]) -> String {
    if module.is_empty() {
        "crate root".into()
    } else {
        module.join("::")
    }
}

/// Every import circle, as the modules around it.
fn circles(graph: &Graph) -> Vec<String> {
    let mut found = BTreeSet::new();
    for start in graph.keys() {
        // Depth-first search for a path back to `start`.
        let mut stack: Vec<(Vec<String>, Vec<Vec<String>>)> =
            vec![(start.clone(), vec![start.clone()])];
        let mut seen = BTreeSet::new();
        while let Some((node, trail)) = stack.pop() {
            for next in graph.get(&node).into_iter().flatten() {
                if next == start {
                    let mut circle: Vec<String> = trail.iter().map(|m| name(m)).collect();
                    // One spelling per circle: start at its smallest module.
                    let smallest = (0..circle.len())
                        .min_by_key(|&i| circle[i].clone())
                        .unwrap_or(0);
                    circle.rotate_left(smallest);
                    circle.push(circle[0].clone());
                    found.insert(circle.join(" → "));
                } else if seen.insert(next.clone()) {
                    let mut longer = trail.clone();
                    longer.push(next.clone());
                    stack.push((next.clone(), longer));
                }
            }
        }
    }
    found.into_iter().collect()
}

fn layer(module: &[String]) -> Option<usize> {
    let top = module.first()?;
    LAYERS
        .iter()
        .position(|layer| layer.contains(&top.as_str()))
}

/// Uses of a later layer by an earlier one.
fn upward_uses(graph: &Graph) -> Vec<String> {
    let mut found = Vec::new();
    for (module, uses) in graph {
        let Some(own) = layer(module) else { continue };
        for target in uses {
            if layer(target).is_some_and(|theirs| theirs > own) {
                found.push(format!(
                    "{} (layer {own}) uses {} (layer {})",
                    name(module),
                    name(target),
                    layer(target).unwrap_or(0)
                ));
            }
        }
    }
    found
}

fn core() -> Sources {
    read_crate(&root().join("src"), "lib.rs", &["main.rs", "cli"])
}

#[test]
fn every_core_module_belongs_to_a_layer() {
    let unplaced: Vec<String> = core()
        .keys()
        .filter(|m| !m.is_empty() && layer(m).is_none())
        .map(|m| name(m))
        .collect();
    assert!(
        unplaced.is_empty(),
        "modules outside the layers of ARCHITECTURE.md: {unplaced:?}"
    );
}

#[test]
fn the_core_uses_only_earlier_layers_by_module_path() {
    let (graph, through_root) = dependencies(&core());
    assert!(through_root.is_empty(), "{}", through_root.join("\n"));
    let upward = upward_uses(&graph);
    assert!(upward.is_empty(), "{}", upward.join("\n"));
}

#[test]
fn no_import_circles_in_the_core_the_cli_or_the_widget() {
    let cli = read_crate(
        &root().join("src"),
        "main.rs",
        &[
            "lib.rs",
            "error.rs",
            "text",
            "model",
            "index",
            "build.rs",
            "catalog",
            "validate",
            "validate.rs",
            "eval.rs",
        ],
    );
    let widget = read_crate(&root().join("www/widget/src"), "lib.rs", &[]);
    for (crate_name, sources) in [("core", core()), ("cli", cli), ("widget", widget)] {
        assert!(
            sources.len() > 3,
            "{crate_name}: found only {} files",
            sources.len()
        );
        let (graph, _) = dependencies(&sources);
        let found = circles(&graph);
        assert!(
            found.is_empty(),
            "{crate_name} has import circles:\n{}",
            found.join("\n")
        );
    }
}

#[test]
fn the_public_api_is_the_pub_use_list() {
    let lib = std::fs::read_to_string(root().join("src/lib.rs")).unwrap();
    let public: Vec<&str> = lib
        .lines()
        .filter_map(|l| l.strip_prefix("pub mod "))
        .map(|l| l.trim_end_matches(';'))
        .collect();
    assert_eq!(
        public, PUBLIC_MODULES,
        "only the editor-tooling namespaces are public modules"
    );
}

#[test]
fn the_core_knows_nothing_of_the_browser() {
    for (module, code) in core() {
        for krate in BROWSER_CRATES {
            assert!(
                !code.contains(&format!("{krate}::")),
                "{} uses {krate}",
                name(&module)
            );
        }
    }
}

/// The checks above, on made-up modules: each can fail.
mod the_checks_catch {
    use super::*;

    fn sources(files: &[(&str, &str)]) -> Sources {
        files
            .iter()
            .map(|(path, code)| (module_path(path, "lib.rs"), code_only(code)))
            .collect()
    }

    #[test]
    fn a_circle_through_super_and_crate_paths() {
        let sources = sources(&[
            ("lib.rs", "mod index;"),
            (
                "index/mod.rs",
                "mod query;\nuse crate::index::query::search;",
            ),
            ("index/query.rs", "use super::Index;"),
        ]);
        let (graph, _) = dependencies(&sources);
        assert_eq!(circles(&graph), ["index → index::query → index"]);
    }

    #[test]
    fn an_upward_use_in_a_use_tree() {
        let sources = sources(&[
            ("lib.rs", ""),
            ("text/mod.rs", ""),
            ("build.rs", ""),
            (
                "model/records.rs",
                "use crate::{text::normalize::fold, build::{self, IndexBuilder}};",
            ),
            ("text/normalize.rs", ""),
        ]);
        let (graph, _) = dependencies(&sources);
        assert_eq!(
            upward_uses(&graph),
            ["model::records (layer 2) uses build (layer 4)"]
        );
    }

    #[test]
    fn a_use_through_the_crate_root() {
        let sources = sources(&[
            ("lib.rs", "pub use model::records::Service;"),
            ("model/records.rs", ""),
            ("index/mod.rs", "fn f(s: &crate::Service) {}\n// crate::Comment is fine\n#[cfg(test)]\npub(crate) mod fixtures { fn g() { let _ = crate::Fixture; } }\nfn h(_: crate::Later) {}"),
        ]);
        let (_, through_root) = dependencies(&sources);
        assert_eq!(
            through_root,
            [
                "index uses crate::Service through the crate root instead of its module path",
                "index uses crate::Later through the crate root instead of its module path"
            ]
        );
    }
}
