//! A Welsh report over two audit rounds, grouped, with classifications, actions, evidence, a
//! file that is not a return and a return with problems — every part of the report — says
//! nothing in English: no English interface string of the theme's `en.yaml` is left in the
//! page (its text, its charts' names and descriptions) or the PDF, and the Welsh ones for the
//! same parts are there. What counts as English is read from `en.yaml` and `cy.yaml`, not
//! from the code; the Welsh sentences expected are written out by hand.

mod common;
use common::{sample_return, Project};
use scraper::{ElementRef, Html, Node};
use std::collections::BTreeMap;
use std::process::Command;

const ROUNDS: [&str; 2] = ["2024-C2", "2024-C3"];

/// Writes ten returns per round into `ffurflenni/ROUND` (names without English words).
fn write_rounds(p: &Project) {
    let levels = ["low", "medium", "high", "very-high"];
    for (r, round) in ROUNDS.iter().enumerate() {
        let dir = p.path(&format!("ffurflenni/{round}"));
        std::fs::create_dir_all(&dir).unwrap();
        for n in 0..10usize {
            let a1 = if n < 3 + 6 * r { "yes" } else { "no" };
            let team = if n % 2 == 0 { "Gogledd" } else { "De" };
            let case = format!("CY-{n:02}");
            let date = format!("2024-{:02}-{:02}", 4 + 3 * r, n + 1);
            let recorded = levels[n % 4];
            let judged = levels[(n + n % 3) % 4];
            let mut ret: serde_json::Value = serde_json::from_str(&sample_return(
                &[
                    ("case-reference", &case),
                    ("team", team),
                    ("audit-date", &date),
                    ("recorded-classification", recorded),
                    ("auditor-classification", if n == 9 { "" } else { judged }),
                ],
                &[
                    ("kps-q1", a1),
                    ("kps-q2", if n == 4 { "efallai" } else { "yes" }),
                ],
            ))
            .unwrap();
            ret["answers"]["kps-q1"]["evidence"] = "Nodyn ar yr achos".into();
            if n < 2 {
                let status = if n == 0 { "ar agor" } else { "" };
                ret["actions"] = serde_json::json!([{"action": "Adolygu'r cynllun",
                    "question": "A1", "owner": "Rheolwr tîm", "due": "2024-12-01", "status": status}]);
            }
            std::fs::write(dir.join(format!("f{n:02}.json")), ret.to_string()).unwrap();
        }
        std::fs::write(dir.join("nodiadau.txt"), "nid ffurflen").unwrap();
    }
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The page's text as a reader meets it (visible text, SVG titles and descriptions, and the
/// attributes read aloud or shown), leaving out code (file names, values) and anything
/// marked as English.
fn page_text(html: &str) -> String {
    fn walk(e: ElementRef, out: &mut String) {
        let name = e.value().name();
        if matches!(name, "script" | "style" | "code")
            || e.value().attr("lang").is_some_and(|l| l.starts_with("en"))
        {
            return;
        }
        for a in ["aria-label", "title", "alt", "data-sort-hint"] {
            if let Some(v) = e.value().attr(a) {
                out.push_str(&format!(" {v} "));
            }
        }
        for c in e.children() {
            match c.value() {
                Node::Text(t) => out.push_str(&format!(" {} ", &**t)),
                Node::Element(_) => walk(ElementRef::wrap(c).unwrap(), out),
                _ => {}
            }
        }
    }
    let doc = Html::parse_document(html);
    let mut out = String::new();
    walk(doc.root_element(), &mut out);
    collapse(&out)
}

fn pdf_text(p: &Project) -> String {
    let out = Command::new("pdftotext")
        .arg(p.path("report/report.pdf"))
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is needed");
    assert!(out.status.success());
    collapse(&String::from_utf8_lossy(&out.stdout))
}

fn locale(lang: &str) -> BTreeMap<String, String> {
    let path = format!(
        "{}/templates/locales/{lang}.yaml",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The pieces of the English strings of the report (keys `report_…` and the page furniture
/// the report uses) between placeholders, long enough to be unmistakably English (three
/// words or more), and that the Welsh file does not also use (a citation, a setting's name).
fn english_pieces() -> Vec<String> {
    let (en, cy) = (locale("en"), locale("cy"));
    let welsh_text: String = cy.values().cloned().collect::<Vec<_>>().join("\n");
    let furniture = ["skip_link", "small_number", "contents", "form_action_plan"];
    let mut out = Vec::new();
    for (key, text) in &en {
        let ours = key.starts_with("report_") || furniture.contains(&key.as_str());
        if !ours || cy.get(key) == Some(text) {
            continue;
        }
        for piece in text.split(['{', '}']).step_by(2) {
            let piece = collapse(piece.trim_matches(|c: char| !c.is_alphanumeric()));
            let words = piece
                .split(' ')
                .filter(|w| w.chars().any(char::is_alphabetic));
            if words.count() >= 3 && !welsh_text.contains(&piece) {
                out.push(piece);
            }
        }
    }
    out
}

/// Words no Welsh sentence of the report uses, found anywhere else they are English left
/// behind (code in the page is left out, and so are the untranslated sample's English
/// labels, removed first by the caller).
const ENGLISH_WORDS: [&str; 21] = [
    "the",
    "of",
    "and",
    "with",
    "from",
    "by",
    "not",
    "returns",
    "return",
    "round",
    "rounds",
    "improvement",
    "decline",
    "agreed",
    "limits",
    "overall",
    "status",
    "none",
    "question",
    "section",
    "group",
];

fn english_words_in(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| ENGLISH_WORDS.contains(&w.to_lowercase().as_str()))
        .map(String::from)
        .collect()
}

#[test]
fn a_welsh_report_over_two_rounds_has_no_english_interface_string_left() {
    let p = Project::sample();
    write_rounds(&p);
    let rounds: Vec<String> = ROUNDS
        .iter()
        .map(|r| format!("{r}=ffurflenni/{r}"))
        .collect();
    let r = p.run(&[
        "collect",
        "--checklist",
        "kps-self-assessment",
        "--output",
        "report",
        "--lang",
        "cy",
        "--group-by",
        "team",
        "--include-evidence",
        "--round",
        &rounds[0],
        "--round",
        &rounds[1],
    ]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let html = std::fs::read_to_string(p.path("report/index.html")).unwrap();
    let page = page_text(&html);
    let pdf = pdf_text(&p);

    let pieces = english_pieces();
    assert!(
        pieces.len() > 100,
        "too few English strings read: {pieces:?}"
    );
    for piece in &pieces {
        assert!(
            !page.contains(piece.as_str()),
            "English `{piece}` in the page: {page}"
        );
        assert!(
            !pdf.contains(piece.as_str()),
            "English `{piece}` in the PDF: {pdf}"
        );
    }
    // The sample's untranslated entities (the standards, the risk scale) keep their English
    // words, marked as English (so left out of the page's text above); anything else English
    // is left over.
    assert_eq!(english_words_in(&page), Vec::<String>::new(), "{page}");
    assert!(
        html.contains("<span lang=\"en-GB\">Implementation and delivery</span>"),
        "the untranslated standard's title is marked"
    );
    assert!(html.contains("<th scope=\"row\" lang=\"en-GB\">Very high</th>"));
    // In the PDF (whose text has no marks) the same words are spans with /Lang (en-GB), read
    // by pypdf; the PDF quotes values as ‘…’ where the page has code.
    let script = format!(
        "{}/tests/pdf/marked_text_langs.py",
        env!("CARGO_MANIFEST_DIR")
    );
    let report = p.path("report/report.pdf");
    let json = common::tool("python3", &[&script, report.to_str().unwrap()]);
    let pieces: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    for english in ["Implementation and delivery", "Very high"] {
        let found: Vec<_> = pieces
            .iter()
            .filter(|x| x["text"].as_str().is_some_and(|t| t.trim() == english))
            .collect();
        assert!(!found.is_empty(), "no `{english}` in the PDF");
        assert!(
            found.iter().all(|x| x["lang"] == "en-GB"),
            "{english}: {found:?}"
        );
    }
    let pdf_rest = ["Implementation and delivery", "Very high"]
        .iter()
        .fold(pdf.clone(), |t, l| t.replace(l, ""));
    let pdf_rest: String = pdf_rest.split(['‘', '’']).step_by(2).collect();
    assert_eq!(
        english_words_in(&pdf_rest),
        Vec::<String>::new(),
        "{pdf_rest}"
    );

    // Whole numbers are written whole, as the English report writes them ("73%", not
    // "73.0%"), in the funnel tables' captions and limits too.
    assert!(page.contains("Data'r plot twndis: "), "{page}");
    assert!(!page.contains(".0%"), "{page}");

    // The Welsh for the parts that were English, written out here.
    for welsh in [
        "Newid rhwng cylchoedd",
        "i fyny 60.0 pwynt, gwelliant ystyrlon",
        "A1 o 2024-C2 i 2024-C3: i fyny 60.0 pwynt, gwelliant ystyrlon.",
        "Canran gadarnhaol fesul cylch, a'r newid ers y cylch blaenorol",
        "Newid ers 2024-C2",
        "Cytundeb ar ddosbarthiadau",
        "roedd yr archwilydd yn cytuno â'r dosbarthiad a gofnodwyd",
        "Ni chofnododd 1 ffurflen y ddau.",
        "dim statws (1)",
        "nid ffurflen a ddychwelwyd (nid ffurflen PDF, DOCX nac ODT, nac allforiad JSON na CSV)",
        "caiff ei gyfrif fel heb ei ateb",
        "Lluniwyd gan guidewright o restr wirio kps-self-assessment",
        "2024-C2 (10 ffurflen), 2024-C3 (10 ffurflen); mae'r adroddiad hwn ar gyfer 2024-C3",
        // Welsh grammar: the singular after a numeral, the article before a vowel, and "o"
        // before the plural.
        "Mewn 9 o'r 10 achos (90%",
        "lle'r oedd o leiaf 10 achos yn berthnasol",
        "y ganran yw nifer yr achosion a gafodd yr ateb cadarnhaol",
        "Rhoddir pob canran gyda'i nifer o achosion",
        "Nifer yr achosion perthnasol",
    ] {
        assert!(page.contains(welsh), "`{welsh}` not in the page: {page}");
    }
    for welsh in [
        "Newid rhwng cylchoedd",
        "A1 o 2024-C2 i 2024-C3: i fyny 60.0 pwynt, gwelliant ystyrlon.",
        "Cytundeb ar ddosbarthiadau",
        "dim statws (1)",
    ] {
        assert!(pdf.contains(welsh), "`{welsh}` not in the PDF: {pdf}");
    }
}
