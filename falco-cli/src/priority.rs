//! Rule priorities (`emergency` … `debug`), as Falco names, parses and orders them.

use std::fmt;

/// A rule priority; the most severe first (`Emergency < Debug` in this order, as Falco's
/// numbering: 0 is the most severe, like syslog).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Priority {
    /// 0
    Emergency,
    /// 1
    Alert,
    /// 2
    Critical,
    /// 3
    Error,
    /// 4
    Warning,
    /// 5
    Notice,
    /// 6
    Informational,
    /// 7
    Debug,
}

impl Priority {
    /// All priorities, most severe first.
    pub const ALL: [Priority; 8] = [
        Priority::Emergency,
        Priority::Alert,
        Priority::Critical,
        Priority::Error,
        Priority::Warning,
        Priority::Notice,
        Priority::Informational,
        Priority::Debug,
    ];

    /// Parse a priority name, ignoring case; `info` is accepted for `informational`.
    pub fn parse(s: &str) -> Option<Priority> {
        if s.eq_ignore_ascii_case("info") {
            return Some(Priority::Informational);
        }
        Priority::ALL
            .into_iter()
            .find(|p| p.name().eq_ignore_ascii_case(s))
    }

    /// The full name shown in alerts: `Warning`, `Informational`.
    pub fn name(self) -> &'static str {
        match self {
            Priority::Emergency => "Emergency",
            Priority::Alert => "Alert",
            Priority::Critical => "Critical",
            Priority::Error => "Error",
            Priority::Warning => "Warning",
            Priority::Notice => "Notice",
            Priority::Informational => "Informational",
            Priority::Debug => "Debug",
        }
    }

    /// The short upper-case name of the end-of-run statistics: `WARNING`, `INFO`.
    pub fn short_upper(self) -> &'static str {
        match self {
            Priority::Emergency => "EMERGENCY",
            Priority::Alert => "ALERT",
            Priority::Critical => "CRITICAL",
            Priority::Error => "ERROR",
            Priority::Warning => "WARNING",
            Priority::Notice => "NOTICE",
            Priority::Informational => "INFO",
            Priority::Debug => "DEBUG",
        }
    }

    /// The number (0 = emergency … 7 = debug), also the syslog level of the alert.
    pub fn number(self) -> u8 {
        self as u8
    }

    /// The priority of number `n`.
    pub fn from_number(n: u8) -> Option<Priority> {
        Priority::ALL.get(n as usize).copied()
    }
}

impl fmt::Display for Priority {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_names() {
        assert_eq!(Priority::parse("WARNING"), Some(Priority::Warning));
        assert_eq!(Priority::parse("info"), Some(Priority::Informational));
        assert_eq!(
            Priority::parse("Informational"),
            Some(Priority::Informational)
        );
        assert_eq!(Priority::parse("warn"), None);
        assert_eq!(Priority::Informational.short_upper(), "INFO");
        assert!(Priority::Critical < Priority::Warning);
        assert_eq!(Priority::Debug.number(), 7);
    }
}
