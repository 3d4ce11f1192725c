//! What the search index costs in a build: the whole build of a content folder, then, on the
//! same site, the index's own steps timed alone (reading each page's text from its HTML,
//! building the chunked index, writing its files).
//!
//! ```text
//! GW_SEARCH_CONTENT=corpus/n2000/guidewright/content cargo bench --bench search
//! cargo bench --bench search                  # a generated tree of 50 guides
//! ```
//!
//! The content folder is typically the peer benchmark's corpus (`benches/peers/`); without
//! one, the synthetic tree of `benches/support/corpus/` is used (`GW_BENCH_GUIDES` guides).

#[path = "support/corpus/mod.rs"]
mod corpus;

use guidewright::build::{self, BuildOptions};
use guidewright::render::{self, theme::Theme};
use std::path::PathBuf;
use std::time::{Duration, Instant};

const RUNS: usize = 3;

/// The best of [`RUNS`] runs of `f`, and the last result.
fn best<T>(mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..RUNS {
        let start = Instant::now();
        last = Some(f());
        times.push(start.elapsed());
    }
    (times.into_iter().min().unwrap_or_default(), last.unwrap())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let content = match std::env::var_os("GW_SEARCH_CONTENT") {
        Some(dir) => PathBuf::from(dir),
        None => {
            let guides = std::env::var("GW_BENCH_GUIDES")
                .ok()
                .and_then(|g| g.parse().ok())
                .unwrap_or(50);
            let dir = tmp.path().join("content");
            corpus::generate(&dir, guides).expect("generating the corpus");
            dir
        }
    };
    let options = BuildOptions {
        content: content.clone(),
        output: tmp.path().join("site"),
        base_url: None,
        templates: None,
        drafts: false,
        force: false,
    };
    let (build_time, built) = best(|| build::build(&options, false));
    let summary = built.unwrap_or_else(|e| panic!("build failed:\n{e}"));

    let (model, _) = build::check(&content, false, false).expect("the content checks");
    let mut theme = Theme::load(Some(&content.join("templates"))).expect("the theme");
    theme.use_language(&render::theme::site_language(&model));
    let hidden = guidewright::progress::Progress::hidden();
    let (pages, docs) = render::render_pages(&model, &theme, &[], &hidden).expect("rendering");
    let (extract_time, _) = best(|| {
        pages
            .iter()
            .map(|p| {
                render::search::main_sections(&String::from_utf8_lossy(&p.bytes))
                    .1
                    .len()
            })
            .sum::<usize>()
    });
    let language = render::theme::site_language(&model);
    let (index_time, files) = best(|| guidewright::search::index_files(&language, &docs));
    let out = tmp.path().join("index");
    let (write_time, _) = best(|| {
        let _ = std::fs::remove_dir_all(&out);
        for f in &files {
            let path = out.join(&f.path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, &f.bytes).unwrap();
        }
    });
    let bytes: usize = files.iter().map(|f| f.bytes.len()).sum();
    let total = ms(extract_time) + ms(index_time) + ms(write_time);
    println!(
        "{} pages, {} searched; build {:.0} ms (best of {RUNS})",
        summary.pages,
        docs.len(),
        ms(build_time)
    );
    println!(
        "search index: {} files, {:.1} MB; text from HTML {:.0} ms + index {:.0} ms + writing {:.0} ms = {:.0} ms, {:.1}% of the build",
        files.len(),
        bytes as f64 / 1e6,
        ms(extract_time),
        ms(index_time),
        ms(write_time),
        total,
        100.0 * total / ms(build_time)
    );
}
