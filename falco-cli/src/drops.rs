//! Kernel drop monitoring (`syscall_event_drops`), as Falco does it live: once per second
//! of event time the driver's counters are compared with the previous reading; when the
//! share of dropped events passes `threshold`, the configured actions run (`log`: a debug
//! line; `alert`: the internal alert `Falco internal: syscall event drop` at priority
//! Debug; `exit`: stop), at most `rate` times per second with bursts of `max_burst` (a
//! token bucket). The counts of detected drops and of actions taken are reported at the
//! end.

use std::collections::BTreeMap;

use crate::config::{DropAction, SyscallEventDrops};
use crate::json::Json;
use crate::logger;
use crate::outputs::Outputs;
use crate::priority::Priority;

const SECOND_NS: u64 = 1_000_000_000;

/// The rule name of the drop alert.
pub const DROP_RULE: &str = "Falco internal: syscall event drop";

/// Driver counters, as the drop alert reports them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DriverCounters {
    /// Events the driver generated.
    pub events: u64,
    /// Every event dropped.
    pub drops: u64,
    /// Dropped because a ring buffer was full.
    pub drops_buffer: u64,
    /// `drops_buffer` by category: clone_fork, execve, connect, open, dir_file,
    /// other_interest, close, proc (all exit events).
    pub drops_buffer_by_category: [u64; 8],
    /// Dropped because the event did not fit the driver's scratch space.
    pub drops_scratch_map: u64,
    /// Dropped because of page faults.
    pub drops_page_faults: u64,
    /// Dropped because of a driver bug.
    pub drops_bug: u64,
}

/// The categories of [`DriverCounters::drops_buffer_by_category`], as the alert names them.
const CATEGORIES: [&str; 8] = [
    "clone_fork_exit",
    "execve_exit",
    "connect_exit",
    "open_exit",
    "dir_file_exit",
    "other_interest_exit",
    "close_exit",
    "proc_exit",
];

impl DriverCounters {
    fn delta(&self, prev: &DriverCounters) -> DriverCounters {
        let d = |a: u64, b: u64| a.saturating_sub(b);
        let mut by = [0; 8];
        for (i, v) in by.iter_mut().enumerate() {
            *v = d(
                self.drops_buffer_by_category[i],
                prev.drops_buffer_by_category[i],
            );
        }
        DriverCounters {
            events: d(self.events, prev.events),
            drops: d(self.drops, prev.drops),
            drops_buffer: d(self.drops_buffer, prev.drops_buffer),
            drops_buffer_by_category: by,
            drops_scratch_map: d(self.drops_scratch_map, prev.drops_scratch_map),
            drops_page_faults: d(self.drops_page_faults, prev.drops_page_faults),
            drops_bug: d(self.drops_bug, prev.drops_bug),
        }
    }

    /// The alert's output fields (strings, as Falco writes them).
    fn fields(&self, ebpf: bool) -> BTreeMap<String, Json> {
        let mut f = BTreeMap::new();
        let mut put = |k: &str, v: u64| {
            f.insert(k.to_string(), Json::Str(v.to_string()));
        };
        put("n_evts", self.events);
        put("n_drops", self.drops);
        put("n_drops_buffer_total", self.drops_buffer);
        for (c, v) in CATEGORIES.iter().zip(self.drops_buffer_by_category) {
            put(&format!("n_drops_buffer_{c}"), v);
        }
        put("n_drops_scratch_map", self.drops_scratch_map);
        put("n_drops_page_faults", self.drops_page_faults);
        put("n_drops_bug", self.drops_bug);
        f.insert("ebpf_enabled".into(), Json::Str(u8::from(ebpf).to_string()));
        f
    }
}

/// A token bucket: `rate` tokens per second, at most `max` (full at start).
#[derive(Clone, Debug)]
struct Bucket {
    rate: f64,
    max: f64,
    tokens: f64,
    last_ns: Option<u64>,
}

impl Bucket {
    fn claim(&mut self, now_ns: u64) -> bool {
        if let Some(last) = self.last_ns {
            let secs = now_ns.saturating_sub(last) as f64 / SECOND_NS as f64;
            self.tokens = (self.tokens + secs * self.rate).min(self.max);
        }
        self.last_ns = Some(now_ns);
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

/// What the event loop must do after a check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Go on.
    Continue,
    /// Stop: the `exit` action ran (the message is the fatal error).
    Exit(String),
}

/// The drop monitor of one live run.
#[derive(Clone, Debug)]
pub struct DropMonitor {
    actions: Vec<DropAction>,
    threshold: f64,
    simulate: bool,
    bucket: Bucket,
    next_check_ns: u64,
    last: Option<DriverCounters>,
    detected: u64,
    taken: u64,
}

impl DropMonitor {
    /// A monitor with the `syscall_event_drops` settings.
    pub fn new(cfg: &SyscallEventDrops) -> DropMonitor {
        DropMonitor {
            actions: cfg.actions.clone(),
            threshold: if cfg.simulate_drops {
                0.0
            } else {
                cfg.threshold
            },
            simulate: cfg.simulate_drops,
            bucket: Bucket {
                rate: cfg.rate,
                max: cfg.max_burst as f64,
                tokens: cfg.max_burst as f64,
                last_ns: None,
            },
            next_check_ns: 0,
            last: None,
            detected: 0,
            taken: 0,
        }
    }

    /// False when every action is `ignore` (Falco then does not monitor).
    pub fn is_active(&self) -> bool {
        self.actions.iter().any(|a| *a != DropAction::Ignore)
    }

    /// True when a check is due at event time `ts` (once per second of event time).
    pub fn due(&mut self, ts: u64) -> bool {
        if !self.is_active() {
            return false;
        }
        if self.next_check_ns == 0 {
            self.next_check_ns = ts + SECOND_NS;
            return false;
        }
        ts > self.next_check_ns
    }

    /// Compare `now` with the previous counters (at event time `ts`) and run the actions.
    pub fn check(&mut self, ts: u64, now: DriverCounters, ebpf: bool, sink: &Outputs) -> Verdict {
        self.next_check_ns = ts + SECOND_NS;
        let prev = self.last.replace(now).unwrap_or_default();
        let mut delta = now.delta(&prev);
        if self.simulate {
            logger::info("Simulating syscall event drop");
            delta.drops += 1;
        }
        if delta.drops == 0 {
            return Verdict::Continue;
        }
        let ratio = delta.drops as f64 / delta.events as f64;
        if ratio <= self.threshold {
            return Verdict::Continue;
        }
        self.detected += 1;
        if !self.bucket.claim(ts) {
            logger::debug("Syscall event drop but token bucket depleted, skipping actions");
            return Verdict::Continue;
        }
        self.taken += 1;
        let msg = format!(
            "{DROP_RULE}. {} system calls dropped in last second.",
            delta.drops
        );
        for a in &self.actions {
            match a {
                DropAction::Ignore => {}
                DropAction::Log => logger::debug(&msg),
                DropAction::Alert => {
                    sink.handle_internal(ts, Priority::Debug, DROP_RULE, &msg, delta.fields(ebpf))
                }
                DropAction::Exit => {
                    logger::critical(&msg);
                    logger::critical("Exiting.");
                    return Verdict::Exit(msg);
                }
            }
        }
        Verdict::Continue
    }

    /// The end-of-run summary (stderr in Falco), when monitoring was active.
    pub fn report(&self) -> Option<String> {
        self.is_active()
            .then(|| crate::stats::format_drop_stats(self.detected, self.taken))
    }

    /// Drops detected and actions taken so far.
    pub fn counts(&self) -> (u64, u64) {
        (self.detected, self.taken)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg(threshold: f64, actions: Vec<DropAction>) -> SyscallEventDrops {
        SyscallEventDrops {
            threshold,
            actions,
            rate: 0.03333,
            max_burst: 1,
            simulate_drops: false,
        }
    }

    fn counters(events: u64, drops: u64) -> DriverCounters {
        DriverCounters {
            events,
            drops,
            drops_buffer: drops,
            ..DriverCounters::default()
        }
    }

    fn sink() -> Outputs {
        let cfg =
            crate::outputs::OutputsConfig::from_config(&crate::config::Config::default(), "h");
        Outputs::with_channels(cfg, Vec::new())
    }

    #[test]
    fn threshold_and_token_bucket() {
        let s = sink();
        let mut m = DropMonitor::new(&cfg(0.1, vec![DropAction::Log, DropAction::Alert]));
        assert!(m.is_active());
        // First second: arms the check.
        assert!(!m.due(1_000));
        assert!(!m.due(SECOND_NS));
        assert!(m.due(SECOND_NS + 1_001));
        // 5% dropped: under the threshold.
        let t1 = 2 * SECOND_NS;
        assert_eq!(
            m.check(t1, counters(1000, 50), false, &s),
            Verdict::Continue
        );
        assert_eq!(m.counts(), (0, 0));
        // The next second 200 of 1000 more: 20% > 10%: detected, one token: action.
        let t2 = 3 * SECOND_NS;
        m.check(t2, counters(2000, 250), false, &s);
        assert_eq!(m.counts(), (1, 1));
        // Again a second later: detected, but the bucket (1 token per 30 s) is empty.
        let t3 = 4 * SECOND_NS;
        m.check(t3, counters(3000, 450), false, &s);
        assert_eq!(m.counts(), (2, 1));
        // 31 s later the bucket has a token again.
        let t4 = 35 * SECOND_NS;
        m.check(t4, counters(4000, 650), false, &s);
        assert_eq!(m.counts(), (3, 2));
        assert_eq!(
            m.report().unwrap(),
            "Syscall event drop monitoring:\n   - event drop detected: 3 occurrences\n   - num \
             times actions taken: 2\n"
        );
    }

    #[test]
    fn exit_action_stops() {
        let s = sink();
        let mut m = DropMonitor::new(&cfg(0.1, vec![DropAction::Exit]));
        m.check(SECOND_NS, counters(10, 0), false, &s);
        let v = m.check(2 * SECOND_NS, counters(20, 10), true, &s);
        assert_eq!(
            v,
            Verdict::Exit(
                "Falco internal: syscall event drop. 10 system calls dropped in last second."
                    .into()
            )
        );
    }

    #[test]
    fn ignore_only_is_inactive() {
        let mut m = DropMonitor::new(&cfg(0.1, vec![DropAction::Ignore]));
        assert!(!m.is_active());
        assert!(!m.due(5 * SECOND_NS));
        assert_eq!(m.report(), None);
    }

    #[test]
    fn alert_fields_are_strings() {
        let mut c = counters(100, 7);
        c.drops_buffer_by_category[1] = 3;
        let f = c.fields(true);
        assert_eq!(f["n_drops"], Json::Str("7".into()));
        assert_eq!(f["n_drops_buffer_execve_exit"], Json::Str("3".into()));
        assert_eq!(f["ebpf_enabled"], Json::Str("1".into()));
        assert_eq!(f.len(), 15);
    }
}
