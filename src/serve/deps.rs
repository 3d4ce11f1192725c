//! What each page depends on, so that an edit re-renders only the pages that show it.
//!
//! Every page also reads things shared by the whole site: the site settings, the vocabulary's
//! labels, the glossary (`term:` links), the titles and URLs of every entity (links), the backlinks on standards
//! and examples, and the list of files and pages. These form the site's [`Shape`]; when it
//! changes, everything is re-rendered. Otherwise a page depends on the source files listed
//! by [`page_deps`] (and on the PDF downloads it links to), and only pages depending on a
//! changed file are rendered again.
//!
//! The rules follow what `render::pages` and `render::views` read; the `serve` tests check
//! them by editing every file of the sample and comparing with a full render.

use crate::model::{Kind, Model, Status};
use crate::render::links::Backlinks;
use crate::render::PageSpec;
use std::collections::BTreeSet;
use std::path::PathBuf;

/// A thing a page depends on: a source file, the size and page count of a PDF, or what a
/// guide's navigation shows of its chapters.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Dep {
    File(PathBuf),
    /// The download of a guide's or checklist's PDF, by id.
    Pdf(String),
    /// The chapter links of a guide, by id: each chapter's id, title, navigation label and
    /// language, as its contents list and previous and next links show them ([`nav_key`]).
    /// A chapter page depends on these, not on its sibling chapters' files, so that editing
    /// one chapter's text renders that chapter alone.
    Nav(String),
}

/// Everything every page may read. Two models with the same shape differ only in data that
/// [`page_deps`] attributes to particular pages.
#[derive(Debug, PartialEq)]
pub struct Shape {
    files: Vec<(PathBuf, bool)>,
    site: Option<String>,
    glossary: Option<String>,
    vocabulary: Option<String>,
    index: Vec<(String, Kind, PathBuf, Status, String, String)>,
    back: Backlinks,
    pages: Vec<PageSpec>,
}

impl Shape {
    pub fn of(m: &Model) -> Shape {
        let path = |file: usize| m.sources.files[file].path.clone();
        let text = |file: usize| m.sources.files[file].text.clone();
        Shape {
            files: (0..m.sources.files.len())
                .map(|i| (path(i), m.unparsed.contains(&i)))
                .collect(),
            site: m.site.as_ref().map(|s| text(s.file)),
            glossary: m.glossary.as_ref().map(|g| text(g.file)),
            vocabulary: m.vocabulary.as_ref().map(|v| text(v.file)),
            index: m
                .index
                .iter()
                .map(|(id, t)| {
                    let file = path(t.file);
                    (
                        id.clone(),
                        t.kind,
                        file,
                        t.status,
                        t.title.clone(),
                        t.url.clone(),
                    )
                })
                .collect(),
            back: Backlinks::build(m),
            pages: crate::render::page_list(m),
        }
    }
}

/// The files (and downloads) a page reads beyond the site's [`Shape`].
pub fn page_deps(m: &Model, spec: &PageSpec) -> BTreeSet<Dep> {
    let mut files: BTreeSet<usize> = BTreeSet::new();
    let mut pdf = None;
    let mut nav = None;
    let by_id = |id: &str| m.get(id).map(|t| t.file);
    match *spec {
        PageSpec::Home => files.extend(m.guides.iter().map(|g| g.guide.file)),
        PageSpec::Guide(g) => {
            let ge = &m.guides[g];
            files.insert(ge.guide.file);
            files.extend(ge.chapters.iter().map(|c| c.file));
            pdf = Some(ge.guide.id.clone());
        }
        PageSpec::Chapter(g, c) => {
            let ge = &m.guides[g];
            // The contents list and previous/next links show every chapter's link (`Nav`).
            files.insert(ge.guide.file);
            files.insert(ge.chapters[c].file);
            nav = Some(ge.guide.id.clone());
            for s in &ge.chapters[c].sections {
                let embedded = [&s.evidence, &s.findings, &s.example, &s.scale, &s.standard];
                for id in embedded.into_iter().flatten() {
                    files.extend(by_id(id));
                }
                files.extend(s.quotes.iter().filter_map(|q| by_id(q)));
                if let Some(e) = s.example.as_deref().and_then(|id| example(m, id)) {
                    files.extend(classification_scales(m, e));
                }
            }
        }
        PageSpec::Standards => files.extend(m.standards.iter().map(|s| s.file)),
        PageSpec::Standard(i) => {
            files.insert(m.standards[i].file);
        }
        PageSpec::Evidence(i) => {
            files.insert(m.evidence[i].file);
        }
        PageSpec::Findings(i) => {
            files.insert(m.findings[i].file);
        }
        PageSpec::Examples => files.extend(m.examples.iter().map(|e| e.file)),
        PageSpec::Example(i) => {
            let e = &m.examples[i];
            files.insert(e.file);
            files.extend(classification_scales(m, e));
        }
        PageSpec::Quotes => files.extend(m.quote_files.iter().map(|q| q.file)),
        PageSpec::Scale(i) => {
            files.insert(m.scales[i].file);
        }
        PageSpec::Checklists => {
            files.extend(m.checklists.iter().map(|c| c.file));
            files.extend(m.response_scales.iter().map(|r| r.file));
        }
        PageSpec::Checklist(i) | PageSpec::ChecklistForm(i) => {
            let c = &m.checklists[i];
            files.insert(c.file);
            // Answer options come from response scales; metadata choices from scales.
            files.extend(m.response_scales.iter().map(|r| r.file));
            files.extend(m.scales.iter().map(|s| s.file));
            files.extend(c.sections.iter().filter_map(|s| by_id(&s.standard)));
            pdf = Some(c.id.clone());
        }
        // These read only what the shape covers: the site settings, vocabulary and glossary.
        PageSpec::Glossary | PageSpec::Accessibility | PageSpec::NotFound | PageSpec::Search => {}
    }
    let mut deps: BTreeSet<Dep> = files
        .into_iter()
        .map(|f| Dep::File(m.sources.files[f].path.clone()))
        .collect();
    deps.extend(pdf.map(Dep::Pdf));
    deps.extend(nav.map(Dep::Nav));
    deps
}

/// What a guide's chapter links read of its chapters (see `render::pages::chapter_link`).
pub fn nav_key(g: &crate::model::GuideEntry) -> Vec<(&str, &str, Option<&str>, Option<&str>)> {
    g.chapters
        .iter()
        .map(|c| {
            (
                c.id.as_str(),
                c.title.as_str(),
                c.nav_label.as_deref(),
                c.lang.as_deref(),
            )
        })
        .collect()
}

fn example<'a>(
    m: &'a Model,
    id: &str,
) -> Option<&'a crate::model::Entry<crate::model::PracticeExample>> {
    m.examples.iter().find(|e| e.id == id)
}

/// The files of the classification scales an example's person is placed on.
fn classification_scales<'a>(
    m: &'a Model,
    e: &'a crate::model::Entry<crate::model::PracticeExample>,
) -> impl Iterator<Item = usize> + 'a {
    e.person
        .classifications
        .keys()
        .filter_map(|scale| m.scale(scale).map(|s| s.file))
}

/// The source files whose text differs between two models with the same file list, and the
/// guides whose chapter links differ.
pub fn changed_files(old: &Model, new: &Model) -> BTreeSet<Dep> {
    let mut changed: BTreeSet<Dep> = old
        .sources
        .files
        .iter()
        .zip(&new.sources.files)
        .filter(|(a, b)| a.path != b.path || a.text != b.text)
        .flat_map(|(a, b)| [Dep::File(a.path.clone()), Dep::File(b.path.clone())])
        .collect();
    for g in &new.guides {
        let before = old.guides.iter().find(|o| o.guide.id == g.guide.id);
        if before.is_none_or(|o| nav_key(o) != nav_key(g)) {
            changed.insert(Dep::Nav(g.guide.id.clone()));
        }
    }
    changed
}
