//! The pipeline, end to end: load → validate → render → write.

use crate::diag::{ContentErrors, Diagnostic, Report, Severity};
use crate::load;
use crate::model::Model;
use crate::output;
use crate::progress::Progress;
use crate::render::{self, forms::FormFile, theme::Theme};
use crate::validate::{self, Options};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

/// What a build or check is asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub content: PathBuf,
    pub output: PathBuf,
    /// Overrides the site's `base_url`.
    pub base_url: Option<String>,
    /// A folder of templates overriding the default theme; defaults to `templates/` beside the
    /// content folder.
    pub templates: Option<PathBuf>,
    pub drafts: bool,
    /// Replace an output folder that is not empty and not an earlier guidewright output
    /// (never the content, the templates, or a folder holding them or the current folder).
    pub force: bool,
}

impl BuildOptions {
    /// The templates folder: `templates`, or `templates/` beside the content folder.
    pub fn templates_dir(&self) -> PathBuf {
        self.templates
            .clone()
            .unwrap_or_else(|| default_templates_dir(&self.content))
    }
}

/// What a successful build made.
#[derive(Debug)]
pub struct BuildSummary {
    pub guides: usize,
    /// Every PDF written: the guides' and the checklists' fillable forms.
    pub pdfs: usize,
    /// PDF guides.
    pub guide_pdfs: usize,
    /// Checklist forms (each an offline HTML form and a fillable PDF).
    pub forms: usize,
    /// HTML pages, not counting the offline forms.
    pub pages: usize,
    pub files: usize,
    pub millis: u128,
    pub warnings: String,
    pub overridden: Vec<String>,
}

/// Why a build failed.
#[derive(Debug)]
pub enum BuildError {
    /// The content has errors (exit status 1).
    Content(ContentErrors),
    /// A template or the file system failed (exit status 1 as well, with a plain message).
    Other(String),
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BuildError::Content(c) => write!(f, "{c}"),
            BuildError::Other(s) => write!(f, "error: {s}"),
        }
    }
}

/// Loads and validates a content tree. On success returns the model and the rendered warnings.
pub fn check(content: &Path, drafts: bool, colour: bool) -> Result<(Model, String), BuildError> {
    let options = Options {
        drafts,
        ..Options::default()
    };
    check_with(content, options, colour).map(|(model, warnings, _)| (model, warnings))
}

/// [`check`] with every validation option (review dates and orphans are `check`'s own); also
/// returns how many warnings there are.
pub fn check_with(
    content: &Path,
    options: Options,
    colour: bool,
) -> Result<(Model, String, usize), BuildError> {
    check_cached(content, options, colour, None)
}

/// [`check_with`], taking unchanged files from `cache` (`serve` keeps one between edits).
pub fn check_cached(
    content: &Path,
    options: Options,
    colour: bool,
    cache: Option<&mut load::cache::Cache>,
) -> Result<(Model, String, usize), BuildError> {
    let drafts = options.drafts;
    let mut report = Report::default();
    let mut model = match cache {
        Some(cache) => load::load_cached(content, &mut report, cache),
        None => load::load(content, &mut report),
    };
    let mut languages = crate::lang::models(&mut model, drafts, &mut report);
    let check = options.orphans;
    validate::validate(&mut model, &mut report, options.clone());
    crate::lang::validate_all(&mut languages, &mut report, &options);
    let notes = match check {
        true => crate::lang::untranslated_warnings(&model, &languages, &mut report),
        false => String::new(),
    };
    report.sort();
    let rendered = model.sources.render(&report.diagnostics, colour);
    if report.errors() > 0 {
        return Err(BuildError::Content(ContentErrors {
            rendered,
            count: report.errors(),
        }));
    }
    if !drafts {
        model.drop_drafts();
        languages.iter_mut().for_each(Model::drop_drafts);
    }
    model.translations = languages;
    let warnings: Vec<Diagnostic> = report
        .diagnostics
        .into_iter()
        .filter(|d| d.severity == Severity::Warning)
        .collect();
    let rendered = model.sources.render(&warnings, colour) + &notes;
    Ok((model, rendered, warnings.len()))
}

/// The site as `check` sees it: every page rendered in memory, and every other file a build
/// would write named, without its bytes (no PDF typeset, no search index built).
pub struct Planned {
    pub model: Model,
    /// The pages (HTML) with their bytes; every other file with none.
    pub files: Vec<crate::render::OutputFile>,
    pub warnings: String,
    /// How many warnings `warnings` holds.
    pub warning_count: usize,
}

/// Builds the site into `options.output`, atomically.
pub fn build(options: &BuildOptions, colour: bool) -> Result<BuildSummary, BuildError> {
    build_with_progress(options, colour, &Progress::hidden())
}

/// [`build`], showing each stage on `progress` (cleared before returning).
pub fn build_with_progress(
    options: &BuildOptions,
    colour: bool,
    progress: &Progress,
) -> Result<BuildSummary, BuildError> {
    let result = build_inner(options, colour, progress);
    progress.finish();
    result
}

fn build_inner(
    options: &BuildOptions,
    colour: bool,
    progress: &Progress,
) -> Result<BuildSummary, BuildError> {
    let start = Instant::now();
    // Refused before the work, so a mistyped --output costs nothing; checked again at the swap.
    let rules = output::Rules::new(&options.content, &options.templates_dir(), options.force);
    let dest =
        output::check(&options.output, &rules).map_err(|e| BuildError::Other(e.to_string()))?;
    let validation = Options {
        drafts: options.drafts,
        ..Options::default()
    };
    let p = prepare(options, validation, colour, progress)?;
    // Each file goes into the temporary folder as it is made (nothing holds the site in
    // memory); the folder is swapped in once all are written, or removed if any fails.
    let writing = |e: &dyn std::fmt::Display| format!("writing {}: {e}", options.output.display());
    let staging = output::Staging::begin(&dest).map_err(|e| BuildError::Other(writing(&e)))?;
    let (files, html) = (AtomicUsize::new(0), AtomicUsize::new(0));
    let sink = |path: &str, bytes: &[u8]| {
        staging.write(path, bytes).map_err(|e| writing(&e))?;
        files.fetch_add(1, Ordering::Relaxed);
        if path.ends_with(".html") {
            html.fetch_add(1, Ordering::Relaxed);
        }
        Ok(())
    };
    p.render_into(progress, render::Search::Index, &sink)?;
    let (files, html) = (files.into_inner(), html.into_inner());
    progress.stage(&format!("Writing {files} files"), None);
    staging
        .finish()
        .map_err(|e| BuildError::Other(writing(&e)))?;
    let forms = p.model.checklists.len() * (1 + p.model.translations.len());
    Ok(BuildSummary {
        guides: p.model.guides.len(),
        pdfs: p.pdf_count(),
        guide_pdfs: p.guide_pdf_count(),
        forms,
        pages: html - forms,
        files,
        millis: start.elapsed().as_millis(),
        warnings: p.warnings,
        overridden: p.theme.overridden,
    })
}

/// What every rendering starts from: the checked model (base URLs set), the theme in the site's
/// language, every PDF typeset, and the warnings so far.
struct Prepared {
    model: Model,
    theme: Theme,
    pdfs: Vec<crate::pdf::Download>,
    /// One list per further language.
    language_pdfs: Vec<Vec<crate::pdf::Download>>,
    /// The checklist forms written as documents (DOCX, ODT).
    forms: Vec<FormFile>,
    /// One list per further language.
    language_forms: Vec<Vec<FormFile>>,
    warnings: String,
    warning_count: usize,
}

impl Prepared {
    /// The model and theme with their PDFs and forms (each the site's, then one list per
    /// further language), and the warnings so far (`found`: rendered, and how many) with
    /// the PDFs' missing glyphs and the theme's own added.
    fn new(
        model: Model,
        theme: Theme,
        found: (String, usize),
        colour: bool,
        (pdfs, language_pdfs): (Vec<crate::pdf::Download>, Vec<Vec<crate::pdf::Download>>),
        (forms, language_forms): (Vec<FormFile>, Vec<Vec<FormFile>>),
    ) -> Prepared {
        let (glyphs, glyph_count) = missing_glyph_warnings(&model, &pdfs, colour);
        let theme_warnings: Vec<Diagnostic> = theme
            .warnings
            .iter()
            .map(|w| Diagnostic {
                severity: Severity::Warning,
                ..Diagnostic::global(w.clone())
            })
            .collect();
        let warnings = found.0 + &glyphs + &model.sources.render(&theme_warnings, colour);
        Prepared {
            warning_count: found.1 + glyph_count + theme_warnings.len(),
            model,
            theme,
            pdfs,
            language_pdfs,
            forms,
            language_forms,
            warnings,
        }
    }

    /// Renders every language's site into `sink`.
    fn render_into(
        &self,
        progress: &Progress,
        search: render::Search,
        sink: render::Sink,
    ) -> Result<(), BuildError> {
        let (model, theme) = (&self.model, &self.theme);
        render::render_site_into(
            model,
            theme,
            &self.pdfs,
            &self.forms,
            progress,
            search,
            sink,
        )
        .map_err(BuildError::Other)?;
        let (pdfs, forms) = (&self.language_pdfs, &self.language_forms);
        render::render_languages_into(model, theme, pdfs, forms, progress, search, sink)
            .map_err(BuildError::Other)
    }

    fn every_pdf(&self) -> impl Iterator<Item = &crate::pdf::Download> {
        self.pdfs.iter().chain(self.language_pdfs.iter().flatten())
    }

    fn pdf_count(&self) -> usize {
        self.every_pdf().count()
    }

    /// PDF guides (the rest are checklist forms).
    fn guide_pdf_count(&self) -> usize {
        self.every_pdf()
            .filter(|d| self.model.guides.iter().any(|g| g.guide.id == d.guide))
            .count()
    }
}

/// Loads and validates the site and renders its pages in memory, showing each stage on
/// `progress`: what [`build`] makes, but PDFs and office forms only named (their missing glyphs
/// found from the fonts' maps), and the search index only its manifest.
pub fn plan(
    options: &BuildOptions,
    validation: Options,
    colour: bool,
    progress: &Progress,
) -> Result<Planned, BuildError> {
    let (model, theme, warnings, count) = checked(options, validation, colour)?;
    progress.stage("Checking the PDF fonts' coverage", None);
    let pdfs = crate::pdf::plan_all(&model, &theme.locale, true);
    let forms = planned_forms(&model);
    // A further language's PDFs and forms are those of its translated entities.
    let translated: Vec<Model> = (model.translations.iter())
        .map(crate::lang::pdf_model)
        .collect();
    let language_pdfs = (translated.iter())
        .map(|m| crate::pdf::plan_all(m, &theme.locale, false))
        .collect();
    let language_forms = translated.iter().map(planned_forms).collect();
    drop(translated);
    let p = Prepared::new(
        model,
        theme,
        (warnings, count),
        colour,
        (pdfs, language_pdfs),
        (forms, language_forms),
    );
    let files = std::sync::Mutex::new(Vec::new());
    let sink = |path: &str, bytes: &[u8]| {
        let bytes = match path.ends_with(".html") {
            true => bytes.to_vec(),
            false => Vec::new(),
        };
        let file = crate::render::OutputFile {
            path: path.to_string(),
            bytes,
        };
        files.lock().map_err(|e| e.to_string())?.push(file);
        Ok(())
    };
    p.render_into(progress, render::Search::ManifestOnly, &sink)?;
    let mut files = files
        .into_inner()
        .map_err(|e| BuildError::Other(e.to_string()))?;
    // Pages come in the order they were finished: sorted, the findings do not depend on it.
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Planned {
        model: p.model,
        files,
        warnings: p.warnings,
        warning_count: p.warning_count,
    })
}

/// The office forms [`form_files`] would write, named, without their bytes.
fn planned_forms(model: &Model) -> Vec<crate::render::forms::FormFile> {
    use crate::render::forms::{FormFile, Format};
    let formats = [(Format::Docx, "docx"), (Format::Odt, "odt")];
    (model.checklists.iter())
        .flat_map(|c| {
            formats.map(|(format, ext)| FormFile {
                id: c.id.clone(),
                format,
                path: format!("checklists/{}.{ext}", c.id),
                bytes: Vec::new(),
            })
        })
        .collect()
}

/// Loads and validates the content, and loads the theme in the site's language.
fn checked(
    options: &BuildOptions,
    validation: Options,
    colour: bool,
) -> Result<(Model, Theme, String, usize), BuildError> {
    // The theme's templates are parsed on one core while the content is checked (whose
    // validation runs on one core too); content errors are reported first, as before.
    let (checked, theme) = rayon::join(
        || check_with(&options.content, validation, colour),
        || {
            let templates = checked_templates_dir(options.templates.as_deref(), &options.content)?;
            Theme::load(Some(&templates))
        },
    );
    let (mut model, warnings, count) = checked?;
    if let Some(url) = &options.base_url {
        // The command line checked it already; a library caller gets the same rule.
        let url = crate::urls::base_url(url).map_err(BuildError::Other)?;
        if let Some(site) = model.site.as_mut() {
            site.data_mut().base_url = url;
        }
    }
    crate::lang::links::set_base_urls(&mut model);
    let mut theme = theme.map_err(BuildError::Other)?;
    theme.use_language(&crate::render::theme::site_language(&model));
    Ok((model, theme, warnings, count))
}

/// Loads and validates the content, loads the theme and typesets the PDFs.
fn prepare(
    options: &BuildOptions,
    validation: Options,
    colour: bool,
    progress: &Progress,
) -> Result<Prepared, BuildError> {
    let (model, theme, warnings, count) = checked(options, validation, colour)?;
    progress.stage(
        &format!(
            "Typesetting PDFs of {} guides and {} forms",
            model.guides.len(),
            model.checklists.len()
        ),
        None,
    );
    let pdfs = crate::pdf::render_all(&model, &theme.locale);
    let forms = form_files(&model, &theme.locale).map_err(BuildError::Other)?;
    let mut language_pdfs: Vec<Vec<crate::pdf::Download>> = Vec::new();
    let mut language_forms = Vec::new();
    for m in &model.translations {
        let locale = theme
            .locales
            .linked(&crate::render::theme::site_language(m));
        let translated = crate::lang::pdf_model(m);
        language_pdfs.push(crate::pdf::render_all(&translated, &locale));
        language_forms.push(form_files(&translated, &locale).map_err(BuildError::Other)?);
    }
    Ok(Prepared::new(
        model,
        theme,
        (warnings, count),
        colour,
        (pdfs, language_pdfs),
        (forms, language_forms),
    ))
}

/// Every checklist's form in each office document format (`checklists/<id>.docx` and `.odt`),
/// which the checklist pages link beside the PDF and HTML forms. Each checklist is composed
/// once into a [`crate::document::Document`], the only input of the writers; a writer for a
/// further format adds its file here.
pub fn form_files(
    model: &Model,
    loc: &crate::locale::Locale,
) -> Result<Vec<crate::render::forms::FormFile>, String> {
    use crate::render::forms::{FormFile, Format};
    use rayon::prelude::*;
    let per_checklist: Vec<Vec<FormFile>> = model
        .checklists
        .par_iter()
        .map(|c| {
            let doc = crate::document::checklist::compose(model, c, loc);
            let file = |format: Format, ext: &str, bytes: std::io::Result<Vec<u8>>| {
                let path = format!("checklists/{}.{ext}", c.id);
                let bytes = bytes.map_err(|e| format!("writing {path}: {e}"))?;
                Ok::<_, String>(FormFile {
                    id: c.id.clone(),
                    format,
                    path,
                    bytes,
                })
            };
            Ok(vec![
                file(Format::Docx, "docx", crate::docx::write(&doc, loc))?,
                file(Format::Odt, "odt", crate::odt::write(&doc))?,
            ])
        })
        .collect::<Result<_, String>>()?;
    Ok(per_checklist.into_iter().flatten().collect())
}

/// The theme folder: the one given with `--templates`, which must exist (a mistyped folder
/// would silently give the default theme), or else `templates/` beside the content folder,
/// which may be absent.
pub fn checked_templates_dir(given: Option<&Path>, content: &Path) -> Result<PathBuf, String> {
    match given {
        Some(dir) if !dir.is_dir() => Err(format!(
            "the templates folder {} given with --templates does not exist",
            dir.display()
        )),
        Some(dir) => Ok(dir.to_path_buf()),
        None => Ok(default_templates_dir(content)),
    }
}

/// `templates/` beside the content folder: a project's own theme overrides.
pub fn default_templates_dir(content: &Path) -> PathBuf {
    let parent = content
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    parent.join("templates")
}

/// A warning for each character a PDF could not draw, at its first place in the content.
fn missing_glyph_warnings(
    model: &Model,
    pdfs: &[crate::pdf::Download],
    colour: bool,
) -> (String, usize) {
    let missing: std::collections::BTreeSet<char> = pdfs
        .iter()
        .flat_map(|d| d.pdf.missing.iter().copied())
        .collect();
    let diags: Vec<Diagnostic> = missing
        .into_iter()
        .filter_map(|c| {
            let (file, offset) = model
                .sources
                .files
                .iter()
                .enumerate()
                .find_map(|(i, f)| f.text.find(c).map(|o| (i, o)))?;
            let pos = crate::diag::Pos::from_offset(&model.sources.files[file].text, offset);
            let msg = format!(
                "the PDF fonts have no glyph for `{c}` (U+{:04X}): it is drawn as �, and extracts as itself",
                c as u32
            );
            Some(Diagnostic::warning(file, pos, msg).with_len(c.len_utf8()))
        })
        .collect();
    (model.sources.render(&diags, colour), diags.len())
}

/// "Built 2 guides, 34 pages, 2 PDFs, 2 forms (95 files) into output in 412 ms".
pub fn summary_line(s: &BuildSummary, output: &Path) -> String {
    let n = |count: usize, one: &str, many: &str| {
        format!("{count} {}", if count == 1 { one } else { many })
    };
    format!(
        "Built {}, {}, {}, {} ({}) into {} in {} ms",
        n(s.guides, "guide", "guides"),
        n(s.pages, "page", "pages"),
        n(s.guide_pdfs, "PDF", "PDFs"),
        n(s.forms, "form", "forms"),
        n(s.files, "file", "files"),
        output.display(),
        s.millis
    )
}
