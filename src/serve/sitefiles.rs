//! The search index, sitemap and feed of each language, made again in the background after
//! an edit renders some pages: the pages are served (and open pages told to reload) first,
//! since the search index holds every page and takes far longer than a few pages.
//!
//! Each job is numbered; the builder records the newest number of each language in
//! [`Served::site_files`] before sending it, and a render that makes a language's files whole
//! takes a new number too. A job is published only while its number is still the newest for
//! its language, so an older index never replaces a newer one.

use super::language::SiteWork;
use super::site::{apply, Change, Served, Shared};
use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc::Receiver;
use std::sync::Arc;

/// A language's site files to make, with the job's number.
pub struct Job {
    pub number: u64,
    pub work: SiteWork,
}

/// Where each language's site files stand: the newest job's number and the last one done.
#[derive(Debug, Default)]
pub struct Numbers {
    newest: HashMap<String, u64>,
    done: HashMap<String, u64>,
}

impl Numbers {
    /// Records `number` as the newest for the language in `folder`.
    pub fn start(&mut self, folder: &str, number: u64) {
        self.newest.insert(folder.to_string(), number);
    }

    /// Records that the language's files of `number` are in place (made whole, or published).
    pub fn finish(&mut self, folder: &str, number: u64) {
        self.done.insert(folder.to_string(), number);
    }

    fn is_newest(&self, folder: &str, number: u64) -> bool {
        self.newest.get(folder) == Some(&number)
    }

    /// Whether some language's search index, sitemap or feed is still being made.
    pub fn pending(&self) -> bool {
        self.newest.iter().any(|(f, n)| self.done.get(f) != Some(n))
    }
}

/// Makes jobs until the sending side closes, publishing each one still the newest.
pub fn worker(jobs: Receiver<Job>, shared: Arc<Shared>) {
    while let Ok(first) = jobs.recv() {
        // Of a burst of jobs, only the newest of each language is worth making.
        let mut latest: HashMap<String, Job> = HashMap::new();
        let mut put = |j: Job| {
            latest.insert(j.work.folder.clone(), j);
        };
        put(first);
        while let Ok(j) = jobs.try_recv() {
            put(j);
        }
        for job in latest.into_values() {
            if !shared
                .lock()
                .site_files
                .is_newest(&job.work.folder, job.number)
            {
                continue;
            }
            // A failure is left to the next edit's render to report (it renders these pages
            // again); the previous files stay.
            let made = catch_unwind(AssertUnwindSafe(|| job.work.make())).ok();
            let folder = job.work.folder.clone();
            shared.publish(|s| publish(s, &folder, job.number, made.and_then(Result::ok)));
        }
    }
}

/// Puts the files in place if the job is still the newest for its language.
fn publish(
    s: &mut Served,
    folder: &str,
    number: u64,
    files: Option<Vec<crate::render::OutputFile>>,
) -> Option<Change> {
    if !s.site_files.is_newest(folder, number) {
        return None;
    }
    s.site_files.finish(folder, number);
    let files = files?;
    let gone = superseded(folder, &files, s.files.keys());
    let mut changed = apply(s, files);
    for path in gone {
        s.files.remove(&path);
        changed.insert(path);
    }
    // While the build is broken, pages show the error: nothing for them to reload.
    (s.error.is_none() && !changed.is_empty()).then_some(Change::Paths(changed))
}

/// The search files of the language in `folder` that `have` holds and a new index (`made`,
/// the language's search index whole) no longer has: chunks are named by their contents, so
/// an edit supersedes some.
pub fn superseded<'a>(
    folder: &str,
    made: &[crate::render::OutputFile],
    have: impl Iterator<Item = &'a String>,
) -> Vec<String> {
    let dir = format!("{folder}{}", crate::search::DIR);
    let new: std::collections::HashSet<&str> = made.iter().map(|f| f.path.as_str()).collect();
    // A further language's folder is below the default one's: `cy/assets/search/` is not
    // the default language's `assets/search/`.
    let own = |p: &str| p.starts_with(&dir);
    have.filter(|p| own(p) && !new.contains(p.as_str()))
        .cloned()
        .collect()
}
