//! Finding the files of a folder (the content tree, a templates folder) without ever leaving
//! it or blocking: symbolic links are followed only to files inside the folder, special files
//! (FIFOs, sockets, devices) are never opened, and whatever cannot be used is named.

use std::io;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// The files found, and what was passed over.
#[derive(Debug, Default)]
pub struct Walk {
    /// Regular files (or links to regular files inside the folder) whose names were wanted,
    /// in path order.
    pub files: Vec<PathBuf>,
    /// Entries that could not be used, in path order.
    pub skipped: Vec<Skipped>,
}

/// An entry the walk could not use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub path: PathBuf,
    /// A folder that could not be read is an error (its files are missing from the result);
    /// the rest are warnings.
    pub error: bool,
    /// Why, e.g. "is a FIFO (named pipe); only regular files are read".
    pub reason: String,
}

/// Walks `root`, keeping the regular files whose path (relative to `root`) `wanted` accepts.
pub fn walk(root: &Path, wanted: impl Fn(&Path) -> bool) -> Walk {
    let mut out = Walk::default();
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    for entry in WalkDir::new(root).sort_by_file_name() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                out.skipped.push(unreadable(root, &e));
                continue;
            }
        };
        let path = entry.path();
        let rel = path.strip_prefix(root).unwrap_or(path);
        let kind = entry.file_type();
        if kind.is_dir() {
            continue;
        }
        let skip = |reason: String| Skipped {
            path: path.to_path_buf(),
            error: false,
            reason,
        };
        if kind.is_file() {
            if wanted(rel) {
                out.files.push(path.to_path_buf());
            }
        } else if kind.is_symlink() {
            match follow(path, &canonical_root) {
                Ok(true) if wanted(rel) => out.files.push(path.to_path_buf()),
                Ok(_) => {}
                Err(reason) if is_editor_lock(rel) => drop(reason),
                Err(reason) => out.skipped.push(skip(reason)),
            }
        } else {
            out.skipped.push(skip(format!(
                "is {}; only regular files are read",
                special_kind(&kind)
            )));
        }
    }
    out.files.sort();
    out
}

/// Whether the link at `path` may be read: `Ok(true)` for a link to a regular file inside the
/// folder, `Ok(false)` for none of our business, `Err` with the reason it is passed over.
fn follow(path: &Path, canonical_root: &Path) -> Result<bool, String> {
    let target = path.canonicalize().map_err(|e| match e.raw_os_error() {
        Some(code) if code == libc_eloop() => {
            "is a symbolic link that loops; it was not followed".to_string()
        }
        _ if e.kind() == io::ErrorKind::NotFound => {
            "is a symbolic link to something that does not exist".to_string()
        }
        _ => format!("is a symbolic link that cannot be followed ({e})"),
    })?;
    if !target.starts_with(canonical_root) {
        return Err(format!(
            "is a symbolic link to `{}`, outside the folder; it was not followed",
            target.display()
        ));
    }
    let meta = std::fs::metadata(&target)
        .map_err(|e| format!("is a symbolic link that cannot be followed ({e})"))?;
    if meta.is_file() {
        Ok(true)
    } else if meta.is_dir() {
        Err("is a symbolic link to a folder; links to folders are not followed (the files are read where they stand)".into())
    } else {
        Err(format!(
            "is a symbolic link to {}; only regular files are read",
            special_kind(&meta.file_type())
        ))
    }
}

#[cfg(unix)]
fn libc_eloop() -> i32 {
    libc::ELOOP
}

#[cfg(not(unix))]
fn libc_eloop() -> i32 {
    -1
}

/// Emacs marks a file being edited with a dangling link `.#name`; it is not content.
fn is_editor_lock(rel: &Path) -> bool {
    rel.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with(".#"))
}

fn unreadable(root: &Path, e: &walkdir::Error) -> Skipped {
    let path = e.path().unwrap_or(root).to_path_buf();
    let why = e
        .io_error()
        .map_or_else(|| e.to_string(), ToString::to_string);
    Skipped {
        path,
        error: true,
        reason: format!("cannot be read ({why}), so its files were not loaded"),
    }
}

#[cfg(unix)]
fn special_kind(kind: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_fifo() {
        "a FIFO (named pipe)"
    } else if kind.is_socket() {
        "a socket"
    } else if kind.is_block_device() || kind.is_char_device() {
        "a device"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
fn special_kind(_: &std::fs::FileType) -> &'static str {
    "a special file"
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    fn yaml(p: &Path) -> bool {
        p.extension().is_some_and(|e| e == "yaml")
    }

    #[test]
    fn links_inside_are_read_and_the_rest_named() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.yaml"), "a: 1\n").unwrap();
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir(root.join("sub")).unwrap();
        std::fs::write(root.join("sub/real.yaml"), "a: 1\n").unwrap();
        symlink(root.join("sub/real.yaml"), root.join("inside.yaml")).unwrap();
        symlink(outside.path().join("secret.yaml"), root.join("out.yaml")).unwrap();
        symlink(root.join("loop-b.yaml"), root.join("loop-a.yaml")).unwrap();
        symlink(root.join("loop-a.yaml"), root.join("loop-b.yaml")).unwrap();
        symlink(root.join("sub"), root.join("folder-link")).unwrap();
        symlink(root.join("gone"), root.join(".#lock.yaml")).unwrap();
        let w = walk(root, yaml);
        assert_eq!(
            w.files,
            vec![root.join("inside.yaml"), root.join("sub/real.yaml")]
        );
        let named: Vec<(String, &str)> = w
            .skipped
            .iter()
            .map(|s| {
                let name = s.path.strip_prefix(root).unwrap().display().to_string();
                (name, s.reason.split(';').next().unwrap())
            })
            .collect();
        assert_eq!(named.len(), 4, "{named:?}");
        assert_eq!(named[0].0, "folder-link");
        assert_eq!(
            named[1],
            ("loop-a.yaml".into(), "is a symbolic link that loops")
        );
        assert_eq!(
            named[2],
            ("loop-b.yaml".into(), "is a symbolic link that loops")
        );
        assert_eq!(named[3].0, "out.yaml");
        assert!(named[3].1.contains("outside the folder"), "{named:?}");
        assert!(w.skipped.iter().all(|s| !s.error));
    }
}
