//! The pre-pass every YAML file goes through before serde sees it: one linear walk over the
//! event stream of yaml-rust2's parser (which is not recursive), refusing nesting deeper than
//! [`MAX_DEPTH`] and every anchor and alias, each with its place. The same walk feeds the
//! positions map, so a file is scanned once.
//!
//! Why: the typed deserialisers recurse once per level (5,000 levels of `- - -` overflowed the
//! stack), and aliases let a small file expand without bound (one 30 KB string aliased 10,000
//! times is 300 MB). Content never needs either.

use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::Marker;

/// Deepest nesting of mappings and sequences a content file may have. The content model needs
/// about eight; 64 leaves room for any real guide and keeps recursion far from the stack's end.
pub const MAX_DEPTH: usize = 64;

/// yaml-rust2's own bound on flow nesting (`[[[…`), whose error text is matched below.
const SCANNER_LIMIT_ERROR: &str = "recursion limit exceeded";

/// A place where a YAML file breaks one of the loader's bounds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// 1-based line and 1-based column in characters.
    pub line: usize,
    pub col: usize,
    pub message: String,
    pub help: String,
}

impl Refusal {
    fn at(mark: &Marker, message: String, help: &str) -> Refusal {
        Refusal {
            line: mark.line(),
            col: mark.col() + 1,
            message,
            help: help.to_string(),
        }
    }
}

/// Walks the events of `text`, handing each to `on_event`, and stops at the first nesting
/// deeper than [`MAX_DEPTH`] or the first anchor or alias. A syntax error ends the walk
/// quietly: serde reports it, in its own words, when it parses the file. `Ok(true)` when the
/// whole file was read, `Ok(false)` after a syntax error.
pub fn scan(text: &str, on_event: impl FnMut(Event, Marker)) -> Result<bool, Refusal> {
    walk(text, on_event, true)
}

/// [`scan`]; `rescan` says whether hitting the scanner's own bound may walk a prefix again.
fn walk(
    text: &str,
    mut on_event: impl FnMut(Event, Marker),
    rescan: bool,
) -> Result<bool, Refusal> {
    let mut parser = Parser::new_from_str(text);
    let mut depth = 0usize;
    // Where the previous event started, in characters: an anchor stands between it and the
    // node it names.
    let mut previous = 0usize;
    loop {
        let (event, mark) = match parser.next_token() {
            Ok(e) => e,
            Err(e) if rescan && e.info() == SCANNER_LIMIT_ERROR => {
                return Err(deep_flow(text, e.marker()));
            }
            Err(_) => return Ok(false),
        };
        match &event {
            Event::StreamEnd => return Ok(true),
            Event::Alias(_) => return Err(alias(&mark)),
            Event::Scalar(_, _, anchor, _) if *anchor > 0 => {
                return Err(anchor_refusal(text, previous, &mark));
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                if *anchor > 0 {
                    return Err(anchor_refusal(text, previous, &mark));
                }
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(too_deep(&mark));
                }
            }
            Event::SequenceEnd | Event::MappingEnd => depth = depth.saturating_sub(1),
            _ => {}
        }
        previous = mark.index();
        on_event(event, mark);
    }
}

fn too_deep(mark: &Marker) -> Refusal {
    Refusal::at(
        mark,
        format!("lists and mappings are nested more than {MAX_DEPTH} levels deep here"),
        "content never needs this depth: check the indentation and the brackets",
    )
}

fn alias(mark: &Marker) -> Refusal {
    Refusal::at(
        mark,
        "YAML aliases (`*name`) are not allowed in content".into(),
        "write the value out in full where it is needed",
    )
}

/// The refusal of the anchor of the node at `mark`: at its `&`, the last one between the
/// previous event and the node (a node's mark is where its value starts, after the anchor).
fn anchor_refusal(text: &str, previous: usize, mark: &Marker) -> Refusal {
    let (mut line, mut col) = (mark.line(), mark.col());
    let (mut l, mut c) = (1, 0);
    for (i, ch) in text.chars().enumerate().take(mark.index()) {
        if i >= previous && ch == '&' {
            (line, col) = (l, c);
        }
        if ch == '\n' {
            (l, c) = (l + 1, 0);
        } else {
            c += 1;
        }
    }
    Refusal {
        line,
        col: col + 1,
        ..anchor_message(mark)
    }
}

fn anchor_message(mark: &Marker) -> Refusal {
    Refusal::at(
        mark,
        "YAML anchors (`&name`) are not allowed in content".into(),
        "remove the anchor, and write the value out in full wherever it is repeated",
    )
}

/// yaml-rust2's scanner looks ahead over a whole run of flow brackets and gives up at its own
/// bound, beyond ours, before the parser emits their events. Walking the text up to that point
/// again finds our bound's place: this prefix is bounded by the scanner's limit, so the second
/// walk is short and cannot fail the same way.
fn deep_flow(text: &str, scanner_mark: &Marker) -> Refusal {
    let end = text
        .char_indices()
        .nth(scanner_mark.index())
        .map_or(text.len(), |(i, _)| i);
    match walk(&text[..end], |_, _| {}, false) {
        Err(r) => r,
        Ok(_) => too_deep(scanner_mark),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refusal(text: &str) -> (usize, usize, String) {
        let r = scan(text, |_, _| {}).unwrap_err();
        (r.line, r.col, r.message)
    }

    #[test]
    fn deep_block_nesting_is_refused_at_the_first_level_too_many() {
        // Level n (1-based) starts at column 2n - 1 on line 1: "- - - …".
        let (line, col, msg) = refusal(&"- ".repeat(5000));
        assert_eq!((line, col), (1, 2 * (MAX_DEPTH + 1) - 1));
        assert!(msg.contains("nested more than 64"), "{msg}");
        let ok = format!("{}x\n", "- ".repeat(MAX_DEPTH));
        assert!(scan(&ok, |_, _| {}).is_ok());
    }

    #[test]
    fn deep_flow_nesting_is_refused_at_the_first_level_too_many() {
        let text = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let (line, col, _) = refusal(&text);
        assert_eq!((line, col), (1, MAX_DEPTH + 1));
        // The mapping is level 1; level n > 1 is the (n - 1)-th bracket, at column
        // 4 + 2(n - 2).
        let spaced = format!("a: {}", "[ ".repeat(300));
        assert_eq!(refusal(&spaced).1, 4 + 2 * (MAX_DEPTH - 1));
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(scan(&ok, |_, _| {}).is_ok());
    }

    #[test]
    fn anchors_and_aliases_are_refused_where_they_stand() {
        let (line, col, msg) = refusal("a: 1\nb: &x [1, 2]\nc: *x\n");
        assert_eq!((line, col), (2, 4));
        assert!(msg.contains("anchors"), "{msg}");
        // An alias always follows its anchor, which is refused first; one with no anchor is a
        // syntax error, which serde reports.
        assert!(scan("a: 1\nc: *x\n", |_, _| {}).is_ok());
        assert_eq!(refusal("a: &s text\n").1, 4);
        assert_eq!(refusal("a:\n  - &first\n    x: 1\n").0, 2);
    }

    #[test]
    fn syntax_errors_are_left_to_serde() {
        assert!(scan("a: [1, 2\nb: : :\n", |_, _| {}).is_ok());
    }
}
