//! Finding the returns: each path given is a file or a folder walked for files (in name
//! order, not following links), each read up to a size cap and read by what it holds.

use super::returns::{Return, Skipped};
use super::{read_csv, read_json, read_pdf};
use std::io::Read;
use std::path::{Path, PathBuf};

/// Files larger than this are skipped unread (a filled form is well under 1 MB).
pub const MAX_FILE: u64 = 32 * 1024 * 1024;
/// How deep into folders the walk goes.
const MAX_DEPTH: usize = 16;

/// Every file under the given paths, in a stable order and each once; a path that does not
/// exist is skipped with its reason.
pub fn list(paths: &[PathBuf], skipped: &mut Vec<Skipped>) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            for e in walkdir::WalkDir::new(p)
                .max_depth(MAX_DEPTH)
                .sort_by_file_name()
            {
                match e {
                    Ok(e) if e.file_type().is_file() => out.push(e.into_path()),
                    Ok(_) => {}
                    Err(err) => skipped.push(Skipped {
                        file: err
                            .path()
                            .map_or_else(|| p.display().to_string(), |x| x.display().to_string()),
                        reason: format!("cannot be read ({err})"),
                    }),
                }
            }
        } else if p.is_file() {
            out.push(p.clone());
        } else {
            skipped.push(Skipped {
                file: p.display().to_string(),
                reason: "no such file or folder".into(),
            });
        }
    }
    // A file named twice (on its own and inside a folder given too) is read once.
    let mut seen = std::collections::HashSet::new();
    out.retain(|p| seen.insert(std::fs::canonicalize(p).unwrap_or_else(|_| p.clone())));
    out
}

/// Reads at most [`MAX_FILE`] bytes; a larger file is an error.
fn read_capped(path: &Path) -> Result<Vec<u8>, String> {
    let f = std::fs::File::open(path).map_err(|e| format!("cannot be read ({e})"))?;
    let mut bytes = Vec::new();
    f.take(MAX_FILE + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot be read ({e})"))?;
    if bytes.len() as u64 > MAX_FILE {
        return Err(format!(
            "larger than {} MB, too big to be a return",
            MAX_FILE / 1024 / 1024
        ));
    }
    Ok(bytes)
}

/// Reads one file as a return, choosing the reader by its content and extension.
pub fn read(path: &Path) -> Result<Return, String> {
    let bytes = read_capped(path)?;
    let name = path.display().to_string();
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        return read_pdf::read(&name, &bytes);
    }
    if bytes.is_empty() {
        return Err("an empty file".into());
    }
    match ext.as_str() {
        "pdf" => Err("not a PDF (it has no %PDF- header)".into()),
        "json" => read_json::read(&name, &bytes),
        "csv" => read_csv::read(&name, &bytes),
        _ => {
            let start = bytes.iter().find(|b| !b.is_ascii_whitespace());
            if start == Some(&b'{') {
                read_json::read(&name, &bytes)
            } else if bytes.starts_with(b"field,value") {
                read_csv::read(&name, &bytes)
            } else {
                Err("not a return (not a PDF form, JSON or CSV export)".into())
            }
        }
    }
}
