//! Checks made before publishing (`guidewright check`), reported as warnings: content past its
//! review date, and entities that nothing refers to (orphans), which readers can only reach
//! through an index page, if at all.

use super::Checker;
use crate::diag::Diagnostic;
use crate::model::{Kind, Status};

/// The kinds that only appear where something refers to them. Guides, chapters, standards,
/// statistics, questions and glossary terms have their own places and are never orphans.
const NEED_A_REFERENCE: [Kind; 7] = [
    Kind::Evidence,
    Kind::Findings,
    Kind::Example,
    Kind::Quote,
    Kind::Scale,
    Kind::ResponseScale,
    Kind::Checklist,
];

/// Today's date in UTC as YYYY-MM-DD, from the system clock.
pub fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
    format!("{y:04}-{m:02}-{d:02}")
}

/// The proleptic Gregorian date of a day count since 1970-01-01.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

impl Checker<'_> {
    /// Warns about every item whose `review_due` date is before `today` (YYYY-MM-DD).
    pub(super) fn check_review_dates(&mut self, today: &str) {
        let m = self.model;
        let mut due: Vec<(usize, String, &str)> = Vec::new();
        macro_rules! collect {
            ($iter:expr) => {
                for e in $iter {
                    if let Some(d) = e.review_due.as_deref() {
                        due.push((e.file, e.id.clone(), d));
                    }
                }
            };
        }
        for g in &m.guides {
            collect!(std::iter::once(&g.guide));
            collect!(&g.chapters);
        }
        collect!(&m.standards);
        collect!(&m.evidence);
        collect!(&m.findings);
        collect!(&m.examples);
        collect!(&m.quote_files);
        collect!(&m.scales);
        collect!(&m.response_scales);
        collect!(&m.checklists);
        collect!(m.glossary.iter());
        for (file, id, date) in due {
            // Malformed dates are reported as errors elsewhere; compare only real ones.
            if super::rules::is_date(date) && date < today {
                self.warning(
                    file,
                    "review_due",
                    format!("`{id}` was due for review on {date}: check it is still right, then move the date on"),
                );
            }
        }
    }

    /// Warns about evidence, findings, examples, quotes, scales and checklists that no guide,
    /// chapter, checklist or Markdown link refers to.
    pub(super) fn check_orphans(&mut self) {
        let orphans: Vec<(usize, crate::diag::Pos, String, Kind)> = self
            .model
            .index
            .iter()
            .filter(|(id, t)| {
                NEED_A_REFERENCE.contains(&t.kind)
                    && t.status != Status::Draft
                    && !self.used.contains(*id)
            })
            .map(|(id, t)| (t.file, t.pos, id.clone(), t.kind))
            .collect();
        for (file, pos, id, kind) in orphans {
            let mut d = Diagnostic::warning(
                file,
                pos,
                format!(
                    "`{id}` ({}) is not used: nothing refers to it",
                    kind.article()
                ),
            );
            d.help =
                Some("refer to it from a chapter section or a `ref:` link, or remove it".into());
            self.report.push(d);
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn civil_dates_from_day_counts() {
        assert_eq!(super::civil_from_days(0), (1970, 1, 1));
        assert_eq!(super::civil_from_days(19_723), (2024, 1, 1));
        assert_eq!(super::civil_from_days(19_782), (2024, 2, 29));
        assert_eq!(super::today().len(), 10);
    }
}
