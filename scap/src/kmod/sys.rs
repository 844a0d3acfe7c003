//! Every `unsafe` of the kernel-module engine: ioctls on the devices, memory-mapping
//! their ring buffers and reading the shared header page with atomics.
//!
//! The layout (header page, doubly mapped data area) and the ioctl numbers are those of
//! `driver/include/falco_kmod.h`; `super::tests` checks the constants against that file.

use std::fs::File;
use std::io;
use std::os::fd::AsRawFd;
use std::sync::atomic::{AtomicU64, Ordering};

use memmap2::{Mmap, MmapMut, MmapOptions};

const fn ioc(dir: u32, nr: u32, size: u32) -> u32 {
    (dir << 30) | (size << 16) | ((b'F' as u32) << 8) | nr
}
const IOC_NONE: u32 = 0;
const IOC_WRITE: u32 = 1;
const IOC_READ: u32 = 2;

/// `FALCO_KMOD_SYSCALL_MASK_BYTES`.
pub const MASK_BYTES: usize = 64;
pub const IOCTL_GET_API_VERSION: u32 = ioc(IOC_READ, 1, 8);
pub const IOCTL_GET_SCHEMA_VERSION: u32 = ioc(IOC_READ, 2, 8);
pub const IOCTL_ENABLE: u32 = ioc(IOC_NONE, 3, 0);
pub const IOCTL_DISABLE: u32 = ioc(IOC_NONE, 4, 0);
pub const IOCTL_SET_SYSCALL_MASK: u32 = ioc(IOC_WRITE, 5, MASK_BYTES as u32);
pub const IOCTL_SET_SNAPLEN: u32 = ioc(IOC_NONE, 6, 0);
pub const IOCTL_SET_IGNORE_TGID: u32 = ioc(IOC_NONE, 7, 0);
pub const IOCTL_GET_NCPUS: u32 = ioc(IOC_READ, 8, 4);

/// `FALCO_KMOD_MAGIC` and `FALCO_KMOD_LAYOUT_VERSION`.
pub const MAGIC: u32 = 0x4652_4b4d;
pub const LAYOUT_VERSION: u32 = 1;

/// Byte offsets in `struct falco_kmod_ring_info`.
pub mod off {
    pub const MAGIC: usize = 0;
    pub const LAYOUT_VERSION: usize = 4;
    pub const SIZE: usize = 8;
    pub const HEAD: usize = 16;
    pub const TAIL: usize = 24;
    /// n_evts, n_drops_buffer, n_drops_buffer_cat[10], n_drops_max_event_size,
    /// n_read_failures, n_drops_nested: 15 u64 from here.
    pub const COUNTERS: usize = 32;
    #[cfg(test)]
    pub const N_COUNTERS: usize = 15;
}

fn ioctl(f: &File, req: u32, arg: libc::c_ulong) -> io::Result<()> {
    // SAFETY: `req` is one of the module's ioctls above; `arg` is either a plain value
    // (_IO requests) or the address of a live buffer of the size the request encodes
    // (the callers below), which the kernel reads or writes only during the call.
    let r = unsafe { libc::ioctl(f.as_raw_fd(), req as libc::c_ulong, arg) };
    if r < 0 {
        Err(io::Error::last_os_error())
    } else {
        Ok(())
    }
}

pub fn ioctl_none(f: &File, req: u32, value: u64) -> io::Result<()> {
    ioctl(f, req, value as libc::c_ulong)
}

pub fn ioctl_get_u64(f: &File, req: u32) -> io::Result<u64> {
    let mut v: u64 = 0;
    ioctl(f, req, &mut v as *mut u64 as libc::c_ulong)?;
    Ok(v)
}

pub fn ioctl_get_u32(f: &File, req: u32) -> io::Result<u32> {
    let mut v: u32 = 0;
    ioctl(f, req, &mut v as *mut u32 as libc::c_ulong)?;
    Ok(v)
}

pub fn ioctl_set_mask(f: &File, mask: &[u8; MASK_BYTES]) -> io::Result<()> {
    ioctl(f, IOCTL_SET_SYSCALL_MASK, mask.as_ptr() as libc::c_ulong)
}

/// The two mappings of one device.
pub struct RingMaps {
    header: MmapMut,
    data: Mmap,
    size: usize,
}

impl RingMaps {
    /// Map the header page, check it, then map the data area (2 × its size, read-only).
    pub fn map(f: &File) -> io::Result<RingMaps> {
        let page = crate::bpf::page_size();
        // SAFETY: the device's mmap hands out the header page, which the module keeps
        // until unload; unload is refused while this mapping (which holds the file) lives.
        // Other processes cannot have the device open (the module allows one reader).
        let header = unsafe { MmapOptions::new().len(page).map_mut(f)? };
        let word32 = |o: usize| u32::from_ne_bytes(header[o..o + 4].try_into().unwrap());
        if word32(off::MAGIC) != MAGIC || word32(off::LAYOUT_VERSION) != LAYOUT_VERSION {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!(
                    "ring header has magic {:#x} layout {} (expected {MAGIC:#x} layout \
                     {LAYOUT_VERSION})",
                    word32(off::MAGIC),
                    word32(off::LAYOUT_VERSION)
                ),
            ));
        }
        let size = u64::from_ne_bytes(header[off::SIZE..off::SIZE + 8].try_into().unwrap());
        if !size.is_power_of_two() || !((1 << 20)..=(1 << 29)).contains(&size) {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!("ring size {size} is not a power of 2 between 1 MiB and 512 MiB"),
            ));
        }
        let size = size as usize;
        // SAFETY: as above; the data pages are read-only for us (the module refuses a
        // writable mapping) and are written by the kernel only between `head` and the
        // `tail` we publish, so the bytes we read (below `head`) do not change under us.
        let data = unsafe {
            MmapOptions::new()
                .offset(page as u64)
                .len(2 * size)
                .map(f)?
        };
        Ok(RingMaps { header, data, size })
    }

    pub fn size(&self) -> usize {
        self.size
    }

    fn word(&self, off: usize) -> &AtomicU64 {
        debug_assert!(off % 8 == 0 && off + 8 <= self.header.len());
        // SAFETY: `off` is a field offset inside the page-aligned header mapping (which
        // outlives the reference), 8-aligned; the kernel and we access the word only
        // atomically (aligned 8-byte accesses), so an AtomicU64 view is sound.
        unsafe { &*(self.header.as_ptr().add(off) as *const AtomicU64) }
    }

    /// `head`, with acquire: the events below it are fully written.
    pub fn load_head(&self) -> u64 {
        self.word(off::HEAD).load(Ordering::Acquire)
    }

    pub fn load_tail(&self) -> u64 {
        self.word(off::TAIL).load(Ordering::Relaxed)
    }

    /// Publish `tail`, with release: we are done with the bytes below it.
    pub fn store_tail(&self, pos: u64) {
        self.word(off::TAIL).store(pos, Ordering::Release)
    }

    /// Counter `i` (0 ..< off::N_COUNTERS).
    pub fn counter(&self, i: usize) -> u64 {
        self.word(off::COUNTERS + 8 * i).load(Ordering::Relaxed)
    }

    /// The data area, mapped twice in a row (2 × `size` bytes).
    pub fn data(&self) -> &[u8] {
        &self.data
    }
}
