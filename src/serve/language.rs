//! One language's share of the preview: its last render, what each of its pages depends on,
//! and its PDFs. A site of several languages has one of these per language
//! ([`super::incremental::Renderer`]); each renders only the pages an edit touches in that
//! language, so an edit to a Welsh translation renders Welsh pages alone.

use super::deps::{changed_files, page_deps, Dep, Shape};
use crate::model::Model;
use crate::pdf::Download;
use crate::render::forms::FormFile;
use crate::render::links::Backlinks;
use crate::render::search::SearchDoc;
use crate::render::theme::Theme;
use crate::render::{self, OutputFile, PageSpec};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::sync::Arc;

/// Files only the default language has: one sitemap (of every language), one robots.txt and
/// one error page serve the whole site (as `render::render_languages` makes them).
const ROOT_ONLY: [&str; 3] = ["sitemap.xml", "robots.txt", "404.html"];

/// One page of the last render and what it depends on.
struct Page {
    spec: PageSpec,
    deps: BTreeSet<Dep>,
}

/// What the last render was made from.
struct Last {
    model: Arc<Model>,
    shape: Shape,
    /// Every page with its path, for the sitemap.
    listed: Arc<Vec<(PageSpec, String)>>,
    /// The search entries of the pages, by path (shared with [`SiteWork`] in progress).
    docs: Arc<BTreeMap<String, SearchDoc>>,
}

/// The files made from a language's site as a whole (the search index, sitemap and feed),
/// to make again after some of its pages were rendered. They take longer than a few pages
/// (the search index holds every page), so the preview makes them in the background, after
/// the pages are served ([`super::sitefiles`]).
pub struct SiteWork {
    /// The language's folder (`""`, `cy/`).
    pub folder: String,
    model: Arc<Model>,
    theme: Arc<Theme>,
    listed: Arc<Vec<(PageSpec, String)>>,
    docs: Arc<BTreeMap<String, SearchDoc>>,
}

impl SiteWork {
    /// Makes the files, in the language's folder.
    pub fn make(&self) -> Result<Vec<OutputFile>, String> {
        let all: Vec<SearchDoc> = self.docs.values().cloned().collect();
        let files = render::site_files(&self.model, &self.theme, &self.listed, &all)?;
        Ok(place(&self.folder, files))
    }
}

/// What one language's render made.
pub struct Made {
    /// The files (paths below the site root, in the language's folder).
    pub files: Vec<OutputFile>,
    /// Rendered whole: `files` is every file of the language.
    pub full: bool,
    /// Paths of the language's previous render that it no longer has (after a whole render).
    pub removed: Vec<String>,
    /// The search index, sitemap and feed to make again, after a partial render.
    pub site: Option<SiteWork>,
    pub pages_rendered: usize,
    pub pages_total: usize,
}

/// One language's renderer.
pub struct Language {
    /// The language's code ("" for a site of one language).
    pub code: String,
    /// Its folder below the site root: "" for the default language, else `cy/`.
    folder: String,
    theme: Arc<Theme>,
    pdfs: Vec<Download>,
    /// The checklists' forms as office documents (`checklists/<id>.docx`, `.odt`), as `build`
    /// writes them for this language.
    forms: Vec<FormFile>,
    last: Option<Last>,
    /// Ids of the guides and checklists whose PDFs are out of date, until new ones are taken.
    stale: BTreeSet<String>,
    /// Every path the language's files have (with the folder).
    paths: BTreeSet<String>,
}

impl Language {
    /// A language of `model`, rendered with `theme` switched to its interface strings.
    pub fn new(theme: &Arc<Theme>, model: &Model) -> Language {
        let lang = model.language.as_ref();
        let theme = match lang.filter(|l| !l.is_default()) {
            Some(_) => {
                let mut t = (**theme).clone();
                t.use_language(&render::theme::site_language(model));
                Arc::new(t)
            }
            None => theme.clone(),
        };
        Language {
            code: lang.map_or(String::new(), |l| l.code.clone()),
            folder: lang.map_or(String::new(), crate::lang::Language::folder),
            theme,
            pdfs: Vec::new(),
            forms: Vec::new(),
            last: None,
            stale: BTreeSet::new(),
            paths: BTreeSet::new(),
        }
    }

    pub fn is_default(&self) -> bool {
        self.folder.is_empty()
    }

    /// The model of the last successful render.
    pub fn model(&self) -> Option<&Arc<Model>> {
        self.last.as_ref().map(|l| &l.model)
    }

    pub fn theme(&self) -> &Arc<Theme> {
        &self.theme
    }

    pub fn pdfs(&self) -> &[Download] {
        &self.pdfs
    }

    /// The ids whose PDFs are out of date.
    pub fn stale(&self) -> &BTreeSet<String> {
        &self.stale
    }

    /// Renders `model`: whole the first time or when the language's shape changed, otherwise
    /// only the pages depending on what changed since the last render.
    pub fn render(&mut self, model: Arc<Model>) -> Result<Made, String> {
        let shape = Shape::of(&model);
        match &self.last {
            Some(last) if last.shape == shape => {
                let changed = changed_files(&last.model, &model);
                self.partial(model, shape, &changed)
            }
            _ => self.full(model, shape),
        }
    }

    /// Takes new PDFs: renders the pages that link to a PDF whose size or page count changed,
    /// and returns them with the PDFs' bytes.
    pub fn set_pdfs(&mut self, pdfs: Vec<Download>) -> Result<Made, String> {
        let meta = |d: &Download| (d.guide.clone(), d.path.clone(), render_size(d), d.pdf.pages);
        let before: HashSet<_> = self.pdfs.iter().map(meta).collect();
        let changed: BTreeSet<Dep> = pdfs
            .iter()
            .filter(|d| !before.contains(&meta(d)))
            .map(|d| Dep::Pdf(d.guide.clone()))
            .chain(
                self.pdfs
                    .iter()
                    .filter(|d| !pdfs.iter().any(|n| n.guide == d.guide))
                    .map(|d| Dep::Pdf(d.guide.clone())),
            )
            .collect();
        self.pdfs = pdfs;
        let Some(last) = self.last.take() else {
            return Ok(Made::nothing());
        };
        let mut out = self.partial(last.model, last.shape, &changed)?;
        let pdf_files: Vec<OutputFile> = self
            .pdfs
            .iter()
            .map(|d| OutputFile {
                path: d.path.clone(),
                bytes: d.pdf.bytes.clone(),
            })
            .collect();
        out.files.extend(self.place(pdf_files));
        Ok(out)
    }

    /// Marks the PDFs with these ids as made.
    pub fn made(&mut self, ids: impl IntoIterator<Item = String>) {
        for id in ids {
            self.stale.remove(&id);
        }
    }

    /// The office document forms of `model`'s checklists, as `build` makes them (for a
    /// further language, of its translated checklists only).
    fn forms_of(&self, model: &Model) -> Result<Vec<FormFile>, String> {
        match self.is_default() {
            true => crate::build::form_files(model, &self.theme.locale),
            false => crate::build::form_files(&crate::lang::pdf_model(model), &self.theme.locale),
        }
    }

    /// Takes `model`'s forms; returns those whose bytes are new (a checklist was edited).
    fn update_forms(&mut self, model: &Model) -> Result<Vec<OutputFile>, String> {
        let forms = self.forms_of(model)?;
        let new = forms
            .iter()
            .filter(|f| {
                !self
                    .forms
                    .iter()
                    .any(|o| o.path == f.path && o.bytes == f.bytes)
            })
            .map(|f| OutputFile {
                path: f.path.clone(),
                bytes: f.bytes.clone(),
            })
            .collect();
        self.forms = forms;
        Ok(new)
    }

    fn full(&mut self, model: Arc<Model>, shape: Shape) -> Result<Made, String> {
        let hidden = crate::progress::Progress::hidden();
        self.forms = self.forms_of(&model)?;
        let (page_files, docs) =
            render::render_pages(&model, &self.theme, &self.pdfs, &self.forms, &hidden)?;
        let listed: Vec<(PageSpec, String)> = render::page_list(&model)
            .into_iter()
            .zip(page_files.iter().map(|f| f.path.clone()))
            .collect();
        let files = render::assemble(
            &model,
            &self.theme,
            &self.pdfs,
            &self.forms,
            page_files,
            &docs,
        )?;
        let files = self.place(files);
        let paths: BTreeSet<String> = files.iter().map(|f| f.path.clone()).collect();
        let removed = self.paths.difference(&paths).cloned().collect();
        self.paths = paths;
        let pages = record_pages(&model);
        let total = pages.len();
        self.stale.extend(owners(&model, &pages, None));
        self.last = Some(Last {
            model,
            shape,
            listed: Arc::new(listed),
            docs: Arc::new(docs.into_iter().map(|d| (d.url.clone(), d)).collect()),
        });
        Ok(Made {
            files,
            full: true,
            removed,
            site: None,
            pages_rendered: total,
            pages_total: total,
        })
    }

    /// Renders the pages that depend on `changed`, and the search index, sitemap and feed
    /// again from the pages' cached search entries.
    fn partial(
        &mut self,
        model: Arc<Model>,
        shape: Shape,
        changed: &BTreeSet<Dep>,
    ) -> Result<Made, String> {
        let pages = record_pages(&model);
        let todo: Vec<&PageSpec> = pages
            .iter()
            .filter(|p| p.deps.iter().any(|d| changed.contains(d)))
            .map(|p| &p.spec)
            .collect();
        let (listed, mut docs) = match self.last.take() {
            Some(l) => (l.listed, l.docs),
            None => (Arc::default(), Arc::default()),
        };
        // The office documents are made again when a checklist's pages are (they show the
        // same content, and this is how its PDF is found out of date too); their paths, and so
        // the pages that link them, change only with the model's shape.
        let forms_stale = todo
            .iter()
            .any(|s| matches!(s, PageSpec::Checklist(_) | PageSpec::ChecklistForm(_)));
        let mut files = match forms_stale {
            true => self.update_forms(&model)?,
            false => Vec::new(),
        };
        let mut site = None;
        if !todo.is_empty() {
            let back = Backlinks::build(&model);
            let base = render::Shared::new(&model, &self.theme, &self.pdfs, &self.forms);
            let rendered = todo
                .par_iter()
                .map(|spec| render::render_page_and_doc(&model, &self.theme, &back, &base, spec))
                .collect::<Result<Vec<_>, String>>()?;
            // Copied only while a background job still reads the previous entries.
            let entries = Arc::make_mut(&mut docs);
            for (file, doc) in rendered {
                entries.remove(&file.path);
                if let Some(d) = doc {
                    entries.insert(d.url.clone(), d);
                }
                files.push(file);
            }
            site = Some(SiteWork {
                folder: self.folder.clone(),
                model: model.clone(),
                theme: self.theme.clone(),
                listed: listed.clone(),
                docs: docs.clone(),
            });
        }
        self.stale.extend(owners(&model, &pages, Some(changed)));
        let (rendered, total) = (todo.len(), pages.len());
        self.last = Some(Last {
            model,
            shape,
            listed,
            docs,
        });
        Ok(Made {
            files: self.place(files),
            full: false,
            removed: Vec::new(),
            site,
            pages_rendered: rendered,
            pages_total: total,
        })
    }

    fn place(&self, files: Vec<OutputFile>) -> Vec<OutputFile> {
        if self.folder.is_empty() {
            return files;
        }
        // The theme's assets are the default language's, shared (as `build` writes them).
        let shared =
            crate::lang::assets::Shared::new(&self.theme, self.folder.matches('/').count());
        let files = files
            .into_iter()
            .filter(|f| !shared.has(&f.path))
            .map(|mut f| {
                if let Some(bytes) = shared.point_up(&f.path, &f.bytes) {
                    f.bytes = bytes;
                }
                f
            })
            .collect();
        place(&self.folder, files)
    }

    /// Records the language's search index made whole again (`made`, with the sitemap and
    /// feed); returns the search files it no longer has.
    pub fn site_made(&mut self, made: &[OutputFile]) -> Vec<String> {
        let gone = super::sitefiles::superseded(&self.folder, made, self.paths.iter());
        for path in &gone {
            self.paths.remove(path);
        }
        self.paths.extend(made.iter().map(|f| f.path.clone()));
        gone
    }

    /// The language's folder.
    pub fn folder(&self) -> &str {
        &self.folder
    }
}

/// A further language's files go into its folder, without the files only the default
/// language has.
fn place(folder: &str, files: Vec<OutputFile>) -> Vec<OutputFile> {
    if folder.is_empty() {
        return files;
    }
    files
        .into_iter()
        .filter(|f| !ROOT_ONLY.contains(&f.path.as_str()))
        .map(|f| OutputFile {
            path: format!("{folder}{}", f.path),
            bytes: f.bytes,
        })
        .collect()
}

impl Made {
    fn nothing() -> Made {
        Made {
            files: Vec::new(),
            full: false,
            removed: Vec::new(),
            site: None,
            pages_rendered: 0,
            pages_total: 0,
        }
    }
}

/// The guides and checklists (by id) whose pages depend on `changed` (all of them for `None`).
fn owners(m: &Model, pages: &[Page], changed: Option<&BTreeSet<Dep>>) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    for p in pages {
        let owner = match p.spec {
            PageSpec::Guide(g) | PageSpec::Chapter(g, _) => &m.guides[g].guide.id,
            PageSpec::Checklist(c) => &m.checklists[c].id,
            _ => continue,
        };
        // New PDFs change the pages that link to them, not the PDFs' content.
        let content = |d: &&Dep| !matches!(d, Dep::Pdf(_));
        if changed.is_none_or(|ch| p.deps.iter().filter(content).any(|d| ch.contains(d))) {
            ids.insert(owner.clone());
        }
    }
    ids
}

/// The size as the download link shows it.
fn render_size(d: &Download) -> String {
    crate::pdf::human_size(d.pdf.bytes.len())
}

fn record_pages(model: &Model) -> Vec<Page> {
    render::page_list(model)
        .into_par_iter()
        .map(|spec| Page {
            deps: page_deps(model, &spec),
            spec,
        })
        .collect()
}
