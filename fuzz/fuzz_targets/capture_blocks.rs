//! Arbitrary bytes as a sequence of blocks (`u32 type, u16 body length, body`), framed into
//! a capture with correct lengths and trailers (`scap_fuzz_check::frame`): the same
//! property as `capture_reader`, with mutations landing in block bodies (metadata entries,
//! event headers and parameters) rather than in the framing.
//!
//! ```text
//! cargo +nightly fuzz run capture_blocks
//! ```

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    scap_fuzz_check::check(&scap_fuzz_check::frame(data));
});
