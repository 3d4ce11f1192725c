//! PDFs are made again in the background, on their own thread, so that pages reload without
//! waiting for typesetting. A newer job replaces one still in progress.

use super::incremental::PdfWork;
use crate::document;
use crate::model::Model;
use crate::pdf::{self, Download};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc::{Receiver, TryRecvError};
use std::sync::Arc;

/// PDFs to make, in each language that needs some.
pub struct Job {
    /// The builder's number for the model; results for an older one are dropped.
    pub version: u64,
    pub work: Vec<PdfWork>,
}

/// One language's PDFs made: the language, the model they were made from, and the PDFs.
pub type LangMade = (usize, Arc<Model>, Vec<Download>);

/// The PDFs a job made, or the report of its failure.
pub struct Done {
    pub version: u64,
    pub made: Result<Vec<LangMade>, String>,
}

/// Runs jobs until the sending side closes, calling `done` with each finished one.
pub fn worker(jobs: Receiver<Job>, done: impl Fn(Done)) {
    let mut next = jobs.recv().ok();
    while let Some(job) = next.take() {
        // A panic typesetting one job is reported, and the worker goes on with the next.
        let result = catch_unwind(AssertUnwindSafe(|| run(&job, &jobs)))
            .unwrap_or_else(|p| Ok(Err(super::builder::panic_report("making PDFs", p.as_ref()))));
        match result {
            Ok(made) => {
                done(Done {
                    version: job.version,
                    made,
                });
                next = jobs.recv().ok();
            }
            Err(Some(newer)) => next = Some(newer),
            Err(None) => return,
        }
    }
}

type Made = Result<Vec<LangMade>, String>;

/// Makes a job's PDFs, one at a time, giving up as soon as a newer job arrives.
fn run(job: &Job, jobs: &Receiver<Job>) -> Result<Made, Option<Job>> {
    let mut out = Vec::new();
    for w in &job.work {
        out.push((w.lang, w.model.clone(), run_language(w, jobs)?));
    }
    Ok(Ok(out))
}

/// Makes one language's PDFs, giving up as soon as a newer job arrives.
fn run_language(job: &PdfWork, jobs: &Receiver<Job>) -> Result<Vec<Download>, Option<Job>> {
    let newer = || match jobs.try_recv() {
        Ok(mut j) => {
            while let Ok(later) = jobs.try_recv() {
                j = later;
            }
            Err(Some(j))
        }
        Err(TryRecvError::Empty) => Ok(()),
        Err(TryRecvError::Disconnected) => Err(None),
    };
    let m = &job.model;
    let mut made = Vec::new();
    for g in m.guides.iter().filter(|g| pdf::wanted(g)) {
        if job.wanted.contains(&g.guide.id) {
            newer()?;
            made.push(Download {
                guide: g.guide.id.clone(),
                path: pdf::guide_pdf_path(g),
                pdf: pdf::render(&document::guide::compose(m, g, &job.locale), &job.locale),
            });
        }
    }
    for c in &m.checklists {
        if job.wanted.contains(&c.id) {
            newer()?;
            made.push(Download {
                guide: c.id.clone(),
                path: format!("checklists/{}.pdf", c.id),
                pdf: pdf::render(
                    &document::checklist::compose(m, c, &job.locale),
                    &job.locale,
                ),
            });
        }
    }
    Ok(made)
}

/// The full list of PDFs for `model`, in the order `pdf::render_all` makes them: freshly made
/// ones where there are, the previous ones otherwise. `None` if one is missing from both.
pub fn merge(model: &Model, made: Vec<Download>, previous: &[Download]) -> Option<Vec<Download>> {
    let ids = model
        .guides
        .iter()
        .filter(|g| pdf::wanted(g))
        .map(|g| &g.guide.id)
        .chain(model.checklists.iter().map(|c| &c.id));
    let mut made = made;
    let mut out = Vec::new();
    for id in ids {
        if let Some(i) = made.iter().position(|d| &d.guide == id) {
            out.push(made.swap_remove(i));
        } else {
            let old = previous.iter().find(|d| &d.guide == id)?;
            out.push(Download {
                guide: old.guide.clone(),
                path: old.path.clone(),
                pdf: pdf::Pdf {
                    bytes: old.pdf.bytes.clone(),
                    pages: old.pdf.pages,
                    missing: old.pdf.missing.clone(),
                },
            });
        }
    }
    Some(out)
}
