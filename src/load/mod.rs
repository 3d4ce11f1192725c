//! Loading: find the YAML files of a content tree, parse each into its typed entity, and record
//! where every value stands so later checks can point at it.

pub mod broken;
pub mod cache;
pub mod guard;
pub mod limits;
pub mod links;
pub mod positions;
pub mod read;
pub mod walk;

use crate::diag::{Diagnostic, Pos, Report, Severity, SourceFile};
use crate::model::common::HasId;
use crate::model::*;
use positions::PosMap;
use rayon::prelude::*;
use serde::de::DeserializeOwned;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Which entity a file holds, from where it stands in the tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum FileKind {
    Site,
    Glossary,
    Vocabulary,
    Guide(String),
    Chapter(String),
    Standard,
    Evidence,
    Findings,
    Example,
    Quotes,
    Scale,
    ResponseScale,
    Checklist,
}

fn classify(rel: &Path) -> Option<FileKind> {
    let parts: Vec<&str> = rel.iter().filter_map(|p| p.to_str()).collect();
    Some(match parts.as_slice() {
        ["site.yaml" | "site.yml"] => FileKind::Site,
        ["glossary.yaml" | "glossary.yml"] => FileKind::Glossary,
        ["vocabulary.yaml" | "vocabulary.yml"] => FileKind::Vocabulary,
        ["guides", g, "guide.yaml" | "guide.yml"] => FileKind::Guide(g.to_string()),
        ["guides", g, _] => FileKind::Chapter(g.to_string()),
        ["standards", _] => FileKind::Standard,
        ["evidence", _] => FileKind::Evidence,
        ["findings", _] => FileKind::Findings,
        ["examples", _] => FileKind::Example,
        ["quotes", _] => FileKind::Quotes,
        ["scales", _] => FileKind::Scale,
        ["response-scales", _] => FileKind::ResponseScale,
        ["checklists", _] => FileKind::Checklist,
        _ => return None,
    })
}

/// A parsed file, before it joins the model. Each entity is shared (with `serve`'s cache of
/// unchanged files and with every model made from one load), not copied.
#[derive(Debug, Clone)]
pub enum Parsed {
    Site(Arc<Site>),
    Glossary(Arc<Glossary>),
    Vocabulary(Arc<Vocabulary>),
    Guide(String, Arc<Guide>),
    Chapter(String, Arc<Chapter>),
    Standard(Arc<Standard>),
    Evidence(Arc<EvidenceSummary>),
    Findings(Arc<Findings>),
    Example(Arc<PracticeExample>),
    Quotes(Arc<QuoteFile>),
    Scale(Arc<ClassificationScale>),
    ResponseScale(Arc<ResponseScale>),
    Checklist(Arc<Checklist>),
}

/// A file written in another language than the site's default (`kps-assessing.cy.yaml`),
/// parsed; [`crate::lang`] puts it in place of its original in that language's model.
#[derive(Debug, Clone)]
pub struct Translation {
    /// The language suffix of the file name, e.g. `cy`.
    pub lang: String,
    /// Index into the model's sources.
    pub file: usize,
    /// The file name's stem without the suffix (`kps-assessing`).
    pub stem: String,
    pub entity: Parsed,
}

/// Parses YAML text into `T`, turning serde's error into a located diagnostic.
fn parse<T: DeserializeOwned>(text: &str, file: usize) -> Result<T, Diagnostic> {
    serde_yaml::from_str(text).map_err(|e| yaml_error(&e, text, file))
}

/// A diagnostic from a serde_yaml error, at its line and column.
pub fn yaml_error(e: &serde_yaml::Error, text: &str, file: usize) -> Diagnostic {
    let pos = e
        .location()
        .map(|l| Pos::from_line_col(text, l.line(), l.column()))
        .unwrap_or_default();
    let full = e.to_string();
    // serde_yaml appends " at line L column C"; the location is shown separately.
    let message = match full.find(" at line ") {
        Some(i) => full[..i].to_string(),
        None => full,
    };
    let message = message.replace("Site", "site");
    let mut d = Diagnostic::error(file, pos, message.clone());
    if !about_a_value(&message) {
        // A syntax error is at one character: underline that, not the token after it.
        let len = text[pos.offset..].chars().next().map_or(1, char::len_utf8);
        d = d.with_len(len);
    }
    if let Some(help) = suggest_expected(&message) {
        d = d.with_help(help);
    } else if message.contains("mapping values are not allowed") {
        d = d.with_help(
            "a value that contains `: ` must be quoted, e.g. `title: \"Risk: what to look for\"`",
        );
    }
    d
}

/// Whether a serde_yaml message is about a value that does not fit its type (serde's own
/// messages), rather than a syntax error at one character.
fn about_a_value(message: &str) -> bool {
    [
        "invalid type",
        "invalid value",
        "invalid length",
        "unknown field",
        "unknown variant",
        "missing field",
        "duplicate field",
        "duplicate entry",
    ]
    .iter()
    .any(|m| message.contains(m))
}

/// For "unknown field `nmae`, expected one of `name`, …" or "unknown variant `stge`, expected
/// one of `stage`, …" suggests the closest expected name.
fn suggest_expected(message: &str) -> Option<String> {
    let at = ["unknown field `", "unknown variant `"]
        .iter()
        .find_map(|p| message.find(p).map(|i| i + p.len()))?;
    let (bad, rest) = message[at..].split_once('`')?;
    let expected: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
    crate::validate::closest(bad, expected.iter().copied()).map(|s| format!("did you mean `{s}`?"))
}

/// Loads every YAML file under `content`. Files that fail to parse are reported and left out;
/// the rest still load, so one run reports as much as it can.
pub fn load(content: &Path, report: &mut Report) -> Model {
    load_with(content, report, None)
}

/// [`load`], taking the files that did not change from `cache` (and keeping what it read
/// there for the next time).
pub fn load_cached(content: &Path, report: &mut Report, cache: &mut cache::Cache) -> Model {
    load_with(content, report, Some(cache))
}

fn load_with(content: &Path, report: &mut Report, cache: Option<&mut cache::Cache>) -> Model {
    let mut model = Model::default();
    if !content.is_dir() {
        report.push(Diagnostic::global(format!(
            "content folder `{}` not found",
            content.display()
        )));
        return model;
    }
    let limit = limits::file_size_limit(content);
    let paths = find_files(content, report);

    // Read and parse in parallel; assemble in path order so the result is deterministic.
    let parsed: Vec<ReadResult> = match cache {
        None => paths
            .par_iter()
            .enumerate()
            .map(|(i, path)| read_one(content, path, i, read::read_bounded(path, limit)))
            .collect(),
        Some(cache) => {
            let looked: Vec<cache::Looked> = paths
                .par_iter()
                .enumerate()
                .map(|(i, path)| {
                    cache.look(path, i, limit, |bytes| read_one(content, path, i, bytes))
                })
                .collect();
            let mut new = Vec::new();
            let mut read = 0;
            let parsed = looked
                .into_iter()
                .map(|l| match l {
                    cache::Looked::Hit(r) => r,
                    cache::Looked::Miss(r, entry) => {
                        read += 1;
                        new.extend(entry.map(|e| *e));
                        r
                    }
                })
                .collect();
            cache.finish(&paths, new);
            cache.last_read = read;
            parsed
        }
    };

    let mut pending = Vec::new();
    for (i, (source, positions, kind, result, lang)) in parsed.into_iter().enumerate() {
        let file = model.sources.add(source);
        debug_assert_eq!(file, i);
        let stem = stem(&model.sources.files[file].path, lang.as_deref());
        model.positions.push(positions);
        let parsed = match (kind, result) {
            (None, _) => {
                report.push(
                    Diagnostic::warning(
                        file,
                        Pos::default(),
                        "file is not part of the content layout and was ignored",
                    )
                    .with_help("see docs/content-model.md for where each kind of file goes"),
                );
                continue;
            }
            (Some(kind), Err(d)) => {
                // The file's own error is the cause; what refers to it is not reported too.
                report.push(d.as_cause());
                model.unparsed.push(file);
                model.broken.add(&kind, &stem, &model.positions[file]);
                continue;
            }
            (_, Ok(p)) => p,
        };
        if let Some(lang) = lang {
            model.translation_files.push(Translation {
                lang,
                file,
                stem,
                entity: parsed,
            });
            continue;
        }
        match parsed {
            Parsed::Site(s) => {
                model.site = Some(Entry {
                    id: "site".into(),
                    file,
                    data: s,
                })
            }
            Parsed::Glossary(g) => {
                model.glossary = Some(Entry {
                    id: "glossary".into(),
                    file,
                    data: g,
                })
            }
            Parsed::Vocabulary(v) => {
                model.vocabulary = Some(Entry {
                    id: "vocabulary".into(),
                    file,
                    data: v,
                })
            }
            Parsed::Guide(folder, g) => {
                let id = g.id.clone().unwrap_or(folder);
                let guide = Entry { id, file, data: g };
                model.guides.push(GuideEntry {
                    guide,
                    chapters: Vec::new(),
                });
            }
            Parsed::Chapter(folder, c) => {
                pending.push((folder, make_entry(c, file, &stem)));
            }
            Parsed::Standard(s) => model.standards.push(make_entry(s, file, &stem)),
            Parsed::Evidence(s) => model.evidence.push(make_entry(s, file, &stem)),
            Parsed::Findings(s) => model.findings.push(make_entry(s, file, &stem)),
            Parsed::Example(s) => model.examples.push(make_entry(s, file, &stem)),
            Parsed::Quotes(s) => model.quote_files.push(make_entry(s, file, &stem)),
            Parsed::Scale(s) => model.scales.push(make_entry(s, file, &stem)),
            Parsed::ResponseScale(s) => model.response_scales.push(make_entry(s, file, &stem)),
            Parsed::Checklist(s) => model.checklists.push(make_entry(s, file, &stem)),
        }
    }
    attach_chapters(&mut model, pending, report);
    limits::check_site(&model, report);
    collect_inline_refs(&mut model);
    model
}

/// The YAML files of the content tree, in path order. What the walk passes over (links out of
/// the folder or in a loop, special files, unreadable folders) is reported by path.
fn find_files(content: &Path, report: &mut Report) -> Vec<PathBuf> {
    let found = walk::walk(content, |rel| {
        matches!(
            rel.extension().and_then(|e| e.to_str()),
            Some("yaml" | "yml")
        )
    });
    for s in found.skipped {
        let message = format!("`{}` {}", display_path(&s.path), s.reason);
        report.push(Diagnostic {
            severity: if s.error {
                Severity::Error
            } else {
                Severity::Warning
            },
            ..Diagnostic::global(message)
        });
    }
    found.files
}

/// A file as read: its text and positions (shared, so that a cached file costs no copy),
/// kind, parsed entity and language suffix.
pub(crate) type ReadResult = (
    std::sync::Arc<SourceFile>,
    std::sync::Arc<PosMap>,
    Option<FileKind>,
    Result<Parsed, Diagnostic>,
    Option<String>,
);

/// The file at `path`, index `file`, from what reading its bytes gave.
fn read_one(
    content: &Path,
    path: &Path,
    file: usize,
    bytes: Result<Vec<u8>, read::Refused>,
) -> ReadResult {
    let rel = path.strip_prefix(content).unwrap_or(path);
    let read = bytes.and_then(|b| read::decode(&b));
    let (plain, lang) = crate::lang::split_suffix(rel);
    let (text, positions, kind, result) = from_read(&plain, read, file);
    let source = SourceFile {
        display: display_path(path),
        path: path.to_path_buf(),
        text,
    };
    (source.into(), positions.into(), kind, result, lang)
}

/// The text to show, positions, kind and parsed entity of the file at `rel` (relative to the
/// content folder), from what reading it gave.
fn from_read(
    rel: &Path,
    read: Result<String, read::Refused>,
    file: usize,
) -> (String, PosMap, Option<FileKind>, Result<Parsed, Diagnostic>) {
    let kind = classify(rel);
    match read {
        Err(refused) => {
            let pos = Pos::from_offset(&refused.text, refused.offset);
            let mut d = Diagnostic::error(file, pos, refused.message);
            if let Some(help) = refused.help {
                d = d.with_help(help);
            }
            (refused.text, PosMap::default(), kind, Err(d))
        }
        Ok(text) => {
            let (positions, result) = parse_guarded(kind.as_ref(), &text, file);
            (text, positions, kind, result)
        }
    }
}

/// Runs the loader's steps for one file on `bytes`, as if they were the file at `rel`
/// (relative to the content folder, e.g. `scales/x.yaml`): decoding, the guard and parsing,
/// without the disk. Returns the diagnostic as a user would see it, or `None` when the file
/// parses. For fuzzing and property tests.
pub fn check_file_bytes(rel: &str, bytes: &[u8]) -> Option<String> {
    let (plain, _) = crate::lang::split_suffix(Path::new(rel));
    let (text, _, kind, result) = from_read(&plain, read::decode(bytes), 0);
    let d = match (kind, result) {
        (Some(_), Ok(_)) | (None, _) => return None,
        (Some(_), Err(d)) => d,
    };
    let mut sources = crate::diag::Sources::default();
    sources.add(SourceFile {
        display: rel.to_string(),
        path: PathBuf::from(rel),
        text,
    });
    Some(sources.render(&[d], false))
}

/// The positions of a file and its parsed entity, once the guard has passed it: nothing deeper
/// than [`guard::MAX_DEPTH`], no anchors or aliases, before serde sees the text.
fn parse_guarded(
    kind: Option<&FileKind>,
    text: &str,
    file: usize,
) -> (PosMap, Result<Parsed, Diagnostic>) {
    let Some(kind) = kind else {
        return (PosMap::default(), Err(Diagnostic::global("unclassified")));
    };
    let (mut positions, checked) = PosMap::build_checked(text);
    let result = match checked {
        Ok(()) => parse_kind(kind, text, file),
        Err(r) => {
            let pos = Pos::from_line_col(text, r.line, r.col);
            Err(Diagnostic::error(file, pos, r.message).with_help(r.help))
        }
    };
    positions.links = links::of(text, &positions.scalars);
    (positions, result)
}

fn parse_kind(kind: &FileKind, text: &str, file: usize) -> Result<Parsed, Diagnostic> {
    Ok(match kind {
        FileKind::Site => Parsed::Site(Arc::new(parse(text, file)?)),
        FileKind::Glossary => Parsed::Glossary(Arc::new(parse(text, file)?)),
        FileKind::Vocabulary => Parsed::Vocabulary(Arc::new(parse(text, file)?)),
        FileKind::Guide(g) => Parsed::Guide(g.clone(), Arc::new(parse(text, file)?)),
        FileKind::Chapter(g) => Parsed::Chapter(g.clone(), Arc::new(parse(text, file)?)),
        FileKind::Standard => Parsed::Standard(Arc::new(parse(text, file)?)),
        FileKind::Evidence => Parsed::Evidence(Arc::new(parse(text, file)?)),
        FileKind::Findings => Parsed::Findings(Arc::new(parse(text, file)?)),
        FileKind::Example => Parsed::Example(Arc::new(parse(text, file)?)),
        FileKind::Quotes => Parsed::Quotes(Arc::new(parse(text, file)?)),
        FileKind::Scale => Parsed::Scale(Arc::new(parse(text, file)?)),
        FileKind::ResponseScale => Parsed::ResponseScale(Arc::new(parse(text, file)?)),
        FileKind::Checklist => Parsed::Checklist(Arc::new(parse(text, file)?)),
    })
}

/// A path as shown to the user: relative to the current directory when it is below it.
fn display_path(path: &Path) -> String {
    let shown = std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(&cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf());
    shown.to_string_lossy().replace('\\', "/")
}

/// The file name's stem, without the language suffix of a translation.
fn stem(path: &Path, lang: Option<&str>) -> String {
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    lang.and_then(|l| stem.strip_suffix(&format!(".{l}")))
        .unwrap_or(stem)
        .to_string()
}

/// An entity with its id: the one written in the file, or the file stem.
fn make_entry<T: HasId>(data: Arc<T>, file: usize, stem: &str) -> Entry<T> {
    let id = data.explicit_id().unwrap_or(stem).to_string();
    Entry { id, file, data }
}

/// Chapters may be read before their guide; they are attached to it once all files are read.
fn attach_chapters(model: &mut Model, pending: Vec<(String, Entry<Chapter>)>, report: &mut Report) {
    for (folder, chapter) in pending {
        let in_folder = |path: &Path| model_folder(path).as_deref() == Some(folder.as_str());
        let guide = model
            .guides
            .iter()
            .position(|g| in_folder(&model.sources.files[g.guide.file].path));
        let guide_broken = model.unparsed.iter().any(|&f| {
            let path = &model.sources.files[f].path;
            path.file_stem().is_some_and(|s| s == "guide") && in_folder(path)
        });
        match guide {
            Some(g) => model.guides[g].chapters.push(chapter),
            // The guide's own error is reported; its chapters wait until it is fixed.
            None if guide_broken => {
                model.broken.ids.insert(chapter.id);
            }
            None => report.push(Diagnostic::error(
                chapter.file,
                Pos::default(),
                format!("chapter is in folder `guides/{folder}`, which has no guide.yaml"),
            )),
        }
    }
}

fn model_folder(guide_file: &Path) -> Option<String> {
    guide_file
        .parent()?
        .file_name()?
        .to_str()
        .map(str::to_string)
}

/// Every `ref:` and `term:` link of every file, found when each file was read.
fn collect_inline_refs(model: &mut Model) {
    let refs = model.positions.iter().enumerate().flat_map(|(file, p)| {
        p.links.refs.iter().map(move |r| InlineRef {
            file,
            pos: r.pos,
            id: r.id.clone(),
            term: r.term,
        })
    });
    model.inline_refs = refs.collect();
}
