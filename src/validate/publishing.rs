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
            if crate::dates::is_date(date) && date < today {
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
        if !self.model.unparsed.is_empty() {
            // What a file that could not be read refers to is unknown: no orphan is certain.
            return;
        }
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
