//! A long guide, whose pages the writer writes out one at a time as they are finished: the
//! file is still valid (qpdf), has every page in order with its "Page N of M", and is the
//! same byte for byte whatever the number of threads.

mod common;
use common::{tool, Project};
use std::path::Path;
use std::process::Command;

const KPS: &str = "guides/keeping-people-safe/keeping-people-safe.pdf";
const PARAGRAPHS: usize = 150;

/// The sample with `PARAGRAPHS` numbered paragraphs in the introduction's first prose body,
/// each starting `Startmark N` and ending `Endmark N` (the sample in English only: its Welsh
/// translation would add a PDF of each kind).
fn long_guide() -> Project {
    let p = Project::sample_one_language();
    let mut prose = String::new();
    for n in 0..PARAGRAPHS {
        let words: Vec<&str> = ["practice", "review", "safety", "plan", "evidence"]
            .iter()
            .cycle()
            .skip(n % 5)
            .take(60 + (n * 13) % 70)
            .copied()
            .collect();
        prose.push_str(&format!(
            "      Startmark{n:03} {} Endmark{n:03}.\n\n",
            words.join(" ")
        ));
    }
    let rel = "guides/keeping-people-safe/kps-introduction.yaml";
    p.edit_first(rel, "    body: |\n", &format!("    body: |\n{prose}"));
    p
}

fn build(p: &Project, output: &str, threads: &str) {
    let out = Command::new(env!("CARGO_BIN_EXE_guidewright"))
        .args(["build", "--output", output])
        .current_dir(p.dir.path())
        .env("NO_COLOR", "1")
        .env("RAYON_NUM_THREADS", threads)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn pdfs(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "pdf"))
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().display().to_string();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect();
    out.sort();
    out
}

#[test]
fn a_long_guide_written_page_by_page_is_whole_valid_and_reproducible() {
    let p = long_guide();
    build(&p, "one", "1");
    build(&p, "two", "2");
    let (one, two) = (pdfs(&p.path("one")), pdfs(&p.path("two")));
    assert_eq!(one.len(), 4, "two guides and two forms");
    for ((name, a), (_, b)) in one.iter().zip(&two) {
        assert!(a == b, "{name} differs between one and two threads");
    }

    let pdf = p.path("one").join(KPS);
    let pdf = pdf.to_str().unwrap();
    let check = tool("qpdf", &["--check", pdf]);
    assert!(
        check.contains("No syntax or stream encoding errors found"),
        "{check}"
    );
    let info = tool("pdfinfo", &[pdf]);
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo gives the page count");
    assert!(pages > 40, "{pages} pages");

    // Every page after the title page says which it is, and of how many.
    let text = tool("pdftotext", &["-layout", pdf, "-"]);
    let sheets: Vec<&str> = text.split('\u{c}').filter(|s| !s.is_empty()).collect();
    assert_eq!(sheets.len(), pages);
    for (i, sheet) in sheets.iter().enumerate().skip(1) {
        let footer = format!("Page {} of {pages}", i + 1);
        assert!(sheet.contains(&footer), "page {} lacks `{footer}`", i + 1);
    }

    // Every paragraph is there once, whole, in order.
    let mut at = 0;
    for n in 0..PARAGRAPHS {
        for mark in [format!("Startmark{n:03}"), format!("Endmark{n:03}")] {
            assert_eq!(text.matches(&mark).count(), 1, "{mark}");
            let found = text.find(&mark).unwrap();
            assert!(found > at, "{mark} out of order");
            at = found;
        }
    }
}
