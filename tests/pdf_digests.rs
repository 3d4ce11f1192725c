//! The PDFs of the sample (guides, checklist forms in both languages, a `collect` report)
//! are byte for byte those recorded in `tests/pdf_digests.txt`: moving code between the
//! document model and the PDF writer must not change what the writer makes. Any change to
//! the PDF output, deliberate or not, fails here; a deliberate one re-records the digests
//! (see the file's header).

mod common;
use common::{team_returns, Project};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// The recorded digests: `path  sha256`, `#` lines are comments.
fn recorded() -> BTreeMap<String, String> {
    include_str!("pdf_digests.txt")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (path, hash) = l.split_once(char::is_whitespace).unwrap();
            (path.to_string(), hash.trim().to_string())
        })
        .collect()
}

fn sha256(path: &std::path::Path) -> String {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn the_sample_pdfs_are_the_recorded_ones() {
    let p = Project::sample();
    let r = p.run(&["build", "--output", "site"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // The graded returns of the statistics tests, compiled by team into `report/`.
    team_returns::write_and_compile(&p);
    let mut actual = BTreeMap::new();
    for root in ["site", "report"] {
        for e in walkdir::WalkDir::new(p.path(root))
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == "pdf"))
        {
            let rel = e.path().strip_prefix(p.path("")).unwrap();
            actual.insert(rel.to_string_lossy().into_owned(), sha256(e.path()));
        }
    }
    let listing: String = actual.iter().map(|(k, v)| format!("{k}  {v}\n")).collect();
    let expected = recorded();
    assert!(
        actual.len() >= 7,
        "only {} PDFs made:\n{listing}",
        actual.len()
    );
    assert_eq!(
        actual, expected,
        "the sample's PDFs changed; if on purpose, re-record tests/pdf_digests.txt:\n{listing}"
    );
}
