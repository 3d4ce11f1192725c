//! Returns filled against different versions of one checklist (`report.versions`): questions
//! are matched by id; a question added since an earlier version is counted over the returns
//! that asked it only (the others are neither unanswered nor merged in), and a question an
//! earlier version asked that this one does not is reported as discontinued with the number
//! of returns that answered it, never counted under a current question. An answer to a
//! question its version did not have is a problem in that return, reported and left out.
//!
//! The report's words about versions are kept together here (see [`words`]); they come from
//! the locale files.

use super::returns::Return;
use crate::model::{Checklist, ReportConfig};
use std::collections::BTreeMap;

/// The sentences the reports print about versions, in the report's language (the locale
/// keys `report_v_…`).
pub mod words {
    use crate::locale::Locale;

    /// A current question that some returns' version did not ask.
    pub fn new_since(versions: &str, not_asked: u32, loc: &Locale) -> String {
        let key = if not_asked == 1 {
            "report_v_new_one"
        } else {
            "report_v_new_many"
        };
        loc.fmt(
            key,
            &[("versions", versions), ("n", &not_asked.to_string())],
        )
    }

    /// A question an earlier version asked that this one does not.
    pub fn discontinued(id: &str, version: &str, answered: u32, loc: &Locale) -> String {
        let key = match answered {
            1 => "report_v_discontinued_one",
            _ => "report_v_discontinued_many",
        };
        loc.fmt(
            key,
            &[
                ("id", id),
                ("version", version),
                ("n", &answered.to_string()),
            ],
        )
    }

    /// An answer to a question the return's version did not have.
    pub fn not_in_version(question: &str, version: &str, loc: &Locale) -> String {
        loc.fmt(
            "report_v_not_in_version",
            &[("question", question), ("version", version)],
        )
    }

    /// An answer to an id that is no question of any version read.
    pub fn unknown(question: &str, loc: &Locale) -> String {
        loc.fmt("report_v_unknown", &[("question", question)])
    }

    /// The methodology's sentence, when returns of several versions were read.
    pub fn method(current: &str, loc: &Locale) -> String {
        loc.fmt("report_v_method", &[("version", current)])
    }
}

/// Whether a return of `version` was asked question `id` (a current question).
pub fn asked(cfg: &ReportConfig, version: &str, id: &str) -> bool {
    !cfg.version_changes(version)
        .is_some_and(|v| v.added.iter().any(|a| a == id))
}

/// The returns of `returns` that were asked question `id`, and how many were not.
pub fn asking<'a>(cfg: &ReportConfig, id: &str, returns: &[&'a Return]) -> (Vec<&'a Return>, u32) {
    let (yes, no): (Vec<&Return>, Vec<&Return>) =
        returns.iter().partition(|r| asked(cfg, &r.version, id));
    (yes, no.len() as u32)
}

/// The versions (in the order declared) whose returns among `returns` were not asked `id`,
/// as "1.0" or "1.0 and 0.9" (`loc`'s "and").
pub fn missing_in(
    cfg: &ReportConfig,
    id: &str,
    returns: &[&Return],
    loc: &crate::locale::Locale,
) -> String {
    let vs: Vec<&str> = cfg
        .versions
        .iter()
        .filter(|v| v.added.iter().any(|a| a == id))
        .filter(|v| returns.iter().any(|r| r.version == v.version))
        .map(|v| v.version.as_str())
        .collect();
    vs.join(loc.get("report_and"))
}

/// What the versions leave over: discontinued questions (in words, by version and id) and
/// the problems of answers no version of the return asked.
pub fn leftovers(
    c: &Checklist,
    cfg: &ReportConfig,
    returns: &[Return],
    problems: &mut Vec<String>,
    loc: &crate::locale::Locale,
) -> Vec<String> {
    let current: std::collections::HashSet<&str> = c
        .sections
        .iter()
        .flat_map(|s| s.questions.iter().map(|q| q.id.as_str()))
        .collect();
    let code = |id: &str| {
        c.sections
            .iter()
            .flat_map(|s| &s.questions)
            .find(|q| q.id == id)
            .map_or(id.to_string(), |q| q.code.clone())
    };
    // (version, id) → returns answering it.
    let mut answered: BTreeMap<(String, String), u32> = BTreeMap::new();
    for r in returns {
        let changes = cfg.version_changes(&r.version);
        for id in r.answers.keys() {
            if current.contains(id.as_str()) {
                if !asked(cfg, &r.version, id) {
                    problems.push(format!(
                        "{}: {}",
                        r.file,
                        words::not_in_version(&code(id), &r.version, loc)
                    ));
                }
            } else if changes.is_some_and(|v| v.removed.contains(id)) {
                *answered.entry((r.version.clone(), id.clone())).or_default() += 1;
            } else {
                problems.push(format!("{}: {}", r.file, words::unknown(id, loc)));
            }
        }
    }
    // Every declared removal of a version read is listed, answered or not.
    let read: std::collections::HashSet<&str> =
        returns.iter().map(|r| r.version.as_str()).collect();
    for v in cfg
        .versions
        .iter()
        .filter(|v| read.contains(v.version.as_str()))
    {
        for id in &v.removed {
            answered.entry((v.version.clone(), id.clone())).or_default();
        }
    }
    answered
        .into_iter()
        .map(|((version, id), n)| words::discontinued(&id, &version, n, loc))
        .collect()
}
