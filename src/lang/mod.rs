//! Languages: a site that lists `languages: [en, cy]` in `site.yaml` is published once per
//! language. The default (first) language is the content as written; a translation is a file
//! beside its original with the language before the extension (`kps-assessing.cy.yaml`,
//! `guide.cy.yaml`), holding the same entity in that language, with the same id.
//!
//! Each further language gets a [`Model`] of its own: the default model with each translated
//! entity put in its original's place ([`models`]). It is validated like the default model, and
//! rendered as a site of its own under `cy/` (see [`links`] for the `hreflang` alternates, the
//! language switcher and the sitemap). Its pages for what is not translated say so and link to
//! the default language's page.

pub mod assets;
pub mod links;

use crate::diag::{Diagnostic, Pos, Report};
use crate::load::{Parsed, Translation};
use crate::model::common::HasId;
use crate::model::*;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Which language a model is, and the site's others.
#[derive(Debug, Clone)]
pub struct Language {
    /// This model's language, e.g. `cy`.
    pub code: String,
    /// Every language of the site, the default first.
    pub all: Vec<String>,
    /// Ids of the entities written in this language (for the default language, every id; for
    /// another, its translations). `"site"` and `"glossary"` stand for those files.
    pub translated: BTreeSet<String>,
    /// The files of those translations (indexes into the model's sources).
    pub files: BTreeSet<usize>,
    /// The default language's tag as `site.yaml` gives it (`en-GB`): what is not translated
    /// is marked with it.
    pub original: String,
}

impl Language {
    /// Whether this is the site's default language.
    pub fn is_default(&self) -> bool {
        self.all.first() == Some(&self.code)
    }

    /// The folder of this language's pages below the site root: "" or "cy/".
    pub fn folder(&self) -> String {
        folder(&self.all, &self.code)
    }
}

/// The folder of `code`'s pages among `all` (the default first): "" or "cy/".
pub fn folder(all: &[String], code: &str) -> String {
    if all.first().map(String::as_str) == Some(code) {
        String::new()
    } else {
        format!("{code}/")
    }
}

/// The language of content shown on a page of model `m` when it differs from the page's
/// (WCAG 3.1.2, language of parts): `lang` when it is a valid tag of another language than
/// the site's, else `None`. An untranslated entity in a further language's model carries the
/// default language's tag (see [`models`]), so it is shown whole in that language, its
/// interface words and labels too, in an element marked with it.
pub fn foreign<'a>(m: &Model, lang: Option<&'a str>) -> Option<&'a str> {
    let page = crate::locale::code(m.default_language());
    lang.filter(|l| crate::markdown::valid_lang(l) && crate::locale::code(l) != page)
}

/// Splits the language suffix off a content file's path: `guides/g/kps-assessing.cy.yaml` →
/// (`guides/g/kps-assessing.yaml`, `cy`). Ids are lower-kebab-case, so a dot inside a file's
/// stem can only be a suffix; anything that is not a language tag's shape is left alone (and
/// reported as a bad id, as before).
pub fn split_suffix(rel: &Path) -> (PathBuf, Option<String>) {
    let Some(name) = rel.file_name().and_then(|n| n.to_str()) else {
        return (rel.to_path_buf(), None);
    };
    let Some((stem, ext)) = name.rsplit_once('.') else {
        return (rel.to_path_buf(), None);
    };
    let Some((base, lang)) = stem.rsplit_once('.') else {
        return (rel.to_path_buf(), None);
    };
    let primary = lang.split('-').next().unwrap_or_default();
    let shaped = (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_lowercase())
        && lang.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    if base.is_empty() || !shaped {
        return (rel.to_path_buf(), None);
    }
    (
        rel.with_file_name(format!("{base}.{ext}")),
        Some(lang.to_string()),
    )
}

/// The site's languages, the default first: `languages` in `site.yaml`, or none.
pub fn declared(m: &Model) -> Vec<String> {
    m.site
        .as_ref()
        .map(|s| s.languages.clone())
        .unwrap_or_default()
}

/// Checks the `languages` list and every translation file, and makes the model of each
/// further language (before validation). `drafts`: whether draft translations are used.
pub fn models(base: &mut Model, drafts: bool, report: &mut Report) -> Vec<Model> {
    let all = declared(base);
    check_declared(base, &all, report);
    let files = std::mem::take(&mut base.translation_files);
    if base.site.is_none() {
        // Without a site.yaml (its own error is reported) no language is known.
        return Vec::new();
    }
    for t in &files {
        check_suffix(base, &all, t, report);
    }
    if all.len() < 2 {
        return Vec::new();
    }
    base.language = Some(Language {
        code: all[0].clone(),
        all: all.clone(),
        translated: BTreeSet::new(),
        files: BTreeSet::new(),
        original: String::new(),
    });
    let default_tag = base
        .site
        .as_ref()
        .map(|s| s.language.clone())
        .unwrap_or_else(|| all[0].clone());
    if let Some(l) = base.language.as_mut() {
        l.original = default_tag.clone();
    }
    all[1..]
        .iter()
        .map(|code| {
            let mut m = base.clone();
            m.translations.clear();
            let mut translated = BTreeSet::new();
            let mut used = BTreeSet::new();
            for t in files.iter().filter(|t| &t.lang == code) {
                if !drafts && status(&t.entity) == Status::Draft {
                    continue;
                }
                if put_in_place(&mut m, base, t, report) {
                    translated.insert(translation_id(t));
                    used.insert(t.file);
                }
            }
            mark_untranslated(&mut m, &translated, &default_tag);
            if let Some(site) = m.site.as_mut() {
                site.data_mut().language = code.clone();
            }
            m.language = Some(Language {
                code: code.clone(),
                all: all.clone(),
                translated,
                files: used,
                original: default_tag.clone(),
            });
            m
        })
        .collect()
}

/// `languages` must be language tags, without repeats, the first matching `language`.
fn check_declared(m: &Model, all: &[String], report: &mut Report) {
    let Some(site) = &m.site else { return };
    for (i, code) in all.iter().enumerate() {
        let path = format!("languages.{i}");
        let bad = if !crate::markdown::valid_lang(code) {
            Some(format!("`{code}` is not a language tag (e.g. `en`, `cy`)"))
        } else if all[..i].contains(code) {
            Some(format!("`{code}` is listed twice in `languages`"))
        } else {
            None
        };
        if let Some(msg) = bad {
            report.push(Diagnostic::error(site.file, m.pos(site.file, &path), msg));
        }
    }
    if let Some(first) = all.first() {
        let primary = site.language.split('-').next().unwrap_or_default();
        if !primary.eq_ignore_ascii_case(first) {
            let pos = m.pos(site.file, "languages.0");
            report.push(
                Diagnostic::error(
                    site.file,
                    pos,
                    format!(
                        "the first of `languages` is the default language, but `language` is `{}`",
                        site.language
                    ),
                )
                .with_help(format!(
                    "list `{primary}` first, or set `language` to the default language"
                )),
            );
        }
    }
}

/// A translation's language must be one of the site's others.
fn check_suffix(m: &Model, all: &[String], t: &Translation, report: &mut Report) {
    let name = m.sources.files[t.file]
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (message, help) = if all.first() == Some(&t.lang) {
        (
            format!("`{name}` has the default language's suffix `.{}`", t.lang),
            "content in the default language is written without a suffix".to_string(),
        )
    } else if !all.contains(&t.lang) {
        let listed = if all.is_empty() {
            "site.yaml lists no `languages`".to_string()
        } else {
            format!("site.yaml's `languages` are {}", all.join(", "))
        };
        (
            format!(
                "`{name}` is a translation into `{}`, a language the site does not declare",
                t.lang
            ),
            format!("{listed}: add `{}` there, or rename the file", t.lang),
        )
    } else {
        return;
    };
    report.push(Diagnostic::error(t.file, Pos::default(), message).with_help(help));
}

/// The id a translation stands for.
fn translation_id(t: &Translation) -> String {
    match &t.entity {
        Parsed::Site(_) => "site".into(),
        Parsed::Glossary(_) => "glossary".into(),
        Parsed::Vocabulary(_) => "vocabulary".into(),
        Parsed::Guide(folder, g) => g.id.clone().unwrap_or_else(|| folder.clone()),
        Parsed::Chapter(_, c) => id_of(c, &t.stem),
        Parsed::Standard(e) => id_of(e, &t.stem),
        Parsed::Evidence(e) => id_of(e, &t.stem),
        Parsed::Findings(e) => id_of(e, &t.stem),
        Parsed::Example(e) => id_of(e, &t.stem),
        Parsed::Quotes(e) => id_of(e, &t.stem),
        Parsed::Scale(e) => id_of(e, &t.stem),
        Parsed::ResponseScale(e) => id_of(e, &t.stem),
        Parsed::Checklist(e) => id_of(e, &t.stem),
    }
}

fn id_of<T: HasId>(e: &T, stem: &str) -> String {
    e.explicit_id().unwrap_or(stem).to_string()
}

fn status(p: &Parsed) -> Status {
    match p {
        Parsed::Site(_) | Parsed::Glossary(_) | Parsed::Vocabulary(_) => Status::Published,
        Parsed::Guide(_, e) => e.status,
        Parsed::Chapter(_, e) => e.status,
        Parsed::Standard(e) => e.status,
        Parsed::Evidence(e) => e.status,
        Parsed::Findings(e) => e.status,
        Parsed::Example(e) => e.status,
        Parsed::Quotes(e) => e.status,
        Parsed::Scale(e) => e.status,
        Parsed::ResponseScale(e) => e.status,
        Parsed::Checklist(e) => e.status,
    }
}

/// Puts `data` in place of the entry of `list` with `id`; false when there is none.
fn replace<T>(list: &mut [Entry<T>], id: &str, file: usize, data: std::sync::Arc<T>) -> bool {
    match list.iter_mut().find(|e| e.id == id) {
        Some(e) => {
            e.file = file;
            e.data = data;
            true
        }
        None => false,
    }
}

/// Puts a translation in its original's place in `m`; reports a translation without an
/// original (or a guide whose chapters differ from its original's) and returns false.
fn put_in_place(m: &mut Model, base: &Model, t: &Translation, report: &mut Report) -> bool {
    let id = translation_id(t);
    let file = t.file;
    let found = match t.entity.clone() {
        Parsed::Site(mut s) => match m.site.as_mut() {
            Some(e) => {
                keep_settings(std::sync::Arc::make_mut(&mut s), &e.data);
                e.file = file;
                e.data = s;
                true
            }
            None => false,
        },
        Parsed::Vocabulary(_) => {
            report.push(
                Diagnostic::error(
                    file,
                    Pos::default(),
                    "the vocabulary is not translated in a file of its own",
                )
                .with_help("give each label per language in vocabulary.yaml: `label: {en: Probation, cy: Prawf}`"),
            );
            return false;
        }
        Parsed::Glossary(mut g) => match m.glossary.as_mut() {
            Some(e) => {
                // A term the translation lacks is kept from the original, in its language.
                let tag = base.language.as_ref().map(|l| l.original.clone());
                for t in &e.data.terms {
                    if !g.terms.iter().any(|x| x.id == t.id) {
                        std::sync::Arc::make_mut(&mut g)
                            .terms
                            .push(crate::model::Term {
                                lang: tag.clone(),
                                ..t.clone()
                            });
                    }
                }
                e.file = file;
                e.data = g;
                true
            }
            None => false,
        },
        Parsed::Guide(_, g) => match m.guides.iter_mut().find(|x| x.guide.id == id) {
            Some(ge) if ge.guide.chapters != g.chapters => {
                let pos = base.pos(file, "chapters");
                report.push(
                    Diagnostic::error(
                        file,
                        pos,
                        "a translated guide must list the same chapters as its original",
                    )
                    .with_help(format!(
                        "the original lists: {}",
                        ge.guide.chapters.join(", ")
                    )),
                );
                return false;
            }
            Some(ge) => {
                // Whether and which chapters make a PDF is the original's setting.
                let mut g = g;
                std::sync::Arc::make_mut(&mut g).pdf = ge.guide.data.pdf.clone();
                ge.guide.file = file;
                ge.guide.data = g;
                true
            }
            None => false,
        },
        Parsed::Chapter(_, c) => m
            .guides
            .iter_mut()
            .any(|ge| replace(&mut ge.chapters, &id, file, c.clone())),
        Parsed::Standard(e) => replace(&mut m.standards, &id, file, e),
        Parsed::Evidence(e) => replace(&mut m.evidence, &id, file, e),
        Parsed::Findings(e) => replace(&mut m.findings, &id, file, e),
        Parsed::Example(e) => replace(&mut m.examples, &id, file, e),
        Parsed::Quotes(e) => replace(&mut m.quote_files, &id, file, e),
        Parsed::Scale(e) => replace(&mut m.scales, &id, file, e),
        Parsed::ResponseScale(e) => replace(&mut m.response_scales, &id, file, e),
        Parsed::Checklist(e) => replace(&mut m.checklists, &id, file, e),
    };
    // An original that could not be parsed has its own error; its translation waits for it.
    if !found && !base.broken.ids.contains(&id) {
        let name = m.sources.files[file]
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let default = m
            .language
            .as_ref()
            .or(base.language.as_ref())
            .and_then(|l| l.all.first().cloned())
            .unwrap_or_default();
        report.push(
            Diagnostic::error(
                file,
                Pos::default(),
                format!("`{name}` translates `{id}`, which has no original in the default language ({default})"),
            )
            .with_help(format!(
                "a translation sits beside its original, with the same id: `{}`",
                name.replacen(&format!(".{}.", t.lang), ".", 1)
            )),
        );
    }
    found
}

/// A translated `site.yaml` changes the site's words, never its settings.
fn keep_settings(s: &mut Site, original: &Site) {
    s.base_url = original.base_url.clone();
    s.languages = original.languages.clone();
    s.limits = original.limits.clone();
    s.favicon = original.favicon.clone();
    s.theme_colour = original.theme_colour.clone();
    s.complete_translations = original.complete_translations;
}

/// What is not translated keeps its original's language (`lang`), so a page that shows it
/// (a quote, an example) marks it as the default language.
fn mark_untranslated(m: &mut Model, translated: &BTreeSet<String>, tag: &str) {
    fn mark<T: Clone>(
        list: &mut [Entry<T>],
        done: &BTreeSet<String>,
        tag: &str,
        lang: impl Fn(&mut T) -> &mut Option<String>,
    ) {
        for e in list.iter_mut().filter(|e| !done.contains(&e.id)) {
            let l = lang(e.data_mut());
            if l.is_none() {
                *l = Some(tag.to_string());
            }
        }
    }
    for ge in &mut m.guides {
        if !translated.contains(&ge.guide.id) && ge.guide.data.lang.is_none() {
            ge.guide.data_mut().lang = Some(tag.to_string());
        }
        mark(&mut ge.chapters, translated, tag, |c| &mut c.lang);
    }
    mark(&mut m.standards, translated, tag, |e| &mut e.lang);
    mark(&mut m.evidence, translated, tag, |e| &mut e.lang);
    mark(&mut m.findings, translated, tag, |e| &mut e.lang);
    mark(&mut m.examples, translated, tag, |e| &mut e.lang);
    mark(&mut m.quote_files, translated, tag, |e| &mut e.lang);
    mark(&mut m.scales, translated, tag, |e| &mut e.lang);
    mark(&mut m.response_scales, translated, tag, |e| &mut e.lang);
    mark(&mut m.checklists, translated, tag, |e| &mut e.lang);
}

/// What a further language's PDFs are made from: its translated guides, each with only its
/// translated chapters (within the guide's own choice), and its translated checklists. Nothing
/// in the default language is typeset as if it were in this one.
pub fn pdf_model(m: &Model) -> Model {
    let mut p = m.clone();
    let Some(lang) = &m.language else { return p };
    let done = |id: &str| lang.translated.contains(id);
    p.guides.retain(|g| done(&g.guide.id));
    for g in &mut p.guides {
        let chosen: Vec<String> = match &g.guide.data.pdf {
            PdfSetting::Enabled(false) | PdfSetting::Detailed { enabled: false, .. } => continue,
            PdfSetting::Detailed { chapters, .. } if !chapters.is_empty() => chapters.clone(),
            _ => g.guide.chapters.clone(),
        };
        let chapters = chosen.into_iter().filter(|c| done(c)).collect();
        g.guide.data_mut().pdf = PdfSetting::Detailed {
            enabled: true,
            chapters,
        };
    }
    p.checklists.retain(|c| done(&c.id));
    p
}

/// Validates each language's model, adding to `report` what the default model's validation
/// did not already say (a file shared by both models is reported once).
pub fn validate_all(models: &mut [Model], report: &mut Report, options: &crate::validate::Options) {
    for m in models {
        let mut own = Report::default();
        crate::validate::validate(m, &mut own, options.clone());
        for d in own.diagnostics {
            let same = |e: &Diagnostic| {
                e.severity == d.severity
                    && e.message == d.message
                    && e.at.map(|(f, p)| (f, p.offset)) == d.at.map(|(f, p)| (f, p.offset))
            };
            if !report.diagnostics.iter().any(same) {
                report.push(d);
            }
        }
        point_untranslated(m);
    }
}

/// In a further language's model, a reference to something not translated leads to the
/// default language's page (where its anchors are), not to the page saying it is not
/// translated: its address goes up out of the language's folder.
fn point_untranslated(m: &mut Model) {
    let Some(lang) = &m.language else { return };
    let up = "../".repeat(lang.folder().matches('/').count());
    for target in m.index.values_mut() {
        if !lang.files.contains(&target.file) {
            target.url = format!("{up}{}", target.url);
        }
    }
}

/// What `check` says of the page-bearing entities of the default language that a language has
/// no translation of. A site that publishes partly translated (the usual case: its pages for
/// the rest say so and link to the original) gets one note per language listing them, which
/// is not a warning; with `complete_translations: true` in `site.yaml` each is a warning at
/// the original's file, so `check --deny-warnings` fails until every page is translated.
/// Returns the notes.
pub fn untranslated_warnings(base: &Model, models: &[Model], report: &mut Report) -> String {
    let complete = base.site.as_ref().is_some_and(|s| s.complete_translations);
    let mut notes = String::new();
    for m in models {
        let Some(lang) = &m.language else { continue };
        let mut missing: Vec<(usize, &str)> = Vec::new();
        for ge in &base.guides {
            missing.push((ge.guide.file, &ge.guide.id));
            missing.extend(ge.chapters.iter().map(|c| (c.file, c.id.as_str())));
        }
        macro_rules! each {
            ($($list:ident),*) => {
                $(missing.extend(base.$list.iter().map(|e| (e.file, e.id.as_str())));)*
            };
        }
        each!(standards, evidence, findings, examples, scales, checklists);
        if let Some(g) = &base.glossary {
            missing.push((g.file, "glossary"));
        }
        missing.retain(|(_, id)| !lang.translated.contains(*id));
        if !complete {
            if !missing.is_empty() {
                let ids: Vec<&str> = missing.iter().map(|(_, id)| *id).collect();
                notes.push_str(&format!(
                    "note: {} not yet translated into `{}` (their pages in it say so): {}\n  = help: set `complete_translations: true` in site.yaml to have each reported as a warning\n",
                    if ids.len() == 1 { "1 page is".to_string() } else { format!("{} pages are", ids.len()) },
                    lang.code,
                    ids.join(", ")
                ));
            }
            continue;
        }
        for (file, id) in missing {
            {
                report.push(
                    Diagnostic::warning(
                        file,
                        Pos::default(),
                        format!("`{id}` has no translation into `{}`", lang.code),
                    )
                    .with_help(format!(
                        "its page in that language says it is not yet translated; add a file with the suffix `.{}`",
                        lang.code
                    )),
                );
            }
        }
    }
    notes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suffixes_are_split_only_when_shaped_like_a_language() {
        let s = |p: &str| {
            let (path, lang) = split_suffix(Path::new(p));
            (path.to_string_lossy().into_owned(), lang)
        };
        assert_eq!(
            s("guides/g/kps-assessing.cy.yaml"),
            ("guides/g/kps-assessing.yaml".into(), Some("cy".into()))
        );
        assert_eq!(
            s("guides/g/guide.cy.yaml"),
            ("guides/g/guide.yaml".into(), Some("cy".into()))
        );
        assert_eq!(s("site.yaml"), ("site.yaml".into(), None));
        assert_eq!(s("a.Bad.yaml"), ("a.Bad.yaml".into(), None));
        assert_eq!(s("a.toolong.yaml"), ("a.toolong.yaml".into(), None));
        assert_eq!(s(".cy.yaml"), (".cy.yaml".into(), None));
    }

    #[test]
    fn the_default_language_sits_at_the_root() {
        let all = vec!["en".to_string(), "cy".to_string()];
        assert_eq!(folder(&all, "en"), "");
        assert_eq!(folder(&all, "cy"), "cy/");
    }
}
