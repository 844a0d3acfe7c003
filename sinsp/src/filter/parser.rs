//! Condition text to [`Expr`]: a recursive-descent parser with the lexical rules of libsinsp.
//!
//! The lexical rules that matter for compatibility (all tested in `tests.rs`):
//!
//! * Operators are recognised by prefix, in a fixed order. Word operators (`contains`,
//!   `glob`, `startswith`, ...) and the modifiers `oneof`/`anyof`/`allof` need a blank after
//!   them (`a.b containsx` is an error); symbol operators and `in`/`intersects`/`pmatch` don't
//!   (`a.b =x`, `a.b in()`); neither does `exists` (`a.b existsand c` is accepted).
//! * `and`/`or` are followed by a blank or directly by `(`; `not` by a blank, or written
//!   `not(`. Repeated `not`s cancel out.
//! * Blanks are space, tab, backspace, `\r` and `\n`.
//! * A field name has at least one dot; a bare identifier is a macro reference.
//! * After a string operator any bare word is a value (`a.b = a.c` compares with the text
//!   "a.c"); after a numeric operator only a number (decimal, or hexadecimal like `0x1f`) or
//!   a transformer.
//! * A quoted string ends at the first matching quote that does not follow a backslash.
//! * The whole text must be consumed.
//!
//! Nesting is capped (default 100 levels of the parser's recursion, as libsinsp; Falco uses
//! 1000 for rules).

use super::ast::{Expr, Field, Modifier, Op, Operand, Pos, Rhs, Transformer};
use super::escape;

/// Why a condition could not be parsed: what was expected, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// The message (libsinsp's wording, which Falco shows).
    pub message: String,
    /// Where the parser stopped.
    pub pos: Pos,
}

impl std::fmt::Display for ParseError {
    /// `<message> at <line>:<column>`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} at {}", self.message, self.pos)
    }
}

impl std::error::Error for ParseError {}

/// The default nesting limit, as libsinsp's parser.
pub const DEFAULT_MAX_DEPTH: u32 = 100;

/// Parses `text` with the default nesting limit.
pub fn parse(text: &str) -> std::result::Result<Expr, ParseError> {
    parse_with_max_depth(text, DEFAULT_MAX_DEPTH)
}

/// Parses `text`, failing when the parser's recursion reaches `max_depth` levels.
pub fn parse_with_max_depth(text: &str, max_depth: u32) -> std::result::Result<Expr, ParseError> {
    let mut p = Parser {
        input: text.as_bytes(),
        pos: Pos::default(),
        depth: 0,
        max_depth,
        last: String::new(),
    };
    if p.input.is_empty() {
        return Err(p.error("filter input string is empty"));
    }
    let e = p.parse_or()?;
    if p.pos.idx != p.input.len() {
        return Err(p.error(format!(
            "unexpected token after '{}', expecting 'or', 'and'",
            p.last
        )));
    }
    Ok(e)
}

type Result<T> = std::result::Result<T, ParseError>;

/// Every operator, in the order they are tried (and listed in error messages).
const UNARY_OPS: &[&str] = &["exists"];
const NUM_OPS: &[(&str, Op)] = &[("<=", Op::Le), ("<", Op::Lt), (">=", Op::Ge), (">", Op::Gt)];
/// String operators; `true` marks word operators, which need a blank after them.
const STR_OPS: &[(&str, Op, bool)] = &[
    ("==", Op::EqEq, false),
    ("=", Op::Eq, false),
    ("!=", Op::Ne, false),
    ("glob", Op::Glob, true),
    ("iglob", Op::IGlob, true),
    ("contains", Op::Contains, true),
    ("icontains", Op::IContains, true),
    ("bcontains", Op::BContains, true),
    ("startswith", Op::StartsWith, true),
    ("bstartswith", Op::BStartsWith, true),
    ("endswith", Op::EndsWith, true),
    ("regex", Op::Regex, true),
];
const MODIFIERS: &[(&str, Modifier)] = &[
    ("oneof", Modifier::OneOf),
    ("anyof", Modifier::AnyOf),
    ("allof", Modifier::AllOf),
];
const LIST_OPS: &[(&str, Op)] = &[
    ("intersects", Op::Intersects),
    ("in", Op::In),
    ("pmatch", Op::PMatch),
];
/// Transformers allowed where a field is (everything but `val`).
const TRANSFORMERS: &[Transformer] = &[
    Transformer::ToLower,
    Transformer::ToUpper,
    Transformer::B64,
    Transformer::Basename,
    Transformer::Len,
    Transformer::Join,
    Transformer::Concat,
    Transformer::Getopt,
];

fn operator_list() -> String {
    let names = UNARY_OPS
        .iter()
        .copied()
        .chain(NUM_OPS.iter().map(|o| o.0))
        .chain(STR_OPS.iter().map(|o| o.0))
        .chain(LIST_OPS.iter().map(|o| o.0));
    quoted_list(names)
}

fn transformer_list() -> String {
    quoted_list(Transformer::ALL.iter().map(|t| t.as_str()))
}

fn quoted_list<'a>(names: impl Iterator<Item = &'a str>) -> String {
    let mut s = String::new();
    for n in names {
        if !s.is_empty() {
            s.push_str(", ");
        }
        s.push('\'');
        s.push_str(n);
        s.push('\'');
    }
    s
}

struct Parser<'a> {
    input: &'a [u8],
    pos: Pos,
    depth: u32,
    max_depth: u32,
    /// The last token read, for the "unexpected token after" message.
    last: String,
}

impl Parser<'_> {
    fn error(&self, message: impl Into<String>) -> ParseError {
        ParseError {
            message: message.into(),
            pos: self.pos,
        }
    }

    fn rest(&self) -> &[u8] {
        &self.input[self.pos.idx..]
    }

    fn peek(&self) -> Option<u8> {
        self.input.get(self.pos.idx).copied()
    }

    fn consume(&mut self, n: usize) {
        for _ in 0..n {
            let b = self.input[self.pos.idx];
            self.pos.advance(b);
        }
    }

    /// Consumes `n` bytes and remembers them as the last token.
    fn take(&mut self, n: usize) -> &str {
        let start = self.pos.idx;
        self.consume(n);
        self.last = String::from_utf8_lossy(&self.input[start..start + n]).into_owned();
        &self.last
    }

    /// Runs a parsing step one level deeper.
    fn nested<T>(&mut self, f: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        self.depth += 1;
        if self.depth >= self.max_depth {
            return Err(self.error(format!("exceeded max depth limit of {}", self.max_depth)));
        }
        let r = f(self);
        self.depth -= 1;
        r
    }

    // ---- lexing ----

    fn lex_blank(&mut self) -> bool {
        let mut found = false;
        while let Some(b' ' | b'\t' | 0x08 | b'\r' | b'\n') = self.peek() {
            self.consume(1);
            found = true;
        }
        found
    }

    fn lex_str(&mut self, s: &str) -> bool {
        if self.rest().starts_with(s.as_bytes()) {
            self.take(s.len());
            true
        } else {
            false
        }
    }

    /// A word operator: `word` followed by at least one blank (consumed).
    fn lex_word(&mut self, word: &str) -> bool {
        let save = (self.pos, self.last.clone());
        if self.lex_str(word) {
            if self.lex_blank() {
                return true;
            }
            (self.pos, self.last) = save;
        }
        false
    }

    fn identifier_len(s: &[u8]) -> usize {
        match s.first() {
            Some(c) if c.is_ascii_alphabetic() => {
                1 + s[1..]
                    .iter()
                    .take_while(|c| c.is_ascii_alphanumeric() || **c == b'_')
                    .count()
            }
            _ => 0,
        }
    }

    fn lex_identifier(&mut self) -> Option<String> {
        let n = Self::identifier_len(self.rest());
        (n > 0).then(|| self.take(n).to_string())
    }

    fn lex_field_name(&mut self) -> Option<String> {
        let s = self.rest();
        let mut n = Self::identifier_len(s);
        if n == 0 {
            return None;
        }
        let mut segments = 1;
        while s.get(n) == Some(&b'.') {
            let seg = Self::identifier_len(&s[n + 1..]);
            if seg == 0 {
                break;
            }
            n += 1 + seg;
            segments += 1;
        }
        (segments >= 2).then(|| self.take(n).to_string())
    }

    fn lex_number(&mut self) -> Option<Vec<u8>> {
        let n = match escape::hex_number_len(self.rest()) {
            0 => escape::number_len(self.rest()),
            n => n,
        };
        (n > 0).then(|| self.take(n).as_bytes().to_vec())
    }

    fn lex_bare(&mut self, ok: fn(u8) -> bool) -> Option<Vec<u8>> {
        let n = self.rest().iter().take_while(|&&c| ok(c)).count();
        if n == 0 {
            return None;
        }
        let start = self.pos.idx;
        self.take(n);
        Some(self.input[start..start + n].to_vec())
    }

    /// A quoted string, unescaped. Escape errors are errors of the whole parse.
    fn lex_quoted(&mut self) -> Result<Option<Vec<u8>>> {
        let s = self.rest();
        let Some(&quote @ (b'"' | b'\'')) = s.first() else {
            return Ok(None);
        };
        let mut prev = b'\\';
        for (i, &c) in s.iter().enumerate() {
            if c == 0 {
                break;
            }
            if c == quote && prev != b'\\' {
                let token = &s[..=i];
                let value = escape::unescape(token).map_err(|m| self.error(m))?;
                self.consume(i + 1);
                self.last = String::from_utf8_lossy(&value).into_owned();
                return Ok(Some(value));
            }
            prev = c;
        }
        Ok(None)
    }

    fn lex_transformer_name(&mut self) -> Option<Transformer> {
        for &t in TRANSFORMERS {
            let name = t.as_str();
            let r = self.rest();
            if r.starts_with(name.as_bytes()) && r.get(name.len()) == Some(&b'(') {
                self.take(name.len() + 1);
                return Some(t);
            }
        }
        None
    }

    fn lex_val(&mut self) -> bool {
        self.lex_str("val(")
    }

    // ---- grammar ----

    fn parse_or(&mut self) -> Result<Expr> {
        self.nested(|p| {
            let pos = p.pos;
            p.lex_blank();
            let mut children = vec![p.parse_and()?];
            p.lex_blank();
            while p.lex_str("or") {
                let child = if p.lex_blank() {
                    p.parse_and()?
                } else if p.lex_str("(") {
                    p.parse_embedded_remainder()?
                } else {
                    return Err(p.error("expected blank or '(' after 'or'"));
                };
                children.push(child);
                p.lex_blank();
            }
            Ok(if children.len() == 1 {
                children.remove(0)
            } else {
                Expr::Or { children, pos }
            })
        })
    }

    fn parse_and(&mut self) -> Result<Expr> {
        self.nested(|p| {
            let pos = p.pos;
            p.lex_blank();
            let mut children = vec![p.parse_not()?];
            p.lex_blank();
            while p.lex_str("and") {
                let child = if p.lex_blank() {
                    p.parse_not()?
                } else if p.lex_str("(") {
                    p.parse_embedded_remainder()?
                } else {
                    return Err(p.error("expected blank or '(' after 'and'"));
                };
                children.push(child);
                p.lex_blank();
            }
            Ok(if children.len() == 1 {
                children.remove(0)
            } else {
                Expr::And { children, pos }
            })
        })
    }

    /// `not` followed by one or more `[:space:]` characters.
    fn lex_not_blank(&mut self) -> bool {
        let r = self.rest();
        if !r.starts_with(b"not") {
            return false;
        }
        let n = r[3..].iter().take_while(|&&c| escape::is_space(c)).count();
        if n == 0 {
            return false;
        }
        self.take(3 + n);
        true
    }

    fn parse_not(&mut self) -> Result<Expr> {
        self.nested(|p| {
            let pos = p.pos;
            p.lex_blank();
            let mut negate = false;
            while p.lex_not_blank() {
                negate = !negate;
            }
            let child = if p.lex_str("not(") {
                negate = !negate;
                p.parse_embedded_remainder()?
            } else {
                p.parse_check()?
            };
            Ok(if negate {
                Expr::Not {
                    child: Box::new(child),
                    pos,
                }
            } else {
                child
            })
        })
    }

    /// The rest of a parenthesised expression, after its `(`.
    fn parse_embedded_remainder(&mut self) -> Result<Expr> {
        self.nested(|p| {
            p.lex_blank();
            let e = p.parse_or()?;
            p.lex_blank();
            if !p.lex_str(")") {
                return Err(p.error("expected a ')' token"));
            }
            Ok(e)
        })
    }

    fn parse_check(&mut self) -> Result<Expr> {
        self.nested(|p| {
            let pos = p.pos;
            p.lex_blank();
            if p.lex_str("(") {
                return p.parse_embedded_remainder();
            }
            if let Some(name) = p.lex_field_name() {
                let lhs = p.parse_field_remainder(name, pos)?;
                return p.parse_condition(lhs, pos);
            }
            if let Some(t) = p.lex_transformer_name() {
                p.lex_blank();
                let lhs = p.parse_transformer_remainder(t, pos)?;
                return p.parse_condition(lhs, pos);
            }
            if let Some(name) = p.lex_identifier() {
                return Ok(Expr::Macro { name, pos });
            }
            Err(p.error("expected a '(' token, a field check, or an identifier"))
        })
    }

    fn parse_field_remainder(&mut self, name: String, pos: Pos) -> Result<Operand> {
        self.nested(|p| {
            let arg = p.parse_optional_field_arg()?;
            Ok(Operand::Field(Field { name, arg, pos }))
        })
    }

    fn parse_optional_field_arg(&mut self) -> Result<Option<String>> {
        if !self.lex_str("[") {
            return Ok(None);
        }
        let arg = match self.lex_quoted()? {
            Some(v) => v,
            None => match self.lex_bare(escape::is_bare_arg_byte) {
                Some(v) => v,
                None => {
                    return Err(self.error(
                        "expected a valid field argument: a quoted string or a bare string",
                    ))
                }
            },
        };
        let arg =
            String::from_utf8(arg).map_err(|_| self.error("field argument is not valid UTF-8"))?;
        if !self.lex_str("]") {
            return Err(self.error("expected a ']' token"));
        }
        Ok(Some(arg))
    }

    /// The rest of a transformer, after `name(`.
    fn parse_transformer_remainder(&mut self, func: Transformer, pos: Pos) -> Result<Operand> {
        self.nested(|p| {
            p.lex_blank();
            let mut args = Vec::new();
            loop {
                let arg_pos = p.pos;
                args.push(p.parse_transformer_arg(arg_pos)?);
                p.lex_blank();
                if !p.lex_str(",") {
                    break;
                }
            }
            p.lex_blank();
            if !p.lex_str(")") {
                return Err(p.error("expected a ')' token closing the transformer"));
            }
            let arg = p.parse_optional_field_arg()?;
            Ok(Operand::Transform {
                func,
                args,
                arg,
                pos,
            })
        })
    }

    fn parse_transformer_arg(&mut self, pos: Pos) -> Result<Operand> {
        self.nested(|p| {
            p.lex_blank();
            if let Some(value) = p.lex_number() {
                return Ok(Operand::Literal { value, pos });
            }
            if let Some(value) = p.lex_quoted()? {
                return Ok(Operand::Literal { value, pos });
            }
            if p.lex_str("(") {
                return p.parse_transformer_list(pos);
            }
            if let Some(t) = p.lex_transformer_name() {
                return p.parse_transformer_remainder(t, pos);
            }
            if let Some(name) = p.lex_field_name() {
                return p.parse_field_remainder(name, pos);
            }
            Err(p.error(
                "expected field transformer argument: field, transformer, quoted string, \
                 number, or transformer list",
            ))
        })
    }

    /// A list argument of a transformer, after its `(`.
    fn parse_transformer_list(&mut self, pos: Pos) -> Result<Operand> {
        let mut items = Vec::new();
        self.lex_blank();
        if self.lex_str(")") {
            return Ok(Operand::List { items, pos });
        }
        items.push(self.parse_transformer_list_item(pos)?);
        self.lex_blank();
        while self.lex_str(",") {
            self.lex_blank();
            items.push(self.parse_transformer_list_item(pos)?);
            self.lex_blank();
        }
        if !self.lex_str(")") {
            return Err(self.error("expected ')'"));
        }
        Ok(Operand::List { items, pos })
    }

    fn parse_transformer_list_item(&mut self, pos: Pos) -> Result<Operand> {
        if let Some(name) = self.lex_field_name() {
            return self.parse_field_remainder(name, pos);
        }
        if let Some(t) = self.lex_transformer_name() {
            self.lex_blank();
            return self.parse_transformer_remainder(t, pos);
        }
        if let Some(value) = self.lex_quoted()? {
            return Ok(Operand::Literal { value, pos });
        }
        if let Some(value) = self.lex_number() {
            return Ok(Operand::Literal { value, pos });
        }
        Err(self.error(
            "expected transformer list argument: field, transformer, quoted string, or number",
        ))
    }

    fn parse_condition(&mut self, lhs: Operand, pos: Pos) -> Result<Expr> {
        self.nested(|p| {
            p.lex_blank();
            if p.lex_str("exists") {
                return Ok(Expr::Exists { lhs, pos });
            }
            p.lex_blank();
            for &(s, op) in NUM_OPS {
                if p.lex_str(s) {
                    let rhs = p.parse_num_value_or_transformer()?;
                    return Ok(Expr::Compare {
                        lhs,
                        op,
                        modifier: None,
                        rhs,
                        pos,
                    });
                }
            }
            for &(s, op, word) in STR_OPS {
                let found = if word { p.lex_word(s) } else { p.lex_str(s) };
                if !found {
                    continue;
                }
                let had_blank = word || p.lex_blank();
                let save = (p.pos, p.last.clone());
                if had_blank {
                    for &(m, modifier) in MODIFIERS {
                        if p.lex_word(m) {
                            if p.list_value_follows() && !p.bool_keyword_follows() {
                                let rhs = p.parse_list_value()?;
                                return Ok(Expr::Compare {
                                    lhs,
                                    op,
                                    modifier: Some(modifier),
                                    rhs,
                                    pos,
                                });
                            }
                            break;
                        }
                    }
                }
                (p.pos, p.last) = save;
                let rhs = p.parse_str_value_or_transformer(false)?;
                return Ok(Expr::Compare {
                    lhs,
                    op,
                    modifier: None,
                    rhs,
                    pos,
                });
            }
            for &(s, op) in LIST_OPS {
                if p.lex_str(s) {
                    let rhs = p.parse_list_value_or_transformer()?;
                    return Ok(Expr::Compare {
                        lhs,
                        op,
                        modifier: None,
                        rhs,
                        pos,
                    });
                }
            }
            Err(p.error(format!(
                "expected a valid check operator: one of {}",
                operator_list()
            )))
        })
    }

    fn list_value_follows(&mut self) -> bool {
        self.peek() == Some(b'(') || Self::identifier_len(self.rest()) > 0
    }

    fn bool_keyword_follows(&self) -> bool {
        let r = self.rest();
        ["and", "or", "not"].iter().any(|kw| {
            r.starts_with(kw.as_bytes())
                && r.get(kw.len()).is_none_or(|c| !c.is_ascii_alphanumeric())
        })
    }

    fn parse_num_value_or_transformer(&mut self) -> Result<Rhs> {
        self.nested(|p| {
            p.lex_blank();
            let pos = p.pos;
            if let Some(o) = p.try_parse_transformer_or_val()? {
                return Ok(Rhs::Operand(o));
            }
            if let Some(value) = p.lex_number() {
                return Ok(Rhs::Value { value, pos });
            }
            Err(p.error(format!(
                "expected a number value or a field with a valid transformer: {}",
                transformer_list()
            )))
        })
    }

    fn parse_str_value_or_transformer(&mut self, no_transformer: bool) -> Result<Rhs> {
        self.nested(|p| {
            p.lex_blank();
            let pos = p.pos;
            if !no_transformer {
                if let Some(o) = p.try_parse_transformer_or_val()? {
                    return Ok(Rhs::Operand(o));
                }
            }
            if let Some(value) = p.lex_quoted()? {
                return Ok(Rhs::Value { value, pos });
            }
            if let Some(value) = p.lex_bare(escape::is_bare_value_byte) {
                return Ok(Rhs::Value { value, pos });
            }
            Err(p.error(if no_transformer {
                "expected a string value".to_string()
            } else {
                format!(
                    "expected a string value or a field with a valid transformer: {}",
                    transformer_list()
                )
            }))
        })
    }

    /// A parenthesised list of values, if one starts here.
    fn try_parse_list(&mut self) -> Result<Option<Rhs>> {
        let pos = self.pos;
        if !self.lex_str("(") {
            return Ok(None);
        }
        let mut values = Vec::new();
        self.lex_blank();
        // A list that does not start with a value must be empty (whatever went wrong
        // reading the first value).
        if let Ok(first) = self.parse_str_value_or_transformer(true) {
            values.push(rhs_value(first));
            self.lex_blank();
            while self.lex_str(",") {
                let v = self.parse_str_value_or_transformer(true)?;
                values.push(rhs_value(v));
                self.lex_blank();
            }
        }
        if !self.lex_str(")") {
            return Err(self.error("expected a ')' token"));
        }
        Ok(Some(Rhs::List { values, pos }))
    }

    fn parse_list_value(&mut self) -> Result<Rhs> {
        self.nested(|p| {
            p.lex_blank();
            let pos = p.pos;
            if let Some(l) = p.try_parse_list()? {
                return Ok(l);
            }
            if let Some(name) = p.lex_identifier() {
                return Ok(Rhs::ListRef { name, pos });
            }
            Err(p.error("expected a list or an identifier"))
        })
    }

    fn parse_list_value_or_transformer(&mut self) -> Result<Rhs> {
        self.nested(|p| {
            p.lex_blank();
            let pos = p.pos;
            if let Some(l) = p.try_parse_list()? {
                return Ok(l);
            }
            if let Some(o) = p.try_parse_transformer_or_val()? {
                return Ok(Rhs::Operand(o));
            }
            if let Some(name) = p.lex_identifier() {
                return Ok(Rhs::ListRef { name, pos });
            }
            Err(p.error(format!(
                "expected a list, an identifier, or a field with a valid transformer: {}",
                transformer_list()
            )))
        })
    }

    fn try_parse_transformer_or_val(&mut self) -> Result<Option<Operand>> {
        self.nested(|p| {
            p.lex_blank();
            let pos = p.pos;
            if p.lex_val() {
                p.lex_blank();
                let field_pos = p.pos;
                let Some(name) = p.lex_field_name() else {
                    return Err(p.error("expected a field within 'val' transformer"));
                };
                let field = p.parse_field_remainder(name, field_pos)?;
                p.lex_blank();
                if !p.lex_str(")") {
                    return Err(p.error("expected a ')' token closing the transformer"));
                }
                let arg = p.parse_optional_field_arg()?;
                return Ok(Some(Operand::Transform {
                    func: Transformer::Val,
                    args: vec![field],
                    arg,
                    pos,
                }));
            }
            if let Some(t) = p.lex_transformer_name() {
                p.lex_blank();
                return p.parse_transformer_remainder(t, pos).map(Some);
            }
            Ok(None)
        })
    }
}

/// The value of a list item (always a value: transformers are not read in lists).
fn rhs_value(r: Rhs) -> Vec<u8> {
    match r {
        Rhs::Value { value, .. } => value,
        _ => unreachable!("list items are read without transformers"),
    }
}
