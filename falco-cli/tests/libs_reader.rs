//! Capture files written by `falco-inspect -w` are read by a current falcosecurity/libs
//! reader exactly as it reads the originals.
//!
//! sysdig 0.29 (`copy_differential.rs`) is the oracle CI has; this test adds the reader
//! current Falco uses (libscap/libsinsp, which also converts old event layouts). For the small shared captures
//! and the bundled `tests/data/demo.scap`, a plain copy (`-w`), a gzip copy (`-w -z`) and a
//! filtered copy (`-w FILE FILTER`) are made with our writer and read with libsinsp's
//! `sinsp-example` (`-a`, every thread):
//!
//! * plain and gzip copies: sinsp-example's formatted output (evt.num, process name, pid,
//!   ppid, exe, cmdline, fd names, arguments: all that libsinsp's state derives from the
//!   metadata blocks and the events) and its raw output (every parameter's bytes) equal the
//!   original's line for line, with the same event count and no `[ERROR]` line;
//! * the filtered copy: its raw output equals the raw output of the original read by
//!   libsinsp with the same filter (`-f`). The formatted output is not compared: the copy
//!   lacks the filtered-out events that built the process and fd tables, as sysdig's
//!   filtered copies do.
//!
//! No libs reader is packaged for Debian, so this needs one built from source:
//! `LIBS_SINSP_EXAMPLE=/path/to/sinsp-example cargo test -p falco-cli --test libs_reader`
//! (the build recipe is in `tests/libs-reader/README.md`; `tests/libs-reader/run.sh` runs
//! the same comparison on every shared capture, the big one included). Without
//! `LIBS_SINSP_EXAMPLE` the test prints one SKIP line saying so and passes: CI has no libs
//! build, so it skips there.

use std::path::{Path, PathBuf};
use std::process::Command;

use falco_tests::{assert_same_lines, captures_or_skip, workspace_root, CAPTURES};

const INSPECT: &str = env!("CARGO_BIN_EXE_falco-inspect");

/// The filtered copy's filter: a process-state part and an event-type part, so that the
/// copy keeps events of several kinds.
const FILTER: &str = "proc.name=bash or evt.type in (openat, connect, execve)";

/// The captures small enough for a test run (the big one is left to `run.sh`).
const SMALL: &[&str] = &[
    "single_ipv6_conn",
    "test_ipv6_client",
    "curl_google",
    "vm-triggers",
    "vm-containers",
];

/// `$LIBS_SINSP_EXAMPLE`; one SKIP line and `None` when it is not set. A value that is not
/// an executable file fails the test: whoever set it meant the comparison to run.
fn sinsp_example() -> Option<PathBuf> {
    let Some(p) = std::env::var_os("LIBS_SINSP_EXAMPLE") else {
        falco_tests::skip(
            "LIBS_SINSP_EXAMPLE is not set; build libsinsp's sinsp-example as \
             tests/libs-reader/README.md says and point LIBS_SINSP_EXAMPLE at it",
        );
        return None;
    };
    let p = PathBuf::from(p);
    let executable = std::fs::metadata(&p).is_ok_and(|m| {
        m.is_file() && std::os::unix::fs::PermissionsExt::mode(&m.permissions()) & 0o111 != 0
    });
    assert!(
        executable,
        "LIBS_SINSP_EXAMPLE={} is not an executable file",
        p.display()
    );
    Some(p)
}

/// What sinsp-example printed for a file.
struct Output {
    /// Its event lines (the `-- ...` banners and closing statistics removed).
    events: String,
    /// Its `Retrieved events: N` count (events libsinsp's `next()` returned).
    count: u64,
}

/// sinsp-example's output for `file`. Panics when it fails, prints an `[ERROR]` line (it
/// exits 0 after read errors) or no event count.
fn libs(sinsp: &Path, file: &Path, args: &[&str]) -> Output {
    let out = Command::new(sinsp)
        .arg("-a")
        .args(args)
        .arg("-s")
        .arg(file)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", sinsp.display()));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{} {args:?} -s {} failed ({}): {}",
        sinsp.display(),
        file.display(),
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    let mut events = String::with_capacity(stdout.len());
    let mut count = None;
    for line in stdout.lines() {
        assert!(
            !line.starts_with("[ERROR]"),
            "libs reading {}: {line}",
            file.display()
        );
        if let Some(n) = line.strip_prefix("Retrieved events: ") {
            count = n.trim().parse().ok();
        }
        let banner = ["-- ", "Retrieved events: ", "Time spent: ", "Events/ms: "]
            .iter()
            .any(|p| line.starts_with(p));
        if !banner {
            events.push_str(line);
            events.push('\n');
        }
    }
    let count = count.unwrap_or_else(|| {
        panic!(
            "sinsp-example printed no 'Retrieved events' line for {}",
            file.display()
        )
    });
    Output { events, count }
}

/// `got` printed the same events as `want`, with the same count.
fn assert_same(what: &str, want: &Output, got: &Output) {
    assert_same_lines(what, &want.events, &got.events);
    assert_eq!(want.count, got.count, "{what}: event counts differ");
}

fn write_copy(src: &Path, dst: &Path, extra: &[&str]) {
    falco_tests::run_command(
        Command::new(INSPECT)
            .arg("-r")
            .arg(src)
            .arg("-w")
            .arg(dst)
            .args(extra),
    );
}

/// Every comparison of the module doc for one file; returns the original's event count.
fn check(sinsp: &Path, name: &str, src: &Path, dir: &Path) -> u64 {
    let copy = dir.join(format!("{name}.copy.scap"));
    let gz = dir.join(format!("{name}.copy.scap.gz"));
    let filtered = dir.join(format!("{name}.filtered.scap"));
    write_copy(src, &copy, &[]);
    write_copy(src, &gz, &["-z"]);
    write_copy(src, &filtered, &[FILTER]);

    let orig = libs(sinsp, src, &[]);
    let orig_raw = libs(sinsp, src, &["-r"]);
    assert!(orig.count > 0, "libs read no event of {name}");
    assert_same(
        &format!("libs: {name} vs our copy (formatted)"),
        &orig,
        &libs(sinsp, &copy, &[]),
    );
    assert_same(
        &format!("libs: {name} vs our copy (raw)"),
        &orig_raw,
        &libs(sinsp, &copy, &["-r"]),
    );
    assert_same(
        &format!("libs: {name} vs our gzip copy (formatted)"),
        &orig,
        &libs(sinsp, &gz, &[]),
    );
    assert_same(
        &format!("libs: {name} vs our gzip copy (raw)"),
        &orig_raw,
        &libs(sinsp, &gz, &["-r"]),
    );
    let want = libs(sinsp, src, &["-r", "-f", FILTER]);
    assert!(
        want.count > 0,
        "the filter {FILTER:?} keeps no event of {name}: the check would be empty"
    );
    assert_same(
        &format!("libs: {name} filtered by libs vs our filtered copy (raw)"),
        &want,
        &libs(sinsp, &filtered, &["-r"]),
    );
    orig.count
}

#[test]
fn libs_reads_our_copies_exactly_as_the_originals() {
    let Some(sinsp) = sinsp_example() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let demo = workspace_root().join("tests/data/demo.scap");
    let n = check(&sinsp, "demo", &demo, dir.path());
    falco_tests::note(&format!(
        "libs reader: demo.scap: {n} events, copies identical"
    ));
    let _captures = captures_or_skip!();
    for cap in CAPTURES.iter().filter(|c| SMALL.contains(&c.stem)) {
        let n = check(&sinsp, cap.stem, &cap.path(), dir.path());
        falco_tests::note(&format!(
            "libs reader: {}: {n} events, copies identical",
            cap.file
        ));
    }
}
