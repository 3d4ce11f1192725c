//! Counting: every question's answers across the returns (and per group), section scores,
//! bands, and classification agreement.

use super::returns::Return;
use super::summary::*;
use crate::locale::Locale;
use crate::model::{Checklist, CountsAs, Entry, Model, ReportConfig, SectionScore};
use std::collections::BTreeMap;

/// The band a percentage falls in, as shown.
pub fn band_view(cfg: &ReportConfig, percent: Option<u32>) -> Option<BandView> {
    let b = cfg.band_for(percent?)?;
    Some(BandView {
        label: b.label,
        colour: format!("{:?}", b.colour).to_lowercase(),
        from: b.from,
    })
}

/// Counts one question's answers over `returns`; answers that are not options of its scale
/// count as unanswered and are reported in `problems`, in `loc`'s language.
pub fn count(
    model: &Model,
    q: &crate::model::Question,
    returns: &[&Return],
    problems: &mut Vec<String>,
    loc: &Locale,
) -> Counts {
    let options = model
        .response_scale(&q.response)
        .map(|r| r.options.as_slice())
        .unwrap_or(&[]);
    let mut c = Counts::default();
    for r in returns {
        let Some(a) = r.answers.get(&q.id) else {
            c.unanswered += 1;
            continue;
        };
        match options.iter().find(|o| o.value == *a).map(|o| o.counts_as) {
            Some(CountsAs::Positive) => c.positive += 1,
            Some(CountsAs::Partial) => c.partial += 1,
            Some(CountsAs::Negative) => c.negative += 1,
            Some(CountsAs::Excluded) => c.not_applicable += 1,
            None => {
                c.unanswered += 1;
                // The values as code, as the answer is.
                let allowed: Vec<String> =
                    options.iter().map(|o| format!("`{}`", o.value)).collect();
                let why = loc.fmt(
                    "report_problem_answer",
                    &[
                        ("code", &q.code),
                        ("answer", a),
                        ("allowed", &allowed.join(", ")),
                    ],
                );
                problems.push(format!("{}: {why}", r.file));
            }
        }
    }
    c
}

/// A figure with its rating, small-number flag, suppression and 95% interval, in words of the
/// report's language (`loc`).
pub fn cell(cfg: &ReportConfig, counts: Counts, loc: &Locale) -> Cell {
    let applicable = counts.applicable();
    let suppressed = applicable > 0 && applicable < cfg.suppress_below();
    let small = applicable < cfg.minimum_answers();
    let percent = counts.percent().filter(|_| !suppressed);
    let raw = super::stats::wilson(counts.positive, applicable, super::stats::Z95)
        .filter(|_| !small && !suppressed);
    let ci = raw.map(|(lo, hi)| (super::stats::one_decimal(lo), super::stats::one_decimal(hi)));
    let interval = raw.map(|(lo, hi)| {
        let (lo, hi) = (whole(lo).to_string(), whole(hi).to_string());
        loc.fmt("report_ci", &[("low", &lo), ("high", &hi)])
    });
    let (p, pos, n) = (
        percent.unwrap_or_default().to_string(),
        counts.positive.to_string(),
        applicable.to_string(),
    );
    let figure = match (percent, &interval) {
        _ if suppressed => loc.fmt(
            "report_figure_suppressed",
            &[("n", &cfg.suppress_below().to_string())],
        ),
        (None, _) => loc.get("report_did_not_apply").to_string(),
        (Some(_), Some(i)) => loc.fmt(
            "report_figure",
            &[
                ("percent", &p),
                ("positive", &pos),
                ("applicable", &n),
                ("interval", i),
            ],
        ),
        (Some(_), None) => loc.fmt(
            "report_figure_small",
            &[("percent", &p), ("positive", &pos), ("applicable", &n)],
        ),
    };
    Cell {
        counts,
        applicable,
        percent,
        band: band_view(cfg, percent),
        small,
        suppressed,
        ci,
        interval,
        figure,
    }
}

/// A proportion (0–1) as a whole percentage (halves up), for the printed interval.
fn whole(p: f64) -> u32 {
    (p * 100.0 + 0.5).floor() as u32
}

/// A section's score from its questions' percentages.
pub fn section_score(how: SectionScore, percents: &[u32]) -> Option<u32> {
    match how {
        SectionScore::Lowest => percents.iter().copied().min(),
        SectionScore::Mean => percent(percents.iter().sum(), percents.len() as u32 * 100)
            .filter(|_| !percents.is_empty()),
    }
}

/// Splits returns by the value of a metadata field (a choice's label), "Not recorded" (in the
/// report's language) last.
pub fn group<'a>(
    model: &Model,
    c: &Checklist,
    field: &str,
    returns: &'a [Return],
    loc: &Locale,
) -> Vec<(String, Vec<&'a Return>)> {
    let labels: BTreeMap<String, String> = c
        .metadata_fields
        .iter()
        .find(|f| f.id == field)
        .map(|f| model.field_choices(f).into_iter().collect())
        .unwrap_or_default();
    let mut groups: BTreeMap<String, Vec<&Return>> = BTreeMap::new();
    let mut none = Vec::new();
    for r in returns {
        match r.metadata.get(field) {
            Some(v) => groups
                .entry(labels.get(v).cloned().unwrap_or_else(|| v.clone()))
                .or_default()
                .push(r),
            None => none.push(r),
        }
    }
    let mut out: Vec<_> = groups.into_iter().collect();
    if !none.is_empty() {
        out.push((loc.get("report_not_recorded").to_string(), none));
    }
    out
}

/// The agreement cross-tables the checklist's report block declares, in words of `loc`'s
/// language about `(unit, units)`.
pub fn agreement(
    model: &Model,
    c: &Entry<Checklist>,
    returns: &[Return],
    (unit, units): (&str, &str),
    loc: &Locale,
) -> Vec<AgreementTable> {
    let cfg = c.report.clone().unwrap_or_default();
    let field = |id: &str| c.metadata_fields.iter().find(|f| f.id == id);
    cfg.agreement
        .iter()
        .filter_map(|a| {
            let (rec, jud) = (field(&a.recorded)?, field(&a.judged)?);
            let scale = model.scale(rec.scale.as_deref()?)?;
            let levels = &scale.levels;
            let levels_lang = crate::lang::foreign(model, scale.lang.as_deref()).map(String::from);
            let judged = levels
                .iter()
                .map(|l| {
                    let level = l.label.to_lowercase();
                    let lang = levels_lang.clone();
                    Embedded::new(loc, "report_judged", &[], ("level", &level), lang)
                })
                .collect();
            let n = levels.len();
            let index = |v: Option<&String>| levels.iter().position(|l| Some(&l.id) == v);
            let mut matrix = vec![vec![0u32; n]; n];
            let (mut agree, mut higher, mut lower, mut missing) = (0, 0, 0, 0);
            for r in returns {
                match (
                    index(r.metadata.get(&rec.id)),
                    index(r.metadata.get(&jud.id)),
                ) {
                    (Some(i), Some(j)) => {
                        matrix[i][j] += 1;
                        match j.cmp(&i) {
                            std::cmp::Ordering::Equal => agree += 1,
                            std::cmp::Ordering::Greater => higher += 1,
                            std::cmp::Ordering::Less => lower += 1,
                        }
                    }
                    _ => missing += 1,
                }
            }
            let both = agree + higher + lower;
            let pc = |n| percent(n, both).unwrap_or(0).to_string();
            let mut sentence = loc.fmt(
                "report_agreement_text",
                &[
                    ("agreed", &loc.part(agree, both, unit, units)),
                    ("agree_percent", &pc(agree)),
                    ("higher", &higher.to_string()),
                    ("higher_percent", &pc(higher)),
                    ("lower", &lower.to_string()),
                    ("lower_percent", &pc(lower)),
                ],
            );
            if missing > 0 {
                let key = match missing {
                    1 => "report_agreement_missing_one",
                    _ => "report_agreement_missing_many",
                };
                sentence += &loc.fmt(key, &[("n", &missing.to_string())]);
            }
            let caption = loc.fmt(
                "report_agreement_caption",
                &[
                    ("recorded", &rec.label),
                    ("judged", &jud.label.to_lowercase()),
                ],
            );
            Some(AgreementTable {
                // Read only where `both > 0`: the page and the PDF say no return recorded both instead.
                sentence,
                caption,
                title: a.title.clone().unwrap_or_else(|| rec.label.clone()),
                recorded_label: rec.label.clone(),
                judged_label: jud.label.clone(),
                levels: levels.iter().map(|l| l.label.clone()).collect(),
                levels_lang,
                judged,
                matrix,
                both,
                agree,
                higher,
                lower,
                missing,
                agree_percent: percent(agree, both),
                higher_percent: percent(higher, both),
                lower_percent: percent(lower, both),
            })
        })
        .collect()
}

/// The first and last valid `YYYY-MM-DD` dates in a metadata field.
pub fn period(field: Option<&str>, returns: &[Return]) -> Option<(String, String)> {
    let field = field?;
    let is_date = |s: &&String| crate::dates::is_date(s);
    let dates: Vec<&String> = returns
        .iter()
        .filter_map(|r| r.metadata.get(field))
        .filter(is_date)
        .collect();
    Some((
        (*dates.iter().min()?).clone(),
        (*dates.iter().max()?).clone(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_round_half_up_and_scores() {
        assert_eq!(percent(7, 12), Some(58));
        assert_eq!(percent(1, 8), Some(13)); // 12.5
        assert_eq!(percent(1, 3), Some(33));
        assert_eq!(percent(2, 3), Some(67));
        assert_eq!(percent(0, 0), None);
        assert_eq!(section_score(SectionScore::Lowest, &[58, 40, 90]), Some(40));
        assert_eq!(section_score(SectionScore::Mean, &[58, 40, 91]), Some(63));
        assert_eq!(section_score(SectionScore::Mean, &[]), None);
    }
}
