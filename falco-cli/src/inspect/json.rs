//! `falco-inspect -j`: one JSON object per event, as `sysdig -j` prints it.
//!
//! The shape is libsinsp's JSON event formatter (`sinsp_evt_formatter` with `OF_JSON`,
//! written by jsoncpp's `FastWriter`):
//!
//! * one object per line, no enclosing array; the keys are the field tokens of the `-p`
//!   format as written (`evt.arg.fd`, `proc.aname[2]`), once each, in byte order (jsoncpp
//!   objects are sorted maps); the literal text of the format is dropped. Without `-p`
//!   the format is `*%evt.num %evt.outputtime %evt.cpu %proc.name (%thread.tid) %evt.dir
//!   %evt.type %evt.info`.
//! * a missing value is `null` when the format starts with `*`; otherwise the event is not
//!   printed at all, as in text mode.
//! * values are typed by the field's type and print format (libsinsp's `rawval_to_json`):
//!   decimal integers (`evt.num`, `fd.num`, `evt.rawres`, `user.uid`...) are numbers;
//!   booleans (`evt.failed`, `evt.is_io`...) are `true`/`false`; integers shown in hex or
//!   octal (`fd.dev`, hex raw parameters) and everything else (names, paths, addresses,
//!   `evt.args`, `evt.res`) are strings holding the text mode's text. The timestamps
//!   `evt.time`, `evt.time.s`, `evt.time.iso8601`, `evt.datetime`, `evt.datetime.s` and
//!   `evt.outputtime` are the raw nanoseconds since the epoch (a number), and the
//!   zero-padded ones (`evt.rawtime.ns`, `evt.latency.ns`) numbers too (libsinsp's
//!   `extract_as_js`).
//! * `evt.rawarg.NAME` is typed by the parameter of the event at hand (its type and print
//!   format in the event table).
//! * strings are escaped as jsoncpp does ([`crate::json::write_jsoncpp_str`]): non-ASCII
//!   as `\uXXXX`.
//! * data buffers are not cut: libsinsp limits the text of buffers only for the plain text
//!   format, so the caller must set `falco_sinsp::fields::args::set_buffer_text_limit(0)`.
//!
//! Two deliberate differences from libsinsp, where it has no JSON for a value and stops
//! the whole run with an error ("wrong param type"): raw parameters of type `ERRNO`, `FD32`
//! and `PID32` (decimal) are numbers, and those of the types it has no case for
//! (`MODE`, `SOCKTUPLE`, `FDLIST`, `SYSCALLID`, `SIGTYPE`, `SIGSET`, `DYN`...) are their
//! text. `evt.type.is` is `null`, as libsinsp gives it (its print format has no JSON form),
//! so that a format without `*` that uses it prints nothing, as there.
//!
//! Rendering writes into the caller's line buffer through two reusable scratch buffers:
//! nothing is allocated per event.

use std::io::Write as _;

use falco_schema::{ParamType, PrintFormat};
use falco_sinsp::fields::{Ctx, FieldRef};
use falco_sinsp::format::{Format, FormatError};
use falco_sinsp::time::TimeFormatter;
use falco_sinsp::value::Value;

use crate::json::write_jsoncpp_str;

/// `sysdig -j`'s format when no `-p` is given.
pub const DEFAULT_JSON_FORMAT: &str =
    "*%evt.num %evt.outputtime %evt.cpu %proc.name (%thread.tid) %evt.dir %evt.type %evt.info";

/// How a field's value becomes JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// The event's timestamp in nanoseconds, a number.
    Timestamp,
    /// An integer: a number.
    Number,
    /// A floating-point value.
    Float,
    /// A floating-point value printed in decimal: its integer part, a number.
    FloatAsInt,
    /// `true` / `false`.
    Bool,
    /// The text mode's text, a string.
    Text,
    /// Always `null` (libsinsp has no JSON for the field's print format).
    Null,
    /// `evt.rawarg.NAME`: by the parameter of the event at hand.
    RawArg,
}

/// The JSON kind of a value of type `ty` shown with print format `fmt`, as libsinsp's
/// `rawval_to_json` decides it (with the two differences of the module documentation).
fn kind_of(ty: ParamType, fmt: PrintFormat) -> Kind {
    use ParamType as T;
    use PrintFormat as F;
    let decimal = matches!(fmt, F::Dec | F::Id);
    match ty {
        T::Int8
        | T::Int16
        | T::Int32
        | T::Uint8
        | T::Uint16
        | T::Uint32
        | T::Flags8
        | T::Flags16
        | T::Flags32
        | T::Enumflags8
        | T::Enumflags16
        | T::Enumflags32
        | T::L4proto
        | T::Port
        | T::Uid
        | T::Gid => match fmt {
            _ if decimal => Kind::Number,
            F::Oct | F::Hex => Kind::Text,
            _ => Kind::Null,
        },
        T::Int64 | T::Pid | T::Fd => {
            if decimal {
                Kind::Number
            } else {
                Kind::Text
            }
        }
        T::Uint64 | T::Reltime | T::Abstime => match fmt {
            _ if decimal => Kind::Number,
            F::PaddedDec | F::Oct | F::Hex => Kind::Text,
            _ => Kind::Null,
        },
        T::Double => {
            if fmt == F::Dec {
                Kind::FloatAsInt
            } else {
                Kind::Float
            }
        }
        T::Bool => Kind::Bool,
        T::Sockaddr | T::Sockfamily => Kind::Null,
        // Not in libsinsp's rawval_to_json (it raises an error): decimal numbers here.
        T::Errno | T::Fd32 | T::Pid32 => Kind::Number,
        _ => Kind::Text,
    }
}

/// The JSON kind of a field of a format.
fn field_kind(f: &FieldRef) -> Kind {
    match f.def().name {
        "evt.time" | "evt.time.s" | "evt.time.iso8601" | "evt.datetime" | "evt.datetime.s"
        | "evt.outputtime" => Kind::Timestamp,
        "evt.rawarg" => Kind::RawArg,
        // Print format PF_NA for an integer: no JSON form.
        "evt.type.is" => Kind::Null,
        // The one integer field libsinsp shows in hex.
        "fd.dev" => Kind::Text,
        // Every other integer field is decimal (or padded decimal, which libsinsp's
        // extract_as_js turns into numbers for the time fields that use it); the DOUBLE
        // fields (`proc.fdusage`, `thread.cpu`) have no print format.
        _ if f.ty() == ParamType::Double => Kind::Float,
        _ => kind_of(f.ty(), PrintFormat::Dec),
    }
}

struct Entry {
    /// The token as written (`proc.aname[2]`).
    name: Box<str>,
    /// `"name":`, escaped.
    key: Box<[u8]>,
    field: FieldRef,
    kind: Kind,
}

/// A `-p` format compiled for JSON output.
pub struct JsonFormat {
    entries: Vec<Entry>,
    print_missing: bool,
    scratch: Vec<u8>,
    text: Vec<u8>,
}

impl JsonFormat {
    /// Compile `fmt` (a `-p` format).
    pub fn parse(fmt: &str) -> Result<JsonFormat, FormatError> {
        let format = Format::parse(fmt)?;
        let mut entries: Vec<Entry> = Vec::new();
        for (name, field) in format.named_fields() {
            if entries.iter().any(|e| &*e.name == name) {
                continue;
            }
            let mut key = Vec::with_capacity(name.len() + 3);
            write_jsoncpp_str(&mut key, name.as_bytes());
            key.push(b':');
            entries.push(Entry {
                name: name.into(),
                key: key.into_boxed_slice(),
                field: field.clone(),
                kind: field_kind(field),
            });
        }
        // jsoncpp's objects are maps ordered by the bytes of their keys.
        entries.sort_by(|a, b| a.name.as_bytes().cmp(b.name.as_bytes()));
        Ok(JsonFormat {
            entries,
            print_missing: format.prints_missing(),
            scratch: Vec::new(),
            text: Vec::new(),
        })
    }

    /// The fields of the format.
    pub fn fields(&self) -> impl Iterator<Item = &FieldRef> {
        self.entries.iter().map(|e| &e.field)
    }

    /// Append the event's JSON object and a newline to `out`. Returns false, leaving `out`
    /// as it was, when a value is missing and the format did not start with `*`.
    pub fn render_line(
        &mut self,
        ctx: &Ctx<'_>,
        tf: &mut TimeFormatter,
        out: &mut Vec<u8>,
    ) -> bool {
        let mark = out.len();
        out.push(b'{');
        for (i, e) in self.entries.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            out.extend_from_slice(&e.key);
            let kind = match e.kind {
                Kind::RawArg => rawarg_kind(ctx, &e.field),
                kind => kind,
            };
            let written = write_value(
                kind,
                &e.field,
                ctx,
                tf,
                &mut self.scratch,
                &mut self.text,
                out,
            );
            if !written {
                if !self.print_missing {
                    out.truncate(mark);
                    return false;
                }
                out.extend_from_slice(b"null");
            }
        }
        out.extend_from_slice(b"}\n");
        true
    }
}

/// The kind of `evt.rawarg.NAME` for the event at hand: its parameter's type and format.
fn rawarg_kind(ctx: &Ctx<'_>, f: &FieldRef) -> Kind {
    let param = ctx
        .ev
        .info()
        .and_then(|info| Some(&info.params[info.param_index(f.arg()?)?]));
    match param {
        Some(p) => kind_of(p.ty, p.fmt),
        // No such parameter: the value is missing whatever the kind.
        None => Kind::Text,
    }
}

/// Append the JSON of `f`'s value as `kind`; false (nothing appended) when it has none.
fn write_value(
    kind: Kind,
    f: &FieldRef,
    ctx: &Ctx<'_>,
    tf: &mut TimeFormatter,
    scratch: &mut Vec<u8>,
    text: &mut Vec<u8>,
    out: &mut Vec<u8>,
) -> bool {
    match kind {
        Kind::Timestamp => {
            let _ = write!(out, "{}", ctx.ev.ts());
            true
        }
        // libsinsp gives null, which counts as a missing value: `null` with a leading `*`,
        // else the event is not printed.
        Kind::Null => false,
        Kind::Text | Kind::RawArg => write_text(f, ctx, tf, scratch, text, out),
        Kind::Number | Kind::Float | Kind::FloatAsInt | Kind::Bool => {
            let Some(v) = f.extract(ctx, scratch) else {
                return false;
            };
            match (kind, v) {
                (Kind::Bool, Value::Bool(b)) => out.extend_from_slice(bool_text(b)),
                (Kind::Bool, Value::Uint(n)) => out.extend_from_slice(bool_text(n != 0)),
                (Kind::Bool, Value::Int(n)) => out.extend_from_slice(bool_text(n != 0)),
                (Kind::Float, Value::Double(d)) => write_float(d, out),
                (Kind::FloatAsInt, Value::Double(d)) => {
                    let _ = write!(out, "{}", d as i64);
                }
                // A raw DOUBLE parameter comes as its bits.
                (Kind::Float, Value::Uint(bits)) => write_float(f64::from_bits(bits), out),
                (Kind::FloatAsInt, Value::Uint(bits)) => {
                    let _ = write!(out, "{}", f64::from_bits(bits) as i64);
                }
                (_, Value::Int(n)) => {
                    let _ = write!(out, "{n}");
                }
                (_, Value::Uint(n)) => {
                    let _ = write!(out, "{n}");
                }
                (_, Value::Bool(b)) => out.extend_from_slice(bool_text(b)),
                // Anything else has no number: its text.
                (_, v) => {
                    text.clear();
                    v.write_text(text);
                    write_jsoncpp_str(out, text);
                }
            }
            true
        }
    }
}

/// The text mode's text of `f`, as a JSON string.
fn write_text(
    f: &FieldRef,
    ctx: &Ctx<'_>,
    tf: &mut TimeFormatter,
    scratch: &mut Vec<u8>,
    text: &mut Vec<u8>,
    out: &mut Vec<u8>,
) -> bool {
    text.clear();
    if !f.render(ctx, tf, scratch, text) {
        return false;
    }
    write_jsoncpp_str(out, text);
    true
}

fn bool_text(b: bool) -> &'static [u8] {
    if b {
        b"true"
    } else {
        b"false"
    }
}

/// A double as jsoncpp writes one: with a fraction or an exponent, `null` when not finite.
fn write_float(d: f64, out: &mut Vec<u8>) {
    if !d.is_finite() {
        out.extend_from_slice(b"null");
        return;
    }
    let start = out.len();
    let _ = write!(out, "{d}");
    if !out[start..]
        .iter()
        .any(|&b| matches!(b, b'.' | b'e' | b'E'))
    {
        out.extend_from_slice(b".0");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use falco_scap::EventBuilder;
    use falco_schema::code;
    use falco_sinsp::state::State;

    /// A close exit (res=0, fd=3) at a known time, as event 211 on CPU 1.
    fn render(fmt: &str) -> Option<String> {
        let mut b = EventBuilder::new();
        b.begin(1_534_527_348_514_632_619, 17497, code::PPME_SYSCALL_CLOSE_X);
        b.param(&0i64.to_le_bytes());
        b.param(&3i64.to_le_bytes());
        let mut ev = b.event();
        ev.num = 211;
        ev.cpu = 1;
        let state = State::new();
        let ctx = Ctx {
            ev: &ev,
            state: &state,
        };
        let mut out = b"prev\n".to_vec();
        let mut f = JsonFormat::parse(fmt).unwrap();
        let printed = f.render_line(&ctx, &mut TimeFormatter::new(), &mut out);
        let text = String::from_utf8(out).unwrap();
        let line = text.strip_prefix("prev\n").unwrap();
        if printed {
            Some(line.to_string())
        } else {
            assert_eq!(line, "", "a skipped event leaves the buffer as it was");
            None
        }
    }

    #[test]
    fn keys_sorted_and_values_typed() {
        // Hand-derived: keys in byte order, literal text dropped, integers as numbers,
        // the time as raw nanoseconds, names as strings, the failure flag as a boolean.
        assert_eq!(
            render("%thread.tid (%evt.type) %evt.num %evt.time %evt.cpu %evt.failed %evt.dir")
                .unwrap(),
            "{\"evt.cpu\":1,\"evt.dir\":\"<\",\"evt.failed\":false,\"evt.num\":211,\
             \"evt.time\":1534527348514632619,\"evt.type\":\"close\",\"thread.tid\":17497}\n"
        );
    }

    #[test]
    fn raw_parameters_follow_their_type() {
        // close's fd is an FD in decimal: a number; res is an ERRNO: a number here.
        assert_eq!(
            render("%evt.rawarg.fd %evt.rawarg.res %evt.rawres").unwrap(),
            "{\"evt.rawarg.fd\":3,\"evt.rawarg.res\":0,\"evt.rawres\":0}\n"
        );
        // The resolved text of a parameter is a string.
        assert_eq!(
            render("%evt.arg.fd %evt.res").unwrap(),
            "{\"evt.arg.fd\":\"3\",\"evt.res\":\"SUCCESS\"}\n"
        );
    }

    #[test]
    fn raw_parameters_in_hex_and_octal_are_strings() {
        // openat's exit: flags and dev are hex, mode octal (strings, as libsinsp's
        // rawval_to_string writes them: upper-case hex, octal without a prefix); fd, dirfd
        // and ino decimal (numbers).
        let mut b = EventBuilder::new();
        b.begin(1_000_000_005, 1201, code::PPME_SYSCALL_OPENAT_2_X);
        b.param(&3i64.to_le_bytes());
        b.param(&(-100i64).to_le_bytes());
        b.param(b"/etc/shadow\0");
        b.param(&0x4_2c1u32.to_le_bytes());
        b.param(&0o644u32.to_le_bytes());
        b.param(&0x801u32.to_le_bytes());
        b.param(&1_048_650u64.to_le_bytes());
        let ev = b.event();
        let state = State::new();
        let ctx = Ctx {
            ev: &ev,
            state: &state,
        };
        let mut f = JsonFormat::parse(
            "%evt.rawarg.fd %evt.rawarg.dirfd %evt.rawarg.name %evt.rawarg.flags \
             %evt.rawarg.mode %evt.rawarg.dev %evt.rawarg.ino %evt.rawtime.ns %evt.latency",
        )
        .unwrap();
        let mut out = Vec::new();
        assert!(f.render_line(&ctx, &mut TimeFormatter::new(), &mut out));
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "{\"evt.latency\":0,\"evt.rawarg.dev\":\"801\",\"evt.rawarg.dirfd\":-100,\
             \"evt.rawarg.fd\":3,\"evt.rawarg.flags\":\"42C1\",\"evt.rawarg.ino\":1048650,\
             \"evt.rawarg.mode\":\"644\",\"evt.rawarg.name\":\"/etc/shadow\",\
             \"evt.rawtime.ns\":5}\n"
        );
    }

    #[test]
    fn missing_values() {
        assert_eq!(render("%evt.num %evt.rawarg.name"), None);
        assert_eq!(
            render("*%evt.num %evt.rawarg.name").unwrap(),
            "{\"evt.num\":211,\"evt.rawarg.name\":null}\n"
        );
        // A token written twice is one key.
        assert_eq!(render("%evt.num %evt.num").unwrap(), "{\"evt.num\":211}\n");
        // evt.type.is has no JSON form in libsinsp: null, hence missing.
        assert_eq!(render("%evt.type.is.close"), None);
        assert_eq!(
            render("*%evt.type.is.close").unwrap(),
            "{\"evt.type.is.close\":null}\n"
        );
    }

    #[test]
    fn floats() {
        let mut out = Vec::new();
        write_float(2.0, &mut out);
        out.push(b' ');
        write_float(0.25, &mut out);
        out.push(b' ');
        write_float(f64::NAN, &mut out);
        assert_eq!(out, b"2.0 0.25 null");
    }
}
