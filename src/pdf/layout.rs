//! Layout: blocks become units (lines, table rows, chart bars) with measured heights, drawing
//! instructions and keep rules; the paginator then places them on pages. Every unit carries its
//! role (heading, paragraph, list item, table cell, figure), which a structure tree can use.

use super::blocks::{Bar, Block, Link, ParaKind, Span};
use super::fonts::{Shaper, Style};
use super::tags::{Kind, Tree};
use printpdf::Codepoint;

mod fields;
mod runs;

/// Colours as RGB fractions.
pub type Rgb = (f32, f32, f32);
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
        glyphs: Vec<Codepoint>,
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
    /// A form widget: `option` is a radio button's export value and label (None for a text box).
    Widget {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        name: String,
        tooltip: String,
        option: Option<(String, String)>,
        multiline: bool,
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
    fn new(height: f32, role: Role) -> Unit {
        Unit {
            height,
            space_before: 0.0,
            draws: Vec::new(),
            keep_with_next: false,
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

/// Sizes and leading of each kind of text.
fn metrics(kind: ParaKind) -> (f32, f32) {
    match kind {
        ParaKind::Body => (11.0, 15.5),
        ParaKind::Lead => (13.0, 18.5),
        ParaKind::Small => (9.5, 13.0),
    }
}

fn heading_metrics(level: u8) -> (f32, f32, f32) {
    // size, leading, space before
    match level {
        1 => (22.0, 27.0, 0.0),
        2 => (15.0, 19.5, 16.0),
        3 => (12.5, 16.5, 12.0),
        _ => (11.0, 15.5, 10.0),
    }
}

/// A word (or other unbreakable piece) with the style it is set in.
#[derive(Debug, Clone)]
struct Piece {
    text: String,
    style: Style,
    link: Option<Link>,
    width: f32,
    /// A space follows this piece (unless it ends the line).
    space: bool,
    /// Its language, when marked (a structure element of its own).
    lang: Option<String>,
    /// Whether its paragraph is right to left (its first strong character is).
    rtl: bool,
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
            } => {
                let (size, lead, before) = heading_metrics(*level);
                let spans = [Span::styled(text.clone(), Style::Bold)];
                let first = self.units.len();
                self.open(Kind::H(*level));
                self.para(
                    &spans,
                    size,
                    lead,
                    indent,
                    bars,
                    None,
                    Role::Heading(*level),
                    TEXT,
                );
                self.close();
                let n = self.units.len();
                for u in &mut self.units[first..n] {
                    u.keep_with_next = true;
                }
                let u = &mut self.units[first];
                u.space_before = before;
                u.page_break_before = *level == 1;
                u.anchor = anchor.clone();
                u.outline = Some((*level, text.clone()));
                if let Some(last) = self.units.last_mut() {
                    last.height += lead * 0.35;
                }
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
                header,
                rows,
            } => self.table(caption.as_deref(), header, rows, indent, bars),
            Block::Aside {
                title,
                blocks,
                quote,
            } => {
                let x = indent + 2.0;
                let mut inner_bars = bars.to_vec();
                inner_bars.push(x);
                let inner = indent + 16.0;
                self.open(if *quote { Kind::BlockQuote } else { Kind::Sect });
                if let Some(t) = title {
                    self.open(Kind::H(3));
                    let first =
                        self.lead_in(t, 12.0, 16.5, 12.0, inner, &inner_bars, Role::Heading(3));
                    self.close();
                    self.units[first].outline = Some((3, t.clone()));
                }
                if *quote {
                    // A quote stays in one piece with its attribution.
                    let first = self.units.len();
                    let italic: Vec<Block> = blocks.iter().map(italicise).collect();
                    self.blocks(&italic, inner, &inner_bars);
                    let last = self.units.len().saturating_sub(1);
                    for u in self.units.iter_mut().take(last).skip(first) {
                        u.keep_with_next = true;
                    }
                } else {
                    self.blocks(blocks, inner, &inner_bars);
                }
                self.close();
                if let Some(u) = self.units.last_mut() {
                    u.height += 6.0;
                }
            }
            Block::Chart { title, bars: data } => self.chart(title, data, indent, bars),
            Block::Field(f) => self.field(f, indent, bars),
            Block::FieldTable { columns, rows } => self.field_table(columns, rows, indent, bars),
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

    /// Breaks spans into pieces at spaces and after hyphens and dashes.
    fn pieces(&mut self, spans: &[Span], size: f32) -> Vec<Piece> {
        let mut out: Vec<Piece> = Vec::new();
        let rtl = super::bidi::paragraph_rtl(spans.iter().map(|s| s.text.as_str()));
        for s in spans {
            let text = s.text.replace(['\n', '\t'], " ");
            let mut last = 0;
            for (at, _) in unicode_linebreak::linebreaks(&text) {
                let chunk = &text[last..at];
                last = at;
                let word = chunk.trim_end_matches(' ');
                let space = word.len() < chunk.len();
                if word.is_empty() {
                    if let Some(p) = out.last_mut() {
                        p.space |= space;
                    }
                    continue;
                }
                let width = self.shaper.width(s.style, size, word);
                out.push(Piece {
                    text: word.to_string(),
                    style: s.style,
                    link: s.link.clone(),
                    width,
                    space,
                    lang: s.lang.clone(),
                    rtl,
                });
            }
        }
        out
    }

    /// Greedy line breaking: as many pieces per line as fit in `width`; a piece wider than a
    /// line is split between characters.
    fn break_lines(&mut self, pieces: Vec<Piece>, size: f32, width: f32) -> Vec<Vec<Piece>> {
        let mut lines: Vec<Vec<Piece>> = Vec::new();
        let mut line: Vec<Piece> = Vec::new();
        let mut used = 0.0;
        let mut queue: std::collections::VecDeque<Piece> = pieces.into();
        while let Some(p) = queue.pop_front() {
            let space = match line.last() {
                Some(prev) if prev.space => self.shaper.width(prev.style, size, " "),
                _ => 0.0,
            };
            if used + space + p.width <= width + 0.01 {
                used += space + p.width;
                line.push(p);
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                used = 0.0;
                queue.push_front(p);
                continue;
            }
            // A single piece wider than the line: split it.
            let chars: Vec<char> = p.text.chars().collect();
            let mut n = chars.len().saturating_sub(1).max(1);
            while n > 1
                && self
                    .shaper
                    .width(p.style, size, &chars[..n].iter().collect::<String>())
                    > width
            {
                n -= 1;
            }
            let head: String = chars[..n].iter().collect();
            let tail: String = chars[n..].iter().collect();
            let hw = self.shaper.width(p.style, size, &head);
            lines.push(vec![Piece {
                text: head,
                width: hw,
                space: false,
                ..p.clone()
            }]);
            if !tail.is_empty() {
                let tw = self.shaper.width(p.style, size, &tail);
                queue.push_front(Piece {
                    text: tail,
                    width: tw,
                    ..p
                });
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
        lines
    }

    /// Draws one line of pieces at `x` on baseline `y`; returns the draws. Links become `Link`
    /// elements inside `parent`, the element the line's other text belongs to.
    #[allow(clippy::too_many_arguments)]
    fn line_draws(
        &mut self,
        line: &[Piece],
        size: f32,
        x: f32,
        y: f32,
        colour: Rgb,
        parent: usize,
    ) -> Vec<Draw> {
        if runs::needed(self, line) {
            return self.mixed_line_draws(line, size, x, y, colour, parent);
        }
        let mut draws = Vec::new();
        let mut pen = x;
        let mut i = 0;
        while i < line.len() {
            // A run of pieces sharing style and link becomes one text draw.
            let (style, link) = (line[i].style, line[i].link.clone());
            let (start, run) = (pen, i);
            let mut glyphs = Vec::new();
            let mut gap = 0.0;
            while i < line.len() && line[i].style == style && line[i].link == link {
                let p = &line[i];
                if gap > 0.0 {
                    pen += gap;
                    glyphs.extend(self.shaper.shape(style, " ").glyphs);
                }
                glyphs.extend(self.shaper.shape(style, &p.text).glyphs);
                pen += p.width;
                gap = if p.space && i + 1 < line.len() {
                    self.shaper.width(style, size, " ")
                } else {
                    0.0
                };
                i += 1;
            }
            // A space ending a run (before another run, or at the end of a line that breaks
            // at a space) is drawn too, so that text extracts with its word spaces.
            if line[i - 1].space {
                glyphs.extend(self.shaper.shape(style, " ").glyphs);
            }
            let colour = if link.is_some() { LINK } else { colour };
            if link.is_some() && self.tree.kind(parent) != Kind::Link {
                let text: String = line[run..i]
                    .iter()
                    .map(|p| p.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ");
                let e = self.tree.add(parent, Kind::Link);
                self.tree.elems[e].alt = Some(text);
                draws.push(Draw::Tag(Some(e)));
            }
            draws.push(Draw::Text {
                x: start,
                y,
                size,
                style,
                glyphs,
                colour,
            });
            if let Some(l) = link {
                draws.push(Draw::Rule {
                    x1: start,
                    x2: pen,
                    y: y + 1.5,
                    width: 0.5,
                    colour: LINK,
                });
                draws.push(Draw::Link {
                    x: start,
                    y: y - size,
                    w: pen - start,
                    h: size * 1.35,
                    link: l,
                });
                draws.push(Draw::Tag(Some(parent)));
            }
            // The space after a run is left out of its underline and link area.
            pen += gap;
        }
        draws
    }

    /// A paragraph: one unit per line, with orphan and widow control.
    #[allow(clippy::too_many_arguments)]
    fn para(
        &mut self,
        spans: &[Span],
        size: f32,
        lead: f32,
        indent: f32,
        bars: &[f32],
        marker: Option<(String, f32, usize)>,
        role: Role,
        colour: Rgb,
    ) {
        let pieces = self.pieces(spans, size);
        let lines = self.break_lines(pieces, size, self.measure - indent);
        let n = lines.len();
        let at = self.at();
        runs::paragraph_lang(&mut self.tree, at, spans);
        for (k, line) in lines.iter().enumerate() {
            let baseline = lead * 0.78;
            let mut u = Unit::new(lead, role);
            u.elem = Some(at);
            if k == 0 {
                // A list marker (its `Lbl`) is drawn and read before the item's text.
                if let Some((m, right, lbl)) = &marker {
                    let w = self.shaper.width(Style::Regular, size, m);
                    let glyphs = self.shaper.shape(Style::Regular, m).glyphs;
                    u.draws.push(Draw::Tag(Some(*lbl)));
                    u.draws.push(Draw::Text {
                        x: right - w,
                        y: baseline,
                        size,
                        style: Style::Regular,
                        glyphs,
                        colour,
                    });
                    u.draws.push(Draw::Tag(Some(at)));
                }
            }
            let mut draws = self.line_draws(line, size, indent, baseline, colour, at);
            self.align_rtl(&mut draws, line, size, self.measure - indent);
            u.draws.extend(draws);
            u.keep_with_next = n > 1 && (k == 0 || k + 2 == n);
            self.push(u, bars);
        }
    }

    fn cell_lines(&mut self, spans: &[Span], size: f32, width: f32) -> Vec<Vec<Piece>> {
        let pieces = self.pieces(spans, size);
        self.break_lines(pieces, size, width)
    }

    fn table(
        &mut self,
        caption: Option<&str>,
        header: &[Vec<Span>],
        rows: &[Vec<Vec<Span>>],
        indent: f32,
        bars: &[f32],
    ) {
        let (size, lead) = (9.5, 13.0);
        let pad = 6.0;
        let cols = header
            .len()
            .max(rows.iter().map(Vec::len).max().unwrap_or(0));
        if cols == 0 {
            return;
        }
        let avail = self.measure - indent;
        // Column widths: at least the longest word, the rest shared by natural width.
        let (mut min, mut natural) = (vec![0f32; cols], vec![0f32; cols]);
        for (r, row) in std::iter::once(header)
            .chain(rows.iter().map(Vec::as_slice))
            .enumerate()
        {
            for (c, cell) in row.iter().enumerate().take(cols) {
                // Header cells are set in bold, so they are measured in bold.
                let cell = cell_spans(cell, r == 0);
                let pieces = self.pieces(&cell, size);
                let longest = pieces.iter().map(|p| p.width).fold(0.0, f32::max);
                let total: f32 = pieces.iter().map(|p| p.width + size * 0.3).sum();
                min[c] = min[c].max(longest + pad);
                natural[c] = natural[c].max(total + pad);
            }
        }
        // Tables take the full measure: each column gets its longest word, and the rest of
        // the width is shared by how much more its content would like.
        let sum_min: f32 = min.iter().sum();
        let extra: f32 = natural.iter().zip(&min).map(|(n, m)| n - m).sum();
        let widths: Vec<f32> = if sum_min >= avail {
            min.iter().map(|m| m * avail / sum_min).collect()
        } else {
            let spare = avail - sum_min;
            (0..cols)
                .map(|c| {
                    let share = if extra > 0.0 {
                        (natural[c] - min[c]) / extra
                    } else {
                        1.0 / cols as f32
                    };
                    min[c] + spare * share
                })
                .collect()
        };

        self.open(Kind::Table);
        if let Some(c) = caption {
            self.open(Kind::Caption);
            self.lead_in(c, 10.0, 14.0, 10.0, indent, bars, Role::Paragraph);
            self.close();
        }
        let header_unit = self.row(header, &widths, size, lead, indent, true);
        self.headers.push(header_unit.clone());
        let hidx = self.headers.len() - 1;
        let mut h = header_unit;
        h.keep_with_next = true;
        h.space_before = if caption.is_some() { 2.0 } else { 10.0 };
        self.push(h, bars);
        for r in rows {
            let mut u = self.row(r, &widths, size, lead, indent, false);
            u.header = Some(hidx);
            self.push(u, bars);
        }
        self.close();
        if let Some(u) = self.units.last_mut() {
            u.height += 8.0;
        }
    }

    fn row(
        &mut self,
        cells: &[Vec<Span>],
        widths: &[f32],
        size: f32,
        lead: f32,
        indent: f32,
        header: bool,
    ) -> Unit {
        let pad = 6.0;
        let mut draws = Vec::new();
        let mut lines_max = 1;
        let mut x = indent;
        let tr = self.tree.add(self.at(), Kind::TR);
        for (c, w) in widths.iter().enumerate() {
            let cell_elem = self.tree.add(tr, if header { Kind::TH } else { Kind::TD });
            draws.push(Draw::Tag(Some(cell_elem)));
            let empty = Vec::new();
            let cell = cells.get(c).unwrap_or(&empty);
            let spans = cell_spans(cell, header);
            let lines = self.cell_lines(&spans, size, w - pad);
            lines_max = lines_max.max(lines.len());
            for (k, line) in lines.iter().enumerate() {
                let y = 4.0 + lead * k as f32 + lead * 0.78;
                draws.extend(self.line_draws(line, size, x, y, TEXT, cell_elem));
            }
            x += w;
        }
        let height = lead * lines_max as f32 + 8.0;
        let total: f32 = widths.iter().sum();
        draws.push(Draw::Tag(None));
        draws.push(Draw::Rule {
            x1: indent,
            x2: indent + total,
            y: height - 1.0,
            width: if header { 1.2 } else { 0.5 },
            colour: if header { TEXT } else { (0.69, 0.71, 0.71) },
        });
        let mut u = Unit::new(
            height,
            if header {
                Role::TableHeader
            } else {
                Role::TableRow
            },
        );
        u.draws = draws;
        u.elem = Some(tr);
        u
    }

    /// A bar chart: one `Figure` whose alternative text states its title and every bar's
    /// label and figure, as the web chart's description does.
    fn chart(&mut self, title: &str, bars_data: &[Bar], indent: f32, bars: &[f32]) {
        let fig = self.open(Kind::Figure);
        let data: Vec<String> = bars_data
            .iter()
            .map(|b| format!("{}: {}", b.label, b.figure))
            .collect();
        self.tree.elems[fig].alt = Some(format!("{title}. {}", data.join("; ")));
        self.lead_in(title, 10.5, 14.5, 12.0, indent, bars, Role::Figure);
        let track = (self.measure - indent) * 0.62;
        for b in bars_data {
            let label_first = self.units.len();
            self.para(
                &[Span::plain(b.label.clone())],
                9.5,
                13.0,
                indent,
                bars,
                None,
                Role::Figure,
                TEXT,
            );
            if let Some(u) = self.units.get_mut(label_first) {
                u.space_before = 5.0;
            }
            for u in &mut self.units[label_first..] {
                u.keep_with_next = true;
            }
            let h = 11.0;
            let mut u = Unit::new(h + 6.0, Role::Figure);
            let filled = track * (b.percent.clamp(0.0, 100.0) / 100.0);
            u.draws.push(Draw::Rect {
                x: indent,
                y: 2.0,
                w: track,
                h,
                colour: TRACK,
            });
            u.draws.push(Draw::Rect {
                x: indent,
                y: 2.0,
                w: filled,
                h,
                colour: BAR,
            });
            let glyphs = self.shaper.shape(Style::Bold, &b.figure).glyphs;
            u.draws.push(Draw::Text {
                x: indent + track + 6.0,
                y: 2.0 + h * 0.8,
                size: 9.5,
                style: Style::Bold,
                glyphs,
                colour: TEXT,
            });
            self.push(u, bars);
        }
        self.close();
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
        if let Some(u) = self.units.get_mut(first) {
            u.space_before = space_before;
        }
        for u in &mut self.units[first..] {
            u.keep_with_next = true;
        }
        first
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
    pub fn contents_entry(&mut self, level: u8, title: &str, anchor: &str) {
        self.open(Kind::TOCI);
        let link = self.open(Kind::Link);
        self.tree.elems[link].alt = Some(title.to_string());
        let (size, style, indent) = if level == 1 {
            (11.0, Style::Bold, 0.0)
        } else {
            (10.0, Style::Regular, 14.0)
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
            u.space_before = if k == 0 && level == 1 { 6.0 } else { 0.0 };
            u.keep_with_next = k + 1 < n;
            self.units.push(u);
        }
        self.close();
        self.close();
    }
}

/// A table cell's spans: header cells are set (and so measured) in bold.
fn cell_spans(cell: &[Span], header: bool) -> Vec<Span> {
    cell.iter()
        .map(|s| Span {
            style: Style::from_flags(header || s.style.bold(), s.style.italic()),
            ..s.clone()
        })
        .collect()
}

fn italicise(b: &Block) -> Block {
    match b {
        Block::Para { spans, kind } => Block::Para {
            spans: spans
                .iter()
                .map(|s| Span {
                    style: Style::from_flags(s.style.bold(), true),
                    ..s.clone()
                })
                .collect(),
            kind: *kind,
        },
        other => other.clone(),
    }
}
