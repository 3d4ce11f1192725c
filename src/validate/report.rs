//! Rules for a checklist's `report` block: bands within 0–100 and distinct, and the fields it
//! names exist (agreement pairs: choices from one classification scale).

use super::Checker;
use crate::model::{Checklist, Entry, FieldKind};
use std::collections::HashSet;

impl Checker<'_> {
    pub(super) fn check_report(&mut self, c: &Entry<Checklist>) {
        let Some(r) = &c.report else {
            return;
        };
        let f = c.file;
        let mut froms = HashSet::new();
        for (i, b) in r.bands.iter().enumerate() {
            if b.from > 100 {
                self.error(
                    f,
                    &format!("report.bands.{i}.from"),
                    "a band starts at a percentage from 0 to 100",
                );
            } else if !froms.insert(b.from) {
                self.error(
                    f,
                    &format!("report.bands.{i}.from"),
                    format!("two bands start at {}%", b.from),
                );
            }
        }
        if let Some(n) = r.suppress_below {
            if n > r.minimum_answers() {
                self.error(
                    f,
                    "report.suppress_below",
                    format!(
                        "figures under {n} answers cannot be suppressed while only those under {} are flagged as small numbers: set suppress_below to at most minimum_answers",
                        r.minimum_answers()
                    ),
                );
            }
        }
        self.check_versions(c, r);
        let field = |id: &str| c.metadata_fields.iter().find(|m| m.id == id);
        for (key, id) in [
            ("case_reference", &r.case_reference),
            ("date_field", &r.date_field),
        ] {
            if let Some(id) = id {
                if field(id).is_none() {
                    self.not_a_field(c, &format!("report.{key}"), id);
                }
            }
        }
        if let Some(d) = r.date_field.as_deref().and_then(field) {
            if d.kind != FieldKind::Date {
                self.error(
                    f,
                    "report.date_field",
                    format!("`{}` is not a date field", d.id),
                );
            }
        }
        for (i, a) in r.agreement.iter().enumerate() {
            let mut scales = Vec::new();
            for (key, id) in [("recorded", &a.recorded), ("judged", &a.judged)] {
                let p = format!("report.agreement.{i}.{key}");
                match field(id) {
                    None => self.not_a_field(c, &p, id),
                    Some(m) if m.scale.is_none() => self.error(
                        f,
                        &p,
                        format!("`{id}` is not a choice from a classification scale"),
                    ),
                    Some(m) => scales.push(m.scale.clone()),
                }
            }
            if scales.len() == 2 && scales[0] != scales[1] {
                self.error(
                    f,
                    &format!("report.agreement.{i}.judged"),
                    "the two fields of an agreement pair must use the same scale",
                );
            }
        }
    }

    /// `id`, written at `path`, names none of the checklist's metadata fields.
    fn not_a_field(&mut self, c: &Entry<Checklist>, path: &str, id: &str) {
        let near = super::closest(id, c.metadata_fields.iter().map(|m| m.id.as_str()));
        let pos = self.model.pos(c.file, path);
        self.error_at(
            c.file,
            pos,
            format!("`{id}` is not one of this checklist's metadata fields"),
            near.map(|n| format!("did you mean `{n}`?")),
        );
    }

    /// `report.versions`: each an earlier version (not this one, once), whose `added` are
    /// questions of this checklist and whose `removed` are not.
    fn check_versions(&mut self, c: &Entry<Checklist>, r: &crate::model::ReportConfig) {
        let f = c.file;
        let current = c.version.clone().unwrap_or_default();
        let ids: HashSet<&str> = c
            .sections
            .iter()
            .flat_map(|s| s.questions.iter().map(|q| q.id.as_str()))
            .collect();
        let mut seen = HashSet::new();
        for (i, v) in r.versions.iter().enumerate() {
            let p = format!("report.versions.{i}.version");
            if v.version == current {
                self.error(
                    f,
                    &p,
                    format!("`{current}` is this checklist's own version"),
                );
            } else if !seen.insert(v.version.as_str()) {
                self.error(f, &p, format!("version `{}` is listed twice", v.version));
            }
            for (j, id) in v.added.iter().enumerate() {
                if !ids.contains(id.as_str()) {
                    self.error(
                        f,
                        &format!("report.versions.{i}.added.{j}"),
                        format!("`{id}` is not a question of this checklist"),
                    );
                }
            }
            for (j, id) in v.removed.iter().enumerate() {
                if ids.contains(id.as_str()) {
                    self.error(
                        f,
                        &format!("report.versions.{i}.removed.{j}"),
                        format!("`{id}` is still a question of this checklist: list it as removed only once it is gone"),
                    );
                }
            }
        }
    }
}
