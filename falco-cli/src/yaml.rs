//! YAML documents as a tree that remembers where each node came from.
//!
//! Configuration files are parsed with `saphyr` into [`Node`]s. Scalars keep their source
//! text: like Falco, which reads every value with the type the reader asks for, a scalar is
//! typed only when it is read (`"true"` reads as a boolean, `5` as a string). Every node
//! carries a [`Mark`] (file, line, column, or the `-o` option it came from) so errors can
//! point at it.
//!
//! The tree also implements what Falco does to configuration documents before reading
//! them: `${VAR}` environment references in values ([`Node::expand_env`]), `-o` key paths
//! ([`KeyPath`], [`Node::set_path`]) and the merge strategies of `config_files`
//! ([`Node::merge_top_level`]).

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

use saphyr::{MarkedYaml, ScalarStyle, YamlData, YamlLoader};
use saphyr_parser::Parser;

use crate::json::Json;

/// Where a node was read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mark {
    /// The file, or a description of the source (`-o key=value`).
    pub source: Arc<str>,
    /// 1-based line; 0 when the source is not a file.
    pub line: usize,
    /// 1-based column; 0 when the source is not a file.
    pub col: usize,
}

impl Mark {
    /// A mark for a value that does not come from a file (e.g. a command-line option).
    pub fn synthetic(source: &str) -> Mark {
        Mark {
            source: Arc::from(source),
            line: 0,
            col: 0,
        }
    }

    /// True when the node was read from a file at a known position.
    pub fn is_file(&self) -> bool {
        self.line > 0
    }
}

impl fmt::Display for Mark {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_file() {
            write!(f, "{}:{}:{}", self.source, self.line, self.col)
        } else {
            write!(f, "{}", self.source)
        }
    }
}

/// A scalar's text and whether it was quoted (or a block scalar) in the source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scalar {
    /// The value after YAML unescaping.
    pub text: String,
    /// False for plain scalars, whose text may read as null, a boolean or a number.
    pub quoted: bool,
}

/// A YAML node.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// A scalar.
    Scalar(Scalar),
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping, in document order.
    Map(Vec<(Key, Node)>),
}

/// A mapping key and where it was written.
#[derive(Clone, Debug, PartialEq)]
pub struct Key {
    /// The key's text.
    pub name: String,
    /// Where the key was written.
    pub mark: Mark,
}

/// A YAML node with its mark.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// The value.
    pub value: Value,
    /// Where it was written.
    pub mark: Mark,
}

/// A YAML syntax error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    /// Where.
    pub mark: Mark,
    /// What.
    pub message: String,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: line {}, column {}: {}",
            self.mark.source, self.mark.line, self.mark.col, self.message
        )
    }
}

impl std::error::Error for SyntaxError {}

impl Node {
    /// A plain scalar.
    pub fn plain(text: &str, mark: Mark) -> Node {
        Node {
            value: Value::Scalar(Scalar {
                text: text.to_string(),
                quoted: false,
            }),
            mark,
        }
    }

    /// An empty mapping.
    pub fn empty_map(mark: Mark) -> Node {
        Node {
            value: Value::Map(Vec::new()),
            mark,
        }
    }

    /// Parse the first document of `text`; `source` names it in marks (usually the file
    /// path). An empty document is an empty mapping.
    pub fn parse(text: &str, source: &str) -> Result<Node, SyntaxError> {
        let src: Arc<str> = Arc::from(source);
        let mut parser = Parser::new_from_str(text);
        let mut loader: YamlLoader<MarkedYaml> = YamlLoader::default();
        loader.early_parse(false);
        let err = |e: &saphyr::ScanError, src: &Arc<str>| SyntaxError {
            mark: Mark {
                source: src.clone(),
                line: e.marker().line(),
                col: e.marker().col() + 1,
            },
            message: e.info().to_string(),
        };
        if let Err(e) = parser.load(&mut loader, true) {
            return Err(err(&e, &src));
        }
        if let Some(e) = loader.error() {
            return Err(err(e, &src));
        }
        let docs = loader.into_documents();
        match docs.into_iter().next() {
            None => Ok(Node::empty_map(Mark {
                source: src,
                line: 1,
                col: 1,
            })),
            Some(doc) => {
                let node = convert(doc, &src);
                if node.is_null() {
                    Ok(Node::empty_map(node.mark))
                } else {
                    Ok(node)
                }
            }
        }
    }

    /// True for a plain `null`, `~` or empty scalar.
    pub fn is_null(&self) -> bool {
        match &self.value {
            Value::Scalar(s) => {
                !s.quoted && matches!(s.text.as_str(), "" | "~" | "null" | "Null" | "NULL")
            }
            _ => false,
        }
    }

    /// The scalar, if this is one.
    pub fn scalar(&self) -> Option<&Scalar> {
        match &self.value {
            Value::Scalar(s) => Some(s),
            _ => None,
        }
    }

    /// The scalar's text, if this is a (non-null) scalar.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Scalar(s) if !self.is_null() => Some(&s.text),
            _ => None,
        }
    }

    /// The entries of a mapping.
    pub fn as_map(&self) -> Option<&[(Key, Node)]> {
        match &self.value {
            Value::Map(m) => Some(m),
            _ => None,
        }
    }

    /// The items of a sequence.
    pub fn as_seq(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Seq(s) => Some(s),
            _ => None,
        }
    }

    /// The value of `key` in a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.as_map()?
            .iter()
            .find(|(k, _)| k.name == key)
            .map(|(_, v)| v)
    }

    fn get_mut(&mut self, key: &str) -> Option<&mut Node> {
        match &mut self.value {
            Value::Map(m) => m.iter_mut().find(|(k, _)| k.name == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The node at a dotted path of plain keys (`engine.replay.capture_file`).
    pub fn lookup(&self, dotted: &str) -> Option<&Node> {
        let mut cur = self;
        for part in dotted.split('.') {
            cur = cur.get(part)?;
        }
        Some(cur)
    }

    /// Replace `${VAR}` in every scalar value (not in keys) with the variable's value, or
    /// with nothing when it is not set; `$${x}` stands for a literal `${x}`.
    pub fn expand_env(&mut self) {
        match &mut self.value {
            Value::Scalar(s) => {
                if s.text.contains('$') {
                    s.text = expand_env_str(&s.text, |name| std::env::var(name).ok());
                }
            }
            Value::Seq(items) => items.iter_mut().for_each(Node::expand_env),
            Value::Map(entries) => entries.iter_mut().for_each(|(_, v)| v.expand_env()),
        }
    }

    /// Merge the top-level keys of `other` into this mapping, as an included configuration
    /// file is merged with `strategy`.
    pub fn merge_top_level(&mut self, other: Node, strategy: MergeStrategy) {
        let Value::Map(entries) = other.value else {
            return;
        };
        if !matches!(self.value, Value::Map(_)) {
            self.value = Value::Map(Vec::new());
        }
        for (key, value) in entries {
            let existing = self.get_mut(&key.name);
            match (strategy, existing) {
                (_, None) => {
                    if let Value::Map(m) = &mut self.value {
                        m.push((key, value));
                    }
                }
                (MergeStrategy::AddOnly, Some(_)) => {}
                (MergeStrategy::Append, Some(cur)) => match (&mut cur.value, value.value) {
                    (Value::Seq(items), Value::Seq(more)) => items.extend(more),
                    (_, v) => {
                        *cur = Node {
                            value: v,
                            mark: value.mark,
                        }
                    }
                },
                (MergeStrategy::Override, Some(cur)) => *cur = value,
            }
        }
    }

    /// Set the node at `path`, creating mappings and sequence entries on the way.
    pub fn set_path(&mut self, path: &KeyPath, value: Node) -> Result<(), String> {
        let mut cur = self;
        for (i, seg) in path.0.iter().enumerate() {
            let last = i + 1 == path.0.len();
            cur = match seg {
                Segment::Key(k) => {
                    if cur.is_null() || cur.scalar().is_some() {
                        cur.value = Value::Map(Vec::new());
                    }
                    let Value::Map(m) = &mut cur.value else {
                        return Err(format!(
                            "'{}' is a list, not a mapping",
                            path.display_prefix(i)
                        ));
                    };
                    let pos = match m.iter().position(|(key, _)| &key.name == k) {
                        Some(p) => p,
                        None => {
                            m.push((
                                Key {
                                    name: k.clone(),
                                    mark: value.mark.clone(),
                                },
                                Node::plain("", value.mark.clone()),
                            ));
                            m.len() - 1
                        }
                    };
                    &mut m[pos].1
                }
                Segment::Index(idx) => {
                    if cur.is_null() || cur.scalar().is_some() {
                        cur.value = Value::Seq(Vec::new());
                    }
                    let Value::Seq(items) = &mut cur.value else {
                        return Err(format!(
                            "'{}' is a mapping, not a list",
                            path.display_prefix(i)
                        ));
                    };
                    let pos = match *idx {
                        None => items.len(),
                        Some(n) if n <= items.len() => n,
                        Some(n) => {
                            return Err(format!(
                                "index {n} of '{}' is out of range (the list has {} items)",
                                path.display_prefix(i),
                                items.len()
                            ))
                        }
                    };
                    if pos == items.len() {
                        items.push(Node::plain("", value.mark.clone()));
                    }
                    &mut items[pos]
                }
            };
            if last {
                *cur = value;
                return Ok(());
            }
        }
        Err("empty key".to_string())
    }

    /// The node as JSON, scalars typed as a YAML 1.2 reader would (plain `true` is a
    /// boolean, plain `5` a number, quoted text a string).
    pub fn to_json(&self) -> Json {
        match &self.value {
            Value::Scalar(s) => {
                if s.quoted {
                    return Json::Str(s.text.clone());
                }
                if self.is_null() {
                    return Json::Null;
                }
                if let Some(b) = parse_bool(&s.text) {
                    return Json::Bool(b);
                }
                if let Some(i) = parse_int(&s.text) {
                    return Json::Int(i);
                }
                if let Some(f) = parse_float(&s.text) {
                    return Json::Float(f);
                }
                Json::Str(s.text.clone())
            }
            Value::Seq(items) => Json::Array(items.iter().map(Node::to_json).collect()),
            Value::Map(entries) => Json::Object(
                entries
                    .iter()
                    .map(|(k, v)| (k.name.clone(), v.to_json()))
                    .collect(),
            ),
        }
    }
}

/// How an included configuration file is merged with what was loaded before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MergeStrategy {
    /// Lists are extended, other keys replaced, new keys added (the default).
    Append,
    /// Keys are replaced (lists too), new keys added.
    Override,
    /// Only keys not defined yet are added.
    AddOnly,
}

impl MergeStrategy {
    /// Parse `append`, `override` or `add-only`.
    pub fn parse(s: &str) -> Option<MergeStrategy> {
        match s {
            "append" => Some(MergeStrategy::Append),
            "override" => Some(MergeStrategy::Override),
            "add-only" => Some(MergeStrategy::AddOnly),
            _ => None,
        }
    }
}

fn convert(y: MarkedYaml<'_>, src: &Arc<str>) -> Node {
    let mark = Mark {
        source: src.clone(),
        line: y.span.start.line(),
        col: y.span.start.col() + 1,
    };
    let value = match y.data {
        YamlData::Representation(text, style, _tag) => Value::Scalar(Scalar {
            text: text.into_owned(),
            quoted: style != ScalarStyle::Plain,
        }),
        YamlData::Value(v) => Value::Scalar(Scalar {
            text: scalar_text(&v),
            quoted: matches!(v, saphyr::Scalar::String(_)),
        }),
        YamlData::Sequence(items) => {
            Value::Seq(items.into_iter().map(|i| convert(i, src)).collect())
        }
        YamlData::Mapping(map) => Value::Map(
            map.into_iter()
                .map(|(k, v)| {
                    let kn = convert(k, src);
                    let name = match &kn.value {
                        Value::Scalar(s) => s.text.clone(),
                        _ => kn.to_json().to_compact(),
                    };
                    (
                        Key {
                            name,
                            mark: kn.mark,
                        },
                        convert(v, src),
                    )
                })
                .collect(),
        ),
        YamlData::Tagged(_, inner) => return convert(*inner, src),
        YamlData::Alias(_) | YamlData::BadValue => Value::Scalar(Scalar {
            text: String::new(),
            quoted: false,
        }),
    };
    Node { value, mark }
}

fn scalar_text(v: &saphyr::Scalar<'_>) -> String {
    match v {
        saphyr::Scalar::Null => String::new(),
        saphyr::Scalar::Boolean(b) => b.to_string(),
        saphyr::Scalar::Integer(i) => i.to_string(),
        saphyr::Scalar::FloatingPoint(f) => f.to_string(),
        saphyr::Scalar::String(s) => s.to_string(),
    }
}

/// `${VAR}` substitution as Falco does it on configuration values.
pub fn expand_env_str(value: &str, lookup: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(pos) = rest.find('$') {
        out.push_str(&rest[..pos]);
        let tail = &rest[pos..];
        if let Some(body) = tail.strip_prefix("${") {
            match body.find('}') {
                Some(end) => {
                    if let Some(v) = lookup(&body[..end]) {
                        out.push_str(&v);
                    }
                    rest = &body[end + 1..];
                }
                None => {
                    out.push_str(tail);
                    return out;
                }
            }
        } else if let Some(after) = tail.strip_prefix("$${") {
            if after.contains('}') {
                // `$${x}` is a literal `${x}`: drop one `$`, keep the rest as text.
                out.push_str("${");
                rest = after;
            } else {
                out.push_str(tail);
                return out;
            }
        } else {
            out.push('$');
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    out
}

/// One step of a [`KeyPath`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment {
    /// A mapping key.
    Key(String),
    /// A sequence index; `None` (`[]`) appends.
    Index(Option<usize>),
}

/// A configuration key path as `-o` takes it: `a.b`, `a.list[1].c`, `m[0][2]`,
/// `annotations.kubernetes\.io/role` (`\.`, `\[`, `\]` and `\\` escape key characters).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyPath(pub Vec<Segment>);

impl KeyPath {
    /// Parse a key path.
    pub fn parse(key: &str) -> Result<KeyPath, String> {
        let chars: Vec<char> = key.chars().collect();
        let mut segs = Vec::new();
        let mut name = String::new();
        // True right after a '.', at the start, or while a name is being read.
        let mut expect_name = true;
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            match c {
                '\\' => {
                    let Some(&next) = chars.get(i + 1) else {
                        return Err(format!("trailing backslash at position {i}"));
                    };
                    if !matches!(next, '.' | '[' | ']' | '\\') {
                        return Err(format!(
                            "invalid escape sequence '\\{next}' at position {i}"
                        ));
                    }
                    if !expect_name {
                        return Err(format!("expected '.' at position {i}"));
                    }
                    name.push(next);
                    i += 2;
                }
                '.' => {
                    if !name.is_empty() {
                        segs.push(Segment::Key(std::mem::take(&mut name)));
                    } else if expect_name {
                        return Err(format!("empty key name at position {i}"));
                    }
                    expect_name = true;
                    i += 1;
                    if i == chars.len() {
                        return Err("the key ends with '.'".to_string());
                    }
                }
                '[' => {
                    if !name.is_empty() {
                        segs.push(Segment::Key(std::mem::take(&mut name)));
                    } else if segs.is_empty() || expect_name {
                        return Err(format!("'[' without a key name at position {i}"));
                    }
                    let Some(close) = chars[i + 1..].iter().position(|&c| c == ']') else {
                        return Err(format!("'[' at position {i} is not closed"));
                    };
                    let idx: String = chars[i + 1..i + 1 + close].iter().collect();
                    if idx.is_empty() {
                        segs.push(Segment::Index(None));
                    } else {
                        let n = idx
                            .parse::<usize>()
                            .map_err(|_| format!("expected a numeric index, found '{idx}'"))?;
                        segs.push(Segment::Index(Some(n)));
                    }
                    i += close + 2;
                    expect_name = false;
                    if let Some(&c) = chars.get(i) {
                        if c != '.' && c != '[' {
                            return Err(format!("expected '.' or '[' at position {i}"));
                        }
                    }
                }
                ']' => return Err(format!("unexpected ']' at position {i}")),
                _ => {
                    if !expect_name {
                        return Err(format!("expected '.' at position {i}"));
                    }
                    name.push(c);
                    i += 1;
                }
            }
        }
        if !name.is_empty() {
            segs.push(Segment::Key(name));
        }
        if segs.is_empty() {
            return Err("empty key".to_string());
        }
        Ok(KeyPath(segs))
    }

    /// The first key (`config_files` for `config_files[0]`).
    pub fn first_key(&self) -> Option<&str> {
        match self.0.first() {
            Some(Segment::Key(k)) => Some(k),
            _ => None,
        }
    }

    fn display_prefix(&self, n: usize) -> String {
        KeyPath(self.0[..n].to_vec()).to_string()
    }
}

impl fmt::Display for KeyPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, seg) in self.0.iter().enumerate() {
            match seg {
                Segment::Key(k) => {
                    if i > 0 {
                        f.write_str(".")?;
                    }
                    for c in k.chars() {
                        if matches!(c, '.' | '[' | ']' | '\\') {
                            f.write_str("\\")?;
                        }
                        write!(f, "{c}")?;
                    }
                }
                Segment::Index(Some(n)) => write!(f, "[{n}]")?,
                Segment::Index(None) => f.write_str("[]")?,
            }
        }
        Ok(())
    }
}

/// Parse the value of a `-o key=value` option: a flow collection (`{...}`, `[...]`) or a
/// quoted scalar is read as YAML; anything else is a plain scalar, typed when read.
pub fn parse_option_value(text: &str, mark: &Mark) -> Result<Node, String> {
    let t = text.trim();
    let is_yaml = (t.starts_with('{') && t.ends_with('}'))
        || (t.starts_with('[') && t.ends_with(']'))
        || (t.len() >= 2
            && ((t.starts_with('"') && t.ends_with('"'))
                || (t.starts_with('\'') && t.ends_with('\''))));
    if !is_yaml {
        return Ok(Node::plain(text, mark.clone()));
    }
    let node = Node::parse(t, &mark.source).map_err(|e| e.message)?;
    Ok(remark(node, mark))
}

fn remark(mut node: Node, mark: &Mark) -> Node {
    node.mark = mark.clone();
    match &mut node.value {
        Value::Scalar(_) => {}
        Value::Seq(items) => {
            let taken = std::mem::take(items);
            *items = taken.into_iter().map(|n| remark(n, mark)).collect();
        }
        Value::Map(entries) => {
            let taken = std::mem::take(entries);
            *entries = taken
                .into_iter()
                .map(|(mut k, v)| {
                    k.mark = mark.clone();
                    (k, remark(v, mark))
                })
                .collect();
        }
    }
    node
}

/// A boolean as Falco's YAML reader accepts it (`true`/`false`, `yes`/`no`, `on`/`off`,
/// `y`/`n`, in lower, capitalised or upper case).
pub fn parse_bool(s: &str) -> Option<bool> {
    const TRUE: [&str; 4] = ["true", "yes", "on", "y"];
    const FALSE: [&str; 4] = ["false", "no", "off", "n"];
    let ok_case = |w: &str| {
        let lower = w.to_ascii_lowercase();
        let mut cap = lower.clone();
        if let Some(first) = cap.get_mut(0..1) {
            first.make_ascii_uppercase();
        }
        w == lower || w == cap || w == lower.to_ascii_uppercase()
    };
    if !ok_case(s) {
        return None;
    }
    let l = s.to_ascii_lowercase();
    if TRUE.contains(&l.as_str()) {
        Some(true)
    } else if FALSE.contains(&l.as_str()) {
        Some(false)
    } else {
        None
    }
}

/// An integer: decimal with an optional sign, `0x` hexadecimal or `0o` octal.
pub fn parse_int(s: &str) -> Option<i64> {
    let t = s.trim();
    let (neg, digits) = match t.as_bytes().first()? {
        b'-' => (true, &t[1..]),
        b'+' => (false, &t[1..]),
        _ => (false, t),
    };
    let v = if let Some(h) = digits
        .strip_prefix("0x")
        .or_else(|| digits.strip_prefix("0X"))
    {
        i64::from_str_radix(h, 16).ok()?
    } else if let Some(o) = digits.strip_prefix("0o") {
        i64::from_str_radix(o, 8).ok()?
    } else {
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        digits.parse::<i64>().ok()?
    };
    Some(if neg { -v } else { v })
}

/// A floating-point number (`.5`, `1e3`, `-0.1`, `.inf`, `.nan`).
pub fn parse_float(s: &str) -> Option<f64> {
    let t = s.trim();
    match t {
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => return Some(f64::INFINITY),
        "-.inf" | "-.Inf" | "-.INF" => return Some(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return Some(f64::NAN),
        _ => {}
    }
    if t.is_empty()
        || !t
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-'))
        || !t.bytes().any(|b| b.is_ascii_digit())
    {
        return None;
    }
    t.parse::<f64>().ok()
}

/// Helper for error messages: the text of a node as a short quoted excerpt.
pub fn describe(node: &Node) -> Cow<'static, str> {
    match &node.value {
        Value::Scalar(s) => {
            let mut t: String = s.text.chars().take(60).collect();
            if s.text.chars().count() > 60 {
                t.push('…');
            }
            Cow::Owned(format!("'{t}'"))
        }
        Value::Seq(_) => Cow::Borrowed("a list"),
        Value::Map(_) => Cow::Borrowed("a mapping"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_are_one_based() {
        let n = Node::parse("a:\n  b: true\n  c: 'x'\n", "f.yaml").unwrap();
        let b = n.lookup("a.b").unwrap();
        assert_eq!((b.mark.line, b.mark.col), (2, 6));
        assert_eq!(b.scalar().unwrap().text, "true");
        assert!(n.lookup("a.c").unwrap().scalar().unwrap().quoted);
    }

    #[test]
    fn syntax_error_has_position() {
        let e = Node::parse("a: [1, 2\nb: 3\n", "bad.yaml").unwrap_err();
        assert_eq!(&*e.mark.source, "bad.yaml");
        assert!(e.mark.line >= 1);
    }

    #[test]
    fn env_expansion() {
        let env = |n: &str| (n == "HOME_X").then(|| "/root".to_string());
        assert_eq!(expand_env_str("${HOME_X}/x", env), "/root/x");
        assert_eq!(expand_env_str("a${NOPE}b", env), "ab");
        assert_eq!(expand_env_str("$${HOME_X}", env), "${HOME_X}");
        assert_eq!(expand_env_str("cost $5 ${HOME_X", env), "cost $5 ${HOME_X");
    }

    #[test]
    fn key_paths() {
        let p = KeyPath::parse("a.b[1].c").unwrap();
        assert_eq!(
            p.0,
            vec![
                Segment::Key("a".into()),
                Segment::Key("b".into()),
                Segment::Index(Some(1)),
                Segment::Key("c".into())
            ]
        );
        let p = KeyPath::parse(r"annotations.kubernetes\.io/role").unwrap();
        assert_eq!(p.0[1], Segment::Key("kubernetes.io/role".into()));
        assert_eq!(p.to_string(), r"annotations.kubernetes\.io/role");
        assert!(KeyPath::parse("a..b").is_err());
        assert!(KeyPath::parse("a.").is_err());
        assert!(KeyPath::parse(r"a\x").is_err());
        assert!(KeyPath::parse("a[x]").is_err());
        assert!(KeyPath::parse("a[1]b").is_err());
        assert_eq!(KeyPath::parse("m[0][2]").unwrap().0.len(), 3);
    }
}
