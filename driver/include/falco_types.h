/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * Integer types and attributes for the generated headers (falco_*.gen.h).
 *
 * Hand-written, not generated. The generated headers use the kernel's fixed-width
 * names (__u8, __u16, __u32, __u64, __s64) so the same text compiles in three places:
 *
 *   kernel module        __KERNEL__ is defined: the types come from <linux/types.h>.
 *   eBPF probe (CO-RE)   vmlinux.h, included first, already declares them.
 *   userspace / tests    C99 <stdint.h>, unless <linux/types.h> was included first.
 *
 * A userspace file that needs both this header and <linux/types.h> includes the latter
 * first.
 */
#ifndef FALCO_TYPES_H
#define FALCO_TYPES_H

#if defined(__KERNEL__)
#include <linux/types.h>
#elif defined(__VMLINUX_H__)
/* vmlinux.h declares the kernel's types. */
#elif defined(_LINUX_TYPES_H)
/* <linux/types.h> was included already. */
#else
#include <stdint.h>
typedef uint8_t __u8;
typedef uint16_t __u16;
typedef uint32_t __u32;
typedef uint64_t __u64;
typedef int8_t __s8;
typedef int16_t __s16;
typedef int32_t __s32;
typedef int64_t __s64;
#endif

/* No padding between members: the layout is the wire format. */
#define FALCO_PACKED __attribute__((packed))

/* Tables in headers: not every file that includes them uses them. */
#define FALCO_UNUSED __attribute__((unused))

#endif /* FALCO_TYPES_H */
