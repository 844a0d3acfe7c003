//! The committed expected outputs against the oracle itself: they must be what sysdig 0.29
//! prints today (else `tests/expected/regen.sh` was not rerun, or the captures changed).

use falco_tests::{
    assert_matches_digest, assert_same_lines, captures_or_skip, run_sysdig, sysdig_or_skip,
    Expected, OutputDigest, CAPTURES, EVT_FORMAT,
};

/// Needs only the repository: every committed file reads and has the recorded line count.
#[test]
fn committed_files_are_complete() {
    for cap in CAPTURES {
        let lines = match cap.expected {
            Expected::Full => cap.expected_output().lines().count() as u64,
            Expected::Digest => {
                let digest = cap.expected_digest();
                let types: u64 = digest.types.values().sum();
                assert_eq!(types, digest.lines, "{}: type counts add up", cap.stem);
                assert_eq!(
                    digest.samples.len() as u64,
                    digest.lines.div_ceil(falco_tests::SAMPLE_EVERY),
                    "{}: sample count",
                    cap.stem
                );
                digest.lines
            }
        };
        assert_eq!(lines, cap.printed_events, "{}: lines", cap.stem);
    }
}

#[test]
fn committed_files_match_live_sysdig() {
    captures_or_skip!();
    sysdig_or_skip!();
    for cap in CAPTURES {
        let live = run_sysdig(&cap.path(), &["-p", EVT_FORMAT]);
        let what = format!("{} (committed vs live sysdig)", cap.stem);
        match cap.expected {
            Expected::Full => assert_same_lines(&what, &cap.expected_output(), &live),
            Expected::Digest => {
                assert_matches_digest(&what, &cap.expected_digest(), &live);
                assert_eq!(OutputDigest::of_output(&live), cap.expected_digest());
            }
        }
    }
}
