//! `falco-inspect -j` against `sysdig -j` (0.29) on the shared captures, and the colours of
//! the default line on `tests/data/demo.scap`.
//!
//! # JSON
//!
//! Each case runs both tools with `-j` (with a `-p` format, or without one for the default
//! line) and a filter, and parses every line as JSON (serde_json), so whitespace does not
//! matter but keys, their order, value types and values do:
//!
//! * both print the same events, one object a line, with the same keys in byte order;
//! * each value is the same JSON value (a number is not a string, `null` is not `"<NA>"`).
//!
//! What a value *says* (`evt.args`, fd names, user names...) is the text mode's business,
//! checked column by column, with the changes of current libsinsp since sysdig 0.29, by
//! `args_differential.rs`, `state_differential.rs` and the issue-4 suite. This test checks
//! the JSON layer on top of it: so each case also runs both tools in text mode with the
//! same fields (`-p "*%evt.num<US>%f1<US>%f2...<RS>"`, US and RS the unit and record
//! separators, as values may hold spaces and newlines), and a JSON value
//! that differs is accepted only when the two text outputs of that field differ for that
//! event too (a text-level difference, counted and shown), never when they agree. An event
//! printed by one tool only is accepted on the same terms. Every case must compare some
//! values, and at most a quarter of the values may be excused.
//!
//! ## Where sysdig 0.29 is older than current libsinsp
//!
//! Its JSON comes from the same libsinsp code as today's (jsoncpp 1.9.5, `FastWriter`,
//! `rawval_to_json`, `extract_as_js`), with these differences, where we follow current
//! libsinsp:
//!
//! * `evt.info`/`evt.args` end with a space in 0.29 (libs removed it in 1ba2a80f3): one
//!   trailing space is removed from sysdig's values before comparing.
//! * `evt.rawarg.NAME` of an `FD`, `FLAGS*` or `UID`/`GID` parameter, and fields of type
//!   `DOUBLE` (`proc.fdusage`), stop sysdig 0.29 with "wrong event type N" (its
//!   `rawval_to_json` had no case for them); current libsinsp has (numbers for decimal
//!   values, strings for hex ones, doubles). They are not in the cases below; the unit
//!   tests of `falco_cli::inspect::json` check them against hand-derived values. (For
//!   `ERRNO`, `MODE` and the other types current libsinsp still has no JSON for, it stops
//!   the run too; we print a number for decimal integers and the text otherwise.)
//! * `user.name` and `group.name` of a known thread whose user or group is not in the
//!   capture's lists: null in 0.29, the string `<NA>` in current libsinsp, whose extractors
//!   give that text as the value (`sinsp_filtercheck_user.cpp`, `..._group.cpp`; libs
//!   ae276e55a). The text mode shows `<NA>` in both.
//! * The text-level changes (the `evt.failed`/`evt.res` of enter events, `vpgid`,
//!   `rt_sigreturn`, `ENUMFLAGS` names, empty buffers...) show in the JSON values of the
//!   fields concerned and are excused as described above.
//!
//! Each test prints one SKIP line and passes when the captures or sysdig are absent.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use falco_tests::{captures_or_skip, run_command, sysdig_or_skip, uncompressed, Capture, CAPTURES};
use serde_json::Value;

const INSPECT: &str = env!("CARGO_BIN_EXE_falco-inspect");

/// The unit separator: the column separator of the text runs.
const US: char = '\u{1f}';

/// The record separator: the end of a record of the text runs (values may hold newlines).
const RS: char = '\u{1e}';

/// The fields of `sysdig -j` without `-p`.
const DEFAULT_FIELDS: &[&str] = &[
    "evt.num",
    "evt.outputtime",
    "evt.cpu",
    "proc.name",
    "thread.tid",
    "evt.dir",
    "evt.type",
    "evt.info",
];

/// One comparison.
struct Case {
    name: &'static str,
    /// The `-p` format given to `-j`, `None` for the default line.
    format: Option<&'static str>,
    /// Its fields, in the order of the format (`evt.num` among them).
    fields: &'static [&'static str],
    /// Whether the format starts with `*` (missing values are `null`, every event printed).
    star: bool,
    filter: &'static str,
}

const CASES: &[Case] = &[
    Case {
        name: "default line",
        format: None,
        fields: DEFAULT_FIELDS,
        star: true,
        filter: "",
    },
    Case {
        // Numbers, booleans, times as raw nanoseconds, literal text dropped, keys given out
        // of order.
        name: "event fields",
        format: Some(
            "*%thread.tid [%evt.num] %evt.rawtime %evt.time %evt.time.s %evt.datetime \
             %evt.rawtime.s %evt.rawtime.ns %evt.cpu %evt.dir %evt.type %evt.category \
             %evt.failed %evt.rawres %evt.res %evt.is_io %evt.is_io_read %evt.is_wait \
             %evt.count %evt.buflen %evt.io_dir",
        ),
        fields: &[
            "thread.tid",
            "evt.num",
            "evt.rawtime",
            "evt.time",
            "evt.time.s",
            "evt.datetime",
            "evt.rawtime.s",
            "evt.rawtime.ns",
            "evt.cpu",
            "evt.dir",
            "evt.type",
            "evt.category",
            "evt.failed",
            "evt.rawres",
            "evt.res",
            "evt.is_io",
            "evt.is_io_read",
            "evt.is_wait",
            "evt.count",
            "evt.buflen",
            "evt.io_dir",
        ],
        star: true,
        filter: "",
    },
    Case {
        name: "process and user fields",
        format: Some(
            "*%evt.num %proc.pid %proc.ppid %proc.name %proc.pname %proc.exe %proc.exepath \
             %proc.args %proc.cmdline %proc.cwd %proc.vpgid %thread.vmsize %thread.vmrss \
             %user.uid %user.name %user.loginuid %group.gid %group.name %thread.ismain",
        ),
        fields: &[
            "evt.num",
            "proc.pid",
            "proc.ppid",
            "proc.name",
            "proc.pname",
            "proc.exe",
            "proc.exepath",
            "proc.args",
            "proc.cmdline",
            "proc.cwd",
            "proc.vpgid",
            "thread.vmsize",
            "thread.vmrss",
            "user.uid",
            "user.name",
            "user.loginuid",
            "group.gid",
            "group.name",
            "thread.ismain",
        ],
        star: true,
        filter: "evt.type in (execve, openat, open, read, write, close, connect, clone, \
                 procexit)",
    },
    Case {
        // Without `*`: events missing a value are not printed (here: those without a file).
        name: "fd fields, events without a value skipped",
        format: Some(
            "%evt.num %fd.num %fd.type %fd.typechar %fd.name %fd.directory %fd.filename \
             %fd.dev %evt.arg.fd %evt.args",
        ),
        fields: &[
            "evt.num",
            "fd.num",
            "fd.type",
            "fd.typechar",
            "fd.name",
            "fd.directory",
            "fd.filename",
            "fd.dev",
            "evt.arg.fd",
            "evt.args",
        ],
        star: false,
        filter: "",
    },
    Case {
        name: "network endpoints",
        format: Some(
            "*%evt.num %evt.type %fd.name %fd.cip %fd.sip %fd.cport %fd.sport %fd.lip \
             %fd.rip %fd.lport %fd.rport %fd.l4proto %fd.sockfamily %fd.is_server \
             %evt.arg.tuple %evt.arg.addr",
        ),
        fields: &[
            "evt.num",
            "evt.type",
            "fd.name",
            "fd.cip",
            "fd.sip",
            "fd.cport",
            "fd.sport",
            "fd.lip",
            "fd.rip",
            "fd.lport",
            "fd.rport",
            "fd.l4proto",
            "fd.sockfamily",
            "fd.is_server",
            "evt.arg.tuple",
            "evt.arg.addr",
        ],
        star: true,
        filter: "evt.type in (connect, accept, accept4, sendto, recvfrom, sendmsg, recvmsg, \
                 socket, bind, listen, getsockopt)",
    },
    Case {
        // Data buffers in full (the text mode cuts them at 80 characters), raw parameters
        // of the types sysdig 0.29 has JSON for.
        name: "data buffers and raw parameters",
        format: Some(
            "*%evt.num %evt.buffer %evt.arg.data %evt.arg[0] %evt.rawarg.size \
             %evt.rawarg.name %evt.arg.name %evt.info",
        ),
        fields: &[
            "evt.num",
            "evt.buffer",
            "evt.arg.data",
            "evt.arg[0]",
            "evt.rawarg.size",
            "evt.rawarg.name",
            "evt.arg.name",
            "evt.info",
        ],
        star: true,
        filter: "evt.type in (read, write, sendto, recvfrom, execve, openat, open, stat, \
                 newfstatat)",
    },
];

/// The captures compared, with the event count limit (`-n`) that keeps the run short (the
/// big ones are cut; vm-workload-2 is decompressed once, 76 MB, shared with other tests).
fn captures() -> Vec<(&'static Capture, Option<u64>)> {
    CAPTURES
        .iter()
        .map(|c| match c.stem {
            "vm-workload-2" => (c, Some(8_000)),
            "vm-containers" => (c, Some(12_000)),
            "vm-triggers" => (c, Some(12_000)),
            _ => (c, None),
        })
        .collect()
}

/// What a mismatch report shows at most.
const SHOWN: usize = 12;

fn run(cmd: &mut Command) -> String {
    run_command(cmd)
}

/// The command line shared by both tools: capture, limit, then `args`, then the filter.
fn command(
    tool: &Path,
    capture: &Path,
    limit: Option<u64>,
    args: &[&str],
    filter: &str,
) -> Command {
    let mut cmd = Command::new(tool);
    cmd.env("TZ", "UTC").arg("-r").arg(capture);
    if let Some(n) = limit {
        cmd.arg("-n").arg(n.to_string());
    }
    cmd.args(args);
    if !filter.is_empty() {
        cmd.arg(filter);
    }
    cmd
}

/// One line of `-j` output: its values by key (serde_json sorts them), and whether the
/// keys came in byte order.
fn parse_json_line(line: &str, what: &str) -> (serde_json::Map<String, Value>, bool) {
    let v: Value = serde_json::from_str(line)
        .unwrap_or_else(|e| panic!("{what}: not JSON ({e}): {}", clip(line)));
    let Value::Object(map) = v else {
        panic!("{what}: not an object: {}", clip(line));
    };
    // A quote that starts a key follows `{` or `,` (inside strings quotes are escaped), so
    // the keys' positions in the text give their order.
    let mut last = 0;
    let mut sorted = true;
    for k in map.keys() {
        let needle = format!("\"{k}\":");
        let pos = line
            .match_indices(&needle)
            .map(|(i, _)| i)
            .find(|&i| i > 0 && matches!(line.as_bytes()[i - 1], b'{' | b','));
        match pos {
            Some(p) if p >= last => last = p,
            _ => sorted = false,
        }
    }
    (map, sorted)
}

fn clip(s: &str) -> String {
    if s.len() <= 300 {
        return s.to_string();
    }
    let mut end = 300;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}… ({} bytes)", &s[..end], s.len())
}

/// `-j` output by `evt.num`, in order.
fn json_events(out: &str, what: &str) -> Vec<(u64, serde_json::Map<String, Value>)> {
    out.lines()
        .map(|line| {
            let (map, sorted) = parse_json_line(line, what);
            assert!(sorted, "{what}: keys not in byte order: {}", clip(line));
            let num = map
                .get("evt.num")
                .and_then(Value::as_u64)
                .unwrap_or_else(|| panic!("{what}: no numeric evt.num: {}", clip(line)));
            (num, map)
        })
        .collect()
}

/// Text output (`*%evt.num<US>%f1<US>...<RS>`) by `evt.num`: the fields' texts.
fn text_events(out: &str) -> HashMap<u64, Vec<String>> {
    out.split_terminator(&format!("{RS}\n"))
        .filter_map(|line| {
            let mut cols = line.split(US);
            let num = cols.next()?.parse().ok()?;
            Some((num, cols.map(str::to_string).collect()))
        })
        .collect()
}

/// sysdig 0.29's value of `key` in the event `event` as current libsinsp gives it (see the
/// module documentation).
fn sysdig_as_current(key: &str, event: &serde_json::Map<String, Value>) -> Value {
    let v = &event[key];
    match (key, v) {
        ("evt.info" | "evt.args", Value::String(s)) => {
            Value::String(s.strip_suffix(' ').unwrap_or(s).to_string())
        }
        // The user or group of a known thread is missing from the capture's lists.
        ("user.name" | "group.name", Value::Null)
            if event.get("proc.pid").is_some_and(|p| !p.is_null()) =>
        {
            Value::String("<NA>".into())
        }
        _ => v.clone(),
    }
}

#[derive(Default)]
struct Tally {
    compared: u64,
    excused: u64,
    failures: Vec<String>,
    excused_examples: Vec<String>,
}

fn compare_case(sysdig: &Path, capture: &Path, stem: &str, limit: Option<u64>, case: &Case) {
    let what = format!("{stem}: {}", case.name);
    let fmt_args: Vec<&str> = match case.format {
        Some(f) => vec!["-j", "-p", f],
        None => vec!["-j"],
    };
    let inspect = Path::new(INSPECT);
    let theirs = run(&mut command(sysdig, capture, limit, &fmt_args, case.filter));
    let ours = run(&mut command(
        inspect,
        capture,
        limit,
        &fmt_args,
        case.filter,
    ));
    // The same fields in text mode, every event, `evt.num` first.
    let mut text_fmt = String::from("*%evt.num");
    for f in case.fields {
        text_fmt.push(US);
        text_fmt.push('%');
        text_fmt.push_str(f);
    }
    text_fmt.push(RS);
    let text_args = ["-p", text_fmt.as_str()];
    let theirs_text = text_events(&run(&mut command(
        sysdig,
        capture,
        limit,
        &text_args,
        case.filter,
    )));
    let ours_text = text_events(&run(&mut command(
        inspect,
        capture,
        limit,
        &text_args,
        case.filter,
    )));

    let theirs = json_events(&theirs, &format!("{what} (sysdig)"));
    let ours = json_events(&ours, &format!("{what} (falco-inspect)"));
    let mut expected_keys: Vec<&str> = case.fields.to_vec();
    expected_keys.sort_unstable();
    expected_keys.dedup();

    let mut t = Tally::default();
    let ours_by_num: HashMap<u64, &serde_json::Map<String, Value>> =
        ours.iter().map(|(n, m)| (*n, m)).collect();
    let theirs_nums: std::collections::HashSet<u64> = theirs.iter().map(|(n, _)| *n).collect();
    // The same text for every field: the event is printed by both or by neither.
    let same_text = |n: u64| theirs_text.get(&n) == ours_text.get(&n);
    for (n, m) in &ours {
        let keys: Vec<&str> = m.keys().map(String::as_str).collect();
        assert_eq!(keys, expected_keys, "{what}: keys of event {n}");
        if !theirs_nums.contains(n) {
            if same_text(*n) {
                t.failures
                    .push(format!("event {n}: printed by falco-inspect only"));
            } else {
                t.excused += 1;
            }
        }
    }
    for (n, theirs_map) in &theirs {
        let keys: Vec<&str> = theirs_map.keys().map(String::as_str).collect();
        assert_eq!(keys, expected_keys, "{what}: sysdig's keys of event {n}");
        let Some(ours_map) = ours_by_num.get(n) else {
            if same_text(*n) {
                t.failures
                    .push(format!("event {n}: printed by sysdig only"));
            } else {
                t.excused += 1;
            }
            continue;
        };
        for (i, field) in case.fields.iter().enumerate() {
            t.compared += 1;
            let expected = sysdig_as_current(field, theirs_map);
            let got = &ours_map[*field];
            if &expected == got {
                continue;
            }
            let col =
                |texts: &HashMap<u64, Vec<String>>| texts.get(n).and_then(|c| c.get(i)).cloned();
            let (st, ot) = (col(&theirs_text), col(&ours_text));
            let report = format!(
                "event {n} {field}: sysdig {} / falco-inspect {} (text: {:?} / {:?})",
                clip(&expected.to_string()),
                clip(&got.to_string()),
                st.as_deref().map(clip),
                ot.as_deref().map(clip),
            );
            if st.is_some() && st != ot {
                t.excused += 1;
                if t.excused_examples.len() < 3 {
                    t.excused_examples.push(report);
                }
            } else {
                t.failures.push(report);
            }
        }
    }
    assert!(
        t.compared > 0 || theirs.is_empty() && ours.is_empty(),
        "{what}: nothing compared"
    );
    if case.star {
        // With `*`, every event shown in text mode is an object, missing values null.
        assert_eq!(
            ours.len(),
            ours_text.len(),
            "{what}: falco-inspect -j printed {} events, its text mode {}",
            ours.len(),
            ours_text.len()
        );
    }
    if !t.failures.is_empty() {
        let shown: Vec<&str> = t.failures.iter().take(SHOWN).map(String::as_str).collect();
        panic!(
            "{what}: {} JSON values differ from sysdig's where the text agrees \
             ({} compared, {} printed by sysdig, {} by falco-inspect):\n{}",
            t.failures.len(),
            t.compared,
            theirs.len(),
            ours.len(),
            shown.join("\n")
        );
    }
    // Excused differences are text-level ones: most values must be compared for real.
    assert!(
        t.excused * 4 <= t.compared.max(1),
        "{what}: {} of {} values differ (text-level differences too), more than 25%:\n{}",
        t.excused,
        t.compared,
        t.excused_examples.join("\n")
    );
    falco_tests::note(&format!(
        "{what}: {} events, {} values compared, {} excused (the text differs too){}",
        theirs.len(),
        t.compared,
        t.excused,
        t.excused_examples
            .first()
            .map(|e| format!(", e.g. {e}"))
            .unwrap_or_default()
    ));
}

fn run_cases(names: &[&str]) {
    let _dir = captures_or_skip!();
    let sysdig = sysdig_or_skip!();
    for (cap, limit) in captures() {
        let path: PathBuf = uncompressed(&cap.path());
        for case in CASES.iter().filter(|c| names.contains(&c.name)) {
            compare_case(&sysdig, &path, cap.stem, limit, case);
        }
    }
}

#[test]
fn default_line_as_sysdig() {
    run_cases(&["default line"]);
}

#[test]
fn event_fields_as_sysdig() {
    run_cases(&["event fields"]);
}

#[test]
fn process_and_fd_fields_as_sysdig() {
    run_cases(&[
        "process and user fields",
        "fd fields, events without a value skipped",
    ]);
}

#[test]
fn network_and_buffers_as_sysdig() {
    run_cases(&["network endpoints", "data buffers and raw parameters"]);
}

// ---------------------------------------------------------------------------------------
// Colours of the default line (our own design: sysdig has none).

/// `tests/data/demo.scap`: a small capture committed with the tests.
fn demo() -> PathBuf {
    falco_tests::workspace_root().join("tests/data/demo.scap")
}

/// falco-inspect's stdout on the demo capture, in UTC, with `envs` set and `args`.
fn demo_output(envs: &[(&str, &str)], args: &[&str]) -> String {
    let mut cmd = Command::new(INSPECT);
    cmd.env("TZ", "UTC")
        .env_remove("NO_COLOR")
        .arg("-r")
        .arg(demo());
    for (k, v) in envs {
        cmd.env(k, v);
    }
    run(cmd.args(args))
}

/// The text with its SGR escapes (`ESC [ ... m`) removed.
fn strip_sgr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find("\x1b[") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 2..];
        let end = after.find('m').expect("an SGR escape ends with m");
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

#[test]
fn colors_always_hand_derived() {
    let colored = demo_output(&[], &["--color", "always"]);
    let plain = demo_output(&[], &[]);
    let lines: Vec<&str> = colored.lines().collect();
    // Written by hand from the design in falco_cli::inspect::color: dim number, time and
    // CPU; cyan process; dim (tid); blue '>' or magenta '<'; bold type; a failed syscall's
    // type in bold red and its return value in red.
    let esc = |s: &str| s.replace("ESC", "\x1b");
    assert_eq!(
        lines[3],
        esc(
            "ESC[2m4 22:15:00.004000000 0ESC[0m ESC[36mcatESC[0m ESC[2m(1201)ESC[0m \
             ESC[34m>ESC[0m ESC[1mopenatESC[0m dirfd=-100(AT_FDCWD) name=/etc/shadow \
             flags=1(O_RDONLY) mode=0"
        )
    );
    assert_eq!(
        lines[6],
        esc(
            "ESC[2m7 22:15:00.007000000 0ESC[0m ESC[36mcatESC[0m ESC[2m(1201)ESC[0m \
             ESC[35m<ESC[0m ESC[1mcloseESC[0m res=0 fd=3(<f>/etc/shadow)"
        )
    );
    assert_eq!(
        lines[14],
        esc(
            "ESC[2m15 22:15:00.015000000 0ESC[0m ESC[36mbashESC[0m ESC[2m(1200)ESC[0m \
             ESC[35m<ESC[0m ESC[1;31mconnectESC[0m ESC[31mres=-111(ECONNREFUSED)ESC[0m \
             tuple=127.0.0.1:40096->127.0.0.1:4444 fd=3(<4>) addr=127.0.0.1:4444"
        )
    );
    // Colours change nothing else: without them, every line is the plain line.
    assert_eq!(strip_sgr(&colored), plain);
    assert_eq!(colored.lines().count(), 16);
}

#[test]
fn no_colors_into_a_pipe_or_when_refused() {
    // Standard output is a pipe here: auto means none, even with a colour-happy TERM.
    for (envs, args) in [
        (&[("TERM", "xterm-256color")][..], &[][..]),
        (&[], &["--color", "auto"][..]),
        (&[], &["--color", "always", "--no-color"][..]),
        (&[], &["--color", "never"][..]),
        // Colours are for the default line only: not in JSON, not in -p formats.
        (&[], &["--color", "always", "-j"][..]),
        (&[], &["--color", "always", "-p", "%evt.num %evt.type"][..]),
    ] {
        let out = demo_output(envs, args);
        assert!(!out.is_empty(), "{args:?}: no output");
        assert!(
            !out.contains('\x1b'),
            "{args:?} {envs:?}: escapes in {out:?}"
        );
    }
    // --color always wins over NO_COLOR (a per-command choice beats the environment).
    assert!(demo_output(&[("NO_COLOR", "1")], &["--color", "always"]).contains('\x1b'));
}

#[test]
fn colors_on_a_terminal_unless_no_color() {
    // `script` (util-linux) runs the command on a pseudo-terminal.
    let Some(script) = ["/usr/bin/script", "/bin/script"]
        .iter()
        .map(Path::new)
        .find(|p| p.is_file())
    else {
        falco_tests::skip("script (util-linux) not installed: no pseudo-terminal to test");
        return;
    };
    let on_tty = |envs: &[(&str, &str)]| {
        let command = format!("{INSPECT} -r {} -n 3", demo().display());
        let mut cmd = Command::new(script);
        cmd.env("TZ", "UTC")
            .env("TERM", "xterm")
            .env_remove("NO_COLOR")
            .args(["-qec", &command, "/dev/null"]);
        for (k, v) in envs {
            cmd.env(k, v);
        }
        run(&mut cmd)
    };
    let colored = on_tty(&[]);
    assert!(colored.contains("\x1b[36mbash\x1b[0m"), "{colored:?}");
    for envs in [&[("NO_COLOR", "1")][..], &[("TERM", "dumb")][..]] {
        let out = on_tty(envs);
        assert!(out.contains("clone"), "{envs:?}: {out:?}");
        assert!(!out.contains('\x1b'), "{envs:?}: escapes in {out:?}");
    }
}
