//! The `evt` class: fields of the event itself, needing no state.

use falco_scap::Event;
use falco_schema::{syscalls, ParamType};

use super::{ArgKind, Class, Ctx, FieldDef, FieldRef};
use crate::time::TimeFormatter;
use crate::value::Value;

// Field ids of this class (indexes into FIELDS).
const NUM: u16 = 0;
const TIME: u16 = 1;
const DATETIME: u16 = 2;
const RAWTIME: u16 = 3;
const CPU: u16 = 4;
const TYPE: u16 = 5;
const DIR: u16 = 6;
const TID: u16 = 7;
const RAWARG: u16 = 8;

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

/// The fields of this class; `FIELDS[i].id == i`.
pub(super) static FIELDS: &[FieldDef] = &[
    def(
        "evt.num",
        ParamType::Uint64,
        ArgKind::None,
        NUM,
        "event number: the event's position in the capture or the live stream",
    ),
    def(
        "evt.time",
        ParamType::Charbuf,
        ArgKind::None,
        TIME,
        "event timestamp as local time of day, with nanoseconds",
    ),
    def(
        "evt.datetime",
        ParamType::Charbuf,
        ArgKind::None,
        DATETIME,
        "event timestamp as local date and time of day, with nanoseconds",
    ),
    def(
        "evt.rawtime",
        ParamType::Abstime,
        ArgKind::None,
        RAWTIME,
        "event timestamp in nanoseconds since the epoch",
    ),
    def(
        "evt.cpu",
        ParamType::Int16,
        ArgKind::None,
        CPU,
        "number of the CPU (ring buffer) the event was captured on",
    ),
    def(
        "evt.type",
        ParamType::Charbuf,
        ArgKind::None,
        TYPE,
        "event type name, e.g. open or execve",
    ),
    def(
        "evt.dir",
        ParamType::Charbuf,
        ArgKind::None,
        DIR,
        "event direction: '>' for enter events, '<' for exit events",
    ),
    def(
        "thread.tid",
        ParamType::Int64,
        ArgKind::None,
        TID,
        "id of the thread that generated the event",
    ),
    def(
        "evt.rawarg",
        ParamType::Dyn,
        ArgKind::Required,
        RAWARG,
        "an event parameter by name, as its raw value, e.g. evt.rawarg.fd",
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
    Some(match f.def().id {
        NUM => Value::Uint(ev.num),
        RAWTIME => Value::Uint(ev.ts()),
        CPU => Value::Int(ev.cpu as i64),
        TID => Value::Int(ev.tid() as i64),
        TYPE => Value::Str(event_type_name(ev).as_bytes()),
        DIR => Value::Str(if ev.is_enter() { b">" } else { b"<" }),
        TIME | DATETIME => {
            scratch.clear();
            let mut tf = TimeFormatter::new();
            if f.def().id == TIME {
                tf.time(ev.ts(), scratch);
            } else {
                tf.datetime(ev.ts(), scratch);
            }
            Value::Str(scratch)
        }
        RAWARG => rawarg(ev, f.arg()?)?,
        _ => return None,
    })
}

pub(super) fn render(
    f: &FieldRef,
    ctx: &Ctx<'_>,
    tf: &mut TimeFormatter,
    scratch: &mut Vec<u8>,
    out: &mut Vec<u8>,
) -> bool {
    match f.def().id {
        TIME => tf.time(ctx.ev.ts(), out),
        DATETIME => tf.datetime(ctx.ev.ts(), out),
        _ => match extract(f, ctx, scratch) {
            Some(v) => v.write_text(out),
            None => return false,
        },
    }
    true
}

/// The name `evt.type` shows for an event: the table name, or for generic syscall events
/// the name of the syscall they carry by `PPM_SC_*` id. A generic exit event with the
/// unknown id 0 and a native syscall number (recorded by drivers newer than the syscall
/// table of the recorder) is named by that number, as current libsinsp does; old enter
/// events are shown as recorded (`<unknown>`), as sysdig shows them.
pub fn event_type_name(ev: &Event<'_>) -> &'static str {
    let ty = ev.ty();
    if ty == falco_schema::code::PPME_GENERIC_E || ty == falco_schema::code::PPME_GENERIC_X {
        let id = ev
            .param(0)
            .filter(|p| p.len() == 2)
            .map(|p| u16::from_le_bytes([p[0], p[1]]));
        let mut id = id.unwrap_or(0);
        if id == 0 && ty == falco_schema::code::PPME_GENERIC_X {
            if let Some(native) = ev.param(1).filter(|p| p.len() == 2) {
                let nr = u16::from_le_bytes([native[0], native[1]]);
                let table = syscalls::table(syscalls::Arch::X86_64);
                id = table
                    .binary_search_by_key(&nr, |e| e.nr)
                    .map(|i| table[i].ppm_sc)
                    .unwrap_or(0);
            }
        }
        if id == 0 {
            return "<unknown>";
        }
        return syscalls::sc_name(id).unwrap_or("<unknown>");
    }
    ev.info().map_or("<unknown>", |i| i.name)
}

/// `evt.rawarg.NAME`: the parameter's raw value, typed by the schema.
fn rawarg<'a>(ev: &Event<'a>, name: &str) -> Option<Value<'a>> {
    let info = ev.info()?;
    let idx = info.param_index(name)?;
    let v = ev.param(idx)?;
    use ParamType::*;
    Some(match info.params[idx].ty {
        Int8 | Int16 | Int32 | Int64 | Errno | Fd | Pid | Fd32 | Pid32 => {
            Value::Int(match v.len() {
                1 => v[0] as i8 as i64,
                2 => i16::from_le_bytes([v[0], v[1]]) as i64,
                4 => i32::from_le_bytes(v.try_into().ok()?) as i64,
                8 => i64::from_le_bytes(v.try_into().ok()?),
                _ => return Option::None,
            })
        }
        Charbuf | Fspath | Fsrelpath => {
            if v.is_empty() {
                return Option::None;
            }
            let end = v.iter().position(|&b| b == 0).unwrap_or(v.len());
            Value::Str(&v[..end])
        }
        Bytebuf => Value::Bytes(v),
        _ => Value::Uint(match v.len() {
            1 => v[0] as u64,
            2 => u16::from_le_bytes([v[0], v[1]]) as u64,
            4 => u32::from_le_bytes(v.try_into().ok()?) as u64,
            8 => u64::from_le_bytes(v.try_into().ok()?),
            _ => return Option::None,
        }),
    })
}
