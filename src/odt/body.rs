//! The text of content.xml: each block of the document as OpenDocument paragraphs, outline
//! headings, lists and tables, with the form's controls placed where their fields stand.

use super::auto::AutoStyles;
use super::controls::{self, Control, Kind};
use super::styles::MEASURE_CM;
use super::xml::{Xml, R};
use super::{Block, FieldKind, FormField, Link, Note, ParaKind, Question, Span, Style};

/// A one-line text box's width (a multi-line one takes the whole measure), in cm.
const TEXT_BOX_CM: f32 = 11.0;
/// A radio button's and a one-line box's height, in cm.
const LINE_CM: f32 = 0.65;

/// The body being written, with what it needs declared before it (styles, controls).
pub(super) struct Body {
    pub x: Xml,
    pub styles: AutoStyles,
    pub controls: Vec<Control>,
    /// Inside a list item, where ODF allows no table.
    lists: usize,
    /// Inside a quote or case example: body paragraphs are set apart.
    aside: bool,
    /// The language of the blocks being written, when not the document's.
    lang: Option<String>,
}

fn para_style(kind: ParaKind) -> &'static str {
    match kind {
        ParaKind::Body => "Text_20_body",
        ParaKind::Lead => "Lead",
        ParaKind::Small => "Small",
        ParaKind::LeadIn => "Lead_20_in",
    }
}

impl Body {
    pub fn new() -> Body {
        Body {
            x: Xml::body(),
            styles: AutoStyles::default(),
            controls: Vec::new(),
            lists: 0,
            aside: false,
            lang: None,
        }
    }

    /// Blocks in order; with `together`, each is kept with the next (a question stays on one
    /// page), and the last with what follows when `keep` says so.
    pub fn blocks(&mut self, blocks: &[Block], together: bool, keep: bool) -> R {
        for (i, b) in blocks.iter().enumerate() {
            let last = i + 1 == blocks.len();
            self.block(b, if last { keep } else { together })?;
        }
        Ok(())
    }

    fn block(&mut self, b: &Block, keep: bool) -> R {
        match b {
            Block::Heading {
                level,
                text,
                anchor,
            } => self.heading(*level, text, anchor.as_deref()),
            Block::Para { spans, kind } => {
                let style = match (kind, self.aside) {
                    (ParaKind::Body, true) => "Quotations",
                    _ => para_style(*kind),
                };
                self.para(style, None, spans, keep)
            }
            Block::List { ordered, items } => self.list(*ordered, items, keep),
            Block::Table {
                caption,
                header,
                rows,
                ..
            } => self.table(caption.as_deref(), header, rows),
            Block::Aside { title, blocks, .. } => {
                let outer = std::mem::replace(&mut self.aside, true);
                if let Some(t) = title {
                    self.para("Lead_20_in", None, &[Span::plain(t.clone())], true)?;
                }
                let r = self.blocks(blocks, false, keep);
                self.aside = outer;
                r
            }
            Block::Field(f) => self.field(f, None, keep),
            Block::Question(q) => self.question(q, keep),
            Block::Lang { lang, blocks } => {
                let outer = self.lang.replace(lang.clone());
                let r = self.blocks(blocks, false, keep);
                self.lang = outer;
                r
            }
            Block::FieldTable { columns, rows } => self.field_table(columns, rows),
            Block::Notes { title, notes } => self.notes(title, notes),
            Block::Together(blocks) => self.blocks(blocks, true, keep),
            Block::Chart { title, bars } => {
                self.para("Lead_20_in", None, &[Span::plain(title.clone())], true)?;
                for (i, bar) in bars.iter().enumerate() {
                    let text = format!("{}: {}", bar.label, bar.figure);
                    self.para(
                        "Text_20_body",
                        None,
                        &[Span::plain(text)],
                        keep || i + 1 < bars.len(),
                    )?;
                }
                Ok(())
            }
            Block::Plot(p) => {
                self.para("Lead_20_in", None, &[Span::plain(p.title.clone())], true)?;
                self.para("Text_20_body", None, &[Span::plain(p.alt.clone())], keep)
            }
        }
    }

    /// An outline heading (level 0, a part's title, is at the top level too).
    fn heading(&mut self, level: u8, text: &str, anchor: Option<&str>) -> R {
        let level = level.clamp(1, 10);
        let style = format!("Heading_20_{}", level.min(4));
        let outline = level.to_string();
        self.x.start(
            "text:h",
            &[
                ("text:style-name", &style),
                ("text:outline-level", &outline),
            ],
        )?;
        if let Some(a) = anchor {
            self.x.empty("text:bookmark", &[("text:name", a)])?;
        }
        self.x.para_text(text, true)?;
        self.x.end("text:h")
    }

    /// A paragraph of spans, after a bookmark when `bookmark` names one.
    fn para(
        &mut self,
        style: &'static str,
        bookmark: Option<&str>,
        spans: &[Span],
        keep: bool,
    ) -> R {
        let name = if keep {
            self.styles.kept(style)
        } else {
            style.to_string()
        };
        self.x.start("text:p", &[("text:style-name", &name)])?;
        if let Some(b) = bookmark {
            self.x.empty("text:bookmark", &[("text:name", b)])?;
        }
        self.spans(spans)?;
        self.x.end("text:p")
    }

    fn spans(&mut self, spans: &[Span]) -> R {
        let mut after_space = true;
        for s in spans {
            let href = match &s.link {
                Some(Link::Uri(u)) => Some(u.clone()),
                Some(Link::Anchor(a)) => Some(format!("#{a}")),
                None => None,
            };
            if let Some(h) = &href {
                self.x
                    .start("text:a", &[("xlink:type", "simple"), ("xlink:href", h)])?;
            }
            let style = match (&s.lang, &self.lang) {
                (None, Some(lang)) => self.styles.span(&Span {
                    lang: Some(lang.clone()),
                    ..s.clone()
                }),
                _ => self.styles.span(s),
            };
            if let Some(st) = &style {
                self.x.start("text:span", &[("text:style-name", st)])?;
            }
            after_space = self.x.para_text(&s.text, after_space)?;
            if style.is_some() {
                self.x.end("text:span")?;
            }
            if href.is_some() {
                self.x.end("text:a")?;
            }
        }
        Ok(())
    }

    fn list(&mut self, ordered: bool, items: &[Vec<Block>], keep: bool) -> R {
        let style = if ordered {
            "Numbering_20_123"
        } else {
            "List_20_Bullet"
        };
        self.x.start("text:list", &[("text:style-name", style)])?;
        self.lists += 1;
        for (i, item) in items.iter().enumerate() {
            self.x.start("text:list-item", &[])?;
            if item.is_empty() {
                self.para("Text_20_body", None, &[], keep)?;
            }
            self.blocks(item, false, keep && i + 1 == items.len())?;
            self.x.end("text:list-item")?;
        }
        self.lists -= 1;
        self.x.end("text:list")
    }

    /// A table with its header row repeated on each page; in a list item (where ODF has no
    /// tables) its rows as paragraphs, cells apart by tabs.
    fn table(&mut self, caption: Option<&str>, header: &[Vec<Span>], rows: &[Vec<Vec<Span>>]) -> R {
        if let Some(c) = caption {
            self.para("Lead_20_in", None, &[Span::plain(c)], true)?;
        }
        let columns = rows
            .iter()
            .map(Vec::len)
            .chain([header.len()])
            .max()
            .unwrap_or(0)
            .max(1);
        if self.lists > 0 {
            for row in std::iter::once(header).chain(rows.iter().map(Vec::as_slice)) {
                let mut spans = Vec::new();
                for (i, cell) in row.iter().enumerate() {
                    if i > 0 {
                        spans.push(Span::plain("\t"));
                    }
                    spans.extend(cell.iter().cloned());
                }
                self.para("Text_20_body", None, &spans, false)?;
            }
            return Ok(());
        }
        let name = self
            .styles
            .table(vec![MEASURE_CM / columns as f32; columns]);
        self.x.start(
            "table:table",
            &[("table:name", &name), ("table:style-name", &name)],
        )?;
        for i in 0..columns {
            let col = format!("{name}.C{}", i + 1);
            self.x
                .empty("table:table-column", &[("table:style-name", &col)])?;
        }
        if !header.is_empty() {
            self.x.start("table:table-header-rows", &[])?;
            self.row(header, columns, "Table_20_Heading")?;
            self.x.end("table:table-header-rows")?;
        }
        for r in rows {
            self.row(r, columns, "Table_20_Contents")?;
        }
        self.x.end("table:table")
    }

    fn row(&mut self, cells: &[Vec<Span>], columns: usize, style: &'static str) -> R {
        self.x.start("table:table-row", &[])?;
        for i in 0..columns {
            self.x.start(
                "table:table-cell",
                &[
                    ("table:style-name", "Cell"),
                    ("office:value-type", "string"),
                ],
            )?;
            let empty = Vec::new();
            self.para(style, None, cells.get(i).unwrap_or(&empty), false)?;
            self.x.end("table:table-cell")?;
        }
        self.x.end("table:table-row")
    }

    /// A question kept on one page: its code and text in bold, its hints and the guidance it
    /// tests in small type, the answer's options, then the evidence label and box.
    fn question(&mut self, q: &Question, keep: bool) -> R {
        let small = |spans: Vec<Span>| Block::Para {
            spans,
            kind: ParaKind::Small,
        };
        let mut blocks = vec![Block::Para {
            spans: vec![
                Span::styled(format!("{}. ", q.code), Style::Bold),
                Span::styled(q.text.clone(), Style::Bold),
            ],
            kind: ParaKind::Body,
        }];
        blocks.extend(q.hints.iter().map(|h| small(vec![Span::plain(h.clone())])));
        if !q.guidance.is_empty() {
            blocks.push(small(q.guidance.clone()));
        }
        blocks.push(Block::Field(q.answer.clone()));
        if let Some(e) = &q.evidence {
            blocks.push(small(vec![Span::plain(e.label.clone())]));
            blocks.push(Block::Field(e.field.clone()));
        }
        self.blocks(&blocks, true, keep)
    }

    /// A field's controls: a radio group's options side by side in one paragraph (wrapping as
    /// words do), a text box in a paragraph of its own; `width` is a table cell's.
    fn field(&mut self, f: &FormField, width: Option<f32>, keep: bool) -> R {
        let style = if width.is_some() {
            "Table_20_Contents"
        } else {
            "Form_20_control"
        };
        let name = if keep {
            self.styles.kept(style)
        } else {
            style.to_string()
        };
        self.x.start("text:p", &[("text:style-name", &name)])?;
        match &f.kind {
            FieldKind::Radio(options) => {
                // Room for the button and the longest label (LibreOffice sets the label in
                // the control), the same for each option so that they line up.
                let longest = options
                    .iter()
                    .map(|o| o.1.chars().count())
                    .max()
                    .unwrap_or(0);
                let w = (0.9 + 0.2 * longest as f32).clamp(2.0, MEASURE_CM);
                for (i, (value, label)) in options.iter().enumerate() {
                    if i > 0 {
                        self.x.para_text(" ", false)?;
                    }
                    let kind = Kind::Radio {
                        label: label.clone(),
                        value: value.clone(),
                    };
                    self.control(f, kind, w, LINE_CM)?;
                }
            }
            FieldKind::Text { lines } if *lines > 1 => {
                let h = 0.3 + 0.5 * (*lines).min(40) as f32;
                self.control(f, Kind::TextArea, width.unwrap_or(MEASURE_CM), h)?;
            }
            FieldKind::Text { .. } => {
                self.control(f, Kind::Text, width.unwrap_or(TEXT_BOX_CM), LINE_CM)?;
            }
        }
        self.x.end("text:p")
    }

    /// Places the next control here and declares it for the form.
    fn control(&mut self, f: &FormField, kind: Kind, width: f32, height: f32) -> R {
        controls::place(&mut self.x, self.controls.len(), width, height)?;
        self.controls.push(Control {
            name: f.name.clone(),
            title: f.tooltip.clone(),
            kind,
        });
        Ok(())
    }

    /// The action plan: a header row of labels, then a row of text boxes per action.
    fn field_table(&mut self, columns: &[(String, f32)], rows: &[Vec<FormField>]) -> R {
        let total: f32 = columns
            .iter()
            .map(|c| c.1.max(0.0))
            .sum::<f32>()
            .max(f32::EPSILON);
        let widths: Vec<f32> = columns
            .iter()
            .map(|c| c.1.max(0.0) / total * MEASURE_CM)
            .collect();
        if self.lists > 0 {
            return rows
                .iter()
                .flatten()
                .try_for_each(|f| self.field(f, None, false));
        }
        let name = self.styles.table(widths.clone());
        self.x.start(
            "table:table",
            &[("table:name", &name), ("table:style-name", &name)],
        )?;
        for i in 0..columns.len() {
            let col = format!("{name}.C{}", i + 1);
            self.x
                .empty("table:table-column", &[("table:style-name", &col)])?;
        }
        self.x.start("table:table-header-rows", &[])?;
        let labels: Vec<Vec<Span>> = columns
            .iter()
            .map(|c| vec![Span::plain(c.0.clone())])
            .collect();
        self.row(&labels, columns.len(), "Table_20_Heading")?;
        self.x.end("table:table-header-rows")?;
        for r in rows {
            self.x.start("table:table-row", &[])?;
            for (i, w) in widths.iter().enumerate() {
                self.x.start(
                    "table:table-cell",
                    &[
                        ("table:style-name", "FieldCell"),
                        ("office:value-type", "string"),
                    ],
                )?;
                match r.get(i) {
                    // The cell's padding (0.1 cm each side) and a little room.
                    Some(f) => self.field(f, Some((w - 0.3).max(0.5)), false)?,
                    None => self.para("Table_20_Contents", None, &[], false)?,
                }
                self.x.end("table:table-cell")?;
            }
            self.x.end("table:table-row")?;
        }
        self.x.end("table:table")
    }

    /// Footnotes: a lead-in, then each note numbered, its anchor a bookmark.
    fn notes(&mut self, title: &str, notes: &[Note]) -> R {
        self.para("Lead_20_in", None, &[Span::plain(title)], true)?;
        for n in notes {
            let mut spans = vec![Span::plain(format!("{}. ", n.number))];
            let rest = match n.blocks.split_first() {
                Some((Block::Para { spans: first, .. }, rest)) => {
                    spans.extend(first.iter().cloned());
                    rest
                }
                _ => &n.blocks[..],
            };
            self.para("Small", Some(&n.anchor), &spans, false)?;
            self.blocks(rest, false, false)?;
        }
        Ok(())
    }
}
