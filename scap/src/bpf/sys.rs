//! Every `unsafe` of the eBPF engine: memory-mapping BPF ring buffers and accessing
//! their positions atomically, raising RLIMIT_MEMLOCK, and the SIGINT/SIGTERM handler.
//!
//! A BPF ring buffer map (`BPF_MAP_TYPE_RINGBUF`, kernel 5.8+) is mapped in two parts:
//!
//! * offset 0, one page, read-write: the consumer position (u64 at offset 0), which only
//!   userspace writes;
//! * offset one page, `page + 2 * size` bytes, read-only: the producer position (u64 at
//!   offset 0), then the data area, which the kernel maps twice back to back so that a
//!   record wrapping around the end is contiguous.
//!
//! Each record starts with an 8-byte header: `u32 len` (bit 31: still being written,
//! bit 30: discarded), `u32 pgoff`; the record data follows, and the next record starts
//! at the next multiple of 8.

use std::io;
use std::os::fd::{AsRawFd, BorrowedFd};
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, Ordering};

use memmap2::{Mmap, MmapMut, MmapOptions};

/// Record still being written by the producer.
pub const RINGBUF_BUSY_BIT: u32 = 1 << 31;
/// Record discarded by the producer: skip it.
pub const RINGBUF_DISCARD_BIT: u32 = 1 << 30;
/// Size of a record header.
pub const RINGBUF_HDR_SZ: usize = 8;

/// The system page size.
pub fn page_size() -> usize {
    // SAFETY: sysconf has no preconditions; _SC_PAGESIZE is always supported.
    let n = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    if n > 0 {
        n as usize
    } else {
        4096
    }
}

/// The two mappings of one BPF ring buffer.
pub struct RingMaps {
    consumer: MmapMut,
    producer: Mmap,
    page: usize,
    size: usize,
}

impl RingMaps {
    /// Map the ring buffer map `fd` whose data area is `size` bytes (a power of two and a
    /// multiple of the page size, as the kernel requires).
    pub fn map(fd: BorrowedFd<'_>, size: usize) -> io::Result<RingMaps> {
        let page = page_size();
        let raw = fd.as_raw_fd();
        // SAFETY: `raw` is a live ring buffer map fd for the duration of the call; the
        // kernel allows one read-write page at offset 0 (consumer position). The mapping
        // stays valid after the fd is closed, until it is unmapped on drop.
        let consumer = unsafe { MmapOptions::new().len(page).map_mut(raw)? };
        // SAFETY: as above; the producer page and the double-mapped data area at offset
        // `page` are mapped read-only, the only protection the kernel accepts there.
        let producer = unsafe {
            MmapOptions::new()
                .offset(page as u64)
                .len(page + 2 * size)
                .map(raw)?
        };
        Ok(RingMaps {
            consumer,
            producer,
            page,
            size,
        })
    }

    /// Size of the data area.
    pub fn size(&self) -> usize {
        self.size
    }

    fn consumer_pos(&self) -> &AtomicU64 {
        // SAFETY: the consumer page is mapped (at least one page, page-aligned, so
        // 8-byte aligned) for the lifetime of `self`; the kernel reads it concurrently,
        // which is why it is only ever accessed atomically.
        unsafe { &*(self.consumer.as_ptr() as *const AtomicU64) }
    }

    fn producer_pos(&self) -> &AtomicU64 {
        // SAFETY: as for the consumer position: page-aligned, mapped for the lifetime of
        // `self`, written by the kernel concurrently, read atomically only.
        unsafe { &*(self.producer.as_ptr() as *const AtomicU64) }
    }

    /// The producer position (acquire: records before it are visible).
    pub fn load_producer(&self) -> u64 {
        self.producer_pos().load(Ordering::Acquire)
    }

    /// The consumer position as last stored.
    pub fn load_consumer(&self) -> u64 {
        self.consumer_pos().load(Ordering::Relaxed)
    }

    /// Publish the consumer position (release: the kernel may reuse the space only once
    /// everything read from it has been read).
    pub fn store_consumer(&self, pos: u64) {
        self.consumer_pos().store(pos, Ordering::Release);
    }

    /// The length word of the record header at data offset `off` (acquire: the record's
    /// data is visible once the busy bit is clear).
    pub fn record_len_word(&self, off: usize) -> u32 {
        debug_assert!(off % 8 == 0 && off < self.size);
        let p = self.producer[self.page + off..].as_ptr();
        // SAFETY: `off` is below `size` and 8-aligned (positions are multiples of 8), so
        // the 4 bytes lie inside the mapped data area and are 4-aligned; the kernel
        // writes this word concurrently (commit), hence the atomic load.
        unsafe { (*(p as *const AtomicU32)).load(Ordering::Acquire) }
    }

    /// The data area, mapped twice: `data()[off..off + len]` is contiguous for any
    /// `off < size` and `len <= size`.
    pub fn data(&self) -> &[u8] {
        &self.producer[self.page..]
    }
}

/// Raise RLIMIT_MEMLOCK to infinity (needed for BPF maps before kernel 5.11, which
/// account them to the cgroup instead). Fails without CAP_SYS_RESOURCE.
pub fn raise_memlock() -> io::Result<()> {
    let lim = libc::rlimit {
        rlim_cur: libc::RLIM_INFINITY,
        rlim_max: libc::RLIM_INFINITY,
    };
    // SAFETY: setrlimit reads the struct we pass by reference and nothing else.
    if unsafe { libc::setrlimit(libc::RLIMIT_MEMLOCK, &lim) } == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

/// The effective user id.
pub fn euid() -> u32 {
    // SAFETY: geteuid cannot fail and has no preconditions.
    unsafe { libc::geteuid() }
}

static STOP: AtomicBool = AtomicBool::new(false);

extern "C" fn on_stop_signal(_sig: libc::c_int) {
    // Async-signal-safe: one atomic store.
    STOP.store(true, Ordering::SeqCst);
}

/// Install handlers for SIGINT and SIGTERM that only set the flag [`stop_requested`]
/// reads, so that a capture loop ends cleanly (programs detached, files flushed).
pub fn install_stop_handlers() -> io::Result<()> {
    for sig in [libc::SIGINT, libc::SIGTERM] {
        // SAFETY: a zeroed sigaction is a valid "no flags, empty mask" value; the handler
        // is an extern "C" fn that only performs an atomic store (async-signal-safe).
        let rc = unsafe {
            let mut sa: libc::sigaction = std::mem::zeroed();
            sa.sa_sigaction = on_stop_signal as *const () as libc::sighandler_t;
            libc::sigemptyset(&mut sa.sa_mask);
            libc::sigaction(sig, &sa, std::ptr::null_mut())
        };
        if rc != 0 {
            return Err(io::Error::last_os_error());
        }
    }
    Ok(())
}

/// True once SIGINT or SIGTERM arrived (after [`install_stop_handlers`]) or
/// [`request_stop`] was called.
pub fn stop_requested() -> bool {
    STOP.load(Ordering::Relaxed)
}

/// Ask every live source of this process to stop, as a signal would.
pub fn request_stop() {
    STOP.store(true, Ordering::SeqCst);
}

/// Nanoseconds of a clock (`libc::CLOCK_REALTIME`, `libc::CLOCK_BOOTTIME`, ...).
pub fn clock_ns(clock: libc::clockid_t) -> u64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes one timespec through the valid pointer we pass.
    let rc = unsafe { libc::clock_gettime(clock, &mut ts) };
    if rc != 0 {
        return 0;
    }
    ts.tv_sec as u64 * 1_000_000_000 + ts.tv_nsec as u64
}
