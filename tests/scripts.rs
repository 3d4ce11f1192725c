//! Text in other scripts and languages in the PDF, checked from outside: poppler (`pdftotext`,
//! `pdffonts`), pypdf (`tests/pdf/read_text_and_langs.py`: text and the structure tree's
//! `/Lang`) and the build's warnings. The content is `tests/fixtures/other_scripts.rs`.

mod common;
#[path = "fixtures/other_scripts.rs"]
mod other_scripts;

use common::{tool, Project};
use other_scripts as fx;

/// Words separated by single spaces: line breaks and the spacing of a reader's output do not
/// count, the words and their order do.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// pdftotext's text with the bidi embedding marks poppler wraps around right-to-left runs
/// (U+202A–U+202E) read as the word breaks they stand at.
fn poppler_text(pdf: &std::path::Path) -> String {
    let text = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    flat(&text.replace(|c| ('\u{202A}'..='\u{202E}').contains(&c), " "))
}

fn pypdf(pdf: &std::path::Path) -> serde_json::Value {
    let script =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pdf/read_text_and_langs.py");
    let out = tool(
        "python3",
        &[script.to_str().unwrap(), pdf.to_str().unwrap()],
    );
    serde_json::from_str(&out).unwrap()
}

/// The fonts `pdffonts` lists, by base name without the subset tag.
fn fonts(pdf: &std::path::Path) -> Vec<String> {
    tool("pdffonts", &[pdf.to_str().unwrap()])
        .lines()
        .skip(2)
        .filter_map(|l| l.split_whitespace().next())
        .map(|n| n.split_once('+').map_or(n, |(_, b)| b).to_string())
        .collect()
}

#[test]
fn fallback_fonts_are_embedded_only_in_the_pdf_that_uses_them() {
    let p = Project::sample();
    assert_eq!(p.run(&["build"]).code, 0);
    let before = fonts(&p.path(fx::PDF));
    assert!(before.iter().any(|f| f == "NotoSans-Regular"), "{before:?}");
    assert!(
        !before
            .iter()
            .any(|f| f.contains("Arabic") || f.contains("Hebrew")),
        "{before:?}"
    );
    fx::add(&p);
    let r = p.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let after = fonts(&p.path(fx::PDF));
    for f in ["NotoNaskhArabic-Regular", "NotoSansHebrew-Regular"] {
        assert!(after.iter().any(|x| x == f), "{f} not embedded: {after:?}");
    }
    let listing = tool("pdffonts", &[p.path(fx::PDF).to_str().unwrap()]);
    for line in listing
        .lines()
        .filter(|l| l.contains("Arabic") || l.contains("Hebrew"))
    {
        // Embedded, subset, with a ToUnicode map.
        assert!(line.contains("yes yes yes"), "{line}");
    }
    let other = fonts(&p.path(fx::OTHER_PDF));
    assert!(
        !other
            .iter()
            .any(|f| f.contains("Arabic") || f.contains("Hebrew")),
        "the other guide embeds a fallback font it does not use: {other:?}"
    );
}

#[test]
fn arabic_and_hebrew_extract_in_reading_order_and_the_summary_keeps_both_paragraphs() {
    let p = Project::sample();
    fx::add(&p);
    let r = p.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let pdf = p.path(fx::PDF);
    // pypdf puts right-to-left runs back in reading order: everything extracts as written.
    let read = pypdf(&pdf);
    let text = flat(read["text"].as_str().unwrap());
    for written in [
        format!("“{}”", fx::ARABIC_QUOTE),
        fx::sentence(),
        fx::SECOND_SUMMARY.to_string(),
    ] {
        assert!(text.contains(&written), "pypdf lost `{written}`");
    }
    // poppler reorders too, but on a page that reads left to right it moves the spaces and
    // punctuation at the edges of a right-to-left run (and splits a run at an Arabic comma):
    // each run's words come back as written, in order.
    let poppler = poppler_text(&pdf);
    let sentence = fx::sentence();
    let (hebrew_part, _) = sentence.split_once(", and the sign").unwrap();
    assert!(poppler.contains(hebrew_part), "{poppler}");
    assert!(poppler.contains(fx::GREETING.trim_matches(['«', '»'])));
    for clause in fx::ARABIC_QUOTE.trim_end_matches('.').split('،') {
        assert!(
            poppler.contains(clause.trim()),
            "`{clause}` lost: {poppler}"
        );
    }
    assert!(poppler.contains(fx::SECOND_SUMMARY));
}

#[test]
fn marked_languages_become_lang_on_their_structure_elements() {
    let p = Project::sample();
    fx::add(&p);
    assert_eq!(p.run(&["build"]).code, 0);
    let read = pypdf(&p.path(fx::PDF));
    let langs: Vec<(String, String, String)> = read["langs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            let s = |i: usize| l[i].as_str().unwrap_or_default().to_string();
            (s(0), s(1), s(2))
        })
        .collect();
    let want = |s: &str, lang: &str, parent: &str| (s.into(), lang.into(), parent.into());
    assert_eq!(
        langs,
        vec![
            // The two spans, inside their paragraph, in reading order…
            want("/Span", "he", "/P"),
            want("/Span", "cy", "/P"),
            // …the quotes block, set whole in its file's language (a `Div` with `/Lang`, as
            // every entity in a language other than the page's: WCAG 3.1.2)…
            want("/Div", "ar", "/Document"),
            // …and the Arabic quote's paragraph, from its quotes file's `lang`.
            want("/P", "ar", "/BlockQuote"),
        ]
    );
    // The document's own language is the catalog's, not repeated on elements.
    let doc = lopdf::Document::load(p.path(fx::PDF)).unwrap();
    let lang = doc
        .catalog()
        .unwrap()
        .get(b"Lang")
        .unwrap()
        .as_str()
        .unwrap();
    assert_eq!(lang, b"en-GB");
}

#[test]
fn only_characters_no_font_has_are_reported_and_they_still_extract() {
    let p = Project::sample();
    fx::add(&p);
    let r = p.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for c in fx::MISSING {
        let at = p.locate(fx::CHAPTER, &c.to_string());
        assert!(
            r.stderr.contains(&format!("no glyph for `{c}`")) && r.stderr.contains(&at),
            "{c} at {at} not reported: {}",
            r.stderr
        );
    }
    // Drawn by the fallback fonts (and the guillemets with them): no warning.
    for c in ['»', '«', 'ا', 'ב'] {
        assert!(
            !r.stderr.contains(&format!("no glyph for `{c}`")),
            "{c} reported missing though it is drawn: {}",
            r.stderr
        );
    }
    assert_eq!(r.stderr.matches("no glyph for").count(), fx::MISSING.len());
    // Each replacement glyph extracts as its own character (/ActualText), not as the other.
    let written = format!(
        "Two symbols no font has: {} and {}.",
        fx::MISSING[0],
        fx::MISSING[1]
    );
    assert!(poppler_text(&p.path(fx::PDF)).contains(&written));
}

#[test]
fn the_web_page_keeps_the_marked_languages_and_directions() {
    let p = Project::sample();
    fx::add(&p);
    // A language tag that is not one and a direction that is not one are dropped, the span kept.
    p.edit(
        fx::CHAPTER,
        "      Two symbols",
        "      A <span lang=\"klingonese-99\" dir=\"upward\">made-up</span> tag. Two symbols",
    );
    assert_eq!(p.run(&["build"]).code, 0);
    let html =
        std::fs::read_to_string(p.path("output/guides/keeping-people-safe/kps-evidence.html"))
            .unwrap();
    let doc = scraper::Html::parse_document(&html);
    let spans: Vec<(Option<&str>, Option<&str>, String)> = doc
        .select(&scraper::Selector::parse("main span").unwrap())
        .map(|e| {
            let a = e.value();
            (a.attr("lang"), a.attr("dir"), e.text().collect::<String>())
        })
        .filter(|(_, _, t)| [fx::HEBREW, fx::WELSH, "made-up"].contains(&t.as_str()))
        .collect();
    assert_eq!(
        spans,
        vec![
            (Some("he"), Some("rtl"), fx::HEBREW.to_string()),
            (Some("cy"), None, fx::WELSH.to_string()),
            (None, None, "made-up".to_string()),
        ]
    );
    let quote = doc
        .select(&scraper::Selector::parse("blockquote[lang]").unwrap())
        .next()
        .expect("the Arabic quote's blockquote carries its language");
    assert_eq!(quote.value().attr("lang"), Some("ar"));
    assert_eq!(quote.value().attr("dir"), Some("auto"));
    assert_eq!(quote.text().collect::<String>().trim(), fx::ARABIC_QUOTE);
}
