//! Writing a sharded index into its folder so that visitors never see a
//! half-published state.
//!
//! Shard names carry a hash of their bytes, so a new build adds files
//! beside the old ones instead of replacing them. Each shard is written to a
//! temporary file and renamed into place; `manifest.json`, the only name
//! that stays the same, comes last. An interrupted build therefore leaves
//! the previous manifest pointing at its own complete set. Shards of the
//! previous manifest are kept, so a visitor whose browser still holds that
//! manifest can fetch what it names; older shards are removed.

use std::collections::BTreeSet;
use std::path::Path;

use anyhow::{bail, Context};
use zufi::{Index, Manifest, ShardKind, ShardSet};

use super::output::{eprint_line, AtomicOutput};

/// The entry point's file name.
pub const MANIFEST: &str = "manifest.json";

/// Checks, before the build's work, that the shard folder is a folder or
/// can be made in an existing one (it is created only when the shards are
/// ready, so a failed build leaves nothing behind).
pub fn prepare(folder: &Path) -> anyhow::Result<()> {
    if folder.exists() {
        if !folder.is_dir() {
            bail!(
                "--shards {} is a file; name a folder for the shards",
                folder.display()
            );
        }
        return Ok(());
    }
    let parent = match folder.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    if !parent.is_dir() {
        bail!(
            "--shards {}: the folder {} it would be made in does not exist",
            folder.display(),
            parent.display()
        );
    }
    Ok(())
}

/// The previous publication in `folder`: every shard its manifest reaches
/// (the manifest's own list, and the area shards its `areas` directories
/// list). `Some(empty)` when there is no manifest; `None` when there is one
/// but it cannot be followed, and then nothing may be removed.
fn previous_shards(folder: &Path) -> Option<BTreeSet<String>> {
    let Ok(text) = std::fs::read_to_string(folder.join(MANIFEST)) else {
        return Some(BTreeSet::new());
    };
    let manifest: Manifest = serde_json::from_str(&text).ok()?;
    let mut files: BTreeSet<String> = manifest.shards.iter().map(|s| s.file.clone()).collect();
    let mut index = Index::from_bytes(&std::fs::read(folder.join(&manifest.entry)).ok()?).ok()?;
    let directories: Vec<String> = index
        .shard_directory()
        .iter()
        .filter(|s| s.kind == ShardKind::Areas)
        .map(|s| s.file.clone())
        .collect();
    for directory in directories {
        index
            .add_shard(&std::fs::read(folder.join(directory)).ok()?)
            .ok()?;
    }
    files.extend(index.shard_directory().iter().map(|s| s.file.clone()));
    Some(files)
}

/// Whether `name` is a shard file as zufi names them (`<kind>[-<key>].<hash>.zufi`),
/// or a published single-file index (`index.<hash>.zufi`, see `publish`).
fn is_shard_file(name: &str) -> bool {
    let Some(stem) = name.strip_suffix(".zufi") else {
        return false;
    };
    let Some((kind_and_key, hash)) = stem.rsplit_once('.') else {
        return false;
    };
    let kind = kind_and_key.split('-').next().unwrap_or_default();
    hash.len() == 16
        && hash.bytes().all(|b| b.is_ascii_hexdigit())
        && (kind == "index" || ShardKind::ALL.iter().any(|k| k.name() == kind))
}

/// Writes `set` into `folder`: new shards, then the manifest, then removes
/// shards neither this nor the previous manifest names.
pub fn write(folder: &Path, set: &ShardSet) -> anyhow::Result<()> {
    std::fs::create_dir_all(folder)
        .with_context(|| format!("cannot create the shard folder {}", folder.display()))?;
    let previous = previous_shards(folder);
    for (name, bytes) in &set.files {
        let path = folder.join(name);
        // Same name, same hash: the file already holds these bytes.
        if std::fs::metadata(&path).is_ok_and(|m| m.len() == bytes.len() as u64) {
            continue;
        }
        AtomicOutput::create(&path)?.commit(bytes)?;
    }
    let manifest = serde_json::to_string_pretty(&set.manifest)? + "\n";
    AtomicOutput::create(&folder.join(MANIFEST))?.commit(manifest.as_bytes())?;

    let Some(keep_from_previous) = previous else {
        eprint_line!(
            "note: the previous manifest in {} could not be followed; no old shards were removed",
            folder.display()
        );
        return Ok(());
    };
    let current: BTreeSet<&str> = set.files.iter().map(|(name, _)| name.as_str()).collect();
    for entry in
        std::fs::read_dir(folder).with_context(|| format!("cannot list {}", folder.display()))?
    {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if is_shard_file(&name)
            && !current.contains(name.as_str())
            && !keep_from_previous.contains(&name)
        {
            std::fs::remove_file(entry.path())
                .with_context(|| format!("cannot remove the old shard {name}"))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::is_shard_file;

    #[test]
    fn only_zufi_shard_names_are_recognised() {
        assert!(is_shard_file("search.0123456789abcdef.zufi"));
        assert!(is_shard_file("area-16070.0123456789abcdef.zufi"));
        assert!(!is_shard_file("berlin.zufi"));
        assert!(!is_shard_file("area-16070.zufi"));
        assert!(!is_shard_file("notes.0123456789abcdef.zufi"));
        assert!(!is_shard_file("manifest.json"));
    }
}
