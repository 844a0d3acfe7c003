//! A small JSON value and writer that prints the way Falco's JSON library does.
//!
//! Falco builds its JSON with an ordered-map object type, so the keys of every object come
//! out in byte order; strings keep non-ASCII characters as UTF-8 and escape only `"`, `\`
//! and control characters (`\n`, `\t`, `\b`, `\f`, `\r`, others as `\u00XX` with lower-case
//! hex). Objects here are [`BTreeMap`]s, which gives the same order by construction.
//!
//! ```
//! use falco_cli::json::Json;
//! let mut o = Json::object();
//! o.insert("rule", "Shell in container");
//! o.insert("count", 2u64);
//! assert_eq!(o.to_string(), r#"{"count":2,"rule":"Shell in container"}"#);
//! ```

use std::collections::BTreeMap;
use std::fmt;

/// A JSON value.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    /// `null`.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// A signed integer.
    Int(i64),
    /// An unsigned integer.
    UInt(u64),
    /// A floating-point number (`null` when not finite).
    Float(f64),
    /// A string.
    Str(String),
    /// An array.
    Array(Vec<Json>),
    /// An object, keys in byte order.
    Object(BTreeMap<String, Json>),
}

impl Json {
    /// An empty object.
    pub fn object() -> Json {
        Json::Object(BTreeMap::new())
    }

    /// Set `key` of an object (no effect on other values).
    pub fn insert(&mut self, key: impl Into<String>, value: impl Into<Json>) {
        if let Json::Object(m) = self {
            m.insert(key.into(), value.into());
        }
    }

    /// The value of `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(m) => m.get(key),
            _ => None,
        }
    }

    /// Compact text, as `dump()` without indentation.
    pub fn to_compact(&self) -> String {
        let mut s = String::new();
        self.write(&mut s, None, 0);
        s
    }

    /// Indented text (`indent` spaces per level), as `dump(indent)`.
    pub fn to_pretty(&self, indent: usize) -> String {
        let mut s = String::new();
        self.write(&mut s, Some(indent), 0);
        s
    }

    fn write(&self, out: &mut String, indent: Option<usize>, level: usize) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Int(i) => out.push_str(&i.to_string()),
            Json::UInt(u) => out.push_str(&u.to_string()),
            Json::Float(f) => write_float(out, *f),
            Json::Str(s) => write_str(out, s),
            Json::Array(items) => {
                if items.is_empty() {
                    out.push_str("[]");
                    return;
                }
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    newline(out, indent, level + 1);
                    item.write(out, indent, level + 1);
                }
                newline(out, indent, level);
                out.push(']');
            }
            Json::Object(map) => {
                if map.is_empty() {
                    out.push_str("{}");
                    return;
                }
                out.push('{');
                for (i, (k, v)) in map.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    newline(out, indent, level + 1);
                    write_str(out, k);
                    out.push(':');
                    if indent.is_some() {
                        out.push(' ');
                    }
                    v.write(out, indent, level + 1);
                }
                newline(out, indent, level);
                out.push('}');
            }
        }
    }
}

impl fmt::Display for Json {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_compact())
    }
}

fn newline(out: &mut String, indent: Option<usize>, level: usize) {
    if let Some(n) = indent {
        out.push('\n');
        for _ in 0..n * level {
            out.push(' ');
        }
    }
}

fn write_float(out: &mut String, f: f64) {
    if !f.is_finite() {
        out.push_str("null");
        return;
    }
    let s = format!("{f}");
    out.push_str(&s);
    // A double always prints with a fraction or an exponent, as `1.0`.
    if !s.contains(['.', 'e', 'E']) {
        out.push_str(".0");
    }
}

/// Append `s` as a JSON string literal, quotes included.
pub fn write_str(out: &mut String, s: &str) {
    out.push('"');
    escape_into(out, s);
    out.push('"');
}

/// The two-character escape of `b` (`\"`, `\\`, `\n`, `\t`, `\r`, `\b`, `\f`), if it has
/// one; both Falco's library and jsoncpp use these.
fn short_escape(b: u8) -> Option<&'static str> {
    Some(match b {
        b'"' => "\\\"",
        b'\\' => "\\\\",
        b'\n' => "\\n",
        b'\t' => "\\t",
        b'\r' => "\\r",
        0x08 => "\\b",
        0x0c => "\\f",
        _ => return None,
    })
}

/// Append the JSON escape of `s`, without quotes.
pub fn escape_into(out: &mut String, s: &str) {
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let esc: Option<&str> = match b {
            0..=0x1f | b'"' | b'\\' => short_escape(b),
            _ => continue,
        };
        out.push_str(&s[start..i]);
        match esc {
            Some(e) => out.push_str(e),
            None => out.push_str(&format!("\\u{b:04x}")),
        }
        start = i + 1;
    }
    out.push_str(&s[start..]);
}

/// Append `s` (bytes, not necessarily UTF-8) as a JSON string literal, quotes included, the
/// way jsoncpp's writers print it (libsinsp's JSON event output, `sysdig -j`): the text ends
/// at the first NUL (the value is a C string there); `"`, `\\` and the control characters of
/// [`escape_into`] are escaped the same way; every other character outside printable ASCII
/// is decoded from UTF-8 and written as `\uXXXX` (lower-case hex; a UTF-16 surrogate pair
/// above U+FFFF). Bytes that do not decode are handled as jsoncpp does: a lead byte takes
/// its continuation bytes without checking them, and an overlong form, a surrogate, a
/// sequence cut by the end of the text or a byte above 0xF7 becomes U+FFFD.
///
/// Nothing is allocated: this is the per-event path of `falco-inspect -j`.
pub fn write_jsoncpp_str(out: &mut Vec<u8>, s: &[u8]) {
    const REPLACEMENT: u32 = 0xfffd;
    let s = match memchr_nul(s) {
        Some(end) => &s[..end],
        None => s,
    };
    out.push(b'"');
    let mut i = 0;
    while i < s.len() {
        let b = s[i];
        if (0x20..0x7f).contains(&b) && b != b'"' && b != b'\\' {
            // The common case: a run of plain ASCII.
            let start = i;
            while i < s.len() && (0x20..0x7f).contains(&s[i]) && s[i] != b'"' && s[i] != b'\\' {
                i += 1;
            }
            out.extend_from_slice(&s[start..i]);
            continue;
        }
        if let Some(e) = short_escape(b) {
            out.extend_from_slice(e.as_bytes());
            i += 1;
            continue;
        }
        let rest = s.len() - i;
        let cont = |k: usize| u32::from(s[i + k] & 0x3f);
        let lead = u32::from(b);
        let (cp, used) = if b < 0x80 {
            (lead, 1)
        } else if b < 0xe0 {
            if rest < 2 {
                (REPLACEMENT, 1)
            } else {
                let c = ((lead & 0x1f) << 6) | cont(1);
                (if c < 0x80 { REPLACEMENT } else { c }, 2)
            }
        } else if b < 0xf0 {
            if rest < 3 {
                (REPLACEMENT, 1)
            } else {
                let c = ((lead & 0x0f) << 12) | (cont(1) << 6) | cont(2);
                let bad = c < 0x800 || (0xd800..=0xdfff).contains(&c);
                (if bad { REPLACEMENT } else { c }, 3)
            }
        } else if b < 0xf8 {
            if rest < 4 {
                (REPLACEMENT, 1)
            } else {
                let c = ((lead & 0x07) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3);
                (if c < 0x10000 { REPLACEMENT } else { c }, 4)
            }
        } else {
            (REPLACEMENT, 1)
        };
        i += used;
        if cp == 0x7f {
            out.push(0x7f);
        } else if cp < 0x10000 {
            push_u_escape(out, cp);
        } else {
            let c = cp - 0x10000;
            push_u_escape(out, 0xd800 + ((c >> 10) & 0x3ff));
            push_u_escape(out, 0xdc00 + (c & 0x3ff));
        }
    }
    out.push(b'"');
}

fn memchr_nul(s: &[u8]) -> Option<usize> {
    s.iter().position(|&b| b == 0)
}

/// `\uXXXX` with lower-case hex digits.
fn push_u_escape(out: &mut Vec<u8>, cp: u32) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.extend_from_slice(b"\\u");
    for shift in [12, 8, 4, 0] {
        out.push(HEX[((cp >> shift) & 0xf) as usize]);
    }
}

/// The JSON escape of `s`, without quotes.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    escape_into(&mut out, s);
    out
}

impl From<bool> for Json {
    fn from(v: bool) -> Json {
        Json::Bool(v)
    }
}
impl From<i64> for Json {
    fn from(v: i64) -> Json {
        Json::Int(v)
    }
}
impl From<i32> for Json {
    fn from(v: i32) -> Json {
        Json::Int(v as i64)
    }
}
impl From<u64> for Json {
    fn from(v: u64) -> Json {
        Json::UInt(v)
    }
}
impl From<u32> for Json {
    fn from(v: u32) -> Json {
        Json::UInt(v as u64)
    }
}
impl From<usize> for Json {
    fn from(v: usize) -> Json {
        Json::UInt(v as u64)
    }
}
impl From<f64> for Json {
    fn from(v: f64) -> Json {
        Json::Float(v)
    }
}
impl From<&str> for Json {
    fn from(v: &str) -> Json {
        Json::Str(v.to_string())
    }
}
impl From<String> for Json {
    fn from(v: String) -> Json {
        Json::Str(v)
    }
}
impl From<&String> for Json {
    fn from(v: &String) -> Json {
        Json::Str(v.clone())
    }
}
impl<T: Into<Json>> From<Vec<T>> for Json {
    fn from(v: Vec<T>) -> Json {
        Json::Array(v.into_iter().map(Into::into).collect())
    }
}
impl<T: Into<Json>> From<Option<T>> for Json {
    fn from(v: Option<T>) -> Json {
        v.map_or(Json::Null, Into::into)
    }
}
impl From<BTreeMap<String, Json>> for Json {
    fn from(v: BTreeMap<String, Json>) -> Json {
        Json::Object(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_like_falco() {
        assert_eq!(escape("a\"b\\c"), "a\\\"b\\\\c");
        assert_eq!(escape("l1\nl2\tx\r"), "l1\\nl2\\tx\\r");
        assert_eq!(escape("\u{1b}[31m"), "\\u001b[31m");
        assert_eq!(escape("\u{7f}é/"), "\u{7f}é/");
    }

    fn jsoncpp(s: &[u8]) -> String {
        let mut out = Vec::new();
        write_jsoncpp_str(&mut out, s);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn escapes_like_jsoncpp() {
        // Hand-derived from jsoncpp 1.9.5's rules (see write_jsoncpp_str).
        assert_eq!(jsoncpp(b"a\"b\\c/d"), r#""a\"b\\c/d""#);
        assert_eq!(jsoncpp(b"l1\nl2\t\r\x08\x0c"), r#""l1\nl2\t\r\b\f""#);
        assert_eq!(jsoncpp(b"\x1b[31m\x7f"), "\"\\u001b[31m\x7f\"");
        // é (U+00E9), € (U+20AC), 😀 (U+1F600, a surrogate pair).
        assert_eq!(jsoncpp("é€😀".as_bytes()), r#""\u00e9\u20ac\ud83d\ude00""#);
        // A C string: the text ends at the NUL.
        assert_eq!(jsoncpp(b"ab\0cd"), r#""ab""#);
        // Overlong (C0 80), cut at the end (E2 82), a byte above F7, a surrogate (ED A0 80).
        assert_eq!(jsoncpp(b"\xc0\x80x"), r#""\ufffdx""#);
        assert_eq!(jsoncpp(b"x\xe2\x82"), r#""x\ufffd\ufffd""#);
        assert_eq!(jsoncpp(b"\xff"), r#""\ufffd""#);
        assert_eq!(jsoncpp(b"\xed\xa0\x80"), r#""\ufffd""#);
        // A lone continuation byte takes the next byte with it, as jsoncpp's decoder does.
        assert_eq!(jsoncpp(b"\x80Az"), r#""\ufffdz""#);
    }

    #[test]
    fn floats_and_pretty() {
        assert_eq!(Json::Float(1.0).to_compact(), "1.0");
        assert_eq!(Json::Float(0.5).to_compact(), "0.5");
        assert_eq!(Json::Float(f64::NAN).to_compact(), "null");
        let mut o = Json::object();
        o.insert("b", vec![1u64, 2]);
        o.insert("a", Json::Array(vec![]));
        assert_eq!(
            o.to_pretty(2),
            "{\n  \"a\": [],\n  \"b\": [\n    1,\n    2\n  ]\n}"
        );
    }
}
