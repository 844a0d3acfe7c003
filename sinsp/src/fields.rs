//! Fields: named values extracted from an event (`evt.num`, `evt.type`, `thread.tid`, ...).
//!
//! A [`Field`] is parsed once from its name (`evt.rawarg.fd`) and then extracted for many
//! events by [`Field::render`], which appends the value's text to a buffer without
//! allocating. This module holds the fields that need no process state; the state-backed
//! fields (`proc.*`, `fd.*`, `user.*`) are added by the state layer.

use falco_scap::Event;
use falco_schema::{syscalls, ParamType};

use crate::time::TimeFormatter;

/// The type of a field's value, as listed by `falco-inspect -l`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldType {
    /// Unsigned 64-bit number.
    Uint64,
    /// Signed 64-bit number.
    Int64,
    /// Unsigned 32-bit number.
    Uint32,
    /// Signed 16-bit number.
    Int16,
    /// Text.
    Charbuf,
    /// Absolute time.
    Abstime,
    /// A value whose type depends on the event (`evt.rawarg`).
    Dynamic,
}

impl FieldType {
    /// Upstream type name.
    pub fn name(self) -> &'static str {
        match self {
            FieldType::Uint64 => "UINT64",
            FieldType::Int64 => "INT64",
            FieldType::Uint32 => "UINT32",
            FieldType::Int16 => "INT16",
            FieldType::Charbuf => "CHARBUF",
            FieldType::Abstime => "ABSTIME",
            FieldType::Dynamic => "DYNAMIC",
        }
    }
}

/// Description of a field.
#[derive(Clone, Copy, Debug)]
pub struct FieldDef {
    /// Name (`evt.num`); fields taking an argument are listed without it.
    pub name: &'static str,
    /// Value type.
    pub ty: FieldType,
    /// Whether the field needs an argument (`evt.rawarg.NAME`).
    pub arg: ArgKind,
    /// One-line description.
    pub desc: &'static str,
}

/// What kind of argument a field takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArgKind {
    /// None.
    None,
    /// Required, written after a dot (`evt.rawarg.fd`) or in brackets (`evt.rawarg[fd]`).
    Required,
}

/// Every field of this module.
pub static FIELDS: &[FieldDef] = &[
    FieldDef {
        name: "evt.num",
        ty: FieldType::Uint64,
        arg: ArgKind::None,
        desc: "event number: the event's position in the capture or the live stream",
    },
    FieldDef {
        name: "evt.time",
        ty: FieldType::Charbuf,
        arg: ArgKind::None,
        desc: "event timestamp as local time of day, with nanoseconds",
    },
    FieldDef {
        name: "evt.datetime",
        ty: FieldType::Charbuf,
        arg: ArgKind::None,
        desc: "event timestamp as local date and time of day, with nanoseconds",
    },
    FieldDef {
        name: "evt.rawtime",
        ty: FieldType::Abstime,
        arg: ArgKind::None,
        desc: "event timestamp in nanoseconds since the epoch",
    },
    FieldDef {
        name: "evt.cpu",
        ty: FieldType::Int16,
        arg: ArgKind::None,
        desc: "number of the CPU (ring buffer) the event was captured on",
    },
    FieldDef {
        name: "evt.type",
        ty: FieldType::Charbuf,
        arg: ArgKind::None,
        desc: "event type name, e.g. open or execve",
    },
    FieldDef {
        name: "evt.dir",
        ty: FieldType::Charbuf,
        arg: ArgKind::None,
        desc: "event direction: '>' for enter events, '<' for exit events",
    },
    FieldDef {
        name: "thread.tid",
        ty: FieldType::Int64,
        arg: ArgKind::None,
        desc: "id of the thread that generated the event",
    },
    FieldDef {
        name: "evt.rawarg",
        ty: FieldType::Dynamic,
        arg: ArgKind::Required,
        desc: "an event parameter by name, as its raw value, e.g. evt.rawarg.fd",
    },
];

/// A parsed field reference.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Field {
    /// `evt.num`.
    EvtNum,
    /// `evt.time`.
    EvtTime,
    /// `evt.datetime`.
    EvtDatetime,
    /// `evt.rawtime`.
    EvtRawtime,
    /// `evt.cpu`.
    EvtCpu,
    /// `evt.type`.
    EvtType,
    /// `evt.dir`.
    EvtDir,
    /// `thread.tid`.
    ThreadTid,
    /// `evt.rawarg.NAME`.
    EvtRawarg(String),
}

/// Why a field name was rejected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldError {
    /// No such field.
    Unknown(String),
    /// The field needs an argument.
    MissingArg(&'static str),
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FieldError::Unknown(n) => write!(f, "unknown field '{n}'"),
            FieldError::MissingArg(n) => write!(f, "field '{n}' requires an argument"),
        }
    }
}

impl Field {
    /// Parse a field reference such as `evt.type`, `evt.rawarg.fd` or `evt.rawarg[fd]`.
    pub fn parse(name: &str) -> Result<Field, FieldError> {
        Ok(match name {
            "evt.num" => Field::EvtNum,
            "evt.time" => Field::EvtTime,
            "evt.datetime" => Field::EvtDatetime,
            "evt.rawtime" => Field::EvtRawtime,
            "evt.cpu" => Field::EvtCpu,
            "evt.type" => Field::EvtType,
            "evt.dir" => Field::EvtDir,
            "thread.tid" => Field::ThreadTid,
            "evt.rawarg" => return Err(FieldError::MissingArg("evt.rawarg")),
            _ => {
                if let Some(arg) = name.strip_prefix("evt.rawarg.") {
                    if !arg.is_empty() {
                        return Ok(Field::EvtRawarg(arg.to_string()));
                    }
                } else if let Some(rest) = name.strip_prefix("evt.rawarg[") {
                    if let Some(arg) = rest.strip_suffix(']') {
                        if !arg.is_empty() {
                            return Ok(Field::EvtRawarg(arg.to_string()));
                        }
                    }
                }
                return Err(FieldError::Unknown(name.to_string()));
            }
        })
    }

    /// Append the field's value for `ev` to `out`; false (and nothing appended) when the
    /// event has no such value.
    pub fn render(&self, ev: &Event<'_>, tf: &mut TimeFormatter, out: &mut Vec<u8>) -> bool {
        match self {
            Field::EvtNum => push_u64(out, ev.num),
            Field::EvtRawtime => push_u64(out, ev.ts()),
            Field::EvtTime => tf.time(ev.ts(), out),
            Field::EvtDatetime => tf.datetime(ev.ts(), out),
            Field::EvtCpu => push_u64(out, ev.cpu as u64),
            Field::EvtType => out.extend_from_slice(event_type_name(ev).as_bytes()),
            Field::EvtDir => out.push(if ev.is_enter() { b'>' } else { b'<' }),
            Field::ThreadTid => push_i64(out, ev.tid() as i64),
            Field::EvtRawarg(name) => return render_rawarg(ev, name, out),
        }
        true
    }
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
                id = syscalls::table(syscalls::Arch::X86_64)
                    .binary_search_by_key(&nr, |e| e.nr)
                    .map(|i| syscalls::table(syscalls::Arch::X86_64)[i].ppm_sc)
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

fn render_rawarg(ev: &Event<'_>, name: &str, out: &mut Vec<u8>) -> bool {
    let Some(info) = ev.info() else { return false };
    let Some(idx) = info.param_index(name) else {
        return false;
    };
    let Some(v) = ev.param(idx) else { return false };
    let ty = info.params[idx].ty;
    use ParamType::*;
    match ty {
        Int8 | Int16 | Int32 | Int64 | Errno | Fd | Pid | Fd32 | Pid32 => match v.len() {
            1 => push_i64(out, v[0] as i8 as i64),
            2 => push_i64(out, i16::from_le_bytes([v[0], v[1]]) as i64),
            4 => push_i64(out, i32::from_le_bytes(v.try_into().unwrap()) as i64),
            8 => push_i64(out, i64::from_le_bytes(v.try_into().unwrap())),
            _ => return false,
        },
        Charbuf | Fspath | Fsrelpath => {
            let end = v.iter().position(|&b| b == 0).unwrap_or(v.len());
            if v.is_empty() {
                return false;
            }
            out.extend_from_slice(&v[..end]);
        }
        _ => match v.len() {
            1 => push_u64(out, v[0] as u64),
            2 => push_u64(out, u16::from_le_bytes([v[0], v[1]]) as u64),
            4 => push_u64(out, u32::from_le_bytes(v.try_into().unwrap()) as u64),
            8 => push_u64(out, u64::from_le_bytes(v.try_into().unwrap())),
            _ => return false,
        },
    }
    true
}

#[inline]
fn push_u64(out: &mut Vec<u8>, v: u64) {
    out.extend_from_slice(itoa::Buffer::new().format(v).as_bytes());
}

#[inline]
fn push_i64(out: &mut Vec<u8>, v: i64) {
    out.extend_from_slice(itoa::Buffer::new().format(v).as_bytes());
}
