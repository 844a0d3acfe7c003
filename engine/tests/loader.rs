//! Rules loading: the reader's checks and messages, the collector's append/override rules,
//! exceptions, lists and macros, as Falco 0.44 does them (the research digest's sections 2
//! and 7, items 28 to 36).

mod common;

use common::*;
use falco_engine::{ErrorCode, Priority, WarningCode};

// ---------------------------------------------------------------------------------------
// Lists (item 28, section 2.3)

#[test]
fn list_appended_after_the_rule_using_it_still_counts() {
    let yaml = format!(
        "- list: editors\n  items: [vi, vim, nano]\n{}- list: editors\n  items: [emacs]\n  \
         override:\n    items: append\n",
        rule("r", "evt.type=open and proc.name in (editors)", &[])
    );
    let (e, r) = load_ok(&yaml);
    assert!(!r.has_warnings(), "{:?}", warnings(&r));
    assert_eq!(
        compiled(&e, "r"),
        "(evt.type = open and proc.name in (vi, vim, nano, emacs))"
    );
}

#[test]
fn deprecated_list_append_warns_and_appends() {
    let yaml = format!(
        "- list: l\n  items: [a]\n- list: l\n  items: [b]\n  append: true\n{}",
        rule("r", "proc.name in (l) and evt.type = open", &[])
    );
    let (e, r) = load_ok(&yaml);
    assert_eq!(
        warnings(&r),
        vec![
            "LOAD_DEPRECATED_ITEM: 'append' key is deprecated. Add an 'append' entry (e.g. \
             'condition: append') under 'override' instead."
        ]
    );
    assert_eq!(
        compiled(&e, "r"),
        "(proc.name in (a, b) and evt.type = open)"
    );
}

#[test]
fn list_redefinition_replaces_and_override_replace_too() {
    let yaml = format!(
        "- list: l\n  items: [a]\n- list: l\n  items: [b]\n- list: m\n  items: [c]\n- list: \
         m\n  items: [d]\n  override:\n    items: replace\n{}",
        rule("r", "proc.name in (l, m) and evt.type = open", &[])
    );
    let (e, _) = load_ok(&yaml);
    assert_eq!(
        compiled(&e, "r"),
        "(proc.name in (b, d) and evt.type = open)"
    );
}

#[test]
fn lists_of_lists_are_inlined_when_defined_before() {
    let yaml = format!(
        "- list: inner\n  items: [a, b]\n- list: outer\n  items: [inner, c]\n{}",
        rule("r", "proc.name in (outer) and evt.type = open", &[])
    );
    let (e, r) = load_ok(&yaml);
    assert!(!r.has_warnings(), "{:?}", warnings(&r));
    assert_eq!(
        compiled(&e, "r"),
        "(proc.name in (a, b, c) and evt.type = open)"
    );
}

#[test]
fn list_items_with_spaces_are_quoted_and_empty_lists_vanish() {
    let yaml = format!(
        "- list: spaced\n  items: [\"a b\", c]\n- list: empty\n  items: []\n{}",
        rule("r", "proc.name in (spaced, empty) and evt.type = open", &[])
    );
    let (e, _) = load_ok(&yaml);
    assert_eq!(
        compiled(&e, "r"),
        "(proc.name in (\"a b\", c) and evt.type = open)"
    );
}

#[test]
fn list_errors() {
    assert_eq!(
        the_error("- list: l\n  items: [a]\n  override:\n    items: append\n  append: true\n"),
        "LOAD_ERR_YAML_VALIDATE: Keys 'override' and 'append: true' cannot be used together. \
         Add an 'append' entry (e.g. 'condition: append') under 'override' instead."
    );
    assert_eq!(
        the_error("- list: l\n  items: [a]\n  override:\n    items: append\n"),
        "LOAD_ERR_VALIDATE: List uses 'append' or 'override.items: append' but no list by that \
         name already exists"
    );
    assert_eq!(
        the_error("- list: l\n  items: [a]\n  append: true\n"),
        "LOAD_ERR_VALIDATE: List uses 'append' or 'override.items: append' but no list by that \
         name already exists"
    );
    assert_eq!(
        the_error("- list: l\n  items: [a]\n  override:\n    condition: append\n"),
        "LOAD_ERR_YAML_VALIDATE: Key 'condition' cannot be appended to, use 'replace' instead"
    );
    assert_eq!(
        the_error("- list: l\n  items: [a]\n  override:\n    items: merge\n"),
        "LOAD_ERR_YAML_VALIDATE: Invalid override operation for key 'items': 'merge'. Allowed \
         values are: append replace "
    );
    assert_eq!(
        the_error("- list:\n"),
        "LOAD_ERR_YAML_VALIDATE: Mapping for key 'list' is empty"
    );
    assert_eq!(
        the_error("- list: l\n  items: a\n"),
        "LOAD_ERR_YAML_VALIDATE: Value is not a sequence"
    );
    assert_eq!(
        the_error("- list: l\n  items: [a, [b]]\n"),
        "LOAD_ERR_YAML_VALIDATE: sequence value is not scalar"
    );
    assert_eq!(
        the_error("- list: l1\n"),
        "LOAD_ERR_YAML_VALIDATE: Item has no mapping for key 'items'"
    );
}

#[test]
fn invalid_list_and_macro_names_warn() {
    // Item 34.
    let yaml = format!(
        "- list: test list\n  items: [a]\n- macro: test-macro\n  condition: evt.type = \
         open\n{}",
        rule("r", "test-macro", &[])
    );
    let (_, r) = load(&yaml);
    let w = warnings(&r);
    assert!(w.contains(
        &"LOAD_INVALID_LIST_NAME: List has an invalid name. List names should match a regular \
          expression: ([^()\"'[:space:]=,]+)"
            .to_string()
    ));
    assert!(w.contains(
        &"LOAD_INVALID_MACRO_NAME: Macro has an invalid name. Macro names should match a \
          regular expression: ([a-zA-Z]+[a-zA-Z0-9_]*)"
            .to_string()
    ));
}

#[test]
fn unused_lists_and_macros_warn() {
    let yaml = format!(
        "- list: lonely\n  items: [a]\n- macro: idle\n  condition: evt.type = open\n{}",
        rule("r", "evt.type = close", &[])
    );
    let (_, r) = load_ok(&yaml);
    assert_eq!(
        warnings(&r),
        vec![
            "LOAD_UNUSED_MACRO: Macro not referred to by any other rule/macro",
            "LOAD_UNUSED_LIST: List not referred to by any other rule/macro",
        ]
    );
    assert_eq!(
        r.as_summary_string(),
        "rules.yaml: Ok, with warnings\n 2 warnings: [LOAD_UNUSED_MACRO (Unused macro) \
         LOAD_UNUSED_LIST (Unused list)]"
    );
}

// ---------------------------------------------------------------------------------------
// Macros (item 29, section 2.4)

#[test]
fn macro_append_goes_inside_its_parentheses() {
    let yaml = format!(
        "- macro: interactive\n  condition: >\n    ((proc.aname=sshd and proc.name != sshd) or\n    \
         proc.name=systemd-logind or proc.name=login)\n{}- macro: interactive\n  condition: or \
         proc.name = ssh\n  override:\n    condition: append\n",
        rule("r", "evt.type=open and interactive", &[])
    );
    let (e, _) = load_ok(&yaml);
    assert_eq!(
        compiled(&e, "r"),
        "(evt.type = open and (((proc.aname = sshd and proc.name != sshd) or proc.name = \
         systemd-logind or proc.name = login) or proc.name = ssh))"
    );
}

#[test]
fn macro_replace_and_deprecated_append() {
    let yaml = format!(
        "- macro: m\n  condition: evt.type = open\n- macro: m\n  condition: evt.type = close\n  \
         override:\n    condition: replace\n- macro: n\n  condition: proc.name = a\n- macro: \
         n\n  condition: or proc.name = b\n  append: true\n{}",
        rule("r", "m and n", &[])
    );
    let (e, r) = load_ok(&yaml);
    assert_eq!(
        compiled(&e, "r"),
        "(evt.type = close and (proc.name = a or proc.name = b))"
    );
    assert_eq!(
        warnings(&r),
        vec![
            "LOAD_DEPRECATED_ITEM: 'append' key is deprecated. Add an 'append' entry (e.g. \
             'condition: append') under 'override' instead."
        ]
    );
}

#[test]
fn macro_append_needs_a_definition() {
    assert_eq!(
        the_error(
            "- macro: m\n  condition: and proc.name = x\n  override:\n    condition: append\n"
        ),
        "LOAD_ERR_VALIDATE: Macro uses 'append' or 'override.condition: append' but no macro \
         by that name already exists"
    );
    assert_eq!(
        the_error("- macro: m\n  condition: and proc.name = x\n  append: yes\n"),
        "LOAD_ERR_VALIDATE: Macro uses 'append' or 'override.condition: append' but no macro \
         by that name already exists"
    );
}

#[test]
fn macros_see_only_earlier_macros_rules_see_all() {
    // A macro referring to a later macro.
    let yaml = format!(
        "- macro: first\n  condition: second\n- macro: second\n  condition: evt.type = \
         open\n{}",
        rule("r", "first", &[])
    );
    assert_eq!(
        the_error(&yaml),
        "LOAD_ERR_VALIDATE: Undefined macro 'second' used in filter."
    );
    // A rule defined before the macro it uses.
    let yaml = format!(
        "{}- macro: later\n  condition: evt.type = open\n",
        rule("r", "later", &[])
    );
    let (e, _) = load_ok(&yaml);
    assert_eq!(compiled(&e, "r"), "evt.type = open");
    // Redefined after the macro it refers to, a macro sees it.
    let yaml = format!(
        "- macro: first\n  condition: evt.type = close\n- macro: second\n  condition: evt.type \
         = open\n- macro: first\n  condition: second\n{}",
        rule("r", "first", &[])
    );
    let (e, _) = load_ok(&yaml);
    assert_eq!(compiled(&e, "r"), "evt.type = open");
}

#[test]
fn macro_reference_loops_are_errors() {
    let yaml = format!(
        "- macro: a\n  condition: evt.type = open\n- macro: b\n  condition: a\n- macro: a\n  \
         condition: b\n{}",
        rule("r", "a", &[])
    );
    let err = the_error(&yaml);
    assert!(
        err.starts_with("LOAD_ERR_VALIDATE: reference loop in macro '"),
        "{err}"
    );
}

#[test]
fn undefined_macro_in_rule() {
    assert_eq!(
        the_error(&rule("r", "evt.type = open and nowhere", &[])),
        "LOAD_ERR_VALIDATE: Undefined macro 'nowhere' used in filter."
    );
}

// ---------------------------------------------------------------------------------------
// Rules: required keys, values, priority (section 2.5)

#[test]
fn rule_key_errors() {
    assert_eq!(
        the_error("- rule: r\n  desc: d\n  condition: evt.type = open\n  priority: INFO\n"),
        "LOAD_ERR_YAML_VALIDATE: Item has no mapping for key 'output'"
    );
    assert_eq!(
        the_error(
            "- rule: r\n  desc:\n  condition: evt.type = open\n  output: o\n  priority: INFO\n"
        ),
        "LOAD_ERR_YAML_VALIDATE: Mapping for key 'desc' is empty"
    );
    assert_eq!(
        the_error(
            "- rule: r\n  desc: [d]\n  condition: evt.type = open\n  output: o\n  priority: \
             INFO\n"
        ),
        "LOAD_ERR_YAML_VALIDATE: Value is not a scalar value"
    );
    assert_eq!(
        the_error(
            "- rule: r\n  desc: ''\n  condition: evt.type = open\n  output: o\n  priority: \
             INFO\n"
        ),
        "LOAD_ERR_YAML_VALIDATE: Value must be non-empty"
    );
    assert_eq!(
        the_error(
            "- rule: r\n  desc: d\n  condition: evt.type = open\n  output: o\n  priority: \
             SEVERE\n"
        ),
        "LOAD_ERR_YAML_VALIDATE: Invalid priority"
    );
    assert_eq!(
        the_error(&rule("r", "evt.type = open", &["enabled: maybe"])),
        "LOAD_ERR_YAML_VALIDATE: Can't decode YAML scalar value"
    );
    assert_eq!(
        the_error(&rule("r", "evt.type = open", &["capture_duration: -5"])),
        "LOAD_ERR_YAML_VALIDATE: Can't decode YAML scalar value"
    );
    assert_eq!(
        the_error(&rule("r", "evt.type = open", &["tags: a"])),
        "LOAD_ERR_YAML_VALIDATE: Value is not a sequence"
    );
    assert_eq!(
        the_error(&rule("r", "evt.type = open", &["source:"])),
        "LOAD_ERR_YAML_VALIDATE: Mapping for key 'source' is empty"
    );
}

#[test]
fn rule_defaults_and_values() {
    let (e, _) = load_ok(&rule(
        "r",
        "evt.type = open",
        &["tags: [b, a, b]", "capture: yes", "capture_duration: 0x10"],
    ));
    let info = e.rule_info("r").unwrap();
    assert_eq!(info.source, "syscall");
    assert!(info.enabled && info.warn_evttypes && !info.skip_if_unknown_filter);
    assert!(info.capture);
    assert_eq!(info.capture_duration, 16);
    assert_eq!(info.tags.iter().collect::<Vec<_>>(), vec!["a", "b"]);
    assert_eq!(info.priority, Priority::Informational);
    let r = e.rule("r").unwrap();
    assert_eq!(r.output, "fd=%evt.rawarg.fd");
}

#[test]
fn priorities_are_case_insensitive() {
    for (text, p) in [
        ("emergency", Priority::Emergency),
        ("ALERT", Priority::Alert),
        ("Critical", Priority::Critical),
        ("error", Priority::Error),
        ("WARNING", Priority::Warning),
        ("notice", Priority::Notice),
        ("Informational", Priority::Informational),
        ("info", Priority::Informational),
        ("DEBUG", Priority::Debug),
    ] {
        let yaml = format!(
            "- rule: r\n  desc: d\n  condition: evt.type = open\n  output: o\n  priority: \
             {text}\n"
        );
        let (e, _) = load_ok(&yaml);
        assert_eq!(e.rule("r").unwrap().priority, p, "{text}");
    }
}

#[test]
fn output_is_trimmed() {
    let yaml = "- rule: r\n  desc: d\n  condition: evt.type = open\n  output: >\n    fd=%evt.rawarg.fd\n    \
         type=%evt.type\n  priority: INFO\n";
    let (e, _) = load_ok(yaml);
    assert_eq!(
        e.rule("r").unwrap().output,
        "fd=%evt.rawarg.fd type=%evt.type"
    );
}

#[test]
fn yaml_cpp_booleans() {
    let yaml = format!(
        "{}{}{}",
        rule("a", "evt.type = open", &["enabled: no"]),
        rule("b", "evt.type = open", &["enabled: Off"]),
        rule("c", "evt.type = open", &["enabled: ON"])
    );
    let (e, _) = load_ok(&yaml);
    assert!(!e.rule_info("a").unwrap().enabled);
    assert!(!e.rule_info("b").unwrap().enabled);
    assert!(e.rule_info("c").unwrap().enabled);
    assert_eq!(e.ruleset().enabled_count(), 1);
}

#[test]
fn redefinition_replaces_but_keeps_the_place() {
    let yaml = format!(
        "{}{}{}",
        rule("one", "evt.type = open", &["enabled: false"]),
        rule("two", "evt.type = close", &[]),
        "- rule: one\n  desc: redefined\n  condition: proc.name = cat\n  output: o\n  priority: \
         WARNING\n"
    );
    let (e, _) = load_ok(&yaml);
    let names: Vec<&str> = e.rules().iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, vec!["one", "two"]);
    let one = e.rule("one").unwrap();
    assert_eq!(one.condition.to_string(), "proc.name = cat");
    assert_eq!(one.priority, Priority::Warning);
    assert_eq!(one.id, 0);
    // The redefinition is enabled (its own default).
    assert_eq!(e.ruleset().enabled_count(), 2);
}

#[test]
fn standalone_enabled_is_deprecated() {
    let yaml = format!(
        "{}- rule: r\n  enabled: false\n",
        rule("r", "evt.type = open", &[])
    );
    let (e, r) = load_ok(&yaml);
    assert_eq!(
        warnings(&r),
        vec![
            "LOAD_DEPRECATED_ITEM: The standalone 'enabled' key usage is deprecated. The \
             correct approach requires also a 'replace' entry under the 'override' key (i.e. \
             'enabled: replace')."
        ]
    );
    assert_eq!(e.ruleset().enabled_count(), 0);
    assert_eq!(
        the_error("- rule: r\n  enabled: false\n"),
        "LOAD_ERR_VALIDATE: Rule has 'enabled' key but no rule by that name already exists"
    );
    assert_eq!(
        the_error("- rule: r\n  tags: [a]\n"),
        "LOAD_ERR_YAML_VALIDATE: Item has no mapping for key 'enabled'"
    );
}

#[test]
fn sources() {
    // Unknown source: warned about and skipped.
    let (e, r) = load_ok(&rule("r", "ka.verb = get", &["source: k8s_audit"]));
    assert_eq!(
        warnings(&r),
        vec!["LOAD_UNKNOWN_SOURCE: Unknown source k8s_audit, skipping"]
    );
    assert!(e.rules().is_empty());
    assert!(e.rule_info("r").unwrap().unknown_source);
    // Redefinition with another source.
    let yaml = format!(
        "{}{}",
        rule("r", "evt.type = open", &[]),
        rule("r", "ka.verb = get", &["source: k8s_audit"])
    );
    assert_eq!(
        the_error(&yaml),
        "LOAD_ERR_VALIDATE: Rule has been re-defined with a different source"
    );
    // An append with an empty source is fine.
    let yaml = format!(
        "{}- rule: r\n  source: ''\n  condition: and proc.name = cat\n  override:\n    \
         condition: append\n",
        rule("r", "evt.type = open", &[])
    );
    let (e, _) = load_ok(&yaml);
    assert_eq!(compiled(&e, "r"), "(evt.type = open and proc.name = cat)");
}

// ---------------------------------------------------------------------------------------
// Rule append and override (item 32, section 2.5)

#[test]
fn rule_override_append_and_replace() {
    let yaml = format!(
        "{}- rule: r\n  condition: and proc.name = cat\n  output: extra=%proc.name\n  desc: \
         more\n  tags: [t2]\n  override:\n    condition: append\n    output: append\n    desc: \
         append\n    tags: append\n- rule: r\n  priority: ERROR\n  enabled: false\n  \
         warn_evttypes: false\n  capture: true\n  capture_duration: 7\n  \
         skip-if-unknown-filter: true\n  override:\n    priority: replace\n    enabled: \
         replace\n    warn_evttypes: replace\n    capture: replace\n    capture_duration: \
         replace\n    skip-if-unknown-filter: replace\n",
        rule("r", "evt.type = open", &["tags: [t1]"])
    );
    let (e, r) = load_ok(&yaml);
    assert!(!r.has_warnings(), "{:?}", warnings(&r));
    let info = e.rule_info("r").unwrap();
    assert_eq!(info.cond, "evt.type = open and proc.name = cat");
    assert_eq!(info.output, "fd=%evt.rawarg.fd extra=%proc.name");
    assert_eq!(info.desc, "some description more");
    assert_eq!(info.tags.iter().collect::<Vec<_>>(), vec!["t1", "t2"]);
    assert_eq!(info.priority, Priority::Error);
    assert!(!info.enabled && !info.warn_evttypes && info.capture && info.skip_if_unknown_filter);
    assert_eq!(info.capture_duration, 7);
    assert_eq!(compiled(&e, "r"), "(evt.type = open and proc.name = cat)");
    assert_eq!(e.ruleset().enabled_count(), 0);
}

#[test]
fn rule_override_replace_tags_and_condition() {
    let yaml = format!(
        "{}- rule: r\n  condition: evt.type = close\n  tags: [new]\n  override:\n    condition: \
         replace\n    tags: replace\n",
        rule("r", "evt.type = open", &["tags: [old]"])
    );
    let (e, _) = load_ok(&yaml);
    assert_eq!(compiled(&e, "r"), "evt.type = close");
    assert_eq!(
        e.rule("r").unwrap().tags.iter().collect::<Vec<_>>(),
        vec!["new"]
    );
}

#[test]
fn rule_override_with_enabled_replace() {
    let base = rule("r", "evt.type = close", &["enabled: false"]);
    let yaml = format!(
        "{base}- rule: r\n  desc: correct\n  condition: and proc.name = cat\n  enabled: true\n  \
         override:\n    desc: replace\n    condition: append\n    enabled: replace\n"
    );
    let (e, r) = load_ok(&yaml);
    assert!(!r.has_warnings());
    assert_eq!(e.ruleset().enabled_count(), 1);
    // Without the `enabled` key.
    let yaml = format!(
        "{base}- rule: r\n  desc: wrong\n  condition: and proc.name = cat\n  override:\n    \
         desc: replace\n    condition: append\n    enabled: replace\n"
    );
    assert_eq!(
        the_error(&yaml),
        "LOAD_ERR_YAML_VALIDATE: An replace override for 'enabled' was specified but 'enabled' \
         is not defined"
    );
}

#[test]
fn rule_override_errors() {
    let base = rule("r", "evt.type = close", &[]);
    // Item 32.
    assert_eq!(
        the_error(&format!(
            "{base}- rule: r\n  priority: WARNING\n  override:\n    priority: append\n"
        )),
        "LOAD_ERR_YAML_VALIDATE: Key 'priority' cannot be appended to, use 'replace' instead"
    );
    assert_eq!(
        the_error(&format!(
            "{base}- rule: r\n  desc: d2\n  override:\n    desc: replace\n    condition: \
             append\n"
        )),
        "LOAD_ERR_YAML_VALIDATE: An append override for 'condition' was specified but \
         'condition' is not defined"
    );
    assert_eq!(
        the_error(&format!(
            "{base}- rule: r\n  desc: d2\n  condition: and proc.name = cat\n  priority: \
             WARNING\n  override:\n    desc: replace\n    condition: append\n"
        )),
        "LOAD_ERR_YAML_VALIDATE: Unexpected key 'priority': no corresponding entry under \
         'override' is defined."
    );
    assert_eq!(
        the_error(&format!(
            "{base}- rule: r\n  source: syscall\n  override:\n    source: replace\n"
        )),
        "LOAD_ERR_YAML_VALIDATE: Key 'source' cannot be replaced"
    );
    assert_eq!(
        the_error(&format!(
            "{base}- rule: r\n  output: o\n  override:\n    output: prepend\n"
        )),
        "LOAD_ERR_YAML_VALIDATE: Invalid override operation for key 'output': 'prepend'. \
         Allowed values are: append replace "
    );
    assert_eq!(
        the_error(&format!(
            "{base}- rule: r\n  priority: INFO\n  override:\n    priority: prepend\n"
        )),
        "LOAD_ERR_YAML_VALIDATE: Invalid override operation for key 'priority': 'prepend'. \
         Allowed values are: replace "
    );
    assert_eq!(
        the_error(&format!(
            "{base}- rule: r\n  condition: and x\n  append: true\n  override:\n    condition: \
             append\n"
        )),
        "LOAD_ERR_YAML_VALIDATE: Keys 'override' and 'append: true' cannot be used together. \
         Add an 'append' entry (e.g. 'condition: append') under 'override' instead."
    );
    assert_eq!(
        the_error(
            "- rule: r\n  condition: and proc.name = cat\n  override:\n    condition: append\n"
        ),
        "LOAD_ERR_VALIDATE: Rule uses 'append' or 'override.<key>: append' but no rule by that \
         name already exists"
    );
    assert_eq!(
        the_error("- rule: r\n  priority: INFO\n  override:\n    priority: replace\n"),
        "LOAD_ERR_VALIDATE: An 'override.<key>: replace' to a rule was requested but no rule by \
         that name already exists"
    );
    assert_eq!(
        the_error("- rule: r\n  condition: and x\n  append: true\n"),
        "LOAD_ERR_VALIDATE: Rule uses 'append' or 'override.<key>: append' but no rule by that \
         name already exists"
    );
    assert_eq!(
        the_error(&format!("{base}- rule: r\n  output: o\n  append: true\n")),
        "LOAD_ERR_VALIDATE: Appended rule must have exceptions or condition property"
    );
    assert_eq!(
        the_error(&format!(
            "{base}- rule: r\n  priority: loud\n  override:\n    priority: replace\n"
        )),
        "LOAD_ERR_YAML_VALIDATE: Invalid priority"
    );
}

#[test]
fn legacy_append_ignores_other_keys() {
    let yaml = format!(
        "{}- rule: r\n  condition: and proc.name = cat\n  append: true\n  enabled: true\n",
        rule("r", "evt.type = close", &["enabled: false"])
    );
    let (e, r) = load_ok(&yaml);
    assert_eq!(compiled(&e, "r"), "(evt.type = close and proc.name = cat)");
    assert_eq!(e.ruleset().enabled_count(), 0);
    assert_eq!(warnings(&r).len(), 1);
}

// ---------------------------------------------------------------------------------------
// Exceptions (items 30 and 31, section 2.6)

fn exception_rule(condition: &str, exception: &str) -> String {
    format!(
        "- rule: r\n  desc: d\n  condition: {condition}\n  output: o\n  priority: INFO\n  \
         exceptions:\n{exception}"
    )
}

#[test]
fn exception_value_with_a_space_is_quoted() {
    let yaml = exception_rule(
        "evt.type = execve and (proc.cmdline contains curl or proc.cmdline contains wget)",
        "    - name: local\n      fields: [proc.cmdline]\n      comps: [contains]\n      \
         values:\n        - [curl 127.0.0.1]\n",
    );
    let (e, _) = load_ok(&yaml);
    assert_eq!(
        compiled(&e, "r"),
        "((evt.type = execve and (proc.cmdline contains curl or proc.cmdline contains wget)) \
         and not proc.cmdline contains \"curl 127.0.0.1\")"
    );
    assert_eq!(
        e.rule("r")
            .unwrap()
            .exception_fields
            .iter()
            .collect::<Vec<_>>(),
        vec!["proc.cmdline"]
    );
}

#[test]
fn exception_values_are_spliced_as_text() {
    let ex = |value: &str| {
        exception_rule(
            "evt.type = open",
            &format!(
                "    - name: e\n      fields: [proc.name]\n      comps: [=]\n      values:\n        \
                 - [{value}]\n"
            ),
        )
    };
    // A field name as a value is a string, with a warning.
    let (e, r) = load_ok(&ex("proc.pname"));
    assert_eq!(
        compiled(&e, "r"),
        "(evt.type = open and not proc.name = proc.pname)"
    );
    assert_eq!(
        warnings(&r),
        vec![
            "LOAD_COMPILE_CONDITION: 'proc.pname' may be a valid field misused as a const \
             string value"
        ]
    );
    let (e, _) = load_ok(&ex("\"proc.pname\""));
    assert_eq!(
        compiled(&e, "r"),
        "(evt.type = open and not proc.name = proc.pname)"
    );
    // A transformer is spliced in and is a transformer.
    let (e, r) = load_ok(&ex("toupper(proc.pname)"));
    assert_eq!(
        compiled(&e, "r"),
        "(evt.type = open and not proc.name = toupper(proc.pname))"
    );
    assert!(!r.has_warnings(), "{:?}", warnings(&r));
    // With a space it is quoted: a string.
    let (e, r) = load_ok(&ex("toupper( proc.pname)"));
    assert_eq!(
        compiled(&e, "r"),
        "(evt.type = open and not proc.name = \"toupper( proc.pname)\")"
    );
    assert!(warnings(&r)[0].contains(
        "'toupper( proc.pname)' may be a valid field transformer misused as a const string value"
    ));
}

#[test]
fn exception_fields_may_be_transformers() {
    for field in [
        "tolower(proc.name)",
        "\"tolower(proc.name)\"",
        "\"tolower( proc.name)\"",
    ] {
        let yaml = exception_rule(
            "evt.type = open",
            &format!(
                "    - name: e\n      fields: [{field}]\n      comps: [=]\n      values:\n        \
                 - [test]\n"
            ),
        );
        let (e, _) = load_ok(&yaml);
        assert_eq!(
            compiled(&e, "r"),
            "(evt.type = open and not tolower(proc.name) = test)",
            "{field}"
        );
    }
}

#[test]
fn exception_forms() {
    // Single field: `in` by default, values flat.
    let yaml = exception_rule(
        "evt.type = open",
        "    - name: e\n      fields: proc.name\n      values: [cat, \"my tool\"]\n",
    );
    let (e, _) = load_ok(&yaml);
    assert_eq!(
        compiled(&e, "r"),
        "(evt.type = open and not proc.name in (cat, \"my tool\"))"
    );
    // Several fields, comps defaulting to `=`, several tuples, a list value, a list name.
    let yaml = format!(
        "- list: known\n  items: [a, b]\n{}",
        exception_rule(
            "evt.type = open",
            "    - name: e\n      fields: [proc.name, proc.pname, fd.name]\n      comps: [=, \
             in, pmatch]\n      values:\n        - [x, [p1, p2], /tmp]\n        - [y, known, \
             (/etc)]\n",
        )
    );
    let (e, r) = load_ok(&yaml);
    assert!(!r.has_warnings(), "{:?}", warnings(&r));
    assert_eq!(
        compiled(&e, "r"),
        "(evt.type = open and not ((proc.name = x and proc.pname in (p1, p2) and fd.name pmatch \
         (/tmp)) or (proc.name = y and proc.pname in (a, b) and fd.name pmatch (/etc))))"
    );
    let yaml = exception_rule(
        "evt.type = open",
        "    - name: e\n      fields: [proc.name, proc.pname]\n      values:\n        - [a, b]\n",
    );
    let (e, _) = load_ok(&yaml);
    assert_eq!(
        compiled(&e, "r"),
        "(evt.type = open and not (proc.name = a and proc.pname = b))"
    );
    // No values: no change.
    let yaml = exception_rule(
        "evt.type = open",
        "    - name: e\n      fields: [proc.name]\n",
    );
    let (e, _) = load_ok(&yaml);
    assert_eq!(compiled(&e, "r"), "evt.type = open");
}

#[test]
fn exception_modifier_operators() {
    let yaml = exception_rule(
        "evt.type = open",
        "    - name: e\n      fields: [proc.name, fd.name]\n      comps: [startswith oneof, \
         =]\n      values:\n        - [[ba, da], /tmp]\n",
    );
    let (e, _) = load_ok(&yaml);
    assert_eq!(
        compiled(&e, "r"),
        "(evt.type = open and not (proc.name startswith oneof (ba, da) and fd.name = /tmp))"
    );
    let yaml = exception_rule(
        "evt.type = open",
        "    - name: e\n      fields: proc.name\n      comps: endswith anyof\n      values: [sh, \
         zsh]\n",
    );
    let (e, _) = load_ok(&yaml);
    assert_eq!(
        compiled(&e, "r"),
        "(evt.type = open and not proc.name endswith anyof (sh, zsh))"
    );
}

#[test]
fn exception_errors() {
    let err = |ex: &str| the_error(&exception_rule("evt.type = open", ex));
    assert_eq!(
        err("    - name: e\n      fields: [proc.name, fd.name]\n      comps: [=]\n"),
        "LOAD_ERR_VALIDATE: Fields and comps lists must have equal length"
    );
    assert_eq!(
        err("    - name: e\n      fields: [proc.name]\n      comps: [frob]\n"),
        "LOAD_ERR_VALIDATE: 'frob' is not a supported comparison operator"
    );
    assert_eq!(
        err("    - name: e\n      fields: [proc.name]\n      comps: [in oneof]\n"),
        "LOAD_ERR_VALIDATE: 'in oneof' is not a supported comparison operator"
    );
    assert_eq!(
        err("    - name: e\n      fields: [proc.name]\n      comps: [\">= oneof\"]\n"),
        "LOAD_ERR_VALIDATE: '>= oneof' is not a supported comparison operator"
    );
    assert_eq!(
        err("    - name: e\n      fields: [proc.nope]\n"),
        "LOAD_ERR_VALIDATE: 'proc.nope' is not a supported filter field"
    );
    assert_eq!(
        err("    - name: e\n      fields: proc.name\n      comps: [in]\n"),
        "LOAD_ERR_VALIDATE: Fields and comps must both be strings"
    );
    assert_eq!(
        err("    - name: e\n      fields: proc.name\n      comps: =\n"),
        "LOAD_ERR_VALIDATE: When fields is a single value, comps must be one of (in, pmatch, \
         intersects) or a modifier operator (e.g. startswith oneof)"
    );
    assert_eq!(
        err("    - name: e\n      fields: []\n"),
        "LOAD_ERR_VALIDATE: Rule exception item must have fields property with a list of fields"
    );
    assert_eq!(
        err("    - name: e\n      comps: [=]\n"),
        "LOAD_ERR_YAML_VALIDATE: Item has no mapping for key 'fields'"
    );
    assert_eq!(
        err("    - fields: [proc.name]\n"),
        "LOAD_ERR_YAML_VALIDATE: Item has no mapping for key 'name'"
    );
    assert_eq!(
        err("    - name: e\n      fields: [proc.name, fd.name]\n      values: [[a]]\n"),
        "LOAD_ERR_VALIDATE: Fields and values lists must have equal length"
    );
    assert_eq!(
        err("    - name: e\n      fields: proc.name\n      values: [[a]]\n"),
        "LOAD_ERR_VALIDATE: Expected values array to contain a list of strings"
    );
    assert_eq!(
        err("    - name: e\n      fields: proc.name\n      values: a\n"),
        "LOAD_ERR_YAML_VALIDATE: Rule exception values must be a sequence"
    );
    assert_eq!(
        err("    - e\n"),
        "LOAD_ERR_YAML_VALIDATE: Rule exception must be a mapping"
    );
    assert_eq!(
        the_error(&exception_rule("evt.type = open", "    name: e\n")),
        "LOAD_ERR_YAML_VALIDATE: Rule exceptions must be a sequence"
    );
    assert_eq!(
        err("    - name: e\n      fields: [proc.name]\n      values: [['']]\n"),
        "LOAD_ERR_YAML_VALIDATE: Value must be non-empty"
    );
}

#[test]
fn exception_append_and_override() {
    let base = exception_rule(
        "evt.type = open",
        "    - name: e\n      fields: proc.name\n      comps: in\n      values: [cat]\n",
    );
    // Values appended to an existing exception, a new exception added.
    let yaml = format!(
        "{base}- rule: r\n  exceptions:\n    - name: e\n      values: [echo]\n    - name: f\n      \
         fields: [fd.name]\n      values: [[/tmp]]\n  override:\n    exceptions: append\n"
    );
    let (e, r) = load_ok(&yaml);
    assert!(!r.has_warnings(), "{:?}", warnings(&r));
    assert_eq!(
        compiled(&e, "r"),
        "(evt.type = open and not proc.name in (cat, echo) and not fd.name = /tmp)"
    );
    // Legacy append.
    let yaml = format!(
        "{base}- rule: r\n  exceptions:\n    - name: e\n      values: [echo]\n  append: true\n"
    );
    let (e, _) = load_ok(&yaml);
    assert_eq!(
        compiled(&e, "r"),
        "(evt.type = open and not proc.name in (cat, echo))"
    );
    // Appending without values warns.
    let yaml = format!(
        "{base}- rule: r\n  exceptions:\n    - name: e\n      value: echo\n  override:\n    \
         exceptions: append\n"
    );
    let (_, r) = load_ok(&yaml);
    assert!(warnings(&r).contains(
        &"LOAD_APPEND_NO_VALUES: Overriding/appending exception with no values".to_string()
    ));
    // Replacing needs complete exceptions.
    let yaml = format!(
        "{base}- rule: r\n  exceptions:\n    - name: e\n      values: [id]\n  override:\n    \
         exceptions: replace\n"
    );
    assert_eq!(
        the_error(&yaml),
        "LOAD_ERR_YAML_VALIDATE: Item has no mapping for key 'fields'"
    );
    // Fields can't be appended to an existing exception; new ones need values.
    let yaml = format!(
        "{base}- rule: r\n  exceptions:\n    - name: e\n      fields: proc.name\n      values: \
         [x]\n  override:\n    exceptions: append\n"
    );
    assert_eq!(
        the_error(&yaml),
        "LOAD_ERR_VALIDATE: Can not append exception fields to existing exception, only values"
    );
    let yaml = format!(
        "{base}- rule: r\n  exceptions:\n    - name: e\n      comps: in\n      values: [x]\n  \
         override:\n    exceptions: append\n"
    );
    assert_eq!(
        the_error(&yaml),
        "LOAD_ERR_VALIDATE: Can not append exception comps to existing exception, only values"
    );
    let yaml = format!(
        "{base}- rule: r\n  exceptions:\n    - name: g\n      fields: proc.name\n  override:\n    \
         exceptions: append\n"
    );
    assert_eq!(
        the_error(&yaml),
        "LOAD_ERR_VALIDATE: Rule exception must have values property with a list of values"
    );
    let yaml = format!(
        "{base}- rule: r\n  exceptions:\n    - name: g\n      values: [a]\n  override:\n    \
         exceptions: append\n"
    );
    assert_eq!(
        the_error(&yaml),
        "LOAD_ERR_VALIDATE: Rule exception must have fields property with a list of fields"
    );
}

#[test]
fn exception_names_should_be_unique() {
    let yaml = exception_rule(
        "evt.type = open",
        "    - name: e\n      fields: proc.name\n      values: [a]\n    - name: e\n      fields: \
         proc.name\n      values: [b]\n",
    );
    let (e, r) = load_ok(&yaml);
    assert_eq!(
        warnings(&r),
        vec![
            "LOAD_EXCEPTION_NAME_NOT_UNIQUE: Multiple definitions of exception 'e' in the same \
             rule"
        ]
    );
    assert_eq!(
        compiled(&e, "r"),
        "(evt.type = open and not proc.name in (a) and not proc.name in (b))"
    );
}

// ---------------------------------------------------------------------------------------
// Engine versions and plugin requirements (item 33, section 2.2)

#[test]
fn required_engine_version_forms() {
    for v in ["0.10.0", "0.26.0", "26", "0.63.0"] {
        let yaml = format!(
            "- required_engine_version: {v}\n{}",
            rule("r", "evt.type = open", &[])
        );
        let (_, r) = load_ok(&yaml);
        assert!(!r.has_warnings(), "{v}");
    }
    let (e, _) = load_ok("- required_engine_version: 0.26.0\n- required_engine_version: 12\n");
    assert_eq!(e.required_engine_version().unwrap().to_string(), "0.26.0");
    assert_eq!(
        the_error("- required_engine_version: seven\n"),
        "LOAD_ERR_YAML_VALIDATE: Unable to parse engine version 'seven' as a semver string. \
         Expected \"x.y.z\" semver format."
    );
    assert_eq!(
        the_error("- required_engine_version: 0.64.0\n"),
        "LOAD_ERR_VALIDATE: Rules require engine version 0.64.0, but engine version is 0.63.0"
    );
    assert_eq!(
        the_error("- required_engine_version: 1.0.0\n"),
        "LOAD_ERR_VALIDATE: Rules require engine version 1.0.0, but engine version is 0.63.0"
    );
    assert_eq!(
        the_error("- required_engine_version: 64\n"),
        "LOAD_ERR_VALIDATE: Rules require engine version 0.64.0, but engine version is 0.63.0"
    );
    assert_eq!(
        the_error("- required_engine_version:\n"),
        "LOAD_ERR_YAML_VALIDATE: Mapping for key 'required_engine_version' is empty"
    );
}

#[test]
fn required_plugin_versions() {
    let (e, _) = load_ok(
        "- required_plugin_versions:\n  - name: container\n    version: 0.4.0\n  - name: \
         k8saudit\n    version: 0.7.0\n    alternatives:\n      - name: k8saudit-eks\n        \
         version: 0.4.0\n",
    );
    let reqs = e.required_plugin_versions();
    assert_eq!(reqs.len(), 2);
    assert_eq!(reqs[0][0].name, "container");
    assert_eq!(reqs[1].len(), 2);
    assert_eq!(reqs[1][1].name, "k8saudit-eks");
    let ok = [falco_engine::PluginVersion {
        name: "container".into(),
        version: "0.4.1".into(),
    }];
    assert_eq!(
        e.check_plugin_requirements(&ok),
        Err(
            "Plugin requirement not satisfied, must load one of: k8saudit (>= 0.7.0), \
             k8saudit-eks (>= 0.4.0)"
                .into()
        )
    );
    assert_eq!(
        the_error("- required_plugin_versions:\n  - name: p\n    version: one\n"),
        "LOAD_ERR_VALIDATE: Invalid required version 'one' for plugin 'p'"
    );
    assert_eq!(
        the_error(
            "- required_plugin_versions:\n  - name: p\n    version: 1.0.0\n    alternatives:\n    \
             - name: p\n      version: 2.0.0\n"
        ),
        "LOAD_ERR_VALIDATE: Defined multiple alternative version requirements for plugin 'p'"
    );
    assert_eq!(
        the_error("- required_plugin_versions: container\n"),
        "LOAD_ERR_YAML_VALIDATE: Value of required_plugin_versions must be a sequence"
    );
    assert_eq!(
        the_error("- required_plugin_versions:\n  - container\n"),
        "LOAD_ERR_YAML_VALIDATE: Plugin version must be a mapping"
    );
    assert_eq!(
        the_error("- required_plugin_versions:\n  - name: p\n"),
        "LOAD_ERR_YAML_VALIDATE: Item has no mapping for key 'version'"
    );
    assert_eq!(
        the_error(
            "- required_plugin_versions:\n  - name: p\n    version: 1.0.0\n    alternatives: q\n"
        ),
        "LOAD_ERR_YAML_VALIDATE: Value of plugin version alternatives must be a sequence"
    );
}

// ---------------------------------------------------------------------------------------
// File structure (section 2.1)

#[test]
fn file_structure() {
    assert_eq!(
        the_error("rule: r\n"),
        "LOAD_ERR_YAML_VALIDATE: Rules content is not yaml array of objects"
    );
    assert_eq!(
        the_error("just text\n"),
        "LOAD_ERR_YAML_VALIDATE: Rules content is not yaml"
    );
    assert_eq!(
        the_error("- a\n"),
        "LOAD_ERR_YAML_VALIDATE: Unexpected element type. Each element should be a yaml \
         associative array."
    );
    let err = the_error("- rule: [\n");
    assert!(err.starts_with("LOAD_ERR_YAML_PARSE: "), "{err}");
    // Empty content, comments, null documents and null items are fine.
    for yaml in ["", "# nothing\n", "---\n...\n", "-\n- ~\n"] {
        let (_, r) = load_ok(yaml);
        assert!(!r.has_warnings(), "{yaml:?}");
    }
}

#[test]
fn unknown_items_and_keys_warn() {
    let yaml = format!(
        "- something: else\n{}",
        rule("r", "evt.type = open", &["colour: red"])
    );
    let (_, r) = load_ok(&yaml);
    assert_eq!(
        warnings(&r),
        vec![
            "LOAD_UNKNOWN_ITEM: Unknown top level item",
            "LOAD_UNKNOWN_KEY: Unknown key 'colour'. The key will be ignored.",
        ]
    );
    let (_, r) = load_ok(
        "- list: l\n  items: []\n  priority: INFO\n- macro: m\n  condition: evt.type = open\n  \
         output: o\n- required_engine_version: 0.1.0\n  extra: 1\n",
    );
    let w = warnings(&r);
    assert!(
        w.contains(&"LOAD_UNKNOWN_KEY: Unknown key 'priority'. The key will be ignored.".into())
    );
    assert!(w.contains(&"LOAD_UNKNOWN_KEY: Unknown key 'output'. The key will be ignored.".into()));
    assert!(w.contains(&"LOAD_UNKNOWN_KEY: Unknown key 'extra'. The key will be ignored.".into()));
}

#[test]
fn reading_stops_at_the_first_error() {
    let yaml = format!(
        "- list: kept\n  items: [a]\n- rule: broken\n{}- list: never\n  items: [b]\n",
        rule("r", "evt.type = open", &[])
    );
    let (e, r) = load(&yaml);
    assert_eq!(errors(&r).len(), 1);
    assert!(e.collector().lists().get("kept").is_some());
    assert!(e.collector().lists().get("never").is_none());
    assert!(e.collector().rules().get("r").is_none());
}

#[test]
fn multi_document_content() {
    let yaml = format!(
        "{}---\n- list: l\n  items: [x]\n---\n{}",
        rule("a", "evt.type = open and proc.name in (l)", &[]),
        rule("b", "evt.type = close", &[])
    );
    let (e, _) = load_ok(&yaml);
    assert_eq!(e.rules().len(), 2);
    assert_eq!(compiled(&e, "a"), "(evt.type = open and proc.name in (x))");
}

// ---------------------------------------------------------------------------------------
// Conditions and outputs: compilation, warnings (items 35, 36)

#[test]
fn condition_syntax_errors() {
    let (e, r) = load(&rule("r", "evt.type = open and", &[]));
    assert!(!r.successful());
    let err = &r.errors()[0];
    assert_eq!(err.code, ErrorCode::LOAD_ERR_COMPILE_CONDITION);
    let v = r.as_verbose_string(e.contents());
    assert!(v.contains("    condition expression: "), "{v}");
}

#[test]
fn unknown_fields_fail_unless_skipped() {
    let err = the_error(&rule("r", "evt.type = open and proc.nope = 1", &[]));
    assert_eq!(
        err,
        "LOAD_ERR_COMPILE_CONDITION: filter_check called with nonexistent field proc.nope"
    );
    let (e, r) = load_ok(&rule(
        "r",
        "evt.type = open and proc.nope = 1",
        &["skip-if-unknown-filter: true"],
    ));
    assert_eq!(
        warnings(&r),
        vec!["LOAD_UNKNOWN_FILTER: filter_check called with nonexistent field proc.nope"]
    );
    assert!(e.rules().is_empty());
    // In the output.
    let yaml = "- rule: r\n  desc: d\n  condition: evt.type = open\n  output: x=%proc.nope\n  \
                priority: INFO\n";
    assert_eq!(
        the_error(yaml),
        "LOAD_ERR_COMPILE_OUTPUT: unknown filter: unexpected token after '"
    );
    let yaml = format!("{yaml}  skip-if-unknown-filter: true\n");
    let (e, r) = load_ok(&yaml);
    assert_eq!(
        warnings(&r),
        vec!["LOAD_UNKNOWN_FILTER: unknown filter: unexpected token after '"]
    );
    assert!(e.rules().is_empty());
    let yaml = "- rule: r\n  desc: d\n  condition: evt.type = open\n  output: x=%\n  priority: \
                INFO\n";
    assert_eq!(
        the_error(yaml),
        "LOAD_ERR_COMPILE_OUTPUT: invalid formatting syntax: formatting cannot end with a %"
    );
}

#[test]
fn too_many_event_types_warn() {
    // Item 35.
    let (_, r) = load_ok(&rule("r", "proc.name = cat", &[]));
    assert_eq!(
        warnings(&r),
        vec![
            "LOAD_NO_EVTTYPE: Rule matches too many evt.type values. This has a significant \
             performance penalty."
        ]
    );
    let (_, r) = load_ok(&rule("r", "proc.name = cat", &["warn_evttypes: false"]));
    assert!(!r.has_warnings());
    let (_, r) = load_ok(&rule("r", "evt.type = open and evt.type = close", &[]));
    assert!(!r.has_warnings());
    let (_, r) = load_ok(&rule("r", "evt.type != open", &[]));
    assert_eq!(r.warnings()[0].code, WarningCode::LOAD_NO_EVTTYPE);
    let yaml = format!(
        "- macro: never_true\n  condition: (evt.num=0)\n{}",
        rule("r", "never_true and proc.name = cat", &[])
    );
    let (e, r) = load_ok(&yaml);
    assert!(!r.has_warnings(), "{:?}", warnings(&r));
    assert!(e.rule("r").unwrap().event_types.is_empty());
}

#[test]
fn deprecated_fields_warn() {
    let (_, r) = load_ok(&rule("r", "evt.type = open and evt.dir = <", &[]));
    assert_eq!(
        warnings(&r),
        vec![
            "LOAD_DEPRECATED_ITEM: due to the drop of enter events, 'evt.dir = <' always \
             evaluates to true, and 'evt.dir = >' always evaluates to false. The rule \
             expression can be simplified by removing the condition on 'evt.dir'"
        ]
    );
    assert_eq!(
        r.as_summary_string(),
        "rules.yaml: Ok, with warnings\n 1 warnings: [LOAD_DEPRECATED_ITEM (Used deprecated \
         item: field 'evt.dir')]"
    );
    let yaml = "- rule: r\n  desc: d\n  condition: evt.type = open\n  output: dir=%evt.dir\n  \
                priority: INFO\n";
    let (_, r) = load_ok(yaml);
    assert_eq!(
        warnings(&r),
        vec![
            "LOAD_DEPRECATED_ITEM: usage of deprecated field 'evt.dir' has been detected in the \
             rule output"
        ]
    );
}

#[test]
fn container_info_is_dropped_from_outputs() {
    let yaml = "- rule: r\n  desc: d\n  condition: evt.type = open\n  output: fd=%evt.rawarg.fd \
                %container.info\n  priority: INFO\n";
    let (e, r) = load_ok(yaml);
    assert_eq!(e.rule("r").unwrap().output, "fd=%evt.rawarg.fd ");
    assert!(warnings(&r)[0].starts_with("LOAD_DEPRECATED_ITEM: %container.info is deprecated"));
}

#[test]
fn extra_output_formats_and_fields() {
    let mut e = falco_engine::Engine::new();
    e.add_extra_output_format("pid=%proc.pid", "", Default::default(), "");
    e.add_extra_output_format("never", "k8s_audit", Default::default(), "");
    e.add_extra_output_format(
        "tagged",
        "syscall",
        ["t".to_string()].into_iter().collect(),
        "",
    );
    e.add_extra_output_raw_field("proc.name", "", Default::default(), "r");
    let yaml = format!(
        "{}{}",
        rule("r", "evt.type = open", &["tags: [t, u]"]),
        rule("s", "evt.type = open", &[])
    );
    let r = e.load_rules(&yaml, "rules.yaml");
    assert!(r.successful());
    assert_eq!(
        e.rule("r").unwrap().output,
        "fd=%evt.rawarg.fd pid=%proc.pid tagged"
    );
    assert_eq!(
        e.rule("s").unwrap().output,
        "fd=%evt.rawarg.fd pid=%proc.pid"
    );
    assert_eq!(
        e.rule("r").unwrap().extra_output_fields.get("proc.name"),
        Some(&("%proc.name".to_string(), true))
    );
    assert!(e.rule("s").unwrap().extra_output_fields.is_empty());
}

#[test]
fn compiled_conditions_read_like_falco() {
    // Item 36.
    let (e, _) = load_ok(&rule(
        "r",
        "evt.type in (open,openat) and (proc.name=cat or proc.name='my tool') and not \
         fd.name startswith \"/a b\"",
        &[],
    ));
    assert_eq!(
        compiled(&e, "r"),
        "(evt.type in (open, openat) and (proc.name = cat or proc.name = \"my tool\") and not \
         fd.name startswith \"/a b\")"
    );
}

#[test]
fn list_names_are_replaced_everywhere_as_words() {
    // Lexical replacement, even after `=` (a known Falco quirk).
    let yaml = format!(
        "- list: cat\n  items: [dog]\n{}",
        rule("r", "evt.type = open and proc.name = cat", &[])
    );
    let (e, _) = load_ok(&yaml);
    assert_eq!(compiled(&e, "r"), "(evt.type = open and proc.name = dog)");
}

#[test]
fn macro_expansion_is_bounded() {
    // Each macro doubles the previous one: 2^40 checks once expanded.
    let mut yaml = String::from("- macro: m0\n  condition: evt.type = open\n");
    for i in 1..=40 {
        let p = i - 1;
        yaml.push_str(&format!("- macro: m{i}\n  condition: m{p} or m{p}\n"));
    }
    yaml.push_str(&rule("r", "m40", &[]));
    let err = the_error(&yaml);
    assert!(
        err.starts_with("LOAD_ERR_VALIDATE: Expanding macros makes the condition too large"),
        "{err}"
    );
    // Deep nesting through macros.
    let mut yaml = String::from("- macro: d0\n  condition: evt.type = open\n");
    for i in 1..=12 {
        let p = i - 1;
        yaml.push_str(&format!(
            "- macro: d{i}\n  condition: {}d{p}{}\n",
            "(evt.num > 1 and ".repeat(100),
            ")".repeat(100)
        ));
    }
    yaml.push_str(&rule("r", "d10", &[]));
    let err = the_error(&yaml);
    assert!(err.contains("too large"), "{err}");
}
