//! Bar charts: a title, then each bar's label above its track, filled to its share, with the
//! figures printed beside it; one `Figure` whose alternative text states the data.

use super::{Composer, Draw, Role, Unit, BAR, TEXT, TRACK};
use crate::document::{Bar, Span};
use crate::pdf::fonts::Style;
use crate::pdf::tags::Kind;

impl Composer<'_> {
    /// A bar chart: one `Figure` whose alternative text states its title and every bar's
    /// label and figure, as the web chart's description does.
    pub(super) fn chart(&mut self, title: &str, bars_data: &[Bar], indent: f32, bars: &[f32]) {
        let fig = self.open(Kind::Figure);
        let data: Vec<String> = bars_data
            .iter()
            .map(|b| format!("{}: {}", b.label, b.figure))
            .collect();
        self.tree.elems[fig].alt = Some(format!("{title}. {}", data.join("; ")));
        self.lead_in(title, 10.5, 14.5, 12.0, indent, bars, Role::Figure);
        // The track takes what the widest figure leaves, at most 62% of the column, so the
        // figures never run into the margin.
        let widest = bars_data
            .iter()
            .map(|b| self.shaper.width(Style::Bold, 9.5, &b.figure))
            .fold(0.0, f32::max);
        let width = self.measure - indent;
        let track = (width * 0.62).min(width - widest - 6.0).max(width * 0.3);
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
}
