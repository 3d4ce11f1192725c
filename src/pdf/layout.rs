//! Layout: blocks become units (lines, table rows, chart bars) with measured heights, drawing
//! instructions and keep rules; the paginator then places them on pages. Every unit carries its
//! role (heading, paragraph, list item, table cell, figure), which a structure tree can use.

use super::fonts::{Glyph, Shaper, Style};
use super::tags::{Kind, Tree};
use crate::document::{Block, Link, ParaKind, Span};

mod aside;
mod chart;
mod fields;
#[cfg(test)]
mod invariants;
mod lines;
mod notes;
mod plot;
mod runs;
mod table;

pub use crate::document::Rgb;
pub use table::OVERHANG;
pub const TEXT: Rgb = (0.043, 0.047, 0.047);
pub const LINK: Rgb = (0.10, 0.36, 0.60);
pub const MUTED: Rgb = (0.28, 0.29, 0.29);
pub const ACCENT: Rgb = (0.18, 0.49, 0.51);
pub const BAR: Rgb = (0.137, 0.196, 0.29);
pub const TRACK: Rgb = (0.90, 0.90, 0.90);

/// One drawing instruction. `y` is measured down from the top of the unit.
#[derive(Debug, Clone)]
pub enum Draw {
    /// Text on a baseline `y` below the unit's top.
    Text {
        x: f32,
        y: f32,
        size: f32,
        style: Style,
        glyphs: Vec<Glyph>,
        colour: Rgb,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        colour: Rgb,
    },
    Rule {
        x1: f32,
        x2: f32,
        y: f32,
        width: f32,
        colour: Rgb,
    },
    Link {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        link: Link,
    },
    /// A line through `points` (`y` down from the unit's top), stroked, dashed or not;
    /// closed and filled with `fill` when given (plot marks).
    Path {
        points: Vec<(f32, f32)>,
        width: f32,
        colour: Rgb,
        dashed: bool,
        fill: Option<Rgb>,
    },
    /// A form widget.
    Widget {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        field: Box<FieldDraw>,
    },
    /// The page number of an anchor, right-aligned at `right` (contents pages).
    PageRef {
        anchor: String,
        right: f32,
        y: f32,
        size: f32,
    },
    /// What follows in the unit belongs to this structure element (None: an artifact).
    Tag(Option<usize>),
    /// The next text draw extracts as this text (`/ActualText`): its glyphs are replacements
    /// for characters no font has.
    ActualText(String),
}

/// What a form widget is: boxed in [`Draw::Widget`], so that the other draws, of which a long
/// chapter holds hundreds of thousands, stay less than half the size.
#[derive(Debug, Clone)]
pub struct FieldDraw {
    pub name: String,
    pub tooltip: String,
    /// A radio button's export value and label (None for a text box).
    pub option: Option<(String, String)>,
    pub multiline: bool,
}

/// What a unit is, for tagging and tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Heading(u8),
    Paragraph,
    ListItem,
    TableHeader,
    TableRow,
    Figure,
    Quote,
    Contents,
    /// Running headers, page numbers and rules: not part of the content.
    Artifact,
}

/// Something placed on a page as a whole.
#[derive(Debug, Clone)]
pub struct Unit {
    pub height: f32,
    pub space_before: f32,
    pub draws: Vec<Draw>,
    /// Must stand on the same page as the next unit (headings; first and last-but-one lines).
    pub keep_with_next: bool,
    /// Introduces what follows (a heading, a caption, a lead-in): never the last unit of a
    /// page, even when other keeps have to give way.
    pub lead: bool,
    /// This unit starts a block of this many units (a case example) kept whole on one page
    /// when it fits on a page and moving it leaves the page at least half full.
    pub together: usize,
    pub page_break_before: bool,
    /// Anchor defined at the top of this unit.
    pub anchor: Option<String>,
    /// Outline entry (level, title) starting here.
    pub outline: Option<(u8, String)>,
    /// Index of the table header to repeat when this unit starts a page.
    pub header: Option<usize>,
    /// X positions of rules drawn down the left of set-apart blocks.
    pub bars: Vec<f32>,
    pub role: Role,
    /// The structure element the unit's content belongs to (None: an artifact); a
    /// [`Draw::Tag`] among its draws changes it for the draws after it.
    pub elem: Option<usize>,
}

impl Unit {
    /// A unit of `height` with nothing drawn, no keeps and no space before it.
    pub(crate) fn new(height: f32, role: Role) -> Unit {
        Unit {
            height,
            space_before: 0.0,
            draws: Vec::new(),
            keep_with_next: false,
            lead: false,
            together: 1,
            page_break_before: false,
            anchor: None,
            outline: None,
            header: None,
            bars: Vec::new(),
            role,
            elem: None,
        }
    }
}

/// Body text: 11.5 on 16.5 points, about 70 characters to a line of the A4 text column
/// (136 mm), within the 45 to 75 that book typography asks for.
pub const BODY: f32 = 11.5;
pub const BODY_LEAD: f32 = 16.5;

/// Sizes and leading of each kind of text.
fn metrics(kind: ParaKind) -> (f32, f32) {
    match kind {
        ParaKind::Body | ParaKind::LeadIn => (BODY, BODY_LEAD),
        ParaKind::Lead => (13.5, 19.0),
        ParaKind::Small => (9.5, 13.0),
    }
}

fn heading_metrics(level: u8) -> (f32, f32, f32) {
    // size, leading, space before
    match level {
        0 => (26.0, 32.0, 160.0),
        1 => (22.0, 27.0, 0.0),
        2 => (15.5, 20.0, 16.0),
        3 => (13.0, 17.0, 12.0),
        _ => (BODY, BODY_LEAD, 10.0),
    }
}

/// Turns blocks into units for a text column `measure` points wide.
pub struct Composer<'s> {
    pub shaper: &'s mut Shaper,
    pub measure: f32,
    pub units: Vec<Unit>,
    pub headers: Vec<Unit>,
    /// The structure elements declared so far.
    pub tree: Tree,
    /// Open structure elements, innermost last (the `Document` is implied).
    open: Vec<usize>,
    /// How many levels the headings from here on sit below their own: 1 after a part's
    /// heading, whose chapters are a level deeper in the outline and the structure tree.
    depth: u8,
}

impl<'s> Composer<'s> {
    /// A composer for a column `measure` points wide.
    pub fn new(shaper: &'s mut Shaper, measure: f32) -> Composer<'s> {
        Composer {
            shaper,
            measure,
            units: Vec::new(),
            headers: Vec::new(),
            tree: Tree::default(),
            open: Vec::new(),
            depth: 0,
        }
    }

    /// The innermost open structure element.
    pub fn at(&self) -> usize {
        self.open.last().copied().unwrap_or(0)
    }

    /// Declares a structure element inside the current one and makes it current.
    pub fn open(&mut self, kind: Kind) -> usize {
        let e = self.tree.add(self.at(), kind);
        self.open.push(e);
        e
    }

    /// Closes the innermost open structure element.
    pub fn close(&mut self) {
        self.open.pop();
    }

    /// Lays out a sequence of blocks at `indent` with left rules at `bars`.
    pub fn blocks(&mut self, blocks: &[Block], indent: f32, bars: &[f32]) {
        for b in blocks {
            self.block(b, indent, bars);
        }
    }

    /// Adds a unit; its content belongs to the current element unless it says otherwise.
    fn push(&mut self, mut u: Unit, bars: &[f32]) {
        u.bars = bars.to_vec();
        if u.elem.is_none() && u.role != Role::Artifact {
            u.elem = Some(self.at());
        }
        self.units.push(u);
    }

    pub fn block(&mut self, b: &Block, indent: f32, bars: &[f32]) {
        match b {
            Block::Heading {
                level,
                text,
                anchor,
            } => self.heading(*level, text, anchor.as_ref(), indent, bars),
            Block::Para {
                spans,
                kind: ParaKind::LeadIn,
            } => {
                self.open(Kind::P);
                let first = self.units.len();
                let (size, lead) = metrics(ParaKind::LeadIn);
                let bold: Vec<Span> = spans
                    .iter()
                    .map(|s| Span {
                        style: Style::from_flags(true, s.style.italic()),
                        ..s.clone()
                    })
                    .collect();
                self.para(&bold, size, lead, indent, bars, None, Role::Paragraph, TEXT);
                self.close();
                self.keep_leading(first, 9.0);
            }
            Block::Para { spans, kind } => {
                let (size, lead) = metrics(*kind);
                let first = self.units.len();
                self.open(Kind::P);
                self.para(spans, size, lead, indent, bars, None, Role::Paragraph, TEXT);
                self.close();
                if let Some(u) = self.units.get_mut(first) {
                    u.space_before = 7.0;
                }
                // A paragraph ending in a colon introduces what follows ("Practitioners
                // should:"): it never ends a page.
                let text = spans.iter().map(|s| s.text.as_str()).collect::<String>();
                if text.trim_end().ends_with(':') {
                    for u in &mut self.units[first..] {
                        u.keep_with_next = true;
                        u.lead = true;
                    }
                }
            }
            Block::List { ordered, items } => {
                self.open(Kind::L);
                for (i, item) in items.iter().enumerate() {
                    let li = self.open(Kind::LI);
                    let lbl = self.tree.add(li, Kind::Lbl);
                    self.open(Kind::LBody);
                    let marker = if *ordered {
                        format!("{}.", i + 1)
                    } else {
                        "•".to_string()
                    };
                    // Markers are right-aligned just before the item's text.
                    let inner = indent + 20.0;
                    let marker_right = indent + 16.0;
                    for (j, b) in item.iter().enumerate() {
                        match b {
                            Block::Para { spans, kind } if j == 0 => {
                                let (size, lead) = metrics(*kind);
                                let first = self.units.len();
                                self.para(
                                    spans,
                                    size,
                                    lead,
                                    inner,
                                    bars,
                                    Some((marker.clone(), marker_right, lbl)),
                                    Role::ListItem,
                                    TEXT,
                                );
                                if let Some(u) = self.units.get_mut(first) {
                                    u.space_before = 3.0;
                                }
                            }
                            other => self.block(other, inner, bars),
                        }
                    }
                    self.close();
                    self.close();
                }
                self.close();
            }
            Block::Table {
                caption,
                align,
                header,
                rows,
            } => self.table(caption.as_deref(), align, header, rows, indent, bars),
            Block::Notes { title, notes } => self.notes(title, notes, indent, bars),
            Block::Aside {
                title,
                blocks,
                quote,
            } => self.aside(title.as_deref(), blocks, *quote, indent, bars),
            Block::Chart { title, bars: data } => self.chart(title, data, indent, bars),
            Block::Plot(p) => self.plot(p, indent, bars),
            Block::Field(f) => self.field(f, indent, bars),
            Block::Question(q) => self.question(q, indent, bars),
            Block::FieldTable { columns, rows } => self.field_table(columns, rows, indent, bars),
            Block::Lang { lang, blocks } => {
                let div = self.open(Kind::Div);
                self.tree.elems[div].lang = Some(lang.clone());
                self.blocks(blocks, indent, bars);
                self.close();
            }
            Block::Together(blocks) => {
                let first = self.units.len();
                self.blocks(blocks, indent, bars);
                let last = self.units.len().saturating_sub(1);
                for u in self.units.iter_mut().take(last).skip(first) {
                    u.keep_with_next = true;
                }
            }
        }
    }

    /// A heading: kept with what follows, a chapter's (and a part's) on a new page, an
    /// outline entry at its level.
    fn heading(
        &mut self,
        level: u8,
        text: &str,
        anchor: Option<&String>,
        indent: f32,
        bars: &[f32],
    ) {
        // A part (level 0) puts the chapters after it a level deeper.
        if level == 0 {
            self.depth = 1;
        }
        let shown = level.max(1);
        let tagged = if level == 0 {
            1
        } else {
            (level + self.depth).min(6)
        };
        let (size, lead, before) = heading_metrics(level);
        let spans = [Span::styled(text, Style::Bold)];
        let first = self.units.len();
        self.open(Kind::H(tagged));
        self.para(
            &spans,
            size,
            lead,
            indent,
            bars,
            None,
            Role::Heading(shown),
            TEXT,
        );
        self.close();
        // A part's heading stands on a page of its own, before its first chapter's.
        let n = self.units.len();
        for u in &mut self.units[first..n] {
            u.keep_with_next = level > 0;
            u.lead = level > 0;
        }
        let u = &mut self.units[first];
        u.space_before = before;
        u.page_break_before = level <= 1;
        u.anchor = anchor.cloned();
        u.outline = Some((tagged, text.to_string()));
        if let Some(last) = self.units.last_mut() {
            last.height += lead * 0.35;
        }
    }

    /// A bold line introducing what follows (a caption, a chart title, an example's title):
    /// space above, and kept on the page with the next unit.
    #[allow(clippy::too_many_arguments)]
    fn lead_in(
        &mut self,
        text: &str,
        size: f32,
        lead: f32,
        space_before: f32,
        indent: f32,
        bars: &[f32],
        role: Role,
    ) -> usize {
        let first = self.units.len();
        self.para(
            &[Span::styled(text, Style::Bold)],
            size,
            lead,
            indent,
            bars,
            None,
            role,
            TEXT,
        );
        self.keep_leading(first, space_before);
        first
    }

    /// Makes the units from `first` on a lead-in: space above, kept with what follows, and
    /// never the last thing on a page.
    fn keep_leading(&mut self, first: usize, space_before: f32) {
        if let Some(u) = self.units.get_mut(first) {
            u.space_before = space_before;
        }
        for u in &mut self.units[first..] {
            u.keep_with_next = true;
            u.lead = true;
        }
    }

    /// A paragraph in a given size and colour (title pages and the like).
    #[allow(clippy::too_many_arguments)]
    pub fn styled_para(
        &mut self,
        spans: &[Span],
        size: f32,
        lead: f32,
        space_before: f32,
        colour: Rgb,
        role: Role,
    ) {
        let first = self.units.len();
        self.open(match role {
            Role::Heading(l) => Kind::H(l),
            _ => Kind::P,
        });
        self.para(spans, size, lead, 0.0, &[], None, role, colour);
        self.close();
        if let Some(u) = self.units.get_mut(first) {
            u.space_before = space_before;
        }
    }

    /// Forces the next unit onto a new page.
    pub fn page_break(&mut self) {
        let mut u = Unit::new(0.0, Role::Artifact);
        u.page_break_before = true;
        self.units.push(u);
    }

    /// A contents entry: linked title, page number right-aligned; a `TOCI` holding one `Link`
    /// (open a `TOC` around the entries).
    /// Level 0 is a part of the guide, 1 a chapter, 2 a section; after a part, chapters and
    /// sections are indented one step further.
    pub fn contents_entry(&mut self, level: u8, title: &str, anchor: &str) {
        if level == 0 {
            self.depth = 1;
        }
        if level <= 1 {
            if let Some(u) = self.units.last_mut().filter(|u| u.role == Role::Contents) {
                u.keep_with_next = false;
            }
        }
        self.open(Kind::TOCI);
        let link = self.open(Kind::Link);
        self.tree.elems[link].alt = Some(title.to_string());
        let step = 14.0 * if level == 0 { 0.0 } else { self.depth as f32 };
        let (size, style, indent) = match level {
            0 => (12.0, Style::Bold, 0.0),
            1 => (11.0, Style::Bold, step),
            _ => (10.0, Style::Regular, step + 14.0),
        };
        let lead = size * 1.45;
        let pieces = self.pieces(&[Span::styled(title, style)], size);
        let lines = self.break_lines(pieces, size, self.measure - indent - 40.0);
        let n = lines.len();
        for (k, line) in lines.iter().enumerate() {
            let mut u = Unit::new(lead, Role::Contents);
            let y = lead * 0.78;
            u.draws = self.line_draws(line, size, indent, y, TEXT, link);
            u.elem = Some(link);
            if k + 1 == n {
                u.draws.push(Draw::PageRef {
                    anchor: anchor.to_string(),
                    right: self.measure,
                    y,
                    size,
                });
            }
            u.draws.push(Draw::Link {
                x: indent,
                y: 0.0,
                w: self.measure - indent,
                h: lead,
                link: Link::Anchor(anchor.to_string()),
            });
            u.space_before = if k == 0 && level <= 1 { 6.0 } else { 0.0 };
            // A chapter's entries stand on one page with it: everything keeps with the next
            // entry, up to the next chapter's.
            u.keep_with_next = true;
            u.lead = level <= 1;
            self.units.push(u);
        }
        self.close();
        self.close();
    }
}
