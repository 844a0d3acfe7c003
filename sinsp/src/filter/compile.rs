//! [`Expr`] to [`Filter`]: fields resolved, operators checked against types, constants read
//! for their field's type, and warnings about suspicious constants collected.
//!
//! Messages are libsinsp's (Falco shows them as they are). Checks follow libsinsp's order:
//! the left side, then the operator against its type, then the right side.

use falco_schema::{ParamType, EVENTS};
use regex::bytes::{Regex, RegexBuilder};

use crate::fields::{FieldError, FieldRef};

use super::ast::{Expr, Field, Modifier, Op, Operand, Pos, Rhs, Transformer};
use super::compare::{
    check_comparable, kind_of, lit_key, parse_literal, type_name, unhex, CmpOp, KeySet, Kind, Lit,
};
use super::eval::{Check, Combine, Matcher, Modified, Node, RhsField, RhsOp, Scalar};
use super::pmatch::PathSet;
use super::transform::{Extractor, Getopt, MapFn, OptInfo};
use super::Filter;

/// Why a parsed condition could not be compiled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompileError {
    /// The message (libsinsp's wording where it has one).
    pub message: String,
    /// Where the offending node starts.
    pub pos: Pos,
}

impl std::fmt::Display for CompileError {
    /// `<message> at <line>:<column>`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} at {}", self.message, self.pos)
    }
}

impl std::error::Error for CompileError {}

/// Something that compiles but probably does not mean what it says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    /// The message (libsinsp's wording).
    pub message: String,
    /// Where the constant starts.
    pub pos: Pos,
}

/// Fields that match when any of several values matches (ancestors, either endpoint).
const ANY_OF_FIELDS: &[&str] = &[
    "proc.aname",
    "proc.apid",
    "proc.aexe",
    "proc.aexepath",
    "proc.acmdline",
    "proc.aenv",
    "fd.ip",
    "fd.port",
    "fd.net",
    "fd.proto",
];

/// Any-of fields whose `!=` holds when no value is equal (neither endpoint), not when some
/// value differs.
const ENDPOINT_FIELDS: &[&str] = &["fd.ip", "fd.port", "fd.net", "fd.proto"];

/// Fields with their own comparison logic upstream: no transformers, no right-hand fields.
const CUSTOM_COMPARE_FIELDS: &[&str] = &[
    "fd.ip",
    "fd.port",
    "fd.proto",
    "fd.net",
    "fd.cnet",
    "fd.snet",
    "fd.lnet",
    "fd.rnet",
    "fd.cip.name",
    "fd.sip.name",
    "fd.lip.name",
    "fd.rip.name",
    "evt.rawarg",
    "evt.around",
    "proc.aexe",
    "proc.aexepath",
    "proc.aname",
    "proc.acmdline",
    "proc.aenv",
    "proc.apid",
];

/// Fields that cannot be compared with a right-hand field (beyond the above).
const NO_RHS_FIELDS: &[&str] = &["fd.types"];

/// What the compiler knows about an operand's values.
#[derive(Clone, Debug)]
struct Info {
    /// Type of the values.
    ty: ParamType,
    /// A list: `in`/`intersects` apply to all the values together.
    list: bool,
    /// `!=` means no value is equal.
    endpoint: bool,
    /// The field's name for messages.
    name: String,
    no_rhs: bool,
    no_transformer: bool,
    /// `evt.type`, directly or through single-value transformers: constants must be event
    /// or syscall names.
    evttype: bool,
}

impl Info {
    fn constant(list: bool) -> Info {
        Info {
            ty: ParamType::Charbuf,
            list,
            endpoint: false,
            name: "NA".to_string(),
            no_rhs: false,
            no_transformer: false,
            evttype: false,
        }
    }

    fn type_desc(&self) -> String {
        format!(
            "{}{}",
            type_name(self.ty),
            if self.list { " (list)" } else { "" }
        )
    }
}

/// Compiles a condition. Macro references must have been replaced.
pub(crate) fn compile(ast: &Expr, warnings: &mut Vec<Warning>) -> Result<Filter, CompileError> {
    let mut c = Compiler {
        warnings,
        remembers: false,
    };
    let root = c.node(ast)?;
    // A condition whose types cannot be computed (`evt.type` under a transformer) is
    // evaluated on every event; so is one with a field that remembers the events it saw
    // (`evt.deltatime`: libsinsp evaluates the condition on every event).
    let mut types = match super::event_types(ast) {
        Ok(types) if !c.remembers => types,
        _ => super::EventTypeSet::all(),
    };
    // Events whose `evt.type` is not their table name are always evaluated: generic
    // events carry a syscall's name, and a capture recorded by an older driver has generic
    // events for syscalls that have events of their own today (`newfstatat` in sysdig
    // 0.29's captures), which the sets of the rule index leave out, as libsinsp's do;
    // async events carry their own name too.
    for code in [
        falco_schema::code::PPME_GENERIC_E,
        falco_schema::code::PPME_GENERIC_X,
        falco_schema::code::PPME_ASYNCEVENT_E,
    ] {
        types.insert(code);
    }
    Ok(Filter { root, types })
}

/// `evt.around[T] = D` as the checks it stands for: `evt.rawtime` within D milliseconds of
/// T on either side, bounds included (libsinsp compares T with the event's time ± D; only
/// `=` is allowed there too).
fn around(f: &Field, op: Op, rhs: &Rhs, pos: Pos) -> Result<Expr, CompileError> {
    let Some(t) = f.arg.as_deref().and_then(|a| a.trim().parse::<u64>().ok()) else {
        return err(
            f.pos,
            "evt.around needs a time in nanoseconds since the epoch: evt.around[T]=D",
        );
    };
    if !matches!(op, Op::Eq | Op::EqEq) {
        return err(pos, "evt.around supports only the '=' comparison operator");
    }
    let ms = match rhs {
        Rhs::Value { value, .. } => std::str::from_utf8(value)
            .ok()
            .and_then(|v| v.trim().parse::<u64>().ok()),
        _ => None,
    };
    let Some(ms) = ms else {
        return err(
            rhs.pos(),
            "evt.around compares with a number of milliseconds: evt.around[T]=D",
        );
    };
    let delta = ms.saturating_mul(1_000_000);
    let bound = |op: Op, v: u64| Expr::Compare {
        lhs: Operand::Field(Field {
            name: "evt.rawtime".to_string(),
            arg: None,
            pos: f.pos,
        }),
        op,
        modifier: None,
        rhs: Rhs::Value {
            value: v.to_string().into_bytes(),
            pos: rhs.pos(),
        },
        pos,
    };
    Ok(Expr::And {
        children: vec![
            bound(Op::Ge, t.saturating_sub(delta)),
            bound(Op::Le, t.saturating_add(delta)),
        ],
        pos,
    })
}

struct Compiler<'w> {
    warnings: &'w mut Vec<Warning>,
    /// A field of the condition remembers the events it is evaluated for.
    remembers: bool,
}

fn err<T>(pos: Pos, message: impl Into<String>) -> Result<T, CompileError> {
    Err(CompileError {
        message: message.into(),
        pos,
    })
}

/// The type `evt.rawarg.NAME` compares as: the type of the first parameter called NAME in
/// the event table (as libsinsp, which fixes it when the filter is compiled).
fn rawarg_type(name: &str) -> Option<ParamType> {
    EVENTS
        .iter()
        .flat_map(|e| e.params.iter())
        .find(|p| p.name == name)
        .map(|p| p.ty)
}

impl Compiler<'_> {
    fn node(&mut self, e: &Expr) -> Result<Node, CompileError> {
        Ok(match e {
            Expr::And { children, .. } => Node::And(
                children
                    .iter()
                    .map(|c| self.node(c))
                    .collect::<Result<_, _>>()?,
            ),
            Expr::Or { children, .. } => Node::Or(
                children
                    .iter()
                    .map(|c| self.node(c))
                    .collect::<Result<_, _>>()?,
            ),
            Expr::Not { child, .. } => Node::Not(Box::new(self.node(child)?)),
            Expr::Macro { name, pos } => {
                return err(
                    *pos,
                    format!("filter error: unexpected identifier '{name}'"),
                )
            }
            Expr::Exists { lhs, pos } => {
                let (lhs, info) = self.lhs(lhs, *pos, "unary")?;
                Node::Check(Box::new(Check {
                    lhs,
                    kind: kind_of(info.ty),
                    combine: Combine::Any,
                    matcher: Matcher::Exists,
                }))
            }
            Expr::Compare {
                lhs: Operand::Field(f),
                op,
                rhs,
                pos,
                ..
            } if f.name == "evt.around" => return self.node(&around(f, *op, rhs, *pos)?),
            Expr::Compare {
                lhs,
                op,
                modifier,
                rhs,
                pos,
            } => {
                let check = self.compare(lhs, *op, *modifier, rhs, *pos)?;
                let plain_type = matches!(&check.lhs,
                    Extractor::Field { field, .. } if field.def().name == "evt.type")
                    && !matches!(check.matcher, Matcher::Field(_));
                if plain_type {
                    Node::TypeCheck(Box::new(super::eval::TypeCheck::new(check)))
                } else {
                    Node::Check(Box::new(check))
                }
            }
        })
    }

    fn lhs(
        &mut self,
        o: &Operand,
        pos: Pos,
        what: &str,
    ) -> Result<(Extractor, Info), CompileError> {
        match o {
            Operand::Literal { .. } | Operand::List { .. } => err(
                pos,
                format!("filter error: missing field in left-hand of {what} check"),
            ),
            _ => self.operand(o),
        }
    }

    fn field(
        &mut self,
        name: &str,
        arg: Option<&str>,
        pos: Pos,
    ) -> Result<(Extractor, Info), CompileError> {
        let full = match arg {
            Some(a) => format!("{name}[{a}]"),
            None => name.to_string(),
        };
        let resolved = match arg {
            Some(a) => FieldRef::with_arg(name, Some(a)),
            None => FieldRef::parse(name),
        };
        let field = match resolved {
            Ok(f) => f,
            Err(FieldError::Unknown(_)) => {
                return err(
                    pos,
                    format!("filter_check called with nonexistent field {full}"),
                )
            }
            Err(e) => return err(pos, format!("filter error: {e}")),
        };
        let def_name = field.def().name;
        let mut ty = field.ty();
        if ty == ParamType::Dyn {
            let argname = field.arg().unwrap_or_default();
            ty = match (def_name, rawarg_type(argname)) {
                ("evt.rawarg", Some(t)) => t,
                ("evt.rawarg", None) => {
                    return err(pos, format!("unknown event argument {argname}"))
                }
                _ => {
                    return err(
                        pos,
                        format!("filter error: field '{def_name}' has no type to compare with"),
                    )
                }
            };
        }
        self.remembers |= field.remembers_events();
        let multi = field.is_list();
        let any_of = multi && ANY_OF_FIELDS.contains(&def_name);
        let custom = CUSTOM_COMPARE_FIELDS.contains(&def_name);
        let info = Info {
            ty,
            list: multi && !any_of,
            endpoint: any_of && ENDPOINT_FIELDS.contains(&def_name),
            name: def_name.to_string(),
            no_rhs: custom || NO_RHS_FIELDS.contains(&def_name),
            no_transformer: custom,
            evttype: def_name == "evt.type",
        };
        Ok((
            Extractor::Field {
                field,
                scratch: Vec::new(),
            },
            info,
        ))
    }

    /// A field or transformer (or, as a transformer argument, a constant or list).
    fn operand(&mut self, o: &Operand) -> Result<(Extractor, Info), CompileError> {
        match o {
            Operand::Field(f) => self.field(&f.name, f.arg.as_deref(), f.pos),
            Operand::Literal { value, .. } => {
                Ok((Extractor::Literal(value.clone()), Info::constant(false)))
            }
            Operand::List { items, .. } => {
                let items = items
                    .iter()
                    .map(|i| self.operand(i).map(|(e, _)| e))
                    .collect::<Result<_, _>>()?;
                Ok((
                    Extractor::List {
                        items,
                        values: Default::default(),
                    },
                    Info::constant(true),
                ))
            }
            Operand::Transform {
                func,
                args,
                arg,
                pos,
            } => self.transform(*func, args, arg.as_deref(), *pos),
        }
    }

    fn transform(
        &mut self,
        func: Transformer,
        args: &[Operand],
        arg: Option<&str>,
        pos: Pos,
    ) -> Result<(Extractor, Info), CompileError> {
        let name = func.as_str();
        let single = match func {
            Transformer::Val => None,
            Transformer::ToLower => Some(MapFn::ToLower),
            Transformer::ToUpper => Some(MapFn::ToUpper),
            Transformer::B64 => Some(MapFn::B64),
            Transformer::Basename => Some(MapFn::Basename),
            Transformer::Len => None,
            Transformer::Join | Transformer::Concat | Transformer::Getopt => {
                if args.len() < 2 {
                    if func == Transformer::Concat {
                        return err(pos, "concat() requires at least 2 arguments");
                    }
                    return err(pos, format!("unknown field transformer '{name}'"));
                }
                return self.multivalue(func, args, arg, pos);
            }
        };
        if args.len() != 1 {
            return err(pos, "unknown multivalue transformer");
        }
        if arg.is_some() {
            return err(
                pos,
                format!("filter error: transformer '{name}' does not support field arguments"),
            );
        }
        let (inner, mut info) = self.operand(&args[0])?;
        if func == Transformer::Val {
            // Only a marker: the field itself.
            return Ok((inner, info));
        }
        if info.no_transformer {
            return err(
                pos,
                format!("field '{}' does not support transformers", info.name),
            );
        }
        use ParamType::{Bytebuf, Charbuf, Fspath, Fsrelpath};
        let supported = match func {
            Transformer::ToLower | Transformer::ToUpper | Transformer::Basename => {
                matches!(info.ty, Charbuf | Fspath | Fsrelpath)
            }
            Transformer::B64 => matches!(info.ty, Charbuf | Bytebuf),
            _ => info.list || matches!(info.ty, Charbuf | Bytebuf | Fspath | Fsrelpath),
        };
        if !supported {
            return err(
                pos,
                format!(
                    "can't add field transformer: type '{}' is not supported by '{name}' \
                     transformer applied on {}field '{}'",
                    type_name(info.ty),
                    if info.list { "list " } else { "" },
                    info.name
                ),
            );
        }
        let inner = Box::new(inner);
        Ok(match single {
            Some(func) => (
                Extractor::Map {
                    func,
                    inner,
                    buf: Vec::new(),
                },
                info,
            ),
            None => {
                let list = info.list;
                info.ty = ParamType::Uint64;
                info.list = false;
                (Extractor::Len { inner, list }, info)
            }
        })
    }

    fn multivalue(
        &mut self,
        func: Transformer,
        args: &[Operand],
        arg: Option<&str>,
        pos: Pos,
    ) -> Result<(Extractor, Info), CompileError> {
        let mut compiled = Vec::with_capacity(args.len());
        for a in args {
            compiled.push(self.operand(a)?);
        }
        let result = |list| Info {
            name: "INTERNAL".to_string(),
            ..Info::constant(list)
        };
        match func {
            Transformer::Join => {
                if compiled.len() != 2 {
                    return err(
                        pos,
                        "join() requires exactly 2 arguments: separator and list",
                    );
                }
                if compiled[0].1.list {
                    return err(
                        pos,
                        "join() first argument (separator) must be a single value, not a list",
                    );
                }
                if !compiled[1].1.list {
                    return err(pos, "join() second argument must be a list");
                }
                if arg.is_some() {
                    return err(pos, "transformer 'join' does not support field arguments");
                }
                let mut it = compiled.into_iter().map(|c| Box::new(c.0));
                let sep = it.next().expect("two arguments");
                let list = it.next().expect("two arguments");
                Ok((
                    Extractor::Join {
                        sep,
                        list,
                        sep_buf: Vec::new(),
                        out: Vec::new(),
                    },
                    result(false),
                ))
            }
            Transformer::Concat => {
                if compiled
                    .iter()
                    .any(|(_, i)| i.ty != ParamType::Charbuf || i.list)
                {
                    return err(pos, "concat() arguments must be strings");
                }
                if arg.is_some() {
                    return err(pos, "transformer 'concat' does not support field arguments");
                }
                Ok((
                    Extractor::Concat {
                        args: compiled.into_iter().map(|c| c.0).collect(),
                        out: Vec::new(),
                    },
                    result(false),
                ))
            }
            _ => {
                if compiled.len() != 2 {
                    return err(
                        pos,
                        "getopt() requires exactly 2 arguments: args list and optstring",
                    );
                }
                if !compiled[0].1.list {
                    return err(pos, "getopt() first argument must be a list");
                }
                if compiled[1].1.list {
                    return err(
                        pos,
                        "getopt() second argument (optstring) must be a single value",
                    );
                }
                if compiled[0].1.ty != ParamType::Charbuf || compiled[1].1.ty != ParamType::Charbuf
                {
                    return err(pos, "getopt() arguments must be strings");
                }
                let selector = match arg {
                    None => None,
                    Some(a) if a.len() == 1 => Some(a.as_bytes()[0]),
                    Some(_) => {
                        return err(
                            pos,
                            "getopt() field argument must be a single option character",
                        )
                    }
                };
                let mut it = compiled.into_iter().map(|c| c.0);
                let args = it.next().expect("two arguments");
                let optstring = it.next().expect("two arguments");
                let constant = match &optstring {
                    Extractor::Literal(s) => Some(OptInfo::parse(s)),
                    _ => None,
                };
                Ok((
                    Extractor::Getopt(Box::new(Getopt {
                        args,
                        optstring,
                        constant,
                        last: None,
                        selector,
                        argv: Default::default(),
                        out: Default::default(),
                    })),
                    result(selector.is_none()),
                ))
            }
        }
    }

    fn compare(
        &mut self,
        lhs: &Operand,
        op: Op,
        modifier: Option<Modifier>,
        rhs: &Rhs,
        pos: Pos,
    ) -> Result<Check, CompileError> {
        let (lhs, info) = self.lhs(lhs, pos, "binary")?;
        if let Err(m) = check_comparable(Some(op), modifier.is_some(), info.ty, info.list) {
            return err(pos, format!("filter error: {m}"));
        }
        let kind = kind_of(info.ty);
        let mut scalar_op = CmpOp::of(op);
        let combine = if info.list {
            if op == Op::In {
                Combine::All
            } else {
                Combine::Any
            }
        } else if info.endpoint && op == Op::Ne && modifier.is_none() {
            scalar_op = Some(CmpOp::Eq);
            Combine::NoneEqual
        } else {
            Combine::Any
        };
        let matcher = match rhs {
            Rhs::Operand(o) => self.rhs_field(o, op, modifier, &info, kind, rhs.pos())?,
            Rhs::Value { value, pos } => self.constants(
                op,
                modifier,
                scalar_op,
                &info,
                &[value.as_slice()],
                *pos,
                false,
            )?,
            Rhs::List { values, pos } => {
                let v: Vec<&[u8]> = values.iter().map(Vec::as_slice).collect();
                self.constants(op, modifier, scalar_op, &info, &v, *pos, true)?
            }
            Rhs::ListRef { name, pos } => self.constants(
                op,
                modifier,
                scalar_op,
                &info,
                &[name.as_bytes()],
                *pos,
                true,
            )?,
        };
        Ok(Check {
            lhs,
            kind,
            combine,
            matcher,
        })
    }

    fn rhs_field(
        &mut self,
        o: &Operand,
        op: Op,
        modifier: Option<Modifier>,
        lhs: &Info,
        kind: Kind,
        pos: Pos,
    ) -> Result<Matcher, CompileError> {
        if modifier.is_some() {
            return err(pos, "filter error: modifiers need a list of values");
        }
        let (rhs, info) = match o {
            Operand::Transform {
                func: Transformer::Val,
                args,
                arg,
                pos: vpos,
            } => {
                if arg.is_some() {
                    return err(
                        *vpos,
                        "filter error: transformer 'val' does not support field arguments",
                    );
                }
                match args.as_slice() {
                    [Operand::Field(f)] => self.field(&f.name, f.arg.as_deref(), f.pos)?,
                    _ => return err(*vpos, "expected a field within 'val' transformer"),
                }
            }
            Operand::Literal { .. } | Operand::List { .. } => {
                return err(
                    pos,
                    "filter error: unexpected constant on the right-hand side",
                )
            }
            _ => self.operand(o)?,
        };
        if matches!(op, Op::PMatch | Op::Regex) {
            let name = if op == Op::PMatch { "PMATCH" } else { "REGEX" };
            return err(
                pos,
                format!("operator '{name}' doesn't support right-hand side fields"),
            );
        }
        if matches!(kind, Kind::Net(_)) {
            return err(
                pos,
                "field type 'IPNET' doesn't support right-hand side fields",
            );
        }
        if lhs.no_rhs {
            return err(
                pos,
                format!(
                    "field '{}' doesn't support right-hand side fields",
                    lhs.name
                ),
            );
        }
        if info.no_rhs {
            return err(
                pos,
                format!(
                    "field '{}' can't be used as a right-hand side field",
                    info.name
                ),
            );
        }
        if lhs.ty != info.ty || lhs.list != info.list {
            return err(
                pos,
                format!(
                    "field '{}' has type '{}' while the right-hand side field '{}' has \
                     incompatible type '{}'",
                    lhs.name,
                    lhs.type_desc(),
                    info.name,
                    info.type_desc()
                ),
            );
        }
        let rop = match CmpOp::of(op) {
            _ if matches!(op, Op::In | Op::Intersects) => RhsOp::In,
            Some(c) => RhsOp::Scalar(c),
            None => RhsOp::In,
        };
        Ok(Matcher::Field(Box::new(RhsField {
            rhs,
            op: rop,
            values: Vec::new(),
            len: 0,
        })))
    }

    #[allow(clippy::too_many_arguments)]
    fn constants(
        &mut self,
        op: Op,
        modifier: Option<Modifier>,
        scalar_op: Option<CmpOp>,
        lhs: &Info,
        values: &[&[u8]],
        pos: Pos,
        is_list: bool,
    ) -> Result<Matcher, CompileError> {
        for v in values {
            self.value_warnings(op, v, pos);
        }
        let ty = lhs.ty;
        let read = |v: &[u8]| -> Result<Lit, CompileError> {
            if matches!(op, Op::BContains | Op::BStartsWith) {
                let Some(bytes) = unhex(v) else {
                    return err(
                        pos,
                        "filter error: bcontains and bstartswith operator support hex strings only",
                    );
                };
                return parse_literal(ParamType::Bytebuf, &bytes).or_else(|m| err(pos, m));
            }
            let lit = parse_literal(ty, v).or_else(|m| err(pos, m))?;
            if lhs.evttype && !is_event_name(v) {
                return err(
                    pos,
                    format!("unknown event type {}", String::from_utf8_lossy(v)),
                );
            }
            Ok(lit)
        };
        let regex = |v: &[u8]| -> Result<Regex, CompileError> {
            read(v)?;
            let pattern = String::from_utf8_lossy(v);
            // Full match, as libsinsp's RE2 with ANCHOR_BOTH. The pattern is read with the
            // `regex` crate's syntax where libsinsp uses RE2 in POSIX mode. Both share the
            // POSIX core (`.`, `[...]` with `[:alpha:]` classes, `*+?{m,n}`, `|`, groups),
            // on UTF-8 text. Differences: RE2 POSIX rejects the Perl classes `\d \w \s`,
            // `\b`, lazy repetition `*?` and inline flags `(?i)`, which are accepted (and
            // Unicode-aware) here; RE2 reads a `{` that starts no repetition (`a{`, `{x}`) as
            // a literal, which is an error here; `\C` (any byte) exists only in RE2.
            RegexBuilder::new(&format!(r"\A(?:{pattern})\z"))
                .build()
                .or_else(|e| err(pos, format!("invalid regex pattern: {e}")))
        };
        if let Some(modifier) = modifier {
            if !is_list {
                return err(pos, "filter error: modifiers need a list of values");
            }
            let base = if matches!(kind_of(ty), Kind::Net(_) | Kind::Addr(_))
                && !matches!(op, Op::Eq | Op::EqEq | Op::Ne | Op::Regex)
            {
                Some(CmpOp::Eq)
            } else {
                scalar_op
            };
            let mut m = Modified {
                modifier,
                op: base,
                items: Vec::new(),
                regexes: Vec::new(),
                keys: None,
                utf8: Vec::new(),
            };
            if op == Op::Regex {
                for v in values {
                    m.regexes.push(regex(v)?);
                }
            } else {
                for v in values {
                    m.items
                        .push(Scalar::new(base.unwrap_or(CmpOp::Eq), read(v)?));
                }
                if matches!(base, Some(CmpOp::Eq | CmpOp::Ne)) {
                    let keys: Option<KeySet> = m
                        .items
                        .iter()
                        .map(|s| lit_key(&s.lit).map(Vec::into_boxed_slice))
                        .collect();
                    m.keys = keys;
                }
            }
            return Ok(Matcher::Modified(Box::new(m)));
        }
        match op {
            Op::In | Op::Intersects => {
                let mut keys = KeySet::default();
                let mut nets = Vec::new();
                for v in values {
                    let lit = read(v)?;
                    match lit_key(&lit) {
                        Some(k) => {
                            keys.insert(k.into_boxed_slice());
                        }
                        None => nets.push(lit),
                    }
                }
                Ok(Matcher::Set { keys, nets })
            }
            Op::PMatch => {
                let mut set = PathSet::default();
                for v in values {
                    read(v)?;
                    set.insert(v);
                }
                Ok(Matcher::Paths(set))
            }
            _ => {
                let [v] = values else {
                    return err(
                        pos,
                        format!("filter error: operator '{}' needs one value", op.as_str()),
                    );
                };
                if op == Op::Regex {
                    return Ok(Matcher::Regex(regex(v)?, Vec::new()));
                }
                let op = scalar_op.unwrap_or(CmpOp::Eq);
                Ok(Matcher::Scalar(Box::new(Scalar::new(op, read(v)?))))
            }
        }
    }

    /// Warnings about a constant: a regex that a plain operator could do, a field name or a
    /// transformer written as a constant.
    fn value_warnings(&mut self, op: Op, v: &[u8], pos: Pos) {
        let text = String::from_utf8_lossy(v);
        if op == Op::Regex && regex_is_plain(v) {
            self.warnings.push(Warning {
                message: format!(
                    "regex check with '{text}' may be optimized with simpler operators such \
                     as '=', 'contains', 'startswith', 'endswith'"
                ),
                pos,
            });
        }
        let nospaces: String = text
            .chars()
            .filter(|c| !c.is_ascii_whitespace() && *c != '\x0b')
            .collect();
        if !nospaces.is_empty() && FieldRef::parse(&nospaces).is_ok() {
            self.warnings.push(Warning {
                message: format!("'{text}' may be a valid field misused as a const string value"),
                pos,
            });
        }
        for t in Transformer::ALL {
            let name = t.as_str();
            if nospaces.len() >= name.len() + 2
                && nospaces.starts_with(name)
                && nospaces.as_bytes()[name.len()] == b'('
                && nospaces.ends_with(')')
            {
                self.warnings.push(Warning {
                    message: format!(
                        "'{text}' may be a valid field transformer misused as a const string value"
                    ),
                    pos,
                });
            }
        }
    }
}

/// True if `name` names an event type or a syscall (what `evt.type` constants must be).
fn is_event_name(name: &[u8]) -> bool {
    EVENTS.iter().any(|e| e.name.as_bytes() == name)
        || falco_schema::syscalls::PPM_SC_NAMES
            .iter()
            .any(|n| !n.is_empty() && n.as_bytes() == name)
}

/// True when a regular expression has no special character except anchors at its ends and
/// `.*`/`.+`/`.?` at its start or end: `=`, `contains`, `startswith` or `endswith` would do.
fn regex_is_plain(v: &[u8]) -> bool {
    let len = v.len();
    let mut i = 0;
    while i < len {
        let c = v[i];
        if (i == 0 && c == b'^') || (i + 1 == len && c == b'$') {
            i += 1;
            continue;
        }
        if ((i == 0 && len > 1) || i + 2 == len)
            && c == b'.'
            && matches!(v.get(i + 1), Some(b'+' | b'*' | b'?'))
        {
            i += 2;
            continue;
        }
        if b".+*?^$()[]{}|\\".contains(&c) {
            return false;
        }
        i += 1;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::regex_is_plain;

    #[test]
    fn plain_regexes() {
        for p in [
            "syscall",
            "^syscall$",
            "^syscall",
            "syscall$",
            ".*syscall",
            "syscall.*",
            ".*syscall.*",
            ".+syscall",
            "syscall.+",
            ".+syscall.+",
            ".?syscall",
            "syscall.?",
            ".?syscall.?",
        ] {
            assert!(regex_is_plain(p.as_bytes()), "{p}");
        }
        for p in ["syscall.{1}", "syscall\\.*", "s.*l", "syscal[l]?"] {
            assert!(!regex_is_plain(p.as_bytes()), "{p}");
        }
    }
}
