//! Writing the site atomically: everything goes into a temporary folder beside the target,
//! which then replaces the previous output in one rename. A build that fails before the swap
//! leaves the previous output untouched.

use crate::render::OutputFile;
use rayon::prelude::*;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// A temporary folder next to `target` (same file system, so the final rename is atomic).
fn sibling(target: &Path, suffix: &str) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".into());
    let parent = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    parent.join(format!(".{name}.{suffix}-{}", std::process::id()))
}

/// Writes `files` to `target`, replacing whatever was there only once all are written.
pub fn write_site(target: &Path, files: &[OutputFile]) -> io::Result<()> {
    let tmp = sibling(target, "tmp");
    if tmp.exists() {
        fs::remove_dir_all(&tmp)?;
    }
    fs::create_dir_all(&tmp)?;
    let result = files.par_iter().try_for_each(|f| -> io::Result<()> {
        let path = tmp.join(&f.path);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir)?;
        }
        fs::write(path, &f.bytes)
    });
    if let Err(e) = result {
        let _ = fs::remove_dir_all(&tmp);
        return Err(e);
    }
    swap_in(&tmp, target)
}

/// Replaces `target` with `ready`: the old output is moved aside, the new one renamed into
/// place, then the old one removed. If the second rename fails the old output is put back.
pub fn swap_in(ready: &Path, target: &Path) -> io::Result<()> {
    if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent)?;
    }
    let old = sibling(target, "old");
    let had_old = target.exists();
    if had_old {
        if old.exists() {
            fs::remove_dir_all(&old)?;
        }
        fs::rename(target, &old)?;
    }
    if let Err(e) = fs::rename(ready, target) {
        if had_old {
            let _ = fs::rename(&old, target);
        }
        let _ = fs::remove_dir_all(ready);
        return Err(e);
    }
    if had_old {
        fs::remove_dir_all(&old)?;
    }
    Ok(())
}
