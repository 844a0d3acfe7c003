//! Rules content to definitions: YAML items checked and decoded the way Falco's reader does
//! (same order of checks, same messages, same contexts), and handed to the [`Collector`].
//!
//! Reading stops at the first error of a content; the definitions read before it stay
//! collected.

use std::collections::BTreeSet;
use std::rc::Rc;

use crate::collector::{
    Collector, EngineVersionInfo, ExceptionEntry, ExceptionInfo, ListInfo, MacroInfo,
    PluginRequirement, RuleInfo, RuleUpdate, Sources, ERROR_OVERRIDE_APPEND, SYSCALL_SOURCE,
    WARNING_APPEND, WARNING_ENABLED,
};
use crate::priority::Priority;
use crate::result::{Context, ErrorCode, Failure, ItemType, LoadResult, WarningCode};
use crate::schema;
use crate::version::Version;
use crate::yaml::{self, Node};

type R<T> = Result<T, Failure>;

/// An error of the structure of the YAML (LOAD_ERR_YAML_VALIDATE).
fn invalid(msg: impl Into<String>, ctx: &Context) -> Failure {
    Failure::new(ErrorCode::LOAD_ERR_YAML_VALIDATE, msg, ctx)
}

/// The regular expression list names should match (printed in the warning).
const RGX_BARESTR: &str = "([^()\"'[:space:]=,]+)";
/// The regular expression macro names should match (printed in the warning).
const RGX_IDENTIFIER: &str = "([a-zA-Z]+[a-zA-Z0-9_]*)";

fn is_barestr(s: &str) -> bool {
    !s.is_empty()
        && !s.bytes().any(|b| {
            matches!(
                b,
                b'(' | b')'
                    | b'"'
                    | b'\''
                    | b'='
                    | b','
                    | b' '
                    | b'\t'
                    | b'\n'
                    | b'\r'
                    | 0x0b
                    | 0x0c
            )
        })
}

fn is_identifier(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b[0].is_ascii_alphabetic()
        && b.iter().all(|&c| c.is_ascii_alphanumeric() || c == b'_')
}

/// C's `isspace`.
fn is_c_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c')
}

struct Reader<'a> {
    /// The whole content's context: where errors that aren't about an item are.
    root: Context,
    res: &'a mut LoadResult,
    collector: &'a mut Collector,
    sources: &'a dyn Sources,
}

/// Reads `content` (named `name`) into `collector`, recording errors and warnings in `res`.
/// Returns false when an error stopped the reading.
pub(crate) fn read(
    content: &str,
    name: &str,
    collector: &mut Collector,
    sources: &dyn Sources,
    res: &mut LoadResult,
) -> bool {
    let root = Context::new(name);
    let docs = match yaml::load_all(content) {
        Ok(d) => d,
        Err(e) => {
            let ctx = root.child(e.mark, ItemType::ValueFor, "");
            res.add_error(ErrorCode::LOAD_ERR_YAML_PARSE, e.message, &ctx);
            return false;
        }
    };
    res.set_schema_status(docs.iter().map(|d| schema::validate(d)).collect());
    let mut reader = Reader {
        root,
        res,
        collector,
        sources,
    };
    for doc in &docs {
        if doc.is_null() {
            continue;
        }
        if let Err(f) = reader.read_doc(doc) {
            reader.res.add_failure(f);
            return false;
        }
    }
    true
}

/// The value of `key` as a string, with Falco's checks: present (unless `optional`), not
/// null and not empty (unless `can_be_empty`), a scalar. `None` when absent and optional, or
/// null or empty and allowed to be.
fn scalar<'n>(
    item: &'n Node,
    key: &str,
    ctx: &Context,
    optional: bool,
    can_be_empty: bool,
) -> R<Option<(&'n Node, Context)>> {
    let Some(val) = item.get(key) else {
        if optional {
            return Ok(None);
        }
        return Err(invalid(format!("Item has no mapping for key '{key}'"), ctx));
    };
    if val.is_null() {
        if can_be_empty {
            return Ok(None);
        }
        return Err(invalid(format!("Mapping for key '{key}' is empty"), ctx));
    }
    let valctx = ctx.child(val.mark, ItemType::ValueFor, key);
    let Some(s) = val.scalar() else {
        return Err(invalid("Value is not a scalar value", &valctx));
    };
    if s.is_empty() {
        if can_be_empty {
            return Ok(None);
        }
        return Err(invalid("Value must be non-empty", &valctx));
    }
    Ok(Some((val, valctx)))
}

fn decode_string(item: &Node, key: &str, ctx: &Context) -> R<String> {
    let (v, _) = scalar(item, key, ctx, false, false)?.expect("required");
    Ok(v.scalar().unwrap_or_default().to_string())
}

fn decode_optional_string(item: &Node, key: &str, ctx: &Context) -> R<Option<String>> {
    Ok(scalar(item, key, ctx, true, false)?.map(|(v, _)| v.scalar().unwrap_or_default().into()))
}

fn convert<T>(found: Option<(&Node, Context)>, f: impl Fn(&Node) -> Option<T>) -> R<Option<T>> {
    match found {
        None => Ok(None),
        Some((v, valctx)) => match f(v) {
            Some(x) => Ok(Some(x)),
            None => Err(invalid("Can't decode YAML scalar value", &valctx)),
        },
    }
}

fn decode_bool(item: &Node, key: &str, ctx: &Context) -> R<bool> {
    Ok(convert(scalar(item, key, ctx, false, false)?, Node::as_bool)?.expect("required"))
}

fn decode_optional_bool(item: &Node, key: &str, ctx: &Context) -> R<Option<bool>> {
    convert(scalar(item, key, ctx, true, false)?, Node::as_bool)
}

fn decode_u32(item: &Node, key: &str, ctx: &Context) -> R<u32> {
    Ok(convert(scalar(item, key, ctx, false, false)?, Node::as_u32)?.expect("required"))
}

fn decode_optional_u32(item: &Node, key: &str, ctx: &Context) -> R<Option<u32>> {
    convert(scalar(item, key, ctx, true, false)?, Node::as_u32)
}

/// A sequence of strings (`items`, `tags`).
fn decode_seq(item: &Node, key: &str, ctx: &Context, optional: bool) -> R<Option<Vec<String>>> {
    let Some(val) = item.get(key) else {
        if optional {
            return Ok(None);
        }
        return Err(invalid(format!("Item has no mapping for key '{key}'"), ctx));
    };
    let valctx = ctx.child(val.mark, ItemType::ValueFor, key);
    if !val.is_seq() {
        return Err(invalid("Value is not a sequence", &valctx));
    }
    let mut out = Vec::with_capacity(val.seq().len());
    for v in val.seq() {
        match v.scalar() {
            Some(s) => out.push(s.to_string()),
            None => {
                let ictx = valctx.child(v.mark, ItemType::ListItem, "");
                return Err(invalid("sequence value is not scalar", &ictx));
            }
        }
    }
    Ok(Some(out))
}

fn decode_tags(item: &Node, ctx: &Context) -> R<BTreeSet<String>> {
    Ok(decode_seq(item, "tags", ctx, true)?
        .unwrap_or_default()
        .into_iter()
        .collect())
}

/// `fields`, `comps` or a value of an exception: a string, a (nested) list of strings, or
/// nothing for other nodes.
fn decode_entry(
    item: &Node,
    key: Option<&str>,
    ctx: &Context,
    optional: bool,
) -> R<ExceptionEntry> {
    let val = match key {
        Some(k) => match item.get(k) {
            Some(v) => &**v,
            None if optional => return Ok(ExceptionEntry::default()),
            None => {
                return Err(invalid(format!("Item has no mapping for key '{k}'"), ctx));
            }
        },
        None => item,
    };
    let valctx = ctx.child(val.mark, ItemType::ValueFor, key.unwrap_or(""));
    let mut out = ExceptionEntry::default();
    if let Some(s) = val.scalar() {
        if s.is_empty() {
            return Err(invalid("Value must be non-empty", &valctx));
        }
        out.item = s.to_string();
    } else if val.is_seq() {
        out.is_list = true;
        for v in val.seq() {
            let lctx = valctx.child(v.mark, ItemType::Exception, "");
            out.items.push(decode_entry(v, None, &lctx, false)?);
        }
    }
    Ok(out)
}

const RULE_APPENDABLE: [&str; 5] = ["condition", "output", "desc", "tags", "exceptions"];
const RULE_REPLACEABLE: [&str; 11] = [
    "condition",
    "output",
    "desc",
    "priority",
    "capture",
    "capture_duration",
    "tags",
    "exceptions",
    "enabled",
    "warn_evttypes",
    "skip-if-unknown-filter",
];
const RULE_KEYS: [&str; 15] = [
    "rule",
    "condition",
    "output",
    "desc",
    "priority",
    "source",
    "enabled",
    "capture",
    "capture_duration",
    "warn_evttypes",
    "skip-if-unknown-filter",
    "tags",
    "exceptions",
    "override",
    "append",
];

impl Reader<'_> {
    /// A failure that is not about an item (yaml-cpp exceptions in Falco): reported on the
    /// whole content.
    fn validate_failure(&self, msg: String) -> Failure {
        Failure::new(ErrorCode::LOAD_ERR_VALIDATE, msg, &self.root)
    }

    fn read_doc(&mut self, doc: &Node) -> R<()> {
        if !doc.is_map() && !doc.is_seq() {
            return Err(invalid("Rules content is not yaml", &self.root));
        }
        if !doc.is_seq() {
            return Err(invalid(
                "Rules content is not yaml array of objects",
                &self.root,
            ));
        }
        for item in doc.seq() {
            if !item.is_null() {
                self.read_item(item)?;
            }
        }
        Ok(())
    }

    fn warn_unknown_keys(&mut self, item: &Node, expected: &[&str], ctx: &Context) -> R<()> {
        for (k, _) in item.entries() {
            let key = k.as_string().map_err(|m| self.validate_failure(m))?;
            if !expected.contains(&key) {
                self.res.add_warning(
                    WarningCode::LOAD_UNKNOWN_KEY,
                    format!("Unknown key '{key}'. The key will be ignored."),
                    ctx,
                );
            }
        }
        Ok(())
    }

    /// The keys of `override`, split into those to append and those to replace.
    fn decode_overrides(
        &self,
        item: &Node,
        appendable: &[&str],
        replaceable: &[&str],
        ctx: &Context,
    ) -> R<(BTreeSet<String>, BTreeSet<String>)> {
        let mut append = BTreeSet::new();
        let mut replace = BTreeSet::new();
        let Some(val) = item.get("override") else {
            return Ok((append, replace));
        };
        let overridectx = ctx.child(item.mark, ItemType::Override, "");
        if val.is_seq() && !val.seq().is_empty() {
            return Err(self.validate_failure(
                "invalid node; this may result from using a map iterator as a sequence \
                 iterator, or vice-versa"
                    .to_string(),
            ));
        }
        for (k, v) in val.entries() {
            let key = k.as_string().map_err(|m| self.validate_failure(m))?;
            let operation = v.as_string().map_err(|m| self.validate_failure(m))?;
            let can_append = appendable.contains(&key);
            let can_replace = replaceable.contains(&key);
            match operation {
                "append" => {
                    if !can_append {
                        let keyctx = overridectx.child(k.mark, ItemType::Override, key);
                        return Err(invalid(
                            format!("Key '{key}' cannot be appended to, use 'replace' instead"),
                            &keyctx,
                        ));
                    }
                    append.insert(key.to_string());
                }
                "replace" => {
                    if !can_replace {
                        let keyctx = overridectx.child(k.mark, ItemType::Override, key);
                        return Err(invalid(format!("Key '{key}' cannot be replaced"), &keyctx));
                    }
                    replace.insert(key.to_string());
                }
                _ => {
                    let opctx = overridectx.child(v.mark, ItemType::ValueFor, key);
                    let mut msg = format!(
                        "Invalid override operation for key '{key}': '{operation}'. Allowed \
                         values are: "
                    );
                    if can_append {
                        msg.push_str("append ");
                    }
                    if can_replace {
                        msg.push_str("replace ");
                    }
                    return Err(invalid(msg, &opctx));
                }
            }
        }
        Ok((append, replace))
    }

    fn read_exceptions(
        &mut self,
        item: &Node,
        parent: &Context,
        append: bool,
    ) -> R<Vec<ExceptionInfo>> {
        let mut exceptions: Vec<ExceptionInfo> = Vec::new();
        let Some(exs) = item.get("exceptions") else {
            return Ok(exceptions);
        };
        if exs.is_null() {
            return Ok(exceptions);
        }
        let exes_ctx = parent.child(exs.mark, ItemType::Exceptions, "");
        if !exs.is_seq() {
            return Err(invalid("Rule exceptions must be a sequence", &exes_ctx));
        }
        for ex in exs.seq() {
            let tmp = exes_ctx.child(ex.mark, ItemType::Exception, "");
            if !ex.is_map() {
                return Err(invalid("Rule exception must be a mapping", &tmp));
            }
            let name = decode_string(ex, "name", &tmp)?;
            let ex_ctx = parent.child(ex.mark, ItemType::Exception, &name);
            for prev in &exceptions {
                if prev.name == name {
                    self.res.add_warning(
                        WarningCode::LOAD_EXCEPTION_NAME_NOT_UNIQUE,
                        format!("Multiple definitions of exception '{name}' in the same rule"),
                        &ex_ctx,
                    );
                }
            }
            let fields = decode_entry(ex, Some("fields"), &ex_ctx, append)?;
            let comps = decode_entry(ex, Some("comps"), &ex_ctx, true)?;
            let mut values = Vec::new();
            if let Some(exvals) = ex.get("values") {
                let vals_ctx = ex_ctx.child(exvals.mark, ItemType::ExceptionValues, "");
                if !exvals.is_seq() {
                    return Err(invalid(
                        "Rule exception values must be a sequence",
                        &vals_ctx,
                    ));
                }
                for val in exvals.seq() {
                    let vctx = vals_ctx.child(val.mark, ItemType::ExceptionValue, "");
                    values.push(decode_entry(val, None, &vctx, false)?);
                }
            } else if append {
                self.res.add_warning(
                    WarningCode::LOAD_APPEND_NO_VALUES,
                    "Overriding/appending exception with no values",
                    &ex_ctx,
                );
            }
            exceptions.push(ExceptionInfo {
                ctx: ex_ctx,
                name,
                fields,
                comps,
                values,
            });
        }
        Ok(exceptions)
    }

    fn read_item(&mut self, item: &Rc<Node>) -> R<()> {
        let parent = self.root.clone();
        if !item.is_map() {
            let tmp = parent.child(item.mark, ItemType::RulesContentItem, "");
            return Err(invalid(
                "Unexpected element type. Each element should be a yaml associative array.",
                &tmp,
            ));
        }
        if item.get("required_engine_version").is_some() {
            self.read_engine_version(item, &parent)
        } else if let Some(rpv) = item.get("required_plugin_versions") {
            self.read_plugin_versions(item, rpv, &parent)
        } else if item.get("list").is_some() {
            self.read_list(item, &parent)
        } else if item.get("macro").is_some() {
            self.read_macro(item, &parent)
        } else if item.get("rule").is_some() {
            self.read_rule(item, &parent)
        } else {
            let ctx = parent.child(item.mark, ItemType::RulesContentItem, "");
            self.res.add_warning(
                WarningCode::LOAD_UNKNOWN_ITEM,
                "Unknown top level item",
                &ctx,
            );
            Ok(())
        }
    }

    fn read_engine_version(&mut self, item: &Node, parent: &Context) -> R<()> {
        let ctx = parent.child(item.mark, ItemType::RequiredEngineVersion, "");
        let (val, _) =
            scalar(item, "required_engine_version", &ctx, false, false)?.expect("required");
        let version = match val.as_u32() {
            Some(minor) => Version::from_legacy_number(minor),
            None => {
                let text = val.scalar().unwrap_or_default();
                Version::parse(text).ok_or_else(|| {
                    invalid(
                        format!(
                            "Unable to parse engine version '{text}' as a semver string. \
                             Expected \"x.y.z\" semver format."
                        ),
                        &ctx,
                    )
                })?
            }
        };
        self.collector.define_engine_version(EngineVersionInfo {
            ctx: ctx.clone(),
            version,
        })?;
        self.warn_unknown_keys(item, &["required_engine_version"], &ctx)
    }

    fn read_plugin_versions(&mut self, item: &Node, rpv: &Node, parent: &Context) -> R<()> {
        let ctx = parent.child(rpv.mark, ItemType::RequiredPluginVersions, "");
        if !rpv.is_seq() {
            return Err(invalid(
                "Value of required_plugin_versions must be a sequence",
                &ctx,
            ));
        }
        for plugin in rpv.seq() {
            let tmp = ctx.child(plugin.mark, ItemType::RequiredPluginVersionsEntry, "");
            if !plugin.is_map() {
                return Err(invalid("Plugin version must be a mapping", &tmp));
            }
            let name = decode_string(plugin, "name", &tmp)?;
            let pctx = ctx.child(plugin.mark, ItemType::RequiredPluginVersionsEntry, &name);
            let version = decode_string(plugin, "version", &pctx)?;
            let mut alternatives = vec![PluginRequirement { name, version }];
            if let Some(alts) = plugin.get("alternatives") {
                if !alts.is_seq() {
                    return Err(invalid(
                        "Value of plugin version alternatives must be a sequence",
                        &pctx,
                    ));
                }
                for req in alts.seq() {
                    let tmp = pctx.child(req.mark, ItemType::RequiredPluginVersionsAlternative, "");
                    if !req.is_map() {
                        return Err(invalid(
                            "Plugin version alternative must be a mapping",
                            &tmp,
                        ));
                    }
                    let name = decode_string(req, "name", &tmp)?;
                    let tmp =
                        pctx.child(req.mark, ItemType::RequiredPluginVersionsAlternative, &name);
                    let version = decode_string(req, "version", &tmp)?;
                    alternatives.push(PluginRequirement { name, version });
                }
            }
            self.collector.define_plugin_versions(&pctx, alternatives)?;
        }
        let rpv_ctx = parent.child(item.mark, ItemType::RequiredPluginVersions, "");
        self.warn_unknown_keys(item, &["required_plugin_versions"], &rpv_ctx)
    }

    fn read_list(&mut self, item: &Node, parent: &Context) -> R<()> {
        let tmp = parent.child(item.mark, ItemType::List, "");
        let name = decode_string(item, "list", &tmp)?;
        let ctx = parent.child(item.mark, ItemType::List, &name);
        if !is_barestr(&name) {
            self.res.add_warning(
                WarningCode::LOAD_INVALID_LIST_NAME,
                format!(
                    "List has an invalid name. List names should match a regular expression: \
                     {RGX_BARESTR}"
                ),
                &ctx,
            );
        }
        let items = decode_seq(item, "items", &ctx, false)?.expect("required");
        let mut append = decode_optional_bool(item, "append", &ctx)?.unwrap_or(false);
        if append {
            self.res
                .add_warning(WarningCode::LOAD_DEPRECATED_ITEM, WARNING_APPEND, &ctx);
        }
        let (ov_append, ov_replace) = self.decode_overrides(item, &["items"], &["items"], &ctx)?;
        if append && !(ov_append.is_empty() && ov_replace.is_empty()) {
            return Err(invalid(ERROR_OVERRIDE_APPEND, &ctx));
        }
        append |= ov_append.contains("items");
        let info = ListInfo {
            ctx: ctx.clone(),
            index: 0,
            visibility: 0,
            name,
            items,
        };
        if append {
            self.collector.append_list(info)?;
        } else {
            self.collector.define_list(info);
        }
        self.warn_unknown_keys(item, &["list", "items", "append", "override"], &ctx)
    }

    fn read_macro(&mut self, item: &Node, parent: &Context) -> R<()> {
        let tmp = parent.child(item.mark, ItemType::Macro, "");
        let name = decode_string(item, "macro", &tmp)?;
        let ctx = parent.child(item.mark, ItemType::Macro, &name);
        if !is_identifier(&name) {
            self.res.add_warning(
                WarningCode::LOAD_INVALID_MACRO_NAME,
                format!(
                    "Macro has an invalid name. Macro names should match a regular \
                     expression: {RGX_IDENTIFIER}"
                ),
                &ctx,
            );
        }
        let cond = decode_string(item, "condition", &ctx)?;
        let cond_node = item.get("condition").expect("decoded");
        let cond_ctx = ctx.child(cond_node.mark, ItemType::MacroCondition, "");
        let mut append = decode_optional_bool(item, "append", &ctx)?.unwrap_or(false);
        if append {
            self.res
                .add_warning(WarningCode::LOAD_DEPRECATED_ITEM, WARNING_APPEND, &ctx);
        }
        let (ov_append, ov_replace) =
            self.decode_overrides(item, &["condition"], &["condition"], &ctx)?;
        if append && !(ov_append.is_empty() && ov_replace.is_empty()) {
            return Err(invalid(ERROR_OVERRIDE_APPEND, &ctx));
        }
        append |= ov_append.contains("condition");
        let info = MacroInfo {
            ctx: ctx.clone(),
            cond_ctx,
            index: 0,
            visibility: 0,
            name,
            cond,
        };
        if append {
            self.collector.append_macro(info)?;
        } else {
            self.collector.define_macro(info);
        }
        self.warn_unknown_keys(item, &["macro", "condition", "append", "override"], &ctx)
    }

    fn read_rule(&mut self, item: &Node, parent: &Context) -> R<()> {
        let tmp = parent.child(item.mark, ItemType::Rule, "");
        let name = decode_string(item, "rule", &tmp)?;
        let ctx = parent.child(item.mark, ItemType::Rule, &name);
        let source = scalar(item, "source", &ctx, true, true)?
            .map(|(v, _)| v.scalar().unwrap_or_default().to_string())
            .unwrap_or_default();
        let has_append_flag = decode_optional_bool(item, "append", &ctx)?.unwrap_or(false);
        if has_append_flag {
            self.res
                .add_warning(WarningCode::LOAD_DEPRECATED_ITEM, WARNING_APPEND, &ctx);
        }
        let (ov_append, ov_replace) =
            self.decode_overrides(item, &RULE_APPENDABLE, &RULE_REPLACEABLE, &ctx)?;
        let has_overrides = !ov_append.is_empty() || !ov_replace.is_empty();
        if has_append_flag && has_overrides {
            return Err(invalid(ERROR_OVERRIDE_APPEND, &ctx));
        }
        if has_overrides {
            self.read_rule_overrides(item, &ctx, &name, &source, &ov_append, &ov_replace)?;
        } else if has_append_flag {
            let mut v = RuleUpdate::new(&ctx, &name);
            v.source = source;
            if item.get("condition").is_some() {
                v.cond = Some(decode_string(item, "condition", &ctx)?);
            }
            if item.get("exceptions").is_some() {
                v.exceptions = Some(self.read_exceptions(item, &ctx, true)?);
            }
            self.collector.append_rule(v, self.sources)?;
        } else if item.get("condition").is_none()
            && item.get("output").is_none()
            && item.get("desc").is_none()
            && item.get("priority").is_none()
        {
            let enabled = decode_bool(item, "enabled", &ctx)?;
            self.res
                .add_warning(WarningCode::LOAD_DEPRECATED_ITEM, WARNING_ENABLED, &ctx);
            self.collector.enable_rule(&name, enabled, &ctx)?;
        } else {
            let mut v = RuleInfo::new(&ctx, &name);
            v.cond = decode_string(item, "condition", &ctx)?;
            let cond_node = item.get("condition").expect("decoded");
            v.cond_ctx = ctx.child(cond_node.mark, ItemType::RuleCondition, "");
            v.output = decode_string(item, "output", &ctx)?;
            let out_node = item.get("output").expect("decoded");
            v.output_ctx = ctx.child(out_node.mark, ItemType::RuleOutput, "");
            v.desc = decode_string(item, "desc", &ctx)?;
            let priority = decode_string(item, "priority", &ctx)?;
            v.output = v.output.trim_matches(is_c_space).to_string();
            v.source = SYSCALL_SOURCE.to_string();
            let pri_node = item.get("priority").expect("decoded");
            let prictx = ctx.child(pri_node.mark, ItemType::RulePriority, "");
            v.priority =
                Priority::parse(&priority).ok_or_else(|| invalid("Invalid priority", &prictx))?;
            if let Some(s) = decode_optional_string(item, "source", &ctx)? {
                v.source = s;
            }
            if let Some(b) = decode_optional_bool(item, "enabled", &ctx)? {
                v.enabled = b;
            }
            if let Some(b) = decode_optional_bool(item, "capture", &ctx)? {
                v.capture = b;
            }
            if let Some(d) = decode_optional_u32(item, "capture_duration", &ctx)? {
                v.capture_duration = d;
            }
            if let Some(b) = decode_optional_bool(item, "warn_evttypes", &ctx)? {
                v.warn_evttypes = b;
            }
            if let Some(b) = decode_optional_bool(item, "skip-if-unknown-filter", &ctx)? {
                v.skip_if_unknown_filter = b;
            }
            v.tags = decode_tags(item, &ctx)?;
            v.exceptions = self.read_exceptions(item, &ctx, false)?;
            self.collector.define_rule(v, self.sources, self.res)?;
        }
        self.warn_unknown_keys(item, &RULE_KEYS, &ctx)
    }

    fn read_rule_overrides(
        &mut self,
        item: &Node,
        ctx: &Context,
        name: &str,
        source: &str,
        ov_append: &BTreeSet<String>,
        ov_replace: &BTreeSet<String>,
    ) -> R<()> {
        // The keys that can be appended or replaced and are given.
        let mut expected: BTreeSet<&str> = RULE_APPENDABLE
            .iter()
            .chain(RULE_REPLACEABLE.iter())
            .copied()
            .filter(|k| item.get(k).is_some())
            .collect();
        let check = |expected: &mut BTreeSet<&str>,
                     overrides: &BTreeSet<String>,
                     kind: &str,
                     key: &str|
         -> R<bool> {
            if !overrides.contains(key) {
                return Ok(false);
            }
            if !expected.remove(key) {
                return Err(invalid(
                    format!(
                        "An {kind} override for '{key}' was specified but '{key}' is not defined"
                    ),
                    ctx,
                ));
            }
            Ok(true)
        };
        if !ov_append.is_empty() {
            let mut v = RuleUpdate::new(ctx, name);
            if check(&mut expected, ov_append, "append", "condition")? {
                v.source = source.to_string();
                v.cond = Some(decode_string(item, "condition", ctx)?);
            }
            if check(&mut expected, ov_append, "append", "exceptions")? {
                v.exceptions = Some(self.read_exceptions(item, ctx, true)?);
            }
            if check(&mut expected, ov_append, "append", "output")? {
                v.output = Some(decode_string(item, "output", ctx)?);
            }
            if check(&mut expected, ov_append, "append", "desc")? {
                v.desc = Some(decode_string(item, "desc", ctx)?);
            }
            if check(&mut expected, ov_append, "append", "tags")? {
                v.tags = Some(decode_tags(item, ctx)?);
            }
            self.collector.append_rule(v, self.sources)?;
        }
        if !ov_replace.is_empty() {
            let mut v = RuleUpdate::new(ctx, name);
            if check(&mut expected, ov_replace, "replace", "condition")? {
                v.source = source.to_string();
                v.cond = Some(decode_string(item, "condition", ctx)?);
            }
            if check(&mut expected, ov_replace, "replace", "exceptions")? {
                v.exceptions = Some(self.read_exceptions(item, ctx, false)?);
            }
            if check(&mut expected, ov_replace, "replace", "output")? {
                v.output = Some(decode_string(item, "output", ctx)?);
            }
            if check(&mut expected, ov_replace, "replace", "desc")? {
                v.desc = Some(decode_string(item, "desc", ctx)?);
            }
            if check(&mut expected, ov_replace, "replace", "tags")? {
                v.tags = Some(decode_tags(item, ctx)?);
            }
            if check(&mut expected, ov_replace, "replace", "priority")? {
                let priority = decode_string(item, "priority", ctx)?;
                let pri_node = item.get("priority").expect("decoded");
                let prictx = ctx.child(pri_node.mark, ItemType::RulePriority, "");
                v.priority = Some(
                    Priority::parse(&priority)
                        .ok_or_else(|| invalid("Invalid priority", &prictx))?,
                );
            }
            if check(&mut expected, ov_replace, "replace", "capture")? {
                v.capture = Some(decode_bool(item, "capture", ctx)?);
            }
            if check(&mut expected, ov_replace, "replace", "capture_duration")? {
                v.capture_duration = Some(decode_u32(item, "capture_duration", ctx)?);
            }
            if check(&mut expected, ov_replace, "replace", "enabled")? {
                v.enabled = Some(decode_bool(item, "enabled", ctx)?);
            }
            if check(&mut expected, ov_replace, "replace", "warn_evttypes")? {
                v.warn_evttypes = Some(decode_bool(item, "warn_evttypes", ctx)?);
            }
            if check(
                &mut expected,
                ov_replace,
                "replace",
                "skip-if-unknown-filter",
            )? {
                v.skip_if_unknown_filter = Some(decode_bool(item, "skip-if-unknown-filter", ctx)?);
            }
            self.collector.replace_rule(v, self.sources)?;
        }
        if let Some(key) = expected.into_iter().next() {
            let node = item.get(key).expect("expected keys are given");
            let keyctx = ctx.child(node.mark, ItemType::Override, key);
            return Err(invalid(
                format!(
                    "Unexpected key '{key}': no corresponding entry under 'override' is defined."
                ),
                &keyctx,
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_patterns() {
        assert!(is_barestr("shell_binaries"));
        assert!(is_barestr("a.b-c/d"));
        assert!(!is_barestr("test list"));
        assert!(!is_barestr("a,b"));
        assert!(!is_barestr("(a)"));
        assert!(is_identifier("a_1"));
        assert!(!is_identifier("_a"));
        assert!(!is_identifier("1a"));
        assert!(!is_identifier("a-b"));
        assert!(!is_identifier("a.b"));
    }
}
