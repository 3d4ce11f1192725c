//! When the sanitiser can be skipped. pulldown-cmark escapes the text and attributes it writes,
//! so Markdown without raw HTML can only bring markup in through what it writes as it finds
//! it: link and image addresses (a `javascript:` link), the class of a fenced code block and a
//! heading that would become `h1`. [`Plain`] watches the events of a text for raw HTML and
//! for those, and only a text with none of them is written without ammonia (which parses and
//! re-serialises every fragment, the largest part of rendering a field). The tests below show
//! that such a text's HTML is, tag for tag and attribute for attribute, what the sanitiser
//! keeps of it.

use pulldown_cmark::{CodeBlockKind, Event, Tag};

/// What the events of one text have shown so far: whether any needs the sanitiser.
#[derive(Debug, Default, Clone, Copy)]
pub struct Plain {
    needs_sanitiser: bool,
}

impl Plain {
    /// Looks at one event as the parser gave it (links are [`Plain::link`]'s).
    pub fn see(&mut self, ev: &Event) {
        let risky = match ev {
            Event::Html(_) | Event::InlineHtml(_) | Event::Start(Tag::HtmlBlock) => true,
            Event::Start(Tag::Image { dest_url, .. }) => !plain_url(dest_url),
            // pulldown-cmark writes the info string as a class the sanitiser removes.
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => !info.is_empty(),
            _ => false,
        };
        self.needs_sanitiser |= risky;
    }

    /// A link is written to `url` as the text gives it (not a `ref:` or `term:` link, which
    /// becomes a path of the site).
    pub fn link(&mut self, url: &str) {
        self.needs_sanitiser |= !plain_url(url);
    }

    /// A heading is written at `level`: `h1` is the page's own, which the sanitiser removes.
    pub fn heading(&mut self, level: u8) {
        self.needs_sanitiser |= level < 2;
    }

    /// Whether the text's HTML must go through the sanitiser.
    pub fn needs_sanitiser(&self) -> bool {
        self.needs_sanitiser
    }
}

/// Whether a link or image address is one the sanitiser keeps as it is: relative (no scheme:
/// no `:` before the first `/`, `?` or `#`), or `http:`, `https:` or `mailto:`, with no
/// control character or white space anywhere (which browsers strip to find a scheme). Anything
/// else, even harmless, takes the sanitiser's path.
pub fn plain_url(url: &str) -> bool {
    if url.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return false;
    }
    let first_delimiter = url.find(['/', '?', '#']).unwrap_or(url.len());
    match url[..first_delimiter].find(':') {
        None => true,
        Some(colon) => {
            let scheme = &url[..colon];
            ["http", "https", "mailto"]
                .iter()
                .any(|s| scheme.eq_ignore_ascii_case(s))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::{render, Place};
    use crate::model::Model;
    use proptest::prelude::*;

    /// A fragment's tree as a list of tokens: each element with its attributes sorted, each
    /// run of text; so two serialisations of the same tree compare equal.
    fn tree(html: &str) -> Vec<String> {
        let doc = scraper::Html::parse_fragment(html);
        let mut out = Vec::new();
        walk(doc.root_element(), &mut out);
        out
    }

    fn walk(e: scraper::ElementRef, out: &mut Vec<String>) {
        let mut attrs: Vec<String> = e
            .value()
            .attrs()
            .map(|(k, v)| format!("{k}={v:?}"))
            .collect();
        attrs.sort();
        out.push(format!("<{} {}>", e.value().name(), attrs.join(" ")));
        for child in e.children() {
            if let Some(el) = scraper::ElementRef::wrap(child) {
                walk(el, out);
            } else if let Some(t) = child.value().as_text() {
                out.push(format!("text {:?}", &**t));
            }
        }
        out.push(format!("</{}>", e.value().name()));
    }

    /// Whether a fragment has anything that runs script: a script element, an event attribute,
    /// an address whose scheme runs script or carries a document (`javascript:`, `vbscript:`,
    /// `data:`), read as a browser does: control characters and white space dropped, the
    /// scheme being what comes before a `:` that precedes any `/`, `?` or `#`. (An `http:`
    /// address with `javascript:` in its query is not script.)
    fn scripted(html: &str) -> bool {
        let doc = scraper::Html::parse_fragment(html);
        let script_scheme = |v: &str| {
            let v: String = v
                .chars()
                .filter(|c| !c.is_control() && !c.is_whitespace())
                .collect::<String>()
                .to_ascii_lowercase();
            let end = v.find(['/', '?', '#']).unwrap_or(v.len());
            v[..end]
                .find(':')
                .is_some_and(|colon| v[..colon].contains("script") || &v[..colon] == "data")
        };
        doc.root_element().descendants().any(|n| {
            scraper::ElementRef::wrap(n).is_some_and(|e| {
                let el = e.value();
                el.name().eq_ignore_ascii_case("script")
                    || el.attrs().any(|(k, v)| {
                        k.to_ascii_lowercase().starts_with("on")
                            || (matches!(k, "href" | "src" | "action" | "formaction")
                                && script_scheme(v))
                    })
            })
        })
    }

    #[test]
    fn the_script_oracle_reads_schemes_as_a_browser_does() {
        assert!(scripted("<a href=\"java\tscript:x\">a</a>"));
        assert!(scripted("<a href=\" JavaScript:x\">a</a>"));
        assert!(scripted("<img src=\"data:text/html,x\">"));
        assert!(scripted("<b onclick=\"x\">a</b>"));
        assert!(scripted("<script>x</script>"));
        assert!(!scripted("<a href=\"http://e.org/?q=javascript:x\">a</a>"));
        assert!(!scripted("<a href=\"x/javascript:y\">a</a>"));
    }

    fn place(base: u8) -> Place<'static> {
        Place {
            heading_base: base,
            id_prefix: "p",
            locale: None,
        }
    }

    /// Pieces Markdown that tries to make markup is written with: angle brackets, entities,
    /// quotes, script addresses as links and autolinks, headings, code, footnotes, tables.
    fn piece() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "<",
            ">",
            "&",
            "&amp;",
            "&lt;",
            "&#x3C;",
            "\"",
            "'",
            "`",
            "``",
            "*",
            "_",
            "#",
            "# ",
            "\n",
            "\n\n",
            "    ",
            "[",
            "]",
            "(",
            ")",
            "!",
            "javascript:",
            "JaVaScRiPt:",
            "vbscript:",
            "data:text/html,",
            "http://e.org/?a=1&b=\"2\"",
            "https://e.org/x",
            "mailto:a@e.org",
            "a@e.org",
            "<http://e.org>",
            "<javascript:alert(1)>",
            "[x](javascript:alert(1))",
            "[x](java\tscript:alert(1))",
            "[x](<java script:x>)",
            "[x](http://e.org \"t\\\"itle\")",
            "![i](javascript:x \"t\")",
            "![a\"b](x.png)",
            "[x]: javascript:y\n",
            "[x][]",
            "<script>",
            "</script>",
            "<img src=x onerror=y>",
            "<a href=\"javascript:x\">",
            "<span lang=\"cy\">",
            "<!-- c -->",
            "onclick=",
            "```js\n",
            "```\n",
            "~~",
            "| a | b |\n|---|--:|\n| 1 | 2 |\n",
            "[^n]",
            "[^n]: note\n",
            "> ",
            "- ",
            "1. ",
            "\\",
            "\u{a0}",
            "é",
            "{#id}",
            "===\n",
            "---\n",
            "text",
            " ",
        ])
    }

    fn markdown() -> impl Strategy<Value = String> {
        prop::collection::vec(piece(), 0..24).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// Whenever a text takes the path without the sanitiser, its HTML is exactly the tree
        /// the sanitiser would have kept: nothing for it to remove (no script, no event
        /// attribute, no `javascript:` address, no tag or attribute outside its lists).
        #[test]
        fn text_without_raw_html_cannot_make_markup(text in markdown(), base in 1u8..5) {
            let m = Model::default();
            let (html, sanitised) = crate::markdown::render_both(&m, &text, place(base));
            if let Some(fast) = html {
                let tokens = tree(&fast);
                prop_assert_eq!(&tokens, &tree(&sanitised), "{:?}\n{}", text, fast);
                prop_assert!(!scripted(&fast), "{:?}\n{}", text, fast);
            }
        }
    }

    #[test]
    fn script_addresses_and_raw_html_take_the_sanitiser() {
        let m = Model::default();
        for text in [
            "[x](javascript:alert(1))",
            "<javascript:alert(1)>",
            "[x](JAVASCRIPT:alert(1))",
            "![i](data:image/png;base64,AA)",
            "a <b>bold</b>",
            "<div>x</div>",
            "```js\nx\n```",
            "[x](<java script:y>)",
        ] {
            let (fast, sanitised) = crate::markdown::render_both(&m, text, place(3));
            assert!(fast.is_none(), "{text} skipped the sanitiser");
            assert!(!sanitised.contains("=\"javascript"), "{sanitised}");
        }
        // A heading that would be the page's own h1 too.
        assert!(crate::markdown::render_both(&m, "# Top", place(0))
            .0
            .is_none());
    }

    #[test]
    fn ordinary_prose_skips_it_and_reads_the_same() {
        let m = Model::default();
        let text = "Some *prose* with [a link](https://e.org/a?b=1&c=2 \"T\") and `code`, \
                    \"quotes\" & a < b > c.\n\n## A heading\n\n- one\n- two\n";
        let (fast, sanitised) = crate::markdown::render_both(&m, text, place(3));
        let fast = fast.expect("plain prose skips the sanitiser");
        assert_eq!(tree(&fast), tree(&sanitised));
        assert_eq!(render(&m, text, place(3)), fast);
        assert!(fast.contains("<a href=\"https://e.org/a?b=1&amp;c=2\" title=\"T\">a link</a>"));
    }

    #[test]
    fn plain_urls_are_relative_or_web_or_mail() {
        for ok in [
            "",
            "a.html",
            "../x/y.html#z",
            "#top",
            "?q=a:b",
            "https://e.org/a:b",
            "HTTP://E.ORG",
            "mailto:a@e.org",
            "/x:y",
        ] {
            assert!(plain_url(ok), "{ok}");
        }
        for bad in [
            "javascript:x",
            "JavaScript:x",
            "vbscript:x",
            "data:x",
            "java\tscript:x",
            " javascript:x",
            "\u{1}javascript:x",
            "x:y",
            "tel:1",
        ] {
            assert!(!plain_url(bad), "{bad}");
        }
    }
}
