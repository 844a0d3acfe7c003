//! Test harness shared by the workspace's integration tests.
//!
//! The project's behaviour is checked against real capture files and an independent oracle:
//!
//! * **Captures.** The shared `.scap` files live outside the repository (never copy them in):
//!   `$FALCO_CAPTURES` if set, else `<workspace>/../shared/captures`. [`captures_dir`] finds
//!   them; [`captures_or_skip!`] makes a test print one `SKIP` line and return when they are
//!   absent. [`CAPTURES`] lists them; [`capture_path`] gives the file to open (gzip files as
//!   they are: our tools open gzip transparently, and so does sysdig), and [`uncompressed`]
//!   gives an uncompressed copy in a temporary directory for readers that need one.
//! * **The oracle.** Debian's sysdig 0.29 ([`sysdig`], [`sysdig_or_skip!`], [`run_sysdig`]).
//!   Only 0.29.x is accepted: the expected files were made with 0.29.3 and other versions
//!   name or number some events differently.
//! * **Expected outputs.** Made with sysdig by `tests/expected/regen.sh` and committed under
//!   `tests/expected/` (see its README for provenance and sysdig's quirks). Small captures have
//!   their full output ([`Capture::expected_output`]); the big one has an [`OutputDigest`]
//!   (line count, SHA-256, lines per event type, every 997th line).
//! * **Our binaries.** [`bin`] finds a workspace binary from any package's tests.
//! * **Comparing.** [`assert_same_lines`] and [`OutputDigest::check`] report the number of
//!   differing lines and the first few differences with line numbers, never whole outputs.
//!
//! Every SKIP line is written straight to the process's stderr, so it shows in a plain
//! `cargo test` run (the test harness captures only `print!`/`eprint!`).

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::fs::File;
use std::io::{Read, Write as _};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use flate2::read::MultiGzDecoder;
use sha2::{Digest as _, Sha256};

/// The `-p` format of the expected outputs in `tests/expected/issue3/`.
pub const EVT_FORMAT: &str = "%evt.num %evt.rawtime %evt.cpu %thread.tid %evt.dir %evt.type";

/// An [`OutputDigest`] keeps line 1 and every `SAMPLE_EVERY`th line after it.
pub const SAMPLE_EVERY: u64 = 997;

/// How many differences a mismatch report shows.
const SHOWN_DIFFS: usize = 10;

/// What is committed for a capture under `tests/expected/issue3/`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expected {
    /// `<stem>.evt.txt.gz`: sysdig's whole output with [`EVT_FORMAT`], gzip-compressed.
    Full,
    /// `<stem>.evt.digest`: an [`OutputDigest`] of that output.
    Digest,
}

/// One of the shared capture files.
#[derive(Clone, Copy, Debug)]
pub struct Capture {
    /// Short name, used for the expected files: `vm-triggers`.
    pub stem: &'static str,
    /// File name in the captures directory: `vm-triggers.scap.gz`.
    pub file: &'static str,
    /// Event blocks in the file (what `evt.num` counts, PROCINFO events included).
    pub event_blocks: u64,
    /// Lines sysdig prints with [`EVT_FORMAT`] (every event block but PROCINFO).
    pub printed_events: u64,
    /// What is committed for it.
    pub expected: Expected,
}

/// The shared captures, smallest first. Some `.scap` files are gzip-compressed despite the name.
pub const CAPTURES: &[Capture] = &[
    Capture {
        stem: "single_ipv6_conn",
        file: "single_ipv6_conn.scap",
        event_blocks: 1_728,
        printed_events: 28,
        expected: Expected::Full,
    },
    Capture {
        stem: "test_ipv6_client",
        file: "test_ipv6_client.scap",
        event_blocks: 326,
        printed_events: 68,
        expected: Expected::Full,
    },
    Capture {
        stem: "curl_google",
        file: "curl_google.scap",
        event_blocks: 1_536,
        printed_events: 1_221,
        expected: Expected::Full,
    },
    Capture {
        stem: "vm-triggers",
        file: "vm-triggers.scap.gz",
        event_blocks: 19_181,
        printed_events: 19_063,
        expected: Expected::Full,
    },
    Capture {
        stem: "vm-containers",
        file: "vm-containers.scap.gz",
        event_blocks: 57_765,
        printed_events: 56_578,
        expected: Expected::Full,
    },
    Capture {
        stem: "vm-workload-2",
        file: "vm-workload-2.scap.gz",
        event_blocks: 1_003_091,
        printed_events: 998_121,
        expected: Expected::Digest,
    },
];

/// The capture called `stem` in [`CAPTURES`]; panics on an unknown name.
pub fn capture(stem: &str) -> &'static Capture {
    CAPTURES
        .iter()
        .find(|c| c.stem == stem)
        .unwrap_or_else(|| panic!("no capture named {stem:?} in falco_tests::CAPTURES"))
}

impl Capture {
    /// The file to open: see [`capture_path`].
    pub fn path(&self) -> PathBuf {
        capture_path(self.file)
    }

    /// The committed expected file for [`EVT_FORMAT`].
    pub fn expected_path(&self) -> PathBuf {
        let name = match self.expected {
            Expected::Full => format!("{}.evt.txt.gz", self.stem),
            Expected::Digest => format!("{}.evt.digest", self.stem),
        };
        expected_dir().join("issue3").join(name)
    }

    /// sysdig's whole output with [`EVT_FORMAT`]; panics for an [`Expected::Digest`] capture.
    pub fn expected_output(&self) -> String {
        assert_eq!(
            self.expected,
            Expected::Full,
            "only a digest of {}'s output is committed",
            self.stem
        );
        sysdig_029_as_current(&read_maybe_gz(&self.expected_path()))
    }

    /// The committed digest; panics for an [`Expected::Full`] capture.
    pub fn expected_digest(&self) -> OutputDigest {
        assert_eq!(
            self.expected,
            Expected::Digest,
            "{}'s whole output is committed",
            self.stem
        );
        let path = self.expected_path();
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        OutputDigest::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }
}

/// The workspace's root directory (the parent of this package).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent")
        .to_path_buf()
}

/// `tests/expected/`, where the committed expected outputs live.
pub fn expected_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("expected")
}

/// Writes one line to the process's stderr, past the test harness's output capture.
pub fn note(line: &str) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "{line}");
}

/// Prints `SKIP <test name>: <reason>` (one line, shown even when output is captured).
pub fn skip(reason: &str) {
    let thread = std::thread::current();
    match thread.name() {
        Some(name) if name != "main" => note(&format!("SKIP {name}: {reason}")),
        _ => note(&format!("SKIP: {reason}")),
    }
}

fn find_captures() -> Result<PathBuf, String> {
    if let Some(dir) = std::env::var_os("FALCO_CAPTURES") {
        let dir = PathBuf::from(dir);
        return if dir.is_dir() {
            Ok(dir)
        } else {
            Err(format!(
                "FALCO_CAPTURES={} is not a directory",
                dir.display()
            ))
        };
    }
    let dir = workspace_root().join("..").join("shared").join("captures");
    match dir.canonicalize() {
        Ok(dir) if dir.is_dir() => Ok(dir),
        _ => Err(format!(
            "shared captures not found at {}; set FALCO_CAPTURES",
            dir.display()
        )),
    }
}

/// The shared captures directory: `$FALCO_CAPTURES` if set, else
/// `<workspace root>/../shared/captures` if it exists.
pub fn captures_dir() -> Option<PathBuf> {
    find_captures().ok()
}

/// Why [`captures_dir`] is `None`, as one line; `None` when the captures are there.
pub fn captures_missing_reason() -> Option<String> {
    find_captures().err()
}

/// Evaluates to the captures directory, or prints one `SKIP` line and returns from the
/// calling function (which must return `()`) when the captures are absent.
#[macro_export]
macro_rules! captures_or_skip {
    () => {
        match $crate::captures_dir() {
            Some(dir) => dir,
            None => {
                $crate::skip(&$crate::captures_missing_reason().unwrap_or_default());
                return;
            }
        }
    };
}

/// Evaluates to sysdig's path, or prints one `SKIP` line naming why and returns from the
/// calling function (which must return `()`).
#[macro_export]
macro_rules! sysdig_or_skip {
    () => {
        match $crate::sysdig() {
            Some(path) => path,
            None => return,
        }
    };
}

/// Why live capture on the running kernel cannot be tested here (no kernel BTF, not
/// root), or `None` when it can.
pub fn live_missing_reason() -> Option<String> {
    if !Path::new("/sys/kernel/btf/vmlinux").exists() {
        return Some("live capture needs kernel BTF (/sys/kernel/btf/vmlinux)".into());
    }
    let root = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("Uid:"))
                .map(|l| l.split_whitespace().nth(2) == Some("0"))
        })
        .unwrap_or(false);
    if !root {
        return Some("live capture needs root".into());
    }
    None
}

/// Prints one `SKIP` line naming why and returns from the test when live capture cannot
/// be tested here (see [`live_missing_reason`]).
#[macro_export]
macro_rules! live_or_skip {
    () => {
        if let Some(why) = $crate::live_missing_reason() {
            $crate::skip(&why);
            return;
        }
    };
}

/// The path of capture `name` in the captures directory (`name` or, failing that,
/// `name.gz`), as it is: possibly gzip-compressed. Panics when it is absent; call
/// [`captures_or_skip!`] first.
pub fn capture_path(name: &str) -> PathBuf {
    let dir = find_captures().unwrap_or_else(|e| panic!("{e}"));
    let plain = dir.join(name);
    if plain.is_file() {
        return plain;
    }
    let gz = dir.join(format!("{name}.gz"));
    if gz.is_file() {
        return gz;
    }
    panic!("capture {name} not found in {}", dir.display());
}

/// True if the file starts with the gzip magic bytes.
pub fn is_gzip(path: &Path) -> bool {
    let mut magic = [0u8; 2];
    File::open(path)
        .and_then(|mut f| f.read_exact(&mut magic))
        .is_ok()
        && magic == [0x1f, 0x8b]
}

/// An uncompressed version of `path`: `path` itself if it is not gzip-compressed, else a
/// copy decompressed once into `<temp dir>/falco-tests/` (keyed by name, size and mtime, and
/// written under a temporary name then renamed, so concurrent tests can share it).
pub fn uncompressed(path: &Path) -> PathBuf {
    if !is_gzip(path) {
        return path.to_path_buf();
    }
    let meta =
        std::fs::metadata(path).unwrap_or_else(|e| panic!("cannot stat {}: {e}", path.display()));
    let mtime = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_secs());
    let file_name = path.file_name().unwrap_or_default().to_string_lossy();
    let stem = file_name.strip_suffix(".gz").unwrap_or(&file_name);
    let dir = std::env::temp_dir().join("falco-tests");
    let out = dir.join(format!("{}-{mtime}-{stem}", meta.len()));
    if out.is_file() {
        return out;
    }
    std::fs::create_dir_all(&dir)
        .unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
    let tmp = dir.join(format!(
        ".{stem}.{}.{:?}.tmp",
        std::process::id(),
        std::thread::current().id()
    ));
    let result = (|| -> std::io::Result<()> {
        let mut input = MultiGzDecoder::new(File::open(path)?);
        let mut output = std::io::BufWriter::new(File::create(&tmp)?);
        std::io::copy(&mut input, &mut output)?;
        output.into_inner()?.sync_all()?;
        std::fs::rename(&tmp, &out)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        panic!(
            "cannot decompress {} to {}: {e}",
            path.display(),
            out.display()
        );
    }
    out
}

/// The whole text of a file, gunzipped first if it is gzip-compressed.
pub fn read_maybe_gz(path: &Path) -> String {
    let mut bytes = Vec::new();
    let result = File::open(path).and_then(|f| {
        if is_gzip(path) {
            MultiGzDecoder::new(f).read_to_end(&mut bytes)
        } else {
            let mut f = f;
            f.read_to_end(&mut bytes)
        }
    });
    if let Err(e) = result {
        panic!("cannot read {}: {e}", path.display());
    }
    String::from_utf8(bytes).unwrap_or_else(|e| panic!("{} is not UTF-8: {e}", path.display()))
}

fn find_sysdig() -> Result<PathBuf, String> {
    let path = match std::env::var_os("FALCO_SYSDIG") {
        Some(p) => PathBuf::from(p),
        None => std::env::var_os("PATH")
            .iter()
            .flat_map(std::env::split_paths)
            .chain([PathBuf::from("/usr/bin")])
            .map(|dir| dir.join("sysdig"))
            .find(|p| p.is_file())
            .ok_or("sysdig not installed (apt-get install sysdig; or set FALCO_SYSDIG)")?,
    };
    let out = Command::new(&path)
        .arg("--version")
        .output()
        .map_err(|e| format!("cannot run {} --version: {e}", path.display()))?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    let version = stdout.lines().next().unwrap_or("").trim();
    if version.starts_with("sysdig version 0.29.") {
        Ok(path)
    } else {
        Err(format!(
            "{} is {version:?}, the oracle must be sysdig 0.29.x",
            path.display()
        ))
    }
}

/// The sysdig 0.29 to compare against: `$FALCO_SYSDIG`, else `sysdig` on `PATH` or in
/// `/usr/bin`. When there is none (or it is another version), prints one `SKIP` line naming
/// why and returns `None`.
pub fn sysdig() -> Option<PathBuf> {
    static SYSDIG: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    match SYSDIG.get_or_init(find_sysdig) {
        Ok(path) => Some(path.clone()),
        Err(why) => {
            skip(why);
            None
        }
    }
}

/// Runs a command to completion and returns its stdout; panics with the exit status and the
/// end of stderr if it fails.
pub fn run_command(cmd: &mut Command) -> String {
    let shown = format!("{cmd:?}");
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run {shown}: {e}"));
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        let tail: Vec<&str> = stderr.lines().rev().take(20).collect();
        let tail: Vec<&str> = tail.into_iter().rev().collect();
        panic!(
            "{shown} failed ({}); stderr ends with:\n{}",
            out.status,
            tail.join("\n")
        );
    }
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// `sysdig -r <capture> <args>`'s stdout. Panics if sysdig is missing (call
/// [`sysdig_or_skip!`] first) or fails.
pub fn run_sysdig(capture: &Path, args: &[&str]) -> String {
    let sysdig = find_sysdig().unwrap_or_else(|e| panic!("{e}"));
    sysdig_029_as_current(&run_command(
        Command::new(sysdig).arg("-r").arg(capture).args(args),
    ))
}

/// sysdig 0.29's output with its known differences from current libsinsp corrected, so
/// that comparisons test what current Falco users see. Every correction is listed here,
/// with its reason:
///
/// * `sigreturn` → `rt_sigreturn` as an event type (last field of a line): syscall id 298
///   (`PPM_SC_*`) is x86_64's `rt_sigreturn`; libs renamed it from `sigreturn` in October
///   2022 (falcosecurity/libs commit 09a74c1), after sysdig 0.29's table was frozen.
///
/// Differences in the text of event parameters and `evt.*` fields (`evt.args`, `evt.res`,
/// enum flags, empty values, table changes...) cannot be corrected from the text alone:
/// they depend on each parameter's type and on the recorded value. They are corrected per
/// column, with the capture's events at hand, by `falco-cli/tests/args_differential.rs`,
/// whose documentation lists each with its reason.
pub fn sysdig_029_as_current(output: &str) -> String {
    let mut out = String::with_capacity(output.len() + 64);
    for line in output.split_inclusive('\n') {
        let (body, nl) = match line.strip_suffix('\n') {
            Some(b) => (b, "\n"),
            None => (line, ""),
        };
        match body.strip_suffix(" sigreturn") {
            Some(head) => {
                out.push_str(head);
                out.push_str(" rt_sigreturn");
            }
            None => out.push_str(body),
        }
        out.push_str(nl);
    }
    out
}

/// The path of workspace binary `name`: `$FALCO_BIN_DIR/name` if that variable is set, else
/// `target/<profile>/name` next to the running test executable (`target/<profile>/deps/`).
/// Panics with the build command when it is missing. (A package's own binaries are better
/// found with `env!("CARGO_BIN_EXE_<name>")`.)
pub fn bin(name: &str) -> PathBuf {
    let file = format!("{name}{}", std::env::consts::EXE_SUFFIX);
    let path = match std::env::var_os("FALCO_BIN_DIR") {
        Some(dir) => PathBuf::from(dir).join(&file),
        None => {
            let exe = std::env::current_exe().expect("the test executable's path");
            let deps = exe.parent().expect("the test executable's directory");
            let profile = if deps.ends_with("deps") {
                deps.parent().unwrap_or(deps)
            } else {
                deps
            };
            profile.join(&file)
        }
    };
    assert!(
        path.is_file(),
        "binary {name} not found at {}; build it: cargo build -p falco-cli \
         (or set FALCO_BIN_DIR)",
        path.display()
    );
    path
}

fn clip(line: &str) -> String {
    const MAX: usize = 200;
    if line.len() <= MAX {
        return line.to_string();
    }
    let mut end = MAX;
    while !line.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}… ({} bytes)", &line[..end], line.len())
}

/// How far ahead [`diff_lines`] looks for the two outputs to agree again after a difference.
const RESYNC_WINDOW: usize = 64;

/// Compares two outputs line by line. `None` if they are equal; else a short report: both line
/// counts, how many expected lines are missing from the actual output and how many actual
/// lines were not expected (as multisets, so a changed line counts once each way), and the
/// first ten differences in order, each with its 1-based line number(s): a line missing, an
/// extra line, or a changed line.
pub fn diff_lines(expected: &str, actual: &str) -> Option<String> {
    if expected == actual {
        return None;
    }
    let exp: Vec<&str> = expected.lines().collect();
    let act: Vec<&str> = actual.lines().collect();

    let mut balance: HashMap<&str, i64> = HashMap::new();
    for l in &exp {
        *balance.entry(l).or_insert(0) += 1;
    }
    for l in &act {
        *balance.entry(l).or_insert(0) -= 1;
    }
    let missing: i64 = balance.values().filter(|&&n| n > 0).sum();
    let extra: i64 = -balance.values().filter(|&&n| n < 0).sum::<i64>();

    let mut report = format!(
        "expected {} lines, got {}; {missing} expected line(s) missing, {extra} unexpected",
        exp.len(),
        act.len()
    );
    if missing == 0 && extra == 0 {
        if exp == act {
            report.push_str(" (the texts differ only in line endings or the final newline)");
            return Some(report);
        }
        report.push_str(" (the same lines in another order)");
    }
    report.push_str("; the first differences:\n");
    let show = |l: &str| clip(l);
    let (mut i, mut j, mut shown) = (0, 0, 0);
    while shown < SHOWN_DIFFS && (i < exp.len() || j < act.len()) {
        if i < exp.len() && j < act.len() && exp[i] == act[j] {
            i += 1;
            j += 1;
            continue;
        }
        // The smallest step (di, dj) after which the outputs agree again, if one is near.
        let step = (1..=2 * RESYNC_WINDOW).find_map(|d| {
            (d.saturating_sub(RESYNC_WINDOW)..=d.min(RESYNC_WINDOW))
                .map(|di| (di, d - di))
                .find(|&(di, dj)| match (exp.get(i + di), act.get(j + dj)) {
                    (Some(e), Some(a)) => e == a,
                    (None, None) => true,
                    _ => false,
                })
        });
        let (di, dj) = step.unwrap_or((1, 1));
        let (di, dj) = (di.min(exp.len() - i), dj.min(act.len() - j));
        for k in 0..di.max(dj) {
            if shown == SHOWN_DIFFS {
                break;
            }
            shown += 1;
            let (e, a) = (
                exp.get(i + k).filter(|_| k < di),
                act.get(j + k).filter(|_| k < dj),
            );
            let _ = match (e, a) {
                (Some(e), Some(a)) => writeln!(
                    report,
                    "  changed: expected line {}: {}\n           actual line {}:   {}",
                    i + k + 1,
                    show(e),
                    j + k + 1,
                    show(a)
                ),
                (Some(e), None) => writeln!(
                    report,
                    "  missing: expected line {} (before actual line {}): {}",
                    i + k + 1,
                    j + dj + 1,
                    show(e)
                ),
                (None, Some(a)) => writeln!(
                    report,
                    "  extra:   actual line {} (before expected line {}): {}",
                    j + k + 1,
                    i + di + 1,
                    show(a)
                ),
                (None, None) => Ok(()),
            };
        }
        i += di;
        j += dj;
    }
    Some(report)
}

/// Panics with [`diff_lines`]'s report, headed by `what`, if the outputs differ.
#[track_caller]
pub fn assert_same_lines(what: &str, expected: &str, actual: &str) {
    if let Some(report) = diff_lines(expected, actual) {
        panic!("{what}: {report}");
    }
}

/// The lines of an [`EVT_FORMAT`]-style output whose first field (`evt.num`) is at most `n`:
/// what `sysdig -n n` prints (`-n` counts the events read, hidden PROCINFO events included).
pub fn lines_with_evt_num_at_most(output: &str, n: u64) -> String {
    output
        .lines()
        .filter(|l| {
            l.split(' ')
                .next()
                .and_then(|num| num.parse::<u64>().ok())
                .is_some_and(|num| num <= n)
        })
        .flat_map(|l| [l, "\n"])
        .collect()
}

/// Keeps the given 0-based space-separated fields of every line, joined by one space.
pub fn select_fields(output: &str, fields: &[usize]) -> String {
    let mut out = String::with_capacity(output.len() / 2);
    for line in output.lines() {
        let parts: Vec<&str> = line.split(' ').collect();
        let kept: Vec<&str> = fields
            .iter()
            .map(|&i| parts.get(i).copied().unwrap_or(""))
            .collect();
        out.push_str(&kept.join(" "));
        out.push('\n');
    }
    out
}

/// A compact stand-in for an output too big to commit (format v1, written by
/// `tests/expected/regen.sh`): enough to check an implementation and to locate where it
/// diverges.
///
/// ```text
/// # comment lines
/// lines <count>
/// sha256 <hex of the whole output's bytes>
/// type <last field of a line (evt.type)> <lines>
/// sample <1-based line number> <the line verbatim>   (line 1, then every 997th)
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutputDigest {
    /// Lines in the output.
    pub lines: u64,
    /// SHA-256 of the whole output (lowercase hex).
    pub sha256: String,
    /// Lines per last field (the event type in [`EVT_FORMAT`]).
    pub types: BTreeMap<String, u64>,
    /// Line 1 and every [`SAMPLE_EVERY`]th line after it, with their 1-based numbers.
    pub samples: Vec<(u64, String)>,
}

impl OutputDigest {
    /// The digest of an output.
    pub fn of_output(output: &str) -> Self {
        let mut lines = 0u64;
        let mut types = BTreeMap::new();
        let mut samples = Vec::new();
        for line in output.lines() {
            lines += 1;
            let ty = line.split_whitespace().last().unwrap_or("");
            *types.entry(ty.to_string()).or_insert(0) += 1;
            if (lines - 1) % SAMPLE_EVERY == 0 {
                samples.push((lines, line.to_string()));
            }
        }
        let sha256 =
            Sha256::digest(output.as_bytes())
                .iter()
                .fold(String::with_capacity(64), |mut s, b| {
                    let _ = write!(s, "{b:02x}");
                    s
                });
        OutputDigest {
            lines,
            sha256,
            types,
            samples,
        }
    }

    /// Parses a digest file.
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut lines = None;
        let mut sha256 = None;
        let mut types = BTreeMap::new();
        let mut samples = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let bad = || format!("digest line {}: cannot parse {:?}", i + 1, clip(line));
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (key, rest) = line.split_once(' ').ok_or_else(bad)?;
            match key {
                "lines" => lines = Some(rest.parse::<u64>().map_err(|_| bad())?),
                "sha256" => sha256 = Some(rest.to_string()),
                "type" => {
                    let (name, n) = rest.rsplit_once(' ').ok_or_else(bad)?;
                    types.insert(name.to_string(), n.parse::<u64>().map_err(|_| bad())?);
                }
                "sample" => {
                    let (n, l) = rest.split_once(' ').ok_or_else(bad)?;
                    samples.push((n.parse::<u64>().map_err(|_| bad())?, l.to_string()));
                }
                _ => return Err(bad()),
            }
        }
        Ok(OutputDigest {
            lines: lines.ok_or("digest has no `lines` line")?,
            sha256: sha256.ok_or("digest has no `sha256` line")?,
            types,
            samples,
        })
    }

    /// Checks `output` against this (expected) digest. `None` if it matches; else a report of
    /// the line counts, the event types whose counts differ, and the first sample that
    /// differs, which brackets the first divergence between two line numbers.
    pub fn check(&self, output: &str) -> Option<String> {
        let actual = OutputDigest::of_output(output);
        if actual == *self {
            return None;
        }
        let mut report = String::new();
        if actual.lines != self.lines {
            let _ = writeln!(
                report,
                "  expected {} lines, got {}",
                self.lines, actual.lines
            );
        }
        if let Some(types) = self.type_differences(&actual) {
            report.push_str(&types);
        }
        let mut previous = 0;
        for (i, (n, expected)) in self.samples.iter().enumerate() {
            let got = actual
                .samples
                .get(i)
                .filter(|(m, _)| m == n)
                .map(|(_, l)| l);
            if got != Some(expected) {
                let _ = writeln!(
                    report,
                    "  the first divergence is between lines {} and {n}: line {n}:",
                    previous + 1
                );
                let _ = writeln!(report, "    expected: {}", clip(expected));
                let got = got.map_or("<no line>".to_string(), |l| clip(l));
                let _ = writeln!(report, "    actual:   {got}");
                break;
            }
            previous = *n;
        }
        if report.is_empty() {
            let _ = writeln!(
                report,
                "  the SHA-256 differs ({} expected, {} got) though counts and samples match",
                self.sha256, actual.sha256
            );
        }
        Some(report)
    }

    /// Checks only the line count and the lines per type (for an output whose lines end with
    /// the event type, in any format).
    pub fn check_counts(&self, output: &str) -> Option<String> {
        let actual = OutputDigest::of_output(output);
        let mut report = String::new();
        if actual.lines != self.lines {
            let _ = writeln!(
                report,
                "  expected {} lines, got {}",
                self.lines, actual.lines
            );
        }
        if let Some(types) = self.type_differences(&actual) {
            report.push_str(&types);
        }
        (!report.is_empty()).then_some(report)
    }

    fn type_differences(&self, actual: &OutputDigest) -> Option<String> {
        let mut names: Vec<&String> = self.types.keys().chain(actual.types.keys()).collect();
        names.sort();
        names.dedup();
        let differing: Vec<String> = names
            .into_iter()
            .filter_map(|name| {
                let e = self.types.get(name).copied().unwrap_or(0);
                let a = actual.types.get(name).copied().unwrap_or(0);
                (e != a).then(|| format!("{name}: expected {e}, got {a}"))
            })
            .collect();
        if differing.is_empty() {
            return None;
        }
        let mut report = format!(
            "  {} event type(s) have other line counts:",
            differing.len()
        );
        for d in differing.iter().take(SHOWN_DIFFS) {
            let _ = write!(report, " {d};");
        }
        report.push('\n');
        Some(report)
    }
}

/// Panics, headed by `what`, if `output` does not match the expected digest.
#[track_caller]
pub fn assert_matches_digest(what: &str, expected: &OutputDigest, output: &str) {
    if let Some(report) = expected.check(output) {
        panic!("{what}: output does not match the committed digest:\n{report}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_outputs_have_no_diff() {
        assert_eq!(diff_lines("a\nb\n", "a\nb\n"), None);
    }

    #[test]
    fn diff_reports_missing_extra_and_changed_lines() {
        let expected: String = (1..=30).map(|i| format!("{i} x\n")).collect();
        let actual: String = (1..=31)
            .filter(|i| *i != 5)
            .map(|i| match i {
                12 => "12 y\n".to_string(),
                20 => "19.5 x\n20 x\n".to_string(),
                _ => format!("{i} x\n"),
            })
            .collect();
        let report = diff_lines(&expected, &actual).unwrap();
        assert!(
            report
                .starts_with("expected 30 lines, got 31; 2 expected line(s) missing, 3 unexpected"),
            "{report}"
        );
        let details: Vec<&str> = report.lines().skip(1).collect();
        assert_eq!(
            details,
            [
                "  missing: expected line 5 (before actual line 5): 5 x",
                "  changed: expected line 12: 12 x",
                "           actual line 11:   12 y",
                "  extra:   actual line 19 (before expected line 20): 19.5 x",
                "  extra:   actual line 31 (before expected line 31): 31 x",
            ],
            "{report}"
        );
    }

    #[test]
    fn diff_of_unrelated_outputs_stays_short() {
        let expected: String = (0..100_000).map(|i| format!("{i} a\n")).collect();
        let actual: String = (0..100_000).map(|i| format!("{i} b\n")).collect();
        let report = diff_lines(&expected, &actual).unwrap();
        assert!(report.contains("100000 expected line(s) missing, 100000 unexpected"));
        assert_eq!(
            report.matches("  changed: ").count(),
            SHOWN_DIFFS,
            "{report}"
        );
    }

    #[test]
    fn diff_notices_a_missing_final_newline() {
        let report = diff_lines("a\nb\n", "a\nb").unwrap();
        assert!(report.contains("final newline"), "{report}");
    }

    #[test]
    fn digest_round_trips_and_locates_a_divergence() {
        let output: String = (1..=3000)
            .map(|i| format!("{i} > {}\n", if i % 3 == 0 { "read" } else { "write" }))
            .collect();
        let digest = OutputDigest::of_output(&output);
        assert_eq!(digest.lines, 3000);
        assert_eq!(digest.types["read"], 1000);
        let samples: Vec<u64> = digest.samples.iter().map(|s| s.0).collect();
        assert_eq!(samples, [1, 998, 1995, 2992]);

        let mut text = format!("# c\nlines {}\nsha256 {}\n", digest.lines, digest.sha256);
        for (name, n) in &digest.types {
            text.push_str(&format!("type {name} {n}\n"));
        }
        for (n, l) in &digest.samples {
            text.push_str(&format!("sample {n} {l}\n"));
        }
        assert_eq!(OutputDigest::parse(&text).unwrap(), digest);
        assert_eq!(digest.check(&output), None);

        let changed = output.replace("1500 > read\n", "");
        let report = digest.check(&changed).unwrap();
        assert!(report.contains("expected 3000 lines, got 2999"), "{report}");
        assert!(report.contains("read: expected 1000, got 999"), "{report}");
        assert!(report.contains("between lines 999 and 1995"), "{report}");
    }

    #[test]
    fn selects_and_filters_lines() {
        let out = "1 10 0 5 > open\n7 11 1 5 < open\n101 12 0 6 > close\n";
        assert_eq!(select_fields(out, &[0, 5]), "1 open\n7 open\n101 close\n");
        assert_eq!(
            lines_with_evt_num_at_most(out, 100),
            "1 10 0 5 > open\n7 11 1 5 < open\n"
        );
    }
}
