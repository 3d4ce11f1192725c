//! The site's own vocabulary (`content/vocabulary.yaml`): services, practice areas, stages of
//! work and standards frameworks are the site's ids and labels. A reference to an id the
//! vocabulary lacks is an error at its place with a near miss suggested; pages and PDFs show
//! the labels the vocabulary gives.

mod common;
use common::{tool, Project};

/// Runs `check`, expects exit 1, and returns stderr.
fn check_fails(p: &Project) -> String {
    let r = p.run(&["check"]);
    assert_eq!(r.code, 1, "check should fail:\n{}", r.stderr);
    r.stderr
}

/// The error block that mentions `message`, from the line the message is on to the next blank
/// line after its help.
fn block<'a>(stderr: &'a str, message: &str) -> &'a str {
    let at = stderr
        .find(message)
        .unwrap_or_else(|| panic!("`{message}` not in:\n{stderr}"));
    let rest = &stderr[at..];
    let end = rest.find("\n\n").map_or(rest.len(), |i| i + 1);
    &rest[..end]
}

#[test]
fn every_kind_of_reference_is_checked_where_written_with_a_suggestion() {
    let p = Project::sample();
    let guide = "guides/keeping-people-safe/guide.yaml";
    p.edit(guide, "service: probation", "service: probaton");
    // The old field name `lens` is still accepted, and an error points at it.
    let standard = "standards/ps-2-1.yaml";
    p.edit_first(standard, "practice_area: engagement", "lens: engagment");
    p.edit(
        "standards/ps-2-2.yaml",
        "framework: probation-case-supervision",
        "framework: probation-case-supervison",
    );
    let checklist = "checklists/kps-self-assessment.yaml";
    p.edit(checklist, "stage: planning", "stage: planing");
    let err = check_fails(&p);

    for (rel, written, message, near) in [
        (
            guide,
            "service: probaton",
            "unknown service `probaton`",
            "probation",
        ),
        (
            standard,
            "lens: engagment",
            "unknown practice area `engagment`",
            "engagement",
        ),
        (
            "standards/ps-2-2.yaml",
            "framework: probation-case-supervison",
            "unknown standards framework `probation-case-supervison`",
            "probation-case-supervision",
        ),
        (
            checklist,
            "stage: planing",
            "unknown stage of work `planing`",
            "planning",
        ),
    ] {
        let value = written.split_once(": ").unwrap().1;
        let at = p.locate_in(rel, written, value);
        let b = block(&err, message);
        assert!(b.contains(&at), "expected {at} for `{message}`:\n{b}");
        assert!(
            b.contains(&format!("did you mean `{near}`?")),
            "expected a suggestion of `{near}`:\n{b}"
        );
    }
    assert!(err.contains("4 problems"), "{err}");
}

#[test]
fn an_id_nothing_like_the_vocabulary_lists_what_it_declares() {
    let p = Project::sample();
    p.edit(
        "examples/kps-example-checks-before-visit.yaml",
        "stage: assessment",
        "stage: inspection-visit",
    );
    let err = check_fails(&p);
    let b = block(&err, "unknown stage of work `inspection-visit`");
    assert!(
        b.contains("`stages` in vocabulary.yaml are: assessment, planning, implementation-delivery, reviewing"),
        "{b}"
    );
}

#[test]
fn without_a_vocabulary_file_a_reference_says_where_to_declare_it() {
    let p = Project::sample();
    std::fs::remove_file(p.path("content/vocabulary.yaml")).unwrap();
    let err = check_fails(&p);
    let at = p.locate_in(
        "guides/keeping-the-child-safe/guide.yaml",
        "service: youth-justice",
        "youth-justice",
    );
    let b = block(&err, "unknown service `youth-justice`");
    assert!(b.contains(&at), "{b}");
    assert!(
        b.contains("declare it under `services` in content/vocabulary.yaml"),
        "{b}"
    );
}

#[test]
fn a_broken_vocabulary_file_gives_one_error_not_one_per_reference() {
    let p = Project::sample();
    p.edit(
        "vocabulary.yaml",
        "  - id: planning\n",
        "  - idd: planning\n",
    );
    let err = check_fails(&p);
    assert!(err.contains("unknown field `idd`"), "{err}");
    assert!(!err.contains("unknown stage of work"), "{err}");
    assert!(err.contains("1 problem"), "{err}");
}

#[test]
fn the_vocabulary_itself_is_checked() {
    let p = Project::sample();
    let v = "vocabulary.yaml";
    p.edit(v, "  - id: reviewing\n", "  - id: planning\n");
    p.edit(v, "  - id: desistance\n", "  - id: Desistance_Work\n");
    p.edit(
        v,
        "label: {en: Keeping the child safe, cy: \"Cadw'r plentyn yn ddiogel\"}",
        "label: {en: Keeping the child safe, welsh: Cadw'r plentyn yn ddiogel}",
    );
    p.edit(
        v,
        "label: {en: Engagement, cy: Ymgysylltu}",
        "label: \"  \"",
    );
    let err = check_fails(&p);
    let twice = p.read(v).match_indices("- id: planning").nth(1).unwrap().0;
    let line = p.read(v)[..twice].matches('\n').count() + 1;
    assert!(
        block(&err, "`planning` is declared twice in `stages`").contains(&format!("{v}:{line}:")),
        "{err}"
    );
    let bad = block(&err, "`Desistance_Work` is not a valid id");
    assert!(bad.contains(&p.locate(v, "Desistance_Work")), "{bad}");
    assert!(bad.contains("`desistance-work`"), "{bad}");
    let lang = block(&err, "`welsh` is not a language code");
    assert!(lang.contains(&p.locate(v, "welsh")), "{lang}");
    assert!(block(&err, "the text is empty").contains(&p.locate(v, "\"  \"")));
}

#[test]
fn pages_and_pdfs_show_the_labels_the_vocabulary_gives() {
    let p = Project::sample();
    let v = "vocabulary.yaml";
    // New labels, one of them given per language: the English site shows the English text.
    p.edit(
        v,
        "label: {en: Probation, cy: Prawf}\n",
        "label: Adult supervision\n",
    );
    p.edit(
        v,
        "label: {en: Keeping other people safe, cy: Cadw pobl eraill yn ddiogel}",
        "label: {cy: Cadw pobl eraill yn ddiogel, en: Others kept from harm}",
    );
    p.edit(
        v,
        "label: {en: Implementation and delivery, cy: Gweithredu a chyflawni}",
        "label: Doing the work",
    );
    p.edit(
        v,
        "label: {en: Probation case supervision standards, cy: Safonau goruchwylio achosion prawf}",
        "label: {en: Adult casework standards, cy: Safonau goruchwylio achosion prawf}",
    );
    let r = p.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let read = |rel: &str| std::fs::read_to_string(p.path(&format!("output/{rel}"))).unwrap();

    let home = read("index.html");
    assert!(
        home.contains("Adult supervision · For"),
        "service on the home page"
    );
    let guide = read("guides/keeping-people-safe/index.html");
    assert!(
        guide.contains("Adult supervision"),
        "service in the guide's metadata"
    );
    let standard = read("standards/ps-2-3.html");
    assert!(standard.contains("Others kept from harm"), "practice area");
    assert!(
        !standard.contains("Cadw pobl"),
        "Welsh label on an English page"
    );
    let examples = read("examples/index.html");
    assert!(
        examples.contains("Stage: Doing the work"),
        "stage on the examples index"
    );
    let example = read("examples/kps-example-coordinated-delivery.html");
    assert!(example.contains("Doing the work"), "stage of an example");
    assert!(standard.contains("Adult casework standards"), "framework");
    let index = read("standards/index.html");
    assert!(
        index.contains("Adult casework standards"),
        "framework heading"
    );
    // The old labels are nowhere in these pages (standard 2.3's own title is
    // "Implementation and delivery", so that label is looked for on the examples pages only).
    for page in [&home, &guide, &standard, &index, &examples, &example] {
        for old in [
            "Keeping other people safe",
            "Probation case supervision standards",
        ] {
            assert!(!page.contains(old), "old label `{old}` still shown");
        }
    }
    for page in [&examples, &example] {
        assert!(
            !page.contains("Implementation and delivery"),
            "old stage label"
        );
    }

    let pdf = p.path("output/guides/keeping-people-safe/keeping-people-safe.pdf");
    let text = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    assert!(
        text.contains("For adult supervision"),
        "service on the PDF's title page"
    );
    assert!(
        text.contains("Others kept from harm"),
        "practice area headings in the PDF"
    );
    assert!(
        !text.contains("Keeping other people safe"),
        "old practice area label in the PDF"
    );
    assert!(
        !text.contains("keeping-other-people-safe"),
        "the practice area's id in place of its label in the PDF"
    );
}

#[test]
fn a_label_that_is_neither_a_text_nor_a_text_per_language_says_what_it_may_be() {
    let p = Project::sample();
    let v = "vocabulary.yaml";
    p.edit(
        v,
        "label: {en: Reviewing, cy: Adolygu}",
        "label: [Reviewing, Review]",
    );
    let err = check_fails(&p);
    let b = block(&err, "stages[3].label: invalid type: sequence, expected a text, or a text per language such as `{en: …, cy: …}`");
    assert!(b.contains(&p.locate(v, "[Reviewing, Review]")), "{b}");
    // One error: what refers to the stages is not reported too.
    assert!(err.contains("1 problem"), "{err}");
}

/// A label given per language that lacks one of the site's languages is a warning at the
/// label (its file, line and column), as an untranslated page is; a label given once, for
/// every language, is not.
#[test]
fn a_label_missing_a_declared_language_is_a_located_warning() {
    let p = Project::sample();
    let v = "vocabulary.yaml";
    let line = p
        .read(v)
        .lines()
        .position(|l| l.contains("label: {en: Planning, cy: Cynllunio}"))
        .unwrap()
        + 1;
    p.edit(
        v,
        "label: {en: Planning, cy: Cynllunio}",
        "label: {en: Planning}",
    );
    p.edit(v, "label: {en: Reviewing, cy: Adolygu}", "label: Reviewing");
    let r = p.run(&["check"]);
    assert_eq!(r.code, 0, "a warning, not an error: {}", r.stderr);
    let message =
        "`planning` in `stages` has no label in `cy`, so its pages in `cy` show \"Planning\"";
    assert!(
        r.stderr.contains(&format!("warning: {message}")),
        "{}",
        r.stderr
    );
    let b = block(&r.stderr, message);
    assert!(
        b.contains(&format!("vocabulary.yaml:{line}:")),
        "not located at line {line}: {b}"
    );
    assert!(
        !r.stderr.contains("`reviewing` in `stages`"),
        "{}",
        r.stderr
    );
    let r = p.run(&["check", "--deny-warnings"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
}
