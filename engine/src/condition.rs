//! Condition text as Falco builds it before parsing: exceptions appended, list names
//! replaced by their items. Both are textual, and reproduce Falco's quirks:
//!
//! * a list item or exception value containing a space is wrapped in double quotes unless
//!   it starts with a quote; nothing else is escaped;
//! * a list name is replaced wherever it appears as a word delimited by the start or end of
//!   the text, a blank, `(`, `)`, `,` or `=` — also where it is not a list reference (so a
//!   list name must not be a word used as a value); an empty list also takes away a comma
//!   next to it, so `(a, EMPTY)` still parses;
//! * an exception's condition is ` and not (...)` after the rule's condition in parentheses;
//!   a scalar value compared with a list operator is put in parentheses (so it can be a list
//!   name), other values are quoted when they contain a space; field names and values are
//!   spliced in as written (`toupper(proc.pname)` is a transformer, `proc.pname` a string).

use std::collections::BTreeSet;

use crate::collector::{is_operator_for_list, ExceptionInfo};
use crate::result::{ErrorCode, Failure};

/// `"value"` when `value` contains a space and does not start with a quote.
pub fn quote_item(value: &str) -> String {
    if value.contains(' ') && !value.starts_with('"') && !value.starts_with('\'') {
        format!("\"{value}\"")
    } else {
        value.to_string()
    }
}

/// `(value)` unless `value` starts with `(`.
pub fn paren_item(value: &str) -> String {
    if value.starts_with('(') {
        value.to_string()
    } else {
        format!("({value})")
    }
}

const BLANKS: &[u8] = b" \t\n\r";
/// The characters that delimit a list name in condition text.
pub(crate) const DELIMS: &[u8] = b" \t\n\r(),=";

/// Replaces every word `name` of `cnd` by the items of the list, joined with `, `. Returns
/// true when something was replaced (the list is used).
pub fn resolve_list(cnd: &mut String, name: &str, items: &[String]) -> bool {
    if name.is_empty() {
        return false;
    }
    let mut used = false;
    let mut text: Vec<u8> = std::mem::take(cnd).into_bytes();
    let name_b = name.as_bytes();
    let mut start = find(&text, name_b, 0);
    while let Some(mut s) = start {
        let mut end = s + name_b.len();
        let before_ok = s == 0 || DELIMS.contains(&text[s - 1]);
        let after_ok = end >= text.len() || DELIMS.contains(&text[end]);
        if before_ok && after_ok {
            while s > 0 && BLANKS.contains(&text[s - 1]) {
                s -= 1;
            }
            while end < text.len() && BLANKS.contains(&text[end]) {
                end += 1;
            }
            let sub = items
                .iter()
                .map(|v| quote_item(v))
                .collect::<Vec<_>>()
                .join(", ");
            if sub.is_empty() {
                if s > 0 && text[s - 1] == b',' {
                    s -= 1;
                } else if end < text.len() && text[end] == b',' {
                    end += 1;
                }
            }
            let mut new = Vec::with_capacity(text.len() + sub.len() + 2);
            if s > 0 {
                new.extend_from_slice(&text[..s]);
                new.push(b' ');
            }
            new.extend_from_slice(sub.as_bytes());
            new.push(b' ');
            if end <= text.len() {
                new.extend_from_slice(&text[end..]);
            }
            text = new;
            s += sub.len() + 1;
            used = true;
        }
        start = find(&text, name_b, s + 1);
    }
    *cnd = String::from_utf8(text).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into());
    used
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if from > hay.len() || needle.len() > hay.len() - from {
        return None;
    }
    memchr::memmem::find(&hay[from..], needle).map(|p| p + from)
}

/// The rule condition with its exceptions: `(COND)` followed by ` and not (...)` for each
/// exception with values. The fields of the exceptions are added to `fields`.
pub(crate) fn with_exceptions(
    condition: &str,
    exceptions: &[ExceptionInfo],
    fields: &mut BTreeSet<String>,
) -> Result<String, Failure> {
    let mut out = format!("({condition})");
    for ex in exceptions {
        let mut icond = String::new();
        if !ex.fields.is_list {
            for val in &ex.values {
                if val.is_list {
                    return Err(Failure::new(
                        ErrorCode::LOAD_ERR_VALIDATE,
                        "Expected values array to contain a list of strings",
                        &ex.ctx,
                    ));
                }
                if icond.is_empty() {
                    icond = format!("({} {} (", ex.fields.item, ex.comps.item);
                } else {
                    icond.push_str(", ");
                }
                fields.insert(ex.fields.item.clone());
                icond.push_str(&quote_item(&val.item));
            }
            if !icond.is_empty() {
                icond.push_str("))");
            }
        } else {
            icond.push('(');
            for values in &ex.values {
                if ex.fields.items.len() != values.items.len() {
                    return Err(Failure::new(
                        ErrorCode::LOAD_ERR_VALIDATE,
                        "Fields and values lists must have equal length",
                        &ex.ctx,
                    ));
                }
                if icond != "(" {
                    icond.push_str(" or ");
                }
                icond.push('(');
                for (k, field) in ex.fields.items.iter().enumerate() {
                    if k > 0 {
                        icond.push_str(" and ");
                    }
                    let comp = ex.comps.items.get(k).map_or("", |c| c.item.as_str());
                    let value = &values.items[k];
                    let istr = if value.is_list {
                        let inner: Vec<String> =
                            value.items.iter().map(|v| quote_item(&v.item)).collect();
                        format!("({})", inner.join(", "))
                    } else if is_operator_for_list(comp) {
                        paren_item(&value.item)
                    } else {
                        quote_item(&value.item)
                    };
                    icond.push(' ');
                    icond.push_str(&field.item);
                    icond.push(' ');
                    icond.push_str(comp);
                    icond.push(' ');
                    icond.push_str(&istr);
                    fields.insert(field.item.clone());
                }
                icond.push(')');
            }
            icond.push(')');
            if icond == "()" {
                icond.clear();
            }
        }
        if !icond.is_empty() {
            out.push_str(" and not ");
            out.push_str(&icond);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::collector::ExceptionEntry;
    use crate::result::Context;

    fn items(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    fn subst(cnd: &str, name: &str, list: &[&str]) -> (String, bool) {
        let mut c = cnd.to_string();
        let used = resolve_list(&mut c, name, &items(list));
        (c, used)
    }

    #[test]
    fn lists_are_replaced_as_words() {
        assert_eq!(
            subst("proc.name in (shells)", "shells", &["bash", "sh"]),
            ("proc.name in ( bash, sh )".to_string(), true)
        );
        // Not inside other words.
        assert_eq!(
            subst("proc.name in (my_shells, shellsx)", "shells", &["bash"]),
            ("proc.name in (my_shells, shellsx)".to_string(), false)
        );
        // After `=`, and at the very start and end of the text.
        assert_eq!(subst("shells=shells", "shells", &["a"]).0, "a = a ");
        // Items with spaces are quoted, quoted items are left alone.
        assert_eq!(
            subst("x in (l)", "l", &["a b", "\"c d\"", "e"]).0,
            "x in ( \"a b\", \"c d\", e )"
        );
        // Every occurrence is replaced.
        assert_eq!(
            subst("a in (l) or b in (l)", "l", &["x"]).0,
            "a in ( x ) or b in ( x )"
        );
    }

    #[test]
    fn empty_lists_take_a_comma() {
        assert_eq!(subst("x in (a, l)", "l", &[]).0, "x in (a  )");
        assert_eq!(subst("x in (l, a)", "l", &[]).0, "x in (   a)");
        assert_eq!(subst("x in (l)", "l", &[]).0, "x in (  )");
    }

    fn ex(
        fields: ExceptionEntry,
        comps: ExceptionEntry,
        values: Vec<ExceptionEntry>,
    ) -> ExceptionInfo {
        ExceptionInfo {
            ctx: Context::new("f"),
            name: "e".into(),
            fields,
            comps,
            values,
        }
    }

    fn list(v: &[&str]) -> ExceptionEntry {
        ExceptionEntry {
            is_list: true,
            item: String::new(),
            items: v.iter().map(|s| ExceptionEntry::scalar(s)).collect(),
        }
    }

    fn nested(v: Vec<ExceptionEntry>) -> ExceptionEntry {
        ExceptionEntry {
            is_list: true,
            item: String::new(),
            items: v,
        }
    }

    #[test]
    fn exceptions_in_list_form() {
        let mut fields = BTreeSet::new();
        let e = ex(
            list(&["proc.name", "fd.name"]),
            list(&["=", "startswith"]),
            vec![list(&["bash", "/tmp"]), list(&["a b", "/x y"])],
        );
        assert_eq!(
            with_exceptions("evt.type = open", &[e], &mut fields).unwrap(),
            "(evt.type = open) and not (( proc.name = bash and  fd.name startswith /tmp) or \
             ( proc.name = \"a b\" and  fd.name startswith \"/x y\"))"
        );
        assert_eq!(
            fields.into_iter().collect::<Vec<_>>(),
            vec!["fd.name".to_string(), "proc.name".to_string()]
        );
        // A list value, and a scalar with a list operator (possibly a list name).
        let mut fields = BTreeSet::new();
        let e = ex(
            list(&["proc.name", "proc.pname"]),
            list(&["in", "in"]),
            vec![nested(vec![
                list(&["a", "b c"]),
                ExceptionEntry::scalar("shells"),
            ])],
        );
        assert_eq!(
            with_exceptions("c", &[e], &mut fields).unwrap(),
            "(c) and not (( proc.name in (a, \"b c\") and  proc.pname in (shells)))"
        );
        // No values: nothing added.
        let e = ex(list(&["proc.name"]), list(&["="]), vec![]);
        assert_eq!(
            with_exceptions("c", &[e], &mut BTreeSet::new()).unwrap(),
            "(c)"
        );
        // Mismatched lengths.
        let e = ex(
            list(&["proc.name", "fd.name"]),
            list(&["=", "="]),
            vec![list(&["a"])],
        );
        assert_eq!(
            with_exceptions("c", &[e], &mut BTreeSet::new())
                .unwrap_err()
                .msg,
            "Fields and values lists must have equal length"
        );
    }

    #[test]
    fn exceptions_in_single_field_form() {
        let e = ex(
            ExceptionEntry::scalar("proc.name"),
            ExceptionEntry::scalar("in"),
            vec![ExceptionEntry::scalar("a"), ExceptionEntry::scalar("b c")],
        );
        assert_eq!(
            with_exceptions("c", &[e], &mut BTreeSet::new()).unwrap(),
            "(c) and not (proc.name in (a, \"b c\"))"
        );
        let e = ex(
            ExceptionEntry::scalar("proc.name"),
            ExceptionEntry::scalar("in"),
            vec![list(&["a"])],
        );
        assert_eq!(
            with_exceptions("c", &[e], &mut BTreeSet::new())
                .unwrap_err()
                .msg,
            "Expected values array to contain a list of strings"
        );
    }
}
