//! Putting a finished output in place of the previous one. On Linux the two folders are
//! exchanged in one `renameat2(RENAME_EXCHANGE)`, so the output path always holds a complete
//! output; where that is not available (another system, or a file system that refuses the
//! exchange) the old folder is renamed aside and the new one renamed into place.

use std::io;
use std::path::{Path, PathBuf};

/// Exchanges `a` and `b` (both must exist) atomically. `Ok(false)` when this system or file
/// system cannot, so the caller falls back to two renames.
#[cfg(any(target_os = "linux", target_os = "android"))]
pub fn exchange(a: &Path, b: &Path) -> io::Result<bool> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        // No renameat2 (old kernel, seccomp) or a file system without exchange.
        Err(e)
            if e == rustix::io::Errno::INVAL
                || e == rustix::io::Errno::NOSYS
                || e == rustix::io::Errno::OPNOTSUPP
                || e == rustix::io::Errno::PERM =>
        {
            Ok(false)
        }
        Err(e) => Err(e.into()),
    }
}

/// Elsewhere there is no exchange: the caller falls back to two renames.
#[cfg(not(any(target_os = "linux", target_os = "android")))]
pub fn exchange(_a: &Path, _b: &Path) -> io::Result<bool> {
    Ok(false)
}

/// Puts `ready` at `target`. When `target` exists, it ends up at `ready`'s path (exchanged) or
/// at `aside` (renamed), and the path it ended up at is returned for the caller to remove.
/// If the second rename of the fallback fails, the old output is put back.
pub fn swap_in(ready: &Path, target: &Path, aside: &Path) -> io::Result<Option<PathBuf>> {
    swap_with(ready, target, aside, exchange)
}

/// [`swap_in`] with the exchange given (so that the fallback can be tested on Linux too).
fn swap_with(
    ready: &Path,
    target: &Path,
    aside: &Path,
    exchange: impl Fn(&Path, &Path) -> io::Result<bool>,
) -> io::Result<Option<PathBuf>> {
    match std::fs::symlink_metadata(target) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            std::fs::rename(ready, target)?;
            return Ok(None);
        }
        Err(e) => return Err(e),
        Ok(_) => {}
    }
    if exchange(ready, target)? {
        return Ok(Some(ready.to_path_buf()));
    }
    std::fs::rename(target, aside)?;
    if let Err(e) = std::fs::rename(ready, target) {
        let _ = std::fs::rename(aside, target);
        return Err(e);
    }
    Ok(Some(aside.to_path_buf()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Which refusals of the exchange mean "fall back to two renames": an exchange the
    /// kernel calls invalid (here, a folder into itself) does; a missing folder is an error.
    #[cfg(any(target_os = "linux", target_os = "android"))]
    #[test]
    fn exchange_falls_back_only_where_the_exchange_is_refused() {
        let (_tmp, a, b) = new_and_old();
        let inside = a.join("inside");
        std::fs::create_dir(&inside).unwrap();
        assert!(
            !exchange(&a, &inside).unwrap(),
            "EINVAL means: use two renames"
        );
        let missing = b.with_file_name("missing");
        let e = exchange(&a, &missing).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::NotFound);
        assert!(exchange(&a, &b).unwrap());
        assert_eq!(std::fs::read_to_string(b.join("f")).unwrap(), "new");
    }

    /// A temporary folder holding `a` (a new output, file `f` = "new") and `b` (the old one,
    /// `f` = "old").
    fn new_and_old() -> (tempfile::TempDir, PathBuf, PathBuf) {
        let tmp = tempfile::tempdir().unwrap();
        let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
        for (dir, text) in [(&a, "new"), (&b, "old")] {
            std::fs::create_dir(dir).unwrap();
            std::fs::write(dir.join("f"), text).unwrap();
        }
        (tmp, a, b)
    }

    #[test]
    fn exchange_swaps_two_folders() {
        let (tmp, a, b) = new_and_old();
        let aside = tmp.path().join("aside");
        let old = swap_in(&a, &b, &aside).unwrap().unwrap();
        assert_eq!(std::fs::read_to_string(b.join("f")).unwrap(), "new");
        assert_eq!(std::fs::read_to_string(old.join("f")).unwrap(), "old");
        #[cfg(target_os = "linux")]
        assert_eq!(
            old, a,
            "on Linux the folders are exchanged, not renamed aside"
        );
    }

    #[test]
    fn without_exchange_the_old_folder_is_renamed_aside() {
        let (tmp, a, b) = new_and_old();
        let aside = tmp.path().join("aside");
        let old = swap_with(&a, &b, &aside, |_, _| Ok(false))
            .unwrap()
            .unwrap();
        assert_eq!(old, aside);
        assert_eq!(std::fs::read_to_string(b.join("f")).unwrap(), "new");
        assert_eq!(std::fs::read_to_string(aside.join("f")).unwrap(), "old");
        assert!(!a.exists());
    }

    #[test]
    fn a_first_output_is_renamed_into_place() {
        let tmp = tempfile::tempdir().unwrap();
        let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
        std::fs::create_dir(&a).unwrap();
        let never = |_: &Path, _: &Path| -> io::Result<bool> { panic!("nothing to exchange") };
        assert_eq!(
            swap_with(&a, &b, &tmp.path().join("x"), never).unwrap(),
            None
        );
        assert!(b.is_dir() && !a.exists());
    }

    #[test]
    fn a_failed_second_rename_puts_the_old_output_back() {
        let tmp = tempfile::tempdir().unwrap();
        let b = tmp.path().join("b");
        std::fs::create_dir(&b).unwrap();
        std::fs::write(b.join("f"), "old").unwrap();
        // `ready` does not exist, so renaming it into place fails.
        let missing = tmp.path().join("missing");
        let aside = tmp.path().join("aside");
        assert!(swap_with(&missing, &b, &aside, |_, _| Ok(false)).is_err());
        assert_eq!(std::fs::read_to_string(b.join("f")).unwrap(), "old");
        assert!(!aside.exists());
    }
}
