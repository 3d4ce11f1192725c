//! Reading locale files: the theme's and a project's `templates/locales/LANG.yaml`, each a
//! flat mapping of keys to strings, with faults located at file, line and column.

use crate::diag::{Diagnostic, Pos, SourceFile, Sources};
use crate::load::positions::PosMap;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Largest locale file read (the theme's English is about 10 KB).
const MAX_FILE: u64 = 1024 * 1024;
/// Most locale files a project's folder may hold.
const MAX_FILES: usize = 64;

/// One locale file, read and parsed.
pub struct Layer {
    /// The file as messages name it.
    pub display: String,
    pub text: String,
    pub strings: BTreeMap<String, String>,
    positions: PosMap,
}

/// Every locale file by language code, the theme's first and then the project's.
pub fn layers(overrides: Option<&Path>) -> Result<BTreeMap<String, Vec<Layer>>, String> {
    let mut out: BTreeMap<String, Vec<Layer>> = BTreeMap::new();
    for (name, bytes) in crate::render::theme::default_folder("locales") {
        let Some(lang) = name.strip_suffix(".yaml") else {
            continue;
        };
        let text = String::from_utf8_lossy(bytes).into_owned();
        let layer = parse(format!("the theme's locales/{name}"), PathBuf::new(), text)?;
        out.entry(lang.to_string()).or_default().push(layer);
    }
    if let Some(dir) = overrides.map(|d| d.join("locales")).filter(|d| d.is_dir()) {
        for path in project_files(&dir)? {
            let display = path.display().to_string();
            let lang = language_of(&path).ok_or_else(|| {
                format!("{display}: a locale file is named for its language code, e.g. cy.yaml")
            })?;
            let text = crate::load::read::read_text(&path, MAX_FILE)
                .map_err(|r| format!("{display}: {}", r.message))?;
            let layer = parse(display, path, text)?;
            out.entry(lang).or_default().push(layer);
        }
    }
    Ok(out)
}

/// The `.yaml` files of a project's locales folder, in name order (links and other special
/// files are left alone, as the theme's loader does).
fn project_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
        .collect();
    if files.len() > MAX_FILES {
        return Err(format!(
            "{}: more than {MAX_FILES} locale files",
            dir.display()
        ));
    }
    files.sort();
    Ok(files)
}

/// The language code a file is named for: two or three lower-case letters (`cy.yaml`).
fn language_of(path: &Path) -> Option<String> {
    let stem = path.file_stem()?.to_str()?;
    let ok = (2..=3).contains(&stem.len()) && stem.bytes().all(|b| b.is_ascii_lowercase());
    ok.then(|| stem.to_string())
}

/// Parses one file: a mapping of keys to strings (an empty file has none).
fn parse(display: String, path: PathBuf, text: String) -> Result<Layer, String> {
    let (positions, guarded) = PosMap::build_checked(&text);
    let fail = |pos: Pos, message: String| located(&display, &path, &text, pos, message, None);
    if let Err(r) = guarded {
        let pos = Pos::from_line_col(&text, r.line, r.col);
        return Err(located(
            &display,
            &path,
            &text,
            pos,
            r.message,
            Some(r.help),
        ));
    }
    let strings = if text.trim().is_empty() {
        BTreeMap::new()
    } else {
        serde_yaml::from_str::<BTreeMap<String, String>>(&text).map_err(|e| {
            let pos = e.location().map_or(Pos::default(), |l| {
                Pos::from_line_col(&text, l.line(), l.column())
            });
            let message = format!("not a locale file: {e}");
            fail(pos, message)
        })?
    };
    if let Some((key, pos)) = duplicate_key(&text) {
        return Err(fail(pos, format!("`{key}` is written twice")));
    }
    Ok(Layer {
        display,
        text,
        strings,
        positions,
    })
}

/// The first top-level key written a second time, at its second place. serde keeps the last
/// of two silently; the files are flat mappings, so a key is a line's text before `:` when the
/// line does not start with a space or `#` (a key in quotes is compared without them).
fn duplicate_key(text: &str) -> Option<(String, Pos)> {
    let mut seen = std::collections::HashSet::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let starts_key = !line.starts_with([' ', '\t', '#', '-', '\r', '\n']);
        if let Some((key, _)) = line.split_once(':').filter(|_| starts_key) {
            let key = key.trim().trim_matches(['"', '\'']).to_string();
            if !seen.insert(key.clone()) {
                return Some((key, Pos::from_offset(text, offset)));
            }
        }
        offset += line.len();
    }
    None
}

/// Refuses a key that English does not have, at its place, suggesting the nearest.
pub fn check_keys(layer: &Layer, english: &BTreeMap<String, String>) -> Result<(), String> {
    let Some(key) = layer.strings.keys().find(|k| !english.contains_key(*k)) else {
        return Ok(());
    };
    let pos = layer.positions.key(key).unwrap_or_default();
    let help = crate::validate::closest(key, english.keys().map(String::as_str))
        .map(|s| format!("did you mean `{s}`?"))
        .unwrap_or_else(|| "the keys are those of the theme's locales/en.yaml".into());
    Err(located(
        &layer.display,
        Path::new(""),
        &layer.text,
        pos,
        format!("unknown interface string `{key}`"),
        Some(help),
    ))
}

/// An error rendered with its file, line and column and the line itself (without the
/// leading "error: ", which the caller's message adds).
fn located(
    display: &str,
    path: &Path,
    text: &str,
    pos: Pos,
    message: String,
    help: Option<String>,
) -> String {
    let mut sources = Sources::default();
    let file = sources.add(SourceFile {
        display: display.to_string(),
        path: path.to_path_buf(),
        text: text.to_string(),
    });
    let mut d = Diagnostic::error(file, pos, message);
    d.help = help;
    let rendered = sources.render(&[d], false);
    let trimmed = rendered.trim_end();
    trimmed
        .strip_prefix("error: ")
        .unwrap_or(trimmed)
        .to_string()
}
