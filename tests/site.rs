//! The built sample site: page structure on every page, working relative links and anchors,
//! chapter navigation from the home page through every chapter and back, and sanitised Markdown.

mod common;
use common::Project;
use scraper::{Html, Selector};
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn built() -> Project {
    let p = Project::sample();
    let r = p.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    p
}

fn pages(out: &Path) -> BTreeMap<PathBuf, Html> {
    walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            let html = std::fs::read_to_string(e.path()).unwrap();
            (
                e.path().strip_prefix(out).unwrap().to_path_buf(),
                Html::parse_document(&html),
            )
        })
        .collect()
}

/// Resolves a relative link from a page to a path below the output root.
fn resolve(from: &Path, href: &str) -> PathBuf {
    let mut parts: Vec<String> = from
        .parent()
        .unwrap()
        .iter()
        .map(|s| s.to_string_lossy().into_owned())
        .collect();
    for seg in href.split('/') {
        match seg {
            ".." => {
                assert!(
                    parts.pop().is_some(),
                    "link {href} from {} leaves the site",
                    from.display()
                );
            }
            "." | "" => {}
            s => parts.push(s.to_string()),
        }
    }
    parts.iter().collect()
}

#[test]
fn every_page_has_the_required_structure() {
    let p = built();
    assert_page_structure(&p.path("output"), 40);
}

/// The care inspectorate sample, as `guidewright new --example care-inspectorate` writes it:
/// the same page structure and working links as the main sample.
#[test]
fn the_care_inspectorate_example_has_the_page_structure_and_working_links() {
    let p = Project::example("care-inspectorate");
    let r = p.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let out = p.path("output");
    assert_page_structure(&out, 15);
    assert_links_resolve(&out, 150);
}

/// One h1, `lang`, a title, landmarks, the skip link first, labelled navigation, no skipped
/// heading level and unique ids on every page under `out` (at least `min_pages` of them).
fn assert_page_structure(out: &Path, min_pages: usize) {
    let all = pages(out);
    assert!(all.len() >= min_pages, "only {} pages", all.len());
    for (path, doc) in &all {
        let name = path.display();
        assert_eq!(doc.select(&sel("h1")).count(), 1, "{name}: exactly one h1");
        let lang = doc
            .select(&sel("html"))
            .next()
            .unwrap()
            .value()
            .attr("lang")
            .unwrap_or("");
        let expected = if path.starts_with("cy") {
            "cy"
        } else {
            "en-GB"
        };
        assert_eq!(lang, expected, "{name}: lang");
        let title: String = doc.select(&sel("title")).next().unwrap().text().collect();
        assert!(title.trim().len() > 3, "{name}: meaningful title");
        for landmark in ["header", "nav", "main#main-content", "footer"] {
            assert!(
                doc.select(&sel(landmark)).next().is_some(),
                "{name}: missing {landmark}"
            );
        }
        let first_link = doc.select(&sel("body a")).next().unwrap();
        assert_eq!(
            first_link.value().attr("href"),
            Some("#main-content"),
            "{name}: skip link first"
        );
        for nav in doc.select(&sel("nav")) {
            let v = nav.value();
            assert!(
                v.attr("aria-label").is_some() || v.attr("aria-labelledby").is_some(),
                "{name}: unlabelled nav"
            );
        }
        // Headings never skip a level.
        let mut last = 1;
        for h in doc.select(&sel("h1, h2, h3, h4, h5, h6")) {
            let level: usize = h.value().name()[1..].parse().unwrap();
            assert!(
                level <= last + 1,
                "{name}: heading h{level} after h{last}: {:?}",
                h.text().collect::<String>()
            );
            last = level;
        }
        // Ids are unique.
        let mut ids = HashSet::new();
        for e in doc.select(&sel("[id]")) {
            let id = e.value().attr("id").unwrap();
            assert!(ids.insert(id.to_string()), "{name}: duplicate id {id}");
        }
    }
}

#[test]
fn every_relative_link_and_anchor_resolves() {
    let p = built();
    assert_links_resolve(&p.path("output"), 500);
}

/// Every relative link and anchor of the pages under `out` leads to a file and an id there
/// (at least `min_links` of them).
fn assert_links_resolve(out: &Path, min_links: usize) {
    let all = pages(out);
    let ids: BTreeMap<PathBuf, HashSet<String>> = all
        .iter()
        .map(|(k, d)| {
            (
                k.clone(),
                d.select(&sel("[id]"))
                    .map(|e| e.value().attr("id").unwrap().to_string())
                    .collect(),
            )
        })
        .collect();
    let mut checked = 0;
    for (path, doc) in &all {
        if path == Path::new("404.html") {
            continue; // uses the site's absolute path so it works at any depth
        }
        for e in doc.select(&sel("a[href], link[href]")) {
            let href = e.value().attr("href").unwrap();
            if href.starts_with("http") || href.starts_with("mailto:") {
                continue;
            }
            let (file, frag) = href.split_once('#').unwrap_or((href, ""));
            let target = if file.is_empty() {
                path.clone()
            } else {
                resolve(path, file)
            };
            assert!(
                out.join(&target).is_file(),
                "{}: broken link {href}",
                path.display()
            );
            if !frag.is_empty() {
                let known = ids
                    .get(&target)
                    .unwrap_or_else(|| panic!("{href} is not a page"));
                assert!(
                    known.contains(frag),
                    "{}: broken anchor {href}",
                    path.display()
                );
            }
            checked += 1;
        }
    }
    assert!(checked > min_links, "only {checked} links checked");
}

fn link_with_rel(doc: &Html, rel: &str) -> Option<String> {
    doc.select(&sel(&format!("a[rel={rel}]")))
        .next()
        .map(|a| a.value().attr("href").unwrap().to_string())
}

#[test]
fn next_chapter_links_lead_through_every_chapter_and_back() {
    let p = built();
    let out = p.path("output");
    let all = pages(&out);
    let home = &all[Path::new("index.html")];
    let guide_links: Vec<String> = home
        .select(&sel("main .gw-card a"))
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    let guides: Vec<String> = std::fs::read_dir(p.path("content/guides"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(guide_links.len(), guides.len());
    for href in &guide_links {
        let guide_path = resolve(Path::new("index.html"), href);
        // The chapters the guide lists, in order, each a page beside the guide's.
        let id = guide_path.parent().unwrap().file_name().unwrap();
        let yaml: serde_yaml::Value =
            serde_yaml::from_str(&p.read(&format!("guides/{}/guide.yaml", id.to_string_lossy())))
                .unwrap();
        // A guide in parts gives its reading order in its parts.
        let order: Vec<serde_yaml::Value> = match yaml["parts"].as_sequence() {
            Some(parts) => parts
                .iter()
                .flat_map(|p| p["chapters"].as_sequence().unwrap().clone())
                .collect(),
            None => yaml["chapters"].as_sequence().unwrap().clone(),
        };
        let expected: Vec<PathBuf> = order
            .iter()
            .map(|c| guide_path.with_file_name(format!("{}.html", c.as_str().unwrap())))
            .collect();
        let guide = &all[&guide_path];
        let start = guide
            .select(&sel("a.gw-button"))
            .next()
            .unwrap()
            .value()
            .attr("href")
            .unwrap();
        let mut page = resolve(&guide_path, start);
        let mut visited = vec![page.clone()];
        assert!(
            link_with_rel(&all[&page], "prev").is_none(),
            "first chapter has no previous link"
        );
        while let Some(next) = link_with_rel(&all[&page], "next") {
            page = resolve(&page, &next);
            assert!(
                !visited.contains(&page),
                "chapter loop at {}",
                page.display()
            );
            visited.push(page.clone());
        }
        assert_eq!(visited, expected, "chapters reached from {href}");
        // Every chapter in the guide's contents was reached.
        let listed: Vec<PathBuf> = guide
            .select(&sel(".gw-contents__item a"))
            .map(|a| resolve(&guide_path, a.value().attr("href").unwrap()))
            .collect();
        assert_eq!(listed, expected, "the guide's contents list");
        // The previous link reads "Previous" and is labelled with the previous chapter's
        // title (GOV.UK's pagination); walk back with it.
        let mut back = vec![page.clone()];
        while let Some(prev) = link_with_rel(&all[&page], "prev") {
            let text = |q: &str| -> String {
                let found = all[&page].select(&sel(q)).next();
                found.unwrap_or_else(|| panic!("no {q}")).text().collect()
            };
            assert_eq!(
                text("a[rel=prev] .gw-pagination__link-title"),
                "Previous chapter"
            );
            if link_with_rel(&all[&page], "next").is_some() {
                assert_eq!(
                    text("a[rel=next] .gw-pagination__link-title"),
                    "Next chapter"
                );
            }
            let label = text("a[rel=prev] .gw-pagination__link-label");
            page = resolve(&page, &prev);
            // Labelled with the chapter's short `nav_label` if it has one, else its title.
            let stem = page.file_stem().unwrap().to_string_lossy().into_owned();
            let chapter: serde_yaml::Value = serde_yaml::from_str(
                &p.read(&format!("guides/{}/{stem}.yaml", id.to_string_lossy())),
            )
            .unwrap();
            let short = chapter["nav_label"]
                .as_str()
                .or(chapter["title"].as_str())
                .unwrap();
            assert_eq!(label.trim(), short);
            back.push(page.clone());
        }
        back.reverse();
        assert_eq!(back, visited);
        // The current chapter is marked and not linked in the contents list.
        let doc = &all[&visited[2]];
        let current = doc
            .select(&sel(".gw-contents__item--current"))
            .next()
            .unwrap();
        assert!(current.select(&sel("[aria-current=page]")).next().is_some());
        assert!(current.select(&sel(":scope > a")).next().is_none());
    }
}

#[test]
fn chapter_sections_have_back_to_top_links_and_statistics_tables() {
    let p = built();
    let doc = Html::parse_document(
        &std::fs::read_to_string(p.path("output/guides/keeping-the-child-safe/kcs-evidence.html"))
            .unwrap(),
    );
    let sections = doc.select(&sel("main section")).count();
    assert!(sections >= 3);
    assert_eq!(
        doc.select(&sel("main section .gw-back-to-top a[href='#top']"))
            .count(),
        sections
    );
    let table = doc
        .select(&sel("table.gw-stats"))
        .next()
        .expect("statistics table");
    assert!(table.select(&sel("caption")).next().is_some());
    assert!(table.select(&sel("th[scope=col]")).count() >= 3);
    let text: String = table.text().collect();
    assert!(text.contains("1,945"), "thousands separator: {text}");
    assert!(text.contains("31%"), "{text}");
}

#[test]
fn raw_html_in_markdown_never_becomes_script() {
    let p = Project::sample();
    let rel = "guides/keeping-people-safe/kps-introduction.yaml";
    let text = p.read(rel);
    let marker = "    body: |\n";
    assert!(text.contains(marker));
    let evil = concat!(
        "    body: |\n",
        "      EVIL-START <script>alert(1)</script>\n",
        "      [click me](https://example.org/) beside raw HTML\n",
        "      <img src=\"x.png\" onerror=\"alert(3)\"> <a href=\"#\" onclick=\"alert(4)\">x</a>\n",
        "      <iframe src=\"https://example.com\"></iframe> <svg onload=\"alert(5)\"></svg>\n",
        "      <div style=\"background:url(javascript:alert(6))\">styled</div>\n",
        "      <p><a href=\"data:text/html,<script>alert(8)</script>\">data</a></p>\n",
        "\n",
    );
    p.write(rel, &text.replacen(marker, evil, 1));
    let r = p.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let page =
        std::fs::read_to_string(p.path("output/guides/keeping-people-safe/kps-introduction.html"))
            .unwrap();
    assert!(page.contains("EVIL-START"), "the section was rendered");
    let lower = page.to_lowercase();
    for bad in [
        "<script",
        "javascript:",
        "onerror",
        "onclick",
        "onload",
        "<iframe",
        "style=\"background",
        "data:text",
    ] {
        assert!(!lower.contains(bad), "found {bad} in the page");
    }
    // Ordinary Markdown around it still renders.
    assert!(page.contains("click me"));
    // A script link written as Markdown is not sanitised away quietly: it fails the build
    // (tests/values.rs checks where it is reported).
    p.write(
        rel,
        &text.replacen(
            marker,
            "    body: |\n      [click me](javascript:alert(2)) and [also](JaVaScRiPt:alert(7))\n\n",
            1,
        ),
    );
    let r = p.run(&["build"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("2 problems found"), "{}", r.stderr);
}

/// The first plain use of a glossary abbreviation on a page becomes a linked `<abbr>` with its
/// expansion; later uses, headings and the glossary page itself stay as written.
#[test]
fn first_use_of_a_glossary_abbreviation_is_marked_and_linked() {
    let p = Project::sample();
    p.edit(
        "guides/keeping-the-child-safe/kcs-delivering.yaml",
        "The relationship between a child and their worker",
        "In the YOT, and in every YOT, the relationship between a child and their worker",
    );
    let r = p.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let page =
        std::fs::read_to_string(p.path("output/guides/keeping-the-child-safe/kcs-delivering.html"))
            .unwrap();
    let doc = Html::parse_document(&page);
    let marked: Vec<_> = doc.select(&sel("main a.gw-term")).collect();
    assert_eq!(marked.len(), 1, "{page}");
    assert_eq!(
        marked[0].value().attr("href"),
        Some("../../glossary.html#yot")
    );
    let abbr = marked[0].select(&sel("abbr")).next().unwrap();
    assert_eq!(abbr.value().attr("title"), Some("Youth offending team"));
    assert!(page.contains("</a>, and in every YOT, the relationship"));
    let glossary = std::fs::read_to_string(p.path("output/glossary.html")).unwrap();
    assert!(!glossary.contains("gw-term"));
}

/// Statistics are drawn as bars in HTML (so their text keeps the page's size at any width)
/// under a caption that states the message, every bar labelled in text and drawn to scale,
/// followed by the same figures in a table.
#[test]
fn statistics_have_an_accessible_chart_followed_by_its_table() {
    let p = built();
    let html =
        std::fs::read_to_string(p.path("output/findings/kcs-inspection-findings.html")).unwrap();
    let doc = Html::parse_document(&html);
    let figure = doc
        .select(&sel("figure.gw-figure"))
        .next()
        .expect("a chart");
    assert!(figure.select(&sel("svg")).next().is_none());
    let title: String = figure
        .select(&sel("figcaption"))
        .next()
        .unwrap()
        .text()
        .collect();
    assert!(
        title.starts_with("Inspectors judged safety and wellbeing"),
        "{title}"
    );
    let rows: Vec<_> = figure.select(&sel("li.gw-bars__row")).collect();
    assert_eq!(rows.len(), 2);
    let text = |el: scraper::ElementRef, q: &str| -> String {
        el.select(&sel(q)).next().unwrap().text().collect()
    };
    assert_eq!(
        text(rows[0], ".gw-bars__label"),
        "Safety and wellbeing judged high or very high by inspectors"
    );
    assert_eq!(text(rows[0], ".gw-bars__figure"), "31% (603 of 1,945)");
    assert_eq!(text(rows[1], ".gw-bars__figure"), "19% (370 of 1,945)");
    // Bars are to scale: 603 and 370 of 1,945, as a share of the whole track.
    let widths: Vec<f64> = rows
        .iter()
        .map(|r| {
            let style = r
                .select(&sel(".gw-bars__fill"))
                .next()
                .unwrap()
                .value()
                .attr("style")
                .unwrap();
            style
                .trim_start_matches("width: ")
                .trim_end_matches('%')
                .parse()
                .unwrap()
        })
        .collect();
    assert!(
        (widths[0] - 603.0 / 1945.0 * 100.0).abs() < 0.1,
        "{widths:?}"
    );
    assert!(
        (widths[1] - 370.0 / 1945.0 * 100.0).abs() < 0.1,
        "{widths:?}"
    );
    // The table follows the figure, with a caption and header scopes.
    let after = &html[html.find("</figure>").unwrap() + "</figure>".len()..];
    assert!(
        after
            .trim_start()
            .starts_with("<div class=\"gw-scroll\" role=\"region\""),
        "no table after the chart"
    );
    let table = doc.select(&sel("table.gw-stats")).next().unwrap();
    assert!(table.select(&sel("caption")).next().is_some());
    assert_eq!(table.select(&sel("th[scope=row]")).count(), 2);
}

/// A site of one guide and nothing else: no standards, examples, quotes, checklists or glossary.
fn guide_only() -> Project {
    let p = Project {
        dir: tempfile::tempdir().unwrap(),
    };
    p.write(
        "site.yaml",
        "name: Bare guides\norganisation: Bare\nbase_url: https://example.org/\nlanguage: en\n\
         licence: CC0 1.0\ncontact_email: bare@example.org\n",
    );
    p.write(
        "vocabulary.yaml",
        "services:\n  - id: probation\n    label: Probation\n",
    );
    p.write(
        "guides/only/guide.yaml",
        "title: The only guide\nsummary: A guide with one chapter.\nservice: probation\nchapters: [only-one]\n",
    );
    p.write(
        "guides/only/only-one.yaml",
        "title: The one chapter\nkind: introduction\nsections:\n  - id: a\n    heading: A section\n    kind: prose\n    body: Some prose.\n",
    );
    p
}

#[test]
fn index_pages_are_made_and_linked_only_when_they_list_something() {
    let p = guide_only();
    let r = p.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let indexes = [
        "standards/index.html",
        "examples/index.html",
        "quotes.html",
        "checklists/index.html",
        "glossary.html",
    ];
    let out = p.path("output");
    let pages = pages(&out);
    for index in indexes {
        assert!(
            !out.join(index).exists(),
            "{index} was written with nothing to list"
        );
    }
    // No page links to one (the header's navigation, the home page, the search page).
    for (path, doc) in &pages {
        for a in doc.select(&sel("a[href]")) {
            let href = a.value().attr("href").unwrap();
            let target = resolve(path, href.split('#').next().unwrap());
            assert!(
                !indexes.iter().any(|i| target == Path::new(i)),
                "{} links {href}",
                path.display()
            );
        }
    }
    assert!(out.join("guides/only/only-one.html").exists());
    assert_eq!(p.run(&["check"]).code, 0);
    // The care inspectorate's example has something for each: all five are made and linked.
    let s = Project::example("care-inspectorate");
    assert_eq!(s.run(&["build"]).code, 0);
    let home = std::fs::read_to_string(s.path("output/index.html")).unwrap();
    for index in indexes {
        assert!(s.path("output").join(index).exists(), "{index}");
        assert!(
            home.contains(&format!("href=\"{index}\"")),
            "{index} not linked from home"
        );
    }
}
