//! `--list-events`, `-i` and `--list`: what Falco can see, in text, Markdown or JSON.

use std::collections::BTreeSet;

use falco_schema::{category, code, eflags, syscalls, Direction, EventInfo, ParamExtra, EVENTS};
use falco_sinsp::fields::{self, FieldDef};

use crate::json::Json;
use crate::options::ListFormat;
use crate::version::VersionsInfo;

fn sc_categories(e: &EventInfo) -> u32 {
    e.category & 0x3f
}

fn is_io(e: &EventInfo) -> bool {
    matches!(
        sc_categories(e),
        category::IO_READ | category::IO_WRITE | category::IO_OTHER
    )
}

fn modifies_state(e: &EventInfo) -> bool {
    e.flags & (eflags::CREATES_FD | eflags::DESTROYS_FD | eflags::MODIFIES_STATE) != 0
}

/// Every syscall with its enter and exit event codes, over the architectures we know.
fn all_syscalls() -> Vec<(u16, u16, u16)> {
    let mut v: Vec<(u16, u16, u16)> = [syscalls::Arch::X86_64, syscalls::Arch::Aarch64]
        .into_iter()
        .flat_map(|a| syscalls::table(a).iter())
        .map(|s| (s.ppm_sc, s.enter, s.exit))
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// Names of the syscalls Falco ignores by default for performance: the high-volume I/O
/// syscalls that state tracking does not need.
pub fn ignored_syscalls() -> BTreeSet<&'static str> {
    let mut out = BTreeSet::new();
    for (sc, enter, exit) in all_syscalls() {
        let (Some(e), Some(x)) = (EVENTS.get(enter as usize), EVENTS.get(exit as usize)) else {
            continue;
        };
        if enter == code::PPME_GENERIC_E {
            continue;
        }
        if (is_io(e) || is_io(x)) && !modifies_state(e) && !modifies_state(x) {
            if let Some(n) = syscalls::sc_name(sc) {
                out.insert(n);
            }
        }
    }
    out
}

/// The `-i` text.
pub fn ignored_events_text() -> String {
    let mut s = String::from("Ignored syscall(s):\n");
    for n in ignored_syscalls() {
        s.push_str(&format!("- {n}\n"));
    }
    s.push('\n');
    s
}

struct Entry {
    name: &'static str,
    enter: bool,
    available: bool,
    info: &'static EventInfo,
}

fn param_type_name(ty: falco_schema::ParamType) -> String {
    ty.name().to_ascii_uppercase()
}

fn flag_names(p: &falco_schema::ParamInfo) -> Option<Vec<&'static str>> {
    use falco_schema::ParamType as T;
    match (p.ty, p.extra) {
        (
            T::Flags8 | T::Flags16 | T::Flags32 | T::Enumflags8 | T::Enumflags16 | T::Enumflags32,
            ParamExtra::Flags(set),
        ) => Some(set.values.iter().map(|v| v.name).collect()),
        _ => Option::None,
    }
}

fn categories() -> [(&'static str, Vec<Entry>); 4] {
    let ignored = ignored_syscalls();
    let ignored_codes: BTreeSet<u16> = all_syscalls()
        .into_iter()
        .filter(|(sc, e, _)| {
            *e != code::PPME_GENERIC_E
                && syscalls::sc_name(*sc).is_some_and(|n| ignored.contains(n))
        })
        .flat_map(|(_, e, x)| [e, x])
        .collect();
    let mut sys = Vec::new();
    let mut tp = Vec::new();
    let mut plugin = Vec::new();
    let mut meta = Vec::new();
    for e in EVENTS.iter() {
        if e.code == code::PPME_GENERIC_E
            || e.code == code::PPME_GENERIC_X
            || e.is_old_version()
            || e.is_unused()
            || e.name == "NA"
        {
            continue;
        }
        let entry = Entry {
            name: e.name,
            enter: e.direction() == Direction::Enter,
            available: !ignored_codes.contains(&e.code),
            info: e,
        };
        if e.category & category::SYSCALL != 0 {
            sys.push(entry);
        } else if e.category & category::TRACEPOINT != 0 {
            tp.push(entry);
        } else if e.category & category::PLUGIN != 0 {
            plugin.push(entry);
        } else if e.category & category::METAEVENT != 0 {
            meta.push(entry);
        }
    }
    // Syscalls without a dedicated event are reported by the generic pair, one per name.
    let generic_names: BTreeSet<&'static str> = all_syscalls()
        .into_iter()
        .filter(|(_, e, _)| *e == code::PPME_GENERIC_E)
        .filter_map(|(sc, _, _)| syscalls::sc_name(sc))
        .collect();
    for n in generic_names {
        for c in [code::PPME_GENERIC_E, code::PPME_GENERIC_X] {
            let info = &EVENTS[c as usize];
            sys.push(Entry {
                name: n,
                enter: info.direction() == Direction::Enter,
                available: true,
                info,
            });
        }
    }
    [
        ("Syscall events", sys),
        ("Tracepoint events", tp),
        ("Plugin events", plugin),
        ("Metaevents", meta),
    ]
}

/// The `--list-events` output in `format`.
pub fn list_events(format: ListFormat) -> String {
    let schema = VersionsInfo::default().driver_schema_version;
    let cats = categories();
    match format {
        ListFormat::Json => {
            let mut root = Json::object();
            root.insert("schema_version", schema.as_str());
            for (name, entries) in &cats {
                let arr: Vec<Json> = entries
                    .iter()
                    .map(|e| {
                        let mut o = Json::object();
                        o.insert("name", e.name);
                        o.insert("dir", if e.enter { ">" } else { "<" });
                        o.insert("available", e.available);
                        let params: Vec<Json> = e
                            .info
                            .params
                            .iter()
                            .map(|p| {
                                let mut po = Json::object();
                                po.insert("type", param_type_name(p.ty));
                                po.insert("name", p.name);
                                if let Some(flags) = flag_names(p) {
                                    po.insert("flags", flags);
                                }
                                po
                            })
                            .collect();
                        o.insert("params", Json::Array(params));
                        o
                    })
                    .collect();
                root.insert(*name, Json::Array(arr));
            }
            format!("{}\n", root.to_pretty(2))
        }
        ListFormat::Text | ListFormat::Markdown => {
            let md = format == ListFormat::Markdown;
            let mut s =
                format!("The events below are valid for Falco *Schema Version*: {schema}\n");
            for (name, entries) in &cats {
                s.push_str(&format!("## {name}\n\n"));
                if md {
                    s.push_str("Default | Dir | Name | Params \n:-------|:----|:-----|:-----\n");
                }
                for e in entries {
                    let dir = if e.enter { '>' } else { '<' };
                    let params: Vec<String> = e
                        .info
                        .params
                        .iter()
                        .map(|p| {
                            let mut t = format!("{} **{}**", param_type_name(p.ty), p.name);
                            if let Some(flags) = flag_names(p) {
                                let list: Vec<String> = flags
                                    .iter()
                                    .map(|f| if md { format!("*{f}*") } else { f.to_string() })
                                    .collect();
                                t.push_str(&format!(": {}", list.join(", ")));
                            }
                            t
                        })
                        .collect();
                    if md {
                        s.push_str(&format!(
                            "{} | `{dir}` | `{}` | {}\n",
                            if e.available { "Yes" } else { "No" },
                            e.name,
                            params.join(", ")
                        ));
                    } else {
                        s.push_str(&format!("{dir} {}({})\n", e.name, params.join(", ")));
                    }
                }
                s.push('\n');
            }
            s
        }
    }
}

/// The event sources fields can be listed for.
pub const SOURCES: &[&str] = &["syscall"];

fn class_name(d: &FieldDef) -> String {
    format!("{:?}", d.class).to_ascii_lowercase()
}

fn classes() -> Vec<(String, Vec<&'static FieldDef>)> {
    let mut out: Vec<(String, Vec<&'static FieldDef>)> = Vec::new();
    for d in fields::all() {
        let c = class_name(d);
        match out.iter_mut().find(|(n, _)| *n == c) {
            Some((_, v)) => v.push(d),
            None => out.push((c, vec![d])),
        }
    }
    out
}

fn data_type(d: &FieldDef) -> String {
    param_type_name(d.ty)
}

fn tags(d: &FieldDef) -> Vec<&'static str> {
    let mut t = Vec::new();
    match d.arg {
        fields::ArgKind::Required => t.push("ARG_REQUIRED"),
        fields::ArgKind::Optional => t.push("ARG_ALLOWED"),
        fields::ArgKind::None => {}
    }
    if d.list {
        t.push("EPF_IS_LIST");
    }
    t
}

/// Append `words` wrapped at 120 columns, continuation lines indented to column 30.
fn wrap(out: &mut String, words: &str) {
    const START: usize = 30;
    const WIDTH: usize = 120;
    let mut len = 0;
    for w in words.split_whitespace() {
        let wl = w.chars().count() + 1;
        if len + wl > WIDTH - START && len > 0 {
            out.push('\n');
            out.push_str(&" ".repeat(START));
            len = 0;
        }
        len += wl;
        out.push_str(w);
        out.push(' ');
    }
}

/// The `--list [SOURCE]` output; `Err` for an unknown source.
pub fn list_fields(
    source: &str,
    names_only: bool,
    verbose: bool,
    format: ListFormat,
) -> Result<String, String> {
    if !source.is_empty() && !SOURCES.contains(&source) {
        return Err("Value for --list must be a valid source type".to_string());
    }
    let cls = classes();
    if names_only {
        let names: Vec<&str> = cls
            .iter()
            .flat_map(|(_, v)| v.iter().map(|d| d.name))
            .collect();
        return Ok(match format {
            ListFormat::Json => {
                let mut root = Json::object();
                root.insert("fieldnames", names);
                format!("{}\n", root.to_pretty(2))
            }
            _ => names.iter().map(|n| format!("{n}\n")).collect(),
        });
    }
    Ok(match format {
        ListFormat::Json => {
            let arr: Vec<Json> = cls
                .iter()
                .map(|(name, defs)| {
                    let mut o = Json::object();
                    o.insert("name", name.as_str());
                    o.insert("event_sources", SOURCES.to_vec());
                    let fl: Vec<Json> = defs
                        .iter()
                        .map(|d| {
                            let mut f = Json::object();
                            f.insert("name", d.name);
                            f.insert("type", data_type(d));
                            f.insert("desc", d.desc);
                            f.insert("is_list", d.list);
                            f.insert("tags", tags(d));
                            f
                        })
                        .collect();
                    o.insert("fields", Json::Array(fl));
                    o
                })
                .collect();
            let mut root = Json::object();
            root.insert("fieldclasses", Json::Array(arr));
            format!("{}\n", root.to_pretty(2))
        }
        ListFormat::Markdown => {
            let mut s = String::new();
            for (name, defs) in &cls {
                s.push_str(&format!(
                    "## Field Class: {name}\n\nEvent Sources: {} \n\nName | Type | Description\n:----|:-----|:-----------\n",
                    SOURCES.join(" ")
                ));
                for d in defs {
                    let ty = if d.list {
                        format!("LIST({})", data_type(d))
                    } else {
                        data_type(d)
                    };
                    s.push_str(&format!("`{}` | {ty} | {}\n", d.name, d.desc));
                }
                s.push('\n');
            }
            s
        }
        ListFormat::Text => {
            let mut s = String::new();
            for (name, defs) in &cls {
                s.push_str("-------------------------------\n");
                s.push_str(&format!("{:<30}{name}\n", "Field Class:"));
                s.push_str(&format!(
                    "{:<30}{} \n\n",
                    "Event Sources:",
                    SOURCES.join(" ")
                ));
                for d in defs {
                    if d.name.len() > 30 {
                        s.push_str(d.name);
                        s.push('\n');
                        s.push_str(&" ".repeat(30));
                    } else {
                        s.push_str(&format!("{:<30}", d.name));
                    }
                    let mut desc = d.desc.to_string();
                    let t = tags(d);
                    if !t.is_empty() {
                        desc = format!("({}) {desc}", t.join(","));
                    }
                    if verbose {
                        desc = format!("(Type: {}) {desc}", data_type(d));
                    }
                    wrap(&mut s, &desc);
                    s.push('\n');
                }
                s.push('\n');
            }
            s
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ignored_set_is_io_only() {
        let ig = ignored_syscalls();
        assert!(ig.contains("read"), "{ig:?}");
        assert!(ig.contains("write"));
        for s in ["open", "close", "execve", "clone", "connect", "socket"] {
            assert!(!ig.contains(s), "{s} must not be ignored");
        }
    }

    #[test]
    fn events_text_shape() {
        let t = list_events(ListFormat::Text);
        assert!(t.starts_with("The events below are valid for Falco *Schema Version*: "));
        assert!(t.contains("## Syscall events\n\n"));
        assert!(
            t.contains("< open(FD **fd**, FSPATH **name**, FLAGS32 **flags**: "),
            "{}",
            &t[..2000]
        );
        let j = list_events(ListFormat::Json);
        assert!(j.contains("\"schema_version\": \""));
    }
}
