//! Falco's metrics: the counters the event loop moves, the Prometheus text of the web
//! server's `/metrics`, and the periodic "Falco metrics snapshot" (`metrics.enabled`).
//!
//! ```text
//!  event loop ──atomics──▶ Metrics ◀── /metrics (webserver::Webserver, on request)
//!                            ▲
//!                            └──────── MetricsWriter thread, every metrics.interval:
//!                                       internal alert "Falco internal: metrics snapshot"
//!                                       and/or a JSON line in metrics.output_file
//! ```
//!
//! [`Metrics`] is shared (`Arc`) and updated without locks: the event loop counts processed
//! events ([`Metrics::add_events`] or [`Metrics::set_num_evts`]), stores the driver's counters
//! ([`Metrics::set_driver_counters`]) and the state table sizes
//! ([`Metrics::set_state_counters`]), and counts rule matches through the
//! [`RuleCounters`] it got from [`Metrics::set_rules`] (an `Arc` it keeps; a reload installs
//! a new one). Readers take a consistent-enough snapshot of the atomics when asked, and read
//! the process's CPU and memory from `/proc` ([`Resources::read`]) at that moment only.
//!
//! # Names (Falco 0.44 / libs 0.2x)
//!
//! Prometheus names follow libs' converter: `falcosecurity_<subsystem>_<name>_<unit>`,
//! with the unit suffix from the metric's unit (`total` for counts, `bytes` for memory
//! converted from KiB, `ratio` for percentages divided by 100, `timestamp_nanoseconds`,
//! `seconds_total`), counters for monotonic values and gauges for current ones; string
//! facts are `_info` gauges of value 1 with labels. Subsystems: `falco` (wrapper, rules,
//! resource use), `scap` (driver counters, state counters, engine name), `evt` (hostname).
//! Buffer drops are one family `falcosecurity_scap_n_drops_buffer_total{dir,drop}`; rule
//! matches are `falcosecurity_falco_rules_matches_total{priority,rule_name,source,tag_*}`
//! (priority as its number, 0 = Emergency .. 7 = Debug; only rules that matched).
//!
//! One deliberate difference: Falco repeats `# HELP`/`# TYPE` before every sample of a
//! family (e.g. once per rule); strict parsers of the exposition format reject a second
//! `TYPE` line for a name, so we print each family's header once and its samples together.
//! Label values are escaped (`\\`, `\"`, `\n`) as the format requires; Falco does not.
//!
//! The snapshot's `output_fields` use Falco's keys: `evt.time`, `evt.source`,
//! `evt.hostname`, `falco.version`, `falco.start_ts`, `falco.duration_sec`,
//! `falco.kernel_release`, `falco.host_boot_ts`, `falco.host_num_cpus`,
//! `falco.outputs_queue_num_drops`, `falco.reload_ts`, `falco.num_evts`,
//! `falco.num_evts_prev`, `falco.evts_rate_sec`, `falco.sha256_rules_file.<file>`,
//! `falco.sha256_config_file.<file>`, `scap.engine_name`,
//! `falco.rules.matches_total`, `falco.rules.<rule>`, `falco.cpu_usage_perc`,
//! `falco.memory_{rss,vsz,pss}_{mb,kb}`, `falco.container_memory_used_{mb,bytes}`,
//! `falco.host_cpu_usage_perc`, `falco.host_memory_used_{mb,kb}`,
//! `falco.host_procs_running`, `falco.host_open_fds`, `falco.n_threads`, `falco.n_fds`,
//! `scap.n_evts`, `scap.n_evts_prev`, `scap.evts_rate_sec`, `scap.n_drops`,
//! `scap.n_drops_prev`, `scap.evts_drop_rate_sec`, `scap.n_drops_perc`,
//! `scap.n_drops_buffer_total`, `scap.n_drops_buffer_<kind>_exit`, `scap.n_drops_scratch_map`.
//! Zero values are left out unless `include_empty_values` (the `n_evts`/`n_drops` family
//! always present, as in Falco). Not reported: Falco's
//! `falco.host_netinfo.interfaces.<if>.protocols.ipv{4,6}.addresses`, libbpf program
//! statistics, plugin and jemalloc metrics, per-CPU kernel counters, and the lookup /
//! add / remove counters of the state tables (only their sizes).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use sha2::{Digest, Sha256};

use crate::config;
use crate::drops::DriverCounters;
use crate::json::Json;
use crate::logger;
use crate::outputs::Alert;
use crate::priority::Priority;
use crate::version::FALCO_VERSION;

/// The rule name of the periodic snapshot alert.
pub const SNAPSHOT_RULE: &str = "Falco internal: metrics snapshot";
/// Its message.
pub const SNAPSHOT_MESSAGE: &str = "Falco metrics snapshot";
/// The `Content-Type` of `/metrics` (text exposition format 0.0.4).
pub const PROMETHEUS_CONTENT_TYPE: &str = "text/plain; version=0.0.4";
const HELP: &str = "https://falco.org/docs/metrics/";
const SECOND_NS: u64 = 1_000_000_000;

/// The buffer-drop kinds of [`DriverCounters::drops_buffer_by_category`], in order.
const DROP_KINDS: [&str; 8] = [
    "clone_fork",
    "execve",
    "connect",
    "open",
    "dir_file",
    "other_interest",
    "close",
    "proc",
];
/// Enter-event drop kinds Falco still reports (always 0: no driver sends enter events).
const DEPRECATED_ENTER_KINDS: [&str; 6] = [
    "clone_fork",
    "execve",
    "connect",
    "open",
    "dir_file",
    "other_interest",
];

fn now_ns() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0)
}

/// A loaded rule, as the metrics label it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleInfo {
    /// Rule name.
    pub name: String,
    /// Priority.
    pub priority: Priority,
    /// Event source (`syscall`).
    pub source: String,
    /// Tags.
    pub tags: Vec<String>,
}

/// Match counters of the loaded rules, indexed as given to [`Metrics::set_rules`].
/// Counting is one relaxed atomic add.
#[derive(Debug)]
pub struct RuleCounters {
    rules: Vec<RuleInfo>,
    counts: Box<[AtomicU64]>,
    total: AtomicU64,
}

impl RuleCounters {
    fn new(rules: Vec<RuleInfo>) -> RuleCounters {
        let counts = rules.iter().map(|_| AtomicU64::new(0)).collect();
        RuleCounters {
            rules,
            counts,
            total: AtomicU64::new(0),
        }
    }

    /// Count a match of rule `index` (its position in the list given to
    /// [`Metrics::set_rules`]); an unknown index counts in the total only.
    #[inline]
    pub fn on_match(&self, index: usize) {
        self.total.fetch_add(1, Ordering::Relaxed);
        if let Some(c) = self.counts.get(index) {
            c.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// Matches of rule `index`.
    pub fn count(&self, index: usize) -> u64 {
        self.counts
            .get(index)
            .map_or(0, |c| c.load(Ordering::Relaxed))
    }

    /// All matches.
    pub fn total(&self) -> u64 {
        self.total.load(Ordering::Relaxed)
    }

    /// The rules.
    pub fn rules(&self) -> &[RuleInfo] {
        &self.rules
    }
}

/// A loaded file and its SHA-256 (hex), for `falcosecurity_falco_sha256_*_files_info`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct FileDigest {
    name: String,
    sha256: String,
}

fn digest_files(paths: &[PathBuf]) -> Vec<FileDigest> {
    paths
        .iter()
        .filter_map(|p| {
            let data = std::fs::read(p).ok()?;
            let sum = Sha256::digest(&data);
            let mut hex = String::with_capacity(64);
            for b in sum {
                let _ = write!(hex, "{b:02x}");
            }
            Some(FileDigest {
                name: p
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                sha256: hex,
            })
        })
        .collect()
}

/// Thread and fd table sizes (libs' state counters).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StateCounters {
    /// Threads in the thread table.
    pub n_threads: u64,
    /// File descriptors in all fd tables.
    pub n_fds: u64,
}

#[derive(Default)]
struct Atomics {
    num_evts: AtomicU64,
    // Driver counters.
    has_driver: AtomicBool,
    n_evts: AtomicU64,
    n_drops: AtomicU64,
    n_drops_buffer: AtomicU64,
    n_drops_buffer_by: [AtomicU64; 8],
    n_drops_scratch_map: AtomicU64,
    n_drops_page_faults: AtomicU64,
    n_drops_bug: AtomicU64,
    // State.
    has_state: AtomicBool,
    n_threads: AtomicU64,
    n_fds: AtomicU64,
    reload_ts: AtomicU64,
}

/// Everything the metrics report, shared between the event loop (writer) and the web
/// server and snapshot writer (readers).
pub struct Metrics {
    a: Atomics,
    start_ns: u64,
    /// Scap engine name (`modern_bpf`, `kmod`, `nodriver`, `source_plugin`; `None` for a
    /// replayed capture, which Falco does not label) and event source.
    engine: Mutex<(Option<String>, String)>,
    hostname: String,
    rules: Mutex<Arc<RuleCounters>>,
    rules_files: Mutex<Vec<FileDigest>>,
    config_files: Mutex<Vec<FileDigest>>,
    queue_drops: Mutex<Option<Box<dyn Fn() -> u64 + Send + Sync>>>,
}

impl std::fmt::Debug for Metrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Metrics")
            .field("num_evts", &self.a.num_evts.load(Ordering::Relaxed))
            .field("hostname", &self.hostname)
            .finish_non_exhaustive()
    }
}

impl Metrics {
    /// Metrics of a run starting now, alerts naming host `hostname`.
    pub fn new(hostname: &str) -> Arc<Metrics> {
        let now = now_ns();
        let m = Metrics {
            a: Atomics::default(),
            start_ns: now,
            engine: Mutex::new((None, "syscall".to_string())),
            hostname: hostname.to_string(),
            rules: Mutex::new(Arc::new(RuleCounters::new(Vec::new()))),
            rules_files: Mutex::new(Vec::new()),
            config_files: Mutex::new(Vec::new()),
            queue_drops: Mutex::new(None),
        };
        m.a.reload_ts.store(now, Ordering::Relaxed);
        Arc::new(m)
    }

    /// The scap engine (`modern_bpf`, `kmod`, `nodriver`; `None` when replaying a capture)
    /// and the event source.
    pub fn set_engine(&self, engine: Option<&str>, source: &str) {
        *self.engine.lock().unwrap() = (engine.map(str::to_string), source.to_string());
    }

    /// Install the loaded rules (after loading or reloading them; records the reload time).
    /// Returns the counters the event loop counts matches with.
    pub fn set_rules(&self, rules: Vec<RuleInfo>) -> Arc<RuleCounters> {
        let rc = Arc::new(RuleCounters::new(rules));
        *self.rules.lock().unwrap() = rc.clone();
        self.a.reload_ts.store(now_ns(), Ordering::Relaxed);
        rc
    }

    /// The rule counters currently installed.
    pub fn rules(&self) -> Arc<RuleCounters> {
        self.rules.lock().unwrap().clone()
    }

    /// The loaded rules and configuration files (their SHA-256 is reported).
    pub fn set_files(&self, rules_files: &[PathBuf], config_files: &[PathBuf]) {
        *self.rules_files.lock().unwrap() = digest_files(rules_files);
        *self.config_files.lock().unwrap() = digest_files(config_files);
    }

    /// Where the outputs queue drop count comes from (e.g. `move || outputs.queue_drops()`).
    pub fn set_queue_drops_source(&self, f: impl Fn() -> u64 + Send + Sync + 'static) {
        *self.queue_drops.lock().unwrap() = Some(Box::new(f));
    }

    /// Count `n` events processed by the event loop (Falco's `falco.num_evts`).
    #[inline]
    pub fn add_events(&self, n: u64) {
        self.a.num_evts.fetch_add(n, Ordering::Relaxed);
    }

    /// The driver's counters, as last read (cumulative since the capture started).
    pub fn set_driver_counters(&self, c: &DriverCounters) {
        let a = &self.a;
        a.n_evts.store(c.events, Ordering::Relaxed);
        a.n_drops.store(c.drops, Ordering::Relaxed);
        a.n_drops_buffer.store(c.drops_buffer, Ordering::Relaxed);
        for (d, v) in a.n_drops_buffer_by.iter().zip(c.drops_buffer_by_category) {
            d.store(v, Ordering::Relaxed);
        }
        a.n_drops_scratch_map
            .store(c.drops_scratch_map, Ordering::Relaxed);
        a.n_drops_page_faults
            .store(c.drops_page_faults, Ordering::Relaxed);
        a.n_drops_bug.store(c.drops_bug, Ordering::Relaxed);
        a.has_driver.store(true, Ordering::Release);
    }

    /// The state table sizes.
    pub fn set_state_counters(&self, s: StateCounters) {
        self.a.n_threads.store(s.n_threads, Ordering::Relaxed);
        self.a.n_fds.store(s.n_fds, Ordering::Relaxed);
        self.a.has_state.store(true, Ordering::Release);
    }

    /// Set the count of events processed by the event loop (a plain store: cheaper than
    /// [`Metrics::add_events`] for a loop that keeps its own count, e.g. once per batch).
    #[inline]
    pub fn set_num_evts(&self, total: u64) {
        self.a.num_evts.store(total, Ordering::Relaxed);
    }

    /// Events processed so far.
    pub fn num_evts(&self) -> u64 {
        self.a.num_evts.load(Ordering::Relaxed)
    }

    fn driver(&self) -> Option<DriverCounters> {
        let a = &self.a;
        if !a.has_driver.load(Ordering::Acquire) {
            return None;
        }
        let mut by = [0u64; 8];
        for (v, s) in by.iter_mut().zip(&a.n_drops_buffer_by) {
            *v = s.load(Ordering::Relaxed);
        }
        Some(DriverCounters {
            events: a.n_evts.load(Ordering::Relaxed),
            drops: a.n_drops.load(Ordering::Relaxed),
            drops_buffer: a.n_drops_buffer.load(Ordering::Relaxed),
            drops_buffer_by_category: by,
            drops_scratch_map: a.n_drops_scratch_map.load(Ordering::Relaxed),
            drops_page_faults: a.n_drops_page_faults.load(Ordering::Relaxed),
            drops_bug: a.n_drops_bug.load(Ordering::Relaxed),
        })
    }

    fn state(&self) -> Option<StateCounters> {
        self.a
            .has_state
            .load(Ordering::Acquire)
            .then(|| StateCounters {
                n_threads: self.a.n_threads.load(Ordering::Relaxed),
                n_fds: self.a.n_fds.load(Ordering::Relaxed),
            })
    }

    fn queue_drops(&self) -> Option<u64> {
        self.queue_drops.lock().unwrap().as_ref().map(|f| f())
    }

    /// The driver's counter names and values for this engine, in libs' order.
    fn driver_metrics(&self, d: &DriverCounters) -> Vec<(String, u64)> {
        let kmod = self.engine.lock().unwrap().0.as_deref() == Some("kmod");
        let mut v = vec![
            ("n_evts".to_string(), d.events),
            ("n_drops_buffer_total".to_string(), d.drops_buffer),
        ];
        for (i, k) in DROP_KINDS.iter().enumerate() {
            if *k == "connect" || *k == "open" {
                v.push((format!("n_drops_buffer_{k}_enter"), 0));
            }
            v.push((
                format!("n_drops_buffer_{k}_exit"),
                d.drops_buffer_by_category[i],
            ));
        }
        if kmod {
            v.push(("n_drops_page_faults".into(), d.drops_page_faults));
            v.push(("n_drops_bug".into(), d.drops_bug));
        } else {
            v.push(("n_drops_scratch_map".into(), d.drops_scratch_map));
        }
        v.push(("n_drops".into(), d.drops));
        v
    }

    /// The Prometheus text exposition of `/metrics`, with the categories `cfg` enables.
    pub fn prometheus_text(&self, cfg: &config::Metrics) -> String {
        let mut p = Prom::default();
        p.info("falco", "version", &[("version", FALCO_VERSION)]);
        for f in self.rules_files.lock().unwrap().iter() {
            p.info(
                "falco",
                "sha256_rules_files",
                &[("file_name", &f.name), ("sha256", &f.sha256)],
            );
        }
        for f in self.config_files.lock().unwrap().iter() {
            p.info(
                "falco",
                "sha256_config_files",
                &[("file_name", &f.name), ("sha256", &f.sha256)],
            );
        }
        if cfg.rules_counters_enabled {
            let rc = self.rules();
            for (i, r) in rc.rules.iter().enumerate() {
                let n = rc.count(i);
                if n == 0 {
                    continue;
                }
                let prio = r.priority.number().to_string();
                let mut labels: BTreeMap<String, &str> = BTreeMap::new();
                labels.insert("rule_name".into(), &r.name);
                labels.insert("priority".into(), &prio);
                labels.insert("source".into(), &r.source);
                for t in &r.tags {
                    labels.entry(format!("tag_{t}")).or_insert("true");
                }
                let labels: Vec<(&str, &str)> =
                    labels.iter().map(|(k, v)| (k.as_str(), *v)).collect();
                p.sample(
                    "falcosecurity_falco_rules_matches_total",
                    "counter",
                    &labels,
                    n.to_string(),
                );
            }
        }
        let (engine, source) = self.engine.lock().unwrap().clone();
        if let Some(e) = &engine {
            p.info(
                "scap",
                "engine_name",
                &[("engine_name", e), ("evt_source", &source)],
            );
        }
        let is_syscall = source == "syscall";
        if cfg.kernel_event_counters_enabled && is_syscall {
            if let Some(d) = self.driver() {
                for (name, v) in self.driver_metrics(&d) {
                    if name == "n_drops_buffer_total" {
                        continue;
                    }
                    if let Some(kind) = name
                        .strip_prefix("n_drops_buffer_")
                        .and_then(|k| k.strip_suffix("_exit"))
                    {
                        p.sample(
                            "falcosecurity_scap_n_drops_buffer_total",
                            "counter",
                            &[("dir", "exit"), ("drop", kind)],
                            v.to_string(),
                        );
                    } else if name.starts_with("n_drops_buffer_") {
                        // `_enter` kinds: reported below with the deprecated ones.
                    } else {
                        p.sample(
                            &format!("falcosecurity_scap_{name}_total"),
                            "counter",
                            &[],
                            v.to_string(),
                        );
                    }
                }
                for kind in DEPRECATED_ENTER_KINDS {
                    p.sample(
                        "falcosecurity_scap_n_drops_buffer_total",
                        "counter",
                        &[("dir", "enter"), ("drop", kind)],
                        "0".into(),
                    );
                }
            }
        }
        if cfg.resource_utilization_enabled {
            let r = Resources::read();
            let g = |p: &mut Prom, name: &str, v: String| {
                p.sample(&format!("falcosecurity_falco_{name}"), "gauge", &[], v)
            };
            g(&mut p, "cpu_usage_ratio", fmt_f64(r.cpu_usage_perc / 100.0));
            g(
                &mut p,
                "memory_rss_bytes",
                fmt_f64(r.rss_kb as f64 * 1024.0),
            );
            g(
                &mut p,
                "memory_vsz_bytes",
                fmt_f64(r.vsz_kb as f64 * 1024.0),
            );
            g(
                &mut p,
                "memory_pss_bytes",
                fmt_f64(r.pss_kb as f64 * 1024.0),
            );
            g(
                &mut p,
                "container_memory_used_bytes",
                fmt_f64(r.container_memory_used_bytes as f64),
            );
            g(
                &mut p,
                "host_cpu_usage_ratio",
                fmt_f64(r.host_cpu_usage_perc / 100.0),
            );
            g(
                &mut p,
                "host_memory_used_bytes",
                fmt_f64(r.host_memory_used_kb as f64 * 1024.0),
            );
            g(
                &mut p,
                "host_procs_running_total",
                r.host_procs_running.to_string(),
            );
            g(&mut p, "host_open_fds_total", r.host_open_fds.to_string());
        }
        if cfg.state_counters_enabled && is_syscall {
            if let Some(s) = self.state() {
                p.sample(
                    "falcosecurity_scap_n_threads_total",
                    "gauge",
                    &[],
                    s.n_threads.to_string(),
                );
                p.sample(
                    "falcosecurity_scap_n_fds_total",
                    "gauge",
                    &[],
                    s.n_fds.to_string(),
                );
            }
        }
        let host = HostInfo::read();
        p.info(
            "falco",
            "kernel_release",
            &[("kernel_release", &host.kernel_release)],
        );
        p.info("evt", "hostname", &[("hostname", &self.hostname)]);
        if let Some(q) = self.queue_drops() {
            p.sample(
                "falcosecurity_falco_outputs_queue_num_drops_total",
                "counter",
                &[],
                q.to_string(),
            );
        }
        let now = now_ns();
        let gauge = |p: &mut Prom, name: &str, v: u64| {
            p.sample(
                &format!("falcosecurity_falco_{name}"),
                "gauge",
                &[],
                v.to_string(),
            )
        };
        gauge(
            &mut p,
            "reload_timestamp_nanoseconds",
            self.a.reload_ts.load(Ordering::Relaxed),
        );
        gauge(&mut p, "start_timestamp_nanoseconds", self.start_ns);
        p.sample(
            "falcosecurity_falco_duration_seconds_total",
            "counter",
            &[],
            (now.saturating_sub(self.start_ns) / SECOND_NS).to_string(),
        );
        gauge(&mut p, "host_boot_timestamp_nanoseconds", host.boot_ts_ns);
        gauge(&mut p, "host_num_cpus_total", host.num_cpus);
        p.finish()
    }
}

/// `std::to_string(double)`: six decimals.
fn fmt_f64(v: f64) -> String {
    format!("{v:.6}")
}

/// Families in first-seen order, each with its samples.
#[derive(Default)]
struct Prom {
    families: Vec<(String, &'static str, Vec<String>)>,
}

fn escape_label(out: &mut String, v: &str) {
    for c in v.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
}

/// libs' name sanitising: invalid characters (for labels: anything but `[a-zA-Z0-9_]`)
/// become `_`, runs of `_` collapse, and a leading digit gets a `_` prefix.
fn sanitize_label(name: &str) -> String {
    let mut s = String::with_capacity(name.len());
    for c in name.chars() {
        let c = if c.is_ascii_alphanumeric() || c == '_' {
            c
        } else {
            '_'
        };
        if c == '_' && s.ends_with('_') {
            continue;
        }
        s.push(c);
    }
    if !s.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
        s.insert(0, '_');
    }
    s
}

impl Prom {
    fn sample(&mut self, name: &str, kind: &'static str, labels: &[(&str, &str)], value: String) {
        let mut line = String::from(name);
        if !labels.is_empty() {
            line.push('{');
            for (i, (k, v)) in labels.iter().enumerate() {
                if i > 0 {
                    line.push(',');
                }
                line.push_str(&sanitize_label(k));
                line.push_str("=\"");
                escape_label(&mut line, v);
                line.push('"');
            }
            line.push('}');
        }
        line.push(' ');
        line.push_str(&value);
        match self.families.iter_mut().find(|f| f.0 == name) {
            Some(f) => f.2.push(line),
            None => self.families.push((name.to_string(), kind, vec![line])),
        }
    }

    fn info(&mut self, subsystem: &str, name: &str, labels: &[(&str, &str)]) {
        self.sample(
            &format!("falcosecurity_{subsystem}_{name}_info"),
            "gauge",
            labels,
            "1".into(),
        );
    }

    fn finish(self) -> String {
        let mut out = String::new();
        for (name, kind, lines) in self.families {
            let _ = writeln!(out, "# HELP {name} {HELP}");
            let _ = writeln!(out, "# TYPE {name} {kind}");
            for l in lines {
                out.push_str(&l);
                out.push('\n');
            }
        }
        out
    }
}

/// Facts about the host (libscap's agent and machine info).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HostInfo {
    /// `uname -r`.
    pub kernel_release: String,
    /// Boot time, ns since the epoch (`btime` of `/proc/stat`).
    pub boot_ts_ns: u64,
    /// Online CPUs (the `cpuN` lines of `/proc/stat`).
    pub num_cpus: u64,
}

/// `$HOST_ROOT` + `path`: the host's `/proc` when running in a container with the host's
/// `/proc` mounted under `HOST_ROOT`, as libscap reads it.
fn host_path(path: &str) -> PathBuf {
    let root = std::env::var("HOST_ROOT").unwrap_or_default();
    PathBuf::from(format!("{root}{path}"))
}

impl HostInfo {
    /// Read from `/proc`.
    pub fn read() -> HostInfo {
        let kernel_release = std::fs::read_to_string("/proc/sys/kernel/osrelease")
            .map(|s| s.trim().to_string())
            .unwrap_or_default();
        let stat = std::fs::read_to_string(host_path("/proc/stat")).unwrap_or_default();
        let mut h = HostInfo {
            kernel_release,
            ..HostInfo::default()
        };
        for line in stat.lines() {
            if let Some(rest) = line.strip_prefix("btime ") {
                h.boot_ts_ns = rest.trim().parse::<u64>().unwrap_or(0) * SECOND_NS;
            } else if line.starts_with("cpu")
                && line.as_bytes().get(3).is_some_and(u8::is_ascii_digit)
            {
                h.num_cpus += 1;
            }
        }
        h
    }
}

/// CPU and memory use of this process and of the host, read as libsinsp reads them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Resources {
    /// CPU time (user + system) over the process's lifetime, percent, one decimal.
    pub cpu_usage_perc: f64,
    /// Resident set size, KiB (`VmRSS`).
    pub rss_kb: u64,
    /// Virtual size, KiB (`VmSize`).
    pub vsz_kb: u64,
    /// Proportional set size, KiB (`Pss` of `smaps_rollup`).
    pub pss_kb: u64,
    /// The container's memory use, bytes (`$FALCO_CGROUP_MEM_PATH`, default
    /// `/sys/fs/cgroup/memory/memory.usage_in_bytes`; 0 when unreadable).
    pub container_memory_used_bytes: u64,
    /// Host CPU use since boot, percent, one decimal.
    pub host_cpu_usage_perc: f64,
    /// Host memory in use (total - free - buffers - cached), KiB.
    pub host_memory_used_kb: u64,
    /// Runnable processes (`procs_running`).
    pub host_procs_running: u64,
    /// Allocated file handles (first number of `/proc/sys/fs/file-nr`).
    pub host_open_fds: u64,
}

fn kv_kb(text: &str, key: &str) -> Option<u64> {
    text.lines()
        .find_map(|l| l.strip_prefix(key))
        .and_then(|r| r.split_whitespace().next())
        .and_then(|n| n.parse().ok())
}

fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

fn clock_ticks() -> f64 {
    // SAFETY: sysconf only reads a system constant; no pointers are involved.
    let hz = unsafe { libc::sysconf(libc::_SC_CLK_TCK) };
    if hz > 0 {
        hz as f64
    } else {
        100.0
    }
}

impl Resources {
    /// Read from `/proc` (the host's files under `$HOST_ROOT`). Unreadable values are 0.
    pub fn read() -> Resources {
        let mut r = Resources::default();
        let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
        r.vsz_kb = kv_kb(&status, "VmSize:").unwrap_or(0);
        r.rss_kb = kv_kb(&status, "VmRSS:").unwrap_or(0);
        let smaps = std::fs::read_to_string("/proc/self/smaps_rollup").unwrap_or_default();
        r.pss_kb = kv_kb(&smaps, "Pss:").unwrap_or(0);
        let cg = std::env::var("FALCO_CGROUP_MEM_PATH")
            .ok()
            .filter(|p| !p.is_empty() && !p.contains(".."))
            .unwrap_or_else(|| "/sys/fs/cgroup/memory/memory.usage_in_bytes".into());
        r.container_memory_used_bytes = std::fs::read_to_string(&cg)
            .ok()
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(0);
        let mem = std::fs::read_to_string(host_path("/proc/meminfo")).unwrap_or_default();
        let g = |k| kv_kb(&mem, k).unwrap_or(0);
        r.host_memory_used_kb = g("MemTotal:")
            .saturating_sub(g("MemFree:"))
            .saturating_sub(g("Buffers:"))
            .saturating_sub(g("Cached:"));
        r.host_open_fds = std::fs::read_to_string(host_path("/proc/sys/fs/file-nr"))
            .ok()
            .and_then(|s| s.split_whitespace().next()?.parse().ok())
            .unwrap_or(0);
        // Own CPU: (utime + stime) / (uptime - start time), as `ps` computes %CPU.
        let hz = clock_ticks();
        let uptime: f64 = std::fs::read_to_string(host_path("/proc/uptime"))
            .ok()
            .and_then(|s| s.split_whitespace().next()?.parse().ok())
            .unwrap_or(0.0);
        if let Ok(stat) = std::fs::read_to_string("/proc/self/stat") {
            // Fields after the command name (which may hold spaces) start at field 3.
            if let Some(rest) = stat.rfind(')').map(|i| &stat[i + 2..]) {
                let f: Vec<&str> = rest.split_whitespace().collect();
                let num = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
                // utime = field 14, stime = 15, starttime = 22 (1-based; rest starts at 3).
                let (utime, stime, start) = (num(11), num(12), num(19));
                let elapsed = uptime - start / hz;
                if elapsed > 0.0 {
                    r.cpu_usage_perc = round1(100.0 * (utime + stime) / hz / elapsed);
                }
            }
        }
        let stat = std::fs::read_to_string(host_path("/proc/stat")).unwrap_or_default();
        for line in stat.lines() {
            if let Some(rest) = line.strip_prefix("cpu ") {
                let v: Vec<u64> = rest
                    .split_whitespace()
                    .take(7)
                    .map(|x| x.parse().unwrap_or(0))
                    .collect();
                let sum: u64 = v.iter().sum();
                if sum > 0 && v.len() >= 4 {
                    r.host_cpu_usage_perc = round1(100.0 - (v[3] as f64 * 100.0) / sum as f64);
                }
            } else if let Some(rest) = line.strip_prefix("procs_running ") {
                r.host_procs_running = rest.trim().parse().unwrap_or(0);
            }
        }
        r
    }
}

/// Falco's rule-name sanitising for metric keys: anything but `[a-zA-Z0-9_:]` becomes `_`,
/// runs of `_` collapse, a trailing `_` is dropped.
pub fn sanitize_rule_name(name: &str) -> String {
    let mut s = String::with_capacity(name.len());
    for c in name.chars() {
        let c = if c.is_ascii_alphanumeric() || c == '_' || c == ':' {
            c
        } else {
            '_'
        };
        if c == '_' && s.ends_with('_') {
            continue;
        }
        s.push(c);
    }
    if s.ends_with('_') {
        s.pop();
    }
    s
}

/// Builds the `output_fields` of successive snapshots (it keeps the previous counts for
/// the `_prev` and rate fields).
#[derive(Debug, Default)]
pub struct Snapshotter {
    last_now: u64,
    last_num_evts: u64,
    last_n_evts: u64,
    last_n_drops: u64,
}

impl Snapshotter {
    /// A first snapshot comes next.
    pub fn new() -> Snapshotter {
        Snapshotter::default()
    }

    /// The `output_fields` of a snapshot taken at `now` (ns since the epoch).
    pub fn output_fields(
        &mut self,
        m: &Metrics,
        cfg: &config::Metrics,
        now: u64,
    ) -> BTreeMap<String, Json> {
        let mut o: BTreeMap<String, Json> = BTreeMap::new();
        let delta_sec = if self.last_now != 0 {
            now.saturating_sub(self.last_now) as f64 / SECOND_NS as f64
        } else {
            0.0
        };
        self.last_now = now;
        let empty = cfg.include_empty_values;
        let to_mb = cfg.convert_memory_to_mb;
        let put = |o: &mut BTreeMap<String, Json>, k: String, v: Json| {
            o.insert(k, v);
        };
        // Wrapper fields, always present.
        let host = HostInfo::read();
        put(&mut o, "evt.time".into(), Json::UInt(now));
        put(
            &mut o,
            "falco.reload_ts".into(),
            Json::UInt(m.a.reload_ts.load(Ordering::Relaxed)),
        );
        put(&mut o, "falco.version".into(), FALCO_VERSION.into());
        put(&mut o, "falco.start_ts".into(), Json::UInt(m.start_ns));
        put(
            &mut o,
            "falco.duration_sec".into(),
            Json::UInt(now.saturating_sub(m.start_ns) / SECOND_NS),
        );
        put(
            &mut o,
            "falco.kernel_release".into(),
            host.kernel_release.as_str().into(),
        );
        put(&mut o, "evt.hostname".into(), m.hostname.as_str().into());
        put(
            &mut o,
            "falco.host_boot_ts".into(),
            Json::UInt(host.boot_ts_ns),
        );
        put(
            &mut o,
            "falco.host_num_cpus".into(),
            Json::UInt(host.num_cpus),
        );
        put(
            &mut o,
            "falco.outputs_queue_num_drops".into(),
            Json::UInt(m.queue_drops().unwrap_or(0)),
        );
        for f in m.rules_files.lock().unwrap().iter() {
            put(
                &mut o,
                format!("falco.sha256_rules_file.{}", sanitize_rule_name(&f.name)),
                f.sha256.as_str().into(),
            );
        }
        for f in m.config_files.lock().unwrap().iter() {
            put(
                &mut o,
                format!("falco.sha256_config_file.{}", sanitize_rule_name(&f.name)),
                f.sha256.as_str().into(),
            );
        }
        let (engine, source) = m.engine.lock().unwrap().clone();
        put(&mut o, "evt.source".into(), source.as_str().into());
        if let Some(e) = &engine {
            put(&mut o, "scap.engine_name".into(), e.as_str().into());
        }
        let num_evts = m.num_evts();
        if self.last_num_evts != 0 && delta_sec > 0.0 {
            put(
                &mut o,
                "falco.evts_rate_sec".into(),
                Json::Float(round1(
                    num_evts.saturating_sub(self.last_num_evts) as f64 / delta_sec,
                )),
            );
        }
        put(&mut o, "falco.num_evts".into(), Json::UInt(num_evts));
        put(
            &mut o,
            "falco.num_evts_prev".into(),
            Json::UInt(self.last_num_evts),
        );
        self.last_num_evts = num_evts;

        if cfg.rules_counters_enabled {
            let rc = m.rules();
            put(
                &mut o,
                "falco.rules.matches_total".into(),
                Json::UInt(rc.total()),
            );
            for (i, r) in rc.rules.iter().enumerate() {
                let n = rc.count(i);
                if n == 0 && !empty {
                    continue;
                }
                put(
                    &mut o,
                    format!("falco.rules.{}", sanitize_rule_name(&r.name)),
                    Json::UInt(n),
                );
            }
        }
        let is_syscall = source == "syscall";
        if cfg.kernel_event_counters_enabled && is_syscall {
            if let Some(d) = m.driver() {
                let mut n_evts_delta = 0;
                let mut n_drops_delta = 0;
                for (name, v) in m.driver_metrics(&d) {
                    let key = format!("scap.{name}");
                    let rate = |d: u64| {
                        if d != 0 && delta_sec > 0.0 {
                            round1(d as f64 / delta_sec)
                        } else {
                            0.0
                        }
                    };
                    if name == "n_evts" {
                        n_evts_delta = v.saturating_sub(self.last_n_evts);
                        put(&mut o, key, Json::UInt(v));
                        put(
                            &mut o,
                            "scap.n_evts_prev".into(),
                            Json::UInt(self.last_n_evts),
                        );
                        put(
                            &mut o,
                            "scap.evts_rate_sec".into(),
                            Json::Float(rate(n_evts_delta)),
                        );
                        self.last_n_evts = v;
                    } else if name == "n_drops" {
                        n_drops_delta = v.saturating_sub(self.last_n_drops);
                        put(&mut o, key, Json::UInt(v));
                        put(
                            &mut o,
                            "scap.n_drops_prev".into(),
                            Json::UInt(self.last_n_drops),
                        );
                        put(
                            &mut o,
                            "scap.evts_drop_rate_sec".into(),
                            Json::Float(rate(n_drops_delta)),
                        );
                        self.last_n_drops = v;
                    } else if v != 0 || empty {
                        put(&mut o, key, Json::UInt(v));
                    }
                }
                let perc = if n_evts_delta > 0 {
                    100.0 * n_drops_delta as f64 / n_evts_delta as f64
                } else {
                    0.0
                };
                put(&mut o, "scap.n_drops_perc".into(), Json::Float(perc));
            }
        }
        if cfg.resource_utilization_enabled {
            let r = Resources::read();
            let f = |o: &mut BTreeMap<String, Json>, k: &str, v: Json, zero: bool| {
                if !zero || empty {
                    o.insert(format!("falco.{k}"), v);
                }
            };
            f(
                &mut o,
                "cpu_usage_perc",
                Json::Float(r.cpu_usage_perc),
                r.cpu_usage_perc == 0.0,
            );
            let mem = |kb: u64, base: &str, unit: &str| -> (String, Json) {
                if to_mb {
                    (format!("{base}_mb"), Json::Float(kb as f64 / 1024.0))
                } else {
                    (format!("{base}_{unit}"), Json::UInt(kb))
                }
            };
            for (kb, base) in [
                (r.rss_kb, "memory_rss"),
                (r.vsz_kb, "memory_vsz"),
                (r.pss_kb, "memory_pss"),
            ] {
                let (k, v) = mem(kb, base, "kb");
                f(&mut o, &k, v, kb == 0);
            }
            let cb = r.container_memory_used_bytes;
            let (k, v) = if to_mb {
                (
                    "container_memory_used_mb".to_string(),
                    Json::Float(cb as f64 / (1024.0 * 1024.0)),
                )
            } else {
                ("container_memory_used_bytes".to_string(), Json::UInt(cb))
            };
            f(&mut o, &k, v, cb == 0);
            f(
                &mut o,
                "host_cpu_usage_perc",
                Json::Float(r.host_cpu_usage_perc),
                r.host_cpu_usage_perc == 0.0,
            );
            let (k, v) = mem(r.host_memory_used_kb, "host_memory_used", "kb");
            f(&mut o, &k, v, r.host_memory_used_kb == 0);
            f(
                &mut o,
                "host_procs_running",
                Json::UInt(r.host_procs_running),
                r.host_procs_running == 0,
            );
            f(
                &mut o,
                "host_open_fds",
                Json::UInt(r.host_open_fds),
                r.host_open_fds == 0,
            );
        }
        if cfg.state_counters_enabled && is_syscall {
            if let Some(s) = m.state() {
                for (k, v) in [("n_threads", s.n_threads), ("n_fds", s.n_fds)] {
                    if v != 0 || empty {
                        o.insert(format!("falco.{k}"), Json::UInt(v));
                    }
                }
            }
        }
        o
    }
}

/// The periodic snapshot writer (`metrics.enabled`): every `metrics.interval` it takes a
/// snapshot and, with `metrics.output_rule`, hands the internal alert
/// `Falco internal: metrics snapshot` (priority Informational, source `internal`) to
/// `sink`; with `metrics.output_file`, appends `{"output_fields":{...},"sample":N}` to it.
pub struct MetricsWriter {
    stop: Arc<(Mutex<bool>, std::sync::Condvar)>,
    handle: Option<JoinHandle<()>>,
}

impl MetricsWriter {
    /// Start writing snapshots of `metrics` as `cfg` says. `None` when metrics are disabled
    /// or neither the output rule nor an output file is configured. Fails when the output
    /// file cannot be opened.
    pub fn start(
        metrics: Arc<Metrics>,
        cfg: &config::Metrics,
        sink: impl Fn(Alert) + Send + 'static,
    ) -> Result<Option<MetricsWriter>, String> {
        if !cfg.enabled || (!cfg.output_rule && cfg.output_file.is_empty()) {
            return Ok(None);
        }
        let mut file = if cfg.output_file.is_empty() {
            None
        } else {
            Some(
                std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(Path::new(&cfg.output_file))
                    .map_err(|e| {
                        format!("cannot open metrics output file {}: {e}", cfg.output_file)
                    })?,
            )
        };
        let cfg = cfg.clone();
        let interval = Duration::from_millis(cfg.interval_ms.max(100));
        let stop = Arc::new((Mutex::new(false), std::sync::Condvar::new()));
        let stop2 = stop.clone();
        let handle = std::thread::Builder::new()
            .name("falco-metrics".into())
            .spawn(move || {
                let mut snap = Snapshotter::new();
                let mut sample = 0u64;
                let (lock, cv) = &*stop2;
                let mut next = std::time::Instant::now() + interval;
                loop {
                    let mut stopped = lock.lock().unwrap();
                    loop {
                        if *stopped {
                            return;
                        }
                        let now = std::time::Instant::now();
                        if now >= next {
                            break;
                        }
                        stopped = cv.wait_timeout(stopped, next - now).unwrap().0;
                    }
                    drop(stopped);
                    next += interval;
                    sample += 1;
                    let ts = now_ns();
                    let fields = snap.output_fields(&metrics, &cfg, ts);
                    if let Some(f) = file.as_mut() {
                        let mut line = Json::object();
                        line.insert("output_fields", Json::Object(fields.clone()));
                        line.insert("sample", Json::UInt(sample));
                        if let Err(e) = writeln!(f, "{}", line.to_compact()) {
                            logger::error(&format!("stats_writer (worker): {e}"));
                        }
                    }
                    if cfg.output_rule {
                        sink(Alert::internal(
                            ts,
                            Priority::Informational,
                            SNAPSHOT_RULE,
                            SNAPSHOT_MESSAGE,
                            fields,
                        ));
                    }
                }
            })
            .map_err(|e| format!("cannot start the metrics thread: {e}"))?;
        Ok(Some(MetricsWriter {
            stop,
            handle: Some(handle),
        }))
    }

    /// Stop (no further snapshot) and wait for the thread.
    pub fn stop(&mut self) {
        *self.stop.0.lock().unwrap() = true;
        self.stop.1.notify_all();
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

impl Drop for MetricsWriter {
    fn drop(&mut self) {
        self.stop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_names_sanitised_as_falco() {
        assert_eq!(
            sanitize_rule_name("Read sensitive file untrusted"),
            "Read_sensitive_file_untrusted"
        );
        assert_eq!(sanitize_rule_name("a -- b (c)"), "a_b_c");
        assert_eq!(sanitize_rule_name("ns:x.y"), "ns:x_y");
    }

    #[test]
    fn labels_sanitised_and_escaped() {
        assert_eq!(sanitize_label("tag_T1059.001"), "tag_T1059_001");
        assert_eq!(sanitize_label("1x"), "_1x");
        let mut s = String::new();
        escape_label(&mut s, "a\"b\\c\nd");
        assert_eq!(s, "a\\\"b\\\\c\\nd");
    }
}
