//! Names of flag and enum values carried by `FLAGS*`, `ENUMFLAGS*` and `MODE` parameters.
//!
//! The drivers translate kernel constants into these portable values (`PPM_O_*`,
//! `PPM_CL_*`, ...) before writing them; readers render them by name (`O_RDWR|O_CREAT`).
//! A set's `name` is the upstream table name (`file_flags`); the C generator emits one
//! `#define PPM_<value name>` per entry, so the drivers and userspace share the numbers.

/// One named value.
#[derive(Clone, Copy, Debug)]
pub struct FlagValue {
    /// Display name (`O_CREAT`).
    pub name: &'static str,
    /// Portable value.
    pub value: u32,
}

/// A table of named values.
#[derive(Clone, Copy, Debug)]
pub struct FlagSet {
    /// Upstream table name, e.g. `file_flags`.
    pub name: &'static str,
    /// The values, in upstream order (rendering depends on the order).
    pub values: &'static [FlagValue],
}

pub(crate) const fn v(name: &'static str, value: u32) -> FlagValue {
    FlagValue { name, value }
}

// ---- data ----
