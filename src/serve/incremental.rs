//! Incremental rendering: after an edit, only the pages that depend on the changed files are
//! rendered again (see [`super::deps`]); a change to what every page reads renders them all.

use super::deps::{changed_files, page_deps, Dep, Shape};
use crate::model::Model;
use crate::pdf::Download;
use crate::render::links::Backlinks;
use crate::render::search::SearchDoc;
use crate::render::theme::Theme;
use crate::render::{self, OutputFile, PageSpec};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::sync::Arc;

/// One page of the last render and what it depends on.
struct Page {
    spec: PageSpec,
    deps: BTreeSet<Dep>,
}

/// What the last render was made from.
struct Last {
    model: Arc<Model>,
    shape: Shape,
    pages: Vec<Page>,
    /// Every page with its path, for the sitemap.
    listed: Vec<(PageSpec, String)>,
    /// The search entries of the pages, by path.
    docs: BTreeMap<String, SearchDoc>,
}

/// The result of a render.
pub struct Rendered {
    /// Every file of the site (`full`), or only the pages rendered again.
    pub files: Vec<OutputFile>,
    /// True when the whole site was rendered: `files` then replaces the previous site.
    pub full: bool,
    /// How many pages were rendered, and how many the site has.
    pub pages_rendered: usize,
    pub pages_total: usize,
    /// The files that changed since the previous render, or `None` after a full render.
    pub changed: Option<BTreeSet<Dep>>,
}

/// Renders the site for the preview server, remembering enough to render only what an edit
/// affects next time.
pub struct Renderer {
    theme: Arc<Theme>,
    pdfs: Vec<Download>,
    last: Option<Last>,
}

impl Renderer {
    pub fn new(theme: Arc<Theme>) -> Renderer {
        Renderer {
            theme,
            pdfs: Vec::new(),
            last: None,
        }
    }

    pub fn theme(&self) -> &Arc<Theme> {
        &self.theme
    }

    /// Replaces the theme; the next render is a full one.
    pub fn set_theme(&mut self, theme: Arc<Theme>) {
        self.theme = theme;
        self.last = None;
    }

    /// The model of the last successful render.
    pub fn model(&self) -> Option<&Arc<Model>> {
        self.last.as_ref().map(|l| &l.model)
    }

    /// The PDFs currently linked from the pages.
    pub fn pdfs(&self) -> &[Download] {
        &self.pdfs
    }

    /// Renders `model`: fully the first time or when the site's shape changed, otherwise
    /// only the pages depending on files that changed since the last render.
    pub fn render(&mut self, model: Arc<Model>) -> Result<Rendered, String> {
        let shape = Shape::of(&model);
        // A site of several languages is rendered whole (each language's pages are not
        // tracked page by page yet).
        let changed = match &self.last {
            Some(last) if last.shape == shape && model.translations.is_empty() => {
                changed_files(&last.model, &model)
            }
            _ => return self.full(model, shape),
        };
        let mut out = self.partial(model, shape, &changed)?;
        out.changed = Some(changed);
        Ok(out)
    }

    /// Takes new PDFs: renders the pages that link to a PDF whose size or page count changed,
    /// and returns them with the PDFs' bytes.
    pub fn set_pdfs(&mut self, pdfs: Vec<Download>) -> Result<Rendered, String> {
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
            return Ok(Rendered {
                files: Vec::new(),
                full: false,
                pages_rendered: 0,
                pages_total: 0,
                changed: None,
            });
        };
        let mut out = self.partial(last.model, last.shape, &changed)?;
        out.files.extend(self.pdfs.iter().map(|d| OutputFile {
            path: d.path.clone(),
            bytes: d.pdf.bytes.clone(),
        }));
        Ok(out)
    }

    /// The PDFs to make again after the last render: those of guides and checklists whose
    /// pages depend on a changed file (all of them after a full render).
    pub fn stale_pdfs(&self, changed: Option<&BTreeSet<Dep>>) -> BTreeSet<String> {
        let Some(last) = &self.last else {
            return BTreeSet::new();
        };
        let mut ids = BTreeSet::new();
        for p in &last.pages {
            let owner = match p.spec {
                PageSpec::Guide(g) | PageSpec::Chapter(g, _) => &last.model.guides[g].guide.id,
                PageSpec::Checklist(c) => &last.model.checklists[c].id,
                _ => continue,
            };
            let hit = changed.is_none_or(|ch| p.deps.iter().any(|d| ch.contains(d)));
            if hit {
                ids.insert(owner.clone());
            }
        }
        ids
    }

    fn full(&mut self, model: Arc<Model>, shape: Shape) -> Result<Rendered, String> {
        let hidden = crate::progress::Progress::hidden();
        let (page_files, docs) =
            render::render_pages(&model, &self.theme, &self.pdfs, &[], &hidden)?;
        let listed: Vec<(PageSpec, String)> = render::page_list(&model)
            .into_iter()
            .zip(page_files.iter().map(|f| f.path.clone()))
            .collect();
        let mut files = render::assemble(&model, &self.theme, &self.pdfs, &[], page_files, &docs)?;
        // Other languages' pages, without their PDFs (the preview typesets the default's).
        let no_pdfs: Vec<Vec<crate::pdf::Download>> =
            model.translations.iter().map(|_| Vec::new()).collect();
        files.extend(render::render_languages(
            &model,
            &self.theme,
            &no_pdfs,
            &[],
            &hidden,
        )?);
        let pages = record_pages(&model);
        let total = pages.len();
        self.last = Some(Last {
            model,
            shape,
            pages,
            listed,
            docs: docs.into_iter().map(|d| (d.url.clone(), d)).collect(),
        });
        Ok(Rendered {
            files,
            full: true,
            pages_rendered: total,
            pages_total: total,
            changed: None,
        })
    }

    /// Renders the pages that depend on `changed`, and the search index, sitemap and feed
    /// again from the pages' cached search entries (they are cheap to make).
    fn partial(
        &mut self,
        model: Arc<Model>,
        shape: Shape,
        changed: &BTreeSet<Dep>,
    ) -> Result<Rendered, String> {
        let pages = record_pages(&model);
        let todo: Vec<&PageSpec> = pages
            .iter()
            .filter(|p| p.deps.iter().any(|d| changed.contains(d)))
            .map(|p| &p.spec)
            .collect();
        let (listed, mut docs) = match self.last.take() {
            Some(l) => (l.listed, l.docs),
            None => (Vec::new(), BTreeMap::new()),
        };
        let mut files = Vec::new();
        if !todo.is_empty() {
            let back = Backlinks::build(&model);
            let base = render::Shared::new(&model, &self.theme, &self.pdfs, &[]);
            let rendered = todo
                .par_iter()
                .map(|spec| render::render_page_and_doc(&model, &self.theme, &back, &base, spec))
                .collect::<Result<Vec<_>, String>>()?;
            for (file, doc) in rendered {
                docs.remove(&file.path);
                if let Some(d) = doc {
                    docs.insert(d.url.clone(), d);
                }
                files.push(file);
            }
            let all: Vec<SearchDoc> = docs.values().cloned().collect();
            files.extend(render::site_files(&model, &self.theme, &listed, &all)?);
        }
        let (rendered, total) = (todo.len(), pages.len());
        self.last = Some(Last {
            model,
            shape,
            pages,
            listed,
            docs,
        });
        Ok(Rendered {
            files,
            full: false,
            pages_rendered: rendered,
            pages_total: total,
            changed: None,
        })
    }
}

/// The size as the download link shows it.
fn render_size(d: &Download) -> String {
    crate::pdf::human_size(d.pdf.bytes.len())
}

fn record_pages(model: &Model) -> Vec<Page> {
    render::page_list(model)
        .into_iter()
        .map(|spec| Page {
            deps: page_deps(model, &spec),
            spec,
        })
        .collect()
}
