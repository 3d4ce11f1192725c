//! A site of two languages (the sample lists `languages: [en, cy]` and translates one guide's
//! first two chapters and its checklist into Welsh): every Welsh page's `lang`, its `hreflang`
//! pair and switcher, the pages standing in for what is not translated, the sitemap's
//! alternates, the Welsh PDFs' `/Lang`, Welsh and English returns compiled together, and the
//! errors and warnings about translations.

mod common;
use common::{sample_return, tool, Project};
use scraper::{Html, Selector};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const BASE: &str = "https://example.org/guidance/";

fn built() -> Project {
    let p = Project::sample();
    let r = p.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    p
}

/// Every HTML file below `dir`, as paths relative to `dir` with `/`.
fn html_files(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            e.path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    v.sort();
    v
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

/// The page's `hreflang` alternates: language → absolute address.
fn alternates(doc: &Html) -> BTreeMap<String, String> {
    doc.select(&sel(r#"head link[rel="alternate"][hreflang]"#))
        .map(|l| {
            let v = l.value();
            (
                v.attr("hreflang").unwrap().to_string(),
                v.attr("href").unwrap().to_string(),
            )
        })
        .collect()
}

/// The output file an absolute address of the site names.
fn file_of(out: &Path, url: &str) -> PathBuf {
    let rel = url
        .strip_prefix(BASE)
        .unwrap_or_else(|| panic!("{url} is not below {BASE}"));
    out.join(rel)
}

/// Resolves a relative link written on the page at `page` (relative to the output folder).
fn resolve(page: &str, href: &str) -> String {
    let base = url::Url::parse(&format!("{BASE}{page}")).unwrap();
    let target = base.join(href).unwrap();
    target
        .as_str()
        .strip_prefix(BASE)
        .unwrap_or_else(|| panic!("{href} on {page} leads out of the site: {target}"))
        .split('#')
        .next()
        .unwrap()
        .to_string()
}

fn read(out: &Path, rel: &str) -> Html {
    Html::parse_document(&std::fs::read_to_string(out.join(rel)).unwrap())
}

#[test]
fn every_welsh_page_has_its_lang_a_reciprocal_hreflang_pair_and_a_switcher() {
    let p = built();
    let out = p.path("output");
    let welsh = html_files(&out.join("cy"));
    // Every page of the English site has its Welsh counterpart.
    let english: Vec<String> = html_files(&out)
        .into_iter()
        .filter(|f| !f.starts_with("cy/") && f != "404.html")
        .collect();
    assert_eq!(
        welsh, english,
        "the Welsh site has the same pages (one 404 page serves both)"
    );
    for rel in &welsh {
        let page = format!("cy/{rel}");
        let doc = read(&out, &page);
        let html = doc.select(&sel("html")).next().unwrap();
        assert_eq!(html.value().attr("lang"), Some("cy"), "{page}");
        let alt = alternates(&doc);
        assert_eq!(alt.get("cy"), Some(&format!("{BASE}{page}")), "{page}");
        assert_eq!(alt.get("en"), Some(&format!("{BASE}{rel}")), "{page}");
        assert_eq!(alt.get("x-default"), alt.get("en"), "{page}");
        let en_file = file_of(&out, &alt["en"]);
        assert!(en_file.is_file(), "{page}: {} is missing", alt["en"]);
        let back = alternates(&read(&out, rel));
        assert_eq!(
            back.get("cy"),
            Some(&format!("{BASE}{page}")),
            "{rel} must point back at {page}"
        );
        // The switcher: named in English, marked as English, leading to the English page.
        let links: Vec<_> = doc
            .select(&sel(r#"header a[hreflang="en"][lang="en"]"#))
            .collect();
        assert_eq!(links.len(), 1, "{page} has one switcher link");
        assert_eq!(links[0].text().collect::<String>(), "English", "{page}");
        let href = links[0].value().attr("href").unwrap();
        let target = if href.starts_with("https://") {
            href.strip_prefix(BASE).unwrap().to_string()
        } else {
            resolve(&page, href)
        };
        assert_eq!(target, *rel, "{page}'s switcher");
        // And the English page's switcher leads here, named in Welsh.
        let en = read(&out, rel);
        let cy: Vec<_> = en
            .select(&sel(r#"header a[hreflang="cy"][lang="cy"]"#))
            .collect();
        assert_eq!(cy.len(), 1, "{rel}");
        assert_eq!(cy[0].text().collect::<String>(), "Cymraeg", "{rel}");
        let href = cy[0].value().attr("href").unwrap();
        let target = if href.starts_with("https://") {
            href.strip_prefix(BASE).unwrap().to_string()
        } else {
            resolve(rel, href)
        };
        assert_eq!(target, page, "{rel}'s switcher");
    }
}

#[test]
fn translated_pages_are_in_welsh_and_the_rest_say_they_are_not_translated() {
    let p = built();
    let out = p.path("output");
    let chapter = "guides/keeping-people-safe/kps-introduction";
    // The Welsh heading, as the translation writes it.
    let source = p.read(&format!("{chapter}.cy.yaml"));
    let heading = source
        .lines()
        .find_map(|l| l.trim().strip_prefix("heading: "))
        .unwrap();
    let page = std::fs::read_to_string(out.join(format!("cy/{chapter}.html"))).unwrap();
    assert!(page.contains(&heading.replace('\'', "&#x27;")), "{heading}");
    let english = std::fs::read_to_string(out.join(format!("{chapter}.html"))).unwrap();
    assert!(english.contains("Why keeping people safe matters"));
    assert!(!english.contains("Pam mae cadw pobl"));

    // A chapter with no translation: a Welsh page that says so and links to the English one.
    let stub = "cy/guides/keeping-people-safe/kps-assessing.html";
    let doc = read(&out, stub);
    let main: String = doc.select(&sel("main")).next().unwrap().text().collect();
    assert!(main.contains("Heb ei chyfieithu eto"), "{main}");
    assert!(!main.contains("Everything else in a case"), "{main}");
    let link = doc
        .select(&sel(r#"main a[lang="en-GB"][hreflang="en"]"#))
        .next()
        .expect("a link to the English page");
    assert_eq!(
        resolve(stub, link.value().attr("href").unwrap()),
        "guides/keeping-people-safe/kps-assessing.html"
    );
    assert_eq!(
        link.text().collect::<String>(),
        "Assessing to keep people safe"
    );

    // A search index per language: the Welsh one finds the Welsh words, the English one not.
    let index = |dir: &str| -> String {
        common::snapshot(&out.join(dir))
            .into_iter()
            .map(|(_, b)| String::from_utf8(b).unwrap())
            .collect()
    };
    let (index_cy, index_en) = (index("cy/assets/search"), index("assets/search"));
    assert!(index_cy.contains("\"ddiogel\""));
    assert!(!index_en.contains("ddiogel"));
    // English words are stemmed (word forms lead to their stem), Welsh ones are not.
    assert!(index_en.contains("\"stemmed\":true"));
    assert!(index_cy.contains("\"stemmed\":false"));
    assert!(index_cy.contains("\"language\":\"cy\""));
    // A feed per language, each of its own language's pages.
    let feed_cy = std::fs::read_to_string(out.join("cy/feed.xml")).unwrap();
    let feed = roxmltree::Document::parse(&feed_cy).unwrap();
    assert_eq!(
        feed.root_element()
            .attribute(("http://www.w3.org/XML/1998/namespace", "lang")),
        Some("cy")
    );
    assert!(feed_cy.contains("<title>Cadw pobl yn ddiogel</title>"));
    assert!(feed_cy.contains(&format!("{BASE}cy/guides/")));
}

#[test]
fn the_sitemap_lists_every_language_with_reciprocal_alternates() {
    let p = built();
    let out = p.path("output");
    let text = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    let doc = roxmltree::Document::parse(&text).unwrap();
    let sm = "http://www.sitemaps.org/schemas/sitemap/0.9";
    let xhtml = "http://www.w3.org/1999/xhtml";
    let mut entries: BTreeMap<String, BTreeSet<(String, String)>> = BTreeMap::new();
    for url in doc.descendants().filter(|n| n.has_tag_name((sm, "url"))) {
        let loc = url
            .children()
            .find(|c| c.has_tag_name((sm, "loc")))
            .and_then(|c| c.text())
            .unwrap()
            .to_string();
        let alts: BTreeSet<(String, String)> = url
            .children()
            .filter(|c| c.has_tag_name((xhtml, "link")))
            .map(|c| {
                assert_eq!(c.attribute("rel"), Some("alternate"));
                (
                    c.attribute("hreflang").unwrap().to_string(),
                    c.attribute("href").unwrap().to_string(),
                )
            })
            .collect();
        assert!(file_of(&out, &loc).is_file(), "{loc} is not a page");
        entries.insert(loc, alts);
    }
    let welsh = entries
        .keys()
        .filter(|l| l.contains("/guidance/cy/"))
        .count();
    assert!(welsh > 40, "the Welsh pages are listed: {welsh}");
    assert_eq!(welsh * 2, entries.len(), "as many Welsh pages as English");
    for (loc, alts) in &entries {
        let langs: Vec<&str> = alts.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(langs, ["cy", "en"], "{loc}");
        assert!(alts.iter().any(|(_, h)| h == loc), "{loc} lists itself");
        for (_, href) in alts {
            assert_eq!(
                entries.get(href),
                Some(alts),
                "{href}, an alternate of {loc}, lists the same alternates"
            );
        }
    }
}

/// `/Lang` of a PDF's catalogue and its form field names, read by pypdf.
fn pdf_lang_and_fields(pdf: &Path) -> (String, Vec<String>) {
    let script = "import sys, json\nfrom pypdf import PdfReader\nr = PdfReader(sys.argv[1])\n\
        print(json.dumps([str(r.trailer['/Root'].get('/Lang')), sorted((r.get_fields() or {}).keys())]))";
    let out = tool("python3", &["-c", script, pdf.to_str().unwrap()]);
    let v: (String, Vec<String>) = serde_json::from_str(out.trim()).unwrap();
    v
}

#[test]
fn welsh_pdfs_say_they_are_welsh_and_hold_only_what_is_translated() {
    let p = built();
    let out = p.path("output");
    let guide = out.join("cy/guides/keeping-people-safe/keeping-people-safe.pdf");
    let (lang, _) = pdf_lang_and_fields(&guide);
    assert_eq!(lang, "cy");
    let (lang, _) =
        pdf_lang_and_fields(&out.join("guides/keeping-people-safe/keeping-people-safe.pdf"));
    assert_eq!(lang, "en-GB");
    let text = tool("pdftotext", &[guide.to_str().unwrap(), "-"]);
    assert!(text.contains("Cadw pobl yn ddiogel"), "{text}");
    assert!(text.contains("Trosolwg"), "the evidence chapter, in Welsh");
    assert!(
        !text.contains("Everything else in a case depends"),
        "an untranslated chapter is not in the Welsh PDF"
    );
    // The untranslated guide has no Welsh PDF.
    assert!(!out
        .join("cy/guides/keeping-the-child-safe/keeping-the-child-safe.pdf")
        .exists());
    // The Welsh form: Welsh, with the English form's field names.
    let (lang, cy_fields) = pdf_lang_and_fields(&out.join("cy/checklists/kps-self-assessment.pdf"));
    assert_eq!(lang, "cy");
    let (_, en_fields) = pdf_lang_and_fields(&out.join("checklists/kps-self-assessment.pdf"));
    assert!(en_fields.len() > 12, "{en_fields:?}");
    assert_eq!(cy_fields, en_fields);
    // The offline HTML forms have the same field names too.
    let names = |rel: &str| -> BTreeSet<String> {
        read(&out, rel)
            .select(&sel("input[name], textarea[name], select[name]"))
            .map(|e| e.value().attr("name").unwrap().to_string())
            .collect()
    };
    let cy_form = names("cy/checklists/kps-self-assessment-form.html");
    assert!(cy_form.len() > 12);
    assert_eq!(cy_form, names("checklists/kps-self-assessment-form.html"));
}

#[test]
fn welsh_and_english_returns_of_one_checklist_compile_into_one_report() {
    let p = built();
    let dir = p.path("returns");
    std::fs::create_dir_all(&dir).unwrap();
    // A Welsh return: the Welsh PDF form filled by pypdf.
    let values = serde_json::json!({
        "meta.case-reference": "CY-1", "meta.team": "Caerdydd",
        "q.kps-q1": "yes", "q.kps-q2": "no", "q.kps-q3": "partly",
    });
    let values_file = p.path("cy-values.json");
    std::fs::write(&values_file, values.to_string()).unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/forms/fill_return.py");
    tool(
        "python3",
        &[
            script.to_str().unwrap(),
            p.path("output/cy/checklists/kps-self-assessment.pdf")
                .to_str()
                .unwrap(),
            dir.join("welsh.pdf").to_str().unwrap(),
            values_file.to_str().unwrap(),
        ],
    );
    // An English return, as the English offline form exports it.
    std::fs::write(
        dir.join("english.json"),
        sample_return(
            &[("case-reference", "EN-1"), ("team", "Cardiff")],
            &[("kps-q1", "yes"), ("kps-q2", "yes"), ("kps-q3", "no")],
        ),
    )
    .unwrap();
    let r = p.run(&[
        "collect",
        "--checklist",
        "kps-self-assessment",
        "--output",
        "report",
        "--strict",
        "returns",
    ]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let mut csv = csv::Reader::from_path(p.path("report/summary.csv")).unwrap();
    let header: Vec<String> = csv.headers().unwrap().iter().map(str::to_string).collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: BTreeMap<String, Vec<String>> = csv
        .records()
        .map(|r| {
            let cells: Vec<String> = r.unwrap().iter().map(str::to_string).collect();
            (cells[0].clone(), cells)
        })
        .collect();
    let count = |q: &str, c: &str| -> u32 { rows[q][col(c)].parse().unwrap() };
    // q1: yes + yes; q2: no + yes; q3: partly + no. Both returns apply to each.
    assert_eq!(
        (count("kps-q1", "positive"), count("kps-q1", "applicable")),
        (2, 2)
    );
    assert_eq!(
        (count("kps-q2", "positive"), count("kps-q2", "applicable")),
        (1, 2)
    );
    assert_eq!(
        (
            count("kps-q3", "positive"),
            count("kps-q3", "partial"),
            count("kps-q3", "applicable")
        ),
        (0, 1, 2)
    );
}

#[test]
fn a_translation_into_an_undeclared_language_or_without_an_original_is_a_located_error() {
    let p = Project::sample();
    let standard = p.read("standards/ps-2-1.yaml");
    p.write("standards/ps-2-1.fr.yaml", &standard);
    p.write("standards/ps-9-9.cy.yaml", &standard);
    let r = p.run(&["build"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains(
            "`ps-2-1.fr.yaml` is a translation into `fr`, a language the site does not declare"
        ),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("content/standards/ps-2-1.fr.yaml:1:1"));
    assert!(
        r.stderr
            .contains("`ps-9-9.cy.yaml` translates `ps-9-9`, which has no original"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("content/standards/ps-9-9.cy.yaml:1:1"));
    assert!(!p.path("output").exists(), "nothing is written");
}

#[test]
fn check_notes_untranslated_pages_and_warns_only_when_the_site_asks_for_complete_translations() {
    let p = Project::sample();
    // By default: one note naming them, no warning, so the sample passes --deny-warnings.
    let r = p.run(&["check", "--deny-warnings"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let note = r
        .stderr
        .lines()
        .find(|l| l.starts_with("note: ") && l.contains("not yet translated into `cy`"))
        .unwrap_or_else(|| panic!("{}", r.stderr));
    assert!(
        note.contains("kps-assessing") && !note.contains("kps-introduction"),
        "{note}"
    );
    assert!(!note.contains("kps-self-assessment,"), "{note}");
    assert!(r.stderr.contains("0 warnings"), "{}", r.stderr);
    // Asking for complete translations: each is a warning at its original, and
    // --deny-warnings fails.
    p.edit(
        "site.yaml",
        "languages: [en, cy]\n",
        "languages: [en, cy]\ncomplete_translations: true\n",
    );
    let r = p.run(&["check", "--deny-warnings"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("`kps-assessing` has no translation into `cy`"),
        "{}",
        r.stderr
    );
    assert!(r
        .stderr
        .contains("content/guides/keeping-people-safe/kps-assessing.yaml:1:1"));
    assert!(!r.stderr.contains("`kps-introduction` has no translation"));
    assert!(!r
        .stderr
        .contains("`kps-self-assessment` has no translation"));
    // Translating it silences the warning.
    let text = p.read("guides/keeping-people-safe/kps-assessing.yaml");
    p.write("guides/keeping-people-safe/kps-assessing.cy.yaml", &text);
    let r = p.run(&["check"]);
    assert!(!r.stderr.contains("`kps-assessing` has no translation"));
}

#[test]
fn a_site_without_languages_has_no_other_language() {
    let p = Project::sample();
    p.edit("site.yaml", "languages: [en, cy]\n", "");
    for f in walkdir::WalkDir::new(p.path("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".cy.yaml"))
    {
        std::fs::remove_file(f.path()).unwrap();
    }
    let r = p.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let out = p.path("output");
    assert!(!out.join("cy").exists());
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert!(!sitemap.contains("xhtml"), "{sitemap}");
    for rel in html_files(&out) {
        let text = std::fs::read_to_string(out.join(&rel)).unwrap();
        assert!(!text.contains("hreflang"), "{rel}");
    }
}

/// The chapters of the sample guide `guide` in order, each with whether a Welsh translation
/// file stands beside it (read from the content folder, not from the build).
fn chapters_and_translated(guide: &str) -> Vec<(String, bool)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("content/guides")
        .join(guide);
    let yaml: serde_yaml::Value =
        serde_yaml::from_str(&std::fs::read_to_string(dir.join("guide.yaml")).unwrap()).unwrap();
    yaml["chapters"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|c| {
            let id = c.as_str().unwrap().to_string();
            let translated = dir.join(format!("{id}.cy.yaml")).exists();
            (id, translated)
        })
        .collect()
}

#[test]
fn english_chapter_titles_on_welsh_pages_are_marked_as_english() {
    let p = built();
    let out = p.path("output");
    let chapters = chapters_and_translated("keeping-people-safe");
    assert!(chapters.iter().any(|(_, t)| *t) && chapters.iter().any(|(_, t)| !*t));
    let lang_of = |doc: &Html, css: &str, id: &str| -> Option<String> {
        let s = sel(css);
        let a = doc
            .select(&s)
            .find(|a| {
                a.value()
                    .attr("href")
                    .is_some_and(|h| h.ends_with(&format!("/{id}.html")))
            })
            .unwrap_or_else(|| panic!("no link to {id} in {css}"));
        a.value().attr("lang").map(str::to_string)
    };
    let expect = |translated: bool| (!translated).then(|| "en-GB".to_string());
    // The guide page and a translated chapter's contents list link to every chapter.
    let guide = read(&out, "cy/guides/keeping-people-safe/index.html");
    let chapter = read(&out, "cy/guides/keeping-people-safe/kps-introduction.html");
    for (id, translated) in &chapters {
        assert_eq!(
            lang_of(&guide, ".gw-contents__item a", id),
            expect(*translated),
            "{id}"
        );
        if id != "kps-introduction" {
            assert_eq!(
                lang_of(&chapter, ".gw-contents__item a", id),
                expect(*translated),
                "{id}"
            );
        }
    }
    // Pagination: each translated chapter's "next" label carries the next chapter's language
    // (an untranslated chapter's Welsh page is a stand-in without pagination).
    for w in chapters.windows(2).filter(|w| w[0].1) {
        let page = read(
            &out,
            &format!("cy/guides/keeping-people-safe/{}.html", w[0].0),
        );
        let label = page
            .select(&sel(".gw-pagination__next .gw-pagination__link-label"))
            .next()
            .unwrap_or_else(|| panic!("no next link on {}", w[0].0));
        assert_eq!(
            label.value().attr("lang").map(str::to_string),
            expect(w[1].1),
            "{}",
            w[1].0
        );
    }
    // The English site marks nothing: its chapters are all in the page's own language.
    let en = read(&out, "guides/keeping-people-safe/index.html");
    assert!(en
        .select(&sel(".gw-contents__item a[lang]"))
        .next()
        .is_none());
}
