//! Definitions collected from rules files, in order, across files.
//!
//! Every list, macro and rule is kept once, by name. Defining a name again replaces the
//! previous definition but keeps its place (its `index`); appending (`append: true` or
//! `override: {KEY: append}`) and replacing keys (`override: {KEY: replace}`) change the
//! previous definition in place. Every definition, append or replacement also takes the next
//! number of a counter shared by lists, macros and rules; an item's `visibility` is the
//! number of its last change, and decides what it can refer to: a macro sees the macros
//! whose `index` is lower than its `visibility` (so it can't see later macros, and cycles
//! can't form), a list inlines the lists whose `index` is lower than its `visibility`.

use std::collections::{BTreeSet, HashMap};

use crate::priority::Priority;
use crate::result::{Context, ErrorCode, Failure, LoadResult, WarningCode};
use crate::version::{Version, ENGINE_VERSION};

/// Falco's name of the system call event source, the default of a rule's `source`.
pub const SYSCALL_SOURCE: &str = "syscall";

pub(crate) const WARNING_APPEND: &str = "'append' key is deprecated. Add an 'append' entry \
     (e.g. 'condition: append') under 'override' instead.";
pub(crate) const WARNING_ENABLED: &str = "The standalone 'enabled' key usage is deprecated. \
     The correct approach requires also a 'replace' entry under the 'override' key (i.e. \
     'enabled: replace').";
pub(crate) const ERROR_OVERRIDE_APPEND: &str = "Keys 'override' and 'append: true' cannot be \
     used together. Add an 'append' entry (e.g. 'condition: append') under 'override' instead.";
const ERROR_NO_PREVIOUS_MACRO: &str =
    "Macro uses 'append' or 'override.condition: append' but no macro by that name already exists";
const ERROR_NO_PREVIOUS_LIST: &str =
    "List uses 'append' or 'override.items: append' but no list by that name already exists";
const ERROR_NO_PREVIOUS_RULE_APPEND: &str =
    "Rule uses 'append' or 'override.<key>: append' but no rule by that name already exists";
const ERROR_NO_PREVIOUS_RULE_REPLACE: &str = "An 'override.<key>: replace' to a rule was \
     requested but no rule by that name already exists";

fn fail(msg: impl Into<String>, ctx: &Context) -> Failure {
    Failure::new(ErrorCode::LOAD_ERR_VALIDATE, msg, ctx)
}

/// A `required_engine_version` item.
#[derive(Clone, Debug)]
pub struct EngineVersionInfo {
    /// Where it is.
    pub ctx: Context,
    /// The version required.
    pub version: Version,
}

/// One acceptable plugin of a `required_plugin_versions` entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PluginRequirement {
    /// The plugin's name.
    pub name: String,
    /// The oldest compatible version.
    pub version: String,
}

/// A list.
#[derive(Clone, Debug)]
pub struct ListInfo {
    /// Where it was (last) defined.
    pub ctx: Context,
    /// Its place: the number of its first definition.
    pub index: usize,
    /// The number of its last definition or append.
    pub visibility: usize,
    /// Its name.
    pub name: String,
    /// Its items as written (names of other lists not yet inlined).
    pub items: Vec<String>,
}

/// A macro.
#[derive(Clone, Debug)]
pub struct MacroInfo {
    /// Where it was (last) defined.
    pub ctx: Context,
    /// Where its condition is.
    pub cond_ctx: Context,
    /// Its place: the number of its first definition.
    pub index: usize,
    /// The number of its last definition or append.
    pub visibility: usize,
    /// Its name.
    pub name: String,
    /// Its condition text (appends joined with a space).
    pub cond: String,
}

/// `fields`, `comps` or a value of an exception: a string or a list of them (lists may
/// nest, in values).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExceptionEntry {
    /// True for a list.
    pub is_list: bool,
    /// The string (when not a list).
    pub item: String,
    /// The elements (when a list).
    pub items: Vec<ExceptionEntry>,
}

impl ExceptionEntry {
    /// A string.
    pub fn scalar(s: &str) -> ExceptionEntry {
        ExceptionEntry {
            is_list: false,
            item: s.to_string(),
            items: Vec::new(),
        }
    }

    /// Given: a non-empty list or a non-empty string.
    pub fn is_valid(&self) -> bool {
        if self.is_list {
            !self.items.is_empty()
        } else {
            !self.item.is_empty()
        }
    }
}

/// An exception of a rule.
#[derive(Clone, Debug)]
pub struct ExceptionInfo {
    /// Where it is.
    pub ctx: Context,
    /// Its name.
    pub name: String,
    /// One field, or a list of fields.
    pub fields: ExceptionEntry,
    /// The operators (defaulted when the rule is collected).
    pub comps: ExceptionEntry,
    /// The values.
    pub values: Vec<ExceptionEntry>,
}

/// A rule.
#[derive(Clone, Debug)]
pub struct RuleInfo {
    /// Where it was (last) defined.
    pub ctx: Context,
    /// Where its condition is.
    pub cond_ctx: Context,
    /// Where its output is.
    pub output_ctx: Context,
    /// Its place: the number of its first definition.
    pub index: usize,
    /// The number of its last change.
    pub visibility: usize,
    /// True when its source is not known (it is not compiled).
    pub unknown_source: bool,
    /// Its name.
    pub name: String,
    /// Its condition text.
    pub cond: String,
    /// Its event source (`syscall`).
    pub source: String,
    /// Its description.
    pub desc: String,
    /// Its output format.
    pub output: String,
    /// Its tags.
    pub tags: BTreeSet<String>,
    /// Its exceptions.
    pub exceptions: Vec<ExceptionInfo>,
    /// Its priority.
    pub priority: Priority,
    /// `capture`.
    pub capture: bool,
    /// `capture_duration` (ms).
    pub capture_duration: u32,
    /// `enabled`.
    pub enabled: bool,
    /// `warn_evttypes`.
    pub warn_evttypes: bool,
    /// `skip-if-unknown-filter`.
    pub skip_if_unknown_filter: bool,
}

impl RuleInfo {
    pub(crate) fn new(ctx: &Context, name: &str) -> RuleInfo {
        RuleInfo {
            ctx: ctx.clone(),
            cond_ctx: ctx.clone(),
            output_ctx: ctx.clone(),
            index: 0,
            visibility: 0,
            unknown_source: false,
            name: name.to_string(),
            cond: String::new(),
            source: String::new(),
            desc: String::new(),
            output: String::new(),
            tags: BTreeSet::new(),
            exceptions: Vec::new(),
            priority: Priority::Debug,
            capture: false,
            capture_duration: 0,
            enabled: true,
            warn_evttypes: true,
            skip_if_unknown_filter: false,
        }
    }
}

/// Keys appended to or replaced in an existing rule.
#[derive(Clone, Debug)]
pub(crate) struct RuleUpdate {
    pub ctx: Context,
    pub name: String,
    pub source: String,
    pub cond: Option<String>,
    pub output: Option<String>,
    pub desc: Option<String>,
    pub tags: Option<BTreeSet<String>>,
    pub exceptions: Option<Vec<ExceptionInfo>>,
    pub priority: Option<Priority>,
    pub capture: Option<bool>,
    pub capture_duration: Option<u32>,
    pub enabled: Option<bool>,
    pub warn_evttypes: Option<bool>,
    pub skip_if_unknown_filter: Option<bool>,
}

impl RuleUpdate {
    pub fn new(ctx: &Context, name: &str) -> RuleUpdate {
        RuleUpdate {
            ctx: ctx.clone(),
            name: name.to_string(),
            source: String::new(),
            cond: None,
            output: None,
            desc: None,
            tags: None,
            exceptions: None,
            priority: None,
            capture: None,
            capture_duration: None,
            enabled: None,
            warn_evttypes: None,
            skip_if_unknown_filter: None,
        }
    }

    fn has_any_value(&self) -> bool {
        self.cond.is_some()
            || self.output.is_some()
            || self.desc.is_some()
            || self.tags.is_some()
            || self.exceptions.is_some()
            || self.priority.is_some()
            || self.enabled.is_some()
            || self.capture.is_some()
            || self.capture_duration.is_some()
            || self.warn_evttypes.is_some()
            || self.skip_if_unknown_filter.is_some()
    }
}

/// Items kept in definition order and found by name.
#[derive(Clone, Debug)]
pub struct Indexed<T> {
    items: Vec<T>,
    by_name: HashMap<String, usize>,
}

impl<T> Default for Indexed<T> {
    fn default() -> Self {
        Indexed {
            items: Vec::new(),
            by_name: HashMap::new(),
        }
    }
}

impl<T> Indexed<T> {
    /// The item called `name`.
    pub fn get(&self, name: &str) -> Option<&T> {
        self.by_name.get(name).map(|&i| &self.items[i])
    }

    pub(crate) fn get_mut(&mut self, name: &str) -> Option<&mut T> {
        self.by_name.get(name).map(|&i| &mut self.items[i])
    }

    /// The position of `name` in definition order.
    pub fn position(&self, name: &str) -> Option<usize> {
        self.by_name.get(name).copied()
    }

    /// The items in definition order.
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.items.iter()
    }

    /// How many.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The items in definition order.
    pub fn as_slice(&self) -> &[T] {
        &self.items
    }

    pub(crate) fn iter_mut(&mut self) -> std::slice::IterMut<'_, T> {
        self.items.iter_mut()
    }

    pub(crate) fn as_mut_slice(&mut self) -> &mut [T] {
        &mut self.items
    }

    pub(crate) fn insert(&mut self, name: &str, item: T) -> usize {
        let i = self.items.len();
        self.items.push(item);
        self.by_name.insert(name.to_string(), i);
        i
    }
}

impl<'a, T> IntoIterator for &'a Indexed<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

/// What is known about event sources, for rules naming a source and for exception fields.
pub(crate) trait Sources {
    /// True when rules of `source` can be compiled.
    fn is_known(&self, source: &str) -> bool;
    /// True when `field` (possibly with transformers) can be the left side of a check of
    /// `source`.
    fn is_valid_lhs_field(&self, source: &str, field: &str) -> bool;
}

/// Every definition collected so far.
#[derive(Clone, Debug, Default)]
pub struct Collector {
    cur_index: usize,
    required_engine_version: Option<EngineVersionInfo>,
    required_plugin_versions: Vec<Vec<PluginRequirement>>,
    lists: Indexed<ListInfo>,
    macros: Indexed<MacroInfo>,
    rules: Indexed<RuleInfo>,
}

trait Defined {
    fn set_order(&mut self, index: usize, visibility: usize);
    fn index(&self) -> usize;
}

macro_rules! defined {
    ($t:ty) => {
        impl Defined for $t {
            fn set_order(&mut self, index: usize, visibility: usize) {
                self.index = index;
                self.visibility = visibility;
            }
            fn index(&self) -> usize {
                self.index
            }
        }
    };
}
defined!(ListInfo);
defined!(MacroInfo);
defined!(RuleInfo);

fn define_info<T: Defined>(infos: &mut Indexed<T>, name: &str, mut info: T, id: usize) {
    match infos.get_mut(name) {
        Some(prev) => {
            info.set_order(prev.index(), id);
            *prev = info;
        }
        None => {
            info.set_order(id, id);
            infos.insert(name, info);
        }
    }
}

/// The comparison operators of the condition language (`exists` included).
const OPERATORS: [&str; 20] = [
    "exists",
    "<=",
    "<",
    ">=",
    ">",
    "==",
    "=",
    "!=",
    "glob",
    "iglob",
    "contains",
    "icontains",
    "bcontains",
    "startswith",
    "bstartswith",
    "endswith",
    "regex",
    "intersects",
    "in",
    "pmatch",
];

/// String operators that take a modifier (`startswith oneof`).
const MODIFIABLE: [&str; 12] = [
    "=",
    "==",
    "!=",
    "contains",
    "icontains",
    "bcontains",
    "startswith",
    "bstartswith",
    "endswith",
    "glob",
    "iglob",
    "regex",
];

/// True for `OP MODIFIER` with a string operator and `oneof`/`anyof`/`allof`, separated by
/// one space.
pub(crate) fn is_str_operator_with_modifier(op: &str) -> bool {
    match op.split_once(' ') {
        Some((base, modifier)) => {
            MODIFIABLE.contains(&base) && matches!(modifier, "oneof" | "anyof" | "allof")
        }
        None => false,
    }
}

/// True for operators whose right side is a list: `in`, `intersects`, `pmatch`, and
/// operators with a modifier.
pub(crate) fn is_operator_for_list(op: &str) -> bool {
    matches!(op, "intersects" | "in" | "pmatch") || is_str_operator_with_modifier(op)
}

fn trim_comp(s: &mut String) {
    let t = s.trim_matches([' ', '\t', '\r', '\n']);
    if t.len() != s.len() {
        *s = t.to_string();
    }
}

fn validate_exception(
    sources: &dyn Sources,
    source: Option<&str>,
    ex: &mut ExceptionInfo,
) -> Result<(), Failure> {
    if ex.fields.is_list {
        if !ex.comps.is_valid() {
            ex.comps.is_list = true;
            for _ in 0..ex.fields.items.len() {
                ex.comps.items.push(ExceptionEntry::scalar("="));
            }
        }
        if ex.fields.items.len() != ex.comps.items.len() {
            return Err(fail(
                "Fields and comps lists must have equal length",
                &ex.ctx,
            ));
        }
        for c in &mut ex.comps.items {
            trim_comp(&mut c.item);
            if !OPERATORS.contains(&c.item.as_str()) && !is_str_operator_with_modifier(&c.item) {
                return Err(fail(
                    format!("'{}' is not a supported comparison operator", c.item),
                    &ex.ctx,
                ));
            }
        }
        if let Some(source) = source {
            for f in &ex.fields.items {
                if !sources.is_valid_lhs_field(source, &f.item) {
                    return Err(fail(
                        format!("'{}' is not a supported filter field", f.item),
                        &ex.ctx,
                    ));
                }
            }
        }
    } else {
        if !ex.comps.is_valid() {
            ex.comps.is_list = false;
            ex.comps.item = "in".to_string();
        }
        if ex.comps.is_list {
            return Err(fail("Fields and comps must both be strings", &ex.ctx));
        }
        trim_comp(&mut ex.comps.item);
        let c = ex.comps.item.as_str();
        if c != "in" && c != "pmatch" && c != "intersects" && !is_str_operator_with_modifier(c) {
            return Err(fail(
                "When fields is a single value, comps must be one of (in, pmatch, intersects) \
                 or a modifier operator (e.g. startswith oneof)",
                &ex.ctx,
            ));
        }
        if let Some(source) = source {
            if !sources.is_valid_lhs_field(source, &ex.fields.item) {
                return Err(fail(
                    format!("'{}' is not a supported filter field", ex.fields.item),
                    &ex.ctx,
                ));
            }
        }
    }
    Ok(())
}

impl Collector {
    /// Nothing collected.
    pub fn new() -> Collector {
        Collector::default()
    }

    /// Forgets everything.
    pub fn clear(&mut self) {
        *self = Collector::default();
    }

    /// The most recent engine version any rules content required.
    pub fn required_engine_version(&self) -> Option<&EngineVersionInfo> {
        self.required_engine_version.as_ref()
    }

    /// Every `required_plugin_versions` entry, each a list of acceptable plugins (the first
    /// one and its `alternatives`).
    pub fn required_plugin_versions(&self) -> &[Vec<PluginRequirement>] {
        &self.required_plugin_versions
    }

    /// The lists.
    pub fn lists(&self) -> &Indexed<ListInfo> {
        &self.lists
    }

    /// The macros.
    pub fn macros(&self) -> &Indexed<MacroInfo> {
        &self.macros
    }

    /// The rules.
    pub fn rules(&self) -> &Indexed<RuleInfo> {
        &self.rules
    }

    fn next_index(&mut self) -> usize {
        let i = self.cur_index;
        self.cur_index += 1;
        i
    }

    pub(crate) fn define_engine_version(&mut self, info: EngineVersionInfo) -> Result<(), Failure> {
        if !ENGINE_VERSION.compatible_with(&info.version) {
            return Err(fail(
                format!(
                    "Rules require engine version {}, but engine version is {}",
                    info.version, ENGINE_VERSION
                ),
                &info.ctx,
            ));
        }
        let newer = match &self.required_engine_version {
            Some(prev) => prev.version < info.version,
            None => Version::new(0, 0, 0) < info.version,
        };
        if newer {
            self.required_engine_version = Some(info);
        }
        Ok(())
    }

    pub(crate) fn define_plugin_versions(
        &mut self,
        ctx: &Context,
        alternatives: Vec<PluginRequirement>,
    ) -> Result<(), Failure> {
        let mut seen = BTreeSet::new();
        for req in &alternatives {
            if Version::parse(&req.version).is_none() {
                return Err(fail(
                    format!(
                        "Invalid required version '{}' for plugin '{}'",
                        req.version, req.name
                    ),
                    ctx,
                ));
            }
            if !seen.insert(req.name.as_str()) {
                return Err(fail(
                    format!(
                        "Defined multiple alternative version requirements for plugin '{}'",
                        req.name
                    ),
                    ctx,
                ));
            }
        }
        self.required_plugin_versions.push(alternatives);
        Ok(())
    }

    pub(crate) fn define_list(&mut self, info: ListInfo) {
        let id = self.next_index();
        let name = info.name.clone();
        define_info(&mut self.lists, &name, info, id);
    }

    pub(crate) fn append_list(&mut self, info: ListInfo) -> Result<(), Failure> {
        if self.lists.get(&info.name).is_none() {
            return Err(fail(ERROR_NO_PREVIOUS_LIST, &info.ctx));
        }
        let id = self.next_index();
        let prev = self.lists.get_mut(&info.name).expect("checked");
        prev.items.extend(info.items);
        prev.visibility = id;
        Ok(())
    }

    pub(crate) fn define_macro(&mut self, info: MacroInfo) {
        let id = self.next_index();
        let name = info.name.clone();
        define_info(&mut self.macros, &name, info, id);
    }

    pub(crate) fn append_macro(&mut self, info: MacroInfo) -> Result<(), Failure> {
        if self.macros.get(&info.name).is_none() {
            return Err(fail(ERROR_NO_PREVIOUS_MACRO, &info.ctx));
        }
        let id = self.next_index();
        let prev = self.macros.get_mut(&info.name).expect("checked");
        prev.cond.push(' ');
        prev.cond.push_str(&info.cond);
        prev.visibility = id;
        Ok(())
    }

    /// The previous definition of `name`, refusing a redefinition with another explicit
    /// source.
    fn find_prev_rule(
        &mut self,
        name: &str,
        source: &str,
        ctx: &Context,
    ) -> Result<Option<&mut RuleInfo>, Failure> {
        let prev = self.rules.get_mut(name);
        if let Some(p) = &prev {
            if !p.source.is_empty() && !source.is_empty() && p.source != source {
                return Err(fail(
                    "Rule has been re-defined with a different source",
                    ctx,
                ));
            }
        }
        Ok(prev)
    }

    pub(crate) fn define_rule(
        &mut self,
        mut info: RuleInfo,
        sources: &dyn Sources,
        res: &mut LoadResult,
    ) -> Result<(), Failure> {
        self.find_prev_rule(&info.name, &info.source, &info.ctx)?;
        let known = sources.is_known(&info.source);
        if !known {
            info.unknown_source = true;
            res.add_warning(
                WarningCode::LOAD_UNKNOWN_SOURCE,
                format!("Unknown source {}, skipping", info.source),
                &info.ctx,
            );
        }
        let source = known.then(|| info.source.clone());
        for ex in &mut info.exceptions {
            if !ex.fields.is_valid() {
                return Err(fail(
                    "Rule exception item must have fields property with a list of fields",
                    &ex.ctx,
                ));
            }
            validate_exception(sources, source.as_deref(), ex)?;
        }
        let id = self.next_index();
        let name = info.name.clone();
        define_info(&mut self.rules, &name, info, id);
        Ok(())
    }

    /// The source of an existing rule, for validating exceptions added to it.
    fn prev_source(
        prev: &RuleInfo,
        sources: &dyn Sources,
        ctx: &Context,
    ) -> Result<Option<String>, Failure> {
        if prev.unknown_source {
            return Ok(None);
        }
        if !sources.is_known(&prev.source) {
            return Err(fail(format!("Unknown source {}", prev.source), ctx));
        }
        Ok(Some(prev.source.clone()))
    }

    pub(crate) fn append_rule(
        &mut self,
        info: RuleUpdate,
        sources: &dyn Sources,
    ) -> Result<(), Failure> {
        let exists = self
            .find_prev_rule(&info.name, &info.source, &info.ctx)?
            .is_some();
        if !exists {
            return Err(fail(ERROR_NO_PREVIOUS_RULE_APPEND, &info.ctx));
        }
        if !info.has_any_value() {
            return Err(fail(
                "Appended rule must have exceptions or condition property",
                &info.ctx,
            ));
        }
        let id = self.cur_index;
        let prev = self.rules.get_mut(&info.name).expect("checked");
        let source = Collector::prev_source(prev, sources, &info.ctx)?;
        if let Some(c) = info.cond.as_deref().filter(|c| !c.is_empty()) {
            prev.cond.push(' ');
            prev.cond.push_str(c);
        }
        if let Some(o) = info.output.as_deref().filter(|o| !o.is_empty()) {
            prev.output.push(' ');
            prev.output.push_str(o);
        }
        if let Some(d) = info.desc.as_deref().filter(|d| !d.is_empty()) {
            prev.desc.push(' ');
            prev.desc.push_str(d);
        }
        if let Some(tags) = info.tags {
            prev.tags.extend(tags);
        }
        if let Some(exceptions) = info.exceptions {
            for mut ex in exceptions {
                match prev.exceptions.iter_mut().find(|e| e.name == ex.name) {
                    None => {
                        if !ex.fields.is_valid() {
                            return Err(fail(
                                "Rule exception must have fields property with a list of fields",
                                &ex.ctx,
                            ));
                        }
                        if ex.values.is_empty() {
                            return Err(fail(
                                "Rule exception must have values property with a list of values",
                                &ex.ctx,
                            ));
                        }
                        validate_exception(sources, source.as_deref(), &mut ex)?;
                        prev.exceptions.push(ex);
                    }
                    Some(prev_ex) => {
                        if ex.fields.is_valid() {
                            return Err(fail(
                                "Can not append exception fields to existing exception, only \
                                 values",
                                &ex.ctx,
                            ));
                        }
                        if ex.comps.is_valid() {
                            return Err(fail(
                                "Can not append exception comps to existing exception, only \
                                 values",
                                &ex.ctx,
                            ));
                        }
                        prev_ex.values.extend(ex.values);
                    }
                }
            }
        }
        prev.visibility = id;
        self.cur_index += 1;
        Ok(())
    }

    pub(crate) fn replace_rule(
        &mut self,
        info: RuleUpdate,
        sources: &dyn Sources,
    ) -> Result<(), Failure> {
        let exists = self
            .find_prev_rule(&info.name, &info.source, &info.ctx)?
            .is_some();
        if !exists {
            return Err(fail(ERROR_NO_PREVIOUS_RULE_REPLACE, &info.ctx));
        }
        if !info.has_any_value() {
            return Err(fail(
                "The rule must have at least one field that can be replaced",
                &info.ctx,
            ));
        }
        let id = self.cur_index;
        let prev = self.rules.get_mut(&info.name).expect("checked");
        let source = Collector::prev_source(prev, sources, &info.ctx)?;
        let mut info = info;
        // Falco leaves replaced exceptions unchecked (and then reads their operators out of
        // bounds when they have none): check and complete them as definitions are.
        if let Some(exceptions) = &mut info.exceptions {
            for ex in exceptions {
                validate_exception(sources, source.as_deref(), ex)?;
            }
        }
        if let Some(v) = info.cond {
            prev.cond = v;
        }
        if let Some(v) = info.output {
            prev.output = v;
        }
        if let Some(v) = info.desc {
            prev.desc = v;
        }
        if let Some(v) = info.tags {
            prev.tags = v;
        }
        if let Some(v) = info.exceptions {
            prev.exceptions = v;
        }
        if let Some(v) = info.priority {
            prev.priority = v;
        }
        if let Some(v) = info.capture {
            prev.capture = v;
        }
        if let Some(v) = info.capture_duration {
            prev.capture_duration = v;
        }
        if let Some(v) = info.enabled {
            prev.enabled = v;
        }
        if let Some(v) = info.warn_evttypes {
            prev.warn_evttypes = v;
        }
        if let Some(v) = info.skip_if_unknown_filter {
            prev.skip_if_unknown_filter = v;
        }
        prev.visibility = id;
        self.cur_index += 1;
        Ok(())
    }

    pub(crate) fn enable_rule(
        &mut self,
        name: &str,
        enabled: bool,
        ctx: &Context,
    ) -> Result<(), Failure> {
        match self.rules.get_mut(name) {
            Some(prev) => {
                prev.enabled = enabled;
                Ok(())
            }
            None => Err(fail(
                "Rule has 'enabled' key but no rule by that name already exists",
                ctx,
            )),
        }
    }
}
