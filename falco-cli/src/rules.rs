//! Rules files for `falco`: the engine configured from `falco.yaml`, `-V` validation,
//! loading with Falco's log lines, the `rules:` selection, and `-L`/`-l` descriptions.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use falco_engine::{Engine, LoadResult, PluginVersion, RuleMatching};

use crate::app::{
    AppError, Outcome, BUILTIN_CONTAINER_PLUGIN, BUILTIN_CONTAINER_VERSION, DEFAULT_RULES,
    DEFAULT_RULES_PATH,
};
use crate::config::{self, Config, Loaded, RuleSelector};
use crate::logger;
use crate::options::Options;

/// The rules a run evaluates.
#[derive(Debug)]
pub struct Rules {
    /// The engine, rules loaded and selected.
    pub engine: Engine,
    /// The files loaded, in order (the built-in copy of the default rules is named by
    /// its install path).
    pub files: Vec<PathBuf>,
}

/// The fields the container plugin marks as suggested, in its order: what
/// `append_output: [{suggested_output: true}]` appends to every rule's output.
const SUGGESTED_FIELDS: [&str; 2] = ["container.id", "container.name"];

/// An engine with the configuration's settings that apply before loading: `priority`,
/// `rule_matching`, `append_output` (and the deprecated `-p`).
pub fn configure_engine(config: &Config, print_additional: Option<&str>) -> Engine {
    let mut e = Engine::new();
    e.set_min_priority(config.priority);
    e.set_rule_matching(match config.rule_matching {
        config::RuleMatching::First => RuleMatching::First,
        config::RuleMatching::All => RuleMatching::All,
    });
    for ao in &config.append_output {
        let tags: BTreeSet<String> = ao.match_tags.iter().cloned().collect();
        let source = ao.match_source.as_deref().unwrap_or("");
        let rule = ao.match_rule.as_deref().unwrap_or("");
        if !ao.extra_output.is_empty() {
            e.add_extra_output_format(&ao.extra_output, source, tags.clone(), rule);
        }
        if ao.suggested_output {
            for f in SUGGESTED_FIELDS {
                let fmt = format!("{}=%{f}", f.replace('.', "_"));
                e.add_extra_output_format(&fmt, source, tags.clone(), rule);
            }
        }
        for (key, fmt, raw) in &ao.extra_fields {
            if *raw {
                e.add_extra_output_raw_field(key, source, tags.clone(), rule);
            } else {
                e.add_extra_output_formatted_field(key, fmt, source, tags.clone(), rule);
            }
        }
    }
    if let Some(p) = print_additional.filter(|p| !p.is_empty()) {
        e.add_extra_output_format(p, "", BTreeSet::new(), "");
    }
    e
}

/// The plugins the rules' requirements are checked against: the built-in container
/// fields stand for the `container` plugin.
fn builtin_plugins() -> Vec<PluginVersion> {
    vec![PluginVersion {
        name: BUILTIN_CONTAINER_PLUGIN.to_string(),
        version: BUILTIN_CONTAINER_VERSION.to_string(),
    }]
}

/// Check `required_plugin_versions`, saying in the log that the built-in container fields
/// satisfy the `container` plugin requirement.
fn check_requirements(engine: &Engine) -> Result<(), String> {
    engine.check_plugin_requirements(&builtin_plugins())?;
    let wanted: Vec<String> = engine
        .required_plugin_versions()
        .iter()
        .flatten()
        .filter(|r| r.name == BUILTIN_CONTAINER_PLUGIN)
        .map(|r| r.version.clone())
        .collect();
    if let Some(v) = wanted.iter().max() {
        logger::info(&format!(
            "Plugin requirement '{BUILTIN_CONTAINER_PLUGIN}' (>= {v}) satisfied by the built-in \
             container fields ({BUILTIN_CONTAINER_PLUGIN}@{BUILTIN_CONTAINER_VERSION}); no plugin \
             library is loaded"
        ));
    }
    Ok(())
}

/// Read a rules file, or the built-in copy of the default rules for its install path.
fn read_rules(path: &Path) -> Result<String, String> {
    match std::fs::read(path) {
        Ok(b) => Ok(String::from_utf8_lossy(&b).into_owned()),
        Err(_) if path == Path::new(DEFAULT_RULES_PATH) => Ok(DEFAULT_RULES.to_string()),
        Err(e) => Err(format!(
            "Could not open file {} for reading: {e}",
            path.display()
        )),
    }
}

/// `-V FILE...`: every file loaded into one engine, the result printed on stdout (a
/// summary per file, or with `json_output` one JSON object); exit 1 when one is invalid.
pub fn validate(options: &Options, loaded: &Loaded) -> Result<Outcome, AppError> {
    let config = &loaded.config;
    let mut contents = Vec::new();
    for f in &options.validate {
        contents.push(read_rules(f).map_err(AppError::Fatal)?);
    }
    logger::info("Validating rules file(s):");
    for f in &options.validate {
        logger::info(&format!("   {}", f.display()));
    }
    let mut engine = configure_engine(config, options.print_additional.as_deref());
    let mut summary = String::new();
    let mut results = Vec::new();
    let mut successful = true;
    for (f, content) in options.validate.iter().zip(&contents) {
        let name = f.to_string_lossy();
        let res = engine.load_rules(content, &name);
        if let Err(e) = engine.check_plugin_requirements(&builtin_plugins()) {
            return Err(AppError::Fatal(e));
        }
        successful &= res.successful();
        if config.json_output {
            results.push(res.as_json(engine.contents()));
        }
        if !summary.is_empty() {
            summary.push('\n');
        }
        if !res.successful() || !res.has_warnings() {
            summary.push_str(&res.as_string(true, engine.contents()));
        } else {
            summary.push_str(&format!("{name}: Ok, with warnings"));
            logger::warning(&res.as_string(true, engine.contents()));
        }
    }
    let describe = successful && (options.describe_all_rules || options.describe_rule.is_some());
    if config.json_output {
        let mut out = serde_json::Map::new();
        out.insert(
            "falco_load_results".into(),
            serde_json::Value::Array(results),
        );
        if describe {
            let d = describe_json(&engine, options.describe_rule.as_deref())?;
            out.insert("falco_describe_results".into(), d);
        }
        crate::app::print_stdout(&format!("{}\n", serde_json::Value::Object(out)));
    } else {
        crate::app::print_stdout(&format!("{summary}\n"));
        if describe {
            let d = describe_json(&engine, options.describe_rule.as_deref())?;
            crate::app::print_stdout(&format!("\n{}", describe_text(&d)));
        }
    }
    if !successful {
        return Err(AppError::Fatal(summary));
    }
    Ok(Outcome::Exit(ExitCode::SUCCESS))
}

/// Load the rules files of the configuration (or `-r`) as Falco does, logging
/// `Loading rules from:` and each file with its schema validation; then apply the
/// `rules:` selection.
pub fn load(options: &Options, loaded: &Loaded) -> Result<Rules, AppError> {
    let config = &loaded.config;
    let mut files = config::rules_paths(config, &options.rules_filenames);
    // The default rules come with the binary: a configured but not installed
    // /etc/falco/falco_rules.yaml is read from the built-in copy.
    if options.rules_filenames.is_empty()
        && config.rules_files.iter().any(|f| f == DEFAULT_RULES_PATH)
        && !Path::new(DEFAULT_RULES_PATH).exists()
    {
        files.insert(0, PathBuf::from(DEFAULT_RULES_PATH));
        logger::info(&format!(
            "{DEFAULT_RULES_PATH} is not installed: using the built-in copy of the default rules"
        ));
    }
    if files.is_empty() {
        return Err(AppError::Fatal(
            "You must specify at least one rules file/directory via -r or a rules_file entry \
             in falco.yaml"
                .into(),
        ));
    }
    logger::debug("Configured rules filenames:");
    for f in &files {
        logger::debug(&format!("   {}", f.display()));
    }
    let mut contents = Vec::new();
    for f in &files {
        contents.push(read_rules(f).map_err(AppError::Fatal)?);
    }
    let mut engine = configure_engine(config, options.print_additional.as_deref());
    logger::info("Loading rules from:");
    let mut err = None;
    for (f, content) in files.iter().zip(&contents) {
        let name = f.to_string_lossy();
        let res: LoadResult = engine.load_rules(content, &name);
        let status = res.schema_validation();
        let line = format!("   {name} | schema validation: {status}");
        if status == "ok" {
            logger::info(&line);
        } else {
            logger::warning(&line);
        }
        if !res.successful() {
            err = Some(res.as_string(true, engine.contents()));
            break;
        }
        if res.has_warnings() {
            logger::warning(&res.as_string(true, engine.contents()));
        }
    }
    if let Err(e) = check_requirements(&engine) {
        err = Some(e);
    }
    if let Some(e) = err {
        return Err(AppError::Fatal(e));
    }
    for sel in &config.rules {
        let verb = if sel.enable { "Enabling" } else { "Disabling" };
        match &sel.selector {
            RuleSelector::Rule(r) => {
                logger::info(&format!("{verb} rules with name: {r}"));
                engine.enable_rule_wildcard(r, sel.enable);
            }
            RuleSelector::Tag(t) => {
                logger::info(&format!("{verb} rules with tag: {t}"));
                engine.enable_rule_by_tag(t, sel.enable);
            }
        }
    }
    if !config.static_fields.is_empty() {
        logger::warning(
            "static_fields: 'static.*' fields are not supported by this build; the entries are \
             ignored",
        );
    }
    Ok(Rules { engine, files })
}

/// `-L` / `-l RULE`: the rules' names and descriptions (text) or Falco's description
/// object (`json_output`), on stdout.
pub fn describe(engine: &Engine, rule: Option<&str>, json: bool) -> Result<(), AppError> {
    let d = describe_json(engine, rule)?;
    if json {
        crate::app::print_stdout(&format!("{d}\n"));
    } else {
        crate::app::print_stdout(&describe_text(&d));
    }
    Ok(())
}

fn str_array<'a>(items: impl IntoIterator<Item = &'a String>) -> serde_json::Value {
    serde_json::Value::Array(
        items
            .into_iter()
            .map(|s| serde_json::Value::String(s.clone()))
            .collect(),
    )
}

/// The description object: `rules` (each with `info` and `details`), and for every rule
/// also `required_engine_version`, `required_plugin_versions`, `macros` and `lists`.
fn describe_json(engine: &Engine, only: Option<&str>) -> Result<serde_json::Value, AppError> {
    use serde_json::{json, Value};
    let rule_json = |r: &falco_engine::CompiledRule| -> Value {
        let info = engine.rule_info(&r.name);
        let mut output_fields: Vec<String> = r
            .extra_output_fields
            .values()
            .map(|(f, _)| f.clone())
            .collect();
        if let Ok(f) = falco_sinsp::format::Format::parse(&r.output) {
            output_fields.extend(f.named_fields().map(|(n, _)| n.to_string()));
        }
        let events: Vec<String> = r
            .event_types
            .iter()
            .filter_map(|c| {
                falco_schema::EVENTS
                    .get(c as usize)
                    .map(|e| e.name.to_string())
            })
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        json!({
            "info": {
                "name": r.name,
                "condition": info.map(|i| i.cond.clone()).unwrap_or_default(),
                "priority": r.priority.name(),
                "output": info.map(|i| i.output.clone()).unwrap_or_default(),
                "description": r.description,
                "enabled": info.is_some_and(|i| i.enabled),
                "source": r.source,
                "capture": r.capture,
                "capture_duration": r.capture_duration,
                "tags": str_array(&r.tags),
            },
            "details": {
                "output_fields": str_array(&output_fields),
                "exception_fields": str_array(&r.exception_fields),
                "events": str_array(&events),
                "condition_compiled": r.condition.to_string(),
                "output_compiled": r.output,
                "plugins": [],
            }
        })
    };
    let mut out = serde_json::Map::new();
    if let Some(name) = only {
        let Some(r) = engine
            .rule(name)
            .filter(|_| engine.rule_info(name).is_some_and(|i| !i.unknown_source))
        else {
            return Err(AppError::Fatal(format!("Rule \"{name}\" is not loaded")));
        };
        out.insert("rules".into(), Value::Array(vec![rule_json(r)]));
        return Ok(Value::Object(out));
    }
    out.insert(
        "required_engine_version".into(),
        Value::String(
            engine
                .required_engine_version()
                .map(|v| v.to_string())
                .unwrap_or_else(|| "0.0.0".into()),
        ),
    );
    let reqs: Vec<Value> = engine
        .required_plugin_versions()
        .iter()
        .filter(|alts| !alts.is_empty())
        .map(|alts| {
            json!({
                "name": alts[0].name,
                "version": alts[0].version,
                "alternatives": alts[1..].iter()
                    .map(|a| json!({"name": a.name, "version": a.version}))
                    .collect::<Vec<_>>(),
            })
        })
        .collect();
    out.insert("required_plugin_versions".into(), Value::Array(reqs));
    out.insert(
        "rules".into(),
        Value::Array(engine.rules().iter().map(rule_json).collect()),
    );
    let macros: Vec<Value> = engine
        .compiled()
        .macros
        .iter()
        .map(|m| {
            json!({
                "info": {"name": m.name, "condition": engine.collector().macros().get(&m.name)
                    .map(|i| i.cond.clone()).unwrap_or_default()},
                "details": {"used": m.used, "condition_compiled": m.condition.to_string()},
            })
        })
        .collect();
    out.insert("macros".into(), Value::Array(macros));
    let lists: Vec<Value> = engine
        .compiled()
        .lists
        .iter()
        .map(|l| {
            json!({
                "info": {"name": l.name, "items": str_array(&l.items)},
                "details": {"used": l.used},
            })
        })
        .collect();
    out.insert("lists".into(), Value::Array(lists));
    Ok(Value::Object(out))
}

/// Falco's text form of a description: `Rule` and `Description` columns, the description
/// wrapped at 110 columns with a 51-column indent, a blank line after each rule.
fn describe_text(d: &serde_json::Value) -> String {
    let mut out = String::new();
    let row = |out: &mut String, l: &str, r: &str| {
        out.push_str(&format!("{l:<50} {r}\n"));
    };
    row(&mut out, "Rule", "Description");
    row(&mut out, "----", "-----------");
    for r in d["rules"].as_array().into_iter().flatten() {
        let name = r["info"]["name"].as_str().unwrap_or("");
        let desc = r["info"]["description"].as_str().unwrap_or("");
        row(&mut out, name, &format!("{}\n", wrap_text(desc, 51, 110)));
    }
    out
}

/// Words of `text` each followed by a space, a new line indented by `indent` columns
/// whenever the next word would pass `line_len - indent` columns.
pub fn wrap_text(text: &str, indent: usize, line_len: usize) -> String {
    let mut out = String::new();
    let mut len = 0;
    for word in text.split_whitespace() {
        if len + word.len() < line_len - indent {
            len += word.len() + 1;
        } else {
            out.push('\n');
            out.push_str(&" ".repeat(indent));
            len = word.len() + 1;
        }
        out.push_str(word);
        out.push(' ');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_like_falco() {
        // 59 columns are available after the indent: "aaaa " repeated fits 11 times
        // (55 columns + 4 of the twelfth word + its space = 60 > 59).
        let text = vec!["aaaa"; 13].join(" ");
        let w = wrap_text(&text, 51, 110);
        let lines: Vec<&str> = w.split('\n').collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0], "aaaa ".repeat(11));
        assert_eq!(lines[1], format!("{}{}", " ".repeat(51), "aaaa ".repeat(2)));
    }
}
