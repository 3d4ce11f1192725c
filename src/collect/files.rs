//! Finding the returns: each path given is a file or a folder walked for files (in name
//! order, not following links), each read up to a size cap and read by what it holds.
//! Special files (named pipes, sockets, devices) are skipped by their type and never opened,
//! so nothing waits on one.

use super::returns::{Return, Skipped};
use super::{read_csv, read_json, read_office, read_pdf, zipped};
use crate::locale::{Locale, Message};
use std::fs::FileType;
use std::io::Read;
use std::path::{Component, Path, PathBuf};

/// Files larger than this are skipped unread (a filled form is well under 1 MB).
pub const MAX_FILE: u64 = 32 * 1024 * 1024;
/// How deep into folders the walk goes.
const MAX_DEPTH: usize = 16;

/// A file to read and the name it goes by in the report and messages.
#[derive(Debug, Clone)]
pub struct Found {
    pub path: PathBuf,
    pub name: String,
}

/// The name a path given goes by: as written when it is relative and stays below the current
/// folder, otherwise (absolute, or going up with `..`) only its last part, so that no
/// machine's folders appear in a report.
fn label(given: &Path) -> PathBuf {
    let plain = given
        .components()
        .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    if plain {
        given
            .components()
            .filter(|c| *c != Component::CurDir)
            .collect()
    } else {
        given.file_name().map(PathBuf::from).unwrap_or_default()
    }
}

fn name(label: &Path, rel: &Path) -> String {
    let joined = if rel.as_os_str().is_empty() {
        label.to_path_buf()
    } else {
        label.join(rel)
    };
    joined.to_string_lossy().replace('\\', "/")
}

/// What a file that is not a plain file or folder is: the locale key of the reason it is
/// skipped.
fn special(t: &FileType) -> Option<&'static str> {
    if t.is_file() || t.is_dir() {
        return None;
    }
    if t.is_symlink() {
        return Some("report_skip_link");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("report_skip_fifo");
        }
        if t.is_socket() {
            return Some("report_skip_socket");
        }
        if t.is_block_device() || t.is_char_device() {
            return Some("report_skip_device");
        }
    }
    Some("report_skip_special")
}

/// Every file under the given paths, in a stable order and each once; a path that does not
/// exist, a special file and a link inside a folder are skipped with their reason (in `loc`'s
/// language).
pub fn list(paths: &[PathBuf], skipped: &mut Vec<Skipped>, loc: &Locale) -> Vec<Found> {
    let mut out = Vec::new();
    for p in paths {
        let label = label(p);
        let shown = name(&label, Path::new(""));
        let meta = match std::fs::metadata(p) {
            Ok(m) => m,
            Err(e) => {
                let reason = if e.kind() == std::io::ErrorKind::NotFound {
                    Message::new("report_skip_missing", &[])
                } else {
                    unreadable(e)
                };
                skipped.push(Skipped::new(shown, &reason, loc));
                continue;
            }
        };
        if meta.is_dir() {
            walk(p, &label, &mut out, skipped, loc);
        } else if let Some(kind) = special(&meta.file_type()) {
            skipped.push(Skipped::new(shown, &Message::new(kind, &[]), loc));
        } else {
            out.push(Found {
                path: p.clone(),
                name: shown,
            });
        }
    }
    // A file named twice (on its own and inside a folder given too) is read once.
    let mut seen = std::collections::HashSet::new();
    out.retain(|f| seen.insert(std::fs::canonicalize(&f.path).unwrap_or_else(|_| f.path.clone())));
    out
}

/// The reason a file that cannot be read is skipped (the system's words for why, in English).
fn unreadable(e: impl std::fmt::Display) -> Message {
    Message::new("report_skip_unreadable", &[("error", &e.to_string())])
}

fn walk(root: &Path, label: &Path, out: &mut Vec<Found>, skipped: &mut Vec<Skipped>, loc: &Locale) {
    let named = |path: &Path| name(label, path.strip_prefix(root).unwrap_or(path));
    for e in walkdir::WalkDir::new(root)
        .max_depth(MAX_DEPTH)
        .sort_by_file_name()
    {
        match e {
            Ok(e) => match special(&e.file_type()) {
                None if e.file_type().is_file() => out.push(Found {
                    name: named(e.path()),
                    path: e.into_path(),
                }),
                None => {}
                Some(kind) => {
                    skipped.push(Skipped::new(named(e.path()), &Message::new(kind, &[]), loc))
                }
            },
            Err(err) => {
                let why = err
                    .io_error()
                    .map_or_else(|| err.to_string(), |e| e.to_string());
                let file = err.path().map_or_else(|| name(label, Path::new("")), named);
                skipped.push(Skipped::new(file, &unreadable(why), loc));
            }
        }
    }
}

/// Opens a file for reading without waiting: a named pipe put in the file's place since it was
/// listed would otherwise block the open until something writes to it.
fn open(path: &Path) -> std::io::Result<std::fs::File> {
    let mut o = std::fs::OpenOptions::new();
    o.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32);
    }
    o.open(path)
}

/// Reads at most [`MAX_FILE`] bytes of a plain file; a larger file is an error.
pub(crate) fn read_capped(path: &Path) -> Result<Vec<u8>, Message> {
    let f = open(path).map_err(unreadable)?;
    let meta = f.metadata().map_err(unreadable)?;
    if let Some(kind) = special(&meta.file_type()) {
        return Err(Message::new(kind, &[]));
    }
    let mut bytes = Vec::new();
    f.take(MAX_FILE + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > MAX_FILE {
        let mb = (MAX_FILE / 1024 / 1024).to_string();
        return Err(Message::new("report_skip_too_big", &[("mb", &mb)]));
    }
    Ok(bytes)
}

/// Reads one file as a return (named `name` in it), choosing the reader by its content and
/// extension. Why a file is not a return is a message for the report; the readers' own
/// technical reasons (a damaged archive, a corrupt PDF) have no translation.
pub fn read(path: &Path, name: &str) -> Result<Return, Message> {
    let bytes = read_capped(path)?;
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        return Ok(read_pdf::read(name, &bytes)?);
    }
    if bytes.is_empty() {
        return Err(Message::new("report_skip_empty", &[]));
    }
    if zipped::is_zip(&bytes) || matches!(ext.as_str(), "docx" | "odt") {
        return Ok(read_office::read(name, &bytes, &ext)?);
    }
    let read = match ext.as_str() {
        "pdf" => return Err(Message::new("report_skip_not_pdf", &[])),
        "json" => read_json::read(name, &bytes),
        "csv" => read_csv::read(name, &bytes),
        _ => {
            let start = bytes.iter().find(|b| !b.is_ascii_whitespace());
            if start == Some(&b'{') {
                read_json::read(name, &bytes)
            } else if bytes.starts_with(b"field,value") {
                read_csv::read(name, &bytes)
            } else {
                return Err(Message::new("report_skip_not_return", &[]));
            }
        }
    };
    Ok(read?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_relative_to_the_path_given() {
        assert_eq!(label(Path::new("returns")), PathBuf::from("returns"));
        assert_eq!(
            label(Path::new("./returns/north")),
            PathBuf::from("returns/north")
        );
        assert_eq!(
            label(Path::new("/srv/team/returns")),
            PathBuf::from("returns")
        );
        assert_eq!(
            label(Path::new("../returns/a.json")),
            PathBuf::from("a.json")
        );
        assert_eq!(label(Path::new(".")), PathBuf::new());
        assert_eq!(name(Path::new(""), Path::new("a/b.pdf")), "a/b.pdf");
    }
}
