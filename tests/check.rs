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
