//! Opening the index the commands read: a single `.zufi` file, or a sharded
//! index given by its `manifest.json` or the folder holding it, with every
//! shard loaded.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use zufi::{Index, Manifest, MANIFEST_FORMAT};

/// An index opened from disk, with the files it came from.
#[derive(Debug)]
pub struct Opened {
    /// The complete index.
    pub index: Index,
    /// The manifest, for a sharded index.
    pub manifest: Option<Manifest>,
    /// Each file read and its bytes: the one index file, or the search
    /// shard first and then the others in directory order.
    pub files: Vec<(PathBuf, Vec<u8>)>,
}

/// The manifest of a sharded index at `path` (the manifest itself or its
/// folder), if `path` names one.
fn manifest_path(path: &Path) -> Option<PathBuf> {
    if path.is_dir() {
        return Some(path.join("manifest.json"));
    }
    (path.extension().is_some_and(|e| e == "json")).then(|| path.to_path_buf())
}

/// Opens the index at `path` completely.
pub fn open(path: &Path) -> anyhow::Result<Opened> {
    let Some(manifest_file) = manifest_path(path) else {
        let bytes = super::read_index::read_index_bytes(path)?;
        let index =
            Index::from_bytes(&bytes).with_context(|| format!("cannot open {}", path.display()))?;
        return Ok(Opened {
            index,
            manifest: None,
            files: vec![(path.to_path_buf(), bytes)],
        });
    };
    let text = std::fs::read_to_string(&manifest_file)
        .with_context(|| format!("cannot read {}", manifest_file.display()))?;
    let manifest: Manifest = match serde_json::from_str(&text) {
        Ok(manifest) => manifest,
        Err(e) => bail!(
            "not a zufi index: {} is neither an index file nor the manifest.json of a sharded index ({e})",
            manifest_file.display()
        ),
    };
    if manifest.format != MANIFEST_FORMAT || manifest.version != zufi::format::VERSION {
        bail!(
            "{}: format {} version {}; this build of zufi reads {MANIFEST_FORMAT} version {}",
            manifest_file.display(),
            manifest.format,
            manifest.version,
            zufi::format::VERSION
        );
    }
    let folder = manifest_file.parent().unwrap_or(Path::new("."));
    let read = |file: &str, expected: u64| -> anyhow::Result<(PathBuf, Vec<u8>)> {
        let path = folder.join(file);
        let size = std::fs::metadata(&path)
            .with_context(|| format!("shard {file} of {} is missing", manifest_file.display()))?
            .len();
        if size != expected {
            bail!(
                "{}: {size} bytes, the manifest lists {expected}: the shard is damaged or from another publication",
                path.display()
            );
        }
        let bytes =
            std::fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
        Ok((path, bytes))
    };
    let entry_size = manifest
        .shards
        .iter()
        .find(|s| s.file == manifest.entry)
        .map(|s| s.bytes)
        .with_context(|| {
            format!(
                "{}: the entry {} is not among its shards",
                manifest_file.display(),
                manifest.entry
            )
        })?;
    let (entry_path, entry_bytes) = read(&manifest.entry, entry_size)?;
    let mut index = Index::from_bytes(&entry_bytes)
        .with_context(|| format!("cannot open {}", entry_path.display()))?;
    if format!("{:08x}", index.checksum()) != manifest.build {
        bail!(
            "{}: the search shard is of build {:08x}, the manifest of {}",
            manifest_file.display(),
            index.checksum(),
            manifest.build
        );
    }
    let mut files = vec![(entry_path, entry_bytes)];
    // Directory shards name more shards: read until nothing is missing.
    loop {
        let missing: Vec<(String, u64)> = index
            .missing_shards()
            .into_iter()
            .map(|s| (s.file.clone(), s.bytes))
            .collect();
        if missing.is_empty() {
            break;
        }
        for (file, size) in missing {
            let (path, bytes) = read(&file, size)?;
            index
                .add_shard(&bytes)
                .with_context(|| format!("cannot load {}", path.display()))?;
            files.push((path, bytes));
        }
    }
    Ok(Opened {
        index,
        manifest: Some(manifest),
        files,
    })
}
