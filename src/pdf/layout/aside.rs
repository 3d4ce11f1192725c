//! Set-apart blocks with a rule down their left: quotes, kept in one piece with their
//! attribution, and case examples, kept whole when they fit on a page or else broken with at
//! least three lines on each side and their title repeated "(continued)".

use super::{Composer, Draw, Role, Unit, TEXT};
use crate::document::{Block, Span};
use crate::pdf::fonts::Style;
use crate::pdf::tags::Kind;

/// Lines kept together at each side of a break inside a case example.
const KEEP_LINES: usize = 3;
const TITLE: (f32, f32) = (12.0, 16.5);

impl Composer<'_> {
    pub(super) fn aside(
        &mut self,
        title: Option<&str>,
        blocks: &[Block],
        quote: bool,
        indent: f32,
        bars: &[f32],
    ) {
        let x = indent + 2.0;
        let mut inner_bars = bars.to_vec();
        inner_bars.push(x);
        let inner = indent + 16.0;
        let start = self.units.len();
        self.open(if quote { Kind::BlockQuote } else { Kind::Sect });
        if let Some(t) = title {
            self.open(Kind::H(3));
            let first = self.lead_in(
                t,
                TITLE.0,
                TITLE.1,
                12.0,
                inner,
                &inner_bars,
                Role::Heading(3),
            );
            self.close();
            self.units[first].outline = Some((3, t.to_string()));
        }
        let body = self.units.len();
        if quote {
            // A quote stays in one piece with its attribution.
            let italic: Vec<Block> = blocks.iter().map(italicise).collect();
            self.blocks(&italic, inner, &inner_bars);
            let last = self.units.len().saturating_sub(1);
            for u in self.units.iter_mut().take(last).skip(body) {
                u.keep_with_next = true;
            }
        } else {
            self.blocks(blocks, inner, &inner_bars);
            let end = self.units.len();
            for i in body..end.saturating_sub(1) {
                if i < body + KEEP_LINES - 1 || i + KEEP_LINES >= end {
                    self.units[i].keep_with_next = true;
                }
            }
            if let Some(t) = title {
                let header = self.continued(t, inner, &inner_bars);
                self.headers.push(header);
                let h = self.headers.len() - 1;
                for u in &mut self.units[body..end] {
                    u.header.get_or_insert(h);
                }
            }
            self.units[start].together = end - start;
        }
        self.close();
        if let Some(u) = self.units.last_mut() {
            u.height += 6.0;
        }
    }

    /// The title repeated at the top of a page a case example continues on: one unit, a
    /// paragraph of the example (what is printed is read). Its element is a placeholder in the
    /// example, never drawn itself, which the paginator copies to where the title is repeated.
    fn continued(&mut self, title: &str, indent: f32, bars: &[f32]) -> Unit {
        let first = self.units.len();
        let spans = [Span::styled(format!("{title} (continued)"), Style::Bold)];
        self.para(
            &spans,
            TITLE.0,
            TITLE.1,
            indent,
            bars,
            None,
            Role::Paragraph,
            TEXT,
        );
        let lines: Vec<Unit> = self.units.drain(first..).collect();
        let mut u = Unit::new(0.0, Role::Paragraph);
        let placeholder = self.tree.add(self.at(), Kind::P);
        u.elem = Some(placeholder);
        u.draws.push(Draw::Tag(Some(placeholder)));
        for line in lines {
            let dy = u.height;
            u.draws
                .extend(line.draws.into_iter().filter_map(|d| shift(d, dy)));
            u.height += line.height;
        }
        u.height += TITLE.1 * 0.35;
        u.bars = bars.to_vec();
        u
    }
}

/// A draw moved `dy` down its unit; tags are dropped (the whole unit is one paragraph).
fn shift(d: Draw, dy: f32) -> Option<Draw> {
    Some(match d {
        Draw::Tag(_) => return None,
        Draw::Text {
            x,
            y,
            size,
            style,
            glyphs,
            colour,
        } => Draw::Text {
            x,
            y: y + dy,
            size,
            style,
            glyphs,
            colour,
        },
        Draw::Rect { x, y, w, h, colour } => Draw::Rect {
            x,
            y: y + dy,
            w,
            h,
            colour,
        },
        other => other,
    })
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
