//! The theme: Tera templates and static assets. The default theme is embedded in the binary;
//! a project's own `templates/` folder overrides any template or asset by name.

use include_dir::{include_dir, Dir, DirEntry};
use std::collections::BTreeMap;
use std::path::Path;

static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/templates");

/// Parsed templates plus the static files to copy into the site.
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
    /// files), each naming its path.
    pub warnings: Vec<String>,
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
        Ok(Theme {
            tera,
            assets,
            overridden,
            renames,
            warnings,
        })
    }
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
