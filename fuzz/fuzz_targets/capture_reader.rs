//! Arbitrary bytes as a capture file: read everything, write it back, read the copy.
//!
//! ```text
//! cargo +nightly fuzz run capture_reader -j1
//! ```

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    scap_fuzz_check::check(data);
});
