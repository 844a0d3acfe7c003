//! A rule's output, rendered for one event as Falco renders it.
//!
//! Falco formats a rule's `output` with a leading `*`: every field is substituted and a
//! field without a value prints `<NA>` (the alert is never suppressed). The JSON
//! `output_fields` hold each field of the output under its token as written
//! (`proc.aname[2]`), typed the way libsinsp types JSON values: integers of decimal fields
//! as numbers, booleans as booleans, everything else as the text the output shows, and
//! `null` for a missing value. Extra fields of `append_output` come after: a raw field
//! typed as above, a formatted one as the text of its format.
//!
//! Formats are parsed once per rule when the rules are loaded; rendering allocates only
//! the alert it produces (alerts are rare next to events).

use std::collections::BTreeMap;

use falco_engine::CompiledRule;
use falco_schema::ParamType;
use falco_sinsp::fields::{Ctx, FieldRef};
use falco_sinsp::format::Format;
use falco_sinsp::time::TimeFormatter;

use crate::json::Json;

/// One `append_output` extra field of a rule.
#[derive(Debug)]
enum Extra {
    /// The typed value of one field.
    Raw(FieldRef),
    /// The text of a format.
    Formatted(Format),
}

/// The parsed output of one rule.
#[derive(Debug)]
pub struct RuleOutput {
    message: Format,
    extras: Vec<(String, Extra)>,
    scratch: Vec<u8>,
    line: Vec<u8>,
}

/// Why a rule's output cannot be rendered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutputError {
    /// The rule.
    pub rule: String,
    /// What is wrong.
    pub reason: String,
}

impl std::fmt::Display for OutputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "rule '{}': invalid output: {}", self.rule, self.reason)
    }
}

fn starred(fmt: &str) -> String {
    if fmt.starts_with('*') {
        fmt.to_string()
    } else {
        format!("*{fmt}")
    }
}

impl RuleOutput {
    /// Parse the output of `rule` (its `output` and its extra output fields).
    pub fn new(rule: &CompiledRule) -> Result<RuleOutput, OutputError> {
        let err = |reason: String| OutputError {
            rule: rule.name.clone(),
            reason,
        };
        let message = Format::parse(&starred(&rule.output)).map_err(|e| err(e.to_string()))?;
        let mut extras = Vec::new();
        for (key, (fmt, raw)) in &rule.extra_output_fields {
            if fmt.is_empty() {
                continue;
            }
            let extra = if *raw {
                let name = fmt.trim_start_matches(['*', '%']);
                Extra::Raw(FieldRef::parse(name).map_err(|e| err(format!("{key}: {e}")))?)
            } else {
                Extra::Formatted(
                    Format::parse(&starred(fmt)).map_err(|e| err(format!("{key}: {e}")))?,
                )
            };
            extras.push((key.clone(), extra));
        }
        Ok(RuleOutput {
            message,
            extras,
            scratch: Vec::new(),
            line: Vec::new(),
        })
    }

    /// The rendered output text for `ctx` (no time, no priority).
    pub fn text(&mut self, ctx: &Ctx<'_>, tf: &mut TimeFormatter) -> String {
        render(&mut self.message, ctx, tf, &mut self.line)
    }

    /// The JSON `output_fields` for `ctx` (without the time, which the outputs add).
    pub fn fields(&mut self, ctx: &Ctx<'_>, tf: &mut TimeFormatter) -> BTreeMap<String, Json> {
        let mut out = BTreeMap::new();
        for (name, f) in self.message.named_fields() {
            if out.contains_key(name) {
                continue;
            }
            let v = typed_value(f, ctx, tf, &mut self.scratch, &mut self.line);
            out.insert(name.to_string(), v);
        }
        for (key, extra) in &mut self.extras {
            let v = match extra {
                Extra::Raw(f) => typed_value(f, ctx, tf, &mut self.scratch, &mut self.line),
                Extra::Formatted(fmt) => Json::Str(render(fmt, ctx, tf, &mut self.line)),
            };
            out.insert(key.clone(), v);
        }
        out
    }
}

fn render(fmt: &mut Format, ctx: &Ctx<'_>, tf: &mut TimeFormatter, line: &mut Vec<u8>) -> String {
    line.clear();
    fmt.render_line(ctx, tf, line);
    if line.last() == Some(&b'\n') {
        line.pop();
    }
    String::from_utf8_lossy(line).into_owned()
}

/// Whether libsinsp gives values of this type as JSON numbers (for decimal fields).
fn is_numeric(ty: ParamType) -> bool {
    use ParamType::*;
    matches!(
        ty,
        Int8 | Int16
            | Int32
            | Int64
            | Pid
            | Fd
            | Uint8
            | Uint16
            | Uint32
            | Uint64
            | Flags8
            | Flags16
            | Flags32
            | Uid
            | Gid
            | Reltime
            | Abstime
            | Port
            | L4proto
    )
}

/// A decimal integer as libsinsp prints it (no sign on zero, no leading zeros: a leading
/// zero is an octal rendering, `0x` a hexadecimal one; both stay text).
fn decimal(text: &str) -> Option<Json> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    if digits.is_empty()
        || !digits.bytes().all(|b| b.is_ascii_digit())
        || (digits.len() > 1 && digits.starts_with('0'))
    {
        return None;
    }
    if text.starts_with('-') {
        text.parse::<i64>().ok().map(Json::Int)
    } else {
        text.parse::<u64>().ok().map(Json::UInt)
    }
}

fn typed_value(
    f: &FieldRef,
    ctx: &Ctx<'_>,
    tf: &mut TimeFormatter,
    scratch: &mut Vec<u8>,
    line: &mut Vec<u8>,
) -> Json {
    line.clear();
    if !f.render(ctx, tf, scratch, line) {
        return Json::Null;
    }
    let text = String::from_utf8_lossy(line);
    let ty = f.ty();
    if ty == ParamType::Bool {
        match &*text {
            "true" => return Json::Bool(true),
            "false" => return Json::Bool(false),
            _ => {}
        }
    }
    if is_numeric(ty) && !f.is_list() {
        if let Some(n) = decimal(&text) {
            return n;
        }
    }
    Json::Str(text.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_only_become_numbers() {
        assert_eq!(decimal("0"), Some(Json::UInt(0)));
        assert_eq!(decimal("4242"), Some(Json::UInt(4242)));
        assert_eq!(decimal("-2"), Some(Json::Int(-2)));
        assert_eq!(decimal("0755"), None);
        assert_eq!(decimal("0x1f"), None);
        assert_eq!(decimal("O_RDONLY"), None);
        assert_eq!(decimal(""), None);
        assert_eq!(decimal("-"), None);
    }
}
