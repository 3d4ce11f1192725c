//! Strengths and areas for improvement: claims the figures support, never simply the top and
//! bottom of a ranking.
//!
//! The rule: a strength is a question whose percentage is rated in the top band (for example
//! green); an area for improvement is one rated in the bottom band, or under every band. A
//! question that did not apply, or whose figure is suppressed, is neither. With fewer than two
//! bands nothing is singled out. At most `report.highlights` questions are written out on each
//! side (highest first, lowest first; question order breaks ties); the rest in the band are
//! named by code, so none is left out silently.

use super::summary::QuestionResult;
use crate::locale::Locale;
use crate::model::ReportConfig;

/// The strengths and areas for improvement, each with the rule that chose them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Highlights {
    pub strengths: Vec<String>,
    pub strengths_rule: String,
    pub improvements: Vec<String>,
    pub improvements_rule: String,
}

/// "A1 (small number: read with care): In 3 of 3 cases …".
fn line(q: &QuestionResult, loc: &Locale) -> String {
    let caveat = if q.all.small {
        loc.get("report_h_small")
    } else {
        ""
    };
    format!(
        "{}{caveat}: {}",
        q.code,
        q.headline.clone().unwrap_or_default()
    )
}

/// The first `n` questions written out, then the others named in one line.
fn lines(mut picked: Vec<&QuestionResult>, n: usize, band: &str, loc: &Locale) -> Vec<String> {
    let rest = picked.split_off(n.min(picked.len()));
    let mut out: Vec<String> = picked.into_iter().map(|q| line(q, loc)).collect();
    if !rest.is_empty() {
        let codes: Vec<&str> = rest.iter().map(|q| q.code.as_str()).collect();
        out.push(loc.fmt(
            "report_h_also",
            &[("band", band), ("codes", &codes.join(", "))],
        ));
    }
    out
}

/// The questions in the top and the bottom band, by index into the questions.
pub struct Picked {
    /// The top band's label and where it starts.
    pub top: (String, u32),
    /// The bottom band's label and where it ends (where the band above it starts).
    pub bottom: (String, u32),
    /// Highest first.
    pub strong: Vec<usize>,
    /// Lowest first.
    pub weak: Vec<usize>,
}

/// Picks the questions in the top and bottom bands; none with fewer than two bands.
pub fn pick(cfg: &ReportConfig, questions: &[QuestionResult]) -> Option<Picked> {
    let bands = cfg.bands();
    if bands.len() < 2 {
        return None;
    }
    let (top, bottom) = (&bands[0], &bands[bands.len() - 1]);
    let bottom_end = bands[bands.len() - 2].from;
    let mut rated: Vec<(usize, u32)> = questions
        .iter()
        .enumerate()
        .filter_map(|(i, q)| q.all.percent.map(|p| (i, p)))
        .collect();
    rated.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let strong = rated
        .iter()
        .filter(|(_, p)| *p >= top.from)
        .map(|x| x.0)
        .collect();
    rated.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
    let weak = rated
        .iter()
        .filter(|(_, p)| *p < bottom_end)
        .map(|x| x.0)
        .collect();
    Some(Picked {
        top: (top.label.clone(), top.from),
        bottom: (bottom.label.clone(), bottom_end),
        strong,
        weak,
    })
}

/// Chooses the strengths and areas for improvement among `questions`; the rules are written
/// in `loc`'s language.
pub fn highlights(cfg: &ReportConfig, questions: &[QuestionResult], loc: &Locale) -> Highlights {
    let Some(p) = pick(cfg, questions) else {
        let rule = loc.get("report_h_single_band");
        return Highlights {
            strengths_rule: rule.into(),
            improvements_rule: rule.into(),
            ..Highlights::default()
        };
    };
    let n = cfg.highlights();
    let ((top, from), (bottom, end)) = (&p.top, &p.bottom);
    let (from, end) = (from.to_string(), end.to_string());
    let strengths_rule = loc.fmt(
        match p.strong.is_empty() {
            true => "report_h_no_strengths",
            false => "report_h_strengths",
        },
        &[("band", top), ("from", &from)],
    );
    let improvements_rule = loc.fmt(
        match p.weak.is_empty() {
            true => "report_h_no_improvements",
            false => "report_h_improvements",
        },
        &[("band", bottom), ("end", &end)],
    );
    let qs = |v: &[usize]| v.iter().map(|i| &questions[*i]).collect::<Vec<_>>();
    Highlights {
        strengths: lines(qs(&p.strong), n, top, loc),
        strengths_rule,
        improvements: lines(qs(&p.weak), n, bottom, loc),
        improvements_rule,
    }
}
