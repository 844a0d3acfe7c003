/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * The interface of the kernel module (driver/kmod/) with userspace
 * (falco-scap, scap/src/kmod/): device names, ioctls and the layout of the
 * shared ring-buffer pages. Hand-written; the Rust side mirrors every value
 * here and a test there checks this file against its constants.
 *
 * Devices: /dev/falco_rs<N>, one per possible CPU N (minor N). Each holds that
 * CPU's ring buffer. A device is opened by one reader at a time (EBUSY
 * otherwise); while any device is open the module cannot be unloaded.
 *
 * mmap of a device, two mappings:
 *
 *   offset 0, length PAGE_SIZE              struct falco_kmod_ring_info,
 *                                           read-write: userspace writes
 *                                           `tail`, reads everything else
 *   offset PAGE_SIZE, length 2 * size       the data area, read-only; its
 *                                           pages are mapped twice in a row,
 *                                           so an event that wraps around the
 *                                           end is contiguous in the mapping
 *
 * Positions (`head`, `tail`) count bytes since the device was opened and
 * never wrap; an event starts at data[pos % size]. Events are in the wire
 * format of falco_events.gen.h (struct ppm_evt_hdr, length array, params),
 * each starting at a multiple of 8: the next event is at
 * pos + FALCO_KMOD_ALIGN(hdr.len). The kernel publishes `head` (release)
 * after the bytes of the events before it are written; userspace reads
 * `head` (acquire), reads events up to it and then stores `tail` (release).
 * An event that does not fit in size - (head - tail) bytes is dropped and
 * counted. A `tail` above `head` or below `head - size` makes the kernel
 * treat the ring as full (nothing is written, everything counted).
 *
 * Counters (all u64, written by the kernel only): every event the module
 * starts is counted in n_evts, and then either written or counted in exactly
 * one of n_drops_buffer (ring full; split by category in
 * n_drops_buffer_cat[], the categories of driver/bpf/include/shared.h) and
 * n_drops_max_event_size (larger than FALCO_KMOD_MAX_EVENT). n_read_failures
 * counts user memory reads that failed (the parameter is written empty).
 * n_drops_nested counts events started on a CPU that was already writing one
 * (not possible from the attached tracepoints today; counted, never lost
 * silently).
 */
#ifndef FALCO_KMOD_H
#define FALCO_KMOD_H

#include "falco_types.h"

#define FALCO_KMOD_NAME "falco_rs"
#define FALCO_KMOD_DEVICE_PREFIX "/dev/falco_rs"
#define FALCO_KMOD_MAGIC 0x46524b4d /* "FRKM" */
#define FALCO_KMOD_LAYOUT_VERSION 1
#define FALCO_KMOD_MAX_EVENT (64 * 1024)
#define FALCO_KMOD_ALIGN(x) (((x) + 7) & ~7ULL)
#define FALCO_KMOD_DROP_CATEGORIES 10
#define FALCO_KMOD_DEFAULT_RING_BYTES (8 * 1024 * 1024)

/* The header page; offsets in bytes, all fields naturally aligned. */
struct falco_kmod_ring_info {
	__u32 magic;			/*   0: FALCO_KMOD_MAGIC */
	__u32 layout_version;		/*   4: FALCO_KMOD_LAYOUT_VERSION */
	__u64 size;			/*   8: bytes of the data area (power of 2) */
	__u64 head;			/*  16: kernel: end of the written events */
	__u64 tail;			/*  24: userspace: end of the read events */
	__u64 n_evts;			/*  32 */
	__u64 n_drops_buffer;		/*  40 */
	__u64 n_drops_buffer_cat[FALCO_KMOD_DROP_CATEGORIES]; /* 48 */
	__u64 n_drops_max_event_size;	/* 128 */
	__u64 n_read_failures;		/* 136 */
	__u64 n_drops_nested;		/* 144 */
	__u64 reserved[5];		/* 152: zero */
};					/* 192 bytes */

_Static_assert(sizeof(struct falco_kmod_ring_info) == 192,
	       "struct falco_kmod_ring_info is part of the ABI");
_Static_assert(__builtin_offsetof(struct falco_kmod_ring_info, tail) == 24,
	       "offset of falco_kmod_ring_info.tail");
_Static_assert(__builtin_offsetof(struct falco_kmod_ring_info, n_read_failures) == 136,
	       "offset of falco_kmod_ring_info.n_read_failures");

/* The syscall selection: bit nr % 8 of byte nr / 8 set = native syscall nr captured. */
#define FALCO_KMOD_SYSCALL_MASK_BYTES 64 /* 512 syscalls, >= SYSCALL_TABLE_SIZE */

struct falco_kmod_syscall_mask {
	__u8 bits[FALCO_KMOD_SYSCALL_MASK_BYTES];
};

/*
 * ioctls, on any of the devices (_IO* encoding of asm-generic/ioctl.h, type 'F'):
 *
 *   GET_API_VERSION     u64 out: PPM_API_CURRENT_VERSION the module was built with
 *   GET_SCHEMA_VERSION  u64 out: PPM_SCHEMA_CURRENT_VERSION
 *   ENABLE              start capturing (attach the tracepoints)
 *   DISABLE             stop capturing (detach them); also done on the last close
 *   SET_SYSCALL_MASK    struct falco_kmod_syscall_mask in
 *   SET_SNAPLEN         u32 by value: bytes of I/O buffers (at most PPM_SNAPLEN_MAX)
 *   SET_IGNORE_TGID     u32 by value: a process whose events are not written, 0: none
 *   GET_NCPUS           u32 out: number of devices (possible CPUs)
 */
#define FALCO_KMOD_IOCTL_TYPE 'F'
#define FALCO_KMOD_IOCTL_GET_API_VERSION _IOR('F', 1, __u64)
#define FALCO_KMOD_IOCTL_GET_SCHEMA_VERSION _IOR('F', 2, __u64)
#define FALCO_KMOD_IOCTL_ENABLE _IO('F', 3)
#define FALCO_KMOD_IOCTL_DISABLE _IO('F', 4)
#define FALCO_KMOD_IOCTL_SET_SYSCALL_MASK _IOW('F', 5, struct falco_kmod_syscall_mask)
#define FALCO_KMOD_IOCTL_SET_SNAPLEN _IO('F', 6)
#define FALCO_KMOD_IOCTL_SET_IGNORE_TGID _IO('F', 7)
#define FALCO_KMOD_IOCTL_GET_NCPUS _IOR('F', 8, __u32)

#endif /* FALCO_KMOD_H */
