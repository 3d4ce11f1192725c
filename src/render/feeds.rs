//! What a host needs beside the pages: `sitemap.xml` (absolute URL of every page),
//! `feed.xml` (an Atom feed of guides and chapters, newest first) and `robots.txt`. They are
//! rendered through the theme's `sitemap.xml`, `feed.xml` and `robots.txt` templates from the
//! contexts built here. Every date comes from the content, never the clock, so builds stay
//! reproducible.

use super::pages::{ordered, PageSpec};
use crate::markdown;
use crate::model::*;
use serde_json::{json, Value};
use tera::Context;

/// The site's base URL with a trailing slash, e.g. `https://example.org/guidance/`.
pub fn base_url(m: &Model) -> String {
    let base = m.site.as_ref().map(|s| s.base_url.as_str()).unwrap_or("/");
    if base.ends_with('/') {
        base.to_string()
    } else {
        format!("{base}/")
    }
}

/// `2024-06-01` → `2024-06-01T00:00:00Z` (Atom dates are RFC 3339 date-times).
pub fn rfc3339(date: &str) -> String {
    format!("{date}T00:00:00Z")
}

fn first_of<'a>(dates: &[Option<&'a str>]) -> Option<&'a str> {
    dates.iter().flatten().next().copied()
}

/// The date a page's content was last changed, where its content says: its own `updated` or
/// `published`, and for a chapter without either, its guide's.
pub fn page_date<'a>(m: &'a Model, spec: &PageSpec) -> Option<&'a str> {
    macro_rules! dated {
        ($e:expr) => {
            first_of(&[$e.updated.as_deref(), $e.published.as_deref()])
        };
    }
    match *spec {
        PageSpec::Guide(g) => dated!(m.guides[g].guide),
        PageSpec::Chapter(g, c) => {
            dated!(m.guides[g].chapters[c]).or_else(|| dated!(m.guides[g].guide))
        }
        PageSpec::Standard(i) => dated!(m.standards[i]),
        PageSpec::Evidence(i) => dated!(m.evidence[i]),
        PageSpec::Findings(i) => dated!(m.findings[i]),
        PageSpec::Example(i) => dated!(m.examples[i]),
        PageSpec::Scale(i) => dated!(m.scales[i]),
        PageSpec::Checklist(i) | PageSpec::ChecklistForm(i) => dated!(m.checklists[i]),
        _ => None,
    }
}

/// Whether a page belongs in the sitemap: all but the 404 and search pages.
pub fn listed(spec: &PageSpec) -> bool {
    !matches!(spec, PageSpec::NotFound | PageSpec::Search)
}

/// The sitemap's context: `pages`, each with an absolute `loc` and, where known, `lastmod`.
pub fn sitemap_context(m: &Model, pages: &[(PageSpec, String)]) -> Context {
    let base = base_url(m);
    let mut ctx = Context::new();
    let dated: Vec<(String, Option<String>)> = pages
        .iter()
        .filter(|(spec, _)| listed(spec))
        .map(|(spec, path)| (path.clone(), page_date(m, spec).map(str::to_string)))
        .collect();
    let pages: Vec<Value> = match crate::lang::links::sitemap_pages(m, &dated) {
        Some(every_language) => {
            ctx.insert("languages", &true);
            every_language
        }
        None => dated
            .iter()
            .map(|(path, date)| json!({"loc": format!("{base}{path}"), "lastmod": date}))
            .collect(),
    };
    ctx.insert("pages", &pages);
    ctx.insert("base_url", &base);
    ctx
}

/// The Atom feed's context: the feed's `id`, `title`, `updated`, `author` and its `entries`
/// (guides and chapters with a date, newest first, then by URL).
pub fn feed_context(m: &Model) -> Context {
    let base = base_url(m);
    let mut entries: Vec<Value> = Vec::new();
    let mut entry = |title: String, path: String, date: Option<&str>, summary: Option<&str>| {
        if let Some(d) = date {
            let url = format!("{base}{path}");
            entries.push(json!({
                "id": url, "url": url, "title": title, "updated": rfc3339(d),
                "summary": summary.map(markdown::plain_text),
            }));
        }
    };
    for (g, ge) in m.guides.iter().enumerate() {
        let gd = &ge.guide;
        entry(
            gd.title.clone(),
            format!("guides/{}/index.html", gd.id),
            page_date(m, &PageSpec::Guide(g)),
            Some(&gd.summary),
        );
        for ch in ordered(ge) {
            let c = ge.chapters.iter().position(|x| x.id == ch.id).unwrap_or(0);
            entry(
                format!("{} – {}", ch.title, gd.title),
                format!("guides/{}/{}.html", gd.id, ch.id),
                page_date(m, &PageSpec::Chapter(g, c)),
                ch.summary.as_deref(),
            );
        }
    }
    entries.sort_by(|a, b| {
        let key = |v: &Value| {
            (
                v["updated"].as_str().unwrap_or("").to_string(),
                v["url"].as_str().unwrap_or("").to_string(),
            )
        };
        let (ua, la) = key(a);
        let (ub, lb) = key(b);
        ub.cmp(&ua).then(la.cmp(&lb))
    });
    // A feed must say when it last changed: its newest entry (or, with no dated content at all,
    // the start of the epoch rather than the build's clock).
    let updated = entries
        .first()
        .and_then(|e| e["updated"].as_str())
        .unwrap_or("1970-01-01T00:00:00Z")
        .to_string();
    let site = m.site.as_ref();
    let mut ctx = Context::new();
    ctx.insert("id", &format!("{base}feed.xml"));
    ctx.insert("self_url", &format!("{base}feed.xml"));
    ctx.insert("home_url", &format!("{base}index.html"));
    ctx.insert("title", &site.map(|s| s.name.as_str()).unwrap_or("Guides"));
    ctx.insert(
        "author",
        &site.map(|s| s.organisation.as_str()).unwrap_or(""),
    );
    ctx.insert(
        "language",
        &site.map(|s| s.language.as_str()).unwrap_or("en"),
    );
    ctx.insert("updated", &updated);
    ctx.insert("entries", &entries);
    ctx
}

/// The robots.txt context: the absolute URL of the sitemap.
pub fn robots_context(m: &Model) -> Context {
    let mut ctx = Context::new();
    ctx.insert("sitemap_url", &format!("{}sitemap.xml", base_url(m)));
    ctx
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::theme::Theme;
    use std::path::Path;

    fn sample() -> Model {
        let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let (mut m, _) =
            crate::build::check(&content, false, false).unwrap_or_else(|e| panic!("{e}"));
        m.site.as_mut().unwrap().data_mut().base_url = "https://example.org/guidance".into();
        m
    }

    fn render(template: &str, ctx: &Context) -> String {
        Theme::load(None)
            .unwrap()
            .tera
            .render(template, ctx)
            .unwrap()
    }

    fn child<'a>(n: roxmltree::Node<'a, 'a>, name: &str) -> roxmltree::Node<'a, 'a> {
        n.children()
            .find(|c| c.tag_name().name() == name)
            .unwrap_or_else(|| panic!("no <{name}> in <{}>", n.tag_name().name()))
    }

    #[test]
    fn dates_and_base_urls() {
        assert_eq!(rfc3339("2024-06-01"), "2024-06-01T00:00:00Z");
        let m = sample();
        assert_eq!(base_url(&m), "https://example.org/guidance/");
        // A chapter without dates of its own takes its guide's.
        let g = &m.guides[0];
        assert!(g.chapters[0].updated.is_none() && g.chapters[0].published.is_none());
        assert_eq!(
            page_date(&m, &PageSpec::Chapter(0, 0)),
            g.guide.updated.as_deref()
        );
        assert_eq!(page_date(&m, &PageSpec::Glossary), None);
    }

    #[test]
    fn feed_is_valid_atom_of_guides_and_chapters_newest_first() {
        let mut m = sample();
        m.guides[1].chapters[2].data_mut().updated = Some("2025-01-15".into());
        m.guides[0].guide.data_mut().title = "Risk & safety <plans>".into();
        let xml = render("feed.xml", &feed_context(&m));
        let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{e}\n{xml}"));
        let feed = doc.root_element();
        assert_eq!(feed.tag_name().name(), "feed");
        assert_eq!(
            feed.tag_name().namespace(),
            Some("http://www.w3.org/2005/Atom")
        );
        assert_eq!(
            child(feed, "id").text(),
            Some("https://example.org/guidance/feed.xml")
        );
        assert_eq!(
            child(feed, "title").text(),
            Some("Effective practice library")
        );
        assert_eq!(child(feed, "updated").text(), Some("2025-01-15T00:00:00Z"));
        assert!(child(child(feed, "author"), "name")
            .text()
            .unwrap()
            .contains("Inspectorate"));
        let entries: Vec<_> = feed
            .children()
            .filter(|c| c.has_tag_name(("http://www.w3.org/2005/Atom", "entry")))
            .collect();
        let chapters: usize = m.guides.iter().map(|g| g.chapters.len()).sum();
        assert_eq!(entries.len(), m.guides.len() + chapters);
        let ch = &m.guides[1].chapters[2];
        let first = entries[0];
        let url = format!(
            "https://example.org/guidance/guides/{}/{}.html",
            m.guides[1].guide.id, ch.id
        );
        assert_eq!(child(first, "id").text(), Some(url.as_str()));
        assert_eq!(child(first, "link").attribute("href"), Some(url.as_str()));
        assert_eq!(child(first, "updated").text(), Some("2025-01-15T00:00:00Z"));
        assert!(child(first, "title").text().unwrap().starts_with(&ch.title));
        let dates: Vec<&str> = entries
            .iter()
            .map(|e| child(*e, "updated").text().unwrap())
            .collect();
        assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
        for e in &entries {
            assert!(child(*e, "link")
                .attribute("href")
                .unwrap()
                .starts_with("https://example.org/guidance/guides/"));
        }
        // Markup in content is escaped, not passed through.
        assert!(entries
            .iter()
            .any(|e| child(*e, "title").text() == Some("Risk & safety <plans>")));
        // The same content gives the same feed: no clock.
        assert_eq!(xml, render("feed.xml", &feed_context(&m)));
    }

    #[test]
    fn sitemap_lists_every_page_but_404_and_search_with_absolute_urls() {
        let m = sample();
        let back = crate::render::links::Backlinks::build(&m);
        let base = crate::render::pages::base_context(&m);
        let pages: Vec<(PageSpec, String)> = crate::render::page_list(&m)
            .into_iter()
            .map(|s| {
                let path = crate::render::pages::context(
                    &m,
                    &back,
                    &base,
                    &Default::default(),
                    &s,
                    &crate::locale::Locale::english(),
                )
                .1;
                (s, path)
            })
            .collect();
        let xml = render("sitemap.xml", &sitemap_context(&m, &pages));
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let locs: Vec<&str> = doc
            .descendants()
            .filter(|n| n.has_tag_name("loc"))
            .filter_map(|n| n.text())
            .collect();
        // Every listed page once in each language the site declares (the sample: en and cy).
        let declared = m.site.as_ref().map_or(0, |s| s.languages.len()).max(1);
        assert_eq!(locs.len(), (pages.len() - 2) * declared);
        if declared > 1 {
            assert!(locs.contains(&"https://example.org/guidance/cy/index.html"));
        }
        assert!(locs
            .iter()
            .all(|l| l.starts_with("https://example.org/guidance/")));
        assert!(locs.contains(&"https://example.org/guidance/index.html"));
        assert!(locs.contains(&"https://example.org/guidance/glossary.html"));
        assert!(!locs
            .iter()
            .any(|l| l.ends_with("404.html") || l.ends_with("search.html")));
        let guide = format!(
            "https://example.org/guidance/guides/{}/index.html",
            m.guides[0].guide.id
        );
        let url = doc
            .descendants()
            .find(|n| n.has_tag_name("url") && child(*n, "loc").text() == Some(guide.as_str()))
            .unwrap();
        assert_eq!(
            child(url, "lastmod").text(),
            m.guides[0].guide.updated.as_deref()
        );
        let robots = render("robots.txt", &robots_context(&m));
        assert!(
            robots.contains("Sitemap: https://example.org/guidance/sitemap.xml\n"),
            "{robots}"
        );
    }
}
