//! Fields: named values of an event (`evt.num`, `evt.type`, `proc.name`, `fd.name`, ...).
//!
//! A field reference is parsed once ([`FieldRef::parse`], e.g. `evt.rawarg.fd` or
//! `proc.aname[2]`) against the table of field definitions ([`FIELDS`]), then evaluated for
//! many events:
//!
//! * [`FieldRef::extract`] gives a typed [`Value`] for the filter language, borrowing from
//!   the event, the [`State`] or a caller-owned scratch buffer (no allocation per event);
//! * [`FieldRef::render`] appends the value's text for outputs and `-p` formats.
//!
//! Both take a [`Ctx`]: the event and the state it is seen in.

use falco_scap::Event;
use falco_schema::{syscalls, ParamType};

use crate::state::State;
use crate::time::TimeFormatter;
use crate::value::Value;

/// What a field is evaluated against.
#[derive(Clone, Copy, Debug)]
pub struct Ctx<'a> {
    /// The event.
    pub ev: &'a Event<'a>,
    /// The state the event is seen in (updated with the event before it is evaluated).
    pub state: &'a State,
}

/// Whether and how a field takes an argument.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArgKind {
    /// No argument.
    None,
    /// A required argument, as `field.ARG` or `field[ARG]`.
    Required,
    /// An optional argument in brackets, `field[ARG]`.
    Optional,
}

/// Description of a field, as `falco-inspect -l` lists it.
#[derive(Clone, Copy, Debug)]
pub struct FieldDef {
    /// Name (`evt.num`); fields taking an argument are listed without it.
    pub name: &'static str,
    /// Value type (the wire type vocabulary of the schema).
    pub ty: ParamType,
    /// Argument.
    pub arg: ArgKind,
    /// One-line description.
    pub desc: &'static str,
    /// Which field this is.
    pub id: FieldId,
}

/// Identity of a field (one variant per definition of [`FIELDS`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub enum FieldId {
    EvtNum,
    EvtTime,
    EvtDatetime,
    EvtRawtime,
    EvtCpu,
    EvtType,
    EvtDir,
    ThreadTid,
    EvtRawarg,
}

/// Every field.
pub static FIELDS: &[FieldDef] = &[
    FieldDef {
        name: "evt.num",
        ty: ParamType::Uint64,
        arg: ArgKind::None,
        desc: "event number: the event's position in the capture or the live stream",
        id: FieldId::EvtNum,
    },
    FieldDef {
        name: "evt.time",
        ty: ParamType::Charbuf,
        arg: ArgKind::None,
        desc: "event timestamp as local time of day, with nanoseconds",
        id: FieldId::EvtTime,
    },
    FieldDef {
        name: "evt.datetime",
        ty: ParamType::Charbuf,
        arg: ArgKind::None,
        desc: "event timestamp as local date and time of day, with nanoseconds",
        id: FieldId::EvtDatetime,
    },
    FieldDef {
        name: "evt.rawtime",
        ty: ParamType::Abstime,
        arg: ArgKind::None,
        desc: "event timestamp in nanoseconds since the epoch",
        id: FieldId::EvtRawtime,
    },
    FieldDef {
        name: "evt.cpu",
        ty: ParamType::Int16,
        arg: ArgKind::None,
        desc: "number of the CPU (ring buffer) the event was captured on",
        id: FieldId::EvtCpu,
    },
    FieldDef {
        name: "evt.type",
        ty: ParamType::Charbuf,
        arg: ArgKind::None,
        desc: "event type name, e.g. open or execve",
        id: FieldId::EvtType,
    },
    FieldDef {
        name: "evt.dir",
        ty: ParamType::Charbuf,
        arg: ArgKind::None,
        desc: "event direction: '>' for enter events, '<' for exit events",
        id: FieldId::EvtDir,
    },
    FieldDef {
        name: "thread.tid",
        ty: ParamType::Int64,
        arg: ArgKind::None,
        desc: "id of the thread that generated the event",
        id: FieldId::ThreadTid,
    },
    FieldDef {
        name: "evt.rawarg",
        ty: ParamType::Dyn,
        arg: ArgKind::Required,
        desc: "an event parameter by name, as its raw value, e.g. evt.rawarg.fd",
        id: FieldId::EvtRawarg,
    },
];

/// Why a field reference was rejected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldError {
    /// No such field.
    Unknown(String),
    /// The field needs an argument.
    MissingArg(&'static str),
    /// The field takes no argument.
    UnexpectedArg(&'static str),
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FieldError::Unknown(n) => write!(f, "unknown field '{n}'"),
            FieldError::MissingArg(n) => write!(f, "field '{n}' requires an argument"),
            FieldError::UnexpectedArg(n) => write!(f, "field '{n}' does not take an argument"),
        }
    }
}

/// A parsed field reference: a definition and its argument.
#[derive(Clone, Debug)]
pub struct FieldRef {
    def: &'static FieldDef,
    arg: Option<Box<str>>,
}

/// The definition named `name`, if any.
pub fn lookup(name: &str) -> Option<&'static FieldDef> {
    FIELDS.iter().find(|d| d.name == name)
}

impl PartialEq for FieldRef {
    fn eq(&self, other: &FieldRef) -> bool {
        self.def.id == other.def.id && self.arg == other.arg
    }
}

impl Eq for FieldRef {}

impl FieldRef {
    /// Parse `name`, `name.ARG` or `name[ARG]` (the argument given separately, as the
    /// filter parser does, with [`FieldRef::with_arg`]).
    pub fn parse(text: &str) -> Result<FieldRef, FieldError> {
        if let Some(open) = text.find('[') {
            if let Some(arg) = text[open + 1..].strip_suffix(']') {
                return FieldRef::with_arg(&text[..open], Some(arg));
            }
            return Err(FieldError::Unknown(text.to_string()));
        }
        if let Some(def) = lookup(text) {
            return FieldRef::with_arg(def.name, None);
        }
        // `evt.rawarg.fd`: the longest defined prefix taking a dotted argument.
        let mut end = text.len();
        while let Some(dot) = text[..end].rfind('.') {
            if let Some(def) = lookup(&text[..dot]) {
                if def.arg != ArgKind::None {
                    return FieldRef::with_arg(def.name, Some(&text[dot + 1..]));
                }
            }
            end = dot;
        }
        Err(FieldError::Unknown(text.to_string()))
    }

    /// The field `name` with argument `arg`.
    pub fn with_arg(name: &str, arg: Option<&str>) -> Result<FieldRef, FieldError> {
        let def = lookup(name).ok_or_else(|| FieldError::Unknown(name.to_string()))?;
        match (def.arg, arg) {
            (ArgKind::Required, None) => Err(FieldError::MissingArg(def.name)),
            (ArgKind::Required, Some("")) => Err(FieldError::MissingArg(def.name)),
            (ArgKind::None, Some(_)) => Err(FieldError::UnexpectedArg(def.name)),
            _ => Ok(FieldRef {
                def,
                arg: arg.map(Into::into),
            }),
        }
    }

    /// The definition.
    pub fn def(&self) -> &'static FieldDef {
        self.def
    }

    /// The argument, if any.
    pub fn arg(&self) -> Option<&str> {
        self.arg.as_deref()
    }

    /// The type of the values.
    pub fn ty(&self) -> ParamType {
        self.def.ty
    }

    /// The typed value for `ctx`, `None` when the event has none. Computed values are
    /// built in `scratch`.
    pub fn extract<'a>(&self, ctx: &Ctx<'a>, scratch: &'a mut Vec<u8>) -> Option<Value<'a>> {
        let ev = ctx.ev;
        Some(match self.def.id {
            FieldId::EvtNum => Value::Uint(ev.num),
            FieldId::EvtRawtime => Value::Uint(ev.ts()),
            FieldId::EvtCpu => Value::Int(ev.cpu as i64),
            FieldId::ThreadTid => Value::Int(ev.tid() as i64),
            FieldId::EvtType => Value::Str(event_type_name(ev).as_bytes()),
            FieldId::EvtDir => Value::Str(if ev.is_enter() { b">" } else { b"<" }),
            FieldId::EvtTime | FieldId::EvtDatetime => {
                scratch.clear();
                let mut tf = TimeFormatter::new();
                if self.def.id == FieldId::EvtTime {
                    tf.time(ev.ts(), scratch);
                } else {
                    tf.datetime(ev.ts(), scratch);
                }
                Value::Str(scratch)
            }
            FieldId::EvtRawarg => rawarg(ev, self.arg.as_deref()?)?,
        })
    }

    /// Append the value's text for `ctx` to `out`; false (nothing appended) when there is
    /// no value.
    pub fn render(&self, ctx: &Ctx<'_>, tf: &mut TimeFormatter, out: &mut Vec<u8>) -> bool {
        match self.def.id {
            FieldId::EvtTime => tf.time(ctx.ev.ts(), out),
            FieldId::EvtDatetime => tf.datetime(ctx.ev.ts(), out),
            _ => {
                let mut scratch = Vec::new();
                match self.extract(ctx, &mut scratch) {
                    Some(v) => v.write_text(out),
                    None => return false,
                }
            }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_forms() {
        assert_eq!(
            FieldRef::parse("evt.num").unwrap().def().id,
            FieldId::EvtNum
        );
        let r = FieldRef::parse("evt.rawarg.fd").unwrap();
        assert_eq!((r.def().id, r.arg()), (FieldId::EvtRawarg, Some("fd")));
        let r = FieldRef::parse("evt.rawarg[name]").unwrap();
        assert_eq!(r.arg(), Some("name"));
        assert_eq!(
            FieldRef::parse("evt.rawarg"),
            Err(FieldError::MissingArg("evt.rawarg"))
        );
        assert_eq!(
            FieldRef::parse("evt.num[1]"),
            Err(FieldError::UnexpectedArg("evt.num"))
        );
        assert!(matches!(
            FieldRef::parse("nope.x"),
            Err(FieldError::Unknown(_))
        ));
    }
}
