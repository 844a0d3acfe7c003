//! The check of a rules document against Falco's rules JSON schema, whose outcome Falco logs
//! as `<file> | schema validation: ok` (or `failed for ...`). It never makes loading fail.
//!
//! The checks are those of the schema (with "weak types": a scalar is a string, an integer
//! when it reads as one, a boolean only when it is `true` or `false`): a document is a
//! sequence of mappings with only the keys of rules, macros, lists and requirements, each
//! of its type; priorities are upper case (`INFO` allowed); overrides are `append` or
//! `replace`; exceptions have a `name` and only `fields`, `comps` and `values` besides;
//! plugin requirements have `name` and `version`.
//!
//! The status reports the first problem only, with a context written like Falco's
//! (`<root>[3][priority]`); the wording of the problems is close to but not always that of
//! the validator Falco uses.

use crate::yaml::Node;

/// `ok`, or `failed for CONTEXT: PROBLEM`.
pub(crate) fn validate(doc: &Node) -> String {
    let mut path = String::from("<root>");
    match check_doc(doc, &mut path) {
        Ok(()) => "ok".to_string(),
        Err((ctx, what)) => format!("failed for {ctx}: {what}"),
    }
}

type Check = Result<(), (String, String)>;

fn type_error(path: &str) -> Check {
    Err((
        path.to_string(),
        "Value type not permitted by 'type' constraint.".to_string(),
    ))
}

fn with<T>(path: &mut String, seg: &str, f: impl FnOnce(&mut String) -> T) -> T {
    let len = path.len();
    path.push('[');
    path.push_str(seg);
    path.push(']');
    let r = f(path);
    path.truncate(len);
    r
}

fn is_string(n: &Node) -> bool {
    n.is_scalar()
}

fn is_bool(n: &Node) -> bool {
    matches!(n.scalar(), Some("true" | "false"))
}

fn is_integer(n: &Node) -> bool {
    match n.scalar() {
        Some(s) => {
            let d = s.strip_prefix('-').unwrap_or(s);
            !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit())
        }
        None => false,
    }
}

fn check_doc(doc: &Node, path: &mut String) -> Check {
    if !doc.is_seq() {
        return type_error(path);
    }
    for (i, item) in doc.seq().iter().enumerate() {
        with(path, &i.to_string(), |p| check_item(item, p))?;
    }
    Ok(())
}

fn check_additional(n: &Node, allowed: &[&str], path: &str) -> Check {
    for (k, _) in n.entries() {
        let key = k.scalar().unwrap_or("null");
        if !allowed.contains(&key) {
            return Err((
                path.to_string(),
                format!(
                    "Object contains a property that could not be validated using 'properties' \
                     or 'additionalProperties' constraints: '{key}'."
                ),
            ));
        }
    }
    Ok(())
}

fn check_required(n: &Node, required: &[&str], path: &str) -> Check {
    for r in required {
        if n.get(r).is_none() {
            return Err((
                path.to_string(),
                format!("Object is missing required property '{r}'."),
            ));
        }
    }
    Ok(())
}

fn check_array(n: &Node, path: &mut String, item: impl Fn(&Node, &mut String) -> Check) -> Check {
    if !n.is_seq() {
        return type_error(path);
    }
    for (i, v) in n.seq().iter().enumerate() {
        with(path, &i.to_string(), |p| item(v, p))?;
    }
    Ok(())
}

const ITEM_KEYS: [&str; 20] = [
    "required_engine_version",
    "required_plugin_versions",
    "macro",
    "condition",
    "list",
    "items",
    "rule",
    "desc",
    "enabled",
    "output",
    "append",
    "priority",
    "capture",
    "capture_duration",
    "source",
    "exceptions",
    "override",
    "tags",
    "warn_evttypes",
    "skip-if-unknown-filter",
];

const OVERRIDE_KEYS: [&str; 12] = [
    "items",
    "desc",
    "condition",
    "output",
    "priority",
    "enabled",
    "exceptions",
    "capture",
    "capture_duration",
    "tags",
    "warn_evttypes",
    "skip-if-unknown-filter",
];

const PRIORITIES: [&str; 9] = [
    "EMERGENCY",
    "ALERT",
    "CRITICAL",
    "ERROR",
    "WARNING",
    "NOTICE",
    "INFO",
    "INFORMATIONAL",
    "DEBUG",
];

fn enum_error(path: &str) -> Check {
    Err((
        path.to_string(),
        "Failed to match against any enum values.".to_string(),
    ))
}

fn check_item(item: &Node, path: &mut String) -> Check {
    if !item.is_map() {
        return type_error(path);
    }
    check_additional(item, &ITEM_KEYS, path)?;
    for (k, v) in item.entries() {
        let Some(key) = k.scalar() else { continue };
        with(path, key, |p| -> Check {
            match key {
                "required_engine_version"
                | "macro"
                | "condition"
                | "list"
                | "rule"
                | "desc"
                | "output"
                | "source"
                    if !is_string(v) =>
                {
                    return type_error(p);
                }
                "enabled" | "append" | "capture" | "warn_evttypes" | "skip-if-unknown-filter"
                    if !is_bool(v) =>
                {
                    return type_error(p);
                }
                "capture_duration" if !is_integer(v) => return type_error(p),
                "priority" => {
                    if !is_string(v) {
                        return type_error(p);
                    }
                    if !PRIORITIES.contains(&v.scalar().unwrap_or_default()) {
                        return enum_error(p);
                    }
                }
                "items" => {
                    check_array(v, p, |x, p| {
                        if is_string(x) {
                            Ok(())
                        } else {
                            Err((
                                p.clone(),
                                "Failed to validate against any schemas allowed by anyOf \
                                 constraint."
                                    .to_string(),
                            ))
                        }
                    })?;
                }
                "tags" => {
                    check_array(
                        v,
                        p,
                        |x, p| if is_string(x) { Ok(()) } else { type_error(p) },
                    )?;
                }
                "exceptions" => {
                    check_array(v, p, |x, p| {
                        if !x.is_map() {
                            return type_error(p);
                        }
                        check_additional(x, &["name", "fields", "comps", "values"], p)?;
                        check_required(x, &["name"], p)?;
                        if !is_string(x.get("name").expect("required")) {
                            return with(p, "name", |p| type_error(p));
                        }
                        Ok(())
                    })?;
                }
                "override" => {
                    if !v.is_map() {
                        return type_error(p);
                    }
                    check_additional(v, &OVERRIDE_KEYS, p)?;
                    if v.entries().is_empty() {
                        return Err((
                            p.clone(),
                            "Object should have no fewer than 1 properties.".to_string(),
                        ));
                    }
                    for (ok, ov) in v.entries() {
                        let okey = ok.scalar().unwrap_or("null");
                        with(p, okey, |p| {
                            if !is_string(ov) {
                                type_error(p)
                            } else if !matches!(ov.scalar(), Some("append" | "replace")) {
                                enum_error(p)
                            } else {
                                Ok(())
                            }
                        })?;
                    }
                }
                "required_plugin_versions" => {
                    check_array(v, p, |x, p| check_plugin(x, p, true))?;
                }
                _ => {}
            }
            Ok(())
        })?;
    }
    Ok(())
}

fn check_plugin(x: &Node, p: &mut String, with_alternatives: bool) -> Check {
    if !x.is_map() {
        return type_error(p);
    }
    let allowed: &[&str] = if with_alternatives {
        &["name", "version", "alternatives"]
    } else {
        &["name", "version"]
    };
    check_additional(x, allowed, p)?;
    check_required(x, &["name", "version"], p)?;
    for (k, v) in x.entries() {
        let Some(key) = k.scalar() else { continue };
        with(p, key, |p| match key {
            "name" | "version" if !is_string(v) => type_error(p),
            "alternatives" => check_array(v, p, |a, p| check_plugin(a, p, false)),
            _ => Ok(()),
        })?;
    }
    Ok(())
}

/// The JSON schema (draft-07) of rules files that [`validate`] checks, for
/// `falco --rule-schema`: a document is an array of items, each a mapping with only the
/// keys of rules, macros, lists and requirements, of the types checked above.
pub fn rules_json_schema() -> serde_json::Value {
    use serde_json::json;
    let string = json!({"type": "string"});
    let boolean = json!({"type": "boolean"});
    let strings = json!({"type": "array", "items": {"type": "string"}});
    let exception = json!({
        "type": "object",
        "required": ["name"],
        "additionalProperties": false,
        "properties": {
            "name": string,
            "fields": {"anyOf": [string, strings]},
            "comps": {"anyOf": [string, strings]},
            "values": {"type": "array"},
        }
    });
    let mut props = serde_json::Map::new();
    for key in ITEM_KEYS {
        let t = match key {
            "required_plugin_versions" => json!({
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["name", "version"],
                    "properties": {
                        "name": string,
                        "version": string,
                        "alternatives": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "required": ["name", "version"],
                                "properties": {"name": string, "version": string},
                            }
                        }
                    }
                }
            }),
            "items" | "tags" => json!({"type": "array"}),
            "enabled" | "append" | "capture" | "warn_evttypes" | "skip-if-unknown-filter" => {
                boolean.clone()
            }
            "capture_duration" => json!({"type": "integer"}),
            "priority" => json!({"type": "string", "enum": PRIORITIES}),
            "exceptions" => json!({"type": "array", "items": exception}),
            "override" => {
                let mut o = serde_json::Map::new();
                for k in OVERRIDE_KEYS {
                    o.insert(
                        k.to_string(),
                        json!({"type": "string", "enum": ["append", "replace"]}),
                    );
                }
                json!({"type": "object", "additionalProperties": false, "properties": o})
            }
            _ => string.clone(),
        };
        props.insert(key.to_string(), t);
    }
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "Falco rules file",
        "type": "array",
        "items": {
            "type": "object",
            "additionalProperties": false,
            "properties": props,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::load_all;

    fn status(text: &str) -> String {
        validate(&load_all(text).unwrap()[0])
    }

    #[test]
    fn valid_content() {
        assert_eq!(
            status(
                "- required_engine_version: 0.57.0\n- required_plugin_versions:\n  - name: \
                 container\n    version: 0.4.0\n- list: l\n  items: [a, 1]\n- rule: r\n  desc: \
                 d\n  condition: c\n  output: o\n  priority: INFO\n  enabled: false\n  \
                 exceptions:\n  - name: e\n    fields: [a]\n  override:\n    enabled: replace\n"
            ),
            "ok"
        );
    }

    #[test]
    fn problems() {
        assert_eq!(
            status("- rule: r\n  priority: Warning\n"),
            "failed for <root>[0][priority]: Failed to match against any enum values."
        );
        assert_eq!(
            status("- rule: r\n  enabled: yes\n"),
            "failed for <root>[0][enabled]: Value type not permitted by 'type' constraint."
        );
        assert!(status("- rule: r\n  foo: 1\n").contains("'foo'"));
        assert!(
            status("- rule: r\n  exceptions:\n  - name: e\n    value: x\n").contains("'value'")
        );
        assert_eq!(
            status("a: b"),
            "failed for <root>: Value type not permitted by 'type' constraint."
        );
    }
}
