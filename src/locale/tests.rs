use super::*;

#[test]
fn welsh_dates_use_welsh_month_names() {
    let cy = Locale::embedded("cy-GB");
    assert_eq!(cy.lang, "cy");
    assert_eq!(cy.long_date("2024-09-02"), "2 Medi 2024");
    assert_eq!(cy.long_date("2025-01-31"), "31 Ionawr 2025");
    let en = Locale::english();
    assert_eq!(en.long_date("2024-09-02"), "2 September 2024");
    assert_eq!(en.long_date("not a date"), "not a date");
}

#[test]
fn the_english_matches_what_the_calendar_crate_calls_each_month() {
    let en = Locale::english();
    for m in 1..=12u8 {
        let month = time::Month::try_from(m).unwrap();
        let d = format!("2024-{m:02}-05");
        assert_eq!(en.long_date(&d), format!("5 {month} 2024"));
    }
}

#[test]
fn numbers_take_the_locale_separators() {
    let en = Locale::english();
    assert_eq!(en.thousands(1234567), "1,234,567");
    assert_eq!(en.thousands(999), "999");
    assert_eq!(en.percent(52.64), "52.6");
    assert_eq!(en.percent(40.0), "40");
}

#[test]
fn placeholders_are_filled_and_other_braces_kept() {
    assert_eq!(
        fill("Page {n} of {total} {x}", &[("n", "2"), ("total", "5")]),
        "Page 2 of 5 {x}"
    );
}

#[test]
fn a_language_without_strings_falls_back_to_english_with_a_warning() {
    let all = Locales::embedded();
    assert_eq!(all.get("fr").lang, "en");
    assert_eq!(all.get("fr").get("back_to_top"), "Back to top");
    let w = all.warnings_for("fr");
    assert_eq!(w.len(), 1);
    assert!(w[0].contains("templates/locales/fr.yaml"), "{w:?}");
    assert!(
        all.warnings_for("cy").is_empty(),
        "{:?}",
        all.warnings_for("cy")
    );
}

#[test]
fn codes_are_primary_subtags() {
    assert_eq!(code("cy-GB"), "cy");
    assert_eq!(code("EN"), "en");
    assert_eq!(code("cy"), "cy");
}

fn project(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("locales")).unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join("locales").join(name), text).unwrap();
    }
    dir
}

#[test]
fn a_project_overrides_one_string_and_only_that_one() {
    let dir = project(&[("cy.yaml", "back_to_top: I'r brig\n")]);
    let all = Locales::load(Some(dir.path())).unwrap();
    let theme = Locales::embedded();
    let (cy, was) = (all.get("cy"), theme.get("cy"));
    assert_eq!(cy.get("back_to_top"), "I'r brig");
    for (k, v) in was.strings() {
        if k != "back_to_top" {
            assert_eq!(cy.get(k), v, "{k}");
        }
    }
    assert_eq!(all.get("en").strings(), theme.get("en").strings());
}

#[test]
fn a_project_language_lacking_keys_warns_for_each_and_uses_english() {
    let dir = project(&[("fr.yaml", "back_to_top: Haut de page\n")]);
    let all = Locales::load(Some(dir.path())).unwrap();
    let fr = all.get("fr");
    assert_eq!(fr.lang, "fr");
    assert_eq!(fr.get("back_to_top"), "Haut de page");
    assert_eq!(fr.get("contents"), "Contents");
    let w = all.warnings_for("fr");
    assert_eq!(w.len(), Locale::english().strings().len() - 1, "{w:?}");
    assert!(w.iter().any(|w| w.contains("`contents`")), "{w:?}");
}

#[test]
fn an_unknown_key_is_an_error_at_its_line_and_column() {
    let dir = project(&[("cy.yaml", "contents: Cynnwys\nback_to_tpo: I'r brig\n")]);
    let e = Locales::load(Some(dir.path())).unwrap_err();
    assert!(e.contains("unknown interface string `back_to_tpo`"), "{e}");
    assert!(e.contains("cy.yaml:2:1"), "{e}");
    assert!(e.contains("did you mean `back_to_top`?"), "{e}");
}

#[test]
fn a_value_that_is_not_text_is_an_error_at_its_place() {
    let dir = project(&[("en.yaml", "contents:\n  - a list\n")]);
    let e = Locales::load(Some(dir.path())).unwrap_err();
    assert!(e.contains("en.yaml:2:"), "{e}");
    let dir = project(&[("welsh.yaml", "contents: Cynnwys\n")]);
    let e = Locales::load(Some(dir.path())).unwrap_err();
    assert!(e.contains("welsh.yaml"), "{e}");
}

#[test]
fn a_key_written_twice_is_an_error_at_its_second_place() {
    let dir = project(&[(
        "cy.yaml",
        "contents: Cynnwys\nback_to_top: A\nback_to_top: B\n",
    )]);
    let e = Locales::load(Some(dir.path())).unwrap_err();
    assert!(e.contains("`back_to_top` is written twice"), "{e}");
    assert!(e.contains("cy.yaml:3:"), "{e}");
}

#[test]
fn the_tera_function_answers_in_the_registered_language() {
    let mut tera = tera::Tera::default();
    tera.add_raw_template(
        "p",
        "{{ t(key=\"back_to_top\") }}|{{ t(key=\"contents\", lang=\"en\") }}|{{ d | long_date }}",
    )
    .unwrap();
    let all = Arc::new(Locales::embedded());
    let mut ctx = tera::Context::new();
    ctx.insert("d", "2024-09-02");
    register(&mut tera, Arc::clone(&all), "cy");
    assert_eq!(
        tera.render("p", &ctx).unwrap(),
        "Yn ôl i'r brig|Contents|2 Medi 2024"
    );
    register(&mut tera, all, "en-GB");
    assert_eq!(
        tera.render("p", &ctx).unwrap(),
        "Back to top|Contents|2 September 2024"
    );
    tera.add_raw_template("bad", "{{ t(key=\"no_such_key\") }}")
        .unwrap();
    assert!(tera.render("bad", &ctx).is_err());
}

use tera_fn::register;

#[test]
fn each_language_is_named_in_itself_from_its_own_file() {
    let dir = project(&[
        ("fr.yaml", "language_name: Français\n"),
        ("de.yaml", "back_to_top: Nach oben\n"),
    ]);
    let all = Locales::load(Some(dir.path())).unwrap();
    let en = all.linked("en");
    assert_eq!(en.language_name("cy"), "Cymraeg");
    assert_eq!(en.language_name("cy-GB"), "Cymraeg");
    assert_eq!(en.language_name("fr"), "Français");
    // A file that leaves the name to English, and a language without a file: the tag, never
    // "English".
    assert_eq!(en.language_name("de"), "de");
    assert_eq!(en.language_name("ga"), "ga");
    assert_eq!(all.linked("cy").language_name("en"), "English");
}
