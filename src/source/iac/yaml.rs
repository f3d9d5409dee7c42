//! A YAML (and therefore JSON) document tree that remembers where every node is.
//!
//! CloudFormation templates are YAML or JSON, and a finding must point at the line of the
//! offending property, so the tree is built from the event parser's spans rather than through
//! serde. JSON is (for templates) a subset of YAML 1.2, so one builder serves both formats.
//!
//! The builder is hardened against hostile input: nesting depth is bounded, and aliases are
//! expanded against a node budget so a "billion laughs" document fails fast instead of
//! exhausting memory. Local tags (`!Ref`, `!Sub`...) are kept on the node for the
//! CloudFormation layer to interpret.

use std::collections::HashMap;

use serde_saphyr::granit_parser::{Event, Parser, ScalarStyle, ScanError, Span};

/// Deepest nesting accepted. Real templates stay far below it (policies nest about 8 deep).
pub const MAX_DEPTH: usize = 128;

/// Most nodes one document may expand to, aliases included.
pub const MAX_NODES: usize = 2_000_000;

/// A parse failure with its 1-based position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    /// 1-based line.
    pub line: u32,
    /// 1-based column (0 when unknown).
    pub col: u32,
    /// What went wrong.
    pub message: String,
}

impl std::fmt::Display for YamlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.col > 0 {
            write!(f, "{}:{}: {}", self.line, self.col, self.message)
        } else {
            write!(f, "{}: {}", self.line, self.message)
        }
    }
}

/// One node of the tree.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// 1-based line where the node starts (for a collection, its first entry or bracket).
    pub line: u32,
    /// 1-based column where the node starts.
    pub col: u32,
    /// The local tag as written without its `!` (`Ref` for `!Ref`), when the node has one.
    pub tag: Option<String>,
    /// The value.
    pub kind: Kind,
}

/// The value of a node.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// `null`, `~` or an empty value.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A floating-point number.
    Float(f64),
    /// A string (quoted, or plain and not another type).
    Str(String),
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping, in source order; each key with the line it is written on.
    Map(Vec<Entry>),
    /// A value unknown until deploy (never produced by the parser: the IaC adapters use it
    /// for unresolvable expressions). The text says why, for messages.
    Unknown(String),
}

/// One key of a mapping.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The key.
    pub key: String,
    /// 1-based line of the key (where a finding about this property points).
    pub line: u32,
    /// The value.
    pub value: Node,
}

impl Node {
    /// A node with no tag.
    pub fn new(line: u32, col: u32, kind: Kind) -> Self {
        Self {
            line,
            col,
            tag: None,
            kind,
        }
    }

    /// The value of `key` in a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|e| &e.value)
    }

    /// The entry of `key` in a mapping (value and key line).
    pub fn entry(&self, key: &str) -> Option<&Entry> {
        match &self.kind {
            Kind::Map(entries) => entries.iter().find(|e| e.key == key),
            _ => None,
        }
    }

    /// The entries of a mapping (empty for other nodes).
    pub fn entries(&self) -> &[Entry] {
        match &self.kind {
            Kind::Map(entries) => entries,
            _ => &[],
        }
    }

    /// The items of a sequence (empty for other nodes).
    pub fn items(&self) -> &[Node] {
        match &self.kind {
            Kind::Seq(items) => items,
            _ => &[],
        }
    }

    /// The string value of a scalar (numbers and booleans as text, as CloudFormation reads
    /// them where a string is expected).
    pub fn as_str(&self) -> Option<String> {
        match &self.kind {
            Kind::Str(s) => Some(s.clone()),
            Kind::Int(i) => Some(i.to_string()),
            Kind::Float(f) => Some(f.to_string()),
            Kind::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }

    /// A boolean, accepting the strings `"true"`/`"false"` CloudFormation also accepts.
    pub fn as_bool(&self) -> Option<bool> {
        match &self.kind {
            Kind::Bool(b) => Some(*b),
            Kind::Str(s) if s.eq_ignore_ascii_case("true") => Some(true),
            Kind::Str(s) if s.eq_ignore_ascii_case("false") => Some(false),
            _ => None,
        }
    }

    /// An integer, accepting numeric strings.
    pub fn as_i64(&self) -> Option<i64> {
        match &self.kind {
            Kind::Int(i) => Some(*i),
            Kind::Float(f) if f.fract() == 0.0 => Some(*f as i64),
            Kind::Str(s) => s.trim().parse().ok(),
            _ => None,
        }
    }

    /// Whether the node (or anything inside it) is unknown.
    pub fn has_unknown(&self) -> bool {
        match &self.kind {
            Kind::Unknown(_) => true,
            Kind::Seq(items) => items.iter().any(Node::has_unknown),
            Kind::Map(entries) => entries.iter().any(|e| e.value.has_unknown()),
            _ => false,
        }
    }

    /// Number of nodes in the subtree (a mapping entry counts as one, for its key), and how
    /// many collections deep it nests (0 for a scalar).
    fn extent(&self) -> (usize, usize) {
        let children = |nodes: &mut dyn Iterator<Item = &Node>, per_child: usize| {
            nodes.fold((0, 0), |(size, depth), n| {
                let (s, d) = n.extent();
                (size + s + per_child, depth.max(d))
            })
        };
        let (size, depth) = match &self.kind {
            Kind::Seq(items) => children(&mut items.iter(), 0),
            Kind::Map(entries) => children(&mut entries.iter().map(|e| &e.value), 1),
            _ => return (1, 0),
        };
        (1 + size, 1 + depth)
    }

    /// The node as JSON (unknown values become `null`; callers check [`Node::has_unknown`]
    /// first where it matters).
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value;
        match &self.kind {
            Kind::Null | Kind::Unknown(_) => Value::Null,
            Kind::Bool(b) => Value::Bool(*b),
            Kind::Int(i) => Value::from(*i),
            Kind::Float(f) => serde_json::Number::from_f64(*f).map_or(Value::Null, Value::Number),
            Kind::Str(s) => Value::String(s.clone()),
            Kind::Seq(items) => Value::Array(items.iter().map(Node::to_json).collect()),
            Kind::Map(entries) => Value::Object(
                entries
                    .iter()
                    .map(|e| (e.key.clone(), e.value.to_json()))
                    .collect(),
            ),
        }
    }

    /// Builds a tree from JSON, every node at `line` (plan files have no useful positions
    /// below the resource).
    pub fn from_json(value: &serde_json::Value, line: u32) -> Node {
        use serde_json::Value;
        let kind = match value {
            Value::Null => Kind::Null,
            Value::Bool(b) => Kind::Bool(*b),
            Value::Number(n) => match n.as_i64() {
                Some(i) => Kind::Int(i),
                None => Kind::Float(n.as_f64().unwrap_or(0.0)),
            },
            Value::String(s) => Kind::Str(s.clone()),
            Value::Array(items) => {
                Kind::Seq(items.iter().map(|v| Node::from_json(v, line)).collect())
            }
            Value::Object(map) => Kind::Map(
                map.iter()
                    .map(|(k, v)| Entry {
                        key: k.clone(),
                        line,
                        value: Node::from_json(v, line),
                    })
                    .collect(),
            ),
        };
        Node::new(line, 1, kind)
    }
}

fn position(span: &Span) -> (u32, u32) {
    (span.start.line() as u32, span.start.col() as u32 + 1)
}

fn scan_error(err: &ScanError) -> YamlError {
    let mark = err.marker();
    YamlError {
        line: mark.line() as u32,
        col: mark.col() as u32 + 1,
        message: err.info(),
    }
}

/// Resolves a plain scalar by the YAML 1.2 core schema.
fn plain_scalar(text: &str) -> Kind {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Kind::Null,
        "true" | "True" | "TRUE" => return Kind::Bool(true),
        "false" | "False" | "FALSE" => return Kind::Bool(false),
        _ => {}
    }
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        // Leading zeros (`0123`, account ids, octal-looking codes) stay strings: CloudFormation
        // keeps them as written, and a number would lose them.
        if !(digits.len() > 1 && digits.starts_with('0'))
            && let Ok(i) = text.parse::<i64>()
        {
            return Kind::Int(i);
        }
        return Kind::Str(text.to_string());
    }
    let float_like = digits.bytes().any(|b| b.is_ascii_digit())
        && digits
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'-' | b'+'));
    if float_like && let Ok(f) = text.parse::<f64>() {
        return Kind::Float(f);
    }
    Kind::Str(text.to_string())
}

/// A collection under construction.
enum Open {
    Seq {
        node: Node,
        anchor: usize,
    },
    Map {
        node: Node,
        anchor: usize,
        /// The key read, waiting for its value.
        key: Option<(String, u32)>,
    },
}

/// Parses the first document of `text` into a tree. An empty document gives `None`.
pub fn parse(text: &str) -> Result<Option<Node>, YamlError> {
    let mut builder = Builder::default();
    for next in Parser::new_from_str(text) {
        let (event, span) = next.map_err(|e| scan_error(&e))?;
        if builder.event(event, &span)? {
            break;
        }
    }
    Ok(builder.root)
}

#[derive(Default)]
struct Builder {
    stack: Vec<Open>,
    anchors: HashMap<usize, Node>,
    nodes: usize,
    root: Option<Node>,
    in_document: bool,
}

impl Builder {
    /// Feeds one event; `true` once the first document is complete.
    fn event(&mut self, event: Event<'_>, span: &Span) -> Result<bool, YamlError> {
        let (line, col) = position(span);
        let tag_of = |tag: Option<&serde_saphyr::granit_parser::Tag>| {
            tag.filter(|t| t.handle() == "!")
                .map(|t| t.suffix().to_string())
        };
        match event {
            Event::DocumentStart(..) => self.in_document = true,
            Event::DocumentEnd => return Ok(self.in_document),
            Event::StreamEnd => return Ok(true),
            Event::Scalar(value, style, anchor, tag) => {
                let is_str_tag = tag
                    .as_deref()
                    .is_some_and(|t| t.is_yaml_core_schema_tag("str"));
                let kind = if style == ScalarStyle::Plain && !is_str_tag {
                    plain_scalar(&value)
                } else {
                    Kind::Str(value.into_owned())
                };
                let mut node = Node::new(line, col, kind);
                node.tag = tag_of(tag.as_deref());
                self.finish(node, anchor, line, col)?;
            }
            Event::SequenceStart(_, anchor, tag) => {
                self.open_check(line, col)?;
                let mut node = Node::new(line, col, Kind::Seq(Vec::new()));
                node.tag = tag_of(tag.as_deref());
                self.stack.push(Open::Seq { node, anchor });
            }
            Event::MappingStart(_, anchor, tag) => {
                self.open_check(line, col)?;
                let mut node = Node::new(line, col, Kind::Map(Vec::new()));
                node.tag = tag_of(tag.as_deref());
                self.stack.push(Open::Map {
                    node,
                    anchor,
                    key: None,
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let node = match self.stack.pop() {
                    Some(Open::Seq { node, anchor }) | Some(Open::Map { node, anchor, .. }) => {
                        (node, anchor)
                    }
                    None => {
                        return Err(YamlError {
                            line,
                            col,
                            message: "unbalanced collection end".into(),
                        });
                    }
                };
                self.nodes -= 1; // counted when opened
                self.finish(node.0, node.1, line, col)?;
            }
            Event::Alias(id) => {
                let Some(target) = self.anchors.get(&id) else {
                    return Err(YamlError {
                        line,
                        col,
                        message: "alias to an unknown anchor".into(),
                    });
                };
                let (size, depth) = target.extent();
                // The copy nests as deep inside the current collection as the original: the
                // depth bound must hold for it too, or chained aliases build a tree deep
                // enough to overflow the stack of everything that walks it.
                if self.stack.len() + depth > MAX_DEPTH {
                    return Err(YamlError {
                        line,
                        col,
                        message: format!("alias expands to nesting deeper than {MAX_DEPTH} levels"),
                    });
                }
                if self.nodes + size > MAX_NODES {
                    return Err(YamlError {
                        line,
                        col,
                        message: format!(
                            "aliases expand the document beyond {MAX_NODES} nodes (refusing a possible alias bomb)"
                        ),
                    });
                }
                let mut copy = target.clone();
                copy.line = line;
                copy.col = col;
                // `finish` counts the node itself; the rest of the copy is counted here.
                self.nodes += size - 1;
                self.finish(copy, 0, line, col)?;
            }
            _ => {}
        }
        Ok(false)
    }

    fn open_check(&mut self, line: u32, col: u32) -> Result<(), YamlError> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(YamlError {
                line,
                col,
                message: format!("nesting deeper than {MAX_DEPTH} levels"),
            });
        }
        self.count(line, col)
    }

    fn count(&mut self, line: u32, col: u32) -> Result<(), YamlError> {
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            return Err(YamlError {
                line,
                col,
                message: format!("document has more than {MAX_NODES} nodes"),
            });
        }
        Ok(())
    }

    /// Places a completed node into its parent (or as the root).
    fn finish(&mut self, node: Node, anchor: usize, line: u32, col: u32) -> Result<(), YamlError> {
        self.count(line, col)?;
        if anchor != 0 {
            // The anchor's copy is memory like any other node: it counts against the budget,
            // or nested anchors on a large collection (each a full copy) exhaust memory.
            let (size, _) = node.extent();
            if self.nodes + size > MAX_NODES {
                return Err(YamlError {
                    line,
                    col,
                    message: format!(
                        "anchors copy the document beyond {MAX_NODES} nodes (refusing a possible anchor bomb)"
                    ),
                });
            }
            self.nodes += size;
            self.anchors.insert(anchor, node.clone());
        }
        match self.stack.last_mut() {
            None => {
                if self.root.is_none() {
                    self.root = Some(node);
                }
            }
            Some(Open::Seq { node: parent, .. }) => {
                if let Kind::Seq(items) = &mut parent.kind {
                    items.push(node);
                }
            }
            Some(Open::Map {
                node: parent, key, ..
            }) => match key.take() {
                None => {
                    let text = match &node.kind {
                        Kind::Str(s) => s.clone(),
                        Kind::Int(_) | Kind::Float(_) | Kind::Bool(_) | Kind::Null => {
                            node.as_str().unwrap_or_else(|| "null".into())
                        }
                        _ => {
                            return Err(YamlError {
                                line: node.line,
                                col: node.col,
                                message: "mapping keys must be scalars".into(),
                            });
                        }
                    };
                    if parent.entry(&text).is_some() {
                        return Err(YamlError {
                            line: node.line,
                            col: node.col,
                            message: format!("duplicate key {text:?}"),
                        });
                    }
                    *key = Some((text, node.line));
                }
                Some((k, key_line)) => {
                    if let Kind::Map(entries) = &mut parent.kind {
                        entries.push(Entry {
                            key: k,
                            line: key_line,
                            value: node,
                        });
                    }
                }
            },
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(text: &str) -> Node {
        parse(text).expect("parses").expect("has a document")
    }

    #[test]
    fn lines_of_keys_and_values() {
        let t = tree("a: 1\nb:\n  c: x\n  d: [1, 2]\ne:\n  - k: v\n");
        assert_eq!(t.entry("a").map(|e| e.line), Some(1));
        let b = t.entry("b").expect("b");
        assert_eq!(b.line, 2);
        assert_eq!(b.value.entry("c").map(|e| e.line), Some(3));
        assert_eq!(b.value.get("d").map(|d| d.items().len()), Some(2));
        let e = t.get("e").expect("e");
        assert_eq!(e.items()[0].entry("k").map(|e| e.line), Some(6));
    }

    #[test]
    fn scalar_types() {
        let t = tree("a: 1\nb: '1'\nc: true\nd: ~\ne: 1.5\nf: 012\ng: !!str 5\nh: yes\n");
        assert_eq!(t.get("a").map(|n| &n.kind), Some(&Kind::Int(1)));
        assert_eq!(t.get("b").map(|n| &n.kind), Some(&Kind::Str("1".into())));
        assert_eq!(t.get("c").map(|n| &n.kind), Some(&Kind::Bool(true)));
        assert_eq!(t.get("d").map(|n| &n.kind), Some(&Kind::Null));
        assert_eq!(t.get("e").map(|n| &n.kind), Some(&Kind::Float(1.5)));
        assert_eq!(t.get("f").map(|n| &n.kind), Some(&Kind::Str("012".into())));
        assert_eq!(t.get("g").map(|n| &n.kind), Some(&Kind::Str("5".into())));
        assert_eq!(t.get("h").map(|n| &n.kind), Some(&Kind::Str("yes".into())));
    }

    #[test]
    fn local_tags_are_kept() {
        let t = tree(
            "a: !Ref Bucket\nb: !Sub '${X}-y'\nc: !GetAtt [R, Arn]\nd: !If\n  - C\n  - 1\n  - 2\ne: !Base64 {x: 1}\n",
        );
        let a = t.get("a").expect("a");
        assert_eq!(a.tag.as_deref(), Some("Ref"));
        assert_eq!(a.kind, Kind::Str("Bucket".into()));
        assert_eq!(
            t.get("b").and_then(|n| n.tag.clone()).as_deref(),
            Some("Sub")
        );
        let c = t.get("c").expect("c");
        assert_eq!(c.tag.as_deref(), Some("GetAtt"));
        assert_eq!(c.items().len(), 2);
        let d = t.get("d").expect("d");
        assert_eq!(d.tag.as_deref(), Some("If"));
        assert_eq!(d.items().len(), 3);
        assert_eq!(
            t.get("e").and_then(|n| n.tag.clone()).as_deref(),
            Some("Base64")
        );
    }

    #[test]
    fn anchors_and_aliases_expand() {
        let t = tree("base: &b {x: 1, y: [2, 3]}\ncopy: *b\n");
        let copy = t.get("copy").expect("copy");
        assert_eq!(copy.get("x").map(|n| &n.kind), Some(&Kind::Int(1)));
        assert_eq!(copy.line, 2);
    }

    #[test]
    fn alias_bomb_is_refused() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let prev = i - 1;
            text.push_str(&format!(
                "a{i}: &a{i} [*a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}]\n"
            ));
        }
        let err = parse(&text).expect_err("bomb refused");
        // Refused either at an alias or at the anchor copy that would pass the budget first.
        assert!(err.message.contains("bomb"), "{err}");
    }

    #[test]
    fn aliases_cannot_nest_beyond_the_depth_limit() {
        // Each anchor nests the previous alias 100 levels deeper: without a depth check on
        // aliases, 300 lines build a tree 30,000 levels deep (a stack overflow when walked).
        let mut text = String::from("t:\n");
        for i in 0..300 {
            let inner = if i == 0 {
                "x".to_string()
            } else {
                format!("*a{}", i - 1)
            };
            text.push_str(&format!(
                "  - &a{i} {}{inner}{}\n",
                "[".repeat(100),
                "]".repeat(100)
            ));
        }
        let err = parse(&text).expect_err("too deep");
        assert_eq!(err.line, 3, "{err}");
        assert!(
            err.message
                .contains("alias expands to nesting deeper than 128 levels"),
            "{err}"
        );
        // An alias that stays within the limit is fine.
        let ok = format!(
            "a: &a {}x{}\nb: *a\n",
            "[".repeat(MAX_DEPTH - 2),
            "]".repeat(MAX_DEPTH - 2)
        );
        let tree = parse(&ok).expect("parses").expect("a document");
        assert_eq!(
            tree.get("a").map(|n| &n.kind),
            tree.get("b").map(|n| &n.kind)
        );
    }

    #[test]
    fn nested_anchors_on_a_large_collection_are_refused() {
        // 128 nested anchors around a list of 100,000 items: each anchor copies the list, so
        // unbounded this is ~13 million nodes (gigabytes) from a 300 kB file.
        let text = format!(
            "{}[{}]{}",
            (0..120).map(|i| format!("&a{i} [")).collect::<String>(),
            "x, ".repeat(100_000),
            "]".repeat(120)
        );
        let err = parse(&text).expect_err("refused");
        assert!(err.message.contains("anchor bomb"), "{err}");
    }

    #[test]
    fn depth_is_limited() {
        let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 5), "]".repeat(MAX_DEPTH + 5));
        let err = parse(&deep).expect_err("too deep");
        assert!(err.message.contains("nesting"), "{err}");
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH - 1), "]".repeat(MAX_DEPTH - 1));
        assert!(parse(&ok).is_ok());
    }

    #[test]
    fn json_is_read_with_lines() {
        let t = tree("{\n  \"a\": {\n    \"b\": true\n  },\n  \"c\": \"1\"\n}\n");
        assert_eq!(
            t.get("a").and_then(|a| a.entry("b")).map(|e| e.line),
            Some(3)
        );
        assert_eq!(t.get("c").map(|n| &n.kind), Some(&Kind::Str("1".into())));
    }

    #[test]
    fn errors_name_line_and_column() {
        let err = parse("a: 1\nb: [1, 2\nc: 3\n").expect_err("unclosed");
        assert!(err.line >= 2, "{err}");
        let err = parse("{\n  \"a\": 1,\n  \"b\" 2\n}\n").expect_err("bad json");
        assert_eq!(err.line, 3, "{err}");
        let err = parse("a: 1\na: 2\n").expect_err("duplicate");
        assert_eq!((err.line, err.message.contains("duplicate")), (2, true));
    }
}
