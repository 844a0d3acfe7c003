/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * Maps of the probe. Sizes marked "set at load" are given by the loader before the
 * object is loaded (number of possible CPUs, ring buffer size).
 */
#ifndef FALCO_BPF_MAPS_H
#define FALCO_BPF_MAPS_H

#include "defs.h"

/* Runtime settings (one entry), written by userspace before programs are attached. */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct falco_bpf_settings);
} settings SEC(".maps");

/* Native syscall number -> 1 when its events are wanted (Falco's base_syscalls). */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, SYSCALL_TABLE_SIZE);
	__type(key, __u32);
	__type(value, __u8);
} interesting SEC(".maps");

/*
 * CPU id -> the ring buffer of that CPU's group. The inner map (a BPF ring buffer)
 * is given by the loader (max_entries: number of possible CPUs, set at load).
 */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
} ringbufs SEC(".maps");

/*
 * The scratch area where events are assembled, one per CPU. Not a PERCPU_ARRAY: the
 * kernel caps per-CPU map values at 32 KiB (PCPU_MIN_UNIT_SIZE) and an event may take
 * 64 KiB, so this is an ARRAY indexed by the CPU id (max_entries set at load). BPF
 * programs of these types run with migration disabled and do not nest on one CPU, so
 * an entry has one writer at a time.
 */
struct aux_buf {
	__u8 data[AUX_BUF_SIZE];
	__u64 pos;		/* next free byte of the event */
	__u64 ts;		/* timestamp taken when the event began */
	__u32 param;		/* next entry of the length array */
	__u32 nparams;
	__u16 type;
	__u8 drop_cat;
	__u8 pad[5];
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct aux_buf);
} aux_bufs SEC(".maps");

/* Small per-CPU scratch: socket addresses read from user memory, path building. */
#define SCRATCH_SIZE (8 * 1024)
#define SCRATCH_HALF (SCRATCH_SIZE / 2)
struct scratch {
	__u8 data[SCRATCH_SIZE + 512]; /* slack: writes start below SCRATCH_SIZE */
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct scratch);
} scratch_bufs SEC(".maps");

/* Statistics, per CPU, summed in userspace. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct falco_bpf_counters);
} counters SEC(".maps");

/* Native syscall number -> the program writing its exit event (filled by the loader). */
struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, SYSCALL_TABLE_SIZE);
	__type(key, __u32);
	__type(value, __u32);
} exit_progs SEC(".maps");

static __always_inline struct falco_bpf_settings *settings_get(void)
{
	__u32 zero = 0;

	return bpf_map_lookup_elem(&settings, &zero);
}

static __always_inline struct falco_bpf_counters *counters_get(void)
{
	__u32 zero = 0;

	return bpf_map_lookup_elem(&counters, &zero);
}

static __always_inline struct scratch *scratch_get(void)
{
	__u32 zero = 0;

	return bpf_map_lookup_elem(&scratch_bufs, &zero);
}

static __always_inline bool syscall_interesting(__u32 id)
{
	__u8 *on = bpf_map_lookup_elem(&interesting, &id);

	return on && *on;
}

static __always_inline void count_read_failure(void)
{
	struct falco_bpf_counters *c = counters_get();

	if (c)
		c->n_read_failures++;
}

#endif /* FALCO_BPF_MAPS_H */
