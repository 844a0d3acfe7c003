//! Rule priorities, from `Emergency` (most severe) to `Debug`.

use std::fmt;

/// How severe a rule's alerts are. The order is Falco's numeric order: `Emergency` (0) is
/// the most severe, `Debug` (7) the least, so `a < b` means "a is more severe than b".
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[allow(missing_docs)]
pub enum Priority {
    Emergency = 0,
    Alert = 1,
    Critical = 2,
    Error = 3,
    Warning = 4,
    Notice = 5,
    Informational = 6,
    Debug = 7,
}

impl Priority {
    /// Every priority, most severe first.
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

    /// Reads a priority as rules and `falco.yaml` write it: a name in any letter case, and
    /// `info` for `Informational`.
    pub fn parse(text: &str) -> Option<Priority> {
        if text.eq_ignore_ascii_case("info") {
            return Some(Priority::Informational);
        }
        Priority::ALL
            .into_iter()
            .find(|p| p.name().eq_ignore_ascii_case(text))
    }

    /// The full name (`Informational`), as alerts print it.
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

    /// The short name: `Info` for `Informational`, the full name otherwise.
    pub fn short_name(self) -> &'static str {
        match self {
            Priority::Informational => "Info",
            p => p.name(),
        }
    }
}

impl Priority {
    /// The short upper-case name of Falco's end-of-run statistics: `WARNING`, `INFO`.
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

    /// The number (0 = emergency … 7 = debug), also the syslog level of an alert.
    pub fn number(self) -> u8 {
        self as u8
    }

    /// The priority of number `n`.
    pub fn from_number(n: u8) -> Option<Priority> {
        Priority::ALL.get(n as usize).copied()
    }
}

impl fmt::Display for Priority {
    /// The full name.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_is_case_insensitive_with_info_alias() {
        assert_eq!(Priority::parse("WARNING"), Some(Priority::Warning));
        assert_eq!(Priority::parse("info"), Some(Priority::Informational));
        assert_eq!(Priority::parse("INFO"), Some(Priority::Informational));
        assert_eq!(
            Priority::parse("informational"),
            Some(Priority::Informational)
        );
        assert_eq!(Priority::parse("debug"), Some(Priority::Debug));
        assert_eq!(Priority::parse("warn"), None);
        assert_eq!(Priority::parse(""), None);
        assert!(Priority::Emergency < Priority::Debug);
        assert_eq!(Priority::Informational.short_name(), "Info");
        assert_eq!(Priority::Informational.to_string(), "Informational");
    }

    #[test]
    fn statistics_names_and_numbers() {
        assert_eq!(Priority::Informational.short_upper(), "INFO");
        assert!(Priority::Critical < Priority::Warning);
        assert_eq!(Priority::Debug.number(), 7);
        assert_eq!(Priority::from_number(4), Some(Priority::Warning));
    }
}
