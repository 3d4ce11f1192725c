//! Where each value of a YAML file stands: a map from value paths (`sections.2.example`) to
//! line and column, built from the event stream of an event-level YAML parser.
//!
//! serde gives positions only for syntax errors and unknown fields; checks made after loading
//! (references, statistics, ids) look their place up here.

use super::guard::{self, Refusal};
use crate::diag::{LineIndex, Pos};
use std::collections::HashMap;
use yaml_rust2::parser::Event;
use yaml_rust2::scanner::Marker;

/// Positions of every value (and every mapping key) in one YAML file.
#[derive(Debug, Default, Clone)]
pub struct PosMap {
    values: HashMap<String, Pos>,
    keys: HashMap<String, Pos>,
    /// Text values that may hold inline references or links, with their paths and positions.
    pub scalars: Vec<(String, Pos, String)>,
    /// Values of fields named `id` or `letter`, with their paths: the ids a file defines,
    /// known even when the file does not fit its entity's type.
    pub ids: Vec<(String, String)>,
    /// Whether the whole file was read (false after a syntax error).
    pub complete: bool,
    /// What the text values link to (filled by the loader once the file parses).
    pub links: super::links::Links,
}

impl PosMap {
    /// Parses `text` and records positions. A file that does not parse gives what was read
    /// before the error (serde reports the syntax error itself).
    pub fn build(text: &str) -> PosMap {
        Self::build_checked(text).0
    }

    /// [`PosMap::build`] in the loader's one pass over the file, which also refuses what
    /// breaks the loader's bounds ([`guard::scan`]): too deep a nesting, anchors and aliases.
    pub fn build_checked(text: &str) -> (PosMap, Result<(), Refusal>) {
        let mut b = Builder {
            lines: LineIndex::new(text),
            map: PosMap::default(),
            stack: Vec::new(),
        };
        let checked = guard::scan(text, |ev, mark| b.on_event(ev, mark));
        b.map.complete = checked == Ok(true);
        (b.map, checked.map(|_| ()))
    }

    /// The position of the value at `path`.
    pub fn value(&self, path: &str) -> Option<Pos> {
        self.values.get(path).copied()
    }

    /// The position of the key whose value is at `path`.
    pub fn key(&self, path: &str) -> Option<Pos> {
        self.keys.get(path).copied()
    }

    /// The value at `path`, else the nearest enclosing value that has a position, else the
    /// start of the file.
    pub fn nearest(&self, path: &str) -> Pos {
        let mut p = path;
        loop {
            if let Some(pos) = self.value(p) {
                return pos;
            }
            match p.rfind('.') {
                Some(i) => p = &p[..i],
                None => return self.value("").unwrap_or_default(),
            }
        }
    }

    /// The key naming the field at `path` if there is one, else the nearest value.
    pub fn field(&self, path: &str) -> Pos {
        self.key(path).unwrap_or_else(|| self.nearest(path))
    }
}

enum Frame {
    Map { path: String, key: Option<String> },
    Seq { path: String, index: usize },
}

struct Builder<'a> {
    lines: LineIndex<'a>,
    map: PosMap,
    stack: Vec<Frame>,
}

fn join(parent: &str, child: &str) -> String {
    if parent.is_empty() {
        child.to_string()
    } else {
        format!("{parent}.{child}")
    }
}

impl Builder<'_> {
    /// Works out the path of the node that starts here; `None` when it is a mapping key.
    fn node_path(&mut self, scalar: Option<&str>, pos: Pos) -> Option<String> {
        match self.stack.last_mut() {
            None => Some(String::new()),
            Some(Frame::Seq { path, index }) => {
                let p = join(path, &index.to_string());
                *index += 1;
                Some(p)
            }
            Some(Frame::Map { path, key }) => match key.take() {
                Some(k) => Some(join(path, &k)),
                None => {
                    let k = scalar.unwrap_or("?").to_string();
                    // The file's top mapping is where its first key is written (the parser
                    // marks it at the first `:`).
                    if path.is_empty() && self.map.keys.is_empty() {
                        self.map.values.insert(String::new(), pos);
                    }
                    self.map.keys.insert(join(path, &k), pos);
                    *key = Some(k);
                    None
                }
            },
        }
    }
}

impl Builder<'_> {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        let pos = self.lines.pos(mark.line(), mark.col() + 1);
        match ev {
            Event::Scalar(value, ..) => {
                if let Some(path) = self.node_path(Some(&value), pos) {
                    // Inline references and links hold a `:` (`ref:`, a scheme) or may hide
                    // one in character references or percent-escapes.
                    let field = path.rsplit('.').next().unwrap_or_default();
                    if field == "id" || field == "letter" {
                        self.map.ids.push((path.clone(), value.clone()));
                    }
                    if value.contains([':', '&', '%']) {
                        self.map.scalars.push((path.clone(), pos, value));
                    }
                    self.map.values.insert(path, pos);
                }
            }
            Event::Alias(_) => {
                if let Some(path) = self.node_path(None, pos) {
                    self.map.values.insert(path, pos);
                }
            }
            Event::MappingStart(..) => {
                let path = self.node_path(None, pos).unwrap_or_default();
                self.map.values.insert(path.clone(), pos);
                self.stack.push(Frame::Map { path, key: None });
            }
            Event::SequenceStart(..) => {
                let path = self.node_path(None, pos).unwrap_or_default();
                self.map.values.insert(path.clone(), pos);
                self.stack.push(Frame::Seq { path, index: 0 });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_have_lines_and_columns() {
        let text = "title: A\nsections:\n  - id: one\n    refs: [x, y]\n  - id: two\n";
        let m = PosMap::build(text);
        assert_eq!(m.value("title").map(|p| (p.line, p.col)), Some((1, 8)));
        assert_eq!(m.key("title").map(|p| (p.line, p.col)), Some((1, 1)));
        assert_eq!(
            m.value("sections.0.id").map(|p| (p.line, p.col)),
            Some((3, 9))
        );
        assert_eq!(
            m.value("sections.0.refs.1").map(|p| (p.line, p.col)),
            Some((4, 15))
        );
        assert_eq!(
            m.value("sections.1.id").map(|p| (p.line, p.col)),
            Some((5, 9))
        );
        assert_eq!(m.nearest("sections.1.missing").line, 5);
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "a: \"ŵŷ\"\nb: x\nc: ŵ y\n";
        let m = PosMap::build(text);
        let c = m.value("c").unwrap();
        assert_eq!((c.line, c.col), (3, 4));
        assert_eq!(&text[c.offset..c.offset + 2], "ŵ");
    }
}
