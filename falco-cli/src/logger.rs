//! Falco's operational log: lines on stderr and/or syslog, filtered by `log_level`.
//!
//! A stderr line is `<time>: <message>`, the time local and ctime-like
//! (`Thu Jul 31 21:06:20 2026`) or, with `time_format_iso_8601`, UTC
//! (`2026-07-31T19:06:20+0000`). A message is printed with exactly one trailing newline;
//! syslog gets it without. Messages less severe than the configured level are dropped.
//!
//! The logger is process-wide: [`configure`] it once the configuration is loaded (before
//! that it logs `info` and above to stderr). [`capture`] diverts lines to memory, for
//! tests and for callers that want to inspect what was logged.

use std::ffi::CString;
use std::io::Write;
use std::sync::{Arc, Mutex, RwLock};

use crate::timefmt;

/// A log level (`log_level` in `falco.yaml`); the numbers are syslog's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// `emergency`
    Emergency = 0,
    /// `alert`
    Alert = 1,
    /// `critical`
    Critical = 2,
    /// `error`
    Error = 3,
    /// `warning`
    Warning = 4,
    /// `notice`
    Notice = 5,
    /// `info`
    Info = 6,
    /// `debug`
    Debug = 7,
}

impl Level {
    /// Parse a `log_level` value.
    pub fn parse(s: &str) -> Option<Level> {
        Some(match s {
            "emergency" => Level::Emergency,
            "alert" => Level::Alert,
            "critical" => Level::Critical,
            "error" => Level::Error,
            "warning" => Level::Warning,
            "notice" => Level::Notice,
            "info" => Level::Info,
            "debug" => Level::Debug,
            _ => return None,
        })
    }

    /// The `log_level` word.
    pub fn name(self) -> &'static str {
        match self {
            Level::Emergency => "emergency",
            Level::Alert => "alert",
            Level::Critical => "critical",
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Notice => "notice",
            Level::Info => "info",
            Level::Debug => "debug",
        }
    }
}

/// Where and what the logger writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Settings {
    /// Least severe level written.
    pub level: Level,
    /// Write to stderr.
    pub stderr: bool,
    /// Write to syslog.
    pub syslog: bool,
    /// ISO 8601 (UTC) time prefix instead of the local ctime-like one.
    pub iso8601: bool,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            level: Level::Info,
            stderr: true,
            syslog: false,
            iso8601: false,
        }
    }
}

type Sink = Arc<Mutex<Vec<(Level, String)>>>;

struct State {
    settings: Settings,
    captures: Vec<Sink>,
}

static STATE: RwLock<State> = RwLock::new(State {
    settings: Settings {
        level: Level::Info,
        stderr: true,
        syslog: false,
        iso8601: false,
    },
    captures: Vec::new(),
});

/// Apply `settings` to every later line.
pub fn configure(settings: Settings) {
    let mut st = STATE.write().unwrap_or_else(|e| e.into_inner());
    st.settings = settings;
}

/// The settings in force.
pub fn settings() -> Settings {
    STATE.read().unwrap_or_else(|e| e.into_inner()).settings
}

/// True when a message of `level` would be written.
pub fn enabled(level: Level) -> bool {
    level <= settings().level
}

/// Divert every later line (that passes the level) to memory, in addition to syslog;
/// stderr is not written while a capture is active. Several captures may be active at once
/// (each sees every line). Lines are read with [`Capture::lines`]; dropping the handle does
/// not stop the capture, [`Capture::stop`] does.
pub fn capture() -> Capture {
    let sink: Sink = Arc::new(Mutex::new(Vec::new()));
    STATE
        .write()
        .unwrap_or_else(|e| e.into_inner())
        .captures
        .push(sink.clone());
    Capture { sink }
}

/// Lines captured by [`capture`].
#[derive(Clone)]
pub struct Capture {
    sink: Sink,
}

impl Capture {
    /// The messages logged so far (without time prefix or trailing newline).
    pub fn lines(&self) -> Vec<(Level, String)> {
        self.sink.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// True when some message contains `needle`.
    pub fn contains(&self, needle: &str) -> bool {
        self.lines().iter().any(|(_, l)| l.contains(needle))
    }

    /// Stop capturing: lines go to stderr again.
    pub fn stop(&self) {
        let mut st = STATE.write().unwrap_or_else(|e| e.into_inner());
        st.captures.retain(|s| !Arc::ptr_eq(s, &self.sink));
    }
}

/// Log `msg` at `level`.
pub fn log(level: Level, msg: &str) {
    let (settings, captures) = {
        let st = STATE.read().unwrap_or_else(|e| e.into_inner());
        (st.settings, st.captures.clone())
    };
    if level > settings.level {
        return;
    }
    let body = msg.strip_suffix('\n').unwrap_or(msg);
    if settings.syslog {
        syslog(level as libc::c_int, body);
    }
    if !captures.is_empty() {
        for sink in captures {
            sink.lock()
                .unwrap_or_else(|e| e.into_inner())
                .push((level, body.to_string()));
        }
        return;
    }
    if settings.stderr {
        let line = format!(
            "{}: {}\n",
            timefmt::log_prefix(timefmt::now_sec(), settings.iso8601),
            body
        );
        let _ = std::io::stderr().lock().write_all(line.as_bytes());
    }
}

/// Send one message to syslog at `priority` (0 emergency … 7 debug), facility `user`.
pub fn syslog(priority: libc::c_int, msg: &str) {
    let Ok(c) = CString::new(msg.replace('\0', " ")) else {
        return;
    };
    // SAFETY: both strings are valid NUL-terminated C strings for the duration of the call;
    // the "%s" format consumes exactly the one argument given.
    unsafe {
        libc::syslog(priority, c"%s".as_ptr(), c.as_ptr());
    }
}

/// Log at `emergency`.
pub fn emergency(msg: &str) {
    log(Level::Emergency, msg)
}
/// Log at `critical`.
pub fn critical(msg: &str) {
    log(Level::Critical, msg)
}
/// Log at `error`.
pub fn error(msg: &str) {
    log(Level::Error, msg)
}
/// Log at `warning`.
pub fn warning(msg: &str) {
    log(Level::Warning, msg)
}
/// Log at `notice`.
pub fn notice(msg: &str) {
    log(Level::Notice, msg)
}
/// Log at `info`.
pub fn info(msg: &str) {
    log(Level::Info, msg)
}
/// Log at `debug`.
pub fn debug(msg: &str) {
    log(Level::Debug, msg)
}
