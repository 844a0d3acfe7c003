// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * Sockets: creation, bind, connect, listen, accept, socketpair and the datagram and
 * message I/O calls. Tuples and addresses are encoded by fds.h.
 */
#include "common.h"

#define EINPROGRESS 115
#define MAX_IOVECS 8

EXIT_PROG(ppme_socket_socket_x)
{
	struct fixed_ev f;
	__u32 type = sc_arg(regs, 1);

	if (!fixed_begin(&f, PPME_SOCKET_SOCKET_X, PPME_SOCKET_SOCKET_X_SIZE))
		return 0;
	fixed_s64(&f, ret);
	fixed_u32(&f, family_to_ppm(sc_arg(regs, 0)));
	fixed_u32(&f, type);
	fixed_u32(&f, sc_arg(regs, 2));
	fixed_u32(&f, fd_flags_to_ppm(type));
	fixed_submit(&f);
	return 0;
}

EXIT_PROG(ppme_socket_bind_x)
{
	struct aux_buf *a = ev_begin(PPME_SOCKET_BIND_X);

	if (!a)
		return 0;
	push_s64(a, ret);
	push_sockaddr_user(a, (const void *)sc_arg(regs, 1), sc_arg(regs, 2));
	push_s64(a, sc_fd(regs, 0));
	ev_submit(a);
	return 0;
}

EXIT_PROG(ppme_socket_connect_x)
{
	struct aux_buf *a = ev_begin(PPME_SOCKET_CONNECT_X);
	__s64 fd = sc_fd(regs, 0);

	if (!a)
		return 0;
	push_s64(a, ret);
	if (ret == 0 || ret == -EINPROGRESS)
		push_socktuple(a, fd, false, NULL, 0);
	else
		push_empty(a);
	push_s64(a, fd);
	push_sockaddr_user(a, (const void *)sc_arg(regs, 1), sc_arg(regs, 2));
	ev_submit(a);
	return 0;
}

EXIT_PROG(ppme_socket_listen_x)
{
	struct fixed_ev f;

	if (!fixed_begin(&f, PPME_SOCKET_LISTEN_X, PPME_SOCKET_LISTEN_X_SIZE))
		return 0;
	fixed_s64(&f, ret);
	fixed_s64(&f, sc_fd(regs, 0));
	fixed_u32(&f, (__u32)sc_arg(regs, 1));
	fixed_submit(&f);
	return 0;
}

/* fd, tuple, queuepct, queuelen, queuemax (accept, accept4). */
static __always_inline void accept_exit(struct pt_regs *regs, long ret, __u16 type, bool flags)
{
	struct aux_buf *a = ev_begin(type);
	struct sock *lsk = fd_sock(sc_fd(regs, 0));
	__u32 qlen = 0, qmax = 0;
	__u8 pct = 0;

	if (!a)
		return;
	if (lsk) {
		qlen = BPF_CORE_READ(lsk, sk_ack_backlog);
		qmax = BPF_CORE_READ(lsk, sk_max_ack_backlog);
		if (qmax)
			pct = (__u8)((qlen * 100) / qmax);
	}
	push_s64(a, ret);
	if (ret >= 0)
		push_socktuple(a, ret, true, NULL, 0);
	else
		push_empty(a);
	push_u8(a, pct);
	push_u32(a, qlen);
	push_u32(a, qmax);
	if (flags)
		push_s32(a, fd_flags_to_ppm(sc_arg(regs, 3)));
	ev_submit(a);
}

EXIT_PROG(ppme_socket_accept_5_x)
{
	accept_exit(regs, ret, PPME_SOCKET_ACCEPT_5_X, false);
	return 0;
}

EXIT_PROG(ppme_socket_accept4_6_x)
{
	accept_exit(regs, ret, PPME_SOCKET_ACCEPT4_6_X, true);
	return 0;
}

EXIT_PROG(ppme_socket_socketpair_x)
{
	struct fixed_ev f;
	__s32 fds[2] = { -1, -1 };
	__u64 src = 0, peer = 0;

	if (ret == 0) {
		struct sock *sk;

		if (bpf_probe_read_user(fds, sizeof(fds), (const void *)sc_arg(regs, 3)))
			count_read_failure();
		sk = fd_sock(fds[0]);
		if (sk) {
			src = (__u64)sk;
			peer = (__u64)BPF_CORE_READ((struct unix_sock *)sk, peer);
		}
	}
	if (!fixed_begin(&f, PPME_SOCKET_SOCKETPAIR_X, PPME_SOCKET_SOCKETPAIR_X_SIZE))
		return 0;
	fixed_s64(&f, ret);
	fixed_s64(&f, fds[0]);
	fixed_s64(&f, fds[1]);
	fixed_u64(&f, src);
	fixed_u64(&f, peer);
	fixed_u32(&f, family_to_ppm(sc_arg(regs, 0)));
	fixed_u32(&f, sc_arg(regs, 1));
	fixed_u32(&f, sc_arg(regs, 2));
	fixed_submit(&f);
	return 0;
}

EXIT_PROG(ppme_socket_sendto_x)
{
	struct aux_buf *a = ev_begin(PPME_SOCKET_SENDTO_X);
	__u64 size = sc_arg(regs, 2);
	__s64 fd = sc_fd(regs, 0);

	if (!a)
		return 0;
	push_s64(a, ret);
	push_user_buf(a, (const void *)sc_arg(regs, 1), ret > 0 ? ret : size, snaplen());
	push_s64(a, fd);
	push_u32(a, size);
	if (ret >= 0)
		push_socktuple(a, fd, false, (const void *)sc_arg(regs, 4), sc_arg(regs, 5));
	else
		push_empty(a);
	ev_submit(a);
	return 0;
}

EXIT_PROG(ppme_socket_recvfrom_x)
{
	struct aux_buf *a = ev_begin(PPME_SOCKET_RECVFROM_X);
	__s64 fd = sc_fd(regs, 0);
	const void *uaddr = (const void *)sc_arg(regs, 4);
	const void *ulen = (const void *)sc_arg(regs, 5);
	__u32 addrlen = 0;

	if (!a)
		return 0;
	push_s64(a, ret);
	if (ret > 0) {
		push_user_buf(a, (const void *)sc_arg(regs, 1), ret, snaplen());
		if (uaddr && ulen && bpf_probe_read_user(&addrlen, sizeof(addrlen), ulen))
			addrlen = 0;
		push_socktuple(a, fd, true, uaddr, addrlen);
	} else {
		push_empty(a);
		push_empty(a);
	}
	push_s64(a, fd);
	push_u32(a, sc_arg(regs, 2));
	ev_submit(a);
	return 0;
}

/*
 * The data of an iovec array, at most `limit` bytes (and `avail`, the bytes the call
 * transferred), concatenated into one BYTEBUF parameter.
 */
static __noinline int push_iovec_data(struct aux_buf *a, const struct iovec *uiov,
				      __u64 iovcnt, __u64 avail, __u32 limit)
{
	__u32 total = 0;
	int i;

	if (!a)
		return 0;
	if (avail < limit)
		limit = avail;
	for (i = 0; i < MAX_IOVECS && uiov; i++) {
		struct iovec iov;
		__u32 n;

		if (i >= iovcnt || total >= limit)
			break;
		if (bpf_probe_read_user(&iov, sizeof(iov), &uiov[i])) {
			count_read_failure();
			break;
		}
		n = iov.iov_len < limit - total ? iov.iov_len : limit - total;
		if (bpf_probe_read_user(&a->data[(a->pos + total) & AUX_HALF_MASK],
					n & 0xffff, iov.iov_base)) {
			count_read_failure();
			break;
		}
		total += n & 0xffff;
	}
	ev_param_done(a, (__u16)total);
	return 0;
}

static __always_inline __u64 iovec_total(const struct iovec *uiov, __u64 iovcnt)
{
	__u64 total = 0;
	int i;

	for (i = 0; i < MAX_IOVECS && uiov; i++) {
		struct iovec iov;

		if (i >= iovcnt || bpf_probe_read_user(&iov, sizeof(iov), &uiov[i]))
			break;
		total += iov.iov_len;
	}
	return total;
}

EXIT_PROG(ppme_socket_sendmsg_x)
{
	struct aux_buf *a = ev_begin(PPME_SOCKET_SENDMSG_X);
	const struct user_msghdr *umsg = (const void *)sc_arg(regs, 1);
	__s64 fd = sc_fd(regs, 0);
	struct user_msghdr msg;

	if (!a)
		return 0;
	__builtin_memset(&msg, 0, sizeof(msg));
	if (umsg && bpf_probe_read_user(&msg, sizeof(msg), umsg))
		count_read_failure();
	push_s64(a, ret);
	push_iovec_data(a, msg.msg_iov, msg.msg_iovlen,
			ret > 0 ? ret : iovec_total(msg.msg_iov, msg.msg_iovlen), snaplen());
	push_s64(a, fd);
	push_u32(a, iovec_total(msg.msg_iov, msg.msg_iovlen));
	if (ret >= 0)
		push_socktuple(a, fd, false, msg.msg_name, msg.msg_namelen);
	else
		push_empty(a);
	ev_submit(a);
	return 0;
}

EXIT_PROG(ppme_socket_recvmsg_x)
{
	struct aux_buf *a = ev_begin(PPME_SOCKET_RECVMSG_X);
	const struct user_msghdr *umsg = (const void *)sc_arg(regs, 1);
	__s64 fd = sc_fd(regs, 0);
	struct user_msghdr msg;

	if (!a)
		return 0;
	__builtin_memset(&msg, 0, sizeof(msg));
	push_s64(a, ret);
	if (ret >= 0) {
		if (umsg && bpf_probe_read_user(&msg, sizeof(msg), umsg))
			count_read_failure();
		push_u32(a, ret);
		push_iovec_data(a, msg.msg_iov, msg.msg_iovlen, ret, snaplen());
		push_socktuple(a, fd, true, msg.msg_name, msg.msg_namelen);
		if (msg.msg_control && msg.msg_controllen > 0 && msg.msg_controllen <= 0xffff)
			push_user_buf(a, msg.msg_control, msg.msg_controllen, PPM_MAX_ARG_SIZE);
		else
			push_empty(a);
	} else {
		push_u32(a, 0);
		push_empty(a);
		push_empty(a);
		push_empty(a);
	}
	push_s64(a, fd);
	ev_submit(a);
	return 0;
}
