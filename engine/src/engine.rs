//! The engine: rules contents loaded one after the other into one collection, compiled after
//! each, and the default ruleset rebuilt from them.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use falco_sinsp::fields::Ctx;

use crate::collector::{Collector, PluginRequirement, RuleInfo};
use crate::compiler::{
    self, CompileOutput, CompiledRule, ExtraOutputField, ExtraOutputFormat, SyscallSource,
};
use crate::error::Error;
use crate::priority::Priority;
use crate::reader;
use crate::result::{LoadResult, RulesContents};
use crate::ruleset::{matches_wildcard, MatchType, RuleMatching, Ruleset};
use crate::version::Version;

/// A plugin that is loaded (or built in), for checking `required_plugin_versions`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PluginVersion {
    /// The plugin's name.
    pub name: String,
    /// Its version (`0.4.0`).
    pub version: String,
}

/// Loads rules and evaluates events against them.
///
/// ```
/// use falco_engine::Engine;
///
/// let mut engine = Engine::new();
/// let res = engine.load_rules(
///     "- rule: closing\n  desc: d\n  condition: evt.type = close\n  output: fd=%evt.rawarg.fd\n  \
///      priority: INFO\n",
///     "rules.yaml",
/// );
/// assert!(res.successful(), "{}", res.as_verbose_string(engine.contents()));
/// assert_eq!(res.as_summary_string(), "rules.yaml: Ok");
/// assert_eq!(engine.rules()[0].condition.to_string(), "evt.type = close");
/// assert_eq!(engine.ruleset().enabled_count(), 1);
/// ```
#[derive(Debug)]
pub struct Engine {
    collector: Collector,
    compiled: CompileOutput,
    ruleset: Ruleset,
    min_priority: Priority,
    extra_formats: Vec<ExtraOutputFormat>,
    extra_fields: Vec<ExtraOutputField>,
    contents: RulesContents,
}

impl Default for Engine {
    fn default() -> Self {
        Engine::new()
    }
}

impl Engine {
    /// An engine with no rules, minimum priority `Debug` (every rule), first match only.
    pub fn new() -> Engine {
        Engine {
            collector: Collector::new(),
            compiled: CompileOutput::default(),
            ruleset: Ruleset::new([], Priority::Debug),
            min_priority: Priority::Debug,
            extra_formats: Vec::new(),
            extra_fields: Vec::new(),
            contents: RulesContents::new(),
        }
    }

    /// Rules less severe than `priority` are left out of the ruleset built by the next
    /// successful load (`priority` in `falco.yaml`; set it before loading, as Falco does).
    pub fn set_min_priority(&mut self, priority: Priority) {
        self.min_priority = priority;
    }

    /// The minimum priority.
    pub fn min_priority(&self) -> Priority {
        self.min_priority
    }

    /// Appends `format` (after a space) to the output of the rules of `source` (empty: any)
    /// having all `tags` and called `rule` (empty: any), from the next load on.
    pub fn add_extra_output_format(
        &mut self,
        format: &str,
        source: &str,
        tags: BTreeSet<String>,
        rule: &str,
    ) {
        self.extra_formats.push(ExtraOutputFormat {
            format: format.to_string(),
            source: source.to_string(),
            tags,
            rule: rule.to_string(),
        });
    }

    /// Adds the JSON output field `key`, formatted with `format`, to the matching rules.
    pub fn add_extra_output_formatted_field(
        &mut self,
        key: &str,
        format: &str,
        source: &str,
        tags: BTreeSet<String>,
        rule: &str,
    ) {
        self.extra_fields.push(ExtraOutputField {
            key: key.to_string(),
            format: format.to_string(),
            source: source.to_string(),
            tags,
            rule: rule.to_string(),
            raw: false,
        });
    }

    /// Adds the field `field` as a raw JSON output field to the matching rules.
    pub fn add_extra_output_raw_field(
        &mut self,
        field: &str,
        source: &str,
        tags: BTreeSet<String>,
        rule: &str,
    ) {
        self.extra_fields.push(ExtraOutputField {
            key: field.to_string(),
            format: format!("%{field}"),
            source: source.to_string(),
            tags,
            rule: rule.to_string(),
            raw: true,
        });
    }

    /// Loads rules content called `name` (a file path, usually): read into the definitions
    /// collected so far, then everything compiled. On success the ruleset is rebuilt: the
    /// compiled rules at least as severe as the minimum priority, enabled as their `enabled`
    /// key says. On failure the previous compiled rules and ruleset stay.
    pub fn load_rules(&mut self, content: &str, name: &str) -> LoadResult {
        self.contents.insert(name.to_string(), content.to_string());
        let mut res = LoadResult::new(name);
        if !reader::read(content, name, &mut self.collector, &SyscallSource, &mut res) {
            return res;
        }
        let out = compiler::compile(
            &self.collector,
            &self.extra_formats,
            &self.extra_fields,
            &mut res,
        );
        if !res.successful() {
            return res;
        }
        let mut ruleset = Ruleset::new(out.rules.iter(), self.min_priority);
        ruleset.set_rule_matching(self.ruleset.rule_matching());
        for rule in out.rules.iter() {
            let enabled = self
                .collector
                .rules()
                .get(&rule.name)
                .is_some_and(|i| i.enabled);
            ruleset.enable_id(rule.id, enabled);
        }
        self.compiled = out;
        self.ruleset = ruleset;
        res
    }

    /// Reads rules content into the definitions collected so far, without compiling them:
    /// the YAML and collection stages of [`Engine::load_rules`] only. The compiled rules and
    /// the ruleset don't change.
    pub fn collect_rules(&mut self, content: &str, name: &str) -> LoadResult {
        self.contents.insert(name.to_string(), content.to_string());
        let mut res = LoadResult::new(name);
        reader::read(content, name, &mut self.collector, &SyscallSource, &mut res);
        res
    }

    /// Reads and loads a rules file; its path (as given) names it.
    pub fn load_rules_file(&mut self, path: impl AsRef<Path>) -> Result<LoadResult, Error> {
        let path = path.as_ref();
        let bytes = std::fs::read(path).map_err(|source| Error::Read {
            path: path.to_path_buf(),
            source,
        })?;
        let content = String::from_utf8_lossy(&bytes);
        Ok(self.load_rules(&content, &path.to_string_lossy()))
    }

    /// The contents loaded so far, by name (for [`LoadResult::as_verbose_string`]).
    pub fn contents(&self) -> &RulesContents {
        &self.contents
    }

    /// The definitions collected so far.
    pub fn collector(&self) -> &Collector {
        &self.collector
    }

    /// The rules of the last successful load, in order of first definition; a rule's `id`
    /// is its position here.
    pub fn rules(&self) -> &[CompiledRule] {
        self.compiled.rules.as_slice()
    }

    /// The compiled rule called `name`.
    pub fn rule(&self, name: &str) -> Option<&CompiledRule> {
        self.compiled.rules.get(name)
    }

    /// The definition of the rule called `name` as collected (enabled or not, any source).
    pub fn rule_info(&self, name: &str) -> Option<&RuleInfo> {
        self.collector.rules().get(name)
    }

    /// Everything the last successful load compiled (lists and macros included).
    pub fn compiled(&self) -> &CompileOutput {
        &self.compiled
    }

    /// The enabled rules.
    pub fn ruleset(&self) -> &Ruleset {
        &self.ruleset
    }

    /// The enabled rules, to change or to evaluate events with.
    pub fn ruleset_mut(&mut self) -> &mut Ruleset {
        &mut self.ruleset
    }

    /// Sets which rules an event is reported for.
    pub fn set_rule_matching(&mut self, matching: RuleMatching) {
        self.ruleset.set_rule_matching(matching);
    }

    /// Enables (or disables) the rules whose name matches the wildcard `pattern` (a `rules:`
    /// entry of `falco.yaml` with `rule:`). Returns how many matched.
    pub fn enable_rule_wildcard(&mut self, pattern: &str, enabled: bool) -> usize {
        self.ruleset.enable(pattern, MatchType::Wildcard, enabled)
    }

    /// Enables (or disables) the rules having the tag `tag` (a `rules:` entry with `tag:`).
    /// Returns how many matched.
    pub fn enable_rule_by_tag(&mut self, tag: &str, enabled: bool) -> usize {
        let tags = BTreeSet::from([tag.to_string()]);
        self.ruleset.enable_tags(&tags, enabled)
    }

    /// Evaluates an event: the ids of the matching rules (see [`Ruleset::evaluate`]).
    pub fn evaluate(&mut self, ctx: &Ctx<'_>) -> &[usize] {
        self.ruleset.evaluate(ctx)
    }

    /// The highest engine version the contents loaded so far require.
    pub fn required_engine_version(&self) -> Option<Version> {
        self.collector.required_engine_version().map(|v| v.version)
    }

    /// The `required_plugin_versions` entries loaded so far: each a list of acceptable
    /// plugins (the named one and its alternatives).
    pub fn required_plugin_versions(&self) -> &[Vec<PluginRequirement>] {
        self.collector.required_plugin_versions()
    }

    /// Checks every plugin requirement against `plugins`, with Falco's messages: an entry is
    /// satisfied by the first of its plugins that is given, if its version is compatible
    /// (same major number, not older).
    pub fn check_plugin_requirements(&self, plugins: &[PluginVersion]) -> Result<(), String> {
        for alternatives in self.required_plugin_versions() {
            check_alternatives(plugins, alternatives)?;
        }
        Ok(())
    }
}

fn check_alternatives(
    plugins: &[PluginVersion],
    alternatives: &[PluginRequirement],
) -> Result<(), String> {
    for req in alternatives {
        if let Some(plugin) = plugins.iter().find(|p| p.name == req.name) {
            let Some(have) = Version::parse(&plugin.version) else {
                return Err(format!(
                    "Plugin '{}' has invalid version string '{}'",
                    plugin.name, plugin.version
                ));
            };
            let compatible =
                Version::parse(&req.version).is_some_and(|want| have.compatible_with(&want));
            if !compatible {
                return Err(format!(
                    "Plugin '{}' version '{}' is not compatible with required plugin version \
                     '{}'",
                    plugin.name, plugin.version, req.version
                ));
            }
            return Ok(());
        }
    }
    let list: Vec<String> = alternatives
        .iter()
        .map(|r| format!("{} (>= {})", r.name, r.version))
        .collect();
    Err(format!(
        "Plugin requirement not satisfied, must load one of: {}",
        list.join(", ")
    ))
}

/// The rules files a list of paths names, in loading order, as Falco expands `rules_files`
/// and `-r`: a directory gives its regular files (symbolic links followed) sorted by path,
/// a file itself; in both cases only names matching `*.yaml` or `*.yml` are kept. A path
/// that does not exist is kept (reading it will fail).
pub fn rules_file_paths<P: AsRef<Path>>(paths: &[P]) -> Result<Vec<PathBuf>, Error> {
    let is_yaml = |p: &Path| {
        let s = p.to_string_lossy();
        matches_wildcard("*.yaml", &s) || matches_wildcard("*.yml", &s)
    };
    let mut out = Vec::new();
    for p in paths {
        let p = p.as_ref();
        if p.is_dir() {
            let rd = std::fs::read_dir(p).map_err(|source| Error::ListDir {
                path: p.to_path_buf(),
                source,
            })?;
            let mut files: Vec<PathBuf> = rd
                .filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|f| f.is_file())
                .collect();
            files.sort_by(|a, b| {
                a.as_os_str()
                    .as_encoded_bytes()
                    .cmp(b.as_os_str().as_encoded_bytes())
            });
            out.extend(files.into_iter().filter(|f| is_yaml(f)));
        } else if is_yaml(p) {
            out.push(p.to_path_buf());
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(name: &str, version: &str) -> PluginRequirement {
        PluginRequirement {
            name: name.into(),
            version: version.into(),
        }
    }

    fn plugin(name: &str, version: &str) -> PluginVersion {
        PluginVersion {
            name: name.into(),
            version: version.into(),
        }
    }

    #[test]
    fn plugin_requirements() {
        let alts = vec![req("container", "0.4.0"), req("k8smeta", "0.1.0")];
        assert_eq!(
            check_alternatives(&[plugin("container", "0.4.2")], &alts),
            Ok(())
        );
        assert_eq!(
            check_alternatives(&[plugin("k8smeta", "0.2.0")], &alts),
            Ok(())
        );
        assert_eq!(
            check_alternatives(&[plugin("container", "0.3.9")], &alts),
            Err(
                "Plugin 'container' version '0.3.9' is not compatible with required plugin \
                 version '0.4.0'"
                    .into()
            )
        );
        assert_eq!(
            check_alternatives(&[plugin("container", "x")], &alts),
            Err("Plugin 'container' has invalid version string 'x'".into())
        );
        assert_eq!(
            check_alternatives(&[], &alts),
            Err(
                "Plugin requirement not satisfied, must load one of: container (>= 0.4.0), \
                 k8smeta (>= 0.1.0)"
                    .into()
            )
        );
    }
}
