//! PDF typesetting speed: pages per second for the sample guides and for a large guide made by
//! repeating a generated guide's chapters. Run with `cargo bench --bench pdf`.

use guidewright::build;
use guidewright::model::{Entry, Model};
use guidewright::pdf;
use std::path::Path;
use std::time::{Duration, Instant};

const RUNS: usize = 3;

/// Best time of `RUNS` runs, and the pages made.
fn time(model: &Model, guide: usize) -> (Duration, usize) {
    let mut best = Duration::MAX;
    let mut pages = 0;
    for _ in 0..RUNS {
        let t = Instant::now();
        let p = pdf::render_guide(model, &model.guides[guide]);
        best = best.min(t.elapsed());
        pages = p.pages;
    }
    (best, pages)
}

fn report(name: &str, d: Duration, pages: usize) {
    let s = d.as_secs_f64();
    println!(
        "{name:<32} | {pages:>6} | {:>9.1} ms | {:>8.0}",
        s * 1000.0,
        pages as f64 / s
    );
}

fn main() {
    println!("guidewright PDF benchmark: one guide at a time on one thread, best of {RUNS}");
    println!(
        "{:<32} | {:>6} | {:>12} | {:>8}",
        "guide", "pages", "time", "pages/s"
    );
    println!("{}", "-".repeat(68));
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let (model, _) = build::check(&content, false, false)
        .unwrap_or_else(|_| panic!("the sample content is valid"));
    for (i, g) in model.guides.iter().enumerate() {
        let (d, pages) = time(&model, i);
        report(&g.guide.id, d, pages);
    }

    // A large guide: a generated guide's chapters repeated under new ids.
    let dir = tempfile::tempdir().expect("temporary folder");
    guidewright::corpus::generate(dir.path(), 1).expect("corpus");
    let (mut model, _) =
        build::check(dir.path(), false, false).unwrap_or_else(|_| panic!("the corpus is valid"));
    let copies: usize = std::env::var("GW_BENCH_PDF_COPIES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(40);
    let g = &mut model.guides[0];
    let originals = g.chapters.clone();
    for n in 1..copies {
        for c in &originals {
            let id = format!("{}-copy{n}", c.id);
            g.guide.data.chapters.push(id.clone());
            g.chapters.push(Entry { id, ..c.clone() });
        }
    }
    let (d, pages) = time(&model, 0);
    report(
        &format!("generated guide × {copies} chapters sets"),
        d,
        pages,
    );
}
