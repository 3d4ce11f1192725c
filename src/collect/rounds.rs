//! Change between audit rounds (`--round LABEL=PATH`, the last given being the current
//! round): each question's figure in every round, and the change from each round to the next
//! in percentage points with a two-proportion z-test at 95%. Only a change the test finds
//! meaningful is described as an improvement or a decline.
//!
//! The test is the pooled two-proportion z-test: `z = (p2 − p1) / √(p(1−p)(1/n1 + 1/n2))`,
//! with `p` the two rounds' positives over their applicable answers together; the change is
//! meaningful when `|z| ≥ 1.96`. Written by hand: three lines of arithmetic.

use super::stats::{one_decimal, Z95};
use super::summary::Summary;
use serde::Serialize;

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
    let p = f64::from(x1 + x2) / f64::from(n1 + n2);
    let se = (p * (1.0 - p) * (1.0 / f64::from(n1) + 1.0 / f64::from(n2))).sqrt();
    (se > 0.0).then(|| (p2 - p1) / se)
}

fn change(q: (&str, &str), a: &RoundFigure, b: &RoundFigure) -> Change {
    let live = |f: &RoundFigure| f.n > 0 && !f.suppressed;
    let both = live(a) && live(b);
    let points = both
        .then(|| one_decimal(f64::from(b.x) / f64::from(b.n) - f64::from(a.x) / f64::from(a.n)));
    let z = two_proportion_z(a.x, a.n, b.x, b.n).filter(|_| both);
    let meaningful = z.is_some_and(|z| z.abs() >= Z95);
    let words = match (points, z) {
        (None, _) => "no comparison (a round has no figure)".to_string(),
        (Some(0.0), _) => "no change".to_string(),
        (Some(d), Some(z)) if meaningful => format!(
            "{} {:.1} points, a meaningful {}",
            if d > 0.0 { "up" } else { "down" },
            d.abs(),
            if z > 0.0 { "improvement" } else { "decline" }
        ),
        (Some(d), _) => format!(
            "{} {:.1} points, within what chance would explain",
            if d > 0.0 { "up" } else { "down" },
            d.abs()
        ),
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

/// A round's figures by question id, as read from its returns or from an earlier report's
/// `data.json`.
pub type Figures = std::collections::BTreeMap<String, RoundFigure>;

/// A compiled round's figures.
pub fn figures(label: &str, s: &Summary) -> Figures {
    s.questions
        .iter()
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
pub fn compare(current: &Summary, rounds: &[(String, Figures)]) -> Vec<QuestionRounds> {
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
                        figure: "not asked (new since)".into(),
                    })
                })
                .collect();
            let changes = figures
                .windows(2)
                .map(|w| change((&q.id, &q.code), &w[0], &w[1]))
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
