//! The site as served: the rendered files in memory, the current build error if any, and a
//! numbered history of changes that open pages follow to know when to reload.

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Duration;

/// How many past changes are kept for pages that reconnect; older pages reload in full.
const HISTORY: usize = 64;

/// What changed in one published update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Everything (a full render, or the build broke or recovered).
    All,
    /// These site paths.
    Paths(BTreeSet<String>),
}

/// The served state. Reached through [`Shared::lock`].
#[derive(Default)]
pub struct Served {
    /// Every file of the site by path below the root (`guides/x/index.html`).
    pub files: HashMap<String, Arc<Vec<u8>>>,
    /// The build error shown in place of pages, as plain text.
    pub error: Option<String>,
    /// Bumped at every published change.
    pub generation: u64,
    history: Vec<(u64, Change)>,
    /// PDFs are being made again: requests for a PDF wait for them.
    pub pdfs_pending: bool,
    pub stopping: bool,
    /// Which languages' search indexes, sitemaps and feeds are being made in the background.
    pub site_files: super::sitefiles::Numbers,
    /// Names this run of the server, so pages served by an earlier run reload in full.
    pub instance: String,
}

impl Served {
    /// Everything that changed after generation `since`, or `None` if nothing did.
    pub fn changes_since(&self, since: u64) -> Option<Change> {
        if since >= self.generation {
            return None;
        }
        if self.history.first().is_none_or(|(g, _)| *g > since + 1) {
            return Some(Change::All);
        }
        let mut paths = BTreeSet::new();
        for (_, c) in self.history.iter().filter(|(g, _)| *g > since) {
            match c {
                Change::All => return Some(Change::All),
                Change::Paths(p) => paths.extend(p.iter().cloned()),
            }
        }
        Some(Change::Paths(paths))
    }
}

/// The served state shared by the builder, the HTTP workers and the reload streams' hub.
#[derive(Default)]
pub struct Shared {
    state: Mutex<Served>,
    changed: Condvar,
}

impl Shared {
    pub fn lock(&self) -> MutexGuard<'_, Served> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Waits until `ready` holds (or `timeout` passes), returning the guard.
    pub fn wait_until(
        &self,
        timeout: Duration,
        ready: impl Fn(&Served) -> bool,
    ) -> MutexGuard<'_, Served> {
        let guard = self.lock();
        match self
            .changed
            .wait_timeout_while(guard, timeout, |s| !ready(s) && !s.stopping)
        {
            Ok((g, _)) => g,
            Err(e) => e.into_inner().0,
        }
    }

    /// Applies an update under the lock and, if it changed anything, publishes it to open pages.
    pub fn publish(&self, update: impl FnOnce(&mut Served) -> Option<Change>) {
        let mut s = self.lock();
        if let Some(change) = update(&mut s) {
            s.generation += 1;
            let g = s.generation;
            s.history.push((g, change));
            if s.history.len() > HISTORY {
                s.history.remove(0);
            }
        }
        drop(s);
        self.changed.notify_all();
    }

    /// Sets the PDF flag and wakes requests waiting for PDFs.
    pub fn set_pdfs_pending(&self, pending: bool) {
        self.lock().pdfs_pending = pending;
        self.changed.notify_all();
    }

    /// Wakes everything that waits, to look again at what it waits for (taking the lock first,
    /// so that a waiter that has just found nothing to do is already waiting).
    pub fn wake(&self) {
        drop(self.lock());
        self.changed.notify_all();
    }

    /// Wakes everything that waits, so that it can see `stopping`.
    pub fn stop(&self) {
        self.lock().stopping = true;
        self.changed.notify_all();
    }
}

/// Puts `files` into the served map and returns the paths whose bytes changed.
pub fn apply(served: &mut Served, files: Vec<crate::render::OutputFile>) -> BTreeSet<String> {
    let mut changed = BTreeSet::new();
    for f in files {
        let same = served
            .files
            .get(&f.path)
            .is_some_and(|old| old.as_slice() == f.bytes.as_slice());
        if !same {
            changed.insert(f.path.clone());
            served.files.insert(f.path, Arc::new(f.bytes));
        }
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(p: &[&str]) -> Change {
        Change::Paths(p.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn changes_since_unions_later_changes_and_falls_back_to_all() {
        let shared = Shared::default();
        assert_eq!(shared.lock().changes_since(0), None);
        shared.publish(|_| Some(paths(&["a.html"])));
        shared.publish(|_| None);
        shared.publish(|_| Some(paths(&["b.html"])));
        let s = shared.lock();
        assert_eq!(s.generation, 2);
        assert_eq!(s.changes_since(0), Some(paths(&["a.html", "b.html"])));
        assert_eq!(s.changes_since(1), Some(paths(&["b.html"])));
        assert_eq!(s.changes_since(2), None);
        drop(s);
        for _ in 0..HISTORY + 1 {
            shared.publish(|_| Some(paths(&["c.html"])));
        }
        assert_eq!(shared.lock().changes_since(1), Some(Change::All));
    }
}
