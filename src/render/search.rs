//! What the search index is given for each page: its title, group and own text, split into
//! sections, read from the page's `<main>` without its furniture. The index itself is
//! [`crate::search`].

use super::pages::PageSpec;
use crate::model::Model;

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

/// The `<main>` element of a page of ours (the whole page if it has none).
fn main_html(html: &str) -> &str {
    use super::scan::find;
    let start = find(html, "<main").unwrap_or(0);
    let end = find(&html[start..], "</main>").map_or(html.len(), |i| start + i);
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
    let mut cuts: Vec<usize> = memchr::memmem::find_iter(main.as_bytes(), "<h2 id=\"").collect();
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
                let after = s[1..gt].trim_start_matches('/');
                let name = &after[..after
                    .find(|c: char| !c.is_ascii_alphanumeric())
                    .unwrap_or(after.len())];
                if !is_inline(name) {
                    raw.push(' ');
                }
                s = if !s.starts_with("</") && nosearch(&s[..gt]) {
                    skip_element(&s[gt + 1..], &name.to_ascii_lowercase())
                } else {
                    &s[gt + 1..]
                };
            }
            None => s = "",
        }
    }
    raw.push_str(s);
    collapse_spaces(&html_escape::decode_html_entities(&raw))
}

/// Text with each run of whitespace made one space, none at either end (as joining
/// [`str::split_whitespace`] with spaces; ASCII text is done by bytes).
fn collapse_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    if !text.is_ascii() {
        for word in text.split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
        return out;
    }
    // ASCII whitespace as `char::is_whitespace` has it: space, tab, LF, VT, FF, CR.
    let space = |b: u8| matches!(b, b' ' | b'\t'..=b'\r');
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        while i < bytes.len() && space(bytes[i]) {
            i += 1;
        }
        let start = i;
        while i < bytes.len() && !space(bytes[i]) {
            i += 1;
        }
        if start < i {
            if !out.is_empty() {
                out.push(' ');
            }
            // ASCII text: every byte is a character boundary.
            out.push_str(&text[start..i]);
        }
    }
    out
}

/// Whether a start tag (up to its `>`) is marked `data-nosearch`. The searcher is made once:
/// making one for each of a page's hundreds of tags cost more than the search.
fn nosearch(tag: &str) -> bool {
    const MARK: &str = " data-nosearch";
    static FINDER: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(MARK));
    tag.len() >= MARK.len() && FINDER.find(tag.as_bytes()).is_some()
}

/// Whether a tag name is one of [`INLINE`] (in any case; ours are lower case).
fn is_inline(name: &str) -> bool {
    matches!(
        name,
        "a" | "abbr"
            | "b"
            | "cite"
            | "code"
            | "dfn"
            | "em"
            | "i"
            | "kbd"
            | "mark"
            | "q"
            | "s"
            | "small"
            | "span"
            | "strong"
            | "sub"
            | "sup"
            | "time"
            | "u"
            | "var"
    ) || (name.bytes().any(|b| b.is_ascii_uppercase())
        && INLINE.iter().any(|i| i.eq_ignore_ascii_case(name)))
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
    fn spaces_collapse_as_split_whitespace_joins_them() {
        for text in [
            "",
            "   ",
            " a  b\t\nc\r\x0b\x0cd ",
            "word",
            "a\u{a0}b  \u{2003} é ",
            "\n\nlead and trail\n",
        ] {
            let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(collapse_spaces(text), joined, "{text:?}");
        }
        for name in INLINE {
            assert!(is_inline(name) && is_inline(&name.to_uppercase()), "{name}");
        }
        assert!(!is_inline("p") && !is_inline("DIV") && !is_inline("ab"));
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
}
