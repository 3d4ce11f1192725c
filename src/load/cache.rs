//! A cache of read and parsed content files, for `serve`: after an edit, only the files that
//! changed are read and parsed again.
//!
//! A file is taken from the cache only when it is known not to have changed since it was
//! read. Its stamp (size, modification and change times to the nanosecond, inode and device)
//! must be the one recorded, and the file must not be *racy*: a file modified less than
//! [`RACY`] before it was read may be written again within the same tick of a coarse file
//! system clock, with the same size, and keep its stamp (git's "racily clean" entries). A
//! racy file, a file whose stamp changed and a file named by [`Cache::forget`] (the watcher
//! saw it change) are read again, and parsed again only when their bytes' SHA-256 differs
//! from the cached one. So an edit is never missed, however quickly it follows another.

use super::ReadResult;
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// How long after its last modification a file is treated as racy. File systems record
/// modification times in ticks from nanoseconds to 2 s (FAT), and a kernel's file clock may
/// lag the wall clock by a few milliseconds: 2 s covers both.
pub const RACY: Duration = Duration::from_secs(2);

/// What identifies a version of a file without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    #[cfg(unix)]
    unix: (i64, i64, u64, u64),
}

impl Stamp {
    fn of(path: &Path) -> Option<Stamp> {
        let meta = std::fs::metadata(path).ok()?;
        Some(Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
            #[cfg(unix)]
            unix: {
                use std::os::unix::fs::MetadataExt;
                (meta.ctime(), meta.ctime_nsec(), meta.ino(), meta.dev())
            },
        })
    }

    /// Whether a file with this stamp, read at `read_at`, could change again unseen.
    fn racy(&self, read_at: SystemTime) -> bool {
        self.modified
            .is_none_or(|m| m + RACY > read_at || m > SystemTime::now())
    }
}

/// One cached file: what reading it gave, and how to tell it is unchanged.
struct Cached {
    stamp: Option<Stamp>,
    racy: bool,
    digest: [u8; 32],
    limit: u64,
    result: ReadResult,
}

/// Read and parsed files by path, kept from one load to the next.
#[derive(Default)]
pub struct Cache {
    files: HashMap<PathBuf, Cached>,
    forced: HashSet<PathBuf>,
    /// Files read (not taken from the cache) by the last load, and of those, parsed again.
    pub last_read: usize,
    pub last_parsed: usize,
}

/// What looking a file up gave: the cached result, or a new one to remember.
pub(super) enum Looked {
    Hit(ReadResult),
    Miss(ReadResult, Option<Box<NewEntry>>),
}

/// A file read again, to be stored once the parallel read is over.
pub(super) struct NewEntry {
    path: PathBuf,
    cached: Cached,
    parsed: bool,
}

impl Cache {
    pub fn new() -> Cache {
        Cache::default()
    }

    /// Makes the next load read these files again, whatever their stamps say.
    pub fn forget<'a>(&mut self, paths: impl IntoIterator<Item = &'a PathBuf>) {
        self.forced.extend(paths.into_iter().cloned());
    }

    /// How many files are cached.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The file at `path` (index `file` in this load), from the cache when unchanged, else
    /// read (and parsed when its bytes changed) with `read`.
    pub(super) fn look(
        &self,
        path: &Path,
        file: usize,
        limit: u64,
        read: impl FnOnce(Result<Vec<u8>, super::read::Refused>) -> ReadResult,
    ) -> Looked {
        let read_at = SystemTime::now();
        let stamp = Stamp::of(path);
        let cached = self.files.get(path).filter(|c| c.limit == limit);
        if let Some(c) = cached {
            let trusted = !c.racy && stamp.is_some() && c.stamp == stamp;
            if trusted && !self.forced.contains(path) {
                return Looked::Hit(renumber(&c.result, file));
            }
        }
        let bytes = super::read::read_bounded(path, limit);
        let digest: [u8; 32] = match &bytes {
            Ok(b) => Sha256::digest(b).into(),
            // A file that cannot be read is read again each time.
            Err(_) => return Looked::Miss(read(bytes), None),
        };
        let racy = stamp.is_none_or(|s| s.racy(read_at));
        let (result, parsed) = match cached.filter(|c| c.digest == digest) {
            Some(c) => (renumber(&c.result, file), false),
            None => (read(bytes), true),
        };
        let entry = NewEntry {
            path: path.to_path_buf(),
            cached: Cached {
                stamp,
                racy,
                digest,
                limit,
                result: result.clone(),
            },
            parsed,
        };
        Looked::Miss(result, Some(Box::new(entry)))
    }

    /// Stores what a load read again, and drops the files it no longer found.
    pub(super) fn finish(&mut self, found: &[PathBuf], new: Vec<NewEntry>) {
        let found: HashSet<&PathBuf> = found.iter().collect();
        self.files.retain(|p, _| found.contains(p));
        self.last_parsed = new.iter().filter(|e| e.parsed).count();
        for e in new {
            self.forced.remove(&e.path);
            self.files.insert(e.path, e.cached);
        }
    }
}

/// A cached result with its diagnostic pointing at file index `file` of this load.
fn renumber(r: &ReadResult, file: usize) -> ReadResult {
    let mut r = r.clone();
    if let Err(d) = &mut r.3 {
        if let Some((f, _)) = &mut d.at {
            *f = file;
        }
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Report;
    use std::fs::{File, FileTimes};

    /// A content folder with a site and one guide of one chapter whose summary is `summary`.
    fn project(summary: &str) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        std::fs::copy(sample.join("site.yaml"), dir.path().join("site.yaml")).unwrap();
        let g = dir.path().join("guides/g");
        std::fs::create_dir_all(&g).unwrap();
        std::fs::write(
            g.join("guide.yaml"),
            "title: G\nsummary: s\nservice: probation\nchapters: [c]\n",
        )
        .unwrap();
        write_chapter(dir.path(), summary);
        dir
    }

    fn chapter_path(root: &Path) -> PathBuf {
        root.join("guides/g/c.yaml")
    }

    fn write_chapter(root: &Path, summary: &str) {
        let text = format!("title: C\nkind: introduction\nsummary: {summary}\nsections: []\n");
        std::fs::write(chapter_path(root), text).unwrap();
    }

    /// The chapter's summary as loaded through `cache`.
    fn summary(root: &Path, cache: &mut Cache) -> String {
        let mut report = Report::default();
        let model = crate::load::load_cached(root, &mut report, cache);
        model.guides[0].chapters[0]
            .summary
            .clone()
            .unwrap_or_default()
    }

    fn set_mtime(path: &Path, t: SystemTime) {
        let f = File::options().write(true).open(path).unwrap();
        f.set_times(FileTimes::new().set_modified(t).set_accessed(t))
            .unwrap();
    }

    /// Makes the cached entry of `path` carry the file's current stamp, as a file system
    /// whose clock ticks coarsely would after a same-size write in the same tick.
    fn forge_stamp(cache: &mut Cache, path: &Path) {
        let now = Stamp::of(path);
        cache.files.get_mut(path).unwrap().stamp = now;
    }

    #[test]
    fn unchanged_files_come_from_the_cache_and_an_edit_is_read_again() {
        let dir = project("alpha");
        let old = SystemTime::now() - Duration::from_secs(3600);
        for f in walkdir::WalkDir::new(dir.path()).into_iter().flatten() {
            if f.file_type().is_file() {
                set_mtime(f.path(), old);
            }
        }
        let mut cache = Cache::new();
        assert_eq!(summary(dir.path(), &mut cache), "alpha");
        assert_eq!((cache.last_read, cache.last_parsed), (3, 3));
        assert_eq!(summary(dir.path(), &mut cache), "alpha");
        assert_eq!(cache.last_read, 0, "files older than RACY are trusted");
        write_chapter(dir.path(), "bravo");
        assert_eq!(summary(dir.path(), &mut cache), "bravo");
        assert_eq!((cache.last_read, cache.last_parsed), (1, 1));
    }

    #[test]
    fn two_quick_same_size_edits_are_both_seen_even_when_the_stamp_stays() {
        let dir = project("alpha");
        let mut cache = Cache::new();
        assert_eq!(summary(dir.path(), &mut cache), "alpha");
        write_chapter(dir.path(), "bravo");
        assert_eq!(summary(dir.path(), &mut cache), "bravo");
        // The second edit lands in the same clock tick: same size, same stamp.
        write_chapter(dir.path(), "delta");
        forge_stamp(&mut cache, &chapter_path(dir.path()));
        assert_eq!(
            summary(dir.path(), &mut cache),
            "delta",
            "a file modified within RACY of its read is read again"
        );
        // Written back to the same bytes: read, but not parsed again.
        let parsed_before = cache.last_parsed;
        assert_eq!(parsed_before, 1);
        assert_eq!(summary(dir.path(), &mut cache), "delta");
        assert_eq!(cache.last_parsed, 0, "same bytes are not parsed again");
    }

    #[test]
    fn a_file_the_watcher_names_is_read_again_whatever_its_stamp() {
        let dir = project("alpha");
        let chapter = chapter_path(dir.path());
        let old = SystemTime::now() - Duration::from_secs(3600);
        set_mtime(&chapter, old);
        let mut cache = Cache::new();
        assert_eq!(summary(dir.path(), &mut cache), "alpha");
        write_chapter(dir.path(), "bravo");
        set_mtime(&chapter, old);
        forge_stamp(&mut cache, &chapter);
        cache.forget([&chapter]);
        assert_eq!(summary(dir.path(), &mut cache), "bravo");
    }

    #[test]
    fn deleted_files_leave_the_cache_and_errors_point_at_their_file() {
        let dir = project("alpha");
        let mut cache = Cache::new();
        summary(dir.path(), &mut cache);
        assert_eq!(cache.len(), 3);
        // A broken file after the chapter in path order (its index moves when the chapter goes).
        std::fs::create_dir(dir.path().join("scales")).unwrap();
        std::fs::write(dir.path().join("scales/z.yaml"), "title: [\n").unwrap();
        let mut report = Report::default();
        let model = crate::load::load_cached(dir.path(), &mut report, &mut cache);
        let error = report.diagnostics.iter().find(|d| d.cause).unwrap();
        let file = error.at.unwrap().0;
        assert_eq!(file, 2);
        assert!(model.sources.files[file].path.ends_with("scales/z.yaml"));
        assert_eq!(cache.len(), 4);
        // From the cache, the same error still points at its file once files move.
        std::fs::remove_file(chapter_path(dir.path())).unwrap();
        let mut report = Report::default();
        let model = crate::load::load_cached(dir.path(), &mut report, &mut cache);
        let error = report.diagnostics.iter().find(|d| d.cause).unwrap();
        assert_eq!(error.at.unwrap().0, 1);
        assert!(model.sources.files[1].path.ends_with("scales/z.yaml"));
        assert_eq!(cache.len(), 3, "the deleted chapter is dropped");
        assert!(model.guides[0].chapters.is_empty());
    }
}
