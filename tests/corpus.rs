//! The synthetic corpus the benchmarks use (`benches/support/corpus/`, included here by
//! path): valid, buildable and the same every run.

#[path = "../benches/support/corpus/mod.rs"]
mod corpus;

use corpus::{generate, Rng};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

fn files(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let entries = walkdir::WalkDir::new(root).into_iter().map(Result::unwrap);
    let files = entries.filter(|e| e.file_type().is_file());
    files
        .map(|e| {
            (
                e.path().strip_prefix(root).unwrap().into(),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

#[test]
fn generated_tree_is_valid_and_builds() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    let stats = generate(&content, 3).unwrap();
    assert_eq!((stats.guides, stats.files), (3, files(&content).len()));
    let (model, warnings) = match guidewright::build::check(&content, false, false) {
        Ok(r) => r,
        Err(e) => panic!("generated tree is invalid:\n{e}"),
    };
    assert_eq!(model.guides.len(), 3);
    assert!(model.guides.iter().all(|g| g.chapters.len() == 8));
    assert!(warnings.is_empty(), "{warnings}");
    let output = tmp.path().join("out");
    let (base_url, templates, drafts) = (None, None, false);
    let options = guidewright::build::BuildOptions {
        content,
        output,
        base_url,
        templates,
        drafts,
        force: false,
    };
    let summary = guidewright::build::build(&options, false).unwrap_or_else(|e| panic!("{e}"));
    assert!(summary.pages > 3 * 8, "{summary:?}");
}

#[test]
fn output_is_deterministic() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    assert_eq!(
        generate(a.path(), 3).unwrap(),
        generate(b.path(), 3).unwrap()
    );
    let (fa, fb) = (files(a.path()), files(b.path()));
    assert_eq!(fa.keys().collect::<Vec<_>>(), fb.keys().collect::<Vec<_>>());
    for (path, bytes) in &fa {
        assert!(
            bytes == &fb[path],
            "{} differs between runs",
            path.display()
        );
    }
}

#[test]
fn templates_expand_values_blocks_and_directives() {
    let mut rng = Rng(1);
    let out = rng.expand(
        "a: @x-@y\n  @block\n@gone\nb: |\n  $para [l](ref:@x)\n",
        &[("x", "1"), ("y", "2"), ("block", "p\n\nq"), ("gone", "")],
    );
    assert!(out.starts_with("a: 1-2\n  p\n\n  q\nb: |\n  "), "{out}");
    assert!(
        out.contains("[l](ref:1)") && !out.contains('$') && !out.contains('@'),
        "{out}"
    );
    assert!(
        out.lines()
            .skip(5)
            .all(|l| l.starts_with("  ") && l.len() <= 98),
        "{out}"
    );
}

/// Builds `content` into `output` with the binary, `threads` worker threads (`None`: as many
/// as the machine has, rayon's default).
fn build_with_threads(content: &Path, output: &Path, threads: Option<&str>) {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_guidewright"));
    cmd.arg("build")
        .arg("--content")
        .arg(content)
        .arg("--output")
        .arg(output)
        .env("NO_COLOR", "1")
        .env_remove("RAYON_NUM_THREADS");
    if let Some(n) = threads {
        cmd.env("RAYON_NUM_THREADS", n);
    }
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_large_tree_builds_byte_identical_on_one_thread_and_on_all() {
    // Enough pages that the threads interleave over pages, shared Markdown and the search
    // index's chunks (the sample's test, `tests/build.rs`, covers a small site).
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    generate(&content, 12).unwrap();
    let (one, all) = (tmp.path().join("one"), tmp.path().join("all"));
    build_with_threads(&content, &one, Some("1"));
    build_with_threads(&content, &all, None);
    let (fa, fb) = (files(&one), files(&all));
    assert!(fa.len() > 12 * 8, "{} files", fa.len());
    assert_eq!(fa.keys().collect::<Vec<_>>(), fb.keys().collect::<Vec<_>>());
    for (path, bytes) in &fa {
        assert!(
            bytes == &fb[path],
            "{} differs between one thread and all",
            path.display()
        );
    }
}
