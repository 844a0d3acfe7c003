/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * File descriptors: the struct file behind an fd of the current task, its device and
 * inode, and for sockets the SOCKADDR and SOCKTUPLE parameters.
 *
 * SOCKADDR:  u8 family, then INET: ipv4[4] port[2]; INET6: ipv6[16] port[2]; UNIX: path.
 * SOCKTUPLE: u8 family, then INET: sip[4] sport[2] dip[4] dport[2];
 *            INET6: sip[16] sport[2] dip[16] dport[2]; UNIX: u64 src, u64 dst, path.
 * Addresses are in network order, ports in host order. Outbound tuples (connect, send)
 * put the local end first, inbound tuples (accept, receive) the remote end.
 */
#ifndef FALCO_BPF_FDS_H
#define FALCO_BPF_FDS_H

#include "task.h"

static __always_inline struct file *fd_file(__s64 fd)
{
	struct task_struct *t = current_task();
	struct fdtable *fdt;
	struct file **fds;
	struct file *f = NULL;

	if (fd < 0)
		return NULL;
	fdt = BPF_CORE_READ(t, files, fdt);
	if (!fdt || fd >= BPF_CORE_READ(fdt, max_fds))
		return NULL;
	fds = BPF_CORE_READ(fdt, fd);
	if (!fds)
		return NULL;
	bpf_probe_read_kernel(&f, sizeof(f), &fds[fd]);
	return f;
}

static __always_inline void file_dev_ino(struct file *f, __u32 *dev, __u64 *ino)
{
	struct inode *inode;

	*dev = 0;
	*ino = 0;
	if (!f)
		return;
	inode = BPF_CORE_READ(f, f_inode);
	if (!inode)
		return;
	*ino = BPF_CORE_READ(inode, i_ino);
	*dev = encode_dev(BPF_CORE_READ(inode, i_sb, s_dev));
}

static __always_inline struct socket *file_socket(struct file *f)
{
	struct inode *inode;

	if (!f)
		return NULL;
	inode = BPF_CORE_READ(f, f_inode);
	if (!inode || (BPF_CORE_READ(inode, i_mode) & S_IFMT) != S_IFSOCK)
		return NULL;
	return BPF_CORE_READ(f, private_data);
}

static __always_inline struct sock *fd_sock(__s64 fd)
{
	struct socket *sock = file_socket(fd_file(fd));

	if (!sock)
		return NULL;
	return BPF_CORE_READ(sock, sk);
}

static __always_inline __u8 family_to_ppm(__u16 family)
{
	switch (family) {
	case AF_INET:
		return PPM_AF_INET;
	case AF_INET6:
		return PPM_AF_INET6;
	case AF_UNIX:
		return PPM_AF_UNIX;
	case AF_NETLINK:
		return PPM_AF_NETLINK;
	case AF_PACKET:
		return PPM_AF_PACKET;
	default:
		/* PPM_AF_* are the kernel's AF_* values below 40. */
		return family < 40 ? (__u8)family : PPM_AF_UNSPEC;
	}
}

/* Byte-level writers at an offset from the cursor of the parameter being written. */
static __always_inline void put_u8(struct aux_buf *a, __u32 off, __u8 v)
{
	a->data[(a->pos + off) & AUX_HALF_MASK] = v;
}

static __always_inline void put_u16(struct aux_buf *a, __u32 off, __u16 v)
{
	*(__u16 *)&a->data[(a->pos + off) & AUX_HALF_MASK] = v;
}

static __always_inline void put_u32(struct aux_buf *a, __u32 off, __u32 v)
{
	*(__u32 *)&a->data[(a->pos + off) & AUX_HALF_MASK] = v;
}

static __always_inline void put_u64(struct aux_buf *a, __u32 off, __u64 v)
{
	*(__u64 *)&a->data[(a->pos + off) & AUX_HALF_MASK] = v;
}

static __always_inline void put_kernel(struct aux_buf *a, __u32 off, const void *src, __u32 len)
{
	bpf_probe_read_kernel(&a->data[(a->pos + off) & AUX_HALF_MASK], len & 63, src);
}

/* A unix socket path as a string at `off`, the leading NUL of abstract names skipped. */
static __always_inline __u32 put_unix_path(struct aux_buf *a, __u32 off, const char *path)
{
	char first = 0;
	long n;

	if (!path)
		goto empty;
	bpf_probe_read_kernel(&first, 1, path);
	if (!first)
		path++;
	n = bpf_probe_read_kernel_str(&a->data[(a->pos + off) & AUX_HALF_MASK],
				      UNIX_PATH_MAX, path);
	if (n > 0)
		return n;
empty:
	put_u8(a, off, 0);
	return 1;
}

/* A sockaddr from user memory (connect, bind, sendto...): SOCKADDR parameter. */
static __noinline int push_sockaddr_user(struct aux_buf *a, const void *uaddr, __u32 addrlen)
{
	struct scratch *s = scratch_get();
	__u16 family;

	if (!a)
		return 0;
	if (!s || !uaddr || addrlen < 2) {
		push_empty(a);
		return 0;
	}
	if (addrlen > MAX_SOCKADDR)
		addrlen = MAX_SOCKADDR;
	__builtin_memset(s->data, 0, MAX_SOCKADDR + 8);
	barrier_var(addrlen);
	addrlen &= MAX_SOCKADDR * 2 - 1;
	if (bpf_probe_read_user(s->data, addrlen, uaddr)) {
		count_read_failure();
		push_empty(a);
		return 0;
	}
	family = *(__u16 *)s->data;
	switch (family) {
	case AF_INET: {
		struct sockaddr_in *in = (void *)s->data;

		put_u8(a, 0, PPM_AF_INET);
		put_u32(a, 1, in->sin_addr.s_addr);
		put_u16(a, 5, bpf_ntohs(in->sin_port));
		ev_param_done(a, 7);
		break;
	}
	case AF_INET6: {
		struct sockaddr_in6 *in6 = (void *)s->data;

		put_u8(a, 0, PPM_AF_INET6);
		put_kernel(a, 1, &in6->sin6_addr, 16);
		put_u16(a, 17, bpf_ntohs(in6->sin6_port));
		ev_param_done(a, 19);
		break;
	}
	case AF_UNIX: {
		struct sockaddr_un *un = (void *)s->data;
		__u32 n;

		put_u8(a, 0, PPM_AF_UNIX);
		n = put_unix_path(a, 1, un->sun_path);
		ev_param_done(a, 1 + n);
		break;
	}
	default:
		push_empty(a);
		break;
	}
	return 0;
}

/*
 * SOCKTUPLE of the socket behind `fd`. A user address (`uaddr`, may be NULL) stands for
 * the remote end when the socket has none (unconnected datagram sockets).
 */
static __noinline int push_socktuple(struct aux_buf *a, __s64 fd, bool inbound,
				     const void *uaddr, __u32 addrlen)
{
	struct sock *sk;
	__u16 family;

	if (!a)
		return 0;
	sk = fd_sock(fd);
	if (!sk) {
		push_empty(a);
		return 0;
	}
	family = BPF_CORE_READ(sk, __sk_common.skc_family);
	switch (family) {
	case AF_INET: {
		__u32 laddr = BPF_CORE_READ(sk, __sk_common.skc_rcv_saddr);
		__u16 lport = BPF_CORE_READ(sk, __sk_common.skc_num);
		__u32 raddr = BPF_CORE_READ(sk, __sk_common.skc_daddr);
		__u16 rport = bpf_ntohs(BPF_CORE_READ(sk, __sk_common.skc_dport));

		if (!raddr && !rport && uaddr && addrlen >= sizeof(struct sockaddr_in)) {
			struct sockaddr_in in = {};

			if (!bpf_probe_read_user(&in, sizeof(in), uaddr) &&
			    in.sin_family == AF_INET) {
				raddr = in.sin_addr.s_addr;
				rport = bpf_ntohs(in.sin_port);
			}
		}
		put_u8(a, 0, PPM_AF_INET);
		if (inbound) {
			put_u32(a, 1, raddr);
			put_u16(a, 5, rport);
			put_u32(a, 7, laddr);
			put_u16(a, 11, lport);
		} else {
			put_u32(a, 1, laddr);
			put_u16(a, 5, lport);
			put_u32(a, 7, raddr);
			put_u16(a, 11, rport);
		}
		ev_param_done(a, 13);
		break;
	}
	case AF_INET6: {
		struct in6_addr laddr = BPF_CORE_READ(sk, __sk_common.skc_v6_rcv_saddr);
		struct in6_addr raddr = BPF_CORE_READ(sk, __sk_common.skc_v6_daddr);
		__u16 lport = BPF_CORE_READ(sk, __sk_common.skc_num);
		__u16 rport = bpf_ntohs(BPF_CORE_READ(sk, __sk_common.skc_dport));

		if (!rport && uaddr && addrlen >= sizeof(struct sockaddr_in6)) {
			struct sockaddr_in6 in6 = {};

			if (!bpf_probe_read_user(&in6, sizeof(in6), uaddr) &&
			    in6.sin6_family == AF_INET6) {
				raddr = in6.sin6_addr;
				rport = bpf_ntohs(in6.sin6_port);
			}
		}
		put_u8(a, 0, PPM_AF_INET6);
		if (inbound) {
			put_kernel(a, 1, &raddr, 16);
			put_u16(a, 17, rport);
			put_kernel(a, 19, &laddr, 16);
			put_u16(a, 35, lport);
		} else {
			put_kernel(a, 1, &laddr, 16);
			put_u16(a, 17, lport);
			put_kernel(a, 19, &raddr, 16);
			put_u16(a, 35, rport);
		}
		ev_param_done(a, 37);
		break;
	}
	case AF_UNIX: {
		struct unix_sock *us = (struct unix_sock *)sk;
		struct sock *peer = BPF_CORE_READ(us, peer);
		struct unix_address *ua;
		__u32 n;

		put_u8(a, 0, PPM_AF_UNIX);
		if (inbound) {
			put_u64(a, 1, (__u64)peer);
			put_u64(a, 9, (__u64)sk);
			ua = BPF_CORE_READ(us, addr);
		} else {
			put_u64(a, 1, (__u64)sk);
			put_u64(a, 9, (__u64)peer);
			ua = peer ? BPF_CORE_READ((struct unix_sock *)peer, addr) : NULL;
		}
		n = put_unix_path(a, 17, ua ? (const char *)&ua->name[0].sun_path : NULL);
		ev_param_done(a, 17 + n);
		break;
	}
	default:
		push_empty(a);
		break;
	}
	return 0;
}

#endif /* FALCO_BPF_FDS_H */
