//! Small multiples of each section's score across the rounds as one inline SVG: a panel per
//! section (two to a row), the rounds along the bottom, each point labelled with its score.
//! In the page it is followed by a table of the same data.

use super::rounds::SectionRounds;
use html_escape::{encode_double_quoted_attribute as attr, encode_text as text};
use std::fmt::Write;

const PANEL_W: f64 = 300.0;
const PANEL_H: f64 = 170.0;
const GAP: f64 = 20.0;
const PAD: f64 = 28.0;

fn panel(s: &mut String, sec: &SectionRounds, x0: f64, y0: f64) {
    let plot_w = PANEL_W - 2.0 * PAD;
    let plot_h = PANEL_H - 64.0;
    let top = y0 + 30.0;
    let _ = writeln!(s, "<text x=\"{x0}\" y=\"{:.1}\" font-size=\"14\" font-weight=\"700\" fill=\"#0b0c0c\">{}</text>", y0 + 16.0, text(&sec.title));
    let _ = writeln!(s, "<rect x=\"{:.1}\" y=\"{top:.1}\" width=\"{plot_w:.1}\" height=\"{plot_h:.1}\" fill=\"none\" stroke=\"#b1b4b6\"/>", x0 + PAD);
    let n = sec.points.len().max(2) - 1;
    let at = |i: usize, score: u32| {
        (
            x0 + PAD + plot_w * i as f64 / n as f64,
            top + plot_h * (1.0 - f64::from(score.min(100)) / 100.0),
        )
    };
    let line: Vec<String> = sec
        .points
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            let (x, y) = at(i, p.score?);
            Some(format!("{x:.1},{y:.1}"))
        })
        .collect();
    if line.len() > 1 {
        let _ = writeln!(
            s,
            "<polyline points=\"{}\" fill=\"none\" stroke=\"#23324a\" stroke-width=\"2\"/>",
            line.join(" ")
        );
    }
    for (i, p) in sec.points.iter().enumerate() {
        let (x, _) = at(i, 0);
        let _ = writeln!(s, "<text x=\"{x:.1}\" y=\"{:.1}\" font-size=\"12\" text-anchor=\"middle\" fill=\"#484949\">{}</text>", top + plot_h + 16.0, text(&p.round));
        let Some(score) = p.score else { continue };
        let (x, y) = at(i, score);
        let _ = writeln!(s, "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"4\" fill=\"#23324a\"/><text x=\"{x:.1}\" y=\"{:.1}\" font-size=\"13\" font-weight=\"700\" text-anchor=\"middle\" fill=\"#0b0c0c\">{score}%</text>", if y < top + 18.0 { y + 18.0 } else { y - 8.0 });
    }
}

/// The chart; none without sections.
pub fn svg(sections: &[SectionRounds], loc: &crate::locale::Locale) -> String {
    if sections.is_empty() {
        return String::new();
    }
    let rows = sections.len().div_ceil(2);
    let (w, h) = (2.0 * PANEL_W + GAP, rows as f64 * (PANEL_H + GAP));
    let id = attr("chart-trend");
    let mut s = format!(
        "<svg class=\"gw-chart\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" viewBox=\"0 0 {w} {h}\" width=\"100%\" style=\"max-width:{w}px;min-width:{w}px\" xmlns=\"http://www.w3.org/2000/svg\">\n<title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>\n",
        text(loc.get("report_trend_title")),
        text(loc.get("report_trend_desc")),
    );
    for (i, sec) in sections.iter().enumerate() {
        let (col, row) = ((i % 2) as f64, (i / 2) as f64);
        panel(&mut s, sec, col * (PANEL_W + GAP), row * (PANEL_H + GAP));
    }
    s += "</svg>";
    s
}
