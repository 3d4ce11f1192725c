//! Line plots ([`Plot`]): a title, then rows of panels (axes with their ticks, lines, marks
//! and their labels), then the legend; one `Figure` whose alternative text states the data.
//! Each row of panels is one unit, so the figure is kept on a page where it fits.

use super::{Composer, Draw, Role, Unit, MUTED, TEXT};
use crate::document::{Panel, Plot, PlotLine, PlotMark, Rgb, Shape};
use crate::pdf::fonts::Style;
use crate::pdf::tags::Kind;

/// Tick labels and mark labels, in points.
const SMALL: f32 = 8.5;
const GRID: Rgb = (0.69, 0.71, 0.71);
const GAP: f32 = 16.0;
/// Room left of the plot area for the per-cent ticks, and below it for the x ticks.
const LEFT: f32 = 30.0;
const BOTTOM: f32 = 16.0;

/// Where a panel's plot area lies in its unit, and its scale.
struct Area {
    x: f32,
    y: f32,
    w: f32,
    h: f32,
    x_max: f32,
}

impl Area {
    fn at(&self, (x, y): (f32, f32)) -> (f32, f32) {
        let fx = if self.x_max > 0.0 {
            (x / self.x_max).clamp(0.0, 1.0)
        } else {
            0.0
        };
        let fy = (y / 100.0).clamp(0.0, 1.0);
        (self.x + self.w * fx, self.y + self.h * (1.0 - fy))
    }
}

fn line(points: Vec<(f32, f32)>, width: f32, colour: Rgb, dashed: bool) -> Draw {
    Draw::Path {
        points,
        width,
        colour,
        dashed,
        fill: None,
    }
}

impl Composer<'_> {
    fn text_at(&mut self, u: &mut Unit, (x, y): (f32, f32), size: f32, style: Style, t: &str) {
        let glyphs = self.shaper.shape(style, t).glyphs;
        u.draws.push(Draw::Text {
            x,
            y,
            size,
            style,
            glyphs,
            colour: TEXT,
        });
    }

    /// Text ending at `x` (align right) or centred on it.
    fn text_to(&mut self, u: &mut Unit, (x, y): (f32, f32), centre: bool, t: &str) {
        let w = self.shaper.width(Style::Regular, SMALL, t);
        let x = if centre { x - w / 2.0 } else { x - w };
        self.text_at(u, (x, y), SMALL, Style::Regular, t);
    }

    fn mark(&mut self, u: &mut Unit, a: &Area, m: &PlotMark) {
        let (x, y) = a.at((m.x, m.y));
        let points: Vec<(f32, f32)> = match m.shape {
            // An octagon stands in for a circle: straight segments only.
            Shape::Circle => (0..8)
                .map(|i| {
                    let t = std::f32::consts::PI * (i as f32) / 4.0 + 0.39;
                    (x + 3.5 * t.cos(), y + 3.5 * t.sin())
                })
                .collect(),
            Shape::Up => vec![(x, y - 5.0), (x + 4.5, y + 3.0), (x - 4.5, y + 3.0)],
            Shape::Down => vec![(x, y + 5.0), (x + 4.5, y - 3.0), (x - 4.5, y - 3.0)],
        };
        let mut closed = points.clone();
        closed.push(points[0]);
        u.draws.push(Draw::Path {
            points: closed,
            width: 1.2,
            colour: TEXT,
            dashed: false,
            fill: Some(if m.filled { TEXT } else { (1.0, 1.0, 1.0) }),
        });
        if let Some(label) = &m.label {
            let w = self.shaper.width(Style::Bold, SMALL, label);
            let (lx, ly) = if m.above {
                let below = y - 8.0 - SMALL < a.y;
                (
                    (x - w / 2.0).max(a.x),
                    if below { y + 6.0 + SMALL } else { y - 6.0 },
                )
            } else if x + 7.0 + w > a.x + a.w {
                (x - 7.0 - w, y + 3.0)
            } else {
                (x + 7.0, y + 3.0)
            };
            let lx = lx.min(a.x + a.w - w);
            self.text_at(u, (lx, ly), SMALL, Style::Bold, label);
        }
    }

    /// One panel at `x0` across, `y0` down in the unit `u`, `w` by `h` points.
    fn panel(&mut self, u: &mut Unit, p: &Panel, (x0, y0, w, h): (f32, f32, f32, f32)) {
        let mut top = y0 + 8.0;
        if let Some(t) = &p.title {
            self.text_at(u, (x0, y0 + 10.0), 9.5, Style::Bold, t);
            top += 14.0;
        }
        let bottom = BOTTOM + if p.x_label.is_some() { 12.0 } else { 0.0 };
        let a = Area {
            x: x0 + LEFT,
            y: top,
            w: (w - LEFT - 8.0).max(20.0),
            h: (y0 + h - bottom - top).max(20.0),
            x_max: p.x_max,
        };
        for (t, label) in &p.y_ticks {
            let (_, y) = a.at((0.0, *t));
            u.draws
                .push(line(vec![(a.x, y), (a.x + a.w, y)], 0.5, GRID, false));
            self.text_to(u, (a.x - 4.0, y + 3.0), false, label);
        }
        for (t, label) in &p.x_ticks {
            let (x, y) = a.at((*t, 0.0));
            u.draws
                .push(line(vec![(x, y), (x, y + 3.0)], 0.6, MUTED, false));
            self.text_to(u, (x, y + 3.0 + SMALL + 1.0), true, label);
        }
        let (ox, oy) = a.at((0.0, 0.0));
        u.draws.push(line(
            vec![(ox, a.y), (ox, oy), (a.x + a.w, oy)],
            0.8,
            TEXT,
            false,
        ));
        if let Some(l) = &p.x_label {
            self.text_to(u, (a.x + a.w / 2.0, oy + 3.0 + 2.0 * SMALL + 4.0), true, l);
        }
        for l in &p.lines {
            let pts: Vec<(f32, f32)> = l.points.iter().map(|&q| a.at(q)).collect();
            if pts.len() > 1 {
                u.draws.push(line(pts, l.width, l.colour, l.dashed));
            }
        }
        for m in &p.marks {
            self.mark(u, &a, m);
        }
    }

    fn legend(&mut self, legend: &[(PlotLine, String)], indent: f32, bars: &[f32]) {
        if legend.is_empty() {
            return;
        }
        let mut u = Unit::new(16.0, Role::Figure);
        let mut x = indent;
        for (l, label) in legend {
            u.draws.push(line(
                vec![(x, 9.0), (x + 22.0, 9.0)],
                l.width,
                l.colour,
                l.dashed,
            ));
            let w = self.shaper.width(Style::Regular, SMALL, label);
            self.text_at(&mut u, (x + 27.0, 12.0), SMALL, Style::Regular, label);
            x += 27.0 + w + 16.0;
        }
        self.push(u, bars);
    }

    /// A plot figure: the title as its lead-in, rows of panels, the legend.
    pub(super) fn plot(&mut self, p: &Plot, indent: f32, bars: &[f32]) {
        let fig = self.open(Kind::Figure);
        self.tree.elems[fig].alt = Some(format!("{}. {}", p.title, p.alt));
        let first = self.lead_in(&p.title, 10.5, 14.5, 12.0, indent, bars, Role::Figure);
        let columns = p.columns.max(1);
        let width = self.measure - indent;
        let w = (width - GAP * (columns as f32 - 1.0)) / columns as f32;
        let h = if columns == 1 { 210.0 } else { 135.0 };
        for row in p.panels.chunks(columns) {
            let mut u = Unit::new(h, Role::Figure);
            u.space_before = 4.0;
            for (i, panel) in row.iter().enumerate() {
                let x0 = indent + i as f32 * (w + GAP);
                self.panel(&mut u, panel, (x0, 0.0, w, h));
            }
            self.push(u, bars);
        }
        self.legend(&p.legend, indent, bars);
        // The figure stands on one page where it fits (its title never alone at a foot).
        let last = self.units.len().saturating_sub(1);
        for u in self.units.iter_mut().take(last).skip(first) {
            u.keep_with_next = true;
        }
        self.close();
    }
}
