//! The figures of a set of inspection findings as both the web page and the PDF show them:
//! the sample ("1,945 case assessments in 43 inspections"), each row's percentage rounded as
//! the rest of the table, a caption naming the denominators, and figures on small numbers
//! flagged with a note.

use crate::locale::Locale;
use crate::model::{Findings, Sample, Statistic};

/// The default of `site.yaml`'s `small_number_threshold`.
pub const DEFAULT_SMALL_NUMBER: u64 = 10;

/// One row of a findings table.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub label: String,
    pub numerator: String,
    pub denominator: String,
    /// "31%", rounded as the rest of the table.
    pub percent: String,
    /// The percentage the bar is drawn to (unrounded).
    pub bar: f64,
    /// Whether the denominator is under the small-number threshold.
    pub small: bool,
    /// The words beside the chart's bar: "31% (603 of 1,945)", "; small number" added.
    pub figure: String,
}

/// A findings table: rows, caption and the small-number note when a row is flagged.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub sample: String,
    pub rows: Vec<Row>,
    pub caption: String,
    pub small_note: Option<String>,
}

/// "1,945 case assessments in 43 inspections" ("in 1 inspection").
pub fn sample_text(sample: &Sample, loc: &Locale) -> String {
    let mut s = format!("{} {}", loc.thousands(sample.count), sample.unit);
    if let Some(n) = sample.inspections {
        let key = if n == 1 {
            "findings_in_inspection_one"
        } else {
            "findings_in_inspections"
        };
        s.push_str(&loc.fmt(key, &[("n", &loc.thousands(n))]));
    }
    s
}

/// Decimal places the findings' percentages are shown with: one when any stated percentage
/// has a fraction (to one place), else none, so a computed 52.6 is not shown beside 31.
pub fn decimals(f: &Findings) -> usize {
    let fractional = f
        .statistics
        .iter()
        .filter_map(|s| s.percentage)
        .any(|p| ((p * 10.0).round() / 10.0).fract() != 0.0);
    usize::from(fractional)
}

/// `p` rounded to `decimals` places (0 or 1), halves away from zero: 52.5 → "53", with the
/// locale's decimal separator.
pub fn rounded(p: f64, decimals: usize, loc: &Locale) -> String {
    if decimals == 0 {
        format!("{:.0}", p.round())
    } else {
        format!("{:.1}", (p * 10.0).round() / 10.0).replace('.', loc.get("decimal_separator"))
    }
}

/// The title of the findings' chart: the author's message, or one naming the highest
/// figure ("Highest of 2 figures: … in 31% of case assessments"), rounded as the table.
pub fn chart_title(f: &Findings, loc: &Locale) -> String {
    if let Some(t) = &f.chart_title {
        return t.clone();
    }
    let top = f
        .statistics
        .iter()
        .max_by(|a, b| a.percent().total_cmp(&b.percent()));
    let Some(s) = top else {
        return f.title.clone();
    };
    let key = if f.statistics.len() > 1 {
        "chart_highest"
    } else {
        "chart_single"
    };
    loc.fmt(
        key,
        &[
            ("n", &f.statistics.len().to_string()),
            ("label", &s.label),
            ("percent", &rounded(s.percent(), decimals(f), loc)),
            ("unit", &f.sample.unit),
            ("of_unit", &loc.of(&f.sample.unit)),
        ],
    )
}

/// The table of `f`'s statistics; a denominator under `small_below` is a small number.
pub fn table(f: &Findings, small_below: u64, loc: &Locale) -> Table {
    let places = decimals(f);
    let sample = sample_text(&f.sample, loc);
    let rows: Vec<Row> = f
        .statistics
        .iter()
        .map(|s| row(s, places, small_below, loc))
        .collect();
    let small_note = rows.iter().any(|r| r.small).then(|| {
        loc.fmt(
            "findings_small_note",
            &[("n", &small_below.to_string()), ("unit", &f.sample.unit)],
        )
    });
    Table {
        caption: caption(f, &sample, loc),
        sample,
        rows,
        small_note,
    }
}

fn row(s: &Statistic, places: usize, small_below: u64, loc: &Locale) -> Row {
    let pct = rounded(s.percent(), places, loc);
    let small = s.denominator < small_below;
    let key = if small {
        "chart_figure_small"
    } else {
        "chart_figure"
    };
    let figure = loc.fmt(
        key,
        &[
            ("percent", &pct),
            ("numerator", &loc.thousands(s.numerator)),
            ("denominator", &loc.thousands(s.denominator)),
        ],
    );
    Row {
        label: s.label.clone(),
        numerator: loc.thousands(s.numerator),
        denominator: loc.thousands(s.denominator),
        percent: format!("{pct}%"),
        bar: s.percent(),
        small,
        figure,
    }
}

/// "The figures in the chart, out of {sample}" when every row counts the whole sample; out of
/// their shared number when they share another; otherwise each row's own.
fn caption(f: &Findings, sample: &str, loc: &Locale) -> String {
    let first = f.statistics.first().map(|s| s.denominator);
    let shared = first.filter(|d| f.statistics.iter().all(|s| s.denominator == *d));
    match shared {
        Some(d) if d == f.sample.count => loc.fmt("findings_table_caption", &[("sample", sample)]),
        Some(d) => loc.fmt(
            "findings_caption_shared",
            &[("n", &loc.thousands(d)), ("sample", sample)],
        ),
        None => {
            let each: Vec<String> = f
                .statistics
                .iter()
                .map(|s| {
                    loc.fmt(
                        "findings_caption_row",
                        &[("label", &s.label), ("n", &loc.thousands(s.denominator))],
                    )
                })
                .collect();
            loc.fmt("findings_caption_each", &[("each", &each.join("; "))])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn findings(stats: &str, inspections: u32) -> Findings {
        serde_yaml::from_str(&format!(
            "title: T\nsource: {{publication: P}}\nsample: {{count: 40, unit: cases, inspections: {inspections}}}\nstatistics:\n{stats}"
        ))
        .unwrap()
    }

    #[test]
    fn one_inspection_is_singular() {
        let f = findings("  []\n", 1);
        assert_eq!(
            sample_text(&f.sample, &Locale::english()),
            "40 cases in 1 inspection"
        );
        let f = findings("  []\n", 1200);
        assert_eq!(
            sample_text(&f.sample, &Locale::english()),
            "40 cases in 1,200 inspections"
        );
    }

    #[test]
    fn percentages_are_rounded_as_the_rest_of_the_table() {
        // 10 of 19 is 52.63…%: beside a stated whole 31 it is shown as 53.
        let whole = "  - {id: a, label: A, numerator: 12, denominator: 40, percentage: 30}\n  - {id: b, label: B, numerator: 10, denominator: 19}\n";
        let t = table(&findings(whole, 2), 10, &Locale::english());
        let shown: Vec<&str> = t.rows.iter().map(|r| r.percent.as_str()).collect();
        assert_eq!(shown, ["30%", "53%"]);
        assert_eq!(t.rows[1].figure, "53% (10 of 19)");
        // A stated 30.5 gives the table one decimal place: 10 of 19 is then 52.6.
        let half = whole.replace("percentage: 30}", "percentage: 30.5}");
        let t = table(&findings(&half, 2), 10, &Locale::english());
        let shown: Vec<&str> = t.rows.iter().map(|r| r.percent.as_str()).collect();
        assert_eq!(shown, ["30.5%", "52.6%"]);
        // Nothing stated: whole numbers. 1 of 8 is 12.5%, rounded half up to 13.
        let none = "  - {id: a, label: A, numerator: 1, denominator: 8}\n";
        assert_eq!(
            table(&findings(none, 2), 0, &Locale::english()).rows[0].percent,
            "13%"
        );
    }

    #[test]
    fn the_caption_names_each_rows_denominator_when_they_differ() {
        let same = "  - {id: a, label: A, numerator: 1, denominator: 40}\n  - {id: b, label: B, numerator: 2, denominator: 40}\n";
        assert_eq!(
            table(&findings(same, 2), 10, &Locale::english()).caption,
            "The figures in the chart, out of 40 cases in 2 inspections"
        );
        let shared = same.replace("denominator: 40", "denominator: 30");
        assert_eq!(
            table(&findings(&shared, 2), 10, &Locale::english()).caption,
            "The figures in the chart, each out of 30 of the 40 cases in 2 inspections"
        );
        let differ = same.replacen("denominator: 40", "denominator: 1250", 1);
        assert_eq!(
            table(&findings(&differ, 2), 10, &Locale::english()).caption,
            "The figures in the chart, each out of its own total: A out of 1,250; B out of 40"
        );
    }

    #[test]
    fn figures_under_the_threshold_are_flagged_with_a_note() {
        let stats = "  - {id: a, label: A, numerator: 3, denominator: 9}\n  - {id: b, label: B, numerator: 5, denominator: 10}\n";
        let t = table(&findings(stats, 2), 10, &Locale::english());
        let small: Vec<bool> = t.rows.iter().map(|r| r.small).collect();
        assert_eq!(small, [true, false], "9 is under 10; 10 is not");
        assert_eq!(t.rows[0].figure, "33% (3 of 9; small number)");
        assert_eq!(
            t.small_note.as_deref(),
            Some("“Small number” marks a percentage based on fewer than 10 cases: read it with care.")
        );
        // A lower threshold flags nothing, and there is no note.
        let t = table(&findings(stats, 2), 5, &Locale::english());
        assert!(t.rows.iter().all(|r| !r.small) && t.small_note.is_none());
    }
}
