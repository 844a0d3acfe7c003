/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * Assembling one event in the per-CPU scratch area and sending it to the ring buffer.
 *
 *   a = ev_begin(PPME_...);          header reserved, length array sized from the table
 *   push_s64(a, ret); ...            exactly g_event_nparams[type] parameters, in order
 *   ev_submit(a);                    header completed, event copied to the ring
 *
 * Parameters are written back to back after the length array. Every write goes to
 * data[pos & AUX_HALF_MASK] with a size below AUX_HALF, which keeps it inside the
 * AUX_BUF_SIZE area whatever pos is; an event whose pos ends above MAX_EVENT_SIZE is
 * dropped (and counted) at submission, so the masking never corrupts a sent event.
 */
#ifndef FALCO_BPF_EVENT_H
#define FALCO_BPF_EVENT_H

#include "maps.h"
#include "falco_drop.h"

static __always_inline struct aux_buf *aux_get(void)
{
	__u32 cpu = bpf_get_smp_processor_id();

	return bpf_map_lookup_elem(&aux_bufs, &cpu);
}

/* Start an event of type `type`; NULL when the probe is not configured. */
static __always_inline struct aux_buf *ev_begin(__u16 type)
{
	struct falco_bpf_settings *s = settings_get();
	struct aux_buf *a;

	if (!s || type >= PPM_EVENT_MAX)
		return NULL;
	a = aux_get();
	if (!a)
		return NULL;
	a->ts = s->boot_time + bpf_ktime_get_boot_ns();
	a->type = type;
	a->nparams = g_event_nparams[type];
	a->param = 0;
	a->pos = PPM_HEADER_LEN + 2 * a->nparams;
	return a;
}

static __always_inline void *ev_cursor(struct aux_buf *a)
{
	return &a->data[a->pos & AUX_HALF_MASK];
}

/* Record the length of the parameter just written and move past it. */
static __always_inline void ev_param_done(struct aux_buf *a, __u16 len)
{
	/* A mask rather than a check: the verifier then knows the bound for sure. */
	__u32 i = a->param & (PPM_MAX_EVENT_PARAMS - 1);

	*(__u16 *)&a->data[PPM_HEADER_LEN + 2 * i] = len;
	a->param++;
	a->pos += len;
}

static __always_inline void push_empty(struct aux_buf *a)
{
	ev_param_done(a, 0);
}

static __always_inline void push_u8(struct aux_buf *a, __u8 v)
{
	*(__u8 *)ev_cursor(a) = v;
	ev_param_done(a, sizeof(v));
}

static __always_inline void push_u16(struct aux_buf *a, __u16 v)
{
	*(__u16 *)ev_cursor(a) = v;
	ev_param_done(a, sizeof(v));
}

static __always_inline void push_u32(struct aux_buf *a, __u32 v)
{
	*(__u32 *)ev_cursor(a) = v;
	ev_param_done(a, sizeof(v));
}

static __always_inline void push_s32(struct aux_buf *a, __s32 v)
{
	push_u32(a, (__u32)v);
}

static __always_inline void push_u64(struct aux_buf *a, __u64 v)
{
	*(__u64 *)ev_cursor(a) = v;
	ev_param_done(a, sizeof(v));
}

static __always_inline void push_s64(struct aux_buf *a, __s64 v)
{
	push_u64(a, (__u64)v);
}

/*
 * A NUL-terminated string from user memory, at most `max` bytes with its NUL (max is a
 * constant below AUX_HALF). NULL or unreadable: an empty parameter. Returns the length.
 */
static __always_inline __u16 push_user_str(struct aux_buf *a, const void *p, __u32 max)
{
	long n = 0;

	if (p) {
		n = bpf_probe_read_user_str(ev_cursor(a), max, p);
		if (n < 0) {
			count_read_failure();
			n = 0;
		}
	}
	ev_param_done(a, (__u16)n);
	return (__u16)n;
}

/* The same for a string in kernel memory. */
static __always_inline __u16 push_kernel_str(struct aux_buf *a, const void *p, __u32 max)
{
	long n = 0;

	if (p) {
		n = bpf_probe_read_kernel_str(ev_cursor(a), max, p);
		if (n < 0) {
			count_read_failure();
			n = 0;
		}
	}
	ev_param_done(a, (__u16)n);
	return (__u16)n;
}

/* `len` bytes of user memory, at most `max` (at most PPM_MAX_ARG_SIZE). */
static __always_inline void push_user_buf(struct aux_buf *a, const void *p, __u64 len,
					  __u32 max)
{
	if (len > max)
		len = max;
	if (len > PPM_MAX_ARG_SIZE)
		len = PPM_MAX_ARG_SIZE;
	if (!p || !len) {
		push_empty(a);
		return;
	}
	len &= 0xffff;
	if (bpf_probe_read_user(ev_cursor(a), len, p)) {
		count_read_failure();
		len = 0;
	}
	ev_param_done(a, (__u16)len);
}

/* The drop categories are the kernel module's: one definition for both drivers. */
_Static_assert(DROP_CAT_MAX == FALCO_DROP_CATEGORIES, "drop categories differ");

static __always_inline void count_buffer_drop(struct falco_bpf_counters *c, __u16 type)
{
	__u32 cat = falco_drop_category(type);

	c->n_drops_buffer++;
	if (cat < DROP_CAT_MAX)
		c->n_drops_buffer_cat[cat]++;
}

/* Complete the header and copy the event to this CPU's ring buffer. */
static __always_inline void ev_submit(struct aux_buf *a)
{
	struct falco_bpf_counters *c = counters_get();
	struct ppm_evt_hdr *h;
	__u64 len = a->pos;
	__u32 cpu;
	void *ring;

	if (!c)
		return;
	c->n_evts++;
	if (len > MAX_EVENT_SIZE) {
		c->n_drops_max_event_size++;
		return;
	}
	h = (struct ppm_evt_hdr *)a->data;
	h->ts = a->ts;
	h->tid = bpf_get_current_pid_tgid() & 0xffffffff;
	h->len = (__u32)len;
	h->type = a->type;
	h->nparams = a->nparams;

	cpu = bpf_get_smp_processor_id();
	ring = bpf_map_lookup_elem(&ringbufs, &cpu);
	if (!ring || bpf_ringbuf_output(ring, a->data, len, BPF_RB_NO_WAKEUP))
		count_buffer_drop(c, a->type);
}

/*
 * Fixed-size events skip the scratch area: they are reserved in the ring and written
 * in place. `size` is the event's total size (PPME_<X>_SIZE).
 */
struct fixed_ev {
	__u8 *data;
	__u32 pos;
	__u32 param;
};

static __always_inline bool fixed_begin(struct fixed_ev *f, __u16 type, __u32 size)
{
	struct falco_bpf_settings *s = settings_get();
	struct falco_bpf_counters *c = counters_get();
	struct ppm_evt_hdr *h;
	__u32 cpu;
	void *ring;

	if (!s || !c)
		return false;
	c->n_evts++;
	cpu = bpf_get_smp_processor_id();
	ring = bpf_map_lookup_elem(&ringbufs, &cpu);
	if (!ring) {
		count_buffer_drop(c, type);
		return false;
	}
	f->data = bpf_ringbuf_reserve(ring, size, 0);
	if (!f->data) {
		count_buffer_drop(c, type);
		return false;
	}
	h = (struct ppm_evt_hdr *)f->data;
	h->ts = s->boot_time + bpf_ktime_get_boot_ns();
	h->tid = bpf_get_current_pid_tgid() & 0xffffffff;
	h->len = size;
	h->type = type;
	h->nparams = g_event_nparams[type];
	f->param = 0;
	f->pos = PPM_HEADER_LEN + 2 * g_event_nparams[type];
	return true;
}

#define DEFINE_FIXED_PUSH(name, type)                                            \
	static __always_inline void name(struct fixed_ev *f, type v)             \
	{                                                                        \
		__builtin_memcpy(&f->data[PPM_HEADER_LEN + 2 * f->param],        \
				 &(__u16){ sizeof(type) }, 2);                   \
		__builtin_memcpy(&f->data[f->pos], &v, sizeof(type));            \
		f->param++;                                                      \
		f->pos += sizeof(type);                                          \
	}

DEFINE_FIXED_PUSH(fixed_u8, __u8)
DEFINE_FIXED_PUSH(fixed_u16, __u16)
DEFINE_FIXED_PUSH(fixed_u32, __u32)
DEFINE_FIXED_PUSH(fixed_u64, __u64)
DEFINE_FIXED_PUSH(fixed_s64, __s64)

static __always_inline void fixed_submit(struct fixed_ev *f)
{
	bpf_ringbuf_submit(f->data, BPF_RB_NO_WAKEUP);
}

#endif /* FALCO_BPF_EVENT_H */
