//! Writing output files atomically, writing to the terminal without
//! panicking when nobody reads any more, and formatting numbers for people.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;

use super::interrupt;

/// Standard output for a command's results, locked once.
///
/// A reader that stops early (`zufi search … | head -1`) closes the pipe;
/// the next write then fails with a [`StdoutClosed`] error, which `main`
/// treats as the normal end of the command: exit 0, nothing printed. Every
/// other write error is passed on as it is.
pub fn stdout() -> Stdout {
    Stdout(io::stdout().lock())
}

/// See [`stdout`].
#[derive(Debug)]
pub struct Stdout(io::StdoutLock<'static>);

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.write(buf).map_err(closed)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush().map_err(closed)
    }
}

/// Marks a write to a standard output whose reader has gone away.
#[derive(Debug)]
pub struct StdoutClosed;

impl std::fmt::Display for StdoutClosed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("standard output was closed by its reader")
    }
}

impl std::error::Error for StdoutClosed {}

fn closed(error: io::Error) -> io::Error {
    if error.kind() == io::ErrorKind::BrokenPipe {
        io::Error::new(io::ErrorKind::BrokenPipe, StdoutClosed)
    } else {
        error
    }
}

/// True when `error` comes from writing to a standard output whose reader
/// has gone away (see [`stdout`]); a broken pipe elsewhere — an output file
/// that is a pipe, say — is a real error and stays one.
pub fn is_stdout_closed(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause.is::<StdoutClosed>()
            || cause
                .downcast_ref::<io::Error>()
                .and_then(io::Error::get_ref)
                .is_some_and(|inner| inner.is::<StdoutClosed>())
    })
}

/// `eprintln!` for messages to the person at the terminal (notes, warnings,
/// problems, errors), except that a closed standard error is ignored rather
/// than a panic: nobody is left to read the message, and the command's exit
/// code still tells how it went.
macro_rules! eprint_line {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}
pub(crate) use eprint_line;

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

/// An output file in the making: a temporary file in the same directory,
/// renamed over the output by [`AtomicOutput::commit`], so that readers
/// never see a half-written file.
///
/// Created before the slow work (`zufi build` makes it before reading the
/// catalog): a directory that cannot take the file fails at once, and until
/// the commit an error (the temporary file is dropped) or an interrupt
/// (SIGINT, SIGTERM, SIGHUP; see [`super::interrupt`]) removes the temporary
/// file and leaves an existing output as it was.
///
/// A symbolic link is followed (the file it points to is replaced or
/// created, the link stays), and something that is not a regular file — `/dev/null`,
/// `/dev/stdout`, a pipe — is written to directly at the commit: renaming
/// over it would replace the device or pipe with a plain file.
#[derive(Debug)]
pub struct AtomicOutput {
    /// The path as given, for messages.
    shown: PathBuf,
    /// The file the output lands in.
    target: PathBuf,
    /// The temporary file, unless the target is written directly.
    temp: Option<tempfile::NamedTempFile>,
}

impl AtomicOutput {
    /// Prepares writing to `path`: resolves links and creates the temporary file.
    pub fn create(path: &Path) -> anyhow::Result<Self> {
        let target = written_file(path);
        let direct = std::fs::metadata(&target).is_ok_and(|m| !m.is_file());
        let temp = if direct {
            None
        } else {
            let dir = match target.parent() {
                Some(dir) if !dir.as_os_str().is_empty() => dir,
                _ => Path::new("."),
            };
            let temp = interrupt::with_pending(|pending| {
                let temp = tempfile::NamedTempFile::new_in(dir)?;
                pending.push(temp.path().to_path_buf());
                Ok::<_, io::Error>(temp)
            })
            .with_context(|| format!("cannot create a temporary file in {}", dir.display()))?;
            Some(temp)
        };
        Ok(AtomicOutput {
            shown: path.to_path_buf(),
            target,
            temp,
        })
    }

    /// Writes `bytes` and moves them into place.
    pub fn commit(mut self, bytes: &[u8]) -> anyhow::Result<()> {
        let shown = self.shown.display().to_string();
        let Some(mut temp) = self.temp.take() else {
            return std::fs::write(&self.target, bytes)
                .with_context(|| format!("cannot write {shown}"));
        };
        // Temporary files are private (0600); outputs are served to browsers and read by others.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            temp.as_file()
                .set_permissions(std::fs::Permissions::from_mode(0o644))
                .with_context(|| format!("cannot set permissions on {shown}"))?;
        }
        temp.write_all(bytes)
            .and_then(|()| temp.as_file().sync_all())
            .with_context(|| format!("cannot write {shown}"))?;
        let temp_path = temp.path().to_path_buf();
        interrupt::with_pending(|pending| {
            pending.retain(|p| *p != temp_path);
            // On failure the error's file is dropped, which removes it.
            temp.persist(&self.target).map(drop).map_err(|e| e.error)
        })
        .with_context(|| format!("cannot move the new file into place at {shown}"))
    }
}

impl Drop for AtomicOutput {
    fn drop(&mut self) {
        if let Some(temp) = self.temp.take() {
            interrupt::with_pending(|pending| {
                pending.retain(|p| p != temp.path());
                drop(temp);
            });
        }
    }
}

/// Writes `bytes` to `path` through a temporary file in the same directory
/// and a rename (see [`AtomicOutput`]), so that readers never see a
/// half-written file and a failed or interrupted write leaves nothing behind.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    AtomicOutput::create(path)?.commit(bytes)
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
