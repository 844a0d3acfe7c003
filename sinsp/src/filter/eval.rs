//! The compiled condition and its evaluation.
//!
//! A [`Node`] tree mirrors the condition: `and`/`or` evaluate their children left to right
//! and stop as soon as the result is known; a [`Check`] extracts its left side and tests
//! each value with its [`Matcher`]. A check whose left side (or right-hand field) has no
//! value is false, whatever the operator: `!=` and `exists` included.

use regex::bytes::Regex;

use crate::fields::Ctx;

use super::ast::Modifier;
use super::compare::{compare, normalize, set_key, store_norm, CmpOp, KeySet, Kind, Lit, Norm};
use super::pmatch::PathSet;
use super::transform::Extractor;

/// A compiled condition.
#[derive(Clone, Debug)]
pub(crate) enum Node {
    And(Vec<Node>),
    Or(Vec<Node>),
    Not(Box<Node>),
    Check(Box<Check>),
    /// A check of `evt.type` alone against constants: its result depends only on the event
    /// type code (generic events aside, whose name comes from a parameter), so it is
    /// computed once per code and remembered.
    TypeCheck(Box<TypeCheck>),
}

/// A [`Check`] of plain `evt.type` with constants, and its results by event type code.
#[derive(Clone, Debug)]
pub(crate) struct TypeCheck {
    pub(crate) check: Check,
    /// 0: not yet known, 1: true, 2: false; indexed by event type code.
    pub(crate) memo: Vec<u8>,
    /// The same for generic events, indexed by the id of the syscall that names them
    /// (old captures have many: syscalls their drivers had no event for).
    pub(crate) generic_memo: Vec<u8>,
}

/// Syscall ids remembered for generic events (ids beyond are evaluated each time).
const GENERIC_IDS: usize = 1024;

impl TypeCheck {
    pub(crate) fn new(check: Check) -> TypeCheck {
        TypeCheck {
            check,
            memo: vec![0; falco_schema::EVENT_MAX],
            generic_memo: Vec::new(),
        }
    }

    fn eval(&mut self, ctx: &Ctx<'_>) -> bool {
        let ty = ctx.ev.ty();
        let (memo, key) = if ty == falco_schema::code::PPME_GENERIC_E
            || ty == falco_schema::code::PPME_GENERIC_X
        {
            let id = crate::fields::generic_syscall_id(ctx.ev) as usize;
            if id == 0 || id >= GENERIC_IDS {
                return self.check.eval(ctx);
            }
            if self.generic_memo.is_empty() {
                self.generic_memo = vec![0; GENERIC_IDS];
            }
            (&mut self.generic_memo, id)
        } else {
            (&mut self.memo, ty as usize)
        };
        match memo.get(key) {
            Some(1) => true,
            Some(2) => false,
            Some(_) => {
                let r = self.check.eval(ctx);
                memo[key] = if r { 1 } else { 2 };
                r
            }
            None => self.check.eval(ctx),
        }
    }
}

impl Node {
    pub(crate) fn eval(&mut self, ctx: &Ctx<'_>) -> bool {
        match self {
            Node::TypeCheck(t) => t.eval(ctx),
            Node::And(children) => children.iter_mut().all(|c| c.eval(ctx)),
            Node::Or(children) => children.iter_mut().any(|c| c.eval(ctx)),
            Node::Not(child) => !child.eval(ctx),
            Node::Check(check) => check.eval(ctx),
        }
    }
}

/// How the results for the values of a multi-valued left side combine.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Combine {
    /// True if the matcher holds for some value: single values, any-of fields
    /// (`proc.aname = bash` holds when some ancestor is bash), `intersects` on lists.
    Any,
    /// True if the (equality) matcher holds for no value: `!=` on the fields that match
    /// either endpoint of a connection (`fd.ip != 10.0.0.1` holds when neither end is).
    NoneEqual,
    /// True if the matcher holds for every value: `in` on list fields (a subset test).
    All,
}

/// One check: `lhs exists` or `lhs OP rhs`.
#[derive(Clone, Debug)]
pub(crate) struct Check {
    pub(crate) lhs: Extractor,
    pub(crate) kind: Kind,
    pub(crate) combine: Combine,
    pub(crate) matcher: Matcher,
}

impl Check {
    fn eval(&mut self, ctx: &Ctx<'_>) -> bool {
        let Check {
            lhs,
            kind,
            combine,
            matcher,
        } = self;
        let (kind, combine) = (*kind, *combine);
        if let Matcher::Field(rhs) = matcher {
            if !rhs.load(ctx, kind) {
                return false;
            }
        }
        let mut hit = false;
        let mut miss = false;
        let present = lhs.each(ctx, &mut |v| {
            let m = normalize(kind, v).is_some_and(|n| matcher.test(n, kind));
            if m {
                hit = true;
            } else {
                miss = true;
            }
            match combine {
                Combine::Any | Combine::NoneEqual => m,
                Combine::All => !m,
            }
        });
        if present.is_none() {
            return false;
        }
        match combine {
            Combine::Any => hit,
            Combine::NoneEqual => !hit,
            Combine::All => !miss,
        }
    }
}

/// A scalar comparison with a constant.
#[derive(Clone, Debug)]
pub(crate) struct Scalar {
    pub(crate) op: CmpOp,
    pub(crate) lit: Lit,
    /// For `contains`/`bcontains`: a prepared substring search.
    pub(crate) finder: Option<memchr::memmem::Finder<'static>>,
}

impl Scalar {
    pub(crate) fn new(op: CmpOp, lit: Lit) -> Scalar {
        let finder = match (&lit, op) {
            (Lit::Bytes(b), CmpOp::Contains) => {
                Some(memchr::memmem::Finder::new(b.as_slice()).into_owned())
            }
            _ => None,
        };
        Scalar { op, lit, finder }
    }

    fn test(&self, v: Norm<'_>, kind: Kind) -> bool {
        match (&self.finder, v) {
            (Some(f), Norm::S(h)) => f.find(h).is_some(),
            _ => compare(self.op, v, &self.lit, kind),
        }
    }
}

/// A comparison with a list of constants through `oneof`/`anyof`/`allof`.
#[derive(Clone, Debug)]
pub(crate) struct Modified {
    pub(crate) modifier: Modifier,
    /// The operator applied to each constant (`None`: regular expressions).
    pub(crate) op: Option<CmpOp>,
    pub(crate) items: Vec<Scalar>,
    pub(crate) regexes: Vec<Regex>,
    /// For `= anyof` and `!= allof`: the constants as a set.
    pub(crate) keys: Option<KeySet>,
    pub(crate) utf8: Vec<u8>,
}

impl Modified {
    fn test(&mut self, v: Norm<'_>, kind: Kind) -> bool {
        let n = if self.op.is_none() {
            self.regexes.len()
        } else {
            self.items.len()
        };
        if n == 0 {
            return false;
        }
        let mut key_buf = [0u8; 16];
        match (self.modifier, self.op, &self.keys) {
            (Modifier::AnyOf, Some(CmpOp::Eq), Some(keys)) => {
                return keys.contains(set_key(&v, &mut key_buf))
            }
            (Modifier::AllOf, Some(CmpOp::Ne), Some(keys)) => {
                return !keys.contains(set_key(&v, &mut key_buf))
            }
            _ => {}
        }
        let text = match v {
            Norm::S(s) if self.op.is_none() => Some(sanitize_utf8(s, &mut self.utf8)),
            _ => None,
        };
        let mut one = |i: usize| match text {
            Some(t) => self.regexes[i].is_match(t),
            None => self.items[i].test(v, kind),
        };
        match self.modifier {
            Modifier::AnyOf => (0..n).any(&mut one),
            Modifier::AllOf => (0..n).all(&mut one),
            Modifier::OneOf => {
                let mut count = 0;
                for i in 0..n {
                    if one(i) {
                        count += 1;
                        if count > 1 {
                            return false;
                        }
                    }
                }
                count == 1
            }
        }
    }
}

/// What the right side is, when it is a field (`val(...)` or a transformer).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RhsOp {
    /// Compare with the first value.
    Scalar(CmpOp),
    /// `in`/`intersects`: equal to any value.
    In,
}

/// A right-hand field, with its values of the current event.
#[derive(Clone, Debug)]
pub(crate) struct RhsField {
    pub(crate) rhs: Extractor,
    pub(crate) op: RhsOp,
    pub(crate) values: Vec<Lit>,
    pub(crate) len: usize,
}

impl RhsField {
    /// Extracts the right side's values; false when it has none.
    fn load(&mut self, ctx: &Ctx<'_>, kind: Kind) -> bool {
        let RhsField {
            rhs, values, len, ..
        } = self;
        *len = 0;
        let present = rhs.each(ctx, &mut |v| {
            if let Some(n) = normalize(kind, v) {
                if *len == values.len() {
                    values.push(Lit::Bool(false));
                }
                store_norm(n, &mut values[*len]);
                *len += 1;
            }
            false
        });
        present.is_some() && *len > 0
    }

    fn test(&self, v: Norm<'_>, kind: Kind) -> bool {
        let values = &self.values[..self.len];
        match self.op {
            RhsOp::In => values.iter().any(|l| compare(CmpOp::Eq, v, l, kind)),
            RhsOp::Scalar(op) => compare(op, v, &values[0], kind),
        }
    }
}

/// What a check tests each left-hand value with.
#[derive(Clone, Debug)]
pub(crate) enum Matcher {
    /// `exists`: any value.
    Exists,
    /// `OP constant`.
    Scalar(Box<Scalar>),
    /// `in`/`intersects` constants: a set of keys, or networks tested one by one.
    Set { keys: KeySet, nets: Vec<Lit> },
    /// `pmatch`.
    Paths(PathSet),
    /// `regex`: the whole value must match; the buffer holds values made valid UTF-8.
    Regex(Regex, Vec<u8>),
    /// A modifier and its constants.
    Modified(Box<Modified>),
    /// A right-hand field.
    Field(Box<RhsField>),
}

impl Matcher {
    fn test(&mut self, v: Norm<'_>, kind: Kind) -> bool {
        match self {
            Matcher::Exists => true,
            Matcher::Scalar(s) => s.test(v, kind),
            Matcher::Set { keys, nets } => {
                if nets.is_empty() {
                    let mut buf = [0u8; 16];
                    keys.contains(set_key(&v, &mut buf))
                } else {
                    nets.iter().any(|n| compare(CmpOp::Eq, v, n, kind))
                }
            }
            Matcher::Paths(p) => matches!(v, Norm::S(s) if p.matches(s)),
            Matcher::Regex(re, buf) => match v {
                Norm::S(s) => re.is_match(sanitize_utf8(s, buf)),
                _ => false,
            },
            Matcher::Modified(m) => m.test(v, kind),
            Matcher::Field(f) => f.test(v, kind),
        }
    }
}

/// `s` if it is valid UTF-8, else a copy in `buf` with each invalid sequence replaced by
/// U+FFFD (maximal subparts, as libsinsp sanitizes values before matching a regex).
fn sanitize_utf8<'a>(s: &'a [u8], buf: &'a mut Vec<u8>) -> &'a [u8] {
    if std::str::from_utf8(s).is_ok() {
        return s;
    }
    buf.clear();
    for chunk in s.utf8_chunks() {
        buf.extend_from_slice(chunk.valid().as_bytes());
        if !chunk.invalid().is_empty() {
            buf.extend_from_slice("\u{fffd}".as_bytes());
        }
    }
    buf
}

#[cfg(test)]
mod tests {
    use super::sanitize_utf8;

    #[test]
    fn utf8_sanitizing() {
        let mut buf = Vec::new();
        assert_eq!(sanitize_utf8(b"abc", &mut buf), b"abc");
        assert_eq!(
            sanitize_utf8(b"a\xffb\xe2\x82", &mut buf),
            "a\u{fffd}b\u{fffd}".as_bytes()
        );
    }
}
