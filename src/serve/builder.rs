//! The builder: loads and checks the content, renders what changed, publishes it to the
//! served site, and hands stale PDFs to the background worker. A build error replaces the
//! pages with the error report until the content is fixed.

use super::incremental::{Rendered, Renderer};
use super::pdfs::{self, Done, Job};
use super::site::{apply, Change, Shared};
use super::sitefiles;
use super::ServeOptions;
use crate::build::{self, BuildError};
use crate::render::theme::Theme;
use crate::render::OutputFile;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::mpsc::Sender;
use std::sync::Arc;
use std::time::Instant;

/// What a rebuild did, for the terminal and the benchmark.
#[derive(Debug)]
pub enum Outcome {
    Built {
        pages_rendered: usize,
        pages_total: usize,
        changed: usize,
        millis: f64,
    },
    Failed(String),
}

/// Rebuilds the served site; owned by one thread.
pub struct Builder {
    opts: ServeOptions,
    templates: PathBuf,
    base_url: String,
    shared: Arc<Shared>,
    renderer: Option<Renderer>,
    pdf_jobs: Sender<Job>,
    version: u64,
    warnings: String,
    /// The content files read and parsed, kept from one build to the next.
    cache: crate::load::cache::Cache,
    /// Jobs for the thread that makes search indexes, sitemaps and feeds, and their number.
    site_jobs: Sender<sitefiles::Job>,
    site_number: u64,
}

impl Builder {
    pub fn new(
        opts: ServeOptions,
        base_url: String,
        shared: Arc<Shared>,
        pdf_jobs: Sender<Job>,
    ) -> Builder {
        let templates = opts
            .templates
            .clone()
            .unwrap_or_else(|| build::default_templates_dir(&opts.content));
        // The thread ends when the builder (its only sender) is dropped.
        let (site_jobs, queue) = std::sync::mpsc::channel();
        let to_publish = shared.clone();
        std::thread::spawn(move || sitefiles::worker(queue, to_publish));
        Builder {
            opts,
            templates,
            base_url,
            shared,
            renderer: None,
            pdf_jobs,
            version: 0,
            warnings: String::new(),
            cache: crate::load::cache::Cache::new(),
            site_jobs,
            site_number: 0,
        }
    }

    /// Files the watcher saw change: the next build reads them again whatever their
    /// timestamps say.
    pub fn changed(&mut self, paths: &[PathBuf]) {
        self.cache.forget(paths);
    }

    /// The content folder.
    pub fn content(&self) -> &std::path::Path {
        &self.opts.content
    }

    /// The templates folder the theme overrides come from.
    pub fn templates(&self) -> &PathBuf {
        &self.templates
    }

    /// Builds again after `theme_changed` or content changes, and publishes the result. A
    /// panic on the way (a fault of guidewright's that some content provokes) is reported like a
    /// content error, in the browser and the terminal, and the server goes on; the next build
    /// starts afresh.
    pub fn rebuild(&mut self, theme_changed: bool) -> Outcome {
        let start = Instant::now();
        let result = catch_unwind(AssertUnwindSafe(|| self.try_rebuild(theme_changed)))
            .unwrap_or_else(|payload| {
                self.renderer = None;
                Err(panic_report("building the site", payload.as_ref()))
            });
        match result {
            Ok((r, changed)) => {
                let outcome = Outcome::Built {
                    pages_rendered: r.pages_rendered,
                    pages_total: r.pages_total,
                    changed,
                    millis: start.elapsed().as_secs_f64() * 1000.0,
                };
                self.schedule_pdfs(&r);
                outcome
            }
            Err(error) => {
                self.shared.publish(|s| {
                    let same = s.error.as_deref() == Some(error.as_str());
                    s.error = Some(error.clone());
                    (!same).then_some(Change::All)
                });
                Outcome::Failed(error)
            }
        }
    }

    fn try_rebuild(&mut self, theme_changed: bool) -> Result<(Rendered, usize), String> {
        let options = crate::validate::Options {
            drafts: self.opts.drafts,
            ..Default::default()
        };
        let checked =
            build::check_cached(&self.opts.content, options, false, Some(&mut self.cache));
        let (mut model, warnings) = match checked.map(|(m, w, _)| (m, w)) {
            Ok(ok) => ok,
            Err(BuildError::Content(c)) => return Err(format!("{c}\n")),
            Err(BuildError::Other(s)) => return Err(format!("error: {s}\n")),
        };
        // The theme is loaded again when it changed, or when site.yaml names another language.
        let language = crate::render::theme::site_language(&model);
        let other_language = self
            .renderer
            .as_ref()
            .is_some_and(|r| r.theme().language != language);
        if theme_changed || other_language || self.renderer.is_none() {
            let mut theme =
                Theme::load(Some(&self.templates)).map_err(|e| format!("error: {e}\n"))?;
            theme.use_language(&language);
            match &mut self.renderer {
                Some(r) => r.set_theme(Arc::new(theme)),
                None => {
                    let mut r = Renderer::new(Arc::new(theme));
                    r.defer_site_files();
                    self.renderer = Some(r);
                }
            }
        }
        #[cfg(test)]
        if tests::PANIC.with(|p| p.take()) {
            panic!("a fault provoked by the test");
        }
        if warnings != self.warnings && !self.opts.quiet {
            eprint!("{warnings}");
        }
        self.warnings = warnings;
        if let Some(site) = model.site.as_mut() {
            site.data_mut().base_url = self.base_url.clone();
        }
        crate::lang::links::set_base_urls(&mut model);
        let renderer = self.renderer.as_mut().expect("theme loaded above");
        let mut rendered = renderer
            .render(Arc::new(model))
            .map_err(|e| format!("error: {e}\n"))?;
        let files = std::mem::take(&mut rendered.files);
        let removed = std::mem::take(&mut rendered.removed);
        let site = std::mem::take(&mut rendered.site);
        // Numbered before the pages are published, so that no older job publishes after them.
        self.site_number += 1;
        let number = self.site_number;
        {
            let mut s = self.shared.lock();
            for folder in &rendered.fresh {
                s.site_files.start(folder, number);
                if !site.iter().any(|w| &w.folder == folder) {
                    s.site_files.finish(folder, number);
                }
            }
        }
        let changed = self.publish(files, &removed, rendered.full, false);
        for work in site {
            let _ = self.site_jobs.send(sitefiles::Job { number, work });
        }
        Ok((rendered, changed))
    }

    /// Publishes rendered files (replacing the whole site after a full render, else removing
    /// the `removed` paths); returns how many files changed.
    fn publish(
        &self,
        files: Vec<OutputFile>,
        removed: &[String],
        full: bool,
        pdfs_done: bool,
    ) -> usize {
        let mut count = 0;
        self.shared.publish(|s| {
            // PDFs of the last good content do not mend a build error that came after it.
            let recovered = if pdfs_done {
                s.pdfs_pending = false;
                false
            } else {
                s.error.take().is_some()
            };
            let broken = s.error.is_some();
            let changed = if full {
                let old = std::mem::take(&mut s.files);
                let mut changed = apply(s, files);
                changed.retain(|p| {
                    old.get(p).map(|b| b.as_slice()) != s.files.get(p).map(|b| b.as_slice())
                });
                changed.extend(old.keys().filter(|k| !s.files.contains_key(*k)).cloned());
                changed
            } else {
                let mut changed = apply(s, files);
                for path in removed {
                    if s.files.remove(path).is_some() {
                        changed.insert(path.clone());
                    }
                }
                changed
            };
            count = changed.len();
            if recovered {
                Some(Change::All)
            } else if broken {
                // Pages show the error until it is fixed; nothing for them to reload.
                None
            } else {
                (!changed.is_empty()).then_some(Change::Paths(changed))
            }
        });
        count
    }

    /// Sends the PDFs made stale since they were last made to the background worker.
    fn schedule_pdfs(&mut self, _r: &Rendered) {
        let Some(renderer) = &self.renderer else {
            return;
        };
        let work = renderer.pdf_work();
        if work.is_empty() {
            return;
        }
        self.version += 1;
        self.shared.set_pdfs_pending(true);
        let job = Job {
            version: self.version,
            work,
        };
        if self.pdf_jobs.send(job).is_err() {
            self.shared.set_pdfs_pending(false);
        }
    }

    /// Takes PDFs made in the background, if they are still for the current content. A failure
    /// (or panic) making or taking them is reported in the terminal, and PDF requests stop
    /// waiting.
    pub fn pdfs_done(&mut self, done: Done) -> Option<Outcome> {
        if done.version != self.version {
            return None;
        }
        let outcome = match done.made {
            Ok(made) => {
                catch_unwind(AssertUnwindSafe(|| self.take_pdfs(made))).unwrap_or_else(|p| {
                    self.renderer = None;
                    Some(Outcome::Failed(panic_report(
                        "taking the new PDFs",
                        p.as_ref(),
                    )))
                })
            }
            Err(e) => Some(Outcome::Failed(e)),
        };
        if matches!(outcome, None | Some(Outcome::Failed(_))) {
            self.shared.set_pdfs_pending(false);
        }
        outcome
    }

    fn take_pdfs(&mut self, made: Vec<pdfs::LangMade>) -> Option<Outcome> {
        let start = Instant::now();
        let renderer = self.renderer.as_mut()?;
        let (mut files, mut removed, mut rendered, mut total) = (Vec::new(), Vec::new(), 0, 0);
        let mut fresh: Vec<String> = Vec::new();
        for (lang, model, pdfs) in made {
            let r = match renderer.take_pdfs(lang, &model, pdfs) {
                Some(r) => r.ok()?,
                None => return None,
            };
            files.extend(r.files);
            removed.extend(r.removed);
            fresh.extend(r.fresh.iter().cloned());
            if !r.fresh.is_empty() {
                // Made here whole: site files still being made from older pages are stale.
                self.site_number += 1;
                let mut s = self.shared.lock();
                for folder in &r.fresh {
                    s.site_files.start(folder, self.site_number);
                    s.site_files.finish(folder, self.site_number);
                }
            }
            rendered += r.pages_rendered;
            total = total.max(r.pages_total);
        }
        // Search files published by background jobs since are superseded by these too.
        {
            let s = self.shared.lock();
            for folder in &fresh {
                removed.extend(sitefiles::superseded(folder, &files, s.files.keys()));
            }
        }
        // The PDFs go in with the flag cleared, under one lock, so that a request waiting for
        // them finds them.
        let count = self.publish(files, &removed, false, true);
        Some(Outcome::Built {
            pages_rendered: rendered,
            pages_total: total,
            changed: count,
            millis: start.elapsed().as_secs_f64() * 1000.0,
        })
    }
}

/// The report of a panic: what was being done and the panic's message.
pub fn panic_report(doing: &str, payload: &(dyn std::any::Any + Send)) -> String {
    let message = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "no message".to_string());
    format!(
        "error: guidewright failed while {doing}: {message}\n  This is a fault of guidewright's, not of the content; please report it. The preview \
         goes on, and builds again at the next change.\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    thread_local! {
        /// Makes the next rebuild on this thread panic once the content is loaded.
        pub static PANIC: Cell<bool> = const { Cell::new(false) };
    }

    #[test]
    fn a_panic_while_building_becomes_the_error_page_and_the_next_build_recovers() {
        let opts = ServeOptions {
            content: std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content"),
            templates: None,
            bind: std::net::Ipv4Addr::LOCALHOST.into(),
            port: 0,
            drafts: false,
            quiet: true,
        };
        let shared = Arc::new(Shared::default());
        let (jobs, _queue) = std::sync::mpsc::channel();
        let mut builder = Builder::new(opts, "http://127.0.0.1:1/".into(), shared.clone(), jobs);
        assert!(matches!(builder.rebuild(true), Outcome::Built { .. }));
        let generation = shared.lock().generation;

        PANIC.with(|p| p.set(true));
        let Outcome::Failed(report) = builder.rebuild(false) else {
            panic!("a panic must fail the build");
        };
        assert!(report.contains("a fault provoked by the test"), "{report}");
        let s = shared.lock();
        assert_eq!(s.error.as_deref(), Some(report.as_str()));
        assert!(s.generation > generation, "open pages are told to reload");
        assert!(
            s.files.contains_key("index.html"),
            "the last good site is kept"
        );
        drop(s);

        let Outcome::Built {
            pages_rendered,
            pages_total,
            ..
        } = builder.rebuild(false)
        else {
            panic!("the next build must work");
        };
        assert_eq!(
            pages_rendered, pages_total,
            "the build after a panic starts afresh"
        );
        assert!(shared.lock().error.is_none());
    }
}
