//! Signals, as Falco handles them: SIGINT and SIGTERM stop the run, SIGHUP restarts it
//! (configuration and rules reloaded), SIGUSR1 reopens the outputs (e.g. after a log
//! rotation). Handlers only set flags; the event loop polls them with [`poll`].
//!
//! [`watch`] implements `watch_config_files`: a change to one of the configuration or rules
//! files (or to the list of files of a watched directory) requests a restart, as SIGHUP
//! does.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, SystemTime};

static TERMINATE: AtomicI32 = AtomicI32::new(0);
static RESTART: AtomicBool = AtomicBool::new(false);
static REOPEN: AtomicBool = AtomicBool::new(false);

extern "C" fn on_signal(sig: libc::c_int) {
    match sig {
        libc::SIGINT | libc::SIGTERM => TERMINATE.store(sig, Ordering::SeqCst),
        libc::SIGHUP => RESTART.store(true, Ordering::SeqCst),
        libc::SIGUSR1 => REOPEN.store(true, Ordering::SeqCst),
        _ => {}
    }
}

/// Install the handlers (and clear flags left from a previous run).
pub fn install() -> Result<(), String> {
    reset();
    for sig in [libc::SIGINT, libc::SIGTERM, libc::SIGHUP, libc::SIGUSR1] {
        let handler = on_signal as extern "C" fn(libc::c_int) as libc::sighandler_t;
        // SAFETY: the handler only stores into atomics, which is async-signal-safe.
        let prev = unsafe { libc::signal(sig, handler) };
        if prev == libc::SIG_ERR {
            return Err(format!(
                "Could not create signal handler for {}: {}",
                signal_name(sig),
                std::io::Error::last_os_error()
            ));
        }
    }
    Ok(())
}

/// Restore the default handlers.
pub fn uninstall() {
    for sig in [libc::SIGINT, libc::SIGTERM, libc::SIGHUP, libc::SIGUSR1] {
        // SAFETY: restoring the default disposition has no preconditions.
        unsafe {
            libc::signal(sig, libc::SIG_DFL);
        }
    }
}

/// Clear every flag.
pub fn reset() {
    TERMINATE.store(0, Ordering::SeqCst);
    RESTART.store(false, Ordering::SeqCst);
    REOPEN.store(false, Ordering::SeqCst);
}

fn signal_name(sig: libc::c_int) -> &'static str {
    match sig {
        libc::SIGINT => "SIGINT",
        libc::SIGTERM => "SIGTERM",
        libc::SIGHUP => "SIGHUP",
        libc::SIGUSR1 => "SIGUSR1",
        _ => "signal",
    }
}

/// Ask the run to stop, as SIGTERM would (e.g. when `-M` seconds have passed).
pub fn request_terminate() {
    TERMINATE.store(libc::SIGTERM, Ordering::SeqCst);
}

/// What the event loop should do after [`poll`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Request {
    /// Keep going.
    None,
    /// Stop (SIGINT/SIGTERM).
    Terminate,
    /// Stop and run again (SIGHUP).
    Restart,
    /// Reopen the outputs, keep going (SIGUSR1).
    ReopenOutputs,
}

/// Take the pending request, logging it as Falco does (`SIGINT received, exiting...`,
/// `SIGHUP received, restarting...`, `SIGUSR1 received, reopening outputs...`).
pub fn poll() -> Request {
    let t = TERMINATE.swap(0, Ordering::SeqCst);
    if t != 0 {
        crate::logger::info(&format!("{} received, exiting...", signal_name(t)));
        return Request::Terminate;
    }
    if RESTART.swap(false, Ordering::SeqCst) {
        crate::logger::info("SIGHUP received, restarting...");
        return Request::Restart;
    }
    if REOPEN.swap(false, Ordering::SeqCst) {
        crate::logger::info("SIGUSR1 received, reopening outputs...");
        return Request::ReopenOutputs;
    }
    Request::None
}

/// Ask the run to restart, as SIGHUP would.
pub fn request_restart() {
    RESTART.store(true, Ordering::SeqCst);
}

/// A running file watcher; dropping it stops the watch at once (the thread waits on a
/// channel that the drop closes, so a run's shutdown does not wait for a poll interval).
pub struct Watcher {
    stop: Option<crossbeam_channel::Sender<()>>,
    handle: Option<JoinHandle<()>>,
}

impl Drop for Watcher {
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

type Fingerprint = Vec<(PathBuf, Option<(SystemTime, u64)>)>;

fn fingerprint(paths: &[PathBuf]) -> Fingerprint {
    let stat = |p: &PathBuf| {
        std::fs::metadata(p)
            .ok()
            .map(|m| (m.modified().unwrap_or(SystemTime::UNIX_EPOCH), m.len()))
    };
    let mut out = Vec::new();
    for p in paths {
        out.push((p.clone(), stat(p)));
        if p.is_dir() {
            let mut entries: Vec<PathBuf> = std::fs::read_dir(p)
                .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
                .unwrap_or_default();
            entries.sort();
            for e in entries {
                let st = stat(&e);
                out.push((e, st));
            }
        }
    }
    out
}

/// Watch `paths` (files and directories), checking every `interval`; on a change, request
/// a restart (see [`poll`]) and stop watching.
pub fn watch(paths: Vec<PathBuf>, interval: Duration) -> Watcher {
    for p in &paths {
        let what = if p.is_dir() { "directory" } else { "file" };
        crate::logger::debug(&format!("Watching {what} '{}'", p.display()));
    }
    let (stop, stopped) = crossbeam_channel::bounded::<()>(0);
    let handle = std::thread::Builder::new()
        .name("falco-watch".into())
        .spawn(move || {
            let first = fingerprint(&paths);
            // Nothing is ever sent: the wait ends by timeout (check the files) or by the
            // sender's drop (stop).
            while let Err(crossbeam_channel::RecvTimeoutError::Timeout) =
                stopped.recv_timeout(interval)
            {
                if fingerprint(&paths) != first {
                    request_restart();
                    return;
                }
            }
        })
        .ok();
    Watcher {
        stop: Some(stop),
        handle,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn watcher_requests_a_restart_on_change() {
        let d = std::env::temp_dir().join(format!("falco-watch-{}", std::process::id()));
        std::fs::create_dir_all(&d).unwrap();
        let f = d.join("falco.yaml");
        std::fs::write(&f, "a: 1\n").unwrap();
        reset();
        let w = watch(vec![f.clone(), d.clone()], Duration::from_millis(20));
        std::thread::sleep(Duration::from_millis(60));
        assert!(!RESTART.load(Ordering::SeqCst));
        std::fs::write(d.join("new.yaml"), "").unwrap();
        let deadline = std::time::Instant::now() + Duration::from_secs(5);
        while !RESTART.load(Ordering::SeqCst) {
            assert!(std::time::Instant::now() < deadline);
            std::thread::sleep(Duration::from_millis(10));
        }
        drop(w);
        assert_eq!(poll(), Request::Restart);
        let _ = std::fs::remove_dir_all(&d);
    }
}
