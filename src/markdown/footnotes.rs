//! Footnotes (`[^label]` in the text, `[^label]: …` below it, pulldown-cmark's GFM footnote
//! syntax): numbered in the order they are first referred to, set as numbered notes after the
//! text they belong to (GOV.UK's pattern: a superscript link with an accessible name, a link
//! back from the note), and checked: a reference without a definition is an error, a
//! definition nothing refers to a warning.
//!
//! The reference markup is added after the sanitiser has run (the sanitiser strips the
//! `aria-hidden` and ids it needs): the renderer leaves a placeholder made of private-use
//! characters, which content cannot contain (they are removed from the text first).

use crate::locale::Locale;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use std::ops::Range;

/// Opens and closes a placeholder for a footnote reference: `OPEN n.k CLOSE` is the `k`th
/// reference (from 0) to note `n`.
const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';

/// Text with the placeholder characters removed, so that only the renderer makes them.
pub fn without_placeholders(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains([OPEN, CLOSE]) {
        text.replace([OPEN, CLOSE], "").into()
    } else {
        text.into()
    }
}

/// The footnotes of one rendered text: labels in order of first reference (note `n` is
/// `labels[n - 1]`), how often each is referred to, and each definition's events.
#[derive(Default)]
pub struct Notes<'a> {
    labels: Vec<String>,
    uses: Vec<usize>,
    defs: Vec<(String, Vec<Event<'a>>)>,
}

/// Footnote labels match without regard to case, as link labels do.
fn key(label: &str) -> String {
    label.to_lowercase()
}

impl<'a> Notes<'a> {
    /// A reference to `label`: the placeholder text that stands for it until
    /// [`Notes::finish`].
    pub fn reference(&mut self, label: &str) -> String {
        let k = key(label);
        let n = match self.labels.iter().position(|l| *l == k) {
            Some(i) => i,
            None => {
                self.labels.push(k);
                self.uses.push(0);
                self.labels.len() - 1
            }
        };
        let use_ix = self.uses[n];
        self.uses[n] += 1;
        format!("{OPEN}{}.{use_ix}{CLOSE}", n + 1)
    }

    /// Starts a definition; the events until its end go to [`Notes::sink`].
    pub fn define(&mut self, label: &str) {
        self.defs.push((key(label), Vec::new()));
    }

    /// Where the events of the definition being read go.
    pub fn sink(&mut self) -> Option<&mut Vec<Event<'a>>> {
        self.defs.last_mut().map(|d| &mut d.1)
    }

    /// The sanitised `html` with every reference placeholder replaced by its link, and the
    /// notes (every definition referred to, in number order) after it. `clean` renders and
    /// sanitises a definition's events; `prefix` keeps ids unique on the page; `level` is the
    /// notes heading's.
    pub fn finish(
        self,
        html: String,
        prefix: &str,
        level: u8,
        loc: &Locale,
        clean: impl Fn(Vec<Event<'a>>) -> String,
    ) -> String {
        if self.labels.is_empty() {
            return html;
        }
        let mut out = html;
        let mut defs = self.defs;
        out.push_str(&format!(
            "<div class=\"gw-footnotes\">\n<h{level} class=\"gw-heading-s\" id=\"{prefix}-notes\">{}</h{level}>\n<ol class=\"gw-footnotes__list\">\n",
            escape(loc.get("notes"))
        ));
        for (i, label) in self.labels.iter().enumerate() {
            let n = i + 1;
            let body = match defs.iter().position(|(l, _)| l == label) {
                Some(at) => clean(std::mem::take(&mut defs[at].1)),
                None => String::new(),
            };
            let back = format!(
                "<a class=\"gw-footnotes__back\" href=\"#{prefix}-noteref-{n}\"><span aria-hidden=\"true\">↩</span><span class=\"gw-visually-hidden\">{}</span></a>",
                escape(&loc.fmt("back_to_reference", &[("number", &n.to_string())]))
            );
            let body = body.trim_end();
            let body = match body.strip_suffix("</p>") {
                Some(head) => format!("{head} {back}</p>"),
                None => format!("{body}<p>{back}</p>"),
            };
            out.push_str(&format!("<li id=\"{prefix}-note-{n}\">{body}</li>\n"));
        }
        out.push_str("</ol>\n</div>\n");
        // References inside notes too.
        replace_placeholders(&out, prefix, loc.get("note"))
    }
}

/// `html` with each placeholder replaced by the superscript link to its note. The first
/// reference to a note has the id the note links back to; later ones get their own.
fn replace_placeholders(html: &str, prefix: &str, note: &str) -> String {
    let mut out = String::with_capacity(html.len() + 128);
    let mut rest = html;
    while let Some(at) = rest.find(OPEN) {
        out.push_str(&rest[..at]);
        let after = &rest[at + OPEN.len_utf8()..];
        let Some(end) = after.find(CLOSE) else {
            rest = after;
            continue;
        };
        let (n, k) = after[..end].split_once('.').unwrap_or((&after[..end], "0"));
        let id = if k == "0" {
            format!("{prefix}-noteref-{n}")
        } else {
            format!("{prefix}-noteref-{n}-{k}")
        };
        out.push_str(&format!(
            "<sup class=\"gw-footnote-ref\" id=\"{id}\"><a href=\"#{prefix}-note-{n}\"><span class=\"gw-visually-hidden\">{} </span>{n}</a></sup>",
            escape(note)
        ));
        rest = &after[end + CLOSE.len_utf8()..];
    }
    out.push_str(rest);
    out
}

/// Interface text (from a locale file, which a project may override) made safe in HTML.
fn escape(s: &str) -> std::borrow::Cow<'_, str> {
    html_escape::encode_text(s)
}

/// Something wrong with a text's footnotes, at a byte range of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub span: Range<usize>,
    pub message: String,
    /// An error (a reference to nothing) rather than a warning (a note nothing refers to).
    pub error: bool,
}

/// The footnote problems of a Markdown text: references to labels no definition has (which
/// pulldown-cmark leaves as literal text) and definitions nothing refers to.
pub fn problems(text: &str) -> Vec<Problem> {
    if !text.contains("[^") {
        return Vec::new();
    }
    let mut defined: Vec<(String, Range<usize>)> = Vec::new();
    let mut used: Vec<String> = Vec::new();
    // Runs of adjacent text, where a reference left as text is looked for.
    let mut runs: Vec<Range<usize>> = Vec::new();
    for (ev, range) in Parser::new_ext(text, super::options()).into_offset_iter() {
        match ev {
            Event::FootnoteReference(l) => used.push(key(&l)),
            Event::Start(Tag::FootnoteDefinition(l)) => defined.push((key(&l), range)),
            Event::Text(_) => match runs.last_mut() {
                Some(r) if r.end == range.start => r.end = range.end,
                _ => runs.push(range),
            },
            Event::End(TagEnd::FootnoteDefinition) => {}
            _ => {}
        }
    }
    let mut out = Vec::new();
    for run in runs {
        let s = &text[run.clone()];
        let mut from = 0;
        while let Some(i) = s[from..].find("[^") {
            let at = from + i;
            from = at + 2;
            let Some(len) = s[from..].find(']') else {
                break;
            };
            let label = &s[from..from + len];
            let abs = run.start + at;
            let escaped = abs > 0 && text.as_bytes()[abs - 1] == b'\\';
            if label.is_empty() || label.contains(char::is_whitespace) || escaped {
                continue;
            }
            out.push(Problem {
                span: run.start + at..run.start + from + len + 1,
                message: format!("footnote [^{label}] has no definition"),
                error: true,
            });
        }
    }
    for (label, range) in defined {
        if !used.contains(&label) {
            let line_end = text[range.clone()]
                .find('\n')
                .map_or(range.end, |i| range.start + i);
            out.push(Problem {
                span: range.start..line_end,
                message: format!("footnote [^{label}] is defined but nothing refers to it"),
                error: false,
            });
        }
    }
    out.sort_by_key(|p| p.span.start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::locale::Locale;
    use crate::markdown::{render, Place};
    use crate::model::Model;

    fn model() -> Model {
        Model::default()
    }

    #[test]
    fn undefined_references_and_unused_definitions_are_found_where_written() {
        let t =
            "One[^a] and two[^missing], not \\[^esc].\n\n[^a]: Note a.\n[^spare]: Never used.\n";
        let p = problems(t);
        assert_eq!(p.len(), 2, "{p:?}");
        assert_eq!(&t[p[0].span.clone()], "[^missing]");
        assert!(p[0].error);
        assert!(t[p[1].span.clone()].starts_with("[^spare]:"), "{p:?}");
        assert!(!p[1].error);
        assert!(problems("No notes [here](x.html).").is_empty());
    }

    #[test]
    fn placeholders_in_content_are_removed() {
        let t = format!("a{OPEN}1.0{CLOSE}b");
        assert_eq!(without_placeholders(&t), "a1.0b");
    }

    #[test]
    fn footnotes_become_numbered_notes_with_links_both_ways() {
        let m = model();
        let text = "Most cases[^cases] were reviewed[^when]; see also[^cases].\n\n\
                    [^when]: In *2025*.\n[^cases]: Of 48 read.\n";
        // Two notes, numbered in order of first reference; three references.
        let refs = text.matches("[^").count() - text.matches("\n[^").count();
        assert_eq!(refs, 3);
        let place = Place {
            heading_base: 3,
            id_prefix: "sec",
            locale: None,
        };
        let html = render(&m, text, place);
        assert_eq!(
            html.matches("<sup class=\"gw-footnote-ref\"").count(),
            refs,
            "{html}"
        );
        assert!(html.contains(
            "<sup class=\"gw-footnote-ref\" id=\"sec-noteref-1\"><a href=\"#sec-note-1\"><span class=\"gw-visually-hidden\">Note </span>1</a></sup>"
        ), "{html}");
        assert!(
            html.contains("id=\"sec-noteref-1-1\""),
            "second use: {html}"
        );
        assert!(html.contains("<a href=\"#sec-note-2\">"), "{html}");
        assert!(!html.contains("[^"), "{html}");
        let notes = &html[html.find("gw-footnotes").expect(&html)..];
        assert!(notes.contains("<h3 class=\"gw-heading-s\" id=\"sec-notes\">Notes</h3>"));
        let first = notes.find("id=\"sec-note-1\"").unwrap();
        let second = notes.find("id=\"sec-note-2\"").unwrap();
        assert!(first < second);
        assert!(notes[first..second].contains("Of 48 read."), "{notes}");
        assert!(notes[second..].contains("In <em>2025</em>."), "{notes}");
        assert!(
            notes.contains("href=\"#sec-noteref-2\""),
            "back-link: {notes}"
        );
        // The interface words come from the page's locale.
        let cy = Locale::embedded("cy");
        let welsh = render(
            &m,
            text,
            Place {
                locale: Some(&cy),
                ..place
            },
        );
        assert!(welsh.contains(">Nodiadau</h3>"), "{welsh}");
        assert!(welsh.contains(">Nodyn </span>1</a>"), "{welsh}");
        assert!(!welsh.contains(">Notes<"), "{welsh}");
        // Without a place prefix, ids still differ between texts.
        let a = render(&m, "A[^1]\n\n[^1]: x", Place::default());
        let b = render(&m, "B[^1]\n\n[^1]: x", Place::default());
        let id = |h: &str| {
            h.split("id=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap()
                .to_string()
        };
        assert_ne!(id(&a), id(&b));
    }

    #[test]
    fn odd_footnotes_and_captions_render_without_panicking() {
        let m = model();
        let english = Locale::english();
        let odd = [
            "A[^a]\n\n[^a]: Refers to itself[^a].",
            "> [^q]: Defined in a quote.\n\nUsed[^q].",
            "- item[^l]\n\n  [^l]: Defined in a list.",
            "[^x]: Defined, never used.",
            "Table: a caption with no table",
            "| a |\n|--:|\n| 1 |\n\nTable:",
            "[^a]: one\n[^A]: two\n\nBoth[^a].",
            "\u{E000}1.0\u{E001} forged placeholder",
        ];
        for text in odd {
            let html = render(&m, text, Place::default());
            assert!(!html.contains('\u{E000}'), "{text}: {html}");
            let none = |_: &str| None;
            let r = crate::document::MarkdownReader {
                model: &m,
                base: 3,
                local: &none,
                site_url: "https://e.org/",
                locale: &english,
            };
            let _ = r.read(text);
            let _ = problems(text);
        }
    }
}
