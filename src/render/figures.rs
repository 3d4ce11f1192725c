//! The figures of a set of inspection findings as both the web page and the PDF show them:
//! the sample ("1,945 case assessments in 43 inspections"), each row's percentage rounded as
//! the rest of the table, a caption naming the denominators, and figures on small numbers
//! flagged with a note.

use super::views::thousands;
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
pub fn sample_text(sample: &Sample) -> String {
    let mut s = format!("{} {}", thousands(sample.count), sample.unit);
    if let Some(n) = sample.inspections {
        let noun = if n == 1 { "inspection" } else { "inspections" };
        s.push_str(&format!(" in {} {noun}", thousands(n)));
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

/// `p` rounded to `decimals` places (0 or 1), halves away from zero: 52.5 → "53".
pub fn rounded(p: f64, decimals: usize) -> String {
    if decimals == 0 {
        format!("{:.0}", p.round())
    } else {
        format!("{:.1}", (p * 10.0).round() / 10.0)
    }
}

/// The title of the findings' chart: the author's message, or one naming the highest
/// figure ("Highest of 2 figures: … in 31% of case assessments"), rounded as the table.
pub fn chart_title(f: &Findings) -> String {
    if let Some(t) = &f.chart_title {
        return t.clone();
    }
    let top = f
        .statistics
        .iter()
        .max_by(|a, b| a.percent().total_cmp(&b.percent()));
    let pct = |s: &Statistic| rounded(s.percent(), decimals(f));
    match top {
        Some(s) if f.statistics.len() > 1 => format!(
            "Highest of {} figures: {} in {}% of {}",
            f.statistics.len(),
            s.label,
            pct(s),
            f.sample.unit
        ),
        Some(s) => format!("{} in {}% of {}", s.label, pct(s), f.sample.unit),
        None => f.title.clone(),
    }
}

/// The table of `f`'s statistics; a denominator under `small_below` is a small number.
pub fn table(f: &Findings, small_below: u64) -> Table {
    let places = decimals(f);
    let sample = sample_text(&f.sample);
    let rows: Vec<Row> = f
        .statistics
        .iter()
        .map(|s| row(s, places, small_below))
        .collect();
    let small_note = rows.iter().any(|r| r.small).then(|| {
        format!(
            "“Small number” marks a percentage based on fewer than {small_below} {}: read it with care.",
            f.sample.unit
        )
    });
    Table {
        caption: caption(f, &sample),
        sample,
        rows,
        small_note,
    }
}

fn row(s: &Statistic, places: usize, small_below: u64) -> Row {
    let pct = rounded(s.percent(), places);
    let small = s.denominator < small_below;
    let mut figure = format!(
        "{pct}% ({} of {}",
        thousands(s.numerator),
        thousands(s.denominator)
    );
    figure.push_str(if small { "; small number)" } else { ")" });
    Row {
        label: s.label.clone(),
        numerator: thousands(s.numerator),
        denominator: thousands(s.denominator),
        percent: format!("{pct}%"),
        bar: s.percent(),
        small,
        figure,
    }
}

/// "The figures in the chart, out of {sample}" when every row counts the whole sample; out of
/// their shared number when they share another; otherwise each row's own.
fn caption(f: &Findings, sample: &str) -> String {
    let first = f.statistics.first().map(|s| s.denominator);
    let shared = first.filter(|d| f.statistics.iter().all(|s| s.denominator == *d));
    match shared {
        Some(d) if d == f.sample.count => format!("The figures in the chart, out of {sample}"),
        Some(d) => format!(
            "The figures in the chart, each out of {} of the {sample}",
            thousands(d)
        ),
        None => {
            let each: Vec<String> = f
                .statistics
                .iter()
                .map(|s| format!("{} out of {}", s.label, thousands(s.denominator)))
                .collect();
            format!(
                "The figures in the chart, each out of its own total: {}",
                each.join("; ")
            )
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
        assert_eq!(sample_text(&f.sample), "40 cases in 1 inspection");
        let f = findings("  []\n", 1200);
        assert_eq!(sample_text(&f.sample), "40 cases in 1,200 inspections");
    }

    #[test]
    fn percentages_are_rounded_as_the_rest_of_the_table() {
        // 10 of 19 is 52.63…%: beside a stated whole 31 it is shown as 53.
        let whole = "  - {id: a, label: A, numerator: 12, denominator: 40, percentage: 30}\n  - {id: b, label: B, numerator: 10, denominator: 19}\n";
        let t = table(&findings(whole, 2), 10);
        let shown: Vec<&str> = t.rows.iter().map(|r| r.percent.as_str()).collect();
        assert_eq!(shown, ["30%", "53%"]);
        assert_eq!(t.rows[1].figure, "53% (10 of 19)");
        // A stated 30.5 gives the table one decimal place: 10 of 19 is then 52.6.
        let half = whole.replace("percentage: 30}", "percentage: 30.5}");
        let t = table(&findings(&half, 2), 10);
        let shown: Vec<&str> = t.rows.iter().map(|r| r.percent.as_str()).collect();
        assert_eq!(shown, ["30.5%", "52.6%"]);
        // Nothing stated: whole numbers. 1 of 8 is 12.5%, rounded half up to 13.
        let none = "  - {id: a, label: A, numerator: 1, denominator: 8}\n";
        assert_eq!(table(&findings(none, 2), 0).rows[0].percent, "13%");
    }

    #[test]
    fn the_caption_names_each_rows_denominator_when_they_differ() {
        let same = "  - {id: a, label: A, numerator: 1, denominator: 40}\n  - {id: b, label: B, numerator: 2, denominator: 40}\n";
        assert_eq!(
            table(&findings(same, 2), 10).caption,
            "The figures in the chart, out of 40 cases in 2 inspections"
        );
        let shared = same.replace("denominator: 40", "denominator: 30");
        assert_eq!(
            table(&findings(&shared, 2), 10).caption,
            "The figures in the chart, each out of 30 of the 40 cases in 2 inspections"
        );
        let differ = same.replacen("denominator: 40", "denominator: 1250", 1);
        assert_eq!(
            table(&findings(&differ, 2), 10).caption,
            "The figures in the chart, each out of its own total: A out of 1,250; B out of 40"
        );
    }

    #[test]
    fn figures_under_the_threshold_are_flagged_with_a_note() {
        let stats = "  - {id: a, label: A, numerator: 3, denominator: 9}\n  - {id: b, label: B, numerator: 5, denominator: 10}\n";
        let t = table(&findings(stats, 2), 10);
        let small: Vec<bool> = t.rows.iter().map(|r| r.small).collect();
        assert_eq!(small, [true, false], "9 is under 10; 10 is not");
        assert_eq!(t.rows[0].figure, "33% (3 of 9; small number)");
        assert_eq!(
            t.small_note.as_deref(),
            Some("“Small number” marks a percentage based on fewer than 10 cases: read it with care.")
        );
        // A lower threshold flags nothing, and there is no note.
        let t = table(&findings(stats, 2), 5);
        assert!(t.rows.iter().all(|r| !r.small) && t.small_note.is_none());
    }
}
