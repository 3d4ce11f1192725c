//! `summary.csv` (one row per question) and `groups.csv` (one row per group and question).

use super::summary::{Cell, Summary};

const COLUMNS: [&str; 9] = [
    "positive",
    "partial",
    "applicable",
    "not_applicable",
    "unanswered",
    "percent",
    "negative",
    "rating",
    "small_number",
];

fn figures(c: &Cell) -> Vec<String> {
    vec![
        c.counts.positive.to_string(),
        c.counts.partial.to_string(),
        c.applicable.to_string(),
        c.counts.not_applicable.to_string(),
        c.counts.unanswered.to_string(),
        c.percent.map_or(String::new(), |p| p.to_string()),
        c.counts.negative.to_string(),
        c.band.as_ref().map_or(String::new(), |b| b.label.clone()),
        if c.small { "yes" } else { "no" }.into(),
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

/// One row per question: `question,code,text,positive,partial,applicable,not_applicable,
/// unanswered,percent`, then `negative,rating,small_number,section` (percent empty when the
/// question applied to no return).
pub fn questions(s: &Summary) -> Vec<u8> {
    let mut header = vec!["question", "code", "text"];
    header.extend(COLUMNS);
    header.push("section");
    let rows = s
        .questions
        .iter()
        .map(|q| {
            let mut r = vec![q.id.clone(), q.code.clone(), q.text.clone()];
            r.extend(figures(&q.all));
            r.push(q.section.clone());
            r
        })
        .collect();
    write(header, rows)
}

/// One row per group and question, for `--group-by`.
pub fn groups(s: &Summary) -> Vec<u8> {
    let mut header = vec!["group", "question", "code"];
    header.extend(COLUMNS);
    let mut rows = Vec::new();
    for (i, g) in s.groups.iter().enumerate() {
        for q in &s.questions {
            let mut r = vec![g.name.clone(), q.id.clone(), q.code.clone()];
            r.extend(figures(&q.groups[i]));
            rows.push(r);
        }
    }
    write(header, rows)
}
