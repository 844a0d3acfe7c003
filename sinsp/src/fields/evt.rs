//! The `evt` class: fields of the event itself — its number, time, type, parameters (as
//! text and raw), return value and what kind of event it is — and `thread.tid`.
//!
//! Semantics are those of current libsinsp (`sinsp_filtercheck_gen_event.cpp` and
//! `sinsp_filtercheck_event.cpp`); parameter text is built by [`super::args`]. A few fields
//! look at the state: the fd the event used (`evt.category` of I/O events, `evt.buflen`,
//! `evt.is_syslog`) and, through the parameter text, fds, threads, users and groups.
//!
//! `evt.hostname` is defined (rule outputs use it) but has no value yet: the machine's
//! name, from the capture's machine-info block or the live host, is not exposed by the
//! state.
//!
//! The `fs.path.*` fields (libsinsp's `fs.path` class, sinsp_filtercheck_fspath.cpp) are
//! here too: like `evt.abspath*`, they are the event's path arguments, resolved.
//!
//! `evt.reltime*` count from the first event that is not a meta-event, which the state
//! records; `evt.deltatime*` from the previous event the same field reference was
//! evaluated for, which the reference remembers ([`super::Memo`]), as libsinsp's filter
//! checks do. No plugin is ever loaded: `evt.pluginname` and `evt.plugininfo` have no value.
//!
//! Not provided (not used by the upstream rules nor by sysdig's default output):
//! `evt.around`, `evt.infra.*`.

use falco_scap::Event;
use falco_schema::{category, code, eflags, syscalls, ParamType};

use super::args::{self, Style};
use super::{ArgKind, Class, Ctx, FieldDef, FieldRef};
use crate::time::TimeFormatter;
use crate::value::Value;

// Field ids of this class (indexes into FIELDS).
const NUM: u16 = 0;
const TIME: u16 = 1;
const TIME_S: u16 = 2;
const TIME_ISO8601: u16 = 3;
const DATETIME: u16 = 4;
const DATETIME_S: u16 = 5;
const RAWTIME: u16 = 6;
const RAWTIME_S: u16 = 7;
const RAWTIME_NS: u16 = 8;
const SOURCE: u16 = 9;
const IS_ASYNC: u16 = 10;
const HOSTNAME: u16 = 11;
const LATENCY: u16 = 12;
const LATENCY_S: u16 = 13;
const LATENCY_NS: u16 = 14;
const LATENCY_HUMAN: u16 = 15;
const OUTPUTTIME: u16 = 16;
const DIR: u16 = 17;
const TYPE: u16 = 18;
const TYPE_IS: u16 = 19;
const SYSCALL_TYPE: u16 = 20;
const CATEGORY: u16 = 21;
const CPU: u16 = 22;
const ARGS: u16 = 23;
const ARG: u16 = 24;
const RAWARG: u16 = 25;
const INFO: u16 = 26;
const BUFFER: u16 = 27;
const BUFLEN: u16 = 28;
const RES: u16 = 29;
const RAWRES: u16 = 30;
const FAILED: u16 = 31;
const IS_IO: u16 = 32;
const IS_IO_READ: u16 = 33;
const IS_IO_WRITE: u16 = 34;
const IO_DIR: u16 = 35;
const IS_WAIT: u16 = 36;
const WAIT_LATENCY: u16 = 37;
const IS_SYSLOG: u16 = 38;
const COUNT: u16 = 39;
const COUNT_ERROR: u16 = 40;
const COUNT_ERROR_FILE: u16 = 41;
const COUNT_ERROR_NET: u16 = 42;
const COUNT_ERROR_MEMORY: u16 = 43;
const COUNT_ERROR_OTHER: u16 = 44;
const COUNT_EXIT: u16 = 45;
const IS_OPEN_READ: u16 = 46;
const IS_OPEN_WRITE: u16 = 47;
const IS_OPEN_EXEC: u16 = 48;
const IS_OPEN_CREATE: u16 = 49;
const RELTIME: u16 = 50;
const RELTIME_S: u16 = 51;
const RELTIME_NS: u16 = 52;
const DELTATIME: u16 = 53;
const DELTATIME_S: u16 = 54;
const DELTATIME_NS: u16 = 55;
const LATENCY_QUANTIZED: u16 = 56;
const BUFLEN_IN: u16 = 57;
const BUFLEN_OUT: u16 = 58;
const BUFLEN_FILE: u16 = 59;
const BUFLEN_FILE_IN: u16 = 60;
const BUFLEN_FILE_OUT: u16 = 61;
const BUFLEN_NET: u16 = 62;
const BUFLEN_NET_IN: u16 = 63;
const BUFLEN_NET_OUT: u16 = 64;
const COUNT_PROCINFO: u16 = 65;
const COUNT_THREADINFO: u16 = 66;
const ASYNCTYPE: u16 = 67;
const PLUGINNAME: u16 = 68;
const PLUGININFO: u16 = 69;
const TID: u16 = 70;
const ABSPATH: u16 = 71;
const ABSPATH_SRC: u16 = 72;
const ABSPATH_DST: u16 = 73;
const FS_NAME: u16 = 74;
const FS_NAMERAW: u16 = 75;
const FS_SOURCE: u16 = 76;
const FS_SOURCERAW: u16 = 77;
const FS_TARGET: u16 = 78;
const FS_TARGETRAW: u16 = 79;
const AROUND: u16 = 80;

const fn def(
    name: &'static str,
    ty: ParamType,
    arg: ArgKind,
    id: u16,
    desc: &'static str,
) -> FieldDef {
    FieldDef {
        name,
        ty,
        arg,
        desc,
        list: false,
        class: Class::Evt,
        id,
    }
}

const fn plain(name: &'static str, ty: ParamType, id: u16, desc: &'static str) -> FieldDef {
    def(name, ty, ArgKind::None, id, desc)
}

use ParamType as T;

/// The fields of this class; `FIELDS[i].id == i`.
pub(super) static FIELDS: &[FieldDef] = &[
    plain(
        "evt.num",
        T::Uint64,
        NUM,
        "event number: the event's position in the capture or the live stream",
    ),
    plain(
        "evt.time",
        T::Charbuf,
        TIME,
        "event timestamp as local time of day, with nanoseconds",
    ),
    plain(
        "evt.time.s",
        T::Charbuf,
        TIME_S,
        "event timestamp as local time of day, whole seconds",
    ),
    plain(
        "evt.time.iso8601",
        T::Charbuf,
        TIME_ISO8601,
        "event timestamp in ISO 8601 form, UTC, with nanoseconds and the +0000 offset",
    ),
    plain(
        "evt.datetime",
        T::Charbuf,
        DATETIME,
        "event timestamp as local date and time of day, with nanoseconds",
    ),
    plain(
        "evt.datetime.s",
        T::Charbuf,
        DATETIME_S,
        "event timestamp as local date and time of day, whole seconds",
    ),
    plain(
        "evt.rawtime",
        T::Abstime,
        RAWTIME,
        "event timestamp in nanoseconds since the epoch",
    ),
    plain(
        "evt.rawtime.s",
        T::Abstime,
        RAWTIME_S,
        "whole seconds of the event timestamp since the epoch",
    ),
    plain(
        "evt.rawtime.ns",
        T::Abstime,
        RAWTIME_NS,
        "nanoseconds within the second of the event timestamp (nine digits)",
    ),
    plain(
        "evt.source",
        T::Charbuf,
        SOURCE,
        "the event source that produced the event: syscall",
    ),
    plain(
        "evt.is_async",
        T::Bool,
        IS_ASYNC,
        "true for events generated asynchronously by the framework rather than by a thread",
    ),
    plain(
        "evt.hostname",
        T::Charbuf,
        HOSTNAME,
        "name of the host the event happened on",
    ),
    plain(
        "evt.latency",
        T::Reltime,
        LATENCY,
        "deprecated: always 0 (was the time between an enter event and its exit)",
    ),
    plain(
        "evt.latency.s",
        T::Reltime,
        LATENCY_S,
        "deprecated: always 0 (whole seconds of evt.latency)",
    ),
    plain(
        "evt.latency.ns",
        T::Reltime,
        LATENCY_NS,
        "deprecated: always 000000000 (nanoseconds of evt.latency)",
    ),
    plain(
        "evt.latency.human",
        T::Charbuf,
        LATENCY_HUMAN,
        "deprecated: always 0ns (evt.latency as text)",
    ),
    plain(
        "evt.outputtime",
        T::Charbuf,
        OUTPUTTIME,
        "event timestamp for output lines: as evt.time",
    ),
    plain(
        "evt.dir",
        T::Charbuf,
        DIR,
        "event direction: '>' for enter events, '<' for exit events",
    ),
    plain(
        "evt.type",
        T::Charbuf,
        TYPE,
        "event type name, e.g. open or execve",
    ),
    def(
        "evt.type.is",
        T::Uint32,
        ArgKind::Required,
        TYPE_IS,
        "1 if the event has the given type (name or code, e.g. evt.type.is.open), else 0",
    ),
    plain(
        "syscall.type",
        T::Charbuf,
        SYSCALL_TYPE,
        "for syscall events, the syscall name; absent for other events (scheduler, internal)",
    ),
    plain(
        "evt.category",
        T::Charbuf,
        CATEGORY,
        "event category: file, net, IPC, memory, process, sleep, system, signal, user, time, \
         wait, scheduler, other...; I/O events take the category of their fd (file, net, ipc)",
    ),
    plain(
        "evt.cpu",
        T::Int16,
        CPU,
        "number of the CPU (ring buffer) the event was captured on",
    ),
    plain(
        "evt.args",
        T::Charbuf,
        ARGS,
        "all the event parameters as text, name=value separated by spaces; values that \
         resolve (fds, flags, errors, pids, users) are followed by their meaning in brackets",
    ),
    def(
        "evt.arg",
        T::Charbuf,
        ArgKind::Required,
        ARG,
        "one event parameter as text, by name (evt.arg.fd) or position (evt.arg[0]); \
         resolved when possible: an fd as its name, flags as their names, an error as its name",
    ),
    def(
        "evt.rawarg",
        T::Dyn,
        ArgKind::Required,
        RAWARG,
        "an event parameter by name, as its raw value, e.g. evt.rawarg.fd",
    ),
    plain(
        "evt.info",
        T::Charbuf,
        INFO,
        "the event's summary as sysdig shows it: the same as evt.args",
    ),
    plain(
        "evt.buffer",
        T::Bytebuf,
        BUFFER,
        "the data buffer of I/O events (read, write, sendto...): raw bytes in filters, \
         printable text (others as '.') in outputs",
    ),
    plain(
        "evt.buflen",
        T::Uint64,
        BUFLEN,
        "for successful I/O events on a known fd, the number of bytes transferred",
    ),
    plain(
        "evt.res",
        T::Charbuf,
        RES,
        "return value of a syscall as text: SUCCESS, or the error name (e.g. ENOENT)",
    ),
    plain(
        "evt.rawres",
        T::Int64,
        RAWRES,
        "return value of a syscall as a number (e.g. -2), for range comparisons",
    ),
    plain(
        "evt.failed",
        T::Bool,
        FAILED,
        "true for syscall exits that returned an error",
    ),
    plain(
        "evt.is_io",
        T::Bool,
        IS_IO,
        "true for events that read or write data through an fd (read, send, recvfrom...)",
    ),
    plain(
        "evt.is_io_read",
        T::Bool,
        IS_IO_READ,
        "true for events that read data from an fd (read, recv, recvfrom...)",
    ),
    plain(
        "evt.is_io_write",
        T::Bool,
        IS_IO_WRITE,
        "true for events that write data to an fd (write, send...)",
    ),
    plain(
        "evt.io_dir",
        T::Charbuf,
        IO_DIR,
        "'read' or 'write' for I/O events; absent for others",
    ),
    plain(
        "evt.is_wait",
        T::Bool,
        IS_WAIT,
        "true for events that make the thread wait (sleep, select, poll...)",
    ),
    plain(
        "evt.wait_latency",
        T::Reltime,
        WAIT_LATENCY,
        "deprecated: always 0 (was the time a waiting event waited)",
    ),
    plain(
        "evt.is_syslog",
        T::Bool,
        IS_SYSLOG,
        "true for writes to /dev/log",
    ),
    plain(
        "evt.count",
        T::Uint32,
        COUNT,
        "always 1, for counting events",
    ),
    plain(
        "evt.count.error",
        T::Uint32,
        COUNT_ERROR,
        "1 for syscall exits that returned an error, 0 for other syscall exits",
    ),
    plain(
        "evt.count.error.file",
        T::Uint32,
        COUNT_ERROR_FILE,
        "as evt.count.error, for events on files and directories",
    ),
    plain(
        "evt.count.error.net",
        T::Uint32,
        COUNT_ERROR_NET,
        "as evt.count.error, for events on network and unix sockets",
    ),
    plain(
        "evt.count.error.memory",
        T::Uint32,
        COUNT_ERROR_MEMORY,
        "as evt.count.error, for memory events",
    ),
    plain(
        "evt.count.error.other",
        T::Uint32,
        COUNT_ERROR_OTHER,
        "as evt.count.error, for events not counted by the file, net and memory variants",
    ),
    plain(
        "evt.count.exit",
        T::Uint32,
        COUNT_EXIT,
        "1 for exit events, absent for enter events",
    ),
    plain(
        "evt.is_open_read",
        T::Bool,
        IS_OPEN_READ,
        "true for open/openat/openat2/open_by_handle_at exits opening for reading",
    ),
    plain(
        "evt.is_open_write",
        T::Bool,
        IS_OPEN_WRITE,
        "true for open/openat/openat2/open_by_handle_at exits opening for writing",
    ),
    plain(
        "evt.is_open_exec",
        T::Bool,
        IS_OPEN_EXEC,
        "true for open/openat/openat2/creat exits creating a file with execute permission",
    ),
    plain(
        "evt.is_open_create",
        T::Bool,
        IS_OPEN_CREATE,
        "true for open/openat/openat2/open_by_handle_at exits that created a file",
    ),
    plain(
        "evt.reltime",
        T::Reltime,
        RELTIME,
        "nanoseconds since the first event of the capture or stream that is not a meta-event \
         (at least nine digits)",
    ),
    plain(
        "evt.reltime.s",
        T::Reltime,
        RELTIME_S,
        "whole seconds of evt.reltime",
    ),
    plain(
        "evt.reltime.ns",
        T::Reltime,
        RELTIME_NS,
        "nanoseconds within the second of evt.reltime (nine digits)",
    ),
    plain(
        "evt.deltatime",
        T::Reltime,
        DELTATIME,
        "nanoseconds since the previous event this field was evaluated for (in an output \
         format, the previous event shown); 0 for the first",
    ),
    plain(
        "evt.deltatime.s",
        T::Reltime,
        DELTATIME_S,
        "whole seconds of evt.deltatime",
    ),
    plain(
        "evt.deltatime.ns",
        T::Reltime,
        DELTATIME_NS,
        "nanoseconds within the second of evt.deltatime (nine digits)",
    ),
    plain(
        "evt.latency.quantized",
        T::Uint64,
        LATENCY_QUANTIZED,
        "deprecated: always 0 (was the base-10 logarithm of evt.latency)",
    ),
    plain(
        "evt.buflen.in",
        T::Uint64,
        BUFLEN_IN,
        "as evt.buflen, for I/O events that read (read, recv...)",
    ),
    plain(
        "evt.buflen.out",
        T::Uint64,
        BUFLEN_OUT,
        "as evt.buflen, for I/O events that write (write, send...)",
    ),
    plain(
        "evt.buflen.file",
        T::Uint64,
        BUFLEN_FILE,
        "as evt.buflen, for I/O events on regular files",
    ),
    plain(
        "evt.buflen.file.in",
        T::Uint64,
        BUFLEN_FILE_IN,
        "as evt.buflen, for reads from regular files",
    ),
    plain(
        "evt.buflen.file.out",
        T::Uint64,
        BUFLEN_FILE_OUT,
        "as evt.buflen, for writes to regular files",
    ),
    plain(
        "evt.buflen.net",
        T::Uint64,
        BUFLEN_NET,
        "as evt.buflen, for I/O events on IPv4 and IPv6 sockets",
    ),
    plain(
        "evt.buflen.net.in",
        T::Uint64,
        BUFLEN_NET_IN,
        "as evt.buflen, for reads from IPv4 and IPv6 sockets",
    ),
    plain(
        "evt.buflen.net.out",
        T::Uint64,
        BUFLEN_NET_OUT,
        "as evt.buflen, for writes to IPv4 and IPv6 sockets",
    ),
    plain(
        "evt.count.procinfo",
        T::Uint32,
        COUNT_PROCINFO,
        "1 for procinfo events of a process's main thread, 0 for other events",
    ),
    plain(
        "evt.count.threadinfo",
        T::Uint32,
        COUNT_THREADINFO,
        "1 for procinfo events, 0 for other events",
    ),
    plain(
        "evt.asynctype",
        T::Charbuf,
        ASYNCTYPE,
        "for events generated by the framework (evt.is_async), what they are: the event name \
         (container, procinfo...), or the name an asyncevent carries; absent for others",
    ),
    plain(
        "evt.pluginname",
        T::Charbuf,
        PLUGINNAME,
        "name of the plugin that generated the event; absent (no plugins are loaded)",
    ),
    plain(
        "evt.plugininfo",
        T::Charbuf,
        PLUGININFO,
        "the generating plugin's summary of the event; absent (no plugins are loaded)",
    ),
    plain(
        "thread.tid",
        T::Int64,
        TID,
        "id of the thread that generated the event",
    ),
    plain(
        "evt.abspath",
        T::Charbuf,
        ABSPATH,
        "absolute path of the path argument of *at syscalls (openat, mkdirat, unlinkat, \
         fchmodat, fchownat, symlinkat, open_by_handle_at), resolved against their dirfd or \
         the cwd; for renameat and linkat, the source path",
    ),
    plain(
        "evt.abspath.src",
        T::Charbuf,
        ABSPATH_SRC,
        "as evt.abspath: for renameat/renameat2 and linkat, the absolute source path",
    ),
    plain(
        "evt.abspath.dst",
        T::Charbuf,
        ABSPATH_DST,
        "for renameat/renameat2 and linkat, the absolute destination path; as evt.abspath for \
         the other *at syscalls",
    ),
    // libsinsp's `fs.path` class, kept here: its values are the event's path arguments.
    plain(
        "fs.path.name",
        T::Charbuf,
        FS_NAME,
        "for successful syscalls on one filesystem path (open*, mkdir*, rmdir, unlink*, \
         chmod, fchmod*, chown, lchown, fchown*, quotactl, umount*), the path, resolved \
         against the dirfd or the cwd and normalized",
    ),
    plain(
        "fs.path.nameraw",
        T::Charbuf,
        FS_NAMERAW,
        "as fs.path.name, the path as the syscall got it",
    ),
    plain(
        "fs.path.source",
        T::Charbuf,
        FS_SOURCE,
        "for successful syscalls with a source and a target path (rename*, link*, symlink*, \
         mount), the source path, resolved and normalized",
    ),
    plain(
        "fs.path.sourceraw",
        T::Charbuf,
        FS_SOURCERAW,
        "as fs.path.source, the path as the syscall got it",
    ),
    plain(
        "fs.path.target",
        T::Charbuf,
        FS_TARGET,
        "for successful syscalls with a source and a target path, the target path, resolved \
         and normalized",
    ),
    plain(
        "fs.path.targetraw",
        T::Charbuf,
        FS_TARGETRAW,
        "as fs.path.target, the path as the syscall got it",
    ),
    def(
        "evt.around",
        T::Uint64,
        ArgKind::Required,
        AROUND,
        "filters only, as evt.around[T]=D: events within D milliseconds of the time T (an \
         evt.rawtime value), on either side",
    ),
];

const _: () = {
    let mut i = 0;
    while i < FIELDS.len() {
        assert!(FIELDS[i].id as usize == i);
        i += 1;
    }
};

pub(super) fn extract<'a>(
    f: &FieldRef,
    ctx: &Ctx<'a>,
    scratch: &'a mut Vec<u8>,
) -> Option<Value<'a>> {
    let ev = ctx.ev;
    let id = f.def().id;
    Some(match id {
        NUM => Value::Uint(ev.num),
        RAWTIME => Value::Uint(ev.ts()),
        RAWTIME_S => Value::Uint(ev.ts() / NS),
        RAWTIME_NS => Value::Uint(ev.ts() % NS),
        CPU => Value::Int(ev.cpu as i64),
        TID => Value::Int(ev.tid() as i64),
        TYPE => Value::Str(event_type_name(ev).as_bytes()),
        SYSCALL_TYPE => Value::Str(syscall_type(ev)?.as_bytes()),
        DIR => Value::Str(if ev.is_enter() { b">" } else { b"<" }),
        SOURCE => Value::Str(b"syscall"),
        IS_ASYNC => Value::Bool(ev.info()?.category & category::METAEVENT != 0),
        LATENCY | LATENCY_S | LATENCY_NS | WAIT_LATENCY | LATENCY_QUANTIZED => Value::Uint(0),
        RELTIME | RELTIME_S | RELTIME_NS => {
            // libsinsp subtracts in unsigned 64-bit arithmetic: an event before the origin
            // wraps around.
            let rel = ev.ts().wrapping_sub(ctx.state.first_event_ts());
            Value::Uint(split_time(id - RELTIME, rel))
        }
        DELTATIME | DELTATIME_S | DELTATIME_NS => Value::Uint(deltatime(f, ev.ts())),
        BUFLEN_IN | BUFLEN_OUT | BUFLEN_FILE | BUFLEN_FILE_IN | BUFLEN_FILE_OUT | BUFLEN_NET
        | BUFLEN_NET_IN | BUFLEN_NET_OUT => Value::Uint(buflen_of(ctx, id)?),
        COUNT_PROCINFO | COUNT_THREADINFO => Value::Uint(procinfo_count(ctx, id)),
        ASYNCTYPE => Value::Str(asynctype(ev)?),
        // Only plugin events have a plugin, and no plugin is ever loaded here.
        PLUGINNAME | PLUGININFO => return None,
        LATENCY_HUMAN => Value::Str(b"0ns"),
        TYPE_IS => Value::Uint(type_is(ev, f.arg()?) as u64),
        CATEGORY => Value::Str(category_name(ctx)?.as_bytes()),
        RAWARG => rawarg(ev, f.arg()?)?,
        BUFFER => Value::Bytes(ev.param_by_name("data")?),
        BUFLEN => Value::Uint(buflen(ctx)?),
        RAWRES => Value::Int(return_value(ev)?),
        FAILED => Value::Bool(return_value(ev)? < 0),
        COUNT => Value::Uint(1),
        COUNT_ERROR => Value::Uint(error_count(ev)?),
        COUNT_ERROR_FILE | COUNT_ERROR_NET | COUNT_ERROR_MEMORY | COUNT_ERROR_OTHER => {
            Value::Uint(error_count_of(ctx, id)?)
        }
        COUNT_EXIT => {
            if ev.is_enter() {
                return None;
            }
            Value::Uint(1)
        }
        IS_IO => Value::Bool(has_flag(ev, eflags::READS_FROM_FD | eflags::WRITES_TO_FD)),
        IS_IO_READ => Value::Bool(has_flag(ev, eflags::READS_FROM_FD)),
        IS_IO_WRITE => Value::Bool(has_flag(ev, eflags::WRITES_TO_FD)),
        IO_DIR => Value::Str(io_dir(ev)?),
        IS_WAIT => Value::Bool(has_flag(ev, eflags::WAITS)),
        IS_SYSLOG => Value::Bool(
            has_flag(ev, eflags::WRITES_TO_FD)
                && ctx
                    .state
                    .event_fd()
                    .is_some_and(|fd| memchr::memmem::find(fd.name, b"/dev/log").is_some()),
        ),
        IS_OPEN_READ | IS_OPEN_WRITE | IS_OPEN_EXEC | IS_OPEN_CREATE => {
            Value::Bool(open_check(ev, id))
        }
        ABSPATH | ABSPATH_SRC | ABSPATH_DST => {
            if !abspath(ctx, id, scratch) {
                return None;
            }
            Value::Str(scratch)
        }
        FS_NAME | FS_NAMERAW | FS_SOURCE | FS_SOURCERAW | FS_TARGET | FS_TARGETRAW => {
            if !fspath(ctx, id, scratch) {
                return None;
            }
            Value::Str(scratch)
        }
        _ => {
            // Text fields: built in the scratch buffer.
            scratch.clear();
            if !render_text(f, ctx, &mut TimeFormatter::new(), scratch) {
                return None;
            }
            Value::Str(scratch)
        }
    })
}

/// True for the fields whose value depends on the events the reference saw before.
pub(super) fn remembers_events(id: u16) -> bool {
    matches!(id, DELTATIME | DELTATIME_S | DELTATIME_NS)
}

/// True for the fields whose value depends on the event alone, never on the state: a
/// caller that prints or tests only these need not maintain the state.
pub(super) fn is_stateless(id: u16) -> bool {
    matches!(
        id,
        NUM | TIME
            | TIME_S
            | DATETIME
            | DATETIME_S
            | RAWTIME
            | RAWTIME_S
            | RAWTIME_NS
            | CPU
            | TID
            | TYPE
            | DIR
            | RAWARG
            | DELTATIME
            | DELTATIME_S
            | DELTATIME_NS
            | LATENCY_QUANTIZED
            | PLUGINNAME
            | PLUGININFO
    )
}

pub(super) fn render(
    f: &FieldRef,
    ctx: &Ctx<'_>,
    tf: &mut TimeFormatter,
    scratch: &mut Vec<u8>,
    out: &mut Vec<u8>,
) -> bool {
    match f.def().id {
        // The commonest fields, written directly: the text `Value::write_text` gives.
        NUM => {
            out.extend_from_slice(itoa::Buffer::new().format(ctx.ev.num).as_bytes());
            true
        }
        TYPE => {
            out.extend_from_slice(event_type_name(ctx.ev).as_bytes());
            true
        }
        TIME | TIME_S | TIME_ISO8601 | DATETIME | DATETIME_S | OUTPUTTIME | ARGS | INFO | ARG
        | RES | HOSTNAME => render_text(f, ctx, tf, out),
        RAWTIME_NS => {
            let ns = ctx.ev.ts() % NS;
            out.extend_from_slice(&nine_digits(ns));
            true
        }
        LATENCY_NS => {
            out.extend_from_slice(b"000000000");
            true
        }
        // Zero-padded to nine digits, as libsinsp prints its PF_10_PADDED_DEC times.
        RELTIME | RELTIME_NS | DELTATIME_NS => match extract(f, ctx, scratch) {
            Some(Value::Uint(v)) => {
                write_padded9(v, out);
                true
            }
            _ => false,
        },
        BUFFER => match ctx.ev.param_by_name("data") {
            Some(data) => {
                if data.is_empty() {
                    out.extend_from_slice(b"NULL");
                } else {
                    args::write_buffer_text(data, out);
                }
                true
            }
            None => false,
        },
        RAWARG => render_rawarg(ctx.ev, f.arg().unwrap_or(""), out),
        _ => match extract(f, ctx, scratch) {
            Some(v) => {
                v.write_text(out);
                true
            }
            None => false,
        },
    }
}

/// Append the text of a text-valued field; false (nothing appended) when it has none.
fn render_text(f: &FieldRef, ctx: &Ctx<'_>, tf: &mut TimeFormatter, out: &mut Vec<u8>) -> bool {
    let ev = ctx.ev;
    match f.def().id {
        TIME | OUTPUTTIME => tf.time(ev.ts(), out),
        TIME_S => {
            tf.time(ev.ts(), out);
            out.truncate(out.len() - 10);
        }
        DATETIME => tf.datetime(ev.ts(), out),
        DATETIME_S => {
            tf.datetime(ev.ts(), out);
            out.truncate(out.len() - 10);
        }
        TIME_ISO8601 => write_iso8601(ev.ts(), out),
        ARGS | INFO => args::write_args(ctx, out),
        ARG => {
            let Some(idx) = f.arg().and_then(|a| args::param_index(ctx, a)) else {
                return false;
            };
            return args::write_param(ctx, idx, Style::Preferred, out);
        }
        RES => {
            let Some(res) = return_value(ev) else {
                return false;
            };
            if res >= 0 {
                out.extend_from_slice(b"SUCCESS");
            } else {
                return args::write_param(ctx, 0, Style::Preferred, out);
            }
        }
        // HOSTNAME: the state does not expose the machine's name yet.
        _ => return false,
    }
    true
}

const NS: u64 = 1_000_000_000;

/// Nine zero-padded digits.
fn nine_digits(v: u64) -> [u8; 9] {
    let mut d = [b'0'; 9];
    let mut v = v;
    for c in d.iter_mut().rev() {
        *c = b'0' + (v % 10) as u8;
        v /= 10;
    }
    d
}

/// `v` in decimal with at least nine digits (C's `%09lu`).
fn write_padded9(v: u64, out: &mut Vec<u8>) {
    if v < NS {
        out.extend_from_slice(&nine_digits(v));
    } else {
        out.extend_from_slice(itoa::Buffer::new().format(v).as_bytes());
    }
}

/// A duration in nanoseconds as the plain, `.s` and `.ns` time fields show it: `part` 0
/// is the whole value, 1 its whole seconds, 2 the nanoseconds within the second.
fn split_time(part: u16, ns: u64) -> u64 {
    match part {
        0 => ns,
        1 => ns / NS,
        _ => ns % NS,
    }
}

/// `evt.deltatime*`: the time since the previous event this reference was evaluated for
/// (libsinsp keeps that event's timestamp in the filter check), 0 for the first; the
/// timestamp of this event is remembered for the next.
fn deltatime(f: &FieldRef, ts: u64) -> u64 {
    use std::sync::atomic::Ordering::Relaxed;
    let prev = f.memo().prev_ts.swap(ts, Relaxed);
    if prev == 0 {
        return 0;
    }
    split_time(f.def().id - DELTATIME, ts.wrapping_sub(prev))
}

/// `YYYY-MM-DDTHH:MM:SS.nnnnnnnnn+0000` (UTC).
fn write_iso8601(ts: u64, out: &mut Vec<u8>) {
    let secs = ts / NS;
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    // Civil date of a day count since 1970-01-01 (proleptic Gregorian calendar), by
    // 400-year eras of 146,097 days starting on March 1st.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    let two = |out: &mut Vec<u8>, v: u64| {
        out.push(b'0' + (v / 10 % 10) as u8);
        out.push(b'0' + (v % 10) as u8);
    };
    let y = year.clamp(0, 9999) as u64;
    two(out, y / 100);
    two(out, y % 100);
    out.push(b'-');
    two(out, month as u64);
    out.push(b'-');
    two(out, day as u64);
    out.push(b'T');
    two(out, rem / 3600);
    out.push(b':');
    two(out, rem % 3600 / 60);
    out.push(b':');
    two(out, rem % 60);
    out.push(b'.');
    out.extend_from_slice(&nine_digits(ts % NS));
    out.extend_from_slice(b"+0000");
}

/// The name `evt.type` shows for an event: the table name, or for generic syscall events
/// the name of the syscall they carry by `PPM_SC_*` id. A generic exit event with the
/// unknown id 0 and a native syscall number (recorded by drivers newer than the syscall
/// table of the recorder) is named by that number, as current libsinsp does; old enter
/// events are shown as recorded (`<unknown>`), as sysdig shows them.
pub fn event_type_name(ev: &Event<'_>) -> &'static str {
    let ty = ev.ty();
    if ty == code::PPME_GENERIC_E || ty == code::PPME_GENERIC_X {
        let id = generic_syscall_id(ev);
        if id == 0 {
            return "<unknown>";
        }
        return syscalls::sc_name(id).unwrap_or("<unknown>");
    }
    ev.info().map_or("<unknown>", |i| i.name)
}

/// The `PPM_SC_*` id of the syscall a generic event stands for (0: unknown), which names
/// it ([`event_type_name`]).
pub(crate) fn generic_syscall_id(ev: &Event<'_>) -> u16 {
    let id = ev
        .param(0)
        .filter(|p| p.len() == 2)
        .map(|p| u16::from_le_bytes([p[0], p[1]]));
    let mut id = id.unwrap_or(0);
    if id == 0 && ev.ty() == code::PPME_GENERIC_X {
        if let Some(native) = ev.param(1).filter(|p| p.len() == 2) {
            let nr = u16::from_le_bytes([native[0], native[1]]);
            let table = syscalls::table(syscalls::Arch::X86_64);
            id = table
                .binary_search_by_key(&nr, |e| e.nr)
                .map(|i| table[i].ppm_sc)
                .unwrap_or(0);
        }
    }
    id
}

/// `syscall.type`: the event type name of syscall events, nothing for others.
fn syscall_type(ev: &Event<'_>) -> Option<&'static str> {
    let info = ev.info()?;
    (info.category & category::SYSCALL != 0).then(|| event_type_name(ev))
}

/// `evt.type.is.X`: whether the event's code is X (a number), or the first enter/exit
/// pair of codes named X in the table.
fn type_is(ev: &Event<'_>, arg: &str) -> bool {
    if let Ok(n) = arg.parse::<u32>() {
        return ev.ty() as u32 == n;
    }
    match falco_schema::EVENTS.iter().position(|e| e.name == arg) {
        Some(first) => ev.ty() as usize == first || ev.ty() as usize == first + 1,
        None => false,
    }
}

fn has_flag(ev: &Event<'_>, flag: u32) -> bool {
    ev.info().is_some_and(|i| i.flags & flag != 0)
}

fn io_dir(ev: &Event<'_>) -> Option<&'static [u8]> {
    if has_flag(ev, eflags::WRITES_TO_FD) {
        Some(b"write")
    } else if has_flag(ev, eflags::READS_FROM_FD) {
        Some(b"read")
    } else {
        None
    }
}

/// The syscall category of the event (the table's category without the source bits).
fn syscall_category(ev: &Event<'_>) -> Option<u32> {
    Some(ev.info()?.category & (category::SYSCALL - 1))
}

/// `evt.category`: the name of the event's category; I/O events are named by the type of
/// their fd (`file`, `net`, `ipc`, or `unknown` when the fd is not known).
fn category_name(ctx: &Ctx<'_>) -> Option<&'static str> {
    let cat = syscall_category(ctx.ev)?;
    Some(match cat {
        category::UNKNOWN => "unknown",
        category::OTHER => "other",
        category::FILE => "file",
        category::NET => "net",
        category::IPC => "IPC",
        category::MEMORY => "memory",
        category::PROCESS => "process",
        category::SLEEP => "sleep",
        category::SYSTEM => "system",
        category::SIGNAL => "signal",
        category::USER => "user",
        category::TIME => "time",
        category::PROCESSING => "processing",
        category::IO_READ | category::IO_WRITE | category::IO_OTHER => {
            match ctx.state.event_fd().map(|fd| fd.type_char) {
                Some(b'f' | b'd') => "file",
                Some(b'4' | b'6') => "net",
                Some(b'p' | b'u' | b'e' | b's' | b'i') => "ipc",
                _ => "unknown",
            }
        }
        category::WAIT => "wait",
        category::SCHEDULER => "scheduler",
        category::INTERNAL => "internal",
        _ => "unknown",
    })
}

/// The return value of a syscall exit event: its first parameter, of 32 or 64 bits.
/// `None` for enter events, non-syscall events, generic syscalls and exits without
/// parameters.
fn return_value(ev: &Event<'_>) -> Option<i64> {
    let info = ev.info()?;
    if ev.is_enter() || ev.ty() == code::PPME_GENERIC_X || info.category & category::SYSCALL == 0 {
        return None;
    }
    if ev.nparams() == 0 || info.params.is_empty() {
        return None;
    }
    let p = ev.param(0)?;
    match p.len() {
        4 | 8 => Some(args::le_signed(p)),
        _ => None,
    }
}

/// `evt.count.error`: 1 when the syscall failed, 0 when it did not.
fn error_count(ev: &Event<'_>) -> Option<u64> {
    Some((return_value(ev)? < 0) as u64)
}

/// The `evt.count.error.*` variants: [`error_count`] restricted by the type of the event's
/// fd, or, when the fd is not known, by the event type.
fn error_count_of(ctx: &Ctx<'_>, id: u16) -> Option<u64> {
    let ev = ctx.ev;
    let ty = ev.ty();
    let fd_type = ctx.state.event_fd().map(|fd| fd.type_char);
    let is_file = |c: u8| matches!(c, b'f' | b'd');
    let is_net = |c: u8| matches!(c, b'4' | b'6' | b'u');
    let opens = matches!(
        ty,
        code::PPME_SYSCALL_OPEN_X
            | code::PPME_SYSCALL_CREAT_X
            | code::PPME_SYSCALL_OPENAT_2_X
            | code::PPME_SYSCALL_OPENAT2_X
            | code::PPME_SYSCALL_OPEN_BY_HANDLE_AT_X
    );
    let connects = matches!(
        ty,
        code::PPME_SOCKET_ACCEPT_5_X | code::PPME_SOCKET_ACCEPT4_6_X | code::PPME_SOCKET_CONNECT_X
    );
    let memory = syscall_category(ev) == Some(category::MEMORY);
    let counted = match id {
        COUNT_ERROR_FILE => fd_type.map_or(opens, is_file),
        COUNT_ERROR_NET => fd_type.map_or(connects, is_net),
        COUNT_ERROR_MEMORY => memory,
        _ => match fd_type {
            Some(c) => !is_file(c) && !is_net(c),
            None => !(opens || connects || memory),
        },
    };
    if counted {
        error_count(ev)
    } else {
        None
    }
}

/// `evt.buflen`: the return value of successful I/O exits on a known fd.
fn buflen(ctx: &Ctx<'_>) -> Option<u64> {
    let ev = ctx.ev;
    ctx.state.event_fd()?;
    if syscall_category(ev)? & category::IO_BASE == 0 || ev.is_enter() {
        return None;
    }
    let p = ev.param(0)?;
    let res = args::le_signed(p);
    (p.len() == 8 && res >= 0).then_some(res as u64)
}

/// The `evt.buflen.*` variants: [`buflen`] for the events of one I/O direction (the
/// event's category: read or write) and/or one kind of fd (regular files; IPv4 and IPv6
/// sockets, servers included).
fn buflen_of(ctx: &Ctx<'_>, id: u16) -> Option<u64> {
    use crate::state::fd_kind as k;
    let fd_ty = ctx.state.event_fd_info()?.ty;
    let cat = syscall_category(ctx.ev)?;
    let dir_ok = match id {
        BUFLEN_IN | BUFLEN_FILE_IN | BUFLEN_NET_IN => cat == category::IO_READ,
        BUFLEN_OUT | BUFLEN_FILE_OUT | BUFLEN_NET_OUT => cat == category::IO_WRITE,
        _ => true,
    };
    let kind_ok = match id {
        BUFLEN_FILE | BUFLEN_FILE_IN | BUFLEN_FILE_OUT => fd_ty == k::FILE || fd_ty == k::FILE_V2,
        BUFLEN_NET | BUFLEN_NET_IN | BUFLEN_NET_OUT => {
            (k::IPV4_SOCK..=k::IPV6_SERVSOCK).contains(&fd_ty)
        }
        _ => true,
    };
    if !(dir_ok && kind_ok) {
        return None;
    }
    buflen(ctx)
}

/// `evt.count.procinfo` and `evt.count.threadinfo`: 0 for events other than procinfo; for
/// procinfo, 1 (`threadinfo`), or 1 when its thread is known and a main thread
/// (`procinfo`).
fn procinfo_count(ctx: &Ctx<'_>, id: u16) -> u64 {
    if ctx.ev.ty() != code::PPME_PROCINFO_E {
        return 0;
    }
    if id == COUNT_THREADINFO {
        return 1;
    }
    let tid = ctx.ev.tid() as i64;
    ctx.state.thread(tid).is_some_and(|t| t.is_main_thread()) as u64
}

/// `evt.asynctype`: for meta-events, the event's name, or for an asyncevent the name it
/// carries (its second parameter).
fn asynctype<'a>(ev: &Event<'a>) -> Option<&'a [u8]> {
    let info = ev.info()?;
    if info.category & category::METAEVENT == 0 {
        return None;
    }
    if ev.ty() != code::PPME_ASYNCEVENT_E {
        return Some(info.name.as_bytes());
    }
    Some(args::c_str(ev.param(1)?))
}

// Portable open flags and mode bits (`PPM_O_*`, `PPM_S_*`).
const PPM_O_RDONLY: u32 = 1 << 0;
const PPM_O_WRONLY: u32 = 1 << 1;
const PPM_O_CREAT: u32 = 1 << 2;
const PPM_O_TMPFILE: u32 = 1 << 13;
const PPM_O_F_CREATED: u32 = 1 << 14;
const PPM_S_IXANY: u32 = 0o111;

/// `evt.is_open_read`, `_write`, `_exec` and `_create`.
fn open_check(ev: &Event<'_>, id: u16) -> bool {
    let ty = ev.ty();
    let u32_param = |i: usize| {
        ev.param(i)
            .filter(|p| p.len() == 4)
            .map(|p| u32::from_le_bytes([p[0], p[1], p[2], p[3]]))
    };
    match ty {
        code::PPME_SYSCALL_OPEN_X
        | code::PPME_SYSCALL_OPENAT_2_X
        | code::PPME_SYSCALL_OPENAT2_X
        | code::PPME_SYSCALL_OPEN_BY_HANDLE_AT_X => {
            let new_layout =
                ty == code::PPME_SYSCALL_OPENAT_2_X || ty == code::PPME_SYSCALL_OPENAT2_X;
            let flags = u32_param(if new_layout { 3 } else { 2 }).unwrap_or(0);
            match id {
                IS_OPEN_READ => flags & PPM_O_RDONLY != 0,
                IS_OPEN_WRITE => flags & PPM_O_WRONLY != 0,
                IS_OPEN_CREATE => {
                    flags & PPM_O_F_CREATED != 0
                        || (flags & PPM_O_TMPFILE != 0 && return_value(ev).is_some_and(|r| r >= 0))
                }
                _ => {
                    flags & (PPM_O_TMPFILE | PPM_O_CREAT) != 0
                        && ty != code::PPME_SYSCALL_OPEN_BY_HANDLE_AT_X
                        && u32_param(if new_layout { 4 } else { 3 })
                            .is_some_and(|mode| mode & PPM_S_IXANY != 0)
                }
            }
        }
        code::PPME_SYSCALL_CREAT_X if id == IS_OPEN_EXEC => {
            u32_param(2).is_some_and(|mode| mode & PPM_S_IXANY != 0)
        }
        _ => false,
    }
}

/// `evt.rawarg.NAME`: the parameter's raw value, typed by the schema.
/// `AT_FDCWD` as the drivers write it.
const AT_FDCWD: i64 = -100;

/// A parameter as a signed integer, by name: absent when the event has no such parameter
/// or it is empty.
fn int_param(ev: &Event<'_>, name: &str) -> Option<i64> {
    ev.param_by_name(name)
        .filter(|p| matches!(p.len(), 1 | 2 | 4 | 8))
        .map(args::le_signed)
}

/// `out` (holding a base directory) joined with `path` as libsinsp's `concatenate_paths`
/// does, into `out`. The base is copied to the stack first (a longer one than a path can be
/// gives the too-long placeholder, as the join would).
fn join_onto(out: &mut Vec<u8>, path: &[u8]) {
    use crate::state::path::{concat, MAX_PATH, TOO_LONG};
    let mut base = [0u8; MAX_PATH];
    let n = out.len();
    if n > MAX_PATH {
        out.clear();
        out.extend_from_slice(TOO_LONG);
        return;
    }
    base[..n].copy_from_slice(out);
    concat(&base[..n], path, out);
}

/// `evt.abspath`, `evt.abspath.src`, `evt.abspath.dst` (libsinsp's
/// `sinsp_filter_check_event::extract_abspath`): the path argument of an `*at` exit event
/// joined with its dirfd's name (always with a `/` after it: libsinsp tests the character
/// past the name's end), the cwd for `AT_FDCWD`, or nothing for an absolute path; a dirfd
/// not in the table is `<UNKNOWN>/`. `open_by_handle_at` gives the path it carries.
fn abspath(ctx: &Ctx<'_>, id: u16, out: &mut Vec<u8>) -> bool {
    use code::*;
    let ev = ctx.ev;
    let tid = ev.tid() as i64;
    if ctx.state.thread(tid).is_none() {
        return false;
    }
    let src = id != ABSPATH_DST;
    let (dirfd_arg, path_arg) = match ev.ty() {
        PPME_SYSCALL_RENAMEAT_X | PPME_SYSCALL_RENAMEAT2_X if src => ("olddirfd", "oldpath"),
        PPME_SYSCALL_RENAMEAT_X | PPME_SYSCALL_RENAMEAT2_X => ("newdirfd", "newpath"),
        PPME_SYSCALL_SYMLINKAT_X => ("linkdirfd", "linkpath"),
        PPME_SYSCALL_OPENAT_2_X | PPME_SYSCALL_OPENAT2_X => ("dirfd", "name"),
        PPME_SYSCALL_OPEN_BY_HANDLE_AT_X => {
            if return_value(ev).is_none_or(|fd| fd <= 0) {
                return false;
            }
            let Some(path) = ev.param(3) else {
                return false;
            };
            crate::state::path::concat(b"", args::c_str(path), out);
            return true;
        }
        PPME_SYSCALL_LINKAT_2_X if src => ("olddir", "oldpath"),
        PPME_SYSCALL_LINKAT_2_X => ("newdir", "newpath"),
        PPME_SYSCALL_UNLINKAT_2_X => ("dirfd", "name"),
        PPME_SYSCALL_MKDIRAT_X => ("dirfd", "path"),
        PPME_SYSCALL_FCHMODAT_X => ("dirfd", "filename"),
        PPME_SYSCALL_FCHOWNAT_X => ("dirfd", "pathname"),
        _ => return false,
    };
    let Some(dirfd) = int_param(ev, dirfd_arg) else {
        return false;
    };
    let Some(path) = ev.param_by_name(path_arg).filter(|p| !p.is_empty()) else {
        return false;
    };
    let path = args::c_str(path);
    out.clear();
    if path.first() == Some(&b'/') {
        out.push(b'.');
    } else if dirfd == AT_FDCWD {
        out.extend_from_slice(ctx.state.cwd(tid));
    } else {
        match ctx.state.fd_info(tid, dirfd) {
            Some(f) => out.extend_from_slice(&f.name),
            None => out.extend_from_slice(b"<UNKNOWN>"),
        }
        out.push(b'/');
    }
    join_onto(out, path);
    true
}

/// The fd of the event, as `fd.*` fields see it.
fn event_fd_info<'a>(ctx: &Ctx<'a>) -> Option<&'a crate::state::Fd> {
    let tid = ctx.ev.tid() as i64;
    let num = ctx.state.fd_num_of(ctx.ev)?;
    if num < 0 {
        return None;
    }
    ctx.state.fd_info(tid, num)
}

/// The `fs.path.*` fields (libsinsp's `sinsp_filter_check_fspath`). Only successful exit
/// events of the syscalls below have them (`res` 0; for open, openat and openat2 an fd
/// other than -1). The raw fields are the path argument as the syscall got it; the others
/// are normalized and, when relative, joined with: for openat/openat2, nothing (the name
/// of the fd opened, `<UNKNOWN>` if none); for fchmodat, fchownat, mkdirat and unlinkat,
/// the event's fd (its dirfd) when it is a directory, else `<UNKNOWN>`; for symlinkat, the
/// same for the source and `<UNKNOWN>` for the target; for renameat2, the old or new
/// dirfd; for the others, the cwd.
fn fspath(ctx: &Ctx<'_>, id: u16, out: &mut Vec<u8>) -> bool {
    use code::*;
    let ev = ctx.ev;
    let ty = ev.ty();
    let opens = matches!(
        ty,
        PPME_SYSCALL_OPEN_X | PPME_SYSCALL_OPENAT_2_X | PPME_SYSCALL_OPENAT2_X
    );
    let success = if opens {
        int_param(ev, "fd").is_some_and(|fd| fd != -1)
    } else {
        matches!(
            ty,
            PPME_SYSCALL_MKDIR_2_X
                | PPME_SYSCALL_MKDIRAT_X
                | PPME_SYSCALL_RMDIR_2_X
                | PPME_SYSCALL_UNLINK_2_X
                | PPME_SYSCALL_UNLINKAT_2_X
                | PPME_SYSCALL_FCHMODAT_X
                | PPME_SYSCALL_CHMOD_X
                | PPME_SYSCALL_FCHMOD_X
                | PPME_SYSCALL_CHOWN_X
                | PPME_SYSCALL_LCHOWN_X
                | PPME_SYSCALL_FCHOWN_X
                | PPME_SYSCALL_FCHOWNAT_X
                | PPME_SYSCALL_QUOTACTL_X
                | PPME_SYSCALL_RENAME_X
                | PPME_SYSCALL_RENAMEAT_X
                | PPME_SYSCALL_RENAMEAT2_X
                | PPME_SYSCALL_LINK_2_X
                | PPME_SYSCALL_LINKAT_2_X
                | PPME_SYSCALL_SYMLINK_X
                | PPME_SYSCALL_SYMLINKAT_X
                | PPME_SYSCALL_MOUNT_X
                | PPME_SYSCALL_UMOUNT_1_X
                | PPME_SYSCALL_UMOUNT2_X
        ) && int_param(ev, "res") == Some(0)
    };
    if !success {
        return false;
    }
    let name = matches!(id, FS_NAME | FS_NAMERAW);
    let source = matches!(id, FS_SOURCE | FS_SOURCERAW);
    let arg = match ty {
        PPME_SYSCALL_MKDIR_2_X
        | PPME_SYSCALL_MKDIRAT_X
        | PPME_SYSCALL_RMDIR_2_X
        | PPME_SYSCALL_UNLINK_2_X
        | PPME_SYSCALL_CHOWN_X
        | PPME_SYSCALL_LCHOWN_X
            if name =>
        {
            "path"
        }
        PPME_SYSCALL_UNLINKAT_2_X
        | PPME_SYSCALL_OPEN_X
        | PPME_SYSCALL_OPENAT_2_X
        | PPME_SYSCALL_OPENAT2_X
        | PPME_SYSCALL_UMOUNT_1_X
        | PPME_SYSCALL_UMOUNT2_X
            if name =>
        {
            "name"
        }
        PPME_SYSCALL_FCHMODAT_X | PPME_SYSCALL_CHMOD_X if name => "filename",
        PPME_SYSCALL_FCHOWNAT_X if name => "pathname",
        PPME_SYSCALL_QUOTACTL_X if name => "special",
        // The path of fchmod and fchown is their fd's name (empty when the fd is unknown).
        PPME_SYSCALL_FCHMOD_X | PPME_SYSCALL_FCHOWN_X if name => "",
        PPME_SYSCALL_RENAME_X | PPME_SYSCALL_RENAMEAT_X | PPME_SYSCALL_RENAMEAT2_X if !name => {
            if source {
                "oldpath"
            } else {
                "newpath"
            }
        }
        // libsinsp's source of a link is its new path, the target the old one.
        PPME_SYSCALL_LINK_2_X | PPME_SYSCALL_LINKAT_2_X if !name => {
            if source {
                "newpath"
            } else {
                "oldpath"
            }
        }
        PPME_SYSCALL_SYMLINK_X | PPME_SYSCALL_SYMLINKAT_X if !name => {
            if source {
                "linkpath"
            } else {
                "target"
            }
        }
        PPME_SYSCALL_MOUNT_X if !name => {
            if source {
                "dev"
            } else {
                "dir"
            }
        }
        _ => return false,
    };
    let tid = ev.tid() as i64;
    let path: &[u8] = if arg.is_empty() {
        if ctx.state.thread(tid).is_none() {
            return false;
        }
        event_fd_info(ctx).map_or(&b""[..], |f| &f.name[..])
    } else {
        match ev.param_by_name(arg).filter(|p| !p.is_empty()) {
            Some(p) => args::c_str(p),
            None => return false,
        }
    };
    out.clear();
    if matches!(id, FS_NAMERAW | FS_SOURCERAW | FS_TARGETRAW) {
        out.extend_from_slice(path);
        return true;
    }
    if ctx.state.thread(tid).is_none() {
        return false;
    }
    if path.first() == Some(&b'/') {
        crate::state::path::concat(b"", path, out);
        return true;
    }
    // The directory of the event's fd, with a `/` after it unless it is empty or ends
    // with one; `<UNKNOWN>` when the fd is not a known directory.
    let dirfd_dir = |out: &mut Vec<u8>| match event_fd_info(ctx) {
        Some(f) if f.ty == crate::state::fd_kind::DIRECTORY => {
            out.extend_from_slice(&f.name);
            if f.name.last().is_some_and(|&c| c != b'/') {
                out.push(b'/');
            }
        }
        _ => out.extend_from_slice(b"<UNKNOWN>"),
    };
    match ty {
        PPME_SYSCALL_OPENAT_2_X | PPME_SYSCALL_OPENAT2_X => {
            match event_fd_info(ctx) {
                Some(f) => crate::state::path::concat(b"", &f.name, out),
                None => crate::state::path::concat(b"", b"<UNKNOWN>", out),
            }
            return true;
        }
        PPME_SYSCALL_FCHOWNAT_X
        | PPME_SYSCALL_FCHMODAT_X
        | PPME_SYSCALL_MKDIRAT_X
        | PPME_SYSCALL_UNLINKAT_2_X => dirfd_dir(out),
        PPME_SYSCALL_SYMLINKAT_X if id == FS_SOURCE => dirfd_dir(out),
        PPME_SYSCALL_SYMLINKAT_X => out.extend_from_slice(b"<UNKNOWN>"),
        PPME_SYSCALL_RENAMEAT2_X => {
            let param = if id == FS_TARGET {
                "newdirfd"
            } else {
                "olddirfd"
            };
            let dirfd = int_param(ev, param).unwrap_or(0);
            crate::state::dirfd_base_of(ctx.state, tid, path, dirfd, out);
        }
        _ => out.extend_from_slice(ctx.state.cwd(tid)),
    }
    join_onto(out, path);
    true
}

fn rawarg<'a>(ev: &Event<'a>, name: &str) -> Option<Value<'a>> {
    let info = ev.info()?;
    let idx = info.param_index(name)?;
    let v = ev.param(idx)?;
    use ParamType::*;
    Some(match info.params[idx].ty {
        Int8 | Int16 | Int32 | Int64 | Errno | Fd | Pid | Fd32 | Pid32 => {
            Value::Int(match v.len() {
                1 | 2 | 4 | 8 => args::le_signed(v),
                _ => return Option::None,
            })
        }
        Charbuf | Fspath | Fsrelpath => {
            if v.is_empty() {
                return Option::None;
            }
            Value::Str(args::c_str(v))
        }
        Bytebuf => Value::Bytes(v),
        _ => Value::Uint(match v.len() {
            1 | 2 | 4 | 8 => args::le_unsigned(v),
            _ => return Option::None,
        }),
    })
}

/// Append `evt.rawarg.NAME` as text: strings as they are, numbers by the parameter's print
/// format as libsinsp prints raw values (hex in upper case, octal without a prefix).
fn render_rawarg(ev: &Event<'_>, name: &str, out: &mut Vec<u8>) -> bool {
    let Some(value) = rawarg(ev, name) else {
        return false;
    };
    let info = ev.info().expect("rawarg found the parameter");
    let pi = &info.params[info.param_index(name).expect("rawarg found the parameter")];
    let wide = ev.param_by_name(name).map_or(8, |p| p.len()) == 8;
    use falco_schema::PrintFormat::*;
    match (value, pi.fmt) {
        (Value::Int(v), Hex) if wide => write_fmt(out, format_args!("{:X}", v as u64)),
        (Value::Int(v), Hex) => write_fmt(out, format_args!("{:X}", v as u32)),
        (Value::Int(v), Oct) if wide => write_fmt(out, format_args!("{:o}", v as u64)),
        (Value::Int(v), Oct) => write_fmt(out, format_args!("{:o}", v as u32)),
        (Value::Uint(v), Hex) => write_fmt(out, format_args!("{v:X}")),
        (Value::Uint(v), Oct) => write_fmt(out, format_args!("{v:o}")),
        (Value::Uint(v), PaddedDec) => write_fmt(out, format_args!("{v:09}")),
        (Value::Int(v), PaddedDec) => write_fmt(out, format_args!("{v:09}")),
        (Value::Bytes(b), _) => args::write_buffer_text_limited(b, 0, out),
        (v, _) => v.write_text(out),
    }
    true
}

fn write_fmt(out: &mut Vec<u8>, args: std::fmt::Arguments<'_>) {
    use std::io::Write as _;
    out.write_fmt(args).expect("writing to a Vec cannot fail");
}

#[cfg(test)]
mod tests {
    //! Expectations derived by hand from the field descriptions (current libsinsp
    //! semantics).

    use super::*;
    use crate::format::Format;
    use crate::state::State;
    use falco_scap::EventBuilder;

    /// The line `format` gives for an event of type `ty` with `params` (missing values as
    /// `<NA>`), the state having processed the event.
    fn line(format: &str, ty: u16, params: &[&[u8]]) -> String {
        let mut b = EventBuilder::new();
        b.begin(1_700_000_000_123_456_789, 42, ty);
        for p in params {
            b.param(p);
        }
        let mut ev = b.event();
        ev.num = 7;
        ev.cpu = 3;
        let mut state = State::new();
        state.process(&ev);
        let ctx = Ctx {
            ev: &ev,
            state: &state,
        };
        let mut out = Vec::new();
        Format::parse(&format!("*{format}")).unwrap().render_line(
            &ctx,
            &mut TimeFormatter::new(),
            &mut out,
        );
        out.pop();
        String::from_utf8(out).unwrap()
    }

    fn i64p(v: i64) -> [u8; 8] {
        v.to_le_bytes()
    }

    fn u32p(v: u32) -> [u8; 4] {
        v.to_le_bytes()
    }

    /// openat exit: fd, dirfd, name, flags, mode, dev, ino.
    fn openat_x(fd: i64, name: &[u8], flags: u32, mode: u32) -> String {
        line(
            "%evt.res %evt.rawres %evt.failed %evt.is_open_read %evt.is_open_write \
             %evt.is_open_exec %evt.is_open_create %evt.category",
            code::PPME_SYSCALL_OPENAT_2_X,
            &[
                &i64p(fd),
                &i64p(-100),
                name,
                &u32p(flags),
                &u32p(mode),
                &u32p(0),
                &0u64.to_le_bytes(),
            ],
        )
    }

    #[test]
    fn return_values_and_open_kinds() {
        // O_RDONLY.
        assert_eq!(
            openat_x(3, b"/etc/shadow\0", 1, 0),
            "SUCCESS 3 false true false false false file"
        );
        // O_CREAT|O_WRONLY with mode 0755, created (O_F_CREATED).
        assert_eq!(
            openat_x(4, b"/tmp/x\0", 4 | 2 | 1 << 14, 0o755),
            "SUCCESS 4 false false true true true file"
        );
        // O_RDWR, failed: the error's name.
        assert_eq!(
            openat_x(-2, b"/nope\0", 3, 0),
            "ENOENT -2 true true true false false file"
        );
        // An error number without a name shows as the number.
        assert_eq!(
            openat_x(-200, b"/nope\0", 0, 0),
            "-200 -200 true false false false false file"
        );
        // O_TMPFILE creates when the call succeeds.
        assert_eq!(
            openat_x(5, b"/tmp\0", 1 << 13 | 3, 0o600),
            "SUCCESS 5 false true true false true file"
        );
    }

    #[test]
    fn enter_events_have_no_return_value() {
        // close enter: fd.
        assert_eq!(
            line(
                "%evt.res %evt.rawres %evt.failed %evt.count.error %evt.count.exit %evt.dir",
                code::PPME_SYSCALL_CLOSE_E,
                &[&i64p(3)]
            ),
            "<NA> <NA> <NA> <NA> <NA> >"
        );
        // getuid exit: the first parameter is the return value, whatever its name.
        assert_eq!(
            line(
                "%evt.res %evt.rawres %evt.failed %evt.count.error %evt.count.exit",
                code::PPME_SYSCALL_GETUID_X,
                &[&u32p(1000)]
            ),
            "SUCCESS 1000 false 0 1"
        );
        // Generic syscalls have none; switch events are not syscalls.
        assert_eq!(
            line(
                "%evt.res %evt.failed %syscall.type %evt.type",
                code::PPME_GENERIC_X,
                &[&3u16.to_le_bytes(), &0u16.to_le_bytes()]
            ),
            "<NA> <NA> read read"
        );
        assert_eq!(
            line(
                "%evt.res %syscall.type %evt.category %evt.source %evt.is_async",
                code::PPME_SCHEDSWITCH_6_E,
                &[
                    &i64p(0),
                    &0u64.to_le_bytes(),
                    &0u64.to_le_bytes(),
                    &u32p(0),
                    &u32p(0),
                    &u32p(0)
                ]
            ),
            "<NA> <NA> scheduler syscall false"
        );
    }

    #[test]
    fn io_fields() {
        // read exit: res, data, fd, size.
        let read_x = |res: i64, fmt: &str| {
            line(
                fmt,
                code::PPME_SYSCALL_READ_X,
                &[&i64p(res), b"hi\0\x01", &i64p(7), &u32p(4)],
            )
        };
        assert_eq!(
            read_x(
                4,
                "%evt.is_io %evt.is_io_read %evt.is_io_write %evt.io_dir %evt.is_wait \
                 %evt.is_syslog %evt.wait_latency"
            ),
            "true true false read false false 0"
        );
        // The buffer: raw in filters, text in outputs. Its length and the I/O category
        // need the fd, unknown here.
        assert_eq!(read_x(4, "%evt.buffer %evt.arg.data"), "hi.. hi..");
        assert_eq!(read_x(4, "%evt.buflen %evt.category"), "<NA> unknown");
        // write enter: an I/O write, no buffer.
        assert_eq!(
            line(
                "%evt.io_dir %evt.buffer %evt.is_io_write",
                code::PPME_SYSCALL_WRITE_E,
                &[&i64p(1), &u32p(6)]
            ),
            "write <NA> true"
        );
        // A non-I/O event.
        assert_eq!(
            line(
                "%evt.is_io %evt.io_dir %evt.category",
                code::PPME_SYSCALL_KILL_E,
                &[&i64p(1), &[9]]
            ),
            "false <NA> signal"
        );
    }

    #[test]
    fn time_fields() {
        // 1700000000 s is 2023-11-14 22:13:20 UTC.
        assert_eq!(
            line(
                "%evt.rawtime %evt.rawtime.s %evt.rawtime.ns %evt.time.iso8601",
                code::PPME_SYSCALL_CLOSE_E,
                &[&i64p(3)]
            ),
            "1700000000123456789 1700000000 123456789 2023-11-14T22:13:20.123456789+0000"
        );
        let mut out = Vec::new();
        write_iso8601(5, &mut out);
        assert_eq!(out, b"1970-01-01T00:00:00.000000005+0000");
        out.clear();
        // 2000-02-29 12:00:00 UTC: a leap day.
        write_iso8601(951_825_600 * NS, &mut out);
        assert_eq!(out, b"2000-02-29T12:00:00.000000000+0000");
        // Whole-second forms are the nanosecond forms without their fraction.
        let l = line(
            "%evt.time|%evt.time.s|%evt.datetime|%evt.datetime.s|%evt.outputtime",
            code::PPME_SYSCALL_CLOSE_E,
            &[&i64p(3)],
        );
        let parts: Vec<&str> = l.split('|').collect();
        assert_eq!(parts[1], &parts[0][..8]);
        assert_eq!(parts[3], &parts[2][..19]);
        assert!(parts[0].ends_with(".123456789"));
        assert_eq!(parts[4], parts[0]);
        // Small nanosecond parts keep their nine digits.
        let mut b = EventBuilder::new();
        b.begin(1_000_000_042, 1, code::PPME_SYSCALL_CLOSE_E);
        b.param(&i64p(3));
        let ev = b.event();
        let state = State::new();
        let mut out = Vec::new();
        Format::parse("%evt.rawtime.ns %evt.latency.ns")
            .unwrap()
            .render_line(
                &Ctx {
                    ev: &ev,
                    state: &state,
                },
                &mut TimeFormatter::new(),
                &mut out,
            );
        assert_eq!(out, b"000000042 000000000\n");
    }

    #[test]
    fn event_identity() {
        assert_eq!(
            line(
                "%evt.num %evt.cpu %thread.tid %evt.type %evt.dir %evt.count %evt.latency \
                 %evt.latency.human",
                code::PPME_SYSCALL_CLOSE_X,
                &[&i64p(0)]
            ),
            "7 3 42 close < 1 0 0ns"
        );
        // evt.type.is: by name, the first enter/exit pair of that name; by code, exactly.
        let is = |arg: &str| {
            line(
                &format!("%evt.type.is.{arg}"),
                code::PPME_SYSCALL_CLOSE_X,
                &[&i64p(0)],
            )
        };
        assert_eq!(is("close"), "1");
        assert_eq!(is("open"), "0");
        assert_eq!(is(&code::PPME_SYSCALL_CLOSE_X.to_string()), "1");
        assert_eq!(is(&code::PPME_SYSCALL_CLOSE_E.to_string()), "0");
        assert_eq!(is("nosuchevent"), "0");
    }

    #[test]
    fn args_and_info_are_the_same() {
        let ps: [&[u8]; 2] = [&i64p(1234), &[15]];
        assert_eq!(
            line("%evt.args|%evt.info", code::PPME_SYSCALL_KILL_E, &ps),
            "pid=1234 sig=15(SIGTERM)|pid=1234 sig=15(SIGTERM)"
        );
        // No parameters: empty text, not missing.
        assert_eq!(line("[%evt.args]", code::PPME_SYSCALL_GETUID_E, &[]), "[]");
    }

    #[test]
    fn filters_see_typed_values() {
        let mut b = EventBuilder::new();
        b.begin(1, 42, code::PPME_SYSCALL_READ_X);
        for p in [&i64p(-11)[..], b"\x00ab", &i64p(7), &u32p(3)] {
            b.param(p);
        }
        let ev = b.event();
        let state = State::new();
        let ctx = Ctx {
            ev: &ev,
            state: &state,
        };
        let get = |name: &str| {
            let f = FieldRef::parse(name).unwrap();
            let mut scratch = Vec::new();
            f.extract(&ctx, &mut scratch).map(|v| format!("{v:?}"))
        };
        assert_eq!(get("evt.buffer").unwrap(), "Bytes([0, 97, 98])");
        assert_eq!(get("evt.rawres").unwrap(), "Int(-11)");
        assert_eq!(get("evt.failed").unwrap(), "Bool(true)");
        assert_eq!(
            get("evt.res").unwrap(),
            format!("{:?}", Value::Str(b"EAGAIN"))
        );
        assert_eq!(
            get("evt.arg.fd").unwrap(),
            format!("{:?}", Value::Str(b"7"))
        );
        assert_eq!(
            get("evt.arg[3]").unwrap(),
            format!("{:?}", Value::Str(b"3"))
        );
        assert_eq!(get("evt.rawarg.size").unwrap(), "Uint(3)");
        assert_eq!(get("evt.arg.nope"), None);
    }

    #[test]
    fn raw_arguments_render_by_print_format() {
        // openat enter: dirfd, name, flags (FLAGS32, hex), mode (UINT32, octal).
        assert_eq!(
            line(
                "%evt.rawarg.dirfd %evt.rawarg.name %evt.rawarg.flags %evt.rawarg.mode",
                code::PPME_SYSCALL_OPENAT_2_E,
                &[&i64p(-100), b"/etc\0", &u32p(262), &u32p(0o644)]
            ),
            "-100 /etc 106 644"
        );
    }

    /// The text of each of `fields` (space-separated, `<NA>` when missing) for an exit
    /// event of thread 42 (cwd `/root`, fd 2 the directory `/tmp/dirfd1/dirfd2`, fd 3 the
    /// file `/tmp/file`), the state having processed the event.
    fn path_fields(fields: &str, ty: u16, params: &[&[u8]]) -> String {
        use falco_scap::meta::{FdDetails, FdInfo, FdList, ThreadInfo};
        use falco_scap::Metadata;
        let mut state = State::new();
        state.load_metadata(&Metadata {
            threads: vec![ThreadInfo {
                tid: 42,
                pid: 42,
                ptid: 1,
                comm: "sh".into(),
                cwd: b"/root".to_vec(),
                ..ThreadInfo::default()
            }],
            fds: vec![FdList {
                tid: 42,
                fds: vec![
                    FdInfo {
                        fd: 2,
                        ino: 0,
                        ty: crate::state::fd_kind::DIRECTORY,
                        details: FdDetails::Named(b"/tmp/dirfd1/dirfd2".to_vec()),
                    },
                    FdInfo {
                        fd: 3,
                        ino: 0,
                        ty: crate::state::fd_kind::FILE,
                        details: FdDetails::Named(b"/tmp/file".to_vec()),
                    },
                ],
            }],
            ..Metadata::default()
        });
        let mut b = EventBuilder::new();
        b.begin(1, 42, ty);
        for p in params {
            b.param(p);
        }
        let ev = b.event();
        state.process(&ev);
        let ctx = Ctx {
            ev: &ev,
            state: &state,
        };
        let mut out = Vec::new();
        let format = fields
            .split(' ')
            .map(|f| format!("%{f}"))
            .collect::<Vec<_>>()
            .join(" ");
        Format::parse(&format!("*{format}")).unwrap().render_line(
            &ctx,
            &mut TimeFormatter::new(),
            &mut out,
        );
        out.pop();
        String::from_utf8(out).unwrap()
    }

    const FS: &str = "fs.path.name fs.path.nameraw fs.path.source fs.path.sourceraw \
                      fs.path.target fs.path.targetraw";

    #[test]
    fn fs_path_fields() {
        // Cases of libsinsp's events_fspath tests, and the literal rules of
        // sinsp_filter_check_fspath for the others.
        let fchmodat = |res: i64, dirfd: i64, name: &[u8]| {
            path_fields(
                FS,
                code::PPME_SYSCALL_FCHMODAT_X,
                &[&i64p(res), &i64p(dirfd), name, &u32p(0o755)],
            )
        };
        // Relative to the dirfd, normalized; the raw field is the argument as it is.
        assert_eq!(
            fchmodat(0, 2, b"tmp/random/dir...///../../name.txt\0"),
            "/tmp/dirfd1/dirfd2/tmp/name.txt tmp/random/dir...///../../name.txt \
             <NA> <NA> <NA> <NA>"
        );
        assert_eq!(
            fchmodat(0, -100, b"/tmp/random/dir.../..//../filename.txt\0"),
            "/tmp/filename.txt /tmp/random/dir.../..//../filename.txt <NA> <NA> <NA> <NA>"
        );
        // A relative path with AT_FDCWD: the event's fd is no directory (libsinsp's
        // format_dirfd gives <UNKNOWN>, with no separator).
        assert_eq!(
            fchmodat(0, -100, b"rel\0"),
            "<UNKNOWN>rel rel <NA> <NA> <NA> <NA>"
        );
        // Failed: nothing.
        assert_eq!(fchmodat(-2, 2, b"x\0"), "<NA> <NA> <NA> <NA> <NA> <NA>");
        // mkdir: relative to the cwd.
        assert_eq!(
            path_fields(
                "fs.path.name fs.path.nameraw",
                code::PPME_SYSCALL_MKDIR_2_X,
                &[&i64p(0), b"tmp/filename.txt\0", &u32p(0o755)]
            ),
            "/root/tmp/filename.txt tmp/filename.txt"
        );
        // renameat2: the source relative to olddirfd, the target to newdirfd (the cwd).
        assert_eq!(
            path_fields(
                FS,
                code::PPME_SYSCALL_RENAMEAT2_X,
                &[
                    &i64p(0),
                    &i64p(2),
                    b"tmp/oldpath\0",
                    &i64p(-100),
                    b"tmp/newpath\0",
                    &u32p(0)
                ]
            ),
            "<NA> <NA> /tmp/dirfd1/dirfd2/tmp/oldpath tmp/oldpath /root/tmp/newpath tmp/newpath"
        );
        // linkat: libsinsp's source is the new path, the target the old one; both
        // relative to the cwd.
        assert_eq!(
            path_fields(
                "fs.path.source fs.path.target",
                code::PPME_SYSCALL_LINKAT_2_X,
                &[&i64p(0), &i64p(-100), b"a\0", &i64p(-100), b"b\0", &u32p(0)]
            ),
            "/root/b /root/a"
        );
        // open: successful when the fd is not -1.
        let open = |fd: i64| {
            path_fields(
                "fs.path.name fs.path.nameraw",
                code::PPME_SYSCALL_OPEN_X,
                &[
                    &i64p(fd),
                    b"/tmp/random/dir.../..//../filename.txt\0",
                    &u32p(1),
                    &u32p(0),
                    &u32p(0),
                    &0u64.to_le_bytes(),
                ],
            )
        };
        assert_eq!(
            open(5),
            "/tmp/filename.txt /tmp/random/dir.../..//../filename.txt"
        );
        assert_eq!(open(-1), "<NA> <NA>");
        // fchmod: the name of its fd.
        assert_eq!(
            path_fields(
                "fs.path.name fs.path.nameraw",
                code::PPME_SYSCALL_FCHMOD_X,
                &[&i64p(0), &i64p(3), &u32p(0o644)]
            ),
            "/tmp/file /tmp/file"
        );
    }

    #[test]
    fn abspath_fields() {
        let fchmodat = |dirfd: i64, name: &[u8]| {
            path_fields(
                "evt.abspath evt.abspath.src evt.abspath.dst",
                code::PPME_SYSCALL_FCHMODAT_X,
                &[&i64p(0), &i64p(dirfd), name, &u32p(0o755)],
            )
        };
        assert_eq!(
            fchmodat(2, b"x\0"),
            "/tmp/dirfd1/dirfd2/x /tmp/dirfd1/dirfd2/x /tmp/dirfd1/dirfd2/x"
        );
        assert_eq!(fchmodat(-100, b"x\0"), "/root/x /root/x /root/x");
        assert_eq!(fchmodat(9, b"x\0"), "<UNKNOWN>/x <UNKNOWN>/x <UNKNOWN>/x");
        assert_eq!(
            fchmodat(9, b"/etc//passwd\0"),
            "/etc/passwd /etc/passwd /etc/passwd"
        );
        // renameat2: evt.abspath and .src are the old path, .dst the new one.
        assert_eq!(
            path_fields(
                "evt.abspath evt.abspath.src evt.abspath.dst",
                code::PPME_SYSCALL_RENAMEAT2_X,
                &[
                    &i64p(0),
                    &i64p(2),
                    b"old\0",
                    &i64p(-100),
                    b"../new\0",
                    &u32p(0)
                ]
            ),
            "/tmp/dirfd1/dirfd2/old /tmp/dirfd1/dirfd2/old /new"
        );
        // Not an *at syscall.
        assert_eq!(
            path_fields(
                "evt.abspath",
                code::PPME_SYSCALL_MKDIR_2_X,
                &[&i64p(0), b"x\0", &u32p(0)]
            ),
            "<NA>"
        );
    }

    /// The text of `fields` (each `<NA>` when missing) for each of `events` (ts, tid, type,
    /// params) processed in turn by one state, the references kept across events.
    fn stream(
        fields: &str,
        state: &mut State,
        events: &[(u64, u64, u16, Vec<Vec<u8>>)],
    ) -> Vec<String> {
        let mut format = Format::parse(&format!("*{fields}")).unwrap();
        let mut tf = TimeFormatter::new();
        let mut lines = Vec::new();
        for (i, (ts, tid, ty, params)) in events.iter().enumerate() {
            let mut b = EventBuilder::new();
            b.begin(*ts, *tid, *ty);
            for p in params {
                b.param(p);
            }
            let mut ev = b.event();
            ev.num = i as u64 + 1;
            state.process(&ev);
            let mut out = Vec::new();
            format.render_line(&Ctx { ev: &ev, state }, &mut tf, &mut out);
            out.pop();
            lines.push(String::from_utf8(out).unwrap());
        }
        lines
    }

    fn procinfo(ts: u64, tid: u64) -> (u64, u64, u16, Vec<Vec<u8>>) {
        (
            ts,
            tid,
            code::PPME_PROCINFO_E,
            vec![5u64.to_le_bytes().to_vec(), 7u64.to_le_bytes().to_vec()],
        )
    }

    fn close_e(ts: u64) -> (u64, u64, u16, Vec<Vec<u8>>) {
        (ts, 42, code::PPME_SYSCALL_CLOSE_E, vec![i64p(3).to_vec()])
    }

    #[test]
    fn relative_and_delta_times() {
        // The origin is the first event that is not a meta-event: the procinfo event at
        // ts 100 does not count (its own reltime counts from 0, unsigned).
        let events = [
            procinfo(100, 1),
            close_e(2_000_000_000),
            close_e(2_000_000_250),
            close_e(5_100_000_300),
        ];
        let got = stream(
            "%evt.reltime %evt.reltime.s %evt.reltime.ns|%evt.deltatime %evt.deltatime.s \
             %evt.deltatime.ns",
            &mut State::new(),
            &events,
        );
        assert_eq!(
            got,
            [
                // reltime of the meta-event: ts - 0; deltatime: 0 for the first evaluation.
                "000000100 0 000000100|0 0 000000000",
                "000000000 0 000000000|1999999900 1 999999900",
                "000000250 0 000000250|250 0 000000250",
                "3100000300 3 100000300|3100000050 3 100000050",
            ]
        );
        // evt.deltatime counts from the previous event the same reference was evaluated
        // for: a filter that skips events makes longer deltas; a new reference starts at 0.
        let mut state = State::new();
        let f = FieldRef::parse("evt.deltatime").unwrap();
        let mut seen = Vec::new();
        for (i, (ts, tid, ty, params)) in events.iter().enumerate() {
            let mut b = EventBuilder::new();
            b.begin(*ts, *tid, *ty);
            for p in params {
                b.param(p);
            }
            let ev = b.event();
            state.process(&ev);
            if i % 2 == 1 {
                continue;
            }
            let mut scratch = Vec::new();
            let ctx = Ctx {
                ev: &ev,
                state: &state,
            };
            seen.push(f.extract(&ctx, &mut scratch).map(|v| format!("{v:?}")));
        }
        let want = |n: u64| Some(format!("{:?}", Value::Uint(n)));
        assert_eq!(seen, [want(0), want(2_000_000_150)]);
        assert!(f.remembers_events() && !f.needs_state());
        assert!(FieldRef::parse("evt.reltime").unwrap().needs_state());
    }

    #[test]
    fn buffer_lengths_by_direction_and_fd_type() {
        const BUFLENS: &str = "evt.buflen evt.buflen.in evt.buflen.out evt.buflen.file \
                               evt.buflen.file.in evt.buflen.file.out evt.buflen.net \
                               evt.buflen.net.in evt.buflen.net.out";
        // fd 3 is the file /tmp/file; read exit: res, data, fd, size.
        let read = |res: i64, fd: i64| {
            path_fields(
                BUFLENS,
                code::PPME_SYSCALL_READ_X,
                &[&i64p(res), b"abcd", &i64p(fd), &u32p(4)],
            )
        };
        assert_eq!(read(4, 3), "4 4 <NA> 4 4 <NA> <NA> <NA> <NA>");
        // Failed, or on an fd the state does not know: nothing.
        assert_eq!(read(-9, 3), "<NA> <NA> <NA> <NA> <NA> <NA> <NA> <NA> <NA>");
        assert_eq!(read(4, 8), "<NA> <NA> <NA> <NA> <NA> <NA> <NA> <NA> <NA>");
        // write exit: res, data, fd, size.
        assert_eq!(
            path_fields(
                BUFLENS,
                code::PPME_SYSCALL_WRITE_X,
                &[&i64p(2), b"ab", &i64p(3), &u32p(2)]
            ),
            "2 <NA> 2 2 <NA> 2 <NA> <NA> <NA>"
        );
        // fd 2 is a directory: I/O on it is neither a file's nor the network's.
        assert_eq!(
            path_fields(
                BUFLENS,
                code::PPME_SYSCALL_READ_X,
                &[&i64p(1), b"a", &i64p(2), &u32p(1)]
            ),
            "1 1 <NA> <NA> <NA> <NA> <NA> <NA> <NA>"
        );
    }

    #[test]
    fn buffer_lengths_of_sockets() {
        use falco_scap::meta::{FdDetails, FdInfo, FdList, ThreadInfo};
        use falco_scap::Metadata;
        let mut state = State::new();
        state.load_metadata(&Metadata {
            threads: vec![ThreadInfo {
                tid: 42,
                pid: 42,
                ptid: 1,
                comm: "curl".into(),
                ..ThreadInfo::default()
            }],
            fds: vec![FdList {
                tid: 42,
                fds: vec![FdInfo {
                    fd: 5,
                    ino: 0,
                    ty: crate::state::fd_kind::IPV6_SOCK,
                    details: FdDetails::Ipv6 {
                        sip: [0; 16],
                        dip: [0; 16],
                        sport: 1,
                        dport: 80,
                        l4proto: 2,
                    },
                }],
            }],
            ..Metadata::default()
        });
        let got = stream(
            "%evt.buflen.net %evt.buflen.net.in %evt.buflen.net.out %evt.buflen.file",
            &mut state,
            &[(
                9,
                42,
                code::PPME_SOCKET_SENDTO_X,
                vec![
                    i64p(10).to_vec(),
                    b"0123456789".to_vec(),
                    i64p(5).to_vec(),
                    vec![],
                ],
            )],
        );
        assert_eq!(got, ["10 <NA> 10 <NA>"]);
    }

    #[test]
    fn procinfo_counts_async_type_and_plugins() {
        use falco_scap::meta::ThreadInfo;
        use falco_scap::Metadata;
        let mut state = State::new();
        let t = |tid: u64, pid: u64| ThreadInfo {
            tid,
            pid,
            ptid: 1,
            comm: "x".into(),
            ..ThreadInfo::default()
        };
        state.load_metadata(&Metadata {
            threads: vec![t(10, 10), t(11, 10)],
            ..Metadata::default()
        });
        let got = stream(
            "%evt.count.procinfo %evt.count.threadinfo %evt.asynctype %evt.is_async \
             %evt.pluginname %evt.plugininfo %evt.latency.quantized",
            &mut state,
            &[
                procinfo(1, 10),
                procinfo(2, 11),
                procinfo(3, 99),
                close_e(4),
            ],
        );
        assert_eq!(
            got,
            [
                "1 1 procinfo true <NA> <NA> 0",
                "0 1 procinfo true <NA> <NA> 0",
                "0 1 procinfo true <NA> <NA> 0",
                "0 0 <NA> false <NA> <NA> 0",
            ]
        );
    }

    #[test]
    fn new_fields_compare_as_numbers() {
        use crate::filter::{parse, Filter};
        let events = [close_e(1_000), close_e(5_000), close_e(5_500)];
        let mut filter =
            Filter::compile(&parse("evt.deltatime > 1000 and evt.reltime >= 4000").unwrap())
                .unwrap();
        let mut state = State::new();
        let mut hits = Vec::new();
        for (ts, tid, ty, params) in &events {
            let mut b = EventBuilder::new();
            b.begin(*ts, *tid, *ty);
            for p in params {
                b.param(p);
            }
            let ev = b.event();
            state.process(&ev);
            hits.push(filter.eval(&Ctx {
                ev: &ev,
                state: &state,
            }));
        }
        assert_eq!(hits, [false, true, false]);
        assert!(parse("evt.buflen.net.in > 0").is_ok());
    }
}
