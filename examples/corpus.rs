//! Writes a synthetic content tree for benchmarks and scale tests.
//!
//! ```text
//! cargo run --release --example corpus -- 500 big-corpus
//! ```
//!
//! The folder must be missing, empty, or an earlier generated tree (it has the marker file
//! `.guidewright-corpus`); an earlier tree is cleared first.

#[path = "../benches/support/corpus/mod.rs"]
mod corpus;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

const USAGE: &str = "usage: cargo run --release --example corpus -- <guides> <folder>\n\
                     example: cargo run --release --example corpus -- 500 big-corpus";

fn parse(args: &[String]) -> Result<(usize, PathBuf), String> {
    let [count, dir] = args else {
        return Err(format!(
            "expected 2 arguments (number of guides, folder), got {}",
            args.len()
        ));
    };
    let count: usize = count.parse().map_err(|_| {
        format!("`{count}` is not a number of guides: give a whole number such as 500")
    })?;
    if count == 0 {
        return Err("the number of guides must be at least 1".into());
    }
    Ok((count, PathBuf::from(dir)))
}

/// Checks that `dir` may be written to, clearing an earlier generated tree.
fn prepare(dir: &Path) -> Result<(), String> {
    if !dir.exists() {
        return Ok(());
    }
    if !dir.is_dir() {
        return Err(format!("`{}` exists and is not a folder", dir.display()));
    }
    let mut entries = dir
        .read_dir()
        .map_err(|e| format!("reading `{}`: {e}", dir.display()))?;
    if entries.next().is_none() {
        return Ok(());
    }
    if !dir.join(corpus::MARKER).is_file() {
        return Err(format!(
            "`{}` is not empty and was not made by this generator (it has no {} file): \
             refusing to write into it; choose a new or empty folder",
            dir.display(),
            corpus::MARKER
        ));
    }
    for name in corpus::ENTRIES {
        let path = dir.join(name);
        let result = if path.is_dir() {
            std::fs::remove_dir_all(&path)
        } else if path.exists() {
            std::fs::remove_file(&path)
        } else {
            Ok(())
        };
        result.map_err(|e| format!("clearing the earlier tree at `{}`: {e}", path.display()))?;
    }
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (count, dir) = match parse(&args) {
        Ok(v) => v,
        Err(msg) => {
            eprintln!("error: {msg}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    if let Err(msg) = prepare(&dir) {
        eprintln!("error: {msg}");
        return ExitCode::FAILURE;
    }
    let start = Instant::now();
    match corpus::generate(&dir, count) {
        Ok(s) => {
            println!(
                "wrote {} guides: {} files, {:.1} MB, into {} in {:.2}s",
                s.guides,
                s.files,
                s.bytes as f64 / 1e6,
                dir.display(),
                start.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: writing `{}`: {e}", dir.display());
            ExitCode::FAILURE
        }
    }
}
