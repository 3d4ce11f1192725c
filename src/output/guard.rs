//! Which folders an output may replace. The output folder is replaced as a whole, so it may
//! only be missing, empty, or an earlier guidewright output (it holds the [`MARKER`] file);
//! with `force`, any other folder too, except one that is, holds or sits inside a folder the
//! run depends on (the content, the templates), or holds the current folder, the home folder
//! or the returns being read. Paths are compared after resolving symbolic links and `..`.

use super::MARKER;
use std::fmt;
use std::io;
use std::path::{Component, Path, PathBuf};

/// How a protected folder and the output may not stand to each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    /// The output may not be the folder or hold it.
    Contents,
    /// The output may not be the folder, hold it, or sit inside it.
    Tree,
}

/// A folder the output must leave alone, and what to call it in a message.
#[derive(Debug, Clone)]
pub struct Protected {
    pub what: String,
    pub path: PathBuf,
    pub keep: Keep,
}

/// What may be replaced: the folders to leave alone, and whether `--force` was given.
#[derive(Debug, Clone, Default)]
pub struct Rules {
    pub protected: Vec<Protected>,
    pub force: bool,
}

impl Rules {
    /// The rules for a run that reads `content` and `templates`: those two folders, the current
    /// folder and the home folder (and `/`, which holds them all) are never replaced.
    pub fn new(content: &Path, templates: &Path, force: bool) -> Rules {
        let mut protected = vec![
            Protected {
                what: "the content folder".into(),
                path: content.to_path_buf(),
                keep: Keep::Tree,
            },
            Protected {
                what: "the templates folder".into(),
                path: templates.to_path_buf(),
                keep: Keep::Tree,
            },
        ];
        if let Ok(cwd) = std::env::current_dir() {
            protected.push(Protected {
                what: "the current folder".into(),
                path: cwd,
                keep: Keep::Contents,
            });
        }
        if let Some(home) = std::env::home_dir().filter(|h| h.is_absolute()) {
            protected.push(Protected {
                what: "your home folder".into(),
                path: home,
                keep: Keep::Contents,
            });
        }
        Rules { protected, force }
    }

    /// Also leave `path` alone (e.g. returns being read), called `what` in messages.
    pub fn keep(mut self, what: &str, path: &Path) -> Rules {
        self.protected.push(Protected {
            what: what.into(),
            path: path.to_path_buf(),
            keep: Keep::Contents,
        });
        self
    }
}

/// What is at the output path now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// Nothing: the first output.
    Missing,
    /// An empty folder.
    Empty,
    /// An earlier guidewright output.
    Previous,
    /// A folder guidewright did not make, replaced because `--force` was given.
    Forced,
}

/// An output path that has been checked: where it really is and what is there.
#[derive(Debug, Clone)]
pub struct Destination {
    /// The path as the user gave it, for messages.
    pub shown: PathBuf,
    /// The absolute path with links and `..` resolved; what is written.
    pub resolved: PathBuf,
    pub state: State,
    pub(super) rules: Rules,
}

/// Why an output path was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The output would replace a protected folder (`--force` does not help).
    Protected {
        shown: PathBuf,
        relation: &'static str,
        what: String,
        path: PathBuf,
    },
    /// The output is `/`.
    Root { shown: PathBuf },
    /// A non-empty folder without the marker, and no `--force`.
    NotOurs { shown: PathBuf },
    /// A file (or a link to nothing, or a special file) where the folder should be.
    NotAFolder { shown: PathBuf },
    /// The file system could not be asked.
    Io { shown: PathBuf, error: String },
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::Protected { shown, relation, what, path } => write!(
                f,
                "refusing to use {} as the output folder: it {relation} {what} ({}). The output folder is replaced as a whole, so choose another --output (--force does not override this)",
                shown.display(),
                path.display()
            ),
            Refusal::Root { shown } => write!(
                f,
                "refusing to use {} as the output folder: it is the root of the file system; choose another --output",
                shown.display()
            ),
            Refusal::NotOurs { shown } => write!(
                f,
                "{} is not empty and was not made by guidewright (it has no {MARKER} file), so replacing it would delete what it holds. Choose a new or empty folder with --output, or pass --force to replace it",
                shown.display()
            ),
            Refusal::NotAFolder { shown } => write!(
                f,
                "{} is not a folder; choose another --output",
                shown.display()
            ),
            Refusal::Io { shown, error } => {
                write!(f, "cannot use {} as the output folder: {error}", shown.display())
            }
        }
    }
}

impl std::error::Error for Refusal {}

/// Absolute `path` with every symbolic link and `..` resolved as far as it exists; the part
/// that does not exist yet is appended as written (after `.` and `..` are applied to it).
pub fn resolve(path: &Path) -> io::Result<PathBuf> {
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()?.join(path)
    };
    let mut out = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::Prefix(_) | Component::RootDir => out.push(c),
            Component::CurDir => {}
            // `out` holds no links where it exists, so its parent is what `..` reaches.
            Component::ParentDir => {
                out.pop();
            }
            Component::Normal(n) => {
                out.push(n);
                if let Ok(real) = std::fs::canonicalize(&out) {
                    out = real;
                }
            }
        }
    }
    Ok(out)
}

/// Whether two resolved paths are one folder: the same path, or (where both exist) the same
/// file on disk, which also catches a second mount of a folder and another spelling of its
/// name on a file system that ignores case.
fn same(a: &Path, b: &Path) -> bool {
    a == b || same_inode(a, b)
}

/// Device and inode from `stat`. Written here rather than with the `same-file` crate, which
/// opens both paths: opening a named pipe (a return may be one) waits for a writer.
#[cfg(unix)]
fn same_inode(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(x), Ok(y)) => (x.dev(), x.ino()) == (y.dev(), y.ino()),
        _ => false,
    }
}

/// Elsewhere, resolved paths are compared as they are.
#[cfg(not(unix))]
fn same_inode(_a: &Path, _b: &Path) -> bool {
    false
}

/// Checks that `path` may be replaced by a new output under `rules`.
pub fn check(path: &Path, rules: &Rules) -> Result<Destination, Refusal> {
    let io = |e: io::Error| Refusal::Io {
        shown: path.to_path_buf(),
        error: e.to_string(),
    };
    let resolved = resolve(path).map_err(io)?;
    if resolved.parent().is_none() {
        return Err(Refusal::Root {
            shown: path.to_path_buf(),
        });
    }
    for p in &rules.protected {
        let Ok(kept) = resolve(&p.path) else { continue };
        let relation = if same(&kept, &resolved) {
            Some("is")
        } else if kept.ancestors().any(|a| same(a, &resolved)) {
            Some("holds")
        } else if p.keep == Keep::Tree && resolved.ancestors().any(|a| same(a, &kept)) {
            Some("is inside")
        } else {
            None
        };
        if let Some(relation) = relation {
            return Err(Refusal::Protected {
                shown: path.to_path_buf(),
                relation,
                what: p.what.clone(),
                path: p.path.clone(),
            });
        }
    }
    let state = state(&resolved, rules.force).map_err(|e| match e {
        Fault::Io(e) => io(e),
        Fault::NotAFolder => Refusal::NotAFolder {
            shown: path.to_path_buf(),
        },
        Fault::NotOurs => Refusal::NotOurs {
            shown: path.to_path_buf(),
        },
    })?;
    Ok(Destination {
        shown: path.to_path_buf(),
        resolved,
        state,
        rules: rules.clone(),
    })
}

enum Fault {
    Io(io::Error),
    NotAFolder,
    NotOurs,
}

fn state(resolved: &Path, force: bool) -> Result<State, Fault> {
    let meta = match std::fs::symlink_metadata(resolved) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(State::Missing),
        Err(e) => return Err(Fault::Io(e)),
    };
    // A link left here resolves to nothing (links that lead somewhere were followed).
    if !meta.is_dir() {
        return Err(Fault::NotAFolder);
    }
    let mut entries = std::fs::read_dir(resolved).map_err(Fault::Io)?;
    if entries.next().is_none() {
        Ok(State::Empty)
    } else if super::is_marked(resolved) {
        Ok(State::Previous)
    } else if force {
        Ok(State::Forced)
    } else {
        Err(Fault::NotOurs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolve_follows_links_and_parent_steps() {
        let tmp = tempfile::tempdir().unwrap();
        let root = std::fs::canonicalize(tmp.path()).unwrap();
        std::fs::create_dir_all(root.join("real/content")).unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(root.join("real"), root.join("link")).unwrap();
        #[cfg(unix)]
        assert_eq!(
            resolve(&root.join("link/content/../content")).unwrap(),
            root.join("real/content")
        );
        assert_eq!(
            resolve(&root.join("real/./new/../content")).unwrap(),
            root.join("real/content")
        );
        assert_eq!(
            resolve(&root.join("real/missing/site")).unwrap(),
            root.join("real/missing/site")
        );
    }

    /// Two names of one file on disk (a hard link) are one place; two files with the same
    /// bytes are not; a missing path is no place at all.
    #[cfg(unix)]
    #[test]
    fn same_inode_compares_the_file_on_disk() {
        let tmp = tempfile::tempdir().unwrap();
        let name = |n: &str| tmp.path().join(n);
        std::fs::write(name("a"), "x").unwrap();
        std::fs::hard_link(name("a"), name("b")).unwrap();
        std::fs::write(name("c"), "x").unwrap();
        assert!(same_inode(&name("a"), &name("b")));
        assert!(same(&name("a"), &name("b")));
        assert!(!same_inode(&name("a"), &name("c")));
        assert!(!same_inode(&name("a"), &name("missing")));
    }

    /// Only a path that does not exist is missing: one that cannot be looked at (a name below
    /// a file) is an error, never a place to write.
    #[test]
    fn a_path_below_a_file_is_an_error_not_missing() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("file");
        std::fs::write(&file, "x").unwrap();
        assert!(matches!(state(&file.join("out"), false), Err(Fault::Io(_))));
        assert!(matches!(
            state(&tmp.path().join("none"), false),
            Ok(State::Missing)
        ));
    }

    #[test]
    fn protected_folders_are_refused_whatever_the_spelling() {
        let tmp = tempfile::tempdir().unwrap();
        let root = std::fs::canonicalize(tmp.path()).unwrap();
        let content = root.join("p/content");
        std::fs::create_dir_all(&content).unwrap();
        let rules = Rules {
            protected: vec![Protected {
                what: "the content folder".into(),
                path: content.clone(),
                keep: Keep::Tree,
            }],
            force: true,
        };
        for (p, relation) in [
            (root.join("p/content"), "is"),
            (root.join("p/x/../content/"), "is"),
            (root.join("p"), "holds"),
            (root.join("p/content/site"), "is inside"),
        ] {
            match check(&p, &rules) {
                Err(Refusal::Protected { relation: r, .. }) => assert_eq!(r, relation, "{p:?}"),
                other => panic!("{p:?}: {other:?}"),
            }
        }
        assert!(matches!(
            check(Path::new("/"), &rules),
            Err(Refusal::Root { .. })
        ));
        let ok = check(&root.join("p/site"), &rules).unwrap();
        assert_eq!(ok.state, State::Missing);
    }
}
