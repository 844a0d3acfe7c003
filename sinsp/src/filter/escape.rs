//! Quoted strings: reading their escapes, and writing values back as condition text.
//!
//! Escapes inside `"..."` and `'...'`: `\b \f \n \r \t \\ \/`, `\"` (only in `"`-quoted
//! strings), `\'` (only in `'`-quoted strings) and `\xHH` (exactly two hex digits). A
//! backslash followed by a space stands for a backslash (a quirk kept for rules written that
//! way). Bare words have no escapes.

/// The value of a quoted-string token, `token` including both delimiters.
pub(crate) fn unescape(token: &[u8]) -> Result<Vec<u8>, String> {
    let quote = token[0];
    let body = &token[1..token.len() - 1];
    let mut out = Vec::with_capacity(body.len());
    let mut i = 0;
    while i < body.len() {
        let c = body[i];
        i += 1;
        if c != b'\\' {
            out.push(c);
            continue;
        }
        // A lone trailing backslash cannot happen: the lexer never ends a string on an
        // escaped delimiter. Treat it as nothing, like the reference implementation.
        let Some(&e) = body.get(i) else { break };
        i += 1;
        match e {
            b'b' => out.push(0x08),
            b'f' => out.push(0x0c),
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b't' => out.push(b'\t'),
            b' ' | b'\\' => out.push(b'\\'),
            b'/' => out.push(b'/'),
            b'"' | b'\'' => {
                if e != quote {
                    return Err(if e == b'"' {
                        "invalid \\\" escape in '-quoted string".to_string()
                    } else {
                        "invalid \\' escape in \"-quoted string".to_string()
                    });
                }
                out.push(e);
            }
            b'x' => {
                if i + 2 > body.len() {
                    return Err("truncated hex char escape sequence".to_string());
                }
                let hex = &body[i..i + 2];
                match (hex_digit(hex[0]), hex_digit(hex[1])) {
                    (Some(h), Some(l)) => out.push(h << 4 | l),
                    _ => {
                        return Err(format!(
                            "invalid hex char escape sequence: {}",
                            String::from_utf8_lossy(hex)
                        ))
                    }
                }
                i += 2;
            }
            other => {
                return Err(format!(
                    "unsupported string escape sequence: \\{}",
                    String::from_utf8_lossy(&[other])
                ))
            }
        }
    }
    Ok(out)
}

/// The value of a hex digit.
pub(crate) fn hex_digit(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

/// `[:space:]` of POSIX regular expressions (ASCII).
pub(crate) fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// A byte that may appear in a bare value: not a parenthesis, quote, blank, `=` or `,`.
pub(crate) fn is_bare_value_byte(c: u8) -> bool {
    !matches!(c, b'(' | b')' | b'"' | b'\'' | b'=' | b',') && !is_space(c)
}

/// A byte that may appear in a bare field argument: not a bracket, quote or blank.
pub(crate) fn is_bare_arg_byte(c: u8) -> bool {
    !matches!(c, b'[' | b']' | b'"' | b'\'') && !is_space(c)
}

/// Length of the longest prefix of `s` matching `[+-]?[0-9]+\.?[0-9]*([eE][+-][0-9]+)?`.
pub(crate) fn number_len(s: &[u8]) -> usize {
    let mut i = 0;
    if matches!(s.first(), Some(b'+' | b'-')) {
        i += 1;
    }
    let digits = s[i..].iter().take_while(|c| c.is_ascii_digit()).count();
    if digits == 0 {
        return 0;
    }
    i += digits;
    if s.get(i) == Some(&b'.') {
        i += 1;
    }
    i += s[i..].iter().take_while(|c| c.is_ascii_digit()).count();
    if matches!(s.get(i), Some(b'e' | b'E')) && matches!(s.get(i + 1), Some(b'+' | b'-')) {
        let exp = s[i + 2..].iter().take_while(|c| c.is_ascii_digit()).count();
        if exp > 0 {
            i += 2 + exp;
        }
    }
    i
}

/// Length of the longest prefix of `s` matching `0[xX][0-9a-fA-F]+`.
pub(crate) fn hex_number_len(s: &[u8]) -> usize {
    if s.len() < 3 || s[0] != b'0' || !matches!(s[1], b'x' | b'X') {
        return 0;
    }
    let digits = s[2..].iter().take_while(|c| c.is_ascii_hexdigit()).count();
    if digits == 0 {
        0
    } else {
        2 + digits
    }
}

/// True if `s` is all one number token (decimal or hexadecimal).
pub(crate) fn is_number(s: &[u8]) -> bool {
    !s.is_empty() && (number_len(s) == s.len() || hex_number_len(s) == s.len())
}

/// Appends a value as it must be written after an operator or in a list: bare when it reads
/// back as one bare word, else double-quoted.
pub(crate) fn write_value(v: &[u8], out: &mut String) {
    if !v.is_empty()
        && v.iter()
            .all(|&c| is_bare_value_byte(c) && c >= 0x20 && c != 0x7f)
    {
        if let Ok(s) = std::str::from_utf8(v) {
            out.push_str(s);
            return;
        }
    }
    write_quoted(v, out);
}

/// Appends a field argument: bare when possible, else double-quoted.
pub(crate) fn write_field_arg(v: &[u8], out: &mut String) {
    if !v.is_empty()
        && v.iter()
            .all(|&c| is_bare_arg_byte(c) && c >= 0x20 && c != 0x7f)
    {
        if let Ok(s) = std::str::from_utf8(v) {
            out.push_str(s);
            return;
        }
    }
    write_quoted(v, out);
}

/// Appends a constant transformer argument: numbers bare, anything else double-quoted.
pub(crate) fn write_transformer_literal(v: &[u8], out: &mut String) {
    if is_number(v) {
        // Numbers are ASCII.
        out.push_str(std::str::from_utf8(v).unwrap_or_default());
    } else {
        write_quoted(v, out);
    }
}

/// Appends `v` in double quotes with escapes. A final backslash is written `\x5c`: the
/// lexer does not end a string on a quote that follows a backslash.
pub(crate) fn write_quoted(v: &[u8], out: &mut String) {
    out.push('"');
    let last = v.len().wrapping_sub(1);
    let mut idx = 0;
    for chunk in v.utf8_chunks() {
        for ch in chunk.valid().chars() {
            match ch {
                '"' => out.push_str("\\\""),
                '\\' if idx == last => out.push_str("\\x5c"),
                '\\' => out.push_str("\\\\"),
                '\u{8}' => out.push_str("\\b"),
                '\u{c}' => out.push_str("\\f"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                c if (c as u32) < 0x20 || c as u32 == 0x7f => push_hex(c as u8, out),
                c => out.push(c),
            }
            idx += ch.len_utf8();
        }
        for &b in chunk.invalid() {
            push_hex(b, out);
            idx += 1;
        }
    }
    out.push('"');
}

fn push_hex(b: u8, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push_str("\\x");
    out.push(HEX[(b >> 4) as usize] as char);
    out.push(HEX[(b & 15) as usize] as char);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(body: &str) -> Result<Vec<u8>, String> {
        unescape(format!("\"{body}\"").as_bytes())
    }

    #[test]
    fn escapes() {
        assert_eq!(q(r"a\b\f\n\r\t\\\/").unwrap(), b"a\x08\x0c\n\r\t\\/");
        assert_eq!(q(r"\x41").unwrap(), b"A");
        assert_eq!(q(r"\x413").unwrap(), b"A3");
        assert_eq!(q(r"\xff\xFE").unwrap(), b"\xff\xfe");
        assert_eq!(q(r"a\x00b").unwrap(), b"a\0b");
        for bad in [r"\x", r"\xf", r"a\xf"] {
            assert_eq!(q(bad).unwrap_err(), "truncated hex char escape sequence");
        }
        for bad in [r"\xgg", r"\xfg", r"\x g", r"\x-1", r"\x+a"] {
            assert!(q(bad)
                .unwrap_err()
                .starts_with("invalid hex char escape sequence: "));
        }
        assert_eq!(
            q(r"\q").unwrap_err(),
            "unsupported string escape sequence: \\q"
        );
        // Backslash-space is a backslash.
        assert_eq!(q(r"bad escape \ ").unwrap(), b"bad escape \\");
        // The quote escapes belong to their own kind of string.
        assert_eq!(q(r#"\""#).unwrap(), b"\"");
        assert_eq!(
            q(r"\'").unwrap_err(),
            "invalid \\' escape in \"-quoted string"
        );
        assert_eq!(unescape(br"'\''").unwrap(), b"'");
        assert_eq!(
            unescape(br#"'\"'"#).unwrap_err(),
            "invalid \\\" escape in '-quoted string"
        );
    }

    #[test]
    fn quoting_reads_back() {
        for v in [
            &b""[..],
            b"a b",
            b"a\"b",
            b"a\\",
            b"\\\\",
            b"x\0y\x01\x7f",
            b"\xff\xfe",
            "caf\u{e9}".as_bytes(),
            b"\x08\x0c\n\r\t",
        ] {
            let mut s = String::new();
            write_quoted(v, &mut s);
            assert_eq!(unescape(s.as_bytes()).unwrap(), v, "{s}");
        }
        let mut s = String::new();
        write_value(b"/usr/bin", &mut s);
        assert_eq!(s, "/usr/bin");
    }

    #[test]
    fn numbers() {
        assert_eq!(number_len(b"-0.1222e+10"), 11);
        assert_eq!(number_len(b"1e5"), 1);
        assert_eq!(number_len(b"12."), 3);
        assert_eq!(number_len(b"+"), 0);
        assert_eq!(hex_number_len(b"0XaB00AB"), 8);
        assert_eq!(hex_number_len(b"0x"), 0);
        assert!(is_number(b"0x1f") && is_number(b"-3") && !is_number(b"3a"));
    }
}
