//! Live tests of the eBPF engine: the probe loads and attaches, this process performs
//! syscalls with known arguments and checks every parameter of its own events, and the
//! drop counters add up under a storm.
//!
//! They need root, kernel BTF and a build with the probe (clang at build time); without
//! them each test prints one line saying why and passes.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::Path;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use falco_scap::bpf::{BpfConfig, BpfError, BpfSource};
use falco_scap::{Event, EventSource};
use falco_schema::code::*;

/// Live tests load the probe one at a time.
static LIVE: Mutex<()> = Mutex::new(());

fn open(cfg: &BpfConfig, test: &str) -> Option<BpfSource> {
    let why = if !Path::new("/sys/kernel/btf/vmlinux").exists() {
        Some("no kernel BTF (/sys/kernel/btf/vmlinux)".to_string())
    } else if !is_root() {
        Some("not running as root".to_string())
    } else {
        None
    };
    if let Some(why) = why {
        println!("skipping {test}: {why}");
        return None;
    }
    match BpfSource::open(cfg) {
        Ok(s) => Some(s),
        Err(e @ BpfError::NotBuilt) => {
            println!("skipping {test}: {e}");
            None
        }
        Err(e) => panic!("the eBPF probe does not load: {e}"),
    }
}

fn is_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("Uid:"))
                .and_then(|l| l.split_whitespace().nth(2).map(|u| u == "0"))
        })
        .unwrap_or(false)
}

fn gettid() -> u64 {
    // SAFETY: gettid takes no arguments and cannot fail.
    unsafe { libc::syscall(libc::SYS_gettid) as u64 }
}

/// An owned copy of an event (the live view borrows the ring).
#[derive(Clone, Debug)]
struct Owned(Vec<u8>);

impl Owned {
    fn ev(&self) -> Event<'_> {
        Event::decode(&self.0).unwrap()
    }
    fn p(&self, name: &str) -> Vec<u8> {
        let ev = self.ev();
        ev.param_by_name(name)
            .unwrap_or_else(|| panic!("{} has no parameter {name}", ev.info().unwrap().name))
            .to_vec()
    }
    fn i64(&self, name: &str) -> i64 {
        i64::from_le_bytes(self.p(name).try_into().unwrap())
    }
    fn u64(&self, name: &str) -> u64 {
        u64::from_le_bytes(self.p(name).try_into().unwrap())
    }
    fn u32(&self, name: &str) -> u32 {
        u32::from_le_bytes(self.p(name).try_into().unwrap())
    }
    fn str(&self, name: &str) -> String {
        let v = self.p(name);
        assert_eq!(v.last(), Some(&0), "{name} is NUL-terminated");
        String::from_utf8_lossy(&v[..v.len() - 1]).into_owned()
    }
}

/// Read events until `done` says so (or 10 s pass), keeping those of `tids`.
fn collect(
    src: &mut BpfSource,
    tids: &[u64],
    mut done: impl FnMut(&Event<'_>) -> bool,
) -> Vec<Owned> {
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut out = Vec::new();
    while Instant::now() < deadline {
        let Some(ev) = src.try_next_event().unwrap() else {
            std::thread::sleep(Duration::from_millis(1));
            continue;
        };
        // Every event decodes, with the parameter count of its table entry.
        let info = ev.info().expect("a known event type");
        assert_eq!(
            ev.nparams() as usize,
            info.params.len(),
            "parameters of {}",
            info.name
        );
        // Every execve exit event is kept: a failed exec's child is not known ahead.
        if tids.contains(&ev.tid()) || ev.ty() == PPME_SYSCALL_EXECVE_19_X {
            out.push(Owned(ev.raw().to_vec()));
        }
        if done(&ev) {
            return out;
        }
    }
    panic!("the closing event did not arrive in 10 s");
}

fn find(evs: &[Owned], ty: u16, pred: impl Fn(&Owned) -> bool) -> &Owned {
    evs.iter()
        .find(|e| e.ev().ty() == ty && pred(e))
        .unwrap_or_else(|| {
            let seen: Vec<&str> = evs.iter().map(|e| e.ev().info().unwrap().name).collect();
            panic!("no event of type {ty} matches; saw {seen:?}")
        })
}

const PPM_O_WRONLY: u32 = 1 << 1;
const PPM_O_CREAT: u32 = 1 << 2;
const PPM_O_TRUNC: u32 = 1 << 8;
const PPM_O_CLOEXEC: u32 = 1 << 12;
const PPM_O_F_CREATED: u32 = 1 << 14;

/// The sentinel that ends a workload: close() of an fd that cannot exist.
const SENTINEL_FD: i32 = -4242;

fn sentinel() {
    // SAFETY: closing an invalid fd only returns EBADF.
    unsafe { libc::close(SENTINEL_FD) };
}

fn is_sentinel(ev: &Event<'_>, tid: u64) -> bool {
    ev.tid() == tid
        && ev.ty() == PPME_SYSCALL_CLOSE_X
        && ev.param(1) == Some(&(SENTINEL_FD as i64).to_le_bytes()[..])
}

#[test]
fn live_events_carry_their_parameters() {
    let _one = LIVE.lock().unwrap_or_else(|e| e.into_inner());
    let cfg = BpfConfig {
        ignore_own_process: false,
        cpus_for_each_buffer: 1,
        ..BpfConfig::default()
    };
    let Some(mut src) = open(&cfg, "live_events_carry_their_parameters") else {
        return;
    };
    let tid = gettid();
    let pid = std::process::id() as u64;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("known-file.txt");
    let path_s = path.to_str().unwrap().to_string();

    // --- the workload ---
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o640)
        .open(&path)
        .unwrap();
    let meta = std::fs::metadata(&path).unwrap();
    use std::os::fd::AsRawFd;
    let file_fd = f.as_raw_fd() as i64;
    f.write_all(b"hello falco").unwrap();
    drop(f);

    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let mut client = TcpStream::connect(("127.0.0.1", port)).unwrap();
    let client_fd = client.as_raw_fd() as i64;
    let local_port = client.local_addr().unwrap().port();
    let (mut server, _) = listener.accept().unwrap();
    let server_fd = server.as_raw_fd() as i64;
    client.write_all(b"ping").unwrap();
    let mut buf = [0u8; 4];
    server.read_exact(&mut buf).unwrap();

    // IPv6 loopback, when the machine has it.
    let v6 = TcpListener::bind("[::1]:0").ok().map(|l6| {
        let port6 = l6.local_addr().unwrap().port();
        let c6 = TcpStream::connect(("::1", port6)).unwrap();
        let local6 = c6.local_addr().unwrap().port();
        (l6, c6.as_raw_fd() as i64, port6, local6, c6)
    });

    let child = std::process::Command::new("/bin/true")
        .args(["falco-arg1", "arg two"])
        .env("FALCO_BPF_TEST", "known-value")
        .spawn()
        .unwrap();
    let child_pid = child.id() as u64;
    let status = child.wait_with_output().unwrap().status;
    assert!(status.success());

    // A failed exec: written at syscall exit with the attempted arguments.
    let failed = std::process::Command::new("/nonexistent/falco-test-prog")
        .args(["--flag", "value"])
        .spawn();
    assert!(failed.is_err());

    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::fs::remove_dir(dir.path().join("sub")).unwrap();
    sentinel();

    let evs = collect(&mut src, &[tid, child_pid], |ev| is_sentinel(ev, tid));
    let mine: Vec<Owned> = evs
        .iter()
        .filter(|e| e.ev().tid() == tid)
        .cloned()
        .collect();

    // --- open: the TOCTOU enter event, then the exit event with every parameter ---
    let open_e = find(&mine, PPME_SYSCALL_OPENAT_2_E, |e| e.str("name") == path_s);
    assert_eq!(open_e.i64("dirfd"), -100); // AT_FDCWD
    let want_flags = PPM_O_WRONLY | PPM_O_CREAT | PPM_O_TRUNC | PPM_O_CLOEXEC;
    assert_eq!(open_e.u32("flags"), want_flags);
    assert_eq!(open_e.u32("mode"), 0o640);
    let open_x = find(&mine, PPME_SYSCALL_OPENAT_2_X, |e| e.str("name") == path_s);
    assert_eq!(open_x.i64("fd"), file_fd);
    assert_eq!(open_x.i64("dirfd"), -100);
    assert_eq!(open_x.u32("flags"), want_flags | PPM_O_F_CREATED);
    assert_eq!(open_x.u32("mode"), 0o640);
    assert_eq!(open_x.u64("ino"), meta.ino());
    assert_eq!(open_x.u32("dev"), meta.dev() as u32);
    assert!(open_e.ev().ts() <= open_x.ev().ts());

    // --- write, close ---
    let write_x = find(&mine, PPME_SYSCALL_WRITE_X, |e| e.i64("fd") == file_fd);
    assert_eq!(write_x.i64("res"), 11);
    assert_eq!(write_x.p("data"), b"hello falco");
    assert_eq!(write_x.u32("size"), 11);
    let close_x = find(&mine, PPME_SYSCALL_CLOSE_X, |e| e.i64("fd") == file_fd);
    assert_eq!(close_x.i64("res"), 0);

    // --- socket, connect (enter and exit), accept4 ---
    let socket_x = find(&mine, PPME_SOCKET_SOCKET_X, |e| e.i64("fd") == client_fd);
    assert_eq!(socket_x.u32("domain"), 2);
    assert_eq!(socket_x.u32("type") & 0xf, 1); // SOCK_STREAM
    assert_eq!(socket_x.u32("flags") & PPM_O_CLOEXEC, PPM_O_CLOEXEC);
    let mut sockaddr = vec![2u8, 127, 0, 0, 1];
    sockaddr.extend_from_slice(&port.to_le_bytes());
    let connect_e = find(&mine, PPME_SOCKET_CONNECT_E, |e| e.i64("fd") == client_fd);
    assert_eq!(connect_e.p("addr"), sockaddr);
    let connect_x = find(&mine, PPME_SOCKET_CONNECT_X, |e| e.i64("fd") == client_fd);
    assert_eq!(connect_x.i64("res"), 0);
    assert_eq!(connect_x.p("addr"), sockaddr);
    let mut tuple = vec![2u8, 127, 0, 0, 1];
    tuple.extend_from_slice(&local_port.to_le_bytes());
    tuple.extend_from_slice(&[127, 0, 0, 1]);
    tuple.extend_from_slice(&port.to_le_bytes());
    assert_eq!(connect_x.p("tuple"), tuple, "outbound: local end first");
    let accept_x = find(&mine, PPME_SOCKET_ACCEPT4_6_X, |e| e.i64("fd") == server_fd);
    assert_eq!(accept_x.p("tuple"), tuple, "inbound: remote end first");
    assert_eq!(accept_x.u32("flags") & PPM_O_CLOEXEC, PPM_O_CLOEXEC);
    let sendto = mine
        .iter()
        .find(|e| {
            matches!(e.ev().ty(), PPME_SOCKET_SENDTO_X | PPME_SYSCALL_WRITE_X)
                && e.i64("fd") == client_fd
        })
        .expect("the client's send");
    assert_eq!(sendto.p("data"), b"ping");

    // IPv6: family, addresses of 16 bytes, ports in host order.
    match &v6 {
        Some((_, fd6, port6, local6, _)) => {
            let c = find(&mine, PPME_SOCKET_CONNECT_X, |e| e.i64("fd") == *fd6);
            let mut lo6 = [0u8; 16];
            lo6[15] = 1;
            let mut t6 = vec![10u8];
            t6.extend_from_slice(&lo6);
            t6.extend_from_slice(&local6.to_le_bytes());
            t6.extend_from_slice(&lo6);
            t6.extend_from_slice(&port6.to_le_bytes());
            assert_eq!(c.p("tuple"), t6);
            let mut a6 = vec![10u8];
            a6.extend_from_slice(&lo6);
            a6.extend_from_slice(&port6.to_le_bytes());
            assert_eq!(c.p("addr"), a6);
        }
        None => println!("no IPv6 loopback here: IPv6 tuples not checked"),
    }

    // --- the child: clone in the parent and in the child, execve ---
    let fork_types = [
        PPME_SYSCALL_CLONE_20_X,
        PPME_SYSCALL_CLONE3_X,
        PPME_SYSCALL_VFORK_20_X,
        PPME_SYSCALL_FORK_20_X,
    ];
    let parent_clone = mine
        .iter()
        .find(|e| fork_types.contains(&e.ev().ty()) && e.i64("res") == child_pid as i64)
        .expect("the parent's clone event");
    assert_eq!(parent_clone.i64("tid"), tid as i64);
    assert_eq!(parent_clone.i64("pid"), pid as i64);
    assert!(parent_clone.str("comm").len() <= 15);
    let child_evs: Vec<&Owned> = evs.iter().filter(|e| e.ev().tid() == child_pid).collect();
    let child_clone = child_evs
        .iter()
        .find(|e| fork_types.contains(&e.ev().ty()))
        .expect("the child's clone event");
    assert_eq!(child_clone.i64("res"), 0);
    assert_eq!(child_clone.i64("tid"), child_pid as i64);
    assert_eq!(child_clone.i64("pid"), child_pid as i64);
    // The parent is the thread that forked (task->real_parent).
    assert_eq!(child_clone.i64("ptid"), tid as i64);
    assert!(child_clone.u64("pidns_init_start_ts") > 0);
    let cg = child_clone.p("cgroups");
    assert!(
        cg.split(|&b| b == 0)
            .any(|s| s.contains(&b'=') && s.contains(&b'/')),
        "cgroups: {:?}",
        String::from_utf8_lossy(&cg)
    );

    let exec = child_evs
        .iter()
        .find(|e| e.ev().ty() == PPME_SYSCALL_EXECVE_19_X)
        .expect("the child's execve");
    assert_eq!(exec.i64("res"), 0);
    assert_eq!(exec.str("exe"), "/bin/true");
    assert_eq!(exec.p("args"), b"falco-arg1\0arg two\0");
    assert_eq!(exec.i64("tid"), child_pid as i64);
    assert_eq!(exec.i64("pid"), child_pid as i64);
    assert_eq!(exec.i64("ptid"), tid as i64);
    assert_eq!(exec.str("comm"), "true");
    assert_eq!(exec.str("filename"), "/bin/true");
    let exepath = exec.str("trusted_exepath");
    assert!(
        exepath == "/usr/bin/true" || exepath == "/bin/true",
        "trusted_exepath {exepath}"
    );
    let true_meta = std::fs::metadata("/bin/true").unwrap();
    assert_eq!(exec.u64("exe_ino"), true_meta.ino());
    assert_eq!(
        exec.u64("exe_ino_mtime"),
        true_meta.mtime() as u64 * 1_000_000_000 + true_meta.mtime_nsec() as u64
    );
    assert_eq!(exec.u32("uid"), 0);
    let env = exec.p("env");
    assert!(env
        .split(|&b| b == 0)
        .any(|v| v == b"FALCO_BPF_TEST=known-value"));
    let procexit = child_evs
        .iter()
        .find(|e| e.ev().ty() == PPME_PROCEXIT_1_E)
        .expect("the child's procexit");
    assert_eq!(procexit.i64("status"), 0);

    // --- a failed execve: the attempted program and arguments, the old image ---
    let failed_exec = find(&evs, PPME_SYSCALL_EXECVE_19_X, |e| {
        e.str("filename") == "/nonexistent/falco-test-prog"
    });
    assert_eq!(failed_exec.i64("res"), -2); // ENOENT
    assert_eq!(failed_exec.str("exe"), "/nonexistent/falco-test-prog");
    assert_eq!(failed_exec.p("args"), b"--flag\0value\0");
    assert_eq!(failed_exec.i64("pid"), failed_exec.ev().tid() as i64);

    // --- directories ---
    let sub = format!("{}/sub", dir.path().display());
    let mkdir = find(&mine, PPME_SYSCALL_MKDIR_2_X, |e| e.str("path") == sub);
    assert_eq!(mkdir.i64("res"), 0);
    assert_eq!(mkdir.u32("mode"), 0o777);
    let rmdir = find(&mine, PPME_SYSCALL_RMDIR_2_X, |e| e.str("path") == sub);
    assert_eq!(rmdir.i64("res"), 0);

    // Events of every kind come merged in timestamp order per ring; one ring per CPU
    // here, so this thread's events are in order.
    let ts: Vec<u64> = mine.iter().map(|e| e.ev().ts()).collect();
    let mut sorted = ts.clone();
    sorted.sort_unstable();
    assert_eq!(ts, sorted, "one thread's events are in timestamp order");
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64;
    let last = *ts.last().unwrap();
    assert!(
        last <= now && now - last < 60_000_000_000,
        "timestamps are ns since the epoch"
    );
}

fn cstr(s: &str) -> std::ffi::CString {
    std::ffi::CString::new(s).unwrap()
}

#[test]
fn file_process_and_socket_syscalls_carry_their_parameters() {
    let _one = LIVE.lock().unwrap_or_else(|e| e.into_inner());
    let cfg = BpfConfig {
        ignore_own_process: false,
        cpus_for_each_buffer: 1,
        ..BpfConfig::default()
    };
    let Some(mut src) = open(
        &cfg,
        "file_process_and_socket_syscalls_carry_their_parameters",
    ) else {
        return;
    };
    let tid = gettid();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap().to_string();
    let (a, b, c) = (format!("{d}/a"), format!("{d}/b"), format!("{d}/c"));
    let (ca, cb, cc, cd) = (cstr(&a), cstr(&b), cstr(&c), cstr(&d));
    let name = cstr("falco-memfd");
    let mut fds = [0i32; 2];
    let mut sp = [0i32; 2];
    let udp_port;
    let (fd_dup, fd_dup2, fd_dup3, fd_fcntl, memfd, dirfd);
    // SAFETY: plain syscalls on this test's own paths, buffers and fds; every pointer
    // passed is valid for the duration of its call.
    unsafe {
        assert_eq!(libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC), 0);
        fd_dup = libc::dup(fds[0]);
        fd_dup2 = libc::dup2(fds[0], 900);
        fd_dup3 = libc::dup3(fds[0], 901, libc::O_CLOEXEC);
        fd_fcntl = libc::fcntl(fds[0], libc::F_DUPFD_CLOEXEC, 500);
        assert!(fd_dup >= 0 && fd_dup2 == 900 && fd_dup3 == 901 && fd_fcntl >= 500);
        let fd = libc::open(ca.as_ptr(), libc::O_CREAT | libc::O_WRONLY, 0o600);
        libc::close(fd);
        assert_eq!(libc::chmod(ca.as_ptr(), 0o4751), 0);
        assert_eq!(libc::symlink(ca.as_ptr(), cb.as_ptr()), 0);
        assert_eq!(libc::link(ca.as_ptr(), cc.as_ptr()), 0);
        assert_eq!(libc::unlink(cc.as_ptr()), 0);
        dirfd = libc::open(cd.as_ptr(), libc::O_RDONLY | libc::O_DIRECTORY);
        let rel = cstr("b");
        let rel2 = cstr("b2");
        assert_eq!(libc::renameat(dirfd, rel.as_ptr(), dirfd, rel2.as_ptr()), 0);
        assert_eq!(libc::unlinkat(dirfd, rel2.as_ptr(), 0), 0);
        let sub = cstr("sub");
        assert_eq!(libc::mkdirat(dirfd, sub.as_ptr(), 0o750), 0);
        assert_eq!(libc::unlinkat(dirfd, sub.as_ptr(), libc::AT_REMOVEDIR), 0);
        memfd = libc::memfd_create(name.as_ptr(), libc::MFD_CLOEXEC);
        assert!(memfd >= 0);
        assert_eq!(libc::fchmod(memfd, 0o640), 0);
        assert_eq!(
            libc::socketpair(libc::AF_UNIX, libc::SOCK_STREAM, 0, sp.as_mut_ptr()),
            0
        );
        // UDP over loopback: sendto with an address, recvfrom filling one.
        let rx = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
        udp_port = rx.local_addr().unwrap().port();
        let tx = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
        tx.send_to(b"datagram", ("127.0.0.1", udp_port)).unwrap();
        let mut buf = [0u8; 16];
        let (n, _) = rx.recv_from(&mut buf).unwrap();
        assert_eq!(&buf[..n], b"datagram");
        // 200 bytes written: the event carries the first 80 (the default snaplen).
        let big = [b'x'; 200];
        assert_eq!(libc::write(fds[1], big.as_ptr().cast(), big.len()), 200);
        // A signal with a handler: delivered, SIGNALDELIVER_E.
        extern "C" fn on_usr1(_: libc::c_int) {}
        libc::signal(libc::SIGUSR1, on_usr1 as *const () as libc::sighandler_t);
        libc::raise(libc::SIGUSR1);
        libc::signal(libc::SIGUSR1, libc::SIG_DFL);
        let comm = cstr("falco-renamed");
        libc::prctl(libc::PR_SET_NAME, comm.as_ptr());
        assert_eq!(libc::setuid(0), 0);
        assert_eq!(libc::setresgid(0, 0, 0), 0);
        assert_eq!(libc::fchdir(dirfd), 0);
        let root = cstr("/");
        assert_eq!(libc::chdir(root.as_ptr()), 0);
        for fd in [
            fd_dup, fd_dup2, fd_dup3, fd_fcntl, memfd, dirfd, fds[0], fds[1], sp[0], sp[1],
        ] {
            libc::close(fd);
        }
    }
    sentinel();
    let evs = collect(&mut src, &[tid], |ev| is_sentinel(ev, tid));

    let pipe = find(&evs, PPME_SYSCALL_PIPE2_X, |e| {
        e.i64("fd1") == fds[0] as i64
    });
    assert_eq!(pipe.i64("res"), 0);
    assert_eq!(pipe.i64("fd2"), fds[1] as i64);
    assert!(pipe.u64("ino") > 0);
    assert_eq!(pipe.u32("flags"), PPM_O_CLOEXEC);
    let dup = find(&evs, PPME_SYSCALL_DUP_1_X, |e| {
        e.i64("res") == fd_dup as i64
    });
    assert_eq!(dup.i64("oldfd"), fds[0] as i64);
    let dup2 = find(&evs, PPME_SYSCALL_DUP2_X, |e| e.i64("res") == 900);
    assert_eq!((dup2.i64("oldfd"), dup2.i64("newfd")), (fds[0] as i64, 900));
    let dup3 = find(&evs, PPME_SYSCALL_DUP3_X, |e| e.i64("res") == 901);
    assert_eq!(dup3.u32("flags"), PPM_O_CLOEXEC);
    let fcntl = find(&evs, PPME_SYSCALL_FCNTL_X, |e| {
        e.i64("res") == fd_fcntl as i64
    });
    assert_eq!(fcntl.i64("fd"), fds[0] as i64);
    assert_eq!(fcntl.p("cmd"), [26u8]); // PPM_F_DUPFD_CLOEXEC
    assert_eq!(fcntl.u64("arg"), 500);

    let chmod = find(&evs, PPME_SYSCALL_CHMOD_X, |e| e.str("filename") == a);
    assert_eq!((chmod.i64("res"), chmod.u32("mode")), (0, 0o4751));
    let symlink = find(&evs, PPME_SYSCALL_SYMLINK_X, |e| e.str("linkpath") == b);
    assert_eq!((symlink.i64("res"), symlink.str("target")), (0, a.clone()));
    let link = find(&evs, PPME_SYSCALL_LINK_2_X, |e| e.str("newpath") == c);
    assert_eq!((link.i64("res"), link.str("oldpath")), (0, a.clone()));
    let unlink = find(&evs, PPME_SYSCALL_UNLINK_2_X, |e| e.str("path") == c);
    assert_eq!(unlink.i64("res"), 0);
    let renameat = find(&evs, PPME_SYSCALL_RENAMEAT_X, |e| e.str("oldpath") == "b");
    assert_eq!(renameat.i64("res"), 0);
    assert_eq!(renameat.i64("olddirfd"), dirfd as i64);
    assert_eq!(renameat.i64("newdirfd"), dirfd as i64);
    assert_eq!(renameat.str("newpath"), "b2");
    let unlinkat = find(&evs, PPME_SYSCALL_UNLINKAT_2_X, |e| e.str("name") == "sub");
    assert_eq!(
        (unlinkat.i64("dirfd"), unlinkat.u32("flags")),
        (dirfd as i64, 0x200)
    );
    let mkdirat = find(&evs, PPME_SYSCALL_MKDIRAT_X, |e| e.str("path") == "sub");
    assert_eq!((mkdirat.i64("res"), mkdirat.u32("mode")), (0, 0o750));

    let memfd_x = find(&evs, PPME_SYSCALL_MEMFD_CREATE_X, |e| {
        e.i64("fd") == memfd as i64
    });
    assert_eq!(memfd_x.str("name"), "falco-memfd");
    assert_eq!(memfd_x.u32("flags"), 1); // PPM_MFD_CLOEXEC
    let fchmod = find(&evs, PPME_SYSCALL_FCHMOD_X, |e| e.i64("fd") == memfd as i64);
    assert_eq!(fchmod.u32("mode"), 0o640);

    let spair = find(&evs, PPME_SOCKET_SOCKETPAIR_X, |e| {
        e.i64("fd1") == sp[0] as i64
    });
    assert_eq!(spair.i64("res"), 0);
    assert_eq!(spair.i64("fd2"), sp[1] as i64);
    assert_ne!(spair.u64("source"), 0);
    assert_ne!(spair.u64("peer"), 0);
    assert_eq!(spair.u32("domain"), 1);

    let mut dst = vec![2u8, 127, 0, 0, 1];
    dst.extend_from_slice(&udp_port.to_le_bytes());
    let sendto = find(&evs, PPME_SOCKET_SENDTO_X, |e| e.p("data") == b"datagram");
    assert_eq!((sendto.i64("res"), sendto.u32("size")), (8, 8));
    let tuple = sendto.p("tuple");
    assert_eq!(tuple.len(), 13);
    assert_eq!(
        &tuple[7..13],
        &dst[1..7],
        "the destination from the sendto address"
    );
    let recvfrom = find(&evs, PPME_SOCKET_RECVFROM_X, |e| e.p("data") == b"datagram");
    assert_eq!(recvfrom.i64("res"), 8);
    let rt = recvfrom.p("tuple");
    assert_eq!(&rt[7..13], &dst[1..7], "inbound: the local end second");

    let big_write = find(&evs, PPME_SYSCALL_WRITE_X, |e| e.i64("fd") == fds[1] as i64);
    assert_eq!((big_write.i64("res"), big_write.u32("size")), (200, 200));
    assert_eq!(big_write.p("data"), vec![b'x'; 80], "cut to the snaplen");

    let sig = find(&evs, PPME_SIGNALDELIVER_E, |e| {
        e.p("sig") == [libc::SIGUSR1 as u8]
    });
    assert_eq!(
        sig.i64("spid"),
        std::process::id() as i64,
        "raise() sends from us"
    );
    assert_eq!(sig.i64("dpid"), tid as i64);

    let prctl = find(&evs, PPME_SYSCALL_PRCTL_X, |e| e.u32("option") == 15);
    assert_eq!(prctl.str("arg2_str"), "falco-renamed");
    let setuid = find(&evs, PPME_SYSCALL_SETUID_X, |_| true);
    assert_eq!((setuid.i64("res"), setuid.u32("uid")), (0, 0));
    let setresgid = find(&evs, PPME_SYSCALL_SETRESGID_X, |_| true);
    assert_eq!(setresgid.i64("res"), 0);
    assert_eq!(
        (
            setresgid.u32("rgid"),
            setresgid.u32("egid"),
            setresgid.u32("sgid")
        ),
        (0, 0, 0)
    );
    let fchdir = find(&evs, PPME_SYSCALL_FCHDIR_X, |e| e.i64("fd") == dirfd as i64);
    assert_eq!(fchdir.i64("res"), 0);
    let chdir = find(&evs, PPME_SYSCALL_CHDIR_X, |e| e.str("path") == "/");
    assert_eq!(chdir.i64("res"), 0);
}

#[test]
fn drop_counters_add_up_under_a_storm() {
    let _one = LIVE.lock().unwrap_or_else(|e| e.into_inner());
    // One small ring (1 MiB) for every CPU, not read during the storm: it overflows.
    let cfg = BpfConfig {
        buf_size_preset: 1,
        cpus_for_each_buffer: 0,
        ignore_own_process: false,
        ..BpfConfig::default()
    };
    let Some(mut src) = open(&cfg, "drop_counters_add_up_under_a_storm") else {
        return;
    };
    for _ in 0..200_000 {
        // SAFETY: getppid has no arguments and cannot fail.
        unsafe { libc::getppid() };
    }
    src.stop();
    let mut delivered = 0u64;
    let mut by_type: HashMap<u16, u64> = HashMap::new();
    while let Some(ev) = src.next_event().unwrap() {
        delivered += 1;
        *by_type.entry(ev.ty()).or_default() += 1;
    }
    let st = src.stats().unwrap();
    assert_eq!(st.delivered, delivered);
    assert_eq!(st.corrupt, 0);
    assert!(
        st.kernel.drops_buffer > 0,
        "the storm overflows the ring: {st:?}"
    );
    assert_eq!(
        st.kernel.events,
        delivered + st.kernel.drops(),
        "generated = delivered + dropped: {st:?}"
    );
    assert_eq!(
        st.kernel.drops_buffer,
        st.kernel.drops_buffer_by_category.iter().sum::<u64>()
    );
    println!("storm: {st:?}");
}

#[test]
fn dropping_the_source_detaches_everything() {
    let _one = LIVE.lock().unwrap_or_else(|e| e.into_inner());
    let Some(src) = open(
        &BpfConfig::default(),
        "dropping_the_source_detaches_everything",
    ) else {
        return;
    };
    let links = count_bpf_links();
    assert!(links > 0);
    drop(src);
    assert_eq!(count_bpf_links(), 0, "no link of ours is left");
}

/// BPF links and perf events (tracepoint attachments) this process holds.
fn count_bpf_links() -> usize {
    std::fs::read_dir("/proc/self/fd")
        .unwrap()
        .flatten()
        .filter(|e| {
            std::fs::read_link(e.path())
                .map(|l| {
                    let l = l.to_string_lossy();
                    l.contains("bpf_link") || l.contains("perf_event")
                })
                .unwrap_or(false)
        })
        .count()
}
