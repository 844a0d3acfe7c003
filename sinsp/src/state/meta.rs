//! Seeding the state from a capture's metadata (libsinsp's import of the process and fd
//! lists).

use falco_scap::meta::{FdDetails, FdInfo, ThreadInfo};
use falco_scap::Metadata;

use super::fd::{flag, kind, Fd};
use super::thread::{cl, Thread};
use super::users::{GroupInfo, UserInfo};
use super::State;

pub(crate) fn load(s: &mut State, meta: &Metadata) {
    if let Some(m) = &meta.machine {
        s.boot_ts = m.boot_ts_epoch;
    }
    if let Some(ifaces) = &meta.interfaces {
        for i in ifaces {
            if (i.ty == 1 || i.ty == 3) && i.addr.len() == 4 && i.netmask.len() == 4 {
                let a: [u8; 4] = i.addr[..4].try_into().expect("4 bytes");
                let m: [u8; 4] = i.netmask[..4].try_into().expect("4 bytes");
                s.ipv4_ifaces.push((a, m));
            } else if (i.ty == 2 || i.ty == 4) && i.addr.len() == 16 {
                let a: [u8; 16] = i.addr[..16].try_into().expect("16 bytes");
                s.ipv6_ifaces.push(a);
            }
        }
    }
    if let Some(users) = &meta.users {
        for u in users {
            s.users.add_user(UserInfo {
                uid: u.uid,
                gid: u.gid,
                name: u.name.clone(),
                home: u.home.clone(),
                shell: u.shell.clone(),
            });
        }
    }
    for g in &meta.groups {
        s.users.add_group(GroupInfo {
            gid: g.gid,
            name: g.name.clone(),
        });
    }
    let mut tids = Vec::with_capacity(meta.threads.len());
    for ti in &meta.threads {
        let t = thread_from(ti);
        let tid = t.tid;
        if s.add_thread(t, false) {
            tids.push(tid);
        }
    }
    let mut server_ports = Vec::new();
    for list in &meta.fds {
        let tid = list.tid as i64;
        let Some(t) = s.threads.get_mut(&tid) else {
            continue;
        };
        for fi in &list.fds {
            if t.fds.len() >= s.cfg.max_fds_per_process {
                s.stats.fds_dropped += 1;
                break;
            }
            if let Some(f) = fd_from(fi) {
                if f.ty == kind::IPV4_SERVSOCK {
                    server_ports.push(f.sock.srv_port);
                }
                t.fds.insert(fi.fd, f);
            }
        }
    }
    // Complete IPv4 tuples read from /proc, then orient them: a connection whose local
    // port is one the machine listens on is the server end.
    let fd_owners: Vec<i64> = s.threads.keys().copied().collect();
    for owner in fd_owners {
        let mut fds = std::mem::take(&mut s.threads.get_mut(&owner).expect("present").fds);
        for f in fds.values_mut() {
            if f.ty != kind::IPV4_SOCK {
                continue;
            }
            complete_from_ifaces(s, f);
            if !server_ports.contains(&f.sock.sport) {
                f.set_role_client();
            } else {
                f.swap_addresses();
                f.set_role_server();
            }
            f.name.clear();
            super::fd::write_v4_tuple(&f.sock, &mut f.name);
        }
        s.threads.get_mut(&owner).expect("present").fds = fds;
    }
    for tid in tids {
        s.link(tid);
    }
}

/// Like libsinsp's `update_fd` of network interfaces, for tuples read from /proc.
fn complete_from_ifaces(s: &State, f: &mut Fd) {
    let (sip, dip) = (super::fd::ip4(&f.sock.sip), super::fd::ip4(&f.sock.dip));
    if sip != [0; 4] && dip != [0; 4] {
        return;
    }
    let infer = |d: [u8; 4]| -> [u8; 4] {
        let dd = u32::from_be_bytes(d);
        if let Some(&(a, _)) = s.ipv4_ifaces.iter().find(|(a, _)| *a == d) {
            return a;
        }
        if let Some(&(a, _)) = s.ipv4_ifaces.iter().find(|(a, m)| {
            u32::from_be_bytes(*a) & u32::from_be_bytes(*m) == dd & u32::from_be_bytes(*m)
        }) {
            return a;
        }
        s.ipv4_ifaces
            .iter()
            .find(|(a, _)| *a != [127, 0, 0, 1])
            .map_or([0; 4], |&(a, _)| a)
    };
    if sip == [0; 4] {
        let n = infer(dip);
        if n == dip && f.sock.sport == f.sock.dport {
            return;
        }
        f.sock.sip[..4].copy_from_slice(&n);
    } else {
        let n = infer(sip);
        if n == sip && f.sock.sport == f.sock.dport {
            return;
        }
        f.sock.dip[..4].copy_from_slice(&n);
    }
}

/// A thread of a capture's process list (libsinsp's `sinsp_threadinfo::init`).
pub(crate) fn thread_from(ti: &ThreadInfo) -> Thread {
    let mut t = Thread::new(ti.tid as i64);
    t.pid = ti.pid as i64;
    t.ptid = ti.ptid as i64;
    t.sid = ti.sid;
    t.vpgid = ti.vpgid;
    t.pgid = ti.pgid;
    t.comm = ti.comm.clone();
    t.exe = ti.exe.clone();
    t.exepath = ti.exepath.clone();
    if let Some(rest) = t.exepath.strip_suffix(b" (deleted)") {
        if !rest.is_empty() {
            let n = rest.len();
            t.exepath.truncate(n);
        }
    }
    t.exe_writable = ti.exe_writable;
    t.exe_upper_layer = ti.exe_upper_layer;
    t.exe_lower_layer = ti.exe_lower_layer;
    t.exe_from_memfd = ti.exe_from_memfd;
    t.set_args(&ti.args);
    if t.is_main_thread() {
        t.set_env(&ti.env);
        let mut cwd = Vec::new();
        super::path::concat(b"", &ti.cwd, &mut cwd);
        if cwd.last() != Some(&b'/') {
            cwd.push(b'/');
        }
        t.cwd = cwd;
    }
    t.flags |= ti.flags | cl::ACTIVE;
    t.fdlimit = ti.fdlimit as i64;
    t.cap_permitted = ti.cap_permitted;
    t.cap_effective = ti.cap_effective;
    t.cap_inheritable = ti.cap_inheritable;
    t.exe_ino = ti.exe_ino;
    t.exe_ino_ctime = ti.exe_ino_ctime;
    t.exe_ino_mtime = ti.exe_ino_mtime;
    t.vmsize_kb = ti.vmsize_kb;
    t.vmrss_kb = ti.vmrss_kb;
    t.vmswap_kb = ti.vmswap_kb;
    t.pfmajor = ti.pfmajor;
    t.pfminor = ti.pfminor;
    t.vtid = ti.vtid;
    t.vpid = ti.vpid;
    t.pidns_init_start_ts = ti.pidns_init_start_ts;
    t.tty = ti.tty;
    t.set_cgroups(&ti.cgroups);
    t.root = ti.root.clone();
    t.gid = ti.gid;
    t.uid = ti.uid;
    t.loginuid = ti.loginuid;
    t
}

/// An fd of a capture's fd list (libsinsp's `add_fd_from_scap`).
pub(crate) fn fd_from(fi: &FdInfo) -> Option<Fd> {
    let mut f = Fd::new(fi.ty);
    f.flags = flag::FROM_PROC;
    f.ino = fi.ino;
    match &fi.details {
        FdDetails::Ipv4 {
            sip,
            dip,
            sport,
            dport,
            l4proto,
        } => {
            f.sock.sip[..4].copy_from_slice(sip);
            f.sock.dip[..4].copy_from_slice(dip);
            f.sock.sport = *sport;
            f.sock.dport = *dport;
            f.sock.l4proto = *l4proto;
            if *l4proto == super::l4::TCP {
                f.flags |= flag::SOCKET_CONNECTED;
            }
            super::fd::write_v4_tuple(&f.sock, &mut f.name);
        }
        FdDetails::Ipv4Server { ip, port, l4proto } => {
            f.sock.srv_ip[..4].copy_from_slice(ip);
            f.sock.srv_port = *port;
            f.sock.l4proto = *l4proto;
            super::fd::write_v4(*ip, &mut f.name);
            f.name.push(b':');
            super::fd::write_port(*port, &mut f.name);
        }
        FdDetails::Ipv6 {
            sip,
            dip,
            sport,
            dport,
            l4proto,
        } => {
            f.sock.sport = *sport;
            f.sock.dport = *dport;
            f.sock.l4proto = *l4proto;
            if *l4proto == super::l4::TCP {
                f.flags |= flag::SOCKET_CONNECTED;
            }
            if super::fd::is_v4_mapped(sip) && super::fd::is_v4_mapped(dip) {
                f.ty = kind::IPV4_SOCK;
                f.sock.sip[..4].copy_from_slice(&sip[12..]);
                f.sock.dip[..4].copy_from_slice(&dip[12..]);
                super::fd::write_v4_tuple(&f.sock, &mut f.name);
            } else {
                f.sock.sip = *sip;
                f.sock.dip = *dip;
                super::fd::write_v6_tuple(&f.sock, &mut f.name);
            }
        }
        FdDetails::Ipv6Server { ip, port, l4proto } => {
            f.sock.srv_ip = *ip;
            f.sock.srv_port = *port;
            f.sock.l4proto = *l4proto;
            super::fd::write_v6(ip, &mut f.name);
            f.name.push(b':');
            super::fd::write_port(*port, &mut f.name);
        }
        FdDetails::Unix { source, dest, path } => {
            f.sock.unix_src = *source;
            f.sock.unix_dst = *dest;
            f.name = path.clone();
            if f.name.is_empty() {
                f.set_role_client();
            } else {
                f.set_role_server();
            }
        }
        FdDetails::FileV2 {
            open_flags,
            path,
            dev,
        } => {
            f.openflags = *open_flags;
            f.name = path.clone();
            f.dev = dev.unwrap_or(0);
        }
        FdDetails::Named(name) => f.name = name.clone(),
        FdDetails::Nothing | FdDetails::Raw(_) => return None,
    }
    Some(f)
}
