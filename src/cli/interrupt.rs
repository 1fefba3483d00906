//! Interrupts while an output file is being made: on SIGINT, SIGTERM or
//! SIGHUP the temporary files still pending are removed before the process
//! ends as the signal asks, so that an interrupted `zufi build` leaves the
//! old index as it was and no `.tmpXXXXXX` beside it.
//!
//! The signal is taken by a thread (signal-hook's iterator), not in a
//! signal handler, so removing files there is safe. The handler is installed
//! with the first pending file; without one, signals act as they always do,
//! and a signal the process was started ignoring (`nohup`) stays ignored.

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard, Once, PoisonError};

/// Temporary files to remove when interrupted.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

static INSTALL: Once = Once::new();

/// Runs `f` on the list of pending temporary files, with interrupts held
/// off until it returns: creating a temporary file and listing it, or
/// renaming it into place and unlisting it, happen as one step as far as an
/// interrupt is concerned.
pub fn with_pending<T>(f: impl FnOnce(&mut Vec<PathBuf>) -> T) -> T {
    INSTALL.call_once(install);
    f(&mut lock())
}

fn lock() -> MutexGuard<'static, Vec<PathBuf>> {
    PENDING.lock().unwrap_or_else(PoisonError::into_inner)
}

#[cfg(unix)]
fn install() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    use signal_hook::iterator::Signals;

    // A signal the process was started ignoring stays ignored: `nohup` ignores
    // SIGHUP, a shell script's background jobs ignore SIGINT.
    let wanted: Vec<i32> = [SIGINT, SIGTERM, SIGHUP]
        .into_iter()
        .filter(|&signal| !ignored(signal))
        .collect();
    // Without the handler, signals end the process as before (and may leave a temporary file).
    let Ok(mut signals) = Signals::new(wanted) else {
        return;
    };
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            let mut pending = lock();
            for path in pending.drain(..) {
                let _ = std::fs::remove_file(path);
            }
            // End as the signal would have, so that a shell or a supervisor sees it.
            let _ = signal_hook::low_level::emulate_default_handler(signal);
            std::process::exit(128 + signal);
        }
    });
}

/// Whether the process ignores `signal`, as Linux reports it in
/// `/proc/self/status`; elsewhere no signal is taken to be ignored.
#[cfg(unix)]
fn ignored(signal: i32) -> bool {
    let mask = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            let hex = status
                .lines()
                .find_map(|line| line.strip_prefix("SigIgn:"))?;
            u64::from_str_radix(hex.trim(), 16).ok()
        })
        .unwrap_or(0);
    (1..=64).contains(&signal) && mask & (1 << (signal - 1)) != 0
}

#[cfg(not(unix))]
fn install() {}
