//! The enabled rules, indexed by event type, evaluated per event.
//!
//! As Falco's: every compiled rule at least as severe as the minimum priority is known to
//! the ruleset; enabling a rule adds it, at the end, to the candidate list of each event type
//! its condition can match (and of the asynchronous meta event, which every rule receives);
//! disabling removes it. Per event, only the candidates of its type are evaluated, in that
//! order: with [`RuleMatching::First`] until one matches, with [`RuleMatching::All`] all of
//! them.
//!
//! Rules share work. A condition is a conjunction of parts (its `and` groups flattened:
//! the macros rules start with, such as `open_read`, expand to the same parts in many
//! rules). Each distinct part (by its text) is compiled once, and per event it is
//! evaluated at most once, whatever the number of rules containing it: the result is kept
//! for the rest of the event (parts are pure functions of the event and the state). A rule
//! holds when its parts hold, tested in the condition's order, stopping at the first that
//! doesn't — the order and the result of the whole condition are unchanged.

use std::collections::{BTreeSet, HashMap};

use falco_schema::{code, EVENT_MAX};
use falco_sinsp::fields::Ctx;
use falco_sinsp::filter::{EventTypeSet, Expr, Filter};

use crate::compiler::CompiledRule;
use crate::priority::Priority;

/// Which rules an event is reported for (`rule_matching` in `falco.yaml`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RuleMatching {
    /// The first matching rule only (the default).
    #[default]
    First,
    /// Every matching rule.
    All,
}

impl RuleMatching {
    /// `first` or `all`, in any letter case.
    pub fn parse(text: &str) -> Option<RuleMatching> {
        if text.eq_ignore_ascii_case("first") {
            Some(RuleMatching::First)
        } else if text.eq_ignore_ascii_case("all") {
            Some(RuleMatching::All)
        } else {
            None
        }
    }
}

/// How a rule name pattern is matched when enabling or disabling rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MatchType {
    /// The whole name (an empty pattern matches every rule).
    Exact,
    /// Part of the name (an empty pattern matches every rule).
    Substring,
    /// The name, with `*` matching any text (Falco's wildcard matching).
    Wildcard,
}

/// Falco's wildcard matching of rule names and file names: `*` matches any text; after a
/// `*` the literal text up to the next `*` is searched from the left (its first occurrence
/// is taken, there is no backtracking).
pub fn matches_wildcard(pattern: &str, s: &str) -> bool {
    let Some(star) = pattern.find('*') else {
        return pattern == s;
    };
    if star == 0 {
        let rest = pattern.trim_start_matches('*');
        if rest.is_empty() {
            return true;
        }
        let lit = &rest[..rest.find('*').unwrap_or(rest.len())];
        match s.find(lit) {
            Some(at) => matches_wildcard(&rest[lit.len()..], &s[at + lit.len()..]),
            None => false,
        }
    } else {
        let (head, tail) = pattern.split_at(star);
        match s.get(..star) {
            Some(h) if h == head => matches_wildcard(tail, &s[star..]),
            _ => false,
        }
    }
}

struct Entry {
    id: usize,
    name: String,
    tags: BTreeSet<String>,
    /// The parts of its condition, positions in [`Ruleset::parts`], in condition order
    /// (split when the ruleset first evaluates an event).
    parts: Vec<u32>,
    /// Its condition and compiled filter, until split into parts.
    pending: Option<Box<(Expr, Filter)>>,
    event_types: EventTypeSet,
    enabled: bool,
}

/// One distinct part of the rules' conditions and its result for the current event.
struct Part {
    filter: Filter,
    /// The evaluation (see [`Ruleset::generation`]) `value` belongs to.
    generation: u64,
    value: bool,
}

/// The conjuncts of `e`: the leaves of its nested `and` groups, in order.
fn conjuncts<'e>(e: &'e Expr, out: &mut Vec<&'e Expr>) {
    match e {
        Expr::And { children, .. } => children.iter().for_each(|c| conjuncts(c, out)),
        other => out.push(other),
    }
}

/// Enabled rules by event type; evaluates events.
pub struct Ruleset {
    /// The rules it knows, by increasing id.
    entries: Vec<Entry>,
    /// The distinct parts of the rules' conditions.
    parts: Vec<Part>,
    /// True once the conditions were split into parts. Splitting waits for the first
    /// evaluation: loading several files builds a ruleset after each, and only the last
    /// one evaluates events.
    split: bool,
    /// Counts evaluations: a part's kept result is valid for the current one only.
    generation: u64,
    /// Per event code, the positions in `entries` of the enabled rules, in enabling order.
    by_type: Vec<Vec<u32>>,
    matching: RuleMatching,
    matches: Vec<usize>,
}

impl std::fmt::Debug for Ruleset {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ruleset")
            .field("rules", &self.entries.len())
            .field("enabled", &self.enabled_count())
            .field("matching", &self.matching)
            .finish()
    }
}

impl Ruleset {
    /// A ruleset knowing the rules at least as severe as `min_priority` (given by
    /// increasing id), none enabled.
    pub fn new<'r>(
        rules: impl IntoIterator<Item = &'r CompiledRule>,
        min_priority: Priority,
    ) -> Ruleset {
        let entries = rules
            .into_iter()
            .filter(|r| r.priority <= min_priority)
            .map(|r| {
                let mut event_types = r.event_types;
                event_types.insert(code::PPME_ASYNCEVENT_E);
                Entry {
                    id: r.id,
                    name: r.name.clone(),
                    tags: r.tags.clone(),
                    parts: Vec::new(),
                    pending: Some(Box::new((r.condition.clone(), r.filter.clone()))),
                    event_types,
                    enabled: false,
                }
            })
            .collect();
        Ruleset {
            entries,
            parts: Vec::new(),
            split: false,
            generation: 0,
            by_type: vec![Vec::new(); EVENT_MAX],
            matching: RuleMatching::First,
            matches: Vec::new(),
        }
    }

    /// Sets which rules an event is reported for.
    pub fn set_rule_matching(&mut self, matching: RuleMatching) {
        self.matching = matching;
    }

    /// Which rules an event is reported for.
    pub fn rule_matching(&self) -> RuleMatching {
        self.matching
    }

    fn set_enabled(&mut self, i: usize, enabled: bool) {
        let e = &mut self.entries[i];
        if e.enabled == enabled {
            return;
        }
        e.enabled = enabled;
        for code in e.event_types.iter() {
            let list = &mut self.by_type[code as usize];
            if enabled {
                list.push(i as u32);
            } else {
                list.retain(|&x| x as usize != i);
            }
        }
    }

    /// Enables (or disables) the rules whose name matches `pattern`. Returns how many
    /// matched.
    pub fn enable(&mut self, pattern: &str, match_type: MatchType, enabled: bool) -> usize {
        let mut n = 0;
        for i in 0..self.entries.len() {
            let name = &self.entries[i].name;
            let hit = match match_type {
                MatchType::Exact => pattern.is_empty() || name == pattern,
                MatchType::Substring => pattern.is_empty() || name.contains(pattern),
                MatchType::Wildcard => matches_wildcard(pattern, name),
            };
            if hit {
                n += 1;
                self.set_enabled(i, enabled);
            }
        }
        n
    }

    /// Enables (or disables) the rules having at least one of `tags`. Returns how many
    /// matched.
    pub fn enable_tags(&mut self, tags: &BTreeSet<String>, enabled: bool) -> usize {
        let mut n = 0;
        for i in 0..self.entries.len() {
            if !self.entries[i].tags.is_disjoint(tags) {
                n += 1;
                self.set_enabled(i, enabled);
            }
        }
        n
    }

    /// Enables (or disables) the rule with this id. Returns false when the ruleset does not
    /// know it (it is less severe than the minimum priority).
    pub fn enable_id(&mut self, id: usize, enabled: bool) -> bool {
        match self.entries.binary_search_by_key(&id, |e| e.id) {
            Ok(i) => {
                self.set_enabled(i, enabled);
                true
            }
            Err(_) => false,
        }
    }

    /// True when the rule with this id is enabled.
    pub fn is_enabled(&self, id: usize) -> bool {
        self.entries
            .binary_search_by_key(&id, |e| e.id)
            .is_ok_and(|i| self.entries[i].enabled)
    }

    /// How many rules are enabled.
    pub fn enabled_count(&self) -> usize {
        self.entries.iter().filter(|e| e.enabled).count()
    }

    /// The ids of the enabled rules, in rule order.
    pub fn enabled_ids(&self) -> impl Iterator<Item = usize> + '_ {
        self.entries.iter().filter(|e| e.enabled).map(|e| e.id)
    }

    /// The event types some enabled rule can match.
    pub fn enabled_event_types(&self) -> EventTypeSet {
        let mut s = EventTypeSet::empty();
        for (code, list) in self.by_type.iter().enumerate() {
            if !list.is_empty() {
                s.insert(code as u16);
            }
        }
        s
    }

    /// The ids of the enabled rules evaluated for events of type `code`, in order.
    pub fn candidates(&self, code: u16) -> impl Iterator<Item = usize> + '_ {
        self.by_type
            .get(code as usize)
            .into_iter()
            .flatten()
            .map(|&i| self.entries[i as usize].id)
    }

    /// Evaluates the event: the ids of the matching rules (at most one with
    /// [`RuleMatching::First`]), in evaluation order. Allocates nothing once warmed up.
    pub fn evaluate(&mut self, ctx: &Ctx<'_>) -> &[usize] {
        self.matches.clear();
        if !self.split {
            self.split_conditions();
        }
        let code = ctx.ev.ty() as usize;
        let Some(list) = self.by_type.get(code) else {
            return &self.matches;
        };
        self.generation += 1;
        let generation = self.generation;
        'rules: for &i in list {
            let e = &self.entries[i as usize];
            for &p in &e.parts {
                let part = &mut self.parts[p as usize];
                if part.generation != generation {
                    part.value = part.filter.eval(ctx);
                    part.generation = generation;
                }
                if !part.value {
                    continue 'rules;
                }
            }
            self.matches.push(e.id);
            if self.matching == RuleMatching::First {
                break;
            }
        }
        &self.matches
    }

    /// How many distinct condition parts the rules have (see the module documentation).
    pub fn part_count(&mut self) -> usize {
        if !self.split {
            self.split_conditions();
        }
        self.parts.len()
    }

    fn split_conditions(&mut self) {
        let mut by_text: HashMap<String, u32> = HashMap::new();
        for e in &mut self.entries {
            if let Some(p) = e.pending.take() {
                let (condition, filter) = *p;
                e.parts = split_parts(&condition, filter, &mut self.parts, &mut by_text);
            }
        }
        self.split = true;
    }
}

/// The parts of a rule's `condition`, added to `parts` when new. A part that does not
/// compile alone (it always should: it compiled within the condition) makes the whole
/// condition (`filter`) one part.
fn split_parts(
    condition: &Expr,
    filter: Filter,
    parts: &mut Vec<Part>,
    by_text: &mut HashMap<String, u32>,
) -> Vec<u32> {
    let mut leaves = Vec::new();
    conjuncts(condition, &mut leaves);
    let mut ids = Vec::with_capacity(leaves.len());
    let mut compiled = Vec::with_capacity(leaves.len());
    for leaf in leaves {
        let text = leaf.to_string();
        if let Some(&id) = by_text.get(&text) {
            ids.push(Ok(id));
            continue;
        }
        match Filter::compile(leaf) {
            Ok(f) => {
                compiled.push((text, f));
                ids.push(Err(compiled.len() - 1));
            }
            Err(_) => {
                parts.push(Part {
                    filter,
                    generation: 0,
                    value: false,
                });
                return vec![(parts.len() - 1) as u32];
            }
        }
    }
    let base = parts.len();
    for (text, f) in compiled {
        by_text.insert(text, parts.len() as u32);
        parts.push(Part {
            filter: f,
            generation: 0,
            value: false,
        });
    }
    ids.into_iter()
        .map(|i| match i {
            Ok(id) => id,
            Err(k) => (base + k) as u32,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_like_falco() {
        assert!(matches_wildcard("*", "anything"));
        assert!(matches_wildcard("**", ""));
        assert!(matches_wildcard("Write below*", "Write below etc"));
        assert!(!matches_wildcard("Write below*", "Write abov etc"));
        assert!(matches_wildcard("*below*", "Write below etc"));
        assert!(matches_wildcard("*etc", "Write below etc"));
        assert!(matches_wildcard("a*c*e", "abcde"));
        assert!(matches_wildcard("exact", "exact"));
        assert!(!matches_wildcard("exact", "exactly"));
        assert!(matches_wildcard("*.yaml", "/etc/falco/rules.yaml"));
        assert!(matches_wildcard("*.yml", "x.yml"));
        assert!(!matches_wildcard("*.yaml", "x.yaml.bak"));
        // The first occurrence is taken: no backtracking.
        assert!(!matches_wildcard("*.yaml", "/d/a.yaml.d/b.yaml"));
    }

    /// Rules sharing parts (the macro `opened` and the list check) give the same results as
    /// their whole conditions, on events that pass and fail each part.
    #[test]
    fn shared_parts_agree_with_whole_conditions() {
        use falco_scap::EventBuilder;
        use falco_sinsp::state::State;

        let mut engine = crate::Engine::new();
        let res = engine.load_rules(
            r#"
- macro: opened
  condition: evt.type = openat and evt.rawres >= 0
- rule: a
  desc: d
  condition: opened and evt.arg.name startswith /etc
  output: o
  priority: INFO
- rule: b
  desc: d
  condition: opened and not evt.arg.name startswith /etc and evt.arg.name != /tmp/x
  output: o
  priority: INFO
- rule: c
  desc: d
  condition: opened and (evt.arg.name startswith /etc or evt.rawres > 5)
  output: o
  priority: INFO
- rule: d
  desc: d
  condition: evt.type = openat
  output: o
  priority: INFO
"#,
            "r.yaml",
        );
        assert!(
            res.successful(),
            "{}",
            res.as_verbose_string(engine.contents())
        );
        engine.set_rule_matching(RuleMatching::All);
        // evt.type = openat, evt.rawres >= 0, evt.arg.name startswith /etc, its negation,
        // evt.arg.name != /tmp/x, the `or` group: 6 parts for the 11 conjuncts.
        assert_eq!(engine.ruleset_mut().part_count(), 6);
        let mut whole: Vec<Filter> = engine.rules().iter().map(|r| r.filter.clone()).collect();
        let state = State::new();
        for (fd, name) in [
            (3i64, "/etc/passwd"),
            (-2, "/etc/x"),
            (7, "/tmp/x"),
            (9, "/var/y"),
        ] {
            let mut b = EventBuilder::new();
            b.begin(1, 100, code::PPME_SYSCALL_OPENAT_2_X);
            b.param(&fd.to_le_bytes());
            b.param(&(-100i64).to_le_bytes());
            b.param(format!("{name}\0").as_bytes());
            b.param(&0u32.to_le_bytes());
            b.param(&0u32.to_le_bytes());
            b.param(&0u32.to_le_bytes());
            b.param(&0u64.to_le_bytes());
            let ev = b.event();
            let ctx = Ctx {
                ev: &ev,
                state: &state,
            };
            let expected: Vec<usize> = (0..whole.len()).filter(|&i| whole[i].eval(&ctx)).collect();
            assert_eq!(engine.evaluate(&ctx), expected.as_slice(), "{fd} {name}");
        }
    }

    #[test]
    fn rule_matching_names() {
        assert_eq!(RuleMatching::parse("FIRST"), Some(RuleMatching::First));
        assert_eq!(RuleMatching::parse("all"), Some(RuleMatching::All));
        assert_eq!(RuleMatching::parse("some"), None);
    }
}
