//! Glossary terms on Welsh pages: a term the Welsh glossary translates shows its Welsh
//! tooltip, unmarked; a term it lacks (or any term, when there is no Welsh glossary) keeps the
//! English, marked `lang="en-GB"` — on the tooltip only when the link's text is the author's
//! Welsh, on the whole link when the link shows the term itself. The Welsh glossary page marks
//! the terms it keeps in English. Expected texts are the sample's and this test's own.

mod common;
use common::Project;
use scraper::{Html, Selector};

/// Each glossary link of a page: (its term's id, the `<a>`'s lang, the `<abbr>`'s lang, its
/// title, the text's own lang, the text).
type TermLink = (
    String,
    Option<String>,
    Option<String>,
    String,
    Option<String>,
    String,
);

fn term_links(html: &str) -> Vec<TermLink> {
    let doc = Html::parse_document(html);
    let a = Selector::parse("a[href*='glossary.html#']").unwrap();
    let abbr = Selector::parse("abbr").unwrap();
    let span = Selector::parse("span[lang]").unwrap();
    doc.select(&a)
        .filter_map(|link| {
            let ab = link.select(&abbr).next()?;
            let id = link.value().attr("href")?.rsplit('#').next()?.to_string();
            let own = ab.select(&span).next().and_then(|s| s.value().attr("lang"));
            Some((
                id,
                link.value().attr("lang").map(String::from),
                ab.value().attr("lang").map(String::from),
                ab.value().attr("title").unwrap_or_default().to_string(),
                own.map(String::from),
                ab.text().collect::<String>(),
            ))
        })
        .collect()
}

fn page(p: &Project, rel: &str) -> String {
    std::fs::read_to_string(p.path(&format!("output/cy/{rel}"))).unwrap()
}

#[test]
fn untranslated_terms_keep_english_marked_and_translated_ones_are_welsh() {
    let p = Project::sample();
    // Without a Welsh glossary: every tooltip English and marked so; the author's Welsh
    // link text stays Welsh.
    let r = p.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let intro = term_links(&page(
        &p,
        "guides/keeping-people-safe/kps-introduction.html",
    ));
    let stat = intro
        .iter()
        .find(|l| l.0 == "static-risk-factors")
        .unwrap_or_else(|| panic!("{intro:?}"));
    assert_eq!(stat.2.as_deref(), Some("en-GB"), "{stat:?}");
    assert!(
        stat.3.starts_with("Historical facts about a person"),
        "{stat:?}"
    );
    assert_eq!(
        (stat.4.as_deref(), stat.5.as_str()),
        (Some("cy"), "ffactorau risg sefydlog")
    );

    // A Welsh glossary with two of the terms: theirs are Welsh and unmarked, the rest English
    // and marked.
    p.write(
        "glossary.cy.yaml",
        "terms:\n  - id: rosh\n    term: Risg o niwed difrifol\n    abbreviation: RoSH\n    definition: Pa mor debygol yw hi y bydd person yn achosi niwed difrifol.\n  - id: static-risk-factors\n    term: Ffactorau risg sefydlog\n    definition: Ffeithiau hanesyddol am berson na allant newid.\n",
    );
    let r = p.run(&["build", "--force"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let intro = term_links(&page(
        &p,
        "guides/keeping-people-safe/kps-introduction.html",
    ));
    let find = |id: &str| {
        intro
            .iter()
            .find(|l| l.0 == id)
            .unwrap_or_else(|| panic!("{id}: {intro:?}"))
    };
    let stat = find("static-risk-factors");
    assert_eq!(
        (stat.1.as_deref(), stat.2.as_deref()),
        (None, None),
        "{stat:?}"
    );
    assert_eq!(stat.3, "Ffeithiau hanesyddol am berson na allant newid.");
    let dynamic = find("dynamic-risk-factors");
    assert_eq!(dynamic.2.as_deref(), Some("en-GB"), "{dynamic:?}");
    assert!(
        dynamic.3.starts_with("Factors linked to offending"),
        "{dynamic:?}"
    );
    let evidence = term_links(&page(&p, "guides/keeping-people-safe/kps-evidence.html"));
    let rosh = evidence.iter().find(|l| l.0 == "rosh").unwrap();
    assert_eq!(
        (rosh.2.as_deref(), rosh.3.as_str()),
        (None, "Risg o niwed difrifol")
    );

    // The Welsh glossary page: its own terms unmarked, the ones kept from English marked.
    let doc = Html::parse_document(&page(&p, "glossary.html"));
    let dt = |id: &str| {
        let sel = Selector::parse(&format!("dt[id='{id}']")).unwrap();
        let e = doc.select(&sel).next().unwrap_or_else(|| panic!("no {id}"));
        (
            e.value().attr("lang").map(String::from),
            e.text().collect::<String>(),
        )
    };
    assert_eq!(
        dt("static-risk-factors"),
        (None, "Ffactorau risg sefydlog".into())
    );
    let (lang, text) = dt("dynamic-risk-factors");
    assert_eq!(lang.as_deref(), Some("en-GB"));
    assert!(text.contains("Dynamic risk factors"), "{text}");
}
