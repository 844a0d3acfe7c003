//! The state of the machine when a live capture starts, read from /proc: threads and
//! their fds, for the process list and fd list blocks of a capture file.
//!
//! This is deliberately small and independent of falco-sinsp's own scan (the layers go
//! drivers < scap < sinsp): enough for a recording to name the processes, files and
//! sockets that existed before its first event.

use std::collections::HashMap;
use std::fs;
use std::path::Path;

use crate::meta::{fd_type, FdDetails, FdInfo, FdList, TailLayout, ThreadInfo};

/// Physical memory in bytes (MemTotal of /proc/meminfo).
pub fn memory_bytes() -> u64 {
    fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("MemTotal:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse::<u64>().ok())
        })
        .map_or(0, |kb| kb * 1024)
}

/// The largest pid (/proc/sys/kernel/pid_max).
pub fn max_pid() -> u64 {
    read_trim("/proc/sys/kernel/pid_max")
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

/// The host name.
pub fn hostname() -> Vec<u8> {
    read_trim("/proc/sys/kernel/hostname")
        .map(String::into_bytes)
        .unwrap_or_default()
}

fn read_trim(p: impl AsRef<Path>) -> Option<String> {
    fs::read_to_string(p).ok().map(|s| s.trim().to_string())
}

fn read_link(p: impl AsRef<Path>) -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt;
    fs::read_link(p)
        .map(|l| l.as_os_str().as_bytes().to_vec())
        .unwrap_or_default()
}

/// `Key:\tvalue...` fields of /proc/<pid>/status.
fn status_field<'a>(status: &'a str, key: &str) -> Option<&'a str> {
    status
        .lines()
        .find(|l| l.starts_with(key) && l[key.len()..].starts_with(':'))
        .map(|l| l[key.len() + 1..].trim())
}

fn nth_num<T: std::str::FromStr>(s: Option<&str>, n: usize) -> Option<T> {
    s?.split_whitespace().nth(n)?.parse().ok()
}

/// Kernel open flags (octal in fdinfo) to PPM_O_* flags.
fn open_flags_to_ppm(f: u32) -> u32 {
    const MAP: [(u32, u32); 12] = [
        (0o100, 1 << 2),       // O_CREAT
        (0o200, 1 << 5),       // O_EXCL
        (0o1000, 1 << 8),      // O_TRUNC
        (0o2000, 1 << 3),      // O_APPEND
        (0o4000, 1 << 6),      // O_NONBLOCK
        (0o10000, 1 << 4),     // O_DSYNC
        (0o40000, 1 << 9),     // O_DIRECT
        (0o100000, 1 << 11),   // O_LARGEFILE
        (0o200000, 1 << 10),   // O_DIRECTORY
        (0o2000000, 1 << 12),  // O_CLOEXEC
        (0o4010000, 1 << 7),   // O_SYNC
        (0o20200000, 1 << 13), // O_TMPFILE
    ];
    let mut r = match f & 3 {
        1 => 2, // PPM_O_WRONLY
        2 => 3, // PPM_O_RDWR
        _ => 1, // PPM_O_RDONLY
    };
    for (k, p) in MAP {
        if f & k == k {
            r |= p;
        }
    }
    r
}

/// Sockets of the machine by inode, from /proc/net.
#[derive(Default)]
struct Sockets {
    by_ino: HashMap<u64, FdDetails>,
}

impl Sockets {
    fn load() -> Sockets {
        let mut s = Sockets::default();
        for (file, l4, v6) in [
            ("/proc/net/tcp", 2u8, false),
            ("/proc/net/udp", 3, false),
            ("/proc/net/tcp6", 2, true),
            ("/proc/net/udp6", 3, true),
        ] {
            s.load_inet(file, l4, v6);
        }
        s.load_unix();
        s
    }

    fn load_inet(&mut self, file: &str, l4proto: u8, v6: bool) {
        let Ok(text) = fs::read_to_string(file) else {
            return;
        };
        for line in text.lines().skip(1) {
            let f: Vec<&str> = line.split_whitespace().collect();
            if f.len() < 10 {
                continue;
            }
            let (Some((la, lp)), Some((ra, rp))) = (split_addr(f[1]), split_addr(f[2])) else {
                continue;
            };
            let Ok(ino) = f[9].parse::<u64>() else {
                continue;
            };
            let listening = rp == 0 && ra.iter().all(|&b| b == 0);
            let d = match (v6, listening) {
                (false, true) => FdDetails::Ipv4Server {
                    ip: ipv4(&la),
                    port: lp,
                    l4proto,
                },
                (false, false) => FdDetails::Ipv4 {
                    sip: ipv4(&la),
                    dip: ipv4(&ra),
                    sport: lp,
                    dport: rp,
                    l4proto,
                },
                (true, true) => FdDetails::Ipv6Server {
                    ip: ipv6(&la),
                    port: lp,
                    l4proto,
                },
                (true, false) => FdDetails::Ipv6 {
                    sip: ipv6(&la),
                    dip: ipv6(&ra),
                    sport: lp,
                    dport: rp,
                    l4proto,
                },
            };
            self.by_ino.insert(ino, d);
        }
    }

    fn load_unix(&mut self) {
        let Ok(text) = fs::read_to_string("/proc/net/unix") else {
            return;
        };
        for line in text.lines().skip(1) {
            let f: Vec<&str> = line.split_whitespace().collect();
            if f.len() < 7 {
                continue;
            }
            let Ok(ino) = f[6].parse::<u64>() else {
                continue;
            };
            let source = u64::from_str_radix(f[0].trim_end_matches(':'), 16).unwrap_or(0);
            let path = f.get(7).map_or(Vec::new(), |p| {
                p.strip_prefix('@').unwrap_or(p).as_bytes().to_vec()
            });
            self.by_ino.insert(
                ino,
                FdDetails::Unix {
                    source,
                    dest: 0,
                    path,
                },
            );
        }
    }
}

/// "0100007F:1F90" -> (bytes of the address in memory order, port).
fn split_addr(s: &str) -> Option<(Vec<u8>, u16)> {
    let (a, p) = s.split_once(':')?;
    let port = u16::from_str_radix(p, 16).ok()?;
    // /proc prints each 32-bit word of the address as a host-order hex number.
    let mut bytes = Vec::with_capacity(a.len() / 2);
    for w in 0..a.len() / 8 {
        let word = u32::from_str_radix(&a[w * 8..w * 8 + 8], 16).ok()?;
        bytes.extend_from_slice(&word.to_ne_bytes());
    }
    Some((bytes, port))
}

fn ipv4(b: &[u8]) -> [u8; 4] {
    b.get(..4).and_then(|s| s.try_into().ok()).unwrap_or([0; 4])
}

fn ipv6(b: &[u8]) -> [u8; 16] {
    b.get(..16)
        .and_then(|s| s.try_into().ok())
        .unwrap_or([0; 16])
}

/// Limits of the process and fd list blocks (libscap's): paths, and NUL-separated lists.
const MAX_PATH: usize = 1024;
const MAX_LIST: usize = 4096;

fn cut_path(mut v: Vec<u8>, max: usize) -> Vec<u8> {
    v.truncate(max);
    v
}

/// A NUL-separated list cut to `MAX_LIST` bytes at an element boundary.
fn cut_list(mut v: Vec<u8>) -> Vec<u8> {
    if v.len() > MAX_LIST {
        let end = v[..MAX_LIST]
            .iter()
            .rposition(|&b| b == 0)
            .map_or(0, |i| i + 1);
        v.truncate(end);
    }
    v
}

/// Split a NUL-separated list into its first element and the rest (NUL-terminated each).
fn split_first_nul(v: &[u8]) -> (Vec<u8>, Vec<u8>) {
    match v.iter().position(|&b| b == 0) {
        Some(i) => (v[..i].to_vec(), v[i + 1..].to_vec()),
        None => (v.to_vec(), Vec::new()),
    }
}

fn cgroups(pid: u32) -> Vec<u8> {
    let mut out = Vec::new();
    let Ok(text) = fs::read_to_string(format!("/proc/{pid}/cgroup")) else {
        return out;
    };
    for line in text.lines() {
        let mut parts = line.splitn(3, ':');
        let (_, subsys, path) = (parts.next(), parts.next(), parts.next());
        let (Some(subsys), Some(path)) = (subsys, path) else {
            continue;
        };
        if subsys.is_empty() {
            // cgroup v2: the unified hierarchy.
            for c in read_trim("/sys/fs/cgroup/cgroup.controllers")
                .unwrap_or_default()
                .split_whitespace()
            {
                out.extend_from_slice(format!("{c}={path}").as_bytes());
                out.push(0);
            }
        } else {
            for s in subsys.split(',') {
                out.extend_from_slice(format!("{s}={path}").as_bytes());
                out.push(0);
            }
        }
    }
    out
}

fn thread_info(pid: u32, tid: u32) -> Option<ThreadInfo> {
    let tdir = format!("/proc/{pid}/task/{tid}");
    let status = fs::read_to_string(format!("{tdir}/status")).ok()?;
    let stat = fs::read_to_string(format!("{tdir}/stat")).ok()?;
    // Fields after the command (which may hold spaces and parentheses).
    let after = &stat[stat.rfind(')')? + 2..];
    let sf: Vec<&str> = after.split_whitespace().collect();
    let num = |i: usize| sf.get(i).and_then(|v| v.parse::<i64>().ok()).unwrap_or(0);
    let cmdline = fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
    let (exe, args) = split_first_nul(&cmdline);
    let nspid: Option<i64> = status_field(&status, "NSpid")
        .and_then(|s| s.split_whitespace().last())
        .and_then(|v| v.parse().ok());
    let nstgid: Option<i64> = status_field(&status, "NStgid")
        .and_then(|s| s.split_whitespace().last())
        .and_then(|v| v.parse().ok());
    let limits = fs::read_to_string(format!("/proc/{pid}/limits")).unwrap_or_default();
    let fdlimit = limits
        .lines()
        .find(|l| l.starts_with("Max open files"))
        .and_then(|l| l.split_whitespace().nth(3))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let cap = |k: &str| {
        status_field(&status, k)
            .and_then(|v| u64::from_str_radix(v, 16).ok())
            .unwrap_or(0)
    };
    let ppid: u64 = status_field(&status, "PPid")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    Some(ThreadInfo {
        tid: tid as u64,
        pid: pid as u64,
        ptid: ppid,
        sid: num(3),
        vpgid: num(2),
        comm: cut_path(
            read_trim(format!("{tdir}/comm"))
                .unwrap_or_default()
                .into_bytes(),
            MAX_PATH,
        ),
        exe: cut_path(exe, MAX_PATH),
        exepath: cut_path(read_link(format!("/proc/{pid}/exe")), MAX_PATH),
        args: cut_list(args),
        cwd: cut_path(read_link(format!("/proc/{pid}/cwd")), MAX_PATH),
        fdlimit,
        flags: 0,
        uid: nth_num(status_field(&status, "Uid"), 1).unwrap_or(0),
        gid: nth_num(status_field(&status, "Gid"), 1).unwrap_or(0),
        vmsize_kb: nth_num(status_field(&status, "VmSize"), 0).unwrap_or(0),
        vmrss_kb: nth_num(status_field(&status, "VmRSS"), 0).unwrap_or(0),
        vmswap_kb: nth_num(status_field(&status, "VmSwap"), 0).unwrap_or(0),
        pfmajor: num(9) as u64,
        pfminor: num(7) as u64,
        env: cut_list(fs::read(format!("/proc/{pid}/environ")).unwrap_or_default()),
        vtid: nspid.unwrap_or(tid as i64),
        vpid: nstgid.unwrap_or(pid as i64),
        cgroups: cut_list(cgroups(pid)),
        root: cut_path(read_link(format!("/proc/{pid}/root")), MAX_PATH),
        tty: num(4) as u32,
        loginuid: read_trim(format!("/proc/{pid}/loginuid"))
            .and_then(|v| v.parse().ok())
            .unwrap_or(u32::MAX),
        cap_inheritable: cap("CapInh"),
        cap_permitted: cap("CapPrm"),
        cap_effective: cap("CapEff"),
        pgid: num(2),
        tail: TailLayout::Current(u8::MAX),
        ..ThreadInfo::default()
    })
}

fn fd_list(pid: u32, sockets: &Sockets) -> FdList {
    use std::os::unix::fs::MetadataExt;
    let mut fds = Vec::new();
    let dir = format!("/proc/{pid}/fd");
    if let Ok(entries) = fs::read_dir(&dir) {
        for e in entries.flatten() {
            let Some(fd) = e.file_name().to_str().and_then(|s| s.parse::<i64>().ok()) else {
                continue;
            };
            let target = cut_path(read_link(e.path()), MAX_PATH - 1);
            let meta = fs::metadata(e.path()).ok();
            let ino = meta.as_ref().map_or(0, |m| m.ino());
            let flags = fs::read_to_string(format!("/proc/{pid}/fdinfo/{fd}"))
                .ok()
                .and_then(|s| {
                    s.lines()
                        .find(|l| l.starts_with("flags:"))
                        .and_then(|l| u32::from_str_radix(l[6..].trim(), 8).ok())
                })
                .unwrap_or(0);
            let (ty, details) = if target.starts_with(b"socket:[") {
                match sockets.by_ino.get(&ino) {
                    Some(d @ FdDetails::Ipv4 { .. }) => (fd_type::IPV4_SOCK, d.clone()),
                    Some(d @ FdDetails::Ipv4Server { .. }) => (fd_type::IPV4_SERVSOCK, d.clone()),
                    Some(d @ FdDetails::Ipv6 { .. }) => (fd_type::IPV6_SOCK, d.clone()),
                    Some(d @ FdDetails::Ipv6Server { .. }) => (fd_type::IPV6_SERVSOCK, d.clone()),
                    Some(d @ FdDetails::Unix { .. }) => (fd_type::UNIX_SOCK, d.clone()),
                    _ => (fd_type::UNSUPPORTED, FdDetails::Named(target)),
                }
            } else if target.starts_with(b"pipe:[") {
                (fd_type::FIFO, FdDetails::Named(target))
            } else if target.starts_with(b"anon_inode:") {
                (fd_type::UNSUPPORTED, FdDetails::Named(target))
            } else if meta.as_ref().is_some_and(|m| m.is_dir()) {
                (fd_type::DIRECTORY, FdDetails::Named(target))
            } else {
                (
                    fd_type::FILE_V2,
                    FdDetails::FileV2 {
                        open_flags: open_flags_to_ppm(flags),
                        path: target,
                        // glibc's dev_t, truncated to 32 bits, is the kernel's
                        // new_encode_dev() the drivers write.
                        dev: meta.as_ref().map(|m| m.dev() as u32),
                    },
                )
            };
            fds.push(FdInfo {
                fd,
                ino,
                ty,
                details,
            });
        }
    }
    fds.sort_by_key(|f| f.fd);
    FdList {
        tid: pid as u64,
        fds,
    }
}

/// Every thread of the machine and the fds of every process (one list per process,
/// under its main thread), read from /proc. Processes that exit during the scan are
/// skipped.
pub fn scan() -> (Vec<ThreadInfo>, Vec<FdList>) {
    let sockets = Sockets::load();
    let mut threads = Vec::new();
    let mut fds = Vec::new();
    let Ok(procs) = fs::read_dir("/proc") else {
        return (threads, fds);
    };
    let mut pids: Vec<u32> = procs
        .flatten()
        .filter_map(|e| e.file_name().to_str().and_then(|s| s.parse().ok()))
        .collect();
    pids.sort_unstable();
    for pid in pids {
        let Ok(tasks) = fs::read_dir(format!("/proc/{pid}/task")) else {
            continue;
        };
        let mut tids: Vec<u32> = tasks
            .flatten()
            .filter_map(|e| e.file_name().to_str().and_then(|s| s.parse().ok()))
            .collect();
        tids.sort_unstable();
        let mut any = false;
        for tid in tids {
            if let Some(t) = thread_info(pid, tid) {
                threads.push(t);
                any = true;
            }
        }
        if any {
            fds.push(fd_list(pid, &sockets));
        }
    }
    (threads, fds)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proc_net_addresses() {
        // 127.0.0.1:8080 as /proc/net/tcp prints it on a little-endian machine.
        let (a, p) = split_addr("0100007F:1F90").unwrap();
        assert_eq!((ipv4(&a), p), ([127, 0, 0, 1], 8080));
        let (a6, _) = split_addr("00000000000000000000000001000000:0016").unwrap();
        assert_eq!(ipv6(&a6)[15], 1, "::1");
    }

    #[test]
    fn open_flags() {
        // O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC -> PPM_O_WRONLY|CREAT|TRUNC|CLOEXEC.
        assert_eq!(
            open_flags_to_ppm(0o1 | 0o100 | 0o1000 | 0o2000000),
            (1 << 1) | (1 << 2) | (1 << 8) | (1 << 12)
        );
        assert_eq!(open_flags_to_ppm(0o2), 3, "O_RDWR");
        assert_eq!(open_flags_to_ppm(0), 1, "O_RDONLY");
    }

    #[test]
    fn lists_are_cut_at_an_element() {
        let mut v = Vec::new();
        for _ in 0..1000 {
            v.extend_from_slice(b"abcdefg\0");
        }
        let c = cut_list(v);
        assert!(c.len() <= MAX_LIST);
        assert_eq!(c.last(), Some(&0));
        assert_eq!(c.len() % 8, 0);
    }

    #[test]
    fn scan_sees_this_process() {
        let (threads, fds) = scan();
        let me = std::process::id() as u64;
        let t = threads.iter().find(|t| t.tid == me).expect("this process");
        assert_eq!(t.pid, me);
        assert!(!t.exepath.is_empty());
        assert!(t.args.len() <= MAX_LIST && t.env.len() <= MAX_LIST);
        assert!(fds.iter().any(|f| f.tid == me && !f.fds.is_empty()));
    }
}
