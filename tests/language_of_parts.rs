//! WCAG 3.1.2 (language of parts) on the sample's Welsh site: every text that comes from an
//! entity without a Welsh translation sits, on every Welsh page and in the Welsh PDFs, inside
//! an element marked with the default language (`lang="en-GB"`, `/Lang (en-GB)`), and no
//! Welsh text does.
//!
//! Which texts are which is read from the content folder, not from the build: the strings of
//! every content file that has no `.cy.yaml` beside it are English from an untranslated
//! entity; the strings of the `.cy.yaml` files (and the Welsh labels of the vocabulary) are
//! Welsh. A text shown on a page counts as one or the other when it is part of a string of
//! that kind only (Markdown splits a paragraph into several texts).

mod common;
use common::{tool, Project};
use scraper::{ElementRef, Html, Node};
use std::path::Path;

/// The sample's strings, whitespace collapsed: English ones of untranslated entities, and
/// Welsh ones.
struct Texts {
    english: Vec<String>,
    welsh: Vec<String>,
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every string leaf of a YAML value. In the vocabulary, a label or description given per
/// language (`{en: …, cy: …}`) counts for its language; one given once is in the default
/// language.
fn leaves(v: &serde_yaml::Value, english: &mut Vec<String>, welsh: &mut Vec<String>) {
    match v {
        serde_yaml::Value::String(s) => english.push(collapse(s)),
        serde_yaml::Value::Sequence(items) => {
            for i in items {
                leaves(i, english, welsh);
            }
        }
        serde_yaml::Value::Mapping(map) => {
            let per_language = map.get("cy").is_some() && map.get("en").is_some();
            for (k, v) in map {
                match (per_language, k.as_str()) {
                    (true, Some("cy")) => leaves(v, welsh, &mut Vec::new()),
                    (true, _) => {}
                    (false, _) => leaves(v, english, welsh),
                }
            }
        }
        _ => {}
    }
}

fn sample_texts() -> Texts {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (mut english, mut welsh) = (Vec::new(), Vec::new());
    for e in walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .filter_map(Result::ok)
    {
        let path = e.path();
        let name = e.file_name().to_string_lossy().into_owned();
        if !name.ends_with(".yaml") {
            continue;
        }
        let yaml: serde_yaml::Value =
            serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        if name.ends_with(".cy.yaml") {
            leaves(&yaml, &mut welsh, &mut Vec::new());
        } else if !path.with_extension("cy.yaml").exists() {
            leaves(&yaml, &mut english, &mut welsh);
        }
    }
    // The Welsh interface strings.
    let cy: serde_yaml::Value = serde_yaml::from_str(
        &std::fs::read_to_string(root.join("templates/locales/cy.yaml")).unwrap(),
    )
    .unwrap();
    leaves(&cy, &mut welsh, &mut Vec::new());
    Texts { english, welsh }
}

/// Whether a text is long enough to tell its language by: two words and ten characters.
fn long_enough(t: &str) -> bool {
    t.chars().count() >= 10 && t.split(' ').count() >= 2
}

#[derive(Debug, PartialEq)]
enum Kind {
    English,
    Welsh,
}

impl Texts {
    /// Which kind of string a shown text is part of; `None` for short texts (a word or an
    /// abbreviation, which may be either) and for texts found in both or neither.
    fn kind(&self, text: &str) -> Option<Kind> {
        let t = collapse(text);
        if !long_enough(&t) {
            return None;
        }
        // Part of a string, or holding a whole one ("2.3 Implementation and delivery" holds
        // a standard's title).
        let of = |list: &[String]| {
            list.iter()
                .any(|s| s.contains(&t) || (long_enough(s) && t.contains(s.as_str())))
        };
        let (en, cy) = (of(&self.english), of(&self.welsh));
        match (en, cy) {
            (true, false) => Some(Kind::English),
            (false, true) => Some(Kind::Welsh),
            _ => None,
        }
    }
}

/// The language in force at an element: its own `lang` or its nearest ancestor's.
fn lang_at(e: ElementRef) -> Option<String> {
    std::iter::once(e)
        .chain(e.ancestors().filter_map(ElementRef::wrap))
        .find_map(|a| a.value().attr("lang").map(str::to_string))
}

/// Each text of a page's body (not scripts) that is English or Welsh content, with the
/// language in force where it stands.
fn page_texts(html: &str, texts: &Texts) -> Vec<(Kind, String, Option<String>)> {
    let doc = Html::parse_document(html);
    let mut out = Vec::new();
    for node in doc.tree.nodes() {
        let Node::Text(t) = node.value() else {
            continue;
        };
        let Some(parent) = node.parent().and_then(ElementRef::wrap) else {
            continue;
        };
        let in_body = parent
            .ancestors()
            .filter_map(ElementRef::wrap)
            .any(|a| a.value().name() == "body");
        if !in_body || ["script", "style"].contains(&parent.value().name()) {
            continue;
        }
        if let Some(kind) = texts.kind(t) {
            out.push((kind, collapse(t), lang_at(parent)));
        }
    }
    out
}

fn built() -> Project {
    let p = Project::sample();
    let r = p.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    p
}

#[test]
fn english_on_welsh_pages_is_marked_english_and_welsh_is_not() {
    let texts = sample_texts();
    let p = built();
    let cy = p.path("output/cy");
    let mut wrong = Vec::new();
    let (mut english, mut welsh) = (0, 0);
    for e in walkdir::WalkDir::new(&cy)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
    {
        let rel = e.path().strip_prefix(&cy).unwrap().display().to_string();
        let html = std::fs::read_to_string(e.path()).unwrap();
        for (kind, text, lang) in page_texts(&html, &texts) {
            let expected = match kind {
                Kind::English => {
                    english += 1;
                    "en-GB"
                }
                Kind::Welsh => {
                    welsh += 1;
                    "cy"
                }
            };
            if lang.as_deref() != Some(expected) {
                wrong.push(format!("{rel}: {kind:?} {text:?} is in lang {lang:?}"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} texts:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    // The Welsh chapters show English evidence, findings, a scale and quotes, and the pages
    // list untranslated guides and chapters: there is plenty of each to check.
    assert!(
        english > 150 && welsh > 150,
        "{english} English, {welsh} Welsh"
    );
    let evidence =
        std::fs::read_to_string(cy.join("guides/keeping-people-safe/kps-evidence.html")).unwrap();
    let here = page_texts(&evidence, &texts);
    assert!(
        here.iter().filter(|(k, ..)| *k == Kind::English).count() > 30,
        "{here:?}"
    );
}

#[test]
fn english_in_the_welsh_pdfs_is_tagged_english_and_welsh_is_not() {
    let texts = sample_texts();
    let p = built();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pdf/marked_text_langs.py");
    for (pdf, least_english) in [
        ("guides/keeping-people-safe/keeping-people-safe.pdf", 40),
        ("checklists/kps-self-assessment.pdf", 0),
    ] {
        let path = p.path("output/cy").join(pdf);
        let json = tool(
            "python3",
            &[script.to_str().unwrap(), path.to_str().unwrap()],
        );
        let pieces: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
        let (mut english, mut welsh, mut wrong) = (0, 0, Vec::new());
        for piece in &pieces {
            let text = piece["text"].as_str().unwrap();
            let lang = piece["lang"].as_str().unwrap();
            let expected = match texts.kind(text) {
                Some(Kind::English) => {
                    english += 1;
                    "en-GB"
                }
                Some(Kind::Welsh) => {
                    welsh += 1;
                    "cy"
                }
                None => continue,
            };
            if lang != expected {
                wrong.push(format!("{text:?} is in {lang} ({})", piece["type"]));
            }
        }
        assert!(wrong.is_empty(), "{pdf}: {}", wrong.join("\n"));
        assert!(
            english >= least_english && welsh > 40,
            "{pdf}: {english} English, {welsh} Welsh"
        );
    }
}
