//! Seeding the state from a live system's `/proc` (libscap's proc scan), with the `procfs`
//! crate: every thread with its ids, names, arguments, environment, cwd, credentials,
//! capabilities, cgroups, login uid and tty; every fd of every process, sockets resolved
//! through `/proc/net/{tcp,tcp6,udp,udp6,raw,raw6,unix,netlink}`; users and groups from
//! `/etc`.

use std::collections::HashMap;
use std::path::Path;

use procfs::process::{FDTarget, Process};

use super::fd::{flag, kind, l4, Fd};
use super::thread::{cl, Thread};
use super::State;

/// A socket of `/proc/net`, by inode.
enum NetSock {
    V4 {
        local: ([u8; 4], u16),
        remote: ([u8; 4], u16),
        l4: u8,
        listen: bool,
    },
    V6 {
        local: ([u8; 16], u16),
        remote: ([u8; 16], u16),
        l4: u8,
        listen: bool,
    },
    Unix(Vec<u8>),
    Netlink,
}

fn ip_entry(
    out: &mut HashMap<u64, NetSock>,
    inode: u64,
    local: std::net::SocketAddr,
    remote: std::net::SocketAddr,
    proto: u8,
    listen: bool,
) {
    use std::net::SocketAddr::{V4, V6};
    match (local, remote) {
        (V4(l), V4(r)) => {
            out.insert(
                inode,
                NetSock::V4 {
                    local: (l.ip().octets(), l.port()),
                    remote: (r.ip().octets(), r.port()),
                    l4: proto,
                    listen,
                },
            );
        }
        (V6(l), V6(r)) => {
            out.insert(
                inode,
                NetSock::V6 {
                    local: (l.ip().octets(), l.port()),
                    remote: (r.ip().octets(), r.port()),
                    l4: proto,
                    listen,
                },
            );
        }
        _ => {}
    }
}

fn net_sockets(proc_root: &Path) -> HashMap<u64, NetSock> {
    use procfs::net::{TcpNetEntries, TcpState, UdpNetEntries};
    use procfs::FromBufReadSI;
    let mut out = HashMap::new();
    let si = procfs::current_system_info();
    let open = |name: &str| {
        std::fs::File::open(proc_root.join("net").join(name))
            .ok()
            .map(std::io::BufReader::new)
    };
    for name in ["tcp", "tcp6"] {
        if let Some(r) = open(name) {
            if let Ok(entries) = TcpNetEntries::from_buf_read(r, si) {
                for e in entries.0 {
                    let listen = e.state == TcpState::Listen;
                    ip_entry(
                        &mut out,
                        e.inode,
                        e.local_address,
                        e.remote_address,
                        l4::TCP,
                        listen,
                    );
                }
            }
        }
    }
    for (name, proto) in [
        ("udp", l4::UDP),
        ("udp6", l4::UDP),
        ("raw", l4::RAW),
        ("raw6", l4::RAW),
    ] {
        if let Some(r) = open(name) {
            if let Ok(entries) = UdpNetEntries::from_buf_read(r, si) {
                for e in entries.0 {
                    ip_entry(
                        &mut out,
                        e.inode,
                        e.local_address,
                        e.remote_address,
                        proto,
                        false,
                    );
                }
            }
        }
    }
    if let Some(r) = open("unix") {
        if let Ok(entries) = <procfs::net::UnixNetEntries as procfs::FromBufRead>::from_buf_read(r)
        {
            for e in entries.0 {
                let path = e
                    .path
                    .map(|p| p.as_os_str().as_encoded_bytes().to_vec())
                    .unwrap_or_default();
                out.insert(e.inode, NetSock::Unix(path));
            }
        }
    }
    if let Ok(text) = std::fs::read_to_string(proc_root.join("net/netlink")) {
        for line in text.lines().skip(1) {
            if let Some(ino) = line.split_whitespace().nth(9).and_then(|s| s.parse().ok()) {
                out.insert(ino, NetSock::Netlink);
            }
        }
    }
    out
}

fn socket_fd(sock: Option<&NetSock>, ino: u64) -> Fd {
    let mut f = Fd::new(kind::UNKNOWN);
    f.ino = ino;
    f.flags = flag::FROM_PROC;
    match sock {
        Some(NetSock::V4 {
            local,
            remote,
            l4,
            listen,
        }) => {
            if *listen || (remote.0 == [0; 4] && remote.1 == 0 && *l4 != super::l4::TCP) {
                f.ty = kind::IPV4_SERVSOCK;
                f.sock.srv_ip[..4].copy_from_slice(&local.0);
                f.sock.srv_port = local.1;
                f.sock.l4proto = *l4;
                super::fd::write_v4(local.0, &mut f.name);
                f.name.push(b':');
                super::fd::write_port(local.1, &mut f.name);
            } else {
                f.ty = kind::IPV4_SOCK;
                f.sock.sip[..4].copy_from_slice(&local.0);
                f.sock.sport = local.1;
                f.sock.dip[..4].copy_from_slice(&remote.0);
                f.sock.dport = remote.1;
                f.sock.l4proto = *l4;
                if *l4 == super::l4::TCP {
                    f.flags |= flag::SOCKET_CONNECTED;
                }
                super::fd::write_v4_tuple(&f.sock, &mut f.name);
            }
        }
        Some(NetSock::V6 {
            local,
            remote,
            l4,
            listen,
        }) => {
            if *listen || (remote.0 == [0; 16] && remote.1 == 0 && *l4 != super::l4::TCP) {
                f.ty = kind::IPV6_SERVSOCK;
                f.sock.srv_ip = local.0;
                f.sock.srv_port = local.1;
                f.sock.l4proto = *l4;
                super::fd::write_v6(&local.0, &mut f.name);
                f.name.push(b':');
                super::fd::write_port(local.1, &mut f.name);
            } else {
                f.ty = kind::IPV6_SOCK;
                f.sock.sip = local.0;
                f.sock.sport = local.1;
                f.sock.dip = remote.0;
                f.sock.dport = remote.1;
                f.sock.l4proto = *l4;
                if *l4 == super::l4::TCP {
                    f.flags |= flag::SOCKET_CONNECTED;
                }
                super::fd::write_v6_tuple(&f.sock, &mut f.name);
            }
        }
        Some(NetSock::Unix(path)) => {
            f.ty = kind::UNIX_SOCK;
            f.name = path.clone();
            if f.name.is_empty() {
                f.set_role_client();
            } else {
                f.set_role_server();
            }
        }
        Some(NetSock::Netlink) => f.ty = kind::NETLINK,
        None => {}
    }
    f
}

/// The fds of process `p`.
/// `flags` (octal) and `ino` of `/proc/PID/fdinfo/FD`.
fn read_fdinfo(proc_root: &Path, pid: i32, fd: i32) -> Option<(u32, u64)> {
    let text = std::fs::read_to_string(proc_root.join(format!("{pid}/fdinfo/{fd}"))).ok()?;
    let mut flags = None;
    let mut ino = 0;
    for line in text.lines() {
        if let Some(v) = line.strip_prefix("flags:") {
            flags = u32::from_str_radix(v.trim(), 8).ok();
        } else if let Some(v) = line.strip_prefix("ino:") {
            ino = v.trim().parse().unwrap_or(0);
        }
    }
    Some((flags?, ino))
}

fn process_fds(
    proc_root: &Path,
    p: &Process,
    socks: &HashMap<u64, NetSock>,
    max: usize,
) -> super::FdTable {
    let mut out = super::FdTable::default();
    let Ok(fds) = p.fd() else {
        return out;
    };
    for fdi in fds.flatten() {
        if out.len() >= max {
            break;
        }
        let fdn = fdi.fd as i64;
        let f = match &fdi.target {
            FDTarget::Path(path) => {
                let mut f = Fd::new(kind::FILE_V2);
                f.flags = flag::FROM_PROC;
                f.name = path.as_os_str().as_encoded_bytes().to_vec();
                if let Some((flags, ino)) = read_fdinfo(proc_root, p.pid, fdi.fd) {
                    f.openflags = open_flags_to_ppm(flags);
                    f.ino = ino;
                }
                if path.is_dir() {
                    f.ty = kind::DIRECTORY;
                }
                f
            }
            FDTarget::Socket(ino) => socket_fd(socks.get(ino), *ino),
            FDTarget::Pipe(ino) => {
                let mut f = Fd::new(kind::FIFO);
                f.flags = flag::FROM_PROC;
                f.ino = *ino;
                f
            }
            FDTarget::AnonInode(what) => {
                let ty = match what.as_str() {
                    "[eventfd]" => kind::EVENT,
                    "[signalfd]" => kind::SIGNALFD,
                    "[eventpoll]" => kind::EVENTPOLL,
                    "inotify" => kind::INOTIFY,
                    "[timerfd]" => kind::TIMERFD,
                    "bpf-map" | "bpf-prog" | "bpf_link" | "bpf-link" => kind::BPF,
                    "[userfaultfd]" => kind::USERFAULTFD,
                    "[io_uring]" => kind::IOURING,
                    "[pidfd]" => kind::PIDFD,
                    _ => kind::UNSUPPORTED,
                };
                let mut f = Fd::new(ty);
                f.flags = flag::FROM_PROC;
                f.name = format!("anon_inode:{what}").into_bytes();
                f
            }
            FDTarget::MemFD(name) => {
                let mut f = Fd::new(kind::MEMFD);
                f.flags = flag::FROM_PROC;
                f.name = format!("/memfd:{name}").into_bytes();
                f
            }
            FDTarget::Net(ino) => {
                let mut f = Fd::new(kind::UNSUPPORTED);
                f.ino = *ino;
                f
            }
            FDTarget::Other(..) => Fd::new(kind::UNSUPPORTED),
        };
        out.insert(fdn, f);
    }
    out
}

/// Kernel open flags (`O_*`, octal, from /proc/PID/fdinfo) as `PPM_O_*`.
fn open_flags_to_ppm(k: u32) -> u32 {
    let mut r = match k & 0o3 {
        0 => 1,
        1 => 2,
        _ => 3,
    };
    for (kf, pf) in [
        (0o100, 1 << 2),      // O_CREAT
        (0o200, 1 << 5),      // O_EXCL
        (0o1000, 1 << 8),     // O_TRUNC
        (0o2000, 1 << 3),     // O_APPEND
        (0o4000, 1 << 6),     // O_NONBLOCK
        (0o10000, 1 << 4),    // O_DSYNC
        (0o40000, 1 << 9),    // O_DIRECT
        (0o100000, 1 << 11),  // O_LARGEFILE
        (0o200000, 1 << 10),  // O_DIRECTORY
        (0o2000000, 1 << 12), // O_CLOEXEC
        (0o4010000, 1 << 7),  // O_SYNC
    ] {
        if k & kf == kf {
            r |= pf;
        }
    }
    r
}

/// One thread of process `p` (`task` is the thread's own view).
fn thread_of(main: &Process, task: &Process, pid: i64, tid: i64) -> Option<Thread> {
    let stat = task.stat().ok()?;
    let mut t = Thread::new(tid);
    t.pid = pid;
    t.ptid = stat.ppid as i64;
    t.sid = stat.session as i64;
    t.vpgid = stat.pgrp as i64;
    t.pgid = stat.pgrp as i64;
    t.comm = stat.comm.clone().into_bytes();
    t.tty = stat.tty_nr as u32;
    t.pfmajor = stat.majflt;
    t.pfminor = stat.minflt;
    if let Ok(cmd) = main.cmdline() {
        if let Some((first, rest)) = cmd.split_first() {
            t.exe = first.clone().into_bytes();
            let mut raw = Vec::new();
            for a in rest {
                raw.extend_from_slice(a.as_bytes());
                raw.push(0);
            }
            t.set_args(&raw);
        }
    }
    if t.exe.is_empty() {
        t.exe.clone_from(&t.comm);
    }
    if let Ok(exe) = main.exe() {
        let p = exe.as_os_str().as_encoded_bytes();
        let p = p.strip_suffix(b" (deleted)").unwrap_or(p);
        t.exepath = p.to_vec();
    }
    if let Ok(status) = task.status() {
        t.uid = status.euid;
        t.gid = status.egid;
        t.cap_effective = status.capeff;
        t.cap_permitted = status.capprm;
        t.cap_inheritable = status.capinh;
        if let Some(ns) = status.nstgid.as_ref().and_then(|v| v.last()) {
            t.vpid = *ns as i64;
        }
        if let Some(ns) = status.nspid.as_ref().and_then(|v| v.last()) {
            t.vtid = *ns as i64;
        }
        t.vmsize_kb = status.vmsize.unwrap_or(0) as u32;
        t.vmrss_kb = status.vmrss.unwrap_or(0) as u32;
        t.vmswap_kb = status.vmswap.unwrap_or(0) as u32;
    }
    if let Ok(login) = task.loginuid() {
        t.loginuid = login;
    }
    if let Ok(limits) = main.limits() {
        t.fdlimit = match limits.max_open_files.soft_limit {
            procfs::process::LimitValue::Value(v) => v as i64,
            procfs::process::LimitValue::Unlimited => -1,
        };
    }
    if let Ok(cgroups) = task.cgroups() {
        let mut raw = Vec::new();
        for cg in cgroups.0 {
            let subsys = if cg.controllers.is_empty() {
                continue;
            } else {
                cg.controllers.join(",")
            };
            for s in subsys.split(',') {
                raw.extend_from_slice(s.as_bytes());
                raw.push(b'=');
                raw.extend_from_slice(cg.pathname.as_bytes());
                raw.push(0);
            }
        }
        if raw.is_empty() {
            // cgroup v2: one unified hierarchy, reported as every controller.
            if let Ok(cgroups) = task.cgroups() {
                if let Some(cg) = cgroups.0.first() {
                    for s in ["cpuset", "cpu", "memory", "pids"] {
                        raw.extend_from_slice(s.as_bytes());
                        raw.push(b'=');
                        raw.extend_from_slice(cg.pathname.as_bytes());
                        raw.push(0);
                    }
                }
            }
        }
        t.set_cgroups(&raw);
    }
    if let Ok(root) = main.root() {
        t.root = root.as_os_str().as_encoded_bytes().to_vec();
    }
    if pid == tid {
        if let Ok(env) = main.environ() {
            let mut raw = Vec::new();
            let mut keys: Vec<_> = env.into_iter().collect();
            keys.sort();
            for (k, v) in keys {
                raw.extend_from_slice(k.as_encoded_bytes());
                raw.push(b'=');
                raw.extend_from_slice(v.as_encoded_bytes());
                raw.push(0);
            }
            t.set_env(&raw);
        }
        if let Ok(cwd) = main.cwd() {
            let mut c = cwd.as_os_str().as_encoded_bytes().to_vec();
            if c.last() != Some(&b'/') {
                c.push(b'/');
            }
            t.cwd = c;
        }
    } else {
        t.flags |= cl::CLONE_THREAD | cl::CLONE_FILES;
    }
    t.flags |= cl::ACTIVE;
    Some(t)
}

pub(crate) fn scan(s: &mut State, root: &Path) -> std::io::Result<()> {
    let proc_root = root.join("proc");
    s.users.load_files(root);
    let socks = net_sockets(&proc_root);
    let procs = procfs::process::all_processes_with_root(&proc_root)
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    let mut tids = Vec::new();
    let mut server_ports = Vec::new();
    for p in procs.flatten() {
        let pid = p.pid as i64;
        let Some(mut main) = thread_of(&p, &p, pid, pid) else {
            continue;
        };
        main.fds = process_fds(&proc_root, &p, &socks, s.cfg.max_fds_per_process);
        for f in main.fds.values() {
            if f.ty == kind::IPV4_SERVSOCK {
                server_ports.push(f.sock.srv_port);
            }
        }
        if s.add_thread(main, false) {
            tids.push(pid);
        }
        if let Ok(tasks) = p.tasks() {
            for task in tasks.flatten() {
                let tid = task.tid as i64;
                if tid == pid {
                    continue;
                }
                let Ok(tp) = Process::new_with_root(proc_root.join(format!("{pid}/task/{tid}")))
                else {
                    continue;
                };
                if let Some(t) = thread_of(&p, &tp, pid, tid) {
                    if s.add_thread(t, false) {
                        tids.push(tid);
                    }
                }
            }
        }
    }
    // Orient IPv4 connections: the end whose local port the machine listens on is the
    // server.
    for tid in &tids {
        if let Some(t) = s.threads.get_mut(tid) {
            for f in t.fds.values_mut() {
                if f.ty != kind::IPV4_SOCK {
                    continue;
                }
                if server_ports.contains(&f.sock.sport) {
                    f.swap_addresses();
                    f.set_role_server();
                } else {
                    f.set_role_client();
                }
                f.name.clear();
                super::fd::write_v4_tuple(&f.sock, &mut f.name);
            }
        }
    }
    for tid in tids {
        s.link(tid);
    }
    Ok(())
}
