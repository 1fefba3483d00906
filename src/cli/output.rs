//! Writing output files atomically and formatting numbers for people.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;

/// The file a write to `path` lands in: the file a symbolic link names
/// (also when that file does not exist yet), else `path` itself.
pub fn written_file(path: &Path) -> PathBuf {
    if let Ok(target) = std::fs::canonicalize(path) {
        return target;
    }
    match std::fs::read_link(path) {
        Ok(target) => match path.parent() {
            Some(dir) if target.is_relative() => dir.join(target),
            _ => target,
        },
        Err(_) => path.to_path_buf(),
    }
}

/// Fails, in an editor's words, when `output` is one of the `inputs` a
/// command reads (compared canonicalised, links followed): writing there
/// would destroy what the command was given. `inputs` are (what it is,
/// path) pairs such as `("the ARS list", …)`.
pub fn refuse_input_as_output(output: &Path, inputs: &[(&str, &Path)]) -> anyhow::Result<()> {
    let target = written_file(output);
    for (what, input) in inputs {
        if zufi::catalog::reads(input, &target) {
            anyhow::bail!(
                "-o {} is {what} {} itself: writing there would replace it; choose another output file",
                output.display(),
                input.display()
            );
        }
    }
    Ok(())
}

/// Writes `bytes` to `path` through a temporary file in the same directory
/// and a rename, so that readers never see a half-written file and a failed
/// write leaves nothing behind.
///
/// A symbolic link is followed (the file it points to is replaced or
/// created, the link stays), and something that is not a regular file — `/dev/null`,
/// `/dev/stdout`, a pipe — is written to directly: renaming over it would
/// replace the device or pipe with a plain file.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let resolved;
    let path = match std::fs::canonicalize(path) {
        Ok(target) => {
            if !std::fs::metadata(&target).is_ok_and(|m| m.is_file()) {
                return std::fs::write(&target, bytes)
                    .with_context(|| format!("cannot write {}", path.display()));
            }
            resolved = target;
            resolved.as_path()
        }
        // A link to a file that does not exist yet: create the file it names.
        Err(_) if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) => {
            let target = std::fs::read_link(path)
                .with_context(|| format!("cannot read the link {}", path.display()))?;
            resolved = match path.parent() {
                Some(dir) if target.is_relative() => dir.join(target),
                _ => target,
            };
            resolved.as_path()
        }
        // Does not exist yet: create it.
        Err(_) => path,
    };
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut temp = tempfile::NamedTempFile::new_in(dir)
        .with_context(|| format!("cannot create a temporary file in {}", dir.display()))?;
    // Temporary files are private (0600); outputs are served to browsers and read by others.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        temp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))
            .with_context(|| format!("cannot set permissions on {}", path.display()))?;
    }
    temp.write_all(bytes)
        .and_then(|()| temp.as_file().sync_all())
        .with_context(|| format!("cannot write {}", path.display()))?;
    temp.persist(path)
        .with_context(|| format!("cannot move the new file into place at {}", path.display()))?;
    Ok(())
}

/// Size of `bytes` after gzip at the default level: what a browser transfers.
pub fn gzip_size(bytes: &[u8]) -> usize {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    let _ = encoder.write_all(bytes);
    encoder.finish().map(|v| v.len()).unwrap_or(0)
}

/// `1234567` → `1,234,567`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}
