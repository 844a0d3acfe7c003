//! End-of-run statistics, printed the way Falco prints them.
//!
//! ```text
//! Events detected: 3
//! Rule counts by severity:
//!    WARNING: 2
//!    INFO: 1
//! Triggered rules by rule name:
//!    Terminal shell in container: 2
//!    Read sensitive file untrusted: 1
//! ```
//!
//! Severities use the short upper-case names (`INFO` for informational), most severe
//! first; rules are listed in the order they were loaded; zero counts are left out.
//! [`RuleStats`] keeps the counters (the engine registers each loaded rule and counts each
//! alert); [`RuleStats::format`] renders them, [`print_stats`] writes them to stdout with
//! the outputs' own counters when they lost alerts.

use std::sync::atomic::{AtomicU64, Ordering};

use crate::outputs::OutputStats;
use crate::priority::Priority;

/// Per-rule and per-priority alert counters.
#[derive(Debug, Default)]
pub struct RuleStats {
    total: AtomicU64,
    by_priority: [AtomicU64; 8],
    rules: Vec<(String, AtomicU64)>,
}

/// The index of a rule registered with [`RuleStats::add_rule`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct RuleId(pub usize);

impl RuleStats {
    /// No rules, no counts.
    pub fn new() -> RuleStats {
        RuleStats::default()
    }

    /// Register a rule (in load order); returns its id.
    pub fn add_rule(&mut self, name: &str) -> RuleId {
        self.rules.push((name.to_string(), AtomicU64::new(0)));
        RuleId(self.rules.len() - 1)
    }

    /// Count one alert of rule `id` at `priority`.
    pub fn on_alert(&self, id: RuleId, priority: Priority) {
        self.total.fetch_add(1, Ordering::Relaxed);
        self.by_priority[priority.number() as usize].fetch_add(1, Ordering::Relaxed);
        if let Some((_, c)) = self.rules.get(id.0) {
            c.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// Alerts counted.
    pub fn total(&self) -> u64 {
        self.total.load(Ordering::Relaxed)
    }

    /// Add the counts of `old` (the rules before a reload) to these: by rule name, rules
    /// that are gone kept at the end, so the end-of-run statistics cover the whole run.
    pub fn carry_over(&mut self, old: &RuleStats) {
        self.total.fetch_add(old.total(), Ordering::Relaxed);
        for (mine, theirs) in self.by_priority.iter().zip(&old.by_priority) {
            mine.fetch_add(theirs.load(Ordering::Relaxed), Ordering::Relaxed);
        }
        for (name, count) in &old.rules {
            let n = count.load(Ordering::Relaxed);
            match self.rules.iter().find(|(r, _)| r == name) {
                Some((_, c)) => {
                    c.fetch_add(n, Ordering::Relaxed);
                }
                None => self.rules.push((name.clone(), AtomicU64::new(n))),
            }
        }
    }

    /// Clear every count (rules stay registered).
    pub fn clear(&self) {
        self.total.store(0, Ordering::Relaxed);
        self.by_priority
            .iter()
            .for_each(|c| c.store(0, Ordering::Relaxed));
        self.rules
            .iter()
            .for_each(|(_, c)| c.store(0, Ordering::Relaxed));
    }

    /// The statistics text.
    pub fn format(&self) -> String {
        let by_priority: Vec<(Priority, u64)> = Priority::ALL
            .iter()
            .map(|p| {
                (
                    *p,
                    self.by_priority[p.number() as usize].load(Ordering::Relaxed),
                )
            })
            .collect();
        let by_rule: Vec<(&str, u64)> = self
            .rules
            .iter()
            .map(|(n, c)| (n.as_str(), c.load(Ordering::Relaxed)))
            .collect();
        format_rule_stats(self.total(), &by_priority, &by_rule)
    }
}

/// The statistics text from plain counts: `by_priority` and `by_rule` in display order
/// (zero counts are skipped).
pub fn format_rule_stats(
    total: u64,
    by_priority: &[(Priority, u64)],
    by_rule: &[(&str, u64)],
) -> String {
    let mut out = format!("Events detected: {total}\nRule counts by severity:\n");
    for (p, n) in by_priority {
        if *n > 0 {
            out.push_str(&format!("   {}: {n}\n", p.short_upper()));
        }
    }
    out.push_str("Triggered rules by rule name:\n");
    for (name, n) in by_rule {
        if *n > 0 {
            out.push_str(&format!("   {name}: {n}\n"));
        }
    }
    out
}

/// Print the end-of-run statistics on stdout (after the outputs were closed, as Falco
/// does), followed by the outputs' losses when there were any.
pub fn print_stats(rules: &RuleStats, outputs: Option<&OutputStats>) {
    use std::io::Write;
    let mut text = rules.format();
    if let Some(o) = outputs {
        text.push_str(&o.summary());
    }
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
}

/// The `-v` lines about the event source at the end of a run (stderr in Falco):
/// `Driver Events:N` / `Driver Drops:N` for the syscall source, then
/// `Elapsed time: S, Captured Events: N, R eps` (prefixed by `(source) ` for a named
/// source in live mode).
pub fn format_capture_stats(
    source: Option<&str>,
    driver: Option<(u64, u64)>,
    elapsed_s: f64,
    events: u64,
) -> String {
    let mut s = String::new();
    if let Some((evts, drops)) = driver {
        s.push_str(&format!("Driver Events:{evts}\nDriver Drops:{drops}\n"));
    }
    let eps = if elapsed_s > 0.0 {
        events as f64 / elapsed_s
    } else {
        0.0
    };
    let prefix = source.map(|s| format!("({s}) ")).unwrap_or_default();
    s.push_str(&format!(
        "{prefix}Elapsed time: {elapsed_s:.3}, Captured Events: {events}, {eps:.2} eps\n"
    ));
    s
}

/// The syscall drop monitoring summary (stderr in Falco).
pub fn format_drop_stats(drops_detected: u64, actions_taken: u64) -> String {
    format!(
        "Syscall event drop monitoring:\n   - event drop detected: {drops_detected} occurrences\n   - num times actions taken: {actions_taken}\n"
    )
}
