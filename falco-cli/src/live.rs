//! Live capture for the command-line tools: open the eBPF engine with Falco's
//! `engine.modern_ebpf` settings, stop on SIGINT/SIGTERM or after a duration, report
//! the driver's counters at the end.

use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use falco_scap::bpf::{self, BpfConfig, BpfSource, DROP_CATEGORIES};
use falco_scap::meta::Metadata;

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
}

/// Open the eBPF engine; the capture runs from here on.
pub fn open(opts: &LiveOpts) -> Result<BpfSource> {
    bpf::install_stop_handlers().context("installing the SIGINT/SIGTERM handlers")?;
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
    eprintln!(
        "falco-inspect: live capture with the modern_bpf engine: {} ring buffer(s) of {} MiB \
         for {} CPUs, enter events from {}",
        src.n_rings(),
        src.buffer_bytes() >> 20,
        src.n_cpus(),
        src.toctou_mode()
    );
    src.set_deadline(opts.duration.map(|d| Instant::now() + d));
    Ok(src)
}

fn src_machine(src: &BpfSource) -> Option<falco_scap::meta::MachineInfo> {
    use falco_scap::EventSource;
    src.metadata().machine.clone()
}

/// Detach, then print the driver's counters on stderr.
pub fn finish(src: &mut BpfSource) -> Result<()> {
    src.stop();
    let st = src.stats().context("reading the driver's counters")?;
    let k = &st.kernel;
    eprintln!(
        "falco-inspect: driver events: {} generated, {} delivered, {} dropped ({} buffer \
         full, {} larger than 64 KiB); {} failed memory reads",
        k.events,
        st.delivered,
        k.drops(),
        k.drops_buffer,
        k.drops_max_event_size,
        k.read_failures
    );
    let unread = k.events.saturating_sub(st.delivered + k.drops());
    if unread > 0 {
        eprintln!("falco-inspect: {unread} events were left unread in the ring buffers");
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
