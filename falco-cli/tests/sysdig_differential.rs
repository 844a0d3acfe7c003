//! `falco-inspect` against sysdig 0.29, the independent oracle, on the shared captures.
//!
//! For every capture: (a) the output matches the expected file committed under
//! `tests/expected/issue3/` (made with sysdig, see its README), and (b) when sysdig is
//! installed, it matches sysdig run live. Also `-n 100` and a short `-p` format. Each test
//! prints one SKIP line and passes when the captures (or sysdig, for the live tests) are
//! absent.

use std::process::Command;

use falco_tests::{
    assert_matches_digest, assert_same_lines, captures_or_skip, lines_with_evt_num_at_most,
    run_command, run_sysdig, select_fields, sysdig_or_skip, Capture, Expected, CAPTURES,
    EVT_FORMAT,
};

const INSPECT: &str = env!("CARGO_BIN_EXE_falco-inspect");

/// `falco-inspect -r <capture> <args>`'s stdout; the capture is passed as it is (gzip too).
fn inspect(cap: &Capture, args: &[&str]) -> String {
    run_command(Command::new(INSPECT).arg("-r").arg(cap.path()).args(args))
}

/// (a) The whole output against the committed expected file or digest.
fn check_expected(stem: &str) {
    captures_or_skip!();
    let cap = falco_tests::capture(stem);
    let ours = inspect(cap, &["-p", EVT_FORMAT]);
    let what = format!(
        "falco-inspect -r {} -p '{EVT_FORMAT}' vs committed",
        cap.file
    );
    match cap.expected {
        Expected::Full => assert_same_lines(&what, &cap.expected_output(), &ours),
        Expected::Digest => assert_matches_digest(&what, &cap.expected_digest(), &ours),
    }
}

/// (b) The whole output against sysdig's, line by line.
fn check_live(stem: &str) {
    captures_or_skip!();
    sysdig_or_skip!();
    let cap = falco_tests::capture(stem);
    let args = ["-p", EVT_FORMAT];
    let ours = inspect(cap, &args);
    let theirs = run_sysdig(&cap.path(), &args);
    let what = format!("-r {} -p '{EVT_FORMAT}': sysdig vs falco-inspect", cap.file);
    assert_same_lines(&what, &theirs, &ours);
}

macro_rules! capture_tests {
    ($($expected:ident, $live:ident => $stem:literal;)*) => {$(
        #[test]
        fn $expected() {
            check_expected($stem);
        }

        #[test]
        fn $live() {
            check_live($stem);
        }
    )*};
}

capture_tests! {
    single_ipv6_conn_matches_expected, single_ipv6_conn_matches_sysdig => "single_ipv6_conn";
    test_ipv6_client_matches_expected, test_ipv6_client_matches_sysdig => "test_ipv6_client";
    curl_google_matches_expected, curl_google_matches_sysdig => "curl_google";
    vm_triggers_matches_expected, vm_triggers_matches_sysdig => "vm-triggers";
    vm_containers_matches_expected, vm_containers_matches_sysdig => "vm-containers";
    vm_workload_2_matches_expected_digest, vm_workload_2_matches_sysdig => "vm-workload-2";
}

/// `-n 100` stops after the 100th event *read*, as sysdig does: hidden PROCINFO events count
/// too, so the three libs captures (which open with PROCINFO events) print nothing.
#[test]
fn first_100_events() {
    captures_or_skip!();
    let args = ["-n", "100", "-p", EVT_FORMAT];
    for cap in CAPTURES {
        let ours = inspect(cap, &args);
        let what = format!("falco-inspect -r {} -n 100", cap.file);
        match cap.expected {
            Expected::Full => {
                let expected = lines_with_evt_num_at_most(&cap.expected_output(), 100);
                assert_same_lines(&format!("{what} vs committed"), &expected, &ours);
            }
            Expected::Digest => {
                // The digest's first sample is line 1; no PROCINFO before event 100 here.
                let first = &cap.expected_digest().samples[0].1;
                assert_eq!(ours.lines().next(), Some(first.as_str()), "{what}: line 1");
                assert_eq!(ours.lines().count(), 100, "{what}: lines");
            }
        }
    }
    sysdig_or_skip!();
    for cap in CAPTURES {
        let ours = inspect(cap, &args);
        let theirs = run_sysdig(&cap.path(), &args);
        let what = format!("-r {} -n 100: sysdig vs falco-inspect", cap.file);
        assert_same_lines(&what, &theirs, &ours);
    }
}

/// `-p "%evt.num %evt.type"`: the same events, two fields.
#[test]
fn short_format() {
    captures_or_skip!();
    let format = "%evt.num %evt.type";
    let args = ["-p", format];
    for cap in CAPTURES {
        let ours = inspect(cap, &args);
        let what = format!("falco-inspect -r {} -p '{format}'", cap.file);
        match cap.expected {
            Expected::Full => {
                let expected = select_fields(&cap.expected_output(), &[0, 5]);
                assert_same_lines(&format!("{what} vs committed"), &expected, &ours);
            }
            Expected::Digest => {
                if let Some(report) = cap.expected_digest().check_counts(&ours) {
                    panic!("{what} vs committed digest:\n{report}");
                }
            }
        }
    }
    sysdig_or_skip!();
    for cap in CAPTURES {
        let ours = inspect(cap, &args);
        let theirs = run_sysdig(&cap.path(), &args);
        let what = format!("-r {} -p '{format}': sysdig vs falco-inspect", cap.file);
        assert_same_lines(&what, &theirs, &ours);
    }
}
