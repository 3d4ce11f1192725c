//! One `assets/` folder for every language: the theme's styles, scripts and icons are the same
//! in each language, so a further language's pages (`cy/…`) use the default language's copy,
//! through relative addresses one folder further up (`../assets/style.3f2a9c1e.css` from
//! `cy/index.html`), so the site still works under any path and from disk. Only the search
//! index, which differs per language, stays in the language's own `assets/`.

use crate::render::OutputFile;
use std::collections::BTreeSet;

/// Whether a file of a language's site is a theme asset shared by every language (the search
/// index, under [`crate::search::DIR`], is the language's own).
fn shared(path: &str) -> bool {
    path.starts_with("assets/") && !path.starts_with(crate::search::DIR)
}

/// Whether a file may refer to assets (and is not the search index, which holds only text).
fn textual(path: &str) -> bool {
    [".html", ".css", ".js", ".xml"]
        .iter()
        .any(|x| path.ends_with(x))
        && !path.starts_with(crate::search::DIR)
}

/// The shared assets of a further language's site, known before any of its files is made
/// (their fingerprinted names come from the theme), for a build that writes each file as it
/// is rendered.
pub struct Shared {
    /// Each shared asset's path, and the same path one folder further up per level.
    ups: std::collections::BTreeMap<String, String>,
}

impl Shared {
    /// The theme's assets, for a language folder `depth` folders deep.
    pub fn new(theme: &crate::render::theme::Theme, depth: usize) -> Shared {
        let up = "../".repeat(depth);
        let ups = theme
            .assets
            .keys()
            .map(|name| {
                let path = format!("assets/{name}");
                theme.renames.get(&path).cloned().unwrap_or(path)
            })
            .filter(|p| shared(p))
            .map(|p| (p.clone(), format!("{up}{p}")))
            .collect();
        Shared { ups }
    }

    /// Whether `path` (below the language's folder) is a shared asset, not written again.
    pub fn has(&self, path: &str) -> bool {
        self.ups.contains_key(path)
    }

    /// The file's bytes with its references to shared assets pointing up to the site root's;
    /// `None` when it has none.
    pub fn point_up(&self, path: &str, bytes: &[u8]) -> Option<Vec<u8>> {
        if !textual(path) {
            return None;
        }
        let text = std::str::from_utf8(bytes).ok()?;
        crate::render::fingerprint::rewrite(text, &self.ups).map(String::into_bytes)
    }
}

/// A further language's site files (paths below its folder, which is `depth` folders deep)
/// without the shared assets, its pages' references to them pointing up to the site root's.
pub fn share(files: Vec<OutputFile>, depth: usize) -> Vec<OutputFile> {
    let names: BTreeSet<String> = files
        .iter()
        .filter(|f| shared(&f.path))
        .map(|f| f.path.clone())
        .collect();
    let up = "../".repeat(depth);
    files
        .into_iter()
        .filter(|f| !names.contains(&f.path))
        .map(|mut f| {
            if textual(&f.path) {
                if let Ok(text) = std::str::from_utf8(&f.bytes) {
                    if let Some(new) = point_up(text, &names, &up) {
                        f.bytes = new.into_bytes();
                    }
                }
            }
            f
        })
        .collect()
}

/// `text` with each reference to one of `names` (`assets/…`, whole names only) preceded by
/// `up`; `None` when there is none: the fingerprint rewriting's scan, each name renamed to
/// itself one folder further up.
fn point_up(text: &str, names: &BTreeSet<String>, up: &str) -> Option<String> {
    let renames = names
        .iter()
        .map(|n| (n.clone(), format!("{up}{n}")))
        .collect();
    crate::render::fingerprint::rewrite(text, &renames)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn shared_assets_are_dropped_and_referenced_one_folder_up() {
        let files = vec![
            file("assets/style.1a2b3c4d.css", "body{}"),
            file("assets/search/index.js", "x"),
            file(
                "guides/g/index.html",
                "<link href=\"../../assets/style.1a2b3c4d.css\"><script src=\"../../assets/search/index.js\"></script><a href=\"../../assets/style.1a2b3c4d.css.map\">m</a>",
            ),
            file("index.html", "<link href=\"assets/style.1a2b3c4d.css\">"),
        ];
        let out = share(files, 1);
        let paths: Vec<&str> = out.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "assets/search/index.js",
                "guides/g/index.html",
                "index.html"
            ]
        );
        assert_eq!(
            String::from_utf8(out[1].bytes.clone()).unwrap(),
            "<link href=\"../../../assets/style.1a2b3c4d.css\"><script src=\"../../assets/search/index.js\"></script><a href=\"../../assets/style.1a2b3c4d.css.map\">m</a>"
        );
        assert_eq!(
            String::from_utf8(out[2].bytes.clone()).unwrap(),
            "<link href=\"../assets/style.1a2b3c4d.css\">"
        );
    }
}
