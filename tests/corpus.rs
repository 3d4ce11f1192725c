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
