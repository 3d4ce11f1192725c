//! Validation: ids, references, statistics and the rules of the content model. Every finding
//! points at the line and column where the offending value is written, and one run reports
//! them all.

mod appearance;
mod footnotes;
mod index;
mod links;
mod parts;
mod publishing;
mod report;
mod rules;
mod vocabulary;

pub use crate::dates::{is_date, today};
pub use appearance::{icon_type, DEFAULT_THEME_COLOUR};
pub use index::is_kebab;

use crate::diag::{Diagnostic, Pos, Report};
use crate::model::{Kind, Model};

/// Options that change what counts as a problem.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Drafts are part of the build (so referring to one is fine).
    pub drafts: bool,
    /// Today's date (YYYY-MM-DD): when set, items whose `review_due` has passed are warned
    /// about. Only `guidewright check` sets it, so builds never depend on the clock.
    pub today: Option<String>,
    /// Warn about entities that nothing refers to (`guidewright check`).
    pub orphans: bool,
}

/// Walks the model and reports problems into a [`Report`].
pub struct Checker<'a> {
    pub(crate) model: &'a Model,
    report: &'a mut Report,
    options: Options,
    /// Ids that some reference resolved to (for orphan warnings).
    used: std::collections::BTreeSet<String>,
}

/// Validates the model, filling its id index. Returns nothing: findings go to `report`.
pub fn validate(model: &mut Model, report: &mut Report, options: Options) {
    links::normalise_base_url(model, report);
    parts::normalise_parts(model);
    model.index = index::build_index(model, report);
    let (today, orphans) = (options.today.clone(), options.orphans);
    let mut checker = Checker {
        model,
        report,
        options,
        used: Default::default(),
    };
    checker.check_all();
    checker.check_vocabulary();
    checker.check_addresses();
    checker.check_footnotes();
    checker.check_appearance();
    if let Some(today) = today {
        checker.check_review_dates(&today);
    }
    if orphans {
        checker.check_orphans();
    }
}

impl Checker<'_> {
    pub(crate) fn error_at(
        &mut self,
        file: usize,
        pos: Pos,
        message: String,
        help: Option<String>,
    ) {
        let mut d = Diagnostic::error(file, pos, message);
        d.help = help;
        self.report.push(d);
    }

    /// An error at the value at `path` in `file`.
    pub(crate) fn error(&mut self, file: usize, path: &str, message: impl Into<String>) {
        let pos = self.model.pos(file, path);
        self.error_at(file, pos, message.into(), None);
    }

    /// An error at the key of the field at `path` (for missing or misplaced fields).
    pub(crate) fn field_error(
        &mut self,
        file: usize,
        path: &str,
        message: impl Into<String>,
        help: Option<String>,
    ) {
        let pos = self.model.field_pos(file, path);
        self.error_at(file, pos, message.into(), help);
    }

    pub(crate) fn warning(&mut self, file: usize, path: &str, message: impl Into<String>) {
        let pos = self.model.pos(file, path);
        self.report.push(Diagnostic::warning(file, pos, message));
    }

    /// Checks that `id`, written at `path`, names one of `kinds`.
    pub(crate) fn expect(&mut self, file: usize, path: &str, id: &str, kinds: &[Kind]) {
        let pos = self.model.pos(file, path);
        self.expect_at(file, pos, id, kinds);
    }

    pub(crate) fn expect_at(&mut self, file: usize, pos: Pos, id: &str, kinds: &[Kind]) {
        if self.model.index.contains_key(id) {
            self.used.insert(id.to_string());
        }
        let wanted = if kinds.is_empty() {
            "the id of a guide, chapter, standard or other entity".to_string()
        } else {
            kinds
                .iter()
                .map(|k| k.article())
                .collect::<Vec<_>>()
                .join(" or ")
        };
        match self.model.index.get(id) {
            // Defined (or perhaps defined) by a file whose own error is already reported.
            None if self.model.broken.covers(id, kinds) => {}
            None => {
                let help = self
                    .suggest(id, kinds)
                    .map(|s| format!("did you mean `{s}`?"));
                self.error_at(
                    file,
                    pos,
                    format!("unknown id `{id}`: expected {wanted}"),
                    help,
                );
            }
            Some(t) if !kinds.is_empty() && !kinds.contains(&t.kind) => {
                let msg = format!(
                    "`{id}` is {}, but {wanted} is expected here",
                    t.kind.article()
                );
                let help = self
                    .suggest(id, kinds)
                    .map(|s| format!("did you mean `{s}`?"));
                self.error_at(file, pos, msg, help);
            }
            Some(t) if t.status == crate::model::Status::Draft && !self.options.drafts => {
                let msg = format!("`{id}` is a draft, so it is left out of the build");
                let help = Some("publish it, remove the reference, or build with --drafts".into());
                self.error_at(file, pos, msg, help);
            }
            Some(_) => {}
        }
    }

    /// The closest existing id of one of `kinds`, if any is close enough.
    fn suggest(&self, id: &str, kinds: &[Kind]) -> Option<String> {
        let ids = self
            .model
            .index
            .iter()
            .filter(|(_, t)| kinds.is_empty() || kinds.contains(&t.kind))
            .map(|(k, _)| k.as_str());
        closest(id, ids)
    }
}

/// The candidate closest to `bad` (a misspelt id, field name or value), if one is close
/// enough to be what was meant: a high Jaro-Winkler similarity, or one or two edits apart.
pub fn closest<'a>(bad: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    candidates
        .into_iter()
        .filter(|c| *c != bad)
        .map(|c| {
            let edits = strsim::levenshtein(bad, c);
            let near = edits <= 2 && edits < c.chars().count();
            (near, strsim::jaro_winkler(bad, c), c)
        })
        .filter(|(near, score, _)| *near || *score > 0.85)
        .max_by(|a, b| {
            (a.0, a.1)
                .partial_cmp(&(b.0, b.1))
                .unwrap_or(std::cmp::Ordering::Equal)
        })
        .map(|(_, _, c)| c.to_string())
}
