//! `falco-inspect`'s event output beyond `-p` text: [`json`] (`-j`, one JSON object per
//! event as `sysdig -j` prints it) and [`color`] (the coloured default line on a terminal).
//!
//! Both render into the caller's line buffer, like [`falco_sinsp::format::Format`] does for
//! text, with no allocation per event.

pub mod color;
pub mod json;
