//! Output formats: text with `%field` tokens, as sysdig's `-p` and Falco's rule outputs.
//!
//! A format is parsed once into literal runs and fields. A token is `%` followed by a field
//! name (letters, digits, `_`, `.`, and a bracketed argument); the longest run that names a
//! known field is taken, so trailing punctuation stays literal (`%proc.name)`). Sysdig's
//! convention about missing values is kept: a format that starts with `*` prints missing
//! values as `<NA>`; otherwise an event with any missing value is not printed at all.

use crate::fields::{Ctx, FieldError, FieldRef};
use crate::time::TimeFormatter;

#[derive(Clone, Debug)]
enum Piece {
    Lit(Vec<u8>),
    /// A field and its token as written (`proc.aname[2]`, `evt.arg.flags`).
    Field(FieldRef, Box<str>),
}

/// A parsed output format.
#[derive(Clone, Debug)]
pub struct Format {
    pieces: Vec<Piece>,
    print_missing: bool,
    scratch: Vec<u8>,
}

/// Why a format was rejected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormatError {
    /// Byte position of the bad token.
    pub pos: usize,
    /// What is wrong.
    pub reason: String,
}

impl std::fmt::Display for FormatError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "invalid format at position {}: {}",
            self.pos, self.reason
        )
    }
}

impl Format {
    /// Parse a format string.
    pub fn parse(fmt: &str) -> Result<Format, FormatError> {
        let (print_missing, body) = match fmt.strip_prefix('*') {
            Some(rest) => (true, rest),
            None => (false, fmt),
        };
        let offset = fmt.len() - body.len();
        let bytes = body.as_bytes();
        let mut pieces = Vec::new();
        let mut lit = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] != b'%' {
                lit.push(bytes[i]);
                i += 1;
                continue;
            }
            let start = i + 1;
            if start >= bytes.len() {
                return Err(FormatError {
                    pos: offset + i,
                    reason: "formatting cannot end with a %".into(),
                });
            }
            // Candidate token: field characters, with one bracketed argument.
            let mut end = start;
            while end < bytes.len() {
                let c = bytes[end];
                if c.is_ascii_alphanumeric() || c == b'_' || c == b'.' {
                    end += 1;
                } else if c == b'[' {
                    match bytes[end..].iter().position(|&b| b == b']') {
                        Some(close) => end += close + 1,
                        None => break,
                    }
                } else {
                    break;
                }
            }
            // Longest prefix that parses as a field.
            let mut found = None;
            let mut last_err = None;
            let mut e = end;
            while e > start {
                match FieldRef::parse(&body[start..e]) {
                    Ok(f) => {
                        found = Some((f, e));
                        break;
                    }
                    Err(err) => last_err = last_err.or(Some(err)),
                }
                e -= 1;
            }
            let Some((field, e)) = found else {
                let reason = match last_err {
                    Some(FieldError::Unknown(_)) | None => {
                        format!("unknown field '{}'", &body[start..end])
                    }
                    Some(err) => err.to_string(),
                };
                return Err(FormatError {
                    pos: offset + i,
                    reason,
                });
            };
            if crate::fields::is_filter_only(field.def().name) {
                // As libsinsp: these match either end of a connection and have no one value.
                return Err(FormatError {
                    pos: offset + i,
                    reason: format!(
                        "{} is filter only and cannot be used as a display field",
                        field.def().name
                    ),
                });
            };
            if !lit.is_empty() {
                pieces.push(Piece::Lit(std::mem::take(&mut lit)));
            }
            pieces.push(Piece::Field(field, body[start..e].into()));
            i = e;
        }
        if !lit.is_empty() {
            pieces.push(Piece::Lit(lit));
        }
        Ok(Format {
            pieces,
            print_missing,
            scratch: Vec::new(),
        })
    }

    /// True when the format started with `*`.
    pub fn prints_missing(&self) -> bool {
        self.print_missing
    }

    /// The fields the format refers to.
    pub fn fields(&self) -> impl Iterator<Item = &FieldRef> {
        self.pieces.iter().filter_map(|p| match p {
            Piece::Field(f, _) => Some(f),
            Piece::Lit(_) => None,
        })
    }

    /// The fields the format refers to, each with its token as written (without the `%`):
    /// the keys of Falco's JSON `output_fields`.
    pub fn named_fields(&self) -> impl Iterator<Item = (&str, &FieldRef)> {
        self.pieces.iter().filter_map(|p| match p {
            Piece::Field(f, name) => Some((&**name, f)),
            Piece::Lit(_) => None,
        })
    }

    /// Append the formatted event and a newline to `out`. Returns false, leaving `out` as it
    /// was, when a value is missing and the format did not start with `*`.
    pub fn render_line(
        &mut self,
        ctx: &Ctx<'_>,
        tf: &mut TimeFormatter,
        out: &mut Vec<u8>,
    ) -> bool {
        let mark = out.len();
        for p in &self.pieces {
            match p {
                Piece::Lit(l) => out.extend_from_slice(l),
                Piece::Field(f, _) => {
                    if !f.render(ctx, tf, &mut self.scratch, out) {
                        if !self.print_missing {
                            out.truncate(mark);
                            return false;
                        }
                        out.extend_from_slice(b"<NA>");
                    }
                }
            }
        }
        out.push(b'\n');
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use falco_scap::EventBuilder;
    use falco_schema::code;

    fn render(fmt: &str) -> Option<String> {
        let mut b = EventBuilder::new();
        b.begin(1_534_527_348_514_632_619, 17497, code::PPME_SYSCALL_CLOSE_X);
        b.param(&0i64.to_le_bytes());
        b.param(&3i64.to_le_bytes());
        let mut ev = b.event();
        ev.num = 211;
        ev.cpu = 1;
        let mut out = Vec::new();
        let mut f = Format::parse(fmt).unwrap();
        let state = crate::state::State::new();
        let ctx = Ctx {
            ev: &ev,
            state: &state,
        };
        f.render_line(&ctx, &mut TimeFormatter::new(), &mut out)
            .then(|| String::from_utf8(out).unwrap())
    }

    #[test]
    fn renders_event_fields() {
        assert_eq!(
            render("%evt.num %evt.rawtime %evt.cpu %thread.tid %evt.dir %evt.type").unwrap(),
            "211 1534527348514632619 1 17497 < close\n"
        );
        assert_eq!(render("(%evt.rawarg.fd)").unwrap(), "(3)\n");
    }

    #[test]
    fn missing_values_follow_the_star_convention() {
        assert_eq!(render("%evt.num %evt.rawarg.name"), None);
        assert_eq!(render("*%evt.num %evt.rawarg.name").unwrap(), "211 <NA>\n");
    }

    #[test]
    fn bad_formats_name_the_position() {
        assert_eq!(Format::parse("abc %").unwrap_err().pos, 4);
        let e = Format::parse("x %nope.field").unwrap_err();
        assert_eq!(e.pos, 2);
        assert!(e.reason.contains("nope.field"), "{}", e.reason);
    }
}
