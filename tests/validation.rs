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

// The tests below were written for mutants of src/validate/rules.rs that the tests above let
// through (README, "Mutation testing"); each comment says what rule it holds.

/// Runs `check` and expects success with no errors.
fn expect_clean(p: &Project) {
    let r = p.run(&["check"]);
    assert_eq!(r.code, 0, "check should pass; stderr:\n{}", r.stderr);
    assert!(r.stderr.contains(" 0 errors"), "{}", r.stderr);
}

#[test]
fn a_broken_site_file_is_reported_once_and_a_missing_one_always() {
    // A site.yml (the other spelling) that does not parse: its own error, not "no site.yaml".
    let p = Project::sample();
    let text = p.read("site.yaml");
    std::fs::remove_file(p.path("content/site.yaml")).unwrap();
    p.write("site.yml", &text.replace("organisation:", "organisaton:"));
    let at = p.locate("site.yml", "organisaton:");
    let err = expect_error(&p, &at, "unknown field `organisaton`");
    assert!(!err.contains("content has no site.yaml"), "{err}");

    // No site file at all while another file does not parse: both are reported.
    let p = Project::sample();
    std::fs::remove_file(p.path("content/site.yaml")).unwrap();
    p.edit("scales/rag.yaml", "title:", "titel:");
    let at = p.locate("scales/rag.yaml", "titel:");
    let err = expect_error(&p, &at, "unknown field `titel`");
    assert!(err.contains("content has no site.yaml"), "{err}");
}

#[test]
fn section_ids_are_unique_on_their_page() {
    let rel = "guides/keeping-people-safe/kps-assessing.yaml";
    // The second section takes the first one's id.
    let p = Project::sample();
    let at = p.locate_in(rel, "- id: what-we-expect", "what-we-expect");
    p.edit(rel, "- id: what-we-expect", "- id: overview");
    expect_error(&p, &at, "section id `overview` is used twice on this page");
    // Ids the page itself uses for its own anchors.
    for taken in ["top", "main-content", "contents"] {
        let p = Project::sample();
        let at = p.locate_in(rel, "- id: take-away-learning", "take-away-learning");
        p.edit(rel, "- id: take-away-learning", &format!("- id: {taken}"));
        expect_error(&p, &at, &format!("section id `{taken}` is used twice"));
    }
}

#[test]
fn prompt_letters_are_single_lower_case_letters_used_once() {
    let rel = "standards/ps-2-1.yaml";
    let p = Project::sample();
    // The first key question's prompts are a, b, c: b becomes two letters, c a second a.
    let two = p.locate_in(rel, "letter: b", "b");
    let again = p.locate_in(rel, "letter: c", "c");
    p.edit_first(rel, "letter: b", "letter: ab");
    p.edit_first(rel, "letter: c", "letter: a");
    let err = expect_error(&p, &two, "prompt letter `ab` must be one lower-case letter");
    assert!(
        err.contains(&again),
        "second `a` at {again} expected:\n{err}"
    );
    assert!(
        err.contains("prompt letter `a` is used twice in this key question"),
        "{err}"
    );
    // One letter, but a capital.
    let p = Project::sample();
    let at = p.locate_in(rel, "letter: b", "b");
    p.edit_first(rel, "letter: b", "letter: B");
    expect_error(&p, &at, "prompt letter `B` must be one lower-case letter");
}

#[test]
fn statistics_may_reach_their_denominator_and_round_by_half_a_point() {
    let rel = "findings/kcs-inspection-findings.yaml";
    // 1945 of 1945 is 100%, not "greater than".
    let p = Project::sample();
    p.edit(rel, "numerator: 370", "numerator: 1945");
    p.edit(rel, "percentage: 19\n", "percentage: 100\n");
    expect_clean(&p);
    // 1 of 8 is 12.5%: 12 and 13 are both within half a point; 13.1 is not.
    for (stated, ok) in [("12", true), ("13", true), ("13.1", false)] {
        let p = Project::sample();
        p.edit(
            rel,
            "numerator: 370\n    denominator: 1945",
            "numerator: 1\n    denominator: 8",
        );
        p.edit(rel, "percentage: 19\n", &format!("percentage: {stated}\n"));
        if ok {
            expect_clean(&p);
        } else {
            let at = p.locate(rel, "13.1\n");
            expect_error(&p, &at, "percentage 13.1 does not match 1 of 8 (12.5%)");
        }
    }
}

const TWO_LEVELS: &str = "title: Met or not met
levels:
  - id: met
    label: Met
    definition: The expectation was met.
  - id: not-met
    label: Not met
    definition: The expectation was not met.
";

const TWO_OPTIONS: &str = "title: Yes or no
options:
  - {value: \"yes\", label: \"Yes\", counts_as: positive}
  - {value: \"no\", label: \"No\", counts_as: negative}
";

#[test]
fn scales_need_two_levels_or_options_and_a_positive_answer() {
    // Two are enough.
    let p = Project::sample();
    p.write("scales/met.yaml", TWO_LEVELS);
    p.write("response-scales/yes-no.yaml", TWO_OPTIONS);
    expect_clean(&p);

    // One is not: reported at the list's key.
    let p = Project::sample();
    let one_level = TWO_LEVELS.split("  - id: not-met").next().unwrap();
    p.write("scales/met.yaml", one_level);
    let at = p.locate("scales/met.yaml", "levels:");
    expect_error(&p, &at, "a classification scale needs at least two levels");

    let p = Project::sample();
    let one_option = TWO_OPTIONS.split("  - {value: \"no\"").next().unwrap();
    p.write("response-scales/yes-no.yaml", one_option);
    let at = p.locate("response-scales/yes-no.yaml", "options:");
    expect_error(&p, &at, "a response scale needs at least two options");

    // Options none of which counts as positive.
    let p = Project::sample();
    p.write(
        "response-scales/yes-no.yaml",
        &TWO_OPTIONS.replace("positive", "partial"),
    );
    let at = p.locate("response-scales/yes-no.yaml", "options:");
    expect_error(
        &p,
        &at,
        "a response scale needs an option that counts as positive",
    );
}

#[test]
fn checklist_fields_offer_choices_only_when_they_are_choices() {
    let rel = "checklists/kps-self-assessment.yaml";
    // A choice with neither a scale nor options (the first choice field, auditor-role).
    let p = Project::sample();
    let line = p
        .read(rel)
        .lines()
        .find(|l| l.trim_start().starts_with("options: [Probation"))
        .unwrap()
        .to_string();
    p.edit(rel, &format!("{line}\n"), "");
    let at = p.locate(rel, "kind: choice");
    expect_error(&p, &at, "a choice field needs a `scale` or `options`");
    // A text field (the first, team) with options, or with a scale.
    for extra in ["options: [North, South]", "scale: rag"] {
        let p = Project::sample();
        let at = p.locate(rel, "kind: text");
        p.edit_first(
            rel,
            "    kind: text\n",
            &format!("    kind: text\n    {extra}\n"),
        );
        expect_error(
            &p,
            &at,
            "`scale` and `options` are only for fields of kind `choice`",
        );
    }
}

#[test]
fn checklists_that_ask_for_names_or_dates_of_birth_are_warned_about() {
    let rel = "checklists/kps-self-assessment.yaml";
    let p = Project::sample();
    p.edit(
        rel,
        "label: Team or office",
        "label: Full name of the team leader",
    );
    p.edit(rel, "label: Your role", "label: Date of birth");
    p.edit(rel, "label: Date of audit", "label: Auditor name");
    let r = p.run(&["check"]);
    let message = "checklists must not ask for names or dates of birth";
    assert_eq!(r.stderr.matches(message).count(), 3, "{}", r.stderr);
    for label in [
        "Full name of the team leader",
        "Date of birth",
        "Auditor name",
    ] {
        let at = p.locate(rel, label);
        assert!(
            r.stderr.contains(&at),
            "warning at {at} expected:\n{}",
            r.stderr
        );
    }
}

#[test]
fn a_classification_scale_section_names_its_scale() {
    let rel = "guides/keeping-people-safe/kps-evidence.yaml";
    let p = Project::sample();
    p.edit(rel, "    scale: risk-of-serious-harm\n", "");
    let at = p.locate(rel, "kind: classification-scale");
    expect_error(&p, &at, "a classification-scale section needs `scale`");
    // The scale it names must be one.
    let p = Project::sample();
    p.edit(
        rel,
        "scale: risk-of-serious-harm",
        "scale: risk-of-serious-ham",
    );
    let at = p.locate(rel, "risk-of-serious-ham");
    let err = expect_error(&p, &at, "unknown id `risk-of-serious-ham`");
    assert!(
        err.contains("did you mean `risk-of-serious-harm`?"),
        "{err}"
    );
}

#[test]
fn a_lived_experience_section_shows_quotes_that_exist() {
    let rel = "guides/keeping-people-safe/kps-evidence.yaml";
    let p = Project::sample();
    p.edit(
        rel,
        "- kps-quote-straight-talking\n",
        "- kps-quote-straight-talkin\n",
    );
    let at = p.locate(rel, "kps-quote-straight-talkin\n");
    let err = expect_error(&p, &at, "unknown id `kps-quote-straight-talkin`");
    assert!(
        err.contains("did you mean `kps-quote-straight-talking`?"),
        "{err}"
    );
    // Its list of quotes left out (the lines from `quotes:` to the next field).
    let p = Project::sample();
    let text = p.read(rel);
    let mut lines = text
        .lines()
        .skip_while(|l| !l.contains("kind: lived-experience"));
    let quotes: Vec<&str> = lines
        .by_ref()
        .skip_while(|l| l.trim() != "quotes:")
        .take_while(|l| l.trim() == "quotes:" || l.trim_start().starts_with("- "))
        .collect();
    assert!(quotes.len() >= 2, "{quotes:?}");
    p.edit(rel, &format!("{}\n", quotes.join("\n")), "");
    let at = p.locate(rel, "kind: lived-experience");
    expect_error(&p, &at, "a lived-experience section needs `quotes`");
}

#[test]
fn an_examples_classifications_use_levels_of_real_scales() {
    let rel = "examples/kps-example-checks-before-visit.yaml";
    let p = Project::sample();
    p.edit(
        rel,
        "{risk-of-serious-harm: high}",
        "{risk-of-serious-harm: hihg}",
    );
    let at = p.locate(rel, "hihg");
    let err = expect_error(
        &p,
        &at,
        "`hihg` is not a level of scale `risk-of-serious-harm`",
    );
    assert!(
        err.contains("did you mean `high`? (levels are `low`, `medium`, `high`, `very-high`)"),
        "{err}"
    );
    // A scale that does not exist, reported at its name.
    let p = Project::sample();
    p.edit(rel, "{risk-of-serious-harm: high}", "{risk-of-harm: high}");
    let at = p.locate(rel, "risk-of-harm");
    expect_error(&p, &at, "unknown id `risk-of-harm`");
}
