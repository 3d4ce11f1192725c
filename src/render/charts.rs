//! Accessible SVG bar charts for the web: a title that states the message, every bar labelled
//! in text with its figure (colour is never the only signal), scaled 0–100%, and meant to be
//! followed by the same data as a table.

use html_escape::{encode_double_quoted_attribute as attr, encode_text as text};

/// One bar: its label, its value in per cent (0–100) and the figure printed beside it.
#[derive(Debug, Clone)]
pub struct ChartBar {
    pub label: String,
    pub percent: f64,
    pub figure: String,
}

const WIDTH: f64 = 640.0;
const LABEL_CHARS: usize = 78;
const LINE: f64 = 18.0;
const BAR: f64 = 22.0;
const GAP: f64 = 14.0;
/// The bar track leaves room on the right for the figure.
const TRACK: f64 = 420.0;

/// Breaks a label into lines of at most `LABEL_CHARS` characters at spaces.
fn wrap(label: &str) -> Vec<String> {
    let mut lines: Vec<String> = vec![String::new()];
    for word in label.split_whitespace() {
        let last = lines.last_mut().expect("one line at least");
        if !last.is_empty() && last.chars().count() + 1 + word.chars().count() > LABEL_CHARS {
            lines.push(word.to_string());
        } else {
            if !last.is_empty() {
                last.push(' ');
            }
            last.push_str(word);
        }
    }
    lines
}

/// An SVG bar chart. `id` makes the title's id unique on the page; the chart is an image
/// named by its title, with a description listing every bar.
pub fn bar_chart(id: &str, title: &str, bars: &[ChartBar]) -> String {
    let mut body = String::new();
    let mut y = 8.0;
    for b in bars {
        for line in wrap(&b.label) {
            y += LINE;
            body.push_str(&format!(
                "<text x=\"0\" y=\"{y:.0}\" class=\"gw-chart__label\">{}</text>",
                text(&line)
            ));
        }
        y += 6.0;
        let w = (b.percent.clamp(0.0, 100.0) / 100.0 * TRACK).max(1.0);
        body.push_str(&format!(
            "<rect x=\"0\" y=\"{y:.0}\" width=\"{TRACK:.0}\" height=\"{BAR:.0}\" class=\"gw-chart__track\"/>\
             <rect x=\"0\" y=\"{y:.0}\" width=\"{w:.1}\" height=\"{BAR:.0}\" class=\"gw-chart__bar\"/>\
             <text x=\"{:.0}\" y=\"{:.0}\" class=\"gw-chart__figure\">{}</text>",
            TRACK + 8.0,
            y + BAR - 6.0,
            text(&b.figure)
        ));
        y += BAR + GAP;
    }
    let height = y + 4.0;
    let desc: Vec<String> = bars
        .iter()
        .map(|b| format!("{}: {}", b.label, b.figure))
        .collect();
    format!(
        "<svg class=\"gw-chart\" viewBox=\"0 0 {WIDTH:.0} {height:.0}\" role=\"img\" \
         aria-labelledby=\"{id}-title\" aria-describedby=\"{id}-desc\" \
         xmlns=\"http://www.w3.org/2000/svg\" font-family=\"inherit\">\
         <title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>{body}</svg>",
        text(title),
        text(&desc.join("; ")),
        id = attr(id),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_are_labelled_in_text_scaled_and_escaped() {
        let svg = bar_chart(
            "c1",
            "Checks were made in under half of cases <b>",
            &[
                ChartBar {
                    label: "Police checks & enquiries".into(),
                    percent: 50.0,
                    figure: "50% (10 of 20)".into(),
                },
                ChartBar {
                    label: "Overflow".into(),
                    percent: 140.0,
                    figure: "140%".into(),
                },
            ],
        );
        assert!(svg.contains(
            "<title id=\"c1-title\">Checks were made in under half of cases &lt;b&gt;</title>"
        ));
        assert!(svg.contains(">Police checks &amp; enquiries</text>"));
        assert!(svg.contains(">50% (10 of 20)</text>"));
        assert!(svg.contains("width=\"210.0\""), "{svg}");
        assert!(svg.contains("width=\"420.0\" height=\"22\" class=\"gw-chart__bar\""));
        assert!(!svg.contains("<b>"));
    }

    #[test]
    fn long_labels_wrap_at_spaces() {
        let label = "word ".repeat(40);
        let lines = wrap(&label);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| l.chars().count() <= LABEL_CHARS));
        assert_eq!(lines.join(" "), label.trim());
    }
}
