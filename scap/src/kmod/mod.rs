//! The kernel-module engine: live events from `falco_rs.ko` (`driver/kmod/`).
//!
//! [`KmodSource::open`] opens the module's per-CPU devices (`/dev/falco_rs<N>`), checks
//! that the module speaks this crate's event format (API and schema versions, by ioctl),
//! selects the syscalls and the snaplen, maps each ring (a read-write header page with
//! the positions and counters, and the read-only data area mapped twice in a row, so an
//! event that wraps around the end is contiguous) and enables the capture. Events are
//! read in place: [`EventSource::next_event`] hands out an [`Event`] that borrows the
//! mapped bytes. Rings are merged by timestamp, the smallest first; the space of an event
//! goes back to the kernel (the ring's `tail`) only when the next event is asked for, so
//! the borrowed view stays valid while it is used. The layout is documented in
//! `driver/include/falco_kmod.h`.
//!
//! The API mirrors [`crate::bpf::BpfSource`]: `load` (devices open and mapped, nothing
//! captured), `start`/`stop`, `stats`, `set_deadline`, `set_metadata`, `try_next_event`;
//! the /proc scan for the metadata is [`crate::bpf::procscan::scan`], and the stop
//! handlers are those of [`crate::bpf`].
//!
//! ```no_run
//! use falco_scap::kmod::{KmodConfig, KmodSource};
//! use falco_scap::EventSource;
//!
//! let mut src = KmodSource::open(&KmodConfig::default())?;
//! while let Some(ev) = src.next_event()? {
//!     println!("{} {}", ev.tid(), ev.info().unwrap().name);
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Closing the devices (dropping the source) disables the capture: the module detaches
//! its tracepoints on the last close.

mod sys;

use std::borrow::Cow;
use std::fmt;
use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Instant;

use falco_schema::syscalls::{self, SYSCALL_TABLE_SIZE};

use crate::bpf::{self, procscan, Counters};
use crate::error::{Error, Result};
use crate::event::Event;
use crate::meta::{MachineInfo, Metadata};
use crate::pacing::{self, Pacing, Rings};
use crate::source::EventSource;

/// The module's name, as `lsmod` and `/sys/module` show it.
pub const MODULE_NAME: &str = "falco_rs";
/// Device path prefix: `/dev/falco_rs0`, `/dev/falco_rs1`, ...
pub const DEVICE_PREFIX: &str = "/dev/falco_rs";

/// Why the kernel-module engine could not start.
#[derive(Debug)]
pub enum KmodError {
    /// The module is not loaded (no `/sys/module/falco_rs`).
    NotLoaded,
    /// The module is loaded but a device is missing.
    DeviceMissing(PathBuf),
    /// Not privileged enough to open the devices.
    Permission(PathBuf),
    /// Another reader has the device open.
    Busy(PathBuf),
    /// The module writes another version of the event format.
    VersionMismatch {
        /// "API" or "schema".
        what: &'static str,
        /// The module's version.
        module: u64,
        /// This build's.
        ours: u64,
    },
    /// Bad configuration.
    Config(String),
    /// Any other failure on a device.
    Io {
        /// The device.
        path: PathBuf,
        /// What was done.
        op: &'static str,
        /// Why it failed.
        source: io::Error,
    },
}

fn version_str(v: u64) -> String {
    format!("{}.{}.{}", v >> 44, (v >> 24) & 0xf_ffff, v & 0xff_ffff)
}

impl fmt::Display for KmodError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KmodError::NotLoaded => write!(
                f,
                "the kernel module {MODULE_NAME} is not loaded (insmod falco_rs.ko, built from \
                 driver/kmod/, or use the modern_ebpf engine)"
            ),
            KmodError::DeviceMissing(p) => write!(
                f,
                "the kernel module {MODULE_NAME} is loaded but {} is missing (is devtmpfs \
                 mounted on /dev?)",
                p.display()
            ),
            KmodError::Permission(p) => {
                write!(f, "not permitted to open {} (run as root)", p.display())
            }
            KmodError::Busy(p) => write!(
                f,
                "{} is already open by another reader (one reader at a time)",
                p.display()
            ),
            KmodError::VersionMismatch { what, module, ours } => write!(
                f,
                "the loaded kernel module {MODULE_NAME} writes event {what} version {} but this \
                 build reads {}: load the module built from this source tree",
                version_str(*module),
                version_str(*ours)
            ),
            KmodError::Config(m) => write!(f, "kernel module engine configuration: {m}"),
            KmodError::Io { path, op, source } => {
                write!(f, "{} on {}: {source}", op, path.display())
            }
        }
    }
}

impl std::error::Error for KmodError {}

/// How the kernel-module engine captures, with the defaults of Falco's `engine.kmod`.
#[derive(Clone, Debug)]
pub struct KmodConfig {
    /// Where the devices are (`/dev/falco_rs`, followed by the CPU number).
    pub device_prefix: String,
    /// Bytes of I/O buffers captured (default 80).
    pub snaplen: u32,
    /// Native syscall numbers to capture; `None`: every syscall of the table.
    pub syscalls: Option<Vec<u32>>,
    /// Do not capture the events of this process. Default true.
    pub ignore_own_process: bool,
}

impl Default for KmodConfig {
    fn default() -> KmodConfig {
        KmodConfig {
            device_prefix: DEVICE_PREFIX.to_string(),
            snaplen: falco_schema::abi::SNAPLEN_DEFAULT,
            syscalls: None,
            ignore_own_process: true,
        }
    }
}

impl KmodConfig {
    /// The module's syscall mask: bit `nr % 8` of byte `nr / 8` for each captured syscall.
    pub fn syscall_mask(&self) -> [u8; sys::MASK_BYTES] {
        let mut mask = [0u8; sys::MASK_BYTES];
        let mut set = |nr: usize| {
            if nr < SYSCALL_TABLE_SIZE && nr / 8 < sys::MASK_BYTES {
                mask[nr / 8] |= 1 << (nr % 8);
            }
        };
        match &self.syscalls {
            Some(list) => list.iter().for_each(|&nr| set(nr as usize)),
            None => syscalls::table(syscalls::Arch::X86_64)
                .iter()
                .filter(|e| e.ppm_sc != 0)
                .for_each(|e| set(e.nr as usize)),
        }
        mask
    }
}

/// Statistics of the kernel-module source.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct KmodStats {
    /// The module's counters, summed over CPUs (same meaning as the eBPF probe's).
    pub kernel: Counters,
    /// Events started on a CPU that was already writing one (dropped, counted).
    pub drops_nested: u64,
    /// Events handed out by the source.
    pub delivered: u64,
    /// Malformed records found in a ring (the rest of that ring was skipped).
    pub corrupt: u64,
}

/// Where the oldest unread event of a ring is.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Head {
    ts: u64,
    off: usize,
    len: usize,
}

struct Ring {
    file: File,
    path: PathBuf,
    maps: sys::RingMaps,
    mask: u64,
    /// Our read position (published as `tail` once an event is consumed).
    tail: u64,
    /// `head` as last read.
    head_pos: u64,
    head: Option<Head>,
}

/// Why a ring's next record cannot be read.
enum Bad {
    Len(usize),
}

impl Ring {
    fn peek(&mut self) -> std::result::Result<Option<Head>, Bad> {
        if let Some(h) = self.head {
            return Ok(Some(h));
        }
        if self.tail >= self.head_pos {
            self.head_pos = self.maps.load_head();
            if self.tail >= self.head_pos {
                return Ok(None);
            }
        }
        let off = (self.tail & self.mask) as usize;
        let data = self.maps.data();
        // The data area is mapped twice: a whole event is contiguous from `off`.
        let word = |o: usize, n: usize| &data[off + o..off + o + n];
        let len = u32::from_le_bytes(word(16, 4).try_into().unwrap()) as usize;
        let avail = self.head_pos - self.tail;
        if !(falco_schema::abi::HEADER_LEN..=(64 << 10)).contains(&len)
            || (len as u64 + 7) & !7 > avail
        {
            return Err(Bad::Len(len));
        }
        let ts = u64::from_le_bytes(word(0, 8).try_into().unwrap());
        let h = Head { ts, off, len };
        self.head = Some(h);
        Ok(Some(h))
    }

    fn consume(&mut self) {
        if let Some(h) = self.head.take() {
            self.tail += (h.len as u64 + 7) & !7;
            self.maps.store_tail(self.tail);
        }
    }

    /// Skip everything written so far (after a malformed record).
    fn skip_all(&mut self) {
        self.head = None;
        self.head_pos = self.maps.load_head();
        self.tail = self.head_pos;
        self.maps.store_tail(self.tail);
    }
}

/// Live events from the kernel module.
pub struct KmodSource {
    rings: Vec<Ring>,
    pending: Option<usize>,
    meta: Metadata,
    num: u64,
    corrupt: u64,
    pacing: Pacing,
    deadline: Option<Instant>,
    stopped: bool,
    enabled: bool,
}

impl fmt::Debug for KmodSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KmodSource")
            .field("rings", &self.rings.len())
            .field("delivered", &self.num)
            .finish()
    }
}

fn open_device(path: &Path) -> std::result::Result<File, KmodError> {
    std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(path)
        .map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => {
                if Path::new("/sys/module").join(MODULE_NAME).exists() {
                    KmodError::DeviceMissing(path.to_path_buf())
                } else {
                    KmodError::NotLoaded
                }
            }
            io::ErrorKind::PermissionDenied => KmodError::Permission(path.to_path_buf()),
            _ if e.raw_os_error() == Some(libc::EBUSY) => KmodError::Busy(path.to_path_buf()),
            _ => KmodError::Io {
                path: path.to_path_buf(),
                op: "open",
                source: e,
            },
        })
}

impl KmodSource {
    /// Open the devices and start capturing.
    pub fn open(cfg: &KmodConfig) -> std::result::Result<KmodSource, KmodError> {
        let mut src = KmodSource::load(cfg)?;
        src.start()?;
        Ok(src)
    }

    /// Open and map every device and configure the module, without enabling the
    /// capture: nothing is written until [`start`](KmodSource::start).
    pub fn load(cfg: &KmodConfig) -> std::result::Result<KmodSource, KmodError> {
        if cfg.snaplen > falco_schema::abi::SNAPLEN_MAX {
            return Err(KmodError::Config(format!(
                "snaplen {} is above {}",
                cfg.snaplen,
                falco_schema::abi::SNAPLEN_MAX
            )));
        }
        let first_path = PathBuf::from(format!("{}0", cfg.device_prefix));
        let first = open_device(&first_path)?;
        let io_err = |path: &Path, op: &'static str| {
            let path = path.to_path_buf();
            move |source| KmodError::Io { path, op, source }
        };
        // Versions first: a module of another format must not be configured at all.
        let api = sys::ioctl_get_u64(&first, sys::IOCTL_GET_API_VERSION)
            .map_err(io_err(&first_path, "reading the API version"))?;
        let schema = sys::ioctl_get_u64(&first, sys::IOCTL_GET_SCHEMA_VERSION)
            .map_err(io_err(&first_path, "reading the schema version"))?;
        check_versions(api, schema)?;
        let ncpus = sys::ioctl_get_u32(&first, sys::IOCTL_GET_NCPUS)
            .map_err(io_err(&first_path, "reading the number of devices"))?
            as usize;
        sys::ioctl_set_mask(&first, &cfg.syscall_mask())
            .map_err(io_err(&first_path, "setting the syscall mask"))?;
        sys::ioctl_none(&first, sys::IOCTL_SET_SNAPLEN, cfg.snaplen.into())
            .map_err(io_err(&first_path, "setting the snaplen"))?;
        let tgid = if cfg.ignore_own_process {
            std::process::id()
        } else {
            0
        };
        sys::ioctl_none(&first, sys::IOCTL_SET_IGNORE_TGID, tgid.into())
            .map_err(io_err(&first_path, "setting the ignored process"))?;

        let mut rings = Vec::with_capacity(ncpus);
        let mut first = Some(first);
        for cpu in 0..ncpus {
            let path = PathBuf::from(format!("{}{cpu}", cfg.device_prefix));
            let file = match first.take() {
                Some(f) => f,
                None => match open_device(&path) {
                    Ok(f) => f,
                    // A CPU that is not possible has no device.
                    Err(KmodError::DeviceMissing(_)) => continue,
                    Err(e) => return Err(e),
                },
            };
            let maps = sys::RingMaps::map(&file).map_err(io_err(&path, "mmap"))?;
            let tail = maps.load_tail();
            rings.push(Ring {
                mask: maps.size() as u64 - 1,
                head_pos: maps.load_head(),
                maps,
                file,
                path,
                tail,
                head: None,
            });
        }
        let meta = Metadata {
            machine: Some(MachineInfo {
                num_cpus: ncpus as u32,
                memory_size_bytes: procscan::memory_bytes(),
                max_pid: procscan::max_pid(),
                hostname: procscan::hostname(),
                boot_ts_epoch: bpf::boot_time_ns(),
                flags: 0,
                reserved3: 0,
                reserved4: 0,
            }),
            ..Metadata::default()
        };
        Ok(KmodSource {
            rings,
            pending: None,
            meta,
            num: 0,
            corrupt: 0,
            pacing: Pacing::default(),
            deadline: None,
            stopped: false,
            enabled: false,
        })
    }

    /// Number of ring buffers (devices).
    pub fn n_rings(&self) -> usize {
        self.rings.len()
    }

    /// Size of each ring buffer in bytes.
    pub fn buffer_bytes(&self) -> usize {
        self.rings.first().map_or(0, |r| r.maps.size())
    }

    /// Replace the metadata (e.g. with a /proc scan, see [`procscan::scan`]).
    pub fn set_metadata(&mut self, meta: Metadata) {
        self.meta = meta;
    }

    /// End the stream (`next_event` returns `None`) at `deadline`.
    pub fn set_deadline(&mut self, deadline: Option<Instant>) {
        self.deadline = deadline;
    }

    /// Enable the capture (the module attaches its tracepoints).
    pub fn start(&mut self) -> std::result::Result<(), KmodError> {
        let r = self
            .rings
            .first()
            .ok_or_else(|| KmodError::Config("the module has no devices".into()))?;
        sys::ioctl_none(&r.file, sys::IOCTL_ENABLE, 0).map_err(|source| KmodError::Io {
            path: r.path.clone(),
            op: "enabling the capture",
            source,
        })?;
        self.enabled = true;
        self.stopped = false;
        Ok(())
    }

    /// Disable the capture. Events already in the rings can still be read;
    /// `next_event` returns `None` once they are all read.
    pub fn stop(&mut self) {
        if let Some(r) = self.rings.first() {
            // Failure leaves the tracepoints attached until the devices close, which
            // the module handles; nothing more can be done here.
            let _ = sys::ioctl_none(&r.file, sys::IOCTL_DISABLE, 0);
        }
        self.enabled = false;
        self.stopped = true;
    }

    /// The module's counters and this source's own.
    pub fn stats(&self) -> std::result::Result<KmodStats, KmodError> {
        let mut st = KmodStats {
            delivered: self.num,
            corrupt: self.corrupt,
            ..KmodStats::default()
        };
        for r in &self.rings {
            let c = |i| r.maps.counter(i);
            let k = &mut st.kernel;
            k.events += c(0);
            k.drops_buffer += c(1);
            for (i, slot) in k.drops_buffer_by_category.iter_mut().enumerate() {
                *slot += c(2 + i);
            }
            k.drops_max_event_size += c(12);
            k.read_failures += c(13);
            st.drops_nested += c(14);
        }
        Ok(st)
    }

    /// The next event if one is ready, without waiting.
    pub fn try_next_event(&mut self) -> Result<Option<Event<'_>>> {
        pacing::try_next(self)
    }
}

/// A version as the drivers encode it: `major << 44 | minor << 24 | patch`.
pub fn encode_version((major, minor, patch): (u32, u32, u32)) -> u64 {
    (u64::from(major) << 44) | (u64::from(minor) << 24) | u64::from(patch)
}

/// Refuse a module of another event format.
pub fn check_versions(api: u64, schema: u64) -> std::result::Result<(), KmodError> {
    let ours_api = encode_version(falco_schema::abi::API_VERSION);
    let ours_schema = encode_version(falco_schema::abi::SCHEMA_VERSION);
    // The major numbers must be equal; a newer module minor adds what we do not read.
    if api >> 44 != ours_api >> 44 || api < ours_api {
        return Err(KmodError::VersionMismatch {
            what: "API",
            module: api,
            ours: ours_api,
        });
    }
    if schema >> 44 != ours_schema >> 44 || schema < ours_schema {
        return Err(KmodError::VersionMismatch {
            what: "schema",
            module: schema,
            ours: ours_schema,
        });
    }
    Ok(())
}

impl Rings for KmodSource {
    type Head = Head;

    /// Give back the space of the event handed out last, then pick the ring whose oldest
    /// event has the smallest timestamp; it becomes the pending one.
    fn select(&mut self) -> Result<Option<(usize, Head)>> {
        if let Some(i) = self.pending.take() {
            self.rings[i].consume();
        }
        let mut best: Option<(usize, Head)> = None;
        for i in 0..self.rings.len() {
            match self.rings[i].peek() {
                Ok(Some(h)) => {
                    if best.is_none_or(|(_, b)| h.ts < b.ts) {
                        best = Some((i, h));
                    }
                }
                Ok(None) => {}
                Err(Bad::Len(len)) => {
                    let r = &mut self.rings[i];
                    let offset = r.tail;
                    r.skip_all();
                    self.corrupt += 1;
                    return Err(Error::Corrupt {
                        path: r.path.clone(),
                        offset,
                        reason: format!(
                            "event length {len} does not fit the ring (the rest of the ring \
                             was skipped)"
                        ),
                    });
                }
            }
        }
        let Some((i, h)) = best else {
            return Ok(None);
        };
        self.pending = Some(i);
        self.num += 1;
        Ok(Some((i, h)))
    }

    fn view(&mut self, i: usize, h: Head) -> Result<Event<'_>> {
        let bytes = &self.rings[i].maps.data()[h.off..h.off + h.len];
        match Event::decode(bytes) {
            Ok(mut ev) => {
                ev.num = self.num;
                ev.cpu = i as u16;
                Ok(ev)
            }
            Err(e) => {
                self.corrupt += 1;
                Err(Error::Corrupt {
                    path: self.rings[i].path.clone(),
                    offset: self.rings[i].tail,
                    reason: e.to_string(),
                })
            }
        }
    }

    fn should_end(&self) -> bool {
        self.stopped || bpf::stop_requested() || self.deadline.is_some_and(|d| Instant::now() >= d)
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

impl EventSource for KmodSource {
    /// The next event, waiting for one (500 µs to 30 ms sleeps while the rings are
    /// empty). `None` once the source was stopped and the rings are drained.
    fn next_event(&mut self) -> Result<Option<Event<'_>>> {
        pacing::next_event(self)
    }

    fn metadata(&self) -> &Metadata {
        &self.meta
    }

    fn name(&self) -> Cow<'_, str> {
        Cow::Borrowed("kmod (falco-rs kernel module)")
    }
}

impl Drop for KmodSource {
    fn drop(&mut self) {
        if self.enabled {
            self.stop();
        }
        // The maps and files close with `rings`; the last close detaches the module's
        // tracepoints in any case.
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header() -> Option<String> {
        let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../driver/include/falco_kmod.h");
        std::fs::read_to_string(p).ok()
    }

    /// The constants of sys.rs against the C header they mirror.
    #[test]
    fn abi_matches_c_header() {
        let h = header().expect("driver/include/falco_kmod.h");
        let define = |name: &str| -> String {
            h.lines()
                .find_map(|l| {
                    let rest = l.strip_prefix("#define ")?.strip_prefix(name)?;
                    rest.starts_with(' ').then(|| rest.trim().to_string())
                })
                .unwrap_or_else(|| panic!("{name} not in falco_kmod.h"))
        };
        assert_eq!(
            define("FALCO_KMOD_MAGIC").split_whitespace().next(),
            Some("0x46524b4d")
        );
        assert_eq!(sys::MAGIC, 0x4652_4b4d);
        assert_eq!(
            define("FALCO_KMOD_LAYOUT_VERSION"),
            sys::LAYOUT_VERSION.to_string()
        );
        assert_eq!(
            define("FALCO_KMOD_SYSCALL_MASK_BYTES")
                .split_whitespace()
                .next(),
            Some("64")
        );
        assert_eq!(format!("\"{MODULE_NAME}\""), define("FALCO_KMOD_NAME"));
        assert_eq!(
            format!("\"{DEVICE_PREFIX}\""),
            define("FALCO_KMOD_DEVICE_PREFIX")
        );
        // ioctl requests: direction, size, type 'F' and number as the header declares.
        let ioctls = [
            (
                "GET_API_VERSION",
                sys::IOCTL_GET_API_VERSION,
                "_IOR('F', 1, __u64)",
            ),
            (
                "GET_SCHEMA_VERSION",
                sys::IOCTL_GET_SCHEMA_VERSION,
                "_IOR('F', 2, __u64)",
            ),
            ("ENABLE", sys::IOCTL_ENABLE, "_IO('F', 3)"),
            ("DISABLE", sys::IOCTL_DISABLE, "_IO('F', 4)"),
            (
                "SET_SYSCALL_MASK",
                sys::IOCTL_SET_SYSCALL_MASK,
                "_IOW('F', 5, struct falco_kmod_syscall_mask)",
            ),
            ("SET_SNAPLEN", sys::IOCTL_SET_SNAPLEN, "_IO('F', 6)"),
            ("SET_IGNORE_TGID", sys::IOCTL_SET_IGNORE_TGID, "_IO('F', 7)"),
            ("GET_NCPUS", sys::IOCTL_GET_NCPUS, "_IOR('F', 8, __u32)"),
        ];
        for (name, value, decl) in ioctls {
            assert_eq!(define(&format!("FALCO_KMOD_IOCTL_{name}")), decl, "{name}");
            // Hand-derived from asm-generic/ioctl.h: dir << 30 | size << 16 | 'F' << 8 | nr.
            assert_eq!(value & 0xff00, 0x4600, "{name}");
        }
        assert_eq!(sys::IOCTL_GET_API_VERSION, 0x8008_4601);
        assert_eq!(sys::IOCTL_SET_SYSCALL_MASK, 0x4040_4605);
        assert_eq!(sys::IOCTL_ENABLE, 0x4603);
        // Field offsets, as the comments of the C struct state them.
        for (field, off) in [
            ("tail;", sys::off::TAIL),
            ("head;", sys::off::HEAD),
            ("n_evts;", sys::off::COUNTERS),
        ] {
            let line = h.lines().find(|l| l.contains(field)).unwrap();
            assert!(
                line.contains(&format!("/* {off:3}")),
                "{field} at {off}: {line}"
            );
        }
        // 15 counters from n_evts to n_drops_nested: 32 + 15 * 8 = 152 = reserved.
        assert!(h.contains("reserved[5];\t\t/* 152"));
        assert_eq!(sys::off::COUNTERS + 8 * sys::off::N_COUNTERS, 152);
    }

    #[test]
    fn version_check() {
        let api = encode_version(falco_schema::abi::API_VERSION);
        let schema = encode_version(falco_schema::abi::SCHEMA_VERSION);
        // The value of PPM_API_CURRENT_VERSION in the generated header.
        assert_eq!(api, 0xa000_0100_0000);
        assert!(check_versions(api, schema).is_ok());
        // A newer minor of the module is accepted, an older one or another major is not.
        assert!(check_versions(api + (1 << 24), schema).is_ok());
        let e = check_versions(api - (1 << 24), schema)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("API version 10.0.0") && e.contains("reads 10.1.0"),
            "{e}"
        );
        assert!(check_versions(api, schema + (1 << 44)).is_err());
    }

    #[test]
    fn mask_has_the_table() {
        let m = KmodConfig::default().syscall_mask();
        // openat (257), read (0), execve (59) are in the table.
        for nr in [0usize, 59, 257] {
            assert!(m[nr / 8] & (1 << (nr % 8)) != 0, "{nr}");
        }
        let m = KmodConfig {
            syscalls: Some(vec![2, 300]),
            ..KmodConfig::default()
        }
        .syscall_mask();
        assert_eq!(m.iter().map(|b| b.count_ones()).sum::<u32>(), 2);
        assert_eq!(m[0], 0b100);
    }

    #[test]
    fn missing_module_is_a_clear_error() {
        let cfg = KmodConfig {
            device_prefix: "/nonexistent/falco_rs".into(),
            ..KmodConfig::default()
        };
        let e = KmodSource::load(&cfg).unwrap_err();
        if Path::new("/sys/module/falco_rs").exists() {
            assert!(matches!(e, KmodError::DeviceMissing(_)), "{e}");
        } else {
            assert!(matches!(e, KmodError::NotLoaded), "{e}");
            assert!(e.to_string().contains("not loaded"));
        }
    }
}
