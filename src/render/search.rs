//! The site's full-text search index, built at build time in elasticlunr's format (the format
//! mdBook ships) and written as a script that sets a global, so the search page works from a
//! web server at any path and from disk (`file:` pages cannot fetch JSON in Chromium).

use super::pages::PageSpec;
use crate::model::Model;
use elasticlunr::IndexBuilder;

/// The path of the index script below the site root (not fingerprinted: it changes with the
/// content, and servers should revalidate it).
pub const INDEX_PATH: &str = "assets/search-index.js";

/// One page as search sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchDoc {
    /// Path below the site root, e.g. `guides/keeping-people-safe/kps-assessing.html`.
    pub url: String,
    pub title: String,
    /// What the page belongs to, shown under its title in the results: its guide's title for
    /// guides and chapters, otherwise the part of the site (e.g. "Standards").
    pub group: String,
    /// The visible text of the page's `<main>` before its first section, without the page's
    /// furniture (contents list, pagination, "Back to top": elements marked `data-nosearch`).
    pub text: String,
    /// The page's sections (each `<h2>` with an `id` and what follows it up to the next):
    /// each is found, and linked to, on its own.
    pub sections: Vec<SearchSection>,
}

/// A section of a page: its anchor, its heading and the visible text under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchSection {
    pub id: String,
    pub heading: String,
    pub text: String,
}

/// A page's entry: its title and group, and its text split into sections.
pub fn doc(url: String, title: String, group: String, html: &str) -> SearchDoc {
    let (text, sections) = main_sections(html);
    SearchDoc {
        url,
        title,
        group,
        text,
        sections,
    }
}

/// Whether a page is searched: not the search page, the 404 page or the offline forms (which
/// repeat their checklist's page).
pub fn searched(spec: &PageSpec) -> bool {
    !matches!(
        spec,
        PageSpec::Search | PageSpec::NotFound | PageSpec::ChecklistForm(_)
    )
}

/// A page's title in the results: a chapter's own title (its guide is shown as its group),
/// otherwise the page's title.
pub fn title(m: &Model, spec: &PageSpec, page_title: &str) -> String {
    match *spec {
        PageSpec::Chapter(g, c) => m.guides[g].chapters[c].title.clone(),
        _ => page_title.to_string(),
    }
}

/// What a page belongs to, as results show it under the title.
pub fn group(m: &Model, spec: &PageSpec, loc: &crate::locale::Locale) -> String {
    let label = match *spec {
        PageSpec::Guide(g) | PageSpec::Chapter(g, _) => return m.guides[g].guide.title.clone(),
        PageSpec::Home => return m.site.as_ref().map(|s| s.name.clone()).unwrap_or_default(),
        PageSpec::Standards | PageSpec::Standard(_) => loc.get("standards_title"),
        PageSpec::Evidence(_) => loc.get("search_group_evidence"),
        PageSpec::Findings(_) => loc.get("search_group_findings"),
        PageSpec::Examples | PageSpec::Example(_) => loc.get("search_group_examples"),
        PageSpec::Quotes => loc.get("quotes_title"),
        PageSpec::Scale(_) => loc.get("search_group_scales"),
        PageSpec::Checklists | PageSpec::Checklist(_) | PageSpec::ChecklistForm(_) => {
            loc.get("checklists_title")
        }
        PageSpec::Glossary => loc.get("glossary_title"),
        PageSpec::Accessibility | PageSpec::Search | PageSpec::NotFound => {
            loc.get("search_group_about")
        }
    };
    label.to_string()
}

/// The index as a script: `window.guidewrightSearch = {...};`. One entry per page (its text
/// before the first section) and one per section (`url#id`, with its heading), so a result
/// names the guide, the page and the section the words are under and links to that section.
/// Titles weigh more than text at query time (see `search.js`); every field is stored so
/// results can show a snippet. Entries are referred to by number, which keeps the index small
/// (each reference is repeated for every word); the address is stored, not searched.
pub fn index_script(docs: &[SearchDoc]) -> Vec<u8> {
    let mut index = IndexBuilder::new()
        .save_docs(true)
        .add_fields(["title", "group", "section", "body"])
        .add_field_with_tokenizer("url", Box::new(|_: &str| Vec::new()))
        .set_ref("id")
        .build();
    let mut n = 0;
    let mut add = |fields: [&str; 5]| {
        index.add_doc(&n.to_string(), fields);
        n += 1;
    };
    for d in docs {
        if !d.text.is_empty() || d.sections.is_empty() {
            add([&d.title, &d.group, "", &d.text, &d.url]);
        }
        for s in &d.sections {
            let url = format!("{}#{}", d.url, s.id);
            add([&d.title, &d.group, &s.heading, &s.text, &url]);
        }
    }
    // `</` never appears inside the script (JSON escapes nothing there), so the index cannot end
    // the element that loads it early even if inlined one day.
    let json = index.to_json().replace("</", "<\\/");
    format!("window.guidewrightSearch = {json};\n").into_bytes()
}

/// The `<main>` element of a page of ours (the whole page if it has none).
fn main_html(html: &str) -> &str {
    let start = html.find("<main").unwrap_or(0);
    let end = html[start..]
        .find("</main>")
        .map_or(html.len(), |i| start + i);
    &html[start..end]
}

/// The visible text of the `<main>` element of a page of ours, with whitespace collapsed.
pub fn main_text(html: &str) -> String {
    visible_text(main_html(html))
}

/// The text of `<main>` before its first section, and its sections: each `<h2 id="…">`
/// with the text up to the next one.
pub fn main_sections(html: &str) -> (String, Vec<SearchSection>) {
    let main = main_html(html);
    let mut cuts: Vec<usize> = main.match_indices("<h2 id=\"").map(|(i, _)| i).collect();
    cuts.push(main.len());
    let intro = visible_text(&main[..cuts[0]]);
    let sections = cuts
        .windows(2)
        .filter_map(|w| {
            let part = &main[w[0]..w[1]];
            let id_start = "<h2 id=\"".len();
            let id = &part[id_start..id_start + part[id_start..].find('"')?];
            let close = part.find("</h2>")?;
            Some(SearchSection {
                id: html_escape::decode_html_entities(id).into_owned(),
                heading: visible_text(&part[..close]),
                text: visible_text(&part[close..]),
            })
        })
        .collect();
    (intro, sections)
}

/// The visible text of a fragment of one of our pages, with whitespace collapsed.
/// The pages are our own (templates escape `<` and `>` in attributes and ammonia sanitises
/// Markdown), so stripping tags is enough; `<script>`, `<style>` and `<template>` content is
/// dropped, and so is any element marked `data-nosearch` (page furniture); entities are
/// decoded.
fn visible_text(fragment: &str) -> String {
    let mut s = fragment;
    let mut raw = String::with_capacity(s.len());
    while let Some(lt) = s.find('<') {
        raw.push_str(&s[..lt]);
        s = &s[lt..];
        let hidden = ["<script", "<style", "<template"]
            .iter()
            .find(|t| starts_with_ignore_case(s, t));
        if let Some(tag) = hidden {
            let close = format!("</{}", &tag[1..]);
            s = match find_ignore_case(s, &close) {
                Some(i) => &s[i..],
                None => "",
            };
        }
        match s.find('>') {
            Some(gt) => {
                // Block tags separate words (`<td>a</td><td>b</td>`), inline ones do not
                // (`<a>link</a>,`); spaces are collapsed below.
                let name: String = s[1..gt]
                    .trim_start_matches('/')
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .collect::<String>()
                    .to_ascii_lowercase();
                if !INLINE.contains(&name.as_str()) {
                    raw.push(' ');
                }
                s = if s[..gt].contains(" data-nosearch") && !s.starts_with("</") {
                    skip_element(&s[gt + 1..], &name)
                } else {
                    &s[gt + 1..]
                };
            }
            None => s = "",
        }
    }
    raw.push_str(s);
    let decoded = html_escape::decode_html_entities(&raw);
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What follows the end of an element named `name` whose start tag `s` follows, counting
/// elements of the same name nested in it.
fn skip_element<'a>(mut s: &'a str, name: &str) -> &'a str {
    let (open, close) = (format!("<{name}"), format!("</{name}>"));
    let mut depth = 1;
    while let Some(lt) = s.find('<') {
        s = &s[lt..];
        if s.starts_with(&close) {
            depth -= 1;
            s = &s[close.len()..];
            if depth == 0 {
                return s;
            }
        } else {
            if s.starts_with(&open)
                && s[open.len()..].starts_with(|c: char| c == '>' || c.is_whitespace())
            {
                depth += 1;
            }
            s = &s[1..];
        }
    }
    ""
}

/// Elements that sit inside a line of text.
const INLINE: &[&str] = &[
    "a", "abbr", "b", "cite", "code", "dfn", "em", "i", "kbd", "mark", "q", "s", "small", "span",
    "strong", "sub", "sup", "time", "u", "var",
];

fn starts_with_ignore_case(s: &str, prefix: &str) -> bool {
    s.len() >= prefix.len() && s.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

fn find_ignore_case(s: &str, needle: &str) -> Option<usize> {
    s.to_ascii_lowercase().find(&needle.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn main_text_keeps_only_visible_text_of_main() {
        let html = "<html><head><title>T</title></head><body><nav>Menu</nav>\
            <main id=\"m\"><h1>Risk &amp; harm</h1><p>Seen <a href=\"x.html\">h<em>er</em>e</a>.</p>\
            <script>var hidden = 1;</script><table><td>a</td><td>b</td></table></main>\
            <footer>Foot</footer></body></html>";
        assert_eq!(main_text(html), "Risk & harm Seen here. a b");
    }

    #[test]
    fn sections_are_split_at_headings_without_the_furniture() {
        let html = "<main><h1 id=\"top\">Assessing</h1><p>Lead.</p>\
            <nav data-nosearch><ol><li><nav>Contents</nav></li></ol></nav>\
            <h2 id=\"why\">Why &amp; how</h2><p>Curiosity.</p>\
            <p class=\"gw-back-to-top\" data-nosearch><a href=\"#top\">Back to top</a></p>\
            <h2 id=\"what\">What</h2><p>Checks.</p><nav data-nosearch>Next chapter</nav></main>";
        let (intro, sections) = main_sections(html);
        assert_eq!(intro, "Assessing Lead.");
        assert_eq!(
            sections,
            [
                SearchSection {
                    id: "why".into(),
                    heading: "Why & how".into(),
                    text: "Curiosity.".into()
                },
                SearchSection {
                    id: "what".into(),
                    heading: "What".into(),
                    text: "Checks.".into()
                },
            ]
        );
    }

    #[test]
    fn index_script_sets_a_global_with_every_document_stored() {
        let docs = vec![
            SearchDoc {
                url: "guides/g/c.html".into(),
                title: "Assessing".into(),
                group: "Keeping people safe".into(),
                text: "Curiosity about </script> the account".into(),
                sections: vec![SearchSection {
                    id: "checks".into(),
                    heading: "Police checks".into(),
                    text: "Enquiries".into(),
                }],
            },
            SearchDoc {
                url: "glossary.html".into(),
                title: "Glossary".into(),
                group: "Glossary".into(),
                text: "Terms".into(),
                sections: Vec::new(),
            },
        ];
        let js = String::from_utf8(index_script(&docs)).unwrap();
        let json = js
            .strip_prefix("window.guidewrightSearch = ")
            .and_then(|s| s.strip_suffix(";\n"))
            .expect("a script setting one global");
        assert!(!json.contains("</script"));
        let v: serde_json::Value = serde_json::from_str(json).unwrap();
        assert_eq!(v["ref"], "id");
        let doc = &v["documentStore"]["docs"]["0"];
        assert_eq!(doc["url"], "guides/g/c.html");
        assert_eq!(doc["title"], "Assessing");
        assert_eq!(doc["group"], "Keeping people safe");
        let section = &v["documentStore"]["docs"]["1"];
        assert_eq!(section["url"], "guides/g/c.html#checks");
        assert_eq!(section["section"], "Police checks");
        assert_eq!(v["documentStore"]["docs"]["2"]["url"], "glossary.html");
        // Words are stemmed into the inverted index of the body field.
        assert!(
            v["index"]["body"]["root"]["c"]["u"]["r"]["i"]["o"]["s"]["docs"]
                .get("0")
                .is_some()
        );
        // Addresses are stored, not searched.
        assert_eq!(v["index"]["url"]["root"]["docs"], serde_json::json!({}));
        // Same input, same bytes: builds stay reproducible.
        assert_eq!(index_script(&docs), index_script(&docs));
    }
}
