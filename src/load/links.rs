//! What a file's text values link to, found once when the file is read and kept with it (in
//! `serve`'s cache too, so that an edit does not parse every file's Markdown again): its inline
//! `ref:` and `term:` references, and the link and image destinations that are not allowed,
//! each at its place in the file. Validation checks the references against the ids of the
//! whole tree and reports the destinations.

use crate::diag::{LineIndex, Pos};
use crate::markdown;
use crate::urls::{self, Place};

/// A `[text](ref:id)` or `[text](term:id)` link, where it is written.
#[derive(Debug, Clone, PartialEq)]
pub struct Ref {
    pub pos: Pos,
    pub id: String,
    /// True for `term:` (a glossary term), false for `ref:`.
    pub term: bool,
}

/// A Markdown link or image destination that is not allowed ([`urls::check`]).
#[derive(Debug, Clone, PartialEq)]
pub struct BadDestination {
    /// The value it is in: an index into the file's `PosMap::scalars`.
    pub scalar: usize,
    pub problem: String,
    /// Where it stands in the file and its length in bytes, when the file writes it as the
    /// value holds it (not inside escapes of a quoted string).
    pub at: Option<(Pos, usize)>,
}

/// A file's links.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Links {
    pub refs: Vec<Ref>,
    pub bad: Vec<BadDestination>,
}

/// The links of the file `text`, whose text values are `scalars` (path, position, value).
pub fn of(text: &str, scalars: &[(String, Pos, String)]) -> Links {
    let lines = LineIndex::new(text);
    Links {
        refs: refs(text, &lines, scalars),
        bad: bad_destinations(text, &lines, scalars),
    }
}

/// Every `ref:` and `term:` link in the values, with its exact place in the source.
fn refs(text: &str, lines: &LineIndex, scalars: &[(String, Pos, String)]) -> Vec<Ref> {
    let mut refs = Vec::new();
    for (_, pos, value) in scalars {
        let mut cursor = pos.offset;
        for (term, id) in markdown::link_targets(value) {
            let needle = format!("{}:{}", if term { "term" } else { "ref" }, id);
            let at = match text.get(cursor..).and_then(|t| t.find(&needle)) {
                Some(i) => {
                    cursor += i + needle.len();
                    lines.at(cursor - needle.len())
                }
                None => *pos,
            };
            refs.push(Ref { pos: at, id, term });
        }
    }
    refs
}

/// The destinations of the values that are not allowed, each found in the file from the
/// value's start on.
fn bad_destinations(
    text: &str,
    lines: &LineIndex,
    scalars: &[(String, Pos, String)],
) -> Vec<BadDestination> {
    let mut out = Vec::new();
    let mut cursor = 0;
    for (scalar, (_, pos, value)) in scalars.iter().enumerate() {
        cursor = cursor.max(pos.offset);
        for dest in markdown::destinations(value) {
            let Err(problem) = urls::check(&dest.url, Place::Markdown) else {
                continue;
            };
            let raw = &value[dest.span.clone()];
            let at = find_in_file(text, cursor, value, &dest).map(|offset| {
                cursor = offset + raw.len();
                (lines.at(offset), raw.len())
            });
            out.push(BadDestination {
                scalar,
                problem,
                at,
            });
        }
    }
    out
}

/// Where a destination of `value` stands in the file `text`, searching from `from`: by its
/// introducing punctuation and address together, else by the address alone. `None` when the
/// file writes it differently (escapes in a quoted YAML string).
fn find_in_file(
    text: &str,
    from: usize,
    value: &str,
    dest: &markdown::Destination,
) -> Option<usize> {
    let rest = text.get(from..)?;
    let context = &value[dest.context.clone()];
    let raw = &value[dest.span.clone()];
    if let Some(i) = rest.find(context) {
        return Some(from + i + (dest.span.start - dest.context.start));
    }
    if raw.is_empty() {
        return None;
    }
    rest.find(raw).map(|i| from + i)
}
