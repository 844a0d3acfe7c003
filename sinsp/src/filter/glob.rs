//! Shell wildcard matching as C's `fnmatch(pattern, string, flags)` with flags 0 (`glob`) or
//! `FNM_CASEFOLD` (`iglob`), in the C locale: bytes, no `FNM_PATHNAME` (so `*` and `?` match
//! `/`), no `FNM_PERIOD`, backslash escapes on.
//!
//! * `*` any sequence, `?` any one byte;
//! * `[...]` one byte of a set: ranges `a-z`, classes `[:alpha:]`, `[=c=]` and `[.c.]` for
//!   one character, `!` or `^` first to negate, `]` first to include it, `\` to escape;
//!   a `[` without its `]` is an ordinary character;
//! * `\c` is `c`; a pattern ending in a lone `\` matches nothing.

/// True if `s` matches `pat`; `fold` ignores ASCII case.
pub(crate) fn fnmatch(pat: &[u8], s: &[u8], fold: bool) -> bool {
    let (mut p, mut i) = (0, 0);
    // Where to resume after the last `*`: (pattern index after it, string index).
    let mut star: Option<(usize, usize)> = None;
    loop {
        if p < pat.len() && pat[p] == b'*' {
            p += 1;
            star = Some((p, i));
            continue;
        }
        if p < pat.len() {
            if i < s.len() {
                if let Some(next) = one(pat, p, s[i], fold) {
                    p = next;
                    i += 1;
                    continue;
                }
            }
        } else if i == s.len() {
            return true;
        }
        // Mismatch: let the last `*` absorb one more byte.
        match star {
            Some((sp, si)) if si < s.len() => {
                star = Some((sp, si + 1));
                p = sp;
                i = si + 1;
            }
            _ => return false,
        }
    }
}

fn eq(a: u8, b: u8, fold: bool) -> bool {
    if fold {
        a.eq_ignore_ascii_case(&b)
    } else {
        a == b
    }
}

/// Matches the pattern element at `p` (not `*`) against byte `c`; the index after the
/// element when it matches.
fn one(pat: &[u8], p: usize, c: u8, fold: bool) -> Option<usize> {
    match pat[p] {
        b'?' => Some(p + 1),
        b'\\' => {
            let e = *pat.get(p + 1)?;
            eq(e, c, fold).then_some(p + 2)
        }
        b'[' => match bracket(pat, p, c, fold) {
            Bracket::Match(next) => Some(next),
            Bracket::NoMatch => None,
            Bracket::Unterminated => (c == b'[').then_some(p + 1),
        },
        l => eq(l, c, fold).then_some(p + 1),
    }
}

enum Bracket {
    Match(usize),
    NoMatch,
    Unterminated,
}

fn class(name: &[u8], c: u8, fold: bool) -> bool {
    match name {
        b"alnum" => c.is_ascii_alphanumeric(),
        b"alpha" => c.is_ascii_alphabetic(),
        b"blank" => c == b' ' || c == b'\t',
        b"cntrl" => c.is_ascii_control(),
        b"digit" => c.is_ascii_digit(),
        b"graph" => c.is_ascii_graphic(),
        b"lower" => c.is_ascii_lowercase() || (fold && c.is_ascii_uppercase()),
        b"print" => c.is_ascii_graphic() || c == b' ',
        b"punct" => c.is_ascii_punctuation(),
        b"space" => matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r'),
        b"upper" => c.is_ascii_uppercase() || (fold && c.is_ascii_lowercase()),
        b"xdigit" => c.is_ascii_hexdigit(),
        _ => false,
    }
}

/// The `[...]` starting at `p`.
fn bracket(pat: &[u8], p: usize, c: u8, fold: bool) -> Bracket {
    let mut q = p + 1;
    let negate = matches!(pat.get(q), Some(b'!' | b'^'));
    if negate {
        q += 1;
    }
    let mut matched = false;
    let mut first = true;
    loop {
        let Some(&b) = pat.get(q) else {
            return Bracket::Unterminated;
        };
        if b == b']' && !first {
            q += 1;
            break;
        }
        first = false;
        // `[:class:]`, `[=c=]`, `[.c.]`.
        if b == b'[' {
            if let Some(&d @ (b':' | b'=' | b'.')) = pat.get(q + 1) {
                let body = q + 2;
                let close = pat[body..]
                    .windows(2)
                    .position(|w| w[0] == d && w[1] == b']');
                if let Some(len) = close {
                    let name = &pat[body..body + len];
                    if d == b':' {
                        matched |= class(name, c, fold);
                    } else if name.len() == 1 {
                        matched |= eq(name[0], c, fold);
                    }
                    q = body + len + 2;
                    continue;
                }
            }
        }
        let mut lo = b;
        if b == b'\\' {
            let Some(&e) = pat.get(q + 1) else {
                return Bracket::Unterminated;
            };
            lo = e;
            q += 1;
        }
        q += 1;
        // A range, unless the `-` is last (`[a-]`).
        if pat.get(q) == Some(&b'-') && pat.get(q + 1).is_some_and(|&e| e != b']') {
            let mut hi = pat[q + 1];
            q += 2;
            if hi == b'\\' {
                let Some(&e) = pat.get(q) else {
                    return Bracket::Unterminated;
                };
                hi = e;
                q += 1;
            }
            let inside = (lo <= c && c <= hi)
                || (fold && {
                    let l = c.to_ascii_lowercase();
                    let u = c.to_ascii_uppercase();
                    (lo <= l && l <= hi) || (lo <= u && u <= hi)
                });
            matched |= inside;
        } else {
            matched |= eq(lo, c, fold);
        }
    }
    if matched != negate {
        Bracket::Match(q)
    } else {
        Bracket::NoMatch
    }
}

#[cfg(test)]
mod tests {
    use super::fnmatch;

    fn m(p: &str, s: &str) -> bool {
        fnmatch(p.as_bytes(), s.as_bytes(), false)
    }

    #[test]
    fn wildcards() {
        assert!(m("*.log", "/var/log/x.log"));
        assert!(m("/var/*", "/var/log/x")); // no FNM_PATHNAME: `*` crosses `/`
        assert!(m("a?c", "a/c"));
        assert!(!m("a?c", "ac"));
        assert!(m("", ""));
        assert!(!m("", "a"));
        assert!(m("*", ""));
        assert!(m("**a**", "xxa"));
        assert!(m("*a*b*c", "xaxbxxc"));
        assert!(!m("*a*b*c", "xaxbxxcd"));
        assert!(m(".bash*", ".bashrc")); // no FNM_PERIOD
    }

    #[test]
    fn brackets_and_escapes() {
        assert!(m("di[r]", "dir"));
        assert!(!m("di[!r]", "dir"));
        assert!(!m("di[^r]", "dir"));
        assert!(m("di[!t]", "dir"));
        assert!(m("[a-c]x", "bx"));
        assert!(m("[a-]", "-"));
        assert!(m("[]a]", "]"));
        assert!(m("[!]a]", "b"));
        assert!(m("[[:digit:]]z", "7z"));
        assert!(!m("[[:digit:]]z", "az"));
        assert!(m("[=a=]", "a"));
        assert!(m("a[", "a["));
        assert!(m("a[b", "a[b"));
        assert!(m("\\*", "*"));
        assert!(!m("\\*", "a"));
        assert!(m("[\\]]", "]"));
        assert!(!m("a\\", "a\\"));
        assert!(!m("a\\", "a"));
    }

    #[test]
    fn casefold() {
        assert!(fnmatch(b"*.LOG", b"x.log", true));
        assert!(fnmatch(b"[A-Z]x", b"qX", true));
        assert!(!fnmatch(b"*.LOG", b"x.log", false));
        assert!(fnmatch(b"[[:upper:]]", b"q", true));
    }
}
