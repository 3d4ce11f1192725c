//! Build throughput on synthetic content trees from the corpus generator (`benches/support/corpus/`).
//!
//! ```text
//! cargo bench --bench build                      # 20 and 200 guides
//! GW_BENCH_GUIDES=20,100,500 cargo bench --bench build
//! ```
//!
//! For each size: generate a tree into a temporary folder, run `check` (load and validate) and
//! a full `build` three times each, and report the best wall time. Peak memory is the process's
//! high-water mark (`VmHWM` in `/proc/self/status`), so it only grows: sizes run in ascending
//! order, and each figure is the peak of that size and every smaller one.

#[path = "support/corpus/mod.rs"]
mod corpus;

use guidewright::build::{self, BuildOptions};
use std::path::Path;
use std::time::{Duration, Instant};

const RUNS: usize = 3;

fn sizes() -> Result<Vec<usize>, String> {
    let Ok(list) = std::env::var("GW_BENCH_GUIDES") else {
        return Ok(vec![20, 200]);
    };
    let mut sizes = list
        .split(',')
        .map(|s| match s.trim().parse::<usize>() {
            Ok(n) if n > 0 => Ok(n),
            _ => Err(format!(
                "GW_BENCH_GUIDES: `{s}` is not a positive number of guides"
            )),
        })
        .collect::<Result<Vec<_>, _>>()?;
    sizes.sort_unstable();
    sizes.dedup();
    Ok(sizes)
}

/// The best of [`RUNS`] runs of `f`, and the last result.
fn best<T>(mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..RUNS {
        let start = Instant::now();
        last = Some(f());
        times.push(start.elapsed());
    }
    (
        times.into_iter().min().unwrap_or_default(),
        last.expect("RUNS > 0"),
    )
}

/// The process's peak resident memory in MiB, if the platform reports it.
fn peak_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}

fn run(guides: usize, tmp: &Path) -> Result<(), String> {
    let content = tmp.join(format!("content-{guides}"));
    let output = tmp.join(format!("site-{guides}"));
    let stats = corpus::generate(&content, guides).map_err(|e| format!("generating: {e}"))?;
    let (check_time, checked) = best(|| build::check(&content, false, false).map(|_| ()));
    checked.map_err(|e| format!("check of {guides} guides failed:\n{e}"))?;
    let options = BuildOptions {
        content: content.clone(),
        output: output.clone(),
        base_url: None,
        templates: None,
        drafts: false,
        force: false,
    };
    let (build_time, built) = best(|| build::build(&options, false));
    let summary = built.map_err(|e| format!("build of {guides} guides failed:\n{e}"))?;
    let pages_per_s = summary.pages as f64 / build_time.as_secs_f64();
    let peak = peak_mib().map_or("n/a".to_string(), |m| format!("{m:.0} MiB"));
    println!(
        "{:>6} | {:>6} | {:>8.1} | {:>6} | {:>6} | {:>9} | {:>9} | {:>8.0} | {:>9}",
        guides,
        stats.files,
        stats.bytes as f64 / 1e6,
        summary.pages,
        summary.files,
        ms(check_time),
        ms(build_time),
        pages_per_s,
        peak
    );
    // Free the disk space before the next, larger size.
    let _ = std::fs::remove_dir_all(&content);
    let _ = std::fs::remove_dir_all(&output);
    Ok(())
}

fn main() {
    let sizes = match sizes() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(2);
        }
    };
    let tmp = tempfile::tempdir().expect("a temporary folder");
    println!("guidewright build benchmark: best of {RUNS} runs per size, sizes in ascending order");
    println!(
        "input = YAML files written by the corpus generator; output = files in the built site"
    );
    println!();
    println!("guides |  input | input MB |  pages | output | check     | build     | pages/s  | peak RSS");
    println!("-------+--------+----------+--------+--------+-----------+-----------+----------+----------");
    for guides in sizes {
        if let Err(e) = run(guides, tmp.path()) {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
    println!();
    println!("check = load + validate only; build = check + render + atomic write.");
    println!(
        "peak RSS = VmHWM, the process high-water mark: it includes every smaller size before it."
    );
}
