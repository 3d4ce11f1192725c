//! Incremental rendering: after an edit, only the pages that depend on the changed files are
//! rendered again (see [`super::deps`]), in each language of the site separately (see
//! [`super::language`]); a change to what every page of a language reads renders that
//! language whole.

use super::language::{Language, SiteWork};
use crate::model::Model;
use crate::pdf::Download;
use crate::render::theme::Theme;
use crate::render::OutputFile;
use std::collections::BTreeSet;
use std::sync::Arc;

/// The result of a render.
pub struct Rendered {
    /// Every file of the site (`full`), or the files rendered again.
    pub files: Vec<OutputFile>,
    /// True when the whole site was rendered: `files` then replaces the previous site.
    pub full: bool,
    /// Paths the site no longer has (when a language was rendered whole but not the site).
    pub removed: Vec<String>,
    /// How many pages were rendered, and how many the site has (in every language).
    pub pages_rendered: usize,
    pub pages_total: usize,
    /// With [`Renderer::defer_site_files`]: the search indexes, sitemaps and feeds still to
    /// make, per language.
    pub site: Vec<SiteWork>,
    /// The folders of the languages whose site files this render replaces (made whole, or to
    /// be made from `site`): older ones still being made are out of date.
    pub fresh: Vec<String>,
}

/// PDFs one language needs made again.
pub struct PdfWork {
    /// Which language (an index into the site's languages, the default first).
    pub lang: usize,
    /// What its PDFs are made from (a further language's translated guides only).
    pub model: Arc<Model>,
    /// Ids of the guides and checklists whose PDFs are stale.
    pub wanted: BTreeSet<String>,
    /// The language's interface strings.
    pub locale: Arc<crate::locale::Locale>,
}

/// Renders the site for the preview server, remembering enough to render only what an edit
/// affects next time.
pub struct Renderer {
    theme: Arc<Theme>,
    langs: Vec<Language>,
    defer: bool,
}

impl Renderer {
    pub fn new(theme: Arc<Theme>) -> Renderer {
        Renderer {
            theme,
            langs: Vec::new(),
            defer: false,
        }
    }

    /// Leaves the search index, sitemap and feed of a partial render to the caller
    /// ([`Rendered::site`]) rather than making them before returning.
    pub fn defer_site_files(&mut self) {
        self.defer = true;
    }

    pub fn theme(&self) -> &Arc<Theme> {
        &self.theme
    }

    /// Replaces the theme; the next render is a full one.
    pub fn set_theme(&mut self, theme: Arc<Theme>) {
        self.theme = theme;
        self.langs.clear();
    }

    /// The default language's model of the last successful render.
    pub fn model(&self) -> Option<&Arc<Model>> {
        self.langs.first().and_then(Language::model)
    }

    /// The default language's PDFs currently linked from the pages.
    pub fn pdfs(&self) -> &[Download] {
        self.langs.first().map_or(&[], Language::pdfs)
    }

    /// Renders `model` and its languages' models: each fully the first time or when its
    /// shape changed, otherwise only the pages depending on what changed since the last
    /// render.
    pub fn render(&mut self, model: Arc<Model>) -> Result<Rendered, String> {
        let mut base = Arc::unwrap_or_clone(model);
        let others = std::mem::take(&mut base.translations);
        let models: Vec<Arc<Model>> = std::iter::once(base).chain(others).map(Arc::new).collect();
        let code = |m: &Model| {
            m.language
                .as_ref()
                .map_or(String::new(), |l| l.code.clone())
        };
        if self
            .langs
            .iter()
            .map(|l| l.code.clone())
            .ne(models.iter().map(|m| code(m)))
        {
            self.langs = models
                .iter()
                .map(|m| Language::new(&self.theme, m))
                .collect();
        }
        let mut out = Rendered {
            files: Vec::new(),
            full: true,
            removed: Vec::new(),
            pages_rendered: 0,
            pages_total: 0,
            site: Vec::new(),
            fresh: Vec::new(),
        };
        for (lang, m) in self.langs.iter_mut().zip(models) {
            let made = match lang.render(m) {
                Ok(made) => made,
                Err(e) => {
                    // What the languages before this one rendered is not published: the next
                    // render starts afresh.
                    self.langs.clear();
                    return Err(e);
                }
            };
            out.full &= made.full;
            if made.full || made.site.is_some() {
                out.fresh.push(lang.folder().to_string());
            }
            out.files.extend(made.files);
            out.site.extend(made.site);
            out.removed.extend(made.removed);
            out.pages_rendered += made.pages_rendered;
            out.pages_total += made.pages_total;
        }
        if out.full {
            out.removed.clear();
        }
        if !self.defer {
            for work in std::mem::take(&mut out.site) {
                match work.make() {
                    Ok(files) => {
                        let lang = self.langs.iter_mut().find(|l| l.folder() == work.folder);
                        out.removed
                            .extend(lang.map_or(Vec::new(), |l| l.site_made(&files)));
                        out.files.extend(files);
                    }
                    Err(e) => {
                        self.langs.clear();
                        return Err(e);
                    }
                }
            }
        }
        Ok(out)
    }

    /// The PDFs to make again, per language: those of guides and checklists whose pages
    /// depended on a changed file since their PDFs were last taken.
    pub fn pdf_work(&self) -> Vec<PdfWork> {
        let mut work = Vec::new();
        for (i, lang) in self.langs.iter().enumerate() {
            let Some(model) = lang.model() else { continue };
            if lang.stale().is_empty() {
                continue;
            }
            let model = if lang.is_default() {
                model.clone()
            } else {
                Arc::new(crate::lang::pdf_model(model))
            };
            work.push(PdfWork {
                lang: i,
                model,
                wanted: lang.stale().clone(),
                locale: Arc::clone(&lang.theme().locale),
            });
        }
        work
    }

    /// Takes new PDFs of language `lang` (all of its PDFs, made from `model`, with `made`
    /// among them): renders the pages whose download links changed, and returns them with the
    /// PDFs' bytes. `None` when the language is gone or a PDF is missing.
    pub fn take_pdfs(
        &mut self,
        lang: usize,
        model: &Model,
        made: Vec<Download>,
    ) -> Option<Result<Rendered, String>> {
        let language = self.langs.get_mut(lang)?;
        let ids: Vec<String> = made.iter().map(|d| d.guide.clone()).collect();
        let all = super::pdfs::merge(model, made, language.pdfs())?;
        language.made(ids);
        let made = match language.set_pdfs(all) {
            Ok(m) => m,
            Err(e) => return Some(Err(e)),
        };
        let mut files = made.files;
        let mut removed = Vec::new();
        // New PDFs are rare and come in the background already: their site files are made here.
        if let Some(work) = &made.site {
            match work.make() {
                Ok(f) => {
                    removed = language.site_made(&f);
                    files.extend(f);
                }
                Err(e) => return Some(Err(e)),
            }
        }
        Some(Ok(Rendered {
            files,
            full: false,
            removed,
            pages_rendered: made.pages_rendered,
            pages_total: made.pages_total,
            site: Vec::new(),
            fresh: made.site.iter().map(|w| w.folder.clone()).collect(),
        }))
    }
}
