//! `guidewright check`: the checks made before publishing, each caught in a copy of the sample
//! with one thing broken, reported at its file, line and column.

mod common;
use common::Project;

const CHAPTER: &str = "guides/keeping-people-safe/kps-assessing.yaml";
const PROSE: &str = "Everything else in a case depends on the assessment.";

#[test]
fn the_sample_passes_every_check() {
    let p = Project::sample();
    let r = p.run(&["check", "--today", "2026-01-01"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("0 errors"), "{}", r.stderr);
    assert!(!p.path("output").exists(), "check writes nothing");
}

#[test]
fn a_broken_anchor_is_an_error_where_the_link_is_written() {
    let p = Project::sample();
    p.edit(
        CHAPTER,
        PROSE,
        "Everything else in a case [depends on](ref:kps-planning#no-such-section) the assessment.",
    );
    let r = p.run(&["check"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("kps-planning.html#no-such-section`")
            && r.stderr.contains("no element with id `no-such-section`"),
        "{}",
        r.stderr
    );
    let at = p.locate(CHAPTER, "#no-such-section");
    assert!(r.stderr.contains(&at), "expected {at} in\n{}", r.stderr);
    // A good anchor passes.
    p.edit(CHAPTER, "#no-such-section", "#what-we-expect");
    let r = p.run(&["check"]);
    assert!(!r.stderr.contains("broken link"), "{}", r.stderr);
}

#[test]
fn a_malformed_web_address_is_an_error() {
    let p = Project::sample();
    p.edit(CHAPTER, PROSE, "See [the report](https://) first. ");
    let r = p.run(&["check"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("web address `https://`"), "{}", r.stderr);
    assert!(
        r.stderr.contains(&p.locate(CHAPTER, "https://)")),
        "{}",
        r.stderr
    );
}

#[test]
fn a_passed_review_date_is_a_warning_that_deny_warnings_turns_into_failure() {
    let p = Project::sample();
    let guide = "guides/keeping-the-child-safe/guide.yaml";
    p.edit(guide, "review_due: 2027-06-01", "review_due: 2026-03-31");
    let r = p.run(&["check", "--today", "2026-04-01"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let at = p.locate(guide, "2026-03-31");
    assert!(
        r.stderr
            .contains("`keeping-the-child-safe` was due for review on 2026-03-31")
            && r.stderr.contains(&at),
        "{}",
        r.stderr
    );
    let r = p.run(&["check", "--today", "2026-04-01", "--deny-warnings"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    // On the due date itself, nothing is overdue.
    let r = p.run(&["check", "--today", "2026-03-31"]);
    assert!(!r.stderr.contains("due for review"), "{}", r.stderr);
    let r = p.run(&["check", "--today", "2026-13-01"]);
    assert_eq!(r.code, 2, "a bad --today is a usage error");
}

#[test]
fn an_orphaned_example_is_a_warning() {
    let p = Project::sample();
    let text = p.read("examples/kps-example-victim-focused-plan.yaml");
    p.write("examples/kps-example-unused.yaml", &text);
    let r = p.run(&["check"]);
    assert!(
        r.stderr
            .contains("`kps-example-unused` (a practice example) is not used"),
        "{}",
        r.stderr
    );
    assert!(r
        .stderr
        .contains("content/examples/kps-example-unused.yaml:1:"));
    assert!(
        !r.stderr
            .contains("`kps-example-victim-focused-plan` (a practice example)"),
        "a used example is not an orphan"
    );
}

#[test]
fn a_draft_linked_from_a_published_page_is_an_error() {
    let p = Project::sample();
    let example = "examples/kps-example-checks-before-visit.yaml";
    let text = p.read(example);
    p.write(example, &format!("status: draft\n{text}"));
    let r = p.run(&["check"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let at = p.locate(CHAPTER, "kps-example-checks-before-visit");
    assert!(
        r.stderr
            .contains("`kps-example-checks-before-visit` is a draft")
            && r.stderr.contains(&at),
        "{}",
        r.stderr
    );
    // With drafts in the site, the link is fine.
    let r = p.run(&["check", "--drafts"]);
    assert!(!r.stderr.contains("is a draft"), "{}", r.stderr);
}

#[path = "fixtures/other_scripts.rs"]
mod other_scripts;

use guidewright::build::{self, BuildOptions};
use guidewright::progress::Progress;
use std::collections::BTreeSet;

fn options(p: &Project) -> BuildOptions {
    BuildOptions {
        content: p.path("content"),
        output: p.path("output"),
        base_url: None,
        templates: None,
        drafts: false,
        force: false,
    }
}

/// Every file below `dir`, as paths below it with `/` between folders.
fn files_below(dir: &std::path::Path) -> BTreeSet<String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap();
            rel.to_string_lossy().replace('\\', "/")
        })
        .collect()
}

#[test]
fn a_link_to_a_pdf_or_office_form_resolves_only_while_a_build_would_write_it() {
    let p = Project::sample();
    let pdf = "../keeping-the-child-safe/keeping-the-child-safe.pdf";
    let odt = "../../checklists/kps-self-assessment.odt";
    p.edit(
        CHAPTER,
        PROSE,
        &format!("Everything else depends on [the guide]({pdf}) and [the form]({odt})."),
    );
    let r = p.run(&["check"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stderr.contains("broken link"), "{}", r.stderr);
    // Without its PDF the guide's link breaks; a form in a format no writer makes is broken.
    p.edit(
        "guides/keeping-the-child-safe/guide.yaml",
        "pdf: true",
        "pdf: false",
    );
    p.edit(CHAPTER, "assessment.odt", "assessment.rtf");
    let r = p.run(&["check"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    for href in [pdf, "../../checklists/kps-self-assessment.rtf"] {
        let at = p.locate(CHAPTER, &format!("({href})"));
        assert!(
            r.stderr.contains(&format!("broken link `{href}`")) && r.stderr.contains(&at),
            "{href} at {at} not reported:\n{}",
            r.stderr
        );
    }
    assert_eq!(r.stderr.matches("broken link").count(), 2, "{}", r.stderr);
    assert!(!p.path("output").exists(), "check writes nothing");
}

/// The warnings (each a block of the report) about characters the PDF fonts lack.
fn glyph_warnings(stderr: &str) -> Vec<&str> {
    let starts = stderr.match_indices("warning: the PDF fonts have no glyph for");
    let block = |(at, _): (usize, &str)| stderr[at..].split("\n\n").next().unwrap_or_default();
    starts.map(block).collect()
}

#[test]
fn check_warns_of_the_glyphs_a_build_cannot_draw_where_they_are_written() {
    use other_scripts as fx;
    let p = Project::sample();
    fx::add(&p);
    let checked = p.run(&["check", "--today", "2026-01-01"]);
    assert_eq!(checked.code, 0, "{}", checked.stderr);
    assert!(!p.path("output").exists(), "check writes nothing");
    let found = glyph_warnings(&checked.stderr);
    assert_eq!(found.len(), fx::MISSING.len(), "{}", checked.stderr);
    for c in fx::MISSING {
        let at = p.locate(fx::CHAPTER, &c.to_string());
        let reported = found
            .iter()
            .any(|w| w.contains(&format!("`{c}`")) && w.contains(&at));
        assert!(reported, "{c} at {at} not reported: {}", checked.stderr);
    }
    // The same warnings, word for word and place for place, as typesetting finds.
    let built = p.run(&["build"]);
    assert_eq!(built.code, 0, "{}", built.stderr);
    assert_eq!(found, glyph_warnings(&built.stderr));
}

#[test]
fn check_typesets_nothing_and_builds_no_search_index_yet_knows_every_file_a_build_writes() {
    let p = Project::sample();
    let options = options(&p);
    let progress = Progress::recording();
    let planned = build::plan(
        &options,
        guidewright::validate::Options::default(),
        false,
        &progress,
    )
    .unwrap();
    let stages = progress.stages();
    assert!(stages.iter().any(|s| s == "Rendering pages"), "{stages:?}");
    assert!(
        !stages.iter().any(|s| s.starts_with("Typesetting")),
        "{stages:?}"
    );
    let progress = Progress::recording();
    build::build_with_progress(&options, false, &progress).unwrap();
    let stages = progress.stages();
    assert!(
        stages.iter().any(|s| s.starts_with("Typesetting")),
        "a build's stages show typesetting: {stages:?}"
    );
    // Every file a build writes is known by name, but the search index's chunks and pages'
    // files (which no page links: the manifest loads them); only pages have bytes.
    let mut written = files_below(&p.path("output"));
    // The mark that the folder is a build's, which the build writes, not the rendering.
    assert!(written.remove(".guidewright"));
    let index_part = |f: &String| f.contains("assets/search/t/") || f.contains("assets/search/p/");
    let expected: BTreeSet<String> = written.iter().filter(|f| !index_part(f)).cloned().collect();
    assert!(written.len() > expected.len(), "the build has an index");
    let named: BTreeSet<String> = planned.files.iter().map(|f| f.path.clone()).collect();
    assert_eq!(named, expected);
    for f in &planned.files {
        assert_eq!(f.path.ends_with(".html"), !f.bytes.is_empty(), "{}", f.path);
    }
    assert!(
        named.iter().any(|f| f.ends_with(".pdf")) && named.iter().any(|f| f.starts_with("cy/"))
    );
}
