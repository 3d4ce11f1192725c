//! `index.html`: the report as one self-contained, accessible page in the site's theme
//! (template `collect-report.html`, the theme's `style.css` inline).

use super::summary::Summary;
use super::svg::{chart, Bar, Row};
use crate::model::Model;
use crate::render::theme::{error_chain, Theme};

fn figure(p: Option<u32>, n: u32, d: u32, small: bool) -> String {
    match p {
        Some(p) => format!(
            "{p}% ({n} of {d}){}",
            if small { ", small number" } else { "" }
        ),
        None => "did not apply".into(),
    }
}

/// The section and question charts.
fn charts(s: &Summary) -> (String, String) {
    let series = |name: &str| name.to_string();
    let section_rows: Vec<Row> = s
        .sections
        .iter()
        .map(|sec| {
            let mut bars = vec![Bar {
                series: if s.groups.is_empty() {
                    String::new()
                } else {
                    series("All")
                },
                percent: sec.score,
                figure: match (&sec.score, &sec.band) {
                    (Some(p), Some(b)) => format!("{p}% {}", b.label),
                    (Some(p), None) => format!("{p}%"),
                    _ => "no score".into(),
                },
            }];
            for (g, (p, b)) in s.groups.iter().zip(&sec.groups) {
                bars.push(Bar {
                    series: g.name.clone(),
                    percent: *p,
                    figure: match (p, b) {
                        (Some(p), Some(b)) => format!("{p}% {}", b.label),
                        (Some(p), None) => format!("{p}%"),
                        _ => "no score".into(),
                    },
                });
            }
            Row {
                label: sec.title.clone(),
                bars,
            }
        })
        .collect();
    let question_rows: Vec<Row> = s
        .questions
        .iter()
        .map(|q| {
            let mut bars = vec![Bar {
                series: if s.groups.is_empty() {
                    String::new()
                } else {
                    "All".into()
                },
                percent: q.all.percent,
                figure: figure(
                    q.all.percent,
                    q.all.counts.positive,
                    q.all.applicable,
                    q.all.small,
                ),
            }];
            for (g, c) in s.groups.iter().zip(&q.groups) {
                bars.push(Bar {
                    series: g.name.clone(),
                    percent: c.percent,
                    figure: figure(c.percent, c.counts.positive, c.applicable, c.small),
                });
            }
            Row {
                label: q.code.clone(),
                bars,
            }
        })
        .collect();
    (
        chart(
            "chart-sections",
            "Section scores",
            "Bar chart of each section's score in per cent with its rating; the table below gives the same figures.",
            &section_rows,
        ),
        chart(
            "chart-questions",
            "Per cent positive by question",
            "Bar chart of the per cent of applicable returns answered positively, by question code; the table below gives the same figures.",
            &question_rows,
        ),
    )
}

/// Renders the report page.
pub fn render(model: &Model, theme: &Theme, s: &Summary) -> Result<String, String> {
    let mut ctx = crate::render::pages::base_context(model);
    ctx.insert("s", s);
    let (sections, questions) = charts(s);
    ctx.insert(
        "charts",
        &serde_json::json!({"sections": sections, "questions": questions}),
    );
    let css = theme
        .assets
        .get("style.css")
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .unwrap_or_default();
    ctx.insert("inline_css", &css);
    theme.tera.render("collect-report.html", &ctx).map_err(|e| {
        format!(
            "error: rendering the report with template collect-report.html: {}",
            error_chain(&e)
        )
    })
}
