//! The result of loading rules content: errors and warnings with their codes, where they
//! are (a chain of locations, from the file down to the item and key), and the summary,
//! verbose and JSON texts Falco prints for them.
//!
//! Positions are yaml-cpp's: lines and columns counted from 0, so the first location of
//! every context reads `In rules content: (FILE:0:0)`. Positions inside a condition add
//! the condition parser's position (counted from 1) to the condition's own, as Falco does.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::yaml::Mark;

/// Rules contents by name (usually the file path), for the snippets of verbose results.
pub type RulesContents = BTreeMap<String, String>;

/// What failed, when a rules file could not be loaded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[allow(non_camel_case_types, clippy::upper_case_acronyms)]
pub enum ErrorCode {
    /// The file could not be read.
    LOAD_ERR_FILE_READ,
    /// The content is not YAML.
    LOAD_ERR_YAML_PARSE,
    /// The YAML does not have the structure of a rules file.
    LOAD_ERR_YAML_VALIDATE,
    /// A condition does not compile.
    LOAD_ERR_COMPILE_CONDITION,
    /// An output does not compile.
    LOAD_ERR_COMPILE_OUTPUT,
    /// A rule, macro, list or exception is wrong (undefined macro, append without a
    /// definition, engine version, ...).
    LOAD_ERR_VALIDATE,
    /// An extension item is wrong.
    LOAD_ERR_EXTENSION,
}

impl ErrorCode {
    /// The code's name (`LOAD_ERR_VALIDATE`).
    pub fn code(self) -> &'static str {
        match self {
            ErrorCode::LOAD_ERR_FILE_READ => "LOAD_ERR_FILE_READ",
            ErrorCode::LOAD_ERR_YAML_PARSE => "LOAD_ERR_YAML_PARSE",
            ErrorCode::LOAD_ERR_YAML_VALIDATE => "LOAD_ERR_YAML_VALIDATE",
            ErrorCode::LOAD_ERR_COMPILE_CONDITION => "LOAD_ERR_COMPILE_CONDITION",
            ErrorCode::LOAD_ERR_COMPILE_OUTPUT => "LOAD_ERR_COMPILE_OUTPUT",
            ErrorCode::LOAD_ERR_VALIDATE => "LOAD_ERR_VALIDATE",
            ErrorCode::LOAD_ERR_EXTENSION => "LOAD_ERR_EXTENSION",
        }
    }

    /// The short text printed after the code (`Error compiling condition`).
    pub fn text(self) -> &'static str {
        match self {
            ErrorCode::LOAD_ERR_FILE_READ => "File read error",
            ErrorCode::LOAD_ERR_YAML_PARSE => "YAML parse error",
            ErrorCode::LOAD_ERR_YAML_VALIDATE => "Error validating internal structure of YAML file",
            ErrorCode::LOAD_ERR_COMPILE_CONDITION => "Error compiling condition",
            ErrorCode::LOAD_ERR_COMPILE_OUTPUT => "Error compiling output",
            ErrorCode::LOAD_ERR_VALIDATE => "Error validating rule/macro/list/exception objects",
            ErrorCode::LOAD_ERR_EXTENSION => "Error in extension item",
        }
    }
}

/// What is suspicious, when rules content loaded with warnings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[allow(non_camel_case_types, clippy::upper_case_acronyms)]
pub enum WarningCode {
    /// A rule's source is not known; the rule is skipped.
    LOAD_UNKNOWN_SOURCE,
    /// A `ka.*`/`jevt.*` field is compared with `<NA>`.
    LOAD_UNSAFE_NA_CHECK,
    /// A rule matches more than 100 event types.
    LOAD_NO_EVTTYPE,
    /// An unknown field in a rule with `skip-if-unknown-filter: true`; the rule is skipped.
    LOAD_UNKNOWN_FILTER,
    /// A macro nothing refers to.
    LOAD_UNUSED_MACRO,
    /// A list nothing refers to.
    LOAD_UNUSED_LIST,
    /// A top-level item that is not a rule, macro, list or requirement.
    LOAD_UNKNOWN_ITEM,
    /// A deprecated key, form or field.
    LOAD_DEPRECATED_ITEM,
    /// An extension item has a warning.
    LOAD_WARNING_EXTENSION,
    /// An exception appended or overridden without values.
    LOAD_APPEND_NO_VALUES,
    /// Two exceptions of a rule have the same name.
    LOAD_EXCEPTION_NAME_NOT_UNIQUE,
    /// A macro name that conditions can't refer to.
    LOAD_INVALID_MACRO_NAME,
    /// A list name that conditions can't refer to.
    LOAD_INVALID_LIST_NAME,
    /// The condition compiler warned (a field name used as a value, ...).
    LOAD_COMPILE_CONDITION,
    /// A key that the item does not have.
    LOAD_UNKNOWN_KEY,
}

impl WarningCode {
    /// The code's name (`LOAD_UNUSED_MACRO`).
    pub fn code(self) -> &'static str {
        match self {
            WarningCode::LOAD_UNKNOWN_SOURCE => "LOAD_UNKNOWN_SOURCE",
            WarningCode::LOAD_UNSAFE_NA_CHECK => "LOAD_UNSAFE_NA_CHECK",
            WarningCode::LOAD_NO_EVTTYPE => "LOAD_NO_EVTTYPE",
            WarningCode::LOAD_UNKNOWN_FILTER => "LOAD_UNKNOWN_FILTER",
            WarningCode::LOAD_UNUSED_MACRO => "LOAD_UNUSED_MACRO",
            WarningCode::LOAD_UNUSED_LIST => "LOAD_UNUSED_LIST",
            WarningCode::LOAD_UNKNOWN_ITEM => "LOAD_UNKNOWN_ITEM",
            WarningCode::LOAD_DEPRECATED_ITEM => "LOAD_DEPRECATED_ITEM",
            WarningCode::LOAD_WARNING_EXTENSION => "LOAD_WARNING_EXTENSION",
            WarningCode::LOAD_APPEND_NO_VALUES => "LOAD_APPEND_NO_VALUES",
            WarningCode::LOAD_EXCEPTION_NAME_NOT_UNIQUE => "LOAD_EXCEPTION_NAME_NOT_UNIQUE",
            WarningCode::LOAD_INVALID_MACRO_NAME => "LOAD_INVALID_MACRO_NAME",
            WarningCode::LOAD_INVALID_LIST_NAME => "LOAD_INVALID_LIST_NAME",
            WarningCode::LOAD_COMPILE_CONDITION => "LOAD_COMPILE_CONDITION",
            WarningCode::LOAD_UNKNOWN_KEY => "LOAD_UNKNOWN_KEY",
        }
    }

    /// The short text printed after the code (`Unused macro`).
    pub fn text(self) -> &'static str {
        match self {
            WarningCode::LOAD_UNKNOWN_SOURCE => "Unknown event source",
            WarningCode::LOAD_UNSAFE_NA_CHECK => "Unsafe <NA> comparison in condition",
            WarningCode::LOAD_NO_EVTTYPE => "Condition has no event-type restriction",
            WarningCode::LOAD_UNKNOWN_FILTER => {
                "Unknown field or event-type in condition or output"
            }
            WarningCode::LOAD_UNUSED_MACRO => "Unused macro",
            WarningCode::LOAD_UNUSED_LIST => "Unused list",
            WarningCode::LOAD_UNKNOWN_ITEM => "Unknown rules file item",
            WarningCode::LOAD_DEPRECATED_ITEM => "Used deprecated item",
            WarningCode::LOAD_WARNING_EXTENSION => "Warning in extension item",
            WarningCode::LOAD_APPEND_NO_VALUES => "Overriding/appending with no values",
            WarningCode::LOAD_EXCEPTION_NAME_NOT_UNIQUE => {
                "Multiple exceptions defined with the same name"
            }
            WarningCode::LOAD_INVALID_MACRO_NAME => "Invalid macro name",
            WarningCode::LOAD_INVALID_LIST_NAME => "Invalid list name",
            WarningCode::LOAD_COMPILE_CONDITION => "Warning in rule condition",
            WarningCode::LOAD_UNKNOWN_KEY => "Unknown key in item definition",
        }
    }

    /// The longer explanation (the JSON result's `codedesc`).
    pub fn description(self) -> &'static str {
        match self {
            WarningCode::LOAD_UNKNOWN_SOURCE => {
                "A rule has a unknown event source. This can occur when reading rules content \
                 without having a corresponding plugin loaded, etc. The rule will be silently \
                 ignored."
            }
            WarningCode::LOAD_UNSAFE_NA_CHECK => {
                "Comparing a field value with <NA> is unsafe and can lead to unpredictable \
                 behavior of the rule condition. If you need to check for the existence of a \
                 field, consider using the 'exists' operator instead."
            }
            WarningCode::LOAD_NO_EVTTYPE => {
                "A rule condition matches too many evt.type values. This has a significant \
                 performance penalty. Make the condition more specific by adding an evt.type \
                 field or further restricting the number of evt.type values in the condition."
            }
            WarningCode::LOAD_UNKNOWN_FILTER => {
                "A rule condition or output refers to a field or evt.type that does not exist. \
                 This is normally an error, but if a rule has a skip-if-unknown-filter \
                 property, the error is downgraded to a warning."
            }
            WarningCode::LOAD_UNUSED_MACRO => {
                "A macro is defined in the rules content but is not used by any other macro or \
                 rule."
            }
            WarningCode::LOAD_UNUSED_LIST => {
                "A list is defined in the rules content but is not used by any other list, \
                 macro, or rule."
            }
            WarningCode::LOAD_UNKNOWN_ITEM => {
                "An unknown top-level object is in the rules content. It will be ignored."
            }
            WarningCode::LOAD_DEPRECATED_ITEM => {
                "A deprecated item is employed by lists, macros, or rules."
            }
            WarningCode::LOAD_WARNING_EXTENSION => "An extension item has a warning",
            WarningCode::LOAD_APPEND_NO_VALUES => {
                "A rule exception is overriding/appending with no values"
            }
            WarningCode::LOAD_EXCEPTION_NAME_NOT_UNIQUE => {
                "A rule is defining multiple exceptions with the same name"
            }
            WarningCode::LOAD_INVALID_MACRO_NAME => "A macro is defined with an invalid name",
            WarningCode::LOAD_INVALID_LIST_NAME => "A list is defined with an invalid name",
            WarningCode::LOAD_COMPILE_CONDITION => {
                "A rule condition or output have been parsed with a warning"
            }
            WarningCode::LOAD_UNKNOWN_KEY => {
                "An item in the rules content contains an unrecognized key. The key will be \
                 ignored. This may indicate a typo or a property placed on the wrong item type."
            }
        }
    }
}

/// Fields whose use is reported as deprecated (enter events are no longer collected).
pub const DEPRECATED_FIELDS: [&str; 6] = [
    "evt.dir",
    "evt.latency",
    "evt.latency.s",
    "evt.latency.ns",
    "evt.latency.human",
    "evt.wait_latency",
];

/// Why a deprecated field is deprecated.
pub fn deprecated_field_description(field: &str) -> &'static str {
    if field == "evt.dir" {
        "due to the drop of enter events, 'evt.dir = <' always evaluates to true, and \
         'evt.dir = >' always evaluates to false. The rule expression can be simplified by \
         removing the condition on 'evt.dir'"
    } else {
        "field is not available due to the drop of enter events."
    }
}

/// The kind of thing a location points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub enum ItemType {
    ValueFor,
    Exceptions,
    Exception,
    ExceptionValues,
    ExceptionValue,
    RulesContent,
    RulesContentItem,
    RequiredEngineVersion,
    RequiredPluginVersions,
    RequiredPluginVersionsEntry,
    RequiredPluginVersionsAlternative,
    List,
    ListItem,
    Macro,
    MacroCondition,
    Rule,
    RuleCondition,
    ConditionExpression,
    RuleOutput,
    RuleOutputExpression,
    RulePriority,
    Override,
    ExtensionItem,
}

impl ItemType {
    /// How locations of this kind are introduced (`rule`, `value for`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            ItemType::ValueFor => "value for",
            ItemType::Exceptions => "exceptions",
            ItemType::Exception => "exception",
            ItemType::ExceptionValues => "exception values",
            ItemType::ExceptionValue => "exception value",
            ItemType::RulesContent => "rules content",
            ItemType::RulesContentItem => "rules content item",
            ItemType::RequiredEngineVersion => "required_engine_version",
            ItemType::RequiredPluginVersions => "required plugin versions",
            ItemType::RequiredPluginVersionsEntry => "required plugin versions entry",
            ItemType::RequiredPluginVersionsAlternative => "required plugin versions alternative",
            ItemType::List => "list",
            ItemType::ListItem => "list item",
            ItemType::Macro => "macro",
            ItemType::MacroCondition => "macro condition",
            ItemType::Rule => "rule",
            ItemType::RuleCondition => "rule condition",
            ItemType::ConditionExpression => "condition expression",
            ItemType::RuleOutput => "rule output",
            ItemType::RuleOutputExpression => "rule output expression",
            ItemType::RulePriority => "rule priority",
            ItemType::Override => "overrides",
            ItemType::ExtensionItem => "extension item",
        }
    }
}

/// A position: byte offset, line and column (yaml-cpp's, counted from 0, for positions in
/// files; see the module documentation for positions in conditions).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Position {
    /// Byte offset.
    pub pos: i64,
    /// Line.
    pub line: i64,
    /// Column.
    pub column: i64,
}

impl From<Mark> for Position {
    fn from(m: Mark) -> Position {
        Position {
            pos: m.pos as i64,
            line: m.line as i64,
            column: m.column as i64,
        }
    }
}

/// One step of a context: a thing at a position in some content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    /// The content's name: a file name, or the quoted start of a condition.
    pub name: String,
    /// Where.
    pub pos: Position,
    /// What kind of thing.
    pub item_type: ItemType,
    /// Its name (a rule name, a key, ...), possibly empty.
    pub item_name: String,
}

/// Where an error or warning is: the chain of locations from the content down to the
/// offending item, value or condition text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Context {
    locs: Vec<Location>,
    /// Content the snippet is taken from instead of the named content (a condition).
    alt_content: Option<String>,
}

impl Context {
    /// The whole content called `name` (a file).
    pub fn new(name: &str) -> Context {
        Context {
            locs: vec![Location {
                name: name.to_string(),
                pos: Position::default(),
                item_type: ItemType::RulesContent,
                item_name: String::new(),
            }],
            alt_content: None,
        }
    }

    /// A child of `self`: a `item_type` called `item_name` at `mark`, in the same content.
    pub(crate) fn child(&self, mark: Mark, item_type: ItemType, item_name: &str) -> Context {
        let mut locs = self.locs.clone();
        locs.push(Location {
            name: self.name().to_string(),
            pos: mark.into(),
            item_type,
            item_name: item_name.to_string(),
        });
        Context {
            locs,
            alt_content: None,
        }
    }

    /// A position inside `condition`, whose text starts where the last location of `self`
    /// is. `pos` is the condition parser's (line and column from 1) and is added to the
    /// parent position, as Falco does; the snippet is taken from the condition text.
    pub(crate) fn in_condition(&self, idx: u32, line: u32, col: u32, condition: &str) -> Context {
        let mut name = String::from("\"");
        if condition.len() > 20 {
            name.push_str(&String::from_utf8_lossy(&condition.as_bytes()[..17]));
            name.push_str("...\"");
        } else {
            name.push_str(condition);
            name.push('"');
        }
        let name = name.replace(['\n', '\r'], " ");
        let last = self.locs.last().map(|l| l.pos).unwrap_or_default();
        let mut locs = self.locs.clone();
        locs.push(Location {
            name,
            pos: Position {
                pos: i64::from(idx) + last.pos,
                line: i64::from(line) + last.line,
                column: i64::from(col) + last.column,
            },
            item_type: ItemType::ConditionExpression,
            item_name: String::new(),
        });
        Context {
            locs,
            alt_content: Some(condition.to_string()),
        }
    }

    /// The content's name (the first location's).
    pub fn name(&self) -> &str {
        &self.locs[0].name
    }

    /// The locations, outermost first.
    pub fn locations(&self) -> &[Location] {
        &self.locs
    }

    /// The innermost location.
    pub fn last(&self) -> &Location {
        self.locs.last().expect("a context has a location")
    }

    /// The locations, one a line: `In rules content: (FILE:0:0)` then, indented by four
    /// spaces, `rule 'NAME': (FILE:L:C)` and so on.
    pub fn as_string(&self) -> String {
        let mut out = String::new();
        for (i, loc) in self.locs.iter().enumerate() {
            out.push_str(if i == 0 { "In " } else { "    " });
            out.push_str(loc.item_type.as_str());
            if !loc.item_name.is_empty() {
                let _ = write!(out, " '{}'", loc.item_name);
            }
            let _ = writeln!(out, ": ({}:{}:{})", loc.name, loc.pos.line, loc.pos.column);
        }
        out
    }

    /// The line of content around the innermost position, at most 160 bytes of it, with a
    /// `^` under the position.
    pub fn snippet(&self, contents: &RulesContents) -> String {
        const HALF: i64 = 80;
        let loc = self.last();
        let alt = self.alt_content.as_deref().filter(|c| !c.is_empty());
        let content: &[u8] = match alt {
            Some(c) => c.as_bytes(),
            None => match contents.get(&loc.name) {
                Some(c) => c.as_bytes(),
                None => return format!("<No context for file + {}>\n", loc.name),
            },
        };
        if content.is_empty() {
            return "<No context available>\n".to_string();
        }
        let size = content.len() as i64;
        let mut pos = loc.pos.pos.max(0);
        while pos > 0 && (pos >= size || content[pos as usize] == b'\n') {
            pos -= 1;
        }
        let mut from = pos;
        while from > 0 && content[from as usize] != b'\n' && (pos - from) < HALF {
            from -= 1;
        }
        let mut to = pos;
        while to < size - 1 && content[to as usize] != b'\n' && (to - pos) < HALF {
            to += 1;
        }
        if from < size && content[from as usize] == b'\n' {
            from += 1;
        }
        if to < size && to >= 0 && content[to as usize] == b'\n' {
            to -= 1;
        }
        if to < from || from >= size {
            return "<No context available>\n".to_string();
        }
        let mut ret: Vec<u8> = content[from as usize..=to as usize].to_vec();
        if pos - from >= HALF {
            let n = ret.len().min(3);
            ret.splice(..n, *b"...");
        }
        if to - pos >= HALF {
            let n = ret.len().min(3);
            let at = ret.len() - n;
            ret.splice(at.., *b"...");
        }
        ret.push(b'\n');
        if pos - from < ret.len() as i64 {
            ret.extend(std::iter::repeat_n(b' ', (pos - from) as usize));
            ret.extend_from_slice(b"^\n");
        }
        String::from_utf8_lossy(&ret).into_owned()
    }

    fn as_json(&self, contents: &RulesContents) -> serde_json::Value {
        let locations: Vec<serde_json::Value> = self
            .locs
            .iter()
            .map(|l| {
                serde_json::json!({
                    "item_type": l.item_type.as_str(),
                    "item_name": l.item_name,
                    "position": {
                        "name": l.name,
                        "line": l.pos.line,
                        "column": l.pos.column,
                        "offset": l.pos.pos,
                    },
                })
            })
            .collect();
        serde_json::json!({ "locations": locations, "snippet": self.snippet(contents) })
    }
}

/// An error, with where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError {
    /// What kind.
    pub code: ErrorCode,
    /// The message (`Undefined macro 'x' used in filter.`).
    pub msg: String,
    /// Where.
    pub ctx: Context,
}

/// A warning, with where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadWarning {
    /// What kind.
    pub code: WarningCode,
    /// The message.
    pub msg: String,
    /// Where.
    pub ctx: Context,
    /// For a deprecated field, the field (`evt.dir`).
    pub deprecated_field: Option<&'static str>,
}

impl LoadWarning {
    /// The text after the code: the code's text, and for a deprecated field
    /// `: field 'evt.dir'`.
    pub fn text(&self) -> String {
        match self.deprecated_field {
            Some(f) => format!("{}: field '{f}'", self.code.text()),
            None => self.code.text().to_string(),
        }
    }
}

/// Carried up from where a loading error is found to where it is recorded (Falco's
/// `rule_load_exception`).
#[derive(Clone, Debug)]
pub(crate) struct Failure {
    pub code: ErrorCode,
    pub msg: String,
    pub ctx: Context,
}

impl Failure {
    pub(crate) fn new(code: ErrorCode, msg: impl Into<String>, ctx: &Context) -> Failure {
        Failure {
            code,
            msg: msg.into(),
            ctx: ctx.clone(),
        }
    }
}

/// The result of loading one rules content: success, errors, warnings, schema status.
#[derive(Clone, Debug)]
pub struct LoadResult {
    name: String,
    success: bool,
    schema_status: Vec<String>,
    errors: Vec<LoadError>,
    warnings: Vec<LoadWarning>,
}

impl LoadResult {
    /// An empty, successful result for the content called `name`.
    pub fn new(name: &str) -> LoadResult {
        LoadResult {
            name: name.to_string(),
            success: true,
            schema_status: Vec::new(),
            errors: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// The content's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// True when there is no error: the rules can be used.
    pub fn successful(&self) -> bool {
        self.success
    }

    /// True when there are warnings.
    pub fn has_warnings(&self) -> bool {
        !self.warnings.is_empty()
    }

    /// The errors, in the order found.
    pub fn errors(&self) -> &[LoadError] {
        &self.errors
    }

    /// The warnings, in the order found.
    pub fn warnings(&self) -> &[LoadWarning] {
        &self.warnings
    }

    /// The schema validation status: `ok`, `failed for ...`, or `none` when the content
    /// was not validated (no documents).
    pub fn schema_validation(&self) -> &str {
        self.schema_status.first().map_or("none", |s| s.as_str())
    }

    pub(crate) fn set_schema_status(&mut self, status: Vec<String>) {
        self.schema_status = status;
    }

    /// Records an error.
    pub fn add_error(&mut self, code: ErrorCode, msg: impl Into<String>, ctx: &Context) {
        self.success = false;
        self.errors.push(LoadError {
            code,
            msg: msg.into(),
            ctx: ctx.clone(),
        });
    }

    pub(crate) fn add_failure(&mut self, f: Failure) {
        self.success = false;
        self.errors.push(LoadError {
            code: f.code,
            msg: f.msg,
            ctx: f.ctx,
        });
    }

    /// Records a warning.
    pub fn add_warning(&mut self, code: WarningCode, msg: impl Into<String>, ctx: &Context) {
        self.warnings.push(LoadWarning {
            code,
            msg: msg.into(),
            ctx: ctx.clone(),
            deprecated_field: None,
        });
    }

    pub(crate) fn add_deprecated_field(&mut self, field: &'static str, msg: String, ctx: &Context) {
        self.warnings.push(LoadWarning {
            code: WarningCode::LOAD_DEPRECATED_ITEM,
            msg,
            ctx: ctx.clone(),
            deprecated_field: Some(field),
        });
    }

    fn schema_invalid(&self) -> bool {
        !self.schema_status.is_empty() && self.schema_validation() != "ok"
    }

    fn head(&self, out: &mut String) {
        if !self.name.is_empty() {
            let _ = write!(out, "{}: ", self.name);
        }
        if self.success {
            out.push_str("Ok");
            if !self.warnings.is_empty() {
                out.push_str(", with warnings");
            }
        } else {
            out.push_str("Invalid");
        }
    }

    /// The one-line-per-part summary: `NAME: Ok`, `NAME: Ok, with warnings` or
    /// `NAME: Invalid`, then ` N errors: [CODE (text) ...]` and ` N warnings: [...]` lines.
    pub fn as_summary_string(&self) -> String {
        let mut out = String::new();
        self.head(&mut out);
        if self.schema_invalid() {
            let _ = write!(
                out,
                "\n {} schema warnings: [{}]",
                self.schema_status.len(),
                self.schema_status.join(" ")
            );
        }
        if !self.errors.is_empty() {
            let items: Vec<String> = self
                .errors
                .iter()
                .map(|e| format!("{} ({})", e.code.code(), e.code.text()))
                .collect();
            let _ = write!(
                out,
                "\n {} errors: [{}]",
                self.errors.len(),
                items.join(" ")
            );
        }
        if !self.warnings.is_empty() {
            let items: Vec<String> = self
                .warnings
                .iter()
                .map(|w| format!("{} ({})", w.code.code(), w.text()))
                .collect();
            let _ = write!(
                out,
                "\n {} warnings: [{}]",
                self.warnings.len(),
                items.join(" ")
            );
        }
        out
    }

    /// The full text: the summary head, then every error and warning with its locations, a
    /// snippet of the content between `------` lines and `CODE (text): message`.
    pub fn as_verbose_string(&self, contents: &RulesContents) -> String {
        let mut out = String::new();
        self.head(&mut out);
        if self.schema_invalid() {
            let _ = writeln!(out, "\n{} Schema warnings:", self.schema_status.len());
            for s in &self.schema_status {
                let _ = writeln!(out, "------\n{s}");
            }
            out.push_str("------\n");
        }
        if !self.errors.is_empty() {
            let _ = writeln!(out, "\n{} Errors:", self.errors.len());
            for e in &self.errors {
                out.push_str(&e.ctx.as_string());
                let _ = write!(out, "------\n{}------\n", e.ctx.snippet(contents));
                let _ = writeln!(out, "{} ({}): {}", e.code.code(), e.code.text(), e.msg);
            }
        }
        if !self.warnings.is_empty() {
            let _ = writeln!(out, "\n{} Warnings:", self.warnings.len());
            for w in &self.warnings {
                out.push_str(&w.ctx.as_string());
                let _ = write!(out, "------\n{}------\n", w.ctx.snippet(contents));
                let _ = writeln!(out, "{} ({}): {}", w.code.code(), w.text(), w.msg);
            }
        }
        out
    }

    /// The summary (`verbose` false) or the full text.
    pub fn as_string(&self, verbose: bool, contents: &RulesContents) -> String {
        if verbose {
            self.as_verbose_string(contents)
        } else {
            self.as_summary_string()
        }
    }

    /// The result as JSON, as `falco -V` prints it with `json_output: true`.
    pub fn as_json(&self, contents: &RulesContents) -> serde_json::Value {
        let mut j = serde_json::Map::new();
        j.insert("name".into(), self.name.clone().into());
        j.insert("successful".into(), self.success.into());
        if !self.schema_status.is_empty() {
            let valid = !self.schema_invalid();
            j.insert("schema_valid".into(), valid.into());
            let warnings: Vec<serde_json::Value> = if valid {
                Vec::new()
            } else {
                self.schema_status
                    .iter()
                    .map(|s| s.clone().into())
                    .collect()
            };
            j.insert("schema_warnings".into(), warnings.into());
        }
        let errors: Vec<serde_json::Value> = self
            .errors
            .iter()
            .map(|e| {
                serde_json::json!({
                    "context": e.ctx.as_json(contents),
                    "code": e.code.code(),
                    // Falco gives the short text here too.
                    "codedesc": e.code.text(),
                    "message": e.msg,
                })
            })
            .collect();
        j.insert("errors".into(), errors.into());
        let warnings: Vec<serde_json::Value> = self
            .warnings
            .iter()
            .map(|w| {
                let mut v = serde_json::json!({
                    "context": w.ctx.as_json(contents),
                    "code": w.code.code(),
                    "codedesc": w.code.description(),
                    "message": w.msg,
                });
                if let Some(f) = w.deprecated_field {
                    v["deprecated_field"] = f.into();
                }
                v
            })
            .collect();
        j.insert("warnings".into(), warnings.into());
        serde_json::Value::Object(j)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(pos: usize, line: usize, column: usize) -> Mark {
        Mark { pos, line, column }
    }

    #[test]
    fn context_strings() {
        let root = Context::new("rules.yaml");
        let rule = root.child(mark(2, 1, 2), ItemType::Rule, "my rule");
        let val = rule.child(mark(40, 3, 13), ItemType::ValueFor, "condition");
        assert_eq!(
            val.as_string(),
            "In rules content: (rules.yaml:0:0)\n    rule 'my rule': (rules.yaml:1:2)\n    \
             value for 'condition': (rules.yaml:3:13)\n"
        );
        let cond = rule.in_condition(4, 1, 5, "evt.type = open and foo and bar");
        assert_eq!(cond.last().name, "\"evt.type = open a...\"");
        assert_eq!(cond.last().pos.line, 2);
        assert_eq!(cond.last().pos.column, 7);
        let short = rule.in_condition(0, 1, 1, "a\nb");
        assert_eq!(short.last().name, "\"a b\"");
    }

    #[test]
    fn snippets() {
        let mut contents = RulesContents::new();
        let text = "- rule: x\n  condition: evt.type = open\n";
        contents.insert("f.yaml".into(), text.into());
        let ctx = Context::new("f.yaml").child(mark(14, 1, 4), ItemType::ValueFor, "x");
        assert_eq!(
            ctx.snippet(&contents),
            "  condition: evt.type = open\n    ^\n"
        );
        // Past the end: back to the last character.
        let ctx = Context::new("f.yaml").child(mark(500, 9, 0), ItemType::ValueFor, "x");
        assert_eq!(
            ctx.snippet(&contents),
            "  condition: evt.type = open\n                           ^\n"
        );
        let ctx = Context::new("other.yaml").child(mark(0, 0, 0), ItemType::Rule, "r");
        assert_eq!(
            ctx.snippet(&contents),
            "<No context for file + other.yaml>\n"
        );
        // Long lines are cut with "..." on both sides.
        let long = format!("{}X{}", "a".repeat(200), "b".repeat(200));
        contents.insert("long.yaml".into(), long);
        let ctx = Context::new("long.yaml").child(mark(200, 0, 200), ItemType::Rule, "r");
        let snip = ctx.snippet(&contents);
        let first = snip.lines().next().unwrap();
        assert!(
            first.starts_with("...") && first.ends_with("..."),
            "{first}"
        );
        assert_eq!(first.len(), 161);
        assert_eq!(snip.lines().nth(1).unwrap(), format!("{}^", " ".repeat(80)));
    }

    #[test]
    fn summary_and_verbose() {
        let mut contents = RulesContents::new();
        contents.insert("f.yaml".into(), "- list: l\n  items: [a]\n".into());
        let mut r = LoadResult::new("f.yaml");
        assert_eq!(r.as_summary_string(), "f.yaml: Ok");
        let list = Context::new("f.yaml").child(mark(2, 0, 2), ItemType::List, "l");
        r.add_warning(
            WarningCode::LOAD_UNUSED_LIST,
            "List not referred to by any other rule/macro",
            &list,
        );
        assert_eq!(
            r.as_summary_string(),
            "f.yaml: Ok, with warnings\n 1 warnings: [LOAD_UNUSED_LIST (Unused list)]"
        );
        r.add_error(ErrorCode::LOAD_ERR_VALIDATE, "bad", &list);
        assert_eq!(
            r.as_summary_string(),
            "f.yaml: Invalid\n 1 errors: [LOAD_ERR_VALIDATE (Error validating \
             rule/macro/list/exception objects)]\n 1 warnings: [LOAD_UNUSED_LIST (Unused list)]"
        );
        assert_eq!(
            r.as_verbose_string(&contents),
            "f.yaml: Invalid\n1 Errors:\nIn rules content: (f.yaml:0:0)\n    list 'l': \
             (f.yaml:0:2)\n------\n- list: l\n  ^\n------\nLOAD_ERR_VALIDATE (Error \
             validating rule/macro/list/exception objects): bad\n\n1 Warnings:\nIn rules \
             content: (f.yaml:0:0)\n    list 'l': (f.yaml:0:2)\n------\n- list: l\n  \
             ^\n------\nLOAD_UNUSED_LIST (Unused list): List not referred to by any other \
             rule/macro\n"
        );
        let j = r.as_json(&contents);
        assert_eq!(j["successful"], false);
        assert_eq!(j["errors"][0]["code"], "LOAD_ERR_VALIDATE");
        assert_eq!(
            j["warnings"][0]["context"]["locations"][1]["position"]["column"],
            2
        );
    }
}
