//! The bundled demo capture, `tests/data/demo.scap`.
//!
//! A short, deterministic session written by our own capture writer in the current libs
//! layout (exit events carrying every parameter, enter events only for `openat` and
//! `connect`): an ssh login shell starts `cat /etc/shadow`, writes a file below /etc,
//! and opens a connection to 127.0.0.1:4444. It is small enough to read by eye and covers
//! the metadata blocks (machine, threads, fds, interfaces, users) and the events the state
//! layer needs. `cargo run -p xtask -- demo-capture` regenerates it; a test fails when the
//! committed file differs from what the generator writes.

use anyhow::{Context, Result};
use falco_scap::meta::{
    fd_type, FdDetails, FdInfo, FdList, Group, Interface, MachineInfo, Metadata, TailLayout,
    ThreadInfo, User,
};
use falco_scap::{CaptureWriter, EventBuilder};
use falco_schema::{code, event_info, flags, ParamType};

/// Path of the demo capture, relative to the repository root.
pub const DEMO_PATH: &str = "tests/data/demo.scap";

/// A parameter value for [`Gen::event`].
enum V<'a> {
    I(i64),
    U(u64),
    S(&'a str),
    B(&'a [u8]),
}

struct Gen {
    b: EventBuilder,
    bytes: Vec<u8>,
    ts: u64,
}

impl Gen {
    /// Append event `ty` of thread `tid`, 1 ms after the previous one, filling each
    /// parameter of the schema by name from `vals` (the type's zero value otherwise).
    fn event(
        &mut self,
        w: &mut CaptureWriter<&mut Vec<u8>>,
        tid: u64,
        ty: u16,
        vals: &[(&str, V<'_>)],
    ) -> Result<()> {
        self.ts += 1_000_000;
        let info = event_info(ty).context("unknown event")?;
        self.b.begin(self.ts, tid, ty);
        for p in info.params {
            let v = vals.iter().find(|(n, _)| *n == p.name).map(|(_, v)| v);
            self.bytes.clear();
            match (v, p.ty.fixed_size()) {
                (Some(V::I(i)), Some(n)) => self.bytes.extend_from_slice(&i.to_le_bytes()[..n]),
                (Some(V::U(u)), Some(n)) => self.bytes.extend_from_slice(&u.to_le_bytes()[..n]),
                (Some(V::S(s)), _) => {
                    self.bytes.extend_from_slice(s.as_bytes());
                    self.bytes.push(0);
                }
                (Some(V::B(b)), _) => self.bytes.extend_from_slice(b),
                (None, Some(n)) => {
                    let fill = if matches!(p.ty, ParamType::Uid | ParamType::Gid) {
                        0xff
                    } else {
                        0
                    };
                    self.bytes.resize(n, fill);
                }
                (None, None) | (Some(_), None) => {}
            }
            self.b.param(&self.bytes);
        }
        let ev = self.b.event();
        Ok(w.write_raw(0, 0, ev.raw())?)
    }
}

fn flag(set: &flags::FlagSet, names: &[&str]) -> u64 {
    names
        .iter()
        .map(|n| {
            set.values
                .iter()
                .find(|v| v.name == *n)
                .map_or(0, |v| v.value as u64)
        })
        .fold(0, |a, b| a | b)
}

fn thread(tid: u64, ptid: u64, comm: &str, exe: &str, args: &[&str], uid: u32) -> ThreadInfo {
    let mut a = Vec::new();
    for arg in args {
        a.extend_from_slice(arg.as_bytes());
        a.push(0);
    }
    ThreadInfo {
        tid,
        pid: tid,
        ptid,
        sid: tid as i64,
        vpgid: tid as i64,
        comm: comm.into(),
        exe: exe.into(),
        exepath: exe.into(),
        args: a,
        cwd: b"/root".to_vec(),
        fdlimit: 1024,
        uid,
        gid: uid,
        vtid: tid as i64,
        vpid: tid as i64,
        env: b"HOME=/root\0PATH=/usr/bin:/bin\0".to_vec(),
        cgroups: b"cpu=/\0memory=/\0".to_vec(),
        root: b"/".to_vec(),
        loginuid: 0,
        tail: TailLayout::Pre010(5),
        ..ThreadInfo::default()
    }
}

/// The bytes of the demo capture.
pub fn generate() -> Result<Vec<u8>> {
    let meta = Metadata {
        machine: Some(MachineInfo {
            num_cpus: 2,
            memory_size_bytes: 2 << 30,
            max_pid: 4_194_304,
            hostname: b"demo".to_vec(),
            boot_ts_epoch: 1_700_000_000_000_000_000,
            flags: 0,
            reserved3: 0,
            reserved4: 0,
        }),
        threads: vec![
            thread(1, 0, "systemd", "/sbin/init", &[], 0),
            thread(800, 1, "sshd", "/usr/sbin/sshd", &["-D"], 0),
            thread(1200, 800, "bash", "-bash", &[], 0),
        ],
        fds: vec![FdList {
            tid: 1200,
            fds: (0..3)
                .map(|fd| FdInfo {
                    fd,
                    ino: 3,
                    ty: fd_type::FILE,
                    details: FdDetails::Named(b"/dev/pts/0".to_vec()),
                })
                .collect(),
        }],
        interfaces: Some(vec![Interface {
            ty: 1,
            addr: vec![127, 0, 0, 1],
            netmask: vec![255, 0, 0, 0],
            bcast: vec![127, 0, 0, 1],
            linkspeed: 0,
            name: b"lo".to_vec(),
        }]),
        users: Some(vec![User {
            uid: 0,
            gid: 0,
            name: b"root".to_vec(),
            home: b"/root".to_vec(),
            shell: b"/bin/bash".to_vec(),
        }]),
        groups: vec![Group {
            gid: 0,
            name: b"root".to_vec(),
        }],
        ..Metadata::default()
    };
    let mut out = Vec::new();
    let mut w = CaptureWriter::new(&mut out, DEMO_PATH, &meta)?;
    let mut g = Gen {
        b: EventBuilder::new(),
        bytes: Vec::new(),
        ts: 1_700_000_100_000_000_000,
    };
    let o = |names: &[&str]| flag(&flags::FILE_FLAGS, names);
    let (bash, cat) = (1200u64, 1201u64);

    // bash forks; both sides of the clone return.
    g.event(
        &mut w,
        bash,
        code::PPME_SYSCALL_CLONE_20_X,
        &[
            ("res", V::I(cat as i64)),
            ("exe", V::S("-bash")),
            ("tid", V::I(bash as i64)),
            ("pid", V::I(bash as i64)),
            ("ptid", V::I(800)),
            ("cwd", V::S("/root")),
            ("fdlimit", V::I(1024)),
            ("comm", V::S("bash")),
            ("vtid", V::I(bash as i64)),
            ("vpid", V::I(bash as i64)),
        ],
    )?;
    g.event(
        &mut w,
        cat,
        code::PPME_SYSCALL_CLONE_20_X,
        &[
            ("res", V::I(0)),
            ("exe", V::S("-bash")),
            ("tid", V::I(cat as i64)),
            ("pid", V::I(cat as i64)),
            ("ptid", V::I(bash as i64)),
            ("cwd", V::S("/root")),
            ("fdlimit", V::I(1024)),
            ("comm", V::S("bash")),
            ("vtid", V::I(cat as i64)),
            ("vpid", V::I(cat as i64)),
        ],
    )?;
    // The child becomes `cat /etc/shadow`.
    g.event(
        &mut w,
        cat,
        code::PPME_SYSCALL_EXECVE_19_X,
        &[
            ("res", V::I(0)),
            ("exe", V::S("cat")),
            ("args", V::B(b"/etc/shadow\0")),
            ("tid", V::I(cat as i64)),
            ("pid", V::I(cat as i64)),
            ("ptid", V::I(bash as i64)),
            ("cwd", V::S("/root")),
            ("fdlimit", V::U(1024)),
            ("comm", V::S("cat")),
            ("env", V::B(b"HOME=/root\0PATH=/usr/bin:/bin\0")),
            ("tty", V::U(34816)),
            ("vpgid", V::I(cat as i64)),
            ("loginuid", V::U(0)),
            ("uid", V::U(0)),
            ("trusted_exepath", V::S("/usr/bin/cat")),
            ("pgid", V::I(cat as i64)),
            ("gid", V::U(0)),
            ("filename", V::S("/usr/bin/cat")),
        ],
    )?;
    let rd = o(&["O_RDONLY"]);
    g.event(
        &mut w,
        cat,
        code::PPME_SYSCALL_OPENAT_2_E,
        &[
            ("dirfd", V::I(-100)),
            ("name", V::S("/etc/shadow")),
            ("flags", V::U(rd)),
        ],
    )?;
    g.event(
        &mut w,
        cat,
        code::PPME_SYSCALL_OPENAT_2_X,
        &[
            ("fd", V::I(3)),
            ("dirfd", V::I(-100)),
            ("name", V::S("/etc/shadow")),
            ("flags", V::U(rd)),
            ("dev", V::U(0x801)),
            ("ino", V::U(1_048_650)),
        ],
    )?;
    g.event(
        &mut w,
        cat,
        code::PPME_SYSCALL_READ_X,
        &[
            ("res", V::I(28)),
            ("data", V::B(b"root:*:19000:0:99999:7:::\n")),
            ("fd", V::I(3)),
            ("size", V::U(131_072)),
        ],
    )?;
    g.event(
        &mut w,
        cat,
        code::PPME_SYSCALL_CLOSE_X,
        &[("res", V::I(0)), ("fd", V::I(3))],
    )?;
    g.event(
        &mut w,
        cat,
        code::PPME_PROCEXIT_1_E,
        &[
            ("status", V::I(0)),
            ("ret", V::I(0)),
            ("reaper_tid", V::I(bash as i64)),
        ],
    )?;
    // bash writes below /etc.
    let wr = o(&["O_WRONLY", "O_CREAT", "O_TRUNC"]);
    g.event(
        &mut w,
        bash,
        code::PPME_SYSCALL_OPENAT_2_E,
        &[
            ("dirfd", V::I(-100)),
            ("name", V::S("/etc/demo.conf")),
            ("flags", V::U(wr)),
            ("mode", V::U(0o644)),
        ],
    )?;
    g.event(
        &mut w,
        bash,
        code::PPME_SYSCALL_OPENAT_2_X,
        &[
            ("fd", V::I(3)),
            ("dirfd", V::I(-100)),
            ("name", V::S("/etc/demo.conf")),
            ("flags", V::U(wr | (1 << 14))),
            ("mode", V::U(0o644)),
            ("dev", V::U(0x801)),
            ("ino", V::U(1_048_700)),
        ],
    )?;
    g.event(
        &mut w,
        bash,
        code::PPME_SYSCALL_WRITE_X,
        &[
            ("res", V::I(6)),
            ("data", V::B(b"hello\n")),
            ("fd", V::I(3)),
            ("size", V::U(6)),
        ],
    )?;
    g.event(
        &mut w,
        bash,
        code::PPME_SYSCALL_CLOSE_X,
        &[("res", V::I(0)), ("fd", V::I(3))],
    )?;
    // bash connects to 127.0.0.1:4444 (refused).
    g.event(
        &mut w,
        bash,
        code::PPME_SOCKET_SOCKET_X,
        &[
            ("fd", V::I(3)),
            ("domain", V::U(2)),
            ("type", V::U(1)),
            ("proto", V::U(0)),
        ],
    )?;
    let sockaddr: &[u8] = &[2, 127, 0, 0, 1, 0x5c, 0x11];
    g.event(
        &mut w,
        bash,
        code::PPME_SOCKET_CONNECT_E,
        &[("fd", V::I(3)), ("addr", V::B(sockaddr))],
    )?;
    let tuple: &[u8] = &[2, 127, 0, 0, 1, 0xa0, 0x9c, 127, 0, 0, 1, 0x5c, 0x11];
    g.event(
        &mut w,
        bash,
        code::PPME_SOCKET_CONNECT_X,
        &[
            ("res", V::I(-111)),
            ("tuple", V::B(tuple)),
            ("fd", V::I(3)),
            ("addr", V::B(sockaddr)),
        ],
    )?;
    g.event(
        &mut w,
        bash,
        code::PPME_SYSCALL_CLOSE_X,
        &[("res", V::I(0)), ("fd", V::I(3))],
    )?;
    w.finish()?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_capture_is_current() {
        let path = crate::codegen::repo_root().join(DEMO_PATH);
        let on_disk = std::fs::read(&path).expect("tests/data/demo.scap is committed");
        assert!(
            on_disk == generate().unwrap(),
            "{DEMO_PATH} is stale: run `cargo run -p xtask -- demo-capture` and commit it"
        );
    }

    #[test]
    fn demo_capture_reads_back() {
        let bytes = generate().unwrap();
        let mut r = falco_scap::CaptureReader::from_reader(&bytes[..], DEMO_PATH).unwrap();
        assert_eq!(r.metadata().threads.len(), 3);
        let mut n = 0;
        while let Some(ev) = r.next_event().unwrap() {
            n += 1;
            let info = ev.info().unwrap();
            // Every event carries exactly the parameters of the current table.
            assert_eq!(ev.nparams() as usize, info.params.len(), "{}", info.name);
        }
        assert_eq!(n, 16);
    }
}
