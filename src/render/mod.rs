//! Rendering: the model becomes pages through the theme's Tera templates, in parallel.

pub mod links;
pub mod pages;
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

/// Renders every page of the site, plus the theme's assets. Fails with the first template
/// error (template errors are the theme author's, not the content's).
pub fn render_site(
    model: &Model,
    theme: &Theme,
    pdfs: &[crate::pdf::Download],
) -> Result<Vec<OutputFile>, String> {
    let back = Backlinks::build(model);
    let specs = page_list(model);
    let base = site_context(model, theme, pdfs);
    let mut files: Vec<OutputFile> = specs
        .par_iter()
        .map(|spec| render_page(model, theme, &back, &base, spec))
        .collect::<Result<_, String>>()?;
    for d in pdfs {
        files.push(OutputFile {
            path: d.path.clone(),
            bytes: d.pdf.bytes.clone(),
        });
    }
    for (name, bytes) in &theme.assets {
        files.push(OutputFile {
            path: format!("assets/{name}"),
            bytes: bytes.clone(),
        });
    }
    Ok(files)
}

/// What every page's template gets: the site's settings, the PDF downloads, and the inline
/// style and script of the offline form.
pub fn site_context(model: &Model, theme: &Theme, pdfs: &[crate::pdf::Download]) -> tera::Context {
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
    // The offline checklist form is one self-contained file: its style and script go inline.
    let asset = |name: &str| {
        String::from_utf8_lossy(theme.assets.get(name).map_or(&[][..], |b| b.as_slice()))
            .into_owned()
    };
    base.insert("inline_css", &asset("style.css"));
    base.insert("form_js", &asset("checklist-form.js"));
    base
}

/// Renders one page through its template, given the [`site_context`] and the backlinks.
pub fn render_page(
    model: &Model,
    theme: &Theme,
    back: &Backlinks,
    base: &tera::Context,
    spec: &PageSpec,
) -> Result<OutputFile, String> {
    let (template, path, ctx) = pages::context(model, back, base, spec);
    let html = theme.tera.render(template, &ctx).map_err(|e| {
        format!(
            "rendering {path} with template {template}: {}",
            theme::error_chain(&e)
        )
    })?;
    let root = if spec == &PageSpec::NotFound {
        pages::site_path(model)
    } else {
        pages::root_for(&path)
    };
    Ok(OutputFile {
        bytes: html.replace(ROOT, &root).into_bytes(),
        path,
    })
}
