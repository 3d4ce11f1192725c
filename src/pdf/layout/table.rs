//! Tables: column widths from their content, figures right-aligned, the header repeated on
//! each page a table continues on, and never fewer than three rows on either side of a break.

use super::lines::Piece;
use super::{Composer, Draw, Role, Unit, TEXT};
use crate::document::{Align, Span};
use crate::pdf::fonts::Style;
use crate::pdf::tags::Kind;

/// How far (points) a table too wide for the text column may reach into each margin.
pub const OVERHANG: f32 = 12.0 * 72.0 / 25.4;
/// Tables of this many columns or more may reach into the margins.
const WIDE_COLUMNS: usize = 5;
/// Space after each column's text.
const PAD: f32 = 6.0;
/// Tables of at most this many rows are kept on one page.
const SHORT: usize = 6;
/// Rows kept together at a table's start (with its header) and at its end.
const KEEP_ROWS: usize = 3;
/// A column whose content is at most this share of the text column's width stays unwrapped.
const SHORT_COLUMN: f32 = 0.16;
const SIZE: f32 = 9.5;
const LEAD: f32 = 13.0;

/// Whether a cell holds just a figure ("1,234", "58%", "–" for none), set right-aligned.
fn is_figure(text: &str) -> bool {
    let t = text.trim();
    if matches!(t, "–" | "—" | "-") {
        return true;
    }
    let body = t.trim_start_matches(['-', '−', '+']).trim_end_matches('%');
    body.starts_with(|c: char| c.is_ascii_digit())
        && body
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
}

fn plain(cell: &[Span]) -> String {
    cell.iter().map(|s| s.text.as_str()).collect()
}

/// Which columns hold figures only (at least one of them a number).
fn figure_columns(rows: &[Vec<Vec<Span>>], cols: usize) -> Vec<bool> {
    (0..cols)
        .map(|c| {
            let texts: Vec<String> = rows
                .iter()
                .filter_map(|r| r.get(c))
                .map(|cell| plain(cell))
                .filter(|t| !t.trim().is_empty())
                .collect();
            !texts.is_empty()
                && texts.iter().all(|t| is_figure(t))
                && texts
                    .iter()
                    .any(|t| t.contains(|c: char| c.is_ascii_digit()))
        })
        .collect()
}

/// Shares `width` out: each column its minimum, the rest by how much more its content would
/// like (as browsers lay out tables); columns never grow past their natural width.
fn distribute(min: &[f32], natural: &[f32], width: f32) -> Vec<f32> {
    let sum_min: f32 = min.iter().sum();
    let sum_nat: f32 = natural.iter().sum();
    if sum_nat <= width {
        return natural.to_vec();
    }
    if sum_min >= width {
        return min.iter().map(|m| m * width / sum_min).collect();
    }
    let k = (width - sum_min) / (sum_nat - sum_min);
    min.iter()
        .zip(natural)
        .map(|(m, n)| m + (n - m) * k)
        .collect()
}

impl Composer<'_> {
    /// Column widths and whether each holds figures. A table takes only the width its
    /// content needs; one whose words do not fit the column may reach into the margins, and
    /// only then are long words hyphenated to fit.
    fn columns(
        &mut self,
        header: &[Vec<Span>],
        rows: &[Vec<Vec<Span>>],
        cols: usize,
        avail: f32,
        wide: f32,
    ) -> Vec<f32> {
        let (mut min, mut min_h, mut natural) =
            (vec![0f32; cols], vec![0f32; cols], vec![0f32; cols]);
        for (r, row) in std::iter::once(header)
            .chain(rows.iter().map(Vec::as_slice))
            .enumerate()
        {
            for (c, cell) in row.iter().enumerate().take(cols) {
                // Header cells are set in bold, so they are measured in bold.
                let cell = cell_spans(cell, r == 0);
                let pieces: Vec<Piece> = self.pieces(&cell, SIZE);
                for p in &pieces {
                    min[c] = min[c].max(p.width + PAD);
                    let h = self.min_width(p, SIZE);
                    min_h[c] = min_h[c].max(h + PAD);
                }
                let w = self.line_width(&pieces, SIZE);
                natural[c] = natural[c].max(w + PAD);
            }
        }
        for c in 0..cols {
            natural[c] = natural[c].max(min[c]);
            // A short column ("Out of", "Very high") is never wrapped.
            if natural[c] <= avail * SHORT_COLUMN {
                min[c] = natural[c];
                min_h[c] = natural[c];
            }
        }
        let sum = |v: &[f32]| v.iter().sum::<f32>();
        if sum(&natural) <= avail || (sum(&min) <= avail && wide <= avail) {
            return distribute(&min, &natural, avail);
        }
        let floor = if sum(&min) <= wide { &min } else { &min_h };
        let natural: Vec<f32> = natural.iter().zip(floor).map(|(n, f)| n.max(*f)).collect();
        distribute(floor, &natural, wide)
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn table(
        &mut self,
        caption: Option<&str>,
        align: &[Align],
        header: &[Vec<Span>],
        rows: &[Vec<Vec<Span>>],
        indent: f32,
        bars: &[f32],
    ) {
        let cols = header
            .len()
            .max(rows.iter().map(Vec::len).max().unwrap_or(0));
        if cols == 0 {
            return;
        }
        let avail = self.measure - indent;
        let wide = if indent == 0.0 && bars.is_empty() && cols >= WIDE_COLUMNS {
            avail + 2.0 * OVERHANG
        } else {
            avail
        };
        let widths = self.columns(header, rows, cols, avail, wide);
        // A column's own alignment wins; without one, figures are set right.
        let figures = figure_columns(rows, cols);
        let aligns: Vec<Align> = (0..cols)
            .map(|c| match align.get(c).copied().unwrap_or_default() {
                Align::Auto if figures[c] => Align::Right,
                Align::Auto => Align::Left,
                a => a,
            })
            .collect();
        let total: f32 = widths.iter().sum();
        // A table wider than the column reaches equally into both margins.
        let x0 = indent - ((total - avail) / 2.0).max(0.0);
        let geometry = RowGeometry {
            widths: &widths,
            aligns: &aligns,
            x0,
        };

        self.open(Kind::Table);
        if let Some(c) = caption {
            self.open(Kind::Caption);
            // Over the table's first column, also when it reaches into the margin.
            self.lead_in(c, 10.0, 14.0, 10.0, x0, bars, Role::Paragraph);
            self.close();
        }
        let header_unit = self.row(header, &geometry, true);
        self.headers.push(header_unit.clone());
        let hidx = self.headers.len() - 1;
        let mut h = header_unit;
        h.keep_with_next = true;
        h.space_before = if caption.is_some() { 2.0 } else { 10.0 };
        self.push(h, bars);
        let first = self.units.len();
        for r in rows {
            let mut u = self.row(r, &geometry, false);
            u.header = Some(hidx);
            self.push(u, bars);
        }
        // A short table stands whole; a long one keeps three rows on each side of a break.
        let n = self.units.len() - first;
        for (k, u) in self.units[first..].iter_mut().enumerate() {
            u.keep_with_next = k + 1 < n && (n <= SHORT || k + 1 < KEEP_ROWS || k + KEEP_ROWS >= n);
        }
        self.close();
        if let Some(u) = self.units.last_mut() {
            u.height += 8.0;
        }
    }

    fn row(&mut self, cells: &[Vec<Span>], g: &RowGeometry, header: bool) -> Unit {
        let mut draws = Vec::new();
        let mut lines_max = 1;
        let mut x = g.x0;
        let tr = self.tree.add(self.at(), Kind::TR);
        for (c, w) in g.widths.iter().enumerate() {
            let cell_elem = self.tree.add(tr, if header { Kind::TH } else { Kind::TD });
            draws.push(Draw::Tag(Some(cell_elem)));
            let empty = Vec::new();
            let cell = cells.get(c).unwrap_or(&empty);
            let spans = cell_spans(cell, header);
            let pieces = self.pieces(&spans, SIZE);
            let inner = w - PAD;
            let lines = self.break_lines(pieces, SIZE, inner);
            lines_max = lines_max.max(lines.len());
            for (k, line) in lines.iter().enumerate() {
                let y = 4.0 + LEAD * k as f32 + LEAD * 0.78;
                let lx = match g.aligns[c] {
                    Align::Right => x + inner - self.line_width(line, SIZE),
                    Align::Centre => x + (inner - self.line_width(line, SIZE)) / 2.0,
                    _ => x,
                };
                draws.extend(self.line_draws(line, SIZE, lx, y, TEXT, cell_elem));
            }
            x += w;
        }
        let height = LEAD * lines_max as f32 + 8.0;
        let total: f32 = g.widths.iter().sum();
        draws.push(Draw::Tag(None));
        draws.push(Draw::Rule {
            x1: g.x0,
            x2: g.x0 + total,
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
}

/// Where a table's columns are and how each is aligned (never [`Align::Auto`]).
struct RowGeometry<'a> {
    widths: &'a [f32],
    aligns: &'a [Align],
    x0: f32,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_are_told_from_words() {
        for f in ["12", "1,234", "58%", "–", "3.5", "-4"] {
            assert!(is_figure(f), "{f}");
        }
        for w in ["Very high", "58% Red", "65% (22 of 34)", "A1", "", "%"] {
            assert!(!is_figure(w), "{w}");
        }
    }

    #[test]
    fn columns_get_what_their_content_needs() {
        // Everything fits: natural widths, nothing stretched.
        assert_eq!(
            distribute(&[10.0, 20.0], &[15.0, 30.0], 100.0),
            [15.0, 30.0]
        );
        // Too little room: the minimum each, the rest by what more each would like.
        let w = distribute(&[10.0, 20.0], &[10.0, 120.0], 80.0);
        assert_eq!(w, [10.0, 70.0]);
    }
}
