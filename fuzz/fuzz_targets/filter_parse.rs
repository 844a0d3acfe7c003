//! Arbitrary text as a filter condition: when it parses, the tree printed back as text must
//! parse to an equal tree.
//!
//! ```text
//! cargo +nightly fuzz run filter_parse -j1
//! ```

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // Falco's depth limit for rule conditions: deep inputs are legitimate there.
    let Ok(ast) = falco_sinsp::filter::parse_with_max_depth(text, 1000) else {
        return;
    };
    let printed = ast.to_string();
    let again = falco_sinsp::filter::parse_with_max_depth(&printed, 1000)
        .unwrap_or_else(|e| panic!("{text:?} printed as {printed:?} does not parse: {e}"));
    assert_eq!(again, ast, "{text:?} printed as {printed:?}");
});
