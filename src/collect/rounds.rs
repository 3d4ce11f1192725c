//! Change between audit rounds (`--round LABEL=PATH`, the last given being the current
//! round): each question's figure in every round, and the change from each round to the next
//! in percentage points with a two-proportion z-test at 95%. Only a change the test finds
//! meaningful is described as an improvement or a decline.
//!
//! The test is the pooled two-proportion z-test: `z = (p2 − p1) / √(p(1−p)(1/n1 + 1/n2))`,
//! with `p` the two rounds' positives over their applicable answers together; the change is
//! meaningful when `|z| ≥ 1.96`. Written by hand: three lines of arithmetic.

use super::returns::Skipped;
use super::stats::{one_decimal, Z95};
use super::summary::Summary;
use super::CollectOptions;
use crate::locale::Locale;
use serde::Serialize;
use std::path::PathBuf;

/// One question's figure in one round.
#[derive(Debug, Clone, Serialize)]
pub struct RoundFigure {
    pub round: String,
    pub x: u32,
    pub n: u32,
    pub percent: Option<u32>,
    pub suppressed: bool,
    /// As the report prints it ("36% (4 of 11; 95% CI 15% to 65%)").
    pub figure: String,
}

/// The change in one question from one round to the next.
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    pub question: String,
    pub code: String,
    pub from: String,
    pub to: String,
    /// In percentage points, to one decimal place (from the unrounded proportions).
    pub points: Option<f64>,
    /// The z statistic, to two decimal places; none when either round has no figure or
    /// both proportions are 0 or 1 alike.
    pub z: Option<f64>,
    pub meaningful: bool,
    /// "up 12.5 points, a meaningful improvement", "down 3.0 points, within chance".
    pub words: String,
}

/// One question across the rounds.
#[derive(Debug, Clone, Serialize)]
pub struct QuestionRounds {
    pub question: String,
    pub code: String,
    pub text: String,
    /// In round order.
    pub figures: Vec<RoundFigure>,
    /// From each round to the next.
    pub changes: Vec<Change>,
}

/// The pooled two-proportion z statistic for `x1/n1` to `x2/n2`.
pub fn two_proportion_z(x1: u32, n1: u32, x2: u32, n2: u32) -> Option<f64> {
    if n1 == 0 || n2 == 0 {
        return None;
    }
    let (p1, p2) = (f64::from(x1) / f64::from(n1), f64::from(x2) / f64::from(n2));
    // In f64: counts read from an earlier report's data.json may be as large as u32 holds.
    let p = (f64::from(x1) + f64::from(x2)) / (f64::from(n1) + f64::from(n2));
    let se = (p * (1.0 - p) * (1.0 / f64::from(n1) + 1.0 / f64::from(n2))).sqrt();
    (se > 0.0).then(|| (p2 - p1) / se)
}

fn change(q: (&str, &str), a: &RoundFigure, b: &RoundFigure, loc: &Locale) -> Change {
    let live = |f: &RoundFigure| f.n > 0 && !f.suppressed;
    let both = live(a) && live(b);
    let points = both
        .then(|| one_decimal(f64::from(b.x) / f64::from(b.n) - f64::from(a.x) / f64::from(a.n)));
    let z = two_proportion_z(a.x, a.n, b.x, b.n).filter(|_| both);
    let meaningful = z.is_some_and(|z| z.abs() >= Z95);
    let shown = |d: f64| format!("{:.1}", d.abs()).replace('.', loc.get("decimal_separator"));
    let words = match (points, z) {
        (None, _) => loc.get("report_change_no_figure").to_string(),
        (Some(0.0), _) => loc.get("report_change_none").to_string(),
        (Some(d), Some(z)) if meaningful => {
            let key = match z > 0.0 {
                true => "report_change_up_meaningful",
                false => "report_change_down_meaningful",
            };
            loc.fmt(key, &[("points", &shown(d))])
        }
        (Some(d), _) => {
            let key = match d > 0.0 {
                true => "report_change_up",
                false => "report_change_down",
            };
            loc.fmt(key, &[("points", &shown(d))])
        }
    };
    Change {
        question: q.0.into(),
        code: q.1.into(),
        from: a.round.clone(),
        to: b.round.clone(),
        points,
        z: z.map(|z| (z * 100.0).round() / 100.0),
        meaningful,
        words,
    }
}

/// A section's score in one round.
#[derive(Debug, Clone, Serialize)]
pub struct SectionPoint {
    pub id: String,
    pub round: String,
    pub score: Option<u32>,
    pub rating: Option<String>,
    pub suppressed: bool,
}

/// A section's score across the rounds (a score, not a proportion: shown, not tested).
#[derive(Debug, Clone, Serialize)]
pub struct SectionRounds {
    pub id: String,
    pub title: String,
    pub points: Vec<SectionPoint>,
}

/// An earlier report read with `--compare`.
pub struct Previous {
    pub label: String,
    pub figures: Figures,
    pub returns: usize,
    pub sections: Vec<SectionPoint>,
}

fn section_points(s: &Summary) -> Vec<SectionPoint> {
    s.sections
        .iter()
        .map(|x| SectionPoint {
            id: x.id.clone(),
            round: String::new(),
            score: x.score,
            rating: x.band.as_ref().map(|b| b.label.clone()),
            suppressed: x.suppressed,
        })
        .collect()
}

/// A round's figures by question id, as read from its returns or from an earlier report's
/// `data.json`.
pub type Figures = std::collections::BTreeMap<String, RoundFigure>;

/// A compiled round's figures.
pub fn figures(label: &str, s: &Summary) -> Figures {
    s.questions
        .iter()
        // A question no return of the round was asked is new since (not a figure of 0).
        .filter(|q| s.returns == 0 || (q.not_asked as usize) < s.returns)
        .map(|q| {
            let c = &q.all;
            let f = RoundFigure {
                round: label.into(),
                x: c.counts.positive,
                n: c.applicable,
                percent: c.percent,
                suppressed: c.suppressed,
                figure: c.figure.clone(),
            };
            (q.id.clone(), f)
        })
        .collect()
}

/// Every question of the current round (`current`) across the rounds (`rounds` in order,
/// the current one last), matched by id; a question an earlier round did not have is shown
/// as new there.
pub fn compare(
    current: &Summary,
    rounds: &[(String, Figures)],
    loc: &Locale,
) -> Vec<QuestionRounds> {
    current
        .questions
        .iter()
        .map(|q| {
            let figures: Vec<RoundFigure> = rounds
                .iter()
                .map(|(label, fs)| {
                    fs.get(&q.id).cloned().unwrap_or_else(|| RoundFigure {
                        round: label.clone(),
                        x: 0,
                        n: 0,
                        percent: None,
                        suppressed: false,
                        figure: loc.get("report_not_asked").into(),
                    })
                })
                .collect();
            let changes = figures
                .windows(2)
                .map(|w| change((&q.id, &q.code), &w[0], &w[1], loc))
                .collect();
            QuestionRounds {
                question: q.id.clone(),
                code: q.code.clone(),
                text: q.text.clone(),
                figures,
                changes,
            }
        })
        .collect()
}

/// Questions of earlier rounds that the current round no longer has, as "A9 (2024-Q2)".
pub fn discontinued(current: &Summary, rounds: &[(String, Figures)]) -> Vec<String> {
    let mut out = Vec::new();
    for (label, fs) in rounds {
        for id in fs.keys() {
            if !current.questions.iter().any(|q| &q.id == id) {
                out.push(format!("{id} ({label})"));
            }
        }
    }
    out
}

/// The rounds to read: those given with `--round` (a label given twice gathers its paths), or
/// the paths given as one unnamed round.
pub fn round_paths(opts: &CollectOptions) -> Vec<(String, Vec<PathBuf>)> {
    if opts.rounds.is_empty() {
        return vec![(String::new(), opts.paths.clone())];
    }
    let mut out: Vec<(String, Vec<PathBuf>)> = Vec::new();
    for (label, path) in &opts.rounds {
        match out.iter_mut().find(|r| &r.0 == label) {
            Some(r) => r.1.push(path.clone()),
            None => out.push((label.clone(), vec![path.clone()])),
        }
    }
    out
}

/// Adds the earlier rounds to the current round's summary: every question's figure in each
/// round and the change from round to round; files skipped in earlier rounds are listed with
/// their round.
pub fn with_rounds(
    summary: &mut Summary,
    earlier: Vec<(String, Summary)>,
    previous: Option<Previous>,
    label: String,
    loc: &Locale,
) {
    let prev_returns = previous.as_ref().map(|p| (p.label.clone(), p.returns));
    let mut trend: Vec<(String, Vec<SectionPoint>)> = previous
        .as_ref()
        .map(|p| (p.label.clone(), p.sections.clone()))
        .into_iter()
        .collect();
    trend.extend(earlier.iter().map(|(l, s)| (l.clone(), section_points(s))));
    trend.push((label.clone(), section_points(summary)));
    let mut all: Vec<(String, Figures)> =
        previous.into_iter().map(|p| (p.label, p.figures)).collect();
    all.extend(earlier.iter().map(|(l, s)| (l.clone(), figures(l, s))));
    all.push((label.clone(), figures(&label, summary)));
    if all.len() < 2 {
        // One round: nothing to compare with.
        summary.rounds = vec![(label.clone(), Some(summary.returns))];
        summary.round = Some(label);
        return;
    }
    let history = compare(summary, &all, loc);
    summary.section_history = summary
        .sections
        .iter()
        .map(|sec| SectionRounds {
            id: sec.id.clone(),
            title: sec.title.clone(),
            points: trend
                .iter()
                .map(|(l, ps)| {
                    ps.iter()
                        .find(|p| p.id == sec.id)
                        .cloned()
                        .map(|p| SectionPoint {
                            round: l.clone(),
                            ..p
                        })
                        .unwrap_or_else(|| SectionPoint {
                            id: sec.id.clone(),
                            round: l.clone(),
                            score: None,
                            rating: None,
                            suppressed: false,
                        })
                })
                .collect(),
        })
        .collect();
    // Discontinued within each earlier round (its returns' versions), then those only an
    // earlier report's data.json had.
    let mut gone: Vec<String> = earlier
        .iter()
        .flat_map(|(l, s)| s.discontinued.iter().map(move |d| format!("{d} ({l})")))
        .collect();
    gone.extend(discontinued(summary, &all));
    gone.append(&mut summary.discontinued);
    summary.discontinued = gone;
    for (l, s) in &earlier {
        summary.skipped.extend(s.skipped.iter().map(|k| Skipped {
            file: format!("{l}: {}", k.file),
            ..k.clone()
        }));
    }
    let returns = |l: &str| {
        earlier
            .iter()
            .find(|e| e.0 == l)
            .map(|e| e.1.returns)
            .or_else(|| prev_returns.as_ref().filter(|p| p.0 == l).map(|p| p.1))
    };
    let counts: Vec<(String, Option<usize>)> = all
        .iter()
        .map(|(l, _)| {
            (
                l.clone(),
                if *l == label {
                    Some(summary.returns)
                } else {
                    returns(l)
                },
            )
        })
        .collect();
    summary.previous_round = counts.iter().rev().nth(1).map(|r| r.0.clone());
    summary.rounds = counts;
    summary.change_lines = history
        .iter()
        .flat_map(|q| {
            q.changes.iter().filter(|c| c.meaningful).map(|c| {
                loc.fmt(
                    "report_change_line",
                    &[
                        ("code", &q.code),
                        ("from", &c.from),
                        ("to", &c.to),
                        ("words", &c.words),
                    ],
                )
            })
        })
        .collect();
    summary.round = Some(label);
    summary.history = history;
    summary.earlier = earlier.into_iter().map(|(l, s)| (l, s.questions)).collect();
}

#[cfg(test)]
mod tests {
    use super::two_proportion_z;

    #[test]
    fn pooled_z() {
        // 40/100 to 55/100: p = 0.475, se = √(0.475·0.525·0.02) = 0.07062; z = 2.124.
        let z = two_proportion_z(40, 100, 55, 100).unwrap();
        assert!((z - 2.124).abs() < 1e-3, "{z}");
        assert_eq!(two_proportion_z(0, 10, 0, 12), None);
        assert_eq!(two_proportion_z(1, 0, 0, 12), None);
    }
}
