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
//!
//! Each module of this directory owns one or more field [`Class`]es: a table of
//! [`FieldDef`]s and the code that extracts them. To add a class, add its variant, its
//! table to [`tables`], and its arm to the dispatch of [`FieldRef::extract`] and
//! [`FieldRef::render`].

pub mod args;
mod container;
mod evt;
mod fd;
mod proc;
mod user;

pub use evt::event_type_name;
pub(crate) use evt::generic_syscall_id;

use falco_scap::Event;
use falco_schema::ParamType;

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
    /// True for fields whose value is a list (the filter's `in`/`intersects` apply to the
    /// list as a whole) or that match when any of several values matches.
    pub list: bool,
    /// The class that extracts it.
    pub class: Class,
    /// Index of the field within its class (the class's own identifier).
    pub id: u16,
}

/// Field classes: each module of this directory owns one or more classes, its table of
/// definitions and its extraction code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Class {
    /// `evt.*` and `thread.tid`: fields of the event itself (`evt.rs`).
    Evt,
    /// `proc.*` and `thread.*`: the process and thread of the event (`proc.rs`).
    Proc,
    /// `fd.*`: the file descriptor of the event (`fd.rs`).
    Fd,
    /// `user.*` (`user.rs`).
    User,
    /// `group.*` (`user.rs`).
    Group,
    /// `container.*` and `k8s.*` (`container.rs`).
    Container,
}

/// The definition tables of every class, in listing order.
fn tables() -> [&'static [FieldDef]; 6] {
    [
        evt::FIELDS,
        proc::FIELDS,
        fd::FIELDS,
        user::USER_FIELDS,
        user::GROUP_FIELDS,
        container::FIELDS,
    ]
}

/// Every field definition, in listing order.
pub fn all() -> impl Iterator<Item = &'static FieldDef> {
    tables().into_iter().flatten()
}

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
    memo: Memo,
}

/// What a field reference remembers between the events it is evaluated for. libsinsp keeps
/// this in each filter check: `evt.deltatime` is the time since the previous event *this*
/// reference was evaluated for (in a `-p` format, the previous printed event), not since
/// the previous event of the stream. An atomic, so that references stay `Sync`; the
/// accesses are relaxed loads and stores (no allocation, no lock).
#[derive(Debug, Default)]
pub(crate) struct Memo {
    /// Timestamp of the previous event evaluated (0: none yet).
    pub(crate) prev_ts: std::sync::atomic::AtomicU64,
}

impl Clone for Memo {
    fn clone(&self) -> Memo {
        use std::sync::atomic::{AtomicU64, Ordering};
        Memo {
            prev_ts: AtomicU64::new(self.prev_ts.load(Ordering::Relaxed)),
        }
    }
}

/// Fields that can be used in filters but not printed (libsinsp's `EPF_FILTER_ONLY`): they
/// match either end of a connection (`fd.ip`, `fd.port`, `fd.proto`) or a network
/// (`fd.net`, ...), or a time window (`evt.around`), and have no single value to show.
pub const FILTER_ONLY: &[&str] = &[
    "fd.ip",
    "fd.port",
    "fd.proto",
    "fd.net",
    "fd.cnet",
    "fd.snet",
    "fd.lnet",
    "fd.rnet",
    "evt.around",
];

/// True for a field that can only be used in filters ([`FILTER_ONLY`]).
pub fn is_filter_only(name: &str) -> bool {
    FILTER_ONLY.contains(&name)
}

/// The definition named `name`, if any (the first of that name in listing order).
pub fn lookup(name: &str) -> Option<&'static FieldDef> {
    // Rules files name fields thousands of times: an index built once, not a scan.
    static BY_NAME: std::sync::OnceLock<
        std::collections::HashMap<&'static str, &'static FieldDef>,
    > = std::sync::OnceLock::new();
    BY_NAME
        .get_or_init(|| {
            let mut m = std::collections::HashMap::new();
            for d in all() {
                m.entry(d.name).or_insert(d);
            }
            m
        })
        .get(name)
        .copied()
}

impl PartialEq for FieldRef {
    fn eq(&self, other: &FieldRef) -> bool {
        self.def.class == other.def.class && self.def.id == other.def.id && self.arg == other.arg
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
                memo: Memo::default(),
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

    /// What the reference remembers of the events it was evaluated for.
    pub(crate) fn memo(&self) -> &Memo {
        &self.memo
    }

    /// The type of the values.
    pub fn ty(&self) -> ParamType {
        self.def.ty
    }

    /// The typed value for `ctx`, `None` when the event has none. Computed values are
    /// built in `scratch`.
    pub fn extract<'a>(&self, ctx: &Ctx<'a>, scratch: &'a mut Vec<u8>) -> Option<Value<'a>> {
        match self.def.class {
            Class::Evt => evt::extract(self, ctx, scratch),
            Class::Proc => proc::extract(self, ctx, scratch),
            Class::Fd => fd::extract(self, ctx, scratch),
            Class::User => user::extract_user(self, ctx),
            Class::Group => user::extract_group(self, ctx),
            Class::Container => container::extract(self, ctx),
        }
    }

    /// Every value of the field for `ctx`, passed to `f` until it returns true; returns
    /// whether it did. A check on such a field is true if it holds for any extracted value
    /// (`proc.aname = bash` holds when any ancestor is bash). Single-valued fields pass
    /// their one value.
    pub fn extract_all<'a>(
        &self,
        ctx: &Ctx<'a>,
        scratch: &'a mut Vec<u8>,
        f: &mut dyn FnMut(Value<'_>) -> bool,
    ) -> bool {
        match self.def.class {
            Class::Proc => return proc::extract_all(self, ctx, scratch, f),
            Class::Fd => return fd::extract_all(self, ctx, scratch, f),
            _ => {}
        }
        match self.extract(ctx, scratch) {
            Some(v) => f(v),
            None => false,
        }
    }

    /// True for list-valued or any-of-several fields (see [`FieldDef::list`]).
    pub fn is_list(&self) -> bool {
        self.def.list
    }

    /// True when the value depends on the events this reference was evaluated for before
    /// (`evt.deltatime*`): a filter must then evaluate it for every event, not skip events
    /// by type first.
    pub fn remembers_events(&self) -> bool {
        self.def.class == Class::Evt && evt::remembers_events(self.def.id)
    }

    /// False when the value depends on the event alone, never on the state: a caller whose
    /// fields all say so need not maintain the state.
    pub fn needs_state(&self) -> bool {
        match self.def.class {
            Class::Evt => !evt::is_stateless(self.def.id),
            _ => true,
        }
    }

    /// Append the value's text for `ctx` to `out`; false (nothing appended) when there is
    /// no value. `scratch` is a reusable buffer.
    pub fn render(
        &self,
        ctx: &Ctx<'_>,
        tf: &mut TimeFormatter,
        scratch: &mut Vec<u8>,
        out: &mut Vec<u8>,
    ) -> bool {
        match self.def.class {
            Class::Evt => evt::render(self, ctx, tf, scratch, out),
            Class::Proc => proc::render(self, ctx, tf, scratch, out),
            Class::Fd => fd::render(self, ctx, tf, scratch, out),
            Class::User | Class::Group => user::render(self, ctx, tf, scratch, out),
            Class::Container => container::render(self, ctx, tf, scratch, out),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_event_fields_go_without_state() {
        for name in [
            "evt.num",
            "evt.type",
            "evt.time",
            "thread.tid",
            "evt.rawarg.fd",
        ] {
            assert!(!FieldRef::parse(name).unwrap().needs_state(), "{name}");
        }
        for name in [
            "evt.info",
            "evt.args",
            "evt.category",
            "proc.name",
            "fd.name",
        ] {
            assert!(FieldRef::parse(name).unwrap().needs_state(), "{name}");
        }
    }

    #[test]
    fn parse_forms() {
        assert_eq!(FieldRef::parse("evt.num").unwrap().def().name, "evt.num");
        let r = FieldRef::parse("evt.rawarg.fd").unwrap();
        assert_eq!((r.def().name, r.arg()), ("evt.rawarg", Some("fd")));
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
