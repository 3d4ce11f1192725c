//! `word/document.xml`: a document's blocks as WordprocessingML paragraphs, tables and
//! content controls. Headings take Word's built-in heading styles (the navigation pane and
//! screen readers see the structure); answers are drop-down list content controls, evidence
//! and other fields plain-text controls, each tagged with its return field name.

use super::xml::{el, empty, text_el, val, X};
use crate::document::{Block, Link, ParaKind, Span};
use std::io;

mod controls;
mod tables;

/// The width of the text column in twentieths of a point (A4, 2 cm margins).
pub const MEASURE: u32 = 11906 - 2 * 1134;

/// Strings the writer adds: the placeholders of empty controls.
pub struct Labels<'a> {
    /// "Choose an answer".
    pub choose: &'a str,
    /// "Enter text".
    pub enter: &'a str,
}

/// The body being written, with what the package needs to know of it afterwards.
pub struct Body<'a> {
    w: X,
    labels: Labels<'a>,
    /// External link targets, in order of first use: relationship `rIdL{n}` is the n-th (from 1).
    pub links: Vec<String>,
    /// Whether each list written is ordered: numbering instance `n` (from 1) is the n-th.
    pub lists: Vec<bool>,
    /// The next content control's `w:id`.
    next_id: u32,
    /// The next bookmark's `w:id`.
    next_bookmark: u32,
    /// The language of the blocks being written, when it is not the document's.
    lang: Option<String>,
}

/// How a paragraph is set: its style, whether it stays on the page with the next, and its
/// list numbering (instance, level).
#[derive(Clone, Copy, Default)]
struct Para<'s> {
    style: Option<&'s str>,
    keep_next: bool,
    list: Option<(usize, u32)>,
}

impl<'a> Body<'a> {
    pub fn new(w: X, labels: Labels<'a>) -> Body<'a> {
        Body {
            w,
            labels,
            links: Vec::new(),
            lists: Vec::new(),
            next_id: 1,
            next_bookmark: 1,
            lang: None,
        }
    }

    /// The writer, to close the part.
    pub fn into_inner(self) -> (X, Vec<String>, Vec<bool>) {
        (self.w, self.links, self.lists)
    }

    pub fn writer(&mut self) -> &mut X {
        &mut self.w
    }

    /// Every block in order; `keep` keeps all but the last paragraph with the next.
    pub fn blocks(&mut self, blocks: &[Block], keep: bool) -> io::Result<()> {
        for (i, b) in blocks.iter().enumerate() {
            self.block(b, keep && i + 1 < blocks.len())?;
        }
        Ok(())
    }

    fn block(&mut self, b: &Block, keep: bool) -> io::Result<()> {
        match b {
            Block::Heading {
                level,
                text,
                anchor,
            } => self.heading(*level, text, anchor.as_deref()),
            Block::Para { spans, kind } => {
                let (style, bold) = match kind {
                    ParaKind::Body => (None, false),
                    ParaKind::Lead => (Some("Lead"), false),
                    ParaKind::Small => (Some("Hint"), false),
                    ParaKind::LeadIn => (None, true),
                };
                let spans: Vec<Span> = if bold {
                    spans.iter().map(bolden).collect()
                } else {
                    spans.clone()
                };
                let p = Para {
                    style,
                    keep_next: keep || bold,
                    list: None,
                };
                self.para(p, &spans)
            }
            Block::List { ordered, items } => self.list(*ordered, items, 0),
            Block::Table {
                caption,
                header,
                rows,
                ..
            } => self.table(caption.as_deref(), header, rows),
            Block::Aside { title, blocks, .. } => {
                if let Some(t) = title {
                    let p = Para {
                        style: Some("Quote"),
                        keep_next: true,
                        list: None,
                    };
                    self.para(p, &[Span::styled(t.clone(), crate::document::Style::Bold)])?;
                }
                self.aside(blocks)
            }
            Block::Field(f) => self.field_para(f, keep),
            Block::Question(q) => self.question(q),
            Block::FieldTable { columns, rows } => self.field_table(columns, rows),
            Block::Notes { title, notes } => {
                let lead = Para {
                    style: None,
                    keep_next: true,
                    list: None,
                };
                self.para(
                    lead,
                    &[Span::styled(title.clone(), crate::document::Style::Bold)],
                )?;
                for n in notes {
                    let mut first = true;
                    for inner in &n.blocks {
                        match inner {
                            Block::Para { spans, .. } if first => {
                                let mut s = vec![Span::plain(format!("{}. ", n.number))];
                                s.extend(spans.iter().cloned());
                                self.para(
                                    Para {
                                        style: Some("Hint"),
                                        ..lead
                                    },
                                    &s,
                                )?;
                            }
                            other => self.block(other, false)?,
                        }
                        first = false;
                    }
                }
                Ok(())
            }
            Block::Together(blocks) => self.blocks(blocks, true),
            Block::Lang { lang, blocks } => {
                let outer = self.lang.replace(lang.clone());
                let r = self.blocks(blocks, keep);
                self.lang = outer;
                r
            }
            Block::Chart { title, bars } => {
                let header = vec![vec![Span::plain(title.clone())], Vec::new()];
                let rows: Vec<Vec<Vec<Span>>> = bars
                    .iter()
                    .map(|b| {
                        vec![
                            vec![Span::plain(b.label.clone())],
                            vec![Span::plain(b.figure.clone())],
                        ]
                    })
                    .collect();
                self.table(None, &header, &rows)
            }
            Block::Plot(p) => self.para(Para::default(), &[Span::plain(p.alt.clone())]),
        }
    }

    fn heading(&mut self, level: u8, text: &str, anchor: Option<&str>) -> io::Result<()> {
        let style = format!("Heading{}", level.clamp(1, 4));
        let id = self.next_bookmark.to_string();
        self.next_bookmark += 1;
        let props = RunProps {
            lang: self.lang.as_deref(),
            ..RunProps::default()
        };
        el(&mut self.w, "w:p", &[], |w| {
            el(w, "w:pPr", &[], |w| val(w, "w:pStyle", &style))?;
            if let Some(a) = anchor {
                empty(
                    w,
                    "w:bookmarkStart",
                    &[("w:id", &id), ("w:name", &bookmark(a))],
                )?;
                run(w, text, &props)?;
                empty(w, "w:bookmarkEnd", &[("w:id", &id)])
            } else {
                run(w, text, &props)
            }
        })
    }

    fn para(&mut self, p: Para<'_>, spans: &[Span]) -> io::Result<()> {
        let mut body = std::mem::replace(&mut self.w, X::new(Vec::new()));
        let r = el(&mut body, "w:p", &[], |w| {
            ppr(w, &p)?;
            self.spans(w, spans)
        });
        self.w = body;
        r
    }

    /// Runs of text, those with the same link inside one hyperlink.
    fn spans(&mut self, w: &mut X, spans: &[Span]) -> io::Result<()> {
        let outer = self.lang.clone();
        let outer = outer.as_deref();
        let mut i = 0;
        while i < spans.len() {
            let link = spans[i].link.clone();
            let end = (i..spans.len())
                .find(|&k| spans[k].link != link)
                .unwrap_or(spans.len());
            match &link {
                None => {
                    for s in &spans[i..end] {
                        run(w, &s.text, &RunProps::within(s, outer))?;
                    }
                }
                Some(l) => {
                    let attrs = match l {
                        Link::Uri(to) => vec![("r:id".to_string(), self.link_id(to))],
                        Link::Anchor(a) => vec![("w:anchor".to_string(), bookmark(a))],
                    };
                    let attrs: Vec<(&str, &str)> = attrs
                        .iter()
                        .map(|(k, v)| (k.as_str(), v.as_str()))
                        .collect();
                    el(w, "w:hyperlink", &attrs, |w| {
                        for s in &spans[i..end] {
                            let props = RunProps {
                                style: Some("Hyperlink"),
                                ..RunProps::within(s, outer)
                            };
                            run(w, &s.text, &props)?;
                        }
                        Ok(())
                    })?;
                }
            }
            i = end;
        }
        Ok(())
    }

    /// The relationship id of an external link target.
    fn link_id(&mut self, to: &str) -> String {
        let n = match self.links.iter().position(|l| l == to) {
            Some(i) => i + 1,
            None => {
                self.links.push(to.to_string());
                self.links.len()
            }
        };
        format!("rIdL{n}")
    }

    fn list(&mut self, ordered: bool, items: &[Vec<Block>], level: u32) -> io::Result<()> {
        self.lists.push(ordered);
        let instance = self.lists.len();
        for item in items {
            for (j, b) in item.iter().enumerate() {
                match b {
                    Block::Para { spans, .. } if j == 0 => {
                        let p = Para {
                            style: Some("ListParagraph"),
                            keep_next: false,
                            list: Some((instance, level.min(8))),
                        };
                        self.para(p, spans)?;
                    }
                    Block::List { ordered, items } => self.list(*ordered, items, level + 1)?,
                    other => self.block(other, false)?,
                }
            }
        }
        Ok(())
    }

    /// A quote or case example: its paragraphs in the Quote style.
    fn aside(&mut self, blocks: &[Block]) -> io::Result<()> {
        for b in blocks {
            match b {
                Block::Para { spans, .. } => {
                    let p = Para {
                        style: Some("Quote"),
                        ..Para::default()
                    };
                    self.para(p, spans)?;
                }
                other => self.block(other, false)?,
            }
        }
        Ok(())
    }
}

/// A span in bold (table headers, lead-ins).
fn bolden(s: &Span) -> Span {
    Span {
        style: crate::document::Style::from_flags(true, s.style.italic()),
        ..s.clone()
    }
}

/// A bookmark's name from an anchor: letters, digits and underscores, starting with a letter,
/// at most 40 characters (Word's rules).
fn bookmark(anchor: &str) -> String {
    let mut name: String = std::iter::once('a')
        .chain(
            anchor
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }),
        )
        .collect();
    name.truncate(40);
    name
}

/// Paragraph properties, in the schema's order.
fn ppr(w: &mut X, p: &Para<'_>) -> io::Result<()> {
    if p.style.is_none() && !p.keep_next && p.list.is_none() {
        return Ok(());
    }
    el(w, "w:pPr", &[], |w| {
        if let Some(s) = p.style {
            val(w, "w:pStyle", s)?;
        }
        if p.keep_next {
            empty(w, "w:keepNext", &[])?;
        }
        if let Some((instance, level)) = p.list {
            el(w, "w:numPr", &[], |w| {
                val(w, "w:ilvl", &level.to_string())?;
                val(w, "w:numId", &instance.to_string())
            })?;
        }
        Ok(())
    })
}

/// How a run is set.
#[derive(Default)]
struct RunProps<'s> {
    style: Option<&'s str>,
    bold: bool,
    italic: bool,
    lang: Option<&'s str>,
    /// Text and background colours, `rrggbb`.
    mark: Option<(String, String)>,
}

impl<'s> RunProps<'s> {
    /// A span's run inside blocks in language `outer` (a span's own language comes first).
    fn within(s: &'s Span, outer: Option<&'s str>) -> RunProps<'s> {
        RunProps {
            lang: s.lang.as_deref().or(outer),
            ..RunProps::of(s)
        }
    }

    fn of(s: &'s Span) -> RunProps<'s> {
        let hex = |c: (f32, f32, f32)| {
            let b = |x: f32| (x.clamp(0.0, 1.0) * 255.0).round() as u8;
            format!("{:02X}{:02X}{:02X}", b(c.0), b(c.1), b(c.2))
        };
        RunProps {
            style: None,
            bold: s.style.bold(),
            italic: s.style.italic(),
            lang: s.lang.as_deref(),
            mark: s.mark.map(|m| (hex(m.text), hex(m.background))),
        }
    }
}

/// A run of text, its spaces kept.
fn run(w: &mut X, text: &str, p: &RunProps<'_>) -> io::Result<()> {
    el(w, "w:r", &[], |w| {
        if p.style.is_some() || p.bold || p.italic || p.lang.is_some() || p.mark.is_some() {
            el(w, "w:rPr", &[], |w| {
                if let Some(s) = p.style {
                    val(w, "w:rStyle", s)?;
                }
                if p.bold {
                    empty(w, "w:b", &[])?;
                }
                if p.italic {
                    empty(w, "w:i", &[])?;
                }
                if let Some((fg, bg)) = &p.mark {
                    val(w, "w:color", fg)?;
                    empty(
                        w,
                        "w:shd",
                        &[("w:val", "clear"), ("w:color", "auto"), ("w:fill", bg)],
                    )?;
                }
                if let Some(l) = p.lang {
                    val(w, "w:lang", l)?;
                }
                Ok(())
            })?;
        }
        text_el(w, "w:t", &[("xml:space", "preserve")], text)
    })
}
