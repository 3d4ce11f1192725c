//! Interface strings in the site's language: a Welsh site (`language: cy` in site.yaml) gets
//! the theme's Welsh strings and month names, a project's `templates/locales/` overrides one
//! string at a time, and a bad key there is an error at its place.

mod common;
use common::Project;

/// The sample, in one language, with its site language set to `lang` (a site in one language
/// other than English; bilingual sites are tests/languages.rs's).
fn sample_in(lang: &str) -> Project {
    let p = Project::sample_one_language();
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

/// A locale file of the theme, read here with serde_yaml on its own (not through guidewright).
fn theme_locale(lang: &str) -> std::collections::BTreeMap<String, String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("templates/locales")
        .join(format!("{lang}.yaml"));
    serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The `{name}` placeholders of a string, in order of name.
fn placeholders(s: &str) -> Vec<String> {
    let mut v: Vec<String> = s
        .split('{')
        .skip(1)
        .filter_map(|p| p.split_once('}').map(|(name, _)| name.to_string()))
        .collect();
    v.sort();
    v
}

#[test]
fn the_welsh_file_has_every_english_key_and_no_other_with_the_same_placeholders() {
    let (en, cy) = (theme_locale("en"), theme_locale("cy"));
    let only_en: Vec<&String> = en.keys().filter(|k| !cy.contains_key(*k)).collect();
    let only_cy: Vec<&String> = cy.keys().filter(|k| !en.contains_key(*k)).collect();
    assert!(only_en.is_empty(), "not in cy.yaml: {only_en:?}");
    assert!(only_cy.is_empty(), "not in en.yaml: {only_cy:?}");
    // The same placeholders, but for the grammar of a unit, which the code fills wherever it
    // passes one: a Welsh string may say `{unit}` where the English says `{units}` (the
    // singular after a numeral), and `{the_units}` or `{of_units}` (the article and the
    // mutation) in its place; `{of_unit}` where a findings chart's name says `{unit}`;
    // `{article}` and `{soft}` where it says `{word}`.
    let forms = |k: &str, name: &str| -> Vec<String> {
        let alts: &[&str] = match name {
            "units" => &["units", "unit", "the_units", "of_units"],
            // A findings' unit, after "of" in its chart's name.
            "unit" if k.starts_with("chart_") => &["unit", "of_unit"],
            "word" => &["word", "article", "soft"],
            other => return vec![other.to_string()],
        };
        alts.iter().map(|a| a.to_string()).collect()
    };
    for (k, v) in &en {
        let english = placeholders(v);
        let welsh = placeholders(&cy[k]);
        let allowed: Vec<String> = english.iter().flat_map(|p| forms(k, p)).collect();
        for p in &welsh {
            assert!(
                allowed.contains(p),
                "`{{{p}}}` of `{k}` in cy.yaml is not filled in"
            );
        }
        // Each English placeholder is said in one of its forms (nothing is dropped), unless
        // a Welsh count puts the singular for both.
        for p in &english {
            let said = forms(k, p).iter().any(|f| welsh.contains(f));
            assert!(
                said || p == "units",
                "`{{{p}}}` of `{k}` is missing from cy.yaml"
            );
        }
    }
    // Month names are the calendar's, and are Welsh in the Welsh file.
    assert_eq!(cy["month_9"], "Medi");
    assert_eq!(en["month_9"], "September");
}

/// Every key a template names with t(key="…") or the Rust code with loc.get("…") /
/// loc.fmt("…") is in the English file (a key missing there would print the key itself).
#[test]
fn every_key_the_theme_and_the_code_use_is_defined() {
    let en = theme_locale("en");
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut used = Vec::new();
    for dir in ["templates", "src"] {
        for e in walkdir::WalkDir::new(root.join(dir)).into_iter().flatten() {
            let p = e.path();
            let ext = p.extension().and_then(|x| x.to_str()).unwrap_or_default();
            if !["html", "rs", "xml"].contains(&ext) {
                continue;
            }
            let text = std::fs::read_to_string(p).unwrap();
            for marker in ["t(key=\"", "loc.get(\"", "loc.fmt(\"", "locale.get(\""] {
                for (i, _) in text.match_indices(marker) {
                    let rest = &text[i + marker.len()..];
                    let key: String = rest
                        .chars()
                        .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_')
                        .collect();
                    // A key built in the template ("form_date_" ~ part) is checked below.
                    if rest[key.len()..].starts_with('"') && !key.ends_with('_') {
                        used.push((p.display().to_string(), key));
                    }
                }
            }
        }
    }
    assert!(used.len() > 150, "found only {} uses", used.len());
    let missing: Vec<&(String, String)> =
        used.iter().filter(|(_, k)| !en.contains_key(k)).collect();
    assert!(missing.is_empty(), "keys not in en.yaml: {missing:?}");
    for part in ["day", "month", "year"] {
        assert!(en.contains_key(&format!("form_date_{part}")));
    }
}

/// The English interface phrases that the Welsh file words differently: each literal piece of
/// an English string (between its placeholders) of three words or more (shorter ones, such
/// as "of the", are found in the English content itself).
fn english_phrases() -> Vec<(String, String)> {
    let (en, cy) = (theme_locale("en"), theme_locale("cy"));
    let mut out = Vec::new();
    for (k, v) in &en {
        if cy.get(k) == Some(v) {
            continue;
        }
        let mut literal = String::new();
        let mut depth = 0;
        for c in v.chars() {
            match c {
                '{' => {
                    depth += 1;
                    literal.push('\u{0}');
                }
                '}' => depth -= 1,
                _ if depth == 0 => literal.push(c),
                _ => {}
            }
        }
        for piece in literal.split('\u{0}') {
            let piece = piece.trim_matches(|c: char| c.is_whitespace() || ",.:;()".contains(c));
            if piece.split_whitespace().count() >= 3 {
                out.push((k.clone(), piece.to_string()));
            }
        }
    }
    out
}

/// The text a reader meets on a page: its text nodes and its labels and titles.
fn page_text(html: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    let mut s: String = doc.root_element().text().collect::<Vec<_>>().join("\n");
    let sel = scraper::Selector::parse("[aria-label], [title], [content]").unwrap();
    for e in doc.select(&sel) {
        for a in ["aria-label", "title", "content"] {
            if let Some(v) = e.value().attr(a) {
                s.push('\n');
                s.push_str(v);
            }
        }
    }
    s
}

#[test]
fn no_english_interface_phrase_is_left_on_a_welsh_page() {
    let phrases = english_phrases();
    assert!(phrases.len() > 100, "{} phrases", phrases.len());
    let p = sample_in("cy");
    let r = p.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let out = p.path("output");
    let mut pages = 0;
    let mut found = Vec::new();
    for e in walkdir::WalkDir::new(&out).into_iter().flatten() {
        if e.path().extension().is_none_or(|x| x != "html") {
            continue;
        }
        pages += 1;
        let text = page_text(&std::fs::read_to_string(e.path()).unwrap());
        for (k, phrase) in &phrases {
            if text.contains(phrase.as_str()) {
                found.push(format!("{}: `{k}` \"{phrase}\"", e.path().display()));
            }
        }
    }
    assert!(pages > 40, "{pages} pages");
    assert!(
        found.is_empty(),
        "English on Welsh pages:\n{}",
        found.join("\n")
    );
}

#[test]
fn welsh_pdfs_have_welsh_furniture_and_dates() {
    let p = sample_in("cy");
    let r = p.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = |rel: &str| {
        let path = p.path(&format!("output/{rel}"));
        common::tool("pdftotext", &["-layout", path.to_str().unwrap(), "-"])
    };
    let guide = text("guides/keeping-people-safe/keeping-people-safe.pdf");
    assert!(guide.contains("Cynnwys"), "{guide}");
    assert!(guide.contains("Tudalen 2 o "), "{guide}");
    assert!(guide.contains("Cyhoeddwyd: 1 Mawrth 2024"), "{guide}");
    assert!(!guide.contains("Page 2 of"));
    assert!(!guide.contains("Contents"));
    let form = text("checklists/kps-self-assessment.pdf");
    assert!(form.contains("Am yr achos"), "{form}");
    assert!(form.contains("Cynllun gweithredu"), "{form}");
    assert!(!form.contains("About the case"));
}

#[test]
fn a_welsh_sites_collect_report_has_welsh_headings() {
    let p = sample_in("cy");
    std::fs::create_dir_all(p.path("returns")).unwrap();
    for n in 1..=3 {
        let ret = common::sample_return(&[("case-reference", &format!("C-{n}"))], &[]);
        std::fs::write(p.path(&format!("returns/r{n}.json")), ret).unwrap();
    }
    let r = p.collect_by_team();
    assert_eq!(r.code, 0, "{}", r.stderr);
    let html = std::fs::read_to_string(p.path("report/index.html")).unwrap();
    for heading in [
        ">Y sampl</h2>",
        ">Methodoleg</h2>",
        ">Canlyniadau fesul cwestiwn</h2>",
    ] {
        assert!(html.contains(heading), "{heading}");
    }
    assert!(!html.contains(">The sample</h2>"));
    let path = p.path("report/report.pdf");
    let pdf = common::tool("pdftotext", &[path.to_str().unwrap(), "-"]);
    assert!(pdf.contains("Y sampl"), "{pdf}");
    assert!(pdf.contains("Tudalen 1 o "), "{pdf}");
    assert!(!pdf.contains("The sample"));
}
