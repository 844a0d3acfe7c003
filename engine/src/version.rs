//! Versions `major.minor.patch`, as the engine, the rules and plugins state them.

use std::fmt;

/// A version `major.minor.patch`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Version {
    /// Major number.
    pub major: u32,
    /// Minor number.
    pub minor: u32,
    /// Patch number.
    pub patch: u32,
}

/// The version of this rule engine (Falco 0.44's engine). `falco --version` prints it as
/// `Engine: 0.63.0`; rules files state the oldest engine they need with
/// `required_engine_version`.
pub const ENGINE_VERSION: Version = Version::new(0, 63, 0);

impl Version {
    /// The version `major.minor.patch`.
    pub const fn new(major: u32, minor: u32, patch: u32) -> Version {
        Version {
            major,
            minor,
            patch,
        }
    }

    /// Reads a version the way Falco does (C's `sscanf("%u.%u.%u")`): three numbers
    /// separated by dots, each optionally preceded by blanks and a sign; whatever follows the
    /// third number is ignored. `None` when three numbers can't be read.
    pub fn parse(text: &str) -> Option<Version> {
        let b = text.as_bytes();
        let mut i = 0;
        let major = scan_u32(b, &mut i)?;
        expect(b, &mut i, b'.')?;
        let minor = scan_u32(b, &mut i)?;
        expect(b, &mut i, b'.')?;
        let patch = scan_u32(b, &mut i)?;
        Some(Version::new(major, minor, patch))
    }

    /// The version of the engine `required_engine_version: N` (the legacy integer form)
    /// asks for: `0.N.0`.
    pub const fn from_legacy_number(minor: u32) -> Version {
        Version::new(ENGINE_VERSION.major, minor, ENGINE_VERSION.patch)
    }

    /// True when something of version `self` satisfies a requirement of version
    /// `required`: same major number, and not older.
    pub fn compatible_with(&self, required: &Version) -> bool {
        self.major == required.major && self >= required
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

fn expect(b: &[u8], i: &mut usize, c: u8) -> Option<()> {
    if b.get(*i) == Some(&c) {
        *i += 1;
        Some(())
    } else {
        None
    }
}

/// `%u`: blanks, an optional sign, decimal digits; the value wraps as `strtoul` then a cast
/// to 32 bits would.
fn scan_u32(b: &[u8], i: &mut usize) -> Option<u32> {
    while *i < b.len() && matches!(b[*i], b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c) {
        *i += 1;
    }
    let mut negative = false;
    if *i < b.len() && (b[*i] == b'+' || b[*i] == b'-') {
        negative = b[*i] == b'-';
        *i += 1;
    }
    let start = *i;
    let mut value: u64 = 0;
    let mut overflow = false;
    while *i < b.len() && b[*i].is_ascii_digit() {
        match value
            .checked_mul(10)
            .and_then(|v| v.checked_add(u64::from(b[*i] - b'0')))
        {
            Some(v) => value = v,
            None => overflow = true,
        }
        *i += 1;
    }
    if *i == start {
        return None;
    }
    if overflow {
        value = u64::MAX;
    } else if negative {
        value = value.wrapping_neg();
    }
    Some(value as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_like_sscanf() {
        assert_eq!(Version::parse("0.57.0"), Some(Version::new(0, 57, 0)));
        assert_eq!(Version::parse("1.2.3-rc1"), Some(Version::new(1, 2, 3)));
        assert_eq!(Version::parse(" 1. 2. 3"), Some(Version::new(1, 2, 3)));
        assert_eq!(Version::parse("1 .2.3"), None);
        assert_eq!(Version::parse("0.10"), None);
        assert_eq!(Version::parse("garbage"), None);
        assert_eq!(Version::parse(""), None);
    }

    #[test]
    fn compatibility() {
        let v = ENGINE_VERSION;
        assert_eq!(v.to_string(), "0.63.0");
        assert!(v.compatible_with(&Version::new(0, 57, 0)));
        assert!(v.compatible_with(&Version::new(0, 63, 0)));
        assert!(!v.compatible_with(&Version::new(0, 63, 1)));
        assert!(!v.compatible_with(&Version::new(1, 0, 0)));
        assert_eq!(Version::from_legacy_number(10), Version::new(0, 10, 0));
    }
}
