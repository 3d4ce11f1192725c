//! A vocabulary label without a text in a page's language falls back to the default
//! language's: on the Welsh pages that text sits in an element marked `lang="en-GB"`, and in
//! the Welsh PDFs in a span or element with `/Lang (en-GB)`, as other English on Welsh pages
//! does (tests/language_of_parts.rs). The labels are taken out of the sample's vocabulary
//! here, so which texts are English is known without the build.

mod common;
use common::{tool, Project};
use scraper::{ElementRef, Html, Node};
use std::path::Path;

/// The sample with two labels left without their Welsh: a service and a standards framework.
fn with_english_only_labels() -> Project {
    let p = Project::sample();
    let v = "vocabulary.yaml";
    p.edit(
        v,
        "label: {en: Probation, cy: Prawf}",
        "label: {en: Probation}",
    );
    p.edit(
        v,
        "label: {en: Probation case supervision standards, cy: Safonau goruchwylio achosion prawf}",
        "label: {en: Probation case supervision standards}",
    );
    let r = p.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    p
}

/// The language in force at a text: its nearest element's `lang`.
fn lang_at(e: ElementRef) -> Option<String> {
    let mut at = Some(e);
    while let Some(el) = at {
        if let Some(l) = el.value().attr("lang") {
            return Some(l.to_string());
        }
        at = el.parent().and_then(ElementRef::wrap);
    }
    None
}

/// Every (text, language) on the page whose text is one of `labels`, whitespace collapsed.
fn label_texts(html: &str, labels: &[&str]) -> Vec<(String, Option<String>)> {
    let doc = Html::parse_document(html);
    let mut out = Vec::new();
    for node in doc.root_element().descendants() {
        let Node::Text(t) = node.value() else {
            continue;
        };
        let text = t.split_whitespace().collect::<Vec<_>>().join(" ");
        let Some(parent) = node.parent().and_then(ElementRef::wrap) else {
            continue;
        };
        if matches!(parent.value().name(), "script" | "style" | "title") {
            continue;
        }
        if labels
            .iter()
            .any(|l| text == *l || text == l.to_lowercase())
        {
            out.push((text, lang_at(parent)));
        }
    }
    out
}

fn html_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let path = e.unwrap().path();
        if path.is_dir() {
            html_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "html") {
            out.push(path);
        }
    }
}

#[test]
fn a_label_without_welsh_is_marked_english_on_welsh_pages_and_in_welsh_pdfs() {
    let p = with_english_only_labels();
    let labels = ["Probation", "Probation case supervision standards"];
    let mut pages = Vec::new();
    html_files(&p.path("output/cy"), &mut pages);
    let mut seen = std::collections::BTreeMap::new();
    let mut wrong = Vec::new();
    for page in &pages {
        let html = std::fs::read_to_string(page).unwrap();
        for (text, lang) in label_texts(&html, &labels) {
            *seen.entry(text.clone()).or_insert(0) += 1;
            if !lang.as_deref().is_some_and(|l| l.starts_with("en")) {
                wrong.push(format!("{}: `{text}` is in {lang:?}", page.display()));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // The home page names the service; the standards page the framework.
    assert!(seen.get("Probation").is_some_and(|n| *n > 0), "{seen:?}");
    assert!(
        seen.get("Probation case supervision standards")
            .is_some_and(|n| *n > 0),
        "{seen:?}"
    );
    // The labels that keep their Welsh are not marked.
    let standards = std::fs::read_to_string(p.path("output/cy/standards/index.html")).unwrap();
    let welsh = label_texts(
        &standards,
        &["Safonau goruchwylio achosion cyfiawnder ieuenctid"],
    );
    assert!(
        !welsh.is_empty(),
        "the other framework is on the standards page"
    );
    assert!(
        welsh.iter().all(|(_, l)| l.as_deref() == Some("cy")),
        "{welsh:?}"
    );

    // The Welsh guide's PDF: "Ar gyfer probation" on its title page, the service in English.
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pdf/marked_text_langs.py");
    let pdf = p.path("output/cy/guides/keeping-people-safe/keeping-people-safe.pdf");
    let json = tool(
        "python3",
        &[script.to_str().unwrap(), pdf.to_str().unwrap()],
    );
    let pieces: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    let service: Vec<&serde_json::Value> = pieces
        .iter()
        .filter(|x| x["text"].as_str().is_some_and(|t| t.trim() == "probation"))
        .collect();
    assert!(!service.is_empty(), "no `probation` in the PDF: {pieces:?}");
    assert!(service.iter().all(|x| x["lang"] == "en-GB"), "{service:?}");
    let before: Vec<&serde_json::Value> = pieces
        .iter()
        .filter(|x| x["text"].as_str().is_some_and(|t| t.trim() == "Ar gyfer"))
        .collect();
    assert!(
        before.iter().any(|x| x["lang"] == "cy"),
        "the Welsh around it stays Welsh: {before:?}"
    );
}
