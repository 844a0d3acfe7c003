//! The syntax tree of a condition, as the parser builds it and the rule engine rewrites it.
//!
//! A condition is an [`Expr`]: `and`/`or` nodes with any number of children, `not`, macro
//! references (bare identifiers, which the rule engine replaces with the macro's tree), and
//! checks: `field exists` or `field OP value`. The left side of a check is an [`Operand`] (a
//! field or a transformer applied to fields), the right side an [`Rhs`] (a value, a list, a
//! list name, or a field through `val()` or a transformer).
//!
//! Every node records where it starts in the text ([`Pos`]); positions never take part in
//! equality, so two trees are equal when they say the same thing however they were written.
//!
//! [`Expr`]'s `Display` writes the condition back as text the way Falco prints compiled
//! conditions: single spaces around operators, `and`/`or` groups in parentheses, lists as
//! `(a, b)`, values quoted with double quotes when they need it. The text parses back to an
//! equal tree.

use std::fmt;

use super::escape;

/// A position in the condition text: byte index (from 0), line and column (from 1; a column
/// counts bytes, and `\r` or `\n` starts a new line).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Pos {
    /// Byte index.
    pub idx: usize,
    /// Line, from 1.
    pub line: u32,
    /// Column, from 1.
    pub col: u32,
}

impl Default for Pos {
    fn default() -> Pos {
        Pos {
            idx: 0,
            line: 1,
            col: 1,
        }
    }
}

impl Pos {
    /// The position after `byte`.
    pub(crate) fn advance(&mut self, byte: u8) {
        self.idx += 1;
        self.col += 1;
        if byte == b'\r' || byte == b'\n' {
            self.col = 1;
            self.line += 1;
        }
    }
}

impl fmt::Display for Pos {
    /// `line:column`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.col)
    }
}

/// A binary comparison operator, spelled as written (`=` and `==` are the same operator).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub enum Op {
    /// `=`
    Eq,
    /// `==`
    EqEq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Contains,
    IContains,
    BContains,
    StartsWith,
    BStartsWith,
    EndsWith,
    Glob,
    IGlob,
    Regex,
    In,
    Intersects,
    PMatch,
}

impl Op {
    /// The operator as written in a condition.
    pub fn as_str(self) -> &'static str {
        match self {
            Op::Eq => "=",
            Op::EqEq => "==",
            Op::Ne => "!=",
            Op::Lt => "<",
            Op::Le => "<=",
            Op::Gt => ">",
            Op::Ge => ">=",
            Op::Contains => "contains",
            Op::IContains => "icontains",
            Op::BContains => "bcontains",
            Op::StartsWith => "startswith",
            Op::BStartsWith => "bstartswith",
            Op::EndsWith => "endswith",
            Op::Glob => "glob",
            Op::IGlob => "iglob",
            Op::Regex => "regex",
            Op::In => "in",
            Op::Intersects => "intersects",
            Op::PMatch => "pmatch",
        }
    }

    /// The name error messages use: `=` for both spellings of equality.
    pub fn canonical_str(self) -> &'static str {
        match self {
            Op::EqEq => "=",
            op => op.as_str(),
        }
    }

    /// True for `in`, `intersects` and `pmatch`, whose right side is a list.
    pub fn is_list_op(self) -> bool {
        matches!(self, Op::In | Op::Intersects | Op::PMatch)
    }

    /// True for `=` and `==`.
    pub fn is_eq(self) -> bool {
        matches!(self, Op::Eq | Op::EqEq)
    }
}

impl fmt::Display for Op {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a string operator applies to a list of values: `proc.name = oneof (a, b)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Modifier {
    /// Exactly one value matches.
    OneOf,
    /// At least one value matches.
    AnyOf,
    /// Every value matches.
    AllOf,
}

impl Modifier {
    /// The modifier as written.
    pub fn as_str(self) -> &'static str {
        match self {
            Modifier::OneOf => "oneof",
            Modifier::AnyOf => "anyof",
            Modifier::AllOf => "allof",
        }
    }
}

/// A field transformer: `tolower(proc.name)`, or `val(field)` marking a field on the right
/// side of a check.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub enum Transformer {
    /// `val(field)`: the field's value, for field-to-field comparisons (right side only).
    Val,
    ToLower,
    ToUpper,
    /// Base64 decoding.
    B64,
    Basename,
    Len,
    Join,
    Concat,
    Getopt,
}

impl Transformer {
    /// Every transformer, in the order Falco lists them (`val` first).
    pub const ALL: [Transformer; 9] = [
        Transformer::Val,
        Transformer::ToLower,
        Transformer::ToUpper,
        Transformer::B64,
        Transformer::Basename,
        Transformer::Len,
        Transformer::Join,
        Transformer::Concat,
        Transformer::Getopt,
    ];

    /// The name as written before `(`.
    pub fn as_str(self) -> &'static str {
        match self {
            Transformer::Val => "val",
            Transformer::ToLower => "tolower",
            Transformer::ToUpper => "toupper",
            Transformer::B64 => "b64",
            Transformer::Basename => "basename",
            Transformer::Len => "len",
            Transformer::Join => "join",
            Transformer::Concat => "concat",
            Transformer::Getopt => "getopt",
        }
    }

    /// The transformer called `name`.
    pub fn from_name(name: &str) -> Option<Transformer> {
        Transformer::ALL.into_iter().find(|t| t.as_str() == name)
    }
}

/// A field reference as written: `proc.name`, `proc.aname[2]`, `evt.rawarg.fd`.
#[derive(Clone, Debug)]
pub struct Field {
    /// The name, dots included (`evt.rawarg.fd` keeps its dotted argument in the name).
    pub name: String,
    /// The bracketed argument, unquoted.
    pub arg: Option<String>,
    /// Where the name starts.
    pub pos: Pos,
}

impl PartialEq for Field {
    fn eq(&self, o: &Field) -> bool {
        self.name == o.name && self.arg == o.arg
    }
}

/// Something that yields values: the left side of a check, a `val()`/transformer right side,
/// or an argument of a transformer.
#[derive(Clone, Debug)]
pub enum Operand {
    /// A field.
    Field(Field),
    /// A transformer applied to its arguments, with an optional `[arg]` after it.
    Transform {
        /// Which transformer.
        func: Transformer,
        /// Its arguments.
        args: Vec<Operand>,
        /// The bracketed argument after the closing parenthesis (`getopt(...)[t]`).
        arg: Option<String>,
        /// Where the transformer's name starts.
        pos: Pos,
    },
    /// A constant argument of a transformer: a quoted string or a number.
    Literal {
        /// The value, unescaped.
        value: Vec<u8>,
        /// Where it starts.
        pos: Pos,
    },
    /// A parenthesised list argument of a transformer: `join(",", (a.b, "x"))`.
    List {
        /// The items: fields, transformers or literals.
        items: Vec<Operand>,
        /// Where it starts.
        pos: Pos,
    },
}

impl PartialEq for Operand {
    fn eq(&self, o: &Operand) -> bool {
        match (self, o) {
            (Operand::Field(a), Operand::Field(b)) => a == b,
            (
                Operand::Transform {
                    func: f1,
                    args: a1,
                    arg: x1,
                    ..
                },
                Operand::Transform {
                    func: f2,
                    args: a2,
                    arg: x2,
                    ..
                },
            ) => f1 == f2 && a1 == a2 && x1 == x2,
            (Operand::Literal { value: a, .. }, Operand::Literal { value: b, .. }) => a == b,
            (Operand::List { items: a, .. }, Operand::List { items: b, .. }) => a == b,
            _ => false,
        }
    }
}

impl Operand {
    /// Where the operand starts.
    pub fn pos(&self) -> Pos {
        match self {
            Operand::Field(f) => f.pos,
            Operand::Transform { pos, .. }
            | Operand::Literal { pos, .. }
            | Operand::List { pos, .. } => *pos,
        }
    }
}

/// The right side of a binary check.
#[derive(Clone, Debug)]
pub enum Rhs {
    /// One constant: a bare word, a quoted string (unescaped) or a number, as text.
    Value {
        /// The value.
        value: Vec<u8>,
        /// Where it starts.
        pos: Pos,
    },
    /// A parenthesised list of constants: `(a, "b c")`.
    List {
        /// The values.
        values: Vec<Vec<u8>>,
        /// Where the `(` is.
        pos: Pos,
    },
    /// A bare identifier after a list operator or modifier: the name of a rules-file list,
    /// which the rule engine replaces with its items. When left in place it compiles as a
    /// single value equal to the name.
    ListRef {
        /// The name.
        name: String,
        /// Where it starts.
        pos: Pos,
    },
    /// A field through `val()` or a transformer.
    Operand(Operand),
}

impl PartialEq for Rhs {
    fn eq(&self, o: &Rhs) -> bool {
        match (self, o) {
            (Rhs::Value { value: a, .. }, Rhs::Value { value: b, .. }) => a == b,
            (Rhs::List { values: a, .. }, Rhs::List { values: b, .. }) => a == b,
            (Rhs::ListRef { name: a, .. }, Rhs::ListRef { name: b, .. }) => a == b,
            (Rhs::Operand(a), Rhs::Operand(b)) => a == b,
            _ => false,
        }
    }
}

impl Rhs {
    /// Where the right side starts.
    pub fn pos(&self) -> Pos {
        match self {
            Rhs::Value { pos, .. } | Rhs::List { pos, .. } | Rhs::ListRef { pos, .. } => *pos,
            Rhs::Operand(o) => o.pos(),
        }
    }
}

/// A condition.
#[derive(Clone, Debug)]
pub enum Expr {
    /// All children hold (evaluated left to right, stopping at the first that doesn't).
    And {
        /// Two or more children when parsed.
        children: Vec<Expr>,
        /// Where the group starts.
        pos: Pos,
    },
    /// Some child holds (evaluated left to right, stopping at the first that does).
    Or {
        /// Two or more children when parsed.
        children: Vec<Expr>,
        /// Where the group starts.
        pos: Pos,
    },
    /// The child does not hold.
    Not {
        /// The negated condition.
        child: Box<Expr>,
        /// Where the first `not` is.
        pos: Pos,
    },
    /// A bare identifier: a macro name, replaced by the rule engine with the macro's tree.
    Macro {
        /// The name.
        name: String,
        /// Where it is.
        pos: Pos,
    },
    /// `operand exists`: the operand has a value.
    Exists {
        /// The field or transformer.
        lhs: Operand,
        /// Where the check starts.
        pos: Pos,
    },
    /// `operand OP [modifier] rhs`.
    Compare {
        /// The field or transformer.
        lhs: Operand,
        /// The operator.
        op: Op,
        /// `oneof`/`anyof`/`allof`, with string operators and a list.
        modifier: Option<Modifier>,
        /// The right side.
        rhs: Rhs,
        /// Where the check starts.
        pos: Pos,
    },
}

impl PartialEq for Expr {
    fn eq(&self, o: &Expr) -> bool {
        match (self, o) {
            (Expr::And { children: a, .. }, Expr::And { children: b, .. }) => a == b,
            (Expr::Or { children: a, .. }, Expr::Or { children: b, .. }) => a == b,
            (Expr::Not { child: a, .. }, Expr::Not { child: b, .. }) => a == b,
            (Expr::Macro { name: a, .. }, Expr::Macro { name: b, .. }) => a == b,
            (Expr::Exists { lhs: a, .. }, Expr::Exists { lhs: b, .. }) => a == b,
            (
                Expr::Compare {
                    lhs: l1,
                    op: o1,
                    modifier: m1,
                    rhs: r1,
                    ..
                },
                Expr::Compare {
                    lhs: l2,
                    op: o2,
                    modifier: m2,
                    rhs: r2,
                    ..
                },
            ) => l1 == l2 && o1 == o2 && m1 == m2 && r1 == r2,
            _ => false,
        }
    }
}

impl Expr {
    /// Where the node starts.
    pub fn pos(&self) -> Pos {
        match self {
            Expr::And { pos, .. }
            | Expr::Or { pos, .. }
            | Expr::Not { pos, .. }
            | Expr::Macro { pos, .. }
            | Expr::Exists { pos, .. }
            | Expr::Compare { pos, .. } => *pos,
        }
    }

    /// Calls `f` on every node, parents before children, left to right.
    pub fn walk<'e>(&'e self, f: &mut dyn FnMut(&'e Expr)) {
        f(self);
        match self {
            Expr::And { children, .. } | Expr::Or { children, .. } => {
                for c in children {
                    c.walk(f);
                }
            }
            Expr::Not { child, .. } => child.walk(f),
            Expr::Macro { .. } | Expr::Exists { .. } | Expr::Compare { .. } => {}
        }
    }

    /// Calls `f` on every node, children before parents, left to right; `f` may rewrite the
    /// node in place.
    pub fn walk_mut(&mut self, f: &mut dyn FnMut(&mut Expr)) {
        match self {
            Expr::And { children, .. } | Expr::Or { children, .. } => {
                for c in children {
                    c.walk_mut(f);
                }
            }
            Expr::Not { child, .. } => child.walk_mut(f),
            Expr::Macro { .. } | Expr::Exists { .. } | Expr::Compare { .. } => {}
        }
        f(self);
    }

    /// The macro names the condition refers to, in order of appearance (repeats included).
    pub fn macro_refs(&self) -> Vec<&str> {
        let mut out = Vec::new();
        self.walk(&mut |e| {
            if let Expr::Macro { name, .. } = e {
                out.push(name.as_str());
            }
        });
        out
    }

    /// Replaces macro references: `resolve(name, pos)` gives the tree to put in place of a
    /// reference (`Ok(None)` leaves it), or an error (Falco's "Undefined macro 'x' used in
    /// filter."), which stops the substitution. Substituted trees are not searched again.
    pub fn resolve_macros<E, F>(&mut self, resolve: &mut F) -> Result<(), E>
    where
        F: FnMut(&str, Pos) -> Result<Option<Expr>, E>,
    {
        match self {
            Expr::Macro { name, pos } => {
                if let Some(e) = resolve(name, *pos)? {
                    *self = e;
                }
                Ok(())
            }
            Expr::And { children, .. } | Expr::Or { children, .. } => {
                for c in children {
                    c.resolve_macros(resolve)?;
                }
                Ok(())
            }
            Expr::Not { child, .. } => child.resolve_macros(resolve),
            Expr::Exists { .. } | Expr::Compare { .. } => Ok(()),
        }
    }

    /// Replaces list names after list operators and modifiers (`proc.name in shell_binaries`)
    /// with the items `resolve(name)` gives; names it returns `None` for stay (and compile as
    /// one value equal to the name, as Falco does for names that are not lists).
    pub fn resolve_lists(&mut self, resolve: &mut dyn FnMut(&str) -> Option<Vec<Vec<u8>>>) {
        self.walk_mut(&mut |e| {
            if let Expr::Compare {
                rhs: rhs @ Rhs::ListRef { .. },
                ..
            } = e
            {
                let Rhs::ListRef { name, pos } = &*rhs else {
                    unreachable!()
                };
                if let Some(values) = resolve(name) {
                    *rhs = Rhs::List { values, pos: *pos };
                }
            }
        });
    }
}

impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = String::new();
        write_expr(self, &mut s);
        f.write_str(&s)
    }
}

impl fmt::Display for Operand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = String::new();
        write_operand(self, &mut s);
        f.write_str(&s)
    }
}

fn write_group(op: &str, children: &[Expr], out: &mut String) {
    out.push('(');
    for (i, c) in children.iter().enumerate() {
        if i > 0 {
            out.push(' ');
            out.push_str(op);
            out.push(' ');
        }
        write_expr(c, out);
    }
    out.push(')');
}

fn write_expr(e: &Expr, out: &mut String) {
    match e {
        Expr::And { children, .. } => write_group("and", children, out),
        Expr::Or { children, .. } => write_group("or", children, out),
        Expr::Not { child, .. } => {
            out.push_str("not ");
            // `not not x` reads back as `x`: keep a negated negation in parentheses.
            if matches!(**child, Expr::Not { .. }) {
                out.push('(');
                write_expr(child, out);
                out.push(')');
            } else {
                write_expr(child, out);
            }
        }
        Expr::Macro { name, .. } => {
            // A macro called `not` followed by a blank would read back as a negation.
            if name == "not" {
                out.push_str("(not)");
            } else {
                out.push_str(name);
            }
        }
        Expr::Exists { lhs, .. } => {
            write_operand(lhs, out);
            out.push_str(" exists");
        }
        Expr::Compare {
            lhs,
            op,
            modifier,
            rhs,
            ..
        } => {
            write_operand(lhs, out);
            out.push(' ');
            out.push_str(op.as_str());
            if let Some(m) = modifier {
                out.push(' ');
                out.push_str(m.as_str());
            }
            out.push(' ');
            match rhs {
                Rhs::Value { value, .. } => escape::write_value(value, out),
                Rhs::List { values, .. } => {
                    out.push('(');
                    for (i, v) in values.iter().enumerate() {
                        if i > 0 {
                            out.push_str(", ");
                        }
                        escape::write_value(v, out);
                    }
                    out.push(')');
                }
                Rhs::ListRef { name, .. } => out.push_str(name),
                Rhs::Operand(o) => write_operand(o, out),
            }
        }
    }
}

fn write_arg(arg: &Option<String>, out: &mut String) {
    if let Some(a) = arg {
        out.push('[');
        escape::write_field_arg(a.as_bytes(), out);
        out.push(']');
    }
}

fn write_operand(o: &Operand, out: &mut String) {
    match o {
        Operand::Field(fl) => {
            out.push_str(&fl.name);
            write_arg(&fl.arg, out);
        }
        Operand::Transform {
            func, args, arg, ..
        } => {
            out.push_str(func.as_str());
            out.push('(');
            for (i, a) in args.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_operand(a, out);
            }
            out.push(')');
            write_arg(arg, out);
        }
        Operand::Literal { value, .. } => escape::write_transformer_literal(value, out),
        Operand::List { items, .. } => {
            out.push('(');
            for (i, a) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_operand(a, out);
            }
            out.push(')');
        }
    }
}
