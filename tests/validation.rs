//! Each kind of content error is reported at its file, line and column, with the offending
//! line shown, exit status 1, and all errors of a run together.

mod common;
use common::Project;

/// Runs `check`, expects failure, and checks that `location` and `message` are reported.
fn expect_error(p: &Project, location: &str, message: &str) -> String {
    let r = p.run(&["check"]);
    assert_eq!(r.code, 1, "check should fail; stderr:\n{}", r.stderr);
    assert!(
        r.stderr.contains(location),
        "expected location {location} in:\n{}",
        r.stderr
    );
    assert!(
        r.stderr.contains(message),
        "expected message `{message}` in:\n{}",
        r.stderr
    );
    r.stderr
}

#[test]
fn sample_content_is_valid() {
    let p = Project::sample();
    let r = p.run(&["check"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains(" 0 errors"), "{}", r.stderr);
}

#[test]
fn misspelt_field_in_site_yaml() {
    let p = Project::sample();
    p.edit("site.yaml", "organisation:", "organisaton:");
    let at = p.locate("site.yaml", "organisaton:");
    let err = expect_error(&p, &at, "unknown field `organisaton`");
    assert!(err.contains("did you mean `organisation`?"), "{err}");
    // The offending line is shown.
    assert!(err.contains("organisaton: Northbridge"), "{err}");
}

#[test]
fn yaml_syntax_error() {
    let p = Project::sample();
    // A value indented under a plain scalar: the parser stops at the second `:`.
    p.edit("scales/rag.yaml", "title:", "title: x\n  bad: y\n");
    let at = p.locate("scales/rag.yaml", ": y");
    expect_error(&p, &at, "mapping values are not allowed in this context");
}

#[test]
fn missing_required_field() {
    let p = Project::sample();
    p.edit("site.yaml", "contact_email: publications@example.org\n", "");
    // Reported where the mapping that lacks it starts: the file's first key.
    let first_key = p.read("site.yaml").lines().next().unwrap().to_string();
    let at = p.locate("site.yaml", &first_key);
    assert!(at.ends_with(":1:1"), "{at}");
    expect_error(&p, &at, "missing field `contact_email`");
}

#[test]
fn duplicate_ids_across_files() {
    let p = Project::sample();
    // A quote given the id of a statistic defined elsewhere.
    let quotes = p.read("quotes/kps-quotes.yaml");
    let first_id = quotes
        .lines()
        .find_map(|l| l.trim().strip_prefix("- id: "))
        .unwrap()
        .to_string();
    p.edit(
        "quotes/kps-quotes.yaml",
        &format!("- id: {first_id}\n"),
        "- id: kcs-stat-rosh-high\n",
    );
    let at = p.locate("quotes/kps-quotes.yaml", "kcs-stat-rosh-high");
    let first = p.locate(
        "findings/kcs-inspection-findings.yaml",
        "kcs-stat-rosh-high",
    );
    let err = expect_error(&p, &at, "duplicate id `kcs-stat-rosh-high`");
    assert!(
        err.contains(&first),
        "should name the first definition {first}:\n{err}"
    );
}

#[test]
fn malformed_id() {
    let p = Project::sample();
    p.edit(
        "findings/kcs-inspection-findings.yaml",
        "- id: kcs-stat-rosh-high",
        "- id: KCS_Stat",
    );
    let at = p.locate("findings/kcs-inspection-findings.yaml", "KCS_Stat");
    expect_error(&p, &at, "id `KCS_Stat` is not lower-kebab-case");
}

#[test]
fn broken_reference_with_suggestion() {
    let p = Project::sample();
    p.edit(
        "guides/keeping-people-safe/guide.yaml",
        "  - kps-planning\n",
        "  - kps-planing\n",
    );
    let at = p.locate("guides/keeping-people-safe/guide.yaml", "kps-planing");
    let err = expect_error(&p, &at, "unknown id `kps-planing`: expected a chapter");
    assert!(err.contains("did you mean `kps-planning`?"), "{err}");
    // The chapter left out of the list is reported too: both in one run.
    assert!(
        err.contains(
            "chapter `kps-planning` is in the guide's folder but not in its `chapters` list"
        ),
        "{err}"
    );
}

#[test]
fn reference_to_the_wrong_kind() {
    let p = Project::sample();
    let rel = "checklists/kps-self-assessment.yaml";
    let text = p.read(rel);
    let line = text
        .lines()
        .find(|l| l.contains("response: yes-no-na"))
        .unwrap()
        .to_string();
    p.edit_first(
        rel,
        &format!("{line}\n"),
        &format!("{}\n", line.replace("yes-no-na", "safety-wellbeing")),
    );
    let at = p.locate(rel, "safety-wellbeing");
    expect_error(
        &p,
        &at,
        "`safety-wellbeing` is a classification scale, but a response scale is expected here",
    );
}

#[test]
fn chapter_of_another_guide() {
    let p = Project::sample();
    p.edit(
        "guides/keeping-people-safe/guide.yaml",
        "  - kps-resources\n",
        "  - kps-resources\n  - kcs-resources\n",
    );
    let at = p.locate("guides/keeping-people-safe/guide.yaml", "kcs-resources");
    expect_error(&p, &at, "chapter `kcs-resources` belongs to another guide");
}

#[test]
fn statistics_must_be_consistent() {
    let p = Project::sample();
    let rel = "findings/kcs-inspection-findings.yaml";
    p.edit(rel, "numerator: 370", "numerator: 2370");
    p.edit(rel, "percentage: 31", "percentage: 35");
    let over = p.locate(rel, "2370");
    let pct = p.locate(rel, "35\n");
    let err = expect_error(&p, &over, "numerator 2370 is greater than denominator 1945");
    assert!(
        err.contains(&pct),
        "percentage error at {pct} expected:\n{err}"
    );
    assert!(
        err.contains("percentage 35 does not match 603 of 1945 (31.0%)"),
        "{err}"
    );
}

#[test]
fn examples_must_say_names_changed() {
    let p = Project::sample();
    let rel = "examples/kps-example-checks-before-visit.yaml";
    p.edit(rel, "names_changed: true", "names_changed: false");
    let at = p.locate(rel, "false");
    expect_error(&p, &at, "must say `names_changed: true`");
}

#[test]
fn checklist_questions_map_to_key_questions_or_prompts() {
    let p = Project::sample();
    let rel = "checklists/kps-self-assessment.yaml";
    let text = p.read(rel);
    let line = text
        .lines()
        .find(|l| l.contains("maps_to:"))
        .unwrap()
        .to_string();
    let indent = line.split("maps_to:").next().unwrap();
    p.edit_first(
        rel,
        &format!("{line}\n"),
        &format!("{indent}maps_to: [keeping-people-safe]\n"),
    );
    let at = p.locate(rel, "keeping-people-safe]");
    expect_error(
        &p,
        &at,
        "`keeping-people-safe` is a guide, but a key question or a prompt is expected here",
    );
}

#[test]
fn inline_markdown_references_are_checked_where_written() {
    let p = Project::sample();
    let rel = "guides/keeping-people-safe/kps-introduction.yaml";
    p.edit(rel, "(ref:ps-2-1)", "(ref:ps-9-9)");
    p.edit(rel, "(term:aspire)", "(term:aspirin)");
    let at_ref = p.locate(rel, "ref:ps-9-9");
    let at_term = p.locate(rel, "term:aspirin");
    let err = expect_error(&p, &at_ref, "unknown id `ps-9-9`");
    assert!(
        err.contains(&at_term),
        "term error at {at_term} expected:\n{err}"
    );
    assert!(
        err.contains("unknown id `aspirin`: expected a glossary term"),
        "{err}"
    );
}

#[test]
fn bad_dates() {
    let p = Project::sample();
    p.edit(
        "guides/keeping-people-safe/guide.yaml",
        "published: 2024-03-01",
        "published: 1st March 2024",
    );
    let at = p.locate("guides/keeping-people-safe/guide.yaml", "1st March");
    expect_error(&p, &at, "`1st March 2024` is not a date");
}

#[test]
fn section_kind_needs_its_reference() {
    let p = Project::sample();
    let rel = "guides/keeping-people-safe/kps-assessing.yaml";
    let text = p.read(rel);
    let line = text
        .lines()
        .find(|l| l.trim_start().starts_with("example:"))
        .unwrap()
        .to_string();
    p.edit(rel, &format!("{line}\n"), "");
    // Reported at the section's `kind`, which asks for the reference.
    let at = p.locate(rel, "kind: case-example");
    expect_error(&p, &at, "a case-example section needs `example`");
}

#[test]
fn all_errors_are_reported_in_one_run() {
    let p = Project::sample();
    p.edit("site.yaml", "organisation:", "organisaton:");
    p.edit(
        "examples/kps-example-checks-before-visit.yaml",
        "names_changed: true",
        "names_changed: false",
    );
    p.edit(
        "findings/kcs-inspection-findings.yaml",
        "numerator: 370",
        "numerator: 2370",
    );
    let r = p.run(&["check"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("3 problems found"), "{}", r.stderr);
    for at in [
        p.locate("site.yaml", "organisaton:"),
        p.locate("examples/kps-example-checks-before-visit.yaml", "false"),
        p.locate("findings/kcs-inspection-findings.yaml", "2370"),
    ] {
        assert!(r.stderr.contains(&at), "{at} missing from:\n{}", r.stderr);
    }
}

#[test]
fn missing_content_folder_and_site() {
    let p = Project::sample();
    let r = p.run(&["check", "--content", "nowhere"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("content folder `nowhere` not found"),
        "{}",
        r.stderr
    );
    std::fs::remove_file(p.path("content/site.yaml")).unwrap();
    let r = p.run(&["check"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("content has no site.yaml"),
        "{}",
        r.stderr
    );
}

#[test]
fn usage_errors_exit_2() {
    let p = Project::sample();
    assert_eq!(p.run(&["build", "--no-such-flag"]).code, 2);
    assert_eq!(p.run(&["frobnicate"]).code, 2);
}

#[test]
fn drafts_are_left_out_and_references_to_them_are_errors() {
    let p = Project::sample();
    let rel = "examples/kps-example-checks-before-visit.yaml";
    p.edit(
        rel,
        "names_changed: true",
        "names_changed: true\nstatus: draft",
    );
    let r = p.run(&["check"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("`kps-example-checks-before-visit` is a draft"),
        "{}",
        r.stderr
    );
    // With drafts included the same content is fine and the example is built.
    let r = p.run(&["build", "--drafts"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(p
        .path("output/examples/kps-example-checks-before-visit.html")
        .exists());

    // A draft that nothing refers to: a normal build leaves it out of every page, the sitemap
    // and the search index; with --drafts it is there.
    let p = Project::sample();
    let text = p.read("examples/kps-example-victim-focused-plan.yaml");
    let title = "A plan still being written";
    p.write(
        "examples/kps-example-unfinished.yaml",
        &text.replacen(
            "title: A plan built around the safety of a former partner\n",
            &format!("title: {title}\nstatus: draft\n"),
            1,
        ),
    );
    assert!(p
        .read("examples/kps-example-unfinished.yaml")
        .contains(title));
    let r = p.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!p
        .path("output/examples/kps-example-unfinished.html")
        .exists());
    for (rel, bytes) in common::snapshot(&p.path("output")) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("kps-example-unfinished") && !text.contains(title),
            "the draft shows in {rel}"
        );
    }
    let r = p.run(&["build", "--drafts"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let page =
        std::fs::read_to_string(p.path("output/examples/kps-example-unfinished.html")).unwrap();
    assert!(page.contains(title));
    let list = std::fs::read_to_string(p.path("output/examples/index.html")).unwrap();
    assert!(
        list.contains(title),
        "the examples list shows the draft with --drafts"
    );
}
