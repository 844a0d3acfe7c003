//! The `proc` and `thread` classes: the process and thread that generated the event, and
//! their ancestors, as the state knows them.

use falco_schema::ParamType;

use super::{ArgKind, Class, Ctx, FieldDef, FieldRef};
use crate::state::{entries, write_caps, State, Thread};
use crate::time::TimeFormatter;
use crate::value::Value;

macro_rules! ids {
    ($($name:ident),* $(,)?) => {
        #[allow(non_camel_case_types, clippy::upper_case_acronyms)]
        #[derive(Clone, Copy, PartialEq, Eq)]
        #[repr(u16)]
        enum Id { $($name),* }
        const ALL_IDS: &[Id] = &[$(Id::$name),*];
    };
}

ids!(
    EXE,
    PEXE,
    AEXE,
    EXEPATH,
    PEXEPATH,
    AEXEPATH,
    NAME,
    PNAME,
    ANAME,
    ARGS,
    AARGS,
    CMDLINE,
    PCMDLINE,
    ACMDLINE,
    CMDNARGS,
    CMDLENARGS,
    EXELINE,
    ENV,
    AENV,
    CWD,
    LOGINSHELLID,
    TTY,
    PID,
    PPID,
    APID,
    VPID,
    PVPID,
    SID,
    SNAME,
    SID_EXE,
    SID_EXEPATH,
    VPGID,
    VPGID_NAME,
    VPGID_EXE,
    VPGID_EXEPATH,
    PGID,
    PGID_NAME,
    PGID_EXE,
    PGID_EXEPATH,
    DURATION,
    PPID_DURATION,
    PID_TS,
    PPID_TS,
    IS_EXE_WRITABLE,
    IS_EXE_UPPER_LAYER,
    IS_EXE_LOWER_LAYER,
    IS_EXE_FROM_MEMFD,
    IS_SID_LEADER,
    IS_VPGID_LEADER,
    IS_PGID_LEADER,
    EXE_INO,
    EXE_INO_CTIME,
    EXE_INO_MTIME,
    EXE_INO_CTIME_DURATION_PROC_START,
    EXE_INO_CTIME_DURATION_PIDNS_START,
    PIDNS_INIT_START_TS,
    CAP_PERMITTED,
    CAP_INHERITABLE,
    CAP_EFFECTIVE,
    FDOPENCOUNT,
    FDLIMIT,
    FDUSAGE,
    VMSIZE,
    VMRSS,
    VMSWAP,
    PFMAJOR,
    PFMINOR,
    ISMAIN,
    VTID,
    NAMETID,
    CGROUPS,
    CGROUP,
    NTHREADS,
    NCHILDS,
    THREAD_VMSIZE,
    THREAD_VMRSS,
    THREAD_VMSIZE_B,
    THREAD_VMRSS_B,
    STDIN_TYPE,
    STDOUT_TYPE,
    STDERR_TYPE,
    STDIN_NAME,
    STDOUT_NAME,
    STDERR_NAME,
);

const fn d(
    name: &'static str,
    ty: ParamType,
    arg: ArgKind,
    list: bool,
    id: Id,
    desc: &'static str,
) -> FieldDef {
    FieldDef {
        name,
        ty,
        arg,
        desc,
        list,
        class: Class::Proc,
        id: id as u16,
    }
}

use ArgKind::{None as NoArg, Optional as Opt, Required as Req};
use Id::*;
use ParamType::{
    Abstime, Bool as PBool, Charbuf, Double as PDouble, Int64, Reltime, Uint32, Uint64,
};

/// The fields of this class; `FIELDS[i].id == i`.
pub(super) static FIELDS: &[FieldDef] = &[
    d("proc.exe", Charbuf, NoArg, false, EXE, "the first command-line argument (argv[0]), usually the executable name"),
    d("proc.pexe", Charbuf, NoArg, false, PEXE, "proc.exe of the parent process"),
    d("proc.aexe", Charbuf, Opt, true, AEXE, "proc.exe of an ancestor: proc.aexe[1] the parent, [2] the grandparent...; without index, any ancestor (in outputs, all of them)"),
    d("proc.exepath", Charbuf, NoArg, false, EXEPATH, "the full path of the executable, symlinks resolved"),
    d("proc.pexepath", Charbuf, NoArg, false, PEXEPATH, "proc.exepath of the parent process"),
    d("proc.aexepath", Charbuf, Opt, true, AEXEPATH, "proc.exepath of an ancestor, by index as proc.aexe; without index, any ancestor"),
    d("proc.name", Charbuf, NoArg, false, NAME, "the process name (task->comm, truncated after 16 characters)"),
    d("proc.pname", Charbuf, NoArg, false, PNAME, "proc.name of the parent process"),
    d("proc.aname", Charbuf, Opt, true, ANAME, "proc.name of an ancestor, by index as proc.aexe; without index, any ancestor"),
    d("proc.args", Charbuf, Opt, false, ARGS, "the arguments after argv[0], space-separated; proc.args[N] is argument N"),
    d("proc.aargs", Charbuf, Opt, false, AARGS, "proc.args of an ancestor, by index as proc.aexe; without index, the arguments of every ancestor, space-separated"),
    d("proc.cmdline", Charbuf, NoArg, false, CMDLINE, "proc.name and proc.args, space-separated"),
    d("proc.pcmdline", Charbuf, NoArg, false, PCMDLINE, "proc.cmdline of the parent process"),
    d("proc.acmdline", Charbuf, Opt, true, ACMDLINE, "proc.cmdline of an ancestor, by index as proc.aexe; without index, any ancestor"),
    d("proc.cmdnargs", Uint64, NoArg, false, CMDNARGS, "number of arguments (proc.args)"),
    d("proc.cmdlenargs", Uint64, NoArg, false, CMDLENARGS, "total length of the arguments, without separators"),
    d("proc.exeline", Charbuf, NoArg, false, EXELINE, "proc.exe and proc.args, space-separated"),
    d("proc.env", Charbuf, Opt, false, ENV, "the environment as 'NAME=value NAME1=value1'; proc.env[NAME] is the value of one variable"),
    d("proc.aenv", Charbuf, Opt, true, AENV, "proc.env of an ancestor: proc.aenv[N] the Nth ([0]: the process), proc.aenv[NAME] the first value of NAME among the ancestors; without a name, filters match any ancestor's environment"),
    d("proc.cwd", Charbuf, NoArg, false, CWD, "the current working directory"),
    d("proc.loginshellid", Int64, NoArg, false, LOGINSHELLID, "pid of the eldest shell among the process and its ancestors"),
    d("proc.tty", Uint32, NoArg, false, TTY, "the controlling terminal (0 for none)"),
    d("proc.pid", Int64, NoArg, false, PID, "the process id"),
    d("proc.ppid", Int64, NoArg, false, PPID, "the parent process id"),
    d("proc.apid", Int64, Opt, true, APID, "pid of an ancestor, by index as proc.aexe; without index, any ancestor (in outputs, the process's pid)"),
    d("proc.vpid", Int64, NoArg, false, VPID, "the process id as seen from its pid namespace"),
    d("proc.pvpid", Int64, NoArg, false, PVPID, "the parent's process id as seen from its pid namespace"),
    d("proc.sid", Int64, NoArg, false, SID, "the session id"),
    d("proc.sname", Charbuf, NoArg, false, SNAME, "proc.name of the session leader (pid = proc.sid, or the eldest ancestor with the same sid)"),
    d("proc.sid.exe", Charbuf, NoArg, false, SID_EXE, "proc.exe of the session leader"),
    d("proc.sid.exepath", Charbuf, NoArg, false, SID_EXEPATH, "proc.exepath of the session leader"),
    d("proc.vpgid", Int64, NoArg, false, VPGID, "the process group id as seen from its pid namespace"),
    d("proc.vpgid.name", Charbuf, NoArg, false, VPGID_NAME, "proc.name of the process group leader"),
    d("proc.vpgid.exe", Charbuf, NoArg, false, VPGID_EXE, "proc.exe of the process group leader"),
    d("proc.vpgid.exepath", Charbuf, NoArg, false, VPGID_EXEPATH, "proc.exepath of the process group leader"),
    d("proc.pgid", Int64, NoArg, false, PGID, "the process group id as seen from the host"),
    d("proc.pgid.name", Charbuf, NoArg, false, PGID_NAME, "proc.name of the process group leader (host ids)"),
    d("proc.pgid.exe", Charbuf, NoArg, false, PGID_EXE, "proc.exe of the process group leader (host ids)"),
    d("proc.pgid.exepath", Charbuf, NoArg, false, PGID_EXEPATH, "proc.exepath of the process group leader (host ids)"),
    d("proc.duration", Reltime, NoArg, false, DURATION, "nanoseconds since the process started"),
    d("proc.ppid.duration", Reltime, NoArg, false, PPID_DURATION, "nanoseconds since the parent process started"),
    d("proc.pid.ts", Reltime, NoArg, false, PID_TS, "start of the process, ns since the epoch"),
    d("proc.ppid.ts", Reltime, NoArg, false, PPID_TS, "start of the parent process, ns since the epoch"),
    d("proc.is_exe_writable", PBool, NoArg, false, IS_EXE_WRITABLE, "true if the executable is writable by the user that runs it"),
    d("proc.is_exe_upper_layer", PBool, NoArg, false, IS_EXE_UPPER_LAYER, "true if the executable is in the upper layer of an overlay file system"),
    d("proc.is_exe_lower_layer", PBool, NoArg, false, IS_EXE_LOWER_LAYER, "true if the executable is in the lower layer of an overlay file system"),
    d("proc.is_exe_from_memfd", PBool, NoArg, false, IS_EXE_FROM_MEMFD, "true if the executable is a memfd (fileless execution)"),
    d("proc.is_sid_leader", PBool, NoArg, false, IS_SID_LEADER, "true if the process leads its session (proc.sid = proc.vpid)"),
    d("proc.is_vpgid_leader", PBool, NoArg, false, IS_VPGID_LEADER, "true if the process leads its process group (proc.vpgid = proc.vpid)"),
    d("proc.is_pgid_leader", PBool, NoArg, false, IS_PGID_LEADER, "true if the process leads its process group (proc.pgid = proc.pid)"),
    d("proc.exe_ino", Int64, NoArg, false, EXE_INO, "inode number of the executable"),
    d("proc.exe_ino.ctime", Abstime, NoArg, false, EXE_INO_CTIME, "last status change of the executable, ns since the epoch"),
    d("proc.exe_ino.mtime", Abstime, NoArg, false, EXE_INO_MTIME, "last modification of the executable, ns since the epoch"),
    d("proc.exe_ino.ctime_duration_proc_start", Abstime, NoArg, false, EXE_INO_CTIME_DURATION_PROC_START, "ns between the executable's status change and the start of the process"),
    d("proc.exe_ino.ctime_duration_pidns_start", Abstime, NoArg, false, EXE_INO_CTIME_DURATION_PIDNS_START, "ns between the start of the pid namespace and the executable's status change"),
    d("proc.pidns_init_start_ts", Uint64, NoArg, false, PIDNS_INIT_START_TS, "start of the pid namespace, ns since the epoch"),
    d("thread.cap_permitted", Charbuf, NoArg, false, CAP_PERMITTED, "the permitted capabilities, as names"),
    d("thread.cap_inheritable", Charbuf, NoArg, false, CAP_INHERITABLE, "the inheritable capabilities, as names"),
    d("thread.cap_effective", Charbuf, NoArg, false, CAP_EFFECTIVE, "the effective capabilities, as names"),
    d("proc.fdopencount", Uint64, NoArg, false, FDOPENCOUNT, "number of open fds of the process"),
    d("proc.fdlimit", Int64, NoArg, false, FDLIMIT, "most fds the process can open"),
    d("proc.fdusage", PDouble, NoArg, false, FDUSAGE, "open fds as a percentage of the limit"),
    d("proc.vmsize", Uint64, NoArg, false, VMSIZE, "virtual memory of the process, kB"),
    d("proc.vmrss", Uint64, NoArg, false, VMRSS, "resident memory of the process, kB"),
    d("proc.vmswap", Uint64, NoArg, false, VMSWAP, "swapped memory of the process, kB"),
    d("thread.pfmajor", Uint64, NoArg, false, PFMAJOR, "major page faults since the thread started"),
    d("thread.pfminor", Uint64, NoArg, false, PFMINOR, "minor page faults since the thread started"),
    d("thread.ismain", PBool, NoArg, false, ISMAIN, "true for the main thread of a process"),
    d("thread.vtid", Int64, NoArg, false, VTID, "the thread id as seen from its pid namespace"),
    d("thread.nametid", Charbuf, NoArg, false, NAMETID, "proc.name and thread.tid concatenated"),
    d("thread.cgroups", Charbuf, NoArg, false, CGROUPS, "the cgroups, as 'subsystem=path' pairs"),
    d("thread.cgroup", Charbuf, Req, false, CGROUP, "the cgroup of one subsystem, e.g. thread.cgroup.cpuacct"),
    d("proc.nthreads", Uint64, NoArg, false, NTHREADS, "number of live threads of the process"),
    d("proc.nchilds", Uint64, NoArg, false, NCHILDS, "number of live threads of the process other than the main one"),
    d("thread.vmsize", Uint64, NoArg, false, THREAD_VMSIZE, "virtual memory of the main thread, kB (0 for other threads)"),
    d("thread.vmrss", Uint64, NoArg, false, THREAD_VMRSS, "resident memory of the main thread, kB (0 for other threads)"),
    d("thread.vmsize.b", Uint64, NoArg, false, THREAD_VMSIZE_B, "virtual memory of the main thread, bytes (0 for other threads)"),
    d("thread.vmrss.b", Uint64, NoArg, false, THREAD_VMRSS_B, "resident memory of the main thread, bytes (0 for other threads)"),
    d("proc.stdin.type", Charbuf, NoArg, false, STDIN_TYPE, "fd.type of the process's stdin"),
    d("proc.stdout.type", Charbuf, NoArg, false, STDOUT_TYPE, "fd.type of the process's stdout"),
    d("proc.stderr.type", Charbuf, NoArg, false, STDERR_TYPE, "fd.type of the process's stderr"),
    d("proc.stdin.name", Charbuf, NoArg, false, STDIN_NAME, "fd.name of the process's stdin"),
    d("proc.stdout.name", Charbuf, NoArg, false, STDOUT_NAME, "fd.name of the process's stdout"),
    d("proc.stderr.name", Charbuf, NoArg, false, STDERR_NAME, "fd.name of the process's stderr"),
];

const _: () = {
    let mut i = 0;
    while i < FIELDS.len() {
        assert!(FIELDS[i].id as usize == i);
        i += 1;
    }
    assert!(FIELDS.len() == ALL_IDS.len());
};

fn id_of(f: &FieldRef) -> Option<Id> {
    ALL_IDS.get(f.def().id as usize).copied()
}

/// The index argument (`proc.aname[2]`), `None` when absent.
fn index(f: &FieldRef) -> Option<Result<u32, ()>> {
    f.arg().map(|a| a.trim().parse::<u32>().map_err(|_| ()))
}

/// Append the arguments of `t`, space-separated.
fn write_args(t: &Thread, out: &mut Vec<u8>) {
    for (i, a) in entries(&t.args).enumerate() {
        if i > 0 {
            out.push(b' ');
        }
        out.extend_from_slice(a);
    }
}

/// Append the command line of `t`: the name it had when its arguments were set (or its
/// current name), then the arguments.
fn write_cmdline(t: &Thread, out: &mut Vec<u8>) {
    let name = if t.cmd_comm.is_empty() {
        &t.comm
    } else {
        &t.cmd_comm
    };
    out.extend_from_slice(name);
    if name.is_empty() && !t.cmd_comm.is_empty() {
        return;
    }
    for a in entries(&t.args) {
        out.push(b' ');
        out.extend_from_slice(a);
    }
}

fn str_of(t: &Thread, which: Id) -> &[u8] {
    match which {
        EXE | PEXE | AEXE | SID_EXE | VPGID_EXE | PGID_EXE => &t.exe,
        EXEPATH | PEXEPATH | AEXEPATH | SID_EXEPATH | VPGID_EXEPATH | PGID_EXEPATH => &t.exepath,
        _ => &t.comm,
    }
}

/// The id the `*.name`/`*.exe`/`*.exepath` leader fields look up by.
fn leader_of<'a>(state: &'a State, t: &'a Thread, which: Id) -> Option<&'a Thread> {
    match which {
        SNAME | SID_EXE | SID_EXEPATH => state.leader(t, |x| x.sid, true),
        VPGID_NAME | VPGID_EXE | VPGID_EXEPATH => state.leader(t, |x| x.vpgid, true),
        _ => state.leader(t, |x| x.pgid, false),
    }
}

/// Which per-thread value an ancestor field reads.
fn ancestor_value<'a>(which: Id, t: &'a Thread, scratch: &mut Vec<u8>) -> Value<'a> {
    match which {
        APID => Value::Int(t.pid),
        ACMDLINE => {
            scratch.clear();
            write_cmdline(t, scratch);
            Value::Str(b"")
        }
        _ => Value::Str(str_of(t, which)),
    }
}

pub(super) fn extract<'a>(
    f: &FieldRef,
    ctx: &Ctx<'a>,
    scratch: &'a mut Vec<u8>,
) -> Option<Value<'a>> {
    let state: &'a State = ctx.state;
    let tid = ctx.ev.tid() as i64;
    let t = state.thread(tid)?;
    let which = id_of(f)?;
    Some(match which {
        EXE | EXEPATH | NAME => Value::Str(str_of(t, which)),
        PEXE | PEXEPATH | PNAME => Value::Str(str_of(state.ancestor_process(tid, 1)?, which)),
        ARGS => {
            scratch.clear();
            match index(f) {
                Some(Ok(i)) => {
                    if let Some(a) = entries(&t.args).nth(i as usize) {
                        scratch.extend_from_slice(a);
                    }
                }
                Some(Err(())) | None => write_args(t, scratch),
            }
            Value::Str(scratch)
        }
        CMDLINE => {
            scratch.clear();
            write_cmdline(t, scratch);
            Value::Str(scratch)
        }
        PCMDLINE => {
            let p = state.ancestor_process(tid, 1)?;
            scratch.clear();
            write_cmdline(p, scratch);
            Value::Str(scratch)
        }
        AEXE | AEXEPATH | ANAME | ACMDLINE | APID => match index(f) {
            Some(Ok(n)) => {
                let a = state.ancestor_process(tid, n)?;
                match which {
                    APID => Value::Int(a.pid),
                    ACMDLINE => {
                        scratch.clear();
                        write_cmdline(a, scratch);
                        Value::Str(scratch)
                    }
                    _ => Value::Str(str_of(a, which)),
                }
            }
            Some(Err(())) => return None,
            None => {
                if which == APID {
                    return Some(Value::Int(state.ancestor_process(tid, 0)?.pid));
                }
                // Every ancestor, space-separated.
                let mt = state.main_thread(tid)?;
                scratch.clear();
                let mut tmp = Vec::new();
                state.for_each_ancestor(mt, &mut |p| {
                    if !scratch.is_empty() {
                        scratch.push(b' ');
                    }
                    if which == ACMDLINE {
                        tmp.clear();
                        write_cmdline(p, &mut tmp);
                        scratch.extend_from_slice(&tmp);
                    } else {
                        scratch.extend_from_slice(str_of(p, which));
                    }
                    true
                });
                if scratch.is_empty() {
                    return None;
                }
                Value::Str(scratch)
            }
        },
        CMDNARGS => Value::Uint(entries(&t.args).count() as u64),
        CMDLENARGS => Value::Uint(entries(&t.args).map(|a| a.len() as u64).sum()),
        EXELINE => {
            scratch.clear();
            scratch.extend_from_slice(&t.exe);
            scratch.push(b' ');
            write_args(t, scratch);
            Value::Str(scratch)
        }
        ENV => {
            scratch.clear();
            match f.arg() {
                Some(name) if !name.is_empty() && !name.bytes().all(|b| b.is_ascii_digit()) => {
                    write_env_var(state, tid, name.as_bytes(), scratch);
                }
                _ => write_env(state, tid, scratch),
            }
            Value::Str(scratch)
        }
        CWD => Value::Str(state.cwd(tid)),
        LOGINSHELLID => {
            let mt = state.main_thread(tid)?;
            let is_shell = |x: &Thread| x.comm.ends_with(b"sh") && x.comm.len() >= 2;
            let mut found = if is_shell(mt) { Some(mt.pid) } else { None };
            state.for_each_ancestor(mt, &mut |p| {
                if is_shell(p) {
                    found = Some(p.pid);
                }
                true
            });
            Value::Int(found?)
        }
        TTY => Value::Uint(t.tty as u64),
        PID => {
            if !(-1..=u32::MAX as i64).contains(&t.pid) {
                return None;
            }
            Value::Int(t.pid)
        }
        PPID => {
            let p = state.ancestor_process(tid, 1)?;
            if !(-1..=u32::MAX as i64).contains(&p.pid) {
                return None;
            }
            Value::Int(p.pid)
        }
        VPID => {
            if t.vpid == -1 {
                return None;
            }
            Value::Int(t.vpid)
        }
        PVPID => Value::Int(state.parent(t)?.vpid),
        SID => Value::Int(t.sid),
        VPGID => Value::Int(t.vpgid),
        PGID => Value::Int(t.pgid),
        SNAME | SID_EXE | SID_EXEPATH | VPGID_NAME | VPGID_EXE | VPGID_EXEPATH | PGID_NAME
        | PGID_EXE | PGID_EXEPATH => match leader_of(state, t, which) {
            Some(l) => Value::Str(str_of(l, which)),
            None => Value::Str(b""),
        },
        DURATION => {
            if t.clone_ts == 0 {
                return None;
            }
            Value::Uint(ctx.ev.ts().wrapping_sub(t.clone_ts))
        }
        PPID_DURATION => {
            let p = state.ancestor_process(tid, 1)?;
            if p.clone_ts == 0 {
                return None;
            }
            Value::Uint(ctx.ev.ts().wrapping_sub(p.clone_ts))
        }
        PID_TS => {
            if t.clone_ts == 0 {
                return None;
            }
            Value::Uint(t.clone_ts)
        }
        PPID_TS => Value::Uint(state.parent(t)?.clone_ts),
        IS_EXE_WRITABLE => Value::Bool(t.exe_writable),
        IS_EXE_UPPER_LAYER => Value::Bool(t.exe_upper_layer),
        IS_EXE_LOWER_LAYER => Value::Bool(t.exe_lower_layer),
        IS_EXE_FROM_MEMFD => Value::Bool(t.exe_from_memfd),
        IS_SID_LEADER => Value::Bool(t.sid == t.vpid),
        IS_VPGID_LEADER => Value::Bool(t.vpgid == t.vpid),
        IS_PGID_LEADER => Value::Bool(t.pgid == t.pid),
        EXE_INO => nonzero(t.exe_ino).map(|v| Value::Int(v as i64))?,
        EXE_INO_CTIME => Value::Uint(nonzero(t.exe_ino_ctime)?),
        EXE_INO_MTIME => Value::Uint(nonzero(t.exe_ino_mtime)?),
        EXE_INO_CTIME_DURATION_PROC_START => {
            Value::Uint(nonzero(t.exe_ino_ctime_duration_clone_ts)?)
        }
        EXE_INO_CTIME_DURATION_PIDNS_START => {
            Value::Uint(nonzero(t.exe_ino_ctime_duration_pidns_start)?)
        }
        PIDNS_INIT_START_TS => Value::Uint(nonzero(t.pidns_init_start_ts)?),
        CAP_PERMITTED | CAP_INHERITABLE | CAP_EFFECTIVE => {
            let caps = match which {
                CAP_PERMITTED => t.cap_permitted,
                CAP_INHERITABLE => t.cap_inheritable,
                _ => t.cap_effective,
            };
            scratch.clear();
            write_caps(caps, scratch);
            Value::Str(scratch)
        }
        FDOPENCOUNT => Value::Uint(state.main_thread(tid).map_or(0, |m| m.fds.len() as u64)),
        FDLIMIT => Value::Int(state.main_thread(tid).map_or(0, |m| m.fdlimit)),
        FDUSAGE => {
            let (open, limit): (f64, i64) = state
                .main_thread(tid)
                .map_or((0.0, 0), |m| (m.fds.len() as f64, m.fdlimit));
            Value::Double(if limit > 0 {
                (open * 100.0 / limit as f64).min(100.0)
            } else {
                0.0
            })
        }
        VMSIZE => Value::Uint(t.vmsize_kb as u64),
        VMRSS => Value::Uint(t.vmrss_kb as u64),
        VMSWAP => Value::Uint(t.vmswap_kb as u64),
        PFMAJOR => Value::Uint(t.pfmajor),
        PFMINOR => Value::Uint(t.pfminor),
        ISMAIN => Value::Bool(t.is_main_thread()),
        VTID => {
            if t.vtid == -1 {
                return None;
            }
            Value::Int(t.vtid)
        }
        NAMETID => {
            scratch.clear();
            scratch.extend_from_slice(&t.comm);
            scratch.extend_from_slice(itoa::Buffer::new().format(tid).as_bytes());
            Value::Str(scratch)
        }
        CGROUPS => {
            scratch.clear();
            for (i, (s, p)) in t.cgroups().enumerate() {
                if i > 0 {
                    scratch.push(b' ');
                }
                scratch.extend_from_slice(s);
                scratch.push(b'=');
                scratch.extend_from_slice(p);
            }
            if scratch.is_empty() {
                return None;
            }
            Value::Str(scratch)
        }
        CGROUP => {
            let want = f.arg()?.as_bytes();
            let (_, p) = t.cgroups().find(|(s, _)| *s == want)?;
            Value::Str(p)
        }
        NTHREADS | NCHILDS => {
            let pid = t.pid;
            let alive = state
                .threads()
                .filter(|x| x.pid == pid && !x.is_dead())
                .count() as u64;
            if which == NTHREADS {
                Value::Uint(alive)
            } else {
                let main_alive = state.main_thread(tid).is_some_and(|m| !m.is_dead());
                Value::Uint(alive.saturating_sub(main_alive as u64))
            }
        }
        THREAD_VMSIZE => Value::Uint(if t.is_main_thread() {
            t.vmsize_kb as u64
        } else {
            0
        }),
        THREAD_VMRSS => Value::Uint(if t.is_main_thread() {
            t.vmrss_kb as u64
        } else {
            0
        }),
        THREAD_VMSIZE_B | THREAD_VMRSS_B => {
            let kb = match which {
                THREAD_VMSIZE_B => t.vmsize_kb,
                _ => t.vmrss_kb,
            };
            Value::Uint(if t.is_main_thread() {
                kb as u64 * 1024
            } else {
                0
            })
        }
        AARGS => {
            scratch.clear();
            match index(f) {
                Some(Ok(n)) => write_args(state.ancestor_process(tid, n)?, scratch),
                Some(Err(())) => return None,
                None => {
                    // Every ancestor's arguments, a space before each but the first
                    // non-empty start (libsinsp's separator rule).
                    let mt = state.main_thread(tid)?;
                    state.for_each_ancestor(mt, &mut |p| {
                        if !scratch.is_empty() {
                            scratch.push(b' ');
                        }
                        write_args(p, scratch);
                        true
                    });
                    if scratch.is_empty() {
                        return None;
                    }
                }
            }
            Value::Str(scratch)
        }
        AENV => {
            scratch.clear();
            match aenv_arg(f) {
                AenvArg::Own => write_env(state, tid, scratch),
                AenvArg::Level(n) => {
                    // n parents up, by parent thread id (not through main threads).
                    let Some(mut a) = state.main_thread(tid) else {
                        return Some(Value::Str(b""));
                    };
                    for _ in 0..n {
                        a = state.thread(a.ptid)?;
                    }
                    write_env(state, a.tid, scratch);
                }
                AenvArg::Name(name) => {
                    let Some(mut a) = state.main_thread(tid) else {
                        return Some(Value::Str(b""));
                    };
                    for _ in 0..AENV_MAX_LEVELS {
                        let Some(p) = state.thread(a.ptid) else {
                            break;
                        };
                        a = p;
                        write_env_var(state, a.tid, name.as_bytes(), scratch);
                        if !scratch.is_empty() {
                            break;
                        }
                    }
                }
            }
            Value::Str(scratch)
        }
        STDIN_TYPE | STDOUT_TYPE | STDERR_TYPE | STDIN_NAME | STDOUT_NAME | STDERR_NAME => {
            let n = match which {
                STDIN_TYPE | STDIN_NAME => 0,
                STDOUT_TYPE | STDOUT_NAME => 1,
                _ => 2,
            };
            let fd = state.fd_info(tid, n)?;
            match which {
                STDIN_TYPE | STDOUT_TYPE | STDERR_TYPE => {
                    Value::Str(fd.type_name().unwrap_or("<NA>").as_bytes())
                }
                _ => Value::Str(&fd.name),
            }
        }
    })
}

/// Append the environment of `tid`'s process, space-separated.
fn write_env(state: &State, tid: i64, out: &mut Vec<u8>) {
    for (i, e) in state.env(tid).enumerate() {
        if i > 0 {
            out.push(b' ');
        }
        out.extend_from_slice(e);
    }
}

/// Append the value of variable `name` in the environment of `tid`'s process, without
/// leading and trailing spaces (nothing when it is not set).
fn write_env_var(state: &State, tid: i64, name: &[u8], out: &mut Vec<u8>) {
    for e in state.env(tid) {
        if e.len() > name.len() + 1 && e.starts_with(name) && e[name.len()] == b'=' {
            let v = &e[name.len() + 1..];
            if let Some(s) = v.iter().position(|&c| c != b' ') {
                let end = v.iter().rposition(|&c| c != b' ').unwrap_or(s);
                out.extend_from_slice(&v[s..=end]);
            }
            return;
        }
    }
}

/// How far up `proc.aenv[NAME]` looks for a variable (libsinsp's limit).
const AENV_MAX_LEVELS: usize = 20;

/// The argument of `proc.aenv`: none, `[0]` (the process's own environment), `[N]` (the
/// Nth parent's) or `[NAME]` (a variable).
enum AenvArg<'a> {
    Own,
    Level(u32),
    Name(&'a str),
}

fn aenv_arg(f: &FieldRef) -> AenvArg<'_> {
    match f.arg() {
        None | Some("") => AenvArg::Own,
        Some(a) if a.bytes().all(|b| b.is_ascii_digit()) => match a.parse::<u32>() {
            Ok(0) | Err(_) => AenvArg::Own,
            Ok(n) => AenvArg::Level(n),
        },
        Some(a) => AenvArg::Name(a),
    }
}

fn nonzero(v: u64) -> Option<u64> {
    (v != 0).then_some(v)
}

pub(super) fn render(
    f: &FieldRef,
    ctx: &Ctx<'_>,
    _tf: &mut TimeFormatter,
    scratch: &mut Vec<u8>,
    out: &mut Vec<u8>,
) -> bool {
    match extract(f, ctx, scratch) {
        Some(v) => {
            v.write_text(out);
            true
        }
        None => false,
    }
}

/// `proc.aname`, `proc.aexe`, `proc.aexepath`, `proc.acmdline` and `proc.apid` without an
/// index: every ancestor's value (parent first); with an index, that ancestor's.
pub(super) fn extract_all<'a>(
    f: &FieldRef,
    ctx: &Ctx<'a>,
    scratch: &'a mut Vec<u8>,
    cb: &mut dyn FnMut(Value<'_>) -> bool,
) -> bool {
    let which = id_of(f);
    // libsinsp compares proc.aenv with every ancestor's environment whenever no variable
    // name is given, even with an index (proc.aenv[2]).
    let any = (f.arg().is_none()
        && matches!(which, Some(AEXE | AEXEPATH | ANAME | ACMDLINE | APID)))
        || (which == Some(AENV) && !matches!(aenv_arg(f), AenvArg::Name(_)));
    if !any {
        return match extract(f, ctx, scratch) {
            Some(v) => cb(v),
            None => false,
        };
    }
    let which = which.expect("checked");
    let state = ctx.state;
    let tid = ctx.ev.tid() as i64;
    let Some(mt) = state.main_thread(tid) else {
        return false;
    };
    let mut hit = false;
    state.for_each_ancestor(mt, &mut |p| {
        let v = if which == AENV {
            scratch.clear();
            write_env(state, p.tid, scratch);
            Value::Str(&scratch[..])
        } else {
            let v = ancestor_value(which, p, scratch);
            if which == ACMDLINE {
                Value::Str(&scratch[..])
            } else {
                v
            }
        };
        if cb(v) {
            hit = true;
            return false;
        }
        true
    });
    hit
}

#[cfg(test)]
mod tests {
    use falco_scap::meta::{FdDetails, FdInfo, FdList, ThreadInfo};
    use falco_scap::{EventBuilder, Metadata};
    use falco_schema::code;

    use crate::fields::{Ctx, FieldRef};
    use crate::state::State;
    use crate::value::Value;

    fn ti(tid: u64, ptid: u64, comm: &str, args: &[u8]) -> ThreadInfo {
        ThreadInfo {
            tid,
            pid: tid,
            ptid,
            comm: comm.into(),
            exe: comm.into(),
            exepath: format!("/bin/{comm}").into_bytes(),
            args: args.to_vec(),
            cwd: b"/home".to_vec(),
            env: b"HOME=/root\0TERM=xterm\0".to_vec(),
            cap_effective: (1 << 21) | 1,
            cgroups:
                b"cpu=/docker/3ad7b26ded6d8e7b23da7d48fe889434573036c27ae5a74837233de441c3601e\0"
                    .to_vec(),
            ..ThreadInfo::default()
        }
    }

    fn state() -> State {
        let mut s = State::new();
        let mut host = ti(100, 1, "bash", b"-i\0");
        host.cgroups.clear();
        s.load_metadata(&Metadata {
            threads: vec![
                ti(1, 0, "systemd", b""),
                host,
                ti(200, 100, "cat", b"a b\0c\0"),
            ],
            fds: vec![FdList {
                tid: 200,
                fds: vec![FdInfo {
                    fd: 3,
                    ino: 0,
                    ty: crate::state::fd_kind::IPV4_SOCK,
                    details: FdDetails::Ipv4 {
                        sip: [10, 0, 0, 1],
                        dip: [10, 0, 0, 2],
                        sport: 40000,
                        dport: 443,
                        l4proto: 2,
                    },
                }],
            }],
            ..Metadata::default()
        });
        s
    }

    fn text(s: &State, tid: u64, ty: u16, params: &[&[u8]], field: &str) -> Option<String> {
        let mut b = EventBuilder::new();
        b.begin(1, tid, ty);
        for p in params {
            b.param(p);
        }
        let ev = b.event();
        let f = FieldRef::parse(field).unwrap();
        let mut scratch = Vec::new();
        let ctx = Ctx { ev: &ev, state: s };
        let mut out = Vec::new();
        let mut tf = crate::time::TimeFormatter::new();
        f.render(&ctx, &mut tf, &mut scratch, &mut out)
            .then(|| String::from_utf8(out).unwrap())
    }

    #[test]
    fn process_and_ancestor_fields() {
        let s = state();
        let g = |field| text(&s, 200, code::PPME_SYSCALL_GETUID_X, &[&[0; 4]], field);
        assert_eq!(g("proc.name").as_deref(), Some("cat"));
        assert_eq!(g("proc.pname").as_deref(), Some("bash"));
        assert_eq!(g("proc.ppid").as_deref(), Some("100"));
        assert_eq!(g("proc.aname[2]").as_deref(), Some("systemd"));
        assert_eq!(g("proc.aname[0]").as_deref(), Some("cat"));
        assert_eq!(g("proc.aname[3]"), None);
        assert_eq!(g("proc.aname").as_deref(), Some("bash systemd"));
        assert_eq!(g("proc.apid[1]").as_deref(), Some("100"));
        assert_eq!(g("proc.cmdline").as_deref(), Some("cat a b c"));
        assert_eq!(g("proc.args").as_deref(), Some("a b c"));
        assert_eq!(g("proc.args[1]").as_deref(), Some("c"));
        assert_eq!(g("proc.pcmdline").as_deref(), Some("bash -i"));
        assert_eq!(g("proc.cwd").as_deref(), Some("/home/"));
        assert_eq!(g("proc.env[TERM]").as_deref(), Some("xterm"));
        assert_eq!(g("proc.env").as_deref(), Some("HOME=/root TERM=xterm"));
        assert_eq!(
            g("thread.cap_effective").as_deref(),
            Some("CAP_CHOWN CAP_SYS_ADMIN")
        );
        assert_eq!(g("proc.exepath").as_deref(), Some("/bin/cat"));
        assert_eq!(g("container.id").as_deref(), Some("3ad7b26ded6d"));
        assert_eq!(g("container.name"), None);
        assert_eq!(g("user.name").as_deref(), Some("root"));
        assert_eq!(g("user.loginuid").as_deref(), Some("-1"));
        let h = |field| text(&s, 100, code::PPME_SYSCALL_GETUID_X, &[&[0; 4]], field);
        assert_eq!(h("container.id").as_deref(), Some("host"));
        assert_eq!(h("container.name").as_deref(), Some("host"));
        assert_eq!(
            text(&s, 999, code::PPME_SCHEDSWITCH_6_E, &[], "proc.name"),
            None
        );
    }

    #[test]
    fn any_ancestor_matches() {
        let s = state();
        let mut b = EventBuilder::new();
        b.begin(1, 200, code::PPME_SYSCALL_GETUID_X);
        b.param(&[0; 4]);
        let ev = b.event();
        let ctx = Ctx { ev: &ev, state: &s };
        let f = FieldRef::parse("proc.aname").unwrap();
        assert!(f.is_list());
        let mut seen = Vec::new();
        let mut scratch = Vec::new();
        let hit = f.extract_all(&ctx, &mut scratch, &mut |v| {
            if let Value::Str(x) = v {
                seen.push(String::from_utf8_lossy(x).into_owned());
            }
            false
        });
        assert!(!hit);
        assert_eq!(seen, ["bash", "systemd"]);
        let mut scratch = Vec::new();
        assert!(f.extract_all(&ctx, &mut scratch, &mut |v| v == Value::Str(b"systemd")));
        let f = FieldRef::parse("proc.apid").unwrap();
        let mut scratch = Vec::new();
        assert!(f.extract_all(&ctx, &mut scratch, &mut |v| v == Value::Int(1)));
    }

    #[test]
    fn fd_fields_of_the_event() {
        let mut s = state();
        let mut b = EventBuilder::new();
        b.begin(1, 200, code::PPME_SYSCALL_READ_X);
        for p in [
            &(-11i64).to_le_bytes()[..],
            b"",
            &3i64.to_le_bytes(),
            &[0; 4],
        ] {
            b.param(p);
        }
        let ev = b.event();
        // Fields of an event see the state updated with it.
        s.process(&ev);
        let ctx = Ctx { ev: &ev, state: &s };
        let read = |field: &str| {
            let f = FieldRef::parse(field).unwrap();
            let (mut scratch, mut out) = (Vec::new(), Vec::new());
            let mut tf = crate::time::TimeFormatter::new();
            f.render(&ctx, &mut tf, &mut scratch, &mut out)
                .then(|| String::from_utf8(out).unwrap())
        };
        assert_eq!(read("fd.num").as_deref(), Some("3"));
        assert_eq!(
            read("fd.name").as_deref(),
            Some("10.0.0.1:40000->10.0.0.2:443")
        );
        assert_eq!(read("fd.typechar").as_deref(), Some("4"));
        assert_eq!(read("fd.type").as_deref(), Some("ipv4"));
        assert_eq!(read("fd.l4proto").as_deref(), Some("tcp"));
        assert_eq!(read("fd.cip").as_deref(), Some("10.0.0.1"));
        assert_eq!(read("fd.sport").as_deref(), Some("443"));
        assert_eq!(read("fd.sockfamily").as_deref(), Some("ip"));
        assert_eq!(read("fd.directory"), None);
        let f = FieldRef::parse("fd.ip").unwrap();
        let mut scratch = Vec::new();
        assert!(f.extract_all(&ctx, &mut scratch, &mut |v| v == Value::Ipv4([10, 0, 0, 2])));
        let f = FieldRef::parse("fd.port").unwrap();
        let mut scratch = Vec::new();
        assert!(f.extract_all(&ctx, &mut scratch, &mut |v| v == Value::Uint(40000)));
        // Not an fd event: no fd fields.
        assert_eq!(
            text(&s, 200, code::PPME_SYSCALL_GETUID_X, &[&[0; 4]], "fd.num"),
            None
        );
    }

    #[test]
    fn ancestor_arguments_and_environments() {
        let mut s = State::new();
        let mut sysd = ti(1, 0, "systemd", b"");
        sysd.env = b"PATH=/sbin\0LEVEL=0\0".to_vec();
        let mut bash = ti(100, 1, "bash", b"-i\0");
        bash.env = b"LEVEL=1\0SECRET= s3 \0".to_vec();
        bash.vmsize_kb = 328;
        bash.vmrss_kb = 4;
        let mut cat = ti(200, 100, "cat", b"a b\0c\0");
        cat.env = b"LEVEL=2\0".to_vec();
        // A second thread of bash.
        let mut th = ti(101, 100, "bash", b"-i\0");
        th.pid = 100;
        th.vmsize_kb = 328;
        s.load_metadata(&Metadata {
            threads: vec![sysd, bash, cat, th],
            ..Metadata::default()
        });
        let g = |tid, field| text(&s, tid, code::PPME_SYSCALL_GETUID_X, &[&[0; 4]], field);
        // proc.aargs: by index (0: the process itself), or every ancestor's.
        assert_eq!(g(200, "proc.aargs[0]").as_deref(), Some("a b c"));
        assert_eq!(g(200, "proc.aargs[1]").as_deref(), Some("-i"));
        // systemd has no arguments: an empty value, not a missing one.
        assert_eq!(g(200, "proc.aargs[2]").as_deref(), Some(""));
        assert_eq!(g(200, "proc.aargs[3]"), None);
        // Parent first; the empty arguments of systemd still get their separator.
        assert_eq!(g(200, "proc.aargs").as_deref(), Some("-i "));
        // No ancestor with arguments at all: missing.
        assert_eq!(g(1, "proc.aargs"), None);
        // proc.aenv: without argument or with [0], the process's own environment.
        assert_eq!(g(200, "proc.aenv").as_deref(), Some("LEVEL=2"));
        assert_eq!(g(200, "proc.aenv[0]").as_deref(), Some("LEVEL=2"));
        assert_eq!(
            g(200, "proc.aenv[2]").as_deref(),
            Some("PATH=/sbin LEVEL=0")
        );
        assert_eq!(g(200, "proc.aenv[3]"), None);
        // [NAME]: the first ancestor (not the process itself) that has it, trimmed.
        assert_eq!(g(200, "proc.aenv[LEVEL]").as_deref(), Some("1"));
        assert_eq!(g(200, "proc.aenv[SECRET]").as_deref(), Some("s3"));
        assert_eq!(g(200, "proc.aenv[PATH]").as_deref(), Some("/sbin"));
        assert_eq!(g(200, "proc.aenv[NOPE]").as_deref(), Some(""));
        // Bytes of memory, for main threads only.
        assert_eq!(g(100, "thread.vmsize.b").as_deref(), Some("335872"));
        assert_eq!(g(100, "thread.vmrss.b").as_deref(), Some("4096"));
        assert_eq!(g(101, "thread.vmsize.b").as_deref(), Some("0"));
        assert_eq!(g(101, "thread.vmsize").as_deref(), Some("0"));

        // In filters, proc.aenv without a variable name matches any ancestor's environment
        // (libsinsp ignores the index there); proc.aargs compares its one value.
        let filter = |cond: &str| {
            let mut f =
                crate::filter::Filter::compile(&crate::filter::parse(cond).unwrap()).unwrap();
            let mut b = EventBuilder::new();
            b.begin(1, 200, code::PPME_SYSCALL_GETUID_X);
            b.param(&[0; 4]);
            let ev = b.event();
            f.eval(&Ctx { ev: &ev, state: &s })
        };
        assert!(filter("proc.aenv contains \"PATH=/sbin\""));
        assert!(filter("proc.aenv[1] contains \"PATH=/sbin\""));
        assert!(!filter("proc.aenv contains \"LEVEL=2\""));
        assert!(filter("proc.aenv[LEVEL] = 1"));
        assert!(filter("proc.aargs = \"-i \""));
        assert!(!filter("proc.aargs = -i"));
    }

    #[test]
    fn fd_types_of_the_process() {
        let mut s = state();
        s.load_metadata(&Metadata {
            fds: vec![FdList {
                tid: 200,
                fds: vec![
                    FdInfo {
                        fd: 0,
                        ino: 0,
                        ty: crate::state::fd_kind::FIFO,
                        details: FdDetails::Named(b"pipe:[1]".to_vec()),
                    },
                    FdInfo {
                        fd: 7,
                        ino: 0,
                        ty: crate::state::fd_kind::FILE_V2,
                        details: FdDetails::Named(b"/etc/passwd".to_vec()),
                    },
                    FdInfo {
                        fd: 9,
                        ino: 0,
                        ty: crate::state::fd_kind::FIFO,
                        details: FdDetails::Named(b"pipe:[2]".to_vec()),
                    },
                    FdInfo {
                        fd: 3,
                        ino: 0,
                        ty: crate::state::fd_kind::IPV4_SOCK,
                        details: FdDetails::Ipv4 {
                            sip: [10, 0, 0, 1],
                            dip: [10, 0, 0, 2],
                            sport: 40000,
                            dport: 443,
                            l4proto: 2,
                        },
                    },
                ],
            }],
            ..Metadata::default()
        });
        // close enter on fd 7: an fd event.
        let close = |field| {
            text(
                &s,
                200,
                code::PPME_SYSCALL_CLOSE_E,
                &[&7i64.to_le_bytes()],
                field,
            )
        };
        assert_eq!(close("fd.types").as_deref(), Some("(pipe,ipv4,file)"));
        assert_eq!(close("fd.types[3]").as_deref(), Some("(ipv4)"));
        assert_eq!(close("fd.types[5]"), None);
        // Not an fd event: nothing.
        assert_eq!(
            text(&s, 200, code::PPME_SYSCALL_GETUID_X, &[&[0; 4]], "fd.types"),
            None
        );
        // In filters, `in` and `intersects` take the list as a whole.
        let filter = |cond: &str| {
            let mut f =
                crate::filter::Filter::compile(&crate::filter::parse(cond).unwrap()).unwrap();
            let mut b = EventBuilder::new();
            b.begin(1, 200, code::PPME_SYSCALL_CLOSE_E);
            b.param(&7i64.to_le_bytes());
            let ev = b.event();
            f.eval(&Ctx { ev: &ev, state: &s })
        };
        assert!(filter("fd.types intersects (ipv4, unix)"));
        assert!(!filter("fd.types intersects (ipv6, unix)"));
        assert!(filter("fd.types in (file, pipe, ipv4, unix)"));
        assert!(!filter("fd.types in (file, pipe)"));
    }
}
