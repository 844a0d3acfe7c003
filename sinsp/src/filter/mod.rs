//! Falco's condition language: `evt.type = open and not proc.name in (bash, sh)`.
//!
//! * [`parse`] turns text into an [`Expr`] (the syntax tree, public so that the rule engine
//!   can replace macro references, walk the tree, and print it back: see [`ast`]). Errors
//!   ([`ParseError`]) say what was expected and where.
//! * [`Filter::compile`] turns a tree into a [`Filter`]: field names resolved, operators
//!   checked against the field types, constants read for their field's type ([`CompileError`]
//!   otherwise); [`Filter::compile_with_warnings`] also reports suspicious constants.
//! * [`Filter::eval`] tells whether an event matches, without allocating.
//! * [`event_types`] gives the event types a condition can match, for indexing rules.
//!
//! ```
//! use falco_scap::EventBuilder;
//! use falco_schema::code;
//! use falco_sinsp::{fields::Ctx, filter::{self, Filter}, state::State};
//!
//! let ast = filter::parse("evt.type in (close, read) and evt.rawarg.fd > 2").unwrap();
//! let mut f = Filter::compile(&ast).unwrap();
//!
//! let mut b = EventBuilder::new();
//! b.begin(1_000, 7, code::PPME_SYSCALL_CLOSE_X);
//! b.param(&0i64.to_le_bytes());
//! b.param(&3i64.to_le_bytes());
//! let ev = b.event();
//! let state = State::new();
//! assert!(f.eval(&Ctx { ev: &ev, state: &state }));
//! assert_eq!(ast.to_string(), "(evt.type in (close, read) and evt.rawarg.fd > 2)");
//! ```
//!
//! # Semantics
//!
//! Those of current libsinsp (which Falco uses):
//!
//! * `and`/`or` evaluate left to right and stop when the result is known; `not` binds
//!   tighter than `and`, `and` tighter than `or`.
//! * A check whose field has no value for the event is false, for every operator: `!=` and
//!   `exists` included (`not` of it is true).
//! * Integers compare at the field's width and signedness (`evt.cpu > -500`: INT16);
//!   strings as C strings; `glob`/`iglob` as `fnmatch` without `FNM_PATHNAME`; `regex` must
//!   match the whole value; `icontains` ignores ASCII case; `bcontains`/`bstartswith` take
//!   hex bytes; `pmatch` matches whole path components; `in`/`intersects` look values up in a
//!   set. Addresses compare by family (`fd.sip = ::1` is false for an IPv4 socket, `!=`
//!   true); networks by prefix.
//! * Fields with several values: list fields (`fd.types`) take only `in` (every value in
//!   the set), `intersects` (some value) and `exists`; fields that match any of several
//!   values (`proc.aname`, `fd.ip` for either endpoint) hold when some value matches, except
//!   `!=` on the endpoint fields, which holds when no endpoint is equal.
//! * Field-to-field comparisons go through `val()` (`proc.name = val(proc.pname)`): a bare
//!   field name on the right is a string constant. Both sides need the same type.
//!
//! Where this differs from libsinsp it says so in the module concerned (`compare`,
//! `pmatch`, `compile`).

pub mod ast;
mod compare;
mod compile;
mod escape;
mod eval;
mod evttypes;
pub(crate) mod glob;
mod parser;
mod pmatch;
mod transform;

#[cfg(test)]
mod tests;

pub use ast::{Expr, Field, Modifier, Op, Operand, Pos, Rhs, Transformer};
pub use compile::{CompileError, Warning};
pub use evttypes::{event_types, EventTypeSet};
pub use parser::{parse, parse_with_max_depth, ParseError, DEFAULT_MAX_DEPTH};

use crate::fields::Ctx;

/// A compiled condition, evaluated against events.
///
/// Each check owns the buffers its values are built in, so evaluation needs `&mut self` and
/// allocates nothing once warmed up. Clone a filter to evaluate it on several threads.
#[derive(Clone, Debug)]
pub struct Filter {
    root: eval::Node,
    /// The event types the condition can match ([`event_types`]): the others are rejected
    /// without evaluating it.
    types: EventTypeSet,
}

impl Filter {
    /// Compiles a condition (macro references must have been replaced).
    pub fn compile(ast: &Expr) -> Result<Filter, CompileError> {
        compile::compile(ast, &mut Vec::new())
    }

    /// Compiles a condition, appending warnings about suspicious constants to `warnings`:
    /// a `regex` that a simpler operator could do, a field name or a transformer written as
    /// a constant (`proc.name = proc.pname` compares with the text "proc.pname").
    pub fn compile_with_warnings(
        ast: &Expr,
        warnings: &mut Vec<Warning>,
    ) -> Result<Filter, CompileError> {
        compile::compile(ast, warnings)
    }

    /// True if the event matches.
    #[inline]
    pub fn eval(&mut self, ctx: &Ctx<'_>) -> bool {
        self.types.contains(ctx.ev.ty()) && self.root.eval(ctx)
    }

    /// The event types the condition can match (a superset: every other type fails it).
    pub fn event_types(&self) -> &EventTypeSet {
        &self.types
    }
}

#[cfg(test)]
mod api {
    use super::Filter;

    fn assert_clone_send<T: Clone + Send>() {}

    #[test]
    fn filter_is_clone_and_send() {
        assert_clone_send::<Filter>();
    }
}
