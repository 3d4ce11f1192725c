//! A funnel plot ([`super::funnel`]) as inline SVG: per cent against the number of applicable
//! answers, the overall line, the 95% limits dashed and the 99.8% limits solid, each group a
//! mark whose shape says where it lies (circle inside, triangle up above, triangle down
//! below; filled when outside the 99.8% limits), groups outside the 99.8% limits named beside
//! their mark. In the page each plot is followed by a table of the same data.

use super::funnel::Funnel;
use super::stats::{self, Position};
use html_escape::{encode_double_quoted_attribute as attr, encode_text as text};
use std::fmt::Write;

const W: f64 = 640.0;
const H: f64 = 358.0;
const LEFT: f64 = 64.0;
const RIGHT: f64 = 24.0;
const TOP: f64 = 34.0;
const BOTTOM: f64 = 76.0;
/// Up to this many groups, every mark is named.
const NAMED: usize = 6;

/// A round upper end for the n axis: 10, 20, 50, 100, 200, 500, …
pub(crate) fn axis_max(n: u32) -> u32 {
    let mut step = 10;
    loop {
        for m in [1, 2, 5] {
            if n <= step * m {
                return step * m;
            }
        }
        step *= 10;
    }
}

struct Frame {
    xmax: f64,
}

impl Frame {
    fn x(&self, n: f64) -> f64 {
        LEFT + (W - LEFT - RIGHT) * n / self.xmax
    }
    fn y(&self, p: f64) -> f64 {
        TOP + (H - TOP - BOTTOM) * (1.0 - p)
    }
}

/// The limit curves at `z`: upper and lower, as polyline points.
fn curves(f: &Frame, p0: f64, z: f64) -> (String, String) {
    let steps = 120;
    let (mut up, mut down) = (String::new(), String::new());
    for i in 0..=steps {
        let n = (f.xmax * f64::from(i) / f64::from(steps)).max(1.0);
        let half = z * (p0 * (1.0 - p0) / n).sqrt();
        let (lo, hi) = ((p0 - half).max(0.0), (p0 + half).min(1.0));
        let _ = write!(up, "{:.1},{:.1} ", f.x(n), f.y(hi));
        let _ = write!(down, "{:.1},{:.1} ", f.x(n), f.y(lo));
    }
    (up.trim_end().into(), down.trim_end().into())
}

fn mark(x: f64, y: f64, pos: Position) -> String {
    let filled = if pos.differs() { "#0b0c0c" } else { "#fff" };
    let shape = match pos {
        Position::Inside => return format!(
            "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"5\" fill=\"#fff\" stroke=\"#0b0c0c\" stroke-width=\"2\"/>"
        ),
        Position::Above | Position::Above95 => format!(
            "{:.1},{:.1} {:.1},{:.1} {:.1},{:.1}",
            x, y - 7.0, x - 6.0, y + 4.0, x + 6.0, y + 4.0
        ),
        Position::Below | Position::Below95 => format!(
            "{:.1},{:.1} {:.1},{:.1} {:.1},{:.1}",
            x, y + 7.0, x - 6.0, y - 4.0, x + 6.0, y - 4.0
        ),
    };
    format!("<polygon points=\"{shape}\" fill=\"{filled}\" stroke=\"#0b0c0c\" stroke-width=\"2\"/>")
}

fn axes(s: &mut String, f: &Frame, n_label: &str, y_label: &str) {
    let (x0, x1, y0, y1) = (f.x(0.0), f.x(f.xmax), f.y(0.0), f.y(1.0));
    for t in [0.0, 0.25, 0.5, 0.75, 1.0] {
        let y = f.y(t);
        let _ = write!(s, "<line x1=\"{x0}\" y1=\"{y:.1}\" x2=\"{x1:.1}\" y2=\"{y:.1}\" stroke=\"#b1b4b6\" stroke-width=\"1\"/>\n<text x=\"{}\" y=\"{:.1}\" font-size=\"13\" text-anchor=\"end\" fill=\"#484949\">{}%</text>\n", x0 - 6.0, y + 4.0, t * 100.0);
    }
    for i in 0..=5 {
        let n = f.xmax * f64::from(i) / 5.0;
        let x = f.x(n);
        let _ = write!(s, "<line x1=\"{x:.1}\" y1=\"{y0:.1}\" x2=\"{x:.1}\" y2=\"{:.1}\" stroke=\"#484949\" stroke-width=\"1\"/>\n<text x=\"{x:.1}\" y=\"{:.1}\" font-size=\"13\" text-anchor=\"middle\" fill=\"#484949\">{n}</text>\n", y0 + 5.0, y0 + 19.0);
    }
    // The y axis's name stands over it, unrotated (rotated text reads badly when scaled).
    let _ = writeln!(
        s,
        "<text x=\"4\" y=\"{:.1}\" font-size=\"13\" fill=\"#0b0c0c\">{}</text>",
        y1 - 14.0,
        text(y_label)
    );
    let _ = write!(s, "<line x1=\"{x0}\" y1=\"{y0:.1}\" x2=\"{x1:.1}\" y2=\"{y0:.1}\" stroke=\"#0b0c0c\" stroke-width=\"1\"/>\n<line x1=\"{x0}\" y1=\"{y0:.1}\" x2=\"{x0}\" y2=\"{y1:.1}\" stroke=\"#0b0c0c\" stroke-width=\"1\"/>\n<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"13\" text-anchor=\"middle\" fill=\"#0b0c0c\">{}</text>\n", (x0 + x1) / 2.0, y0 + 38.0, text(n_label));
}

/// The plot, its accessible name the funnel's label, its description the finding.
pub fn svg(f: &Funnel, n_label: &str, loc: &crate::locale::Locale) -> String {
    let max_n = f.points.iter().map(|p| p.n).max().unwrap_or(0);
    let frame = Frame {
        xmax: f64::from(axis_max(max_n)),
    };
    let id = attr(&f.anchor);
    let p0 = f64::from(f.overall_x) / f64::from(f.overall_n);
    let mut s = format!(
        "<svg class=\"gw-chart gw-funnel\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" viewBox=\"0 0 {W} {H}\" width=\"100%\" style=\"max-width:{W}px;min-width:600px\" xmlns=\"http://www.w3.org/2000/svg\">\n<title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>\n",
        text(&loc.fmt("report_funnel_title", &[("label", &f.label)])),
        text(&loc.fmt(
            "report_funnel_desc",
            &[
                ("n_label", &n_label.to_lowercase()),
                ("overall", &f.overall.to_string()),
                ("finding", &f.finding),
            ]
        )),
    );
    axes(&mut s, &frame, n_label, loc.get("report_per_cent_positive"));
    let _ = writeln!(s, "<line x1=\"{LEFT}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\" stroke=\"#23324a\" stroke-width=\"2\"/>", frame.x(frame.xmax), y = frame.y(p0));
    for (z, dash) in [(stats::Z95, " stroke-dasharray=\"6 4\""), (stats::Z998, "")] {
        let (up, down) = curves(&frame, p0, z);
        for pts in [up, down] {
            let _ = writeln!(s, "<polyline points=\"{pts}\" fill=\"none\" stroke=\"#2e7d83\" stroke-width=\"2\"{dash}/>");
        }
    }
    for p in &f.points {
        let (Some(pos), Some(pc)) = (p.position, p.percent) else {
            continue;
        };
        let (x, y) = (frame.x(f64::from(p.n)), frame.y(pc / 100.0));
        s += &mark(x, y, pos);
        s.push('\n');
        // Every group is named when there are few; otherwise only those that differ (the
        // table below names them all).
        if pos.differs() || f.points.len() <= NAMED {
            let anchor = if x > W / 2.0 { "end" } else { "start" };
            let dx = if x > W / 2.0 { -10.0 } else { 10.0 };
            let _ = writeln!(s, "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"13\" font-weight=\"700\" text-anchor=\"{anchor}\" fill=\"#0b0c0c\">{}</text>", x + dx, y + 4.0, text(&p.group));
        }
    }
    let ly = H - 14.0;
    let _ = write!(s, "<line x1=\"{LEFT}\" y1=\"{ly}\" x2=\"{}\" y2=\"{ly}\" stroke=\"#2e7d83\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/><text x=\"{}\" y=\"{}\" font-size=\"13\" fill=\"#0b0c0c\">{}</text>\n<line x1=\"{}\" y1=\"{ly}\" x2=\"{}\" y2=\"{ly}\" stroke=\"#2e7d83\" stroke-width=\"2\"/><text x=\"{}\" y=\"{}\" font-size=\"13\" fill=\"#0b0c0c\">{}</text>\n<line x1=\"{}\" y1=\"{ly}\" x2=\"{}\" y2=\"{ly}\" stroke=\"#23324a\" stroke-width=\"2\"/><text x=\"{}\" y=\"{}\" font-size=\"13\" fill=\"#0b0c0c\">{}</text>\n",
        LEFT + 28.0, LEFT + 34.0, ly + 4.0, text(loc.get("report_limits_95")),
        LEFT + 140.0, LEFT + 168.0, LEFT + 174.0, ly + 4.0, text(loc.get("report_limits_998")),
        LEFT + 290.0, LEFT + 318.0, LEFT + 324.0, ly + 4.0,
        text(&loc.fmt("report_overall", &[("percent", &f.overall.to_string())])));
    s += "</svg>";
    s
}

#[cfg(test)]
mod tests {
    use super::axis_max;

    #[test]
    fn round_axis_ends() {
        assert_eq!(axis_max(0), 10);
        assert_eq!(axis_max(10), 10);
        assert_eq!(axis_max(11), 20);
        assert_eq!(axis_max(24), 50);
        assert_eq!(axis_max(51), 100);
        assert_eq!(axis_max(250), 500);
    }
}
