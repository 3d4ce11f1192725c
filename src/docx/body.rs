//! `word/document.xml`: a document's blocks as WordprocessingML paragraphs, tables and
//! content controls. Headings take Word's built-in heading styles (the navigation pane and
//! screen readers see the structure); answers are drop-down list content controls, evidence
//! and other fields plain-text controls, each tagged with its return field name.

use super::xml::{el, empty, text_el, val, X};
use crate::document::{Block, FieldKind, FormField, Link, ParaKind, Question, Span};
use std::io;

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

    /// A question: its code and text as a bold line, hints and guidance in small type, the
    /// answer's drop-down list, then the evidence label and box; kept together on a page.
    fn question(&mut self, q: &Question) -> io::Result<()> {
        let keep = Para {
            style: None,
            keep_next: true,
            list: None,
        };
        let bold = crate::document::Style::Bold;
        self.para(
            keep,
            &[
                Span::styled(format!("{}. ", q.code), bold),
                Span::styled(q.text.clone(), bold),
            ],
        )?;
        let hint = Para {
            style: Some("Hint"),
            ..keep
        };
        for h in &q.hints {
            self.para(hint, &[Span::plain(h.clone())])?;
        }
        if !q.guidance.is_empty() {
            self.para(hint, &q.guidance)?;
        }
        self.field_para(&q.answer, q.evidence.is_some())?;
        if let Some(e) = &q.evidence {
            self.para(hint, &[Span::plain(e.label.clone())])?;
            self.field_para(&e.field, false)?;
        }
        Ok(())
    }

    /// A paragraph holding one content control, boxed (the Field style).
    fn field_para(&mut self, f: &FormField, keep: bool) -> io::Result<()> {
        let p = Para {
            style: Some("Field"),
            keep_next: keep,
            list: None,
        };
        let mut body = std::mem::replace(&mut self.w, X::new(Vec::new()));
        let r = el(&mut body, "w:p", &[], |w| {
            ppr(w, &p)?;
            self.control(w, f)
        });
        self.w = body;
        r
    }

    /// A run-level content control (`w:sdt`) showing its placeholder: a drop-down list of the
    /// options for a choice, plain text (multi-line for a box of several lines) otherwise.
    /// `w:tag` is the return field name, `w:alias` what it answers.
    fn control(&mut self, w: &mut X, f: &FormField) -> io::Result<()> {
        let id = self.next_id.to_string();
        self.next_id += 1;
        let placeholder = match f.kind {
            FieldKind::Radio(_) => self.labels.choose,
            FieldKind::Text { .. } => self.labels.enter,
        };
        el(w, "w:sdt", &[], |w| {
            el(w, "w:sdtPr", &[], |w| {
                val(w, "w:alias", &f.tooltip)?;
                val(w, "w:tag", &f.name)?;
                val(w, "w:id", &id)?;
                val(w, "w:lock", "sdtLocked")?;
                empty(w, "w:showingPlcHdr", &[])?;
                match &f.kind {
                    FieldKind::Radio(options) => el(w, "w:dropDownList", &[], |w| {
                        for (value, label) in options {
                            empty(
                                w,
                                "w:listItem",
                                &[("w:displayText", label), ("w:value", value)],
                            )?;
                        }
                        Ok(())
                    }),
                    FieldKind::Text { lines } if *lines > 1 => {
                        empty(w, "w:text", &[("w:multiLine", "1")])
                    }
                    FieldKind::Text { .. } => empty(w, "w:text", &[]),
                }
            })?;
            el(w, "w:sdtContent", &[], |w| {
                let props = RunProps {
                    style: Some("PlaceholderText"),
                    ..RunProps::default()
                };
                run(w, placeholder, &props)?;
                // A box of several lines shows them (the placeholder goes as one types).
                if let FieldKind::Text { lines } = f.kind {
                    for _ in 1..lines.min(12) {
                        el(w, "w:r", &[], |w| empty(w, "w:br", &[]))?;
                    }
                }
                Ok(())
            })
        })
    }

    fn table(
        &mut self,
        caption: Option<&str>,
        header: &[Vec<Span>],
        rows: &[Vec<Vec<Span>>],
    ) -> io::Result<()> {
        let columns = header
            .len()
            .max(rows.iter().map(Vec::len).max().unwrap_or(0));
        if columns == 0 {
            return Ok(());
        }
        if let Some(c) = caption {
            let p = Para {
                style: Some("Caption"),
                keep_next: true,
                list: None,
            };
            self.para(p, &[Span::plain(c.to_string())])?;
        }
        let widths = vec![MEASURE / columns as u32; columns];
        let mut body = std::mem::replace(&mut self.w, X::new(Vec::new()));
        let r = el(&mut body, "w:tbl", &[], |w| {
            tbl_pr(w, caption)?;
            grid(w, &widths)?;
            if !header.is_empty() {
                el(w, "w:tr", &[], |w| {
                    header_row_pr(w)?;
                    for (k, cell) in header.iter().enumerate() {
                        let spans: Vec<Span> = cell.iter().map(bolden).collect();
                        self.cell(w, widths[k], |b, w| b.spans(w, &spans))?;
                    }
                    Ok(())
                })?;
            }
            for row in rows {
                el(w, "w:tr", &[], |w| {
                    el(w, "w:trPr", &[], |w| empty(w, "w:cantSplit", &[]))?;
                    for (k, width) in widths.iter().enumerate() {
                        let cell = row.get(k).map_or(&[][..], Vec::as_slice);
                        self.cell(w, *width, |b, w| b.spans(w, cell))?;
                    }
                    Ok(())
                })?;
            }
            Ok(())
        });
        self.w = body;
        r
    }

    /// The action plan: a header row of column labels, then a row of plain-text controls per
    /// action.
    fn field_table(
        &mut self,
        columns: &[(String, f32)],
        rows: &[Vec<FormField>],
    ) -> io::Result<()> {
        let total: f32 = columns.iter().map(|c| c.1).sum::<f32>().max(f32::EPSILON);
        let widths: Vec<u32> = columns
            .iter()
            .map(|c| (MEASURE as f32 * c.1 / total) as u32)
            .collect();
        let mut body = std::mem::replace(&mut self.w, X::new(Vec::new()));
        let r = el(&mut body, "w:tbl", &[], |w| {
            tbl_pr(w, None)?;
            grid(w, &widths)?;
            el(w, "w:tr", &[], |w| {
                header_row_pr(w)?;
                for (k, (label, _)) in columns.iter().enumerate() {
                    let spans = [Span::styled(label.clone(), crate::document::Style::Bold)];
                    self.cell(w, widths[k], |b, w| b.spans(w, &spans))?;
                }
                Ok(())
            })?;
            for row in rows {
                el(w, "w:tr", &[], |w| {
                    el(w, "w:trPr", &[], |w| empty(w, "w:cantSplit", &[]))?;
                    for (k, f) in row.iter().enumerate() {
                        let width = widths.get(k).copied().unwrap_or(MEASURE / 5);
                        self.cell(w, width, |b, w| b.control(w, f))?;
                    }
                    Ok(())
                })?;
            }
            Ok(())
        });
        self.w = body;
        r
    }

    /// A table cell of one paragraph, its content written by `content`.
    fn cell(
        &mut self,
        w: &mut X,
        width: u32,
        content: impl FnOnce(&mut Self, &mut X) -> io::Result<()>,
    ) -> io::Result<()> {
        let width = width.to_string();
        el(w, "w:tc", &[], |w| {
            el(w, "w:tcPr", &[], |w| {
                empty(w, "w:tcW", &[("w:w", &width), ("w:type", "dxa")])
            })?;
            el(w, "w:p", &[], |w| {
                el(w, "w:pPr", &[], |w| {
                    empty(w, "w:spacing", &[("w:before", "40"), ("w:after", "40")])
                })?;
                content(self, w)
            })
        })
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

/// Table properties: full width, single borders, a caption for assistive technology.
fn tbl_pr(w: &mut X, caption: Option<&str>) -> io::Result<()> {
    el(w, "w:tblPr", &[], |w| {
        empty(
            w,
            "w:tblW",
            &[("w:w", &MEASURE.to_string()), ("w:type", "dxa")],
        )?;
        el(w, "w:tblBorders", &[], |w| {
            for side in [
                "w:top",
                "w:left",
                "w:bottom",
                "w:right",
                "w:insideH",
                "w:insideV",
            ] {
                empty(
                    w,
                    side,
                    &[
                        ("w:val", "single"),
                        ("w:sz", "4"),
                        ("w:space", "0"),
                        ("w:color", "6F777B"),
                    ],
                )?;
            }
            Ok(())
        })?;
        empty(w, "w:tblLayout", &[("w:type", "fixed")])?;
        el(w, "w:tblCellMar", &[], |w| {
            empty(w, "w:left", &[("w:w", "85"), ("w:type", "dxa")])?;
            empty(w, "w:right", &[("w:w", "85"), ("w:type", "dxa")])
        })?;
        if let Some(c) = caption {
            val(w, "w:tblCaption", c)?;
        }
        Ok(())
    })
}

fn grid(w: &mut X, widths: &[u32]) -> io::Result<()> {
    el(w, "w:tblGrid", &[], |w| {
        for width in widths {
            empty(w, "w:gridCol", &[("w:w", &width.to_string())])?;
        }
        Ok(())
    })
}

/// A header row: repeated on each page, never split.
fn header_row_pr(w: &mut X) -> io::Result<()> {
    el(w, "w:trPr", &[], |w| {
        empty(w, "w:cantSplit", &[])?;
        empty(w, "w:tblHeader", &[])
    })
}
