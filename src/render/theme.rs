//! The theme: Tera templates and static assets. The default theme is embedded in the binary;
//! a project's own `templates/` folder overrides any template or asset by name.

use crate::locale::{Locale, Locales};
use include_dir::{include_dir, Dir, DirEntry};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/templates");

/// Parsed templates plus the static files to copy into the site.
#[derive(Clone)]
pub struct Theme {
    pub tera: tera::Tera,
    /// Static files by path below `static/`, copied to `assets/` in the site.
    pub assets: BTreeMap<String, Vec<u8>>,
    /// Templates that the project overrides, for the build summary.
    pub overridden: Vec<String>,
    /// The fingerprinted names of the styles and scripts (`assets/style.css` →
    /// `assets/style.<hash>.css`), worked out once so that each page can link them.
    pub renames: BTreeMap<String, String>,
    /// Entries of the templates folder that could not be used (links out of it, special
    /// files), each naming its path; and interface strings that fell back to English.
    pub warnings: Vec<String>,
    /// The interface strings of every language, the project's `locales/` over the theme's.
    pub locales: Arc<Locales>,
    /// The strings of the language pages are rendered in (see [`Theme::use_language`]).
    pub locale: Arc<Locale>,
    /// The language tag asked for with [`Theme::use_language`] (`en` until then).
    pub language: String,
}

/// Largest template (an `.html`, `.xml` or `.txt` file) read from a templates folder.
const MAX_TEMPLATE: u64 = 4 * 1024 * 1024;
/// Largest static asset (fonts and images may be bigger than any template).
const MAX_ASSET: u64 = 64 * 1024 * 1024;

/// Reads one file of a templates folder, bounded in size and never blocking on a special file.
fn read_theme_file(path: &Path, name: &str) -> Result<Vec<u8>, String> {
    let limit = if name.starts_with("static/") {
        MAX_ASSET
    } else {
        MAX_TEMPLATE
    };
    crate::load::read::read_bounded(path, limit)
        .map_err(|r| format!("cannot use template {}: {}", path.display(), r.message))
}

/// The files of one folder of the default theme, by name (`en.yaml`).
pub fn default_folder(path: &str) -> Vec<(String, &'static [u8])> {
    DEFAULT_THEME.get_dir(path).map_or_else(Vec::new, |d| {
        d.files()
            .filter_map(|f| Some((f.path().file_name()?.to_str()?.to_string(), f.contents())))
            .collect()
    })
}

/// Every file of the default theme, by relative path.
pub fn default_files() -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    collect(&DEFAULT_THEME, &mut files);
    files
}

fn collect(dir: &Dir<'static>, out: &mut BTreeMap<String, Vec<u8>>) {
    for e in dir.entries() {
        match e {
            DirEntry::Dir(d) => collect(d, out),
            DirEntry::File(f) => {
                let p = f.path().to_string_lossy().replace('\\', "/");
                out.insert(p, f.contents().to_vec());
            }
        }
    }
}

impl Theme {
    /// Loads the embedded theme, then overrides from `overrides` if that folder exists.
    /// Errors name the template and say what is wrong with it.
    pub fn load(overrides: Option<&Path>) -> Result<Theme, String> {
        let mut files = default_files();
        let mut overridden = Vec::new();
        let mut warnings = Vec::new();
        if let Some(dir) = overrides.filter(|d| d.is_dir()) {
            let found = crate::load::walk::walk(dir, |rel| {
                is_theme_file(&rel.to_string_lossy().replace('\\', "/"))
            });
            for s in found.skipped {
                let what = format!("templates: `{}` {}", s.path.display(), s.reason);
                if s.error {
                    return Err(what);
                }
                warnings.push(what);
            }
            for path in found.files {
                let rel = path.strip_prefix(dir).unwrap_or(&path);
                let name = rel.to_string_lossy().replace('\\', "/");
                let bytes = read_theme_file(&path, &name)?;
                if files.get(&name) != Some(&bytes) {
                    overridden.push(name.clone());
                }
                files.insert(name, bytes);
            }
        }
        let mut tera = tera::Tera::default();
        tera.autoescape_on(vec![".html", ".xml"]);
        tera.set_escape_fn(escape_html);
        let mut templates = Vec::new();
        let mut assets = BTreeMap::new();
        for (name, bytes) in files {
            if let Some(asset) = name.strip_prefix("static/") {
                assets.insert(asset.to_string(), bytes);
            } else if is_theme_file(&name) {
                let text = String::from_utf8(bytes)
                    .map_err(|_| format!("template {name} is not UTF-8"))?;
                templates.push((name, text));
            }
        }
        tera.add_raw_templates(templates)
            .map_err(|e| error_chain(&e))?;
        let paths: Vec<(String, &[u8])> = assets
            .iter()
            .map(|(name, bytes)| (format!("assets/{name}"), bytes.as_slice()))
            .collect();
        let renames = super::fingerprint::renames(paths.iter().map(|(p, b)| (p.as_str(), *b)));
        let locales = Arc::new(Locales::load(overrides.filter(|d| d.is_dir()))?);
        crate::locale::tera_fn::register(&mut tera, Arc::clone(&locales), crate::locale::DEFAULT);
        Ok(Theme {
            tera,
            assets,
            overridden,
            renames,
            warnings,
            locale: locales.get(crate::locale::DEFAULT),
            locales,
            language: crate::locale::DEFAULT.to_string(),
        })
    }

    /// Renders pages in the language `tag` (a BCP 47 tag such as `cy` or `en-GB`): templates'
    /// `t()` and `long_date`, and [`Theme::locale`], give its strings. Warns when it has none
    /// (English is used) or lacks some.
    pub fn use_language(&mut self, tag: &str) {
        crate::locale::tera_fn::register(&mut self.tera, Arc::clone(&self.locales), tag);
        self.locale = self.locales.linked(tag);
        self.language = tag.to_string();
        self.warnings.extend(self.locales.warnings_for(tag));
    }
}

/// The language a site is written in: `site.yaml`'s `language`, else English.
pub fn site_language(model: &crate::model::Model) -> String {
    model.site.as_ref().map_or_else(
        || crate::locale::DEFAULT.to_string(),
        |s| s.language.clone(),
    )
}

/// Tera's error with all its causes, on one line each.
pub fn error_chain(e: &dyn std::error::Error) -> String {
    let mut msg = e.to_string();
    let mut src = e.source();
    while let Some(s) = src {
        msg.push_str(&format!("\n  caused by: {s}"));
        src = s.source();
    }
    msg
}

/// Whether a file in a templates folder is part of the theme (a template or a static asset);
/// notes such as a README are not.
fn is_theme_file(name: &str) -> bool {
    name.starts_with("static/") || [".html", ".xml", ".txt"].iter().any(|x| name.ends_with(x))
}

/// HTML escaping for template output: `&`, `<`, `>` and `"`, which is safe in text and in
/// double-quoted attributes (all the theme uses). Tera's default also escapes `/`, which makes
/// every URL in the source unreadable.
pub fn escape_html(input: &str) -> String {
    html_escape::encode_double_quoted_attribute(input).into_owned()
}
