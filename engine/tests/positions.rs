//! Where errors and warnings are: contexts (file:line:column, yaml-cpp's counts from 0),
//! snippets with a caret, and the verbose and JSON results as Falco prints them.

mod common;

use common::*;

#[test]
fn missing_key_points_at_the_rule() {
    let yaml = "- list: l\n  items: [a]\n- rule: r\n  desc: d\n  condition: evt.type = open\n  \
                priority: INFO\n";
    let (e, r) = load(yaml);
    assert_eq!(
        r.as_verbose_string(e.contents()),
        "rules.yaml: Invalid\n\
         1 Errors:\n\
         In rules content: (rules.yaml:0:0)\n    \
         rule 'r': (rules.yaml:2:2)\n\
         ------\n\
         - rule: r\n  \
         ^\n\
         ------\n\
         LOAD_ERR_YAML_VALIDATE (Error validating internal structure of YAML file): Item has no \
         mapping for key 'output'\n"
    );
    assert_eq!(
        r.as_summary_string(),
        "rules.yaml: Invalid\n 1 errors: [LOAD_ERR_YAML_VALIDATE (Error validating internal \
         structure of YAML file)]"
    );
}

#[test]
fn invalid_priority_points_at_the_value() {
    let yaml = "- rule: r\n  desc: d\n  condition: evt.type = open\n  output: o\n  priority: \
                LOUD\n";
    let (e, r) = load(yaml);
    assert_eq!(
        r.as_verbose_string(e.contents()),
        "rules.yaml: Invalid\n\
         1 Schema warnings:\n\
         ------\n\
         failed for <root>[0][priority]: Failed to match against any enum values.\n\
         ------\n\
         \n\
         1 Errors:\n\
         In rules content: (rules.yaml:0:0)\n    \
         rule 'r': (rules.yaml:0:2)\n    \
         rule priority: (rules.yaml:4:12)\n\
         ------\n  \
         priority: LOUD\n            \
         ^\n\
         ------\n\
         LOAD_ERR_YAML_VALIDATE (Error validating internal structure of YAML file): Invalid \
         priority\n"
    );
}

#[test]
fn value_contexts_name_the_key() {
    let yaml = "- rule: r\n  desc: [d]\n  condition: evt.type = open\n  output: o\n  priority: \
                INFO\n";
    let (e, r) = load(yaml);
    let v = r.as_verbose_string(e.contents());
    assert!(
        v.contains("    rule 'r': (rules.yaml:0:2)\n    value for 'desc': (rules.yaml:1:8)\n"),
        "{v}"
    );
    assert!(
        v.contains("------\n  desc: [d]\n        ^\n------\n"),
        "{v}"
    );
}

#[test]
fn undefined_macro_points_into_the_condition() {
    let yaml = "- rule: r\n  desc: d\n  condition: evt.type = open and nowhere\n  output: o\n  \
                priority: INFO\n";
    let (e, r) = load(yaml);
    assert_eq!(
        r.as_verbose_string(e.contents()),
        "rules.yaml: Invalid\n\
         1 Errors:\n\
         In rules content: (rules.yaml:0:0)\n    \
         rule 'r': (rules.yaml:0:2)\n    \
         condition expression: (\"evt.type = open a...\":1:23)\n\
         ------\n\
         evt.type = open and nowhere\n                      \
         ^\n\
         ------\n\
         LOAD_ERR_VALIDATE (Error validating rule/macro/list/exception objects): Undefined macro \
         'nowhere' used in filter.\n"
    );
}

#[test]
fn condition_parse_errors_have_condition_contexts() {
    let yaml = "- rule: r\n  desc: d\n  condition: evt.type = open and\n  output: o\n  priority: \
                INFO\n";
    let (e, r) = load(yaml);
    let err = &r.errors()[0];
    let locs = err.ctx.locations();
    assert_eq!(locs.len(), 4);
    assert_eq!(locs[1].item_name, "r");
    assert_eq!(locs[2].item_type.as_str(), "rule condition");
    assert_eq!((locs[2].pos.line, locs[2].pos.column), (2, 13));
    assert_eq!(locs[3].name, "\"evt.type = open and\"");
    assert_eq!(locs[3].item_type.as_str(), "condition expression");
    let v = r.as_verbose_string(e.contents());
    assert!(v.contains("------\nevt.type = open and\n"), "{v}");
}

#[test]
fn macro_errors_point_at_the_macro() {
    let yaml = "- macro: m\n  condition: evt.type = open and missing\n";
    let (_, r) = load(yaml);
    let err = &r.errors()[0];
    assert_eq!(err.msg, "Undefined macro 'missing' used in filter.");
    let s = err.ctx.as_string();
    assert!(
        s.starts_with("In rules content: (rules.yaml:0:0)\n    macro 'm': (rules.yaml:0:2)\n"),
        "{s}"
    );
}

#[test]
fn warnings_have_contexts_too() {
    let yaml = "- list: lonely\n  items: [a]\n";
    let (e, r) = load_ok(yaml);
    assert_eq!(
        r.as_verbose_string(e.contents()),
        "rules.yaml: Ok, with warnings\n\
         1 Warnings:\n\
         In rules content: (rules.yaml:0:0)\n    \
         list 'lonely': (rules.yaml:0:2)\n\
         ------\n\
         - list: lonely\n  \
         ^\n\
         ------\n\
         LOAD_UNUSED_LIST (Unused list): List not referred to by any other rule/macro\n"
    );
}

#[test]
fn yaml_parse_errors() {
    let yaml = "- rule: r\n  desc: \"unterminated\n";
    let (e, r) = load(yaml);
    let err = &r.errors()[0];
    assert_eq!(err.code.code(), "LOAD_ERR_YAML_PARSE");
    let locs = err.ctx.locations();
    assert_eq!(locs.len(), 2);
    assert_eq!(locs[1].item_type.as_str(), "value for");
    let v = r.as_verbose_string(e.contents());
    assert!(v.contains("    value for: (rules.yaml:"), "{v}");
}

#[test]
fn errors_in_an_earlier_file_name_it() {
    let mut e = falco_engine::Engine::new();
    let first = e.load_rules("- macro: m\n  condition: evt.type = open\n", "first.yaml");
    assert!(first.successful());
    // A later file makes an earlier macro fail: the context is in the first file.
    let second = e.load_rules(
        "- macro: m\n  condition: and nowhere\n  override:\n    condition: append\n",
        "second.yaml",
    );
    assert!(!second.successful());
    let v = second.as_verbose_string(e.contents());
    assert!(v.starts_with("second.yaml: Invalid\n"), "{v}");
    assert!(
        v.contains("In rules content: (first.yaml:0:0)\n    macro 'm': (first.yaml:0:2)\n"),
        "{v}"
    );
}

#[test]
fn json_result() {
    let yaml = "- rule: r\n  desc: d\n  condition: evt.type = open\n  priority: INFO\n";
    let (e, r) = load(yaml);
    let j = r.as_json(e.contents());
    assert_eq!(j["name"], "rules.yaml");
    assert_eq!(j["successful"], false);
    assert_eq!(j["schema_valid"], true);
    let err = &j["errors"][0];
    assert_eq!(err["code"], "LOAD_ERR_YAML_VALIDATE");
    assert_eq!(err["message"], "Item has no mapping for key 'output'");
    assert_eq!(err["context"]["snippet"], "- rule: r\n  ^\n");
    let loc = &err["context"]["locations"][1];
    assert_eq!(loc["item_type"], "rule");
    assert_eq!(loc["item_name"], "r");
    assert_eq!(loc["position"]["line"], 0);
    assert_eq!(loc["position"]["column"], 2);
    assert_eq!(loc["position"]["offset"], 2);
}

#[test]
fn schema_status() {
    let (_, r) = load_ok(&rule("r", "evt.type = open", &[]));
    assert_eq!(r.schema_validation(), "ok");
    let (_, r) = load_ok(&rule("r", "evt.type = open", &["enabled: yes"]));
    assert_eq!(
        r.schema_validation(),
        "failed for <root>[0][enabled]: Value type not permitted by 'type' constraint."
    );
    assert!(r
        .as_summary_string()
        .contains("\n 1 schema warnings: [failed for"));
    let (_, r) = load_ok("");
    assert_eq!(r.schema_validation(), "none");
}

#[test]
fn condition_warnings_show_the_condition_not_the_yaml_line() {
    // Folded scalars: the snippet is taken from the condition text.
    let yaml = "- rule: r\n  desc: d\n  condition: >\n    evt.type = close and evt.dir = <\n  \
                output: o\n  priority: INFO\n";
    let (e, r) = load_ok(yaml);
    let w = &r.warnings()[0];
    assert_eq!(w.deprecated_field, Some("evt.dir"));
    let snippet = w.ctx.snippet(e.contents());
    assert!(snippet.contains("evt.dir"), "{snippet}");
    assert!(!snippet.contains("condition: >"), "{snippet}");
    let j = r.as_json(e.contents());
    assert_eq!(j["warnings"][0]["deprecated_field"], "evt.dir");
    // Through a macro: the rule's condition text.
    let yaml = "- macro: spawned\n  condition: evt.type in (execve, execveat) and evt.dir = <\n\
                - rule: r\n  desc: d\n  condition: >\n    spawned and evt.num > 1\n  output: \
                o\n  priority: INFO\n";
    let (e, r) = load_ok(yaml);
    let w = r
        .warnings()
        .iter()
        .find(|w| w.deprecated_field.is_some())
        .unwrap();
    let snippet = w.ctx.snippet(e.contents());
    assert!(snippet.contains("spawned and evt.num > 1"), "{snippet}");
}
