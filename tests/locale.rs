//! Interface strings in the site's language: a Welsh site (`language: cy` in site.yaml) gets
//! the theme's Welsh strings and month names, a project's `templates/locales/` overrides one
//! string at a time, and a bad key there is an error at its place.

mod common;
use common::Project;

/// The sample with its site language set to `lang`.
fn sample_in(lang: &str) -> Project {
    let p = Project::sample();
    p.edit("site.yaml", "language: en-GB", &format!("language: {lang}"));
    p
}

fn page(p: &Project, rel: &str) -> String {
    std::fs::read_to_string(p.path(&format!("output/{rel}"))).unwrap()
}

const GUIDE: &str = "guides/keeping-people-safe/index.html";
const CHAPTER: &str = "guides/keeping-people-safe/kps-assessing.html";

#[test]
fn a_welsh_site_gets_welsh_interface_strings_and_month_names() {
    let p = sample_in("cy");
    let r = p.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let chapter = page(&p, CHAPTER);
    assert!(chapter.contains(">Yn ôl i'r brig</a>"), "{chapter}");
    assert!(!chapter.contains("Back to top"));
    assert!(chapter.contains(">Cynnwys</h2>"));
    let guide = page(&p, GUIDE);
    // published: 2024-03-01, updated: 2024-06-01 in the sample guide.
    assert!(guide.contains("1 Mawrth 2024"), "{guide}");
    assert!(guide.contains("1 Mehefin 2024"));
    assert!(!guide.contains("1 March 2024"));
}

#[test]
fn a_welsh_tag_with_a_region_chooses_welsh_too() {
    let p = sample_in("cy-GB");
    let r = p.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(page(&p, CHAPTER).contains(">Yn ôl i'r brig</a>"));
}

#[test]
fn a_project_override_changes_that_string_only() {
    let p = sample_in("cy");
    std::fs::create_dir_all(p.path("templates/locales")).unwrap();
    std::fs::write(
        p.path("templates/locales/cy.yaml"),
        "back_to_top: \"I'r brig\"\n",
    )
    .unwrap();
    let r = p.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let chapter = page(&p, CHAPTER);
    assert!(chapter.contains(">I'r brig</a>"), "{chapter}");
    assert!(!chapter.contains("Yn ôl i'r brig"));
    assert!(
        chapter.contains(">Cynnwys</h2>"),
        "the other strings stay Welsh"
    );
}

#[test]
fn a_bad_key_in_a_project_locale_file_is_a_located_error() {
    let p = Project::sample();
    let r = p.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let before = page(&p, CHAPTER);
    std::fs::create_dir_all(p.path("templates/locales")).unwrap();
    std::fs::write(
        p.path("templates/locales/en.yaml"),
        "contents: On this page\nbak_to_top: Top\n",
    )
    .unwrap();
    for cmd in ["build", "check"] {
        let r = p.run(&[cmd]);
        assert_eq!(r.code, 1, "{cmd}: {}", r.stderr);
        assert!(
            r.stderr.contains("unknown interface string `bak_to_top`"),
            "{cmd}: {}",
            r.stderr
        );
        assert!(
            r.stderr.contains("templates/locales/en.yaml:2:1"),
            "{}",
            r.stderr
        );
        assert!(
            r.stderr.contains("did you mean `back_to_top`?"),
            "{}",
            r.stderr
        );
        assert!(!r.stderr.contains("error: error:"), "{}", r.stderr);
    }
    assert_eq!(page(&p, CHAPTER), before, "the previous output is intact");
}

#[test]
fn a_language_the_theme_lacks_warns_and_uses_english() {
    let p = sample_in("fr");
    let r = p.run(&["check"]);
    assert!(
        r.stderr
            .contains("no interface strings for the language `fr`"),
        "{}",
        r.stderr
    );
    let r = p.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(page(&p, CHAPTER).contains(">Back to top</a>"));
}
