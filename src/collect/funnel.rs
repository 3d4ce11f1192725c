//! Fair comparison between groups: for each question and section, every group's proportion
//! against its number of applicable answers, with 95% and 99.8% control limits around the
//! overall proportion (a funnel plot, Spiegelhalter 2005). Only a group outside the 99.8%
//! limits is described as differing; the 95% limits are shown as a warning line.
//!
//! The limits are the normal approximation to the binomial ([`stats::funnel_limits`]). A
//! section pools every applicable answer to its questions (positives over answers), so its
//! `n` counts answers, not cases.

use super::stats::{self, Position};
use super::summary::{Cell, Group, QuestionResult, SectionResult};
use crate::locale::Locale;
use serde::Serialize;

/// One group on a funnel plot.
#[derive(Debug, Clone, Serialize)]
pub struct FunnelPoint {
    pub group: String,
    /// Positive and applicable answers.
    pub x: u32,
    pub n: u32,
    /// The group's proportion in per cent, to one decimal place; none when nothing applied
    /// or the figure is suppressed.
    pub percent: Option<f64>,
    /// The 95% and 99.8% limits at this `n`, in per cent to one decimal place.
    pub limits95: Option<(f64, f64)>,
    pub limits998: Option<(f64, f64)>,
    pub position: Option<Position>,
    /// Where it lies, in words ("inside the limits", "suppressed", "did not apply").
    pub position_words: String,
    pub suppressed: bool,
}

/// A funnel plot's data: one question or one section.
#[derive(Debug, Clone, Serialize)]
pub struct Funnel {
    /// An id for the page (`funnel-<question or section id>`).
    pub anchor: String,
    /// "A1" or the section's title.
    pub label: String,
    /// `question` or `section`.
    pub kind: String,
    /// The overall proportion: positives of applicable answers, over all returns.
    pub overall_x: u32,
    pub overall_n: u32,
    /// In per cent, to one decimal place.
    pub overall: f64,
    pub points: Vec<FunnelPoint>,
    /// The groups outside the 99.8% limits, in words; or that none is.
    pub finding: String,
}

fn point(
    group: &Group,
    (x, n, suppressed): (u32, u32, bool),
    p0: f64,
    loc: &Locale,
) -> FunnelPoint {
    let live = n > 0 && !suppressed;
    let limits = |z| {
        stats::funnel_limits(p0, n, z)
            .filter(|_| live)
            .map(|(a, b)| (stats::one_decimal(a), stats::one_decimal(b)))
    };
    let position = stats::position(x, n, p0).filter(|_| live);
    FunnelPoint {
        group: group.name.clone(),
        x,
        n,
        percent: live.then(|| stats::one_decimal(f64::from(x) / f64::from(n))),
        limits95: limits(stats::Z95),
        limits998: limits(stats::Z998),
        position,
        position_words: match position {
            Some(p) => loc.get(p.key()).into(),
            None if suppressed => loc.get("report_suppressed").into(),
            None => loc.get("report_did_not_apply").into(),
        },
        suppressed,
    }
}

fn finding(points: &[FunnelPoint], overall: f64, loc: &Locale) -> String {
    let out: Vec<String> = points
        .iter()
        .filter(|p| p.position.is_some_and(Position::differs))
        .map(|p| {
            let key = match p.position == Some(Position::Above) {
                true => "report_f_above",
                false => "report_f_below",
            };
            loc.fmt(
                key,
                &[
                    ("group", &p.group),
                    ("percent", &p.percent.unwrap_or(0.0).to_string()),
                    ("x", &p.x.to_string()),
                    ("n", &p.n.to_string()),
                ],
            )
        })
        .collect();
    let overall = overall.to_string();
    match out.is_empty() {
        true => loc.fmt("report_f_none", &[("overall", &overall)]),
        false => loc.fmt(
            "report_f_differing",
            &[("overall", &overall), ("groups", &out.join("; "))],
        ),
    }
}

fn funnel(
    anchor: String,
    label: String,
    kind: &str,
    all: (u32, u32),
    groups: &[Group],
    cells: Vec<(u32, u32, bool)>,
    loc: &Locale,
) -> Option<Funnel> {
    let (ox, on) = all;
    if on == 0 {
        return None;
    }
    let p0 = f64::from(ox) / f64::from(on);
    let points: Vec<FunnelPoint> = groups
        .iter()
        .zip(cells)
        .map(|(g, cell)| point(g, cell, p0, loc))
        .collect();
    let overall = stats::one_decimal(p0);
    Some(Funnel {
        finding: finding(&points, overall, loc),
        anchor,
        label,
        kind: kind.into(),
        overall_x: ox,
        overall_n: on,
        overall,
        points,
    })
}

fn xn(c: &Cell) -> (u32, u32, bool) {
    (c.counts.positive, c.applicable, c.suppressed)
}

/// The funnels of every question and section, when the returns are grouped (and the overall
/// figure is not itself suppressed), their words in `loc`'s language.
pub fn funnels(
    groups: &[Group],
    sections: &[SectionResult],
    questions: &[QuestionResult],
    loc: &Locale,
) -> Vec<Funnel> {
    if groups.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for s in sections {
        let qs: Vec<&QuestionResult> = questions.iter().filter(|q| q.section == s.id).collect();
        if qs.iter().any(|q| q.all.suppressed) {
            continue;
        }
        let sum = |f: &dyn Fn(&QuestionResult) -> (u32, u32, bool)| {
            qs.iter().fold((0, 0, false), |(x, n, sup), q| {
                let (a, b, c) = f(q);
                (x + a, n + b, sup || c)
            })
        };
        let all = sum(&|q| xn(&q.all));
        let cells = (0..groups.len())
            .map(|i| sum(&|q| xn(&q.groups[i])))
            .collect();
        out.extend(funnel(
            format!("funnel-{}", s.id),
            s.title.clone(),
            "section",
            (all.0, all.1),
            groups,
            cells,
            loc,
        ));
    }
    for q in questions.iter().filter(|q| !q.all.suppressed) {
        out.extend(funnel(
            format!("funnel-{}", q.id),
            q.code.clone(),
            "question",
            (q.all.counts.positive, q.all.applicable),
            groups,
            q.groups.iter().map(xn).collect(),
            loc,
        ));
    }
    out
}
