//! Accessible bar charts for the web, in HTML and CSS: every bar is a list item whose label
//! and figure are real text (so they keep the page's text size at any width, and colour is
//! never the only signal), each bar's length is its per cent of the full track, and the chart
//! is meant to follow a title that states the message and to be followed by the same data as
//! a table. The bars lay themselves out for the width available: label above, track and
//! figure side by side when they fit, the figure below the track when they do not.

use html_escape::encode_text as text;

/// One bar of a single-series chart: its label, its value in per cent (0–100) and the figure
/// printed beside it.
#[derive(Debug, Clone)]
pub struct ChartBar {
    pub label: String,
    pub percent: f64,
    pub figure: String,
}

/// A bar of one series within a [`Row`]: the series' name (a group, or empty), the
/// percentage (none: nothing applied, no bar drawn) and the words printed beside it.
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

/// One bar's track and figure; `percent` is clamped to 0–100, with one decimal so the
/// output is the same on every machine.
fn bar(percent: Option<f64>, figure: &str) -> String {
    let fill = match percent {
        Some(p) => format!(
            "<span class=\"gw-bars__fill\" style=\"width: {:.1}%\"></span>",
            p.clamp(0.0, 100.0)
        ),
        None => String::new(),
    };
    format!(
        "<span class=\"gw-bars__bar\"><span class=\"gw-bars__track\">{fill}</span>\
         <span class=\"gw-bars__figure\">{}</span></span>",
        text(figure)
    )
}

/// The bars of a chart with one series: a list, each item the label then the bar.
pub fn bar_chart(bars: &[ChartBar]) -> String {
    let mut s = String::from("<ul class=\"gw-bars\">");
    for b in bars {
        s += &format!(
            "<li class=\"gw-bars__row\"><span class=\"gw-bars__label\">{}</span>{}</li>",
            text(&b.label),
            bar(Some(b.percent), &b.figure)
        );
    }
    s + "</ul>"
}

/// A chart of rows with one bar per series, as a figure: `title` (the message) as its
/// caption, `desc` as a hint under it, then the rows. `id` names the caption
/// (`{id}-title`) for a table or region that refers to it.
pub fn chart(id: &str, title: &str, desc: &str, rows: &[Row]) -> String {
    let id = html_escape::encode_double_quoted_attribute(id);
    let mut s = format!(
        "<figure class=\"gw-figure\" aria-labelledby=\"{id}-title\">\
         <figcaption id=\"{id}-title\" class=\"gw-figure__caption\">{}\
         <span class=\"gw-figure__hint\">{}</span></figcaption><ul class=\"gw-bars\">",
        text(title),
        text(desc)
    );
    for r in rows {
        s += &format!(
            "<li class=\"gw-bars__row\"><span class=\"gw-bars__label\">{}</span>",
            text(&r.label)
        );
        for b in &r.bars {
            let figure = if b.series.is_empty() {
                b.figure.clone()
            } else {
                format!("{}: {}", b.series, b.figure)
            };
            s += &bar(b.percent.map(f64::from), &figure);
        }
        s += "</li>";
    }
    s + "</ul></figure>"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_are_labelled_in_text_scaled_and_escaped() {
        let html = bar_chart(&[
            ChartBar {
                label: "Police checks & enquiries <b>".into(),
                percent: 50.0,
                figure: "50% (10 of 20)".into(),
            },
            ChartBar {
                label: "Overflow".into(),
                percent: 140.0,
                figure: "140%".into(),
            },
        ]);
        assert!(html.contains(">Police checks &amp; enquiries &lt;b&gt;</span>"));
        assert!(html.contains(">50% (10 of 20)</span>"));
        assert!(html.contains("style=\"width: 50.0%\""), "{html}");
        assert!(html.contains("style=\"width: 100.0%\""), "{html}");
        assert!(!html.contains("<b>"));
        assert_eq!(html.matches("<li ").count(), 2);
    }

    #[test]
    fn rows_show_each_series_by_name_and_no_bar_where_nothing_applied() {
        let html = chart(
            "c",
            "Scores & ratings",
            "Bars of each score",
            &[Row {
                label: "Assessment".into(),
                bars: vec![
                    Bar {
                        series: "All".into(),
                        percent: Some(25),
                        figure: "25% Poor".into(),
                    },
                    Bar {
                        series: "North".into(),
                        percent: None,
                        figure: "no score".into(),
                    },
                ],
            }],
        );
        assert!(html.contains(
            "<figcaption id=\"c-title\" class=\"gw-figure__caption\">Scores &amp; ratings"
        ));
        assert!(html.contains(">All: 25% Poor</span>"));
        assert!(html.contains(">North: no score</span>"));
        assert_eq!(html.matches("gw-bars__fill").count(), 1);
        assert!(html.contains("width: 25.0%"));
    }
}
