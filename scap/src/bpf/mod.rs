//! The eBPF engine: live events from the running kernel.
//!
//! [`BpfSource::open`] loads the probe built from `driver/bpf/` (embedded in this crate
//! at build time), gives each group of `cpus_for_each_buffer` CPUs a BPF ring buffer,
//! selects the syscalls to capture and attaches the programs. Events are then read in
//! place: each ring buffer is memory-mapped, and [`EventSource::next_event`] hands out
//! an [`Event`] that borrows the mapped bytes (no copy, no allocation per event). Rings
//! are merged by timestamp, the smallest first; the space of an event goes back to the
//! kernel only when the next event is asked for, so the borrowed view stays valid while
//! it is used. When every ring is empty the source sleeps, 500 µs at first and twice as
//! long each time nothing came, up to 30 ms.
//!
//! ```no_run
//! use falco_scap::bpf::{BpfConfig, BpfSource};
//! use falco_scap::EventSource;
//!
//! let mut src = BpfSource::open(&BpfConfig::default())?;
//! while let Some(ev) = src.next_event()? {
//!     println!("{} {}", ev.tid(), ev.info().unwrap().name);
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! [`Event::cpu`] is the index of the ring the event came from (the CPU when each CPU
//! has its own ring), as libscap reports it.
//!
//! Dropping the source detaches every program; links are file descriptors, so even a
//! killed process leaves nothing attached.

mod loader;
pub mod procscan;
mod sys;

use std::borrow::Cow;
use std::fmt;
use std::time::Instant;

use falco_schema::syscalls::{self, SYSCALL_TABLE_SIZE};

use crate::error::{Error, Result};
use crate::event::Event;
use crate::meta::{MachineInfo, Metadata};
use crate::pacing::{self, Pacing, Rings};
use crate::source::EventSource;

pub(crate) use sys::page_size;
pub use sys::{install_stop_handlers, request_stop, stop_requested};

/// Why the eBPF engine could not start.
#[derive(Debug)]
pub enum BpfError {
    /// This build has no probe.
    NotBuilt,
    /// The kernel exposes no BTF (`/sys/kernel/btf/vmlinux`), which CO-RE needs.
    NoBtf,
    /// The kernel lacks a feature the probe needs.
    KernelTooOld(String),
    /// Not privileged enough.
    Permission(String),
    /// Bad configuration.
    Config(String),
    /// The probe could not be loaded (the verifier's log when there is one).
    Load {
        /// What failed.
        msg: String,
        /// What libbpf and the verifier said.
        log: Option<String>,
    },
    /// A program could not be attached.
    Attach {
        /// The program.
        prog: String,
        /// Why.
        msg: String,
    },
    /// Mapping a ring buffer failed.
    Io(std::io::Error),
}

impl fmt::Display for BpfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BpfError::NotBuilt => {
                write!(
                    f,
                    "built without the eBPF probe (clang missing at build time)"
                )
            }
            BpfError::NoBtf => write!(
                f,
                "the kernel has no BTF (/sys/kernel/btf/vmlinux is missing): the eBPF probe \
                 needs a kernel built with CONFIG_DEBUG_INFO_BTF"
            ),
            BpfError::KernelTooOld(m) => write!(f, "kernel too old for the eBPF probe: {m}"),
            BpfError::Permission(m) => write!(
                f,
                "not permitted to load the eBPF probe: {m} (run as root, or with CAP_BPF, \
                 CAP_PERFMON and CAP_SYS_RESOURCE)"
            ),
            BpfError::Config(m) => write!(f, "eBPF engine configuration: {m}"),
            BpfError::Load { msg, log } => {
                write!(f, "{msg}")?;
                if let Some(log) = log {
                    let tail: Vec<&str> = log.lines().rev().take(20).collect();
                    write!(f, "\nlibbpf said (last lines):")?;
                    for l in tail.iter().rev() {
                        write!(f, "\n  {l}")?;
                    }
                }
                Ok(())
            }
            BpfError::Attach { prog, msg } => write!(f, "cannot attach {prog}: {msg}"),
            BpfError::Io(e) => write!(f, "mapping a ring buffer: {e}"),
        }
    }
}

impl std::error::Error for BpfError {}

/// How the eBPF engine captures, with the defaults of Falco's `engine.modern_ebpf`.
#[derive(Clone, Debug)]
pub struct BpfConfig {
    /// Ring buffer size preset, as Falco's `buf_size_preset`: 1 → 1 MiB, 2 → 2 MiB,
    /// 3 → 4 MiB, 4 → 8 MiB (default), ... 10 → 512 MiB.
    pub buf_size_preset: u32,
    /// CPUs sharing one ring buffer (Falco's `cpus_for_each_buffer`, default 2); 0 puts
    /// every CPU on one ring.
    pub cpus_for_each_buffer: usize,
    /// Bytes of I/O buffers captured (default 80).
    pub snaplen: u32,
    /// Native syscall numbers to capture; `None`: every syscall of the table.
    pub syscalls: Option<Vec<u32>>,
    /// Do not capture the events of this process (its own writes would otherwise come
    /// back as events). Default true.
    pub ignore_own_process: bool,
    /// Print warnings (memlock limit, tracefs fallback) on stderr.
    pub verbose: bool,
}

impl Default for BpfConfig {
    fn default() -> BpfConfig {
        BpfConfig {
            buf_size_preset: 4,
            cpus_for_each_buffer: 2,
            snaplen: falco_schema::abi::SNAPLEN_DEFAULT,
            syscalls: None,
            ignore_own_process: true,
            verbose: false,
        }
    }
}

impl BpfConfig {
    /// The ring buffer size the preset stands for.
    pub fn buffer_bytes(&self) -> std::result::Result<usize, BpfError> {
        match self.buf_size_preset {
            1..=10 => Ok((1usize << 20) << (self.buf_size_preset - 1)),
            n => Err(BpfError::Config(format!(
                "buf_size_preset {n} is not between 1 (1 MiB) and 10 (512 MiB)"
            ))),
        }
    }

    /// For each native syscall number, whether it is captured.
    pub fn wanted_syscalls(&self) -> Vec<bool> {
        let mut on = vec![false; SYSCALL_TABLE_SIZE];
        match &self.syscalls {
            Some(list) => {
                for &nr in list {
                    if let Some(slot) = on.get_mut(nr as usize) {
                        *slot = true;
                    }
                }
            }
            None => {
                for e in syscalls::table(syscalls::Arch::X86_64) {
                    if let Some(slot) = on.get_mut(e.nr as usize) {
                        *slot = e.ppm_sc != 0;
                    }
                }
            }
        }
        on
    }
}

/// The value of the probe's `settings` map (`struct falco_bpf_settings`).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Settings {
    boot_time: u64,
    snaplen: u32,
    ignore_tgid: u32,
    flags: u32,
}

impl Settings {
    const SIZE: usize = 24;

    fn to_bytes(self) -> [u8; Self::SIZE] {
        let mut b = [0u8; Self::SIZE];
        b[0..8].copy_from_slice(&self.boot_time.to_ne_bytes());
        b[8..12].copy_from_slice(&self.snaplen.to_ne_bytes());
        b[12..16].copy_from_slice(&self.ignore_tgid.to_ne_bytes());
        b[16..20].copy_from_slice(&self.flags.to_ne_bytes());
        b
    }
}

/// Drop categories of buffer-full drops, in the order of [`Counters::drops_buffer_by_category`].
pub const DROP_CATEGORIES: [&str; 10] = [
    "clone_fork_exit",
    "execve_exit",
    "connect_enter",
    "connect_exit",
    "open_enter",
    "open_exit",
    "dir_file_exit",
    "other_interest_exit",
    "close_exit",
    "proc_exit",
];

/// The probe's counters, summed over CPUs (`struct falco_bpf_counters`).
///
/// Every event the probe starts is counted in `events`; it is then either written to a
/// ring buffer or counted in exactly one of `drops_buffer` and `drops_max_event_size`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counters {
    /// Events generated.
    pub events: u64,
    /// Events dropped because their ring buffer was full.
    pub drops_buffer: u64,
    /// `drops_buffer` by category (see [`DROP_CATEGORIES`]).
    pub drops_buffer_by_category: [u64; 10],
    /// Events dropped because they were larger than 64 KiB.
    pub drops_max_event_size: u64,
    /// Reads of user or kernel memory that failed (page faults...): the parameter was
    /// written empty, the event was not dropped.
    pub read_failures: u64,
}

impl Counters {
    const SIZE: usize = 14 * 8;

    fn from_bytes(b: &[u8]) -> Counters {
        let w = |i: usize| {
            b.get(i * 8..i * 8 + 8)
                .map_or(0, |s| u64::from_ne_bytes(s.try_into().unwrap()))
        };
        let mut cat = [0u64; 10];
        for (i, c) in cat.iter_mut().enumerate() {
            *c = w(2 + i);
        }
        Counters {
            events: w(0),
            drops_buffer: w(1),
            drops_buffer_by_category: cat,
            drops_max_event_size: w(12),
            read_failures: w(13),
        }
    }

    fn add(&mut self, o: &Counters) {
        self.events += o.events;
        self.drops_buffer += o.drops_buffer;
        for (a, b) in self
            .drops_buffer_by_category
            .iter_mut()
            .zip(o.drops_buffer_by_category)
        {
            *a += b;
        }
        self.drops_max_event_size += o.drops_max_event_size;
        self.read_failures += o.read_failures;
    }

    /// Every dropped event.
    pub fn drops(&self) -> u64 {
        self.drops_buffer + self.drops_max_event_size
    }
}

/// Statistics of a live source.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BpfStats {
    /// The probe's counters.
    pub kernel: Counters,
    /// Events handed out by the source.
    pub delivered: u64,
    /// Records found malformed in a ring and skipped (a bug if not 0).
    pub corrupt: u64,
}

/// Boot time in ns since the epoch: CLOCK_REALTIME - CLOCK_BOOTTIME, from the closest of
/// a few samples (the pair of realtime readings around a boottime reading that are
/// nearest to each other).
pub fn boot_time_ns() -> u64 {
    let mut best = (u64::MAX, 0u64);
    for _ in 0..16 {
        let r1 = sys::clock_ns(libc::CLOCK_REALTIME);
        let b = sys::clock_ns(libc::CLOCK_BOOTTIME);
        let r2 = sys::clock_ns(libc::CLOCK_REALTIME);
        let window = r2.saturating_sub(r1);
        if window < best.0 {
            best = (window, (r1 / 2 + r2 / 2).saturating_sub(b));
        }
    }
    best.1
}

/// The head of one ring: where its oldest unread record is.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Head {
    ts: u64,
    /// Offset of the event in the data area (after the record header).
    off: usize,
    len: usize,
    /// Bytes of the record, header and padding included.
    total: u64,
}

/// One memory-mapped ring and the consumer's view of it.
struct Ring {
    maps: sys::RingMaps,
    mask: u64,
    /// Consumer position (published to the kernel).
    cons: u64,
    /// Producer position as last read.
    prod: u64,
    head: Option<Head>,
}

impl Ring {
    fn new(maps: sys::RingMaps) -> Ring {
        let cons = maps.load_consumer();
        let prod = maps.load_producer();
        Ring {
            mask: maps.size() as u64 - 1,
            maps,
            cons,
            prod,
            head: None,
        }
    }

    /// Find the oldest committed record, skipping discarded ones.
    fn peek(&mut self) -> Option<Head> {
        if let Some(h) = self.head {
            return Some(h);
        }
        loop {
            if self.cons >= self.prod {
                self.prod = self.maps.load_producer();
                if self.cons >= self.prod {
                    return None;
                }
            }
            let off = (self.cons & self.mask) as usize;
            let word = self.maps.record_len_word(off);
            if word & sys::RINGBUF_BUSY_BIT != 0 {
                return None; // reserved, not yet committed
            }
            let len = (word & !(sys::RINGBUF_BUSY_BIT | sys::RINGBUF_DISCARD_BIT)) as usize;
            let total = ((len + sys::RINGBUF_HDR_SZ + 7) & !7) as u64;
            if word & sys::RINGBUF_DISCARD_BIT != 0 {
                self.cons += total;
                self.maps.store_consumer(self.cons);
                continue;
            }
            let start = off + sys::RINGBUF_HDR_SZ;
            let ts = self
                .maps
                .data()
                .get(start..start + 8)
                .map_or(0, |b| u64::from_le_bytes(b.try_into().unwrap()));
            let h = Head {
                ts,
                off: start,
                len,
                total,
            };
            self.head = Some(h);
            return Some(h);
        }
    }

    /// Give the head record's space back to the kernel.
    fn consume(&mut self) {
        if let Some(h) = self.head.take() {
            self.cons += h.total;
            self.maps.store_consumer(self.cons);
        }
    }
}

/// Live events from the eBPF probe.
pub struct BpfSource {
    rings: Vec<Ring>,
    /// The ring whose head was handed out last (consumed on the next call).
    pending: Option<usize>,
    loaded: loader::Loaded,
    meta: Metadata,
    num: u64,
    corrupt: u64,
    pacing: Pacing,
    deadline: Option<Instant>,
    stopped: bool,
    buffer_bytes: usize,
}

impl fmt::Debug for BpfSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BpfSource")
            .field("rings", &self.rings.len())
            .field("buffer_bytes", &self.buffer_bytes)
            .field("delivered", &self.num)
            .finish()
    }
}

impl BpfSource {
    /// Load and attach the probe. The capture starts at once: events are buffered in
    /// the rings until read.
    pub fn open(cfg: &BpfConfig) -> std::result::Result<BpfSource, BpfError> {
        let mut src = BpfSource::load(cfg)?;
        src.start()?;
        Ok(src)
    }

    /// Load the probe and map its rings without attaching it: nothing is captured until
    /// [`start`](BpfSource::start). (libscap's order: open the engine, scan /proc, then
    /// start the capture, so that the scan does not fill the rings.)
    pub fn load(cfg: &BpfConfig) -> std::result::Result<BpfSource, BpfError> {
        let boot_time = boot_time_ns();
        let settings = Settings {
            boot_time,
            snaplen: cfg.snaplen.min(falco_schema::abi::SNAPLEN_MAX),
            ignore_tgid: if cfg.ignore_own_process {
                std::process::id()
            } else {
                0
            },
            flags: 0,
        };
        let size = cfg.buffer_bytes()?;
        let loaded = loader::load(cfg, &settings)?;
        let mut rings = Vec::with_capacity(loaded.rings.len());
        for r in &loaded.rings {
            use std::os::fd::AsFd;
            let maps = sys::RingMaps::map(r.as_fd(), size).map_err(BpfError::Io)?;
            rings.push(Ring::new(maps));
        }
        let meta = Metadata {
            machine: Some(MachineInfo {
                num_cpus: loaded.ncpus as u32,
                memory_size_bytes: procscan::memory_bytes(),
                max_pid: procscan::max_pid(),
                hostname: procscan::hostname(),
                boot_ts_epoch: boot_time,
                flags: 0,
                reserved3: 0,
                reserved4: 0,
            }),
            ..Metadata::default()
        };
        Ok(BpfSource {
            rings,
            pending: None,
            loaded,
            meta,
            num: 0,
            corrupt: 0,
            pacing: Pacing::default(),
            deadline: None,
            stopped: false,
            buffer_bytes: size,
        })
    }

    /// Number of ring buffers.
    pub fn n_rings(&self) -> usize {
        self.rings.len()
    }

    /// Size of each ring buffer in bytes.
    pub fn buffer_bytes(&self) -> usize {
        self.buffer_bytes
    }

    /// Number of possible CPUs.
    pub fn n_cpus(&self) -> usize {
        self.loaded.ncpus
    }

    /// How the TOCTOU enter events are captured.
    pub fn toctou_mode(&self) -> &'static str {
        self.loaded.toctou_mode
    }

    /// Replace the metadata (e.g. with a /proc scan, see [`procscan::scan`]).
    pub fn set_metadata(&mut self, meta: Metadata) {
        self.meta = meta;
    }

    /// End the stream (`next_event` returns `None`) at `deadline`.
    pub fn set_deadline(&mut self, deadline: Option<Instant>) {
        self.deadline = deadline;
    }

    /// Start capturing (attach the programs), after [`load`](BpfSource::load) or
    /// [`stop`](BpfSource::stop).
    pub fn start(&mut self) -> std::result::Result<(), BpfError> {
        self.loaded.attach()?;
        self.stopped = false;
        Ok(())
    }

    /// Stop capturing: detach every program. Events already in the rings can still be
    /// read; `next_event` returns `None` once they are all read.
    pub fn stop(&mut self) {
        self.loaded.detach();
        self.stopped = true;
    }

    /// The probe's counters and this source's own.
    pub fn stats(&self) -> std::result::Result<BpfStats, BpfError> {
        Ok(BpfStats {
            kernel: self.loaded.counters()?,
            delivered: self.num,
            corrupt: self.corrupt,
        })
    }

    /// The next event if one is ready, without waiting.
    pub fn try_next_event(&mut self) -> Result<Option<Event<'_>>> {
        pacing::try_next(self)
    }
}

impl Rings for BpfSource {
    type Head = Head;

    /// Give back the space of the event handed out last, then pick the ring whose
    /// oldest event has the smallest timestamp; it becomes the pending one.
    fn select(&mut self) -> Result<Option<(usize, Head)>> {
        if let Some(i) = self.pending.take() {
            self.rings[i].consume();
        }
        let mut best: Option<(usize, Head)> = None;
        for (i, ring) in self.rings.iter_mut().enumerate() {
            if let Some(h) = ring.peek() {
                if best.is_none_or(|(_, b)| h.ts < b.ts) {
                    best = Some((i, h));
                }
            }
        }
        let Some((i, _)) = best else {
            return Ok(None);
        };
        self.pending = Some(i);
        self.num += 1;
        Ok(best)
    }

    /// The pending event as a view into its ring.
    fn view(&mut self, i: usize, h: Head) -> Result<Event<'_>> {
        let bytes = &self.rings[i].maps.data()[h.off..h.off + h.len];
        match Event::decode(bytes) {
            Ok(mut ev) => {
                ev.num = self.num;
                ev.cpu = i as u16;
                Ok(ev)
            }
            Err(e) => {
                // Skipped on the next call, like any consumed event.
                self.corrupt += 1;
                Err(Error::Corrupt {
                    path: format!("eBPF ring buffer {i}").into(),
                    offset: self.rings[i].cons,
                    reason: e.to_string(),
                })
            }
        }
    }

    fn should_end(&self) -> bool {
        self.stopped || sys::stop_requested() || self.deadline.is_some_and(|d| Instant::now() >= d)
    }

    fn is_stopped(&self) -> bool {
        self.stopped
    }

    fn halt(&mut self) {
        self.stop();
    }

    fn pacing(&mut self) -> &mut Pacing {
        &mut self.pacing
    }
}

impl EventSource for BpfSource {
    /// The next event, waiting for one (500 µs to 30 ms sleeps while the rings are
    /// empty). `None` once the source was stopped (SIGINT/SIGTERM after
    /// [`install_stop_handlers`], [`request_stop`], [`BpfSource::stop`] or the deadline)
    /// and the rings are drained.
    fn next_event(&mut self) -> Result<Option<Event<'_>>> {
        pacing::next_event(self)
    }

    fn metadata(&self) -> &Metadata {
        &self.meta
    }

    fn name(&self) -> Cow<'_, str> {
        Cow::Borrowed("modern_bpf (falco-rs eBPF probe)")
    }
}

impl Drop for BpfSource {
    fn drop(&mut self) {
        // Links first: nothing is written any more once they are gone; the maps and
        // the object follow with `loaded`.
        self.loaded.detach();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buffer_presets_are_falcos() {
        let size = |p| {
            BpfConfig {
                buf_size_preset: p,
                ..BpfConfig::default()
            }
            .buffer_bytes()
        };
        assert_eq!(size(1).unwrap(), 1 << 20);
        assert_eq!(size(4).unwrap(), 8 << 20);
        assert_eq!(BpfConfig::default().buffer_bytes().unwrap(), 8 << 20);
        assert_eq!(size(10).unwrap(), 512 << 20);
        assert!(matches!(size(0), Err(BpfError::Config(_))));
        assert!(matches!(size(11), Err(BpfError::Config(_))));
    }

    #[test]
    fn counters_decode_in_struct_order() {
        let words: Vec<u64> = (1..=14).collect();
        let bytes: Vec<u8> = words.iter().flat_map(|w| w.to_ne_bytes()).collect();
        assert_eq!(bytes.len(), Counters::SIZE);
        let c = Counters::from_bytes(&bytes);
        assert_eq!((c.events, c.drops_buffer), (1, 2));
        assert_eq!(
            c.drops_buffer_by_category,
            [3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
        );
        assert_eq!((c.drops_max_event_size, c.read_failures), (13, 14));
        assert_eq!(c.drops(), 2 + 13);
        let mut sum = c;
        sum.add(&c);
        assert_eq!(sum.events, 2);
        assert_eq!(sum.drops_buffer_by_category[9], 24);
    }

    #[test]
    fn settings_layout_matches_the_probe() {
        let s = Settings {
            boot_time: 0x0102030405060708,
            snaplen: 80,
            ignore_tgid: 42,
            flags: 0,
        };
        let b = s.to_bytes();
        assert_eq!(&b[0..8], &0x0102030405060708u64.to_ne_bytes());
        assert_eq!(&b[8..12], &80u32.to_ne_bytes());
        assert_eq!(&b[12..16], &42u32.to_ne_bytes());
    }

    #[test]
    fn syscall_selection() {
        let all = BpfConfig::default().wanted_syscalls();
        assert_eq!(all.len(), SYSCALL_TABLE_SIZE);
        // read, openat, execve, connect are in; an unassigned number is not.
        for nr in [0, 257, 59, 42] {
            assert!(all[nr], "syscall {nr}");
        }
        let some = BpfConfig {
            syscalls: Some(vec![59, 100_000]),
            ..BpfConfig::default()
        }
        .wanted_syscalls();
        assert_eq!(some.iter().filter(|&&on| on).count(), 1);
        assert!(some[59]);
    }

    #[test]
    fn boot_time_is_in_the_past() {
        let now = sys::clock_ns(libc::CLOCK_REALTIME);
        let boot = boot_time_ns();
        assert!(boot > 1_500_000_000_000_000_000 && boot < now);
        // Stable between two computations (to well under a millisecond).
        assert!(boot_time_ns().abs_diff(boot) < 1_000_000);
    }

    #[test]
    fn not_built_error_says_why() {
        assert_eq!(
            BpfError::NotBuilt.to_string(),
            "built without the eBPF probe (clang missing at build time)"
        );
    }
}
