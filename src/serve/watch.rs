//! Watching the content and template folders, with debouncing so that one save (which editors
//! often make as several writes and renames) triggers one rebuild.

use notify_debouncer_full::notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{new_debouncer, DebounceEventResult, Debouncer, RecommendedCache};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How long the folders must be quiet before a change is reported.
pub const DEBOUNCE: Duration = Duration::from_millis(20);

/// The watcher; watching stops when it is dropped.
pub type Watcher = Debouncer<RecommendedWatcher, RecommendedCache>;

/// Starts watching `dirs` (those that exist), sending the changed paths of each debounced
/// batch. Reads (the builder's own, say) and editors' swap and backup files are left out.
pub fn watch(
    dirs: &[PathBuf],
    send: impl Fn(Vec<PathBuf>) + Send + 'static,
) -> Result<Watcher, String> {
    let handler = move |res: DebounceEventResult| match res {
        Ok(events) => {
            let mut paths: Vec<PathBuf> = events
                .into_iter()
                .filter(|e| !e.event.kind.is_access())
                .flat_map(|e| e.event.paths)
                .filter(|p| !is_scratch(p))
                .collect();
            paths.sort();
            paths.dedup();
            if !paths.is_empty() {
                send(paths);
            }
        }
        Err(errors) => {
            for e in errors {
                eprintln!("warning: watching for changes: {e}");
            }
        }
    };
    let mut debouncer = new_debouncer(DEBOUNCE, None, handler)
        .map_err(|e| format!("cannot watch for changes: {e}"))?;
    for dir in dirs.iter().filter(|d| d.is_dir()) {
        debouncer
            .watch(dir, RecursiveMode::Recursive)
            .map_err(|e| format!("cannot watch {}: {e}", dir.display()))?;
    }
    Ok(debouncer)
}

/// Also watches the folder that would hold `dir` (not below it), so that creating `dir` is
/// noticed.
pub fn watch_parent(watcher: &mut Watcher, dir: &Path) {
    let parent = dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if let Err(e) = watcher.watch(parent, RecursiveMode::NonRecursive) {
        eprintln!("warning: cannot watch {}: {e}", parent.display());
    }
}

/// Starts watching a folder that has appeared; whether that worked.
pub fn add(watcher: &mut Watcher, dir: &Path) -> bool {
    match watcher.watch(dir, RecursiveMode::Recursive) {
        Ok(()) => true,
        Err(e) => {
            eprintln!("warning: cannot watch {}: {e}", dir.display());
            false
        }
    }
}

/// Editors' temporary files: `.x.swp`, `x~`, `#x#`, Vim's `4913` probe.
fn is_scratch(path: &Path) -> bool {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || (name.starts_with('#') && name.ends_with('#'))
        || name.starts_with(".#")
        || name == "4913"
}

/// Whether a changed path lies in `dir` (or is `dir`), whether or not it still exists.
pub fn in_dir(path: &Path, dir: &Path) -> bool {
    let canon = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    let dir = canon(dir);
    path.starts_with(&dir)
        || path.parent().is_some_and(|p| canon(p).starts_with(&dir))
        || canon(path).starts_with(&dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scratch_files_are_ignored() {
        for p in ["a/.guide.yaml.swp", "a/guide.yaml~", "a/#x#", "a/4913"] {
            assert!(is_scratch(Path::new(p)), "{p}");
        }
        assert!(!is_scratch(Path::new("content/guides/a/guide.yaml")));
    }
}
