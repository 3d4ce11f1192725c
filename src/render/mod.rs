//! Rendering: the model becomes pages through the theme's Tera templates, in parallel.

pub mod charts;
pub mod contents;
pub mod feeds;
pub mod figures;
pub mod fingerprint;
pub mod forms;
pub mod links;
pub mod navigation;
pub mod pages;
pub mod parts;
pub mod scan;
pub mod search;
pub mod tables;
pub mod terms;
pub mod theme;
pub mod views;

pub use pages::{page_list, PageSpec};

use crate::markdown::ROOT;
use crate::model::Model;
use links::Backlinks;
use rayon::prelude::*;
use theme::Theme;

/// A file of the built site: its path below the site root and its bytes.
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Renders every page of the site, plus the search index, sitemap, feed and robots.txt and
/// the theme's assets (CSS and JavaScript fingerprinted). Fails with the first template
/// error (template errors are the theme author's, not the content's).
pub fn render_site(
    model: &Model,
    theme: &Theme,
    pdfs: &[crate::pdf::Download],
    forms: &[forms::FormFile],
) -> Result<Vec<OutputFile>, String> {
    render_site_with(
        model,
        theme,
        pdfs,
        forms,
        &crate::progress::Progress::hidden(),
    )
}

/// [`render_site`], counting each page rendered on `progress`.
pub fn render_site_with(
    model: &Model,
    theme: &Theme,
    pdfs: &[crate::pdf::Download],
    forms: &[forms::FormFile],
    progress: &crate::progress::Progress,
) -> Result<Vec<OutputFile>, String> {
    let (pages, docs) = render_pages(model, theme, pdfs, forms, progress)?;
    assemble(model, theme, pdfs, forms, pages, &docs)
}

/// The whole site from its rendered `pages` (in [`page_list`] order) and their search
/// entries: the pages, the [`site_files`], the PDFs, the forms written as documents and the
/// theme's assets, with styles and scripts fingerprinted.
pub fn assemble(
    model: &Model,
    theme: &Theme,
    pdfs: &[crate::pdf::Download],
    forms: &[forms::FormFile],
    mut files: Vec<OutputFile>,
    docs: &[search::SearchDoc],
) -> Result<Vec<OutputFile>, String> {
    let listed: Vec<(PageSpec, String)> = page_list(model)
        .into_iter()
        .zip(files.iter().map(|f| f.path.clone()))
        .collect();
    files.extend(site_files(model, theme, &listed, docs)?);
    for d in pdfs {
        files.push(OutputFile {
            path: d.path.clone(),
            bytes: d.pdf.bytes.clone(),
        });
    }
    for f in forms {
        files.push(OutputFile {
            path: f.path.clone(),
            bytes: f.bytes.clone(),
        });
    }
    for (name, bytes) in &theme.assets {
        files.push(OutputFile {
            path: format!("assets/{name}"),
            bytes: bytes.clone(),
        });
    }
    fingerprint::apply(&mut files);
    Ok(files)
}

/// Where a rendering puts each file as it is made: its path below the site root and its bytes
/// (a build writes it into the output folder at once; nothing keeps the site in memory).
pub type Sink<'a> = &'a (dyn Fn(&str, &[u8]) -> Result<(), String> + Sync);

/// Whether a rendering builds the search index, or (for `check`, which needs only the files a
/// build would write) the index of no pages: its manifest, which the search page links.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Search {
    Index,
    ManifestOnly,
}

/// [`render_site_with`], each file handed to `sink` as soon as it is made: the pages as they are
/// rendered (in parallel), then the search index, sitemap, feed and robots.txt, the PDFs and the
/// theme's assets, and the forms written as documents.
pub fn render_site_into(
    model: &Model,
    theme: &Theme,
    pdfs: &[crate::pdf::Download],
    forms: &[forms::FormFile],
    progress: &crate::progress::Progress,
    search: Search,
    sink: Sink,
) -> Result<(), String> {
    let pages = render_pages_with(model, theme, pdfs, forms, progress, |f| {
        sink(&f.path, &f.bytes)?;
        Ok(f.path)
    })?;
    let (paths, docs): (Vec<String>, Vec<Option<search::SearchDoc>>) = pages.into_iter().unzip();
    let docs: Vec<search::SearchDoc> = match search {
        Search::Index => docs.into_iter().flatten().collect(),
        Search::ManifestOnly => Vec::new(),
    };
    let listed: Vec<(PageSpec, String)> = page_list(model).into_iter().zip(paths).collect();
    let mut rest = site_files(model, theme, &listed, &docs)?;
    drop(docs);
    rest.extend(theme.assets.iter().map(|(name, bytes)| OutputFile {
        path: format!("assets/{name}"),
        bytes: bytes.clone(),
    }));
    // The pages link the fingerprinted names already (see `render_page_and_doc`).
    fingerprint::apply(&mut rest);
    for f in &rest {
        sink(&f.path, &f.bytes)?;
    }
    for d in pdfs {
        sink(&d.path, &d.pdf.bytes)?;
    }
    for f in forms {
        sink(&f.path, &f.bytes)?;
    }
    Ok(())
}

/// [`render_languages`], each file handed to `sink` (below its language's folder) as it is made.
pub fn render_languages_into(
    model: &Model,
    theme: &Theme,
    pdfs: &[Vec<crate::pdf::Download>],
    forms: &[Vec<forms::FormFile>],
    progress: &crate::progress::Progress,
    search: Search,
    sink: Sink,
) -> Result<(), String> {
    for (i, (m, pdfs)) in model.translations.iter().zip(pdfs).enumerate() {
        let forms = forms.get(i).map_or(&[][..], Vec::as_slice);
        let dir = m
            .language
            .as_ref()
            .map(crate::lang::Language::folder)
            .unwrap_or_default();
        let mut theme = theme.clone();
        theme.use_language(&theme::site_language(m));
        // The theme's assets are the default language's, shared (only the index is its own).
        let shared = crate::lang::assets::Shared::new(&theme, dir.matches('/').count());
        let below = |path: &str, bytes: &[u8]| {
            // One 404 page serves the whole site (a server has one error page).
            if ["sitemap.xml", "robots.txt", "404.html"].contains(&path) || shared.has(path) {
                return Ok(());
            }
            match shared.point_up(path, bytes) {
                Some(b) => sink(&format!("{dir}{path}"), &b),
                None => sink(&format!("{dir}{path}"), bytes),
            }
        };
        render_site_into(m, &theme, pdfs, forms, progress, search, &below)?;
    }
    Ok(())
}

/// Each further language's site (see [`crate::lang`]) under its folder (`cy/…`): its pages,
/// search index, feed, PDFs and forms (`pdfs`, `forms`: one list per language; missing lists
/// are empty); the theme's assets are the default language's (see [`crate::lang::assets`]).
/// The sitemap (of every language), robots.txt and the 404 page are the default language's,
/// one of each at the root.
pub fn render_languages(
    model: &Model,
    theme: &Theme,
    pdfs: &[Vec<crate::pdf::Download>],
    forms: &[Vec<forms::FormFile>],
    progress: &crate::progress::Progress,
) -> Result<Vec<OutputFile>, String> {
    let mut out = Vec::new();
    for (i, (m, pdfs)) in model.translations.iter().zip(pdfs).enumerate() {
        let forms = forms.get(i).map_or(&[][..], Vec::as_slice);
        let dir = m
            .language
            .as_ref()
            .map(crate::lang::Language::folder)
            .unwrap_or_default();
        let mut theme = theme.clone();
        theme.use_language(&theme::site_language(m));
        let files = render_site_with(m, &theme, pdfs, forms, progress)?;
        // The theme's assets are the default language's, shared (only the index is its own).
        let files = crate::lang::assets::share(files, dir.matches('/').count());
        out.extend(
            files
                .into_iter()
                // One 404 page serves the whole site (a server has one error page).
                .filter(|f| !["sitemap.xml", "robots.txt", "404.html"].contains(&f.path.as_str()))
                .map(|f| OutputFile {
                    path: format!("{dir}{}", f.path),
                    bytes: f.bytes,
                }),
        );
    }
    Ok(out)
}

/// Every page of the site (in [`page_list`] order), with the search entries of the pages
/// that are searched.
pub fn render_pages(
    model: &Model,
    theme: &Theme,
    pdfs: &[crate::pdf::Download],
    forms: &[forms::FormFile],
    progress: &crate::progress::Progress,
) -> Result<(Vec<OutputFile>, Vec<search::SearchDoc>), String> {
    let rendered = render_pages_with(model, theme, pdfs, forms, progress, Ok)?;
    let (files, docs): (Vec<OutputFile>, Vec<Option<search::SearchDoc>>) =
        rendered.into_iter().unzip();
    Ok((files, docs.into_iter().flatten().collect()))
}

/// Renders every page (in parallel), handing each to `keep` as soon as it is made; returns
/// what `keep` made of each, in [`page_list`] order, with its search entry.
fn render_pages_with<T: Send>(
    model: &Model,
    theme: &Theme,
    pdfs: &[crate::pdf::Download],
    forms: &[forms::FormFile],
    progress: &crate::progress::Progress,
    keep: impl Fn(OutputFile) -> Result<T, String> + Sync,
) -> Result<Vec<(T, Option<search::SearchDoc>)>, String> {
    check_favicon(model, theme)?;
    let back = Backlinks::build(model);
    let specs = page_list(model);
    let base = Shared::new(model, theme, pdfs, forms);
    progress.stage("Rendering pages", Some(specs.len() as u64));
    specs
        .par_iter()
        .map(|spec| {
            let (file, doc) = render_page_and_doc(model, theme, &back, &base, spec)?;
            progress.inc(1);
            Ok((keep(file)?, doc))
        })
        .collect()
}

/// The files made from the site as a whole: the search index (from `docs`), the sitemap (of
/// the `listed` pages and their paths), the feed and robots.txt.
pub fn site_files(
    model: &Model,
    theme: &Theme,
    listed: &[(PageSpec, String)],
    docs: &[search::SearchDoc],
) -> Result<Vec<OutputFile>, String> {
    let mut files = crate::search::index_files(&theme::site_language(model), docs);
    for (template, path, ctx) in [
        (
            "sitemap.xml",
            "sitemap.xml",
            feeds::sitemap_context(model, listed),
        ),
        ("feed.xml", "feed.xml", feeds::feed_context(model)),
        ("robots.txt", "robots.txt", feeds::robots_context(model)),
    ] {
        let text = theme.tera.render(template, &ctx).map_err(|e| {
            format!(
                "rendering {path} with template {template}: {}",
                theme::error_chain(&e)
            )
        })?;
        files.push(OutputFile {
            path: path.into(),
            bytes: text.into_bytes(),
        });
    }
    Ok(files)
}

/// What every page's template gets: the site's settings, the PDF downloads and the checklist
/// forms written as documents (`form_files`). The offline form's inline style and script are
/// that page's alone (see [`Shared`]): every page's context starts as a copy of this one.
pub fn site_context(
    model: &Model,
    theme: &Theme,
    pdfs: &[crate::pdf::Download],
    forms: &[forms::FormFile],
) -> tera::Context {
    let mut base = pages::base_context(model);
    let downloads: serde_json::Map<String, serde_json::Value> = pdfs
        .iter()
        .map(|d| {
            let v = serde_json::json!({
                "url": d.path,
                "size": crate::pdf::human_size(d.pdf.bytes.len()),
                "pages": d.pdf.pages,
            });
            (d.guide.clone(), v)
        })
        .collect();
    base.insert("downloads", &downloads);
    base.insert("form_files", &forms::links(forms, &theme.locale));
    base.insert("js_messages", &theme.locale.script_messages());
    base
}

/// The offline checklist form's own context: it is one self-contained file, so the theme's
/// style sheet (`inline_css`) and the form's script (`form_js`) go inline.
fn inline_assets(theme: &Theme) -> tera::Context {
    let asset = |name: &str| {
        String::from_utf8_lossy(theme.assets.get(name).map_or(&[][..], |b| b.as_slice()))
            .into_owned()
    };
    let mut ctx = tera::Context::new();
    ctx.insert("inline_css", &asset("style.css"));
    ctx.insert("form_js", &asset("checklist-form.js"));
    ctx
}

/// What the pages of one site rendering share, worked out once: the [`site_context`], each
/// guide's contents list (made the first time a page of the guide needs it, so a preview that
/// re-renders one chapter makes only its guide's), the entities' Markdown fields (each
/// rendered once, see [`crate::markdown::cache`]) and the glossary abbreviations to mark.
pub struct Shared {
    pub base: tera::Context,
    /// Added to the offline checklist forms' contexts only (see [`inline_assets`]).
    inline: tera::Context,
    /// Every entity's Markdown fields, rendered the first time a page shows them.
    pub md: crate::markdown::cache::Cache,
    contents: Vec<std::sync::OnceLock<Result<contents::GuideContents, String>>>,
    marks: Vec<terms::Mark>,
}

impl Shared {
    pub fn new(
        model: &Model,
        theme: &Theme,
        pdfs: &[crate::pdf::Download],
        forms: &[forms::FormFile],
    ) -> Shared {
        Shared {
            base: site_context(model, theme, pdfs, forms),
            inline: inline_assets(theme),
            md: Default::default(),
            contents: model.guides.iter().map(|_| Default::default()).collect(),
            marks: terms::marks(model),
        }
    }

    /// Guide `g`'s contents list, rendered on first use.
    pub fn contents(
        &self,
        model: &Model,
        theme: &Theme,
        g: usize,
    ) -> Result<&contents::GuideContents, String> {
        let cell = self
            .contents
            .get(g)
            .ok_or_else(|| format!("no guide number {g}"))?;
        cell.get_or_init(|| contents::GuideContents::build(&model.guides[g], theme))
            .as_ref()
            .map_err(Clone::clone)
    }
}

/// Fails, at `site.yaml`'s `favicon`, when the icon it names is not among the theme's assets
/// (the validator cannot tell: which theme a build uses is known only here).
fn check_favicon(model: &Model, theme: &Theme) -> Result<(), String> {
    let Some(site) = &model.site else {
        return Ok(());
    };
    match site.favicon.as_deref() {
        Some(icon) if !theme.assets.contains_key(icon) => {
            let pos = model.pos(site.file, "favicon");
            let d = crate::diag::Diagnostic::error(
                site.file,
                pos,
                format!("favicon `{icon}` is not in the theme's static folder"),
            )
            .with_help(format!("add templates/static/{icon} to the project, or leave favicon out to use the theme's own icon"));
            Err(model.sources.render(&[d], false).trim_end().to_string())
        }
        _ => Ok(()),
    }
}

/// Renders one page through its template, given what pages share and the backlinks:
/// glossary abbreviations marked, links made relative, and references to the theme's
/// styles and scripts fingerprinted.
pub fn render_page(
    model: &Model,
    theme: &Theme,
    back: &Backlinks,
    shared: &Shared,
    spec: &PageSpec,
) -> Result<OutputFile, String> {
    render_page_and_doc(model, theme, back, shared, spec).map(|(f, _)| f)
}

/// [`render_page`], with the page's entry for the search index (if it is searched).
pub fn render_page_and_doc(
    model: &Model,
    theme: &Theme,
    back: &Backlinks,
    shared: &Shared,
    spec: &PageSpec,
) -> Result<(OutputFile, Option<search::SearchDoc>), String> {
    let (mut template, path, mut ctx) =
        pages::context(model, back, &shared.base, &shared.md, spec, &theme.locale);
    if let PageSpec::Chapter(g, c) = *spec {
        let contents = shared.contents(model, theme, g)?;
        let around = contents.around(&model.guides[g].chapters[c].id);
        let around = around.unwrap_or(contents::Around {
            before: "",
            after: "",
        });
        ctx.insert("contents_before", around.before);
        ctx.insert("contents_after", around.after);
    }
    if let PageSpec::ChecklistForm(_) = spec {
        ctx.extend(shared.inline.clone());
    }
    let stub = crate::lang::links::untranslated(model, spec);
    if stub {
        // A chapter's own title (its page title adds the guide's, which may be translated).
        let title = match *spec {
            PageSpec::Chapter(g, c) => model.guides[g].chapters[c].title.clone(),
            _ => ctx
                .get("page_title")
                .and_then(|t| t.as_str())
                .unwrap_or_default()
                .to_string(),
        };
        crate::lang::links::stub_context(model, &theme.locale, &mut ctx, &path, &title);
        template = "untranslated.html";
    }
    let html = theme.tera.render(template, &ctx).map_err(|e| {
        format!(
            "rendering {path} with template {template}: {}",
            theme::error_chain(&e)
        )
    })?;
    // Glossary abbreviations are marked on content pages (not the glossary itself, nor the
    // standalone offline form).
    let html = match spec {
        PageSpec::Glossary | PageSpec::ChecklistForm(_) | PageSpec::NotFound | PageSpec::Search => {
            html
        }
        _ => terms::mark_first_uses(&html, &shared.marks),
    };
    let html = tables::wrap_markdown_tables(&html);
    // The 404 page is served at any depth, and the offline form is used once downloaded:
    // their links start from the site's address.
    let root = match spec {
        PageSpec::NotFound => pages::site_path(model),
        PageSpec::ChecklistForm(_) => model
            .site
            .as_ref()
            .map(|s| s.base_url.clone())
            .unwrap_or_else(|| pages::root_for(&path)),
        _ => pages::root_for(&path),
    };
    let doc = (search::searched(spec) && !stub).then(|| {
        let page_title = ctx.get("page_title").and_then(|t| t.as_str());
        search::doc(
            path.clone(),
            search::title(model, spec, page_title.unwrap_or_default()),
            search::group(model, spec, &theme.locale),
            &html,
        )
    });
    let html = scan::replace(&html, ROOT, &root);
    let html = fingerprint::rewrite(&html, &theme.renames).unwrap_or(html);
    Ok((
        OutputFile {
            bytes: html.into_bytes(),
            path,
        },
        doc,
    ))
}
