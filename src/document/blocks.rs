//! The blocks of a document: headings, paragraphs of styled spans, lists, tables, set-apart
//! blocks, bar charts, plots and form fields, built from Markdown or from entities.

pub use super::form::{FieldKind, FormField, Question};
use super::Style;
use crate::model::Model;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

mod extras;
use extras::{note_anchor, note_key, set_caption};
pub use extras::{Align, Note};

/// Where a link goes.
#[derive(Debug, Clone, PartialEq)]
pub enum Link {
    /// An address outside the document.
    Uri(String),
    /// An anchor inside the document (a chapter or section id).
    Anchor(String),
}

/// Colours as RGB fractions.
pub type Rgb = (f32, f32, f32);

/// A label set in colour on a coloured background (a rating's red, amber or green tag): the
/// text is always there, so the colour is never the only signal.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Mark {
    pub text: Rgb,
    pub background: Rgb,
}

/// A run of text in one style.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub text: String,
    pub style: Style,
    pub link: Option<Link>,
    /// The language of the text, when it differs from what surrounds it (BCP 47).
    pub lang: Option<String>,
    pub mark: Option<Mark>,
}

impl Span {
    pub fn plain(text: impl Into<String>) -> Span {
        Span {
            text: text.into(),
            style: Style::Regular,
            link: None,
            lang: None,
            mark: None,
        }
    }
    pub fn styled(text: impl Into<String>, style: Style) -> Span {
        Span {
            text: text.into(),
            style,
            link: None,
            lang: None,
            mark: None,
        }
    }
    /// Bold text in a coloured tag.
    pub fn marked(text: impl Into<String>, mark: Mark) -> Span {
        Span {
            mark: Some(mark),
            ..Span::styled(text, Style::Bold)
        }
    }
}

/// Text sizes for paragraphs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ParaKind {
    Body,
    Lead,
    Small,
    /// A bold line introducing the text after it ("What the practitioner did well"): never
    /// the last line of a page.
    LeadIn,
}

/// One bar of a chart: a label, a share from 0 to 100, and the figures printed beside it.
#[derive(Debug, Clone)]
pub struct Bar {
    pub label: String,
    pub percent: f32,
    pub figure: String,
}

/// A block of the document, in reading order.
#[derive(Debug, Clone)]
pub enum Block {
    /// Level 1 is a chapter title (starts a new page); 2 a section; 3–4 below. Level 0 is
    /// the title of a part of a guide (a page of its own): the chapters after it are a level
    /// deeper in the outline and the structure tree, though set as before.
    Heading {
        level: u8,
        text: String,
        anchor: Option<String>,
    },
    Para {
        spans: Vec<Span>,
        kind: ParaKind,
    },
    List {
        ordered: bool,
        items: Vec<Vec<Block>>,
    },
    /// The header row repeats at the top of each page the table continues on.
    Table {
        caption: Option<String>,
        /// Each column's alignment (missing columns: [`Align::Auto`]).
        align: Vec<Align>,
        header: Vec<Vec<Span>>,
        rows: Vec<Vec<Vec<Span>>>,
    },
    /// Set apart with a rule on the left: quotes and case examples.
    Aside {
        title: Option<String>,
        blocks: Vec<Block>,
        quote: bool,
    },
    /// A fillable field (forms).
    Field(FormField),
    /// A checklist question with its answer field: writers set it as one unit.
    Question(Question),
    /// A table of text boxes: column labels with their shares of the width, then rows of
    /// fields, one per column (a checklist's action plan).
    FieldTable {
        columns: Vec<(String, f32)>,
        rows: Vec<Vec<FormField>>,
    },
    /// The footnotes of a text, after it, under a lead-in (`title`, "Notes").
    Notes {
        title: String,
        notes: Vec<Note>,
    },
    /// Blocks that must stand on one page together (a checklist question).
    Together(Vec<Block>),
    /// Blocks in another language than the document's (an untranslated entity shown in a
    /// translated guide): one `Div` structure element with that `/Lang`.
    Lang {
        lang: String,
        blocks: Vec<Block>,
    },
    Chart {
        title: String,
        bars: Vec<Bar>,
    },
    /// Line plots (funnel plots, trends): one or more panels side by side, drawn as one
    /// `Figure` whose alternative text is `alt`.
    Plot(Plot),
}

/// A figure of line plots: panels in rows of `columns`, then the legend.
#[derive(Debug, Clone)]
pub struct Plot {
    pub title: String,
    /// What the figure shows, in words, with its data (the Figure's `/Alt`).
    pub alt: String,
    pub panels: Vec<Panel>,
    pub columns: usize,
    /// Each line style with its meaning, drawn under the panels.
    pub legend: Vec<(PlotLine, String)>,
}

/// One plot: x from 0 to `x_max`, y from 0 to 100 (per cent), with its lines and marks.
#[derive(Debug, Clone)]
pub struct Panel {
    pub title: Option<String>,
    pub x_max: f32,
    /// Tick positions (in x units) and labels along the bottom.
    pub x_ticks: Vec<(f32, String)>,
    /// The x axis's name, under the ticks.
    pub x_label: Option<String>,
    /// Tick positions (per cent) and labels up the left.
    pub y_ticks: Vec<(f32, String)>,
    pub lines: Vec<PlotLine>,
    pub marks: Vec<PlotMark>,
}

/// A line through points in the panel's units.
#[derive(Debug, Clone)]
pub struct PlotLine {
    pub points: Vec<(f32, f32)>,
    pub colour: Rgb,
    pub width: f32,
    pub dashed: bool,
}

/// A mark's shape: a circle (within limits), a triangle up (above) or down (below).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Circle,
    Up,
    Down,
}

/// A marked point, filled or open, with an optional label beside it.
#[derive(Debug, Clone)]
pub struct PlotMark {
    pub x: f32,
    pub y: f32,
    pub shape: Shape,
    pub filled: bool,
    pub label: Option<String>,
    /// The label stands centred above the mark (a trend's values) instead of beside it.
    pub above: bool,
}

/// Converts Markdown to blocks. Headings are placed at `base` and below; `ref:` links become
/// anchors inside the document when `local` knows them, or addresses on the site otherwise.
pub struct MarkdownReader<'a> {
    pub model: &'a Model,
    pub base: u8,
    /// Maps an entity id to an anchor inside this document, if it is in it.
    pub local: &'a dyn Fn(&str) -> Option<String>,
    /// The site's base URL, for links to entities outside the document.
    pub site_url: &'a str,
    /// Interface strings for what the reader adds (the "Notes" over footnotes).
    pub locale: &'a crate::locale::Locale,
}

struct Frame {
    blocks: Vec<Block>,
    kind: FrameKind,
}

enum FrameKind {
    Root,
    Item,
    Quote,
    /// A footnote definition, by its label.
    Note(String),
}

impl MarkdownReader<'_> {
    fn resolve(&self, dest: &str) -> Option<Link> {
        if let Some(id) = dest.strip_prefix("ref:").map(str::trim) {
            if let Some(a) = (self.local)(id) {
                return Some(Link::Anchor(a));
            }
            return self
                .model
                .get(id)
                .map(|t| Link::Uri(format!("{}{}", self.site_url, t.url)));
        }
        if let Some(id) = dest.strip_prefix("term:").map(str::trim) {
            return self
                .model
                .get(id)
                .map(|t| Link::Uri(format!("{}{}", self.site_url, t.url)));
        }
        let lower = dest.to_ascii_lowercase();
        (lower.starts_with("http://")
            || lower.starts_with("https://")
            || lower.starts_with("mailto:"))
        .then(|| Link::Uri(dest.to_string()))
    }

    /// The text an empty `[](ref:id)` or `[](term:id)` link shows, as on the web, with its
    /// language when it is an untranslated entity's ([`Model::untranslated_lang`]).
    fn label(&self, dest: &str) -> Option<(String, Option<String>)> {
        let lang = |file| self.model.untranslated_lang(file).map(str::to_string);
        if let Some(id) = dest.strip_prefix("ref:").map(str::trim) {
            return self.model.get(id).map(|t| (t.title.clone(), lang(t.file)));
        }
        let id = dest.strip_prefix("term:").map(str::trim)?;
        let glossary = self.model.glossary.as_ref()?;
        let term = glossary.terms.iter().find(|t| t.id == id)?;
        Some((
            term.abbreviation
                .clone()
                .unwrap_or_else(|| term.term.clone()),
            // A term a translated glossary lacks keeps the original's language.
            term.lang.clone().or_else(|| lang(glossary.file)),
        ))
    }

    /// The blocks of a Markdown text.
    pub fn read(&self, text: &str) -> Vec<Block> {
        let mut stack = vec![Frame {
            blocks: Vec::new(),
            kind: FrameKind::Root,
        }];
        let mut spans: Vec<Span> = Vec::new();
        let (mut bold, mut italic) = (0, 0);
        // Each open link: where it goes, the label to use if it has no text, and how many
        // spans there were when it opened.
        #[allow(clippy::type_complexity)]
        let mut links: Vec<(Option<Link>, Option<(String, Option<String>)>, usize)> = Vec::new();
        let mut lists: Vec<(bool, Vec<Vec<Block>>)> = Vec::new();
        let mut table: Option<TableState> = None;
        let mut heading: Option<u8> = None;
        // The languages of the open `<span>`s (None: a span without one).
        let mut langs: Vec<Option<String>> = Vec::new();
        let top = crate::markdown::top_heading_level(text);
        let flush = |spans: &mut Vec<Span>, stack: &mut Vec<Frame>| {
            if !spans.is_empty() {
                let s = std::mem::take(spans);
                emit(
                    stack,
                    Block::Para {
                        spans: s,
                        kind: ParaKind::Body,
                    },
                );
            }
        };
        // Footnotes: labels in order of first reference, and each definition's blocks.
        let mut note_labels: Vec<String> = Vec::new();
        let mut note_defs: Vec<(String, Vec<Block>)> = Vec::new();
        let mut aligns: Vec<Align> = Vec::new();
        // Whether the event before was a table's end (a `Table:` paragraph is its caption).
        let mut after_table = false;
        let mut caption_para = false;
        for ev in Parser::new_ext(text, crate::markdown::options()) {
            let was_after_table = std::mem::replace(&mut after_table, false);
            match ev {
                Event::FootnoteReference(label) => {
                    let k = note_key(&label);
                    let n = match note_labels.iter().position(|l| *l == k) {
                        Some(i) => i + 1,
                        None => {
                            note_labels.push(k);
                            note_labels.len()
                        }
                    };
                    spans.push(Span {
                        link: Some(Link::Anchor(note_anchor(text, n))),
                        lang: langs.iter().rev().find_map(Clone::clone),
                        ..Span::plain(format!("[{n}]"))
                    });
                }
                Event::Start(Tag::FootnoteDefinition(label)) => {
                    flush(&mut spans, &mut stack);
                    stack.push(Frame {
                        blocks: Vec::new(),
                        kind: FrameKind::Note(note_key(&label)),
                    });
                }
                Event::End(TagEnd::FootnoteDefinition) => {
                    flush(&mut spans, &mut stack);
                    if let Some(Frame {
                        blocks,
                        kind: FrameKind::Note(label),
                    }) = stack.pop()
                    {
                        note_defs.push((label, blocks));
                    }
                }
                Event::Start(Tag::Heading { level, .. }) => {
                    flush(&mut spans, &mut stack);
                    heading = Some((level as u8 + self.base).saturating_sub(top).clamp(2, 4));
                }
                Event::End(TagEnd::Heading(_)) => {
                    let text: String = spans.drain(..).map(|s| s.text).collect();
                    if let (Some(level), Some(f)) = (heading.take(), stack.last_mut()) {
                        f.blocks.push(Block::Heading {
                            level,
                            text,
                            anchor: None,
                        });
                    }
                }
                Event::Start(Tag::Paragraph) => caption_para = was_after_table,
                Event::End(TagEnd::Paragraph) => {
                    if std::mem::take(&mut caption_para) && set_caption(&mut stack, &spans) {
                        spans.clear();
                    }
                    flush(&mut spans, &mut stack);
                    langs.clear();
                }
                Event::Start(Tag::Strong) => bold += 1,
                Event::End(TagEnd::Strong) => bold -= 1,
                Event::Start(Tag::Emphasis) => italic += 1,
                Event::End(TagEnd::Emphasis) => italic -= 1,
                Event::Start(Tag::Link { dest_url, .. }) => {
                    links.push((self.resolve(&dest_url), self.label(&dest_url), spans.len()));
                }
                Event::End(TagEnd::Link) => {
                    if let Some((link, Some((label, own)), start)) = links.pop() {
                        if spans.len() == start {
                            spans.push(Span {
                                text: label,
                                style: Style::from_flags(bold > 0, italic > 0),
                                link,
                                lang: own.or_else(|| langs.iter().rev().find_map(Clone::clone)),
                                mark: None,
                            });
                        }
                    }
                }
                Event::Text(t) | Event::Code(t) => {
                    let text = if t.is_empty() {
                        continue;
                    } else {
                        t.to_string()
                    };
                    let link = links.iter().rev().find_map(|l| l.0.clone());
                    spans.push(Span {
                        text,
                        style: Style::from_flags(bold > 0, italic > 0),
                        link,
                        lang: langs.iter().rev().find_map(Clone::clone),
                        mark: None,
                    });
                }
                Event::InlineHtml(h) => {
                    if h.trim().eq_ignore_ascii_case("</span>") {
                        langs.pop();
                    } else if let Some(lang) = crate::markdown::span_lang(&h) {
                        langs.push(lang);
                    }
                }
                Event::SoftBreak | Event::HardBreak => spans.push(Span::plain(" ")),
                Event::Start(Tag::List(first)) => {
                    flush(&mut spans, &mut stack);
                    lists.push((first.is_some(), Vec::new()));
                }
                Event::End(TagEnd::List(_)) => {
                    if let Some((ordered, items)) = lists.pop() {
                        emit(&mut stack, Block::List { ordered, items });
                    }
                }
                Event::Start(Tag::Item) => stack.push(Frame {
                    blocks: Vec::new(),
                    kind: FrameKind::Item,
                }),
                Event::End(TagEnd::Item) => {
                    flush(&mut spans, &mut stack);
                    if let Some(Frame {
                        blocks,
                        kind: FrameKind::Item,
                    }) = stack.pop()
                    {
                        if let Some(l) = lists.last_mut() {
                            l.1.push(blocks);
                        }
                    }
                }
                Event::Start(Tag::BlockQuote(_)) => {
                    flush(&mut spans, &mut stack);
                    stack.push(Frame {
                        blocks: Vec::new(),
                        kind: FrameKind::Quote,
                    });
                }
                Event::End(TagEnd::BlockQuote(_)) => {
                    flush(&mut spans, &mut stack);
                    if let Some(Frame {
                        blocks,
                        kind: FrameKind::Quote,
                    }) = stack.pop()
                    {
                        emit(
                            &mut stack,
                            Block::Aside {
                                title: None,
                                blocks,
                                quote: true,
                            },
                        );
                    }
                }
                Event::Start(Tag::Table(a)) => {
                    aligns = a.into_iter().map(Align::from).collect();
                    table = Some((Vec::new(), Vec::new(), Vec::new(), false))
                }
                Event::Start(Tag::TableHead) => {
                    if let Some(t) = table.as_mut() {
                        t.3 = true;
                    }
                }
                Event::End(TagEnd::TableHead) => {
                    if let Some(t) = table.as_mut() {
                        t.0 = std::mem::take(&mut t.2);
                        t.3 = false;
                    }
                }
                Event::End(TagEnd::TableRow) => {
                    if let Some(t) = table.as_mut() {
                        let row = std::mem::take(&mut t.2);
                        t.1.push(row);
                    }
                }
                Event::End(TagEnd::TableCell) => {
                    if let Some(t) = table.as_mut() {
                        t.2.push(std::mem::take(&mut spans));
                    }
                }
                Event::End(TagEnd::Table) => {
                    if let Some((header, rows, _, _)) = table.take() {
                        emit(
                            &mut stack,
                            Block::Table {
                                caption: None,
                                align: std::mem::take(&mut aligns),
                                header,
                                rows,
                            },
                        );
                    }
                    after_table = true;
                }
                _ => {}
            }
        }
        flush(&mut spans, &mut stack);
        let mut root = Vec::new();
        while let Some(f) = stack.pop() {
            root = if root.is_empty() {
                f.blocks
            } else {
                [f.blocks, root].concat()
            };
        }
        if !note_labels.is_empty() {
            let notes = note_labels
                .iter()
                .enumerate()
                .map(|(i, label)| Note {
                    number: i + 1,
                    anchor: note_anchor(text, i + 1),
                    blocks: note_defs
                        .iter()
                        .position(|(l, _)| l == label)
                        .map(|at| std::mem::take(&mut note_defs[at].1))
                        .unwrap_or_default(),
                })
                .collect();
            root.push(Block::Notes {
                title: self.locale.get("notes").to_string(),
                notes,
            });
        }
        root
    }

    /// The spans of every paragraph of a Markdown text, also those inside lists and quotes,
    /// in reading order: for places that hold paragraphs but no other blocks.
    pub fn paragraphs(&self, text: &str) -> Vec<Vec<Span>> {
        fn walk(blocks: Vec<Block>, out: &mut Vec<Vec<Span>>) {
            for b in blocks {
                match b {
                    Block::Para { spans, .. } => out.push(spans),
                    Block::List { items, .. } => items.into_iter().for_each(|i| walk(i, out)),
                    Block::Aside { blocks, .. }
                    | Block::Together(blocks)
                    | Block::Lang { blocks, .. } => walk(blocks, out),
                    _ => {}
                }
            }
        }
        let mut out = Vec::new();
        walk(self.read(text), &mut out);
        out
    }

    /// Every paragraph of a Markdown text as one run of spans (a table cell's text).
    pub fn joined(&self, text: &str) -> Vec<Span> {
        let mut out: Vec<Span> = Vec::new();
        for p in self.paragraphs(text) {
            if !out.is_empty() {
                out.push(Span::plain(" "));
            }
            out.extend(p);
        }
        out
    }

    /// The spans of a one-line Markdown text (its first paragraph).
    pub fn spans(&self, text: &str) -> Vec<Span> {
        self.read(text)
            .into_iter()
            .find_map(|b| match b {
                Block::Para { spans, .. } => Some(spans),
                _ => None,
            })
            .unwrap_or_default()
    }
}

/// A table being read: header cells, body rows, the row being read, whether in the header.
type TableState = (Vec<Vec<Span>>, Vec<Vec<Vec<Span>>>, Vec<Vec<Span>>, bool);

/// Adds a block to the innermost open container.
fn emit(stack: &mut [Frame], block: Block) {
    if let Some(f) = stack.last_mut() {
        f.blocks.push(block);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_becomes_blocks() {
        let model = Model::default();
        let none = |_: &str| None;
        let english = crate::locale::Locale::english();
        let r = MarkdownReader {
            model: &model,
            base: 3,
            local: &none,
            site_url: "https://e.org/",
            locale: &english,
        };
        let blocks = r.read("# Head\n\nSome **bold** and *it* [link](https://x.org).\n\n- one\n  - nested\n- two\n\n> quoted\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
        assert!(matches!(&blocks[0], Block::Heading { level: 3, text, .. } if text == "Head"));
        let Block::Para { spans, .. } = &blocks[1] else {
            panic!("{blocks:?}")
        };
        assert!(spans
            .iter()
            .any(|s| s.text == "bold" && s.style == Style::Bold));
        assert!(spans
            .iter()
            .any(|s| s.text == "it" && s.style == Style::Italic));
        assert!(spans
            .iter()
            .any(|s| s.link == Some(Link::Uri("https://x.org".into()))));
        let Block::List {
            items,
            ordered: false,
        } = &blocks[2]
        else {
            panic!("{blocks:?}")
        };
        assert_eq!(items.len(), 2);
        assert!(
            items[0].iter().any(|b| matches!(b, Block::List { .. })),
            "nested list kept"
        );
        assert!(matches!(&blocks[3], Block::Aside { quote: true, .. }));
        let Block::Table { header, rows, .. } = &blocks[4] else {
            panic!("{blocks:?}")
        };
        assert_eq!((header.len(), rows.len()), (2, 1));
    }
}
