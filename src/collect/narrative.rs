//! The words of a report: headline sentences, the rolled-up action plan and the methodology
//! (strengths and areas for improvement are chosen in [`super::highlights`]).

use super::returns::Return;
use super::summary::{ActionRow, Cell};
use crate::model::{Checklist, Question, ReportConfig, SectionScore};
use std::collections::BTreeMap;

fn plural(n: u32, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// "In 7 of 12 cases (58%; 95% CI 32% to 81%) where it applied, domestic abuse enquiries were
/// made." (the interval only when the number is not small). None when the question applied
/// to no case or its figure is suppressed.
pub fn headline(
    q: &Question,
    all: &Cell,
    unit: &str,
    units: &str,
    positive_label: &str,
) -> Option<String> {
    let p = all.percent?;
    let phrase = match &q.summary_phrase {
        Some(s) => s.trim_end_matches('.').to_string(),
        None => format!("the answer to {} was “{positive_label}”", q.code),
    };
    let interval = all
        .interval
        .as_ref()
        .map_or(String::new(), |i| format!("; {i}"));
    let mut s = format!(
        "In {} of {} ({p}%{interval}) where it applied, {phrase}",
        all.counts.positive,
        plural(all.applicable, unit, units)
    );
    if all.counts.partial > 0 {
        s.push_str(&format!(" (partly in a further {})", all.counts.partial));
    }
    s.push('.');
    Some(s)
}

/// One action as it accumulates over the returns.
#[derive(Default)]
struct Acc {
    action: String,
    returns: u32,
    owners: std::collections::BTreeSet<String>,
    due: String,
    statuses: BTreeMap<String, u32>,
}

fn normalise(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The action plans of every return, the same action (ignoring case and spacing) for the same
/// question counted once with how many returns raised it.
pub fn actions(c: &Checklist, returns: &[Return]) -> Vec<ActionRow> {
    let codes: Vec<(&str, &str)> = c
        .sections
        .iter()
        .flat_map(|s| s.questions.iter().map(|q| (q.id.as_str(), q.code.as_str())))
        .collect();
    let code_of = |q: &str| {
        let q = normalise(q);
        codes
            .iter()
            .position(|(id, code)| q.eq_ignore_ascii_case(code) || q == *id)
            .map_or((usize::MAX, q.clone()), |i| (i, codes[i].1.to_string()))
    };
    // (question order, question, action in lower case) → what was said about it.
    let mut rows: BTreeMap<(usize, String, String), Acc> = BTreeMap::new();
    for r in returns {
        for a in &r.actions {
            let Some(text) = a
                .get("action")
                .map(|t| normalise(t))
                .filter(|t| !t.is_empty())
            else {
                continue;
            };
            let (order, question) = code_of(a.get("question").map_or("", String::as_str));
            let e = rows
                .entry((order, question, text.to_lowercase()))
                .or_insert_with(|| Acc {
                    action: text.clone(),
                    ..Acc::default()
                });
            e.returns += 1;
            if let Some(o) = a
                .get("owner")
                .map(|o| normalise(o))
                .filter(|o| !o.is_empty())
            {
                e.owners.insert(o);
            }
            if let Some(d) = a.get("due").map(|d| normalise(d)).filter(|d| !d.is_empty()) {
                if e.due.is_empty() || d < e.due {
                    e.due = d;
                }
            }
            let status = a
                .get("status")
                .map(|s| normalise(s))
                .filter(|s| !s.is_empty());
            *e.statuses
                .entry(status.unwrap_or_else(|| "no status".into()))
                .or_default() += 1;
        }
    }
    let mut out: Vec<ActionRow> = rows
        .into_iter()
        .map(|((_, question, _), e)| ActionRow {
            question,
            action: e.action,
            returns: e.returns,
            owners: e.owners.into_iter().collect::<Vec<_>>().join(", "),
            earliest_due: e.due,
            statuses: e
                .statuses
                .into_iter()
                .map(|(s, n)| format!("{s} ({n})"))
                .collect::<Vec<_>>()
                .join(", "),
        })
        .collect();
    // Most often raised first within each question, which stay in checklist order.
    out.sort_by_key(|r| {
        (
            codes
                .iter()
                .position(|(_, c)| *c == r.question)
                .unwrap_or(usize::MAX),
            std::cmp::Reverse(r.returns),
        )
    });
    out
}

/// How the figures were made, in plain sentences.
pub fn methodology(
    cfg: &ReportConfig,
    unit: &str,
    units: &str,
    versions: &[String],
) -> Vec<String> {
    let bands = cfg
        .bands()
        .iter()
        .map(|b| format!("{} from {}%", b.label, b.from))
        .collect::<Vec<_>>()
        .join("; ");
    vec![
        format!("Each return is one {unit}, read from a filled PDF form or the HTML form's JSON or CSV export, and matched to the checklist by its id and version (read: {}). Files that are not returns, cannot be read, or repeat a case reference already read are listed as skipped and left out.", versions.join(", ")),
        format!("For each question, the percentage is the number of {units} answered with the positive answer (for example “Yes”) divided by the number where the question applied, rounded to the nearest whole number (halves round up). “Partly” answers are shown separately and are not counted as positive."),
        format!("“Not applicable” answers are left out of the number where the question applied. {} with no answer to a question are reported as unanswered and never counted.", capital(units)),
        match cfg.section_score {
            SectionScore::Lowest => "A section's score is the lowest percentage among its questions: a section is only as strong as its weakest question.".to_string(),
            SectionScore::Mean => "A section's score is the mean of its questions' percentages, rounded to the nearest whole number.".to_string(),
        },
        format!("Ratings use these bands: {bands}. Every rating is shown with its text label."),
        format!("Every percentage is given with its number of {units} (“36% (4 of 11)”). Where at least {} {units} applied, it also carries a 95% confidence interval: the Wilson score interval, (p + z²/2n ± z·sqrt(p(1−p)/n + z²/4n²)) / (1 + z²/n) with z = 1.96, the range within which the true proportion lies with 95% confidence.", cfg.minimum_answers()),
        format!("Percentages based on fewer than {} {units} carry a caveat: small numbers can change a lot with one {unit}, so read them with care.", cfg.minimum_answers()),
        match cfg.suppress_below() {
            0 => "No figure is suppressed.".to_string(),
            k => format!("Figures based on fewer than {k} {units} are suppressed (shown as “suppressed”, with no count, percentage or rating), to protect the people in them; a section score that would depend on a suppressed figure is suppressed too."),
        },
        "Evidence text and other free text are left out of this report unless it was compiled with --include-evidence.".to_string(),
    ]
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}
