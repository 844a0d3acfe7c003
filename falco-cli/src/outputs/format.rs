//! Alert text and JSON, as Falco prints them.
//!
//! Text (`json_output: false`): `<time>: <Priority> <output>`, the time local
//! `HH:MM:SS.nnnnnnnnn` or, with `time_format_iso_8601`, UTC
//! `YYYY-MM-DDTHH:MM:SS.nnnnnnnnn+0000`. The whole line goes through a JSON string
//! escaper (without the quotes), so control characters read `\n`, `\u001b`, and `"` and
//! `\` read `\"` and `\\`.
//!
//! JSON (`json_output: true`): one compact object with keys in byte order: `hostname`,
//! `message` (only with `json_include_message_property`), `output` (the text line,
//! unescaped, with `json_include_output_property`), `output_fields` (with
//! `json_include_output_fields_property`: the rule's fields plus `evt.time` or
//! `evt.time.iso8601` as integer nanoseconds), `priority`, `rule`, `source`, `tags` (sorted,
//! with `json_include_tags_property`) and `time` (UTC `...T...nnnnnnnnnZ`, always).
//!
//! Internal alerts (source `internal`, e.g. the syscall drop alert): text
//! `<local time>: <Priority> <message> (k1="v1" k2=2)`, JSON without tags and with the bare
//! message as `output`.

use super::Alert;
use crate::json::{self, Json};
use crate::timefmt;

/// How alerts are rendered (from the configuration).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormatOptions {
    /// `json_output`.
    pub json_output: bool,
    /// `json_include_output_property`.
    pub include_output: bool,
    /// `json_include_tags_property`.
    pub include_tags: bool,
    /// `json_include_message_property`.
    pub include_message: bool,
    /// `json_include_output_fields_property`.
    pub include_output_fields: bool,
    /// `time_format_iso_8601`.
    pub time_iso8601: bool,
    /// Host name in JSON alerts.
    pub hostname: String,
}

impl Default for FormatOptions {
    fn default() -> FormatOptions {
        FormatOptions {
            json_output: false,
            include_output: true,
            include_tags: true,
            include_message: false,
            include_output_fields: true,
            time_iso8601: false,
            hostname: String::new(),
        }
    }
}

/// The source name of internal alerts.
pub const INTERNAL_SOURCE: &str = "internal";

/// `<time>: <Priority> <output>`, unescaped.
pub fn text_line(alert: &Alert, time_iso8601: bool) -> String {
    let time = if time_iso8601 {
        timefmt::iso8601_time(alert.time_ns)
    } else {
        timefmt::local_time_of_day(alert.time_ns)
    };
    format!("{time}: {} {}", alert.priority.name(), alert.output)
}

/// The alert as the outputs write it (without the trailing newline).
pub fn format_alert(alert: &Alert, o: &FormatOptions) -> String {
    if alert.source == INTERNAL_SOURCE {
        return format_internal(alert, o);
    }
    let line = text_line(alert, o.time_iso8601);
    if !o.json_output {
        return json::escape(&line);
    }
    let mut obj = Json::object();
    obj.insert("time", timefmt::json_time(alert.time_ns));
    obj.insert("rule", alert.rule.as_str());
    obj.insert("priority", alert.priority.name());
    obj.insert("source", alert.source.as_str());
    obj.insert("hostname", o.hostname.as_str());
    if o.include_output {
        obj.insert("output", line);
    }
    if o.include_tags {
        obj.insert(
            "tags",
            Json::Array(alert.tags.iter().map(|t| Json::from(t.as_str())).collect()),
        );
    }
    if o.include_message {
        obj.insert("message", alert.output.as_str());
    }
    if o.include_output_fields {
        let mut fields = alert.output_fields.clone();
        let time_key = if o.time_iso8601 {
            "evt.time.iso8601"
        } else {
            "evt.time"
        };
        fields
            .entry(time_key.to_string())
            .or_insert(Json::UInt(alert.time_ns));
        obj.insert("output_fields", Json::Object(fields));
    }
    obj.to_compact()
}

fn format_internal(alert: &Alert, o: &FormatOptions) -> String {
    if o.json_output {
        let mut obj = Json::object();
        obj.insert("output", alert.output.as_str());
        obj.insert("priority", alert.priority.name());
        obj.insert("rule", alert.rule.as_str());
        obj.insert("time", timefmt::json_time(alert.time_ns));
        obj.insert("output_fields", Json::Object(alert.output_fields.clone()));
        obj.insert("hostname", o.hostname.as_str());
        obj.insert("source", INTERNAL_SOURCE);
        return obj.to_compact();
    }
    let mut s = format!(
        "{}: {} {} (",
        timefmt::local_time_of_day(alert.time_ns),
        alert.priority.name(),
        alert.output
    );
    for (i, (k, v)) in alert.output_fields.iter().enumerate() {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(k);
        s.push('=');
        s.push_str(&v.to_compact());
    }
    s.push(')');
    s
}
