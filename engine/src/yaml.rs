//! Rules content as a tree of YAML nodes, with the positions and the scalar semantics of
//! yaml-cpp (the YAML library Falco uses).
//!
//! The tree is built from the events of `saphyr-parser` (YAML 1.2). It keeps what the rule
//! loader needs to behave as Falco does:
//!
//! * scalars keep their text exactly as written (`0.10` stays `0.10`, `yes` stays `yes`);
//!   conversion to booleans and integers happens on use, with yaml-cpp's rules
//!   ([`Node::as_bool`], [`Node::as_u32`]);
//! * a plain untagged scalar that is empty, `~`, `null`, `Null` or `NULL` is a null node;
//! * a mapping keeps its entries in order, duplicates included; looking a key up finds the
//!   first entry whose key is a scalar with that text;
//! * every node has a [`Mark`]: byte offset, line and column counted from 0, as yaml-cpp
//!   counts them (a block scalar's mark is its `|` or `>` indicator; a node with an anchor or
//!   a tag starts at the first of them);
//! * an alias is the anchored node itself (shared, not copied).

use std::rc::Rc;

use saphyr_parser::{Event, Parser, ScalarStyle};

/// A position in rules content: byte offset, line and column, all from 0 (yaml-cpp's marks).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Mark {
    /// Byte offset from the start of the content.
    pub pos: usize,
    /// Line, from 0.
    pub line: usize,
    /// Column in bytes, from 0.
    pub column: usize,
}

/// What a node holds.
#[derive(Debug)]
pub(crate) enum Kind {
    /// A null: nothing, `~`, `null`, `Null` or `NULL` (plain, untagged).
    Null,
    /// A scalar, its text as written (after YAML unescaping and folding).
    Scalar(String),
    /// A sequence.
    Seq(Vec<Rc<Node>>),
    /// A mapping, entries in document order (duplicate keys kept).
    Map(Vec<(Rc<Node>, Rc<Node>)>),
}

/// A YAML node.
#[derive(Debug)]
pub(crate) struct Node {
    pub kind: Kind,
    pub mark: Mark,
}

/// Why content could not be read as YAML.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct YamlError {
    /// What is wrong.
    pub message: String,
    /// Where.
    pub mark: Mark,
}

/// The most nested collections a document may have (yaml-cpp recurses without limit, and
/// crashes on deep enough input; we refuse it instead).
const MAX_DEPTH: usize = 512;

/// The most nodes aliases may add to the content, counting nested aliases expanded (a guard
/// against "billion laughs" documents, which the loader would otherwise walk for ever).
const MAX_ALIASED_NODES: u64 = 100_000;

impl Node {
    pub fn is_null(&self) -> bool {
        matches!(self.kind, Kind::Null)
    }

    pub fn is_scalar(&self) -> bool {
        matches!(self.kind, Kind::Scalar(_))
    }

    pub fn is_seq(&self) -> bool {
        matches!(self.kind, Kind::Seq(_))
    }

    pub fn is_map(&self) -> bool {
        matches!(self.kind, Kind::Map(_))
    }

    /// The scalar's text.
    pub fn scalar(&self) -> Option<&str> {
        match &self.kind {
            Kind::Scalar(s) => Some(s),
            _ => None,
        }
    }

    /// The first value whose key is the scalar `key` (yaml-cpp's `node[key]`).
    pub fn get(&self, key: &str) -> Option<&Rc<Node>> {
        match &self.kind {
            Kind::Map(entries) => entries
                .iter()
                .find(|(k, _)| k.scalar() == Some(key))
                .map(|(_, v)| v),
            _ => None,
        }
    }

    /// The elements of a sequence (nothing for other nodes).
    pub fn seq(&self) -> &[Rc<Node>] {
        match &self.kind {
            Kind::Seq(items) => items,
            _ => &[],
        }
    }

    /// The entries of a mapping (nothing for other nodes).
    pub fn entries(&self) -> &[(Rc<Node>, Rc<Node>)] {
        match &self.kind {
            Kind::Map(entries) => entries,
            _ => &[],
        }
    }

    /// yaml-cpp's `as<std::string>()`: a scalar's text, `null` for a null, and a "bad
    /// conversion" for collections.
    pub fn as_string(&self) -> Result<&str, String> {
        match &self.kind {
            Kind::Scalar(s) => Ok(s),
            Kind::Null => Ok("null"),
            _ => Err(bad_conversion(self.mark)),
        }
    }

    /// yaml-cpp's boolean conversion: `y`/`n`, `yes`/`no`, `true`/`false`, `on`/`off`, all
    /// lower case, all upper case or capitalised.
    pub fn as_bool(&self) -> Option<bool> {
        let s = self.scalar()?;
        let flexible = s == s.to_ascii_lowercase()
            || s == s.to_ascii_uppercase()
            || (s.len() > 1
                && s.is_char_boundary(1)
                && s[..1] == s[..1].to_ascii_uppercase()
                && s[1..] == s[1..].to_ascii_lowercase());
        if !flexible {
            return None;
        }
        match s.to_ascii_lowercase().as_str() {
            "y" | "yes" | "true" | "on" => Some(true),
            "n" | "no" | "false" | "off" => Some(false),
            _ => None,
        }
    }

    /// yaml-cpp's conversion to a 32-bit unsigned integer: the text read by a C++ stream
    /// with the base taken from the prefix (`0x` hexadecimal, `0` octal), no leading blank, a
    /// `+` allowed and a `-` refused, trailing blanks allowed, nothing else after the number.
    pub fn as_u32(&self) -> Option<u32> {
        parse_stream_u32(self.scalar()?)
    }
}

/// yaml-cpp's message for a failed conversion at `mark`.
pub(crate) fn bad_conversion(mark: Mark) -> String {
    format!(
        "yaml-cpp: error at line {}, column {}: bad conversion",
        mark.line + 1,
        mark.column + 1
    )
}

fn parse_stream_u32(s: &str) -> Option<u32> {
    let b = s.as_bytes();
    let mut i = 0;
    if b.first() == Some(&b'-') {
        return None;
    }
    if b.first() == Some(&b'+') {
        i = 1;
    }
    let (radix, start) = if b.len() > i + 1 && b[i] == b'0' && (b[i + 1] | 0x20) == b'x' {
        (16, i + 2)
    } else if b.get(i) == Some(&b'0') {
        (8, i)
    } else {
        (10, i)
    };
    let mut end = start;
    while end < b.len() && (b[end] as char).is_digit(radix) {
        end += 1;
    }
    if end == start {
        return None;
    }
    let value = u32::from_str_radix(&s[start..end], radix).ok()?;
    if b[end..]
        .iter()
        .all(|&c| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c))
    {
        Some(value)
    } else {
        None
    }
}

/// Converts the parser's character positions (in the text parsed, which may have had
/// indentation added) to byte offsets, lines and columns of the original text.
struct Positions<'a> {
    parsed: &'a str,
    /// Byte offset of the start of each line of the original text (lines end with `\n`).
    line_starts: Vec<usize>,
    /// Blanks added to the original text: (original byte offset, how many), in order.
    inserts: &'a [(usize, usize)],
    /// Last conversion: (character index, byte offset), to walk from.
    cursor: (usize, usize),
}

impl<'a> Positions<'a> {
    fn new(original: &str, parsed: &'a str, inserts: &'a [(usize, usize)]) -> Positions<'a> {
        Positions {
            parsed,
            line_starts: line_starts(original),
            inserts,
            cursor: (0, 0),
        }
    }

    /// The byte offset in the parsed text of a character index.
    fn byte_offset(&mut self, char_index: usize) -> usize {
        let (mut ci, mut bi) = self.cursor;
        if char_index < ci / 2 {
            ci = 0;
            bi = 0;
        }
        let text = self.parsed;
        let bytes = text.as_bytes();
        while ci < char_index && bi < bytes.len() {
            bi += 1;
            while bi < bytes.len() && !text.is_char_boundary(bi) {
                bi += 1;
            }
            ci += 1;
        }
        while ci > char_index && bi > 0 {
            bi -= 1;
            while bi > 0 && !text.is_char_boundary(bi) {
                bi -= 1;
            }
            ci -= 1;
        }
        self.cursor = (ci, bi);
        bi
    }

    /// The original byte offset of a byte offset of the parsed text.
    fn original(&self, parsed: usize) -> usize {
        let mut shift = 0;
        for &(at, n) in self.inserts {
            if parsed >= at + shift + n {
                shift += n;
            } else if parsed >= at + shift {
                return at;
            } else {
                break;
            }
        }
        parsed - shift
    }

    /// The mark of a byte offset of the parsed text.
    fn mark(&self, parsed: usize) -> Mark {
        let pos = self.original(parsed);
        let line = self.line_starts.partition_point(|&s| s <= pos) - 1;
        Mark {
            pos,
            line,
            column: pos - self.line_starts[line],
        }
    }
}

fn line_starts(text: &str) -> Vec<usize> {
    let mut v = vec![0];
    v.extend(
        text.bytes()
            .enumerate()
            .filter(|&(_, b)| b == b'\n')
            .map(|(i, _)| i + 1),
    );
    v
}

/// A collection being built.
struct Open {
    node_mark: Mark,
    /// Byte offset and column (in the parsed text) of its `[` or `{`, for a flow collection.
    flow_start: Option<(usize, usize)>,
    anchor: usize,
    map: bool,
    items: Vec<Rc<Node>>,
    expanded: u64,
}

/// The most lines whose indentation is fixed up (see [`load_all`]).
const MAX_INDENT_FIXES: usize = 200;

/// Why one attempt at loading failed.
enum Failed {
    /// Not YAML.
    Error(YamlError),
    /// A line inside a flow collection is indented less than YAML 1.2 allows: add `spaces`
    /// blanks at the start of the line starting at `line_start` (parsed text).
    FlowIndent {
        line_start: usize,
        spaces: usize,
        error: YamlError,
    },
}

/// Reads every document of `text`. A document that is empty (or only a null) gives a null
/// node, as yaml-cpp does.
///
/// yaml-cpp accepts lines inside flow collections indented no more than the block they are
/// in (Falco's own rules close lists with `]` at the indentation of `items:`), which YAML 1.2
/// and `saphyr-parser` refuse. Such lines are indented further (blanks inside a flow
/// collection mean nothing) and the text parsed again; positions are those of the original
/// text.
pub(crate) fn load_all(text: &str) -> Result<Vec<Rc<Node>>, YamlError> {
    let mut inserts: Vec<(usize, usize)> = Vec::new();
    let mut parsed = text.to_string();
    loop {
        match load_once(text, &parsed, &inserts) {
            Ok(docs) => return Ok(docs),
            Err(Failed::Error(e)) => return Err(e),
            Err(Failed::FlowIndent {
                line_start,
                spaces,
                error,
            }) => {
                if inserts.len() >= MAX_INDENT_FIXES {
                    return Err(error);
                }
                let at = Positions::new(text, &parsed, &inserts).original(line_start);
                match inserts.iter_mut().find(|(o, _)| *o == at) {
                    Some((_, n)) => *n += spaces,
                    None => {
                        inserts.push((at, spaces));
                        inserts.sort_unstable();
                    }
                }
                parsed.insert_str(line_start, &" ".repeat(spaces));
            }
        }
    }
}

fn load_once(
    original: &str,
    text: &str,
    inserts: &[(usize, usize)],
) -> Result<Vec<Rc<Node>>, Failed> {
    let mut positions = Positions::new(original, text, inserts);
    let parsed_lines = line_starts(text);
    let mut parser = Parser::new_from_str(text);
    let mut docs = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    let mut anchors: std::collections::HashMap<usize, (Rc<Node>, u64)> =
        std::collections::HashMap::new();
    // End of the previous event, where a node's properties and indicators start.
    let mut prev_end = 0usize;
    let mut aliased: u64 = 0;
    while let Some(next) = parser.next_event() {
        let (event, span) = match next {
            Ok(e) => e,
            Err(e) => {
                let at = positions.byte_offset(e.marker().index());
                let mark = positions.mark(at);
                let error = YamlError {
                    message: format!(
                        "yaml: error at line {}, column {}: {}",
                        mark.line + 1,
                        mark.column + 1,
                        e.info()
                    ),
                    mark,
                };
                let flow = stack.iter().rev().find_map(|o| o.flow_start);
                let fixable = matches!(
                    e.info(),
                    "invalid indentation" | "invalid indentation in flow construct"
                );
                if let (true, Some((flow_at, flow_col))) = (fixable, flow) {
                    let line = parsed_lines.partition_point(|&s| s <= at) - 1;
                    let line_start = parsed_lines[line];
                    let col = at - line_start;
                    let only_blanks_before = text.as_bytes()[line_start..at]
                        .iter()
                        .all(|&b| b == b' ' || b == b'\t');
                    if only_blanks_before && still_open(&text.as_bytes()[flow_at..at]) {
                        return Err(Failed::FlowIndent {
                            line_start,
                            spaces: (flow_col + 1).saturating_sub(col).max(1),
                            error,
                        });
                    }
                }
                return Err(Failed::Error(error));
            }
        };
        let start = positions.byte_offset(span.start.index());
        let end = positions.byte_offset(span.end.index());
        let mut done: Option<(Rc<Node>, usize, u64)> = None;
        match event {
            Event::StreamStart | Event::StreamEnd | Event::Nothing => {}
            Event::DocumentStart(_) => anchors.clear(),
            Event::DocumentEnd => {}
            Event::Alias(id) => {
                let Some((node, size)) = anchors.get(&id) else {
                    return Err(Failed::Error(error_at(&positions, start, "unknown anchor")));
                };
                aliased = aliased.saturating_add(*size);
                if aliased > MAX_ALIASED_NODES {
                    return Err(Failed::Error(error_at(
                        &positions,
                        start,
                        "aliases expand the content to too many nodes",
                    )));
                }
                done = Some((node.clone(), 0, *size));
            }
            Event::Scalar(value, style, anchor, tag) => {
                let node_start = node_start(text, prev_end, start, style);
                let kind = if style == ScalarStyle::Plain
                    && tag.is_none()
                    && matches!(&*value, "" | "~" | "null" | "Null" | "NULL")
                {
                    Kind::Null
                } else {
                    Kind::Scalar(value.into_owned())
                };
                let mark = positions.mark(node_start);
                done = Some((Rc::new(Node { kind, mark }), anchor, 1));
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(Failed::Error(error_at(
                        &positions,
                        start,
                        "the document is nested too deeply",
                    )));
                }
                let map = matches!(event, Event::MappingStart(..));
                // The indicator, after the node's properties when it has any.
                let flow_start = text.as_bytes()[start.min(end)..]
                    .iter()
                    .take(end.saturating_sub(start).max(1))
                    .position(|&b| b == b'[' || b == b'{')
                    .map(|i| {
                        let at = start + i;
                        let line = parsed_lines.partition_point(|&s| s <= at) - 1;
                        (at, at - parsed_lines[line])
                    });
                stack.push(Open {
                    node_mark: positions.mark(start),
                    flow_start,
                    anchor,
                    map,
                    items: Vec::new(),
                    expanded: 1,
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let open = stack.pop().expect("balanced collection events");
                let kind = if open.map {
                    let mut entries = Vec::with_capacity(open.items.len() / 2);
                    let mut it = open.items.into_iter();
                    while let (Some(k), Some(v)) = (it.next(), it.next()) {
                        entries.push((k, v));
                    }
                    Kind::Map(entries)
                } else {
                    Kind::Seq(open.items)
                };
                done = Some((
                    Rc::new(Node {
                        kind,
                        mark: open.node_mark,
                    }),
                    open.anchor,
                    open.expanded,
                ));
            }
        }
        if let Some((node, anchor, size)) = done {
            if anchor != 0 {
                anchors.insert(anchor, (node.clone(), size));
            }
            match stack.last_mut() {
                Some(parent) => {
                    parent.expanded = parent.expanded.saturating_add(size);
                    parent.items.push(node);
                }
                None => docs.push(node),
            }
        }
        prev_end = prev_end.max(end);
    }
    Ok(docs)
}

/// True when the flow collection whose text starts `text` (at its `[` or `{`) is not closed
/// by the end of `text` (quoted scalars and comments skipped).
fn still_open(text: &[u8]) -> bool {
    let mut depth = 0i64;
    let mut i = 0;
    while i < text.len() {
        match text[i] {
            b'[' | b'{' => depth += 1,
            b']' | b'}' => {
                depth -= 1;
                if depth <= 0 {
                    return false;
                }
            }
            b'\'' => {
                i += 1;
                while i < text.len() {
                    if text[i] == b'\'' {
                        if text.get(i + 1) == Some(&b'\'') {
                            i += 1;
                        } else {
                            break;
                        }
                    }
                    i += 1;
                }
            }
            b'"' => {
                i += 1;
                while i < text.len() && text[i] != b'"' {
                    if text[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
            }
            b'#' if i > 0 && matches!(text[i - 1], b' ' | b'\t' | b'\n' | b'\r') => {
                while i < text.len() && text[i] != b'\n' {
                    i += 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    depth > 0
}

fn error_at(positions: &Positions<'_>, pos: usize, what: &str) -> YamlError {
    let mark = positions.mark(pos);
    YamlError {
        message: format!(
            "yaml: error at line {}, column {}: {what}",
            mark.line + 1,
            mark.column + 1
        ),
        mark,
    }
}

/// Where a scalar's node starts for yaml-cpp: the block indicator of a block scalar (the
/// parser reports the start of its content).
fn node_start(text: &str, prev_end: usize, start: usize, style: ScalarStyle) -> usize {
    if !matches!(style, ScalarStyle::Literal | ScalarStyle::Folded) || prev_end >= start {
        return start;
    }
    let b = &text.as_bytes()[prev_end..start];
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'#' => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'!' | b'&' => {
                while i < b.len() && !matches!(b[i], b' ' | b'\t' | b'\n' | b'\r') {
                    i += 1;
                }
            }
            b'|' | b'>' => return prev_end + i,
            _ => i += 1,
        }
    }
    start
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Rc<Node> {
        load_all(text).unwrap().remove(0)
    }

    #[test]
    fn marks_are_yaml_cpp_marks() {
        let text = "- rule: r\n  desc: >\n    folded\n  tags: [a, 'b c']\n";
        let d = doc(text);
        let item = &d.seq()[0];
        assert_eq!(
            item.mark,
            Mark {
                pos: 2,
                line: 0,
                column: 2
            }
        );
        let desc = item.get("desc").unwrap();
        assert_eq!(desc.scalar(), Some("folded\n"));
        assert_eq!((desc.mark.line, desc.mark.column), (1, 8));
        let tags = item.get("tags").unwrap();
        assert_eq!((tags.mark.line, tags.mark.column), (3, 8));
        assert_eq!(tags.seq()[1].scalar(), Some("b c"));
        assert_eq!(
            (tags.seq()[1].mark.line, tags.seq()[1].mark.column),
            (3, 12)
        );
    }

    #[test]
    fn byte_positions_after_multibyte_text() {
        let d = doc("- é: ü\n  k: v\n");
        let item = &d.seq()[0];
        let v = item.get("k").unwrap();
        assert_eq!(v.mark.pos, "- é: ü\n  k: ".len());
        assert_eq!((v.mark.line, v.mark.column), (1, 5));
    }

    #[test]
    fn nulls_and_scalars() {
        let d = doc("[~, null, '', \"null\", !!str null, 0.10]");
        let s = d.seq();
        assert!(s[0].is_null() && s[1].is_null());
        assert_eq!(s[2].scalar(), Some(""));
        assert_eq!(s[3].scalar(), Some("null"));
        assert_eq!(s[4].scalar(), Some("null"));
        assert_eq!(s[5].scalar(), Some("0.10"));
        let d = doc("a:\nb: 1");
        assert!(d.get("a").unwrap().is_null());
        assert_eq!(d.get("b").unwrap().as_string(), Ok("1"));
    }

    #[test]
    fn duplicate_keys_first_wins() {
        let d = doc("a: 1\na: 2\n");
        assert_eq!(d.get("a").unwrap().scalar(), Some("1"));
        assert_eq!(d.entries().len(), 2);
    }

    #[test]
    fn booleans_like_yaml_cpp() {
        for (t, v) in [
            ("true", Some(true)),
            ("True", Some(true)),
            ("TRUE", Some(true)),
            ("yes", Some(true)),
            ("On", Some(true)),
            ("y", Some(true)),
            ("Y", Some(true)),
            ("no", Some(false)),
            ("OFF", Some(false)),
            ("n", Some(false)),
            ("tRue", None),
            ("1", None),
            ("", None),
        ] {
            let d = doc(&format!("k: '{t}'"));
            assert_eq!(d.get("k").unwrap().as_bool(), v, "{t}");
        }
    }

    #[test]
    fn integers_like_yaml_cpp() {
        for (t, v) in [
            ("10", Some(10)),
            ("+7", Some(7)),
            ("010", Some(8)),
            ("0x1f", Some(31)),
            ("0", Some(0)),
            ("-1", None),
            ("1.5", None),
            ("0.57.0", None),
            ("4294967296", None),
            ("12abc", None),
            (" 3", None),
        ] {
            let d = doc(&format!("k: '{t}'"));
            assert_eq!(d.get("k").unwrap().as_u32(), v, "{t}");
        }
    }

    #[test]
    fn aliases_share_and_documents_split() {
        let docs = load_all("- &a {k: v}\n- *a\n---\n- x\n").unwrap();
        assert_eq!(docs.len(), 2);
        let s = docs[0].seq();
        assert!(Rc::ptr_eq(&s[0], &s[1]));
        assert_eq!(docs[1].seq()[0].scalar(), Some("x"));
        assert!(load_all("").unwrap().is_empty());
        assert!(load_all("# only a comment\n").unwrap().is_empty());
    }

    #[test]
    fn flow_collections_closed_at_the_block_indentation() {
        // yaml-cpp accepts this (Falco's rules do it); YAML 1.2 does not.
        let text = "- list: l\n  items: [\n    a, 'b]',\n  ]\n- list: m\n  items: [c]\n";
        let docs = load_all(text).unwrap();
        let items = docs[0].seq()[0].get("items").unwrap();
        assert_eq!(items.seq().len(), 2);
        assert_eq!(items.seq()[1].scalar(), Some("b]"));
        // Positions are those of the original text.
        let m = &docs[0].seq()[1];
        assert_eq!(m.mark.pos, text.find("list: m").unwrap());
        assert_eq!((m.mark.line, m.mark.column), (4, 2));
        // A block-structure error after a closed flow collection is not "fixed".
        assert!(load_all("- list: l\n  items: [a]\n bad: 1\n").is_err());
    }

    #[test]
    fn errors_and_limits() {
        let e = load_all("- a\n- [b\n").unwrap_err();
        assert!(
            e.message.starts_with("yaml: error at line"),
            "{}",
            e.message
        );
        let deep = "[".repeat(10_000);
        assert!(load_all(&deep).is_err());
        let mut laughs = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let p = i - 1;
            laughs.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        assert!(load_all(&laughs).is_err());
    }
}
