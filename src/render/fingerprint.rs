//! Cache-busting fingerprints: every CSS and JavaScript file under `assets/` is renamed with
//! the start of the SHA-256 of its contents (`assets/style.3f2a9c1e.css`), and every reference
//! to it in the site's pages, styles and scripts is rewritten, whichever template wrote it
//! (a project's own templates keep writing `assets/style.css`). A changed file gets a new name,
//! so it can be cached for ever. The search index is the exception: see [`is_fingerprinted`]. (A file's name comes from its contents before references in
//! it are rewritten; the default theme's styles and scripts refer to no other asset.)

use super::OutputFile;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// `assets/style.css` → `assets/style.<8 hex digits>.css` from the file's bytes.
pub fn fingerprinted(path: &str, bytes: &[u8]) -> String {
    let hash = Sha256::digest(bytes);
    let hex: String = hash.iter().take(4).map(|b| format!("{b:02x}")).collect();
    match path.rsplit_once('.') {
        Some((stem, ext)) if !stem.ends_with('/') => format!("{stem}.{hex}.{ext}"),
        _ => format!("{path}.{hex}"),
    }
}

/// Styles and scripts are fingerprinted; the search index (`assets/search/`) keeps its names,
/// since its chunks are named by their contents already and the rest changes
/// with every edit to the content and only the search page loads it (a live preview can then
/// refresh it without re-rendering the page).
fn is_fingerprinted(path: &str) -> bool {
    path.starts_with("assets/")
        && (path.ends_with(".css") || path.ends_with(".js"))
        && !path.starts_with(crate::search::DIR)
}

/// The new name of each fingerprinted file among `files` (path, bytes), old path to new.
pub fn renames<'a>(files: impl Iterator<Item = (&'a str, &'a [u8])>) -> BTreeMap<String, String> {
    files
        .filter(|(path, _)| is_fingerprinted(path))
        .map(|(path, bytes)| (path.to_string(), fingerprinted(path, bytes)))
        .collect()
}

/// Renames the CSS and JavaScript assets and rewrites references to them in every HTML, CSS,
/// JavaScript and XML file. Returns the renaming, old path to new.
pub fn apply(files: &mut [OutputFile]) -> BTreeMap<String, String> {
    let renames = renames(files.iter().map(|f| (f.path.as_str(), f.bytes.as_slice())));
    for f in files.iter_mut() {
        if let Some(new) = renames.get(&f.path) {
            f.path = new.clone();
        }
        // The search index holds text, not references (and is large).
        let textual = [".html", ".css", ".js", ".xml"]
            .iter()
            .any(|x| f.path.ends_with(x))
            && !f.path.starts_with(crate::search::DIR);
        if textual {
            if let Ok(text) = std::str::from_utf8(&f.bytes) {
                if let Some(new) = rewrite(text, &renames) {
                    f.bytes = new.into_bytes();
                }
            }
        }
    }
    renames
}

/// Rewrites each `assets/NAME` whose whole path is a renamed asset; `None` if nothing changed.
pub fn rewrite(text: &str, renames: &BTreeMap<String, String>) -> Option<String> {
    const MARK: &str = "assets/";
    let mut out = String::with_capacity(text.len() + 64);
    let mut rest = text;
    let mut changed = false;
    while let Some(i) = super::scan::find(rest, MARK) {
        let after = &rest[i..];
        let len = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || "._-/".contains(c)))
            .unwrap_or(after.len());
        let candidate = &after[..len];
        out.push_str(&rest[..i]);
        match renames.get(candidate) {
            Some(new) => {
                out.push_str(new);
                changed = true;
            }
            None => out.push_str(candidate),
        }
        rest = &after[len..];
    }
    out.push_str(rest);
    changed.then_some(out)
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
    fn names_follow_the_contents() {
        let a = fingerprinted("assets/style.css", b"body{}");
        assert!(a.starts_with("assets/style.") && a.ends_with(".css"), "{a}");
        assert_eq!(a.len(), "assets/style.12345678.css".len());
        assert_eq!(a, fingerprinted("assets/style.css", b"body{}"));
        assert_ne!(a, fingerprinted("assets/style.css", b"body{color:red}"));
        // SHA-256 of the empty file starts e3b0c442.
        assert_eq!(fingerprinted("assets/a.js", b""), "assets/a.e3b0c442.js");
    }

    #[test]
    fn references_are_rewritten_everywhere_but_only_whole_names() {
        let mut files = vec![
            file("assets/style.css", "body{}"),
            file("assets/search.js", "x()"),
            file("assets/elasticlunr-LICENSE.txt", "MIT"),
            file(
                "guides/g/index.html",
                "<link href=\"../../assets/style.css\"><script src='../../assets/search.js'></script>\
                 <a href=\"../../assets/style.css.map\">x</a> <a href=\"../../assets/elasticlunr-LICENSE.txt\">l</a>",
            ),
            file("404.html", "<link href=\"/guides/assets/style.css\">"),
        ];
        let renames = apply(&mut files);
        let css = &renames["assets/style.css"];
        let js = &renames["assets/search.js"];
        assert_eq!(renames.len(), 2, "text files keep their names");
        assert_eq!(files[0].path, *css);
        assert_eq!(files[2].path, "assets/elasticlunr-LICENSE.txt");
        let page = String::from_utf8(files[3].bytes.clone()).unwrap();
        assert_eq!(
            page,
            format!(
                "<link href=\"../../{css}\"><script src='../../{js}'></script>\
                 <a href=\"../../assets/style.css.map\">x</a> <a href=\"../../assets/elasticlunr-LICENSE.txt\">l</a>"
            )
        );
        let missing = String::from_utf8(files[4].bytes.clone()).unwrap();
        assert_eq!(missing, format!("<link href=\"/guides/{css}\">"));
    }
}
