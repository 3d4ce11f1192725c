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

/// Builds into `output` with `threads` worker threads.
fn build_with_threads(p: &Project, output: &str, threads: &str) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_guidewright"))
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

#[test]
fn builds_are_byte_identical() {
    // Pages are written as they are rendered, in whatever order the threads finish them:
    // one thread and two must still give the same files.
    let p = Project::sample();
    build_with_threads(&p, "a", "1");
    build_with_threads(&p, "b", "2");
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
fn new_example_writes_a_sample_project_with_its_own_vocabulary_that_builds() {
    let dir = tempfile::tempdir().unwrap();
    let r = run_in(
        dir.path(),
        &["new", "--example", "care-inspectorate", "care"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let project = dir.path().join("care");
    let r = run_in(&project, &["check"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("0 errors, 0 warnings"), "{}", r.stderr);
    let r = run_in(&project, &["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let read = |rel: &str| std::fs::read_to_string(project.join("output").join(rel)).unwrap();
    // Its own service, practice areas, stages and framework, from its vocabulary.yaml.
    assert!(read("index.html").contains("Care homes for adults"));
    let standard = read("standards/cs-3.html");
    for label in [
        "Standards of care and support",
        "Staying safe",
        "Dignity and choice",
        "Leadership and oversight",
    ] {
        assert!(standard.contains(label), "{label} on the standard's page");
    }
    assert!(read("examples/index.html").contains("Stage: Planning care"));
    // A four-point judgement scale.
    let scale = read("scales/judgement.html");
    for level in ["Poor", "Needs improvement", "Good", "Excellent"] {
        assert!(scale.contains(level), "{level}");
    }
    assert!(project
        .join("output/guides/medicines/medicines.pdf")
        .is_file());
    assert!(project
        .join("output/checklists/medicines-checklist.pdf")
        .is_file());
    // Nothing of the probation sample came with it.
    assert!(!project.join("content/guides/keeping-people-safe").exists());
    assert!(!read("index.html").contains("robation"));
}

#[test]
fn new_example_with_an_unknown_name_lists_the_examples() {
    let dir = tempfile::tempdir().unwrap();
    let r = run_in(dir.path(), &["new", "--example", "care-inspectorat", "x"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains(
            "there is no example `care-inspectorat`; the examples are: care-inspectorate"
        ),
        "{}",
        r.stderr
    );
    assert!(!dir.path().join("x").join("content").exists());
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
        "vocabulary",
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

#[test]
fn templates_option_names_the_theme_folder() {
    let p = Project::sample();
    let page = |marker: &str| {
        format!("{{% extends \"base.html\" %}}{{% block content %}}<h1>Lost? {marker}</h1>{{% endblock content %}}")
    };
    // The folder beside the content, which --templates must take the place of.
    std::fs::create_dir_all(p.path("templates")).unwrap();
    std::fs::write(p.path("templates/404.html"), page("BESIDE-CONTENT")).unwrap();
    std::fs::create_dir_all(p.path("themes/house/static")).unwrap();
    std::fs::write(p.path("themes/house/404.html"), page("FROM-OPTION")).unwrap();
    std::fs::write(p.path("themes/house/static/extra.css"), "p { margin: 0 }").unwrap();
    let r = p.run(&["build", "--templates", "themes/house"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let lost = std::fs::read_to_string(p.path("output/404.html")).unwrap();
    assert!(lost.contains("FROM-OPTION"), "{lost}");
    assert!(!lost.contains("BESIDE-CONTENT"));
    // Its static files join the site's assets (fingerprinted).
    let assets: Vec<String> = std::fs::read_dir(p.path("output/assets"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        assets
            .iter()
            .any(|a| a.starts_with("extra.") && a.ends_with(".css")),
        "{assets:?}"
    );
    // A --templates folder that does not exist is an error, not the default theme.
    let before = snapshot(&p.path("output"));
    let r = p.run(&["build", "--templates", "themes/none"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("themes/none"), "{}", r.stderr);
    assert_eq!(snapshot(&p.path("output")), before);
}

/// Whether `path` (relative, `/`-separated) matches a `yaml.schemas` glob of the forms
/// `schema` prints: literal segments, `*.yaml`, and the extglob `!(name).yaml`. Written here
/// because the glob crates do not read extglobs; enough for the patterns guidewright prints.
fn glob_matches(glob: &str, path: &str) -> bool {
    let (g, p): (Vec<&str>, Vec<&str>) = (glob.split('/').collect(), path.split('/').collect());
    g.len() == p.len()
        && g.iter().zip(&p).all(|(g, p)| {
            if let Some(rest) = g.strip_prefix("!(") {
                // `!(a|b.*)ext`: ends with ext, and the rest is none of the alternatives.
                let (not, ext) = rest.split_once(')').unwrap();
                let stem = p.strip_suffix(ext);
                stem.is_some_and(|stem| {
                    !not.split('|').any(|alt| match alt.strip_suffix('*') {
                        Some(start) => stem.starts_with(start),
                        None => stem == alt,
                    })
                })
            } else if let Some((pre, post)) = g.split_once("?(.*)") {
                // `name?(.*).yaml`: `name.yaml`, or `name.<anything>.yaml`.
                *p == format!("{pre}{post}")
                    || p.strip_prefix(&format!("{pre}."))
                        .is_some_and(|r| r.len() > post.len() && r.ends_with(post))
            } else if let Some(ext) = g.strip_prefix('*') {
                p.ends_with(ext)
            } else {
                g == p
            }
        })
}

#[test]
fn schema_prints_editor_settings_that_fit_every_sample_file() {
    let p = Project::sample();
    let r = p.run(&["schema", "--output", "schema"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // `"schema/KIND.schema.json": "content/GLOB"`, one line per kind, after a comment.
    let settings: Vec<(String, String)> = r
        .stdout
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| {
            let v: Vec<&str> = l.split('"').collect();
            assert!(v.len() == 5 && v[2] == ": ", "not a setting: {l}");
            (v[1].to_string(), v[3].to_string())
        })
        .collect();
    assert_eq!(settings.len(), 13, "{}", r.stdout);
    let mut pairs = Vec::new();
    let content = p.path("content");
    for e in walkdir::WalkDir::new(&content)
        .into_iter()
        .map(Result::unwrap)
    {
        if e.path().extension().is_none_or(|x| x != "yaml") {
            continue;
        }
        let rel = format!(
            "content/{}",
            e.path().strip_prefix(&content).unwrap().to_string_lossy()
        );
        let schemas: Vec<&String> = settings
            .iter()
            .filter(|(_, glob)| glob_matches(glob, &rel))
            .map(|(s, _)| s)
            .collect();
        assert_eq!(schemas.len(), 1, "{rel} is matched by {schemas:?}");
        // The file, as JSON, against the schema the editor would give it.
        let value: serde_json::Value =
            serde_yaml::from_str(&std::fs::read_to_string(e.path()).unwrap()).unwrap();
        let json = p.path(&format!("json/{}.json", pairs.len()));
        std::fs::create_dir_all(json.parent().unwrap()).unwrap();
        std::fs::write(&json, value.to_string()).unwrap();
        pairs.push((p.path(schemas[0]), json, rel));
    }
    assert!(pairs.len() > 40, "only {} files", pairs.len());
    for kind in ["guide", "chapter", "checklist", "site"] {
        assert!(
            pairs
                .iter()
                .any(|(s, _, _)| s.ends_with(format!("{kind}.schema.json"))),
            "no sample file uses the {kind} schema"
        );
    }
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schema/validate.py");
    let out = std::process::Command::new("python3")
        .arg(script)
        .args(pairs.iter().flat_map(|(s, j, _)| [s.clone(), j.clone()]))
        .output()
        .expect("python3 with jsonschema is needed (pip install jsonschema)");
    assert!(
        out.status.success(),
        "sample files fail their schemas:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    // A file that breaks the model fails its schema too: the schemas are not empty.
    let site = &pairs.iter().find(|x| x.2 == "content/site.yaml").unwrap();
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&site.1).unwrap()).unwrap();
    v["organisaton"] = "typo".into();
    std::fs::write(&site.1, v.to_string()).unwrap();
    let out = std::process::Command::new("python3")
        .arg(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schema/validate.py"))
        .args([&site.0, &site.1])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("organisaton"));
}
