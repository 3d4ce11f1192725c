//! The rules of the content model, entity by entity.

use super::{is_kebab, Checker};
use crate::model::*;
use std::collections::{BTreeMap, HashSet};

const KQ_OR_PROMPT: &[Kind] = &[Kind::KeyQuestion, Kind::Prompt];

/// The dates every entity may carry, with their field names.
fn dates<'a>(
    published: &'a Option<String>,
    updated: &'a Option<String>,
    review_due: &'a Option<String>,
) -> [(&'static str, &'a Option<String>); 3] {
    [
        ("published", published),
        ("updated", updated),
        ("review_due", review_due),
    ]
}

macro_rules! check_dates {
    ($self:ident, $file:expr, $e:expr) => {
        for (name, value) in dates(&$e.published, &$e.updated, &$e.review_due) {
            $self.check_date($file, name, value.as_deref());
        }
    };
}

impl Checker<'_> {
    pub(super) fn check_all(&mut self) {
        self.check_site();
        let m = self.model;
        for g in &m.guides {
            self.check_guide(g);
        }
        for s in &m.standards {
            check_dates!(self, s.file, s);
            self.check_standard(s);
        }
        for f in &m.findings {
            check_dates!(self, f.file, f);
            self.check_findings(f);
        }
        for e in &m.examples {
            check_dates!(self, e.file, e);
            self.check_example(e);
        }
        for e in &m.evidence {
            check_dates!(self, e.file, e);
            if e.points.is_empty() {
                self.field_error(
                    e.file,
                    "points",
                    "an evidence summary needs at least one point",
                    None,
                );
            }
        }
        for s in &m.scales {
            check_dates!(self, s.file, s);
            self.check_scale(s);
        }
        for s in &m.response_scales {
            check_dates!(self, s.file, s);
            self.check_response_scale(s);
        }
        for q in &m.quote_files {
            check_dates!(self, q.file, q);
        }
        if let Some(g) = &m.glossary {
            check_dates!(self, g.file, g);
        }
        if let Some(s) = &m.site {
            check_dates!(self, s.file, s);
        }
        for c in &m.checklists {
            check_dates!(self, c.file, c);
            self.check_checklist(c);
        }
        for r in &m.inline_refs {
            let kinds: &[Kind] = if r.term { &[Kind::Term] } else { &[] };
            self.expect_at(r.file, r.pos, &r.id, kinds);
        }
    }

    fn check_date(&mut self, file: usize, field: &str, value: Option<&str>) {
        if let Some(v) = value {
            if !crate::dates::is_date(v) {
                self.error(file, field, crate::dates::problem(v));
            }
        }
    }

    fn check_site(&mut self) {
        let Some(site) = &self.model.site else {
            let site_unparsed = self.model.unparsed.iter().any(|&f| {
                let name = self.model.sources.files[f].path.file_name();
                name.is_some_and(|n| n == "site.yaml" || n == "site.yml")
            });
            if site_unparsed {
                return; // its parse error is already reported
            }
            self.report.push(crate::diag::Diagnostic::global(
                "content has no site.yaml: it must name the site, organisation, base_url, language, licence and contact_email",
            ));
            return;
        };
        let f = site.file;
        if !site.contact_email.contains('@') {
            self.error(
                f,
                "contact_email",
                format!("`{}` is not an email address", site.contact_email),
            );
        }
        if site.language.trim().is_empty() {
            self.error(
                f,
                "language",
                "language must be a language tag such as en-GB",
            );
        }
    }

    fn check_guide(&mut self, g: &GuideEntry) {
        let gd = &g.guide;
        let f = gd.file;
        check_dates!(self, f, gd);
        self.check_parts(g);
        let mut listed: HashSet<&str> = HashSet::new();
        let mut first_path: Vec<(&str, String)> = Vec::new();
        for (path, c) in super::parts::listing(g) {
            if !listed.insert(c) {
                let earlier = first_path.iter().find(|(id, _)| *id == c).map(|x| &x.1);
                let message = match (
                    earlier.and_then(|e| Self::part_of(g, e)),
                    Self::part_of(g, &path),
                ) {
                    (Some(a), Some(b)) if a != b => {
                        format!("chapter `{c}` is in two parts, `{a}` and `{b}`: a chapter belongs to one part")
                    }
                    _ => format!("chapter `{c}` is listed twice"),
                };
                self.error(f, &path, message);
                continue;
            }
            first_path.push((c, path.clone()));
            if !g.chapters.iter().any(|ch| ch.id == c) {
                match self.model.index.get(c).map(|t| t.kind) {
                    Some(Kind::Chapter) => {
                        self.error(f, &path, format!("chapter `{c}` belongs to another guide"))
                    }
                    _ => self.expect(f, &path, c, &[Kind::Chapter]),
                }
            }
        }
        let (list, help) = if gd.parts.is_empty() {
            (
                "its `chapters` list",
                "add it to `chapters` where it belongs in the reading order",
            )
        } else {
            (
                "any of its parts",
                "add it to the part it belongs to, where it belongs in the reading order",
            )
        };
        for ch in &g.chapters {
            if !listed.contains(ch.id.as_str()) && ch.status != Status::Draft {
                self.field_error(
                    f,
                    if gd.parts.is_empty() {
                        "chapters"
                    } else {
                        "parts"
                    },
                    format!(
                        "chapter `{}` is in the guide's folder but not in {list}",
                        ch.id
                    ),
                    Some(help.into()),
                );
            }
            self.check_chapter(ch);
        }
        if gd.chapters.is_empty() && gd.parts.is_empty() {
            self.field_error(f, "chapters", "a guide needs at least one chapter", None);
        }
        for (i, c) in gd.checklists.iter().enumerate() {
            self.expect(f, &format!("checklists.{i}"), c, &[Kind::Checklist]);
        }
        for (i, r) in gd.related.iter().enumerate() {
            self.expect(f, &format!("related.{i}"), r, &[Kind::Guide]);
        }
    }

    fn check_chapter(&mut self, c: &Entry<Chapter>) {
        let f = c.file;
        check_dates!(self, f, c);
        for (i, s) in c.standards.iter().enumerate() {
            self.expect(f, &format!("standards.{i}"), s, &[Kind::Standard]);
        }
        if c.kind == ChapterKind::Stage && c.stage.is_none() {
            self.field_error(f, "kind", "a stage chapter needs a `stage`", None);
        }
        let mut anchors = HashSet::new();
        for (i, s) in c.sections.iter().enumerate() {
            let p = format!("sections.{i}");
            if !is_kebab(&s.id) {
                self.error(
                    f,
                    &format!("{p}.id"),
                    format!("section id `{}` is not lower-kebab-case", s.id),
                );
            } else if !anchors.insert(s.id.clone())
                || s.id == "top"
                || s.id == "main-content"
                || s.id == "contents"
            {
                self.error(
                    f,
                    &format!("{p}.id"),
                    format!("section id `{}` is used twice on this page", s.id),
                );
            }
            let one = |r: &Option<String>| r.clone();
            let needed: Option<(&str, Option<String>, Kind)> = match s.kind {
                SectionKind::EvidenceSummary => {
                    Some(("evidence", one(&s.evidence), Kind::Evidence))
                }
                SectionKind::Expectations => Some(("standard", one(&s.standard), Kind::Standard)),
                SectionKind::InspectionFindings => {
                    Some(("findings", one(&s.findings), Kind::Findings))
                }
                SectionKind::CaseExample => Some(("example", one(&s.example), Kind::Example)),
                SectionKind::ClassificationScale => Some(("scale", one(&s.scale), Kind::Scale)),
                _ => None,
            };
            match needed {
                Some((field, Some(id), kind)) => {
                    self.expect(f, &format!("{p}.{field}"), &id, &[kind])
                }
                Some((field, None, _)) => self.field_error(
                    f,
                    &format!("{p}.kind"),
                    format!("a {} section needs `{field}`", kind_name(s.kind)),
                    None,
                ),
                None if s.kind == SectionKind::LivedExperience => {
                    if s.quotes.is_empty() {
                        self.field_error(
                            f,
                            &format!("{p}.kind"),
                            "a lived-experience section needs `quotes`",
                            None,
                        );
                    }
                    for (j, q) in s.quotes.iter().enumerate() {
                        self.expect(f, &format!("{p}.quotes.{j}"), q, &[Kind::Quote]);
                    }
                }
                None => {
                    if s.body.is_none() {
                        self.field_error(
                            f,
                            &format!("{p}.kind"),
                            format!("a {} section needs a `body`", kind_name(s.kind)),
                            None,
                        );
                    }
                }
            }
        }
    }

    fn check_standard(&mut self, s: &Entry<Standard>) {
        let f = s.file;
        if s.key_questions.is_empty() {
            self.field_error(
                f,
                "key_questions",
                "a standard needs at least one key question",
                None,
            );
        }
        for (i, kq) in s.key_questions.iter().enumerate() {
            let mut letters = HashSet::new();
            for (j, p) in kq.prompts.iter().enumerate() {
                let path = format!("key_questions.{i}.prompts.{j}.letter");
                let ok = p.letter.len() == 1 && p.letter.bytes().all(|b| b.is_ascii_lowercase());
                if !ok {
                    self.error(
                        f,
                        &path,
                        format!("prompt letter `{}` must be one lower-case letter", p.letter),
                    );
                } else if !letters.insert(p.letter.clone()) {
                    self.error(
                        f,
                        &path,
                        format!(
                            "prompt letter `{}` is used twice in this key question",
                            p.letter
                        ),
                    );
                }
            }
            if let Some(a) = &kq.answer_scale {
                self.expect(
                    f,
                    &format!("key_questions.{i}.answer_scale"),
                    a,
                    &[Kind::ResponseScale],
                );
            }
        }
    }

    fn check_findings(&mut self, fi: &Entry<Findings>) {
        let f = fi.file;
        self.check_date(f, "source.date", fi.source.date.as_deref());
        if let Some(w) = &fi.fieldwork {
            self.check_date(f, "fieldwork.from", Some(&w.from));
            self.check_date(f, "fieldwork.to", Some(&w.to));
        }
        for (i, s) in fi.statistics.iter().enumerate() {
            let p = format!("statistics.{i}");
            if s.denominator == 0 {
                self.error(
                    f,
                    &format!("{p}.denominator"),
                    "denominator must be greater than 0",
                );
            } else if s.numerator > s.denominator {
                self.error(
                    f,
                    &format!("{p}.numerator"),
                    format!(
                        "numerator {} is greater than denominator {}",
                        s.numerator, s.denominator
                    ),
                );
            } else if let (Some(stated), Some(actual)) = (s.percentage, s.computed_percentage()) {
                if (stated - actual).abs() > 0.5 + 1e-9 {
                    self.error_at(
                        f,
                        self.model.pos(f, &format!("{p}.percentage")),
                        format!(
                            "percentage {stated} does not match {} of {} ({actual:.1}%)",
                            s.numerator, s.denominator
                        ),
                        Some(format!(
                            "{} / {} × 100 = {actual:.1}, so write {}",
                            s.numerator,
                            s.denominator,
                            actual.round()
                        )),
                    );
                }
            }
            for (j, m) in s.measures.iter().enumerate() {
                self.expect(f, &format!("{p}.measures.{j}"), m, KQ_OR_PROMPT);
            }
        }
    }

    fn check_example(&mut self, e: &Entry<PracticeExample>) {
        let f = e.file;
        if !e.names_changed {
            self.error(
                f,
                "names_changed",
                "a case example must say `names_changed: true`: use pseudonyms, never real names",
            );
        }
        for (i, d) in e.demonstrates.iter().enumerate() {
            self.expect(f, &format!("demonstrates.{i}"), d, KQ_OR_PROMPT);
        }
        if let Some(c) = &e.continues {
            if c == &e.id {
                self.error(f, "continues", "an example cannot continue itself");
            } else {
                self.expect(f, "continues", c, &[Kind::Example]);
            }
        }
        self.check_classifications(f, "person.classifications", &e.person.classifications);
    }

    fn check_classifications(&mut self, f: usize, path: &str, map: &BTreeMap<String, String>) {
        for (scale_id, level) in map {
            let p = format!("{path}.{scale_id}");
            match self.model.scale(scale_id) {
                None => {
                    let pos = self.model.field_pos(f, &p);
                    self.expect_at(f, pos, scale_id, &[Kind::Scale]);
                }
                Some(scale) => {
                    self.used.insert(scale_id.clone());
                    if !scale.levels.iter().any(|l| &l.id == level) {
                        let levels: Vec<_> =
                            scale.levels.iter().map(|l| format!("`{}`", l.id)).collect();
                        let near =
                            super::closest(level, scale.levels.iter().map(|l| l.id.as_str()));
                        let help = match near {
                            Some(n) => {
                                format!("did you mean `{n}`? (levels are {})", levels.join(", "))
                            }
                            None => format!("levels are {}", levels.join(", ")),
                        };
                        self.error_at(
                            f,
                            self.model.pos(f, &p),
                            format!("`{level}` is not a level of scale `{scale_id}`"),
                            Some(help),
                        );
                    }
                }
            }
        }
    }

    fn check_scale(&mut self, s: &Entry<ClassificationScale>) {
        if s.levels.len() < 2 {
            self.field_error(
                s.file,
                "levels",
                "a classification scale needs at least two levels",
                None,
            );
        }
        let mut seen = HashSet::new();
        for (i, l) in s.levels.iter().enumerate() {
            if !is_kebab(&l.id) {
                self.error(
                    s.file,
                    &format!("levels.{i}.id"),
                    format!("level id `{}` is not lower-kebab-case", l.id),
                );
            } else if !seen.insert(l.id.clone()) {
                self.error(
                    s.file,
                    &format!("levels.{i}.id"),
                    format!("level `{}` is defined twice", l.id),
                );
            }
        }
    }

    fn check_response_scale(&mut self, s: &Entry<ResponseScale>) {
        if s.options.len() < 2 {
            self.field_error(
                s.file,
                "options",
                "a response scale needs at least two options",
                None,
            );
        }
        let mut seen = HashSet::new();
        for (i, o) in s.options.iter().enumerate() {
            let path = format!("options.{i}.value");
            if !is_kebab(&o.value) {
                self.error(
                    s.file,
                    &path,
                    format!(
                        "option value `{}` must be a lower-kebab-case ASCII word",
                        o.value
                    ),
                );
            } else if !seen.insert(o.value.clone()) {
                self.error(
                    s.file,
                    &path,
                    format!("option value `{}` is used twice", o.value),
                );
            }
        }
        if !s.options.iter().any(|o| o.counts_as == CountsAs::Positive) {
            self.field_error(
                s.file,
                "options",
                "a response scale needs an option that counts as positive",
                None,
            );
        }
    }

    fn check_checklist(&mut self, c: &Entry<Checklist>) {
        let f = c.file;
        self.expect(f, "guide", &c.guide, &[Kind::Guide]);
        if c.version.as_deref().is_none_or(|v| v.trim().is_empty()) {
            self.field_error(
                f,
                "title",
                "a checklist needs a `version`: it is carried into every template so returns can be matched",
                Some("add e.g. `version: \"1.0\"`".into()),
            );
        }
        let mut field_ids = HashSet::new();
        for (list, fields) in [
            ("metadata_fields", &c.metadata_fields),
            ("sign_off", &c.sign_off),
        ] {
            for (i, fd) in fields.iter().enumerate() {
                let p = format!("{list}.{i}");
                if !is_kebab(&fd.id) {
                    self.error(
                        f,
                        &format!("{p}.id"),
                        format!("field id `{}` is not lower-kebab-case", fd.id),
                    );
                } else if !field_ids.insert(fd.id.clone()) {
                    self.error(
                        f,
                        &format!("{p}.id"),
                        format!("field id `{}` is used twice", fd.id),
                    );
                }
                match (fd.kind, &fd.scale, fd.options.is_empty()) {
                    (FieldKind::Choice, Some(s), _) => {
                        self.expect(f, &format!("{p}.scale"), s, &[Kind::Scale])
                    }
                    (FieldKind::Choice, None, true) => self.field_error(
                        f,
                        &format!("{p}.kind"),
                        "a choice field needs a `scale` or `options`",
                        None,
                    ),
                    (FieldKind::Choice, None, false) => {}
                    (_, Some(_), _) | (_, None, false) => self.field_error(
                        f,
                        &format!("{p}.kind"),
                        "`scale` and `options` are only for fields of kind `choice`",
                        None,
                    ),
                    _ => {}
                }
                let lower = fd.label.to_lowercase();
                if lower.contains("date of birth")
                    || lower.contains("full name")
                    || lower.ends_with("name")
                {
                    self.warning(
                        f,
                        &format!("{p}.label"),
                        "checklists must not ask for names or dates of birth: use a pseudonymised case reference",
                    );
                }
            }
        }
        self.check_report(c);
        let mut codes = HashSet::new();
        if c.sections.is_empty() {
            self.field_error(
                f,
                "sections",
                "a checklist needs at least one section",
                None,
            );
        }
        for (i, s) in c.sections.iter().enumerate() {
            let p = format!("sections.{i}");
            self.expect(f, &format!("{p}.standard"), &s.standard, &[Kind::Standard]);
            for (j, q) in s.questions.iter().enumerate() {
                let qp = format!("{p}.questions.{j}");
                if !codes.insert(q.code.clone()) {
                    self.error(
                        f,
                        &format!("{qp}.code"),
                        format!("question code `{}` is used twice", q.code),
                    );
                }
                if q.maps_to.is_empty() {
                    self.field_error(
                        f,
                        &format!("{qp}.maps_to"),
                        "a question must map to at least one key question or prompt",
                        None,
                    );
                }
                for (k, m) in q.maps_to.iter().enumerate() {
                    self.expect(f, &format!("{qp}.maps_to.{k}"), m, KQ_OR_PROMPT);
                }
                self.expect(
                    f,
                    &format!("{qp}.response"),
                    &q.response,
                    &[Kind::ResponseScale],
                );
            }
        }
    }
}

fn kind_name(k: SectionKind) -> String {
    serde_yaml::to_string(&k)
        .unwrap_or_default()
        .trim()
        .to_string()
}
