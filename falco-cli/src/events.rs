//! The event loop of `falco`: events from the source (a capture file replayed, or the
//! live eBPF probe) go through the state and the rules; each match becomes an alert for
//! the outputs.
//!
//! ```text
//!  source ──Event──▶ State::process ──Ctx──▶ Engine::evaluate ──rule ids──▶ RuleOutput
//!  (replay: FileSource, current layout;       (candidates by event        (text, JSON fields)
//!   live: BpfSource, zero-copy views)          type only)                       │
//!                                                                    Outputs::handle (never blocks)
//! ```
//!
//! Per event nothing is allocated: the event is a view into the source's buffer, the
//! state is updated in place, and the engine evaluates the candidate rules of its type
//! into a reused buffer. Only an alert allocates (its text and fields). Signals, the `-M`
//! deadline and (live) the kernel drop counters are checked between batches of events.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use falco_engine::Engine;
use falco_scap::bpf::Counters;
use falco_scap::{Event, EventSource};
use falco_sinsp::fields::Ctx;
use falco_sinsp::state::{RuntimeConfig, State, StateConfig};
use falco_sinsp::time::TimeFormatter;

use crate::app::{write_pidfile, AppError, Outcome, Request};
use crate::config::{self, Config, EngineKind, Loaded};
use crate::drops::{DriverCounters, DropMonitor, Verdict};
use crate::logger;
use crate::metrics::{Metrics, MetricsWriter, RuleCounters, RuleInfo, StateCounters};
use crate::options::Options;
use crate::outputs::{self, Alert, Outputs};
use crate::replay::Replay;
use crate::rule_output::RuleOutput;
use crate::rules::Rules;
use crate::signals;
use crate::stats::{self, RuleId, RuleStats};

/// Events between checks of signals, the deadline and the drop counters.
const CHECK_EVERY: u64 = 1024;

/// Where a loaded kernel module shows itself.
const KMOD_SYSFS: &str = "/sys/module/falco_rs";

/// The source name of rule alerts.
const SYSCALL_SOURCE: &str = "syscall";

/// Everything an event goes through, after the source.
struct Pipeline<'o> {
    engine: Engine,
    outputs: Vec<RuleOutput>,
    stats: RuleStats,
    sink: Outputs,
    state: State,
    tf: TimeFormatter,
    ids: Vec<usize>,
    json_fields: bool,
    events: u64,
    /// Counters for `/metrics` and the metrics snapshot.
    metrics: Arc<Metrics>,
    /// The current rules' match counters (replaced by a reload).
    rule_counters: Arc<RuleCounters>,
    /// The periodic metrics snapshot (`metrics.enabled`), fed into `sink`.
    metrics_writer: Option<MetricsWriter>,
    /// What a reload reads again.
    options: &'o Options,
    /// The configuration in force.
    loaded: Loaded,
    /// The watch of the configuration and rules files, when `watch_config_files`.
    watcher: Option<signals::Watcher>,
}

/// The rule outputs and counters of a set of rules.
fn prepare(engine: &Engine) -> Result<(Vec<RuleOutput>, RuleStats), AppError> {
    let mut outputs = Vec::with_capacity(engine.rules().len());
    let mut stats = RuleStats::new();
    for r in engine.rules() {
        outputs.push(RuleOutput::new(r).map_err(|e| AppError::Fatal(e.to_string()))?);
        stats.add_rule(&r.name);
    }
    logger::debug(&format!(
        "({}) enabled rules in total",
        engine.ruleset().enabled_count()
    ));
    Ok((outputs, stats))
}

/// The rules as the metrics label them, in engine order (index = rule id).
fn rule_infos(engine: &Engine) -> Vec<RuleInfo> {
    engine
        .rules()
        .iter()
        .map(|r| RuleInfo {
            name: r.name.clone(),
            priority: r.priority,
            source: r.source.clone(),
            tags: r.tags.iter().cloned().collect(),
        })
        .collect()
}

/// Start the periodic metrics snapshot into `sink` (none unless `metrics.enabled`), and
/// read the outputs queue drops from it.
fn metrics_writer(
    metrics: &Arc<Metrics>,
    config: &Config,
    sink: &Outputs,
) -> Option<MetricsWriter> {
    let s = sink.sink();
    let q = sink.sink();
    metrics.set_queue_drops_source(move || q.queue_drops());
    match MetricsWriter::start(metrics.clone(), &config.metrics, move |a| s.handle(a)) {
        Ok(w) => w,
        Err(e) => {
            logger::error(&e);
            None
        }
    }
}

fn watch(options: &Options, loaded: &Loaded) -> Option<signals::Watcher> {
    loaded.config.watch_config_files.then(|| {
        signals::watch(
            crate::app::watched_paths(options, loaded),
            Duration::from_secs(1),
        )
    })
}

/// The configuration keys a reload applies by restarting the outputs.
fn outputs_changed(a: &Config, b: &Config) -> bool {
    a.json_output != b.json_output
        || a.json_include_output_property != b.json_include_output_property
        || a.json_include_message_property != b.json_include_message_property
        || a.json_include_output_fields_property != b.json_include_output_fields_property
        || a.json_include_tags_property != b.json_include_tags_property
        || a.time_format_iso_8601 != b.time_format_iso_8601
        || a.buffered_outputs != b.buffered_outputs
        || a.outputs_queue_capacity != b.outputs_queue_capacity
        || a.output_timeout_ms != b.output_timeout_ms
        || a.stdout_output != b.stdout_output
        || a.syslog_output != b.syslog_output
        || a.file_output != b.file_output
        || a.program_output != b.program_output
        || a.http_output != b.http_output
}

impl Pipeline<'_> {
    /// Update the state with `ev`, evaluate the rules, and hand the alerts to the outputs.
    fn on_event(&mut self, ev: &Event<'_>) {
        self.events += 1;
        self.state.process(ev);
        let ctx = Ctx {
            ev,
            state: &self.state,
        };
        let matched = self.engine.evaluate(&ctx);
        if matched.is_empty() {
            return;
        }
        self.ids.clear();
        self.ids.extend_from_slice(matched);
        for &id in &self.ids {
            let rule = &self.engine.rules()[id];
            let out = &mut self.outputs[id];
            let output = out.text(&ctx, &mut self.tf);
            let output_fields = if self.json_fields {
                out.fields(&ctx, &mut self.tf)
            } else {
                BTreeMap::new()
            };
            self.stats.on_alert(RuleId(id), rule.priority);
            self.rule_counters.on_match(id);
            self.sink.handle(Alert {
                time_ns: ev.ts(),
                rule: rule.name.clone(),
                priority: rule.priority,
                source: SYSCALL_SOURCE.to_string(),
                tags: rule.tags.clone(),
                output,
                output_fields,
            });
        }
    }

    /// Hot reload (SIGHUP, or a watched file changed): the configuration and the rules
    /// read again and swapped in between two events, the event source and the state kept,
    /// so no event is lost. When the new configuration or rules do not load, the error is
    /// logged and the current rules keep running. Settings of the event source itself
    /// (`engine.*`, `base_syscalls`, `falco_libs`) take effect at the next start.
    fn reload(&mut self) {
        let options = self.options;
        logger::info("Reloading configuration and rules files...");
        let conf = options.conf_filename.clone().or_else(|| {
            let p = std::path::PathBuf::from(config::DEFAULT_CONFIG_FILE);
            p.is_file().then_some(p)
        });
        let loaded = match &conf {
            Some(p) => config::load_file(p, &options.cmdline_config_options),
            None => config::load_defaults(&options.cmdline_config_options),
        };
        let mut loaded = match loaded {
            Ok(l) => l,
            Err(e) => {
                logger::error(&format!(
                    "Reload failed, the current configuration and rules stay in force: {e}"
                ));
                self.watcher = watch(options, &self.loaded);
                return;
            }
        };
        if options.unbuffered {
            loaded.config.buffered_outputs = false;
        }
        let prepared = crate::rules::load(options, &loaded)
            .and_then(|rules| prepare(&rules.engine).map(|p| (rules, p)));
        let (rules, (outputs, mut stats)) = match prepared {
            Ok(r) => r,
            Err(e) => {
                logger::error(&format!(
                    "Reload failed, the current rules stay in force: {e}"
                ));
                self.watcher = watch(options, &self.loaded);
                return;
            }
        };
        let (old, new) = (&self.loaded.config, &loaded.config);
        if old.engine != new.engine
            || old.base_syscalls != new.base_syscalls
            || old.falco_libs != new.falco_libs
        {
            logger::warning(
                "engine, base_syscalls and falco_libs changes take effect when falco restarts",
            );
        }
        if outputs_changed(old, new) {
            match outputs::init(new, false) {
                Ok(Some(sink)) => {
                    if let Some(mut w) = self.metrics_writer.take() {
                        w.stop();
                    }
                    let mut previous = std::mem::replace(&mut self.sink, sink);
                    previous.close();
                    self.metrics_writer = metrics_writer(&self.metrics, new, &self.sink);
                }
                Ok(None) => {}
                Err(e) => logger::error(&format!(
                    "Reload: the new outputs cannot start ({e}); the current ones stay"
                )),
            }
        }
        stats.carry_over(&self.stats);
        self.engine = rules.engine;
        self.rule_counters = self.metrics.set_rules(rule_infos(&self.engine));
        self.outputs = outputs;
        self.stats = stats;
        self.json_fields = new.json_output && new.json_include_output_fields_property;
        self.loaded = loaded;
        self.watcher = watch(options, &self.loaded);
        logger::info(&format!(
            "Reloaded: {} rules loaded, {} enabled",
            self.engine.rules().len(),
            self.engine.ruleset().enabled_count()
        ));
    }
}

/// Why the loop stopped.
enum Stop {
    /// The source ended (end of the capture file).
    End,
    /// SIGINT/SIGTERM, or `-M` seconds passed.
    Terminate,
    /// A fatal error (a damaged capture file, a drop action `exit`).
    Fatal(String),
}

/// Between batches: signals (a reload is done here, in place), and the deadline.
fn check(deadline: Option<Instant>, pipe: &mut Pipeline<'_>) -> Option<Stop> {
    pipe.metrics.set_num_evts(pipe.events);
    match signals::poll() {
        signals::Request::Terminate => return Some(Stop::Terminate),
        signals::Request::Restart => pipe.reload(),
        signals::Request::ReopenOutputs => pipe.sink.reopen(),
        signals::Request::None => {}
    }
    if deadline.is_some_and(|d| Instant::now() >= d) {
        return Some(Stop::Terminate);
    }
    None
}

/// Run the event loop of `request` (replay or live) with the loaded rules, then close the
/// outputs and print the statistics.
pub fn run(
    options: &Options,
    loaded: &Loaded,
    request: &Request,
    rules: Rules,
) -> Result<Outcome, AppError> {
    let config = &loaded.config;
    let (rule_outputs, stats) = prepare(&rules.engine)?;
    let sink = outputs::init(config, false)
        .map_err(AppError::Fatal)?
        .ok_or_else(|| AppError::Fatal("outputs not started".into()))?;
    signals::install().map_err(AppError::Fatal)?;
    if let Some(p) = &options.pidfile {
        write_pidfile(p).map_err(AppError::Fatal)?;
    }
    logger::info("Loaded event sources: syscall");
    logger::info("Enabled event sources: syscall");

    let deadline = (options.duration_secs > 0)
        .then(|| Instant::now() + Duration::from_secs(options.duration_secs));
    let started = Instant::now();
    let metrics = Metrics::new(&outputs::hostname());
    metrics.set_engine(
        match request {
            Request::Live(EngineKind::Nodriver) => Some("nodriver"),
            Request::Live(EngineKind::Kmod) => Some("kmod"),
            Request::Live(_) => Some("modern_bpf"),
            _ => None,
        },
        SYSCALL_SOURCE,
    );
    let rule_counters = metrics.set_rules(rule_infos(&rules.engine));
    let config_files: Vec<_> = loaded.files.iter().map(|f| f.path.clone()).collect();
    metrics.set_files(&rules.files, &config_files);
    let metrics_writer = metrics_writer(&metrics, config, &sink);
    // As Falco: the web server runs for live sources only, started before they open.
    let mut webserver = None;
    if config.webserver.enabled && matches!(request, Request::Live(_)) {
        let versions = crate::version::VersionsInfo::default();
        webserver = Some(
            crate::webserver::Webserver::start(config, &versions, metrics.clone())
                .map_err(AppError::Fatal)?,
        );
    }
    let mut pipe = Pipeline {
        metrics,
        rule_counters,
        metrics_writer,
        engine: rules.engine,
        outputs: rule_outputs,
        stats,
        sink,
        state: State::new(),
        tf: TimeFormatter::new(),
        ids: Vec::new(),
        json_fields: config.json_output && config.json_include_output_fields_property,
        events: 0,
        options,
        loaded: loaded.clone(),
        watcher: watch(options, loaded),
    };
    let mut drop_report = None;
    let mut driver_counts = None;
    let stop = match request {
        Request::Replay(file) => replay(file, deadline, &mut pipe),
        Request::Live(kind) => {
            let r = live(*kind, deadline, &mut pipe);
            drop_report = r.drop_report;
            driver_counts = r.driver_counts;
            r.stop
        }
        _ => Stop::End,
    };
    let Pipeline {
        events,
        mut sink,
        stats,
        watcher,
        metrics_writer,
        engine,
        state,
        ..
    } = pipe;
    drop(watcher);
    // The process ends after this run: freeing the compiled rules and the state tables
    // (many small allocations) would only delay the exit, by milliseconds per replay.
    std::mem::forget(engine);
    std::mem::forget(state);
    // No snapshot into closed outputs; no /healthz once the capture has stopped.
    if let Some(mut w) = metrics_writer {
        w.stop();
    }
    if let Some(mut w) = webserver.take() {
        w.stop();
    }

    let out_stats = sink.close();
    stats::print_stats(&stats, Some(&out_stats));
    if let Some(text) = drop_report {
        eprint!("{text}");
    }
    if options.verbose {
        eprint!(
            "{}",
            stats::format_capture_stats(
                None,
                driver_counts,
                started.elapsed().as_secs_f64(),
                events
            )
        );
    }
    signals::uninstall();
    match stop {
        Stop::End | Stop::Terminate => Ok(Outcome::Exit(ExitCode::SUCCESS)),
        Stop::Fatal(e) => Err(AppError::Fatal(e)),
    }
}

/// The progress of a replay, shown on stderr when it is a terminal: the share of the
/// file read, the events and the rate, updated four times a second, then a summary line.
struct Progress {
    name: String,
    started: Instant,
    last: Instant,
}

impl Progress {
    fn new(file: &str) -> Option<Progress> {
        use std::io::IsTerminal;
        if !std::io::stderr().is_terminal() {
            return None;
        }
        let name = Path::new(file)
            .file_name()
            .map_or_else(|| file.to_string(), |n| n.to_string_lossy().into_owned());
        let now = Instant::now();
        Some(Progress {
            name,
            started: now,
            last: now,
        })
    }

    fn rate(&self, events: u64) -> String {
        let secs = self.started.elapsed().as_secs_f64().max(1e-9);
        let r = events as f64 / secs;
        if r >= 1e6 {
            format!("{:.2} M", r / 1e6)
        } else if r >= 1e3 {
            format!("{:.1} k", r / 1e3)
        } else {
            format!("{r:.0} ")
        }
    }

    fn update(&mut self, events: u64, file: Option<(u64, u64)>) {
        if self.last.elapsed() < Duration::from_millis(250) {
            return;
        }
        self.last = Instant::now();
        let pct = match file {
            Some((done, size)) if size > 0 => format!("{:>3}% ", (done * 100 / size).min(100)),
            _ => String::new(),
        };
        eprint!(
            "\rReplaying {}: {pct}{events} events, {}events/s\x1b[K",
            self.name,
            self.rate(events)
        );
    }

    fn finish(&self, events: u64) {
        eprintln!(
            "\r\x1b[KReplayed {events} events of {} in {:.2} s ({}events/s)",
            self.name,
            self.started.elapsed().as_secs_f64(),
            self.rate(events)
        );
    }
}

/// Replay a capture file: the current-layout view of its events (as libsinsp gives
/// them to Falco's rules), state seeded from its process, fd and user lists. The file is
/// read and converted ahead by a second thread ([`crate::replay`]).
fn replay(file: &str, deadline: Option<Instant>, pipe: &mut Pipeline<'_>) -> Stop {
    let mut src = match Replay::open(file) {
        Ok(s) => s,
        Err(e) => return Stop::Fatal(format!("Could not open capture file {file}: {e}")),
    };
    logger::info(&format!("Replaying events from the capture file: {file}"));
    pipe.state.load_metadata(src.metadata());
    let mut progress = Progress::new(file);
    let mut n = 0u64;
    let stop = loop {
        match src.next_event() {
            Ok(Some(ev)) => pipe.on_event(&ev),
            Ok(None) => break Stop::End,
            Err(e) => break Stop::Fatal(e),
        }
        n += 1;
        if n % CHECK_EVERY == 0 {
            if let Some(p) = &mut progress {
                p.update(n, src.progress());
            }
            if let Some(stop) = check(deadline, pipe) {
                break stop;
            }
        }
    };
    if let Some(p) = &progress {
        p.finish(n);
    }
    stop
}

/// What a live run reports at the end.
struct LiveEnd {
    stop: Stop,
    /// The drop monitor's summary, when it ran.
    drop_report: Option<String>,
    /// Driver events and drops (`-v`).
    driver_counts: Option<(u64, u64)>,
}

fn live(kind: EngineKind, deadline: Option<Instant>, pipe: &mut Pipeline<'_>) -> LiveEnd {
    let end = |stop| LiveEnd {
        stop,
        drop_report: None,
        driver_counts: None,
    };
    match kind {
        EngineKind::Nodriver => {
            logger::info("Opening 'syscall' source with no driver");
            loop {
                if let Some(stop) = check(deadline, pipe) {
                    return end(stop);
                }
                std::thread::sleep(Duration::from_millis(50));
            }
        }
        EngineKind::Kmod => live_kmod(deadline, pipe),
        EngineKind::ModernEbpf => live_bpf(deadline, pipe),
        // As the Helm chart's `driver.kind: auto`: the module when it is loaded.
        EngineKind::Auto if Path::new(KMOD_SYSFS).exists() => live_kmod(deadline, pipe),
        EngineKind::Auto => live_bpf(deadline, pipe),
        EngineKind::Replay => end(Stop::End),
    }
}

/// How container metadata is fetched live: from the `init_config` of a configured
/// `container` plugin entry (Falco's usual falco.yaml: engines, sockets, label_max_len),
/// else from the default Docker and Podman sockets.
fn container_runtimes(config: &Config) -> RuntimeConfig {
    let plugin = config.plugins.iter().find(|p| p.name == "container");
    let cfg = match plugin {
        Some(p) => {
            let init = if p.init_config.trim().is_empty() {
                serde_json::Value::Null
            } else {
                serde_json::from_str(&p.init_config).unwrap_or(serde_json::Value::Null)
            };
            RuntimeConfig::from_plugin_config(&init).unwrap_or_else(|e| {
                logger::warning(&format!(
                    "plugins: container init_config: {e}; using the default container engines"
                ));
                RuntimeConfig::from_env()
            })
        }
        None => RuntimeConfig::from_env(),
    };
    for (engine, _) in &cfg.unsupported {
        logger::warning(&format!(
            "Container engine '{engine}' is enabled but not supported by this build: containers \
             it runs get their id from their cgroups, without name and image"
        ));
    }
    logger::info(&format!(
        "Container metadata from: {}",
        cfg.sockets
            .iter()
            .map(|(_, p)| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    ));
    cfg
}

/// The live state: threads purged as Falco does live, the thread table limited by
/// `falco_libs.thread_table_size`, users and groups from the system's databases,
/// container metadata fetched in the background from the container runtimes.
fn live_state(config: &Config) -> State {
    let libs = &config.falco_libs;
    let mut state = State::with_config(StateConfig {
        container_runtimes: Some(container_runtimes(config)),
        max_threads: libs.thread_table_size as usize,
        auto_purge: true,
        purge_interval_ns: u64::from(libs.thread_table_auto_purging_interval_s) * 1_000_000_000,
        thread_timeout_ns: u64::from(libs.thread_table_auto_purging_thread_timeout_s)
            * 1_000_000_000,
        proc_root: Some("/proc".into()),
        ..StateConfig::default()
    });
    state.load_users_from(Path::new("/"));
    state
}

/// What the live loop needs of a driver's event source (the eBPF probe or the kernel
/// module: the same operations, different counters types).
trait Driver {
    /// The next event if one is ready, without waiting.
    fn next(&mut self) -> falco_scap::Result<Option<Event<'_>>>;
    /// Stop capturing (what the rings hold can still be read).
    fn halt(&mut self);
    /// The driver's counters.
    fn counters(&self) -> Option<Counters>;
    /// The machine the driver describes.
    fn machine(&self) -> Option<falco_scap::meta::MachineInfo>;
    /// Set the metadata the source reports.
    fn set_meta(&mut self, meta: falco_scap::Metadata);
    /// Start capturing.
    fn begin(&mut self) -> Result<(), String>;
    /// True for the eBPF probe (the drop alert's `ebpf_enabled`).
    const EBPF: bool;
    /// The name in log lines.
    const NAME: &'static str;
}

/// Both live engines offer the same calls; the impls differ only in the constants.
macro_rules! live_driver {
    ($ty:ty, $ebpf:expr, $name:expr) => {
        impl Driver for $ty {
            fn next(&mut self) -> falco_scap::Result<Option<Event<'_>>> {
                self.try_next_event()
            }
            fn machine(&self) -> Option<falco_scap::meta::MachineInfo> {
                self.metadata().machine.clone()
            }
            fn set_meta(&mut self, meta: falco_scap::Metadata) {
                self.set_metadata(meta);
            }
            fn begin(&mut self) -> Result<(), String> {
                self.start().map_err(|e| e.to_string())
            }
            fn halt(&mut self) {
                self.stop();
            }
            fn counters(&self) -> Option<Counters> {
                self.stats().ok().map(|s| s.kernel)
            }
            const EBPF: bool = $ebpf;
            const NAME: &'static str = $name;
        }
    };
}

live_driver!(falco_scap::bpf::BpfSource, true, "modern BPF probe");
live_driver!(falco_scap::kmod::KmodSource, false, "Kernel module");

fn fail(msg: String) -> LiveEnd {
    LiveEnd {
        stop: Stop::Fatal(msg),
        drop_report: None,
        driver_counts: None,
    }
}

/// The processes and fds present now (read between loading the driver and starting it,
/// as libscap does, so the rings don't fill up meanwhile), the host's users and
/// interfaces: the live state's seed and the source's metadata.
fn live_metadata(machine: Option<falco_scap::meta::MachineInfo>) -> falco_scap::Metadata {
    let (threads, fds) = falco_scap::bpf::procscan::scan();
    let (users, groups) = falco_scap::host::users_and_groups(Path::new("/"));
    falco_scap::Metadata {
        machine,
        threads,
        fds,
        interfaces: Some(falco_scap::host::interfaces()),
        users: Some(users),
        groups,
        ..falco_scap::Metadata::default()
    }
}

fn snaplen(config: &Config) -> u32 {
    config
        .falco_libs
        .snaplen
        .unwrap_or(falco_schema::abi::SNAPLEN_DEFAULT)
}

fn live_bpf(deadline: Option<Instant>, pipe: &mut Pipeline<'_>) -> LiveEnd {
    use falco_scap::bpf::{BpfConfig, BpfSource};
    let config = &pipe.loaded.config.clone();
    let drv = &config.engine.modern_ebpf;
    let cfg = BpfConfig {
        buf_size_preset: u32::from(drv.buf_size_preset),
        cpus_for_each_buffer: drv.cpus_for_each_buffer as usize,
        snaplen: snaplen(config),
        syscalls: crate::interesting::selected_syscalls(config, &pipe.engine),
        ignore_own_process: true,
        verbose: false,
    };
    match cfg.buffer_bytes() {
        Ok(b) => logger::info(&format!(
            "The chosen syscall buffer dimension is: {b} bytes ({} MBs)",
            b >> 20
        )),
        Err(e) => return fail(e.to_string()),
    }
    logger::info("Opening 'syscall' source with modern BPF probe.");
    let mut src = match BpfSource::load(&cfg) {
        Ok(s) => s,
        Err(e) => return fail(format!("Could not open the modern BPF probe: {e}")),
    };
    seed_and_run(&mut src, deadline, pipe)
}

/// The kernel module engine (`engine.kind: kmod`, or `auto` with the module loaded).
fn live_kmod(deadline: Option<Instant>, pipe: &mut Pipeline<'_>) -> LiveEnd {
    use falco_scap::kmod::{KmodConfig, KmodSource};
    let config = &pipe.loaded.config.clone();
    let cfg = KmodConfig {
        snaplen: snaplen(config),
        syscalls: crate::interesting::selected_syscalls(config, &pipe.engine),
        ..KmodConfig::default()
    };
    logger::info("Opening 'syscall' source with Kernel module");
    let mut src = match KmodSource::load(&cfg) {
        Ok(s) => s,
        Err(e) => return fail(format!("Could not open the kernel module: {e}")),
    };
    seed_and_run(&mut src, deadline, pipe)
}

/// Seed the live state and the source's metadata with what runs now (read after the
/// driver is loaded and before it starts, as libscap does), start the driver and run the
/// live loop.
fn seed_and_run<D: Driver>(
    src: &mut D,
    deadline: Option<Instant>,
    pipe: &mut Pipeline<'_>,
) -> LiveEnd {
    let meta = live_metadata(src.machine());
    pipe.state = live_state(&pipe.loaded.config);
    pipe.state.load_metadata(&meta);
    src.set_meta(meta);
    if let Err(e) = src.begin() {
        let what = if D::EBPF {
            "the modern BPF probe"
        } else {
            "the kernel module"
        };
        return fail(format!("Could not start {what}: {e}"));
    }
    run_live(src, deadline, pipe)
}

/// The live event loop over a started driver: events through the pipeline, driver and
/// state counters for the metrics once a second, drop monitoring, signals; at the end
/// the driver stops and what its rings still hold is processed.
fn run_live<D: Driver>(src: &mut D, deadline: Option<Instant>, pipe: &mut Pipeline<'_>) -> LiveEnd {
    let mut drops = DropMonitor::new(&pipe.loaded.config.syscall_event_drops);
    let mut stop = None;
    let mut n = 0u64;
    let mut last_ts = 0;
    let mut idle = Duration::from_micros(200);
    let mut last_metrics = Instant::now() - Duration::from_secs(2);
    loop {
        match src.next() {
            Ok(Some(ev)) => {
                last_ts = ev.ts();
                pipe.on_event(&ev);
                n += 1;
                idle = Duration::from_micros(200);
                if n % CHECK_EVERY != 0 {
                    continue;
                }
            }
            Ok(None) => {
                std::thread::sleep(idle);
                idle = (idle * 2).min(Duration::from_millis(20));
            }
            Err(e) => logger::error(&format!("{}: {e}", D::NAME)),
        }
        // /metrics and the snapshot: driver and state counters, once a second.
        if last_metrics.elapsed() >= Duration::from_secs(1) {
            last_metrics = Instant::now();
            if let Some(k) = src.counters() {
                pipe.metrics.set_driver_counters(&counters(&k));
            }
            pipe.metrics.set_state_counters(StateCounters {
                n_threads: pipe.state.thread_count() as u64,
                n_fds: 0,
            });
        }
        if last_ts != 0 && drops.due(last_ts) {
            if let Some(k) = src.counters() {
                if let Verdict::Exit(msg) = drops.check(last_ts, counters(&k), D::EBPF, &pipe.sink)
                {
                    stop = Some(Stop::Fatal(msg));
                }
            }
        }
        if stop.is_none() {
            stop = check(deadline, pipe);
        }
        if let Some(s) = stop.take() {
            src.halt();
            while let Ok(Some(ev)) = src.next() {
                pipe.on_event(&ev);
            }
            let counts = src.counters().map(|k| (k.events, k.drops()));
            return LiveEnd {
                stop: s,
                drop_report: drops.report(),
                driver_counts: counts,
            };
        }
    }
}

/// A driver's counters as the drop monitor reports them. The drivers' categories split
/// connect and open into enter and exit; Falco's alert has the exit ones, which count both
/// here. Events larger than the driver's scratch space count as scratch drops.
fn counters(k: &Counters) -> DriverCounters {
    let c = &k.drops_buffer_by_category;
    DriverCounters {
        events: k.events,
        drops: k.drops(),
        drops_buffer: k.drops_buffer,
        drops_buffer_by_category: [c[0], c[1], c[2] + c[3], c[4] + c[5], c[6], c[7], c[8], c[9]],
        drops_scratch_map: k.drops_max_event_size,
        drops_page_faults: 0,
        drops_bug: 0,
    }
}
