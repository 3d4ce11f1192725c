//! `guidewright new`: a starter project that builds, or with `--example NAME` one of the
//! complete sample projects under `samples/`, embedded in the binary.

use include_dir::{include_dir, Dir, DirEntry};
use std::fs;
use std::io;
use std::path::Path;

static STARTER: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/starter");

/// The sample projects, one folder each.
static SAMPLES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/samples");

/// The names `--example` accepts, sorted.
pub fn examples() -> Vec<&'static str> {
    let mut names: Vec<&str> = SAMPLES
        .dirs()
        .filter_map(|d| d.path().file_name()?.to_str())
        .collect();
    names.sort_unstable();
    names
}

/// Creates a starter project in `dir`, which must not exist or be empty.
pub fn create(dir: &Path) -> io::Result<()> {
    create_from(&STARTER, dir)
}

/// Creates the sample project `name` in `dir`, which must not exist or be empty. An unknown
/// name is refused with the names there are.
pub fn create_example(name: &str, dir: &Path) -> io::Result<()> {
    let sample = SAMPLES.get_dir(name).filter(|_| examples().contains(&name));
    let Some(sample) = sample else {
        return Err(io::Error::new(
            io::ErrorKind::NotFound,
            format!(
                "there is no example `{name}`; the examples are: {}",
                examples().join(", ")
            ),
        ));
    };
    create_from(sample, dir)
}

fn create_from(source: &Dir<'static>, dir: &Path) -> io::Result<()> {
    if dir.exists() && fs::read_dir(dir)?.next().is_some() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!("{} already exists and is not empty", dir.display()),
        ));
    }
    fs::create_dir_all(dir)?;
    write_dir(source, dir, source.path())
}

/// Writes the files below `d` into `target`, their paths taken relative to `root` (the
/// embedded folder's own path, empty for the starter).
fn write_dir(d: &Dir<'static>, target: &Path, root: &Path) -> io::Result<()> {
    let rel = |p: &Path| p.strip_prefix(root).unwrap_or(p).to_path_buf();
    for e in d.entries() {
        match e {
            DirEntry::Dir(sub) => {
                fs::create_dir_all(target.join(rel(sub.path())))?;
                write_dir(sub, target, root)?;
            }
            DirEntry::File(f) => {
                let path = target.join(rel(f.path()));
                if let Some(p) = path.parent() {
                    fs::create_dir_all(p)?;
                }
                fs::write(path, f.contents())?;
            }
        }
    }
    Ok(())
}
