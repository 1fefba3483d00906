//! Importing the editorial catalog: reading catalog files into the model.
//!
//! A catalog is read from one file or a directory of files. Files are read in
//! file-name order, so the same directory always yields the same catalog:
//!
//! - `*.json` — the JSON catalog format ([`json`]);
//! - `*.xml` — an XZuFi 2.2 message ([`xzufi`]); its `loesche` entries remove
//!   records read before it. Messages are applied oldest first, by the
//!   creation time in their header (see [`load`]);
//! - `*.csv` — a LeiKa export ([`leika`]) that enriches services by LeiKa key,
//!   applied after every other file;
//! - `thesaurus*.tsv` — the catalog's own synonyms, added to or disabling
//!   entries of the default thesaurus ([`crate::Thesaurus`]).
//!
//! Official region lists (ARS code list, PLZ↔AGS table) are converted to
//! catalog regions with [`official`].
//!
//! With the feature `fetch`, [`remote`] reads an XZuFi export from an
//! `http(s)://` address: an index listing messages, applied by the same rule.

pub mod json;
pub mod leika;
pub mod official;
#[cfg(feature = "fetch")]
pub mod remote;
pub mod xzufi;

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use crate::build::IndexBuilder;
use crate::error::{Error, Result};
use crate::model::date::date_time_instant;
use crate::model::records::{Catalog, Responsibility, TargetKind};
use crate::model::thesaurus::Thesaurus;
use crate::model::verbs::VerbLexicon;

/// A catalog together with where each record came from, so that validation
/// can name the file of a bad record.
#[derive(Debug, Clone, Default)]
pub struct LoadedCatalog {
    /// The merged catalog.
    pub catalog: Catalog,
    /// Source file names (as given, relative to the catalog root), indexed by
    /// the `*_source` lists below.
    pub files: Vec<String>,
    /// Source file index of each service, parallel to `catalog.services`.
    pub service_sources: Vec<usize>,
    /// Source file index of each authority.
    pub authority_sources: Vec<usize>,
    /// Source file index of each online service.
    pub online_service_sources: Vec<usize>,
    /// Source file index of each form.
    pub form_sources: Vec<usize>,
    /// Source file index of each responsibility.
    pub responsibility_sources: Vec<usize>,
    /// Source file index of each region.
    pub region_sources: Vec<usize>,
    /// Source file index of each topic.
    pub topic_sources: Vec<usize>,
    /// Source file index of the catalog's `meta` (the first file that has one).
    pub meta_source: Option<usize>,
    /// Non-fatal remarks from the importers (e.g. LeiKa keys that matched no service).
    pub warnings: Vec<String>,
    /// The catalog's own thesaurus files (`thesaurus*.tsv`), applied in
    /// order on top of zufi's default German thesaurus.
    pub thesaurus_files: Vec<(String, Thesaurus)>,
}

impl LoadedCatalog {
    /// Wraps an in-memory catalog, attributing every record to `file`.
    pub fn from_catalog(catalog: Catalog, file: &str) -> Self {
        let mut loaded = LoadedCatalog::default();
        loaded.append(catalog, file);
        loaded
    }

    /// zufi's default vocabularies and the further query languages the
    /// catalog's meta names, with this catalog's own files applied, then the
    /// verb forms of the German verb lexicon.
    pub fn thesaurus(&self) -> Result<Thesaurus> {
        let mut defaults = Thesaurus::defaults();
        let languages = self.catalog.meta.iter().flat_map(|m| &m.query_languages);
        for code in languages {
            let Some(language) = Thesaurus::language(code) else {
                let file = self.meta_source.and_then(|i| self.files.get(i));
                return Err(Error::Record {
                    file: file.cloned().unwrap_or_default(),
                    record: "meta".into(),
                    field: "query_languages".into(),
                    message: format!(
                        "zufi has no vocabulary for the query language {code:?} (it has: {}); \
                         a catalog adds its own as thesaurus-{code}.tsv",
                        Thesaurus::LANGUAGES.join(", ")
                    ),
                });
            };
            defaults = defaults.with(language);
        }
        let merged = self
            .thesaurus_files
            .iter()
            .try_fold(defaults, |merged, (file, own)| {
                merged.with_overrides(own, file)
            })?;
        Ok(merged.with_verb_forms(&VerbLexicon::default_german()))
    }

    /// A builder for this catalog with [`LoadedCatalog::thesaurus`]: how
    /// `zufi build` compiles it.
    pub fn index_builder(&self) -> Result<IndexBuilder<'_>> {
        Ok(IndexBuilder::new(&self.catalog).thesaurus(self.thesaurus()?))
    }

    /// Appends the records of `part`, read from `file`.
    pub fn append(&mut self, part: Catalog, file: &str) {
        let source = self.files.len();
        self.files.push(file.to_string());
        let catalog = &mut self.catalog;
        if catalog.meta.is_none() {
            if part.meta.is_some() {
                self.meta_source = Some(source);
            }
            catalog.meta = part.meta;
        }
        if catalog.schema_version.is_none() {
            catalog.schema_version = part.schema_version;
        }
        fn extend<T>(into: &mut Vec<T>, sources: &mut Vec<usize>, from: Vec<T>, source: usize) {
            sources.extend(std::iter::repeat_n(source, from.len()));
            into.extend(from);
        }
        extend(
            &mut catalog.regions,
            &mut self.region_sources,
            part.regions,
            source,
        );
        extend(
            &mut catalog.topics,
            &mut self.topic_sources,
            part.topics,
            source,
        );
        extend(
            &mut catalog.services,
            &mut self.service_sources,
            part.services,
            source,
        );
        extend(
            &mut catalog.authorities,
            &mut self.authority_sources,
            part.authorities,
            source,
        );
        extend(
            &mut catalog.online_services,
            &mut self.online_service_sources,
            part.online_services,
            source,
        );
        extend(
            &mut catalog.forms,
            &mut self.form_sources,
            part.forms,
            source,
        );
        extend(
            &mut catalog.responsibilities,
            &mut self.responsibility_sources,
            part.responsibilities,
            source,
        );
    }

    /// Applies an XZuFi message read from `file`: its `loesche` entries
    /// delete records read before it (with a warning for those that match
    /// nothing), its `schreibe` entries replace records with the same id,
    /// and its records and warnings are added.
    pub fn apply_message(&mut self, message: xzufi::Message, file: &str) {
        let mut unmatched = Vec::new();
        for deletion in &message.deletions {
            if self.delete(deletion.class, &deletion.id) == 0 {
                unmatched.push(format!("{:?} {:?}", deletion.class, deletion.id));
            }
        }
        if !unmatched.is_empty() {
            // Delta exports can hold very many of these: one line, a few examples.
            let examples = unmatched
                .iter()
                .take(3)
                .cloned()
                .collect::<Vec<_>>()
                .join(", ");
            self.warnings.push(format!(
                "{file}: {} loesche entr{} matched no record read before it, e.g. {examples}",
                unmatched.len(),
                if unmatched.len() == 1 { "y" } else { "ies" }
            ));
        }
        // A `schreibe` of an existing id replaces the record.
        let written: Vec<(xzufi::EntityClass, String)> = message
            .written()
            .map(|(class, id)| (class, id.to_string()))
            .collect();
        for (class, id) in written {
            self.remove(class, &id);
        }
        self.warnings.extend(message.warnings);
        self.append(message.catalog, file);
    }

    /// Removes every record of `class` with `id`, and nothing else: what a
    /// `schreibe` of an existing record does before writing it anew.
    /// Returns how many records were removed.
    pub fn remove(&mut self, class: xzufi::EntityClass, id: &str) -> usize {
        let catalog = &mut self.catalog;
        match class {
            xzufi::EntityClass::Leistung => {
                retain(&mut catalog.services, &mut self.service_sources, |s| {
                    s.id != id
                })
            }
            xzufi::EntityClass::Organisationseinheit => {
                retain(&mut catalog.authorities, &mut self.authority_sources, |a| {
                    a.id != id
                })
            }
            xzufi::EntityClass::Onlinedienst => retain(
                &mut catalog.online_services,
                &mut self.online_service_sources,
                |o| o.id != id,
            ),
            xzufi::EntityClass::Zustaendigkeit => retain(
                &mut catalog.responsibilities,
                &mut self.responsibility_sources,
                |r| r.id.as_deref() != Some(id),
            ),
        }
    }

    /// Applies an XZuFi `loesche` entry: removes the record and the
    /// responsibilities that would otherwise point at nothing. Returns how
    /// many records of `class` were removed.
    pub fn delete(&mut self, class: xzufi::EntityClass, id: &str) -> usize {
        let removed = self.remove(class, id);
        let points_at_deleted = |r: &Responsibility| match class {
            xzufi::EntityClass::Leistung => r.service == id,
            xzufi::EntityClass::Organisationseinheit => {
                r.target.kind == TargetKind::Authority && r.target.id == id
            }
            xzufi::EntityClass::Onlinedienst => {
                r.target.kind == TargetKind::OnlineService && r.target.id == id
            }
            xzufi::EntityClass::Zustaendigkeit => false,
        };
        retain(
            &mut self.catalog.responsibilities,
            &mut self.responsibility_sources,
            |r| !points_at_deleted(r),
        );
        removed
    }
}

/// Keeps the items (and their parallel source indexes) for which `keep`
/// holds; returns how many were removed.
fn retain<T>(items: &mut Vec<T>, sources: &mut Vec<usize>, keep: impl Fn(&T) -> bool) -> usize {
    let before = items.len();
    let kept: Vec<bool> = items.iter().map(&keep).collect();
    let mut flags = kept.iter();
    items.retain(|_| flags.next().copied().unwrap_or(true));
    let mut flags = kept.iter();
    sources.retain(|_| flags.next().copied().unwrap_or(true));
    before - items.len()
}

/// A parsed catalog file, waiting to be applied.
enum Part {
    Json(Catalog),
    Message(xzufi::Message),
}

/// Reads a catalog from a `.json`/`.xml` file or a directory of such files
/// (plus LeiKa `.csv` exports). Syntax errors name file, line and column.
///
/// Files are read in path name order. XZuFi messages are applied at the
/// places of the `.xml` files in that order, but among themselves oldest
/// first, by the creation time of their message header, so that an update
/// named `…-update.xml` (which sorts before `….xml`) still comes after the
/// message it updates; when a message states no readable creation time, they
/// keep the name order, with a warning.
pub fn load(path: &Path) -> Result<LoadedCatalog> {
    let (files, skipped) = catalog_files(path)?;
    let root = if path.is_dir() {
        path
    } else {
        path.parent().unwrap_or(Path::new(""))
    };
    let mut loaded = LoadedCatalog {
        warnings: skipped,
        ..LoadedCatalog::default()
    };
    let mut parts: Vec<(String, Part)> = Vec::new();
    let mut leika_exports = Vec::new();
    for file in files {
        let name = file
            .strip_prefix(root)
            .unwrap_or(&file)
            .display()
            .to_string();
        let bytes = std::fs::read(&file).map_err(|e| Error::io(file.display(), e))?;
        match extension(&file).as_str() {
            "json" => {
                let text = utf8(&bytes, &name)?;
                let part = Part::Json(json::parse(text, &name)?);
                parts.push((name, part));
            }
            "xml" => {
                let text = xml_text(&bytes, &name)?;
                let part = Part::Message(xzufi::parse(&text, &name)?);
                parts.push((name, part));
            }
            "csv" => leika_exports.push((name, bytes)),
            "tsv" => {
                let text = utf8(&bytes, &name)?;
                let own = Thesaurus::parse(text, &name)?;
                // Check the `!` entries against the defaults now, so that the error names this file.
                Thesaurus::defaults().with_overrides(&own, &name)?;
                loaded.thesaurus_files.push((name.clone(), own));
            }
            _ => unreachable!("catalog_files only returns known extensions"),
        }
    }
    order_messages(&mut parts, "file-name order", &mut loaded.warnings);
    apply(&mut loaded, parts);
    for (name, bytes) in leika_exports {
        let entries = leika::parse(&bytes, &name)?;
        let report = leika::enrich(&mut loaded.catalog, &entries);
        loaded.warnings.extend(report.warnings);
    }
    Ok(loaded)
}

/// Reads XZuFi messages given as bytes, each with the name that errors and
/// records carry (for a web export, its address), applied oldest first as
/// the messages of a folder are.
#[cfg(feature = "fetch")]
pub(crate) fn load_messages(messages: Vec<(String, Vec<u8>)>) -> Result<LoadedCatalog> {
    let mut loaded = LoadedCatalog::default();
    let mut parts = Vec::with_capacity(messages.len());
    for (name, bytes) in messages {
        let text = xml_text(&bytes, &name)?;
        let message = xzufi::parse(&text, &name)?;
        parts.push((name, Part::Message(message)));
    }
    order_messages(
        &mut parts,
        "the order of the export index",
        &mut loaded.warnings,
    );
    apply(&mut loaded, parts);
    Ok(loaded)
}

fn apply(loaded: &mut LoadedCatalog, parts: Vec<(String, Part)>) {
    for (name, part) in parts {
        match part {
            Part::Json(catalog) => loaded.append(catalog, &name),
            Part::Message(message) => loaded.apply_message(message, &name),
        }
    }
}

/// Puts the XZuFi messages among `parts` in the order they were created,
/// each taking the place of a message in name order; leaves them in name
/// order, with a warning, when one states no readable creation time.
///
/// `given_order` names the order `parts` came in, for that warning.
fn order_messages(parts: &mut Vec<(String, Part)>, given_order: &str, warnings: &mut Vec<String>) {
    let slots: Vec<usize> = (0..parts.len())
        .filter(|&i| matches!(parts[i].1, Part::Message(_)))
        .collect();
    if slots.len() < 2 {
        return;
    }
    let created = |i: usize| match &parts[i].1 {
        Part::Message(message) => message.created.as_deref(),
        Part::Json(_) => None,
    };
    let instants: Vec<Option<(i64, u32)>> = slots
        .iter()
        .map(|&i| created(i).and_then(date_time_instant))
        .collect();
    let undated: Vec<String> = slots
        .iter()
        .zip(&instants)
        .filter(|(_, instant)| instant.is_none())
        .map(|(&i, _)| match created(i) {
            Some(unreadable) => format!("{} ({unreadable:?})", parts[i].0),
            None => parts[i].0.clone(),
        })
        .collect();
    if !undated.is_empty() {
        warnings.push(format!(
            "{}: no readable creation time in the message header (nachrichtenkopf/erstellungszeitpunkt, e.g. 2024-05-02T08:15:00), \
             so the {} XZuFi messages are applied in {given_order}, which need not be the order they were written in",
            undated.join(", "),
            slots.len()
        ));
        return;
    }
    let mut order: Vec<usize> = (0..slots.len()).collect();
    // Stable: messages created at the same time keep their name order.
    order.sort_by_key(|&k| instants[k]);
    let mut taken: Vec<Option<(String, Part)>> = parts.drain(..).map(Some).collect();
    let mut oldest_first = order.into_iter().map(|k| slots[k]);
    for i in 0..taken.len() {
        let from = if slots.contains(&i) {
            oldest_first.next().unwrap_or(i)
        } else {
            i
        };
        if let Some(part) = taken[from].take() {
            parts.push(part);
        }
    }
}

/// Whether loading the catalog at `catalog` reads `file`: `file` is the
/// catalog file itself, or lies below the catalog directory with a name the
/// loader reads — now, or once it exists. Paths are compared canonicalised,
/// so `c.json`, `./c.json`, an absolute path and a symbolic link to it agree.
///
/// `zufi build` asks this before writing its output, so that the index never
/// replaces a catalog file or lands where the next build would read it.
pub fn reads(catalog: &Path, file: &Path) -> bool {
    let (Some(catalog), Some(file)) = (canonical(catalog), canonical(file)) else {
        return false;
    };
    if !catalog.is_dir() {
        return catalog == file;
    }
    let Ok(relative) = file.strip_prefix(&catalog) else {
        return false;
    };
    if relative.as_os_str().is_empty() {
        return false;
    }
    // Hidden folders are not read.
    let hidden_folder = relative
        .parent()
        .is_some_and(|folders| folders.iter().any(|f| f.to_string_lossy().starts_with('.')));
    !hidden_folder && is_catalog_file(&file)
}

/// `path` canonicalised; for a path that does not exist yet, its
/// canonicalised folder joined with its name.
fn canonical(path: &Path) -> Option<PathBuf> {
    if let Ok(path) = std::fs::canonicalize(path) {
        return Some(path);
    }
    let name = path.file_name()?;
    let parent = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    Some(std::fs::canonicalize(parent).ok()?.join(name))
}

/// A file the loader reads when it finds it in a catalog directory: a
/// catalog file's name, not hidden and no lock file.
fn is_catalog_file(path: &Path) -> bool {
    is_catalog_name(path)
        && path
            .file_name()
            .is_none_or(|name| junk(&name.to_string_lossy()).is_none())
}

/// A name with a catalog file's extension (`thesaurus*.tsv` for thesauri),
/// other than a JSON Schema.
fn is_catalog_name(path: &Path) -> bool {
    (matches!(extension(path).as_str(), "json" | "xml" | "csv") || is_thesaurus(path))
        && !path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().ends_with(".schema.json"))
}

/// `thesaurus*.tsv` files hold a catalog's own synonyms.
fn is_thesaurus(path: &Path) -> bool {
    extension(path) == "tsv"
        && path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("thesaurus"))
}

fn extension(path: &Path) -> String {
    path.extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default()
}

/// The file as UTF-8 text, without a byte order mark (editors on Windows add one).
fn utf8<'a>(bytes: &'a [u8], file: &str) -> Result<&'a str> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let before = &bytes[..e.valid_up_to()];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = before.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
        Error::Syntax {
            file: file.to_string(),
            line,
            column,
            message: "the file is not valid UTF-8".into(),
        }
    })
}

/// Why a file of a catalog directory is not read although its extension is
/// a catalog file's: what it is, and what to do about it.
fn junk(name: &str) -> Option<String> {
    if let Some(original) = name.strip_prefix("~$") {
        return Some(format!(
            "an Excel lock file (Excel keeps it while {original} is open); close {original} in Excel and the lock file goes away"
        ));
    }
    if let Some(original) = name.strip_prefix("._") {
        return Some(format!(
            "a hidden macOS metadata file (the Finder writes one next to {original} when copying to a shared drive or USB stick); delete it"
        ));
    }
    if name.starts_with('.') {
        return Some(
            "a hidden file (its name starts with a dot); remove the dot to have it read"
                .to_string(),
        );
    }
    None
}

/// An XML file as text: UTF-16 when it starts with a UTF-16 byte order mark
/// (little or big endian, as XML 1.0 requires of UTF-16 documents) or, without
/// one, with `<?` in UTF-16 (XML 1.0 appendix F); otherwise UTF-8.
fn xml_text<'a>(bytes: &'a [u8], file: &str) -> Result<Cow<'a, str>> {
    let (encoding, body) = match bytes {
        [0xFF, 0xFE, rest @ ..] => (encoding_rs::UTF_16LE, rest),
        [0xFE, 0xFF, rest @ ..] => (encoding_rs::UTF_16BE, rest),
        [b'<', 0, b'?', 0, ..] => (encoding_rs::UTF_16LE, bytes),
        [0, b'<', 0, b'?', ..] => (encoding_rs::UTF_16BE, bytes),
        _ => return utf8(bytes, file).map(Cow::Borrowed),
    };
    let (text, malformed) = encoding.decode_without_bom_handling(body);
    if malformed {
        // The decoder put U+FFFD where the bytes were no UTF-16 (a lone surrogate, an odd last byte).
        let before = &text[..text.find('\u{fffd}').unwrap_or(text.len())];
        return Err(Error::Syntax {
            file: file.to_string(),
            line: before.matches('\n').count() + 1,
            column: before.chars().rev().take_while(|&c| c != '\n').count() + 1,
            message: format!(
                "the file is not valid {}: it starts as UTF-16 text, but not all of it is",
                encoding.name()
            ),
        });
    }
    Ok(text)
}

/// The catalog files of `path` in a stable order: the file itself, or every
/// `.json`, `.xml` and `.csv` file below the directory, sorted by path,
/// leaving out hidden folders (`.git`), hidden files (macOS `._…`) and
/// Office lock files (`~$…`). Returns the files and a note for each such
/// file that the loader would otherwise have read.
fn catalog_files(path: &Path) -> Result<(Vec<PathBuf>, Vec<String>)> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path.display(), e))?;
    if meta.is_file() {
        return match extension(path).as_str() {
            "json" | "xml" | "csv" => Ok((vec![path.to_path_buf()], Vec::new())),
            "tsv" if is_thesaurus(path) => Ok((vec![path.to_path_buf()], Vec::new())),
            other => Err(Error::InvalidArgument(format!(
                "{}: unknown catalog file type {other:?}; expected .json, .xml (XZuFi) or .csv (LeiKa)",
                path.display()
            ))),
        };
    }
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    let mut pending = vec![path.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).map_err(|e| Error::io(dir.display(), e))? {
            let entry = entry.map_err(|e| Error::io(dir.display(), e))?;
            let entry_path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if entry_path.is_dir() {
                // Hidden folders (`.git`, an editor's settings) are no part of a catalog.
                if !name.starts_with('.') {
                    pending.push(entry_path);
                }
            } else if is_catalog_name(&entry_path) {
                match junk(&name) {
                    Some(why) => skipped.push((entry_path, why)),
                    None => files.push(entry_path),
                }
            }
        }
    }
    files.sort();
    skipped.sort();
    let notes = skipped
        .into_iter()
        .map(|(file, why)| {
            let shown = file
                .strip_prefix(path)
                .unwrap_or(&file)
                .display()
                .to_string();
            format!("{shown}: skipped, {why}")
        })
        .collect();
    if files.is_empty() {
        return Err(Error::InvalidArgument(format!(
            "{}: the directory holds no catalog files (.json, .xml, .csv, thesaurus*.tsv)",
            path.display()
        )));
    }
    Ok((files, notes))
}
