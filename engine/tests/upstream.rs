//! The three upstream rule files (falcosecurity/rules, in `../shared/rules/upstream`, or
//! `$FALCO_UPSTREAM_RULES`) load unchanged, alone and together, with no error and no warning.
//! Skipped, with one line, when the files are absent.

use std::path::PathBuf;

use falco_engine::{rules_file_paths, Engine, Priority, Version};

const FILES: [&str; 3] = [
    "falco_rules.yaml",
    "falco-incubating_rules.yaml",
    "falco-sandbox_rules.yaml",
];

fn upstream_dir() -> Option<PathBuf> {
    let dir = match std::env::var_os("FALCO_UPSTREAM_RULES") {
        Some(d) => PathBuf::from(d),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/rules/upstream"),
    };
    if dir.join(FILES[0]).is_file() {
        Some(dir)
    } else {
        eprintln!("skipped: no upstream rules in {}", dir.display());
        None
    }
}

fn load_all(engine: &mut Engine, dir: &std::path::Path, files: &[&str]) {
    for f in files {
        let res = engine.load_rules_file(dir.join(f)).unwrap();
        assert!(
            res.successful(),
            "{}",
            res.as_verbose_string(engine.contents())
        );
        assert!(
            !res.has_warnings(),
            "{}",
            res.as_verbose_string(engine.contents())
        );
        assert_eq!(res.schema_validation(), "ok", "{f}");
        assert!(res.as_summary_string().ends_with(": Ok"));
    }
}

#[test]
fn read_and_collected_without_errors() {
    let Some(dir) = upstream_dir() else { return };
    let mut engine = Engine::new();
    for f in FILES {
        let content = std::fs::read_to_string(dir.join(f)).unwrap();
        let res = engine.collect_rules(&content, f);
        assert!(
            res.successful(),
            "{}",
            res.as_verbose_string(engine.contents())
        );
        assert!(
            !res.has_warnings(),
            "{}",
            res.as_verbose_string(engine.contents())
        );
    }
    let c = engine.collector();
    assert_eq!(c.rules().len(), 93);
    assert_eq!(
        c.required_engine_version().unwrap().version,
        Version::new(0, 57, 0)
    );
    assert_eq!(c.required_plugin_versions().len(), 3);
    for req in c.required_plugin_versions() {
        assert_eq!(req.len(), 1);
        assert_eq!(req[0].name, "container");
        assert_eq!(req[0].version, "0.4.0");
    }
}

#[test]
fn each_file_loads_alone() {
    let Some(dir) = upstream_dir() else { return };
    for (f, rules, enabled) in [(FILES[0], 25, 25), (FILES[1], 31, 31), (FILES[2], 37, 25)] {
        let mut engine = Engine::new();
        load_all(&mut engine, &dir, &[f]);
        assert_eq!(engine.rules().len(), rules, "{f}");
        assert_eq!(engine.ruleset().enabled_count(), enabled, "{f}");
    }
}

#[test]
fn all_three_load_together() {
    let Some(dir) = upstream_dir() else { return };
    let mut engine = Engine::new();
    load_all(&mut engine, &dir, &FILES);
    assert_eq!(engine.rules().len(), 93);
    assert_eq!(engine.ruleset().enabled_count(), 81);
    // Rules are in the order of the files, then of the items.
    assert_eq!(
        engine.rules()[0].name,
        engine.collector().rules().as_slice()[0].name
    );
    for (i, r) in engine.rules().iter().enumerate() {
        assert_eq!(r.id, i);
        // Every rule names its event types, and not too many of them.
        assert!(!r.event_types.is_empty(), "{}", r.name);
        assert!(r.event_types.len() <= 100, "{}", r.name);
    }
    // The requirement on the container plugin.
    let container = [falco_engine::PluginVersion {
        name: "container".into(),
        version: "0.4.0".into(),
    }];
    assert_eq!(engine.check_plugin_requirements(&container), Ok(()));
    assert!(engine.check_plugin_requirements(&[]).is_err());
    // Selection by priority, and as `rules:` in falco.yaml does.
    let mut strict = Engine::new();
    strict.set_min_priority(Priority::Critical);
    load_all(&mut strict, &dir, &FILES);
    assert!(strict.ruleset().enabled_count() < 81);
    let n = engine.enable_rule_wildcard("*", false);
    assert_eq!(n, 93);
    assert_eq!(engine.ruleset().enabled_count(), 0);
    assert!(engine.enable_rule_by_tag("maturity_stable", true) > 0);
}

#[test]
fn a_directory_loads_in_sorted_order() {
    let Some(dir) = upstream_dir() else { return };
    let files = rules_file_paths(&[&dir]).unwrap();
    let names: Vec<String> = files
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        vec![
            "falco-incubating_rules.yaml",
            "falco-sandbox_rules.yaml",
            "falco_rules.yaml"
        ]
    );
    let mut engine = Engine::new();
    for f in files {
        let res = engine.load_rules_file(&f).unwrap();
        assert!(
            res.successful(),
            "{}",
            res.as_verbose_string(engine.contents())
        );
    }
    assert_eq!(engine.rules().len(), 93);
}
