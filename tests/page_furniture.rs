//! What surrounds the content on every page of the built sample: breadcrumbs below the home
//! page, the head (description, canonical address, Open Graph, icon), wide Markdown tables in
//! their own scrolling region, the examples index, and the offline form's links, dates and
//! buttons.

mod common;
use common::Project;
use scraper::{ElementRef, Html, Selector};

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn text(e: ElementRef) -> String {
    e.text().collect::<String>().trim().to_string()
}

/// The sample, built once per test, with every HTML page by path.
fn site() -> (Project, Vec<(String, Html)>) {
    let p = Project::sample();
    let r = p.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let out = p.path("output");
    let mut pages: Vec<(String, Html)> = walkdir::WalkDir::new(&out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            let rel = e.path().strip_prefix(&out).unwrap();
            let html = std::fs::read_to_string(e.path()).unwrap();
            (
                rel.to_string_lossy().replace('\\', "/"),
                Html::parse_document(&html),
            )
        })
        .collect();
    pages.sort_by(|a, b| a.0.cmp(&b.0));
    (p, pages)
}

fn page<'a>(pages: &'a [(String, Html)], path: &str) -> &'a Html {
    &pages.iter().find(|(p, _)| p == path).unwrap().1
}

fn crumbs(doc: &Html) -> Vec<(String, String)> {
    // In English "Breadcrumb", in Welsh "Briwsion bara" (templates/locales/cy.yaml).
    doc.select(&sel(
        r#"nav.gw-breadcrumbs[aria-label=Breadcrumb] li a, nav.gw-breadcrumbs[aria-label="Briwsion bara"] li a"#,
    ))
        .map(|a| (text(a), a.value().attr("href").unwrap().to_string()))
        .collect()
}

#[test]
fn every_page_below_home_has_breadcrumbs_leading_back_to_its_guide() {
    let (_p, pages) = site();
    for (path, doc) in &pages {
        let c = crumbs(doc);
        // Each language's home is its folder's own (`cy/index.html`).
        let welsh = path.starts_with("cy/");
        if path == "index.html" || path == "cy/index.html" || path.ends_with("-form.html") {
            assert!(c.is_empty(), "{path}: {c:?}");
            continue;
        }
        let depth = path.matches('/').count() - usize::from(welsh);
        let home = format!("{}index.html", "../".repeat(depth));
        let home = if path == "404.html" {
            "/guidance/index.html".to_string()
        } else {
            home
        };
        let word = if welsh { "Hafan" } else { "Home" };
        assert_eq!(c.first(), Some(&(word.to_string(), home)), "{path}");
    }
    // Findings lead back to the guide and chapter that show them.
    let c = crumbs(page(&pages, "findings/kcs-inspection-findings.html"));
    assert_eq!(
        c[1],
        (
            "Keeping the child safe".into(),
            "../guides/keeping-the-child-safe/index.html".into()
        )
    );
    assert!(
        c[2].1.starts_with("../guides/keeping-the-child-safe/kcs-"),
        "{c:?}"
    );
    let c = crumbs(page(
        &pages,
        "examples/kps-example-checks-before-visit.html",
    ));
    assert_eq!(
        c[1],
        (
            "Good practice examples".into(),
            "../examples/index.html".into()
        )
    );
}

#[test]
fn every_page_has_a_description_canonical_address_open_graph_and_icon() {
    let (_p, pages) = site();
    let attr = |doc: &Html, q: &str, a: &str| -> Option<String> {
        doc.select(&sel(q))
            .next()
            .and_then(|e| e.value().attr(a).map(String::from))
    };
    for (path, doc) in &pages {
        if path.ends_with("-form.html") {
            continue;
        }
        let desc = attr(doc, "meta[name=description]", "content").unwrap_or_default();
        assert!(
            desc.len() > 20 && desc.chars().count() <= 160,
            "{path}: {desc}"
        );
        assert_eq!(
            attr(doc, "meta[property='og:description']", "content"),
            Some(desc.clone())
        );
        let title = text(doc.select(&sel("title")).next().unwrap());
        let og = attr(doc, "meta[property='og:title']", "content").unwrap();
        assert!(title.starts_with(&og), "{path}: {og} / {title}");
        let canonical = format!("https://example.org/guidance/{path}");
        assert_eq!(
            attr(doc, "link[rel=canonical]", "href"),
            Some(canonical.clone()),
            "{path}"
        );
        assert_eq!(
            attr(doc, "meta[property='og:url']", "content"),
            Some(canonical)
        );
        assert!(attr(doc, "meta[name=theme-color]", "content").is_some());
        let icon = attr(doc, "link[rel=icon]", "href").unwrap();
        assert!(icon.ends_with("assets/favicon.svg"), "{icon}");
    }
    // The description is the entity's own summary.
    let doc = page(&pages, "guides/keeping-people-safe/index.html");
    let desc = attr(doc, "meta[name=description]", "content").unwrap();
    let lead = text(doc.select(&sel(".gw-lead p")).next().unwrap());
    let start: String = desc.chars().take(40).collect();
    assert!(lead.starts_with(&start), "{desc} / {lead}");
}

#[test]
fn markdown_tables_scroll_in_a_focusable_region_named_by_their_heading() {
    let (_p, pages) = site();
    let doc = page(&pages, "guides/keeping-people-safe/kps-introduction.html");
    let table = doc.select(&sel("main .gw-prose table")).next().unwrap();
    let region = ElementRef::wrap(table.parent().unwrap()).unwrap();
    let v = region.value();
    assert_eq!(v.attr("class"), Some("gw-scroll"));
    assert_eq!(v.attr("role"), Some("region"));
    assert_eq!(v.attr("tabindex"), Some("0"));
    let label = v.attr("aria-labelledby").unwrap();
    let heading = doc.select(&sel(&format!("h2#{label}"))).next().unwrap();
    assert_eq!(text(heading), "How to use this guide");
    // No page has a bare table outside such a region.
    for (path, doc) in &pages {
        for t in doc.select(&sel("main table")) {
            let parent = ElementRef::wrap(t.parent().unwrap()).unwrap();
            let ok = parent.value().attr("role") == Some("region")
                || t.value()
                    .attr("class")
                    .is_some_and(|c| c.contains("gw-action"));
            assert!(ok, "{path}: a table outside a scrolling region");
        }
    }
}

#[test]
fn examples_are_grouped_by_guide_sorted_and_shown_with_their_title_once() {
    let (p, pages) = site();
    let doc = page(&pages, "examples/index.html");
    let groups: Vec<String> = doc.select(&sel("main h2")).map(text).collect();
    assert_eq!(
        groups,
        ["From Keeping people safe", "From Keeping the child safe"]
    );
    let mut seen = 0;
    for list in doc.select(&sel("main h2 + ul")) {
        let titles: Vec<String> = list.select(&sel("li > a")).map(text).collect();
        let mut sorted = titles.clone();
        sorted.sort_by_key(|t| t.to_lowercase());
        assert_eq!(titles, sorted);
        seen += titles.len();
    }
    let files = std::fs::read_dir(p.path("content/examples"))
        .unwrap()
        .count();
    assert_eq!(seen, files, "every example listed once");
    // An example's page names it once, and lists what it demonstrates as links.
    let doc = page(&pages, "examples/kps-example-checks-before-visit.html");
    let title = text(doc.select(&sel("h1")).next().unwrap());
    let main = text(doc.select(&sel("main")).next().unwrap());
    assert_eq!(main.matches(title.as_str()).count(), 1, "{title}");
    let shows = doc
        .select(&sel("main h2"))
        .find(|h| text(*h) == "What this example shows")
        .expect("a heading for what it demonstrates");
    let list = shows
        .next_siblings()
        .filter_map(ElementRef::wrap)
        .next()
        .unwrap();
    assert_eq!(list.value().name(), "ul");
    assert!(list.select(&sel("li > a[href^='../standards/']")).count() >= 1);
}

#[test]
fn the_offline_form_links_absolutely_asks_dates_in_three_boxes_and_groups_its_buttons() {
    let (_p, pages) = site();
    let form = page(&pages, "checklists/kps-self-assessment-form.html");
    for a in form.select(&sel("main a[href]")) {
        let href = a.value().attr("href").unwrap();
        assert!(
            href.starts_with("https://example.org/guidance/")
                || href.starts_with('#')
                || href.starts_with("mailto:"),
            "a link that breaks once downloaded: {href}"
        );
    }
    assert_eq!(form.select(&sel("input[type=date]")).count(), 0);
    let audit = form
        .select(&sel("[data-date='meta.audit-date']"))
        .next()
        .unwrap();
    let labels: Vec<String> = audit.select(&sel("label")).map(text).collect();
    assert_eq!(labels, ["Day", "Month", "Year"]);
    assert!(form
        .select(&sel("input[type=hidden][name='meta.audit-date']"))
        .next()
        .is_some());
    // The guidance links have the same label on the form and the checklist's page.
    let page_doc = page(&pages, "checklists/kps-self-assessment.html");
    let label = |doc: &Html, q: &str| -> String {
        let p = doc.select(&sel(q)).next().unwrap();
        text(p).split(':').next().unwrap().to_string()
    };
    assert_eq!(
        label(form, ".gw-form-group p.gw-no-print"),
        "What this question tests"
    );
    assert_eq!(
        label(page_doc, ".gw-question p.gw-question__tests"),
        "What this question tests"
    );
    // The buttons: primary first, export and import grouped, the warning one apart.
    let groups: Vec<Vec<String>> = form
        .select(&sel(".gw-button-group"))
        .map(|g| g.select(&sel(".gw-button")).map(text).collect())
        .collect();
    assert_eq!(groups[0], ["Check answers"]);
    assert!(
        groups[1].contains(&"Export (JSON)".to_string()),
        "{groups:?}"
    );
    assert_eq!(groups[2], ["Start a new case"]);
    let clear = form.select(&sel("#clear")).next().unwrap();
    assert!(clear
        .value()
        .attr("class")
        .unwrap()
        .contains("gw-button--warning"));
}

#[test]
fn only_the_search_page_loads_the_search_index() {
    let (_p, pages) = site();
    for (path, doc) in &pages {
        let loads = doc
            .select(&sel("script[src]"))
            .any(|s| s.value().attr("src").unwrap().contains("assets/search/"));
        // Each language has its search page (the Welsh one under `cy/`).
        assert_eq!(
            loads,
            path == "search.html" || path == "cy/search.html",
            "{path}"
        );
    }
}

/// The search index holds a chapter's own content, split at its sections as the page is,
/// and none of its furniture (contents list, "Back to top", links to the next chapter).
#[test]
fn the_search_index_holds_a_chapters_own_sections_without_its_furniture() {
    let (p, pages) = site();
    let path = "guides/keeping-people-safe/kps-assessing.html";
    let doc = page(&pages, path);
    let sections: Vec<(String, String)> = doc
        .select(&sel("main section > h2[id]"))
        .map(|h| (h.value().attr("id").unwrap().to_string(), text(h)))
        .collect();
    assert!(sections.len() > 2);
    let pagination: Vec<String> = doc
        .select(&sel(".gw-pagination__link-label"))
        .map(text)
        .collect();
    assert_eq!(pagination.len(), 2, "the chapter has a previous and a next");
    let contents: Vec<String> = doc.select(&sel(".gw-contents a")).map(text).collect();
    // Its file in the index, found by its address.
    let entry = common::snapshot(&p.path("output/assets/search/p"))
        .into_iter()
        .map(|(_, b)| String::from_utf8(b).unwrap())
        .find(|t| t.contains(&format!("\"u\":\"{path}\"")))
        .expect("the chapter's file in the index");
    // A result file holds several pages: `guidewrightSearchPages(N,[{"u":…},…]);`.
    let json = &entry[entry.find('[').unwrap()..entry.rfind(");").unwrap()];
    let pages: Vec<serde_json::Value> = serde_json::from_str(json).unwrap();
    let v = pages
        .into_iter()
        .find(|v| v["u"].as_str() == Some(path))
        .expect("the chapter's entry in its file");
    let indexed: Vec<(String, String)> = v["s"].as_array().unwrap()[1..]
        .iter()
        .map(|s| (s[0].as_str().unwrap().into(), s[1].as_str().unwrap().into()))
        .collect();
    assert_eq!(indexed, sections);
    let all_text: String = v["s"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s[2].as_str().unwrap().to_string() + "\n")
        .collect();
    // Result files keep each section's opening words (its excerpt), not its whole text.
    assert!(
        v["s"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s[2].as_str().unwrap().len() > 40),
        "{all_text}"
    );
    assert!(!all_text.contains("Back to top"), "{all_text}");
    for label in pagination.iter().chain(&contents) {
        assert!(
            !all_text.contains(&format!("Previous chapter: {label}"))
                && !all_text.contains(&format!("Next chapter: {label}")),
            "{label}"
        );
    }
    assert!(!all_text.contains(&contents.join(" ")), "the contents list");
}

/// `theme_colour` and `favicon` in `site.yaml` reach the head of every page, and the icon is
/// published from the project's own theme folder.
#[test]
fn site_settings_choose_the_theme_colour_and_the_icon() {
    let p = Project::sample();
    p.edit(
        "site.yaml",
        "language: en-GB\n",
        "language: en-GB\ntheme_colour: \"#0b0c0c\"\nfavicon: icons/crest.png\n",
    );
    let png = b"\x89PNG\r\n\x1a\n not really a picture";
    std::fs::create_dir_all(p.path("templates/static/icons")).unwrap();
    std::fs::write(p.path("templates/static/icons/crest.png"), png).unwrap();
    let r = p.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        std::fs::read(p.path("output/assets/icons/crest.png")).unwrap(),
        png
    );
    // The path part of the sample's base_url, e.g. "/guidance/".
    let site = p.read("site.yaml");
    let base = site
        .lines()
        .find_map(|l| l.strip_prefix("base_url: "))
        .unwrap();
    let site_path = format!("/{}", base.splitn(4, '/').nth(3).unwrap());
    let mut seen = 0;
    for e in walkdir::WalkDir::new(p.path("output"))
        .into_iter()
        .filter_map(Result::ok)
    {
        if e.path().extension().is_none_or(|x| x != "html") {
            continue;
        }
        let doc = Html::parse_document(&std::fs::read_to_string(e.path()).unwrap());
        let meta = doc.select(&sel("meta[name=theme-color]")).next().unwrap();
        assert_eq!(
            meta.value().attr("content"),
            Some("#0b0c0c"),
            "{:?}",
            e.path()
        );
        // (A language's page standing in for an untranslated form is an ordinary page.)
        let form = doc.select(&sel("form#checklist-form")).next().is_some();
        if e.path().to_string_lossy().ends_with("-form.html") && form {
            // The offline form is one self-contained file: it links no icon.
            assert!(doc.select(&sel("link[rel=icon]")).next().is_none());
            continue;
        }
        let icon = doc.select(&sel("link[rel=icon]")).next().unwrap();
        let href = icon.value().attr("href").unwrap();
        let depth = e
            .path()
            .strip_prefix(p.path("output"))
            .unwrap()
            .components()
            .count()
            - 1;
        // Every language's pages use the site root's one `assets/` (see src/lang/assets.rs).
        // The 404 page is served at any depth, so it links from the site's own path.
        let root = if e.file_name() == "404.html" {
            site_path.clone()
        } else {
            "../".repeat(depth)
        };
        assert_eq!(href, format!("{root}assets/icons/crest.png"));
        assert_eq!(icon.value().attr("type"), Some("image/png"));
        seen += 1;
    }
    assert!(seen > 20, "only {seen} pages");
}

/// A colour that is not one, an icon of a format browsers may not show, and an icon the theme
/// does not have are each refused where they are written, and the last output stays.
#[test]
fn a_wrong_theme_colour_or_icon_is_an_error_at_its_place() {
    let p = Project::sample();
    assert_eq!(p.run(&["build"]).code, 0);
    let before = common::snapshot(&p.path("output"));
    let original = p.read("site.yaml");
    for (setting, value, says) in [
        ("theme_colour", "dark-blue", "is not a colour"),
        ("theme_colour", "\"#12345\"", "is not a colour"),
        ("favicon", "crest.gif", "is not an SVG, PNG or ICO file"),
        (
            "favicon",
            "../crest.png",
            "is not a file name in the theme's static folder",
        ),
        (
            "favicon",
            "crest.png",
            "is not in the theme's static folder",
        ),
    ] {
        let line = format!("{setting}: {value}");
        p.write(
            "site.yaml",
            &original.replace("language: en-GB\n", &format!("language: en-GB\n{line}\n")),
        );
        let r = p.run(&["build"]);
        assert_eq!(r.code, 1, "{setting}: {value}\n{}", r.stderr);
        assert!(r.stderr.contains(says), "{setting}: {value}\n{}", r.stderr);
        let place = p.locate("site.yaml", &line);
        let (file_line, col) = place.rsplit_once(':').unwrap();
        let value_col: usize = col.parse::<usize>().unwrap() + setting.len() + 2;
        assert!(
            r.stderr.contains(&format!("{file_line}:{value_col}")),
            "{setting}: {value}: expected {file_line}:{value_col}\n{}",
            r.stderr
        );
        assert_eq!(common::snapshot(&p.path("output")), before, "{line}");
    }
}
