//! `guidewright new`: a starter project that builds, embedded in the binary.

use include_dir::{include_dir, Dir, DirEntry};
use std::fs;
use std::io;
use std::path::Path;

static STARTER: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/starter");

/// Creates a starter project in `dir`, which must not exist or be empty.
pub fn create(dir: &Path) -> io::Result<()> {
    if dir.exists() && fs::read_dir(dir)?.next().is_some() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!("{} already exists and is not empty", dir.display()),
        ));
    }
    fs::create_dir_all(dir)?;
    write_dir(&STARTER, dir)
}

fn write_dir(d: &Dir<'static>, target: &Path) -> io::Result<()> {
    for e in d.entries() {
        match e {
            DirEntry::Dir(sub) => {
                fs::create_dir_all(target.join(sub.path()))?;
                write_dir(sub, target)?;
            }
            DirEntry::File(f) => {
                let path = target.join(f.path());
                if let Some(p) = path.parent() {
                    fs::create_dir_all(p)?;
                }
                fs::write(path, f.contents())?;
            }
        }
    }
    Ok(())
}
