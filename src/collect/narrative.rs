//! The words of a report: headline sentences, the rolled-up action plan and the methodology
//! (strengths and areas for improvement are chosen in [`super::highlights`]).

use super::returns::Return;
use super::summary::{ActionRow, Cell};
use crate::locale::Locale;
use crate::model::{Checklist, Question, ReportConfig, SectionScore};
use std::collections::BTreeMap;

/// "12 cases" ("1 case"): a number of units in `loc`'s language.
fn count(n: u32, (unit, units): (&str, &str), loc: &Locale) -> String {
    let key = if n == 1 {
        "report_count_one"
    } else {
        "report_count_many"
    };
    let mut args = loc.unit_args(unit, units);
    args.push(("n", n.to_string()));
    let args: Vec<(&str, &str)> = args.iter().map(|(n, v)| (*n, v.as_str())).collect();
    loc.fmt(key, &args)
}

/// "In 7 of 12 cases (58%; 95% CI 32% to 81%) where it applied, domestic abuse enquiries were
/// made." (the interval only when the number is not small), in `loc`'s language. None when
/// the question applied to no case or its figure is suppressed.
pub fn headline(
    q: &Question,
    all: &Cell,
    units: (&str, &str),
    positive_label: &str,
    loc: &Locale,
) -> Option<String> {
    let p = all.percent?;
    let phrase = match &q.summary_phrase {
        Some(s) => s.trim_end_matches('.').to_string(),
        None => loc.fmt(
            "report_hl_phrase",
            &[("code", &q.code), ("label", positive_label)],
        ),
    };
    let interval = all
        .interval
        .as_ref()
        .map_or(String::new(), |i| format!("; {i}"));
    let mut s = loc.fmt(
        "report_hl",
        &[
            ("positive", &all.counts.positive.to_string()),
            ("count", &count(all.applicable, units, loc)),
            ("percent", &p.to_string()),
            ("interval", &interval),
            ("phrase", &phrase),
        ],
    );
    if all.counts.partial > 0 {
        s.push_str(&loc.fmt(
            "report_hl_partly",
            &[("n", &all.counts.partial.to_string())],
        ));
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
/// question counted once with how many returns raised it (an action without a status is
/// counted under `loc`'s "no status").
pub fn actions(c: &Checklist, returns: &[Return], loc: &Locale) -> Vec<ActionRow> {
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
                .entry(status.unwrap_or_else(|| loc.get("report_no_status").into()))
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

/// How the figures were made, in plain sentences of `loc`'s language.
pub fn methodology(
    cfg: &ReportConfig,
    (unit, units): (&str, &str),
    versions: &[String],
    loc: &Locale,
) -> Vec<String> {
    let bands = cfg
        .bands()
        .iter()
        .map(|b| {
            loc.fmt(
                "report_m_band",
                &[("label", &b.label), ("from", &b.from.to_string())],
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    let min = cfg.minimum_answers().to_string();
    let k = cfg.suppress_below().to_string();
    let grammar = loc.unit_args(unit, units);
    let mut args: Vec<(&str, &str)> = grammar.iter().map(|(n, v)| (*n, v.as_str())).collect();
    let capital = capital(units);
    let versions = versions.join(", ");
    args.extend([
        ("units_capital", capital.as_str()),
        ("versions", &versions),
        ("bands", &bands),
        ("min", &min),
        ("k", &k),
    ]);
    let score = match cfg.section_score {
        SectionScore::Lowest => "report_m_lowest",
        SectionScore::Mean => "report_m_mean",
    };
    let suppress = match cfg.suppress_below() {
        0 => "report_m_no_suppress",
        _ => "report_m_suppress",
    };
    [
        "report_m_returns",
        "report_m_percent",
        "report_m_na",
        score,
        "report_m_bands",
        "report_m_ci",
        "report_m_small",
        suppress,
        "report_m_evidence",
    ]
    .iter()
    .map(|key| loc.fmt(key, &args))
    .collect()
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}
