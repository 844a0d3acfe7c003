//! Collected definitions to compiled rules, as Falco's compiler does it:
//!
//! 1. lists: items naming a list visible to the list are replaced by that list's items;
//! 2. macros: each condition has the list names in it replaced by their items (all lists,
//!    whatever their order) and is parsed (nesting limit 1000); then, in definition order,
//!    each macro's references to the macros it can see are replaced by their trees, which
//!    are resolved the same way (a macro reached again through itself is a loop);
//! 3. rules (of a known source): exceptions appended to the condition text, extra output
//!    formats appended to the output, the output checked, then the condition treated as a
//!    macro's (seeing every macro), checked for deprecated fields and unsafe `<NA>`
//!    comparisons, compiled against the fields of the system call source, and its event
//!    types computed (a warning when it matches more than 100 of them);
//! 4. lists and macros nothing refers to are reported.
//!
//! The first error stops the compilation.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use falco_sinsp::filter::{self, EventTypeSet, Expr, Filter, Op, Operand, Pos, Rhs};
use falco_sinsp::format::Format;

use crate::collector::{Collector, Indexed, RuleInfo, Sources, SYSCALL_SOURCE};
use crate::condition::{quote_item, resolve_list, with_exceptions, DELIMS};
use crate::priority::Priority;
use crate::result::{
    deprecated_field_description, Context, ErrorCode, Failure, LoadResult, WarningCode,
    DEPRECATED_FIELDS,
};

/// The nesting limit of rule and macro conditions.
pub const MAX_CONDITION_DEPTH: u32 = 1000;

/// The most nodes a condition may have once macros are expanded. Falco has no limit (and
/// runs out of memory when macros double each other); the largest upstream rule has a few
/// hundred nodes.
pub const MAX_EXPANDED_NODES: usize = 50_000;

/// The most levels a condition may nest once macros are expanded (Falco has no limit, and
/// overflows its stack when macros nest deeply enough).
pub const MAX_EXPANDED_DEPTH: usize = 1000;

/// A rule matching more event types than this gets a LOAD_NO_EVTTYPE warning.
pub const MAX_EVTTYPES_WITHOUT_WARNING: usize = 100;

/// Text appended to the output of the rules it matches (`append_output` in `falco.yaml`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExtraOutputFormat {
    /// The text appended (after a space).
    pub format: String,
    /// Only rules of this source (empty: any).
    pub source: String,
    /// Only rules having all these tags.
    pub tags: BTreeSet<String>,
    /// Only the rule of this name (empty: any).
    pub rule: String,
}

/// A field added to the JSON output fields of the rules it matches (`extra_fields` of
/// `append_output`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExtraOutputField {
    /// Its key in `output_fields`.
    pub key: String,
    /// Its format (`%proc.name`).
    pub format: String,
    /// Only rules of this source (empty: any).
    pub source: String,
    /// Only rules having all these tags.
    pub tags: BTreeSet<String>,
    /// Only the rule of this name (empty: any).
    pub rule: String,
    /// True when the key is a field given as is (raw value), false for a format.
    pub raw: bool,
}

/// A list with its items expanded.
#[derive(Clone, Debug)]
pub struct CompiledList {
    /// Its name.
    pub name: String,
    /// Its items, lists it refers to inlined.
    pub items: Vec<String>,
    /// True when a list, macro or rule refers to it.
    pub used: bool,
}

/// A macro with its condition parsed and resolved.
#[derive(Clone, Debug)]
pub struct CompiledMacro {
    /// Its name.
    pub name: String,
    /// Its condition, macros it refers to replaced by their trees.
    pub condition: Expr,
    /// True when a macro or rule refers to it.
    pub used: bool,
}

/// A rule ready to be evaluated.
#[derive(Clone, Debug)]
pub struct CompiledRule {
    /// Its number: its position among the compiled rules (the order of first definition).
    pub id: usize,
    /// Its name.
    pub name: String,
    /// Its event source.
    pub source: String,
    /// Its description.
    pub description: String,
    /// Its priority.
    pub priority: Priority,
    /// Its output format (extra output formats appended, `%container.info` removed).
    pub output: String,
    /// Its tags.
    pub tags: BTreeSet<String>,
    /// `capture`.
    pub capture: bool,
    /// `capture_duration` (ms).
    pub capture_duration: u32,
    /// The fields its exceptions compare (added to the JSON output fields).
    pub exception_fields: BTreeSet<String>,
    /// Extra JSON output fields: key to (format, raw).
    pub extra_output_fields: BTreeMap<String, (String, bool)>,
    /// Its condition: exceptions included, lists and macros replaced. Its `Display` is
    /// Falco's "compiled condition".
    pub condition: Expr,
    /// The compiled condition.
    pub filter: Filter,
    /// The event types the condition can match.
    pub event_types: EventTypeSet,
}

/// What a compilation produced.
#[derive(Clone, Debug, Default)]
pub struct CompileOutput {
    /// The lists.
    pub lists: Indexed<CompiledList>,
    /// The macros.
    pub macros: Indexed<CompiledMacro>,
    /// The rules, in order of first definition.
    pub rules: Indexed<CompiledRule>,
}

/// The system call source: the only source this engine compiles rules for.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct SyscallSource;

impl Sources for SyscallSource {
    fn is_known(&self, source: &str) -> bool {
        source == SYSCALL_SOURCE
    }

    fn is_valid_lhs_field(&self, source: &str, field: &str) -> bool {
        if source != SYSCALL_SOURCE {
            return false;
        }
        if field.contains('(') {
            let text = format!("{field} exists");
            return match filter::parse(&text) {
                Ok(ast @ Expr::Exists { .. }) => Filter::compile(&ast).is_ok(),
                _ => false,
            };
        }
        falco_sinsp::fields::FieldRef::parse(field).is_ok()
    }
}

/// Whether an error message is about an unknown field, event type or output token: those
/// are downgraded to warnings for rules with `skip-if-unknown-filter: true`.
fn is_unknown_type_or_field(err: &str) -> bool {
    err.contains("nonexistent field")
        || err.contains("invalid formatting token")
        || err.contains("unknown event type")
        || err.contains("unknown filter:")
}

/// Checks an output format; the error as libsinsp words it.
fn check_format(fmt: &str) -> Result<(), String> {
    match Format::parse(fmt) {
        Ok(_) => Ok(()),
        Err(e) if e.reason.contains("cannot end with a %") => {
            Err("invalid formatting syntax: formatting cannot end with a %".to_string())
        }
        // libsinsp tries shorter and shorter tokens and reports the error of the last
        // (one character) attempt.
        Err(_) => Err("unknown filter: unexpected token after '".to_string()),
    }
}

fn check_deprecated_fields_in_output(fmt: &str, ctx: &Context, res: &mut LoadResult) {
    for f in DEPRECATED_FIELDS {
        if fmt.contains(f) {
            res.add_deprecated_field(
                f,
                format!("usage of deprecated field '{f}' has been detected in the rule output"),
                ctx,
            );
        }
    }
}

fn fail(code: ErrorCode, msg: impl Into<String>, ctx: &Context) -> Failure {
    Failure::new(code, msg, ctx)
}

fn in_condition(ctx: &Context, pos: Pos, condition: &str) -> Context {
    ctx.in_condition(pos.idx as u32, pos.line, pos.col, condition)
}

/// Replaces list names in `condition` (marking the lists used) and parses it.
fn parse_condition(
    condition: &str,
    lists: &mut Indexed<CompiledList>,
    ctx: &Context,
) -> Result<Expr, Failure> {
    let mut cond = condition.to_string();
    // A list is replaced only where its name is a word of the text (delimited as
    // `resolve_list` delimits it), so lists whose name is not among the words need not be
    // searched for. The words of replaced items join the set: it stays a superset of the
    // text's words and the result is the same as trying every list.
    let is_delim = |c: char| DELIMS.contains(&(c as u32 as u8)) && c.is_ascii();
    let mut words: HashSet<String> = cond
        .split(is_delim)
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    for l in lists.iter_mut() {
        if !l.name.contains(is_delim) && !words.contains(l.name.as_str()) {
            continue;
        }
        if resolve_list(&mut cond, &l.name, &l.items) {
            l.used = true;
            for item in &l.items {
                words.extend(
                    quote_item(item)
                        .split(is_delim)
                        .filter(|w| !w.is_empty())
                        .map(str::to_string),
                );
            }
        }
    }
    filter::parse_with_max_depth(&cond, MAX_CONDITION_DEPTH).map_err(|e| {
        fail(
            ErrorCode::LOAD_ERR_COMPILE_CONDITION,
            e.message,
            &in_condition(ctx, e.pos, &cond),
        )
    })
}

/// The number of nodes of a condition and how deep it nests (without recursion).
fn size_and_depth(e: &Expr) -> (usize, usize) {
    let mut size = 0;
    let mut depth = 0;
    let mut stack = vec![(e, 1usize)];
    while let Some((e, d)) = stack.pop() {
        size += 1;
        depth = depth.max(d);
        match e {
            Expr::And { children, .. } | Expr::Or { children, .. } => {
                stack.extend(children.iter().map(|c| (c, d + 1)));
            }
            Expr::Not { child, .. } => stack.push((child, d + 1)),
            Expr::Macro { .. } | Expr::Exists { .. } | Expr::Compare { .. } => {}
        }
    }
    (size, depth)
}

/// Macro references replaced by the trees of the visible macros, recursively.
struct MacroResolver<'m> {
    /// The tree of a macro visible from the condition being resolved, by name.
    visible: &'m dyn Fn(&str) -> Option<&'m Expr>,
    path: Vec<String>,
    errors: Vec<(String, Pos)>,
    unknown: Vec<(String, Pos)>,
    resolved: Vec<String>,
    /// Nodes that substitutions may still add.
    budget: usize,
    /// True once the condition got too large.
    overflowed: bool,
}

impl<'m> MacroResolver<'m> {
    fn new(visible: &'m dyn Fn(&str) -> Option<&'m Expr>, size: usize) -> MacroResolver<'m> {
        MacroResolver {
            visible,
            path: Vec::new(),
            errors: Vec::new(),
            unknown: Vec::new(),
            resolved: Vec::new(),
            budget: MAX_EXPANDED_NODES.saturating_sub(size),
            overflowed: false,
        }
    }

    fn too_large(&mut self, pos: Pos) {
        if !self.overflowed {
            self.overflowed = true;
            self.errors.push((
                format!(
                    "Expanding macros makes the condition too large (more than \
                     {MAX_EXPANDED_NODES} nodes or {MAX_EXPANDED_DEPTH} levels)"
                ),
                pos,
            ));
        }
    }

    fn run(&mut self, e: &mut Expr, depth: usize) {
        if depth > MAX_EXPANDED_DEPTH {
            self.too_large(e.pos());
            return;
        }
        match e {
            Expr::And { children, .. } | Expr::Or { children, .. } => {
                for c in children {
                    self.run(c, depth + 1);
                }
            }
            Expr::Not { child, .. } => self.run(child, depth + 1),
            Expr::Macro { name, pos } => {
                let Some(tree) = (self.visible)(name.as_str()) else {
                    self.unknown.push((name.clone(), *pos));
                    return;
                };
                if self.path.iter().any(|p| p == name) {
                    self.errors
                        .push((format!("reference loop in macro '{name}'"), *pos));
                    self.unknown.push((name.clone(), *pos));
                    return;
                }
                let (size, _) = size_and_depth(tree);
                if self.overflowed || size > self.budget {
                    self.too_large(*pos);
                    return;
                }
                self.budget -= size;
                self.path.push(name.clone());
                let mut new = tree.clone();
                self.run(&mut new, depth);
                self.resolved.push(name.clone());
                self.path.pop();
                *e = new;
            }
            Expr::Exists { .. } | Expr::Compare { .. } => {}
        }
    }

    /// The first problem: a loop, or else an undefined macro.
    fn first_error(&self) -> Option<(String, Pos)> {
        if let Some(e) = self.errors.first() {
            return Some(e.clone());
        }
        self.unknown
            .first()
            .map(|(name, pos)| (format!("Undefined macro '{name}' used in filter."), *pos))
    }
}

/// Resolves `ast`; errors are reported in `condition` at `ctx`.
fn resolve_macros<'m>(
    ast: &mut Expr,
    visible: &'m dyn Fn(&str) -> Option<&'m Expr>,
    condition: &str,
    ctx: &Context,
    used: &mut BTreeSet<String>,
) -> Result<(), Failure> {
    let (size, _) = size_and_depth(ast);
    let mut r = MacroResolver::new(visible, size);
    r.run(ast, 1);
    if let Some((msg, pos)) = r.first_error() {
        return Err(fail(
            ErrorCode::LOAD_ERR_VALIDATE,
            msg,
            &in_condition(ctx, pos, condition),
        ));
    }
    used.extend(r.resolved);
    Ok(())
}

/// Deprecated fields and unsafe `<NA>` comparisons in a condition.
fn condition_warnings(ast: &Expr, ctx: &Context, res: &mut LoadResult) {
    let mut unsafe_na = false;
    let mut deprecated: BTreeSet<usize> = BTreeSet::new();
    fn operand_fields<'a>(o: &'a Operand, out: &mut Vec<&'a str>) {
        match o {
            Operand::Field(f) => out.push(&f.name),
            Operand::Transform { args, .. } | Operand::List { items: args, .. } => {
                for a in args {
                    operand_fields(a, out);
                }
            }
            Operand::Literal { .. } => {}
        }
    }
    ast.walk(&mut |e| {
        let mut fields = Vec::new();
        match e {
            Expr::Exists { lhs, .. } => operand_fields(lhs, &mut fields),
            Expr::Compare { lhs, op, rhs, .. } => {
                operand_fields(lhs, &mut fields);
                let unsafe_field = matches!(lhs, Operand::Field(f)
                    if f.name.starts_with("ka.") || f.name.starts_with("jevt."));
                let equality = matches!(
                    op,
                    Op::Eq | Op::EqEq | Op::Ne | Op::In | Op::Intersects | Op::PMatch
                );
                if unsafe_field && equality {
                    match rhs {
                        Rhs::Value { value, .. } if value == b"<NA>" => unsafe_na = true,
                        Rhs::List { values, .. } if values.iter().any(|v| v == b"<NA>") => {
                            unsafe_na = true
                        }
                        Rhs::Operand(o) => operand_fields(o, &mut fields),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
        for f in fields {
            if let Some(i) = DEPRECATED_FIELDS.iter().position(|d| *d == f) {
                deprecated.insert(i);
            }
        }
    });
    if unsafe_na {
        res.add_warning(WarningCode::LOAD_UNSAFE_NA_CHECK, "", ctx);
    }
    for i in deprecated {
        let f = DEPRECATED_FIELDS[i];
        res.add_deprecated_field(f, deprecated_field_description(f).to_string(), ctx);
    }
}

fn extra_matches(source: &str, tags: &BTreeSet<String>, rule: &str, r: &RuleInfo) -> bool {
    (source.is_empty() || r.source == source)
        && tags.is_subset(&r.tags)
        && (rule.is_empty() || r.name == rule)
}

/// Compiles everything collected. Errors and warnings go to `res`; after an error the output
/// is incomplete.
pub(crate) fn compile(
    col: &Collector,
    extra_formats: &[ExtraOutputFormat],
    extra_fields: &[ExtraOutputField],
    res: &mut LoadResult,
) -> CompileOutput {
    let mut out = CompileOutput::default();
    if let Err(f) = compile_all(col, extra_formats, extra_fields, res, &mut out) {
        res.add_failure(f);
        return out;
    }
    for m in out.macros.iter() {
        if !m.used {
            let info = col
                .macros()
                .get(&m.name)
                .expect("compiled from the collector");
            res.add_warning(
                WarningCode::LOAD_UNUSED_MACRO,
                "Macro not referred to by any other rule/macro",
                &info.ctx,
            );
        }
    }
    for l in out.lists.iter() {
        if !l.used {
            let info = col
                .lists()
                .get(&l.name)
                .expect("compiled from the collector");
            res.add_warning(
                WarningCode::LOAD_UNUSED_LIST,
                "List not referred to by any other rule/macro",
                &info.ctx,
            );
        }
    }
    out
}

fn compile_all(
    col: &Collector,
    extra_formats: &[ExtraOutputFormat],
    extra_fields: &[ExtraOutputField],
    res: &mut LoadResult,
    out: &mut CompileOutput,
) -> Result<(), Failure> {
    // Lists.
    let mut used_lists = Vec::new();
    for list in col.lists() {
        let mut items = Vec::with_capacity(list.items.len());
        for item in &list.items {
            match col.lists().get(item) {
                Some(r) if r.index < list.visibility => {
                    used_lists.push(r.name.clone());
                    items.extend(r.items.iter().cloned());
                }
                _ => items.push(item.clone()),
            }
        }
        out.lists.insert(
            &list.name,
            CompiledList {
                name: list.name.clone(),
                items,
                used: false,
            },
        );
    }
    for name in used_lists {
        if let Some(l) = out.lists.get_mut(&name) {
            l.used = true;
        }
    }

    // Macros: parse all, then resolve in order.
    for m in col.macros() {
        let condition = parse_condition(&m.cond, &mut out.lists, &m.cond_ctx)?;
        out.macros.insert(
            &m.name,
            CompiledMacro {
                name: m.name.clone(),
                condition,
                used: false,
            },
        );
    }
    // Macro `i` sees the macros whose `index` is below its `visibility`: those before it
    // in the list already resolved, the others as parsed (the resolver expands them in
    // turn). One name index serves every macro (no per-macro map).
    let mut used_macros = BTreeSet::new();
    let infos = col.macros().as_slice();
    let mut resolved: Vec<Expr> = Vec::with_capacity(infos.len());
    for (i, info) in infos.iter().enumerate() {
        let mut ast = out.macros.as_slice()[i].condition.clone();
        {
            let parsed = out.macros.as_slice();
            let done = resolved.as_slice();
            let visible = |name: &str| -> Option<&Expr> {
                let j = col.macros().position(name)?;
                if infos[j].index >= info.visibility {
                    return None;
                }
                Some(if j < i {
                    &done[j]
                } else {
                    &parsed[j].condition
                })
            };
            resolve_macros(&mut ast, &visible, &info.cond, &info.ctx, &mut used_macros)?;
        }
        resolved.push(ast);
    }
    for (m, ast) in out.macros.as_mut_slice().iter_mut().zip(resolved) {
        m.condition = ast;
    }
    for name in &used_macros {
        if let Some(m) = out.macros.get_mut(name) {
            m.used = true;
        }
    }

    // Rules.
    for r in col.rules() {
        if r.unknown_source {
            continue;
        }
        let mut exception_fields = BTreeSet::new();
        let condition = if r.exceptions.is_empty() {
            r.cond.clone()
        } else {
            with_exceptions(&r.cond, &r.exceptions, &mut exception_fields)?
        };

        let mut output = r.output.clone();
        for extra in extra_formats {
            if extra_matches(&extra.source, &extra.tags, &extra.rule, r) {
                output.push(' ');
                output.push_str(&extra.format);
            }
        }
        if output.contains("%container.info") {
            res.add_warning(
                WarningCode::LOAD_DEPRECATED_ITEM,
                "%container.info is deprecated and no more useful, and will be dropped by \
                 Falco 1.0.0. The container plugin will automatically add required fields to \
                 the output message.",
                &r.ctx,
            );
            output = output.replace("%container.info", "");
        }
        let mut extra_output_fields = BTreeMap::new();
        for extra in extra_fields {
            if extra_matches(&extra.source, &extra.tags, &extra.rule, r) {
                extra_output_fields.insert(extra.key.clone(), (extra.format.clone(), extra.raw));
            }
        }

        if let Err(err) = check_format(&output) {
            if is_unknown_type_or_field(&err) && r.skip_if_unknown_filter {
                res.add_warning(WarningCode::LOAD_UNKNOWN_FILTER, err, &r.output_ctx);
                continue;
            }
            return Err(fail(ErrorCode::LOAD_ERR_COMPILE_OUTPUT, err, &r.output_ctx));
        }
        check_deprecated_fields_in_output(&output, &r.output_ctx, res);
        for (fmt, _) in extra_output_fields.values() {
            if let Err(err) = check_format(fmt) {
                return Err(fail(ErrorCode::LOAD_ERR_COMPILE_OUTPUT, err, &r.output_ctx));
            }
            check_deprecated_fields_in_output(fmt, &r.output_ctx, res);
        }

        // The condition.
        let mut ast = parse_condition(&condition, &mut out.lists, &r.cond_ctx)?;
        {
            let macros = &out.macros;
            let visible = |name: &str| macros.get(name).map(|m| &m.condition);
            resolve_macros(&mut ast, &visible, &condition, &r.ctx, &mut used_macros)?;
        }
        for name in &used_macros {
            if let Some(m) = out.macros.get_mut(name) {
                m.used = true;
            }
        }
        used_macros.clear();
        condition_warnings(&ast, &r.cond_ctx.in_condition(0, 0, 0, &condition), res);

        let mut warnings = Vec::new();
        let compiled = Filter::compile_with_warnings(&ast, &mut warnings).and_then(|f| {
            let types = if r.source == SYSCALL_SOURCE {
                filter::event_types(&ast)?
            } else {
                EventTypeSet::empty()
            };
            Ok((f, types))
        });
        let (filter, event_types) = match compiled {
            Ok(x) => x,
            Err(e) => {
                let ctx = in_condition(&r.cond_ctx, e.pos, &condition);
                if is_unknown_type_or_field(&e.message) && r.skip_if_unknown_filter {
                    res.add_warning(WarningCode::LOAD_UNKNOWN_FILTER, e.message, &ctx);
                    continue;
                }
                return Err(fail(ErrorCode::LOAD_ERR_COMPILE_CONDITION, e.message, &ctx));
            }
        };
        for w in warnings {
            let ctx = in_condition(&r.cond_ctx, w.pos, &condition);
            res.add_warning(WarningCode::LOAD_COMPILE_CONDITION, w.message, &ctx);
        }
        if r.source == SYSCALL_SOURCE
            && event_types.len() > MAX_EVTTYPES_WITHOUT_WARNING
            && r.warn_evttypes
        {
            res.add_warning(
                WarningCode::LOAD_NO_EVTTYPE,
                "Rule matches too many evt.type values. This has a significant performance \
                 penalty.",
                &r.ctx,
            );
        }

        let id = out.rules.len();
        out.rules.insert(
            &r.name,
            CompiledRule {
                id,
                name: r.name.clone(),
                source: r.source.clone(),
                description: r.desc.clone(),
                priority: r.priority,
                output,
                tags: r.tags.clone(),
                capture: r.capture,
                capture_duration: r.capture_duration,
                exception_fields,
                extra_output_fields,
                condition: ast,
                filter,
                event_types,
            },
        );
    }
    Ok(())
}
