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
    /// The visible text of the page's `<main>`.
    pub text: String,
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
pub fn group(m: &Model, spec: &PageSpec) -> String {
    let label = match *spec {
        PageSpec::Guide(g) | PageSpec::Chapter(g, _) => return m.guides[g].guide.title.clone(),
        PageSpec::Home => return m.site.as_ref().map(|s| s.name.clone()).unwrap_or_default(),
        PageSpec::Standards | PageSpec::Standard(_) => "Standards",
        PageSpec::Evidence(_) => "Evidence summaries",
        PageSpec::Findings(_) => "Inspection findings",
        PageSpec::Examples | PageSpec::Example(_) => "Practice examples",
        PageSpec::Quotes => "What people told us",
        PageSpec::Scale(_) => "Classification scales",
        PageSpec::Checklists | PageSpec::Checklist(_) | PageSpec::ChecklistForm(_) => {
            "Self-assessment checklists"
        }
        PageSpec::Glossary => "Glossary",
        PageSpec::Accessibility | PageSpec::Search | PageSpec::NotFound => "About this site",
    };
    label.to_string()
}

/// The index as a script: `window.guidewrightSearch = {...};`. Titles weigh more than text at
/// query time (see `search.js`); every field is stored so results can show a snippet.
/// Documents are referred to by number, which keeps the index small (each reference is repeated
/// for every word of the page); the page's address is a stored field that is not searched.
pub fn index_script(docs: &[SearchDoc]) -> Vec<u8> {
    let mut index = IndexBuilder::new()
        .save_docs(true)
        .add_fields(["title", "group", "body"])
        .add_field_with_tokenizer("url", Box::new(|_: &str| Vec::new()))
        .set_ref("id")
        .build();
    for (i, d) in docs.iter().enumerate() {
        index.add_doc(&i.to_string(), [&d.title, &d.group, &d.text, &d.url]);
    }
    // `</` never appears inside the script (JSON escapes nothing there), so the index cannot end
    // the element that loads it early even if inlined one day.
    let json = index.to_json().replace("</", "<\\/");
    format!("window.guidewrightSearch = {json};\n").into_bytes()
}

/// The visible text of the `<main>` element of a page of ours, with whitespace collapsed.
/// The pages are our own (templates escape `<` and `>` in attributes and ammonia sanitises
/// Markdown), so stripping tags is enough; `<script>`, `<style>` and `<template>` content is
/// dropped and entities are decoded.
pub fn main_text(html: &str) -> String {
    let start = html.find("<main").unwrap_or(0);
    let end = html[start..]
        .find("</main>")
        .map_or(html.len(), |i| start + i);
    let mut s = &html[start..end];
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
                s = &s[gt + 1..];
            }
            None => s = "",
        }
    }
    raw.push_str(s);
    let decoded = html_escape::decode_html_entities(&raw);
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
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
    fn index_script_sets_a_global_with_every_document_stored() {
        let docs = vec![
            SearchDoc {
                url: "guides/g/c.html".into(),
                title: "Assessing".into(),
                group: "Keeping people safe".into(),
                text: "Curiosity about </script> the account".into(),
            },
            SearchDoc {
                url: "glossary.html".into(),
                title: "Glossary".into(),
                group: "Glossary".into(),
                text: "Terms".into(),
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
