//! `index.html`: the report as one self-contained, accessible page in the site's theme
//! (template `collect-report.html`, the theme's `style.css` inline).

use super::summary::Summary;
use crate::model::Model;
use crate::render::charts::{chart, Bar, Row};
use crate::render::theme::{error_chain, escape_html, Theme};

/// The section and question charts.
fn charts(s: &Summary, loc: &crate::locale::Locale) -> (String, String) {
    let series = |name: &str| name.to_string();
    let section_rows: Vec<Row> = s
        .sections
        .iter()
        .map(|sec| {
            let mut bars = vec![Bar {
                series: if s.groups.is_empty() {
                    String::new()
                } else {
                    series(loc.get("report_all"))
                },
                percent: sec.score,
                figure: sec.figure.clone(),
            }];
            for (g, c) in s.groups.iter().zip(&sec.groups) {
                bars.push(Bar {
                    series: g.name.clone(),
                    percent: c.score,
                    figure: c.figure.clone(),
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
                    loc.get("report_all").into()
                },
                percent: q.all.percent,
                figure: q.all.figure.clone(),
            }];
            for (g, c) in s.groups.iter().zip(&q.groups) {
                bars.push(Bar {
                    series: g.name.clone(),
                    percent: c.percent,
                    figure: c.figure.clone(),
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
            loc.get("report_section_scores"),
            loc.get("report_chart_sections_alt"),
            &section_rows,
        ),
        chart(
            "chart-questions",
            loc.get("report_per_cent_by_question"),
            loc.get("report_chart_questions_alt"),
            &question_rows,
        ),
    )
}

/// Messages (why a file was skipped, problems in a return) mark names and values with
/// backticks, as on the terminal; in the page each such span becomes a `<code>` element and
/// the rest is escaped. A backtick without a partner is kept as it is.
pub fn code_spans(text: &str) -> String {
    let parts: Vec<&str> = text.split('`').collect();
    let mut out = String::new();
    for (i, part) in parts.iter().enumerate() {
        let escaped = escape_html(part);
        // Odd parts lie between two backticks, unless the last backtick has no partner.
        if i % 2 == 1 && i + 1 < parts.len() {
            out += &format!("<code>{escaped}</code>");
        } else if i % 2 == 1 {
            out += &format!("`{escaped}");
        } else {
            out += &escaped;
        }
    }
    out
}

fn code_spans_filter(
    value: &tera::Value,
    _: &std::collections::HashMap<String, tera::Value>,
) -> tera::Result<tera::Value> {
    let text = tera::try_get_value!("code_spans", "value", String, value);
    Ok(tera::Value::String(code_spans(&text)))
}

/// Renders the report page.
pub fn render(model: &Model, theme: &Theme, s: &Summary) -> Result<String, String> {
    let mut ctx = crate::render::pages::base_context(model);
    ctx.insert("s", s);
    // The unit with its article and after "of", as the report's language builds them.
    let grammar: std::collections::BTreeMap<&str, String> = theme
        .locale
        .unit_args(&s.unit, &s.units)
        .into_iter()
        .collect();
    ctx.insert("grammar", &grammar);
    let (sections, questions) = charts(s, &theme.locale);
    ctx.insert(
        "charts",
        &serde_json::json!({"sections": sections, "questions": questions}),
    );
    // Each funnel with its plot, sections' and questions' apart.
    let plot = |kind: &str| -> Vec<serde_json::Value> {
        s.funnels
            .iter()
            .filter(|f| f.kind == kind)
            .map(|f| {
                let n = if kind == "section" {
                    theme.locale.get("report_n_answers").to_string()
                } else {
                    let args = theme.locale.unit_args(&s.unit, &s.units);
                    let args: Vec<(&str, &str)> =
                        args.iter().map(|(n, v)| (*n, v.as_str())).collect();
                    theme.locale.fmt("report_n_units", &args)
                };
                serde_json::json!({"f": f, "svg": super::funnel_svg::svg(f, &n, &theme.locale)})
            })
            .collect()
    };
    ctx.insert("section_funnels", &plot("section"));
    ctx.insert(
        "trend",
        &super::trend_svg::svg(&s.section_history, &theme.locale),
    );
    ctx.insert("question_funnels", &plot("question"));
    let css = theme
        .assets
        .get("style.css")
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .unwrap_or_default();
    ctx.insert("inline_css", &css);
    // The report's own filter, on a copy of the theme's templates (one page is rendered).
    let mut tera = theme.tera.clone();
    tera.register_filter("code_spans", code_spans_filter);
    tera.render("collect-report.html", &ctx).map_err(|e| {
        format!(
            "error: rendering the report with template collect-report.html: {}",
            error_chain(&e)
        )
    })
}

#[cfg(test)]
mod tests {
    use super::code_spans;

    #[test]
    fn backtick_spans_become_code_and_the_rest_is_escaped() {
        assert_eq!(
            code_spans("a return for version `0.9`, not `1.0` <b>"),
            "a return for version <code>0.9</code>, not <code>1.0</code> &lt;b&gt;"
        );
        assert_eq!(code_spans("`<x>`"), "<code>&lt;x&gt;</code>");
        assert_eq!(code_spans("one ` alone"), "one ` alone");
        assert_eq!(code_spans("plain"), "plain");
    }
}
