//! Alerts and the output channels that deliver them.
//!
//! ```text
//!  event loop ──handle(Alert)──▶ queue ──▶ dispatcher ──▶ per-channel queue ──▶ worker: stdout
//!   (never blocks: a full queue       (formats once,          (one thread      ──▶ worker: file
//!    drops and counts)                 watches timeouts)        per channel)    ──▶ worker: http ...
//! ```
//!
//! The event loop hands [`Alert`]s to [`Outputs::handle`], which never blocks: the alert
//! goes into a queue (`outputs_queue.capacity`, 0 = unbounded); when the queue is full the
//! alert is dropped, counted, and the first drop is logged. A dispatcher thread formats
//! each alert once (text or JSON, see [`mod@format`]) and passes it to every channel's own
//! queue and worker thread, so a slow or failing channel delays neither event processing
//! nor the other channels. A write that takes longer than `output_timeout` is logged
//! (`"http" output timeout, ...`) and counted; a channel whose queue is full drops (and
//! counts) alerts for itself only. At the end, [`Outputs::close`] waits for the channels
//! to drain (at most `output_timeout` for blocked ones, then what is left is discarded and
//! counted) and returns the [`OutputStats`]: nothing is lost without being counted and
//! reported.

pub mod channels;
pub mod format;
pub mod http;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crossbeam_channel::{Receiver, RecvTimeoutError, Sender, TrySendError};

use crate::config::{Config, FileOutput, HttpOutput, ProgramOutput};
use crate::json::Json;
use crate::logger;
use crate::priority::Priority;
use channels::{Channel, FileChannel, ProgramChannel, StdoutChannel, SyslogChannel};
pub use format::{format_alert, FormatOptions, INTERNAL_SOURCE};

/// One alert: a rule matched an event (or an internal condition, source `internal`).
#[derive(Clone, Debug, PartialEq)]
pub struct Alert {
    /// Event time, nanoseconds since the epoch.
    pub time_ns: u64,
    /// Rule name.
    pub rule: String,
    /// Rule priority.
    pub priority: Priority,
    /// Event source (`syscall`, or `internal`).
    pub source: String,
    /// Rule tags (printed sorted).
    pub tags: BTreeSet<String>,
    /// The rule's rendered output (without time and priority).
    pub output: String,
    /// The values of the output's fields, typed: numbers, booleans, strings, `null` for
    /// missing values.
    pub output_fields: BTreeMap<String, Json>,
}

impl Alert {
    /// An internal alert (source `internal`), e.g. the syscall drop alert.
    pub fn internal(
        time_ns: u64,
        priority: Priority,
        rule: &str,
        message: &str,
        fields: BTreeMap<String, Json>,
    ) -> Alert {
        Alert {
            time_ns,
            rule: rule.to_string(),
            priority,
            source: INTERNAL_SOURCE.to_string(),
            tags: BTreeSet::new(),
            output: message.to_string(),
            output_fields: fields,
        }
    }
}

/// An alert as the channels write it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Formatted {
    /// The text line or JSON object, without trailing newline.
    pub text: String,
    /// The alert's priority (the syslog level).
    pub priority: Priority,
}

/// The host name of alerts: `FALCO_HOSTNAME` when set, else the system's.
pub fn hostname() -> String {
    if let Ok(h) = std::env::var("FALCO_HOSTNAME") {
        if !h.is_empty() {
            return h;
        }
    }
    let mut buf = [0u8; 256];
    // SAFETY: the buffer is valid for writes of its length; gethostname NUL-terminates
    // within it on success (and we stop at the first NUL or the end regardless).
    let rc = unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len()) };
    if rc != 0 {
        return String::new();
    }
    let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
    String::from_utf8_lossy(&buf[..end]).into_owned()
}

/// What [`Outputs`] needs from the configuration.
#[derive(Clone, Debug)]
pub struct OutputsConfig {
    /// How alerts are rendered.
    pub format: FormatOptions,
    /// `buffered_outputs` (false with `-U`).
    pub buffered: bool,
    /// `outputs_queue.capacity`; 0 = unbounded. Also the capacity of each channel's queue.
    pub queue_capacity: u64,
    /// `output_timeout`.
    pub timeout: Duration,
    /// `stdout_output.enabled`.
    pub stdout: bool,
    /// `syslog_output.enabled`.
    pub syslog: bool,
    /// `file_output` when enabled.
    pub file: Option<FileOutput>,
    /// `program_output` when enabled.
    pub program: Option<ProgramOutput>,
    /// `http_output` when enabled.
    pub http: Option<HttpOutput>,
}

impl OutputsConfig {
    /// The outputs of `config`, alerts naming host `hostname` (see [`hostname`]).
    pub fn from_config(config: &Config, hostname: &str) -> OutputsConfig {
        OutputsConfig {
            format: FormatOptions {
                json_output: config.json_output,
                include_output: config.json_include_output_property,
                include_tags: config.json_include_tags_property,
                include_message: config.json_include_message_property,
                include_output_fields: config.json_include_output_fields_property,
                time_iso8601: config.time_format_iso_8601,
                hostname: hostname.to_string(),
            },
            buffered: config.buffered_outputs,
            queue_capacity: config.outputs_queue_capacity,
            timeout: Duration::from_millis(u64::from(config.output_timeout_ms)),
            stdout: config.stdout_output,
            syslog: config.syslog_output,
            file: config
                .file_output
                .enabled
                .then(|| config.file_output.clone()),
            program: config
                .program_output
                .enabled
                .then(|| config.program_output.clone()),
            http: config
                .http_output
                .enabled
                .then(|| config.http_output.clone()),
        }
    }
}

/// Counters of one channel.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChannelStats {
    /// Channel name.
    pub name: String,
    /// Alerts written.
    pub delivered: u64,
    /// Alerts whose write failed (logged).
    pub failed: u64,
    /// Alerts dropped because the channel's queue was full.
    pub dropped: u64,
    /// Alerts still queued when the channel was found blocked at the end, discarded.
    pub discarded: u64,
    /// Writes that took longer than `output_timeout`.
    pub timeouts: u64,
}

/// Counters of the outputs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OutputStats {
    /// Alerts handed to the outputs.
    pub received: u64,
    /// Alerts dropped because the outputs queue was full.
    pub queue_drops: u64,
    /// Per channel.
    pub channels: Vec<ChannelStats>,
}

impl OutputStats {
    /// Alert deliveries that did not happen, for any reason.
    pub fn lost(&self) -> u64 {
        self.queue_drops
            + self
                .channels
                .iter()
                .map(|c| c.failed + c.dropped + c.discarded)
                .sum::<u64>()
    }

    /// Lines for the end-of-run statistics; empty when nothing was lost.
    pub fn summary(&self) -> String {
        if self.lost() == 0 && self.channels.iter().all(|c| c.timeouts == 0) {
            return String::new();
        }
        let mut s = String::from("Outputs:\n");
        if self.queue_drops > 0 {
            s.push_str(&format!(
                "   outputs queue full, alerts dropped: {}\n",
                self.queue_drops
            ));
        }
        for c in &self.channels {
            s.push_str(&format!(
                "   {}: delivered {}, failed {}, dropped {}, discarded {}, timeouts {}\n",
                c.name, c.delivered, c.failed, c.dropped, c.discarded, c.timeouts
            ));
        }
        s
    }
}

enum Msg {
    Alert(Box<Alert>),
    Reopen,
    Stop,
}

enum ChanMsg {
    Alert(Arc<Formatted>),
    Reopen,
    Stop,
}

#[derive(Default)]
struct ChannelState {
    /// Milliseconds since `Shared::start` (+1) when the current write began; 0 when idle.
    busy_since: AtomicU64,
    /// The `busy_since` value whose timeout was already reported.
    reported: AtomicU64,
    delivered: AtomicU64,
    failed: AtomicU64,
    dropped: AtomicU64,
    discarded: AtomicU64,
    timeouts: AtomicU64,
    /// Discard what is queued (end of run, channel blocked).
    discard: AtomicBool,
    /// Given up on: the worker's results are no longer counted.
    detached: AtomicBool,
    finished: AtomicBool,
    full_logged: AtomicBool,
}

struct Shared {
    start: Instant,
    timeout: Duration,
    received: AtomicU64,
    queue_drops: AtomicU64,
    names: Vec<&'static str>,
    states: Vec<ChannelState>,
}

impl Shared {
    fn now_ms(&self) -> u64 {
        self.start.elapsed().as_millis() as u64 + 1
    }

    /// Log (once per blocked write) the channels whose current write exceeds the timeout.
    fn check_timeouts(&self) {
        let now = self.now_ms();
        let limit = self.timeout.as_millis() as u64;
        for (i, st) in self.states.iter().enumerate() {
            let since = st.busy_since.load(Ordering::Acquire);
            if since != 0
                && now.saturating_sub(since) > limit
                && st.reported.swap(since, Ordering::AcqRel) != since
            {
                st.timeouts.fetch_add(1, Ordering::Relaxed);
                logger::critical(&format!(
                    "\"{}\" output timeout, the output channel is blocked",
                    self.names[i]
                ));
            }
        }
    }

    fn snapshot(&self) -> OutputStats {
        OutputStats {
            received: self.received.load(Ordering::Relaxed),
            queue_drops: self.queue_drops.load(Ordering::Relaxed),
            channels: self
                .states
                .iter()
                .zip(&self.names)
                .map(|(s, n)| ChannelStats {
                    name: n.to_string(),
                    delivered: s.delivered.load(Ordering::Relaxed),
                    failed: s.failed.load(Ordering::Relaxed),
                    dropped: s.dropped.load(Ordering::Relaxed),
                    discarded: s.discarded.load(Ordering::Relaxed),
                    timeouts: s.timeouts.load(Ordering::Relaxed),
                })
                .collect(),
        }
    }
}

struct Worker {
    handle: Option<JoinHandle<()>>,
    rx: Receiver<ChanMsg>,
}

fn enqueue(tx: &Sender<Msg>, shared: &Shared, alert: Alert) {
    shared.received.fetch_add(1, Ordering::Relaxed);
    if let Err(e) = tx.try_send(Msg::Alert(Box::new(alert))) {
        if shared.queue_drops.fetch_add(1, Ordering::Relaxed) == 0 {
            let why = match e {
                TrySendError::Full(_) => "",
                TrySendError::Disconnected(_) => " (outputs stopped)",
            };
            logger::error(&format!(
                "Outputs queue out of memory. Drop event and continue on ...{why}"
            ));
        }
    }
}

/// Queues alerts into an [`Outputs`] from any thread; see [`Outputs::sink`].
#[derive(Clone)]
pub struct AlertSink {
    tx: Sender<Msg>,
    shared: Arc<Shared>,
}

impl AlertSink {
    /// Queue an alert, never blocking (as [`Outputs::handle`]).
    pub fn handle(&self, alert: Alert) {
        enqueue(&self.tx, &self.shared, alert);
    }

    /// Alerts dropped so far because the outputs queue was full (Falco's
    /// `outputs_queue_num_drops`).
    pub fn queue_drops(&self) -> u64 {
        self.shared.queue_drops.load(Ordering::Relaxed)
    }
}

/// The output channels of a run, fed by [`Outputs::handle`].
pub struct Outputs {
    tx: Sender<Msg>,
    dispatcher: Option<JoinHandle<()>>,
    workers: Vec<Worker>,
    shared: Arc<Shared>,
    closed: Option<OutputStats>,
}

fn queue<T>(capacity: u64) -> (Sender<T>, Receiver<T>) {
    if capacity == 0 {
        crossbeam_channel::unbounded()
    } else {
        crossbeam_channel::bounded(capacity.min(usize::MAX as u64) as usize)
    }
}

impl Outputs {
    /// Start the channels of `cfg`. A channel that cannot be set up (e.g. an unreadable
    /// certificate) is logged ("Failed to init output: ...") and left out, as Falco does.
    pub fn new(cfg: OutputsConfig) -> Outputs {
        let mut chans: Vec<Box<dyn Channel>> = Vec::new();
        if let Some(f) = &cfg.file {
            chans.push(Box::new(FileChannel::new(
                &f.filename,
                f.keep_alive,
                cfg.buffered,
            )));
        }
        if cfg.stdout {
            chans.push(Box::new(StdoutChannel::new(cfg.buffered)));
        }
        if cfg.syslog {
            chans.push(Box::new(SyslogChannel));
        }
        if let Some(p) = &cfg.program {
            chans.push(Box::new(ProgramChannel::new(
                &p.program,
                p.keep_alive,
                cfg.buffered,
            )));
        }
        if let Some(h) = &cfg.http {
            match http::HttpChannel::new(h, cfg.format.json_output, cfg.timeout) {
                Ok(c) => chans.push(Box::new(c)),
                Err(e) => logger::error(&format!("Failed to init output: http: {e}")),
            }
        }
        Outputs::with_channels(cfg, chans)
    }

    /// Start with the given channels (the `stdout`, `file`, ... settings of `cfg` are not
    /// used): for embedding and tests.
    pub fn with_channels(cfg: OutputsConfig, chans: Vec<Box<dyn Channel>>) -> Outputs {
        let shared = Arc::new(Shared {
            start: Instant::now(),
            timeout: cfg.timeout,
            received: AtomicU64::new(0),
            queue_drops: AtomicU64::new(0),
            names: chans.iter().map(|c| c.name()).collect(),
            states: chans.iter().map(|_| ChannelState::default()).collect(),
        });
        let mut workers = Vec::new();
        let mut senders = Vec::new();
        for (i, mut ch) in chans.into_iter().enumerate() {
            let (ctx, crx) = queue::<ChanMsg>(cfg.queue_capacity);
            let sh = shared.clone();
            let rx = crx.clone();
            let handle = std::thread::Builder::new()
                .name(format!("falco-out-{}", ch.name()))
                .spawn(move || worker(&mut *ch, &rx, &sh, i))
                .expect("spawning an output worker thread");
            workers.push(Worker {
                handle: Some(handle),
                rx: crx,
            });
            senders.push(ctx);
        }
        let (tx, rx) = queue::<Msg>(cfg.queue_capacity);
        let sh = shared.clone();
        let fmt = cfg.format.clone();
        let dispatcher = std::thread::Builder::new()
            .name("falco-outputs".into())
            .spawn(move || dispatch(&rx, &senders, &sh, &fmt))
            .expect("spawning the outputs dispatcher thread");
        Outputs {
            tx,
            dispatcher: Some(dispatcher),
            workers,
            shared,
            closed: None,
        }
    }

    /// Queue an alert for every channel. Never blocks: when the queue is full the alert is
    /// dropped and counted (the first drop is logged).
    pub fn handle(&self, alert: Alert) {
        enqueue(&self.tx, &self.shared, alert);
    }

    /// A handle that queues alerts from another thread (e.g. the periodic metrics
    /// snapshot, [`crate::metrics::MetricsWriter`]) exactly as [`Outputs::handle`] does,
    /// and reads the queue's drop count. Alerts sent after [`Outputs::close`] are counted
    /// as dropped.
    pub fn sink(&self) -> AlertSink {
        AlertSink {
            tx: self.tx.clone(),
            shared: self.shared.clone(),
        }
    }

    /// Queue an internal alert (see [`Alert::internal`]).
    pub fn handle_internal(
        &self,
        time_ns: u64,
        priority: Priority,
        rule: &str,
        message: &str,
        fields: BTreeMap<String, Json>,
    ) {
        self.handle(Alert::internal(time_ns, priority, rule, message, fields));
    }

    /// Ask every channel to close and reopen what it writes to (SIGUSR1).
    pub fn reopen(&self) {
        let _ = self.tx.send_timeout(Msg::Reopen, self.shared.timeout);
    }

    /// The counters so far.
    pub fn stats(&self) -> OutputStats {
        self.closed
            .clone()
            .unwrap_or_else(|| self.shared.snapshot())
    }

    /// Deliver what is queued and stop. Channels still blocked after `output_timeout` have
    /// their remaining alerts discarded (counted). Logs a line when alerts were lost and
    /// returns the final counters. Further calls return the same counters.
    pub fn close(&mut self) -> OutputStats {
        if let Some(s) = &self.closed {
            return s.clone();
        }
        let sh = self.shared.clone();
        // The dispatcher never blocks for long, so the stop request gets through.
        let _ = self.tx.send(Msg::Stop);
        if let Some(d) = self.dispatcher.take() {
            let _ = d.join();
        }
        let all_done = |ws: &[Worker]| {
            ws.iter()
                .enumerate()
                .all(|(i, _)| sh.states[i].finished.load(Ordering::Acquire))
        };
        let wait = |ws: &[Worker], limit: Duration| {
            let deadline = Instant::now() + limit;
            // Short naps first: the workers usually finish within microseconds of the
            // dispatcher, and the end of a replay should not wait a whole nap for them.
            let mut nap = Duration::from_micros(50);
            while !all_done(ws) && Instant::now() < deadline {
                sh.check_timeouts();
                std::thread::sleep(nap);
                nap = (nap * 2).min(Duration::from_millis(5));
            }
        };
        wait(&self.workers, sh.timeout);
        if !all_done(&self.workers) {
            logger::notice("output channels still blocked, discarding all remaining notifications");
            for (i, _) in self.workers.iter().enumerate() {
                sh.states[i].discard.store(true, Ordering::Release);
            }
            wait(&self.workers, sh.timeout);
        }
        for (i, w) in self.workers.iter_mut().enumerate() {
            let st = &sh.states[i];
            if st.finished.load(Ordering::Acquire) {
                if let Some(h) = w.handle.take() {
                    let _ = h.join();
                }
            } else {
                // Stuck in a write: give up on it, count what it will never deliver (the
                // write in progress included).
                st.detached.store(true, Ordering::Release);
                let mut pending = u64::from(st.busy_since.load(Ordering::Acquire) != 0);
                while let Ok(m) = w.rx.try_recv() {
                    if matches!(m, ChanMsg::Alert(_)) {
                        pending += 1;
                    }
                }
                st.discarded.fetch_add(pending, Ordering::Relaxed);
                w.handle.take();
            }
        }
        let stats = sh.snapshot();
        if stats.lost() > 0 {
            let per: Vec<String> = stats
                .channels
                .iter()
                .filter(|c| c.failed + c.dropped + c.discarded > 0)
                .map(|c| {
                    format!(
                        "{}: {} failed, {} dropped, {} discarded",
                        c.name, c.failed, c.dropped, c.discarded
                    )
                })
                .collect();
            let mut msg = format!("Outputs: {} alert deliveries lost", stats.lost());
            if stats.queue_drops > 0 {
                msg.push_str(&format!(
                    " ({} dropped at the full outputs queue)",
                    stats.queue_drops
                ));
            }
            if !per.is_empty() {
                msg.push_str(&format!(" [{}]", per.join("; ")));
            }
            logger::error(&msg);
        }
        self.closed = Some(stats.clone());
        stats
    }
}

impl Drop for Outputs {
    fn drop(&mut self) {
        self.close();
    }
}

fn dispatch(rx: &Receiver<Msg>, senders: &[Sender<ChanMsg>], sh: &Shared, fmt: &FormatOptions) {
    let tick = (sh.timeout / 4).clamp(Duration::from_millis(10), Duration::from_millis(250));
    loop {
        match rx.recv_timeout(tick) {
            Ok(Msg::Alert(alert)) => {
                let f = Arc::new(Formatted {
                    text: format_alert(&alert, fmt),
                    priority: alert.priority,
                });
                for (i, s) in senders.iter().enumerate() {
                    if s.try_send(ChanMsg::Alert(f.clone())).is_err() {
                        let st = &sh.states[i];
                        st.dropped.fetch_add(1, Ordering::Relaxed);
                        if !st.full_logged.swap(true, Ordering::Relaxed) {
                            logger::error(&format!(
                                "Output channel \"{}\" is full: dropping alerts for it and continuing",
                                sh.names[i]
                            ));
                        }
                    }
                }
            }
            Ok(Msg::Reopen) => {
                for s in senders {
                    let _ = s.send_timeout(ChanMsg::Reopen, sh.timeout);
                }
            }
            Ok(Msg::Stop) | Err(RecvTimeoutError::Disconnected) => {
                for (i, s) in senders.iter().enumerate() {
                    if s.send_timeout(ChanMsg::Stop, sh.timeout).is_err() {
                        // A full, blocked queue: the worker stops once it gets through it.
                        sh.states[i].discard.store(true, Ordering::Release);
                    }
                }
                return;
            }
            Err(RecvTimeoutError::Timeout) => {}
        }
        sh.check_timeouts();
    }
}

fn worker(ch: &mut dyn Channel, rx: &Receiver<ChanMsg>, sh: &Shared, i: usize) {
    let st = &sh.states[i];
    let name = ch.name();
    loop {
        let msg = if st.discard.load(Ordering::Acquire) {
            // Ending: take what is queued without waiting.
            match rx.try_recv() {
                Ok(m) => m,
                Err(_) => break,
            }
        } else {
            match rx.recv() {
                Ok(m) => m,
                Err(_) => break,
            }
        };
        match msg {
            ChanMsg::Alert(f) => {
                if st.discard.load(Ordering::Acquire) {
                    if !st.detached.load(Ordering::Acquire) {
                        st.discarded.fetch_add(1, Ordering::Relaxed);
                    }
                    continue;
                }
                st.busy_since.store(sh.now_ms(), Ordering::Release);
                let r = ch.write(&f);
                st.busy_since.store(0, Ordering::Release);
                if st.detached.load(Ordering::Acquire) {
                    break;
                }
                match r {
                    Ok(()) => {
                        st.delivered.fetch_add(1, Ordering::Relaxed);
                    }
                    Err(e) => {
                        st.failed.fetch_add(1, Ordering::Relaxed);
                        logger::error(&format!("{name}: {e}"));
                    }
                }
            }
            ChanMsg::Reopen => {
                if let Err(e) = ch.reopen() {
                    logger::error(&format!("{name}: {e}"));
                }
            }
            ChanMsg::Stop => break,
        }
    }
    ch.cleanup();
    st.finished.store(true, Ordering::Release);
}

/// Set up the outputs of `config` as Falco does at startup: fails when no output is
/// enabled, logs the host name when `FALCO_HOSTNAME` overrides it, and (unless `dry_run`,
/// which returns `None`) starts the channels.
pub fn init(config: &Config, dry_run: bool) -> Result<Option<Outputs>, String> {
    let any = config.stdout_output
        || config.syslog_output
        || config.file_output.enabled
        || config.program_output.enabled
        || config.http_output.enabled;
    if !any {
        return Err(
            "No output configured, please make sure at least one output is configured and enabled."
                .to_string(),
        );
    }
    if let Ok(h) = std::env::var("FALCO_HOSTNAME") {
        logger::info(&format!(
            "Hostname value has been overridden via environment variable to: {h}"
        ));
    }
    let host = hostname();
    if dry_run {
        logger::debug("Skipping outputs initialization in dry-run");
        return Ok(None);
    }
    Ok(Some(Outputs::new(OutputsConfig::from_config(
        config, &host,
    ))))
}
