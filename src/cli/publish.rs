//! `zufi publish <catalog>… --widget <dir> --out <dir>`: the folder an
//! editorial office puts on its web server, which municipalities embed once
//! and which picks up every later publication by itself.
//!
//! ```text
//! out/
//!   zufi.js, zufi-headless.js   stable loaders (no-cache): each re-exports the widget folder's
//!   widget.<hash>/              the widget files, named by a hash of them all (cache forever)
//!   <catalog>/manifest.json     stable entry of each catalog's index (no-cache)
//!   <catalog>/*.<hash>.zufi     its index: one file, or the shards of a sharded index
//!   manifest.json               what was published: versions, dates, counts, SRI hashes
//!   embed.html                  the snippet to copy into a page
//! ```
//!
//! Everything is derived from the inputs (no clock), so publishing the same
//! catalogs with the same widget again changes no byte. New files are
//! written beside the old ones and the stable names last; the previous
//! publication's files are kept for pages that loaded it, older ones removed.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256, Sha384};
use zufi::{Index, Manifest, ManifestEntry, ShardOptions, ShardSet, MANIFEST_FORMAT};

use super::output::{eprint_line, thousands, AtomicOutput};

/// A single-file index above this many bytes is published as shards (unless
/// `--single`): at this size the first search fetches less from shards.
const SHARD_ABOVE_BYTES: usize = 1 << 20;

/// The value of [`Publication::format`].
const PUBLICATION_FORMAT: &str = "zufi-publication";

/// Arguments of `zufi publish`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Catalog files or folders; each becomes `<out>/<name>/`, named after
    /// the file or folder.
    #[arg(required = true)]
    catalogs: Vec<PathBuf>,
    /// The built widget (`scripts/build-widget` writes it to build/www/dist).
    #[arg(long)]
    widget: PathBuf,
    /// The folder to publish into.
    #[arg(short, long)]
    out: PathBuf,
    /// Publish every index as shards, however small.
    #[arg(long, conflicts_with = "single")]
    shards: bool,
    /// Publish every index as one file, however large.
    #[arg(long)]
    single: bool,
    /// Print only errors.
    #[arg(short, long)]
    quiet: bool,
}

/// `manifest.json` of a publication.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Publication {
    /// Always `zufi-publication`.
    pub format: String,
    /// The index format the widget reads and the indexes are written in.
    pub index_format: u16,
    /// The widget folder and its files.
    pub widget: Folder,
    /// Each catalog's index.
    pub catalogs: Vec<PublishedCatalog>,
}

/// A folder of content-named files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Folder {
    /// Relative to the publication, with a trailing `/`.
    pub path: String,
    /// Its files, with size and Subresource Integrity string.
    pub files: Vec<PublishedFile>,
}

/// One file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedFile {
    /// Name within its folder.
    pub file: String,
    /// Size in bytes.
    pub bytes: u64,
    /// `sha384-…`, for a page's `integrity` attribute.
    pub integrity: String,
}

/// One catalog's index in a publication.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedCatalog {
    /// The folder name.
    pub name: String,
    /// The index's entry point, relative to the publication.
    pub manifest: String,
    /// Whether it is sharded.
    pub sharded: bool,
    /// The catalog's date (Datenstand), `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Record counts.
    pub counts: zufi::RecordCounts,
    /// Responsibilities compiled in.
    pub responsibilities: u64,
    /// The entry's files (for a sharded index: the search shard and the
    /// shards the manifest lists), with integrity strings.
    pub files: Vec<PublishedFile>,
}

fn integrity(bytes: &[u8]) -> String {
    use base64::Engine;
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(Sha384::digest(bytes))
    )
}

/// The first 8 bytes of a SHA-256 digest as 16 hex digits, as in shard names.
fn short_hash(digest: &[u8]) -> String {
    digest[..8].iter().map(|b| format!("{b:02x}")).collect()
}

/// Writes `bytes` to `path` unless it already holds them.
fn write_if_changed(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    if std::fs::read(path).is_ok_and(|old| old == bytes) {
        return Ok(());
    }
    AtomicOutput::create(path)?.commit(bytes)
}

/// The widget's files (sorted), read from `dir`.
fn widget_files(dir: &Path) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)
        .with_context(|| format!("cannot read the widget folder {}", dir.display()))?
    {
        let entry = entry?;
        if entry.file_type()?.is_file() {
            let name = entry.file_name().to_string_lossy().into_owned();
            files.push((name, std::fs::read(entry.path())?));
        }
    }
    files.sort();
    if !files.iter().any(|(name, _)| name == "zufi.js") {
        bail!(
            "{} holds no zufi.js: name the built widget folder (scripts/build-widget writes build/www/dist)",
            dir.display()
        );
    }
    Ok(files)
}

/// A catalog's folder name in the publication.
fn catalog_name(path: &Path) -> anyhow::Result<String> {
    let stem = if path.is_dir() {
        path.file_name()
    } else {
        path.file_stem()
    };
    let name = stem
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| !s.is_empty() && s != "." && s != "..")
        .with_context(|| format!("cannot name the catalog {}", path.display()))?;
    if name.starts_with("widget.")
        || !name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        bail!(
            "the catalog {} would be published as {name:?}: use a folder or file name of letters, digits, - and _",
            path.display()
        );
    }
    Ok(name)
}

/// Builds one catalog's index (validated as `zufi build` does) and its files.
fn build_catalog(path: &Path, args: &Args) -> anyhow::Result<(Index, ShardSet)> {
    let loaded = zufi::catalog::load(path)?;
    let problems = zufi::validate::validate(&loaded);
    let errors = problems.iter().filter(|p| p.is_error()).count();
    if errors > 0 {
        super::validate::report(&problems, super::validate::Warnings::None);
        bail!("{}: {errors} error(s); nothing published", path.display());
    }
    let bytes = loaded.index_builder()?.build()?.bytes;
    let index = Index::from_bytes(&bytes)?;
    let sharded = args.shards || (!args.single && bytes.len() > SHARD_ABOVE_BYTES);
    let set = if sharded {
        index.to_shards(&ShardOptions::default())?
    } else {
        let file = format!("index.{}.zufi", short_hash(&Sha256::digest(&bytes)));
        ShardSet {
            manifest: Manifest {
                format: MANIFEST_FORMAT.into(),
                version: zufi::format::VERSION,
                build: format!("{:08x}", index.checksum()),
                catalog: index.meta().catalog.clone(),
                entry: file.clone(),
                shards: vec![ManifestEntry {
                    file: file.clone(),
                    bytes: bytes.len() as u64,
                    checksum: index.checksum(),
                }],
            },
            files: vec![(file, bytes)],
        }
    };
    Ok((index, set))
}

/// The previous publication in `out`, if there is a readable one.
fn previous(out: &Path) -> Option<Publication> {
    let text = std::fs::read_to_string(out.join("manifest.json")).ok()?;
    serde_json::from_str(&text).ok()
}

/// Runs `zufi publish`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let widget = widget_files(&args.widget)?;
    let mut names = BTreeSet::new();
    let mut built = Vec::new();
    for path in &args.catalogs {
        let name = catalog_name(path)?;
        if !names.insert(name.clone()) {
            bail!("two catalogs would be published as {name}/: rename one folder");
        }
        let (index, set) = build_catalog(path, &args)?;
        built.push((name, index, set));
    }
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("cannot create {}", args.out.display()))?;
    let before = previous(&args.out);

    // The widget, under a name made of all its files.
    let mut hasher = Sha256::new();
    for (name, bytes) in &widget {
        hasher.update((name.len() as u64).to_le_bytes());
        hasher.update(name.as_bytes());
        hasher.update((bytes.len() as u64).to_le_bytes());
        hasher.update(bytes);
    }
    let widget_dir = format!("widget.{}", short_hash(&hasher.finalize()));
    let widget_path = args.out.join(&widget_dir);
    if !widget_path.is_dir() {
        // Written under a temporary name and renamed: never half a widget folder.
        let temp = tempfile::Builder::new()
            .prefix(".widget")
            .tempdir_in(&args.out)?;
        for (name, bytes) in &widget {
            std::fs::write(temp.path().join(name), bytes)?;
        }
        std::fs::rename(temp.keep(), &widget_path)
            .with_context(|| format!("cannot create {}", widget_path.display()))?;
    }

    // The indexes: content-named files first, each manifest last.
    let mut catalogs = Vec::new();
    for (name, index, set) in &built {
        super::shards::write(&args.out.join(name), set)?;
        let files = set
            .manifest
            .shards
            .iter()
            .map(|entry| {
                let bytes = &set
                    .files
                    .iter()
                    .find(|(file, _)| *file == entry.file)
                    .map(|(_, bytes)| bytes.as_slice())
                    .unwrap_or_default();
                PublishedFile {
                    file: entry.file.clone(),
                    bytes: entry.bytes,
                    integrity: integrity(bytes),
                }
            })
            .collect();
        catalogs.push(PublishedCatalog {
            name: name.clone(),
            manifest: format!("{name}/manifest.json"),
            sharded: set.files.len() > 1,
            date: index.meta().date.clone(),
            counts: index.counts(),
            responsibilities: index.meta().responsibilities,
            files,
        });
    }
    let publication = Publication {
        format: PUBLICATION_FORMAT.into(),
        index_format: zufi::format::VERSION,
        widget: Folder {
            path: format!("{widget_dir}/"),
            files: widget
                .iter()
                .map(|(file, bytes)| PublishedFile {
                    file: file.clone(),
                    bytes: bytes.len() as u64,
                    integrity: integrity(bytes),
                })
                .collect(),
        },
        catalogs,
    };

    // The stable names, last.
    for loader in ["zufi.js", "zufi-headless.js"] {
        if widget.iter().any(|(name, _)| name == loader) {
            let text = format!(
                "// zufi {loader}: the current widget of this publication (written by zufi publish).\nexport * from './{widget_dir}/{loader}';\n"
            );
            write_if_changed(&args.out.join(loader), text.as_bytes())?;
        }
    }
    write_if_changed(&args.out.join("embed.html"), embed(&publication).as_bytes())?;
    let manifest = serde_json::to_string_pretty(&publication)? + "\n";
    write_if_changed(&args.out.join("manifest.json"), manifest.as_bytes())?;

    // Widget folders of neither this nor the previous publication go.
    let keep: BTreeSet<String> = std::iter::once(publication.widget.path.clone())
        .chain(before.map(|p| p.widget.path))
        .map(|path| path.trim_end_matches('/').to_string())
        .collect();
    for entry in std::fs::read_dir(&args.out)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let is_widget_folder = name.starts_with("widget.") && name.len() == "widget.".len() + 16;
        if is_widget_folder && entry.file_type()?.is_dir() && !keep.contains(&name) {
            std::fs::remove_dir_all(entry.path())
                .with_context(|| format!("cannot remove the old widget folder {name}"))?;
        }
    }

    if !args.quiet {
        for catalog in &publication.catalogs {
            eprint_line!(
                "published {}/{}: {} services, Datenstand {}, {}",
                args.out.display(),
                catalog.manifest,
                thousands(catalog.counts.services as usize),
                catalog.date.as_deref().unwrap_or("unknown"),
                if catalog.sharded {
                    "sharded"
                } else {
                    "one file"
                }
            );
        }
        eprint_line!(
            "embed it with the snippet in {}",
            args.out.join("embed.html").display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// The snippet a municipality copies into its page.
fn embed(publication: &Publication) -> String {
    let mut html = String::from(
        "<!-- zufi, the Zuständigkeitsfinder. Copy into your page and replace /zufi/ with the address\n     of this folder on your web server. The stable names below pick up every new publication;\n     set ars (12-digit Regionalschlüssel) to your municipality. Serving: www/README.md. -->\n<script type=\"module\" src=\"/zufi/zufi.js\"></script>\n",
    );
    for catalog in &publication.catalogs {
        html.push_str(&format!(
            "<zufi-finder index=\"/zufi/{}\"></zufi-finder>\n",
            catalog.manifest
        ));
    }
    if let Some(loader) = publication
        .widget
        .files
        .iter()
        .find(|f| f.file == "zufi.js")
    {
        html.push_str(&format!(
            "<!-- Or pinned to exactly this widget (it then never updates by itself):\n<script type=\"module\" src=\"/zufi/{}zufi.js\" integrity=\"{}\" crossorigin=\"anonymous\"></script> -->\n",
            publication.widget.path, loader.integrity
        ));
    }
    html
}
