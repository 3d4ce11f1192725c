//! The headline summary paragraph, generated from the figures: how many returns from how many
//! groups over which period, each section's overall rating, the strongest and weakest
//! questions that meet the rules of [`super::highlights`], and how the figures were made.

use super::summary::{QuestionResult, SectionResult};
use crate::model::ReportConfig;

/// A period in words: "2 September to 9 October 2024", "2 to 9 October 2024", "9 October
/// 2024" (one day), "30 December 2024 to 2 January 2025".
pub fn period_words(first: &str, last: &str) -> String {
    let (a, z) = (
        crate::dates::long_date(first),
        crate::dates::long_date(last),
    );
    if a == z {
        return z;
    }
    let (ap, zp): (Vec<&str>, Vec<&str>) = (a.split(' ').collect(), z.split(' ').collect());
    match (ap.as_slice(), zp.as_slice()) {
        ([d, m, y], [_, m2, y2]) if y == y2 && m == m2 => format!("{d} to {z}"),
        ([d, m, y], [_, _, y2]) if y == y2 => format!("{d} {m} to {z}"),
        _ => format!("{a} to {z}"),
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

fn sections(s: &[SectionResult]) -> String {
    let rated: Vec<String> = s
        .iter()
        .map(|sec| match (sec.score, &sec.band) {
            _ if sec.suppressed => format!("{}'s score is suppressed", sec.title),
            (Some(p), Some(b)) if sec.small => format!(
                "{} is rated {} ({p}%, on small numbers)",
                sec.title, b.label
            ),
            (Some(p), Some(b)) => format!("{} is rated {} ({p}%)", sec.title, b.label),
            (Some(p), None) => format!("{} scores {p}%", sec.title),
            (None, _) => format!("{} has no score", sec.title),
        })
        .collect();
    match rated.len() {
        0 => "The checklist has no sections.".into(),
        _ => format!("Overall, {}.", rated.join("; ")),
    }
}

/// "A1 (92%) and A2 (85%)": the questions in a band, up to `n`.
fn codes(qs: &[&QuestionResult], n: usize) -> String {
    let mut v: Vec<String> = qs
        .iter()
        .take(n)
        .map(|q| format!("{} ({}%)", q.code, q.all.percent.unwrap_or(0)))
        .collect();
    if qs.len() > n {
        v.push(format!("{} more", qs.len() - n));
    }
    match v.len() {
        0 => String::new(),
        1 => v.remove(0),
        _ => {
            let last = v.pop().unwrap_or_default();
            format!("{} and {last}", v.join(", "))
        }
    }
}

fn extremes(f: &Facts) -> String {
    let Some(p) = super::highlights::pick(f.cfg, f.questions) else {
        return String::new();
    };
    let n = f.cfg.highlights().max(1);
    let qs = |v: &[usize]| v.iter().map(|i| &f.questions[*i]).collect::<Vec<_>>();
    let (top, bottom) = (&p.top.0, &p.bottom.0);
    let strong = match p.strong.len() {
        0 => format!("No question is rated {top}."),
        _ => format!(
            "The strongest areas, rated {top}: {}.",
            codes(&qs(&p.strong), n)
        ),
    };
    let weak = match p.weak.len() {
        0 => format!(" No question is rated {bottom}."),
        _ => format!(" The weakest, rated {bottom}: {}.", codes(&qs(&p.weak), n)),
    };
    strong + &weak
}

fn method(f: &Facts) -> String {
    let min = f.cfg.minimum_answers();
    let mut s = format!(
        "Each percentage counts the {units} where a question applied (“not applicable” answers and unanswered questions are left out) and is given with that number; where at least {min} {units} applied it carries a 95% confidence interval (Wilson score), and on fewer it is flagged as a small number",
        units = f.units
    );
    match f.cfg.suppress_below() {
        0 => s.push('.'),
        k => s.push_str(&format!(
            "; figures on fewer than {k} {} are suppressed.",
            if k == 1 { f.unit } else { f.units }
        )),
    }
    s
}

/// The paragraph.
pub fn paragraph(f: &Facts) -> String {
    let mut s = format!(
        "This report compiles {} {} (one {} each)",
        f.returns,
        if f.returns == 1 { "return" } else { "returns" },
        f.unit
    );
    if let Some((label, n)) = f.groups {
        s.push_str(&format!(
            " in {n} {} by {}",
            if n == 1 { "group" } else { "groups" },
            label.to_lowercase()
        ));
    }
    if let Some(p) = f.period {
        s.push_str(&format!(", dated {p}"));
    }
    s.push_str(". ");
    s.push_str(&sections(f.sections));
    let e = extremes(f);
    if !e.is_empty() {
        s.push(' ');
        s.push_str(&e);
    }
    s.push(' ');
    s.push_str(&method(f));
    s
}

#[cfg(test)]
mod tests {
    use super::period_words;

    #[test]
    fn periods_in_words() {
        assert_eq!(
            period_words("2024-09-02", "2024-10-09"),
            "2 September to 9 October 2024"
        );
        assert_eq!(
            period_words("2024-10-02", "2024-10-09"),
            "2 to 9 October 2024"
        );
        assert_eq!(period_words("2024-10-09", "2024-10-09"), "9 October 2024");
        assert_eq!(
            period_words("2024-12-30", "2025-01-02"),
            "30 December 2024 to 2 January 2025"
        );
    }
}
