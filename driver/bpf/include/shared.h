/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * Layouts shared by the probe and its userspace loader (falco-scap, scap/src/bpf/).
 *
 * Every member is a naturally aligned fixed-width integer and every struct a multiple
 * of 8 bytes, so the Rust mirror (#[repr(C)]) has the same layout without packing.
 * Change both sides together: the loader checks the sizes against the map definitions
 * in the object (BTF value sizes) before it loads the probe.
 */
#ifndef FALCO_BPF_SHARED_H
#define FALCO_BPF_SHARED_H

/* Value of the single entry of the `settings` map, written by userspace. */
struct falco_bpf_settings {
	__u64 boot_time;	/* ns since the epoch at boot: ts = boot_time + boot clock */
	__u32 snaplen;		/* bytes of I/O buffers captured */
	__u32 ignore_tgid;	/* a process whose events are not written (0: none) */
	__u32 flags;		/* options, none defined yet: 0 */
	__u32 reserved;
};

/* Drop categories of buffer-full drops, as the kernel module counts them. */
enum falco_bpf_drop_category {
	DROP_CAT_CLONE_FORK_EXIT = 0,
	DROP_CAT_EXECVE_EXIT = 1,
	DROP_CAT_CONNECT_ENTER = 2,
	DROP_CAT_CONNECT_EXIT = 3,
	DROP_CAT_OPEN_ENTER = 4,
	DROP_CAT_OPEN_EXIT = 5,
	DROP_CAT_DIR_FILE_EXIT = 6,
	DROP_CAT_OTHER_INTEREST_EXIT = 7,
	DROP_CAT_CLOSE_EXIT = 8,
	DROP_CAT_PROC_EXIT = 9,
	DROP_CAT_MAX = 10,
};

/*
 * Value of the per-CPU `counters` map. Every event the probe starts counts in n_evts;
 * it is then either in a ring buffer or counted in exactly one of n_drops_buffer and
 * n_drops_max_event_size (n_drops_buffer_cat[] splits n_drops_buffer by category).
 * n_read_failures counts user or kernel memory reads that failed: the parameter is
 * written empty and the event is not dropped.
 */
struct falco_bpf_counters {
	__u64 n_evts;
	__u64 n_drops_buffer;
	__u64 n_drops_buffer_cat[DROP_CAT_MAX];
	__u64 n_drops_max_event_size;
	__u64 n_read_failures;
};

#endif /* FALCO_BPF_SHARED_H */
