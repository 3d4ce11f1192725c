//! PDF typesetting speed and memory: pages per second for the sample guides, and for a
//! guide of about 400 pages (a generated guide's chapters repeated) its time and peak memory
//! beside Typst's on an equivalent document, runs interleaved. Every PDF is tagged.
//!
//! ```text
//! cargo bench --bench pdf
//! GW_BENCH_PDF_COPIES=20 cargo bench --bench pdf   # more chapter sets (13: about 400 pages)
//! GW_BENCH_TYPST=/path/to/typst cargo bench --bench pdf
//! GW_BENCH_PYTHON=/path/to/python cargo bench --bench pdf   # one with `pip install typst`
//! ```
//!
//! Memory is the process's peak resident size (`VmHWM`, reset through `/proc/self/clear_refs`
//! before each run), so it includes the loaded content. Typst's is its process's peak.

#[path = "support/corpus/mod.rs"]
mod corpus;
#[path = "support/measure.rs"]
mod measure;
use measure::{load_average, peak_mib, reset_peak};

#[path = "support/typst.rs"]
mod typst;

use guidewright::build;
use guidewright::document::{guide as compose, MarkdownReader};
use guidewright::model::{Entry, GuideEntry, Model};
use guidewright::pdf;
use std::path::Path;
use std::time::{Duration, Instant};

const RUNS: usize = 3;

/// One typesetting of a guide: its time, pages and the peak memory meanwhile.
fn render(model: &Model, guide: usize) -> (Duration, usize, f64) {
    reset_peak();
    let t = Instant::now();
    let english = guidewright::locale::Locale::english();
    let doc = guidewright::document::guide::compose(model, &model.guides[guide], &english);
    let p = pdf::render(&doc, &english);
    (t.elapsed(), p.pages, peak_mib())
}

fn row(name: &str, d: Duration, pages: usize, mib: f64) {
    let s = d.as_secs_f64();
    println!(
        "{name:<34} | {pages:>6} | {:>9.1} ms | {:>8.0} | {mib:>7.0}",
        s * 1000.0,
        pages as f64 / s
    );
}

/// A generated guide whose chapters are repeated `copies` times under new ids.
fn large_guide(dir: &Path, copies: usize) -> Model {
    corpus::generate(dir, 1).expect("corpus");
    let (mut model, _) =
        build::check(dir, false, false).unwrap_or_else(|_| panic!("the corpus is valid"));
    let g = &mut model.guides[0];
    let originals = g.chapters.clone();
    for n in 1..copies {
        for c in &originals {
            let id = format!("{}-copy{n}", c.id);
            g.guide.data_mut().chapters.push(id.clone());
            g.chapters.push(Entry { id, ..c.clone() });
        }
    }
    model
}

/// The guide as a Typst document made of the same blocks its PDF is set from.
fn typst_source(model: &Model, g: &GuideEntry) -> String {
    let anchors = compose::local_anchors(g);
    let local = |id: &str| anchors.get(id).cloned();
    let site_url = model
        .site
        .as_ref()
        .map_or(String::new(), |s| s.base_url.clone());
    let english = guidewright::locale::Locale::english();
    let reader = MarkdownReader {
        model,
        base: 3,
        local: &local,
        site_url: &site_url,
        locale: &english,
    };
    let chapters = compose::pdf_chapters(g);
    let loc = guidewright::locale::Locale::english();
    let body = compose::GuideComposer {
        model,
        reader,
        loc: &loc,
    }
    .chapters(&chapters);
    let summary = guidewright::markdown::plain_text(&g.guide.summary);
    typst::document(&g.guide.title, &summary, &body)
}

fn main() {
    println!("guidewright PDF benchmark (tagged PDF/UA-1): one guide at a time on one thread");
    println!("load average: {}", load_average());
    println!(
        "{:<34} | {:>6} | {:>12} | {:>8} | {:>7}",
        "guide (best of 3)", "pages", "time", "pages/s", "MiB"
    );
    println!("{}", "-".repeat(80));
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let (model, _) = build::check(&content, false, false)
        .unwrap_or_else(|_| panic!("the sample content is valid"));
    for (i, g) in model.guides.iter().enumerate() {
        let runs: Vec<_> = (0..RUNS).map(|_| render(&model, i)).collect();
        let best = runs.iter().min_by_key(|r| r.0).expect("runs");
        row(&g.guide.id, best.0, best.1, best.2);
    }

    let copies: usize = std::env::var("GW_BENCH_PDF_COPIES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(13);
    let dir = tempfile::tempdir().expect("temporary folder");
    let model = large_guide(dir.path(), copies);
    let typst = typst::Typst::find();
    let source = dir.path().join("guide.typ");
    std::fs::write(&source, typst_source(&model, &model.guides[0])).expect("writing");
    let fonts = Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts/noto-sans");

    // Interleaved, so both see the same load on a shared machine.
    let mut ours = Vec::new();
    let mut theirs = Vec::new();
    for _ in 0..RUNS {
        ours.push(render(&model, 0));
        if let Ok(t) = &typst {
            match t.compile(&source, &fonts) {
                Ok(run) => theirs.push(run),
                Err(e) => {
                    println!("Typst failed: {e}");
                    break;
                }
            }
        }
    }
    let best = ours.iter().min_by_key(|r| r.0).expect("runs");
    let peak = ours.iter().map(|r| r.2).fold(0.0, f64::max);
    row(
        &format!("generated guide × {copies} chapter sets"),
        best.0,
        best.1,
        peak,
    );
    println!("load average: {}", load_average());
    match typst {
        Err(why) => println!("Typst comparison skipped: {why}"),
        Ok(_) if theirs.is_empty() => println!("Typst comparison skipped: no run succeeded"),
        Ok(t) => {
            let tbest = theirs.iter().min_by_key(|r| r.time).expect("runs");
            let tpeak = theirs.iter().map(|r| r.peak_mib).fold(0.0, f64::max);
            let tpages = lopdf::Document::load_mem(&tbest.pdf)
                .map(|d| d.get_pages().len())
                .unwrap_or(0);
            row(
                "the same in Typst --pdf-standard ua-1",
                tbest.time,
                tpages,
                tpeak,
            );
            let ours_rate = best.1 as f64 / best.0.as_secs_f64();
            let their_rate = tpages as f64 / tbest.time.as_secs_f64();
            println!(
                "guidewright: {:.1}× Typst's pages per second, {:.2}× its peak memory ({})",
                ours_rate / their_rate,
                peak / tpeak,
                t.describe()
            );
        }
    }
}
