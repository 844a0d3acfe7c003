//! Live capture for the command-line tools: open a live engine — the kernel module
//! (`kmod`, Falco's `engine.kind: kmod`), the eBPF probe (`modern_ebpf`) or whichever
//! is available (`auto`) — stop on SIGINT/SIGTERM or after a duration, report the
//! driver's counters at the end.
//!
//! [`open_engine`] is the entry point for `falco` too: given the engine kind it opens
//! the source and returns it with the driver's name for the startup log line
//! ("Opening 'syscall' source with Kernel module").

use std::borrow::Cow;
use std::path::Path;
use std::str::FromStr;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use falco_scap::bpf::{self, BpfConfig, BpfSource, DROP_CATEGORIES};
use falco_scap::kmod::{KmodConfig, KmodSource};
use falco_scap::meta::Metadata;
use falco_scap::{Event, EventSource};

/// Which live engine to open (`engine.kind` of falco.yaml).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum EngineKind {
    /// The kernel module (`falco_rs.ko`).
    Kmod,
    /// The CO-RE eBPF probe.
    #[default]
    ModernEbpf,
    /// The kernel module when it is loaded, the eBPF probe otherwise.
    Auto,
}

impl FromStr for EngineKind {
    type Err = anyhow::Error;

    fn from_str(s: &str) -> Result<EngineKind> {
        match s {
            "kmod" => Ok(EngineKind::Kmod),
            "modern_ebpf" | "modern_bpf" => Ok(EngineKind::ModernEbpf),
            "auto" => Ok(EngineKind::Auto),
            _ => bail!("engine kind '{s}' is not one of kmod, modern_ebpf, auto"),
        }
    }
}

/// Options of a live capture.
#[derive(Clone, Debug)]
pub struct LiveOpts {
    /// Ring buffer size preset (Falco's `buf_size_preset`, 4 = 8 MiB).
    pub buf_size_preset: u32,
    /// CPUs per ring buffer (Falco's `cpus_for_each_buffer`).
    pub cpus_for_each_buffer: usize,
    /// Bytes of I/O buffers captured.
    pub snaplen: u32,
    /// Stop after this long.
    pub duration: Option<Duration>,
    /// Scan /proc for the capture's metadata (processes and fds present at the start).
    pub scan_proc: bool,
    /// Which engine.
    pub engine: EngineKind,
}

/// An open live engine.
#[derive(Debug)]
pub enum LiveSource {
    /// The eBPF probe.
    Bpf(BpfSource),
    /// The kernel module.
    Kmod(KmodSource),
}

impl LiveSource {
    /// The driver's name as Falco's startup log says it: "Kernel module" or
    /// "modern BPF probe".
    pub fn driver_name(&self) -> &'static str {
        match self {
            LiveSource::Bpf(_) => "modern BPF probe",
            LiveSource::Kmod(_) => "Kernel module",
        }
    }

    /// Stop capturing; events already buffered can still be read.
    pub fn stop(&mut self) {
        match self {
            LiveSource::Bpf(s) => s.stop(),
            LiveSource::Kmod(s) => s.stop(),
        }
    }

    /// End the stream at `deadline`.
    pub fn set_deadline(&mut self, deadline: Option<Instant>) {
        match self {
            LiveSource::Bpf(s) => s.set_deadline(deadline),
            LiveSource::Kmod(s) => s.set_deadline(deadline),
        }
    }
}

impl EventSource for LiveSource {
    fn next_event(&mut self) -> falco_scap::Result<Option<Event<'_>>> {
        match self {
            LiveSource::Bpf(s) => s.next_event(),
            LiveSource::Kmod(s) => s.next_event(),
        }
    }

    fn metadata(&self) -> &Metadata {
        match self {
            LiveSource::Bpf(s) => s.metadata(),
            LiveSource::Kmod(s) => s.metadata(),
        }
    }

    fn name(&self) -> Cow<'_, str> {
        match self {
            LiveSource::Bpf(s) => s.name(),
            LiveSource::Kmod(s) => s.name(),
        }
    }
}

/// True when the kernel module is loaded (what `auto` checks).
pub fn kmod_loaded() -> bool {
    Path::new("/sys/module")
        .join(falco_scap::kmod::MODULE_NAME)
        .exists()
}

/// Open the live engine `kind` (`auto`: the kernel module when it is loaded, else the
/// eBPF probe) with the settings of `opts` (its `engine` field is not used), scan /proc
/// when asked, start the capture. Returns the source and the driver's name for the
/// startup log line, e.g. `info!("Opening 'syscall' source with {name}")`.
pub fn open_engine(kind: EngineKind, opts: &LiveOpts) -> Result<(LiveSource, &'static str)> {
    bpf::install_stop_handlers().context("installing the SIGINT/SIGTERM handlers")?;
    let kind = match kind {
        EngineKind::Auto if kmod_loaded() => EngineKind::Kmod,
        EngineKind::Auto => EngineKind::ModernEbpf,
        k => k,
    };
    let mut src = match kind {
        EngineKind::Kmod => {
            let cfg = KmodConfig {
                snaplen: opts.snaplen,
                ..KmodConfig::default()
            };
            let mut src =
                KmodSource::load(&cfg).context("cannot open the live kernel module source")?;
            if opts.scan_proc {
                // Between opening and enabling, as libscap does.
                let (threads, fds) = bpf::procscan::scan();
                let machine = src.metadata().machine.clone();
                src.set_metadata(Metadata {
                    machine,
                    threads,
                    fds,
                    ..Metadata::default()
                });
            }
            src.start()
                .context("cannot start the live kernel module capture")?;
            LiveSource::Kmod(src)
        }
        _ => LiveSource::Bpf(open_bpf(opts)?),
    };
    src.set_deadline(opts.duration.map(|d| Instant::now() + d));
    let name = src.driver_name();
    Ok((src, name))
}

/// Open the engine `opts.engine`; the capture runs from here on.
pub fn open(opts: &LiveOpts) -> Result<LiveSource> {
    let (src, _) = open_engine(opts.engine, opts)?;
    match &src {
        LiveSource::Bpf(b) => eprintln!(
            "falco-inspect: live capture with the modern_bpf engine: {} ring buffer(s) of {} \
             MiB for {} CPUs, enter events from {}",
            b.n_rings(),
            b.buffer_bytes() >> 20,
            b.n_cpus(),
            b.toctou_mode()
        ),
        LiveSource::Kmod(k) => eprintln!(
            "falco-inspect: live capture with the kmod engine: {} ring buffer(s) of {} MiB",
            k.n_rings(),
            k.buffer_bytes() >> 20
        ),
    }
    Ok(src)
}

/// Load and start the eBPF engine.
fn open_bpf(opts: &LiveOpts) -> Result<BpfSource> {
    let cfg = BpfConfig {
        buf_size_preset: opts.buf_size_preset,
        cpus_for_each_buffer: opts.cpus_for_each_buffer,
        snaplen: opts.snaplen,
        verbose: true,
        ..BpfConfig::default()
    };
    let mut src = BpfSource::load(&cfg).context("cannot open the live eBPF source")?;
    if opts.scan_proc {
        // Between loading and attaching, as libscap does: the rings do not fill up
        // while /proc is read.
        let (threads, fds) = bpf::procscan::scan();
        let meta = Metadata {
            machine: src_machine(&src),
            threads,
            fds,
            ..Metadata::default()
        };
        src.set_metadata(meta);
    }
    src.start().context("cannot start the live eBPF capture")?;
    Ok(src)
}

fn src_machine(src: &BpfSource) -> Option<falco_scap::meta::MachineInfo> {
    src.metadata().machine.clone()
}

/// Detach, then print the driver's counters on stderr.
pub fn finish(src: &mut LiveSource) -> Result<()> {
    src.stop();
    let (k, delivered, nested) = match src {
        LiveSource::Bpf(b) => {
            let st = b.stats().context("reading the driver's counters")?;
            (st.kernel, st.delivered, 0)
        }
        LiveSource::Kmod(m) => {
            let st = m.stats().context("reading the driver's counters")?;
            (st.kernel, st.delivered, st.drops_nested)
        }
    };
    let k = &k;
    eprintln!(
        "falco-inspect: driver events: {} generated, {} delivered, {} dropped ({} buffer \
         full, {} larger than 64 KiB); {} failed memory reads",
        k.events,
        delivered,
        k.drops(),
        k.drops_buffer,
        k.drops_max_event_size,
        k.read_failures
    );
    let unread = k.events.saturating_sub(delivered + k.drops());
    if unread > 0 {
        eprintln!("falco-inspect: {unread} events were left unread in the ring buffers");
    }
    if nested > 0 {
        eprintln!("falco-inspect: {nested} events dropped (nested on a CPU)");
    }
    if k.drops_buffer > 0 {
        let by: Vec<String> = DROP_CATEGORIES
            .iter()
            .zip(k.drops_buffer_by_category)
            .filter(|(_, n)| *n > 0)
            .map(|(c, n)| format!("{c}: {n}"))
            .collect();
        eprintln!(
            "falco-inspect: buffer-full drops by category: {}",
            by.join(", ")
        );
    }
    Ok(())
}
