//! Writing an output folder (the site, a collect report) without ever losing what guidewright
//! did not make: [`guard`] decides whether the folder may be replaced; everything is written
//! into a temporary folder beside it, marked with [`MARKER`] first, and then [`swap`]ped into
//! place. A run that fails before the swap leaves the previous output as it was; folders that
//! killed runs left beside the output are recognised by their name and marker and removed.

pub mod guard;
pub mod swap;

use crate::render::OutputFile;
pub use guard::{check, Destination, Refusal, Rules, State};
use rayon::prelude::*;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The file every output holds, so that the next run knows it may replace the folder.
pub const MARKER: &str = ".guidewright";

/// The words of the marker file: the version that wrote the folder (no date, so builds stay
/// byte-identical).
pub fn marker_text() -> String {
    format!(
        "guidewright {}\nThis folder was written by guidewright and is replaced as a whole by the next build.\n",
        env!("CARGO_PKG_VERSION")
    )
}

/// Whether `dir` holds the marker: a plain file whose text starts `guidewright `.
pub fn is_marked(dir: &Path) -> bool {
    let path = dir.join(MARKER);
    let plain = fs::symlink_metadata(&path).is_ok_and(|m| m.is_file() && m.len() < 4096);
    plain && fs::read(&path).is_ok_and(|b| b.starts_with(b"guidewright "))
}

/// The temporary folders of a run beside `target`: `.NAME.guidewright-new-PID` (what is being
/// written) and `.NAME.guidewright-old-PID` (the old output, when it is renamed aside).
fn sibling(target: &Path, kind: &str, pid: u32) -> PathBuf {
    target.with_file_name(format!(".{}.guidewright-{kind}-{pid}", file_name(target)))
}

fn file_name(target: &Path) -> String {
    target
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned())
}

/// Writes `files` to the checked destination, replacing what was there only once all are
/// written. The destination is checked again first, in case the folder changed meanwhile.
pub fn write_site(dest: &Destination, files: &[OutputFile]) -> io::Result<()> {
    let staging = Staging::begin(dest)?;
    files
        .par_iter()
        .try_for_each(|f| staging.write(&f.path, &f.bytes))?;
    staging.finish()
}

/// An output being written: the temporary folder beside the destination, marked first, that
/// files go into as they are made ([`Staging::write`], from any thread) and that
/// [`Staging::finish`] swaps into place. Dropped unfinished (a failed build), it is removed and
/// the previous output stays as it was.
#[derive(Debug)]
pub struct Staging {
    dest: Destination,
    dir: PathBuf,
    finished: bool,
}

impl Staging {
    /// Checks the destination again (it may have changed since it was first checked), removes
    /// what killed runs left beside it, and makes the marked temporary folder.
    pub fn begin(dest: &Destination) -> io::Result<Staging> {
        let dest = guard::check(&dest.shown, &dest.rules).map_err(io::Error::other)?;
        let target = &dest.resolved;
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)?;
        }
        remove_leftovers(target);
        let new = sibling(target, "new", std::process::id());
        if fs::symlink_metadata(&new).is_ok() {
            // A folder of an earlier process that had this process id.
            if !is_marked(&new) {
                return Err(io::Error::other(format!(
                    "{} is in the way and was not made by guidewright",
                    new.display()
                )));
            }
            fs::remove_dir_all(&new)?;
        }
        fs::create_dir(&new)?;
        let staging = Staging {
            dest,
            dir: new,
            finished: false,
        };
        // The marker first, so that a folder left by a killed run is recognised.
        fs::write(staging.dir.join(MARKER), marker_text())?;
        Ok(staging)
    }

    /// Writes one file at `path` (relative, plain: one that is not must not escape the folder).
    pub fn write(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        let rel = Path::new(path);
        if !rel
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)))
        {
            return Err(io::Error::other(format!(
                "{path}: not a plain relative path"
            )));
        }
        let full = self.dir.join(rel);
        if let Some(parent) = full.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(&full, bytes).map_err(|e| io::Error::new(e.kind(), format!("{path}: {e}")))
    }

    /// Swaps the written folder into place (checking the destination once more: a build
    /// takes a while), then removes the previous output.
    pub fn finish(mut self) -> io::Result<()> {
        let again = guard::check(&self.dest.shown, &self.dest.rules).map_err(io::Error::other)?;
        if again.resolved != self.dest.resolved {
            return Err(io::Error::other(format!(
                "{} changed while the site was built",
                self.dest.shown.display()
            )));
        }
        let target = &self.dest.resolved;
        let aside = sibling(target, "old", std::process::id());
        let swapped = swap::swap_in(&self.dir, target, &aside);
        // Swapped in, the folder is the output: it must not be removed on drop.
        self.finished = swapped.is_ok();
        match swapped? {
            Some(old) => remove_old(&old),
            None => Ok(()),
        }
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.finished {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// Removes the previous output once it has been swapped out, its marker last: a run killed
/// meanwhile leaves a folder the next run still recognises. An old folder that had no marker
/// (empty, or replaced with `--force`) is marked first, for the same reason.
fn remove_old(old: &Path) -> io::Result<()> {
    if !is_marked(old) {
        // Whatever is there under that name goes first; never written through a link.
        let marker = old.join(MARKER);
        match fs::symlink_metadata(&marker) {
            Ok(m) if m.is_dir() => fs::remove_dir_all(&marker)?,
            Ok(_) => fs::remove_file(&marker)?,
            Err(_) => {}
        }
        let mut f = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&marker)?;
        io::Write::write_all(&mut f, marker_text().as_bytes())?;
    }
    for e in fs::read_dir(old)? {
        let e = e?;
        if e.file_name() == MARKER {
            continue;
        }
        if e.file_type()?.is_dir() {
            fs::remove_dir_all(e.path())?;
        } else {
            fs::remove_file(e.path())?;
        }
    }
    fs::remove_dir_all(old)
}

/// Removes the temporary folders runs that were killed left beside `target`: only folders
/// named as [`sibling`] names them, holding the marker (or nothing else), of a process that is
/// no longer running. Anything else is left alone; failures are ignored (the next run tries again).
pub fn remove_leftovers(target: &Path) {
    let Some(parent) = target.parent() else {
        return;
    };
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let prefix = format!(".{}.guidewright-", file_name(target));
    for e in entries.filter_map(Result::ok) {
        let name = e.file_name().to_string_lossy().into_owned();
        let Some(rest) = name.strip_prefix(&prefix) else {
            continue;
        };
        let Some(pid) = rest
            .strip_prefix("new-")
            .or_else(|| rest.strip_prefix("old-"))
            .and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        let path = e.path();
        let is_dir = fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir());
        if is_dir && !running(pid) && (is_marked(&path) || holds_nothing(&path)) {
            let _ = fs::remove_dir_all(&path);
        }
    }
}

/// Whether `dir` holds nothing but (perhaps) a marker file still being written: what a run
/// killed between making its folder and finishing the marker leaves.
fn holds_nothing(dir: &Path) -> bool {
    fs::read_dir(dir).is_ok_and(|entries| {
        entries
            .filter_map(Result::ok)
            .all(|e| e.file_name() == MARKER && e.file_type().is_ok_and(|t| t.is_file()))
    })
}

/// Whether another process with this id is running (its folder may still be in use). Where
/// this cannot be told, none is.
fn running(pid: u32) -> bool {
    pid != std::process::id()
        && cfg!(target_os = "linux")
        && Path::new("/proc").join(pid.to_string()).exists()
}

#[cfg(test)]
mod tests;
