//! The capture helpers on the shared captures.

use falco_tests::{capture, captures_or_skip, is_gzip, uncompressed, CAPTURES};

#[test]
fn every_capture_is_there() {
    captures_or_skip!();
    for cap in CAPTURES {
        assert!(cap.path().is_file(), "{}", cap.path().display());
    }
}

#[test]
fn uncompressed_copy_of_a_gzip_capture() {
    captures_or_skip!();
    let gz = capture("vm-triggers").path();
    assert!(is_gzip(&gz));
    let plain = uncompressed(&gz);
    assert!(!is_gzip(&plain), "{}", plain.display());
    assert_eq!(std::fs::metadata(&plain).unwrap().len(), 1_431_560);
    // Cached: a second call gives the same file.
    assert_eq!(uncompressed(&gz), plain);
}
