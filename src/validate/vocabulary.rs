//! The site's vocabulary: its own lists are well formed (kebab-case ids, unique within their
//! list, labels given in valid languages), and every service, practice area, stage and
//! framework an entity names is one the vocabulary declares, with a near miss suggested.

use super::{closest, is_kebab, Checker};
use crate::model::{Label, Model, VocabItem, VocabKind, Vocabulary};
use std::collections::HashSet;

/// A reference to the vocabulary: the file, the path of the value (and of the old name of
/// the field, when it has one), the list and the id written.
struct Use<'a> {
    file: usize,
    path: String,
    old_path: Option<String>,
    kind: VocabKind,
    id: &'a str,
}

impl Checker<'_> {
    /// Checks `vocabulary.yaml` and every reference to it.
    pub(super) fn check_vocabulary(&mut self) {
        if let Some(v) = &self.model.vocabulary {
            self.check_lists(v.file, v);
        }
        let m = self.model;
        for u in uses(m) {
            self.check_use(&u);
        }
    }

    fn check_lists(&mut self, file: usize, v: &Vocabulary) {
        for kind in VocabKind::ALL {
            let mut seen = HashSet::new();
            for (i, item) in v.list(kind).iter().enumerate() {
                let at = format!("{}.{i}", kind.key());
                if !is_kebab(&item.id) {
                    let help = format!(
                        "ids use lower-case letters, digits and single hyphens, e.g. `{}`",
                        slug::slugify(&item.id)
                    );
                    let pos = self.model.pos(file, &format!("{at}.id"));
                    self.error_at(
                        file,
                        pos,
                        format!("`{}` is not a valid id", item.id),
                        Some(help),
                    );
                }
                if !seen.insert(item.id.as_str()) {
                    self.error(
                        file,
                        &format!("{at}.id"),
                        format!("`{}` is declared twice in `{}`", item.id, kind.key()),
                    );
                }
                self.check_label(file, &format!("{at}.label"), &item.label);
                self.check_label_languages(file, &format!("{at}.label"), kind, item);
                if let Some(d) = &item.description {
                    self.check_label(file, &format!("{at}.description"), d);
                }
            }
        }
    }

    /// A label given per language has a text in each of the site's languages: one it lacks
    /// shows the default language's text on that language's pages,
    /// which is a warning at the label, as an untranslated page is. (One text for every
    /// language is a choice, not a gap, and is not reported.)
    fn check_label_languages(
        &mut self,
        file: usize,
        path: &str,
        kind: VocabKind,
        item: &VocabItem,
    ) {
        let Label::PerLanguage(m) = &item.label else {
            return;
        };
        let code = |tag: &str| crate::locale::code(tag);
        for lang in crate::lang::declared(self.model) {
            if m.keys().any(|k| code(k) == code(&lang)) {
                continue;
            }
            let shown = item.label.get(&lang, self.model.default_language());
            self.warning(
                file,
                path,
                format!(
                    "`{}` in `{}` has no label in `{lang}`, so its pages in `{lang}` show \"{shown}\"",
                    item.id,
                    kind.key()
                ),
            );
        }
    }

    /// A label is not empty, and a per-language label names valid language codes.
    fn check_label(&mut self, file: usize, path: &str, label: &Label) {
        match label {
            Label::One(s) if s.trim().is_empty() => self.error(file, path, "the text is empty"),
            Label::One(_) => {}
            Label::PerLanguage(m) if m.is_empty() => {
                self.error(file, path, "give a text, or a text per language");
            }
            Label::PerLanguage(m) => {
                let mut seen = HashSet::new();
                for (lang, text) in m {
                    let at = format!("{path}.{lang}");
                    if !seen.insert(lang.to_ascii_lowercase()) {
                        let pos = self.model.field_pos(file, &at);
                        let message = format!("language `{lang}` is given twice");
                        self.error_at(file, pos, message, None);
                    } else if !crate::markdown::valid_lang(lang) {
                        let pos = self.model.field_pos(file, &at);
                        let help = Some("use a language code such as `en` or `cy`".to_string());
                        self.error_at(file, pos, format!("`{lang}` is not a language code"), help);
                    } else if text.trim().is_empty() {
                        self.error(file, &at, "the text is empty");
                    }
                }
            }
        }
    }

    fn check_use(&mut self, u: &Use) {
        let declared: Vec<&str> = self
            .model
            .vocabulary
            .iter()
            .flat_map(|v| v.list(u.kind).iter().map(|t| t.id.as_str()))
            .collect();
        if declared.contains(&u.id) || self.model.broken.vocabulary {
            return;
        }
        let positions = &self.model.positions[u.file];
        let path = match &u.old_path {
            Some(old) if positions.value(&u.path).is_none() => old.as_str(),
            _ => u.path.as_str(),
        };
        let pos = self.model.pos(u.file, path);
        let key = u.kind.key();
        let help = match closest(u.id, declared.iter().copied()) {
            Some(near) => format!("did you mean `{near}`?"),
            None if self.model.vocabulary.is_none() => {
                format!("declare it under `{key}` in content/vocabulary.yaml")
            }
            None if declared.is_empty() => {
                format!("content/vocabulary.yaml declares no `{key}`: add it there")
            }
            None => format!("`{key}` in vocabulary.yaml are: {}", listed(&declared)),
        };
        let message = format!("unknown {} `{}`", u.kind.noun(), u.id);
        self.error_at(u.file, pos, message, Some(help));
    }
}

/// Every place the content names a vocabulary item.
fn uses(m: &Model) -> Vec<Use<'_>> {
    let mut out = Vec::new();
    for g in &m.guides {
        let service = &g.guide.service;
        out.push(Use::new(
            g.guide.file,
            "service",
            VocabKind::Service,
            service,
        ));
        for c in &g.chapters {
            stage(&mut out, c.file, "", &c.stage);
        }
    }
    for s in &m.standards {
        out.push(Use::new(
            s.file,
            "framework",
            VocabKind::Framework,
            &s.framework,
        ));
        stage(&mut out, s.file, "", &s.stage);
        for (i, kq) in s.key_questions.iter().enumerate() {
            out.push(Use {
                file: s.file,
                path: format!("key_questions.{i}.practice_area"),
                old_path: Some(format!("key_questions.{i}.lens")),
                kind: VocabKind::PracticeArea,
                id: &kq.practice_area,
            });
        }
    }
    for e in &m.evidence {
        if let Some(a) = &e.practice_area {
            out.push(Use {
                old_path: Some("lens".into()),
                ..Use::new(e.file, "practice_area", VocabKind::PracticeArea, a)
            });
        }
    }
    for e in &m.examples {
        stage(&mut out, e.file, "", &e.stage);
    }
    for c in &m.checklists {
        for (i, s) in c.sections.iter().enumerate() {
            stage(&mut out, c.file, &format!("sections.{i}."), &s.stage);
        }
    }
    out
}

/// A stage of work, if one is written at `{base}stage` (or its old name `aspire_stage`).
fn stage<'a>(out: &mut Vec<Use<'a>>, file: usize, base: &str, id: &'a Option<String>) {
    if let Some(id) = id {
        out.push(Use {
            file,
            path: format!("{base}stage"),
            old_path: Some(format!("{base}aspire_stage")),
            kind: VocabKind::Stage,
            id: id.as_str(),
        });
    }
}

impl<'a> Use<'a> {
    fn new(file: usize, path: &str, kind: VocabKind, id: &'a str) -> Use<'a> {
        Use {
            file,
            path: path.to_string(),
            old_path: None,
            kind,
            id,
        }
    }
}

/// The ids for a message: all of them, or the first twelve and how many more.
fn listed(ids: &[&str]) -> String {
    const SHOWN: usize = 12;
    let mut s = ids
        .iter()
        .take(SHOWN)
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    if ids.len() > SHOWN {
        s.push_str(&format!(" and {} more", ids.len() - SHOWN));
    }
    s
}
