//! Helpers shared by the integration tests.

#![allow(dead_code)]

use falco_engine::{Engine, LoadResult};

/// Loads `yaml` as `rules.yaml` into a new engine.
pub fn load(yaml: &str) -> (Engine, LoadResult) {
    let mut e = Engine::new();
    let r = e.load_rules(yaml, "rules.yaml");
    (e, r)
}

/// Loads `yaml`, which must load without errors.
pub fn load_ok(yaml: &str) -> (Engine, LoadResult) {
    let (e, r) = load(yaml);
    assert!(r.successful(), "{}", r.as_verbose_string(e.contents()));
    (e, r)
}

/// The errors as `CODE: message`.
pub fn errors(r: &LoadResult) -> Vec<String> {
    r.errors()
        .iter()
        .map(|e| format!("{}: {}", e.code.code(), e.msg))
        .collect()
}

/// The warnings as `CODE: message`.
pub fn warnings(r: &LoadResult) -> Vec<String> {
    r.warnings()
        .iter()
        .map(|w| format!("{}: {}", w.code.code(), w.msg))
        .collect()
}

/// The single error of a failed load, as `CODE: message`.
pub fn the_error(yaml: &str) -> String {
    let (e, r) = load(yaml);
    assert!(!r.successful(), "loaded: {yaml}");
    let errs = errors(&r);
    assert_eq!(errs.len(), 1, "{}", r.as_verbose_string(e.contents()));
    errs[0].clone()
}

/// The compiled condition of `rule`.
pub fn compiled(e: &Engine, rule: &str) -> String {
    e.rule(rule)
        .unwrap_or_else(|| panic!("no rule {rule}"))
        .condition
        .to_string()
}

/// A rule with the keys every rule needs, and `extra` lines (each indented by two spaces).
pub fn rule(name: &str, condition: &str, extra: &[&str]) -> String {
    let mut s = format!(
        "- rule: {name}\n  desc: some description\n  condition: {condition}\n  output: \
         fd=%evt.rawarg.fd\n  priority: INFO\n"
    );
    for l in extra {
        s.push_str("  ");
        s.push_str(l);
        s.push('\n');
    }
    s
}
