//! The event types a condition can match, for indexing rules by event type.
//!
//! Computed from the tree: `and` intersects its children's sets, `or` unites them, and
//! `not` is pushed down to the checks (De Morgan: `not (a and b)` is `not a or not b`).
//! Checks on `evt.type`/`syscall.type` (no argument) with `=`, `==`, `!=` or `in` give
//! explicit sets: every code whose event has one of the names (enter and exit, every
//! version), plus the generic syscall events for names of syscalls without events of their
//! own; `!=` and `not` take the complement. `evt.type exists` matches every type (none under
//! `not`). Two statically known checks on `evt.num` (which starts at 1): `evt.num = 0` and
//! the like match nothing, `evt.num > 0` and the like everything. Every other check
//! (including a macro reference left in place) is neutral: all types, negated or not.

use falco_schema::{code, syscalls, EVENTS, EVENT_MAX};

use super::ast::{Expr, Op, Operand, Rhs};
use super::compare::scan_unsigned;
use super::compile::CompileError;

const WORDS: usize = EVENT_MAX.div_ceil(64);

/// A set of event codes (`PPME_*`, `0..EVENT_MAX`).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct EventTypeSet([u64; WORDS]);

impl std::fmt::Debug for EventTypeSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

impl EventTypeSet {
    /// No event types.
    pub const fn empty() -> EventTypeSet {
        EventTypeSet([0; WORDS])
    }

    /// Every event type.
    pub fn all() -> EventTypeSet {
        let mut s = EventTypeSet([u64::MAX; WORDS]);
        let extra = WORDS * 64 - EVENT_MAX;
        if extra > 0 {
            s.0[WORDS - 1] >>= extra;
        }
        s
    }

    /// Adds `code`; codes beyond [`EVENT_MAX`] are ignored.
    pub fn insert(&mut self, code: u16) {
        if (code as usize) < EVENT_MAX {
            self.0[code as usize / 64] |= 1 << (code % 64);
        }
    }

    /// Removes `code`.
    pub fn remove(&mut self, code: u16) {
        if (code as usize) < EVENT_MAX {
            self.0[code as usize / 64] &= !(1 << (code % 64));
        }
    }

    /// True if `code` is in the set.
    pub fn contains(&self, code: u16) -> bool {
        (code as usize) < EVENT_MAX && self.0[code as usize / 64] & (1 << (code % 64)) != 0
    }

    /// The number of codes.
    pub fn len(&self) -> usize {
        self.0.iter().map(|w| w.count_ones() as usize).sum()
    }

    /// True if the set has no code.
    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|&w| w == 0)
    }

    /// The codes in both sets.
    pub fn intersection(&self, o: &EventTypeSet) -> EventTypeSet {
        let mut r = *self;
        for (a, b) in r.0.iter_mut().zip(o.0) {
            *a &= b;
        }
        r
    }

    /// The codes in either set.
    pub fn union(&self, o: &EventTypeSet) -> EventTypeSet {
        let mut r = *self;
        for (a, b) in r.0.iter_mut().zip(o.0) {
            *a |= b;
        }
        r
    }

    /// The codes not in the set.
    pub fn complement(&self) -> EventTypeSet {
        let all = EventTypeSet::all();
        let mut r = *self;
        for (a, b) in r.0.iter_mut().zip(all.0) {
            *a = !*a & b;
        }
        r
    }

    /// The codes, in increasing order.
    pub fn iter(&self) -> impl Iterator<Item = u16> + '_ {
        (0..EVENT_MAX as u16).filter(|&c| self.contains(c))
    }

    /// The codes of the events called by any of `names`: every code (enter, exit, old
    /// versions) whose event has the name; and the generic syscall events
    /// (`PPME_GENERIC_E/X`) when some name matches no event but names a syscall.
    pub fn from_names<'n>(names: impl IntoIterator<Item = &'n [u8]>) -> EventTypeSet {
        let mut s = EventTypeSet::empty();
        let mut generic = false;
        for name in names {
            let mut found = false;
            for e in &EVENTS[2..] {
                if e.name.as_bytes() == name {
                    s.insert(e.code);
                    found = true;
                }
            }
            if !found
                && syscalls::PPM_SC_NAMES
                    .iter()
                    .any(|n| !n.is_empty() && n.as_bytes() == name)
            {
                generic = true;
            }
        }
        if generic {
            s.insert(code::PPME_GENERIC_E);
            s.insert(code::PPME_GENERIC_X);
        }
        s
    }
}

/// The event types `e` can match (see the module documentation). Errors: a right-hand
/// field compared with `evt.type`, and `evt.type` under a transformer.
pub fn event_types(e: &Expr) -> Result<EventTypeSet, CompileError> {
    visit(e, false)
}

fn is_evttype_field(o: &Operand) -> bool {
    matches!(o, Operand::Field(f) if (f.name == "evt.type" || f.name == "syscall.type") && f.arg.is_none())
}

/// Errors when `evt.type` appears inside a transformer.
fn check_transformer(o: &Operand) -> Result<(), CompileError> {
    fn has_evttype(o: &Operand) -> bool {
        match o {
            Operand::Transform { args, .. } | Operand::List { items: args, .. } => {
                args.iter().any(|a| is_evttype_field(a) || has_evttype(a))
            }
            _ => false,
        }
    }
    if has_evttype(o) {
        return Err(CompileError {
            message: "event code search does not support `evt.type` checks with transformers"
                .to_string(),
            pos: o.pos(),
        });
    }
    Ok(())
}

/// The set of a check whose set is known: itself, or its complement under a negation.
fn known(s: EventTypeSet, negated: bool) -> EventTypeSet {
    if negated {
        s.complement()
    } else {
        s
    }
}

fn visit(e: &Expr, negated: bool) -> Result<EventTypeSet, CompileError> {
    match e {
        Expr::And { children, .. } | Expr::Or { children, .. } => {
            // Under a negation, `and` becomes `or` and the other way round.
            let intersect = matches!(e, Expr::And { .. }) != negated;
            let mut acc = if intersect {
                EventTypeSet::all()
            } else {
                EventTypeSet::empty()
            };
            for c in children {
                let s = visit(c, negated)?;
                acc = if intersect {
                    acc.intersection(&s)
                } else {
                    acc.union(&s)
                };
            }
            Ok(acc)
        }
        Expr::Not { child, .. } => visit(child, !negated),
        Expr::Macro { .. } => Ok(EventTypeSet::all()),
        Expr::Exists { lhs, .. } => {
            check_transformer(lhs)?;
            Ok(if is_evttype_field(lhs) {
                known(EventTypeSet::all(), negated)
            } else {
                EventTypeSet::all()
            })
        }
        Expr::Compare { lhs, op, rhs, .. } => {
            if let Some(all) = evt_num_invariant(lhs, *op, rhs) {
                let s = if all {
                    EventTypeSet::all()
                } else {
                    EventTypeSet::empty()
                };
                return Ok(known(s, negated));
            }
            if !matches!(op, Op::Eq | Op::EqEq | Op::Ne | Op::In) {
                return Ok(EventTypeSet::all());
            }
            check_transformer(lhs)?;
            if !is_evttype_field(lhs) {
                return Ok(EventTypeSet::all());
            }
            let s = match rhs {
                Rhs::Value { value, .. } => EventTypeSet::from_names([value.as_slice()]),
                Rhs::ListRef { name, .. } => EventTypeSet::from_names([name.as_bytes()]),
                Rhs::List { values, .. } => {
                    EventTypeSet::from_names(values.iter().map(Vec::as_slice))
                }
                Rhs::Operand(o) => {
                    return Err(CompileError {
                        message: "right-hand field comparisons on `evt.type`/`syscall.type` \
                                  checks are not supported by event code search"
                            .to_string(),
                        pos: o.pos(),
                    })
                }
            };
            let s = known(s, negated);
            Ok(if *op == Op::Ne { s.complement() } else { s })
        }
    }
}

/// Whether a check on `evt.num` (at least 1 for every event) is always true (`Some(true)`)
/// or never (`Some(false)`); `None` when it depends on the event.
fn evt_num_invariant(lhs: &Operand, op: Op, rhs: &Rhs) -> Option<bool> {
    let Operand::Field(f) = lhs else { return None };
    if f.name != "evt.num" || f.arg.is_some() {
        return None;
    }
    if op == Op::In {
        let Rhs::List { values, .. } = rhs else {
            return None;
        };
        // Only zeros (or nothing) in the list: never true.
        return values
            .iter()
            .all(|v| scan_unsigned(v) == Some(0))
            .then_some(false);
    }
    let Rhs::Value { value, .. } = rhs else {
        return None;
    };
    let n = scan_unsigned(value)?;
    match op {
        Op::Eq | Op::EqEq if n == 0 => Some(false),
        Op::Ne if n == 0 => Some(true),
        Op::Lt if n <= 1 => Some(false),
        Op::Le if n == 0 => Some(false),
        Op::Gt if n == 0 => Some(true),
        Op::Ge if n <= 1 => Some(true),
        _ => None,
    }
}
