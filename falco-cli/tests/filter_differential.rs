//! Filters: `falco-inspect -r <capture> -p %evt.num <filter>` against sysdig 0.29 on the
//! shared captures, for filters on the event's own fields (`evt.*`, `thread.tid`).
//!
//! sysdig 0.29 predates libsinsp's current filter compiler; where the two disagree this
//! project follows current libsinsp, and the cases are listed in [`DIVERGENT`] with the
//! reason, checked against our expected behaviour instead of sysdig's. Each test prints one
//! SKIP line and passes when the captures (or sysdig) are absent.

use std::process::{Command, Output};

use falco_tests::{
    assert_same_lines, captures_or_skip, run_command, run_sysdig, sysdig_or_skip, Capture, CAPTURES,
};

const INSPECT: &str = env!("CARGO_BIN_EXE_falco-inspect");

/// Filters whose output must be the same as sysdig's on every capture. (sysdig 0.29 refuses
/// `and` and `or` mixed without parentheses: every such filter here has them.)
const SAME_AS_SYSDIG: &[&str] = &[
    "evt.type=close",
    "evt.type = open or evt.type = openat",
    "evt.type in (read, write, pread, pwrite)",
    "evt.type != switch",
    "not evt.type = switch",
    "evt.dir = '<'",
    "evt.dir = > and evt.type != switch",
    "evt.num < 100",
    "evt.num > 500 and evt.num <= 700",
    "evt.num in (1, 5, 211, 1000, 1540)",
    "evt.num >= 1200 or evt.num < 3",
    "evt.cpu = 0",
    "evt.cpu != 1 and evt.type = read",
    "evt.type startswith open or evt.type endswith stat",
    "evt.type contains open",
    "evt.type icontains open",
    "evt.type glob open",
    "evt.rawarg.fd = 3",
    "evt.rawarg.fd < 0",
    "evt.rawarg.res < 0",
    "evt.rawarg.res = -2",
    "evt.rawarg.size > 1000",
    "evt.rawarg.name startswith /etc",
    "evt.rawarg.name contains passwd",
    "evt.rawarg.name glob '/usr/lib/*.so*'",
    "evt.rawarg.name glob '/[eu]??/*'",
    "evt.rawarg.name endswith .so.6",
    "evt.rawarg.name = /etc/ld.so.cache",
    "evt.rawarg.name != /etc/ld.so.cache",
    "evt.rawarg.fd exists",
    "not evt.rawarg.fd exists",
    "evt.rawarg.fd != 3",
    "not evt.rawarg.fd != 3",
    "evt.rawarg.path exists",
    "evt.type = execve and evt.dir = <",
    "(evt.type = read or evt.type = write) and evt.rawarg.fd > 2",
    "evt.type = procexit or (evt.type = switch and evt.cpu = 1)",
    "evt.type = getppid or evt.type = getpid",
    "thread.tid < 1000",
    "thread.tid != 1 and evt.type = clone",
    "evt.rawarg.res >= 0 and evt.rawarg.res != 0",
    "evt.rawarg.flags exists and evt.type = openat",
    "evt.rawtime > 0",
    "evt.dir exists and not (evt.type in (switch, read))",
    "not (evt.type = switch or evt.dir = >)",
];

/// Where sysdig 0.29 and current libsinsp differ: the filter, what we do, and why.
struct Divergent {
    filter: &'static str,
    /// What falco-inspect does: print these lines (`Some`) or fail with this message.
    expect: Result<fn(&str) -> bool, &'static str>,
    why: &'static str,
}

const DIVERGENT: &[Divergent] = &[
    Divergent {
        filter: "evt.type = procexit or evt.type = switch and evt.cpu = 1",
        expect: Ok(|_| true),
        why: "sysdig 0.29 refuses `and`/`or` mixed without parentheses (\"expression mixes \
              'and' and 'or' in an ambiguous way\"); current libsinsp gives `and` precedence",
    },
    Divergent {
        filter: "evt.rawarg.fd in (0, 1, 2)",
        expect: Ok(|_| true),
        why: "sysdig 0.29 crashes (SIGSEGV) on `in` with evt.rawarg; current libsinsp looks \
              the value up in the set",
    },
    Divergent {
        filter: "evt.rawarg.name regex '/etc/.*'",
        expect: Ok(|_| true),
        why: "regex, iglob and intersects are not operators in sysdig 0.29",
    },
    Divergent {
        filter: "evt.type intersects (connect, accept)",
        expect: Ok(|_| true),
        why: "regex, iglob and intersects are not operators in sysdig 0.29",
    },
    Divergent {
        filter: "evt.rawarg.name pmatch (/etc, /usr/lib/x86_64-linux-gnu)",
        expect: Ok(|_| true),
        why: "sysdig 0.29's pmatch takes CHARBUF fields only (\"pmatch requires all charbuf \
              arguments\"); current libsinsp takes every string type (the name is FSPATH)",
    },
    Divergent {
        filter: "evt.rawarg.name < /lib",
        expect: Err("expected a number value or a field with a valid transformer"),
        why: "sysdig 0.29's parser reads any word after `<`; current libsinsp's grammar \
              allows only numbers (or transformers) after the numeric operators",
    },
    Divergent {
        filter: "evt.type in ()",
        expect: Ok(|out| out.is_empty()),
        why: "sysdig 0.29 reads `()` as one empty event name (\"unknown event type \"); \
              current libsinsp reads an empty list, which matches nothing",
    },
    Divergent {
        filter: "evt.rawarg.data contains ELF",
        expect: Ok(|_| true),
        why: "sysdig 0.29 and libsinsp refuse evt.rawarg on BYTEBUF parameters (\"wrong \
              parameter type 10\"); here they compare as buffers, as evt.buffer does",
    },
    Divergent {
        filter: "evt.type glob 'rt_sig*'",
        expect: Err("unknown event type rt_sig*"),
        why: "same outcome (both refuse values of evt.type that name no event), with current \
              libsinsp's message",
    },
];

fn inspect(cap: &Capture, args: &[&str]) -> Output {
    Command::new(INSPECT)
        .arg("-r")
        .arg(cap.path())
        .args(args)
        .output()
        .expect("run falco-inspect")
}

/// Runs falco-inspect and sysdig with `args` on `cap`, asserts that they print the same
/// lines (`what` names the case), and returns falco-inspect's output.
fn same_as_sysdig(cap: &Capture, args: &[&str], what: &str) -> String {
    let theirs = run_sysdig(&cap.path(), args);
    let ours = run_command(Command::new(INSPECT).arg("-r").arg(cap.path()).args(args));
    assert_same_lines(
        &format!("-r {} {what:?}: sysdig vs falco-inspect", cap.file),
        &theirs,
        &ours,
    );
    ours
}

/// The big capture (a million events) gets these only.
const ON_THE_BIG_CAPTURE: &[&str] = &[
    "evt.type = open or evt.type = openat",
    "not evt.type = switch",
    "evt.rawarg.res < 0",
    "evt.rawarg.name startswith /etc",
    "not evt.rawarg.fd != 3",
];

#[test]
fn filters_match_sysdig() {
    captures_or_skip!();
    sysdig_or_skip!();
    for cap in CAPTURES {
        let filters = if cap.stem == "vm-workload-2" {
            ON_THE_BIG_CAPTURE
        } else {
            SAME_AS_SYSDIG
        };
        for filter in filters {
            same_as_sysdig(cap, &["-p", "%evt.num", filter], filter);
        }
    }
}

/// `evt.around[T]=D` (events within D ms of time T), with T the time of an event in the
/// middle of each capture (as sysdig prints it), compared with sysdig.
#[test]
fn around_a_time_matches_sysdig() {
    captures_or_skip!();
    sysdig_or_skip!();
    for cap in CAPTURES.iter().filter(|c| c.stem != "vm-workload-2") {
        let times = run_sysdig(&cap.path(), &["-p", "%evt.rawtime", "evt.num > 0"]);
        let times: Vec<&str> = times.lines().collect();
        let t = times[times.len() / 2];
        let mut printed = 0;
        for d in ["0", "1", "20"] {
            let filter = format!("evt.around[{t}] = {d}");
            let ours = same_as_sysdig(cap, &["-p", "%evt.num %evt.rawtime", &filter], &filter);
            printed += ours.lines().count();
        }
        assert!(printed > 0, "{}: no event around {t}", cap.file);
    }
}

/// With a filter, an event that does not modify the state and that the filter rejects is
/// not parsed (libsinsp's sinsp_evt_filter; sysdig 0.29 does the same): the memory and
/// page-fault counters a context switch carries reach the state only when the filter lets
/// switch events through.
#[test]
fn state_follows_the_filter() {
    captures_or_skip!();
    sysdig_or_skip!();
    let format = "*%evt.num %thread.vmrss %thread.pfminor %proc.vmsize";
    for cap in CAPTURES.iter().filter(|c| c.stem != "vm-workload-2") {
        for filter in [
            "evt.type=close",
            "evt.type in (read, write) and proc.name=bash",
            "evt.type=switch or evt.type=close",
        ] {
            same_as_sysdig(cap, &["-p", format, filter], filter);
        }
    }
}

#[test]
fn numevents_counts_events_that_pass_the_filter() {
    captures_or_skip!();
    sysdig_or_skip!();
    // -n counts the events that pass, hidden ones (PROCINFO, ...) included: with a filter
    // that hidden events pass, fewer lines are printed than -n.
    for cap in CAPTURES {
        for (n, filter) in [
            ("10", "evt.type = close"),
            ("50", "evt.num > 0"),
            ("7", "evt.num >= 855 and evt.type != switch"),
        ] {
            same_as_sysdig(
                cap,
                &["-n", n, "-p", "%evt.num %evt.type", filter],
                &format!("-n {n} {filter}"),
            );
        }
    }
}

#[test]
fn divergences_from_sysdig_follow_current_libsinsp() {
    captures_or_skip!();
    let cap = falco_tests::capture("curl_google");
    for d in DIVERGENT {
        let out = inspect(cap, &["-p", "%evt.num", d.filter]);
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        match d.expect {
            Ok(check) => {
                assert!(
                    out.status.success(),
                    "{:?} ({}) failed: {stderr}",
                    d.filter,
                    d.why
                );
                assert!(check(&stdout), "{:?} ({}): {stdout}", d.filter, d.why);
            }
            Err(msg) => {
                assert!(!out.status.success(), "{:?} ({}) ran", d.filter, d.why);
                assert!(
                    stderr.contains(msg),
                    "{:?} ({}): {stderr:?} lacks {msg:?}",
                    d.filter,
                    d.why
                );
            }
        }
    }
}

#[test]
fn mixed_and_or_follows_precedence() {
    // `a or b and c` is `a or (b and c)`, the parenthesised form sysdig 0.29 accepts.
    captures_or_skip!();
    for cap in CAPTURES {
        let plain = inspect(cap, &["-p", "%evt.num", DIVERGENT[0].filter]);
        let parens = inspect(
            cap,
            &[
                "-p",
                "%evt.num",
                "evt.type = procexit or (evt.type = switch and evt.cpu = 1)",
            ],
        );
        assert!(plain.status.success());
        assert_eq!(plain.stdout, parens.stdout, "{}", cap.file);
    }
}

#[test]
fn filter_errors_name_the_position() {
    captures_or_skip!();
    let cap = falco_tests::capture("curl_google");
    let out = inspect(cap, &["evt.type", "=", "open", "and", ")"]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("expected a '(' token, a field check, or an identifier at 1:21"),
        "{stderr}"
    );
    let out = inspect(cap, &["proc.nope = x"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("nonexistent field proc.nope"));
}
