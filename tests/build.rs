//! Building: atomic output, reproducibility, template overrides, the starter project and the
//! JSON Schemas.

mod common;
use common::{run_in, snapshot, Project};

#[test]
fn failed_build_leaves_previous_output_untouched() {
    let p = Project::sample();
    let r = p.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("Built 2 guides"), "{}", r.stderr);
    let before = snapshot(&p.path("output"));
    assert!(before.len() > 40);

    p.edit("site.yaml", "organisation:", "organisaton:");
    let at = p.locate("site.yaml", "organisaton:");
    let r = p.run(&["build"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains(&at), "{}", r.stderr);
    assert_eq!(
        snapshot(&p.path("output")),
        before,
        "output changed after a failed build"
    );
    // No temporary folders are left beside the output.
    let leftovers: Vec<_> = std::fs::read_dir(p.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn successful_build_replaces_output_entirely() {
    let p = Project::sample();
    std::fs::create_dir_all(p.path("output/stale")).unwrap();
    std::fs::write(p.path("output/stale/old.html"), "old").unwrap();
    // An earlier output, as an older version marked it.
    std::fs::write(
        p.path("output/.guidewright"),
        "guidewright 0.0.1
",
    )
    .unwrap();
    let r = p.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        !p.path("output/stale").exists(),
        "stale files survived the swap"
    );
    assert!(p.path("output/index.html").exists());
}

#[test]
fn builds_are_byte_identical() {
    let p = Project::sample();
    assert_eq!(p.run(&["build", "--output", "a"]).code, 0);
    assert_eq!(p.run(&["build", "--output", "b"]).code, 0);
    let (a, b) = (snapshot(&p.path("a")), snapshot(&p.path("b")));
    assert_eq!(a.len(), b.len());
    for (fa, fb) in a.iter().zip(&b) {
        assert_eq!(fa.0, fb.0);
        assert!(fa.1 == fb.1, "{} differs between builds", fa.0);
    }
}

#[test]
fn project_templates_override_the_default_theme() {
    let p = Project::sample();
    std::fs::create_dir_all(p.path("templates/static")).unwrap();
    std::fs::write(
        p.path("templates/404.html"),
        "{% extends \"base.html\" %}{% block content %}<h1>Lost? OVERRIDDEN-404</h1>{% endblock content %}",
    )
    .unwrap();
    std::fs::write(
        p.path("templates/static/style.css"),
        "body { color: rebeccapurple }",
    )
    .unwrap();
    let r = p.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("using the project's own template 404.html"),
        "{}",
        r.stderr
    );
    let page = std::fs::read_to_string(p.path("output/404.html")).unwrap();
    assert!(page.contains("OVERRIDDEN-404"));
    // The rest of the default theme (base.html) still wraps it.
    assert!(page.contains("Skip to main content"));
    // The style sheet is fingerprinted: assets/style.<hash>.css.
    let css = std::fs::read_dir(p.path("output/assets"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|f| {
            f.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("style.")
        })
        .map(|f| std::fs::read_to_string(f).unwrap())
        .unwrap();
    assert_eq!(css, "body { color: rebeccapurple }");
    // Pages not overridden come from the embedded theme.
    let index = std::fs::read_to_string(p.path("output/index.html")).unwrap();
    assert!(index.contains("Keeping people safe"));
}

#[test]
fn a_broken_override_template_is_reported_and_output_kept() {
    let p = Project::sample();
    assert_eq!(p.run(&["build"]).code, 0);
    let before = snapshot(&p.path("output"));
    std::fs::create_dir_all(p.path("templates")).unwrap();
    std::fs::write(p.path("templates/index.html"), "{% if %}").unwrap();
    let r = p.run(&["build"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("index.html"), "{}", r.stderr);
    assert_eq!(snapshot(&p.path("output")), before);
}

#[test]
fn new_creates_a_project_that_builds() {
    let dir = tempfile::tempdir().unwrap();
    let r = run_in(dir.path(), &["new", "mine"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let project = dir.path().join("mine");
    let r = run_in(&project, &["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(project
        .join("output/guides/first-guide/first-assessing.html")
        .exists());
    // Refuses to overwrite a non-empty folder.
    assert_eq!(run_in(dir.path(), &["new", "mine"]).code, 1);
}

#[test]
fn schema_is_written_for_every_kind_and_describes_fields() {
    let dir = tempfile::tempdir().unwrap();
    let r = run_in(dir.path(), &["schema", "--output", "schema"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for kind in [
        "site",
        "guide",
        "chapter",
        "standard",
        "evidence",
        "findings",
        "example",
        "quotes",
        "scale",
        "response-scale",
        "checklist",
        "glossary",
    ] {
        let text =
            std::fs::read_to_string(dir.path().join(format!("schema/{kind}.schema.json"))).unwrap();
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            v["additionalProperties"],
            serde_json::json!(false),
            "{kind} should reject unknown fields"
        );
    }
    let r = run_in(dir.path(), &["schema", "--kind", "site"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let required: Vec<&str> = v["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap())
        .collect();
    for f in [
        "name",
        "organisation",
        "base_url",
        "language",
        "licence",
        "contact_email",
    ] {
        assert!(
            required.contains(&f),
            "{f} should be required: {required:?}"
        );
    }
}

#[test]
fn help_shows_an_example_for_each_command() {
    let dir = tempfile::tempdir().unwrap();
    for cmd in ["build", "check", "new", "schema"] {
        let r = run_in(dir.path(), &[cmd, "--help"]);
        assert_eq!(r.code, 0);
        assert!(
            r.stdout.contains(&format!("guidewright {cmd}")),
            "{cmd} --help lacks an example:\n{}",
            r.stdout
        );
    }
}
