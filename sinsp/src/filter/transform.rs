//! Extraction of operand values: fields, transformers over them, and transformer constants.
//!
//! An [`Extractor`] hands its values one at a time to a callback (most operands have one
//! value; list fields, any-of fields and `getopt` have several). Every extractor owns the
//! buffers it builds values in and reuses them from event to event, so extraction allocates
//! nothing once the buffers have grown to the sizes the events need.

use crate::fields::{Ctx, FieldRef};
use crate::value::Value;

use super::compare::c_str;

/// A single-value transformer applied to each value of its operand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum MapFn {
    ToLower,
    ToUpper,
    B64,
    Basename,
}

/// `getopt`'s reading of an option string: which option characters exist and which take
/// an argument; a leading `:` is skipped.
#[derive(Clone, Debug)]
pub(crate) struct OptInfo {
    valid: [bool; 256],
    with_arg: [bool; 256],
}

impl OptInfo {
    pub(crate) fn parse(optstring: &[u8]) -> OptInfo {
        let mut info = OptInfo {
            valid: [false; 256],
            with_arg: [false; 256],
        };
        let mut i = usize::from(optstring.first() == Some(&b':'));
        while i < optstring.len() {
            let c = optstring[i];
            if c != b':' {
                info.valid[c as usize] = true;
                if optstring.get(i + 1) == Some(&b':') {
                    info.with_arg[c as usize] = true;
                    i += 1;
                }
            }
            i += 1;
        }
        info
    }
}

/// Values collected into one buffer: `ends[i]` is where value `i` ends.
#[derive(Clone, Debug, Default)]
pub(crate) struct Packed {
    buf: Vec<u8>,
    ends: Vec<usize>,
}

impl Packed {
    fn clear(&mut self) {
        self.buf.clear();
        self.ends.clear();
    }

    fn push(&mut self, v: &[u8]) {
        self.buf.extend_from_slice(v);
        self.ends.push(self.buf.len());
    }

    fn len(&self) -> usize {
        self.ends.len()
    }

    fn get(&self, i: usize) -> &[u8] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.buf[start..self.ends[i]]
    }
}

/// The compiled form of an operand.
#[derive(Clone, Debug)]
pub(crate) enum Extractor {
    /// A field, with the scratch buffer its computed values are built in.
    Field { field: FieldRef, scratch: Vec<u8> },
    /// A constant (a quoted string or number given to a transformer).
    Literal(Vec<u8>),
    /// A list given to a transformer: every value of every item, numbers as text. Missing
    /// when any item is missing.
    List {
        items: Vec<Extractor>,
        values: Packed,
    },
    /// `tolower`, `toupper`, `b64`, `basename` on each value.
    Map {
        func: MapFn,
        inner: Box<Extractor>,
        buf: Vec<u8>,
    },
    /// `len`: the number of values of a list, else the length of the one value (a string up
    /// to its first NUL).
    Len { inner: Box<Extractor>, list: bool },
    /// `join(sep, list)`.
    Join {
        sep: Box<Extractor>,
        list: Box<Extractor>,
        sep_buf: Vec<u8>,
        out: Vec<u8>,
    },
    /// `concat(a, b, ...)`.
    Concat { args: Vec<Extractor>, out: Vec<u8> },
    /// `getopt(args, optstring)[opt]`.
    Getopt(Box<Getopt>),
}

/// The state of a `getopt` transformer.
#[derive(Clone, Debug)]
pub(crate) struct Getopt {
    pub(crate) args: Extractor,
    pub(crate) optstring: Extractor,
    /// The parsed option string when it is a constant.
    pub(crate) constant: Option<OptInfo>,
    /// The last option string read from an event, and its parse.
    pub(crate) last: Option<(Vec<u8>, OptInfo)>,
    /// `[c]`: only the value of option `c`.
    pub(crate) selector: Option<u8>,
    pub(crate) argv: Packed,
    pub(crate) out: Packed,
}

/// Appends the text of a value (strings up to their first NUL, numbers in decimal).
fn append_text(v: &Value<'_>, out: &mut Vec<u8>) {
    match v {
        Value::Str(s) | Value::Bytes(s) => out.extend_from_slice(c_str(s)),
        other => other.write_text(out),
    }
}

/// The bytes of a string or buffer value; `None` for other values.
fn bytes<'v>(v: &Value<'v>) -> Option<&'v [u8]> {
    match *v {
        Value::Str(s) | Value::Bytes(s) => Some(s),
        _ => None,
    }
}

impl Extractor {
    /// Passes each value to `f` until `f` returns true. `None` when the operand has no value
    /// (the field could not be extracted, or a transformer failed); else whether `f`
    /// returned true.
    pub(crate) fn each(
        &mut self,
        ctx: &Ctx<'_>,
        f: &mut dyn FnMut(Value<'_>) -> bool,
    ) -> Option<bool> {
        match self {
            Extractor::Field { field, scratch } => {
                let mut seen = false;
                let stopped = field.extract_all(ctx, scratch, &mut |v| {
                    seen = true;
                    f(v)
                });
                seen.then_some(stopped)
            }
            Extractor::Literal(v) => Some(f(Value::Str(v))),
            Extractor::List { items, values } => {
                values.clear();
                for item in items.iter_mut() {
                    item.each(ctx, &mut |v| {
                        match v {
                            Value::Str(s) | Value::Bytes(s) => values.push(s),
                            other => {
                                other.write_text(&mut values.buf);
                                values.ends.push(values.buf.len());
                            }
                        }
                        false
                    })?;
                }
                for i in 0..values.len() {
                    if f(Value::Str(values.get(i))) {
                        return Some(true);
                    }
                }
                Some(false)
            }
            Extractor::Map { func, inner, buf } => {
                let func = *func;
                let mut failed = false;
                let r = inner.each(ctx, &mut |v| {
                    let Some(s) = bytes(&v) else {
                        failed = true;
                        return true;
                    };
                    // Trailing NULs are not part of the text.
                    let end = s.iter().rposition(|&c| c != 0).map_or(0, |i| i + 1);
                    let s = &s[..end];
                    buf.clear();
                    match func {
                        MapFn::ToLower => buf.extend(s.iter().map(u8::to_ascii_lowercase)),
                        MapFn::ToUpper => buf.extend(s.iter().map(u8::to_ascii_uppercase)),
                        MapFn::Basename => {
                            let start = memchr::memrchr(b'/', s).map_or(0, |i| i + 1);
                            buf.extend_from_slice(&s[start..]);
                        }
                        MapFn::B64 => {
                            if !b64_decode(s, buf) {
                                failed = true;
                                return true;
                            }
                        }
                    }
                    f(match v {
                        Value::Bytes(_) => Value::Bytes(buf),
                        _ => Value::Str(buf),
                    })
                });
                if failed {
                    None
                } else {
                    r
                }
            }
            Extractor::Len { inner, list } => {
                let mut n = 0u64;
                let list = *list;
                inner.each(ctx, &mut |v| {
                    if list {
                        n += 1;
                        return false;
                    }
                    n = match v {
                        Value::Str(s) => c_str(s).len() as u64,
                        Value::Bytes(s) => s.len() as u64,
                        _ => 0,
                    };
                    true
                })?;
                Some(f(Value::Uint(n)))
            }
            Extractor::Join {
                sep,
                list,
                sep_buf,
                out,
            } => {
                sep_buf.clear();
                sep.each(ctx, &mut |v| {
                    append_text(&v, sep_buf);
                    true
                })?;
                out.clear();
                let mut first = true;
                list.each(ctx, &mut |v| {
                    if !first {
                        out.extend_from_slice(sep_buf);
                    }
                    first = false;
                    append_text(&v, out);
                    false
                })?;
                Some(f(Value::Str(out)))
            }
            Extractor::Concat { args, out } => {
                out.clear();
                for a in args.iter_mut() {
                    a.each(ctx, &mut |v| {
                        append_text(&v, out);
                        true
                    })?;
                }
                Some(f(Value::Str(out)))
            }
            Extractor::Getopt(g) => g.each(ctx, f),
        }
    }
}

impl Getopt {
    fn each(&mut self, ctx: &Ctx<'_>, f: &mut dyn FnMut(Value<'_>) -> bool) -> Option<bool> {
        // The option string: constant, or read from the event (parsed again only when it
        // changes).
        if self.constant.is_none() {
            let last = &mut self.last;
            self.optstring.each(ctx, &mut |v| {
                let s = bytes(&v).unwrap_or_default();
                if last.as_ref().is_none_or(|(prev, _)| prev.as_slice() != s) {
                    *last = Some((s.to_vec(), OptInfo::parse(s)));
                }
                true
            })?;
        }
        let argv = &mut self.argv;
        argv.clear();
        self.args.each(ctx, &mut |v| {
            argv.push(bytes(&v).unwrap_or_default());
            false
        })?;
        let info = match (&self.constant, &self.last) {
            (Some(c), _) => c,
            (None, Some((_, l))) => l,
            (None, None) => return None,
        };
        let out = &mut self.out;
        out.clear();
        let selector = self.selector;
        // In selector mode only the last match is kept, as one packed value.
        let mut selected: Option<(usize, usize)> = None;
        let mut emit = |out: &mut Packed, name: &[u8], value: Option<&[u8]>| {
            if let Some(_c) = selector {
                let start = out.buf.len();
                out.buf.extend_from_slice(value.unwrap_or(name));
                selected = Some((start, out.buf.len()));
            } else {
                out.push(name);
                if let Some(v) = value {
                    out.push(v);
                }
            }
        };
        let mut idx = 0;
        while idx < argv.len() {
            let arg = argv.get(idx);
            if arg == b"--" {
                break;
            }
            // Long options are not supported: skipped.
            if arg.len() > 2 && arg.starts_with(b"--") {
                idx += 1;
                continue;
            }
            // The first operand ends the options.
            if arg.len() < 2 || arg[0] != b'-' {
                break;
            }
            let mut i = 1;
            while i < arg.len() {
                let opt = arg[i];
                if opt == b':' || !info.valid[opt as usize] {
                    if selector.is_none() {
                        out.push(b"?");
                    }
                    i += 1;
                    continue;
                }
                let wanted = selector.is_none_or(|c| c == opt);
                let name = &arg[i..i + 1];
                if !info.with_arg[opt as usize] {
                    if wanted {
                        emit(out, name, None);
                    }
                    i += 1;
                    continue;
                }
                // The argument: the rest of this word, or the next word.
                let value = if i + 1 < arg.len() {
                    Some(&arg[i + 1..])
                } else if idx + 1 < argv.len() {
                    idx += 1;
                    Some(argv.get(idx))
                } else {
                    None
                };
                if wanted {
                    match value {
                        Some(v) => emit(out, name, Some(v)),
                        // A missing argument is an empty value.
                        None => emit(out, b"", None),
                    }
                }
                break;
            }
            idx += 1;
        }
        if selector.is_some() {
            let (start, end) = selected?;
            return Some(f(Value::Str(&out.buf[start..end])));
        }
        for i in 0..out.len() {
            if f(Value::Str(out.get(i))) {
                return Some(true);
            }
        }
        Some(false)
    }
}

/// Base64 decoding as libsinsp's `b64()`: standard alphabet, up to two `=` of padding
/// (optional), unused trailing bits must be zero. False for invalid input.
pub(crate) fn b64_decode(input: &[u8], out: &mut Vec<u8>) -> bool {
    out.clear();
    if input.is_empty() {
        return true;
    }
    let mut n = input.len();
    if input[n - 1] == b'=' {
        n -= 1;
        if n > 0 && input[n - 1] == b'=' {
            n -= 1;
        }
    }
    if n == 0 || n % 4 == 1 {
        return false;
    }
    fn sextet(c: u8) -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    }
    let mut acc = 0u32;
    let mut bits = 0;
    for &c in &input[..n] {
        let Some(s) = sextet(c) else {
            return false;
        };
        acc = acc << 6 | s;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    // Leftover bits of the last character must be zero.
    acc == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b64(s: &str) -> Option<Vec<u8>> {
        let mut out = Vec::new();
        b64_decode(s.as_bytes(), &mut out).then_some(out)
    }

    #[test]
    fn base64() {
        assert_eq!(b64("aGVsbG8="), Some(b"hello".to_vec()));
        assert_eq!(b64("aGVsbG8"), Some(b"hello".to_vec()));
        assert_eq!(b64("dGVzdA=="), Some(b"test".to_vec()));
        assert_eq!(b64(""), Some(vec![]));
        assert_eq!(b64("="), None);
        assert_eq!(b64("a"), None);
        assert_eq!(b64("aGVsbG9="), None); // non-zero trailing bits
        assert_eq!(b64("aGV*bG8="), None);
    }

    #[test]
    fn optstrings() {
        let i = OptInfo::parse(b":nt:");
        assert!(i.valid[b'n' as usize] && !i.with_arg[b'n' as usize]);
        assert!(i.valid[b't' as usize] && i.with_arg[b't' as usize]);
        assert!(!i.valid[b':' as usize]);
    }
}
