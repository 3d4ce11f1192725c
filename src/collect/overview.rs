//! The headline summary paragraph, generated from the figures: how many returns from how many
//! groups over which period, each section's overall rating, the strongest and weakest
//! questions that meet the rules of [`super::highlights`], and how the figures were made.

use super::summary::{QuestionResult, SectionResult};
use crate::locale::Locale;
use crate::model::ReportConfig;

/// A period in words, in `loc`'s language: "2 September to 9 October 2024", "2 to 9 October
/// 2024", "9 October 2024" (one day), "30 December 2024 to 2 January 2025".
pub fn period_words(first: &str, last: &str, loc: &Locale) -> String {
    let (a, z) = (loc.long_date(first), loc.long_date(last));
    if a == z {
        return z;
    }
    let range = |from: &str| loc.fmt("date_range", &[("from", from), ("to", &z)]);
    let (ap, zp): (Vec<&str>, Vec<&str>) = (a.split(' ').collect(), z.split(' ').collect());
    match (ap.as_slice(), zp.as_slice()) {
        ([d, m, y], [_, m2, y2]) if y == y2 && m == m2 => range(d),
        ([d, m, y], [_, _, y2]) if y == y2 => range(&format!("{d} {m}")),
        _ => range(&a),
    }
}

/// What the paragraph is made from.
pub struct Facts<'a> {
    pub returns: usize,
    pub unit: &'a str,
    pub units: &'a str,
    /// (label of the grouping field, number of groups).
    pub groups: Option<(&'a str, usize)>,
    pub period: Option<&'a str>,
    pub sections: &'a [SectionResult],
    pub questions: &'a [QuestionResult],
    pub cfg: &'a ReportConfig,
}

fn sections(s: &[SectionResult], loc: &Locale) -> String {
    let rated: Vec<String> = s
        .iter()
        .map(|sec| {
            let (section, percent) = (
                sec.title.as_str(),
                sec.score.map(|p| p.to_string()).unwrap_or_default(),
            );
            let rating = sec.band.as_ref().map_or("", |b| b.label.as_str());
            let args = [
                ("section", section),
                ("percent", &percent),
                ("rating", rating),
            ];
            let key = match (sec.score, &sec.band) {
                _ if sec.suppressed => "report_ov_suppressed",
                (Some(_), Some(_)) if sec.small => "report_ov_rated_small",
                (Some(_), Some(_)) => "report_ov_rated",
                (Some(_), None) => "report_ov_scores",
                (None, _) => "report_ov_no_score",
            };
            loc.fmt(key, &args)
        })
        .collect();
    match rated.len() {
        0 => loc.get("report_ov_no_sections").into(),
        _ => loc.fmt("report_ov_overall", &[("sections", &rated.join("; "))]),
    }
}

/// "A1 (92%) and A2 (85%)": the questions in a band, up to `n`.
fn codes(qs: &[&QuestionResult], n: usize, loc: &Locale) -> String {
    let mut v: Vec<String> = qs
        .iter()
        .take(n)
        .map(|q| format!("{} ({}%)", q.code, q.all.percent.unwrap_or(0)))
        .collect();
    if qs.len() > n {
        v.push(loc.fmt("report_ov_more", &[("n", &(qs.len() - n).to_string())]));
    }
    match v.len() {
        0 => String::new(),
        1 => v.remove(0),
        _ => {
            let last = v.pop().unwrap_or_default();
            format!("{}{}{last}", v.join(", "), loc.get("report_and"))
        }
    }
}

fn extremes(f: &Facts, loc: &Locale) -> String {
    let Some(p) = super::highlights::pick(f.cfg, f.questions) else {
        return String::new();
    };
    let n = f.cfg.highlights().max(1);
    let qs = |v: &[usize]| v.iter().map(|i| &f.questions[*i]).collect::<Vec<_>>();
    let (top, bottom) = (&p.top.0, &p.bottom.0);
    let strong = match p.strong.len() {
        0 => loc.fmt("report_ov_none_top", &[("band", top)]),
        _ => loc.fmt(
            "report_ov_strongest",
            &[("band", top), ("codes", &codes(&qs(&p.strong), n, loc))],
        ),
    };
    let weak = match p.weak.len() {
        0 => loc.fmt("report_ov_none_bottom", &[("band", bottom)]),
        _ => loc.fmt(
            "report_ov_weakest",
            &[("band", bottom), ("codes", &codes(&qs(&p.weak), n, loc))],
        ),
    };
    strong + &weak
}

fn method(f: &Facts, loc: &Locale) -> String {
    let min = f.cfg.minimum_answers().to_string();
    let with = |units: &str, extra: (&'static str, &str)| {
        let mut args = loc.unit_args(f.unit, units);
        args.push((extra.0, extra.1.to_string()));
        args
    };
    let fmt = |key: &str, args: Vec<(&'static str, String)>| {
        let args: Vec<(&str, &str)> = args.iter().map(|(n, v)| (*n, v.as_str())).collect();
        loc.fmt(key, &args)
    };
    let mut s = fmt("report_ov_method", with(f.units, ("min", &min)));
    match f.cfg.suppress_below() {
        0 => s.push('.'),
        k => {
            let units = if k == 1 { f.unit } else { f.units };
            s.push_str(&fmt(
                "report_ov_suppress",
                with(units, ("k", &k.to_string())),
            ))
        }
    }
    s
}

/// The paragraph, in `loc`'s language.
pub fn paragraph(f: &Facts, loc: &Locale) -> String {
    let key = match f.returns {
        1 => "report_ov_compiles_one",
        _ => "report_ov_compiles_many",
    };
    let mut s = loc.fmt(key, &[("n", &f.returns.to_string()), ("unit", f.unit)]);
    if let Some((label, n)) = f.groups {
        let key = match n {
            1 => "report_ov_groups_one",
            _ => "report_ov_groups_many",
        };
        s.push_str(&loc.fmt(key, &[("n", &n.to_string()), ("by", &label.to_lowercase())]));
    }
    if let Some(p) = f.period {
        s.push_str(&loc.fmt("report_ov_dated", &[("period", p)]));
    }
    s.push_str(". ");
    s.push_str(&sections(f.sections, loc));
    let e = extremes(f, loc);
    if !e.is_empty() {
        s.push(' ');
        s.push_str(&e);
    }
    s.push(' ');
    s.push_str(&method(f, loc));
    s
}

#[cfg(test)]
mod tests {
    use super::period_words;
    use crate::locale::Locale;

    #[test]
    fn periods_in_words() {
        let en = Locale::english();
        assert_eq!(
            period_words("2024-09-02", "2024-10-09", &en),
            "2 September to 9 October 2024"
        );
        assert_eq!(
            period_words("2024-10-02", "2024-10-09", &en),
            "2 to 9 October 2024"
        );
        assert_eq!(
            period_words("2024-10-09", "2024-10-09", &en),
            "9 October 2024"
        );
        assert_eq!(
            period_words("2024-12-30", "2025-01-02", &en),
            "30 December 2024 to 2 January 2025"
        );
    }

    #[test]
    fn periods_in_welsh() {
        let cy = Locale::embedded("cy");
        assert_eq!(
            period_words("2024-09-02", "2024-10-09", &cy),
            "2 Medi i 9 Hydref 2024"
        );
        assert_eq!(
            period_words("2024-10-02", "2024-10-09", &cy),
            "2 i 9 Hydref 2024"
        );
        assert_eq!(
            period_words("2024-10-09", "2024-10-09", &cy),
            "9 Hydref 2024"
        );
        assert_eq!(
            period_words("2024-12-30", "2025-01-02", &cy),
            "30 Rhagfyr 2024 i 2 Ionawr 2025"
        );
    }
}
