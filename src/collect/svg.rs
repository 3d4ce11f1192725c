//! Horizontal bar charts as inline SVG. Every bar carries its figure as text, and in the page
//! each chart is followed by a table of the same data, so nothing is shown by colour alone.

use html_escape::{encode_double_quoted_attribute as attr, encode_text as text};

/// A bar: its series name (a group, or empty), the percentage (none: nothing applied) and
/// the words printed beside it.
pub struct Bar {
    pub series: String,
    pub percent: Option<u32>,
    pub figure: String,
}

/// One labelled row of bars (one bar per series).
pub struct Row {
    pub label: String,
    pub bars: Vec<Bar>,
}

const WIDTH: u32 = 900;
const LABEL: u32 = 130;
const PLOT: u32 = 380;
const BAR: u32 = 18;
const GAP: u32 = 12;

/// An SVG chart with a title (its accessible name) and a short description.
pub fn chart(id: &str, title: &str, desc: &str, rows: &[Row]) -> String {
    let id = attr(id);
    let bars: u32 = rows.iter().map(|r| r.bars.len() as u32).sum();
    // Long row labels (section titles) stand on their own line above their bars.
    let above = rows.iter().any(|r| r.label.chars().count() > 12);
    let (left, label_h) = if above { (20, 18) } else { (LABEL, 0) };
    let height = 30 + bars * (BAR + 4) + rows.len() as u32 * (GAP + label_h) + 24;
    let mut s = format!(
        "<svg class=\"gw-chart\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" viewBox=\"0 0 {WIDTH} {height}\" width=\"100%\" style=\"max-width:{WIDTH}px\" xmlns=\"http://www.w3.org/2000/svg\">\n<title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>\n",
        text(title),
        text(desc)
    );
    // Gridlines at 0, 25, 50, 75 and 100 per cent, labelled.
    for t in [0u32, 25, 50, 75, 100] {
        let x = left + PLOT * t / 100;
        s += &format!(
            "<line x1=\"{x}\" y1=\"20\" x2=\"{x}\" y2=\"{}\" stroke=\"#b1b4b6\" stroke-width=\"1\"/>\n<text x=\"{x}\" y=\"14\" font-size=\"11\" text-anchor=\"middle\" fill=\"#484949\">{t}%</text>\n",
            height - 20
        );
    }
    let mut y = 28;
    for r in rows {
        if above {
            y += label_h;
            s += &format!(
                "<text x=\"{left}\" y=\"{}\" font-size=\"13\" font-weight=\"700\" fill=\"#0b0c0c\">{}</text>\n",
                y - 5,
                text(&r.label)
            );
        }
        let first = y;
        for b in &r.bars {
            let w = b.percent.map_or(0, |p| PLOT * p.min(100) / 100);
            if w > 0 {
                s += &format!(
                    "<rect x=\"{left}\" y=\"{y}\" width=\"{w}\" height=\"{BAR}\" fill=\"#23324a\"/>\n"
                );
            }
            let label = if b.series.is_empty() {
                b.figure.clone()
            } else {
                format!("{}: {}", b.series, b.figure)
            };
            s += &format!(
                "<text x=\"{}\" y=\"{}\" font-size=\"12\" fill=\"#0b0c0c\">{}</text>\n",
                left + w + 6,
                y + BAR - 5,
                text(&label)
            );
            y += BAR + 4;
        }
        if !above {
            s += &format!(
                "<text x=\"{}\" y=\"{}\" font-size=\"13\" font-weight=\"700\" text-anchor=\"end\" fill=\"#0b0c0c\">{}</text>\n",
                LABEL - 8,
                first + BAR - 5,
                text(&r.label)
            );
        }
        y += GAP;
    }
    s += "</svg>";
    s
}
