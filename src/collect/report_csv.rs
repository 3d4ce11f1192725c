//! `summary.csv` (one row per question) and `groups.csv` (one row per group and question).
//!
//! Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage return
//! before one) as a formula, so a team named `=HYPERLINK(…)` in a return would become a live
//! link in whoever opens the file. Every text cell — anything taken from the returns or the
//! content: ids, codes, question text, group names, rating labels — that starts with one of
//! those characters gets a leading apostrophe, as the OWASP guidance on CSV injection advises.
//! The figures guidewright counts itself are written as plain numbers and are left as they
//! are, so they stay numbers in a spreadsheet (only a change between rounds, in
//! `changes.csv`, can be negative: a number such as `-3.5`, which a spreadsheet reads as one).

use super::summary::{Cell, Summary};

/// The characters a spreadsheet may read as the start of a formula.
pub const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A text cell made safe to open in a spreadsheet: a leading apostrophe when it starts with
/// one of [`FORMULA_STARTS`].
pub fn text(s: &str) -> String {
    if s.starts_with(FORMULA_STARTS) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

const COLUMNS: [&str; 12] = [
    "positive",
    "partial",
    "applicable",
    "not_applicable",
    "unanswered",
    "percent",
    "negative",
    "rating",
    "small_number",
    "ci_low",
    "ci_high",
    "suppressed",
];

/// A count, or an empty cell when the figure is suppressed.
fn count(c: &Cell, n: u32) -> String {
    if c.suppressed {
        String::new()
    } else {
        n.to_string()
    }
}

fn figures(c: &Cell) -> Vec<String> {
    let yes_no = |b: bool| if b { "yes" } else { "no" }.to_string();
    vec![
        count(c, c.counts.positive),
        count(c, c.counts.partial),
        c.applicable.to_string(),
        c.counts.not_applicable.to_string(),
        c.counts.unanswered.to_string(),
        c.percent.map_or(String::new(), |p| p.to_string()),
        count(c, c.counts.negative),
        c.band.as_ref().map_or(String::new(), |b| text(&b.label)),
        yes_no(c.small),
        c.ci.map_or(String::new(), |(lo, _)| format!("{lo:.1}")),
        c.ci.map_or(String::new(), |(_, hi)| format!("{hi:.1}")),
        yes_no(c.suppressed),
    ]
}

fn write(header: Vec<&str>, rows: Vec<Vec<String>>) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing to memory cannot fail.
    let _ = w.write_record(&header);
    for r in rows {
        let _ = w.write_record(&r);
    }
    w.into_inner().unwrap_or_default()
}

/// One row per question (and, with `--round`, per round, earlier rounds first, in a last
/// `round` column): `question,code,text,positive,partial,applicable,not_applicable,
/// unanswered,percent`, then `negative,rating,small_number,ci_low,ci_high,suppressed,section`
/// (percent empty when the question applied to no return; `ci_low` and `ci_high`, the 95%
/// Wilson interval in per cent to one decimal place, empty for a small number; the counts but
/// `applicable`, `not_applicable` and `unanswered` empty for a suppressed figure).
pub fn questions(s: &Summary) -> Vec<u8> {
    let mut header = vec!["question", "code", "text"];
    header.extend(COLUMNS);
    header.push("section");
    if s.round.is_some() {
        header.push("round");
    }
    let current = (s.round.clone().unwrap_or_default(), s.questions.clone());
    let rows = s
        .earlier
        .iter()
        .chain(std::iter::once(&current))
        .flat_map(|(round, qs)| {
            qs.iter().map(move |q| {
                let mut r = vec![text(&q.id), text(&q.code), text(&q.text)];
                r.extend(figures(&q.all));
                r.push(text(&q.section));
                if s.round.is_some() {
                    r.push(text(round));
                }
                r
            })
        })
        .collect();
    write(header, rows)
}

/// One row per question and pair of consecutive rounds: `question,code,from,to,
/// positive_from,applicable_from,percent_from,positive_to,applicable_to,percent_to,
/// change_points,z,meaningful` (`change_points` to one decimal place from the unrounded
/// proportions; `z` the pooled two-proportion statistic to two decimal places; `meaningful`
/// yes when |z| ≥ 1.96).
pub fn changes(s: &Summary) -> Vec<u8> {
    let header = vec![
        "question",
        "code",
        "from",
        "to",
        "positive_from",
        "applicable_from",
        "percent_from",
        "positive_to",
        "applicable_to",
        "percent_to",
        "change_points",
        "z",
        "meaningful",
    ];
    let mut rows = Vec::new();
    for q in &s.history {
        for (i, c) in q.changes.iter().enumerate() {
            let (a, b) = (&q.figures[i], &q.figures[i + 1]);
            let fig = |f: &super::rounds::RoundFigure| -> [String; 3] {
                if f.suppressed {
                    [String::new(), f.n.to_string(), String::new()]
                } else {
                    [
                        f.x.to_string(),
                        f.n.to_string(),
                        f.percent.map_or(String::new(), |p| p.to_string()),
                    ]
                }
            };
            let mut r = vec![text(&q.question), text(&q.code), text(&c.from), text(&c.to)];
            r.extend(fig(a));
            r.extend(fig(b));
            r.push(c.points.map_or(String::new(), |p| format!("{p:.1}")));
            r.push(c.z.map_or(String::new(), |z| format!("{z:.2}")));
            r.push(if c.meaningful { "yes" } else { "no" }.into());
            rows.push(r);
        }
    }
    write(header, rows)
}

/// One row per group and question, for `--group-by`.
pub fn groups(s: &Summary) -> Vec<u8> {
    let mut header = vec!["group", "question", "code"];
    header.extend(COLUMNS);
    let mut rows = Vec::new();
    for (i, g) in s.groups.iter().enumerate() {
        for q in &s.questions {
            let mut r = vec![text(&g.name), text(&q.id), text(&q.code)];
            r.extend(figures(&q.groups[i]));
            rows.push(r);
        }
    }
    write(header, rows)
}

/// One row per funnel plot and group: `kind,id,label,group,positive,applicable,percent,
/// overall_percent,lower_95,upper_95,lower_998,upper_998,position` (per cents to one decimal
/// place; the figures empty for a suppressed group).
pub fn funnel(s: &Summary) -> Vec<u8> {
    let header = vec![
        "kind",
        "id",
        "label",
        "group",
        "positive",
        "applicable",
        "percent",
        "overall_percent",
        "lower_95",
        "upper_95",
        "lower_998",
        "upper_998",
        "position",
    ];
    let one = |v: Option<f64>| v.map_or(String::new(), |v| format!("{v:.1}"));
    let mut rows = Vec::new();
    for f in &s.funnels {
        for p in &f.points {
            rows.push(vec![
                f.kind.clone(),
                text(f.anchor.trim_start_matches("funnel-")),
                text(&f.label),
                text(&p.group),
                if p.suppressed {
                    String::new()
                } else {
                    p.x.to_string()
                },
                p.n.to_string(),
                one(p.percent),
                format!("{:.1}", f.overall),
                one(p.limits95.map(|l| l.0)),
                one(p.limits95.map(|l| l.1)),
                one(p.limits998.map(|l| l.0)),
                one(p.limits998.map(|l| l.1)),
                p.position_words.clone(),
            ]);
        }
    }
    write(header, rows)
}

#[cfg(test)]
mod tests {
    use super::text;

    #[test]
    fn formula_starts_get_an_apostrophe_and_nothing_else_changes() {
        for (given, want) in [
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
            ("+1", "'+1"),
            ("-2", "'-2"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("\r=1", "'\r=1"),
            ("North", "North"),
            ("a=b", "a=b"),
            ("", ""),
            ("'quoted", "'quoted"),
        ] {
            assert_eq!(text(given), want, "{given:?}");
        }
    }
}
